"""Triggers and intent on wording nobody tuned for (issue #17 Part 2, session 10): our own
requests, written per family before they were run, in styles the readable sets use little - a
question that is an order, an event said as a fragment ("New YouTube video on our channel?"),
wishes ("could our team get ..."), self-corrections ("Dropbox... no sorry, google drive"),
error workflows named as a thing ("n8n error handler that ..."), people talking to a chat app
without the word "bot", new records of an app n8n has no trigger for. Next to each family are
requests that must NOT change (questions about n8n, account talk, an error inside a step)."""

from __future__ import annotations

import pytest
from generalise_support import BASE, LC, run

from engine.intent.classifier import classify
from engine.intent.entities import without_taken_back
from engine.intent.schedule import parse_schedule


def _starts_with(request: str, *expected: str) -> None:
    out = run(request)
    assert out.intent == "workflow_request", (out.intent, request)
    assert not out.strict_errors(), out.strict_errors()
    assert out.triggers == {t if "." in t else BASE + t for t in expected}, (out.triggers, request)


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


# ------------------------------------------------------------ which event the trigger waits for


def _trigger_parameters(request: str) -> dict:
    out = run(request)
    assert not out.strict_errors(), out.strict_errors()
    nodes = [n for n in (out.workflow or {}).get("nodes", []) if n["type"] in out.triggers]
    assert len(nodes) == 1, out.triggers
    return {"type": nodes[0]["type"].split(".")[-1], **nodes[0].get("parameters", {})}


@pytest.mark.parametrize(
    ("request_text", "updates"),
    [
        ("Telegram bot for our channel that answers questions people post, using Claude",
         ["message"]),
        ("a telegram bot that replies to messages in our group with a joke", ["message"]),
        # posts published in a channel are the channel's posts
        ("When a new post is published in our Telegram channel, cross-post it to Discord",
         ["channel_post"]),
    ],
)  # fmt: skip
def test_a_bot_people_talk_to_waits_for_messages(request_text: str, updates: list) -> None:
    assert _trigger_parameters(request_text)["updates"] == updates


@pytest.mark.parametrize(
    ("request_text", "scope", "event"),
    [
        ("When a file is added to Google Drive, send its name to Slack", "specificFolder",
         "fileCreated"),
        ("new file in google drive -> summarize with openai -> email", "specificFolder",
         "fileCreated"),
        ("When a file is updated in Google Drive, notify me in Slack", "specificFolder",
         "fileUpdated"),
        ("when a new folder is created in google drive, create a matching trello list",
         "specificFolder", "folderCreated"),
        # (its one event, "File Updated", is the default)
        ("whenever a specific Google Drive file is updated create a task in Onfleet",
         "specificFile", None),
    ],
)  # fmt: skip
def test_drive_watches_what_has_the_event_without_a_folder_named(
    request_text: str, scope: str, event: str
) -> None:
    params = _trigger_parameters(request_text)
    assert (params["triggerOn"], params.get("event")) == (scope, event), params


@pytest.mark.parametrize(
    ("request_text", "trigger", "event"),
    [
        ("after a Netlify deploy succeeds, post the deploy URL to #qa on slack", "netlifyTrigger",
         "deployCreated"),
        ("when a netlify build fails, open a github issue with the log", "netlifyTrigger",
         "deployFailed"),
        ("when a new order is cancelled in WooCommerce, refund via stripe", "wooCommerceTrigger",
         "order.deleted"),
        ("when a new order comes in on WooCommerce, post it to slack", "wooCommerceTrigger",
         "order.created"),
    ],
)  # fmt: skip
def test_the_event_is_what_happens_not_the_adjective(
    request_text: str, trigger: str, event: str
) -> None:
    params = _trigger_parameters(request_text)
    assert (params["type"], params.get("event")) == (trigger, event), params


def test_thehive_events_come_from_the_current_edition() -> None:
    params = _trigger_parameters(
        "theHive: when a new case is created, notify the SOC channel in Mattermost"
    )
    assert params["type"] == "theHiveProjectTrigger" and params["events"] == ["case_create"]


# ------------------------------------------------------------------ a run by hand as well, a drive


