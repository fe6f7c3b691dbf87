"""Triggers and reachability: can something start the workflow, and does every node get run?

n8n needs at least one enabled trigger to run a workflow on its own. A node that no trigger
reaches is tolerated by n8n (the editor draws it, publishing skips it) but is a defect in
generated output, so ``node_disconnected`` / ``node_unreachable`` are errors only in ``strict``.
Sub-nodes (models, tools, memory, ...) count as reached when the node they feed is reached.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from engine.validation.connections import Edge
from engine.validation.findings import FindingSink

STICKY_NOTE = "n8n-nodes-base.stickyNote"
LEGACY_START = "n8n-nodes-base.start"
_TRIGGER_NAME = re.compile(r"trigger$", re.IGNORECASE)


def short_type(node_type: str) -> str:
    """``n8n-nodes-base.slackTrigger`` -> ``slackTrigger``."""
    return node_type.rsplit(".", 1)[-1]


def is_trigger_type(node_type: str, declared_trigger: bool | None) -> bool:
    """A trigger by its description (group ``trigger`` or polling), or by a ``...Trigger`` name.

    The name rule covers unknown types, as n8n's editor and the oracle do.
    """
    if declared_trigger:
        return True
    return bool(_TRIGGER_NAME.search(short_type(node_type)))


def check_triggers_and_reachability(
    nodes: list[dict[str, Any]],
    edges: Iterable[Edge],
    is_trigger: Callable[[dict[str, Any]], bool],
    sink: FindingSink,
    node_paths: dict[str, str],
) -> None:
    """Report a missing trigger and nodes no trigger reaches.

    ``nodes`` are the usable nodes (string name and type, first of each name); ``is_trigger``
    decides per node using the catalog.
    """
    edges = list(edges)
    triggers = [n for n in nodes if n["type"] != STICKY_NOTE and is_trigger(n)]
    enabled = [n for n in triggers if n.get("disabled") is not True]
    if not enabled:
        msg = (
            f"all {len(triggers)} trigger node(s) are disabled"
            if triggers
            else "no trigger node (nothing can start this workflow)"
        )
        sink.add(
            "no_trigger",
            msg,
            path="$.nodes",
            suggestion="add a trigger (Manual, Schedule, Webhook, an app trigger, ...)",
        )
    attached = {n["name"] for n in triggers}
    attached |= {n["name"] for n in nodes if n["type"] == LEGACY_START}
    main_out: dict[str, list[str]] = {}
    sub_edges: list[Edge] = []
    for e in edges:
        if e.type == "main":
            main_out.setdefault(e.source, []).append(e.target)
        else:
            sub_edges.append(e)
    changed = True
    while changed:
        changed = False
        stack = list(attached)
        while stack:
            cur = stack.pop()
            for nxt in main_out.get(cur, ()):
                if nxt not in attached:
                    attached.add(nxt)
                    stack.append(nxt)
                    changed = True
        for e in sub_edges:
            if e.target in attached and e.source not in attached:
                attached.add(e.source)
                changed = True
    touched = {e.source for e in edges} | {e.target for e in edges}
    for n in nodes:
        name = n["name"]
        if n["type"] == STICKY_NOTE or name in attached:
            continue
        disabled = n.get("disabled") is True
        path = node_paths.get(name, "$.nodes")
        if name not in touched:
            sink.add(
                "node_disconnected",
                "node has no connections",
                node=name,
                path=path,
                suggestion="connect it to the flow or remove it",
                downgrade=disabled,
            )
        else:
            sink.add(
                "node_unreachable",
                "node is not reachable from any trigger",
                node=name,
                path=path,
                suggestion="connect it downstream of a trigger or remove it",
                downgrade=disabled,
            )
