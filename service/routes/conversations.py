"""The user's conversations: list (cursor), get, delete, and their messages."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel

from service import pagination
from service.deps import UserConn
from service.errors import not_found

router = APIRouter(prefix="/api/conversations", tags=["conversations"])
Limit = Annotated[int, Query(ge=1, le=pagination.MAX_LIMIT)]


class Conversation(BaseModel):
    id: UUID
    title: str
    created_at: datetime
    updated_at: datetime


class ConversationPage(BaseModel):
    items: list[Conversation]
    next_cursor: str | None


class ChatMessage(BaseModel):
    id: UUID
    role: str
    content: str
    intent: str | None
    workflow_id: UUID | None
    workflow: dict[str, Any] | None
    findings: list[dict[str, Any]]
    fixes: list[dict[str, Any]]
    created_at: datetime


class MessageList(BaseModel):
    items: list[ChatMessage]


def _conversation(row: tuple) -> Conversation:
    return Conversation(
        id=row[0], title=row[1] or "Conversation", created_at=row[2], updated_at=row[3]
    )


@router.get("", response_model=ConversationPage)
def list_conversations(
    conn: UserConn, limit: Limit = pagination.DEFAULT_LIMIT, cursor: str | None = None
) -> ConversationPage:
    after = pagination.decode(cursor)
    rows = conn.execute(
        """SELECT id, title, created_at, updated_at FROM conversations
           WHERE (%(at)s::timestamptz IS NULL OR (updated_at, id) < (%(at)s, %(id)s::uuid))
           ORDER BY updated_at DESC, id DESC LIMIT %(n)s""",
        pagination.params(after, limit),
    ).fetchall()
    items, next_cursor = pagination.page(rows, limit, at_index=3)
    return ConversationPage(items=[_conversation(r) for r in items], next_cursor=next_cursor)


@router.get("/{conversation_id}", response_model=Conversation)
def get_conversation(conversation_id: UUID, conn: UserConn) -> Conversation:
    row = conn.execute(
        "SELECT id, title, created_at, updated_at FROM conversations WHERE id = %s",
        (conversation_id,),
    ).fetchone()
    if row is None:
        raise not_found("conversation")
    return _conversation(row)


@router.delete("/{conversation_id}", status_code=204)
def delete_conversation(conversation_id: UUID, conn: UserConn) -> Response:
    """Delete the conversation and its messages (its workflows stay, unlinked)."""
    gone = conn.execute(
        "DELETE FROM conversations WHERE id = %s RETURNING id", (conversation_id,)
    ).fetchone()
    if gone is None:
        raise not_found("conversation")
    return Response(status_code=204)


@router.get("/{conversation_id}/messages", response_model=MessageList)
def list_messages(conversation_id: UUID, conn: UserConn) -> MessageList:
    if (
        conn.execute("SELECT 1 FROM conversations WHERE id = %s", (conversation_id,)).fetchone()
        is None
    ):
        raise not_found("conversation")
    rows = conn.execute(
        """SELECT m.id, m.role, m.content, m.intent, m.workflow_generation_id, g.workflow_json,
                  m.metadata, m.created_at
           FROM conversation_messages m
           LEFT JOIN workflow_generations g ON g.id = m.workflow_generation_id
           WHERE m.conversation_id = %s ORDER BY m.created_at, m.id""",
        (conversation_id,),
    ).fetchall()
    items = [
        ChatMessage(
            id=r[0],
            role=r[1],
            content=r[2],
            intent=r[3],
            workflow_id=r[4],
            workflow=r[5],
            findings=(r[6] or {}).get("findings", []),
            fixes=(r[6] or {}).get("fixes", []),
            created_at=r[7],
        )
        for r in rows
    ]
    return MessageList(items=items)
