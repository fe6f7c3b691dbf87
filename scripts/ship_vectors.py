"""Regenerate the shipped document vectors (``seeds/vectors/<model>.npz``, see indexing/shipped.py).

Every document ``nodepilot index`` builds from this checkout (catalog, templates, patterns,
tips), plus the template documents of a fetched n8n-mcp corpus when one is given (a stranger
without ../shared indexes those), embedded with the fp32 model and stored as int8 with a scale.
With ``--reuse-index`` the vectors of items already in the current database whose content hash
matches are taken from it (the same fp32 model computed them) and only the rest are embedded.

    .venv/bin/nodepilot corpus fetch                      # once, for the fetched corpus' extras
    .venv/bin/python scripts/ship_vectors.py --reuse-index \\
        --templates-root ~/.local/share/nodepilot/corpus/templates

Run it after changing what documents say (seeds, the catalog, document builders) so the first
index build stays fast; documents it does not cover are simply embedded at build time.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np

from indexing.documents import SOURCE_KINDS, KnowledgeDoc
from indexing.embeddings import OnnxEmbedder
from indexing.indexer import source_documents
from indexing.shipped import (
    dequantize,
    load_vectors,
    quantize,
    text_key,
    vectors_path,
    write_vectors,
)
from indexing.sources import template_docs


def _documents(extra_roots: list[Path]) -> list[KnowledgeDoc]:
    docs = [d for s in SOURCE_KINDS for docs in source_documents(s).values() for d in docs]
    for root in extra_roots:
        docs += list(template_docs(root=root))
    return docs


def _from_index(docs: list[KnowledgeDoc], model_id: str) -> dict[bytes, np.ndarray]:
    """Vectors of the current database's items, by text key, where the content hash matches."""
    from nodepilot.db import open_database

    wanted = {d.content_hash(model_id): text_key(d.embedding_text) for d in docs}
    found: dict[bytes, np.ndarray] = {}
    with open_database() as conn:
        rows = conn.execute("SELECT content_hash, embedding::text FROM knowledge_items")
        for content_hash, text in rows:
            key = wanted.get(content_hash)
            if key is not None:
                found[key] = np.array(text.strip("[]").split(","), dtype=np.float32)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--templates-root", type=Path, action="append", default=[])
    parser.add_argument("--reuse-index", action="store_true")
    args = parser.parse_args()
    started = time.perf_counter()
    embedder = OnnxEmbedder(query_precision="fp32")
    docs = _documents(args.templates_root)
    texts = {text_key(d.embedding_text): d.embedding_text for d in docs}
    vectors = _from_index(docs, embedder.model_id) if args.reuse_index else {}
    todo = [k for k in texts if k not in vectors]
    print(f"{len(texts):,} distinct texts; {len(vectors):,} from the index, {len(todo):,} to embed")
    if todo:
        fresh = embedder.embed_documents([texts[k] for k in todo], progress=True)
        vectors.update(zip(todo, fresh, strict=True))
    keys = sorted(texts)
    matrix = np.vstack([vectors[k] for k in keys])
    codes, scales = quantize(matrix)
    agreement = float((dequantize(codes, scales) * matrix).sum(axis=1).min())
    path = vectors_path(embedder.model_id)
    write_vectors(path, embedder.model_id, keys, matrix)
    load_vectors.cache_clear()
    size = path.stat().st_size / 1e6
    print(f"wrote {path} ({size:.1f} MB) in {time.perf_counter() - started:.0f}s; lowest cosine "
          f"int8 vs fp32 {agreement:.6f}")  # fmt: skip


if __name__ == "__main__":
    main()
