"""Every endpoint over HTTP (in-process app, the real session PostgreSQL with the subset index):
chat (JSON and SSE), fast-generate, workflows, conversations, credits, users, keys, admin,
health, errors and headers."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import httpx
import psycopg
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ledger_balance_support import migrate_up_to, scratch_database
from pydantic import SecretStr
from service_sse_support import stages_of, stream_chat
from service_support import (
    auth,
    dev_token,
    running_service,
    service_client,
    set_balance,
    sign_in,
    unique_email,
    user_id_of,
)
from starlette.testclient import TestClient

from nodepilot.config import Settings
from nodepilot.db.migrate import load_migrations


@pytest.fixture(scope="module")
def api(indexed: Settings) -> Iterator[TestClient]:
    """One in-process service for the module (rate limit high enough not to interfere)."""
    with service_client(indexed, rate_limit_per_minute=100_000) as client:
        yield client


REQUEST = "Every Monday at 9am get the Stripe refunds and post a summary to #finance on Slack"
#: REQUEST's title: its first 60 characters, cut back to a whole word.
TITLE = "Every Monday at 9am get the Stripe refunds and post a…"


def chat(client: TestClient, headers: dict, message: str, conversation_id: str | None = None):
    body = {"message": message}
    if conversation_id:
        body["conversation_id"] = conversation_id
    return client.post("/api/chat/message", json=body, headers=headers)


def test_public_config_and_dev_token(api: TestClient) -> None:
    assert api.get("/api/config/public").json() == {
        "auth": "dev",
        "clerk_publishable_key": None,
        "billing": False,
    }
    token = api.post("/api/dev/token", json={"email": "dev@example.com"}).json()["token"]
    me = api.get("/api/users/me", headers=auth(token)).json()
    assert me["email"] == "dev@example.com" and me["balance"] == 25 and me["role"] == "user"


def test_token_create_prints_a_working_dev_token(api: TestClient, capsys) -> None:
    from nodepilot.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main(["token", "create", "cli-user@example.com"])
    assert exit_info.value.code == 0
    token = capsys.readouterr().out.strip()
    assert api.get("/api/users/me", headers=auth(token)).json()["email"] == "cli-user@example.com"


def test_chat_builds_stores_and_charges(api: TestClient, indexed: Settings, db_conn) -> None:
    headers = sign_in(api, indexed)
    response = chat(api, headers, REQUEST)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["intent"] == "workflow_request" and body["status"] == "succeeded"
    assert body["workflow"]["nodes"] and body["workflow_id"]
    assert body["credits_left"] == 24
    assert {"intent", "optimize", "retrieval"} <= set(body["timings_ms"])
    conv = api.get(f"/api/conversations/{body['conversation_id']}", headers=headers).json()
    assert conv["title"] == TITLE
    listed = api.get("/api/conversations", headers=headers).json()
    assert [(c["id"], c["title"]) for c in listed["items"]] == [(conv["id"], TITLE)]
    assert listed["next_cursor"] is None
    messages = api.get(
        f"/api/conversations/{body['conversation_id']}/messages", headers=headers
    ).json()["items"]
    assert [m["role"] for m in messages] == ["user", "assistant"]
    assert messages[1]["workflow_id"] == body["workflow_id"]
    assert messages[1]["workflow"] == body["workflow"]
    credits = api.get("/api/credits", headers=headers).json()
    assert credits["balance"] == 24 and credits["plan"] == "free"
    history = api.get("/api/credits/history", headers=headers).json()["items"]
    assert [(h["kind"], h["amount"], h["remaining_balance"]) for h in history] == [
        ("generation", -1, 24),
        ("trial", 25, 25),
    ]
    granted = datetime.fromisoformat(history[1]["created_at"])
    trial_end = datetime.fromisoformat(credits["trial_ends_at"])
    assert abs(trial_end - granted - timedelta(days=7)) < timedelta(seconds=5)
    assert ledger_pages(api, headers, limit=1) == [[h["id"]] for h in history]


def ledger_pages(api: TestClient, headers: dict, limit: int) -> list[list[str]]:
    """The ids of /api/credits/history, page by page, following each next_cursor."""
    pages, cursor = [], None
    while True:
        params = {"limit": limit} | ({"cursor": cursor} if cursor else {})
        page = api.get("/api/credits/history", params=params, headers=headers).json()
        pages.append([entry["id"] for entry in page["items"]])
        cursor = page["next_cursor"]
        if cursor is None:
            return pages


def test_modification_uses_the_conversations_last_workflow(api: TestClient, indexed) -> None:
    headers = sign_in(api, indexed)
    first = chat(api, headers, REQUEST).json()
    second = chat(api, headers, "also send the summary to Discord", first["conversation_id"])
    assert second.status_code == 200, second.text
    body = second.json()
    assert body["intent"] == "workflow_modification"
    types = {n["type"] for n in body["workflow"]["nodes"]}
    assert "n8n-nodes-base.discord" in types and "n8n-nodes-base.slack" in types
    assert body["credits_left"] == 23
    listed = api.get(
        "/api/workflows", params={"conversation_id": first["conversation_id"]}, headers=headers
    ).json()["items"]
    assert [w["id"] for w in listed] == [body["workflow_id"], first["workflow_id"]]
    conversations = api.get("/api/conversations", headers=headers).json()["items"]
    assert [(c["id"], c["title"]) for c in conversations] == [(first["conversation_id"], TITLE)]


def test_question_is_answered_and_charged_once(api: TestClient, indexed) -> None:
    headers = sign_in(api, indexed)
    body = chat(api, headers, "What is the difference between the IF node and the Switch node?")
    assert body.status_code == 200
    doc = body.json()
    assert doc["intent"] == "question" and doc["answer"] and doc["workflow"] is None
    assert doc["workflow_id"] is None and doc["credits_left"] == 24


def test_chat_streams_one_event_per_stage_then_done(api: TestClient, indexed) -> None:
    headers = sign_in(api, indexed)
    fresh = "Every Tuesday at 8am get new HubSpot contacts and add them to a Google Sheet"
    status, content_type, events = stream_chat(api, headers, {"message": fresh})
    assert status == 200 and content_type.startswith("text/event-stream")
    stages = stages_of(events)
    assert stages[:3] == ["intent", "optimize", "retrieval"]
    assert stages.index("generation") < stages.index("validation")
    assert events[-1][0] == "done"
    assert events[-1][1]["workflow_id"] and events[-1][1]["credits_left"] == 24


def test_streamed_internal_error_is_logged_not_sent(
    api: TestClient, indexed, monkeypatch, caplog
) -> None:
    """A crash after the stream started ends it with a plain 500 event; the traceback goes to
    the server log only."""
    from service import store

    def broken(*args, **kwargs):
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(store, "store_turn", broken)
    headers = {**sign_in(api, indexed), "Accept": "text/event-stream"}
    with caplog.at_level("ERROR", logger="nodepilot.errors"):
        response = api.post("/api/chat/message", json={"message": REQUEST}, headers=headers)
    events = [line for line in response.text.splitlines() if line.startswith(("event:", "data:"))]
    assert events[-2] == "event: error"
    error = json.loads(events[-1].split(":", 1)[1])["error"]
    assert error["code"] == "internal_error" and "secret" not in response.text
    logged = [r for r in caplog.records if r.name == "nodepilot.errors" and r.exc_info]
    assert logged and "secret internal detail" in caplog.text and "Traceback" in caplog.text
    assert error["request_id"] in logged[0].getMessage()
    assert api.get("/api/credits", headers=headers).json()["balance"] == 25  # not charged


def test_fast_generate_is_stored_and_charged(api: TestClient, indexed) -> None:
    headers = sign_in(api, indexed)
    response = api.post("/api/workflow/fast-generate", json={"request": REQUEST}, headers=headers)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["status"] == "succeeded" and body["credits_left"] == 24
    stored = api.get(f"/api/workflows/{body['workflow_id']}", headers=headers).json()
    assert stored["conversation_id"] is None and stored["workflow"] == body["workflow"]


def test_workflows_pagination_rename_download_delete(api: TestClient, indexed) -> None:
    headers = sign_in(api, indexed)
    ids = []
    for text in (
        REQUEST,
        "When a form is submitted add a row to Google Sheets",
        "Every hour fetch https://example.com/feed and email me new items",
    ):
        r = api.post("/api/workflow/fast-generate", json={"request": text}, headers=headers)
        ids.append(r.json()["workflow_id"])
    page1 = api.get("/api/workflows", params={"limit": 2}, headers=headers).json()
    page2 = api.get(
        "/api/workflows", params={"limit": 2, "cursor": page1["next_cursor"]}, headers=headers
    ).json()
    assert [w["id"] for w in page1["items"] + page2["items"]] == ids[::-1]
    assert page2["next_cursor"] is None
    renamed = api.patch(f"/api/workflows/{ids[0]}", json={"name": "Refund digest"}, headers=headers)
    assert renamed.json()["name"] == "Refund digest"
    download = api.get(f"/api/workflows/{ids[0]}/download", headers=headers)
    assert download.headers["content-disposition"] == 'attachment; filename="refund-digest.json"'
    assert download.json()["name"] == "Refund digest" and download.json()["nodes"]
    assert api.delete(f"/api/workflows/{ids[0]}", headers=headers).status_code == 204
    assert api.get(f"/api/workflows/{ids[0]}", headers=headers).status_code == 404
    bad = api.get("/api/workflows", params={"cursor": "nonsense"}, headers=headers)
    assert bad.status_code == 422 and "cursor" in bad.json()["error"]["message"]


def test_other_users_rows_are_404_and_invisible(api: TestClient, indexed, db_conn) -> None:
    alice, bob = sign_in(api, indexed), sign_in(api, indexed)
    made = chat(api, alice, REQUEST).json()
    for path in (
        f"/api/workflows/{made['workflow_id']}",
        f"/api/workflows/{made['workflow_id']}/download",
        f"/api/conversations/{made['conversation_id']}",
        f"/api/conversations/{made['conversation_id']}/messages",
    ):
        response = api.get(path, headers=bob)
        assert response.status_code == 404, path
        assert response.json()["error"]["code"] == "not_found"
    assert api.delete(f"/api/workflows/{made['workflow_id']}", headers=bob).status_code == 404
    assert (
        api.patch(
            f"/api/workflows/{made['workflow_id']}", json={"name": "x"}, headers=bob
        ).status_code
        == 404
    )
    stolen = chat(api, bob, "also add Discord", made["conversation_id"])
    assert stolen.status_code == 404
    assert api.get("/api/workflows", headers=bob).json()["items"] == []
    assert api.get(f"/api/workflows/{made['workflow_id']}", headers=alice).status_code == 200


def test_rls_connection_sees_only_the_callers_rows(api: TestClient, indexed, db_conn) -> None:
    """A query with no WHERE user_id on the service's connection returns the caller's rows."""
    from nodepilot.db import app_connection

    a_mail, b_mail = unique_email("a"), unique_email("b")
    a, b = sign_in(api, indexed, a_mail), sign_in(api, indexed, b_mail)
    chat(api, a, REQUEST)
    chat(api, b, REQUEST)
    a_id = user_id_of(db_conn, a_mail)
    db_conn.commit()
    with app_connection(str(a_id), db_conn) as conn:
        for table in (
            "workflow_generations",
            "conversations",
            "conversation_messages",
            "credit_history",
            "users",
            "api_keys",
        ):
            owners = {
                r[0]
                for r in conn.execute(
                    f"SELECT {'id' if table == 'users' else 'user_id'} FROM {table}"
                ).fetchall()
            }
            assert owners <= {a_id}, table
        assert conn.execute("SELECT count(*) FROM conversations").fetchone()[0] == 1


def test_out_of_credits_is_402_and_not_charged(api: TestClient, indexed, db_conn) -> None:
    email = unique_email()
    headers = sign_in(api, indexed, email)
    user_id = set_balance(db_conn, email, 0)
    response = chat(api, headers, REQUEST)
    assert response.status_code == 402
    error = response.json()["error"]
    assert error["code"] == "insufficient_credits" and "nothing was charged" in error["message"]
    # no billing configured here: nothing to buy, so the hint names who can add credits
    assert "billing is not configured" in error["hint"] and "checkout_url" not in error
    assert "nodepilot billing grant" in error["hint"]
    assert api.get("/api/workflows", headers=headers).json()["items"] == []
    total = db_conn.execute(
        "SELECT sum(amount) FROM credit_history WHERE user_id = %s", (user_id,)
    ).fetchone()[0]
    assert total == 0


def test_api_keys_shown_once_hashed_and_revocable(api: TestClient, indexed, db_conn) -> None:
    headers = sign_in(api, indexed)
    created = api.post("/api/keys", json={"name": "ci"}, headers=headers)
    assert created.status_code == 201
    key = created.json()["key"]
    stored = db_conn.execute(
        "SELECT key_hash FROM api_keys WHERE id = %s", (created.json()["id"],)
    ).fetchone()[0]
    assert key not in stored and len(stored) == 64
    assert api.get("/api/credits", headers=auth(key)).status_code == 200
    listed = api.get("/api/keys", headers=headers).json()["items"]
    assert "key" not in listed[0] and listed[0]["last_used_at"] is not None
    assert api.delete(f"/api/keys/{created.json()['id']}", headers=headers).status_code == 204
    revoked = api.get("/api/credits", headers=auth(key))
    assert revoked.status_code == 401 and revoked.json()["error"]["code"] == "unauthorized"


def test_delete_me_removes_everything(api: TestClient, indexed, db_conn) -> None:
    email = unique_email()
    headers = sign_in(api, indexed, email)
    chat(api, headers, REQUEST)
    user_id = user_id_of(db_conn, email)
    db_conn.commit()
    assert api.delete("/api/users/me", headers=headers).status_code == 204
    for table in (
        "workflow_generations",
        "conversations",
        "conversation_messages",
        "credit_history",
        "api_keys",
    ):
        n = db_conn.execute(
            f"SELECT count(*) FROM {table} WHERE user_id = %s", (user_id,)
        ).fetchone()[0]
        assert n == 0, table
    assert (
        db_conn.execute("SELECT count(*) FROM users WHERE id = %s", (user_id,)).fetchone()[0] == 0
    )


def test_admin_prompts_versions_and_stats(indexed: Settings, db_conn) -> None:
    admin_mail = unique_email("admin")
    before = db_conn.execute("SELECT now()").fetchone()[0]
    db_conn.rollback()
    with service_client(indexed, admin_emails=[admin_mail], rate_limit_per_minute=10_000) as c:
        admin, user = sign_in(c, indexed, admin_mail), sign_in(c, indexed)
        assert c.get("/api/admin/prompts", headers=user).status_code == 403
        names = [p["name"] for p in c.get("/api/admin/prompts", headers=admin).json()["items"]]
        assert len(names) == 13 and "workflow_generation" in names
        history = c.get("/api/admin/prompts/title_generation", headers=admin).json()["versions"]
        original = history[0]
        edited = original["content"].rstrip() + "\nKeep it under eight words.\n"
        new = c.put("/api/admin/prompts/title_generation", json={"content": edited}, headers=admin)
        assert new.status_code == 200, new.text
        me = c.get("/api/users/me", headers=admin).json()
        assert new.json()["version"] == original["version"] + 1 and new.json()["is_active"]
        assert new.json()["created_by"] == me["id"]
        db_now = db_conn.execute("SELECT now()").fetchone()[0]
        db_conn.rollback()
        created = datetime.fromisoformat(new.json()["created_at"])
        assert before < created <= db_now
        assert new.json()["activated_at"] == new.json()["created_at"]  # active from the start
        back = c.post(
            "/api/admin/prompts/title_generation/activate",
            json={"version": original["version"]},
            headers=admin,
        ).json()
        assert back["is_active"] and back["activated_by"] == me["id"]
        assert datetime.fromisoformat(back["activated_at"]) > created
        versions = c.get("/api/admin/prompts/title_generation", headers=admin).json()["versions"]
        assert [v["is_active"] for v in versions] == [False, True]
        wrong = c.put(
            "/api/admin/prompts/title_generation",
            json={"content": "no front matter"},
            headers=admin,
        )
        assert wrong.status_code == 422
        c.post("/api/chat/message", json={"message": REQUEST}, headers=user)
        days = c.get("/api/admin/stats", headers=admin).json()["days"]
        assert days[-1]["generations"] >= 1 and days[-1]["credits_spent"] >= 1
        assert days[-1]["intents"].get("workflow_request", 0) >= 1


def test_errors_have_one_shape_and_headers(api: TestClient, indexed) -> None:
    headers = sign_in(api, indexed)
    missing = api.get("/api/credits")
    assert missing.status_code == 401
    assert set(missing.json()["error"]) >= {"code", "message", "hint", "request_id"}
    assert missing.json()["error"]["request_id"] == missing.headers["x-request-id"]
    bad = api.post("/api/chat/message", json={"message": ""}, headers=headers)
    assert bad.status_code == 422 and "message" in bad.json()["error"]["message"]
    big = api.post(
        "/api/chat/message",
        content=b"{" + b" " * 300_000 + b"}",
        headers={**headers, "content-type": "application/json"},
    )
    assert big.status_code == 413 and big.json()["error"]["code"] == "body_too_large"
    ok = api.get("/api/credits", headers=headers)
    assert "frame-ancestors 'none'" in ok.headers["content-security-policy"]
    assert ok.headers["x-content-type-options"] == "nosniff"
    assert int(ok.headers["ratelimit-remaining"]) >= 0
    assert api.get("/api/workflows/not-a-uuid", headers=headers).status_code == 422


def test_health_reports_readiness_and_metrics(api: TestClient) -> None:
    health = api.get("/api/health")
    assert health.status_code == 200, health.text
    doc = health.json()
    assert doc["status"] == "ok" and doc["database"]["migrated"]
    assert doc["index"]["node"] > 0 and "offline" in doc["providers"]
    metrics = api.get("/metrics").text
    assert "nodepilot_http_requests_total" in metrics
    assert "nodepilot_generations_total" in metrics


@pytest.mark.parametrize("token", ["", "garbage", "np_notakey", dev_token.__name__])
def test_bad_credentials_are_401(api: TestClient, token: str) -> None:
    response = api.get("/api/credits", headers=auth(token) if token else {})
    assert response.status_code == 401


def test_unknown_providers_are_refused_without_a_thread_pool_each(
    api: TestClient, indexed, db_conn
) -> None:
    """A provider name the engine does not know gets a clear 422 and is not charged, and it
    runs in the default provider's pool: a pool (and its threads, which never exit) per string a
    caller sends would let one client exhaust the worker."""
    email = unique_email()
    headers = sign_in(api, indexed, email)
    user_id = set_balance(db_conn, email, 5)
    pools_before = set(api.app.state.runtime.executors)
    for name in ("nosuch", "nosuch-2", "offline,nosuch-3"):
        response = api.post(
            "/api/chat/message", json={"message": REQUEST, "provider": name}, headers=headers
        )
        assert response.status_code == 422, response.text
        assert response.json()["error"]["code"] == "invalid_input"
    assert set(api.app.state.runtime.executors) <= pools_before | {indexed.provider}
    total = db_conn.execute(
        "SELECT sum(amount) FROM credit_history WHERE user_id = %s", (user_id,)
    ).fetchone()[0]
    assert total == 5  # what set_balance left: nothing charged


def health_of_a_fresh_service(settings: Settings, **env: str) -> httpx.Response:
    """``/api/health`` of a real ``nodepilot serve`` started with ``env``: a fresh process, so
    its first check (made before it accepts requests) sees only the state it was started in."""
    with running_service(settings, workers=1, **env) as server:
        return httpx.get(f"{server.url}/api/health", timeout=30)


def assert_not_ready(response: httpx.Response, reason: str) -> dict:
    assert response.status_code == 503, response.text
    assert int(response.headers["retry-after"]) > 0
    doc = response.json()
    assert doc["status"] == "not_ready" and doc["error"]["code"] == "not_ready"
    assert reason in doc["error"]["message"], doc["error"]["message"]
    assert doc["error"]["request_id"] == response.headers["x-request-id"]
    return doc


def test_health_is_503_and_names_why_the_service_is_not_ready(
    indexed: Settings, db_conn, tmp_path: Path
) -> None:
    """The three ways a started service can be unready besides a database outage: its start-up
    migration failed (a migration pending), nothing indexed yet, the embedding model absent."""
    with scratch_database(db_conn) as dsn:
        with psycopg.connect(dsn, autocommit=True) as conn:
            migrate_up_to(conn, 9)
            # an object in the way of 0010: the worker's start-up migration fails on it
            conn.execute("CREATE TABLE credit_balances (in_the_way integer)")
        pending = [m.version for m in load_migrations() if m.version > 9]  # 10 and every later
        doc = assert_not_ready(
            health_of_a_fresh_service(indexed, DATABASE_URL=dsn), f"migrations pending {pending}"
        )
        assert doc["database"] == {"reachable": True, "migrated": False, "missing": pending}
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute("DROP TABLE credit_balances")
        # this start migrates the database to the end; nothing is indexed there
        doc = assert_not_ready(
            health_of_a_fresh_service(indexed, DATABASE_URL=dsn), "knowledge index empty"
        )
        assert doc["database"]["migrated"] and doc["index"] == {}
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")  # the model folder cannot be made, so no export either
    doc = assert_not_ready(
        health_of_a_fresh_service(indexed, NODEPILOT_MODEL_DIR=str(blocked / "models")),
        "embedding model missing",
    )
    assert doc["database"]["migrated"] and doc["index"]["node"] > 0
    assert doc["model"]["present"] is False


def test_health_names_configured_providers_never_their_keys(indexed: Settings) -> None:
    keys = {"anthropic": "sk-ant-health-0123456789abcdef", "openai": "sk-openai-health-98765"}
    with service_client(
        indexed,
        anthropic_api_key=SecretStr(keys["anthropic"]),
        openai_api_key=SecretStr(keys["openai"]),
        rate_limit_per_minute=100_000,
    ) as client:
        answers = [client.get(path) for path in ("/api/health", "/api/config/public", "/metrics")]
    assert answers[0].status_code == 200, answers[0].text
    assert answers[0].json()["providers"] == ["offline", "anthropic", "openai"]
    for answer in answers:
        for key in keys.values():
            assert key not in answer.text and key[:12] not in answer.text


def csp_sources(policy: str) -> dict[str, list[str]]:
    """A Content-Security-Policy header as directive -> its sources."""
    parts = (d.split() for d in policy.split(";") if d.strip())
    return {words[0]: words[1:] for words in parts}


def csp_allows(policy: dict[str, list[str]], directive: str, url: str) -> bool:
    """Whether ``url`` (absolute, or a same-origin path) may load under ``directive``, falling
    back to default-src as browsers do; host sources match by scheme and host."""
    sources = policy.get(directive, policy.get("default-src", []))
    if url.startswith("/"):
        return "'self'" in sources
    origin = re.match(r"^(https?://[^/]+)", url)
    return bool(origin) and origin.group(1) in sources


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
def test_api_docs_pages_load_the_served_schema_under_their_csp(api: TestClient, path: str) -> None:
    """The docs pages are HTML that fetch /openapi.json and the UI's scripts from the CDN; the
    page's own CSP must let the browser load those scripts (and /docs its stylesheet), or the
    page stays blank. (ReDoc's other stylesheet only brings web fonts.)"""
    from service.middleware import DOCS_CSP

    page = api.get(path)
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert page.headers["content-security-policy"] == DOCS_CSP
    assert page.headers["x-content-type-options"] == "nosniff"
    policy = csp_sources(DOCS_CSP)
    assert "/openapi.json" in page.text and csp_allows(policy, "connect-src", "/openapi.json")
    assert api.get("/openapi.json").json()["paths"]
    scripts = re.findall(r'<script src="([^"]+)"', page.text)
    assert scripts and all(csp_allows(policy, "script-src", src) for src in scripts), scripts
    if re.search(r"<script>\s*\S", page.text):  # an inline script starts the UI
        assert "'unsafe-inline'" in policy["script-src"]
    if path == "/docs":
        sheets = re.findall(r'rel="stylesheet" href="([^"]+)"', page.text)
        assert sheets and all(csp_allows(policy, "style-src", href) for href in sheets)
    # the application's pages keep the strict policy: no inline script, no CDN
    strict = csp_sources(api.get("/api/config/public").headers["content-security-policy"])
    assert not any(csp_allows(strict, "script-src", src) for src in scripts)


def metric_samples(client: TestClient) -> dict[tuple[str, frozenset], float]:
    """/metrics as (sample name, its labels) -> value."""
    from prometheus_client.parser import text_string_to_metric_families

    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(client.get("/metrics").text)
        for sample in family.samples
    }


