"""An app's event as the start: said by one agent acting in the app, a third app's mail to
our inbox, an order on the event's own record (issue #17 Part 2, session 16, HTR4).

Why: "expected the app's trigger, got a Manual Trigger" is still the largest trigger miss on
the clean sets. Written by us over about 60 apps (terse, long with context, numbered steps,
non-native, bots, state changes), the red ones grouped by the rule that decided:

- An event said as one unnamed agent's act in the clause that names the app ("1. a customer
  pays in PayPal 2. ...", "Step 1 - a contact unsubscribes in Mailchimp", "a driver completes
  a delivery in Onfleet - text the customer", "A member cancels in Stripe; ..."):
  ``start_from_words`` -> ``_named_source`` found no evidence of records awaited, because
  ``_waited_for`` reads quantifiers before the app and event verbs *after* it only; the act
  said before it counted for nothing and the request got a Manual Trigger. Read now by
  ``engine.spec._one_agent_acts`` (``ONE_AGENT_ACTS``: "a"/"an"/"someone" + a verb in the
  present, not one of having or being), unless what follows takes the records as all there
  are ("a rep logs calls in HubSpot; export all calls ..."). 8 of ours, all red before.
- A third app's mail brought to our inbox ("When Calendly emails my Gmail a booking", "a
  new Calendly booking email reaches my Gmail inbox", "PayPal emails our Outlook a payment
  notice"): ``trigger_entities`` took the sender's trigger - the event's first app - since
  only a place preposition ("to my Gmail") made the inbox the event's container. Read now by
  ``engine.intent.entities._holds_the_event`` (``MESSAGE_REACHES_BEFORE``: an app that
  receives messages, right after a verb that brings one to it). 8 of ours, all red before.
- An order on the event's own record with no app named ("When a Notion page in Tasks is
  marked Done, archive it", "when an Asana task is completed, delete it"): the trigger app
  was dropped as a step (``trigger_app_not_again``: already covered by the trigger) unless
  ``FOLLOW_UP_ON_RECORD`` listed the verb, and the order was lost. Read now by
  ``engine.spec._order_on_its_record``: the verb is one of the app's own writing operations
  (catalog) on a record the event names, its object the record. 7 of ours, all red before.
- Left (see the report): a scene sentence naming the chat app before the source ("the team
  chats in Slack. Ask: any time a payment fails in Chargebee ..." starts on Slack), "= new
  row in Postgres" read as Postgres's event, a noun read as an order ("leaves our list in
  MailerLite"), "gives through PayPal" read as the way a message goes, "when a PR is
  approved in GitHub, merge it" (the abbreviation names no record of the event).

The other lists pin what must not change: the app's trigger for requests already right, and
near-variants of the red ones that are no event (plural or known subjects setting the scene,
a past act, verbs of having, an order on all records, a said schedule, a button, a chat on our
site, a webhook or n8n form). Every expected trigger is one the app's trigger node in the
catalog offers for that event.
"""

from __future__ import annotations

import pytest
from generalise_support import BASE, run_valid, starts

#: One unnamed agent acts in the app, no "when": the app's trigger (all red before).
ONE_AGENT_ACTS_IN_THE_APP = [
    (
        "1. a customer pays in PayPal 2. add them to Mailchimp 3. tell #sales in Slack",
        "payPalTrigger",
    ),
    (
        "Step 1 - a contact unsubscribes in Mailchimp. Step 2 - delete them from our HubSpot list.",
        "mailchimpTrigger",
    ),
    ("a driver completes a delivery in Onfleet — text the customer via Twilio", "onfleetTrigger"),
    ("a customer cancels in Chargebee. we want a Slack note to #retention", "chargebeeTrigger"),
    (
        "a shopper abandons a cart in Shopify. Wait an hour, then send a reminder via Gmail.",
        "shopifyTrigger",
    ),
    (
        "A member cancels in Stripe; remove them from the Discord role list in Airtable",
        "stripeTrigger",
    ),
    ("someone uploads a contract in Box: save a copy to Google Drive", "boxTrigger"),
    ("a tester reports a bug in Linear, ping #qa in Slack", "linearTrigger"),
]


