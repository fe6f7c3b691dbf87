"""The node names a request uses are found exactly as the flat alternation of all names finds
them, though the pattern is factored by first letter for speed (``engine.context.related``)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from engine.context import related
from eval.datasets import load_dataset
from nodepilot.paths import DATASETS_DIR

_PATTERN, BY_PHRASE = related._names()
PHRASES = sorted(BY_PHRASE)
FLAT = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(re.escape(p) for p in sorted(BY_PHRASE, key=len, reverse=True))
    + r")(?![\w-])",
    re.I,
)


def flat_named_types(request: str, limit: int = 8) -> list[str]:
    """The reference: every name tried at every place, longest first."""
    return related.types_matched(FLAT, BY_PHRASE, request, limit)


def _cased(text: str, upper: list[bool]) -> str:
    return "".join(c.upper() if u else c for c, u in zip(text, upper * len(text), strict=False))


words = st.one_of(
    st.sampled_from(PHRASES),
    st.sampled_from(PHRASES).map(lambda p: p[:-1]),  # a name cut short
    st.sampled_from(["a", "the", "to", "-", "n8n", "via", "K", "ſ", "İ", "é", "x1", "_"]),
)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(words, max_size=12),
    st.lists(st.sampled_from([" ", "-", "", ", ", "\n", "/"]), min_size=1, max_size=4),
    st.lists(st.booleans(), min_size=1, max_size=5),
)
def test_factored_names_match_the_flat_alternation(
    parts: list[str], glue: list[str], upper: list[bool]
) -> None:
    text = "".join(p + glue[i % len(glue)] for i, p in enumerate(parts))
    text = _cased(text, upper)
    assert related.named_types(text) == flat_named_types(text)
    assert related.named_types(text, limit=50) == flat_named_types(text, limit=50)


def test_benchmark_requests_name_the_same_types_either_way() -> None:
    texts = [c.request for c in load_dataset(DATASETS_DIR / "bench", split=("dev", "test"))]
    assert len(texts) > 100
    assert sum(bool(flat_named_types(t)) for t in texts) > 50  # names really are found
    for text in texts:
        assert related.named_types(text) == flat_named_types(text), text


def test_the_pattern_is_factored_by_first_letter() -> None:
    assert len(PHRASES) > 300
    assert "s(?:" in _PATTERN.pattern and _PATTERN.pattern.count("|") > len(PHRASES) - 30
