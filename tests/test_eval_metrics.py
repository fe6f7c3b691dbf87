"""Each registered metric on hand-made cases with answers worked out by hand."""

from __future__ import annotations

import math
import time

import networkx as nx
import pytest
from test_eval_fixtures import VALID_WORKFLOW, chain_workflow, skeleton

from eval.datasets import AnyOf, Case
from eval.metrics import (
    CASE_METRICS,
    RUN_METRICS,
    CaseMetric,
    ContextRef,
    MetricContext,
    Observation,
    register,
    score_case,
)
from eval.metrics.cost import percentiles
from eval.metrics.intent import confusion, macro_f1
from eval.metrics.retrieval import first_ranks, id_context_precision, id_context_recall
from eval.metrics.structure import graph_similarity, greedy_distance, workflow_graph
from nodepilot.workflow import BASE as S
from nodepilot.workflow import LC as L
from nodepilot.workflow import Connection


def score(name: str, case: Case, obs: Observation, ctx: MetricContext | None = None) -> float:
    return CASE_METRICS[name].score(case, obs, ctx or MetricContext())


def question(intent: str = "question") -> Case:
    return Case("q-1", "what is n8n", intent, "authored", "easy", "dev")


# ---------------------------------------------------------------- registry


def test_registry_has_every_family() -> None:
    expected = {
        "intent_accuracy",
        "valid_strict",
        "valid_runtime",
        "workflow_rate",
        "node_recall",
        "node_precision",
        "node_f1",
        "trigger_accuracy",
        "edge_recall",
        "graph_similarity",
        "retrieval_hit@5",
        "retrieval_hit@10",
        "retrieval_mrr",
        "context_precision_id",
        "context_recall_id",
    }
    assert expected <= set(CASE_METRICS)
    run_level = {"intent_macro_f1", "intent_confusion", "findings_by_code", "latency_ms", "usage"}
    assert run_level <= set(RUN_METRICS)


def test_duplicate_metric_names_are_refused() -> None:
    with pytest.raises(ValueError, match="registered twice"):

        @register
        class Again(CaseMetric):
            name = "intent_accuracy"


# ---------------------------------------------------------------- intent


def test_intent_accuracy_and_macro_f1_by_hand() -> None:
    gold = ["question", "question", "workflow_request", "workflow_request", "general_conversation"]
    pred = ["question", "workflow_request", "workflow_request", "workflow_request", None]
    # question: tp1 fp0 fn1 -> 2/3; workflow_request: tp2 fp1 fn0 -> 4/5;
    # general_conversation: tp0 -> 0. Mean = (2/3 + 4/5 + 0) / 3.
    assert macro_f1(gold, pred) == pytest.approx((2 / 3 + 4 / 5) / 3)
    assert score("intent_accuracy", question(), Observation(intent="question")) == 1.0
    assert score("intent_accuracy", question(), Observation(intent="workflow_request")) == 0.0


def test_macro_f1_matches_scikit_learn() -> None:
    from sklearn.metrics import f1_score

    gold = ["a", "b", "c", "a", "b", "c", "a", "a"]
    pred = ["a", "b", "b", "a", "c", "c", "b", "a"]
    assert macro_f1(gold, pred) == pytest.approx(f1_score(gold, pred, average="macro"))


def test_confusion_counts_and_missing_predictions() -> None:
    m = confusion(["question", "question", "workflow_request"], ["question", None, "question"])
    assert m["question"]["question"] == 1
    assert m["question"]["none"] == 1
    assert m["workflow_request"]["question"] == 1
    assert sum(sum(row.values()) for row in m.values()) == 3


# ---------------------------------------------------------------- validity


def test_validity_strict_and_runtime() -> None:
    case = skeleton()
    ctx = MetricContext()
    assert score("valid_strict", case, Observation(workflow=VALID_WORKFLOW), ctx) == 1.0
    # A disconnected extra node: an error under strict, only a warning at runtime.
    loose = chain_workflow([S + "manualTrigger", S + "noOp"])
    loose["nodes"].append({**loose["nodes"][1], "id": "x", "name": "stray", "position": [0, 300]})
    assert score("valid_strict", case, Observation(workflow=loose), ctx) == 0.0
    assert score("valid_runtime", case, Observation(workflow=loose), ctx) == 1.0
    broken = {"nodes": [{"name": "x"}], "connections": {}}
    assert score("valid_runtime", case, Observation(workflow=broken), ctx) == 0.0
    # No workflow: validity does not apply, workflow_rate says it is missing.
    assert CASE_METRICS["valid_strict"].score(case, Observation(), ctx) is None
    assert score("workflow_rate", case, Observation()) == 0.0
    assert CASE_METRICS["workflow_rate"].score(question(), Observation(), ctx) is None