@pytest.mark.parametrize(("request_text", "trigger"), ONE_AGENT_ACTS_IN_THE_APP)
def test_one_agent_acting_in_the_app_starts_on_its_event(request_text: str, trigger: str) -> None:
    assert trigger in starts(request_text)


#: Requests already right: the app's trigger (must not change).
ALREADY_RIGHT = [
    (
        "someone stars our repo on GitHub -> thank them in our Discord #community channel",
        "githubTrigger",
    ),
    (
        "a candidate applies on Workable, then a card goes on the Hiring board in Trello",
        "workableTrigger",
    ),
    ("A guest books a room through Cal.com; the booking must be added to Airtable", "calTrigger"),
    ("an attendee registers via Eventbrite => welcome SMS with Twilio", "eventbriteTrigger"),
    ("a buyer purchases on Gumroad, add the email to ConvertKit", "gumroadTrigger"),
    ("anybody fills in our Typeform: put the answers in Notion", "typeformTrigger"),
    ("a visitor submits our Webflow form, create a lead in Salesforce", "webflowTrigger"),
    ("- a designer comments in Figma\n- forward the comment to Slack #design", "figmaTrigger"),
    (
        "Scenario: a patient books with Acuity. Result: a row in Google Sheets and a "
        "confirmation SMS via Twilio.",
        "acuitySchedulingTrigger",
    ),
    ("a lead replies in Lemlist => deal in Pipedrive", "lemlistTrigger"),
    ("a user upgrades in Chargebee -> add the 'pro' tag in Intercom", "chargebeeTrigger"),
    (
        "Ablauf: ein Kunde bucht... sorry in English: a client books in Calendly, then create a "
        "Zoom meeting",
        "calendlyTrigger",
    ),
    (
        "when needed: a volunteer registers in Eventbrite, add them to Mailchimp",
        "eventbriteTrigger",
    ),
    (
        "a prospect opens our email in ActiveCampaign => +1 score in Pipedrive",
        "activeCampaignTrigger",
    ),
    (
        "an employee submits an expense in Jotform. finance wants it in QuickBooks as a bill.",
        "jotFormTrigger",
    ),
    (
        "when a deal is marked won in Pipedrive, create a project in Asana for onboarding",
        "pipedriveTrigger",
    ),
    ("Pipedrive deal marked as won -> Slack #sales congrats message", "pipedriveTrigger"),
    (
        "once a HubSpot deal moves to Closed Won, add the company to our Google Sheet of customers",
        "hubspotTrigger",
    ),
    ("if a Trello card is moved to Done, post its title to Microsoft Teams", "trelloTrigger"),
    ("Jira ticket moved to Done? Then close the linked Linear issue.", "jiraTrigger"),
    ("when an Asana task gets completed, tell the requester by Gmail", "asanaTrigger"),
    ("ClickUp task status changes to Blocked: ping me on Telegram", "clickUpTrigger"),
    (
        "as soon as a Stripe invoice status flips to paid, mark the row paid in Airtable",
        "stripeTrigger",
    ),
    (
        "when a Stripe payment fails, email the customer with Gmail and log it in Google Sheets",
        "stripeTrigger",
    ),
    (
        "When a Shopify order is fulfilled, send the buyer a WhatsApp message with the tracking "
        "link",
        "shopifyTrigger",
    ),
    (
        "Woocommerce order gets cancelled -> add a note to the customer in HubSpot",
        "wooCommerceTrigger",
    ),
    (
        "When a Calendly invitee cancels, remove the event from our Notion meetings database",
        "calendlyTrigger",
    ),
    ("when someone books a meeting through Cal.com, create a contact in Pipedrive", "calTrigger"),
    ("when a GitHub pull request is merged, post the changelog to Discord", "githubTrigger"),
    ("when a PR is approved in GitHub, merge it", "githubTrigger"),
    ("when a GitLab merge request is opened, notify the reviewers in Slack", "gitlabTrigger"),
    (
        "every time a new row is added to my Google Sheet, create a Trello card from it",
        "googleSheetsTrigger",
    ),
    (
        "when a Google Calendar event is cancelled, let the attendees know on Slack",
        "googleCalendarTrigger",
    ),
    (
        "when a new file lands in our Google Drive Invoices folder, send it to the accountant "
        "via Outlook",
        "googleDriveTrigger",
    ),
    (
        "when Stripe sends a receipt to my Gmail, save the attachment into Google Drive",
        "gmailTrigger",
    ),
    ("whenever a Typeform response comes in, copy it into Airtable", "typeformTrigger"),
    ("new Typeform answers are to be copied into Airtable", "typeformTrigger"),
    ("Jotform submissions should land in our HubSpot as contacts", "jotFormTrigger"),
    (
        "Each new Facebook lead ad submission must go to Pipedrive as a person",
        "facebookLeadAdsTrigger",
    ),
    (
        "Steps: (1) new Zendesk ticket arrives (2) classify its urgency with OpenAI (3) if "
        "urgent, page on-call via Twilio SMS",
        "zendeskTrigger",
    ),
    (
        "We run a small agency. Our clients send work requests by email to our Outlook inbox. "
        "Each time one comes in I want a task created in ClickUp with the mail body as "
        "description.",
        "microsoftOutlookTrigger",
    ),
    (
        "Our support team lives in Help Scout. When a conversation is assigned to someone, I'd "
        "like that person to get a direct message in Slack with the subject line.",
        "helpScoutTrigger",
    ),
    (
        "We are using Airtable as CRM. Whenever a record in the Leads table is updated, please "
        "sync the changed fields to our HubSpot contact.",
        "airtableTrigger",
    ),
    (
        "I have notion database for bugs. when somebody add new page there, please create issue "
        "in github repo.",
        "notionTrigger",
    ),
    ("please when customer is paying on stripe, you make invoice in xero for him", "stripeTrigger"),
    ("if somebody is writing to my telegram bot, answer him with openai", "telegramTrigger"),
    (
        "Build me a WhatsApp bot that replies to customers with our opening hours using an AI "
        "agent",
        "whatsAppTrigger",
    ),
    (
        "Telegram bot: users send a city name, reply with the weather from OpenWeatherMap",
        "telegramTrigger",
    ),
    ("a Slack bot that answers questions in #help using our Notion docs", "slackTrigger"),
    (
        "Teams bot - when someone mentions it in a channel, summarise the thread with OpenAI "
        "and reply",
        "microsoftTeamsTrigger",
    ),
    (
        "When someone messages our WhatsApp number asking for an order status, look the order "
        "up in Shopify and reply",
        "whatsAppTrigger",
    ),
    (
        "When a message is posted in the Slack #leads channel, add the email in it to Mailchimp",
        "slackTrigger",
    ),
    ("when a Twilio SMS arrives, forward it to my Telegram", "twilioTrigger"),
    (
        "When a new subscriber joins our ConvertKit form, add them as a contact in Pipedrive",
        "convertKitTrigger",
    ),
    ("new ActiveCampaign contact -> create HubSpot contact", "activeCampaignTrigger"),
    (
        "When a new candidate applies on Workable, create a card on the Hiring Trello board",
        "workableTrigger",
    ),
    ("Whenever a Toggl time entry is created, append it to our Timesheet sheet", "togglTrigger"),
    ("When a Clockify time entry is added, add its hours to Airtable", "clockifyTrigger"),
    (
        "When a lead's status in Copper changes to qualified, create a deal in Pipedrive",
        "copperTrigger",
    ),
    (
        "Whenever a Salesforce opportunity is closed won, create an invoice in QuickBooks",
        "salesforceTrigger",
    ),
    ("when a Webflow form is submitted, add the person to Mailchimp", "webflowTrigger"),
    ("When a Gumroad sale happens, thank the buyer by email via SendGrid", "gumroadTrigger"),
    (
        "When a Chargebee subscription is cancelled, ask the customer why via Gmail",
        "chargebeeTrigger",
    ),
    ("when a transfer in Wise completes, post it to #finance in Slack", "wiseTrigger"),
    ("When an Onfleet task is completed, text the customer with Twilio", "onfleetTrigger"),
    (
        "Whenever a Box file is uploaded to the Contracts folder, send it for summary to OpenAI "
        "and email me the summary",
        "boxTrigger",
    ),
    ("When a new file appears in OneDrive, copy it to Google Drive", "microsoftOneDriveTrigger"),
    (
        "when an Eventbrite attendee registers, add them to our Airtable guest list",
        "eventbriteTrigger",
    ),
    (
        "When a SurveyMonkey response is completed, put the answers in Google Sheets",
        "surveyMonkeyTrigger",
    ),
    (
        "when a new row is inserted in our Postgres orders table, notify #ops in Slack",
        "postgresTrigger",
    ),
    ("Mailchimp: once someone subscribes, add them to Google Sheets", "mailchimpTrigger"),
    ("Linear issue moved to In Review -> message the reviewer in Slack", "linearTrigger"),
    (
        "If a HubSpot ticket is closed, send the customer a satisfaction survey link by Gmail",
        "hubspotTrigger",
    ),
    ("every new Shopify customer gets a welcome WhatsApp message", "shopifyTrigger"),
    (
        "Summarise each new Gmail email from my boss and send the summary to Telegram",
        "gmailTrigger",
    ),
    ("Post a summary of every new Zendesk ticket to Slack #support", "zendeskTrigger"),
    (
        "Whenever a Keap contact gets the VIP tag, add them to our Mailchimp VIP audience",
        "keapTrigger",
    ),
    ("When a Trello card gets the 'urgent' label, create a Jira issue", "trelloTrigger"),
    (
        "When Shopify emails me a new order notification in Gmail, add it to the Orders sheet",
        "gmailTrigger",
    ),
    (
        "A lead in my Emelia campaign replies — create a follow-up task in ClickUp for me",
        "emeliaTrigger",
    ),
    (
        "Bitbucket: somebody pushes to main → post the commit list to #dev in Mattermost",
        "bitbucketTrigger",
    ),
    (
        "the sales team marks a Pipedrive deal as lost → send the contact our 'sorry to see you "
        "go' survey via Gmail",
        "pipedriveTrigger",
    ),
    (
        "finance approves an expense in our Airtable base (Status goes to Approved) -> pay it "
        "through Wise",
        "airtableTrigger",
    ),
    (
        "After a Zoom-free call on my Google Calendar has ended, email the attendees the notes "
        "doc from Gmail",
        "googleCalendarTrigger",
    ),
    ("Netlify deploy fails → message me on Telegram with the build log link", "netlifyTrigger"),
    (
        "Our designers comment in Figma all day. Each comment should become a Trello card for "
        "the dev team.",
        "figmaTrigger",
    ),
    (
        "Acuity appointment rescheduled — update the row in the 'Appointments' Google Sheet",
        "acuitySchedulingTrigger",
    ),
    ("someone fills our Wufoo contact form, we want them in Salesforce as a lead", "wufooTrigger"),
    ("A Formstack submission comes in: send the PDF to the client via Outlook", "formstackTrigger"),
    (
        "Postmark tells us an email bounced: mark the contact as bounced in Airtable",
        "postmarkTrigger",
    ),
    (
        "the second an order is refunded in WooCommerce, reverse the sale row in our Google Sheet",
        "wooCommerceTrigger",
    ),
    (
        "The moment a HubSpot contact's lifecycle stage becomes Customer, add them to the "
        "Customers list in Mailchimp",
        "hubspotTrigger",
    ),
    ("Jira: issue transitions to 'Blocked' - DM the assignee on Slack", "jiraTrigger"),
    ("gitlab pipeline fails on master -> open a Linear issue for it", "gitlabTrigger"),
    ("Mautic contact's points go over 100 -> create a deal in Pipedrive", "mauticTrigger"),
    ("Asana task assigned to me => reminder in Todoist", "asanaTrigger"),
    ("ClickUp: list item gets closed, write the time tracked to Google Sheets", "clickUpTrigger"),
    (
        "Hey! I am running yoga studio. When a client pay in Stripe for the monthly pass, I "
        "want they get a WhatsApp message with the schedule. Thanks a lot",
        "stripeTrigger",
    ),
    (
        "Our customers book classes on Calendly. We also keep a member list in Airtable. "
        "Whenever a booking is made, bump the member's 'classes booked' count by one.",
        "calendlyTrigger",
    ),
    (
        "1) Typeform quiz completed 2) score it with a Code node 3) email the result via SendGrid",
        "typeformTrigger",
    ),
    (
        "Step one: a new issue is opened in GitHub. Step two: label it with OpenAI. Step three: "
        "post it to Discord.",
        "githubTrigger",
    ),
    (
        "First a customer fills in our Jotform, then the data goes to Airtable and a Slack "
        "message goes to #sales",
        "jotFormTrigger",
    ),
    (
        "1. Shopify order paid\n2. create invoice in Invoice Ninja\n3. email invoice with Gmail",
        "shopifyTrigger",
    ),
    (
        "- trigger: a Trello card is created on Backlog\n- action: create a ClickUp task with "
        "the same name",
        "trelloTrigger",
    ),
    (
        "Workflow: Salesforce lead converted -> Slack DM to the account owner -> log in Google "
        "Sheets",
        "salesforceTrigger",
    ),
    ("On every Stripe refund, tell #finance in Teams", "stripeTrigger"),
    (
        "On each new Gmail email with an invoice attached, upload the attachment to OneDrive",
        "gmailTrigger",
    ),
    ("For every paid PayPal invoice, add a row in our Revenue sheet", "payPalTrigger"),
    ("Upon a new SurveyMonkey response, post the NPS score to Slack", "surveyMonkeyTrigger"),
    (
        "each Outlook email from the CEO should be forwarded to my Telegram",
        "microsoftOutlookTrigger",
    ),
    (
        "A Telegram bot for our bakery: customers ask what bread is left and the bot looks it "
        "up in Google Sheets",
        "telegramTrigger",
    ),
    (
        "I'd like an assistant in Microsoft Teams that people can ask about the holiday policy "
        "(stored in a Google Doc)",
        "microsoftTeamsTrigger",
    ),
    (
        "Slack: whenever someone reacts with :ticket: to a message, create a Jira issue from it",
        "slackTrigger",
    ),
    (
        "WhatsApp customers send photos of receipts; extract the amount with OpenAI and append "
        "to Google Sheets",
        "whatsAppTrigger",
    ),
    (
        "When my Gmail gets an email from Stripe about a payout, log the payout in Airtable",
        "gmailTrigger",
    ),
    (
        "Whenever Typeform sends me a notification email in Outlook, forward it to Slack",
        "microsoftOutlookTrigger",
    ),
    (
        "Our bank emails our Outlook each statement; save each statement PDF into SharePoint",
        "microsoftOutlookTrigger",
    ),
    (
        "when a Shopify order comes in, check the customer in HubSpot and if they exist, add a "
        "note",
        "shopifyTrigger",
    ),
    ("If a GitHub issue gets the bug label, assign it to me", "githubTrigger"),
    ("When a Notion page in Tasks is marked Done, archive it", "notionTrigger"),
    ("when a ClickUp task is moved to Review, set its priority to high", "clickUpTrigger"),
]


