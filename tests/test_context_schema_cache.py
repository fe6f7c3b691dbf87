"""The schema's applicable properties and credentials line are cached per catalog entry; the
cached answers must equal a fresh computation for every entry and fixed values.

The oracle is a second, separately loaded catalog: its entries are new objects, so nothing
cached for the shared catalog's entries can answer for them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.context.schema import applicable_properties, credentials_line
from indexing.catalog.load import Catalog, load_catalog, read_catalog_file
from indexing.catalog.model import NodeVersion

SHARED = load_catalog()
#: Types with a resource or an operation to choose (where the display rules matter most),
#: plus a few without; a stable sample so the test's cost stays small.
TYPES = sorted(
    t
    for t in SHARED.types()
    if any(p.name in ("resource", "operation") for p in SHARED.get(t).properties)
)[::7] + ["n8n-nodes-base.set", "n8n-nodes-base.if", "n8n-nodes-base.httpRequest"]


@pytest.fixture(scope="module")
def fresh() -> Catalog:
    header, lines = read_catalog_file(Path(SHARED.source))
    return Catalog(header, lines, source=SHARED.source)


def _plain(found: list[tuple[Any, dict[str, Any]]]) -> list[tuple[str, Any, dict[str, Any]]]:
    return [(p.name, p.raw, conds) for p, conds in found]


def _choices(nv: Any, name: str) -> list[Any]:
    values = [o.value for p in nv.properties if p.name == name for o in p.option_values]
    return list(dict.fromkeys(v for v in values if isinstance(v, str)))


@st.composite
def entry_and_fixed(draw: st.DrawFn) -> tuple[str, float, dict[str, Any]]:
    node_type = draw(st.sampled_from(TYPES))
    version = draw(st.sampled_from(SHARED.versions(node_type)))
    nv = SHARED.get(node_type, version)
    fixed: dict[str, Any] = {}
    for name in ("resource", "operation"):
        choices = _choices(nv, name)
        if choices and draw(st.booleans()):
            fixed[name] = draw(st.sampled_from(choices))
    return node_type, version, fixed


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=entry_and_fixed())
def test_cached_answers_equal_a_fresh_computation(fresh: Catalog, case: tuple) -> None:
    node_type, version, fixed = case
    nv, other = SHARED.get(node_type, version), fresh.get(node_type, version)
    expected = _plain(applicable_properties(other, fixed, version))
    for _ in range(2):  # the second call is answered from the cache
        assert _plain(applicable_properties(nv, fixed, version)) == expected
        assert credentials_line(nv, fixed, version) == credentials_line(other, fixed, version)


def test_a_caller_changing_the_answer_does_not_change_the_next() -> None:
    nv = SHARED.get("n8n-nodes-base.slack", SHARED.default_version("n8n-nodes-base.slack"))
    fixed = {"resource": "message", "operation": "post"}
    version = SHARED.default_version("n8n-nodes-base.slack")
    first = applicable_properties(nv, fixed, version)
    with_conds = [c for _, c in first if c]
    assert with_conds, "Slack message/post has parameters shown under conditions"
    before = _plain(applicable_properties(nv, fixed, version))
    first.clear()
    for conds in with_conds:
        for values in conds.values():
            values.append("changed by a caller")
        conds["added"] = ["by a caller"]
    assert _plain(applicable_properties(nv, fixed, version)) == before


def test_values_equal_in_python_but_not_in_javascript_are_kept_apart(fresh: Catalog) -> None:
    """``1 == True`` in Python, not under n8n's ``===``: a cached answer for one must never
    answer for the other; an unhashable value is computed without the cache."""
    node_type = "n8n-nodes-base.slack"
    version = SHARED.default_version(node_type)
    nv, other = SHARED.get(node_type, version), fresh.get(node_type, version)
    for value in (1, True, 1.0, "1", ["message"], {"x": 1}):
        fixed = {"resource": value}
        assert _plain(applicable_properties(nv, fixed, version)) == _plain(
            applicable_properties(other, fixed, version)
        )


def test_a_flag_set_to_true_and_to_one_are_cached_apart() -> None:
    """A parameter shown for ``flag === true``: shown for True, hidden for 1 - in either order."""
    shown_for_true = {
        "displayName": "Extra",
        "name": "extra",
        "type": "string",
        "default": "",
        "displayOptions": {"show": {"flag": [True]}},
    }
    raw = {"name": "test.flagged", "displayName": "Flagged", "version": 1}
    for order in ((True, 1), (1, True), (1.0, True)):
        nv = NodeVersion(raw, lambda: [dict(shown_for_true)])
        for value in order:
            names = [p.name for p, _ in applicable_properties(nv, {"flag": value}, 1.0)]
            assert names == (["extra"] if value is True else []), (order, value)


def test_same_fixed_values_in_another_order_give_the_same_answer(fresh: Catalog) -> None:
    node_type = "n8n-nodes-base.slack"
    version = SHARED.default_version(node_type)
    nv = SHARED.get(node_type, version)
    one = applicable_properties(nv, {"resource": "message", "operation": "post"}, version)
    two = applicable_properties(nv, {"operation": "post", "resource": "message"}, version)
    assert _plain(one) == _plain(two)
    oracle = applicable_properties(fresh.get(node_type, version), {"operation": "post"}, version)
    assert _plain(applicable_properties(nv, {"operation": "post"}, version)) == _plain(oracle)