def test_metrics_count_the_chat_by_route_status_provider_and_credits(
    api: TestClient, indexed
) -> None:
    headers = sign_in(api, indexed)
    chat_route = frozenset({("route", "/api/chat/message")})
    succeeded = (
        "nodepilot_generations_total",
        frozenset({("status", "succeeded"), ("provider", "offline")}),
    )
    spent = ("nodepilot_credits_spent_total", frozenset())
    latency = ("nodepilot_http_request_duration_seconds_count", chat_route)
    before = metric_samples(api)
    assert chat(api, headers, f"{REQUEST} for the metrics test").status_code == 200
    after = metric_samples(api)
    assert after[succeeded] == before.get(succeeded, 0) + 1
    assert after[spent] == before.get(spent, 0) + 1
    assert after[latency] == before.get(latency, 0) + 1
    buckets = {
        dict(labels)["le"]: value
        for (name, labels), value in after.items()
        if name == "nodepilot_http_request_duration_seconds_bucket" and chat_route <= labels
    }
    assert len(buckets) > 5 and buckets["+Inf"] == after[latency]
    requests_ok = (
        "nodepilot_http_requests_total",
        chat_route | {("method", "POST"), ("status", "200")},
    )
    assert after[requests_ok] == before.get(requests_ok, 0) + 1


