"""Text entering the pipeline - the request and every earlier conversation turn - cleaned or
refused with a clear error (never a traceback from the tokenizer or the database later on).

Cleaned: control characters become spaces (tabs and line breaks stay), then NFC, then stripped.
Refused: lone surrogates - bytes a terminal could not decode as UTF-8, or ``"\\ud800"`` in
JSON. No one can tell which character they stood for, the tokenizer cannot read them and they
cannot be printed, so the error names the first one by position.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import replace

from engine.types import Message
from nodepilot.errors import UserError

#: Requests longer than this are refused (a request is a paragraph, not a document).
MAX_REQUEST_CHARS = 20_000
_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_EMPTY_HINT = 'describe the automation, e.g. "every Monday …"'


def _surrogate_problem(text: str) -> str | None:
    """What the first lone surrogate in ``text`` stands for and where, or None."""
    bad = _SURROGATE.search(text)
    if bad is None:
        return None
    code = ord(bad.group())
    what = (  # Python decodes an undecodable byte b as the surrogate U+DC00 + b
        f"the byte 0x{code - 0xDC00:02x}, which is not UTF-8,"
        if 0xDC80 <= code <= 0xDCFF
        else f"a lone surrogate (U+{code:04X})"
    )
    return f"{what} at character {bad.start() + 1}"


def clean_text(text: str) -> str:
    """Control characters as spaces, NFC, stripped (the text holds no lone surrogate)."""
    return unicodedata.normalize("NFC", _CONTROL.sub(" ", text)).strip()


def check_request(text: object) -> str:
    """The cleaned request, or a UserError saying what is wrong with it."""
    if not isinstance(text, str) or not text.strip():
        raise UserError("the request is empty", hint=_EMPTY_HINT)
    if len(text) > MAX_REQUEST_CHARS:
        raise UserError(
            f"the request is {len(text):,} characters long; the limit is {MAX_REQUEST_CHARS:,}",
            hint="describe the workflow in a few sentences; attach data separately",
        )
    problem = _surrogate_problem(text)
    if problem is not None:
        raise UserError(
            f"the request is not valid text: {problem}", hint="write the request as UTF-8 text"
        )
    cleaned = clean_text(text)
    if not cleaned:
        raise UserError("the request is empty", hint=_EMPTY_HINT)
    return cleaned


def check_conversation(conversation: Sequence[Message]) -> tuple[Message, ...]:
    """The earlier turns with their text cleaned like the request's, or a UserError naming the
    turn (counted from 1) and the character that is not text.

    A turn may be empty (an assistant turn that only carries a workflow) and is not limited in
    length: assistant answers can be long, and the service stores what it was given.
    """
    out = []
    for number, message in enumerate(conversation, start=1):
        content = message.content if isinstance(message.content, str) else ""
        problem = _surrogate_problem(content)
        if problem is not None:
            raise UserError(
                f"turn {number} of the conversation is not valid text: {problem}",
                hint="write the conversation as UTF-8 text",
            )
        cleaned = clean_text(content)
        out.append(message if cleaned == message.content else replace(message, content=cleaned))
    return tuple(out)
