"""Versioned SQL migrations, applied in order and recorded in ``schema_migrations``.

Each file ``NNNN_name.sql`` in ``migrations/`` runs in its own transaction under an advisory
lock, so concurrent ``migrate`` calls apply each migration exactly once, and a failure leaves the
database at the last complete migration. A recorded migration whose file changed afterwards is
an error: history is append-only.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import psycopg

from nodepilot.errors import UserError

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")
_LOCK_KEY = 0x6E6F6465  # "node": one advisory lock id for every NodePilot migration run


@dataclass(frozen=True)
class Migration:
    """One migration file."""

    version: int
    name: str
    sql: str

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.sql.encode()).hexdigest()


def load_migrations(directory: Path = MIGRATIONS_DIR) -> list[Migration]:
    """All migration files in version order; gaps, duplicates and stray names are errors."""
    found: list[Migration] = []
    for path in sorted(directory.glob("*.sql")):
        match = _NAME.match(path.name)
        if not match:
            raise UserError(f"migration file {path} is not named NNNN_name.sql")
        found.append(Migration(int(match.group(1)), match.group(2), path.read_text()))
    for expected, migration in enumerate(found, start=1):
        if migration.version != expected:
            raise UserError(
                f"migration {migration.version:04d}_{migration.name} is out of sequence"
            )
    return found


def _ensure_table(conn: psycopg.Connection) -> None:
    conn.execute(
        """CREATE TABLE IF NOT EXISTS schema_migrations (
               version    integer PRIMARY KEY,
               name       text NOT NULL,
               checksum   text NOT NULL,
               applied_at timestamptz NOT NULL DEFAULT now())"""
    )


def applied_migrations(conn: psycopg.Connection) -> dict[int, tuple[str, str]]:
    """version -> (name, checksum) of the recorded migrations (empty before the first run)."""
    exists = conn.execute("SELECT to_regclass('schema_migrations') IS NOT NULL").fetchone()
    if not exists or not exists[0]:
        return {}
    rows = conn.execute("SELECT version, name, checksum FROM schema_migrations").fetchall()
    return {version: (name, checksum) for version, name, checksum in rows}


def migrate(conn: psycopg.Connection, directory: Path = MIGRATIONS_DIR) -> list[Migration]:
    """Apply the pending migrations; returns those applied now (empty when up to date)."""
    migrations = load_migrations(directory)
    applied_now: list[Migration] = []
    for migration in migrations:
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK_KEY,))
            _ensure_table(conn)
            recorded = applied_migrations(conn).get(migration.version)
            if recorded is not None:
                if recorded[1] != migration.checksum:
                    raise UserError(
                        f"migration {migration.version:04d}_{migration.name} was changed after it "
                        "was applied",
                        hint="add a new migration instead of editing an applied one",
                    )
                continue
            try:
                conn.execute(migration.sql)
            except psycopg.Error as exc:
                raise UserError(
                    f"migration {migration.version:04d}_{migration.name} failed: "
                    f"{str(exc).strip().splitlines()[0]}"
                ) from None
            conn.execute(
                "INSERT INTO schema_migrations (version, name, checksum) VALUES (%s, %s, %s)",
                (migration.version, migration.name, migration.checksum),
            )
            applied_now.append(migration)
    return applied_now
