"""Session 12's service fixes, each over HTTP or against a real ``nodepilot serve`` process:
blank workflow names, API keys that mint keys, a JWKS URL without an issuer, trial farming by
deleting the account, the access log of spawned workers, and the index of a fresh data dir."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import psycopg
import pytest
from service_process_support import STARTUP_S, requests_by_pid, wait_for_every_worker
from service_support import (
    ROOT,
    ServeProcess,
    auth,
    dev_token,
    free_port,
    serve_env,
    service_client,
    sign_in,
    unique_email,
    user_id_of,
)
from starlette.testclient import TestClient

from nodepilot.config import Settings
from nodepilot.db import connect
from nodepilot.errors import UserError
from service import ledger
from service.auth import Identity
from service.auth.users import ensure_user

ERROR_KEYS = {"code", "message", "hint", "request_id"}
#: Seconds a refused ``serve`` may take to exit (it imports the CLI and reads the settings).
REFUSAL_TIMEOUT_S = 90
#: Requests a logging test sends, each on a new connection: with two workers listening on a
#: socket each, the chance that one worker gets none of 24 is 2 in 2**24.
REQUESTS = 24


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


def test_a_deleted_account_signing_in_again_gets_no_second_trial(api, migrated_db, db_conn) -> None:
    """Deleting the account and calling again with the same, still valid token re-creates the
    user: without a record of who had a trial, with a fresh 25-credit trial each time."""
    from nodepilot.db import app_connection

    email = unique_email("farmer")
    headers = auth(dev_token(migrated_db, email))
    first = api.get("/api/credits", headers=headers).json()
    assert first["balance"] == migrated_db.trial_credits
    assert api.delete("/api/users/me", headers=headers).status_code == 204
    again = api.get("/api/credits", headers=headers)
    assert again.status_code == 200, again.text  # the account is back ...
    assert again.json()["balance"] == 0 and again.json()["trial_ends_at"] is None  # ... no trial
    user_id = user_id_of(db_conn, email)
    trials = db_conn.execute(
        "SELECT count(*) FROM credit_history WHERE user_id = %s AND transaction_type = 'trial'",
        (user_id,),
    ).fetchone()[0]
    assert trials == 0
    # the record holds digests only: neither the email nor the external id in any column
    rows = db_conn.execute("SELECT t::text FROM trial_grants t").fetchall()
    assert rows and not [r for r in rows if email in r[0] or f"dev:{email}" in r[0]]
    db_conn.commit()
    with app_connection(str(user_id), conn=db_conn) as app:  # owner only: the app role can't read
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            app.execute("SELECT count(*) FROM trial_grants")
    db_conn.rollback()
    # a different account with the same email (a new sign-up at the identity provider) too
    assert api.delete("/api/users/me", headers=headers).status_code == 204
    with connect(migrated_db) as conn:
        ensure_user(conn, Identity("user_new_signup_" + email, email), migrated_db)
        conn.commit()
        assert ledger.balance(conn, user_id_of(conn, email)) == 0
    # and someone new still gets theirs
    newcomer = api.get("/api/credits", headers=auth(dev_token(migrated_db, unique_email())))
    assert newcomer.json()["balance"] == migrated_db.trial_credits


def test_the_migration_records_the_trials_already_granted(db_conn) -> None:
    """Users who had their trial before 0011 are in the record under the digests the code
    computes (the SQL and Python digests agree), and a placeholder email is not recorded."""
    from ledger_balance_support import migrate_up_to, scratch_database

    from nodepilot.db import migrate
    from service.auth.users import first_trial, trial_subjects

    had = Identity("user_before_0011", "Before.0011@Example.com")
    placeholder = Identity("user_no_email", None)
    with scratch_database(db_conn) as dsn, psycopg.connect(dsn) as conn:
        migrate_up_to(conn, 10)
        for identity, email in ((had, "before.0011@example.com"), (placeholder, None)):
            user_id = conn.execute(
                "INSERT INTO users (clerk_user_id, email) VALUES (%s, %s) RETURNING id",
                (identity.external_id, email or f"{identity.external_id}@users.invalid"),
            ).fetchone()[0]
            ledger.grant(conn, user_id, 25, "trial", "Trial", cause="trial")
        conn.commit()
        migrate(conn)
        stored = {r[0] for r in conn.execute("SELECT subject_hash FROM trial_grants")}
        assert stored == set(trial_subjects(had)) | set(trial_subjects(placeholder))
        assert not first_trial(conn, had) and not first_trial(conn, placeholder)
        assert not first_trial(conn, Identity("user_someone_else", "before.0011@example.com"))
        assert first_trial(conn, Identity("user_new", "new@example.com"))
        conn.rollback()


class ServeWithStderr(ServeProcess):
    """``nodepilot serve`` with its stderr (where the JSON log goes) in a file of its own."""

    def __init__(self, env: dict[str, str], workers: int, args: tuple[str, ...]) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        cmd = [sys.executable, "-m", "nodepilot.cli", "serve", "--port", str(self.port)]
        cmd += ["--workers", str(workers), *args]
        folder = Path(env["NODEPILOT_DATA_DIR"])
        self.stdout = open(folder / f"serve-{self.port}.out", "wb")  # noqa: SIM115
        self.log = open(folder / f"serve-{self.port}.err", "wb")  # noqa: SIM115
        self.proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=self.stdout, stderr=self.log)

    def stop(self) -> int:
        try:
            return super().stop()
        finally:
            self.stdout.close()


def access_lines(stderr: str) -> list[dict]:
    """The JSON access-log lines among a serve process's stderr lines."""
    found = []
    for line in stderr.splitlines():
        try:
            doc = json.loads(line)
        except ValueError:
            continue
        if isinstance(doc, dict) and "request_id" in doc:
            found.append(doc)
    return found


