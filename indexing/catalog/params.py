"""n8n's parameter resolution, re-implemented in Python.

Behaviour follows n8n-workflow 2.41's ``NodeHelpers`` (``displayParameter``,
``checkConditions``, ``getNodeParameters``) closely, including its quirks, because the validator
must judge a node exactly as n8n does:

* ``displayOptions.show``: every key must match; a key whose current value is an expression
  (a string starting with ``=``) makes the parameter *shown*, whatever the other keys say;
* ``displayOptions.hide``: any matching key hides; keys with no value (empty list) never hide;
* condition values are compared with JavaScript strict equality (``1`` is not ``true``);
  ``{"_cnd": {op: target}}`` supports eq, not, gte, lte, gt, lt, between, startsWith,
  endsWith, includes, regex and exists, and must hold for *every* actual value;
* ``@version`` is the node's typeVersion (0 when unset), ``@tool`` whether the type name ends in
  ``Tool``, ``/name`` reads from the root parameters, dotted keys read nested values;
* resource-locator values (``{"__rl": true, "value": ...}``) are compared by their ``value``;
* resolution fills defaults, drops parameters that are not displayed, and recurses into
  ``collection`` (no defaults for unset children) and ``fixedCollection`` (defaults filled per
  item); ``noDataExpression`` parameters lose a leading ``=``; filters get n8n's default options.

Where n8n would throw (a non-list value for a multi-value fixedCollection group, unresolvable
display dependencies) :class:`ParameterResolutionError` is raised so a caller can report it like
n8n's ``parameter_resolution_failed``. Nothing else is raised for any JSON-like input.
"""

from __future__ import annotations

import json
import math
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from indexing.catalog.jsvalues import (
    MISSING,
    js_equal,
    js_index,
    js_keys,
    js_number,
    js_strict_equal,
    js_string,
    js_truthy,
    js_type,
    lodash_get,
)
from indexing.catalog.model import NodeVersion, Property

__all__ = [
    "MISSING",
    "ParameterResolutionError",
    "check_conditions",
    "display_parameter",
    "display_under",
    "is_displayed",
    "is_expression",
    "resolve_parameters",
]


class ParameterResolutionError(ValueError):
    """n8n's ``getNodeParameters`` would throw on this node (its parameters cannot be resolved)."""


# --------------------------------------------------------------------------- JS semantics
def is_expression(value: Any) -> bool:
    """n8n's ``isExpression``: a string starting with ``=``."""
    return isinstance(value, str) and value.startswith("=")


def _to_primitive(v: Any) -> Any:
    """ToPrimitive for JSON values: arrays and objects become their ``String()``."""
    return js_string(v) if isinstance(v, list | Mapping) else v


def _js_compare(a: Any, b: Any, op: str) -> bool:
    """Relational operators with JavaScript's coercions (strings compare as strings)."""
    pa, pb = _to_primitive(a), _to_primitive(b)
    if isinstance(pa, str) and isinstance(pb, str):
        x: Any = pa
        y: Any = pb
    else:
        x, y = js_number(pa), js_number(pb)
        if math.isnan(x) or math.isnan(y):
            return False
    if op == "gte":
        return x >= y
    if op == "lte":
        return x <= y
    if op == "gt":
        return x > y
    return x < y


_REGEX_CACHE: dict[str, re.Pattern[str] | None] = {}


def _regex_test(pattern: Any, value: str) -> bool:
    if not isinstance(pattern, str):
        pattern = str(_to_primitive(pattern))
    rx = _REGEX_CACHE.get(pattern, MISSING)
    if rx is MISSING:
        source, flags = pattern, ""
        m = re.fullmatch(r"/(.*?)/([gimsuy]*)", pattern, flags=re.S)
        if m:
            source, flags = m.group(1), m.group(2)
        py_flags = (re.I if "i" in flags else 0) | (re.M if "m" in flags else 0)
        py_flags |= re.S if "s" in flags else 0
        try:
            rx = re.compile(source, py_flags)
        except (re.error, RecursionError, OverflowError):
            rx = None
        _REGEX_CACHE[pattern] = rx
    if rx is None:
        return False
    try:
        return rx.search(value) is not None
    except (RecursionError, OverflowError):
        return False


