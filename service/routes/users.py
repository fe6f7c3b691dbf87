"""The signed-in user: who they are, and deleting the account with everything it owns."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from fastapi import APIRouter, Response
from pydantic import BaseModel

from service.deps import User, UserConn
from service.routes.credits import credits_of

router = APIRouter(prefix="/api/users", tags=["users"])


class Me(BaseModel):
    id: UUID
    email: str
    name: str | None
    role: str
    plan: str
    balance: int
    trial_ends_at: datetime | None
    created_at: datetime


@router.get("/me", response_model=Me)
def get_me(user: User, conn: UserConn) -> Me:
    credits = credits_of(conn, user.id)
    name, created_at = conn.execute(
        "SELECT name, created_at FROM users WHERE id = %s", (user.id,)
    ).fetchone()
    return Me(
        id=user.id,
        email=user.email,
        name=name,
        role=user.role,
        plan=credits.plan,
        balance=credits.balance,
        trial_ends_at=credits.trial_ends_at,
        created_at=created_at,
    )


@router.delete("/me", status_code=204)
def delete_me(user: User, conn: UserConn) -> Response:
    """Delete the account: conversations, messages, workflows, credits and keys go with it."""
    conn.execute("DELETE FROM users WHERE id = %s", (user.id,))
    return Response(status_code=204)
