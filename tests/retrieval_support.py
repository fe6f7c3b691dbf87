"""Counting a connection's round trips to PostgreSQL (tests and benchmarks/retrieval_speed.py).

A round trip is one exchange the client must finish before it goes on: a statement run alone,
a BEGIN or COMMIT, a pipeline sync. In the wire protocol each ends with a message asking the
server to answer now: ``Sync`` (extended protocol, also after each statement run alone), a
simple ``Query``, or a ``Flush`` (psycopg's fetch from a pipeline before a sync; one right
after a ``Sync`` adds nothing). libpq's protocol trace lists the messages the client sent, so
the count does not depend on timing (how the answers happen to arrive).
"""

from __future__ import annotations

import tempfile
from typing import IO, Any

from psycopg import pq


def round_trips_in(trace: str) -> int:
    """Round trips in a libpq trace (``F``: the client's messages)."""
    sent = [line.split("\t")[2].split(" ")[0] for line in trace.splitlines() if line[:2] == "F\t"]
    count = 0
    for n, message in enumerate(sent):
        if message in ("Sync", "Query") or (message == "Flush" and sent[n - 1 : n] != ["Sync"]):
            count += 1
    return count


class RoundTrips:
    """``with RoundTrips(conn) as trips: ...``, then ``trips.count``: the round trips ``conn``
    made inside the block."""

    def __init__(self, conn: Any) -> None:
        self.conn = conn
        self.count = 0
        self._file: IO[bytes] | None = None

    def __enter__(self) -> RoundTrips:
        self._file = tempfile.TemporaryFile()
        self.conn.pgconn.trace(self._file.fileno())
        self.conn.pgconn.set_trace_flags(pq.Trace.SUPPRESS_TIMESTAMPS | pq.Trace.REGRESS_MODE)
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._file is not None
        self.conn.pgconn.untrace()
        self._file.seek(0)
        self.count = round_trips_in(self._file.read().decode("utf-8", "replace"))
        self._file.close()
