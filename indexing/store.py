"""Writes knowledge documents into ``knowledge_items``: incremental, batched, interruptible.

A run compares each document's content hash with the stored one and embeds only what changed;
items whose source disappeared are deleted. Every batch is committed with its embeddings, so an
interrupted run leaves a usable index (old rows plus the batches already written) and the next
run embeds just the remainder.
"""

from __future__ import annotations

import contextlib
import struct
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import psycopg
from psycopg.adapt import Dumper
from psycopg.pq import Format
from psycopg.types.json import Jsonb

from indexing.documents import KnowledgeDoc


class DocumentEmbedder(Protocol):
    """What the store needs from an embedding model."""

    model_id: str

    def embed_documents(
        self, texts: Sequence[str], batch_size: int = 64, progress: bool = True
    ) -> np.ndarray: ...


@dataclass
class SyncStats:
    """What one kind's sync did."""

    kind: str
    total: int = 0
    #: Items written with a new vector (computed, or taken from the shipped file: ``shipped``).
    embedded: int = 0
    unchanged: int = 0
    deleted: int = 0
    shipped: int = 0


@contextlib.contextmanager
def committed(conn: psycopg.Connection) -> Iterator[None]:
    """A transaction that is committed when the block ends.

    Why: ``conn.transaction()`` on a connection whose last read left a transaction open is only
    a savepoint, made durable by whatever commits next; at the end of a command nothing does,
    and closing the connection rolls it back. The first index build lost its last source's
    seed rows, fingerprint and full-text statistics that way.
    """
    if conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
        conn.commit()
    with conn.transaction():
        yield


def vector_literal(vec: np.ndarray) -> str:
    """pgvector's text form of a vector (no adapter registration needed, works on any server)."""
    return "[" + ",".join(f"{x:.7g}" for x in vec.tolist()) + "]"


@dataclass(frozen=True, slots=True)
class BinaryVector:
    """A vector in pgvector's binary input form (dimension, 0, big-endian float32 values).

    Why: a query vector sent this way is exact (the text form rounds to 7 digits) and costs
    ~0.1 ms less per search than formatting and parsing 384 numbers as text. Bind it as
    ``%b::vector``; make it with :func:`binary_vector`.
    """

    payload: bytes


class _BinaryVectorDumper(Dumper):
    format = Format.BINARY
    oid = 0  # unknown: the server takes the type from the statement's ``::vector`` cast

    def dump(self, obj: BinaryVector) -> bytes:
        return obj.payload


def binary_vector(conn: psycopg.Connection, vec: np.ndarray) -> BinaryVector:
    """``vec`` as a ``%b::vector`` parameter for ``conn`` (registers the dumper on it, so no
    type lookup or global registration is needed)."""
    conn.adapters.register_dumper(BinaryVector, _BinaryVectorDumper)
    values = np.asarray(vec, dtype=">f4").ravel()
    return BinaryVector(struct.pack(">HH", values.size, 0) + values.tobytes())


@dataclass
class KindPlan:
    """What syncing one kind will do, worked out before any vector is computed (so a build can
    show one progress bar over every kind): documents by key, their content hashes, the ones
    to write and the stored keys to delete."""

    kind: str
    docs: dict[str, KnowledgeDoc]
    hashes: dict[str, str]
    changed: list[KnowledgeDoc]
    gone: list[str]


def plan_kind(
    conn: psycopg.Connection,
    kind: str,
    docs: Iterable[KnowledgeDoc],
    model_id: str,
    *,
    ignore_stored: bool = False,
) -> KindPlan:
    """Compare ``docs`` with the stored items of ``kind`` (all are changed with
    ``ignore_stored``, for a rebuild that deletes the kind first)."""
    by_key: dict[str, KnowledgeDoc] = {}
    for doc in docs:
        if doc.kind != kind:
            raise ValueError(f"document {doc.key!r} is a {doc.kind}, not a {kind}")
        if doc.key in by_key:
            raise ValueError(f"two {kind} documents share the key {doc.key!r}")
        by_key[doc.key] = doc
    stored: dict[str, str] = {}
    if not ignore_stored:
        stored = dict(
            conn.execute(
                "SELECT item_key, content_hash FROM knowledge_items WHERE kind = %s", (kind,)
            ).fetchall()
        )
        conn.commit()
    hashes = {key: doc.content_hash(model_id) for key, doc in by_key.items()}
    changed = [by_key[k] for k in sorted(by_key) if stored.get(k) != hashes[k]]
    return KindPlan(kind, by_key, hashes, changed, sorted(set(stored) - set(by_key)))


def sync_kind(
    conn: psycopg.Connection,
    kind: str,
    docs: Iterable[KnowledgeDoc],
    embedder: DocumentEmbedder,
    *,
    batch_size: int = 1024,
    progress: bool = False,
    on_batch: Callable[[int], None] | None = None,
) -> SyncStats:
    """Make the stored items of ``kind`` equal to ``docs``; returns what changed."""
    plan = plan_kind(conn, kind, docs, embedder.model_id)
    return apply_plan(
        conn, plan, embedder, batch_size=batch_size, progress=progress, on_batch=on_batch
    )


