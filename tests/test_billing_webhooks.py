"""Stripe webhooks over HTTP: checkout of a plan and a pack through the SDK and the local Stripe
server, then the events Stripe would send, signed with Stripe's documented scheme. Each test
asserts the ledger, user, subscription and purchase rows, not only the status code.
"""

from __future__ import annotations

import json
import logging
import time
from uuid import UUID

import billing_support
import pytest
from billing_support import (
    STRIPE_WEBHOOK_SECRET,
    BillingService,
    event_outcome,
    ledger_rows,
    ledger_sum,
    stripe_event,
    stripe_signature,
    subscription_row,
    user_row,
)

from nodepilot.db import connect
from service import ledger

# the shared fixtures, bound here so pytest finds them
billing_service = billing_support.billing_service


def _checkout(svc: BillingService, email: str, **item: str) -> tuple[UUID, str]:
    """Sign in, start a checkout; returns (user id, checkout session id)."""
    user_id = svc.sign_in(email)
    res = svc.client.post("/api/billing/checkout", json=item, headers=svc.auth(email))
    assert res.status_code == 200, res.text
    session_id = res.json()["url"].rsplit("/", 1)[1]
    assert session_id in svc.stripe.sessions
    return user_id, session_id


def _spend(svc: BillingService, user_id: UUID, credits: int) -> None:
    """Chat charging as the service does it: reserve, then commit."""
    with connect(svc.settings) as conn:
        for _ in range(credits):
            held = ledger.reserve(conn, user_id)
            assert held is not None
            ledger.commit(conn, user_id, held, "chat")
        conn.commit()


def test_pack_checkout_grants_credits_once(billing_service: BillingService) -> None:
    svc = billing_service
    user_id, session_id = _checkout(svc, "pack@example.com", pack="payg_100")
    done = svc.stripe.complete_checkout(session_id)
    event = stripe_event("checkout.session.completed", done["session"])

    res = svc.send_stripe(event)
    assert res.status_code == 200 and res.json()["result"] == "granted 100"
    assert svc.send_stripe(event).json()["result"] == "duplicate"  # Stripe's retry / a replay

    with connect(svc.settings) as conn:
        rows = ledger_rows(conn, user_id)
        assert [(r["kind"], r["amount"], r["cause"]) for r in rows] == [
            ("trial", 25, "trial"),
            ("purchase", 100, event["id"]),
        ]
        assert rows[-1]["remaining_balance"] == 125 == ledger_sum(conn, user_id)
        assert user_row(conn, user_id)["stripe_customer_id"] == done["session"]["customer"]
        assert event_outcome(conn, "stripe", event["id"]) == "granted 100"
        purchase = conn.execute(
            "SELECT pack, credits, amount_cents, payment_intent_id FROM credit_purchases "
            "WHERE user_id = %s",
            (user_id,),
        ).fetchall()
        assert purchase == [("payg_100", 100, 800, done["charge"]["payment_intent"])]


def test_signatures_that_are_not_genuine_change_nothing(billing_service: BillingService) -> None:
    svc = billing_service
    user_id, session_id = _checkout(svc, "forger@example.com", pack="payg_100")
    event = stripe_event(
        "checkout.session.completed", svc.stripe.complete_checkout(session_id)["session"]
    )
    payload = json.dumps(event).encode()
    signed = stripe_signature(payload, STRIPE_WEBHOOK_SECRET)
    forged = payload.replace(b'"amount_total": 800', b'"amount_total": 1')
    stale_t = int(time.time()) - 10 * 60
    attempts = {
        "forged body": svc.client.post(
            "/api/stripe/webhook", content=forged, headers={"Stripe-Signature": signed}
        ),
        "wrong secret": svc.send_stripe(event, secret="whsec_someone_else"),
        "stale timestamp": svc.send_stripe(event, timestamp=stale_t),
        "garbage header": svc.send_stripe(event, signature="v1=deadbeef"),
        "no header": svc.client.post("/api/stripe/webhook", content=payload),
    }
    for what, res in attempts.items():
        assert res.status_code == 400, what
        assert res.json()["error"]["code"] == "invalid_signature", what
        assert STRIPE_WEBHOOK_SECRET not in res.text
    with connect(svc.settings) as conn:
        assert ledger_sum(conn, user_id) == 25
        assert event_outcome(conn, "stripe", event["id"]) is None
    # the genuine delivery still works afterwards
    assert svc.send_stripe(event).json()["result"] == "granted 100"


