"""The engine's per-node-type facts, computed for the whole catalog at once.

The offline readers and the prompt builder derive facts from each node type's description
when a request first names it: its operations and their words (``candidates``), the words it
knows (``object_vocabulary``, ``description_words``, ``field_words``), its app names, its API
credential and the short schema block of the prompt. Each costs 1-3 ms the first time and
nothing after (``lru_cache``). In a long-running service every type a client names is paid
for by one of its requests: a burst of 200 chats on 40 distinct requests paid it on about
40 per worker (thread CPU of a first-seen request on the LLM path 59 -> 48 ms with the facts
computed; the same request seen again, 14 ms). A worker computes them all before it takes
requests instead (``warm_node_facts``), for the types public workflows use (the mined
patterns': 271 of the catalog's 848 types, ~99% of the node uses in the template corpus):
~1.5-2.5 s of CPU and ~27 MB once per process, and a first-seen request on the LLM path
then took 34-37 ms instead of 45-55 (generation 13 ms instead of 22-26; 40 distinct bench
requests, three alternating runs). Every type of the catalog would cost ~7 s and ~90 MB more
for the rare rest.
"""

from __future__ import annotations

from engine.context.assemble import compact_block, full_block
from engine.context.operations import operation_lines
from engine.context.schema import NodeChoice
from engine.offline.api_credentials import proxy_credential
from engine.offline.app_naming import app_names
from engine.offline.node_vocabulary import description_words, field_words, object_vocabulary
from engine.offline.operations import candidates, mined_patterns
from indexing.catalog.load import load_catalog

#: The per-type facts, each a cached function of the node type alone. Their caches hold more
#: entries than the catalog has types (848 in n8n 2.41), so warming one fact for every type
#: does not evict another type's.
PER_TYPE_FACTS = (
    candidates,
    object_vocabulary,
    description_words,
    field_words,
    proxy_credential,
    app_names,
    compact_block,
    operation_lines,
)


def used_node_types() -> list[str]:
    """The catalog's node types the mined patterns hold (those public workflows use), sorted."""
    catalog = load_catalog()
    return sorted({p.get("node_type") for p in mined_patterns()} & set(catalog.types()))


def warm_node_facts(types: list[str] | None = None) -> int:
    """Compute every per-type fact of ``types`` (default ``used_node_types()``), and the
    prompt's schema block of each operation the mined patterns use on them; how many types."""
    types = used_node_types() if types is None else types
    for node_type in types:
        for fact in PER_TYPE_FACTS:
            fact(node_type)
    wanted = set(types)
    for p in mined_patterns():
        if p.get("kind") == "operation" and p.get("node_type") in wanted:
            choice = NodeChoice(p["node_type"], p.get("resource"), p.get("operation"))
            full_block(choice, choose_operation=False)  # as the prompt builder calls it
    return len(types)
