"""``repair_workflow``: deterministic, recorded fixes for the mistakes that have one right answer.

Repair never guesses: it fixes what the validator marks ``fixable`` (the code table's ``repair
fixes`` column; for unknown types and option values only when the match is unambiguous) and
records every change as a :class:`Fix`. Fixes are deterministic (ids are derived from node names,
layout from the graph), repair is idempotent (a second run changes nothing), and the result
re-validates without any fixable error.

Order matters and mirrors dependencies: document shape, node fields and types (so parameters can
be resolved), names and ids (so connections can be re-keyed), connections, parameters, layout.
"""

from __future__ import annotations

import copy
import math
import re
import uuid
from collections import deque
from typing import Any

from engine.validation.context import NodeContext
from engine.validation.expressions import CODE_KEYS, TEXT_NODE_TYPES
from engine.validation.findings import Fix, RepairResult, json_path
from engine.validation.lint_repair import repair_static_prompts
from engine.validation.schema import allowed_node_keys, allowed_top_level_keys
from engine.validation.suggest import unambiguous_type
from engine.validation.validator import NODE_SETTINGS, default_catalog
from nodepilot.workflow import MAIN, Connection, Workflow

_ID_NAMESPACE = uuid.UUID("6f1c1a52-4e57-4f0e-9a51-2b1f0c7d9e10")
_LOOKS_LIKE_EXPRESSION = re.compile(r"\{\{\s*\$")
_X_STEP, _Y_STEP = 220, 160
_ALLOWED_SETTING_VALUES = {
    "onError": {"stopWorkflow", "continueRegularOutput", "continueErrorOutput"}
}


def _is_num(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)


def _valid_position(p: Any) -> bool:
    return isinstance(p, list) and len(p) == 2 and all(_is_num(v) for v in p)


