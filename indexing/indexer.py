"""Build or update the knowledge index: every source's documents into ``knowledge_items``,
and the structured records into their seed tables (``workflow_tips``, ``workflow_templates``,
``node_patterns``).

Incremental by content hash: a no-op run reads hashes and embeds nothing; ``rebuild`` clears the
selected kinds first. The embedding model is loaded only when something needs embedding.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg

from indexing.documents import SOURCE_KINDS, KnowledgeDoc
from indexing.store import (
    BULK_ROWS,
    KindPlan,
    SyncStats,
    apply_plan,
    committed,
    plan_kind,
    write_in_bulk,
)
from nodepilot.errors import UserError
from nodepilot.paths import DATASETS_DIR, SEEDS_DIR


@dataclass
class IndexReport:
    """What one ``build_index`` call did, per kind, and how long it took."""

    stats: list[SyncStats] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def shipped(self) -> int:
        """How many written items took their vector from the shipped file (the rest of
        ``embedded`` ran through the model)."""
        return sum(s.shipped for s in self.stats)

    @property
    def embedded(self) -> int:
        return sum(s.embedded for s in self.stats)

    @property
    def deleted(self) -> int:
        return sum(s.deleted for s in self.stats)

    @property
    def unchanged(self) -> int:
        return sum(s.unchanged for s in self.stats)


def parse_only(only: str | Iterable[str] | None) -> list[str]:
    """The sources named by ``--only`` (comma-separated), checked; all sources when empty."""
    if only is None:
        return list(SOURCE_KINDS)
    names = [p.strip() for p in (only.split(",") if isinstance(only, str) else only)]
    names = [n for n in names if n]
    unknown = [n for n in names if n not in SOURCE_KINDS]
    if unknown:
        raise UserError(
            f"unknown index source {unknown[0]!r}", hint=f"sources are: {', '.join(SOURCE_KINDS)}"
        )
    return names or list(SOURCE_KINDS)


def _source_inputs(source: str) -> list[Path]:
    """The files whose change means a source must be read again: the data, and the code that
    turns it into documents (for templates that includes nodepilot/workflow.py, whose trigger
    rule decides each template's ``metadata.trigger``)."""
    import nodepilot.workflow
    from indexing.corpus import templates_dir

    code = [Path(__file__).with_name(n) for n in ("sources.py", "documents.py", "seed_tables.py")]
    inputs = {
        "catalog": [SEEDS_DIR / "catalog"],
        "templates": [
            SEEDS_DIR / "templates",
            templates_dir(),
            DATASETS_DIR / "reference_ids.txt",
            Path(nodepilot.workflow.__file__),
        ],
        "patterns": [SEEDS_DIR / "patterns"],
        "tips": [SEEDS_DIR / "tips"],
    }[source]
    return code + inputs


def source_fingerprint(source: str, model_id: str) -> str:
    """A hash of the source's input files (path, size, mtime), the builder code and the model."""
    digest = hashlib.sha256(f"{source}\0{model_id}".encode())
    for root in _source_inputs(source):
        paths = sorted(root.rglob("*")) if root.is_dir() else [root]
        for path in paths:
            try:
                st = path.stat()
            except OSError:
                digest.update(f"{path}\0missing".encode())
                continue
            if path.is_file():
                digest.update(f"{path}\0{st.st_size}\0{st.st_mtime_ns}".encode())
    return digest.hexdigest()


def _stored_fingerprint(conn: psycopg.Connection, source: str) -> str | None:
    row = conn.execute(
        "SELECT fingerprint FROM index_sources WHERE source = %s", (source,)
    ).fetchone()
    conn.commit()
    return row[0] if row else None


def source_documents(source: str) -> dict[str, list[KnowledgeDoc]]:
    """The documents a source builds, by kind (what ``nodepilot index`` stores)."""
    from indexing import sources

    build = {
        "catalog": sources.catalog_docs,
        "templates": sources.template_docs,
        "patterns": sources.pattern_docs,
        "tips": sources.tip_docs,
    }[source]
    by_kind: dict[str, list[KnowledgeDoc]] = {k: [] for k in SOURCE_KINDS[source]}
    for doc in build():
        by_kind[doc.kind].append(doc)
    return by_kind


@dataclass
class _SourcePlan:
    """One source read and compared with the store, before anything is written."""

    source: str
    fingerprint: str
    docs: list[KnowledgeDoc]
    kinds: list[KindPlan]


def _with_shipped_vectors(embedder: Any, use_shipped: bool) -> Any:
    """``embedder`` behind the shipped vectors of its model, when there are some."""
    if not use_shipped:
        return embedder
    from indexing.shipped import PrefilledEmbedder, load_vectors

    shipped = load_vectors(embedder.model_id)
    return embedder if shipped is None else PrefilledEmbedder(embedder, shipped)


def _plan_sources(
    conn: psycopg.Connection,
    selected: list[str],
    model_id: str,
    rebuild: bool,
    documents: Callable[[str], dict[str, list[KnowledgeDoc]]] | None,
    report: IndexReport,
    log: Callable[[str], None] | None,
) -> list[_SourcePlan]:
    """Read each selected source whose inputs changed and work out what to write."""
    plans = []
    for source in selected:
        fingerprint = source_fingerprint(source, model_id)
        if documents is not None:
            fingerprint = "injected"
        elif not rebuild and _stored_fingerprint(conn, source) == fingerprint:
            report.skipped.append(source)
            if log:
                log(f"{source:<9} unchanged")
            continue
        by_kind = (documents or source_documents)(source)
        kinds = [
            plan_kind(conn, kind, docs, model_id, ignore_stored=rebuild)
            for kind, docs in by_kind.items()
        ]
        docs = [d for kind_docs in by_kind.values() for d in kind_docs]
        plans.append(_SourcePlan(source, fingerprint, docs, kinds))
    return plans


def _to_embed(embedder: Any, plans: list[_SourcePlan]) -> int:
    """How many documents the plans need vectors for that are not shipped."""
    texts = [d.embedding_text for p in plans for k in p.kinds for d in k.changed]
    missing = getattr(embedder, "missing", None)
    return missing(texts) if missing is not None else len(texts)


def _write_plans(
    conn: psycopg.Connection,
    plans: list[_SourcePlan],
    embedder: Any,
    bar: Any,
    rebuild: bool,
) -> list[SyncStats]:
    """Write every kind's changes: in one bulk transaction when there are many rows (the first
    build), else kind by kind in committed batches (an interrupted run keeps what it wrote)."""
    kinds = [k for plan in plans for k in plan.kinds]
    if sum(len(k.changed) for k in kinds) >= BULK_ROWS:
        return write_in_bulk(
            conn, kinds, embedder, on_progress=bar.advance, on_kind=bar.start, delete_first=rebuild
        )
    stats = []
    for kind_plan in kinds:
        if rebuild:
            with committed(conn):
                conn.execute("DELETE FROM knowledge_items WHERE kind = %s", (kind_plan.kind,))
        bar.start(kind_plan.kind)
        stats.append(apply_plan(conn, kind_plan, embedder, on_progress=bar.advance))
    return stats


def build_index(
    conn: psycopg.Connection,
    only: str | Iterable[str] | None = None,
    *,
    rebuild: bool = False,
    embedder: Any = None,
    documents: Callable[[str], dict[str, list[KnowledgeDoc]]] | None = None,
    progress: bool = False,
    log: Callable[[str], None] | None = None,
    shipped: bool = True,
) -> IndexReport:
    """Index the selected sources (all by default) and return what changed.

    Vectors come from the shipped file of the model where it has them (``shipped=False``
    embeds everything). ``progress`` shows one bar over the whole build (a line every ~10 s
    when stderr is not a terminal). ``documents`` replaces how a source's documents are built
    (tests index a small subset); an injected source is always read, never skipped by its
    fingerprint.

    Two builds on one database take turns (``index_lock``): the second one waits, then finds
    the first one's work stored.
    """
    started = time.perf_counter()
    selected = parse_only(only)
    if embedder is None:
        from indexing.embeddings import get_embedder

        embedder = get_embedder()  # the model itself loads only when something needs embedding
    embedder = _with_shipped_vectors(embedder, shipped)
    with index_lock(conn):
        report = _build_locked(conn, selected, embedder, rebuild, documents, progress, log)
    report.seconds = time.perf_counter() - started
    return report


#: The PostgreSQL advisory lock every index build and full-text recount holds, so two processes
#: on one database (two ``serve`` replicas, ``serve`` and ``nodepilot index``) take turns.
INDEX_LOCK_KEY = int.from_bytes(b"np-index", "big")


@contextmanager
def index_lock(conn: psycopg.Connection) -> Iterator[None]:
    """Hold the index's advisory lock (session level, so it outlives the build's commits),
    waiting while another session holds it.

    Why: two builds at once both planned and wrote the whole index (double the ~40 s of a
    first build), and one of them failed recounting the full-text statistics (a duplicate key
    in ``search_lexemes``). The one that waits then finds every source's fingerprint stored and
    writes nothing. A lost connection releases the lock on the server by itself."""
    if conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
        conn.commit()
    conn.execute("SELECT pg_advisory_lock(%s)", (INDEX_LOCK_KEY,))
    conn.commit()
    try:
        yield
    finally:
        if not (conn.closed or conn.broken):
            if conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
                conn.rollback()  # a build that raised: its open transaction is not kept
            conn.execute("SELECT pg_advisory_unlock(%s)", (INDEX_LOCK_KEY,))
            conn.commit()


def _build_locked(
    conn: psycopg.Connection,
    selected: list[str],
    embedder: Any,
    rebuild: bool,
    documents: Callable[[str], dict[str, list[KnowledgeDoc]]] | None,
    progress: bool,
    log: Callable[[str], None] | None,
) -> IndexReport:
    """``build_index`` once it holds the index lock: read, plan, write, record."""
    from indexing.progress import IndexProgress
    from indexing.seed_tables import sync_table

    report = IndexReport()
    # a database no run ever touched is being built, not repaired: say so only after a run
    if log and conn.execute("SELECT EXISTS (SELECT 1 FROM index_runs)").fetchone()[0]:
        for problem in index_problems(conn):
            log(f"repairing: {problem}")
    run_id = conn.execute(
        "INSERT INTO index_runs (kinds, model_id) VALUES (%s, %s) RETURNING id",
        (selected, embedder.model_id),
    ).fetchone()[0]
    conn.commit()
    plans = _plan_sources(conn, selected, embedder.model_id, rebuild, documents, report, log)
    to_embed = _to_embed(embedder, plans)
    if log and plans:
        changed = sum(len(k.changed) for p in plans for k in p.kinds)
        log(f"writing {changed:,} items ({to_embed:,} to embed, the rest shipped)")
    with IndexProgress(to_embed if progress else 0) as bar:
        report.stats += _write_plans(conn, plans, embedder, bar, rebuild)
    if log:
        for stats in report.stats:
            shipped = f" ({stats.shipped} shipped)" if stats.shipped else ""
            log(
                f"{stats.kind:<9} {stats.total:>6} items: {stats.embedded} embedded"
                f"{shipped}, {stats.unchanged} unchanged, {stats.deleted} deleted"
            )
    for plan in plans:
        sync_table(conn, plan.source, plan.docs)
        with committed(conn):
            conn.execute(
                """INSERT INTO index_sources (source, fingerprint) VALUES (%s, %s)
                   ON CONFLICT (source) DO UPDATE SET fingerprint = EXCLUDED.fingerprint,
                   updated_at = now()""",
                (plan.source, plan.fingerprint),
            )
    if report.embedded or report.deleted or stale_text_stats(conn):
        refresh_lexeme_stats(conn)
    with committed(conn):
        conn.execute(
            """UPDATE index_runs SET finished_at = now(), embedded = %s, unchanged = %s,
               deleted = %s WHERE id = %s""",
            (report.embedded, report.unchanged, report.deleted, run_id),
        )
    return report


def refresh_lexeme_stats(conn: psycopg.Connection) -> None:
    """Recount how many items contain each full-text lexeme and how many items there are
    (both read by full-text search), and move the full-text index's pending entries into the
    index proper: a GIN index buffers writes in an unsorted list every search then scans
    (after a pattern re-index, 144 pending pages doubled the full-text leg's time, 4.2 -> 2.0
    ms median)."""
    with committed(conn):
        # one recount at a time (``nodepilot index``'s repair runs it outside a build): two at
        # once both inserted every lexeme, and the second insert hit the primary key
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (INDEX_LOCK_KEY,))
        conn.execute("DELETE FROM search_lexemes")
        conn.execute(
            "INSERT INTO search_lexemes (word, ndoc) "
            "SELECT word, ndoc FROM ts_stat('SELECT tsv FROM knowledge_items')"
        )
        conn.execute(  # an upsert: a restore that lost the row gets it back
            "INSERT INTO search_corpus (items) SELECT count(*) FROM knowledge_items "
            "ON CONFLICT (single) DO UPDATE SET items = EXCLUDED.items"
        )
        conn.execute("SELECT gin_clean_pending_list('knowledge_items_tsv_idx'::regclass)")
        conn.execute("ANALYZE knowledge_items")


