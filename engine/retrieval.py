"""Retrieval for a spec: catalog operations, mined patterns, templates and tips via hybrid search.

Four lookups per request, all with the request text (embedded once), run together in one
transaction (``indexing.search.SearchBatch``):
1. for each node type the spec uses (and, for a modification, the previous workflow's), its
   closest operations and patterns: entity-linked retrieval, so every node the generator will
   place has its parameters and usual configuration in context however far down a global
   ranking it would fall ("call the YouTube API" ranks YouTube far above HTTP Request);
2. the best hybrid matches outside those types, as alternatives the spec may have missed;
3. workflow templates (the closest known shapes);
4. tips for the spec's node types (wiring and parameter advice).
Benchmark reference workflows are never in the index (the indexer excludes them), so nothing
here can leak an answer. Failures of the store degrade to an empty context: generation does not
depend on retrieval.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

import psycopg

from engine.types import ContextItem, Spec
from indexing.search import (
    MAX_QUERY_CHARS,
    SearchBatch,
    SearchFilters,
    SearchHit,
)

log = logging.getLogger(__name__)


def spec_node_types(spec: Spec) -> tuple[str, ...]:
    """Every node type the spec names (trigger, steps, AI root and sub-nodes), first-use order."""
    seen: dict[str, None] = {spec.trigger.node_type: None}
    for step in spec.steps:
        seen.setdefault(step.node_type, None)
    if spec.ai is not None:
        ai = spec.ai
        for t in (
            ai.root,
            ai.model,
            ai.memory,
            *ai.tools,
            ai.output_parser,
            ai.vector_store,
            ai.embeddings,
        ):
            if t:
                seen.setdefault(t, None)
    return tuple(t for t in seen if t)


def operation_keys(spec: Spec) -> list[str]:
    """Index keys of the catalog operations the spec's steps use (``type:resource:operation``)."""
    return [f"{s.node_type}:{s.resource or '-'}:{s.operation}" for s in spec.steps if s.operation]


def _query_text(spec: Spec) -> str:
    text = " ".join((spec.request or spec.name or "workflow").split())
    return text[: MAX_QUERY_CHARS - 1] or "workflow"


def _item(hit: SearchHit) -> ContextItem:
    return ContextItem(
        kind=hit.kind,
        key=hit.key,
        title=hit.title,
        content=hit.content,
        score=hit.score,
        node_types=tuple(hit.node_types),
        metadata=dict(hit.metadata or {}),
    )


def retrieve(
    spec: Spec,
    conn: psycopg.Connection,
    k: int = 12,
    *,
    embedder: Any = None,
    also: Sequence[str] = (),
) -> list[ContextItem]:
    """Context items for ``spec``, best first within each group, no duplicates.

    ``k`` is the budget: two catalog/pattern items per linked node type (the spec's, then
    ``also``, e.g. the types of the workflow being modified; at most 24 items), then a quarter
    of ``k`` each for alternatives, templates and tips.
    """
    query = _query_text(spec)
    types = tuple(dict.fromkeys((*spec_node_types(spec), *also)))
    op_kinds = ("operation", "pattern", "node")
    out: list[ContextItem] = []
    seen: set[str] = set()

    per_type: dict[str, int] = {}

    def add(hits: list[SearchHit], cap: int | None = None) -> None:
        """Add the hits not in yet, counting them per (first) node type; with ``cap``, a
        type's hits beyond that count are skipped."""
        for hit in hits:
            item = _item(hit)
            first = hit.node_types[0] if hit.node_types else ""
            if item.id in seen or (cap is not None and per_type.get(first, 0) >= cap):
                continue
            per_type[first] = per_type.get(first, 0) + 1
            seen.add(item.id)
            out.append(item)

    try:
        # one transaction, two round trips (indexing.search.SearchBatch); the lookups' results
        # are the same as run one by one
        batch = SearchBatch(conn, embedder=embedder)
        # the operations the spec chose, exactly; then each type's closest items to the
        # request (closest first)
        chosen = batch.items("operation", operation_keys(spec))
        linked = batch.best_per_type(query, types[:12], kinds=op_kinds, per_type=2)
        alternatives = batch.search(
            query, max(2, k // 4) + len(types),
            filters=SearchFilters(kinds=op_kinds), max_per_type=1,
        )  # fmt: skip
        # templates are long documents: their full-text leg costs more than it adds
        templates = batch.search(
            query, max(1, k // 4), filters=SearchFilters(kinds=("template",)), mode="vector"
        )
        tips = batch.search(
            query, max(1, k // 4), filters=SearchFilters(kinds=("tip",), node_types=types)
        )
        batch.run()
        add(chosen.result())
        add(sorted(linked.result(), key=lambda h: -h.score), cap=2)
        others = [h for h in alternatives.result() if not set(h.node_types) & set(types)]
        add(others[: max(2, k // 4)])
        add(templates.result())
        add(tips.result())
    except psycopg.Error as exc:  # store unavailable: generate without context
        log.warning("retrieval skipped: %s", exc)
        if not conn.closed and conn.info.transaction_status != 0:
            conn.rollback()
    return out


def items_by_id(conn: psycopg.Connection, ids: Sequence[str]) -> list[ContextItem]:
    """The context items with these ids (``kind:key``, as ``ContextItem.id`` gives them), in
    the order given; unknown ids are skipped. Rebuilds a recorded retrieval (the eval's
    context metric) without searching again."""
    by_kind: dict[str, list[str]] = {}
    for item_id in ids:
        kind, sep, key = item_id.partition(":")
        if sep:
            by_kind.setdefault(kind, []).append(key)
    batch = SearchBatch(conn)
    lookups = [batch.items(kind, keys) for kind, keys in by_kind.items()]
    batch.run()
    found = {item.id: item for lookup in lookups for item in map(_item, lookup.result())}
    return [found[i] for i in ids if i in found]
