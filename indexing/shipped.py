"""Document vectors shipped with NodePilot, so the first index build embeds only what is new.

Why: embedding the ~9,200 documents of the knowledge index costs about two minutes on a 2-core
machine, and every user computes the same vectors from the same seeds. ``seeds/vectors/`` holds
them per model (the file is named after ``model_id``), keyed by a hash of the exact text the
model reads, so a document whose text changed simply misses and is embedded as before.

Vectors are stored as int8 with one float32 scale per vector (a quarter of float32's size);
dequantized they agree with freshly computed fp32 vectors at cosine >= 0.9999 (checked by
``tests/test_shipped_vectors.py``). ``scripts/ship_vectors.py`` regenerates the file.
"""

from __future__ import annotations

import hashlib
import inspect
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from nodepilot.paths import SEEDS_DIR

VECTORS_DIR = SEEDS_DIR / "vectors"
#: Bytes of the text's sha256 kept as its key: 2^-128 collision odds are plenty for ~10k texts.
KEY_BYTES = 16


def text_key(text: str) -> bytes:
    """The key of one embedded text."""
    return hashlib.sha256(text.encode("utf-8")).digest()[:KEY_BYTES]


def vectors_path(model_id: str, directory: Path = VECTORS_DIR) -> Path:
    """Where the shipped vectors of ``model_id`` live (a file name safe on every system)."""
    return directory / (re.sub(r"[^A-Za-z0-9._-]", "_", model_id) + ".npz")


def quantize(vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Symmetric int8 per vector: (codes, scales) with ``vector ~= codes * scale``."""
    vectors = np.asarray(vectors, dtype=np.float32)
    peak = np.abs(vectors).max(axis=1)
    scales = np.where(peak > 0, peak / 127.0, 1.0).astype(np.float32)
    codes = np.clip(np.rint(vectors / scales[:, None]), -127, 127).astype(np.int8)
    return codes, scales


def dequantize(codes: np.ndarray, scales: np.ndarray) -> np.ndarray:
    """Unit float32 rows from int8 codes and their scales."""
    rows = codes.astype(np.float32) * scales[:, None]
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return (rows / np.clip(norms, 1e-12, None)).astype(np.float32)


@dataclass(frozen=True)
class ShippedVectors:
    """The shipped vectors of one model: look a text up with :meth:`get`."""

    model_id: str
    rows: dict[bytes, int]
    codes: np.ndarray
    scales: np.ndarray

    def __len__(self) -> int:
        return len(self.rows)

    def get(self, text: str) -> np.ndarray | None:
        """The vector of ``text``, or None when it was not shipped."""
        row = self.rows.get(text_key(text))
        if row is None:
            return None
        return dequantize(self.codes[row : row + 1], self.scales[row : row + 1])[0]


def write_vectors(path: Path, model_id: str, keys: Sequence[bytes], vectors: np.ndarray) -> None:
    """Write ``vectors`` (fp32 rows, one per key) as the shipped file of ``model_id``."""
    order = sorted(range(len(keys)), key=lambda i: keys[i])  # stable bytes for equal input
    codes, scales = quantize(np.asarray(vectors)[order])
    key_array = np.frombuffer(b"".join(keys[i] for i in order), dtype=np.uint8)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        np.savez_compressed(
            handle,
            model_id=np.array(model_id),
            keys=key_array.reshape(len(keys), KEY_BYTES),
            codes=codes,
            scales=scales,
        )


@lru_cache(maxsize=4)
def load_vectors(model_id: str, directory: Path = VECTORS_DIR) -> ShippedVectors | None:
    """The shipped vectors of ``model_id``, or None when none are shipped (or the file does not
    belong to that model: then every document is embedded, as before)."""
    path = vectors_path(model_id, directory)
    if not path.is_file():
        return None
    with np.load(path) as data:
        if str(data["model_id"]) != model_id:
            return None
        keys = data["keys"]
        rows = {bytes(k): i for i, k in enumerate(keys)}
        return ShippedVectors(model_id, rows, data["codes"], data["scales"])


@dataclass
class PrefilledEmbedder:
    """An embedder that takes shipped vectors where it has them and embeds the rest.

    ``reused`` and ``computed`` count the document vectors each way; queries go straight to
    the wrapped embedder. The wrapped model is not even loaded when every text is shipped.
    """

    inner: Any
    shipped: ShippedVectors
    reused: int = 0
    computed: int = 0

    @property
    def model_id(self) -> str:
        return str(self.inner.model_id)

    @property
    def dimension(self) -> int:
        return int(self.inner.dimension)

    def embed_query(self, text: str) -> np.ndarray:
        return self.inner.embed_query(text)

    def missing(self, texts: Iterable[str]) -> int:
        """How many of ``texts`` would have to be embedded."""
        return sum(1 for t in texts if text_key(t) not in self.shipped.rows)

    def embed_documents(
        self,
        texts: Sequence[str],
        batch_size: int = 64,
        progress: bool = True,
        on_progress: Callable[[int], None] | None = None,
    ) -> np.ndarray:
        """Vectors for ``texts`` in order: shipped ones looked up, the others embedded."""
        out = np.empty((len(texts), self.dimension), dtype=np.float32)
        rows = [self.shipped.rows.get(text_key(t)) for t in texts]
        found = [i for i, row in enumerate(rows) if row is not None]
        todo = [i for i, row in enumerate(rows) if row is None]
        if found:
            at = [rows[i] for i in found]
            out[found] = dequantize(self.shipped.codes[at], self.shipped.scales[at])
        self.reused += len(found)
        if todo:
            out[todo] = embed_with_progress(
                self.inner, [texts[i] for i in todo], batch_size, on_progress
            )
            self.computed += len(todo)
        return out


def embed_with_progress(
    embedder: Any,
    texts: Sequence[str],
    batch_size: int = 64,
    on_progress: Callable[[int], None] | None = None,
) -> np.ndarray:
    """``embedder.embed_documents`` without its own bar, telling ``on_progress`` how many texts
    are done as it goes (the embedder's callback when it has one, else once at the end)."""
    if "on_progress" in inspect.signature(embedder.embed_documents).parameters:
        vectors = embedder.embed_documents(
            texts, batch_size=batch_size, progress=False, on_progress=on_progress
        )
    else:  # an embedder without the callback (sentence-transformers, test doubles)
        vectors = embedder.embed_documents(texts, batch_size=batch_size, progress=False)
        if on_progress:
            on_progress(len(texts))
    return np.asarray(vectors, dtype=np.float32)
