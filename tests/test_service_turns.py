"""A continued conversation's turn is stored in the one statement that marks the conversation
updated (``service.store.store_turn``): no round trip to look the conversation up first, while
the turn's transaction holds the user's ledger lock. A conversation deleted while the turn's
generation ran is a 404 with nothing stored and nothing charged, as before."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from service_support import service_client, set_balance, sign_in, unique_email
from starlette.testclient import TestClient

from nodepilot.config import Settings
from service import chat
from service.errors import ApiError
from service.runtime import Runtime

REQUEST = "When a new row is added to a Google Sheet, post its details to #sales on Slack"


@pytest.fixture(scope="module")
def api(indexed: Settings) -> Iterator[TestClient]:
    with service_client(indexed, rate_limit_per_minute=100_000) as client:
        yield client


def _counts(db_conn, user_id: uuid.UUID) -> tuple[int, int, int, int]:  # noqa: ANN001
    """(ledger sum, credits held, generations, messages) of the user."""
    row = db_conn.execute(
        """SELECT (SELECT coalesce(sum(amount), 0) FROM credit_history WHERE user_id = %(u)s),
                  (SELECT count(*) FROM credit_reservations WHERE user_id = %(u)s),
                  (SELECT count(*) FROM workflow_generations WHERE user_id = %(u)s),
                  (SELECT count(*) FROM conversation_messages WHERE user_id = %(u)s)""",
        {"u": user_id},
    ).fetchone()
    db_conn.commit()
    return tuple(int(n) for n in row)


def _updated_at(db_conn, conversation_id: str):  # noqa: ANN001, ANN202
    row = db_conn.execute(
        "SELECT updated_at FROM conversations WHERE id = %s", (uuid.UUID(conversation_id),)
    ).fetchone()
    db_conn.commit()
    return row[0]


def _first_turn(
    api: TestClient,
    indexed: Settings,
    db_conn,  # noqa: ANN001
) -> tuple[dict[str, str], uuid.UUID, str]:
    """A new user with 5 credits and one chat: (headers, user id, conversation id)."""
    email = unique_email("turns")
    headers = sign_in(api, indexed, email)
    user_id = set_balance(db_conn, email, 5)
    first = api.post("/api/chat/message", json={"message": REQUEST}, headers=headers)
    assert first.status_code == 200, first.text
    return headers, user_id, first.json()["conversation_id"]


def test_a_follow_up_turn_marks_its_conversation_updated(
    api: TestClient, indexed: Settings, db_conn
) -> None:
    headers, user_id, conversation = _first_turn(api, indexed, db_conn)
    created = _updated_at(db_conn, conversation)
    body = {"message": "Also email the row to the team", "conversation_id": conversation}
    second = api.post("/api/chat/message", json=body, headers=headers)
    assert second.status_code == 200, second.text
    assert second.json()["conversation_id"] == conversation
    assert second.json()["credits_left"] == 3
    assert _updated_at(db_conn, conversation) > created
    assert _counts(db_conn, user_id) == (3, 0, 2, 4)


def test_a_conversation_deleted_during_the_generation_is_404_and_not_charged(
    api: TestClient, indexed: Settings, db_conn
) -> None:
    headers, user_id, first = _first_turn(api, indexed, db_conn)
    conversation = uuid.UUID(first)
    before = _counts(db_conn, user_id)
    runtime = Runtime(indexed)
    runtime.open()
    try:
        turn = chat.Turn(user_id, "Also email the row to the team", conversation)
        prepared = chat.prepare(runtime, turn)  # admitted: the credit is held
        assert _counts(db_conn, user_id)[1] == 1
        gone = api.delete(f"/api/conversations/{conversation}", headers=headers)
        assert gone.status_code in (200, 204), gone.text
        with pytest.raises(ApiError) as raised:
            chat.execute(runtime, prepared)  # generates, then finds the conversation gone
    finally:
        runtime.close()
    assert raised.value.status == 404 and raised.value.code == "not_found"
    ledger, holds, generations, messages = _counts(db_conn, user_id)
    # the hold was given back, no charge; the first turn's rows went with its conversation
    # except its generation, kept as the user's workflow (its conversation set to NULL)
    assert (ledger, holds) == (before[0], 0)
    assert (generations, messages) == (before[2], 0)
