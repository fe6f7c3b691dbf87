"""Catalog speed: loading the distilled catalog and resolving node parameters.

Prints medians and, as the baseline measured in the same process, the cost of merely parsing the
raw npm ``nodes.json`` files the catalog is distilled from (what a loader without the distilled
seed would pay before any indexing). Parameter resolution is timed over every node of the zie619
corpus (statistics use only: nothing from it is stored).

Usage: ``.venv/bin/python benchmarks/catalog_speed.py [--repeat N]``
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from indexing.catalog.load import DEFAULT_PATH, Catalog, read_catalog_file  # noqa: E402
from indexing.catalog.params import ParameterResolutionError, resolve_parameters  # noqa: E402
from indexing.catalog.ports import PortsNotComputable, node_inputs, node_outputs  # noqa: E402
from nodepilot.paths import shared_data_dir  # noqa: E402


def median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()

    def load() -> Catalog:
        header, lines = read_catalog_file(DEFAULT_PATH)
        return Catalog(header, lines, source=str(DEFAULT_PATH))

    t_load = median_time(load, args.repeat)
    print(
        f"load distilled catalog ({DEFAULT_PATH.stat().st_size / 1e6:.2f} MB gz): "
        f"median {t_load * 1000:.1f} ms"
    )
    shared = shared_data_dir() / "n8n" / "catalog"
    raw_files = sorted(shared.glob("*/nodes.json"))
    if raw_files:

        def parse_raw() -> None:
            for f in raw_files:
                json.loads(f.read_bytes())

        t_raw = median_time(parse_raw, args.repeat)
        print(
            f"baseline: json-parse raw nodes.json files: median {t_raw * 1000:.1f} ms "
            f"-> distilled load is {t_raw / t_load:.1f}x faster"
        )

    cat = load()
    corpus = shared_data_dir() / "n8n" / "templates" / "zie619-n8n-workflows-84c802cb"
    corpus_file = corpus / "workflows.jsonl.gz"
    if not corpus_file.exists():
        print("no zie619 corpus in ../shared: skipping resolution timing")
        return 0
    work = []
    workflows = 0
    with gzip.open(corpus_file, "rt") as fh:
        for line in fh:
            wf = json.loads(line).get("workflow")
            if not isinstance(wf, dict) or not isinstance(wf.get("nodes"), list):
                continue
            workflows += 1
            for n in wf["nodes"]:
                if not isinstance(n, dict):
                    continue
                nv = cat.get(n.get("type"), n.get("typeVersion"))
                if nv is not None:
                    work.append((nv, n.get("parameters") or {}, n.get("typeVersion"), n))

    def resolve_all() -> None:
        for nv, params, tv, node in work:
            try:
                resolved = resolve_parameters(nv, params, tv)
            except ParameterResolutionError:
                resolved = resolve_parameters(nv, {}, tv)
            try:
                node_inputs(nv, resolved, tv)
                node_outputs(nv, resolved, tv, on_error=node.get("onError"))
            except PortsNotComputable:
                pass

    resolve_all()  # warm the per-property-list plans
    t = median_time(resolve_all, args.repeat)
    print(
        f"resolve parameters + ports: {len(work)} nodes of {workflows} workflows, "
        f"median {t * 1000:.0f} ms = {t / len(work) * 1e6:.0f} us/node, "
        f"{workflows / t:.0f} workflows/s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
