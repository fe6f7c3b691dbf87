"""A negated AI word adds no AI step (issue #17 Part 2, session 10, HT5): "no LLM needed",
"no fancy AI", "without AI, just ...", "don't use GPT" turn the AI down. Cases were written
before they were run, in several apps; next to them requests whose AI word must still count
("no matter what, use OpenAI")."""

from __future__ import annotations

import pytest
from generalise_support import LC, run

_AI_TYPES = ("lmChat", "agent", "chainLlm", "chainSummarization", "openAi", "anthropic")


def _ai_nodes(types: list[str]) -> list[str]:
    return [t for t in types if t.startswith(LC) or any(a in t for a in _AI_TYPES)]


# ------------------------------------------------------------------ negated AI


@pytest.mark.parametrize(
    "request_text",
    [
        "Every morning at 8 send the list of open Jira issues to Slack, no LLM needed.",
        "When a new row lands in Airtable, email it to ops via Gmail. No fancy AI, just forward.",
        "Without AI, just copy each new Typeform answer into a Google Sheet.",
        "Don't use GPT for this: each Monday post the open GitHub pull requests to Discord.",
        "Every Friday email me the new HubSpot contacts, no AI summary, just the raw list.",
    ],
)  # fmt: skip
def test_a_negated_ai_word_adds_no_ai_step(request_text: str) -> None:
    out = run(request_text)
    assert out.intent == "workflow_request", request_text
    assert not _ai_nodes(out.types), (out.types, request_text)


@pytest.mark.parametrize(
    "request_text",
    [
        "Every morning summarise the open Jira issues with GPT and post it to Slack.",
        "When a Typeform answer arrives, have Claude classify it and log it in Google Sheets.",
        "No matter what, use OpenAI to summarise each new Gmail email and send it to Telegram.",
    ],
)  # fmt: skip
def test_a_plain_ai_word_still_adds_an_ai_step(request_text: str) -> None:
    assert _ai_nodes(run(request_text).types), request_text
