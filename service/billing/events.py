"""What each Stripe event means for a user: one handler per event type, applied exactly once.

``process_stripe_event`` claims the event id and runs its handler in one transaction: a replay
finds the claim and changes nothing; a handler that fails rolls the claim back, so Stripe's
retry runs it again. Every credit change is one ledger row whose ``cause`` is the event id.
An event we do not handle is recorded as ignored (and logged) and answered 200, as Stripe asks.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from uuid import UUID

import psycopg

from service import ledger
from service.billing import store
from service.billing import stripe_objects as so
from service.billing.plans import Catalog, Pack, Plan
from service.billing.verify import VerifiedEvent

log = logging.getLogger(__name__)

#: Invoices that pay for a billing period; others (prorations, manual) grant no credits.
PERIOD_REASONS = ("subscription_create", "subscription_cycle")


class RetryLater(Exception):
    """The event depends on one not yet applied: answer non-2xx so the provider redelivers."""


@dataclass(frozen=True)
class Outcome:
    """What an event did: a short word for logs and the events table, and whose it was."""

    result: str
    user_id: UUID | None = None


Handler = Callable[[psycopg.Connection, VerifiedEvent, Catalog], Outcome]


def _user_for(conn: psycopg.Connection, obj: dict) -> UUID | None:
    """The user an object belongs to: our id in its metadata/client_reference_id, then the
    Stripe customer we stored for them."""
    meta = obj.get("metadata") or {}
    for candidate in (obj.get("client_reference_id"), meta.get("nodepilot_user_id")):
        try:
            user_id = UUID(str(candidate))
        except ValueError:
            continue
        if store.user_exists(conn, user_id):
            return user_id
    return store.user_by_customer(conn, so.ref(obj.get("customer")))


def checkout_completed(conn: psycopg.Connection, event: VerifiedEvent, catalog: Catalog) -> Outcome:
    """A paid pack becomes credits; a subscription checkout records the plan (its credits come
    with the ``invoice.paid`` that Stripe sends for the first period)."""
    session = event.data["data"]["object"]
    user_id = _user_for(conn, session)
    if user_id is None:
        return Outcome("unknown user")
    customer = so.ref(session.get("customer"))
    if customer:
        store.remember_customer(conn, user_id, customer)
    if session.get("payment_status") not in ("paid", "no_payment_required"):
        return Outcome("awaiting payment", user_id)
    item_key = (session.get("metadata") or {}).get("item")
    if session.get("mode") == "subscription":
        return _start_subscription(conn, event, session, user_id, catalog.plans.get(item_key))
    pack = catalog.packs.get(item_key)
    if pack is None:
        log.warning("checkout %s names no known pack (%r)", session.get("id"), item_key)
        return Outcome("unknown pack", user_id)
    return _credit_pack(conn, event, session, user_id, pack)


def _credit_pack(
    conn: psycopg.Connection, event: VerifiedEvent, session: dict, user_id: UUID, pack: Pack
) -> Outcome:
    fresh = store.record_purchase(
        conn,
        user_id,
        pack.key,
        pack.credits,
        int(session.get("amount_total") or 0),
        str(session["id"]),
        so.ref(session.get("payment_intent")),
        event.id,
    )
    if not fresh:
        return Outcome("session already credited", user_id)
    ledger.grant(
        conn, user_id, pack.credits, "purchase", f"{pack.name} (Stripe {event.id})", cause=event.id
    )
    return Outcome(f"granted {pack.credits}", user_id)


def _start_subscription(
    conn: psycopg.Connection,
    event: VerifiedEvent,
    session: dict,
    user_id: UUID,
    plan: Plan | None,
) -> Outcome:
    sub_id = so.ref(session.get("subscription"))
    if sub_id is None or plan is None:
        return Outcome("subscription checkout without plan", user_id)
    if store.locked_subscription(conn, sub_id) is None:
        # only a first sight: the subscription events carry the authoritative state
        store.save_subscription(
            conn,
            store.SubscriptionState(
                sub_id, user_id, plan.key, "active", None, None, None, False, None, None
            ),
        )
    tier = store.sync_user_tier(conn, user_id)
    return Outcome(f"plan {tier}", user_id)


def subscription_changed(
    conn: psycopg.Connection, event: VerifiedEvent, catalog: Catalog
) -> Outcome:
    """created/updated/deleted: store status, plan and period as this event says - unless a
    newer event already did, or the subscription already ended (Stripe never revives one)."""
    sub = event.data["data"]["object"]
    sub_id = so.ref(sub.get("id"))
    if sub_id is None:
        return Outcome("no subscription id")
    stored = store.locked_subscription(conn, sub_id)
    user_id = stored.user_id if stored else _user_for(conn, sub)
    if user_id is None:
        return Outcome("unknown user")
    event_at = so.when(event.created)
    if stored is not None:
        if stored.status in store.TERMINAL_STATUSES:
            return Outcome("subscription already ended", user_id)
        if stored.last_event_at and event_at and event_at < stored.last_event_at:
            return Outcome("older than stored state", user_id)
    status = "canceled" if event.type.endswith(".deleted") else str(sub.get("status") or "active")
    price_id = so.subscription_price(sub)
    plan = catalog.by_price_id(price_id)
    tier = plan.key if isinstance(plan, Plan) else (stored.tier if stored else store.FREE)
    start, end = so.subscription_period(sub)
    store.save_subscription(
        conn,
        store.SubscriptionState(
            sub_id,
            user_id,
            tier,
            status,
            price_id,
            start,
            end,
            bool(sub.get("cancel_at_period_end")),
            event_at,
            event.id,
        ),
    )
    now_tier = store.sync_user_tier(conn, user_id)
    return Outcome(f"{status}, plan {now_tier}", user_id)


def invoice_paid(conn: psycopg.Connection, event: VerifiedEvent, catalog: Catalog) -> Outcome:
    """A paid period of a plan grants that plan's credits, once per invoice."""
    invoice = event.data["data"]["object"]
    user_id = _user_for(conn, invoice)
    if user_id is None:
        return Outcome("unknown user")
    reason = invoice.get("billing_reason")
    if reason not in PERIOD_REASONS:
        return Outcome(f"no credits for billing_reason {reason}", user_id)
    price_id, start, end = so.invoice_plan_line(invoice)
    plan = catalog.by_price_id(price_id)
    if not isinstance(plan, Plan):
        log.warning("invoice %s bills price %r, which is no plan", invoice.get("id"), price_id)
        return Outcome("not a plan invoice", user_id)
    sub_id = so.invoice_subscription(invoice)
    if not store.record_invoice(
        conn,
        str(invoice["id"]),
        user_id,
        sub_id,
        plan.key,
        plan.credits_per_period,
        (start, end),
        event.id,
    ):
        return Outcome("invoice already credited", user_id)
    period = f"{start:%Y-%m-%d} to {end:%Y-%m-%d}" if start and end else "this period"
    ledger.grant(
        conn,
        user_id,
        plan.credits_per_period,
        "subscription",
        f"{plan.name} credits for {period} (Stripe {event.id})",
        cause=event.id,
    )
    return Outcome(f"granted {plan.credits_per_period}", user_id)


