"""API keys for machine clients: shown once, stored as a SHA-256 hash, revocable."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from uuid import UUID

import psycopg

PREFIX = "np_"
#: last_used_at is written at most this often per key (a write per request would be waste).
TOUCH_INTERVAL = "60 seconds"


def is_api_key(token: str) -> bool:
    return token.startswith(PREFIX)


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def new_key() -> str:
    return PREFIX + secrets.token_urlsafe(32)


@dataclass(frozen=True)
class KeyOwner:
    user_id: UUID
    email: str
    role: str


def owner_of(conn: psycopg.Connection, key: str) -> KeyOwner | None:
    """The user an active key belongs to (and record the use), or None. Owner connection:
    before this lookup no user is known, so row-level security has no user to apply."""
    with conn.transaction():
        row = conn.execute(
            """UPDATE api_keys k SET last_used_at = now()
               FROM users u
               WHERE k.key_hash = %s AND k.revoked_at IS NULL AND u.id = k.user_id
                 AND (k.last_used_at IS NULL OR k.last_used_at < now() - %s::interval)
               RETURNING u.id, u.email, u.role""",
            (hash_key(key), TOUCH_INTERVAL),
        ).fetchone()
        if row is None:
            row = conn.execute(
                """SELECT u.id, u.email, u.role FROM api_keys k JOIN users u ON u.id = k.user_id
                   WHERE k.key_hash = %s AND k.revoked_at IS NULL""",
                (hash_key(key),),
            ).fetchone()
    return KeyOwner(row[0], row[1], row[2]) if row else None
