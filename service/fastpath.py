"""A chat turn or a fast generation asked for with a plain JSON body is served here, without
FastAPI's routing and request parsing; anything else goes on to FastAPI.

The two generation routes take no dependencies (they sign the caller in themselves, in the
generation thread: ``service.deps.signs_in_itself``), so what FastAPI does for them on the event
loop is to match the path against every route, parse the JSON, validate it and call the
endpoint: about 0.2 ms of the event loop's CPU per request, which at concurrency 1 is on every
chat's path (#12: the service's overhead over the pipeline). Here the body is parsed and
validated by the same pydantic model as FastAPI's (a dict from ``json.loads``, validated in
Python mode as FastAPI does), and the same endpoint function answers (``serve_json``).

Whatever this does not take looks to FastAPI as if it had come straight in (the body it read
is handed on): a body that does not validate (FastAPI's 422, with the caller signed in
first), a stream (``Accept: text/event-stream``), another content type. It sits inside the
service's other middleware (request id, limits, CORS, logs, metrics: ``service.app``), and
its errors are the responses FastAPI's handlers give (``service.errors.error_response``).
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, ValidationError
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.errors import ApiError, error_response

#: the generation routes (``service.routes.chat``)
PATHS = ("/api/chat/message", "/api/workflow/fast-generate")


class GenerationFastPath:
    """ASGI middleware: serves ``PATHS``' plain JSON requests itself (module docstring)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._routes: dict[str, tuple[Any, type[BaseModel]]] | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or scope["path"] not in PATHS:
            await self.app(scope, receive, send)
            return
        request = Request(scope, receive)
        if not _plain_json(request):
            await self.app(scope, receive, send)
            return
        body = await request.body()
        route, model = self._route(scope)
        parsed = _parse(body, model)
        if parsed is None:  # FastAPI answers, from the same bytes
            await self.app(scope, _replay(body, receive), send)
            return
        scope["route"], scope["endpoint"] = route, route.endpoint
        await _answer(request, parsed, scope, receive, send)

    def _route(self, scope: Scope) -> tuple[Any, type[BaseModel]]:
        """The route of the path (its ``path`` is the metrics' route label) and its body's
        model, as the chat router declares them."""
        if self._routes is None:
            from service.routes.chat import router

            found = {}
            for route in router.routes:
                if getattr(route, "path", None) in PATHS and "POST" in route.methods:
                    found[route.path] = (route, route.body_field.field_info.annotation)
            self._routes = found
        return self._routes[scope["path"]]


async def _answer(
    request: Request, body: BaseModel, scope: Scope, receive: Receive, send: Send
) -> None:
    from service.routes.chat import serve_json

    try:
        response = await serve_json(request, body)
    except ApiError as error:
        response = error_response(request, error)
    await response(scope, receive, send)


def _plain_json(request: Request) -> bool:
    headers = request.headers
    kind = headers.get("content-type", "").split(";")[0].strip().lower()
    return kind == "application/json" and "text/event-stream" not in headers.get("accept", "")


def _parse(body: bytes, model: type[BaseModel]) -> BaseModel | None:
    """The validated body, or None when FastAPI is to answer (it says what is wrong)."""
    try:
        data = json.loads(body)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    try:
        return model.model_validate(data)
    except ValidationError:
        return None


def _replay(body: bytes, receive: Receive) -> Receive:
    """``receive`` with the body already read given back first."""
    pending = [{"type": "http.request", "body": body, "more_body": False}]

    async def replayed() -> Message:
        return pending.pop() if pending else await receive()

    return replayed
