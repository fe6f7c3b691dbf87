"""Keyset pagination: a cursor is the (timestamp, id) of the last item of the previous page,
newest first, so pages stay stable while new rows arrive."""

from __future__ import annotations

import base64
from datetime import datetime
from typing import Any
from uuid import UUID

from service.errors import ApiError

DEFAULT_LIMIT = 20
MAX_LIMIT = 100


def encode(at: datetime, row_id: Any) -> str:
    raw = f"{at.isoformat()}|{row_id}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(cursor: str | None) -> tuple[datetime, str] | None:
    """(timestamp, id) from a cursor, or a 422 naming the bad cursor."""
    if not cursor:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        at, _, row_id = raw.partition("|")
        when = datetime.fromisoformat(at)
        if when.tzinfo is None:
            raise ValueError("naive timestamp")
        return when, str(UUID(row_id))
    except (ValueError, UnicodeDecodeError):
        raise ApiError(
            422,
            "invalid_input",
            "cursor: not a cursor this API returned",
            hint="pass next_cursor from the previous page unchanged",
        ) from None


def params(after: tuple[datetime, str] | None, limit: int) -> dict[str, Any]:
    """Query parameters ``at``, ``id`` (the cursor's, or None) and ``n`` (one more than a page,
    to know whether another page follows)."""
    return {"at": after[0] if after else None, "id": after[1] if after else None, "n": limit + 1}


def page(
    rows: list[Any], limit: int, at_index: int, id_index: int = 0
) -> tuple[list[Any], str | None]:
    """The first ``limit`` rows and the cursor of the next page (None when this is the last)."""
    if len(rows) <= limit:
        return rows, None
    last = rows[limit - 1]
    return rows[:limit], encode(last[at_index], last[id_index])
