"""Words this session's rules read that, in other requests, mean something else.

A review of the session's engine diff listed cues that fire on ordinary wording; these are the
ones that changed real outputs (each case was run through the whole offline chain, and each
"after" below failed before its fix):
- a spelled-out hour ("at one of our gyms") was read before the clock time ("at 8am");
- "has been waiting 2 days" describes the record, it asks for no Wait step;
- "a customer who emails our support inbox" is mail coming in, not a mail step.
Each family has cases that must keep working next to it.
"""

from __future__ import annotations

from typing import Any

import pytest
from generalise_support import BASE, run


def _workflow(text: str) -> dict[str, Any]:
    outcome = run(text)
    assert outcome.workflow is not None, outcome.intent
    return outcome.workflow


def _types(text: str) -> list[str]:
    return [n["type"].removeprefix(BASE) for n in _workflow(text)["nodes"]]


def _hour(text: str) -> int:
    (trigger,) = [n for n in _workflow(text)["nodes"] if n["type"] == BASE + "scheduleTrigger"]
    return trigger["parameters"]["rule"]["interval"][0]["triggerAtHour"]


@pytest.mark.parametrize(
    ("text", "hour"),
    [
        ("Every day at 8am, text me on Twilio how many members checked in at one of our gyms", 8),
        ("daily at 17:00 post the count of orders shipped at two of our warehouses to Slack", 17),
        ("every morning at 6, email me whether any server at one of our sites is down", 6),
        # must keep working: the hour said in words
        ("every day at seven post the weather to our Telegram channel", 7),
        ("each day at half past eight send the standup reminder to Slack", 8),
    ],
)
def test_the_first_time_said_is_the_schedule_time(text: str, hour: int) -> None:
    assert _hour(text) == hour


@pytest.mark.parametrize(
    "text",
    [
        "When a Zendesk ticket has been waiting 2 days for a reply, escalate it in Slack",
        "alert #support on Slack when a Freshdesk ticket is still waiting over 3 days for an agent",
        "when a Trello card has been sitting 5 days in Review, ping the owner on Slack",
    ],
)
def test_a_record_that_has_been_waiting_gets_no_wait_step(text: str) -> None:
    assert "wait" not in _types(text)


@pytest.mark.parametrize(
    "text",
    [
        "when a HubSpot deal closes, wait 2 days and then email the customer a survey",
        "new Typeform answer: hold off for 2 hours, then post it to Slack",
    ],
)
def test_a_delay_asked_for_still_waits(text: str) -> None:
    assert "wait" in _types(text)


@pytest.mark.parametrize(
    "text",
    [
        "When a customer who emails our support inbox is a VIP in HubSpot, post to Slack",
        "if a lead who emails our sales inbox is already in Pipedrive, tell #sales on Slack",
    ],
)
def test_someone_who_emails_us_asks_for_no_mail_step(text: str) -> None:
    types = _types(text)
    assert "gmail" not in types[1:] and "emailSend" not in types


def test_a_workflow_that_mails_someone_still_mails() -> None:
    types = _types("summarise each new Zendesk ticket with an AI and then emails it to me")
    assert "gmail" in types or "emailSend" in types


@pytest.mark.parametrize(
    ("text", "app"),
    [
        (
            "hey can u set up something so our Telegram group gets a reply from an AI when "
            "people ask about shipping times",
            "telegram",
        ),
    ],
)
def test_a_place_that_gets_something_is_sent_it(text: str, app: str) -> None:
    nodes = [n for n in _workflow(text)["nodes"] if n["type"] == BASE + app]
    assert nodes, f"{app} receives what the request sends"
    assert all(n["parameters"].get("operation") not in ("get", "getAll") for n in nodes)


def test_an_order_to_get_still_reads() -> None:
    nodes = _workflow("every morning get the open Jira issues and post them to Slack")["nodes"]
    (jira,) = [n for n in nodes if n["type"] == BASE + "jira"]
    assert jira["parameters"].get("operation") in ("get", "getAll")
