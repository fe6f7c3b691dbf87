"""An app's event as the start with no "when" said (issue #17 Part 2, session 15, HTR3).

Why: "expected the app's trigger, got a Manual Trigger" is the largest trigger miss on the
clean sets, then "another app's trigger". Written by us over 41 apps (about 190 requests,
terse, long, numbered, non-native), the misses grouped by cause in the engine:

- A duty said of an app's records, with no "every"/"new" and no event verb ("PayPal refunds
  should be recorded in our sheet", "Zendesk tickets from VIP customers must be escalated",
  "GitHub releases get posted to our Telegram channel"): a standing rule for each record as
  it comes, read as a one-off job because ``_waited_for`` found no evidence. 16 of ours, all
  red before; read by ``engine.spec._standing_duty`` (``STANDING_DUTY``, ``PASSIVE_ORDER``).
- Another app's trigger where the data comes from the app named first: a weak reading of a
  destination ("added to our Mailchimp audience", "a thank you email sent via Gmail") won
  (``weak_reading_gives_way`` now asks ``_named_source``; a scene sentence followed by
  "Whenever ..." is an event, ``_event_opens``), or the event's first app was where its
  records are sent ("the new orders are sent ... through Gmail": ``_records_source``, the
  records' owner from the catalog). 5 of 9 red before.
- Records said to be all there are ("the existing Stripe customers must be added to
  Mailchimp", "all HubSpot contacts -> add them to Mailchimp") read as an event by the
  implied-start reader: ``picks_stored``. 3 red before.
- (Reverted by the lead after review: the passive duty's verb given to the step, ``_duty_verb``,
  also gave "posted"/"copied" to the *source* app's step on a schedule - "the Jira issues in
  'Done' should be posted to Slack" created Jira issues. Its six cases went with it.)

The other lists pin what must not change: the app's trigger for requests already right (99,
over 41 apps and four registers), and one-off jobs, past windows, buttons and schedules (52).
Every expected trigger is one the app's trigger node in the catalog offers for that event.
"""

from __future__ import annotations

import pytest
from generalise_support import starts

#: A duty of the records a request opens on: the app's trigger (all red before the change).
DUTY_OF_RECORDS = [
    ("GitHub releases get posted to our Telegram channel and to Twitter", "githubTrigger"),
    ("PayPal refunds should be recorded in our Google Sheet, one row each", "payPalTrigger"),
    ("PayPal disputes need a Slack alert for the finance team straight away", "payPalTrigger"),
    ("Stripe disputes should open a ticket in Zendesk with the charge amount", "stripeTrigger"),
    (
        "Zendesk tickets from VIP customers must be escalated to the #vip Slack channel",
        "zendeskTrigger",
    ),
    (
        'Outlook emails with "quote" in the subject should be copied to a Pipedrive deal note',
        "microsoftOutlookTrigger",
    ),
    (
        "Google Sheet updates in the Inventory tab should notify #ops on Slack",
        "googleSheetsTrigger",
    ),
    ("emails from my accountant in Gmail should be saved to Google Drive as PDFs", "gmailTrigger"),
    (
        'GitHub issues with the label "security" must be sent to our security team in Slack '
        "immediately",
        "githubTrigger",
    ),
    (
        "Zendesk tickets in Spanish should be translated by DeepL and the translation added as "
        "an internal note",
        "zendeskTrigger",
    ),
    ("Trello cards on the Sales board need a matching deal in Pipedrive", "trelloTrigger"),
    ("Jira issues from the SUPPORT project should also exist in Linear", "jiraTrigger"),
    (
        "Stripe charges above 1000 USD ought to be double-checked: post them to #finance on Slack",
        "stripeTrigger",
    ),
    (
        'Emails in Gmail from our bank should be labelled "Bank" and summarised to Telegram',
        "gmailTrigger",
    ),
    (
        "HubSpot tickets with high priority need a text message to the on-call phone via Twilio",
        "hubspotTrigger",
    ),
    (
        "Pipedrive deals in stage Negotiation need a reminder task in Asana for the owner",
        "pipedriveTrigger",
    ),
]


@pytest.mark.parametrize(("request_text", "trigger"), DUTY_OF_RECORDS)
def test_a_duty_said_of_an_apps_records_starts_on_its_event(
    request_text: str, trigger: str
) -> None:
    assert starts(request_text) == {trigger}


