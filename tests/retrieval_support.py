"""Counting a connection's round trips to PostgreSQL (tests and benchmarks/retrieval_speed.py).

A round trip is one wait of the client on the server's answer: a statement run alone, a BEGIN
or COMMIT, a pipeline sync. psycopg runs every exchange with the server through
``Connection.wait(generator)``; the generator yields what it waits for, and a wait for reading
alone (not "readable or writable", which a pipeline yields while it is still sending) is the
client blocked on the server.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from psycopg.waiting import Wait


def _noting_reads(gen: Iterator[Any], waited: list[bool]) -> Iterator[Any]:
    """Pass ``gen``'s waits through, noting whether it ever waited to read alone."""
    try:
        wait_for = next(gen)
        while True:
            if wait_for == Wait.R:
                waited[0] = True
            ready = yield wait_for
            wait_for = gen.send(ready)
    except StopIteration as done:
        return done.value


class RoundTrips:
    """Counts ``conn``'s round trips while installed (``with RoundTrips(conn) as trips:``;
    ``trips.count``)."""

    def __init__(self, conn: Any) -> None:
        self.conn = conn
        self.count = 0

    def _wait(self, gen: Any, *args: Any, **kwargs: Any) -> Any:
        waited = [False]
        try:
            return type(self.conn).wait(self.conn, _noting_reads(gen, waited), *args, **kwargs)
        finally:
            self.count += waited[0]

    def __enter__(self) -> RoundTrips:
        self.conn.wait = self._wait
        return self

    def __exit__(self, *exc: object) -> None:
        del self.conn.wait
