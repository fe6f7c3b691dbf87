"""Provider faults over HTTP, with the local Anthropic-speaking server (tests/llm_server.py)
behind the official SDK: server errors, rate limits, malformed output, a dropped connection ->
a clear 502/503 and no charge; a fallback chain answers instead; a good answer is charged."""

from __future__ import annotations

import copy
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from llm_server import LLMTestServer, Reply, running_llm_server
from service_sse_support import stages_of, stream_chat
from service_support import ledger_rows, service_client, sign_in, unique_email, user_id_of
from starlette.testclient import TestClient

from nodepilot.config import Settings, get_settings

REQUEST = "When a form is submitted add a row to Google Sheets and send a Slack message"


@pytest.fixture(scope="module")
def llm(indexed: Settings) -> Iterator[LLMTestServer]:
    with running_llm_server() as server:
        yield server


@pytest.fixture()
def client(indexed: Settings, llm: LLMTestServer, monkeypatch) -> Iterator[TestClient]:
    monkeypatch.setenv("NODEPILOT_ANTHROPIC_BASE_URL", llm.url)
    monkeypatch.setenv("NODEPILOT_ANTHROPIC_API_KEY", "sk-ant-test-0123456789")
    get_settings.cache_clear()
    llm.reset()
    with service_client(indexed, rate_limit_per_minute=100_000) as c:
        yield c
    get_settings.cache_clear()


@pytest.fixture(scope="module")
def valid_workflow(indexed: Settings) -> dict[str, Any]:
    from engine.pipeline import Pipeline

    with Pipeline(provider="offline", use_cache=False) as pipeline:
        return pipeline.run(REQUEST).workflow


def fresh_request() -> str:
    """The request with a unique tail, so no test is answered from the generation cache."""
    return f"{REQUEST} for project {uuid.uuid4().hex[:8]}"


def ask(client: TestClient, headers: dict, provider: str = "anthropic", **extra: Any):
    body = {"message": fresh_request(), "provider": provider}
    return client.post("/api/chat/message", json=body, headers={**headers, **extra})


def new_user(client: TestClient, settings: Settings, db_conn) -> tuple[dict, Any]:
    email = unique_email()
    headers = sign_in(client, settings, email)
    return headers, user_id_of(db_conn, email)


def assert_not_charged(db_conn, user_id) -> None:
    assert [r[1] for r in ledger_rows(db_conn, user_id)] == ["trial"]
    held = db_conn.execute(
        "SELECT count(*) FROM credit_reservations WHERE user_id = %s", (user_id,)
    ).fetchone()[0]
    assert held == 0
    convs = db_conn.execute(
        "SELECT count(*) FROM conversations WHERE user_id = %s", (user_id,)
    ).fetchone()[0]
    assert convs == 0


@pytest.mark.parametrize(
    ("replies", "status", "code"),
    [
        ([Reply.error(500, message="boom")] * 4, 502, "provider_unavailable"),
        ([Reply.error(529, message="overloaded")] * 4, 503, "provider_unavailable"),
        ([Reply.error(429, message="slow down", retry_after="0")] * 4, 503, "provider_unavailable"),
        ([Reply.text("here is your workflow: {nodes: [")] * 12, 502, "generation_failed"),
        ([Reply.workflow({"nodes": []}).truncated()] * 12, 502, "generation_failed"),
        ([Reply.raw(b'{"id": "msg_1", "content": [')] * 12, 502, "generation_failed"),
    ],
    ids=[
        "server_error",
        "overloaded",
        "rate_limited",
        "malformed_output",
        "truncated_output",
        "malformed_body",
    ],
)
def test_provider_faults_are_clear_and_free(
    client, indexed, db_conn, llm, replies, status: int, code: str
) -> None:
    headers, user_id = new_user(client, indexed, db_conn)
    llm.push(*replies)
    response = ask(client, headers)
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["code"] == code and "not charged" in error["hint"]
    if status == 503:
        assert response.headers["retry-after"]
    assert_not_charged(db_conn, user_id)
    failed = db_conn.execute(
        "SELECT status, provider FROM workflow_generations WHERE user_id = %s", (user_id,)
    ).fetchall()
    assert failed == [("failed", "anthropic")]


def test_fallback_chain_answers_and_is_charged_once(client, indexed, db_conn, llm) -> None:
    headers, user_id = new_user(client, indexed, db_conn)
    llm.push(*[Reply.error(500, message="boom")] * 4)
    response = ask(client, headers, provider="anthropic,offline")
    assert response.status_code == 200, response.text
    assert response.json()["credits_left"] == 24
    provider = db_conn.execute(
        "SELECT provider FROM workflow_generations WHERE user_id = %s", (user_id,)
    ).fetchone()[0]
    assert provider == "offline"