def charge_refunded(conn: psycopg.Connection, event: VerifiedEvent, catalog: Catalog) -> Outcome:
    """Withdraw the refunded share of a pack's credits - as many as are left; the rest (already
    spent) is recorded as the purchase's shortfall. ``amount_refunded`` is cumulative, so a
    second partial refund withdraws only the difference."""
    charge = event.data["data"]["object"]
    purchase = store.locked_purchase(conn, so.ref(charge.get("payment_intent")))
    if purchase is None:
        if (charge.get("metadata") or {}).get("item") in catalog.packs:
            # our pack, but its checkout event has not been applied yet (Stripe does not
            # promise order): refuse for now, Stripe redelivers later
            raise RetryLater(f"refund of {charge.get('id')} arrived before its purchase")
        return Outcome("not a pack charge")
    amount, refunded = int(charge.get("amount") or 0), int(charge.get("amount_refunded") or 0)
    target = (
        purchase.credits
        if amount <= 0 or refunded >= amount
        else (purchase.credits * refunded // amount)
    )
    owed = target - purchase.credits_refunded
    if owed <= 0:
        return Outcome("nothing more to withdraw", purchase.user_id)
    taken, shortfall = ledger.debit_up_to(
        conn,
        purchase.user_id,
        owed,
        "refund",
        f"Refund of {purchase.pack} (Stripe {event.id})",
        cause=event.id,
    )
    store.add_refund(conn, purchase.id, owed, shortfall)
    if shortfall:
        log.warning("refund %s: %d credits were already spent", event.id, shortfall)
    return Outcome(f"withdrew {taken}, shortfall {shortfall}", purchase.user_id)


def customer_deleted(conn: psycopg.Connection, event: VerifiedEvent, catalog: Catalog) -> Outcome:
    """A customer deleted at Stripe is forgotten, so the next checkout creates a new one
    instead of failing on "No such customer" forever."""
    customer = so.ref(event.data["data"]["object"].get("id"))
    user_id = store.user_by_customer(conn, customer)
    if user_id is None:
        return Outcome("unknown customer")
    store.forget_customer(conn, user_id)
    return Outcome("customer forgotten", user_id)


HANDLERS: dict[str, Handler] = {
    "checkout.session.completed": checkout_completed,
    "checkout.session.async_payment_succeeded": checkout_completed,
    "invoice.paid": invoice_paid,
    "customer.subscription.created": subscription_changed,
    "customer.subscription.updated": subscription_changed,
    "customer.subscription.deleted": subscription_changed,
    "charge.refunded": charge_refunded,
    "customer.deleted": customer_deleted,
}


def process_stripe_event(
    conn: psycopg.Connection, event: VerifiedEvent, catalog: Catalog
) -> Outcome:
    """Apply a verified Stripe event once (a replay is 'duplicate' and changes nothing)."""
    with conn.transaction():
        if not store.claim_event(conn, "stripe", event.id, event.type, so.when(event.created)):
            return Outcome("duplicate")
        handler = HANDLERS.get(event.type)
        if handler is None:
            log.info("stripe event %s of type %s ignored", event.id, event.type)
            outcome = Outcome("ignored")
        else:
            outcome = handler(conn, event, catalog)
        subject = so.ref((event.data.get("data") or {}).get("object", {}).get("id"))
        store.finish_event(conn, "stripe", event.id, outcome.result, outcome.user_id, subject)
    log.info("stripe event %s (%s): %s", event.id, event.type, outcome.result)
    return outcome
