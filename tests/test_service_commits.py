"""What a request costs the disk, counted by the server: a chat's one COMMIT that waits for the
WAL flush (its turn stored with its charge), and none for signing a caller in and counting the
request against the rate limit (#12: each flush costs milliseconds on a real disk).

PostgreSQL counts the WAL flushes each kind of process made (``pg_stat_io``, object ``wal``):
a COMMIT that waits for the flush is one by a client backend, while a COMMIT with
``synchronous_commit = off`` leaves its flush to the WAL writer. A backend reports its counts
when it goes idle after ``pg_stat_force_next_flush()``, before it answers, so reading them
after asking every pooled connection to report needs no waiting. A WAL segment filled up on
the way adds a flush of its own, so each segment boundary crossed is allowed one more.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
import pytest
from service_support import service_client, set_balance, sign_in, unique_email
from starlette.testclient import TestClient

from nodepilot.config import Settings
from nodepilot.db import connect

REQUESTS = (
    "When a Typeform is submitted, add a row to Google Sheets",
    "Every Monday at 9am post the open Jira issues to #team on Slack",
    "When a Stripe payment fails, email the customer with Gmail",
    "Every hour copy new Airtable records into a Notion database",
    "When a GitHub issue is labelled bug, create a Linear ticket",
)


def _flushes(conn: psycopg.Connection) -> tuple[int, int]:
    """(WAL flushes client backends made, WAL segment now being written)."""
    row = conn.execute(
        """SELECT (SELECT coalesce(sum(fsyncs), 0) FROM pg_stat_io
                   WHERE backend_type = 'client backend' AND object = 'wal'
                     AND context = 'normal'),
                  ((pg_current_wal_insert_lsn() - '0/0'::pg_lsn)
                   / (SELECT setting::numeric FROM pg_settings
                      WHERE name = 'wal_segment_size'))::bigint"""
    ).fetchone()
    return int(row[0]), int(row[1])


def _report_pool(client: TestClient) -> None:
    """Every connection of the service's pool reports its statistics now."""
    pool = client.app.state.runtime.pool
    held = [pool.getconn() for _ in range(pool.max_size)]
    try:
        for conn in held:
            conn.execute("SELECT pg_stat_force_next_flush()")
            conn.commit()  # idle again: the report is made before the COMMIT is answered
    finally:
        for conn in held:
            pool.putconn(conn)


@contextmanager
def _counting(client: TestClient, settings: Settings) -> Iterator[dict[str, int]]:
    """Count the client backends' WAL flushes made in the block: ``flushes``, and ``allowed``
    extra ones for WAL segments filled up on the way."""
    counts: dict[str, int] = {}
    with connect(settings, autocommit=True) as admin:
        _report_pool(client)
        before, segment = _flushes(admin)
        yield counts
        _report_pool(client)
        after, segment_after = _flushes(admin)
    counts.update(flushes=after - before, allowed=segment_after - segment)


@pytest.fixture()
def service(indexed: Settings, monkeypatch) -> Iterator[TestClient]:  # noqa: ANN001
    monkeypatch.setenv("NODEPILOT_SERVICE_POOL_SIZE", "3")
    with service_client(indexed, rate_limit_per_minute=100_000) as client:
        yield client


def _rich_user(client: TestClient, settings: Settings) -> dict[str, str]:
    email = unique_email("commits")
    headers = sign_in(client, settings, email)
    with connect(settings) as conn:
        set_balance(conn, email, 100)
    return headers


def test_signing_in_and_counting_never_wait_for_the_disk(
    service: TestClient, indexed: Settings
) -> None:
    """Sign-in, the rate-limit count (a write) and a read: no flush waited for."""
    headers = _rich_user(service, indexed)
    with _counting(service, indexed) as counts:
        for _ in range(20):
            assert service.get("/api/credits", headers=headers).status_code == 200
    assert counts["flushes"] <= counts["allowed"], counts


@pytest.mark.parametrize("cache", ["0", "1"])
def test_a_chat_waits_for_the_disk_once(
    service: TestClient,
    indexed: Settings,
    monkeypatch,
    cache: str,  # noqa: ANN001
) -> None:
    """Each chat turn: one flush (the turn with its charge), with the generation cache off
    and on (the cache's rows are written without waiting: they are derived data)."""
    monkeypatch.setenv("NODEPILOT_SERVICE_CACHE", cache)
    headers = _rich_user(service, indexed)
    with _counting(service, indexed) as counts:
        for text in REQUESTS:
            response = service.post("/api/chat/message", json={"message": text}, headers=headers)
            assert response.status_code == 200, response.text
    assert 1 <= counts["flushes"] <= len(REQUESTS) + counts["allowed"], counts
