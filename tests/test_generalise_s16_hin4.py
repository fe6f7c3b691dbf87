"""Intent of requests the engine never saw (issue #17 Part 2, session 16, HIN4).

The confusions on the clean sets were general conversation read as a question (most) or as a
request, and requests read as a question or as chat. Each group below is one cause in the intent
stage, with cases written here in other apps, registers and wordings; each group's second part
must keep its intent (the near-variants a broad rule would break). No case here is in the
intent model's training data (the model is trained on ``datasets/bench`` train only).

* A one-shot order on one app whose verb is the channel ("email the team that ...", "tweet
  '...'", ``CHANNEL_ORDER_OPENING``), or whose first clause looks like a heading ("insert a
  record in airtable: name Bob"): the order was not seen as one (an unknown opening verb; the
  heading reader cut the order off), so the model took it for small talk.
* Something the asker did or already has, the automation included ("I connected Gmail to n8n
  yesterday", ``DONE_STATEMENT``): n8n's words read as a question, two apps as a flow.
* A question about using an app, not automating it: the words of the app's own name read as
  one of its records ("a bar chart in Google *Sheets*"), or a choice between apps ("Mailchimp
  or Brevo for my newsletter?") read as automating them (``_links_apps``).
* A feature another tool has under automation's names ("the approval workflow in SharePoint",
  "a trigger in MySQL", "In Power Automate, how do I loop ...", ``_other_tools_feature``):
  "workflow", "rule" or "trigger" read as n8n's, so the question as one about automation.
* Asked without a question mark ("what's the keyboard shortcut to mute myself in zoom"): the
  words around "to" read as a flow written as its two ends (``TERSE_LINK``).
* A wish said as "what if ...", "any way to ...", "would be nice if ...", "is there something
  that could ...", "can new X be sent to Y?", or "how can our team ..." (``WISH_ASK``,
  ``HOW_TO_GET``): read as a question or as chat.

Other languages: the model reads the embedding and English cues, so a request in Spanish,
French or German is read right when it names two apps or an order the embedding places near
English orders (``OTHER_LANGUAGES``); one naming one app and a time said in its own language
("Schick mir jeden Morgen um 8 Uhr ... per E-Mail", "Tous les vendredis, envoie-moi ...") is
still read as chat - the entity stage reads times and starts in English only.
"""

from __future__ import annotations

import pytest
from generalise_support import run

GC, Q, WR = "general_conversation", "question", "workflow_request"


ONE_SHOT_ORDERS = [
    ("tweet 'we are live!' from our company account", WR),
    ("text +15551234567 via twilio: your order shipped", WR),
    ("insert a record in airtable: name Bob, status active", WR),
    ("email the team that the server is down", WR),
    ("e-mail everyone in the sales list that prices go up on Monday", WR),
    ("dm @maria on slack: standup moved to 10", WR),
    ("add a row to my sheet saying 'paid rent'", WR),
    ("create a trello card called Fix login bug", WR),
    ("upload invoice.pdf to the Finance folder in dropbox", WR),
    ("pls add new contact John Smith john@acme.io to hubspot", WR),
    ("send a slack message to #general: office closed tomorrow", WR),
    ("archive all Gmail emails older than 30 days from newsletters@shop.com", WR),
    ("sms +447700900123 with: your table is ready", WR),
    ("email my accountant that the Q2 receipts are in the shared folder", WR),
    ("tweet our new pricing page link", WR),
    ("remove john@old.com from our mailchimp audience", WR),
    # must not change: the same verbs as nouns, a heading, a statement, a question
    ("email templates for cold outreach to dentists", GC),
    ("tweet ideas for my bakery's opening week", GC),
    ("message from my boss: we are closing early today", GC),
    ("email marketing is dead, change my mind", GC),
    ("I added a row to my sheet by hand this morning", GC),
    ("how do I add a row to a google sheet with n8n?", Q),
    ("Fun fact: I moved from Slack to Teams last year", GC),
    ("Quick question: how do I use the Merge node?", Q),
    ("Weekly job: pull the open Jira bugs and post them in Slack every Monday", WR),
    ("One-time cleanup: delete all the Trello cards in the Done list", WR),
    ("dm me on discord when a new github issue is opened", WR),
    ("text message marketing tips for a small gym", GC),
    ("email me", GC),
    ("message me the weekly sales numbers from Shopify every Monday", WR),
    ("email the new Stripe customers a welcome note", WR),
]


@pytest.mark.parametrize(("text", "intent"), ONE_SHOT_ORDERS)
def test_a_one_shot_order_on_one_app_is_a_request(text: str, intent: str) -> None:
    assert run(text).intent == intent