def test_findings_by_code_counts_strict_findings() -> None:
    case = skeleton()
    broken = chain_workflow([S + "noOp"])
    pairs = [(case, Observation(workflow=broken)), (case, Observation(workflow=VALID_WORKFLOW))]
    counts = RUN_METRICS["findings_by_code"].compute(pairs, MetricContext())
    assert counts.get("error:no_trigger") == 1


# ---------------------------------------------------------------- skeleton


MODELS = AnyOf((L + "lmChatOpenAi", L + "lmChatAnthropic"))


def test_node_recall_precision_f1_any_of_aware() -> None:
    case = skeleton(
        required=[S + "slack", L + "agent", MODELS],
        optional=[S + "set"],
    )
    wf = chain_workflow(
        [S + "scheduleTrigger", L + "agent", L + "lmChatAnthropic", S + "set", S + "discord"]
    )
    obs = Observation(workflow=wf)
    # required met: agent, the any_of model; slack missing -> 2/3.
    assert score("node_recall", case, obs) == pytest.approx(2 / 3)
    # 5 distinct types, discord unexplained -> 4/5.
    assert score("node_precision", case, obs) == pytest.approx(4 / 5)
    p, r = 4 / 5, 2 / 3
    assert score("node_f1", case, obs) == pytest.approx(2 * p * r / (p + r))


def test_sticky_notes_do_not_count() -> None:
    case = skeleton(required=[S + "slack"])
    wf = chain_workflow([S + "scheduleTrigger", S + "slack", S + "stickyNote"])
    assert score("node_precision", case, Observation(workflow=wf)) == 1.0


def test_skeleton_scores_zero_without_a_workflow_and_skip_non_workflows() -> None:
    case = skeleton(required=[S + "slack"])
    for name in ("node_recall", "node_precision", "node_f1", "trigger_accuracy"):
        assert score(name, case, Observation()) == 0.0
        assert CASE_METRICS[name].score(question(), Observation(), MetricContext()) is None


def test_trigger_accuracy_accepts_alternatives() -> None:
    case = skeleton(trigger=S + "scheduleTrigger", trigger_any=[S + "cron"], required=[S + "slack"])
    assert score("trigger_accuracy", case, Observation(workflow=chain_workflow([S + "cron"]))) == 1
    wrong = Observation(workflow=chain_workflow([S + "manualTrigger", S + "slack"]))
    assert score("trigger_accuracy", case, wrong) == 0.0


def test_edge_recall_any_of_endpoints_and_connection_types() -> None:
    case = skeleton(
        trigger=L + "chatTrigger",
        required=[L + "agent", MODELS],
        edges=[
            Connection(L + "chatTrigger", L + "agent"),
            Connection(L + "lmChatOpenAi", L + "agent", "ai_languageModel"),
        ],
    )
    wf = chain_workflow([L + "chatTrigger", L + "agent"])
    model = {**wf["nodes"][0], "id": "m", "name": "model", "type": L + "lmChatAnthropic"}
    wf["nodes"].append(model)
    # Anthropic stands in for OpenAI (same any_of group), with the right connection type.
    wf["connections"]["model"] = {
        "ai_languageModel": [[{"node": "n1", "type": "ai_languageModel", "index": 0}]]
    }
    assert score("edge_recall", case, Observation(workflow=wf)) == 1.0
    # Same endpoints over a main connection: the ai_* edge no longer matches.
    wf["connections"]["model"] = {"main": [[{"node": "n1", "type": "main", "index": 0}]]}
    assert score("edge_recall", case, Observation(workflow=wf)) == 0.5
    assert CASE_METRICS["edge_recall"].score(skeleton(), Observation(), MetricContext()) is None


