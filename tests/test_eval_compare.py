"""Compare: paired deltas with CIs and McNemar, breakdowns, leaderboard, reports."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from test_eval_fixtures import dev_cases, fake_run

from eval.compare import compare_runs, groups, load_arms
from eval.compare_report import write_reports
from nodepilot.errors import UserError
from nodepilot.paths import PROJECT_ROOT


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("compare")
    cases = dev_cases()
    out = {"good": base / "good", "shuffled": base / "shuffled", "ab": base / "ab"}
    fake_run(out["good"], cases)
    fake_run(out["shuffled"], cases, shuffle_intents=True)
    fake_run(out["ab"], cases[:60], ("offline", "anthropic"), break_workflows=False)
    return out


def test_two_runs_give_deltas_with_cis_and_mcnemar(runs: dict[str, Path]) -> None:
    c = compare_runs([runs["good"], runs["shuffled"]], resamples=10_000)
    ((a, b, deltas),) = c.pairs
    by = {d.metric: d for d in deltas}
    intent = by["intent_accuracy"]
    assert intent.mean_a == 1.0 and intent.mean_b < 0.8
    assert intent.ci_high < 0 and intent.significant
    # Every case right in A: each discordant pair is A-only; McNemar is tiny.
    assert intent.b_only == 0 and intent.a_only == round((1 - intent.mean_b) * intent.n)
    assert intent.mcnemar_p is not None and intent.mcnemar_p < 1e-6
    assert by["node_recall"].mcnemar_p is None  # not binary
    # The two runs share skeleton answers for cases whose shuffled intent is still a workflow.
    assert not by["edge_recall"].significant or by["edge_recall"].delta < 0


def test_breakdowns_cover_difficulty_trigger_kind_and_ai(runs: dict[str, Path]) -> None:
    c = compare_runs([runs["good"], runs["shuffled"]])
    (_, _, bd) = c.breakdowns[0]
    assert set(bd) == {"difficulty", "trigger_kind", "ai"}
    assert set(bd["difficulty"]) == {"easy", "medium", "hard"}
    assert set(bd["ai"]) == {"AI", "non-AI"}
    arm = load_arms([runs["good"]])[0]
    assert sum(len(ids) for ids in groups(arm, "difficulty").values()) == len(arm.records)


def test_reports_are_written(runs: dict[str, Path], tmp_path: Path) -> None:
    c = compare_runs([runs["good"], runs["shuffled"]])
    paths = write_reports(c, tmp_path / "report")
    md = paths["markdown"].read_text()
    assert "95% CI" in md and "intent_accuracy" in md and "By difficulty" in md
    assert "![Latency](latency.png)" in md
    html = paths["html"].read_text()
    assert "data:image/png;base64," in html and "<table>" in html
    for png in ("means.png", "deltas0.png", "latency.png", "by_difficulty0.png"):
        assert (tmp_path / "report" / png).stat().st_size > 1000


def test_more_than_two_arms_give_a_leaderboard(runs: dict[str, Path], tmp_path: Path) -> None:
    c = compare_runs([runs["good"], runs["shuffled"], runs["ab"]])
    assert len(c.arms) == 4 and len(c.pairs) == 3
    assert [r["cases"] for r in c.leaderboard] == [60] * 4
    md = write_reports(c, tmp_path / "lb")["markdown"].read_text()
    assert "## Leaderboard" in md


def test_an_ab_run_compares_its_two_providers(runs: dict[str, Path]) -> None:
    c = compare_runs([runs["ab"]])
    assert [a.label for a in c.arms] == ["offline", "anthropic/test-model"]


def test_compare_needs_two_arms(runs: dict[str, Path], tmp_path: Path) -> None:
    with pytest.raises(UserError, match="at least two arms"):
        compare_runs([runs["good"]])
    with pytest.raises(UserError, match="run directory not found"):
        compare_runs([runs["good"], tmp_path / "missing"])


def test_compare_cli(runs: dict[str, Path], tmp_path: Path) -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "nodepilot.cli",
            "eval",
            "compare",
            str(runs["good"]),
            str(runs["shuffled"]),
            "--out",
            str(tmp_path / "cli"),
        ],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert "intent_accuracy" in proc.stdout and "95% CI" in proc.stdout
    assert (tmp_path / "cli" / "report.html").exists()
