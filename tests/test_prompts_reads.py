"""Reading the prompt versions in force costs one round trip and leaves the connection as found.

``engine.prompts.active_prompt_set`` runs once per pipeline run. On a connection with no
transaction open it reads in autocommit (psycopg would otherwise send BEGIN, the query and a
ROLLBACK); inside a caller's transaction it reads there. What goes over the wire is read from
libpq's own protocol trace on the real server.
"""

from __future__ import annotations

import re
from pathlib import Path

import psycopg
from psycopg.pq import TransactionStatus

from engine.prompts import active_prompt_set


def _statements_sent(conn: psycopg.Connection, trace: Path, action: object) -> list[str]:
    """The SQL of every Query/Parse message ``action()`` made ``conn`` send."""
    with trace.open("w") as out:
        conn.pgconn.trace(out.fileno())
        try:
            action()  # type: ignore[operator]
        finally:
            conn.pgconn.untrace()
    sent = [line for line in trace.read_text().splitlines() if re.search(r"\bF\b", line)]
    return [m.group(1) for line in sent if (m := re.search(r'(?:Query|Parse)\t.*?"(.*)"', line))]


def test_an_idle_connection_reads_the_versions_in_one_statement(
    db_conn: psycopg.Connection, tmp_path: Path
) -> None:
    assert not db_conn.autocommit
    active_prompt_set(db_conn)  # parsed and cached: the next read is the id query alone
    sent = _statements_sent(db_conn, tmp_path / "trace", lambda: active_prompt_set(db_conn))
    assert len(sent) == 1 and sent[0].startswith("SELECT name, id FROM ai_prompts"), sent
    assert not db_conn.autocommit
    assert db_conn.info.transaction_status == TransactionStatus.IDLE


def test_inside_a_transaction_the_versions_are_read_in_it(
    db_conn: psycopg.Connection, tmp_path: Path
) -> None:
    db_conn.execute("SELECT 1")  # the caller's transaction is open
    before = db_conn.execute("SELECT txid_current()").fetchone()
    found = active_prompt_set(db_conn)
    assert db_conn.info.transaction_status == TransactionStatus.INTRANS
    assert db_conn.execute("SELECT txid_current()").fetchone() == before
    db_conn.rollback()
    assert active_prompt_set(db_conn) is found  # the same ids: the same parsed set


def test_a_failed_read_leaves_the_connection_usable(db_conn: psycopg.Connection) -> None:
    db_conn.execute("SET search_path TO pg_catalog")  # no ai_prompts table visible
    db_conn.commit()
    try:
        active_prompt_set(db_conn)
    except psycopg.errors.UndefinedTable:
        pass
    else:
        raise AssertionError("ai_prompts should not be visible")
    assert not db_conn.autocommit
    assert db_conn.execute("SELECT 1").fetchone() == (1,)
