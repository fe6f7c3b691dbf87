"""Hardcoded-secret detection in node parameters, by key names and by value shapes.

A workflow that carries an API key, token or password in a parameter leaks it to everyone who
sees the JSON (exports, templates, the LLM that repairs it). n8n's credential system is the right
home for them. This module finds such values without ever returning them: a :class:`SecretHit`
holds where the value is and why it looks like a secret, never the value itself, so no message
built from it can echo the secret.

Two signals, kept conservative so real workflows raise few false alarms:

* a *credential-named* field (``Authorization``, ``x-api-key``, ``access_token``, ...) in an HTTP
  Request's headers, query or body, or in a JSON header/body object, holding a literal value
  (an n8n expression pulls the value at run time, which is fine);
* a literal value whose *shape* is a known secret format (``Bearer <long token>``, ``sk-...``,
  ``ghp_...``, ``xoxb-...``, ``AKIA...``, Google ``AIza...``, JWTs, ...) anywhere in an HTTP
  Request, Code or Set node, including inside code.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from nodepilot.workflow import BASE, LC

#: Nodes that send HTTP requests with hand-written headers / query / body.
HTTP_TYPES = frozenset({BASE + "httpRequest", BASE + "httpRequestTool", LC + "toolHttpRequest"})
CODE_TYPES = frozenset({BASE + "code", BASE + "function", BASE + "functionItem", LC + "toolCode"})
SET_TYPES = frozenset({BASE + "set"})
#: Node types whose parameters the shape scan reads (the issue's HTTP Request / Code / Set).
SCANNED_TYPES = HTTP_TYPES | CODE_TYPES | SET_TYPES

#: Normalised (lower-case, letters and digits only) name fragments that mean "credential".
_CREDENTIAL_FRAGMENTS = (
    "apikey",
    "apitoken",
    "apisecret",
    "accesstoken",
    "authtoken",
    "bearertoken",
    "refreshtoken",
    "sessiontoken",
    "privatetoken",
    "secretkey",
    "privatekey",
    "clientsecret",
    "subscriptionkey",
    "password",
    "passwd",
    "authorization",
    "credential",
)
#: Normalised header names that carry authentication in any API (n8n's own list).
AUTH_HEADERS = frozenset({"authorization", "xapikey", "xauthtoken", "xaccesstoken", "apikey"})
#: Whole normalised names that mean "credential" on their own.
_CREDENTIAL_NAMES = frozenset({"token", "secret", "auth"})
_NON_ALNUM = re.compile(r"[^a-z0-9]")

#: Known secret formats: (label, pattern). Labels appear in messages; values never do.
_SHAPES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("an Anthropic API key", re.compile(r"\bsk-ant-[A-Za-z0-9_-]{20,}")),
    ("an OpenAI-style secret key", re.compile(r"\bsk-(?:proj-|svcacct-)?[A-Za-z0-9_-]{20,}")),
    ("a Stripe live key", re.compile(r"\b(?:sk|rk)_live_[A-Za-z0-9]{16,}")),
    (
        "a GitHub token",
        re.compile(r"\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,})"),
    ),
    ("a GitLab token", re.compile(r"\bglpat-[A-Za-z0-9_-]{20,}")),
    ("a Slack token", re.compile(r"\bxox[abprs]-[A-Za-z0-9-]{10,}")),
    ("an AWS access key id", re.compile(r"\bAKIA[0-9A-Z]{16}\b")),
    ("a Google API key", re.compile(r"\bAIza[0-9A-Za-z_-]{35}")),
    ("a SendGrid API key", re.compile(r"\bSG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}")),
    ("a Hugging Face token", re.compile(r"\bhf_[A-Za-z0-9]{30,}")),
    ("a Replicate token", re.compile(r"\br8_[A-Za-z0-9]{30,}")),
    ("a Perplexity API key", re.compile(r"\bpplx-[A-Za-z0-9]{30,}")),
    ("a Groq API key", re.compile(r"\bgsk_[A-Za-z0-9]{30,}")),
    (
        "a JSON Web Token",
        re.compile(r"\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}"),
    ),
    ("a bearer token", re.compile(r"\bBearer\s+[A-Za-z0-9._~+/-]{20,}=*")),
)
#: Substrings one of the shapes needs: plain ``in`` tests before any regex runs.
_SHAPE_HINTS = (
    "sk-",
    "sk_live",
    "rk_live",
    "ghp_",
    "gho_",
    "ghu_",
    "ghs_",
    "ghr_",
    "github_pat_",
    "glpat-",
    "xox",
    "AKIA",
    "AIza",
    "SG.",
    "hf_",
    "r8_",
    "pplx-",
    "gsk_",
    "eyJ",
    "Bearer",
)
#: One pass to rule a string out before trying each shape.
_ANY_SHAPE = re.compile("|".join(f"(?:{rx.pattern})" for _, rx in _SHAPES))
#: Words a credential assignment in code would contain.
_CODE_HINT = re.compile(r"(?i)key|token|secret|passw|auth|credential")
#: Values that only stand in for a secret (still belong in a credential, but are not leaks);
#: word-like markers must start a word, so a random key holding "xXx" is not one.
_PLACEHOLDER = re.compile(
    r"(?<![a-z0-9])(?:your|x{3,}|placeholder|example|replace|insert|changeme|redacted)|"
    r"\*\*\*|<[^>]*>|\[[^\]]*\]|api[_ -]?key[_ -]?here|token[_ -]?here|"
    r"^\s*(?:bearer\s+)?(?:token|key|secret|apikey)\s*$",
    re.IGNORECASE,
)
#: In code, ``name = "value"`` / ``name: 'value'`` where the name says credential.
#: Found in two steps (quoted token first, then the name before it): a regex that starts at
#: every identifier would be slow on long code.
_QUOTED_TOKEN = re.compile(r"""(['"`])([A-Za-z0-9_\-+/=.]{16,200})\1""")
_ASSIGNED_NAME = re.compile(r"""([A-Za-z_][\w-]{1,40})['"]?\s*[:=]\s*$""")
#: A ``{{ ... }}`` segment that reads data (``$json``, ``$env``, ``$credentials``, ...).
_REFERENCE = re.compile(r"\{\{[^{}]*\$[^{}]*\}\}")
#: What may stand beside references in an auth value without being a secret itself.
_AUTH_SCHEMES = frozenset({"", "bearer", "basic", "token"})
MAX_DEPTH = 64
MAX_TEXT = 200_000


@dataclass(frozen=True, slots=True)
class SecretHit:
    """Where a hardcoded secret sits and why it looks like one; never the value itself."""

    path: str  #: JSON path relative to the node (``parameters.headerParameters...``)
    field: str  #: the header / parameter / key name holding it ("" when unnamed)
    reason: str  #: what it looks like ("a bearer token", "a credential-named header", ...)
    placeholder: bool = False  #: the value is a stand-in such as ``YOUR_API_KEY``
    #: an auth field every API client treats as one (``Authorization``, ``X-API-Key``, a
    #: credential query parameter) or a value shaped like a real key; False for vendor-specific
    #: key headers and body fields, which only their names mark as credentials
    standard: bool = True


def normalise_name(name: str) -> str:
    """``X-API-Key`` -> ``xapikey``: case and separators do not matter for a field name."""
    return _NON_ALNUM.sub("", name.lower())


def is_credential_name(name: object) -> bool:
    """Whether a field / header / key name says it holds a credential."""
    if not isinstance(name, str) or not name or len(name) > 100:
        return False
    return _credential_name(name)


@lru_cache(maxsize=4096)
def _credential_name(name: str) -> bool:
    norm = normalise_name(name)
    if norm in _CREDENTIAL_NAMES:
        return True
    return any(f in norm for f in _CREDENTIAL_FRAGMENTS)


def secret_shape(text: str) -> str | None:
    """The label of the known secret format ``text`` contains, or None."""
    if len(text) < 16 or len(text) > MAX_TEXT or not _ANY_SHAPE.search(text):
        return None
    for label, rx in _SHAPES:
        m = rx.search(text)
        if m and not _PLACEHOLDER.search(m.group(0)):
            return label
    return None


def literal_value(value: object, in_expression: bool = False) -> str | None:
    """The text of a value fixed in the workflow, or None when it is empty or computed.

    A parameter starting with ``=`` is an n8n expression, computed at run time (an ``=`` with
    no ``{{ }}`` is only caught by the shape scan). Without the ``=``, ``{{ }}`` is sent as
    literal text. Inside an expression (``in_expression``: a value of a JSON object written
    after ``=``), a value is literal when it has no ``{{ }}``.
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return str(value)
    if not isinstance(value, str) or (value.startswith("=") and not in_expression):
        return None
    text = value.strip()
    if not text or (in_expression and "{{" in text):
        return None
    return text


def references_only(text: str) -> bool:
    """The text outside its ``{{ $... }}`` references is empty or only an auth scheme word.

    ``Bearer {{ $credentials.token }}`` without the leading ``=`` is sent as that literal text:
    no secret is written in the workflow, so it is not a hardcoded credential. What is wrong is
    the missing ``=`` (``expression_missing_prefix`` reports it). n8n's SDK calls any value
    without ``=`` hardcoded; we part from it here because our message says a secret was
    written. A ``{{ }}`` with no ``$`` (``{{ YOUR API KEY }}``) is a placeholder, not a reference.
    """
    if "{{" not in text:
        return False
    rest = _REFERENCE.sub(" ", text).strip().lower()
    return rest in _AUTH_SCHEMES


def is_placeholder(text: str) -> bool:
    """True for stand-ins like ``YOUR_API_KEY`` or ``<token>``."""
    return bool(_PLACEHOLDER.search(text))


def find_hardcoded_secrets(node_type: str, params: Any, flat: str | None = None) -> list[SecretHit]:
    """Hardcoded secrets in one node's parameters (empty for node types we do not scan).

    Never raises for any JSON value; one hit per offending field, in document order. ``flat``
    is ``repr(params)`` when the caller already has it (a fast pre-check reads it).
    """
    if node_type not in SCANNED_TYPES or not isinstance(params, dict):
        return []
    hits: list[SecretHit] = []
    seen: set[str] = set()
    if node_type in HTTP_TYPES:
        for hit in _http_named_fields(params):
            seen.add(hit.path)
            hits.append(hit)
    flat = repr(params) if flat is None else flat
    for hit in _shaped_values(params, flat, node_type in CODE_TYPES):
        if not any(hit.path == s or hit.path.startswith(s + ".") for s in seen):
            seen.add(hit.path)
            hits.append(hit)
    return hits


def _http_named_fields(params: dict[str, Any]) -> Iterator[SecretHit]:
    """Credential-named headers, query and body parameters holding literal values."""
    for key, where in (
        ("headerParameters", "header"),
        ("queryParameters", "query parameter"),
        ("bodyParameters", "body field"),
    ):
        entries = params.get(key)
        entries = entries.get("parameters") if isinstance(entries, dict) else None
        if not isinstance(entries, list):
            continue
        for i, entry in enumerate(entries):
            if not isinstance(entry, dict) or not is_credential_name(entry.get("name")):
                continue
            text = literal_value(entry.get("value"))
            if text is not None and not references_only(text):
                path = f"parameters.{key}.parameters[{i}].value"
                yield _named_hit(path, entry["name"], text, where)
    for key, where in (("jsonHeaders", "header"), ("jsonQuery", "query parameter")):
        yield from _json_object_fields(params.get(key), f"parameters.{key}", where)


def _json_object_fields(raw: object, path: str, where: str) -> Iterator[SecretHit]:
    """Credential-named keys with literal values in a JSON object written as text."""
    if not isinstance(raw, str) or len(raw) > MAX_TEXT:
        return
    text = raw[1:] if raw.startswith("=") else raw
    try:
        obj = json.loads(text)
    except (ValueError, RecursionError):
        return
    if not isinstance(obj, dict):
        return
    for name, value in obj.items():
        if is_credential_name(name):
            lit = literal_value(value, in_expression=True)
            if lit is not None:
                yield _named_hit(path, name, lit, where)


def _named_hit(path: str, name: str, text: str, where: str) -> SecretHit:
    if where == "header":
        standard = normalise_name(name) in AUTH_HEADERS
    else:
        standard = where == "query parameter"
    shape = secret_shape(text)
    reason = shape or f"a literal value in a credential-named {where}"
    return SecretHit(path, name, reason, is_placeholder(text), standard or shape is not None)


def _shaped_values(params: dict[str, Any], flat: str, is_code: bool) -> Iterator[SecretHit]:
    """Literal values with a known secret shape, and credential assignments inside code.

    ``flat`` (the parameters' repr) rules most nodes out before the walk.
    """
    shaped = any(h in flat for h in _SHAPE_HINTS) and _ANY_SHAPE.search(flat)
    if not shaped and not ((is_code or "Code" in flat) and _CODE_HINT.search(flat)):
        return
    for path, text, key in _strings(params, "parameters", None, 0):
        if "{{" in text and not is_code:
            text = literal_parts(text)
        label = secret_shape(text)
        if label is not None:
            yield SecretHit(path, key or "", label)
        elif is_code or (key or "").endswith("Code"):
            yield from _code_assignments(path, text)


def literal_parts(text: str) -> str:
    """``text`` without its ``{{ ... }}`` segments (linear; an unclosed ``{{`` ends the text)."""
    out: list[str] = []
    pos = 0
    while True:
        start = text.find("{{", pos)
        if start < 0:
            out.append(text[pos:])
            break
        out.append(text[pos:start])
        end = text.find("}}", start + 2)
        if end < 0:
            break
        out.append(" ")
        pos = end + 2
    return "".join(out)


def _code_assignments(path: str, code: str) -> Iterator[SecretHit]:
    """``apiKey = "..."`` in code, when the value looks like a real key (long, mixed, no spaces)."""
    if len(code) > MAX_TEXT:
        return
    for m in _QUOTED_TOKEN.finditer(code):
        value = m.group(2)
        named = _ASSIGNED_NAME.search(code, max(0, m.start() - 60), m.start())
        if named is None or not is_credential_name(named.group(1)):
            continue
        if _looks_random(value) and not is_placeholder(value):
            yield SecretHit(path, named.group(1), "a credential assigned in code")
            return


def _looks_random(value: str) -> bool:
    """A token-like string: 16+ characters, no spaces, letters and digits mixed."""
    v = value.strip()
    if len(v) < 16 or " " in v or v.startswith(("http://", "https://", "$", "process.env")):
        return False
    return any(c.isdigit() for c in v) and any(c.isalpha() for c in v)


def _strings(
    value: Any, path: str, key: str | None, depth: int
) -> Iterator[tuple[str, str, str | None]]:
    """``(path, text, key)`` for every string in a parameter tree (keys included as names)."""
    if depth > MAX_DEPTH:
        return
    if isinstance(value, str):
        yield path, value, key
    elif isinstance(value, dict):
        # a {name, value} pair (headers, Set assignments) names its value
        named = value.get("name") if isinstance(value.get("name"), str) else None
        for k, v in value.items():
            if not isinstance(k, str):
                continue
            sub = f"{path}.{k}" if k.isidentifier() else f'{path}["{k}"]'
            yield from _strings(v, sub, named if k == "value" and named else k, depth + 1)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _strings(v, f"{path}[{i}]", key, depth + 1)