@pytest.mark.parametrize(("request_text", "trigger"), ALREADY_RIGHT)
def test_the_apps_event_stays_the_start(request_text: str, trigger: str) -> None:
    assert trigger in starts(request_text)


#: Near-variants and other starts: one-off jobs, schedules, buttons, chats, webhooks, forms
#: (must not change).
OTHER_STARTS = [
    ("export all my Pipedrive deals marked won to a Google Sheet", "manualTrigger"),
    ("copy every existing HubSpot contact into Mailchimp", "manualTrigger"),
    ("move all Trello cards in Done to the Archive list", "manualTrigger"),
    ("Give me a list of the Jira issues closed last week in a Google Sheet", "manualTrigger"),
    ("report of last month's Stripe payments, emailed to me via Gmail", "manualTrigger"),
    (
        "every morning pull the overdue invoices from Invoice Ninja and email them to me",
        "scheduleTrigger",
    ),
    (
        "every Monday at 9 pull the deals won last week from Pipedrive and post them to Slack",
        "scheduleTrigger",
    ),
    (
        "each night, take the new rows from Google Sheets and add them to Airtable",
        "scheduleTrigger",
    ),
    ("at 6pm daily send me the Asana tasks completed today via Telegram", "scheduleTrigger"),
    (
        "every hour check GitHub for open PRs older than 3 days and remind the team on Slack",
        "scheduleTrigger",
    ),
    ("a button to send all unpaid Stripe invoices a reminder via Gmail", "manualTrigger"),
    ("give me a button that archives all completed Asana tasks", "manualTrigger"),
    (
        "I want a button in n8n to sync Airtable records into Notion when I click it",
        "manualTrigger",
    ),
    (
        "a chat assistant on our website that answers questions about our products using OpenAI",
        "chatTrigger",
    ),
    ("add a chatbot to our site that books appointments in Google Calendar", "chatTrigger"),
    ("when I run it, delete all Mailchimp subscribers who never opened an email", "manualTrigger"),
    ("once, import our contacts CSV from Google Drive into HubSpot", "manualTrigger"),
    (
        "on the first of every month, create an invoice in QuickBooks for each active customer "
        "in Airtable",
        "scheduleTrigger",
    ),
    (
        "every Friday summarise the week's Zendesk tickets and email the summary to the support "
        "lead",
        "scheduleTrigger",
    ),
    (
        "every 15 minutes fetch the latest Shopify orders and append them to Google Sheets",
        "scheduleTrigger",
    ),
    ("When our webhook receives a POST with an order, save it in Airtable", "webhook"),
    ("when a form on our site is submitted, n8n form, add the answers to Notion", "formTrigger"),
    ("When another workflow fails, alert me on Telegram", "errorTrigger"),
    ("Clean up: close all Zendesk tickets older than 90 days", "manualTrigger"),
    (
        "pull the last 50 Gmail emails from my boss and summarise them into one Slack message",
        "manualTrigger",
    ),
    (
        "send the Slack #general channel a good morning message every weekday at 8",
        "scheduleTrigger",
    ),
    (
        "Every day at noon, look up the Trello cards moved to Done yesterday and send them to "
        "Teams",
        "scheduleTrigger",
    ),
    (
        "customers pay in Stripe. Make a report of this month's revenue in Google Sheets",
        "manualTrigger",
    ),
    ("a colleague keeps a list in Airtable - copy it into Notion", "manualTrigger"),
    (
        "Our team chats in Slack. Post a weekly summary of Jira issues there every Friday at 4pm",
        "scheduleTrigger",
    ),
    ("export everything a customer buys in Shopify to a Google Sheet", "manualTrigger"),
    ("create a contact in HubSpot for a customer who pays in cash", "manualTrigger"),
    (
        "a spreadsheet in Google Sheets lists our clients; email each of them our newsletter "
        "via Gmail",
        "manualTrigger",
    ),
    ("a customer writes to our Telegram bot, answer with OpenAI", "telegramTrigger"),
    ("a friend uses Notion for notes: move all his pages to Google Docs", "manualTrigger"),
    (
        "every Monday, a manager reviews in Asana the tasks due this week: send her the list "
        "via Gmail",
        "scheduleTrigger",
    ),
    (
        "a customer pays in Stripe via our webhook endpoint, then we record it in Airtable",
        "webhook",
    ),
    ("a user submits our n8n form, then add the row to Airtable", "formTrigger"),
    ("Delete the HubSpot contact a customer creates by mistake", "manualTrigger"),
    ("a file sits in Dropbox; move it to Google Drive", "manualTrigger"),
    ("a rep logs calls in HubSpot; export all calls to a Google Sheet", "manualTrigger"),
    ("a colleague needs the list of all HubSpot deals in a sheet", "manualTrigger"),
    (
        "a manager wants to see in Asana all overdue tasks; email them to her via Gmail",
        "manualTrigger",
    ),
    (
        "a client requests a copy of all his invoices in QuickBooks: email them to him with Gmail",
        "manualTrigger",
    ),
    (
        "an intern accidentally creates duplicates in Airtable, find and delete all duplicate "
        "records",
        "manualTrigger",
    ),
    (
        "a customer asks for their order history from Shopify: build a sheet with all their orders",
        "manualTrigger",
    ),
    (
        "someone deletes rows in Google Sheets sometimes, so back up the whole sheet to Google "
        "Drive every night",
        "scheduleTrigger",
    ),
    (
        "a buyer pays in Stripe: every Monday send me the sum of last week's payments",
        "scheduleTrigger",
    ),
    ("when someone pays in Stripe, add them to Mailchimp", "stripeTrigger"),
    ("if a customer pays in PayPal, thank them via Gmail", "payPalTrigger"),
    ("customers who pay in PayPal get a thank-you email via Gmail", "payPalTrigger"),
    ("a customer paid in PayPal - thank them via Gmail", "payPalTrigger"),
]


