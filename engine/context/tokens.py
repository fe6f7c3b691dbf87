"""Token counts for the context budget, the same on every machine that has the dev tools.

No vendor tokenizer works offline (Claude's is not published; tiktoken downloads its
encodings). ``llama-index-core`` (a dev dependency) ships tiktoken's ``cl100k_base`` file, so
when that is present counts are exact cl100k counts; otherwise they are estimated at 3.6
characters a token (what cl100k gives for our schema text). Claude's tokenizer counts some
10-20% more for the same text, which the budget leaves room for.
"""

from __future__ import annotations

import logging
import math
import os
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


def count_tokens(text: str) -> int:
    """cl100k tokens in ``text`` (estimated from its length when the encoding is absent)."""
    enc = _encoding()
    if enc is None:
        return math.ceil(len(text) / CHARS_PER_TOKEN)
    return len(enc.encode(text, disallowed_special=()))


def tokenizer_name() -> str:
    """What :func:`count_tokens` uses, for reports."""
    return "cl100k_base" if _encoding() is not None else f"estimate ({CHARS_PER_TOKEN} chars/token)"
