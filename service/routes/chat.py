"""``POST /api/chat/message`` (JSON or server-sent events), ``POST /api/workflow/fast-generate``."""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any
from uuid import UUID

from anyio import to_thread
from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field

from engine.pipeline import MAX_REQUEST_CHARS
from engine.providers import PROVIDER_NAMES, chain_entries
from service import chat
from service.deps import runtime, sign_in, signs_in_itself
from service.errors import ApiError, ErrorBody
from service.runtime import run_in
from service.schemas import Text

router = APIRouter(prefix="/api", tags=["chat"])
errors_log = logging.getLogger("nodepilot.errors")
ProviderName = Field(default=None, max_length=100, pattern=r"^[a-z][a-z0-9,-]*$")


class ChatRequest(BaseModel):
    conversation_id: UUID | None = None
    message: Text = Field(min_length=1, max_length=MAX_REQUEST_CHARS)
    provider: str | None = ProviderName
    model: Text | None = Field(default=None, max_length=200)


class ChatResponse(BaseModel):
    conversation_id: UUID
    message_id: UUID
    intent: str
    status: str
    answer: str | None
    workflow: dict[str, Any] | None
    workflow_id: UUID | None
    findings: list[dict[str, Any]]
    fixes: list[dict[str, Any]]
    credits_left: int
    timings_ms: dict[str, float]


class FastGenerateRequest(BaseModel):
    request: Text = Field(min_length=1, max_length=MAX_REQUEST_CHARS)
    provider: str | None = ProviderName
    model: Text | None = Field(default=None, max_length=200)


class FastGenerateResponse(BaseModel):
    workflow_id: UUID
    status: str
    workflow: dict[str, Any] | None
    findings: list[dict[str, Any]]
    fixes: list[dict[str, Any]]
    credits_left: int
    timings_ms: dict[str, float]


def _chat_body(out: dict[str, Any]) -> ChatResponse:
    result = out["result"]
    return ChatResponse(
        conversation_id=out["conversation_id"],
        message_id=out["message_id"],
        intent=result.intent.intent,
        status=result.status,
        answer=result.answer,
        workflow=result.workflow,
        workflow_id=out["workflow_id"],
        findings=result.findings,
        fixes=result.fixes,
        credits_left=out["credits_left"],
        timings_ms=result.timings_ms,
    )


def _chat_json(rt: Any, prepared: chat.Prepared, on_stage: chat.StageCallback | None = None) -> str:
    """The turn run, stored and charged, as its response JSON. In the generation thread: the
    event loop only passes bytes on (serialising a workflow there would delay every other
    request on this worker, /api/health included)."""
    return _chat_body(chat.execute(rt, prepared, on_stage)).model_dump_json()


def _admit(
    request: Request, body: ChatRequest | FastGenerateRequest, early: bool = False
) -> chat.Prepared:
    """Sign the caller in, count the request and hold their credit (401 / 429 / 404 / 402
    otherwise): one database round trip, the hold queued behind the sign-in (``deps.sign_in``)
    rather than a round trip of its own after the ``User`` dependency's thread hand-off.
    ``early``: a first chat turn classifies its request during that round trip
    (``chat.EarlyIntent``; not for a stream, which reports each stage as it runs)."""
    one_shot = isinstance(body, FastGenerateRequest)
    conversation_id = None if one_shot else body.conversation_id
    message = body.request if one_shot else body.message
    meanwhile = None
    if early and not one_shot and conversation_id is None:
        meanwhile = chat.EarlyIntent(runtime(request), message)
    user, queued = sign_in(
        request, lambda tx: chat.send_hold(tx, conversation_id), chat.HOLD_LOCK, meanwhile
    )
    turn = chat.Turn(user.id, message, conversation_id, body.provider, body.model, one_shot)
    prepared = chat.prepare(runtime(request), turn, queued)
    prepared.early_intent = meanwhile
    return prepared


def _turn_json(request: Request, body: ChatRequest | FastGenerateRequest) -> str:
    """Admit the request (``_admit``), run, store and charge the turn: its response JSON.

    The sign-in and the hold run in the generation thread too, not in threads of their own
    first: each hand-off between the event loop and a thread is a wake-up, which on a busy
    machine waits for a core. Streams admit theirs before the stream starts instead
    (``chat_message``), so that a 401/402/429 is a plain JSON response."""
    prepared = _admit(request, body, early=True)
    rt = runtime(request)
    if prepared.turn.one_shot:
        return _fast_json(rt, prepared)
    return _chat_json(rt, prepared)


def _fast_json(rt: Any, prepared: chat.Prepared) -> str:
    out = chat.execute(rt, prepared)
    result = out["result"]
    return FastGenerateResponse(
        workflow_id=out["workflow_id"],
        status=result.status,
        workflow=result.workflow,
        findings=result.findings,
        fixes=result.fixes,
        credits_left=out["credits_left"],
        timings_ms=result.timings_ms,
    ).model_dump_json()


