"""Service load: a real ``nodepilot serve --workers 2`` on loopback, measured from the client.

1. Offline provider, concurrency 1 / 8 / 32: throughput and latency p50/p95 of
   ``POST /api/chat/message`` (generation cache off, so every request really generates), and the
   service's overhead over the in-process pipeline on the same requests in the same run: the
   median over ``--rounds`` rounds of (service p50 at concurrency 1 - ``Pipeline.run`` p50).
   In each round every request runs in process and through the service one right after the
   other (order alternating), so a change in machine load hits both; ``--blocks``: all
   in-process runs, then all service requests, as before session 6. Requests go through
   ``lean_http`` (a keep-alive HTTP/1.1 client: the client library's own parsing is not the
   service's overhead, and on 2 shared cores the load generator should leave them to the
   service); an httpx arm on the same service, the client sessions 5-14 measured with, is
   printed beside it as the reference.
2. A provider that answers in 2 s (tests/llm_server.py speaking Anthropic Messages, in a
   process of its own, as a vendor would be): 200 concurrent chat requests on 2 workers —
   wall time until all finished — while a separate prober process reads ``/api/health`` every
   20 ms (its p95). The fake vendor's threads and the prober do not share this client's
   interpreter, so the figures are the service's, not this process's GIL; they do share the
   machine's cores, so the CPU this client, the vendor and the prober use is printed too.

Each round also times a bare durable commit on the same PostgreSQL (one round trip: BEGIN, a
one-row INSERT, COMMIT), against the same transaction committed without waiting for the WAL
flush: their difference is what one disk flush costs on this machine, and every chat waits for
exactly one (its turn and charge must survive a crash). The overhead is then also given without
that flush: the floor this disk sets, which no change to the service can go under.

Every line carries the 1-minute load average (the machine may be shared). The bursts (c=8,
c=32, the 200 chats) also give the CPU time the service's processes and PostgreSQL used per
request: latency on a shared 2-core machine moves with everyone's load, while the work a
request costs hardly does, so an A/B of a change (``--against``) reads that line first.
Runs on its own temporary data folder (embedded PostgreSQL with max_connections raised, the
test suite's subset index), never the user's.

    .venv/bin/python benchmarks/service_load.py [--per-level 120] [--skip-slow | --only-slow]
        [--shape]   # also where each burst's time went (benchmarks/burst_shape.py)
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import AsyncExitStack, ExitStack, contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "benchmarks")]

import httpx  # noqa: E402
from lean_http import lean_pool  # noqa: E402

from nodepilot.config import Settings, get_settings  # noqa: E402


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * (len(ordered) - 1) + 0.5))]


def bench_settings(data_dir: Path) -> Settings:
    """A migrated, indexed database in ``data_dir`` allowing enough connections for 2 workers
    with 130 pooled connections each."""
    from conftest import index_subset

    from indexing.indexer import build_index
    from nodepilot.db import connect, migrate
    from nodepilot.db.embedded import stop_embedded

    os.environ["NODEPILOT_DATA_DIR"] = str(data_dir)
    os.environ.setdefault("NODEPILOT_MODEL_DIR", str(Settings().data_dir / "models"))
    os.environ.pop("DATABASE_URL", None)
    get_settings.cache_clear()
    settings = get_settings()
    with connect(settings, autocommit=True) as conn:
        conn.execute("ALTER SYSTEM SET max_connections = 400")
    stop_embedded(settings.pgdata_dir)
    code = (
        "from pathlib import Path; from nodepilot.db.embedded import ensure_embedded; "
        f"ensure_embedded(Path({str(settings.pgdata_dir)!r}))"
    )
    subprocess.run([sys.executable, "-c", code], check=True)  # a fresh pgserver handle
    with connect(settings) as conn:
        migrate(conn)
        conn.commit()
        print("building the subset index ...", file=sys.stderr)
        build_index(conn, documents=index_subset)
    return settings


def workflow_requests(limit: int) -> list[str]:
    from eval.datasets import load_dataset
    from nodepilot.paths import DATASETS_DIR

    cases = load_dataset(DATASETS_DIR / "bench", split="dev")
    return [c.request for c in cases if c.intent == "workflow_request"][:limit]


def in_process(requests: list[str]) -> list[float]:
    """Pipeline.run wall times (ms) on the same database, cache off: the baseline."""
    from engine.pipeline import Pipeline

    times = []
    with Pipeline(provider="offline", use_cache=False) as pipeline:
        pipeline.run(requests[0])
        for text in requests:
            started = time.perf_counter()
            pipeline.run(text)
            times.append((time.perf_counter() - started) * 1000)
    return times


def open_client(url: str, client: str, size: int = 1) -> Any:
    """An async client for ``url`` holding ``size`` kept-alive connections: ``lean``
    (lean_http: the service's figures without the client library's parsing) or ``httpx`` (the
    reference arm, how sessions 5-14 measured)."""
    if client == "lean":
        return lean_pool(url, size)
    limits = httpx.Limits(max_connections=size, max_keepalive_connections=size)
    return httpx.AsyncClient(base_url=url, timeout=120, limits=limits)


async def paired(arms: list[tuple[str, str]], headers: dict, requests: list[str]) -> tuple:
    """Each request run in process (``Pipeline.run``) and through each arm (c=1; an arm is a
    service URL and a client kind), one right after the other, in every order in turn:
    (in-process ms, per arm: ms, statuses, server-side stage timings of the first arm). So a
    change in machine load, which on a shared 2-core machine moves the pipeline's own time by
    half, hits every part of each pair (or triple) alike."""
    from engine.pipeline import Pipeline

    base: list[float] = []
    svc: list[list[float]] = [[] for _ in arms]
    statuses: Counter[int] = Counter()
    stages: list[dict] = []
    async with AsyncExitStack() as stack:
        pipeline = stack.enter_context(Pipeline(provider="offline", use_cache=False))
        pipeline.run(requests[0])
        clients = [await stack.enter_async_context(open_client(u, c)) for u, c in arms]

        async def service(n: int, text: str) -> None:
            started = time.perf_counter()
            response = await clients[n].post(
                "/api/chat/message", json={"message": text}, headers=headers
            )
            svc[n].append((time.perf_counter() - started) * 1000)
            statuses[response.status_code] += 1
            if response.status_code == 200 and n == 0:
                stages.append(response.json()["timings_ms"])

        def local(text: str) -> None:
            started = time.perf_counter()
            pipeline.run(text)
            base.append((time.perf_counter() - started) * 1000)

        for n in range(len(arms)):
            await service(n, requests[0])
        for times in svc:
            times.clear()
        statuses.clear()
        stages.clear()
        # every order in turn (None: in process), so that no arm more often than another
        # follows the in-process run or itself (a rotation put the first one after the
        # in-process run twice as often)
        orders = list(itertools.permutations([None, *range(len(arms))]))
        for i, text in enumerate(requests):
            for step in orders[i % len(orders)]:
                if step is None:
                    local(text)
                else:
                    await service(step, text)
    return base, svc, statuses, stages


def commit_times(settings: Settings, n: int = 40) -> tuple[float, float]:
    """p50 (ms) of a one-round-trip transaction writing one row, committed durably and without
    waiting for the WAL flush, alternated: (durable, not durable). Their difference is the disk
    flush a chat's durable commit waits for (``service.onetrip``)."""
    from nodepilot.db import connect

    times: dict[bool, list[float]] = {True: [], False: []}
    with connect(settings, autocommit=True) as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS bench_flush (id bigserial PRIMARY KEY, at text)")
        for i in range(2 * n + 2):
            durable = i % 2 == 0
            started = time.perf_counter()
            with conn.pipeline():
                conn.execute("BEGIN")
                if not durable:
                    conn.execute("SET LOCAL synchronous_commit = off")
                conn.execute("INSERT INTO bench_flush (at) VALUES (%s)", (str(started),))
                conn.execute("COMMIT")
            if i >= 2:  # the first pair warms the statements up
                times[durable].append((time.perf_counter() - started) * 1000)
        conn.execute("TRUNCATE bench_flush")
    return statistics.median(times[True]), statistics.median(times[False])


