"""A first prompt build in a worker reads what it needs straight off the catalog where that is
exact; these check the shortcuts give what the general path gives, for every catalog type."""

from __future__ import annotations

from engine.context.assemble import displayed_operations, operation_names
from engine.offline.operations import candidates
from indexing.catalog.load import load_catalog

CATALOG = load_catalog()


def _from_candidates(node_type: str) -> list[str]:
    return [
        "/".join(x for x in (c.resource, c.operation) if x)
        for c in candidates(node_type)
        if c.operation
    ]


def test_operation_names_read_off_the_options_equal_the_candidates_for_every_type() -> None:
    read_directly = 0
    for node_type in CATALOG.types():
        direct = displayed_operations(node_type)
        if direct is not None:
            read_directly += 1
            assert direct == _from_candidates(node_type), node_type
        assert operation_names(node_type) == _from_candidates(node_type), node_type
    # the shortcut is the common case (813 of 848 types when written), or it saves nothing
    assert read_directly >= 0.9 * len(CATALOG.types())


def test_a_type_whose_operation_rules_test_another_parameter_takes_the_general_path() -> None:
    tested_elsewhere = [
        t
        for t in CATALOG.types()
        if any(
            set((p.raw.get("displayOptions") or {}).get("show") or {})
            - {"resource", "/resource", "@version", "@tool"}
            for p in CATALOG.get(t, CATALOG.default_version(t)).properties
            if p.name == "operation"
        )
    ]
    assert tested_elsewhere
    assert all(displayed_operations(t) is None for t in tested_elsewhere)


def test_an_unknown_type_has_no_operations() -> None:
    assert displayed_operations("n8n-nodes-base.noSuchNode") == []
    assert operation_names("n8n-nodes-base.noSuchNode") == []
