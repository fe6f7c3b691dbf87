"""What one worker process holds while it serves: the database pool, the token verifier and the
bounded generation executors. Nothing here is state only one process knows about users —
credits, limits and keys all live in PostgreSQL, so any number of workers can share them.
"""

from __future__ import annotations

import gc
import os
import sys
import threading
import time
import weakref
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from typing import Any

import psycopg
from psycopg_pool import ConnectionPool, PoolTimeout

from nodepilot.config import Settings
from nodepilot.db import database_url
from service.auth.tokencache import VerifiedTokens
from service.callerlocks import IN_FLIGHT, CallerLocks
from service.cpugate import FairSlots

#: Environment knobs for one worker (the CLI sets them; uvicorn workers inherit them).
POOL_SIZE_ENV = "NODEPILOT_SERVICE_POOL_SIZE"
POOL_MIN_ENV = "NODEPILOT_SERVICE_POOL_MIN"  # connections kept open (default: the pool size)
SLOTS_ENV = "NODEPILOT_SERVICE_GENERATION_SLOTS"
MAX_BODY_ENV = "NODEPILOT_SERVICE_MAX_BODY_BYTES"
CPU_SLOTS_ENV = "NODEPILOT_SERVICE_CPU_SLOTS"
SIGN_IN_TURNS_ENV = "NODEPILOT_SERVICE_SIGN_IN_IN_FLIGHT"  # one caller's, per process
CACHE_ENV = "NODEPILOT_SERVICE_CACHE"  # "0": every request really generates (benchmarks)

OFFLINE_SLOTS = 4  # the offline generator is CPU-bound: more threads than cores only queue
#: Generation threads of one worker doing CPU work at once (``service.cpugate``). Python code
#: runs on one core per process whatever the thread count, so a second slot only lets one
#: thread compute while another waits on PostgreSQL or onnxruntime (both release the GIL);
#: every further thread is one more contender the event loop must win the GIL against, each
#: time it reads or writes a socket. Measured (200 chats on a 2 s provider, 2 workers,
#: benchmarks/service_load.py --only-slow, slots alternated per round): /api/health p95 at
#: 6 slots 51.0 / 32.5 / 49.8 / 41.5 ms, at 2 slots 14.2 / 24.6 / 29.1 / 13.9 ms (3 and 4 in
#: between); all 200 done in 5.23 / 5.30 / 5.61 / 5.54 s at 6, 4.81 / 6.13 / 5.93 / 4.78 s at
#: 2 (load 1-5, other agents on the machine).
CPU_SLOTS = 2
#: Generations per worker for each remote provider. A generation waiting on a remote model
#: holds only a thread (no CPU slot, no database connection), so the pool is sized for the
#: waiting: 200 chats at once on 2 workers are ~100 per worker, all waiting together instead
#: of a second wave queued behind the first (CPU work is bounded by the CPU gate).
GENERATION_SLOTS = 256
#: A pooled connection idle for longer than this is probed before it is handed out; one that
#: came back more recently has just worked, and probing it would cost a round trip per checkout.
CHECK_IDLE_S = 1.0
#: Collection thresholds once the heap is settled (Python's are 700, 10, 10). A generation
#: allocates ~10^5 objects, almost all freed by reference counting, yet every 700
#: allocations start a collection that walks what the worker's in-flight requests hold (a
#: hundred of them during a burst). Measured in process (offline, 40 requests, 6 alternating
#: passes, thread CPU): 11.5 -> 10.8 ms per Pipeline.run; in the service (2 workers, load
#: 6-12, 3 rounds): c=32 CPU per chat 20.3 -> 18.5 ms, 200 chats on a 2 s provider 23.3 ->
#: 21.3 ms. Cyclic garbage waits a little longer; nothing else changes.
GC_THRESHOLDS = (20_000, 50, 100)
#: How long a request waits for a connection from a busy (not broken) pool before a 503.
BUSY_WAIT_S = 30.0
#: The interpreter's thread switch interval in a worker (Python's default is 5 ms). While
#: generation threads compute, the event loop waits for the GIL at every turn it takes (each
#: libuv callback re-acquires it), up to one interval each time, and it loses the race to
#: another waiting thread as often as not: when a hundred chats get their provider's answer
#: at once, /api/health waits several intervals per probe. Measured (2 services side by side
#: on one database, 200 chats each on a 2 s provider at the same moment, load 15-22, 4
#: rounds): health p95 113.5 -> 76.0 ms (median of rounds), all chats done 15.00 -> 14.35 s,
#: service CPU per chat 21.0 -> 22.2 ms (more switches); 2 ms changed nothing measurable;
#: offline c=32: wall 8.53 -> 8.18 s for 160 chats, CPU 17.7 -> 18.1 ms per chat.
SWITCH_INTERVAL_ENV = "NODEPILOT_SERVICE_SWITCH_INTERVAL_MS"
SWITCH_INTERVAL_MS = 1.0
#: The longest interval the environment may set (Python's own default is 5 ms).
SWITCH_INTERVAL_MAX_MS = 10.0


