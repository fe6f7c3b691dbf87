"""Node inputs/outputs: a rule for every expression-driven node, each checked against n8n."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indexing.catalog.load import Catalog, iter_all_entries, load_catalog
from indexing.catalog.model import Port, PortFilter
from indexing.catalog.params import resolve_parameters
from indexing.catalog.ports import (
    RULES,
    PortsNotComputable,
    expression_key,
    node_inputs,
    node_outputs,
    rule_for,
)
from nodepilot.workflow import BASE as B
from nodepilot.workflow import LC

PARITY = Path(__file__).parent / "data" / "catalog_n8n_parity.jsonl.gz"


@pytest.fixture(scope="module")
def cat() -> Catalog:
    return load_catalog()


def ins(cat: Catalog, t: str, v: float, params: dict[str, Any]) -> list[Port]:
    nv = cat.get(t, v)
    return node_inputs(nv, resolve_parameters(nv, params, v), v)


def outs(cat: Catalog, t: str, v: float, params: dict[str, Any], on_error: str | None = None):
    nv = cat.get(t, v)
    return node_outputs(nv, resolve_parameters(nv, params, v), v, on_error=on_error)


def types(ports: list[Port]) -> list[str]:
    return [p.type for p in ports]


def summary(ports: list[Any]) -> list[tuple]:
    out = []
    for p in ports:
        p = p if isinstance(p, Port) else Port.from_n8n(p)
        f = (p.filter.nodes, p.filter.excluded_nodes) if p.filter else None
        out.append((p.type, p.display_name or None, p.required, p.max_connections, f))
    return out


# ------------------------------------------------------------------ coverage
def dynamic_specs(cat: Catalog) -> dict[str, list[str]]:
    specs: dict[str, list[str]] = {}
    for nv in iter_all_entries(cat):
        for spec in (nv.inputs_raw, nv.outputs_raw):
            if isinstance(spec, str):
                specs.setdefault(expression_key(spec), []).append(nv.type_name)
    return specs


def test_every_expression_driven_node_has_a_rule(cat: Catalog) -> None:
    specs = dynamic_specs(cat)
    assert len(specs) == 30
    missing = {k: v for k, v in specs.items() if k not in RULES}
    assert missing == {}
    assert set(RULES) == set(specs)  # and no stale rules


def test_every_rule_is_checked_against_n8n(cat: Catalog) -> None:
    covered = set()
    with gzip.open(PARITY, "rt") as fh:
        for line in fh:
            c = json.loads(line)
            nv = cat.get(c["type"], c["typeVersion"])
            for spec in (nv.inputs_raw, nv.outputs_raw):
                if isinstance(spec, str):
                    covered.add(expression_key(spec))
    assert covered == set(RULES)


def test_parity_with_n8n_expression_engine(cat: Catalog) -> None:
    mismatches = []
    with gzip.open(PARITY, "rt") as fh:
        for line in fh:
            c = json.loads(line)
            nv = cat.get(c["type"], c["typeVersion"])
            resolved = c.get("resolved")
            if resolved is None:
                resolved = resolve_parameters(nv, {}, c["typeVersion"])
            for key, fn in (("inputs", node_inputs), ("outputs", node_outputs)):
                try:
                    got: Any = summary(fn(nv, resolved, c["typeVersion"]))
                except PortsNotComputable:
                    got = None
                want = c[key]
                want = None if want is None else summary(want)
                if got != want:
                    mismatches.append((c["type"], c["typeVersion"], key, c["parameters"]))
    assert mismatches == []


# ------------------------------------------------------------------ AI nodes
def test_agent_v3_inputs(cat: Catalog) -> None:
    ports = ins(cat, LC + "agent", 3.1, {})
    assert types(ports) == ["main", "ai_languageModel", "ai_memory", "ai_tool"]
    model = ports[1]
    assert model.required and model.max_connections == 1 and model.display_name == "Chat Model"
    assert not model.filter.allows(LC + "lmCohere") and model.filter.allows(LC + "lmChatOpenAi")
    ports = ins(cat, LC + "agent", 3.1, {"hasOutputParser": True, "needsFallback": True})
    assert types(ports) == [
        "main",
        "ai_languageModel",
        "ai_languageModel",
        "ai_memory",
        "ai_tool",
        "ai_outputParser",
    ]
    assert [p.index for p in ports if p.type == "ai_languageModel"] == [0, 1]


def test_agent_v1_inputs_depend_on_agent_kind(cat: Catalog) -> None:
    conv = ins(cat, LC + "agent", 1.7, {"agent": "conversationalAgent", "hasOutputParser": True})
    assert types(conv) == ["main", "ai_languageModel", "ai_memory", "ai_tool", "ai_outputParser"]
    assert LC + "lmChatOpenAi" in conv[1].filter.nodes
    sql = ins(cat, LC + "agent", 1.7, {"agent": "sqlAgent"})
    assert types(sql) == ["main", "ai_languageModel", "ai_memory"] and sql[1].filter is None


def test_agent_tool_has_no_main_input(cat: Catalog) -> None:
    assert types(ins(cat, LC + "agentTool", 3, {}))[0] == "ai_languageModel"
    assert types(outs(cat, LC + "agentTool", 3, {})) == ["ai_tool"]


def test_chains(cat: Catalog) -> None:
    assert types(ins(cat, LC + "chainLlm", 1.7, {})) == ["main", "ai_languageModel"]
    assert types(ins(cat, LC + "chainLlm", 1.7, {"hasOutputParser": True}))[-1] == (
        "ai_outputParser"
    )
    doc = ins(cat, LC + "chainSummarization", 2.1, {"operationMode": "documentLoader"})
    assert types(doc) == ["main", "ai_languageModel", "ai_document"]


@pytest.mark.parametrize(
    ("mode", "inputs", "outputs"),
    [
        ("retrieve", ["ai_embedding"], ["ai_vectorStore"]),
        ("insert", ["ai_embedding", "main", "ai_document"], ["main"]),
        ("load", ["ai_embedding", "main"], ["main"]),
        ("update", ["ai_embedding", "main"], ["main"]),
        ("retrieve-as-tool", ["ai_embedding"], ["ai_tool"]),
    ],
)
def test_vector_store_modes(cat: Catalog, mode: str, inputs: list, outputs: list) -> None:
    assert types(ins(cat, LC + "vectorStoreInMemory", 1.3, {"mode": mode})) == inputs
    assert types(outs(cat, LC + "vectorStoreInMemory", 1.3, {"mode": mode})) == outputs


def test_vector_store_reranker(cat: Catalog) -> None:
    got = ins(cat, LC + "vectorStorePinecone", 1.3, {"mode": "load", "useReranker": True})
    assert types(got) == ["ai_embedding", "ai_reranker", "main"]


def test_small_ai_rules(cat: Catalog) -> None:
    assert types(ins(cat, LC + "outputParserStructured", 1.3, {"autoFix": True})) == [
        "ai_languageModel"
    ]
    assert ins(cat, LC + "outputParserStructured", 1.3, {}) == []
    assert len(ins(cat, LC + "modelSelector", 1, {"numberInputs": 4})) == 4
    loader = LC + "documentDefaultDataLoader"
    assert ins(cat, loader, 1.1, {}) == []  # default splitting mode "simple"
    assert types(ins(cat, loader, 1.1, {"textSplittingMode": "custom"})) == ["ai_textSplitter"]
    memory = {"public": True, "mode": "webhook", "options": {"loadPreviousSession": "memory"}}
    assert types(ins(cat, LC + "chatTrigger", 1.3, memory)) == ["ai_memory"]
    assert ins(cat, LC + "chatTrigger", 1.3, {}) == []
    assert types(ins(cat, LC + "guardrails", 1, {"operation": "sanitize"})) == ["main"]
    assert [p.display_name for p in outs(cat, LC + "guardrails", 2, {})] == ["Pass", "Fail"]
    tools = ins(cat, LC + "openAi", 1.8, {"resource": "assistant", "operation": "message"})
    assert types(tools) == ["main", "ai_tool", "ai_memory"]


def test_classifiers(cat: Catalog) -> None:
    params = {"categories": {"categories": [{"category": "a"}, {"category": "b"}]}}
    assert [p.display_name for p in outs(cat, LC + "textClassifier", 1.1, params)] == ["a", "b"]
    params["options"] = {"fallback": "other"}
    assert len(outs(cat, LC + "textClassifier", 1.1, params)) == 3
    senti = outs(cat, LC + "sentimentAnalysis", 1.1, {})
    assert [p.display_name for p in senti] == ["Positive", "Neutral", "Negative"]


# ------------------------------------------------------------------ core nodes
def test_merge_inputs(cat: Catalog) -> None:
    assert [p.index for p in ins(cat, B + "merge", 3.2, {})] == [0, 1]
    assert len(ins(cat, B + "merge", 3.2, {"numberInputs": 5})) == 5


def test_switch_outputs(cat: Catalog) -> None:
    rules = {"values": [{"outputKey": "x", "renameOutput": True}, {}]}
    params = {"rules": rules, "options": {"fallbackOutput": "extra"}}
    got = outs(cat, B + "switch", 3.2, params)
    assert [p.display_name for p in got] == ["x", "1", "Fallback"]
    assert [p.index for p in got] == [0, 1, 2]
    assert len(outs(cat, B + "switch", 3.2, {"mode": "expression", "numberOutputs": 3})) == 3


def test_static_if_and_error_output(cat: Catalog) -> None:
    assert len(outs(cat, B + "if", 2.2, {})) == 2
    got = outs(cat, B + "if", 2.2, {}, on_error="continueErrorOutput")
    assert [(p.index, p.category) for p in got] == [(0, None), (1, None), (2, "error")]
    single = outs(cat, B + "set", 3.4, {}, on_error="continueErrorOutput")
    assert [p.display_name for p in single] == ["Success", "Error"]
    assert len(outs(cat, B + "set", 3.4, {}, on_error="continueRegularOutput")) == 1


def test_static_multi_port_nodes(cat: Catalog) -> None:
    nv = cat.get(B + "compareDatasets", 2.3)
    assert len(ins(cat, B + "compareDatasets", 2.3, {})) == 2 and len(nv.input_names) == 2
    assert len(outs(cat, B + "compareDatasets", 2.3, {})) == 4
    assert cat.get(B + "if", 2.2).output_names == ("true", "false")
    assert len(outs(cat, B + "splitInBatches", 3, {})) == 2
    assert ins(cat, B + "formTrigger", 2.3, {}) == []
    assert types(outs(cat, B + "wait", 1.1, {})) == ["main"]


def test_webhook_and_respond_to_webhook(cat: Catalog) -> None:
    multi = {"multipleMethods": True, "httpMethod": ["GET", "POST"]}
    assert len(outs(cat, B + "webhook", 2.1, multi)) == 2
    assert len(outs(cat, B + "respondToWebhook", 1.3, {})) == 2
    assert len(outs(cat, B + "respondToWebhook", 1.5, {})) == 1
    assert len(outs(cat, B + "respondToWebhook", 1.5, {"enableResponseOutput": True})) == 2


def test_triggers_have_no_inputs_and_twins_have_tool_output(cat: Catalog) -> None:
    assert ins(cat, B + "scheduleTrigger", 1.2, {}) == []
    assert ins(cat, B + "slackTool", 2.3, {}) == []
    assert types(outs(cat, B + "slackTool", 2.3, {})) == ["ai_tool"]
    hitl = ins(cat, B + "slackHitlTool", 2.3, {})
    assert types(hitl) == ["ai_tool"] and hitl[0].required


# ------------------------------------------------------------------ expressions
def test_expression_parameters(cat: Catalog) -> None:
    nv = cat.get(B + "switch", 3.2)
    with pytest.raises(PortsNotComputable):
        node_outputs(nv, {"mode": "expression", "numberOutputs": "={{ $json.n }}"}, 3.2)
    got = node_outputs(nv, {"mode": "expression", "numberOutputs": "={{ 2 }}"}, 3.2)
    assert len(got) == 2
    # nested expressions are not evaluated by n8n either: they stay text
    rules = {"values": [{"outputKey": "=a"}]}
    assert node_outputs(nv, {"mode": "rules", "rules": rules}, 3.2)[0].display_name == "=a"
    # an unread expression does not matter
    assert node_outputs(nv, {"mode": "rules", "foo": "={{ $json.x }}"}, 3.2) == []


def test_malformed_values_give_no_ports_like_n8n(cat: Catalog) -> None:
    assert node_outputs(cat.get(B + "switch", 3.2), {"rules": {"values": 5}}, 3.2) == []
    assert node_inputs(cat.get(LC + "code", 1), {}, 1) == []
    with pytest.raises(PortsNotComputable):
        node_outputs(cat.get(B + "switch", 3.2), {"mode": "expression", "numberOutputs": 1e9})


def test_rule_lookup_and_filter() -> None:
    assert rule_for("={{ nothing }}") is None
    f = PortFilter(nodes=("a",), excluded_nodes=())
    assert f.allows("a") and not f.allows("b")
    assert Port.from_n8n({"type": "ai_tool", "maxConnections": True}).max_connections is None


@settings(max_examples=150, deadline=None)
@given(
    params=st.dictionaries(
        st.sampled_from(["mode", "rules", "numberInputs", "categories", "options", "agent"]),
        st.recursive(
            st.none() | st.booleans() | st.integers(-3, 8) | st.text(max_size=4),
            lambda x: st.lists(x, max_size=3) | st.dictionaries(st.text(max_size=6), x, max_size=3),
            max_leaves=8,
        ),
        max_size=4,
    ),
    key=st.sampled_from(sorted(RULES)),
)
def test_rules_never_raise_unexpectedly(params: dict, key: str) -> None:
    cat = load_catalog()
    nv = next(
        nv
        for nv in iter_all_entries(cat)
        if key in (expression_key(s) for s in (nv.inputs_raw, nv.outputs_raw) if isinstance(s, str))
    )
    for fn in (node_inputs, node_outputs):
        try:
            ports = fn(nv, params, nv.versions[-1])
        except PortsNotComputable:
            continue
        assert all(isinstance(p, Port) for p in ports)
