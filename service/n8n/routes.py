"""``/api/n8n/connection`` (the user's n8n URL + API key) and ``/api/workflows/{id}/deploy``.

The URL is checked before any call (no metadata, link-local or private addresses unless the
operator allows them) and the connection is tried before it is stored, so a wrong key or a
disabled API is reported at once. The key is stored encrypted and never returned or logged.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field

from service.deps import User, UserConn, needs_session, require_session, runtime
from service.errors import ApiError, ErrorBody, not_found
from service.n8n import errors, store
from service.n8n.client import N8nClient
from service.n8n.deploy import deploy_workflow

router = APIRouter(tags=["n8n"])


class ConnectionIn(BaseModel):
    url: str = Field(min_length=1, max_length=2000)
    api_key: str = Field(min_length=1, max_length=4000)


class DeployIn(BaseModel):
    activate: bool = False


class ConnectionOut(BaseModel):
    """The stored connection as shown: never the key."""

    url: str
    n8n_version: str | None
    created_at: datetime
    updated_at: datetime


class DeployOut(BaseModel):
    """What the deploy did and what is left to do in n8n (see service.n8n.deploy)."""

    base_url: str
    workflow_id: str
    action: str
    name: str
    editor_url: str
    n8n_version: str | None
    accepted_keys_from: str
    dropped: list[str]
    credentials_attached: list[dict[str, Any]]
    credentials_missing: list[dict[str, Any]]
    warnings: list[str]
    placeholders: list[dict[str, str]]
    activation: dict[str, Any]


def _errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    described = {
        403: "the caller signed in with an API key (a session token is needed)",
        404: "no such workflow, or no stored n8n connection",
        409: "no n8n connection yet (POST /api/n8n/connection first)",
        422: "the URL is refused, the key is wrong, no n8n API there, or n8n refused the "
        "workflow (its message quoted, with the field)",
        502: "the n8n instance is unreachable or failed",
        503: "storing n8n connections is not configured (no encryption key)",
    }
    return {c: {"model": ErrorBody, "description": described[c]} for c in codes}


def _api_error(exc: errors.N8nError | store.NotConfigured) -> ApiError:
    if isinstance(exc, store.NotConfigured):
        return ApiError(503, "n8n_not_configured", exc.message, hint=exc.hint)
    return ApiError(exc.status, exc.code, exc.message, hint=exc.hint)


def _client(request: Request, url: str, api_key: str) -> N8nClient:
    settings = runtime(request).settings
    return N8nClient(url, api_key, allow_private=settings.allow_private_n8n)


@router.post(
    "/api/n8n/connection",
    response_model=ConnectionOut,
    responses=_errors(403, 422, 502, 503),
    dependencies=[needs_session("change the n8n connection")],
)
def connect(body: ConnectionIn, request: Request, user: User, conn: UserConn) -> dict[str, Any]:
    """Check the URL and key against the instance, then store them (the key encrypted). Not
    for an API key (``needs_session``, before the body is read): it would re-point every
    deployment elsewhere."""
    settings = runtime(request).settings
    try:
        store.cipher(settings)  # refuse before calling anyone when nothing could be stored
        with _client(request, body.url, body.api_key) as client:
            client.check()
            version = client.version()
        saved = store.save_connection(
            conn, user.id, client.base_url, body.api_key.strip(), version, settings
        )
    except (errors.N8nError, store.NotConfigured) as exc:
        raise _api_error(exc) from None
    return saved.public()


@router.get("/api/n8n/connection", response_model=ConnectionOut, responses=_errors(404, 503))
def show_connection(request: Request, conn: UserConn) -> dict[str, Any]:
    try:
        saved = store.load_connection(conn, runtime(request).settings)
    except store.NotConfigured as exc:
        raise _api_error(exc) from None
    if saved is None:
        raise not_found("n8n connection")
    return saved.public()


@router.delete("/api/n8n/connection", status_code=204, responses=_errors(403, 404))
def forget_connection(user: User, conn: UserConn) -> Response:
    """Forget the stored connection (session token only, as for setting it)."""
    require_session(user, "change the n8n connection")
    if not store.delete_connection(conn):
        raise not_found("n8n connection")
    return Response(status_code=204)


@router.post(
    "/api/workflows/{workflow_id}/deploy",
    response_model=DeployOut,
    responses=_errors(404, 409, 422, 502, 503),
)
def deploy(
    workflow_id: UUID, request: Request, user: User, conn: UserConn, body: DeployIn | None = None
) -> dict[str, Any]:
    """Create or update this generation's workflow in the user's n8n (publish if asked)."""
    # FOR UPDATE: two deploys of one generation at once must not both create a workflow
    row = conn.execute(
        """SELECT workflow_json FROM workflow_generations
           WHERE id = %s AND workflow_json IS NOT NULL FOR UPDATE""",
        (workflow_id,),
    ).fetchone()
    if row is None:
        raise not_found("workflow")
    try:
        saved = store.load_connection(conn, runtime(request).settings)
        if saved is None:
            raise ApiError(
                409, "n8n_not_connected", "no n8n connection",
                hint="connect your n8n first: POST /api/n8n/connection {url, api_key}",
            )  # fmt: skip
        known = store.recall_deployment(conn, saved.base_url, workflow_id)
        with _client(request, saved.base_url, saved.api_key) as client:
            report = deploy_workflow(
                client, row[0], activate=bool(body and body.activate), remembered_id=known
            )
    except (errors.N8nError, store.NotConfigured) as exc:
        raise _api_error(exc) from None
    active = report.activation.get("status") == "active"
    store.note_version(conn, saved.base_url, report.n8n_version)
    store.remember_deployment(
        conn, user.id, saved.base_url, workflow_id, report.workflow_id, active
    )
    return report.to_dict()