def stale_text_stats(conn: psycopg.Connection) -> bool:
    """True when the full-text statistics do not describe the stored items: the item count
    differs, or items exist but no lexeme was counted (a build stopped before its last step).
    Full-text search reads both, so stale ones make it drop terms or find nothing."""
    counted, items, lexemes = conn.execute(
        "SELECT (SELECT items FROM search_corpus), (SELECT count(*) FROM knowledge_items), "
        "EXISTS (SELECT 1 FROM search_lexemes)"
    ).fetchone()
    conn.commit()
    return counted != items or (items > 0 and not lexemes)


def unfinished_sources(conn: psycopg.Connection) -> list[str]:
    """The sources with no completed sync recorded (all of them in a fresh database)."""
    done = {r[0] for r in conn.execute("SELECT source FROM index_sources").fetchall()}
    conn.commit()
    return [s for s in SOURCE_KINDS if s not in done]


def index_problems(conn: psycopg.Connection) -> list[str]:
    """What is unfinished in the stored index, in words (empty when it is complete).

    ``nodepilot index`` repairs each of these: a source without a recorded sync is read again
    (only what is missing gets embedded) and stale full-text statistics are recounted.
    """
    problems = [f"source {s} never finished a sync" for s in unfinished_sources(conn)]
    if stale_text_stats(conn):
        problems.append("full-text statistics do not match the stored items")
    return problems


def index_is_built(conn: psycopg.Connection) -> bool:
    """True when every source has completed a sync and the full-text statistics are current
    (used to build, or finish building, the index on first use)."""
    return not index_problems(conn)
