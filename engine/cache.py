"""The generation cache in PostgreSQL, keyed by everything that determines a result.

Key = sha256(prompt set hash, provider, model, normalised request, context ids, previous
workflow, engine code fingerprint). Only successful workflow generations are stored, so a
failure is always retried.

Why the code fingerprint: the offline provider's "model" is the engine itself, and every
provider's output passes through our validation and repair; without it, an upgraded NodePilot
kept serving what the old code generated (the README's own request still got the Stripe
balance node after the generator learned to call the refunds API).
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Sequence
from typing import Any

import psycopg
from psycopg.types.json import Jsonb

from nodepilot.paths import PROJECT_ROOT, code_fingerprint

_SPACE = re.compile(r"\s+")
#: What decides a generation besides the key's other parts: the engine (spec, generators,
#: validation, repair), the catalog code and data it reads, and the workflow model.
ENGINE_CODE = ("engine", "indexing/catalog", "nodepilot/workflow.py", "seeds/catalog")


@functools.cache
def engine_fingerprint() -> str:
    """The fingerprint of ``ENGINE_CODE`` in this checkout, computed once per process."""
    return code_fingerprint(PROJECT_ROOT / part for part in ENGINE_CODE)[:16]


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
        [
            prompt_hash,
            provider,
            model,
            normalise_request(request),
            list(context_ids),
            previous,
            engine_fingerprint(),
        ],
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
