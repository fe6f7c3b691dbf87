"""End-to-end pipeline speed, in process, on the benchmark's dev workflow requests.

1. offline provider, warm: total per request (p50/p95) and per stage;
2. LLM path against the local wire-protocol server (tests/llm_server.py, Anthropic Messages via
   the official SDK over HTTP): the pipeline's own overhead = wall time minus the provider call
   (the ``generation`` stage), with the offline total as the same-process baseline;
3. ``nodepilot generate`` as a cold process (median of 5; the index must be built).

    .venv/bin/python benchmarks/pipeline_speed.py [--limit 60]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from eval.datasets import load_dataset  # noqa: E402
from nodepilot.paths import DATASETS_DIR  # noqa: E402


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * (len(ordered) - 1) + 0.5))]


def _line(label: str, values: list[float], base: float | None = None) -> str:
    med = statistics.median(values)
    ratio = f"  ratio {med / base:5.2f}" if base else ""
    return f"  {label:<22} p50 {med:7.2f} ms  p95 {_pct(values, 0.95):7.2f} ms{ratio}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=60)
    args = parser.parse_args()

    from engine.pipeline import Pipeline
    from engine.types import IntentResult

    cases = [
        c
        for c in load_dataset(DATASETS_DIR / "bench", split="dev")
        if c.intent == "workflow_request"
    ][: args.limit]
    requests = [c.request for c in cases]

    offline = Pipeline(provider="offline", use_cache=False)
    offline.run(requests[0])  # warm: model, catalog, connection
    totals: list[float] = []
    stages: dict[str, list[float]] = {}
    answers: dict[str, dict] = {}
    for text in requests:
        started = time.perf_counter()
        result = offline.run(text)
        totals.append((time.perf_counter() - started) * 1000)
        for stage, ms in result.timings_ms.items():
            stages.setdefault(stage, []).append(ms)
        answers[text] = result.workflow or {}
    print(f"offline provider, warm, {len(requests)} dev workflow requests")
    print(_line("total", totals))
    for stage, values in stages.items():
        print(_line(stage, values))
    base = statistics.median(totals)

    from llm_server import Reply, running_llm_server

    from indexing.embeddings import get_embedder

    get_embedder()._recent.clear()  # the offline pass must not pre-embed the LLM pass's requests

    with running_llm_server() as server:
        os.environ["NODEPILOT_ANTHROPIC_BASE_URL"] = server.url
        os.environ["NODEPILOT_ANTHROPIC_API_KEY"] = "sk-ant-benchmark-not-a-key"
        from nodepilot.config import get_settings

        get_settings.cache_clear()
        llm = Pipeline(provider="anthropic", use_cache=False, conn_factory=lambda: offline.conn)
        server.push(Reply.workflow(answers[requests[0]], input_tokens=1000, output_tokens=800))
        llm.run(requests[0], intent=IntentResult("workflow_request", 1.0))  # warm the SDK
        overhead, provider_ms = [], []
        for text in requests:
            server.push(Reply.workflow(answers[text], input_tokens=1000, output_tokens=800))
            started = time.perf_counter()
            result = llm.run(text)
            wall = (time.perf_counter() - started) * 1000
            gen = result.timings_ms.get("generation", 0.0)
            provider_ms.append(gen)
            overhead.append(wall - gen)
    print("anthropic provider against the local server (SDK over HTTP)")
    print(_line("provider call", provider_ms))
    print(_line("pipeline overhead", overhead, base))

    durations = []
    for _ in range(5):
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "nodepilot.cli", "generate", requests[1], "--no-cache"],
            check=True,
            capture_output=True,
            env={k: v for k, v in os.environ.items() if "ANTHROPIC" not in k},
        )
        durations.append(time.perf_counter() - started)
    print(f"cold `nodepilot generate`: median {statistics.median(durations):.2f} s over 5 runs")


if __name__ == "__main__":
    main()
