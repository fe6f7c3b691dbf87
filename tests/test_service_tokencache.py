"""Verified bearer tokens are remembered until their expiry (or the cache's age limit), never
longer; what is not verified, or has no expiry, is never remembered."""

from __future__ import annotations

import time

from service.auth import Identity
from service.auth.tokencache import VerifiedTokens


def test_verified_token_remembered_until_it_expires() -> None:
    cache = VerifiedTokens()
    valid = Identity("dev:a@example.com", "a@example.com", time.time() + 3600)
    expired = Identity("dev:b@example.com", "b@example.com", time.time() - 1)
    cache.put("token-a", valid)
    cache.put("token-b", expired)
    assert cache.get("token-a") == valid
    assert cache.get("token-b") is None
    assert cache.get("token-a-tampered") is None


def test_cache_age_limit_and_tokens_without_expiry() -> None:
    cache = VerifiedTokens(max_age_s=0.0)
    cache.put("token", Identity("dev:a@example.com", None, time.time() + 3600))
    assert cache.get("token") is None
    lasting = VerifiedTokens()
    lasting.put("forever", Identity("dev:c@example.com", None, None))
    assert lasting.get("forever") is None


def test_full_cache_starts_over() -> None:
    cache = VerifiedTokens(max_entries=2)
    later = time.time() + 3600
    for n in range(3):
        cache.put(f"t{n}", Identity(f"dev:{n}", None, later))
    assert cache.get("t0") is None and cache.get("t2") is not None
