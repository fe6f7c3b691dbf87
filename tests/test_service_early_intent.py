"""A first chat turn classifies its request while its sign-in round trip is in flight
(``service.chat.EarlyIntent`` through ``service.onetrip``'s ``meanwhile``).

What must hold: the server really works through (and commits) the block while the thread does
the other work; the turn's answer is the one the pipeline gives in process; the CPU gate is
respected; a failure of the early classification costs nothing but the overlap.
"""

from __future__ import annotations

import threading
import time
import uuid
from types import SimpleNamespace

import psycopg
import pytest
from service_support import auth, dev_token, service_client, set_balance, unique_email

from engine.pipeline import Pipeline
from nodepilot.config import Settings
from nodepilot.db import connect
from service.chat import EarlyIntent
from service.onetrip import one_trip

#: how long a poll may wait for the server to commit the block (a loaded CI machine)
DEADLINE_S = 30.0


def _lock_is_free(settings: Settings, key: int) -> bool:
    """Poll, from another session, until the advisory lock ``key`` can be taken (then let go)."""
    deadline = time.monotonic() + DEADLINE_S
    with connect(settings) as other:
        other.autocommit = True
        while time.monotonic() < deadline:
            if other.execute("SELECT pg_try_advisory_lock(%s)", (key,)).fetchone()[0]:
                other.execute("SELECT pg_advisory_unlock(%s)", (key,))
                return True
    return False


def test_meanwhile_runs_while_the_server_commits_the_block(migrated_db: Settings) -> None:
    """The block takes a transaction-scoped lock; ``meanwhile`` sees it let go, so the server
    ran the block to its COMMIT before this thread asked for any result (the Sync)."""
    key = uuid.uuid4().int % 2**62
    seen: list[bool] = []
    with connect(migrated_db) as conn:
        with one_trip(conn, meanwhile=lambda: seen.append(_lock_is_free(migrated_db, key))):
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (key,))
            answer = conn.execute("SELECT 40 + 2")
        assert seen == [True]
        assert answer.fetchone()[0] == 42
        assert conn.info.transaction_status == psycopg.pq.TransactionStatus.IDLE


def test_meanwhile_error_is_raised_after_the_block_committed(migrated_db: Settings) -> None:
    table = f"early_{uuid.uuid4().hex[:12]}"
    with connect(migrated_db) as conn:
        conn.execute(f"CREATE TABLE {table} (x int)")
        conn.commit()

        def fails() -> None:
            raise LookupError("the work in the wait failed")

        try:
            with pytest.raises(LookupError):
                with one_trip(conn, meanwhile=fails):
                    conn.execute(f"INSERT INTO {table} VALUES (1)")
            assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 1
        finally:
            conn.rollback()
            conn.execute(f"DROP TABLE {table}")
            conn.commit()


def _runtime(slots: int) -> SimpleNamespace:
    """What ``EarlyIntent`` reads of a ``service.runtime.Runtime``: its settings (for the
    pipeline it builds) and the CPU gate's slots."""
    return SimpleNamespace(
        settings=SimpleNamespace(provider="offline"), cpu_slots=threading.Semaphore(slots)
    )


def test_early_intent_takes_a_free_slot_and_gives_it_back() -> None:
    runtime = _runtime(1)
    early = EarlyIntent(runtime, "Every hour copy new Typeform answers into Airtable")  # type: ignore[arg-type]
    early()
    assert early.intent is not None and early.intent.intent == "workflow_request"
    assert early.ms > 0
    assert runtime.cpu_slots.acquire(blocking=False)  # given back


def test_early_intent_waits_for_no_slot() -> None:
    """Every slot taken: nothing is classified (the run does it under the gate)."""
    early = EarlyIntent(_runtime(0), "Every hour copy new Typeform answers into Airtable")  # type: ignore[arg-type]
    early()
    assert early.intent is None and early.ms == 0.0


def test_early_intent_of_a_request_the_run_refuses_is_none() -> None:
    early = EarlyIntent(_runtime(1), "x" * 200_000)  # type: ignore[arg-type]
    early()
    assert early.intent is None


FIRST_TURNS = (
    "Every Monday at 9am get the Stripe refunds and post a summary to #finance on Slack",
    "When a new row is added to my Google Sheet, create a Trello card with its title",
    "what does the Merge node do with two inputs of different length?",
)


def test_first_turn_answers_as_the_pipeline_does(indexed: Settings, monkeypatch) -> None:
    """Over HTTP, the first turn's intent and workflow are the in-process pipeline's; its
    timings carry the intent stage as it ran (during the sign-in)."""
    monkeypatch.setenv("NODEPILOT_SERVICE_CACHE", "0")
    with service_client(indexed, rate_limit_per_minute=100_000) as client:
        email = unique_email("early")
        headers = auth(dev_token(indexed, email))
        client.get("/api/users/me", headers=headers).raise_for_status()
        with connect(indexed) as conn:
            set_balance(conn, email, 100)
        with Pipeline(provider="offline", use_cache=False) as pipeline:
            for text in FIRST_TURNS:
                response = client.post("/api/chat/message", json={"message": text}, headers=headers)
                assert response.status_code == 200, response.text
                body = response.json()
                expected = pipeline.run(text)
                assert body["intent"] == expected.intent.intent, text
                assert body["workflow"] == expected.workflow, text
                assert body["timings_ms"]["intent"] > 0, text
