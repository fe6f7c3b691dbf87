"""Field types shared by the request models."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field


def _storable(text: str) -> str:
    """Refuse what PostgreSQL text cannot hold: NUL characters and lone surrogates."""
    if "\x00" in text:
        raise ValueError("must not contain NUL characters")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("must be valid Unicode (no lone surrogates)") from None
    return text


#: A string that can be stored as PostgreSQL text.
Text = Annotated[str, AfterValidator(_storable)]


def _not_blank(text: str) -> str:
    """Refuse a name that is only whitespace (stored, it would fall back to a default and the
    caller's rename would silently become another name); keep it without its outer spaces."""
    stripped = text.strip()
    if not stripped:
        raise ValueError("must not be blank (only whitespace)")
    return stripped


#: A stored name: storable text with something besides whitespace in it, stripped. The
#: pattern documents it in the schema (and keeps generated examples valid); the validator
#: gives the message.
Name = Annotated[
    str,
    AfterValidator(_storable),
    AfterValidator(_not_blank),
    Field(json_schema_extra={"pattern": r"\S"}),
]
