"""scripts/generalise_report.py: per-family figures and tag checks read from an eval run dir."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from eval.summary_check import raw_dump_nodes
from nodepilot.paths import PROJECT_ROOT

SPEC = importlib.util.spec_from_file_location(
    "generalise_report", PROJECT_ROOT / "scripts" / "generalise_report.py"
)
report = importlib.util.module_from_spec(SPEC)
sys.modules[SPEC.name] = report  # dataclasses look their module up while the file runs
SPEC.loader.exec_module(report)

B = "n8n-nodes-base."


def _case(cid: str, category: str, tags: list[str], expected: dict | None) -> dict[str, Any]:
    row = {
        "id": cid,
        "request": f"request {cid}",
        "intent": "workflow_request" if expected else "general_conversation",
        "source": "authored",
        "difficulty": "easy",
        "split": "test",
        "category": category,
        "tags": tags,
    }
    if expected:
        row["expected"] = expected
    return row


def _http(auth: str, cred: str) -> dict[str, Any]:
    return {
        "nodes": [
            {"name": "Start", "type": B + "manualTrigger", "parameters": {}},
            {
                "name": "Call",
                "type": B + "httpRequest",
                "parameters": {"authentication": auth, "nodeCredentialType": cred},
            },
        ],
        "connections": {},
    }


def _record(cid: str, workflow: dict | None, **metrics: float) -> dict[str, Any]:
    return {"arm": "offline", "case_id": cid, "workflow": workflow, "metrics": metrics}


@pytest.fixture
def run_dir(tmp_path: Path) -> Path:
    wf_expected = {"trigger": B + "manualTrigger", "required": [B + "httpRequest"]}
    cases = [
        _case("t-1", "missing_operation", ["credential:stripeApi"], wf_expected),
        _case("t-2", "missing_operation", ["credential:stripeApi"], wf_expected),
        _case("t-3", "summary", ["check:composed_summary"], wf_expected),
        _case("t-4", "outside_automation", [], None),
    ]
    dataset = tmp_path / "set.jsonl"
    dataset.write_text("".join(json.dumps(c) + "\n" for c in cases), encoding="utf-8")
    dumped = _http("none", "")
    dumped["nodes"][1]["parameters"]["jsonBody"] = "={{ JSON.stringify($json) }}"
    full = {"trigger_accuracy": 1.0, "node_recall": 1.0, "valid_strict": 1.0}
    records = [
        _record("t-1", _http("predefinedCredentialType", "stripeApi"), intent_accuracy=1, **full),
        _record("t-2", _http("genericCredentialType", "httpHeaderAuth"), intent_accuracy=1, **full),
        _record("t-3", dumped, intent_accuracy=1.0, trigger_accuracy=0.0, node_recall=0.5),
        _record("t-4", None, intent_accuracy=0.0),
    ]
    out = tmp_path / "run"
    out.mkdir()
    summary = {"run": {"dataset": {"path": str(dataset), "split": "test"}, "git": {}}}
    (out / "summary.json").write_text(json.dumps(summary), encoding="utf-8")
    (out / "results.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    return out


def _rows(text: str) -> dict[str, list[str]]:
    lines = [ln for ln in text.splitlines() if ln.startswith("| ") and "---" not in ln]
    cells = [[c.strip() for c in ln.strip("|").split("|")] for ln in lines[1:]]
    return {c[0]: c[1:] for c in cells}


def test_table_per_family_and_all(run_dir: Path, capsys) -> None:
    assert report.main([str(run_dir), "--no-oracle"]) == 0
    rows = _rows(capsys.readouterr().out)
    assert rows["missing_operation"][:7] == ["2", "1.000", "2", "1.000", "1.000", "2/2", "-"]
    assert rows["missing_operation"][7] == "predefined_credential 1/2"
    assert rows["summary"][:6] == ["1", "1.000", "1", "0.000", "0.500", "0/1"]
    assert rows["summary"][7] == "composed_summary 0/1"
    assert rows["outside_automation"][:3] == ["1", "0.000", "0"]
    assert rows["**all**"][:6] == ["4", "0.750", "3", "0.667", "0.833", "2/3"]


def test_group_by_another_field_and_list_misses(run_dir: Path, capsys) -> None:
    assert report.main([str(run_dir), "--no-oracle", "--by", "intent", "--misses"]) == 0
    out = capsys.readouterr().out
    assert set(_rows(out)) == {"general_conversation", "workflow_request", "**all**"}
    assert "- t-2 [missing_operation] predefined_credential: request t-2" in out
    assert "t-1 " not in out


def test_a_missing_run_dir_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match="summary.json not found"):
        report.main([str(tmp_path / "nope"), "--no-oracle"])


def test_results_for_cases_not_in_the_dataset_are_named(run_dir: Path) -> None:
    with (run_dir / "results.jsonl").open("a") as fh:
        fh.write(json.dumps(_record("ghost-9", None, intent_accuracy=1.0)) + "\n")
    with pytest.raises(SystemExit, match="1 case ids not in .*ghost-9"):
        report.main([str(run_dir), "--no-oracle"])


def test_an_unknown_arm_lists_the_arms(run_dir: Path) -> None:
    with pytest.raises(SystemExit, match="arm 'llm' not in run .arms: offline."):
        report.main([str(run_dir), "--no-oracle", "--arm", "llm"])


def _node(node_type: str, **params: Any) -> dict[str, Any]:
    return {"name": node_type, "type": node_type, "parameters": params}


DATA = "={{ JSON.stringify($json) }}"


@pytest.mark.parametrize(
    ("nodes", "dumped"),
    [
        # an AI step reads the records as JSON and the message sends what it wrote: composed
        (
            [
                _node("@n8n/n8n-nodes-langchain.chainLlm", text=DATA),
                _node(B + "slack", text="={{ $json.text }}"),
            ],
            False,
        ),
        (
            [
                _node("@n8n/n8n-nodes-langchain.agent", text=DATA),
                _node(B + "gmail", message="={{ $json.output }}"),
            ],
            False,
        ),
        # the message itself is the dump: not composed
        ([_node(B + "slack", text=DATA)], True),
        (
            [_node("@n8n/n8n-nodes-langchain.agent", text=DATA), _node(B + "telegram", text=DATA)],
            True,
        ),
        ([_node(B + "notion", blockUi={"blockValues": [{"textContent": DATA}]})], True),
        ([_node(B + "code", jsCode="return [{json: {text: 'Total: ' + $json.total}}]")], False),
    ],
)
def test_a_summary_is_dumped_only_when_a_non_ai_node_holds_the_json(nodes, dumped) -> None:
    assert bool(raw_dump_nodes({"nodes": nodes})) is dumped
