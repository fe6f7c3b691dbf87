"""``engine.node_facts``: a worker computes the per-type facts before it takes requests, so
the first request naming a common app does not pay for them (#12)."""

from __future__ import annotations

from engine.context.assemble import full_block
from engine.context.schema import NodeChoice
from engine.node_facts import EVERY_TYPE_FACTS, PER_TYPE_FACTS, used_node_types, warm_node_facts
from engine.offline.operations import mined_patterns
from indexing.catalog.load import load_catalog


def test_used_types_are_catalog_types_public_workflows_use() -> None:
    used = used_node_types()
    catalog = load_catalog()
    assert used == sorted(used) and len(used) > 100
    assert all(t in catalog for t in used)
    assert {"n8n-nodes-base.slack", "n8n-nodes-base.googleSheets"} <= set(used)


def test_every_fact_is_a_cache_hit_after_the_warm_up() -> None:
    """Each fact is cached under the key its readers use, and the warm-up filled it: asking
    again is a hit, not a second computation (a fact whose cache is smaller than the types
    warmed, or a call whose arguments differ from the readers', would miss here)."""
    types = used_node_types()
    assert warm_node_facts(types) == len(types)
    for fact in PER_TYPE_FACTS:
        before = fact.cache_info()
        for node_type in types:
            fact(node_type)
        after = fact.cache_info()
        assert after.misses == before.misses, fact.__name__
        assert after.hits == before.hits + len(types), fact.__name__
    every = load_catalog().types()
    for fact in EVERY_TYPE_FACTS:
        before = fact.cache_info()
        for node_type in every:
            fact(node_type)
        assert fact.cache_info().misses == before.misses, fact.__name__


def test_the_schema_block_of_each_mined_operation_is_warm() -> None:
    types = set(used_node_types())
    warm_node_facts(sorted(types))
    choices = [
        NodeChoice(p["node_type"], p.get("resource"), p.get("operation"))
        for p in mined_patterns()
        if p.get("kind") == "operation" and p.get("node_type") in types
    ]
    assert len(choices) > 100
    before = full_block.cache_info()
    for choice in choices:
        full_block(choice, choose_operation=False)
    assert full_block.cache_info().misses == before.misses
