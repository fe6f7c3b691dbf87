"""Node pattern mining: known answers on hand-made workflows, abstraction, licence rules."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indexing.patterns import (
    CatalogFacts,
    abstract_value,
    closed_itemsets,
    expression_shape,
    load_patterns,
    looks_like_id,
    mine_patterns,
    node_items,
    url_shape,
)
from nodepilot.paths import SEEDS_DIR

SLACK = "n8n-nodes-base.slack"
WEBHOOK = "n8n-nodes-base.webhook"


@dataclass
class Rec:
    """A corpus record as mining sees it (the fields of indexing.corpus.TemplateRecord)."""

    source_id: str
    source: str
    workflow: dict[str, Any]

    def usable(self, purpose: str) -> bool:
        if self.source == "zie619":
            return purpose in ("statistics", "evaluation")
        return True


class Facts:
    """A two-node catalog: Slack (resource/operation defaults) and Webhook."""

    types = {
        SLACK: {
            "resource": "options",
            "operation": "options",
            "select": "options",
            "channelId": "resourceLocator",
            "text": "string",
            "otherOptions": "collection",
        },
        WEBHOOK: {"httpMethod": "options", "path": "string"},
    }

    def resource_operation(
        self, node_type: str, type_version: Any, params: Mapping[str, Any]
    ) -> tuple[str | None, str | None]:
        if node_type == SLACK:
            return params.get("resource", "message"), params.get("operation", "post")
        return None, None

    def param_type(self, node_type: str, name: str, type_version: Any = None) -> str | None:
        return self.types.get(node_type, {}).get(name)


def slack_wf(text: str, extra: dict | None = None, channel: str = "general") -> dict:
    """Webhook -> Slack post, with a given message text and extra Slack parameters."""
    params = {
        "select": "channel",
        "channelId": {"__rl": True, "mode": "list", "value": "C0123ABCDEF9"},
        "text": text,
        "otherOptions": {},
        **(extra or {}),
    }
    if channel:
        params["channel"] = channel
    return {
        "nodes": [
            {"name": "Hook", "type": WEBHOOK, "typeVersion": 2, "parameters": {"path": "x"}},
            {"name": "Post", "type": SLACK, "typeVersion": 2.2, "parameters": params},
            {"name": "Empty", "type": SLACK, "typeVersion": 2.2, "parameters": {}},
            {"name": "Note", "type": "n8n-nodes-base.stickyNote", "parameters": {"content": "x"}},
        ],
        "connections": {"Hook": {"main": [[{"node": "Post", "type": "main", "index": 0}]]}},
    }


SECRET_TEXT = "Please review the quarterly numbers for ACME before Friday, thanks!"


@pytest.fixture(scope="module")
def mined() -> tuple[list[dict], Any]:
    records = [
        Rec("mit#1", "n8n-mcp", slack_wf("={{ $json.message }}")),
        Rec(
            "mit#2",
            "n8n-mcp",
            slack_wf("={{ $('Hook').item.json.body.text }}", {"otherOptions": {"mrkdwn": True}}),
        ),
        Rec(
            "cc#1",
            "awesome-n8n-templates",
            slack_wf(SECRET_TEXT, {"otherOptions": {"mrkdwn": True}}),
        ),
        # zie619 only adds counts: a configuration seen only there is not a pattern, and its
        # values (channel "zie-only-channel") are never stored
        Rec("z#1", "zie619", slack_wf("hi", {"otherOptions": {"unfurl_links": True}}, "zie-x")),
        Rec("z#2", "zie619", slack_wf("hi", {"otherOptions": {"unfurl_links": True}}, "zie-x")),
    ]
    return mine_patterns(records, Facts(), min_support=2)


def _find(patterns: list[dict], node_type: str, sig: set[str]) -> dict | None:
    return next(
        (p for p in patterns if p["node_type"] == node_type and set(p["signature"]) == sig), None
    )


def test_operation_summary_with_defaults_applied(mined) -> None:
    patterns, stats = mined
    op = next(p for p in patterns if p["node_type"] == SLACK and p["kind"] == "operation")
    assert (op["resource"], op["operation"]) == ("message", "post")
    assert set(op["signature"]) == {"select=channel", "channelId@list", "text", "channel"}
    assert op["support"] == {
        "workflows": 5,
        "nodes": 5,
        "licensed_workflows": 3,
        "by_source": {"awesome-n8n-templates": 1, "n8n-mcp": 2, "zie619": 2},
    }
    assert op["defaulted_nodes"] == 5
    assert op["before"] == {WEBHOOK: 5} and op["after"] == {}
    assert op["type_versions"] == {"2.2": 5}
    assert stats.workflows == 5 and stats.nodes_with_parameters == 10
    assert stats.nodes_without_parameters == 5  # the empty Slack nodes; sticky notes ignored


def test_configurations_need_support_and_a_licensed_member(mined) -> None:
    patterns, _ = mined
    base = {"select=channel", "channelId@list", "text", "channel"}
    mrkdwn = _find(patterns, SLACK, base | {"otherOptions", "otherOptions.mrkdwn"})
    assert mrkdwn is not None and mrkdwn["kind"] == "configuration"
    assert mrkdwn["support"]["workflows"] == 2
    assert mrkdwn["share_of_operation"] == 0.4
    # seen in two zie619 workflows only: no pattern
    assert not any("otherOptions.unfurl_links" in p["signature"] for p in patterns)
    # webhook appears 5 times with identical parameters: one operation pattern, no configs
    hooks = [p for p in patterns if p["node_type"] == WEBHOOK]
    assert [h["kind"] for h in hooks] == ["operation"]
    assert hooks[0]["signature"] == ["path"]


def test_values_are_abstracted_and_licensed_only(mined) -> None:
    patterns, _ = mined
    op = next(p for p in patterns if p["node_type"] == SLACK and p["kind"] == "operation")
    params = op["parameters"]
    assert params["select"]["values"] == [["channel", 3]]
    assert params["channelId"]["shapes"] == {"resourceLocator:list": 3}
    assert dict(map(tuple, params["text"]["expressions"])) == {
        "={{ $json.message }}": 1,
        "={{ $('<node>').item.json.body.text }}": 1,
    }
    assert params["text"]["shapes"] == {"expression": 2, "text": 1}
    assert params["channel"]["values"] == [["general", 3]]  # seen in 3 licensed workflows
    dump = json.dumps(patterns)
    assert "ACME" not in dump and "quarterly" not in dump  # free text never stored
    assert "C0123ABCDEF9" not in dump  # resource ids never stored
    assert "zie-x" not in dump and '"hi"' not in dump  # zie619 values never stored


def test_expression_shapes() -> None:
    assert expression_shape("={{ $json.email }}") == "={{ $json.<field> }}"
    assert (
        expression_shape("=Hello {{ $('Get user').item.json.first_name }}!")
        == "=<text>{{ $('<node>').item.json.<field> }}<text>"
    )
    assert expression_shape('={{ $node["Webhook"].json["x"] }}') == (
        "={{ $node['<node>'].json.<field> }}"
    )
    assert expression_shape("={{ JSON.stringify($json.data) }}") == (
        "={{ JSON.stringify($json.data) }}"
    )
    assert expression_shape("={{ $now.toFormat('yyyy-MM-dd') }}") == (
        "={{ $now.toFormat('<str>') }}"
    )
    assert len(expression_shape("={{ " + " + ".join(["$json.a"] * 100) + " }}")) <= 120


def test_value_abstraction() -> None:
    assert url_shape("https://API.Example.com/v1/x?y=1") == "https://api.example.com/…"
    assert url_shape("http://192.168.1.10:8080/api") == "http://<ip>/…"
    assert url_shape("not a url") is None
    assert abstract_value("sendTo", "someone@example.org").shape == "email"
    assert abstract_value("x", "f01bd215-c406-493c-a6e4-2b8ec5686b44").shape == "id"
    assert abstract_value("jsCode", "return 1").shape == "text"
    assert abstract_value("x", '{"a": 1, "b": "some long json body here..."}').shape == "json-text"
    assert abstract_value("model", "gpt-4o-mini").value == "gpt-4o-mini"
    assert abstract_value("method", "POST", "options").value == "POST"
    assert abstract_value("flag", True).value is True
    assert looks_like_id("1XZhfUccXBWrmzc63Qh0giiy0atLclDGv")
    assert not looks_like_id("models/gemini-2.5-flash-preview-05-20")
    assert not looks_like_id("claude-3-5-sonnet-20241022")


def test_items_and_closed_sets() -> None:
    items = node_items(
        SLACK,
        {
            "resource": "message",
            "select": "channel",
            "text": "=x",
            "otherOptions": {"mrkdwn": True, "empty": ""},
            "blank": "",
        },
        Facts(),
    )
    assert items == {"select=channel", "text", "otherOptions", "otherOptions.mrkdwn"}
    a, b, c = frozenset("ab"), frozenset("abc"), frozenset("bcd")
    assert closed_itemsets([a, b, c]) == {a, b, c, frozenset("b"), frozenset("bc")}


def test_mining_is_deterministic(mined) -> None:
    records = [
        Rec("mit#1", "n8n-mcp", slack_wf("={{ $json.message }}")),
        Rec("mit#2", "n8n-mcp", slack_wf("={{ $json.text }}")),
    ]
    first, _ = mine_patterns(records, Facts())
    second, _ = mine_patterns(list(reversed(records)), Facts())
    assert json.dumps(first, sort_keys=True) == json.dumps(second, sort_keys=True)


json_scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8)
json_values = st.recursive(
    json_scalars,
    lambda ch: st.lists(ch, max_size=3) | st.dictionaries(st.text(max_size=6), ch, max_size=3),
    max_leaves=15,
)
node_dicts = st.dictionaries(
    st.sampled_from(["name", "type", "typeVersion", "parameters", "id"]),
    json_values
    | st.sampled_from([SLACK, WEBHOOK, "n8n-nodes-base.stickyNote"])
    | st.fixed_dictionaries({"__rl": st.just(True), "mode": json_values, "value": json_values}),
)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(node_dicts, max_size=5),
    st.dictionaries(st.text(max_size=4), json_values, max_size=3),
    st.sampled_from(["n8n-mcp", "zie619"]),
)
def test_mining_never_raises(nodes: list, connections: dict, source: str) -> None:
    wf = {"nodes": nodes, "connections": connections}
    recs = [Rec("a", source, wf), Rec("b", "n8n-mcp", wf)]
    patterns, stats = mine_patterns(recs, Facts(), min_support=1)
    assert stats.workflows == 2
    json.dumps(patterns)  # always serialisable


# --------------------------------------------------------------------------- real data


def test_catalog_defaults() -> None:
    facts = CatalogFacts()
    assert facts.resource_operation(SLACK, 2.2, {}) == ("message", "post")
    assert facts.resource_operation(SLACK, 2.2, {"resource": "channel"}) == ("channel", "create")
    assert facts.resource_operation("n8n-nodes-base.slackTool", 2.2, {}) == ("message", "post")
    assert facts.resource_operation("n8n-nodes-base.gmail", 2.1, {}) == ("message", "send")
    assert facts.resource_operation("n8n-nodes-base.gmail", 99, {}) == ("message", "send")
    assert facts.resource_operation("n8n-nodes-base.httpRequest", 4.2, {}) == (None, None)
    assert facts.resource_operation("x.community", 1, {"operation": "y"}) == (None, "y")
    # discord v2: the operation shown depends on another parameter's default (authentication)
    assert facts.resource_operation("n8n-nodes-base.discord", 2, {"resource": "channel"})[1]
    assert facts.param_type(SLACK, "otherOptions", 2.2) == "collection"
    assert facts.param_type("n8n-nodes-base.if", "conditions", 2.2) == "filter"
    assert facts.param_type("n8n-nodes-base.if", "conditions", 1) == "fixedCollection"


SEED = SEEDS_DIR / "patterns" / "node_patterns.jsonl.gz"


@pytest.mark.skipif(not SEED.exists(), reason="patterns not mined yet")
def test_committed_patterns_meet_the_definition() -> None:
    patterns = list(load_patterns())
    manifest = json.loads((SEED.parent / "manifest.json").read_text())
    assert len(patterns) == manifest["patterns"] >= 3000
    assert len({p["id"] for p in patterns}) == len(patterns)
    email = re.compile(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", re.I)
    for p in patterns:
        assert p["support"]["workflows"] >= manifest["min_support"]
        assert p["support"]["licensed_workflows"] >= 1
        for entry in p["parameters"].values():
            for value, _count in entry.get("values", []):
                if isinstance(value, str):
                    assert len(value) <= 60 and "\n" not in value
                    assert not email.fullmatch(value) and not looks_like_id(value)
            for shape, _count in entry.get("expressions", []):
                assert len(shape) <= 120
    assert Path(SEED).stat().st_size < 2_000_000


@pytest.mark.skipif(not SEED.exists(), reason="patterns not mined yet")
def test_pattern_documents_and_rows_carry_the_mined_statistics() -> None:
    """The index document and the ``node_patterns`` row read the miner's own fields: usage,
    neighbours (by display name in the text), action label, typical values and expressions."""
    from indexing.seed_tables import _pattern_row
    from indexing.sources import pattern_docs

    docs = list(pattern_docs())
    assert len(docs) == len(list(load_patterns()))
    for d in docs:
        p = d.payload["pattern"]
        row = _pattern_row(d)
        assert row["workflow_count"] == p["support"]["workflows"] > 0
        assert row["usage_count"] == p["support"]["nodes"] >= row["workflow_count"]
        assert row["predecessors"] == p["before"] and row["successors"] == p["after"]
        assert f"{p['support']['workflows']} workflow" in d.title
        assert f"seen in {p['support']['workflows']} workflows" in d.content
    append = next(
        d
        for d in docs
        if d.metadata["type"] == "n8n-nodes-base.googleSheets"
        and d.metadata["operation"] == "append"
        and d.metadata["pattern_kind"] == "operation"
    )
    assert append.title.startswith("Google Sheets: Append row in sheet")
    assert "Usually after:" in append.content and "Code" in append.content
    assert "columns.mappingMode (defineBelow" in append.content
    assert "Typical expressions:" in append.content and "{{ $json" in append.content
    agent = next(
        d
        for d in docs
        if d.metadata["type"] == "@n8n/n8n-nodes-langchain.agent"
        and d.metadata["pattern_kind"] == "operation"
    )
    assert "Sub-nodes attached:" in agent.content and "OpenAI Chat Model" in agent.content
