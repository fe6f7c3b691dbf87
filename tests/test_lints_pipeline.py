"""Quality lints in the generation loop: repaired when one fix is right, fed back to the model.

The model is the official Anthropic SDK talking HTTP to the local wire-protocol server: the
``llm`` fixture of ``test_pipeline.py``.
"""

from __future__ import annotations

import json

from llm_server import Reply

from engine.pipeline import Pipeline
from engine.validation.expressions import iter_strings
from engine.validation.validator import validate_workflow
from tests.lints_support import BASE, agent_workflow, defined_agent, headers, node
from tests.test_pipeline import llm  # noqa: F401  (the Anthropic-over-local-server pipeline)

REQUEST = "When I start it, summarise the latest support email with an AI agent"
TOKEN = "a1B2c3D4e5F6g7H8i9J0k1L2m3N4"


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


def test_feedback_round_carries_the_lints_without_the_secret(
    llm: tuple[Pipeline, object],  # noqa: F811
) -> None:
    p, server = llm
    good = agent_workflow(defined_agent("=Summarise: {{ JSON.stringify($json) }}"))
    bad = _with_secret_and_mystery(agent_workflow(defined_agent("=Summarise {{ $json.x }}")))
    server.push(Reply.workflow(bad), Reply.workflow(good))
    result = p.run(REQUEST)
    assert result.status == "succeeded" and result.repair_rounds == 1
    feedback = json.dumps(server.requests[-1].body)
    assert "unknown_node_type" in feedback and "hardcoded_credential" in feedback
    texts = [text for _path, text, _key in iter_strings(server.requests[-1].body, "$")]
    lines = [ln for text in texts for ln in text.splitlines()]
    [lint_line] = [ln for ln in lines if "hardcoded_credential at" in ln]
    assert "Call API" in lint_line and TOKEN not in lint_line  # the finding never names it


def test_valid_answer_with_a_static_prompt_is_repaired_without_a_round(
    llm: tuple[Pipeline, object],  # noqa: F811
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
