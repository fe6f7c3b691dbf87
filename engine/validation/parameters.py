"""Parameter checks: what n8n's ``getNodeParametersIssues`` and the editor's option check flag.

Parameters are first resolved like n8n does on load (defaults filled, hidden ones dropped: the
catalog's :func:`indexing.catalog.params.resolve_parameters`); then:

* required parameters that are displayed but empty (``parameter_required_missing``), with n8n's
  own walk and its quirks (collection children are looked up one level up, nested
  fixedCollections are not descended), so that our verdict equals n8n's;
* resource-locator regexes, resource-mapper fields and ``validateType`` (``parameter_invalid``);
* ``options`` / ``multiOptions`` values outside the static option list
  (``parameter_option_invalid``), skipping remote lists and expressions like the editor;
* parameter keys the node version does not define (``parameter_unknown``, a warning);
* required credentials that are not set (``credentials_missing``, a warning);
* shapes of collection / fixedCollection / assignment / filter / resource-locator values
  (``parameter_shape_invalid``, our policy).
"""

from __future__ import annotations

import difflib
import json
import logging
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from engine.validation import fieldtypes
from engine.validation.findings import FindingSink
from indexing.catalog.jsvalues import (
    MISSING,
    js_strict_equal,
    js_string,
    js_truthy,
    lodash_get,
    starts_with_eq,
)
from indexing.catalog.params import (
    ParameterResolutionError,
    display_parameter,
    is_expression,
    resolve_parameters,
    resolve_parameters_shared,
)

if TYPE_CHECKING:
    from engine.validation.context import NodeContext

log = logging.getLogger(__name__)

#: The editor fills an empty webhook path from the node's webhookId on load.
WEBHOOK_PATH_FROM_ID = frozenset(
    {
        "n8n-nodes-base.webhook",
        "n8n-nodes-base.formTrigger",
        "@n8n/n8n-nodes-langchain.mcpTrigger",
    }
)
CUSTOM_API_CALL_KEY = "__CUSTOM_API_CALL__"
_REQUIRED_MSG = re.compile(r"is required|required\.|fields? (is|are) required", re.IGNORECASE)
_RL_TYPES = frozenset({"resourceLocator", "workflowSelector", "agentSelector"})
_OPTION_WALK_TYPES = frozenset({"options", "multiOptions", "collection", "fixedCollection"})


class CheckFailed(Exception):
    """n8n's own check would throw on this value (reported like the oracle's check failure)."""


def check_node_parameters(ctx: NodeContext, catalog: Any, sink: FindingSink) -> None:
    """Resolve one node's parameters and report parameter and credential findings."""
    desc = ctx.desc
    node = ctx.node
    raw_params = node.get("parameters")
    params = raw_params if isinstance(raw_params, dict) else {}
    if desc is None:
        return
    index = _index(desc.raw_properties)
    if (
        SHORTCUTS
        and index.inert
        and not desc.dynamic_inputs
        and not desc.dynamic_outputs
        and not _has_required_credentials(desc)
    ):
        # Nothing here depends on the resolved values (no required, option, typed, structured
        # or credential-bearing parameter; static ports): skip resolution (Sticky Note, No Op, ...)
        ctx.resolved = {}
        if not ctx.disabled:
            _check_unknown(ctx, params, sink)
        return
    tv = node.get("typeVersion")
    try:
        resolved = resolve_parameters_shared(desc, params, tv)
    except ParameterResolutionError as exc:
        sink.add(
            "parameter_invalid",
            f"n8n cannot resolve this node's parameters: {exc}",
            node=ctx.name,
            path=ctx.path + ".parameters",
            downgrade=ctx.disabled,
        )
        # n8n's Workflow then gets an empty parameter object and re-resolves it with defaults;
        # ports are computed from that, as n8n does
        try:
            ctx.resolved = resolve_parameters_shared(desc, {}, tv)
        except ParameterResolutionError:
            ctx.resolved = {}
        return
    if ctx.type in WEBHOOK_PATH_FROM_ID and resolved.get("path") == "":
        resolved = dict(resolved)  # cached values are shared: copy before changing
        resolved["path"] = node.get("webhookId") or "00000000-0000-4000-8000-000000000000"
    ctx.resolved = resolved
    if ctx.disabled:
        return  # n8n ignores parameter issues of disabled nodes
    checker = _Checker(ctx, resolved, sink)
    _report_issues(ctx, checker, sink)
    checker.check_options(desc.raw_properties, "")
    checker.check_shapes(params)
    _check_unknown(ctx, params, sink)
    _check_credentials(ctx, resolved, sink)


