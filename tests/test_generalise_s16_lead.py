"""Own cases for the lead's #17 Part 2 fixes of session 16 (issue #17 Part 2).

Each group is a failure family with our own requests (several apps, registers and orders of
the words), written red before its fix, and the near-variants that must keep what they had:
an order after another app's record is not the event's record; asking what happens on an
app's event is no wished flow; another app's new records make a chat app create nothing;
records of a past window are read; a new thing made for each new record starts on the
records' app. Several were found by a reviewer's own requests (HR17) on the merged branches.
"""

from __future__ import annotations

import pytest
from generalise_support import run, run_valid

BASE = "n8n-nodes-base."


@pytest.mark.parametrize(
    ("request_text", "trigger_app"),
    [
        ("When an Asana task is completed, find the matching Trello card and delete it.", "asana"),
        ("When a HubSpot contact unsubscribes, find them in Mailchimp and delete it.", "hubspot"),
        ("When a Trello card is moved to Done, create a Google Calendar event and delete it "
         "the day after.", "trello"),
        ("When a HubSpot deal is lost, find the Pipedrive deal with the same name and delete "
         "it.", "hubspot"),
        ("When a Linear issue is cancelled, find the Slack message about it and delete that "
         "message.", "linear"),
        ("When an Airtable record is updated, find the Asana task with that name and delete "
         "it.", "airtable"),
    ],
)  # fmt: skip
def test_it_after_another_apps_record_is_not_the_events_record(
    request_text: str, trigger_app: str
) -> None:
    """A reviewer's requests (HR17): "delete it" after another app's record was read as an
    order on the trigger's own record - the workflow deleted the wrong thing."""
    nodes = (run_valid(request_text).workflow or {}).get("nodes", [])
    own = [
        (n.get("parameters") or {}).get("operation")
        for n in nodes
        if n["type"] == BASE + trigger_app
    ]
    assert own == [], f"the event's own {trigger_app} record is acted on: {own}"


@pytest.mark.parametrize(
    ("request_text", "node", "operation"),
    [
        ("When a Notion page in Tasks is marked Done, archive it.", "notion", "archive"),
        ("When an Asana task is completed, delete it.", "asana", "delete"),
    ],
)
def test_an_order_on_the_events_own_record_is_kept(
    request_text: str, node: str, operation: str
) -> None:
    nodes = (run_valid(request_text).workflow or {}).get("nodes", [])
    ops = [(n.get("parameters") or {}).get("operation") for n in nodes if n["type"] == BASE + node]
    assert operation in ops, ops


@pytest.mark.parametrize(
    "request_text",
    [
        "What if a new Shopify order comes in while the workflow is still running?",
        "What if our Slack token expires?",
        "Any way to know if a Stripe webhook was delivered twice?",
        "What if two Typeform responses come in at the same second?",
    ],
)
def test_what_happens_on_an_apps_event_is_asked_not_wished(request_text: str) -> None:
    """A reviewer's requests (HR17): read as a wish, each became a workflow of one lone
    trigger. A wish names where something goes or a time; these only ask what happens."""
    out = run(request_text)
    assert out.intent == "question" and out.workflow is None, (out.intent, out.workflow)


@pytest.mark.parametrize(
    "request_text",
    [
        "What if every new Shopify order got posted to Slack?",
        "what if new Typeform answers went straight into Airtable",
        "Is there a way to get the weather on Telegram each morning?",
        "any way to have new Gmail attachments saved to Google Drive?",
    ],
)
def test_a_wished_flow_is_still_built(request_text: str) -> None:
    assert run_valid(request_text).intent == "workflow_request"


def _operations(request: str, node: str) -> list[str]:
    nodes = (run_valid(request).workflow or {}).get("nodes", [])
    params = [n.get("parameters") or {} for n in nodes if n["type"] == BASE + node]
    return [f"{p.get('resource')}/{p.get('operation')}" for p in params]


