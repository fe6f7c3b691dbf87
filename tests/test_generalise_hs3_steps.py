"""Steps between trigger and end that a first request asks for and the engine must not drop
(issue #17, Part 2, session 9): the text of the file that started the workflow read before an
AI step works on it, whatever the AI is asked to do.

Our own requests, written before running them, in apps and wordings of our own (Drive, OneDrive,
Box, Gmail, Outlook, IMAP; "pull out", "score", "list the risky clauses", "check"), and requests
that must not change (no AI, no file named, a picture read by a vision step).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from generalise_support import BASE, LC, run

EXTRACT = BASE + "extractFromFile"
#: AI steps that read text and write something from it.
AI_READERS = {LC + t for t in ("agent", "chainLlm", "chainSummarization", "informationExtractor")}
MAIL_TRIGGERS = {BASE + t for t in ("gmailTrigger", "emailReadImap", "microsoftOutlookTrigger")}


def workflow_of(text: str) -> dict[str, Any]:
    """The request's workflow through the offline chain, valid by the strict validator."""
    outcome = run(text)
    assert outcome.workflow is not None, (outcome.intent, text)
    assert not outcome.strict_errors(), outcome.strict_errors()
    return outcome.workflow


def downstream(wf: dict[str, Any], start: str) -> set[str]:
    """Every node reachable from ``start`` over main connections."""
    seen, todo = set(), [start]
    while todo:
        name = todo.pop()
        for slot in wf["connections"].get(name, {}).get("main", []):
            for edge in slot or []:
                if edge["node"] not in seen:
                    seen.add(edge["node"])
                    todo.append(edge["node"])
    return seen


def of_type(wf: dict[str, Any], types: set[str]) -> list[dict[str, Any]]:
    return [n for n in wf["nodes"] if n["type"] in types]


# -- the AI reads the text of the file that started the workflow --------------------------------
FILE_AI_REQUESTS = [
    (
        "When a PDF invoice lands in our Google Drive 'Invoices' folder, have GPT-4o pull out "
        "the vendor, amount and due date and add a row to the Invoices sheet"
    ),
    (
        "Each incoming Gmail with a CV attached: let Claude score the candidate against our job "
        "spec and put the score in Airtable"
    ),
    (
        "new contract uploaded to OneDrive -> ask Gemini to list the risky clauses -> post them "
        "in Teams"
    ),
    (
        "When an invoice email comes into invoices@ over IMAP, take the PDF attachment, use "
        "Mistral to extract the total and due date and create the bill in QuickBooks"
    ),
    (
        "Whenever a résumé is uploaded to Box, have OpenAI check if the candidate knows Python "
        "and notify #hiring on Slack"
    ),
    (
        "When a new Outlook mail arrives with an attachment, let an AI agent read the attached "
        "document and reply to the sender with the three main points"
    ),
]


@pytest.mark.parametrize("text", FILE_AI_REQUESTS)
def test_the_ai_reads_the_text_of_the_file_that_started_the_workflow(text: str) -> None:
    wf = workflow_of(text)
    extract = of_type(wf, {EXTRACT})
    ai = of_type(wf, AI_READERS)
    assert extract and ai, [n["type"] for n in wf["nodes"]]
    assert ai[0]["name"] in downstream(wf, extract[0]["name"])
    prompt = json.dumps(ai[0]["parameters"])
    assert "JSON.stringify($json)" not in prompt and "$json.text" in prompt, prompt
    if of_type(wf, MAIL_TRIGGERS) and not of_type(wf, {BASE + "microsoftOutlook"}):
        assert extract[0]["parameters"].get("binaryPropertyName") == "attachment_0"


NO_FILE_READ = [
    "When a new file is added to Google Drive, post its name and link to #files on Slack",
    "When a new Gmail email arrives, have OpenAI classify it as urgent or not and label it",
    (
        "When a new image is uploaded to our Google Drive folder, have OpenAI describe the "
        "picture and save the caption to Airtable"
    ),
    "every morning have Claude write a motivational quote and post it to #general on Slack",
]


