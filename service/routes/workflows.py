"""The user's workflows: list (cursor, conversation filter), get, rename, delete, download."""

from __future__ import annotations

import json
import re
from datetime import datetime
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel, Field

from service import pagination
from service.deps import UserConn
from service.errors import not_found
from service.schemas import Name

router = APIRouter(prefix="/api/workflows", tags=["workflows"])
Limit = Annotated[int, Query(ge=1, le=pagination.MAX_LIMIT)]
_COLUMNS = """id, conversation_id, coalesce(name, workflow_json->>'name', 'Workflow'), prompt,
              workflow_json, status, findings, created_at"""


class Workflow(BaseModel):
    id: UUID
    conversation_id: UUID | None
    name: str
    prompt: str
    workflow: dict[str, Any]
    status: str
    findings: list[dict[str, Any]]
    created_at: datetime


class WorkflowPage(BaseModel):
    items: list[Workflow]
    next_cursor: str | None


class WorkflowPatch(BaseModel):
    name: Name = Field(min_length=1, max_length=200)


def _workflow(row: tuple) -> Workflow:
    keys = ("id", "conversation_id", "name", "prompt", "workflow", "status", "findings")
    return Workflow(**dict(zip(keys, row[:7], strict=True)), created_at=row[7])


@router.get("", response_model=WorkflowPage)
def list_workflows(
    conn: UserConn,
    conversation_id: UUID | None = None,
    limit: Limit = pagination.DEFAULT_LIMIT,
    cursor: str | None = None,
) -> WorkflowPage:
    after = pagination.decode(cursor)
    rows = conn.execute(
        f"""SELECT {_COLUMNS} FROM workflow_generations
            WHERE workflow_json IS NOT NULL
              AND (%(conv)s::uuid IS NULL OR conversation_id = %(conv)s::uuid)
              AND (%(at)s::timestamptz IS NULL OR (created_at, id) < (%(at)s, %(id)s::uuid))
            ORDER BY created_at DESC, id DESC LIMIT %(n)s""",
        {"conv": conversation_id, **pagination.params(after, limit)},
    ).fetchall()
    items, next_cursor = pagination.page(rows, limit, at_index=7)
    return WorkflowPage(items=[_workflow(r) for r in items], next_cursor=next_cursor)


def _fetch(conn: Any, workflow_id: UUID) -> tuple:
    row = conn.execute(
        f"SELECT {_COLUMNS} FROM workflow_generations WHERE id = %s AND workflow_json IS NOT NULL",
        (workflow_id,),
    ).fetchone()
    if row is None:
        raise not_found("workflow")
    return row


@router.get("/{workflow_id}", response_model=Workflow)
def get_workflow(workflow_id: UUID, conn: UserConn) -> Workflow:
    return _workflow(_fetch(conn, workflow_id))


@router.patch("/{workflow_id}", response_model=Workflow)
def rename_workflow(workflow_id: UUID, body: WorkflowPatch, conn: UserConn) -> Workflow:
    updated = conn.execute(
        """UPDATE workflow_generations SET name = %s, updated_at = now()
           WHERE id = %s AND workflow_json IS NOT NULL RETURNING id""",
        (body.name, workflow_id),
    ).fetchone()
    if updated is None:
        raise not_found("workflow")
    return _workflow(_fetch(conn, workflow_id))


@router.delete("/{workflow_id}", status_code=204)
def delete_workflow(workflow_id: UUID, conn: UserConn) -> Response:
    gone = conn.execute(
        "DELETE FROM workflow_generations WHERE id = %s AND workflow_json IS NOT NULL RETURNING id",
        (workflow_id,),
    ).fetchone()
    if gone is None:
        raise not_found("workflow")
    return Response(status_code=204)


@router.get(
    "/{workflow_id}/download",
    responses={200: {"content": {"application/json": {}}}},
    response_class=Response,
)
def download_workflow(workflow_id: UUID, conn: UserConn) -> Response:
    """The workflow JSON as n8n imports it, as a file download."""
    workflow = _workflow(_fetch(conn, workflow_id))
    doc = {**workflow.workflow, "name": workflow.name}
    slug = re.sub(r"[^A-Za-z0-9]+", "-", workflow.name).strip("-").lower()[:60] or "workflow"
    return Response(
        json.dumps(doc, indent=2),
        media_type="application/json",
        headers={"Content-Disposition": f'attachment; filename="{slug}.json"'},
    )
