"""OpenAI (and any OpenAI-compatible server) through the official ``openai`` SDK.

Chat Completions with structured output: ``response_format={"type": "json_schema", ...}``; the
schema is sent in strict mode when OpenAI's strict rules allow it (the workflow schema has
free-form ``parameters`` objects, so it goes non-strict and we check the answer ourselves).
OpenAI caches long prompt prefixes automatically; we keep the static parts first and pass a
stable ``prompt_cache_key``. The ``openai-compatible`` variant (Ollama, vLLM, llama.cpp server)
needs a base URL, no key, and uses ``max_tokens`` which those servers understand.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from engine.providers.llm import LLMProvider, RawAnswer, Turn, strict_compatible
from engine.providers.pricing import estimate_cost
from engine.types import Usage

DEFAULT_MODEL = "gpt-5.4"
DEFAULT_COMPATIBLE_MODEL = "local-model"
#: Sent as the key when an OpenAI-compatible server needs none (the SDK insists on one).
NO_KEY = "no-key"


class OpenAIProvider(LLMProvider):
    name = "openai"
    key_hint = "NODEPILOT_OPENAI_API_KEY (or OPENAI_API_KEY)"
    _price_table = "openai"

    def __init__(
        self,
        *,
        api_key: str,
        model: str = DEFAULT_MODEL,
        base_url: str | None = None,
        cache_key: str | None = None,
        **kw: Any,
    ) -> None:
        super().__init__(model=model, secrets=(api_key,) if api_key != NO_KEY else (), **kw)
        import openai

        self._client = openai.OpenAI(
            api_key=api_key, base_url=base_url, timeout=self.timeout, max_retries=0
        )
        self._cache_key = cache_key

    def _sdk(self) -> ModuleType:
        import openai

        return openai

    def _token_limit(self, max_tokens: int) -> dict[str, int]:
        return {"max_completion_tokens": max_tokens}

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
        messages: list[dict[str, Any]] = [{"role": "system", "content": system}] if system else []
        messages += [
            {"role": t.role, "content": "\n\n".join(p.text for p in t.parts if p.text)}
            for t in turns
        ]
        kwargs: dict[str, Any] = {
            "model": self.model,
            "messages": messages,
            **self._token_limit(max_tokens),
        }
        if json_schema is not None:
            kwargs["response_format"] = {
                "type": "json_schema",
                "json_schema": {
                    "name": schema_name,
                    "description": schema_description,
                    "schema": json_schema,
                    "strict": strict_compatible(json_schema),
                },
            }
        if self._cache_key:
            kwargs["prompt_cache_key"] = self._cache_key
        response = self._client.chat.completions.create(**kwargs)
        if not response.choices:
            return RawAnswer(text="", usage=self._usage(response.usage))
        choice = response.choices[0]
        return RawAnswer(
            text=choice.message.content or "",
            truncated=choice.finish_reason == "length",
            refusal=getattr(choice.message, "refusal", None) or None,
            usage=self._usage(response.usage),
        )

    def _usage(self, u: Any) -> Usage:
        if u is None:
            return Usage(calls=1)
        prompt = int(u.prompt_tokens or 0)
        details = getattr(u, "prompt_tokens_details", None)
        cached = int(getattr(details, "cached_tokens", 0) or 0) if details else 0
        out = int(u.completion_tokens or 0)
        return Usage(
            input_tokens=prompt - cached,
            output_tokens=out,
            cache_read_tokens=cached,
            cost_usd=estimate_cost(
                self._price_table,
                self.model,
                input_tokens=prompt - cached,
                output_tokens=out,
                cache_read_tokens=cached,
            ),
            calls=1,
        )


class OpenAICompatibleProvider(OpenAIProvider):
    """A self-hosted OpenAI-compatible server: no price, key optional, ``max_tokens``."""

    name = "openai-compatible"
    key_hint = "NODEPILOT_OPENAI_API_KEY (if the server needs a key)"
    _price_table = "openai-compatible"  # not in the price table: local models cost 0

    def __init__(
        self,
        *,
        base_url: str,
        api_key: str | None = None,
        model: str = DEFAULT_COMPATIBLE_MODEL,
        **kw: Any,
    ) -> None:
        super().__init__(api_key=api_key or NO_KEY, model=model, base_url=base_url, **kw)

    def _token_limit(self, max_tokens: int) -> dict[str, int]:
        return {"max_tokens": max_tokens}