@pytest.mark.parametrize(
    ("request_text", "chat"),
    [
        ("Show new Zendesk tickets in Slack as they come in.", "slack"),
        ("new Jira issues in Discord please", "discord"),
        ("I want to see new HubSpot deals in Microsoft Teams.", "microsoftTeams"),
    ],
)
def test_another_apps_new_records_make_no_chat_channel(request_text: str, chat: str) -> None:
    """ "new" reads as create; said of another app's records it made the chat app create a
    channel (the reviewer's request "how can our team see new Zendesk tickets in Slack")."""
    assert not any(
        op.endswith("/create") and "channel" in op for op in _operations(request_text, chat)
    )


@pytest.mark.parametrize(
    ("request_text", "node", "operation"),
    [
        ("When a deal closes in HubSpot, create a new Slack channel for it.", "slack",
         "channel/create"),
        ("When a HubSpot deal is won, add a new card to our Trello board.", "trello",
         "card/create"),
        ("I want that for every new fulfillment in Shopify is created one delivery task in "
         "Onfleet", "onfleet", "task/create"),
    ],
)  # fmt: skip
def test_a_new_thing_of_the_app_itself_is_still_made(
    request_text: str, node: str, operation: str
) -> None:
    assert operation in _operations(request_text, node)


@pytest.mark.parametrize(
    ("request_text", "node"),
    [
        ("Each Monday post in Slack the new Chargebee customers from last week.", "chargebee"),
        ("Every day at 6pm, tell me on Telegram which Trello cards were created yesterday.",
         "trello"),
        ("Every morning, post the new Trello cards from yesterday to Slack.", "trello"),
    ],
)  # fmt: skip
def test_records_of_a_past_window_are_read_not_made(request_text: str, node: str) -> None:
    """ "new" and "created" read as create; records from last week or yesterday exist."""
    ops = _operations(request_text, node)
    assert ops and not any(op.endswith(("/create", "/add")) for op in ops), ops


@pytest.mark.parametrize(
    ("request_text", "node", "operation"),
    [
        ("Every Friday create a Jira issue for last week's failed deployments.", "jira",
         "issue/create"),
        ("Daily 5am: back up Clockify detailed time reports for the last months to GitHub.",
         "github", "file/create"),
    ],
)  # fmt: skip
def test_a_write_ordered_near_a_past_window_stays_a_write(
    request_text: str, node: str, operation: str
) -> None:
    assert operation in _operations(request_text, node)


@pytest.mark.parametrize(
    ("request_text", "node", "operation"),
    [
        ("Sync new HubSpot contacts to Mailchimp.", "mailchimp", "member/create"),
        ("when new github star, thank the user on twitter", "twitter", "tweet/create"),
    ],
)
def test_new_still_makes_the_record_outside_chat_apps(
    request_text: str, node: str, operation: str
) -> None:
    """A reviewer's requests (HR17): dropping "new" before another app's name everywhere
    turned these into an update and a user search."""
    assert operation in _operations(request_text, node)


@pytest.mark.parametrize(
    ("request_text", "trigger", "made"),
    [
        ("add a new row to Google Sheets for each new Stripe charge", "stripeTrigger",
         "googleSheets"),
        ("create a new Slack channel for each new HubSpot deal", "hubspotTrigger", "slack"),
        ("create a new Trello card for every new Jira issue", "jiraTrigger", "trello"),
        ("add a new Airtable record for each new Shopify order", "shopifyTrigger", "airtable"),
    ],
)  # fmt: skip
def test_a_new_thing_made_for_each_new_record_starts_on_the_records_app(
    request_text: str, trigger: str, made: str
) -> None:
    """ "add a new row to <Sheets> for each new <Stripe> charge": the made "new" opened the
    event, and the destination's trigger started the workflow (wrong at the start)."""
    out = run_valid(request_text)
    types = [n["type"] for n in (out.workflow or {}).get("nodes", [])]
    assert {t.rsplit(".", 1)[-1] for t in out.triggers} == {trigger}, types
    assert BASE + made in types, types


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        ("When a new row is added in Google Sheets, send a Slack message", "googleSheetsTrigger"),
        ("New row in Google Sheets -> create a HubSpot contact", "googleSheetsTrigger"),
        ("Post a new message in Slack when a Typeform is submitted", "typeformTrigger"),
    ],
)
def test_an_events_own_new_record_still_starts_it(request_text: str, trigger: str) -> None:
    out = run_valid(request_text)
    assert {t.rsplit(".", 1)[-1] for t in out.triggers} == {trigger}
