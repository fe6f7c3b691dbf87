"""Error workflows (issue #17 Part 2, session 13, family error_handling), pinned on requests of
our own, in wording and with apps unlike the read sets.

An error workflow said by what fails rather than by the phrases the engine knew: the subject is
one of the user's runs however it is named ("a run", "any of our workflows", "my nightly sync
job", "any of my automations", "anything I've built in n8n", "n8n" itself) and the failure is said
in any way ("dies", "doesn't finish successfully", "fails to complete", "stops halfway", "hits
an exception", "get error"), or failures are a noun with the runs they come from ("errors in my
other flows", "crash reports of my automations", "every unsuccessful execution", "Workflow
failure -> Slack"): the Error Trigger starts it (``lexicon.OTHER_RUNS_FAIL``).

The other direction: a failure that is part of a step, a field value or an app's event ("a
customer runs into an error", "a test run fails in our CI", "if the upload fails", a declined
payment, a bounced mail, a 'Failed' status) keeps its own start.

The rest of an error workflow: the step that reports the failure is there, the run's own URL
("with the execution url") is data from the Error Trigger, not an HTTP request to make, and an
"if" that opens the start event ("If a run crashes, text me", "If a new Stripe customer is
created, ...") is not a condition to test - no IF node.
"""

from __future__ import annotations

import pytest
from generalise_support import BASE, run, starts


@pytest.mark.parametrize(
    ("request_text", "reporter"),
    [
        (
            "Set up something that pings Mattermost whenever an n8n execution doesn't finish "
            "successfully.",
            "mattermost",
        ),
        (
            "When any of my automations stops halfway, log it to a Google Sheet with the node that "
            "broke.",
            "googleSheets",
        ),
        (
            "A catch-all: whenever anything I've built in n8n goes wrong, open a Jira bug with the "
            "error message.",
            "jira",
        ),
        ("If my nightly sync job dies, I want a Discord message.", "discord"),
        ("Whenever n8n fails to complete a run, add a card to Trello.", "trello"),
        ("If execution get error please notify in slack channel #n8n.", "slack"),
        ("In case any of workflows have a problem, write to Telegram group.", "telegram"),
        ("On fail of any workflow send a message to Discord.", "discord"),
        ("Something should catch all n8n failures and post them to Slack #alerts.", "slack"),
        ("Report every unsuccessful execution to a Google Sheet.", "googleSheets"),
        ("a flow that reacts to errors in my other flows and pings me on Discord", "discord"),
        ("when a scheduled workflow doesn't run successfully, tell me on slack", "slack"),
        (
            "If any of our workflows hit an exception, create a Jira ticket with the stack trace.",
            "jira",
        ),
        ("Workflow failure -> Slack DM to me.", "slack"),
        ("When something in my n8n breaks, email me.", "gmail"),
        (
            "Monitor all my workflows for failures and send an email for each failure right away.",
            "gmail",
        ),
        ("If a run crashes, text me on Twilio.", "twilio"),
        (
            "We have like 40 workflows in n8n and nobody notices when they break. Whenever that "
            "happens I want the error message and the workflow name posted in Slack "
            "#automation-alerts.",
            "slack",
        ),
        ("Whenever a run in n8n is unsuccessful, post to Slack.", "slack"),
        (
            "Whenever one of my automations breaks, drop a note in the #ops Slack channel with its "
            "name and the reason.",
            "slack",
        ),
    ],
)
def test_an_error_workflow_in_any_wording_starts_from_the_error_trigger(
    request_text: str, reporter: str
) -> None:
    assert starts(request_text) == {"errorTrigger"}
    assert BASE + reporter in run(request_text).types


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        (
            "When a customer runs into an error on checkout, Intercom sends us a conversation; "
            "create a Jira bug from it.",
            "manualTrigger",
        ),
        (
            "When a test run fails in our CI webhook payload, post the failing test names to "
            "Slack.",
            "webhook",
        ),
        (
            "When a Stripe payment fails, email the customer a link to update their card.",
            "stripeTrigger",
        ),
        ("When a GitHub Actions build fails on main, create a Jira bug.", "githubTrigger"),
        (
            "When an email bounces in Mailchimp, remove the address from the HubSpot contact list.",
            "mailchimpTrigger",
        ),
        (
            "Every day at 8, find rows in Google Sheets with status 'Failed' and email the owner.",
            "scheduleTrigger",
        ),
        (
            "When someone submits the form, look up the customer in HubSpot; abort with an error "
            "if nothing is found.",
            "formTrigger",
        ),
        (
            "Each night, back up the Postgres table to S3; if the upload fails, send me an email.",
            "scheduleTrigger",
        ),
        (
            "When a Shopify order payment is declined, tag the customer and send an SMS via "
            "Twilio.",
            "shopifyTrigger",
        ),
        ("When a Zendesk ticket is tagged bug, create a GitHub issue.", "zendeskTrigger"),
        ("When a GitLab pipeline fails, notify the committer on Slack.", "gitlabTrigger"),
        (
            "When our Make scenario fails... never mind, when a new Mailchimp subscriber joins, "
            "add them to Notion.",
            "mailchimpTrigger",
        ),
        (
            "Nightly at 2, call our export endpoint; if it fails twice, throw an error so the run "
            "is marked failed.",
            "scheduleTrigger",
        ),
        (
            "When a new row is added in Google Sheets, call our API; if the workflow errors, retry "
            "the call and post to Slack.",
            "googleSheetsTrigger",
        ),
    ],
)
def test_a_failure_inside_a_step_or_an_app_event_keeps_its_own_start(
    request_text: str, trigger: str
) -> None:
    assert starts(request_text) == {trigger}


