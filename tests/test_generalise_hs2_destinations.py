"""Destinations and reads a request asks for that no step had (issue #17, Part 2).

Three families of required steps lost outside the missing-operation family, each written in our
own words, with other apps and phrasings than the held-out sets they were found in:

* an e-mail the request asks for ("send the customer an order confirmation email", "email HR the
  details", "mail them to marketing@...") when no step, tool or trigger is a mail app: a Gmail
  message after the steps (``engine.offline.summary.with_mail_destination``); an e-mail that
  comes in, an address field or a draft being written is no such ask;
* a summary of the file that started the workflow (a Drive/OneDrive upload, a mail's PDF
  attachment) reads the file's text first: Extract From File right before the AI step that
  writes the summary, after the storage app's download (``with_file_read``);
* "NOT a raw data dump" asks for a summary: a negated "raw" is no ask for the data as it is
  (``asks_as_is``).

Each request runs the whole offline chain (intent -> spec -> generator); every workflow must
pass the strict validator.
"""

from __future__ import annotations

import pytest
from generalise_support import BASE, LC, Outcome, run

from engine.offline.summary import asks_as_is, asks_to_mail
from eval.summary_check import raw_dump_nodes

GMAIL = BASE + "gmail"
EXTRACT = BASE + "extractFromFile"
MAIL_APPS = {GMAIL, BASE + "emailSend", BASE + "microsoftOutlook"}
WRITERS = {LC + t for t in ("agent", "chainLlm", "chainSummarization")}

MAIL_ASKED = [
    (
        "When a Calendly invitee cancels, remove them from our Airtable bookings table and "
        "then email the host a short note"
    ),
    (
        "Every Friday fetch open Linear issues, and email the engineering manager a list of "
        "what is still open"
    ),
    (
        "webhook receives an order from our shop; save it in Postgres and send the customer an "
        "order confirmation email"
    ),
    "New row in the 'Applicants' Google Sheet -> send the applicant an acknowledgement email",
    (
        "When a HubSpot deal is lost, create a follow-up task in Asana and shoot the account "
        "owner an email about it"
    ),
    "If the nightly backup script's HTTP check fails, drop me an email",
    (
        "every hour check our API health endpoint; when it's not 200, email on-call with the "
        "status code"
    ),
    "A form for vacation requests: store it in Notion, then email HR the details",
    "Every Monday at 8 pull our Mailchimp campaign stats and mail them to marketing@ourco.com",
    "When a Shopify order is refunded, add a row to the refunds sheet and email the finance team",
    "on a new Typeform response, create a Trello card and send a thank-you email to the respondent",
    "when a new GitHub release is published, tweet about it and e-mail the subscribers a heads-up",
]

NO_MAIL_ASKED = [
    "When I get an email from my boss, ping me on Slack",
    "Add the email address from each form submission to our Mailchimp list",
    "store the sender's email and subject of each new message in Airtable",
    "When a contact's email bounces in Mailchimp, mark them inactive in HubSpot",
    "Every day export new HubSpot contacts (name, email, company) to a Google Sheet",
    (
        "Have GPT write an email draft for each new lead in the sheet and save the draft back "
        "in the sheet"
    ),
]

#: (request, the file store's node type or None for a mail attachment)
FILE_SUMMARIES = [
    (
        "When an email with a PDF attachment arrives in Gmail, extract the text from the PDF, "
        "summarise it with AI and post the summary in #finance on Slack",
        None,
    ),
    (
        "When a new PDF lands in my Google Drive folder 'Invoices', summarise it with GPT and "
        "send it on telegram",
        BASE + "googleDrive",
    ),
    (
        "New file in the OneDrive 'Board papers' folder: have Claude write a one-paragraph "
        "summary and email it to the chair",
        BASE + "microsoftOneDrive",
    ),
    (
        "When a resume is added to the Google Drive 'Hiring' folder, summarise the candidate "
        "with Gemini and post it to Microsoft Teams",
        BASE + "googleDrive",
    ),
]


