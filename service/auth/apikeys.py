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


#: WITH-clause entries finding an active key's owner (``%(key_hash)s``) and recording the use
#: at most every TOUCH_INTERVAL; see ``service.ratelimit.lookup_and_hit``.
LOOKUP = f"""found AS (SELECT id, user_id, last_used_at FROM api_keys
                  WHERE key_hash = %(key_hash)s AND revoked_at IS NULL),
touched AS (UPDATE api_keys k SET last_used_at = now() FROM found
            WHERE k.id = found.id AND (found.last_used_at IS NULL
                  OR found.last_used_at < now() - '{TOUCH_INTERVAL}'::interval)
            RETURNING k.id),
who AS (SELECT u.id, u.email, u.role FROM found JOIN users u ON u.id = found.user_id)"""


def owner_of(conn: psycopg.Connection, key: str) -> KeyOwner | None:
    """The user an active key belongs to (and record the use), or None. Owner connection:
    before this lookup no user is known, so row-level security has no user to apply."""
    row = conn.execute(
        f"WITH {LOOKUP} SELECT id, email, role FROM who", {"key_hash": hash_key(key)}
    ).fetchone()
    return KeyOwner(row[0], row[1], row[2]) if row else None
