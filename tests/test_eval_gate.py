"""The CI gate: passes a run against itself, fails planted regressions, exit codes 0/1/2."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from test_eval_fixtures import dev_cases, fake_run

from eval.datasets import load_dataset
from eval.gate import DEFAULT_CONFIG, GateConfig, evaluate, load_config
from eval.metrics import MetricContext, Observation, score_case
from eval.rundir import load_run
from nodepilot.errors import UserError
from nodepilot.paths import DATASETS_DIR, PROJECT_ROOT

BASELINE = PROJECT_ROOT / "eval" / "baselines" / "offline-dev"
NODEPILOT = [sys.executable, "-m", "nodepilot.cli"]

#: Floors the stand-in pipeline meets (its chain workflows are not strict-valid on purpose).
FAKE_CONFIG = """
[floors]
intent_accuracy = 0.95
node_recall = 0.75
[regression]
metrics = ["intent_accuracy", "node_recall", "trigger_accuracy", "workflow_rate"]
tolerance = 0.01
"""


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("gate")
    cases = dev_cases()
    out = {}
    for name, fake in {
        "baseline": {},
        "shuffled": {"shuffle_intents": True},
        "broken": {"break_workflows": True},
    }.items():
        out[name] = base / name
        fake_run(out[name], cases, **fake)
    cfg = base / "gate.toml"
    cfg.write_text(FAKE_CONFIG)
    out["config"] = cfg
    return out


def verdicts(run: Path, baseline: Path, cfg: GateConfig) -> dict[str, bool]:
    return {r.rule: r.passed for r in evaluate(load_run(run), load_run(baseline), cfg)}


def test_gate_passes_a_run_against_itself(runs: dict[str, Path]) -> None:
    cfg = load_config(runs["config"])
    result = verdicts(runs["baseline"], runs["baseline"], cfg)
    assert result and all(result.values())


def test_gate_fails_shuffled_intents(runs: dict[str, Path]) -> None:
    result = verdicts(runs["shuffled"], runs["baseline"], load_config(runs["config"]))
    assert result["floor intent_accuracy"] is False
    assert result["no regression intent_accuracy"] is False


def test_gate_fails_broken_workflows(runs: dict[str, Path]) -> None:
    result = verdicts(runs["broken"], runs["baseline"], load_config(runs["config"]))
    assert result["no regression node_recall"] is False
    assert result["floor node_recall"] is False
    assert result["no regression intent_accuracy"] is True


def gate_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*NODEPILOT, "eval", "gate", *args],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        timeout=120,
    )


def test_gate_cli_exit_codes(runs: dict[str, Path], tmp_path: Path) -> None:
    cfg = str(runs["config"])
    ok = gate_cli(str(runs["baseline"]), "--baseline", str(runs["baseline"]), "--config", cfg)
    assert ok.returncode == 0, ok.stderr
    assert "PASS" in ok.stdout and "floor intent_accuracy" in ok.stdout
    bad = gate_cli(str(runs["shuffled"]), "--baseline", str(runs["baseline"]), "--config", cfg)
    assert bad.returncode == 1
    assert "FAIL" in bad.stdout and "gate: FAIL" in bad.stderr
    missing = gate_cli(str(runs["baseline"]), "--baseline", str(tmp_path / "nope"), "--config", cfg)
    assert missing.returncode == 2 and "nope: baseline not found" in missing.stderr
    usage = gate_cli(str(runs["baseline"]))
    assert usage.returncode == 2


def test_gate_config_errors_name_the_file(tmp_path: Path) -> None:
    cfg = tmp_path / "g.toml"
    cfg.write_text("[floors]\nvalid_strictt = 0.99\n")
    with pytest.raises(UserError, match=r"g.toml: unknown metric 'valid_strictt'"):
        load_config(cfg)
    cfg.write_text("[floors\n")
    with pytest.raises(UserError, match="g.toml: cannot read gate config"):
        load_config(cfg)
    cfg.write_text("[regression]\nresamples = 100\n")
    with pytest.raises(UserError, match="resamples must be an integer >= 10000"):
        load_config(cfg)
    with pytest.raises(UserError, match="gate config not found"):
        load_config(tmp_path / "missing.toml")


def test_default_gate_config_is_valid() -> None:
    cfg = load_config(DEFAULT_CONFIG)
    assert cfg.floors["valid_strict"] == 0.99 and cfg.floors["intent_accuracy"] == 0.95
    assert cfg.resamples >= 10_000 and "node_recall" in cfg.metrics


def test_gate_needs_common_cases(runs: dict[str, Path], tmp_path: Path) -> None:
    other = tmp_path / "other"
    fake_run(other, load_dataset(DATASETS_DIR / "bench", split="train")[:5])
    with pytest.raises(UserError, match="no case in common"):
        evaluate(load_run(other), load_run(runs["baseline"]), load_config(runs["config"]))


# ------------------------------------------------------------ the committed baseline


def planted(tmp_path: Path, damage: str) -> Path:
    """A copy of the committed baseline with a regression planted and metrics recomputed."""
    out = tmp_path / damage
    shutil.copytree(BASELINE, out)
    cases = {c.id: c for c in load_dataset(DATASETS_DIR / "bench", split="dev")}
    lines = (out / "results.jsonl").read_text().splitlines()
    records = [json.loads(line) for line in lines]
    intents = [r["intent"] for r in records]
    random.Random(1).shuffle(intents)
    ctx = MetricContext(reference_lookup=lambda sid: None)
    for rec, intent in zip(records, intents, strict=True):
        if damage == "intents":
            rec["intent"] = intent
        elif rec["workflow"]:
            rec["workflow"]["connections"] = {}  # every node disconnected
        rec["metrics"] = score_case(cases[rec["case_id"]], Observation.from_record(rec), ctx)
    (out / "results.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    return out


def test_committed_baseline_passes_the_default_gate_against_itself() -> None:
    result = verdicts(BASELINE, BASELINE, load_config(DEFAULT_CONFIG))
    failed = [rule for rule, ok in result.items() if not ok]
    assert not failed


@pytest.mark.parametrize("damage", ["intents", "workflows"])
def test_planted_regression_on_the_baseline_fails_the_gate(tmp_path: Path, damage: str) -> None:
    broken = planted(tmp_path, damage)
    proc = gate_cli(str(broken), "--baseline", str(BASELINE))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    rule = "intent_accuracy" if damage == "intents" else "valid_strict"
    assert any(rule in line and "FAIL" in line for line in proc.stdout.splitlines())
