"""JavaScript value semantics the n8n checks depend on (lodash ``get``, ``Number()``, ``String()``).

n8n's validation code is JavaScript; where its verdict hinges on a JS coercion (``Number('')``
is 0, ``String([1, 2])`` is ``"1,2"``, lodash's path syntax) we mirror it here so the Python
validator reaches the same verdict on the same value.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from typing import Any

from indexing.catalog.params import MISSING

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
        return obj.get(path, MISSING) if isinstance(obj, Mapping) else _index(obj, path)
    cur = obj
    for key in string_to_path(path):
        if cur is MISSING or cur is None:
            return MISSING
        if isinstance(cur, Mapping):
            cur = cur.get(key, MISSING)
        else:
            cur = _index(cur, key)
    return cur


def _index(obj: Any, key: str) -> Any:
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


def js_same(a: Any, b: Any) -> bool:
    """``SameValueZero`` for JSON scalars (``Array.prototype.includes``): 1 is not true."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return a == b
    if isinstance(a, str) and isinstance(b, str):
        return a == b
    if a is None and b is None:
        return True
    return a is b


def starts_with_eq(value: Any) -> bool:
    """``value?.toString().startsWith('=')`` (undefined/null: False)."""
    if value is MISSING or value is None:
        return False
    return js_string(value).startswith("=")