# --------------------------------------------------------------------------- conditions
def _cnd_holds(key: str, target: Any, value: Any) -> bool:
    if key == "eq":
        return js_equal(value, target)
    if key == "not":
        return not js_equal(value, target)
    if key in ("gte", "lte", "gt", "lt"):
        return _js_compare(value, target, key)
    if key == "between":
        if not isinstance(target, Mapping):
            return False
        lo, hi = target.get("from", MISSING), target.get("to", MISSING)
        return _js_compare(value, lo, "gte") and _js_compare(value, hi, "lte")
    if key == "includes":
        return isinstance(value, str) and str(_to_primitive(target)) in value
    if key == "startsWith":
        return isinstance(value, str) and value.startswith(str(_to_primitive(target)))
    if key == "endsWith":
        return isinstance(value, str) and value.endswith(str(_to_primitive(target)))
    if key == "regex":
        return isinstance(value, str) and _regex_test(target, value)
    if key == "exists":
        return value is not None and value is not MISSING and value != ""
    return False


def check_conditions(conditions: Any, actual_values: Sequence[Any]) -> bool:
    """n8n's ``checkConditions``: does any condition match the actual values?"""
    if not isinstance(conditions, list):
        return False  # n8n would throw on a non-array; no catalog entry has one
    for condition in conditions:
        if (
            isinstance(condition, Mapping)
            and condition.get("_cnd")
            and len(condition) == 1
            and isinstance(condition["_cnd"], Mapping)
        ):
            items = list(condition["_cnd"].items())
            if not items:
                continue
            key, target = items[0]
            if len(actual_values) == 0:
                if key == "not":
                    return True
                continue
            if all(_cnd_holds(key, target, v) for v in actual_values):
                return True
            continue
        if any(js_strict_equal(v, condition) for v in actual_values):
            return True
    return False


def _tag(v: Any) -> tuple[str, Any] | None:
    """A hashable key under which JavaScript ``===`` equality becomes set membership."""
    t = type(v)
    if t is str:
        return ("s", v)
    if t is bool:
        return ("b", v)
    if t is int or t is float:
        return ("n", v)
    if v is None:
        return ("z", None)
    return None  # objects compare by identity: a catalog condition never equals a value


class _Conds:
    """A compiled ``checkConditions`` list: plain values as a set, ``_cnd`` tests in order."""

    __slots__ = ("plain", "cnds", "not_on_empty")

    def __init__(self, conditions: Any) -> None:
        plain: set[tuple[str, Any]] = set()
        cnds: list[tuple[str, Any]] = []
        for c in conditions if isinstance(conditions, list) else ():
            if type(c) is dict and c.get("_cnd") and len(c) == 1 and type(c["_cnd"]) is dict:
                items = list(c["_cnd"].items())
                if items:
                    cnds.append(items[0])
                continue
            tag = _tag(c)
            if tag is not None:
                plain.add(tag)
        self.plain = frozenset(plain)
        self.cnds = tuple(cnds)
        self.not_on_empty = any(op == "not" for op, _ in cnds)

    def check(self, values: Sequence[Any]) -> bool:
        if not values:
            return self.not_on_empty
        plain = self.plain
        if plain:
            for v in values:
                tag = _tag(v)
                if tag is not None and tag in plain:
                    return True
        for op, target in self.cnds:
            if all(_cnd_holds(op, target, v) for v in values):
                return True
        return False


# key kinds of a compiled display rule
_K_PLAIN, _K_PATH, _K_ROOT, _K_VERSION, _K_TOOL, _K_FEATURE = range(6)
_Rule = tuple[tuple[tuple[int, str, _Conds], ...], tuple[tuple[int, str, _Conds], ...]]


def _compile_rules(rule: Any) -> tuple[tuple[int, str, _Conds], ...]:
    if not rule or type(rule) is not dict:
        return ()
    out = []
    for key, conds in rule.items():
        if key.startswith("/"):
            kind, k = _K_ROOT, key[1:]
        elif key == "@version":
            kind, k = _K_VERSION, key
        elif key == "@tool":
            kind, k = _K_TOOL, key
        elif key == "@feature":
            kind, k = _K_FEATURE, key
        elif "." in key or "[" in key:
            kind, k = _K_PATH, key
        else:
            kind, k = _K_PLAIN, key
        out.append((kind, k, _Conds(conds)))
    return tuple(out)


def _compile_display(options: Any) -> _Rule | None:
    """Compile a ``displayOptions`` object (None when it never hides anything)."""
    if not options or type(options) is not dict:
        return None
    show, hide = _compile_rules(options.get("show")), _compile_rules(options.get("hide"))
    if not show and not hide:
        return None
    return show, hide


def _values_of(kind: int, key: str, node_values: Any, tv: Any, tn: str | None, root: Any) -> Any:
    if kind == _K_PLAIN:
        if type(node_values) is dict:
            value = node_values.get(key, MISSING)
        else:
            value = lodash_get(node_values, key)
    elif kind == _K_PATH:
        value = lodash_get(node_values, key)
    elif kind == _K_ROOT:
        value = lodash_get(root, key)
    elif kind == _K_VERSION:
        value = tv if tv else 0
    elif kind == _K_TOOL:
        value = bool(tn and tn.endswith("Tool"))
    else:
        return []
    if type(value) is dict and value.get("__rl"):
        value = value.get("value", MISSING)
    if type(value) is list:
        return value
    return (value,)


