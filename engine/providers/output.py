"""The workflow output contract for LLMs: the schema we send, and the check of what comes back.

Two schemas on purpose. ``WORKFLOW_TOOL_SCHEMA`` is what the model is asked to fill (tool input
schema / response format): detailed, so it guides the model. ``WORKFLOW_ACCEPT_SCHEMA`` is the
minimum an answer must meet to count as a workflow at all (an object with a list of named,
typed nodes and a connections object). Anything beyond that - a missing position, an unknown
parameter - is left to the validator and the deterministic repair, which fix it for free
instead of spending a feedback round.
"""

from __future__ import annotations

import json
import re
from typing import Any

from jsonschema import Draft202012Validator

_CONNECTION_TARGET = {
    "type": "object",
    "properties": {
        "node": {"type": "string", "description": "Target node name."},
        "type": {"type": "string", "description": "main, or the AI connection type."},
        "index": {"type": "integer", "description": "Target input index, usually 0."},
    },
    "required": ["node", "type", "index"],
}

WORKFLOW_TOOL_NAME = "emit_workflow"
WORKFLOW_TOOL_DESCRIPTION = (
    "Return the complete n8n workflow document (name, nodes, connections, settings)."
)

WORKFLOW_TOOL_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "name": {"type": "string", "description": "Short workflow title."},
        "nodes": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "id": {"type": "string", "description": "A UUID."},
                    "name": {"type": "string", "description": "Unique node name."},
                    "type": {
                        "type": "string",
                        "description": "Full node type, e.g. n8n-nodes-base.slack.",
                    },
                    "typeVersion": {"type": "number"},
                    "position": {
                        "type": "array",
                        "items": {"type": "number"},
                        "minItems": 2,
                        "maxItems": 2,
                    },
                    "parameters": {"type": "object"},
                    "webhookId": {"type": "string"},
                },
                "required": ["id", "name", "type", "typeVersion", "position", "parameters"],
            },
        },
        "connections": {
            "type": "object",
            "description": (
                "Keyed by source node name; each value maps a connection type (main, "
                "ai_languageModel, ...) to a list per output index of lists of targets."
            ),
            "additionalProperties": {
                "type": "object",
                "additionalProperties": {
                    "type": "array",
                    "items": {"type": "array", "items": _CONNECTION_TARGET},
                },
            },
        },
        "settings": {
            "type": "object",
            "properties": {"executionOrder": {"type": "string", "enum": ["v1"]}},
        },
    },
    "required": ["name", "nodes", "connections"],
}

WORKFLOW_ACCEPT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "nodes": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "properties": {
                    "name": {"type": "string", "minLength": 1},
                    "type": {"type": "string", "minLength": 1},
                },
                "required": ["name", "type"],
            },
        },
        "connections": {"type": "object"},
    },
    "required": ["nodes", "connections"],
}

_ACCEPT = Draft202012Validator(WORKFLOW_ACCEPT_SCHEMA)
_FENCE = re.compile(r"^\s*```[a-zA-Z0-9_-]*\s*\n(.*?)\n\s*```\s*$", re.DOTALL)


def schema_problems(data: Any, schema: dict[str, Any], *, limit: int = 10) -> list[str]:
    """Each way ``data`` violates ``schema``, as "$.path: message" lines (at most ``limit``)."""
    validator = _ACCEPT if schema is WORKFLOW_ACCEPT_SCHEMA else Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(data), key=lambda e: (list(e.absolute_path), e.message))
    out = []
    for err in errors[:limit]:
        path = "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in err.absolute_path)
        out.append(f"{path}: {_short(err.message)}")
    if len(errors) > limit:
        out.append(f"... and {len(errors) - limit} more schema violations")
    return out


def _short(message: str, limit: int = 200) -> str:
    return message if len(message) <= limit else message[: limit - 1] + "…"


def parse_json_text(text: str) -> tuple[Any, str | None]:
    """Parse JSON a model wrote as text (tolerating a ```json fence and surrounding prose).

    Returns ``(data, None)`` or ``(None, problem)``.
    """
    stripped = text.strip()
    if not stripped:
        return None, "the answer is empty"
    fenced = _FENCE.match(stripped)
    if fenced:
        stripped = fenced.group(1).strip()
    try:
        return json.loads(stripped), None
    except ValueError as exc:
        first = stripped.find("{")
        last = stripped.rfind("}")
        if 0 <= first < last:
            try:
                return json.loads(stripped[first : last + 1]), None
            except ValueError:
                pass
        where = f"line {exc.lineno} column {exc.colno}"
        return None, f"the answer is not valid JSON ({exc.msg} at {where})"


def extract_workflow(data: Any) -> tuple[dict[str, Any] | None, list[str]]:
    """The workflow in a model's structured answer, or None and the problems found.

    Unwraps the common ``{"workflow": {...}}`` envelope before checking.
    """
    if isinstance(data, dict) and "nodes" not in data and isinstance(data.get("workflow"), dict):
        data = data["workflow"]
    if not isinstance(data, dict):
        return None, [f"$: expected a JSON object, got {type(data).__name__}"]
    problems = schema_problems(data, WORKFLOW_ACCEPT_SCHEMA)
    return (None, problems) if problems else (data, [])
