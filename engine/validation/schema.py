"""The JSON Schema of a workflow document and the mapping of its violations to finding codes.

``workflow.schema.json`` (draft 2020-12) describes what n8n's public API accepts plus the
read-only keys an export carries. n8n's own import is laxer: its structure check (the zod schema
in n8n-workflow) only insists on node ``name``/``type``/``position``, optional numeric
``typeVersion``, object ``parameters``, string ``id`` and boolean ``disabled``, and it passes
unknown keys through. So every schema violation is mapped to a code whose severity per profile
says whether n8n itself would refuse it (runtime error) or only our policy does (strict error).
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from engine.validation.findings import FindingSink, json_path
from indexing.catalog.jsvalues import js_type

SCHEMA_PATH = Path(__file__).with_name("workflow.schema.json")

#: node field -> code used when the field violates the schema. Fields n8n's structure check
#: looks at are runtime errors; the rest are ``field_invalid`` (policy).
_NODE_FIELD_CODES = {
    "name": "node_name_invalid",
    "type": "node_type_missing",
    "position": "node_position_invalid",
    "typeVersion": "node_type_version_invalid",
    "parameters": "node_parameters_invalid",
    "id": "node_id_invalid",
    "disabled": "node_invalid",
}


@lru_cache(maxsize=1)
def workflow_schema() -> dict[str, Any]:
    """The workflow JSON Schema as a dict (loaded once)."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    schema = workflow_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def allowed_top_level_keys() -> frozenset[str]:
    """Top-level keys the schema accepts."""
    return frozenset(workflow_schema()["properties"])


def allowed_node_keys() -> frozenset[str]:
    """Node keys the schema accepts."""
    return frozenset(workflow_schema()["$defs"]["node"]["properties"])


def _node_label(doc: dict[str, Any], index: int) -> str:
    nodes = doc.get("nodes")
    if isinstance(nodes, list) and index < len(nodes):
        node = nodes[index]
        if isinstance(node, dict) and isinstance(node.get("name"), str) and node["name"]:
            return node["name"]
    return f"#{index}"


def check_schema(doc: Any, sink: FindingSink) -> bool:
    """Validate ``doc`` against the schema, reporting violations into ``sink``.

    Returns False when the document is too broken for the semantic checks (not an object,
    ``nodes`` not an array); connection-shape problems are left to the connection walk, which
    reports them entry by entry.
    """
    if not isinstance(doc, dict):
        sink.add("structure", f"the workflow must be a JSON object, not {_kind(doc)}")
        return False
    ok = True
    if "nodes" not in doc:
        sink.add("structure", '"nodes" is missing', path="$.nodes")
        ok = False
    elif not isinstance(doc["nodes"], list):
        sink.add(
            "structure", f'"nodes" must be an array, not {_kind(doc["nodes"])}', path="$.nodes"
        )
        ok = False
    if "connections" not in doc:
        sink.add("structure", '"connections" is missing', path="$.connections")
    elif not isinstance(doc["connections"], dict):
        sink.add(
            "structure",
            '"connections" must be an object keyed by source node name',
            path="$.connections",
        )
    # Exports often lack only the name; let the fast path handle that case too.
    probe = doc if "name" in doc else {**doc, "name": "-"}
    if fast_conforms(probe):
        if probe is not doc:
            _missing_name(sink)
    else:
        for err in _validator().iter_errors(doc):
            _map_error(doc, err, sink)
    if ok:
        _check_finite_positions(doc, sink)
    return ok


_JSON_TYPES: dict[str, Any] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "integer": lambda v: (
        (isinstance(v, int) and not isinstance(v, bool))
        or (isinstance(v, float) and v.is_integer())
    ),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}
_SIMPLE_KEYWORDS = frozenset({"type", "minLength", "enum"})


_PY_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "number": (int, float),
    "boolean": (bool,),
    "null": (type(None),),
}
_Rule = tuple[frozenset[type], int | None, frozenset[str] | None]


def _simple_check(rule: dict[str, Any]) -> _Rule | None:
    """A fast rule (exact Python types, minLength, enum) for type / minLength / enum schemas.

    Exact ``type()`` membership: ``bool`` is not a number here, as in JSON Schema; containers
    of other classes (OrderedDict, ...) fall back to jsonschema.
    """
    if not set(rule) <= _SIMPLE_KEYWORDS:
        return None
    types = rule.get("type")
    names = [types] if isinstance(types, str) else list(types or [])
    if any(t not in _PY_TYPES for t in names):
        return None
    py = frozenset(t for n in names for t in _PY_TYPES[n]) if names else frozenset()
    enum = rule.get("enum")
    if enum is not None and not all(isinstance(e, str) for e in enum):
        return None
    return py, rule.get("minLength"), frozenset(enum) if enum is not None else None


def _ok(rule: _Rule, v: Any) -> bool:
    py, min_len, enum = rule
    if py and type(v) not in py:
        return False
    if min_len is not None and type(v) is str and len(v) < min_len:
        return False
    return enum is None or (type(v) is str and v in enum)


@lru_cache(maxsize=1)
def _fast_rules() -> tuple[dict[str, Any], frozenset[str], dict[str, Any], frozenset[str]]:
    schema = workflow_schema()
    top = {k: _simple_check(r) for k, r in schema["properties"].items()}
    node_schema = schema["$defs"]["node"]
    node = {k: _simple_check(r) for k, r in node_schema["properties"].items()}
    return top, frozenset(schema["required"]), node, frozenset(node_schema["required"])