def _report_issues(ctx: NodeContext, checker: _Checker, sink: FindingSink) -> None:
    """n8n's ``getNodeParametersIssues`` over the top-level properties, as findings."""
    resolved = checker.values
    try:
        issues: dict[str, list[str]] = {}
        for name, prop, is_collection in _index(ctx.desc.raw_properties).interesting_named:
            # resolution keeps every displayed top-level parameter, so an absent name means
            # hidden - when the keys its display rule reads survived resolution too
            # (collections excepted: n8n checks their children one level up)
            if (
                is_collection
                or not SHORTCUTS
                or name in resolved
                or not _rule_keys_present(prop, resolved)
            ):
                _merge(issues, checker.issues(prop, ""))
        for param, msgs in issues.items():
            for msg in msgs:
                code = (
                    "parameter_required_missing"
                    if _REQUIRED_MSG.search(msg)
                    else "parameter_invalid"
                )
                sink.add(
                    code,
                    f"{param}: {msg}",
                    node=ctx.name,
                    path=ctx.path + ".parameters." + param,
                    suggestion=_suggest_for(code, param),
                )
    except CheckFailed as exc:
        sink.add(
            "parameter_invalid",
            f"n8n's parameter check fails on this node: {exc}",
            node=ctx.name,
            path=ctx.path + ".parameters",
        )


def collect_bad_options(ctx: NodeContext, sink: FindingSink) -> list[tuple[str, Any, Any]]:
    """Option values outside their allowed lists: ``(param path, value, closest or None)``.

    Used by repair; ``ctx.desc`` must be set. Findings go to ``sink`` (usually discarded).
    """
    params = ctx.node.get("parameters")
    try:
        resolved = resolve_parameters(
            ctx.desc,
            params if isinstance(params, dict) else {},
            ctx.node.get("typeVersion"),
            type_name=ctx.desc.type_name,
        )
    except ParameterResolutionError:
        return []
    checker = _Checker(ctx, resolved, sink)
    checker.check_options(ctx.desc.raw_properties, "")
    return checker.bad_options


def _suggest_for(code: str, param: str) -> str | None:
    if code == "parameter_required_missing":
        return f'set "{param}" (an expression like ={{{{ $json.field }}}} works too)'
    return None


def _merge(dest: dict[str, list[str]], src: dict[str, list[str]]) -> None:
    for k, v in src.items():
        dest.setdefault(k, []).extend(v)


def _rl_valid(value: Any) -> bool:
    """n8n ``isValidResourceLocatorParameterValue`` (throws on null like n8n does)."""
    if value is None:
        raise CheckFailed("Cannot read properties of null (reading 'value')")
    if isinstance(value, dict):
        inner = value.get("value", MISSING)
        if isinstance(inner, int | float) and not isinstance(inner, bool):
            return True
        return js_truthy(inner)
    if isinstance(value, list):
        return False
    return js_truthy(value)


def _is_missing(prop: Mapping[str, Any], value: Any) -> bool:
    t = prop.get("type")
    if t in ("string", "dateTime", "options"):
        return value == "" or value is MISSING
    if t == "multiOptions":
        return isinstance(value, list) and len(value) == 0
    if t in _RL_TYPES:
        return not _rl_valid(value)
    return False


#: Resource-locator values longer than this are not regex-checked (a URL or id never is).
_RL_MAX_CHARS = 4096
_REGEX_CACHE: dict[str, re.Pattern[str] | None] = {}


def _regex(pattern: str) -> re.Pattern[str] | None:
    if pattern not in _REGEX_CACHE:
        try:
            _REGEX_CACHE[pattern] = re.compile(f"^{pattern}$")
        except re.error:
            _REGEX_CACHE[pattern] = None
    return _REGEX_CACHE[pattern]


#: Skip display evaluation where resolution already decided it (verified equal on the corpora).
SHORTCUTS = True
_INTEREST: dict[int, tuple[Any, bool]] = {}


def _interesting(prop: Mapping[str, Any]) -> bool:
    """Can this property (or its children) produce a parameter issue? Cached per property dict."""
    hit = _INTEREST.get(id(prop))
    if hit is not None and hit[0] is prop:
        return hit[1]
    ptype = prop.get("type")
    result = bool(
        prop.get("required") is True
        or ptype in _RL_TYPES
        or ptype == "resourceMapper"
        or ptype == "filter"
        or prop.get("validateType")
    )
    if not result and ptype == "collection":
        result = any(_interesting(o) for o in prop.get("options") or [] if isinstance(o, dict))
    elif not result and ptype == "fixedCollection":
        to = prop.get("typeOptions") or {}
        result = bool(
            isinstance(to, dict) and (to.get("minRequiredFields") or to.get("maxAllowedFields"))
        )
        for group in prop.get("options") or []:
            if result:
                break
            if isinstance(group, dict):
                result = any(
                    _interesting(o) for o in group.get("values") or [] if isinstance(o, dict)
                )
    _INTEREST[id(prop)] = (prop, result)
    return result


