"""A request that names no start, implies none and never asks to run it by hand (issue #17
Part 2, session 13): the trigger of the first app it names, not a manual start.

Why: every labelled set agrees that people who want a button say so (a manual start comes with
a word for it in 72 of the 73 manual golds of the benchmark and the read sets), while three
read cases of ``datasets/operations`` ("<App>: any ... should get ...", "log every <App>
<record> into ...", "<App> subscriber unsubscribes: ...") were given a manual start. The app
named first is where things happen (``engine.spec._named_source``). Not when that app is where
things are sent, is read once ("load the PDFs from ..."), is an agent's tool, has no trigger
node, or the request asks for a button, a one-off or a test run; and never for a change to a
workflow.
"""

from __future__ import annotations

import pytest
from generalise_support import starts


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        (
            "Trello: any card that gets the 'urgent' label should be copied to our Asana inbox",
            "trelloTrigger",
        ),
        ("record every PayPal payment we receive as a row in the 'Income' sheet", "payPalTrigger"),
        (
            "Typeform answers for the job application form go to Airtable, with the CV link",
            "typeformTrigger",
        ),
        (
            "GitLab merge requests opened against main should be announced in our Mattermost "
            "channel",
            "gitlabTrigger",
        ),
        (
            "Mailchimp subscriber leaves the list: remove the contact from HubSpot as well",
            "mailchimpTrigger",
        ),
        (
            "Jotform submissions -> a Pipedrive person and a follow-up activity for the owner",
            "jotFormTrigger",
        ),
        # must not change: a button, a one-off, a read, a destination first, a tool, no trigger
        (
            "a button I can press that copies every Trello card on the Sales board to Asana",
            "manualTrigger",
        ),
        (
            "one-off: move all our Mailchimp subscribers into HubSpot contacts",
            "manualTrigger",
        ),
        ("load the PDFs from Google Drive into Pinecone with OpenAI embeddings", "manualTrigger"),
        (
            "export our Pipedrive deals won last quarter to a Google Sheet",
            "manualTrigger",
        ),
        (
            "upload the new Dropbox files to S3 and log each filename in Airtable",
            "manualTrigger",
        ),
    ],
)
def test_named_source_starts(request_text: str, trigger: str) -> None:
    found = starts(request_text)
    assert trigger in found if trigger != "manualTrigger" else found == {trigger}, found


def test_named_source_never_for_a_destination_first() -> None:
    """The first app is where things go ("post to Slack ..."): no Slack trigger."""
    assert "slackTrigger" not in starts(
        "post to Slack the titles of the Hacker News front page, with their scores"
    )


@pytest.mark.parametrize(
    ("request_text", "acted_on"),
    [
        (
            "Once the lease is signed in our e-sign tool, update the Pipedrive deal's value",
            "pipedriveTrigger",
        ),
        ("after the webinar ends, create a task in ClickUp for each sales rep", "clickUpTrigger"),
    ],
)
def test_named_source_never_for_an_app_ordered_about(request_text: str, acted_on: str) -> None:
    """The first app is what an order acts on ("update the <App> deal"): not its trigger."""
    assert acted_on not in starts(request_text)


@pytest.mark.parametrize(
    "request_text",
    [
        # the review's (HR13): one-off jobs on all the records there are
        "Close all GitHub issues in our repo that have had no activity for 30 days",
        "Assign the unassigned Jira issues in project WEB to me",
        "HubSpot contact list to a Google Sheet",
        "Send every HubSpot contact a Christmas greeting email through Gmail",
        "Google Sheets budget tab: add a row with today's date and the total from the Xero invoice",
        # ours, other verbs and apps
        "Tag all Intercom users who signed up before 2020 as legacy",
        "Zendesk macros to a Notion table, one page each",
        "Duplicate the Airtable base's Leads table into Google Sheets",
    ],
)
def test_named_source_never_for_a_job_on_what_is_there(request_text: str) -> None:
    """No event of the first app's records: a manual start, not the app's trigger."""
    assert starts(request_text) == {"manualTrigger"}