def _main_order(outcome: Outcome) -> list[str]:
    """Node types along the main connections from the trigger (first output each time)."""
    wf = outcome.workflow or {}
    by_name = {n["name"]: n["type"] for n in wf.get("nodes", [])}
    start = next(n["name"] for n in wf["nodes"] if n["type"] in outcome.triggers)
    order, seen = [by_name[start]], {start}
    current = start
    while True:
        outs = wf.get("connections", {}).get(current, {}).get("main", [])
        nxt = next((t["node"] for slot in outs for t in slot if t["node"] not in seen), None)
        if nxt is None:
            return order
        order.append(by_name[nxt])
        seen.add(nxt)
        current = nxt


@pytest.mark.parametrize("text", MAIL_ASKED)
def test_an_email_asked_for_is_sent(text: str) -> None:
    outcome = run(text)
    assert outcome.intent == "workflow_request"
    assert MAIL_APPS & set(outcome.types), outcome.types
    assert not outcome.strict_errors()


@pytest.mark.parametrize("text", NO_MAIL_ASKED)
def test_mail_that_comes_in_or_an_address_is_no_email_to_send(text: str) -> None:
    assert not asks_to_mail(text)
    outcome = run(text)
    assert GMAIL not in outcome.types, outcome.types


@pytest.mark.parametrize(("text", "store"), FILE_SUMMARIES)
def test_a_summary_of_the_triggering_file_reads_its_text_first(
    text: str, store: str | None
) -> None:
    outcome = run(text)
    order = _main_order(outcome)
    assert EXTRACT in order, order
    writer = next(i for i, t in enumerate(order) if t in WRITERS)
    assert order.index(EXTRACT) == writer - 1, order
    if store is not None:
        assert order[1] == store, order  # downloaded before it is read
    assert not outcome.strict_errors()


def test_a_mail_attachment_is_read_from_the_first_attachment() -> None:
    outcome = run(FILE_SUMMARIES[0][0])
    extract = next(n for n in outcome.workflow["nodes"] if n["type"] == EXTRACT)
    assert extract["parameters"]["operation"] == "pdf"
    assert extract["parameters"]["binaryPropertyName"] == "attachment_0"


def test_a_negated_raw_dump_still_asks_for_a_summary() -> None:
    text = (
        "Every Monday at 7 pull last week's Stripe charges, write a short exec summary (NOT a "
        "raw data dump please) and send it to the board through Gmail."
    )
    assert not asks_as_is(text)
    assert asks_as_is("forward the raw JSON to Slack")
    assert asks_as_is("send it as-is, no summary")
    outcome = run(text)
    assert not raw_dump_nodes(outcome.workflow), raw_dump_nodes(outcome.workflow)


#: (first request, change, the tool the change gives the agent): a change that gives a talking
#: agent an ability names its tool, not a step after it.
ABILITY_CHANGES = [
    (
        "a chat assistant on Claude that remembers the conversation",
        "hook it up to our Notion so it can look up the team wiki",
        BASE + "notionTool",
    ),
    (
        "chat bot with OpenAI and memory that helps me with my to-dos",
        "give the bot access to my Todoist so it can add tasks",
        BASE + "todoistTool",
    ),
    (
        "an AI agent in a chat that answers questions about our shop, gpt-4o",
        "connect it to Shopify so the agent can check order status",
        BASE + "shopifyTool",
    ),
]


@pytest.mark.parametrize(("first", "change", "tool"), ABILITY_CHANGES)
def test_a_change_that_gives_the_agent_an_ability_adds_its_tool(
    first: str, change: str, tool: str
) -> None:
    from engine.providers.offline import OfflineGenerator
    from engine.spec import build_spec
    from engine.types import IntentResult
    from engine.validation.validator import validate_workflow

    gen = OfflineGenerator()
    before = gen.generate(build_spec(first, IntentResult("workflow_request", 1.0)), [])
    spec = build_spec(change, IntentResult("workflow_modification", 1.0))
    after = gen.generate(spec, [], previous=before)
    assert validate_workflow(after, profile="strict").valid
    by_name = {n["name"]: n["type"] for n in after["nodes"]}
    tools = {
        by_name[src]
        for src, outs in after["connections"].items()
        for slot in outs.get("ai_tool", [])
        for _edge in slot
    }
    assert tool in tools, sorted(by_name.values())
    assert tool.removesuffix("Tool") not in by_name.values()


