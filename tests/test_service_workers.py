"""Guarantees across processes, against a real ``nodepilot serve --workers 2`` on loopback:
credits never overspent (one user, 40 credits, 1,000 chat requests 50 at a time), no
cross-charging between users, the shared rate limiter (150 requests -> exactly 100 pass),
multi-process metrics, and PostgreSQL stopped and restarted under load."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from service_support import (
    ServeProcess,
    auth,
    dev_token,
    ledger_rows,
    running_service,
    set_balance,
    unique_email,
)

from nodepilot.config import Settings

REQUEST = "Every Monday at 9am get the Stripe refunds and post a summary to #finance on Slack"


@pytest.fixture(scope="module")
def served(indexed: Settings) -> Iterator[ServeProcess]:
    with running_service(indexed, workers=2, NODEPILOT_RATE_LIMIT_PER_MINUTE="1000000") as server:
        yield server


async def _fire(url: str, calls: list[tuple[str, str, dict, Any]], concurrency: int) -> list:
    """Send (method, path, headers, json) calls, ``concurrency`` at a time; the responses."""
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    gate = asyncio.Semaphore(concurrency)
    async with httpx.AsyncClient(base_url=url, timeout=120, limits=limits) as client:

        async def one(method: str, path: str, headers: dict, body: Any) -> httpx.Response:
            async with gate:
                return await client.request(method, path, headers=headers, json=body)

        return await asyncio.gather(*(one(*c) for c in calls))


def fire(url: str, calls: list, concurrency: int) -> list[httpx.Response]:
    return asyncio.run(_fire(url, calls, concurrency))


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


def test_one_user_40_credits_1000_requests_exactly_40_served(served, indexed, db_conn) -> None:
    headers, user_id = new_user(indexed, served, db_conn, 40)
    calls = [("POST", "/api/chat/message", headers, {"message": REQUEST})] * 1000
    responses = fire(served.url, calls, concurrency=50)
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


def test_two_users_interleaved_are_never_cross_charged(served, indexed, db_conn) -> None:
    (a, a_id), (b, b_id) = (new_user(indexed, served, db_conn, n) for n in (7, 11))
    body = {"request": "When a form is submitted add a row to Google Sheets"}
    calls = [("POST", "/api/workflow/fast-generate", h, body) for _ in range(40) for h in (a, b)]
    responses = fire(served.url, calls, concurrency=40)
    by_user = Counter((r.request.headers["authorization"], r.status_code) for r in responses)
    assert by_user[(a["Authorization"], 200)] == 7 and by_user[(b["Authorization"], 200)] == 11
    assert_exact_ledger(db_conn, a_id, 7, 7)
    assert_exact_ledger(db_conn, b_id, 11, 11)


def test_rate_limit_is_shared_by_workers(indexed: Settings) -> None:
    with running_service(indexed, workers=2, NODEPILOT_RATE_LIMIT_PER_MINUTE="100") as server:
        headers = auth(dev_token(indexed, unique_email()))
        responses = fire(server.url, [("GET", "/api/credits", headers, None)] * 150, 25)
        statuses = Counter(r.status_code for r in responses)
        assert statuses == {200: 100, 429: 50}, statuses
        limited = next(r for r in responses if r.status_code == 429)
        assert limited.json()["error"]["code"] == "rate_limited"
        assert 1 <= int(limited.headers["retry-after"]) <= 60
        assert limited.headers["ratelimit-limit"] == "100"
        assert limited.headers["ratelimit-remaining"] == "0"
        anonymous = fire(server.url, [("GET", "/api/config/public", {}, None)] * 110, 25)
        assert Counter(r.status_code for r in anonymous) == {200: 100, 429: 10}
        metrics = httpx.get(f"{server.url}/metrics").text
        line = next(x for x in metrics.splitlines() if x.startswith("nodepilot_rate_limited_total"))
        assert float(line.split()[-1]) == 60.0  # summed over both worker processes
