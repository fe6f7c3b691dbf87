"""What an LLM arm costs on a benchmark split, before spending anything: tokens x price table.

For every case it builds the text the LLM would be sent - for a workflow request the real
generation prompt (system prompt, retrieved context, task) from the local intent, spec and
retrieval; for other turns the answering prompt - and takes the offline engine's workflow JSON
as the size of a typical answer. Tokens are estimated with ``eval.prompt_checks.estimate_tokens``
(no vendor tokenizer works offline), prices come from ``engine.providers.pricing``. One call per
case: each repair round adds about one more generation call, and a provider's prompt cache
bills the repeated system prompt at the cache-read rate (ignored here, so the estimate errs
high). A real run reports the vendor's own token counts (summary.json, the gate's cost.md).

    python -m eval.cost_estimate --dataset datasets/bench --split dev
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from typing import Any

from eval.prompt_checks import estimate_tokens

#: The models the table prints by default (provider, model).
DEFAULT_MODELS = (
    ("anthropic", "claude-sonnet-4-5"),
    ("anthropic", "claude-haiku-4-5"),
    ("openai", "gpt-5-mini"),
    ("openai", "gpt-4.1"),
)
ANSWER_TOKENS = 150


@dataclass
class SplitTokens:
    cases: int = 0
    calls: int = 0
    input_tokens: int = 0
    output_tokens: int = 0


def case_tokens(case: Any, conn: Any, generator: Any) -> tuple[int, int]:
    """(input, output) tokens of one case's LLM call."""
    from engine.intent.classifier import classify
    from engine.prompts import get_prompt
    from engine.providers.messages import build_generation_prompt
    from engine.retrieval import retrieve
    from engine.spec import build_spec
    from engine.types import GenerationRequest

    intent = classify(case.request, (), classifier="local")
    if intent.intent not in ("workflow_request", "workflow_modification"):
        prompt = get_prompt("question_answering")
        text = prompt.render(question=case.request, context="(none)")
        return estimate_tokens(text), ANSWER_TOKENS
    spec = build_spec(case.request, intent, (), optimizer="local")
    context = retrieve(spec, conn)
    parts = build_generation_prompt(GenerationRequest(case.request, spec, tuple(context)))
    workflow = generator.generate(spec, context)
    sent = estimate_tokens(parts.system + parts.context + parts.task)
    return sent, estimate_tokens(json.dumps(workflow))


def split_tokens(dataset: str, split: str) -> SplitTokens:
    from engine.providers.offline import OfflineGenerator
    from eval.datasets import load_dataset
    from nodepilot.db import open_database

    total = SplitTokens()
    generator = OfflineGenerator()
    with open_database() as conn:
        for case in load_dataset(dataset, split=split):
            sent, answer = case_tokens(case, conn, generator)
            total.cases += 1
            total.calls += 1
            total.input_tokens += sent
            total.output_tokens += answer
    return total


def cost_table(tokens: SplitTokens, models: tuple[tuple[str, str], ...] = DEFAULT_MODELS) -> str:
    from engine.providers.pricing import PRICES_AS_OF, price_for

    rows = [
        f"{tokens.cases} cases, {tokens.calls} LLM calls, about {tokens.input_tokens:,} input "
        f"and {tokens.output_tokens:,} output tokens (prices as of {PRICES_AS_OF})",
        "",
        "| provider | model | $ / 1M in | $ / 1M out | $ per run |",
        "|---|---|---|---|---|",
    ]
    for provider, model in models:
        price = price_for(provider, model)
        if price is None:
            continue
        dollars = (tokens.input_tokens * price.input + tokens.output_tokens * price.output) / 1e6
        rows.append(
            f"| {provider} | {model} | {price.input:.2f} | {price.output:.2f} | {dollars:.2f} |"
        )
    return "\n".join(rows)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Estimate an LLM arm's cost on a split.")
    parser.add_argument("--dataset", default="datasets/bench")
    parser.add_argument("--split", default="dev")
    args = parser.parse_args(argv)
    print(cost_table(split_tokens(args.dataset, args.split)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
