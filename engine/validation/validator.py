"""``validate_workflow``: judge an n8n workflow document the way n8n 2.41 does, plus our policy.

The checks run in n8n's order (structure, node types, parameters, connections, ports, triggers)
and each lives in its own module; this one wires them together and guarantees the contract
callers rely on: any JSON value goes in, a :class:`ValidationReport` comes out, nothing raises.
The well-formed edges between usable nodes become a :class:`nodepilot.workflow.Workflow`, the
one graph the port, trigger / reachability and lint checks ask their questions of.

Profiles: ``runtime`` reports as errors only what n8n itself refuses (calibrated against the n8n
oracle run with ``--orphans-as-warnings``); ``strict`` adds our policy for generated output
(unknown keys, expression mistakes, orphan nodes, deprecated node types, ...).
"""

from __future__ import annotations

import json
import math
import threading
from typing import Any

from engine.validation.codes import PROFILES, Profile
from engine.validation.connections import walk_connections
from engine.validation.context import NodeContext
from engine.validation.expressions import check_expressions
from engine.validation.findings import FindingSink, ValidationReport, json_path
from engine.validation.graph import check_triggers_and_reachability
from engine.validation.lints import check_lints
from engine.validation.parameters import check_node_parameters, property_names
from engine.validation.ports import check_ports
from engine.validation.schema import check_schema
from engine.validation.suggest import candidate_types, unambiguous_type
from nodepilot.workflow import STICKY_NOTE, Node, Workflow

CORE_PACKAGES = frozenset({"n8n-nodes-base", "@n8n/n8n-nodes-langchain"})
#: Shipped by n8n 2.x but disabled unless the instance re-enables them (NODES_EXCLUDE).
EXCLUDED_BY_DEFAULT = frozenset(
    {"n8n-nodes-base.executeCommand", "n8n-nodes-base.localFileTrigger"}
)
REMOVED_NODES = {
    "n8n-nodes-base.start": 'the legacy "Start" node was removed in n8n 1.0 (use Manual Trigger)',
}
#: Node settings that belong on the node, not inside ``parameters``.
NODE_SETTINGS = frozenset(
    {
        "onError",
        "retryOnFail",
        "maxTries",
        "waitBetweenTries",
        "alwaysOutputData",
        "executeOnce",
        "continueOnFail",
        "notesInFlow",
        "disabled",
        "typeVersion",
        "credentials",
        "webhookId",
    }
)


def default_catalog() -> Any:
    """The distilled n8n catalog shipped in ``seeds/catalog`` (loaded once per process)."""
    from indexing.catalog.load import load_catalog

    return load_catalog()


def validate_workflow(
    doc: object, profile: Profile = "strict", catalog: Any = None
) -> ValidationReport:
    """Validate one workflow document; never raises for any JSON value.

    ``catalog`` defaults to the shipped n8n catalog; pass one to validate against another.
    """
    if profile not in PROFILES:
        raise ValueError(f"unknown profile {profile!r}; use one of {PROFILES}")
    key = _RECENT.key(doc, profile) if catalog is None else None
    known = _RECENT.get(key)
    if known is not None:
        return known
    sink = FindingSink(profile)
    try:
        _validate(doc, sink, catalog if catalog is not None else default_catalog())
    except RecursionError:
        sink.add("input_too_deep", "the document nests too deeply to validate")
    report = sink.report()
    _RECENT.put(key, report)
    return report