@pytest.mark.parametrize(
    ("workers", "args"), [(2, ()), (1, ()), (2, ("--no-access-log",))], ids=["2", "1", "off"]
)
def test_every_serve_worker_logs_one_json_line_per_request(
    indexed: Settings, db_conn, tmp_path: Path, workers: int, args: tuple[str, ...]
) -> None:
    """The README's ``serve --workers 2``: uvicorn spawns its workers, which start with
    logging unconfigured, so the supervisor's set-up never reached them and no request was
    logged. Each worker writes one line per request (route, status, user id, latency), with
    one worker no line twice, never a token or key; ``--no-access-log`` none."""
    email = unique_email("logged")
    token = dev_token(indexed, email)
    metrics = tmp_path / "metrics"
    metrics.mkdir()
    env = serve_env(indexed, PROMETHEUS_MULTIPROC_DIR=str(metrics))
    server = ServeWithStderr(env, workers, args)
    sent: list[str] = []
    try:
        server.wait_ready(timeout=STARTUP_S)
        wait_for_every_worker(server, workers)
        key = httpx.post(
            f"{server.url}/api/keys", json={"name": "logged"}, headers=auth(token), timeout=30
        ).json()["key"]
        for n in range(REQUESTS):
            sent.append(f"s12-log-{n:03d}-{uuid.uuid4().hex[:8]}")
            credential = key if n % 2 else token  # a new connection each: either worker
            headers = {**auth(credential), "X-Request-ID": sent[-1]}
            response = httpx.get(f"{server.url}/api/credits", headers=headers, timeout=30)
            assert response.status_code == 200, response.text
    finally:
        server.stop()
    stderr = Path(server.log.name).read_text(errors="replace")
    assert token not in stderr and key not in stderr and key[:12] not in stderr
    mine = [line for line in access_lines(stderr) if line["request_id"] in sent]
    if "--no-access-log" in args:
        assert mine == []
        return
    assert sorted(line["request_id"] for line in mine) == sorted(sent), stderr[-2000:]
    user_id = str(user_id_of(db_conn, email))
    for line in mine:
        assert (line["route"], line["status"], line["user_id"]) == ("/api/credits", 200, user_id)
        assert isinstance(line["ms"], float | int) and line["ms"] >= 0
    served = requests_by_pid(metrics, "/api/credits")
    assert len(served) == workers and sum(served.values()) == REQUESTS, served


def test_serve_builds_a_missing_index_before_its_workers_start(
    migrated_db: Settings, tmp_path: Path
) -> None:
    """The README's third command on its own, on a fresh data dir: health was 503 ("knowledge
    index empty") for good while chats answered without retrieval. serve now builds what was
    never built, as ``generate`` does, before any worker starts. The database is a fresh one
    in which every source but the tips counts as synced, so the build is the tips' (seconds),
    not the whole index's (~40 s); the code path is the one a wholly empty index takes."""
    from prompt_versions_support import own_database

    from indexing.documents import SOURCE_KINDS
    from indexing.indexer import index_problems

    with own_database(migrated_db) as (own, url):
        with connect(own) as conn:
            for source in SOURCE_KINDS:
                if source != "tips":
                    conn.execute(
                        "INSERT INTO index_sources (source, fingerprint) VALUES (%s, 'planted')",
                        (source,),
                    )
            conn.commit()
        data = tmp_path / "data"
        data.mkdir()
        env = serve_env(migrated_db, DATABASE_URL=url, NODEPILOT_DATA_DIR=str(data))
        # explicit: a test session may turn the build off for the suite's other servers
        server = ServeWithStderr(env, 2, ("--build-index",))
        try:
            server.wait_ready(timeout=STARTUP_S)
            wait_for_every_worker(server, 2)
            health = httpx.get(f"{server.url}/api/health", timeout=30)
        finally:
            server.stop()
        stderr = Path(server.log.name).read_text(errors="replace")
        assert health.status_code == 200, health.text
        assert health.json()["index"]["tip"] > 0
        built = stderr.find("building the knowledge index (first use)")
        assert 0 <= built < stderr.index("NodePilot service on"), stderr[-2000:]
        with connect(own) as conn:
            assert index_problems(conn) == []


def test_serve_removes_the_metrics_folder_it_made(indexed: Settings, tmp_path: Path) -> None:
    """With several workers and no PROMETHEUS_MULTIPROC_DIR given, serve makes a temporary
    folder for the workers' metric files; every start used to leave one behind."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = serve_env(indexed, TMPDIR=str(temp), NODEPILOT_SERVE_BUILD_INDEX="0")
    server = ServeWithStderr(env, 2, ())
    try:
        server.wait_ready(timeout=STARTUP_S)
        wait_for_every_worker(server, 2)
        assert httpx.get(f"{server.url}/metrics", timeout=30).status_code == 200
        made = list(temp.glob("nodepilot-metrics-*"))
        assert len(made) == 1 and any(made[0].iterdir())  # in use while the service runs
    finally:
        assert server.stop() in (0, -15)
    assert list(temp.glob("nodepilot-metrics-*")) == []


def test_an_api_key_cannot_delete_the_account(api, migrated_db) -> None:
    headers = sign_in(api, migrated_db)
    created = api.post("/api/keys", json={"name": "ci"}, headers=headers)
    assert created.status_code == 201, created.text
    key = created.json()["key"]
    refused = api.delete("/api/users/me", headers=auth(key))
    error = assert_error(refused, 403, "forbidden")
    assert "delete the account" in error["message"] and error["hint"]
    # nothing was deleted: the account and the key still work
    assert api.get("/api/users/me", headers=headers).status_code == 200
    assert api.get("/api/credits", headers=auth(key)).status_code == 200