@pytest.mark.parametrize(
    ("request_text", "triggers"),
    [
        ("on the 1st of every month generate invoices in quickbooks; I also want to trigger it "
         "by hand", ("scheduleTrigger", "manualTrigger")),
        ("Nightly sync of Shopify products into Airtable \u2014 run it by hand too when needed",
         ("scheduleTrigger", "manualTrigger")),
        ("every morning run the report and I will check it by hand afterwards",
         ("scheduleTrigger",)),
        ("every day at 9 send a slack reminder; no manual trigger needed", ("scheduleTrigger",)),
        ("whenever someone drops a contract into our drive, have claude summarise it and post to "
         "slack", ("googleDriveTrigger",)),
        ("Whenever someone uploads a PDF to our shared drive, extract the text with AI and save "
         "it in Notion", ("googleDriveTrigger",)),
        ("every monday copy the reports from our shared drive folder to dropbox",
         ("scheduleTrigger",)),
    ],
)  # fmt: skip
def test_starts_said_in_passing(request_text: str, triggers: tuple[str, ...]) -> None:
    _starts_with(request_text, *triggers)


# ------------------------------------------------------------------ a clock time standing alone


@pytest.mark.parametrize(
    "request_text",
    [
        "Numbers only please: 7am send the count of yesterday's Stripe charges to #finance.",
        "Post the open Zendesk ticket count to Teams. Short message, 16:30.",
        "Daily digest for the CEO \u2014 6:45pm \u2014 top 5 HubSpot deals by amount, by email.",
        "First Monday of the month, 9:00: email the team the list of expiring contracts from "
        "Airtable.",
        "last friday of every month \u2014 export the Harvest timesheets to a google sheet",
        "Moderate the Discourse posts automatically? No \u2014 just fetch the flagged ones at 8 "
        "each day and email them to me.",
    ],
)
def test_a_clock_time_said_alone_is_a_schedule(request_text: str) -> None:
    _starts_with(request_text, "scheduleTrigger")


@pytest.mark.parametrize(
    "request_text",
    [
        "create a google calendar event tomorrow for the standup and invite the team",
        "read the rows of the sheet and create a Zoom meeting for each one at the time in the "
        "'start' column (e.g. 14:00)",
    ],
)
def test_a_time_that_is_content_is_no_schedule(request_text: str) -> None:
    _starts_with(request_text, "manualTrigger")


# ------------------------------------------------------------------ which start, said otherwise


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        ("Support is support@acme.io on Gmail. Each customer email: detect the language, "
         "translate to English and create a Zendesk ticket.", "gmailTrigger"),
        ("Every supplier email that hits our Outlook inbox should get its PDF saved to "
         "SharePoint.", "microsoftOutlookTrigger"),
        ("for each email in the 'Leads' sheet, send a personalised intro via gmail",
         "manualTrigger"),
        # a trigger node the asker says does not work for them is not used
        ("Shopify notifications go to our n8n webhook; the Shopify trigger node is flaky for us. "
         "For each order webhook, add a row to Airtable.", "webhook"),
        ("Please use the Webhook node (the Typeform trigger doesn't work on our plan): save each "
         "response to Notion.", "webhook"),
        ("Use the Typeform trigger: each new response goes into a Notion database.",
         "typeformTrigger"),
        # "trigger" as a verb after an app names no trigger node
        ("When the n8n form is submitted, update the Netlify site and trigger a deploy, then tell "
         "#web on slack.", "formTrigger"),
        ("on every push to main in GitHub, trigger the Jenkins job via HTTP and post the result "
         "to slack", "githubTrigger"),
        # a chat on the website
        ("An assistant that handles our website chat with GPT and books demos in Calendly.",
         LC + "chatTrigger"),
        ("no need for a website chat widget, customers just text our Twilio number and the AI "
         "answers", "twilioTrigger"),
        # n8n's own events
        ("Audit trail: each time a workflow gets published on our instance, post the workflow "
         "name to #ops in Slack.", "n8nTrigger"),
        ("when our n8n instance restarts, send me a telegram message", "n8nTrigger"),
        ("when a workflow run fails in GitHub Actions, post to slack", "githubTrigger"),
        ("whenever a workflow fails, email me the error", "errorTrigger"),
    ],
)  # fmt: skip
def test_the_start_is_read_from_what_the_request_says_of_it(
    request_text: str, trigger: str
) -> None:
    _starts_with(request_text, trigger)


