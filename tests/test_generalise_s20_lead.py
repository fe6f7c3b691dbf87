"""Own cases for the lead's session-20 rules (issue #17 Part 2): deliveries to the asker, and
summaries asked for with a split verb.

Written before the fix, on requests of my own: of 31 that ask for something to be sent to the
asker without naming an app to carry it ("send me ...", "notify us when ...", "let me know
...", "I want a daily digest of ..."), 24 built a workflow that delivered nothing - it read the
records, or only started on the event, and stopped; "send me a summary of ..." had no step to
put the summary before. And "boil the day's tasks down", with a possessive between the verb
and its particle, was not read as a summary (4 of 5 raw dumps). The rules:
``engine.spec.delivered_to_the_asker`` and ``lexicon.SUMMARY_WORD``.
"""

from __future__ import annotations

import pytest
from generalise_support import BASE, run, run_valid, starts, still_red

from eval.summary_check import raw_dump_nodes

MAIL = {BASE + "gmail", BASE + "microsoftOutlook", BASE + "emailSend"}


def _last_sends_mail(text: str) -> str:
    """The last node of ``text``'s workflow, checked to be a mail app that sends."""
    out = run_valid(text)
    last = out.workflow["nodes"][-1]
    assert last["type"] in MAIL, (text, out.types)
    assert last["parameters"].get("operation") in (None, "send"), last["parameters"]
    return last["type"]


#: the asker wants it delivered; no app to carry it is named
TO_THE_ASKER = [
    "Every weekday at 8 send me the Pipedrive deals that closed yesterday",
    "Send us the list of unpaid Xero invoices every Monday morning",
    "Notify me whenever a new subscriber joins our Mailchimp audience",
    "Alert us when a Jira issue is marked Blocker",
    "let me know every evening how many Zendesk tickets are still open",
    "Remind me on the first of each month to pay the office rent",
    "When a Typeform response comes in, create the contact in HubSpot and notify me",
    "I'd like a weekly recap of the Trello cards we finished, Fridays at 4",
    "Give me a daily summary of the new rows in the Orders Google Sheet",
    "keep me posted about new GitHub releases of n8n, check every 6 hours",
    "We want an alert whenever a Shopify order over $500 comes in",
    "Send me the overdue tasks in Asana every Monday",
    "Update me on new Jira bugs every morning",
]


@pytest.mark.parametrize("text", TO_THE_ASKER)
def test_a_delivery_to_the_asker_is_mailed(text: str) -> None:
    _last_sends_mail(text)


def test_the_mail_app_the_workflow_reads_sends_it() -> None:
    text = "Each Friday send me a digest of this week's Outlook emails from the legal team"
    assert _last_sends_mail(text) == BASE + "microsoftOutlook"


def test_a_recap_of_the_mail_read_is_mailed_by_that_app() -> None:
    text = "At the end of each workday send me a recap of the Gmail emails I got from customers"
    out = run_valid(text)
    assert [t.rsplit(".", 1)[-1] for t in out.types].count("gmail") == 2, out.types
    assert _last_sends_mail(text) == BASE + "gmail"


def test_records_sent_to_the_asker_are_read_not_made() -> None:
    out = run_valid("Send me the new Shopify orders every day at 7")
    assert out.operation("shopify") == (None, "getAll") or out.operation("shopify")[1] in (
        "getAll",
        "get",
    )


#: someone else sends, the channel is named, it is answered where it came from, or the ask is
#: for a workflow itself: no mail step is added
NOT_MAILED = [
    "Vendors send us invoices as PDFs; save each one to Google Drive",
    "When people ping us in the #help Slack channel, answer with AI",
    "A Telegram bot that, when I send it a city, sends me back the weather",
    "Send me a text via Twilio when a Stripe payout fails",
    "Send me a text when a new Shopify order arrives",
    "Notify me in Discord when a new Calendly booking is made",
    "Give me a workflow that copies new Airtable records into Notion",
    "Give me a webhook that our app can call, and store each call in Postgres",
    "When the webhook is hit, send me back today's EUR rate",
    "I want a summary of the week's Intercom conversations in a Notion page every Friday",
    "When our GitHub repo tells us a release happened, log it in a Google Sheet",
    # the channel named right after the ask (an app, or a channel without one)
    "Alert me through PagerDuty when the checkout API goes down",
    "Notify us with a Jira ticket whenever a Sentry issue is created",
    "Remind me via Todoist every Monday to review the budget",
    "Notify me by SMS when a new lead comes into Pipedrive",
    "Alert us on #deploys when a GitHub release is published",
    # HR22's misfires of c8b32fe, in other words: the country, a place said with a bare "in",
    # an odd "update me <record>"
    "Update US customers in Shopify with the region from our Airtable base every night",
    "Give me the Pipedrive deals as a CSV in Dropbox every Monday",
    "Give me a weekly summary of our Asana tasks in Notion",
    "Update me the Baserow row with the latest stock count every hour",
]


@pytest.mark.parametrize("text", NOT_MAILED)
def test_no_mail_step_where_none_is_asked(text: str) -> None:
    types = run_valid(text).types
    assert not (MAIL & set(types)), (text, types)


