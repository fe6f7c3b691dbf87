"""Requests per minute per user (or per client address), counted in PostgreSQL so every worker
and every instance shares one count. One UPSERT per request: the row lock orders concurrent
requests of the same subject, and the window starts at the subject's first request in it.

A signed-in request finds its user and counts the request in that same statement
(``lookup_and_hit``): one round trip instead of a transaction for the lookup plus the UPSERT.
Each is its own transaction sent in one round trip and committed without waiting for the disk,
so a subject's row is locked only while the statement and its COMMIT run on the server.
"""

from __future__ import annotations

import functools
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
    lock: Callable[[str], str] | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> tuple[tuple[Any, ...] | None, Decision | None, Any]:
    """Find a user and count one request of ``user:<id>``, in one statement.

    ``ctes`` are WITH-clause entries ending in one named ``who`` that yields at most one
    ``(id, email, role)`` row. Returns that row, the decision and what ``then`` returned, or
    ``(None, None, None)`` (nothing counted) when ``who`` is empty.

    ``then(conn)`` queues more statements for the same round trip (a chat's credit hold), run
    after the count as the application role with ``app.user_id`` set by the count statement
    itself — to the user it found, or to nobody when it found none or the request is over the
    limit — so they see only that user's rows (row-level security) before Python knows who
    the user is. Saves a round trip and a thread hand-off per chat (#12 speed, session 7).
    ``lock(user_sql)``: SQL taking a lock for the user found within the limit (the ledger's,
    ``service.ledger.credit_lock``), taken by the count statement too, so that ``then``'s
    statements run under it without one of their own.

    The statement also turns off the COMMIT's wait for the WAL flush, and with ``then`` switches
    to the application role: BEGIN, this statement, ``then``'s, COMMIT (session 9: two
    statements fewer per chat). Safe to lose in a crash: a count (the limiter's row is no user
    data; the worst a lost count does is let a subject make a few more requests in a minute
    that ended with the crash), an API key's last-used time (a hint), and a credit hold (the
    charge re-checks the balance). User data and the ledger are written by other transactions,
    whose COMMIT waits for the flush.

    ``meanwhile()`` runs while the server works through the statement and what ``then``
    queued (``service.onetrip``).
    """
    sql = _lookup_sql(ctes, then is not None, lock)
    # durable as one_trip sees it: the statement itself turns that off
    with one_trip(conn, meanwhile=meanwhile):
        counted = conn.execute(sql, {**params, "window": WINDOW_S, "limit": limit})
        queued = then(conn) if then is not None else None
    row = counted.fetchone()
    _housekeeping(conn)
    if row is None or row[0] is None:
        return None, None, None
    return tuple(row[:3]), _decide(row[3], row[4], limit), queued


@functools.lru_cache(maxsize=32)
def _lookup_sql(ctes: str, queues: bool, lock: Callable[[str], str] | None) -> str:
    """``lookup_and_hit``'s statement. It always yields one row (the user's columns NULL when
    ``who`` is empty), so its settings are made whoever asked: with ``queues``, the role is
    switched and ``app.user_id`` is set to nobody for an unknown caller, and what ``then``
    queued sees no rows."""
    source = "SELECT 'user:' || who.id::text, clock_timestamp(), 1 FROM who"
    admitted = "hit.hits <= %(limit)s"
    settings = []
    if queues:
        settings.append(
            f"set_config('app.user_id', CASE WHEN {admitted} THEN who.id::text ELSE '' END, true)"
        )
        if lock is not None:
            settings.append(lock(f"CASE WHEN {admitted} THEN who.id END"))
        settings.append(f"set_config('role', '{APP_ROLE}', true)")
    settings.append("set_config('synchronous_commit', 'off', true)")
    return (
        f"WITH {ctes}, hit AS ({_COUNT.format(source=source)})\n"
        f"SELECT who.id, who.email, who.role, hit.hits, hit.left_s, {', '.join(settings)}\n"
        "FROM (VALUES (true)) AS one LEFT JOIN who ON true LEFT JOIN hit ON true"
    )
