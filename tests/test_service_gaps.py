"""What the audit of #12 (session 12) found untested or unable to fail: the one error shape on
every kind of refusal, the workflow filter by conversation, another user's ids on the DELETE
routes, a client gone with nothing stored, account deletion with rows that existed, a bad
PATCH on a stored workflow, and the ``nbf`` leeway of identity-provider tokens.

Each test here was run against a mutated copy of the service and failed there (the commit that
added this file names the mutations)."""

from __future__ import annotations

import json
import select
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from llm_server import LLMTestServer, Reply, running_llm_server
from service_support import (
    ServeProcess,
    auth,
    dev_token,
    ledger_rows,
    running_service,
    service_client,
    set_balance,
    sign_in,
    unique_email,
    user_id_of,
)
from starlette.testclient import TestClient
from test_service_auth import ISSUER, ORIGIN, JwksServer, claims, sign, users_with

from nodepilot.config import Settings

REQUEST = "Every Monday at 9am get the Stripe refunds and post a summary to #finance on Slack"
OTHER_REQUEST = "When a form is submitted add a row to Google Sheets"
ERROR_KEYS = {"code", "message", "hint", "request_id"}


@pytest.fixture(scope="module")
def api(indexed: Settings) -> Iterator[TestClient]:
    """One in-process service for the module (rate limit high enough not to interfere)."""
    with service_client(indexed, rate_limit_per_minute=100_000) as client:
        yield client