DONE_STATEMENTS = [
    ("I connected Gmail to n8n yesterday", GC),
    ("I just set up my first n8n workflow with Slack and Notion!", GC),
    ("I built a workflow that sends Telegram messages, it works great", GC),
    ("yesterday i hooked up Airtable and Discord, took me 2 hours lol", GC),
    ("Our company moved all our automations from Zapier to n8n last month", GC),
    ("I set up the Slack credentials in n8n this morning", GC),
    ("we already have a workflow that posts Jira issues to Slack", GC),
    ("my colleague built our HubSpot to Mailchimp sync last year", GC),
    ("just imported your template, looks nice", GC),
    ("I'm using n8n cloud on the starter plan", GC),
    ("FYI I renamed the Google Sheet to 'Leads 2025'", GC),
    ("I linked our Xero to n8n last week", GC),
    ("we finally migrated our CRM to Pipedrive, what a month", GC),
    ("I already have the Notion integration configured", GC),
    ("just finished building my first Telegram bot in n8n", GC),
    ("I built a workflow that sends Telegram messages every morning, it works great", GC),
    ("we just set up a daily standup bot in Slack", GC),
    ("i have set up gmail trigger for new emails", GC),
    # must not change: an order, a wish, a trouble or a question after what was done
    ("I connected Gmail to n8n, now send me a Slack message for every new email", WR),
    ("I connected Gmail to n8n yesterday but the trigger never fires", Q),
    ("I've set up the Slack trigger and it doesnt fire", Q),
    ("We migrated to n8n last week, how do I move our credentials over?", Q),
    ("I created a Google Sheet with columns name and email; add every new Typeform answer to it",
     WR),
    ("I moved all our leads to HubSpot, each new one should get a welcome email", WR),
    ("we just installed n8n, build me a workflow that saves Gmail attachments to Drive", WR),
    ("I built a workflow that posts to Slack but it runs twice", Q),
    ("I have a Stripe account and a Notion database, copy every new payment into it", WR),
    ("we already have Pipedrive; when a deal is won create an invoice in Xero", WR),
    ("I set up a webhook in n8n and I'm getting a 404 when I call it", Q),
    ("I added the OpenAI credential and it says invalid API key", Q),
    ("I connected my Google Calendar yesterday. Every morning at 7 send me today's events on "
     "Telegram", WR),
    ("I connected Gmail yesterday, why does the Gmail trigger not fire?", Q),
    ("I have Stripe and QuickBooks, I want each new charge logged as a sales receipt", WR),
    ("I set up Google Sheets yesterday, now add each new Jotform entry as a row", WR),
    ("I've connected Gmail and Notion, every new email with a label goes to a Notion page", WR),
    ("I set up my Shopify store last month. When an order is refunded, log it in Google Sheets",
     WR),
    ("we migrated to Pipedrive; why does the Pipedrive trigger fire twice?", Q),
    ("We set up a Typeform for signups. Each new signup goes into HubSpot as a contact and gets "
     "a welcome email.", WR),
    ("I created a Notion database for leads. Add every new Facebook lead to it.", WR),
    ("we have a Slack channel #alerts. Post there whenever Stripe has a failed payment.", WR),
    ("I connected Gmail; every new email from my boss -> telegram", WR),
    ("I already use Todoist. Put each new starred Gmail email in it as a task", WR),
]  # fmt: skip


@pytest.mark.parametrize(("text", "intent"), DONE_STATEMENTS)
def test_what_the_asker_did_or_has_is_conversation(text: str, intent: str) -> None:
    assert run(text).intent == intent


APP_USE_QUESTIONS = [
    ("is Shopify or WooCommerce cheaper for a shop with 20 products?", GC),
    ("is Asana or ClickUp better for a team of five?", GC),
    ("should I use Mailchimp or Brevo for my newsletter with 300 subscribers?", GC),
    ("how do I share my screen in Microsoft Teams?", GC),
    ("how do I make a bar chart in google sheets", GC),
    ("How do I change the notification sound in Slack on my Mac?", GC),
    ("In Jira how do I change the colour of an epic?", GC),
    ("How many users can a free Slack workspace have?", GC),
    # must not change: automating the app's records, or a choice inside n8n
    ("how do I get the latest messages from a Slack channel?", Q),
    ("how do I update a HubSpot contact's email?", Q),
    ("How do I list all records in an Airtable base?", Q),
    ("how do I read rows from google sheets?", Q),
    ("what fields does a Stripe charge have?", Q),
    ("how do I make the Google Sheets node append instead of update?", Q),
    ("which is better for automations, Make or n8n?", Q),
    ("Can n8n read messages from a WhatsApp group?", Q),
    ("should my workflow post to Slack or Teams?", Q),
    ("which node is better for Google Sheets, the Sheets node or HTTP?", Q),
    ("how do I create a new page in Notion?", Q),
]