class _LastReport(threading.local):
    """The report of the last document this thread validated against the shipped catalog,
    under the document's exact JSON text.

    Why: a generation validates the same workflow twice in a row - the offline generator
    before it hands the workflow over (``finalize``), then the pipeline's validation stage -
    and the check costs 1.0-1.5 ms of an offline generation's 11-16 ms of CPU (the key, a JSON
    dump, 0.1 ms). Validation is a pure function of the document, the profile and the
    catalog, so the identical document gets the same report. Only the last one per thread
    is kept: a check done twice in a row is saved, while a request seen before is validated
    again like any other (the benchmarks repeat theirs).
    Only documents made of plain JSON values are keyed (dicts with string keys, lists,
    strings, numbers, booleans, null): a tuple or a non-string key prints like a list or a
    string but need not validate like one. Each caller gets its own report (findings are
    frozen).
    """

    def __init__(self) -> None:
        self.last: tuple[tuple[str, str], ValidationReport] | None = None

    def key(self, doc: object, profile: str) -> tuple[str, str] | None:
        if not _plain_json(doc, 0):
            return None
        try:
            return profile, json.dumps(doc, ensure_ascii=False, allow_nan=False)
        except (ValueError, RecursionError):
            return None

    def get(self, key: tuple[str, str] | None) -> ValidationReport | None:
        if key is None or self.last is None or self.last[0] != key:
            return None
        report = self.last[1]
        return ValidationReport(report.profile, list(report.findings))

    def put(self, key: tuple[str, str] | None, report: ValidationReport) -> None:
        kept = ValidationReport(report.profile, list(report.findings))
        self.last = None if key is None else (key, kept)


def _plain_json(value: object, depth: int) -> bool:
    """``value`` is built from JSON's own types only (and nests at most 64 deep)."""
    if value is None or type(value) in (str, int, float, bool):
        return True
    if depth > 64:
        return False
    if type(value) is list:
        return all(_plain_json(v, depth + 1) for v in value)
    if type(value) is dict:
        return all(type(k) is str and _plain_json(v, depth + 1) for k, v in value.items())
    return False


_RECENT = _LastReport()


def _validate(doc: Any, sink: FindingSink, catalog: Any) -> None:
    if not check_schema(doc, sink):
        return
    nodes = doc["nodes"]
    connections = doc.get("connections")
    ctxs = _collect_nodes(nodes, sink)
    names = {c.name for c in ctxs}
    ids = {
        c.node["id"]: c.name
        for c in ctxs
        if isinstance(c.node.get("id"), str) and c.node["id"] and c.node["id"] not in names
    }
    for c in ctxs:
        _check_type(c, catalog, sink)
    _check_max_nodes(ctxs, catalog, sink)

    for c in ctxs:
        _check_node_settings(c, sink)
        check_node_parameters(c, catalog, sink)
        check_expressions(c.node, c.path, names, sink)

    existing = {n["name"] for n in nodes if isinstance(n, dict) and isinstance(n.get("name"), str)}
    edges = walk_connections(connections, existing, ids, sink, usable=names)
    workflow = Workflow(tuple(Node(c.name, c.type, c.node) for c in ctxs), tuple(edges))
    check_ports(ctxs, workflow, catalog, sink)
    check_triggers_and_reachability(ctxs, workflow, sink)
    check_lints(ctxs, edges, sink)


def _collect_nodes(nodes: list[Any], sink: FindingSink) -> list[NodeContext]:
    """Usable nodes (first of each name), reporting duplicates and missing ids."""
    out: list[NodeContext] = []
    by_name: set[str] = set()
    ids: dict[str, str] = {}
    for i, n in enumerate(nodes):
        if not isinstance(n, dict):
            continue  # reported by the schema check
        name, typ = n.get("name"), n.get("type")
        if not isinstance(name, str) or not name or not isinstance(typ, str) or not typ:
            continue  # reported by the schema check
        path = json_path("nodes", i)
        if name in by_name:
            sink.add(
                "duplicate_node_name",
                f'duplicate node name "{name}"',
                node=name,
                path=path + ".name",
                suggestion="give every node a unique name",
            )
            continue
        by_name.add(name)
        nid = n.get("id")
        if isinstance(nid, str) and nid:
            if nid in ids:
                sink.add(
                    "duplicate_node_id",
                    f'shares node id "{nid}" with "{ids[nid]}"',
                    node=name,
                    path=path + ".id",
                    suggestion="give every node a unique id (a UUID)",
                )
            else:
                ids[nid] = name
        elif "id" not in n or nid == "":
            sink.add(
                "node_id_missing",
                "node has no id",
                node=name,
                path=path + ".id",
                suggestion="add a UUID id",
            )
        out.append(NodeContext(index=i, node=n, path=path))
    return out


def _package_of(node_type: str) -> str:
    return node_type.rsplit(".", 1)[0] if "." in node_type else ""


