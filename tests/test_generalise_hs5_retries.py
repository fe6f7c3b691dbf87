"""A retry asked of a step (issue #17, Part 2): our own requests, written before the fix they
test (``engine.offline.flow_steps.with_retries``).

"Call https://... and retry it three times if it fails" is the step's own retry settings in
n8n (``retryOnFail``, ``maxTries``), not an IF on "it fails" that put the rest of the run on its
failure branch. The rule marks the step it retries (``@retry``: the tries, at most n8n's 5) and
drops that IF; the generator writes the node settings from the mark. Requests that say what
happens once the retries are used up keep their IF; requests with no retry get no mark.
"""

from __future__ import annotations

import pytest
from generalise_support import BASE, run

from engine.offline.generator import NodeBuilder
from engine.spec import build_spec
from engine.types import IntentResult

IF = BASE + "if"

#: (request, node type retried, tries)
RETRIES: list[tuple[str, str, int]] = [
    ("Every hour call https://api.example.com/sync and retry it three times if it fails, then "
     "post the result to Slack", BASE + "httpRequest", 4),
    ("When a form is submitted, create the contact in Salesforce (retry up to 2 times) and "
     "email me", BASE + "salesforce", 3),
    ("Every night pull the orders from WooCommerce; if the call errors, retry twice, then add "
     "them to Airtable", BASE + "wooCommerce", 3),
    ("When a Stripe payment succeeds, add the customer to Mailchimp with 3 retries and post to "
     "Discord", BASE + "mailchimp", 4),
]  # fmt: skip

UNMARKED = [
    "When a form is submitted, create the contact in Salesforce and email me",
    "Every hour call https://api.example.com/sync and if it fails, post the error to Slack",
]


def _steps(request: str) -> list:
    spec = build_spec(request, IntentResult("workflow_request", 1.0), (), optimizer="local")
    return NodeBuilder(spec).main_steps()


@pytest.mark.parametrize(("request_text", "node_type", "tries"), RETRIES)
def test_a_retry_is_the_steps_own_setting_not_an_if(
    request_text: str, node_type: str, tries: int
) -> None:
    steps = _steps(request_text)
    marked = [s for s in steps if "@retry" in s.parameters]
    assert [(s.node_type, s.parameters["@retry"]) for s in marked] == [(node_type, tries)]
    assert all(s.node_type != IF and s.branch is None for s in steps)
    out = run(request_text)
    assert out.workflow is not None and out.strict_errors() == []
    assert IF not in out.types
    retried = next(n for n in out.workflow["nodes"] if n["type"] == node_type)
    assert (retried.get("retryOnFail"), retried.get("maxTries")) == (True, tries)


@pytest.mark.parametrize("request_text", UNMARKED)
def test_no_retry_no_mark(request_text: str) -> None:
    assert all("@retry" not in s.parameters for s in _steps(request_text))


def test_what_happens_after_the_retries_keeps_its_if() -> None:
    steps = _steps(
        "Every hour call https://api.example.com/sync, retry it 3 times and if it still fails "
        "send a Telegram message"
    )
    assert any(s.node_type == IF for s in steps)
    assert any("@retry" in s.parameters for s in steps)
