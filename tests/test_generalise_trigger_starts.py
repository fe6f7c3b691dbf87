"""How a workflow starts when the request says it in other people's words (issue #17 Part 2,
session 8; HT2's own phrasings, none a benchmark or held-out case): schedules said without
"every" ("Month end:", "3x a day", "around 5pm", "first working day of the month"), a manual
start the user states ("I'll run it by hand") over a time that is only content, and a trigger
the request rules out ("please don't use the Stripe trigger node")."""

from __future__ import annotations

import pytest
from generalise_support import starts

from engine.intent.schedule import parse_schedule


@pytest.mark.parametrize(
    "request_text",
    [
        "Month end: email the accountant the list of unpaid invoices from QuickBooks.",
        "3x a day refresh the exchange rates from an API into Google Sheets",
        "Around 6pm send me on Telegram the number of new HubSpot contacts today.",
        "First business day of the month, about 8 in the morning, post last month's Stripe "
        "revenue to Slack.",
        "approx 7:30 every weekday push the day's Google Calendar agenda to my Telegram",
    ],
)
def test_schedules_said_without_every(request_text: str) -> None:
    assert starts(request_text) == {"scheduleTrigger"}


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("month end: report", {"interval": "months", "day_of_month": 31}),
        ("2x per week: clean up", {"interval": "weeks", "weekday": [1, 4]}),
        ("around 5pm send it", {"interval": "days", "hour": 17, "minute": 0}),
        ("first working day of the month at 9am",
         {"interval": "months", "day_of_month": 1, "hour": 9, "minute": 0}),
        ("daily at 7 in the evening", {"interval": "days", "hour": 19, "minute": 0}),
    ],
)  # fmt: skip
def test_the_schedule_read_from_those_phrases(phrase: str, expected: dict) -> None:
    found = parse_schedule(phrase)
    assert found is not None and found[0] == expected


def test_a_manual_start_the_user_states_wins_over_a_time_that_is_content() -> None:
    found = starts(
        "add a todoist task 'call the bank' due monday 10am. i will run it myself when needed"
    )
    assert found == {"manualTrigger"}


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        ("Shopify is set up to POST each new order to my n8n webhook (don't use the Shopify "
         "trigger). Add the buyer to Mailchimp.", "webhook"),
        ("Every hour, without the Gmail trigger, read the unread emails of my inbox and log "
         "their subjects to a Google Sheet.", "scheduleTrigger"),
    ],
)  # fmt: skip
def test_a_trigger_the_request_rules_out_is_not_used(request_text: str, trigger: str) -> None:
    assert starts(request_text) == {trigger}


@pytest.mark.parametrize(
    ("request_text", "triggers"),
    [
        # kept aside while tuning (HT2's own check)
        ("End of month: archive all closed Trello cards to a Google Sheet.", {"scheduleTrigger"}),
        ("Twice a day, around 9am and 5pm, check our status page and alert Slack if down.",
         {"scheduleTrigger"}),
        ("Quarterly, back up our Airtable base to Google Drive as CSV.", {"scheduleTrigger"}),
        ("Every 30 minutes poll our API; I'll also run it by hand sometimes.",
         {"scheduleTrigger", "manualTrigger"}),
    ],
)  # fmt: skip
def test_kept_aside_starts(request_text: str, triggers: set[str]) -> None:
    assert starts(request_text) == triggers


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        # an error workflow said with other verbs, or by pointing back at the user's workflow
        ("whenever a workflow throws, post the error to #ops on slack", "errorTrigger"),
        ("If any of my automations dies, text me on Telegram with the workflow name.",
         "errorTrigger"),
        ("My invoice workflow sometimes blows up. When that happens, email me the execution "
         "link.", "errorTrigger"),
        # the Drive folder a file lands in
        ("When a PDF lands in the Drive folder 'Receipts', extract the total with GPT and add "
         "it to our expenses sheet.", "googleDriveTrigger"),
        # a bot said by what people send on the app, or answering it by itself
        ("We receive so many Telegram messages about opening hours; let an AI answer them.",
         "telegramTrigger"),
        ("Respond automatically to Slack DMs with an answer from our Notion FAQ.",
         "slackTrigger"),
        ("Triage each new mail in our Outlook support inbox with Claude and flag the urgent "
         "ones.", "microsoftOutlookTrigger"),
    ],
)  # fmt: skip
def test_error_workflows_drive_folders_and_bots(request_text: str, trigger: str) -> None:
    assert starts(request_text) == {trigger}


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        # an error inside a step stays a step's error (kept aside while tuning)
        ("Hourly, call our stock API; if it throws an error, wait 5 minutes and try again.",
         "scheduleTrigger"),
        ("Manual run: for each URL in my sheet fetch the page; skip the ones that error out.",
         "manualTrigger"),
        ("When a GitHub Actions run fails on our repo, create a Jira ticket.", "githubTrigger"),
    ],
)  # fmt: skip
def test_kept_aside_step_errors(request_text: str, trigger: str) -> None:
    assert starts(request_text) == {trigger}
