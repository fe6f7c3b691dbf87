"""Prompt-building speed: thread CPU of ``build_generation_prompt`` per request, old vs new.

The LLM path builds a prompt per request; its schema section resolves, for every node type
the spec picks, which parameters apply to the chosen resource/operation. This script isolates
that work from retrieval and the provider call:

1. the parent runs the offline pipeline once over the bench dev workflow requests and pickles
   the ``GenerationRequest`` of each (spec + retrieved items), as the LLM provider gets them;
2. a child process per tree (this checkout, and ``--against DIR``, e.g. an old commit from
   ``git archive``) loads them and times, per request, in thread CPU:
   - ``first``: the first build of each request in a fresh process (what a worker pays for a
     request whose node types/operations it has not seen yet), in dataset order;
   - ``warm``: the same prompts built again (median of ``PASSES`` passes per request);
   - ``repair``: the repair prompt of each (every spec node named by a finding, so
     ``offending_schemas`` renders their schemas; median of ``PASSES`` passes);
3. children run alternately, ``--rounds`` times per tree; medians of the per-request medians
   are printed with the ratio new/old and the 1-minute load average of each child, then the
   same for the whole pass (the sum over requests: the heavy requests a median hides).

``first`` is the cold figure (a worker's first sight of a request's node types), ``warm``
the figure of a request seen before. ``--against`` takes a directory or a git revision
(``--against HEAD``: the last commit, archived to a temporary directory, against this
working tree in the same run).

    .venv/bin/python benchmarks/prompt_build_speed.py --against HEAD [--tree DIR]
        [--limit 60] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("first", "warm", "repair")
#: Warm and repair builds are repeated; each request's median of these passes is its time.
PASSES = 3


def build_requests(limit: int) -> list[Any]:
    """The GenerationRequests the LLM provider would get for the dev workflow requests."""
    from engine.pipeline import Pipeline
    from engine.retrieval import items_by_id
    from engine.types import GenerationRequest
    from eval.datasets import load_dataset
    from nodepilot.paths import DATASETS_DIR

    cases = [
        c
        for c in load_dataset(DATASETS_DIR / "bench", split="dev")
        if c.intent == "workflow_request"
    ][:limit]
    offline = Pipeline(provider="offline", use_cache=False)
    built = []
    for case in cases:
        result = offline.run(case.request)
        context = tuple(items_by_id(offline.conn, result.context_ids))
        built.append(GenerationRequest(request=result.request, spec=result.spec, context=context))
    return built


def _repair_of(req: Any) -> Any:
    """The same request as a repair round: a finding on every node of a stand-in workflow."""
    from dataclasses import replace

    from engine.context.assemble import spec_choices

    nodes, findings = [], []
    for i, choice in enumerate(spec_choices(req.spec)):
        params = {k: v for k, v in (("resource", choice.resource), ("operation", choice.operation))}
        nodes.append(
            {
                "name": f"n{i}",
                "type": choice.node_type,
                "parameters": {k: v for k, v in params.items() if v},
            }
        )
        findings.append({"node": f"n{i}", "code": "bench", "message": "benchmark finding"})
    workflow = {"nodes": nodes, "connections": {}}
    return replace(req, feedback=tuple(findings), failed_workflow=workflow)


def _cpu_ms(action: Any) -> float:
    started = time.thread_time()
    action()
    return (time.thread_time() - started) * 1000


def child(path: str) -> None:
    """Time the builds of the pickled requests in this process; print one JSON line."""
    import engine
    from engine.providers.messages import build_generation_prompt

    built = pickle.loads(Path(path).read_bytes())
    repairs = [_repair_of(r) for r in built]
    build_generation_prompt(built[0])  # templates, tokenizer, catalog: not the measure
    times: dict[str, list[float]] = {k: [] for k in KINDS}
    for req in built:
        times["first"].append(_cpu_ms(lambda r=req: build_generation_prompt(r)))
    for kind, reqs in (("warm", built), ("repair", repairs)):
        runs: list[list[float]] = []
        for _ in range(PASSES):
            runs.append([_cpu_ms(lambda r=req: build_generation_prompt(r)) for req in reqs])
        times[kind] = [statistics.median(per_req) for per_req in zip(*runs, strict=True)]
    row = {k: statistics.median(v) for k, v in times.items()}
    row |= {f"{k} total": sum(v) for k, v in times.items()}
    print(json.dumps({"tree": str(Path(engine.__file__).parent.parent), **row}))


def _run_child(tree: Path, path: str) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    out = subprocess.run(
        [sys.executable, str(Path(__file__)), "--child", path],
        env=env,
        cwd=str(tree),
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    row = json.loads(out.strip().splitlines()[-1])
    if Path(row["tree"]).resolve() != tree.resolve():
        raise SystemExit(f"child imported {row['tree']}, not {tree}")
    row["load"] = os.getloadavg()[0]
    return row


def _baseline_tree(against: str, tmp: str) -> Path:
    """``against`` itself when it is a directory, else the git revision it names, archived
    into ``tmp``."""
    if Path(against).is_dir():
        return Path(against)
    out = Path(tmp) / "baseline"
    out.mkdir()
    archive = subprocess.run(
        ["git", "archive", against], cwd=ROOT, check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(out)], input=archive, check=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", help="the baseline: a tree, or a git revision (HEAD)")
    parser.add_argument("--tree", type=Path, default=ROOT, help="the new tree (default: here)")
    parser.add_argument("--limit", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    with tempfile.TemporaryDirectory() as tmp:
        trees = [args.tree] + ([_baseline_tree(args.against, tmp)] if args.against else [])
        path = str(Path(tmp) / "requests.pickle")
        Path(path).write_bytes(pickle.dumps(build_requests(args.limit)))
        rows: dict[Path, list[dict[str, Any]]] = {t: [] for t in trees}
        for i in range(args.rounds):
            for tree in trees if i % 2 == 0 else trees[::-1]:
                row = _run_child(tree, path)
                rows[tree].append(row)
                cells = "  ".join(f"{k} {row[k]:6.2f}" for k in KINDS)
                print(f"round {i + 1} {tree}: {cells} ms  (load {row['load']:.1f})", flush=True)
    print("first = cold (the first build in a fresh process), warm = built again")
    print(f"median over {args.rounds} rounds of the per-request median, thread CPU ms:")
    base = {k: statistics.median(r[k] for r in rows[trees[-1]]) for k in KINDS}
    for tree in trees:
        meds = {k: statistics.median(r[k] for r in rows[tree]) for k in KINDS}
        ratio = (
            ""
            if tree == trees[-1] or len(trees) == 1
            else "  ratio " + "  ".join(f"{k} {meds[k] / base[k]:.2f}" for k in KINDS)
        )
        print(f"  {tree}: " + "  ".join(f"{k} {meds[k]:6.2f}" for k in KINDS) + ratio)
    print(f"median over {args.rounds} rounds of the whole pass (sum over requests), ms:")
    totals = [f"{k} total" for k in KINDS]
    base = {k: statistics.median(r[k] for r in rows[trees[-1]]) for k in totals}
    for tree in trees:
        meds = {k: statistics.median(r[k] for r in rows[tree]) for k in totals}
        ratio = (
            ""
            if tree == trees[-1]
            else "  ratio " + "  ".join(f"{k.split()[0]} {meds[k] / base[k]:.2f}" for k in totals)
        )
        print(f"  {tree}: " + "  ".join(f"{k} {meds[k]:7.1f}" for k in totals) + ratio)


if __name__ == "__main__":
    main()
