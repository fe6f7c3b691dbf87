"""Missing operations, our own check set kept aside (issue 17, Part 2).

Written before the clause reader was tuned on anyone's misses and run only at the end of the
work on it, as a check that the reader carries to wording it was not shaped on: other apps
(GitHub deployments, Intercom articles, Zoom participants, Twilio recordings, Discord threads,
HubSpot pipelines, ActiveCampaign automations), other shapes ("the open threads for our support
server in Discord", "the ActiveCampaign automations that nobody has triggered", "create the
attendee as a participant in our Zoom webinar"). Each object was checked absent from the node
with ``known_to_node``; the three requests kept at the end ask for records the node has.
"""

from __future__ import annotations

import pytest
from missing_ops_support import assert_calls_api
from node_choice_support import B, api_calls, generate, of_type

# (request, credential, URL end, another node that must stay or "")
ASIDE = [
    (
        "Every Tuesday list the deployments of our api repo on GitHub and post a count to Slack",
        "githubApi",
        "/deployments",
        "slack",
    ),
    (
        "Each evening fetch the Intercom articles nobody has updated in a year and email me the "
        "titles",
        "intercomApi",
        "/articles",
        "gmail",
    ),
    (
        "When a form is submitted, create the attendee as a participant in our Zoom webinar",
        "zoomApi",
        "/participants",
        "",
    ),
    (
        "Grab all of this week's Twilio recordings and upload them to Google Drive every Sunday",
        "twilioApi",
        "/recordings",
        "googleDrive",
    ),
    (
        "every morning pull the open threads for our support server in Discord and summarise "
        "them to Telegram",
        "discordBotApi",
        "/threads",
        "telegram",
    ),
    (
        "Hourly: read the failed payouts from Stripe and log each one in Airtable",
        "stripeApi",
        "/payouts",
        "airtable",
    ),
    (
        "When a HubSpot deal is won, look up the pipelines of our sales team in HubSpot and post "
        "the stage names in Slack",
        "hubspotApi",
        "/pipelines",
        "slack",
    ),
    (
        "Weekly, get the ActiveCampaign automations that nobody has triggered and send the list "
        "by email",
        "activeCampaignApi",
        "/automations",
        "",
    ),
]

ASIDE_KEEP = [
    (
        "Every Tuesday list the releases of our api repo on GitHub and post a count to Slack",
        "github",
        "release",
    ),
    (
        "When a form is submitted, create the person as a contact in Pipedrive",
        "pipedrive",
        "person",
    ),
    (
        "Each evening fetch the Trello cards nobody has moved this week and email me the titles",
        "trello",
        "card",
    ),
]


@pytest.mark.parametrize(("text", "credential", "url_end", "other"), ASIDE)
def test_kept_aside_requests_call_the_api(
    text: str, credential: str, url_end: str, other: str
) -> None:
    wf = generate(text)
    assert_calls_api(wf, credential, url_end)
    if other:
        assert of_type(wf, B + other), [n["type"] for n in wf["nodes"]]


@pytest.mark.parametrize(("text", "app", "resource"), ASIDE_KEEP)
def test_kept_aside_requests_keep_the_node(text: str, app: str, resource: str) -> None:
    wf = generate(text)
    nodes = of_type(wf, B + app)
    assert nodes, [n["type"] for n in wf["nodes"]]
    assert nodes[0]["parameters"].get("resource") == resource
    assert not [n for n in api_calls(wf) if n["parameters"]["nodeCredentialType"].startswith(app)]
