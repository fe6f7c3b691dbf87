"""Session 12's service fixes, each over HTTP or against a real ``nodepilot serve`` process:
blank workflow names, API keys that mint keys, a JWKS URL without an issuer, trial farming by
deleting the account, the access log of spawned workers, and the index of a fresh data dir."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator

import pytest
from service_support import (
    ROOT,
    auth,
    free_port,
    serve_env,
    service_client,
    sign_in,
    unique_email,
    user_id_of,
)
from starlette.testclient import TestClient

from nodepilot.config import Settings
from nodepilot.errors import UserError

ERROR_KEYS = {"code", "message", "hint", "request_id"}
#: Seconds a refused ``serve`` may take to exit (it imports the CLI and reads the settings).
REFUSAL_TIMEOUT_S = 90


@pytest.fixture(scope="module")
def api(migrated_db: Settings) -> Iterator[TestClient]:
    with service_client(migrated_db, rate_limit_per_minute=100_000) as client:
        yield client


def assert_error(response, status: int, code: str) -> dict:  # noqa: ANN001 - httpx or TestClient
    """The one error shape: exactly its four keys, the request id the response's header."""
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert set(error) == ERROR_KEYS and error["code"] == code, error
    assert error["request_id"] == response.headers["x-request-id"]
    return error


def test_a_blank_workflow_name_is_422_and_keeps_the_name(api, migrated_db, db_conn) -> None:
    email = unique_email("rename")
    headers = sign_in(api, migrated_db, email)
    workflow = {"name": "Stored", "nodes": [], "connections": {}}
    workflow_id = db_conn.execute(
        """INSERT INTO workflow_generations (user_id, prompt, status, workflow_json, name)
           VALUES (%s, 'p', 'succeeded', %s, 'Kept name') RETURNING id""",
        (user_id_of(db_conn, email), json.dumps(workflow)),
    ).fetchone()[0]
    db_conn.commit()
    for blank in (" ", "   ", "\t\n", "\u00a0\u2003"):
        response = api.patch(f"/api/workflows/{workflow_id}", json={"name": blank}, headers=headers)
        assert "name" in assert_error(response, 422, "invalid_input")["message"]
    kept = api.get(f"/api/workflows/{workflow_id}", headers=headers).json()
    assert kept["name"] == "Kept name"
    renamed = api.patch(f"/api/workflows/{workflow_id}", json={"name": "  New  "}, headers=headers)
    assert renamed.status_code == 200 and renamed.json()["name"] == "New"


def test_an_api_key_cannot_create_api_keys(api, migrated_db) -> None:
    headers = sign_in(api, migrated_db)
    created = api.post("/api/keys", json={"name": "ci"}, headers=headers)
    assert created.status_code == 201, created.text
    key = created.json()["key"]
    minted = api.post("/api/keys", json={"name": "from a key"}, headers=auth(key))
    error = assert_error(minted, 403, "forbidden")
    assert "API key" in error["message"] and error["hint"]
    listed = api.get("/api/keys", headers=headers).json()["items"]
    assert [k["name"] for k in listed] == ["ci"]  # nothing was made
    # the key still does what keys are for, and revoking it ends its access for good
    assert api.get("/api/credits", headers=auth(key)).status_code == 200
    assert api.delete(f"/api/keys/{created.json()['id']}", headers=headers).status_code == 204
    assert api.get("/api/credits", headers=auth(key)).status_code == 401


def run_serve(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """``nodepilot serve ARGS`` as a process that must exit by itself: a refusal that stopped
    refusing starts a server, and the timeout turns that into a failure instead of a hang."""
    return subprocess.run(
        [sys.executable, "-m", "nodepilot.cli", "serve", "--port", str(free_port()), *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=REFUSAL_TIMEOUT_S,
    )


def test_a_jwks_url_without_an_issuer_refuses_to_start(migrated_db) -> None:
    from service.app import create_app

    env = serve_env(migrated_db, NODEPILOT_JWKS_URL="https://idp.example.com/.well-known/jwks.json")
    env.pop("NODEPILOT_JWT_ISSUER", None)
    refused = run_serve(env)
    assert refused.returncode == 2, refused.stderr
    assert "error: NODEPILOT_JWKS_URL is set but NODEPILOT_JWT_ISSUER is not" in refused.stderr
    assert "hint: set NODEPILOT_JWT_ISSUER" in refused.stderr
    # the app factory refuses too (a server started without the CLI, e.g. uvicorn --factory)
    unsafe = migrated_db.model_copy(update={"jwks_url": "https://idp.example.com/jwks"})
    with pytest.raises(UserError, match="NODEPILOT_JWT_ISSUER"):
        create_app(unsafe)


def test_serve_refuses_a_public_bind_without_an_identity_provider(migrated_db) -> None:
    env = serve_env(migrated_db)
    env.pop("NODEPILOT_JWKS_URL", None)
    refused = run_serve(env, "--host", "0.0.0.0")
    assert refused.returncode == 2, refused.stderr
    assert "refusing to listen on 0.0.0.0" in refused.stderr
