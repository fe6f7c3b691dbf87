"""Closing an account: the Stripe customer first (deleting it cancels its subscriptions, so a
deleted account is never billed again), then the user row, whose foreign keys cascade to
everything the user owns. A Stripe failure raises before anything is deleted, so the caller
can retry.
"""

from __future__ import annotations

import logging
from uuid import UUID

import psycopg

from nodepilot.config import Settings
from service.billing import store
from service.billing.stripe_client import delete_customer, stripe_client

log = logging.getLogger(__name__)


def delete_account(conn: psycopg.Connection, user_id: UUID, settings: Settings) -> None:
    """Delete the user and everything they own (works on an owner or the user's own RLS
    connection). Raises StripeUnavailable when Stripe could not be told."""
    customer = store.customer_of(conn, user_id)
    if customer:
        if settings.stripe_secret_key is None:
            log.warning(
                "user %s has Stripe customer %s but billing is not configured: "
                "its subscriptions were not cancelled",
                user_id,
                customer,
            )
        else:
            delete_customer(stripe_client(settings), customer)
    conn.execute("DELETE FROM users WHERE id = %s", (user_id,))