def load() -> str:
    return f"load {os.getloadavg()[0]:.1f}"


def new_user(settings: Settings, url: str) -> dict[str, str]:
    from service_support import auth, dev_token, set_balance, unique_email

    from nodepilot.db import connect

    email = unique_email("bench")
    headers = auth(dev_token(settings, email))
    httpx.get(f"{url}/api/users/me", headers=headers).raise_for_status()
    with connect(settings) as conn:
        set_balance(conn, email, 1_000_000)
    return headers


async def burst(
    url: str,
    headers: dict | list[dict],
    bodies: list[dict],
    concurrency: int,
    client: str = "lean",
) -> tuple:
    """Send every body to /api/chat/message, ``concurrency`` at a time, on as many kept-alive
    connections: (wall s, ms, statuses)."""
    gate = asyncio.Semaphore(concurrency)
    latencies: list[float] = []
    statuses: Counter[int] = Counter()
    stages: list[dict] = []
    async with open_client(url, client, concurrency) as session:

        async def one(i: int, body: dict) -> None:
            async with gate:
                started = time.perf_counter()
                who = headers[i % len(headers)] if isinstance(headers, list) else headers
                response = await session.post("/api/chat/message", json=body, headers=who)
                latencies.append((time.perf_counter() - started) * 1000)
                statuses[response.status_code] += 1
                if response.status_code == 200:
                    stages.append(response.json()["timings_ms"])
                elif statuses[response.status_code] == 1:
                    print(f"first {response.status_code}: {response.text[:300]}", file=sys.stderr)

        started = time.perf_counter()
        await asyncio.gather(*(one(i, b) for i, b in enumerate(bodies)))
        burst.stages = stages  # type: ignore[attr-defined] - read by the slow scenario report
        return time.perf_counter() - started, latencies, statuses


