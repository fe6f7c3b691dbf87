"""Shared helpers for the eval tests: a stand-in pipeline and small hand-made cases.

The stand-in is injected into the runner in place of ``engine.pipeline.Pipeline`` so runner,
compare, gate and notebook tests run in milliseconds and do not depend on the engine's
progress; the acceptance runs (committed baseline) use the real offline pipeline.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from engine.types import GenerationResult, IntentResult, Usage
from eval.datasets import AnyOf, Case, Expected, load_dataset
from eval.runner import ArmSpec, run_eval
from nodepilot.paths import DATASETS_DIR
from nodepilot.workflow import Connection

BENCH = str(DATASETS_DIR / "bench")


class Interrupted(BaseException):
    """Raised by the stand-in to simulate a run killed midway (not an ordinary failure)."""


def chain_workflow(types: Sequence[str]) -> dict[str, Any]:
    """A workflow of the given node types connected in a line (names n0, n1, ...)."""
    nodes = [
        {
            "id": f"id{i}",
            "name": f"n{i}",
            "type": t,
            "typeVersion": 1,
            "position": [i * 200, 0],
            "parameters": {},
        }
        for i, t in enumerate(types)
    ]
    conns = {
        f"n{i}": {"main": [[{"node": f"n{i + 1}", "type": "main", "index": 0}]]}
        for i in range(len(types) - 1)
    }
    return {"name": "t", "nodes": nodes, "connections": conns}


VALID_WORKFLOW = chain_workflow(["n8n-nodes-base.manualTrigger", "n8n-nodes-base.noOp"])


class FakePipeline:
    """Answers each benchmark case from its gold skeleton, optionally degraded.

    * ``shuffle_intents`` - predicted intents are a seeded permutation of the gold ones;
    * ``break_workflows`` - workflows lose their required nodes;
    * ``interrupt_after`` - raise :class:`Interrupted` on that call (a killed run);
    * ``fail_ids`` - raise RuntimeError for these case ids.
    """

    thread_safe = True

    def __init__(
        self,
        cases: Sequence[Case],
        *,
        shuffle_intents: bool = False,
        break_workflows: bool = False,
        interrupt_after: int | None = None,
        fail_ids: Sequence[str] = (),
        seed: int = 0,
    ) -> None:
        self.by_request = {(c.request, len(c.conversation)): c for c in cases}
        gold = [c.intent for c in cases]
        self.intents = dict(zip([c.id for c in cases], gold, strict=True))
        if shuffle_intents:
            shuffled = gold[:]
            random.Random(seed).shuffle(shuffled)
            self.intents = dict(zip([c.id for c in cases], shuffled, strict=True))
        self.break_workflows = break_workflows
        self.interrupt_after = interrupt_after
        self.fail_ids = set(fail_ids)
        self.calls = 0

    def run(
        self,
        request: str,
        conversation: Sequence[Any] = (),
        provider: str | None = None,
        model: str | None = None,
    ) -> GenerationResult:
        self.calls += 1
        if self.interrupt_after is not None and self.calls > self.interrupt_after:
            raise Interrupted
        case = self.by_request[(request, len(conversation))]
        if case.id in self.fail_ids:
            raise RuntimeError("stand-in failure")
        intent = self.intents[case.id]
        result = GenerationResult(
            request=request,
            intent=IntentResult(intent, 0.9),  # type: ignore[arg-type]
            provider=provider or "offline",
            model=model or provider or "offline",
            timings_ms={"intent": 1.0, "generation": 2.0 + len(request) % 7},
            usage=Usage(10, 20, 0, 0.001 if provider != "offline" else 0.0, 1),
            prompt_hash="fakehash",
        )
        if intent in ("workflow_request", "workflow_modification") and case.expected:
            exp = case.expected
            required = [] if self.break_workflows else [sorted(s)[0] for s in exp.required_sets]
            result.workflow = chain_workflow([exp.trigger, *required])
            result.status = "succeeded"
            result.context_ids = [f"node:{t}" for t in required] + ["tip:unrelated"]
            result.context_node_types = [[t] for t in required] + [[]]
        else:
            result.status = "answered"
            result.answer = "an answer"
        return result


def dev_cases(limit: int | None = None) -> list[Case]:
    cases = load_dataset(BENCH, split="dev")
    return cases[:limit] if limit else cases


def fake_run(
    out: Path,
    cases: Sequence[Case],
    providers: Sequence[str] = ("offline",),
    *,
    concurrency: int = 3,
    **fake: Any,
) -> dict[str, Any]:
    """Run ``cases`` through the stand-in into ``out``; the summary."""
    pipeline = FakePipeline(cases, **fake)
    arms = [ArmSpec(p, None if p == "offline" else "test-model", concurrency) for p in providers]
    return asyncio.run(
        run_eval(
            cases,
            arms,
            out,
            dataset_path=BENCH,
            split="dev",
            pipeline_factory=lambda arm: pipeline,
            reference_lookup=lambda sid: None,
            progress=False,
        )
    )


def skeleton(
    trigger: str = "n8n-nodes-base.scheduleTrigger",
    required: Sequence[str | AnyOf] = (),
    optional: Sequence[str | AnyOf] = (),
    edges: Sequence[Connection] = (),
    trigger_any: Sequence[str] = (),
) -> Case:
    """A hand-made workflow-request case with the given skeleton."""
    return Case(
        id="hand-1",
        request="hand-made",
        intent="workflow_request",
        source="authored",
        difficulty="easy",
        split="dev",
        expected=Expected(
            trigger=trigger,
            trigger_any=tuple(trigger_any),
            required=tuple(required),
            optional=tuple(optional),
            edges=tuple(edges),
        ),
    )
