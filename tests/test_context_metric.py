"""The eval harness's context metrics on hand-made cases: the prompt the provider would send
is rebuilt and read back against a reference workflow (no retrieval: the case's run retrieved
nothing, so no database is needed)."""

from __future__ import annotations

from context_support import README_REQUEST

from eval.datasets import AnyOf, Case, Expected
from eval.metrics import CASE_METRICS, MetricContext, Observation
from eval.metrics.context import TOKEN_BUDGET, reference_parameters, schema_blocks

REFERENCE = {
    "nodes": [
        {"name": "Note", "type": "n8n-nodes-base.stickyNote", "parameters": {"content": "hi"}},
        {
            "name": "Weekly",
            "type": "n8n-nodes-base.scheduleTrigger",
            "parameters": {"rule": {"interval": [{"field": "weeks"}]}},
        },
        {
            "name": "Refunds",
            "type": "n8n-nodes-base.stripe",
            "parameters": {"resource": "charge", "operation": "getAll", "returnAll": True},
        },
        {
            "name": "Tell finance",
            "type": "n8n-nodes-base.slack",
            "parameters": {
                "select": "channel",
                "channelId": {"__rl": True, "mode": "name", "value": "#finance"},
                "text": "=Refunds: {{ $json.amount }}",
                "notAParameterOfSlack": 1,
            },
        },
        {"name": "Gone", "type": "n8n-nodes-base.noSuchNode", "parameters": {"x": 1}},
    ]
}


def _case(intent: str = "workflow_request") -> Case:
    expected = Expected(
        trigger="n8n-nodes-base.scheduleTrigger",
        required=(
            "n8n-nodes-base.stripe",
            AnyOf(("n8n-nodes-base.slack", "n8n-nodes-base.mattermost")),
            "n8n-nodes-base.googleSheets",
        ),
    )
    return Case("ctx-1", README_REQUEST, intent, "ref-1", "easy", "dev", expected=expected)


def _scores(case: Case) -> dict[str, float | None]:
    ctx = MetricContext(lambda source: REFERENCE if source == "ref-1" else None)
    obs = Observation(intent=case.intent)
    return {
        name: CASE_METRICS[name].score(case, obs, ctx)
        for name in (
            "context_schema_types",
            "context_schema_required",
            "context_param_names",
            "context_tokens",
            "context_in_budget",
        )
    }


def test_the_readme_case_is_covered_and_within_budget() -> None:
    scores = _scores(_case())
    assert scores["context_schema_types"] == 1.0  # trigger, stripe, slack (note, unknown out)
    assert scores["context_schema_required"] == 1.0
    # 7 configured names: rule, resource, operation, returnAll, select, channelId, text named;
    # notAParameterOfSlack is not
    assert scores["context_param_names"] == 7 / 8
    assert 1000 < (scores["context_tokens"] or 0) <= TOKEN_BUDGET
    assert scores["context_in_budget"] == 1.0


def test_metrics_do_not_apply_to_questions_or_without_a_reference() -> None:
    assert set(_scores(_case("question")).values()) == {None}
    case = Case("ctx-2", README_REQUEST, "workflow_request", "authored", "easy", "dev")
    scores = _scores(case)
    assert scores["context_schema_types"] is None and scores["context_param_names"] is None
    assert scores["context_tokens"] is not None  # the budget applies to every request


def test_old_reference_material_has_no_schema_blocks() -> None:
    """What the provider sent before issue 19: item titles and type lists, no versions."""
    old = (
        "# Reference material\n\n## [1] node: Slack (node:n8n-nodes-base.slack)\n"
        "node types: n8n-nodes-base.slack\nRequired: Send Message To, Message Text.\n"
    )
    assert schema_blocks(old) == {}


def test_reference_parameters_skip_notes_and_unknown_types() -> None:
    class Known:
        def has_type(self, t: str) -> bool:
            return t != "n8n-nodes-base.noSuchNode"

    refs = reference_parameters(REFERENCE, Known())
    assert set(refs) == {
        "n8n-nodes-base.scheduleTrigger",
        "n8n-nodes-base.stripe",
        "n8n-nodes-base.slack",
    }
    assert refs["n8n-nodes-base.slack"] == {"select", "channelId", "text", "notAParameterOfSlack"}
