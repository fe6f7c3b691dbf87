"""Worker start-up: bring the database to the current migration and sync the prompt versions.

A database that is down at start-up is not fatal: the worker starts, ``/api/health`` answers
503, and requests succeed once PostgreSQL is back (the pool keeps reconnecting).
"""

from __future__ import annotations

import logging

from service.runtime import Runtime

log = logging.getLogger("nodepilot.service")


def prepare_database(runtime: Runtime) -> None:
    """Migrate, then bring the prompt versions up to the files with the rule every command uses
    (``indexing.prompt_sync.sync_prompts``): a deploy with changed prompt files puts them in
    force at once, and an administrator's activated version is never undone."""
    from indexing.prompt_sync import sync_prompts
    from nodepilot.db import migrate

    try:
        with runtime.connection(timeout=10) as conn:
            conn.autocommit = True
            migrate(conn)
            sync_prompts(conn)
            conn.autocommit = False
    except Exception as exc:  # noqa: BLE001 - start anyway, health reports it
        log.warning(
            "database not ready at start-up: %s", str(exc).splitlines()[0] if str(exc) else exc
        )
