"""The app node is kept only for an action one of its operations does (issue #17 Part 2,
session 15): otherwise an HTTP Request with the app's own credential.

Why: on 130 requests of our own across 35 apps (about half asking for something the
node lacks), the misses that kept the app node with an unrelated operation fell into these
causes:

* an action done to a record the node has, which no operation of that record does, with a
  verb outside the short list of "actions only some APIs offer" ("copy the <Trello> board",
  "copy the <ClickUp> list"): the check asked the list, not the catalog. Now the burden is on
  the node: an action other than a read, a delivery or a record's making, change or removal
  is kept only when an operation of the record says it (the verb, its synonyms, or the names
  APIs give it) - unless the record goes on to another app ("copy new <HubSpot> contacts into
  a google sheet": a read there);
* the app's own name is the record acted on ("share the 'Team offsites' <Google Calendar>",
  "clear the <Google Calendar> 'Room 4'"): the record its name says (a calendar) is checked
  the same way;
* a pointing word before a possessive ("cancel that customer's subscription in <Stripe>"):
  the phrase reader stopped at "that", so no object was read;
* a record the user named right after the app ("the <Salesforce> report 'Closed Won by
  Region'", "the <Jira> filter 'My open bugs'"): a singular after an app's name was taken as
  possibly a kind n8n has ("a Slack slash command"); one given a name is the app's own, so it
  is weighed against the node like a plural;
* an endpoint written with its query string or a path placeholder ("GET
  /projects/:id/pipelines?status=failed on <GitLab>"): the "?" and ":" cut the clause, so the
  method and path never reached the app. A "?" or ":" before a letter or digit is part of a
  word, as a period already was.

Each list below is ours, in wordings and apps unlike the read sets; the second list must keep
the app node with an operation of its own.
"""

from __future__ import annotations

import pytest
from generalise_support import BASE, Outcome, run_valid
from node_choice_support import calls_with_credential


def _calls_with_credential(out: Outcome, app: str) -> bool:
    """An HTTP Request node authenticated with ``app``'s predefined credential type."""
    return calls_with_credential(out.workflow, app)


def _operation(out: Outcome, app: str) -> tuple[str | None, str | None] | None:
    """The (resource, operation) of the workflow's ``app`` node; None without one."""
    for n in (out.workflow or {}).get("nodes", []):
        if n["type"] == BASE + app:
            return n["parameters"].get("resource"), n["parameters"].get("operation")
    return None


@pytest.mark.parametrize(
    ("request_text", "app"),
    [
        # an action no operation of the record does, the verb outside any list (red before)
        ("copy the Trello board 'Client template' for every new client in our HubSpot", "trello"),
        ("copy the ClickUp list 'Sprint template' every other Monday morning", "clickUp"),
        # the app's own name is the record acted on (red before)
        (
            "share the 'Team offsites' Google Calendar with the email of every new hire "
            "submitted in our onboarding form",
            "googleCalendar",
        ),
        ("clear the Google Calendar 'Room 4' every Sunday night", "googleCalendar"),
        # a pointing word before a possessive (red before)
        (
            "when our cancellation Typeform comes in, cancel that customer's subscription in "
            "Stripe at the end of the period",
            "stripe",
        ),
        ("list that repo's stargazers from GitHub every week into a sheet", "github"),
        # an endpoint written with its query string or placeholder (red before)
        (
            "every morning GET /repos/acme/web/commits?since=yesterday on GitHub and post the "
            "messages to Slack",
            "github",
        ),
        (
            "hourly: GET /v1/payouts?status=paid&limit=20 on Stripe, then add each payout to "
            "our Google Sheet",
            "stripe",
        ),
        (
            "nightly GET /admin/api/2024-01/customers.json?limit=250 from Shopify into Airtable",
            "shopify",
        ),
        (
            "each Monday call GET /crm/v3/objects/quotes?archived=false in HubSpot and email "
            "me the count",
            "hubspot",
        ),
        (
            "every hour run GET /api/v2/satisfaction_ratings?score=bad in Zendesk and open a "
            "Jira issue for each",
            "zendesk",
        ),
        (
            "daily GET /projects/42/merge_requests?state=opened on GitLab and DM the authors "
            "on Slack",
            "gitlab",
        ),
        # a record the user named right after the app, of a kind the node lacks (red before)
        (
            "On the first of the month run the Salesforce report 'Closed Won by Region' and "
            "save it as a CSV in Google Drive",
            "salesforce",
        ),
        ("each morning email me the results of the Jira filter 'My open bugs'", "jira"),
        # already green before: the same causes in listed words, kept green
        ("every Monday, export the HubSpot report 'Weekly funnel' to Google Drive", "hubspot"),
        ("each hour send the count of the Zendesk view 'Urgent tickets' to Slack", "zendesk"),
        (
            "every Monday read the Pipedrive filter 'Stale deals' and post its results to Slack",
            "pipedrive",
        ),
        (
            "clone the Asana project 'Onboarding template' for each new paying customer in Stripe",
            "asana",
        ),
        ("duplicate the Notion page 'Weekly review' every Friday at 4pm", "notion"),
        (
            "pause this customer's subscription in Stripe when they ask through our support form",
            "stripe",
        ),
    ],
)
def test_an_action_the_node_lacks_calls_the_api(request_text: str, app: str) -> None:
    assert _calls_with_credential(run_valid(request_text), app), request_text


