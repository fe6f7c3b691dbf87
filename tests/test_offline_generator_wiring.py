"""What the generator passes on from the rules that shape its steps.

Two pieces of plumbing a review found inert: a Respond to Webhook step added by a rule (the
caller is answered) left the Webhook in its default response mode, which n8n rejects at run
time; and the HTTP method an API call's clause asks for ("delete the subscription") never
reached the HTTP Request node. Each test runs requests of our own through the whole offline
chain the benchmark uses (``generalise_support.run``: classifier, spec, generator).
"""

from __future__ import annotations

from typing import Any

import pytest
from generalise_support import BASE, run


def _workflow(text: str) -> dict[str, Any]:
    outcome = run(text)
    assert outcome.workflow is not None, outcome.intent
    return outcome.workflow


def _nodes(workflow: dict[str, Any], node_type: str) -> list[dict[str, Any]]:
    return [n for n in workflow["nodes"] if n["type"] == BASE + node_type]


@pytest.mark.parametrize(
    "text",
    [
        "Webhook receives an order, validate it, save it to postgres and reply with the order id",
        "a webhook gets a signup; add it to our Airtable base and answer the caller with ok",
    ],
)
def test_a_webhook_answered_by_a_respond_node_waits_for_it(text: str) -> None:
    workflow = _workflow(text)
    assert _nodes(workflow, "respondToWebhook"), "the caller is answered"
    (hook,) = _nodes(workflow, "webhook")
    assert hook["parameters"].get("responseMode") == "responseNode"


def test_a_webhook_with_no_answer_keeps_the_default_response() -> None:
    workflow = _workflow("a webhook gets a signup; add it to our Airtable base")
    assert not _nodes(workflow, "respondToWebhook")
    (hook,) = _nodes(workflow, "webhook")
    assert "responseMode" not in hook["parameters"]


@pytest.mark.parametrize(
    ("text", "method"),
    [
        (
            "when a HubSpot deal is marked closed lost, delete the customer's Stripe subscription",
            "DELETE",
        ),
        ("every night remove the SendGrid suppressions older than 30 days", "DELETE"),
    ],
)
def test_an_api_call_uses_the_method_its_clause_asks_for(text: str, method: str) -> None:
    calls = [
        n
        for n in _nodes(_workflow(text), "httpRequest")
        if n["parameters"].get("authentication") == "predefinedCredentialType"
    ]
    assert calls, "the app's API is called with its credential"
    assert calls[0]["parameters"]["method"] == method
    assert calls[0]["parameters"].get("sendBody") is False
