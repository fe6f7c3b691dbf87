"""Clerk's user lifecycle webhooks: created/updated keep our user row in step (email, name);
deleted removes the user and everything they own. Each Svix message id is applied once.

A user created here gets the trial exactly as on first sign-in (``ensure_user``), so it does not
matter which of the two Clerk reaches us first.
"""

from __future__ import annotations

import logging
from uuid import UUID

import psycopg

from nodepilot.config import Settings
from service.auth import Identity
from service.auth.users import ensure_user
from service.billing import store
from service.billing.accounts import delete_account
from service.billing.events import Outcome
from service.billing.verify import VerifiedEvent

log = logging.getLogger(__name__)


def primary_email(data: dict) -> str | None:
    """The user's primary address (else the first one) from Clerk's ``email_addresses``,
    lower-cased as sign-in stores it."""
    addresses = [a for a in data.get("email_addresses") or [] if isinstance(a, dict)]
    primary = data.get("primary_email_address_id")
    for address in addresses:
        if address.get("id") == primary and address.get("email_address"):
            return str(address["email_address"]).lower()
    for address in addresses:
        if address.get("email_address"):
            return str(address["email_address"]).lower()
    return None


def display_name(data: dict) -> str | None:
    parts = [data.get("first_name"), data.get("last_name")]
    name = " ".join(str(p).strip() for p in parts if p and str(p).strip())
    return name or (str(data["username"]) if data.get("username") else None)


def _user_id(conn: psycopg.Connection, clerk_id: str) -> UUID | None:
    row = conn.execute("SELECT id FROM users WHERE clerk_user_id = %s", (clerk_id,)).fetchone()
    return row[0] if row else None


def upsert_user(conn: psycopg.Connection, data: dict, settings: Settings) -> Outcome:
    """Create the user (with their trial) if new, then store Clerk's email and name. An email
    another account already holds is left as it was (logged), never taken over."""
    clerk_id, email = data.get("id"), primary_email(data)
    if not isinstance(clerk_id, str) or not clerk_id:
        return Outcome("no user id")
    if store.was_deleted(conn, clerk_id):  # a late created/updated must not revive the user
        return Outcome("user was deleted")
    user_id, _, _ = ensure_user(conn, Identity(clerk_id, email), settings)
    name = display_name(data)
    conn.execute("UPDATE users SET name = %s, updated_at = now() WHERE id = %s", (name, user_id))
    if email:
        with conn.transaction():
            taken = conn.execute(
                "SELECT 1 FROM users WHERE lower(email) = lower(%s) AND id <> %s", (email, user_id)
            ).fetchone()
            if taken:
                log.warning("clerk user %s: email already belongs to another account", clerk_id)
                return Outcome("email held by another account", user_id)
            conn.execute(
                "UPDATE users SET email = %s, updated_at = now() WHERE id = %s", (email, user_id)
            )
    return Outcome("upserted", user_id)


def delete_user(conn: psycopg.Connection, data: dict, settings: Settings) -> Outcome:
    """Remove the user and everything they own, as ``DELETE /api/users/me`` does (their
    Stripe customer and subscriptions first)."""
    clerk_id = data.get("id")
    if not isinstance(clerk_id, str) or not clerk_id:
        return Outcome("no user id")
    user_id = _user_id(conn, clerk_id)
    if user_id is None:
        return Outcome("no such user")
    delete_account(conn, user_id, settings)
    return Outcome("deleted")


def process_clerk_event(
    conn: psycopg.Connection, event: VerifiedEvent, settings: Settings
) -> Outcome:
    """Apply a verified Clerk event once (a replayed Svix message is 'duplicate')."""
    data = event.data["data"]
    with conn.transaction():
        if not store.claim_event(conn, "clerk", event.id, event.type, None):
            return Outcome("duplicate")
        if event.type in ("user.created", "user.updated"):
            outcome = upsert_user(conn, data, settings)
        elif event.type == "user.deleted":
            outcome = delete_user(conn, data, settings)
        else:
            log.info("clerk event %s of type %s ignored", event.id, event.type)
            outcome = Outcome("ignored")
        subject = data.get("id") if isinstance(data.get("id"), str) else None
        store.finish_event(conn, "clerk", event.id, outcome.result, outcome.user_id, subject)
    log.info("clerk event %s (%s): %s", event.id, event.type, outcome.result)
    return outcome