#: Two apps named: the trigger is the app the records come from, not the one they go to.
SOURCE_BEFORE_DESTINATION = [
    (
        "We sell on Shopify and I'd like the new orders to be sent to the warehouse by email "
        "through Gmail",
        "shopifyTrigger",
    ),
    (
        "we sell on WooCommerce and I would like that the new orders are sent to our warehouse "
        "by email (Gmail)",
        "wooCommerceTrigger",
    ),
    (
        "Our payments go through Stripe, and I want new charges to be posted in Slack #finance",
        "stripeTrigger",
    ),
    ("each new HubSpot contact should be added to our Mailchimp audience", "hubspotTrigger"),
    (
        "I run a small shop on Shopify. Whenever somebody buys, I want the order details in a "
        "Google Sheet and a thank you email sent via Gmail.",
        "shopifyTrigger",
    ),
    ("new Airtable applicants should be added to our Mailchimp list", "airtableTrigger"),
    (
        "We track bugs in Linear. Each time one is closed, a short email goes out via Gmail to "
        "whoever reported it.",
        "linearTrigger",
    ),
    (
        "every new Typeform lead should be added to the ActiveCampaign list Prospects",
        "typeformTrigger",
    ),
    (
        "Our shop runs on WooCommerce. Whenever an order is refunded, the customer gets an "
        "apology mail through Outlook.",
        "wooCommerceTrigger",
    ),
]


@pytest.mark.parametrize(("request_text", "trigger"), SOURCE_BEFORE_DESTINATION)
def test_the_app_the_data_comes_from_starts_it(request_text: str, trigger: str) -> None:
    assert starts(request_text) == {trigger}


#: One-off jobs (all or existing records, a past window, a person's task, a button): manual.
ONE_OFF = [
    "Google Drive: copy the Contracts folder to Dropbox",
    "all HubSpot contacts -> add them to Mailchimp",
    "our existing Airtable leads -> create a Pipedrive person for each",
    "a button: Google Sheet rows -> send each one to Slack",
    "GitHub issues from last month -> create a report in Notion",
    "Airtable Leads table: create a record with the name and phone from the Twilio call log",
    "Google Sheets expenses tab: append a row with the amount from the latest Stripe payout",
    "Close all GitHub issues older than a year with the label wontfix",
    "copy our HubSpot contact list to a Google Sheet",
    "export all Shopify orders from last month to a CSV file",
    "delete every Trello card in the Archive list",
    "move all existing Airtable records from the Leads table into Pipedrive",
    "a button to send all Pipedrive deals in stage Proposal to a Google Sheet",
    "I want a button that creates a Jira issue for each row in my Google Sheet",
    "summarise last week's Zendesk tickets with OpenAI and email it to me",
    "import the existing Mailchimp subscribers into HubSpot, one time",
    "archive all ClickUp tasks that were completed before March",
    "get all Notion pages in the Roadmap database and create a Linear issue for each",
    "update every Salesforce lead that has no owner to be owned by Anna",
    "Send the HubSpot contacts tagged VIP an invitation email through Gmail",
    'back up all the files of our Google Drive "Contracts" folder to Dropbox',
    "when I click run, fetch all open Jira bugs and post a digest to Teams",
    "pull the Stripe customers created in 2023 and add them to Mailchimp",
    "I need to export my Shopify products to a CSV",
    "HubSpot contact list to a Google Sheet",
    "Close all GitHub issues that have no activity and add a comment",
    "Stripe invoices from last month should be downloaded and saved to Google Drive",
    "a button that emails all open Jira issues to the team",
    "you need to copy the Google Drive folder Contracts to Dropbox once",
    "the existing Stripe customers must be added to Mailchimp",
    "all HubSpot contacts should be copied to a Google Sheet",
    "our existing Trello cards need a matching deal in Pipedrive",
    "the current Shopify products must be exported to a Google Sheet",
    "Mailchimp campaign stats of Q1 should be put into a Google Sheet",
    "all Zendesk tickets in Spanish should be translated by DeepL, it is a one time cleanup",
    "I have to copy the Airtable records from the Approved view to Webflow",
    "We need to move our GitHub issues to Linear",
    "the previous Mailchimp campaigns need a report in Google Sheets",
]


@pytest.mark.parametrize("request_text", ONE_OFF)
def test_a_one_off_job_stays_manual(request_text: str) -> None:
    assert starts(request_text) == {"manualTrigger"}


