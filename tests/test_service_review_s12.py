"""Fixes from session 12's review (HR12): API keys refused wherever a leaked key could take
over or redirect the account, and a malformed DATABASE_URL that no longer prints its password."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from cryptography.fernet import Fernet
from pydantic import SecretStr
from service_support import auth, dev_token, service_client, sign_in, unique_email, user_id_of
from starlette.testclient import TestClient

from nodepilot.config import Settings
from nodepilot.db import connect

ERROR_KEYS = {"code", "message", "hint", "request_id"}
ADMIN_EMAIL = unique_email("review-admin")
PROMPT = "title_generation"


@pytest.fixture(scope="module")
def api(migrated_db: Settings) -> Iterator[TestClient]:
    with service_client(
        migrated_db,
        admin_emails=[ADMIN_EMAIL],
        encryption_key=SecretStr(Fernet.generate_key().decode()),
        rate_limit_per_minute=100_000,
    ) as client:
        yield client


def assert_error(response: Any, status: int, code: str) -> dict:
    """The one error shape: exactly its four keys, the request id the response's header."""
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert set(error) == ERROR_KEYS and error["code"] == code, error
    assert error["request_id"] == response.headers["x-request-id"]
    return error


@dataclass(frozen=True)
class Owner:
    """A signed-in admin with a session token, an API key, and a stored n8n connection."""

    session: dict[str, str]
    key: dict[str, str]
    user_id: uuid.UUID


_KEYS: dict[int, dict[str, str]] = {}  # one key per client: an account holds at most 20


def _owner(api: TestClient, settings: Settings) -> Owner:
    """The admin, signed in, with their key and a stored n8n connection (planted again)."""
    session = sign_in(api, settings, ADMIN_EMAIL)
    if id(api) not in _KEYS:
        made = api.post("/api/keys", json={"name": "review"}, headers=session)
        assert made.status_code == 201, made.text
        _KEYS[id(api)] = auth(made.json()["key"])
    with connect(settings) as conn:
        user_id = user_id_of(conn, ADMIN_EMAIL)
        conn.execute(
            """INSERT INTO n8n_connections (user_id, base_url, api_key_cipher, n8n_version)
               VALUES (%s, 'https://n8n.example.com', 'cipher', '1.0')
               ON CONFLICT (user_id) DO NOTHING""",
            (user_id,),
        )
    return Owner(session, _KEYS[id(api)], user_id)


def _state(settings: Settings, user_id: uuid.UUID) -> tuple:
    """What a refused request must leave as it was: the prompt's versions and the connection."""
    with connect(settings) as conn:
        prompts = conn.execute(
            "SELECT version, is_active, activated_at FROM ai_prompts WHERE name = %s ORDER BY 1",
            (PROMPT,),
        ).fetchall()
        connection = conn.execute(
            "SELECT base_url, updated_at FROM n8n_connections WHERE user_id = %s", (user_id,)
        ).fetchall()
    return prompts, connection


def _edited_prompt(api: TestClient, owner: Owner) -> dict[str, str]:
    versions = api.get(f"/api/admin/prompts/{PROMPT}", headers=owner.session).json()["versions"]
    active = next(v for v in versions if v["is_active"])
    return {"content": active["content"].rstrip() + "\nA leaked key wrote this.\n"}


def _first_version(api: TestClient, owner: Owner) -> dict[str, int]:
    versions = api.get(f"/api/admin/prompts/{PROMPT}", headers=owner.session).json()["versions"]
    return {"version": min(v["version"] for v in versions)}


@dataclass(frozen=True)
class Route:
    """A route refused to keys: its request, and what the session token gets from it (the
    session's request is one that changes nothing, or one the test may make)."""

    method: str
    path: str
    body: Callable[[TestClient, Owner], dict[str, Any] | None]
    session_status: int
    session_body: Callable[[TestClient, Owner], dict[str, Any] | None] | None = None


def _none(api: TestClient, owner: Owner) -> None:
    return None


