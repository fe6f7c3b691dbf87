"""Starts the session-11 review (HR11, D1-D5) found wrong, plus cases of my own in other apps
and wording, and the cases the fixes must not move (issue #17 Part 2).

* D1: reading, exporting, counting or reporting past records is a batch run by hand (or on the
  schedule it names), not the app's trigger for each future change.
* D2: "every" before a time the schedule parser reads (midnight, noon, second Tuesday, January)
  is a schedule; before a thing ("every monitor alert", "every wedding inquiry") a quantifier.
* D3: a negation rules a start out only when it refuses that start, never because the app's
  record follows it ("I do not want to lose any Typeform response").
* D4: a request at the length limit still gets an answer (the speed is in benchmarks/).
* D5: a hedged ask to check what a node can do is a question, not a build.
"""

from __future__ import annotations

import pytest
from generalise_support import BASE, run

SCHEDULE = BASE + "scheduleTrigger"
MANUAL = BASE + "manualTrigger"
WEBHOOK = BASE + "webhook"


def _starts_with(request: str, *expected: str) -> None:
    out = run(request)
    assert out.intent == "workflow_request", (out.intent, request)
    assert not out.strict_errors(), out.strict_errors()
    assert out.triggers == set(expected), (out.triggers, request)


# ------------------------------------------------------------- D1: past records read, not watched

PAST_RECORDS_READ = [
    (
        "Collect Jira tickets resolved in the last sprint and generate release notes with GPT.",
        MANUAL,
    ),
    ("Count the Zendesk tickets solved per agent last week and post the figures to Slack.", MANUAL),
    ("Export Asana tasks completed in March to a CSV.", MANUAL),
    ("List Asana tasks completed by the team and put them in a spreadsheet.", MANUAL),
    (
        "Build a report of HubSpot deals marked Closed Won this quarter and send it to Slack.",
        MANUAL,
    ),
    (
        "Export HubSpot deals that were marked closed won last quarter and send them by email.",
        MANUAL,
    ),
    (
        "Compile Zendesk tickets that got solved yesterday into a summary and send it by email.",
        MANUAL,
    ),
    ("Download all Gmail emails labeled invoices and save the PDFs to Google Drive.", MANUAL),
    ("Export Shopify orders that have been fulfilled to a Google Sheet.", MANUAL),
    # mine
    ("Make a list of the GitHub issues closed this week in a Google Sheet.", MANUAL),
    ("Import all Shopify orders that were cancelled last year into Airtable.", MANUAL),
    ("Show me the Pipedrive deals won in Q3 and email me the total", MANUAL),
    ("backfill airtable with the stripe charges refunded since 2023", MANUAL),
    ("Pull every Trello card moved to Done last month into a Notion page.", MANUAL),
    (
        "Every Monday, count the Jira issues resolved last week and post the number to Slack.",
        SCHEDULE,
    ),
    (
        "Tally up the ClickUp tasks completed so far and message the total to Microsoft Teams.",
        MANUAL,
    ),
]


@pytest.mark.parametrize(("request_text", "expected"), PAST_RECORDS_READ)
def test_past_records_read_are_not_watched(request_text: str, expected: str) -> None:
    _starts_with(request_text, expected)


#: A record changing state, said without a cue: still the app's trigger (must not move).
CHANGES_STILL_WATCHED = [
    (
        "HubSpot deal marked Closed Won -> create the customer in QuickBooks",
        BASE + "hubspotTrigger",
    ),
    (
        "Shopify orders that have been fulfilled: add each to Google Sheets and thank the buyer "
        "by email",
        BASE + "shopifyTrigger",
    ),
    ("pipedrive deal won => post in #sales on slack", BASE + "pipedriveTrigger"),
    ("Asana task completed -> log it in a Google Sheet", BASE + "asanaTrigger"),
]


@pytest.mark.parametrize(("request_text", "expected"), CHANGES_STILL_WATCHED)
def test_changes_of_state_still_start_the_workflow(request_text: str, expected: str) -> None:
    _starts_with(request_text, expected)


# ----------------------------------------------------------- D2: "every" before a time word

EVERY_TIME_WORD = [
    "every midnight back up Postgres to S3",
    "Every second Tuesday send the newsletter through Mailchimp.",
    "every noon post the lunch menu to Slack",
    "Every January archive last year's Trello boards.",
    "Every payday post a reminder in Slack.",
    # mine
    "every fortnight export the Airtable table to Google Drive",
    "Every first Monday of the month email the Stripe revenue summary to finance@acme.com",
    "every midday send a Discord message with the top Hacker News stories",
    "Every last Friday of the month post the Harvest hours to Slack.",
    "every december remind the team in Slack to renew our domains",
    "Every Saturday morning copy new Jira issues into a Google Sheet.",
]


@pytest.mark.parametrize("request_text", EVERY_TIME_WORD)
def test_every_before_a_time_word_is_a_schedule(request_text: str) -> None:
    _starts_with(request_text, SCHEDULE)


