"""Embedding speed: sentence-transformers (torch) vs our ONNX paths, in the same process.

Prints median/p95 query latency for torch, the fp32 ONNX export (the query path before int8)
and its int8 query copy (the default), 2 threads and 1 (queries default to 1 thread,
``indexing.embeddings.QUERY_THREADS``), with ratios against fp32 ONNX, over short search-box
queries and over the benchmark's dev requests (what the pipeline embeds);
how closely int8 query vectors agree with fp32 ones; documents/second for batch embedding
(documents are always fp32); and the cold cost of ``import indexing.embeddings`` (+ first
query) in a fresh process, next to the cold cost of importing sentence-transformers.

    .venv/bin/python benchmarks/embedding_speed.py [--rounds 5] [--docs 512] [--cache-dir DIR]

The ONNX export is made first if missing (into ``<data_dir>/models`` unless --cache-dir).
Texts are generated here so the run needs no data files.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

from indexing.embeddings import (  # noqa: E402
    OnnxEmbedder,
    SentenceTransformerEmbedder,
    ensure_int8_model,
    ensure_onnx_model,
)

QUERIES = [
    "send a slack message when a new row is added to google sheets",
    "webhook that stores form submissions in postgres and replies with 201",
    "every monday at 9 fetch the weather forecast and email it to me",
    "chat assistant built with an AI agent, window memory and a calculator tool",
    "summarise new gmail messages with openai and post the summary to discord",
    "paginate through an HTTP API until there is no next page",
    "ingest PDFs from google drive into a pinecone vector store",
    "route items by status code with a switch node",
    "merge two lists of contacts by email",
    "retry failed requests and notify on error with an error workflow",
    "telegram bot that answers questions from our docs",
    "create a jira issue for every new github issue labelled bug",
    "loop over items in batches of 10 and wait between batches",
    "n8n-nodes-base.httpRequest",
    "cron",
    "convert CSV attachments to JSON and upsert into airtable",
]

_WORDS = (
    "node trigger action resource operation parameter credential webhook schedule http request "
    "slack channel message google sheets row append update lookup postgres insert query table "
    "openai chat model agent memory tool vector store embeddings document loader text splitter "
    "gmail label thread draft notion page database airtable record base switch if merge split "
    "batch loop wait error retry code javascript expression json item binary file csv"
).split()


def _documents(n: int, seed: int = 3) -> list[str]:
    """Catalog-like documents of 20-150 words (typical index items)."""
    rng = random.Random(seed)
    return [" ".join(rng.choices(_WORDS, k=rng.randint(20, 150))) for _ in range(n)]


def _stats(seconds: list[float]) -> tuple[float, float]:
    ms = np.asarray(seconds) * 1000
    return float(np.median(ms)), float(np.percentile(ms, 95))


def _cold(code: str, runs: int) -> float:
    """Median wall time (ms) of a fresh interpreter running ``code`` (minus bare startup)."""

    def once(snippet: str) -> float:
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", snippet], cwd=PROJECT_ROOT, check=True)
        return time.perf_counter() - started

    bare = statistics.median(once("pass") for _ in range(runs))
    return (statistics.median(once(code) for _ in range(runs)) - bare) * 1000


def _query_latency(
    variants: dict[str, object], texts: list[str], rounds: int, label: str, base_name: str
) -> None:
    """Interleave variants per query so background load hits them alike. Next to wall time,
    the process CPU time per query: for a 1-thread session it is what the query costs on an
    idle machine, which a busy shared machine cannot show in wall time."""
    timings: dict[str, list[float]] = {name: [] for name in variants}
    cpu: dict[str, list[float]] = {name: [] for name in variants}
    for _ in range(rounds):
        for query in texts:
            for name, embedder in variants.items():
                getattr(embedder, "_recent", {}).clear()  # measure the model, not the cache
                c0, t0 = time.process_time(), time.perf_counter()
                embedder.embed_query(query)  # type: ignore[attr-defined]
                timings[name].append(time.perf_counter() - t0)
                cpu[name].append(time.process_time() - c0)
    print(f"\nquery latency, {label} ({len(texts)} x {rounds} rounds; ratio: {base_name} / it)")
    base = _stats(timings[base_name])[0]
    for name, seconds in timings.items():
        median, p95 = _stats(seconds)
        cpu_median = _stats(cpu[name])[0]
        print(
            f"  {name:32s} median {median:6.2f} ms  p95 {p95:6.2f} ms  x{base / median:5.2f}"
            f"  (cpu median {cpu_median:6.2f} ms)"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="passes over the query set")
    parser.add_argument("--docs", type=int, default=512, help="documents for the batch test")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--cold-runs", type=int, default=3)
    parser.add_argument("--cache-dir", type=Path, default=None)
    args = parser.parse_args()

    print(f"load average at start: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    started = time.perf_counter()
    path = ensure_onnx_model(args.cache_dir)
    int8 = ensure_int8_model(source=path)
    print(f"onnx export: {path} (ready in {time.perf_counter() - started:.1f} s)")
    print(f"int8 query copy: {int8}")

    torch_name, fp32_name = "sentence-transformers (torch)", "onnx fp32 (2 threads)"
    variants: dict[str, object] = {
        torch_name: SentenceTransformerEmbedder(),
        fp32_name: OnnxEmbedder(path, threads=2, query_precision="fp32"),
        "onnx fp32 (1 thread)": OnnxEmbedder(path, threads=1, query_precision="fp32"),
        "onnx int8 (2 threads)": OnnxEmbedder(path, threads=2),
        "onnx int8 (default: 1 thread)": OnnxEmbedder(path),
    }
    for embedder in variants.values():  # load + warm up
        for query in QUERIES[:4]:
            embedder.embed_query(query)  # type: ignore[attr-defined]

    from eval.datasets import load_dataset
    from nodepilot.paths import DATASETS_DIR

    requests = [c.request for c in load_dataset(DATASETS_DIR / "bench", split="dev")][:100]
    for label, texts in (("search-box queries", QUERIES), ("dev requests", requests)):
        _query_latency(variants, texts, args.rounds, label, fp32_name)

    fp32_embedder, int8_embedder = variants[fp32_name], variants["onnx int8 (default: 1 thread)"]
    texts = QUERIES + requests
    cosines = np.array(
        [
            float(int8_embedder.embed_query(t) @ fp32_embedder.embed_query(t))  # type: ignore[attr-defined]
            for t in texts
        ]
    )
    print(
        f"  int8 vs fp32 query vectors over {len(texts)} texts: cosine mean {cosines.mean():.4f}"
        f"  min {cosines.min():.4f}"
    )

    # Documents always run on the fp32 export: the int8 variants would repeat fp32's figures.
    variants = {k: v for k, v in variants.items() if "int8" not in k}
    docs = _documents(args.docs)
    # Chunks interleaved across variants (same chunk, each variant in turn), median rate per
    # variant: a background process slowing one whole pass must not decide the comparison.
    chunk = max(args.batch_size, args.docs // 4)
    print(
        f"\nbatch embedding ({args.docs} documents of 20-150 words, batch {args.batch_size}, "
        f"chunks of {chunk}, median rate over chunks)"
    )
    chunk_rates: dict[str, list[float]] = {name: [] for name in variants}
    cpu_seconds: dict[str, float] = {name: 0.0 for name in variants}
    vectors: dict[str, list[np.ndarray]] = {name: [] for name in variants}
    for begin in range(0, len(docs), chunk):
        part = docs[begin : begin + chunk]
        for name, embedder in variants.items():
            c0, t0 = time.process_time(), time.perf_counter()
            vectors[name].append(
                embedder.embed_documents(  # type: ignore[attr-defined]
                    part, batch_size=args.batch_size, progress=False
                )
            )
            chunk_rates[name].append(len(part) / (time.perf_counter() - t0))
            cpu_seconds[name] += time.process_time() - c0
    base_rate = statistics.median(chunk_rates["sentence-transformers (torch)"])
    for name, chunk_rate in chunk_rates.items():
        rate = statistics.median(chunk_rate)
        per_cpu = len(docs) / cpu_seconds[name]
        print(
            f"  {name:32s} {rate:7.1f} docs/s  x{rate / base_rate:.2f}"
            f"  ({per_cpu:6.1f} docs per cpu-second)"
        )
    reference = np.vstack(vectors["sentence-transformers (torch)"])
    agreement = (np.vstack(vectors[fp32_name]) * reference).sum(axis=1).min()
    print(f"  min cosine onnx vs torch: {agreement:.7f}")

    print(f"\ncold process, median of {args.cold_runs} (minus bare interpreter start)")
    cold_query = (
        "from pathlib import Path; from indexing.embeddings import OnnxEmbedder; "
        f"OnnxEmbedder(Path({str(path)!r})).embed_query('hello')"
    )
    for label, code in (
        ("import indexing.embeddings", "import indexing.embeddings"),
        ("import + load + first query (onnx)", cold_query),
        ("import sentence_transformers", "import sentence_transformers"),
    ):
        print(f"  {label:36s} {_cold(code, args.cold_runs):7.0f} ms")
    print(f"load average at end: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
