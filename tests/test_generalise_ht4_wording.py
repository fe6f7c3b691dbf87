"""Triggers and intent on wording nobody tuned for (issue #17 Part 2, session 10): our own
requests, written per family before they were run, in styles the readable sets use little - a
question that is an order, an event said as a fragment ("New YouTube video on our channel?"),
wishes ("could our team get ..."), self-corrections ("Dropbox... no sorry, google drive"),
error workflows named as a thing ("n8n error handler that ..."), people talking to a chat app
without the word "bot", new records of an app n8n has no trigger for. Next to each family are
requests that must NOT change (questions about n8n, account talk, an error inside a step)."""

from __future__ import annotations

import pytest
from generalise_support import BASE, run

from engine.intent import classify
from engine.intent.entities import without_taken_back


def _starts_with(request: str, *expected: str) -> None:
    out = run(request)
    assert out.intent == "workflow_request", (out.intent, request)
    assert not out.strict_errors(), out.strict_errors()
    assert out.triggers == {BASE + t for t in expected}, (out.triggers, request)


# ------------------------------------------------------------------ an order asked as a question


@pytest.mark.parametrize(
    "turn",
    [
        # an event said as a fragment before the question mark, then the order
        "New YouTube video on our channel? Have GPT write a LinkedIn post about it and publish it.",
        "Fresh lead in pipedrive? Put it in our mailchimp audience and tell the rep.",
        "Another invoice paid in Xero? log it in the finance google sheet.",
        "Got a new row in the Postgres signups table? Send the person a welcome mail via SendGrid.",
        # a wish for something delivered, with an app and a start
        "is there a way to get the weather for Berlin on Telegram each morning at 7?",
        "Could our team get a Slack digest of open PRs at 9 every weekday?",
        "Would love a daily email at 6pm with today's Stripe revenue - possible?",
        "Can I have the Jira board status sent to Teams at the end of each sprint day?",
        "how about every sunday evening a summary of my week's todoist tasks by email?",
        "What would it take to get our MRR from Stripe into a google sheet every night?",
        "how about a flow that posts each new WordPress article to our facebook page?",
        "would it be possible to get a telegram message whenever our website goes down?",
        "Is there any way our sales team could get a WhatsApp message when a Calendly meeting "
        "is booked?",
        # a verb acting on an app's records opens the turn
        "tag new Intercom users who signed up from the pricing page as 'pricing-lead'",
        "assign new zendesk tickets from VIP customers to Maria",
        "tag each Trello card created by the client as 'external'",
        # a condition after a heading's dash
        "Ticket FIN-22: AC1 \u2014 whenever an issue in project FIN transitions to 'Approved', "
        "create a bill in QuickBooks",
    ],
)  # fmt: skip
def test_orders_asked_as_questions_or_wishes_are_requests(turn: str) -> None:
    assert classify(turn).intent == "workflow_request", turn


@pytest.mark.parametrize(
    ("turn", "intent"),
    [
        ("is there a way to see the execution history of my Slack workflow in n8n?", "question"),
        ("Can I have two triggers in one n8n workflow, like a webhook and a schedule?",
         "question"),
        ("Slack or Microsoft Teams? Which one does the n8n AI agent support better for tool "
         "calling?", "question"),
        ("Gmail trigger vs IMAP trigger? tell me the difference please", "question"),
        ("Does the Shopify trigger fire on draft orders? Let me know", "question"),
        ("how about the Airtable trigger, does it poll or use webhooks?", "question"),
        ("how do I run a workflow every day at 8 in n8n?", "question"),
        ("Does the cron node support seconds?", "question"),
        ("delete my account and all my workflows please", "general_conversation"),
        ("update my billing card, the old one expired", "general_conversation"),
        ("any chance you could give me a discount on the pro plan?", "general_conversation"),
        ("is there a way to get a refund for last month? I was charged twice",
         "general_conversation"),
        ("would love some feedback on my landing page copy - possible?", "general_conversation"),
        ("I wake up at 7 every morning, any tips for a better routine?", "general_conversation"),
        ("write me a tweet announcing our new pricing page", "general_conversation"),
    ],
)  # fmt: skip
def test_questions_and_account_talk_of_the_same_shape_stay(turn: str, intent: str) -> None:
    assert classify(turn).intent == intent, turn


# ------------------------------------------------------------------ error workflows