def test_admin_stats_split_by_day_with_success_rate_and_percentiles(indexed, db_conn) -> None:
    """Generations backdated to two days long ago (no other test writes there): each day's
    counts, success rate, latency percentiles, intent mix and credits spent, exactly."""
    admin_mail, email = unique_email("admin"), unique_email()
    offset = 200 + uuid.uuid4().int % 150  # days ago
    with service_client(indexed, admin_emails=[admin_mail], rate_limit_per_minute=10_000) as c:
        admin = sign_in(c, indexed, admin_mail)
        sign_in(c, indexed, email)
        user_id = user_id_of(db_conn, email)
        day_of = {
            d["day"]: d for d in c.get("/api/admin/stats?days=366", headers=admin).json()["days"]
        }
        first = db_conn.execute(
            "SELECT (date_trunc('day', now()) - make_interval(days => %s))::date", (offset,)
        ).fetchone()[0]
        assert first.isoformat() not in day_of
        rows = [  # (days after the first, status, intent, ms)
            (0, "succeeded", "workflow_request", 100),
            (0, "succeeded", "workflow_request", 200),
            (0, "succeeded", "workflow_modification", 300),
            (0, "failed", "workflow_request", 1000),
            (1, "succeeded", "question", 50),
        ]
        balance = 25
        for after_first, status, intent, ms in rows:
            at = db_conn.execute(
                "SELECT %s::date + make_interval(days => %s, hours => 12)", (first, after_first)
            ).fetchone()[0]
            generation = db_conn.execute(
                """INSERT INTO workflow_generations
                       (user_id, prompt, status, intent, generation_time_ms, provider, created_at)
                   VALUES (%s, 'backdated', %s, %s, %s, 'offline', %s) RETURNING id""",
                (user_id, status, intent, ms, at),
            ).fetchone()[0]
            if status == "succeeded":
                balance -= 1
                db_conn.execute(
                    """INSERT INTO credit_history (user_id, amount, transaction_type,
                           workflow_generation_id, remaining_balance, created_at)
                       VALUES (%s, -1, 'generation', %s, %s, %s)""",
                    (user_id, generation, balance, at),
                )
        db_conn.commit()
        day_of = {
            d["day"]: d for d in c.get("/api/admin/stats?days=366", headers=admin).json()["days"]
        }
    one, two = day_of[first.isoformat()], day_of[(first + timedelta(days=1)).isoformat()]
    assert (one["generations"], one["succeeded"], one["failed"]) == (4, 3, 1)
    assert one["success_rate"] == 0.75 and one["credits_spent"] == 3
    assert one["latency_p50_ms"] == 250  # halfway between 200 and 300
    assert one["latency_p95_ms"] == pytest.approx(895)  # 300 + 0.85 * (1000 - 300)
    assert one["intents"] == {"workflow_request": 3, "workflow_modification": 1}
    assert (two["generations"], two["success_rate"], two["credits_spent"]) == (1, 1.0, 1)
    assert two["latency_p50_ms"] == two["latency_p95_ms"] == 50
    assert two["intents"] == {"question": 1}


