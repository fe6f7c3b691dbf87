"""The object a clause asks of an app, read wherever the app is named (issue 17, Part 2).

Other people do not write "Stripe refunds" or "the refunds from Stripe" only: they write "the
open milestones for our web repo in GitHub", "the Zendesk macros nobody has used", "all of
last week's worklogs from Jira", "add that person as a member in Ghost". The clause reader
(``coverage.clause_object``) takes the phrase the clause's action governs, wherever the app's
name stands in it; the node's catalog entry then decides whether it has that object. Our own
cases: apps, objects and wording of our own (each object checked absent from the node with
``known_to_node``), and the same shapes where the node has the object and must stay.
"""

from __future__ import annotations

import pytest
from missing_ops_support import assert_calls_api
from node_choice_support import B, api_calls, generate, of_type

from engine.offline.coverage import clause_object, known_to_node

# (request, credential, URL end, method, another node that must stay or "")
MISSING = [
    (
        "Every Friday, list the open milestones for our web repo in GitHub and post them to Slack",
        "githubApi",
        "/milestones",
        "GET",
        "slack",
    ),
    (
        "Each night fetch the failed pipelines of our backend project on GitLab and email me",
        "gitlabApi",
        "/pipelines",
        "GET",
        "gmail",
    ),
    (
        "On Mondays pull all of last week's worklogs from Jira into a Google Sheet",
        "jiraSoftwareCloudApi",
        "/worklogs",
        "GET",
        "googleSheets",
    ),
    (
        "Every hour get the Zendesk macros nobody has used this month and send the list to "
        "#support in Slack",
        "zendeskApi",
        "/macros",
        "GET",
        "slack",
    ),
    (
        "Twice a day, grab the WooCommerce coupons that expire this week and post them in "
        "Microsoft Teams",
        "wooCommerceApi",
        "/coupons",
        "GET",
        "microsoftTeams",
    ),
    (
        "When a new row appears in our 'Members' sheet, add that person as a member in Ghost",
        "ghostContentApi",
        "/members",
        "POST",
        "",
    ),
    (
        "When a webhook comes in, create a discount code for the buyer in our Shopify store",
        "shopifyApi",
        "/discount_codes",
        "POST",
        "",
    ),
    (
        "Every morning get the active portfolio of our marketing team in Asana and email it to me",
        "asanaApi",
        "/portfolios",
        "GET",
        "gmail",
    ),
    (
        "When a Stripe invoice is paid, create the payment in Xero for that invoice",
        "xeroOAuth2Api",
        "/payments",
        "POST",
        "",
    ),
    (
        "At 6pm fetch the Webflow collections of our marketing site and save them to Airtable",
        "webflowOAuth2Api",
        "/collections",
        "GET",
        "airtable",
    ),
    (
        "Once a week grab every YouTube comment nobody has answered and put them in a sheet",
        "youTubeOAuth2Api",
        "/comments",
        "GET",
        "",
    ),
]

# (request, app node, its resource): the node has what is asked - no API call
KEEP = [
    (
        # listing issues is repository/getIssues in the catalog (the issue resource has no
        # read of many): which operation is the operation reader's; here only the node stays
        "list the open issues for our web repo in GitHub every morning and post them to Slack",
        "github",
        None,
    ),
    (
        "fetch the deals from HubSpot nobody has touched this week and email the owner",
        "hubspot",
        "deal",
    ),
    (
        "When someone fills our partner form, create them as a contact in HubSpot",
        "hubspot",
        "contact",
    ),
    (
        "pull yesterday's orders from Shopify nobody has shipped yet and post them to Slack",
        "shopify",
        "order",
    ),
    (
        "Every evening get the Trello cards of our launch board and email me the titles",
        "trello",
        None,
    ),
    ("save the new stories from Hacker News to Notion every six hours", "notion", None),
    (
        "When a form is submitted, find the client in HubSpot and DM the owner on Slack",
        "hubspot",
        "contact",
    ),
    (
        "every friday get a short recap of my Google Calendar events and send it to Discord",
        "googleCalendar",
        "event",
    ),
    (
        "Check every 30 min for new videos on my YouTube channel and post them to Slack",
        "youTube",
        None,
    ),
]

