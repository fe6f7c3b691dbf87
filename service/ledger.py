"""The credit ledger: every change is one ``credit_history`` row holding the balance after it.

The balance is what the rows sum to. Reading that sum must not cost a scan of a heavy user's
whole history on every chat, so ``credit_balances`` holds it per user, kept equal to the sum
by a trigger on ``credit_history`` in the writer's own transaction (0010_ledger_balance.sql):
one primary-key read, whatever the history's length. Every change takes a per-user
transaction-level advisory lock first, so concurrent requests of one user (in any worker) queue
for a few microseconds instead of overspending. Chat charging is reserve -> run -> commit (one
debit row) or release (no row): a request that fails is never charged.

Expiring grants (the trial) lapse when the balance is next read or changed: one ``expiry`` row
removes what is left of them, spending having used the earliest-expiring credits first.
"""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from datetime import timedelta
from uuid import UUID

import psycopg

GENERATION = "generation"


def _transaction(conn: psycopg.Connection) -> AbstractContextManager[object]:
    """A transaction when none is open; inside the caller's (the usual case: a request's
    row-level-secured transaction) no savepoint, which would cost two round trips."""
    if conn.info.transaction_status == psycopg.pq.TransactionStatus.IDLE:
        return conn.transaction()
    return nullcontext()


def credit_lock(user_sql: str) -> str:
    """The SQL taking the ledger lock of the user ``user_sql`` (an SQL expression of their id)
    names: a per-user transaction-level advisory lock. A NULL id takes no lock. For a batch
    that takes it inside a statement it has to send anyway (the transaction's settings, the
    sign-in's count), instead of a statement of its own: see ``service.onetrip``."""
    return f"pg_advisory_xact_lock(hashtextextended('credits:' || ({user_sql})::text, 0))"


def _lock(conn: psycopg.Connection, user_id: UUID) -> None:
    conn.execute(f"SELECT {credit_lock('%s::uuid')}", (user_id,))


#: the ledger sum of user {u}: one primary-key read of the row the trigger keeps equal to it
#: (a user without ledger rows has none: 0)
_BALANCE_SQL = "coalesce((SELECT balance FROM credit_balances WHERE user_id = {u}), 0)"


def _sum(conn: psycopg.Connection, user_id: UUID) -> int:
    """The ledger sum, in O(1): read it under the user's lock to act on it."""
    row = conn.execute("SELECT " + _BALANCE_SQL.format(u="%s"), (user_id,)).fetchone()
    return int(row[0])


def _expire_lapsed(conn: psycopg.Connection, user_id: UUID) -> None:
    """Write the expiry row of each lapsed grant that has none yet (caller holds the lock)."""
    grants = conn.execute(
        """SELECT g.id, g.amount, g.expires_at <= now() AS lapsed,
                  EXISTS (SELECT 1 FROM credit_history e
                          WHERE e.user_id = g.user_id AND e.cause = 'expiry:' || g.id) AS done
           FROM credit_history g
           WHERE g.user_id = %s AND g.expires_at IS NOT NULL AND g.amount > 0
           ORDER BY g.expires_at, g.created_at""",
        (user_id,),
    ).fetchall()
    if not any(lapsed and not done for _, _, lapsed, done in grants):
        return
    spent = -int(
        conn.execute(
            """SELECT coalesce(sum(amount), 0) FROM credit_history
               WHERE user_id = %s AND amount < 0
                 AND transaction_type NOT IN ('expiry', 'refund')""",
            (user_id,),
        ).fetchone()[0]
    )
    for grant_id, amount, lapsed, done in grants:
        # spending uses the earliest-expiring credits first; a refund takes back the refunded
        # purchase's own credits, never the trial's, so it does not count as spending here
        used = min(amount, spent)
        spent -= used
        if lapsed and not done:
            balance = _sum(conn, user_id)
            lost = max(0, min(amount - used, balance))
            _insert(
                conn,
                user_id,
                -lost,
                "expiry",
                "Unused trial credits expired",
                f"expiry:{grant_id}",
                balance - lost,
            )


def _insert(
    conn: psycopg.Connection,
    user_id: UUID,
    amount: int,
    kind: str,
    description: str,
    cause: str | None,
    remaining: int,
    expires_in: timedelta | None = None,
    generation_id: UUID | None = None,
) -> None:
    # clock_timestamp(), not now(): rows are stamped in lock order, so the history read by
    # time shows each remaining_balance following from the one before
    conn.execute(
        """INSERT INTO credit_history (user_id, amount, transaction_type, description, cause,
                                       remaining_balance, expires_at, workflow_generation_id,
                                       created_at)
           VALUES (%s, %s, %s, %s, %s, %s, now() + %s, %s, clock_timestamp())""",
        (user_id, amount, kind, description, cause, remaining, expires_in, generation_id),
    )


