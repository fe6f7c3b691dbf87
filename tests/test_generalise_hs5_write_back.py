"""A result written back onto the record that started the run (issue #17, Part 2): our own
requests, written before the fix they test (``record_followups.with_write_back``).

"Classify the sentiment with Gemini and write it back to the row", "look up the domain on
Clearbit and write the industry back to the record", "tag the ticket with the result": the
trigger's app updates its record last (an app step that appended instead now updates). Requests
that send the result elsewhere, or name another app's record, must not gain the update.
Every workflow must pass the strict validator.

Left out: "For each new row in Google Sheets, classify the sentiment ... with Gemini and write
it back to the row" gets the Sheets step the spec reads, which appends; which operation that
step does is the operation choice's (rewriting it here cost an unread operations case).
"""

from __future__ import annotations

import pytest
from generalise_support import BASE, run

#: (request, app that updates its record, resource)
WRITE_BACKS: list[tuple[str, str, str]] = [
    ("When a new Airtable record is added, look up the domain on Clearbit and write the "
     "industry back to the record", "airtable", "record"),
    ("For every new Notion database page, summarise the content with OpenAI and save the "
     "summary back onto the page", "notion", "databasePage"),
    ("When a Zendesk ticket is created, classify its sentiment with Claude and tag the ticket "
     "with the result", "zendesk", "ticket"),
    ("When a Jira issue is created, estimate its priority with OpenAI and set it on the issue",
     "jira", "issue"),
]  # fmt: skip

#: (request, app whose update must not be added)
ELSEWHERE: list[tuple[str, str]] = [
    ("When a HubSpot contact is created, look up their company on Clearbit and post it to "
     "Slack", "hubspot"),
    ("When a file is added to my Google Drive folder, copy its name into a new Google Sheets "
     "row and write the file id back into the sheet", "googleDrive"),
    ("When a new row is added in Google Sheets, score the lead with OpenAI and write the score "
     "back to HubSpot", "googleSheets"),
]  # fmt: skip


@pytest.mark.parametrize(("request_text", "app", "resource"), WRITE_BACKS)
def test_the_result_goes_back_onto_the_record(request_text: str, app: str, resource: str) -> None:
    out = run(request_text)
    assert out.workflow is not None and out.strict_errors() == []
    nodes = out.workflow["nodes"]
    own = [n for n in nodes if n["type"] == BASE + app]
    assert own, out.types
    assert (own[-1]["parameters"].get("resource"), own[-1]["parameters"].get("operation")) == (
        resource,
        "update",
    )
    assert own[-1]["name"] not in out.workflow["connections"]  # written last


@pytest.mark.parametrize(("request_text", "app"), ELSEWHERE)
def test_a_result_sent_elsewhere_adds_no_update(request_text: str, app: str) -> None:
    out = run(request_text)
    assert out.workflow is not None and out.strict_errors() == []
    assert all(
        n["parameters"].get("operation") != "update"
        for n in out.workflow["nodes"]
        if n["type"] == BASE + app
    )
