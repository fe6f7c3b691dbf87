"""Steps between trigger and end that a first request asks for and the engine must not drop
(issue #17, Part 2, session 9): the text of the file that started the workflow read before an
AI step works on it, whatever the AI is asked to do.

Our own requests, written before running them, in apps and wordings of our own (Drive, OneDrive,
Box, Gmail, Outlook, IMAP; "pull out", "score", "list the risky clauses", "check"), and requests
that must not change (no AI, no file named, a picture read by a vision step).
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from generalise_support import BASE, LC, run
from test_generalise_steps import changed, downstream

EXTRACT = BASE + "extractFromFile"
#: AI steps that read text and write something from it.
AI_READERS = {LC + t for t in ("agent", "chainLlm", "chainSummarization", "informationExtractor")}
MAIL_TRIGGERS = {BASE + t for t in ("gmailTrigger", "emailReadImap", "microsoftOutlookTrigger")}


def workflow_of(text: str) -> dict[str, Any]:
    """The request's workflow through the offline chain, valid by the strict validator, every
    node an expression reads by name (``$('<node>')``) one of its nodes."""
    outcome = run(text)
    assert outcome.workflow is not None, (outcome.intent, text)
    assert not outcome.strict_errors(), outcome.strict_errors()
    names = {n["name"] for n in outcome.workflow["nodes"]}
    read = set(re.findall(r"\$\('([^']+)'\)", json.dumps(outcome.workflow["nodes"])))
    assert read <= names, read - names
    return outcome.workflow


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
    elif of_type(wf, {BASE + "microsoftOutlook"}):  # its attachment download hands on "data"
        assert extract[0]["parameters"].get("binaryPropertyName", "data") == "data"


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


# -- an e-mail asked for in passing, beside another destination ---------------------------------
MAIL_APPS = {BASE + t for t in ("gmail", "emailSend", "microsoftOutlook", "sendGrid", "mailgun")}
MAIL_IN_PASSING = [
    (
        "Every Friday summarise the week's closed Pipedrive deals, post the summary to #sales on "
        "Slack and also email it to the CEO"
    ),
    (
        "When a new transcript shows up in our Google Drive folder, have OpenAI summarise it, "
        "create the action items as tasks in Asana, and the summary gets emailed to the attendees"
    ),
    (
        "each morning write a digest of new HubSpot tickets with Claude, save it as a Notion page "
        "and send it by email to support-leads@acme.com"
    ),
    "When a Stripe payment fails, create a Zendesk ticket and email the customer a heads-up",
    "new Typeform entry: add it to Airtable, and have the applicant emailed a confirmation",
    (
        "every evening pull the day's Shopify orders, give me a recap in Telegram, and the same "
        "recap should be mailed over to accounting"
    ),
    (
        "when a GitHub release is published, post it in #releases on Discord and send an email to "
        "whoever is subscribed"
    ),
]


@pytest.mark.parametrize("text", MAIL_IN_PASSING)
def test_an_email_asked_for_in_passing_is_sent(text: str) -> None:
    wf = workflow_of(text)
    mails = of_type(wf, MAIL_APPS)
    assert mails, [n["type"] for n in wf["nodes"]]
    assert mails[-1]["name"] in downstream(wf, wf["nodes"][0]["name"])


def test_a_summary_sent_to_a_second_place_is_the_summary_there_too() -> None:
    """The mail after the Slack post sends the summary, not Slack's reply to the post."""
    wf = workflow_of(MAIL_IN_PASSING[0])
    mail = json.dumps(of_type(wf, MAIL_APPS)[-1]["parameters"])
    assert "JSON.stringify($json)" not in mail and "$('" in mail, mail


NO_MAIL_SENT = [
    "When a new email arrives in Gmail, summarise it and post to Slack",
    "save the sender's email address to HubSpot when a Typeform form is submitted",
    (
        "When an invoice gets emailed to our billing inbox in Outlook, extract the total and add "
        "it to a Google Sheet"
    ),
]


@pytest.mark.parametrize("text", NO_MAIL_SENT)
def test_mail_words_that_send_nothing_add_no_mail_step(text: str) -> None:
    wf = workflow_of(text)
    sending = [n for n in of_type(wf, MAIL_APPS) if "send" in json.dumps(n["parameters"])]
    assert not sending, [n["type"] for n in wf["nodes"]]


