"""Requests per minute per user (or per client address), counted in PostgreSQL so every worker
and every instance shares one count. One UPSERT per request: the row lock orders concurrent
requests of the same subject, and the window starts at the subject's first request in it.

A signed-in request finds its user and counts the request in that same statement
(``lookup_and_hit``): one round trip instead of a transaction for the lookup plus the UPSERT.
Each is its own transaction sent in one round trip and committed without waiting for the disk,
so a subject's row is locked only while the statement and its COMMIT run on the server.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import psycopg

from nodepilot.db import APP_ROLE
from service.onetrip import one_trip

WINDOW_S = 60
#: One request of a subject; ``{source}`` yields the (subject, window_start, hits) row.
_COUNT = """
INSERT INTO rate_limit_windows AS w (subject, window_start, hits)
{source}
ON CONFLICT (subject) DO UPDATE SET
    window_start = CASE WHEN w.window_start <= clock_timestamp() - make_interval(secs => %(window)s)
                        THEN clock_timestamp() ELSE w.window_start END,
    hits = CASE WHEN w.window_start <= clock_timestamp() - make_interval(secs => %(window)s)
                THEN 1 ELSE w.hits + 1 END
RETURNING hits, extract(epoch FROM w.window_start + make_interval(secs => %(window)s)
                                   - clock_timestamp()) AS left_s
"""
_HIT = _COUNT.format(source="VALUES (%(subject)s, clock_timestamp(), 1)")
#: after the count of ``lookup_and_hit``: the application role, and no wait for the WAL flush
_AS_APP = (
    f"SELECT set_config('role', '{APP_ROLE}', true), "
    "set_config('synchronous_commit', 'off', true)"
)
_PRUNE = "DELETE FROM rate_limit_windows WHERE window_start < now() - interval '10 minutes'"


@dataclass(frozen=True)
class Decision:
    allowed: bool
    limit: int
    remaining: int
    reset_s: int

    def headers(self) -> dict[str, str]:
        out = {
            "RateLimit-Limit": str(self.limit),
            "RateLimit-Remaining": str(self.remaining),
            "RateLimit-Reset": str(self.reset_s),
        }
        if not self.allowed:
            out["Retry-After"] = str(self.reset_s)
        return out


@contextmanager
def autocommit(conn: psycopg.Connection) -> Iterator[psycopg.Connection]:
    """``conn`` in autocommit mode for the block (a pooled connection gets its mode back)."""
    saved = conn.autocommit
    if not saved:
        conn.autocommit = True
    try:
        yield conn
    finally:
        if not saved and not conn.closed:
            conn.autocommit = False


def _decide(hits: int, left_s: Any, limit: int) -> Decision:
    reset = max(1, math.ceil(float(left_s)))
    return Decision(hits <= limit, limit, max(0, limit - hits), reset)


def _housekeeping(conn: psycopg.Connection) -> None:
    if random.random() < 0.001:  # noqa: S311 - housekeeping, not security
        with autocommit(conn):
            conn.execute(_PRUNE)


def _count(conn: psycopg.Connection, sql: str, params: dict[str, Any]) -> tuple[Any, ...] | None:
    """Run one counting statement in its own transaction, sent with its BEGIN and COMMIT in one
    round trip, committed without waiting for the WAL flush: a count lost in a crash costs
    nothing, while waiting for the disk would hold the subject's row lock (one user's parallel
    requests queue on it) for the length of an fsync."""
    with one_trip(conn, durable=False):
        counted = conn.execute(sql, params)
    row = counted.fetchone()
    _housekeeping(conn)
    return row


def hit(conn: psycopg.Connection, subject: str, limit: int) -> Decision:
    """Count one request of ``subject`` and say whether it is within ``limit`` per minute."""
    hits, left_s = _count(conn, _HIT, {"subject": subject, "window": WINDOW_S})
    return _decide(hits, left_s, limit)


def lookup_and_hit(
    conn: psycopg.Connection,
    ctes: str,
    params: dict[str, Any],
    limit: int,
    then: Callable[[psycopg.Connection], Any] | None = None,
) -> tuple[tuple[Any, ...] | None, Decision | None, Any]:
    """Find a user and count one request of ``user:<id>``, in one statement.

    ``ctes`` are WITH-clause entries ending in one named ``who`` that yields at most one
    ``(id, email, role)`` row. Returns that row, the decision and what ``then`` returned, or
    ``(None, None, ...)`` (nothing counted) when ``who`` is empty.

    ``then(conn)`` queues more statements for the same round trip (a chat's credit hold), run
    after the count as the application role with ``app.user_id`` set by the count statement
    itself — to the user it found, or to nobody when it found none or the request is over the
    limit — so they see only that user's rows (row-level security) before Python knows who
    the user is. Saves a round trip and a thread hand-off per chat (#12 speed, session 7).
    """
    source = "SELECT 'user:' || who.id::text, clock_timestamp(), 1 FROM who"
    user = ""
    if then is not None:
        user = (
            ", set_config('app.user_id', CASE WHEN hit.hits <= %(limit)s THEN who.id::text "
            "ELSE '' END, true)"
        )
    sql = (
        f"WITH {ctes}, hit AS ({_COUNT.format(source=source)})\n"
        f"SELECT who.id, who.email, who.role, hit.hits, hit.left_s{user} "
        "FROM who LEFT JOIN hit ON true"
    )
    args = {**params, "window": WINDOW_S, "limit": limit}
    # with ``then``, the COMMIT's durability is set with the role switch: one statement fewer
    with one_trip(conn, durable=then is not None):
        counted = conn.execute(sql, args)
        if then is not None:
            conn.execute(_AS_APP)
            queued = then(conn)
    row = counted.fetchone()
    _housekeeping(conn)
    if row is None:
        return None, None, None
    return tuple(row[:3]), _decide(row[3], row[4], limit), queued if then is not None else None
