"""The anthropic and openai providers send the node schemas and the correctable spec, over real
HTTP to tests/llm_server.py (official SDKs, nothing patched); the static part stays cached."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from context_support import README_REQUEST, local_spec
from llm_server import LLMTestServer, Reply, running_llm_server

from engine.providers import RetryPolicy, get_provider
from engine.types import GenerationRequest
from nodepilot.config import Settings

SLACK_HEADER = "## Slack `n8n-nodes-base.slack` typeVersion 2.7"
CHANNEL = '- `channelId` resourceLocator, required: {"__rl": true, "mode": "list"'
WORKFLOW = {
    "name": "Refunds",
    "nodes": [
        {
            "id": "00000000-0000-4000-8000-000000000001",
            "name": "Start",
            "type": "n8n-nodes-base.manualTrigger",
            "typeVersion": 1,
            "position": [0, 0],
            "parameters": {},
        }
    ],
    "connections": {},
}
FINDING = {
    "code": "unknown_parameter",
    "severity": "error",
    "node": "Post",
    "message": "parameter 'channel' is not defined",
}
FAILED = {
    "nodes": [
        {
            "name": "Post",
            "type": "n8n-nodes-base.slack",
            "parameters": {"resource": "message", "operation": "post", "channel": "#finance"},
        }
    ]
}


@pytest.fixture()
def server() -> Iterator[LLMTestServer]:
    with running_llm_server() as running:
        yield running
        assert running.pending == 0, "a scripted reply was never requested"


def _provider(name: str, server: LLMTestServer) -> object:
    settings = Settings(
        anthropic_api_key="sk-ant-test-context-0000000000000000",
        anthropic_base_url=server.url,
        openai_api_key="sk-test-context-00000000000000000000",
        openai_base_url=server.openai_url,
    )
    model = "claude-sonnet-4-6" if name == "anthropic" else None
    return get_provider(
        name, model, settings=settings, retry=RetryPolicy(max_attempts=1), timeout=5.0
    )


def _request(**extra: object) -> GenerationRequest:
    return GenerationRequest(request=README_REQUEST, spec=local_spec(README_REQUEST), **extra)  # type: ignore[arg-type]


def test_anthropic_sends_schemas_in_the_cached_block_and_the_spec_in_the_task(
    server: LLMTestServer,
) -> None:
    server.push(Reply.workflow(WORKFLOW), Reply.workflow(WORKFLOW))
    provider = _provider("anthropic", server)
    provider.generate_workflow(_request())  # type: ignore[attr-defined]
    provider.generate_workflow(_request(feedback=(FINDING,), failed_workflow=FAILED, attempt=1))  # type: ignore[attr-defined]
    first, repair = (r.body for r in server.requests)
    assert first["system"][0]["cache_control"] == {"type": "ephemeral"}
    context, task = first["messages"][0]["content"]
    assert context["cache_control"] == {"type": "ephemeral"}
    assert context["text"].startswith("# Node schemas")
    assert SLACK_HEADER in context["text"] and CHANNEL in context["text"]
    assert "`n8n-nodes-base.googleSheets` typeVersion 4.7" in context["text"]
    assert "cache_control" not in task
    assert "It can be wrong" in task["text"] and "confidence low" in task["text"]
    # the feedback round re-sends the same cached prefix, and names the Slack schema
    assert repair["system"] == first["system"]
    assert repair["messages"][0]["content"][0] == context
    repair_task = repair["messages"][0]["content"][1]["text"]
    assert "unknown_parameter at Post" in repair_task
    assert f'Node "Post":\n{SLACK_HEADER}' in repair_task and CHANNEL in repair_task


def test_openai_sends_schemas_first_then_the_task(server: LLMTestServer) -> None:
    server.push(Reply.workflow(WORKFLOW))
    _provider("openai", server).generate_workflow(_request())  # type: ignore[attr-defined]
    body = server.requests[0].body
    system, user = body["messages"]
    assert system["role"] == "system" and "workflow builder" in system["content"]
    assert "Node schemas" in system["content"]  # the system prompt explains them
    text = user["content"]
    assert text.startswith("# Node schemas") and SLACK_HEADER in text and CHANNEL in text
    assert text.index(SLACK_HEADER) < text.index("# Reference material") < text.index("<request>")
    assert text.index("<request>") < text.index("It can be wrong")
    assert body["prompt_cache_key"].startswith("nodepilot-")
