"""The user's credits: balance (the ledger sum), plan, trial end, and the ledger itself."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query
from pydantic import BaseModel

from service import ledger, pagination
from service.deps import User, UserConn

router = APIRouter(prefix="/api/credits", tags=["credits"])
Limit = Annotated[int, Query(ge=1, le=pagination.MAX_LIMIT)]


class Credits(BaseModel):
    balance: int
    plan: str
    trial_ends_at: datetime | None


class LedgerEntry(BaseModel):
    id: UUID
    amount: int
    kind: str
    description: str | None
    remaining_balance: int
    created_at: datetime


class LedgerPage(BaseModel):
    items: list[LedgerEntry]
    next_cursor: str | None


def credits_of(conn, user_id: UUID) -> Credits:  # noqa: ANN001 - psycopg connection
    balance = ledger.balance(conn, user_id)
    plan, trial_end = conn.execute(
        """SELECT u.subscription_tier,
                  (SELECT max(expires_at) FROM credit_history
                   WHERE user_id = u.id AND transaction_type = 'trial')
           FROM users u WHERE u.id = %s""",
        (user_id,),
    ).fetchone()
    return Credits(balance=balance, plan=plan, trial_ends_at=trial_end)


@router.get("", response_model=Credits)
def get_credits(user: User, conn: UserConn) -> Credits:
    return credits_of(conn, user.id)


@router.get("/history", response_model=LedgerPage)
def credit_history(
    user: User, conn: UserConn, limit: Limit = pagination.DEFAULT_LIMIT, cursor: str | None = None
) -> LedgerPage:
    ledger.balance(conn, user.id)  # lets a lapsed trial expire, so the history shows it
    after = pagination.decode(cursor)
    rows = conn.execute(
        """SELECT id, amount, transaction_type, description, remaining_balance, created_at
           FROM credit_history
           WHERE (%(at)s::timestamptz IS NULL OR (created_at, id) < (%(at)s, %(id)s::uuid))
           ORDER BY created_at DESC, id DESC LIMIT %(n)s""",
        pagination.params(after, limit),
    ).fetchall()
    items, next_cursor = pagination.page(rows, limit, at_index=5)
    entries = [
        LedgerEntry(
            id=r[0],
            amount=r[1],
            kind=r[2],
            description=r[3],
            remaining_balance=r[4],
            created_at=r[5],
        )
        for r in items
    ]
    return LedgerPage(items=entries, next_cursor=next_cursor)