#: A schedule said ("every morning pull ...", "nightly"): a Schedule Trigger.
SCHEDULED = [
    "Stripe payouts -> post a weekly summary to Slack every Monday",
    "every morning pull yesterday's Stripe charges and post a summary to Slack",
    "every Monday at 9 export the new Zendesk tickets from the past week to Google Sheets",
    "each day at 6pm get the Asana tasks due tomorrow and email them to me via Gmail",
    'every hour check the Google Sheet for rows with status "pending" and send them to Slack',
    "weekly on Friday: list the GitHub pull requests merged this week and post to Discord",
    "nightly, copy all WooCommerce orders of the day into Airtable",
    "every 30 minutes, look for new Todoist tasks and add them to Google Calendar",
    "Zendesk tickets should be summarised every Friday and posted to Slack",
    "every morning the Asana tasks due today should be sent to me on Slack",
    "Pipedrive deals older than 30 days should be marked as lost every night",
    'daily at 8: Gmail emails labelled "todo" should be turned into Todoist tasks',
    "Jira issues should be summarised every evening and emailed to the PM",
    "Stripe payouts should be reported to Slack every Monday morning",
]


@pytest.mark.parametrize("request_text", SCHEDULED)
def test_a_said_schedule_stays_a_schedule(request_text: str) -> None:
    assert starts(request_text) == {"scheduleTrigger"}


