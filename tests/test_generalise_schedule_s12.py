"""Schedules whose words say more than the clock (issue #17 Part 2, session 12), pinned on
requests of our own, in wording and with apps unlike the cases the families were read from.

A part of the day says AM or PM: "each night at 11" runs at 23:00, "every evening at 7" at
19:00, "weekday afternoons at 3" at 15:00, while the small hours of a night stay early ("each
night at 2" is 02:00) and "every morning at 7" stays 07:00. An explicit "am"/"pm" or a 24-hour
time says it outright and wins.

A schedule the request rules out ("right away instead of every evening", "rather than nightly",
"not on a timer") is not the start: the app's event is. "every evening instead of every
morning" is still a schedule, at the evening's time.
"""

from __future__ import annotations

import pytest
from generalise_support import BASE, run

from engine.intent.classifier import classify
from engine.spec import build_spec


def _schedule(text: str) -> tuple[str | None, dict | None]:
    intent = classify(text, (), classifier="local")
    assert intent.intent == "workflow_request", (intent.intent, text)
    spec = build_spec(text, intent, (), optimizer="local")
    return spec.trigger.node_type, spec.trigger.schedule


@pytest.mark.parametrize(
    ("text", "hour", "minute"),
    [
        ("Each night at 11, back up the Postgres orders table to a CSV in Dropbox", 23, 0),
        ("every evening at 7 post the day's Stripe revenue in #finance on Slack", 19, 0),
        ("Send me a Telegram summary of open Jira bugs at 6 in the evening every day", 18, 0),
        (
            "tonight at 9 and every night after that, email the team the Asana tasks due tomorrow",
            21,
            0,
        ),
        ("weekday afternoons at 3, pull new Zendesk tickets into a Google Sheet", 15, 0),
        ("Every night at 10:30 archive the Trello cards marked done", 22, 30),
        ("each night at 2 vacuum the MySQL logs table and tell me on Discord", 2, 0),
        ("run the HubSpot dedupe at 1 at night, every day", 1, 0),
        ("every morning at 7 text me the weather for Berlin via Twilio", 7, 0),
        ("every day at 12 noon post the lunch menu from Notion to Microsoft Teams", 12, 0),
        ("every evening at 8am send the Mailchimp campaign stats to Gmail", 8, 0),
        ("each night at 23:15 copy new Airtable records into Google Sheets", 23, 15),
        ("every evening at 7pm ping #sales on Slack with new Pipedrive deals", 19, 0),
    ],
)
def test_a_part_of_the_day_says_am_or_pm(text: str, hour: int, minute: int) -> None:
    trigger, schedule = _schedule(text)
    assert trigger == BASE + "scheduleTrigger", (trigger, text)
    assert schedule is not None
    assert (schedule.get("hour"), schedule.get("minute")) == (hour, minute), schedule


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        (
            "copy new airtable rows into notion right away instead of every evening",
            "airtableTrigger",
        ),
        (
            "Add new Typeform answers to our Google Sheet as they come in rather than nightly",
            "typeformTrigger",
        ),
        (
            "When a Stripe payment succeeds, post it to Slack - not on a timer, the moment it "
            "happens",
            "stripeTrigger",
        ),
        (
            "no need to wait for the morning run: each new HubSpot contact goes straight into "
            "Mailchimp",
            "hubspotTrigger",
        ),
        ("Push new Jira issues to Microsoft Teams immediately, not once a day", "jiraTrigger"),
        (
            "Instead of a daily batch, send each new Shopify order to our Google Sheet as it "
            "arrives",
            "shopifyTrigger",
        ),
        (
            "rather than every hour, log each new Calendly booking in Airtable when it's made",
            "calendlyTrigger",
        ),
        (
            "new Trello cards should reach Discord straight away and not on a schedule",
            "trelloTrigger",
        ),
    ],
)
def test_a_schedule_ruled_out_is_not_the_start(text: str, trigger: str) -> None:
    out = run(text)
    assert out.intent == "workflow_request", (out.intent, text)
    starts = {t.rsplit(".", 1)[-1] for t in out.triggers}
    assert starts == {trigger}, (starts, text)


@pytest.mark.parametrize(
    ("text", "hour"),
    [
        ("send the Salesforce pipeline report to Gmail every evening instead of every morning", 18),
        ("post the Asana digest to Slack each night at 11 rather than every morning", 23),
        (
            "Instead of every morning, email me the Zendesk backlog from Gmail every evening at 7",
            19,
        ),
        ("not once a day but every night at 10, sync Shopify products into Airtable", 22),
    ],
)
def test_a_schedule_chosen_over_another_stays(text: str, hour: int) -> None:
    trigger, schedule = _schedule(text)
    assert trigger == BASE + "scheduleTrigger", (trigger, text)
    assert schedule is not None and schedule.get("hour") == hour, schedule