#: The node has the record but not the action asked of it, or the action is asked of the
#: event's record ("it") or after an arrow: (request, credential, URL end, method).
UNOFFERED = [
    (
        "Create a Zendesk macro whenever we add a row to our 'Macros' sheet",
        "zendeskApi",
        "/macros",
        "POST",
    ),
    (
        "Every Monday I want Pipedrive's sales goals posted in Slack",
        "pipedriveApi",
        "goals",
        "GET",
    ),
    (
        "When a form comes in, snooze the Intercom conversation until Monday",
        "intercomApi",
        "/conversations/REPLACE_WITH_ID/parts",  # Intercom snoozes with a "snoozed" part (s19)
        "POST",
    ),
    (
        "When a customer fills our pause form, pause their Stripe subscription for a month",
        "stripeApi",
        "/subscriptions/REPLACE_WITH_ID",  # Stripe pauses by an update: pause_collection (s19)
        "POST",
    ),
    (
        "Make a Mailchimp campaign every Thursday with the week's top products from our "
        "Google Sheet",
        "mailchimpApi",
        "/campaigns",
        "POST",
    ),
    (
        "When a new GitLab merge request comes in, add a note on it that lists the reviewers",
        "gitlabApi",
        "/notes",
        "POST",
    ),
    (
        "Webhook gets an email -> look it up in Stripe -> void their latest invoice -> tell me "
        "on Slack",
        "stripeApi",
        "/invoices/REPLACE_WITH_ID/void",  # Stripe's own path for it (session 18)
        "POST",
    ),
]


@pytest.mark.parametrize(("text", "credential", "url_end", "method"), UNOFFERED)
def test_an_action_the_node_does_not_offer_calls_the_api(
    text: str, credential: str, url_end: str, method: str
) -> None:
    wf = generate(text)
    assert_calls_api(wf, credential, url_end, method)


@pytest.mark.parametrize(("text", "credential", "url_end", "method", "other"), MISSING)
def test_the_object_is_read_wherever_the_app_is_named(
    text: str, credential: str, url_end: str, method: str, other: str
) -> None:
    wf = generate(text)
    assert_calls_api(wf, credential, url_end, method)
    if other:
        assert of_type(wf, B + other), [n["type"] for n in wf["nodes"]]


@pytest.mark.parametrize(("text", "app", "resource"), KEEP)
def test_an_object_the_node_has_keeps_the_node(text: str, app: str, resource: str | None) -> None:
    wf = generate(text)
    nodes = of_type(wf, B + app)
    assert nodes, [n["type"] for n in wf["nodes"]]
    if resource is not None:
        assert nodes[0]["parameters"].get("resource") == resource
    assert not api_calls(wf), [n["parameters"].get("url") for n in api_calls(wf)]


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        ("fetch the current cycle for our ENG team in ", "", ("cycle",)),
        ("pull all of the month's bank transactions from ", " ", ("bank", "transactions")),
        ("fetch the open ", " conversations nobody has replied to yet", ("conversations",)),
        ("create them as a customer in ", "", ("customer",)),
        ("email from ", "'s owners) ", ("owners",)),
        ("create a journal entry in ", " Online", ("journal", "entry")),
        ("create a ", " scheduled event in our server", ("scheduled", "event")),
        # a destination, another product, a place of the app, a heading, the node itself
        ("save new stories to ", "", ()),
        ("summarize closed hubspot tickets -> ", " #support-leads", ()),
        ("get our domains from a ", " database", ()),
        ("", ": refund the charge", ()),
        ("then get the video details with the ", " node", ()),
        ("should get an AI summary posted on ", "", ()),
    ],
)
def test_the_clause_reader(before: str, after: str, expected: tuple[str, ...]) -> None:
    assert clause_object(before, after) == expected


def test_a_person_is_known_to_a_node_that_keeps_people() -> None:
    assert known_to_node(B + "hubspot", "client")
    assert known_to_node(B + "slack", "lead")
    assert not known_to_node(B + "shopify", "customer")
