"""Acceptance (issue #18): the gate sees prompt changes, and prompt sets are A/B arms.

* The offline dev eval with an edited prompt: the gate fails naming the prompt and the command
  that would measure it; ``--allow-unmeasured-prompts`` passes and says so in the report.
* LLM arms (OpenAI SDK -> the prompt-following local server): the gate judges their scores;
  an edited intent prompt stays unmeasured while the local classifier runs.
* Two prompt-set arms: compare shows the prompt diff next to a significant difference.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from eval_gate_support import (
    append_to_prompt,
    halve_prompt,
    nodepilot,
    prompt_copy,
    prompt_server_env,
    workflow_dataset,
)

from engine.prompts import PROMPTS_DIR
from nodepilot.config import Settings

BENCH = "datasets/bench"
#: Workflow requests for the LLM arms: enough for a significant paired difference.
LLM_CASES = 40


@pytest.fixture(scope="module")
def offline(indexed: Settings, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A baseline (seeds/prompts) and the dev split run with a halved workflow_generation."""
    base = tmp_path_factory.mktemp("offline-gate")
    edited = prompt_copy(base / "edited-prompts")
    halve_prompt(edited, "workflow_generation")
    runs = {"baseline": base / "baseline", "edited": base / "edited", "prompts": edited}
    for name, extra in (("baseline", []), ("edited", ["--prompts", str(edited)])):
        proc = nodepilot(
            "eval", "run", "--dataset", BENCH, "--split", "dev", "--provider", "offline",
            "--no-progress", "--out", str(runs[name]), *extra,
        )  # fmt: skip
        assert proc.returncode == 0, proc.stderr[-3000:]
    return runs


def test_offline_run_with_an_edited_prompt_fails_the_gate_naming_it(
    offline: dict[str, Path],
) -> None:
    proc = nodepilot("eval", "gate", str(offline["edited"]), "--baseline", str(offline["baseline"]))
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    rows = [line for line in proc.stdout.splitlines() if line.startswith("prompts measured")]
    assert rows and "workflow_generation" in rows[0] and rows[0].rstrip().endswith("FAIL")
    assert "read by no arm of this run: workflow_generation" in out
    assert "--provider anthropic" in out and "--allow-unmeasured-prompts" in out
    # Every score rule passes: only the prompt rule caught the change.
    assert all(
        line.rstrip().endswith("PASS")
        for line in proc.stdout.splitlines()
        if line.startswith(("floor", "no regression"))
    )


