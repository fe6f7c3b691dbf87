"""A possessive event takes its event from the last noun (issue #17 Part 2, session 10, HT5):
"a Stripe customer's dispute gets created" is a dispute event, not customer.created; "a HubSpot
contact's deal moves stage" a deal change. The owner before "'s" is where the record belongs.
Must not change: a plain customer event, "it's"/"that's", a possessive naming the same record."""

from __future__ import annotations

import pytest
from generalise_support import BASE, run


def _trigger_event(request_text: str) -> tuple[str, list[str]]:
    out = run(request_text)
    trig = next(n for n in out.workflow["nodes"] if n["type"] in out.triggers)
    params = trig.get("parameters", {})
    listed = (params.get("eventsUi") or {}).get("eventValues") or []
    events = params.get("events") or params.get("event") or [e.get("name") for e in listed]
    return trig["type"], events if isinstance(events, list) else [events]


@pytest.mark.parametrize(
    ("request_text", "trigger", "event"),
    [
        ("When a Stripe customer's dispute gets created, post it to Slack.",
         "stripeTrigger", "charge.dispute.created"),
        ("Whenever a Stripe customer's subscription is cancelled, email me via Gmail.",
         "stripeTrigger", "customer.subscription.deleted"),
    ],
)  # fmt: skip
def test_a_possessive_event_takes_its_last_noun(
    request_text: str, trigger: str, event: str
) -> None:
    kind, events = _trigger_event(request_text)
    assert kind == BASE + trigger, (kind, request_text)
    assert event in events, (events, request_text)


def test_a_plain_customer_event_stays_the_customer() -> None:
    kind, events = _trigger_event("When a new Stripe customer is created, add them to Mailchimp.")
    assert kind == BASE + "stripeTrigger" and "customer.created" in events, events


def test_a_contact_s_deal_is_a_deal_event() -> None:
    kind, events = _trigger_event("When a HubSpot contact's deal moves stage, post it to Slack.")
    assert kind == BASE + "hubspotTrigger", kind
    assert events == ["deal.propertyChange"], events


def test_a_possessive_owner_reads_like_the_plain_record() -> None:
    plain = _trigger_event("When a Shopify order is refunded, post it to Slack.")
    owned = _trigger_event("When a Shopify customer's order is refunded, post it to Slack.")
    assert owned == plain, (owned, plain)


def test_it_s_is_not_a_possessive() -> None:
    kind, events = _trigger_event("When a new GitHub issue is opened and it's a bug, tell Discord.")
    assert kind == BASE + "githubTrigger" and events == ["issues"], events
