"""End-to-end pipeline speed, in process, on the benchmark's dev workflow requests.

1. offline provider, warm: total per request (p50/p95) and per stage - wall time and the CPU
   the calling thread spent in it (``time.thread_time``: what a worker core pays, without the
   time spent waiting on the database or on other processes of a shared machine; it covers
   the query embedding, as queries run on one onnxruntime thread: the caller's);
2. LLM path against the local wire-protocol server (tests/llm_server.py, Anthropic Messages via
   the official SDK over HTTP): the pipeline's own overhead = wall time minus the provider call
   (the ``generation`` stage), with the offline total as the same-process baseline; per-stage
   thread CPU again (generation = building the prompt + the SDK's request and parsing);
3. building the prompts of that pass (``build_generation_prompt``), thread CPU: the first build
   of each (caches cold for what it is the first to use), a second build (warm), and - same run,
   interleaved - a warm build with token counts taken by encoding every text whole (how they
   were counted before the segment cache), as the ratio's baseline;
4. ``nodepilot generate`` as a cold process (median of 5; the index must be built).

Every section prints the 1-minute load average (the machine may be shared). Each request is
embedded afresh (the query-vector cache is cleared before each run).

    .venv/bin/python benchmarks/pipeline_speed.py [--limit 60] [--skip-cold]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from eval.datasets import load_dataset  # noqa: E402
from nodepilot.paths import DATASETS_DIR  # noqa: E402


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * (len(ordered) - 1) + 0.5))]


def _line(label: str, values: list[float], base: float | None = None) -> str:
    med = statistics.median(values)
    ratio = f"  ratio {med / base:5.2f}" if base else ""
    return f"  {label:<26} p50 {med:7.2f} ms  p95 {_pct(values, 0.95):7.2f} ms{ratio}"


def _load() -> str:
    return f"load {os.getloadavg()[0]:.1f}"


class StageClock:
    """Wall and thread-CPU milliseconds of every stage of the runs it watches."""

    def __init__(self) -> None:
        self.cpu: dict[str, list[float]] = {}
        self.wall: dict[str, list[float]] = {}
        self.totals: list[float] = []
        self.total_cpu: list[float] = []
        self._began: dict[str, float] = {}

    def start(self, stage: str) -> None:
        self._began[stage] = time.thread_time()

    def end(self, stage: str, ms: float) -> None:
        spent = (time.thread_time() - self._began.pop(stage)) * 1000
        self.cpu.setdefault(stage, []).append(spent)
        self.wall.setdefault(stage, []).append(ms)

    def run(self, pipeline: Any, text: str) -> tuple[Any, float]:
        """One run (the query vector computed afresh); returns the result and its wall ms."""
        from indexing.embeddings import get_embedder

        get_embedder()._recent.clear()
        started, cpu = time.perf_counter(), time.thread_time()
        result = pipeline.run(text, on_stage=self.end, on_stage_start=self.start)
        wall = (time.perf_counter() - started) * 1000
        self.totals.append(wall)
        self.total_cpu.append((time.thread_time() - cpu) * 1000)
        return result, wall

    def report(self) -> None:
        print(_line("total (wall)", self.totals))
        print(_line("total (thread CPU)", self.total_cpu))
        for stage, values in self.wall.items():
            print(_line(f"{stage} (wall)", values))
            print(_line(f"{stage} (thread CPU)", self.cpu[stage]))


def offline_pass(requests: list[str]) -> tuple[Any, dict[str, dict], float]:
    from engine.pipeline import Pipeline

    offline = Pipeline(provider="offline", use_cache=False)
    offline.run(requests[0])  # warm: model, catalog, connection
    clock = StageClock()
    answers: dict[str, dict] = {}
    for text in requests:
        result, _ = clock.run(offline, text)
        answers[text] = result.workflow or {}
    print(f"offline provider, warm, {len(requests)} dev workflow requests; {_load()}")
    clock.report()
    return offline, answers, statistics.median(clock.totals)


def llm_pass(offline: Any, requests: list[str], answers: dict[str, dict], base: float) -> list:
    """The anthropic pass; returns the GenerationRequests its prompts were built from."""
    from llm_server import Reply, running_llm_server

    from engine.pipeline import Pipeline
    from engine.retrieval import items_by_id
    from engine.types import GenerationRequest, IntentResult
    from nodepilot.config import get_settings

    built = []
    with running_llm_server() as server:
        os.environ["NODEPILOT_ANTHROPIC_BASE_URL"] = server.url
        os.environ["NODEPILOT_ANTHROPIC_API_KEY"] = "sk-ant-benchmark-not-a-key"
        get_settings.cache_clear()
        llm = Pipeline(provider="anthropic", use_cache=False, conn_factory=lambda: offline.conn)
        server.push(Reply.workflow(answers[requests[0]], input_tokens=1000, output_tokens=800))
        llm.run(requests[0], intent=IntentResult("workflow_request", 1.0))  # warm the SDK
        clock = StageClock()
        overhead, provider_ms = [], []
        for text in requests:
            server.push(Reply.workflow(answers[text], input_tokens=1000, output_tokens=800))
            result, wall = clock.run(llm, text)
            gen = result.timings_ms.get("generation", 0.0)
            provider_ms.append(gen)
            overhead.append(wall - gen)
            context = tuple(items_by_id(offline.conn, result.context_ids))
            built.append(
                GenerationRequest(request=result.request, spec=result.spec, context=context)
            )
    print(f"anthropic provider against the local server (SDK over HTTP); {_load()}")
    print(_line("provider call (wall)", provider_ms))
    print(_line("pipeline overhead (wall)", overhead, base))
    clock.report()
    return built


def _thread_ms(action: Callable[[], object]) -> float:
    started = time.thread_time()
    action()
    return (time.thread_time() - started) * 1000


def prompt_pass(built: list) -> None:
    """Prompt build CPU: first build, warm build, and warm builds counting whole texts."""
    import engine.context.assemble as assemble
    import engine.providers.messages as messages
    from engine.context import tokens
    from engine.providers.messages import build_generation_prompt

    def whole_text_count(text: str) -> int:
        enc = tokens._encoding()
        if enc is None:
            return tokens.count_tokens(text)
        return len(enc.encode(text, disallowed_special=()))

    segment_count = tokens.count_tokens

    def counting(count: Callable[[str], int]) -> None:
        messages.count_tokens = assemble.count_tokens = count  # type: ignore[assignment]
        assemble.block_tokens.cache_clear()  # schema blocks recounted by this counter

    first = [_thread_ms(lambda r=r: build_generation_prompt(r)) for r in built]
    warm: list[float] = []
    whole: list[float] = []
    try:
        for i, req in enumerate(built * 3):
            order = [(warm, segment_count), (whole, whole_text_count)]
            for into, count in order if i % 2 else order[::-1]:
                counting(count)
                into.append(_thread_ms(lambda req=req: build_generation_prompt(req)))
    finally:
        counting(segment_count)
    print(f"build_generation_prompt, {len(built)} prompts of the LLM pass (thread CPU); {_load()}")
    print(_line("first build", first))
    print(_line("whole-text token counts", whole))
    print(_line("warm build", warm, statistics.median(whole)))


def cold_generate(request: str) -> None:
    durations = []
    for _ in range(5):
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "nodepilot.cli", "generate", request, "--no-cache"],
            check=True,
            capture_output=True,
            env={k: v for k, v in os.environ.items() if "ANTHROPIC" not in k},
        )
        durations.append(time.perf_counter() - started)
    print(f"cold `nodepilot generate`: median {statistics.median(durations):.2f} s over 5 runs")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=60)
    parser.add_argument("--skip-cold", action="store_true", help="no cold `generate` runs")
    args = parser.parse_args()

    cases = [
        c
        for c in load_dataset(DATASETS_DIR / "bench", split="dev")
        if c.intent == "workflow_request"
    ][: args.limit]
    requests = [c.request for c in cases]
    offline, answers, base = offline_pass(requests)
    built = llm_pass(offline, requests, answers, base)
    prompt_pass(built)
    if not args.skip_cold:
        cold_generate(requests[1])


if __name__ == "__main__":
    main()
