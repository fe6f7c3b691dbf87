"""A compact, model-readable schema of one node type at the version to generate.

For a chosen resource/operation it lists the parameters that apply - resolved with the
catalog's own display rules (:func:`indexing.catalog.params.display_under`), so ``channelId``
appears for Slack ``message/post`` and the forty other ``channelId`` variants do not - with
their type, whether they are required, the default, the option values, the resource-locator
shape and, one level deep, the fields of collections. Conditions on parameters the caller did
not fix are kept as "when select=channel" notes. Each parameter is one line starting with its
name in backticks (the eval's context metric reads them back).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from indexing.catalog.load import Catalog, load_catalog
from indexing.catalog.model import DISPLAY_ONLY_TYPES, NodeVersion, Property
from indexing.catalog.params import display_under

#: Property types that never hold a value a workflow sets.
SKIPPED_TYPES = DISPLAY_ONLY_TYPES | {"hidden", "curlImport"}
MAX_OPTIONS = 12
MAX_CHILDREN = 14
MAX_PARAMS = 28
#: Value shapes of the structured parameter types models most often get wrong.
SHAPES = {
    "filter": '{"conditions": [{"leftValue": "={{ $json.x }}", "rightValue": …, "operator": '
    '{"type": "string|number|boolean|dateTime", "operation": "equals|contains|gt|…"}}], '
    '"combinator": "and|or", "options": {"caseSensitive": true, "typeValidation": "strict"}}',
    "assignmentCollection": '{"assignments": [{"id": "<uuid>", "name": "field", '
    '"value": "={{ $json.x }}", "type": "string|number|boolean|array|object"}]}',
    "resourceMapper": '{"mappingMode": "defineBelow|autoMapInputData", '
    '"value": {"<column>": "={{ $json.x }}"}, "matchingColumns": [], "schema": []}',
}


@dataclass(frozen=True)
class NodeChoice:
    """What to render for one node type: the resource/operation it is used with (if known)."""

    node_type: str
    resource: str | None = None
    operation: str | None = None


def version_to_generate(node_type: str, catalog: Catalog | None = None) -> float | None:
    """The typeVersion a new node should have (n8n's default version, else the highest)."""
    return (catalog or load_catalog()).default_version(node_type)


def fmt_version(version: float) -> str:
    """``2`` for 2.0, ``2.3`` for 2.3: how workflows write typeVersion."""
    return str(int(version)) if float(version).is_integer() else str(version)


def header(nv: NodeVersion, version: float) -> str:
    """The block's first line: display name, full type, typeVersion (the metric parses it)."""
    return f"## {nv.display_name} `{nv.type_name}` typeVersion {fmt_version(version)}"


def credentials_line(nv: NodeVersion, fixed: Mapping[str, Any], version: float) -> str:
    """The credential types the node can use, with the ``authentication`` value picking each."""
    key = _memo_key(fixed, version)
    if key is None:
        return _credentials_text(nv, fixed, version)
    return _credentials_memo(nv, *key)


@lru_cache(maxsize=8192)
def _credentials_memo(nv: NodeVersion, fixed_key: FixedKey, version_key: VersionKey) -> str:
    return _credentials_text(nv, dict(_untag(fixed_key)), version_key[1])


def _credentials_text(nv: NodeVersion, fixed: Mapping[str, Any], version: float) -> str:
    parts = []
    for cred in nv.credentials:
        shown, conds = display_under(
            {"displayOptions": cred.display_options or {}}, fixed, version, nv.type_name
        )
        if not shown:
            continue
        when = _conditions_text(conds)
        parts.append(cred.name + (f" ({when})" if when else ""))
    if not parts:
        return ""
    return "credentials (the user connects them; leave out of the JSON): " + ", ".join(parts)


def applicable_properties(
    nv: NodeVersion, fixed: Mapping[str, Any], version: float
) -> list[tuple[Property, dict[str, Any]]]:
    """Top-level properties shown for ``fixed`` values, first variant per name, in n8n's order;
    each with the conditions on other parameters under which it shows.

    A pure function of catalog data, which is loaded once per process and never changed, so
    the answer is kept per (entry, ``fixed``, version): prompts ask for the same few again
    and again. Each call gets its own list and condition dicts (callers may change them).
    """
    key = _memo_key(fixed, version)
    found = _applicable_memo(nv, *key) if key is not None else _applicable(nv, fixed, version)
    return [(prop, {k: list(v) for k, v in conds.items()}) for prop, conds in found]


FixedKey = tuple[tuple[str, str, Any], ...]
VersionKey = tuple[str, Any]


def _memo_key(fixed: Mapping[str, Any], version: float) -> tuple[FixedKey, VersionKey] | None:
    """A hashable key holding everything of ``fixed`` and ``version`` the display rules read,
    with each value's type (JavaScript's ``===`` tells ``1`` from ``true``; Python's ``==``
    does not); None when a value cannot be hashed (then nothing is cached)."""
    try:
        items = sorted(fixed.items(), key=lambda kv: kv[0])
        fixed_key = tuple((k, type(v).__qualname__, v) for k, v in items)
        version_key = (type(version).__qualname__, version)
        hash((fixed_key, version_key))
    except TypeError:
        return None
    return fixed_key, version_key


def _untag(fixed_key: FixedKey) -> list[tuple[str, Any]]:
    return [(k, v) for k, _, v in fixed_key]


@lru_cache(maxsize=8192)
def _applicable_memo(
    nv: NodeVersion, fixed_key: FixedKey, version_key: VersionKey
) -> tuple[tuple[Property, dict[str, Any]], ...]:
    """The cached answer (``nv`` hashes by identity: one catalog entry, held alive here)."""
    return tuple(_applicable(nv, dict(_untag(fixed_key)), version_key[1]))


def _applicable(
    nv: NodeVersion, fixed: Mapping[str, Any], version: float
) -> list[tuple[Property, dict[str, Any]]]:
    variants: dict[str, list[tuple[Property, dict[str, Any]]]] = {}
    for prop, shown_only_for in _gated_properties(nv):
        if prop.name in fixed or any(
            isinstance(fixed.get(key), str) and fixed[key] not in values
            for key, values in shown_only_for
        ):
            continue
        shown, conds = display_under(prop, fixed, version, nv.type_name)
        if shown:
            variants.setdefault(prop.name, []).append((prop, conds))
    return [
        (_one_property([p for p, _ in found]), _merged_conditions([c for _, c in found]))
        for found in variants.values()
    ]


@lru_cache(maxsize=2048)
def _gated_properties(
    nv: NodeVersion,
) -> tuple[tuple[Property, tuple[tuple[str, frozenset[str]], ...]], ...]:
    """The node's properties that can hold a value, each with the parameters whose ``show``
    rule lists only plain strings, and those strings: a fixed string value not among them
    hides the property, which ``display_under`` would find at ~10 us a property - most of an
    app node's hundreds of properties show for one resource/operation only, and the
    operations list of a node asks for every one of its operations."""
    out = []
    for prop in nv.properties:
        if prop.type in SKIPPED_TYPES:
            continue
        options = prop.raw.get("displayOptions")
        show = options.get("show") if isinstance(options, Mapping) else None
        gates = []
        for key, conditions in (show or {}).items() if isinstance(show, Mapping) else ():
            if key.startswith("@") or not isinstance(conditions, list):
                continue
            if conditions and all(type(c) is str for c in conditions):
                gates.append((key.lstrip("/"), frozenset(conditions)))
        out.append((prop, tuple(gates)))
    return tuple(out)


def _one_property(variants: list[Property]) -> Property:
    """The first variant, without a default when the variants' defaults differ (the Agent's
    ``text`` defaults to a guardrails expression in one variant only)."""
    first = variants[0]
    if len(variants) == 1:
        return first  # most names have one variant: nothing to compare
    defaults = {json.dumps(v.default, sort_keys=True, default=str) for v in variants}
    if len(defaults) == 1:
        return first
    return Property({**first.raw, "default": None, "required": any(v.required for v in variants)})


def _merged_conditions(all_conds: list[dict[str, Any]]) -> dict[str, Any]:
    """Conditions of same-named variants together: a key every variant tests, with the values
    of all of them (Slack's ``text`` shows for messageType text or block)."""
    keys = set(all_conds[0]).intersection(*all_conds[1:]) if all_conds else set()
    merged: dict[str, Any] = {}
    for key in sorted(keys, key=list(all_conds[0]).index):
        values: list[Any] = []
        for conds in all_conds:
            for v in conds[key] if isinstance(conds[key], list) else [conds[key]]:
                if v not in values:
                    values.append(v)
        merged[key] = values
    return merged


def property_line(prop: Property, conds: Mapping[str, Any]) -> str:
    """One parameter: name, type, required, default, choices or shape, when it shows."""
    bits = [f"- `{prop.name}` {prop.type}"]
    if prop.required:
        bits.append("required")
    default = prop.default
    if default not in (None, "", {}, []) and prop.type not in ("resourceLocator", "collection"):
        bits.append(f"default {_short_json(default)}")
    shape = _shape(prop)
    text = ", ".join(bits) + (f": {shape}" if shape else "")
    when = _conditions_text(conds)
    return text + (f" (when {when})" if when else "")


def render_schema(
    choice: NodeChoice,
    *,
    catalog: Catalog | None = None,
    max_params: int = MAX_PARAMS,
) -> str:
    """The schema block of ``choice`` at the version to generate ('' for an unknown type)."""
    cat = catalog or load_catalog()
    version = cat.default_version(choice.node_type)
    nv = cat.get(choice.node_type, version) if version is not None else None
    if nv is None or version is None:
        return ""
    fixed = {k: v for k, v in (("resource", choice.resource), ("operation", choice.operation)) if v}
    lines = [header(nv, version)]
    if fixed:
        lines.append("use: " + ", ".join(f"`{k}` = {json.dumps(v)}" for k, v in fixed.items()))
    creds = credentials_line(nv, fixed, version)
    if creds:
        lines.append(creds)
    props = applicable_properties(nv, fixed, version)
    lines += [property_line(p, c) for p, c in props[:max_params]]
    if len(props) > max_params:
        rest = ", ".join(f"`{p.name}`" for p, _ in props[max_params:])
        lines.append(f"- also: {rest}")
    return "\n".join(lines) + "\n"


def _shape(prop: Property) -> str:
    if prop.type in ("options", "multiOptions"):
        return _choices(prop)
    if prop.type == "resourceLocator":
        return _locator_shape(prop)
    if prop.type == "collection":
        return _children_text(prop.children, "object with any of")
    if prop.type == "fixedCollection":
        return _groups_text(prop)
    return SHAPES.get(prop.type, "")


def _choices(prop: Property) -> str:
    if prop.load_options and not prop.option_values:
        return "values loaded from the service (use a placeholder or an expression)"
    values = list(dict.fromkeys(json.dumps(o.value) for o in prop.option_values))
    more = f" | …{len(values) - MAX_OPTIONS} more" if len(values) > MAX_OPTIONS else ""
    joined = " | ".join(values[:MAX_OPTIONS]) + more
    return f"[{joined}]" if prop.type == "multiOptions" else joined


def _locator_shape(prop: Property) -> str:
    modes = [m.get("name") for m in prop.raw.get("modes") or () if isinstance(m, dict)]
    modes = [m for m in modes if isinstance(m, str)] or ["id"]
    mode = " | ".join(json.dumps(m) for m in modes)
    return f'{{"__rl": true, "mode": {mode}, "value": "…"}}'


def _children_text(children: Sequence[Property], label: str) -> str:
    names = list(
        dict.fromkeys(f"{c.name} ({c.type})" for c in children if c.type not in SKIPPED_TYPES)
    )
    if not names:
        return ""
    more = f", …{len(names) - MAX_CHILDREN} more" if len(names) > MAX_CHILDREN else ""
    return f"{label} {', '.join(names[:MAX_CHILDREN])}{more}"


def _groups_text(prop: Property) -> str:
    parts = []
    many = prop.multiple_values
    for group in prop.groups:
        values = [v for v in group.values if v.type not in SKIPPED_TYPES]
        fields = ", ".join(dict.fromkeys(f"{v.name}: {v.type}" for v in values[:MAX_CHILDREN]))
        item = "{" + fields + "}"
        parts.append(f'"{group.name}": ' + (f"[{item}, …]" if many else item))
    return "{" + "; ".join(parts) + "}" if parts else ""


def _conditions_text(conds: Mapping[str, Any]) -> str:
    parts = []
    for key, values in conds.items():
        shown = [
            json.dumps(v) if not isinstance(v, str) else v
            for v in (values if isinstance(values, list) else [values])
        ]
        parts.append(f"{key}={'|'.join(shown[:4])}")
    return ", ".join(parts)


def _short_json(value: Any, limit: int = 60) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"
