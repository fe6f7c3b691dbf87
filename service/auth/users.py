"""A verified identity becomes a user row on first sight, with the trial credits granted in the
same transaction (so no user ever exists without their trial, and none gets it twice - not even
by deleting the account and signing in again: ``trial_grants`` remembers, as digests, every
external id and email that had one)."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from uuid import UUID

import psycopg

from nodepilot.config import Settings
from service import ledger
from service.auth import Identity

ADMIN, USER = "admin", "user"
#: WITH-clause entry finding an identity's user (``%(external_id)s``); see
#: ``service.ratelimit.lookup_and_hit``, which counts the request in the same statement.
LOOKUP = "who AS (SELECT id, email, role FROM users WHERE clerk_user_id = %(external_id)s)"


def promote_if_admin(
    conn: psycopg.Connection, user: tuple[UUID, str, str], settings: Settings
) -> tuple[UUID, str, str]:
    """The user, made an admin first when their email is now listed as one."""
    user_id, email, role = user
    if role != ADMIN and email.lower() in {e.lower() for e in settings.admin_emails}:
        conn.execute("UPDATE users SET role = 'admin' WHERE id = %s", (user_id,))
        return user_id, email, ADMIN
    return user


def ensure_user(
    conn: psycopg.Connection, identity: Identity, settings: Settings
) -> tuple[UUID, str, str]:
    """(id, email, role) of the identity's user, creating it (and its trial) when new."""
    admins = {e.lower() for e in settings.admin_emails}
    with conn.transaction():
        row = conn.execute(
            "SELECT id, email, role FROM users WHERE clerk_user_id = %s", (identity.external_id,)
        ).fetchone()
        if row is not None:
            return promote_if_admin(conn, tuple(row), settings)
        email = identity.email or f"{identity.external_id}@users.invalid"
        role = ADMIN if email.lower() in admins else USER
        row = conn.execute(
            """INSERT INTO users (clerk_user_id, email, role) VALUES (%s, %s, %s)
               ON CONFLICT DO NOTHING RETURNING id""",
            (identity.external_id, email, role),
        ).fetchone()
        if row is None:  # a concurrent first request created it, or the email is taken
            return _existing_or_renamed(conn, identity, role)
        if first_trial(conn, identity):
            grant_trial(conn, row[0], settings)
        return row[0], email, role


def trial_subjects(identity: Identity) -> list[str]:
    """The digests ``trial_grants`` keeps for an identity: its external id and, when it has
    one, its email (a new sign-up with the same email is the same person for the trial)."""
    subjects = [f"nodepilot-trial:external:{identity.external_id}"]
    if identity.email and identity.email.strip():
        subjects.append(f"nodepilot-trial:email:{identity.email.strip().lower()}")
    return [hashlib.sha256(s.encode()).hexdigest() for s in subjects]


def first_trial(conn: psycopg.Connection, identity: Identity) -> bool:
    """Record the identity's trial subjects; True when none of them had a trial before.

    Each subject is inserted once (its primary key): of two first sign-ins racing with the
    same email, the second waits for the first's commit and finds the subject taken."""
    subjects = trial_subjects(identity)
    new = conn.execute(
        """INSERT INTO trial_grants (subject_hash) SELECT unnest(%s::text[])
           ON CONFLICT DO NOTHING RETURNING subject_hash""",
        (subjects,),
    ).fetchall()
    return len(new) == len(subjects)


def _existing_or_renamed(
    conn: psycopg.Connection, identity: Identity, role: str
) -> tuple[UUID, str, str]:
    row = conn.execute(
        "SELECT id, email, role FROM users WHERE clerk_user_id = %s", (identity.external_id,)
    ).fetchone()
    if row is not None:
        return row[0], row[1], row[2]
    # the email belongs to another identity: keep this account apart under a placeholder
    email = f"{identity.external_id}@users.invalid"
    row = conn.execute(
        "INSERT INTO users (clerk_user_id, email, role) VALUES (%s, %s, %s) RETURNING id",
        (identity.external_id, email, role),
    ).fetchone()
    return row[0], email, role


def grant_trial(conn: psycopg.Connection, user_id: UUID, settings: Settings) -> None:
    ledger.grant(
        conn,
        user_id,
        settings.trial_credits,
        "trial",
        f"Trial: {settings.trial_credits} credits for {settings.trial_days} days",
        cause="trial",
        expires_in=timedelta(days=settings.trial_days),
    )
