"""Hybrid retrieval over ``knowledge_items``: vector and full-text candidates fused by
reciprocal rank fusion (RRF).

Vectors catch paraphrases ("ping the team" ~ Slack); full text catches exact names a small
embedding model blurs (``googleSheets``, ``lmChatAnthropic``). RRF needs no score calibration
between the two: each list contributes ``1 / (RRF_K + rank)``. This module is the one search API
used by the engine, the CLI and the llama-index retriever.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from contextlib import nullcontext, suppress
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

import numpy as np
import psycopg

from indexing.documents import KINDS
from indexing.store import binary_vector, vector_literal
from nodepilot.errors import UserError

#: The usual RRF constant: damps the head of each list so neither list dominates.
RRF_K = 60
MAX_QUERY_CHARS = 2000
#: Each list (vector, full text) contributes at least this many candidates to the fusion.
MIN_CANDIDATES = 50
MAX_K = 200
#: Full-text query terms: at most this many of the request's lexemes, rarest first, each in at
#: most this fraction of all items (the rarest one is always kept).
MAX_TEXT_TERMS = 10
MAX_TERM_DOC_FRACTION = 0.08
Mode = Literal["hybrid", "vector", "text"]


class QueryEmbedder(Protocol):
    """What search needs from an embedding model."""

    def embed_query(self, text: str) -> np.ndarray: ...


@dataclass(frozen=True)
class SearchFilters:
    """Restrictions applied to both candidate lists (so each still yields its own top ranks)."""

    kinds: tuple[str, ...] = ()
    node_types: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    trigger: str | None = None


@dataclass(frozen=True)
class SearchHit:
    """One retrieved item with its fused score, per-list ranks and provenance."""

    kind: str
    key: str
    title: str
    content: str
    score: float
    vector_rank: int | None
    text_rank: int | None
    node_types: tuple[str, ...]
    categories: tuple[str, ...]
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def source(self) -> str | None:
        return self.metadata.get("source")

    @property
    def licence(self) -> str | None:
        return self.metadata.get("licence")

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "key": self.key,
            "title": self.title,
            "score": round(self.score, 6),
            "vector_rank": self.vector_rank,
            "text_rank": self.text_rank,
            "node_types": list(self.node_types),
            "categories": list(self.categories),
            "metadata": self.metadata,
            "content": self.content,
        }


def _hit(r: tuple[Any, ...]) -> SearchHit:
    """A result row (kind, key, title, content, node types, categories, metadata, vector rank,
    text rank, score) as a hit."""
    return SearchHit(
        kind=r[0],
        key=r[1],
        title=r[2],
        content=r[3],
        node_types=tuple(r[4]),
        categories=tuple(r[5]),
        metadata=r[6],
        vector_rank=r[7],
        text_rank=r[8],
        score=float(r[9]),
    )


def check_query(query: object, k: object, kinds: tuple[str, ...] = ()) -> str:
    """Validate user-facing search arguments; returns the cleaned query."""
    if not isinstance(query, str) or not query.strip():
        raise UserError("the search query is empty", hint="give a few words to search for")
    if len(query) > MAX_QUERY_CHARS:
        raise UserError(
            f"the search query is {len(query):,} characters long; the limit is {MAX_QUERY_CHARS:,}",
            hint="shorten it to the words that matter",
        )
    if not isinstance(k, int) or isinstance(k, bool) or k <= 0 or k > MAX_K:
        raise UserError(f"k must be a whole number from 1 to {MAX_K}, not {k!r}")
    check_kinds(kinds)
    return query.strip()


def check_kinds(kinds: Sequence[str]) -> None:
    """A clear error naming the first kind that is not one of KINDS."""
    unknown = [kd for kd in kinds if kd not in KINDS]
    if unknown:
        raise UserError(f"unknown kind {unknown[0]!r}", hint=f"kinds are: {', '.join(KINDS)}")


def _where(filters: SearchFilters) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if len(filters.kinds) == 1:
        # A literal, not a parameter: the planner then uses the kind's own (partial) index even
        # in a generic plan, which PostgreSQL may pick for a statement prepared and run often
        # (a generic ``kind = $1`` plan cannot use the template-only vector index, and half of
        # the dev requests then got other templates). Safe: the kind is one of KINDS.
        check_kinds(filters.kinds)
        clauses.append(f"kind = '{filters.kinds[0]}'")
    elif filters.kinds:
        clauses.append("kind = ANY(%s)")
        params.append(list(filters.kinds))
    if filters.node_types:
        clauses.append("node_types && %s")
        params.append(list(filters.node_types))
    if filters.categories:
        clauses.append("categories && %s")
        params.append(list(filters.categories))
    if filters.trigger:
        clauses.append("metadata->>'trigger' = %s")
        params.append(filters.trigger)
    return (" AND ".join(clauses) or "TRUE"), params


#: Full-text candidates, best first. Only the request's rarer lexemes (by document frequency)
#: form the OR query: frequent ones match most items, carry no signal and make ranking scan the
#: whole table. ``{where}`` takes the filters. The lexemes' frequencies are read with
#: ``word = ANY(...)`` (a tsvector's lexemes are distinct), which the planner answers from the
#: primary key; written as a join with the unnested lexemes it hashed a scan of all ~8,700
#: rows instead, 1.6 ms of a 3.2 ms leg, twice per request (same rows on 40 bench requests;
#: execution median 3.2 -> 2.0 ms).
_TEXT_SQL = """
    WITH terms AS (
        SELECT word FROM (
            SELECT l.word, l.ndoc, row_number() OVER (ORDER BY l.ndoc, l.word) AS rn
            FROM search_lexemes l
            WHERE l.word = ANY(tsvector_to_array(to_tsvector('english', %s)))) w
        WHERE rn <= %s AND (rn = 1 OR ndoc <= greatest(
            50, %s * (SELECT items FROM search_corpus)))),
    q AS (SELECT to_tsquery('simple', coalesce(string_agg(quote_literal(word), ' | '), ''))
          AS q FROM terms)
    SELECT id, kind, item_key, node_types[1] FROM (
        SELECT id, kind, item_key, node_types, ts_rank(tsv, q.q) AS r FROM knowledge_items, q
        WHERE tsv @@ q.q AND {where} ORDER BY r DESC, id LIMIT %s) s
    ORDER BY r DESC, id"""


class Lookup:
    """The hits of one lookup queued on a :class:`SearchBatch`, readable once it has run."""

    def __init__(self) -> None:
        self._hits: list[SearchHit] | None = None

    def result(self) -> list[SearchHit]:
        if self._hits is None:
            raise RuntimeError("the search batch has not run yet")
        return self._hits


@dataclass
class _Search:
    """One queued search: its checked arguments, then its legs' cursors and fused choice."""

    found: Lookup
    query: str
    k: int
    n: int
    where: str
    wparams: list[Any]
    use_vec: bool
    use_txt: bool
    max_per_type: int | None
    legs: tuple[Any, Any] = (None, None)
    chosen: list[tuple[int, int | None, int | None, float]] = field(default_factory=list)


