"""An app heading a request whose order opens with a condition ("Notion: when the webhook says a
project is finished, archive its page"): what is asked of the app is in the main clause after
the comma, never the condition's own verb ("says", "reports") taken for a missing object and
sent to the app's API as ``/v1/says``. Found by the operations set (op-040) after this session's
heading rule; the cases below are our own, in other apps and wording."""

from __future__ import annotations

import pytest
from generalise_support import Outcome, run

KEEPS_THE_NODE = [
    ("notion: when the webhook says a project is finished, archive its page", "notion"),
    ("Airtable: when the form says a lead is qualified, update its record", "airtable"),
    ("Todoist - whenever the webhook reports a deploy is done, close the task", "todoist"),
    ("trello: if the webhook tells us a card is blocked, add a comment to the card", "trello"),
]

STILL_CALLS_THE_API = [
    ("Stripe: when a payment fails, list the customer's refunds", "/refunds"),
]


def _urls(outcome: Outcome) -> list[str]:
    nodes = (outcome.workflow or {}).get("nodes", [])
    return [node["parameters"]["url"] for node in nodes if "url" in node["parameters"]]


@pytest.mark.parametrize(("request_text", "app"), KEEPS_THE_NODE)
def test_the_condition_verb_is_not_an_object(request_text: str, app: str) -> None:
    outcome = run(request_text)
    urls = _urls(outcome)
    assert f"n8n-nodes-base.{app}" in outcome.types, outcome.types
    assert not any(word in url for url in urls for word in ("/says", "/reports", "/tells")), urls


@pytest.mark.parametrize(("request_text", "path"), STILL_CALLS_THE_API)
def test_the_main_clause_still_names_what_the_node_lacks(request_text: str, path: str) -> None:
    urls = _urls(run(request_text))
    assert any(url.endswith(path) for url in urls), urls
