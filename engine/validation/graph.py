"""Triggers and reachability: can something start the workflow, and does every node get run?

n8n needs at least one enabled trigger to run a workflow on its own. A node that no trigger
reaches is tolerated by n8n (the editor draws it, publishing skips it) but is a defect in
generated output, so ``node_disconnected`` / ``node_unreachable`` are errors only in ``strict``.
Sub-nodes (models, tools, memory, ...) count as reached when the node they feed is reached.
The graph questions are the workflow model's (:class:`nodepilot.workflow.Workflow`).
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from engine.validation.findings import FindingSink
from nodepilot.workflow import STICKY_NOTE, Node, Workflow, has_trigger_name

if TYPE_CHECKING:
    from engine.validation.context import NodeContext

__all__ = ["STICKY_NOTE", "check_triggers_and_reachability"]

LEGACY_START = "n8n-nodes-base.start"


def check_triggers_and_reachability(
    ctxs: list[NodeContext], workflow: Workflow, sink: FindingSink
) -> None:
    """Report a missing trigger and nodes no trigger reaches.

    ``ctxs`` are the usable nodes (string name and type, first of each name) and ``workflow``
    their model with the well-formed edges. A node is a trigger when the catalog declares it
    one or its type name ends in ``Trigger`` (unknown types: as n8n's editor and the oracle do).
    """
    by_name = {c.name: c for c in ctxs}

    def is_trigger(node: Node) -> bool:
        desc = by_name[node.name].desc
        return bool(desc is not None and desc.is_trigger) or has_trigger_name(node.type)

    triggers = workflow.triggers(is_trigger)
    if not [n for n in triggers if not n.disabled]:
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
    starts = [n.name for n in triggers] + [c.name for c in ctxs if c.type == LEGACY_START]
    # n8n's executor runs whatever a node's "main" output lists, whatever type the entry names:
    # judge the flow by the output type (a type mismatch is reported on the connection)
    flow = Workflow(
        workflow.nodes,
        tuple(dataclasses.replace(c, input_type=None) for c in workflow.connections),
    )
    attached = flow.reachable(starts)
    touched = {c.source for c in workflow.connections} | {c.target for c in workflow.connections}
    for c in ctxs:
        if c.type == STICKY_NOTE or c.name in attached:
            continue
        if c.name not in touched:
            sink.add(
                "node_disconnected",
                "node has no connections",
                node=c.name,
                path=c.path,
                suggestion="connect it to the flow or remove it",
                downgrade=c.disabled,
            )
        else:
            sink.add(
                "node_unreachable",
                "node is not reachable from any trigger",
                node=c.name,
                path=c.path,
                suggestion="connect it downstream of a trigger or remove it",
                downgrade=c.disabled,
            )