def chat(client: TestClient, headers: dict, message: str) -> dict[str, Any]:
    """A new conversation's first turn, which must succeed."""
    response = client.post("/api/chat/message", json={"message": message}, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


def assert_error_shape(response: httpx.Response, status: int, code: str, hinted: bool) -> None:
    """``{"error": {code, message, hint, request_id}}`` and nothing else: the request id the
    response header carries, a message, a hint when the caller can act on one, no traceback."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}, body
    error = body["error"]
    assert set(error) == ERROR_KEYS, error
    assert error["code"] == code
    assert isinstance(error["message"], str) and error["message"].strip()
    if hinted:
        assert isinstance(error["hint"], str) and error["hint"].strip(), error
    else:
        assert error["hint"] is None or isinstance(error["hint"], str)
    assert error["request_id"] and error["request_id"] == response.headers["x-request-id"]
    assert "Traceback" not in response.text and 'File "' not in response.text


def too_large_in_chunks() -> Iterator[bytes]:
    """A JSON chat body of 320 KiB (the limit is 256 KiB) sent in chunks: no Content-Length."""
    yield b'{"message": "'
    for _ in range(5):
        yield b"a" * 65536
    yield b'"}'


@pytest.mark.parametrize(
    ("case", "status", "code", "hinted"),
    [
        ("unknown_path", 404, "not_found", False),
        ("wrong_method", 405, "method_not_allowed", False),
        ("invalid_input", 422, "invalid_input", False),
        ("too_large_declared", 413, "body_too_large", True),
        ("too_large_chunked", 413, "body_too_large", True),
        ("no_credentials", 401, "unauthorized", True),
        ("no_credits", 402, "insufficient_credits", True),
    ],
)
def test_every_refusal_has_the_one_error_shape(
    api: TestClient, indexed: Settings, db_conn, case: str, status: int, code: str, hinted: bool
) -> None:
    email = unique_email()
    headers = sign_in(api, indexed, email)
    if case == "unknown_path":
        response = api.get("/api/no-such-endpoint", headers=headers)
    elif case == "wrong_method":
        response = api.put("/api/credits", json={}, headers=headers)
    elif case == "invalid_input":
        response = api.post("/api/chat/message", json={"message": ""}, headers=headers)
    elif case == "too_large_declared":
        big = b'{"message": "' + b"a" * 300_000 + b'"}'
        response = api.post(
            "/api/chat/message",
            content=big,
            headers={**headers, "content-type": "application/json"},
        )
    elif case == "too_large_chunked":
        response = api.post(
            "/api/chat/message",
            content=too_large_in_chunks(),
            headers={**headers, "content-type": "application/json"},
        )
        assert "content-length" not in response.request.headers
        assert response.request.headers["transfer-encoding"] == "chunked"
    elif case == "no_credentials":
        response = api.get("/api/credits")
    else:
        set_balance(db_conn, email, 0)
        response = api.post("/api/chat/message", json={"message": REQUEST}, headers=headers)
    assert_error_shape(response, status, code, hinted)


def test_rate_limited_has_the_one_error_shape(indexed: Settings) -> None:
    with service_client(indexed, rate_limit_per_minute=2) as client:
        headers = sign_in(client, indexed)  # request 1
        assert client.get("/api/credits", headers=headers).status_code == 200  # request 2
        response = client.get("/api/credits", headers=headers)
    assert_error_shape(response, 429, "rate_limited", hinted=True)
    assert int(response.headers["retry-after"]) >= 1


def test_workflows_filtered_by_conversation_are_only_that_conversations(
    api: TestClient, indexed: Settings
) -> None:
    """Two conversations with a workflow each and a one-shot workflow beside them: each filter
    value lists exactly its own, no filter lists all three, another user's id lists none."""
    headers, stranger = sign_in(api, indexed), sign_in(api, indexed)
    first, second = chat(api, headers, REQUEST), chat(api, headers, OTHER_REQUEST)
    assert first["conversation_id"] != second["conversation_id"]
    one_shot = api.post(
        "/api/workflow/fast-generate", json={"request": REQUEST}, headers=headers
    ).json()

    def listed(who: dict, conversation_id: str | None = None) -> list[str]:
        params = {"conversation_id": conversation_id} if conversation_id else {}
        response = api.get("/api/workflows", params=params, headers=who)
        assert response.status_code == 200, response.text
        return [w["id"] for w in response.json()["items"]]

    assert listed(headers, first["conversation_id"]) == [first["workflow_id"]]
    assert listed(headers, second["conversation_id"]) == [second["workflow_id"]]
    assert listed(headers) == [one_shot["workflow_id"], second["workflow_id"], first["workflow_id"]]
    assert listed(stranger, first["conversation_id"]) == []


def test_deleting_another_users_conversation_or_key_is_404_and_deletes_nothing(
    api: TestClient, indexed: Settings
) -> None:
    alice, bob = sign_in(api, indexed), sign_in(api, indexed)
    made = chat(api, alice, REQUEST)
    key = api.post("/api/keys", json={"name": "ci"}, headers=alice)
    assert key.status_code == 201, key.text
    conversation = f"/api/conversations/{made['conversation_id']}"
    for path in (conversation, f"/api/keys/{key.json()['id']}"):
        response = api.delete(path, headers=bob)
        assert response.status_code == 404, path
        assert response.json()["error"]["code"] == "not_found"
    assert api.get(conversation, headers=alice).status_code == 200
    messages = api.get(f"{conversation}/messages", headers=alice).json()["items"]
    assert [m["role"] for m in messages] == ["user", "assistant"]
    assert api.get("/api/credits", headers=auth(key.json()["key"])).status_code == 200
    [listed] = api.get("/api/keys", headers=alice).json()["items"]
    assert listed["id"] == key.json()["id"] and listed["revoked_at"] is None


OWNED_TABLES = (
    "workflow_generations",
    "conversations",
    "conversation_messages",
    "credit_history",
    "api_keys",
)


def owned_rows(conn, user_id) -> dict[str, int]:
    """Rows per table that belong to ``user_id``, counted on the owner connection (no RLS)."""
    counts = {
        table: conn.execute(
            f"SELECT count(*) FROM {table} WHERE user_id = %s", (user_id,)
        ).fetchone()[0]
        for table in OWNED_TABLES
    }
    counts["users"] = conn.execute(
        "SELECT count(*) FROM users WHERE id = %s", (user_id,)
    ).fetchone()[0]
    conn.commit()
    return counts


def test_delete_me_removes_rows_that_existed_and_the_key_stops_working(
    api: TestClient, indexed: Settings, db_conn
) -> None:
    email = unique_email()
    headers = sign_in(api, indexed, email)
    chat(api, headers, REQUEST)
    key = api.post("/api/keys", json={"name": "ci"}, headers=headers).json()["key"]
    assert api.get("/api/credits", headers=auth(key)).status_code == 200
    user_id = user_id_of(db_conn, email)
    before = owned_rows(db_conn, user_id)
    assert all(n > 0 for n in before.values()), before
    assert before["conversation_messages"] == 2 and before["credit_history"] == 2
    assert api.delete("/api/users/me", headers=headers).status_code == 204
    assert owned_rows(db_conn, user_id) == dict.fromkeys(before, 0)
    gone = api.get("/api/credits", headers=auth(key))
    assert gone.status_code == 401 and gone.json()["error"]["code"] == "unauthorized"


BAD_PATCHES: list[Any] = [
    {},
    {"name": ""},
    {"name": "   "},
    {"name": "\t\n"},
    {"name": None},
    {"name": 5},
    {"name": "x" * 201},
    {"title": "not a field we know"},
    [],
    "a name",
    None,
]


def test_a_bad_patch_leaves_the_stored_workflow_byte_identical(
    api: TestClient, indexed: Settings
) -> None:
    headers = sign_in(api, indexed)
    made = api.post("/api/workflow/fast-generate", json={"request": REQUEST}, headers=headers)
    path = f"/api/workflows/{made.json()['workflow_id']}"
    renamed = api.patch(path, json={"name": "Refund digest"}, headers=headers)
    assert renamed.status_code == 200, renamed.text
    before, download = api.get(path, headers=headers), api.get(f"{path}/download", headers=headers)
    assert before.status_code == 200 and before.json()["name"] == "Refund digest"
    for body in BAD_PATCHES:
        response = api.patch(path, json=body, headers=headers)
        assert response.status_code == 422, (body, response.text)
        assert response.json()["error"]["code"] == "invalid_input"
    not_json = api.patch(
        path, content=b'{"name": ', headers={**headers, "content-type": "application/json"}
    )
    assert not_json.status_code == 422, not_json.text
    assert api.get(path, headers=headers).content == before.content
    assert api.get(f"{path}/download", headers=headers).content == download.content


@pytest.fixture(scope="module")
def jwt_api(migrated_db: Settings) -> Iterator[tuple[TestClient, Any]]:
    """A service verifying identity-provider tokens against a local JWKS server (real HTTP),
    and the private key that server publishes as ``gap-1``."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    jwks = JwksServer()
    jwks.publish("gap-1", key)
    try:
        with service_client(
            migrated_db,
            jwks_url=jwks.url,
            jwt_issuer=ISSUER,
            allowed_origins=[ORIGIN],
            rate_limit_per_minute=100_000,
        ) as client:
            yield client, key
    finally:
        jwks.close()


def test_not_before_within_the_leeway_is_accepted_beyond_it_401(jwt_api, db_conn) -> None:
    """A token valid from 10 s from now (clock skew) passes; one valid from 45 s from now does
    not, and stores nothing: a small leeway, not a disabled check."""
    client, key = jwt_api
    now = int(time.time())
    soon, later = f"user_nbf_soon_{time.time_ns()}", f"user_nbf_later_{time.time_ns()}"
    accepted = client.get(
        "/api/users/me", headers=auth(sign(claims(soon, nbf=now + 10), key, "gap-1"))
    )
    assert accepted.status_code == 200, accepted.text
    assert users_with(db_conn, soon) == 1
    refused = client.get(
        "/api/users/me", headers=auth(sign(claims(later, nbf=now + 45), key, "gap-1"))
    )
    assert_error_shape(refused, 401, "unauthorized", hinted=True)
    assert users_with(db_conn, later) == 0


#: what the model answers: no workflow in it, so the generation fails (nothing to store)
BROKEN = "here is your workflow: {nodes: ["


@contextmanager
def failing_provider_service(settings: Settings) -> Iterator[tuple[ServeProcess, LLMTestServer]]:
    """A one-worker service whose Anthropic provider (the local server) answers every attempt
    with broken output, the first only after 1.5 s: time for the client to leave
    mid-generation."""
    with running_llm_server() as llm:
        env = {
            "NODEPILOT_ANTHROPIC_BASE_URL": llm.url,
            "NODEPILOT_ANTHROPIC_API_KEY": "sk-ant-test-0123456789",
            "NODEPILOT_SERVICE_CACHE": "0",
        }
        with running_service(settings, workers=1, **env) as server:
            llm.push(Reply.text(BROKEN).after(1.5), *[Reply.text(BROKEN)] * 11)
            yield server, llm


def post_and_hang_up(server: ServeProcess, llm: LLMTestServer, headers: dict, body: dict) -> bool:
    """POST a chat over a raw socket and close it once the model has the request, without
    reading anything. True when no response byte had arrived by then."""
    payload = json.dumps(body).encode()
    lines = [
        "POST /api/chat/message HTTP/1.1",
        f"Host: 127.0.0.1:{server.port}",
        "Content-Type: application/json",
        f"Content-Length: {len(payload)}",
        *(f"{name}: {value}" for name, value in headers.items()),
    ]
    with socket.create_connection(("127.0.0.1", server.port), timeout=30) as sock:
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode() + payload)
        assert llm.wait_for_requests(1, timeout=30)  # the model is working on it
        readable, _, _ = select.select([sock], [], [], 0)
        return not readable


@pytest.mark.parametrize("accept", ["application/json", "text/event-stream"])
def test_client_gone_and_nothing_stored_is_not_charged(
    indexed: Settings, db_conn, accept: str
) -> None:
    """The other half of the disconnect rule (the stored half is in test_service_hardening):
    the client leaves while the model thinks, its answer is no workflow, so nothing is stored; the
    job still runs to its end (the shutdown waits for it) and charges nothing, holds nothing."""
    email = unique_email()
    with failing_provider_service(indexed) as (server, llm):
        headers = {**auth(dev_token(indexed, email)), "Accept": accept}
        body = {"message": f"{OTHER_REQUEST} and email the team", "provider": "anthropic"}
        silent = post_and_hang_up(server, llm, headers, body)
        if accept == "application/json":
            assert silent  # left before any answer: mid-generation
        server.proc.terminate()
        assert server.proc.wait(timeout=60) in (0, -15)  # shutdown waits for the job
        assert len(llm.requests) >= 2  # the job went on after the client left
    user_id = user_id_of(db_conn, email)
    assert [row[1] for row in ledger_rows(db_conn, user_id)] == ["trial"]
    counts = db_conn.execute(
        """SELECT (SELECT count(*) FROM workflow_generations WHERE user_id = %(u)s
                     AND status = 'succeeded'),
                  (SELECT count(*) FROM workflow_generations WHERE user_id = %(u)s
                     AND status = 'failed'),
                  (SELECT count(*) FROM conversations WHERE user_id = %(u)s),
                  (SELECT count(*) FROM credit_reservations WHERE user_id = %(u)s)""",
        {"u": user_id},
    ).fetchone()
    assert counts == (0, 1, 0, 0)