@pytest.mark.parametrize(("request_text", "trigger"), OTHER_STARTS)
def test_no_event_said_keeps_its_start(request_text: str, trigger: str) -> None:
    assert starts(request_text) == {trigger}


#: A third app's mail (or message) brought to our inbox: the inbox app's trigger, where the
#: mail arrives (all red before: the sender's trigger, which cannot see that mail).
MAIL_BROUGHT_TO_OUR_INBOX = [
    ("When Calendly emails my Gmail a booking, add the booking to Google Calendar", "gmailTrigger"),
    (
        "when a new Calendly booking email reaches my Gmail inbox, create a HubSpot contact",
        "gmailTrigger",
    ),
    (
        "whenever PayPal emails our Outlook a payment notice, log the amount in Google Sheets",
        "microsoftOutlookTrigger",
    ),
    ("as soon as Typeform emails my Gmail a new submission, add a row to Airtable", "gmailTrigger"),
    (
        "when Jira emails my Outlook about an issue assigned to me, create a Todoist task",
        "microsoftOutlookTrigger",
    ),
    ("Each time a GitHub notification reaches our Gmail, post it to Discord", "gmailTrigger"),
    (
        "when Shopify mails our Gmail an order confirmation, add the order to a Google Sheet",
        "gmailTrigger",
    ),
    ("when a WhatsApp message reaches our Telegram bot, reply with OpenAI", "telegramTrigger"),
]