#: the thread pool of ``service.deps.current_user`` (one database round trip per request)
SIGN_IN = "sign-in"
SIGN_IN_SLOTS = 32


def _slots(pool: str) -> int:
    if pool == SIGN_IN:
        return SIGN_IN_SLOTS
    return OFFLINE_SLOTS if pool == "offline" else env_int(SLOTS_ENV, GENERATION_SLOTS)


def switch_interval_s() -> float:
    """The worker's thread switch interval (``SWITCH_INTERVAL_MS``, or the environment's
    ``NODEPILOT_SERVICE_SWITCH_INTERVAL_MS``), in seconds as ``sys.setswitchinterval`` takes it.
    A value outside (0, ``SWITCH_INTERVAL_MAX_MS``] is ignored: a longer interval would let a
    computing thread hold the event loop for that long at every turn."""
    try:
        value = float(os.environ.get(SWITCH_INTERVAL_ENV, SWITCH_INTERVAL_MS))
    except ValueError:
        value = SWITCH_INTERVAL_MS
    if not 0 < value <= SWITCH_INTERVAL_MAX_MS:  # also rejects nan
        value = SWITCH_INTERVAL_MS
    return value / 1000


@contextmanager
def switch_interval() -> Iterator[None]:
    """The worker's thread switch interval (``switch_interval_s``) while the block runs (the
    app's lifespan), the one before restored after it (an app run in a test's process)."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(switch_interval_s())
    try:
        yield
    finally:
        sys.setswitchinterval(before)


def use_generation_cache() -> bool:
    return os.environ.get(CACHE_ENV, "1") != "0"


def env_int(name: str, default: int) -> int:
    try:
        return max(1, int(os.environ.get(name, default)))
    except ValueError:
        return default


class RecentFirstPool(ConnectionPool):
    """A connection pool that hands out the connection given back most recently (LIFO).

    psycopg_pool hands out the one idle longest (FIFO), so a worker serving one request at a
    time cycles through all of its connections: every statement then runs on a backend process
    that has been asleep (cold caches) and that has prepared few statements yet (psycopg
    prepares one after 5 uses on the same connection), and a connection idle past
    CHECK_IDLE_S is probed first. Measured on loopback (pool of 40, fresh connections): the
    rate-limit statement 0.74 -> 0.30 ms, a credit hold and release 1.83 -> 1.07 ms. The
    connections left at the bottom stay open and serve bursts.
    """

    def _get_ready_connection(self, timeout: float | None) -> psycopg.Connection | None:
        # called by the pool under its lock: swap the longest-idle connection it took for the
        # most recent one (its idle connections are a deque, given back at the right)
        conn = super()._get_ready_connection(timeout)
        idle = getattr(self, "_pool", None)
        if conn is not None and idle:
            idle.appendleft(conn)
            conn = idle.pop()
        return conn


@dataclass
class Runtime:
    """Per-process resources, created in the app's lifespan and closed on shutdown."""

    settings: Settings
    pool: ConnectionPool | None = None
    verifier: Any = None
    #: bearer tokens verified recently (see service.auth.tokencache)
    tokens: VerifiedTokens = field(default_factory=VerifiedTokens)
    executors: dict[str, ThreadPoolExecutor] = field(default_factory=dict)
    #: generation threads doing CPU work at once (see service.cpugate)
    cpu_slots: FairSlots = field(
        default_factory=lambda: FairSlots(env_int(CPU_SLOTS_ENV, CPU_SLOTS))
    )
    #: one caller's sign-ins take turns in this process (see service.callerlocks)
    caller_locks: CallerLocks = field(
        default_factory=lambda: CallerLocks(in_flight=env_int(SIGN_IN_TURNS_ENV, IN_FLIGHT))
    )
    #: the last /api/health check of this process (see service.routes.health)
    health: dict[str, Any] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    url: str = ""
    _revived_at: float = 0.0
    _probe: psycopg.Connection | None = None
    _probe_lock: threading.Lock = field(default_factory=threading.Lock)
    heap_settled: bool = False
    #: when each pooled connection was last given back (see CHECK_IDLE_S)
    _returned: weakref.WeakKeyDictionary = field(default_factory=weakref.WeakKeyDictionary)

    def open(self) -> None:
        self.url = database_url(self.settings)
        self.pool = self._new_pool()
        self.pool.open(wait=False)

    def _new_pool(self) -> ConnectionPool:
        size = env_int(POOL_SIZE_ENV, 20)
        return RecentFirstPool(
            self.url,
            # all of them open from the start: a pool that grows during a burst adds one
            # connection at a time while a hundred requests queue for it
            min_size=min(size, env_int(POOL_MIN_ENV, size)),
            max_size=size,
            num_workers=4,
            timeout=5.0,
            check=self._check,
            open=False,
            kwargs={"connect_timeout": 3},
        )

    def _check(self, conn: psycopg.Connection) -> None:
        """The pool's probe, skipped for a connection given back less than CHECK_IDLE_S ago."""
        returned = self._returned.get(conn)
        if returned is None or time.monotonic() - returned > CHECK_IDLE_S:
            ConnectionPool.check_connection(conn)

    @contextmanager
    def connection(self, timeout: float | None = None) -> Iterator[psycopg.Connection]:
        """A pooled owner connection, committed at the end of the block (rolled back on error).

        A pool that is merely busy (its connections out with other requests, or still being
        opened) is waited on, up to BUSY_WAIT_S: a burst queues rather than failing. After an
        outage the pool's own reconnect backoff can take a minute to try again; when it times
        out but PostgreSQL answers a direct probe, the pool is replaced at once, so the service
        recovers as soon as the database is back. When PostgreSQL does not answer, the probe's
        error is raised (a 503).
        """
        pool = self.pool
        waited_until = time.monotonic() + BUSY_WAIT_S
        while True:
            try:
                conn = pool.getconn(timeout)
                break
            except PoolTimeout:
                pool = self._revive(pool)
                if time.monotonic() > waited_until:
                    raise
        try:
            with conn:  # commit on success, roll back on error (as pool.connection() does)
                yield conn
        finally:
            if conn.info.transaction_status == psycopg.pq.TransactionStatus.IDLE:
                self._returned[conn] = time.monotonic()  # it works (a broken one is UNKNOWN)
            pool.putconn(conn)

    def _revive(self, stale: ConnectionPool) -> ConnectionPool:
        """The pool to wait on next. Raises the connection error when PostgreSQL does not
        answer. When it does: the same pool if that pool never failed to connect (it is busy,
        or still growing), else a fresh one (the old one may sit in its reconnect backoff)."""
        with self._lock:
            if self.pool is not stale:
                return self.pool
            psycopg.connect(self.url, connect_timeout=2).close()
            if not stale.get_stats().get("connections_errors"):
                return stale
            if time.monotonic() - self._revived_at < 1.0:
                return self.pool
            self.pool = self._new_pool()
            self.pool.open(wait=False)
            self._revived_at = time.monotonic()
        threading.Thread(target=stale.close, kwargs={"timeout": 5}, daemon=True).start()
        return self.pool

    @contextmanager
    def probe_connection(self) -> Iterator[psycopg.Connection]:
        """The health check's own connection (autocommit, opened on first use and again after
        an error), so a check measures the database, not the queue for the pool."""
        with self._probe_lock:
            try:
                if self._probe is None or self._probe.closed:
                    self._probe = psycopg.connect(self.url, connect_timeout=2, autocommit=True)
                yield self._probe
            except Exception:
                if self._probe is not None:
                    self._probe.close()
                self._probe = None
                raise

    def settle_heap(self) -> None:
        """Once per process, after its first generation: collect, then freeze what is alive.

        The first generation loads what every later one uses (the node catalog, the models,
        the lexicon, the prompts): a few hundred thousand objects that live as long as the
        process. Python's full (generation 2) collection walks every one of them, and stops
        every thread of the worker while it does: 160-600 ms pauses measured during c=32
        bursts (load ~5), the tail of the c=32 latencies. Frozen objects are never walked
        again, so a full collection only walks what requests created since; and collections
        run less often from then on (GC_THRESHOLDS).
        """
        if self.heap_settled:
            return
        self.heap_settled = True
        gc.collect()
        gc.freeze()
        gc.set_threshold(*GC_THRESHOLDS)

    def lease(self) -> LeasedConnection:
        """A connection taken from the pool only while it is used (see LeasedConnection)."""
        return LeasedConnection(self)

    def executor(self, provider: str) -> ThreadPoolExecutor:
        """The bounded thread pool generations for ``provider`` run in (off the event loop);
        ``SIGN_IN``: the one signing requests in (``service.deps.current_user``)."""
        with self._lock:
            found = self.executors.get(provider)
            if found is None:
                found = ThreadPoolExecutor(_slots(provider), thread_name_prefix=f"gen-{provider}")
                self.executors[provider] = found
            return found

    def start_threads(self, providers: list[str]) -> None:
        """Start every thread of the sign-in pool and of these providers' pools now.

        A ThreadPoolExecutor starts a thread per job until it is full, on the event loop, and
        each start waits until the new thread first gets the GIL, which while generations
        compute takes 5-10 ms: a burst of 200 chats on fresh pools (and anyio's sign-in
        threads, which also end after 10 s idle) held one worker's event loop for 1.8 s,
        /api/health probes and every other request with it. These threads never end.
        """
        for name in [SIGN_IN, *providers]:
            executor, slots = self.executor(name), _slots(name)
            ready = threading.Barrier(slots + 1)
            for _ in range(slots):  # each job holds its thread until all have one
                executor.submit(ready.wait, 30)
            try:
                ready.wait(30)
            except threading.BrokenBarrierError:
                pass  # started late: they are started on demand as before

    def close(self) -> None:
        """Finish in-flight generations, then close the pool (graceful shutdown)."""
        for executor in list(self.executors.values()):
            executor.shutdown(wait=True)
        if self.pool is not None:
            self.pool.close()
        if self._probe is not None:
            self._probe.close()


