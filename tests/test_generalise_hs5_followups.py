"""Steps a request asks for after the others (issue #17, Part 2): our own requests, written
before the fix they test (``engine.offline.record_followups``), in other apps and wording.

Families: the triggering record acted on later ("archive it after 7 days", "delete it a day
later": a Wait, then the trigger's app archives, deletes or updates it); a Webhook whose
request asks to answer the caller ("answer with in_stock true or false", "send back their
stage": a Respond to Webhook node last). Requests that must NOT gain these steps are here too.
Every workflow must pass the strict validator.
"""

from __future__ import annotations

import pytest
from generalise_support import BASE, run

WAIT = BASE + "wait"
RESPOND = BASE + "respondToWebhook"

#: (request, app node, resource, operation, days waited) - the record acted on later.
LATER: list[tuple[str, str, str, str, float]] = [
    ("When a Trello card is moved to Done, archive it after 7 days",
     "trello", "card", "update", 7),
    ("When a new Slack message is posted in #alerts, delete it a day later",
     "slack", "message", "delete", 1),
    ("When a Notion page is created in the Drafts database, archive it two weeks later",
     "notion", "page", "archive", 14),
    ("Whenever an Asana task is completed, remove it after 30 days",
     "asana", "task", "delete", 30),
    ("new HubSpot deal -> after 2 weeks, delete the deal",
     "hubspot", "deal", "delete", 14),
]  # fmt: skip

#: Requests answering the caller of their Webhook.
ANSWERS = [
    "A webhook receives a SKU; check the stock in MySQL and answer with in_stock true or false",
    "When our site POSTs an email address to a webhook, look the person up in HubSpot and send "
    "back their lifecycle stage",
    "Webhook: receive an invoice number, fetch the invoice from QuickBooks and reply with its "
    "balance",
    "On a POST to my webhook with an order id, get the order from Shopify and return its "
    "fulfillment status to the caller",
]

#: Requests that must not gain a Respond node, a Wait or the trigger app's later action.
UNCHANGED: list[tuple[str, list[str]]] = [
    ("When a webhook is called with a new lead, add it to Pipedrive and post in Slack",
     [RESPOND]),
    ("Every hour check Postgres for new orders and answer each customer by email", [RESPOND]),
    ("Zendesk calls my webhook with each new ticket; answer with GPT-4o and post the answer "
     "as a comment on the ticket", [RESPOND]),
    ("Our Twilio number forwards SMS to a webhook; an AI agent writes an answer and I send the "
     "reply with the Twilio node", [RESPOND]),
    ("Every Monday archive the done cards in Trello", [WAIT]),
    ("When a Trello card is created, post its name to Slack", [WAIT, BASE + "trello"]),
    ("When a GitHub issue is opened, post it to Discord", [WAIT, BASE + "github"]),
]  # fmt: skip


def _days(params: dict) -> float:
    factor = {"days": 1.0, "hours": 1 / 24, "minutes": 1 / 1440, "seconds": 1 / 86400}
    return float(params.get("amount", 1)) * factor[params.get("unit", "hours")]


@pytest.mark.parametrize(("request_text", "app", "resource", "operation", "days"), LATER)
def test_the_record_is_acted_on_after_the_wait(
    request_text: str, app: str, resource: str, operation: str, days: float
) -> None:
    out = run(request_text)
    assert out.workflow is not None and out.strict_errors() == []
    nodes = out.workflow["nodes"]
    waits = [n for n in nodes if n["type"] == WAIT]
    assert len(waits) == 1, out.types
    assert _days(waits[0]["parameters"]) == pytest.approx(days)
    acted = [n for n in nodes if n["type"] == BASE + app]
    assert acted, out.types
    params = acted[-1]["parameters"]
    assert (params.get("resource"), params.get("operation")) == (resource, operation)
    wired = out.workflow["connections"][waits[0]["name"]]["main"][0]
    assert [c["node"] for c in wired] == [acted[-1]["name"]]


@pytest.mark.parametrize("request_text", ANSWERS)
def test_a_webhook_asked_for_an_answer_responds_last(request_text: str) -> None:
    out = run(request_text)
    assert out.workflow is not None and out.strict_errors() == []
    nodes = out.workflow["nodes"]
    assert out.types.count(RESPOND) == 1, out.types
    hook = next(n for n in nodes if n["type"] == BASE + "webhook")
    assert hook["parameters"].get("responseMode") == "responseNode"  # else n8n fails the run
    respond = next(n["name"] for n in nodes if n["type"] == RESPOND)
    assert respond not in out.workflow["connections"]  # nothing after the answer
    assert any(
        c["node"] == respond
        for outs in out.workflow["connections"].values()
        for branch in outs.get("main", [])
        for c in branch
    )


@pytest.mark.parametrize(("request_text", "absent"), UNCHANGED)
def test_requests_that_ask_for_neither_keep_their_steps(
    request_text: str, absent: list[str]
) -> None:
    out = run(request_text)
    assert out.workflow is not None and out.strict_errors() == []
    assert not set(absent) & set(out.types), out.types
