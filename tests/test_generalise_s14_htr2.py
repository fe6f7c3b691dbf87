"""An app's event as the start when the request names the app in one sentence and says what
happens to its records in the next (issue #17 Part 2, session 14, HTR2).

Why: the largest trigger miss on the clean sets is "expected the app's trigger, got a Manual
Trigger", then "... got a Schedule Trigger". Written by us, in other apps and wording, the
commonest cause was one: people name their tool first in a sentence that only sets the scene
("We sell ebooks through PayPal.", "Pipedrive is our CRM.", "Our newsletter is on Mailchimp.")
and then say what happens there without naming it again ("After each completed payment, ...",
"Whoever subscribes gets ..."). Read clause by clause, the event had no app and the app no
event: no rule found a start, and the last one gave a Manual Trigger
(``engine.spec._awaited_in_next_sentence``). Two smaller causes on the same path: a loop word
("for each WooCommerce order that comes in") read as a batch over stored records although its
own words say they arrive (``_loops_over_stored``), and event words with no time ("for every
new line") polling on a schedule an app whose trigger n8n has (``start_from_words``).

Every expected trigger here is one the catalog's trigger node offers for that event.
"""

from __future__ import annotations

import pytest
from generalise_support import starts


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        (
            "We sell ebooks through PayPal. After each completed payment, email the buyer the "
            "download link from Gmail",
            "payPalTrigger",
        ),
        (
            "Pipedrive is our CRM. A person gets a new email address -> update it in Mailchimp "
            "too.",
            "pipedriveTrigger",
        ),
        (
            "Our editorial calendar is a Notion database. Anything whose status becomes "
            "'Published' gets shared on LinkedIn.",
            "notionTrigger",
        ),
        (
            "Our newsletter is on Mailchimp. Whoever subscribes gets a personal hello from our "
            "founder's Outlook.",
            "mailchimpTrigger",
        ),
        (
            "The accountant shares receipts in a Google Drive folder. Any file added there "
            "should be renamed with the date and copied to OneDrive.",
            "googleDriveTrigger",
        ),
        (
            "WooCommerce store: refunds happen a lot lately. Each refunded order should be "
            "logged to a Google Sheet with the reason.",
            "wooCommerceTrigger",
        ),
        (
            "I run a small Shopify store. Any order over 200 euros should get a "
            "handwritten-note task in Todoist.",
            "shopifyTrigger",
        ),
        (
            "We track candidates in Airtable. A candidate whose stage becomes 'Hired' needs an "
            "onboarding checklist in Notion.",
            "airtableTrigger",
        ),
        (
            "The sales reps log leads in a Google Sheet. For every new line they add, enrich "
            "the company with Clearbit and write it back.",
            "googleSheetsTrigger",
        ),
        # a loop over records that arrive
        (
            "For each WooCommerce order that comes in, generate a QuickBooks invoice",
            "wooCommerceTrigger",
        ),
        (
            "Scanner drops PDFs into a OneDrive folder. For each new one: OCR it with OpenAI "
            "and file the invoice data in Airtable",
            "microsoftOneDriveTrigger",
        ),
    ],
)
def test_scene_then_event_starts_on_the_app(request_text: str, trigger: str) -> None:
    assert trigger in starts(request_text)


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        # the scene, then an order or a read on what is there: a one-off
        ("We use HubSpot. Copy all contacts into a Google Sheet.", "manualTrigger"),
        ("Pipedrive is our CRM. Export every deal to a CSV file.", "manualTrigger"),
        (
            "Our docs are in Notion. Summarise every page in the 'Handbook' database into a "
            "Google Doc.",
            "manualTrigger",
        ),
        (
            "Our team works in Asana. Please list all overdue tasks in a Slack message.",
            "manualTrigger",
        ),
        (
            "We store leads in Airtable. I'll click a button to push each one to Mailchimp.",
            "manualTrigger",
        ),
        # a schedule said
        (
            "Our CRM is HubSpot. Every Monday at 9, email me the deals that changed stage.",
            "scheduleTrigger",
        ),
        # a loop over what is stored
        (
            "For each row in the Airtable 'Leads' table, send a personalised email through Gmail",
            "manualTrigger",
        ),
        (
            "For every Trello card on the Sales board, add a checklist called 'Onboarding'",
            "manualTrigger",
        ),
        ("For each HubSpot company without an owner, assign it to me", "manualTrigger"),
        # one-offs and reports (the brief's)
        ("Copy our HubSpot contact list to a Google Sheet", "manualTrigger"),
        ("Export all Pipedrive deals lost in 2025 to a CSV file", "manualTrigger"),
        ("Migrate our Trello boards to Asana", "manualTrigger"),
        (
            "every morning pull yesterday's Shopify orders into a Google Sheet",
            "scheduleTrigger",
        ),
        (
            "Each Friday at 4pm, send a report of the week's Stripe payments to #finance on Slack",
            "scheduleTrigger",
        ),
        (
            "Every night at 2am, copy new Typeform responses into Airtable",
            "scheduleTrigger",
        ),
    ],
)
def test_scene_or_loop_without_an_event_keeps_its_start(request_text: str, trigger: str) -> None:
    assert starts(request_text) == {trigger}


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        (
            "Patients book through Acuity. New appointment scheduled = create the patient "
            "folder in Google Drive",
            "acuitySchedulingTrigger",
        ),
        (
            "Every appointment scheduled in Acuity should be copied to my Google Calendar",
            "acuitySchedulingTrigger",
        ),
        (
            "A discovery call gets scheduled via Calendly -> add the invitee to HubSpot as a lead",
            "calendlyTrigger",
        ),
        (
            "Cal.com meetings scheduled by prospects need a prep doc from Google Docs emailed to "
            "the rep",
            "calTrigger",
        ),
        (
            "Whenever an interview is scheduled on the 'Hiring' Google Calendar, post the "
            "candidate name to #recruiting in Slack",
            "googleCalendarTrigger",
        ),
        (
            "Demo scheduled in Calendly? Text the sales rep through Twilio with the time",
            "calendlyTrigger",
        ),
        (
            "Our yoga studio uses Acuity. Each class that's scheduled should show up in our "
            "Notion schedule page",
            "acuitySchedulingTrigger",
        ),
        # must not change: "scheduled" said of the workflow
        ("Send me a scheduled report of Stripe payments", "scheduleTrigger"),
        ("I want this scheduled: pull the Jira issues and email them", "scheduleTrigger"),
        ("A scheduled job that backs up our Airtable base to Google Drive", "scheduleTrigger"),
        ("The Notion sync is scheduled for 7am every weekday", "scheduleTrigger"),
        ("Scheduled task: clean up old rows in the Postgres logs table", "scheduleTrigger"),
    ],
)
def test_a_booking_scheduled_is_the_apps_event(request_text: str, trigger: str) -> None:
    """ "once a demo is scheduled", "new appointment scheduled": the booking app's event, not
    a Schedule Trigger with no time (``engine.intent.schedule.scheduled_as_event``)."""
    assert starts(request_text) == {trigger}


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        (
            "Brevo tells us a contact clicked the campaign link: bump their lead status in "
            "Salesforce",
            "sendInBlueTrigger",
        ),
        (
            "GitHub: someone forked our main repo -> say thanks in our Discord #community",
            "githubTrigger",
        ),
        (
            "our GitHub repo got starred by someone? post a little celebration in Slack",
            "githubTrigger",
        ),
        (
            "GitHub: somebody watched our repo, add their username to the 'Fans' Airtable table",
            "githubTrigger",
        ),
        (
            "Brevo: an email to a customer got delivered -> note the time in their Pipedrive "
            "person record",
            "sendInBlueTrigger",
        ),
        (
            "Mailchimp: an address got cleaned from the list -> set email_valid to false in our "
            "MySQL table",
            "mailchimpTrigger",
        ),
        (
            "Our GitHub repo: someone pushed to main -> ask in Slack #deploys whether to release",
            "githubTrigger",
        ),
        # must not change: the participle qualifies records read once, or an order acts on them
        (
            "Send all Mailjet contacts who clicked last month's newsletter to a Google Sheet",
            "manualTrigger",
        ),
        ("Copy the Box files downloaded by legal into Dropbox", "manualTrigger"),
        ("Tag in HubSpot the Mailjet contacts who clicked the spring campaign", "manualTrigger"),
        ("Make a Google Sheet of the GitHub issues we labelled 'bug'", "manualTrigger"),
    ],
)
def test_an_event_the_catalog_names_is_awaited(request_text: str, trigger: str) -> None:
    """The record's event is one the app's trigger reports, said by the catalog's own verb
    ("forked" for GitHub's Fork, "clicked" for Brevo's click): the app's trigger
    (``engine.implied_start.catalog_event_word``), not a Manual Trigger."""
    assert starts(request_text) == {trigger}


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        ("every merge request on GitLab should be announced in Mattermost", "gitlabTrigger"),
        ("any bug report in our Jira project should be mirrored to Linear", "jiraTrigger"),
        (
            "any grant application in the Airtable base must be scored by Claude and the score "
            "written back",
            "airtableTrigger",
        ),
        (
            "each client task inside our ClickUp workspace should appear in Google Calendar as "
            "an event",
            "clickUpTrigger",
        ),
        (
            "every refund request in our Zendesk gets a Slack ping to #billing with the amount",
            "zendeskTrigger",
        ),
        (
            "every meeting note in my Notion database should get an AI summary emailed to the "
            "attendees",
            "notionTrigger",
        ),
        # must not change: an order or a read on every record there is
        (
            "Send every HubSpot contact in our 'Customers' list a Christmas greeting through Gmail",
            "manualTrigger",
        ),
        ("Summarise every page in our Notion wiki into one Google Doc", "manualTrigger"),
        ("Delete every row in the Google Sheet 'Temp' tab", "manualTrigger"),
    ],
)
def test_a_quantified_record_in_the_app_is_awaited(request_text: str, trigger: str) -> None:
    """ "every merge request on GitLab": the words that place the record in the app ("on",
    "in our") do not push the quantifier out of the record's phrase (``_waited_for``)."""
    assert starts(request_text) == {trigger}


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        (
            "Summaries of customer emails as they come in to our Gmail support address, posted "
            "in #support",
            "gmailTrigger",
        ),
        (
            "Summarise each contract PDF as it's uploaded to our Google Drive 'Contracts' folder "
            "and email legal",
            "googleDriveTrigger",
        ),
        (
            "Tag invoices as they arrive in my Outlook inbox with the vendor name",
            "microsoftOutlookTrigger",
        ),
        (
            "Translate the feedback rows as they're added to our Google Sheet into English, in "
            "a new column",
            "googleSheetsTrigger",
        ),
        (
            "Resize product photos as they land in our Box folder and put them in S3",
            "boxTrigger",
        ),
        (
            "OCR receipts as they're dropped into the OneDrive 'Receipts' folder and log the "
            "totals in Airtable",
            "microsoftOneDriveTrigger",
        ),
        # must not change: the app after the arrival is where an order sends them
        ("Forward the leads as they come in to our Slack channel", "manualTrigger"),
    ],
)
def test_records_arriving_in_the_app_named_after(request_text: str, trigger: str) -> None:
    """ "as they come in to our Gmail", "as it's uploaded to our Google Drive": the app the
    records arrive in, named after the arrival, starts the workflow
    (``engine.intent.entities._as_they_come``), unless an order sends things there."""
    assert starts(request_text) == {trigger}
