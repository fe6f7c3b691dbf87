"""Worker start-up: bring the database to the current migration, sync the prompt versions and
warm the engine up before the worker takes requests.

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


#: What the start-up run generates (offline, nothing stored): a request touching the usual
#: stages, so the catalog, the models and the lexicon are loaded before the first client.
WARM_UP_REQUEST = (
    "When a new row is added to a Google Sheet, send its details to a Slack channel "
    "and email a summary to the team"
)


def warm_up(runtime: Runtime) -> None:
    """Run one offline generation, compute the node facts of the types public workflows use
    (``engine.node_facts``), then settle the heap (``Runtime.settle_heap``, which then never
    walks those facts again).

    A worker loads the engine on its first generation. Left to the first requests, a burst on
    a fresh worker (uvicorn gives a new connection to whichever worker accepts first) had a
    hundred threads loading at once under full garbage collections of 200-430 ms every half
    second: 200 chats on a 2 s provider finished in 11.3 s on the cold worker, 5.1 s on the
    warm one. uvicorn starts accepting only after this returns. A failure (database down) is
    logged, not raised: the first generation then loads the engine and settles the heap.
    """
    from engine.context import count_tokens
    from engine.node_facts import warm_node_facts
    from engine.pipeline import Pipeline

    runtime.start_threads(_build_providers(runtime))
    lease = runtime.lease()
    try:
        # not closed after: closing would close the pooled connection the lease stands for
        engine = Pipeline(provider="offline", use_cache=False, conn_factory=lambda: lease)
        engine.run(WARM_UP_REQUEST)
        lease.give_back()
        # the offline path never counts tokens: load the encoding an LLM prompt needs (~0.16 s)
        count_tokens(WARM_UP_REQUEST)
        warm_node_facts()
    except Exception as exc:  # noqa: BLE001 - start anyway; health reports a broken database
        lease.give_back(exc)
        log.warning("engine warm-up failed: %s", str(exc).splitlines()[0] if str(exc) else exc)
        return
    runtime.settle_heap()


def _build_providers(runtime: Runtime) -> list[str]:
    """Build the SDK client of each configured remote provider (no call is made); the names
    of all configured providers, offline included.

    The first chat for a provider imports its SDK and builds its client while every other
    chat of that burst waits on the provider registry's lock: 4.4 s of a 200-chat burst on
    the worker that had not served the provider yet (load ~9).
    """
    from engine.providers import get_provider

    settings = runtime.settings
    names = {settings.provider or "offline"}
    if settings.anthropic_api_key is not None:
        names.add("anthropic")
    if settings.openai_api_key is not None or settings.openai_base_url:
        names.add("openai")
    for name in sorted(names - {"offline"}):
        try:
            get_provider(name, settings=settings)
        except Exception as exc:  # noqa: BLE001 - the first request reports it properly
            log.warning("provider %s not built at start-up: %s", name, exc)
    return sorted(names | {"offline"})
