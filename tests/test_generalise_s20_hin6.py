"""Own cases for HIN6's intent fixes of session 20 (issue #17 Part 2).

A turn that describes a flow and closes by asking the assistant to build it as a question
("..., can you build that?", "- can you make it?", "could you set that up for us?") is an
order: the model read the closing "?" as a question and answered it (5 of 198 fresh turns
written for this session). So are "set something up so ..." (the verb's particle after its
object) and "could you give me a workflow that ...". The closing ask counts only when what
comes before describes a flow: a cover letter, a cake or a logo asked for the same way is
conversation. Below: such asks with other apps, verbs and objects (written here, not the
held-out turns), and the neighbours that must not change.

Second: troubles of the asker's own scheduler, CI or job runner ("my laravel scheduler
command that should send reminders every hour does nothing", "my GitHub Actions workflow
...") were read as flows or as questions about automation - what the thing should do, a
pasted config, what the asker does by hand or the tool's own name read as orders or starts.
"""

from __future__ import annotations

import pytest
from generalise_support import run

WR, Q, GC = "workflow_request", "question", "general_conversation"

CLOSING_BUILD_ASKS = [
    "every time a deal closes in pipedrive, post a confetti message in #wins on slack - "
    "could you build that?",
    "new calendly bookings should create a zoom link and email it to the invitee; "
    "can you set that up for us?",
    "when a row is added to our airtable base, send a welcome sms with twilio. would you make it?",
    "could you give me a workflow that pulls new jotform entries and saves them to dropbox?",
    "Can you set something up so new asana tasks assigned to me get copied into todoist?",
    "each monday, pull last week's toggl hours and put them in a google sheet; "
    "could you make that for us?",
]


@pytest.mark.parametrize("text", CLOSING_BUILD_ASKS)
def test_a_flow_closed_by_asking_for_the_build_is_a_request(text: str) -> None:
    out = run(text)
    assert out.intent == WR
    assert out.workflow and not out.strict_errors(), out.strict_errors()


#: Questions about n8n closing with an ask that is not the build ("explain", "fix", "make it
#: stop", "make it faster"), or asking for an example: they stay questions.
STILL_QUESTIONS = [
    "what does the merge node do when one input is empty? can you explain that?",
    "my slack node fails with invalid_auth, can you fix that?",
    "can you give me an example of an expression that formats a date in the set node?",
    "how do I set up a webhook in n8n so that github can call it?",
    "does the gmail trigger poll or push, and can you make it faster?",
    "my workflow fails every night at 2am with a 429 from the hubspot node, can you make it stop?",
]


@pytest.mark.parametrize("text", STILL_QUESTIONS)
def test_n8n_questions_closing_with_another_ask_stay_questions(text: str) -> None:
    assert run(text).intent == Q


#: The same closing asks of something that is no flow - an app, a day or a record named beside
#: a letter, a cake, a poem, a presentation or a logo: outside automation.
NOT_A_FLOW = [
    "I need to write a cover letter for a job at Slack, can you do that?",
    "write me a short poem about gmail, can you do that?",
    "my cousin wants a chocolate cake for her birthday on friday, can you make it?",
    "I need a presentation about our Shopify sales for the board, can you make one?",
    "my son has a school project about how Spotify recommends songs, can you do it?",
    "I need a logo for my bakery with a croissant, can you make one?",
]


@pytest.mark.parametrize("text", NOT_A_FLOW)
def test_closing_asks_for_no_flow_stay_conversation(text: str) -> None:
    assert run(text).intent == GC


#: Troubles of the asker's own scheduler, CI or job runner (not n8n's): the model, seeing a
#: time or "workflow", read a flow or a question about automation. What the thing should do
#: ("that should run every hour"), a pasted config, what the asker does ("when I run it") or
#: a tool's own name ("GitHub Actions") order nothing and start nothing.
OTHER_STACKS_TROUBLES = [
    "my systemd timer that should run certbot every day does nothing, what did I miss?",
    "my laravel scheduler command that should send reminders every hour does nothing",
    "my sidekiq job which is supposed to email users daily never runs in production",
    "my windows task scheduler task that should start the backup at 3am does nothing",
    "my github actions workflow takes 20 minutes, how can I cache node_modules?",
    "my jenkins pipeline fails at the docker build step, how do I fix it?",
]


