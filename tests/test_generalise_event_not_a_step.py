"""The event a trigger listens for is no order to act on its app again (issue 17, Part 2).

Found with the lead's own probes: the event's own verb ("a Trello card is moved to Done", "a
Pipedrive deal is marked lost", "a Jira issue moves to Done") matched the follow-up words
(move, mark, update) and added a step on the trigger's app - usually Create, so a new card or
deal was made every time one changed. A real follow-up after the event still counts.
"""

from __future__ import annotations

import pytest
from node_choice_support import B, generate, of_type


@pytest.mark.parametrize(
    ("request_text", "app"),
    [
        (
            "When a Trello card is moved to Done, post its title in the #wins Slack channel.",
            "trello",
        ),
        ("When a Pipedrive deal is marked lost, log the deal name in a Google Sheet.", "pipedrive"),
        (
            "When a Jira issue moves to Done, share the ticket link in the #releases channel.",
            "jira",
        ),
        ("whenever a ClickUp task is updated to urgent, text me on Telegram", "clickUp"),
        ("If a specific Google Drive file is updated, email me a heads-up", "googleDrive"),
    ],
)
def test_the_event_adds_no_step_on_its_app(request_text, app):
    wf = generate(request_text)
    assert of_type(wf, B + app + "Trigger"), [n["type"] for n in wf["nodes"]]
    assert of_type(wf, B + app) == [], [n["type"] for n in wf["nodes"]]


@pytest.mark.parametrize(
    ("request_text", "app"),
    [
        ("When a new email arrives in Gmail, mark it as read and forward it to Slack.", "gmail"),
        ("When a Trello card is created, move it to the Triage list.", "trello"),
    ],
)
def test_a_follow_up_after_the_event_still_acts_on_the_app(request_text, app):
    wf = generate(request_text)
    assert of_type(wf, B + app), [n["type"] for n in wf["nodes"]]
