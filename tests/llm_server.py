"""A local HTTP server speaking the Anthropic Messages and OpenAI Chat Completions wire formats.

Provider tests (and the pipeline-overhead benchmark) talk to it through the official SDKs over
real HTTP, so retries, timeouts, headers and response parsing are exercised exactly as against
the vendors - without network, keys or cost. Each test scripts the replies it wants in order
(``server.push(Reply.workflow(...))``, ``Reply.error(429, retry_after="0.2")``, ...) and then
inspects ``server.requests`` to see what the client sent (headers, body, arrival time).

Replies are written format-agnostically: ``Reply.workflow(doc)`` becomes a ``tool_use`` block on
``POST /v1/messages`` and a JSON message content on ``POST /v1/chat/completions``.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Literal

ANTHROPIC_PATH = "/v1/messages"
OPENAI_PATH = "/v1/chat/completions"

ReplyKind = Literal["data", "text", "error", "raw"]


@dataclass
class Reply:
    """One scripted response. Build them with the class methods."""

    kind: ReplyKind
    payload: Any = None
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    usage: dict[str, int] = field(default_factory=dict)
    stop: str | None = None

    @classmethod
    def workflow(cls, doc: Any, **usage: int) -> Reply:
        """A structured answer: tool_use input (Anthropic) / JSON content (OpenAI)."""
        return cls("data", doc, usage=usage)

    data = workflow

    @classmethod
    def text(cls, text: str, **usage: int) -> Reply:
        """A plain text answer: a text block / a message content string (e.g. broken JSON)."""
        return cls("text", text, usage=usage)

    @classmethod
    def error(
        cls,
        status: int,
        *,
        retry_after: str | None = None,
        retry_after_ms: str | None = None,
        message: str = "scripted error",
    ) -> Reply:
        """An HTTP error with the vendor's error body (and retry-after headers when given)."""
        headers = {}
        if retry_after is not None:
            headers["retry-after"] = retry_after
        if retry_after_ms is not None:
            headers["retry-after-ms"] = retry_after_ms
        return cls("error", message, status=status, headers=headers)

    @classmethod
    def raw(cls, body: bytes, status: int = 200, content_type: str = "application/json") -> Reply:
        """Exactly these bytes as the response body (e.g. a malformed JSON body)."""
        return cls("raw", body, status=status, headers={"content-type": content_type})

    def after(self, seconds: float) -> Reply:
        """The same reply, sent only after ``seconds`` (to trigger a client timeout)."""
        self.delay = seconds
        return self

    def truncated(self) -> Reply:
        """Mark the reply as cut off at the token limit (stop_reason / finish_reason)."""
        self.stop = "length"
        return self


@dataclass(frozen=True)
class RecordedRequest:
    """What the server received: method, path, lower-cased headers, parsed body, arrival."""

    method: str
    path: str
    headers: dict[str, str]
    body: Any
    raw_body: bytes
    received_at: float  # time.monotonic()