def _displayed(rule: _Rule | None, node_values: Any, tv: Any, tn: str | None, root: Any) -> bool:
    if rule is None:
        return True
    show, hide = rule
    for kind, key, conds in show:
        values = _values_of(kind, key, node_values, tv, tn, root)
        for v in values:
            if type(v) is str and v[:1] == "=":
                return True
        if not conds.check(values):
            return False
    for kind, key, conds in hide:
        values = _values_of(kind, key, node_values, tv, tn, root)
        if len(values) != 0 and conds.check(values):
            return False
    return True


_DISPLAY_CACHE: dict[int, tuple[Any, _Rule | None]] = {}


def _display_rule(options: Any) -> _Rule | None:
    """Compiled rule for a displayOptions object, cached by identity (bounded)."""
    if not options:
        return None
    hit = _DISPLAY_CACHE.get(id(options))
    if hit is not None and hit[0] is options:
        return hit[1]
    if len(_DISPLAY_CACHE) > 100_000:
        _DISPLAY_CACHE.clear()
    rule = _compile_display(options)
    _DISPLAY_CACHE[id(options)] = (options, rule)
    return rule


def display_parameter(
    node_values: Any,
    prop: Mapping[str, Any] | Property,
    type_version: float | int | None,
    type_name: str | None = None,
    root: Any = None,
    display_key: str = "displayOptions",
) -> bool:
    """n8n's ``displayParameter``: is ``prop`` shown given ``node_values`` (same level)?"""
    raw = prop.raw if isinstance(prop, Property) else prop
    if not isinstance(raw, Mapping):
        return True
    if root is None:
        root = node_values
    return _displayed(
        _display_rule(raw.get(display_key)), node_values, type_version, type_name, root
    )


def is_displayed(
    prop: Mapping[str, Any] | Property,
    node_params: Any,
    type_version: float | int | None,
    *,
    type_name: str | None = None,
    root: Any = None,
) -> bool:
    """Whether ``prop`` is shown for these parameters (same-level values, ``root`` for ``/x``).

    ``node_params`` should be *resolved* values (see :func:`resolve_parameters`) like n8n's
    editor uses; raw workflow parameters work too but miss defaults that conditions may test.
    """
    return display_parameter(node_params, prop, type_version, type_name, root)


# --------------------------------------------------------------------------- resolution
def _dependencies(props: Sequence[Mapping[str, Any]]) -> dict[str, list[str]]:
    deps: dict[str, list[str]] = {}
    for p in props:
        name = p.get("name")
        lst = deps.setdefault(name, [])
        do = p.get("displayOptions")
        if not isinstance(do, Mapping):
            continue
        for rule in do.values():
            if not isinstance(rule, Mapping):
                continue
            for key in rule:
                if key not in lst and not key.startswith("@"):
                    lst.append(key)
    return deps


def _resolve_order(props: Sequence[Mapping[str, Any]], deps: dict[str, list[str]]) -> list[int]:
    """n8n's ``getParameterResolveOrder``, quirks included.

    n8n re-queues a parameter whose dependencies are not yet resolved but (a ``continue`` that
    only leaves the inner loop) also adds it immediately, so a parameter can appear twice; the
    order matters for same-named variants during the display-check pass.
    """
    order: list[int] = []
    queue = list(range(len(props)))
    resolved: set[str] = set()
    last_len = len(queue)
    last_reduction = -1
    iterations = 0
    n = len(props)
    while queue:
        iterations += 1
        index = queue.pop(0)
        name = props[index].get("name")
        d = deps.get(name, [])
        if not d:
            order.append(index)
            resolved.add(name)
            continue
        for dep in d:
            if dep not in resolved and dep in deps:
                queue.append(index)
        order.append(index)
        resolved.add(name)
        if len(queue) < last_len:
            last_reduction = iterations
        if iterations > last_reduction + n:
            raise ParameterResolutionError(
                "Could not resolve parameter dependencies. Max iterations reached!"
            )
        last_len = len(queue)
    return order


_FROM_AI = re.compile(r"^\$fromAI\s*\(", re.I)
_FROM_AI_MARKER = "/*n8n-auto-generated-fromAI-override*/"


