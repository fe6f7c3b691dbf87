"""Issue #17 Part 2, session 14 (HIN2): intent of turns the read sets do not cover, and "send a
summary" sending a summary.

Intent - two causes, each tested on requests written here (apps and wording unlike the read
sets), with ordinary turns that must not move:

* A question outside automation kept as a question because one of its words is also an
  automation word in its everyday sense ("items left in my fridge", "a weekly schedule", "three Node
  services"): such a word alone is no evidence the question is
  about automation (``EVERYDAY_TOPIC_WORD``); a name of n8n's ("Loop Over Items") still is.
* A request asked as a wish from the asker's side ("is it possible to have X ... Y?", "how would
  we get X into Y?", "can I have X ... in Y?") between two apps, with no start named and no
  part of n8n asked about, read as a question: the apps linked are the flow to build. So is
  the assistant asked to arrange a webhook that hands its payload to an app, a wish whose
  subject is a few words ("can our support team have ...?") and an order to hand the asker
  something ("give me each new ... in ...").
"""

from __future__ import annotations

import pytest
from generalise_support import run, run_valid

OUTSIDE = [
    "what's a good name for my startup? we build scheduling software for dentists",
    "What's the best way to structure a monorepo with three Node services and shared types?",
    "name ideas for my meal-prep delivery business? we deliver on a weekly schedule",
    "What can I cook with chicken thighs, rice and whatever items are left in my fridge?",
    "my Go http server leaks goroutines under load, how do I find where?",
]
#: Must stay: outside automation already, and n8n questions with one everyday word as a name.
OUTSIDE_KEPT = [
    "Can you give me a recipe for vegan lasagna that serves six?",
    "Is it legal to use customer emails from my Shopify store for a newsletter under GDPR?",
    "What's a fair price for a used 2019 MacBook Pro with 16GB memory?",
]
STILL_QUESTIONS = [
    "how does n8n's IF node treat empty strings?",
    "What does the Merge node do?",
    "how does Loop Over Items work when the list is empty?",
    "what tools can I give an AI agent, and does it keep memory between chats?",
    "can Gmail forward to Slack?",
    "how do I get the Slack trigger to fire on reactions?",
    "How would I use the Zendesk node to add a tag to a ticket?",
    "is it possible to have two triggers in one workflow?",
    "how could I get the output of one node into an expression two steps later?",
    "is there a way to make the Webhook node return a custom status code?",
    "could you get the Webhook node to accept PUT requests from Stripe?",
    "can you have the webhook answer with a 202 straight away?",
    "would it be possible to run n8n workflows on a schedule when my laptop is asleep?",
]
WISHED_FLOWS = [
    "would it be possible to push new Zendesk tickets into a Notion database?",
    "can we have GitHub issues labelled 'bug' show up in Linear automatically?",
    "How would I get our Shopify refunds into a Google Sheet automatically each day?",
    "how would we get new Eventbrite attendees into a Mailchimp audience?",
    "can I have Asana tasks that are completed get posted in our Mattermost channel?",
    "would it be doable to sync Pipedrive organizations into Salesforce accounts?",
    "how could I get WooCommerce orders over 500 EUR into a Slack message for the sales lead?",
    "could u hook up a webhook endpoint that pushes the payload to a Slack channel?",
]
#: Must stay requests (read right before this change).
REQUESTS_KEPT = [
    "is it possible to have Freshdesk send every urgent ticket to our PagerDuty on-call?",
    "Could we have Harvest time entries copied into our Airtable projects table each evening?",
    "can you make a webhook that takes a JSON order and answers with the order total?",
    "Any chance you could set up a flow that copies new Mailchimp subscribers into HubSpot?",
]


#: A wish whose subject is more than one word ("can our support team have ...?") and an order
#: to hand the asker something ("give me / show me each new ... in ..."), with a start word and
#: two apps linked: requests.
SAID_FLOWS = [
    "can our support team have Zendesk satisfaction ratings posted in Microsoft Teams?",
    "could the night shift get new PagerDuty incidents on WhatsApp?",
    "can my co-founder and I see new Gumroad sales in Telegram?",
    "give me the main points of each new Intercom conversation in Microsoft Teams",
    "show me each new Jira bug in our Discord #qa channel",
]
#: A missing operation asked for as a wish or a polite order: the node said to lack it (in
#: another sentence), n8n as where it runs, or "automatically" are no question about n8n.
SAID_FLOWS += [
    "Is it possible to pause a Mailchimp campaign from n8n when our Shopify stock runs out? the "
    "node doesn't have that",
    "how would I get the Stripe tax rates listed in a Google Sheet every month? there's no node "
    "operation for it afaik",
    "can you archive a Slack channel automatically when its Jira project is closed?",
    "is there a way to have GitLab's merge request approvals show up in Teams? I think the GitLab "
    "node can't read approvals",
]
STILL_QUESTIONS += [
    "why does the Trello node not have a sticker operation?",
    "is there a way to call an API that the HubSpot node doesn't cover?",
    "would it be possible to run a sub-workflow for each Airtable record in n8n?",
]
#: Must stay: a report of what happens, a node asked about, everyday life.
SAID_KEPT = [
    ("each new Shopify order shows up twice in my Google Sheet, no idea why", "question"),
    ("can the Slack node have several channels in one step?", "question"),
    ("can our kids get a dog if we live in a small flat?", "general_conversation"),
]


