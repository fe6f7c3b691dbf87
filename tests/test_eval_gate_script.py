"""The CI prompt gate: scripts/prompt_gate.sh against the prompt-following local server, and
.github/workflows/prompt-gate.yml validated (parsed with PyYAML, which .venv has).

One module fixture runs the script three times with the OpenAI provider pointed at
tests/prompt_server.py: the full prompts against the base branch's (a halved
workflow_generation), then the other way round, then against a committed LLM baseline. The
second and third runs find every run directory in the cache: no request reaches the server.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from eval_gate_support import halve_prompt, prompt_copy, prompt_server_env, workflow_dataset

from nodepilot.config import Settings
from nodepilot.paths import PROJECT_ROOT

SCRIPT = PROJECT_ROOT / "scripts" / "prompt_gate.sh"
WORKFLOW = PROJECT_ROOT / ".github" / "workflows" / "prompt-gate.yml"


def gate_script(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(SCRIPT)],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        timeout=900,
        env={**os.environ, **env},
    )


def default_prompt_run(cache: Path) -> Path:
    for summary in sorted((cache / "runs").glob("*/summary.json")):
        manifest = json.loads((summary.parent / "manifest.json").read_text())
        if manifest["arms"][0]["prompts"]["default"]:
            return summary.parent
    raise AssertionError(f"no run with seeds/prompts in {cache}")


@pytest.fixture(scope="module")
def gate_runs(indexed: Settings, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    base = tmp_path_factory.mktemp("prompt-gate")
    half = prompt_copy(base / "base-branch-prompts")
    halve_prompt(half, "workflow_generation")
    common = {
        "PROMPT_GATE_PROVIDER": "openai",
        "PROMPT_GATE_MODEL": "gpt-test",
        "PROMPT_GATE_DATASET": str(workflow_dataset(base / "cases.jsonl", 30)),
        "PROMPT_GATE_RPM": "6000",
        "PROMPT_GATE_CACHE": str(base / "cache"),
        "PROMPT_GATE_BASELINE": str(base / "no-committed-baseline"),
        "NODEPILOT": str(Path(sys.executable).with_name("nodepilot")),
        "PYTHON": sys.executable,
    }
    out: dict[str, object] = {"half": half}
    with prompt_server_env() as (server, env):
        common.update(env)
        improved = gate_script(
            {
                **common,
                "PROMPT_GATE_BASE_PROMPTS": str(half),
                "PROMPT_GATE_REPORT": str(base / "r1"),
            }
        )
        assert improved.returncode == 0, improved.stdout + improved.stderr[-3000:]
        out["requests_first"] = len(server.requests)
        regressed = gate_script(
            {
                **common,
                "PROMPT_GATE_PROMPTS": str(half),
                "PROMPT_GATE_BASE_PROMPTS": str(PROJECT_ROOT / "seeds" / "prompts"),
                "PROMPT_GATE_REPORT": str(base / "r2"),
            }
        )
        # The first call's run with seeds/prompts, committed as the LLM baseline.
        full = default_prompt_run(base / "cache")
        shutil.copytree(full, base / "llm-baseline")
        committed = gate_script(
            {
                **common,
                "PROMPT_GATE_PROMPTS": str(half),
                "PROMPT_GATE_BASELINE": str(base / "llm-baseline"),
                "PROMPT_GATE_REPORT": str(base / "r3"),
            }
        )
        out["requests_last"] = len(server.requests)
    out.update(improved=improved, regressed=regressed, committed=committed, base=base)
    return out


def test_better_prompts_than_the_base_branch_pass(gate_runs: dict) -> None:
    proc = gate_runs["improved"]
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "baseline: the base branch's prompts" in proc.stderr
    report = gate_runs["base"] / "r1"
    assert (report / "report.md").exists() and (report / "report.html").exists()
    md = (report / "report.md").read_text()
    assert "Prompts differ: changed workflow_generation" in md and "```diff" in md
    assert "# Eval gate: PASS" in (report / "gate.md").read_text()
    assert "| openai:gpt-test | 30 |" in (report / "cost.md").read_text()


def test_a_prompt_regression_fails_and_cached_runs_cost_nothing(gate_runs: dict) -> None:
    proc = gate_runs["regressed"]
    assert proc.returncode == 1, proc.stdout + proc.stderr[-3000:]
    gate = (gate_runs["base"] / "r2" / "gate.md").read_text()
    assert "# Eval gate: FAIL" in gate
    assert any(
        line.startswith("| no regression node_recall") and "**FAIL**" in line
        for line in gate.splitlines()
    )
    # Both prompt sets were run by the first call: nothing new reached the server since.
    assert gate_runs["requests_first"] > 0
    assert gate_runs["requests_last"] == gate_runs["requests_first"]


def test_a_committed_llm_baseline_is_used_when_it_exists(gate_runs: dict) -> None:
    proc = gate_runs["committed"]
    assert proc.returncode == 1, proc.stdout + proc.stderr[-3000:]
    assert "baseline: the committed" in proc.stderr
    assert (
        "Prompts differ: changed workflow_generation"
        in (gate_runs["base"] / "r3" / "report.md").read_text()
    )


# ------------------------------------------------------------------ the workflow file


@pytest.fixture(scope="module")
def workflow() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text())
    assert isinstance(data, dict)
    return data


def test_the_workflow_runs_on_prompt_engine_and_eval_pull_requests(workflow: dict) -> None:
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as True
    paths = triggers["pull_request"]["paths"]
    assert set(paths) >= {"seeds/prompts/**", "engine/**", "eval/**"}
    assert workflow["concurrency"]["cancel-in-progress"] is True
    assert workflow["permissions"] == {"contents": "read"}


def test_the_workflow_steps_are_well_formed_and_call_the_script(workflow: dict) -> None:
    (job,) = workflow["jobs"].values()
    steps = job["steps"]
    for step in steps:
        assert ("run" in step) != ("uses" in step), step
        assert "name" in step
        if "uses" in step:
            action, _, version = step["uses"].partition("@")
            assert action.count("/") == 1 and version.startswith("v"), step["uses"]
    runs = " ".join(s.get("run", "") for s in steps)
    assert "./scripts/prompt_gate.sh" in runs and "./scripts/setup.sh" in runs
    cache = next(s for s in steps if s.get("uses", "").startswith("actions/cache@"))
    assert "hashFiles('seeds/prompts/**')" in cache["with"]["key"]
    assert cache["with"]["path"] == job["env"]["PROMPT_GATE_CACHE"]
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["if"] == "always()"
    assert upload["with"]["path"].rstrip("/") == job["env"]["PROMPT_GATE_REPORT"]


def test_the_workflow_passes_every_setting_the_script_reads(workflow: dict) -> None:
    (job,) = workflow["jobs"].values()
    env = job["env"]
    assert env["ANTHROPIC_API_KEY"] == "${{ secrets.ANTHROPIC_API_KEY }}"
    script = SCRIPT.read_text()
    for name in ("PROMPT_GATE_PROVIDER", "PROMPT_GATE_RPM", "PROMPT_GATE_CONCURRENCY"):
        assert name in env and f"${{{name}:-" in script
    base_step = next(s for s in job["steps"] if "PROMPT_GATE_BASE_PROMPTS" in s.get("run", ""))
    assert "git archive" in base_step["run"] and "PROMPT_GATE_BASE_PROMPTS" in script


def test_the_cost_table_multiplies_tokens_by_the_price_table() -> None:
    from engine.providers.pricing import price_for
    from eval.cost_estimate import SplitTokens, cost_table

    table = cost_table(SplitTokens(10, 10, 2_000_000, 500_000), (("openai", "gpt-4.1"),))
    price = price_for("openai", "gpt-4.1")
    assert price is not None
    dollars = 2 * price.input + 0.5 * price.output
    assert f"| openai | gpt-4.1 | {price.input:.2f} | {price.output:.2f} | {dollars:.2f} |" in table
    assert "2,000,000 input and 500,000 output tokens" in table