_HAS_OPTIONS: dict[int, tuple[Any, bool]] = {}


def _has_options(prop: Mapping[str, Any]) -> bool:
    """Is ``prop`` an options property or a collection holding one (cached per dict)?"""
    hit = _HAS_OPTIONS.get(id(prop))
    if hit is not None and hit[0] is prop:
        return hit[1]
    ptype = prop.get("type")
    if ptype in ("options", "multiOptions"):
        result = True
    elif ptype == "collection":
        result = any(_has_options(o) for o in prop.get("options") or [] if isinstance(o, dict))
    elif ptype == "fixedCollection":
        result = any(
            _has_options(v)
            for g in prop.get("options") or []
            if isinstance(g, dict)
            for v in g.get("values") or []
            if isinstance(v, dict)
        )
    else:
        result = False
    _HAS_OPTIONS[id(prop)] = (prop, result)
    return result


_RULE_KEYS: dict[int, tuple[Any, tuple[str, ...] | None]] = {}


def _rule_keys(prop: dict[str, Any]) -> tuple[str, ...] | None:
    """Same-level keys the display rule reads (None when it reads nested or root values)."""
    hit = _RULE_KEYS.get(id(prop))
    if hit is not None and hit[0] is prop:
        return hit[1]
    keys: list[str] | None = []
    d = prop.get("displayOptions")
    if isinstance(d, dict):
        for part in ("show", "hide"):
            for key in d.get(part) or {}:
                if key.startswith("@"):
                    continue
                if key.startswith("/") or "." in key or "[" in key:
                    keys = None
                    break
                keys.append(key)
            if keys is None:
                break
    result = tuple(keys) if keys is not None else None
    _RULE_KEYS[id(prop)] = (prop, result)
    return result


def _rule_keys_present(prop: dict[str, Any], level: dict[str, Any]) -> bool:
    """Did every value the rule reads survive resolution? Only then does an absent parameter
    mean hidden: n8n resolves against values that still include hidden parameters but checks
    issues against the final ones, so a rule reading a dropped parameter can flip."""
    keys = _rule_keys(prop)
    return keys is not None and all(k in level for k in keys)


class _PropIndex:
    """Per property list: the subsets each check walks (computed once per catalog entry)."""

    __slots__ = (
        "props",
        "names",
        "unique",
        "interesting",
        "interesting_named",
        "option_walk",
        "shaped",
        "inert",
    )

    def __init__(self, props: list[Any]) -> None:
        self.props = props  # kept alive so the id() key stays unique
        dicts = [p for p in props if isinstance(p, dict)]
        self.names = frozenset(p.get("name") for p in dicts)
        counts: dict[Any, int] = {}
        for p in dicts:
            counts[p.get("name")] = counts.get(p.get("name"), 0) + 1
        self.unique = frozenset(n for n, k in counts.items() if k == 1)
        self.interesting = [p for p in dicts if _interesting(p)]
        self.interesting_named = [
            (p.get("name"), p, p.get("type") == "collection") for p in self.interesting
        ]
        self.option_walk = [
            p
            for p in dicts
            if p.get("name") and p.get("type") in _OPTION_WALK_TYPES and _has_options(p)
        ]
        self.shaped = [p for p in dicts if p.get("type") in _SHAPED]
        #: no parameter can produce a finding beyond parameter_unknown
        self.inert = not self.interesting and not self.option_walk and not self.shaped


_INDEX: dict[int, _PropIndex] = {}


def _index(props: list[Any]) -> _PropIndex:
    hit = _INDEX.get(id(props))
    if hit is None or hit.props is not props:
        hit = _INDEX[id(props)] = _PropIndex(props)
    return hit


def property_names(props: list[Any]) -> frozenset[str]:
    """Top-level parameter names of a property list (cached)."""
    return _index(props).names


