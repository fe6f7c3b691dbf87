"""The shape of a burst over time: which process had the CPU, and what PostgreSQL waited on.

A burst's totals (wall time, CPU per request) say *that* a change helped or not; they do not say
where the time went. Session 19 found the 200-chat burst's first second spent in a convoy of one
caller's sign-ins waiting on one row (``Lock:transactionid``) while both workers sat at a sixth
of a core, PostgreSQL used a whole one, and no total showed it. This sampler prints, per time
slice of the burst:

* the CPU each service process (the uvicorn parent and every worker) and PostgreSQL (postmaster
  and backends together) used, in cores, and the cores the whole machine left idle;
* the active PostgreSQL sessions by wait event (``pg_stat_activity``), the most common first.

It runs as two threads of the benchmark's own process (``/proc`` reads every ``period`` s, one
query every ``period`` / 2.5 s on a connection of its own): about 1 ms of CPU per sample, which
the benchmark's "this client" CPU line includes. Linux only (``/proc``); elsewhere the CPU
columns read 0.
"""

from __future__ import annotations

import os
import threading
import time
from collections import Counter
from pathlib import Path

import psycopg

TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100

ACTIVE_SESSIONS = """
SELECT coalesce(wait_event_type, 'CPU') || ':' || coalesce(wait_event, '-')
FROM pg_stat_activity
WHERE state = 'active' AND pid <> pg_backend_pid() AND backend_type = 'client backend'
"""


def process_cpu(pid: int) -> float:
    """User + system CPU seconds process ``pid`` has used (0 once it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICK


def children(pid: int) -> list[int]:
    """The direct children of ``pid`` (every thread's list: a child belongs to the thread that
    forked it)."""
    found: list[int] = []
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            found += [int(x) for x in (task / "children").read_text().split()]
    except OSError:
        pass
    return found


def role(pid: int, index: int) -> str:
    """A column name for a child of ``nodepilot serve``: uvicorn's workers are spawned
    processes, and multiprocessing also starts a resource tracker that does no work."""
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        command = b""
    return "tracker" if b"resource_tracker" in command else f"child{index + 1}"


def idle_cores_seconds() -> float:
    """Seconds all cores have spent idle or waiting on I/O since boot."""
    try:
        values = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return 0.0
    return (values[3] + values[4]) / TICK


class BurstShape:
    """Sample the service's processes, PostgreSQL and its sessions while the ``with`` block
    runs; ``report()`` prints the timeline in slices of ``slice_s`` seconds.

    ``service_pid`` is the ``nodepilot serve`` parent (its children are the workers, found at
    entry), ``postgres_pid`` the postmaster (its backends come and go, so they are summed at
    every sample rather than followed one by one)."""

    def __init__(
        self, service_pid: int, postgres_pid: int, database_url: str, period: float = 0.25
    ) -> None:
        self.service_pid, self.postgres_pid = service_pid, postgres_pid
        self.database_url, self.period = database_url, period
        self.workers: list[int] = []
        self.cpu: list[tuple[float, list[float]]] = []  # (t, cumulative seconds per column)
        self.waits: list[tuple[float, Counter[str]]] = []
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    def _columns(self) -> list[float]:
        postgres = process_cpu(self.postgres_pid) + sum(
            process_cpu(pid) for pid in children(self.postgres_pid)
        )
        service = [process_cpu(pid) for pid in [self.service_pid, *self.workers]]
        return [*service, postgres, idle_cores_seconds()]

    def _sample_cpu(self) -> None:
        while not self._stop.wait(self.period):
            self.cpu.append((time.perf_counter() - self.t0, self._columns()))

    def _sample_sessions(self) -> None:
        with psycopg.connect(self.database_url, autocommit=True) as conn:
            while not self._stop.is_set():
                rows = conn.execute(ACTIVE_SESSIONS).fetchall()
                self.waits.append((time.perf_counter() - self.t0, Counter(r[0] for r in rows)))
                self._stop.wait(self.period / 2.5)

    def __enter__(self) -> BurstShape:
        self.workers = children(self.service_pid)
        self.t0 = time.perf_counter()
        self.cpu.append((0.0, self._columns()))
        for target in (self._sample_cpu, self._sample_sessions):
            thread = threading.Thread(target=target, daemon=True)
            thread.start()
            self._threads.append(thread)
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=5)
        self.cpu.append((time.perf_counter() - self.t0, self._columns()))

    def report(self, slice_s: float = 0.5) -> str:
        """One line per slice: cores used per process, idle cores, mean active sessions and the
        three commonest wait events (mean sessions in each)."""
        names = ["serve", *(role(pid, i) for i, pid in enumerate(self.workers)), "postgres"]
        lines = ["  t(s)  " + " ".join(f"{n:>8}" for n in names) + "     idle  sessions  waits"]
        edges = [t for t, _ in self.cpu]
        start, end = 0.0, edges[-1] if edges else 0.0
        while start < end:
            stop = min(start + slice_s, end)
            lines.append(self._slice_line(start, stop))
            start = stop
        return "\n".join(lines)

    def _slice_line(self, start: float, stop: float) -> str:
        t_a, first = max((s for s in self.cpu if s[0] <= start), key=lambda s: s[0])
        t_b, last = min((s for s in self.cpu if s[0] >= stop), key=lambda s: s[0])
        span = max(t_b - t_a, 1e-9)  # the samples around the slice: it is never empty
        cores = [(b - a) / span for a, b in zip(first, last, strict=True)]
        seen = [c for t, c in self.waits if start <= t < stop]
        total: Counter[str] = sum(seen, Counter())
        n = max(len(seen), 1)
        common = ", ".join(f"{k} {v / n:.1f}" for k, v in total.most_common(3))
        columns = " ".join(f"{c:8.2f}" for c in cores[:-1])
        return f"{start:6.2f}  {columns} {cores[-1]:8.2f} {sum(total.values()) / n:9.1f}  {common}"