def overhead_round(
    arms: list[tuple[str, str]], headers: dict, requests: list[str], blocks: bool
) -> tuple:
    """One round of the c=1 comparison: interleaved pairs (``paired``), or with ``blocks`` all
    in-process runs, then all service requests (the method before session 6)."""
    if not blocks:
        return asyncio.run(paired(arms, headers, requests))
    baseline = in_process(requests)
    bodies = [{"message": text} for text in requests]
    runs = [asyncio.run(burst(url, headers, bodies, 1, client)) for url, client in arms]
    statuses = sum((r[2] for r in runs), Counter())
    return baseline, [r[1] for r in runs], statuses, burst.stages  # type: ignore[attr-defined]


#: how long a service may take to start: a worker warms the engine up before it answers, and
#: the first start on the fresh benchmark database took 45-50 s at load 5-6 (session 9)
START_TIMEOUT_S = 240.0


@contextmanager
def running_service(
    settings: Settings, workers: int = 2, args: tuple[str, ...] = (), **env: str
) -> Iterator[Any]:
    """``service_support.running_service`` with a start-up timeout for a loaded machine."""
    from service_support import ServeProcess, serve_env

    server = ServeProcess(serve_env(settings, **env), workers=workers, args=args)
    try:
        server.wait_ready(START_TIMEOUT_S)
        yield server
    finally:
        server.stop()


@contextmanager
def services(settings: Settings, against: Path | None, **env: str) -> Iterator[list[Any]]:
    """``nodepilot serve --workers 2`` from this checkout, and with ``against`` a second one
    from that checkout (e.g. a ``git worktree`` of the commit to compare with) on the same
    database: both measured in the same rounds, so a change is judged under the same load."""
    import service_support

    args = ("--db-pool", "40")
    with ExitStack() as stack:
        servers = [stack.enter_context(running_service(settings, 2, args, **env))]
        if against is not None:
            here, service_support.ROOT = service_support.ROOT, against.resolve()
            try:  # ServeProcess runs `python -m nodepilot.cli` in ROOT: that checkout's code
                servers.append(stack.enter_context(running_service(settings, 2, args, **env)))
            finally:
                service_support.ROOT = here
        yield servers


