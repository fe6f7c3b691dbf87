"""Index and search speed, measured on this machine.

1. full index build into a fresh database (all sources), then a no-op re-index;
2. hybrid top-10 search including the query embedding, over the benchmark's dev requests,
   against vector-only and text-only, the llama-index retriever and hybrid with fp32 query
   vectors (the path before int8 queries) (same process; each in its own pass);
3. ``nodepilot search`` as a cold process (median of 5).

    .venv/bin/python benchmarks/index_speed.py            # everything (the build takes minutes)
    .venv/bin/python benchmarks/index_speed.py --no-build # search figures on the current index
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
import uuid

from eval.datasets import load_dataset
from indexing.embeddings import OnnxEmbedder, get_embedder
from indexing.indexer import build_index
from indexing.search import search
from nodepilot.db import connect, migrate, open_database
from nodepilot.paths import DATASETS_DIR


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * (len(ordered) - 1) + 0.5))]


def build_in_fresh_database() -> None:
    name = f"np_bench_{uuid.uuid4().hex[:8]}"
    with connect(autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
        dsn = admin.info.dsn.replace("dbname=postgres", f"dbname={name}")
    import psycopg

    try:
        with psycopg.connect(dsn) as conn:
            migrate(conn)
            conn.commit()
            get_embedder().load()  # model load is not part of the build figure
            started = time.perf_counter()
            full = build_index(conn)
            full_s = time.perf_counter() - started
            print(f"full build      {full_s:8.1f} s  ({full.embedded} items embedded)")
            started = time.perf_counter()
            noop = build_index(conn)
            noop_s = time.perf_counter() - started
            print(
                f"no-op re-index  {noop_s:8.2f} s  ({noop.embedded} embedded, "
                f"{len(noop.skipped)} sources skipped)  ratio to full {noop_s / full_s:.4f}"
            )
    finally:
        with connect(autocommit=True) as admin:
            admin.execute(f"DROP DATABASE {name} WITH (FORCE)")


def search_latency(rounds: int, short: bool = False) -> None:
    requests = [c.request for c in load_dataset(DATASETS_DIR / "bench", split="dev")][:100]
    if short:  # search-box sized queries: the clauses of the same requests
        from indexing.search import split_clauses

        requests = [c for r in requests for c in split_clauses(r)][:200]
    embedder = get_embedder()
    embedder.embed_query("warm up")
    fp32 = OnnxEmbedder(query_precision="fp32")
    fp32.embed_query("warm up")
    with open_database() as conn:
        from indexing.llama import NodePilotRetriever

        retriever = NodePilotRetriever(conn, k=10)
        variants = {
            "hybrid": lambda q: search(conn, q, 10),
            "vector": lambda q: search(conn, q, 10, mode="vector"),
            "text": lambda q: search(conn, q, 10, mode="text"),
            "llama-index": lambda q: retriever.retrieve(q),
            # baseline: the path before int8 queries
            "hybrid fp32q": lambda q: search(conn, q, 10, embedder=fp32),
        }
        # Each variant runs all the queries in its own pass (as a user's consecutive searches
        # do): alternating variants query by query lets each evict the other's model weights
        # and index pages from the CPU caches, which slows all of them. Passes take turns within
        # a round and the order flips every round, so background load hits all alike.
        times: dict[str, list[float]] = {v: [] for v in variants}
        for fn in variants.values():  # untimed: the first pass of a run is not the hybrid's
            for q in requests[:10]:
                fn(q)
        for round_ in range(rounds):
            order = list(variants) if round_ % 2 == 0 else list(variants)[::-1]
            for name in order:
                fn = variants[name]
                for q in requests:
                    for model in (embedder, fp32):  # each pays for its embedding
                        model._recent.clear()
                    started = time.perf_counter()
                    fn(q)
                    times[name].append((time.perf_counter() - started) * 1000)
    base = statistics.median(times["hybrid"])
    what = "dev request clauses" if short else "dev requests"
    print(
        f"search top-10 over {len(requests)} {what} x {rounds} (ms, query embedding incl., "
        f"{embedder.query_precision} queries)"
    )
    for name, ts in times.items():
        med = statistics.median(ts)
        print(
            f"  {name:<12} p50 {med:6.2f}  p95 {_pct(ts, 0.95):6.2f}  ratio to hybrid "
            f"{med / base:5.2f}"
        )


def cold_cli(runs: int) -> None:
    durations = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "nodepilot.cli", "search", "post to slack", "-k", "5"],
            check=True,
            capture_output=True,
            env=dict(os.environ),
        )
        durations.append(time.perf_counter() - started)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    bare = time.perf_counter() - started
    print(
        f"cold `nodepilot search` median {statistics.median(durations):.2f} s over {runs} runs "
        f"(bare python start {bare:.2f} s)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-build", action="store_true")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    with open_database():
        pass
    if not args.no_build:
        build_in_fresh_database()
    search_latency(args.rounds)
    search_latency(args.rounds, short=True)
    cold_cli(5)


if __name__ == "__main__":
    main()
