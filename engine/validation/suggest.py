"""Unambiguous replacements for unknown node types (used by findings and by repair alike).

A suggestion is only *applied* by repair when it is unambiguous: an exact match after case or
prefix normalisation, a known successor (the removed Start node -> Manual Trigger), or a fuzzy
match that is clearly closer than any runner-up. Otherwise the finding lists candidates and
leaves the choice to a person or to the generator.
"""

from __future__ import annotations

import difflib
from typing import Any

#: Types n8n removed, with their successor.
SUCCESSORS = {"n8n-nodes-base.start": "n8n-nodes-base.manualTrigger"}
_MIN_RATIO = 0.8
_MARGIN = 0.08


def _short(t: str) -> str:
    return t.rsplit(".", 1)[-1].lower()


_CACHE: dict[tuple[int, str], str | None] = {}


def unambiguous_type(catalog: Any, node_type: str) -> str | None:
    """The one known type ``node_type`` surely meant, or None when unsure (memoised)."""
    if not isinstance(node_type, str) or not node_type:
        return None
    key = (id(catalog), node_type)
    if key not in _CACHE:
        if len(_CACHE) > 4096:
            _CACHE.clear()
        _CACHE[key] = _unambiguous(catalog, node_type)
    return _CACHE[key]


_CANDIDATES: dict[tuple[int, str], list[str]] = {}


def candidate_types(catalog: Any, node_type: str, n: int = 3) -> list[str]:
    """``catalog.closest_types`` memoised (difflib over ~850 names is slow per call)."""
    key = (id(catalog), node_type)
    if key not in _CANDIDATES:
        if len(_CANDIDATES) > 4096:
            _CANDIDATES.clear()
        _CANDIDATES[key] = list(catalog.closest_types(node_type, n))
    return _CANDIDATES[key]


def _unambiguous(catalog: Any, node_type: str) -> str | None:
    if node_type in SUCCESSORS:
        return SUCCESSORS[node_type]
    exact = catalog.resolve_name(node_type)
    if exact:
        return exact
    candidates = candidate_types(catalog, node_type)
    if not candidates:
        return None
    short = _short(node_type)
    pkg = node_type.rsplit(".", 1)[0] if "." in node_type else None
    scored = sorted(
        (
            (difflib.SequenceMatcher(None, short, _short(c)).ratio(), c)
            for c in candidates
            if pkg is None or c.rsplit(".", 1)[0] == pkg
        ),
        reverse=True,
    )
    if not scored or scored[0][0] < _MIN_RATIO:
        return None
    if len(scored) > 1 and scored[1][0] > scored[0][0] - _MARGIN:
        return None
    return scored[0][1]
