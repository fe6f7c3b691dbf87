"""Property tests for the static-prompt repair: any agent / chain parameters, never raises,
idempotent, and a repaired prompt never trips the lint again."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.validation.repair import repair_workflow
from engine.validation.validator import validate_workflow
from tests.lints_support import agent_workflow, chain_workflow

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner, max_size=3)
    ),
    max_leaves=15,
)
PROMPTS = st.one_of(st.none(), st.text(max_size=40), st.sampled_from(["=", "={{ $json.x }}", "{{"]))
PARAMS = st.fixed_dictionaries(
    {},
    optional={
        "promptType": st.sampled_from(["define", "auto", "guardrails", None, 3]),
        "text": PROMPTS | JSON,
        "options": st.one_of(JSON, st.fixed_dictionaries({"systemMessage": PROMPTS})),
        "messages": JSON,
    },
)
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(PARAMS, st.booleans(), st.booleans())
def test_static_prompt_repair_is_total_and_idempotent(
    params: dict[str, Any], chat: bool, chain: bool
) -> None:
    doc = chain_workflow("x") if chain else agent_workflow({}, chat=chat)
    doc["nodes"][1]["parameters"] = params
    first = repair_workflow(doc)
    assert repair_workflow(first.workflow).fixes == []
    codes = validate_workflow(first.workflow, "runtime").codes()
    assert "agent_static_prompt" not in codes
    if any(f.code == "agent_static_prompt" for f in first.fixes):
        text = first.workflow["nodes"][1]["parameters"]["text"]
        assert text.startswith("=") and "{{" in text