def _is_from_ai_only(expr: str) -> bool:
    """n8n's ``isFromAIOnlyExpression``: the whole value is a single ``$fromAI(...)`` call."""
    s = expr[1:] if expr.startswith("=") else expr
    s = s.strip()
    if s.startswith("{{") and s.endswith("}}"):
        s = s[2:-2].strip()
    if s.startswith(_FROM_AI_MARKER):
        s = s[len(_FROM_AI_MARKER) :].strip()
    m = _FROM_AI.match(s)
    if not m:
        return False
    i = m.end()
    depth = 1
    quote = ""
    while i < len(s) and depth > 0:
        ch = s[i]
        if quote:
            if ch == "\\" and i + 1 < len(s):
                i += 2
                continue
            if ch == quote:
                quote = ""
        elif ch in "'\"`":
            quote = ch
        elif ch == "(":
            return False
        elif ch == ")":
            depth -= 1
        i += 1
    if depth != 0:
        return False
    return s[i:].strip() == ""


class _JsFunction:
    """A built-in method n8n reads when a list or string stands where an object belongs
    (``["a"]["sort"]`` is ``Array.prototype.sort`` in JavaScript). JSON output drops it."""

    def __repr__(self) -> str:
        return "<js function>"

    def __deepcopy__(self, memo: dict[int, Any]) -> _JsFunction:
        return self


_FUNCTION: Any = _JsFunction()
_ARRAY_PROTO = frozenset(
    "at concat copyWithin entries every fill filter find findIndex findLast findLastIndex flat "
    "flatMap forEach includes indexOf join keys lastIndexOf map pop push reduce reduceRight "
    "reverse shift slice some sort splice toLocaleString toReversed toSorted toSpliced toString "
    "unshift values with constructor hasOwnProperty isPrototypeOf propertyIsEnumerable "
    "valueOf".split()
)
_STRING_PROTO = frozenset(
    "anchor at big blink bold charAt charCodeAt codePointAt concat endsWith fontcolor fontsize "
    "fixed includes indexOf isWellFormed italics lastIndexOf link localeCompare match matchAll "
    "normalize padEnd padStart repeat replace replaceAll search slice small split strike sub "
    "substr substring sup startsWith toLocaleLowerCase toLocaleUpperCase toLowerCase toString "
    "toUpperCase toWellFormed trim trimStart trimEnd trimLeft trimRight valueOf constructor "
    "hasOwnProperty isPrototypeOf propertyIsEnumerable".split()
)


_STATE = threading.local()  # .saw_function: a _FUNCTION was produced in this thread's call


def _get(values: Any, name: str) -> Any:
    """``values[name]`` with JavaScript's reading of lists and strings."""
    if isinstance(values, Mapping):
        return values.get(name, MISSING)
    if isinstance(values, list | str):
        if name == "length":
            return len(values)
        if name in (_ARRAY_PROTO if isinstance(values, list) else _STRING_PROTO):
            _STATE.saw_function = True
            return _FUNCTION
    return MISSING


def _drop_functions(value: Any) -> Any:
    """What ``JSON.stringify`` keeps: function-valued keys vanish, list items become null."""
    if isinstance(value, dict):
        return {k: _drop_functions(v) for k, v in value.items() if v is not _FUNCTION}
    if isinstance(value, list):
        return [None if v is _FUNCTION else _drop_functions(v) for v in value]
    return value


_FILTER_DEFAULT_OPTIONS = {
    "caseSensitive": True,
    "leftValue": "",
    "typeValidation": "strict",
    "version": 1,
}


def _copy(v: Any) -> Any:
    """Deep copy of a JSON value (much cheaper than ``copy.deepcopy``)."""
    t = type(v)
    if t is dict:
        return {k: _copy(x) for k, x in v.items()}
    if t is list:
        return [_copy(x) for x in v]
    return v


def _gate(rule: _Rule | None) -> tuple[str, frozenset[tuple[str, Any]]] | None:
    """The first ``show`` key when it is a plain key tested only against plain values."""
    if rule is None or not rule[0]:
        return None
    kind, key, conds = rule[0][0]
    if kind != _K_PLAIN or conds.cnds:
        return None
    return key, conds.plain


def _same(v: Any) -> Any:
    return v


