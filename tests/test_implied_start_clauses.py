"""The clause bounds of ``engine.implied_start`` (HR11 D4): found once per request with one scan
and bisected per app mention, they must equal the per-mention rescan they replaced."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from engine.implied_start import ClauseMarks

#: The clause marks as the rescan read them (kept here as the reference).
_MARK = re.compile(r"[,;:!?\n()]|\.(?=\s|$)|->|=>|\u2192")


def _rescan(text: str, pos: int, end: int) -> tuple[int, int]:
    """The old per-mention reading: the last mark ending before ``pos``, the next from ``end``."""
    begin = max((m.end() for m in _MARK.finditer(text, 0, pos)), default=0)
    stop = _MARK.search(text, end)
    return begin, stop.start() if stop else len(text)


_TEXT = st.text(alphabet="ab ,;:.!?()-=>\n\u2192", max_size=60)


@settings(max_examples=500)
@given(_TEXT, st.data())
def test_bisected_bounds_equal_the_rescan(text: str, data: st.DataObject) -> None:
    pos = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(pos, len(text)))
    # where ``pos`` cuts a mark the rescan saw a different text ("a.b" read as "a." + end, the
    # "-" of "->"); an app's name never starts there
    if pos and (text[pos - 1] == "." or (text[pos - 1] in "-=" and text[pos : pos + 1] == ">")):
        return
    assert ClauseMarks(text).bounds(pos, end) == _rescan(text, pos, end)


def test_bounds_of_a_mention_in_its_clause() -> None:
    text = "Export Asana tasks completed in March, then post to Slack"
    pos = text.index("Asana")
    assert ClauseMarks(text).bounds(pos, pos + 5) == (0, text.index(","))
