"""Requests per minute per user (or per client address), counted in PostgreSQL so every worker
and every instance shares one count. One UPSERT per request: the row lock orders concurrent
requests of the same subject, and the window starts at the subject's first request in it.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

import psycopg

WINDOW_S = 60
_HIT = """
INSERT INTO rate_limit_windows AS w (subject, window_start, hits)
VALUES (%(subject)s, clock_timestamp(), 1)
ON CONFLICT (subject) DO UPDATE SET
    window_start = CASE WHEN w.window_start <= clock_timestamp() - make_interval(secs => %(window)s)
                        THEN clock_timestamp() ELSE w.window_start END,
    hits = CASE WHEN w.window_start <= clock_timestamp() - make_interval(secs => %(window)s)
                THEN 1 ELSE w.hits + 1 END
RETURNING hits, extract(epoch FROM w.window_start + make_interval(secs => %(window)s)
                                   - clock_timestamp())
"""


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


def hit(conn: psycopg.Connection, subject: str, limit: int) -> Decision:
    """Count one request of ``subject`` and say whether it is within ``limit`` per minute."""
    # autocommit: the subject's row is locked only while the statement runs, not for the
    # extra round trip of a COMMIT (one user's parallel requests queue on that row)
    saved = conn.autocommit
    conn.autocommit = True
    try:
        hits, left_s = conn.execute(_HIT, {"subject": subject, "window": WINDOW_S}).fetchone()
        if random.random() < 0.001:  # noqa: S311 - housekeeping, not security
            conn.execute(
                "DELETE FROM rate_limit_windows WHERE window_start < now() - interval '10 minutes'"
            )
    finally:
        conn.autocommit = saved
    reset = max(1, math.ceil(float(left_s)))
    return Decision(hits <= limit, limit, max(0, limit - hits), reset)
