"""Where a chat's time goes inside the service: one uvicorn worker in this process, c=1.

``benchmarks/service_load.py`` gives the service's overhead over ``Pipeline.run`` as one
number; this script splits it. The service's own steps are wrapped with timers (our
functions only, nothing of uvicorn's, FastAPI's or an SDK's): sign-in (token, user lookup and
rate-limit count; a first turn's intent is classified while it is in flight, shown apart),
the credit hold, the pipeline run (with its connection lease and CPU gate),
storing the turn with its charge (the durable COMMIT), ``chat.execute`` around those two, the
whole generation-thread job, and the ASGI app as uvicorn calls it (medians do not add up
exactly: each line is its own median). The rest is the event loop's work plus the two hand-offs
between it and the worker threads; ``GET /api/health`` gives the HTTP floor (client, loopback,
uvicorn) on the same connection. Medians over the dev workflow requests, twice each.

    .venv/bin/python benchmarks/service_hops.py [--passes 2]

Runs on its own temporary data folder (the test suite's subset index), never the user's.
"""

from __future__ import annotations

import argparse
import functools
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "benchmarks")]

import httpx  # noqa: E402

SPANS: dict[str, list[float]] = {}
PORT = 8765


def timed(module: Any, name: str, label: str, cpu: bool = False) -> None:
    """Replace ``module.name`` with a copy that records its wall time under ``label`` (and with
    ``cpu`` the calling thread's CPU time too: the rest of the wall time is waiting, on the
    database or for a core)."""
    inner: Callable[..., Any] = getattr(module, name)

    @functools.wraps(inner)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started, used = time.perf_counter(), time.thread_time()
        try:
            return inner(*args, **kwargs)
        finally:
            SPANS.setdefault(label, []).append((time.perf_counter() - started) * 1000)
            if cpu:
                SPANS.setdefault(f"{label[:36]} (CPU)", []).append(
                    (time.thread_time() - used) * 1000
                )

    setattr(module, name, wrapper)


def instrumented_app(settings: Any) -> Any:
    import service.chat as chat
    import service.deps as deps
    import service.routes.chat as routes
    from service.app import create_app

    timed(deps, "_sign_in", "sign-in thread: token, user, rate limit")
    timed(routes, "sign_in", "  sign-in + queued hold (generation thread)", cpu=True)
    timed(chat.EarlyIntent, "__call__", "    of which intent, classified meanwhile")
    timed(chat, "prepare", "  credit hold read (generation thread)")
    timed(chat, "_run_pipeline", "  pipeline run (lease, gate, Pipeline.run)")
    timed(chat, "_store_and_charge", "  store turn + charge (durable COMMIT)", cpu=True)
    timed(chat, "execute", "  execute (pipeline .. charge)")
    timed(routes, "_turn_json", "generation thread job (hold .. JSON)")
    app = create_app(settings)

    async def asgi(scope: dict, receive: Any, send: Any) -> None:
        started, cpu = time.perf_counter(), time.thread_time()
        try:
            await app(scope, receive, send)
        finally:
            if scope["type"] == "http" and scope["path"] == "/api/chat/message":
                SPANS.setdefault("ASGI app (all of the above + loop)", []).append(
                    (time.perf_counter() - started) * 1000
                )
                # the event loop's own CPU while it served this request (c=1: nothing else)
                SPANS.setdefault("  of which event-loop CPU (FastAPI, ours)", []).append(
                    (time.thread_time() - cpu) * 1000
                )

    return asgi


def measure(settings: Any, passes: int) -> None:
    import uvicorn
    from service_load import workflow_requests
    from service_support import auth, dev_token, set_balance, unique_email

    from nodepilot.db import connect

    config = uvicorn.Config(
        instrumented_app(settings), host="127.0.0.1", port=PORT, log_level="warning",
        access_log=False, lifespan="on",
    )  # fmt: skip
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)  # start-up only: nothing is measured before it
    email = unique_email("hops")
    headers = auth(dev_token(settings, email))
    client = httpx.Client(base_url=f"http://127.0.0.1:{PORT}", timeout=60)
    client.get("/api/users/me", headers=headers).raise_for_status()
    with connect(settings) as conn:
        set_balance(conn, email, 1_000_000)
    requests = workflow_requests(60)
    for text in requests[:5]:  # warm
        client.post("/api/chat/message", json={"message": text}, headers=headers)
    SPANS.clear()
    for text in requests * passes:
        started = time.perf_counter()
        response = client.post("/api/chat/message", json={"message": text}, headers=headers)
        SPANS.setdefault("client: POST /api/chat/message", []).append(
            (time.perf_counter() - started) * 1000
        )
        response.raise_for_status()
        started = time.perf_counter()
        client.get("/api/health")
        SPANS.setdefault("client: GET /api/health (HTTP floor)", []).append(
            (time.perf_counter() - started) * 1000
        )
    server.should_exit = True
    thread.join(10)
    report()


#: Per-request gaps: (label, the enclosing span, the spans inside it). At c=1 the i-th value of
#: every span belongs to the i-th request, so a gap is a median of per-request differences —
#: not a difference of medians, which for requests of very different sizes can be off by a
#: millisecond either way (the pipeline's and the store's times vary together).
GAPS = (
    ("  execute outside pipeline and store", "  execute (pipeline .. charge)",
     ("  pipeline run (lease, gate, Pipeline.run)", "  store turn + charge (durable COMMIT)")),
    ("generation thread job outside sign-in, execute", "generation thread job (hold .. JSON)",
     ("  sign-in + queued hold (generation thread)", "  execute (pipeline .. charge)")),
    ("event loop, FastAPI, thread hand-offs", "ASGI app (all of the above + loop)",
     ("generation thread job (hold .. JSON)", "sign-in thread: token, user, rate limit")),
    ("client + HTTP outside the ASGI app", "client: POST /api/chat/message",
     ("ASGI app (all of the above + loop)",)),
)  # fmt: skip


def report() -> None:
    print(f"medians (ms), load {os.getloadavg()[0]:.1f}")
    for label, values in SPANS.items():
        print(f"  {label:<45} {statistics.median(values):8.2f}")
    print("per-request gaps, medians (ms)")
    for label, outer, parts in GAPS:
        present = [SPANS.get(p) for p in parts if SPANS.get(p)]
        if not SPANS.get(outer) or any(len(p) != len(SPANS[outer]) for p in present):
            continue  # a step that ran in another request's place (or not at all)
        gaps = [t - sum(p[i] for p in present) for i, t in enumerate(SPANS[outer])]
        print(f"  {label:<45} {statistics.median(gaps):8.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passes", type=int, default=2, help="passes over the dev requests")
    args = parser.parse_args()
    from service_load import bench_settings

    from nodepilot.db.embedded import stop_embedded

    data_dir = Path(tempfile.mkdtemp(prefix="nodepilot-hops-"))
    try:
        settings = bench_settings(data_dir)
        # one user sends every request: lift the per-minute limit for this measurement only
        settings = settings.model_copy(update={"rate_limit_per_minute": 1_000_000})
        measure(settings, args.passes)
    finally:
        stop_embedded(data_dir / "pgdata")
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