@pytest.mark.parametrize(("request_text", "trigger"), MAIL_BROUGHT_TO_OUR_INBOX)
def test_mail_brought_to_our_inbox_starts_on_the_inbox(request_text: str, trigger: str) -> None:
    assert starts(request_text) == {trigger}


#: Near-variants: the inbox app as the means of an order, or the mail sent after the event;
#: "reaches" said of a record's stage (must not change).
INBOX_AS_A_STEP = [
    (
        "when Stripe sends a receipt to my Gmail, save the attachment into Google Drive",
        "gmailTrigger",
    ),
    ("when a Calendly booking is made, email my Gmail address a summary", "calendlyTrigger"),
    ("When a HubSpot deal is won, message our Slack channel #wins", "hubspotTrigger"),
    ("When a new Shopify order comes in, Gmail emails the customer a receipt", "shopifyTrigger"),
    ("when a Calendly invitee cancels, email them from our Gmail", "calendlyTrigger"),
    ("When a Typeform response arrives, text my phone with Twilio", "typeformTrigger"),
    ("When a new Stripe charge succeeds, e-mail our Gmail inbox a note", "stripeTrigger"),
    ("when a GitHub issue hits our Jira board, post it to Slack", "githubTrigger"),
    ("whenever a Trello card reaches the Done list, email the client from Gmail", "trelloTrigger"),
    ("When a Pipedrive deal reaches our Won stage, text the rep via Twilio", "pipedriveTrigger"),
]


