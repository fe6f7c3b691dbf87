"""The generation cache's writes (``engine.cache``) never make a chat wait for the disk, and
never change the durability of a transaction they join.

The service's pipeline reads and writes through a connection in autocommit mode
(``service.runtime.LeasedConnection``): there a cache write is one statement, its own
transaction, committed without waiting for the WAL flush (derived data). Counted by the server:
the WAL flushes this backend made (``pg_stat_get_backend_io``, reported before the next
statement by ``pg_stat_force_next_flush()``).
"""

from __future__ import annotations

import uuid

import psycopg

from engine import cache
from nodepilot.config import Settings
from nodepilot.db import connect


def _flushes(conn: psycopg.Connection) -> int:
    """WAL flushes this connection's backend has made so far."""
    conn.execute("SELECT pg_stat_force_next_flush()")
    if not conn.autocommit:
        conn.commit()  # idle: the report is made before the COMMIT is answered
    row = conn.execute(
        """SELECT fsyncs FROM pg_stat_get_backend_io(pg_backend_pid())
           WHERE object = 'wal' AND context = 'normal'"""
    ).fetchone()
    if not conn.autocommit:
        conn.commit()
    return int(row[0])


def _store(conn: psycopg.Connection, key: str) -> None:
    cache.store(
        conn,
        key,
        provider="offline",
        model="engine",
        prompt_hash="test",
        request="When a form is sent, post it to Slack",
        context_ids=["a", "b"],
        result={"workflow": {"nodes": []}, "findings": [], "fixes": []},
    )


def test_on_an_autocommit_connection_a_write_waits_for_no_flush(migrated_db: Settings) -> None:
    key = f"test-{uuid.uuid4()}"
    with connect(migrated_db, autocommit=True) as conn:
        before = _flushes(conn)
        _store(conn, key)
        hit = cache.lookup(conn, key)
        assert _flushes(conn) == before
        assert hit == {"workflow": {"nodes": []}, "findings": [], "fixes": []}
        assert cache.lookup(conn, f"missing-{uuid.uuid4()}") is None
        row = conn.execute(
            "SELECT hits, context_ids FROM generation_cache WHERE cache_key = %s", (key,)
        ).fetchone()
        assert row == (1, ["a", "b"])
        # the setting was the statement's own transaction's: the connection's is unchanged
        assert conn.execute("SHOW synchronous_commit").fetchone()[0] == "on"
        # a durable write on the same connection still flushes (the counter can move)
        conn.execute("DELETE FROM generation_cache WHERE cache_key = %s", (key,))
        assert _flushes(conn) == before + 1


def test_in_its_own_transaction_on_a_plain_connection_no_flush(migrated_db: Settings) -> None:
    key = f"test-{uuid.uuid4()}"
    with connect(migrated_db) as conn:
        before = _flushes(conn)
        _store(conn, key)
        assert cache.lookup(conn, key) is not None
        assert _flushes(conn) == before
        conn.execute("DELETE FROM generation_cache WHERE cache_key = %s", (key,))
        conn.commit()


def test_inside_a_callers_transaction_its_durability_is_left_alone(
    migrated_db: Settings,
) -> None:
    key = f"test-{uuid.uuid4()}"
    with connect(migrated_db) as conn:
        conn.execute("SELECT 1")  # the caller's transaction is open
        _store(conn, key)
        assert cache.lookup(conn, key) is not None
        assert conn.execute("SHOW synchronous_commit").fetchone()[0] == "on"
        conn.rollback()  # the caller's decision: the cache rows go with it
        gone = conn.execute("SELECT 1 FROM generation_cache WHERE cache_key = %s", (key,))
        assert gone.fetchone() is None
        conn.rollback()
