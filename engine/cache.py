"""The generation cache in PostgreSQL, keyed by everything that determines a result.

Key = sha256(prompt set hash, provider, model, normalised request, context ids, previous
workflow). Only successful workflow generations are stored, so a failure is always retried.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from typing import Any

import psycopg
from psycopg.types.json import Jsonb

_SPACE = re.compile(r"\s+")


def normalise_request(text: str) -> str:
    """Case- and whitespace-insensitive form of a request (what users re-type differently)."""
    return _SPACE.sub(" ", text).strip().lower()


def cache_key(
    *,
    prompt_hash: str,
    provider: str,
    model: str,
    request: str,
    context_ids: Sequence[str],
    previous: dict[str, Any] | None = None,
) -> str:
    payload = json.dumps(
        [prompt_hash, provider, model, normalise_request(request), list(context_ids), previous],
        sort_keys=True,
        default=str,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def lookup(conn: psycopg.Connection, key: str) -> dict[str, Any] | None:
    """The cached result for ``key`` (and count the hit), or None."""
    with conn.transaction():
        row = conn.execute(
            """UPDATE generation_cache SET hits = hits + 1, last_hit_at = now()
               WHERE cache_key = %s RETURNING result""",
            (key,),
        ).fetchone()
    return row[0] if row else None


def store(
    conn: psycopg.Connection,
    key: str,
    *,
    provider: str,
    model: str,
    prompt_hash: str,
    request: str,
    context_ids: Sequence[str],
    result: dict[str, Any],
) -> None:
    with conn.transaction():
        conn.execute(
            """INSERT INTO generation_cache
                   (cache_key, provider, model, prompt_hash, request_norm, context_ids, result)
               VALUES (%s, %s, %s, %s, %s, %s, %s)
               ON CONFLICT (cache_key) DO UPDATE SET result = EXCLUDED.result""",
            (
                key,
                provider,
                model,
                prompt_hash,
                normalise_request(request),
                list(context_ids),
                Jsonb(result),
            ),
        )
