"""Field types shared by the request models."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator


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
