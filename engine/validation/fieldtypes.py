"""n8n's ``validateFieldType`` for the types parameters declare in ``validateType``.

n8n checks a parameter's value against its declared type (``string-alphanumeric`` tool names,
numbers, booleans, JSON objects / arrays, URLs, JWTs, options) before publishing. The messages
match n8n's so findings read the same as the editor's red hints.
"""

from __future__ import annotations

import json
import math
import re
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

from indexing.catalog.jsvalues import (
    MISSING,
    js_number,
    js_strict_equal,
    js_string,
    json_stringify,
)

_ALNUM = re.compile(r"^[a-zA-Z_][a-zA-Z0-9_]*$")
_JWT = re.compile(r"^[A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]+\.[A-Za-z0-9\-_.+/=]*$")
_TIME = re.compile(r"^\d{2}:\d{2}(:\d{2})?((\-|\+)\d{4})?((\-|\+)\d{1,2}(:\d{2})?)?$", re.S)
_URL_SCHEMES = ("http", "https", "ftp", "file")
_JS_KEY = re.compile(r"([{,]\s*)([A-Za-z_$][A-Za-z0-9_$]*)\s*:")


def describe(value: Any) -> str:
    """n8n ``getValueDescription``."""
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    if value is None:
        return "'null'"
    return f"'{js_string(value)}'"


def _parse_json_like(text: str) -> Any:
    """n8n ``jsonParse(text, {acceptJSObject: true})``: JSON, or JS object literal notation."""
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        pass
    relaxed = _JS_KEY.sub(r'\1"\2":', text.replace("'", '"'))
    return json.loads(relaxed)


def _to_string(value: Any) -> str:
    if isinstance(value, dict | list):
        return json_stringify(value)
    if value is MISSING:
        return ""
    return js_string(value)


def _valid_boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return True
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return True
    if isinstance(value, str) and value.strip() == "":
        return False
    return js_number(value) in (0.0, 1.0)


def _valid_datetime(value: Any) -> bool:
    text = js_string(value).strip()
    candidates = (text, text.replace("Z", "+00:00"))
    for c in candidates:
        try:
            datetime.fromisoformat(c)
            return True
        except ValueError:
            pass
    try:
        parsedate_to_datetime(text)
        return True
    except (TypeError, ValueError, IndexError):
        pass
    return bool(re.match(r"^\d{4}-\d{2}-\d{2}", text))


def _valid_url(value: Any) -> bool:
    text = value if isinstance(value, str) else js_string(value)
    if isinstance(value, str) and "://" not in text:
        text = "https://" + text
    try:
        parts = urlsplit(text)
    except ValueError:
        return False
    if parts.scheme.lower() not in _URL_SCHEMES:
        return False
    return bool(parts.netloc) or parts.scheme.lower() == "file"


def validate_field_type(field: str, value: Any, type_name: str, options: Any = None) -> str | None:
    """The error message n8n gives for ``value`` against ``type_name``, or None when valid."""
    if value is None or value is MISSING:
        return None
    default = f"'{field}' expects a {type_name} but we got {describe(value)}"
    t = type_name.lower()
    if t == "string":
        return None
    if t == "string-alphanumeric":
        if _ALNUM.match(_to_string(value)):
            return None
        return (
            "Value is not a valid alphanumeric string, only letters, numbers and underscore allowed"
        )
    if t == "number":
        return None if not math.isnan(js_number(value)) else default
    if t == "boolean":
        return None if _valid_boolean(value) else default
    if t == "datetime":
        return None if _valid_datetime(value) else default
    if t == "time":
        return (
            None
            if _TIME.match(js_string(value))
            else (f"'{field}' expects time (hh:mm:(:ss)) but we got {describe(value)}.")
        )
    if t == "object":
        if isinstance(value, dict):
            return None
        try:
            parsed = _parse_json_like(js_string(value))
        except (ValueError, RecursionError):
            return default
        # typeof null === 'object' in JavaScript, so n8n accepts the text "null" here
        return None if isinstance(parsed, dict) or parsed is None else default
    if t == "array":
        if isinstance(value, list):
            return None
        text = js_string(value)
        for candidate in (text, text.replace("'", '"')):
            try:
                if isinstance(json.loads(candidate), list):
                    return None
                return default
            except (ValueError, RecursionError):
                continue
        return default
    if t == "options":
        opts = options if isinstance(options, list) else []
        values = [o.get("value") for o in opts if isinstance(o, dict)]
        if any(js_strict_equal(value, v) for v in values):
            return None
        listed = ", ".join(js_string(v) for v in values)
        return (
            f"'{field}' expects one of the following values: [{listed}] but we got "
            f"{describe(value)}"
        )
    if t == "url":
        return None if _valid_url(value) else default
    if t == "jwt":
        text = js_string(value)
        return None if text and _JWT.match(text) else "Value is not a valid JWT token"
    return None
