"""Own cases of HMO8 (session 20, issue #17 Part 2): the app's node cannot do what is asked.

Two causes, fixed from catalog facts (written here, in apps and wording unlike the read sets):

* a verb the lexicon does not know, opening the clause on a record the node has ("lock the
  <Box> file", "close the <Help Scout> conversation"), was read as no action: the node was kept
  with its best-ranked operation (an upload, a create). Now such a verb counts as an action
  when some node's operation is named by it (``node_vocabulary.action_words``), and the node
  is kept only when an operation of the record says it or its update holds the state
  (``node_gaps._state_not_held``; a status/state field closes, completes and reopens).
  "restore" is a "recover" where the node has one (<Zendesk>), else the API's.
* an API term written the way its reference does, between the app and "API"/"endpoint" ("the
  <Xero> BankTransactions endpoint", "the <HubSpot> Associations v4 API"), was read as another
  service's name: the call went to a placeholder host with no credential
  (``explicit_api._its_api_term``).

Must-not-change neighbours: the same verbs where the node has the operation or the state field,
generic changes ("set", "resolve"), and other services' APIs named beside an app.
"""

from __future__ import annotations

from typing import Any

import pytest
from generalise_support import BASE, run_valid, still_red


def _api_credentials(wf: dict[str, Any]) -> list[str]:
    """The credential types of the workflow's HTTP Requests that use an app's credential."""
    return [
        n["parameters"].get("nodeCredentialType", "")
        for n in wf["nodes"]
        if n["type"] == BASE + "httpRequest"
        and n["parameters"].get("authentication") == "predefinedCredentialType"
    ]


def _calls_api(text: str, credential: str) -> None:
    wf = run_valid(text).workflow
    assert wf is not None
    assert credential in _api_credentials(wf), [n["type"] for n in wf["nodes"]]


def _keeps_node(text: str, app: str) -> None:
    wf = run_valid(text).workflow
    assert wf is not None
    assert BASE + app in [n["type"] for n in wf["nodes"]], [n["type"] for n in wf["nodes"]]
    assert not _api_credentials(wf), _api_credentials(wf)


#: (request, credential): an action of its own on a record the node has, which no operation
#: of that record names and no field of its update holds.
OWN_ACTION = [
    ("When a contract is signed per webhook, lock the Box file so nobody edits it", "boxOAuth2Api"),
    ("When a contract is signed per webhook, lock the Dropbox file", "dropboxApi"),
    ("When a contract is signed per webhook, lock the Google Drive file", "googleDriveOAuth2Api"),
    ("When the HubSpot ticket closes, close the Help Scout conversation", "helpScoutOAuth2Api"),
    ("When a customer replies in Gmail, reopen the Help Scout conversation", "helpScoutOAuth2Api"),
    (
        "When a Freshdesk ticket is deleted by mistake and someone reports it in Slack, "
        "restore the Freshdesk ticket",
        "freshdeskApi",
    ),
]


@pytest.mark.parametrize(("text", "credential"), OWN_ACTION)
def test_an_action_no_operation_of_the_record_names_calls_the_api(
    text: str, credential: str
) -> None:
    _calls_api(text, credential)


#: (request, app): the same verbs and slots where the node can do it - an operation of the
#: record is named for it, a status/state field of its update holds it, or the verb is a
#: generic change.
KEPT = [
    ("When a Jira issue is resolved, close the Todoist task that tracks it", "todoist"),
    ("When the form is approved, complete the Todoist task", "todoist"),
    ("When a customer says thanks in Gmail, close the Zendesk ticket", "zendesk"),
    ("When a deploy finishes per webhook, close the Jira issue", "jira"),
    ("When the form is approved, close the Asana task", "asana"),
    ("When the form is approved, complete the ClickUp task", "clickUp"),
    ("When a Slack message says the bug is fixed, close the GitHub issue", "github"),
    ("When the sprint ends in Jira, close the Trello card", "trello"),
    ("When the HubSpot ticket closes, close the Freshdesk ticket", "freshdesk"),
    ("When a customer replies by Gmail, reopen the Freshdesk ticket", "freshdesk"),
    ("When a regression is reported in Slack, reopen the Jira issue", "jira"),
    ("When a regression is reported in Slack, reopen the GitHub issue", "github"),
    ("When a customer complains in Slack, restore the deleted Zendesk ticket", "zendesk"),
    ("When a thread gets toxic in Slack, lock the GitHub issue", "github"),
    ("When a moderator flags in Slack, kick the Discord member", "discord"),
    ("When a new entry is added in our sheet, stop the ClickUp time entry", "clickUp"),
    ("When a Calendly meeting ends, stop the Harvest time entry", "harvest"),
    ("When a Typeform is submitted, set the Pipedrive deal stage to won", "pipedrive"),
    ("When a Typeform is submitted, resolve the PagerDuty incident", "pagerDuty"),
    ("When a Typeform is submitted, resolve the Sentry issue", "sentryIo"),
    ("When a Stripe dispute opens, cancel the WooCommerce order", "wooCommerce"),
    ("When the deal is lost in HubSpot, close the Pipedrive deal", "pipedrive"),
]


