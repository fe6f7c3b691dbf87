"""``/api/n8n/connection`` (the user's n8n URL + API key) and ``/api/workflows/{id}/deploy``.

The URL is checked before any call (no metadata, link-local or private addresses unless the
operator allows them) and the connection is tried before it is stored, so a wrong key or a
disabled API is reported at once. The key is stored encrypted and never returned or logged.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field

from service.deps import User, UserConn, runtime
from service.errors import ApiError, not_found
from service.n8n import errors, store
from service.n8n.client import N8nClient
from service.n8n.deploy import deploy_workflow

router = APIRouter(tags=["n8n"])


class ConnectionIn(BaseModel):
    url: str = Field(min_length=1, max_length=2000)
    api_key: str = Field(min_length=1, max_length=4000)


class DeployIn(BaseModel):
    activate: bool = False


def _api_error(exc: errors.N8nError | store.NotConfigured) -> ApiError:
    if isinstance(exc, store.NotConfigured):
        return ApiError(503, "n8n_not_configured", exc.message, hint=exc.hint)
    return ApiError(exc.status, exc.code, exc.message, hint=exc.hint)


def _client(request: Request, url: str, api_key: str) -> N8nClient:
    settings = runtime(request).settings
    return N8nClient(url, api_key, allow_private=settings.allow_private_n8n)


@router.post("/api/n8n/connection")
def connect(body: ConnectionIn, request: Request, user: User, conn: UserConn) -> dict[str, Any]:
    """Check the URL and key against the instance, then store them (the key encrypted)."""
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


@router.get("/api/n8n/connection")
def show_connection(request: Request, conn: UserConn) -> dict[str, Any]:
    try:
        saved = store.load_connection(conn, runtime(request).settings)
    except store.NotConfigured as exc:
        raise _api_error(exc) from None
    if saved is None:
        raise not_found("n8n connection")
    return saved.public()


@router.delete("/api/n8n/connection", status_code=204)
def forget_connection(conn: UserConn) -> Response:
    if not store.delete_connection(conn):
        raise not_found("n8n connection")
    return Response(status_code=204)


@router.post("/api/workflows/{workflow_id}/deploy")
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
    store.remember_deployment(
        conn, user.id, saved.base_url, workflow_id, report.workflow_id, active
    )
    return report.to_dict()
