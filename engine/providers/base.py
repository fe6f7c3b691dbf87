"""What every provider offers and returns, and the typed errors the pipeline acts on.

A provider either produces a workflow (``generate_workflow``) or answers a free-form prompt
(``complete``: intent, prompt optimization, conversation). Transport problems that survive the
retries become :class:`ProviderUnavailableError`; output the model got wrong (malformed JSON, a
document that is not a workflow) becomes :class:`InvalidOutputError` - for ``generate_workflow``
it is returned inside ``ProviderOutput.error`` with ``workflow=None`` so the pipeline can run a
feedback round instead of stopping.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from engine.types import GenerationRequest, Usage


class ProviderError(Exception):
    """A provider call failed. Messages never contain keys (they are scrubbed on the way out)."""

    def __init__(self, message: str, *, provider: str = "", attempts: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.provider = provider
        self.attempts = attempts


class ProviderUnavailableError(ProviderError):
    """Rate limits, 5xx answers, timeouts or connection failures outlasted the retries.

    ``kind`` is ``rate_limited``, ``server_error``, ``timeout`` or ``connection``; ``status`` the
    last HTTP status (None without one).
    """

    def __init__(
        self,
        message: str,
        *,
        provider: str = "",
        attempts: int = 1,
        kind: str = "server_error",
        status: int | None = None,
    ) -> None:
        super().__init__(message, provider=provider, attempts=attempts)
        self.kind = kind
        self.status = status


class ProviderRequestError(ProviderError):
    """The provider refused the request itself (400/401/403/404...): retrying cannot help."""

    def __init__(
        self, message: str, *, provider: str = "", attempts: int = 1, status: int | None = None
    ) -> None:
        super().__init__(message, provider=provider, attempts=attempts)
        self.status = status


class UnsupportedError(ProviderError):
    """The provider cannot do this at all (the offline provider has no free-form completion)."""


class InvalidOutputError(ProviderError):
    """The model answered, but not with what was asked: malformed JSON, a missing tool call,
    a truncated answer, or data violating the schema. ``problems`` lists each issue in words a
    feedback prompt can quote; ``data`` holds whatever JSON could be parsed."""

    def __init__(
        self,
        problems: list[str],
        *,
        raw_text: str = "",
        data: Any = None,
        usage: Usage | None = None,
        provider: str = "",
        attempts: int = 1,
    ) -> None:
        more = f" (+{len(problems) - 3} more)" if len(problems) > 3 else ""
        summary = "; ".join(problems[:3]) + more
        super().__init__(f"invalid model output: {summary}", provider=provider, attempts=attempts)
        self.problems = problems
        self.raw_text = raw_text
        self.data = data
        self.usage = usage or Usage()

    def as_findings(self) -> list[dict[str, Any]]:
        """The problems as validator-style findings, ready for a feedback round."""
        return [
            {
                "code": "invalid_model_output",
                "severity": "error",
                "node": None,
                "path": "$",
                "message": problem,
                "suggestion": "return one JSON workflow object through the workflow tool",
            }
            for problem in self.problems
        ]


@dataclass(frozen=True)
class Attempt:
    """One provider tried by a fallback chain, and why it was passed over (``error``)."""

    provider: str
    model: str
    ok: bool
    error: str | None = None


@dataclass
class ProviderOutput:
    """A generation answer. ``workflow`` is None when the output was unusable; ``error`` then
    says why. ``provider``/``model`` name who answered (inside a fallback chain too)."""

    workflow: dict[str, Any] | None
    raw_text: str
    usage: Usage = field(default_factory=Usage)
    provider: str = ""
    model: str = ""
    error: InvalidOutputError | None = None
    attempts: list[Attempt] = field(default_factory=list)

    @property
    def problems(self) -> list[str]:
        return list(self.error.problems) if self.error else []


@dataclass
class Completion:
    """A free-form answer: ``text`` always, ``data`` the parsed JSON when a schema was given."""

    text: str
    data: Any = None
    usage: Usage = field(default_factory=Usage)
    provider: str = ""
    model: str = ""


@runtime_checkable
class Provider(Protocol):
    """The interface the pipeline programs against."""

    name: str
    model: str

    def generate_workflow(self, req: GenerationRequest) -> ProviderOutput:
        """Produce (or, with ``req.feedback``, fix) a workflow for the request."""
        ...

    def complete(
        self,
        system: str,
        messages: list[dict[str, Any]],
        *,
        json_schema: dict[str, Any] | None = None,
        max_tokens: int = 1024,
    ) -> Completion:
        """Answer ``messages`` (``[{"role": "user"|"assistant", "content": str}]``) under
        ``system``; with ``json_schema`` the answer is structured and returned in ``data``."""
        ...
