"""Bearer tokens verified recently, so a client's next requests skip the signature check.

A verified JWT stays valid until its ``exp`` whatever the number of times it is checked, so the
identity it names is kept (per worker process) until then, or for at most MAX_AGE_S — the
identity provider's key set is itself cached for minutes. Only verified tokens are kept: an
invalid one is checked (and refused) every time. API keys are never kept here: a revoked key
must fail on its next use, and they are looked up in the database anyway.
"""

from __future__ import annotations

import time

from service.auth import Identity

MAX_AGE_S = 60.0
MAX_ENTRIES = 4096


class VerifiedTokens:
    """token -> (identity, monotonic deadline); thread-safe as dict operations are atomic."""

    def __init__(self, max_age_s: float = MAX_AGE_S, max_entries: int = MAX_ENTRIES) -> None:
        self.max_age_s = max_age_s
        self.max_entries = max_entries
        self._entries: dict[str, tuple[Identity, float]] = {}

    def get(self, token: str) -> Identity | None:
        """The identity of a token verified less than MAX_AGE_S ago and not expired yet."""
        entry = self._entries.get(token)
        if entry is None:
            return None
        identity, deadline = entry
        expired = identity.expires_at is None or time.time() >= identity.expires_at
        if expired or time.monotonic() >= deadline:
            self._entries.pop(token, None)
            return None
        return identity

    def put(self, token: str, identity: Identity) -> None:
        """Remember a token just verified (one without an expiry is not kept)."""
        if identity.expires_at is None:
            return
        if len(self._entries) >= self.max_entries:
            self._entries.clear()  # a full cache starts over: entries are cheap to rebuild
        self._entries[token] = (identity, time.monotonic() + self.max_age_s)