def test_the_override_passes_and_is_shown_in_the_report(
    offline: dict[str, Path], tmp_path: Path
) -> None:
    report = tmp_path / "gate.md"
    proc = nodepilot(
        "eval", "gate", str(offline["edited"]), "--baseline", str(offline["baseline"]),
        "--allow-unmeasured-prompts", "--report", str(report),
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "OVERRIDDEN" in proc.stdout
    assert "overridden: prompts measured" in proc.stderr
    text = report.read_text()
    assert "**OVERRIDDEN**" in text and "--allow-unmeasured-prompts" in text
    assert "workflow_generation" in text


def test_the_run_records_each_prompt_hash_and_a_copy(offline: dict[str, Path]) -> None:
    manifest = json.loads((offline["edited"] / "manifest.json").read_text())
    prompts = manifest["arms"][0]["prompts"]
    assert prompts["dir"] == str(offline["prompts"]) and len(prompts["hashes"]) == 13
    base = json.loads((offline["baseline"] / "manifest.json").read_text())["arms"][0]["prompts"]
    differ = [n for n in prompts["hashes"] if prompts["hashes"][n] != base["hashes"][n]]
    assert differ == ["workflow_generation.md"] and prompts["set_hash"] != base["set_hash"]
    copy = offline["edited"] / prompts["snapshot"] / "workflow_generation.md"
    assert copy.read_text() == (offline["prompts"] / "workflow_generation.md").read_text()
    summary = json.loads((offline["edited"] / "summary.json").read_text())
    assert summary["arms"]["offline"]["prompts_read"] == []


@pytest.fixture(scope="module")
def llm(indexed: Settings, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """OpenAI arms against the prompt-following server: seeds/prompts, and a copy with a
    halved workflow_generation and an edited intent_classification."""
    base = tmp_path_factory.mktemp("llm-gate")
    dataset = workflow_dataset(base / "cases.jsonl", LLM_CASES)
    edited = prompt_copy(base / "half")
    halve_prompt(edited, "workflow_generation")
    append_to_prompt(edited, "intent_classification", "\nBe brief.\n")
    runs = {"original": base / "original", "half": base / "half-run", "prompts": edited}
    runs["ab"] = base / "ab"
    runs["llm_classifier"] = base / "llm-classifier"
    with prompt_server_env() as (server, env):
        for name, extra in (
            ("original", []),
            ("half", ["--prompts", str(edited)]),
            ("ab", ["--prompts", str(PROMPTS_DIR), "--prompts", str(edited), "--limit", "4"]),
            ("llm_classifier", ["--prompts", str(edited), "--classifier", "llm", "--limit", "6"]),
        ):
            proc = nodepilot(
                "eval", "run", "--dataset", str(dataset), "--split", "dev", "--provider", "openai",
                "--model", "gpt-test", "--concurrency", "4", "--no-cache", "--no-progress",
                "--out", str(runs[name]), *extra, env=env,
            )  # fmt: skip
            assert proc.returncode == 0, proc.stderr[-3000:]
        assert server.good > 0 and server.poor > 0
    return runs


def test_an_llm_arm_measures_the_generation_prompt_but_not_the_local_classifiers(
    llm: dict[str, Path],
) -> None:
    proc = nodepilot("eval", "gate", str(llm["half"]), "--baseline", str(llm["original"]))
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert "read by no arm of this run: intent_classification" in out
    assert "--classifier llm" in out
    summary = json.loads((llm["half"] / "summary.json").read_text())
    (arm,) = summary["arms"].values()
    assert "workflow_generation" in arm["prompts_read"]
    assert "intent_classification" not in arm["prompts_read"]


def test_the_llm_classifier_measures_the_intent_prompt(llm: dict[str, Path]) -> None:
    proc = nodepilot("eval", "gate", str(llm["llm_classifier"]), "--baseline", str(llm["original"]))
    rows = [x for x in proc.stdout.splitlines() if x.startswith("prompts measured")]
    assert rows and rows[0].rstrip().endswith("PASS"), proc.stdout + proc.stderr
    assert "changed: intent_classification, workflow_generation; read by" in rows[0]
    summary = json.loads((llm["llm_classifier"] / "summary.json").read_text())
    (arm,) = summary["arms"].values()
    assert {"intent_classification", "workflow_generation"} <= set(arm["prompts_read"])


def test_with_the_prompts_measured_the_gate_judges_the_scores(llm: dict[str, Path]) -> None:
    # The intent prompt change is accepted deliberately; the generation prompt was measured, so
    # the verdict comes from the scores: halving the prompt is a significant regression.
    proc = nodepilot(
        "eval", "gate", str(llm["half"]), "--baseline", str(llm["original"]),
        "--allow-unmeasured-prompts",
    )  # fmt: skip
    assert proc.returncode == 1, proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    assert any(x.startswith("prompts measured") and "OVERRIDDEN" in x for x in lines)
    assert any(
        x.startswith("no regression node_recall") and x.rstrip().endswith("FAIL") for x in lines
    )
    same = nodepilot("eval", "gate", str(llm["original"]), "--baseline", str(llm["original"]))
    assert same.returncode == 0, same.stdout + same.stderr
    assert "prompts unchanged since the baseline" in same.stdout


def test_two_prompt_set_arms_compare_with_a_prompt_diff_and_a_significant_difference(
    llm: dict[str, Path], tmp_path: Path
) -> None:
    proc = nodepilot(
        "eval", "compare", str(llm["original"]), str(llm["half"]), "--out", str(tmp_path / "cmp")
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Prompts differ: changed intent_classification, workflow_generation" in proc.stdout
    report = json.loads((tmp_path / "cmp" / "comparison.json").read_text())
    diff = report["prompt_diffs"][0]
    assert diff["changed"] == ["intent_classification", "workflow_generation"]
    assert "+Be brief." in diff["diff"] and "-- AI nodes:" in diff["diff"]
    deltas = {d["metric"]: d for d in report["pairs"][0]["deltas"]}
    recall = deltas["node_recall"]
    assert recall["significant"] and recall["delta"] < -0.1
    # ragas' non-LLM string metrics are in the report next to the id-based ones.
    assert {"context_precision_text", "context_recall_text", "context_recall_id"} <= set(deltas)
    md = (tmp_path / "cmp" / "report.md").read_text()
    assert "```diff" in md and "Prompts differ" in md
    assert "Prompts differ" in (tmp_path / "cmp" / "report.html").read_text()


def test_one_run_with_two_prompt_sets_has_one_arm_per_set(llm: dict[str, Path]) -> None:
    summary = json.loads((llm["ab"] / "summary.json").read_text())
    assert sorted(summary["arms"]) == ["openai/gpt-test@half", "openai/gpt-test@prompts"]
    manifest = json.loads((llm["ab"] / "manifest.json").read_text())
    hashes = {a["label"]: a["prompts"]["set_hash"] for a in manifest["arms"]}
    assert len(set(hashes.values())) == 2
    proc = nodepilot("eval", "compare", str(llm["ab"]), "--out", str(llm["ab"] / "cmp"))
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Prompts differ: changed intent_classification, workflow_generation" in proc.stdout


def test_resuming_a_run_after_its_prompts_changed_is_refused(tmp_path: Path) -> None:
    import asyncio

    from test_eval_fixtures import BENCH as FIXTURE_BENCH
    from test_eval_fixtures import FakePipeline, dev_cases

    from eval.runner import ArmSpec, run_eval
    from nodepilot.errors import UserError

    cases = dev_cases(3)
    folder = prompt_copy(tmp_path / "prompts")

    def run() -> None:
        pipeline = FakePipeline(cases)
        asyncio.run(
            run_eval(
                cases,
                [ArmSpec("offline", concurrency=1, prompts=folder)],
                tmp_path / "run",
                dataset_path=FIXTURE_BENCH,
                split="dev",
                pipeline_factory=lambda arm: pipeline,
                reference_lookup=lambda sid: None,
                progress=False,
            )
        )

    run()
    append_to_prompt(folder, "title_generation", "Keep it short.\n")
    from engine.prompts import reload_prompts

    reload_prompts()
    with pytest.raises(UserError, match="its prompts are now"):
        run()
