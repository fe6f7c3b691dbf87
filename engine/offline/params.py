"""Fill a node's parameters so n8n (and our ``strict`` validator) accepts it.

The generator sets what it knows (resource, operation, a channel, a message expression) and this
module completes the rest from the catalog: every *displayed, required, empty* parameter gets a
sensible value or a visible ``REPLACE_WITH_...`` placeholder the user can spot in the editor.
Placeholders are chosen to satisfy the parameter's own validation (resource-locator mode regexes,
option lists), so the workflow imports cleanly and only asks for the user's real ids.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from engine.lexicon import EVENT_OPTION_WORDS
from engine.offline.trigger_events import RequestWords, with_trigger_events
from indexing.catalog.model import NodeVersion, Property
from indexing.catalog.params import (
    MISSING,
    ParameterResolutionError,
    is_displayed,
    resolve_parameters,
)

_RL_TYPES = ("resourceLocator", "workflowSelector")
_TEXTY = re.compile(
    r"text|message|content|body|prompt|description|comment|note|caption|html|summary", re.I
)
_EMAILY = re.compile(r"email|^to$|sendTo|toRecipients|recipient|toEmail|fromEmail", re.I)
_URLY = re.compile(r"url$|^url|link|endpoint", re.I)
_SUBJECTY = re.compile(r"subject|title|^name$|summary", re.I)
_NUMBERISH_WORDS = re.compile(r"id$|Id$|ID$", re.I)


def placeholder(name: str, suffix: str = "") -> str:
    """A visible placeholder value: ``REPLACE_WITH_CHAT_ID`` for ``chatId``."""
    snake = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).upper()
    snake = re.sub(r"[^A-Z0-9]+", "_", snake).strip("_") or "VALUE"
    if suffix and not snake.endswith(suffix):
        snake = f"{snake}_{suffix}"
    return f"REPLACE_WITH_{snake}"


def _regex_ok(mode: Mapping[str, Any], value: str) -> bool:
    for validation in mode.get("validation") or []:
        if isinstance(validation, Mapping) and validation.get("type") == "regex":
            pattern = str((validation.get("properties") or {}).get("regex", ""))
            try:
                if not re.search(f"^{pattern}$", value):
                    return False
            except re.error:
                return False
    return True


def resource_locator(
    prop: Property | Mapping[str, Any], hint: str | None = None, mode: str | None = None
) -> dict[str, Any]:
    """A resource-locator value whose mode accepts the value we put in.

    ``hint`` is a human name the request gave (``#finance``, ``Leads``): use a ``name`` mode when
    the node has one, else ``list`` (which n8n shows as a picked entry). Without a hint, an ``id``
    placeholder when the id mode's regex accepts it, else a ``list`` placeholder.
    """
    raw = prop.raw if isinstance(prop, Property) else prop
    name = str(raw.get("name", "value"))
    modes = {str(m.get("name")): m for m in raw.get("modes") or [] if isinstance(m, Mapping)}
    if hint:
        for mode in ("name", "username"):
            if mode in modes and _regex_ok(modes[mode], hint):
                return {"__rl": True, "mode": mode, "value": hint}
        if "id" in modes and _regex_ok(modes["id"], hint):
            return {"__rl": True, "mode": "id", "value": hint}
        if "list" in modes:
            return {"__rl": True, "mode": "list", "value": hint, "cachedResultName": hint}
    value = placeholder(name, "ID" if not name.lower().endswith("id") else "")
    if mode in modes and mode != "url" and _regex_ok(modes[mode], value):
        return {"__rl": True, "mode": mode, "value": value}
    if "id" in modes and _regex_ok(modes["id"], value):
        return {"__rl": True, "mode": "id", "value": value}
    if "list" in modes:
        return {"__rl": True, "mode": "list", "value": value}
    for mname, mode in modes.items():
        if _regex_ok(mode, value):
            return {"__rl": True, "mode": mname, "value": value}
    first = next(iter(modes), "id")
    return {"__rl": True, "mode": first, "value": "={{ $json.id }}"}


def _first_option(prop: Property, words: frozenset[str] = frozenset()) -> Any:
    """The option the request's words point at ("folder" -> specificFolder), else the first."""
    best, best_score = MISSING, 0
    for opt in prop.option_values:
        if opt.value in ("", None, "__CUSTOM_API_CALL__"):
            continue
        if best is MISSING:
            best = opt.value
        if words:
            toks = {
                t.lower()
                for t in re.findall(r"[A-Za-z][a-z0-9]*", f"{opt.name} {opt.value}")
                if len(t) > 2
            }
            score = len(toks & words)
            if score > best_score:
                best, best_score = opt.value, score
    return best


def request_words(text: str) -> frozenset[str]:
    """Lower-case words of the request plus event synonyms, for picking options."""
    out: set[str] = set()
    for w in re.findall(r"[a-z][a-z0-9]*", (text or "").lower()):
        if len(w) <= 2:
            continue
        out.add(w)
        if w.endswith("s") and len(w) > 4:
            out.add(w[:-1])
        out.update(EVENT_OPTION_WORDS.get(w, ()))
    return RequestWords(out, text or "")  # the text: a trigger's event is read from its clause


def value_for(prop: Property, hints: Mapping[str, Any] | None = None) -> Any:
    """A value for a required parameter that is empty: hint, then type-based default."""
    hints = hints or {}
    name = prop.name
    if name in hints:
        return hints[name]
    ptype = prop.type
    if ptype in _RL_TYPES:
        return resource_locator(prop, hints.get(f"{name}@hint"), hints.get(f"{name}@mode"))
    words = hints.get("@words") or frozenset()
    if ptype == "options":
        if prop.default not in ("", None) and any(
            o.value == prop.default for o in prop.option_values
        ):
            return prop.default
        first = _first_option(prop, words)
        if first is MISSING and prop.load_options:
            return placeholder(name, "ID")  # a list n8n loads from the account
        return first
    if ptype == "multiOptions":
        first = _first_option(prop, words)
        if first is MISSING and prop.load_options:
            return [placeholder(name, "ID")]
        return [first] if first is not MISSING else MISSING
    if ptype == "number":
        return prop.default if isinstance(prop.default, int | float) and prop.default else 1
    if ptype == "boolean":
        return bool(prop.default)
    if ptype == "json":
        return "={{ JSON.stringify($json) }}" if _TEXTY.search(name) else "{}"
    if ptype == "dateTime":
        return "={{ $now.toISO() }}"
    if ptype in ("string", "color"):
        hinted = hints.get(f"{name}@hint")
        if isinstance(hinted, str) and hinted:
            return hinted
        return _string_for(name, hints)
    return MISSING


def _string_for(name: str, hints: Mapping[str, Any]) -> str:
    text_expr = hints.get("@text")
    if hints.get("@fromAI") and (
        _EMAILY.search(name)
        or _SUBJECTY.search(name)
        or _TEXTY.search(name)
        or name
        in (
            "query",
            "searchQuery",
            "filter",
            "title",
            "timeMin",
            "timeMax",
            "start",
            "end",
            "chatId",
            "to",
        )
    ):
        # a tool: the agent fills this value in at run time
        label = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name).lower()
        return "={{ $fromAI('" + name + "', 'the " + label + "', 'string') }}"
    if _EMAILY.search(name):
        return str(hints.get("@email") or "user@example.com")
    if _URLY.search(name):  # the address the step's words give ("the RSS feed https://...")
        return str(hints.get("@address") or "https://example.com")
    if name in ("chatId", "channel", "channelId", "roomId", "to", "phoneNumber"):
        return placeholder(name)
    if _SUBJECTY.search(name) and hints.get("@subject"):
        return str(hints["@subject"])
    if _TEXTY.search(name):
        return str(text_expr or "={{ JSON.stringify($json) }}")
    if name.lower() in ("path",):
        return "incoming"
    return placeholder(name)


