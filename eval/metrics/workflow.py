"""Read the parts of an n8n workflow that skeleton and structure metrics compare.

Only node types and typed connections matter here; names, positions and parameters do not.
Sticky notes are documentation, not steps, so they are left out everywhere. Every reader
tolerates malformed input (a metric must score a broken workflow, not crash on it).
"""

from __future__ import annotations

from typing import Any

from nodepilot.workflow import Workflow

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
    Read by :class:`nodepilot.workflow.Workflow` (tolerant: broken parts are skipped).
    """
    return list(_model(workflow).typed_edges())


def named_edges(workflow: Any) -> list[tuple[str, str, str]]:
    """Edges as (source name, target name, connection type), for graph building."""
    return [(c.source, c.target, c.kind) for c in _model(workflow).edges()]


def _model(workflow: Any) -> Workflow:
    """The workflow model of whatever a provider returned (empty when it is not a workflow)."""
    return Workflow.from_n8n(workflow if isinstance(workflow, dict) else {}, strict=False)
