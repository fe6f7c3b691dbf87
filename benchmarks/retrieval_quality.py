"""Retrieval quality on the benchmark: do the top-k catalog and pattern items for a request
contain the node types the request needs?

For each workflow case of a split, the request is searched (kinds node, operation, pattern) and
we report recall@k of the required node types (a requirement with alternatives counts as found
when any alternative appears), the share of cases with every requirement found, and the mean
reciprocal rank of the first required type. Rows:

- ``vector``, ``text``, ``hybrid``: the search API alone (``search_request``: the request and
  its clauses, fused), nothing known about the request beforehand;
- ``hybrid+link``: the same, with the node types the engine links to the request (its intent
  entities and spec: apps, triggers, AI parts it names or implies) ranked first - what
  ``engine.retrieval`` does;
- ``engine``: the pipeline's own retrieval call (``engine.retrieval.retrieve``), its catalog
  and pattern items only, one per node type.

A follow-up turn ("also post it to Teams") is searched together with the user's earlier turns
of its conversation: that is what the engine knows when it retrieves. Run after
``nodepilot index``:

    .venv/bin/python benchmarks/retrieval_quality.py --split dev -k 10
"""

from __future__ import annotations

import argparse
import statistics
import time

import psycopg

from eval.datasets import Case, load_dataset
from indexing.catalog.load import load_catalog
from indexing.search import MAX_QUERY_CHARS, SearchFilters, search_request
from nodepilot.db import open_database
from nodepilot.paths import DATASETS_DIR

KINDS = ("node", "operation", "pattern")


def _base(t: str) -> str:
    """Tool twins count as their base node (the catalog documents base types)."""
    nv = load_catalog().get(t)
    return nv.base_type if nv is not None and nv.base_type else t


def query_text(case: Case) -> str:
    """The case's request, after the user's earlier turns when it continues a conversation."""
    turns = [t.content for t in case.conversation if t.role == "user"] + [case.request]
    return " ".join(" ".join(turns).split())[: MAX_QUERY_CHARS - 1]


def _engine_hits(conn: psycopg.Connection, text: str, k: int) -> list:
    """The production path: intent entities -> spec -> ``engine.retrieval.retrieve``, keeping
    its catalog and pattern items, one per node type as in the other rows."""
    from engine.intent.classifier import classify
    from engine.retrieval import retrieve
    from engine.spec import build_spec

    spec = build_spec(text, classify(text))
    items, seen = [], set()
    for c in retrieve(spec, conn, k=2 * k):
        first = c.node_types[0] if c.node_types else ""
        if c.kind in KINDS and first not in seen:
            seen.add(first)
            items.append(c)
    return items[:k]


def _hits(conn: psycopg.Connection, mode: str, text: str, k: int, max_per_type: int) -> list:
    filters = SearchFilters(kinds=KINDS)
    if mode == "engine":
        return _engine_hits(conn, text, k)
    if mode == "hybrid+link":
        from engine.cli_search import linked_types

        return search_request(
            conn, text, k, filters=filters, max_per_type=max_per_type, linked=linked_types(text)
        )
    return search_request(conn, text, k, filters=filters, mode=mode, max_per_type=max_per_type)


MODES = ("vector", "text", "hybrid", "hybrid+link", "engine")


def evaluate(split: str, k: int, max_per_type: int) -> dict[str, dict[str, float]]:
    cases = [
        c
        for c in load_dataset(DATASETS_DIR / "bench", split=split)
        if c.expected is not None and c.expected.required_sets
    ]
    results: dict[str, dict[str, float]] = {}
    with open_database() as conn:
        print(f"{len(cases)} {split} cases, k={k}, max_per_type={max_per_type}")
        header = ("mode", "recall@k", "all-found", "MRR", "p50 ms", "p95 ms")
        print("{:<12} {:>9} {:>10} {:>6} {:>7} {:>7}".format(*header))
        for mode in MODES:
            recalls, complete, rr, lat = [], 0, [], []
            for case in cases:
                text = query_text(case)
                started = time.perf_counter()
                hits = _hits(conn, mode, text, k, max_per_type)
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
            row = {
                "recall": statistics.mean(recalls),
                "all_found": complete / len(cases),
                "mrr": statistics.mean(rr),
                "p50_ms": statistics.median(lat),
                "p95_ms": lat[int(0.95 * (len(lat) - 1))],
            }
            results[mode] = row
            print(
                f"{mode:<12} {row['recall']:>9.3f} {row['all_found']:>10.3f} {row['mrr']:>6.3f} "
                f"{row['p50_ms']:>7.1f} {row['p95_ms']:>7.1f}"
            )
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", choices=["train", "dev", "test"])
    parser.add_argument("-k", type=int, default=10)
    parser.add_argument("--max-per-type", type=int, default=1)
    args = parser.parse_args()
    evaluate(args.split, args.k, args.max_per_type)


if __name__ == "__main__":
    main()