@pytest.mark.parametrize(("request_text", "trigger"), INBOX_AS_A_STEP)
def test_an_inbox_used_by_an_order_is_no_start(request_text: str, trigger: str) -> None:
    assert starts(request_text) == {trigger}


#: An order on the event's own record with one of the trigger app's own operations, no app
#: named in it: the app is a step too (all red before: the order was lost with the app).
ORDER_ON_ITS_RECORD = [
    ("When a Notion page in Tasks is marked Done, archive it", "notion"),
    ("when a ClickUp task is moved to Review, set its priority to high", "clickUp"),
    ("when an Asana task is completed, delete it", "asana"),
    ("Airtable record marked 'Spam' => delete it", "airtable"),
    ("once a Todoist-free Asana task gets the tag 'dup', delete the task", "asana"),
    ("when a ClickUp task is created in Bugs, delete it if the title is empty", "clickUp"),
    ("Airtable: when a record's Status becomes 'Expired', delete that record", "airtable"),
]


@pytest.mark.parametrize(("request_text", "app"), ORDER_ON_ITS_RECORD)
def test_an_order_on_the_events_record_keeps_its_app(request_text: str, app: str) -> None:
    assert BASE + app in run_valid(request_text).types


#: The operation the order names, from the catalog.
ORDER_ON_ITS_RECORD_OPERATION = [
    ("When a Notion page in Tasks is marked Done, archive it", "notion", "page", "archive"),
    ("when an Asana task is completed, delete it", "asana", "task", "delete"),
    ("Airtable record marked 'Spam' => delete it", "airtable", "record", "deleteRecord"),
    (
        "when a ClickUp task is created in Bugs, delete it if the title is empty",
        "clickUp",
        "task",
        "delete",
    ),
]


