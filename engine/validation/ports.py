"""Port checks: does every connection leave an existing output and enter an existing input?

Inputs and outputs come from the catalog (:mod:`indexing.catalog.ports`), computed from the
node's resolved parameters like n8n's ``getNodeInputs`` / ``getNodeOutputs`` (Switch rules, IF,
Merge ``numberInputs``, agent inputs, the error output of ``onError: continueErrorOutput``).
On top of the per-edge checks come the AI wiring rules n8n enforces: required sub-node inputs
(an agent needs a chat model) and per-input connection limits.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from engine.validation.connections import connection_path
from engine.validation.findings import FindingSink
from indexing.catalog.ports import PortsNotComputable, node_inputs, node_outputs
from nodepilot.workflow import Connection, Workflow

if TYPE_CHECKING:
    from engine.validation.context import NodeContext


def _compute(ctx: NodeContext, sink: FindingSink) -> None:
    if ctx.ports_done:
        return
    ctx.ports_done = True
    if ctx.desc is None or ctx.resolved is None:
        return
    tv = ctx.node.get("typeVersion")
    desc = ctx.desc
    on_error = ctx.node.get("onError")
    try:
        if desc.dynamic_inputs:
            ctx.inputs = list(node_inputs(desc, ctx.resolved, tv))
        else:  # static ports depend on nothing but the description: compute once
            ctx.inputs = _static(("in", id(desc)), desc, lambda: node_inputs(desc, {}, tv))
        if desc.dynamic_outputs or on_error == "continueErrorOutput":
            ctx.outputs = list(node_outputs(desc, ctx.resolved, tv, on_error=on_error))
        else:
            ctx.outputs = _static(("out", id(desc)), desc, lambda: node_outputs(desc, {}, tv))
    except PortsNotComputable as exc:
        ctx.inputs = ctx.outputs = None
        sink.add(
            "ports_not_computable",
            f"could not compute the inputs/outputs of {ctx.type}: {exc}",
            node=ctx.name,
            path=ctx.path,
        )


_STATIC: dict[tuple[str, int], tuple[Any, list[Any]]] = {}


def _static(key: tuple[str, int], desc: Any, make: Any) -> list[Any]:
    hit = _STATIC.get(key)
    if hit is None or hit[0] is not desc:
        hit = _STATIC[key] = (desc, list(make()))
    return hit[1]


def _of_type(ports: list[Any], ptype: str) -> list[Any]:
    return [p for p in ports if p.type == ptype]


def check_ports(
    ctxs: list[NodeContext], workflow: Workflow, catalog: Any, sink: FindingSink
) -> None:
    """Report connections from missing outputs / into missing inputs, and AI wiring problems.

    ``workflow`` holds the usable nodes and every well-formed edge between them.
    """
    by_name = {c.name: c for c in ctxs}
    incoming: dict[tuple[str, str], set[str]] = {}
    parents: dict[tuple[str, str], set[str]] = {}
    for e in workflow.connections:
        src, dst = by_name[e.source], by_name[e.target]
        parents.setdefault((e.target, e.kind), set()).add(e.source)
        if not src.disabled:
            incoming.setdefault((e.target, e.kind), set()).add(e.source)
        _compute(src, sink)
        _compute(dst, sink)
        if src.outputs is not None:
            _check_output(src, e, catalog, sink)
        if dst.inputs is not None:
            _check_input(src, dst, e, sink)
    for c in ctxs:
        if c.desc is None or c.disabled:
            continue
        _compute(c, sink)
        if c.inputs is not None:
            _check_wiring(c, parents, incoming, sink)


def _check_output(src: NodeContext, e: Connection, catalog: Any, sink: FindingSink) -> None:
    """The output ``e`` leaves exists on ``src``."""
    n = len(_of_type(src.outputs or [], e.type))
    if n == 0:
        sink.add(
            "connection_output_invalid",
            _no_output_message(src, e),
            node=e.source,
            path=connection_path(e),
            suggestion=_no_output_suggestion(src, e, catalog),
        )
    elif e.output >= n:
        sink.add(
            "connection_output_index",
            f'"{e.source}" has {n} "{e.type}" output(s); output index {e.output} '
            f'(to "{e.target}") does not exist',
            node=e.source,
            path=connection_path(e),
            suggestion=_output_index_suggestion(src),
        )


def _check_input(src: NodeContext, dst: NodeContext, e: Connection, sink: FindingSink) -> None:
    """The input ``e`` enters exists on ``dst`` and accepts ``src``'s type."""
    matching = _of_type(dst.inputs or [], e.kind)
    if not matching:
        sink.add(
            "connection_input_invalid",
            _no_input_message(dst, e),
            node=e.target,
            path=connection_path(e),
            suggestion=_no_input_suggestion(dst, e),
        )
    elif e.input >= len(matching):
        sink.add(
            "connection_input_index",
            f'"{e.target}" has {len(matching)} "{e.kind}" input(s); input index '
            f'{e.input} (from "{e.source}") does not exist',
            node=e.target,
            path=connection_path(e) + ".index",
            suggestion="raise the node's number of inputs or use a lower index",
        )
    else:
        flt = matching[e.input].filter
        if flt is not None and not flt.allows(src.type):
            sink.add(
                "connection_source_not_allowed",
                f'the "{e.kind}" input of "{e.target}" does not accept {src.type}',
                node=e.target,
                path=connection_path(e),
            )