class _Checker:
    """n8n's ``getParameterIssues`` walk over one node's resolved parameters."""

    def __init__(self, ctx: NodeContext, values: dict[str, Any], sink: FindingSink) -> None:
        self.ctx = ctx
        self.values = values
        self.sink = sink
        self.tv = ctx.node.get("typeVersion")
        self.type_name = ctx.desc.type_name
        #: top-level names with a single property variant (presence in resolved = displayed)
        self.unique = _index(ctx.desc.raw_properties).unique
        #: (oracle-style parameter path, bad value, closest allowed value or None)
        self.bad_options: list[tuple[str, Any, Any]] = []

    def displayed(self, prop: Mapping[str, Any], path: str) -> bool:
        """n8n ``displayParameterPath``."""
        if not prop.get("displayOptions"):
            return True
        here = self.values if path == "" else lodash_get(self.values, path)
        return display_parameter(here, prop, self.tv, self.type_name, self.values)

    def get(self, name: str, path: str) -> Any:
        return lodash_get(self.values, f"{path}.{name}" if path else name)

    def issues(
        self, prop: Mapping[str, Any], path: str, via_collection: bool = False
    ) -> dict[str, list[str]]:
        """n8n ``getParameterIssues`` for one property at ``path``, children included."""
        found: dict[str, list[str]] = {}
        if not isinstance(prop, dict) or not _interesting(prop):
            return found
        name = str(prop.get("name", ""))
        # Decide what would be reported before paying for the display check: most values
        # are present and fine, and then visibility does not matter.
        n_missing, pending, need_display = self.missing(prop, name, path)
        shown: bool | None = None
        if need_display:
            shown = self.shown(prop, name, path, via_collection)
        if prop.get("required") is True and shown:
            if pending is not None:
                raise pending
            for _ in range(n_missing):
                found.setdefault(name, []).append(
                    f'Parameter "{prop.get("displayName")}" is required.'
                )
        self.value_issues(prop, name, path, bool(shown), found)
        return self.child_issues(prop, name, path, bool(shown), found)

    def missing(
        self, prop: Mapping[str, Any], name: str, path: str
    ) -> tuple[int, CheckFailed | None, bool]:
        """(required values missing, n8n's pending failure, whether visibility matters)."""
        ptype = prop.get("type")
        type_options = prop.get("typeOptions")
        n_missing = 0
        pending: CheckFailed | None = None
        need_display = False
        if ptype == "fixedCollection":
            tops = type_options if isinstance(type_options, dict) else {}
            need_display = (
                bool(tops.get("minRequiredFields") or tops.get("maxAllowedFields"))
                or self.get(name, path) is not MISSING
            )
        if prop.get("required") is True:
            value = self.get(name, path)
            try:
                if isinstance(type_options, dict) and "multipleValues" in type_options:
                    if isinstance(value, list):
                        n_missing = sum(1 for single in value if _is_missing(prop, single))
                elif _is_missing(prop, value):
                    n_missing = 1
            except CheckFailed as exc:
                pending = exc
            need_display = need_display or bool(n_missing) or pending is not None
        if ptype == "filter" and not need_display:
            value = self.get(name, path)
            need_display = isinstance(value, dict) and not isinstance(
                value.get("conditions", []), list
            )
        if ptype in _RL_TYPES and not need_display:
            value = self.get(name, path)
            need_display = isinstance(value, dict) and "value" in value and "mode" in value
        elif ptype == "resourceMapper" and not need_display:
            value = self.get(name, path)
            need_display = isinstance(value, dict) and "mappingMode" in value
        return n_missing, pending, need_display

    def shown(self, prop: Mapping[str, Any], name: str, path: str, via_collection: bool) -> bool:
        """Whether ``prop`` is displayed, trusting resolution where it already decided."""
        if SHORTCUTS and not via_collection and prop.get("type") != "collection":
            level = self.values if path == "" else lodash_get(self.values, path)
            # resolution keeps every displayed parameter of a level it resolved (an empty
            # level may come from a falsy value n8n did not resolve: check it in full)
            if (
                isinstance(level, dict)
                and level
                and name not in level
                and _rule_keys_present(prop, level)
            ):
                return False
        return self.displayed(prop, path)

    def value_issues(
        self, prop: Mapping[str, Any], name: str, path: str, shown: bool, found: dict[str, Any]
    ) -> None:
        """Resource locator, resource mapper, filter and ``validateType`` checks of the value."""
        ptype = prop.get("type")
        type_options = prop.get("typeOptions")
        if ptype in _RL_TYPES:
            value = self.get(name, path) if shown else None
            if isinstance(value, dict) and "value" in value and "mode" in value:
                for mode in prop.get("modes") or []:
                    if isinstance(mode, dict) and js_strict_equal(mode.get("name"), value["mode"]):
                        for err in _rl_errors(value, mode):
                            found.setdefault(name, []).append(err)
                        break
        elif ptype == "resourceMapper":
            value = self.get(name, path) if shown else None
            if (
                isinstance(value, dict)
                and "mappingMode" in value
                and "schema" in value
                and "value" in value
            ):
                rm = type_options.get("resourceMapper") if isinstance(type_options, dict) else None
                skip = not (isinstance(rm, dict) and rm.get("mode") == "add")
                for k, v in _resource_mapper_issues(prop, value, skip).items():
                    found.setdefault(k, []).extend(v)
                    found.setdefault(name, [])
        elif ptype == "filter":
            # n8n 2.41's validateFilterParameter returns (not throws) its per-condition errors and
            # ignores them; it only fails - taking the node's whole parameter check down - when
            # `conditions` cannot be reduced (not an array)
            value = self.get(name, path) if shown else None
            if (
                isinstance(value, dict)
                and "conditions" in value
                and "combinator" in value
                and not isinstance(value["conditions"], list)
            ):
                raise CheckFailed(f"{name}.conditions is not a list")
        elif prop.get("validateType"):
            value = self.get(name, path)
            if not starts_with_eq(value):
                opts = prop.get("options") if prop.get("validateType") == "options" else None
                err = fieldtypes.validate_field_type(name, value, prop["validateType"], opts)
                if err:
                    found.setdefault(name, []).append(err)

    def child_issues(
        self, prop: Mapping[str, Any], name: str, path: str, shown: bool, found: dict[str, Any]
    ) -> dict[str, list[str]]:
        """``found`` plus the issues of a collection's or a shown fixedCollection's children."""
        options = prop.get("options")
        if options is None:
            return found
        base = f"{path}." if path else ""
        ptype = prop.get("type")
        if ptype == "collection":
            if isinstance(options, list):
                for o in options:
                    if isinstance(o, dict):
                        _merge(found, self.issues(o, base, via_collection=True))
            return found
        if ptype != "fixedCollection" or not shown:
            return found
        for child_path, child in self.group_children(prop, name, base, found):
            _merge(found, self.issues(child, child_path))
        return found

    def group_children(
        self, prop: Mapping[str, Any], name: str, base: str, found: dict[str, Any]
    ) -> list[tuple[str, Mapping[str, Any]]]:
        """A fixedCollection's group children to walk, recording min/max group size issues."""
        base = f"{base}." if base else f"{name}."
        type_options = prop.get("typeOptions")
        tops = type_options if isinstance(type_options, dict) else {}
        min_req, max_allowed = tops.get("minRequiredFields"), tops.get("maxAllowedFields")
        options = prop.get("options")
        children: list[tuple[str, Mapping[str, Any]]] = []
        for group in options if isinstance(options, list) else []:
            if not isinstance(group, dict):
                continue
            gname = str(group.get("name", ""))
            value = lodash_get(self.values, f"{base[:-1]}.{gname}" if base[:-1] else gname)
            arr = value if isinstance(value, list) else []
            err = ""
            if min_req and len(arr) < min_req:
                noun = "field is" if min_req == 1 else "fields are"
                err = f"At least {min_req} {noun} required."
            if max_allowed and len(arr) > max_allowed:
                err = (
                    f"At most {max_allowed} "
                    f"{'field is' if max_allowed == 1 else 'fields are'} allowed."
                )
            if err:
                found.setdefault(name, []).append(err)
            if value is MISSING:
                continue
            group_values = group.get("values")
            if not isinstance(group_values, list):
                raise CheckFailed(f'group "{gname}" has no values')
            if isinstance(type_options, dict) and "multipleValues" in type_options:
                if isinstance(value, list):
                    for i in range(len(value)):
                        children.extend(
                            (f"{base}{gname}[{i}]", o) for o in group_values if isinstance(o, dict)
                        )
            else:
                children.extend((base + gname, o) for o in group_values if isinstance(o, dict))
        return children

    # ------------------------------------------------------------------ shapes (our policy)
    def check_shapes(self, raw: dict[str, Any]) -> None:
        """Top-level structured values must have the shape their property type expects."""
        for prop in _index(self.ctx.desc.raw_properties).shaped:
            name = prop.get("name")
            ptype = prop.get("type")
            if ptype not in _SHAPED or name not in raw or name not in self.values:
                continue
            problem = _shape_problem(prop, raw[name])
            if problem and self.displayed(prop, ""):
                self.sink.add(
                    "parameter_shape_invalid",
                    f"{name}: {problem}",
                    node=self.ctx.name,
                    path=self.ctx.path + ".parameters." + str(name),
                    suggestion=f"write {name} as {_SHAPE_HINT[ptype]}",
                )

    # ------------------------------------------------------------------ editor option check
    def check_options(self, props: list[Any], path: str) -> None:
        """Port of the editor's ``options`` check (ParameterInput ``getIssues``)."""
        groups: dict[str, dict[str, Any]] = {}
        top = path == ""
        values = self.values
        index = _index(props) if isinstance(props, list) else None
        for prop in index.option_walk if index is not None else ():
            ptype = prop.get("type")
            if top:
                full = prop["name"]
                value = values.get(full, MISSING) if isinstance(full, str) else MISSING
            else:
                full = f"{path}.{prop['name']}"
                value = _oracle_get(values, full)
            if value is MISSING:
                continue
            if ptype in ("collection", "fixedCollection") and (
                not isinstance(value, dict) or not value
            ):
                continue  # nothing inside to check
            if (
                SHORTCUTS
                and ptype in ("options", "multiOptions")
                and prop["name"] in index.unique
                and _surely_allowed(prop, value)
            ):
                continue  # the only variant of this name accepts the value: nothing to report
            if not self.displayed(prop, path):
                continue
            if ptype in ("options", "multiOptions"):
                g = groups.setdefault(
                    prop["name"], {"props": [], "uncertain": False, "value": value, "path": full}
                )
                g["props"].append(prop)
                if _display_depends_on_expression(prop, self.values, path):
                    g["uncertain"] = True
            elif ptype == "collection" and isinstance(value, dict):
                self.check_options(prop.get("options") or [], full)
            elif ptype == "fixedCollection" and isinstance(value, dict):
                multiple = (prop.get("typeOptions") or {}).get("multipleValues")
                for group in prop.get("options") or []:
                    if not isinstance(group, dict):
                        continue
                    gv = value.get(group.get("name"), MISSING)
                    if gv is MISSING or not isinstance(group.get("values"), list):
                        continue
                    if multiple:
                        if isinstance(gv, list):
                            for i in range(len(gv)):
                                self.check_options(group["values"], f"{full}.{group['name']}[{i}]")
                    elif isinstance(gv, dict):
                        self.check_options(group["values"], f"{full}.{group['name']}")
        for g in groups.values():
            if g["uncertain"]:
                continue
            if any(_remote_or_open(p) for p in g["props"]):
                continue
            value = g["value"]
            if isinstance(value, str) and (value.startswith("=") or CUSTOM_API_CALL_KEY in value):
                continue
            allowed, keys = _allowed_options(g["props"])
            for v in value if isinstance(value, list) else [value]:
                if v is None or _option_key(v) not in keys:
                    shown = json.dumps(allowed[:12], default=str) + (
                        "..." if len(allowed) > 12 else ""
                    )
                    closest = _closest_option(v, allowed)
                    self.sink.add(
                        "parameter_option_invalid",
                        f"{g['path']}: the value {json.dumps(v, default=str)} is not supported "
                        f"(allowed: {shown})",
                        node=self.ctx.name,
                        path=self.ctx.path + ".parameters." + g["path"],
                        suggestion=f"use {json.dumps(closest)}" if closest is not None else None,
                        fixable=closest is not None,
                    )
                    self.bad_options.append((g["path"], v, closest))