@pytest.mark.parametrize(
    ("request_text", "app", "operation"),
    [
        # the record's own operation does the action: the node stays, with it
        ("duplicate the Pipedrive deal when the customer orders again", "pipedrive", "duplicate"),
        (
            "copy the Google Drive file 'Contract template' into the client's folder when a "
            "deal closes in HubSpot",
            "googleDrive",
            "copy",
        ),
        ("archive the Todoist project when its last task is closed", "todoist", "archive"),
        (
            "share the Box folder with the client's email when they sign the contract in our form",
            "box",
            "share",
        ),
        ("lock the GitHub issue once it's labelled spam", "github", "lock"),
        ("reopen the Todoist task when the client replies in Gmail", "todoist", "reopen"),
        (
            "archive the monday.com board 'Q1 campaign' on the last day of the quarter",
            "mondayCom",
            "archive",
        ),
        ("clear the Google Sheet 'Daily scratch' every midnight", "googleSheets", "clear"),
        ("archive the #temp Slack channel every Friday evening", "slack", "archive"),
        # a pointing word before a possessive, on a record the node has
        (
            "update that customer's email in Stripe whenever it changes in Shopify",
            "stripe",
            "update",
        ),
        (
            "delete this contact's record in HubSpot when they ask to be forgotten via our form",
            "hubspot",
            "delete",
        ),
        # the record goes on to another app: a read here, whatever the verb
        (
            "twice a day (9am and 5pm) copy new hubspot contacts into a google sheet",
            "hubspot",
            None,
        ),
        # a question in the request still ends its clause
        (
            "every hour get the new Zendesk tickets, anything urgent? open a Jira issue for each",
            "zendesk",
            "getAll",
        ),
        # a record the user named, of a kind the node has
        (
            "every Monday, get the Trello board 'Launch' and post its cards to Slack",
            "trello",
            "get",
        ),
        ("post the daily summary to the Slack channel 'general' at 9am", "slack", "post"),
        (
            "create a task in the Asana project 'Website' for every new form entry",
            "asana",
            "create",
        ),
        (
            "add each new Shopify customer to the Mailchimp audience 'Newsletter'",
            "mailchimp",
            "create",
        ),
        (
            "upload every invoice PDF from Gmail to the Google Drive folder 'Invoices 2025'",
            "googleDrive",
            "upload",
        ),
        # ordinary requests of an operation the node has
        ("create a Stripe customer for each new signup in our Typeform", "stripe", "create"),
        (
            "every morning list yesterday's Stripe charges and post the total in Slack",
            "stripe",
            "getAll",
        ),
        (
            "add a comment to the Asana task with the Zoom recording link when the meeting ends",
            "asana",
            "add",
        ),
        ("create a Bitly short link for each new item in our blog's RSS feed", "bitly", "create"),
        (
            "kick the Discord member whose row is marked 'expired' in our Google Sheet, "
            "every night",
            "discord",
            "kick",
        ),
    ],
)
def test_an_action_the_node_has_keeps_it(
    request_text: str, app: str, operation: str | None
) -> None:
    out = run_valid(request_text)
    found = _operation(out, app)
    assert found is not None and not _calls_with_credential(out, app), (request_text, found)
    assert operation is None or found[1] == operation, (request_text, found)
