"""When the cl100k encoding cannot be loaded, token counts fall back to the estimate and the
reason is logged (issue #17: no silent broad ``except`` in the engine)."""

from __future__ import annotations

import logging
import math

import pytest
import tiktoken

from engine.context import tokens


def test_a_broken_encoding_is_logged_and_counts_are_estimated(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def damaged(name: str) -> object:
        raise OSError(f"{name}: damaged cache file")

    monkeypatch.setattr(tiktoken, "get_encoding", damaged)
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", "/nonexistent-tiktoken-cache")
    tokens._encoding.cache_clear()
    try:
        with caplog.at_level(logging.WARNING, logger="engine.context.tokens"):
            text = "every Monday post the Stripe refunds to #finance"
            assert tokens.count_tokens(text) == math.ceil(len(text) / tokens.CHARS_PER_TOKEN)
            assert tokens.tokenizer_name().startswith("estimate")
    finally:
        tokens._encoding.cache_clear()
    (record,) = [r for r in caplog.records if r.name == "engine.context.tokens"]
    assert "OSError: cl100k_base: damaged cache file" in record.getMessage()