def _required_missing(prop: Property, value: Any) -> bool:
    t = prop.type
    if value is MISSING or value is None:
        return True
    if t in ("string", "dateTime", "options", "json"):
        return value == ""
    if t == "multiOptions":
        return isinstance(value, list) and not value
    if t in _RL_TYPES:
        if isinstance(value, Mapping):
            inner = value.get("value")
            return inner in ("", None)
        return value in ("", None)
    return False


def _shape_key(value: Any) -> Any:
    """Parameters reduced to what display conditions can depend on (options, flags, modes)."""
    if isinstance(value, str):
        return "=" if value.startswith("=") else (value if len(value) <= 40 else "<long>")
    if isinstance(value, Mapping):
        return tuple(sorted((str(k), _shape_key(v)) for k, v in value.items()))
    if isinstance(value, list):
        return tuple(_shape_key(v) for v in value)
    return value


_PLAN_CACHE: dict[Any, tuple[tuple[int, Any], ...]] = {}
_CHOICE_TYPES = ("options", "multiOptions", "boolean")


def complete_parameters(
    nv: NodeVersion,
    params: dict[str, Any],
    type_version: float,
    hints: Mapping[str, Any] | None = None,
    *,
    rounds: int = 4,
) -> dict[str, Any]:
    """Fill every displayed, required, empty top-level parameter of ``params`` (in place).

    Filling one parameter can reveal others (an operation shows its fields), so this repeats a
    few rounds until nothing is left to fill. Nested required fields inside collections are left
    to the validator loop in the generator, which fills them by path. Which names get filled
    depends only on the parameters' shape, so that plan is cached per node type and shape.
    """
    with_trigger_events(nv, params, type_version, hints)  # before anything is chosen by words
    hint_keys = tuple(sorted(k for k in (hints or {}) if not k.startswith("@")))
    key = (nv.type_name, type_version, _shape_key(params), hint_keys)
    plan = _PLAN_CACHE.get(key)
    if plan is not None:
        props = nv.properties
        values = [(index, value_for(props[index], hints)) for index, _v in plan]
        # option choices decide what is displayed next: replay only if they are the same
        if all(
            value == cached
            for (_i, value), (_j, cached) in zip(values, plan, strict=True)
            if cached is not None
        ):
            for index, value in values:
                if value is not MISSING:
                    params[props[index].name] = value
            return params
    if len(_PLAN_CACHE) > 5000:
        _PLAN_CACHE.clear()
    used: list[int] = []
    _complete(nv, params, type_version, hints, rounds, used)
    props = nv.properties
    _PLAN_CACHE[key] = tuple(
        (i, params.get(props[i].name) if props[i].type in _CHOICE_TYPES else None) for i in used
    )
    return params


