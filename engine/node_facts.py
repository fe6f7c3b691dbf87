"""The engine's per-node-type facts, computed ahead for the whole catalog.

The offline readers and the prompt builder derive facts from each node type's description
when a request first names it: its operations and their words (``candidates``), the words it
knows (``object_vocabulary``, ``description_words``, ``field_words``), its app names, its API
credential and the prompt's schema blocks. Each costs 1-3 ms the first time and nothing after
(``lru_cache``). In a long-running service every type a client names is paid for by one of
its requests: a burst of 200 chats over 40 distinct requests paid it on about 40 requests per
worker, and the slow-provider figure of #12 is the CPU done before the provider calls.

A worker computes them before it takes requests instead (``warm_node_facts``): every fact
for the 246 catalog types the mined patterns hold (those public workflows use, ~99% of the
node uses in the template corpus), the operations and compact schema block of every type.
Measured on 40 distinct bench requests new to the process (anthropic path, two alternating
runs, ``/tmp/m18/lead/coldwarm2.py``): the generation stage 31.5/27.2 -> 15.7/10.9 ms, a
first-seen request's CPU 3.3-4.1x -> 2.7-2.8x that of the same request seen again. Cost per
worker, once: ~3-4 s of CPU and ~77 MB.
"""

from __future__ import annotations

from engine.context.assemble import compact_block, full_block
from engine.context.operations import operation_lines
from engine.context.schema import NodeChoice
from engine.intent.names import (
    message_trigger_for,
    messaging_app_without_trigger,
    newer_edition,
    record_words,
    trigger_for,
)
from engine.offline.api_credentials import proxy_credential
from engine.offline.app_naming import app_names
from engine.offline.node_vocabulary import description_words, field_words, object_vocabulary
from engine.offline.operations import candidates, mined_operation_support, mined_patterns
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


#: The facts asked of nearly any type, computed for every type of the catalog: the spec asks
#: for the operations of whatever app a request names, and retrieval brings the compact
#: schema block of types no public workflow uses (tool variants, rarer apps) into prompts:
#: 15 and 59 of them on 40 bench requests; the intent stage asks which trigger and which
#: records an app has of every app a request names. ~1.6 s and ~75 MB more than the common
#: types alone.
EVERY_TYPE_FACTS = (
    candidates,
    compact_block,
    trigger_for,
    newer_edition,
    message_trigger_for,
    messaging_app_without_trigger,
    record_words,
)


def used_node_types() -> list[str]:
    """The catalog's node types the mined patterns hold (those public workflows use), sorted."""
    catalog = load_catalog()
    return sorted({p.get("node_type") for p in mined_patterns()} & set(catalog.types()))


def warm_node_facts(types: list[str] | None = None) -> int:
    """Compute every per-type fact of ``types`` (default ``used_node_types()``), the
    prompt's schema block of each operation the mined patterns use on them, and the
    ``EVERY_TYPE_FACTS`` of every catalog type; how many types got every fact."""
    types = used_node_types() if types is None else types
    for node_type in load_catalog().types():
        for fact in EVERY_TYPE_FACTS:
            fact(node_type)
    for node_type in types:
        for fact in PER_TYPE_FACTS:
            fact(node_type)
    wanted = set(types)
    for node_type, resource, operation in mined_operation_support():
        if node_type in wanted:
            choice = NodeChoice(node_type, resource, operation)
            full_block(choice, choose_operation=False)  # as the prompt builder calls it
    return len(types)
