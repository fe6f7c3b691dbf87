"""The trigger a template document names (``metadata.trigger``, read by ``nodepilot search
--trigger``): the one that starts the workflow, not the first trigger-like node in node order.

Why: templates exported from old n8n keep an unconnected legacy ``Start`` node next to the
trigger that really runs them, and the first-in-order rule named that ``Start``
(``n8n-mcp@2.87.0#4904``: a ``Start`` with no connection, then the webhook that runs 11 nodes).
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

from indexing.sources import main_trigger, template_docs

START = "n8n-nodes-base.start"
WEBHOOK = "n8n-nodes-base.webhook"
CRON = "n8n-nodes-base.cron"
SCHEDULE = "n8n-nodes-base.scheduleTrigger"
SET = "n8n-nodes-base.set"
MCP = "@n8n/n8n-nodes-langchain.mcpTrigger"
CHAT = "@n8n/n8n-nodes-langchain.chatTrigger"


def _workflow(nodes: list[tuple[str, str]], edges: list[tuple[str, str, str]]) -> dict[str, Any]:
    """n8n JSON from (name, type) nodes and (source, target, connection type) edges."""
    connections: dict[str, Any] = {}
    for source, target, kind in edges:
        slot = connections.setdefault(source, {}).setdefault(kind, [[]])
        slot[0].append({"node": target, "type": kind, "index": 0})
    return {
        "nodes": [{"name": n, "type": t, "parameters": {}} for n, t in nodes],
        "connections": connections,
    }


#: The shape of n8n-mcp@2.87.0#4904: an unconnected Start first, the webhook that runs it after.
LEGACY_START_FIRST = _workflow(
    [("Start", START), ("Webhook Trigger", WEBHOOK), ("Check", SET), ("Reply", SET)],
    [("Webhook Trigger", "Check", "main"), ("Check", "Reply", "main")],
)


def test_an_unconnected_legacy_start_does_not_hide_the_webhook() -> None:
    assert main_trigger(LEGACY_START_FIRST) == WEBHOOK


def test_a_trigger_that_runs_something_beats_one_that_runs_nothing() -> None:
    wf = _workflow(
        [("Schedule", SCHEDULE), ("Hook", WEBHOOK), ("Store", SET)],
        [("Hook", "Store", "main")],
    )
    assert main_trigger(wf) == WEBHOOK


def test_a_connected_legacy_start_gives_way_to_another_connected_trigger() -> None:
    wf = _workflow(
        [("Start", START), ("Every day", CRON), ("Fetch", SET)],
        [("Start", "Fetch", "main"), ("Every day", "Fetch", "main")],
    )
    assert main_trigger(wf) == CRON


def test_an_mcp_server_with_tools_counts_as_connected() -> None:
    tool = "n8n-nodes-base.googleCalendarTool"
    wf = _workflow(
        [("Chat", CHAT), ("MCP", MCP), ("Calendar", tool)],
        [("Calendar", "MCP", "ai_tool")],
    )
    assert main_trigger(wf) == MCP


def test_first_in_node_order_among_equals_and_none_without_a_trigger() -> None:
    both = _workflow([("A", SCHEDULE), ("B", WEBHOOK)], [])
    assert main_trigger(both) == SCHEDULE
    assert main_trigger(_workflow([("Start", START)], [])) == START
    assert main_trigger(_workflow([("Set", SET)], [])) is None
    assert main_trigger({"nodes": "broken", "connections": None}) is None


def test_the_template_document_names_the_trigger_that_runs_it(tmp_path: Path) -> None:
    folder = tmp_path / "n8n-mcp-2.87.0"
    folder.mkdir()
    row = {"id": 4904, "name": "Webhook to DB", "workflow": LEGACY_START_FIRST}
    with gzip.open(folder / "templates.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write(json.dumps(row) + "\n")
    docs = {d.key: d for d in template_docs(reference_ids=set(), root=tmp_path)}
    doc = docs["n8n-mcp@2.87.0#4904"]
    assert doc.metadata["trigger"] == WEBHOOK
    assert "Types: start webhook set." in doc.content  # every node still listed
