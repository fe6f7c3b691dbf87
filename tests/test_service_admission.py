"""Admission of a chat or fast generation: the sign-in, the rate-limit count and the credit hold
go to the database in one round trip, queued behind the sign-in in the generation thread
(``service.deps.sign_in``). These tests hold what that must keep: 401 and 429 before 422, the
hold only for a known user within their limit, a user's first request, API keys, and a 404
conversation giving its hold back."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from service_support import auth, dev_token, service_client, set_balance, sign_in, unique_email
from starlette.testclient import TestClient

from nodepilot.config import Settings

REQUEST = "Every Monday at 9am get the Stripe refunds and post a summary to #finance on Slack"
ROUTES = (
    ("/api/chat/message", "message"),
    ("/api/workflow/fast-generate", "request"),
)


@pytest.fixture(scope="module")
def api(indexed: Settings) -> Iterator[TestClient]:
    with service_client(indexed, rate_limit_per_minute=100_000) as client:
        yield client


def held(db_conn, user_id: uuid.UUID) -> int:
    return db_conn.execute(
        "SELECT count(*) FROM credit_reservations WHERE user_id = %s", (user_id,)
    ).fetchone()[0]


def ledger_sum(db_conn, user_id: uuid.UUID) -> int:
    return db_conn.execute(
        "SELECT coalesce(sum(amount), 0) FROM credit_history WHERE user_id = %s", (user_id,)
    ).fetchone()[0]


@pytest.mark.parametrize(("path", "field"), ROUTES)
def test_sign_in_comes_before_body_validation(api: TestClient, indexed, path, field) -> None:
    """Without valid credentials an invalid body is a 401, as on routes that sign in through
    the dependency; signed in, the same body is a 422 naming the field."""
    for headers in ({}, auth("garbage"), auth("np_notakey")):
        response = api.post(path, json={field: ""}, headers=headers)
        assert response.status_code == 401, response.text
        assert response.json()["error"]["code"] == "unauthorized"
    response = api.post(path, content=b"{not json", headers=auth("garbage"))
    assert response.status_code == 401
    signed_in = sign_in(api, indexed)
    response = api.post(path, json={field: ""}, headers=signed_in)
    assert response.status_code == 422, response.text
    assert field in response.json()["error"]["message"]
    assert int(response.headers["ratelimit-remaining"]) >= 0  # the request was counted


def test_over_the_limit_is_429_before_422_and_holds_nothing(indexed, db_conn) -> None:
    email = unique_email()
    with service_client(indexed, rate_limit_per_minute=2) as client:
        headers = sign_in(client, indexed, email)  # request 1
        user_id = set_balance(db_conn, email, 5)
        assert client.get("/api/credits", headers=headers).status_code == 200  # request 2
        over = client.post("/api/chat/message", json={"message": REQUEST}, headers=headers)
        assert over.status_code == 429, over.text
        assert over.json()["error"]["code"] == "rate_limited"
        assert int(over.headers["retry-after"]) >= 1
        assert over.headers["ratelimit-remaining"] == "0"
        invalid = client.post("/api/chat/message", json={"message": ""}, headers=headers)
        assert invalid.status_code == 429
        fast = client.post("/api/workflow/fast-generate", json={"request": REQUEST},
                           headers=headers)  # fmt: skip
        assert fast.status_code == 429
    assert held(db_conn, user_id) == 0
    assert ledger_sum(db_conn, user_id) == 5


def test_a_chat_as_the_users_first_request_gets_the_trial_and_is_charged(
    api: TestClient, indexed, db_conn
) -> None:
    email = unique_email()
    headers = auth(dev_token(indexed, email))
    response = api.post("/api/chat/message", json={"message": REQUEST}, headers=headers)
    assert response.status_code == 200, response.text
    assert response.json()["credits_left"] == indexed.trial_credits - 1
    user_id = db_conn.execute("SELECT id FROM users WHERE email = %s", (email,)).fetchone()[0]
    assert held(db_conn, user_id) == 0
    assert ledger_sum(db_conn, user_id) == indexed.trial_credits - 1


def test_api_key_chat_is_held_and_charged_once(api: TestClient, indexed, db_conn) -> None:
    email = unique_email()
    headers = sign_in(api, indexed, email)
    user_id = set_balance(db_conn, email, 3)
    key = api.post("/api/keys", json={"name": "bot"}, headers=headers).json()["key"]
    response = api.post("/api/workflow/fast-generate", json={"request": REQUEST},
                        headers=auth(key))  # fmt: skip
    assert response.status_code == 200, response.text
    assert response.json()["credits_left"] == 2
    assert held(db_conn, user_id) == 0 and ledger_sum(db_conn, user_id) == 2


def test_unknown_conversation_is_404_and_gives_its_hold_back(
    api: TestClient, indexed, db_conn
) -> None:
    email = unique_email()
    headers = sign_in(api, indexed, email)
    user_id = set_balance(db_conn, email, 1)
    body = {"message": REQUEST, "conversation_id": str(uuid.uuid4())}
    response = api.post("/api/chat/message", json=body, headers=headers)
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
    assert held(db_conn, user_id) == 0
    again = api.post("/api/chat/message", json={"message": REQUEST}, headers=headers)
    assert again.status_code == 200 and again.json()["credits_left"] == 0
