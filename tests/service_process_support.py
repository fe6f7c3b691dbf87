"""Helpers for tests against a real ``nodepilot serve`` process: which worker processes it runs,
how many requests each of them served (read from the prometheus multi-process files), and a
gate in front of the local LLM server that holds every provider call until the test opens it.

The gate turns "the service stays responsive while generations wait on a slow provider" into
an ordering check: while the gate is closed no generation can finish, so anything the service
answers meanwhile was answered while they all waited - no clock is involved."""

from __future__ import annotations

import http.client
import json
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import psutil
import psycopg
from prometheus_client.mmap_dict import MmapedDict
from psycopg import sql
from service_support import ServeProcess, serve_env

from nodepilot.config import Settings

REQUESTS_METRIC = "nodepilot_http_requests_total"
#: Seconds a serve process may take to have every worker listening (each worker loads the
#: app and the embedding model; measured 22 s for 2 workers at a load average of 10).
STARTUP_S = 180.0
#: Hop-by-hop or length headers the gate recomputes instead of passing on.
SKIPPED_HEADERS = ("content-length", "transfer-encoding", "connection", "content-encoding")


@contextmanager
def running_services(
    settings: Settings, instances: list[tuple[int, dict[str, str]]]
) -> Iterator[list[ServeProcess]]:
    """Several ``nodepilot serve`` instances on one database, one per (workers, extra env),
    started together and each with every worker listening."""
    servers: list[ServeProcess] = []
    try:
        for workers, extra in instances:
            servers.append(ServeProcess(serve_env(settings, **extra), workers=workers))
        # several starting at once on a busy machine: more time than one alone needs
        for server, (workers, _extra) in zip(servers, instances, strict=True):
            server.wait_ready(timeout=STARTUP_S)
            wait_for_every_worker(server, workers)
        yield servers
    finally:
        for server in servers:
            server.stop()


def _listens_on(process: psutil.Process, port: int) -> bool:
    try:
        connections = process.net_connections("tcp")
    except psutil.NoSuchProcess:
        return False
    return any(c.laddr.port == port and c.status == "LISTEN" for c in connections)


def worker_pids(server: ServeProcess) -> set[int]:
    """Process ids of the processes that run the app under ``server``: the children with the
    service's port open when uvicorn supervises workers, else the process itself."""
    supervisor = psutil.Process(server.proc.pid)
    workers = {c.pid for c in supervisor.children() if _listens_on(c, server.port)}
    return workers or ({supervisor.pid} if _listens_on(supervisor, server.port) else set())


def listening_sockets(server: ServeProcess) -> int:
    """How many of the supervisor's sockets on the service's port are listening. A worker
    listens on its own socket only once its startup is done, and until then the kernel sends
    every new connection to the sockets already listening: a test that needs both workers
    must wait for this, not just for the first answer."""
    connections = psutil.Process(server.proc.pid).net_connections("tcp")
    return sum(1 for c in connections if c.laddr.port == server.port and c.status == "LISTEN")


def wait_for_every_worker(server: ServeProcess, workers: int, timeout: float = STARTUP_S) -> None:
    """Block until all ``workers`` listen (AssertionError naming the count otherwise)."""
    deadline = time.monotonic() + timeout
    while (ready := listening_sockets(server)) < workers:
        assert time.monotonic() < deadline, f"{ready} of {workers} workers listening"
        assert server.proc.poll() is None, server.output()
        time.sleep(0.1)  # polling a starting process: there is no event to wait on


def counted_by_pid(
    metrics_dir: Path, sample: str = REQUESTS_METRIC, route: str | None = None
) -> Counter[int]:
    """What each process counted in the counter ``sample`` (only ``route`` when given), from
    the ``counter_<pid>.db`` files a multi-process service writes: which worker served what."""
    served: Counter[int] = Counter()
    for path in metrics_dir.glob("counter_*.db"):
        pid = int(path.stem.split("_", 1)[1])
        for key, value, _timestamp, _pos in MmapedDict.read_all_values_from_file(str(path)):
            _metric, name, labels, _help = json.loads(key)
            if name == sample and (route is None or labels.get("route") == route):
                served[pid] += int(value)
    return served


def requests_by_pid(metrics_dir: Path, route: str | None = None) -> Counter[int]:
    """Requests each process served (on ``route`` when given)."""
    return counted_by_pid(metrics_dir, REQUESTS_METRIC, route)


