"""Read the parts of an n8n workflow that skeleton and structure metrics compare.

Only node types and typed connections matter here; names, positions and parameters do not.
Sticky notes are documentation, not steps, so they are left out everywhere. Every reader
tolerates malformed input (a metric must score a broken workflow, not crash on it).
"""

from __future__ import annotations

from typing import Any

STICKY_NOTE = "n8n-nodes-base.stickyNote"


def nodes(workflow: Any) -> list[dict[str, Any]]:
    """The workflow's nodes that have a string type (sticky notes excluded)."""
    if not isinstance(workflow, dict) or not isinstance(workflow.get("nodes"), list):
        return []
    return [
        n
        for n in workflow["nodes"]
        if isinstance(n, dict) and isinstance(n.get("type"), str) and n["type"] != STICKY_NOTE
    ]


def node_types(workflow: Any) -> set[str]:
    """Distinct node types used by the workflow."""
    return {n["type"] for n in nodes(workflow)}


def edges(workflow: Any) -> list[tuple[str, str, str]]:
    """Typed edges as (source type, target type, connection type), one per connection.

    n8n stores ``connections[source name][connection type][output index] = [{node, type,
    index}]``; AI sub-nodes connect *to* their root node (model -> agent, ``ai_languageModel``).
    """
    if not isinstance(workflow, dict) or not isinstance(workflow.get("connections"), dict):
        return []
    by_name = {n.get("name"): n["type"] for n in nodes(workflow)}
    out: list[tuple[str, str, str]] = []
    for src_name, by_kind in workflow["connections"].items():
        src = by_name.get(src_name)
        if src is None or not isinstance(by_kind, dict):
            continue
        for kind, outputs in by_kind.items():
            if not isinstance(outputs, list):
                continue
            for targets in outputs:
                if not isinstance(targets, list):
                    continue
                for t in targets:
                    if not isinstance(t, dict):
                        continue
                    dst = by_name.get(t.get("node"))
                    if dst is not None:
                        out.append((src, dst, str(t.get("type") or kind)))
    return out


def named_edges(workflow: Any) -> list[tuple[str, str, str]]:
    """Edges as (source name, target name, connection type), for graph building."""
    if not isinstance(workflow, dict) or not isinstance(workflow.get("connections"), dict):
        return []
    names = {n.get("name") for n in nodes(workflow)}
    out: list[tuple[str, str, str]] = []
    for src_name, by_kind in workflow["connections"].items():
        if src_name not in names or not isinstance(by_kind, dict):
            continue
        for kind, outputs in by_kind.items():
            for targets in outputs if isinstance(outputs, list) else ():
                for t in targets if isinstance(targets, list) else ():
                    if isinstance(t, dict) and t.get("node") in names:
                        out.append((src_name, t["node"], str(t.get("type") or kind)))
    return out
