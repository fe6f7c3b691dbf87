"""Own cases for HTR6's trigger fixes of session 20 (issue #17 Part 2).

Written before the engine was run on them (HTR6's fresh requests, /tmp/m20/htr6/gen*.py),
then the shapes the fixes read, each slot tried with other fillers.

1. An event said as a headline - "on" opening a clause, or "upon", then a record with no
   article and what happens to it ("On deal won in Pipedrive, ...") - was started by hand.
   Its record must be one of the records the named app has (from the catalog), singular:
   "On deals closed last week" is a class of records, "On Monday" no record at all.
"""

from __future__ import annotations

import pytest
from generalise_support import starts

HEADLINE_EVENTS = [
    ("On deal won in Pipedrive, create a Google Drive folder for the client", {"pipedriveTrigger"}),
    ("on ticket close in Zendesk, push the ticket summary into Notion", {"zendeskTrigger"}),
    ("on order paid in Shopify, create the invoice in Xero", {"shopifyTrigger"}),
    ("On order placed in WooCommerce, text me via Twilio", {"wooCommerceTrigger"}),
    ("on contact created in HubSpot, add them to Mailchimp", {"hubspotTrigger"}),
    ("Send it to Slack, on deal won in HubSpot", {"hubspotTrigger"}),
    # an app n8n has no trigger for: a schedule polls it
    ("On invoice paid in Xero, post a message in Slack", {"scheduleTrigger"}),
    ("Upon invoice paid in Xero, notify the team on Slack", {"scheduleTrigger"}),
    ("On ticket resolved in Freshdesk, add a row to Google Sheets", {"scheduleTrigger"}),
]

#: The same slots with other fillers: a time or a word no app keeps after "on", the records as
#: a class, a record of another app than the one named, "on demand".
NOT_HEADLINE_EVENTS = [
    ("On Monday mornings, list the Jira issues closed last week in an email", {"scheduleTrigger"}),
    ("On invoice related questions in Xero, open a Zendesk ticket", {"manualTrigger"}),
    ("On demand, get the deals won in Pipedrive and post them to Slack", {"manualTrigger"}),
    ("Report on deal won rates in Pipedrive every Friday", {"scheduleTrigger"}),
    ("On the first of each month, export the Stripe invoices that were paid", {"scheduleTrigger"}),
]


@pytest.mark.parametrize(("text", "want"), HEADLINE_EVENTS)
def test_an_event_said_as_a_headline_starts_from_its_app(text: str, want: set[str]) -> None:
    assert starts(text) == want


@pytest.mark.parametrize(("text", "want"), NOT_HEADLINE_EVENTS)
def test_on_before_no_record_of_the_app_is_no_event(text: str, want: set[str]) -> None:
    assert starts(text) == want