@dataclass
class _Fetch:
    """One queued lookup whose statement returns finished hit rows (``_hit``'s columns)."""

    found: Lookup
    sql: str
    params: tuple[Any, ...]
    queries: tuple[str, ...] = ()  # texts whose vectors go first in ``params`` (as literals)
    cursor: Any = None


class SearchBatch:
    """Several lookups (``search``, ``best_per_type``, ``get_items``) run together on one
    connection: one transaction, statements sent in pipeline mode, three round trips.

    Why: a request's retrieval is several lookups; run one by one, each is its own
    transaction (BEGIN, settings, a statement per leg, a fetch, COMMIT), some 23 round trips
    per request, each waking both the client and the server. Here every statement that does
    not need another's result goes out at once; the searches' full rows are then read with
    one statement for all of them, sent with the COMMIT (see ``run``). Each lookup returns
    exactly what it returns alone: the same statements in the order queued, each vector leg
    under the HNSW settings its search sets.
    """

    def __init__(self, conn: psycopg.Connection, *, embedder: QueryEmbedder | None = None):
        self.conn = conn
        self.embedder = embedder
        self._jobs: list[_Search | _Fetch] = []

    def search(
        self,
        query: str,
        k: int = 10,
        *,
        filters: SearchFilters | None = None,
        mode: Mode = "hybrid",
        candidates: int | None = None,
        max_per_type: int | None = None,
    ) -> Lookup:
        """Queue :func:`search` (same arguments, checked now)."""
        filters = filters or SearchFilters()
        query = check_query(query, k, filters.kinds)
        if mode not in ("hybrid", "vector", "text"):
            raise UserError(f"unknown search mode {mode!r}", hint="use hybrid, vector or text")
        n = candidates or max(MIN_CANDIDATES, 4 * k)
        where, wparams = _where(filters)
        if max_per_type is not None and max_per_type <= 0:
            raise UserError(f"max_per_type must be positive, not {max_per_type}")
        job = _Search(
            Lookup(), query, k, n, where, wparams,
            use_vec=mode in ("hybrid", "vector"), use_txt=mode in ("hybrid", "text"),
            max_per_type=max_per_type,
        )  # fmt: skip
        self._jobs.append(job)
        return job.found

    def items(self, kind: str, keys: Sequence[str]) -> Lookup:
        """Queue :func:`get_items` (same arguments, checked now)."""
        check_kinds((kind,))
        keys = list(dict.fromkeys(keys))
        job = _Fetch(Lookup(), _ITEMS_SQL, (keys, kind))
        if keys:
            self._jobs.append(job)
        else:
            job.found._hits = []
        return job.found

    def best_per_type(
        self,
        query: str | Sequence[str],
        node_types: Sequence[str],
        *,
        kinds: tuple[str, ...] = ("node", "operation", "pattern"),
        per_type: int = 1,
        filters: SearchFilters | None = None,
    ) -> Lookup:
        """Queue :func:`best_per_type` (same arguments, checked now)."""
        queries = [query] if isinstance(query, str) else list(dict.fromkeys(query))
        if not queries:
            raise UserError("the search query is empty", hint="give a few words to search for")
        if (
            not isinstance(per_type, int)
            or isinstance(per_type, bool)
            or not 1 <= per_type <= MAX_K
        ):
            raise UserError(f"per_type must be a whole number from 1 to {MAX_K}, not {per_type!r}")
        queries = [check_query(q, per_type, kinds) for q in queries]
        extra = SearchFilters(
            categories=filters.categories if filters else (),
            trigger=filters.trigger if filters else None,
        )
        where, wparams = _where(extra)
        types = list(dict.fromkeys(t for t in node_types if isinstance(t, str) and t))
        job = _Fetch(
            Lookup(), _LINKED_SQL.format(where=where),
            (types, list(kinds), *wparams, per_type), tuple(queries),
        )  # fmt: skip
        if types:
            self._jobs.append(job)
        else:
            job.found._hits = []
        return job.found

    def run(self) -> None:
        """Embed the queries, run every queued lookup and fill in their results.

        One transaction, as each lookup alone had: on an idle connection, psycopg's BEGIN
        (round trip 1), every statement and a sync (2), the searches' rows and the COMMIT (3;
        without searches, everything goes with the COMMIT);
        in autocommit mode the statements before the sync form one implicit transaction (no
        BEGIN); inside a caller's transaction, a savepoint as before. A libpq without pipeline
        mode (older than 14) runs the same statements one by one.
        """
        vectors = self._embed()
        conn = self.conn
        pipelined = psycopg.Pipeline.is_supported()
        status = conn.info.transaction_status
        own = not conn.autocommit and status == psycopg.pq.TransactionStatus.IDLE
        wrap = status == psycopg.pq.TransactionStatus.INTRANS or (conn.autocommit and not pipelined)
        try:
            with (
                conn.transaction() if wrap else nullcontext(),
                conn.pipeline() if pipelined else nullcontext() as pipe,
            ):
                self._send(vectors)
                if pipe is not None and any(isinstance(j, _Search) for j in self._jobs):
                    pipe.sync()  # the searches' legs are needed before their rows
                rows_cursor = self._queue_rows()
                if own:  # sent with the rows query (commit() would sync on its own)
                    conn.execute("COMMIT")
        except BaseException:
            if own and not conn.closed:  # out of pipeline mode: a plain ROLLBACK
                with suppress(psycopg.Error):
                    conn.rollback()
            raise
        by_id = {r[0]: r for r in rows_cursor.fetchall()} if rows_cursor is not None else {}
        for job in self._jobs:
            if isinstance(job, _Fetch):
                job.found._hits = [_hit(r) for r in job.cursor.fetchall()]
            else:
                job.found._hits = [
                    _hit((*by_id[i][1:], vrank, trank, score))
                    for i, vrank, trank, score in job.chosen
                    if i in by_id
                ]

    def _queue_rows(self) -> Any:
        """Fuse each search's legs (their results are in) and queue one statement reading the
        chosen items' full rows, for all searches at once (None when nothing was chosen)."""
        for job in self._jobs:
            if isinstance(job, _Search):
                vec_rows, text_rows = (c.fetchall() if c is not None else [] for c in job.legs)
                job.chosen = _fuse(vec_rows, text_rows, job.k, job.max_per_type)
        ids = list(
            dict.fromkeys(c[0] for j in self._jobs if isinstance(j, _Search) for c in j.chosen)
        )
        return self.conn.execute(_ROWS_SQL, [ids]) if ids else None

    def _embed(self) -> dict[str, np.ndarray]:
        """Each distinct query text that a vector leg or a linked lookup needs, embedded once
        (before anything is sent: the pipeline's query is usually embedded already, by intent
        classification)."""
        texts: dict[str, None] = {}
        for job in self._jobs:
            if isinstance(job, _Search):
                if job.use_vec:
                    texts.setdefault(job.query, None)
            else:
                texts.update(dict.fromkeys(job.queries))
        if texts and self.embedder is None:
            from indexing.embeddings import get_embedder

            self.embedder = get_embedder()
        return {t: self.embedder.embed_query(t) for t in texts} if self.embedder else {}

    def _send(self, vectors: dict[str, np.ndarray]) -> None:
        """Queue every lookup's statements in order (nothing waits for a result here)."""
        conn = self.conn
        ef_search = None
        for job in self._jobs:
            if isinstance(job, _Fetch):
                literals = [
                    vector_literal(np.asarray(vectors[q], dtype=np.float32)) for q in job.queries
                ]
                params = (literals, *job.params) if job.queries else job.params
                job.cursor = conn.execute(job.sql, params)
                continue
            text_cur = vec_cur = None
            if job.use_txt:
                text_params = [
                    job.query,
                    MAX_TEXT_TERMS,
                    MAX_TERM_DOC_FRACTION,
                    *job.wparams,
                    job.n,
                ]
                text_cur = conn.execute(_TEXT_SQL.format(where=job.where), text_params)
            if job.use_vec:
                wanted = str(max(40, min(job.n, 1000)))
                if wanted != ef_search:
                    # pgvector 0.8: keep scanning the HNSW graph until enough rows pass the
                    # filters (transaction-local; only vector legs read these settings)
                    conn.execute(
                        "SELECT set_config('hnsw.iterative_scan', 'relaxed_order', true), "
                        "set_config('hnsw.ef_search', %s, true)",
                        [wanted],
                    )
                    ef_search = wanted
                vec_cur = conn.execute(
                    f"""SELECT id, kind, item_key, node_types[1] FROM knowledge_items
                        WHERE {job.where} ORDER BY embedding <=> %b::vector LIMIT %s""",
                    [*job.wparams, binary_vector(conn, vectors[job.query]), job.n],
                )
            job.legs = (vec_cur, text_cur)