def test_edge_recall_follows_main_paths_through_optional_helpers_only() -> None:
    """Skeletons collapse paths through optional helpers, so Filter in between still meets
    HTTP Request -> Clearbit; a required node in between does not, nor a helper that is not
    optional in this skeleton."""
    case = skeleton(
        required=[S + "httpRequest", S + "clearbit", S + "slack"],
        optional=[S + "filter", AnyOf((S + "set", S + "code"))],
        edges=[Connection(S + "httpRequest", S + "clearbit")],
    )
    through = [S + "scheduleTrigger", S + "httpRequest", S + "filter", S + "code", S + "clearbit"]
    assert score("edge_recall", case, Observation(workflow=chain_workflow(through))) == 1.0
    via_app = [S + "scheduleTrigger", S + "httpRequest", S + "slack", S + "clearbit"]
    assert score("edge_recall", case, Observation(workflow=chain_workflow(via_app))) == 0.0
    via_if = [S + "scheduleTrigger", S + "httpRequest", S + "if", S + "clearbit"]
    assert score("edge_recall", case, Observation(workflow=chain_workflow(via_if))) == 0.0
    backwards = [S + "scheduleTrigger", S + "clearbit", S + "filter", S + "httpRequest"]
    assert score("edge_recall", case, Observation(workflow=chain_workflow(backwards))) == 0.0


# ---------------------------------------------------------------- structure


def test_graph_similarity_known_values() -> None:
    abc = chain_workflow([S + "manualTrigger", S + "set", S + "slack"])
    ab = chain_workflow([S + "manualTrigger", S + "set"])
    assert graph_similarity(abc, abc) == 1.0
    # Delete one node and one edge: GED 2 over 3+2+2+1 = 8.
    assert graph_similarity(abc, ab) == pytest.approx(1 - 2 / 8)
    other = chain_workflow([S + "webhook", S + "gmail"])
    # No type in common: relabel 2 nodes, delete 1 node and 1 edge -> GED 4 of 8.
    assert graph_similarity(abc, other) == pytest.approx(1 - 4 / 8)
    # Different shape too: 3 isolated nodes vs a 2-edge chain of other types ->
    # relabel 3 nodes + insert 2 edges = 5 of 3+0+3+2 = 8.
    isolated = {"nodes": [dict(n, type=S + "gmail") for n in abc["nodes"]], "connections": {}}
    assert graph_similarity(isolated, abc) == pytest.approx(1 - 5 / 8)
    assert graph_similarity({}, {}) == 1.0


def test_graph_similarity_is_bounded_in_time_on_large_graphs() -> None:
    types = [S + t for t in ("set", "code", "if", "slack", "gmail", "noOp")]
    a = chain_workflow([S + "manualTrigger"] + [types[i % 6] for i in range(40)])
    b = chain_workflow([S + "manualTrigger"] + [types[(i * 7) % 6] for i in range(45)])
    started = time.perf_counter()
    sim = graph_similarity(a, b, timeout=0.2)
    assert time.perf_counter() - started < 5
    assert 0.0 <= sim <= 1.0
    # The result is never worse than the greedy upper bound it starts from.
    g, h = workflow_graph(a), workflow_graph(b)
    size = sum(x.number_of_nodes() + x.number_of_edges() for x in (g, h))
    assert sim >= 1 - greedy_distance(g, h) / size - 1e-9


def test_greedy_distance_bounds_exact_ged() -> None:
    a = chain_workflow([S + "manualTrigger", S + "set", S + "slack", S + "set"])
    b = chain_workflow([S + "manualTrigger", S + "set", S + "gmail"])
    g, h = workflow_graph(a), workflow_graph(b)
    exact = nx.graph_edit_distance(
        g, h, node_match=lambda x, y: x["t"] == y["t"], edge_match=lambda x, y: x["k"] == y["k"]
    )
    assert greedy_distance(g, h) >= exact


def test_graph_similarity_metric_uses_the_reference() -> None:
    ref = chain_workflow([S + "manualTrigger", S + "set"])
    case = Case(
        "w-1", "r", "workflow_request", "src#1", "easy", "dev", expected=skeleton().expected
    )
    ctx = MetricContext(reference_lookup=lambda sid: ref if sid == "src#1" else None)
    assert score("graph_similarity", case, Observation(workflow=ref), ctx) == 1.0
    assert score("graph_similarity", case, Observation(), ctx) == 0.0
    authored = skeleton()
    assert CASE_METRICS["graph_similarity"].score(authored, Observation(workflow=ref), ctx) is None


# ---------------------------------------------------------------- retrieval


def ctx_items(*types: tuple[str, ...]) -> list[ContextRef]:
    return [ContextRef(f"item{i}", t) for i, t in enumerate(types, start=1)]


