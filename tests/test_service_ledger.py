"""The credit ledger against the real database: a property test over random sequences of
grants, refunds, reservations (committed or released) and trial expiry checks the balance
against a model, that it always equals the ledger sum, and that no row is ever negative."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service import ledger

TRIAL = 25

operation = st.one_of(
    st.tuples(st.just("grant"), st.integers(1, 40)),
    st.tuples(st.just("debit"), st.integers(1, 40)),
    st.tuples(st.just("charge"), st.just(1)),
    st.tuples(st.just("abandon"), st.just(1)),
    st.tuples(st.just("expire"), st.just(0)),
    st.tuples(st.just("replay"), st.integers(0, 3)),
)


def new_user(conn) -> uuid.UUID:
    user_id = conn.execute(
        "INSERT INTO users (clerk_user_id, email) VALUES (%s, %s) RETURNING id",
        (f"prop:{uuid.uuid4()}", f"{uuid.uuid4().hex}@example.com"),
    ).fetchone()[0]
    ledger.grant(
        conn, user_id, TRIAL, "trial", "trial", cause="trial", expires_in=timedelta(days=7)
    )
    conn.commit()
    return user_id


class Model:
    """What the balance should be: generations spend the trial credits first (a refund takes
    back bought credits, not the trial's); at expiry what is left of the trial (never more
    than the balance) goes."""

    def __init__(self) -> None:
        self.balance, self.spent, self.expired = TRIAL, 0, False
        self.causes: set[int] = set()

    def debit(self, amount: int, spending: bool = True) -> int:
        taken = min(amount, self.balance)
        self.balance -= taken
        self.spent += taken if spending else 0
        return taken

    def expire(self) -> None:
        if not self.expired:
            self.balance -= min(max(0, TRIAL - self.spent), self.balance)
            self.expired = True


def apply(conn, user_id: uuid.UUID, model: Model, kind: str, amount: int) -> None:
    if kind == "grant":
        ledger.grant(conn, user_id, amount, "purchase", "bought")
        model.balance += amount
    elif kind == "replay":  # the same webhook event delivered again is a no-op
        before = ledger.balance(conn, user_id)
        after = ledger.grant(conn, user_id, 10, "purchase", "event", cause=f"evt_{amount}")
        if amount not in model.causes:
            model.causes.add(amount)
            model.balance += 10
            assert after == before + 10
        else:
            assert after == before
    elif kind == "debit":
        taken, short = ledger.debit_up_to(conn, user_id, amount, "refund", "refund")
        assert (taken, short) == (model.debit(amount, spending=False), amount - taken)
    elif kind in ("charge", "abandon"):
        held = ledger.reserve(conn, user_id)
        assert (held is not None) == (model.balance >= 1)
        if held is not None and kind == "charge":
            assert ledger.commit(conn, user_id, held, "generation") == model.balance - 1
            model.debit(1)
        elif held is not None:
            ledger.release(conn, held)
    else:
        conn.execute(
            "UPDATE credit_history SET expires_at = now() - interval '1 second'"
            " WHERE user_id = %s AND transaction_type = 'trial'",
            (user_id,),
        )
        model.expire()
    conn.commit()


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ops=st.lists(operation, max_size=25))
def test_ledger_matches_the_model_and_its_rows(db_conn, ops) -> None:
    user_id = new_user(db_conn)
    model = Model()
    for kind, amount in ops:
        apply(db_conn, user_id, model, kind, amount)
        assert ledger.balance(db_conn, user_id) == model.balance, ops
    rows = db_conn.execute(
        "SELECT amount, remaining_balance FROM credit_history WHERE user_id = %s"
        " ORDER BY created_at",
        (user_id,),
    ).fetchall()
    assert sum(a for a, _ in rows) == model.balance
    assert all(r >= 0 for _, r in rows)
    assert rows[-1][1] == model.balance  # the latest row holds the balance
    held = db_conn.execute(
        "SELECT count(*) FROM credit_reservations WHERE user_id = %s", (user_id,)
    ).fetchone()[0]
    assert held == 0
    db_conn.commit()


def test_trial_expiry_keeps_bought_credits(db_conn) -> None:
    user_id = new_user(db_conn)
    for _ in range(3):
        ledger.commit(db_conn, user_id, ledger.reserve(db_conn, user_id), "generation")
    ledger.grant(db_conn, user_id, 100, "purchase", "100 credits", cause="evt_1")
    db_conn.execute(
        "UPDATE credit_history SET expires_at = now() - interval '1 second'"
        " WHERE user_id = %s AND transaction_type = 'trial'",
        (user_id,),
    )
    assert ledger.balance(db_conn, user_id) == 100
    assert ledger.balance(db_conn, user_id) == 100  # expired once only
    expiry = db_conn.execute(
        "SELECT amount, remaining_balance FROM credit_history"
        " WHERE user_id = %s AND transaction_type = 'expiry'",
        (user_id,),
    ).fetchall()
    assert expiry == [(-22, 100)]
    db_conn.commit()


def test_grants_must_be_positive(db_conn) -> None:
    user_id = new_user(db_conn)
    with pytest.raises(ValueError):
        ledger.grant(db_conn, user_id, 0, "purchase", "nothing")
    with pytest.raises(ValueError):
        ledger.debit_up_to(db_conn, user_id, -1, "refund", "negative")
    db_conn.rollback()