#: a summary asked for with a split verb, a possessive or hyphenated word in between
SPLIT_SUMMARY_VERB = [
    "Every evening boil the team's finished ClickUp tasks down and post them in #wins on Slack",
    "Boil last week's Freshdesk tickets down to a paragraph for the #support Slack channel "
    "every Monday",
    "Each Friday sum this week's stand-ups up and post them to #team in Slack",
]


@pytest.mark.parametrize("text", SPLIT_SUMMARY_VERB)
def test_a_split_summary_verb_composes_the_message(text: str) -> None:
    workflow = run_valid(text).workflow
    assert not raw_dump_nodes(workflow), [n["type"] for n in workflow["nodes"]]


def test_a_sum_going_up_is_no_summary_ask() -> None:
    text = "The sum of open invoices is up again; post the total to #finance on Slack every Monday"
    types = run_valid(text).types
    assert LC_CHAIN not in types


LC_CHAIN = "@n8n/n8n-nodes-langchain.chainLlm"


def test_a_messaging_app_named_carries_it() -> None:
    """A Telegram or Slack step of the workflow is where the asker wants it: no mail beside it
    (the rule also holds back when that step's operation came out as a read - seen on a clean
    set, where a Telegram step read as ``get`` got a Gmail step added)."""
    for text in (
        "When a file is added to our Box folder, send me its link on Telegram",
        "Every Monday, send me the open Linear issues in a Slack DM",
    ):
        assert not (MAIL & set(run_valid(text).types)), text


# --- Short orders that write an app's records (intent), and failed runs kept on record ---
# Written before the fix: "Write new HubSpot contacts to a Google Sheet" was read as a text to
# compose for the asker (``WRITING_ASK``), "Record crashed executions in a MySQL table" and
# "Keep a record of failed executions in Notion" opened with no order the rules knew; all
# three were small talk. And failed runs kept on record, said without "when ... fails", built
# a Postgres trigger or a button instead of an error workflow. Of the 10 cases below that
# must change, 4 were red before (the others were written as their neighbours and held).

RECORDS_WRITTEN = [
    "Write new Pipedrive deals to our Postgres deals table",
    "write each incoming Typeform answer into Airtable",
    "Record new Stripe refunds in a Google Sheet",
    "Keep a log of new Zendesk tickets in Notion",
    "Store each new Calendly booking in Supabase",
]


@pytest.mark.parametrize("text", RECORDS_WRITTEN)
def test_a_short_order_writing_records_is_a_request(text: str) -> None:
    run_valid(text)


STILL_TEXT_TO_WRITE = [
    "Write a LinkedIn post announcing our new office in Lisbon",
    "write a short bio for my Twitter profile",
    "Draft an email to my landlord about the broken heater",
]


@pytest.mark.parametrize("text", STILL_TEXT_TO_WRITE)
def test_a_text_to_write_for_the_asker_stays_conversation(text: str) -> None:
    assert run(text).intent == "general_conversation", text


FAILED_RUNS_KEPT = [
    "Record crashed executions in a MySQL table",
    "Keep a record of failed executions in Notion",
    "Monitor failures of our n8n automations and add each one to Airtable",
    "Log errored runs to a Google Sheet",
    "save all failed workflows to MongoDB",
]


@pytest.mark.parametrize("text", FAILED_RUNS_KEPT)
def test_failed_runs_kept_on_record_start_an_error_workflow(text: str) -> None:
    assert starts(text) == {"errorTrigger"}, text


NOT_AN_ERROR_WORKFLOW = [
    "Count the failed executions from yesterday and post the number in Slack",
    "Record failed payments from Stripe in a Google Sheet",
    "Log failed logins from our auth webhook to Postgres",
    "Every morning collect the failed executions from last night and email me a report",
    "Store the crashed Docker containers list in Airtable every hour",
]


@pytest.mark.parametrize("text", NOT_AN_ERROR_WORKFLOW)
def test_other_failures_and_past_batches_are_no_error_workflow(text: str) -> None:
    assert "errorTrigger" not in starts(text), text


# --- HR22's misfires of HTR6's events joined by "or" (0f31d8a), in other words ---
#: what the first event's record holds or who made it: one start only
OR_ITEM_IS_CONTENT = [
    "When a Discord message mentions a Linear issue or a GitHub commit, reply in the thread",
    "When a Slack message points to a Jira ticket or a GitLab merge request, add a reaction",
    "When an Outlook email quotes a Shopify order or a Stripe refund id, forward it to support",
    "Whenever an Intercom conversation asks for an invoice or a Stripe receipt, tag it billing",
    "When a Gmail email arrives from a Salesforce contact or a HubSpot lead, star it",
    "When a Jira issue is created by a support agent or a Zendesk user, add a label",
    "When a Notion page gets a comment or a GitHub link, ping #docs in Slack",
]


@pytest.mark.parametrize("text", OR_ITEM_IS_CONTENT)
def test_content_after_or_is_no_second_start(text: str) -> None:
    assert len(starts(text)) <= 1, (text, starts(text))


