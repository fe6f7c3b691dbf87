"""Small valid workflows for the quality-lint tests: one builder per node family.

Every builder returns a workflow that is valid under the runtime profile, so a test changes one
parameter and watches exactly one lint appear or disappear.
"""

from __future__ import annotations

import copy
from typing import Any

BASE = "n8n-nodes-base."
LC = "@n8n/n8n-nodes-langchain."
MODEL = {
    "id": "id-model",
    "name": "Model",
    "type": LC + "lmChatOpenAi",
    "typeVersion": 1.2,
    "position": [220, 200],
    "parameters": {"model": {"__rl": True, "mode": "list", "value": "gpt-4o-mini"}, "options": {}},
    "credentials": {"openAiApi": {"id": "1", "name": "OpenAI"}},
}
SYSTEM = "You summarise support emails in two sentences."


def node(name: str, node_type: str, params: dict[str, Any], version: float, x: int = 220) -> dict:
    """One node with a stable id derived from its name."""
    return {
        "id": "id-" + name.lower().replace(" ", "-"),
        "name": name,
        "type": node_type,
        "typeVersion": version,
        "position": [x, 0],
        "parameters": params,
    }


def link(*names: str) -> dict[str, Any]:
    """``main`` connections along a chain of node names."""
    return {
        a: {"main": [[{"node": b, "type": "main", "index": 0}]]}
        for a, b in zip(names, names[1:], strict=False)
    }


def workflow(nodes: list[dict], connections: dict[str, Any]) -> dict[str, Any]:
    """A workflow document around nodes and connections."""
    return {
        "name": "lint test",
        "nodes": copy.deepcopy(nodes),
        "connections": copy.deepcopy(connections),
        "settings": {"executionOrder": "v1"},
    }


def manual() -> dict:
    """A manual trigger at the origin."""
    return node("Start", BASE + "manualTrigger", {}, 1, x=0)


def agent_workflow(params: dict[str, Any], chat: bool = False, version: float = 2) -> dict:
    """Trigger -> AI Agent (with a chat model); a Chat Trigger when ``chat``."""
    trigger = node("Chat", LC + "chatTrigger", {"options": {}}, 1.1, x=0) if chat else manual()
    agent = node("Agent", LC + "agent", params, version)
    conns = link(trigger["name"], "Agent")
    conns["Model"] = {
        "ai_languageModel": [[{"node": "Agent", "type": "ai_languageModel", "index": 0}]]
    }
    return workflow([trigger, agent, MODEL], conns)


def defined_agent(text: str, system: str | None = SYSTEM) -> dict[str, Any]:
    """Agent parameters with a defined prompt (and a system message unless None)."""
    options = {"systemMessage": system} if system is not None else {}
    return {"promptType": "define", "text": text, "options": options}


def chain_workflow(text: str, version: float = 1.5) -> dict:
    """Trigger -> Basic LLM Chain with a defined prompt."""
    chain = node("Chain", LC + "chainLlm", {"promptType": "define", "text": text}, version)
    conns = link("Start", "Chain")
    conns["Model"] = {
        "ai_languageModel": [[{"node": "Chain", "type": "ai_languageModel", "index": 0}]]
    }
    return workflow([manual(), chain, MODEL], conns)


def http_workflow(params: dict[str, Any], node_type: str = BASE + "httpRequest") -> dict:
    """Trigger -> HTTP Request with the given parameters (url defaulted)."""
    params = {"url": "https://api.example.com/v1/items", "options": {}, **params}
    return workflow([manual(), node("Call API", node_type, params, 4.2)], link("Start", "Call API"))


def headers(*pairs: tuple[str, str]) -> dict[str, Any]:
    """HTTP Request parameters sending these headers."""
    return {
        "sendHeaders": True,
        "headerParameters": {"parameters": [{"name": n, "value": v} for n, v in pairs]},
    }


def code_workflow(js: str) -> dict:
    """Trigger -> Code node running ``js``."""
    code = node("Code", BASE + "code", {"jsCode": js}, 2)
    return workflow([manual(), code], link("Start", "Code"))


def set_workflow(*fields: tuple[str, str]) -> dict:
    """Trigger -> Set node assigning string fields."""
    assignments = [
        {"id": f"a{i}", "name": n, "value": v, "type": "string"} for i, (n, v) in enumerate(fields)
    ]
    params = {"assignments": {"assignments": assignments}, "options": {}}
    return workflow([manual(), node("Set", BASE + "set", params, 3.4)], link("Start", "Set"))


def tool_workflow(tool_type: str, params: dict[str, Any], version: float = 1) -> dict:
    """Chat Trigger -> Agent with a tool attached."""
    wf = agent_workflow(defined_agent("={{ $json.chatInput }}"), chat=True)
    wf["nodes"].append(node("Tool", tool_type, params, version, x=440))
    wf["connections"]["Tool"] = {"ai_tool": [[{"node": "Agent", "type": "ai_tool", "index": 0}]]}
    return wf


def merge_workflow(both_inputs: bool) -> dict:
    """Trigger -> two Set nodes -> Merge (both inputs, or the first only)."""
    params = {"assignments": {"assignments": []}, "options": {}}
    nodes = [
        manual(),
        node("A", BASE + "set", params, 3.4),
        node("B", BASE + "set", params, 3.4),
        node("Merge", BASE + "merge", {}, 3, x=440),
    ]
    conns = {
        "Start": {
            "main": [
                [
                    {"node": "A", "type": "main", "index": 0},
                    {"node": "B", "type": "main", "index": 0},
                ]
            ]
        },
        "A": {"main": [[{"node": "Merge", "type": "main", "index": 0}]]},
        "B": {"main": [[{"node": "Merge", "type": "main", "index": 1 if both_inputs else 0}]]},
    }
    return workflow(nodes, conns)