def table_counts(conn: psycopg.Connection, user_id: Any) -> dict[str, tuple[int, int]]:
    """Rows of every table of the public schema as (not ``user_id``'s, ``user_id``'s); a
    table without a ``user_id`` column counts all its rows as not the user's. Compared
    before and after an outage, it shows no committed row was lost, whoever wrote it."""
    tables = conn.execute(
        """SELECT t.table_name, EXISTS (SELECT 1 FROM information_schema.columns c
                                         WHERE c.table_schema = 'public'
                                           AND c.table_name = t.table_name
                                           AND c.column_name = 'user_id')
           FROM information_schema.tables t
           WHERE t.table_schema = 'public' AND t.table_type = 'BASE TABLE'
           ORDER BY t.table_name"""
    ).fetchall()
    counts = {}
    for name, has_user in tables:
        mine = sql.SQL("count(*) FILTER (WHERE user_id = %(user)s)" if has_user else "0")
        query = sql.SQL("SELECT count(*) - {mine}, {mine} FROM {table}").format(
            mine=mine, table=sql.Identifier(name)
        )
        counts[name] = tuple(conn.execute(query, {"user": user_id}).fetchone())
    return counts


class _BurstServer(ThreadingHTTPServer):
    """Accepts a burst of connections: every generation of the test calls at once."""

    request_queue_size = 128
    daemon_threads = True


class ProviderGate:
    """A loopback HTTP server that records each POST, holds it until ``open()`` and then
    forwards it unchanged to ``upstream`` (the local LLM server), passing the answer back."""

    def __init__(self, upstream: str) -> None:
        self.upstream = upstream
        self.opened = threading.Event()
        self.arrived = 0
        self._arrivals = threading.Condition()
        # a few calls upstream at a time: the LLM server's listen backlog is the stdlib's 5,
        # and 40 calls released at once would overflow it (connection resets)
        self._upstream_slots = threading.BoundedSemaphore(4)
        self._httpd = _BurstServer(("127.0.0.1", 0), _gate_handler(self))
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def record_arrival(self) -> None:
        with self._arrivals:
            self.arrived += 1
            self._arrivals.notify_all()

    def wait_for_arrivals(self, count: int, timeout: float) -> bool:
        """Whether ``count`` calls are being held (event-driven, no polling)."""
        with self._arrivals:
            return self._arrivals.wait_for(lambda: self.arrived >= count, timeout=timeout)

    def open(self) -> None:
        self.opened.set()

    def start(self) -> ProviderGate:
        self._thread.start()
        return self

    def close(self) -> None:
        """Open the gate (no held call outlives the test), then stop serving."""
        self.open()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def forward(self, path: str, headers: dict[str, str], body: bytes) -> Forwarded:
        """The upstream's answer to the same POST, on a connection of its own (a pooled client
        shared by the handler threads once lost a socket to another thread: EBADF)."""
        keep = {k: v for k, v in headers.items() if k.lower() not in ("host", "content-length")}
        host, port = urlsplit(self.upstream).hostname, urlsplit(self.upstream).port
        with self._upstream_slots:
            connection = http.client.HTTPConnection(host, port, timeout=60)
            try:
                connection.request("POST", path, body=body, headers=keep)
                answer = connection.getresponse()
                return Forwarded(answer.status, answer.getheaders(), answer.read())
            finally:
                connection.close()


@dataclass(frozen=True)
class Forwarded:
    """An upstream answer as the gate passes it back."""

    status: int
    headers: list[tuple[str, str]]
    content: bytes


def _gate_handler(gate: ProviderGate) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib name
            """Silent: the test reads the gate's counts."""

        def do_POST(self) -> None:  # noqa: N802 - stdlib naming
            body = self.rfile.read(int(self.headers.get("content-length") or 0))
            gate.record_arrival()
            gate.opened.wait()
            answer = gate.forward(self.path, dict(self.headers.items()), body)
            try:
                self.send_response(answer.status)
                for key, value in answer.headers:
                    if key.lower() not in SKIPPED_HEADERS:
                        self.send_header(key, value)
                self.send_header("content-length", str(len(answer.content)))
                self.end_headers()
                self.wfile.write(answer.content)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the service gave up on this call: nothing to answer

    return Handler


@contextmanager
def provider_gate(upstream: str) -> Iterator[ProviderGate]:
    """A started gate in front of ``upstream``, opened and closed on exit."""
    gate = ProviderGate(upstream).start()
    try:
        yield gate
    finally:
        gate.close()
