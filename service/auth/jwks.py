"""Identity-provider JWTs (Clerk) verified with PyJWT against the provider's JWKS.

Only asymmetric algorithms (RS256, ES256) are accepted, and each key only with the algorithm its
type allows, so ``alg: none`` and HS256-signed-with-the-public-key tokens fail. Keys are cached;
a token naming an unknown ``kid`` triggers one refetch (throttled, so a flood of made-up kids
cannot turn into a flood of requests to the provider).
"""

from __future__ import annotations

import json
import threading
import time
import urllib.request
from typing import Any

import jwt

from service.auth import AuthError, Identity

ALGORITHMS = {"RS256": "RSA", "ES256": "EC"}
LEEWAY_S = 30
CACHE_TTL_S = 600.0
REFETCH_MIN_INTERVAL_S = 5.0


class JwksVerifier:
    """Verifies bearer JWTs against one JWKS URL, issuer and set of allowed origins."""

    def __init__(self, url: str, issuer: str | None, allowed_origins: list[str]) -> None:
        self.url = url
        self.issuer = issuer
        self.allowed_origins = {o.rstrip("/") for o in allowed_origins}
        self._keys: dict[str, jwt.PyJWK] = {}
        self._fetched_at = 0.0
        self._lock = threading.Lock()

    def _fetch(self) -> None:
        try:
            with urllib.request.urlopen(self.url, timeout=5) as resp:  # noqa: S310 - configured URL
                doc = json.loads(resp.read())
        except (OSError, ValueError) as exc:
            raise AuthError(f"cannot read the identity provider's keys: {exc}") from None
        keys: dict[str, jwt.PyJWK] = {}
        for item in doc.get("keys", []) if isinstance(doc, dict) else []:
            try:
                key = jwt.PyJWK(item)
            except jwt.PyJWTError:
                continue  # a key type we do not use
            if item.get("kid"):
                keys[str(item["kid"])] = key
        self._keys = keys
        self._fetched_at = time.monotonic()

    def key_for(self, kid: str) -> jwt.PyJWK:
        """The cached key ``kid``, refetching once when it is unknown or the cache is stale."""
        with self._lock:
            age = time.monotonic() - self._fetched_at
            if not self._fetched_at or age > CACHE_TTL_S:
                self._fetch()
            elif kid not in self._keys and age > REFETCH_MIN_INTERVAL_S:
                self._fetch()
            key = self._keys.get(kid)
        if key is None:
            raise AuthError("the token's signing key is unknown")
        return key

    def verify(self, token: str) -> Identity:
        """The identity in a valid token, or AuthError saying why not."""
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise AuthError(f"malformed token: {exc}") from None
        alg, kid = header.get("alg"), header.get("kid")
        if alg not in ALGORITHMS:
            raise AuthError(f"token algorithm {alg!r} is not accepted")
        if not isinstance(kid, str) or not kid:
            raise AuthError("the token names no signing key (kid)")
        key = self.key_for(kid)
        if key.key_type != ALGORITHMS[alg]:
            raise AuthError("the token's algorithm does not match its key")
        claims = self._decode(token, key, alg)
        return Identity(str(claims["sub"]), _email(claims), float(claims["exp"]))

    def _decode(self, token: str, key: jwt.PyJWK, alg: str) -> dict[str, Any]:
        required = ["exp", "sub", "iat"] + (["iss"] if self.issuer else [])
        try:
            claims = jwt.decode(
                token,
                key.key,
                algorithms=[alg],
                issuer=self.issuer,
                leeway=LEEWAY_S,
                options={"require": required, "verify_aud": False},
            )
        except jwt.PyJWTError as exc:
            raise AuthError(f"invalid token: {exc}") from None
        azp = claims.get("azp")
        if (
            azp is not None
            and self.allowed_origins
            and str(azp).rstrip("/") not in self.allowed_origins
        ):
            raise AuthError(f"the token was issued for another origin ({azp})")
        return claims


def _email(claims: dict[str, Any]) -> str | None:
    email = claims.get("email") or claims.get("primary_email")
    return str(email).lower() if isinstance(email, str) and "@" in email else None