TWO_EVENTS_JOINED_BY_OR = [
    (
        "Whenever a Jira issue is resolved or a GitLab merge request is merged, post in #dev",
        {"jiraTrigger", "gitlabTrigger"},
    ),
    # a "with" inside the first event, and the second's verb in the present tense
    (
        "When a Stripe invoice with a coupon is paid or a PayPal sale completes, log it in Sheets",
        {"stripeTrigger", "payPalTrigger"},
    ),
    # the words before "or" say no verb: the one after the second is both events'
    (
        "Whenever a new Shopify order or a new WooCommerce order comes in, add it to Airtable",
        {"shopifyTrigger", "wooCommerceTrigger"},
    ),
    pytest.param(
        "Whenever a new Typeform response or a new Jotform submission comes in, add it to Airtable",
        {"typeformTrigger", "jotFormTrigger"},
        marks=still_red(
            "an app whose only n8n node is its trigger (Jotform) is no app entity with a "
            "trigger, which entry_points._events_joined_by_or reads"
        ),
    ),
]


@pytest.mark.parametrize("text, both", TWO_EVENTS_JOINED_BY_OR)
def test_two_events_joined_by_or_still_get_two_starts(text: str, both: set[str]) -> None:
    assert both <= starts(text), starts(text)


# --- HR22's misfires of HIN6's intent rules, in other words ---
#: an artefact the assistant would write, asked with "can you do that?": no flow to build
#: (HIN6's a8a92e7 BUILD_IT_ASKED is withdrawn: 7 misfires against 1 fix)
ARTEFACT_ASKED = [
    "I need an Instagram caption about how our Shopify store now runs on n8n, can you do that?",
    "A one-page guide on how our Slack and Notion integration saves time - can you make it?",
    "A flowchart of our Zendesk ticket workflow for the onboarding doc, can you do that?",
]


@pytest.mark.parametrize("text", ARTEFACT_ASKED)
def test_an_artefact_asked_with_can_you_do_that_is_no_build(text: str) -> None:
    assert run(text).intent != "workflow_request", text


#: a record or person that "does nothing" for a while is a flow's condition, not a trouble
INACTIVITY_IS_A_CONDITION = [
    "If a Zendesk ticket does nothing for 3 days, close it and tell the customer",
    pytest.param(
        "Trello cards that do nothing for two weeks should move to the Stale list",
        marks=still_red(
            "a rule said as what should happen, with no app event or order word "
            "before it, reads as small talk (on 2b17b5f too)"
        ),
    ),
    "When a trial user does nothing in our app for 7 days, email them a tip with Gmail",
    "A HubSpot contact that does nothing since the webinar should get a follow-up email",
    "An Asana task that does nothing all week should be posted to #stale in Slack",
]


@pytest.mark.parametrize("text", INACTIVITY_IS_A_CONDITION)
def test_inactivity_for_a_while_is_a_request(text: str) -> None:
    run_valid(text)


# --- HR22's misfires of HMO8's missing-operation rules, in other words ---
def _keeps_app_node(text: str, app: str) -> None:
    types = run_valid(text).types
    assert BASE + app in types and BASE + "httpRequest" not in types, (text, types)


#: "reopen" a record whose update reopens it under a field of another name (HMO8's 435aed3
#: made "reopen" a state of its own; withdrawn): the node is kept, no placeholder call
REOPEN_KEEPS_THE_NODE = [
    ("Reopen the Trello card when the client emails us about it again via a webhook", "trello"),
    ("Reopen the Pipedrive deal when the prospect books another call in Calendly", "pipedrive"),
    ("Reopen the Salesforce case when the customer answers the survey in Typeform", "salesforce"),
]


@pytest.mark.parametrize("text, app", REOPEN_KEEPS_THE_NODE)
def test_reopen_keeps_the_node(text: str, app: str) -> None:
    _keeps_app_node(text, app)


#: "restore" is the node's "unarchive" where it has one
def test_restore_an_archived_record_is_its_unarchive() -> None:
    text = "Restore the archived Todoist project when the client pays in Stripe"
    _keeps_app_node(text, "todoist")


#: a participle opening a compound noun after a plural (HMO8's ad6fcd3 cut it as "which ones"):
#: the compound is what is asked, which the node lacks
COMPOUND_AFTER_A_PLURAL = [
    "Every Monday list the Zendesk tickets escalation policies in a Google Sheet",
    "Every morning fetch the Stripe payouts reconciliation reports and email them to finance",
]


@pytest.mark.parametrize("text", COMPOUND_AFTER_A_PLURAL)
def test_a_compound_after_a_plural_is_what_is_asked(text: str) -> None:
    assert BASE + "httpRequest" in run_valid(text).types, text


def test_complete_a_subtask_keeps_the_node_its_task_update_does_it() -> None:
    """HR22's one newly failing request (from HMO8's 435aed3): a subtask is a task, whose
    update sets "completed"; the subtask resource has no update of its own."""
    _keeps_app_node("Complete the Asana subtask once the Linear issue is closed", "asana")