@pytest.mark.parametrize(("text", "intent"), APP_USE_QUESTIONS)
def test_a_question_about_using_an_app_is_conversation(text: str, intent: str) -> None:
    assert run(text).intent == intent


OTHER_TOOLS = [
    ("How do I set up a rule in Outlook to move emails from my boss into a folder?", GC),
    ("How do I change the approval workflow in SharePoint?", GC),
    ("what's the difference between an event and a trigger in MySQL?", GC),
    ("In Power Automate, how do I loop through SharePoint list items?", GC),
    ("In Salesforce, how do I make a field required on the lead page layout?", GC),
    ("In Windows Task Scheduler my task runs but the script doesn't do anything", GC),
    ("how do I set up a trigger in Postgres for new rows?", GC),
    ("what's the difference between a rule and a filter in Gmail?", GC),
    ("Using Airtable, how do I make a linked record field?", GC),
    ("what's an automation rule in Jira?", GC),
    ("In HubSpot, how do I merge two duplicate contacts?", GC),
    ("In Trello, where are the board settings?", GC),
    ("how do I edit the workflow of a Jira project to add a QA column?", GC),
    # must not change: n8n named, an n8n node named, an app event to start on
    ("How do I use the Jira trigger?", Q),
    ("how do I use an expression in the Slack node?", Q),
    ("In the Slack node, how do I reply in a thread?", Q),
    ("In n8n, how do I loop through items?", Q),
    ("how does the Postgres trigger work?", Q),
    ("can the HubSpot trigger fire on deal updates?", Q),
    ("my Gmail workflow stopped sending emails, why?", Q),
    ("how do I call a webhook in Zapier from n8n?", Q),
    ("how do I post a message in Slack from my workflow?", Q),
    ("is there a limit on executions in n8n cloud?", Q),
    ("how do I use the Trello trigger to watch one list?", Q),
    ("how do I update a Notion database item from a workflow?", Q),
    ("In Slack, post a message to #general when a new Jira issue is created", WR),
    ("In Google Sheets, add a row for every new Stripe payment", WR),
    ("in my workflow, how do I filter out empty rows?", Q),
    ("On n8n cloud, how do I set env variables?", Q),
    ("what's the best way to filter Gmail messages in a workflow?", Q),
    ("how do I set up a webhook in Stripe that calls my n8n workflow?", Q),
    ("how do I trigger a workflow from a Slack slash command?", Q),
    ("can I run an n8n workflow from a GitHub Actions job?", Q),
    ("In Shopify, can I get an alert in Slack for every new order?", WR),
]


@pytest.mark.parametrize(("text", "intent"), OTHER_TOOLS)
def test_a_feature_of_another_tool_is_conversation(text: str, intent: str) -> None:
    """Another tool's workflows, rules, filters or triggers ("the approval workflow in
    SharePoint"), or a question opening inside another tool ("In Power Automate, ...")."""
    assert run(text).intent == intent


ASKED_WITHOUT_A_MARK = [
    ("what's the keyboard shortcut to mute myself in zoom", GC),
    ("whats the shortcut to paste without formatting in google docs", GC),
    ("what's the best pizza place in Naples", GC),
    # must not change: a flow written as its ends, a how-to about n8n
    ("how to connect gmail to sheets", Q),
    ("new shopify order -> slack #orders", WR),
    ("gmail to notion", WR),
]


@pytest.mark.parametrize(("text", "intent"), ASKED_WITHOUT_A_MARK)
def test_a_question_without_a_mark_is_no_terse_flow(text: str, intent: str) -> None:
    assert run(text).intent == intent


