"""Which start, when a request names a webhook and apps, or several apps (issue #17 Part 2,
session 14): an explicit webhook wins over the app that calls it, and the trigger belongs to
the app the records come from, not the one they are written to.

Why: a webhook is often said without the word ("Pipedrive hits our URL when ...", "a Jira rule
fires a web request to us", "Zendesk calls a URL of ours"); unread, the app event after it
built that app's own trigger instead (``engine.intent.entities._sent_to_our_address``). With
two apps and an event pointed at by a pronoun ("Log Toggl entries to Google Sheets as they are
added", "Mirror Linear issues into GitHub issues when they are created"), the app named last
was taken - as often the one written to (``_sources_first``). And an app's own incoming
webhook the workflow posts to ("posted to our Slack webhook") or "us" in an app ("sends a
message to us on WhatsApp") is no webhook start (``_apps_own_hook``).

Each label was checked against the catalog: the trigger node exists and offers the event.
"""

from __future__ import annotations

import pytest
from generalise_support import starts


@pytest.mark.parametrize(
    "request_text",
    [
        "A Jira automation rule fires a web request to us when an issue is created - take the "
        "JSON and open a Linear issue",
        "Zendesk has a target that calls a URL of ours every time a ticket is solved. Build "
        "that URL, then log the ticket in Airtable.",
        "Pipedrive hits our URL when a deal is updated; mirror the change into the matching "
        "HubSpot deal",
        "Our Magento store fires an HTTP callback at us for every order. For each callback, "
        "create the customer in Xero and email a receipt through Gmail.",
        "Zendesk triggers an HTTP target on our side when a ticket is escalated - open a "
        "PagerDuty incident and message #oncall in Slack",
        "Trello sends a callback to our server whenever a card changes; log the change in "
        "Google Sheets",
        "Stripe sends a callback to our n8n instance for each disputed charge; open a Zendesk "
        "ticket",
        "Our IoT gateway reports readings to us over HTTPS every minute; store them in Postgres "
        "and alert Telegram on spikes",
        "Our PHP shop triggers an HTTP request to us on checkout. Create the order in Airtable "
        "and send a Gmail confirmation.",
        "When GitHub calls our endpoint with a release event, draft release notes with OpenAI "
        "and publish to Notion",
        "Expose /api/leads; our landing pages will call it with the lead. Put the lead in "
        "Pipedrive.",
        "I need an endpoint that our Salesforce flow can call when an opportunity is won; it "
        "should create a Jira epic",
        # the app's own webhooks sent to us, or "our n8n webhook": still ours, not called
        "Pipedrive is configured to send its webhooks to our n8n URL; each new deal becomes an "
        "Asana task",
        "The Shopify flow POSTs to our n8n webhook whenever an order is refunded; refund the "
        "charge in Stripe too",
    ],
)
def test_webhook_said_without_the_word_wins(request_text: str) -> None:
    assert starts(request_text) == {"webhook"}


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        ("Sync ClickUp tasks into Asana as they are created", "clickUpTrigger"),
        ("Log Toggl time entries to Google Sheets as they are added", "togglTrigger"),
        ("Mirror Linear issues into GitHub issues when they are created", "linearTrigger"),
        (
            "Add Zendesk ticket comments to the Jira issue linked to the ticket as they come in",
            "zendeskTrigger",
        ),
        (
            "Keep a Google Sheet in sync with our Stripe subscriptions as they change",
            "stripeTrigger",
        ),
        ("Send SMS via Twilio for HubSpot deals as they move to 'Contract sent'", "hubspotTrigger"),
        ("Create Notion pages from GitHub issues as they're opened", "githubTrigger"),
        (
            "Write Shopify orders into Airtable as they happen, with the line items",
            "shopifyTrigger",
        ),
        ("Update Salesforce from HubSpot contacts as they change", "hubspotTrigger"),
        ("Add HubSpot contacts to Mailchimp as they are created", "hubspotTrigger"),
        ("Mirror new Trello cards into Jira issues whenever they get created", "trelloTrigger"),
        ("Sync Airtable rows into Postgres as they are updated", "airtableTrigger"),
        (
            "Copy Asana tasks from the Design project into Trello cards as they're completed",
            "asanaTrigger",
        ),
        ("Copy Jira comments into the matching Zendesk tickets as they're added", "jiraTrigger"),
        ("In Notion, log each Stripe payout as it arrives", "stripeTrigger"),
        # must not change: records read once from the source
        ("Create Notion pages from the GitHub issues of last week", "manualTrigger"),
        ("Fill a Google Sheet from our Airtable base", "manualTrigger"),
    ],
)
def test_source_app_starts(request_text: str, trigger: str) -> None:
    assert starts(request_text) == {trigger}


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        # a webhook (or endpoint) the workflow calls
        ("When a Stripe payment succeeds, send the details to our Zapier webhook", "stripeTrigger"),
        (
            "When a new HubSpot deal is created the details get posted to our Slack webhook",
            "hubspotTrigger",
        ),
        (
            "Call our internal webhook at https://hooks.example.com/sync whenever a ClickUp task "
            "is closed",
            "clickUpTrigger",
        ),
        (
            "When a HubSpot form is submitted, send the data to our Mattermost incoming webhook",
            "hubspotTrigger",
        ),
        (
            "When a Zendesk ticket is solved, hit the Make.com webhook so the other scenario runs",
            "zendeskTrigger",
        ),
        (
            "New Shopify orders should be pushed to the warehouse's REST endpoint and logged in "
            "Sheets",
            "shopifyTrigger",
        ),
        (
            "Every morning at 8, fetch new Jira issues and POST them to our Make.com webhook URL",
            "scheduleTrigger",
        ),
        (
            "Every hour call their API endpoint for exchange rates and store them in Postgres",
            "scheduleTrigger",
        ),
        # "us" or an address in an app: that app's event
        (
            "Whenever a client sends an invoice to our billing address in Gmail, save the PDF to "
            "Google Drive",
            "gmailTrigger",
        ),
        (
            "When a customer sends a message to us on WhatsApp, reply with an answer from OpenAI",
            "whatsAppTrigger",
        ),
        # an app's own trigger that delivers through a webhook
        (
            "Use the HubSpot trigger (it registers a webhook in HubSpot for us) to catch new "
            "contacts and add them to Mailchimp",
            "hubspotTrigger",
        ),
        (
            "The HubSpot trigger works through webhooks, fine: new contact -> Mailchimp subscribe",
            "hubspotTrigger",
        ),
        # an app event the start, another app only written to or looked up
        (
            "Look up the customer in Salesforce whenever a Zendesk ticket is created and add "
            "their account tier as a ticket tag",
            "zendeskTrigger",
        ),
        ("Post in Microsoft Teams whenever a Jira issue is moved to Done", "jiraTrigger"),
        ("Pipe Typeform answers into Google Sheets as they come in", "typeformTrigger"),
        (
            "context: we're a 12-person agency, HubSpot is our CRM, Slack is where we talk, "
            "projects live in Asana. ask: when a HubSpot deal is won, spin up an Asana project "
            "and tell #delivery",
            "hubspotTrigger",
        ),
    ],
)
def test_start_unchanged(request_text: str, trigger: str) -> None:
    assert starts(request_text) == {trigger}


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        # a webhook said by its parts, with no app event: was a manual start, or no workflow
        (
            "Our Vue app calls the workflow with an order id; return the order from Postgres",
            "webhook",
        ),
        (
            "Our inventory system hands stock updates over to n8n; update Shopify product "
            "quantities",
            "webhook",
        ),
        (
            "Set up an inbound HTTP hook that our ERP can use; each call creates a QuickBooks bill",
            "webhook",
        ),
        (
            "n8n should listen for incoming requests from the kiosk app and save each check-in "
            "to Airtable",
            "webhook",
        ),
        (
            "I want n8n to listen for incoming requests from our partners and store each payload "
            "in Postgres",
            "webhook",
        ),
        (
            "Handle Twilio's status callbacks: update the Airtable message row with the delivery "
            "status",
            "webhook",
        ),
        (
            "When the Framer site's booking form is sent to our endpoint, create a Google "
            "Calendar event",
            "webhook",
        ),
        # must not change: the workflow is started by a row, a schedule, mail; a phone callback
        (
            "When a Stripe invoice is sent to the customer's address, log it in Google Sheets",
            "stripeTrigger",
        ),
        (
            "A new row in the Leads sheet triggers the workflow: email the person with Gmail",
            "googleSheetsTrigger",
        ),
        (
            "Every morning, call the workflow 'Enrich leads' for each new Airtable record",
            "scheduleTrigger",
        ),
        (
            "Every hour, hand the new Shopify orders over to the warehouse API",
            "scheduleTrigger",
        ),
        (
            "We receive incoming requests by email in Gmail; label them and reply with a template",
            "gmailTrigger",
        ),
        (
            "Schedule a callback for the customer in HubSpot when a Zendesk ticket is marked "
            "urgent",
            "zendeskTrigger",
        ),
    ],
)
def test_webhook_said_by_its_parts(request_text: str, trigger: str) -> None:
    assert starts(request_text) == {trigger}


