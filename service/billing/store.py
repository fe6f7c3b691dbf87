"""SQL for billing's own tables (migration 0009): webhook deliveries, customers, subscriptions,
pack purchases and paid invoices. Credits never change here - that is ``service.ledger``.

Every function takes an owner connection inside the caller's transaction: webhooks act for
whichever user an event names, before any user setting exists.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

import psycopg

#: Subscription statuses under which the plan is in force (Stripe retries a past_due payment).
LIVE_STATUSES = ("active", "trialing", "past_due")
#: Statuses Stripe never leaves: no later event may bring such a subscription back.
TERMINAL_STATUSES = ("canceled", "incomplete_expired")
FREE = "free"


def claim_event(
    conn: psycopg.Connection,
    provider: str,
    event_id: str,
    event_type: str,
    created: datetime | None,
) -> bool:
    """Record a delivery; False when it was already processed (a replay). A concurrent
    delivery of the same id waits here until the first one commits, then gets False."""
    row = conn.execute(
        """INSERT INTO billing_events (provider, event_id, event_type, event_created)
           VALUES (%s, %s, %s, %s) ON CONFLICT DO NOTHING RETURNING 1""",
        (provider, event_id, event_type, created),
    ).fetchone()
    return row is not None


def finish_event(
    conn: psycopg.Connection,
    provider: str,
    event_id: str,
    outcome: str,
    user_id: UUID | None,
    subject: str | None,
) -> None:
    """Store what the delivery did and what it was about (for operators and later events)."""
    conn.execute(
        """UPDATE billing_events SET outcome = %s, user_id = %s, subject = %s
           WHERE provider = %s AND event_id = %s""",
        (outcome[:200], user_id, subject, provider, event_id),
    )


def was_deleted(conn: psycopg.Connection, clerk_user_id: str) -> bool:
    """True once a Clerk user.deleted for this id was processed (Clerk never reuses ids)."""
    row = conn.execute(
        """SELECT 1 FROM billing_events WHERE provider = 'clerk' AND subject = %s
           AND event_type = 'user.deleted'""",
        (clerk_user_id,),
    ).fetchone()
    return row is not None


def user_exists(conn: psycopg.Connection, user_id: UUID) -> bool:
    return conn.execute("SELECT 1 FROM users WHERE id = %s", (user_id,)).fetchone() is not None


def user_by_customer(conn: psycopg.Connection, customer_id: str | None) -> UUID | None:
    if not customer_id:
        return None
    row = conn.execute(
        "SELECT id FROM users WHERE stripe_customer_id = %s", (customer_id,)
    ).fetchone()
    return row[0] if row else None


def customer_of(conn: psycopg.Connection, user_id: UUID) -> str | None:
    row = conn.execute("SELECT stripe_customer_id FROM users WHERE id = %s", (user_id,)).fetchone()
    return row[0] if row else None


def remember_customer(conn: psycopg.Connection, user_id: UUID, customer_id: str) -> str:
    """Store the user's Stripe customer unless one is already stored; returns the stored one."""
    conn.execute(
        "UPDATE users SET stripe_customer_id = %s WHERE id = %s AND stripe_customer_id IS NULL",
        (customer_id, user_id),
    )
    return customer_of(conn, user_id) or customer_id


def forget_customer(conn: psycopg.Connection, user_id: UUID) -> None:
    conn.execute("UPDATE users SET stripe_customer_id = NULL WHERE id = %s", (user_id,))


def last_deleted_customer(conn: psycopg.Connection, user_id: UUID) -> str | None:
    """The user's most recent Stripe customer that Stripe deleted (owner connection)."""
    row = conn.execute(
        """SELECT subject FROM billing_events WHERE provider = 'stripe' AND user_id = %s
           AND event_type = 'customer.deleted' AND outcome = 'customer forgotten'
           ORDER BY received_at DESC LIMIT 1""",
        (user_id,),
    ).fetchone()
    return row[0] if row else None


@dataclass(frozen=True)
class SubscriptionRow:
    """A subscription as last stored."""

    user_id: UUID
    tier: str
    status: str
    last_event_at: datetime | None


def locked_subscription(conn: psycopg.Connection, subscription_id: str) -> SubscriptionRow | None:
    """The stored subscription, row-locked until the transaction ends (events queue here)."""
    row = conn.execute(
        """SELECT user_id, tier, status, last_event_at FROM subscriptions
           WHERE external_subscription_id = %s FOR UPDATE""",
        (subscription_id,),
    ).fetchone()
    return SubscriptionRow(*row) if row else None


