"""Local dev-mode sign-in: tokens the service signs itself with a key kept in the data dir.

Used only when no JWKS URL is configured, and the service then refuses to listen beyond
loopback, so these tokens never protect anything reachable from another machine.
"""

from __future__ import annotations

import os
import secrets
import time
from pathlib import Path

import jwt

from nodepilot.config import Settings
from service.auth import AuthError, Identity

ISSUER = "nodepilot-dev"
ALGORITHM = "HS256"
LIFETIME_S = 30 * 24 * 3600


def key_path(settings: Settings) -> Path:
    return settings.data_dir / "service" / "dev_signing.key"


#: signing keys read, by file and its modification time (a replaced file is read again)
_KEYS: dict[tuple[Path, int], bytes] = {}


def signing_key(settings: Settings) -> bytes:
    """The dev signing key, created (0600, exclusively) on first use."""
    path = key_path(settings)
    try:
        known = _KEYS.get((path, path.stat().st_mtime_ns))
    except FileNotFoundError:
        known = None
    if known is not None:
        return known
    key = _read_or_create(path)
    _KEYS[(path, path.stat().st_mtime_ns)] = key
    return key


def _read_or_create(path: Path) -> bytes:
    try:
        return bytes.fromhex(path.read_text().strip())
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another worker created it first
        return _read_when_written(path)
    with os.fdopen(fd, "w") as handle:
        handle.write(secrets.token_hex(32))
    return bytes.fromhex(path.read_text().strip())


def _read_when_written(path: Path) -> bytes:
    for _ in range(100):
        text = path.read_text().strip()
        if len(text) == 64:
            return bytes.fromhex(text)
        time.sleep(0.01)
    raise AuthError("the dev signing key file is damaged")


def create_token(settings: Settings, email: str, lifetime_s: int = LIFETIME_S) -> str:
    """A signed dev token for ``email``."""
    now = int(time.time())
    claims = {
        "iss": ISSUER,
        "sub": f"dev:{email.lower()}",
        "email": email.lower(),
        "iat": now,
        "exp": now + lifetime_s,
    }
    return jwt.encode(claims, signing_key(settings), algorithm=ALGORITHM)


def verify_token(settings: Settings, token: str) -> Identity:
    """The identity in a dev token, or AuthError."""
    try:
        claims = jwt.decode(
            token,
            signing_key(settings),
            algorithms=[ALGORITHM],
            issuer=ISSUER,
            leeway=30,
            options={"require": ["exp", "sub", "iss"]},
        )
    except jwt.PyJWTError as exc:
        raise AuthError(f"invalid token: {exc}") from None
    return Identity(str(claims["sub"]), claims.get("email"), float(claims["exp"]))