class _Plan:
    """Everything about one property list that does not depend on the node's values."""

    __slots__ = (
        "props",
        "order",
        "check_order",
        "duplicates",
        "rules",
        "gates",
        "deps",
        "children",
    )

    def __init__(self, props: Sequence[Mapping[str, Any]]) -> None:
        self.props = props
        self.deps = _dependencies(props)
        self.order = _resolve_order(props, self.deps)
        seen: set[Any] = set()
        dup: set[Any] = set()
        for p in props:
            nm = p.get("name")
            if nm in seen:
                dup.add(nm)
            seen.add(nm)
        self.duplicates = frozenset(dup)
        self.rules = [_compile_display(p.get("displayOptions")) for p in props]
        self.gates = [_gate(r) for r in self.rules]
        self.check_order = self.order
        self.restrict_check_pass(frozenset())

    def restrict_check_pass(self, root_keys: frozenset[str]) -> None:
        """Limit the display-check pass to parameters some rule can read.

        That pass only feeds ``displayOptions`` lookups (same level, or ``/key`` from below for
        the root level), so a parameter no rule mentions cannot change any verdict.
        """
        needed = set(root_keys)
        for rule in self.rules:
            if rule is None:
                continue
            for kind, key, _ in (*rule[0], *rule[1]):
                if kind == _K_PLAIN:
                    needed.add(key)
                elif kind == _K_PATH:
                    needed.add(re.split(r"[.\[]", key, maxsplit=1)[0])
        self.check_order = [i for i in self.order if self.props[i].get("name") in needed]
        self.children: dict[tuple[int, str], _Plan] = {}

    def child(self, index: int, group: str | None = None) -> _Plan:
        """Plan of a collection's children (``group=None``) or of a fixedCollection group."""
        key = (index, group or "")
        plan = self.children.get(key)
        if plan is None:
            opts = self.props[index].get("options") or []
            if group is None:
                children = [o for o in opts if isinstance(o, Mapping)]
            else:
                found = next(
                    (o for o in opts if isinstance(o, Mapping) and o.get("name") == group), {}
                )
                children = [v for v in found.get("values") or [] if isinstance(v, Mapping)]
            plan = _Plan(children)
            self.children[key] = plan
        return plan


_PLANS: dict[int, tuple[Any, _Plan]] = {}


def _plan_for(props: Sequence[Mapping[str, Any]]) -> _Plan:
    """The cached plan of a property list (keyed by identity; the list is kept alive)."""
    hit = _PLANS.get(id(props))
    if hit is not None and hit[0] is props:
        return hit[1]
    if len(_PLANS) > 20_000:
        _PLANS.clear()
    plan = _Plan(props)
    plan.restrict_check_pass(_root_keys(props))
    _PLANS[id(props)] = (props, plan)
    return plan


def _root_keys(props: Any) -> frozenset[str]:
    """Top-level names that nested parameters' ``/name`` display rules read."""
    found: set[str] = set()
    stack = [props]
    while stack:
        cur = stack.pop()
        if isinstance(cur, list):
            stack.extend(cur)
        elif isinstance(cur, dict):
            for kind in ("displayOptions", "disabledOptions"):
                do = cur.get(kind)
                if isinstance(do, dict):
                    for rule in do.values():
                        if isinstance(rule, dict):
                            for key in rule:
                                if key.startswith("/"):
                                    found.add(re.split(r"[.\[]", key[1:], maxsplit=1)[0])
            for k in ("options", "values"):
                if isinstance(cur.get(k), list):
                    stack.append(cur[k])
    return frozenset(found)


@dataclass(frozen=True, slots=True)
class _Pass:
    """What one resolution pass carries down the property tree unchanged."""

    return_defaults: bool
    return_none_displayed: bool
    tv: float | int | None
    tn: str | None

    def display_check(self) -> _Pass:
        """The pass n8n runs first to learn which parameters are displayed."""
        return _Pass(True, True, self.tv, self.tn)


def _get_node_parameters(
    plan: _Plan,
    values: Any,
    run: _Pass,
    *,
    only_simple_types: bool = False,
    data_is_resolved: bool = False,
    root: Any = MISSING,
    parent_type: str | None = None,
) -> Any:
    """n8n ``getNodeParameters`` for one level of the property tree (see ``resolve_parameters``)."""
    props = plan.props
    params: dict[str, Any] = {}
    full: dict[str, Any] = {}
    display_check: Any = full
    if not data_is_resolved and not run.return_none_displayed:
        display_check = _get_node_parameters(
            plan,
            values,
            run.display_check(),
            only_simple_types=True,
            data_is_resolved=True,
            root=root,
            parent_type=parent_type,
        )
    if root is MISSING or not js_truthy(root):
        root = display_check
    if not js_truthy(values):
        return params  # n8n skips every property of a falsy value
    is_dict = type(values) is dict
    # the display-check pass only feeds read-only lookups: no need to copy values or defaults
    cp = _same if only_simple_types and data_is_resolved else _copy
    skip_unset = not run.return_defaults or parent_type == "collection"
    check_pass = only_simple_types and data_is_resolved

    for index in plan.check_order if check_pass else plan.order:
        prop = props[index]
        name = prop.get("name")
        value = values.get(name, MISSING) if is_dict else _get(values, name)
        if value is MISSING and skip_unset:
            continue
        if not run.return_none_displayed and not _shown(plan, index, display_check, run, root):
            continue
        ptype = prop.get("type")
        if ptype != "collection" and ptype != "fixedCollection":
            # (outside the display-check pass this repeats the check above: same answer)
            if (
                run.return_none_displayed
                and name in plan.duplicates
                and not _displayed(plan.rules[index], display_check, run.tv, run.tn, root)
            ):
                continue
            if run.return_defaults:
                _set_with_default(prop, name, value, cp, params, full)
            else:
                _set_if_not_default(prop, name, value, parent_type, params, full)
            continue  # simple types have nothing below
        if only_simple_types:
            continue
        if ptype == "collection":
            _set_collection(plan, index, value, params, full, run, root)
            continue
        try:
            _resolve_fixed_collection(plan, index, values, value, params, full, run, root)
        except _ReturnValues:
            return _copy(values)
    return params