WISHES = [
    ("What if every new Stripe refund got posted to #finance in Slack?", WR),
    ("What if every time a Typeform is submitted we got an Airtable record and a Slack ping?",
     WR),
    ("any way to have new Gmail emails with invoices saved to Dropbox automatically?", WR),
    ("Any way to push new Eventbrite attendees into Mailchimp automatically?", WR),
    ("would be nice if new zendesk tickets showed up in our discord", WR),
    ("it would be really handy if new PayPal payments landed in our accounting sheet", WR),
    ("is there something that could log every new Paddle transaction in a Google Sheet?", WR),
    ("do you think we could get a daily Slack summary of our Google Analytics traffic?", WR),
    ("Can new Webflow form submissions be sent to our HubSpot?", WR),
    ("how can our team see new Zendesk tickets in Microsoft Teams as they come in?", WR),
    ("what if each new Intercom conversation got a summary in Slack?", WR),
    ("any way to send new Airtable rows to Mailchimp?", WR),
    ("is there anything that could copy new Dropbox files to Box every night?", WR),
    # must not change: about n8n's parts, or nothing to automate
    ("what if the Slack API is down, does n8n retry the node?", Q),
    ("any way to make the Gmail trigger poll every minute?", Q),
    ("would be nice to get a raise this year lol", GC),
    ("what if I lose my job, should I sell my Tesla?", GC),
    ("is there something that could help me sleep better?", GC),
    ("do you think we could get a better price on Slack Pro?", GC),
    ("Can new Gmail attachments be larger than 25MB?", GC),
    ("Can new Webflow form submissions be sent to a workflow by the Webflow trigger?", Q),
    ("how can our team learn n8n faster?", Q),
    ("how can my sister get her photos from iCloud onto her new laptop?", GC),
    ("what if the Notion API changes, will my workflow break?", Q),
    ("any way to speed up my slow laptop?", GC),
    ("is there something wrong with the Gmail node today?", Q),
    ("do you think we could get more customers with a newsletter?", GC),
]  # fmt: skip


@pytest.mark.parametrize(("text", "intent"), WISHES)
def test_a_wish_said_as_what_if_or_any_way_is_a_request(text: str, intent: str) -> None:
    assert run(text).intent == intent


OTHER_LANGUAGES = [
    ("Envía un mensaje a Slack cada vez que llegue un nuevo correo en Gmail", WR),
    ("Guarda los archivos adjuntos de Gmail en Google Drive", WR),
    ("Speichere neue Typeform-Antworten in Google Sheets", WR),
    ("Ajoute chaque nouvelle commande Shopify dans une feuille Google Sheets", WR),
    ("Quand je reçois un e-mail dans Gmail, envoie une notification sur Telegram", WR),
    ("¿Cómo uso el nodo IF en n8n?", Q),
    ("Wie funktioniert der IF-Knoten in n8n?", Q),
    ("Comment fonctionne le nœud Merge dans n8n ?", Q),
    ("¿Cuál es la capital de Francia?", GC),
    ("Was ist das beste Rezept für Apfelkuchen?", GC),
    ("Bonjour, comment ça va ?", GC),
]


@pytest.mark.parametrize(("text", "intent"), OTHER_LANGUAGES)
def test_requests_in_other_languages_keep_their_intent(text: str, intent: str) -> None:
    """What the engine reads right today in Spanish, German and French (see the module's
    docstring for what it does not)."""
    assert run(text).intent == intent


# --- kept as they are: outside automation, n8n questions, requests asked as questions ---

KEPT = [
    ("which laptop should I buy for programming under 1000 dollars?", GC),
    ("give me a recipe for banana bread without eggs", GC),
    ("is it better to file taxes jointly or separately when one of us is freelance?", GC),
    ("write a 500 word essay about climate change for school", GC),
    ("solve 3x + 7 = 22", GC),
    ("In Excel, how do I make VLOOKUP return the last match instead of the first?", GC),
    ("how do I undo my last git commit but keep the changes?", GC),
    ("git push says 'rejected non-fast-forward', what do I do", GC),
    ("In VS Code how do I change the tab size to 2 spaces?", GC),
    ("can u recomend good book for learn english, i am beginner", GC),
    ("SELECT * FROM users WHERE age > 30 ORDER BY name; why is it so slow on 10M rows?", GC),
    ("Long story short: I've been working at a bakery for 3 years, the owner wants me to take "
     "over the books. What accounting basics should I learn first?", GC),
    ("In Zapier, where do I change my billing plan?", GC),
    ("def add(a, b): return a + b  -- how do I add type hints to this?", GC),
    ("We use Shopify and Klaviyo", GC),
    ("what's the difference between a webhook and a polling trigger?", Q),
    ("how do I migrate my Zapier zaps to n8n?", Q),
    ("what's the best way to handle pagination with the HTTP Request node?", Q),
    ("is the Gmail trigger polling or push?", Q),
    ("can a workflow call another workflow?", Q),
    ("can we get a telegram ping every time someone stars our github repo?", WR),
    ("need: mailchimp subscriber -> pipedrive person, every new one", WR),
    ("Hi! Hope you're well. We run a small yoga studio and people book through Calendly. It "
     "would really help if every new booking also ended up in our Google Calendar and we got an "
     "email.", WR),
    ("i want when customer pay in stripe, it send thank you email by gmail", WR),
    ("Looking for an automation: when a Calendly meeting is booked, create a Zoom link and email "
     "it", WR),
]  # fmt: skip


@pytest.mark.parametrize(("text", "intent"), KEPT)
def test_kept_intents(text: str, intent: str) -> None:
    assert run(text).intent == intent