def test_webhook_said_by_its_parts_is_one_of_several_starts() -> None:
    """ "or when our CI pings the workflow": a second entry point, a webhook."""
    assert starts(
        "Every night at 2, or when our CI pings the workflow, rebuild the search index in Postgres"
    ) == {"scheduleTrigger", "webhook"}


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        (
            "When a Jira issue is created our bot posts it to the #triage channel in Slack",
            "jiraTrigger",
        ),
        (
            "Once a Trello card is archived it sends a summary to the team in Microsoft Teams",
            "trelloTrigger",
        ),
        ("If a Stripe charge fails we text the customer through Twilio", "stripeTrigger"),
        ("When a Linear issue is closed the bot writes a note in Notion", "linearTrigger"),
        (
            "As soon as a HubSpot deal is won our system creates a project in Asana",
            "hubspotTrigger",
        ),
        (
            "When a GitLab merge request is merged the team gets a message in Discord",
            "gitlabTrigger",
        ),
        (
            "When a new file lands in the Google Drive folder our team uses, copy it to Dropbox",
            "googleDriveTrigger",
        ),
        (
            "When a row is added in the sheet the team keeps in Google Sheets, email the owner",
            "googleSheetsTrigger",
        ),
        (
            "When a message is posted in the #sales channel in Slack, add a row to Airtable",
            "slackTrigger",
        ),
        ("When an order is created in Shopify it posts a note to Slack", "shopifyTrigger"),
        (
            "When a ticket is solved in Zendesk our survey tool sends a CSAT email via Gmail",
            "zendeskTrigger",
        ),
        (
            "If a new lead is added in Pipedrive the SDR calls them; log the call in HubSpot",
            "pipedriveTrigger",
        ),
    ],
)
def test_an_order_with_its_own_subject_ends_the_event(request_text: str, trigger: str) -> None:
    """ "When a Jira issue is created our bot posts it to ... in Slack": after the event's
    change, a new subject doing an order (``ORDER_AFTER_CHANGE``) ends the event's words, so the
    app named after it is where things go, not the container of the event. The first four were
    the other app's trigger; the rest must not change."""
    assert starts(request_text) == {trigger}
