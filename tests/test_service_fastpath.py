"""The generation routes' plain JSON requests are answered past FastAPI's routing
(``service.fastpath``): the answers are the ones FastAPI gives, over HTTP against the session
database — the same errors in the same order (401 before 422), CORS on answers and errors,
the access log's route and user, and the metrics' route label."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator

import pytest
from service_support import auth, dev_token, service_client, set_balance, sign_in, unique_email
from starlette.testclient import TestClient

from nodepilot.config import Settings
from nodepilot.db import connect
from service.auth import apikeys

ORIGIN = "https://app.nodepilot.test"
REQUEST = "When a Typeform is submitted, add a row to Google Sheets"


@pytest.fixture(scope="module")
def api(indexed: Settings) -> Iterator[TestClient]:
    with service_client(indexed, allowed_origins=[ORIGIN], rate_limit_per_minute=100_000) as c:
        yield c


@pytest.mark.parametrize(
    ("path", "body"),
    [("/api/chat/message", {"message": ""}), ("/api/workflow/fast-generate", {"request": 7})],
)
def test_invalid_bodies_get_fastapis_answer_after_the_sign_in(
    api: TestClient, indexed: Settings, path: str, body: dict
) -> None:
    headers = sign_in(api, indexed)
    as_json = {**headers, "content-type": "application/json"}
    invalid = api.post(path, json=body, headers=headers)
    assert invalid.status_code == 422 and invalid.json()["error"]["code"] == "invalid_input"
    assert invalid.headers["ratelimit-limit"] == "100000"  # counted, as a signed-in request
    not_json = api.post(path, content=b"{nope", headers=as_json)
    assert not_json.status_code == 422 and not_json.json()["error"]["code"] == "invalid_input"
    assert api.post(path, json=body).status_code == 401  # who asks comes first
    listed = api.post(path, content=b"[1, 2]", headers=as_json)
    assert listed.status_code == 422


def test_answers_and_errors_carry_cors_and_rate_headers(api: TestClient, indexed: Settings) -> None:
    email = unique_email("fast")
    headers = {**sign_in(api, indexed, email), "Origin": ORIGIN}
    ok = api.post("/api/chat/message", json={"message": REQUEST}, headers=headers)
    assert ok.status_code == 200, ok.text
    assert ok.headers["access-control-allow-origin"] == ORIGIN
    assert ok.json()["workflow_id"] and ok.json()["credits_left"] == 24
    assert int(ok.headers["ratelimit-remaining"]) >= 0 and ok.headers["x-request-id"]
    with connect(indexed) as conn:
        set_balance(conn, email, 0)
    broke = api.post("/api/workflow/fast-generate", json={"request": REQUEST}, headers=headers)
    assert broke.status_code == 402 and broke.json()["error"]["code"] == "insufficient_credits"
    assert broke.headers["access-control-allow-origin"] == ORIGIN
    assert broke.json()["error"]["request_id"] == broke.headers["x-request-id"]


def test_log_line_and_metrics_name_the_route(api: TestClient, indexed: Settings, caplog) -> None:
    token = dev_token(indexed, unique_email("fast"))
    with caplog.at_level(logging.INFO, logger="nodepilot.access"):
        ok = api.post("/api/chat/message", json={"message": REQUEST}, headers=auth(token))
    assert ok.status_code == 200, ok.text
    lines = [json.loads(r.getMessage()) for r in caplog.records if r.name == "nodepilot.access"]
    assert [(line["route"], line["status"]) for line in lines] == [("/api/chat/message", 200)]
    assert lines[0]["user_id"] and lines[0]["request_id"] == ok.headers["x-request-id"]
    assert token not in "\n".join(r.getMessage() for r in caplog.records)
    assert 'route="/api/chat/message"' in api.get("/metrics").text


def test_a_stream_and_other_content_types_go_to_fastapi(api: TestClient, indexed: Settings) -> None:
    headers = sign_in(api, indexed)
    streamed = api.post(
        "/api/chat/message",
        json={"message": REQUEST},
        headers={**headers, "Accept": "text/event-stream"},
    )
    assert streamed.status_code == 200 and "event: done" in streamed.text
    form = api.post("/api/chat/message", data={"message": REQUEST}, headers=headers)
    assert form.status_code == 422 and form.json()["error"]["code"] == "invalid_input"


def test_refused_turns_give_every_connection_back(api: TestClient, indexed: Settings) -> None:
    """A turn refused at its sign-in (402, 401) on the fast path leaves no connection out."""
    pool = api.app.state.runtime.pool
    email = unique_email("fast")
    headers = sign_in(api, indexed, email)
    with connect(indexed) as conn:
        set_balance(conn, email, 0)
    for _ in range(3):
        broke = api.post("/api/chat/message", json={"message": REQUEST}, headers=headers)
        assert broke.status_code == 402
        unknown = api.post(
            "/api/workflow/fast-generate",
            json={"request": REQUEST},
            headers=auth(apikeys.PREFIX + "0" * 40),
        )
        assert unknown.status_code == 401
    stats = pool.get_stats()
    assert stats["pool_available"] == stats["pool_size"], stats
