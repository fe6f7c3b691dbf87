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
from contextlib import AbstractContextManager, nullcontext
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


#: Evaluated in a cache write's own statement when the write is a transaction of its own: its
#: COMMIT does not wait for the WAL flush. The cache holds derived data (a crash may lose a row
#: or a hit count, at the cost of a regeneration), and a write that waited for the disk would
#: make a chat wait for it twice (the service stores the turn and its charge durably). Made in
#: the statement itself, so that on a connection in autocommit mode (the service's leased one) a
#: cache write is one round trip, not four (BEGIN, SET LOCAL, the statement, COMMIT).
_NOT_DURABLE = "(SELECT set_config('synchronous_commit', 'off', true)) AS not_durable"
#: The same made in a caller's open transaction: nothing (its durability is the caller's).
_AS_IS = "(SELECT true) AS not_durable"


def _write(conn: psycopg.Connection) -> tuple[AbstractContextManager[Any], str]:
    """The transaction a cache write runs in (its own statement's on an autocommit connection,
    else one opened here, or a savepoint in the caller's) and the setting its statement makes."""
    if conn.autocommit:
        return nullcontext(), _NOT_DURABLE
    idle = conn.info.transaction_status == psycopg.pq.TransactionStatus.IDLE
    return conn.transaction(), _NOT_DURABLE if idle else _AS_IS


def lookup(conn: psycopg.Connection, key: str) -> dict[str, Any] | None:
    """The cached result for ``key`` (and count the hit), or None."""
    transaction, setting = _write(conn)
    with transaction:
        row = conn.execute(
            f"""UPDATE generation_cache SET hits = hits + 1, last_hit_at = now()
                FROM {setting}
                WHERE cache_key = %s AND not_durable IS NOT NULL RETURNING result""",
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
    transaction, setting = _write(conn)
    with transaction:
        conn.execute(
            f"""INSERT INTO generation_cache
                   (cache_key, provider, model, prompt_hash, request_norm, context_ids, result)
                SELECT %s, %s, %s, %s, %s, %s, %s FROM {setting}
                WHERE not_durable IS NOT NULL
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
