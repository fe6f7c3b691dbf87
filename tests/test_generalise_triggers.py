"""How a workflow starts, on requests written for the Part 2 trigger families of issue #17 (our
own phrasings; none is a benchmark case). Each request goes through the whole offline engine and
the test reads the trigger nodes of the workflow it builds, which must also pass the strict
validator."""

from __future__ import annotations

import pytest
from generalise_support import BASE, LC, run


def _starts_with(request: str, *expected: str) -> None:
    out = run(request)
    assert out.intent == "workflow_request", out.intent
    assert not out.strict_errors(), out.strict_errors()
    assert out.triggers == set(expected), (out.triggers, request)


# ------------------------------------------------------------------ a bot on a messaging app


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        ("Build a WhatsApp assistant that answers customer questions about our opening hours "
         "using GPT-4o.", BASE + "whatsAppTrigger"),
        ("I need a support bot for my Telegram channel that replies to people with answers from "
         "our FAQ.", BASE + "telegramTrigger"),
        ("Make a Slack assistant that answers HR policy questions when employees message it.",
         BASE + "slackTrigger"),
        ("Set up an AI helper on WhatsApp: customers text it and it replies with the order status "
         "from Shopify.", BASE + "whatsAppTrigger"),
        ("A Telegram assistant which transcribes voice notes people send it and answers with a "
         "summary.", BASE + "telegramTrigger"),
        ("Build me an AI agent for Telegram that users can ask about the weather; use Claude.",
         BASE + "telegramTrigger"),
        ("Our customers message us on WhatsApp; have an AI answer them automatically in Spanish.",
         BASE + "whatsAppTrigger"),
        ("use gemini to reply to incoming telegram messages with a short haiku",
         BASE + "telegramTrigger"),
        ("an SMS auto-responder on Twilio that answers questions about store hours",
         BASE + "twilioTrigger"),
    ],
)  # fmt: skip
def test_a_bot_on_a_messaging_app_starts_from_that_apps_trigger(
    request_text: str, trigger: str
) -> None:
    _starts_with(request_text, trigger)


def test_the_bot_answers_back_through_its_app() -> None:
    out = run("Build me an AI agent for Telegram that users can ask about the weather; use Claude.")
    assert BASE + "telegram" in out.types and LC + "agent" in out.types


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        # the app is where the result goes, not where people talk to a bot
        ("Every morning send me a Telegram message with the weather forecast.",
         BASE + "scheduleTrigger"),
        ("A Telegram bot that sends me the top Hacker News stories every morning at 8.",
         BASE + "scheduleTrigger"),
        ("When a new row is added in Google Sheets, have an AI agent post a summary to Slack.",
         BASE + "googleSheetsTrigger"),
        ("Text me on WhatsApp when a new Stripe payment comes in.", BASE + "stripeTrigger"),
        # a bot on our own website: n8n's chat trigger
        ("Build a chatbot on our website that answers questions about pricing with OpenAI.",
         LC + "chatTrigger"),
    ],
)  # fmt: skip
def test_a_messaging_app_that_only_receives_the_result_does_not_start_it(
    request_text: str, trigger: str
) -> None:
    _starts_with(request_text, trigger)


# ------------------------------------------------------------------ schedules without "every"


@pytest.mark.parametrize(
    ("request_text", "schedule"),
    [
        ("Mornings at 6: summarize new Hacker News posts with OpenAI and post to Discord.",
         {"interval": "days", "hour": 6, "minute": 0}),
        ("Around midnight back up the Notion database to Google Sheets.",
         {"interval": "days", "hour": 0, "minute": 0}),
        ("Three times a week copy new Airtable records into Postgres.",
         {"interval": "weeks", "weekday": [1, 3, 5]}),
        ("At 9am: pull yesterday's Stripe charges into a Google Sheet.",
         {"interval": "days", "hour": 9, "minute": 0}),
        ("First thing in the morning, email me my Google Calendar agenda.",
         {"interval": "days", "hour": 8, "minute": 0}),
        ("Quarterly, send our HubSpot contacts count to Slack.",
         {"interval": "months", "every": 3}),
        ("End of day: post a summary of new Zendesk tickets to Microsoft Teams.",
         {"interval": "days", "hour": 17, "minute": 0}),
        ("In the evenings, check the RSS feed of our blog and tweet new posts.",
         {"interval": "days", "hour": 18, "minute": 0}),
        ("Overnight, sync Salesforce accounts to Postgres.",
         {"interval": "days", "hour": 2, "minute": 0}),
        ("On the hour, check our API health endpoint and alert PagerDuty if it is down.",
         {"interval": "hours"}),
        ("Once per hour pull new orders from WooCommerce into Google Sheets.",
         {"interval": "hours"}),
        ("weekdays at dawn, fetch the weather forecast via HTTP and send it to my Telegram",
         {"interval": "days", "weekdays_only": True, "hour": 6, "minute": 0}),
    ],
)  # fmt: skip
def test_a_schedule_said_without_every_starts_from_the_schedule_trigger(
    request_text: str, schedule: dict
) -> None:
    from engine.intent.schedule import parse_schedule

    _starts_with(request_text, BASE + "scheduleTrigger")
    parsed = parse_schedule(request_text)
    assert parsed is not None and parsed[0] == schedule


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        ("Once a Zendesk ticket is solved, send the requester a survey via Gmail.",
         BASE + "zendeskTrigger"),
        ("When a new row is added in Google Sheets, post it to Slack at once.",
         BASE + "googleSheetsTrigger"),
    ],
)  # fmt: skip
def test_once_as_an_event_is_not_a_frequency(request_text: str, trigger: str) -> None:
    _starts_with(request_text, trigger)


# ------------------------------------------------------------------ "error" inside a step


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        ("Look up the customer in HubSpot by email from the webhook; abort with an error when "
         "nothing is found, otherwise add them to Mailchimp.", BASE + "webhook"),
        ("Every hour call the inventory API; if the call errors, retry twice and then email me.",
         BASE + "scheduleTrigger"),
        ("If the workflow errors, retry the HTTP call and post to Slack.", BASE + "manualTrigger"),
        ("Stop and throw an error if the Airtable record has no email, else send a Gmail message. "
         "Triggered manually.", BASE + "manualTrigger"),
        ("Error handling: when the Stripe call fails, log the error to a Google Sheet. Runs every "
         "day at 6.", BASE + "scheduleTrigger"),
        ("Create a Jira ticket for every error log line posted to my webhook.", BASE + "webhook"),
        ("Daily: read the error logs from S3 and count errors per service into Postgres.",
         BASE + "scheduleTrigger"),
    ],
)  # fmt: skip
def test_an_error_inside_a_step_is_not_an_error_workflow(request_text: str, trigger: str) -> None:
    _starts_with(request_text, trigger)


@pytest.mark.parametrize(
    "request_text",
    [
        "When a workflow fails, send the error details to #alerts on Slack.",
        "Error workflow: whenever any of my workflows fails, email me the execution link via "
        "Gmail.",
        "When my scraper workflow errors out, ping me on Discord with the error message.",
        "Whenever any workflow in this instance fails, create a Linear issue with the error.",
        "Catch errors: if an execution fails anywhere, email ops@acme.com with the workflow name.",
    ],
)
def test_a_failing_workflow_starts_an_error_workflow(request_text: str) -> None:
    _starts_with(request_text, BASE + "errorTrigger")


# ------------------------------------------------------------------ an explicit webhook


@pytest.mark.parametrize(
    "request_text",
    [
        "When our CRM posts to my webhook with a new lead, add the lead to a Google Sheet and "
        "notify Slack.",
        "When HubSpot sends a new contact to our webhook, create a Pipedrive person.",
        "Whenever Shopify fires an order webhook at n8n, save the order to Airtable.",
        "When a Typeform response is POSTed to our n8n webhook URL, add it to Notion.",
        "Once Jira calls my webhook for a new issue, post it in #dev on Slack.",
        "Zendesk will hit our webhook when a ticket is solved; log it in Google Sheets.",
        "When Stripe notifies my endpoint about a failed payment, email the customer via Gmail.",
        "As soon as Calendly sends a booking to my webhook, create a Zoom meeting.",
    ],
)
def test_an_explicit_webhook_wins_over_the_app_that_calls_it(request_text: str) -> None:
    _starts_with(request_text, BASE + "webhook")


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        # the webhook is what the workflow calls, in a later clause
        ("When a HubSpot deal closes, post it to our Zapier webhook.", BASE + "hubspotTrigger"),
        ("When a new Stripe payment arrives, call our webhook with the amount.",
         BASE + "stripeTrigger"),
    ],
)  # fmt: skip
def test_a_webhook_the_workflow_calls_does_not_start_it(request_text: str, trigger: str) -> None:
    _starts_with(request_text, trigger)


# ------------------------------------------------------------------ a change of state


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        ("When an opportunity is marked won in Salesforce, create an invoice in QuickBooks.",
         BASE + "salesforceTrigger"),
        ("If a Zendesk ticket gets solved, send the customer a thank-you email through Gmail.",
         BASE + "zendeskTrigger"),
        ("For each Jira issue that moves to Done, post a note in Slack #releases.",
         BASE + "jiraTrigger"),
        ("Any time a GitHub pull request is merged, post it to Discord.", BASE + "githubTrigger"),
        ("Salesforce: when an opportunity is marked won, notify #sales in Slack.",
         BASE + "salesforceTrigger"),
        ("On a Trello card being archived, add a row to Google Sheets.", BASE + "trelloTrigger"),
        ("Once a ClickUp task is marked complete, send a Telegram message.",
         BASE + "clickUpTrigger"),
        ("Every time a Salesforce opportunity closes as won, create a QuickBooks invoice.",
         BASE + "salesforceTrigger"),
    ],
)  # fmt: skip
def test_an_app_event_said_as_a_change_of_state_starts_from_the_apps_trigger(
    request_text: str, trigger: str
) -> None:
    _starts_with(request_text, trigger)


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        # "for each" / "if" with no change of state: rows to loop over, a condition
        ("Every morning, for each row in the Google Sheet, send a Gmail reminder.",
         BASE + "scheduleTrigger"),
        ("Manually: if the Airtable record has no email, skip it, else add it to Mailchimp.",
         BASE + "manualTrigger"),
    ],
)  # fmt: skip
def test_for_each_and_if_without_a_change_of_state_are_no_events(
    request_text: str, trigger: str
) -> None:
    _starts_with(request_text, trigger)


# ------------------------------------------------------------------ what comes in, said otherwise


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        # every message on a messaging app
        ("Log every message in our Slack #support channel to a Google Sheet.",
         BASE + "slackTrigger"),
        ("Forward each new WhatsApp message to our Zendesk as a ticket.",
         BASE + "whatsAppTrigger"),
        ("Translate all incoming Telegram messages to English with DeepL and reply.",
         BASE + "telegramTrigger"),
        # a chat named as a thing
        ("a chat where I can ask an AI agent about our pricing, with gpt-4o", LC + "chatTrigger"),
        ("AI receptionist chat for a dental clinic: an OpenAI agent books appointments in "
         "Google Calendar.", LC + "chatTrigger"),
        # any event of an app
        ("on any change in my Airtable base, post the record to Slack", BASE + "airtableTrigger"),
        # e-mails handled as they come in
        ("forward important emails from my accountant to Telegram", BASE + "gmailTrigger"),
        ("Auto-reply to new emails in Outlook with a polite out-of-office message.",
         BASE + "microsoftOutlookTrigger"),
        # what an app gives, then an arrow
        ("gmail receipts with pdf attachments -> OpenAI reads them -> append to a google sheet",
         BASE + "gmailTrigger"),
        ("Google Sheets rows -> create HubSpot contacts.", BASE + "googleSheetsTrigger"),
    ],
)  # fmt: skip
def test_what_comes_in_starts_the_workflow(request_text: str, trigger: str) -> None:
    _starts_with(request_text, trigger)


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        ("Every morning summarize my unread emails and send the summary to Slack.",
         BASE + "scheduleTrigger"),
        ("get the new rows -> post them to Slack", BASE + "manualTrigger"),
        ("Slack slash command -> webhook -> create a ClickUp task from the text", BASE + "webhook"),
        ("Post the weekly report to the team chat every Friday.", BASE + "scheduleTrigger"),
        ("HubSpot contacts -> Mailchimp audience, daily at 7.", BASE + "scheduleTrigger"),
        ("For every row in the Google Sheet where status is closed, email the owner via Gmail.",
         BASE + "manualTrigger"),
    ],
)  # fmt: skip
def test_orders_and_explicit_starts_keep_their_trigger(request_text: str, trigger: str) -> None:
    _starts_with(request_text, trigger)


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        ("Customers text our Twilio number; an AI replies with their order status from Shopify.",
         BASE + "twilioTrigger"),
        ("My Telegram channel needs a helper bot: when members ask something, look it up in "
         "Notion and reply.", BASE + "telegramTrigger"),
        ("Slack HR buddy: answers leave-policy questions from our Confluence pages.",
         BASE + "slackTrigger"),
    ],
)  # fmt: skip
def test_people_writing_to_an_app_or_an_app_that_needs_a_bot(
    request_text: str, trigger: str
) -> None:
    _starts_with(request_text, trigger)


# ------------------------------------------------------------------ several entry points