def _shown(plan: _Plan, index: int, display_check: Any, run: _Pass, root: Any) -> bool:
    """Whether the property at ``index`` is displayed at this level."""
    rule = plan.rules[index]
    gate = plan.gates[index]
    if gate is not None:
        # fast path on the first show key (usually resource/operation): same verdict
        # as _displayed, which checks keys in this order
        v = display_check.get(gate[0], MISSING)
        if type(v) is str:
            if v[:1] == "=":
                rule = None  # an expression shows the parameter
            elif ("s", v) not in gate[1]:
                return False
    return _displayed(rule, display_check, run.tv, run.tn, root)


def _set_with_default(
    prop: Mapping[str, Any],
    name: Any,
    value: Any,
    cp: Callable[[Any], Any],
    params: dict[str, Any],
    full: dict[str, Any],
) -> None:
    """A simple-type parameter when defaults are returned: its value, else its default."""
    ptype = prop.get("type")
    default = prop.get("default", MISSING)
    if ptype == "boolean" or ptype == "number" or ptype == "options":
        result = cp(value) if value is not MISSING else cp(default)
    elif ptype == "resourceLocator" and type(default) is dict:
        result = cp(value) if value is not MISSING else {"__rl": True, **cp(default)}
    elif ptype == "filter" and type(value) is dict:
        result = _copy(value)
        if result.get("combinator") is None:
            result["combinator"] = "and"
        opts = result.get("options")
        merged = dict(_FILTER_DEFAULT_OPTIONS)
        if type(opts) is dict:
            merged.update(opts)
        elif isinstance(opts, str | list):  # JS spreads them by index
            merged.update({str(i): c for i, c in enumerate(opts)})
        result["options"] = merged
    else:
        result = cp(value) if value is not MISSING and value is not None else cp(default)
    if result is MISSING:
        params.pop(name, None)
        full.pop(name, None)
        return
    if (
        type(result) is str
        and result[:1] == "="
        and prop.get("noDataExpression")
        and not _is_from_ai_only(result)
    ):
        result = result[1:]
    params[name] = result
    full[name] = result


def _set_if_not_default(
    prop: Mapping[str, Any],
    name: Any,
    value: Any,
    parent_type: str | None,
    params: dict[str, Any],
    full: dict[str, Any],
) -> None:
    """A simple-type parameter when defaults are left out: kept only if it differs."""
    default = prop.get("default", MISSING)
    is_obj = type(value) is dict or type(value) is list or value is None
    if (
        (not is_obj and not js_strict_equal(value, default))
        or (is_obj and not js_equal(value, default))
        or (value is not MISSING and parent_type == "collection")
    ):
        params[name] = _copy(value)
        full[name] = params[name]
        return
    if prop.get("noDataExpression") and name in params:
        v = params[name]
        if is_expression(v) and not _is_from_ai_only(v):
            params[name] = v[1:]
            full[name] = params[name]


def _set_collection(
    plan: _Plan,
    index: int,
    value: Any,
    params: dict[str, Any],
    full: dict[str, Any],
    run: _Pass,
    root: Any,
) -> None:
    """A ``collection`` parameter: a multi-value one is kept as is, a single one resolved."""
    prop = plan.props[index]
    name = prop.get("name")
    type_options = prop.get("typeOptions")
    multiple = type(type_options) is dict and type_options.get("multipleValues")
    if multiple is True:
        if value is not MISSING:
            params[name] = _copy(value)
        elif run.return_defaults:
            default = prop.get("default")
            params[name] = _copy(default) if type(default) is list else []
        if name in params:
            full[name] = params[name]
    elif value is not MISSING:
        params[name] = _get_node_parameters(
            plan.child(index), value, run, root=root, parent_type="collection"
        )
        full[name] = params[name]
    elif run.return_defaults:
        params[name] = _copy(prop.get("default"))
        full[name] = params[name]


