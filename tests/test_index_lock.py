"""Two index builds on one database (two ``serve`` replicas starting at once, or ``serve`` and
``nodepilot index``) take turns: the second waits for the first, finds its work done, and
neither fails. Without the lock both wrote the whole index and one of them died recounting the
full-text statistics (UniqueViolation on ``search_lexemes``), printing a misleading warning.

The threads synchronise on barriers, events and the server's own lock table, never on sleeps.
Also here: what a source's fingerprint covers (which edits make a build read it again).
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import numpy as np
import psycopg
import pytest
from prompt_versions_support import own_database

from indexing.documents import KnowledgeDoc
from indexing.indexer import IndexReport, build_index, refresh_lexeme_stats
from nodepilot.config import Settings
from nodepilot.db import connect

#: How long a test waits for a thread before calling it stuck (a failure, not a pause).
STUCK_S = 120.0


class HashEmbedder:
    """Deterministic unit vectors from a hash of the text: no model, same answer every run."""

    dimension = 384
    model_id = "test-index-lock-hash"

    def embed_query(self, text: str) -> np.ndarray:
        seed = int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big")
        vec = np.random.default_rng(seed).standard_normal(self.dimension).astype(np.float32)
        return vec / np.linalg.norm(vec)

    def embed_documents(
        self, texts: Sequence[str], batch_size: int = 64, progress: bool = True
    ) -> np.ndarray:
        return np.stack([self.embed_query(t) for t in texts]) if texts else np.zeros((0, 384))


@pytest.fixture()
def own_db(migrated_db: Settings) -> Iterator[Settings]:
    """A fresh migrated database: the builds here must not touch the session's index."""
    with own_database(migrated_db) as (settings, _url):
        yield settings


def _tips() -> list[KnowledgeDoc]:
    from indexing import sources

    return list(sources.tip_docs())


def _tip_count(conn: psycopg.Connection) -> int:
    count = conn.execute("SELECT count(*) FROM knowledge_items WHERE kind = 'tip'").fetchone()[0]
    conn.commit()
    return int(count)


def _text_stats_are_current(conn: psycopg.Connection) -> bool:
    """The stored lexeme counts and item count are exactly what the items give now."""
    row = conn.execute(
        "SELECT (SELECT items FROM search_corpus) = (SELECT count(*) FROM knowledge_items), "
        "NOT EXISTS (SELECT word, ndoc FROM search_lexemes EXCEPT "
        "  SELECT word, ndoc FROM ts_stat('SELECT tsv FROM knowledge_items')) "
        "AND NOT EXISTS (SELECT word, ndoc FROM ts_stat('SELECT tsv FROM knowledge_items') "
        "  EXCEPT SELECT word, ndoc FROM search_lexemes)"
    ).fetchone()
    conn.commit()
    return bool(row[0] and row[1])


