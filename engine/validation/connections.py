"""The connection walk: shape of ``connections`` and the edges it describes.

n8n keys ``connections`` by source node *name*, then by output type, then by output index (a
"bucket", possibly null), each bucket holding ``{node, type, index}`` entries. The walk reports
what n8n's structure schema and ``Workflow`` class would refuse, entry by entry, and returns the
well-formed edges between existing nodes as the workflow model's
:class:`~nodepilot.workflow.Connection` (each with its ``position`` in its bucket, so a finding
about it can point at it) for the port, reachability and lint checks.

The walk reads the raw JSON on purpose: the model's reader skips what it cannot read, and the
validator's job is to say what that was and where.
"""

from __future__ import annotations

import json
from typing import Any

from engine.validation.findings import FindingSink, json_path
from indexing.catalog.model import CONNECTION_TYPES
from nodepilot.workflow import Connection


def connection_path(c: Connection) -> str:
    """The JSON path of the entry ``c`` was read from."""
    return f"{json_path('connections', c.source, c.type, c.output)}[{c.position}]"


def _is_int(v: Any) -> bool:
    if isinstance(v, bool):
        return False
    if isinstance(v, int):
        return True
    return isinstance(v, float) and v.is_integer()


def walk_connections(
    connections: Any,
    names: set[str],
    ids: dict[str, str],
    sink: FindingSink,
    usable: set[str] | None = None,
) -> list[Connection]:
    """Report malformed or dangling connections and return the well-formed edges.

    ``names`` are the node names that exist (``usable``: those with a type, the only ones that
    get edges); ``ids`` maps node id -> name so that a workflow
    keyed by id is reported as such (repair re-keys it) instead of as unknown nodes.
    """
    if not isinstance(connections, dict):
        return []
    walk = _Walk(names, ids, sink, names if usable is None else usable)
    for src, by_type in connections.items():
        walk.source(src, by_type)
    return walk.edges


class _Walk:
    """One walk over ``connections``: the findings go to ``sink``, the edges to ``edges``."""

    def __init__(
        self, names: set[str], ids: dict[str, str], sink: FindingSink, usable: set[str]
    ) -> None:
        self.names, self.ids, self.sink, self.usable = names, ids, sink, usable
        self.edges: list[Connection] = []

    def source(self, src: str, by_type: Any) -> None:
        src_known = src in self.names
        if not src_known:
            self.unknown_source(src)
        if not isinstance(by_type, dict):
            self.sink.add(
                "connection_structure",
                f'connections["{src}"] must be an object keyed by connection type',
                node=src,
                path=json_path("connections", src),
            )
            return
        for ctype, buckets in by_type.items():
            self.outputs(src, src_known, ctype, buckets)

    def unknown_source(self, src: str) -> None:
        if src in self.ids:
            self.sink.add(
                "connection_keyed_by_id",
                f'connections use the node id "{src}" as key; n8n keys them by node name '
                f'("{self.ids[src]}")',
                node=src,
                path=json_path("connections", src),
                suggestion=f'key the connections by "{self.ids[src]}"',
            )
        else:
            self.sink.add(
                "connection_unknown_source",
                f'connections reference source node "{src}" which does not exist',
                node=src,
                path=json_path("connections", src),
                suggestion="remove the connection or add the node",
            )

    def outputs(self, src: str, src_known: bool, ctype: str, buckets: Any) -> None:
        type_ok = ctype in CONNECTION_TYPES
        if not type_ok:
            self.sink.add(
                "connection_type_invalid",
                f'unknown connection type "{ctype}"',
                node=src,
                path=json_path("connections", src, ctype),
                suggestion="use one of: " + ", ".join(sorted(CONNECTION_TYPES)),
            )
        if not isinstance(buckets, list):
            self.sink.add(
                "connection_structure",
                f'connections["{src}"]["{ctype}"] must be an array of output buckets',
                node=src,
                path=json_path("connections", src, ctype),
            )
            return
        for out_index, bucket in enumerate(buckets):
            if bucket is None:
                continue
            if not isinstance(bucket, list):
                self.sink.add(
                    "connection_structure",
                    f"output bucket {out_index} of {ctype} must be an array of connections",
                    node=src,
                    path=json_path("connections", src, ctype, out_index),
                )
                continue
            for k, entry in enumerate(bucket):
                edge = self.entry(src, ctype, out_index, k, entry)
                if edge is not None and type_ok and src_known:
                    self.wire(edge)

    def entry(self, src: str, ctype: str, out_index: int, k: int, c: Any) -> Connection | None:
        """The entry as a connection when it is well formed and its target exists."""
        cpath = f"{json_path('connections', src, ctype, out_index)}[{k}]"
        if not isinstance(c, dict) or not isinstance(c.get("node"), str) or not c["node"]:
            self.sink.add(
                "connection_structure",
                f"malformed connection in {ctype}[{out_index}]: {_short(c)}",
                node=src,
                path=cpath,
            )
            return None
        target = c["node"]
        problems = []
        if not isinstance(c.get("type"), str) or not c["type"]:
            problems.append('"type" must be a non-empty string')
        index = c.get("index")
        if not _is_int(index) or index < 0:
            problems.append('"index" must be an integer >= 0')
        if problems:
            self.sink.add(
                "connection_structure",
                f'connection to "{target}": ' + "; ".join(problems),
                node=src,
                path=cpath,
            )
        if target not in self.names:
            self.unknown_target(src, ctype, out_index, target, cpath)
            return None
        if problems:
            return None
        return Connection(src, target, ctype, out_index, int(index), c["type"], position=k)

    def unknown_target(self, src: str, ctype: str, out_index: int, target: str, cpath: str) -> None:
        if target in self.ids:
            self.sink.add(
                "connection_keyed_by_id",
                f'connection targets the node id "{target}"; n8n expects the '
                f'node name ("{self.ids[target]}")',
                node=src,
                path=cpath + ".node",
                suggestion=f'use "{self.ids[target]}"',
            )
        else:
            self.sink.add(
                "connection_unknown_target",
                f'connection {ctype}[{out_index}] targets node "{target}" which does not exist',
                node=src,
                path=cpath + ".node",
                suggestion="remove the connection or add the node",
            )

    def wire(self, edge: Connection) -> None:
        """Keep ``edge`` when both ends are usable and its input type is known."""
        if edge.source not in self.usable or edge.target not in self.usable:
            return  # a node without a usable type: reported on the node
        in_type = edge.kind
        if in_type not in CONNECTION_TYPES:
            self.sink.add(
                "connection_type_invalid",
                f'connection to "{edge.target}" has unknown input type "{in_type}"',
                node=edge.source,
                path=connection_path(edge) + ".type",
            )
            return
        if in_type != edge.type:
            self.sink.add(
                "connection_type_mismatch",
                f'output type "{edge.type}" connected to input type "{in_type}" of "{edge.target}"',
                node=edge.source,
                path=connection_path(edge) + ".type",
                suggestion=f'use "{edge.type}" on both sides',
            )
        self.edges.append(edge)


def _short(value: Any) -> str:
    try:
        text = json.dumps(value, default=str)
    except (TypeError, ValueError, RecursionError):
        text = repr(type(value))
    return text if len(text) <= 120 else text[:117] + "..."
