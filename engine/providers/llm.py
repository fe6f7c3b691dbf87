"""Behaviour shared by the networked providers: retries, error mapping, output checking.

A vendor subclass implements one method, ``_send`` - a single HTTP call through the official
SDK returning a :class:`RawAnswer` - and names its SDK module. Everything else (the retry loop,
turning SDK exceptions into our typed errors, parsing and checking structured output, the
generation prompt layout) lives here so every vendor behaves the same.
"""

from __future__ import annotations

import dataclasses
import json
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from engine.providers.base import (
    Completion,
    InvalidOutputError,
    ProviderOutput,
    ProviderRequestError,
    ProviderUnavailableError,
)
from engine.providers.messages import build_generation_prompt
from engine.providers.output import (
    WORKFLOW_TOOL_DESCRIPTION,
    WORKFLOW_TOOL_NAME,
    WORKFLOW_TOOL_SCHEMA,
    extract_workflow,
    parse_json_text,
    schema_problems,
)
from engine.providers.retry import (
    RETRYABLE_STATUS,
    Failure,
    GiveUp,
    RetryPolicy,
    call_with_retries,
    parse_retry_after,
)
from engine.types import GenerationRequest, Usage

DEFAULT_TIMEOUT = 120.0  # seconds per HTTP call: a large workflow takes a while to write
DEFAULT_MAX_TOKENS = 16384  # generation answers (room for thinking); complete() uses 1024
RESPONSE_SCHEMA_NAME = "respond"


@dataclass(frozen=True)
class Part:
    """A piece of a message; ``cache`` marks the end of a cacheable prefix."""

    text: str
    cache: bool = False


@dataclass(frozen=True)
class Turn:
    role: str
    parts: tuple[Part, ...]


@dataclass
class RawAnswer:
    """One vendor answer before checking: ``data`` is set when the vendor returned parsed
    structured data (an Anthropic tool call); otherwise ``text`` holds what the model wrote."""

    text: str
    data: Any = None
    truncated: bool = False
    refusal: str | None = None
    usage: Usage = field(default_factory=Usage)


