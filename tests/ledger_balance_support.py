"""Helpers for the per-user ledger balance tests: a scratch database migrated to a chosen
version (so a test can write history under the old schema and then apply 0010), and the two
ways of reading a balance the tests compare (the kept row and the full ledger sum)."""

from __future__ import annotations

import shutil
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from uuid import UUID

import psycopg

from nodepilot.db import connect, migrate
from nodepilot.db.migrate import MIGRATIONS_DIR


@contextmanager
def scratch_database(owner: psycopg.Connection) -> Iterator[str]:
    """A new empty database on the session server (dropped afterwards); yields its DSN."""
    name = f"ledger_{uuid.uuid4().hex[:10]}"
    with connect(autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    try:
        yield owner.info.dsn.replace("dbname=postgres", f"dbname={name}")
    finally:
        with connect(autocommit=True) as admin:
            admin.execute(f"DROP DATABASE {name} WITH (FORCE)")


def migrate_up_to(conn: psycopg.Connection, last_version: int) -> None:
    """Apply the migrations numbered up to ``last_version`` only (a copy of those files), the
    schema a database had before a later migration shipped."""
    folder = Path(tempfile.mkdtemp(prefix="migrations-"))
    try:
        for path in sorted(MIGRATIONS_DIR.glob("*.sql")):
            if int(path.name[:4]) <= last_version:
                shutil.copy(path, folder / path.name)
        migrate(conn, folder)
        conn.commit()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def new_user(conn: psycopg.Connection) -> UUID:
    """A user row with no ledger rows yet."""
    tag = uuid.uuid4().hex
    return conn.execute(
        "INSERT INTO users (clerk_user_id, email) VALUES (%s, %s) RETURNING id",
        (f"bal:{tag}", f"{tag}@example.com"),
    ).fetchone()[0]


def ledger_sum(conn: psycopg.Connection, user_id: UUID) -> int:
    """The balance by definition: the sum of every ledger row (the old, scanning read)."""
    row = conn.execute(
        "SELECT coalesce(sum(amount), 0) FROM credit_history WHERE user_id = %s", (user_id,)
    ).fetchone()
    return int(row[0])


def kept_balance(conn: psycopg.Connection, user_id: UUID) -> int | None:
    """The per-user balance row the trigger keeps (None: the user has no row)."""
    row = conn.execute(
        "SELECT balance FROM credit_balances WHERE user_id = %s", (user_id,)
    ).fetchone()
    return None if row is None else int(row[0])


def latest_remaining(conn: psycopg.Connection, user_id: UUID) -> int | None:
    """``remaining_balance`` of the user's latest ledger row (rows are stamped in lock order)."""
    row = conn.execute(
        "SELECT remaining_balance FROM credit_history WHERE user_id = %s"
        " ORDER BY created_at DESC, id DESC LIMIT 1",
        (user_id,),
    ).fetchone()
    return None if row is None else int(row[0])