@pytest.mark.parametrize("request_text", SAID_FLOWS)
def test_said_flows_are_requests(request_text: str) -> None:
    assert run(request_text).intent == "workflow_request"


@pytest.mark.parametrize(("request_text", "intent"), SAID_KEPT)
def test_said_flows_kept(request_text: str, intent: str) -> None:
    assert run(request_text).intent == intent


@pytest.mark.parametrize("request_text", OUTSIDE + OUTSIDE_KEPT)
def test_outside_automation_is_conversation(request_text: str) -> None:
    assert run(request_text).intent == "general_conversation"


@pytest.mark.parametrize("request_text", STILL_QUESTIONS)
def test_questions_about_n8n_stay_questions(request_text: str) -> None:
    assert run(request_text).intent == "question"


@pytest.mark.parametrize("request_text", WISHED_FLOWS + REQUESTS_KEPT)
def test_wished_flows_between_apps_are_requests(request_text: str) -> None:
    assert run(request_text).intent == "workflow_request"


#: "Send a summary" in words the summary vocabulary did not know (a brief, a résumé, an
#: abstract, a one-liner, a misspelt "sumary"), and a summary pushed to a phone (Pushover's
#: "Push a message" is a message sent): each sends a composed summary, not the raw record.
SUMMARIES = [
    "When a Typeform response comes in, send a brief of it to #leads in Slack",
    "each evening make a resume of the Freshdesk tickets of the day and send it to me on Telegram",
    "for each new Gumroad sale send a one-liner to Telegram saying who bought what",
    "every day at 8 make an abstract of the new articles in our Feedly RSS and put it in Slack",
    "each night, push a summary of the Stripe payouts to our Pushover so my phone buzzes",
    "every Friday, send a summery of the week's Harvest hours per client to our Discord",
    "I want a synopsis of new Zendesk tickets in Microsoft Teams each hour",
    # a short text about the records, said without a summary word
    "When a GitHub release is published, post what changed in plain words to our Telegram channel",
    "New Google Drive file in 'Contracts' -> post a short description of it to Microsoft Teams",
    "when an order is refunded in WooCommerce, let the finance team know in Slack with a short "
    "explanation of the order",
    "I'd like a Friday wrap of all Help Scout conversations sent to my Gmail",
    "every morning, email me a few lines about yesterday's new Salesforce opportunities",
]
#: Composers of a summary: an AI step or a Code step.
_COMPOSERS = {"code", "chainLlm", "agent", "chainSummarization"}


@pytest.mark.parametrize("request_text", SUMMARIES)
def test_summary_is_composed(request_text: str) -> None:
    from eval.summary_check import raw_dump_nodes

    out = run_valid(request_text)
    assert not raw_dump_nodes(out.workflow), out.types
    assert _COMPOSERS & {t.rsplit(".", 1)[-1] for t in out.types}, out.types


def test_a_resume_to_upload_is_no_summary() -> None:
    """A résumé (a CV) uploaded, not asked "of" something, is a file, not a summary."""
    from engine.offline.summary import asks_for_summary

    assert not asks_for_summary(
        "when a candidate applies, upload a resume to the Greenhouse profile"
    )
    assert asks_for_summary("send a resume of the day's tickets to the support lead")


def test_text_shapes_that_are_no_summary() -> None:
    """Lines of data appended and a product's own description field ask for no summary; the
    words of a summary's shape are never the object an API call reads."""
    from engine.offline.summary import asks_for_summary

    assert not asks_for_summary("append two lines of data to the Google Sheet for each order")
    assert not asks_for_summary("set the short description of each new WooCommerce product")
    assert not asks_for_summary("save the note as a GitHub gist and send me the gist URL on Slack")
    assert asks_for_summary("send me the gist of each new Front conversation on Slack")
    out = run_valid("every morning, email me a few lines about yesterday's new Salesforce deals")
    assert not any("httpRequest" in t for t in out.types), out.types


@pytest.mark.parametrize(
    ("request_text", "http"),
    [
        # an app's incoming webhook URL: the app's node posts there
        ("every evening post a digest of new Zendesk tickets to our Discord webhook URL", False),
        ("when a Stripe payment fails, send the details to the Slack incoming webhook url", False),
        (
            "each Monday send a recap of last week's resolved Jira issues to the Google Chat space "
            "webhook URL",
            False,
        ),
        # must not change: an endpoint of ours, a URL read from a record
        ("when a HubSpot deal is won, post it to Slack and also to our billing endpoint", True),
        (
            "fetch the page at the URL in the Airtable record and save the HTML to Google Drive",
            True,
        ),
    ],
)
def test_an_apps_webhook_url_is_the_app(request_text: str, http: bool) -> None:
    """ "Post the digest to our Discord webhook URL" added a raw POST of JSON.stringify($json)
    beside the Discord step; the URL is Discord's incoming webhook, which its node posts to."""
    from eval.summary_check import raw_dump_nodes

    out = run_valid(request_text)
    has_http = any(t.endswith(".httpRequest") for t in out.types)
    assert has_http == http, out.types
    if "digest" in request_text or "recap" in request_text:
        assert not raw_dump_nodes(out.workflow), out.types
