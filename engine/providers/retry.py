"""Our own retry loop: exponential backoff with jitter, honouring ``retry-after``.

The SDKs can retry by themselves, but we set their ``max_retries=0`` and retry here so the
behaviour is explicit, identical for every vendor, logged without secrets and testable: the
policy, the clock and the sleep function are all parameters.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TypeVar

log = logging.getLogger("nodepilot.providers")
T = TypeVar("T")

#: HTTP statuses worth retrying: timeout, conflict/lock, rate limit, server errors, overload.
RETRYABLE_STATUS = frozenset({408, 409, 429, 500, 502, 503, 504, 529})


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how long to retry.

    ``max_attempts`` counts the first try. Backoff before retry ``n`` (1-based) is
    ``min(max_delay, base_delay * 2**(n-1))`` scaled by a random factor in
    ``[1 - jitter, 1 + jitter]``. A ``retry-after`` header replaces the backoff (we wait at least
    that long, plus up to 10% jitter); one above ``max_retry_after`` is not waited out at all.
    """

    max_attempts: int = 4
    base_delay: float = 0.5
    max_delay: float = 20.0
    jitter: float = 0.25
    max_retry_after: float = 60.0

    def backoff(self, retry: int, rng: random.Random | None = None) -> float:
        rng = rng or random
        delay = min(self.max_delay, self.base_delay * 2 ** max(0, retry - 1))
        return max(0.0, delay * (1.0 + self.jitter * (2.0 * rng.random() - 1.0)))

    def delay_for(
        self, retry: int, retry_after: float | None, rng: random.Random | None = None
    ) -> float:
        """Seconds to wait before retry ``retry`` (1-based)."""
        if retry_after is not None:
            rng = rng or random
            return retry_after + min(1.0, 0.1 * retry_after) * rng.random()
        return self.backoff(retry, rng)


@dataclass(frozen=True)
class Failure:
    """How one failed call is classified: retry or not, the server's hint, words for logs."""

    retryable: bool
    kind: str  # rate_limited | server_error | timeout | connection | request | output
    reason: str
    status: int | None = None
    retry_after: float | None = None


def parse_retry_after(
    value: str | None, value_ms: str | None = None, *, now: datetime | None = None
) -> float | None:
    """Seconds to wait from ``retry-after-ms`` (preferred) or ``retry-after`` (seconds or an
    HTTP date). None when absent or unreadable; never negative."""
    if value_ms:
        try:
            ms = float(value_ms)
            if ms >= 0 and ms == ms and ms != float("inf"):
                return ms / 1000.0
        except ValueError:
            pass
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if when is None:
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        now = now or datetime.now(UTC)
        return max(0.0, (when - now).total_seconds())
    if seconds != seconds or seconds == float("inf"):
        return None
    return max(0.0, seconds)


class GiveUp(Exception):  # noqa: N818 - control flow, not an error type users see
    """Raised by the loop when retries are exhausted or the failure is not retryable."""

    def __init__(self, failure: Failure, attempts: int, cause: BaseException) -> None:
        super().__init__(failure.reason)
        self.failure = failure
        self.attempts = attempts
        self.cause = cause


def call_with_retries(
    op: Callable[[], T],
    classify: Callable[[BaseException], Failure | None],
    *,
    policy: RetryPolicy,
    label: str,
    sleep: Callable[[float], None] = time.sleep,
    rng: random.Random | None = None,
) -> tuple[T, int]:
    """Run ``op`` until it succeeds; return its result and the number of attempts.

    ``classify`` maps an exception to a :class:`Failure`, or None for exceptions that are not
    call failures (they propagate unchanged). Non-retryable failures, exhausted attempts and
    ``retry-after`` values above the policy's limit raise :class:`GiveUp`.
    """
    attempt = 0
    while True:
        attempt += 1
        try:
            return op(), attempt
        except Exception as exc:
            failure = classify(exc)
            if failure is None:
                raise
            if not failure.retryable or attempt >= policy.max_attempts:
                raise GiveUp(failure, attempt, exc) from None
            if failure.retry_after is not None and failure.retry_after > policy.max_retry_after:
                reason = f"{failure.reason}; server asks to wait {failure.retry_after:.0f} s"
                raise GiveUp(
                    Failure(False, failure.kind, reason, failure.status, failure.retry_after),
                    attempt,
                    exc,
                ) from None
            delay = policy.delay_for(attempt, failure.retry_after, rng)
            log.warning(
                "%s: %s; retry %d/%d in %.2f s",
                label,
                failure.reason,
                attempt,
                policy.max_attempts - 1,
                delay,
            )
            sleep(delay)