class _Repairer:
    def __init__(self, doc: dict[str, Any], catalog: Any) -> None:
        self.doc = doc
        self.catalog = catalog
        self.fixes: list[Fix] = []

    def fix(
        self,
        code: str,
        message: str,
        *,
        node: str | None = None,
        path: str = "$",
        before: Any = None,
        after: Any = None,
    ) -> None:
        self.fixes.append(Fix(code, message, node, path, before, after))

    # ------------------------------------------------------------------ document
    def run(self) -> None:
        doc = self.doc
        allowed = allowed_top_level_keys()
        for key in [k for k in doc if k not in allowed]:
            self.fix(
                "unknown_key",
                f'removed top-level key "{key}"',
                path=json_path(key),
                before=doc.pop(key),
            )
        if not isinstance(doc.get("nodes"), list):
            return  # not a workflow: nothing else has one right answer
        if not isinstance(doc.get("connections"), dict):
            before = doc.get("connections")
            doc["connections"] = {}
            self.fix(
                "structure",
                "set connections to an empty object",
                path="$.connections",
                before=before,
                after={},
            )
        nodes = doc["nodes"]
        for i, node in enumerate(nodes):
            if isinstance(node, dict):
                self.node_fields(i, node)
        self.names_and_ids(nodes)
        self.connections(nodes)
        for i, node in enumerate(nodes):
            if isinstance(node, dict) and isinstance(node.get("type"), str):
                self.parameters(i, node)
        repair_static_prompts(doc, self.fix)
        self.layout(nodes)

    # ------------------------------------------------------------------ nodes
    def node_fields(self, i: int, node: dict[str, Any]) -> None:
        path = json_path("nodes", i)
        label = node["name"] if isinstance(node.get("name"), str) and node["name"] else f"#{i}"
        allowed = allowed_node_keys()
        for key in [k for k in node if k not in allowed]:
            self.fix(
                "unknown_key",
                f'removed node key "{key}"',
                node=label,
                path=f"{path}.{key}",
                before=node.pop(key),
            )
        if "parameters" in node and not isinstance(node["parameters"], dict):
            self.fix(
                "node_parameters_invalid",
                "replaced non-object parameters with {}",
                node=label,
                path=f"{path}.parameters",
                before=node["parameters"],
                after={},
            )
            node["parameters"] = {}
        self._type_and_version(node, label, path)
        self._settings_out_of_parameters(node, label, path)

    def _type_and_version(self, node: dict[str, Any], label: str, path: str) -> None:
        typ = node.get("type")
        if not isinstance(typ, str) or not typ:
            self._drop_bad_version(node, label, path)
            return
        if not self.catalog.has_type(typ):
            sure = unambiguous_type(self.catalog, typ)
            if sure is None:
                self._drop_bad_version(node, label, path)
                return
            node["type"] = sure
            self.fix(
                "unknown_node_type",
                f'replaced unknown type "{typ}" with "{sure}"',
                node=label,
                path=f"{path}.type",
                before=typ,
                after=sure,
            )
            typ = sure
        tv = node.get("typeVersion")
        if not _is_num(tv) or self.catalog.get(typ, tv) is None:
            new = (
                self.catalog.closest_version(typ, tv)
                if _is_num(tv)
                else self.catalog.default_version(typ)
            )
            if new is not None:
                new_tv: float | int = int(new) if float(new).is_integer() else new
                code = (
                    "type_version_missing"
                    if tv is None
                    else "unknown_type_version"
                    if _is_num(tv)
                    else "node_type_version_invalid"
                )
                node["typeVersion"] = new_tv
                self.fix(
                    code,
                    f"set typeVersion {tv!r} -> {new_tv}",
                    node=label,
                    path=f"{path}.typeVersion",
                    before=tv,
                    after=new_tv,
                )

    def _settings_out_of_parameters(self, node: dict[str, Any], label: str, path: str) -> None:
        typ = node.get("type")
        if not isinstance(typ, str) or not typ:
            return
        desc = self.catalog.get(typ, node.get("typeVersion"))
        params = node.get("parameters")
        if isinstance(params, dict) and typ not in TEXT_NODE_TYPES:
            defined = (
                {p.get("name") for p in desc.raw_properties if isinstance(p, dict)}
                if desc is not None
                else set()
            )
            for key in [k for k in params if k in NODE_SETTINGS and k not in defined]:
                value = params.pop(key)
                moved = key not in node and self._setting_ok(key, value)
                if moved:
                    node[key] = value
                self.fix(
                    "node_setting_in_parameters",
                    f'moved "{key}" from parameters to the node'
                    if moved
                    else f'dropped "{key}" from parameters (the node already sets it)',
                    node=label,
                    path=f"{path}.parameters.{key}",
                    before=value,
                )

    def _drop_bad_version(self, node: dict[str, Any], label: str, path: str) -> None:
        """Without a known type no version is right; a malformed one is dropped."""
        tv = node.get("typeVersion")
        if "typeVersion" in node and not _is_num(tv):
            del node["typeVersion"]
            self.fix(
                "node_type_version_invalid",
                f"removed malformed typeVersion {tv!r}",
                node=label,
                path=f"{path}.typeVersion",
                before=tv,
            )

    @staticmethod
    def _setting_ok(key: str, value: Any) -> bool:
        if key in _ALLOWED_SETTING_VALUES:
            return isinstance(value, str) and value in _ALLOWED_SETTING_VALUES[key]
        if key in ("maxTries", "waitBetweenTries"):
            return _is_num(value)
        if key in ("credentials",):
            return isinstance(value, dict)
        if key in ("webhookId",):
            return isinstance(value, str)
        if key == "typeVersion":
            return False
        return isinstance(value, bool)

    def names_and_ids(self, nodes: list[Any]) -> None:
        taken: set[str] = {
            n["name"] for n in nodes if isinstance(n, dict) and isinstance(n.get("name"), str)
        }
        seen_names: set[str] = set()
        seen_ids: set[str] = set()
        for i, node in enumerate(nodes):
            if not isinstance(node, dict):
                continue
            path = json_path("nodes", i)
            name = node.get("name")
            if not isinstance(name, str) or not name:
                base = self._default_name(node)
                new = _unique(base, taken)
                node["name"] = new
                taken.add(new)
                self.fix(
                    "node_name_invalid",
                    f"named the node {new!r}",
                    node=new,
                    path=f"{path}.name",
                    before=name,
                    after=new,
                )
            elif name in seen_names:
                new = _unique(name, taken)
                node["name"] = new
                taken.add(new)
                self.fix(
                    "duplicate_node_name",
                    f"renamed duplicate {name!r} to {new!r}",
                    node=new,
                    path=f"{path}.name",
                    before=name,
                    after=new,
                )
            seen_names.add(node["name"])
            nid = node.get("id")
            if not isinstance(nid, str) or not nid or nid in seen_ids:
                new_id = str(uuid.uuid5(_ID_NAMESPACE, node["name"]))
                k = 1
                while new_id in seen_ids:
                    new_id = str(uuid.uuid5(_ID_NAMESPACE, f"{node['name']}/{k}"))
                    k += 1
                code = (
                    "duplicate_node_id"
                    if isinstance(nid, str) and nid in seen_ids
                    else "node_id_missing"
                    if nid is None or nid == ""
                    else "node_id_invalid"
                )
                node["id"] = new_id
                self.fix(
                    code,
                    f"set id {new_id}",
                    node=node["name"],
                    path=f"{path}.id",
                    before=nid,
                    after=new_id,
                )
            seen_ids.add(node["id"])

    def _default_name(self, node: dict[str, Any]) -> str:
        typ = node.get("type")
        desc = self.catalog.get(typ) if isinstance(typ, str) else None
        if desc is not None:
            return desc.default_name
        if isinstance(typ, str) and typ:
            return typ.rsplit(".", 1)[-1]
        return "Node"

    # ------------------------------------------------------------------ connections
    def connections(self, nodes: list[Any]) -> None:
        conns = self.doc["connections"]
        names = {n["name"] for n in nodes if isinstance(n, dict) and isinstance(n.get("name"), str)}
        by_id: dict[str, str] = {}
        for n in nodes:
            if isinstance(n, dict) and isinstance(n.get("id"), str) and n["id"] not in names:
                by_id.setdefault(n["id"], n["name"])
        for key in list(conns):
            if key in names:
                continue
            value = conns.pop(key)
            if key in by_id and by_id[key] not in conns:
                conns[by_id[key]] = value
                self.fix(
                    "connection_keyed_by_id",
                    f'keyed connections of "{by_id[key]}" by name instead of id "{key}"',
                    node=by_id[key],
                    path=json_path("connections", key),
                    before=key,
                    after=by_id[key],
                )
            else:
                self.fix(
                    "connection_unknown_source",
                    f'removed connections from unknown node "{key}"',
                    path=json_path("connections", key),
                    before=value,
                )
        for src in list(conns):
            by_type = conns[src]
            if not isinstance(by_type, dict):
                continue
            for ctype in list(by_type):
                buckets = by_type[ctype]
                if not isinstance(buckets, list):
                    continue
                for oi, bucket in enumerate(buckets):
                    if not isinstance(bucket, list):
                        continue
                    keep = []
                    for k, c in enumerate(bucket):
                        cpath = json_path("connections", src, ctype, oi, k)
                        target = c.get("node") if isinstance(c, dict) else None
                        if not isinstance(target, str) or not target or target in names:
                            keep.append(c)
                            continue
                        if target in by_id:
                            c["node"] = by_id[target]
                            keep.append(c)
                            self.fix(
                                "connection_keyed_by_id",
                                f'connection target id "{target}" -> "{by_id[target]}"',
                                node=src,
                                path=cpath + ".node",
                                before=target,
                                after=by_id[target],
                            )
                        else:
                            self.fix(
                                "connection_unknown_target",
                                f'removed connection to unknown node "{target}"',
                                node=src,
                                path=cpath,
                                before=c,
                            )
                    bucket[:] = keep

    # ------------------------------------------------------------------ parameters
    def parameters(self, i: int, node: dict[str, Any]) -> None:
        params = node.get("parameters")
        if not isinstance(params, dict) or node["type"] in TEXT_NODE_TYPES:
            return
        name = node.get("name")
        path = json_path("nodes", i, "parameters")
        self._prefix_expressions(params, path, name, None, 0)
        self._option_values(i, node)

    def _prefix_expressions(
        self, value: Any, path: str, name: Any, key: str | None, depth: int
    ) -> Any:
        if depth > 64:
            return value
        if isinstance(value, dict):
            for k in list(value):
                if isinstance(k, str):
                    sub = f"{path}.{k}" if k.isidentifier() else f'{path}["{k}"]'
                    value[k] = self._prefix_expressions(value[k], sub, name, k, depth + 1)
        elif isinstance(value, list):
            for j, v in enumerate(value):
                value[j] = self._prefix_expressions(v, f"{path}[{j}]", name, None, depth + 1)
        elif (
            isinstance(value, str)
            and not value.startswith("=")
            and key not in CODE_KEYS
            and _LOOKS_LIKE_EXPRESSION.search(value)
        ):
            self.fix(
                "expression_missing_prefix",
                "added the '=' expression prefix",
                node=name,
                path=path,
                before=value,
                after="=" + value,
            )
            return "=" + value
        return value

    def _option_values(self, i: int, node: dict[str, Any]) -> None:
        from engine.validation.findings import FindingSink
        from engine.validation.parameters import collect_bad_options

        desc = self.catalog.get(node["type"], node.get("typeVersion"))
        if desc is None:
            return
        ctx = NodeContext(index=i, node=node, path=json_path("nodes", i), desc=desc)
        for ppath, bad, closest in collect_bad_options(ctx, FindingSink("strict")):
            if closest is None:
                continue
            if _replace_value(node["parameters"], ppath, bad, closest):
                self.fix(
                    "parameter_option_invalid",
                    f"{ppath}: {bad!r} -> {closest!r}",
                    node=node.get("name"),
                    path=f"{ctx.path}.parameters.{ppath}",
                    before=bad,
                    after=closest,
                )

    # ------------------------------------------------------------------ layout
    def layout(self, nodes: list[Any]) -> None:
        todo = [
            (i, n)
            for i, n in enumerate(nodes)
            if isinstance(n, dict)
            and not _valid_position(n.get("position"))
            and isinstance(n.get("name"), str)
        ]
        if not todo:
            return
        layers = _layers(nodes, self.doc["connections"])
        # column x per layer: where placed nodes of that layer already sit, else one step right
        # of the nearest column to the left (or left of the nearest to the right)
        xs: dict[int, float] = {}
        ys: dict[int, float] = {}
        wired = _wired(self.doc["connections"])
        for n in nodes:
            if (
                isinstance(n, dict)
                and _valid_position(n.get("position"))
                and (n.get("name") in wired or not wired)
            ):
                layer = layers.get(n.get("name"), 0)
                x, y = n["position"]
                xs[layer] = min(xs.get(layer, x), x)
                ys[layer] = max(ys.get(layer, y), y)
        top = min(
            (
                n["position"][1]
                for n in nodes
                if isinstance(n, dict) and _valid_position(n.get("position"))
            ),
            default=0,
        )

        def column(layer: int) -> float:
            if layer in xs:
                return xs[layer]
            lower = [k for k in xs if k < layer]
            if lower:
                k = max(lower)
                return xs[k] + (layer - k) * _X_STEP
            higher = [k for k in xs if k > layer]
            if higher:
                k = min(higher)
                return xs[k] - (k - layer) * _X_STEP
            return layer * _X_STEP

        for i, n in todo:
            layer = layers.get(n["name"], 0)
            x = column(layer)
            y = ys[layer] + _Y_STEP if layer in ys else top
            xs.setdefault(layer, x)
            ys[layer] = y
            pos = [_num(x), _num(y)]
            before = n.get("position")
            n["position"] = pos
            self.fix(
                "node_position_invalid",
                f"placed the node at {pos}",
                node=n["name"],
                path=json_path("nodes", i, "position"),
                before=before,
                after=pos,
            )