def _complete(
    nv: NodeVersion,
    params: dict[str, Any],
    type_version: float,
    hints: Mapping[str, Any] | None,
    rounds: int,
    used: list[int],
) -> dict[str, Any]:
    for _ in range(rounds):
        try:
            resolved = resolve_parameters(nv, params, type_version, type_name=nv.type_name)
        except ParameterResolutionError:
            return params
        changed = False
        for index, prop in enumerate(nv.properties):
            if (
                not prop.required
                or prop.name in params
                and not _required_missing(prop, params[prop.name])
            ):
                continue
            if prop.type in ("notice", "hidden", "button", "callout", "curlImport"):
                continue
            if prop.name not in resolved:
                continue  # hidden for these values
            if not is_displayed(
                prop, resolved, type_version, type_name=nv.type_name, root=resolved
            ):
                continue
            if not _required_missing(prop, resolved.get(prop.name, MISSING)):
                continue
            value = value_for(prop, hints)
            if value is MISSING:
                continue
            params[prop.name] = value
            used.append(index)
            changed = True
        if not changed:
            break
    return params


def set_path(params: dict[str, Any], dotted: str, value: Any) -> bool:
    """Set ``a.b[0].c`` inside ``params``, creating dicts/lists on the way; False if blocked."""
    parts = re.findall(r"[^.\[\]]+|\[\d+\]", dotted)
    cur: Any = params
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        nxt = parts[i + 1] if not last else None
        if part.startswith("["):
            idx = int(part[1:-1])
            if not isinstance(cur, list):
                return False
            while len(cur) <= idx:
                cur.append({})
            if last:
                cur[idx] = value
                return True
            if not isinstance(cur[idx], dict | list):
                cur[idx] = [] if nxt and nxt.startswith("[") else {}
            cur = cur[idx]
        else:
            if not isinstance(cur, dict):
                return False
            if last:
                cur[part] = value
                return True
            if not isinstance(cur.get(part), dict | list):
                cur[part] = [] if nxt and nxt.startswith("[") else {}
            cur = cur[part]
    return False


def find_property(nv: NodeVersion, dotted: str, params: Mapping[str, Any]) -> Property | None:
    """The property a dotted parameter path names (last segment), preferring a displayed one."""
    leaf = re.sub(r"\[\d+\]", "", dotted).split(".")[-1]
    found = None
    for _path, prop in nv.iter_properties():
        if prop.name == leaf:
            found = found or prop
            if prop.required:
                return prop
    return found