_ALLOWED_CACHE: dict[tuple[int, ...], tuple[list[Any], list[Any], set[tuple[Any, ...]]]] = {}


def _allowed_options(props: list[Any]) -> tuple[list[Any], set[tuple[Any, ...]]]:
    """The union of the option values of same-named variants (cached per variant set)."""
    cache_key = tuple(id(p) for p in props)
    hit = _ALLOWED_CACHE.get(cache_key)
    if hit is not None and all(a is b for a, b in zip(hit[0], props, strict=True)):
        return hit[1], hit[2]
    allowed: list[Any] = []
    keys: set[tuple[Any, ...]] = set()
    for p in props:
        for o in p["options"]:
            v = o.get("value") if isinstance(o, dict) else None
            k = _option_key(v)
            if k not in keys:
                keys.add(k)
                allowed.append(v)
    _ALLOWED_CACHE[cache_key] = (list(props), allowed, keys)
    return allowed, keys


_SHAPE_HINT = {
    "collection": "an object of option values",
    "fixedCollection": "an object of groups (lists of objects when the group repeats)",
    "assignmentCollection": '{"assignments": [{"id", "name", "value", "type"}, ...]}',
    "filter": '{"conditions": [...], "combinator": "and", "options": {...}}',
    "resourceLocator": '{"__rl": true, "mode": "...", "value": "..."}',
}
_SHAPED = frozenset(_SHAPE_HINT)