@pytest.mark.parametrize(
    ("request_text", "starts"),
    [
        ("Run this on a form submission or every night: fetch new leads from Pipedrive and "
         "email a summary.", ["formTrigger", "scheduleTrigger"]),
        ("Two entry points: a form where people submit bug reports and a nightly schedule; both "
         "create a Jira issue.", ["formTrigger", "scheduleTrigger"]),
        ("Trigger it manually or every Monday at 9: export HubSpot deals to Google Sheets.",
         ["manualTrigger", "scheduleTrigger"]),
        ("Several times a day check our website for downtime (and give me a button to run it "
         "by hand) and alert Slack.", ["scheduleTrigger", "manualTrigger"]),
        ("Start from a webhook or a chat message; an AI agent answers using our Notion docs.",
         ["webhook", "chatTrigger"]),
        ("Every morning, or whenever I press the button, post the weather to Slack.",
         ["scheduleTrigger", "manualTrigger"]),
        # one start only
        ("When a form is submitted, add the person to Mailchimp.", ["formTrigger"]),
        ("Every night back up Notion to Google Drive.", ["scheduleTrigger"]),
    ],
)  # fmt: skip
def test_every_entry_point_the_request_names(request_text: str, starts: list[str]) -> None:
    from engine.entry_points import entry_points
    from engine.spec import build_spec

    spec = build_spec(request_text)
    got = [t.node_type.rsplit(".", 1)[-1] for t in entry_points(request_text, spec.trigger)]
    assert got == starts
    assert got[0] == spec.trigger.node_type.rsplit(".", 1)[-1]  # the primary comes first


@pytest.mark.parametrize(
    ("request_text", "starts"),
    [
        ("Run this on a form submission or every night: fetch new leads from Pipedrive and "
         "email a summary.", {"formTrigger", "scheduleTrigger"}),
        ("Trigger it manually or every Monday at 9: export HubSpot deals to Google Sheets.",
         {"manualTrigger", "scheduleTrigger"}),
        ("Either a webhook call or a daily schedule at 6 kicks this off: read the orders table "
         "in Postgres and post the count to #ops on Slack.", {"webhook", "scheduleTrigger"}),
        ("When a form is submitted, add the person to Mailchimp.", {"formTrigger"}),
    ],
)  # fmt: skip
def test_each_entry_point_is_a_trigger_feeding_the_first_step(
    request_text: str, starts: set[str]
) -> None:
    """The generator builds every start ``entry_points`` reads, each wired to the same first
    step as the primary trigger, and the workflow stays valid."""
    out = run(request_text)
    assert {t.rsplit(".", 1)[-1] for t in out.triggers} == starts
    assert out.strict_errors() == []
    nodes = {n["name"]: n["type"] for n in out.workflow["nodes"]}
    firsts = {
        name: {t["node"] for slot in conns.get("main", []) for t in slot}
        for name, conns in out.workflow["connections"].items()
        if nodes.get(name) in out.triggers
    }
    assert len(firsts) == len(starts)
    assert len({frozenset(targets) for targets in firsts.values()}) == 1


# ------------------------------------------------------------------ session 6: a wider batch
# Written before the fixes they pin (issue #17 Part 2, helper HD): other apps, other words for
# the bot, other verbs of a change of state, schedules and entry points said in other ways.


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        ("I want an AI concierge on WhatsApp for my hotel guests that answers questions about "
         "checkout times and breakfast.", BASE + "whatsAppTrigger"),
        ("Could you set up a WhatsApp chatbot for our bakery? It should take cake orders and save "
         "them to Airtable.", BASE + "whatsAppTrigger"),
        # words describing the bot between the app and the bot ("booking", "knowledge")
        ("Our clinic wants a WhatsApp booking assistant: patients write in, Claude checks Google "
         "Calendar and offers free slots.", BASE + "whatsAppTrigger"),
        ("Slack knowledge bot: answers from our Confluence docs using Gemini.",
         BASE + "slackTrigger"),
        ("whatsapp gpt bot for my gym members, answers questions about class times from a google "
         "sheet", BASE + "whatsAppTrigger"),
        ("Telegram bot for our study group: when someone sends a PDF, summarise it with OpenAI and "
         "reply with the summary.", BASE + "telegramTrigger"),
        ("Create a personal Telegram assistant that logs my expenses to Google Sheets when I "
         "message it amounts.", BASE + "telegramTrigger"),
        ("I'd like a bot in Telegram that people can ask for the status of their Shopify order.",
         BASE + "telegramTrigger"),
        # every message read, said after the app
        ("Make a Telegram group moderator: an AI agent reads each message and deletes spam.",
         BASE + "telegramTrigger"),
        ("Build an IT helpdesk bot in Slack that answers questions using our Notion wiki and "
         "Anthropic.", BASE + "slackTrigger"),
        ("We need a Slack bot which creates a Jira ticket when someone mentions it with a bug "
         "description.", BASE + "slackTrigger"),
        ("an internal slack agent that employees can DM to look up PTO balances in BambooHR",
         BASE + "slackTrigger"),
        ("A Microsoft Teams assistant that answers IT questions from our SharePoint docs with "
         "Azure OpenAI.", BASE + "microsoftTeamsTrigger"),
        ("Build a Teams bot that replies to questions in our support channel using GPT-4.",
         BASE + "microsoftTeamsTrigger"),
        # the bot "with" its app
        ("SMS bot with Twilio: customers text a tracking number and it replies with the delivery "
         "status from our API.", BASE + "twilioTrigger"),
        ("an email assistant for my Gmail inbox that drafts polite replies to customer questions "
         "with OpenAI", BASE + "gmailTrigger"),
        ("I want an Outlook assistant that reads incoming mails and files invoices into OneDrive.",
         BASE + "microsoftOutlookTrigger"),
        ("A Webex bot that answers questions about our meeting room bookings.",
         BASE + "ciscoWebexTrigger"),
    ],
)  # fmt: skip
def test_more_bots_on_messaging_apps(request_text: str, trigger: str) -> None:
    _starts_with(request_text, trigger)


@pytest.mark.parametrize(
    ("request_text", "app"),
    [
        ("Build a Discord bot that answers questions about our game's patch notes with Claude.",
         BASE + "discord"),
        ("Mattermost assistant that answers questions from our engineering handbook using GPT.",
         BASE + "mattermost"),
        ("A Google Chat bot that answers HR questions with Gemini.", BASE + "googleChat"),
        ("Zulip helper bot for our open-source community: answers install questions with "
         "OpenAI.", BASE + "zulip"),
    ],
)  # fmt: skip
def test_a_bot_on_an_app_without_a_trigger_is_called_through_a_webhook(
    request_text: str, app: str
) -> None:
    """n8n has no trigger for these apps: the app calls an n8n Webhook, and the bot answers
    through the app's node, after the AI step."""
    _starts_with(request_text, BASE + "webhook")
    out = run(request_text)
    assert out.types.index(app) > out.types.index(LC + "agent")


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        ("A Slack bot that posts the daily standup reminder every weekday at 9:30.",
         BASE + "scheduleTrigger"),
        ("Telegram bot that sends me crypto prices every hour.", BASE + "scheduleTrigger"),
        ("I want a support chatbot on my website that answers using our docs in Pinecone and "
         "OpenAI.", LC + "chatTrigger"),
        ("Notify the Discord moderators when a new Typeform report is submitted.",
         BASE + "typeformTrigger"),
        ("Send each new Gmail message from my boss to Telegram.", BASE + "gmailTrigger"),
    ],
)  # fmt: skip
def test_a_messaging_app_named_without_a_bot_keeps_its_trigger(
    request_text: str, trigger: str
) -> None:
    _starts_with(request_text, trigger)


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        ("As soon as a Salesforce lead is converted, send a welcome sequence via Mailchimp.",
         BASE + "salesforceTrigger"),
        ("Whenever a case in Salesforce gets escalated, page the on-call engineer on PagerDuty.",
         BASE + "salesforceTrigger"),
        ("When a HubSpot deal moves to closed won, create a project in Asana.",
         BASE + "hubspotTrigger"),
        # a transition names any state after it
        ("If a HubSpot contact becomes a customer, add them to our Google Sheet of clients.",
         BASE + "hubspotTrigger"),
        ("If a Jira bug gets marked as critical, open a PagerDuty incident.", BASE + "jiraTrigger"),
        ("When a ClickUp task becomes overdue, ping the assignee on Slack.",
         BASE + "clickUpTrigger"),
        ("Once a Notion database item is set to Published, share it on LinkedIn.",
         BASE + "notionTrigger"),
        # a record that fails is an event of its app, not a step's error
        ("If a Stripe payment fails, email the customer a reminder via SendGrid.",
         BASE + "stripeTrigger"),
        ("Once a Pipedrive deal is won, generate an invoice in Xero.", BASE + "pipedriveTrigger"),
        ("When a deal in Pipedrive is marked as lost, ask OpenAI to draft a follow-up email and "
         "save it to Gmail drafts.", BASE + "pipedriveTrigger"),
        ("When a Zendesk ticket is assigned to me, send me a Telegram message.",
         BASE + "zendeskTrigger"),
        ("When a Jira issue is transitioned to In Review, notify the reviewer in Slack.",
         BASE + "jiraTrigger"),
        ("When a GitHub issue is closed, add a comment in Linear.", BASE + "githubTrigger"),
        ("When a Trello card moves to the Done list, mark the matching Asana task complete.",
         BASE + "trelloTrigger"),
        ("As soon as an Asana task is completed, post a kudos message to Slack.",
         BASE + "asanaTrigger"),
        ("When a Shopify order is fulfilled, send the customer an SMS through Twilio.",
         BASE + "shopifyTrigger"),
        ("When a Stripe subscription is cancelled, remove the user from our Mailchimp list.",
         BASE + "stripeTrigger"),
        ("When a Calendly meeting is canceled, remove the event from our CRM in HubSpot and "
         "notify Slack.", BASE + "calendlyTrigger"),
        ("When a Linear issue is marked done, post a changelog line to Slack.",
         BASE + "linearTrigger"),
        # "after" a change of state
        ("After a GitLab merge request is merged, trigger a deployment via HTTP request.",
         BASE + "gitlabTrigger"),
        ("When a WooCommerce order is refunded, update the row in Google Sheets.",
         BASE + "wooCommerceTrigger"),
        ("When a Help Scout conversation is assigned, notify the agent on Slack.",
         BASE + "helpScoutTrigger"),
        # the request opens with the record changing state, no "when"
        ("Jira issue goes to Done: email the reporter via Gmail.", BASE + "jiraTrigger"),
        ("A Linear issue gets moved to In Progress: start a Toggl timer.", BASE + "linearTrigger"),
        ("Zendesk ticket marked urgent -> text the on-call person with Twilio.",
         BASE + "zendeskTrigger"),
        ("an opportunity in salesforce flips to closed-won -> create the customer in stripe",
         BASE + "salesforceTrigger"),
        # someone does something in the app
        ("When a customer cancels their Stripe subscription, send a win-back email through "
         "Mailchimp.", BASE + "stripeTrigger"),
        ("When a deal's stage changes in Pipedrive, update the matching row in Google Sheets.",
         BASE + "pipedriveTrigger"),
        ("When someone stars our GitHub repo, thank them on Discord.", BASE + "githubTrigger"),
    ],
)  # fmt: skip
def test_more_changes_of_state_start_from_the_apps_trigger(request_text: str, trigger: str) -> None:
    _starts_with(request_text, trigger)


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        # records in a given state read by a schedule or by hand: no event
        ("Every Monday, list the HubSpot deals that were closed won last week and post them to "
         "Slack.", BASE + "scheduleTrigger"),
        ("Export all Stripe invoices that are overdue to a Google Sheet.", BASE + "manualTrigger"),
        # the app opens the request but calls the webhook: the webhook starts it
        ("Zendesk will hit our webhook when a ticket is solved; log it in Google Sheets.",
         BASE + "webhook"),
        ("Manually: create a Jira issue that is assigned to me for each row of the sheet.",
         BASE + "manualTrigger"),
    ],
)  # fmt: skip
def test_states_that_are_no_events(request_text: str, trigger: str) -> None:
    _starts_with(request_text, trigger)


@pytest.mark.parametrize(
    ("request_text", "schedule"),
    [
        ("On the first of the month generate an invoice in QuickBooks for each active Stripe "
         "customer.", {"interval": "months", "day_of_month": 1}),
        ("In the small hours, back up our Postgres tables to S3.",
         {"interval": "days", "hour": 2, "minute": 0}),
        ("Nightly: export new Shopify orders to a CSV in Google Drive.",
         {"interval": "days", "hour": 2, "minute": 0}),
        ("At 7 each morning: send me the top 5 Hacker News posts on Telegram.",
         {"interval": "days", "hour": 7, "minute": 0}),
        ("Sunday evenings, send the weekly Google Analytics report to my email.",
         {"interval": "weeks", "weekday": 0, "hour": 18, "minute": 0}),
    ],
)  # fmt: skip
def test_more_schedules_without_every(request_text: str, schedule: dict) -> None:
    from engine.intent.schedule import parse_schedule

    _starts_with(request_text, BASE + "scheduleTrigger")
    parsed = parse_schedule(request_text)
    assert parsed is not None and parsed[0] == schedule


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        ("Receive orders on a webhook, look them up in Postgres, and if the lookup returns "
         "nothing stop with an error.", BASE + "webhook"),
        ("Each night pull invoices from Xero; on any error, retry three times, then post the "
         "error message to Slack.", BASE + "scheduleTrigger"),
        ("When the form is submitted create a Notion page; if Notion returns an error, email the "
         "submitter that we got it anyway.", BASE + "formTrigger"),
        ("If any of my n8n workflows crash, open a Jira ticket with the execution details.",
         BASE + "errorTrigger"),
        ("Alert me on Telegram whenever one of our workflows fails.", BASE + "errorTrigger"),
    ],
)  # fmt: skip
def test_more_errors_inside_steps_and_error_workflows(request_text: str, trigger: str) -> None:
    _starts_with(request_text, trigger)


@pytest.mark.parametrize(
    "request_text",
    [
        "Our ERP sends purchase orders to an n8n webhook; create each one as a deal in Pipedrive.",
        "Expose a webhook that Shopify hits on new orders and write the order to Google Sheets.",
        # an endpoint set up for a form elsewhere: the form calls it
        "Set up an endpoint our website's contact form posts to, and save each message to "
        "Airtable.",
        "Jotform sends submissions to my webhook URL: add them to Mailchimp.",
    ],
)
def test_more_explicit_webhooks(request_text: str) -> None:
    _starts_with(request_text, BASE + "webhook")


