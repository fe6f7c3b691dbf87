""" "Mark the deal as won", "flag the ticket as urgent": a state said after "as" is a value of
the record, not an object of the app's API.

Session 9's clause reader followed any "as" to the thing after it (right for "add the delivery
as an event in Google Calendar"), so "mark the Pipedrive deal as won" also called an invented
``POST /wons`` through the HTTP Request node, and "mark the attendee's HubSpot deal as lost"
replaced the HubSpot update with ``POST /losts``. Only "as a/an <thing>" names a thing now.
Requests are our own.
"""

from __future__ import annotations

import pytest
from generalise_support import BASE, run

HTTP = BASE + "httpRequest"


@pytest.mark.parametrize(
    ("text", "app"),
    [
        ("once a Typeform is submitted, mark the Pipedrive deal as won", "pipedrive"),
        (
            "Eventbrite order refunded -> mark the attendee's HubSpot deal as lost",
            "hubspot",
        ),
        ("when a Stripe charge is disputed, flag the Zendesk ticket as urgent", "zendesk"),
        ("every Friday mark the Airtable rows as archived", "airtable"),
    ],
)
def test_a_state_after_as_keeps_the_apps_own_node_and_invents_no_call(text: str, app: str) -> None:
    out = run(text)
    assert out.workflow is not None and BASE + app in out.types
    calls = [n for n in out.workflow["nodes"] if n["type"] == HTTP]
    assert not calls, [n["parameters"].get("url") for n in calls]
    assert out.strict_errors() == []


def test_as_a_thing_still_names_what_is_made() -> None:
    """The other reading stays: Shopify has no customer resource, so creating one is an API
    call with Shopify's credential."""
    out = run("when a Typeform is submitted, create the person as a customer in Shopify")
    calls = [n for n in (out.workflow or {}).get("nodes", []) if n["type"] == HTTP]
    assert any("customer" in str(n["parameters"].get("url", "")) for n in calls)
