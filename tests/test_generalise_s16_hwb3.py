"""Which start: a webhook an app calls vs the app's trigger, other runs failing, schedules
(issue #17 Part 2, session 16, HWB3).

Causes found on requests of our own (none from a read or clean set):
- another system set up to call us ("Stripe is configured to send events to this URL",
  "Trello is set up to call this workflow's URL") read the "to" before the send as the asker's
  side: the send was taken as the workflow's own, and the app's trigger or a manual start won;
- "ClickUp automations send a webhook to our URL": a webhook *sent* was read as one the
  workflow calls, though another system is the subject of the send; "Jira Cloud automation
  calls our URL": a named system's automation was read as the workflow's own part; "POSTs
  invitee.created to n8n": the dot of an event name ended the send's clause;
- the workflow's own address named without a send ("I registered our n8n URL in the Mailchimp
  dashboard") was read as a place inside the app;
- "our nightly sync workflows sometimes die", "one of the workflows we run goes down", "keeps
  crashing": failures not read, and the runs' own schedule started the workflow; "our Shopify
  sync workflow fails": an app inside the run was read as the app's own failing run, though
  the run is named by the work it does with the app;
- "when a HubSpot deal is won send the deal to the webhook of our billing system": with no
  comma, the order after the record's change was read as the app calling the webhook;
- "A run at 22:00 that re-processes anything missed in the Airtable queue": a timed run read as
  a record's change in Airtable; "At lunchtime, ..." was no time of day;
- "Create a daily-standup form where ...", "Nightly-shift incident form: ...": a frequency in
  the form's name came first and its Schedule Trigger replaced the form;
- "Triggers: (1) webhook ... (2) every day at 7", "This flow has 2 starts: ...": starts listed
  under a heading or counted in digits were not read as several entry points;
- plain registers: "Shopify is sending to my n8n link" (a link is the workflow's address too,
  but not when it is sent as content: "Send our n8n URL to every new contact"), "many
  workflows, sometime one is failing", "a Monday-morning Slack message" (a hyphen between the
  day and its part);
- "each weekday morning I want to get a Slack DM ...", "I want a weekly report ... in Slack":
  the asker wishing for a message was read as people writing in, so the messaging app's
  trigger replaced the schedule.
Each group has near-variants that must keep their start (the app's own event, a send the
workflow makes to an address it writes, another workflow's webhook it calls).
"""

from __future__ import annotations

import pytest
from generalise_support import starts

WEBHOOK = {"webhook"}


@pytest.mark.parametrize(
    "request_text",
    [
        "Stripe is configured to send events to this URL. For every refund, post a note in "
        "Slack #finance.",
        "Trello is set up to call this workflow's URL when a card is moved; mirror the card to a "
        "GitHub issue.",
        "We use ClickUp. ClickUp automations send a webhook to our URL when a task changes status "
        "- update the matching row in Postgres.",
        "I registered our n8n URL in the Mailchimp dashboard for campaign events; log each send "
        "in Airtable.",
        "Our Stripe account has been set to notify an endpoint of ours about disputes. Open a "
        "Freshdesk ticket for each dispute.",
        "Airtable automation -> 'send webhook' action -> our n8n. Then: create the invoice in "
        "Xero.",
        "Jira Cloud automation calls our URL with issue key when a bug is created. Then create a "
        "Linear issue copy.",
        "The Calendly subscription POSTs invitee.created to n8n; create the person in Pipedrive",
        "The HubSpot workflow sends a webhook to n8n when a contact becomes an MQL; create a "
        "ClickUp task.",
        # already green: other ways an app calls us
        "Shopify hits our endpoint whenever an order is paid; push the line items into Airtable.",
        "our CRM (HubSpot) fires a webhook at us when a deal closes -> create the customer in "
        "QuickBooks",
        "We configured Shopify to post new orders to our URL. Save each order to Supabase.",
        "HubSpot sends us a webhook every time a contact's lifecycle stage changes; update the "
        "row in Google Sheets.",
        "Setup: Pipedrive → webhooks → 'deal.updated' → our n8n endpoint. Workflow: if stage is "
        "Won, create a project in Asana.",
        "1) WooCommerce sends order.created to our n8n webhook 2) look up the customer in HubSpot "
        "3) email them via Gmail",
        "Hi, our Pipedrive is set to notify my webhook on new deals. Please make workflow: "
        "webhook receive, then send SMS with Twilio to sales manager.",
    ],
)
def test_an_app_calling_our_address_starts_from_a_webhook(request_text: str) -> None:
    assert starts(request_text) == WEBHOOK