def test_subscription_credits_once_per_paid_invoice(billing_service: BillingService) -> None:
    svc = billing_service
    user_id, session_id = _checkout(svc, "sub@example.com", plan="pro")
    done = svc.stripe.complete_checkout(session_id)
    sub_id = done["subscription"]["id"]

    assert (
        svc.send_stripe(stripe_event("checkout.session.completed", done["session"])).json()[
            "result"
        ]
        == "plan pro"
    )
    paid = stripe_event("invoice.paid", done["invoice"])
    assert svc.send_stripe(paid).json()["result"] == "granted 500"
    assert svc.send_stripe(paid).json()["result"] == "duplicate"
    # a second, distinct event for the same invoice (Stripe sends invoice.paid and may resend)
    again = stripe_event("invoice.paid", done["invoice"])
    assert svc.send_stripe(again).json()["result"] == "invoice already credited"

    renewed = svc.stripe.renew(sub_id)
    cycle = stripe_event("invoice.paid", renewed["invoice"])
    assert svc.send_stripe(cycle).json()["result"] == "granted 500"
    # a mid-period plan change bills a proration invoice: plan credits come per period only
    proration = {
        **renewed["invoice"],
        "id": "in_proration",
        "billing_reason": "subscription_update",
    }
    assert svc.send_stripe(stripe_event("invoice.paid", proration)).json()["result"] == (
        "no credits for billing_reason subscription_update"
    )
    with connect(svc.settings) as conn:
        rows = ledger_rows(conn, user_id)
        assert [(r["kind"], r["amount"], r["cause"]) for r in rows] == [
            ("trial", 25, "trial"),
            ("subscription", 500, paid["id"]),
            ("subscription", 500, cycle["id"]),
        ]
        assert ledger_sum(conn, user_id) == 1025
        assert user_row(conn, user_id)["subscription_tier"] == "pro"
        assert subscription_row(conn, sub_id)["status"] == "active"
    credits = svc.client.get("/api/credits", headers=svc.auth("sub@example.com")).json()
    assert (credits["balance"], credits["plan"]) == (1025, "pro")


def test_out_of_order_subscription_updates_never_roll_back(
    billing_service: BillingService,
) -> None:
    svc = billing_service
    user_id, session_id = _checkout(svc, "order@example.com", plan="starter")
    done = svc.stripe.complete_checkout(session_id)
    sub_id = done["subscription"]["id"]
    t0 = int(time.time())
    svc.send_stripe(stripe_event("checkout.session.completed", done["session"], created=t0))

    to_pro = svc.stripe.update_subscription(sub_id, price_id="price_pro_m")
    past_due = svc.stripe.update_subscription(sub_id, status="past_due")
    newer = stripe_event("customer.subscription.updated", past_due, created=t0 + 20)
    older = stripe_event(
        "customer.subscription.updated", {**to_pro, "status": "active"}, created=t0 + 10
    )
    assert svc.send_stripe(newer).json()["result"] == "past_due, plan pro"
    assert svc.send_stripe(older).json()["result"] == "older than stored state"
    with connect(svc.settings) as conn:
        row = subscription_row(conn, sub_id)
        assert (row["status"], row["tier"]) == ("past_due", "pro")
        assert row["last_event_id"] == newer["id"]
        assert user_row(conn, user_id)["subscription_tier"] == "pro"

    # a cancellation at period end keeps the plan until Stripe ends the subscription
    scheduled = svc.stripe.update_subscription(sub_id, cancel_at_period_end=True, status="active")
    svc.send_stripe(stripe_event("customer.subscription.updated", scheduled, created=t0 + 30))
    with connect(svc.settings) as conn:
        row = subscription_row(conn, sub_id)
        assert row["cancel_at_period_end"] and row["status"] == "active"
        assert row["current_period_end"] is not None
        assert user_row(conn, user_id)["subscription_tier"] == "pro"

    ended = svc.stripe.cancel_subscription(sub_id)
    svc.send_stripe(stripe_event("customer.subscription.deleted", ended, created=t0 + 40))
    late = stripe_event("customer.subscription.updated", scheduled, created=t0 + 50)
    assert svc.send_stripe(late).json()["result"] == "subscription already ended"
    with connect(svc.settings) as conn:
        assert subscription_row(conn, sub_id)["status"] == "canceled"
        assert user_row(conn, user_id)["subscription_tier"] == "free"
        assert ledger_sum(conn, user_id) == 25  # state changes never touch credits


