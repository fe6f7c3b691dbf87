"""The service's n8n endpoints against the real n8n: connection (key encrypted at rest, never
returned), deploy of a stored generation (a redeploy updates), and the URL safety check."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator

import psycopg
import pytest
from cryptography.fernet import Fernet, InvalidToken
from n8n_support import Cleanup, RealN8n, n8n, real_n8n, schedule_code_noop
from pydantic import SecretStr
from service_support import service_client, sign_in, unique_email, user_id_of
from starlette.testclient import TestClient

from nodepilot.config import Settings

__all__ = ["n8n", "real_n8n"]  # fixtures used by name
FERNET_KEY = Fernet.generate_key().decode()


@pytest.fixture(scope="module")
def api(migrated_db: Settings) -> Iterator[TestClient]:
    with service_client(
        migrated_db, encryption_key=SecretStr(FERNET_KEY), allow_private_n8n=True,
        rate_limit_per_minute=100_000,
    ) as client:  # fmt: skip
        yield client


def _generation(conn: psycopg.Connection, email: str, workflow: dict) -> str:
    row = conn.execute(
        """INSERT INTO workflow_generations (user_id, prompt, workflow_json, status)
           VALUES (%s, 'test', %s, 'succeeded') RETURNING id""",
        (user_id_of(conn, email), json.dumps(workflow)),
    ).fetchone()
    conn.commit()
    return str(row[0])


def test_connection_key_is_encrypted_at_rest_and_never_returned(
    api: TestClient,
    migrated_db: Settings,
    real_n8n: RealN8n,
    db_conn: psycopg.Connection,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    email = unique_email("n8n")
    headers = sign_in(api, migrated_db, email)
    made = api.post("/api/n8n/connection", headers=headers,
                    json={"url": real_n8n.url + "/", "api_key": real_n8n.api_key})  # fmt: skip
    assert made.status_code == 200, made.text
    assert made.json()["url"] == real_n8n.url and made.json()["n8n_version"] == "2.41.1"
    shown = api.get("/api/n8n/connection", headers=headers)
    assert shown.status_code == 200 and real_n8n.api_key not in shown.text
    assert set(shown.json()) == {"url", "n8n_version", "created_at", "updated_at"}
    # the owner role reads the row: only a Fernet token, useless without the server's key
    [(stored,)] = db_conn.execute(
        "SELECT api_key_cipher FROM n8n_connections WHERE user_id = %s",
        (user_id_of(db_conn, email),),
    ).fetchall()
    assert real_n8n.api_key not in stored and real_n8n.api_key[-12:] not in stored
    with pytest.raises(InvalidToken):
        Fernet(Fernet.generate_key()).decrypt(stored.encode())
    assert Fernet(FERNET_KEY.encode()).decrypt(stored.encode()).decode() == real_n8n.api_key
    other = sign_in(api, migrated_db)
    assert api.get("/api/n8n/connection", headers=other).status_code == 404
    assert api.delete("/api/n8n/connection", headers=headers).status_code == 204
    assert api.get("/api/n8n/connection", headers=headers).status_code == 404
    assert caplog.records and real_n8n.api_key not in caplog.text


def test_wrong_key_and_missing_api_are_refused_before_storing(
    api: TestClient, migrated_db: Settings, real_n8n: RealN8n
) -> None:
    headers = sign_in(api, migrated_db)
    key = "not-the-key-0123456789"
    bad = api.post(
        "/api/n8n/connection", headers=headers, json={"url": real_n8n.url, "api_key": key}
    )
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "n8n_unauthorized"
    assert key not in bad.text
    elsewhere = {"url": real_n8n.url + "/elsewhere", "api_key": real_n8n.api_key}
    gone = api.post("/api/n8n/connection", headers=headers, json=elsewhere)
    assert gone.status_code == 422 and gone.json()["error"]["code"] == "n8n_api_unavailable"
    assert api.get("/api/n8n/connection", headers=headers).status_code == 404


def test_private_addresses_are_refused_unless_the_operator_allows(
    migrated_db: Settings, real_n8n: RealN8n
) -> None:
    with service_client(
        migrated_db, encryption_key=SecretStr(FERNET_KEY), allow_private_n8n=False
    ) as client:
        headers = sign_in(client, migrated_db)
        for url in (real_n8n.url, "http://10.1.2.3:5678", "http://169.254.169.254/latest"):
            answer = client.post("/api/n8n/connection", headers=headers,
                                 json={"url": url, "api_key": real_n8n.api_key})  # fmt: skip
            assert answer.status_code == 422, answer.text
            assert answer.json()["error"]["code"] == "n8n_url_refused"


def test_without_an_encryption_key_nothing_is_stored(migrated_db: Settings, real_n8n) -> None:
    with service_client(migrated_db, encryption_key=None, allow_private_n8n=True) as client:
        headers = sign_in(client, migrated_db)
        answer = client.post("/api/n8n/connection", headers=headers,
                             json={"url": real_n8n.url, "api_key": real_n8n.api_key})  # fmt: skip
        assert answer.status_code == 503 and answer.json()["error"]["code"] == "n8n_not_configured"


def test_deploying_a_generation_twice_updates_one_workflow_and_publishes(
    api: TestClient, migrated_db: Settings, real_n8n: RealN8n, n8n: Cleanup, db_conn
) -> None:
    email = unique_email("deploy")
    headers = sign_in(api, migrated_db, email)
    name = f"service deploy {email}"
    generation = _generation(db_conn, email, schedule_code_noop(name))
    unconnected = api.post(f"/api/workflows/{generation}/deploy", headers=headers)
    assert unconnected.status_code == 409
    good = {"url": real_n8n.url, "api_key": real_n8n.api_key}
    assert api.post("/api/n8n/connection", headers=headers, json=good).status_code == 200
    first = api.post(f"/api/workflows/{generation}/deploy", headers=headers)
    assert first.status_code == 200, first.text
    n8n.workflows.add(first.json()["workflow_id"])
    assert first.json()["action"] == "created"
    second = api.post(
        f"/api/workflows/{generation}/deploy", headers=headers, json={"activate": True}
    )
    assert second.status_code == 200, second.text
    assert second.json()["action"] == "updated"
    assert second.json()["workflow_id"] == first.json()["workflow_id"]
    assert second.json()["activation"]["status"] == "active"
    same = [w for w in n8n.client.list_all("/workflows") if w["name"] == name]
    assert len(same) == 1 and same[0]["active"] is True
    stranger = sign_in(api, migrated_db)
    assert api.post(f"/api/workflows/{generation}/deploy", headers=stranger).status_code == 404
