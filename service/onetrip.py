"""A transaction sent to PostgreSQL in one round trip: BEGIN, the statements, COMMIT, one Sync.

psycopg's ``conn.transaction()`` in pipeline mode waits for the server after BEGIN and again
after COMMIT, and leaving the pipeline adds a Sync of its own: a short transaction whose results
are read only after it ends costs four round trips instead of one (seen in a libpq protocol
trace of a chat turn: 19 round trips, 12 of them spent on BEGIN/COMMIT/Sync). Here the
connection is in autocommit mode for the block, so psycopg leaves the BEGIN and COMMIT we send
to us, and everything goes out together when the block ends.

Statements inside the block are queued; read their cursors after the block (reading one inside
it is allowed but waits for the server there). A statement that fails makes the server skip the
rest up to the Sync, COMMIT included; the block then rolls back and the error is raised, as is
any exception raised in the block — nothing is committed unless the whole block succeeds.

The wait can be filled (``meanwhile``): psycopg sends each statement as it is queued and the
server runs each as it arrives; only the Sync at the end makes it send the results back. So
work done after the COMMIT is queued overlaps the server running (and committing) the block,
which meanwhile lets go of its locks; the Sync then costs a bare round trip instead of the
block's execution (#12: a chat classifies its request during its sign-in round trip). An
exception raised by ``meanwhile`` is raised once the block has ended, committed: its COMMIT
had gone out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

import psycopg
from psycopg.pq import TransactionStatus

from nodepilot.db import APP_ROLE


@contextmanager
def one_trip(
    conn: psycopg.Connection,
    user_id: str | None = None,
    *,
    durable: bool = True,
    also: Sequence[str] = (),
    meanwhile: Callable[[], object] | None = None,
) -> Iterator[psycopg.Connection]:
    """``conn`` inside BEGIN ... COMMIT sent in one round trip (see the module docstring).

    ``user_id``: run as the application role with ``app.user_id`` set (row-level security,
    as ``nodepilot.db.app_connection``). ``durable=False``: the COMMIT does not wait for the
    WAL flush (for counts and holds that cost nothing if a crash loses them). ``also``: more
    expressions evaluated in the statement making those settings, after them (e.g. the user's
    ledger lock, ``service.ledger.credit_lock``; they may use ``%(user_id)s``): one statement
    fewer than sending each on its own. ``meanwhile``: work for this thread while the server
    runs the block (module docstring).
    """
    if conn.info.transaction_status != TransactionStatus.IDLE:
        raise RuntimeError("one_trip needs a connection with no open transaction")
    saved = conn.autocommit
    conn.autocommit = True
    try:
        with conn.pipeline():
            conn.execute("BEGIN")
            settings = [*_local_settings(user_id, durable), *also]
            if settings:
                conn.execute(f"SELECT {', '.join(settings)}", {"user_id": user_id})
            yield conn
            conn.execute("COMMIT")
            if meanwhile is not None:  # the block is on its way: see the module docstring
                meanwhile()
    except BaseException:
        _roll_back(conn)
        raise
    finally:
        if not conn.closed and conn.info.transaction_status == TransactionStatus.IDLE:
            conn.autocommit = saved


def _local_settings(user_id: str | None, durable: bool) -> list[str]:
    """The transaction-local settings of a block, made by one statement (``set_config(...,
    true)`` is ``SET LOCAL``; for ``role`` it checks the membership as ``SET LOCAL ROLE`` does):
    each statement queued costs its own parse, bind and execute on both sides."""
    settings = [] if durable else ["set_config('synchronous_commit', 'off', true)"]
    if user_id is not None:
        settings += [
            f"set_config('role', '{APP_ROLE}', true)",
            "set_config('app.user_id', %(user_id)s, true)",
        ]
    return settings


def _roll_back(conn: psycopg.Connection) -> None:
    """End a transaction the block left open or failed (a broken connection is left as is:
    the pool discards it)."""
    status = conn.info.transaction_status
    if conn.closed or status in (TransactionStatus.IDLE, TransactionStatus.UNKNOWN):
        return
    try:
        conn.execute("ROLLBACK")
    except psycopg.Error:
        conn.close()  # in no known state: the pool replaces a closed connection