@pytest.mark.parametrize(
    ("request_text", "start"),
    [
        ("When a Trello card is moved, call our endpoint https://api.example.com/cards with the "
         "card id.", "trelloTrigger"),
        ("When a ClickUp task changes status, send a webhook to our billing service at "
         "https://bill.example.com/hook.", "clickUpTrigger"),
        ("When a new Stripe customer is created, trigger the onboarding workflow's webhook with "
         "their email.", "stripeTrigger"),
        ("When a Typeform form is filled, kick off our onboarding flow by calling its webhook URL "
         "with the answers.", "typeformTrigger"),
        ("Each day at noon hit the webhook of the 'refresh caches' workflow.", "scheduleTrigger"),
        ("When a Shopify order is created, push the line items into Airtable.", "shopifyTrigger"),
        ("New Stripe dispute -> open a Freshdesk ticket", "stripeTrigger"),
        ("When a new Typeform answer comes in, post it to our Discord webhook.", "typeformTrigger"),
        ("Every hour, send the new Airtable records to our ERP's URL https://erp.example.com/in",
         "scheduleTrigger"),
        ("When a new HubSpot contact is created, send it to our endpoint at "
         "https://crm-sync.example.com/in", "hubspotTrigger"),
        ("Send the rows of my sheet to our endpoint https://api.example.com/ingest when I run it",
         "manualTrigger"),
        ("When someone books a meeting through Calendly add them to Mailchimp", "calendlyTrigger"),
        # the workflow's own calls, said after words that are not the asker
        ("Nightly job: at 2am refresh the search index by calling POST /reindex; if it errors, "
         "retry once.", "scheduleTrigger"),
        ("Backup routine - at 23:30 start the export by sending a GET request to /export on our "
         "server", "scheduleTrigger"),
        ("When a payment succeeds in Stripe, post payment.succeeded details to our accounting "
         "endpoint https://acc.example.com/hook", "stripeTrigger"),
        ("Every hour send order.created events from our Postgres outbox to the partner URL "
         "https://partner.example.com/events", "scheduleTrigger"),
        ("The n8n workflow posts each new Typeform response to our CRM endpoint "
         "https://crm.example.com/in", "typeformTrigger"),
        ("We set up a webhook in Discord for the #alerts channel; when a GitHub issue is opened, "
         "post to it.", "githubTrigger"),
        ("I made a webhook in Mattermost. Whenever a new HubSpot deal is created, post it there.",
         "hubspotTrigger"),
    ],
)  # fmt: skip
def test_an_app_event_or_a_call_we_make_keeps_its_start(request_text: str, start: str) -> None:
    assert starts(request_text) == {start}


@pytest.mark.parametrize(
    "request_text",
    [
        "our nightly sync workflows sometimes die at 3am. when that happens i want a discord ping "
        "with what broke",
        "Whenever any of my n8n workflows fails, send me a Telegram message with the workflow "
        "name and the error.",
        "If one of our automations crashes, open a ticket in Jira with the execution URL.",
        "Catch failures from all our other flows and log them into an Airtable base",
        "Monitoring: whenever a workflow in this n8n instance stops with an error, create a "
        "Linear issue.",
        "When my HubSpot import workflow fails, email me the error via Gmail.",
        "Our Shopify sync workflow keeps crashing at night. I want a PagerDuty alert whenever it "
        "does.",
        "When one of the workflows we run for clients goes down, open a Zendesk ticket.",
        "Our Stripe backup workflow sometimes fails; when it does, text me via Twilio.",
        "If the Airtable-to-Notion sync flow breaks, ping me on Slack.",
    ],
)
def test_other_runs_failing_start_from_the_error_trigger(request_text: str) -> None:
    assert starts(request_text) == {"errorTrigger"}