def _shape_problem(prop: Mapping[str, Any], value: Any) -> str | None:
    """What is wrong with the shape of a structured parameter value (None when fine)."""
    ptype = prop.get("type")
    multiple = bool((prop.get("typeOptions") or {}).get("multipleValues"))
    if ptype == "collection":
        if multiple:
            ok = isinstance(value, list) and all(isinstance(v, dict) for v in value)
            return None if ok else "expected a list of objects"
        return None if isinstance(value, dict) else "expected an object"
    if ptype == "fixedCollection":
        if not isinstance(value, dict):
            return "expected an object keyed by group name"
        for gname, gv in value.items():
            if multiple and not (isinstance(gv, list) and all(isinstance(v, dict) for v in gv)):
                return f'group "{gname}" must be a list of objects'
            if not multiple and not isinstance(gv, dict):
                return f'group "{gname}" must be an object'
        return None
    if ptype == "assignmentCollection":
        if isinstance(value, str) and value.startswith("="):
            return None
        if not isinstance(value, dict) or not isinstance(value.get("assignments"), list):
            return 'expected {"assignments": [...]}'
        for a in value["assignments"]:
            if not isinstance(a, dict) or not isinstance(a.get("name"), str) or "value" not in a:
                return "every assignment needs a name and a value"
        return None
    if ptype == "filter":
        if isinstance(value, str) and value.startswith("="):
            return None
        if not isinstance(value, dict) or not isinstance(value.get("conditions"), list):
            return 'expected {"conditions": [...], "combinator": ...}'
        return None
    if ptype == "resourceLocator":
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            return None  # a bare value: n8n reads it as the locator's value
        if not isinstance(value, dict) or "value" not in value:
            return 'expected {"__rl": true, "mode": ..., "value": ...}'
        return None
    return None


