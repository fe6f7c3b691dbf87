"""Cross-check the harness' ragas formulas against ragas itself, in its separate environment.

ragas 0.4.3 cannot live in the project's environment (it caps openai below 2), so
``scripts/ragas_env.sh`` keeps it in ``.venv-ragas``. This module turns run records into ragas
samples, has ``eval/ragas_crosscheck.py`` score them there, and compares the values with
:mod:`eval.metrics.retrieval`'s. Any failure to run ragas is an error, never a skip.
"""

from __future__ import annotations

import json
import math
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eval.datasets import Case
from eval.metrics.base import ContextRef
from eval.metrics.retrieval import (
    context_texts,
    first_ranks,
    id_context_precision,
    id_context_recall,
    nonllm_context_precision,
    nonllm_context_recall,
)
from nodepilot.errors import UserError
from nodepilot.paths import PROJECT_ROOT

ENV_SCRIPT = PROJECT_ROOT / "scripts" / "ragas_env.sh"
CHECK_SCRIPT = Path(__file__).with_name("ragas_crosscheck.py")
METRICS = (
    "context_precision_id",
    "context_recall_id",
    "context_precision_text",
    "context_recall_text",
)


def ragas_python(timeout: float = 1800) -> Path:
    """The ragas environment's python, creating the environment first if needed."""
    try:
        proc = subprocess.run(
            ["bash", str(ENV_SCRIPT)], capture_output=True, text=True, timeout=timeout, check=False
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise UserError(f"{ENV_SCRIPT}: cannot run ({exc})") from exc
    if proc.returncode != 0:
        raise UserError(f"{ENV_SCRIPT} failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return Path(proc.stdout.strip().splitlines()[-1])


def sample_for(required: Sequence[frozenset[str]], context: Sequence[ContextRef]) -> dict:
    """The ragas inputs of one case, built exactly as the harness' retrieval metrics build them."""
    wanted = frozenset().union(*required)
    labels = ["|".join(sorted(g)) for g in required]
    ranks = first_ranks(required, context)
    retrieved_texts, reference_texts = context_texts(required, context)
    return {
        "retrieved_ids": [c.id for c in context],
        "reference_ids": [c.id for c in context if wanted.intersection(c.node_types)],
        "covered": [label for label, r in zip(labels, ranks, strict=True) if r],
        "labels": labels,
        "retrieved_contexts": retrieved_texts,
        "reference_contexts": reference_texts,
    }


def ours(sample: dict) -> dict[str, float | None]:
    """The harness' values for a sample (NaN as None, as the cross-check script writes)."""
    values = {
        "context_precision_id": id_context_precision(
            sample["retrieved_ids"], sample["reference_ids"]
        ),
        "context_recall_id": id_context_recall(sample["covered"], sample["labels"]),
        "context_precision_text": nonllm_context_precision(
            sample["retrieved_contexts"], sample["reference_contexts"]
        ),
        "context_recall_text": nonllm_context_recall(
            sample["retrieved_contexts"], sample["reference_contexts"]
        ),
    }
    return {k: None if math.isnan(v) else v for k, v in values.items()}


def ragas_scores(samples: list[dict], python: Path) -> tuple[str, list[dict[str, float | None]]]:
    """(ragas version, per-sample scores) computed by ragas in its environment."""
    payload = [
        {
            "precision_ids": {"retrieved": s["retrieved_ids"], "reference": s["reference_ids"]},
            # id recall over requirements: the covered labels against all labels
            "recall_ids": {"retrieved": s["covered"], "reference": s["labels"]},
            "retrieved_contexts": s["retrieved_contexts"],
            "reference_contexts": s["reference_contexts"],
        }
        for s in samples
    ]
    proc = subprocess.run(
        # -I: the script's folder (eval/, with its own datasets.py) must not shadow packages
        [str(python), "-I", str(CHECK_SCRIPT)],
        input=json.dumps({"samples": payload}),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if proc.returncode != 0:
        raise UserError(f"ragas cross-check failed: {proc.stderr[-2000:]}")
    data = json.loads(proc.stdout)
    return data["ragas"], data["scores"]


@dataclass
class CrossCheck:
    """How far the harness' values are from ragas' on the same samples."""

    ragas_version: str
    samples: int
    max_abs_diff: dict[str, float] = field(default_factory=dict)
    mismatches: list[str] = field(default_factory=list)


def cross_check(samples: list[dict], python: Path, tolerance: float = 1e-9) -> CrossCheck:
    version, theirs = ragas_scores(samples, python)
    check = CrossCheck(version, len(samples), {m: 0.0 for m in METRICS})
    for i, (sample, got) in enumerate(zip(samples, theirs, strict=True)):
        mine = ours(sample)
        for metric in METRICS:
            a, b = mine[metric], got[metric]
            if (a is None) != (b is None):
                check.mismatches.append(f"sample {i} {metric}: ours {a}, ragas {b}")
                continue
            if a is not None and b is not None:
                diff = abs(a - b)
                check.max_abs_diff[metric] = max(check.max_abs_diff[metric], diff)
                if diff > tolerance:
                    check.mismatches.append(f"sample {i} {metric}: ours {a}, ragas {b}")
    return check


def samples_from_records(records: Sequence[dict[str, Any]], cases: dict[str, Case]) -> list[dict]:
    """Samples of every recorded case the retrieval metrics apply to."""
    out = []
    for rec in records:
        case = cases.get(rec["case_id"])
        context = [ContextRef(c["id"], tuple(c.get("node_types") or ())) for c in rec["context"]]
        if case is None or case.expected is None or not case.expected.required_sets:
            continue
        if not case.is_workflow or not context:
            continue
        out.append(sample_for(case.expected.required_sets, context))
    return out


def main() -> int:
    """``python -m eval.ragas_bridge [RUN]``: cross-check a run's retrieval samples (default the
    committed baseline) against ragas and print one line; exit 1 on any mismatch."""
    import sys

    from eval.datasets import load_dataset
    from eval.rundir import RESULTS, read_results, resolve_run_path

    run = resolve_run_path(sys.argv[1] if len(sys.argv) > 1 else "eval/baselines/offline-dev")
    records = read_results(run / RESULTS)
    split = {(r.get("gold") or {}).get("split") for r in records} - {None}
    cases = {
        c.id: c for c in load_dataset(PROJECT_ROOT / "datasets" / "bench", split=split or None)
    }
    samples = samples_from_records(records, cases)
    check = cross_check(samples, ragas_python())
    worst = max(check.max_abs_diff.values(), default=0.0)
    print(
        f"ragas cross-check: {check.samples} samples of {run}, ragas {check.ragas_version}, "
        f"{len(check.mismatches)} mismatches (max |diff| {worst:.1e})"
    )
    for line in check.mismatches[:10]:
        print(f"  {line}")
    return 1 if check.mismatches or not samples else 0


if __name__ == "__main__":
    raise SystemExit(main())
