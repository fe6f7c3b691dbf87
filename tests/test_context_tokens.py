"""Token counts summed over cached segments equal the encoder's count of the whole text.

``count_tokens`` cuts a text after newlines that a printable character follows and sums the
(cached) counts of the segments; cl100k's pre-tokenizer never joins text across such a cut, so
the sum is exact (a long text's total is kept too). Checked here against the
encoder itself on texts built to stress the pattern (whitespace runs around newlines,
apostrophes, digits, symbols, non-ASCII letters and spaces, special-token text), on long
segments (the digest-keyed cache) and on real prompts.
"""

from __future__ import annotations

from context_support import AGENT_REQUEST, README_REQUEST, SIX_TYPES_REQUEST, prompt_for
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.context import tokens

PIECES = [
    "a", "Z", "é", "日本", "ß", "7", "42", "1234", " ", "  ", "\t", "\n", "\n\n", "\r\n", "\r",
    "'s", "'ll", "'T", "'", "#", "##", "-", "`", "*", "(", "{", '"', ".", ":", "→", "…", "🚀",
    "\u00a0", "\u2028", "\u0085", "\x1c", "\u3000", "<|endoftext|>", " word", " 9", "\n ", " \n",
]  # fmt: skip


def encoder_count(text: str) -> int:
    """What counting did before segments: the encoder over the whole text."""
    enc = tokens._encoding()
    assert enc is not None, "these tests need the cl100k encoding (dev dependencies)"
    return len(enc.encode(text, disallowed_special=()))


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60).map("".join))
def test_segment_sums_equal_the_encoder_on_whitespace_heavy_text(text: str) -> None:
    assert tokens.count_tokens(text) == encoder_count(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=40), max_size=12).map("\n".join))
def test_segment_sums_equal_the_encoder_on_any_lines(text: str) -> None:
    assert tokens.count_tokens(text) == encoder_count(text)
    assert tokens.count_tokens(text) == encoder_count(text)  # the cached answer too


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(PIECES), st.integers(min_value=1, max_value=120)),
        min_size=1,
        max_size=6,
    )
)
def test_long_segments_counted_through_the_digest_cache_are_exact(
    runs: list[tuple[str, int]],
) -> None:
    text = "".join(piece * times for piece, times in runs) + "x" * 300
    assert any(len(s) > tokens._SHORT_SEGMENT for s in tokens.segments(text))
    assert tokens.count_tokens(text) == encoder_count(text)
    assert tokens.count_tokens(text) == encoder_count(text)


def test_real_prompts_count_the_same_as_the_encoder() -> None:
    for request in (README_REQUEST, AGENT_REQUEST, SIX_TYPES_REQUEST):
        prompt = prompt_for(request)
        for part in (prompt.system, prompt.context, prompt.task):
            assert tokens.count_tokens(part) == encoder_count(part)
        assert len(tokens.segments(prompt.context)) > 20  # really cut into many segments


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_segments_join_back_and_each_later_one_follows_a_newline(text: str) -> None:
    parts = tokens.segments(text)
    assert "".join(parts) == text
    assert all(p for p in parts[1:])
    for before, after in zip(parts, parts[1:], strict=False):
        assert before.endswith("\n") and "!" <= after[0] <= "~"


def test_the_long_segment_cache_stays_bounded() -> None:
    counts = tokens._LongSegmentCounts(size=3)
    texts = [f"{i} " + "long text " * 40 for i in range(5)]
    assert [counts.count(t) for t in texts] == [encoder_count(t) for t in texts]
    assert len(counts.counts) == 3
    assert counts.count(texts[0]) == encoder_count(texts[0])  # dropped, counted again


def test_long_texts_kept_whole_differing_by_one_character_keep_their_own_counts() -> None:
    base = "## Slack `n8n-nodes-base.slack`\n- `text` string, required\n" * 200
    assert len(base) >= tokens._WHOLE_TEXT
    texts = [base + "x", base + "xx", base + " x", base + "x"]
    for _ in range(2):  # counted, then answered from the whole-text cache
        assert [tokens.count_tokens(t) for t in texts] == [encoder_count(t) for t in texts]


def test_the_whole_text_cache_stays_bounded() -> None:
    base = "- `text` string, required\n" * (tokens._WHOLE_TEXT // 20)
    for i in range(tokens._CACHED_WHOLE + 5):
        tokens.count_tokens(f"{i}\n{base}")
    assert len(tokens._WHOLE) == tokens._CACHED_WHOLE
    assert tokens.count_tokens(f"0\n{base}") == encoder_count(f"0\n{base}")  # dropped, counted
