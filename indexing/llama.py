"""A llama-index retriever over NodePilot's own hybrid search.

For pipelines built with llama-index: it returns ``NodeWithScore`` items from
``indexing.search.search`` (same ranking, same filters), so the fast native path stays the only
path to the store (llama-index's PGVectorStore is 3-5x slower here and needs psycopg2+asyncpg).
"""

from __future__ import annotations

from typing import Any

from llama_index.core.retrievers import BaseRetriever
from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode

from indexing.search import Mode, QueryEmbedder, SearchFilters, search


class NodePilotRetriever(BaseRetriever):
    """Retrieve knowledge items as llama-index nodes; ``node.id_`` is ``kind:key``."""

    def __init__(
        self,
        conn: Any,
        k: int = 10,
        *,
        filters: SearchFilters | None = None,
        mode: Mode = "hybrid",
        embedder: QueryEmbedder | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self._conn = conn
        self._k = k
        self._filters = filters
        self._mode = mode
        self._embedder = embedder

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        hits = search(
            self._conn,
            query_bundle.query_str,
            self._k,
            embedder=self._embedder,
            filters=self._filters,
            mode=self._mode,
        )
        return [
            NodeWithScore(
                node=TextNode(
                    id_=f"{h.kind}:{h.key}",
                    text=f"{h.title}\n{h.content}",
                    metadata={
                        "kind": h.kind,
                        "key": h.key,
                        "title": h.title,
                        "node_types": list(h.node_types),
                        "source": h.source,
                        "licence": h.licence,
                    },
                ),
                score=h.score,
            )
            for h in hits
        ]