_ROWS_SQL = """SELECT id, kind, item_key, title, content, node_types, categories, metadata
               FROM knowledge_items WHERE id = ANY(%s)"""

_ITEMS_SQL = """SELECT ki.kind, ki.item_key, ki.title, ki.content, ki.node_types, ki.categories,
                      ki.metadata, NULL::bigint, NULL::bigint, 1.0
               FROM unnest(%s::text[]) WITH ORDINALITY AS k(key, ord)
               JOIN knowledge_items ki ON ki.kind = %s AND ki.item_key = k.key
               ORDER BY k.ord"""

#: Each type's items closest to the nearest of the query vectors (``%s`` first: their text
#: forms): each ranked within the type it has first, found per type through the index on
#: (first node type, kind) (migration 0012; through the GIN index on all types, ~650 of ~700
#: rows read were templates filtered out: execution median 5.4/5.6 -> 3.1/2.6 ms on 40 bench
#: requests, same rows); ``{where}`` takes the category and trigger filters.
_LINKED_SQL = """WITH qs AS MATERIALIZED (
               SELECT array_agg(v::vector) AS vs FROM unnest(%s::text[]) v),
           t AS (SELECT * FROM unnest(%s::text[]) WITH ORDINALITY AS t(type, ord))
           SELECT x.kind, x.item_key, x.title, x.content, x.node_types, x.categories,
                  x.metadata, NULL::bigint, NULL::bigint, 1 - x.dist
           FROM (
               SELECT ki.kind, ki.item_key, ki.title, ki.content, ki.node_types, ki.categories,
                      ki.metadata, t.ord, d.dist, row_number() OVER (
                          PARTITION BY t.ord ORDER BY d.dist, ki.kind, ki.item_key) AS rank
               FROM knowledge_items ki
               JOIN t ON ki.node_types[1] = t.type
               CROSS JOIN qs
               CROSS JOIN LATERAL (
                   SELECT (SELECT min(ki.embedding <=> q) FROM unnest(qs.vs) q) AS dist) d
               WHERE ki.kind = ANY(%s) AND {where}) x
           WHERE x.rank <= %s
           ORDER BY x.ord, x.dist, x.kind, x.item_key"""


