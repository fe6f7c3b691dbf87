"""Shared helpers of the Part 2 generalisation tests (issue #17): one request through the
offline engine, and what the tests read off the result.

The chain is the snapshot's (local classifier -> local spec -> offline generator, see
``offline_snapshot_support``), so what these tests pin is what the benchmark measures.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from offline_snapshot_support import OfflineChain, SnapshotCase

BASE = "n8n-nodes-base."
LC = "@n8n/n8n-nodes-langchain."

_CHAIN: OfflineChain | None = None


@dataclass(frozen=True)
class Outcome:
    """One request's intent and, for a workflow request, its workflow."""

    intent: str
    workflow: dict[str, Any] | None

    @property
    def types(self) -> list[str]:
        return [n["type"] for n in (self.workflow or {}).get("nodes", [])]

    @property
    def triggers(self) -> set[str]:
        """The workflow's trigger node types (read from the catalog, not the names)."""
        from indexing.catalog.load import load_catalog

        cat = load_catalog()
        return {t for t in self.types if cat.has_type(t) and cat.is_trigger(t)}

    def operation(self, app: str) -> tuple[str | None, str | None] | None:
        """The (resource, operation) of the workflow's first ``app`` node ("stripe"); None
        without one."""
        for n in (self.workflow or {}).get("nodes", []):
            if n["type"] == BASE + app:
                return n["parameters"].get("resource"), n["parameters"].get("operation")
        return None

    def strict_errors(self) -> list[str]:
        """Codes of the strict validator's errors (empty: valid)."""
        from engine.validation import validate_workflow

        return [f.code for f in validate_workflow(self.workflow).errors]


def run(request: str) -> Outcome:
    """``request`` as a first turn through the offline engine."""
    global _CHAIN
    if _CHAIN is None:
        _CHAIN = OfflineChain()
    row = _CHAIN.output(SnapshotCase("probe", request))
    return Outcome(row["intent"], row.get("workflow"))


def run_valid(request: str) -> Outcome:
    """``run(request)``, after checking it was read as a workflow request and its workflow is
    strictly valid (what most generalisation cases check before their own assertion)."""
    out = run(request)
    assert out.intent == "workflow_request", (out.intent, request)
    assert not out.strict_errors(), out.strict_errors()
    return out


def starts(request: str) -> set[str]:
    """The short trigger types (``webhook``, ``typeformTrigger`` …) of ``request``'s workflow,
    after checking it was read as a workflow request and the workflow is strictly valid."""
    return {t.rsplit(".", 1)[-1] for t in run_valid(request).triggers}


def still_red(cause: str) -> Any:
    """The mark of a case still red, by the engine's cause: a strict xfail, so a fix that
    turns it green must move it to the plain cases."""
    import pytest

    return pytest.mark.xfail(strict=True, reason=cause)
