"""What one credit hold + charge costs as a user's ledger grows: the old balance read (a sum over
ALL of the user's ``credit_history`` rows, as service/ledger.py did before 0010) against the
per-user balance row (``credit_balances``, one primary-key read), in the same run, on the same
database, alternating old and new so both see the same history length.

For each history length (0, 1,000 and 50,000 past rows, plus the one grant that funds the
run) a user is made, then ``--repeats`` times: hold (its own transaction, as ``ledger.reserve``:
advisory lock, lapsed-grant check, the balance read, the reservation) and charge (its own
transaction, as ``ledger.commit``). Each line: median milliseconds per hold+charge, old, new,
and old/new.

    .venv/bin/python benchmarks/ledger_balance.py [--repeats 100]

Runs its own embedded PostgreSQL in a temporary data folder, never the user's.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from uuid import UUID

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]

import psycopg  # noqa: E402

from nodepilot.config import get_settings  # noqa: E402
from service import ledger  # noqa: E402

HISTORY_ROWS = (0, 1_000, 50_000)

#: the hold and the charge as they were before the balance row: sums over the whole history
OLD_RESERVE = """
WITH lapsed AS (
    SELECT EXISTS (
        SELECT 1 FROM credit_history g
        WHERE g.user_id = %(u)s AND g.amount > 0 AND g.expires_at <= now()
          AND NOT EXISTS (SELECT 1 FROM credit_history e
                          WHERE e.user_id = g.user_id AND e.cause = 'expiry:' || g.id)) AS due),
free AS (
    SELECT (SELECT coalesce(sum(amount), 0) FROM credit_history WHERE user_id = %(u)s)
         - (SELECT coalesce(sum(amount), 0) FROM credit_reservations
            WHERE user_id = %(u)s AND expires_at > now()) AS credits),
held AS (
    INSERT INTO credit_reservations (user_id, amount)
    SELECT %(u)s, 1 FROM lapsed, free WHERE NOT lapsed.due AND free.credits >= 1
    RETURNING id)
SELECT (SELECT due FROM lapsed), (SELECT id FROM held)
"""
OLD_CHARGE = """
WITH taken AS (DELETE FROM credit_reservations WHERE id = %(r)s RETURNING amount),
cost AS (SELECT coalesce((SELECT amount FROM taken), 1) AS n),
bal AS (SELECT coalesce(sum(amount), 0) AS credits FROM credit_history WHERE user_id = %(u)s)
INSERT INTO credit_history (user_id, amount, transaction_type, description, remaining_balance,
                            workflow_generation_id, created_at)
SELECT %(u)s, -cost.n, 'generation', 'bench', bal.credits - cost.n, NULL, clock_timestamp()
FROM cost, bal WHERE bal.credits >= cost.n
RETURNING remaining_balance
"""
LOCK = "SELECT pg_advisory_xact_lock(hashtextextended('credits:' || %s::text, 0))"


def old_hold_and_charge(conn: psycopg.Connection, user_id: UUID) -> None:
    """The pre-0010 path, step for step what ``reserve`` + ``commit`` ran."""
    with conn.transaction():
        conn.execute("SET LOCAL synchronous_commit = off")
        conn.execute(LOCK, (user_id,))
        _, held = conn.execute(OLD_RESERVE, {"u": user_id}).fetchone()
    assert held is not None, "the benchmark user ran out of credits"
    with conn.transaction():
        conn.execute(LOCK, (user_id,))
        assert conn.execute(OLD_CHARGE, {"u": user_id, "r": held}).fetchone() is not None


def new_hold_and_charge(conn: psycopg.Connection, user_id: UUID) -> None:
    """Today's ``reserve`` + ``commit``."""
    held = ledger.reserve(conn, user_id)
    assert held is not None, "the benchmark user ran out of credits"
    ledger.commit(conn, user_id, held, "bench")


def user_with_history(conn: psycopg.Connection, rows: int, repeats: int) -> UUID:
    """A user with ``rows`` past ledger rows (grants and generations, balance never negative,
    stamped in order over the past year) and one grant funding this run's charges."""
    user_id = conn.execute(
        "INSERT INTO users (clerk_user_id, email) VALUES (%s, %s) RETURNING id",
        (f"bench:{rows}", f"bench{rows}@example.com"),
    ).fetchone()[0]
    conn.execute(
        """INSERT INTO credit_history (user_id, amount, transaction_type, remaining_balance,
                                       created_at)
           SELECT %s, CASE WHEN n %% 2 = 1 THEN 1 ELSE -1 END,
                  CASE WHEN n %% 2 = 1 THEN 'grant' ELSE 'generation' END, n %% 2,
                  now() - interval '365 days' + n * interval '1 second'
           FROM generate_series(1, %s) AS n""",
        (user_id, rows),
    )
    ledger.grant(conn, user_id, 2 * repeats + 10, "purchase", "benchmark credits")
    conn.commit()
    return user_id


def measure(conn: psycopg.Connection, user_id: UUID, repeats: int) -> dict[str, float]:
    """Median ms of old and new hold+charge, alternated so both meet the same history."""
    times: dict[str, list[float]] = {"old": [], "new": []}
    paths = (("old", old_hold_and_charge), ("new", new_hold_and_charge))
    for _ in range(3):  # warm both paths' plans and caches
        for _, run in paths:
            run(conn, user_id)
    for _ in range(repeats):
        for name, run in paths:
            started = time.perf_counter()
            run(conn, user_id)
            times[name].append((time.perf_counter() - started) * 1000)
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> None:
    """Make the three users on a fresh embedded database and print one JSON line each."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=100)
    args = parser.parse_args()
    from nodepilot.db import connect, migrate
    from nodepilot.db.embedded import stop_embedded

    data_dir = Path(tempfile.mkdtemp(prefix="nodepilot-ledger-bench-"))
    os.environ["NODEPILOT_DATA_DIR"] = str(data_dir)
    os.environ.pop("DATABASE_URL", None)
    get_settings.cache_clear()
    try:
        with connect(get_settings()) as conn:
            migrate(conn)
            conn.commit()
            users = {n: user_with_history(conn, n, args.repeats + 3) for n in HISTORY_ROWS}
            # the bulk load moved each balance row once per history row in ONE transaction;
            # a real history comes one row per transaction, its old row versions pruned and
            # vacuumed as it goes: vacuum, so the new path meets the row a long-lived user has
            conn.autocommit = True
            conn.execute("VACUUM (ANALYZE) credit_history, credit_balances")
            conn.autocommit = False
            for rows, user_id in users.items():
                medians = measure(conn, user_id, args.repeats)
                print(
                    json.dumps(
                        {
                            "history_rows": rows,
                            "old_ms": round(medians["old"], 3),
                            "new_ms": round(medians["new"], 3),
                            "old_over_new": round(medians["old"] / medians["new"], 2),
                            "repeats": args.repeats,
                        }
                    ),
                    flush=True,
                )
    finally:
        stop_embedded(data_dir / "pgdata")
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
