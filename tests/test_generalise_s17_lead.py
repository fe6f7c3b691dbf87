"""Own cases for the lead's #17 Part 2 fixes of session 17 (issue #17 Part 2).

A polled workflow (a schedule or a button) that hands one app's records to people: the
records are read in their app, and the chat app they go to sends them. Before the fix the
delivery's verb was read as the source app's own order ("email the finance team the
QuickBooks invoices" sent QuickBooks invoices; "the Trello cards still in Doing go to #standup"
made a Trello card), and a chat app named as the destination with no sending verb beside it
read instead ("land in my Discord DMs" read Discord's messages). Red before the fix: all 8
"read" and "send" cases below; the near-variants that must keep their order were all green
before and after. The clean sets' outputs showed this shape (a schedule, then an app given
create/get-one, then a chat app); the requests here are our own.
"""

from __future__ import annotations

import pytest
from generalise_support import run, run_valid

BASE = "n8n-nodes-base."
READ_PREFIXES = ("get", "search", "list", "read", "lookup", "select")


def _ops(request_text: str, app: str) -> list[str]:
    nodes = (run_valid(request_text).workflow or {}).get("nodes", [])
    return [
        str((n.get("parameters") or {}).get("operation") or "")
        for n in nodes
        if n["type"] == BASE + app
    ]


def _order(request_text: str) -> list[str]:
    """Node types in the order the main connections run them, from the trigger."""
    workflow = run_valid(request_text).workflow or {}
    by_name = {n["name"]: n["type"].rsplit(".", 1)[-1] for n in workflow.get("nodes", [])}
    connections = workflow.get("connections", {})
    start = next(n["name"] for n in workflow["nodes"] if n["type"].endswith("Trigger"))
    order, current = [], start
    while current is not None and current not in order:
        order.append(current)
        outs = (connections.get(current) or {}).get("main") or [[]]
        current = outs[0][0]["node"] if outs and outs[0] else None
    return [by_name[name] for name in order]


@pytest.mark.parametrize(
    ("request_text", "source", "destination"),
    [
        ("Each month email the finance team the QuickBooks invoices that are overdue",
         "quickbooks", "gmail"),
        ("Weekly on Sunday night, the Trello cards still in the Doing list go to #standup in "
         "Slack", "trello", "slack"),
        ("Every day create Todoist tasks from the Trello cards due today and ping me on Slack",
         "trello", "todoist"),
        ("Every night ping #ops on Slack with the Jenkins jobs that failed", "jenkins", "slack"),
        # Teams sends by creating a chat message: a consumer all the same (inputs_first)
        ("Run by hand: send Teams the Pipedrive activities due today", "pipedrive",
         "microsoftTeams"),
    ],
)  # fmt: skip
def test_records_handed_on_are_read_first(request_text: str, source: str, destination: str) -> None:
    """The source app's step reads, and runs before the step its records go to."""
    ops = _ops(request_text, source)
    assert ops and all(op.lower().startswith(READ_PREFIXES) for op in ops), ops
    order = _order(request_text)
    assert order.index(source) < order.index(destination), order


@pytest.mark.parametrize(
    ("request_text", "chat_app"),
    [
        ("Every morning at 8 my Google Tasks for the day should land in my Discord DMs",
         "discord"),
        ("Each Monday morning give the team on Mattermost the ClickUp tasks due this week",
         "mattermost"),
        ("twice a week: Mailchimp campaigns sent in the past days -> Microsoft Teams channel",
         "microsoftTeams"),
        ("Every Friday at 5: Jira issues done this week \u2192 Discord", "discord"),
        # an app event or a call brings the records: the chat app sends them too
        ("Webhook: receive the order and give the warehouse team the items on Mattermost",
         "mattermost"),
        ("New Jira bug -> Microsoft Teams channel", "microsoftTeams"),
        ("When a Calendly meeting is booked, share the invitee name in Google Chat",
         "googleChat"),
    ],
)  # fmt: skip
def test_a_chat_app_the_records_go_to_sends(request_text: str, chat_app: str) -> None:
    ops = _ops(request_text, chat_app)
    assert ops and all(not op.lower().startswith(READ_PREFIXES) for op in ops), ops
    assert any(op.lower() in ("send", "post", "sendmessage", "create") for op in ops), ops


@pytest.mark.parametrize(
    ("request_text", "app", "operation"),
    [
        # the app's own order stays: a writing verb, or the step's own operation, in its clause
        ("Every morning, publish the WordPress posts scheduled for today and tell Slack",
         "wordpress", "create"),
        ("Every Friday send the Mailchimp campaign to subscribers and post to Slack that it went "
         "out", "mailchimp", "send"),
        ("Every day at 5pm, send the QuickBooks invoices that are overdue to the customers",
         "quickbooks", "send"),
        ("Every Monday create a Trello card for each overdue QuickBooks invoice and post to "
         "Slack", "trello", "create"),
        ("Every Friday archive the Trello cards in the Done list and tell #team on Slack",
         "trello", "update"),
        ("Every hour, close the Zendesk tickets older than 30 days and post a note to Teams",
         "zendesk", "update"),
        ("Every Monday, email the team and create a Jira issue for the weekly review",
         "jira", "create"),
        # the app named as how the message goes keeps sending
        ("Uptime check every 10 minutes: if our site is down send a Gmail alert and a Telegram "
         "message", "telegram", "sendMessage"),
        # an app event starts the workflow: not polled, nothing read here
        ("When a Stripe payment fails, email the customer and post the Stripe charge to Slack",
         "slack", "post"),
    ],
)  # fmt: skip
def test_an_apps_own_order_is_kept(request_text: str, app: str, operation: str) -> None:
    assert operation in _ops(request_text, app)


