"""``nodepilot validate`` / ``nodepilot repair``: inputs, formats, exit codes, bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures" / "validation"
ROOT = Path(__file__).resolve().parent.parent


def _doc(code: str, key: str) -> dict:
    return json.loads((FIXTURES / f"{code}.json").read_text(encoding="utf-8"))[key]


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real entry point (exit codes go through nodepilot.cli.main)."""
    return subprocess.run(
        [sys.executable, "-m", "nodepilot.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )


@pytest.fixture()
def files(tmp_path: Path) -> dict[str, Path]:
    good = tmp_path / "good.json"
    good.write_text(json.dumps(_doc("structure", "pass")))
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(_doc("parameter_option_invalid", "fail")))
    return {"good": good, "bad": bad, "dir": tmp_path}


def test_valid_file_exits_0(files: dict[str, Path]) -> None:
    res = run("validate", str(files["good"]))
    assert res.returncode == 0, res.stdout + res.stderr
    assert "valid" in res.stdout


def test_invalid_file_exits_1_with_one_line_per_finding(files: dict[str, Path]) -> None:
    res = run("validate", str(files["bad"]), "--profile", "runtime")
    assert res.returncode == 1
    [line] = [ln for ln in res.stdout.splitlines() if "parameter_option_invalid" in ln]
    assert str(files["bad"]) in line and "[Fetch]" in line and "fix:" in line


def test_directory_and_json_format(files: dict[str, Path]) -> None:
    res = run("validate", str(files["dir"]), "--format", "json", "--profile", "runtime")
    assert res.returncode == 1
    doc = json.loads(res.stdout)
    assert doc["summary"] == {"workflows": 2, "valid": 1, "invalid": 1}
    by_source = {Path(r["source"]).name: r for r in doc["results"]}
    assert by_source["good.json"]["valid"] is True
    assert by_source["bad.json"]["findings"][0]["code"] == "parameter_option_invalid"


def test_jsonl_and_stdin(tmp_path: Path) -> None:
    lines = [json.dumps(_doc("structure", "pass")), json.dumps(_doc("no_trigger", "fail"))]
    path = tmp_path / "many.jsonl"
    path.write_text("\n".join(lines) + "\n")
    res = run("validate", str(path), "--profile", "runtime")
    assert res.returncode == 1
    assert f"{path}:1: valid" in res.stdout and f"{path}:2: error no_trigger" in res.stdout
    res = run("validate", "-", stdin=lines[0])
    assert res.returncode == 0, res.stdout


@pytest.mark.parametrize(
    ("content", "code"),
    [
        ("not json at all", "json_parse_error"),
        ('{"nodes": [{"name": "a"', "json_parse_error"),
        ("[1, 2, 3]", "structure"),
        ("[" * 50_000 + "]" * 50_000, "input_too_deep"),
    ],
)
def test_bad_input_is_a_finding_not_a_traceback(tmp_path: Path, content: str, code: str) -> None:
    path = tmp_path / "in.json"
    path.write_text(content)
    res = run("validate", str(path))
    assert res.returncode == 1
    assert code in res.stdout
    assert "Traceback" not in res.stderr


def test_large_file_is_refused_without_parsing(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    with path.open("w") as fh:  # 50 MB of valid JSON
        fh.write('{"nodes": [], "connections": {}, "pad": "')
        fh.write("x" * (50 * 1024 * 1024))
        fh.write('"}')
    res = run("validate", str(path))
    assert res.returncode == 1
    assert "input_too_large" in res.stdout


def test_missing_path_and_bad_usage_exit_2(tmp_path: Path) -> None:
    res = run("validate", str(tmp_path / "nope.json"))
    assert res.returncode == 2 and res.stderr.startswith("error: ")
    assert run("validate", "--profile", "lax", str(tmp_path)).returncode == 2
    assert run("validate").returncode == 2


def test_repair_writes_fixed_workflow_and_records_fixes(tmp_path: Path) -> None:
    src = tmp_path / "in.json"
    doc = _doc("parameter_option_invalid", "fail")
    doc["nodes"][1]["parameters"]["method"] = "GETT"
    src.write_text(json.dumps(doc))
    out = tmp_path / "out.json"
    res = run("repair", str(src), "-o", str(out), "--profile", "runtime")
    assert res.returncode == 0, res.stderr
    assert "fixed parameter_option_invalid [Fetch]" in res.stderr
    repaired = json.loads(out.read_text())
    assert repaired["nodes"][1]["parameters"]["method"] == "GET"
    res = run("repair", str(out), "--format", "json", "--profile", "runtime")
    doc = json.loads(res.stdout)
    assert doc["fixes"] == [] and doc["valid"] is True


def test_repair_refuses_unreadable_input(tmp_path: Path) -> None:
    src = tmp_path / "in.json"
    src.write_text("{oops")
    res = run("repair", str(src))
    assert res.returncode == 2
    assert res.stderr.startswith("error: cannot repair")
