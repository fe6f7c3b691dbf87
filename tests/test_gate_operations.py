"""The second CI gate (scripts/test.sh): the offline provider on datasets/operations against
eval/baselines/offline-operations under eval/gate_operations.toml.

A gate whose rules name a metric nothing produces would fail every run with "no data", and
one whose baseline lacks the labelled metrics would pass every run by having nothing to pair;
both are checked here, so the gate CI runs is one that can fail.
"""

from __future__ import annotations

import json
from pathlib import Path

from eval.gate import load_config
from eval.metrics import CASE_METRICS

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "eval" / "gate_operations.toml"
BASELINE = ROOT / "eval" / "baselines" / "offline-operations"
LABELLED = ("operation_accuracy", "trigger_event_accuracy")


def test_every_rule_names_a_registered_case_metric() -> None:
    cfg = load_config(CONFIG)
    named = set(cfg.floors) | set(cfg.metrics)
    assert set(LABELLED) <= set(cfg.metrics) & set(cfg.floors)
    assert named <= set(CASE_METRICS), named - set(CASE_METRICS)


def test_the_baseline_is_an_operations_run_with_the_labelled_metrics_per_case() -> None:
    manifest = json.loads((BASELINE / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["dataset"]["path"].endswith("datasets/operations")
    records = [
        json.loads(line)
        for line in (BASELINE / "results.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert len(records) >= 100
    for metric in LABELLED:
        scored = [r["metrics"][metric] for r in records if r["metrics"].get(metric) is not None]
        assert len(scored) >= 40, metric


def test_the_baseline_meets_its_own_floors() -> None:
    """Floors sit below where the engine stood when the baseline was made."""
    cfg = load_config(CONFIG)
    summary = json.loads((BASELINE / "summary.json").read_text(encoding="utf-8"))
    (arm,) = summary["arms"].values()
    for name, floor in cfg.floors.items():
        assert arm["metrics"][name] >= floor, name


def test_a_run_that_picks_wrong_events_fails_the_gate(tmp_path: Path) -> None:
    """The baseline with every labelled trigger event marked wrong in a third of the cases:
    both event rules (floor and regression) must fail, and nothing else."""
    import shutil

    from eval.gate import evaluate
    from eval.rundir import load_run

    run_dir = tmp_path / "run"
    shutil.copytree(BASELINE, run_dir)
    lines = (run_dir / "results.jsonl").read_text(encoding="utf-8").splitlines()
    worse = []
    for i, line in enumerate(lines):
        record = json.loads(line)
        if record["metrics"].get("trigger_event_accuracy") is not None and i % 3 == 0:
            record["metrics"]["trigger_event_accuracy"] = 0.0
        worse.append(json.dumps(record))
    (run_dir / "results.jsonl").write_text("\n".join(worse) + "\n", encoding="utf-8")
    results = evaluate(load_run(run_dir), load_run(BASELINE), load_config(CONFIG))
    failed = {r.rule for r in results if not r.passed}
    assert failed == {
        "floor trigger_event_accuracy",
        "no regression trigger_event_accuracy",
    }, failed