def _surely_allowed(prop: Mapping[str, Any], value: Any) -> bool:
    """True when ``value`` is among ``prop``'s own static options (so it cannot be flagged)."""
    if not isinstance(prop.get("options"), list):
        return False
    _, keys = _allowed_options([prop])
    if isinstance(value, list):
        return all(v is not None and _option_key(v) in keys for v in value)
    return value is not None and _option_key(value) in keys


def _option_key(v: Any) -> tuple[Any, ...]:
    """Hashable key with JavaScript SameValueZero equality (``1 == 1.0``, ``1 != true``)."""
    if isinstance(v, bool):
        return ("b", v)
    if isinstance(v, int | float):
        return ("n", float(v))
    if isinstance(v, str):
        return ("s", v)
    if v is None:
        return ("z",)
    return ("o", id(v))


def _closest_option(value: Any, allowed: list[Any]) -> Any:
    strings = [a for a in allowed if isinstance(a, str)]
    if not isinstance(value, str) or not strings:
        return None
    low = {s.lower(): s for s in strings}
    v = value.lower()
    if v in low:
        return low[v]
    if v:
        prefixed = [s for s in strings if s.lower().startswith(v) or v.startswith(s.lower())]
        if len(prefixed) == 1:
            return prefixed[0]
    scored = sorted(
        ((difflib.SequenceMatcher(None, value.lower(), s.lower()).ratio(), s) for s in strings),
        reverse=True,
    )
    if scored[0][0] < 0.75 or (len(scored) > 1 and scored[1][0] > scored[0][0] - 0.08):
        return None  # no match, or two about equally close: not a safe automatic fix
    return scored[0][1]


def _remote_or_open(p: Mapping[str, Any]) -> bool:
    to = p.get("typeOptions") or {}
    return bool(
        (isinstance(to, dict) and (to.get("loadOptionsMethod") or to.get("loadOptions")))
        or p.get("allowArbitraryValues")
        or not isinstance(p.get("options"), list)
    )


_BRACKET_INDEX = re.compile(r"\[(\d+)\]")
_ORACLE_PATHS: dict[str, list[str]] = {}


def _oracle_get(obj: Any, path: str) -> Any:
    """The oracle's own ``getPath`` (``a[0].b`` -> a.0.b, empty segments skipped)."""
    if "." not in path and "[" not in path:
        if path == "":
            return obj
        return obj.get(path, MISSING) if isinstance(obj, dict) else MISSING
    parts = _ORACLE_PATHS.get(path)
    if parts is None:
        parts = [p for p in _BRACKET_INDEX.sub(r".\1", path).split(".") if p]
        if len(_ORACLE_PATHS) < 50_000:
            _ORACLE_PATHS[path] = parts
    cur = obj
    for part in parts:
        if isinstance(cur, dict):
            cur = cur.get(part, MISSING)
        elif isinstance(cur, list) and part.isdigit():
            i = int(part)
            cur = cur[i] if i < len(cur) else MISSING
        else:
            return MISSING
    return cur


def _display_depends_on_expression(prop: Mapping[str, Any], values: Any, path: str) -> bool:
    d = prop.get("displayOptions")
    if not isinstance(d, dict):
        return False
    here = _oracle_get(values, path) if path else values
    keys = list((d.get("show") or {}).keys()) + list((d.get("hide") or {}).keys())
    for key in keys:
        if key.startswith("@"):
            continue
        v = _oracle_get(values, key[1:]) if key.startswith("/") else _oracle_get(here, key)
        items = v if isinstance(v, list) else [v]
        for x in items:
            if is_expression(x) or (
                isinstance(x, dict) and x.get("__rl") and is_expression(x.get("value"))
            ):
                return True
    return False


