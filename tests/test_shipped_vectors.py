"""Shipped document vectors (seeds/vectors) agree with freshly computed ones; the build takes
them instead of embedding, writes many rows in bulk, and shows one progress display."""

from __future__ import annotations

import dataclasses
import io

import numpy as np
import psycopg
import pytest
from conftest import index_subset
from hypothesis import given, settings
from hypothesis import strategies as st

from indexing.embeddings import get_embedder
from indexing.progress import IndexProgress
from indexing.shipped import PrefilledEmbedder, dequantize, load_vectors, quantize, text_key
from indexing.store import plan_kind, write_in_bulk
from nodepilot.config import Settings


@pytest.fixture(scope="module")
def shipped():
    vectors = load_vectors(get_embedder().model_id)
    assert vectors is not None, "no shipped vectors for this model: run scripts/ship_vectors.py"
    return vectors


def test_shipped_vectors_agree_with_fresh_fp32_vectors(shipped) -> None:
    docs = [*index_subset("catalog")["node"], *index_subset("tips")["tip"]]
    texts = [d.embedding_text for d in docs]
    found = [t for t in texts if shipped.get(t) is not None]
    # the file covers today's documents (else the first build embeds them: slow, not wrong)
    assert len(found) >= 0.5 * len(texts), "shipped vectors are stale: run scripts/ship_vectors.py"
    sample = found[:: max(1, len(found) // 80)]
    fresh = get_embedder().embed_documents(sample, progress=False)
    stored = np.vstack([shipped.get(t) for t in sample])
    cosines = (fresh * stored).sum(axis=1)
    assert cosines.min() >= 0.9999, f"lowest cosine {cosines.min():.6f}"


@given(st.integers(0, 2**32 - 1), st.floats(1e-3, 1e3))
@settings(max_examples=60, deadline=None)
def test_int8_quantization_keeps_direction(seed: int, magnitude: float) -> None:
    rows = np.random.default_rng(seed).normal(size=(8, 384)).astype(np.float32) * magnitude
    codes, scales = quantize(rows)
    assert codes.dtype == np.int8 and np.abs(codes.astype(int)).max() <= 127
    unit = rows / np.linalg.norm(rows, axis=1, keepdims=True)
    assert ((dequantize(codes, scales) * unit).sum(axis=1)).min() >= 0.9995


def test_a_zero_vector_survives_quantization() -> None:
    codes, scales = quantize(np.zeros((1, 4), dtype=np.float32))
    assert not codes.any() and np.isfinite(dequantize(codes, scales)).all()


def test_prefilled_embedder_computes_only_what_was_not_shipped(shipped) -> None:
    tip = index_subset("tips")["tip"][0]
    known = tip.embedding_text
    assert shipped.get(known) is not None
    unknown = "A text no shipped document has: reconcile invoices in a ledger at dawn."
    assert text_key(unknown) not in shipped.rows
    embedder = PrefilledEmbedder(get_embedder(), shipped)
    assert embedder.missing([known, unknown]) == 1
    done: list[int] = []
    vectors = embedder.embed_documents([known, unknown], on_progress=done.append)
    assert (embedder.reused, embedder.computed, sum(done)) == (1, 1, 1)
    assert np.allclose(vectors[0], shipped.get(known))
    fresh = get_embedder().embed_documents([unknown], progress=False)[0]
    assert float(vectors[1] @ fresh) >= 0.99999


def _hnsw_definitions(conn: psycopg.Connection) -> list[str]:
    rows = conn.execute(
        "SELECT indexdef FROM pg_indexes WHERE tablename = 'knowledge_items' "
        "AND indexdef LIKE '%hnsw%' ORDER BY indexname"
    ).fetchall()
    conn.commit()
    return [r[0] for r in rows]


def test_a_bulk_write_recreates_the_same_vector_indexes(indexed: Settings) -> None:
    from indexing.search import SearchFilters, search
    from nodepilot.db import connect

    tips = index_subset("tips")["tip"]
    edited = [dataclasses.replace(d, content=d.content + " (bulk)") for d in tips[:5]] + tips[5:]
    with connect(indexed) as conn:
        before = _hnsw_definitions(conn)
        assert len(before) >= 2
        embedder = get_embedder()
        plan = plan_kind(conn, "tip", edited, embedder.model_id)
        assert len(plan.changed) == 5
        stats = write_in_bulk(conn, [plan], embedder)
        assert [(s.kind, s.embedded) for s in stats] == [("tip", 5)]
        assert _hnsw_definitions(conn) == before
        hits = search(conn, "error workflow", 3, filters=SearchFilters(kinds=("tip",)))
        assert hits
        restore = plan_kind(conn, "tip", tips, embedder.model_id)
        write_in_bulk(conn, [restore], embedder)
        assert _hnsw_definitions(conn) == before


class _Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_progress_prints_a_line_about_every_ten_seconds_off_a_terminal() -> None:
    out, clock = io.StringIO(), _Clock()
    with IndexProgress(1000, stream=out, clock=clock, terminal=False) as bar:
        for kind in ("operation", "template"):
            bar.start(kind)
            for _ in range(5):
                clock.now += 3.0
                bar.advance(100)
    lines = out.getvalue().splitlines()
    assert lines[0] == "  embedding 1,000 documents"
    assert lines[1] == "  embedding operations: 400 of 1,000 documents (40%), 12s"
    assert lines[2] == "  embedding templates: 800 of 1,000 documents (80%), 24s"
    assert lines[-1] == "  embedded 1,000 of 1,000 documents, 30s"
    assert len(lines) == 4


def test_progress_on_a_terminal_is_one_bar_naming_the_kind() -> None:
    out = io.StringIO()
    with IndexProgress(300, stream=out, terminal=True) as bar:
        bar.start("pattern")
        bar.advance(150)
        bar.start("tip")  # a new label redraws the bar at once
        text = out.getvalue()
    assert "embedding patterns" in text and "embedding tips" in text
    assert "150/300" in text and text.count("\n") == 0  # one bar, redrawn in place


def test_nothing_to_embed_shows_nothing() -> None:
    out = io.StringIO()
    with IndexProgress(0, stream=out, terminal=False) as bar:
        bar.start("tip")
    assert out.getvalue() == ""
