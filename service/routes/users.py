"""The signed-in user: who they are, and deleting the account with everything it owns."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel

from service.billing.accounts import delete_account
from service.billing.stripe_client import StripeUnavailable
from service.deps import OwnerConn, User, UserConn, require_session, runtime
from service.errors import ApiError, ErrorBody
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


@router.delete(
    "/me",
    status_code=204,
    responses={403: {"model": ErrorBody, "description": "the caller signed in with an API key"}},
)
def delete_me(request: Request, user: User, conn: UserConn, owner: OwnerConn) -> Response:
    """Delete the account: conversations, messages, workflows, credits and keys go with it.

    The same path as Clerk's ``user.deleted``: the Stripe customer is deleted first (which
    cancels any subscription), so a deleted user is never billed again; when Stripe cannot be
    told, nothing is deleted and the client is asked to retry. An API key may not do this
    (``require_session``): a leaked key must not be able to end the account."""
    require_session(user, "delete the account")
    try:
        delete_account(conn, user.id, runtime(request).settings, owner=owner)
    except StripeUnavailable as exc:
        raise ApiError(
            503, "payment_provider_unavailable", exc.message, hint="retry in a moment"
        ) from None
    return Response(status_code=204)
