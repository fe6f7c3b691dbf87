"""Connections to NodePilot's PostgreSQL: owner connections for migrations and indexing, and
application connections that run as the non-owner role under row-level security.

Connection failures become one-line ``UserError``s that name the server and the fix.
"""

from __future__ import annotations

import contextlib
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import psycopg
from psycopg.conninfo import conninfo_to_dict

from nodepilot.config import Settings, get_settings
from nodepilot.db.embedded import ensure_embedded
from nodepilot.errors import UserError

if TYPE_CHECKING:
    from psycopg_pool import ConnectionPool

#: The non-owner role the service uses; policies in the migrations are written for it.
APP_ROLE = "nodepilot_app"

_pools: dict[str, ConnectionPool] = {}
_pools_lock = threading.Lock()


def database_url(settings: Settings | None = None) -> str:
    """``DATABASE_URL`` when set, else the embedded server's URL (starting it if needed)."""
    settings = settings or get_settings()
    if settings.database_url is not None:
        url = settings.database_url.get_secret_value().strip()
        if not url.startswith(("postgresql://", "postgres://")) and "=" not in url:
            scheme = url.partition("://")[0] if "://" in url else ""
            raise UserError(
                "DATABASE_URL is not a PostgreSQL URL"
                + (f" (its scheme is {scheme!r})" if scheme.isalnum() else ""),
                hint="use postgresql://user:password@host:5432/dbname",
            )
        return url
    return ensure_embedded(settings.pgdata_dir).url


def _describe(url: str) -> str:
    """Host, port and database of ``url``, never its credentials ("the configured server"
    when the URL does not parse far enough to tell)."""
    try:
        parts = urlsplit(url)
        query = dict(p.split("=", 1) for p in parts.query.split("&") if "=" in p)
        host = parts.hostname or query.get("host", "localhost")
        port = f":{parts.port}" if parts.port else ""
    except ValueError:  # a broken IPv6 host or a port that is not a number
        return "the configured server"
    return f"{host}{port}{parts.path or ''}"


def _secrets_of(url: str) -> list[str]:
    """The password(s) in ``url``, as far as it parses (URL userinfo or ``password=``)."""
    found = []
    with contextlib.suppress(ValueError):
        found.append(urlsplit(url).password or "")
    with contextlib.suppress(psycopg.ProgrammingError):
        found.append(conninfo_to_dict(url).get("password") or "")
    found += re.findall(r"password\s*=\s*'?([^'\s]*)", url)
    found += re.findall(r"[^/@:]*:([^@]*)@", url.split("://", 1)[-1])
    return [s for s in found if s]


def _redacted(message: str, url: str) -> str:
    """A driver's message about ``url`` without its credentials: quoted fragments that hold
    a password or user info become "…", and any password left is masked.

    Why: the driver quotes the connection string it could not parse, password included, and
    this message reaches stderr and the service log."""
    secrets = _secrets_of(url)

    def quoted(match: re.Match[str]) -> str:
        inner = match.group(1)
        secret = "@" in inner or "password" in inner or any(s in inner for s in secrets)
        return '"…"' if secret else match.group(0)

    message = re.sub(r'"([^"]*)"', quoted, message)
    for secret in secrets:
        message = message.replace(secret, "***")
    return message


def connect(
    settings: Settings | None = None, *, autocommit: bool = False, check_vector: bool = False
) -> psycopg.Connection:
    """Open an owner connection. With ``check_vector``, fail clearly when pgvector is missing."""
    url = database_url(settings)
    try:
        conn = psycopg.connect(url, autocommit=autocommit, connect_timeout=10)
    except psycopg.OperationalError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise UserError(
            f"cannot connect to PostgreSQL at {_describe(url)}: {_redacted(first, url)}",
            hint="check DATABASE_URL (or unset it to use the embedded server)",
        ) from None
    except psycopg.ProgrammingError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise UserError(
            f"DATABASE_URL is malformed: {_redacted(first, url)}",
            hint="use postgresql://user:password@host:5432/dbname",
        ) from None
    if check_vector:
        ensure_pgvector(conn, url)
    return conn


def ensure_pgvector(conn: psycopg.Connection, url: str = "") -> str:
    """Return the available pgvector version, or raise a UserError saying how to get it."""
    row = conn.execute(
        "SELECT coalesce(installed_version, default_version) FROM pg_available_extensions "
        "WHERE name = 'vector'"
    ).fetchone()
    if not conn.autocommit:
        conn.rollback()
    if row is None:
        where = f" at {_describe(url)}" if url else ""
        raise UserError(
            f"the PostgreSQL server{where} has no pgvector extension",
            hint="install pgvector on that server (e.g. the postgresql-NN-pgvector package), "
            "or unset DATABASE_URL to use the embedded server",
        )
    return str(row[0])


def get_pool(
    settings: Settings | None = None, *, min_size: int = 1, max_size: int = 8
) -> ConnectionPool:
    """A process-wide connection pool for the configured database (created on first use)."""
    from psycopg_pool import ConnectionPool

    url = database_url(settings)
    with _pools_lock:
        pool = _pools.get(url)
        if pool is None:
            pool = ConnectionPool(url, min_size=min_size, max_size=max_size, open=True)
            _pools[url] = pool
        return pool


def close_pools() -> None:
    """Close every pool this process opened (tests and shutdown hooks)."""
    with _pools_lock:
        for pool in _pools.values():
            pool.close()
        _pools.clear()


@contextmanager
def app_connection(
    user_id: str | None, conn: psycopg.Connection | None = None, settings: Settings | None = None
) -> Iterator[psycopg.Connection]:
    """A transaction running as the application role with ``app.user_id`` set.

    Everything inside sees and may change only that user's rows in the row-level-secured tables.
    The role switch and the user setting are both transaction-local (``SET LOCAL`` /
    ``set_config(..., true)``), so a pooled connection returns to the pool clean.
    """
    owned = conn is None
    if conn is None:
        conn = connect(settings)
    elif conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
        # Inside an open transaction SET LOCAL would outlive this block and leak the role.
        raise RuntimeError("app_connection needs a connection with no open transaction")
    try:
        with conn.transaction():
            conn.execute(f"SET LOCAL ROLE {APP_ROLE}")
            conn.execute("SELECT set_config('app.user_id', %s, true)", (user_id or "",))
            yield conn
    finally:
        if owned:
            conn.close()


def open_database(settings: Settings | None = None) -> psycopg.Connection:
    """An owner connection to a database that has pgvector and every migration applied.

    Commands that read or write data call this, so a fresh machine needs no separate
    ``db migrate`` step; applying migrations is a no-op read when they are current.
    """
    from nodepilot.db.migrate import migrate

    conn = connect(settings, check_vector=True)
    try:
        migrate(conn)
    except BaseException:
        conn.close()
        raise
    return conn
