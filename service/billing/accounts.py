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
from service.auth import Identity
from service.auth.users import trial_subjects
from service.billing import store
from service.billing.stripe_client import delete_customer, stripe_client

log = logging.getLogger(__name__)


def record_trial_subjects(owner: psycopg.Connection, user_id: UUID) -> int:
    """Before an account goes: when it had a trial, record the trial digests of its *current*
    email and external id (``trial_grants``, owner only); how many were new.

    Why: a sign-up records the digests it had then, so an email learned later (a first
    sign-in without an email claim, a Clerk email change) was never recorded, and a new
    identity-provider account with that email got a fresh trial after the deletion."""
    row = owner.execute(
        """SELECT clerk_user_id, email, EXISTS (SELECT 1 FROM credit_history h
                  WHERE h.user_id = u.id AND h.transaction_type = 'trial')
           FROM users u WHERE id = %s""",
        (user_id,),
    ).fetchone()
    if row is None or not row[2]:
        return 0
    email = None if row[1].endswith("@users.invalid") else row[1]  # a placeholder, not an email
    new = owner.execute(
        """INSERT INTO trial_grants (subject_hash) SELECT unnest(%s::text[])
           ON CONFLICT DO NOTHING RETURNING subject_hash""",
        (trial_subjects(Identity(row[0], email)),),
    ).fetchall()
    return len(new)


def delete_account(
    conn: psycopg.Connection,
    user_id: UUID,
    settings: Settings,
    owner: psycopg.Connection | None = None,
) -> None:
    """Delete the user and everything they own (works on an owner or the user's own RLS
    connection; with the latter, ``owner`` records the trial digests, which the application
    role may not write). Raises StripeUnavailable when Stripe could not be told."""
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
    record_trial_subjects(owner or conn, user_id)
    conn.execute("DELETE FROM users WHERE id = %s", (user_id,))
