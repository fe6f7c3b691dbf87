"""The eval runner with a stand-in pipeline: files, provenance, resume, bad input."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_eval_fixtures import BENCH, FakePipeline, Interrupted, dev_cases, fake_run

from eval.rundir import FORMAT_VERSION, load_run, read_results
from eval.runner import ArmSpec, RateLimiter, run_eval
from nodepilot.errors import UserError

ROOT = Path(__file__).resolve().parent.parent
NODEPILOT = [sys.executable, "-m", "nodepilot.cli"]


def stable(summary: dict) -> dict:
    """The parts of a summary that do not depend on timing."""
    out = {}
    for label, arm in summary["arms"].items():
        rm = {k: v for k, v in arm["run_metrics"].items() if k != "latency_ms"}
        out[label] = {**arm, "run_metrics": rm}
    return out


@pytest.fixture(scope="module")
def cases() -> list:
    return dev_cases(40)


@pytest.fixture(scope="module")
def full_run(tmp_path_factory: pytest.TempPathFactory, cases: list) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("runs") / "full"
    return out, fake_run(out, cases, ("offline", "openai"))


def test_run_writes_results_and_summary_with_provenance(full_run: tuple[Path, dict]) -> None:
    out, summary = full_run
    records = read_results(out / "results.jsonl")
    assert len(records) == 80  # 40 cases x 2 arms
    rec = records[0]
    for key in ("workflow", "intent", "findings", "metrics", "latency_ms", "usage", "error"):
        assert key in rec
    assert rec["format_version"] == FORMAT_VERSION
    run = summary["run"]
    assert run["git"]["commit"] and len(run["dataset"]["sha256"]) == 64
    assert run["dataset"]["split"] == "dev" and run["seeds"]["bootstrap"]
    assert run["packages"]["numpy"] and "prompt_hashes" in run
    assert [a["label"] for a in run["arms"]] == ["offline", "openai/test-model"]
    arm = summary["arms"]["openai/test-model"]
    assert arm["cases"] == 40 and arm["errors"] == 0
    assert arm["metrics"]["intent_accuracy"] == 1.0
    assert arm["run_metrics"]["usage"]["cost_usd"] == pytest.approx(0.04)
    assert arm["prompt_hashes"] == ["fakehash"]
    loaded = load_run(out)
    assert set(loaded.arms) == {"offline", "openai/test-model"}


def test_resume_after_interruption_gives_the_same_summary(
    tmp_path: Path, cases: list, full_run: tuple[Path, dict]
) -> None:
    out = tmp_path / "resumed"
    with pytest.raises(Interrupted):
        fake_run(out, cases, ("offline", "openai"), interrupt_after=25)
    written = read_results(out / "results.jsonl")
    assert 0 < len(written) < 80
    assert not (out / "summary.json").exists()
    # A write cut short leaves half a record at the end: it is dropped and redone.
    with (out / "results.jsonl").open("a") as f:
        f.write('{"format_version": 1, "case_id": "conv-')
    pipeline = FakePipeline(cases)
    summary = asyncio.run(
        run_eval(
            cases,
            [ArmSpec("offline"), ArmSpec("openai", "test-model")],
            out,
            dataset_path=BENCH,
            split="dev",
            pipeline_factory=lambda arm: pipeline,
            reference_lookup=lambda sid: None,
            progress=False,
        )
    )
    assert pipeline.calls == 80 - len(written)
    assert stable(summary) == stable(full_run[1])
    assert len(read_results(out / "results.jsonl")) == 80


def test_a_finished_run_resumes_with_nothing_to_do(tmp_path: Path, cases: list) -> None:
    out = tmp_path / "again"
    first = fake_run(out, cases[:10])
    pipeline = FakePipeline(cases[:10])
    second = asyncio.run(
        run_eval(
            cases[:10],
            [ArmSpec("offline")],
            out,
            dataset_path=BENCH,
            split="dev",
            pipeline_factory=lambda arm: pipeline,
            reference_lookup=lambda sid: None,
            progress=False,
        )
    )
    assert pipeline.calls == 0
    assert stable(first) == stable(second)


def test_failed_cases_are_recorded_and_retried_on_resume(tmp_path: Path, cases: list) -> None:
    out = tmp_path / "flaky"
    summary = fake_run(out, cases[:10], fail_ids=[cases[3].id])
    assert summary["arms"]["offline"]["errors"] == 1
    bad = [r for r in read_results(out / "results.jsonl") if r["error"]]
    assert bad[0]["case_id"] == cases[3].id and "stand-in failure" in bad[0]["error"]
    summary = fake_run(out, cases[:10])
    assert summary["arms"]["offline"]["errors"] == 0
    assert load_run(out).arms["offline"].records[cases[3].id]["error"] is None


def test_a_run_failing_on_every_case_stops_with_one_error(tmp_path: Path, cases: list) -> None:
    with pytest.raises(UserError, match="first 5 cases all failed with: RuntimeError"):
        fake_run(tmp_path / "broken", cases[:12], fail_ids=[c.id for c in cases])


def test_unknown_provider_is_refused(tmp_path: Path, cases: list) -> None:
    with pytest.raises(UserError, match="unknown provider 'gpt-9000'.*offline"):
        fake_run(tmp_path / "x", cases[:2], ("gpt-9000",))


def test_resume_with_another_selection_is_refused(tmp_path: Path, cases: list) -> None:
    out = tmp_path / "sel"
    fake_run(out, cases[:3])
    with pytest.raises(UserError, match=r"manifest.json: this run directory evaluates offline"):
        fake_run(out, cases[:3], ("offline", "openai"))


def test_broken_results_line_names_file_and_line(tmp_path: Path, cases: list) -> None:
    out = tmp_path / "corrupt"
    fake_run(out, cases[:3])
    lines = (out / "results.jsonl").read_text().splitlines()
    lines[1] = "{not json"
    (out / "results.jsonl").write_text("\n".join(lines) + "\n")
    with pytest.raises(UserError, match=r"results.jsonl:2: broken record"):
        load_run(out)


def test_old_format_run_directory_is_refused(tmp_path: Path, cases: list) -> None:
    out = tmp_path / "old"
    fake_run(out, cases[:3])
    summary = json.loads((out / "summary.json").read_text())
    summary["format_version"] = 0
    (out / "summary.json").write_text(json.dumps(summary))
    with pytest.raises(UserError, match=r"summary.json: format_version 0, but this harness"):
        load_run(out)
    records = (out / "results.jsonl").read_text().splitlines()
    first = json.loads(records[0])
    del first["format_version"]
    (out / "results.jsonl").write_text("\n".join([json.dumps(first), *records[1:]]) + "\n")
    with pytest.raises(UserError, match=r"results.jsonl:1: no format_version"):
        fake_run(out, cases[:3])


def test_rate_limiter_spaces_starts() -> None:
    async def three() -> float:
        limiter = RateLimiter(rpm=600)  # one start every 0.1 s
        started = time.perf_counter()
        for _ in range(3):
            await limiter.wait()
        return time.perf_counter() - started

    assert asyncio.run(three()) >= 0.19
    assert asyncio.run(RateLimiter(None).wait()) is None


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*NODEPILOT, "eval", *args], capture_output=True, text=True, cwd=ROOT, timeout=120
    )


def test_cli_dataset_with_a_broken_line_names_file_and_line(tmp_path: Path) -> None:
    good = (Path(BENCH) / "conversation.jsonl").read_text().splitlines()[:3]
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join([good[0], '{"id": "x", "request": ', good[1]]) + "\n")
    proc = run_cli("run", "--dataset", str(bad), "--split", "all", "--out", str(tmp_path / "r"))
    assert proc.returncode == 2
    assert f"{bad}:2: broken JSON" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_cli_unknown_provider(tmp_path: Path) -> None:
    proc = run_cli("run", "--dataset", BENCH, "--provider", "nope", "--out", str(tmp_path / "r"))
    assert proc.returncode == 2
    assert "unknown provider 'nope'" in proc.stderr


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=400))
def test_reading_any_results_file_gives_records_or_a_user_error(
    tmp_path: Path, data: bytes
) -> None:
    path = tmp_path / "results.jsonl"
    path.write_bytes(data)
    try:
        records = read_results(path)
    except UserError as exc:
        assert str(path) in str(exc)
    else:
        assert all(isinstance(r, dict) and r["format_version"] == FORMAT_VERSION for r in records)


def test_corpus_references_find_dev_sources() -> None:
    from eval.runner import CorpusReferences
    from nodepilot.paths import shared_data_dir

    if not (shared_data_dir() / "n8n" / "templates").is_dir():
        pytest.skip("third-party templates not available")
    sources = {c.source for c in dev_cases() if c.source != "authored"}
    refs = CorpusReferences(sources | {"authored"})
    found = {sid: refs(sid) for sid in sorted(sources)}
    assert all(isinstance(wf, dict) and wf.get("nodes") for wf in found.values())
    assert refs.loaded == len(sources)
    assert refs("n8n-mcp@2.87.0#does-not-exist") is None


def test_per_provider_limits() -> None:
    from eval.run_cli import per_provider

    providers = ("offline", "openai", "anthropic")
    assert per_provider(("openai=8", "2"), "--concurrency", int, providers) == {
        "offline": 2,
        "openai": 8,
        "anthropic": 2,
    }
    assert per_provider(("anthropic=30",), "--rpm", float, providers) == {"anthropic": 30.0}
    with pytest.raises(UserError, match="'gemini' is not one of the --provider values"):
        per_provider(("gemini=3",), "--rpm", float, providers)
    with pytest.raises(UserError, match="expected a number"):
        per_provider(("fast",), "--rpm", float, providers)
    with pytest.raises(UserError, match="greater than 0"):
        per_provider(("0",), "--concurrency", int, providers)