def test_refund_larger_than_the_balance_records_the_shortfall(
    billing_service: BillingService,
) -> None:
    svc = billing_service
    user_id, session_id = _checkout(svc, "refund@example.com", pack="payg_100")
    done = svc.stripe.complete_checkout(session_id)
    svc.send_stripe(stripe_event("checkout.session.completed", done["session"]))
    charge_id = done["charge"]["id"]

    half = stripe_event("charge.refunded", svc.stripe.refund(charge_id, 400))
    assert svc.send_stripe(half).json()["result"] == "withdrew 50, shortfall 0"
    _spend(svc, user_id, 65)  # 125 - 50 - 65 = 10 left
    rest = stripe_event("charge.refunded", svc.stripe.refund(charge_id))
    assert svc.send_stripe(rest).json()["result"] == "withdrew 10, shortfall 40"
    assert svc.send_stripe(rest).json()["result"] == "duplicate"

    with connect(svc.settings) as conn:
        assert ledger_sum(conn, user_id) == 0
        refunds = [
            (r["amount"], r["cause"], r["remaining_balance"])
            for r in ledger_rows(conn, user_id)
            if r["kind"] == "refund"
        ]
        assert refunds == [(-50, half["id"], 75), (-10, rest["id"], 0)]
        purchase = conn.execute(
            "SELECT credits_refunded, refund_shortfall FROM credit_purchases WHERE user_id = %s",
            (user_id,),
        ).fetchone()
        assert purchase == (100, 40)


def test_unknown_event_type_is_ignored_and_logged(
    billing_service: BillingService, caplog: pytest.LogCaptureFixture
) -> None:
    svc = billing_service
    user_id = svc.sign_in("unknown@example.com")
    event = stripe_event("customer.tax_id.created", {"id": "txi_1", "object": "tax_id"})
    with caplog.at_level(logging.INFO, logger="service.billing.events"):
        res = svc.send_stripe(event)
    assert res.status_code == 200 and res.json()["result"] == "ignored"
    assert f"{event['id']} of type customer.tax_id.created ignored" in caplog.text
    with connect(svc.settings) as conn:
        assert event_outcome(conn, "stripe", event["id"]) == "ignored"
        assert ledger_sum(conn, user_id) == 25


def test_checkout_rules(billing_service: BillingService) -> None:
    svc = billing_service
    user_id, session_id = _checkout(svc, "rules@example.com", plan="starter")
    done = svc.stripe.complete_checkout(session_id)
    svc.send_stripe(stripe_event("checkout.session.completed", done["session"]))
    auth = svc.auth("rules@example.com")
    second = svc.client.post("/api/billing/checkout", json={"plan": "pro"}, headers=auth)
    assert second.status_code == 409 and second.json()["error"]["code"] == "already_subscribed"
    for body in ({"plan": "gold"}, {"plan": "pro", "pack": "payg_100"}, {}):
        res = svc.client.post("/api/billing/checkout", json=body, headers=auth)
        assert res.status_code == 422, body
    assert (
        "choose one of starter, pro"
        in svc.client.post("/api/billing/checkout", json={"plan": "gold"}, headers=auth).json()[
            "error"
        ]["message"]
    )
    assert svc.client.post("/api/billing/checkout", json={"pack": "payg_100"}).status_code == 401

    plans = svc.client.get("/api/billing/plans").json()
    assert plans["billing"] is True
    assert [(p["key"], p["price_usd"], p["purchasable"]) for p in plans["plans"]] == [
        ("starter", 14, True),
        ("pro", 21, True),
    ]
    assert plans["packs"][0]["credits"] == 100 and plans["packs"][0]["price_usd"] == 8
    assert "price_id" not in json.dumps(plans)  # price ids stay server-side

    portal = svc.client.post("/api/billing/portal", headers=auth)
    assert portal.status_code == 200 and "/p/session/bps_" in portal.json()["url"]
    assert len(svc.stripe.customers) == 1  # one customer per user, reused
    with connect(svc.settings) as conn:
        assert user_row(conn, user_id)["stripe_customer_id"] in svc.stripe.customers


def test_trial_credits_expire_even_after_a_refunded_pack(billing_service: BillingService) -> None:
    """A refund takes back the pack's credits, not the trial's: when the trial lapses its
    unspent credits still expire (one expiry row), leaving exactly what is left of the rest."""
    svc = billing_service
    user_id, session_id = _checkout(svc, "lapse@example.com", pack="payg_100")
    done = svc.stripe.complete_checkout(session_id)
    svc.send_stripe(stripe_event("checkout.session.completed", done["session"]))
    _spend(svc, user_id, 10)  # from the trial first: 15 trial + 100 pack left
    refund = stripe_event("charge.refunded", svc.stripe.refund(done["charge"]["id"], 400))
    assert svc.send_stripe(refund).json()["result"] == "withdrew 50, shortfall 0"
    with connect(svc.settings) as conn:
        conn.execute(
            "UPDATE credit_history SET expires_at = now() - interval '1 second' "
            "WHERE user_id = %s AND cause = 'trial'",
            (user_id,),
        )
        conn.commit()
    res = svc.client.get("/api/credits", headers=svc.auth("lapse@example.com"))
    assert res.status_code == 200 and res.json()["balance"] == 50
    with connect(svc.settings) as conn:
        expiry = [
            (r["amount"], r["remaining_balance"])
            for r in ledger_rows(conn, user_id)
            if r["kind"] == "expiry"
        ]
        assert expiry == [(-15, 50)] and ledger_sum(conn, user_id) == 50