@pytest.mark.parametrize(
    "text",
    [
        "At the end of every month email finance a summary of the month's Stripe payments",
        "Each night, summarise today's new Airtable records and mail the summary to ops@acme.io",
    ],
)
def test_a_summary_e_mailed_to_someone_is_written_and_mailed(text: str) -> None:
    outcome = run(text)
    assert MAIL_APPS & set(outcome.types), outcome.types
    order = _main_order(outcome)
    assert order[-1] in MAIL_APPS, order
    assert order[-2] in WRITERS | {BASE + "code"}, order
    assert not raw_dump_nodes(outcome.workflow), raw_dump_nodes(outcome.workflow)
    assert not outcome.strict_errors()


@pytest.mark.parametrize(
    "text",
    [
        (
            "Every Friday write a summary of the week's new Airtable records and save it as a "
            "Notion page"
        ),
        "Each month produce a digest of last month's Postgres signups and store it as a Google Doc",
    ],
)
def test_a_summary_saved_as_a_page_is_written_before_the_page(text: str) -> None:
    outcome = run(text)
    order = _main_order(outcome)
    assert order[-2] in WRITERS | {BASE + "code"}, order
    assert not outcome.strict_errors()


#: (bot request, the app it lives on, what comes right before its reply)
BOT_REPLIES = [
    (
        "Discord bot for our server: Discord calls my n8n webhook with the question, Claude "
        "answers and the bot posts the reply back to the channel",
        BASE + "discord",
        LC + "agent",
    ),
    (
        "Slack bot that replies in the thread with today's weather from OpenWeatherMap when "
        "someone @mentions it",
        BASE + "slack",
        BASE + "openWeatherMap",
    ),
    (
        "Microsoft Teams bot: when it's mentioned in a channel, reply there with an answer "
        "from Mistral",
        BASE + "microsoftTeams",
        LC + "agent",
    ),
]


@pytest.mark.parametrize(("text", "app", "before"), BOT_REPLIES)
def test_a_bot_replies_with_what_it_made(text: str, app: str, before: str) -> None:
    from engine.offline.summary import delivers
    from engine.types import StepSpec

    outcome = run(text)
    order = _main_order(outcome)
    assert order[-2:] == [before, app], order
    params = next(n for n in outcome.workflow["nodes"] if n["type"] == app)["parameters"]
    sent = StepSpec(app, resource=params.get("resource"), operation=params.get("operation"))
    assert delivers(sent), params  # a message sent, not a thread read
    assert not outcome.strict_errors()


#: Our own cases kept aside while the rules above were written (2 of 9 passed before them, 8
#: at the first check; "email purchasing" and "email the summary to me" were then read too).
KEPT_ASIDE_MAIL = [
    (
        "Whenever a Jotform submission comes in, add it to Salesforce as a lead and send the "
        "person a welcome e-mail"
    ),
    (
        "Daily at noon check the stock levels in our MySQL table and email purchasing when "
        "anything is below 10"
    ),
    "When a Trello card is moved to Done, e-mail the client that their task is finished",
    (
        "Incoming IMAP mail with an attached PDF: summarise the PDF using Claude and email the "
        "summary to me"
    ),
]


@pytest.mark.parametrize("text", KEPT_ASIDE_MAIL)
def test_kept_aside_mail_asks_are_sent(text: str) -> None:
    outcome = run(text)
    assert MAIL_APPS & set(outcome.types), outcome.types
    assert not outcome.strict_errors()


def test_the_agents_mail_tool_sends_the_summary_no_mail_step_is_added() -> None:
    outcome = run(
        "Every morning at 7 shop summary: AI agent on OpenAI with Supabase tools to read "
        "orders, clients and products, and a Gmail tool to email the summary."
    )
    assert BASE + "gmailTool" in outcome.types
    assert GMAIL not in outcome.types, outcome.types