def test_one_mail_asked_for_is_one_mail_step() -> None:
    wf = workflow_of("Every Monday email me a digest of last week's Stripe charges")
    assert len(of_type(wf, MAIL_APPS)) == 1, [n["type"] for n in wf["nodes"]]


@pytest.mark.parametrize(
    "text",
    [
        (
            "Every weekday at 5pm pull the new Trello cards of the day and mail the product "
            "team a list"
        ),
        "each night export new Intercom conversations to a Google Sheet and mail me the link",
    ],
)
def test_mail_as_a_verb_sends_an_email(text: str) -> None:
    assert of_type(workflow_of(text), MAIL_APPS)


def test_mail_as_a_noun_sends_nothing() -> None:
    wf = workflow_of(
        "When the mail the customer sent to our IMAP inbox has an invoice attached, save the "
        "attachment to Dropbox"
    )
    sending = [n for n in of_type(wf, MAIL_APPS) if "send" in json.dumps(n["parameters"])]
    assert not sending, [n["type"] for n in wf["nodes"]]


# -- a spreadsheet named without its app is a Google Sheets step (HT3's entity rule, e3ff37e) ---
SHEETS = BASE + "googleSheets"
SHEET_WRITTEN = [
    "When a Shopify order is refunded, log the order number and amount in our refunds sheet",
    "When someone submits the Tally form, put their answers into a spreadsheet tab called 'raw'",
    "Each new Stripe customer should be appended to our customers spreadsheet",
    (
        "if a zendesk ticket is urgent page the on-call person via pagerduty otherwise add it to "
        "a sheet"
    ),
]
SHEET_READ = [
    (
        "every Monday read the client list from the sheet and post each client's renewal date in "
        "#accounts on Slack"
    ),
    (
        "When a Typeform response comes in, look the email up in our members sheet and send a "
        "welcome message on Discord"
    ),
    (
        "Once a week go through the spreadsheet of subscribers and text each one the newsletter "
        "link with Twilio"
    ),
]


def operation_of(node: dict[str, Any]) -> str:
    return str(node["parameters"].get("operation", ""))


@pytest.mark.parametrize("text", SHEET_WRITTEN)
def test_a_sheet_written_without_its_app_is_a_google_sheets_step(text: str) -> None:
    wf = workflow_of(text)
    sheets = of_type(wf, {SHEETS})
    assert sheets, [n["type"] for n in wf["nodes"]]
    assert sheets[0]["name"] in downstream(wf, wf["nodes"][0]["name"])
    if "appended" not in text:  # "should be appended to ...": the operation is HN4's (reported)
        assert operation_of(sheets[0]) in ("append", "appendOrUpdate"), sheets[0]["parameters"]


@pytest.mark.parametrize("text", SHEET_READ)
def test_a_sheet_read_without_its_app_is_read_first(text: str) -> None:
    wf = workflow_of(text)
    sheets = of_type(wf, {SHEETS})
    assert sheets and operation_of(sheets[0]) == "read", [n["type"] for n in wf["nodes"]]
    assert downstream(wf, sheets[0]["name"]), "what is read feeds the rest"


def test_a_sheet_on_the_other_branch_is_written_there() -> None:
    wf = workflow_of(SHEET_WRITTEN[-1])
    condition = of_type(wf, {BASE + "if"})[0]["name"]
    sheets = of_type(wf, {SHEETS})[0]["name"]
    false_branch = wf["connections"][condition]["main"][1]
    assert sheets in {e["node"] for e in false_branch}


@pytest.mark.parametrize(
    "text",
    [
        "When a row is added to the sheet in Excel 365, post it to Teams",
        "every Monday ask OpenAI for a cheat sheet of 5 keyboard shortcuts and post it to Slack",
        "When a Harvest timesheet entry is approved, post it to #billing on Slack",
        "log every new Airtable record's name into the sheet of our Airtable base called 'log'",
    ],
)
def test_a_sheet_of_another_kind_or_app_adds_no_google_sheets(text: str) -> None:
    assert not of_type(workflow_of(text), {SHEETS})


def test_a_google_sheet_named_is_one_step() -> None:
    wf = workflow_of("When a new row is added to my Google Sheet, create a HubSpot contact")
    assert not of_type(wf, {SHEETS})


