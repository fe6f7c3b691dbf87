"""A condition, then an order of work naming an app, is something to build (issue 17, Part 2).

Found with the lead's own probe "once an invoice in Xero is paid, thank the customer by email":
the order's verb ("thank") was not among the verbs of ``CONDITIONAL_ORDER``, Xero has no
trigger, and the turn got the canned account/billing answer as general conversation. The
verbs of work after the condition now include thanking, reminding, welcoming, inviting,
asking, scheduling, tagging, removing, escalating, summarising and the like.
"""

from __future__ import annotations

import pytest

from engine.intent.classifier import classify


@pytest.mark.parametrize(
    "text",
    [
        "once an invoice in Xero is paid, thank the customer by email",
        "When a Stripe refund is issued, remind the account manager on Slack",
        "whenever a Calendly meeting is booked, invite the guest to our Discord server",
        "If a HubSpot deal stalls for two weeks, escalate it to the sales lead on Teams",
        "As soon as a Typeform survey comes in, summarise the answers and post them to Notion",
    ],
)
def test_a_condition_then_an_order_naming_an_app_is_a_request(text):
    assert classify(text).intent == "workflow_request"


@pytest.mark.parametrize(
    "text",
    [
        "When I get promoted, what should I ask for, a raise or equity?",
        "If my React app crashes on load, check the console first?",
    ],
)
def test_a_question_with_a_condition_stays_talk(text):
    assert classify(text).intent != "workflow_request"