ROUTES = {
    "admin: list prompts": Route("GET", "/api/admin/prompts", _none, 200),
    "admin: edit a prompt": Route(
        "PUT",
        f"/api/admin/prompts/{PROMPT}",
        _edited_prompt,
        422,
        lambda api, owner: {"content": "no front matter"},
    ),
    "admin: activate a version": Route(
        "POST",
        f"/api/admin/prompts/{PROMPT}/activate",
        _first_version,
        404,
        lambda api, owner: {"version": 999_999},
    ),  # fmt: skip
    "admin: stats": Route("GET", "/api/admin/stats", _none, 200),
    "billing portal": Route("POST", "/api/billing/portal", _none, 503),
    "set the n8n connection": Route(
        "POST",
        "/api/n8n/connection",
        lambda api, owner: {"url": "https://elsewhere.example.net", "api_key": "k" * 20},
        422,
        lambda api, owner: {"url": "http://127.0.0.1:9", "api_key": "k" * 20},
    ),
    "delete the n8n connection": Route("DELETE", "/api/n8n/connection", _none, 204),
}


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_an_api_key_is_refused_where_a_session_is_needed(
    api: TestClient, migrated_db: Settings, name: str
) -> None:
    route = ROUTES[name]
    owner = _owner(api, migrated_db)
    before = _state(migrated_db, owner.user_id)
    body = route.body(api, owner)
    refused = api.request(route.method, route.path, json=body, headers=owner.key)
    error = assert_error(refused, 403, "forbidden")
    assert "API key" in error["message"] and "session" in error["hint"]
    assert _state(migrated_db, owner.user_id) == before  # the key changed nothing
    # the key still does what keys are for; the session token passes the check (its answer
    # is the route's own: 503 billing not configured, 422 a private n8n URL, ...)
    assert api.get("/api/credits", headers=owner.key).status_code == 200
    session_body = (route.session_body or route.body)(api, owner)
    answered = api.request(route.method, route.path, json=session_body, headers=owner.session)
    assert answered.status_code == route.session_status, answered.text


#: DATABASE_URLs the driver (or our own check) refuses, each holding the password PASSWORD.
PASSWORD = "s3cretPw9"
MALFORMED_URLS = {
    "no scheme, no key=value": f"user:{PASSWORD}@db.example.com/app",
    "broken IPv6 host": f"postgresql://u:{PASSWORD}@[bad/app",
    "unknown query parameter": f"postgresql://u:{PASSWORD}@db.example.com/app?bogus=1",
    "unterminated quote": f"host=db.example.com password='{PASSWORD}",
    "port not a number": f"postgresql://u:{PASSWORD}@127.0.0.1:notaport/app",
    "another scheme": f"mysql://u:{PASSWORD}@[bad/app",
}


@pytest.mark.parametrize("name", sorted(MALFORMED_URLS))
def test_a_malformed_database_url_is_named_without_its_password(name: str) -> None:
    from nodepilot.db.connect import connect as connect_url
    from nodepilot.errors import UserError

    url = MALFORMED_URLS[name]
    settings = Settings(database_url=SecretStr(url))
    with pytest.raises(UserError) as raised:
        connect_url(settings).close()
    said = f"{raised.value.message} {raised.value.hint}"
    assert "DATABASE_URL" in said and PASSWORD not in said, said
    assert "malformed" in said or "not a PostgreSQL URL" in said or "cannot connect" in said
    result = subprocess.run(
        [sys.executable, "-m", "nodepilot.cli", "db", "status"],
        capture_output=True,
        text=True,
        env={**os.environ, "DATABASE_URL": url},
        timeout=120,
    )
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and PASSWORD not in result.stderr + result.stdout
    assert result.stderr.startswith("error: ") and "DATABASE_URL" in result.stderr


def _fresh_trial_for(settings: Settings, email: str) -> int:
    """The balance of a new identity-provider account with ``email`` (a sign-up after the
    deletion): the trial's credits when the email never had one, else 0."""
    from service import ledger
    from service.auth import Identity
    from service.auth.users import ensure_user

    with connect(settings) as conn:
        ensure_user(conn, Identity(f"user_signup_{uuid.uuid4().hex[:8]}", email), settings)
        conn.commit()
        return ledger.balance(conn, user_id_of(conn, email))


