"""The user's n8n connection and deployments in PostgreSQL (migration 0008).

The API key is stored only as a Fernet token under the operator's ``encryption_key``: someone
who reads the database (a backup, the owner role) without that key learns nothing of it. Every
function takes a connection already under row-level security for the caller (``user_conn``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

import psycopg
from cryptography.fernet import Fernet, InvalidToken

from nodepilot.config import Settings
from nodepilot.errors import UserError


class NotConfigured(UserError):
    """The operator has not set a usable encryption key; connections cannot be stored."""


@dataclass(frozen=True, slots=True)
class Connection:
    base_url: str
    api_key: str
    n8n_version: str | None
    created_at: datetime
    updated_at: datetime

    def public(self) -> dict[str, Any]:
        """What the API shows: never the key."""
        return {
            "url": self.base_url,
            "n8n_version": self.n8n_version,
            "created_at": self.created_at.isoformat(),
            "updated_at": self.updated_at.isoformat(),
        }


def cipher(settings: Settings) -> Fernet:
    """The Fernet cipher for stored API keys (NotConfigured without a valid key)."""
    if settings.encryption_key is None:
        raise NotConfigured(
            "storing n8n connections is not configured on this server",
            hint="the operator sets NODEPILOT_ENCRYPTION_KEY (a Fernet key)",
        )
    try:
        return Fernet(settings.encryption_key.get_secret_value().encode())
    except (ValueError, TypeError):
        raise NotConfigured(
            "the server's encryption key is not a valid Fernet key",
            hint="generate one with: python -c 'from cryptography.fernet import Fernet; "
            "print(Fernet.generate_key().decode())'",
        ) from None


def save_connection(
    conn: psycopg.Connection,
    user_id: UUID,
    base_url: str,
    api_key: str,
    n8n_version: str | None,
    settings: Settings,
) -> Connection:
    token = cipher(settings).encrypt(api_key.encode()).decode()
    row = conn.execute(
        """INSERT INTO n8n_connections (user_id, base_url, api_key_cipher, n8n_version)
           VALUES (%s, %s, %s, %s)
           ON CONFLICT (user_id) DO UPDATE SET base_url = EXCLUDED.base_url,
               api_key_cipher = EXCLUDED.api_key_cipher, n8n_version = EXCLUDED.n8n_version,
               updated_at = now()
           RETURNING created_at, updated_at""",
        (user_id, base_url, token, n8n_version),
    ).fetchone()
    return Connection(base_url, api_key, n8n_version, row[0], row[1])


def load_connection(conn: psycopg.Connection, settings: Settings) -> Connection | None:
    """The caller's connection with the key decrypted, or None when there is none."""
    row = conn.execute(
        """SELECT base_url, api_key_cipher, n8n_version, created_at, updated_at
           FROM n8n_connections"""
    ).fetchone()
    if row is None:
        return None
    try:
        key = cipher(settings).decrypt(row[1].encode()).decode()
    except InvalidToken:
        raise NotConfigured(
            "the stored n8n API key cannot be decrypted with the server's encryption key",
            hint="connect your n8n again (POST /api/n8n/connection)",
        ) from None
    return Connection(row[0], key, row[2], row[3], row[4])


def delete_connection(conn: psycopg.Connection) -> bool:
    return conn.execute("DELETE FROM n8n_connections").rowcount > 0


def note_version(conn: psycopg.Connection, base_url: str, n8n_version: str | None) -> None:
    """Keep the connection's n8n version current (it is read again on every deploy)."""
    if n8n_version:
        conn.execute(
            """UPDATE n8n_connections SET n8n_version = %s
               WHERE base_url = %s AND n8n_version IS DISTINCT FROM %s""",
            (n8n_version, base_url, n8n_version),
        )


def recall_deployment(conn: psycopg.Connection, base_url: str, generation_id: UUID) -> str | None:
    row = conn.execute(
        """SELECT n8n_workflow_id FROM n8n_deployments
           WHERE base_url = %s AND generation_id = %s""",
        (base_url, generation_id),
    ).fetchone()
    return row[0] if row else None


def remember_deployment(
    conn: psycopg.Connection,
    user_id: UUID,
    base_url: str,
    generation_id: UUID,
    n8n_workflow_id: str,
    active: bool,
) -> None:
    conn.execute(
        """INSERT INTO n8n_deployments (user_id, base_url, generation_id, n8n_workflow_id, active)
           VALUES (%s, %s, %s, %s, %s)
           ON CONFLICT (user_id, base_url, generation_id) DO UPDATE
           SET n8n_workflow_id = EXCLUDED.n8n_workflow_id, active = EXCLUDED.active,
               deployed_at = now()""",
        (user_id, base_url, generation_id, n8n_workflow_id, active),
    )
