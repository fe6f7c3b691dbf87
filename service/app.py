"""The FastAPI application factory: routers, middleware, error handlers and the lifespan.

Routers are listed by import path in ``ROUTERS``; each area (billing, deploy, web) adds its one
line. The lifespan opens this worker's database pool and closes it after in-flight generations
finish (graceful shutdown).
"""

from __future__ import annotations

import asyncio
import importlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from nodepilot import __version__
from nodepilot.config import Settings, get_settings
from service import logsetup
from service.auth import check_identity_provider
from service.deps import sign_in_before_invalid_input
from service.errors import COMMON_RESPONSES, STATUS_CODES, ApiError, error_response
from service.fastpath import GenerationFastPath
from service.middleware import ServiceMiddleware
from service.runtime import MAX_BODY_ENV, Runtime, env_int, switch_interval

ROUTERS: tuple[str, ...] = (
    "service.routes.public:router",
    "service.routes.health:router",
    "service.routes.chat:router",
    "service.routes.workflows:router",
    "service.routes.conversations:router",
    "service.routes.credits:router",
    "service.routes.users:router",
    "service.routes.keys:router",
    "service.routes.admin:router",
    "service.billing.routes:router",
    "service.n8n.routes:router",
    "service.web.routes:router",
)

DEFAULT_MAX_BODY = 256 * 1024
log = logging.getLogger("nodepilot.service")


def _include_routers(app: FastAPI) -> None:
    for path in ROUTERS:
        module_name, attr = path.split(":")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name and module_name.startswith(exc.name):
                log.warning("router %s is not available in this build", path)
                continue
            raise
        app.include_router(getattr(module, attr), responses=COMMON_RESPONSES)


def _lifespan(settings: Settings):  # noqa: ANN202 - FastAPI's lifespan protocol
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        from anyio import to_thread

        from service.routes.health import keep_fresh
        from service.startup import prepare_database, warm_up

        to_thread.current_default_thread_limiter().total_tokens = 100
        runtime = Runtime(settings)
        if settings.jwks_url:
            from service.auth.jwks import JwksVerifier

            runtime.verifier = JwksVerifier(
                settings.jwks_url, settings.jwt_issuer, settings.allowed_origins
            )
        runtime.open()
        app.state.runtime = runtime
        await to_thread.run_sync(prepare_database, runtime)
        await to_thread.run_sync(warm_up, runtime)
        checked = asyncio.Event()
        health = asyncio.ensure_future(keep_fresh(runtime, checked))
        await checked.wait()
        try:
            with switch_interval():
                yield
        finally:
            health.cancel()
            await to_thread.run_sync(runtime.close)

    return lifespan


#: The detail of the 400 FastAPI raises when a request body cannot be decoded at all.
BODY_NOT_PARSED = "There was an error parsing the body"


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> JSONResponse:
        return error_response(request, exc)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        try:  # a route that signs in itself: 401 / 429 come first, as with the dependency
            await sign_in_before_invalid_input(request)
        except ApiError as error:
            return error_response(request, error)
        problems = []
        for err in exc.errors()[:5]:
            where = ".".join(str(p) for p in err.get("loc", ()) if p != "body") or "body"
            problems.append(f"{where}: {err.get('msg')}")
        message = "invalid input — " + "; ".join(problems)
        return error_response(request, ApiError(422, "invalid_input", message))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 400 and exc.detail == BODY_NOT_PARSED:
            # FastAPI's own 400 for a body it cannot decode (not UTF-8): to the caller that is
            # invalid input like any other, so the documented 422 (after 401 / 429, as above)
            try:
                await sign_in_before_invalid_input(request)
            except ApiError as error:
                return error_response(request, error)
            message = "invalid input — body: not UTF-8 encoded JSON"
            return error_response(request, ApiError(422, "invalid_input", message))
        code = STATUS_CODES.get(exc.status_code, "error")
        message = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
        if exc.status_code == 404 and message == "Not Found":
            message = f"no such endpoint: {request.url.path}"
        error = ApiError(exc.status_code, code, message, headers=dict(exc.headers or {}))
        return error_response(request, error)


def create_app(settings: Settings | None = None) -> FastAPI:
    """A configured NodePilot service (one per worker process)."""
    settings = settings or get_settings()
    check_identity_provider(settings.jwks_url, settings.jwt_issuer)
    logsetup.configure_worker()  # a spawned worker starts with logging unconfigured
    app = FastAPI(
        title="NodePilot",
        version=__version__,
        description="Plain-language automation requests in, n8n workflows out.",
        lifespan=_lifespan(settings),
    )
    app.state.settings = settings
    _install_error_handlers(app)
    _include_routers(app)
    # added first, so innermost: CORS and ServiceMiddleware wrap what it answers too
    app.add_middleware(GenerationFastPath)
    if settings.allowed_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.allowed_origins,
            allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
            allow_headers=["Authorization", "Content-Type", "X-Request-ID"],
            expose_headers=[
                "X-Request-ID",
                "Retry-After",
                "RateLimit-Limit",
                "RateLimit-Remaining",
                "RateLimit-Reset",
            ],
            max_age=600,
        )
    app.add_middleware(ServiceMiddleware, max_body_bytes=env_int(MAX_BODY_ENV, DEFAULT_MAX_BODY))
    return app
