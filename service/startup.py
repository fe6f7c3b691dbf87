"""Worker start-up: bring the database to the current migration and seed the prompt versions.

A database that is down at start-up is not fatal: the worker starts, ``/api/health`` answers
503, and requests succeed once PostgreSQL is back (the pool keeps reconnecting).
"""

from __future__ import annotations

import logging

from service.runtime import Runtime

log = logging.getLogger("nodepilot.service")


def prepare_database(runtime: Runtime) -> None:
    from nodepilot.db import migrate

    try:
        with runtime.connection(timeout=10) as conn:
            conn.autocommit = True
            migrate(conn)
            seed_prompts(conn)
            conn.autocommit = False
    except Exception as exc:  # noqa: BLE001 - start anyway, health reports it
        log.warning(
            "database not ready at start-up: %s", str(exc).splitlines()[0] if str(exc) else exc
        )


def seed_prompts(conn) -> int:  # noqa: ANN001 - a psycopg connection
    """Insert each prompt file as version 1 when its name has no stored version at all.

    Names that have versions are left alone: an administrator's active version wins over the
    file, so a restart never undoes a rollout.
    """
    from engine.prompts import load_prompts

    added = 0
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(hashtext('nodepilot.ai_prompts'))")
        known = {r[0] for r in conn.execute("SELECT DISTINCT name FROM ai_prompts").fetchall()}
        for name, prompt in sorted(load_prompts().items()):
            if name in known:
                continue
            conn.execute(
                """INSERT INTO ai_prompts (name, version, content, content_hash, description,
                                           is_active, activated_at)
                   VALUES (%s, %s, %s, %s, %s, true, now())""",
                (name, prompt.version, prompt.content, prompt.content_hash, prompt.description),
            )
            added += 1
    return added