def _connections(conns: Any) -> tuple[Connection, ...]:
    """Every readable connection of ``conns``, by the workflow model (tolerant), in JSON
    order; unlike ``Workflow.edges`` these include targets that are not nodes (yet)."""
    return Workflow.from_n8n({"connections": conns}, strict=False).connections


def _wired(conns: Any) -> set[str]:
    """Names of nodes that take part in some connection (the anchors for layout columns)."""
    return {name for c in _connections(conns) for name in (c.source, c.target)}


def _num(v: float) -> int | float:
    return int(v) if float(v).is_integer() else v


def _unique(base: str, taken: set[str]) -> str:
    """n8n's naming: ``Slack``, ``Slack1``, ``Slack2``, ..."""
    if base not in taken:
        return base
    stem = re.sub(r"\d+$", "", base) or base
    k = 1
    while f"{stem}{k}" in taken:
        k += 1
    return f"{stem}{k}"


def _layers(nodes: list[Any], conns: Any) -> dict[str, int]:
    """Longest-path depth of each node along main connections (sub-nodes sit under their
    consumer's layer); cycles are cut by visiting each node once per pass."""
    names = [n["name"] for n in nodes if isinstance(n, dict) and isinstance(n.get("name"), str)]
    succ: dict[str, list[str]] = {}
    feeds: dict[str, str] = {}
    for c in _connections(conns):
        if c.type == MAIN:
            succ.setdefault(c.source, []).append(c.target)
        else:
            feeds.setdefault(c.source, c.target)
    # Kahn's order: each node one column right of its deepest main predecessor; nodes on a
    # cycle keep the depth reached so far (O(nodes + edges)).
    depth = {n: 0 for n in names}
    indegree = {n: 0 for n in names}
    for s in names:
        for t in succ.get(s, ()):
            if t in indegree:
                indegree[t] += 1
    queue = deque(n for n in names if indegree[n] == 0)
    while queue:
        s = queue.popleft()
        for t in succ.get(s, ()):
            if t not in indegree:
                continue
            depth[t] = max(depth[t], depth[s] + 1)
            indegree[t] -= 1
            if indegree[t] == 0:
                queue.append(t)
    for sub, consumer in feeds.items():
        if sub in depth and consumer in depth:
            depth[sub] = depth[consumer]
    return depth