def test_a_refund_before_its_purchase_is_redelivered_not_lost(
    billing_service: BillingService,
) -> None:
    svc = billing_service
    user_id, session_id = _checkout(svc, "early@example.com", pack="payg_100")
    done = svc.stripe.complete_checkout(session_id)
    refund = stripe_event("charge.refunded", svc.stripe.refund(done["charge"]["id"]))
    early = svc.send_stripe(refund)
    assert early.status_code == 503 and early.json()["error"]["code"] == "event_out_of_order"
    with connect(svc.settings) as conn:
        assert event_outcome(conn, "stripe", refund["id"]) is None
        assert ledger_sum(conn, user_id) == 25
    svc.send_stripe(stripe_event("checkout.session.completed", done["session"]))
    assert svc.send_stripe(refund).json()["result"] == "withdrew 100, shortfall 0"
    with connect(svc.settings) as conn:
        assert ledger_sum(conn, user_id) == 25
    # a refunded charge that is no pack of ours (e.g. a subscription invoice) is ignored
    other = stripe_event(
        "charge.refunded",
        {
            "id": "ch_other",
            "object": "charge",
            "payment_intent": "pi_other",
            "amount": 2100,
            "amount_refunded": 2100,
            "metadata": {},
        },
    )
    assert svc.send_stripe(other).json()["result"] == "not a pack charge"


def test_a_customer_deleted_at_stripe_is_replaced_on_the_next_checkout(
    billing_service: BillingService,
) -> None:
    svc = billing_service
    user_id, _ = _checkout(svc, "recreate@example.com", pack="payg_100")
    with connect(svc.settings) as conn:
        first = user_row(conn, user_id)["stripe_customer_id"]
    gone = stripe_event("customer.deleted", {**svc.stripe.customers.pop(first), "deleted": True})
    assert svc.send_stripe(gone).json()["result"] == "customer forgotten"
    with connect(svc.settings) as conn:
        assert user_row(conn, user_id)["stripe_customer_id"] is None
    again = svc.client.post(
        "/api/billing/checkout", json={"pack": "payg_100"}, headers=svc.auth("recreate@example.com")
    )
    assert again.status_code == 200, again.text
    with connect(svc.settings) as conn:
        second = user_row(conn, user_id)["stripe_customer_id"]
    assert second != first and second in svc.stripe.customers


def test_a_delayed_payment_credits_when_it_succeeds(billing_service: BillingService) -> None:
    svc = billing_service
    user_id, session_id = _checkout(svc, "delayed@example.com", pack="payg_100")
    done = svc.stripe.complete_checkout(session_id)
    pending = {**done["session"], "payment_status": "unpaid"}  # e.g. a bank debit
    assert (
        svc.send_stripe(stripe_event("checkout.session.completed", pending)).json()["result"]
        == "awaiting payment"
    )
    with connect(svc.settings) as conn:
        assert ledger_sum(conn, user_id) == 25
    succeeded = stripe_event("checkout.session.async_payment_succeeded", done["session"])
    assert svc.send_stripe(succeeded).json()["result"] == "granted 100"
    with connect(svc.settings) as conn:
        assert ledger_sum(conn, user_id) == 125


def test_out_of_credits_points_to_checkout_and_a_pack_unblocks(
    billing_service: BillingService,
) -> None:
    svc = billing_service
    user_id, session_id = _checkout(svc, "broke@example.com", pack="payg_100")
    _spend(svc, user_id, 25)
    auth = svc.auth("broke@example.com")
    res = svc.client.post("/api/chat/message", json={"message": "hello"}, headers=auth)
    assert res.status_code == 402
    error = res.json()["error"]
    assert error["code"] == "insufficient_credits"
    assert error["checkout_url"] == "/api/billing/checkout"
    done = svc.stripe.complete_checkout(session_id)
    svc.send_stripe(stripe_event("checkout.session.completed", done["session"]))
    assert svc.client.get("/api/credits", headers=auth).json()["balance"] == 100
