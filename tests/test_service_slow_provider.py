"""Slow providers do not block the service: on a real ``nodepilot serve --workers 2`` whose
Anthropic provider is held behind a gate (tests/service_process_support.py), 40 chats wait on
the model at once while ``/api/health`` keeps answering 200, a balance is read and another
user's offline generation completes - an ordering check, since no chat can finish before the
gate opens - and then every chat finishes, charged once each.

How fast health answers during such a burst is a figure for ``benchmarks/service_load.py``;
this test shows only that it answers at all while both workers hold waiting generations."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from llm_server import LLMTestServer, Reply, running_llm_server
from service_process_support import (
    ProviderGate,
    provider_gate,
    requests_by_pid,
    running_services,
    worker_pids,
)
from service_support import (
    ServeProcess,
    auth,
    dev_token,
    set_balance,
    unique_email,
)

from nodepilot.config import Settings

REQUEST = "When a form is submitted add a row to Google Sheets and send a Slack message"
CHATS = 40
HEALTH_PROBES = 20


@pytest.fixture(scope="module")
def valid_workflow(indexed: Settings) -> dict[str, Any]:
    from engine.pipeline import Pipeline

    with Pipeline(provider="offline", use_cache=False) as pipeline:
        return pipeline.run(REQUEST).workflow


@pytest.fixture()
def llm() -> Iterator[LLMTestServer]:
    with running_llm_server() as server:
        yield server


@pytest.fixture()
def gate(llm: LLMTestServer) -> Iterator[ProviderGate]:
    with provider_gate(llm.url) as held:
        yield held


@pytest.fixture()
def metrics_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "metrics"
    folder.mkdir()
    return folder


@pytest.fixture()
def served(indexed: Settings, gate: ProviderGate, metrics_dir: Path) -> Iterator[ServeProcess]:
    env = {
        "NODEPILOT_ANTHROPIC_BASE_URL": gate.url,
        "NODEPILOT_ANTHROPIC_API_KEY": "sk-ant-test-0123456789",
        "NODEPILOT_SERVICE_CACHE": "0",
        "NODEPILOT_RATE_LIMIT_PER_MINUTE": "100000",
        "PROMETHEUS_MULTIPROC_DIR": str(metrics_dir),
    }
    with running_services(indexed, [(2, env)]) as (server,):
        yield server


async def probe_health(url: str, probes: int) -> list[httpx.Response]:
    """``probes`` concurrent health checks, each on a connection of its own (so the kernel
    spreads them over both workers' sockets)."""

    async def one() -> httpx.Response:
        async with httpx.AsyncClient(base_url=url, timeout=60) as client:
            return await client.get("/api/health")

    return await asyncio.gather(*(one() for _ in range(probes)))


async def meanwhile(url: str, waiting: dict, other: dict) -> dict[str, httpx.Response]:
    """What the service must still answer while generations wait: health probes, the waiting
    user's balance (a database read) and another user's offline generation."""
    health = await probe_health(url, HEALTH_PROBES)
    async with httpx.AsyncClient(base_url=url, timeout=120) as client:
        body = {"request": REQUEST, "provider": "offline"}
        offline = await client.post("/api/workflow/fast-generate", headers=other, json=body)
        credits = await client.get("/api/credits", headers=waiting)
    return {
        **{f"health {n}": r for n, r in enumerate(health)},
        "offline": offline,
        "credits": credits,
    }


async def chats_behind_a_closed_gate(
    url: str, headers: dict, other: dict, gate: ProviderGate
) -> tuple[list[httpx.Response], list[bool], dict[str, httpx.Response]]:
    """Start the chats, wait until all of them are held at the gate, send ``meanwhile``'s
    requests, then open the gate. Returns the chat responses, whether each chat had finished
    before the gate opened, and the responses sent meanwhile."""
    limits = httpx.Limits(max_connections=CHATS, max_keepalive_connections=CHATS)
    async with httpx.AsyncClient(base_url=url, timeout=300, limits=limits) as client:
        chats = [
            asyncio.create_task(
                client.post(
                    "/api/chat/message",
                    headers=headers,
                    json={"message": f"{REQUEST} for project {n}", "provider": "anthropic"},
                )
            )
            for n in range(CHATS)
        ]
        try:
            held = await asyncio.to_thread(gate.wait_for_arrivals, CHATS, 240)
            assert held, f"only {gate.arrived} of {CHATS} chats reached the provider"
            answered = await meanwhile(url, headers, other)
            finished_early = [chat.done() for chat in chats]
        finally:
            gate.open()
        return list(await asyncio.gather(*chats)), finished_early, answered


def test_health_answers_while_every_generation_waits_on_the_provider(
    served, indexed, db_conn, llm, gate, metrics_dir, valid_workflow
) -> None:
    email = unique_email()
    headers, other = auth(dev_token(indexed, email)), auth(dev_token(indexed, unique_email()))
    for user in (headers, other):
        assert httpx.get(f"{served.url}/api/users/me", headers=user).status_code == 200
    set_balance(db_conn, email, CHATS)
    llm.push(*[Reply.workflow(valid_workflow) for _ in range(CHATS)])
    workers = worker_pids(served)
    assert len(workers) == 2

    responses, finished_early, answered = asyncio.run(
        chats_behind_a_closed_gate(served.url, headers, other, gate)
    )

    statuses = {name: r.status_code for name, r in answered.items()}
    assert set(statuses.values()) == {200}, (statuses, answered["offline"].text)
    assert not any(finished_early)  # all of it answered while every chat still waited
    assert answered["credits"].json()["balance"] == CHATS  # held, not yet charged
    assert answered["offline"].json()["workflow"]["nodes"]
    failed = [r.text for r in responses if r.status_code != 200]
    assert not failed, failed[:3]
    assert sorted(r.json()["credits_left"] for r in responses) == list(range(CHATS))
    assert gate.arrived == CHATS and llm.pending == 0  # one provider call per chat, no retry
    chats_by_worker = requests_by_pid(metrics_dir, "/api/chat/message")
    health_by_worker = requests_by_pid(metrics_dir, "/api/health")
    assert set(chats_by_worker) == workers, chats_by_worker  # both workers held waiting chats
    assert sum(chats_by_worker.values()) == CHATS
    assert set(health_by_worker) == workers, health_by_worker  # and both answered health
