"""Expression checks on raw parameter values (our policy; n8n only finds these at run time).

An n8n expression is a string starting with ``=`` whose ``{{ ... }}`` segments are evaluated.
Three mistakes are common in generated workflows and are cheap to catch statically:

* ``{{ $json.x }}`` written without the leading ``=`` - n8n sends the braces literally;
* a ``{{`` that is never closed;
* ``$('Name')`` / ``$node["Name"]`` naming a node that does not exist (renamed or invented).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from engine.validation.findings import FindingSink
from nodepilot.workflow import STICKY_NOTE

#: Parameters holding program code: ``{{`` there is code, not an expression.
CODE_KEYS = frozenset(
    {"jsCode", "pythonCode", "code", "functionCode", "html", "css", "content", "jsonSchema"}
)
#: Node types whose parameters are free text (sticky notes, HTML templates).
TEXT_NODE_TYPES = frozenset({STICKY_NOTE})

_LOOKS_LIKE_EXPRESSION = re.compile(r"\{\{\s*\$")
_NODE_REFS = (
    re.compile(r"""\$\(\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1\s*\)"""),
    re.compile(r"""\$node\s*\[\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1\s*\]"""),
    re.compile(r"""\$items\(\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1"""),
)
_ESCAPE = re.compile(r"\\(.)")
MAX_DEPTH = 64


def iter_strings(value: Any, path: str, depth: int = 0) -> Iterator[tuple[str, str, str | None]]:
    """Yield ``(json_path, string, key)`` for every string inside a parameter value."""
    if depth > MAX_DEPTH:
        return
    if isinstance(value, str):
        yield path, value, None
    elif isinstance(value, dict):
        for k, v in value.items():
            if not isinstance(k, str):
                continue
            sub = f"{path}.{k}" if k.isidentifier() else f'{path}["{k}"]'
            if isinstance(v, str):
                yield sub, v, k
            else:
                yield from iter_strings(v, sub, depth + 1)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from iter_strings(v, f"{path}[{i}]", depth + 1)


def _candidates(value: Any, depth: int = 0) -> Iterator[tuple[tuple[Any, ...], str, str | None]]:
    """Like :func:`iter_strings` but only strings that may hold an expression (``{{`` or ``$``),
    with the path as a tuple of keys built only for those (most strings are plain text)."""
    if depth > MAX_DEPTH:
        return
    if type(value) is dict:
        items: Any = value.items()
    elif type(value) is list:
        items = enumerate(value)
    else:
        return
    for k, v in items:
        if type(v) is str:
            if ("{{" in v or "$" in v) and (type(k) is str or type(k) is int):
                yield (k,), v, k if type(k) is str else None
        elif type(v) is dict or type(v) is list:
            if type(k) is str or type(k) is int:
                for sub, text, key in _candidates(v, depth + 1):
                    yield (k, *sub), text, key


def _render(base: str, parts: tuple[Any, ...]) -> str:
    out = base
    for p in parts:
        if type(p) is int:
            out += f"[{p}]"
        else:
            out += f".{p}" if p.isidentifier() else f'["{p}"]'
    return out


def referenced_nodes(text: str) -> list[str]:
    """Node names an expression or code string refers to via ``$('..')``, ``$node[..]``."""
    out = []
    for rx in _NODE_REFS:
        for m in rx.finditer(text):
            out.append(_ESCAPE.sub(r"\1", m.group(2)))
    return out


def unbalanced(text: str) -> bool:
    """True when some ``{{`` has no ``}}`` after it."""
    pos = 0
    while True:
        start = text.find("{{", pos)
        if start < 0:
            return False
        end = text.find("}}", start + 2)
        if end < 0:
            return True
        pos = end + 2


def check_expressions(
    node: dict[str, Any], node_path: str, names: set[str], sink: FindingSink
) -> None:
    """Report expression problems in one node's parameters."""
    if node.get("type") in TEXT_NODE_TYPES:
        return
    params = node.get("parameters")
    if not isinstance(params, dict):
        return
    name = node.get("name") if isinstance(node.get("name"), str) else None
    base = node_path + ".parameters"
    for parts, text, key in _candidates(params):
        path = _render(base, parts)
        is_code = key in CODE_KEYS
        if text.startswith("="):
            if unbalanced(text):
                sink.add(
                    "expression_unbalanced",
                    "expression has a {{ without a matching }}",
                    node=name,
                    path=path,
                    suggestion="close every {{ with }}",
                )
        elif not is_code and _LOOKS_LIKE_EXPRESSION.search(text):
            sink.add(
                "expression_missing_prefix",
                "value uses {{ }} but does not start with '=', so n8n will not evaluate it",
                node=name,
                path=path,
                suggestion="prefix the value with '='",
            )
            continue
        if not (text.startswith("=") or is_code):
            continue
        for ref in referenced_nodes(text):
            if ref not in names:
                sink.add(
                    "expression_unknown_node",
                    f'expression refers to node "{ref}" which does not exist',
                    node=name,
                    path=path,
                    suggestion="use the exact name of an existing node",
                )
