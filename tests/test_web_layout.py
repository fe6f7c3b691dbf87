"""The workflow picture's layout and drawing (static/js/graph.js, draw.js), run in the real
browser: triggers leftmost, main connections left to right, AI sub-nodes under their root with
labelled dashed links, branch outputs labelled, no overlapping nodes, big workflows fit."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.web_support import CHROMIUM_ARGS, chromium_browser, ensure_chromium, watch, web_server  # noqa: F401 - fixtures

LANG = "@n8n/n8n-nodes-langchain."
BASE = "n8n-nodes-base."

LAYOUT_JS = """(wf) => {
  const lay = window.NP.graph.layout(wf);
  return { nodes: Object.fromEntries(lay.nodes), edges: lay.edges, bbox: lay.bbox };
}"""

RENDER_JS = """([wf, findings]) => {
  let host = document.getElementById('test-host');
  if (!host) {
    host = document.createElement('div');
    host.id = 'test-host';
    host.className = 'canvas';
    document.body.prepend(host);
  }
  host.hidden = false;
  window.__picked = null;
  const pick = (n) => { window.__picked = n.name; };
  window.__picture = window.NP.draw.render(host, wf, findings, pick);
  return host.querySelectorAll('.np-node').length;
}"""


def node(name: str, type_: str, **params: object) -> dict:
    return {
        "name": name,
        "type": type_,
        "typeVersion": 1,
        "position": [0, 0],
        "parameters": params,
        "id": name,
    }


def link(conns: dict, src: str, dst: str, kind: str = "main", output: int = 0) -> None:
    outputs = conns.setdefault(src, {}).setdefault(kind, [])
    while len(outputs) <= output:
        outputs.append([])
    outputs[output].append({"node": dst, "type": kind, "index": 0})


def ai_workflow() -> dict:
    """A chat agent with model, memory, two tools (one a vector store with embeddings), then
    an IF and a three-way switch."""
    nodes = [
        node("Reply", BASE + "slack"),
        node("Agent", LANG + "agent"),
        node("Chat", LANG + "chatTrigger"),
        node("Model", LANG + "lmChatOpenAi"),
        node("Memory", LANG + "memoryBufferWindow"),
        node("Sheet tool", BASE + "googleSheetsTool"),
        node("Docs", LANG + "vectorStoreInMemory"),
        node("Embeddings", LANG + "embeddingsOpenAi"),
        node("Check", BASE + "if"),
        node(
            "Route",
            BASE + "switch",
            rules={"values": [{"outputKey": "sales"}, {"outputKey": "support"}]},
            options={"fallbackOutput": "extra"},
        ),
        node("Sales", BASE + "hubspot"),
        node("Support", BASE + "zendesk"),
        node("Other", BASE + "noOp"),
    ]
    c: dict = {}
    link(c, "Chat", "Agent")
    link(c, "Model", "Agent", "ai_languageModel")
    link(c, "Memory", "Agent", "ai_memory")
    link(c, "Sheet tool", "Agent", "ai_tool")
    link(c, "Docs", "Agent", "ai_tool")
    link(c, "Embeddings", "Docs", "ai_embedding")
    link(c, "Agent", "Check")
    link(c, "Check", "Reply", output=0)
    link(c, "Check", "Route", output=1)
    link(c, "Route", "Sales", output=0)
    link(c, "Route", "Support", output=1)
    link(c, "Route", "Other", output=2)
    return {"name": "AI test", "nodes": nodes, "connections": c}


def big_workflow(n: int = 36) -> dict:
    """A webhook, then a chain with an IF every fifth node whose false branch rejoins later."""
    nodes = [node("Start", BASE + "webhook")]
    c: dict = {}
    prev = "Start"
    for i in range(1, n):
        kind = "if" if i % 5 == 0 else "set"
        name = f"Step {i}"
        nodes.append(node(name, BASE + kind))
        link(c, prev, name, output=1 if nodes[-2]["type"].endswith(".if") else 0)
        prev = name
    for i in range(5, n - 2, 5):
        link(c, f"Step {i}", f"Step {i + 2}", output=0)
    return {"name": "Big", "nodes": nodes, "connections": c}


def overlaps(a: dict, b: dict) -> bool:
    return (
        a["x"] < b["x"] + b["w"]
        and b["x"] < a["x"] + a["w"]
        and a["y"] < b["y"] + b["h"]
        and b["y"] < a["y"] + a["h"]
    )


def assert_no_overlap(nodes: dict) -> None:
    boxes = list(nodes.items())
    for i, (na, a) in enumerate(boxes):
        for nb, b in boxes[i + 1 :]:
            assert not overlaps(a, b), f"{na} overlaps {nb}: {a} {b}"


@pytest.fixture(scope="module")
def layout_page(chromium_browser, web_server, tmp_path_factory) -> Iterator:  # noqa: F811
    """The chat page (signed out), whose scripts define window.NP."""
    ensure_chromium()
    assert "--no-sandbox" in CHROMIUM_ARGS
    context = chromium_browser.new_context(viewport={"width": 1200, "height": 800})
    page = context.new_page()
    watched = watch(page, Path(tmp_path_factory.mktemp("layout-shots")))
    page.goto(web_server.base_url + "/")
    page.wait_for_function("() => window.NP && window.NP.draw")
    yield watched
    assert watched.own_errors() == []
    context.close()


def test_trigger_leftmost_and_main_links_run_left_to_right(layout_page) -> None:
    wf = ai_workflow()
    lay = layout_page.page.evaluate(LAYOUT_JS, wf)
    nodes = lay["nodes"]
    assert nodes["Chat"]["x"] == min(b["x"] for b in nodes.values())
    assert nodes["Chat"]["column"] == 0
    for e in lay["edges"]:
        if e["type"] == "main":
            assert nodes[e["to"]]["x"] > nodes[e["from"]]["x"] + nodes[e["from"]]["w"], e
    # IF's true branch above its false branch, switch outputs in order top to bottom
    assert nodes["Reply"]["y"] < nodes["Route"]["y"]
    assert nodes["Sales"]["y"] < nodes["Support"]["y"] < nodes["Other"]["y"]
    assert_no_overlap(nodes)


def test_sub_nodes_hang_under_their_root(layout_page) -> None:
    nodes = layout_page.page.evaluate(LAYOUT_JS, ai_workflow())["nodes"]
    agent = nodes["Agent"]
    for sub in ("Model", "Memory", "Sheet tool", "Docs"):
        box = nodes[sub]
        assert box["sub"] is True
        assert box["y"] >= agent["y"] + agent["h"] + 40, sub
    # n8n's order under an agent: model, memory, then tools
    xs = [nodes[n]["x"] for n in ("Model", "Memory", "Sheet tool", "Docs")]
    assert xs == sorted(xs)
    # the vector store's embeddings hang under the vector store, not under the agent
    assert nodes["Embeddings"]["y"] > nodes["Docs"]["y"] + nodes["Docs"]["h"]
    docs_mid = nodes["Docs"]["x"] + nodes["Docs"]["w"] / 2
    emb_mid = nodes["Embeddings"]["x"] + nodes["Embeddings"]["w"] / 2
    assert abs(docs_mid - emb_mid) < 1
    assert nodes["Agent"]["sub"] is False and nodes["Check"]["sub"] is False


def test_drawing_labels_branches_and_ai_links(layout_page) -> None:
    page = layout_page.page
    wf = ai_workflow()
    assert page.evaluate(RENDER_JS, [wf, []]) == len(wf["nodes"])
    main_labels = page.locator("#test-host .np-edge-group:has(.np-edge-main) .np-edge-label")
    assert sorted(main_labels.all_text_contents()) == sorted(
        ["true", "false", "sales", "support", "Fallback"]
    )
    ai_edges = page.locator("#test-host .np-edge-ai")
    assert ai_edges.count() == 5
    assert sorted(page.locator("#test-host .np-ai-label").all_text_contents()) == sorted(
        ["ai_languageModel", "ai_memory", "ai_tool", "ai_tool", "ai_embedding"]
    )
    assert ai_edges.first.evaluate("e => getComputedStyle(e).strokeDasharray") != "none"
    initials = page.locator('#test-host .np-node[data-node-name="Sheet tool"] .np-node-initials')
    assert initials.text_content() == "GS"
    layout_page.shot("layout-ai-agent")


def test_findings_badge_and_click_on_a_node(layout_page) -> None:
    page = layout_page.page
    findings = [
        {"code": "X1", "severity": "warning", "message": "check the channel", "node": "Reply"},
        {"code": "X2", "severity": "error", "message": "missing credential", "node": "Reply"},
        {"code": "X3", "severity": "warning", "message": "workflow-wide", "node": None},
    ]
    page.evaluate(RENDER_JS, [ai_workflow(), findings])
    reply = page.locator('#test-host .np-node[data-node-name="Reply"]')
    assert reply.locator(".np-badge-error text").text_content() == "2"
    assert page.locator("#test-host .np-badge").count() == 1
    assert "2 findings" in reply.get_attribute("aria-label")
    reply.click()
    assert page.evaluate("window.__picked") == "Reply"
    page.evaluate("window.__picked = null")
    page.locator('#test-host .np-node[data-node-name="Check"]').focus()
    page.keyboard.press("Enter")
    assert page.evaluate("window.__picked") == "Check"


def view_box(page) -> list[float]:
    return [float(v) for v in page.locator("#test-host svg").get_attribute("viewBox").split()]


def contains(view: list[float], box: dict) -> bool:
    return (
        view[0] <= box["x"]
        and view[0] + view[2] >= box["x"] + box["w"]
        and view[1] <= box["y"]
        and view[1] + view[3] >= box["y"] + box["h"]
    )


def test_big_workflow_stays_readable_and_zooms(layout_page) -> None:
    page = layout_page.page
    wf = big_workflow(36)
    assert page.evaluate(RENDER_JS, [wf, []]) == 36
    lay = page.evaluate(LAYOUT_JS, wf)
    assert_no_overlap(lay["nodes"])
    edges = sum(len(t) for outs in wf["connections"].values() for o in outs.values() for t in o)
    assert page.locator("#test-host .np-edge").count() == edges
    # the first view keeps names legible (scale >= 0.65) and starts at the trigger
    readable = view_box(page)
    width = page.locator("#test-host svg").evaluate("s => s.getBoundingClientRect().width")
    assert width / readable[2] >= 0.65 - 1e-6
    assert contains(readable, lay["nodes"]["Start"])
    assert not contains(readable, lay["bbox"])
    layout_page.shot("layout-36-nodes-readable")
    # "Whole workflow" (key 9) shows everything; 0 goes back to the readable fit
    page.locator("#test-host svg").focus()
    page.keyboard.press("9")
    assert contains(view_box(page), lay["bbox"])
    layout_page.shot("layout-36-nodes-whole")
    page.keyboard.press("0")
    assert view_box(page) == pytest.approx(readable)
    page.evaluate("window.__picture.zoom(0.5)")
    assert view_box(page)[2] == pytest.approx(readable[2] * 0.5)
    x_before = view_box(page)[0]
    page.keyboard.press("ArrowLeft")
    assert view_box(page)[0] < x_before


@st.composite
def random_workflows(draw) -> dict:
    """Random DAGs of 1-25 main nodes (some IFs), with AI sub-nodes on some of them."""
    n = draw(st.integers(1, 25))
    nodes = [node("T", BASE + "manualTrigger")]
    c: dict = {}
    for i in range(1, n):
        nodes.append(node(f"N{i}", BASE + draw(st.sampled_from(["set", "if", "slack"]))))
        src = draw(st.integers(0, i - 1))
        outs = 2 if nodes[src]["type"].endswith(".if") else 1
        link(c, nodes[src]["name"], f"N{i}", output=draw(st.integers(0, outs - 1)))
    for j in range(draw(st.integers(0, 6))):
        root = draw(st.integers(0, n - 1))
        kind = draw(st.sampled_from(["ai_languageModel", "ai_tool", "ai_memory"]))
        nodes.append(node(f"S{j}", LANG + "lmChatOpenAi"))
        link(c, f"S{j}", nodes[root]["name"], kind)
    order = draw(st.permutations(range(len(nodes))))
    return {"name": "random", "nodes": [nodes[i] for i in order], "connections": c}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(wf=random_workflows())
def test_random_workflows_lay_out_cleanly(layout_page, wf: dict) -> None:
    lay = layout_page.page.evaluate(LAYOUT_JS, wf)
    nodes = lay["nodes"]
    assert set(nodes) == {n["name"] for n in wf["nodes"]}, json.dumps(wf)
    assert nodes["T"]["column"] == 0
    assert_no_overlap(nodes)
    for e in lay["edges"]:
        a, b = nodes[e["from"]], nodes[e["to"]]
        if e["type"] == "main":
            assert b["x"] > a["x"] + a["w"], e
        else:
            assert a["sub"] and a["y"] > b["y"] + b["h"], e