def test_an_unexpected_error_is_a_plain_500_without_details(
    api: TestClient, indexed, monkeypatch, caplog
) -> None:
    """A crash in a JSON (not streamed) request: the one error shape with the request id, the
    details only in the server log, nothing charged."""
    from service import store

    def broken(*args, **kwargs):
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(store, "store_turn", broken)
    headers = sign_in(api, indexed)
    with caplog.at_level("ERROR", logger="nodepilot.errors"):
        response = api.post(
            "/api/chat/message", json={"message": f"{REQUEST} (500)"}, headers=headers
        )
    assert response.status_code == 500
    assert response.headers["content-type"].startswith("application/json")
    error = response.json()["error"]
    assert error["code"] == "internal_error"
    assert error["request_id"] == response.headers["x-request-id"]
    assert "secret" not in response.text and "Traceback" not in response.text
    assert "secret internal detail" in caplog.text and "Traceback" in caplog.text
    assert api.get("/api/credits", headers=headers).json()["balance"] == 25


WORDS = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), min_size=1)
SPACING = st.sampled_from([" ", "  ", "\n", "\t", " \n "])


@st.composite
def requests_in_words(draw: st.DrawFn) -> str:
    """Text with runs of any whitespace between words, sometimes several sentences."""
    words = draw(st.lists(WORDS, min_size=1, max_size=40))
    return "".join(word + draw(SPACING) for word in words)


