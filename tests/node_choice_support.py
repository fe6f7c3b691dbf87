"""Generating a workflow from our own request the way the node-choice tests check it: the
offline generator on the spec, valid by the strict validator, with no quality warning."""

from __future__ import annotations

from typing import Any

from engine.offline.api_credentials import proxy_credential
from engine.providers.offline import OfflineGenerator
from engine.spec import build_spec
from engine.types import IntentResult
from engine.validation.lints import quality_findings
from engine.validation.validator import validate_workflow

B = "n8n-nodes-base."
GEN = OfflineGenerator()


def generate(text: str) -> dict[str, Any]:
    """The offline workflow for ``text``; fails the test unless strictly valid and lint-free
    (issue 20)."""
    wf = GEN.generate(build_spec(text, IntentResult("workflow_request", 1.0)), [])
    report = validate_workflow(wf, profile="strict")
    assert report.valid, [f.to_dict() for f in report.errors]
    assert not quality_findings([f.to_dict() for f in report.findings])
    return wf


def of_type(wf: dict[str, Any], node_type: str) -> list[dict[str, Any]]:
    return [n for n in wf["nodes"] if n["type"] == node_type]


def api_calls(wf: dict[str, Any]) -> list[dict[str, Any]]:
    """The HTTP Requests authenticated with an app's own credential type."""
    return [
        n
        for n in of_type(wf, B + "httpRequest")
        if n["parameters"].get("authentication") == "predefinedCredentialType"
    ]


def calls_with_credential(wf: dict[str, Any] | None, app: str) -> bool:
    """An HTTP Request of ``wf`` authenticates with ``app``'s own (predefined) credential
    type (``app`` short: "stripe")."""
    credential = proxy_credential(B + app)
    return any(
        n["parameters"].get("nodeCredentialType") == credential
        for n in api_calls(wf or {"nodes": []})
    )