#: Requests already right before the change, over many apps and registers: unchanged.
ALREADY_RIGHT = [
    ("When a new lead comes in through Typeform, add it to Pipedrive", "typeformTrigger"),
    (
        "We use HubSpot. When a new message is posted in Slack #leads, create a contact from it",
        "slackTrigger",
    ),
    ("When a new row is added in Google Sheets, send it to Slack", "googleSheetsTrigger"),
    (
        'We use Trello. When a new email arrives in Gmail with "bug" in the subject, create a card',
        "gmailTrigger",
    ),
    ("new Shopify orders -> add a row to the Orders sheet in Google Sheets", "shopifyTrigger"),
    (
        "incoming Zendesk tickets get a priority guess from OpenAI and a post in #support on Slack",
        "zendeskTrigger",
    ),
    ("every GitHub release: post the release notes to our Discord channel", "githubTrigger"),
    ("for every Pipedrive deal that is won, create an invoice in QuickBooks", "pipedriveTrigger"),
    ("once a card lands in Done on our Trello board, message the team on Slack", "trelloTrigger"),
    (
        "Stripe payments that fail should trigger an email to the customer via Gmail",
        "stripeTrigger",
    ),
    ("Typeform responses go into Airtable, one record per answer", "typeformTrigger"),
    (
        "new Calendly bookings: create a Google Calendar event and text me via Twilio",
        "calendlyTrigger",
    ),
    (
        "records added to the Leads table in Airtable should be pushed to Pipedrive as persons",
        "airtableTrigger",
    ),
    (
        'new rows in the "Signups" Google Sheet -> send each person a welcome email with Gmail',
        "googleSheetsTrigger",
    ),
    (
        "Asana tasks that get completed should be logged in a Google Sheet with the completion "
        "date",
        "asanaTrigger",
    ),
    ("new Jira bugs with priority Highest -> page the on-call person on Slack", "jiraTrigger"),
    (
        'ClickUp tasks moved to "Review" need a message to the reviewer in Microsoft Teams',
        "clickUpTrigger",
    ),
    (
        "every page added to our Notion content calendar database should become a Trello card",
        "notionTrigger",
    ),
    ("new Mailchimp subscribers get added to HubSpot as contacts", "mailchimpTrigger"),
    (
        "each WooCommerce order over 200 euro should be posted to our Telegram group",
        "wooCommerceTrigger",
    ),
    (
        "merge requests on our GitLab project -> summarise the diff with OpenAI and comment",
        "gitlabTrigger",
    ),
    ('Linear issues labelled "customer" should be copied to a Zendesk ticket', "linearTrigger"),
    (
        "closed-won opportunities in Salesforce: create a project in Asana for onboarding",
        "salesforceTrigger",
    ),
    (
        "JotForm submissions for the volunteer form -> add to Airtable and email the coordinator",
        "jotFormTrigger",
    ),
    (
        'files dropped into the "Invoices" Google Drive folder should be sent to OpenAI to '
        "extract the total and logged to a sheet",
        "googleDriveTrigger",
    ),
    ("new events on my Google Calendar: post a heads-up to Slack", "googleCalendarTrigger"),
    (
        "ActiveCampaign contacts who unsubscribe must be removed from our Pipedrive list too",
        "activeCampaignTrigger",
    ),
    ("new ConvertKit subscribers -> add a row in Google Sheets", "convertKitTrigger"),
    (
        'Help Scout conversations tagged "refund" should create a Stripe refund review task in '
        "Asana",
        "helpScoutTrigger",
    ),
    ("Cal.com bookings get a Zoom link and a confirmation text through Twilio", "calTrigger"),
    ("Webflow form submissions should land in HubSpot as new contacts", "webflowTrigger"),
    (
        "incoming Outlook emails with invoices attached should be saved to OneDrive",
        "microsoftOutlookTrigger",
    ),
    (
        "messages posted in the #incidents Teams channel get copied to a Jira issue",
        "microsoftTeamsTrigger",
    ),
    ("a Telegram bot that answers questions about our opening hours", "telegramTrigger"),
    (
        "a Slack bot that replies with the status of an order from Shopify when someone mentions "
        "it",
        "slackTrigger",
    ),
    (
        "WhatsApp messages from customers get an automatic answer from an AI agent",
        "whatsAppTrigger",
    ),
    (
        "SurveyMonkey responses with a score below 5 -> alert the CX lead by email",
        "surveyMonkeyTrigger",
    ),
    ("every Eventbrite attendee registration should become a HubSpot contact", "eventbriteTrigger"),
    ("leads from our Facebook Lead Ads form go straight into Pipedrive", "facebookLeadAdsTrigger"),
    (
        "Our support team uses Zendesk. Each ticket that comes in should be classified by OpenAI "
        "as billing, bug or other, then tagged.",
        "zendeskTrigger",
    ),
    (
        "1. a new issue opens in our GitHub repo 2. ask OpenAI to label it 3. post it in the "
        "#triage Slack channel",
        "githubTrigger",
    ),
    (
        "Hi, we are using HubSpot CRM. For every new deal created, please send a notification to "
        "the sales channel on Slack with the deal name and amount.",
        "hubspotTrigger",
    ),
    (
        'pipedrive: deal goes to stage "Contract sent" -> create a DocuSign-like task in Asana '
        "and email the owner",
        "pipedriveTrigger",
    ),
    (
        "Please make it so that every successful Stripe charge is added as a row in Airtable, "
        "with amount and customer email.",
        "stripeTrigger",
    ),
    ('cards created on the Trello board "Bugs" must be mirrored to GitHub issues', "trelloTrigger"),
    (
        "hello, i need that the answers of my typeform are saved in google sheet and a slack "
        "message go to #leads for each one",
        "typeformTrigger",
    ),
    (
        "Airtable: each time a row's Status becomes Approved, email the requester using Outlook",
        "airtableTrigger",
    ),
    (
        'notion database "Bugs" - new entry => create Linear issue + ping #dev on Slack',
        "notionTrigger",
    ),
    (
        "Jira tickets that move to Done should be announced in our Teams channel with the "
        "assignee's name",
        "jiraTrigger",
    ),
    (
        "new ClickUp tasks in the Marketing list: copy them into Google Calendar as events on "
        "their due date",
        "clickUpTrigger",
    ),
    (
        "Sales reps fill in a Google Sheet. Each row they add must be created as a deal in "
        "Pipedrive.",
        "googleSheetsTrigger",
    ),
    (
        'Steps: Asana task created in project "Hiring" -> make a Google Drive folder for the '
        "candidate -> post to Slack",
        "asanaTrigger",
    ),
    (
        "as soon as someone unsubscribes from Mailchimp, remove them from our Airtable CRM",
        "mailchimpTrigger",
    ),
    (
        "Calendly cancellations should email the host and free the room in Google Calendar",
        "calendlyTrigger",
    ),
    ("leads created in Salesforce -> enrich via Clearbit and update the lead", "salesforceTrigger"),
    ('Linear: issue moved to "In Progress" -> post to Discord', "linearTrigger"),
    (
        "on every push to the main branch in GitLab, notify the #deploys channel in Mattermost",
        "gitlabTrigger",
    ),
    (
        'new PDFs in Google Drive folder "Contracts" get summarised with OpenAI and posted to '
        "Notion",
        "googleDriveTrigger",
    ),
    (
        "after someone fills the JotForm order form, create a Shopify draft order and email them",
        "jotFormTrigger",
    ),
    (
        "telegram bot for our team: you send it a city, it answers with the weather from "
        "OpenWeatherMap",
        "telegramTrigger",
    ),
    ("files uploaded to Box in the Legal folder should be copied to Google Drive", "boxTrigger"),
    ("new comments on our Figma files -> post them to Slack #design", "figmaTrigger"),
    ("failed Netlify deploys should page me on Telegram", "netlifyTrigger"),
    ("Typeform lead form -> HubSpot contact + Slack message", "typeformTrigger"),
    (
        "HubSpot deals that reach Closed Won need an onboarding email from Gmail to the contact",
        "hubspotTrigger",
    ),
    (
        'new Stripe subscriptions should add the customer to the "Paying" segment in Mailchimp',
        "stripeTrigger",
    ),
    ("Shopify refunds need to be logged in Airtable and the warehouse emailed", "shopifyTrigger"),
    ("HubSpot form submissions go to our Google Sheet and a Slack ping", "hubspotTrigger"),
    (
        "GitHub pull requests on the api repo should get a summary comment from OpenAI",
        "githubTrigger",
    ),
    ('Trello comments mentioning "urgent" -> SMS to me via Twilio', "trelloTrigger"),
    ("Jira: bugs created by customers -> Slack #bugs with the summary", "jiraTrigger"),
    ("Asana: tasks assigned to me -> add to my Google Calendar", "asanaTrigger"),
    ("Airtable new applicants -> email them an acknowledgement via SendGrid", "airtableTrigger"),
    ("Pipedrive persons added by the team must also be created in Mailchimp", "pipedriveTrigger"),
    ("Calendly: invitee created -> add to HubSpot and send a Slack message", "calendlyTrigger"),
    ("Typeform NPS answers below 7 should alert our CS team in Teams", "typeformTrigger"),
    ("ClickUp: status changed to blocked -> message the project lead on Slack", "clickUpTrigger"),
    (
        'Stripe: customer subscription cancelled -> tag the contact "churned" in HubSpot',
        "stripeTrigger",
    ),
    (
        "we have a Shopify shop. new customers should get a 10% discount code by email via "
        "Mailchimp",
        "shopifyTrigger",
    ),
    (
        "our sales use HubSpot. every deal they win should show up in the #wins channel on Slack",
        "hubspotTrigger",
    ),
    (
        'We handle support in Zendesk. Tickets tagged "bug" should be created as Jira issues '
        "automatically.",
        "zendeskTrigger",
    ),
    (
        "we keep our code on GitHub. Each time someone opens an issue, post it to Discord.",
        "githubTrigger",
    ),
    (
        "Our inventory lives in Airtable. Any item whose stock falls below 5 should trigger an "
        "email to the buyer in Gmail.",
        "airtableTrigger",
    ),
    (
        "My store is WooCommerce. Orders that are cancelled should be removed from the Google "
        "Sheet.",
        "wooCommerceTrigger",
    ),
    (
        "Customers write to our Gmail support@ address. Each mail should be answered by an AI "
        "agent draft, saved as Gmail draft.",
        "gmailTrigger",
    ),
    (
        "Newsletter runs on Mailchimp. People who subscribe get added to Airtable.",
        "mailchimpTrigger",
    ),
    (
        "The team writes meeting notes in Notion. Every new page must be summarised with OpenAI "
        "and posted to Slack.",
        "notionTrigger",
    ),
    (
        "Sales calls are booked through Calendly; a booked call should create a deal in Pipedrive.",
        "calendlyTrigger",
    ),
    (
        "we collect feedback with Typeform, the negative ones must be sent to Jira as tickets",
        "typeformTrigger",
    ),
    (
        "hubspot new contact -> slack message in #sales, and add him to mailchimp list",
        "hubspotTrigger",
    ),
    ('trello card moved in list "Done" then send mail to client with outlook', "trelloTrigger"),
    ('new github issue with label bug, create a card on trello in list "Bugs"', "githubTrigger"),
    (
        'new lines in google sheets "Orders" => create invoice on Xero and send it',
        "googleSheetsTrigger",
    ),
    (
        "Goal: every Shopify order with a gift note gets a handwritten-card task in Asana. "
        "Details: note is in order notes.",
        "shopifyTrigger",
    ),
    ("Linear issues closed -> changelog line appended to our Notion page", "linearTrigger"),
    ("deals lost in Pipedrive need a survey email from Gmail asking why", "pipedriveTrigger"),
    (
        "Shopify orders shipped to Canada have to be added to the customs spreadsheet in Google "
        "Sheets",
        "shopifyTrigger",
    ),
    ("Typeform answers of the job application form should go to Airtable", "typeformTrigger"),
    ("Airtable records in the Approved view should be published to Webflow", "airtableTrigger"),
]


@pytest.mark.parametrize(("request_text", "trigger"), ALREADY_RIGHT)
def test_an_app_event_already_read_keeps_its_trigger(request_text: str, trigger: str) -> None:
    assert trigger in starts(request_text)
