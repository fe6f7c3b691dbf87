"""A first prompt build in a worker reads what it needs straight off the catalog where that is
exact; these check the shortcuts give what the general path gives, for every catalog type."""

from __future__ import annotations

from dataclasses import replace

import pytest

from engine.context.assemble import displayed_operations, operation_names
from engine.context.schema import SKIPPED_TYPES, applicable_properties
from engine.context.stand_ins import step_stand_in
from engine.offline.coverage import stand_in_for
from engine.offline.operations import candidates
from engine.types import StepSpec
from indexing.catalog.load import load_catalog
from indexing.catalog.model import NodeVersion
from indexing.catalog.params import display_under

CATALOG = load_catalog()
#: Every fifth type with a resource or an operation (a stable sample), plus the big ones.
APP_TYPES = sorted(
    t
    for t in CATALOG.types()
    if any(p.name in ("resource", "operation") for p in CATALOG.get(t).properties)
)[::5] + ["n8n-nodes-base.slack", "n8n-nodes-base.googleSheets", "n8n-nodes-base.hubspot"]


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


STEPS = [
    StepSpec("n8n-nodes-base.linear", purpose="get the cycles from Linear"),
    StepSpec(
        "n8n-nodes-base.stripe", purpose="pull the payment links from Stripe", parameters={"x": 1}
    ),
    StepSpec(
        "n8n-nodes-base.stripe",
        purpose="pull the payment links from Stripe",
        parameters={"x": True},
    ),
    StepSpec("n8n-nodes-base.jira", purpose="get the current sprint from Jira", branch="true"),
    StepSpec("n8n-nodes-base.slack", purpose="post a message to Slack", operation="post"),
    StepSpec("n8n-nodes-base.slack", purpose="post a message to Slack", parameters={"s": {1, 2}}),
]


@pytest.mark.parametrize("step", STEPS, ids=lambda s: f"{s.node_type}-{s.parameters}")
def test_a_kept_stand_in_equals_a_fresh_one_and_none_gives_the_step_back(step: StepSpec) -> None:
    fresh = stand_in_for(step)
    for _ in range(2):  # computed, then kept
        # an equal step, not the same object: "no stand-in" must give the caller's own step
        twin = replace(step, parameters=dict(step.parameters))
        kept = step_stand_in(twin)
        assert (kept is twin) if fresh is step else (kept == fresh and kept is not twin)


def test_the_steps_whose_app_node_lacks_the_object_get_a_stand_in() -> None:
    stand_ins = 0
    for step in STEPS:
        stand_ins += step_stand_in(step) is not step
    assert stand_ins == 4  # linear, both stripe, jira: the app node lacks the object asked


@pytest.mark.parametrize("value", [1, True, 1.0, "1"])
def test_parameters_equal_in_python_but_not_in_json_are_kept_apart(value: object) -> None:
    step = StepSpec("n8n-nodes-base.stripe", purpose="pull the payment links from Stripe")
    kept = step_stand_in(replace(step, parameters={"v": value}))
    assert kept.parameters["v"] is value or kept.parameters["v"] == value
    assert type(kept.parameters["v"]) is type(value)


def _shown_by_the_display_rules(nv: NodeVersion, fixed: dict[str, str], version: float) -> dict:
    """Every value-holding property ``display_under`` shows, asked one by one (the oracle)."""
    shown: dict[str, list[dict]] = {}
    for prop in nv.properties:
        if prop.type in SKIPPED_TYPES or prop.name in fixed:
            continue
        visible, conds = display_under(prop, fixed, version, nv.type_name)
        if visible:
            shown.setdefault(prop.name, []).append(conds)
    return shown


@pytest.mark.parametrize("node_type", APP_TYPES)
def test_properties_skipped_by_their_resource_or_operation_rule_are_the_hidden_ones(
    node_type: str,
) -> None:
    version = CATALOG.default_version(node_type)
    nv = CATALOG.get(node_type, version)
    combos: list[dict[str, str]] = [{}]
    for c in candidates(node_type):
        pair = {k: v for k, v in (("resource", c.resource), ("operation", c.operation)) if v}
        combos += [pair, {**pair, "authentication": "oAuth2"}, {"operation": "no-such-op"}]
    for fixed in combos:
        found = applicable_properties(nv, fixed, version)
        oracle = _shown_by_the_display_rules(nv, fixed, version)
        assert [p.name for p, _ in found] == list(oracle), (node_type, fixed)
        for prop, conds in found:
            if len(oracle[prop.name]) == 1:
                assert conds == oracle[prop.name][0], (node_type, fixed, prop.name)