def search(
    conn: psycopg.Connection,
    query: str,
    k: int = 10,
    *,
    embedder: QueryEmbedder | None = None,
    filters: SearchFilters | None = None,
    mode: Mode = "hybrid",
    candidates: int | None = None,
    max_per_type: int | None = None,
) -> list[SearchHit]:
    """The top ``k`` items for ``query``. ``mode`` picks vector-only, text-only or both fused.

    ``max_per_type`` keeps at most that many items per (first) node type, so a request naming
    several apps gets results about each of them rather than ten operations of one app.
    Each leg returns (id, kind, key, first node type) in rank order; the fusion, the per-type
    cap and the tie order happen in Python, and only the final ``k`` rows are read in full
    (cheaper than fusing in SQL over every candidate row). Several searches of one request:
    queue them on a :class:`SearchBatch`.
    """
    batch = SearchBatch(conn, embedder=embedder)
    found = batch.search(
        query, k, filters=filters, mode=mode, candidates=candidates, max_per_type=max_per_type
    )
    batch.run()
    return found.result()


def _fuse(
    vec_rows: list[tuple[Any, ...]],
    text_rows: list[tuple[Any, ...]],
    k: int,
    max_per_type: int | None,
) -> list[tuple[int, int | None, int | None, float]]:
    """Reciprocal rank fusion of the two legs' (id, kind, key, first type) rows: the best
    ``k`` as (id, vector rank, text rank, score), at most ``max_per_type`` per first node type,
    ties broken by kind and key."""
    info: dict[int, tuple[str, str, str | None]] = {}
    vrank: dict[int, int] = {}
    trank: dict[int, int] = {}
    for ranks, rows in ((vrank, vec_rows), (trank, text_rows)):
        for rank, (i, kind, key, first) in enumerate(rows, start=1):
            ranks.setdefault(i, rank)
            info[i] = (kind, key, first)
    scores = {
        i: (1.0 / (RRF_K + vrank[i]) if i in vrank else 0.0)
        + (1.0 / (RRF_K + trank[i]) if i in trank else 0.0)
        for i in info
    }
    out: list[tuple[int, int | None, int | None, float]] = []
    per_type: dict[str | None, int] = {}
    for i in sorted(info, key=lambda i: (-scores[i], info[i][0], info[i][1])):
        first = info[i][2]
        if max_per_type is not None and per_type.get(first, 0) >= max_per_type:
            continue
        per_type[first] = per_type.get(first, 0) + 1
        out.append((i, vrank.get(i), trank.get(i), scores[i]))
        if len(out) == k:
            break
    return out