@pytest.mark.parametrize(
    ("request_text", "starts"),
    [
        ("Several times a day (and via a button when I want) scrape the product page and save "
         "the price to Google Sheets.", {"scheduleTrigger", "manualTrigger"}),
        ("Let me run it by hand, and also have it run daily at 6am: sync Notion tasks to Google "
         "Calendar.", {"manualTrigger", "scheduleTrigger"}),
        ("An AI agent that can be reached via chat and also via a webhook from our app, "
         "answering from our docs with OpenAI.", {"chatTrigger", "webhook"}),
        ("Accept leads from an n8n form or from a webhook call, and add them to HubSpot.",
         {"formTrigger", "webhook"}),
        ("Two triggers: a webhook for on-demand refreshes and an hourly schedule; both pull "
         "prices from the API into Airtable.", {"webhook", "scheduleTrigger"}),
    ],
)  # fmt: skip
def test_more_requests_with_several_entry_points(request_text: str, starts: set[str]) -> None:
    out = run(request_text)
    assert {t.rsplit(".", 1)[-1] for t in out.triggers} == starts
    assert out.strict_errors() == []


# ------------------------------------------------------------------ session 6: a fresh batch
# 52 more requests written after the batch above had been fixed and before they were run
# (35/52 right when first measured): "-based" bots, answering DMs sent to an app, people of an
# app who talk to it, talking through an app, "reaching"/"updated to" changes of state, an app
# heading its event ("Stripe: on refund, ..."), "if someone comments ...", error handlers for
# all workflows, an app that POSTs to n8n, "but also ... from a form".


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        ("I run a small hotel; guests message our WhatsApp Business number with questions, so "
         "let an OpenAI agent answer them.",
         BASE + "whatsAppTrigger"),
        ("Set up a Telegram-based assistant that answers questions about our return policy with "
         "Claude.",
         BASE + "telegramTrigger"),
        ("Answer DMs sent to our Slack app with Claude, using our Notion handbook as knowledge.",
         BASE + "slackTrigger"),
        ("A virtual assistant living in our Microsoft Teams channel that answers onboarding "
         "questions with GPT-4o.",
         BASE + "microsoftTeamsTrigger"),
        ("Let customers chat with an AI on WhatsApp to check their order status in WooCommerce.",
         BASE + "whatsAppTrigger"),
        ("Give our Telegram users an AI they can talk to about our product catalog stored in "
         "Airtable.",
         BASE + "telegramTrigger"),
        ("Respond automatically to SMS messages received on our Twilio number using GPT.",
         BASE + "twilioTrigger"),
        ("A WhatsApp-based FAQ responder for our dental practice, powered by Gemini.",
         BASE + "whatsAppTrigger"),
        ("Chat with my Notion notes from Telegram using OpenAI.",
         BASE + "telegramTrigger"),
        ("Personal finance tracker over Telegram: I send receipt photos, OpenAI extracts the "
         "amount, rows go to Google Sheets.",
         BASE + "telegramTrigger"),
        ("When someone @mentions our Slack bot, look up the customer in HubSpot and reply in the "
         "thread.",
         BASE + "slackTrigger"),
        ("Discord helper that answers game questions for our server members using Mistral.",
         BASE + "webhook"),
        ("Whenever an invoice is marked paid in Airtable, send a thank-you email via Gmail.",
         BASE + "airtableTrigger"),
        ("When an issue in GitHub gets the label bug, create a Linear issue.",
         BASE + "githubTrigger"),
        ("Watch for Zendesk tickets that change to pending and email the requester via Gmail.",
         BASE + "zendeskTrigger"),
        ("When the status of a Notion page is changed to Done, archive it to Google Drive.",
         BASE + "notionTrigger"),
        ("Each time a HubSpot ticket is closed, send a feedback link via Gmail.",
         BASE + "hubspotTrigger"),
        ("When an order ships in Shopify, text the buyer via Twilio.",
         BASE + "shopifyTrigger"),
        ("When a subscriber unsubscribes in Mailchimp, delete them from our Google Sheet.",
         BASE + "mailchimpTrigger"),
        ("A Salesforce opportunity reaching the Negotiation stage should trigger a Slack alert.",
         BASE + "salesforceTrigger"),
        ("When a GitHub pull request is opened against main, ask OpenAI to review the diff and "
         "comment on it.",
         BASE + "githubTrigger"),
        ("New Calendly booking? Add the invitee to HubSpot and send a Slack message.",
         BASE + "calendlyTrigger"),
        ("Whenever an Asana task is moved into the Review section, ping the reviewer on "
         "Microsoft Teams.",
         BASE + "asanaTrigger"),
        ("Stripe: on refund, update the order row in Google Sheets.",
         BASE + "stripeTrigger"),
        ("When our Typeform survey gets a response with a score under 5, alert Slack.",
         BASE + "typeformTrigger"),
        ("Every time a Pipedrive deal changes owner, update the owner in our Google Sheet.",
         BASE + "pipedriveTrigger"),
        ("If someone comments on a Jira issue, forward the comment to the assignee on Slack.",
         BASE + "jiraTrigger"),
        ("Whenever a Trello card is assigned to me, add it to my Google Calendar.",
         BASE + "trelloTrigger"),
        ("ClickUp: task status updated to Done -> notify the client via Gmail.",
         BASE + "clickUpTrigger"),
        ("As soon as a cell in the Orders sheet (Google Sheets) changes, sync the row to Airtable.",
         BASE + "googleSheetsTrigger"),
        ("Twice daily, pull new Reddit posts about our brand and send a digest to Slack.",
         BASE + "scheduleTrigger"),
        ("Mon-Fri 9:00: post today's Google Calendar meetings to Slack.",
         BASE + "scheduleTrigger"),
        ("At the start of each week, create a Notion page for the weekly planning.",
         BASE + "scheduleTrigger"),
        ("On weekdays at 8, send a Telegram message with the day's weather.",
         BASE + "scheduleTrigger"),
        ("Daily standup digest at 9:15: collect yesterday's closed Jira issues and post to Slack.",
         BASE + "scheduleTrigger"),
        ("Once a week on Friday afternoon, email a summary of HubSpot deals won that week.",
         BASE + "scheduleTrigger"),
        ("Each quarter, export Stripe revenue to a Google Sheet.",
         BASE + "scheduleTrigger"),
        ("Come Monday morning, send the team a motivational quote from OpenAI on Slack.",
         BASE + "scheduleTrigger"),
        ("Every couple of hours check the RSS feed of our competitor and save new items to "
         "Airtable.",
         BASE + "scheduleTrigger"),
        ("Nightly at 1am, vacuum old rows from Postgres.",
         BASE + "scheduleTrigger"),
        ("Handle errors: if the Google Sheets append errors out, write the row to Airtable "
         "instead. Runs hourly.",
         BASE + "scheduleTrigger"),
        ("Whenever any production workflow throws an error, log it in Airtable.",
         BASE + "errorTrigger"),
        ("Build an error handler for all my workflows that emails me the details through Gmail.",
         BASE + "errorTrigger"),
        ("Catch every failed execution and post it to Mattermost.",
         BASE + "errorTrigger"),
        ("Send me a Slack DM with the error message when something breaks in one of my n8n "
         "workflows.",
         BASE + "errorTrigger"),
        ("Our Next.js app will POST JSON to n8n; validate it and insert the row into Supabase.",
         BASE + "webhook"),
        ("Provide an API endpoint that returns the latest exchange rates from an HTTP call.",
         BASE + "webhook"),
        ("Make an HTTP endpoint that accepts a URL and returns its summary from OpenAI.",
         BASE + "webhook"),
        ("Receive Stripe events through a generic webhook and route them by event type to Slack "
         "or Gmail.",
         BASE + "webhook"),
    ],
)  # fmt: skip
def test_a_fresh_batch_of_requests_starts_right(request_text: str, trigger: str) -> None:
    _starts_with(request_text, trigger)


@pytest.mark.parametrize(
    ("request_text", "starts"),
    [
        ("Run hourly but also let people trigger it from an n8n form: check the site for broken "
         "links and email the report.",
         ["formTrigger", "scheduleTrigger"]),
        ("Either when a new row appears in Google Sheets or when I press execute, enrich the "
         "lead with Clearbit and save it to HubSpot.",
         ["googleSheetsTrigger", "manualTrigger"]),
        ("Refresh the dashboard data every 30 minutes or whenever our backend calls the webhook.",
         ["scheduleTrigger", "webhook"]),
    ],
)  # fmt: skip
def test_a_fresh_batch_with_several_starts(request_text: str, starts: list[str]) -> None:
    out = run(request_text)
    assert {t.rsplit(".", 1)[-1] for t in out.triggers} == set(starts)
    assert out.strict_errors() == []


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        # an app that sends what the workflow writes, a likeness of an app, a state in a report
        ("If someone asks for a human, email support@acme.com from Gmail with the chat details.",
         BASE + "manualTrigger"),
        ("Every morning post a WhatsApp-style summary of yesterday's sales from Postgres to Slack.",
         BASE + "scheduleTrigger"),
        ("When a sentry-like error hits my webhook, alert #oncall in Slack.",
         BASE + "webhook"),
        ("On Monday, pull last week's Stripe charges into Google Sheets.",
         BASE + "scheduleTrigger"),
        ("Every evening, send the new Google Sheets rows to our Telegram group so members can "
         "talk about them.",
         BASE + "scheduleTrigger"),
        ("Daily at 8, email me the Jira issues that became blocked yesterday.",
         BASE + "scheduleTrigger"),
    ],
)  # fmt: skip
def test_what_the_fresh_cues_leave_alone(request_text: str, trigger: str) -> None:
    _starts_with(request_text, trigger)


# ------------------------------------------------------------------ session 6: terse requests
# 48 more, written the way people type into a box (lowercase, arrows, "=>", "w/", "opp",
# "msg"), run before the change that fixed them (38/48 right when first measured): a bot noun
# joined to the app ("slackbot"), "a Telegram AI", "our WhatsApp number should answer", a
# support desk on an app, a bare state after the app's record ("shopify order fulfilled, ..."),
# "+ manual trigger".


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        ("telegram bot w/ openai + memory, answer user questions about our saas, keep context "
         "per chat id",
         BASE + "telegramTrigger"),
        ("whatsapp ai agent for restaurant reservations, check availability in google sheets "
         "and confirm back",
         BASE + "whatsAppTrigger"),
        ("Need a bot on telegram that transcribes voice msgs with whisper and replies text",
         BASE + "telegramTrigger"),
        ("slack app mention -> ask gpt about the thread -> answer in thread",
         BASE + "slackTrigger"),
        ("i want to talk to my google calendar via telegram, the ai should create events for "
         "me",
         BASE + "telegramTrigger"),
        ("customer service agent for whatsapp business using claude, escalate to human via "
         "gmail when angry",
         BASE + "whatsAppTrigger"),
        ("Slack: when someone posts in #help, the AI drafts an answer from our Notion docs and "
         "replies in thread",
         BASE + "slackTrigger"),
        ("teams chatbot for HR questions (gpt-4o-mini), answers from sharepoint",
         BASE + "microsoftTeamsTrigger"),
        ("whatsapp receptionist for a barber shop that books slots in google calendar",
         BASE + "whatsAppTrigger"),
        ("A telegram AI that people message with a product name and it replies with price from "
         "our Airtable",
         BASE + "telegramTrigger"),
        ("inbound sms to our twilio number -> openai classifies intent -> reply via sms",
         BASE + "twilioTrigger"),
        ("gmail auto responder with ai: read new mails, if it is a support question answer "
         "with gpt, else label it",
         BASE + "gmailTrigger"),
        ("image generation bot in telegram, user writes a prompt, dall-e makes the picture and "
         "we send it back",
         BASE + "telegramTrigger"),
        ("Build a slackbot that listens in #standup and saves every update to Notion",
         BASE + "slackTrigger"),
        ("Our WhatsApp number should answer FAQs automatically with an LLM and our PDF "
         "knowledge base in Pinecone",
         BASE + "whatsAppTrigger"),
        ("telegram support desk: messages from users create tickets in Zendesk and the bot "
         "answers with ticket number",
         BASE + "telegramTrigger"),
        ("hubspot: deal stage changed to \"contract sent\" -> create docusign envelope... or "
         "just email the contract via gmail",
         BASE + "hubspotTrigger"),
        ("pipedrive deal won => create project in asana + slack msg to #delivery",
         BASE + "pipedriveTrigger"),
        ("github PR merged to main -> post release notes to discord (summarised by openai)",
         BASE + "githubTrigger"),
        ("jira ticket status -> done, then update linked hubspot ticket and mail customer",
         BASE + "jiraTrigger"),
        ("zendesk ticket solved => ask for a review via gmail after 2 days",
         BASE + "zendeskTrigger"),
        ("stripe payment failed -> slack alert to #billing + email customer with link to "
         "update card",
         BASE + "stripeTrigger"),
        ("shopify order fulfilled, send tracking sms with twilio",
         BASE + "shopifyTrigger"),
        ("trello card moved to \"Ready for QA\" -> create jira issue",
         BASE + "trelloTrigger"),
        ("salesforce opp closed won: create customer in quickbooks and invoice",
         BASE + "salesforceTrigger"),
        ("airtable record status = approved -> publish post to linkedin",
         BASE + "airtableTrigger"),
        ("when i tick the done checkbox on a notion task, log time in toggl",
         BASE + "notionTrigger"),
        ("clickup task marked complete -> notify client in slack shared channel",
         BASE + "clickUpTrigger"),
        ("asana task completed then move the row in google sheets to archived tab",
         BASE + "asanaTrigger"),
        ("calendly invitee cancels -> delete the deal in pipedrive and ping me on slack",
         BASE + "calendlyTrigger"),
        ("new issue labeled bug in github -> create linear issue with high priority",
         BASE + "githubTrigger"),
        ("when a customer's subscription is updated in stripe to a higher plan, send thanks "
         "email via sendgrid",
         BASE + "stripeTrigger"),
        ("google sheet row updated with status \"send\" -> send the email with gmail",
         BASE + "googleSheetsTrigger"),
        ("typeform response with NPS below 7 -> create zendesk ticket",
         BASE + "typeformTrigger"),
        ("woocommerce order status changes to completed -> add customer to mailchimp",
         BASE + "wooCommerceTrigger"),
        ("linear issue moved to done => post to slack #changelog",
         BASE + "linearTrigger"),
        ("when a release is published on our github repo, tweet it",
         BASE + "githubTrigger"),
        ("gitlab pipeline failed -> send the log to slack",
         BASE + "gitlabTrigger"),
        ("daily 7am: weather from openweathermap api to telegram",
         BASE + "scheduleTrigger"),
        ("mon-fri at 17:30 summarize the day's closed hubspot deals and mail them",
         BASE + "scheduleTrigger"),
        ("each sunday night backup n8n workflows to github",
         BASE + "scheduleTrigger"),
        ("weekly on mondays check google search console and email a report",
         BASE + "scheduleTrigger"),
        ("error workflow: send slack msg with workflow name + error + link to execution",
         BASE + "errorTrigger"),
        ("if any workflow fails notify me on telegram with the node that failed",
         BASE + "errorTrigger"),
        ("webhook from our shopify app (custom) with order json -> save to postgres + notify "
         "slack",
         BASE + "webhook"),
        ("POST endpoint: receive lead json, enrich with clearbit, push to hubspot, respond 200",
         BASE + "webhook"),
    ],
)  # fmt: skip
def test_terse_requests_start_right(request_text: str, trigger: str) -> None:
    _starts_with(request_text, trigger)