@pytest.mark.parametrize(
    ("request_text", "start"),
    [
        ("Every hour check our API health endpoint; if it returns an error, post to Slack #ops.",
         "scheduleTrigger"),
        ("New Shopify order -> send to ShipStation; if that step errors, email the warehouse.",
         "shopifyTrigger"),
        ("Every night, run the backup script over SSH and if the command fails send me a "
         "Telegram message.", "scheduleTrigger"),
        ("When a GitHub workflow run fails on main, post it in #ci on Slack.", "githubTrigger"),
        ("Every day at 7 export error logs from our Postgres table to a CSV and email it",
         "scheduleTrigger"),
        ("When the Stripe charge fails, email the customer through Gmail.", "stripeTrigger"),
        ("When a GitHub Actions workflow run fails, post the link to Discord.", "githubTrigger"),
        ("Every 5 minutes check if our website goes down and alert Slack.", "scheduleTrigger"),
        ("When a Netlify deploy of our site breaks, open a GitHub issue.", "netlifyTrigger"),
    ],
)  # fmt: skip
def test_an_error_inside_a_step_is_no_error_workflow(request_text: str, start: str) -> None:
    assert starts(request_text) == {start}


@pytest.mark.parametrize(
    "request_text",
    [
        "Each weekday morning I want to get a Slack DM listing my Jira tickets in progress.",
        "I want a weekly report on monday morning with last week's Google Analytics sessions in "
        "Slack",
        "I need a daily summary of my Gmail inbox sent to me on Slack at 8.",
        "I'd like to get the overdue tasks from ClickUp by email each morning at 8.",
        "Our marketing team wants a Friday afternoon recap of the week's Mailchimp campaign stats "
        "in their Slack channel.",
        "Remind the team in Discord on Thursdays at 3 to fill in their timesheets.",
        "Mondays at 10: summarise last week's HubSpot deals and email the summary to "
        "sales@example.com",
        "Please at 7 o'clock in the morning every working day send to my team in Teams the list "
        "of meetings of today from Google Calendar.",
    ],
)
def test_a_wished_for_message_on_a_schedule_starts_from_the_schedule(request_text: str) -> None:
    assert starts(request_text) == {"scheduleTrigger"}


@pytest.mark.parametrize(
    ("request_text", "start"),
    [
        ("volunteers keep asking the same questions in our Telegram group every day; answer them "
         "from our FAQ in Notion", "telegramTrigger"),
        ("Every morning customers text our Twilio number their order id; reply with the "
         "delivery status from Shopify.", "twilioTrigger"),
    ],
)  # fmt: skip
def test_people_writing_in_on_a_schedule_still_start_it(request_text: str, start: str) -> None:
    assert starts(request_text) == {start}


@pytest.mark.parametrize(
    ("request_text", "start"),
    [
        ("when a HubSpot deal is won send the deal to the webhook of our billing system",
         "hubspotTrigger"),
        ("When a new Shopify order arrives forward it to our fulfilment webhook", "shopifyTrigger"),
        # the app calling the webhook in the same clause keeps the webhook
        ("When a HubSpot contact is created HubSpot sends it to our webhook; add it to "
         "Mailchimp.", "webhook"),
        ("when a new order is placed Shopify posts it to my webhook url and I want it in "
         "Airtable", "webhook"),
        ("When a lead is created in Pipedrive our CRM fires a webhook at n8n, create a Trello "
         "card.", "webhook"),
        ("when a Typeform response is submitted it gets posted to our n8n webhook; save it to "
         "Notion", "webhook"),
        ("When a Jira issue is closed post it to the Slack incoming webhook", "jiraTrigger"),
    ],
)  # fmt: skip
def test_an_order_after_the_event_sends_to_the_webhook(request_text: str, start: str) -> None:
    assert starts(request_text) == {start}


@pytest.mark.parametrize(
    ("request_text", "start"),
    [
        ("A run at 22:00 that re-processes anything missed in the Airtable queue and upserts "
         "into HubSpot.", "scheduleTrigger"),
        ("At lunchtime, send the #random channel on Slack a random cat fact from the cat facts "
         "API.", "scheduleTrigger"),
        ("Every weekday at lunch post the canteen menu from Google Sheets to Teams.",
         "scheduleTrigger"),
        ("Deals that hit 'Closed Won' in HubSpot should get a Slack message in #sales.",
         "hubspotTrigger"),
        ("Each successful Stripe checkout should create an invoice in Xero.", "stripeTrigger"),
        ("Reaction added in Slack -> copy the message to a Notion page.", "slackTrigger"),
        ("When I click the button, send me the lunch menu from Notion on Slack.",
         "manualTrigger"),
    ],
)  # fmt: skip
def test_a_timed_run_is_a_schedule_not_a_record_event(request_text: str, start: str) -> None:
    assert starts(request_text) == {start}