def _locked_balance(conn: psycopg.Connection, user_id: UUID) -> int:
    """Take the user's ledger lock, let lapsed grants expire, and return the balance."""
    _lock(conn, user_id)
    _expire_lapsed(conn, user_id)
    return _sum(conn, user_id)


def balance(conn: psycopg.Connection, user_id: UUID) -> int:
    """The user's balance (after letting lapsed grants expire)."""
    with _transaction(conn):
        return _locked_balance(conn, user_id)


def _seen(conn: psycopg.Connection, user_id: UUID, cause: str | None) -> bool:
    if cause is None:
        return False
    row = conn.execute(
        "SELECT 1 FROM credit_history WHERE user_id = %s AND cause = %s", (user_id, cause)
    ).fetchone()
    return row is not None


def grant(
    conn: psycopg.Connection,
    user_id: UUID,
    amount: int,
    kind: str,
    description: str,
    cause: str | None = None,
    expires_in: timedelta | None = None,
) -> int:
    """Add ``amount`` credits; returns the new balance. A repeated ``cause`` is a no-op."""
    if amount <= 0:
        raise ValueError("a grant adds a positive amount")
    with _transaction(conn):
        current = _locked_balance(conn, user_id)
        if _seen(conn, user_id, cause):
            return current
        _insert(conn, user_id, amount, kind, description, cause, current + amount, expires_in)
        return current + amount


def debit_up_to(
    conn: psycopg.Connection,
    user_id: UUID,
    amount: int,
    kind: str,
    description: str,
    cause: str | None = None,
) -> tuple[int, int]:
    """Take up to ``amount`` without going negative: (taken, shortfall). Refunds use this."""
    if amount <= 0:
        raise ValueError("a debit takes a positive amount")
    with _transaction(conn):
        current = _locked_balance(conn, user_id)
        if _seen(conn, user_id, cause):
            return 0, 0
        taken = min(amount, current)
        if taken:
            _insert(conn, user_id, -taken, kind, description, cause, current - taken)
        return taken, amount - taken


#: After the lock: are lapsed grants waiting to expire? If not, hold the credits when they are
#: there. One statement, so the lock is held for two round trips (this and COMMIT).
_RESERVE_SQL = """
WITH lapsed AS (
    SELECT EXISTS (
        SELECT 1 FROM credit_history g
        WHERE g.user_id = {u} AND g.amount > 0 AND g.expires_at <= now()
          AND NOT EXISTS (SELECT 1 FROM credit_history e
                          WHERE e.user_id = g.user_id AND e.cause = 'expiry:' || g.id)) AS due),
free AS (
    SELECT {balance}
         - (SELECT coalesce(sum(amount), 0) FROM credit_reservations
            WHERE user_id = {u} AND expires_at > now()) AS credits),
held AS (
    INSERT INTO credit_reservations (user_id, amount)
    SELECT {u}, %(a)s FROM lapsed, free WHERE NOT lapsed.due AND free.credits >= %(a)s
    RETURNING id)
SELECT (SELECT due FROM lapsed), (SELECT id FROM held)
"""
_RESERVE = _RESERVE_SQL.format(u="%(u)s", balance=_BALANCE_SQL.format(u="%(u)s"))
#: the same for the user row-level security runs as (``app.user_id``; nobody: nothing held)
_RESERVE_CURRENT = _RESERVE_SQL.format(
    u="nodepilot_current_user_id()", balance=_BALANCE_SQL.format(u="nodepilot_current_user_id()")
)

#: After the lock: drop the reservation and write the debit row ({covered}: if the balance
#: covers it; without that condition a debit the balance does not cover violates the
#: ``remaining_balance >= 0`` check and aborts the transaction).
_CHARGE_SQL = """
WITH taken AS (DELETE FROM credit_reservations WHERE id = %(r)s RETURNING amount),
cost AS (SELECT coalesce((SELECT amount FROM taken), 1) AS n),
bal AS (SELECT {balance} AS credits)
INSERT INTO credit_history (user_id, amount, transaction_type, description, remaining_balance,
                            workflow_generation_id, created_at)
SELECT %(u)s, -cost.n, 'generation', %(d)s, bal.credits - cost.n, %(g)s, clock_timestamp()
FROM cost, bal {covered}
RETURNING remaining_balance
"""
_CHARGE = _CHARGE_SQL.format(
    covered="WHERE bal.credits >= cost.n", balance=_BALANCE_SQL.format(u="%(u)s")
)
_CHARGE_OR_ABORT = _CHARGE_SQL.format(covered="", balance=_BALANCE_SQL.format(u="%(u)s"))
#: the check a debit the balance does not cover violates (0001_core.sql)
BALANCE_CHECK = "credit_history_remaining_balance_check"


