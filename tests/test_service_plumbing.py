"""The service's worker plumbing against the real PostgreSQL: one-round-trip transactions
(``service.onetrip``) commit all or nothing and apply row-level security; a debit the balance
does not cover aborts the batch it travels in; the pool hands out its most recently returned
connection; a leased connection is in autocommit mode only while leased; a worker warms the
engine up, starts its threads, freezes its heap once and has a health check ready before its
first request."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
import pytest

from nodepilot.config import Settings
from service import ledger
from service.onetrip import one_trip
from service.runtime import OFFLINE_SLOTS, SIGN_IN_SLOTS, Runtime


def _user(conn: psycopg.Connection, credits: int = 0) -> uuid.UUID:
    user_id = conn.execute(
        "INSERT INTO users (clerk_user_id, email) VALUES (%s, %s) RETURNING id",
        (f"trip:{uuid.uuid4()}", f"{uuid.uuid4().hex}@example.com"),
    ).fetchone()[0]
    if credits:
        ledger.grant(conn, user_id, credits, "adjustment", "test")
    conn.commit()
    return user_id


def _conversations(conn: psycopg.Connection, user_id: uuid.UUID) -> int:
    sql = "SELECT count(*) FROM conversations WHERE user_id = %s"
    return conn.execute(sql, (user_id,)).fetchone()[0]


def _idle_and_restored(conn: psycopg.Connection) -> bool:
    idle = conn.info.transaction_status == psycopg.pq.TransactionStatus.IDLE
    return idle and conn.autocommit is False


def test_one_trip_commits_and_applies_row_level_security(db_conn) -> None:
    mine, other = _user(db_conn), _user(db_conn)
    db_conn.execute("INSERT INTO conversations (user_id, title) VALUES (%s, 'x')", (other,))
    db_conn.commit()
    with one_trip(db_conn, str(mine)) as tx:
        tx.execute("INSERT INTO conversations (user_id, title) VALUES (%s, 'mine')", (mine,))
        seen = tx.execute("SELECT user_id FROM conversations")  # no WHERE: the policy's rows
        role = tx.execute("SELECT current_user")
    assert {row[0] for row in seen.fetchall()} == {mine}
    assert role.fetchone()[0] == "nodepilot_app"
    assert _idle_and_restored(db_conn)
    assert db_conn.execute("SELECT current_user").fetchone()[0] != "nodepilot_app"
    assert _conversations(db_conn, mine) == 1


def test_one_trip_failing_statement_commits_nothing(db_conn) -> None:
    user_id = _user(db_conn)
    with pytest.raises(psycopg.errors.UniqueViolation):
        with one_trip(db_conn, str(user_id)) as tx:
            conv = uuid.uuid4()
            sql = "INSERT INTO conversations (id, user_id, title) VALUES (%s, %s, 't')"
            tx.execute(sql, (conv, user_id))
            tx.execute(sql, (conv, user_id))
    assert _idle_and_restored(db_conn)
    assert _conversations(db_conn, user_id) == 0


def test_one_trip_exception_in_block_commits_nothing(db_conn) -> None:
    user_id = _user(db_conn)
    with pytest.raises(LookupError):
        with one_trip(db_conn, str(user_id)) as tx:
            tx.execute("INSERT INTO conversations (user_id, title) VALUES (%s, 't')", (user_id,))
            raise LookupError("the caller changed its mind")
    assert _idle_and_restored(db_conn)
    assert _conversations(db_conn, user_id) == 0


def test_uncovered_debit_aborts_its_batch(db_conn) -> None:
    user_id = _user(db_conn, credits=1)
    held = ledger.reserve(db_conn, user_id)
    db_conn.commit()
    ledger.debit_up_to(db_conn, user_id, 1, "adjustment", "spent elsewhere")
    db_conn.commit()
    with pytest.raises(psycopg.errors.CheckViolation) as caught:
        with one_trip(db_conn, str(user_id)) as tx:
            tx.execute("INSERT INTO conversations (user_id, title) VALUES (%s, 't')", (user_id,))
            ledger.send_commit(tx, user_id, held, "chat")
    assert ledger.is_uncovered(caught.value)
    assert _conversations(db_conn, user_id) == 0
    assert ledger.balance(db_conn, user_id) == 0
    db_conn.rollback()


def test_covered_debit_in_one_trip_returns_the_balance_left(db_conn) -> None:
    user_id = _user(db_conn, credits=3)
    with one_trip(db_conn, str(user_id), durable=False) as tx:
        held = ledger.send_reserve(tx, user_id)
    due, reservation = held.fetchone()
    assert not due and reservation is not None
    with one_trip(db_conn, str(user_id)) as tx:
        charged = ledger.send_commit(tx, user_id, reservation, "chat")
    assert charged.fetchone()[0] == 2
    assert ledger.balance(db_conn, user_id) == 2
    db_conn.rollback()


def _held(conn: psycopg.Connection, user_id: uuid.UUID) -> int:
    sql = "SELECT count(*) FROM credit_reservations WHERE user_id = %s"
    count = conn.execute(sql, (user_id,)).fetchone()[0]
    conn.rollback()  # leave no transaction open
    return count


def test_hold_queued_behind_the_sign_in_is_the_found_users_only(db_conn) -> None:
    """``lookup_and_hit(then=...)``: the queued hold runs as the user the count found, within
    the limit; for an unknown user or one over the limit nothing is held (or counted for the
    unknown one)."""
    from service import ratelimit
    from service.auth import users

    rich, limited = _user(db_conn, credits=3), _user(db_conn, credits=3)
    external = dict(db_conn.execute(
        "SELECT id, clerk_user_id FROM users WHERE id IN (%s, %s)", (rich, limited)
    ).fetchall())  # fmt: skip
    db_conn.commit()

    def sign_in(external_id: str, limit: int) -> tuple:
        params = {"external_id": external_id}
        with ratelimit.autocommit(db_conn):
            return ratelimit.lookup_and_hit(
                db_conn, users.LOOKUP, params, limit, ledger.send_reserve_current
            )

    row, decision, queued = sign_in(external[rich], 100)
    assert row[0] == rich and decision.allowed
    assert queued.fetchone()[1] is not None and _held(db_conn, rich) == 1
    assert sign_in("nobody-" + uuid.uuid4().hex, 100) == (None, None, None)
    sign_in(external[limited], 1)
    row, decision, queued = sign_in(external[limited], 1)  # the second in the minute
    assert row[0] == limited and not decision.allowed
    assert queued.fetchone() == (False, None) and _held(db_conn, limited) == 1
    assert _idle_and_restored(db_conn)
    db_conn.rollback()


@contextmanager
def _runtime(settings: Settings, monkeypatch, pool_size: int) -> Iterator[Runtime]:  # noqa: ANN001
    monkeypatch.setenv("NODEPILOT_SERVICE_POOL_SIZE", str(pool_size))
    runtime = Runtime(settings)
    runtime.open()
    try:
        runtime.pool.wait()
        yield runtime
    finally:
        runtime.close()


def test_pool_hands_out_the_most_recent_connection(migrated_db: Settings, monkeypatch) -> None:
    with _runtime(migrated_db, monkeypatch, 4) as runtime:
        pids = []
        for _ in range(6):  # one at a time: always the connection given back last
            with runtime.connection() as conn:
                pids.append(conn.info.backend_pid)
        assert len(set(pids)) == 1
        with runtime.connection() as first, runtime.connection() as second:
            assert first.info.backend_pid != second.info.backend_pid


def test_lease_is_autocommit_only_while_leased(migrated_db: Settings, monkeypatch) -> None:
    with _runtime(migrated_db, monkeypatch, 2) as runtime:
        lease = runtime.lease()
        assert lease.execute("SELECT 1").fetchone()[0] == 1
        assert lease.autocommit is True
        assert lease.info.transaction_status == psycopg.pq.TransactionStatus.IDLE
        lease.execute("BEGIN")  # a transaction its user opened and left: rolled back
        lease.execute("CREATE TEMP TABLE left_open (x int)")
        lease.give_back(RuntimeError("the run failed"))
        with runtime.connection() as conn:  # the same connection (most recent), pooled mode
            assert conn.autocommit is False
            found = conn.execute("SELECT to_regclass('pg_temp.left_open')").fetchone()[0]
            assert found is None


def test_heap_settled_once_after_the_first_generation(migrated_db: Settings) -> None:
    import gc

    runtime = Runtime(migrated_db)
    before = gc.get_freeze_count()
    try:
        runtime.settle_heap()
        frozen = gc.get_freeze_count()
        assert frozen > before
        gc.unfreeze()
        runtime.settle_heap()  # once per process: not again
        assert gc.get_freeze_count() == 0
    finally:
        gc.unfreeze()


def test_worker_is_warm_and_settled_before_its_first_request(indexed: Settings) -> None:
    import gc

    from service_support import service_client

    try:
        with service_client(indexed) as client:
            runtime = client.app.state.runtime
            assert runtime.heap_settled
            assert gc.get_freeze_count() > 0
            assert runtime.health["doc"].status == "ok"  # checked before any probe
            names = [t.name for t in threading.enumerate()]
            assert sum(n.startswith("gen-sign-in") for n in names) == SIGN_IN_SLOTS
            assert sum(n.startswith("gen-offline") for n in names) == OFFLINE_SLOTS
            assert client.get("/api/health").status_code == 200
    finally:
        gc.unfreeze()
