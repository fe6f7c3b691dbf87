"""Acceptance: an A/B run of the real pipeline, offline vs OpenAI over HTTP, then compare.

The OpenAI arm talks through the official SDK to the local wire-protocol server
(``tests/llm_server.py``), here answering every structured request with one small valid
workflow and every free-form one with a short text, so the report shows large, significant
deltas with their CIs.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from llm_server import LLMTestServer, RecordedRequest, Reply
from test_eval_fixtures import BENCH, VALID_WORKFLOW

from eval.datasets import load_dataset
from eval.runner import ArmSpec, default_pipeline_factory, run_eval
from nodepilot.config import Settings, get_settings
from nodepilot.paths import PROJECT_ROOT


class AutoReplyServer(LLMTestServer):
    """Replies by request shape instead of a script (an eval sends hundreds of requests)."""

    def _record_and_take(self, req: RecordedRequest) -> Reply | None:
        with self._lock:
            self.requests.append(req)
            self._lock.notify_all()
        body = req.body or {}
        if "tools" in body or "response_format" in body:
            return Reply.workflow(VALID_WORKFLOW, input_tokens=1500, output_tokens=300)
        return Reply.text("A short answer.", input_tokens=200, output_tokens=30)


def small_dataset(path: Path) -> Path:
    """12 dev cases: 4 non-workflow turns and 8 workflow requests."""
    lines = []
    for name, count in (("conversation.jsonl", 4), ("workflow_requests.jsonl", 8)):
        for line in (Path(BENCH) / name).read_text().splitlines():
            if json.loads(line)["split"] == "dev" and count:
                lines.append(line)
                count -= 1
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.fixture()
def openai_server(monkeypatch: pytest.MonkeyPatch, migrated_db: Settings) -> Iterator[str]:
    """The wire-protocol server, with the settings pointing the OpenAI provider at it."""
    server = AutoReplyServer().start()
    monkeypatch.setenv("NODEPILOT_OPENAI_BASE_URL", server.openai_url)
    monkeypatch.setenv("NODEPILOT_OPENAI_API_KEY", "sk-test-local")
    get_settings.cache_clear()
    try:
        yield server
    finally:
        server.close()
        monkeypatch.undo()
        get_settings.cache_clear()


def test_ab_offline_vs_openai_produces_a_report_with_cis(
    openai_server: AutoReplyServer, tmp_path: Path
) -> None:
    # The real pipeline on the session database. Its knowledge index is not built here (that
    # takes minutes), so retrieval returns nothing; generation, validation and the providers
    # run for real.
    cases = load_dataset(small_dataset(tmp_path / "ab.jsonl"))
    arms = [ArmSpec("offline", concurrency=1, use_cache=False), ArmSpec("openai", concurrency=2)]
    summary = asyncio.run(
        run_eval(
            cases,
            arms,
            tmp_path / "ab",
            dataset_path=str(tmp_path / "ab.jsonl"),
            split="dev",
            pipeline_factory=default_pipeline_factory,
            reference_lookup=lambda sid: None,
            progress=False,
        )
    )
    assert openai_server.requests, "the openai arm never reached the server"
    offline, openai = summary["arms"]["offline"], summary["arms"]["openai"]
    assert offline["cases"] == openai["cases"] == 12
    assert offline["errors"] == openai["errors"] == 0
    assert openai["run_metrics"]["usage"]["input_tokens"] > 0
    assert offline["run_metrics"]["usage"]["cost_usd"] == 0
    assert offline["metrics"]["valid_strict"] == openai["metrics"]["valid_strict"] == 1.0
    cmp = subprocess.run(
        [sys.executable, "-m", "nodepilot.cli", "eval", "compare", str(tmp_path / "ab"),
         "--out", str(tmp_path / "report")],
        capture_output=True, text=True, cwd=PROJECT_ROOT, timeout=300,
    )  # fmt: skip
    assert cmp.returncode == 0, cmp.stderr[-2000:]
    report = json.loads((tmp_path / "report" / "comparison.json").read_text())
    deltas = {d["metric"]: d for d in report["pairs"][0]["deltas"]}
    recall = deltas["node_recall"]
    assert recall["ci_low"] <= recall["delta"] <= recall["ci_high"]
    assert recall["delta"] < 0  # a fixed two-node workflow misses the required apps
    assert deltas["trigger_accuracy"]["mcnemar_p"] is not None
    assert "95% CI" in (tmp_path / "report" / "report.md").read_text()
    assert (tmp_path / "report" / "report.html").stat().st_size > 10_000
