"""The database foundation on a real PostgreSQL + pgvector: migrations, schema, row-level
security through the application role, the embedded server's lifecycle and its error messages."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import threading
import uuid
from pathlib import Path

import psycopg
import pytest

from nodepilot.config import Settings
from nodepilot.db import APP_ROLE, app_connection, applied_migrations, connect, migrate
from nodepilot.db.migrate import load_migrations

SEED_TABLES: dict[str, set[str]] = {
    "users": {"id", "clerk_user_id", "email", "name", "subscription_tier", "created_at"},
    "subscriptions": {"id", "user_id", "tier", "status", "current_period_end"},
    "credit_history": {
        "id",
        "user_id",
        "amount",
        "transaction_type",
        "workflow_generation_id",
        "remaining_balance",
        "created_at",
    },
    "ai_prompts": {"id", "name", "version", "content", "content_hash", "is_active"},
    "node_patterns": {"id", "node_type", "resource", "operation", "parameters", "usage_count"},
    "workflow_tips": {"id", "tip_key", "category", "title", "body", "node_types", "version"},
    "workflow_templates": {"id", "source_id", "source", "licence", "name", "workflow_json"},
    "workflow_generations": {
        "id",
        "user_id",
        "prompt",
        "workflow_json",
        "generation_time_ms",
        "model_used",
        "status",
        "optimization_used",
    },
    "conversations": {"id", "user_id", "title", "created_at"},
    "conversation_messages": {"id", "conversation_id", "user_id", "role", "content"},
}
RLS_TABLES = [
    "users",
    "subscriptions",
    "conversations",
    "conversation_messages",
    "workflow_generations",
    "credit_history",
]
#: per-user tables the application role may only read (its own row); written by triggers
READ_ONLY_RLS_TABLES = ["credit_balances"]


def _nodepilot(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "nodepilot.cli", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def test_migrations_apply_twice(db_conn: psycopg.Connection) -> None:
    assert migrate(db_conn) == []
    db_conn.commit()
    assert migrate(db_conn) == []
    recorded = applied_migrations(db_conn)
    assert sorted(recorded) == [m.version for m in load_migrations()]


def test_concurrent_migrate_applies_each_migration_once(db_conn: psycopg.Connection) -> None:
    name = f"conc_{uuid.uuid4().hex[:8]}"
    with connect(autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    try:
        dsn = db_conn.info.dsn.replace("dbname=postgres", f"dbname={name}")
        results: list[object] = []

        def run() -> None:
            with psycopg.connect(dsn) as conn:
                results.append(len(migrate(conn)))

        threads = [threading.Thread(target=run) for _ in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        # each migration is applied by exactly one of the runners (any of them may take it)
        assert sum(results) == len(load_migrations())
        with psycopg.connect(dsn) as conn:
            count = conn.execute("SELECT count(*) FROM schema_migrations").fetchone()[0]
        assert count == len(load_migrations())
    finally:
        with connect(autocommit=True) as admin:
            admin.execute(f"DROP DATABASE {name} WITH (FORCE)")


@pytest.mark.parametrize("table", sorted(SEED_TABLES))
def test_seed_table_has_its_columns(db_conn: psycopg.Connection, table: str) -> None:
    rows = db_conn.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s", (table,)
    ).fetchall()
    assert SEED_TABLES[table] <= {r[0] for r in rows}


def test_foreign_keys_exist(db_conn: psycopg.Connection) -> None:
    rows = db_conn.execute(
        """SELECT conrelid::regclass::text, confrelid::regclass::text FROM pg_constraint
           WHERE contype = 'f'"""
    ).fetchall()
    pairs = set(rows)
    for pair in [
        ("subscriptions", "users"),
        ("credit_history", "users"),
        ("credit_history", "workflow_generations"),
        ("conversations", "users"),
        ("conversation_messages", "conversations"),
        ("workflow_generations", "users"),
        ("workflow_generations", "conversations"),
    ]:
        assert pair in pairs, pair


def test_application_role_is_not_the_owner(db_conn: psycopg.Connection) -> None:
    super_, bypass = db_conn.execute(
        "SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = %s", (APP_ROLE,)
    ).fetchone()
    assert not super_ and not bypass
    owners = db_conn.execute(
        "SELECT DISTINCT tableowner FROM pg_tables WHERE tablename = ANY(%s)",
        (RLS_TABLES + READ_ONLY_RLS_TABLES,),
    ).fetchall()
    assert APP_ROLE not in {o[0] for o in owners}
    db_conn.rollback()
    with app_connection(None, conn=db_conn) as conn:
        assert conn.execute("SELECT current_user").fetchone()[0] == APP_ROLE
    # the role switch is transaction-local: the pooled connection comes back as the owner
    assert db_conn.execute("SELECT current_user").fetchone()[0] != APP_ROLE
    db_conn.execute("SELECT 1")
    with pytest.raises(RuntimeError):  # an open transaction would make the role switch leak
        with app_connection(None, conn=db_conn):
            pass
    db_conn.rollback()
    for table in RLS_TABLES + READ_ONLY_RLS_TABLES:
        enabled = db_conn.execute(
            "SELECT relrowsecurity FROM pg_class WHERE oid = %s::regclass", (table,)
        ).fetchone()[0]
        assert enabled, table


def _seed_user(conn: psycopg.Connection, label: str) -> dict[str, str]:
    """Create a user with one row in every per-user table, as the owner."""
    tag = uuid.uuid4().hex[:8]
    uid = conn.execute(
        "INSERT INTO users (clerk_user_id, email, name) VALUES (%s, %s, %s) RETURNING id::text",
        (f"clerk_{label}_{tag}", f"{label}_{tag}@example.com", label),
    ).fetchone()[0]
    conv = conn.execute(
        "INSERT INTO conversations (user_id, title) VALUES (%s, 't') RETURNING id::text", (uid,)
    ).fetchone()[0]
    gen = conn.execute(
        """INSERT INTO workflow_generations (user_id, conversation_id, prompt, status)
           VALUES (%s, %s, 'p', 'succeeded') RETURNING id::text""",
        (uid, conv),
    ).fetchone()[0]
    conn.execute(
        "INSERT INTO conversation_messages (conversation_id, user_id, role, content) "
        "VALUES (%s, %s, 'user', 'hi')",
        (conv, uid),
    )
    conn.execute(
        """INSERT INTO credit_history (user_id, amount, transaction_type, workflow_generation_id,
           remaining_balance) VALUES (%s, -1, 'generation', %s, 9)""",
        (uid, gen),
    )
    conn.execute("INSERT INTO subscriptions (user_id, tier) VALUES (%s, 'pro')", (uid,))
    conn.commit()
    return {"user": uid, "conversation": conv, "generation": gen}


def test_rls_isolates_users_in_every_table(db_conn: psycopg.Connection) -> None:
    a = _seed_user(db_conn, "alice")
    b = _seed_user(db_conn, "bob")
    key = {"users": "id"}
    for table in RLS_TABLES:
        col = key.get(table, "user_id")
        with app_connection(a["user"], conn=db_conn) as conn:
            owners = {r[0] for r in conn.execute(f"SELECT {col}::text FROM {table}").fetchall()}
            assert owners == {a["user"]}, table
            updated = conn.execute(
                f"UPDATE {table} SET created_at = created_at WHERE {col} = %s", (b["user"],)
            ).rowcount
            assert updated == 0, table
            deleted = conn.execute(f"DELETE FROM {table} WHERE {col} = %s", (b["user"],)).rowcount
            assert deleted == 0, table
    # writes that would create a row for another user are refused
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        with app_connection(a["user"], conn=db_conn) as conn:
            conn.execute(
                "INSERT INTO conversations (user_id, title) VALUES (%s, 'x')", (b["user"],)
            )
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        with app_connection(a["user"], conn=db_conn) as conn:
            conn.execute(
                "UPDATE workflow_generations SET user_id = %s WHERE user_id = %s",
                (b["user"], a["user"]),
            )
    # without a user setting nothing is visible
    with app_connection(None, conn=db_conn) as conn:
        assert conn.execute("SELECT count(*) FROM workflow_generations").fetchone()[0] == 0
    # the owner still sees both users' rows, and nothing was lost
    rows = db_conn.execute(
        "SELECT count(*) FROM credit_history WHERE user_id = ANY(%s::uuid[])",
        ([a["user"], b["user"]],),
    ).fetchone()[0]
    assert rows == 2


def test_sign_in_lookup_returns_only_an_id(db_conn: psycopg.Connection) -> None:
    a = _seed_user(db_conn, "carol")
    clerk = db_conn.execute(
        "SELECT clerk_user_id FROM users WHERE id = %s", (a["user"],)
    ).fetchone()[0]
    db_conn.commit()
    with app_connection(None, conn=db_conn) as conn:
        found = conn.execute("SELECT nodepilot_user_id_for_clerk(%s)::text", (clerk,)).fetchone()[0]
        assert found == a["user"]
        assert conn.execute("SELECT count(*) FROM users").fetchone()[0] == 0


def test_db_status_reuses_the_running_server(migrated_db: Settings) -> None:
    first = _nodepilot("db", "status", "--format", "json")
    second = _nodepilot("db", "status", "--format", "json")
    assert first.returncode == 0, first.stderr
    assert second.returncode == 0, second.stderr
    import json

    one, two = json.loads(first.stdout), json.loads(second.stdout)
    assert two["started_now"] is False
    assert one["pid"] == two["pid"]
    assert two["postgresql"].startswith("18")
    assert two["pgvector_installed"].startswith("0.8")
    assert two["migration_level"] == len(load_migrations())
    text = _nodepilot("db", "status")
    assert "already running" in text.stdout and "pgvector" in text.stdout


def test_config_masks_secrets(tmp_path: Path) -> None:
    out = _nodepilot(
        "config",
        env={
            "NODEPILOT_DATA_DIR": str(tmp_path),
            "DATABASE_URL": "postgresql://u:hunter2secret@db.example:5432/x",
            "NODEPILOT_OPENAI_API_KEY": "sk-abcdefghijklmnop",
        },
    )
    assert out.returncode == 0, out.stderr
    assert "hunter2secret" not in out.stdout and "abcdefghijklmnop" not in out.stdout
    assert "db.example" in out.stdout and "****" in out.stdout


def _assert_one_line_error(result: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert lines and lines[0].startswith("error: "), result.stderr
    assert len(lines) <= 2 and all(ln.startswith(("error: ", "hint: ")) for ln in lines)
    for needle in needles:
        assert needle in result.stderr, result.stderr


def test_unreachable_database_url_is_one_clear_line() -> None:
    result = _nodepilot("db", "status", env={"DATABASE_URL": "postgresql://u:pw@127.0.0.1:1/none"})
    _assert_one_line_error(result, "cannot connect", "127.0.0.1:1", "DATABASE_URL")
    assert "pw@" not in result.stderr


def test_wrong_database_url_is_one_clear_line() -> None:
    result = _nodepilot("db", "status", env={"DATABASE_URL": "mysql://u:secretpw@h/db"})
    _assert_one_line_error(result, "not a PostgreSQL URL")
    assert "secretpw" not in result.stderr


def test_unwritable_data_directory_is_one_clear_line(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    env = {"NODEPILOT_DATA_DIR": str(blocker / "data")}
    env_no_url = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | env
    result = subprocess.run(
        [sys.executable, "-m", "nodepilot.cli", "db", "status"],
        capture_output=True,
        text=True,
        env=env_no_url,
        timeout=120,
    )
    _assert_one_line_error(result, "data directory", str(blocker / "data"), "NODEPILOT_DATA_DIR")


def test_server_without_pgvector_is_one_clear_line(db_conn: psycopg.Connection) -> None:
    """A database where the vector extension is not available (its extension path is empty)."""
    empty = Path(tempfile.mkdtemp(prefix="nodepilot-noext-"))  # readable by the server's user
    (empty / "extension").mkdir()
    for p in (empty, empty / "extension"):
        p.chmod(0o755)
    name = f"novec_{uuid.uuid4().hex[:8]}"
    with connect(autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
        admin.execute(f"ALTER DATABASE {name} SET extension_control_path = '{empty}'")
    try:
        params = db_conn.info.get_parameters()
        url = f"postgresql://{params['user']}@/{name}?host={params['host']}"
        result = _nodepilot("db", "migrate", env={"DATABASE_URL": url})
        _assert_one_line_error(result, "no pgvector")
        with psycopg.connect(db_conn.info.dsn.replace("dbname=postgres", f"dbname={name}")) as c:
            assert c.execute("SELECT to_regclass('users')").fetchone()[0] is None
    finally:
        with connect(autocommit=True) as admin:
            admin.execute(f"DROP DATABASE {name} WITH (FORCE)")
        shutil.rmtree(empty, ignore_errors=True)