def _rl_errors(value: dict[str, Any], mode: Mapping[str, Any]) -> list[str]:
    inner = value.get("value", MISSING)
    text = "" if inner is MISSING or inner is None else js_string(inner)
    if text.startswith("="):
        return []
    if len(text) > _RL_MAX_CHARS:
        return []  # n8n stops such regexes after 250 ms; Python's re has no timeout
    errors = []
    for validation in mode.get("validation") or []:
        if isinstance(validation, dict) and validation.get("type") == "regex":
            props = validation.get("properties") or {}
            rx = _regex(str(props.get("regex", "")))
            if rx is not None and not rx.search(text):
                errors.append(str(props.get("errorMessage", "invalid value")))
    return errors


def _resource_mapper_issues(
    prop: Mapping[str, Any], value: dict[str, Any], skip_required: bool
) -> dict[str, list[str]]:
    if value.get("mappingMode") == "autoMapInputData":
        return {}
    schema = value.get("schema")
    if not isinstance(schema, list):
        raise CheckFailed("resource mapper schema is not a list")
    rm = (prop.get("typeOptions") or {}).get("resourceMapper") or {}
    word = (
        ((rm.get("fieldWords") or {}).get("singular") or "Field")
        if isinstance(rm, dict)
        else "Field"
    )
    word = word[:1].upper() + word[1:]
    mapped = value.get("value")
    issues: dict[str, list[str]] = {}
    for field in schema:
        if field is None:
            raise CheckFailed("Cannot read properties of null (reading 'id')")
        if not isinstance(field, dict):
            continue  # JavaScript reads undefined id/required/type: nothing to report
        fid = field.get("id")
        if isinstance(mapped, dict):
            fvalue = mapped.get(js_string(fid), MISSING)
        elif js_truthy(mapped):
            fvalue = MISSING
        else:
            fvalue = None
        errors = []
        if js_truthy(field.get("required", MISSING)) and not skip_required:
            if mapped is None or fvalue is MISSING:
                errors.append(f'{word} "{js_string(fid)}" is required')
        ftype = field.get("type", MISSING)
        if not starts_with_eq(fvalue) and js_truthy(ftype):
            if isinstance(ftype, str):
                err = fieldtypes.validate_field_type(
                    js_string(fid), fvalue, ftype, field.get("options")
                )
                if err:
                    errors.append(err)
            elif fvalue is not None and fvalue is not MISSING:
                # n8n's validateFieldType returns early for null / undefined, else it calls
                # type.toLowerCase() and throws
                raise CheckFailed("type.toLowerCase is not a function")
        if errors:
            issues[f"{prop.get('name')}.{js_string(fid)}"] = errors
    return issues


def _check_unknown(ctx: NodeContext, params: dict[str, Any], sink: FindingSink) -> None:
    known = _index(ctx.desc.raw_properties).names
    for key in params:
        if key not in known:
            sink.add(
                "parameter_unknown",
                f'parameter "{key}" is not defined by {ctx.type} '
                f"v{js_string(ctx.node.get('typeVersion'))}",
                node=ctx.name,
                path=ctx.path + ".parameters." + key,
                suggestion=f'remove "{key}"',
            )


def _has_required_credentials(desc: Any) -> bool:
    return any(isinstance(c, dict) and c.get("required") for c in desc.raw.get("credentials") or ())


def _check_credentials(ctx: NodeContext, resolved: dict[str, Any], sink: FindingSink) -> None:
    creds = ctx.node.get("credentials")
    for req in ctx.desc.raw.get("credentials") or []:
        if not isinstance(req, dict) or not req.get("required"):
            continue
        try:
            shown = display_parameter(resolved, req, ctx.node.get("typeVersion"), ctx.type)
        except Exception as exc:  # noqa: BLE001 - n8n would not block on a credential display rule
            log.debug(
                "credential %r display rule of %s not evaluable: %s", req.get("name"), ctx.type, exc
            )
            continue
        if not shown:
            continue
        name = req.get("name")
        have = creds.get(name, MISSING) if isinstance(creds, dict) else MISSING
        if not js_truthy(have):
            sink.add(
                "credentials_missing",
                f'required credential "{req.get("displayName") or name}" not set',
                node=ctx.name,
                path=ctx.path + ".credentials",
                suggestion=f'attach a "{name}" credential in n8n',
            )
