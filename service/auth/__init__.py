"""Who is calling: dev tokens (signed locally), identity-provider JWTs (JWKS) and API keys.

Each verifier answers with an ``Identity`` (the external id and email) or raises
``AuthError``; ``service.auth.users`` turns an identity into a user row.
"""

from __future__ import annotations

from dataclasses import dataclass


class AuthError(Exception):
    """The credentials are missing, malformed, expired or not ours (always a 401)."""


@dataclass(frozen=True)
class Identity:
    """A verified caller as the identity provider names it."""

    external_id: str
    email: str | None
    #: the token's ``exp`` (seconds since the epoch), so a verified token is trusted no longer
    expires_at: float | None = None
