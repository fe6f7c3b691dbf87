"""Guarantees across processes, against a real ``nodepilot serve --workers 2`` on loopback:
credits never overspent (one user, 40 credits, 1,000 chat requests 50 at a time), no
cross-charging between users, the shared rate limiter (150 requests over two instances on one
database -> exactly 100 pass; each client address its own window), multi-process metrics, and
PostgreSQL stopped and restarted under load (no row lost, no worker restarted).

Each test also shows, from the per-process metric files, that both workers served its
requests: otherwise a worker that never started would leave every "across workers" claim
untested while the test still passed."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from service_process_support import (
    counted_by_pid,
    requests_by_pid,
    running_services,
    table_counts,
    worker_pids,
)
from service_support import (
    ServeProcess,
    auth,
    dev_token,
    ledger_rows,
    set_balance,
    unique_email,
)

from nodepilot.config import Settings

REQUEST = "Every Monday at 9am get the Stripe refunds and post a summary to #finance on Slack"


@pytest.fixture(scope="module")
def metrics_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("metrics")


@pytest.fixture(scope="module")
def served(indexed: Settings, metrics_dir: Path) -> Iterator[ServeProcess]:
    env = {
        "NODEPILOT_RATE_LIMIT_PER_MINUTE": "1000000",
        "PROMETHEUS_MULTIPROC_DIR": str(metrics_dir),
    }
    with running_services(indexed, [(2, env)]) as (server,):
        yield server


def assert_every_worker_served(
    server: ServeProcess, metrics_dir: Path, route: str, before: Counter, at_least: int
) -> None:
    """Each worker of ``server`` served at least ``at_least`` requests on ``route`` since
    ``before`` (the per-pid counts then), and no other process did."""
    served = requests_by_pid(metrics_dir, route) - before
    assert set(served) == worker_pids(server), served
    assert min(served.values()) >= at_least, served


async def _fire(
    url: str, calls: list[tuple[str, str, dict, Any]], concurrency: int, source: str | None = None
) -> list:
    """Send (method, path, headers, json) calls, ``concurrency`` at a time, from the local
    address ``source`` when given; the responses."""
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    transport = httpx.AsyncHTTPTransport(local_address=source, limits=limits) if source else None
    gate = asyncio.Semaphore(concurrency)
    async with httpx.AsyncClient(
        base_url=url, timeout=120, limits=limits, transport=transport
    ) as client:

        async def one(method: str, path: str, headers: dict, body: Any) -> httpx.Response:
            async with gate:
                return await client.request(method, path, headers=headers, json=body)

        return await asyncio.gather(*(one(*c) for c in calls))


def fire(url: str, calls: list, concurrency: int, source: str | None = None) -> list:
    return asyncio.run(_fire(url, calls, concurrency, source))


def fire_at(servers: list[ServeProcess], calls: list, concurrency: int) -> list[httpx.Response]:
    """The same calls sent to every server at once (``concurrency`` each); all responses."""

    async def together() -> list:
        sent = await asyncio.gather(*(_fire(s.url, calls, concurrency) for s in servers))
        return [response for batch in sent for response in batch]

    return asyncio.run(together())


def new_user(settings: Settings, served: ServeProcess, db_conn, credits: int) -> tuple[dict, Any]:
    email = unique_email()
    headers = auth(dev_token(settings, email))
    assert httpx.get(f"{served.url}/api/users/me", headers=headers).status_code == 200
    return headers, set_balance(db_conn, email, credits)


def assert_exact_ledger(db_conn, user_id, start: int, spent: int) -> None:
    rows = ledger_rows(db_conn, user_id)
    generations = [r for r in rows if r[1] == "generation"]
    assert len(generations) == spent
    assert sorted(r[2] for r in generations) == list(range(start - spent, start))
    assert all(r[2] >= 0 for r in rows)
    assert sum(r[0] for r in rows) == start - spent == rows[-1][2]
    held = db_conn.execute(
        "SELECT count(*) FROM credit_reservations WHERE user_id = %s", (user_id,)
    ).fetchone()[0]
    assert held == 0


def test_one_user_40_credits_1000_requests_exactly_40_served(
    served, indexed, db_conn, metrics_dir
) -> None:
    headers, user_id = new_user(indexed, served, db_conn, 40)
    calls = [("POST", "/api/chat/message", headers, {"message": REQUEST})] * 1000
    before = requests_by_pid(metrics_dir, "/api/chat/message")
    responses = fire(served.url, calls, concurrency=50)
    assert_every_worker_served(served, metrics_dir, "/api/chat/message", before, at_least=50)
    statuses = Counter(r.status_code for r in responses)
    assert statuses == {200: 40, 402: 960}, statuses
    assert {r.json()["credits_left"] for r in responses if r.status_code == 200} == set(range(40))
    assert all(
        r.json()["error"]["code"] == "insufficient_credits"
        for r in responses
        if r.status_code == 402
    )
    assert_exact_ledger(db_conn, user_id, 40, 40)
    stored = db_conn.execute(
        "SELECT count(*) FROM workflow_generations WHERE user_id = %s", (user_id,)
    ).fetchone()[0]
    assert stored == 40


def test_two_users_interleaved_are_never_cross_charged(
    served, indexed, db_conn, metrics_dir
) -> None:
    (a, a_id), (b, b_id) = (new_user(indexed, served, db_conn, n) for n in (7, 11))
    body = {"request": "When a form is submitted add a row to Google Sheets"}
    calls = [("POST", "/api/workflow/fast-generate", h, body) for _ in range(40) for h in (a, b)]
    route = "/api/workflow/fast-generate"
    before = requests_by_pid(metrics_dir, route)
    responses = fire(served.url, calls, concurrency=40)
    assert_every_worker_served(served, metrics_dir, route, before, at_least=5)
    by_user = Counter((r.request.headers["authorization"], r.status_code) for r in responses)
    assert by_user[(a["Authorization"], 200)] == 7 and by_user[(b["Authorization"], 200)] == 11
    assert_exact_ledger(db_conn, a_id, 7, 7)
    assert_exact_ledger(db_conn, b_id, 11, 11)


def limited_instances(settings: Settings, folder: Path):
    """Two instances on the session database, limit 100 a minute: 2 workers and 1 worker,
    each with its own metric files (``folder/<n>``)."""
    instances = []
    for n, workers in enumerate((2, 1)):
        (folder / str(n)).mkdir()
        env = {
            "NODEPILOT_RATE_LIMIT_PER_MINUTE": "100",
            "PROMETHEUS_MULTIPROC_DIR": str(folder / str(n)),
        }
        instances.append((workers, env))
    return running_services(settings, instances)


def rate_limited_total(server: ServeProcess) -> float:
    metrics = httpx.get(f"{server.url}/metrics").text
    line = next(x for x in metrics.splitlines() if x.startswith("nodepilot_rate_limited_total"))
    return float(line.split()[-1])


def test_rate_limit_is_shared_by_workers_and_instances(
    indexed: Settings, db_conn, tmp_path: Path
) -> None:
    with limited_instances(indexed, tmp_path) as servers:
        headers = auth(dev_token(indexed, unique_email()))
        responses = fire_at(servers, [("GET", "/api/credits", headers, None)] * 75, 25)
        statuses = Counter(r.status_code for r in responses)
        assert statuses == {200: 100, 429: 50}, statuses
        for n, server in enumerate(servers):
            assert_every_worker_served(server, tmp_path / str(n), "/api/credits", Counter(), 1)
        limited = next(r for r in responses if r.status_code == 429)
        assert limited.json()["error"]["code"] == "rate_limited"
        assert 1 <= int(limited.headers["retry-after"]) <= 60
        assert limited.headers["ratelimit-reset"] == limited.headers["retry-after"]
        assert limited.headers["ratelimit-limit"] == "100"
        assert limited.headers["ratelimit-remaining"] == "0"
        allowed = next(r for r in responses if r.status_code == 200)
        assert 1 <= int(allowed.headers["ratelimit-reset"]) <= 60
        # other tests' requests from these addresses in the last minute share their windows
        db_conn.execute("DELETE FROM rate_limit_windows WHERE subject LIKE 'ip:127.0.0.%'")
        db_conn.commit()
        anonymous = fire_at(servers, [("GET", "/api/config/public", {}, None)] * 55, 25)
        assert Counter(r.status_code for r in anonymous) == {200: 100, 429: 10}
        rejected = [rate_limited_total(server) for server in servers]
        assert sum(rejected) == 60.0
        by_pid = counted_by_pid(tmp_path / "0", "nodepilot_rate_limited_total")
        assert rejected[0] == sum(by_pid.values())  # /metrics sums the worker processes
        public = [("GET", "/api/config/public", {}, None)] * 5
        elsewhere = fire(servers[0].url, public, 1, source="127.0.0.2")
        assert [r.status_code for r in elsewhere] == [200] * 5  # a window of its own
        assert [r.headers["ratelimit-remaining"] for r in elsewhere] == [
            "99",
            "98",
            "97",
            "96",
            "95",
        ]
        assert fire(servers[0].url, public[:1], 1)[0].status_code == 429  # still limited here


class Load:
    """Clients sending requests until told to stop; responses are kept with the phase they
    were sent in, and waiters wake when a phase has seen enough of a status."""

    def __init__(self, url: str, headers: dict, clients: int = 8) -> None:
        self.url, self.headers, self.clients = url, headers, clients
        self.phase = "before"
        self.seen: list[tuple[str, int, dict]] = []
        self.changed = asyncio.Condition()
        self.stopping = False

    async def _client(self, n: int) -> None:
        body = {"request": "When a form is submitted add a row to Google Sheets"}
        async with httpx.AsyncClient(base_url=self.url, timeout=60) as client:
            while not self.stopping:
                phase = self.phase
                try:
                    r = await client.post(
                        "/api/workflow/fast-generate", json=body, headers=self.headers
                    )
                    record = (phase, r.status_code, {**r.json(), **dict(r.headers)})
                except httpx.HTTPError as exc:
                    record = (phase, 0, {"exception": repr(exc)})
                async with self.changed:
                    self.seen.append(record)
                    self.changed.notify_all()

    async def wait_for(self, phase: str, status: int, count: int, timeout: float) -> None:
        def enough() -> bool:
            return sum(1 for p, s, _ in self.seen if p == phase and s == status) >= count

        try:
            async with self.changed:
                await asyncio.wait_for(self.changed.wait_for(enough), timeout)
        except TimeoutError:
            seen = Counter((p, s) for p, s, _ in self.seen)
            odd = [d for _, s, d in self.seen if s not in (200, 503)][:3]
            raise AssertionError(f"no {count} x {status} in {phase}: {seen} {odd}") from None


def restart_embedded(pgdata) -> None:
    """Start the stopped server from a fresh process (pgserver keeps a per-process handle that
    believes the server it started is still up)."""
    code = (
        "from pathlib import Path; from nodepilot.db.embedded import ensure_embedded; "
        f"ensure_embedded(Path({str(pgdata)!r}))"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


async def _outage(url: str, headers: dict, pgdata) -> tuple[Load, int]:
    from nodepilot.db.embedded import stop_embedded

    load = Load(url, headers)
    tasks = [asyncio.create_task(load._client(n)) for n in range(load.clients)]
    try:
        await load.wait_for("before", 200, 5, timeout=60)
        await asyncio.to_thread(stop_embedded, pgdata)
        load.phase = "down"
        await load.wait_for("down", 503, 5, timeout=60)
        async with httpx.AsyncClient(base_url=url) as client:
            health_down = (await client.get("/api/health")).status_code
        await asyncio.to_thread(restart_embedded, pgdata)
        load.phase = "after"
        await load.wait_for("after", 200, 10, timeout=90)
    finally:
        load.stopping = True
        await asyncio.gather(*tasks)
    return load, health_down


def assert_no_row_lost(before: dict, after: dict) -> None:
    """Every table after the outage against before it (``table_counts``): other users' rows
    (and tables of no user) exactly as they were, the load user's never fewer. The generation
    cache may gain entries; rate-limit windows are pruned by design, so they are not data."""
    for table, (others, mine) in before.items():
        if table == "rate_limit_windows":
            continue
        others_after, mine_after = after[table]
        assert mine_after >= mine, (table, before[table], after[table])
        if table == "generation_cache":
            assert others_after >= others, (table, before[table], after[table])
        else:
            assert others_after == others, (table, before[table], after[table])


def test_database_outage_gives_503_then_recovers(served, indexed, db_conn, metrics_dir) -> None:
    from nodepilot.db import connect

    headers, user_id = new_user(indexed, served, db_conn, 1000)
    workers = worker_pids(served)
    rows_before = table_counts(db_conn, user_id)
    db_conn.close()
    load, health_down = asyncio.run(_outage(served.url, headers, indexed.pgdata_dir))
    assert served.proc.poll() is None and worker_pids(served) == workers  # none restarted
    assert set(requests_by_pid(metrics_dir)) == workers  # no replacement ever served
    statuses = Counter((p, s) for p, s, _ in load.seen)
    assert {s for _, s, _ in load.seen} <= {200, 503}, statuses
    assert statuses[("down", 503)] >= 5 and statuses[("after", 200)] >= 10
    assert health_down == 503
    for _, status, doc in load.seen:
        if status == 503:
            assert doc["error"]["code"] == "database_unavailable" and doc["retry-after"]
    served_ids = {doc["workflow_id"] for _, s, doc in load.seen if s == 200}
    with connect(indexed) as conn:
        stored = {
            r[0]
            for r in conn.execute(
                "SELECT id::text FROM workflow_generations"
                " WHERE user_id = %s AND status = 'succeeded'",
                (user_id,),
            ).fetchall()
        }
        charged = conn.execute(
            "SELECT count(*), min(remaining_balance) FROM credit_history"
            " WHERE user_id = %s AND transaction_type = 'generation'",
            (user_id,),
        ).fetchone()
        rows_after = table_counts(conn, user_id)
    assert served_ids <= stored  # nothing the service confirmed was lost
    # a commit whose acknowledgement the stop cut off is stored but answered 503: at most
    # one per client, the request each had in flight when the server stopped
    assert len(stored - served_ids) <= load.clients
    assert charged[0] == len(stored) and charged[1] >= 0  # every stored result charged once
    assert_no_row_lost(rows_before, rows_after)
    # holds of requests cut off by the stop cannot be given back then; they lapse (15 min)
    assert rows_after["credit_reservations"][1] <= load.clients
