"""Claude through the official ``anthropic`` SDK (Messages API).

Structured answers come back through tool use: one tool whose ``input_schema`` is the wanted
JSON schema, forced with ``tool_choice``, so the answer is a ``tool_use`` block with parsed
input. Newer models (Claude Sonnet 5.5, Opus 5.5) answer a forced ``tool_choice`` with HTTP 400;
for them - listed below, or detected from such a 400 once per provider - the tool is offered
with ``tool_choice: auto`` and the prompt asks for the call (a JSON text answer is still parsed).

Prompt caching: ``cache_control`` marks the system prompt and the retrieved-context block,
so repeated requests and feedback rounds read that prefix from the cache (billed at ~10%).
"""

from __future__ import annotations

import json
import logging
from types import ModuleType
from typing import Any

from engine.providers.llm import LLMProvider, RawAnswer, Turn
from engine.providers.pricing import estimate_cost
from engine.types import Usage

DEFAULT_MODEL = "claude-sonnet-5-5"
#: Model families that reject a forced tool_choice (Anthropic's "what's new" pages, 2026-09).
NO_FORCED_TOOL = ("claude-sonnet-5-5", "claude-opus-5-5")
_CACHE = {"type": "ephemeral"}
log = logging.getLogger("nodepilot.providers")


def _block(text: str, cache: bool) -> dict[str, Any]:
    """A text content block; ``cache`` ends a cacheable prefix there."""
    block: dict[str, Any] = {"type": "text", "text": text}
    if cache:
        block["cache_control"] = _CACHE
    return block


class AnthropicProvider(LLMProvider):
    name = "anthropic"
    key_hint = "NODEPILOT_ANTHROPIC_API_KEY (or ANTHROPIC_API_KEY)"

    def __init__(
        self, *, api_key: str, model: str = DEFAULT_MODEL, base_url: str | None = None, **kw: Any
    ) -> None:
        super().__init__(model=model, secrets=(api_key,), **kw)
        import anthropic

        self._client = anthropic.Anthropic(
            api_key=api_key, base_url=base_url, timeout=self.timeout, max_retries=0
        )
        self.force_tool = not any(model == p or model.startswith(p + "-") for p in NO_FORCED_TOOL)

    def _sdk(self) -> ModuleType:
        import anthropic

        return anthropic

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
        kwargs: dict[str, Any] = {
            "model": self.model,
            "max_tokens": max_tokens,
            "messages": [
                {
                    "role": turn.role,
                    "content": [_block(p.text, p.cache) for p in turn.parts if p.text],
                }
                for turn in turns
            ],
        }
        if system:
            kwargs["system"] = [_block(system, cache=True)]
        if json_schema is not None:
            kwargs["tools"] = [
                {
                    "name": schema_name,
                    "description": schema_description,
                    "input_schema": json_schema,
                }
            ]
        message = self._create(kwargs, schema_name if json_schema is not None else None)

        data = None
        texts = []
        for block in message.content:
            if block.type == "tool_use" and block.name == schema_name and data is None:
                data = block.input
            elif block.type == "text":
                texts.append(block.text)
        text = json.dumps(data, ensure_ascii=False) if data is not None else "".join(texts)
        return RawAnswer(
            text=text,
            data=data,
            truncated=message.stop_reason == "max_tokens",
            refusal="stop_reason=refusal" if message.stop_reason == "refusal" else None,
            usage=self._usage(message.usage),
        )

    def _create(self, kwargs: dict[str, Any], tool: str | None) -> Any:
        """``messages.create``, forcing ``tool`` where the model allows it; a 400 naming
        tool_choice switches this provider to unforced tool use and resends at once."""
        if tool is not None:
            self._choose_tool(kwargs, tool)
        try:
            return self._client.messages.create(**kwargs)
        except self._sdk().BadRequestError as exc:
            if tool is None or not self.force_tool or "tool_choice" not in str(exc):
                raise
            log.info(
                "%s/%s: forced tool_choice refused; using tool_choice auto", self.name, self.model
            )
            self.force_tool = False
            self._choose_tool(kwargs, tool)
            return self._client.messages.create(**kwargs)

    def _choose_tool(self, kwargs: dict[str, Any], tool: str) -> None:
        if self.force_tool:
            kwargs["tool_choice"] = {"type": "tool", "name": tool}
            return
        kwargs["tool_choice"] = {"type": "auto"}
        last = kwargs["messages"][-1]
        ask = f"Answer by calling the {tool} tool exactly once."
        if last["role"] == "user" and not any(b.get("text") == ask for b in last["content"]):
            last["content"] = [*last["content"], _block(ask, cache=False)]

    def _usage(self, u: Any) -> Usage:
        uncached = int(u.input_tokens or 0)
        written = int(getattr(u, "cache_creation_input_tokens", 0) or 0)
        read = int(getattr(u, "cache_read_input_tokens", 0) or 0)
        out = int(u.output_tokens or 0)
        return Usage(
            input_tokens=uncached + written,
            output_tokens=out,
            cache_read_tokens=read,
            cost_usd=estimate_cost(
                self.name,
                self.model,
                input_tokens=uncached,
                output_tokens=out,
                cache_read_tokens=read,
                cache_write_tokens=written,
            ),
            calls=1,
        )