_CLAUSE_SPLIT = re.compile(
    r"[.;!?\n]+|,\s*|\s+(?:and then|then|and|after that|afterwards|also|plus|or|und|e|y)\s+",
    re.IGNORECASE,
)


def split_clauses(text: str, max_clauses: int = 8) -> list[str]:
    """The request's clauses ("pull refunds from Stripe", "ping #finance on Slack"), each
    a separate query: one embedding of a many-app request blurs the apps together."""
    parts = [p.strip() for p in _CLAUSE_SPLIT.split(text) if p and p.strip()]
    clauses = [p for p in parts if len(p.split()) >= 2 or any(ch.isupper() for ch in p)]
    return list(dict.fromkeys(clauses))[:max_clauses]


def get_items(conn: psycopg.Connection, kind: str, keys: Sequence[str]) -> list[SearchHit]:
    """The items of ``kind`` with these keys, in the order given (unknown keys are skipped):
    for a caller that already knows exactly what it needs, e.g. the operation a step uses."""
    batch = SearchBatch(conn)
    found = batch.items(kind, keys)
    batch.run()
    return found.result()


def best_per_type(
    conn: psycopg.Connection,
    query: str | Sequence[str],
    node_types: Sequence[str],
    *,
    embedder: QueryEmbedder | None = None,
    kinds: tuple[str, ...] = ("node", "operation", "pattern"),
    per_type: int = 1,
    filters: SearchFilters | None = None,
) -> list[SearchHit]:
    """For each node type, in the order given, its ``per_type`` items closest to ``query``.

    ``query`` may be several texts (a request and its clauses): an item's distance is then its
    distance to the closest of them, so Slack's best item is the one nearest "ping #finance on
    Slack", not the one nearest the whole paragraph. Exact distances over that type's own items
    (a few hundred at most), not the HNSW graph: a type the request names must be represented
    even when its items rank far down the global neighbour list. Types without items (unknown
    or community nodes) yield nothing. ``filters`` adds its category and trigger conditions
    (its kinds and node types are this function's own arguments).
    """
    batch = SearchBatch(conn, embedder=embedder)
    found = batch.best_per_type(query, node_types, kinds=kinds, per_type=per_type, filters=filters)
    batch.run()
    return found.result()


