"""One caller's sign-ins take turns in a worker, instead of queueing in PostgreSQL.

A sign-in counts the request on the caller's rate-limit row and, for a chat, holds credit
under the caller's ledger lock: both are per caller, so one caller's concurrent requests are
serialised by PostgreSQL whatever the service does. When an app fires a burst under one API
key, a hundred of them wait on that row at once; every commit wakes them all, they re-check
the row and go back to sleep (``Lock:transactionid`` and ``LWLock:LockManager`` waits). With
200 chats at once from one caller on 2 workers, ``pg_stat_activity`` showed 20-40 sign-ins
waiting for the first ~0.9 s of the burst while PostgreSQL burned a full core and the workers
sat at 0.15 of one (``benchmarks/service_load.py --only-slow``, sampled every 100 ms).

Here each worker lets a bounded number of one caller's sign-ins through at a time; the rest
wait on a lock in the worker (no CPU, no database connection held) and reach PostgreSQL when
one is done. PostgreSQL still orders the workers' and instances' sign-ins between them: this
only keeps each process from sending a caller's whole burst at once, so nothing the limiter
or the ledger decides depends on it (no state of its own). Callers are spread over a fixed set
of stripes, so memory stays bounded however many callers there are; two callers sharing a
stripe only take turns the same way.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

#: Stripes per process: callers that share one take turns (a few ms each) with each other.
STRIPES = 64
#: One caller's sign-ins of one process in flight at once. One keeps a burst from queueing
#: in PostgreSQL; a second lets the next be sent while the first's answer is read.
IN_FLIGHT = 2


class CallerLocks:
    """Bounded concurrency per caller key (a bearer token or a client address)."""

    def __init__(self, stripes: int = STRIPES, in_flight: int = IN_FLIGHT) -> None:
        if stripes < 1 or in_flight < 1:
            raise ValueError(f"need at least one stripe and one sign-in, not {stripes}/{in_flight}")
        self.stripes = stripes
        self._stripes = [threading.BoundedSemaphore(in_flight) for _ in range(stripes)]

    def _stripe(self, key: str) -> threading.BoundedSemaphore:
        return self._stripes[hash(key) % self.stripes]

    @contextmanager
    def turn(self, key: str) -> Iterator[None]:
        """Wait for a turn of ``key``'s stripe, hold it for the block."""
        with self._stripe(key):
            yield

    def would_wait(self, key: str) -> bool:
        """Whether a turn of ``key`` would have to wait now (every turn of its stripe taken)."""
        stripe = self._stripe(key)
        if not stripe.acquire(blocking=False):
            return True
        stripe.release()
        return False
