"""An offline generator that fails says so, instead of handing back a stand-in workflow.

The generator used to swallow any exception and return trigger -> No Operation. That looked
like an answer (the service charged for it) while hiding the bug; once, a typo turned every
output into that shape. Now the provider raises a ``ProviderError`` naming what failed, which
the pipeline turns into a failed generation (the service: 502, not charged).
"""

from __future__ import annotations

from typing import Any

import pytest

from engine.providers.base import ProviderError
from engine.providers.offline import OfflineProvider
from engine.types import GenerationRequest, Spec, TriggerSpec

BASE = "n8n-nodes-base."


class _BrokenGenerator:
    """Stands in for the offline generator with a bug in it."""

    def generate(self, spec: Spec, context: Any, previous: Any) -> dict[str, Any]:
        raise KeyError("resource")


def _request(text: str) -> GenerationRequest:
    spec = Spec(request=text, trigger=TriggerSpec("manual", BASE + "manualTrigger"))
    return GenerationRequest(request=text, spec=spec)


def test_a_generator_bug_becomes_a_named_provider_error() -> None:
    provider = OfflineProvider(generator=_BrokenGenerator())
    with pytest.raises(ProviderError) as raised:
        provider.generate_workflow(_request("copy new Stripe refunds to a sheet"))
    assert raised.value.provider == "offline"
    assert "offline generator could not build" in raised.value.message
    assert "KeyError" in raised.value.message
    assert isinstance(raised.value.__cause__, KeyError)


def test_the_real_generator_still_answers_with_a_workflow() -> None:
    from engine.spec import build_spec
    from engine.types import IntentResult

    text = "every monday at 9 post a hello to the #team channel in slack"
    spec = build_spec(text, IntentResult("workflow_request", 1.0), (), optimizer="local")
    out = OfflineProvider().generate_workflow(GenerationRequest(request=text, spec=spec))
    assert out.workflow is not None
    types = {node["type"] for node in out.workflow["nodes"]}
    assert {BASE + "scheduleTrigger", BASE + "slack"} <= types
    assert out.provider == "offline"