def _check_type(c: NodeContext, catalog: Any, sink: FindingSink) -> None:
    node, typ = c.node, c.type
    down = c.disabled  # n8n only warns about unknown types on disabled nodes
    if not catalog.has_type(typ):
        pkg = _package_of(typ)
        if typ in REMOVED_NODES:
            sink.add(
                "unknown_node_type",
                f"{typ}: {REMOVED_NODES[typ]}",
                node=c.name,
                path=c.path + ".type",
                suggestion="replace it with n8n-nodes-base.manualTrigger",
                downgrade=down,
                fixable=True,
            )
        elif pkg and pkg not in CORE_PACKAGES:
            sink.add(
                "community_node_type",
                f'{typ}: package "{pkg}" is not part of n8n core (not installed)',
                node=c.name,
                path=c.path + ".type",
                suggestion="use a core node (HTTP Request can call most APIs)",
                downgrade=down,
            )
        else:
            sure = unambiguous_type(catalog, typ)
            close = [sure] if sure else candidate_types(catalog, typ)
            sink.add(
                "unknown_node_type",
                f'node type "{typ}" is not known to n8n 2.41',
                node=c.name,
                path=c.path + ".type",
                suggestion=("did you mean " + " / ".join(close) + "?") if close else None,
                downgrade=down,
                fixable=sure is not None,
            )
        return
    tv = node.get("typeVersion")
    if tv is None:
        c.desc = catalog.get(typ)
        sink.add(
            "type_version_missing",
            f"no typeVersion; n8n uses the highest ({_fmt(catalog.versions(typ)[-1])})",
            node=c.name,
            path=c.path + ".typeVersion",
            suggestion=f"set typeVersion to {_fmt(catalog.default_version(typ))}",
        )
    elif isinstance(tv, bool) or not isinstance(tv, int | float) or not math.isfinite(tv):
        c.desc = None  # reported by the schema check
    else:
        c.desc = catalog.get(typ, tv)
        if c.desc is None:
            declared = ", ".join(_fmt(v) for v in catalog.versions(typ))
            sink.add(
                "unknown_type_version",
                f"{typ} has no typeVersion {_fmt(tv)} (declared: {declared})",
                node=c.name,
                path=c.path + ".typeVersion",
                suggestion=f"use typeVersion {_fmt(catalog.closest_version(typ, tv))}",
                downgrade=down,
            )
    if typ in EXCLUDED_BY_DEFAULT:
        sink.add(
            "node_excluded_by_default",
            f"{typ} is disabled by default in n8n 2.x (NODES_EXCLUDE)",
            node=c.name,
            path=c.path + ".type",
        )
    if c.desc is not None and c.desc.hidden:
        sink.add(
            "node_type_deprecated",
            f"{typ} v{_fmt(c.desc.versions[-1])} is hidden / deprecated in n8n 2.41",
            node=c.name,
            path=c.path + ".type",
            suggestion="use the node's current replacement",
        )


def _check_max_nodes(ctxs: list[NodeContext], catalog: Any, sink: FindingSink) -> None:
    counts: dict[str, int] = {}
    for c in ctxs:
        if c.desc is not None:
            counts[c.type] = counts.get(c.type, 0) + 1
    for typ, count in counts.items():
        latest = catalog.get(typ)
        limit = latest.max_nodes if latest is not None else None
        if isinstance(limit, int) and count > limit:
            sink.add(
                "max_nodes_exceeded",
                f"{count} {typ} nodes; the editor allows {limit} per workflow",
                path="$.nodes",
            )


def _check_node_settings(c: NodeContext, sink: FindingSink) -> None:
    params = c.node.get("parameters")
    if not isinstance(params, dict) or c.type == STICKY_NOTE:
        return
    defined: set[str] = set()
    if c.desc is not None:
        defined = property_names(c.desc.raw_properties)
    for key in params:
        if key in NODE_SETTINGS and key not in defined:
            sink.add(
                "node_setting_in_parameters",
                f'"{key}" is a node setting but is written inside parameters (n8n ignores it)',
                node=c.name,
                path=c.path + ".parameters." + key,
                suggestion=f'move "{key}" up to the node',
            )


def _fmt(v: Any) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)
