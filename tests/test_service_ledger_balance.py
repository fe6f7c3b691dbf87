"""The per-user balance row (0010_ledger_balance.sql) against the real database: it equals the
full ledger sum after any random sequence of grants, replays, holds, charges, refunds and trial
expiries; concurrent charges still never overspend; a database with existing history keeps its
balances through the migration; row-level security lets a user read only their own row and
write it only through ledger rows."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import psycopg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ledger_balance_support import (
    kept_balance,
    latest_remaining,
    ledger_sum,
    migrate_up_to,
    new_user,
    scratch_database,
)

from nodepilot.db import app_connection, connect, migrate
from service import ledger

operation = st.one_of(
    st.tuples(st.just("grant"), st.integers(1, 30)),
    st.tuples(st.just("replay"), st.integers(0, 2)),
    st.tuples(st.just("refund"), st.integers(1, 30)),
    st.tuples(st.just("charge"), st.just(1)),
    st.tuples(st.just("abandon"), st.just(1)),
    st.tuples(st.just("batched"), st.just(1)),
    st.tuples(st.just("expire"), st.just(0)),
)


def run(conn: psycopg.Connection, user_id: uuid.UUID, kind: str, amount: int) -> None:
    """One ledger operation through the public API, committed (a refused batch rolled back)."""
    if kind == "grant":
        ledger.grant(conn, user_id, amount, "purchase", "bought")
    elif kind == "replay":
        ledger.grant(conn, user_id, 10, "purchase", "event", cause=f"evt_{amount}")
    elif kind == "refund":
        ledger.debit_up_to(conn, user_id, amount, "refund", "refund")
    elif kind in ("charge", "abandon"):
        held = ledger.reserve(conn, user_id)
        if held is not None and kind == "charge":
            ledger.commit(conn, user_id, held, "generation")
        elif held is not None:
            ledger.release(conn, held)
    elif kind == "batched":  # the chat's one-trip charge: aborts when the balance is short
        try:
            with conn.transaction():
                ledger.send_commit(conn, user_id, uuid.uuid4(), "generation").fetchone()
        except psycopg.errors.CheckViolation as error:
            assert ledger.is_uncovered(error)
    else:
        conn.execute(
            "UPDATE credit_history SET expires_at = now() - interval '1 second'"
            " WHERE user_id = %s AND transaction_type = 'trial'",
            (user_id,),
        )
    conn.commit()


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ops=st.lists(operation, max_size=25))
def test_kept_balance_equals_the_full_sum(db_conn, ops) -> None:
    user_id = new_user(db_conn)
    ledger.grant(
        db_conn, user_id, 25, "trial", "trial", cause="trial", expires_in=timedelta(days=7)
    )
    db_conn.commit()
    for kind, amount in ops:
        run(db_conn, user_id, kind, amount)
        shown = ledger.balance(db_conn, user_id)  # lets a lapsed trial expire first
        db_conn.commit()
        full = ledger_sum(db_conn, user_id)
        assert shown == full == kept_balance(db_conn, user_id), ops
        assert latest_remaining(db_conn, user_id) == full, ops
    db_conn.commit()


def _spend_all(user_id: uuid.UUID, attempts: int) -> int:
    """``attempts`` hold-then-charge requests on a connection of their own: how many charged."""
    charged = 0
    with connect() as conn:
        for _ in range(attempts):
            held = ledger.reserve(conn, user_id)
            if held is not None:
                ledger.commit(conn, user_id, held, "generation")
                charged += 1
    return charged


def test_concurrent_charges_never_overspend(db_conn) -> None:
    user_id = new_user(db_conn)
    ledger.grant(db_conn, user_id, 40, "purchase", "forty")
    db_conn.commit()
    with ThreadPoolExecutor(max_workers=6) as pool:
        charged = sum(pool.map(_spend_all, [user_id] * 6, [15] * 6))
    assert charged == 40
    assert kept_balance(db_conn, user_id) == ledger_sum(db_conn, user_id) == 0
    rows = db_conn.execute(
        "SELECT amount, remaining_balance FROM credit_history WHERE user_id = %s"
        " ORDER BY created_at, id",
        (user_id,),
    ).fetchall()
    before = 0
    for amount, remaining in rows:  # each row's balance follows from the one before
        assert remaining == before + amount >= 0
        before = remaining
    db_conn.commit()


HISTORIES = {
    "none": [],
    "trial_and_use": [
        (25, "trial", 25, "7 days"),
        (-1, "generation", 24, None),
        (-1, "generation", 23, None),
        (100, "purchase", 123, None),
        (-20, "refund", 103, None),
    ],
    "expired": [
        (25, "trial", 25, "-1 day"),
        (-3, "generation", 22, None),
        (-22, "expiry", 0, None),
        (8, "grant", 8, None),
    ],
    # rows written by hand whose remaining_balance disagrees with the sum: the sum wins
    "hand_written": [(-1, "generation", 9, None)],
    "long": [(1, "grant", n, None) for n in range(1, 1501)],
}


def _write_history(conn: psycopg.Connection, rows: list) -> uuid.UUID:
    """A user whose ledger rows are written as SQL, the way a 0009 database could hold them
    (no ledger code: it reads the balance row, which 0009 has not got)."""
    user_id = new_user(conn)
    for n, (amount, kind, remaining, expires) in enumerate(rows):
        conn.execute(
            """INSERT INTO credit_history (user_id, amount, transaction_type, remaining_balance,
                   expires_at, cause, created_at)
               VALUES (%s, %s, %s, %s, now() + %s::interval, %s,
                       now() - interval '1 day' + %s * interval '1 ms')""",
            (
                user_id,
                amount,
                kind,
                remaining,
                expires,
                f"expiry:{n}" if kind == "expiry" else None,
                n,
            ),
        )
    return user_id


def test_existing_history_keeps_its_balances_through_the_migration(db_conn) -> None:
    with scratch_database(db_conn) as dsn, psycopg.connect(dsn) as conn:
        migrate_up_to(conn, 9)
        users = {name: _write_history(conn, rows) for name, rows in HISTORIES.items()}
        conn.commit()
        before = {name: ledger_sum(conn, user) for name, user in users.items()}
        migrate(conn)
        conn.commit()
        for name, user in users.items():
            assert kept_balance(conn, user) == (before[name] if HISTORIES[name] else None)
            assert ledger_sum(conn, user) == before[name], name
        assert before["long"] == 1500 and before["hand_written"] == -1
        # and the ledger goes on from there
        held = ledger.reserve(conn, users["long"])
        assert ledger.commit(conn, users["long"], held, "generation") == 1499
        assert ledger.grant(conn, users["none"], 5, "grant", "first") == 5
        conn.commit()
        assert kept_balance(conn, users["long"]) == ledger_sum(conn, users["long"]) == 1499


def test_deleted_and_corrected_rows_move_the_balance(db_conn) -> None:
    user_id = new_user(db_conn)
    ledger.grant(db_conn, user_id, 7, "purchase", "seven")
    ledger.grant(db_conn, user_id, 3, "purchase", "three", cause="evt_three")
    db_conn.execute(
        "UPDATE credit_history SET amount = 4 WHERE user_id = %s AND cause = 'evt_three'",
        (user_id,),
    )
    assert kept_balance(db_conn, user_id) == ledger_sum(db_conn, user_id) == 11
    db_conn.execute("DELETE FROM credit_history WHERE user_id = %s AND cause IS NULL", (user_id,))
    assert kept_balance(db_conn, user_id) == ledger_sum(db_conn, user_id) == 4
    db_conn.execute("DELETE FROM users WHERE id = %s", (user_id,))
    assert kept_balance(db_conn, user_id) is None
    db_conn.rollback()


def test_a_user_reads_only_their_balance_and_cannot_write_it(db_conn) -> None:
    mine, theirs = new_user(db_conn), new_user(db_conn)
    ledger.grant(db_conn, mine, 3, "purchase", "three")
    ledger.grant(db_conn, theirs, 9, "purchase", "nine")
    db_conn.commit()
    with app_connection(str(mine), conn=db_conn) as conn:
        assert conn.execute("SELECT user_id FROM credit_balances").fetchall() == [(mine,)]
        due, held = ledger.send_reserve_current(conn).fetchone()
        assert held is not None and not due
        assert ledger.commit(conn, mine, held, "generation") == 2  # through the trigger
    assert kept_balance(db_conn, mine) == 2 and kept_balance(db_conn, theirs) == 9
    db_conn.commit()
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        with app_connection(str(mine), conn=db_conn) as conn:
            conn.execute("UPDATE credit_balances SET balance = 1000")
    db_conn.rollback()
    assert kept_balance(db_conn, mine) == 2
    db_conn.commit()