class _ReturnValues(Exception):
    """n8n returns the level's raw values early (single-value fixedCollection left empty)."""


def _resolve_fixed_collection(
    plan: _Plan,
    index: int,
    values: Any,
    value: Any,
    params: dict[str, Any],
    full: dict[str, Any],
    run: _Pass,
    root: Any,
) -> None:
    """A ``fixedCollection`` parameter: each group resolved (a list of entries when the
    collection takes multiple values), with n8n's rules for empty and untouched groups."""
    prop = plan.props[index]
    name = prop.get("name")
    type_options = prop.get("typeOptions") or {}
    if type(type_options) is not dict:
        type_options = {}
    multiple = type_options.get("multipleValues") is True
    single_explicit = type_options.get("multipleValues") is False
    group_names = {o.get("name") for o in prop.get("options") or [] if isinstance(o, Mapping)}
    prop_values = _copy(value)
    if run.return_defaults and prop_values is MISSING:
        prop_values = _copy(prop.get("default", MISSING))
    if (
        not run.return_defaults
        and single_explicit
        and js_truthy(prop_values)
        and len(js_keys(prop_values)) == 0
    ):
        raise _ReturnValues()
    collected: dict[str, Any] = {}
    had_any_visible = False
    for item in js_keys(prop_values):
        known = item in group_names
        if multiple:
            if type(prop_values) is dict and known:
                collected[item] = _group_entries(plan, index, item, prop_values[item], run, root)
            continue
        temp: dict[str, Any] = {}
        had_visible = False
        if known:
            temp, had_visible = _single_group(plan, index, values, item, run, root)
            had_any_visible = had_any_visible or had_visible
        if temp:
            collected[item] = temp
        elif (
            not run.return_defaults
            and had_visible
            and js_truthy(prop_values)
            and js_index(prop_values, item) is not MISSING
        ):
            collected[item] = temp
    if (
        not run.return_defaults
        and had_any_visible
        and single_explicit
        and not collected
        and type(prop_values) is dict
        and len(prop_values) != 0
    ):
        params[name] = {k: {} for k in prop_values}
    if collected or run.return_defaults:
        params[name] = collected
        full[name] = collected


def _group_entries(
    plan: _Plan, index: int, item: str, entries: Any, run: _Pass, root: Any
) -> list[Any]:
    """The entries of one group of a multi-value fixedCollection, each resolved."""
    if isinstance(entries, str):
        entries = list(entries)
    elif type(entries) is not list:
        name = plan.props[index].get("name")
        raise ParameterResolutionError(
            f"{name}.{item}: expected a list of entries, got {js_type(entries)}"
        )
    group_plan = plan.child(index, item)
    return [
        _get_node_parameters(group_plan, entry, run, root=root, parent_type="fixedCollection")
        for entry in entries
    ]


def _single_group(
    plan: _Plan, index: int, values: Any, item: str, run: _Pass, root: Any
) -> tuple[dict[str, Any], bool]:
    """One group of a single-value fixedCollection: (its resolved values, whether n8n counts
    it as visible: something resolved, or nothing set away from the defaults)."""
    name = plan.props[index].get("name")
    outer = _get(values, name)
    if outer is MISSING or outer is None:
        raise ParameterResolutionError(f"{name}: cannot read '{item}' of {js_type(outer)}")
    item_values = js_index(outer, item)
    group_plan = plan.child(index, item)
    resolved = _get_node_parameters(
        group_plan, item_values, run, root=root, parent_type="fixedCollection"
    )
    temp: dict[str, Any] = {}
    temp.update(resolved)
    if resolved:
        return temp, True
    group_props = group_plan.props
    non_default = js_truthy(item_values) and any(
        (field := next((f for f in group_props if f.get("name") == key), None)) is not None
        and not js_equal(js_index(item_values, key), field.get("default", MISSING))
        for key in js_keys(item_values)
    )
    return temp, not non_default


