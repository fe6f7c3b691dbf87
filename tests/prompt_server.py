"""A fake LLM vendor whose answers depend on the prompt it is sent, over the real wire formats.

It extends ``tests/llm_server.py`` (Anthropic Messages and OpenAI Chat Completions) with a
"model" that follows its system prompt: each request needs one of the first ``RULES_NEEDED``
rules (bullet lines, ``- ...``) of the system prompt, chosen by a hash of the request. When the
system prompt has that rule, the model answers well - the workflow NodePilot's offline
generator builds for the request in the task's ``<request>`` tags; otherwise it answers with a fixed
two-node workflow that misses the request. So the real ``workflow_generation`` prompt (15
rules) scores like the offline engine, and a copy with half its rules deleted scores
significantly lower: a prompt change really changes scores.

Free-form calls (question answering, conversation) get a short text; the LLM intent classifier
gets the local classifier's answer.

Run as a program (``python tests/prompt_server.py --port-file F``) it serves until killed and
writes its port to F once listening: the prompt-gate script test starts it that way.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import signal
import sys
import threading
from pathlib import Path
from typing import Any

from llm_server import ANTHROPIC_PATH, LLMTestServer, RecordedRequest, Reply

#: How many distinct rules the requests draw on (the real prompt has more than this).
RULES_NEEDED = 12
_REQUEST = re.compile(r"<request>\n?(.*?)\n?</request>", re.DOTALL)
_MESSAGE = re.compile(r"<message>\n?(.*?)\n?</message>", re.DOTALL)


def _text(content: Any) -> str:
    """Message content as text (a string, or the SDKs' list of text blocks)."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "\n".join(str(b.get("text", "")) for b in content if isinstance(b, dict))
    return ""


def split_request(path: str, body: dict[str, Any]) -> tuple[str, str]:
    """(system prompt, everything the user turns say) of one wire request."""
    messages = body.get("messages") or []
    if path == ANTHROPIC_PATH:
        system = _text(body.get("system"))
    else:
        system = "\n".join(_text(m.get("content")) for m in messages if m.get("role") == "system")
    user = "\n".join(_text(m.get("content")) for m in messages if m.get("role") == "user")
    return system, user


def rule_count(system: str) -> int:
    return sum(1 for line in system.splitlines() if line.startswith("- "))


def needed_rule(request: str) -> int:
    return int(hashlib.sha256(request.encode()).hexdigest(), 16) % RULES_NEEDED


def spec_from_task(task: str) -> Any | None:
    """The structured reading of the request in the task's ``<request>`` tags, as NodePilot's
    local optimizer makes it (what a capable model would work out); None without a request."""
    from engine.intent.classifier import classify
    from engine.spec import build_spec

    found = _REQUEST.search(task)
    if found is None:
        return None
    text = found.group(1).strip()
    return build_spec(text, classify(text, (), classifier="local"), (), optimizer="local")


def _schema_of(path: str, body: dict[str, Any]) -> dict[str, Any] | None:
    if path == ANTHROPIC_PATH:
        tools = body.get("tools") or []
        return tools[0].get("input_schema") if tools else None
    fmt = body.get("response_format") or {}
    return (fmt.get("json_schema") or {}).get("schema")


#: Good answers by request text, shared by every server of the process (the answer depends on
#: the request only, and building it is most of the server's time).
_GOOD: dict[str, dict[str, Any]] = {}
_GOOD_LOCK = threading.Lock()
_GENERATOR: list[Any] = []


def good_answer(request: str, task: str) -> dict[str, Any]:
    """The offline engine's workflow for ``request`` (computed once per process)."""
    with _GOOD_LOCK:
        if request not in _GOOD:
            if not _GENERATOR:
                from engine.providers.offline import OfflineGenerator

                _GENERATOR.append(OfflineGenerator())
            _GOOD[request] = _GENERATOR[0].generate(spec_from_task(task))
        return _GOOD[request]


class PromptFollowingServer(LLMTestServer):
    """Answers by what the prompt says (see the module docstring), counting both kinds."""

    def __init__(self) -> None:
        super().__init__()
        self.good = 0
        self.poor = 0

    def _record_and_take(self, req: RecordedRequest) -> Reply | None:
        with self._lock:
            self.requests.append(req)
            self._lock.notify_all()
        body = req.body or {}
        schema = _schema_of(req.path, body) or {}
        props = schema.get("properties") or {}
        system, user = split_request(req.path, body)
        if "nodes" in props:
            return self._workflow(system, user)
        if "intent" in props:
            from engine.intent.classifier import classify

            message = _REQUEST.search(user) or re.search(
                r"<message>\n?(.*?)\n?</message>", user, re.S
            )
            guess = classify(message.group(1) if message else user, (), classifier="local")
            answer = {"intent": guess.intent, "confidence": guess.confidence, "reason": "local"}
            return Reply.data(answer, input_tokens=400, output_tokens=20)
        return Reply.text("A short answer.", input_tokens=200, output_tokens=30)

    def _workflow(self, system: str, task: str) -> Reply:
        from test_eval_fixtures import VALID_WORKFLOW

        found = _REQUEST.search(task)
        request = found.group(1).strip() if found else None
        if request is not None and rule_count(system) > needed_rule(request):
            workflow = good_answer(request, task)
            with self._lock:
                self.good += 1
            return Reply.workflow(workflow, input_tokens=1500, output_tokens=300)
        with self._lock:
            self.poor += 1
        return Reply.workflow(VALID_WORKFLOW, input_tokens=1500, output_tokens=300)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port-file", type=Path, required=True)
    args = parser.parse_args(argv)
    server = PromptFollowingServer().start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    tmp = args.port_file.with_suffix(".tmp")
    tmp.write_text(str(server.port))
    tmp.rename(args.port_file)
    try:
        stop.wait()
    except KeyboardInterrupt:
        pass
    server.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