@pytest.mark.parametrize(
    ("request_text", "starts"),
    [
        ("run every 6 hours + manual trigger for testing: scrape product prices and update "
         "airtable",
         ["manualTrigger", "scheduleTrigger"]),
        ("AI agent reachable from n8n chat and from a webhook (for our website widget), "
         "answers from supabase vector store",
         ["chatTrigger", "webhook"]),
    ],
)  # fmt: skip
def test_terse_requests_with_several_starts(request_text: str, starts: list[str]) -> None:
    out = run(request_text)
    assert {t.rsplit(".", 1)[-1] for t in out.triggers} == set(starts)
    assert out.strict_errors() == []


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        # a bare state next to a schedule, an AI summary, a channel that only receives, a
        # chatbot that calls our webhook
        ("Google Sheets updated daily with yesterday's Stripe charges.",
         BASE + "scheduleTrigger"),
        ("Post the AI summary of new HubSpot deals to Slack every morning.",
         BASE + "scheduleTrigger"),
        ("Our Slack channel should get a message when a Stripe payment arrives.",
         BASE + "stripeTrigger"),
        ("Teams meeting notes: summarise the transcript I paste in with OpenAI and save it to "
         "Notion.",
         BASE + "manualTrigger"),
        ("When our chatbot on the website posts to my webhook, store the conversation in "
         "Airtable.",
         BASE + "webhook"),
        ("a Telegram AI digest every evening with the top Reddit posts",
         BASE + "scheduleTrigger"),
    ],
)  # fmt: skip
def test_what_the_terse_cues_leave_alone(request_text: str, trigger: str) -> None:
    _starts_with(request_text, trigger)


# ------------------------------------------------------------------ session 6: other shapes
# 39 more, run before the change that fixed them (27/39 right when first measured): "Trigger:
# Zendesk, ticket solved", "on asana task completion", "as deals get won", "whose stage changes
# to", a message in a #channel of a chat app named later, "let our team ask ... in Slack",
# "should be able to ask our WhatsApp line", slash commands and callback URLs, "manual run plus
# a nightly schedule".


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        ("once the invoice gets paid (Stripe), mark the project as active in Airtable",
         BASE + "stripeTrigger"),
        ("Trigger: Zendesk, ticket solved. Action: send a CSAT email via Gmail.",
         BASE + "zendeskTrigger"),
        ("On Salesforce opportunity close-won, kick off onboarding: create an Asana project "
         "and post to Slack.",
         BASE + "salesforceTrigger"),
        ("Whenever the status becomes closed in Zendesk, archive the conversation to Google "
         "Drive.",
         BASE + "zendeskTrigger"),
        ("As deals get won in HubSpot, add the company to our Google Sheet of customers.",
         BASE + "hubspotTrigger"),
        ("Upon merge of a pull request in GitHub, deploy via an HTTP call to Vercel.",
         BASE + "githubTrigger"),
        ("Every time an issue's priority is raised to Highest in Jira, page the team through "
         "PagerDuty.",
         BASE + "jiraTrigger"),
        ("When Pipedrive says a deal is lost, ask the rep for a reason on Slack.",
         BASE + "pipedriveTrigger"),
        ("Whenever Shopify tells us an order was cancelled, refund it in Stripe and email the "
         "buyer.",
         BASE + "shopifyTrigger"),
        ("Trello: card lands in Done -> post to Microsoft Teams.",
         BASE + "trelloTrigger"),
        ("on asana task completion, update the hubspot deal stage",
         BASE + "asanaTrigger"),
        ("New star on our GitHub repo -> thank the person on Twitter.",
         BASE + "githubTrigger"),
        ("When somebody drops a new PDF into our shared Google Drive folder, summarise it with "
         "Claude and post the summary to Slack.",
         BASE + "googleDriveTrigger"),
        ("Notion page moved to the Published status? Then post it to our WordPress blog.",
         BASE + "notionTrigger"),
        ("As soon as a ClickUp task's due date changes, update the Google Calendar event.",
         BASE + "clickUpTrigger"),
        ("Dispute opened on Stripe -> create a Zendesk ticket with the charge details.",
         BASE + "stripeTrigger"),
        ("For any HubSpot contact whose lifecycle stage changes to SQL, create a Pipedrive "
         "deal.",
         BASE + "hubspotTrigger"),
        ("I want my Telegram to reply to people automatically with answers from our FAQ using "
         "OpenAI.",
         BASE + "telegramTrigger"),
        ("Auto-reply on WhatsApp: when a client writes after 6pm, an AI answers and books a "
         "callback in Google Calendar.",
         BASE + "whatsAppTrigger"),
        ("Let our team ask questions about company policies directly in Slack and get answers "
         "from an AI using our Google Drive docs.",
         BASE + "slackTrigger"),
        ("A Telegram channel bot that welcomes new members and answers questions with Claude.",
         BASE + "telegramTrigger"),
        ("Customers should be able to ask our WhatsApp line about delivery status, answered by "
         "GPT with data from Shopify.",
         BASE + "whatsAppTrigger"),
        ("When a message in #sales-leads mentions a company, enrich it with Clearbit and reply "
         "in the Slack thread.",
         BASE + "slackTrigger"),
        ("IT support copilot in Microsoft Teams: employees describe an issue, the agent "
         "searches Confluence and creates a Jira ticket if needed.",
         BASE + "microsoftTeamsTrigger"),
        ("People can text our Twilio number to check their appointment, answered by an AI "
         "reading Google Calendar.",
         BASE + "twilioTrigger"),
        ("An AI inbox assistant for Gmail: read each new email, draft a reply with OpenAI and "
         "save it as a draft.",
         BASE + "gmailTrigger"),
        ("A voice assistant on Telegram: voice message in, Whisper transcribes, GPT answers, "
         "ElevenLabs voice out.",
         BASE + "telegramTrigger"),
        ("Discord slash command /summary -> summarise the channel with OpenAI and reply.",
         BASE + "webhook"),
        ("Every workday at 16:00 remind the Slack channel to log hours in Harvest.",
         BASE + "scheduleTrigger"),
        ("Bi-weekly payroll reminder to #finance in Slack on Fridays.",
         BASE + "scheduleTrigger"),
        ("Last day of each month: export Xero invoices to Google Sheets.",
         BASE + "scheduleTrigger"),
        ("9am and 3pm daily, check the inventory in Airtable and alert Slack when stock is "
         "low.",
         BASE + "scheduleTrigger"),
        ("Around 6 every evening, post tomorrow's Google Calendar events to Telegram.",
         BASE + "scheduleTrigger"),
        ("Make me an n8n error workflow that logs failures to a Google Sheet with the workflow "
         "id and time.",
         BASE + "errorTrigger"),
        ("Notify the #ops Slack channel about any failing n8n execution.",
         BASE + "errorTrigger"),
        ("Give me a URL I can POST form data to; put the data in Airtable and email me.",
         BASE + "webhook"),
        ("Callback URL for our payment provider: on each call, update the order status in "
         "Postgres.",
         BASE + "webhook"),
    ],
)  # fmt: skip
def test_other_shapes_start_right(request_text: str, trigger: str) -> None:
    _starts_with(request_text, trigger)


@pytest.mark.parametrize(
    ("request_text", "starts"),
    [
        ("Manual run plus a nightly schedule: dedupe contacts in HubSpot.",
         ["manualTrigger", "scheduleTrigger"]),
        ("Both a form and a chat window should let customers submit feature requests; an AI "
         "tags them and saves to Notion.",
         ["chatTrigger", "formTrigger"]),
    ],
)  # fmt: skip
def test_other_shapes_with_several_starts(request_text: str, starts: list[str]) -> None:
    out = run(request_text)
    assert {t.rsplit(".", 1)[-1] for t in out.triggers} == set(starts)
    assert out.strict_errors() == []


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        # "on" + an app that is where the result goes, "as CSV", a filter, a trigger-only app
        ("On Slack, post a summary of new HubSpot deals every morning.",
         BASE + "scheduleTrigger"),
        ("Save the HubSpot deals as CSV in Google Drive every Friday.",
         BASE + "scheduleTrigger"),
        ("For every row in Airtable where the status is approved, email the owner via Gmail.",
         BASE + "manualTrigger"),
        ("Post the report URL to #reports in Slack every Monday at 9.",
         BASE + "scheduleTrigger"),
        ("As a marketer I want new Typeform leads added to HubSpot.",
         BASE + "typeformTrigger"),
        ("Every morning list the Jira issues whose status changed to Blocked yesterday and "
         "post them to Slack.",
         BASE + "scheduleTrigger"),
    ],
)  # fmt: skip
def test_what_the_other_shapes_leave_alone(request_text: str, trigger: str) -> None:
    _starts_with(request_text, trigger)


# ------------------------------------------------------------------ session 6: fifth batch
# 30 more, typos and all, run before the change that fixed them (24/30 right when first
# measured): an app heading the request then someone talking ("Telegram: users send a link,
# the bot replies"), an ambiguous name heading it ("Teams: answer questions ..."), the bot
# talking ("an AI asks the prospect"), "customer emails to support@ in Gmail", "gets a new
# comment", "GitHub push to main".


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        ("telgram bot that answers questions about our menu using gpt-4o mini",
         BASE + "telegramTrigger"),
        ("whatsap chatbot for my shop, replies to customers with product info from google "
         "sheets",
         BASE + "whatsAppTrigger"),
        ("Chatbot on Telegram w/ memory (Postgres) that helps users plan trips using Claude "
         "and SerpAPI.",
         BASE + "telegramTrigger"),
        ("I'd like to DM a bot in Slack and have it create Google Calendar events for me.",
         BASE + "slackTrigger"),
        ("Telegram: users send a YouTube link, the bot replies with a summary from OpenAI.",
         BASE + "telegramTrigger"),
        ("When a customer sends us a WhatsApp message, an AI agent should answer using our "
         "Notion FAQ.",
         BASE + "whatsAppTrigger"),
        ("Build an AI agent people reach through Telegram to book appointments in Cal.com.",
         BASE + "telegramTrigger"),
        ("HR onboarding buddy that new hires can message in Slack; answers from our Google "
         "Docs handbook.",
         BASE + "slackTrigger"),
        ("Teams: answer questions posted in the #it-help channel using an AI agent and our "
         "Confluence.",
         BASE + "microsoftTeamsTrigger"),
        ("Make my Telegram bot transcribe voice notes and save them as Notion pages.",
         BASE + "telegramTrigger"),
        ("Lead qualification on WhatsApp: an AI asks the prospect three questions and saves "
         "the answers to HubSpot.",
         BASE + "whatsAppTrigger"),
        ("An SMS concierge: guests text a question, Claude answers via Twilio.",
         BASE + "twilioTrigger"),
        ("Quiz bot for Telegram that asks users questions and keeps score in Airtable.",
         BASE + "telegramTrigger"),
        ("Customer emails to support@ in Gmail get an AI-drafted answer sent back "
         "automatically.",
         BASE + "gmailTrigger"),
        ("a discord bot to moderate our server with openai",
         BASE + "webhook"),
        ("the customer pays the invoice in Stripe -> mark the invoice as paid in QuickBooks",
         BASE + "stripeTrigger"),
        ("When an opportunity is won (Salesforce), create a kickoff meeting in Google "
         "Calendar.",
         BASE + "salesforceTrigger"),
        ("Once a contact's lead status in HubSpot is updated, sync it to Mailchimp tags.",
         BASE + "hubspotTrigger"),
        ("When Zendesk tickets get escalated to tier 2, post in #tier2 on Slack.",
         BASE + "zendeskTrigger"),
        ("Notify Discord whenever a GitHub issue gets closed as not planned.",
         BASE + "githubTrigger"),
        ("If a card in Trello gets a new comment, email the card members via Gmail.",
         BASE + "trelloTrigger"),
        ("For each Shopify order that gets refunded, log the refund in Google Sheets.",
         BASE + "shopifyTrigger"),
        ("When a sprint is started in Jira, post the sprint goal to Slack.",
         BASE + "jiraTrigger"),
        ("Pipedrive person added -> create contact in Brevo.",
         BASE + "pipedriveTrigger"),
        ("new or updated airtable records -> push to webflow cms",
         BASE + "airtableTrigger"),
        ("someone books a demo in calendly => create a hubspot deal & slack ping",
         BASE + "calendlyTrigger"),
        ("each new entry in my Notion reading list database -> summarise the link with OpenAI "
         "and add the summary to the page",
         BASE + "notionTrigger"),
        ("When someone fills in a new row in our Google Sheet, send them a welcome email from "
         "Gmail.",
         BASE + "googleSheetsTrigger"),
        ("When someone subscribes via Stripe Checkout, add them to our Discord server role... "
         "just post their email in Slack.",
         BASE + "stripeTrigger"),
        ("GitHub push to main branch: run the test suite via HTTP and report in Slack.",
         BASE + "githubTrigger"),
    ],
)  # fmt: skip
def test_a_fifth_batch_starts_right(request_text: str, trigger: str) -> None:
    _starts_with(request_text, trigger)


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        # an answer step that sends to the app, a sender of mail, a header with a schedule
        ("Every morning, answer the open questions in our Google Sheet with GPT and post the "
         "answers in Slack.",
         BASE + "scheduleTrigger"),
        ("Send emails to support@acme.com when a Typeform is submitted.",
         BASE + "typeformTrigger"),
        ("Notion: every Monday, create a weekly planning page.",
         BASE + "scheduleTrigger"),
        ("The AI answers are saved to Google Sheets every night.",
         BASE + "scheduleTrigger"),
        ("GitHub release notes: draft them with OpenAI from the merged PRs, triggered "
         "manually.",
         BASE + "manualTrigger"),
    ],
)  # fmt: skip
def test_what_the_fifth_batch_cues_leave_alone(request_text: str, trigger: str) -> None:
    _starts_with(request_text, trigger)


