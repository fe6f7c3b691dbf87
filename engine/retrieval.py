"""Retrieval for a spec: catalog operations, mined patterns, templates and tips via hybrid search.

Three queries per request, all with the request text (embedded once):
1. operations, nodes and patterns restricted to the node types the spec uses (what the chosen
   apps can do and how real workflows configure them),
2. workflow templates (the closest known shapes),
3. tips for the spec's node types (wiring and parameter advice).
Benchmark reference workflows are never in the index (the indexer excludes them), so nothing
here can leak an answer. Failures of the store degrade to an empty context: generation does not
depend on retrieval.
"""

from __future__ import annotations

import logging
from typing import Any

import numpy as np
import psycopg

from engine.types import ContextItem, Spec
from indexing.search import MAX_QUERY_CHARS, SearchFilters, SearchHit, search

log = logging.getLogger(__name__)


class _OnceEmbedder:
    """Embeds each distinct text once per retrieval (the three queries share the request)."""

    def __init__(self, inner: Any = None) -> None:
        self.inner = inner
        self.memo: dict[str, np.ndarray] = {}

    def embed_query(self, text: str) -> np.ndarray:
        if text not in self.memo:
            if self.inner is None:
                from indexing.embeddings import get_embedder

                self.inner = get_embedder()
            self.memo[text] = self.inner.embed_query(text)
        return self.memo[text]


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
) -> list[ContextItem]:
    """Context items for ``spec``, best first within each group, no duplicates.

    ``k`` is the budget: about half for operations/patterns/nodes of the spec's node types (one
    more per type, at most 24), a quarter each for templates and tips.
    """
    query = _query_text(spec)
    types = spec_node_types(spec)
    emb = _OnceEmbedder(embedder)
    k_ops = max(2, min(k // 2 + len(types), 24))
    # templates are long documents: their full-text leg costs more than it adds, so vector only
    plans: list[tuple[int, SearchFilters, str]] = [
        (k_ops, SearchFilters(kinds=("operation", "pattern", "node"), node_types=types), "hybrid"),
        (max(1, k // 4), SearchFilters(kinds=("template",)), "vector"),
        (max(1, k // 4), SearchFilters(kinds=("tip",), node_types=types), "hybrid"),
    ]
    out: list[ContextItem] = []
    seen: set[str] = set()
    for n, filters, mode in plans:
        try:
            hits = search(conn, query, n, embedder=emb, filters=filters, mode=mode)  # type: ignore[arg-type]
        except psycopg.Error as exc:  # store unavailable: generate without context
            log.warning("retrieval skipped: %s", exc)
            if not conn.closed and conn.info.transaction_status != 0:
                conn.rollback()
            return out
        for hit in hits:
            item = _item(hit)
            if item.id not in seen:
                seen.add(item.id)
                out.append(item)
    return out