def reserve(conn: psycopg.Connection, user_id: UUID, amount: int = 1) -> UUID | None:
    """Hold ``amount`` credits for a request about to run; None when they are not there."""
    with _transaction(conn):
        # a reservation need not survive a crash (the charge re-checks the balance), so the
        # transaction holding the user's lock does not wait for the WAL flush to end
        conn.execute("SET LOCAL synchronous_commit = off")
        due, reservation = send_reserve(conn, user_id, amount).fetchone()
        if due:  # rare: let lapsed grants expire first, then decide again
            _expire_lapsed(conn, user_id)
            due, reservation = conn.execute(_RESERVE, {"u": user_id, "a": amount}).fetchone()
        return reservation


def send_reserve(conn: psycopg.Connection, user_id: UUID, amount: int = 1) -> psycopg.Cursor:
    """Queue a hold of ``amount`` credits in the caller's transaction (for a batch sent in one
    round trip, ``service.onetrip``). The cursor's row is ``(due, reservation id)``: ``due``
    means lapsed grants must expire first, and nothing was held — then call ``reserve``."""
    _lock(conn, user_id)
    return conn.execute(_RESERVE, {"u": user_id, "a": amount})


def send_reserve_current(
    conn: psycopg.Connection, amount: int = 1, locked: bool = False
) -> psycopg.Cursor:
    """``send_reserve`` for the user whose rows the transaction sees (``app.user_id``), which
    a statement queued before it in the same batch may have set, so Python need not know the
    user yet (``ratelimit.lookup_and_hit``). With no user set nothing is locked or held.
    ``locked``: a statement before it in the batch took the user's ledger lock already."""
    if not locked:
        conn.execute(f"SELECT {credit_lock('nodepilot_current_user_id()')}")
    return conn.execute(_RESERVE_CURRENT, {"a": amount})


def send_commit(
    conn: psycopg.Connection,
    user_id: UUID,
    reservation_id: UUID,
    description: str,
    generation_id: UUID | None = None,
    locked: bool = False,
) -> psycopg.Cursor:
    """Queue ``commit`` in the caller's transaction, for a batch sent in one round trip: when
    the balance does not cover the debit, the statement fails (a CheckViolation on
    BALANCE_CHECK, see ``is_uncovered``) and the whole transaction with it. The cursor's row
    is the balance left. ``locked``: the batch took the user's ledger lock already
    (``credit_lock`` in an earlier statement of the transaction)."""
    if not locked:
        _lock(conn, user_id)
    args = {"u": user_id, "r": reservation_id, "d": description, "g": generation_id}
    return conn.execute(_CHARGE_OR_ABORT, args)


def is_uncovered(error: BaseException) -> bool:
    """Whether ``error`` is a debit the balance did not cover (from ``send_commit``)."""
    diag = getattr(error, "diag", None)
    return isinstance(error, psycopg.errors.CheckViolation) and (
        getattr(diag, "constraint_name", None) == BALANCE_CHECK
    )


def commit(
    conn: psycopg.Connection,
    user_id: UUID,
    reservation_id: UUID,
    description: str,
    generation_id: UUID | None = None,
) -> int:
    """Turn a reservation into one debit row; returns the balance left."""
    with _transaction(conn):
        _lock(conn, user_id)
        args = {"u": user_id, "r": reservation_id, "d": description, "g": generation_id}
        row = conn.execute(_CHARGE, args).fetchone()
        if row is None:  # the reservation lapsed and the credits went elsewhere
            raise InsufficientCredits(_sum(conn, user_id))
        return int(row[0])


def release(conn: psycopg.Connection, reservation_id: UUID) -> None:
    """Give a reservation back (the request failed): no ledger row."""
    with _transaction(conn):
        conn.execute("DELETE FROM credit_reservations WHERE id = %s", (reservation_id,))


class InsufficientCredits(Exception):
    """Raised by ``commit`` when a lapsed reservation can no longer be honoured."""

    def __init__(self, balance: int) -> None:
        super().__init__(f"balance {balance} is too low")
        self.balance = balance
