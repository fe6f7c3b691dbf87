"""Schedules said as a count per hour ("twice an hour", "3x an hour", "four times an hour")
start from the Schedule Trigger every 60/N minutes; counts per day and week keep their meaning.

Before, only "N times a day/week" was a schedule: "twice an hour check our website is up and
text me on Twilio if it's down" was read as small talk. The requests are our own.
"""

from __future__ import annotations

import pytest

from engine.intent.classifier import classify
from engine.spec import build_spec

SCHEDULE = "n8n-nodes-base.scheduleTrigger"


def _trigger(text: str) -> tuple[str, str | None, dict | None]:
    intent = classify(text, (), classifier="local")
    spec = build_spec(text, intent, (), optimizer="local")
    return intent.intent, spec.trigger.node_type, spec.trigger.schedule


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("twice an hour check our website is up and text me on Twilio if it's down", 30),
        ("3x an hour pull new Typeform answers into Airtable", 20),
        ("four times an hour, sync new HubSpot contacts to Mailchimp", 15),
        ("Ping the status API six times per hour and log the result in a Google Sheet", 10),
    ],
)
def test_a_count_per_hour_is_a_schedule_in_minutes(text: str, minutes: int) -> None:
    intent, trigger, schedule = _trigger(text)
    assert (intent, trigger) == ("workflow_request", SCHEDULE)
    assert schedule == {"interval": "minutes", "every": minutes}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("twice a day post the weather forecast to Slack", {"interval": "hours", "every": 12}),
        ("three times a day copy Shopify orders to Airtable", {"interval": "hours", "every": 8}),
        ("once an hour back up the Postgres users table to S3", {"interval": "hours"}),
    ],
)
def test_counts_per_day_and_hourly_keep_their_meaning(text: str, expected: dict) -> None:
    intent, trigger, schedule = _trigger(text)
    assert (intent, trigger) == ("workflow_request", SCHEDULE)
    assert {k: v for k, v in (schedule or {}).items() if k in expected} == expected