def _provider_key(request: Request, provider: str | None) -> str:
    """The thread pool a generation runs in: one per provider (or fallback chain) the engine
    knows, so each provider's concurrency is bounded on its own. Any other name runs in the
    default provider's pool, where the engine refuses it at once (422): a pool per string a
    caller sends would let one client start threads without end (they never exit)."""
    default = runtime(request).settings.provider
    entries = chain_entries(provider or "")
    if not entries or any(e not in PROVIDER_NAMES for e in entries):
        return default
    return ",".join(dict.fromkeys(entries))


_ERRORS: dict[int | str, dict[str, Any]] = {
    402: {"model": ErrorBody, "description": "no credits left (not charged)"},
    502: {"model": ErrorBody, "description": "the provider failed or gave no valid workflow"},
}


@router.post(
    "/chat/message",
    response_model=ChatResponse,
    responses={**_ERRORS, 200: {"content": {"text/event-stream": {}}}},
)
@signs_in_itself
async def chat_message(body: ChatRequest, request: Request) -> Any:
    """One chat turn. With ``Accept: text/event-stream``: ``stage`` events, then ``done``."""
    if "text/event-stream" in request.headers.get("accept", ""):
        rt = runtime(request)
        executor = rt.executor(_provider_key(request, body.provider))
        prepared = await to_thread.run_sync(_admit, request, body)
        return _stream(request, rt, executor, prepared)
    return await serve_json(request, body)


async def serve_json(request: Request, body: ChatRequest | FastGenerateRequest) -> Response:
    """A chat turn or a fast generation answered with JSON: signed in, run, stored and charged
    in a thread of the provider's pool (``_turn_json``). Also called by
    ``service.fastpath`` for requests it takes past FastAPI's routing."""
    executor = runtime(request).executor(_provider_key(request, body.provider))
    return SerialisedJSON(await run_in(executor, _turn_json, request, body))


def _stream(request: Request, rt: Any, executor: Any, prepared: chat.Prepared) -> Any:
    from sse_starlette import EventSourceResponse

    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[tuple[str, str]] = asyncio.Queue()

    def on_stage(name: str, ms: float) -> None:
        event = ("stage", json.dumps({"stage": name, "ms": ms}))
        loop.call_soon_threadsafe(queue.put_nowait, event)

    job = run_in(executor, _chat_json, rt, prepared, on_stage)

    async def events() -> Any:
        waiter = asyncio.ensure_future(job)
        while True:
            getter = asyncio.ensure_future(queue.get())
            done, _ = await asyncio.wait({getter, waiter}, return_when=asyncio.FIRST_COMPLETED)
            if getter in done:
                kind, data = getter.result()
                yield {"event": kind, "data": data}
                continue
            getter.cancel()
            while not queue.empty():
                kind, data = queue.get_nowait()
                yield {"event": kind, "data": data}
            yield _final_event(waiter, request)
            return

    return EventSourceResponse(events(), ping=15)


def _final_event(waiter: asyncio.Future, request: Request) -> dict[str, str]:
    error = waiter.exception()
    if error is None:
        return {"event": "done", "data": waiter.result()}
    request_id = getattr(request.state, "request_id", None)
    if not isinstance(error, ApiError):
        error = _unexpected(error, request_id)
    if error.code == "database_unavailable":
        from service.routes.health import outage_seen

        outage_seen(runtime(request))
    return {"event": "error", "data": json.dumps(error.body(request_id), default=str)}


def _unexpected(error: BaseException, request_id: str | None) -> ApiError:
    """The client's error for a crash after the stream started: 503 for a database outage,
    else 500 — with the traceback in the server log (as the middleware logs one before it),
    never in the event."""
    from service.errors import database_unavailable, internal_error, is_database_outage

    if is_database_outage(error):
        errors_log.warning(
            "database unavailable during a stream (request %s): %s",
            request_id,
            str(error).splitlines()[0] if str(error) else error,
        )
        return database_unavailable()
    errors_log.error(
        "unhandled error in a chat stream (request %s)",
        request_id,
        exc_info=(type(error), error, error.__traceback__),
    )
    return internal_error()


@router.post("/workflow/fast-generate", response_model=FastGenerateResponse, responses=_ERRORS)
@signs_in_itself
async def fast_generate(body: FastGenerateRequest, request: Request) -> Any:
    """One request, one workflow: no conversation, still stored and charged."""
    return await serve_json(request, body)


class SerialisedJSON(Response):
    """A body serialised already (in the generation thread, by its pydantic model)."""

    media_type = "application/json"
