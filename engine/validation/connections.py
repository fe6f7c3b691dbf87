"""The connection walk: shape of ``connections`` and the edges it describes.

n8n keys ``connections`` by source node *name*, then by output type, then by output index (a
"bucket", possibly null), each bucket holding ``{node, type, index}`` entries. The walk reports
what n8n's structure schema and ``Workflow`` class would refuse, entry by entry, and returns the
well-formed edges between existing nodes for the port and reachability checks.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from engine.validation.findings import FindingSink, json_path
from indexing.catalog.model import CONNECTION_TYPES


@dataclass(frozen=True, slots=True)
class Edge:
    """One well-formed connection between two existing nodes."""

    source: str
    target: str
    type: str
    in_type: str
    out_index: int
    in_index: int
    path: str


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
) -> list[Edge]:
    """Report malformed or dangling connections and return the well-formed edges.

    ``names`` are the node names that exist (``usable``: those with a type, the only ones that
    get edges); ``ids`` maps node id -> name so that a workflow
    keyed by id is reported as such (repair re-keys it) instead of as unknown nodes.
    """
    edges: list[Edge] = []
    usable = names if usable is None else usable
    if not isinstance(connections, dict):
        return edges
    for src, by_type in connections.items():
        src_known = src in names
        if not src_known:
            if src in ids:
                sink.add(
                    "connection_keyed_by_id",
                    f'connections use the node id "{src}" as key; n8n keys them by node name '
                    f'("{ids[src]}")',
                    node=src,
                    path=json_path("connections", src),
                    suggestion=f'key the connections by "{ids[src]}"',
                )
            else:
                sink.add(
                    "connection_unknown_source",
                    f'connections reference source node "{src}" which does not exist',
                    node=src,
                    path=json_path("connections", src),
                    suggestion="remove the connection or add the node",
                )
        if not isinstance(by_type, dict):
            sink.add(
                "connection_structure",
                f'connections["{src}"] must be an object keyed by connection type',
                node=src,
                path=json_path("connections", src),
            )
            continue
        for ctype, buckets in by_type.items():
            type_ok = ctype in CONNECTION_TYPES
            if not type_ok:
                sink.add(
                    "connection_type_invalid",
                    f'unknown connection type "{ctype}"',
                    node=src,
                    path=json_path("connections", src, ctype),
                    suggestion="use one of: " + ", ".join(sorted(CONNECTION_TYPES)),
                )
            if not isinstance(buckets, list):
                sink.add(
                    "connection_structure",
                    f'connections["{src}"]["{ctype}"] must be an array of output buckets',
                    node=src,
                    path=json_path("connections", src, ctype),
                )
                continue
            for out_index, bucket in enumerate(buckets):
                if bucket is None:
                    continue
                bpath = json_path("connections", src, ctype, out_index)
                if not isinstance(bucket, list):
                    sink.add(
                        "connection_structure",
                        f"output bucket {out_index} of {ctype} must be an array of connections",
                        node=src,
                        path=bpath,
                    )
                    continue
                for k, c in enumerate(bucket):
                    cpath = f"{bpath}[{k}]"
                    if (
                        not isinstance(c, dict)
                        or not isinstance(c.get("node"), str)
                        or not c["node"]
                    ):
                        sink.add(
                            "connection_structure",
                            f"malformed connection in {ctype}[{out_index}]: {_short(c)}",
                            node=src,
                            path=cpath,
                        )
                        continue
                    target = c["node"]
                    problems = []
                    if not isinstance(c.get("type"), str) or not c["type"]:
                        problems.append('"type" must be a non-empty string')
                    index = c.get("index")
                    if not _is_int(index) or index < 0:
                        problems.append('"index" must be an integer >= 0')
                    if problems:
                        sink.add(
                            "connection_structure",
                            f'connection to "{target}": ' + "; ".join(problems),
                            node=src,
                            path=cpath,
                        )
                    if target not in names:
                        if target in ids:
                            sink.add(
                                "connection_keyed_by_id",
                                f'connection targets the node id "{target}"; n8n expects the '
                                f'node name ("{ids[target]}")',
                                node=src,
                                path=cpath + ".node",
                                suggestion=f'use "{ids[target]}"',
                            )
                        else:
                            sink.add(
                                "connection_unknown_target",
                                f'connection {ctype}[{out_index}] targets node "{target}" which '
                                "does not exist",
                                node=src,
                                path=cpath + ".node",
                                suggestion="remove the connection or add the node",
                            )
                        continue
                    if problems or not type_ok or not src_known:
                        continue
                    if src not in usable or target not in usable:
                        continue  # a node without a usable type: reported on the node
                    in_type = c["type"]
                    if in_type not in CONNECTION_TYPES:
                        sink.add(
                            "connection_type_invalid",
                            f'connection to "{target}" has unknown input type "{in_type}"',
                            node=src,
                            path=cpath + ".type",
                        )
                        continue
                    if in_type != ctype:
                        sink.add(
                            "connection_type_mismatch",
                            f'output type "{ctype}" connected to input type "{in_type}" of '
                            f'"{target}"',
                            node=src,
                            path=cpath + ".type",
                            suggestion=f'use "{ctype}" on both sides',
                        )
                    edges.append(Edge(src, target, ctype, in_type, out_index, int(index), cpath))
    return edges


def _short(value: Any) -> str:
    try:
        text = json.dumps(value, default=str)
    except (TypeError, ValueError, RecursionError):
        text = repr(type(value))
    return text if len(text) <= 120 else text[:117] + "..."