def _check_wiring(
    c: NodeContext,
    parents: dict[tuple[str, str], set[str]],
    incoming: dict[tuple[str, str], set[str]],
    sink: FindingSink,
) -> None:
    """Required inputs are connected and no input has more sub-nodes than n8n allows."""
    limits: dict[str, int] = {}
    for port in c.inputs or []:
        if port.required and not parents.get((c.name, port.type)):
            label = port.display_name or port.type
            sink.add(
                "input_missing",
                f"{label} ({port.type}) must be connected",
                node=c.name,
                path=c.path,
                suggestion=f"connect a {_SUBNODE_HINT.get(port.type, 'sub-node')} to its "
                f"{port.type} input",
            )
        if port.type != "main" and port.max_connections is not None:
            limits[port.type] = limits.get(port.type, 0) + port.max_connections
    for ptype, limit in limits.items():
        count = len(incoming.get((c.name, ptype), ()))
        if limit != 0 and count > limit:
            sink.add(
                "input_max_connections_exceeded",
                f'{count} "{ptype}" sub-nodes connected; n8n allows {limit}',
                node=c.name,
                path=c.path,
                suggestion=f"keep {limit} and remove the others",
            )


_SUBNODE_HINT = {
    "ai_languageModel": "chat model",
    "ai_embedding": "embeddings node",
    "ai_memory": "memory node",
    "ai_tool": "tool",
    "ai_vectorStore": "vector store",
    "ai_document": "document loader",
    "ai_textSplitter": "text splitter",
    "ai_outputParser": "output parser",
    "ai_retriever": "retriever",
}


def _no_output_message(src: NodeContext, e: Connection) -> str:
    if e.type == "ai_tool":
        return f'"{e.source}" ({src.type}) is not a tool, so it cannot feed "{e.target}" as ai_tool'
    if e.type == "main" and src.outputs and all(p.type != "main" for p in src.outputs):
        kinds = sorted({p.type for p in src.outputs})
        return (
            f'"{e.source}" is a sub-node ({", ".join(kinds)}); sub-nodes are never wired '
            "through main"
        )
    return f'"{e.source}" has no "{e.type}" output but connects to "{e.target}"'


def _no_output_suggestion(src: NodeContext, e: Connection, catalog: Any) -> str | None:
    if e.type == "ai_tool" and catalog.has_type(src.type + "Tool"):
        return f"use the tool variant {src.type}Tool"
    if src.outputs:
        kinds = sorted({p.type for p in src.outputs})
        return "connect it through its " + " / ".join(kinds) + " output"
    return None


def _output_index_suggestion(src: NodeContext) -> str | None:
    if src.node.get("onError") != "continueErrorOutput" and src.outputs is not None:
        return 'set onError to "continueErrorOutput" for an error output, or use a lower index'
    return "use an existing output index"


def _no_input_message(dst: NodeContext, e: Connection) -> str:
    if not dst.inputs:
        return f'"{e.target}" has no inputs (a trigger or a tool) but "{e.source}" connects into it'
    if e.kind == "main" and all(p.type != "main" for p in dst.inputs):
        return f'"{e.target}" is a sub-node; "{e.source}" cannot connect into it through main'
    return f'"{e.target}" has no "{e.kind}" input but "{e.source}" connects into it'


def _no_input_suggestion(dst: NodeContext, e: Connection) -> str | None:
    if dst.inputs:
        kinds = sorted({p.type for p in dst.inputs})
        return "its inputs are: " + ", ".join(kinds)
    return "remove the connection"