@dataclass(frozen=True)
class SubscriptionState:
    """What a Stripe event says a subscription now is."""

    subscription_id: str
    user_id: UUID
    tier: str
    status: str
    price_id: str | None
    period_start: datetime | None
    period_end: datetime | None
    cancel_at_period_end: bool
    event_at: datetime | None
    event_id: str | None


def save_subscription(conn: psycopg.Connection, state: SubscriptionState) -> None:
    """Insert or overwrite the subscription row with ``state``."""
    conn.execute(
        """INSERT INTO subscriptions (user_id, tier, status, external_subscription_id,
               current_period_start, current_period_end, stripe_price_id, cancel_at_period_end,
               last_event_at, last_event_id)
           VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)
           ON CONFLICT (external_subscription_id) DO UPDATE SET
               tier = excluded.tier, status = excluded.status,
               current_period_start = coalesce(excluded.current_period_start,
                                               subscriptions.current_period_start),
               current_period_end = coalesce(excluded.current_period_end,
                                             subscriptions.current_period_end),
               stripe_price_id = coalesce(excluded.stripe_price_id, subscriptions.stripe_price_id),
               cancel_at_period_end = excluded.cancel_at_period_end,
               last_event_at = excluded.last_event_at, last_event_id = excluded.last_event_id,
               updated_at = now()""",
        (
            state.user_id,
            state.tier,
            state.status,
            state.subscription_id,
            state.period_start,
            state.period_end,
            state.price_id,
            state.cancel_at_period_end,
            state.event_at,
            state.event_id,
        ),
    )


def sync_user_tier(conn: psycopg.Connection, user_id: UUID) -> str:
    """Set ``users.subscription_tier`` from the newest live subscription (or 'free')."""
    row = conn.execute(
        """SELECT tier FROM subscriptions WHERE user_id = %s AND status = ANY(%s)
           ORDER BY coalesce(last_event_at, created_at) DESC LIMIT 1""",
        (user_id, list(LIVE_STATUSES)),
    ).fetchone()
    tier = row[0] if row else FREE
    conn.execute(
        "UPDATE users SET subscription_tier = %s, updated_at = now() WHERE id = %s "
        "AND subscription_tier IS DISTINCT FROM %s",
        (tier, user_id, tier),
    )
    return tier


def record_invoice(
    conn: psycopg.Connection,
    invoice_id: str,
    user_id: UUID,
    subscription_id: str | None,
    plan: str | None,
    credits: int,
    period: tuple[datetime | None, datetime | None],
    event_id: str,
) -> bool:
    """Record a paid invoice; False when it was already recorded (its credits were granted)."""
    row = conn.execute(
        """INSERT INTO billing_invoices (invoice_id, user_id, subscription_id, plan, credits,
               period_start, period_end, event_id)
           VALUES (%s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT DO NOTHING RETURNING 1""",
        (invoice_id, user_id, subscription_id, plan, credits, period[0], period[1], event_id),
    ).fetchone()
    return row is not None


def record_purchase(
    conn: psycopg.Connection,
    user_id: UUID,
    pack: str,
    credits: int,
    amount_cents: int,
    session_id: str,
    payment_intent_id: str | None,
    event_id: str,
) -> bool:
    """Record a paid pack; False when this checkout session was already recorded."""
    row = conn.execute(
        """INSERT INTO credit_purchases (user_id, pack, credits, amount_cents,
               checkout_session_id, payment_intent_id, event_id)
           VALUES (%s, %s, %s, %s, %s, %s, %s) ON CONFLICT DO NOTHING RETURNING 1""",
        (user_id, pack, credits, amount_cents, session_id, payment_intent_id, event_id),
    ).fetchone()
    return row is not None


@dataclass(frozen=True)
class Purchase:
    """A pack purchase as a refund sees it."""

    id: UUID
    user_id: UUID
    pack: str
    credits: int
    credits_refunded: int


def locked_purchase(conn: psycopg.Connection, payment_intent_id: str | None) -> Purchase | None:
    if not payment_intent_id:
        return None
    row = conn.execute(
        """SELECT id, user_id, pack, credits, credits_refunded FROM credit_purchases
           WHERE payment_intent_id = %s FOR UPDATE""",
        (payment_intent_id,),
    ).fetchone()
    return Purchase(*row) if row else None


def add_refund(conn: psycopg.Connection, purchase_id: UUID, credits: int, shortfall: int) -> None:
    conn.execute(
        """UPDATE credit_purchases SET credits_refunded = credits_refunded + %s,
               refund_shortfall = refund_shortfall + %s, updated_at = now() WHERE id = %s""",
        (credits, shortfall, purchase_id),
    )
