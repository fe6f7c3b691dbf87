"""Any text may arrive as a request (a terminal's undecodable bytes, JSON's lone surrogates,
control characters): the pipeline cleans it or refuses it with a clear error, never a traceback."""

from __future__ import annotations

import contextlib
import io
import os
import unicodedata
from collections.abc import Iterator

import pytest
from first_run_support import run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.pipeline import Pipeline, check_request
from nodepilot.config import Settings
from nodepilot.errors import UserError

#: Every code point, lone surrogates and control characters included.
ANY_CHAR = st.characters(exclude_categories=())
ANY_TEXT = st.text(ANY_CHAR, max_size=60)
#: Request-like text with bad characters mixed in.
MIXED_TEXT = st.lists(
    st.one_of(
        st.sampled_from(["send", "slack", "every day", "gmail", "sheet", " ", "\n"]),
        st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF),
        st.characters(categories=["Cc"]),
        ANY_CHAR,
    ),
    max_size=25,
).map("".join)


@given(st.one_of(ANY_TEXT, MIXED_TEXT))
@settings(max_examples=400, deadline=None)
def test_check_request_cleans_or_refuses_any_text(text: str) -> None:
    try:
        cleaned = check_request(text)
    except UserError as exc:
        assert exc.message.startswith(("the request is empty", "the request is not valid text"))
        str(exc).encode("utf-8")  # printable: the error never echoes the bad character
        return
    cleaned.encode("utf-8")  # no lone surrogates
    assert cleaned == cleaned.strip() and cleaned
    assert unicodedata.is_normalized("NFC", cleaned)
    assert not [c for c in cleaned if unicodedata.category(c) == "Cc" and c not in "\t\n"]
    assert check_request(cleaned) == cleaned


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("send slack \x01\x02 message \udcff\udcfe every day", "the byte 0xff, which is not UTF-8"),
        ("post to slack \ud800 daily", "a lone surrogate (U+D800) at character 15"),
        ("\x00\x01\x1b", "the request is empty"),
    ],
)
def test_bad_text_is_named_by_position(text: str, needle: str) -> None:
    with pytest.raises(UserError) as info:
        check_request(text)
    assert needle in info.value.message


def test_control_characters_become_spaces_and_text_is_nfc() -> None:
    assert check_request(" send\x01slack\x7fmessage\r\nto Cafe\u0301\t ") == (
        "send slack message \nto Caf\u00e9"
    )


@pytest.fixture(scope="module")
def pipeline(indexed: Settings) -> Iterator[Pipeline]:
    with Pipeline(provider="offline", use_cache=False) as p:
        yield p


@given(MIXED_TEXT)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_pipeline_run_never_raises_anything_but_a_user_error(pipeline: Pipeline, text: str) -> None:
    try:
        result = pipeline.run(text)
    except UserError:
        return
    assert result.status in ("succeeded", "answered", "failed")
    result.request.encode("utf-8")


def _generate_in_process(text: str) -> tuple[int, str]:
    """``nodepilot generate TEXT`` through the CLI's entry point: (exit code, stderr)."""
    from nodepilot.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main(["generate", "--no-cache", text])
            code = 0
        except SystemExit as exc:
            code = int(exc.code or 0)
    return code, err.getvalue()


@given(MIXED_TEXT)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_generate_cli_exits_cleanly_for_any_text(indexed: Settings, text: str) -> None:
    code, err = _generate_in_process(text)
    assert code in (0, 1, 2), err
    assert "Traceback" not in err
    if code == 2:
        assert err.startswith("error: the request is")


def test_generate_cli_refuses_undecodable_bytes_with_exit_2(indexed: Settings) -> None:
    """The issue's command: printf 'send slack \\x01\\x02 message \\xff\\xfe every day'."""
    request = os.fsdecode(b"send slack \x01\x02 message \xff\xfe every day")
    out = run_cli("generate", request)
    assert out.returncode == 2, out.stderr
    assert "Traceback" not in out.stderr
    assert out.stderr.startswith(
        "error: the request is not valid text: the byte 0xff, which is not UTF-8, at character 23"
    )
    assert "hint: write the request as UTF-8 text" in out.stderr