# ------------------------------------------------------------------ session 6: sixth batch
# 26 more on schedules, errors, webhooks and several starts, run before the change that fixed
# them (20/26 right when first measured): a clock time said mid-request ("Morning digest: at
# 7:30 ..."), "when our mobile app sends a POST", "build a small API: GET /weather",
# "whenever I click test", "a button to run it now and a weekly run", "on demand through a
# webhook call" (a webhook, not a button).


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        ("Morning digest: at 7:30 pull the top Product Hunt launches via HTTP and email them "
         "to me.",
         BASE + "scheduleTrigger"),
        ("Each weekday before standup, post open GitHub PRs to Slack.",
         BASE + "scheduleTrigger"),
        ("Once every two weeks on Monday, send the sprint report from Jira to Confluence.",
         BASE + "scheduleTrigger"),
        ("Weeknights at 11pm, export the day's Stripe payouts to Google Sheets.",
         BASE + "scheduleTrigger"),
        ("Start of every month -> create invoices in Xero for our retainer clients listed in "
         "Airtable.",
         BASE + "scheduleTrigger"),
        ("10 past every hour, check the status page and alert Discord if anything is degraded.",
         BASE + "scheduleTrigger"),
        ("By 8 each morning I want a summary of overnight Zendesk tickets in Slack.",
         BASE + "scheduleTrigger"),
        ("Every Tuesday & Thursday at noon post a tip from our Notion database to LinkedIn.",
         BASE + "scheduleTrigger"),
        ("Twice a month, clean up archived Trello cards.",
         BASE + "scheduleTrigger"),
        ("Around lunchtime every day send the team a random lunch spot from a Google Sheet on "
         "Slack.",
         BASE + "scheduleTrigger"),
        ("Every 5 min poll our API for new signups and add them to Mailchimp; if the API "
         "errors, wait and retry.",
         BASE + "scheduleTrigger"),
        ("Handle errors in this flow: when the webhook payload is missing an email, respond "
         "with a 400 error.",
         BASE + "webhook"),
        ("Daily: fetch orders from WooCommerce. On error, send an email and stop the workflow.",
         BASE + "scheduleTrigger"),
        ("Central error catcher for our n8n instance: every failed run goes to a Notion "
         "database.",
         BASE + "errorTrigger"),
        ("When a workflow errors, create a PagerDuty incident and post to Slack.",
         BASE + "errorTrigger"),
        ("Error handling workflow that texts me via Twilio whenever a production flow fails.",
         BASE + "errorTrigger"),
        ("Our CRM fires a webhook when a contact is updated; mirror the change in Google "
         "Sheets.",
         BASE + "webhook"),
        ("Catch the webhook that Typeform sends and log the answers in Airtable.",
         BASE + "webhook"),
        ("Inbound webhook from Zapier with lead data -> dedupe in Postgres -> add to HubSpot.",
         BASE + "webhook"),
        ("When our mobile app sends a POST with a photo, run it through OpenAI vision and "
         "store the result in Supabase.",
         BASE + "webhook"),
        ("Build a small API with n8n: GET /weather?city=X returns the forecast from "
         "OpenWeatherMap.",
         BASE + "webhook"),
    ],
)  # fmt: skip
def test_a_sixth_batch_starts_right(request_text: str, trigger: str) -> None:
    _starts_with(request_text, trigger)


@pytest.mark.parametrize(
    ("request_text", "starts"),
    [
        ("Leads can come in through an n8n form or through a webhook from our landing page; "
         "enrich them with Hunter and add to Pipedrive.",
         ["formTrigger", "webhook"]),
        ("Daily at 6 (and also whenever I click test) sync Shopify products to Airtable.",
         ["manualTrigger", "scheduleTrigger"]),
        ("I need a button to run it now and a weekly run on Sundays: back up Notion to Google "
         "Drive.",
         ["manualTrigger", "scheduleTrigger"]),
        ("Offer both a chat and a form for support requests; an AI agent answers and logs to "
         "Zendesk.",
         ["chatTrigger", "formTrigger"]),
        ("Two ways in: nightly at 2am, or on demand through a webhook call; either one "
         "rebuilds the search index in Algolia.",
         ["scheduleTrigger", "webhook"]),
    ],
)  # fmt: skip
def test_a_sixth_batch_with_several_starts(request_text: str, starts: list[str]) -> None:
    out = run(request_text)
    assert {t.rsplit(".", 1)[-1] for t in out.triggers} == set(starts)
    assert out.strict_errors() == []


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        # a clock time beside another start, an API integration that is called
        ("When a form is submitted, book a call at 3pm the next day in Google Calendar.",
         BASE + "formTrigger"),
        ("Build an API integration with Stripe that I run on demand to list last month's "
         "refunds.",
         BASE + "manualTrigger"),
        ("When our webhook receives an order, check stock in Airtable and email the buyer by "
         "5pm.",
         BASE + "webhook"),
        ("Post the daily menu to Slack at 11:30.",
         BASE + "scheduleTrigger"),
    ],
)  # fmt: skip
def test_what_the_sixth_batch_cues_leave_alone(request_text: str, trigger: str) -> None:
    _starts_with(request_text, trigger)


# ------------------------------------------------------------------ session 6: seventh batch
# 30 more across the families, run before the change that fixed them (22/30 right when first
# measured; 29 kept - "A new file in the Drive folder" needs "Drive" alone read as Google
# Drive): "set up WhatsApp so that when people message our number", "receive SMS via Twilio",
# a request opening with a record and its change ("Reaction added in Slack", "Deals that hit
# Closed Won in HubSpot should ...", "Each successful Stripe checkout should ..."), "accept
# JSON ... over HTTP", "and can also be started manually".


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        ("Please create a Telegram helper where my family can ask what's for dinner this week "
         "(from our Notion meal plan).",
         BASE + "telegramTrigger"),
        ("Set up WhatsApp so that when people message our number, Gemini answers from our "
         "price list in Google Sheets.",
         BASE + "whatsAppTrigger"),
        ("In Slack, whenever someone asks the bot about vacation days, look them up in "
         "BambooHR and answer.",
         BASE + "slackTrigger"),
        ("My Telegram should act as a journal: every message I send gets saved to Notion with "
         "an AI-generated title.",
         BASE + "telegramTrigger"),
        ("Receive SMS via Twilio and have OpenAI reply in the same thread.",
         BASE + "twilioTrigger"),
        ("New message in a Microsoft Teams channel -> translate to German with DeepL -> post "
         "back.",
         BASE + "microsoftTeamsTrigger"),
        ("Reaction added in Slack (the :ticket: emoji) -> create a Jira ticket from that "
         "message.",
         BASE + "slackTrigger"),
        ("Telegram group assistant: summarise the chat when someone types /summary.",
         BASE + "telegramTrigger"),
        ("Gmail triage assistant: label incoming mails by topic with OpenAI.",
         BASE + "gmailTrigger"),
        ("an ai that answers my whatsapp messages when i'm on holiday",
         BASE + "whatsAppTrigger"),
        ("Deals that hit \"Closed Won\" in HubSpot should create a folder in Google Drive.",
         BASE + "hubspotTrigger"),
        ("Each successful Stripe checkout should add a row to Airtable and send a receipt from "
         "Gmail.",
         BASE + "stripeTrigger"),
        ("Zendesk tickets tagged 'vip' -> alert the account manager on Slack.",
         BASE + "zendeskTrigger"),
        ("GitHub: on every new release, generate a changelog with Claude and post to Discord.",
         BASE + "githubTrigger"),
        ("Whenever a Jira bug is reopened, notify QA in Microsoft Teams.",
         BASE + "jiraTrigger"),
        ("Shopify orders over $500 that are placed -> Slack alert to #big-orders.",
         BASE + "shopifyTrigger"),
        ("Salesforce lead created or updated -> upsert in Mailchimp.",
         BASE + "salesforceTrigger"),
        ("After an Asana task gets assigned, add it to the assignee's Google Calendar.",
         BASE + "asanaTrigger"),
        ("ClickUp task comment added -> send to the client by email through Outlook.",
         BASE + "clickUpTrigger"),
        ("Typeform job application received -> score the CV with Claude -> save to Airtable.",
         BASE + "typeformTrigger"),
        ("Pipedrive: when a deal enters the Proposal stage, generate the proposal doc in "
         "Google Docs.",
         BASE + "pipedriveTrigger"),
        ("Every evening at 9, ask OpenAI for a recap of the day's Slack messages in #general "
         "and post it.",
         BASE + "scheduleTrigger"),
        ("first monday of every month send a newsletter built from our latest Notion posts via "
         "Mailchimp",
         BASE + "scheduleTrigger"),
        ("Set this up as the error workflow for my other flows: log the error to Airtable and "
         "ping me on Slack.",
         BASE + "errorTrigger"),
        ("Accept JSON from our IoT sensors over HTTP, store readings in InfluxDB... or "
         "Postgres, and alert Telegram on spikes.",
         BASE + "webhook"),
        ("On workflow failure anywhere in n8n, create a GitHub issue.",
         BASE + "errorTrigger"),
        ("Stripe webhook (set up manually in Stripe) -> our n8n webhook -> update Supabase.",
         BASE + "webhook"),
        ("Chat UI where I ask questions about my Postgres database and an AI agent writes and "
         "runs the SQL.",
         LC + "chatTrigger"),
    ],
)  # fmt: skip
def test_a_seventh_batch_starts_right(request_text: str, trigger: str) -> None:
    _starts_with(request_text, trigger)


@pytest.mark.parametrize(
    ("request_text", "starts"),
    [
        ("Runs on a cron (0 8 * * 1-5) and can also be started manually: post KPIs from "
         "Postgres to Slack.",
         ["manualTrigger", "scheduleTrigger"]),
    ],
)  # fmt: skip
def test_a_seventh_batch_with_several_starts(request_text: str, starts: list[str]) -> None:
    out = run(request_text)
    assert {t.rsplit(".", 1)[-1] for t in out.triggers} == set(starts)
    assert out.strict_errors() == []


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        # a record with a schedule, records of a period, a read of messages, notifications set up
        ("Google Sheets rows marked done should be archived every Friday.",
         BASE + "scheduleTrigger"),
        ("Invoices paid last month in Stripe: export them to a Google Sheet.",
         BASE + "manualTrigger"),
        ("Get the messages from our Slack #ideas channel and summarise them with OpenAI into "
         "Notion.",
         BASE + "manualTrigger"),
        ("Set up WhatsApp notifications for new Shopify orders.",
         BASE + "shopifyTrigger"),
    ],
)  # fmt: skip
def test_what_the_seventh_batch_cues_leave_alone(request_text: str, trigger: str) -> None:
    _starts_with(request_text, trigger)