@pytest.mark.parametrize(
    ("request_text", "reporter"),
    [
        ("If a run crashes, text me on Twilio.", "twilio"),
        ("If my nightly sync job dies, I want a Discord message.", "discord"),
        (
            "If any of our workflows hit an exception, create a Jira ticket with the stack trace.",
            "jira",
        ),
        (
            "Please make error notification: if workflow stop with error, send email to admin.",
            "gmail",
        ),
    ],
)
def test_an_if_that_opens_the_start_event_is_no_condition(request_text: str, reporter: str) -> None:
    types = run(request_text).types
    assert BASE + "if" not in types
    assert BASE + reporter in types


@pytest.mark.parametrize(
    "request_text",
    [
        "When a Typeform is submitted, if the budget is over 10k post to #sales on Slack, "
        "otherwise add them to Mailchimp.",
        "If a workflow fails and the error mentions 'timeout', post to Slack #ops, otherwise "
        "email me.",
        "Every morning, check our API health endpoint; if it returns an error, post to #alerts "
        "in Slack.",
        # an app event opened by "if" with its condition in the same clause (HR13's shapes)
        "If a new Shopify order arrives with a total over 500, send a Slack message to #vip",
        "If a Jira issue is created with priority Highest, page the on-call engineer via PagerDuty",
        "If a new Typeform response comes in and the score is below 6, email the team lead",
    ],
)
def test_a_condition_after_or_beside_the_start_keeps_its_if(request_text: str) -> None:
    assert BASE + "if" in run(request_text).types


@pytest.mark.parametrize(
    ("request_text", "http"),
    [
        (
            "if one of my workflows fails, open a jira bug with the execution url and the name "
            "of the node that failed",
            False,
        ),
        (
            "When any workflow errors, post the workflow's url and the error message to Slack.",
            False,
        ),
        ("When a workflow fails, send the execution URL to our incident API endpoint.", True),
        ("Every hour call the status url of our service and post to Slack if it is down.", True),
    ],
)
def test_a_runs_own_url_is_data_not_a_request(request_text: str, http: bool) -> None:
    assert (BASE + "httpRequest" in run(request_text).types) is http


@pytest.mark.parametrize(
    "request_text",
    [
        "how can I find out why an execution failed yesterday? where does n8n keep the logs",
        "Is there a way to tell whether a run failed without opening each execution?",
    ],
)
def test_a_failed_run_asked_about_is_a_question(request_text: str) -> None:
    assert run(request_text).intent == "question"
