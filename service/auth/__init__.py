"""Who is calling: dev tokens (signed locally), identity-provider JWTs (JWKS) and API keys.

Each verifier answers with an ``Identity`` (the external id and email) or raises
``AuthError``; ``service.auth.users`` turns an identity into a user row.
"""

from __future__ import annotations

from dataclasses import dataclass

from nodepilot.errors import UserError


class AuthError(Exception):
    """The credentials are missing, malformed, expired or not ours (always a 401)."""


@dataclass(frozen=True)
class Identity:
    """A verified caller as the identity provider names it."""

    external_id: str
    email: str | None
    #: the token's ``exp`` (seconds since the epoch), so a verified token is trusted no longer
    expires_at: float | None = None


def check_identity_provider(jwks_url: str | None, issuer: str | None) -> None:
    """Refuse an identity provider configured without its issuer: the JWKS URL alone would
    accept a token any tenant of the same provider signed (their keys can share a JWKS host),
    and the service's contract is that ``iss`` is always checked."""
    if jwks_url and not (issuer or "").strip():
        raise UserError(
            "NODEPILOT_JWKS_URL is set but NODEPILOT_JWT_ISSUER is not: tokens would be "
            "accepted without checking who issued them",
            hint="set NODEPILOT_JWT_ISSUER to your identity provider's issuer URL "
            "(Clerk: the Frontend API URL)",
        )
