"""Per-model prices, in one place, to turn token counts into an estimated cost.

ESTIMATES, not invoices: list prices in US dollars per million tokens, standard tier, short
context, no batch/priority/regional adjustments. Collected on 2026-11-25 from the vendors' model
and pricing pages as stored in our reference snapshots (Anthropic model pages; OpenAI's pricing
table as of 2026-06); older models keep the rates they had when current. Where a page gave no
cache rates we use the usual multipliers (read 0.1x input, 5-minute write 1.25x input). Update
the table and ``PRICES_AS_OF`` together. Models served by an OpenAI-compatible local server
(Ollama, vLLM, llama.cpp) and models missing here cost 0 (``price_for`` returns None).

Token conventions (both vendors mapped to ours by the providers): ``input`` is uncached input,
``cache_write`` input written to the prompt cache (Anthropic bills it above the input price;
OpenAI writes caches for free), ``cache_read`` input served from the cache, ``output`` output.
"""

from __future__ import annotations

from dataclasses import dataclass

PRICES_AS_OF = "2026-11-25"


@dataclass(frozen=True)
class Price:
    """USD per 1M tokens."""

    input: float
    output: float
    cache_read: float
    cache_write: float


#: Keys are model-name prefixes; the longest matching prefix wins, so dated snapshots
#: ("claude-sonnet-4-5-20250929", "gpt-4.1-mini-2025-04-14") find their family.
PRICES: dict[str, dict[str, Price]] = {
    "anthropic": {
        "claude-opus-5-5": Price(4.00, 20.00, 0.40, 5.00),
        "claude-opus-5": Price(5.00, 25.00, 0.50, 6.25),
        "claude-sonnet-5-5": Price(2.00, 10.00, 0.10, 2.50),  # cache reads cut 2026-10-07
        "claude-sonnet-5": Price(2.00, 10.00, 0.20, 2.50),
        "claude-haiku-5-5": Price(0.10, 0.50, 0.01, 0.125),  # prompts up to 100k tokens
        "claude-sonnet-4-6": Price(3.00, 15.00, 0.30, 3.75),
        "claude-opus-4-5": Price(5.00, 25.00, 0.50, 6.25),
        "claude-opus-4-1": Price(15.00, 75.00, 1.50, 18.75),
        "claude-opus-4": Price(15.00, 75.00, 1.50, 18.75),
        "claude-sonnet-4-5": Price(3.00, 15.00, 0.30, 3.75),
        "claude-sonnet-4": Price(3.00, 15.00, 0.30, 3.75),
        "claude-haiku-4-5": Price(1.00, 5.00, 0.10, 1.25),
        "claude-3-5-haiku": Price(0.80, 4.00, 0.08, 1.00),
    },
    "openai": {
        "gpt-5.5": Price(5.00, 30.00, 0.50, 5.00),
        "gpt-5.4": Price(2.50, 15.00, 0.25, 2.50),
        "gpt-5.4-mini": Price(0.75, 4.50, 0.075, 0.75),
        "gpt-5.4-nano": Price(0.20, 1.25, 0.02, 0.20),
        "gpt-5": Price(1.25, 10.00, 0.125, 1.25),
        "gpt-5-mini": Price(0.25, 2.00, 0.025, 0.25),
        "gpt-5-nano": Price(0.05, 0.40, 0.005, 0.05),
        "gpt-4.1": Price(2.00, 8.00, 0.50, 2.00),
        "gpt-4.1-mini": Price(0.40, 1.60, 0.10, 0.40),
        "gpt-4.1-nano": Price(0.10, 0.40, 0.025, 0.10),
        "gpt-4o": Price(2.50, 10.00, 1.25, 2.50),
        "gpt-4o-mini": Price(0.15, 0.60, 0.075, 0.15),
        "o4-mini": Price(1.10, 4.40, 0.275, 1.10),
        "o3": Price(2.00, 8.00, 0.50, 2.00),
        "o3-mini": Price(1.10, 4.40, 0.55, 1.10),
    },
}


def price_for(provider: str, model: str) -> Price | None:
    """The price of ``model`` at ``provider`` (longest prefix match), None when unknown/free."""
    table = PRICES.get(provider, {})
    best = None
    for prefix, price in table.items():
        if model == prefix or model.startswith(prefix + "-"):
            if best is None or len(prefix) > len(best[0]):
                best = (prefix, price)
    return best[1] if best else None


def estimate_cost(
    provider: str,
    model: str,
    *,
    input_tokens: int = 0,
    output_tokens: int = 0,
    cache_read_tokens: int = 0,
    cache_write_tokens: int = 0,
) -> float:
    """Estimated USD for one call (0.0 for unknown or local models)."""
    price = price_for(provider, model)
    if price is None:
        return 0.0
    total = (
        input_tokens * price.input
        + output_tokens * price.output
        + cache_read_tokens * price.cache_read
        + cache_write_tokens * price.cache_write
    )
    return round(total / 1_000_000, 8)
