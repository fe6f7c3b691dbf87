"""Helpers of the held-out set tests (datasets/generalise, datasets/holdout_b): word overlap
between requests.

Why here: the near-copy rule (a held-out request must not be a light rewording of a request the
engine's authors have seen) needs the same tokeniser for every comparison, in both sets' tests.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_WORD = re.compile(r"[a-z0-9]+")


def tokens(text: str) -> frozenset[str]:
    """The lower-cased words and numbers of ``text`` (punctuation and emoji dropped)."""
    return frozenset(_WORD.findall(text.lower()))


def jaccard(left: frozenset[str], right: frozenset[str]) -> float:
    """Shared words over all words of the two sets (0.0 when both are empty)."""
    union = left | right
    return len(left & right) / len(union) if union else 0.0


def closest_overlap(text: str, others: Iterable[frozenset[str]]) -> float:
    """The highest word overlap between ``text`` and any of ``others`` (0.0 when none)."""
    mine = tokens(text)
    return max((jaccard(mine, other) for other in others), default=0.0)