@pytest.mark.parametrize("text", NO_FILE_READ)
def test_no_file_read_where_no_file_is_read_as_text(text: str) -> None:
    wf = workflow_of(text)
    assert not of_type(wf, {EXTRACT}), [n["type"] for n in wf["nodes"]]


def test_a_text_file_read_puts_its_text_where_a_pdf_read_does() -> None:
    """Extract From File writes a PDF's text to ``text`` and a text file's to ``data`` by
    default; the text read is put in ``text`` either way, the field the next step reads."""
    wf = workflow_of(
        "When a new markdown notes file shows up in our OneDrive, have Claude summarise it "
        "and post the summary to #notes on Slack"
    )
    extract = of_type(wf, {EXTRACT})
    assert extract, [n["type"] for n in wf["nodes"]]
    params = extract[0]["parameters"]
    if params.get("operation") == "text":
        assert params.get("destinationKey") == "text" or (
            params.get("options", {}).get("destinationKey") == "text"
        ), params


# -- "only keep the ones over ...": a Filter before the step that acts on the items -----------
FILTER = BASE + "filter"
CHOOSERS = {BASE + "if", BASE + "filter", BASE + "switch"}
KEEP_SOME_REQUESTS = [
    (
        "Every morning pull yesterday's Stripe charges and only keep the ones over $500, then "
        "add them to a Google Sheet"
    ),
    (
        "When a new Typeform response comes in, skip the ones where the score is below 7 and "
        "create the rest as leads in Pipedrive"
    ),
    (
        "Daily: get open Jira issues, keep only those marked as blockers and post them to #eng "
        "on Slack"
    ),
    (
        "Every evening grab the day's Zendesk tickets, exclude the ones tagged 'spam', and log "
        "the rest in Airtable"
    ),
    (
        "When a Calendly invite is booked, ignore bookings from our own domain and add the "
        "invitee to HubSpot"
    ),
    (
        "Each Friday take all WooCommerce orders and only include those that are over 200 "
        "dollars in a Google Sheet"
    ),
]


@pytest.mark.parametrize("text", KEEP_SOME_REQUESTS)
def test_keeping_some_of_the_items_is_a_filter_before_the_step_that_acts(text: str) -> None:
    wf = workflow_of(text)
    filters = of_type(wf, {FILTER})
    assert len(filters) == 1, [n["type"] for n in wf["nodes"]]
    trigger = wf["nodes"][0]["name"]
    assert filters[0]["name"] in downstream(wf, trigger)
    assert downstream(wf, filters[0]["name"]), "the Filter feeds the step that acts"
    assert filters[0]["parameters"]["conditions"]["conditions"]


def test_a_drop_keeps_the_items_that_fail_its_words() -> None:
    wf = workflow_of(KEEP_SOME_REQUESTS[1])
    condition = of_type(wf, {FILTER})[0]["parameters"]["conditions"]["conditions"][0]
    assert condition["leftValue"] == "={{ $json.score }}"
    assert (condition["operator"]["operation"], condition["rightValue"]) == ("gte", 7)


NO_FILTER = [
    "Every day copy new rows from Google Sheets to Airtable",
    "when a Jotform form is submitted, keep a copy in Notion",
    "every hour fetch Gmail messages, drop the ones already handled and label them as read",
    "only run this on weekdays at 9: post the standup reminder in #team on Slack",
    "when a new lead arrives in Pipedrive, drop the details into our Slack channel",
]


@pytest.mark.parametrize("text", NO_FILTER)
def test_no_filter_where_every_item_goes_on(text: str) -> None:
    wf = workflow_of(text)
    assert not of_type(wf, {FILTER}), [n["type"] for n in wf["nodes"]]


def test_a_condition_the_request_branches_on_gains_no_second_filter() -> None:
    wf = workflow_of(
        "When a Shopify order is created, if it's over 1000 euros send a message to the sales "
        "channel in Teams"
    )
    assert len(of_type(wf, CHOOSERS)) == 1, [n["type"] for n in wf["nodes"]]

