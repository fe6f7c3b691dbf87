"""Webhook verification as a validator (hypothesis): whatever bytes and headers arrive, the
answer is a verified event or ``InvalidWebhook`` - never another exception - and a changed byte
or a different secret never verifies. Plus the Stripe object readers across API versions.
"""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime

import pytest
from billing_support import (
    CLERK_WEBHOOK_SECRET,
    STRIPE_WEBHOOK_SECRET,
    stripe_signature,
    svix_headers,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from service.billing import stripe_objects as so
from service.billing.verify import InvalidWebhook, verify_clerk, verify_stripe

EVENT = json.dumps(
    {"id": "evt_1", "type": "invoice.paid", "created": 1, "data": {"object": {"id": "in_1"}}}
).encode()


@given(payload=st.binary(max_size=300), header=st.text(max_size=120))
@settings(max_examples=300, deadline=None)
def test_stripe_any_input_is_verified_or_rejected_cleanly(payload: bytes, header: str) -> None:
    with pytest.raises(InvalidWebhook):
        verify_stripe(payload, header, STRIPE_WEBHOOK_SECRET)


@given(position=st.integers(0, len(EVENT) - 1), flip=st.integers(1, 255))
@settings(max_examples=200, deadline=None)
def test_stripe_a_changed_byte_never_verifies(position: int, flip: int) -> None:
    header = stripe_signature(EVENT, STRIPE_WEBHOOK_SECRET)
    assert verify_stripe(EVENT, header, STRIPE_WEBHOOK_SECRET).id == "evt_1"
    tampered = bytearray(EVENT)
    tampered[position] ^= flip
    with pytest.raises(InvalidWebhook):
        verify_stripe(bytes(tampered), header, STRIPE_WEBHOOK_SECRET)


@given(
    age=st.integers(-10_000, 10_000),
    secret=st.sampled_from([STRIPE_WEBHOOK_SECRET, "whsec_other", STRIPE_WEBHOOK_SECRET + "x"]),
)
@settings(max_examples=200, deadline=None)
def test_stripe_only_the_right_secret_within_tolerance(age: int, secret: str) -> None:
    header = stripe_signature(EVENT, secret, int(time.time()) - age)
    genuine = secret == STRIPE_WEBHOOK_SECRET and age <= 290  # 300 s tolerance, some slack
    if genuine:
        assert verify_stripe(EVENT, header, STRIPE_WEBHOOK_SECRET).type == "invoice.paid"
    elif secret != STRIPE_WEBHOOK_SECRET or age > 310:
        with pytest.raises(InvalidWebhook):
            verify_stripe(EVENT, header, STRIPE_WEBHOOK_SECRET)


@given(
    payload=st.binary(max_size=200),
    headers=st.dictionaries(
        st.sampled_from(["svix-id", "svix-timestamp", "svix-signature", "other"]),
        st.text(max_size=60),
    ),
)
@settings(max_examples=300, deadline=None)
def test_clerk_any_input_is_verified_or_rejected_cleanly(payload: bytes, headers: dict) -> None:
    with pytest.raises(InvalidWebhook):
        verify_clerk(payload, headers, CLERK_WEBHOOK_SECRET)


def test_clerk_genuine_and_not() -> None:
    body = json.dumps({"type": "user.created", "data": {"id": "user_1"}}).encode()
    headers = svix_headers(body, msg_id="msg_1")
    event = verify_clerk(body, headers, CLERK_WEBHOOK_SECRET)
    assert (event.id, event.type) == ("msg_1", "user.created")
    with pytest.raises(InvalidWebhook, match="invalid Clerk"):
        verify_clerk(body + b" ", headers, CLERK_WEBHOOK_SECRET)
    not_json = b"[1, 2"
    with pytest.raises(InvalidWebhook, match="malformed"):
        verify_clerk(not_json, svix_headers(not_json), CLERK_WEBHOOK_SECRET)
    no_type = b'{"data": {}}'
    with pytest.raises(InvalidWebhook, match="needs a type"):
        verify_clerk(no_type, svix_headers(no_type), CLERK_WEBHOOK_SECRET)


def test_readers_accept_old_and_new_api_shapes() -> None:
    new_sub = {
        "items": {
            "data": [
                {"price": {"id": "price_a"}, "current_period_start": 100, "current_period_end": 200}
            ]
        }
    }
    old_sub = {
        "items": {"data": [{"price": "price_a"}]},
        "current_period_start": 100,
        "current_period_end": 200,
    }
    for sub in (new_sub, old_sub):
        assert so.subscription_price(sub) == "price_a"
        assert so.subscription_period(sub) == (
            datetime.fromtimestamp(100, UTC),
            datetime.fromtimestamp(200, UTC),
        )
    new_invoice = {
        "parent": {"subscription_details": {"subscription": "sub_1"}},
        "lines": {
            "data": [
                {
                    "parent": {"subscription_item_details": {"proration": True}},
                    "pricing": {"price_details": {"price": "price_old"}},
                },
                {
                    "pricing": {"price_details": {"price": "price_a"}},
                    "period": {"start": 100, "end": 200},
                },
            ]
        },
    }
    old_invoice = {
        "subscription": "sub_1",
        "lines": {
            "data": [
                {"proration": True, "price": {"id": "price_old"}},
                {"price": {"id": "price_a"}, "period": {"start": 100, "end": 200}},
            ]
        },
    }
    for invoice in (new_invoice, old_invoice):
        assert so.invoice_subscription(invoice) == "sub_1"
        price, start, end = so.invoice_plan_line(invoice)
        assert (price, start.timestamp(), end.timestamp()) == ("price_a", 100, 200)
    assert so.invoice_plan_line({"period_start": 5, "lines": {"data": []}})[0] is None
    assert so.when("12") is None and so.when(True) is None and so.ref({"id": ""}) is None
