"""An order on the records it names is a one-off job, whatever is said of those records
(issue #17 Part 2, session 14).

"Close all GitHub issues labelled stale" got GitHub's trigger: "issues labelled" read as a
record's change, because the request opener (``OPENS_WITH_ORDER``) and the implied-start
reader's order check (``ORDER_VERB``) each listed their own verbs and neither had "close".
Now both also read ``ORDER_ON_RECORDS``: any order verb with a determiner of records after it
("close all", "archive the", "resolve every"), a shape a noun spelled like the verb never has
("Message received in Slack", "deal close date changed"). And records up to a date ("tasks
completed before January") are a past window, read once. Cases are ours, in other wordings,
apps and verbs; the second list must keep the app's trigger.
"""

from __future__ import annotations

import pytest
from generalise_support import starts


@pytest.mark.parametrize(
    "request_text",
    [
        "Close all GitHub issues labelled stale",
        "Archive all Asana tasks completed before January",
        "resolve every Zendesk ticket tagged spam and add a private note",
        "archive the Trello cards moved to Done, then post the list to Slack",
        "delete every Pipedrive deal marked lost before 2024",
    ],
)
def test_an_order_on_the_records_it_names_is_one_off(request_text: str) -> None:
    assert starts(request_text) == {"manualTrigger"}


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        ("Message received in Slack's #help channel: open a Jira ticket", "slackTrigger"),
        (
            "Pipedrive deal moved to the proposal stage => notify the owner on Teams",
            "pipedriveTrigger",
        ),
        (
            "Help Scout conversation assigned to me -> DM me the subject on Slack",
            "helpScoutTrigger",
        ),
        (
            "WooCommerce order refunded, add a row to the refunds tab of our Google Sheet",
            "wooCommerceTrigger",
        ),
        ("when a Zendesk ticket is resolved, close the matching HubSpot task", "zendeskTrigger"),
        ("Calendly invitee cancelled - email the host a note via Gmail", "calendlyTrigger"),
    ],
)
def test_an_event_said_before_any_order_keeps_the_trigger(request_text: str, trigger: str) -> None:
    assert trigger in starts(request_text)