def _linked_order(hits: list[SearchHit], types: Sequence[str], k: int) -> list[SearchHit]:
    """Linked hits in the order they are placed: every type's best item before any type's
    second; types by closeness, or, when there are more types than ``k``, the first ``k``
    types in the order given."""
    by_type: dict[str, list[SearchHit]] = {}
    for hit in hits:
        by_type.setdefault(hit.node_types[0], []).append(hit)
    order = [t for t in dict.fromkeys(types) if t in by_type]
    if len(order) > k:
        order = order[:k]
    else:
        order.sort(key=lambda t: (-by_type[t][0].score, t))
    depth = max((len(v) for v in by_type.values()), default=0)
    return [by_type[t][i] for i in range(depth) for t in order if i < len(by_type[t])]


def search_request(
    conn: psycopg.Connection,
    request: str,
    k: int = 10,
    *,
    embedder: QueryEmbedder | None = None,
    filters: SearchFilters | None = None,
    mode: Mode = "hybrid",
    max_per_type: int | None = 1,
    linked: Sequence[str] = (),
) -> list[SearchHit]:
    """Retrieval for a whole automation request: the request and each of its clauses are
    searched, and the lists are merged by best rank (clauses take turns, so each app the
    request names gets its top items in; an item found by several lists wins ties), keeping
    at most ``max_per_type`` items per node type.

    ``linked`` are node types the caller has already linked to the request (entity linking:
    the apps, triggers and AI parts it names). Their best items for the request come first,
    closest first (when there are more than ``k``, the first ``k`` types given win), and the
    searched items fill the remaining places.
    """
    filters = filters or SearchFilters()
    request = check_query(request, k, filters.kinds)
    queries = [request] + [c for c in split_clauses(request) if c != request]
    out: list[SearchHit] = []
    taken: set[tuple[str, str]] = set()
    per_type: dict[str, int] = {}

    def take(hit: SearchHit, score: float) -> bool:
        first = hit.node_types[0] if hit.node_types else ""
        if max_per_type is not None and per_type.get(first, 0) >= max_per_type:
            return False
        if (hit.kind, hit.key) in taken:
            return False
        taken.add((hit.kind, hit.key))
        per_type[first] = per_type.get(first, 0) + 1
        out.append(dataclasses.replace(hit, score=score))
        return len(out) == k

    batch = SearchBatch(conn, embedder=embedder)
    linked_found, types = None, []
    if linked:
        kinds = filters.kinds or ("node", "operation", "pattern")
        allowed = set(filters.node_types)
        types = [t for t in linked if not allowed or t in allowed]
        linked_found = batch.best_per_type(
            queries, types, kinds=kinds, per_type=max_per_type or 1, filters=filters
        )
    searched = [
        batch.search(query, k, filters=filters, mode=mode, max_per_type=1) for query in queries
    ]
    batch.run()
    if linked_found is not None:
        for hit in _linked_order(linked_found.result(), types, k):
            if take(hit, 2.0 + hit.score):  # linked items rank above every searched one
                return out
    fused: dict[tuple[str, str], float] = {}
    best: dict[tuple[str, str], SearchHit] = {}
    for found in searched:
        for rank, hit in enumerate(found.result(), start=1):
            key = (hit.kind, hit.key)
            # best rank in any list decides (each clause's top items get in); being found by
            # more lists breaks ties
            fused[key] = max(fused.get(key, 0.0), 1.0 / rank) + 1e-3 / (RRF_K + rank)
            best.setdefault(key, hit)
    for key in sorted(fused, key=lambda key: (-fused[key], key)):
        if take(best[key], fused[key]):
            break
    return out
