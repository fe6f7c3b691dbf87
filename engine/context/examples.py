"""One typical configuration of an operation, built from the mined node patterns.

The patterns (``seeds/patterns``, see :mod:`indexing.patterns`) record, per node type and
resource/operation, which parameters public workflows set, their most common literal values,
resource-locator modes and expression shapes. Put together they read as one configured
example - ``{"select": "channel", "channelId": {"__rl": true, "mode": "list", ...}}`` - which
shows a model the value shapes the schema only names. Values stay abstracted (``<field>``):
nothing personal from a public workflow reaches the prompt.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

#: A parameter is in the example when at least this share of the operation's workflows set it.
MIN_SHARE = 0.25
MAX_KEYS = 10


@lru_cache(maxsize=1)
def _operation_patterns() -> dict[tuple[str, str | None, str | None], dict[str, Any]]:
    from engine.offline.operations import mined_patterns

    return {
        (p["node_type"], p.get("resource"), p.get("operation")): p
        for p in mined_patterns()
        if p.get("kind") == "operation"
    }


def operation_pattern(
    node_type: str, resource: str | None, operation: str | None
) -> dict[str, Any] | None:
    """The mined ``kind="operation"`` pattern of this node type and resource/operation."""
    return _operation_patterns().get((node_type, resource, operation))


def typical_parameters(
    node_type: str,
    resource: str | None,
    operation: str | None,
    allowed: Mapping[str, str],
) -> tuple[dict[str, Any], int]:
    """The example's parameters (top level, only names in ``allowed``, which maps each name the
    version defines to its type) and how many public workflows the pattern rests on;
    ``({}, 0)`` when nothing was mined."""
    pattern = operation_pattern(node_type, resource, operation)
    if pattern is None:
        return {}, 0
    support = int((pattern.get("support") or {}).get("workflows") or 0)
    if support < 2:
        return {}, 0
    out: dict[str, Any] = {}
    if resource:
        out["resource"] = resource
    if operation:
        out["operation"] = operation
    stats = pattern.get("parameters") or {}
    ranked = sorted(
        ((k, v) for k, v in stats.items() if "." not in k and k in allowed),
        key=lambda kv: -int(kv[1].get("workflows") or 0),
    )
    for key, stat in ranked[:MAX_KEYS]:
        if int(stat.get("workflows") or 0) < max(2, MIN_SHARE * support):
            break
        value = _typical_value(stat, allowed[key])
        if value is not None:
            out[key] = value
    return out, support


def example_line(
    node_type: str, resource: str | None, operation: str | None, allowed: Mapping[str, str]
) -> str:
    """``example (…): {...}`` for the schema block, or '' when the patterns hold none."""
    params, support = typical_parameters(node_type, resource, operation, allowed)
    if not [k for k in params if k not in ("resource", "operation")]:
        return ""
    text = json.dumps(params, ensure_ascii=False, separators=(", ", ": "))
    return f"example (typical of {support} public workflows; <field> = your data): {text}"


def _typical_value(stat: dict[str, Any], param_type: str) -> Any:
    """The most common form of one parameter: a literal, a locator, an expression shape; None
    when the patterns hold nothing worth showing (an empty object, a free-text option)."""
    shapes: dict[str, int] = stat.get("shapes") or {}
    top_shape = max(shapes, key=lambda s: shapes[s]) if shapes else ""
    if top_shape.startswith("resourceLocator:"):
        return {"__rl": True, "mode": top_shape.split(":", 1)[1], "value": "…"}
    if top_shape == "url":
        return "https://…"
    values = stat.get("values") or []
    if values and top_shape != "expression":
        return values[0][0]
    if param_type in ("options", "multiOptions", "boolean"):
        return None
    if top_shape == "expression":
        short = [str(e[0]) for e in stat.get("expressions") or [] if len(str(e[0])) <= 80]
        return next((e for e in short if "{{" in e), None)
    return "…" if top_shape in ("string", "text") and param_type == "string" else None


@lru_cache(maxsize=1)
def _usage_by_type() -> dict[str, dict[str, int]]:
    from engine.offline.operations import mined_patterns

    out: dict[str, dict[str, int]] = {}
    for p in mined_patterns():
        if p.get("kind") != "operation":
            continue
        counts = out.setdefault(p["node_type"], {})
        for key, stat in (p.get("parameters") or {}).items():
            top = key.split(".", 1)[0].split("[", 1)[0]
            if top != key:
                continue
            counts[top] = counts.get(top, 0) + int(stat.get("workflows") or 0)
    return out


def used_parameters(node_type: str) -> list[str]:
    """Top-level parameter names public workflows set on this node type, most used first
    (over all its operations and versions: filter with the version's own names)."""
    counts = _usage_by_type().get(node_type, {})
    return sorted(counts, key=lambda k: (-counts[k], k))