def test_a_good_provider_answer_is_stored_and_charged(
    client, indexed, db_conn, llm, valid_workflow
) -> None:
    """The model the caller names is the one the vendor is asked for, and the findings the
    engine reports on the workflow are answered and stored."""
    headers, user_id = new_user(client, indexed, db_conn)
    llm.push(Reply.workflow(valid_workflow, input_tokens=1200, output_tokens=800))
    body = {"message": fresh_request(), "provider": "anthropic", "model": "claude-test-model-7"}
    response = client.post("/api/chat/message", json=body, headers=headers)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["workflow"]["nodes"] and body["credits_left"] == 24
    assert [r.body["model"] for r in llm.requests] == ["claude-test-model-7"]
    stored = db_conn.execute(
        """SELECT tokens_input, tokens_output, model_used, findings FROM workflow_generations
           WHERE user_id = %s""",
        (user_id,),
    ).fetchone()
    assert stored[:3] == (1200, 800, "claude-test-model-7")
    assert isinstance(body["findings"], list) and body["findings"] == stored[3]
    assert all({"code", "severity", "message"} <= set(f) for f in body["findings"])


def with_a_dangling_connection(workflow: dict[str, Any]) -> dict[str, Any]:
    """``workflow`` with one more connection, to a node that does not exist: invalid, and
    the deterministic repair removes it."""
    broken = copy.deepcopy(workflow)
    source = next(iter(broken["connections"]))
    broken["connections"][source]["main"][0].append(
        {"node": "Step nobody made", "type": "main", "index": 0}
    )
    return broken


def test_stream_reports_validation_and_repair_of_the_models_workflow(
    client, indexed, db_conn, llm, valid_workflow
) -> None:
    headers, user_id = new_user(client, indexed, db_conn)
    llm.push(Reply.workflow(with_a_dangling_connection(valid_workflow)))
    body = {"message": fresh_request(), "provider": "anthropic"}
    status, _, events = stream_chat(client, headers, body)
    assert status == 200
    stages = stages_of(events)
    assert stages.index("generation") < stages.index("validation") < stages.index("repair")
    kind, done = events[-1]
    assert kind == "done" and done["credits_left"] == 24, events[-1]
    assert [f["code"] for f in done["fixes"]] == ["connection_unknown_target"]
    targets = [
        link["node"]
        for outputs in done["workflow"]["connections"].values()
        for branch in outputs["main"]
        for link in branch
    ]
    assert "Step nobody made" not in targets
    assert len(llm.requests) == 1  # repaired here, not sent back to the model


def test_streamed_provider_failure_ends_with_an_error_event(client, indexed, db_conn, llm) -> None:
    headers, user_id = new_user(client, indexed, db_conn)
    llm.push(*[Reply.error(500, message="boom")] * 4)
    body = {"message": fresh_request(), "provider": "anthropic"}
    _, _, events = stream_chat(client, headers, body)
    assert events[-1][0] == "error" and "done" not in [kind for kind, _ in events]
    assert events[-1][1]["error"]["code"] == "provider_unavailable"
    assert_not_charged(db_conn, user_id)


def test_unconfigured_provider_is_invalid_input(client, indexed, db_conn, monkeypatch) -> None:
    monkeypatch.delenv("NODEPILOT_ANTHROPIC_API_KEY")
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    get_settings.cache_clear()
    headers, user_id = new_user(client, indexed, db_conn)
    response = ask(client, headers)
    assert response.status_code == 422
    assert "API key" in response.json()["error"]["message"]
    assert_not_charged(db_conn, user_id)


def test_a_hung_provider_times_out_clearly_and_free(
    client, indexed, db_conn, llm, valid_workflow, monkeypatch
) -> None:
    """A vendor that never answers within the configured timeout (every attempt and retry) ends
    in a clear 502/503, not a worker stuck for minutes, and the user is not charged."""
    monkeypatch.setenv("NODEPILOT_PROVIDER_TIMEOUT", "0.3")
    get_settings.cache_clear()
    headers, user_id = new_user(client, indexed, db_conn)
    llm.push(*[Reply.workflow(valid_workflow).after(3.0) for _ in range(6)])
    response = ask(client, headers)
    assert response.status_code in (502, 503), response.text
    error = response.json()["error"]
    assert error["code"] == "provider_unavailable" and "not charged" in error["hint"]
    assert "0.3 s" in error["message"] or "time" in error["message"].lower()
    assert_not_charged(db_conn, user_id)


def test_no_connection_is_held_while_the_provider_thinks(
    client, indexed, llm, valid_workflow
) -> None:
    """Generations waiting on a remote model hold no pooled database connection, so a worker
    can have many of them in flight on a small pool."""
    from concurrent.futures import ThreadPoolExecutor

    headers = sign_in(client, indexed)
    waiting = 4
    llm.push(*[Reply.workflow(valid_workflow).after(4.0) for _ in range(waiting)])
    pool = client.app.state.runtime.pool
    with ThreadPoolExecutor(waiting) as callers:
        calls = [callers.submit(ask, client, headers) for _ in range(waiting)]
        arrived = llm.wait_for_requests(waiting, timeout=30)
        stats = pool.get_stats()
        responses = [c.result() for c in calls]
    assert len(arrived) == waiting
    assert stats["pool_size"] - stats["pool_available"] == 0  # none checked out meanwhile
    assert [r.status_code for r in responses] == [200] * waiting
