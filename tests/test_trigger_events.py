"""The event an app trigger listens to is read from the request's *event clause* (issue #17).

"When a payment fails in Stripe" must listen to a failed payment, not to ``customer.created``;
"a Jira ticket is moved to In Review" to the issue's update, not to ``jira:version_moved``. These
requests are our own, across many apps and wordings, each with the events of the node's catalog
entry that are right for it. Requests without event words, and triggers without an event
parameter, must keep what they had.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.offline.trigger_events import event_clause, trigger_event_choices
from indexing.catalog.load import load_catalog

BASE = "n8n-nodes-base."


def chosen(trigger: str, request: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
    """What the chooser sets on a fresh ``trigger`` node (default version) for ``request``."""
    cat = load_catalog()
    node_type = BASE + trigger
    version = cat.default_version(node_type)
    return trigger_event_choices(cat.get(node_type, version), dict(params or {}), version, request)


def as_set(value: Any) -> set[str]:
    return set(value) if isinstance(value, list) else {value}


# (trigger, parameter, request, events that are right)
CASES = [
    (
        "stripeTrigger",
        "events",
        "when a payment fails in Stripe, email the customer with Gmail",
        {"charge.failed", "payment_intent.payment_failed", "invoice.payment_failed"},
    ),
    # Stripe Issuing's disputes are disputes opened too: the words cannot tell them apart
    (
        "stripeTrigger",
        "events",
        "As soon as a Stripe dispute is opened, create a Jira issue",
        {"charge.dispute.created", "issuing_dispute.created"},
    ),
    (
        "stripeTrigger",
        "events",
        "whenever a customer cancels their Stripe subscription, post a note in Slack",
        {"customer.subscription.deleted"},
    ),
    (
        "stripeTrigger",
        "events",
        "If a charge is refunded in Stripe, add a row to Google Sheets",
        {"charge.refunded"},
    ),
    (
        "stripeTrigger",
        "events",
        "When a Stripe invoice is paid, create the invoice in Xero",
        {"invoice.paid", "invoice.payment_succeeded"},
    ),
    (
        "stripeTrigger",
        "events",
        "once a new customer is created in Stripe, update the HubSpot deal and delete the old note",
        {"customer.created"},
    ),
    (
        "shopifyTrigger",
        "topic",
        "when an order in Shopify gets cancelled, send a Slack message",
        {"orders/cancelled"},
    ),
    (
        "shopifyTrigger",
        "topic",
        "Whenever a new product is added in Shopify, post it to Discord",
        {"products/create"},
    ),
    (
        "shopifyTrigger",
        "topic",
        "Shopify order paid -> create a sales receipt in QuickBooks",
        {"orders/paid"},
    ),
    (
        "wooCommerceTrigger",
        "event",
        "when an order in WooCommerce gets refunded, notify Slack",
        {"order.updated"},
    ),
    (
        "wooCommerceTrigger",
        "event",
        "When a new customer signs up in WooCommerce, add them to Mailchimp",
        {"customer.created"},
    ),
    (
        "wooCommerceTrigger",
        "event",
        "whenever a WooCommerce product is updated, create a record in Airtable",
        {"product.updated"},
    ),
    (
        "jiraTrigger",
        "events",
        "when a Jira ticket is moved to In Review, ping the reviewer on Slack",
        {"jira:issue_updated"},
    ),
    (
        "jiraTrigger",
        "events",
        "When a comment is added to a Jira issue, post it to Microsoft Teams",
        {"comment_created"},
    ),
    (
        "jiraTrigger",
        "events",
        "Whenever a new bug is created in Jira, create a Linear issue",
        {"jira:issue_created"},
    ),
    (
        "jiraTrigger",
        "events",
        "when a Jira sprint is started, post the goal in Slack",
        {"sprint_started"},
    ),
    (
        "clickUpTrigger",
        "events",
        "When a ClickUp task goes to 'blocked', alert the team in Slack",
        {"taskStatusUpdated"},
    ),
    (
        "clickUpTrigger",
        "events",
        "whenever someone comments on a ClickUp task, email me",
        {"taskCommentPosted"},
    ),
    (
        "clickUpTrigger",
        "events",
        "When a task is created in ClickUp, add it to Google Calendar",
        {"taskCreated"},
    ),
    (
        "convertKitTrigger",
        "event",
        "new subscriber in ConvertKit -> add a HubSpot contact",
        {"subscriberActivate", "formSubscribe"},
    ),
    (
        "convertKitTrigger",
        "event",
        "When someone unsubscribes in ConvertKit, delete their Airtable record",
        {"subscriberUnsubscribe"},
    ),
    (
        "convertKitTrigger",
        "event",
        "when a tag is added to a subscriber in ConvertKit, update the Pipedrive person",
        {"tagAdd"},
    ),
    (
        "calendlyTrigger",
        "events",
        "When an invitee cancels a Calendly meeting, delete the deal in HubSpot",
        {"invitee.canceled"},
    ),
    (
        "calendlyTrigger",
        "events",
        "Whenever someone books a meeting on Calendly, cancel nothing and create a Zoom meeting",
        {"invitee.created"},
    ),
    (
        "githubTrigger",
        "events",
        "when a pull request is opened on GitHub, post in Slack",
        {"pull_request"},
    ),
    (
        "githubTrigger",
        "events",
        "When a new release is published on GitHub, send a Telegram message",
        {"release"},
    ),
    (
        "githubTrigger",
        "events",
        "whenever someone stars our GitHub repo, thank them on Discord",
        {"star", "watch"},
    ),
    (
        "gitlabTrigger",
        "events",
        "Whenever a merge request is opened in GitLab, notify Mattermost",
        {"merge_requests"},
    ),
    (
        "gitlabTrigger",
        "events",
        "when a GitLab pipeline fails, create a ticket in Jira",
        {"pipeline"},
    ),
    (
        "mailchimpTrigger",
        "events",
        "When someone subscribes to our Mailchimp list, add them as a person in Pipedrive",
        {"subscribe"},
    ),
    (
        "mailchimpTrigger",
        "events",
        "if a member unsubscribes from Mailchimp, remove the contact from HubSpot",
        {"unsubscribe"},
    ),
    (
        "netlifyTrigger",
        "event",
        "when a Netlify deploy fails, send me a Telegram message",
        {"deployFailed"},
    ),
    (
        "netlifyTrigger",
        "event",
        "When a Netlify form is submitted, create a row in Airtable",
        {"submissionCreated"},
    ),
    (
        "googleSheetsTrigger",
        "event",
        "When a new row is added to the Orders sheet in Google Sheets, update the Trello card",
        {"rowAdded"},
    ),
    (
        "googleSheetsTrigger",
        "event",
        "when a row is updated in Google Sheets, add a new contact in HubSpot",
        {"rowUpdate", "anyUpdate"},
    ),
    (
        "googleCalendarTrigger",
        "triggerOn",
        "when a Google Calendar event is cancelled, create a message in Slack",
        {"eventCancelled"},
    ),
    (
        "salesforceTrigger",
        "triggerOn",
        "When a new lead is created in Salesforce, update the Google Sheet",
        {"leadCreated"},
    ),
    (
        "salesforceTrigger",
        "triggerOn",
        "when an opportunity moves to Closed Won in Salesforce, create an invoice in Xero",
        {"opportunityUpdated"},
    ),
    (
        "chargebeeTrigger",
        "events",
        "if a Chargebee subscription gets canceled, tag the contact 'churned' in ActiveCampaign",
        {"subscription_cancelled"},
    ),
    (
        "chargebeeTrigger",
        "events",
        "when a Chargebee payment fails, create a task in Asana",
        {"payment_failed"},
    ),
    (
        "mailerLiteTrigger",
        "events",
        "when a subscriber unsubscribes in MailerLite, update the Airtable row",
        {"subscriber.unsubscribed"},
    ),
    (
        "helpScoutTrigger",
        "events",
        "When a customer replies to a Help Scout conversation, post the reply in Slack",
        {"convo.customer.reply.created"},
    ),
    (
        "linearTrigger",
        "resources",
        "when a comment is added to a Linear issue, post it to Discord",
        {"comment"},
    ),
    (
        "notionTrigger",
        "event",
        "when a page is updated in the Notion database, send a Slack message",
        {"pagedUpdatedInDatabase"},
    ),
    (
        "postmarkTrigger",
        "events",
        "when an email bounces in Postmark, mark the HubSpot contact",
        {"bounce"},
    ),
    (
        "acuitySchedulingTrigger",
        "event",
        "Whenever an Acuity appointment is rescheduled, update the Google Calendar event",
        {"appointment.rescheduled"},
    ),
    (
        "calTrigger",
        "events",
        "when a booking is made on Cal.com, create a deal in Pipedrive",
        {"BOOKING_CREATED"},
    ),
    # the app named apart from the event, or again in the orders that follow it
    (
        "shopifyTrigger",
        "topic",
        "Shopify: when an order is cancelled, add a note to the Shopify customer",
        {"orders/cancelled"},
    ),
    (
        "jiraTrigger",
        "events",
        "Jira: when a ticket is moved to Done, comment on the Jira issue",
        {"jira:issue_updated"},
    ),
    (
        "githubTrigger",
        "events",
        "When a GitHub issue is closed, create a release on GitHub",
        {"issues"},
    ),
    (
        "shopifyTrigger",
        "topic",
        "new shopify customer --> create contact in mautic",
        {"customers/create"},
    ),
    ("telegramTrigger", "updates", "telegram bot that turns my voice notes into text", {"message"}),
    (
        "telegramTrigger",
        "updates",
        "Telegram bot for our team: look the user up; if new, create a thread",
        {"message"},
    ),
    (
        "googleSheetsTrigger",
        "event",
        "new lead row in Google Sheets -> alert in Slack, and if the lead is hot call them",
        {"rowAdded"},
    ),
    # what is watched is where it happens; then that place's events
    (
        "googleDriveTrigger",
        "triggerOn",
        "When a new invoice PDF lands in our 'Invoices' Google Drive folder, email it to me",
        {"specificFolder"},
    ),
    (
        "googleDriveTrigger",
        "event",
        "When a new invoice PDF lands in our 'Invoices' Google Drive folder, email it to me",
        {"fileCreated"},
    ),
    (
        "googleDriveTrigger",
        "triggerOn",
        "once a scanned receipt shows up in a specific Drive folder, add it to Xero",
        {"specificFolder"},
    ),
    # the app's name alone before the clause; "if" after it opens the event
    (
        "stripeTrigger",
        "events",
        "Stripe: the moment an invoice is paid, thank the customer",
        {"invoice.paid"},
    ),
    (
        "calendlyTrigger",
        "events",
        "Calendly: if an invitee cancels, remove their row from the Airtable table",
        {"invitee.canceled"},
    ),
    # a state without an event of its own arrives as the record's status change
    (
        "helpScoutTrigger",
        "events",
        "Help Scout: once a conversation is closed, email the customer a survey",
        {"convo.status"},
    ),
    # where it happens counts less than what happens
    (
        "jiraTrigger",
        "events",
        "When a Jira issue is created in the MOBILE project, open a branch on GitHub",
        {"jira:issue_created"},
    ),
    (
        "githubTrigger",
        "events",
        "whenever a PR is merged in our GitHub repository, post to Slack",
        {"pull_request"},
    ),
    (
        "hubspotTrigger",
        "eventsUi",
        "make a Linear project named after the client whenever a HubSpot deal is won",
        None,
    ),
    # an assistant or bot on a messaging app listens to its messages
    (
        "whatsAppTrigger",
        "updates",
        "WhatsApp assistant for our gym that answers questions about classes",
        {"messages"},
    ),
    (
        "slackTrigger",
        "trigger",
        "Slack helper bot: when someone mentions it in #support, answer from Notion",
        {"app_mention"},
    ),
    # the event's own word picks it though its record is the app itself ("mentions" the bot)
    (
        "slackTrigger",
        "trigger",
        "We want a support helper in Slack. When someone @mentions it in #help it should answer "
        "from Confluence",
        {"app_mention"},
    ),
    (
        "mailjetTrigger",
        "event",
        "mailjet reports that an email bounced → flag the Pipedrive person",
        {"bounce"},
    ),
    # other names of a record: a plan is a subscription, an opp an opportunity
    (
        "chargebeeTrigger",
        "events",
        "ping #churn on Slack whenever a customer cancels their Chargebee plan",
        {"subscription_cancelled"},
    ),
    (
        "salesforceTrigger",
        "triggerOn",
        "SF: opp moves to Closed Won -> create an invoice in Xero",
        {"opportunityUpdated"},
    ),
    (
        "copperTrigger",
        "event",
        "copper crm: opportunity flips to Won -> create a Xero invoice",
        {"update"},
    ),
    (
        "githubTrigger",
        "events",
        "when GitHub hits our webhook with a new release, write notes",
        {"release"},
    ),
    (
        "mailerLiteTrigger",
        "events",
        "If somebody unsubscribes from our weekly newsletter in MailerLite, update HubSpot",
        {"subscriber.unsubscribed"},
    ),
    (
        "helpScoutTrigger",
        "events",
        "we moved our support to Help Scout; a bot should pick up each new conversation and "
        "draft a reply",
        {"convo.created"},
    ),
    (
        "whatsAppTrigger",
        "updates",
        "WhatsApp Business: auto-answer inbound msgs at night with our opening hours",
        {"messages"},
    ),
    (
        "convertKitTrigger",
        "event",
        "as soon as a subscriber gets tagged 'vip' in ConvertKit, add them to Airtable",
        {"tagAdd"},
    ),
    # a reply is no change of state; a phone number is no record; file kinds are files
    (
        "whatsAppTrigger",
        "updates",
        "WhatsApp Business number: auto-reply to inbound msgs on Sundays with our hours",
        {"messages"},
    ),
    (
        "microsoftOneDriveTrigger",
        "event",
        "call recordings (.mp3) get uploaded to our OneDrive 'calls' folder -> transcribe them",
        {"fileCreated"},
    ),
    # "If ..." opening a sentence is the event; "times out" is a timeout
    (
        "currentsTrigger",
        "events",
        "Our Playwright suite reports to Currents. If a run times out, ping #qa on Slack",
        {"RUN_TIMEOUT"},
    ),
    # every event an "or" list names, for a list parameter
    (
        "currentsTrigger",
        "events",
        "when a Currents run times out or gets cancelled, open a GitHub issue",
        {"RUN_TIMEOUT", "RUN_CANCELED"},
    ),
    (
        "stripeTrigger",
        "events",
        "when a Stripe payment fails or is refunded, tell #billing",
        {
            "charge.failed",
            "payment_intent.payment_failed",
            "invoice.payment_failed",
            "charge.refunded",
        },
    ),
    (
        "pipedriveTrigger",
        "entity",
        "When a deal is updated in Pipedrive, post it in Slack",
        {"deal"},
    ),
    (
        "pipedriveTrigger",
        "action",
        "When a deal is updated in Pipedrive, post it in Slack",
        {"change"},
    ),
    (
        "pipedriveTrigger",
        "action",
        "When a person is deleted in Pipedrive, remove them in Mailchimp",
        {"delete"},
    ),
]


@pytest.mark.parametrize(
    ("trigger", "param", "request_text", "right"), CASES, ids=[c[2][:50] for c in CASES]
)
def test_the_event_clause_chooses_the_event(
    trigger: str, param: str, request_text: str, right: set[str] | None
) -> None:
    got = chosen(trigger, request_text)
    assert param in got, f"no {param} chosen for {request_text!r}: {got}"
    if right is None:  # an events collection: its entries' names
        right = {"deal.propertyChange"}
        got = {param: [e["name"] for e in got[param]["eventValues"]]}
    assert as_set(got[param]) <= right, got[param]
    if "or" in request_text.split():  # each event the list names
        assert len(as_set(got[param])) > 1, got[param]


# requests whose words name no event of the trigger: the chooser sets nothing, so the node
# keeps what it had
KEEP = [
    ("stripeTrigger", "When something happens in Stripe, log it to Google Sheets"),
    ("wooCommerceTrigger", "on WooCommerce activity, send a Slack message"),
    ("githubTrigger", "When anything happens on GitHub, ping me on Telegram"),
    ("shopifyTrigger", "Shopify webhook -> store everything in Postgres"),
    # the only event word is a condition of a step: "if new" after the app's name
    ("telegramTrigger", "Telegram: look the user up in Postgres; if new, create a thread"),
]


@pytest.mark.parametrize(("trigger", "request_text"), KEEP)
def test_no_event_words_keep_the_previous_choice(trigger: str, request_text: str) -> None:
    assert chosen(trigger, request_text) == {}


@pytest.mark.parametrize(
    ("trigger", "request_text"),
    [
        # Drive's "triggerOn" says what is watched: a place the words do not name is kept
        ("googleDriveTrigger", "When something changes in Google Drive, email me"),
        ("typeformTrigger", "when a Typeform is submitted, create a HubSpot contact"),
        ("trelloTrigger", "when a Trello card is moved to Done, post in Slack"),
        ("asanaTrigger", "when an Asana task is completed, update the Airtable row"),
        ("airtableTrigger", "when a new record is added in Airtable, email me"),
    ],
)
def test_triggers_without_an_event_parameter_are_left_alone(
    trigger: str, request_text: str
) -> None:
    assert chosen(trigger, request_text) == {}


def test_a_parameter_already_set_is_not_overridden() -> None:
    got = chosen("stripeTrigger", "when a payment fails in Stripe", {"events": ["charge.failed"]})
    assert got == {}


@pytest.mark.parametrize(
    ("request_text", "clause"),
    [
        (
            "Mark the Todoist task as complete when the matching GitHub issue gets closed",
            "the matching github issue gets closed",
        ),
        ("When a payment fails in Stripe, create a task in Asana", "a payment fails in stripe"),
        ("Shopify order paid -> create a sales receipt", "shopify order paid"),
    ],
)
def test_the_event_clause_is_the_when_part(request_text: str, clause: str) -> None:
    assert event_clause(request_text) == clause


TRIGGERS = [
    "stripeTrigger",
    "shopifyTrigger",
    "jiraTrigger",
    "clickUpTrigger",
    "wooCommerceTrigger",
    "githubTrigger",
    "convertKitTrigger",
    "pipedriveTrigger",
    "salesforceTrigger",
    "googleSheetsTrigger",
    "calendlyTrigger",
    "mailchimpTrigger",
]
EVENT_WORDS = [
    "new",
    "created",
    "fails",
    "paid",
    "cancelled",
    "refunded",
    "moved to Done",
    "updated",
    "deleted",
    "comment",
    "published",
    "closed",
    "opened",
    "unsubscribes",
]
OBJECTS = [
    "payment",
    "invoice",
    "order",
    "product",
    "issue",
    "task",
    "deal",
    "subscriber",
    "customer",
    "row",
    "lead",
    "dispute",
    "subscription",
    "comment",
    "release",
]
FILLER = ["something", "happens", "there", "please", "thing", "stuff", "whatever", "really"]


def _options(trigger: str, param: str) -> set[Any]:
    cat = load_catalog()
    nv = cat.get(BASE + trigger, cat.default_version(BASE + trigger))
    return {o.value for p in nv.properties if p.name == param for o in p.option_values}


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(TRIGGERS),
    st.sampled_from(OBJECTS),
    st.sampled_from(EVENT_WORDS),
    st.sampled_from(["slack", "gmail", "notion", "airtable"]),
)
def test_the_choice_is_always_one_of_the_nodes_options(
    trigger: str, obj: str, event: str, target: str
) -> None:
    got = chosen(trigger, f"when a {obj} is {event} in {trigger[:-7]}, create a {target} item")
    for param, value in got.items():
        assert value not in ([], "")
        assert as_set(value) <= _options(trigger, param)


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(TRIGGERS), st.lists(st.sampled_from(FILLER), min_size=1, max_size=5))
def test_words_without_an_event_choose_nothing(trigger: str, words: list[str]) -> None:
    assert chosen(trigger, "when " + " ".join(words) + ", send a Slack message") == {}


@pytest.mark.parametrize(
    ("request_text", "event"),
    [
        (
            "Deal in HubSpot reaches the closed-won stage -> open an invoice in Xero",
            "deal.propertyChange",
        ),
        ("when a new contact is created in HubSpot, send a Slack message", "contact.creation"),
        ("when a HubSpot ticket is deleted, post in Microsoft Teams", "ticket.deletion"),
        ("if a company's owner changes in HubSpot, email the new owner", "company.propertyChange"),
    ],
)
def test_a_list_of_events_gets_one_entry_per_event_named(request_text: str, event: str) -> None:
    entries = chosen("hubspotTrigger", request_text)["eventsUi"]["eventValues"]
    assert [e["name"] for e in entries] == [event]
    if event.endswith("propertyChange"):
        assert entries[0]["property"]  # n8n refuses a property change without its property


def test_a_list_of_events_without_event_words_is_left_alone() -> None:
    assert chosen("hubspotTrigger", "when something happens in HubSpot, post in Slack") == {}


@pytest.mark.parametrize(
    ("request_text", "trigger", "param", "right"),
    [
        (
            "when a payment fails in Stripe, create a customer in HubSpot and update the deal",
            "stripeTrigger",
            "events",
            {"charge.failed", "payment_intent.payment_failed", "invoice.payment_failed"},
        ),
        (
            "When a WooCommerce order gets refunded, post the order number in Slack",
            "wooCommerceTrigger",
            "event",
            {"order.updated"},
        ),
        (
            "when a ClickUp task goes to 'blocked', send a Gmail email to the team lead",
            "clickUpTrigger",
            "events",
            {"taskStatusUpdated"},
        ),
    ],
)
def test_the_built_workflow_listens_to_the_event(
    request_text: str, trigger: str, param: str, right: set[str]
) -> None:
    """Through the whole offline engine: the trigger node of the workflow carries the event
    (parameter completion asks this module before it picks options by the request's words),
    and the workflow stays valid."""
    from generalise_support import run

    outcome = run(request_text)
    node = next(n for n in outcome.workflow["nodes"] if n["type"] == BASE + trigger)
    assert as_set(node["parameters"][param]) <= right
    assert outcome.strict_errors() == []
