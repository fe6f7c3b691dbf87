"""Starting a purchase: the user's Stripe customer (created once), then a Checkout or portal
session. Database work happens in short transactions; no transaction stays open while Stripe
is being called.
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from psycopg_pool import ConnectionPool

from nodepilot.config import Settings
from nodepilot.db import app_connection
from service.billing import store
from service.billing.plans import Catalog
from service.billing.stripe_client import (
    BillingNotConfigured,
    BillingUser,
    create_checkout_session,
    create_customer,
    create_portal_session,
    stripe_client,
)


class UnknownItem(Exception):
    """The plan or pack key is not in the plans config."""


class AlreadySubscribed(Exception):
    """The user already has a live plan: changes go through the portal, not a second plan."""

    def __init__(self, tier: str) -> None:
        super().__init__(tier)
        self.tier = tier


@dataclass(frozen=True)
class Item:
    """What a checkout sells."""

    key: str
    price_id: str
    mode: str  # "subscription" or "payment"


def resolve_item(catalog: Catalog, plan: str | None, pack: str | None) -> Item:
    """The plan or pack a checkout request names (exactly one of them)."""
    if plan is not None:
        found = catalog.plans.get(plan)
        keys, mode = list(catalog.plans), "subscription"
    else:
        found = catalog.packs.get(pack or "")
        keys, mode = list(catalog.packs), "payment"
    if found is None:
        kind = "plan" if plan is not None else "pack"
        raise UnknownItem(f"no {kind} {plan or pack!r}; choose one of {', '.join(keys)}")
    if found.price_id is None:
        env = f"NODEPILOT_STRIPE_PRICE_{found.key.upper()}"
        raise BillingNotConfigured(f"{found.name} has no Stripe price id (set {env})")
    return Item(found.key, found.price_id, mode)


def _billing_user(pool: ConnectionPool, user_id: UUID) -> tuple[BillingUser, str | None]:
    """The user's checkout fields and their live plan (if any), read under their own RLS."""
    with pool.connection() as conn, app_connection(str(user_id), conn) as tx:
        email, name, customer = tx.execute(
            "SELECT email, name, stripe_customer_id FROM users WHERE id = %s", (user_id,)
        ).fetchone()
        live = tx.execute(
            "SELECT tier FROM subscriptions WHERE user_id = %s AND status = ANY(%s) LIMIT 1",
            (user_id, list(store.LIVE_STATUSES)),
        ).fetchone()
    return BillingUser(str(user_id), email, name, customer), (live[0] if live else None)


def ensure_customer(settings: Settings, pool: ConnectionPool, user: BillingUser) -> str:
    """The user's Stripe customer id, created at Stripe and stored on first use."""
    if user.stripe_customer_id:
        return user.stripe_customer_id
    with pool.connection() as conn:  # owner: webhook records are not the user's to read
        replaces = store.last_deleted_customer(conn, UUID(user.id))
    customer_id = create_customer(stripe_client(settings), user, replaces)
    with pool.connection() as conn, app_connection(user.id, conn) as tx:
        return store.remember_customer(tx, UUID(user.id), customer_id)


def start_checkout(
    settings: Settings,
    pool: ConnectionPool,
    catalog: Catalog,
    user_id: UUID,
    item: Item,
    base_url: str,
) -> str:
    """A Checkout session URL for ``item``; refuses a second live subscription."""
    client = stripe_client(settings)
    user, live_tier = _billing_user(pool, user_id)
    if item.mode == "subscription" and live_tier is not None:
        raise AlreadySubscribed(live_tier)
    customer_id = ensure_customer(settings, pool, user)
    return create_checkout_session(
        client,
        customer_id=customer_id,
        user_id=user.id,
        price_id=item.price_id,
        mode=item.mode,
        item_key=item.key,
        base_url=base_url,
    )


def start_portal(settings: Settings, pool: ConnectionPool, user_id: UUID, base_url: str) -> str:
    """A billing-portal session URL for the user's Stripe customer."""
    client = stripe_client(settings)
    user, _ = _billing_user(pool, user_id)
    customer_id = ensure_customer(settings, pool, user)
    return create_portal_session(client, customer_id, f"{base_url}/")