class LLMProvider:
    """Base class of the Anthropic and OpenAI(-compatible) providers."""

    name: str = "llm"
    #: Environment variable to name in authentication errors.
    key_hint: str = ""

    def __init__(
        self,
        *,
        model: str,
        secrets: Sequence[str] = (),
        timeout: float = DEFAULT_TIMEOUT,
        retry: RetryPolicy | None = None,
        max_tokens: int = DEFAULT_MAX_TOKENS,
        sleep: Callable[[float], None] = time.sleep,
        rng: random.Random | None = None,
    ) -> None:
        self.model = model
        self.timeout = timeout
        self.retry = retry or RetryPolicy()
        self.max_tokens = max_tokens
        self._sleep = sleep
        self._rng = rng
        self._secrets = tuple(s for s in secrets if s)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(name={self.name!r}, model={self.model!r})"

    # -- to implement --------------------------------------------------------------------------
    def _sdk(self) -> ModuleType:
        raise NotImplementedError

    def _send(
        self,
        system: str,
        turns: list[Turn],
        *,
        json_schema: dict[str, Any] | None,
        schema_name: str,
        schema_description: str,
        max_tokens: int,
    ) -> RawAnswer:
        raise NotImplementedError

    # -- public API ----------------------------------------------------------------------------
    def generate_workflow(self, req: GenerationRequest) -> ProviderOutput:
        """Ask the model for a workflow; unusable output comes back as ``workflow=None`` with
        ``error`` set (never raised), transport failures raise :class:`ProviderError`s."""
        prompt = build_generation_prompt(req)
        turns = [Turn("user", (Part(prompt.context, cache=True), Part(prompt.task)))]
        try:
            data, raw, usage = self._structured(
                prompt.system,
                turns,
                WORKFLOW_TOOL_SCHEMA,
                WORKFLOW_TOOL_NAME,
                WORKFLOW_TOOL_DESCRIPTION,
                self.max_tokens,
                check_schema=False,
            )
        except InvalidOutputError as exc:
            return ProviderOutput(None, exc.raw_text, exc.usage, self.name, self.model, error=exc)
        workflow, problems = extract_workflow(data)
        if workflow is None:
            error = InvalidOutputError(
                problems, raw_text=raw, data=data, usage=usage, provider=self.name
            )
            return ProviderOutput(None, raw, usage, self.name, self.model, error=error)
        return ProviderOutput(workflow, raw, usage, self.name, self.model)

    def complete(
        self,
        system: str,
        messages: list[dict[str, Any]],
        *,
        json_schema: dict[str, Any] | None = None,
        max_tokens: int = 1024,
    ) -> Completion:
        """A free-form or (with ``json_schema``) structured answer; bad structured output
        raises :class:`InvalidOutputError`."""
        turns = []
        for i, msg in enumerate(messages):
            role, content = msg.get("role"), msg.get("content")
            if role not in ("user", "assistant") or not isinstance(content, str):
                raise ValueError(
                    f"messages[{i}] must be {{'role': 'user'|'assistant', 'content': str}}"
                )
            turns.append(Turn(role, (Part(content),)))
        if json_schema is None:
            answer = self._call(
                system,
                turns,
                json_schema=None,
                schema_name="",
                schema_description="",
                max_tokens=max_tokens,
            )
            if answer.refusal:
                raise InvalidOutputError(
                    [f"the model refused: {self._scrub(answer.refusal)}"],
                    usage=answer.usage,
                    provider=self.name,
                )
            return Completion(answer.text, None, answer.usage, self.name, self.model)
        data, raw, usage = self._structured(
            system,
            turns,
            json_schema,
            RESPONSE_SCHEMA_NAME,
            "Give the answer in this structure.",
            max_tokens,
            check_schema=True,
        )
        return Completion(raw, data, usage, self.name, self.model)

    # -- internals -----------------------------------------------------------------------------
    def _structured(
        self,
        system: str,
        turns: list[Turn],
        schema: dict[str, Any],
        schema_name: str,
        schema_description: str,
        max_tokens: int,
        *,
        check_schema: bool,
    ) -> tuple[Any, str, Usage]:
        answer = self._call(
            system,
            turns,
            json_schema=schema,
            schema_name=schema_name,
            schema_description=schema_description,
            max_tokens=max_tokens,
        )

        def fail(problems: list[str], data: Any = None) -> InvalidOutputError:
            return InvalidOutputError(
                problems, raw_text=answer.text, data=data, usage=answer.usage, provider=self.name
            )

        if answer.refusal:
            raise fail([f"the model refused: {self._scrub(answer.refusal)}"])
        if answer.truncated:
            raise fail([f"the answer was cut off at the {max_tokens}-token limit"])
        data = answer.data
        if data is None:
            data, problem = parse_json_text(answer.text)
            if problem:
                raise fail([problem])
        if check_schema:
            problems = schema_problems(data, schema)
            if problems:
                raise fail(problems, data)
        return data, answer.text, answer.usage

    def _call(self, system: str, turns: list[Turn], **kwargs: Any) -> RawAnswer:
        """One logical call: ``_send`` under the retry loop, failures mapped to our errors."""
        try:
            answer, _attempts = call_with_retries(
                lambda: self._send(system, turns, **kwargs),
                self._classify,
                policy=self.retry,
                label=f"{self.name}/{self.model}",
                sleep=self._sleep,
                rng=self._rng,
            )
        except GiveUp as stop:
            raise self._error_for(stop) from None
        return answer

    def _error_for(self, stop: GiveUp) -> Exception:
        f, n = stop.failure, stop.attempts
        reason = self._scrub(f.reason)
        if f.kind == "output":
            return InvalidOutputError([reason], provider=self.name, attempts=n)
        if f.kind == "request":
            return ProviderRequestError(
                f"{self.name} refused the request: {reason}",
                provider=self.name,
                attempts=n,
                status=f.status,
            )
        tries = f"after {n} attempt{'s' if n != 1 else ''}"
        return ProviderUnavailableError(
            f"{self.name} is unavailable {tries}: {reason}",
            provider=self.name,
            attempts=n,
            kind=f.kind,
            status=f.status,
        )

    def _classify(self, exc: BaseException) -> Failure | None:
        """Map an SDK exception to a Failure whose reason carries no secret (it is logged)."""
        failure = self._classify_sdk_error(exc)
        if failure is None:
            return None
        return dataclasses.replace(failure, reason=self._scrub(failure.reason))

    def _classify_sdk_error(self, exc: BaseException) -> Failure | None:
        """Map an SDK exception (both SDKs share the same error classes) to a Failure."""
        sdk = self._sdk()
        if isinstance(exc, sdk.APITimeoutError):
            return Failure(True, "timeout", f"no answer within {self.timeout:g} s")
        if isinstance(exc, sdk.APIConnectionError):
            return Failure(True, "connection", f"cannot connect ({_first_line(exc)})")
        if isinstance(exc, sdk.APIStatusError):
            status = int(exc.status_code)
            headers = exc.response.headers
            retry_after = parse_retry_after(
                headers.get("retry-after"), headers.get("retry-after-ms")
            )
            detail = _vendor_message(exc)
            if status in (401, 403):
                hint = f"; check {self.key_hint}" if self.key_hint else ""
                return Failure(
                    False, "request", f"authentication failed (HTTP {status}){hint}", status
                )
            kind = "rate_limited" if status == 429 else "server_error"
            if status not in RETRYABLE_STATUS:
                return Failure(False, "request", f"HTTP {status}: {detail}", status)
            return Failure(True, kind, f"HTTP {status}: {detail}", status, retry_after)
        if isinstance(exc, json.JSONDecodeError):
            return Failure(False, "output", f"the response body is not valid JSON ({exc.msg})")
        if isinstance(exc, sdk.APIError):
            return Failure(False, "request", _first_line(exc))
        return None

    def _scrub(self, text: str) -> str:
        """Remove any secret from text that may end up in an error message or a log."""
        for secret in self._secrets:
            text = text.replace(secret, "****")
        return text


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return (text.splitlines()[0] if text else type(exc).__name__)[:300]


def _vendor_message(exc: Any) -> str:
    body = getattr(exc, "body", None)
    if isinstance(body, dict):
        err = body.get("error")
        if isinstance(err, dict) and isinstance(err.get("message"), str):
            return err["message"][:300]
        if isinstance(body.get("message"), str):
            return body["message"][:300]
    return _first_line(exc)


def strict_compatible(schema: Any) -> bool:
    """Whether OpenAI's strict structured-output mode accepts ``schema``: every object lists
    all its properties as required and forbids others (free-form objects are not allowed)."""
    if not isinstance(schema, dict):
        return True
    if schema.get("type") == "object" or "properties" in schema:
        props = schema.get("properties")
        if not isinstance(props, dict) or schema.get("additionalProperties") is not False:
            return False
        if sorted(schema.get("required", [])) != sorted(props):
            return False
        if not all(strict_compatible(p) for p in props.values()):
            return False
    children: list[Any] = []
    if isinstance(schema.get("items"), dict):
        children.append(schema["items"])
    for key in ("anyOf", "oneOf", "allOf", "prefixItems"):
        children += list(schema.get(key) or [])
    for key in ("$defs", "definitions"):
        children += list((schema.get(key) or {}).values())
    return all(strict_compatible(c) for c in children)
