"""Offline generator quality on a benchmark split: validity, trigger accuracy, required recall.

    .venv/bin/python benchmarks/offline_quality.py [--split dev] [--oracle] [--show-misses N]

For every workflow_request and workflow_modification case: entities (``engine.intent``) ->
``build_spec`` -> ``OfflineGenerator``. A modification's previous workflow is rebuilt from the
conversation: the first user turn generated, each later user turn applied as a modification,
then the case's request applied. Prints strict validity, trigger accuracy (expected.trigger or
trigger_any present), and required-node recall (any_of aware; macro over cases and micro over
requirements). ``--oracle`` also judges every output with ../shared/tools/n8n-oracle (default
mode; set N8N_ORACLE_HOME to use another writable copy). Never point this at the test split
while developing: use train to tune, dev to check.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from engine.offline.modify import modify  # noqa: E402
from engine.providers.offline import OfflineGenerator  # noqa: E402
from engine.spec import build_spec  # noqa: E402
from engine.types import IntentResult  # noqa: E402
from engine.validation.validator import validate_workflow  # noqa: E402
from eval.datasets import load_dataset  # noqa: E402
from indexing.catalog.load import load_catalog  # noqa: E402

ORACLE = ROOT.parent / "shared" / "tools" / "n8n-oracle" / "run"


def _entities(text: str) -> tuple[Any, ...]:
    try:
        from engine.intent.entities import extract_entities
    except ImportError:
        return ()
    return tuple(extract_entities(text))


def generate_case(case: Any, gen: OfflineGenerator) -> dict[str, Any]:
    """The workflow the offline path produces for one benchmark case."""
    if case.intent == "workflow_modification":
        users = [t.content for t in case.conversation if t.role == "user"]
        first = users[0] if users else case.request
        wf = gen.generate(
            build_spec(first, IntentResult("workflow_request", 1.0, _entities(first))), []
        )
        for turn in users[1:]:
            spec = build_spec(turn, IntentResult("workflow_modification", 1.0, _entities(turn)))
            wf = modify(wf, turn, spec)
        spec = build_spec(
            case.request, IntentResult("workflow_modification", 1.0, _entities(case.request))
        )
        return modify(wf, case.request, spec)
    spec = build_spec(case.request, IntentResult("workflow_request", 1.0, _entities(case.request)))
    return gen.generate(spec, [])


def score(case: Any, wf: dict[str, Any]) -> dict[str, Any]:
    cat = load_catalog()
    types = {n.get("type") for n in wf.get("nodes", [])}
    triggers = {t for t in types if isinstance(t, str) and cat.is_trigger(t)}
    exp = case.expected
    sets = exp.required_sets
    met = [bool(s & types) for s in sets]
    return {
        "valid": validate_workflow(wf, profile="strict").valid,
        "trigger_ok": bool(triggers & exp.triggers),
        "met": sum(met),
        "required": len(sets),
        "recall": (sum(met) / len(sets)) if sets else 1.0,
        "missing": [sorted(s) for s, ok in zip(sets, met, strict=True) if not ok],
        "triggers": sorted(triggers),
    }


def run_oracle(workflows: list[tuple[str, dict[str, Any]]]) -> tuple[int, int, list[str]]:
    """(valid, total, invalid ids) per the n8n oracle in its default mode."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "outputs.jsonl"
        with path.open("w") as fh:
            for cid, wf in workflows:
                fh.write(json.dumps({"workflow": wf, "id": cid}) + "\n")
        proc = subprocess.run(
            [str(ORACLE), str(path)], capture_output=True, text=True, env=os.environ.copy()
        )
        if proc.returncode != 0:
            raise SystemExit(f"oracle failed: {proc.stderr.strip()[:400]}")
        results = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    bad = []
    for res in results:
        if not res.get("valid"):
            idx = int(res.get("line", 0)) - 1
            cid = workflows[idx][0] if 0 <= idx < len(workflows) else "?"
            bad.append(f"{cid}: {json.dumps(res.get('issues'))[:300]}")
    return sum(1 for r in results if r.get("valid")), len(results), bad


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", default="dev", choices=["train", "dev", "test"])
    ap.add_argument("--dataset", default=str(ROOT / "datasets" / "bench"))
    ap.add_argument("--oracle", action="store_true", help="also run the n8n oracle")
    ap.add_argument("--show-misses", type=int, default=0, help="print N cases with misses")
    ap.add_argument(
        "--intent", choices=["all", "workflow_request", "workflow_modification"], default="all"
    )
    args = ap.parse_args(argv)

    cases = [
        c
        for c in load_dataset(args.dataset, split=args.split)
        if c.is_workflow and (args.intent == "all" or c.intent == args.intent)
    ]
    gen = OfflineGenerator()
    outputs: list[tuple[str, dict[str, Any]]] = []
    rows: list[tuple[Any, dict[str, Any]]] = []
    started = time.perf_counter()
    for case in cases:
        wf = generate_case(case, gen)
        outputs.append((case.id, wf))
        rows.append((case, score(case, wf)))
    elapsed = time.perf_counter() - started

    def report(label: str, subset: list[tuple[Any, dict[str, Any]]]) -> None:
        if not subset:
            return
        n = len(subset)
        valid = sum(r["valid"] for _, r in subset)
        trig = sum(r["trigger_ok"] for _, r in subset)
        macro = sum(r["recall"] for _, r in subset) / n
        met = sum(r["met"] for _, r in subset)
        req = sum(r["required"] for _, r in subset) or 1
        print(
            f"{label:<24} n={n:<4} strict-valid {valid}/{n} ({valid / n:.1%})  "
            f"trigger {trig / n:.1%}  recall macro {macro:.3f} micro {met / req:.3f}"
        )

    from engine.offline.generator import FINALIZE_STATS

    print(f"split={args.split} cases={len(cases)} generated in {elapsed:.1f}s")
    print("finalize outcomes:", dict(sorted(FINALIZE_STATS.items())))
    report("all", rows)
    report("workflow_request", [x for x in rows if x[0].intent == "workflow_request"])
    report("workflow_modification", [x for x in rows if x[0].intent == "workflow_modification"])
    if args.oracle:
        ok, total, bad = run_oracle(outputs)
        print(f"{'n8n oracle':<24} valid {ok}/{total} ({ok / max(total, 1):.1%})")
        for line in bad[:20]:
            print("  oracle invalid:", line)
    shown = 0
    for case, r in rows:
        if shown >= args.show_misses:
            break
        if r["missing"] or not r["trigger_ok"] or not r["valid"]:
            shown += 1
            print(f"- {case.id} [{case.intent}] {case.request[:150]}")
            if not r["trigger_ok"]:
                print(f"    trigger got {r['triggers']} want {sorted(case.expected.triggers)}")
            if r["missing"]:
                print(f"    missing {[[t.split('.')[-1] for t in s] for s in r['missing']]}")
            if not r["valid"]:
                print("    INVALID")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