@pytest.mark.parametrize(
    ("request_text", "start"),
    [
        ("Create a daily-standup form where team members fill in what they did; post each "
         "answer to Slack.", "formTrigger"),
        ("Nightly-shift incident form: workers submit incidents, which go into Postgres and "
         "notify the supervisor by SMS.", "formTrigger"),
        ("Our weekly feedback form should save every answer into Airtable.", "formTrigger"),
        # a frequency that times the run keeps the schedule
        ("Every Monday, send the weekly feedback form link to all HubSpot contacts by email.",
         "scheduleTrigger"),
        ("Post a daily-digest of new Jira issues to Slack.", "scheduleTrigger"),
        ("Send our daily report form to the managers by email at 8am.", "scheduleTrigger"),
        ("A nightly-build summary from GitHub should go to Discord at 23:00.", "scheduleTrigger"),
        ("Daily: check the form responses in Google Sheets and email a summary.",
         "scheduleTrigger"),
    ],
)  # fmt: skip
def test_a_frequency_in_a_forms_name_is_no_schedule(request_text: str, start: str) -> None:
    assert starts(request_text) == {start}


@pytest.mark.parametrize(
    ("request_text", "expected"),
    [
        ("Starts: a new Gmail message OR a Slack message in #requests. Then create a ClickUp "
         "task.", {"gmailTrigger", "slackTrigger"}),
        ("Triggers: (1) webhook from our site (2) every day at 7. Action: add lead to HubSpot.",
         {"webhook", "scheduleTrigger"}),
        ("This flow has 2 starts: cron at 01:00 and a webhook. It recalculates scores in "
         "Postgres.", {"scheduleTrigger", "webhook"}),
        # one start under the heading, or "triggers" naming something else: one trigger
        ("Triggers: new Stripe charge. Actions: add it to Google Sheets and notify Slack #sales.",
         {"stripeTrigger"}),
        ("Start conditions: every weekday at 9. Pull open Jira tickets and email them to me via "
         "Gmail.", {"scheduleTrigger"}),
        ("Ways in: our website contact form. Save the message to Airtable and email me via "
         "Outlook.", {"formTrigger"}),
        ("We have 3 triggers in Zapier to replace; start with this one: when a Typeform is "
         "submitted add a row to Google Sheets.", {"typeformTrigger"}),
        ("Starts - a new Gmail email with an invoice; save the PDF to Dropbox and log it in "
         "Google Sheets.", {"gmailTrigger"}),
    ],
)  # fmt: skip
def test_starts_listed_under_a_heading_are_all_built(request_text: str, expected: set[str]) -> None:
    assert starts(request_text) == expected


@pytest.mark.parametrize(
    ("request_text", "start"),
    [
        ("Hello, I have problem: Shopify is sending to my n8n link all new orders. I need that "
         "each order go to Google Sheet and to Telegram for me.", "webhook"),
        ("i have many workflows, sometime one is failing and nobody see it. make that i get "
         "telegram message then", "errorTrigger"),
        ("Background: our sales team lives in Pipedrive and hates email. Ask: a Monday-morning "
         "Slack message with every deal that has had no activity for 14 days.",
         "scheduleTrigger"),
        ("Friday-afternoon recap: email me the week's closed Zendesk tickets.", "scheduleTrigger"),
        # the workflow's own address sent as content, workflows that sometimes do something else
        ("Share my n8n link with new signups from Typeform by email.", "typeformTrigger"),
        ("Send our n8n URL to every new HubSpot contact in a welcome email.", "hubspotTrigger"),
        ("We have workflows that sometimes send duplicate emails via Gmail; every hour, find "
         "duplicates in the sheet and delete them.", "scheduleTrigger"),
    ],
)  # fmt: skip
def test_plain_registers_say_the_same_starts(request_text: str, start: str) -> None:
    assert starts(request_text) == {start}
