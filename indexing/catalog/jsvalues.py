"""JavaScript value semantics, written once: what n8n's TypeScript does to a JSON value.

n8n's parameter resolution, port expressions and validation are JavaScript; wherever their
verdict hinges on a JS coercion (``undefined`` vs ``null``, truthiness, ``===``, lodash's
``isEqual`` and ``get``, ``Number('')`` is 0, ``String([1, 2])`` is ``"1,2"``) the Python ports
(:mod:`indexing.catalog.params`, :mod:`indexing.catalog.ports`, ``engine.validation``) call the
functions here, so they agree with each other and with n8n on the same value. It lives in the
catalog package because that is the lowest layer that evaluates n8n's rules.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from typing import Any


class _Missing:
    """JavaScript ``undefined``: a key that is absent (JSON ``null`` is a value)."""

    _instance: _Missing | None = None

    def __new__(cls) -> _Missing:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "MISSING"

    def __bool__(self) -> bool:
        return False

    def __deepcopy__(self, memo: dict[int, Any]) -> _Missing:
        return self


MISSING: Any = _Missing()


def is_num(v: Any) -> bool:
    """A JS number (``bool`` is a Python int but a JS boolean)."""
    return isinstance(v, int | float) and not isinstance(v, bool)


def js_truthy(v: Any) -> bool:
    """``Boolean(v)``: undefined, null, false, 0, NaN and "" are falsy."""
    if v is MISSING or v is None or v is False:
        return False
    if is_num(v):
        return v != 0 and not math.isnan(v)
    if isinstance(v, str):
        return v != ""
    return True


def js_nullish(v: Any, default: Any) -> Any:
    """``v ?? default``."""
    return default if v is MISSING or v is None else v


def js_strict_equal(a: Any, b: Any) -> bool:
    """``a === b`` for JSON values (objects and arrays compare by identity; 1 is not true)."""
    if a is MISSING or b is MISSING:
        return a is b
    if is_num(a) and is_num(b):
        return a == b
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, str) and isinstance(b, str):
        return a == b
    if a is None or b is None:
        return a is None and b is None
    return a is b


def js_equal(a: Any, b: Any) -> bool:
    """lodash ``isEqual`` for JSON values: deep, type-strict (``1`` differs from ``true``)."""
    if isinstance(a, Mapping) and isinstance(b, Mapping):
        if len(a) != len(b):
            return False
        return all(k in b and js_equal(v, b[k]) for k, v in a.items())
    if isinstance(a, list | tuple) and isinstance(b, list | tuple):
        return len(a) == len(b) and all(js_equal(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, Mapping | list | tuple) or isinstance(b, Mapping | list | tuple):
        return False
    if is_num(a) and is_num(b) and math.isnan(a) and math.isnan(b):
        return True
    return js_strict_equal(a, b)


def js_type(v: Any) -> str:
    """``typeof``, with ``null`` and ``array`` told apart (for messages)."""
    if v is MISSING:
        return "undefined"
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "boolean"
    if is_num(v):
        return "number"
    if isinstance(v, str):
        return "string"
    if isinstance(v, list):
        return "array"
    return "object"


def js_keys(v: Any) -> list[str]:
    """``Object.keys(v || {})``."""
    if isinstance(v, Mapping):
        return [str(k) for k in v]
    if isinstance(v, list | str):
        return [str(i) for i in range(len(v))]
    return []


_PROP_NAME = re.compile(
    r"""[^.\[\]]+|\[(?:(-?\d+(?:\.\d+)?)|(["'])((?:(?!\2)[^\\]|\\.)*?)\2)\]|(?=(?:\.|\[\])(?:\.|\[\]|$))"""
)
_PATH_CACHE: dict[str, list[str]] = {}


def string_to_path(path: str) -> list[str]:
    """lodash ``stringToPath``: ``"a..b"`` -> ``["a", "", "b"]``, ``"a[0]"`` -> ``["a", "0"]``."""
    cached = _PATH_CACHE.get(path)
    if cached is not None:
        return cached
    out: list[str] = []
    if path.startswith("."):
        out.append("")
    for m in _PROP_NAME.finditer(path):
        if m.group(1) is not None:
            out.append(m.group(1))
        elif m.group(2) is not None:
            out.append(re.sub(r"\\(.)", r"\1", m.group(3)))
        else:
            out.append(m.group(0))
    if len(_PATH_CACHE) < 10000:
        _PATH_CACHE[path] = out
    return out


def lodash_get(obj: Any, path: str) -> Any:
    """lodash ``get(obj, path)`` over JSON values; :data:`MISSING` for ``undefined``."""
    if obj is MISSING or obj is None:
        return MISSING
    if isinstance(obj, Mapping) and path in obj:
        return obj[path]
    if "." not in path and "[" not in path:
        return obj.get(path, MISSING) if isinstance(obj, Mapping) else js_index(obj, path)
    cur = obj
    for key in string_to_path(path):
        if cur is MISSING or cur is None:
            return MISSING
        if isinstance(cur, Mapping):
            cur = cur.get(key, MISSING)
        else:
            cur = js_index(cur, key)
    return cur


def js_index(obj: Any, key: str) -> Any:
    """``obj[key]`` for a JSON value (arrays and strings: an index or ``length``)."""
    if isinstance(obj, Mapping):
        return obj.get(key, MISSING)
    if isinstance(obj, list | str):
        if key == "length":
            return len(obj)
        if key.isdigit():
            i = int(key)
            return obj[i] if i < len(obj) else MISSING
    return MISSING


def js_string(value: Any) -> str:
    """``String(value)`` for JSON values (objects are ``[object Object]``)."""
    if value is MISSING:
        return "undefined"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return js_number_string(value)
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return ",".join("" if v is None or v is MISSING else js_string(v) for v in value)
    return "[object Object]"


def js_number_string(x: float) -> str:
    """``Number.prototype.toString`` for common values."""
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    if x.is_integer() and abs(x) < 1e21:
        return str(int(x))
    text = repr(x)
    if "e" in text:
        mant, exp = text.split("e")
        sign = "-" if exp.startswith("-") else "+"
        return f"{mant}e{sign}{exp.lstrip('+-').lstrip('0') or '0'}"
    return text


def json_stringify(value: Any) -> str:
    """``JSON.stringify`` (compact, like JavaScript)."""
    try:
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False, default=str)
    except (TypeError, ValueError, RecursionError):
        return "null"


_NUMERIC = re.compile(r"^[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?|Infinity)$")


def js_number(value: Any) -> float:
    """``Number(value)`` (NaN when not numeric)."""
    if value is MISSING:
        return math.nan
    if value is None:
        return 0.0
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        s = value.strip()
        if s == "":
            return 0.0
        low = s.lower()
        try:
            if low.startswith(("0x", "0o", "0b")):
                return float(int(s, 0))
        except ValueError:
            return math.nan
        if _NUMERIC.match(s):
            return float(s.replace("Infinity", "inf"))
        return math.nan
    if isinstance(value, list):
        if not value:
            return 0.0
        if len(value) == 1:
            return js_number(js_string(value[0]))
        return math.nan
    return math.nan


def starts_with_eq(value: Any) -> bool:
    """``value?.toString().startsWith('=')`` (undefined/null: False)."""
    if value is MISSING or value is None:
        return False
    return js_string(value).startswith("=")