def _run_threads(targets: list[Callable[[], None]]) -> list[str]:
    """Run each target in its own thread; the errors they raised, as text."""
    errors: list[str] = []

    def guarded(target: Callable[[], None]) -> Callable[[], None]:
        def run() -> None:
            try:
                target()
            except Exception as exc:  # noqa: BLE001 - reported by the assertion
                errors.append(repr(exc)[:300])

        return run

    threads = [threading.Thread(target=guarded(t), daemon=True) for t in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(STUCK_S)
    assert not any(t.is_alive() for t in threads), "a build never finished"
    return errors


def test_two_full_text_recounts_at_once_both_succeed(own_db: Settings) -> None:
    """HR12's reproduction: two sessions recounting together collided on the primary key."""
    vec = "[" + ",".join(["0"] * 383 + ["1"]) + "]"
    with connect(own_db) as conn, conn.cursor() as cur:
        cur.executemany(
            "INSERT INTO knowledge_items (kind, item_key, title, content, content_hash, embedding)"
            " VALUES ('tip', %s, %s, %s, 'h', %s::vector)",
            [
                (f"k{i}", f"title word{i}", f"alpha beta gamma{i} delta{i % 97}", vec)
                for i in range(2000)
            ],
        )
        conn.commit()
    barrier = threading.Barrier(2, timeout=STUCK_S)

    def recount() -> None:
        with connect(own_db) as conn:
            barrier.wait()
            for _ in range(5):
                refresh_lexeme_stats(conn)

    assert _run_threads([recount, recount]) == []
    with connect(own_db) as conn:
        assert _text_stats_are_current(conn)


def _wait_for(condition: Callable[[], bool], done: threading.Event) -> None:
    """Until ``condition()`` holds or ``done`` is set (a poll of the server, tick 20 ms)."""
    deadline = time.monotonic() + STUCK_S
    while not done.wait(0.02):
        if condition() or time.monotonic() > deadline:
            return


def test_a_second_build_waits_for_the_first_and_finds_it_done(own_db: Settings) -> None:
    """The first build is held inside its read of the sources; the second must be waiting on
    the server's lock by then (seen in ``pg_locks``), and read its sources only after the first
    committed everything, so it writes nothing and both succeed."""
    tips = _tips()
    order: list[str] = []
    seen_by_second: list[int] = []  # the tips committed when the second build read its sources
    first_inside, release, second_inside = threading.Event(), threading.Event(), threading.Event()
    reports: dict[str, IndexReport] = {}

    def documents_for(name: str) -> Callable[[str], dict[str, list[KnowledgeDoc]]]:
        def documents(source: str) -> dict[str, list[KnowledgeDoc]]:
            order.append(f"{name} reads")
            if name == "first":
                first_inside.set()
                assert release.wait(STUCK_S)
            else:
                with connect(own_db) as other:
                    seen_by_second.append(_tip_count(other))
                second_inside.set()
            return {"tip": tips}

        return documents

    def build(name: str) -> Callable[[], None]:
        def run() -> None:
            if name == "second":
                assert first_inside.wait(STUCK_S)
            with connect(own_db) as conn:
                reports[name] = build_index(
                    conn,
                    "tips",
                    embedder=HashEmbedder(),
                    documents=documents_for(name),
                    shipped=False,
                )

        return run

    def second_is_waiting_on_a_lock() -> bool:
        with connect(own_db) as conn:
            row = conn.execute(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
            ).fetchone()
        return bool(row[0])

    def supervise() -> None:
        assert first_inside.wait(STUCK_S)
        _wait_for(second_is_waiting_on_a_lock, second_inside)
        release.set()

    errors = _run_threads([build("first"), build("second"), supervise])
    assert errors == []
    assert order == ["first reads", "second reads"]
    assert seen_by_second == [len(tips)]  # the first build had committed all of its items
    assert reports["first"].embedded == len(tips)
    assert reports["second"].embedded == 0 and reports["second"].deleted == 0
    with connect(own_db) as conn:
        assert _tip_count(conn) == len(tips)
        assert _text_stats_are_current(conn)


def test_the_templates_fingerprint_follows_the_workflow_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """nodepilot/workflow.py decides each template's ``metadata.trigger``: an edit to it must
    re-read the templates on an existing install (HR12 R7). The module is pointed at a copy
    that the test edits, so the real file is never touched."""
    import nodepilot.workflow
    from indexing.indexer import source_fingerprint

    copy = tmp_path / "workflow.py"
    copy.write_text(Path(nodepilot.workflow.__file__).read_text())
    monkeypatch.setattr(nodepilot.workflow, "__file__", str(copy))
    before = source_fingerprint("templates", "model")
    assert source_fingerprint("templates", "model") == before  # stable while nothing changes
    copy.write_text(copy.read_text() + "\n# a changed trigger rule\n")
    assert source_fingerprint("templates", "model") != before
    # the other sources do not read it
    tips = source_fingerprint("tips", "model")
    copy.write_text(copy.read_text() + "\n# changed again\n")
    assert source_fingerprint("tips", "model") == tips
