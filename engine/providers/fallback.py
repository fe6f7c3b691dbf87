"""A provider chain: try each provider in order until one gives a usable answer.

A member is passed over when it fails (unavailable after its retries, refused, unsupported),
when its output is not a workflow, or when the optional ``accept`` check (e.g. the pipeline's
"validates after deterministic repair") reports problems. Each output records every attempt and
who answered; the usage of failed attempts is added, since they were paid for too.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from engine.providers.base import (
    Attempt,
    Completion,
    InvalidOutputError,
    Provider,
    ProviderError,
    ProviderOutput,
    ProviderUnavailableError,
)
from engine.types import GenerationRequest, Usage

#: ``accept(workflow) -> problems``; an empty list means the workflow is good enough.
AcceptCheck = Callable[[dict[str, Any]], Sequence[str]]


class FallbackProvider:
    """``name`` is the chain (``anthropic>openai>offline``); outputs say who answered."""

    def __init__(
        self,
        providers: Sequence[Provider],
        *,
        accept: AcceptCheck | None = None,
        skipped: Sequence[Attempt] = (),
    ) -> None:
        if not providers:
            raise ValueError("a fallback chain needs at least one provider")
        self.providers = list(providers)
        self.accept = accept
        self.skipped = list(skipped)  # members left out at construction (e.g. no key)
        self.name = ">".join(p.name for p in self.providers)
        self.model = ">".join(p.model for p in self.providers)

    def __repr__(self) -> str:
        return f"FallbackProvider({self.providers!r})"

    def generate_workflow(self, req: GenerationRequest) -> ProviderOutput:
        attempts = list(self.skipped)
        usage = Usage()
        last_bad: ProviderOutput | None = None
        errors: list[str] = []
        for provider in self.providers:
            try:
                out = provider.generate_workflow(req)
            except ProviderError as exc:
                attempts.append(Attempt(provider.name, provider.model, False, str(exc)))
                errors.append(f"{provider.name}: {exc}")
                continue
            usage.add(out.usage)
            problems = out.problems if out.workflow is None else self._check(out.workflow)
            if problems:
                attempts.append(
                    Attempt(provider.name, provider.model, False, "; ".join(problems[:3]))
                )
                errors.append(f"{provider.name}: {'; '.join(problems[:3])}")
                last_bad = out
                continue
            attempts.append(Attempt(provider.name, provider.model, True))
            out.usage, out.attempts = usage, attempts
            return out
        if last_bad is not None:
            # Nobody produced a usable workflow, but someone answered: hand the last answer
            # back so the pipeline can run a feedback round on it.
            last_bad.usage, last_bad.attempts = usage, attempts
            return last_bad
        raise ProviderUnavailableError(
            "every provider in the chain failed: " + " | ".join(errors),
            provider=self.name,
            attempts=len(attempts),
        )

    def _check(self, workflow: dict[str, Any]) -> list[str]:
        return list(self.accept(workflow)) if self.accept is not None else []

    def complete(
        self,
        system: str,
        messages: list[dict[str, Any]],
        *,
        json_schema: dict[str, Any] | None = None,
        max_tokens: int = 1024,
    ) -> Completion:
        errors: list[str] = []
        spent = Usage()
        for provider in self.providers:
            try:
                result = provider.complete(
                    system, messages, json_schema=json_schema, max_tokens=max_tokens
                )
            except ProviderError as exc:
                if isinstance(exc, InvalidOutputError):
                    spent.add(exc.usage)
                errors.append(f"{provider.name}: {exc}")
                continue
            spent.add(result.usage)
            result.usage = spent
            return result
        raise ProviderUnavailableError(
            "every provider in the chain failed: " + " | ".join(errors), provider=self.name
        )
