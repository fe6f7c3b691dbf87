"""Own cases for the lead's withdrawal of session 19 (issue #17 Part 2), after HR21's review.

HMO7 (``a011a66``) made "activate" an order verb meaning the node's update or edit. No check
of the record's fields precedes it (unlike suspend/archive, ``STATE_HELD_BY_FIELDS``), so it
edited whatever the kept node has: "activate the GitHub workflow" wrote a repository file, a
Slack user group's members were replaced, the event's own app got an update. HR21 counted 5
such misfires against 7 fixes for that one entry; it is withdrawn. Below: those shapes (HR21's
and others written here) must not write, and the fixes it had made stay strict xfails until an
"activate" reads the record's fields first. Two more misfire shapes HR21 found in the same
commit are left as strict xfails by cause.
"""

from __future__ import annotations

import pytest
from generalise_support import run_valid, still_red

#: (request, app, operations it must not get)
NO_STRAY_WRITE = [
    ("Activate the GitHub workflow every Monday at 6am", "github", {("file", "edit")}),
    (
        "Activate the GitHub Actions workflow when the Jira sprint starts",
        "github",
        {("file", "edit")},
    ),
    ("turn on our GitHub deploy workflow each Friday evening", "github", {("file", "edit")}),
    (
        "Activate the Slack user group for on-call when the PagerDuty schedule changes",
        "slack",
        {("userGroup", "updateUsers")},
    ),
    (
        "Activate the WooCommerce product when it is approved in Airtable",
        "airtable",
        {("record", "update")},
    ),
    (
        "activate the Shopify product once the Airtable row says approved",
        "airtable",
        {("record", "update")},
    ),
]


@pytest.mark.parametrize("text, app, unasked", NO_STRAY_WRITE)
def test_activate_writes_nothing_it_was_not_asked_to(
    text: str, app: str, unasked: set[tuple[str, str]]
) -> None:
    assert run_valid(text).operation(app) not in unasked


_WITHDRAWN = still_red(
    "withdrawn with ORDER_VERBS['activate'] (HR21: it edited any resource of the kept node); "
    "an activate that reads the record's fields first would bring these back"
)

#: (request, app): the record's update is what activates it
ACTIVATE_IS_AN_UPDATE = [
    pytest.param(t, app, marks=_WITHDRAWN)
    for t, app in [
        (
            "Activate the Mailchimp member when they confirm their email in our Typeform",
            "mailchimp",
        ),
        ("Activate the Mailchimp member when their Google Sheet row is approved", "mailchimp"),
        ("Activate the ServiceNow user when they start, as marked in our Airtable", "serviceNow"),
        ("Activate the Harvest task for each new Asana project", "harvest"),
    ]
]


@pytest.mark.parametrize("text, app", ACTIVATE_IS_AN_UPDATE)
def test_activate_a_record_whose_update_holds_it(text: str, app: str) -> None:
    found = run_valid(text).operation(app)
    assert found is not None and found[1] == "update", found


LEFT = [
    pytest.param(
        "Unarchive the Trello card when the Airtable record is approved",
        "trello",
        {("card", "create")},
        marks=still_red("a kept node takes its operation from another word (a011a66): create"),
    ),
    pytest.param(
        "Unarchive the Pipedrive lead when they reply in Gmail",
        "pipedrive",
        {("person", "search")},
        marks=still_red("the event's verb (reply) picks the kept node's search (a011a66)"),
    ),
    pytest.param(
        "Get the tags of the Gmail thread when a reply arrives",
        "gmail",
        {("thread", "reply")},
        marks=still_red("tags ~ labels keeps the node; the chooser takes the event's 'reply'"),
    ),
]


@pytest.mark.parametrize("text, app, unasked", LEFT)
def test_left_misfires_of_the_kept_node(text: str, app: str, unasked: set[tuple[str, str]]) -> None:
    assert run_valid(text).operation(app) not in unasked
