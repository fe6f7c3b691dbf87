"""The LLM prompt optimizer: the ``prompt_optimization`` prompt through a provider's ``complete``
with a JSON schema (OpenAI structured output by default), merged onto the local reading.

The local spec is always computed first and stays the fallback: every node type the model names
is checked against the catalog, and any field the model leaves out or gets wrong keeps the local
value. So a weak or confused model can only improve the spec's structure, never break it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from engine.types import AiSpec, Message, Spec, StepSpec, TriggerSpec

_NODE = {"type": "string"}
_NULLABLE = {"type": ["string", "null"]}

#: Structured-output schema (strict-mode friendly: every property required, no extras).
SPEC_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["name", "trigger", "steps", "branching", "condition", "data_flow", "ai"],
    "properties": {
        "name": {"type": "string"},
        "trigger": {
            "type": "object",
            "additionalProperties": False,
            "required": ["kind", "node_type", "schedule_cron", "event"],
            "properties": {
                "kind": {
                    "enum": [
                        "schedule",
                        "webhook",
                        "form",
                        "chat",
                        "app",
                        "manual",
                        "subworkflow",
                        "error",
                    ]
                },
                "node_type": _NODE,
                "schedule_cron": _NULLABLE,
                "event": _NULLABLE,
            },
        },
        "steps": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["node_type", "resource", "operation", "purpose", "branch"],
                "properties": {
                    "node_type": _NODE,
                    "resource": _NULLABLE,
                    "operation": _NULLABLE,
                    "purpose": {"type": "string"},
                    "branch": _NULLABLE,
                },
            },
        },
        "branching": {"enum": ["none", "if", "switch"]},
        "condition": {"type": "string"},
        "data_flow": {"type": "string"},
        "ai": {
            "type": ["object", "null"],
            "additionalProperties": False,
            "required": [
                "root",
                "model",
                "memory",
                "tools",
                "output_parser",
                "vector_store",
                "embeddings",
                "prompt",
            ],
            "properties": {
                "root": _NODE,
                "model": _NULLABLE,
                "memory": _NULLABLE,
                "tools": {"type": "array", "items": _NODE},
                "output_parser": _NULLABLE,
                "vector_store": _NULLABLE,
                "embeddings": _NULLABLE,
                "prompt": {"type": "string"},
            },
        },
    },
}


def _known(node_type: Any) -> str | None:
    from indexing.catalog.load import load_catalog

    if not isinstance(node_type, str) or not node_type:
        return None
    cat = load_catalog()
    if cat.has_type(node_type):
        return node_type
    return cat.resolve_name(node_type)


def apps_text(local: Spec) -> str:
    """The local reading's node types, one line each; a step whose app node has no operation
    for what is asked says so, with the HTTP Request stand-in to use (see
    ``engine.offline.coverage``), so the model does not copy the wrong operation; a summary
    the request sends without naming an AI gets one (``engine.offline.summary``)."""
    from engine.offline.coverage import HTTP_REQUEST, stand_in_for
    from engine.offline.summary import asks_to_deliver_summary

    lines = [f"- trigger: {local.trigger.node_type}"]
    for s in local.steps:
        line = f"- {s.node_type} ({s.resource or '-'} / {s.operation or '-'})"
        stand_in = stand_in_for(s)
        if stand_in is not s:
            hints = stand_in.parameters
            line += (
                f' - this node has no operation for "{hints["@object"]}": use {HTTP_REQUEST} '
                f"with authentication predefinedCredentialType, nodeCredentialType "
                f"{hints['@credential']}"
            )
        lines.append(line)
    if local.ai:
        lines.append(f"- AI: {local.ai.root} with {local.ai.model}")
    elif asks_to_deliver_summary(local.request):
        lines.append(
            "- the request sends a summary: an AI step writes it (ai.root "
            "@n8n/n8n-nodes-langchain.chainLlm) before the step that sends it"
        )
    return "\n".join(lines)


def _conversation_text(conversation: Sequence[Message]) -> str:
    return "\n".join(f"{m.role}: {m.content}" for m in conversation[-6:]) or "(none)"


def merge_spec(local: Spec, data: Any) -> Spec:
    """The model's structured answer over the local spec; unknown node types are dropped."""
    if not isinstance(data, dict):
        return local
    trig = data.get("trigger") if isinstance(data.get("trigger"), dict) else {}
    trigger = local.trigger
    t_type = _known(trig.get("node_type"))
    if t_type:
        from indexing.catalog.load import load_catalog

        if load_catalog().is_trigger(t_type):
            cron = trig.get("schedule_cron")
            trigger = TriggerSpec(
                kind=str(trig.get("kind") or local.trigger.kind),
                node_type=t_type,
                schedule={"cron": cron}
                if isinstance(cron, str) and cron.strip()
                else (local.trigger.schedule if t_type == local.trigger.node_type else None),
                app_event=trig.get("event") if isinstance(trig.get("event"), str) else None,
            )
    steps: list[StepSpec] = []
    for raw in data.get("steps") or []:
        if not isinstance(raw, dict):
            continue
        node_type = _known(raw.get("node_type"))
        if not node_type:
            continue
        steps.append(
            StepSpec(
                node_type=node_type,
                purpose=str(raw.get("purpose") or "")[:300],
                resource=raw.get("resource") if isinstance(raw.get("resource"), str) else None,
                operation=raw.get("operation") if isinstance(raw.get("operation"), str) else None,
                branch=raw.get("branch") if isinstance(raw.get("branch"), str) else None,
            )
        )
    ai = local.ai
    raw_ai = data.get("ai")
    if isinstance(raw_ai, dict) and _known(raw_ai.get("root")):
        ai = AiSpec(
            root=_known(raw_ai.get("root")) or "",
            model=_known(raw_ai.get("model")) or (local.ai.model if local.ai else None),
            memory=_known(raw_ai.get("memory")),
            tools=tuple(t for t in (_known(x) for x in raw_ai.get("tools") or []) if t),
            output_parser=_known(raw_ai.get("output_parser")),
            vector_store=_known(raw_ai.get("vector_store")),
            embeddings=_known(raw_ai.get("embeddings")),
            prompt=str(raw_ai.get("prompt") or "")[:1000],
        )
    branching = data.get("branching")
    return Spec(
        request=local.request,
        trigger=trigger,
        steps=tuple(steps) or local.steps,
        ai=ai,
        branching=branching if branching in ("none", "if", "switch") else local.branching,
        condition=str(data.get("condition") or local.condition)[:300],
        data_flow=str(data.get("data_flow") or local.data_flow)[:500],
        name=str(data.get("name") or local.name)[:80],
        optimizer="llm",
    )


def llm_spec(text: str, local: Spec, conversation: Sequence[Message], provider: Any) -> Spec:
    """Ask ``provider`` for the spec; raises on provider errors (the caller falls back)."""
    from engine.prompts import render

    prompt = render(
        "prompt_optimization",
        request=text,
        conversation=_conversation_text(conversation),
        apps=apps_text(local),
    )
    result = provider.complete(
        "You turn automation requests into structured n8n workflow specs.",
        [{"role": "user", "content": prompt}],
        json_schema=SPEC_SCHEMA,
    )
    return merge_spec(local, getattr(result, "data", None))