@pytest.mark.parametrize(
    ("request_text", "app"),
    [
        # the chat app's own records are read there ("the new members in Discord")
        ("Each week, the new members in our Discord server go to a Google Sheet", "discord"),
        ("Every evening, check for unanswered messages in Slack #support and create Jira issues",
         "slack"),
    ],
)  # fmt: skip
def test_a_chat_app_read_from_keeps_reading(request_text: str, app: str) -> None:
    ops = _ops(request_text, app)
    assert ops and not any(op.lower() in ("send", "post", "sendmessage") for op in ops), ops


@pytest.mark.parametrize(
    "request_text",
    [
        "Catch failed executions and log them to an Airtable table",
        "Send failed execution alerts to Microsoft Teams",
        "Collect workflow errors in a Notion database",
        "crashed workflows -> a message to #alerts on Slack",
        "Log all execution failures to Google Sheets with the node name",
    ],
)
def test_the_failed_runs_named_alone_start_an_error_workflow(request_text: str) -> None:
    """Other runs failing named with no determiner ("failed executions", "workflow errors"
    taken somewhere) is an error workflow: it started on Airtable's trigger or a button."""
    assert run_valid(request_text).triggers == {"n8n-nodes-base.errorTrigger"}


@pytest.mark.parametrize(
    "request_text",
    [
        "Retry failed Stripe payments every night and report to Slack",
        "Every night, rerun the failed Jenkins jobs and post the results in Slack",
        "Fetch the orders from Shopify and if that step fails, stop with an error",
        "Every hour sync Shopify orders to Airtable; if the Airtable step fails, alert #ops",
    ],
)
def test_a_failure_of_our_own_step_or_records_is_no_error_workflow(request_text: str) -> None:
    assert "n8n-nodes-base.errorTrigger" not in run_valid(request_text).triggers


def test_a_verb_said_again_is_the_apps_own_order() -> None:
    """ "rerun the failed Jenkins jobs" runs them (records_sent_on_are_read reads "re-" verbs
    as the verb: a read of the jobs here would rerun nothing)."""
    ops = _ops(
        "Every night, rerun the failed Jenkins jobs and post the results in Slack", "jenkins"
    )
    assert ops == ["trigger"], ops


@pytest.mark.parametrize(
    ("request_text", "app"),
    [
        # a reviewer's requests (HR18): the app the records go to is written, not read
        ("Every hour, post the new Stripe charges to our Notion database and ping #finance on "
         "Slack", "notion"),
        ("Every Monday, send the new HubSpot contacts to our Mailchimp list and post a note to "
         "Slack", "mailchimp"),
        ("Every day, push the Jira issues into Google Sheets rows and alert #dev on Slack",
         "googleSheets"),
        ("Every Monday, give the new Typeform leads to HubSpot as contacts and post in Slack",
         "hubspot"),
        ("Every Monday, drop the new Typeform entries into the Airtable base and email the team",
         "airtable"),
        ("Daily at 18:00: the HubSpot deals won today go to the Google Sheets sheet 'Wins', and "
         "Slack gets a note", "googleSheets"),
        ("Every day, the Zendesk tickets tagged bug become Trello cards and Slack gets pinged",
         "trello"),
        ("Every morning turn the GitHub issues into Linear issues and email me", "linear"),
    ],
)  # fmt: skip
def test_the_app_records_go_to_is_written(request_text: str, app: str) -> None:
    ops = _ops(request_text, app)
    assert ops and not any(op.lower().startswith(READ_PREFIXES) for op in ops), ops


@pytest.mark.parametrize(
    ("request_text", "app"),
    [
        # HR18: the chat app is where things were said, not where they go
        ("Every Friday, archive the week in Mattermost to Google Drive", "mattermost"),
        ("Every Monday, summarize with OpenAI what the team talked about in Microsoft Teams and "
         "email me", "microsoftTeams"),
        ("Every evening, whatever was decided in Microsoft Teams goes into a Notion page",
         "microsoftTeams"),
    ],
)  # fmt: skip
def test_a_chat_app_where_things_were_said_is_not_sent_to(request_text: str, app: str) -> None:
    ops = _ops(request_text, app)
    assert not any(op.lower() in ("send", "post", "sendmessage", "create") for op in ops), ops