def apply_plan(
    conn: psycopg.Connection,
    plan: KindPlan,
    embedder: DocumentEmbedder,
    *,
    batch_size: int = 1024,
    progress: bool = False,
    on_batch: Callable[[int], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> SyncStats:
    """Write ``plan``'s changed documents with their vectors, batch by batch (each batch is
    committed), then delete its vanished keys. ``progress`` shows the embedder's own bar per
    batch; ``on_progress(n)`` is told as texts get embedded instead."""
    from indexing.shipped import embed_with_progress

    kind, changed = plan.kind, plan.changed
    stats = SyncStats(kind, total=len(plan.docs), unchanged=len(plan.docs) - len(changed))
    reused_before = int(getattr(embedder, "reused", 0))
    for start in range(0, len(changed), batch_size):
        batch = changed[start : start + batch_size]
        texts = [d.embedding_text for d in batch]
        if on_progress is not None:
            vectors = embed_with_progress(embedder, texts, 64, on_progress)
        else:
            vectors = embedder.embed_documents(texts, batch_size=64, progress=progress)
        with committed(conn):  # each batch on its own: an interrupted run keeps it
            _upsert(conn, kind, batch, plan.hashes, vectors)
        stats.embedded += len(batch)
        if on_batch:
            on_batch(len(batch))
    stats.shipped = int(getattr(embedder, "reused", 0)) - reused_before
    if plan.gone:
        with committed(conn):
            conn.execute(
                "DELETE FROM knowledge_items WHERE kind = %s AND item_key = ANY(%s)",
                (kind, plan.gone),
            )
        stats.deleted = len(plan.gone)
    return stats


def _upsert(
    conn: psycopg.Connection,
    kind: str,
    batch: Sequence[KnowledgeDoc],
    hashes: dict[str, str],
    vectors: np.ndarray,
) -> None:
    """Insert or update documents with their vectors (sent in pgvector's binary form: exact,
    and no 384 numbers formatted per row) in the current transaction."""
    rows = [  # built first: binary_vector registers its dumper, which a cursor copies
        (
            kind,
            d.key,
            d.title,
            d.content,
            list(d.node_types),
            list(d.categories),
            Jsonb(d.metadata),
            hashes[d.key],
            binary_vector(conn, v),
        )
        for d, v in zip(batch, vectors, strict=True)
    ]
    with conn.cursor() as cur:
        cur.executemany(
            """INSERT INTO knowledge_items
                   (kind, item_key, title, content, node_types, categories, metadata,
                    content_hash, embedding, updated_at)
               VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %b::vector, now())
               ON CONFLICT (kind, item_key) DO UPDATE SET
                   title = EXCLUDED.title, content = EXCLUDED.content,
                   node_types = EXCLUDED.node_types, categories = EXCLUDED.categories,
                   metadata = EXCLUDED.metadata, content_hash = EXCLUDED.content_hash,
                   embedding = EXCLUDED.embedding, updated_at = now()""",
            rows,
        )


#: From this many rows to write, a build drops the vector (HNSW) indexes, writes, and creates
#: them again, all in one transaction: inserting row by row into two HNSW graphs took ~50 s of
#: a 64 s first build (9,223 rows); building them afterwards costs a few seconds.
BULK_ROWS = 2000


def write_in_bulk(
    conn: psycopg.Connection,
    plans: Sequence[KindPlan],
    embedder: DocumentEmbedder,
    *,
    on_progress: Callable[[int], None] | None = None,
    on_kind: Callable[[str], None] | None = None,
    delete_first: bool = False,
) -> list[SyncStats]:
    """Apply many plans at once: every vector first (shipped or computed), then one transaction
    that drops the knowledge items' HNSW indexes, writes the rows (after deleting the plans'
    kinds with ``delete_first``), deletes vanished keys and recreates the indexes from their
    own definitions. Atomic: an interrupted load leaves the index as it was. Searches from
    other sessions wait for the commit (the table is locked while its indexes are rebuilt)."""
    from indexing.shipped import embed_with_progress

    vectors = []
    stats = []
    for plan in plans:
        reused_before = int(getattr(embedder, "reused", 0))
        if on_kind is not None:
            on_kind(plan.kind)
        texts = [d.embedding_text for d in plan.changed]
        vectors.append(embed_with_progress(embedder, texts, 64, on_progress))
        stats.append(
            SyncStats(
                plan.kind,
                total=len(plan.docs),
                embedded=len(plan.changed),
                unchanged=len(plan.docs) - len(plan.changed),
                deleted=len(plan.gone),
                shipped=int(getattr(embedder, "reused", 0)) - reused_before,
            )
        )
    with committed(conn):
        definitions = [
            row[0]
            for row in conn.execute(
                "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() "
                "AND tablename = 'knowledge_items' AND indexdef LIKE '%% USING hnsw %%' "
                "ORDER BY indexname"
            ).fetchall()
        ]
        for definition in definitions:
            name = definition.split(" INDEX ", 1)[1].split(" ON ", 1)[0]
            conn.execute(f"DROP INDEX {name}")
        if delete_first:
            conn.execute(
                "DELETE FROM knowledge_items WHERE kind = ANY(%s)", ([p.kind for p in plans],)
            )
        for plan, kind_vectors in zip(plans, vectors, strict=True):
            _upsert(conn, plan.kind, plan.changed, plan.hashes, kind_vectors)
            if plan.gone:
                conn.execute(
                    "DELETE FROM knowledge_items WHERE kind = %s AND item_key = ANY(%s)",
                    (plan.kind, plan.gone),
                )
        conn.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for definition in definitions:
            conn.execute(definition)
    return stats