def offline_levels(
    settings: Settings,
    requests: list[str],
    per_level: int,
    rounds: int,
    blocks: bool = False,
    against: Path | None = None,
    shape: bool = False,
) -> None:
    env = {"NODEPILOT_RATE_LIMIT_PER_MINUTE": "10000000", "NODEPILOT_SERVICE_CACHE": "0"}
    with services(settings, against, **env) as servers:
        urls = [server.url for server in servers]
        headers = new_user(settings, urls[0])
        bodies = [{"message": requests[i % len(requests)]} for i in range(per_level)]
        for url in urls:
            asyncio.run(burst(url, headers, bodies[:16], 4))  # warm both workers
        # this checkout's service through the lean client, the --against one likewise, and
        # this checkout's through httpx: the reference arm, comparable with sessions 5-14
        arms = [(url, "lean") for url in urls] + [(urls[0], "httpx")]
        names = ["service", "--against service"][: len(urls)] + ["service via httpx"]
        overheads: list[list[float]] = [[] for _ in arms]
        flushes: list[float] = []  # per round: durable commit p50 - non-durable commit p50
        pairs: list[float] = []  # per request: this checkout's time minus the other's
        for n in range(rounds):  # both halves see the same machine load
            baseline, ms, statuses, stages = overhead_round(arms, headers, requests, blocks)
            inside = [sum(t.values()) for t in stages]
            if against is not None:
                pairs += [a - b for a, b in zip(ms[0], ms[1], strict=True)]
            base_p50 = statistics.median(baseline)
            for k, times in enumerate(ms):
                svc_p50 = statistics.median(times)
                overheads[k].append(svc_p50 - base_p50)
                print(
                    f"round {n + 1}: in-process Pipeline.run p50 {base_p50:7.2f} ms, {names[k]} "
                    f"c=1 p50 {svc_p50:7.2f} ms (p95 {pct(times, 0.95):.2f}): overhead "
                    f"{svc_p50 - base_p50:+.2f} ms; {load()}"
                )
            durable, lazy = commit_times(settings)
            flushes.append(durable - lazy)
            print(
                f"  {dict(statuses)}; server side: pipeline stages p50 "
                f"{statistics.median(inside):7.2f} ms; GET /api/health c=1 p50 "
                f"{health_floor(urls[0]):.2f} ms (the HTTP floor); a bare commit p50 "
                f"{durable:.2f} ms durable, {lazy:.2f} ms not: disk flush {durable - lazy:.2f} ms"
            )
        overhead = statistics.median(overheads[0])
        flush = statistics.median(flushes)
        without = statistics.median(o - f for o, f in zip(overheads[0], flushes, strict=True))
        print(
            f"service overhead p50 (median of {rounds} rounds): {overhead:+.2f} ms; the disk "
            f"flush of its one durable commit {flush:.2f} ms; without it {without:+.2f} ms; "
            f"measured through httpx (the client library's parsing included): "
            f"{statistics.median(overheads[-1]):+.2f} ms"
        )
        if against is not None:
            other = statistics.median(overheads[1])
            gaps = [a - b for a, b in zip(overheads[0], overheads[1], strict=True)]
            print(
                f"--against {against}: overhead p50 {other:+.2f} ms; this checkout minus that "
                f"one, median of rounds: {statistics.median(gaps):+.2f} ms; median of "
                f"{len(pairs)} per-request differences: {statistics.median(pairs):+.2f} ms"
            )
        for concurrency in (8, 32):
            for server in servers:
                name = "service" if server is servers[0] else "--against"
                sample = shape and concurrency == 32
                with shaped(settings, server, sample, f"{name} c=32"):
                    used, client_cpu = CpuUse(settings, server), time.process_time()
                    wall, ms, statuses = asyncio.run(
                        burst(server.url, headers, bodies, concurrency)
                    )
                    client_cpu = (time.process_time() - client_cpu) * 1000 / per_level
                    print(
                        f"{name} c={concurrency:<3} {per_level / wall:7.1f} req/s  "
                        f"p50 {statistics.median(ms):7.2f} ms  p95 {pct(ms, 0.95):7.2f} ms  "
                        f"{dict(statuses)}  {load()}"
                    )
                    print(f"  {used.per_request(per_level)}; this client {client_cpu:.1f} ms")


def _cpu_seconds(root: int) -> float:
    """CPU time (user + system, s) of process ``root`` and its descendants alive now (Linux
    /proc; 0 elsewhere)."""
    parents: dict[int, int] = {}
    used: dict[int, float] = {}
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # gone meanwhile
        pid = int(stat.parent.name)
        parents[pid] = int(fields[1])
        used[pid] = (int(fields[11]) + int(fields[12])) / tick
    tree, grown = {root}, True
    while grown:
        more = {pid for pid, parent in parents.items() if parent in tree} - tree
        tree |= more
        grown = bool(more)
    return sum(used.get(pid, 0.0) for pid in tree)


class CpuUse:
    """The CPU the service's processes (uvicorn and its workers) and PostgreSQL (the bench
    server's postmaster and backends) use from now on: a figure of the work each request
    costs that, unlike latency, hardly moves with the machine's load (per request, over a
    burst; the OS counts in clock ticks, 10 ms, so over 120 requests to ~0.1 ms)."""

    def __init__(self, settings: Settings, server: Any) -> None:
        pid_file = settings.pgdata_dir / "postmaster.pid"
        self.roots = (server.proc.pid, int(pid_file.read_text().split()[0]))
        self.start = [_cpu_seconds(root) for root in self.roots]

    def per_request(self, n: int) -> str:
        service, postgres = (
            (_cpu_seconds(root) - start) * 1000 / n
            for root, start in zip(self.roots, self.start, strict=True)
        )
        return f"CPU per request: service {service:.1f} ms, PostgreSQL {postgres:.1f} ms"