@pytest.mark.parametrize("path", ["DELETE /api/users/me", "Clerk user.deleted"])
def test_an_email_changed_after_sign_up_gets_no_second_trial(
    api: TestClient, migrated_db: Settings, path: str
) -> None:
    """The trial was recorded under the sign-up's email; the account then changed its email
    (as Clerk's user.updated does) and was deleted: a new account with the later email is
    the same person for the trial."""
    from service.billing.clerk import delete_user

    first, later = unique_email("trial-before"), unique_email("trial-after")
    headers = auth(dev_token(migrated_db, first))
    assert api.get("/api/credits", headers=headers).json()["balance"] == migrated_db.trial_credits
    with connect(migrated_db) as conn:
        user_id = user_id_of(conn, first)
        conn.execute("UPDATE users SET email = %s WHERE id = %s", (later, user_id))
        clerk_id = conn.execute(
            "SELECT clerk_user_id FROM users WHERE id = %s", (user_id,)
        ).fetchone()[0]
    if path == "Clerk user.deleted":
        with connect(migrated_db) as conn:
            assert delete_user(conn, {"id": clerk_id}, migrated_db).result == "deleted"
    else:
        assert api.delete("/api/users/me", headers=headers).status_code == 204
    with connect(migrated_db) as conn:
        gone = conn.execute("SELECT count(*) FROM users WHERE id = %s", (user_id,)).fetchone()[0]
    assert gone == 0
    assert _fresh_trial_for(migrated_db, later) == 0
    assert _fresh_trial_for(migrated_db, first) == 0  # the sign-up's email stays recorded
    assert _fresh_trial_for(migrated_db, unique_email("trial-new")) == migrated_db.trial_credits


def test_serve_in_process_leaves_the_access_log_setting_as_it_was(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``serve`` tells its workers about the access log through the environment; run
    in-process (CliRunner), it must not leave the variable behind, or every later
    ``create_app`` in the process would take over its host's logging (HR12 S6)."""
    import logging

    import uvicorn
    from click.testing import CliRunner

    from service import logsetup
    from service.cli import serve
    from service.runtime import POOL_SIZE_ENV, SLOTS_ENV

    for name in (POOL_SIZE_ENV, SLOTS_ENV):  # serve sets these too: monkeypatch restores them
        monkeypatch.setenv(name, "1")
    monkeypatch.delenv(logsetup.ACCESS_LOG_ENV, raising=False)
    seen: dict[str, str | None] = {}
    monkeypatch.setattr(
        uvicorn, "run", lambda *a, **k: seen.update(env=os.environ.get(logsetup.ACCESS_LOG_ENV))
    )
    access = logging.getLogger("nodepilot.access")
    before = (access.handlers[:], access.level, access.propagate)
    result = CliRunner().invoke(serve, ["--no-build-index", "--no-access-log"])
    assert result.exit_code == 0, result.output
    assert seen == {"env": "0"}  # the workers were told
    assert logsetup.ACCESS_LOG_ENV not in os.environ  # ... and the process is as it was
    assert (access.handlers, access.level, access.propagate) == before


#: Bodies FastAPI refuses: a field too long, a field missing, JSON that does not parse.
INVALID_BODIES = {
    "too long": {"json": {"name": "x" * 101, "url": "x" * 3000}},
    "missing fields": {"json": {}},
    "not JSON": {"content": b"{not json", "headers": {"content-type": "application/json"}},
}


@pytest.mark.parametrize("path", ["/api/keys", "/api/n8n/connection"])
@pytest.mark.parametrize("body", sorted(INVALID_BODIES))
def test_an_api_key_gets_403_before_its_body_is_checked(
    api: TestClient, migrated_db: Settings, path: str, body: str
) -> None:
    """A key is refused whatever it sent, as an anonymous caller gets 401 whatever it sent;
    the session token with the same body gets the 422 that names the problem (HR12 S7)."""
    owner = _owner(api, migrated_db)
    sent = INVALID_BODIES[body]
    extra = sent.get("headers", {})
    request = {k: v for k, v in sent.items() if k != "headers"}
    as_key = api.post(path, headers={**owner.key, **extra}, **request)
    assert "API key" in assert_error(as_key, 403, "forbidden")["message"]
    anonymous = api.post(path, headers=extra, **request)
    assert_error(anonymous, 401, "unauthorized")
    as_session = api.post(path, headers={**owner.session, **extra}, **request)
    assert_error(as_session, 422, "invalid_input")