def resolve_parameters(
    node_version: NodeVersion | Sequence[Mapping[str, Any]],
    params: Any,
    type_version: float | int | None,
    *,
    return_defaults: bool = True,
    return_hidden: bool = False,
    type_name: str | None = None,
) -> dict[str, Any]:
    """The node's parameters as n8n sees them (``NodeHelpers.getNodeParameters``).

    With the defaults (``return_defaults=True, return_hidden=False``) this is what n8n's editor
    does on load: defaults filled in, parameters whose ``displayOptions`` hide them dropped,
    nested collections / fixedCollections resolved. ``return_defaults=False`` gives the minimal
    form n8n saves (only values that differ from their defaults). ``params`` may be any JSON
    value; non-objects resolve like n8n treats them. Raises :class:`ParameterResolutionError`
    only where n8n itself throws.
    """
    if isinstance(node_version, NodeVersion):
        props: Sequence[Mapping[str, Any]] = node_version.raw_properties
        type_name = type_name or node_version.type_name
    else:
        props = node_version
    _STATE.saw_function = False
    try:
        run = _Pass(return_defaults, return_hidden, type_version, type_name)
        resolved = _get_node_parameters(_plan_for(props), params, run)
    except RecursionError as exc:  # pathological nesting in the input document
        raise ParameterResolutionError("parameters nested too deeply") from exc
    return _drop_functions(resolved) if _STATE.saw_function else resolved


def display_under(
    prop: Mapping[str, Any] | Property,
    fixed: Mapping[str, Any],
    type_version: float | int | None,
    type_name: str | None = None,
) -> tuple[bool, dict[str, Any]]:
    """Whether ``prop`` can be shown once the parameters in ``fixed`` (e.g. ``resource`` and
    ``operation``) have these values, whatever the others hold; plus the ``show`` conditions
    on the other parameters that must also hold (``{"select": ["channel"]}``).

    This is :func:`display_parameter` with the parameters a caller has not chosen left open:
    what a schema of one operation lists, with "shown when" notes for the rest. ``@version``
    and ``@tool`` are judged like n8n does; a ``hide`` rule on an open parameter never hides.
    """
    raw = prop.raw if isinstance(prop, Property) else prop
    options = raw.get("displayOptions") if isinstance(raw, Mapping) else None
    if not isinstance(options, Mapping):
        return True, {}
    open_conditions: dict[str, Any] = {}
    for mode in ("show", "hide"):
        rule = options.get(mode)
        if not isinstance(rule, Mapping):
            continue
        for key, conditions in rule.items():
            if key == "@version":
                values: Sequence[Any] = (type_version if type_version else 0,)
            elif key == "@tool":
                values = (bool(type_name and type_name.endswith("Tool")),)
            elif key.lstrip("/") in fixed:
                values = (fixed[key.lstrip("/")],)
            else:
                if mode == "show":
                    open_conditions[key.lstrip("/")] = conditions
                continue
            matches = check_conditions(conditions, values)
            if matches != (mode == "show"):
                return False, {}
    return True, open_conditions


_RESOLVED: OrderedDict[tuple[int, str, str], dict[str, Any] | ParameterResolutionError] = (
    OrderedDict()
)
_RESOLVED_MAX = 4096
_RESOLVED_LOCK = threading.Lock()
_CACHE_MIN_PROPS = 12  # below this, resolving costs less than building the cache key


def resolve_parameters_shared(desc: Any, params: dict[str, Any], tv: Any) -> dict[str, Any]:
    """``resolve_parameters`` memoised on the exact parameter values (LRU, bounded).

    Generated and real workflows repeat identical nodes (a third of the nodes in the public
    corpora), the generate-validate-repair loop validates the same nodes again and again, and
    the offline generator resolves a node's final values (for its credential) just before the
    validator does (#12: CPU per request). The returned dict is shared: callers must not
    modify it. The LRU bookkeeping holds a
    lock (service threads validate at once); resolving itself runs outside it.
    """
    if len(desc.raw_properties) <= _CACHE_MIN_PROPS:
        return resolve_parameters(desc, params, tv, type_name=desc.type_name)  # cheap anyway
    try:
        key = (id(desc), repr(tv), json.dumps(params, sort_keys=True, separators=(",", ":")))
    except (TypeError, ValueError, RecursionError):
        return resolve_parameters(desc, params, tv, type_name=desc.type_name)
    with _RESOLVED_LOCK:
        hit = _RESOLVED.get(key)
        if hit is not None:
            _RESOLVED.move_to_end(key)
    if hit is None:
        try:
            hit = resolve_parameters(desc, params, tv, type_name=desc.type_name)
        except ParameterResolutionError as exc:
            hit = exc
        with _RESOLVED_LOCK:
            _RESOLVED[key] = hit
            _KEEP[id(desc)] = desc  # the id in the key must stay this description's
            if len(_RESOLVED) > _RESOLVED_MAX:
                _RESOLVED.popitem(last=False)
    if isinstance(hit, ParameterResolutionError):
        raise hit
    return hit


_KEEP: dict[int, Any] = {}