@pytest.mark.parametrize(
    ("request_text", "app_trigger"),
    [
        ("If the Stripe call fails, retry 3 times and then notify me on Telegram",
         "stripeTrigger"),
        ("If the HubSpot request fails, retry twice and email me", "hubspotTrigger"),
    ],
)  # fmt: skip
def test_our_step_failing_is_no_event_of_its_app(request_text: str, app_trigger: str) -> None:
    """ "the Stripe call fails" is our step's error (STEP_FAILS), not Stripe's record
    changing: it started on Stripe's trigger."""
    assert BASE + app_trigger not in run_valid(request_text).triggers


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        # HR18: another app's records reaching an inbox or a chat inside a "when" clause arrive
        # there as messages (8ec0446's records-sent-on reading started on the source app)
        ("Whenever Shopify refunds go to my Gmail inbox, log them in a sheet", "gmailTrigger"),
        ("Whenever Stripe receipts go to my Gmail, log them in a sheet", "gmailTrigger"),
        ("When Zendesk escalations go into our Teams channel, page the on-call engineer",
         "microsoftTeamsTrigger"),
        ("When Shopify orders go to our Telegram group, reply with a thumbs up",
         "telegramTrigger"),
        # ... while new records sent on start on their own app
        ("new Gmail emails to Slack #inbox", "gmailTrigger"),
        ("When new Wufoo entries go into Airtable, I also want a Slack ping", "wufooTrigger"),
    ],
)  # fmt: skip
def test_records_arriving_as_messages_start_where_they_arrive(
    request_text: str, trigger: str
) -> None:
    assert BASE + trigger in run_valid(request_text).triggers


@pytest.mark.parametrize(
    ("request_text", "app"),
    [
        # HR18: a value of the record (VALUE_NOUNS) is read by the node, not an invented call
        ("get the open rate of the Mailchimp campaign and post it to Slack", "mailchimp"),
        ("get the click rate of the Mailchimp campaign and email it to me", "mailchimp"),
        ("get the exchange rate of the QuickBooks invoice and log it in a sheet", "quickbooks"),
    ],
)  # fmt: skip
def test_a_value_of_the_record_is_read_by_the_node(request_text: str, app: str) -> None:
    assert _ops(request_text, app), "the app's node was replaced by an HTTP Request"


@pytest.mark.parametrize(
    "request_text",
    [
        "First thing Monday, email the team the list of open Asana tasks",
        "Monday first thing, post the week's Jira sprint goals to Slack",
        "late on Sunday, back up my Notion pages to Google Drive",
    ],
)
def test_a_weekday_with_a_part_of_the_day_is_a_schedule(request_text: str) -> None:
    """ "first thing Monday", "early Friday", "Monday first thing": the day said with a part of
    the day before or after it is when the workflow runs (it started by hand)."""
    assert run_valid(request_text).triggers == {"n8n-nodes-base.scheduleTrigger"}


def test_a_weekday_said_in_passing_is_no_schedule() -> None:
    from engine.intent.schedule import parse_schedule

    assert parse_schedule("the report from monday is late, can you resend it") is None


@pytest.mark.parametrize(
    "request_text",
    [
        # HR19: runs kept or another system's, read or retried, are no error workflow
        "Delete the failed executions older than 30 days every week",
        "Log failed workflow runs from our Airflow server to Sheets every hour",
        "Monitor workflow errors in our Jenkins pipeline and alert Slack",
    ],
)
def test_stored_or_foreign_failed_runs_start_no_error_workflow(request_text: str) -> None:
    assert "n8n-nodes-base.errorTrigger" not in run(request_text).triggers


@pytest.mark.parametrize(
    "request_text",
    [
        # HR19: a state of the asker's own app is no event to build on
        "how can I get a text message on my phone when my Gmail storage is full?",
        "how do I get an email when my Shopify store goes offline?",
        "how can I get a message when my Outlook password is about to expire?",
        # ... a time after "land on" is no place
        "can new Stripe payouts land on weekends?",
    ],
)
def test_questions_about_an_apps_own_state_build_nothing(request_text: str) -> None:
    assert run(request_text).intent != "workflow_request"


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        # HR19: one summary of records that arrive at a rate reads them in a batch
        ("Our inbox gets 100 emails a day from Gmail; I want a digest of them", "manualTrigger"),
        ("Our Zendesk sees 200 tickets a week, make a report in Google Sheets of them",
         "manualTrigger"),
        # ... while each one handled as it comes starts on the app (HTR5)
        ("Our team creates about 10 Trello cards a week. Post each one to Slack.",
         "trelloTrigger"),
    ],
)  # fmt: skip
def test_a_rate_with_one_report_reads_in_a_batch(request_text: str, trigger: str) -> None:
    assert run_valid(request_text).triggers == {BASE + trigger}


@pytest.mark.parametrize(
    ("request_text", "app"),
    [
        # HR19: a CSV or spreadsheet of records is an import the node takes, not a file kept
        ("upload the leads CSV to HubSpot", "hubspot"),
        ("upload the tasks CSV to Asana", "asana"),
        ("upload the products spreadsheet to WooCommerce", "wooCommerce"),
    ],
)
def test_a_file_of_records_is_imported_by_the_node(request_text: str, app: str) -> None:
    assert _ops(request_text, app), "the app's node was replaced by an HTTP Request"