class LoadGeneratorCpu:
    """The CPU this benchmark's own processes use from now on, per request: this client (all
    its threads), the fake vendor and the health prober. They run on the same 2 cores as the
    service and PostgreSQL, so during the 200-chat burst their share is CPU the service did
    not have; the figure says how much."""

    def __init__(self, vendor_pid: int, prober_pid: int) -> None:
        self.pids = (vendor_pid, prober_pid)
        self.client = time.process_time()
        self.start = [_cpu_seconds(pid) for pid in self.pids]

    def per_request(self, n: int) -> str:
        client = (time.process_time() - self.client) * 1000 / n
        vendor, prober = (
            (_cpu_seconds(pid) - start) * 1000 / n
            for pid, start in zip(self.pids, self.start, strict=True)
        )
        return (
            f"client {client:.1f} ms, fake vendor {vendor:.1f} ms, health prober "
            f"{prober:.1f} ms of CPU per chat request"
        )


@contextmanager
def shaped(settings: Settings, server: Any, on: bool, title: str) -> Iterator[None]:
    """With ``--shape``: sample the burst inside the block (``burst_shape.BurstShape``) and print
    its timeline after the block's own lines; without it, nothing."""
    if not on:
        yield
        return
    from burst_shape import BurstShape

    from nodepilot.db.connect import database_url

    postmaster = int((settings.pgdata_dir / "postmaster.pid").read_text().split()[0])
    with BurstShape(server.proc.pid, postmaster, database_url(settings)) as shape:
        yield
    print(f"  shape of {title} (cores per process; active PostgreSQL sessions by wait):")
    print(shape.report())


def health_floor(url: str, n: int = 40) -> float:
    """p50 (ms) of GET /api/health at concurrency 1 on one kept-alive connection, from the lean
    client the chats use: what any request pays for HTTP on loopback (the answer comes from a
    check at most 1 s old, so it is not a database round trip)."""

    async def run() -> float:
        async with lean_pool(url) as client:
            await client.get("/api/health")
            times = []
            for _ in range(n):
                started = time.perf_counter()
                await client.get("/api/health")
                times.append((time.perf_counter() - started) * 1000)
            return statistics.median(times)

    return asyncio.run(run())


def probe_health(url: str) -> None:
    """Prober process: once connected, say ``ready``; on a ``go`` line, GET /api/health every
    20 ms until stdin closes; print the times (ms). Started and connected before the burst, so
    its own start-up (Python, httpx: ~0.4 s of CPU) is not spent on the cores while the burst
    runs, and every probe timed is one made during the burst, as before."""
    import threading

    stop = threading.Event()
    times = []
    with httpx.Client(base_url=url, timeout=10) as client:
        client.get("/api/health")
        print("ready", flush=True)
        sys.stdin.readline()
        threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
        while not stop.is_set():
            started = time.perf_counter()
            client.get("/api/health")
            times.append((time.perf_counter() - started) * 1000)
            stop.wait(0.02)
    print(json.dumps(times))


def serve_provider(workflow_file: str, delay: float) -> None:
    """Fake-vendor process: answer every Anthropic Messages call with the workflow after
    ``delay`` seconds; print the URL, run until stdin closes."""
    from llm_server import Reply, running_llm_server

    workflow = json.loads(Path(workflow_file).read_text())
    with running_llm_server() as llm:
        llm.push(*[Reply.workflow(workflow).after(delay) for _ in range(20_000)])
        print(llm.url, flush=True)
        sys.stdin.read()


def _helper(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, __file__, *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )


def slow_provider(
    settings: Settings, requests: list[str], users: int, n: int = 200, shape: bool = False
) -> None:
    from engine.pipeline import Pipeline

    with Pipeline(provider="offline", use_cache=False) as pipeline:
        workflow = pipeline.run(requests[0]).workflow
    workflow_file = settings.data_dir / "bench-workflow.json"
    workflow_file.write_text(json.dumps(workflow))
    vendor = _helper("--serve-provider", str(workflow_file), "2.0")
    try:
        env = {
            "NODEPILOT_RATE_LIMIT_PER_MINUTE": "10000000",
            "NODEPILOT_SERVICE_CACHE": "0",
            "NODEPILOT_ANTHROPIC_BASE_URL": vendor.stdout.readline().strip(),
            "NODEPILOT_ANTHROPIC_API_KEY": "sk-ant-bench-0123456789",
        }
        # ~100 requests per worker wait on the provider at once: the default generation slots
        # (service.runtime.GENERATION_SLOTS) hold them all
        with running_service(settings, workers=2, **env) as server:
            headers = [new_user(settings, server.url) for _ in range(users)]
            warm = [{"message": requests[i], "provider": "anthropic"} for i in range(8)]
            asyncio.run(burst(server.url, headers, warm, 8))
            bodies = [
                {"message": requests[i % len(requests)], "provider": "anthropic"} for i in range(n)
            ]
            before = load()
            prober = _helper("--probe", server.url)
            prober.stdout.readline()  # "ready": started and connected
            used = CpuUse(settings, server)
            others = LoadGeneratorCpu(vendor.pid, prober.pid)
            prober.stdin.write("go\n")
            prober.stdin.flush()
            with shaped(settings, server, shape, f"the {n}-chat burst"):
                wall, ms, statuses = asyncio.run(burst(server.url, headers, bodies, n))
            cpu = used.per_request(n)
            generators = others.per_request(n)
            health = json.loads(prober.communicate("")[0])
    finally:
        vendor.communicate("")
    print(
        f"2 s provider: {n} concurrent chat requests from {users} user(s), 2 workers: "
        f"all done in {wall:.2f} s "
        f"(p50 {statistics.median(ms) / 1000:.2f} s, max {max(ms) / 1000:.2f} s) "
        f"{dict(statuses)}; {before} -> {load()}"
    )
    stages = burst.stages  # type: ignore[attr-defined]
    generation = statistics.median(t.get("generation", 0) for t in stages)
    pipeline_ms = statistics.median(sum(t.values()) for t in stages)
    print(
        f"  server side per request: pipeline p50 {pipeline_ms:.0f} ms, of which the provider "
        f"(generation stage) {generation:.0f} ms; {cpu}"
    )
    print(f"  on the same cores meanwhile: {generators}")
    print(
        f"  /api/health meanwhile (separate prober): {len(health)} probes, "
        f"p50 {statistics.median(health):.1f} ms, p95 {pct(health, 0.95):.1f} ms, "
        f"max {max(health):.1f} ms"
    )


def main() -> None:
    if sys.argv[1:2] == ["--probe"]:
        return probe_health(sys.argv[2])
    if sys.argv[1:2] == ["--serve-provider"]:
        return serve_provider(sys.argv[2], float(sys.argv[3]))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-level", type=int, default=120, help="requests at c=8 and c=32")
    parser.add_argument("--baseline", type=int, default=40, help="requests at c=1 / in-process")
    parser.add_argument("--rounds", type=int, default=3, help="in-process/c=1 rounds")
    parser.add_argument("--skip-slow", action="store_true")
    parser.add_argument("--only-slow", action="store_true")
    parser.add_argument("--users", type=int, default=1, help="users sending the 200 requests")
    parser.add_argument(
        "--blocks",
        action="store_true",
        help="c=1 overhead: all in-process runs, then all service requests (not interleaved)",
    )
    parser.add_argument(
        "--against",
        type=Path,
        help="a second checkout (git worktree) whose service is measured in the same rounds",
    )
    parser.add_argument(
        "--shape",
        action="store_true",
        help="print each process's CPU and PostgreSQL's waits over the c=32 and 200-chat bursts",
    )
    args = parser.parse_args()
    from nodepilot.db.embedded import stop_embedded

    data_dir = Path(tempfile.mkdtemp(prefix="nodepilot-bench-"))
    try:
        settings = bench_settings(data_dir)
        requests = workflow_requests(max(args.baseline, 8))
        print(json.dumps({"cpus": os.cpu_count(), "workers": 2}))
        if not args.only_slow:
            requests_c1 = requests[: args.baseline]
            offline_levels(
                settings,
                requests_c1,
                args.per_level,
                args.rounds,
                args.blocks,
                args.against,
                args.shape,
            )
        if not args.skip_slow:
            slow_provider(settings, requests, args.users, shape=args.shape)
    finally:
        stop_embedded(data_dir / "pgdata")
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
