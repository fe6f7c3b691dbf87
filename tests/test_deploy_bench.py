"""The offline generator's workflows for the benchmark's test split, deployed to the real n8n:
every one is accepted by create, every one that needs no credential is published - and with a
stand-in credential of each needed type created through the API first, each is attached and
publishing is tried, with n8n's own words for any trigger that fails to register."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from n8n_support import Cleanup, RealN8n, real_n8n, stand_in_data

from engine.pipeline import Pipeline
from engine.types import Message
from eval.datasets import load_dataset
from nodepilot.config import Settings
from service.n8n import errors
from service.n8n.deploy import DeployReport, deploy_workflow

__all__ = ["real_n8n"]  # a fixture used by name
ROOT = Path(__file__).resolve().parent.parent


#: Our own requests whose workflows need no credential (a schedule, a webhook, a form with
#: core nodes only), so the publishing check never depends on whether the test split happens
#: to hold one: its last such case (wf-0089) rightly gained the n8n API node in session 9.
CREDENTIAL_FREE = (
    "every hour call https://example.com/health with an HTTP request and keep only the "
    "responses whose status is not ok",
    "a webhook that receives a JSON order and returns its total computed in a Code node",
    "a form asking for a name that shows a greeting on the completion page",
)


@pytest.fixture(scope="module")
def test_split_workflows(indexed: Settings) -> Iterator[list[tuple[str, dict]]]:
    """(case id, workflow) for every workflow case of the test split the offline engine built,
    then for each of ``CREDENTIAL_FREE`` (ids ``own-N``)."""
    cases = [c for c in load_dataset(ROOT / "datasets" / "bench", split="test") if c.is_workflow]
    out = []
    with Pipeline(provider="offline", use_cache=False) as pipeline:
        for case in cases:
            turns = tuple(Message(t.role, t.content) for t in case.conversation)  # type: ignore[arg-type]
            result = pipeline.run(case.request, conversation=turns)
            if result.workflow:
                out.append((case.id, result.workflow))
        assert len(out) >= 0.95 * len(cases)
        for i, request in enumerate(CREDENTIAL_FREE, 1):
            result = pipeline.run(request)
            assert result.workflow, request
            out.append((f"own-{i}", result.workflow))
    yield out


@pytest.fixture(scope="module")
def first_pass(
    real_n8n: RealN8n, test_split_workflows: list[tuple[str, dict]]
) -> Iterator[tuple[Cleanup, dict[str, DeployReport]]]:
    """Every workflow deployed once with activation asked for; all deleted after the module."""
    with real_n8n.client() as client:
        cleanup = Cleanup(client)
        try:
            reports = {}
            for case_id, workflow in test_split_workflows:
                report = deploy_workflow(client, workflow, activate=True)
                cleanup.workflows.add(report.workflow_id)
                reports[case_id] = report
            yield cleanup, reports
        finally:
            cleanup.run()


def test_every_offline_workflow_is_accepted_and_the_credential_free_ones_publish(
    first_pass: tuple[Cleanup, dict[str, DeployReport]],
    test_split_workflows: list[tuple[str, dict]],
) -> None:
    n8n, reports = first_pass
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


def test_stand_in_credentials_are_attached_and_publishing_is_tried(
    first_pass: tuple[Cleanup, dict[str, DeployReport]],
    test_split_workflows: list[tuple[str, dict]],
) -> None:
    n8n, reports = first_pass
    # a quarter of the workflows keeps the run short and still needs dozens of credential types
    sample = test_split_workflows[::4]
    needed = sorted(
        {m["credential_types"][0] for k, _ in sample for m in reports[k].credentials_missing}
    )
    made, refused = {}, {}
    for type_name in needed:
        schema = n8n.client.request("GET", f"/credentials/schema/{type_name}", resource=True)
        try:
            made[type_name] = n8n.credential(type_name, stand_in_data(schema))["id"]
        except errors.Rejected as exc:  # OAuth2 types want URLs the schema does not list
            refused[type_name] = exc.n8n_message
    assert len(made) >= 0.9 * len(needed), refused
    outcomes: Counter[str] = Counter()
    for i, (case_id, workflow) in enumerate(sample):
        first = reports[case_id]
        # publishing is tried on every other one: a trigger that cannot reach its service (no
        # network here) makes n8n take seconds to publish and to unpublish again
        tried = i % 2 == 0
        again = deploy_workflow(
            n8n.client, workflow, activate=tried, remembered_id=first.workflow_id
        )
        assert again.action == "updated" and again.workflow_id == first.workflow_id
        for need in first.credentials_missing:
            kind = need["credential_types"][0]
            attached = {a["credential_type"]: a for a in again.credentials_attached
                        if a["node"] == need["node"]}  # fmt: skip
            if kind in made:
                assert (attached[kind]["credential_id"], attached[kind]["how"]) == (
                    made[kind], "attached",
                )  # fmt: skip
        if not tried:
            continue
        status = again.activation["status"]
        outcomes[status] += 1
        if again.credentials_missing:
            assert status == "not_attempted"
        else:
            assert status in ("active", "partial", "failed")
            assert status == "active" or again.activation["message"]
    assert outcomes["active"] >= 1 and sum(outcomes.values()) == len(sample[::2]), outcomes