@pytest.mark.parametrize(
    ("request_text", "app", "resource", "operation"), ORDER_ON_ITS_RECORD_OPERATION
)
def test_the_order_on_the_record_is_its_operation(
    request_text: str, app: str, resource: str, operation: str
) -> None:
    nodes = run_valid(request_text).workflow["nodes"]
    said = [(n["parameters"].get("resource"), n["parameters"].get("operation"))
            for n in nodes if n["type"] == BASE + app]  # fmt: skip
    assert said == [(resource, operation)]


#: Near-variants: what the trigger app's node cannot do ("summarise it", "classify it",
#: "refund it"), an order naming another app ("post it to Slack"), a new thing made ("create
#: an invoice"): the trigger app is no step (must not change).
NO_ORDER_ON_ITS_RECORD = [
    ("when a new Typeform response comes in, summarise it and post to Slack", "typeform"),
    ("When a Jira issue is created, translate it to French and email me", "jira"),
    ("when a HubSpot deal is won, create an invoice", "hubspot"),
    ("When a new Trello card is created, post it to Slack", "trello"),
    ("when a HubSpot contact signs up, summarise their notes with OpenAI", "hubspot"),
    ("When a Calendly booking is made, create a Google Meet link and send it", "calendly"),
    (
        "When a new Shopify order comes in, create an invoice and email it to the customer",
        "shopify",
    ),
    ("when an Asana task is completed, post it in Teams", "asana"),
    ("when a new Airtable record is created, classify it with OpenAI", "airtable"),
    ("When a Notion page is updated, send it to Slack", "notion"),
    ("when a new Stripe charge comes in, refund it if the amount is under 1 USD", "stripe"),
]


@pytest.mark.parametrize(("request_text", "app"), NO_ORDER_ON_ITS_RECORD)
def test_other_work_after_the_event_adds_no_step_of_its_app(request_text: str, app: str) -> None:
    assert BASE + app not in run_valid(request_text).types
