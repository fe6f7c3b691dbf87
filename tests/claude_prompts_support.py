"""The pinned Claude prompts: fixed generation requests and what the SDK sends for them.

``tests/fixtures/claude_prompts.jsonl`` holds, per case, a ``GenerationRequest`` (spec,
retrieved items, previous workflow, findings, conversation - captured from bench runs, so no
database, intent model or retrieval is involved in rebuilding it) and the sha256 of each part of
the Anthropic Messages body the official SDK sent for it to ``tests/llm_server.py``. A change
that means to move prompts rewrites the digests:

    .venv/bin/python tests/claude_prompts_support.py --write
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from llm_server import Reply, running_llm_server  # noqa: E402

from engine.providers.anthropic_provider import DEFAULT_MODEL, AnthropicProvider  # noqa: E402
from engine.types import (  # noqa: E402
    AiSpec,
    ContextItem,
    GenerationRequest,
    Message,
    Spec,
    StepSpec,
    TriggerSpec,
)

FIXTURE = ROOT / "tests" / "fixtures" / "claude_prompts.jsonl"
MODEL = DEFAULT_MODEL  # the default: tool offered with tool_choice auto, one request


def encode_request(req: GenerationRequest) -> dict[str, Any]:
    return asdict(req)


def decode_request(doc: dict[str, Any]) -> GenerationRequest:
    spec = doc.get("spec")
    if spec is not None:
        ai = spec.get("ai")
        spec = Spec(
            **{
                **spec,
                "trigger": TriggerSpec(**spec["trigger"]),
                "steps": tuple(StepSpec(**s) for s in spec["steps"]),
                "ai": AiSpec(**{**ai, "tools": tuple(ai["tools"])}) if ai else None,
            }
        )
    return GenerationRequest(
        **{
            **doc,
            "spec": spec,
            "context": tuple(
                ContextItem(**{**c, "node_types": tuple(c["node_types"])}) for c in doc["context"]
            ),
            "conversation": tuple(Message(**m) for m in doc["conversation"]),
            "feedback": tuple(doc["feedback"]),
        }
    )


def _digest(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def body_digests(body: dict[str, Any]) -> dict[str, str]:
    """sha256 of each part of a Messages request body: system, every content block of every
    message (text and cache marks), and the rest (model, tools, tool choice, limits)."""
    out = {"system": _digest(body.get("system"))}
    for m, message in enumerate(body.get("messages", [])):
        for b, block in enumerate(message.get("content", [])):
            out[f"messages[{m}].{message.get('role')}[{b}]"] = _digest(block)
    rest = {k: v for k, v in body.items() if k not in ("system", "messages")}
    out["rest"] = _digest(rest)
    return out


@contextmanager
def claude_against_local_server() -> Iterator[Any]:
    """``(provider, server)``: the Anthropic provider (official SDK) talking to a local server."""
    with running_llm_server() as server:
        provider = AnthropicProvider(
            api_key="sk-ant-pinned-prompts", model=MODEL, base_url=server.url
        )
        yield provider, server


def sent_bodies(requests: list[GenerationRequest]) -> list[dict[str, Any]]:
    """The Messages body the SDK sent for each request (the server answers a workflow)."""
    answer = {"name": "pinned", "nodes": [], "connections": {}}
    bodies = []
    with claude_against_local_server() as (provider, server):
        for req in requests:
            server.reset()
            server.push(Reply.workflow(answer, input_tokens=10, output_tokens=10))
            provider.generate_workflow(req)
            (recorded,) = server.wait_for_requests(1)
            bodies.append(recorded.body)
    return bodies


def read_cases() -> list[dict[str, Any]]:
    return [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines()]


def write_digests() -> None:
    """Recompute every case's digests from the code as it is now (an intended prompt change)."""
    cases = read_cases()
    bodies = sent_bodies([decode_request(c["request"]) for c in cases])
    lines = [
        json.dumps({**case, "digests": body_digests(body)}, ensure_ascii=False, sort_keys=True)
        for case, body in zip(cases, bodies, strict=True)
    ]
    FIXTURE.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    print(f"{FIXTURE.relative_to(ROOT)}: {len(lines)} cases", file=sys.stderr)


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        raise SystemExit(__doc__)
    os.environ.pop("ANTHROPIC_BASE_URL", None)
    write_digests()
