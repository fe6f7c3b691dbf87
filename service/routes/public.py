"""Endpoints that need no sign-in: the page's public configuration and local dev sign-in."""

from __future__ import annotations

import ipaddress

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field

from service.auth import devtokens
from service.deps import client_address, limit_by_address, runtime
from service.errors import ApiError
from service.schemas import Text

router = APIRouter(prefix="/api", tags=["public"])


class PublicConfig(BaseModel):
    auth: str = Field(description="'dev' (local tokens) or 'clerk' (JWTs from Clerk)")
    clerk_publishable_key: str | None
    billing: bool


class DevTokenRequest(BaseModel):
    email: Text = Field(min_length=3, max_length=254, pattern=r"^[^@\s]+@[^@\s]+$")


class DevTokenResponse(BaseModel):
    token: str


@router.get("/config/public", response_model=PublicConfig, dependencies=[Depends(limit_by_address)])
def public_config(request: Request) -> PublicConfig:
    settings = runtime(request).settings
    return PublicConfig(
        auth="clerk" if settings.jwks_url else "dev",
        clerk_publishable_key=settings.clerk_publishable_key,
        billing=settings.stripe_secret_key is not None,
    )


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@router.post(
    "/dev/token", response_model=DevTokenResponse, dependencies=[Depends(limit_by_address)]
)
def dev_token(body: DevTokenRequest, request: Request) -> DevTokenResponse:
    """A dev-mode sign-in token (only without an identity provider, only from loopback)."""
    settings = runtime(request).settings
    if settings.jwks_url:
        raise ApiError(404, "not_found", "dev sign-in is off: an identity provider is configured")
    if not _is_loopback(client_address(request)):
        raise ApiError(403, "forbidden", "dev sign-in is only available from this machine")
    return DevTokenResponse(token=devtokens.create_token(settings, body.email))
