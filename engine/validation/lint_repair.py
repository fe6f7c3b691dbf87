"""Deterministic repair for the one quality lint with a single right answer: a static AI prompt.

An AI Agent or LLM chain whose prompt is fixed text gives the same answer for every item. The
safe fix keeps the author's text and appends the input it should have read: the chat message
(``{{ $json.chatInput }}``) when the node sits right after a Chat Trigger, otherwise the whole
incoming item (``{{ JSON.stringify($json) }}``). An agent whose prompt is, or reads,
``$json.chatInput`` in a workflow with no Chat Trigger gets a prompt reading the item. Other
text holding ``{{`` is never touched: it is not static, and adding ``=`` would make n8n
evaluate it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from engine.validation.findings import json_path
from engine.validation.lints import (
    AGENT,
    CHAIN_LLM,
    CHAT_TRIGGERS,
    has_static_prompt,
    reads_missing_chat_input,
    sets_chat_input,
)
from nodepilot.workflow import MAIN, Workflow

CHAT_REF = "{{ $json.chatInput }}"
ITEM_REF = "{{ JSON.stringify($json) }}"
#: ``record(code, message, node=..., path=..., before=..., after=...)`` (``_Repairer.fix``).
Recorder = Callable[..., None]


def repair_static_prompts(doc: dict[str, Any], record: Recorder) -> None:
    """Give every static agent / chain prompt the input it ignores, recording each change."""
    nodes = [
        n
        for n in doc.get("nodes") or ()
        if isinstance(n, dict) and isinstance(n.get("name"), str) and isinstance(n.get("type"), str)
    ]
    if not any(n["type"] in (AGENT, CHAIN_LLM) for n in nodes):
        return
    types = {n["name"]: n["type"] for n in nodes}
    has_chat = any(t in CHAT_TRIGGERS for t in types.values()) or sets_chat_input(nodes)
    after_chat = _fed_by_chat_trigger(doc.get("connections"), types)
    for i, node in enumerate(doc["nodes"]):
        if not isinstance(node, dict) or not isinstance(node.get("type"), str):
            continue
        if node["type"] not in (AGENT, CHAIN_LLM):
            continue
        params = node.get("parameters")
        if not isinstance(params, dict) or not params:
            continue
        name = node.get("name")
        path = json_path("nodes", i, "parameters")
        if has_static_prompt(node["type"], node.get("typeVersion"), params):
            before = params.get("text")
            ref = CHAT_REF if name in after_chat else ITEM_REF
            params["text"] = _with_input(before, ref)
            record(
                "agent_static_prompt",
                "appended the node's input to its fixed prompt",
                node=name,
                path=path + ".text",
                before=before,
                after=params["text"],
            )
        elif node["type"] == AGENT and not has_chat and reads_missing_chat_input(params):
            _point_at_item(params, record, name, path)


def _point_at_item(params: dict[str, Any], record: Recorder, name: Any, path: str) -> None:
    """Make a prompt that reads a missing ``$json.chatInput`` read the incoming item instead.

    The default prompt becomes a defined one reading the item; a defined prompt keeps its text
    with ``$json.chatInput`` swapped for the whole item (the trigger's real field is unknown).
    """
    before = {"promptType": params.get("promptType"), "text": params.get("text")}
    if before["promptType"] in (None, "auto"):
        params["text"] = "=" + ITEM_REF
    else:
        params["text"] = before["text"].replace("$json.chatInput", "JSON.stringify($json)")
    params["promptType"] = "define"
    record(
        "agent_static_prompt",
        "no Chat Trigger provides chatInput: the prompt now reads the incoming item",
        node=name,
        path=path,
        before=before,
        after={"promptType": "define", "text": params["text"]},
    )


def _with_input(text: str | None, ref: str) -> str:
    base = (text or "").removeprefix("=").rstrip()
    return "=" + (base + "\n\n" if base else "") + ref


def _fed_by_chat_trigger(connections: Any, types: dict[Any, Any]) -> set[str]:
    """Names of nodes a Chat Trigger feeds directly (``main``), read by the workflow model
    (tolerant: malformed parts are skipped; targets need not be nodes of the workflow)."""
    wired = Workflow.from_n8n({"connections": connections}, strict=False).connections
    return {
        c.target
        for c in wired
        if c.type == MAIN and isinstance(c.source, str) and types.get(c.source) in CHAT_TRIGGERS
    }