@pytest.mark.parametrize(("text", "app"), KEPT)
def test_the_node_is_kept_where_it_can_do_the_action(text: str, app: str) -> None:
    _keeps_node(text, app)


#: (request, credential): an API term beside the app and "API"/"endpoint".
API_TERM = [
    (
        "Every hour call the Xero BankTransactions endpoint and copy new rows into Google Sheets",
        "xeroOAuth2Api",
    ),
    (
        "When a HubSpot contact is created, use the HubSpot Associations v4 API to tie it to "
        "its company",
        "hubspotApi",
    ),
    (
        "Each night send the Google Sheets rows to the Salesforce Bulk API as a job",
        "salesforceOAuth2Api",
    ),
    ("Every Monday pull the Stripe Sigma API results into Google Sheets", "stripeApi"),
    (
        "Every morning hit the Zendesk Incremental Exports endpoint and store the tickets in "
        "Airtable",
        "zendeskApi",
    ),
    (
        "Fetch the Jira Agile API boards every Monday and email the list via Gmail",
        "jiraSoftwareCloudApi",
    ),
]


@pytest.mark.parametrize(("text", "credential"), API_TERM)
def test_an_api_term_beside_the_app_is_that_apps_api(text: str, credential: str) -> None:
    _calls_api(text, credential)


#: Another service's API named beside an app keeps no app credential on the call.
OTHER_SERVICE = [
    (
        "When a HubSpot contact is created, call the MadKudu API with their email and post the "
        "score in Slack",
        "hubspotApi",
    ),
    (
        "When a new Typeform response arrives, query the Clearbit API for the company and add "
        "it to HubSpot",
        "hubspotApi",
    ),
]


@pytest.mark.parametrize(("text", "credential"), OTHER_SERVICE)
def test_another_services_api_is_not_the_apps(text: str, credential: str) -> None:
    wf = run_valid(text).workflow
    assert wf is not None
    assert credential not in _api_credentials(wf)


#: Still red (left): verbs no node's operation is named by ("star", "vote", "empty"), a
#: "cancel" whose delete differs by app (Shopify cancels, Zoom and Google Calendar delete), a
#: record the node lacks named by an action ("stop the <Clockify> timer"), a delivery verb on
#: a record ("email the <Xero> invoice": Xero's own Email endpoint, or a read and a mail).
STILL_RED = [
    (
        "When someone submits our open source form, star the GitHub repository they mention",
        "githubApi",
    ),
    ("When a Trello card lands in the Vote list, vote on the Trello card for me", "trelloApi"),
    ("Every Sunday night empty the Google Drive trash", "googleDriveOAuth2Api"),
    ("When a refund is requested in our form, cancel the Shopify order", "shopifyApi"),
    ("When a ClickUp task is marked done, stop the running Clockify timer", "clockifyApi"),
    ("When the webinar is over per webhook, end the Zoom meeting", "zoomApi"),
]


@pytest.mark.parametrize(
    ("text", "credential"), [pytest.param(*c, marks=still_red("no action read")) for c in STILL_RED]
)
def test_still_red_actions(text: str, credential: str) -> None:
    _calls_api(text, credential)


#: A present participle right after a plural object says which ones ("awaiting approval"); it
#: was read as the object's head, a thing no node knows. (request, credential or app kept)
WHICH_ONES_BY_PARTICIPLE = [
    (
        "Every Friday fetch the Clockify time off requests awaiting approval and send them to "
        "the manager on Slack",
        "http:clockifyApi",
    ),
    (
        "Each Monday list the Asana portfolios needing review and post them in Slack",
        "http:asanaApi",
    ),
    (
        "Every Friday fetch the Pipedrive deals closing this month and post them to Slack",
        "pipedrive",
    ),
    ("Every Monday get the Asana tasks remaining in the sprint and post them in Slack", "asana"),
    ("Every evening get the Shopify orders pending fulfillment and send them to Slack", "shopify"),
    ("Every hour list the Jira issues blocking the release and post them to Slack", "jira"),
]


@pytest.mark.parametrize(("text", "expected"), WHICH_ONES_BY_PARTICIPLE)
def test_a_participle_after_the_object_says_which_ones(text: str, expected: str) -> None:
    if expected.startswith("http:"):
        _calls_api(text, expected.removeprefix("http:"))
    else:
        _keeps_node(text, expected)
