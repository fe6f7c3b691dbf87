"""Quality lints in the generation loop: repaired when one fix is right, fed back to the model.

The model is the official Anthropic SDK talking HTTP to the local wire-protocol server, as in
``test_pipeline.py``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from llm_server import Reply, running_llm_server

from engine.pipeline import Pipeline
from engine.validation.validator import validate_workflow
from nodepilot.config import Settings, get_settings
from tests.lints_support import BASE, agent_workflow, defined_agent, headers, node

REQUEST = "When I start it, summarise the latest support email with an AI agent"
TOKEN = "a1B2c3D4e5F6g7H8i9J0k1L2m3N4"


@pytest.fixture()
def llm(indexed: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Pipeline, object]]:
    with running_llm_server() as server:
        monkeypatch.setenv("NODEPILOT_ANTHROPIC_BASE_URL", server.url)
        monkeypatch.setenv("NODEPILOT_ANTHROPIC_API_KEY", "sk-ant-test-0123456789")
        get_settings.cache_clear()
        with Pipeline(provider="anthropic", use_cache=False) as p:
            yield p, server
    get_settings.cache_clear()


def _with_secret_and_mystery(doc: dict) -> dict:
    """A leaked bearer token (a lint) plus a node n8n does not know (an unrepairable error)."""
    call = node(
        "Call API",
        BASE + "httpRequest",
        {
            "url": "https://api.example.com",
            "options": {},
            **headers(("Authorization", f"Bearer {TOKEN}")),
        },
        4.2,
        x=440,
    )
    mystery = node("Mystery", BASE + "totallyMadeUpNode", {}, 1, x=660)
    doc["nodes"] += [call, mystery]
    doc["connections"]["Agent"] = {"main": [[{"node": "Call API", "type": "main", "index": 0}]]}
    doc["connections"]["Call API"] = {"main": [[{"node": "Mystery", "type": "main", "index": 0}]]}
    return doc


def test_feedback_round_carries_the_lints_without_the_secret(llm: tuple[Pipeline, object]) -> None:
    p, server = llm
    good = agent_workflow(defined_agent("=Summarise: {{ JSON.stringify($json) }}"))
    bad = _with_secret_and_mystery(agent_workflow(defined_agent("=Summarise {{ $json.x }}")))
    server.push(Reply.workflow(bad), Reply.workflow(good))
    result = p.run(REQUEST)
    assert result.status == "succeeded" and result.repair_rounds == 1
    feedback = json.dumps(server.requests[-1].body)
    assert "unknown_node_type" in feedback and "hardcoded_credential" in feedback
    lines = [ln for ln in _strings(server.requests[-1].body) for ln in ln.splitlines()]
    [lint_line] = [ln for ln in lines if "hardcoded_credential at" in ln]
    assert "Call API" in lint_line and TOKEN not in lint_line  # the finding never names it


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def test_valid_answer_with_a_static_prompt_is_repaired_without_a_round(
    llm: tuple[Pipeline, object],
) -> None:
    p, server = llm
    server.push(Reply.workflow(agent_workflow(defined_agent("Summarise the latest email."))))
    result = p.run(REQUEST)
    assert result.status == "succeeded" and result.repair_rounds == 0
    assert [f["code"] for f in result.fixes] == ["agent_static_prompt"]
    agent = next(n for n in result.workflow["nodes"] if n["name"] == "Agent")
    assert agent["parameters"]["text"].startswith("=Summarise the latest email.")
    assert "agent_static_prompt" not in validate_workflow(result.workflow, "strict").codes()
    assert len(server.requests) == 1