_NUM = (int, float)


def fast_conforms(doc: Any) -> bool:
    """True only when ``doc`` certainly satisfies the schema (then jsonschema is skipped).

    A plain-Python walk of the same rules, ~50x faster than jsonschema on a typical workflow;
    anything it is unsure about returns False and the full validator runs. A test checks that
    it never says True where jsonschema finds an error.
    """
    top, top_required, node_rules, node_required = _fast_rules()
    if type(doc) is not dict or not top_required <= doc.keys():
        return False
    for k, v in doc.items():
        if k not in top:
            return False
        rule = top[k]
        if rule is not None and not _ok(rule, v):
            return False
    nodes = doc["nodes"]
    if type(nodes) is not list:
        return False
    for n in nodes:
        if type(n) is not dict or not node_required <= n.keys():
            return False
        for k, v in n.items():
            if k == "position":
                if not (
                    type(v) is list and len(v) == 2 and type(v[0]) in _NUM and type(v[1]) in _NUM
                ):
                    return False
                continue
            rule = node_rules.get(k)
            if rule is None or not _ok(rule, v):
                return False
    conns = doc["connections"]
    if not isinstance(conns, dict):
        return False
    for by_type in conns.values():
        if not isinstance(by_type, dict):
            return False
        for buckets in by_type.values():
            if not isinstance(buckets, list):
                return False
            for bucket in buckets:
                if bucket is None:
                    continue
                if not isinstance(bucket, list):
                    return False
                for c in bucket:
                    if not (
                        isinstance(c, dict)
                        and isinstance(c.get("node"), str)
                        and c["node"]
                        and isinstance(c.get("type"), str)
                        and c["type"]
                        and _JSON_TYPES["integer"](c.get("index"))
                        and c["index"] >= 0
                    ):
                        return False
    return True


def _map_error(doc: dict[str, Any], err: ValidationError, sink: FindingSink) -> None:
    path = list(err.absolute_path)
    if not path:
        if err.validator == "required":
            missing = [k for k in err.validator_value if k not in doc]
            if "name" in missing:
                _missing_name(sink)
            return  # nodes / connections reported by check_schema
        if err.validator == "additionalProperties":
            allowed = allowed_top_level_keys()
            for key in sorted(k for k in doc if k not in allowed):
                sink.add(
                    "unknown_key",
                    f'top-level key "{key}" is not part of the workflow schema',
                    path=json_path(key),
                    suggestion=f'remove "{key}"',
                )
            return
        return
    top = path[0]
    if top == "nodes":
        if len(path) == 1:
            return  # nodes not an array: reported by check_schema
        _map_node_error(doc, path, err, sink)
        return
    if top == "connections":
        return  # the connection walk reports shape problems entry by entry
    sink.add(
        "field_invalid",
        f'workflow field "{top}": {err.message}',
        path=json_path(*path),
    )


def _map_node_error(
    doc: dict[str, Any], path: list[str | int], err: ValidationError, sink: FindingSink
) -> None:
    index = path[1]
    if not isinstance(index, int):
        return
    label = _node_label(doc, index)
    node = doc["nodes"][index]
    if len(path) == 2:
        if err.validator == "type":
            sink.add(
                "node_invalid",
                f"node #{index} is {_kind(node)}, not an object",
                node=label,
                path=json_path("nodes", index),
            )
        elif err.validator == "required":
            for key in err.validator_value:
                if key not in node:
                    code = _NODE_FIELD_CODES.get(key, "node_invalid")
                    sink.add(
                        code,
                        f'node has no "{key}"',
                        node=label,
                        path=json_path("nodes", index, key),
                    )
        elif err.validator == "additionalProperties":
            allowed = allowed_node_keys()
            for key in sorted(k for k in node if k not in allowed):
                sink.add(
                    "unknown_key",
                    f'node key "{key}" is not part of the node schema',
                    node=label,
                    path=json_path("nodes", index, key),
                    suggestion=f'remove "{key}"',
                )
        return
    field = path[2]
    code = _NODE_FIELD_CODES.get(field, "field_invalid") if isinstance(field, str) else None
    if code is None:
        return
    value = node.get(field) if isinstance(node, dict) else None
    sink.add(
        code,
        f'node field "{field}" is invalid ({_describe(value)}): {err.message}',
        node=label,
        path=json_path(*path[:3]),
    )


def _missing_name(sink: FindingSink) -> None:
    sink.add(
        "field_invalid",
        "the workflow has no name (the public API requires one)",
        path="$.name",
        suggestion="add a short descriptive name",
    )


def _check_finite_positions(doc: dict[str, Any], sink: FindingSink) -> None:
    """NaN / infinity are numbers to JSON Schema but not to n8n's canvas."""
    for i, node in enumerate(doc["nodes"]):
        if not isinstance(node, dict):
            continue
        pos = node.get("position")
        if isinstance(pos, list) and any(
            isinstance(v, float) and not math.isfinite(v) for v in pos
        ):
            sink.add(
                "node_position_invalid",
                "node position must be two finite numbers",
                node=_node_label(doc, i),
                path=json_path("nodes", i, "position"),
            )


def _kind(value: Any) -> str:
    """``typeof`` in words: "null", "a number", "an array", ..."""
    kind = js_type(value)
    return kind if kind == "null" else ("an " if kind[0] in "aeiou" else "a ") + kind


def _describe(value: Any) -> str:
    text = json.dumps(value, default=str)
    return text if len(text) <= 60 else text[:57] + "..."
