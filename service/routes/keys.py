"""API keys for machine clients: created (the key is shown once), listed, revoked."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from fastapi import APIRouter, Response
from pydantic import BaseModel, Field

from service.auth import apikeys
from service.deps import User, UserConn, needs_session
from service.errors import ApiError, ErrorBody, not_found
from service.schemas import Text

router = APIRouter(prefix="/api/keys", tags=["keys"])
MAX_ACTIVE_KEYS = 20


class KeyCreate(BaseModel):
    name: Text = Field(min_length=1, max_length=100)


class ApiKey(BaseModel):
    id: UUID
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class CreatedKey(ApiKey):
    key: str = Field(description="The key itself; shown only in this response.")


class KeyList(BaseModel):
    items: list[ApiKey]


_COLUMNS = "id, name, prefix, created_at, last_used_at, revoked_at"


def _key(row: tuple) -> dict:
    return dict(
        zip(("id", "name", "prefix", "created_at", "last_used_at", "revoked_at"), row, strict=True)
    )


@router.post(
    "",
    response_model=CreatedKey,
    status_code=201,
    responses={
        403: {"model": ErrorBody, "description": "the caller signed in with an API key"},
        409: {"model": ErrorBody, "description": "too many active keys"},
    },
    dependencies=[needs_session("create API keys")],
)
def create_key(body: KeyCreate, user: User, conn: UserConn) -> CreatedKey:
    """A new key for the signed-in user. Only a session token may create one: a key that
    could mint keys would survive its own revocation through the keys it made (refused by
    ``needs_session`` before the body is read)."""
    active = conn.execute("SELECT count(*) FROM api_keys WHERE revoked_at IS NULL").fetchone()[0]
    if active >= MAX_ACTIVE_KEYS:
        raise ApiError(
            409,
            "too_many_keys",
            f"you already have {active} active keys",
            hint="revoke one you no longer use",
        )
    key = apikeys.new_key()
    row = conn.execute(
        f"""INSERT INTO api_keys (user_id, name, prefix, key_hash) VALUES (%s, %s, %s, %s)
            RETURNING {_COLUMNS}""",
        (user.id, body.name.strip() or "key", key[:10], apikeys.hash_key(key)),
    ).fetchone()
    return CreatedKey(**_key(row), key=key)


@router.get("", response_model=KeyList)
def list_keys(conn: UserConn) -> KeyList:
    rows = conn.execute(f"SELECT {_COLUMNS} FROM api_keys ORDER BY created_at DESC").fetchall()
    return KeyList(items=[ApiKey(**_key(r)) for r in rows])


@router.delete("/{key_id}", status_code=204)
def revoke_key(key_id: UUID, conn: UserConn) -> Response:
    row = conn.execute(
        "UPDATE api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE id = %s RETURNING id",
        (key_id,),
    ).fetchone()
    if row is None:
        raise not_found("API key")
    return Response(status_code=204)
