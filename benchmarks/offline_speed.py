"""Warm in-process speed of the offline path, per stage, over benchmark requests.

    .venv/bin/python benchmarks/offline_speed.py [--split train] [--limit 120] [--retrieval]

Stages per request: spec (entity extraction + ``build_spec``), generate (``OfflineGenerator``,
which validates and repairs internally), validate (one more strict validation, as the pipeline
does). ``--retrieval`` also times ``engine.retrieval.retrieve`` against the local index (needs the
database and a built index). Every request runs once to warm caches, then ``--repeat`` timed
rounds; prints p50/p95 per stage and for the totals with and without retrieval. Targets: offline
generation (spec + generate + validate) p50 <= 30 ms, p95 <= 80 ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from engine.providers.offline import OfflineGenerator  # noqa: E402
from engine.spec import build_spec  # noqa: E402
from engine.types import IntentResult  # noqa: E402
from engine.validation.validator import validate_workflow  # noqa: E402
from eval.datasets import load_dataset  # noqa: E402


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    idx = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[idx]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", default="train", choices=["train", "dev", "test"])
    ap.add_argument("--limit", type=int, default=120)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--retrieval", action="store_true", help="also time retrieval (needs the DB)")
    args = ap.parse_args(argv)

    requests = [
        c.request
        for c in load_dataset(ROOT / "datasets" / "bench", split=args.split)
        if c.intent == "workflow_request"
    ][: args.limit]
    gen = OfflineGenerator()
    conn = None
    if args.retrieval:
        from engine.retrieval import retrieve
        from nodepilot.db import open_database

        conn = open_database()
    intent = IntentResult("workflow_request", 1.0)

    def run_once(text: str) -> dict[str, float]:
        t0 = time.perf_counter()
        spec = build_spec(text, intent)
        t1 = time.perf_counter()
        out = {"spec": (t1 - t0) * 1000}
        ctx = []
        if conn is not None:
            ctx = retrieve(spec, conn)
            out["retrieval"] = (time.perf_counter() - t1) * 1000
        t2 = time.perf_counter()
        wf = gen.generate(spec, ctx)
        t3 = time.perf_counter()
        validate_workflow(wf, profile="strict")
        t4 = time.perf_counter()
        out["generate"] = (t3 - t2) * 1000
        out["validate"] = (t4 - t3) * 1000
        out["offline"] = out["spec"] + out["generate"] + out["validate"]
        if conn is not None:
            out["+retrieval"] = out["offline"] + out["retrieval"]
        return out

    # warm the process (catalog, patterns, validator) on other requests than the timed ones
    warm = [
        c.request
        for c in load_dataset(ROOT / "datasets" / "bench", split="dev")
        if c.intent == "workflow_request"
    ][:10]
    for text in warm:
        run_once(text)
    first = [run_once(t) for t in requests]
    again = [run_once(t) for _ in range(args.repeat) for t in requests]

    def show(label: str, rows: list[dict[str, float]]) -> None:
        print(f"{label} ({len(rows)} runs)")
        for name in ("spec", "retrieval", "generate", "validate", "offline", "+retrieval"):
            values = [r[name] for r in rows if name in r]
            if values:
                note = "   target p50 <= 30, p95 <= 80" if name == "offline" else ""
                print(
                    f"  {name:<10} p50 {statistics.median(values):6.2f} ms"
                    f"   p95 {pct(values, 0.95):6.2f} ms{note}"
                )

    print(f"split={args.split} requests={len(requests)}; offline = spec + generate + validate")
    show("first sight of each request (warm process)", first)
    show(f"repeated requests (x{args.repeat})", again)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
