"""The validator and the workflow model read the same graph.

The validator walks ``connections`` itself (to say what is malformed and where) but hands the
well-formed edges on as the model's ``Connection``; on a well-formed workflow those edges must
be exactly the ones ``Workflow.from_n8n`` reads, each pointing at the entry it came from.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine.validation.connections import connection_path, walk_connections
from engine.validation.findings import FindingSink
from engine.validation.validator import validate_workflow
from nodepilot.workflow import Workflow

SNAPSHOT = Path(__file__).parent / "fixtures" / "offline_snapshot"


def _workflows() -> list[dict]:
    found = []
    for path in sorted(SNAPSHOT.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            wf = json.loads(line).get("workflow")
            if wf:
                found.append(wf)
    return found[::15]


@pytest.mark.parametrize("wf", _workflows())
def test_the_walk_returns_the_models_edges(wf: dict) -> None:
    names = {n["name"] for n in wf["nodes"]}
    sink = FindingSink("strict")
    edges = walk_connections(wf["connections"], names, {}, sink)
    model = Workflow.from_n8n(wf)
    assert edges == list(model.connections)
    assert [e.position for e in edges] == [c.position for c in model.connections]
    assert not sink.findings


def test_a_finding_points_at_the_entry_by_its_position() -> None:
    wf = {
        "nodes": [
            {
                "id": "1",
                "name": "Go",
                "type": "n8n-nodes-base.manualTrigger",
                "typeVersion": 1,
                "position": [0, 0],
                "parameters": {},
            },
            {
                "id": "2",
                "name": "Set",
                "type": "n8n-nodes-base.set",
                "typeVersion": 3.4,
                "position": [200, 0],
                "parameters": {},
            },
        ],
        "connections": {
            "Go": {
                "main": [
                    [
                        {"node": "Set", "type": "main", "index": 0},
                        {"node": "Set", "type": "main", "index": 3},
                    ]
                ]
            }
        },
    }
    report = validate_workflow(wf)
    bad = [f for f in report.findings if f.code == "connection_input_index"]
    assert [f.path for f in bad] == ["$.connections.Go.main[0][1].index"]
    edge = Workflow.from_n8n(wf).connections[1]
    assert connection_path(edge) + ".index" == bad[0].path


def test_the_same_document_validated_twice_in_a_row_gets_an_equal_report_of_its_own() -> None:
    """The pipeline re-checks the offline generator's workflow: the second check answers
    from the first (``_LastReport``), with a report the caller may change freely."""
    doc = {"nodes": [{"name": "x", "type": "n8n-nodes-base.nope", "parameters": {}}]}
    first = validate_workflow(doc)
    second = validate_workflow(doc)
    assert second.findings == first.findings and second is not first
    second.findings.clear()
    assert validate_workflow(doc).findings == first.findings


def test_a_tuple_is_not_mistaken_for_the_list_it_prints_like() -> None:
    """Only plain JSON documents are remembered: a tuple prints as a list but the validator
    does not take it as one, so a valid document's report must not answer for it."""
    doc = {
        "nodes": [
            {
                "name": "Manual",
                "type": "n8n-nodes-base.manualTrigger",
                "typeVersion": 1,
                "position": [0, 0],
                "parameters": {},
            }
        ],
        "connections": {},
    }
    as_list = validate_workflow(doc)
    with_tuple = dict(doc, nodes=tuple(doc["nodes"]))
    assert validate_workflow(with_tuple).findings != as_list.findings