def test_hit_at_k_and_mrr_by_hand() -> None:
    case = skeleton(required=[S + "slack", MODELS, S + "jira"])
    context = ctx_items(
        (S + "set",),
        (S + "slack", S + "set"),
        (),
        (),
        (),
        (L + "lmChatAnthropic",),  # rank 6
    )
    obs = Observation(context=context)
    assert first_ranks(case.expected.required_sets, context) == [2, 6, 0]
    assert score("retrieval_hit@5", case, obs) == pytest.approx(1 / 3)
    assert score("retrieval_hit@10", case, obs) == pytest.approx(2 / 3)
    assert score("retrieval_mrr", case, obs) == pytest.approx((1 / 2 + 1 / 6 + 0) / 3)
    # Items 2 and 6 of 6 are relevant; 2 of 3 requirements covered.
    assert score("context_precision_id", case, obs) == pytest.approx(2 / 6)
    assert score("context_recall_id", case, obs) == pytest.approx(2 / 3)
    # Nothing retrieved: retrieval metrics do not apply.
    assert CASE_METRICS["retrieval_mrr"].score(case, Observation(), MetricContext()) is None


#: (retrieved, reference, precision, recall) as ragas 0.4.3's IDBasedContextPrecision/Recall
#: returned them (tests/test_ragas_crosscheck.py checks the formulas against ragas on every run).
RAGAS_VALUES = [
    (["a", "b", "c"], ["a", "b", "d"], 2 / 3, 2 / 3),
    (["a", "a", "b"], ["a"], 0.5, 1.0),
    ([1, 2, 3, 4], ["2", "4", "9"], 0.5, 2 / 3),
    (["x"], ["y"], 0.0, 0.0),
    (["a", "b"], ["a", "b"], 1.0, 1.0),
]


@pytest.mark.parametrize(("retrieved", "reference", "precision", "recall"), RAGAS_VALUES)
def test_id_context_formulas_match_ragas_values(
    retrieved: list, reference: list, precision: float, recall: float
) -> None:
    assert id_context_precision(retrieved, reference) == pytest.approx(precision)
    assert id_context_recall(retrieved, reference) == pytest.approx(recall)


def test_id_context_formulas_nan_conventions() -> None:
    assert math.isnan(id_context_precision([], ["a"]))
    assert math.isnan(id_context_recall(["a"], []))


# ---------------------------------------------------------------- cost and speed


def test_latency_percentiles_and_usage() -> None:
    p = percentiles([10, 20, 30, 40, 50])
    assert p is not None and p["p50"] == 30 and p["p95"] == pytest.approx(48)
    assert percentiles([]) is None
    case = question()
    pairs = [
        (case, Observation(latency_ms=10, timings_ms={"intent": 1}, input_tokens=5, cost_usd=0.5)),
        (case, Observation(latency_ms=30, timings_ms={"intent": 3}, output_tokens=7, error="x")),
    ]
    lat = RUN_METRICS["latency_ms"].compute(pairs, MetricContext())
    assert lat["total"]["p50"] == 20 and lat["intent"]["p50"] == 2
    usage = RUN_METRICS["usage"].compute(pairs, MetricContext())
    assert usage["input_tokens"] == 5 and usage["output_tokens"] == 7
    assert usage["cost_usd"] == 0.5 and usage["errors"] == 1


def test_score_case_leaves_out_metrics_that_do_not_apply() -> None:
    values = score_case(question(), Observation(intent="question"), MetricContext())
    assert values == {"intent_accuracy": 1.0}


# ---------------------------------------------------------------- optional LLM judge


class ScriptedJudgeProvider:
    """Answers every completion with the given structured data (a test stand-in)."""

    def __init__(self, data: object) -> None:
        self.data = data
        self.prompts: list[str] = []

    def complete(self, system: str, messages: list, *, json_schema=None, max_tokens=1024):
        from engine.providers.base import Completion

        self.prompts.append(messages[-1]["content"])
        return Completion(text=str(self.data), data=self.data)


def test_rubric_judge_scales_scores_and_reports_bad_answers() -> None:
    from eval.metrics.judge import RubricJudge

    case = skeleton(required=[S + "slack"])
    obs = Observation(workflow=chain_workflow([S + "scheduleTrigger", S + "slack"]))
    provider = ScriptedJudgeProvider({"score": 4, "reason": "fine"})
    value, details = RubricJudge(provider).score(case, obs)
    assert value == 0.75 and details["reason"] == "fine"
    assert "node: n8n-nodes-base.slack" in provider.prompts[0]
    value, details = RubricJudge(ScriptedJudgeProvider({"score": 9})).score(case, obs)
    assert value is None and "1-5 score" in details["error"]
    assert RubricJudge(provider).score(question(), Observation()) == (None, {})
    assert RubricJudge(provider).score(case, Observation())[0] == 0.0
