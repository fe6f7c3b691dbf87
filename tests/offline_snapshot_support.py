"""The offline engine's output for every benchmark case and our own probe requests, as canonical
JSON lines: the proof that a refactor of the engine changed no behaviour.

One line per case: ``{"id", "intent", "spec", "workflow"}`` with ``json.dumps(sort_keys=True)``.
The chain is the one ``engine.pipeline.Pipeline`` runs for the offline provider up to the
provider's output (local classifier -> local spec -> ``OfflineProvider.generate_workflow``),
without retrieval and without the validator's repair step:

- retrieval feeds the offline generator only ``operation`` items (``with_context_operations``),
  and the subset index the tests build holds none, so the context is empty either way;
- repair belongs to ``engine.validation``, which changes for its own reasons (lints); the
  snapshot pins what the engine itself produces.

A modification turn whose conversation carries no workflow replays the earlier user turns first
(the first as a request, each later one as a change), as ``Pipeline._rebuild_previous`` does.

``scripts/offline_snapshot.py`` rewrites the files; ``tests/test_offline_snapshot.py`` compares.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SNAPSHOT_DIR = Path(__file__).resolve().parent / "fixtures" / "offline_snapshot"
BENCH = Path(__file__).resolve().parent.parent / "datasets" / "bench"
SPLITS = ("train", "dev", "test")
WORKFLOW_INTENTS = ("workflow_request", "workflow_modification")


@dataclass(frozen=True)
class SnapshotCase:
    """One request to run: its id, text and earlier turns as (role, content) pairs."""

    id: str
    request: str
    conversation: tuple[tuple[str, str], ...] = ()


def bench_cases(split: str) -> list[SnapshotCase]:
    """Every case of ``split`` in the benchmark, in dataset order."""
    from eval.datasets import load_dataset

    cases = load_dataset(BENCH, split=split)
    return [
        SnapshotCase(c.id, c.request, tuple((t.role, t.content) for t in c.conversation))
        for c in cases
    ]


def probe_cases() -> list[SnapshotCase]:
    """Our own probe requests (``probe_requests.jsonl``), written the way users type."""
    out = []
    for line in (SNAPSHOT_DIR / "probe_requests.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            convo = tuple((t["role"], t["content"]) for t in row.get("conversation", ()))
            out.append(SnapshotCase(row["id"], row["request"], convo))
    return out


def snapshot_sets() -> dict[str, list[SnapshotCase]]:
    """Snapshot file stem -> its cases."""
    sets = {split: bench_cases(split) for split in SPLITS}
    sets["probes"] = probe_cases()
    return sets


class OfflineChain:
    """The offline engine from request to provider output, built once per process."""

    def __init__(self) -> None:
        from engine.providers.offline import OfflineProvider

        self.provider = OfflineProvider()

    def _workflow(self, text: str, intent: Any, conversation: tuple, previous: Any) -> tuple:
        from engine.spec import build_spec
        from engine.types import GenerationRequest

        spec = build_spec(text, intent, conversation, optimizer="local")
        req = GenerationRequest(
            request=text, spec=spec, previous_workflow=previous, conversation=conversation
        )
        return spec, self.provider.generate_workflow(req).workflow

    def _replay(self, conversation: tuple) -> dict[str, Any] | None:
        from engine.types import IntentResult, Message

        workflow = None
        for msg in conversation:
            if msg.role != "user" or not msg.content.strip():
                continue
            if workflow is None:
                intent = IntentResult("workflow_request", 1.0)
                _, workflow = self._workflow(msg.content, intent, (), None)
            else:
                intent = IntentResult("workflow_modification", 1.0)
                prior = (Message("assistant", "", workflow=workflow),)
                _, new = self._workflow(msg.content, intent, prior, workflow)
                workflow = new or workflow
        return workflow

    def output(self, case: SnapshotCase) -> dict[str, Any]:
        """The case's intent, spec and workflow (None for the non-workflow intents)."""
        from engine.intent.classifier import classify
        from engine.types import Message

        conversation = tuple(Message(role, content) for role, content in case.conversation)
        intent = classify(case.request, conversation, classifier="local")
        row: dict[str, Any] = {"id": case.id, "intent": intent.intent}
        if intent.intent not in WORKFLOW_INTENTS:
            row.update(spec=None, workflow=None)
            return row
        previous = None
        if intent.intent == "workflow_modification":
            previous = self._replay(conversation)
        spec, workflow = self._workflow(case.request, intent, conversation, previous)
        row.update(spec=spec.to_dict(), workflow=workflow)
        return row


def snapshot_lines(cases: Iterable[SnapshotCase], chain: OfflineChain) -> Iterator[str]:
    """One canonical JSON line per case."""
    for case in cases:
        yield json.dumps(chain.output(case), sort_keys=True, ensure_ascii=False)


def snapshot_text(cases: Iterable[SnapshotCase], chain: OfflineChain) -> str:
    return "".join(line + "\n" for line in snapshot_lines(cases, chain))


def write_snapshot(directory: Path = SNAPSHOT_DIR) -> dict[str, int]:
    """Rewrite every snapshot file; returns the number of cases per file."""
    chain = OfflineChain()
    counts = {}
    for stem, cases in snapshot_sets().items():
        (directory / f"{stem}.jsonl").write_text(snapshot_text(cases, chain), encoding="utf-8")
        counts[stem] = len(cases)
    return counts