@given(request=st.one_of(requests_in_words(), st.text()))
@settings(max_examples=300, deadline=None)
def test_a_title_is_the_start_of_the_request_cut_at_a_word(request: str) -> None:
    """Whatever the request, its title is one line: the request's own start (first letter
    capitalised), either its whole first sentence or at most 60 of its characters cut back to
    a whole word and marked with an ellipsis."""
    from service.store import TITLE_CHARS, make_title

    title = make_title(request)
    flat = " ".join(request.split())
    if not flat:
        assert title == "New conversation"
        return
    assert title == " ".join(title.split())  # one line, single spaces
    head = flat[:1].upper()
    assert title.startswith(head)
    kept = flat[:1] + title[len(head) :]
    if flat.startswith(kept):  # not cut: the whole request, or its first sentence
        rest = flat[len(kept) :]
        assert len(kept) <= TITLE_CHARS
        assert rest == "" or (kept[-1] in ".!?" and rest.startswith(" ")), (kept, rest)
        return
    assert kept.endswith("…"), (kept, flat)
    kept = kept.removesuffix("…")
    assert flat.startswith(kept) and 0 < len(kept) <= TITLE_CHARS
    if " " in flat[: TITLE_CHARS + 1]:  # a word boundary to cut at: never inside a word
        assert flat[len(kept) :].lstrip(",;:-").startswith(" "), (kept, flat)