def _replace_value(params: dict[str, Any], ppath: str, bad: Any, new: Any) -> bool:
    parts = [p for p in re.sub(r"\[(\d+)\]", r".\1", ppath).split(".") if p]
    cur: Any = params
    for part in parts[:-1]:
        if isinstance(cur, dict):
            cur = cur.get(part)
        elif isinstance(cur, list) and part.isdigit() and int(part) < len(cur):
            cur = cur[int(part)]
        else:
            return False
    last = parts[-1] if parts else None
    if not isinstance(cur, dict) or last not in cur:
        return False
    value = cur[last]
    if isinstance(value, list):
        if bad not in value:
            return False
        cur[last] = [new if v == bad and type(v) is type(bad) else v for v in value]
        return True
    if value == bad and type(value) is type(bad):
        cur[last] = new
        return True
    return False


def repair_workflow(doc: object, catalog: Any = None) -> RepairResult:
    """Return a repaired deep copy of ``doc`` and the fixes applied (never raises).

    Documents that are not workflow objects (not a dict, or ``nodes`` not a list) come back
    unchanged with no fixes: there is nothing deterministic to do with them.
    """
    try:
        work = copy.deepcopy(doc)
    except RecursionError:
        return RepairResult(workflow=doc, fixes=[])
    if not isinstance(work, dict):
        return RepairResult(workflow=work, fixes=[])
    rep = _Repairer(work, catalog if catalog is not None else default_catalog())
    try:
        rep.run()
    except RecursionError:
        return RepairResult(workflow=doc, fixes=[])
    return RepairResult(workflow=work, fixes=rep.fixes)
