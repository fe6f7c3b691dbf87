"""Token counts for the context budget, the same on every machine that has the dev tools.

No vendor tokenizer works offline (Claude's is not published; tiktoken downloads its
encodings). ``llama-index-core`` (a dev dependency) ships tiktoken's ``cl100k_base`` file, so
when that is present counts are exact cl100k counts; otherwise they are estimated at 3.6
characters a token (what cl100k gives for our schema text). Claude's tokenizer counts some
10-20% more for the same text, which the budget leaves room for.

Counting is the main CPU cost of building a prompt (~1 ms per 5,000 characters), and prompts
are mostly lines seen before (schema blocks, retrieved items). So a text is cut into segments
at points where cl100k's pre-tokenizer always separates its pieces, each segment's count is
kept in a bounded cache, and the text's count is their sum - the same number as encoding the
whole text, for any text (``tests/test_context_tokens.py`` checks that against the encoder).
The total of a long text is kept as well: a prompt's schema section and context
come back whole for every chat that repeats a request.
"""

from __future__ import annotations

import hashlib
import logging
import math
import os
import re
import threading
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path
from typing import Any

CHARS_PER_TOKEN = 3.6
log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def _encoding() -> Any:
    try:
        import tiktoken
    except ImportError:
        return None
    cache = _bundled_cache()
    if cache is None and not os.environ.get("TIKTOKEN_CACHE_DIR"):
        return None  # would try to download
    previous = os.environ.get("TIKTOKEN_CACHE_DIR")
    try:
        if cache is not None:
            os.environ["TIKTOKEN_CACHE_DIR"] = str(cache)
        return tiktoken.get_encoding("cl100k_base")
    except Exception as exc:  # noqa: BLE001 - no network, damaged file: estimate instead
        log.warning(
            "token counts are estimated (%s chars/token): tiktoken could not load "
            "cl100k_base from %s: %s: %s",
            CHARS_PER_TOKEN,
            cache or os.environ.get("TIKTOKEN_CACHE_DIR"),
            type(exc).__name__,
            exc,
        )
        return None
    finally:
        if previous is None:
            os.environ.pop("TIKTOKEN_CACHE_DIR", None)
        else:
            os.environ["TIKTOKEN_CACHE_DIR"] = previous


def _bundled_cache() -> Path | None:
    """llama-index's copy of the encoding files, found without importing llama-index."""
    import importlib.util

    try:
        spec = importlib.util.find_spec("llama_index.core")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.origin:
        return None
    path = Path(spec.origin).parent / "_static" / "tiktoken_cache"
    return path if path.is_dir() else None


#: Cut points: after a newline, before a printable ASCII character that is not a space.
#: cl100k's pre-tokenizer pattern never makes a piece that runs across such a point: a piece
#: holding a newline holds only newlines or whitespace after it (``[\r\n]*``, ``\s*[\r\n]``,
#: ``\s+``), a run of whitespace ending in that newline is one piece whether the text ends
#: there (``\s++$``) or goes on (``\s*[\r\n]``), and no lookahead reaches past it except
#: ``(?!\S)``, which only whitespace pieces use. So the tokens of the text are the sum of the
#: tokens of its segments.
_CUT = re.compile(r"\n(?=[!-~])")
#: Segments up to this long are cached under their own text, longer ones under a digest, so
#: the caches hold at most ~4 MB of text however large the texts counted.
_SHORT_SEGMENT = 256
_CACHED_SHORT = 16384
_CACHED_LONG = 4096
#: Texts this long (schema sections, whole contexts: 10-25 kB) are kept whole as well, at
#: most this many (~5 MB): a burst's requests each send two or three.
_WHOLE_TEXT = 8192
_CACHED_WHOLE = 256


def count_tokens(text: str) -> int:
    """cl100k tokens in ``text`` (estimated from its length when the encoding is absent)."""
    enc = _encoding()
    if enc is None:
        return math.ceil(len(text) / CHARS_PER_TOKEN)
    if len(text) < _WHOLE_TEXT:
        return _segments_tokens(text)
    # a prompt counts its schema section, then the whole context, again for every chat that
    # repeats a request and every repair round: the whole text's count is kept too
    with _WHOLE_LOCK:
        found = _WHOLE.get(text)
        if found is not None:
            _WHOLE.move_to_end(text)
            return found
    tokens = _segments_tokens(text)
    with _WHOLE_LOCK:
        _WHOLE[text] = tokens
        if len(_WHOLE) > _CACHED_WHOLE:
            _WHOLE.popitem(last=False)
    return tokens


def _segments_tokens(text: str) -> int:
    return sum(
        _short_segment_tokens(segment) if len(segment) <= _SHORT_SEGMENT else _LONG.count(segment)
        for segment in segments(text)
    )


def segments(text: str) -> list[str]:
    """``text`` cut after each newline that a printable ASCII character other than a space
    follows (the segments join back to ``text``)."""
    cuts = [m.end() for m in _CUT.finditer(text)]
    return [text[i:j] for i, j in zip([0, *cuts], [*cuts, len(text)], strict=True)]


@lru_cache(maxsize=_CACHED_SHORT)
def _short_segment_tokens(segment: str) -> int:
    return len(_encoding().encode_ordinary(segment))


class _LongSegmentCounts:
    """Token counts of long segments by a digest of their text (least recently used dropped)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.counts: OrderedDict[bytes, int] = OrderedDict()
        self.lock = threading.Lock()

    def count(self, segment: str) -> int:
        key = hashlib.blake2b(segment.encode("utf-8", "surrogatepass"), digest_size=16).digest()
        with self.lock:
            found = self.counts.get(key)
            if found is not None:
                self.counts.move_to_end(key)
                return found
        tokens = len(_encoding().encode_ordinary(segment))
        with self.lock:
            self.counts[key] = tokens
            if len(self.counts) > self.size:
                self.counts.popitem(last=False)
        return tokens


_LONG = _LongSegmentCounts(_CACHED_LONG)
#: Counts of whole long texts (schema sections, contexts) under the text itself: a lookup
#: hashes it (~0.3 us a kB; a digest would cost ~2) and compares it on a hit.
_WHOLE: OrderedDict[str, int] = OrderedDict()
_WHOLE_LOCK = threading.Lock()


def tokenizer_name() -> str:
    """What :func:`count_tokens` uses, for reports."""
    return "cl100k_base" if _encoding() is not None else f"estimate ({CHARS_PER_TOKEN} chars/token)"