@pytest.mark.parametrize("text", OTHER_STACKS_TROUBLES)
def test_other_stacks_troubles_are_conversation(text: str) -> None:
    assert run(text).intent == GC


#: n8n's own troubles and settings, and "react to" as a verb: questions.
N8N_TROUBLES_AND_SETTINGS = [
    "my n8n cron node that should run every night never fires, why?",
    "the gmail trigger that should fire on new emails does nothing, what's wrong?",
    "my webhook node does nothing when I send a POST from curl, why?",
    "why does the github trigger not fire for actions workflow runs?",
    "how do I trigger a github actions workflow from n8n?",
    "what does 'Retry On Fail' do on the http request node?",
    "when should I turn on continue on fail?",
    "which node should I use to react when a hubspot deal changes stage?",
]


@pytest.mark.parametrize("text", N8N_TROUBLES_AND_SETTINGS)
def test_n8n_troubles_and_settings_stay_questions(text: str) -> None:
    assert run(text).intent == Q


#: A trouble beside an order or a flow to build: requests still.
TROUBLE_WITH_AN_ORDER = [
    "if the webhook does nothing for an hour, send 'pipeline stalled' to #ops in slack",
    "when our stripe sync doesn't run, post 'sync failed' to the #billing channel in slack",
    "the zap that should copy leads to hubspot never fires, replace it with a workflow that "
    "copies new typeform leads to hubspot",
    "my cron job does nothing anymore, so build me a workflow that backs up our postgres db "
    "to s3 every night",
    "when a github actions workflow fails, open a jira ticket with the run url",
    "every time a github actions run fails on main, post the log link to slack",
]


@pytest.mark.parametrize("text", TROUBLE_WITH_AN_ORDER)
def test_troubles_beside_an_order_stay_requests(text: str) -> None:
    assert run(text).intent == WR


#: Records asked to be worked on, then to reach another app ("be summarised and posted into
#: Slack"): the wish of a flow, though no verb of sending opens the passive. With no other app
#: where they go, or a time after ("on weekends"), a question still.
WORKED_THEN_SENT = [
    "could new zendesk tickets be summarised and posted into a slack channel?",
    "could every new dropbox invoice be parsed and logged in a google sheet?",
    "can incoming typeform answers get scored and added to a hubspot list?",
]


@pytest.mark.parametrize("text", WORKED_THEN_SENT)
def test_records_worked_on_then_sent_to_an_app_are_wishes(text: str) -> None:
    out = run(text)
    assert out.intent == WR
    assert out.workflow and not out.strict_errors(), out.strict_errors()


@pytest.mark.parametrize(
    "text",
    [
        "could new shopify orders be packed and shipped on the same day?",
        "can new jira issues be created and assigned in bulk?",
    ],
)
def test_records_worked_on_with_no_other_app_stay_questions(text: str) -> None:
    assert run(text).intent == Q


def test_leftovers_worked_on_stay_conversation() -> None:
    assert run("could the leftovers be frozen and reheated in the microwave?").intent == GC


#: Taking back what the asker sent in one app ("unsend", "recall a message"): how to use the
#: app by hand, though "message" is a record of its node; n8n's own sending stays a question.
@pytest.mark.parametrize(
    "text",
    [
        "how do I unsend an email in gmail?",
        "can I recall a message I sent in outlook by mistake?",
        "how do i unsend a photo on instagram",
    ],
)
def test_taking_back_a_sent_message_is_using_the_app(text: str) -> None:
    assert run(text).intent == GC


@pytest.mark.parametrize(
    "text",
    [
        "can n8n unsend a slack message the workflow posted by mistake?",
        "how does the ai agent recall earlier messages from the telegram chat?",
        "how do I delete a message the slack node sent?",
    ],
)
def test_n8n_taking_back_messages_stays_a_question(text: str) -> None:
    assert run(text).intent == Q
