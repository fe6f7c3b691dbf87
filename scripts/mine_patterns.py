"""Mine node patterns from the template corpus into seeds/patterns/.

Usage: .venv/bin/python scripts/mine_patterns.py [--min-support 2] [--max-per-operation 80]

Reads the de-duplicated corpus (indexing.corpus), drops benchmark reference workflows
(datasets/reference_ids.txt when present), mines patterns (indexing.patterns) and writes
``seeds/patterns/node_patterns.jsonl.gz`` (one pattern per line, deterministic order and bytes)
and ``seeds/patterns/manifest.json`` (definition, counts, sources, timings).

Resource/operation defaults and parameter types come from the project's node catalog
(indexing.catalog, seeds/catalog): see indexing.patterns.CatalogFacts.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import logging
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from indexing.catalog.load import load_catalog  # noqa: E402
from indexing.corpus import (  # noqa: E402
    LICENCES,
    exclude,
    iter_corpus,
    load_reference_ids,
)
from indexing.patterns import CatalogFacts, mine_patterns  # noqa: E402
from nodepilot.paths import DATASETS_DIR, SEEDS_DIR  # noqa: E402

log = logging.getLogger("mine_patterns")


def _write_jsonl_gz(path: Path, rows: list[dict[str, Any]]) -> None:
    """Deterministic gzip (no mtime/name) so an unchanged result is an unchanged file."""
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        for row in rows:
            gz.write((json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n").encode())
    path.write_bytes(buf.getvalue())


def main(argv: list[str] | None = None) -> int:
    """Mine, write and print a one-screen summary."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--min-support", type=int, default=2)
    ap.add_argument("--max-per-operation", type=int, default=80)
    ap.add_argument("--out", type=Path, default=SEEDS_DIR / "patterns")
    ap.add_argument("--references", type=Path, default=DATASETS_DIR / "reference_ids.txt")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")

    t0 = time.perf_counter()
    catalog = load_catalog()
    facts = CatalogFacts(catalog)
    t_catalog = time.perf_counter() - t0

    skips: list[tuple[str, str]] = []
    t1 = time.perf_counter()
    records = list(iter_corpus(on_skip=lambda w, r: skips.append((w, r))))
    refs = load_reference_ids(args.references)
    kept = list(exclude(records, refs))
    t_read = time.perf_counter() - t1

    t2 = time.perf_counter()
    patterns, stats = mine_patterns(
        kept, facts, min_support=args.min_support, max_per_operation=args.max_per_operation
    )
    t_mine = time.perf_counter() - t2

    args.out.mkdir(parents=True, exist_ok=True)
    _write_jsonl_gz(args.out / "node_patterns.jsonl.gz", patterns)
    kinds: dict[str, int] = {}
    for p in patterns:
        kinds[p["kind"]] = kinds.get(p["kind"], 0) + 1
    manifest = {
        "file": "node_patterns.jsonl.gz",
        "definition": (
            "pattern = closed set of parameter items (keys, key=enum value, collection.subkey) "
            "of one (node type, resource, operation) with defaults applied, supported by "
            f">= {args.min_support} distinct workflows incl. >= 1 MIT/CC-BY one; at most "
            f"{args.max_per_operation} configurations per operation; see indexing/patterns.py"
        ),
        "patterns": len(patterns),
        "patterns_by_kind": dict(sorted(kinds.items())),
        "node_types": len({p["node_type"] for p in patterns}),
        "operations": len({(p["node_type"], p["resource"], p["operation"]) for p in patterns}),
        "min_support": args.min_support,
        "max_per_operation": args.max_per_operation,
        "corpus": {
            "workflows_read": len(records),
            "reference_workflows_excluded": len(records) - len(kept),
            "reference_ids_file": args.references.name if args.references.exists() else None,
            "workflows_mined": stats.workflows,
            "workflows_by_source": stats.workflows_by_source,
            "nodes_with_parameters": stats.nodes_with_parameters,
            "nodes_without_parameters": stats.nodes_without_parameters,
            "operations_seen": stats.operations,
            "skipped_files": len(skips),
        },
        "sources": {
            "n8n-mcp@2.87.0": {"licence": LICENCES["n8n-mcp"], "use": "counts and values"},
            "awesome-n8n-templates": {
                "licence": LICENCES["awesome-n8n-templates"],
                "use": "counts and values",
                "attribution": "enescingoz/awesome-n8n-templates (CC-BY-4.0)",
            },
            "zie619@84c802cb": {"licence": "none stated", "use": "counts only"},
        },
        "catalog": [f"{p['name']}@{p['version']}" for p in catalog.packages],
    }
    (args.out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    print(
        f"{len(patterns)} patterns ({kinds}) from {stats.workflows} workflows "
        f"({stats.nodes_with_parameters} nodes with parameters; "
        f"{len(records) - len(kept)} reference workflows excluded, {len(skips)} files skipped)"
    )
    print(
        f"timings: catalog {t_catalog:.2f}s, corpus {t_read:.2f}s, mining {t_mine:.2f}s, "
        f"total {time.perf_counter() - t0:.2f}s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
