"""Own cases for the lead's fixes of session 18 (issue #17 Part 2).

A question whether an app's new records can end up, show up or go out somewhere asks how
the app behaves unless another app is named where they go. HIN6's possibility reader
(``_asked_if_the_flow_can_be``) read the event and the app of "can new HubSpot contacts show
up as duplicates?" as a flow's two ends and built a workflow; 12 such requests of the
session-17 reviewers' sets turned red with it (all green before). Below: those shapes with
other apps and places (written here), and the wishes that must stay requests: the records
reach another app, or go out through one.
"""

from __future__ import annotations

import pytest
from generalise_support import run, still_red

WR, Q, GC = "workflow_request", "question", "general_conversation"

ABOUT_THE_APP = [
    "can new Trello cards end up archived by accident?",
    "could new Calendly bookings show up twice on my calendar?",
    "can new Zendesk tickets end up in the suspended queue?",
    "could new Mailchimp subscribers land in the cleaned audience?",
    "can new Asana tasks show up in my inbox without a due date?",
    "could new WooCommerce orders go out before payment clears?",
    "can new HubSpot contacts show up as duplicates?",
    "could new Shopify orders go out on the same day?",
]

STILL_WISHES = [
    "can new Typeform responses end up in our Airtable base?",
    "could new Stripe payments show up in a Slack channel?",
    "can new Jira issues land in Microsoft Teams?",
    "when someone signs up on our site, can a welcome email go out through SendGrid?",
]


@pytest.mark.parametrize("text", ABOUT_THE_APP)
def test_records_reaching_no_other_app_ask_about_the_app(text: str) -> None:
    assert run(text).intent in (Q, GC)


@pytest.mark.parametrize("text", STILL_WISHES)
def test_records_reaching_another_app_are_wished_flows(text: str) -> None:
    out = run(text)
    assert out.intent == WR
    assert out.workflow and not out.strict_errors(), out.strict_errors()


#: Possibility questions HR20 found read as flows, with other apps and words (written here):
#: an adjective before the noun that is a verb elsewhere ("the same message"), an app's own
#: integration under a condition of installing it, a wish in another language to be taught.
NOT_A_FLOW = [
    "Can Slack and Teams both receive the same message?",
    "could Gmail and Outlook both show the same email thread?",
    "Would new Jira issues show up in Slack if I install the Jira Cloud app?",
    "will new Asana tasks appear in Teams if we enable the Asana integration?",
    "Quiero que cada lunes me expliques cómo usar Airtable",
    pytest.param(
        "Ich möchte, dass du mir jeden Morgen erklärst, wie man Notion benutzt",
        marks=still_red("a German order with a time word is read as one before any wish rule"),
    ),
]

STILL_FLOWS = [
    "could the same Slack message go to Microsoft Teams too?",
    "if we add a new HubSpot contact, can it go to Mailchimp?",
    "Quiero que cada lunes me envíes por Slack los pedidos nuevos de Shopify",
]


@pytest.mark.parametrize("text", NOT_A_FLOW)
def test_possibility_questions_about_apps_build_nothing(text: str) -> None:
    assert run(text).intent in (Q, GC)


@pytest.mark.parametrize("text", STILL_FLOWS)
def test_nearby_wishes_still_build(text: str) -> None:
    out = run(text)
    assert out.intent == WR
    assert out.workflow and not out.strict_errors(), out.strict_errors()
