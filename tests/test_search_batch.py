"""Several lookups in one ``SearchBatch``: the same hits as each lookup alone, in one
transaction and three round trips, the connection left as it was found."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest
from retrieval_support import RoundTrips

from engine.retrieval import items_by_id, retrieve
from engine.spec import build_spec
from indexing.search import (
    SearchBatch,
    SearchFilters,
    SearchHit,
    best_per_type,
    get_items,
    search,
    search_request,
)
from nodepilot.config import Settings

B = "n8n-nodes-base."
REQUEST = "every monday pull new rows from google sheets, summarise them with openai, post to slack"
TYPES = (B + "scheduleTrigger", B + "googleSheets", B + "slack", "x.unknown")
IDLE = psycopg.pq.TransactionStatus.IDLE


@pytest.fixture()
def conn(indexed: Settings) -> Iterator[psycopg.Connection]:
    from nodepilot.db import connect

    with connect(indexed) as c:
        yield c


def _seen(hits: list[SearchHit]) -> list[tuple[str, str, float, int | None, int | None]]:
    return [(h.kind, h.key, round(h.score, 9), h.vector_rank, h.text_rank) for h in hits]


def _queue_all(batch: SearchBatch) -> list:
    """One of each lookup, with different filters, modes and HNSW settings (k=30 and k=60
    widen ef_search for those searches; without the setting the graph yields 40 rows)."""
    node_keys = [f"{B}slack", "nope", f"{B}googleSheets"]
    return [
        batch.items("node", node_keys),
        batch.best_per_type(REQUEST, TYPES, per_type=2),
        batch.search(REQUEST, 30, filters=SearchFilters(kinds=("node",)), max_per_type=1),
        batch.search(REQUEST, 3, filters=SearchFilters(kinds=("template",)), mode="vector"),
        batch.search(REQUEST, 3, filters=SearchFilters(kinds=("tip",), node_types=TYPES)),
        batch.search("slack message", 5, mode="text"),
        batch.search(REQUEST, 60, filters=SearchFilters(kinds=("node",)), mode="vector"),
    ]


def _alone(conn: psycopg.Connection) -> list[list[SearchHit]]:
    return [
        get_items(conn, "node", [f"{B}slack", "nope", f"{B}googleSheets"]),
        best_per_type(conn, REQUEST, TYPES, per_type=2),
        search(conn, REQUEST, 30, filters=SearchFilters(kinds=("node",)), max_per_type=1),
        search(conn, REQUEST, 3, filters=SearchFilters(kinds=("template",)), mode="vector"),
        search(conn, REQUEST, 3, filters=SearchFilters(kinds=("tip",), node_types=TYPES)),
        search(conn, "slack message", 5, mode="text"),
        search(conn, REQUEST, 60, filters=SearchFilters(kinds=("node",)), mode="vector"),
    ]


def test_a_batch_returns_what_each_lookup_returns_alone(conn: psycopg.Connection) -> None:
    alone = _alone(conn)
    batch = SearchBatch(conn)
    found = _queue_all(batch)
    batch.run()
    together = [f.result() for f in found]
    assert [_seen(h) for h in together] == [_seen(h) for h in alone]
    assert [[h.content for h in hits] for hits in together] == [
        [h.content for h in hits] for hits in alone
    ]
    assert all(alone) and len(alone[0]) == 2  # unknown keys skipped, order kept
    assert len(together[-1]) == 60
    assert [h.key for h in alone[0]] == [f"{B}slack", f"{B}googleSheets"]


@pytest.mark.parametrize("autocommit, trips", [(False, 3), (True, 2)])
def test_a_batch_costs_three_round_trips_and_leaves_the_connection_idle(
    indexed: Settings, autocommit: bool, trips: int
) -> None:
    """BEGIN (psycopg syncs on it), everything + a sync, the rows with the COMMIT; an
    autocommit connection needs no BEGIN."""
    from nodepilot.db import connect

    with connect(indexed, autocommit=autocommit) as c:
        _alone(c)  # warm: the embedding and psycopg's prepared statements
        batch = SearchBatch(c)
        _queue_all(batch)
        with RoundTrips(c) as counted:
            batch.run()
        assert counted.count == trips
        assert c.info.transaction_status == IDLE
        assert c.execute("SELECT current_setting('hnsw.ef_search', true)").fetchone()[0] in (
            "40",
            None,
        )


def test_retrieve_is_three_round_trips(conn: psycopg.Connection) -> None:
    spec = build_spec(REQUEST)
    first = retrieve(spec, conn)
    with RoundTrips(conn) as counted:
        again = retrieve(spec, conn)
    assert counted.count == 3
    assert [i.id for i in again] == [i.id for i in first] and first
    assert conn.info.transaction_status == IDLE


def test_a_batch_inside_a_callers_transaction_keeps_it_open(conn: psycopg.Connection) -> None:
    """A savepoint, as each lookup alone had: the caller's transaction is neither committed
    nor lost, even when the batch fails."""
    conn.execute("CREATE TEMP TABLE mine (x int)")
    conn.execute("INSERT INTO mine VALUES (1)")
    hits = search(conn, REQUEST, 5)
    assert hits and conn.info.transaction_status == psycopg.pq.TransactionStatus.INTRANS
    conn.execute("SET LOCAL search_path TO pg_catalog")  # knowledge_items no longer visible
    with pytest.raises(psycopg.errors.UndefinedTable):
        search(conn, REQUEST, 5)
    assert conn.execute("SELECT x FROM pg_temp.mine").fetchone() == (1,)
    conn.rollback()


def test_a_failing_batch_rolls_back_and_the_connection_still_works(
    conn: psycopg.Connection,
) -> None:
    expected = _seen(search(conn, REQUEST, 5))
    conn.execute("SET search_path TO pg_catalog")
    conn.commit()
    with pytest.raises(psycopg.errors.UndefinedTable):
        search(conn, REQUEST, 5)
    assert conn.info.transaction_status == IDLE
    conn.execute("SET search_path TO DEFAULT")
    conn.commit()
    assert _seen(search(conn, REQUEST, 5)) == expected


def test_search_request_is_one_batch(conn: psycopg.Connection) -> None:
    """The request, each clause and the linked types: one transaction, three round trips."""
    filters = SearchFilters(kinds=("node",))
    first = search_request(conn, REQUEST, 6, filters=filters, linked=[B + "slack"])
    with RoundTrips(conn) as counted:
        again = search_request(conn, REQUEST, 6, filters=filters, linked=[B + "slack"])
    assert counted.count == 3
    assert _seen(again) == _seen(first) and first[0].key == B + "slack"


def test_a_lookup_is_read_after_its_batch_runs(conn: psycopg.Connection) -> None:
    batch = SearchBatch(conn)
    found = batch.search(REQUEST, 3)
    with pytest.raises(RuntimeError, match="has not run"):
        found.result()
    assert batch.items("node", []).result() == []  # nothing to look up: known at once
    batch.run()
    assert len(found.result()) == 3


@pytest.mark.parametrize("autocommit", [False, True])
def test_without_pipeline_mode_the_same_statements_run_one_by_one(
    indexed: Settings, autocommit: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A libpq older than 14 has no pipeline mode: same hits, still one transaction (the
    k=60 vector search needs its ef_search: a setting lost between statements, as in
    autocommit mode without a transaction, leaves it 40 hits), the connection left idle."""
    from nodepilot.db import connect

    with connect(indexed, autocommit=autocommit) as c:
        for knob in ("enable_seqscan", "enable_sort", "enable_bitmapscan"):  # vector legs on
            c.execute(f"SET {knob} = off")  # the HNSW graph even in this small index
        c.commit()
        expected = [_seen(h) for h in _alone(c)]
        assert len(expected[-1]) == 60  # 40 without the batch's settings
        monkeypatch.setattr(psycopg.Pipeline, "is_supported", classmethod(lambda cls: False))
        batch = SearchBatch(c)
        found = _queue_all(batch)
        with RoundTrips(c) as counted:
            batch.run()
        assert [_seen(f.result()) for f in found] == expected
        assert counted.count > 3 and c.info.transaction_status == IDLE


def test_items_by_id_reads_every_kind_in_one_batch(conn: psycopg.Connection) -> None:
    """The eval's context metric rebuilds a recorded retrieval: the ids' items in the order
    given, unknown ones skipped, two round trips (BEGIN; the statements with the COMMIT)."""
    tip = search(conn, "loop over items", 1, filters=SearchFilters(kinds=("tip",)))[0]
    ids = [f"node:{B}slack", f"tip:{tip.key}", "node:x.unknown", f"node:{B}googleSheets"]
    with RoundTrips(conn) as counted:
        items = items_by_id(conn, ids)
    assert [i.id for i in items] == [ids[0], ids[1], ids[3]]
    assert items[1].content == tip.content
    assert counted.count == 2 and conn.info.transaction_status == IDLE