# ---------------------------------------------------------- a call coming in, a person's change


@pytest.mark.parametrize(
    ("request_text", "triggers"),
    [
        # a webhook said without the word
        ("Our ERP posts JSON to an n8n URL whenever stock changes. Update the Shopify inventory.",
         ("webhook",)),
        ("Endpoint for our mobile app: receive a signup, create the user in Supabase, respond "
         "with the id", ("webhook",)),
        ("The Zapier zap we're replacing had a catch hook; same here: take the POST, send it to "
         "Slack", ("webhook",)),
        ("HTTP POST from our IoT sensors (temperature) - if above 30 store it in InfluxDB and "
         "alert on telegram", ("webhook",)),
        ("n8n form for staff or a POST from the kiosk app \u2014 either one creates a ticket in "
         "Freshdesk", ("formTrigger", "webhook")),
        # an endpoint the workflow calls is a step
        ("call the weather API endpoint for Berlin and save the result to a google sheet",
         ("manualTrigger",)),
        ("Nightly: push the day's orders to our ERP endpoint and log the response in Airtable",
         ("scheduleTrigger",)),
        # a person changes a record in an app
        ("Leave requests sheet (Google Sheets): when HR sets the Status column to 'approved', "
         "email the employee.", ("googleSheetsTrigger",)),
        ("as tasks get checked off in asana, move the matching trello card to Done",
         ("asanaTrigger",)),
        ("HubSpot. Sales rep drags a deal into 'Closed Won'. We need a Slack shout-out in #wins.",
         ("hubspotTrigger",)),
        ("Salesforce reps convert a lead \u2014 at that moment, create the customer in Stripe.",
         ("salesforceTrigger",)),
        ("In Notion when I change a task's status to Done, add an entry to my Toggl",
         ("notionTrigger",)),
        ("The agent marks the Zendesk ticket as solved; then a satisfaction survey mail goes out "
         "via Mailchimp.", ("zendeskTrigger",)),
        # an order that moves a record is no event
        ("When a Typeform is submitted, move the matching Trello card to 'Contacted'",
         ("typeformTrigger",)),
    ],
)  # fmt: skip
def test_starts_said_by_what_comes_in_or_who_changes_what(
    request_text: str, triggers: tuple[str, ...]
) -> None:
    _starts_with(request_text, *triggers)


# ------------------------------------------------------------------ terse and spelled-out wording


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        ("TG bot: user sends voice msg -> whisper -> gpt answer -> reply voice w/ elevenlabs",
         "telegramTrigger"),
        ("HS deal -> closed won => create QBO invoice", "hubspotTrigger"),
        ("POST /api/leads from landing page \u2192 dedupe in hubspot \u2192 slack #leads",
         "webhook"),
        ("expose GET /status that returns the count of open tickets in Zendesk", "webhook"),
        # a path the workflow calls is a step
        ("Nightly at 2am run the export by calling POST /export on our API; if it errors, "
         "retry once", "scheduleTrigger"),
        ("send a POST request to /v1/orders on our API with the rows of the sheet",
         "manualTrigger"),
        ("Each working day at half past eight, the bot must post the sales of yesterday from "
         "shopify in slack channel #sales", "scheduleTrigger"),
    ],
)  # fmt: skip
def test_short_names_and_times_in_words(request_text: str, trigger: str) -> None:
    _starts_with(request_text, trigger)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("Each working day at half past eight, post",
         {"interval": "days", "weekdays_only": True, "hour": 8, "minute": 30}),
        ("every day at quarter to nine", {"interval": "days", "hour": 8, "minute": 45}),
        ("daily at seven in the evening", {"interval": "days", "hour": 19, "minute": 0}),
        ("first working day of the month at 9am",
         {"interval": "months", "day_of_month": 1, "hour": 9, "minute": 0}),
        ("Second Tuesday of the month, 10:00 \u2014 create",
         {"interval": "weeks", "weekday": 2, "hour": 10, "minute": 0}),
        ("Plain list, 18:00.", {"interval": "days", "hour": 18, "minute": 0}),
    ],
)  # fmt: skip
def test_times_said_in_words_or_alone(phrase: str, expected: dict) -> None:
    found = parse_schedule(phrase)
    assert found is not None and found[0] == expected, found
