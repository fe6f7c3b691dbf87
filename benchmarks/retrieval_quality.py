"""Retrieval quality on the benchmark: do the top-k catalog and pattern items for a request
contain the node types the request needs?

For each workflow case of a split, the request is searched (kinds node, operation, pattern) in
three modes - vector-only, full-text-only and hybrid - and we report recall@k of the required
node types (a requirement with alternatives counts as found when any alternative appears) and
the mean reciprocal rank of the first required type. A fourth row, ``engine``, is the
pipeline's own retrieval: entities and spec first, then hybrid search filtered to the spec's
node types. Run after ``nodepilot index``:

    .venv/bin/python benchmarks/retrieval_quality.py --split dev -k 10
"""

from __future__ import annotations

import argparse
import statistics
import time

from eval.datasets import load_dataset
from indexing.catalog.load import load_catalog
from indexing.search import SearchFilters, search, search_request
from nodepilot.db import open_database
from nodepilot.paths import DATASETS_DIR

KINDS = ("node", "operation", "pattern")


def _base(t: str) -> str:
    """Tool twins count as their base node (the catalog documents base types)."""
    nv = load_catalog().get(t)
    return nv.base_type if nv is not None and nv.base_type else t


def _engine_hits(conn: object, request: str, k: int) -> list:
    """The production path: intent entities -> spec -> spec-filtered hybrid retrieval
    (``engine.retrieval.retrieve``), keeping its catalog and pattern items."""
    from engine.intent import classify
    from engine.retrieval import retrieve
    from engine.spec import build_spec

    spec = build_spec(request, classify(request))
    items, seen = [], set()
    for c in retrieve(spec, conn, k=2 * k):  # one item per node type, as the other rows
        first = c.node_types[0] if c.node_types else ""
        if c.kind in KINDS and first not in seen:
            seen.add(first)
            items.append(c)
    return items[:k]


def evaluate(
    split: str, k: int, candidates: int | None, max_per_type: int | None, multi: bool
) -> None:
    cases = [
        c
        for c in load_dataset(DATASETS_DIR / "bench", split=split)
        if c.expected is not None and c.expected.required_sets
    ]
    filters = SearchFilters(kinds=KINDS)
    with open_database() as conn:
        print(f"{len(cases)} {split} cases, k={k}, max_per_type={max_per_type}")
        header = ("mode", "recall@k", "all-found", "MRR", "p50 ms", "p95 ms")
        print("{:<8} {:>9} {:>10} {:>6} {:>7} {:>7}".format(*header))
        for mode in ("vector", "text", "hybrid", "engine"):
            recalls, complete, rr, lat = [], 0, [], []
            for case in cases:
                started = time.perf_counter()
                if mode == "engine":
                    hits = _engine_hits(conn, case.request, k)
                elif multi:
                    hits = search_request(
                        conn, case.request, k, filters=filters, mode=mode, max_per_type=max_per_type
                    )
                else:
                    hits = search(
                        conn,
                        case.request,
                        k,
                        filters=filters,
                        mode=mode,
                        candidates=candidates,
                        max_per_type=max_per_type,
                    )
                lat.append((time.perf_counter() - started) * 1000)
                ranked = [{_base(t) for t in h.node_types} for h in hits]
                found_types = set().union(*ranked) if ranked else set()
                reqs = [{_base(t) for t in group} for group in case.expected.required_sets]
                found = [bool(group & found_types) for group in reqs]
                recalls.append(sum(found) / len(reqs))
                complete += all(found)
                first = next(
                    (i for i, types in enumerate(ranked, 1) if any(g & types for g in reqs)), None
                )
                rr.append(1 / first if first else 0.0)
            lat.sort()
            print(
                f"{mode:<8} {statistics.mean(recalls):>9.3f} {complete / len(cases):>10.3f} "
                f"{statistics.mean(rr):>6.3f} {statistics.median(lat):>7.1f} "
                f"{lat[int(0.95 * (len(lat) - 1))]:>7.1f}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", choices=["train", "dev", "test"])
    parser.add_argument("-k", type=int, default=10)
    parser.add_argument("--candidates", type=int, default=None)
    parser.add_argument("--max-per-type", type=int, default=None)
    parser.add_argument(
        "--single-query",
        action="store_true",
        help="search the request as one query (default: request + clauses, fused)",
    )
    args = parser.parse_args()
    evaluate(args.split, args.k, args.candidates, args.max_per_type, not args.single_query)


if __name__ == "__main__":
    main()
