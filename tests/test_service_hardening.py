"""Hardening: one JSON log line per request (never a token), the CORS allowlist, and a graceful
shutdown that finishes the generation in flight (a real ``nodepilot serve`` and a provider that
answers only after the shutdown began)."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest
from llm_server import Reply, running_llm_server
from service_support import (
    ServeProcess,
    auth,
    dev_token,
    running_service,
    service_client,
    unique_email,
)
from starlette.testclient import TestClient

from nodepilot.config import Settings


@pytest.fixture(scope="module")
def client(migrated_db: Settings) -> Iterator[TestClient]:
    with service_client(
        migrated_db, allowed_origins=["https://app.nodepilot.test"], rate_limit_per_minute=100_000
    ) as c:
        yield c


def test_one_json_log_line_per_request_without_secrets(client, migrated_db, caplog) -> None:
    token = dev_token(migrated_db, unique_email())
    with caplog.at_level(logging.INFO, logger="nodepilot.access"):
        ok = client.get("/api/credits", headers=auth(token))
        key = client.post("/api/keys", json={"name": "x"}, headers=auth(token)).json()["key"]
        client.get("/api/credits", headers=auth(key))
        client.get("/api/workflows/00000000-0000-4000-8000-000000000000", headers=auth(token))
    lines = [json.loads(r.getMessage()) for r in caplog.records if r.name == "nodepilot.access"]
    assert [(line["route"], line["status"]) for line in lines] == [
        ("/api/credits", 200),
        ("/api/keys", 201),
        ("/api/credits", 200),
        ("/api/workflows/{workflow_id}", 404),
    ]
    assert lines[0]["request_id"] == ok.headers["x-request-id"]
    assert all(line["user_id"] and line["ms"] >= 0 for line in lines)
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert token not in text and key not in text and key[:20] not in text


def test_cors_allows_only_listed_origins(client) -> None:
    preflight = {
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization,content-type",
    }
    allowed = client.options(
        "/api/chat/message", headers={"Origin": "https://app.nodepilot.test", **preflight}
    )
    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == "https://app.nodepilot.test"
    denied = client.options(
        "/api/chat/message", headers={"Origin": "https://evil.test", **preflight}
    )
    assert "access-control-allow-origin" not in denied.headers
    simple = client.get("/api/config/public", headers={"Origin": "https://evil.test"})
    assert "access-control-allow-origin" not in simple.headers


@contextmanager
def slow_provider_service(settings: Settings, request: str, delay: float) -> Iterator[ServeProcess]:
    """A one-worker service whose Anthropic provider (the local server) answers ``request``
    with a valid workflow only after ``delay`` seconds."""
    from engine.pipeline import Pipeline

    with Pipeline(provider="offline", use_cache=False) as pipeline:
        workflow = pipeline.run(request).workflow
    with running_llm_server() as llm:
        env = {
            "NODEPILOT_ANTHROPIC_BASE_URL": llm.url,
            "NODEPILOT_ANTHROPIC_API_KEY": "sk-ant-test-0123456789",
            "NODEPILOT_SERVICE_CACHE": "0",
        }
        with running_service(settings, workers=1, **env) as server:
            llm.push(Reply.workflow(workflow).after(delay))
            server.llm = llm  # type: ignore[attr-defined] - the test waits on its requests
            yield server


def test_shutdown_finishes_the_generation_in_flight(indexed: Settings, db_conn) -> None:
    request = "When a form is submitted add a row to Google Sheets and email the team"
    with slow_provider_service(indexed, request, delay=1.5) as server:
        llm = server.llm
        email = unique_email()
        headers = auth(dev_token(indexed, email))
        outcome: dict = {}

        def call() -> None:
            outcome["response"] = httpx.post(
                f"{server.url}/api/chat/message",
                headers=headers,
                timeout=60,
                json={"message": request, "provider": "anthropic"},
            )

        caller = threading.Thread(target=call)
        caller.start()
        assert llm.wait_for_requests(1, timeout=30)  # the generation is waiting on the model
        server.proc.terminate()
        caller.join(timeout=60)
        # uvicorn re-raises the SIGTERM it handled once it has shut down cleanly
        assert server.proc.wait(timeout=60) in (0, -15)
    response = outcome["response"]
    assert response.status_code == 200, response.text
    stored = db_conn.execute(
        "SELECT count(*) FROM workflow_generations g JOIN users u ON u.id = g.user_id"
        " WHERE u.email = %s AND g.status = 'succeeded'",
        (email,),
    ).fetchone()[0]
    assert stored == 1 and response.json()["credits_left"] == 24


def test_client_gone_mid_generation_is_charged_once_with_the_result_stored(
    indexed: Settings, db_conn
) -> None:
    """The stream is dropped while the provider thinks; the job still stores and charges (in one
    transaction), and the shutdown that follows waits for it."""
    request = "When a form is submitted add a row to Airtable and email the team"
    with slow_provider_service(indexed, request, delay=1.0) as server:
        llm = server.llm
        email = unique_email()
        headers = {**auth(dev_token(indexed, email)), "Accept": "text/event-stream"}
        body = {"message": request, "provider": "anthropic"}
        with httpx.stream(
            "POST", f"{server.url}/api/chat/message", json=body, headers=headers, timeout=30
        ) as response:
            assert response.status_code == 200
            first = next(response.iter_lines())
            assert first.startswith("event: stage")
        assert llm.wait_for_requests(1, timeout=30)  # disconnected while the model works
        server.proc.terminate()
        assert server.proc.wait(timeout=60) in (0, -15)  # shutdown waits for the job
    rows = db_conn.execute(
        """SELECT (SELECT count(*) FROM workflow_generations g WHERE g.user_id = u.id
                     AND g.status = 'succeeded'),
                  (SELECT count(*) FROM credit_history h WHERE h.user_id = u.id
                     AND h.transaction_type = 'generation'),
                  (SELECT count(*) FROM credit_reservations r WHERE r.user_id = u.id)
           FROM users u WHERE u.email = %s""",
        (email,),
    ).fetchone()
    assert rows == (1, 1, 0)