@pytest.mark.parametrize(
    "request_text",
    [
        "n8n error handler that asks openai to explain the failed node's error and emails the "
        "explanation to me",
        "An error workflow which posts failed executions to #n8n-alerts in Slack.",
        "When any of my workflows fails, can you send me a Telegram message with the error?",
        "Error notifications: whenever something breaks in production, email devops@corp.com.",
        "failed executions -> discord webhook with the stack trace",
        "my workflows fail silently at night; I want an alert on Pushover when that happens",
        "So n8n has this error trigger thing right? use it to ping me on slack when stuff breaks",
        "workflow failure alerting via PagerDuty incident, include workflow id and last node "
        "executed",
        "Error handling workflow: summarise the error with Claude and post it in #eng.",
        "Something that watches all my other workflows and tells me in Mattermost if one of them "
        "errors out",
        "error handler for the whole instance: on failure, create a Jira bug",
        "On workflow error \u2192 Slack",
        "catch-all for failed runs: post them to Teams",
    ],
)  # fmt: skip
def test_an_error_workflow_named_as_a_thing_starts_from_the_error_trigger(
    request_text: str,
) -> None:
    _starts_with(request_text, "errorTrigger")


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        ("Every night pull the orders from WooCommerce; if the WooCommerce call fails, stop the "
         "workflow with an error and email me", "scheduleTrigger"),
        ("When our form posts to the webhook, create the contact in HubSpot. If that fails, "
         "respond with an error message to the caller.", "webhook"),
        ("hourly: check the status page API and send a slack alert if the response contains "
         "\"error\"", "scheduleTrigger"),
        ("form submit -> create jira ticket. on failure retry twice and then email the error to "
         "me", "formTrigger"),
        ("when a stripe payment fails, email the customer", "stripeTrigger"),
        ("if a GitHub check run fails on main, create a Linear bug", "githubTrigger"),
        ("when a mailjet email bounces, mark the contact as invalid in hubspot", "mailjetTrigger"),
    ],
)  # fmt: skip
def test_an_error_inside_a_step_or_an_app_event_is_no_error_workflow(
    request_text: str, trigger: str
) -> None:
    _starts_with(request_text, trigger)


@pytest.mark.parametrize(
    "turn",
    [
        "my error workflow doesn't fire when the Slack node fails, why?",
        "The error trigger never runs for my webhook workflow. What am I missing?",
        "does an error workflow catch failures in sub-workflows too?",
        "How do I set up an error workflow in n8n?",
    ],
)
def test_questions_about_error_workflows_stay_questions(turn: str) -> None:
    assert classify(turn).intent == "question", turn


# ------------------------------------------------------------------ people talking to a chat app


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        ("My grandma keeps asking me recipes. Telegram thing where she types an ingredient and "
         "gets a recipe idea back from Gemini?", "telegramTrigger"),
        ('In MS Teams our engineers should be able to ask "who is on call?" and get the answer '
         "from PagerDuty.", "microsoftTeamsTrigger"),
        ("Telegram: /price <ticker> should reply with the current price from the CoinGecko API",
         "telegramTrigger"),
        ("Our devs want to type '/deploy staging' in slack and have n8n trigger the GitHub action",
         "slackTrigger"),
    ],
)  # fmt: skip
def test_people_writing_to_a_chat_app_start_from_its_trigger(
    request_text: str, trigger: str
) -> None:
    _starts_with(request_text, trigger)


# ------------------------------------------------------------------ self-corrections


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        ("When a file is added to Dropbox... no sorry, google drive, send its link to #design",
         "googleDriveTrigger"),
        ("new record in Notion - sorry, I mean Airtable - should go to a Slack message",
         "airtableTrigger"),
        ("a whatsapp bot, no wait, telegram, that answers questions about our menu with gpt",
         "telegramTrigger"),
        # "no" that is no correction
        ("when a new contact is added in hubspot, add them to mailchimp and no, don't send any "
         "email", "hubspotTrigger"),
        ("when an email arrives in Gmail, no attachments needed, just forward the text to "
         "telegram", "gmailTrigger"),
    ],
)  # fmt: skip
def test_an_app_taken_back_is_not_used(request_text: str, trigger: str) -> None:
    _starts_with(request_text, trigger)


def test_the_app_taken_back_leaves_no_step_and_no_wait() -> None:
    out = run("Daily 8am: fetch the Stripe balance and post it to Slack (no, actually Teams)")
    kinds = {t.split(".")[-1] for t in out.types}
    assert "microsoftTeams" in kinds and "slack" not in kinds, kinds
    out = run("a whatsapp bot, no wait, telegram, that answers questions about our menu with gpt")
    kinds = {t.split(".")[-1] for t in out.types}
    assert not kinds & {"wait", "whatsApp", "whatsAppTrigger"}, kinds


def test_taking_back_keeps_every_position() -> None:
    text = "When a file is added to Dropbox... no sorry, google drive, send its link"
    read = without_taken_back(text)
    assert len(read) == len(text) and "Dropbox" not in read and "google drive" in read
    assert without_taken_back("send it to Slack, no email needed") == (
        "send it to Slack, no email needed"
    )


# ------------------------------------------------------------------ new records of an app


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        # no trigger node for the app: a Schedule Trigger polls it
        ("New YouTube video on our channel? Have GPT write a LinkedIn post about it and publish "
         "it.", "scheduleTrigger"),
        ("tag new Intercom users who signed up from the pricing page as 'pricing-lead'",
         "scheduleTrigger"),
        ("new rows in our Supabase 'orders' table should be mirrored to a google sheet",
         "scheduleTrigger"),
        ("each new Intercom conversation should be copied to a Notion database",
         "scheduleTrigger"),
        ("When a new contact is created in Zoho CRM, add them to our Mailchimp audience.",
         "scheduleTrigger"),
        # a "new" thing the workflow makes is no event
        ("post a new message in Slack with the weather every morning at 7", "scheduleTrigger"),
        ("When a Typeform is submitted create a new row in Airtable", "typeformTrigger"),
    ],
)  # fmt: skip
def test_new_records_of_an_app_start_the_workflow(request_text: str, trigger: str) -> None:
    _starts_with(request_text, trigger)
