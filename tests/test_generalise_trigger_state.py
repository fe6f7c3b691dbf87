"""An app event said as a change of state starts from that app's trigger, on requests written
the way other people write them (issue #17 Part 2, session 8; HT2's own phrasings, none a
benchmark or held-out case): the app by nickname, in lower case or heading the request
("acuity - ...", "copper crm: ..."), the event asked as a question ("... got cancelled? text
me"), any verb of change ("changes the Stage column", "drags a card into Done"). Each request
goes through the whole offline engine; the workflow must also pass the strict validator."""

from __future__ import annotations

import pytest
from generalise_support import run


def _starts_with(request: str, trigger: str) -> None:
    out = run(request)
    assert out.intent == "workflow_request", (out.intent, request)
    assert not out.strict_errors(), out.strict_errors()
    assert {t.rsplit(".", 1)[-1] for t in out.triggers} == {trigger}, (out.triggers, request)


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        # the app named by its brand, heading the request or with a word that says "app"
        ("acuity - when a client cancels an appointment, free the slot in our google sheet",
         "acuitySchedulingTrigger"),
        ("copper crm: lead converted -> add the person to mailchimp", "copperTrigger"),
        ("When a Copper opportunity is lost, add the contact to a nurture list in Mailchimp.",
         "copperTrigger"),
        # the event asked as a question, then the order
        ("gcal meeting moved? tell the attendees on slack", "googleCalendarTrigger"),
        ("Stripe subscription cancelled? Remove the customer from our Mailchimp audience.",
         "stripeTrigger"),
        # "any time" opens an event like "whenever"; any verb of change
        ("Anytime someone changes the 'Stage' column in our Airtable CRM, log the change to "
         "Slack.", "airtableTrigger"),
        ("any time a customer edits their address in shopify, update them in mailchimp",
         "shopifyTrigger"),
        ("When somebody drags a card into the Done column on Trello, email the client.",
         "trelloTrigger"),
        ("When QA bounces a ticket back to In Progress in Jira, ping the developer on Slack.",
         "jiraTrigger"),
        ("When a Chargebee subscription is paused, email the account manager.",
         "chargebeeTrigger"),
        ("when someone cancels their eventbrite ticket, remove them from the attendee sheet",
         "eventbriteTrigger"),
    ],
)  # fmt: skip
def test_a_change_of_state_starts_from_the_apps_trigger(request_text: str, trigger: str) -> None:
    _starts_with(request_text, trigger)


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        # a list or a "Steps:" form opening with the record and its state
        ("Steps: - hubspot deal lost - add the contact to a re-engagement list in mailchimp",
         "hubspotTrigger"),
        ("1) asana task completed 2) tick the matching row in our google sheet",
         "asanaTrigger"),
        # a weak opener with someone acting on the record ("for each deal we win")
        ("a teams post for every ticket the support team closes in zendesk",
         "zendeskTrigger"),
        ("on every merged PR in github, post the title to discord", "githubTrigger"),
        ("if card in trello is moved to list Done, then email the client with gmail",
         "trelloTrigger"),
        # the order said with a modal: the app after it is where the order acts
        ("New paid invoice from Xero... no: new paid order from our shopify shop should be "
         "written to google sheets", "shopifyTrigger"),
        # the event points back at the sentence naming the app
        ("Our Pipedrive deals sometimes get lost. When that happens I want a Slack message.",
         "pipedriveTrigger"),
        ("We track bugs in Linear. When one is closed, email the reporter.", "linearTrigger"),
        # a participle, any verb, then where it happened, asked as a question
        ("Due date changed on a Trello card? Update the Google Calendar event for it.",
         "trelloTrigger"),
    ],
)  # fmt: skip
def test_lists_weak_openers_modals_and_pointing_back(request_text: str, trigger: str) -> None:
    _starts_with(request_text, trigger)


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        # kept aside while tuning (HT2's own check)
        ("When a case is closed in Salesforce, send the contact a feedback form link via email.",
         "salesforceTrigger"),
        ("whenever a trello card is marked done, post it in our slack #wins channel",
         "trelloTrigger"),
        ("Once a ticket in HubSpot is moved to 'Resolved', email the customer a satisfaction "
         "survey.", "hubspotTrigger"),
        ("When a Linear issue gets cancelled, notify the team in Microsoft Teams.",
         "linearTrigger"),
        ("After an order is cancelled in Shopify, restock the items in our Airtable inventory "
         "table.", "shopifyTrigger"),
        ("When a Zendesk ticket's status turns to pending, remind the agent on Slack.",
         "zendeskTrigger"),
        ("When an Asana task moves to the 'Review' section, assign a reviewer and email them.",
         "asanaTrigger"),
        ("As soon as a dispute is opened in Stripe, create a high priority ticket in Zendesk.",
         "stripeTrigger"),
        ("When a meeting gets rescheduled on Calendly, update the HubSpot contact's next "
         "meeting date.", "calendlyTrigger"),
        ("As soon as a row in Airtable is flagged as 'needs review', message me on Telegram.",
         "airtableTrigger"),
    ],
)  # fmt: skip
def test_kept_aside_changes_of_state(request_text: str, trigger: str) -> None:
    _starts_with(request_text, trigger)


def test_an_app_reached_over_http_in_brackets_is_no_app_node() -> None:
    """ "Jina reader (r.jina.ai over http)": the brand names the API the HTTP Request calls."""
    out = run("Every morning read https://example.com with the Jina reader (r.jina.ai over "
              "http) and email me the text through Gmail.")  # fmt: skip
    assert "n8n-nodes-base.jinaAi" not in out.types
    assert "n8n-nodes-base.httpRequest" in out.types


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        # records handled as they come, a longer label, "flipped to", pointing back over ";"
        ("Post new HubSpot deals to #sales as they come in.", "hubspotTrigger"),
        ("Please set up: Pipedrive deal stage changed to 'Proposal' => create a Google Doc "
         "from our template", "pipedriveTrigger"),
        ("Notion page status flipped to \"Ready\" - send it to our editor by Gmail",
         "notionTrigger"),
        ("In our Zendesk, tickets sometimes get reopened; whenever that happens tell the team "
         "lead on Slack.", "zendeskTrigger"),
    ],
)  # fmt: skip
def test_as_they_come_labels_and_pointing_back_over_a_semicolon(
    request_text: str, trigger: str
) -> None:
    _starts_with(request_text, trigger)