#: "every" before a thing whose name begins like a day or month: a quantifier.
EVERY_THING = [
    ("Every monitor alert from our Grafana webhook should open a PagerDuty incident", WEBHOOK),
    (
        "Every wedding inquiry that comes in through Typeform goes into HubSpot as a contact",
        BASE + "typeformTrigger",
    ),
    (
        "Every satisfaction survey answered in Typeform gets copied to a Google Sheet",
        BASE + "typeformTrigger",
    ),
]


@pytest.mark.parametrize(("request_text", "expected"), EVERY_THING)
def test_every_before_a_thing_is_no_schedule(request_text: str, expected: str) -> None:
    _starts_with(request_text, expected)


# -------------------------------------------------- D3: a negation that does not refuse a start

NEGATION_KEEPS_START = [
    (
        "I do not want to lose any Typeform response, so save each one to Google Sheets.",
        BASE + "typeformTrigger",
    ),
    (
        "Do not let a single Jotform submission slip through; add each to Google Sheets.",
        BASE + "jotFormTrigger",
    ),
    (
        "Don't ignore new Typeform responses - add each one to HubSpot as a contact.",
        BASE + "typeformTrigger",
    ),
    (
        "Without a new Calendly booking nothing happens; on each booking create a Zoom meeting.",
        BASE + "calendlyTrigger",
    ),
    # mine
    ("Don't let new Wufoo entries pile up; copy each one into Airtable.", BASE + "wufooTrigger"),
    (
        "We don't want to lose a single Jotform submission, so add each new one to Airtable.",
        BASE + "jotFormTrigger",
    ),
    (
        "Never overlook a Typeform submission: email every new one to sales@acme.com.",
        BASE + "typeformTrigger",
    ),
    (
        "not a single Calendly booking should go unlogged - add each one to a Google Sheet",
        BASE + "calendlyTrigger",
    ),
    (
        "Please never drop a Gumroad sale: post each one in our Discord channel.",
        BASE + "gumroadTrigger",
    ),
]


@pytest.mark.parametrize(("request_text", "expected"), NEGATION_KEEPS_START)
def test_a_negation_of_losing_records_keeps_their_start(request_text: str, expected: str) -> None:
    _starts_with(request_text, expected)


#: A start the request refuses: still ruled out (must not move).
STARTS_REFUSED = [
    (
        "Don't bother with any Wufoo trigger, just read the Wufoo entries every morning and email "
        "them to me",
        SCHEDULE,
    ),
    (
        "I don't want to use the Typeform trigger; instead fetch the Typeform responses every hour "
        "and add them to Airtable",
        SCHEDULE,
    ),
]


@pytest.mark.parametrize(("request_text", "expected"), STARTS_REFUSED)
def test_a_refused_start_stays_ruled_out(request_text: str, expected: str) -> None:
    _starts_with(request_text, expected)


# ----------------------------------------------------------------- D4: the longest request


def test_a_request_at_the_length_limit_gets_an_answer() -> None:
    """20,000 characters of app names with no punctuation: the implied-start search bounds
    its windows, so this finishes (benchmarks/implied_start_long.py times it)."""
    out = run(("hubspot deal and slack and trello card " * 600)[:19900])
    assert out.intent
    if out.intent == "workflow_request":
        assert out.workflow and out.workflow.get("nodes")


# ------------------------------------------------- D5: a hedged ask to check a node: a question

HEDGED_CHECKS = [
    "Not sure the Slack node can post to threads; check and tell me",
    "I think the Google Sheets node has a row limit, check it for me",
    # mine
    "Not sure whether the Notion node can update database properties, find out and let me know",
    "I wonder if the Airtable node supports upserts; check the docs",
    "I think the HubSpot node can't create deals, can you check",
    "Curious whether the Telegram node can send voice messages, look it up for me",
    "Please look up whether Airtable has a trigger node",
    "I'm curious whether Airtable supports webhooks, please find out",
]


@pytest.mark.parametrize("request_text", HEDGED_CHECKS)
def test_a_hedged_check_of_a_node_is_a_question(request_text: str) -> None:
    assert run(request_text).intent == "question", request_text


#: Orders to check things and report, in a workflow: still builds (must not move).
CHECKS_IN_A_WORKFLOW = [
    "Check the Gmail inbox every hour and tell me in Slack about urgent emails.",
    "I think we need this: when a Stripe charge fails, email the customer.",
    "Check each new Shopify order for fraud and let me know on Telegram.",
]


@pytest.mark.parametrize("request_text", CHECKS_IN_A_WORKFLOW)
def test_a_check_inside_a_workflow_is_still_a_build(request_text: str) -> None:
    assert run(request_text).intent == "workflow_request", request_text


#: A check that is a step of the workflow (bench wf-0057's wording): still a build.
STEPS_THAT_CHECK = [
    "Webhook POST from our booking tool: if the booking is confirmed, check if a row for it "
    "already exists in Grist and if not create the row in Grist.",
    "Check if the customer already exists in Stripe and if not create them, then email a receipt.",
    "I think the easiest is: on each new Typeform response, check the email with Hunter and add "
    "it to Pipedrive.",
]


@pytest.mark.parametrize("request_text", STEPS_THAT_CHECK)
def test_a_check_that_is_a_step_is_still_a_build(request_text: str) -> None:
    assert run(request_text).intent == "workflow_request", request_text
