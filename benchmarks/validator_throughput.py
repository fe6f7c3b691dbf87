"""Throughput: workflows validated per second, ours vs the n8n oracle, same files, same run.

For each corpus the oracle (Node.js, n8n's own code) is run as a subprocess over the corpus
path and timed (wall clock and child CPU time); then our validator reads and validates the same
records ``--repeat`` times in this process (reading + parsing included, like the oracle). The
script prints per-corpus rates, the median of our repeats, and the ratio. Target: >= 3x.

    .venv/bin/python benchmarks/validator_throughput.py
    .venv/bin/python benchmarks/validator_throughput.py --corpus zie619 --repeat 5

The machine may be shared: CPU-time rates (``cpu``) are the fairer comparison, wall-clock rates
are printed too.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpora import CORPORA, corpus_path, iter_corpus, run_oracle  # noqa: E402
from engine.validation.validator import validate_workflow  # noqa: E402
from indexing.catalog.load import load_catalog  # noqa: E402


def _child_cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def _self_cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_utime + ru.ru_stime


def measure(
    name: str, repeat: int, profile: str, oracle_repeat: int = 1
) -> dict[str, float | int | str]:
    """Time the oracle ``oracle_repeat`` times and ours ``repeat`` times (medians)."""
    path = corpus_path(name)
    o_walls, o_cpus = [], []
    n_oracle = 0
    for _ in range(oracle_repeat):
        cpu0, t0 = _child_cpu(), time.perf_counter()
        n_oracle = len(run_oracle(path))
        o_walls.append(time.perf_counter() - t0)
        o_cpus.append(_child_cpu() - cpu0)
    oracle_wall, oracle_cpu = statistics.median(o_walls), statistics.median(o_cpus)
    catalog = load_catalog()
    walls, cpus = [], []
    count = 0
    for _ in range(repeat):
        cpu0, t0 = _self_cpu(), time.perf_counter()
        count = 0
        for rec in iter_corpus(path):  # reading and parsing are part of the work, as for n8n
            if rec.doc is not None:
                validate_workflow(rec.doc, profile, catalog)  # type: ignore[arg-type]
            count += 1
        walls.append(time.perf_counter() - t0)
        cpus.append(_self_cpu() - cpu0)
    ours_wall, ours_cpu = statistics.median(walls), statistics.median(cpus)
    return {
        "corpus": name,
        "records": count,
        "oracle_records": n_oracle,
        "oracle_wall_s": round(oracle_wall, 2),
        "oracle_cpu_s": round(oracle_cpu, 2),
        "ours_wall_s_median": round(ours_wall, 2),
        "ours_cpu_s_median": round(ours_cpu, 2),
        "oracle_wf_per_s_wall": round(n_oracle / oracle_wall, 1),
        "ours_wf_per_s_wall": round(count / ours_wall, 1),
        "oracle_wf_per_s_cpu": round(n_oracle / oracle_cpu, 1),
        "ours_wf_per_s_cpu": round(count / ours_cpu, 1),
        "ratio_wall": round((count / ours_wall) / (n_oracle / oracle_wall), 2),
        "ratio_cpu": round((count / ours_cpu) / (n_oracle / oracle_cpu), 2),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--corpus", action="append", choices=sorted(CORPORA), help="repeatable")
    ap.add_argument("--repeat", type=int, default=3, help="runs of ours (median reported)")
    ap.add_argument(
        "--oracle-repeat", type=int, default=3, help="runs of the oracle (median reported)"
    )
    ap.add_argument("--profile", choices=["runtime", "strict"], default="runtime")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    results = []
    for name in args.corpus or list(CORPORA):
        if not corpus_path(name).exists():
            print(f"{name}: corpus not found at {corpus_path(name)}", file=sys.stderr)
            continue
        r = measure(name, max(1, args.repeat), args.profile, max(1, args.oracle_repeat))
        results.append(r)
        if not args.json:
            print(
                f"{name}: {r['records']} records | oracle {r['oracle_wf_per_s_wall']} wf/s wall, "
                f"{r['oracle_wf_per_s_cpu']} wf/s cpu (median of {args.oracle_repeat}) | "
                f"ours (median of {args.repeat}) "
                f"{r['ours_wf_per_s_wall']} wf/s wall, {r['ours_wf_per_s_cpu']} wf/s cpu | "
                f"ratio {r['ratio_wall']}x wall, {r['ratio_cpu']}x cpu"
            )
    if results and not args.json:
        walls = [r["ratio_wall"] for r in results]
        cpus = [r["ratio_cpu"] for r in results]
        print(
            f"median ratio over corpora: {statistics.median(walls)}x wall, "
            f"{statistics.median(cpus)}x cpu"
        )
    if args.json:
        print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
