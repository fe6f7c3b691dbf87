"""The default provider: no network, no key, deterministic.

It wraps :class:`OfflineGenerator`, which builds the workflow from the spec and the retrieved
catalog entries, patterns and templates (``engine.offline.generator``), or modifies the previous
one (``engine.offline.modify``). Both load lazily, so this module loads even while the generator
is absent, and so ``nodepilot generate`` pays for it only when used.
"""

from __future__ import annotations

import logging
from typing import Any

from engine.providers.base import (
    Completion,
    ProviderError,
    ProviderOutput,
    ProviderRequestError,
    UnsupportedError,
)
from engine.types import ContextItem, GenerationRequest, Spec, Usage

log = logging.getLogger(__name__)


class OfflineGenerator:
    """Builds workflows from specs; one instance can serve any number of requests.

    It lives above ``engine.offline.generator`` and ``engine.offline.modify``, so neither has to
    import the other to choose between building and modifying. Both load on first use:
    ``engine.spec`` reads ``engine.offline.operations`` and must not load the generator with it.
    """

    name = "offline"

    def generate(
        self,
        spec: Spec,
        context: list[ContextItem] | tuple[ContextItem, ...] = (),
        previous: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """The workflow for ``spec``; with ``previous``, the modification of that workflow."""
        from engine.offline.generator import generate_workflow
        from engine.offline.modify import modify as modify_workflow

        if previous is not None:
            return modify_workflow(previous, spec.request, spec)
        return generate_workflow(spec, context)


class OfflineProvider:
    name = "offline"
    model = "offline"

    def __init__(self, generator: Any = None) -> None:
        self._generator = generator

    def __repr__(self) -> str:
        return "OfflineProvider()"

    def _gen(self) -> Any:
        if self._generator is None:
            self._generator = OfflineGenerator()
        return self._generator

    def generate_workflow(self, req: GenerationRequest) -> ProviderOutput:
        """Build the workflow from ``req.spec``; the request text alone is not enough."""
        if req.spec is None:
            raise ProviderRequestError(
                "the offline provider needs the structured spec of the request", provider=self.name
            )
        try:
            workflow = self._gen().generate(req.spec, list(req.context), req.previous_workflow)
        except Exception as exc:  # noqa: BLE001 - logged with its traceback and re-raised as named
            log.exception("the offline generator failed on %r", (req.spec.request or "")[:120])
            raise ProviderError(
                "the offline generator could not build a workflow for this request "
                f"({type(exc).__name__}: {exc}); this is a NodePilot bug, not your wording",
                provider=self.name,
            ) from exc
        return ProviderOutput(workflow, "", Usage(), self.name, self.model)

    def complete(
        self,
        system: str,
        messages: list[dict[str, Any]],
        *,
        json_schema: dict[str, Any] | None = None,
        max_tokens: int = 1024,
    ) -> Completion:
        """Not available offline: callers use their local path (classifier, tips) instead."""
        raise UnsupportedError(
            "the offline provider has no language model for free-form prompts",
            provider=self.name,
        )
