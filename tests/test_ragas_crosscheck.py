"""ragas for real: the retrieval formulas against ragas 0.4.3 itself, in its own environment.

``scripts/ragas_env.sh`` creates ``.venv-ragas`` (ragas caps openai below 2, so it cannot share
the project's environment; the first run installs it, later runs reuse it). The test then has
ragas score every retrieval sample of the committed baseline run plus generated edge cases and
requires our values to match. It fails - never skips - when ragas cannot be installed or run.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from eval.datasets import load_dataset
from eval.metrics.base import ContextRef
from eval.ragas_bridge import cross_check, ragas_python, sample_for, samples_from_records
from nodepilot.paths import DATASETS_DIR, PROJECT_ROOT

BASELINE = PROJECT_ROOT / "eval" / "baselines" / "offline-dev"
TYPES = [f"n8n-nodes-base.{n}" for n in ("slack", "slackTrigger", "gmail", "gmailTrigger",
         "googleSheets", "httpRequest", "code", "if", "set")]  # fmt: skip


@pytest.fixture(scope="module")
def python() -> Path:
    return ragas_python()


def generated_samples(count: int, seed: int = 18) -> list[dict]:
    """Random requirements and rankings, with near-miss names, duplicates and untyped items."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        required = [
            frozenset(rng.sample(TYPES, rng.randint(1, 2))) for _ in range(rng.randint(1, 4))
        ]
        context = [
            ContextRef(f"item:{rng.randint(0, 6)}", tuple(rng.sample(TYPES, rng.randint(0, 3))))
            for _ in range(rng.randint(1, 8))
        ]
        out.append(sample_for(required, context))
    return out


def test_our_retrieval_formulas_match_ragas_on_the_baseline_run(python: Path) -> None:
    cases = {c.id: c for c in load_dataset(DATASETS_DIR / "bench", split="dev")}
    records = [json.loads(line) for line in (BASELINE / "results.jsonl").read_text().splitlines()]
    samples = samples_from_records(records, cases)
    assert len(samples) > 90
    check = cross_check(samples, python)
    assert check.ragas_version == "0.4.3"
    assert not check.mismatches, check.mismatches[:5]
    assert check.samples == len(samples)


def test_our_retrieval_formulas_match_ragas_on_generated_cases(python: Path) -> None:
    check = cross_check(generated_samples(300), python)
    assert not check.mismatches, check.mismatches[:5]
    assert set(check.max_abs_diff) == {
        "context_precision_id", "context_recall_id", "context_precision_text",
        "context_recall_text",
    }  # fmt: skip
