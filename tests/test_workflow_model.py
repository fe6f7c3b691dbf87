"""The workflow domain model (nodepilot.workflow): lossless n8n JSON round trip, edges by type,
triggers, sub-nodes of a root, reachability, and clear errors for malformed input."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nodepilot.workflow import (
    LC,
    Connection,
    Node,
    Workflow,
    WorkflowFormatError,
    has_trigger_name,
    is_sub_node_type,
    is_trigger_type,
    trigger_kind,
)

AGENT = "@n8n/n8n-nodes-langchain.agent"
MODEL = "@n8n/n8n-nodes-langchain.lmChatOpenAi"
MEMORY = "@n8n/n8n-nodes-langchain.memoryBufferWindow"
TOOL = "@n8n/n8n-nodes-langchain.toolVectorStore"
EMBED = "@n8n/n8n-nodes-langchain.embeddingsOpenAi"


def node(name: str, ntype: str, **more: object) -> dict:
    return {
        "parameters": {},
        "name": name,
        "type": ntype,
        "typeVersion": 1,
        "position": [0, 0],
    } | more


def link(target: str, kind: str = "main", index: int = 0) -> dict:
    return {"node": target, "type": kind, "index": index}


CHATBOT = {
    "name": "chatbot",
    "nodes": [
        node("Chat", "@n8n/n8n-nodes-langchain.chatTrigger"),
        node("Agent", AGENT),
        node("Model", MODEL),
        node("Memory", MEMORY),
        node("Docs", TOOL),
        node("Embeddings", EMBED),
        node("Slack", "n8n-nodes-base.slack"),
        node("Orphan", "n8n-nodes-base.set", disabled=True),
        node("Note", "n8n-nodes-base.stickyNote"),
    ],
    "connections": {
        "Chat": {"main": [[link("Agent")]]},
        "Model": {"ai_languageModel": [[link("Agent", "ai_languageModel")]]},
        "Memory": {"ai_memory": [[link("Agent", "ai_memory")]]},
        "Docs": {"ai_tool": [[link("Agent", "ai_tool")]]},
        "Embeddings": {"ai_embedding": [[link("Docs", "ai_embedding")]]},
        "Agent": {"main": [[link("Slack")], [], None]},
    },
    "settings": {"executionOrder": "v1"},
    "pinData": {},
}


def test_round_trip_of_a_real_shape_is_exact_including_empty_and_null_outputs() -> None:
    wf = Workflow.from_n8n(CHATBOT)
    assert wf.to_n8n() == CHATBOT
    assert json.dumps(wf.to_n8n()) == json.dumps(CHATBOT)  # key order too


def test_edges_by_connection_type() -> None:
    wf = Workflow.from_n8n(CHATBOT)
    assert [(c.source, c.target) for c in wf.edges("main")] == [
        ("Chat", "Agent"),
        ("Agent", "Slack"),
    ]
    assert {c.source for c in wf.edges("ai_tool")} == {"Docs"}
    assert (MODEL, AGENT, "ai_languageModel") in wf.typed_edges()
    assert len(wf.edges()) == 6


def test_triggers_sub_nodes_and_reachability() -> None:
    wf = Workflow.from_n8n(CHATBOT)
    assert [n.name for n in wf.triggers()] == ["Chat"]
    assert {n.name for n in wf.sub_nodes("Agent")} == {"Model", "Memory", "Docs"}
    assert {n.name for n in wf.sub_nodes("Agent", deep=True)} == {
        "Model",
        "Memory",
        "Docs",
        "Embeddings",
    }
    reached = wf.reachable()
    assert reached == {"Chat", "Agent", "Model", "Memory", "Docs", "Embeddings", "Slack"}
    assert "Orphan" not in reached and wf.node("Orphan").disabled
    assert wf.successors("Agent") == ("Slack",) and wf.predecessors("Agent") == ("Chat",)
    assert [n.name for n in wf.steps()][-1] == "Orphan"  # the sticky note is not a step


def test_edges_in_and_out_of_a_node_keep_document_order_and_indexes() -> None:
    """``outgoing``/``incoming`` are what rewiring around a node needs (the offline generator's
    ``Draft.targets``/``sources``): each edge with its output and input index, in the order the
    connections object lists them, edges to nodes not in the workflow left out."""
    wf = Workflow.from_n8n(
        {
            "nodes": [node(n, "n8n-nodes-base.set") for n in ("If", "A", "B", "C")],
            "connections": {
                "C": {"main": [[link("B", index=1)]]},
                "If": {"main": [[link("B"), link("Gone")], [link("A"), link("B")]]},
                "A": {"main": [[link("B")]], "ai_tool": [[link("C", "ai_tool")]]},
            },
        }
    )
    assert [(c.output, c.target, c.input) for c in wf.outgoing("If")] == [
        (0, "B", 0),
        (1, "A", 0),
        (1, "B", 0),
    ]
    assert [(c.source, c.output, c.input) for c in wf.incoming("B")] == [
        ("C", 0, 1),
        ("If", 0, 0),
        ("If", 1, 0),
        ("A", 0, 0),
    ]
    assert wf.successors("If") == ("B", "A") and wf.predecessors("B") == ("C", "If", "A")
    assert [c.kind for c in wf.outgoing("A", None)] == ["main", "ai_tool"]
    assert wf.incoming("C", "ai_tool")[0].source == "A" and wf.outgoing("Gone") == ()


def test_feeders_are_nodes_wired_out_over_an_ai_connection_with_what_they_feed() -> None:
    """A sub-node, or a main-typed node used as one, sits under the first node it feeds."""
    wf = Workflow.from_n8n(CHATBOT)
    assert wf.feeders() == {
        "Model": "Agent",
        "Memory": "Agent",
        "Docs": "Agent",
        "Embeddings": "Docs",
    }
    assert "Agent" not in wf.feeders() and Workflow(()).feeders() == {}


def test_a_model_of_edges_alone_writes_outputs_as_wide_as_their_last_edge() -> None:
    """What the offline generator writes: the edges between nodes of the draft, trailing empty
    outputs dropped, an empty output before a used one kept."""
    wf = Workflow.from_n8n(CHATBOT)
    assert Workflow((), wf.edges()).to_n8n()["connections"]["Agent"] == {"main": [[link("Slack")]]}
    gap = (Connection("If", "B", "main", 1, 0, "main"),)
    assert Workflow((), gap).to_n8n()["connections"] == {"If": {"main": [[], [link("B")]]}}


def test_trigger_names() -> None:
    assert is_trigger_type("n8n-nodes-base.webhook")
    assert is_trigger_type("n8n-nodes-base.slackTrigger")
    assert not is_trigger_type("n8n-nodes-base.slack")


def test_the_catalog_decides_a_trigger_when_it_says_yes() -> None:
    assert is_trigger_type("n8n-nodes-base.rssFeedRead", declared=True)
    assert not is_trigger_type("n8n-nodes-base.rssFeedRead", declared=False)
    assert is_trigger_type("n8n-nodes-base.webhook", declared=False)  # the name list still holds
    assert has_trigger_name("n8n-nodes-base.slackTRIGGER")
    assert not has_trigger_name("n8n-nodes-base.webhook")


@pytest.mark.parametrize(
    ("node_type", "kind"),
    [
        ("n8n-nodes-base.scheduleTrigger", "schedule"),
        ("n8n-nodes-base.cron", "schedule"),
        ("n8n-nodes-base.webhook", "webhook"),
        (LC + "chatTrigger", "chat"),
        (LC + "mcpTrigger", "app"),
        ("n8n-nodes-base.emailReadImap", "app"),
        ("n8n-nodes-base.telegramTrigger", "app"),
        ("n8n-nodes-base.executeWorkflowTrigger", "subworkflow"),
        ("n8n-nodes-base.slack", "other"),
    ],
)
def test_trigger_kinds(node_type: str, kind: str) -> None:
    assert trigger_kind(node_type) == kind


def test_sub_nodes_by_catalog_first_then_by_name() -> None:
    assert is_sub_node_type(MODEL) and is_sub_node_type(MEMORY) and is_sub_node_type(TOOL)
    assert is_sub_node_type("n8n-nodes-base.slackTool")
    assert not is_sub_node_type(AGENT) and not is_sub_node_type("n8n-nodes-base.slack")
    # the name rule's known misses: the catalog's answer wins both ways
    assert not is_sub_node_type(LC + "lmOllama") and is_sub_node_type(LC + "lmOllama", True)
    assert is_sub_node_type(LC + "memoryManager")
    assert not is_sub_node_type(LC + "memoryManager", declared=False)


def test_a_connection_knows_where_it_was_read_from() -> None:
    wf = Workflow.from_n8n(
        {
            "nodes": [node("A", "n8n-nodes-base.manualTrigger"), node("B", "n8n-nodes-base.set")],
            "connections": {"A": {"main": [[{"node": 5}, link("B"), link("B")]]}},
        },
        strict=False,
    )
    assert [c.position for c in wf.connections] == [1, 2]
    assert wf.connections[0] == wf.connections[1]  # where it stood is not what it is


def test_edges_to_missing_nodes_are_not_edges() -> None:
    wf = Workflow.from_n8n(
        {
            "nodes": [node("A", "n8n-nodes-base.manualTrigger")],
            "connections": {"A": {"main": [[link("Gone")]]}},
        }
    )
    assert wf.edges() == () and wf.to_n8n()["connections"]["A"]["main"] == [[link("Gone")]]


@pytest.mark.parametrize(
    ("data", "where"),
    [
        ([], "$"),
        ({"nodes": {}, "connections": {}}, "$.nodes"),
        ({"nodes": [{"name": 1, "type": "x"}], "connections": {}}, "$.nodes[0]"),
        ({"nodes": [], "connections": {"A": {"main": "x"}}}, "$.connections['A'].main"),
        (
            {"nodes": [], "connections": {"A": {"main": [[{"node": "B", "index": "0"}]]}}},
            "$.connections['A'].main[0][0]",
        ),
        ({"nodes": []}, "missing 'connections'"),
    ],
)
def test_malformed_input_is_a_clear_error_naming_where(data: object, where: str) -> None:
    with pytest.raises(WorkflowFormatError, match=re.escape(where)):
        Workflow.from_n8n(data)


def test_tolerant_reading_keeps_what_it_can() -> None:
    broken = {
        "nodes": [node("A", "n8n-nodes-base.manualTrigger"), "junk", node("B", "x.y")],
        "connections": {"A": {"main": [[link("B"), 7]]}, "B": "junk"},
    }
    wf = Workflow.from_n8n(broken, strict=False)
    assert [n.name for n in wf.nodes] == ["A", "B"]
    assert [(c.source, c.target) for c in wf.edges()] == [("A", "B")]


def test_extra_keys_of_an_entry_are_kept_whatever_its_size() -> None:
    """The reader skips looking for extra keys only in a well-formed three-key entry."""
    wf = Workflow.from_n8n(
        {
            "nodes": [node("A", "x.a"), node("B", "x.b")],
            "connections": {"A": {"main": [[{"node": "B", "note": 1}, link("B", index=2)]]}},
        },
        strict=False,
    )
    assert [(c.input, c.extra) for c in wf.connections] == [(0, (("note", 1),)), (2, ())]


def test_a_model_built_in_code_writes_n8n_json() -> None:
    wf = Workflow(
        nodes=Workflow.from_n8n(CHATBOT).nodes[:2],
        connections=(Connection("Chat", "Agent", "main", 0, 0, "main"),),
    )
    assert wf.to_n8n()["connections"] == {"Chat": {"main": [[link("Agent")]]}}


def test_a_node_built_in_code_keeps_its_name_and_type() -> None:
    """``to_n8n`` writes the fields, not only ``data``: a node made in code was written ``{}``."""
    assert Workflow((Node("A", "t"),)).to_n8n()["nodes"] == [{"name": "A", "type": "t"}]
    made = Node("B", "x.set", {"parameters": {"a": 1}, "position": [0, 0]})
    assert Workflow((made,)).to_n8n()["nodes"] == [
        {"name": "B", "type": "x.set", "parameters": {"a": 1}, "position": [0, 0]}
    ]
    read = Workflow.from_n8n(CHATBOT)
    renamed = replace(read.nodes[0], name="Renamed")
    written = Workflow((renamed,)).to_n8n()["nodes"][0]
    assert written["name"] == "Renamed" and list(written) == list(CHATBOT["nodes"][0])
    made.to_n8n()["parameters"]["a"] = 2
    assert made.data["parameters"] == {"a": 1}  # a copy: writing never changes the model


# ------------------------------------------------------------------ property: lossless

names = st.text(min_size=1, max_size=12)
json_leaf = st.none() | st.booleans() | st.integers() | st.text(max_size=8)
json_value = st.recursive(
    json_leaf,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)


@st.composite
def workflows(draw: st.DrawFn) -> dict:
    node_names = draw(st.lists(names, min_size=1, max_size=6, unique=True))
    nodes = []
    for name in node_names:
        extra = draw(
            st.dictionaries(
                st.sampled_from(["credentials", "disabled", "notes", "id", "webhookId"]),
                json_value,
                max_size=2,
            )
        )
        nodes.append(
            node(
                name,
                draw(st.sampled_from([AGENT, MODEL, "n8n-nodes-base.set", "x.yTrigger"])),
                **extra,
            )
        )
    kinds = st.sampled_from(["main", "ai_tool", "ai_languageModel", "ai_memory"])
    entry = st.fixed_dictionaries(
        {"node": st.sampled_from(node_names) | names, "type": kinds, "index": st.integers(0, 3)},
        optional={"extra": json_value},
    )
    slot = st.none() | st.lists(entry, max_size=3)
    connections = draw(
        st.dictionaries(
            st.sampled_from(node_names) | names,
            st.dictionaries(kinds, st.lists(slot, max_size=3), max_size=2),
            max_size=4,
        )
    )
    top = draw(
        st.dictionaries(
            st.sampled_from(["name", "settings", "pinData", "meta", "active"]),
            json_value,
            max_size=3,
        )
    )
    order = draw(st.permutations(["nodes", "connections", *top]))
    parts = {"nodes": nodes, "connections": connections, **top}
    return {k: parts[k] for k in order}


@settings(max_examples=120, deadline=None)
@given(workflows())
def test_from_n8n_to_n8n_is_lossless(data: dict) -> None:
    wf = Workflow.from_n8n(data)
    assert wf.to_n8n() == data
    assert list(wf.to_n8n()) == list(data)
    assert Workflow.from_n8n(wf.to_n8n()) == wf


@settings(max_examples=120, deadline=None)
@given(workflows())
def test_every_edge_joins_existing_nodes_and_reachability_is_closed(data: dict) -> None:
    wf = Workflow.from_n8n(data)
    names_ = {n.name for n in wf.steps()}
    assert all(c.source in names_ and c.target in names_ for c in wf.edges())
    reached = wf.reachable()
    for c in wf.edges("main"):
        assert c.source not in reached or c.target in reached
    for c in wf.edges():
        if c.kind != "main":
            assert c.target not in reached or c.source in reached


@settings(max_examples=100, deadline=None)
@given(json_value)
def test_any_json_gives_a_model_or_a_clear_error(data: object) -> None:
    try:
        Workflow.from_n8n(data)
    except WorkflowFormatError as exc:
        assert str(exc).startswith("$")
    Workflow.from_n8n(data, strict=False)  # the tolerant reader never raises