# ------------------------------------------------------------------ session 6: eighth batch
# 20 more, run before the change that fixed them (15/20 right when first measured): "make my
# WhatsApp reply automatically", "triggered by a deal reaching ... in HubSpot", "the bot should
# live in Slack", "our Telegram users ask ...", "respond to Slack mentions".


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        ("Can you make my WhatsApp reply automatically to customers using an AI trained on our "
         "FAQ?",
         BASE + "whatsAppTrigger"),
        ("Could you build a Telegram bot for my bakery that takes orders and writes them to "
         "Google Sheets?",
         BASE + "telegramTrigger"),
        ("This should be triggered by a deal reaching the Won stage in HubSpot; then create "
         "the invoice in Xero.",
         BASE + "hubspotTrigger"),
        ("Kicks off when a Jira issue is moved to QA: assign the tester and post in Slack.",
         BASE + "jiraTrigger"),
        ("Fires on every merged pull request in GitHub: bump the version in our Notion release "
         "log.",
         BASE + "githubTrigger"),
        ("Starts when Stripe reports a failed payment; email the customer with Gmail and tag "
         "them in HubSpot.",
         BASE + "stripeTrigger"),
        ("Triggered by Zendesk when a ticket's priority changes to urgent: page on-call via "
         "PagerDuty.",
         BASE + "zendeskTrigger"),
        ("The bot should live in Slack and answer sales questions from our HubSpot data using "
         "Claude.",
         BASE + "slackTrigger"),
        ("I'd like to message a Telegram bot with a city name and get back the weather from "
         "OpenWeatherMap.",
         BASE + "telegramTrigger"),
        ("Patients text our WhatsApp to reschedule; the AI finds a new slot in Google Calendar "
         "and confirms.",
         BASE + "whatsAppTrigger"),
        ("Whenever a Trello card's due date passes... no wait, whenever a card is created in "
         "Trello, add a checklist via HTTP.",
         BASE + "trelloTrigger"),
        ("Salesforce case gets closed -> survey email via SendGrid.",
         BASE + "salesforceTrigger"),
        ("If a Pipedrive deal goes stale... actually when a deal is updated in Pipedrive, sync "
         "it to Google Sheets.",
         BASE + "pipedriveTrigger"),
        ("Trigger on Asana: new task in the Marketing project -> create a matching Trello "
         "card.",
         BASE + "asanaTrigger"),
        ("Shopify order paid -> add customer to Klaviyo... use Mailchimp instead.",
         BASE + "shopifyTrigger"),
        ("Whenever a page in our Notion CRM database is edited, update the row in Airtable.",
         BASE + "notionTrigger"),
        ("If any row in the Google Sheet gets updated, recompute totals with a Code step and "
         "email me.",
         BASE + "googleSheetsTrigger"),
        ("Our Telegram users ask for their account balance; look it up in Postgres and answer "
         "them.",
         BASE + "telegramTrigger"),
        ("Respond to Slack mentions of @helpbot with answers from our Notion docs.",
         BASE + "slackTrigger"),
        ("When a text comes in on our Twilio number, log it to Airtable and reply 'thanks'.",
         BASE + "twilioTrigger"),
    ],
)  # fmt: skip
def test_an_eighth_batch_starts_right(request_text: str, trigger: str) -> None:
    _starts_with(request_text, trigger)


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        # a channel made useful by a schedule, "triggered by a webhook", a bot that only posts
        ("Make our Slack channel more useful: every morning post the weather forecast.",
         BASE + "scheduleTrigger"),
        ("Triggered by a webhook from Stripe, update the order in Postgres.",
         BASE + "webhook"),
        ("Have the Slack bot post the daily report at 9am.",
         BASE + "scheduleTrigger"),
    ],
)  # fmt: skip
def test_what_the_eighth_batch_cues_leave_alone(request_text: str, trigger: str) -> None:
    _starts_with(request_text, trigger)


# ------------------------------------------------------------------ session 6: ninth batch
# 20 more, run before the change that fixed them (14/20 right when first measured): "Slack Q&A
# bot", "customers SMS our Twilio number", "learners chat in Spanish" on Telegram, "alert the
# assigned agent on Slack" (a person to tell, not a bot), "Status turns \"Ready to publish\"",
# "catches errors from all other workflows".


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        ("whatsapp assistant for a real estate agency: answers listing questions from "
         "airtable, books viewings in google calendar",
         BASE + "whatsAppTrigger"),
        ("Telegram companion bot that journals my mood each time I write to it and stores "
         "entries in Google Sheets.",
         BASE + "telegramTrigger"),
        ("Slack Q&A bot over our Google Drive docs with a Pinecone vector store and Claude.",
         BASE + "slackTrigger"),
        ("Help desk agent inside Microsoft Teams that opens ServiceNow incidents when "
         "employees report problems.",
         BASE + "microsoftTeamsTrigger"),
        ("Text-to-order: customers SMS our Twilio number with their order, OpenAI parses it "
         "and we create it in Shopify.",
         BASE + "twilioTrigger"),
        ("Support inbox autopilot on Gmail: classify each new email with OpenAI and reply to "
         "the simple ones.",
         BASE + "gmailTrigger"),
        ("Language tutor on Telegram: learners chat in Spanish and Gemini corrects their "
         "mistakes.",
         BASE + "telegramTrigger"),
        ("Mattermost bot that answers deployment questions using our GitHub README files and "
         "GPT.",
         BASE + "webhook"),
        ("Once a HubSpot ticket moves to \"Waiting on customer\", send a reminder email after 3 "
         "days.",
         BASE + "hubspotTrigger"),
        ("Zendesk ticket reopened by the customer -> alert the assigned agent on Slack.",
         BASE + "zendeskTrigger"),
        ("When a GitHub check run fails on a pull request, post the failing job to Discord.",
         BASE + "githubTrigger"),
        ("As soon as a Stripe invoice becomes past due, pause the account in our Postgres db.",
         BASE + "stripeTrigger"),
        ("If an issue is added to the current sprint in Jira, notify the team in Microsoft "
         "Teams.",
         BASE + "jiraTrigger"),
        ("When inventory for a Shopify product is updated, sync the quantity to Airtable.",
         BASE + "shopifyTrigger"),
        ("Airtable row where Status turns \"Ready to publish\" -> post it to Facebook.",
         BASE + "airtableTrigger"),
        ("Asana task due date changed -> update the Google Calendar event.",
         BASE + "asanaTrigger"),
        ("When an invitee reschedules on Calendly, update the HubSpot meeting.",
         BASE + "calendlyTrigger"),
        ("Typeform: new lead form answer -> add to Pipedrive and notify Slack.",
         BASE + "typeformTrigger"),
        ("Each Friday at 4pm compile the week's closed HubSpot deals into a Slack message.",
         BASE + "scheduleTrigger"),
        ("Write me a workflow that catches errors from all other workflows and files them in "
         "Linear.",
         BASE + "errorTrigger"),
    ],
)  # fmt: skip
def test_a_ninth_batch_starts_right(request_text: str, trigger: str) -> None:
    _starts_with(request_text, trigger)


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        # an agent or assistant to tell on an app, error logs that are data
        ("When a Zendesk ticket is escalated, notify the support agent on Slack.",
         BASE + "zendeskTrigger"),
        ("Every morning, remind the sales assistant on Telegram to call back yesterday's leads "
         "from HubSpot.",
         BASE + "scheduleTrigger"),
        ("Collect the error logs from our S3 bucket and count them per service into Postgres, "
         "manually.",
         BASE + "manualTrigger"),
    ],
)  # fmt: skip
def test_what_the_ninth_batch_cues_leave_alone(request_text: str, trigger: str) -> None:
    _starts_with(request_text, trigger)


