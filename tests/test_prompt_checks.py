"""Prompt checks that need no model (eval/prompt_checks.py), on the shipped prompts and on
broken copies that each check must catch."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.prompts import PROMPTS_DIR, load_prompts
from eval.prompt_checks import (
    EXPECTED_PROMPTS,
    check_budgets,
    check_json,
    check_names,
    check_variables,
    estimate_tokens,
    json_examples,
    main,
    prompt_uses,
    run_checks,
)

#: Known mismatches between a shipped prompt and its output contract, reported to the lead
#: (seeds/prompts is not this area's to edit). The check must find nothing else.
KNOWN = {
    # The optimizer prompt shows a schedule as {"interval": ..., "weekday": ..., "hour": ...},
    # but SPEC_SCHEMA's trigger takes `schedule_cron` (a string) and rejects those keys.
    ("prompt_optimization", "json"),
}


def copy(tmp_path: Path) -> Path:
    return Path(shutil.copytree(PROMPTS_DIR, tmp_path / "prompts"))


def errors(findings: list) -> set[tuple[str, str]]:
    return {(f.prompt, f.check) for f in findings if f.severity == "error"}


def test_the_shipped_prompts_pass_every_check_but_the_known_mismatch() -> None:
    assert errors(run_checks()) <= KNOWN


def test_the_thirteen_names_exist() -> None:
    prompts = load_prompts()
    assert set(prompts) >= EXPECTED_PROMPTS and len(EXPECTED_PROMPTS) == 13
    assert check_names(prompts) == []
    partial = {k: v for k, v in prompts.items() if k != "title_generation"}
    assert [f.prompt for f in check_names(partial)] == ["title_generation"]


def test_the_code_scan_finds_every_render_call_site() -> None:
    uses = {u.prompt: u for u in prompt_uses()}
    assert {"workflow_generation", "workflow_repair", "workflow_modification",
            "intent_classification", "prompt_optimization", "question_answering",
            "conversation"} <= set(uses)  # fmt: skip
    assert uses["workflow_repair"].fills == {"request", "workflow", "findings"}
    assert uses["intent_classification"].fills == {"conversation", "request"}
    assert uses["conversation"].dynamic  # renders **{v: values.get(v) for v in variables}


def test_a_variable_the_code_does_not_fill_is_caught(tmp_path: Path) -> None:
    folder = copy(tmp_path)
    path = folder / "workflow_repair.md"
    text = path.read_text().replace("variables: [", "variables: [severity, ", 1)
    path.write_text(text + "Severity: {{severity}}\n")
    load_prompts.cache_clear()
    found = check_variables(load_prompts(folder), prompt_uses())
    assert any(
        f.prompt == "workflow_repair" and "does not fill severity" in f.message for f in found
    )


def test_a_variable_the_prompt_no_longer_declares_is_caught(tmp_path: Path) -> None:
    folder = copy(tmp_path)
    path = folder / "workflow_repair.md"
    text = path.read_text()
    path.write_text(text.replace("{{findings}}", "(see above)").replace(", findings]", "]"))
    load_prompts.cache_clear()
    found = check_variables(load_prompts(folder), prompt_uses())
    assert any("fills findings, which the prompt does not declare" in f.message for f in found)


def test_broken_or_foreign_json_examples_are_caught(tmp_path: Path) -> None:
    folder = copy(tmp_path)
    path = folder / "workflow_generation.md"
    path.write_text(
        path.read_text()
        + '- Example: `{"node": "Target", "type": "main", "index": "zero"}`\n'
        + '- Broken: `{"name": "x",}`\n'
    )
    load_prompts.cache_clear()
    found = [
        f.message for f in check_json(load_prompts(folder)) if f.prompt == "workflow_generation"
    ]
    assert any("does not parse" in m for m in found)
    assert any("fits no object of the output schema" in m and "zero" in m for m in found)


def test_an_output_field_the_parser_requires_must_be_named(tmp_path: Path) -> None:
    folder = copy(tmp_path)
    path = folder / "intent_classification.md"
    path.write_text(path.read_text().replace("`confidence`", "a confidence"))
    load_prompts.cache_clear()
    found = check_json(load_prompts(folder))
    assert any(f.prompt == "intent_classification" and "`confidence`" in f.message for f in found)


def test_a_prompt_over_its_budget_is_caught(tmp_path: Path) -> None:
    folder = copy(tmp_path)
    path = folder / "title_generation.md"
    path.write_text(path.read_text() + "Keep titles short and plain. " * 200 + "\n")
    load_prompts.cache_clear()
    found = check_budgets(load_prompts(folder))
    assert [f.prompt for f in found] == ["title_generation"]
    assert check_budgets(load_prompts()) == []


@given(st.text(max_size=400))
def test_token_estimate_is_monotone_and_high(text: str) -> None:
    tokens = estimate_tokens(text)
    assert tokens >= len(text) / 4  # above the ~4 characters per token of English prose
    assert estimate_tokens(text + "word") >= tokens


@given(st.text(alphabet='{}[]":, ab1`\n', max_size=120))
def test_json_example_extraction_never_raises(text: str) -> None:
    for snippet in json_examples(text):
        assert isinstance(snippet, str)


def test_the_command_line_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = copy(tmp_path)
    (folder / "prompt_optimization.md").write_text(
        (PROMPTS_DIR / "prompt_optimization.md")
        .read_text()
        .replace('{"interval": "weeks", "weekday": 1, "hour": 9}', "a cron expression")
    )
    load_prompts.cache_clear()
    assert main([str(folder)]) == 0
    path = folder / "workflow_generation.md"
    path.write_text(path.read_text() + '`{"broken": }`\n')
    load_prompts.cache_clear()
    assert main([str(folder)]) == 1
    assert "workflow_generation: json" in capsys.readouterr().out
