"""An app heading a request whose order opens with a condition ("Notion: when the webhook says a
project is finished, archive its page"): what is asked of the app is in the main clause after
the comma, never the condition's own verb ("says", "reports") taken for a missing object and
sent to the app's API as ``/v1/says``. Found by the operations set (op-040) after this session's
heading rule; the cases below are our own, in other apps and wording."""

from __future__ import annotations

import pytest
from generalise_support import run

KEEPS_THE_NODE = [
    ("notion: when the webhook says a project is finished, archive its page", "notion"),
    ("Airtable: when the form says a lead is qualified, update its record", "airtable"),
    ("Todoist - whenever the webhook reports a deploy is done, close the task", "todoist"),
    ("trello: if the webhook tells us a card is blocked, add a comment to the card", "trello"),
]

STILL_CALLS_THE_API = [
    ("Stripe: when a payment fails, list the customer's refunds", "/refunds"),
]


def _types(workflow: dict) -> list[str]:
    return [node["type"].rsplit(".", 1)[-1] for node in workflow["nodes"]]


@pytest.mark.parametrize(("request_text", "app"), KEEPS_THE_NODE)
def test_the_condition_verb_is_not_an_object(request_text: str, app: str) -> None:
    workflow = run(request_text).workflow or {"nodes": []}
    urls = [n["parameters"].get("url", "") for n in workflow["nodes"] if "url" in n["parameters"]]
    assert app in _types(workflow), _types(workflow)
    assert not any(word in url for url in urls for word in ("/says", "/reports", "/tells")), urls


@pytest.mark.parametrize(("request_text", "path"), STILL_CALLS_THE_API)
def test_the_main_clause_still_names_what_the_node_lacks(request_text: str, path: str) -> None:
    workflow = run(request_text).workflow or {"nodes": []}
    urls = [n["parameters"].get("url", "") for n in workflow["nodes"] if "url" in n["parameters"]]
    assert any(url.endswith(path) for url in urls), urls