# ------------------------------------------------------------------ session 7: tenth batch
# 137 more in phrasings unlike the batches above (bots without the word "bot": "customers text
# our Twilio number and get ...", "members of my Telegram channel should be able to ask";
# reports named by the time they come at: "Morning briefing:", "before I start work"; "either
# from Telegram or daily", "both a weekly schedule and a Slack message"; "whenever n8n reports a
# failed run"). Of the 162 cases written (32 more kept aside until the end), 142 were right when
# first measured.


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        ("customers text our Twilio number and get an answer about store hours from GPT",
         BASE + "twilioTrigger"),
        ("An assistant that lives in our Slack and answers questions about the employee "
         "handbook (stored in Google Drive).",
         BASE + "slackTrigger"),
        ("I want people to be able to WhatsApp us their tracking number and get the delivery "
         "status back from our Postgres db",
         BASE + "whatsAppTrigger"),
        ("our telegram group keeps asking the same questions. could an AI just answer them "
         "from a FAQ doc in notion?",
         BASE + "telegramTrigger"),
        ("Members of my Telegram channel should be able to ask for today's class schedule, "
         "which lives in Airtable.",
         BASE + "telegramTrigger"),
        ("Whatsapp -> OpenAI -> reply. Customers ask about menu items, answer from a Google "
         "Sheet.",
         BASE + "whatsAppTrigger"),
        ("Patients send a WhatsApp message to book; the AI checks Google Calendar for free "
         "slots and answers with three options.",
         BASE + "whatsAppTrigger"),
        ("Our sales team wants to ask HubSpot questions in plain English from Microsoft Teams "
         "and get answers back from an AI agent.",
         BASE + "microsoftTeamsTrigger"),
        ("Virtual receptionist over SMS (Twilio): answer questions about parking and opening "
         "times with Gemini.",
         BASE + "twilioTrigger"),
        ("Give our Telegram users a way to search our product catalog (in Shopify) just by "
         "typing what they want.",
         BASE + "telegramTrigger"),
        ("Voice notes sent to my Telegram get transcribed by Whisper and the transcript comes "
         "back as a reply.",
         BASE + "telegramTrigger"),
        ("When I forward a link to my Telegram, summarise the page with OpenAI and send the "
         "summary back to me.",
         BASE + "telegramTrigger"),
        ("Could we have something in Slack where the team types /standup and an AI collects "
         "their updates into Notion?",
         BASE + "slackTrigger"),
        ("Personal finance helper on Telegram - I type what I spent, it categorises the "
         "expense with OpenAI and adds a row to Google Sheets.",
         BASE + "telegramTrigger"),
        ("A WhatsApp concierge for our hotel that takes room-service orders and writes them to "
         "Airtable.",
         BASE + "whatsAppTrigger"),
        ("Employees can ask IT questions in a Teams chat; an agent answers from our Confluence "
         "pages.",
         BASE + "microsoftTeamsTrigger"),
        ("Build something where users send a photo of a receipt to our Telegram and get back "
         "the total extracted by GPT-4o vision.",
         BASE + "telegramTrigger"),
        ("answer incoming slack DMs using our notion wiki + openai",
         BASE + "slackTrigger"),
        ("Our Discord community asks lots of repeat questions; have an AI answer them using "
         "our docs.",
         BASE + "webhook"),
        ("I'd love an AI buddy in WhatsApp that reminds me of nothing but just chats with me "
         "about books using Claude and remembers our past chats.",
         BASE + "whatsAppTrigger"),
        ("Let customers check their order status by texting the order number to our Twilio "
         "line; look it up in WooCommerce.",
         BASE + "twilioTrigger"),
        ("A Slack helper: someone writes 'expense 45 lunch' and it logs it to Airtable and "
         "confirms.",
         BASE + "slackTrigger"),
        ("Build an onboarding guide in Telegram that walks new customers through setup steps, "
         "answering with an AI agent.",
         BASE + "telegramTrigger"),
        ("Messages to our WhatsApp number get answered by an agent that can look up bookings "
         "in Postgres.",
         BASE + "whatsAppTrigger"),
        ("Every morning at 8 send a motivational quote to my Telegram.",
         BASE + "scheduleTrigger"),
        ("Post a Slack message to #sales whenever a new HubSpot deal is created.",
         BASE + "hubspotTrigger"),
        ("Chat window on our site where visitors ask about pricing; GPT answers from our "
         "Google Doc.",
         LC + "chatTrigger"),
        ("Send a WhatsApp confirmation to the customer when a new Shopify order is placed.",
         BASE + "shopifyTrigger"),
        ("Morning briefing: my Google Calendar events for today plus unread Gmail highlights, "
         "summarised by OpenAI and sent to Telegram.",
         BASE + "scheduleTrigger"),
        ("A weekly digest of the top posts in our subreddit, written by Claude, emailed with "
         "Gmail on Fridays.",
         BASE + "scheduleTrigger"),
        ("Summarize each new Zendesk ticket with OpenAI and post the summary to #support in "
         "Slack.",
         BASE + "zendeskTrigger"),
        ("I want a recap of yesterday's Stripe payments in my inbox (Gmail) before I start "
         "work.",
         BASE + "scheduleTrigger"),
        ("Write a short summary with GPT for every new article in the TechCrunch RSS feed and "
         "save it to Notion.",
         BASE + "rssFeedReadTrigger"),
        ("Daily standup summary: collect yesterday's messages from #dev in Slack, have Claude "
         "summarise them and post back to #dev.",
         BASE + "scheduleTrigger"),
        ("Give me a monthly KPI report from Postgres emailed as HTML through Outlook on the "
         "1st.",
         BASE + "scheduleTrigger"),
        ("When a meeting recording lands in our Google Drive folder, transcribe it with OpenAI "
         "and email the summary to attendees.",
         BASE + "googleDriveTrigger"),
        ("At the end of each day a summary of all HubSpot deals that changed stage should go "
         "to the sales channel in Teams.",
         BASE + "scheduleTrigger"),
        ("Make an AI-written briefing of overnight GitHub issues and send it to Discord at "
         "7:00.",
         BASE + "scheduleTrigger"),
        ("Every Friday afternoon, compile a report of Toggl hours per client and email it to "
         "finance via Gmail.",
         BASE + "scheduleTrigger"),
        ("A summary of every customer call: when a new Gong... no, when a new Zoom recording "
         "is uploaded to Dropbox, transcribe it and summarise it into Notion.",
         BASE + "scheduleTrigger"),
        ("Every new Typeform feedback response: summarise the sentiment with Claude and add it "
         "to a Google Sheet.",
         BASE + "typeformTrigger"),
        ("Send the leadership team a weekly briefing on competitor news: scrape three sites "
         "via HTTP, summarise with OpenAI, send with Gmail.",
         BASE + "scheduleTrigger"),
        ("Summarise incoming support emails in Gmail and post a one-line summary to Slack.",
         BASE + "gmailTrigger"),
        ("Produce a daily sales summary from Shopify at 6pm and text it to me via Twilio.",
         BASE + "scheduleTrigger"),
        ("When a new PDF report is added to our Google Drive, summarise it with Gemini and "
         "post the key points in Slack.",
         BASE + "googleDriveTrigger"),
        ("Send me a summary of my unread emails every two hours.",
         BASE + "scheduleTrigger"),
        ("Weekly Jira sprint summary -> Slack #eng, Monday mornings.",
         BASE + "scheduleTrigger"),
        ("An executive summary of each closed-won Salesforce opportunity, written by AI, "
         "emailed to the CEO.",
         BASE + "salesforceTrigger"),
        ("Create a report of last quarter's Pipedrive deals by owner and save it to Google "
         "Sheets.",
         BASE + "manualTrigger"),
        ("Daily news digest about AI from NewsAPI, summarised by Claude, posted to our "
         "Telegram channel.",
         BASE + "scheduleTrigger"),
        ("Summarise the comments on each new GitHub pull request with OpenAI and post the "
         "summary as a PR comment.",
         BASE + "githubTrigger"),
        ("Nightly: dump the Postgres orders table to a CSV in S3.",
         BASE + "scheduleTrigger"),
        ("Weekdays at 8:30, post the day's Google Calendar agenda to Slack.",
         BASE + "scheduleTrigger"),
        ("On Mondays, send the team a reminder in Microsoft Teams to fill in their timesheets.",
         BASE + "scheduleTrigger"),
        ("Twice daily (9 and 17h) sync new Pipedrive deals to Google Sheets.",
         BASE + "scheduleTrigger"),
        ("At 7 each morning: fetch the weather from OpenWeatherMap and text it to me with "
         "Twilio.",
         BASE + "scheduleTrigger"),
        ("Each month on the 1st, archive last month's Trello cards to Google Sheets.",
         BASE + "scheduleTrigger"),
        ("Sundays at 10pm back up our Airtable base to Google Drive as JSON.",
         BASE + "scheduleTrigger"),
        ("Run this at 5:45am Mon-Fri: collect open Zendesk tickets older than 2 days and post "
         "them to Slack.",
         BASE + "scheduleTrigger"),
        ("Once a day, fetch the exchange rates via HTTP and update our Google Sheet.",
         BASE + "scheduleTrigger"),
        ("Fortnightly send the newsletter draft from Notion to the editors by Gmail.",
         BASE + "scheduleTrigger"),
        ("at midnight UTC, clear out Redis keys older than a week",
         BASE + "scheduleTrigger"),
        ("Workflow should run on a daily basis and copy new Gmail attachments to OneDrive.",
         BASE + "scheduleTrigger"),
        ("Each evening at 9 log my Strava activities to Notion.",
         BASE + "scheduleTrigger"),
        ("Bi-weekly on Thursdays, email each client their open invoices from QuickBooks.",
         BASE + "scheduleTrigger"),
        ("Pull the latest Hacker News top stories at 07:00 and 19:00 and post them to "
         "Mattermost.",
         BASE + "scheduleTrigger"),
        ("Daily, at around 3am, vacuum and reindex: run these SQL statements on Postgres.",
         BASE + "scheduleTrigger"),
        ("Monthly on the last day, export Harvest time entries to a Google Sheet.",
         BASE + "scheduleTrigger"),
        ("Every weekday morning check which domains expire within 30 days (list in Airtable) "
         "and email me.",
         BASE + "scheduleTrigger"),
        ("Cron 0 */4 * * *: ping our three APIs with HTTP requests and alert Slack if any "
         "returns 500.",
         BASE + "scheduleTrigger"),
        ("Trigger: weekly (Monday 6am)\nSteps:\n- read the Google Sheet of subscribers\n- send "
         "each one a Gmail newsletter",
         BASE + "scheduleTrigger"),
        ("Every other Friday at 4pm post the payroll reminder in Slack.",
         BASE + "scheduleTrigger"),
        ("Each quarter, pull the Stripe MRR via HTTP and update the Notion investors page.",
         BASE + "scheduleTrigger"),
        ("Our booking system will send a POST request to n8n whenever a reservation is made; "
         "add it to Google Calendar and email the guest.",
         BASE + "webhook"),
        ("Expose a webhook that our Next.js app calls with a user id; look the user up in "
         "Supabase and return their plan.",
         BASE + "webhook"),
        ("I've configured Stripe to send events to an n8n webhook URL. On invoice.paid, mark "
         "the Airtable record paid.",
         BASE + "webhook"),
        ("Receive JSON from our IoT sensors via HTTP POST and store the readings in "
         "InfluxDB... or Postgres is fine.",
         BASE + "webhook"),
        ("Webhook in, Slack out: whatever the monitoring tool posts to us, forward the message "
         "to #ops.",
         BASE + "webhook"),
        ("When Shopify calls the webhook endpoint with a new order payload, create the invoice "
         "in Xero.",
         BASE + "webhook"),
        ("Accept form posts from our Webflow site at a webhook and add the lead to Mailchimp.",
         BASE + "webhook"),
        ("Trigger: incoming webhook (POST /leads)\nSteps: validate email, add to HubSpot, "
         "notify #sales on Slack",
         BASE + "webhook"),
        ("Our Salesforce outbound message goes to a webhook; create a task in Asana from it.",
         BASE + "webhook"),
        ("Start from a webhook that receives Calendly payloads and create the contact in "
         "Pipedrive.",
         BASE + "webhook"),
        ("When HubSpot posts a form submission to our webhook, enrich the contact with "
         "Clearbit.",
         BASE + "webhook"),
        ("Provide an HTTP endpoint that takes a prompt and returns Claude's answer as JSON.",
         BASE + "webhook"),
        ("listen for POSTs from typeform on a webhook -> notion page",
         BASE + "webhook"),
        ("Make an endpoint /slack-command for a Slack slash command that returns today's lunch "
         "menu from Google Sheets.",
         BASE + "webhook"),
        ("When our internal tool sends data to the webhook, check if the customer exists in "
         "Stripe and create them if not.",
         BASE + "webhook"),
        ("The Jira webhook we registered points at n8n; when it fires for a new bug, open a "
         "GitHub issue.",
         BASE + "webhook"),
        ("Every hour fetch orders from the Shopify API. If the request fails, wait 5 minutes "
         "and try again; if it still errors, message me on Slack.",
         BASE + "scheduleTrigger"),
        ("When a Typeform is submitted, create the HubSpot contact; if HubSpot returns an "
         "error, log the payload to Google Sheets.",
         BASE + "typeformTrigger"),
        ("Make a workflow that is triggered whenever another workflow throws an error and "
         "posts the node name and message to Teams.",
         BASE + "errorTrigger"),
        ("Webhook receives an invoice; if the amount field is missing, respond with an error "
         "message, otherwise save it to Airtable.",
         BASE + "webhook"),
        ("Daily at 7 pull rates from the ECB API; on failure, fall back to the previous day's "
         "rates in Google Sheets.",
         BASE + "scheduleTrigger"),
        ("If any of my automations crash, send the stack trace to Sentry... actually just "
         "email it to me with Gmail.",
         BASE + "errorTrigger"),
        ("Read error reports submitted through our n8n form and create Linear issues from "
         "them.",
         BASE + "formTrigger"),
        ("Manually triggered: call the OpenAI API for each row of the Google Sheet; on errors "
         "continue with the next row and mark the row as failed.",
         BASE + "manualTrigger"),
        ("When a new GitHub issue is labelled 'error', notify #bugs in Slack.",
         BASE + "githubTrigger"),
        ("Nightly backup of the Postgres db to S3; throw an error if the dump is empty so I "
         "notice.",
         BASE + "scheduleTrigger"),
        ("Track error rates: every 10 minutes query Datadog via HTTP and alert PagerDuty when "
         "errors exceed 5%.",
         BASE + "scheduleTrigger"),
        ("set this as the error workflow for all my other flows: create a Jira bug with the "
         "failing node and the error text",
         BASE + "errorTrigger"),
        ("For rows in Airtable without a valid email, stop with an error; the rest go to "
         "Mailchimp. I'll run it myself.",
         BASE + "manualTrigger"),
        ("If a workflow execution fails, retry it once and if it fails again, alert me on "
         "Telegram.",
         BASE + "errorTrigger"),
        ("Incoming webhook with a payment; validate it, and when validation errors, reply with "
         "422 and the reason.",
         BASE + "webhook"),
        ("A monitor: whenever n8n reports a failed run, write the workflow name and time into "
         "a Postgres table.",
         BASE + "errorTrigger"),
        ("Log every Sentry error event that our webhook receives into a Notion database.",
         BASE + "webhook"),
        ("When an email with 'error' in the subject arrives in Gmail, create a Jira ticket.",
         BASE + "gmailTrigger"),
        ("When an invoice in QuickBooks... no, in Xero is marked paid, thank the customer by "
         "email.",
         BASE + "scheduleTrigger"),
        ("Once a deal moves to 'Contract sent' in Pipedrive, create a DocuSign envelope via "
         "HTTP.",
         BASE + "pipedriveTrigger"),
        ("Asana tasks that get completed should be archived in Notion with the completion "
         "date.",
         BASE + "asanaTrigger"),
        ("Whenever a ClickUp task's status flips to 'blocked', alert the project lead in "
         "Slack.",
         BASE + "clickUpTrigger"),
        ("Jira: when an issue transitions to In Review, assign the reviewer and ping them in "
         "Teams.",
         BASE + "jiraTrigger"),
        ("When a Shopify order is fulfilled, ask the customer for a review via Gmail a week "
         "later.",
         BASE + "shopifyTrigger"),
        ("When a HubSpot contact becomes a customer (lifecycle stage changes), add them to the "
         "onboarding list in Mailchimp.",
         BASE + "hubspotTrigger"),
        ("If a Stripe subscription is cancelled, remove the user from our Discord role via "
         "HTTP and tag them in HubSpot.",
         BASE + "stripeTrigger"),
        ("Salesforce opportunities that close as lost -> ask the rep for a loss reason by "
         "Slack DM.",
         BASE + "salesforceTrigger"),
        ("Whenever a Notion task's status changes to Done, tick it off in Todoist.",
         BASE + "notionTrigger"),
        ("When the stage of a Pipedrive deal changes, update the matching row in Google "
         "Sheets.",
         BASE + "pipedriveTrigger"),
        ("Each time a Linear issue is marked as done, post it to the #shipped Slack channel.",
         BASE + "linearTrigger"),
        ("When a WooCommerce order status changes to refunded, reverse the sale in QuickBooks.",
         BASE + "wooCommerceTrigger"),
        ("Calendly meeting canceled -> remove the deal from HubSpot and email the sales rep.",
         BASE + "calendlyTrigger"),
        ("Airtable records whose 'Approved' checkbox gets ticked should be sent to the client "
         "by Gmail.",
         BASE + "airtableTrigger"),
        ("When somebody unsubscribes from our Mailchimp list, mark them as unsubscribed in "
         "Salesforce.",
         BASE + "mailchimpTrigger"),
        ("A Google Calendar event gets cancelled -> notify attendees on Slack.",
         BASE + "googleCalendarTrigger"),
        ("When the status of a Monday.com item changes, post an update to Teams.",
         BASE + "scheduleTrigger"),
        ("The moment a GitHub release is published, tweet it.",
         BASE + "githubTrigger"),
        ("When a HubSpot ticket is closed, send the customer a satisfaction survey via "
         "Typeform link by email.",
         BASE + "hubspotTrigger"),
    ],
)  # fmt: skip
def test_a_tenth_batch_starts_right(request_text: str, trigger: str) -> None:
    _starts_with(request_text, trigger)


@pytest.mark.parametrize(
    ("request_text", "starts"),
    [
        ("Several times a day, check Shopify for low-stock products and email the buyer (plus "
         "a button so I can run it by hand).",
         ["scheduleTrigger", "manualTrigger"]),
        ("Once daily, and also manually when I need it: refresh the Google Sheet with open "
         "GitHub issues.",
         ["scheduleTrigger", "manualTrigger"]),
        ("Either a form submission or a nightly run should kick off the lead scoring in "
         "Clearbit and HubSpot.",
         ["formTrigger", "scheduleTrigger"]),
        ("Two ways to start it: an n8n form where staff upload a CSV, and a webhook our ERP "
         "calls. Either way import the rows into Postgres.",
         ["formTrigger", "webhook"]),
        ("It should start when a new row is added in Google Sheets, or every Monday at 9 as a "
         "catch-up: send each new row to HubSpot.",
         ["googleSheetsTrigger", "scheduleTrigger"]),
        ("Entry points: 1) chat with the agent, 2) a webhook from our app. The agent answers "
         "using our Pinecone knowledge base.",
         ["chatTrigger", "webhook"]),
        ("Allow it to be triggered from a webhook as well as from a manual click; it exports "
         "Jira issues to CSV.",
         ["webhook", "manualTrigger"]),
        ("Kick it off either from Telegram (when I send /report) or daily at 18:00: build a "
         "sales report from Shopify.",
         ["telegramTrigger", "scheduleTrigger"]),
        ("Can be started by a form or by an email arriving in Gmail; both create a Jira "
         "ticket.",
         ["formTrigger", "gmailTrigger"]),
        ("Both a weekly schedule and a Slack message in #refresh should rebuild the dashboard "
         "data in Google Sheets.",
         ["scheduleTrigger", "slackTrigger"]),
    ],
)  # fmt: skip
def test_a_tenth_batch_with_several_starts(request_text: str, starts: list[str]) -> None:
    out = run(request_text)
    assert {t.rsplit(".", 1)[-1] for t in out.triggers} == set(starts)
    assert out.strict_errors() == []


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        # written after the kept-aside cases were measured: "every half hour", an end-of-week
        # report, a URL another system hits, an app that POSTs to us
        ("Every half hour pull new Shopify orders into Airtable.",
         BASE + "scheduleTrigger"),
        ("End-of-week report of Trello cards moved to Done, emailed to the team through Gmail.",
         BASE + "scheduleTrigger"),
        ("Give me a URL that Typeform can hit with each response; store it in Notion.",
         BASE + "webhook"),
        ("Our kiosk app POSTs check-ins to us; log each one in Google Sheets.",
         BASE + "webhook"),
        ("Send the results to us by email every Monday: open Jira bugs.",
         BASE + "scheduleTrigger"),
    ],
)  # fmt: skip
def test_half_hours_week_ends_and_systems_that_call_us(request_text: str, trigger: str) -> None:
    _starts_with(request_text, trigger)


