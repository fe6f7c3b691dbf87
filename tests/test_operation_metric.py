"""operation_accuracy and trigger_event_accuracy on hand-written workflows, answers worked out
by hand, then properties over generated ones (hypothesis).

Why: these metrics judge the parameters that decide what a node does, read with the catalog's
defaults. Each way a step can be right (explicit value, omitted default, an ``any_of``
alternative, a Tool twin, an overlapping event list) and wrong (other resource, other operation,
omitted non-default, catch-all event, missing trigger) is shown once.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eval.datasets import (
    Case,
    Expected,
    OperationChoice,
    OperationLabel,
    load_dataset,
)
from eval.metrics import CASE_METRICS, MetricContext, Observation, score_case
from nodepilot.paths import DATASETS_DIR
from nodepilot.workflow import BASE as S

CTX = MetricContext()


def op(node: str, operation: str, resource: str | None = None) -> OperationChoice:
    return OperationChoice(S + node, operation, resource)


def labelled(*labels, trigger: str = S + "scheduleTrigger", events: tuple[str, ...] = ()) -> Case:
    """A workflow case whose ``expected.operations`` are ``labels`` (a choice or a tuple)."""
    ops = tuple(OperationLabel(x if isinstance(x, tuple) else (x,)) for x in labels)
    types = sorted({o.type for label in ops for o in label.options})
    exp = Expected(trigger=trigger, required=tuple(types), operations=ops, trigger_events=events)
    return Case("op-t", "a request", "workflow_request", "authored", "easy", "test", expected=exp)


def node(node_type: str, params: dict | None = None, name: str | None = None, version=None):
    n = {"name": name or node_type, "type": S + node_type, "parameters": params or {}}
    if version is not None:
        n["typeVersion"] = version
    return n


def flow(*nodes) -> dict:
    return {"nodes": list(nodes), "connections": {}}


def ops_score(case: Case, workflow) -> float | None:
    return CASE_METRICS["operation_accuracy"].score(case, Observation(workflow=workflow), CTX)


def event_score(case: Case, workflow) -> float | None:
    return CASE_METRICS["trigger_event_accuracy"].score(case, Observation(workflow=workflow), CTX)


QB_INVOICE = op("quickbooks", "create", "invoice")


# ---------------------------------------------------------------- operations by hand


def test_explicit_resource_and_operation_match() -> None:
    wf = flow(node("quickbooks", {"resource": "invoice", "operation": "create"}, version=1))
    assert ops_score(labelled(QB_INVOICE), wf) == 1.0


def test_wrong_operation_fails() -> None:
    wf = flow(node("quickbooks", {"resource": "invoice", "operation": "get"}, version=1))
    assert ops_score(labelled(QB_INVOICE), wf) == 0.0


def test_wrong_resource_fails() -> None:
    wf = flow(node("quickbooks", {"resource": "estimate", "operation": "create"}, version=1))
    assert ops_score(labelled(QB_INVOICE), wf) == 0.0


def test_omitted_parameters_count_with_their_defaults() -> None:
    # Slack 2.x: resource defaults to "message", its operation to "post".
    post = labelled(op("slack", "post", "message"))
    assert ops_score(post, flow(node("slack", version=2.3))) == 1.0
    # QuickBooks: resource defaults to "customer"; "create" must be written.
    qb = flow(node("quickbooks", {"operation": "create"}, version=1))
    assert ops_score(labelled(op("quickbooks", "create", "customer")), qb) == 1.0


def test_an_omitted_parameter_that_is_not_the_default_fails() -> None:
    # resource left out -> "customer", not "invoice"; operation left out -> "get", not "create"
    assert ops_score(labelled(QB_INVOICE), flow(node("quickbooks", {"operation": "create"}))) == 0
    assert ops_score(labelled(QB_INVOICE), flow(node("quickbooks", {"resource": "invoice"}))) == 0


def test_the_default_depends_on_the_resource() -> None:
    # Gmail: operation defaults to "send" for messages but to "create" for drafts.
    draft = labelled(op("gmail", "create", "draft"))
    assert ops_score(draft, flow(node("gmail", {"resource": "draft"}, version=2.1))) == 1.0
    assert ops_score(draft, flow(node("gmail", {}, version=2.1))) == 0.0


def test_nodes_without_a_resource_compare_the_operation_only() -> None:
    case = labelled(op("postgres", "insert"))
    assert ops_score(case, flow(node("postgres", {"operation": "insert"}, version=2.5))) == 1.0
    assert ops_score(case, flow(node("postgres", {"operation": "select"}, version=2.5))) == 0.0


def test_any_of_is_met_by_either_alternative_and_by_nothing_else() -> None:
    case = labelled((op("airtable", "update", "record"), op("airtable", "upsert", "record")))
    for operation, expected in (("update", 1.0), ("upsert", 1.0), ("deleteRecord", 0.0)):
        wf = flow(node("airtable", {"resource": "record", "operation": operation}, version=2.1))
        assert ops_score(case, wf) == expected


def test_the_share_of_labels_met_is_the_score() -> None:
    case = labelled(QB_INVOICE, op("slack", "post", "message"), op("gmail", "send", "message"))
    wf = flow(
        node("quickbooks", {"resource": "invoice", "operation": "create"}),
        node("slack", {}),
        node("gmail", {"resource": "message", "operation": "reply"}),
    )
    assert ops_score(case, wf) == pytest.approx(2 / 3)


def test_one_node_meets_one_label_only() -> None:
    post = op("slack", "post", "message")
    case = labelled(post, post)
    assert ops_score(case, flow(node("slack", name="a"))) == 0.5
    assert ops_score(case, flow(node("slack", name="a"), node("slack", name="b"))) == 1.0


def test_a_tool_twin_performs_the_operation() -> None:
    tool = {"name": "t", "type": S + "gmailTool", "parameters": {"resource": "draft"}}
    assert ops_score(labelled(op("gmail", "create", "draft")), flow(tool)) == 1.0


def test_other_node_types_never_count() -> None:
    wf = flow(node("xero", {"resource": "invoice", "operation": "create"}))
    assert ops_score(labelled(QB_INVOICE), wf) == 0.0


def test_unlabelled_and_non_workflow_cases_are_not_scored() -> None:
    plain = Case(
        "x",
        "hi",
        "workflow_request",
        "authored",
        "easy",
        "test",
        expected=Expected(trigger=S + "manualTrigger"),
    )
    chat = Case("y", "hi", "general_conversation", "authored", "easy", "test")
    for case in (plain, chat):
        assert ops_score(case, flow(node("slack"))) is None
        assert event_score(case, flow(node("slack"))) is None
        assert {"operation_accuracy", "trigger_event_accuracy"}.isdisjoint(
            score_case(case, Observation(workflow=flow(node("slack"))), CTX)
        )


def test_a_missing_or_broken_workflow_scores_zero() -> None:
    case = labelled(QB_INVOICE, trigger=S + "stripeTrigger", events=("charge.failed",))
    for broken in (None, {}, {"nodes": "x"}, {"nodes": [1, {"type": 3}, {"name": "n"}]}):
        assert ops_score(case, broken) == 0.0
        assert event_score(case, broken) == 0.0


# ---------------------------------------------------------------- trigger events by hand

FAILED = ("invoice.payment_failed", "charge.failed", "payment_intent.payment_failed")


def stripe_case() -> Case:
    return labelled(trigger=S + "stripeTrigger", events=FAILED)


def test_an_event_list_matches_on_any_overlap() -> None:
    wf = flow(node("stripeTrigger", {"events": ["customer.created", "charge.failed"]}))
    assert event_score(stripe_case(), wf) == 1.0


def test_an_event_list_without_a_right_event_fails() -> None:
    created = flow(node("stripeTrigger", {"events": ["customer.created"]}))
    assert event_score(stripe_case(), created) == 0.0
    assert event_score(stripe_case(), flow(node("stripeTrigger", {}))) == 0.0


def test_a_catch_all_event_chooses_nothing() -> None:
    assert event_score(stripe_case(), flow(node("stripeTrigger", {"events": ["*"]}))) == 0.0


def test_a_single_valued_event_parameter_must_equal_a_right_value() -> None:
    case = labelled(trigger=S + "shopifyTrigger", events=("orders/cancelled",))
    assert event_score(case, flow(node("shopifyTrigger", {"topic": "orders/cancelled"}))) == 1.0
    assert event_score(case, flow(node("shopifyTrigger", {"topic": "orders/create"}))) == 0.0


def test_an_event_inside_a_fixed_collection_is_found() -> None:
    case = labelled(trigger=S + "hubspotTrigger", events=("deal.propertyChange",))
    items = [{"name": "contact.creation"}, {"name": "deal.propertyChange", "property": "x"}]
    both = flow(node("hubspotTrigger", {"eventsUi": {"eventValues": items}}))
    first = flow(node("hubspotTrigger", {"eventsUi": {"eventValues": items[:1]}}))
    assert event_score(case, both) == 1.0
    assert event_score(case, first) == 0.0


def test_an_event_equal_to_the_default_may_be_omitted() -> None:
    # Google Sheets Trigger: event defaults to "anyUpdate".
    case = labelled(trigger=S + "googleSheetsTrigger", events=("rowUpdate", "anyUpdate"))
    assert event_score(case, flow(node("googleSheetsTrigger", {}))) == 1.0
    added = labelled(trigger=S + "googleSheetsTrigger", events=("rowAdded",))
    assert event_score(added, flow(node("googleSheetsTrigger", {}))) == 0.0


def test_a_missing_trigger_or_another_trigger_type_fails() -> None:
    assert event_score(stripe_case(), flow(node("slack"))) == 0.0
    other = flow(node("webhook", {"events": ["charge.failed"]}))
    assert event_score(stripe_case(), other) == 0.0


def test_any_of_several_trigger_nodes_may_listen() -> None:
    wf = flow(
        node("stripeTrigger", {"events": ["customer.created"]}, name="a"),
        node("stripeTrigger", {"events": ["charge.failed"]}, name="b"),
    )
    assert event_score(stripe_case(), wf) == 1.0


# ---------------------------------------------------------------- properties


def _pool() -> list[OperationChoice]:
    """Operation choices of the operations set, explicit enough to build a node from."""
    found = []
    for case in load_dataset(DATASETS_DIR / "operations"):
        for label in case.expected.operations:
            found += list(label.options)
    return sorted(set(found), key=lambda o: (o.type, o.resource or "", o.operation))


POOL = _pool()
choices = st.lists(st.sampled_from(POOL), min_size=1, max_size=5)


def build(chosen, names, seed: int) -> dict:
    """Nodes with exactly ``chosen`` written out, a few unrelated helpers, in shuffled order."""
    nodes = []
    for i, choice in enumerate(chosen):
        params = {"operation": choice.operation}
        if choice.resource is not None:
            params["resource"] = choice.resource
        nodes.append(
            {"name": f"{names[i % len(names)]}{i}", "type": choice.type, "parameters": params}
        )
    nodes += [node("set", name="helper"), node("noOp", name="idle")]
    random.Random(seed).shuffle(nodes)
    return flow(*nodes)


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
NAMES = st.lists(st.text(min_size=1, max_size=8), min_size=1, max_size=3)


@SETTINGS
@given(chosen=choices, names=NAMES, seed=st.integers(0, 10_000))
def test_exactly_the_labelled_operations_score_one(chosen, names, seed) -> None:
    assert ops_score(labelled(*chosen), build(chosen, names, seed)) == 1.0


@SETTINGS
@given(chosen=choices, names=NAMES, seed=st.integers(0, 10_000), drop=st.integers(0, 4))
def test_removing_a_step_lowers_the_score(chosen, names, seed, drop) -> None:
    kept = list(chosen)
    del kept[drop % len(kept)]
    score = ops_score(labelled(*chosen), build(kept, names, seed))
    assert score == pytest.approx((len(chosen) - 1) / len(chosen))


@SETTINGS
@given(chosen=choices, names=NAMES, seed=st.integers(0, 10_000), other=st.integers(0, 10_000))
def test_node_order_and_names_never_matter(chosen, names, seed, other) -> None:
    case = labelled(*chosen)
    first = build(chosen, names, seed)
    renamed = build(chosen, ["n"], other)
    assert ops_score(case, first) == ops_score(case, renamed)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=6),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)


@SETTINGS
@given(
    params=json_values,
    version=json_values,
    kind=st.sampled_from(["quickbooks", "slack", "stripeTrigger", "hubspotTrigger", "airtable"]),
)
def test_any_parameters_give_a_score_between_zero_and_one(params, version, kind) -> None:
    case = labelled(
        QB_INVOICE, op("airtable", "update", "record"), trigger=S + "stripeTrigger", events=FAILED
    )
    wf = flow({"name": "x", "type": S + kind, "parameters": params, "typeVersion": version})
    assert 0.0 <= ops_score(case, wf) <= 1.0
    assert event_score(case, wf) in (0.0, 1.0)