class LLMTestServer:
    """The server plus its script and log. Use ``running_llm_server()`` or ``start``/``close``."""

    def __init__(self) -> None:
        self._script: deque[Reply] = deque()
        self._lock = threading.Condition()
        self._closing = threading.Event()
        self.requests: list[RecordedRequest] = []
        handler = _make_handler(self)
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    # -- lifecycle ---------------------------------------------------------------------------
    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def url(self) -> str:
        """Base URL without the API version (what the Anthropic SDK's base_url wants)."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def openai_url(self) -> str:
        """Base URL for the OpenAI SDK (it appends /chat/completions to it)."""
        return f"{self.url}/v1"

    def start(self) -> LLMTestServer:
        self._thread.start()
        return self

    def close(self) -> None:
        self._closing.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    # -- scripting -----------------------------------------------------------------------------
    def push(self, *replies: Reply) -> None:
        """Queue replies; each request consumes the next one."""
        with self._lock:
            self._script.extend(replies)

    def reset(self) -> None:
        with self._lock:
            self._script.clear()
            self.requests.clear()

    @property
    def pending(self) -> int:
        """Scripted replies not yet consumed."""
        with self._lock:
            return len(self._script)

    def wait_for_requests(self, count: int, timeout: float = 5.0) -> list[RecordedRequest]:
        """Block until ``count`` requests arrived (event-driven, no polling sleeps)."""
        with self._lock:
            self._lock.wait_for(lambda: len(self.requests) >= count, timeout=timeout)
            return list(self.requests)

    # -- used by the handler -----------------------------------------------------------------
    def _record_and_take(self, req: RecordedRequest) -> Reply | None:
        with self._lock:
            self.requests.append(req)
            reply = self._script.popleft() if self._script else None
            self._lock.notify_all()
            return reply


@contextmanager
def running_llm_server() -> Iterator[LLMTestServer]:
    """A started server, closed on exit."""
    server = LLMTestServer().start()
    try:
        yield server
    finally:
        server.close()


# -- wire formats ---------------------------------------------------------------------------------
def _anthropic_body(reply: Reply, request: dict[str, Any]) -> dict[str, Any]:
    usage = {
        "input_tokens": reply.usage.get("input_tokens", 100),
        "output_tokens": reply.usage.get("output_tokens", 50),
        "cache_read_input_tokens": reply.usage.get("cache_read_tokens", 0),
        "cache_creation_input_tokens": reply.usage.get("cache_write_tokens", 0),
    }
    if reply.kind == "data":
        choice = request.get("tool_choice") or {}
        tool = choice.get("name") or ((request.get("tools") or [{}])[0]).get("name", "tool")
        content: list[dict[str, Any]] = [
            {"type": "tool_use", "id": "toolu_test_1", "name": tool, "input": reply.payload}
        ]
        stop = "tool_use"
    else:
        content = [{"type": "text", "text": str(reply.payload)}]
        stop = "end_turn"
    if reply.stop == "length":
        stop = "max_tokens"
    return {
        "id": "msg_test_1",
        "type": "message",
        "role": "assistant",
        "model": request.get("model", "test-model"),
        "content": content,
        "stop_reason": stop,
        "stop_sequence": None,
        "usage": usage,
    }


def _openai_body(reply: Reply, request: dict[str, Any]) -> dict[str, Any]:
    cached = reply.usage.get("cache_read_tokens", 0)
    prompt = reply.usage.get("input_tokens", 100) + cached  # OpenAI counts cached inside prompt
    completion = reply.usage.get("output_tokens", 50)
    text = json.dumps(reply.payload) if reply.kind == "data" else str(reply.payload)
    return {
        "id": "chatcmpl-test-1",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": request.get("model", "test-model"),
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": text, "refusal": None},
                "finish_reason": "length" if reply.stop == "length" else "stop",
                "logprobs": None,
            }
        ],
        "usage": {
            "prompt_tokens": prompt,
            "completion_tokens": completion,
            "total_tokens": prompt + completion,
            "prompt_tokens_details": {"cached_tokens": cached},
        },
    }


def _error_body(path: str, status: int, message: str) -> dict[str, Any]:
    if path == ANTHROPIC_PATH:
        kind = {429: "rate_limit_error", 529: "overloaded_error"}.get(status, "api_error")
        return {"type": "error", "error": {"type": kind, "message": message}}
    return {"error": {"message": message, "type": "server_error", "code": None, "param": None}}


def _make_handler(server: LLMTestServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Headers and body go out in separate writes; with Nagle on, the client's delayed ACK
        # adds ~40 ms to every response, which would swamp overhead measurements.
        disable_nagle_algorithm = True

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib name
            """Silent: the tests read ``server.requests`` instead of a log."""

        def do_POST(self) -> None:  # noqa: N802 - stdlib naming
            length = int(self.headers.get("content-length") or 0)
            raw = self.rfile.read(length) if length else b""
            try:
                body = json.loads(raw) if raw else None
            except ValueError:
                body = None
            recorded = RecordedRequest(
                method="POST",
                path=self.path,
                headers={k.lower(): v for k, v in self.headers.items()},
                body=body,
                raw_body=raw,
                received_at=time.monotonic(),
            )
            reply = server._record_and_take(recorded)
            if reply is None:
                self._send(400, _error_body(self.path, 400, "test server: no scripted reply left"))
                return
            if reply.delay and server._closing.wait(reply.delay):
                return
            if self.path not in (ANTHROPIC_PATH, OPENAI_PATH):
                self._send(404, _error_body(self.path, 404, f"unknown path {self.path}"))
                return
            if reply.kind == "error":
                self._send(
                    reply.status, _error_body(self.path, reply.status, reply.payload), reply.headers
                )
            elif reply.kind == "raw":
                self._send_bytes(reply.status, reply.payload, reply.headers)
            elif self.path == ANTHROPIC_PATH:
                self._send(200, _anthropic_body(reply, body or {}), reply.headers)
            else:
                self._send(200, _openai_body(reply, body or {}), reply.headers)

        def _send(self, status: int, doc: Any, headers: dict[str, str] | None = None) -> None:
            extra = {"content-type": "application/json", **(headers or {})}
            self._send_bytes(status, json.dumps(doc).encode(), extra)

        def _send_bytes(self, status: int, data: bytes, headers: dict[str, str]) -> None:
            try:
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                if "request-id" not in headers:
                    self.send_header("request-id", "req_test")
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (timeout test): nothing to answer

    return Handler
