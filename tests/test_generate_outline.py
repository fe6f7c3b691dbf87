"""``nodepilot generate --format text``: the outline reads the workflow through the model, so a
malformed connections object is skipped where it is broken instead of crashing the command."""

from __future__ import annotations

from engine.cli import outline

WORKFLOW = {
    "name": "Digest",
    "nodes": [
        {"name": "Chat", "type": "@n8n/n8n-nodes-langchain.chatTrigger", "typeVersion": 1.1},
        {"name": "Agent", "type": "@n8n/n8n-nodes-langchain.agent", "typeVersion": 2},
        {"name": "Model", "type": "@n8n/n8n-nodes-langchain.lmChatOpenAi", "typeVersion": 1},
        {"name": "If", "type": "n8n-nodes-base.if", "typeVersion": 2},
    ],
    "connections": {
        "Chat": {"main": [[{"node": "Agent", "type": "main", "index": 0}]]},
        "Model": {
            "ai_languageModel": [[{"node": "Agent", "type": "ai_languageModel", "index": 0}]]
        },
        "Agent": {"main": [[{"node": "If", "type": "main", "index": 0}]]},
        "If": {"main": [[], [{"node": "Agent", "type": "main", "index": 0}]]},
    },
}


def test_outline_lists_nodes_then_connections_labelled_off_the_first_main_output() -> None:
    assert outline(WORKFLOW).splitlines() == [
        "# Digest",
        "- Chat [@n8n/n8n-nodes-langchain.chatTrigger v1.1]",
        "- Agent [@n8n/n8n-nodes-langchain.agent v2]",
        "- Model [@n8n/n8n-nodes-langchain.lmChatOpenAi v1]",
        "- If [n8n-nodes-base.if v2]",
        "  Chat -> Agent",
        "  Model -> Agent (ai_languageModel[0])",
        "  Agent -> If",
        "  If -> Agent (main[1])",
    ]


def test_outline_skips_malformed_parts_instead_of_crashing() -> None:
    broken = {
        "nodes": [{"name": "A", "type": "n8n-nodes-base.set"}, "junk", {"type": "x.noName"}],
        "connections": {
            "A": {"main": [[{"node": "B"}, "junk", {"node": 5}], None]},
            "B": "not an object",
            "C": {"main": "not a list"},
        },
    }
    assert outline(broken).splitlines() == [
        "# workflow",
        "- A [n8n-nodes-base.set vNone]",
        "  A -> B",
    ]