# ------------------------------------------------------------------ session 9 (HT3): families
# Written before running them; the comment on each group names the family and how many of the
# group failed before the change that fixed it.


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        # an order after the event with no comma: the app after the order is acted on (3 of 4)
        ("when a github issue is opened drop a line on telegram with its title",
         BASE + "githubTrigger"),
        ("when an asana task is completed write a line on discord with its name",
         BASE + "asanaTrigger"),
        ("whenever a Netlify deploy fails tell us in slack", BASE + "netlifyTrigger"),
        ("once a Trello card is archived message the owner on Slack", BASE + "trelloTrigger"),
        # the state said with "as" after an order is no event opener (1 of 1)
        ("chargebee subscription cancelled -> tag the customer as churned in hubspot",
         BASE + "chargebeeTrigger"),
        # an everyday app name followed by one of its own records (catalog) (1 of 2)
        ("Wise transfer state changes -> post to slack #finance", BASE + "wiseTrigger"),
        ("If a Copper opportunity is updated to Won, create a project in Asana",
         BASE + "copperTrigger"),
        # "Drive" alone, capitalised (1 of 1)
        ("When a Google Meet recording lands in Drive, transcribe and summarise it and email "
         "the summary to attendees", BASE + "googleDriveTrigger"),
        # a spreadsheet named by its kind alone (2 of 2)
        ("if a new row lands in the Orders sheet, welcome the buyer by email",
         BASE + "googleSheetsTrigger"),
        ("the sheet has a Status column. When a row's status changes to 'Approved', email the "
         "address in that row with Gmail.", BASE + "googleSheetsTrigger"),
        # the subject of the sentence, pointed back at by "they" (1 of 1)
        ("Could you set up something so that our Asana tasks, when they get completed, are "
         "logged in a Notion database?", BASE + "asanaTrigger"),
        # a line break ends the event clause (1 of 1)
        ("Trigger: HubSpot deal stage changed\nAction: if the new stage is 'contract sent', "
         "email legal with outlook", BASE + "hubspotTrigger"),
    ],
)  # fmt: skip
def test_session9_state_changes_start_from_the_apps_trigger(
    request_text: str, trigger: str
) -> None:
    _starts_with(request_text, trigger)


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        # a responder on a mail or support app (2 of 2): Outlook lowercase, Help Scout's
        # conversations (its trigger's "Conversation - Created" event, from the catalog)
        ("an outlook responder that drafts replies to incoming customer emails with Claude",
         BASE + "microsoftOutlookTrigger"),
        ("Help Scout auto-responder that replies to new conversations with an AI answer from our "
         "docs", BASE + "helpScoutTrigger"),
        # a bot ruled out by name is no start (1 of 2)
        ("a whatsapp bot is not needed, just a telegram bot that answers FAQ with openai",
         BASE + "telegramTrigger"),
        ("no slack bot please - build the helpdesk bot on Teams, it should reply with answers "
         "from our Notion wiki", BASE + "microsoftTeamsTrigger"),
    ],
)  # fmt: skip
def test_session9_bots_start_from_their_apps_trigger(request_text: str, trigger: str) -> None:
    _starts_with(request_text, trigger)


def test_a_ruled_out_bot_app_is_no_step() -> None:
    out = run("a whatsapp bot is not needed, just a telegram bot that answers FAQ with openai")
    assert not any("whatsApp" in t for t in out.types), out.types


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        # what the session 9 cues leave alone
        ("summarise each new Intercom conversation with GPT and post the summary in slack",
         BASE + "scheduleTrigger"),
        ("Every morning, get the deals in HubSpot that moved to won yesterday and post them to "
         "Slack", BASE + "scheduleTrigger"),
        ("When I submit the form, mark the Trello card as done", BASE + "formTrigger"),
        ("When a new message arrives in Slack, save it to Notion", BASE + "slackTrigger"),
        ("When a new file is added to my Dropbox, copy it to Google Drive",
         BASE + "scheduleTrigger"),
        ("Local file trigger on my shared drive folder: when a file is added, email it to me",
         BASE + "localFileTrigger"),
        ("Send me a Telegram message when my drive to work starts raining... I mean every "
         "morning at 7 with the weather", BASE + "scheduleTrigger"),
    ],
)  # fmt: skip
def test_what_the_session9_cues_leave_alone(request_text: str, trigger: str) -> None:
    _starts_with(request_text, trigger)


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        # written before the fixes of the second session 9 step; 19 of these 26 failed before
        # short forms of app names (4 of 6)
        ("SF: lead converted -> create the account in Xero and notify #sales on slack",
         BASE + "salesforceTrigger"),
        ("GH: new release published -> tweet the release notes", BASE + "githubTrigger"),
        ("pg table `signups`: when a row is inserted, send the new user a welcome mail via "
         "sendgrid", BASE + "postgresTrigger"),
        ("o365 inbox: for every incoming mail from a customer, have GPT draft a reply",
         BASE + "microsoftOutlookTrigger"),
        ("office 365 mailbox - when an email arrives with an invoice attached, save the "
         "attachment to OneDrive", BASE + "microsoftOutlookTrigger"),
        ("every file that lands in the Receipts folder on drive should be OCR'd and logged to a "
         "sheet", BASE + "googleDriveTrigger"),
        # the app named in a sentence before, the event naming only the record (2 of 6)
        ("We track our hiring in Workable. When a candidate is moved to the Offer stage, email "
         "HR with gmail.", BASE + "workableTrigger"),
        ("support lives in zendesk. when a ticket gets solved, post the CSAT link in the ticket "
         "thread on slack", BASE + "zendeskTrigger"),
        ("Our cypress runs report into Currents. If a run times out or gets cancelled, open a "
         "github issue and ping the on-call channel on discord", BASE + "currentsTrigger"),
        # each new record of an app named elsewhere (2 of 3)
        ("We use Help Scout for support. I want an AI bot that answers each new conversation "
         "about shipping using our FAQ doc.", BASE + "helpScoutTrigger"),
        ("Our store runs on Shopify. Every new order over $500 should be posted in #big-orders "
         "on Slack.", BASE + "shopifyTrigger"),
        # pointing back with "one" (2 of 3)
        ("The shared Gmail inbox gets invoices from suppliers, and when one of those arrives I "
         "want the PDF saved to Dropbox", BASE + "gmailTrigger"),
        ("Tickets pile up in Jira. Whenever one of them is marked as a blocker, ping the team "
         "lead on Teams", BASE + "jiraTrigger"),
        # error workflows said another way (2 of 3)
        ("build a workflow that catches errors from all my other workflows and posts them to "
         "slack", BASE + "errorTrigger"),
        ("I need a flow that runs when other workflows are failing and logs the execution id to "
         "a Google Sheet", BASE + "errorTrigger"),
        # the app's place named before the colon (1 of 2)
        ("Asana project 'Launch': a task moved into the Review section means the reviewer gets a "
         "Slack DM", BASE + "asanaTrigger"),
        ("invoices get uploaded to our Box 'AP' folder -> extract the totals with AI -> append to "
         "Excel", BASE + "boxTrigger"),
        # an app configured to call our webhook; a button to press (2 of 2)
        ("Calendly is configured to POST to our webhook (we don't want the Calendly trigger). Add "
         "the invitee to Airtable.", BASE + "webhook"),
        ("just a button I can click that archives all done cards in Trello (I do this whenever a "
         "sprint ends)", BASE + "manualTrigger"),
        # a part of the day heading the order; a day heading the request (3 of 3)
        ("In the evening, pull today's Stripe payouts and post a summary to Slack",
         BASE + "scheduleTrigger"),
        ("In the morning, send me my Google Calendar agenda on Telegram", BASE + "scheduleTrigger"),
        ("friday thing: which of my github repos got new stars this week? post the list to "
         "discord", BASE + "scheduleTrigger"),
        # auto-reply to inbound msgs on an app heading the request (1 of 2)
        ("Telegram: auto-reply to inbound msgs at night with 'we are closed'",
         BASE + "telegramTrigger"),
        ("Slack - reply to incoming DMs while I'm on holiday with my out of office note",
         BASE + "slackTrigger"),
    ],
)  # fmt: skip
def test_session9_second_batch_starts_right(request_text: str, trigger: str) -> None:
    _starts_with(request_text, trigger)


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        # what the second batch's cues leave alone
        ("We use Shopify and Slack. Every morning send a summary of yesterday's orders to Slack.",
         BASE + "scheduleTrigger"),
        ("Our CRM is HubSpot. Send a Slack message when I press the button.",
         BASE + "manualTrigger"),
        ("Post to Slack. When a deal is won, also email the rep.", BASE + "manualTrigger"),
        ("send it in the evening. Pull the Stripe payouts and email them to me.",
         BASE + "manualTrigger"),
        ("I drive to the office on Fridays, remind me on Telegram at 7 to take the laptop",
         BASE + "scheduleTrigger"),
    ],
)  # fmt: skip
def test_what_the_session9_second_batch_leaves_alone(request_text: str, trigger: str) -> None:
    _starts_with(request_text, trigger)


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        # a third batch, written before running it: 6 of 38 failed; these are the families
        # fixed (the list item opening, "<app> repo:", "Woo", "every incoming support email",
        # a passive order after the event, "gets marked urgent", "uses linear for bugs")
        ("1. deal in hubspot hits 'Closed Won'\n2. create invoice in xero\n3. slack the AE",
         BASE + "hubspotTrigger"),
        ("our github repo: PR review requested → DM the reviewer on slack", BASE + "githubTrigger"),
        ("Once our Woo store gets a new order, create the shipment in ShipStation (http)",
         BASE + "wooCommerceTrigger"),
        ("Gmail: every incoming support email gets an AI-drafted reply saved as a draft",
         BASE + "gmailTrigger"),
        ("hey so our team uses linear for bugs, could u make it that whenever a bug gets marked "
         "urgent the whole #eng channel in slack gets pinged", BASE + "linearTrigger"),
        # and some of the batch that passed before, kept as they are
        ("📦 shopify order gets fulfilled ➡️ send the tracking link to the buyer on whatsapp",
         BASE + "shopifyTrigger"),
        ("i need: airtable record updated (Status = Approved) → generate PDF with the details → "
         "email it to the client via gmail", BASE + "airtableTrigger"),
        ("Please watch our Notion roadmap: when an item's status turns to Shipped, post a "
         "changelog entry on Discord", BASE + "notionTrigger"),
        ("our sales team wants a Slack assistant they can DM to ask for the latest numbers from "
         "HubSpot", BASE + "slackTrigger"),
        ("Fetch the RSS feed every hour and post new items to Slack. If the feed request fails, "
         "retry 3 times.", BASE + "scheduleTrigger"),
        ("We use linear regression in a Python script; every Monday email me the Google Sheet "
         "with the forecasts", BASE + "scheduleTrigger"),
    ],
)  # fmt: skip
def test_session9_third_batch_starts_right(request_text: str, trigger: str) -> None:
    _starts_with(request_text, trigger)


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        # a fourth and fifth batch (bots, summaries, less common apps), written before running
        # them: 1 of 23 and 3 of 20 failed; "if one of our Netlify builds fails" was fixed
        ("if one of our Netlify builds fails, open a GitHub issue", BASE + "netlifyTrigger"),
        ("we get tons of DMs on our telegram asking about prices. can an AI handle those using "
         "the price list in our sheet?", BASE + "telegramTrigger"),
        ("Twilio number for our restaurant: people text 'menu' and get today's specials back",
         BASE + "twilioTrigger"),
        ("people email support@ with refund requests; an agent should read each one, look up "
         "the Stripe charge and draft a reply in Gmail", BASE + "gmailTrigger"),
        ("We'd like a Slack bot. Not a Telegram one. It should answer questions about our API "
         "docs.", BASE + "slackTrigger"),
        ("help scout: auto-reply to new conversations tagged 'billing' with an AI answer",
         BASE + "helpScoutTrigger"),
        ("summarize every incoming Outlook email from my boss and send the summary to my phone "
         "via Pushover", BASE + "microsoftOutlookTrigger"),
        ("every two hours check for new Zendesk tickets, summarise them and post to Teams",
         BASE + "scheduleTrigger"),
        ("gcal event moved to a new time? update the slot in our airtable",
         BASE + "googleCalendarTrigger"),
        ("copper crm: when an opportunity's status becomes Won create a Trello card for "
         "onboarding", BASE + "copperTrigger"),
        ("Acuity: appointment cancelled → refund via Stripe (http) and email the client",
         BASE + "acuitySchedulingTrigger"),
        ("Gitlab pipeline failed on main -> page the on-call via PagerDuty",
         BASE + "gitlabTrigger"),
    ],
)  # fmt: skip
def test_session9_fourth_batch_starts_right(request_text: str, trigger: str) -> None:
    _starts_with(request_text, trigger)


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        # last session 9 step (our own wording of three families seen in the diagnosis sets;
        # all failed before): a schedule word inside quotes is a value; an error workflow said
        # as "on any workflow failure"; "new orders of the day" is a report, "at evening" a time
        ("We plan posts in Airtable. When a post's status switches to 'Approved', publish it to "
         "WordPress and set the status to 'Scheduled'", BASE + "airtableTrigger"),
        ("central error handler please: on any workflow failure append the details to a Google "
         "Sheet", BASE + "errorTrigger"),
        ("send me a summary of all new orders of the day in Shopify on telegram at evening",
         BASE + "scheduleTrigger"),
    ],
)  # fmt: skip
def test_session9_quoted_values_error_handlers_and_daily_reports(
    request_text: str, trigger: str
) -> None:
    _starts_with(request_text, trigger)


def test_an_error_handler_still_writes_to_the_sheet_it_names() -> None:
    out = run(
        "central error handler please: on any workflow failure append the details to a Google Sheet"
    )
    assert BASE + "googleSheets" in out.types, out.types
