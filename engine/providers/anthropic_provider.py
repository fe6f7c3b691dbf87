"""Claude through the official ``anthropic`` SDK (Messages API).

Structured answers come back through tool use: one tool whose ``input_schema`` is the wanted
JSON schema, forced with ``tool_choice``, so the answer is a ``tool_use`` block with parsed
input. Prompt caching: ``cache_control`` marks the system prompt and the retrieved-context block,
so repeated requests and feedback rounds read that prefix from the cache (billed at ~10%).
"""

from __future__ import annotations

import json
from types import ModuleType
from typing import Any

from engine.providers.llm import LLMProvider, RawAnswer, Turn
from engine.providers.pricing import estimate_cost
from engine.types import Usage

DEFAULT_MODEL = "claude-sonnet-4-5"
_CACHE = {"type": "ephemeral"}


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
            kwargs["tool_choice"] = {"type": "tool", "name": schema_name}
        message = self._client.messages.create(**kwargs)

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
