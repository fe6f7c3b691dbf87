"""Read the parts of an n8n workflow that skeleton and structure metrics compare.

Only node types and typed connections matter here; names, positions and parameters do not.
Sticky notes are documentation, not steps, so they are left out everywhere. Every reader
tolerates malformed input (a metric must score a broken workflow, not crash on it).
"""

from __future__ import annotations

from typing import Any

from nodepilot.workflow import MAIN, STICKY_NOTE, Workflow


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


def edges_through(workflow: Any, helpers: frozenset[str]) -> set[tuple[str, str, str]]:
    """Typed edges plus, for ``main``, every (source type, target type) joined by a path whose
    inner nodes are all of a ``helpers`` type.

    Dataset skeletons write main edges with paths through optional helpers collapsed (a
    reference ``HTTP Request -> Filter -> Clearbit`` is labelled ``HTTP Request -> Clearbit``
    when Filter is optional), so a workflow that keeps such a helper in between, often because
    the request asked for it, must still meet the edge.
    """
    model = _model(workflow)
    out = set(model.typed_edges())
    type_of = {n.name: n.type for n in model.steps()}
    for start in type_of:
        seen, frontier = {start}, list(model.successors(start))
        while frontier:
            name = frontier.pop()
            if name in seen or name not in type_of:
                continue
            seen.add(name)
            out.add((type_of[start], type_of[name], MAIN))
            if type_of[name] in helpers:
                frontier.extend(model.successors(name))
    return out


def named_edges(workflow: Any) -> list[tuple[str, str, str]]:
    """Edges as (source name, target name, connection type), for graph building."""
    return [(c.source, c.target, c.kind) for c in _model(workflow).edges()]


def _model(workflow: Any) -> Workflow:
    """The workflow model of whatever a provider returned (empty when it is not a workflow)."""
    return Workflow.from_n8n(workflow if isinstance(workflow, dict) else {}, strict=False)
