""" "Drop" and delivery into a chat app (issue 17, Part 2: no wrong operation, no false API call).

Two families found by the lead's own probes, neither in any dataset:
- "drop X in/into/on <App>" puts X there. "drop" maps to delete operations, so "drop the
  details in Discord" built Discord's Delete Channel and "drop a note on the deal and ping
  sales on Teams" a Teams Soft Delete Message. A wrong delete costs the user's data.
- a delivery verb into a chat app that can send ("drop the draft in Slack", "drop a reminder
  in the #team Slack channel") sends a message; what is sent is content, not an API object
  (they became HTTP Requests to Slack "drafts" / "reminders").
"Drop ... from ..." and "drop the X table in <store>" still destroy, and a missing operation
with a making verb ("create a Slack reminder") is still an API call.
"""

from __future__ import annotations

import pytest
from node_choice_support import B, api_calls, generate, of_type

from engine.offline.operations import placing_drops, words

DESTRUCTIVE = ("delete", "remove", "deletechannel", "softdeletemessage", "deletetable", "drop")


def _ops(wf, node_type):
    return [
        (n["parameters"].get("resource"), n["parameters"].get("operation"))
        for n in of_type(wf, node_type)
    ]


@pytest.mark.parametrize(
    ("request_text", "app", "operation"),
    [
        (
            "Whenever someone books a Calendly meeting, drop the details in Discord.",
            "discord",
            "send",
        ),
        (
            "When a Typeform is submitted, have OpenAI write a reply and drop the draft in Slack.",
            "slack",
            "post",
        ),
        (
            "Every Friday drop a reminder in the #team Slack channel to fill timesheets.",
            "slack",
            "post",
        ),
        ("When a Jotform is submitted, drop the answers into Airtable.", "airtable", "create"),
        (
            "Each new Stripe customer: drop their email into the Leads Google Sheet",
            "googleSheets",
            "append",
        ),
    ],
)
def test_a_drop_that_places_is_never_a_delete(request_text, app, operation):
    wf = generate(request_text)
    ops = _ops(wf, B + app)
    assert ops, [n["type"] for n in wf["nodes"]]
    assert ops[0][1] == operation, ops
    every_op = [str(n["parameters"].get("operation", "")).lower() for n in wf["nodes"]]
    assert not set(every_op) & set(DESTRUCTIVE), every_op
    assert api_calls(wf) == []


@pytest.mark.parametrize(
    "request_text",
    [
        "When a new lead arrives in HubSpot, drop a note on the deal and ping sales on Teams.",
        "drop a heads-up in Mattermost whenever a Sentry issue is created",
    ],
)
def test_no_delete_anywhere_when_drop_places(request_text):
    wf = generate(request_text)
    every_op = [str(n["parameters"].get("operation", "")).lower() for n in wf["nodes"]]
    assert not set(every_op) & set(DESTRUCTIVE), every_op


def test_drop_from_still_deletes():
    wf = generate("Drop the old rows from the Postgres table every night.")
    assert _ops(wf, B + "postgres")[0][1] == "deleteTable"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("drop the details in discord", ["dropin", "the", "details", "in", "discord"]),
        ("drop the answers into airtable", ["dropin", "the", "answers", "into", "airtable"]),
        ("drop old rows from the table", ["drop", "old", "rows", "from", "the", "table"]),
        ("drop the users table in postgres", ["drop", "the", "users", "table", "in", "postgres"]),
        ("drop the memory", ["drop", "the", "memory"]),
    ],
)
def test_placing_drops_reads_the_first_place_or_source_word(text, expected):
    assert words(text) == expected
    assert placing_drops(text.split()) == expected


def test_a_making_verb_on_a_missing_object_is_still_an_api_call():
    wf = generate("Every Monday at 9 create a Slack reminder for me to submit my timesheet")
    calls = api_calls(wf)
    assert calls and calls[0]["parameters"]["nodeCredentialType"].startswith("slack"), [
        n["type"] for n in wf["nodes"]
    ]


@pytest.mark.parametrize(
    ("request_text", "app", "resources"),
    [
        (
            "when an Asana task is marked complete, post the task name and who did it to "
            "Microsoft Teams",
            "microsoftTeams",
            ("chatMessage", "channelMessage"),
        ),
        (
            "Every evening send the list of open tasks to our Mattermost channel",
            "mattermost",
            ("message",),
        ),
        ("When a new YouTube video is out, post the title to Twitter", "twitter", ("tweet",)),
    ],
)
def test_what_is_posted_into_a_chat_is_a_message_not_its_topic(request_text, app, resources):
    """'post the task name to Teams' is a Teams message, not a Planner task; a post to X is a
    tweet, not a direct message."""
    wf = generate(request_text)
    ops = _ops(wf, B + app)
    assert ops and ops[0][0] in resources, ops or [n["type"] for n in wf["nodes"]]


@pytest.mark.parametrize(
    ("request_text", "app", "expected"),
    [
        (
            "When a Calendly invitee cancels, remove them from the Mailchimp audience.",
            "mailchimp",
            ("member", "delete"),
        ),
    ],
)
def test_removing_a_person_deletes_the_person_not_a_campaign(request_text, app, expected):
    """'remove them from the audience' is done to people: Mailchimp's member, never its
    campaign (both offer delete; the pronoun said who)."""
    wf = generate(request_text)
    assert _ops(wf, B + app)[:1] == [expected], _ops(wf, B + app)
