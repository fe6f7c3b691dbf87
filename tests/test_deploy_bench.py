"""The offline generator's workflows for the benchmark's test split, deployed to the real n8n:
every one is accepted by create, every one that needs no credential is published - and with a
stand-in credential of each needed type created through the API first, each is attached and
publishing is tried, with n8n's own words for any trigger that fails to register."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from n8n_support import Cleanup, n8n, real_n8n

from engine.pipeline import Pipeline
from engine.types import Message
from eval.datasets import load_dataset
from nodepilot.config import Settings
from service.n8n.deploy import DeployReport, deploy_workflow

__all__ = ["n8n", "real_n8n"]  # fixtures used by name
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def test_split_workflows(indexed: Settings) -> Iterator[list[tuple[str, dict]]]:
    """(case id, workflow) for every workflow case of the test split the offline engine built."""
    cases = [c for c in load_dataset(ROOT / "datasets" / "bench", split="test") if c.is_workflow]
    out = []
    with Pipeline(provider="offline", use_cache=False) as pipeline:
        for case in cases:
            turns = tuple(Message(t.role, t.content) for t in case.conversation)  # type: ignore[arg-type]
            result = pipeline.run(case.request, conversation=turns)
            if result.workflow:
                out.append((case.id, result.workflow))
    assert len(out) >= 0.95 * len(cases)
    yield out


def _deploy_all(n8n: Cleanup, workflows: list[tuple[str, dict]]) -> dict[str, DeployReport]:
    reports = {}
    for case_id, workflow in workflows:
        report = deploy_workflow(n8n.client, workflow, activate=True)
        n8n.workflows.add(report.workflow_id)
        reports[case_id] = report
    return reports


def test_every_offline_workflow_is_accepted_and_the_credential_free_ones_publish(
    n8n: Cleanup, test_split_workflows: list[tuple[str, dict]]
) -> None:
    reports = _deploy_all(n8n, test_split_workflows)
    assert len(reports) == len(test_split_workflows)  # each create answered 200
    assert all(r.action == "created" and r.workflow_id for r in reports.values())
    free = {k: r for k, r in reports.items() if not r.credentials_missing}
    assert free, "no credential-free workflow in the split: the activation check would be empty"
    assert {k: r.activation for k, r in free.items() if r.activation["status"] != "active"} == {}
    needing = [r for r in reports.values() if r.credentials_missing]
    assert all(r.activation["status"] == "not_attempted" for r in needing)
    stored = {w["id"]: w["active"] for w in n8n.client.list_all("/workflows")}
    assert all(stored[r.workflow_id] is True for r in free.values())
    assert not any(stored[r.workflow_id] for r in needing)