# -- a node named by its name in n8n is a step ---------------------------------------------------
NAMED_NODE_REQUESTS = [
    (
        "every hour pull the pricing page over HTTP, parse it with the HTML node and store the "
        "prices in Airtable",
        BASE + "html",
    ),
    (
        "Once a day, list all my n8n workflows with the n8n node and post their names to #ops "
        "on Slack",
        BASE + "n8n",
    ),
    (
        "When a Jotform is submitted, clean up the phone number in a Code node and add the lead "
        "to Pipedrive",
        BASE + "code",
    ),
    (
        "When a new Gmail email comes in, use the Markdown node to convert the HTML body and save "
        "it to Notion",
        BASE + "markdown",
    ),
    (
        "Every Monday fetch the exchange rates with an HTTP request, then a Date & Time node "
        "formats the date, then post it to Teams",
        BASE + "dateTime",
    ),
]


@pytest.mark.parametrize(("text", "node_type"), NAMED_NODE_REQUESTS)
def test_a_node_named_by_its_n8n_name_is_a_step(text: str, node_type: str) -> None:
    wf = workflow_of(text)
    named = of_type(wf, {node_type})
    assert len(named) == 1, [n["type"] for n in wf["nodes"]]
    assert named[0]["name"] in downstream(wf, wf["nodes"][0]["name"])


@pytest.mark.parametrize(
    "text",
    [
        "use the OpenAI node to summarise new Zendesk tickets into #support on Slack",
        "when a Typeform is submitted, add the person to HubSpot and go to the next step",
    ],
)
def test_no_node_added_for_an_ai_node_or_a_step_word(text: str) -> None:
    wf = workflow_of(text)
    base_ai = [n for n in wf["nodes"] if n["type"] == BASE + "openAi"]
    assert not base_ai and not of_type(wf, {BASE + "noOp"}), [n["type"] for n in wf["nodes"]]


# -- a change that keeps or drops some items is a Filter with the condition it says -------------
@pytest.mark.parametrize(
    ("first", "change", "left", "operation"),
    [
        (
            "every day get new Stripe charges and add them to a Google Sheet",
            "skip the ones under $50",
            "={{ $json.amount }}",
            "gte",
        ),
        (
            "when a Typeform is submitted, create a lead in Pipedrive",
            "ignore any submissions without an email",
            "={{ $json.email }}",
            "notEmpty",
        ),
        (
            "every morning get open Jira issues and post them to #eng on Slack",
            "keep only those tagged blocker",
            "={{ JSON.stringify($json.tags ?? $json.labels ?? '') }}",
            "contains",
        ),
    ],
)
def test_a_change_that_keeps_some_items_filters_them(
    first: str, change: str, left: str, operation: str
) -> None:
    after = changed(first, change)
    filters = of_type(after, {FILTER})
    assert len(filters) == 1, [n["type"] for n in after["nodes"]]
    condition = filters[0]["parameters"]["conditions"]["conditions"][0]
    assert (condition["leftValue"], condition["operator"]["operation"]) == (left, operation)
    assert downstream(after, filters[0]["name"]), "the Filter feeds the step that acts"


def test_a_change_that_drops_items_handled_before_adds_no_filter() -> None:
    after = changed(
        "every hour get new Zendesk tickets and post them to #support on Slack",
        "drop the ones already posted",
    )
    assert not of_type(after, {FILTER})


def test_what_the_ai_wrote_goes_to_each_place_it_is_sent() -> None:
    wf = workflow_of(
        "When a Typeform is submitted, have GPT write a personal thank-you note, send it by SMS "
        "with Twilio and also email it to the person"
    )
    mail = json.dumps(of_type(wf, MAIL_APPS)[-1]["parameters"])
    assert "JSON.stringify($json)" not in mail and "$('" in mail, mail


def test_what_a_call_made_is_what_is_sent_after_it() -> None:
    wf = workflow_of(
        "Every morning have GPT write a search query about our brand, call the Serper API with "
        "it over HTTP and post the results to #marketing on Slack"
    )
    slack = json.dumps(of_type(wf, {BASE + "slack"})[-1]["parameters"])
    assert "$('" not in slack, slack
