"""Earlier conversation turns are cleaned like the request before any stage reads them
(control characters, NFC, lone surrogates refused naming the turn) - issue #16's leftover."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from llm_server import Reply, running_llm_server
from prompt_versions_support import strings_in

from engine.pipeline import Pipeline
from engine.request_text import check_conversation
from engine.types import Message
from nodepilot.config import Settings, get_settings
from nodepilot.errors import UserError

ANY_CHAR = st.characters(exclude_categories=())
TURN_TEXT = st.lists(
    st.one_of(
        st.sampled_from(["add", "slack", "every day", "gmail", "sheet", " ", "\n", "Cafe\u0301"]),
        st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF),
        st.characters(categories=["Cc"]),
        ANY_CHAR,
    ),
    max_size=20,
).map("".join)
TURNS = st.lists(
    st.builds(
        Message,
        role=st.sampled_from(["user", "assistant"]),
        content=TURN_TEXT,
        workflow=st.sampled_from([None, {"nodes": [], "connections": {}}]),
    ),
    max_size=4,
)


def _is_clean(text: str) -> bool:
    text.encode("utf-8")  # raises on a lone surrogate
    return (
        text == text.strip()
        and unicodedata.is_normalized("NFC", text)
        and not [c for c in text if unicodedata.category(c) == "Cc" and c not in "\t\n"]
    )


@given(TURNS)
@settings(max_examples=300, deadline=None)
def test_check_conversation_cleans_every_turn_or_names_the_bad_one(turns: list[Message]) -> None:
    try:
        cleaned = check_conversation(turns)
    except UserError as exc:
        bad = next(
            i for i, t in enumerate(turns, 1) if any(0xD800 <= ord(c) <= 0xDFFF for c in t.content)
        )
        assert exc.message.startswith(f"turn {bad} of the conversation is not valid text: ")
        str(exc).encode("utf-8")  # the error never echoes the bad character
        return
    assert len(cleaned) == len(turns)
    for before, after in zip(turns, cleaned, strict=True):
        assert _is_clean(after.content)
        assert (after.role, after.workflow) == (before.role, before.workflow)
    assert check_conversation(cleaned) == cleaned


def test_the_bad_character_and_its_turn_are_named() -> None:
    turns = [Message("user", "post to slack daily"), Message("assistant", "ok \udcff there")]
    with pytest.raises(UserError) as info:
        check_conversation(turns)
    assert info.value.message == (
        "turn 2 of the conversation is not valid text: "
        "the byte 0xff, which is not UTF-8, at character 4"
    )


@pytest.fixture(scope="module")
def offline(indexed: Settings) -> Iterator[Pipeline]:
    with Pipeline(provider="offline", use_cache=False) as p:
        yield p


@given(TURNS, st.sampled_from(["add a Gmail step", "what does a webhook do?", "make it hourly"]))
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_pipeline_run_takes_any_conversation(
    offline: Pipeline, turns: list[Message], request: str
) -> None:
    try:
        result = offline.run(request, turns)
    except UserError as exc:
        assert "of the conversation is not valid text" in exc.message
        return
    assert result.status in ("succeeded", "answered", "failed")
    json.dumps(result.to_dict(), ensure_ascii=False).encode("utf-8")


def test_the_model_reads_the_cleaned_turns(indexed: Settings, monkeypatch) -> None:
    """The LLM classifier's prompt carries the earlier turns: cleaned, over the real SDK."""
    with running_llm_server() as server:
        monkeypatch.setenv("NODEPILOT_ANTHROPIC_BASE_URL", server.url)
        monkeypatch.setenv("NODEPILOT_ANTHROPIC_API_KEY", "sk-ant-test-0123456789")
        get_settings.cache_clear()
        try:
            server.push(
                Reply.data({"intent": "question", "confidence": 0.9, "reason": "asks"}),
                Reply.text("A webhook starts a workflow when called."),
            )
            earlier = [Message("user", "Send\x07 the Cafe\u0301 menu\x1b to Slack\r")]
            with Pipeline(provider="anthropic", classifier="llm", use_cache=False) as p:
                result = p.run("what does a webhook do?", earlier)
            (first, *_) = server.wait_for_requests(1)
        finally:
            get_settings.cache_clear()
    assert result.status == "answered"
    sent = "\n".join(strings_in(first.body))
    assert "Send  the Caf\u00e9 menu  to Slack" in sent
    assert "\x07" not in sent and "\x1b" not in sent and "Cafe\u0301" not in sent
