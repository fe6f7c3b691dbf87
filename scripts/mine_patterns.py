"""Mine node patterns from the template corpus into seeds/patterns/.

Usage: .venv/bin/python scripts/mine_patterns.py [--min-support 2] [--max-per-operation 60]

Reads the de-duplicated corpus (indexing.corpus), drops benchmark reference workflows
(datasets/reference_ids.txt when present), mines patterns (indexing.patterns) and writes
``seeds/patterns/node_patterns.jsonl.gz`` (one pattern per line, deterministic order and bytes)
and ``seeds/patterns/manifest.json`` (definition, counts, sources, timings).

Resource/operation defaults and parameter types come from the raw catalog files in
../shared/data/n8n/catalog (read here only; the catalog package is being built in parallel).
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import logging
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from indexing.corpus import (  # noqa: E402
    LICENCES,
    exclude,
    iter_corpus,
    load_reference_ids,
)
from indexing.patterns import mine_patterns  # noqa: E402
from nodepilot.paths import DATASETS_DIR, SEEDS_DIR, shared_data_dir  # noqa: E402

log = logging.getLogger("mine_patterns")

PACKAGES = {
    "n8n-nodes-base-2.41.2": "n8n-nodes-base.",
    "n8n-nodes-langchain-2.41.1": "@n8n/n8n-nodes-langchain.",
}


def _versions(entry: Mapping[str, Any]) -> list[float]:
    v = entry.get("version", 1)
    return [float(x) for x in (v if isinstance(v, list) else [v])]


def _cnd_ok(cond: Mapping[str, Any], actual: Any) -> bool:
    """n8n's ``{"_cnd": {op: operand}}`` display conditions."""
    op, operand = next(iter(cond.items()))
    try:
        if op == "eq":
            return actual == operand
        if op == "not":
            return actual != operand
        if op == "gte":
            return actual >= operand
        if op == "lte":
            return actual <= operand
        if op == "gt":
            return actual > operand
        if op == "lt":
            return actual < operand
        if op == "between":
            return operand["from"] <= actual <= operand["to"]
        if op == "startsWith":
            return str(actual).startswith(operand)
        if op == "endsWith":
            return str(actual).endswith(operand)
        if op == "includes":
            return operand in str(actual)
        if op == "exists":
            return actual is not None
    except (TypeError, KeyError):
        return False
    return False


def _value_matches(allowed: list[Any], actual: Any) -> bool:
    for a in allowed:
        if isinstance(a, dict) and "_cnd" in a:
            if _cnd_ok(a["_cnd"], actual):
                return True
        elif a == actual:
            return True
    return False


class RawCatalogFacts:
    """Resource/operation defaults and parameter types from the raw nodes.json files."""

    def __init__(self, catalog_dir: Path) -> None:
        self.entries: dict[str, list[dict[str, Any]]] = {}
        self.types: dict[str, dict[str, str]] = {}
        for folder, prefix in PACKAGES.items():
            path = catalog_dir / folder / "nodes.json"
            for entry in json.loads(path.read_text(encoding="utf-8")):
                name = prefix + entry["name"]
                self.entries.setdefault(name, []).append(entry)
                types = self.types.setdefault(name, {})
                for prop in entry.get("properties", []):
                    types.setdefault(prop["name"], prop.get("type"))

    @staticmethod
    def _base(node_type: str) -> str:
        for suffix in ("HitlTool", "Tool"):
            if node_type.endswith(suffix):
                return node_type[: -len(suffix)]
        return node_type

    def _entry(self, node_type: str, type_version: Any) -> dict[str, Any] | None:
        entries = self.entries.get(node_type) or self.entries.get(self._base(node_type))
        if not entries:
            return None
        try:
            tv = float(type_version)
        except (TypeError, ValueError):
            tv = None
        if tv is not None:
            for e in entries:
                if tv in _versions(e):
                    return e
            lower = [e for e in entries if min(_versions(e)) <= tv]
            if lower:
                return max(lower, key=lambda e: max(_versions(e)))
        return max(entries, key=lambda e: max(_versions(e)))

    def param_type(self, node_type: str, name: str) -> str | None:
        types = self.types.get(node_type) or self.types.get(self._base(node_type)) or {}
        return types.get(name)

    def resource_operation(
        self, node_type: str, type_version: Any, params: Mapping[str, Any]
    ) -> tuple[str | None, str | None]:
        res, op = params.get("resource"), params.get("operation")
        res = res if isinstance(res, str) else None
        op = op if isinstance(op, str) else None
        entry = self._entry(node_type, type_version)
        if entry is None or (res and op):
            return res, op
        props = entry.get("properties", [])
        defaults = {p["name"]: p.get("default") for p in reversed(props)}
        try:
            version = float(type_version)
        except (TypeError, ValueError):
            version = max(_versions(entry))

        def visible(prop: Mapping[str, Any], known: Mapping[str, Any]) -> bool:
            opts = prop.get("displayOptions") or {}
            for key, allowed in (opts.get("show") or {}).items():
                k = key.lstrip("/")
                actual = version if k == "@version" else known.get(k, defaults.get(k))
                if not _value_matches(allowed, actual):
                    return False
            for key, allowed in (opts.get("hide") or {}).items():
                k = key.lstrip("/")
                actual = version if k == "@version" else known.get(k, defaults.get(k))
                if _value_matches(allowed, actual):
                    return False
            return True

        known: dict[str, Any] = dict(params)
        if res is None:
            for p in props:
                if p["name"] == "resource" and visible(p, known):
                    d = p.get("default")
                    res = d if isinstance(d, str) and d else None
                    break
        if res is not None:
            known["resource"] = res
        if op is None:
            for p in props:
                if p["name"] == "operation" and visible(p, known):
                    d = p.get("default")
                    op = d if isinstance(d, str) and d else None
                    break
        return res, op


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
    ap.add_argument("--max-per-operation", type=int, default=60)
    ap.add_argument("--out", type=Path, default=SEEDS_DIR / "patterns")
    ap.add_argument("--references", type=Path, default=DATASETS_DIR / "reference_ids.txt")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")

    t0 = time.perf_counter()
    facts = RawCatalogFacts(shared_data_dir() / "n8n" / "catalog")
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
        "catalog": sorted(PACKAGES),
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
