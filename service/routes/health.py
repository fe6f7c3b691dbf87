"""Liveness and readiness (``/api/health``) and Prometheus metrics (``/metrics``)."""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from anyio import to_thread
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel

from service import metrics
from service.deps import runtime

router = APIRouter(tags=["health"])
log = logging.getLogger("nodepilot.service")
_INDEX_TTL_S = 30.0
_index_cache: dict[str, Any] = {"at": 0.0, "counts": {}}


class Health(BaseModel):
    status: str
    database: dict[str, Any]
    index: dict[str, int]
    model: dict[str, Any]
    providers: list[str]
    error: dict[str, Any] | None = None


def _providers(settings: Any) -> list[str]:
    names = ["offline"]
    if settings.anthropic_api_key is not None:
        names.append("anthropic")
    if settings.openai_api_key is not None or settings.openai_base_url:
        names.append("openai")
    return names


def _database(rt: Any) -> tuple[dict[str, Any], dict[str, int]]:
    from nodepilot.db.migrate import load_migrations

    with rt.probe_connection() as conn:
        applied = {r[0] for r in conn.execute("SELECT version FROM schema_migrations").fetchall()}
        expected = {m.version for m in load_migrations()}
        now = time.monotonic()
        if now - _index_cache["at"] > _INDEX_TTL_S:
            rows = conn.execute(
                "SELECT kind, count(*) FROM knowledge_items GROUP BY kind"
            ).fetchall()
            _index_cache.update(at=now, counts={k: int(n) for k, n in rows})
    missing = sorted(expected - applied)
    return {"reachable": True, "migrated": not missing, "missing": missing}, _index_cache["counts"]


_FRESH_S = 1.0  # a probe within this long of the last check reuses it as is


def _check(rt: Any) -> Health:
    """Database reachable and migrated, index counts, model file, configured providers."""
    from indexing.embeddings import onnx_model_path

    model_path = onnx_model_path()
    model = {"file": model_path.name, "present": model_path.exists()}
    try:
        database, index = _database(rt)
    except Exception as exc:  # noqa: BLE001 - reported, not raised
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        database, index = {"reachable": False, "migrated": False, "detail": first}, {}
    ready = database["migrated"] and sum(index.values()) > 0 and model["present"]
    doc = Health(
        status="ok" if ready else "not_ready",
        database=database,
        index=index,
        model=model,
        providers=_providers(rt.settings),
    )
    if not ready:
        doc.error = {
            "code": "not_ready" if database["reachable"] else "database_unavailable",
            "message": "the service is not ready: " + _why(database, index, model),
            "hint": "run `nodepilot index` / check the database",
            "request_id": None,
        }
    return doc


_STALE_S = 10.0  # up to this old, the last check is served while a new one runs


async def _current(rt: Any) -> Health:
    """The last check; a new one (one at a time, off the event loop) when it is over 1 s old.

    A probe waits for that new check only when the last is older than 10 s (or there is none):
    otherwise it gets the last one at once, so a check slowed by a busy worker (its thread and
    its database connection wait in line with the generations) never slows the probes.
    """
    last = rt.health
    if "at" not in last:  # first probe of this process
        last.update(at=-1e9, doc=None, task=None)
    age = time.monotonic() - last["at"]
    if age > _FRESH_S and (last["task"] is None or last["task"].done()):
        last["task"] = asyncio.ensure_future(_refresh(rt, last))
    if age > _STALE_S or last["doc"] is None:
        await asyncio.shield(last["task"])
    return last["doc"]


_KEEP_FRESH_S = 2.0


async def keep_fresh(rt: Any, started: asyncio.Event) -> None:
    """Check at start-up, then every 2 s, for as long as the worker runs (cancelled at
    shutdown), so a probe never waits for a check: a worker's first check, left to a probe,
    waited behind a burst of requests for a thread and a connection (one probe took 2.4 s
    during 200 concurrent chats), and so did any probe after 10 s without one."""
    last = rt.health
    last.update(at=-1e9, doc=None, task=None)
    while True:
        try:
            await _refresh(rt, last)
        except Exception:  # noqa: BLE001 - a probe runs the check itself (and reports it)
            log.warning("health check failed", exc_info=True)
        started.set()
        await asyncio.sleep(_KEEP_FRESH_S)


def outage_seen(rt: Any) -> None:
    """A request just found the database unreachable: the next probe checks again (and waits
    for it) instead of serving the last, healthy-looking answer."""
    if rt is not None and "at" in rt.health:
        rt.health["at"] = -1e9


async def _refresh(rt: Any, last: dict[str, Any]) -> None:
    doc = await to_thread.run_sync(_check, rt)
    body = doc.model_dump_json().encode() if doc.status == "ok" else None
    last.update(doc=doc, body=body, at=time.monotonic())


@router.get("/api/health", response_model=Health, responses={503: {"model": Health}})
async def health(request: Request) -> Any:
    rt = runtime(request)
    doc = await _current(rt)
    if doc.status == "ok":  # serialised once per check, not per probe
        return Response(rt.health["body"], media_type="application/json")
    body = doc.model_dump()
    body["error"]["request_id"] = getattr(request.state, "request_id", None)
    return JSONResponse(body, status_code=503, headers={"Retry-After": "5"})


def _why(database: dict[str, Any], index: dict[str, int], model: dict[str, Any]) -> str:
    if not database["reachable"]:
        return "database unreachable"
    if not database["migrated"]:
        return f"migrations pending {database['missing']}"
    if not index:
        return "knowledge index empty"
    return "embedding model missing" if not model["present"] else "unknown"


@router.get("/metrics", include_in_schema=False)
def prometheus_metrics() -> Response:
    body, content_type = metrics.render()
    return Response(body, media_type=content_type)