class LeasedConnection:
    """Stands in for a pooled connection held by long-running code (a pipeline run): the real
    connection is checked out on first use and given back by ``give_back()`` — while a remote
    model is awaited — and checked out again if used after that. So a worker with a hundred
    generations waiting on a provider holds no database connection for them.

    Attributes are the current connection's; give it back only between uses (no transaction
    open: the block commits as ``Runtime.connection`` does, or rolls back on ``error``).

    The connection is in autocommit mode while leased: each read is its own transaction, as a
    lease that may be given back between any two uses implies, and a read costs one round
    trip instead of three (psycopg's implicit BEGIN, the query, and the ROLLBACK or COMMIT the
    reader sends so as not to leave the connection in a transaction).

    The pipeline writes only derived data through it (its generation cache: a lookup counts a
    hit, a miss stores the result), which a crash may lose at the cost of a regeneration, while
    the turn and its charge are stored by the service's own transaction. ``engine.cache`` makes
    each of its writes here one statement committed without waiting for the WAL flush, and a
    transaction opened on the lease does the same (``transaction``). So a chat waits for the
    disk once, not twice (tests/test_service_commits.py, tests/test_service_cache_writes.py).
    """

    def __init__(self, runtime: Runtime) -> None:
        self._runtime = runtime
        self._held: AbstractContextManager[psycopg.Connection] | None = None
        self._conn: psycopg.Connection | None = None

    @property
    def closed(self) -> bool:
        """Never: a connection is checked out whenever one is needed."""
        return False

    def __getattr__(self, name: str) -> Any:
        return getattr(self._connection(), name)

    def _connection(self) -> psycopg.Connection:
        if self._conn is None:
            held = self._runtime.connection()
            conn = held.__enter__()
            conn.autocommit = True
            self._conn, self._held = conn, held
        return self._conn

    @contextmanager
    def transaction(self, *args: Any, **kwargs: Any) -> Iterator[Any]:
        """``psycopg.Connection.transaction``, committed without waiting for the WAL flush
        (see the class docstring): one ``SET LOCAL`` more in each outermost transaction."""
        conn = self._connection()
        outermost = conn.info.transaction_status == psycopg.pq.TransactionStatus.IDLE
        with conn.transaction(*args, **kwargs) as tx:
            if outermost:
                conn.execute("SET LOCAL synchronous_commit = off")
            yield tx

    def give_back(self, error: BaseException | None = None) -> None:
        held, conn = self._held, self._conn
        self._held = self._conn = None
        if held is None or conn is None:
            return
        kind = type(error) if error is not None else None
        try:
            _end_autocommit(conn, failed=error is not None)
        except psycopg.Error as exc:
            kind, error = type(exc), exc
        held.__exit__(kind, error, error.__traceback__ if error is not None else None)


def _end_autocommit(conn: psycopg.Connection, failed: bool) -> None:
    """Give ``conn`` its pooled mode back, first ending a transaction its user opened and left
    (committed, or rolled back after an error)."""
    if conn.closed:
        return
    status = conn.info.transaction_status
    if status == psycopg.pq.TransactionStatus.INERROR or (
        failed and status == psycopg.pq.TransactionStatus.INTRANS
    ):
        conn.rollback()
    elif status == psycopg.pq.TransactionStatus.INTRANS:
        conn.commit()
    if conn.info.transaction_status == psycopg.pq.TransactionStatus.IDLE:
        conn.autocommit = False


def run_in(executor: ThreadPoolExecutor, fn: Callable[..., Any], *args: Any) -> Any:
    """Await ``fn(*args)`` on ``executor``; the job keeps running if the caller is cancelled."""
    import asyncio

    future = asyncio.get_running_loop().run_in_executor(executor, fn, *args)
    return asyncio.shield(future)
