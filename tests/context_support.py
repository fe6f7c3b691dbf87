"""Shared pieces of the context tests: our own requests, their local specs and prompts."""

from __future__ import annotations

from functools import lru_cache

from engine.intent.classifier import classify
from engine.providers.messages import GenerationPrompt, build_generation_prompt
from engine.spec import build_spec
from engine.types import ContextItem, GenerationRequest, Spec

README_REQUEST = (
    "Every Monday at 9am pull last week's Stripe refunds into a Google Sheet and post a summary "
    "to #finance on Slack"
)
FORM_REQUEST = (
    "When someone fills in our Typeform, add them to Mailchimp and send a welcome email from Gmail"
)
AGENT_REQUEST = (
    "A chat assistant on OpenAI that answers questions from our docs in a Pinecone vector store "
    "and remembers the conversation"
)
SIX_TYPES_REQUEST = (
    "Every day at 8am get new HubSpot deals, if the amount is over 1000 create a Trello card, "
    "append the deal to a Google Sheet and post it to #sales on Slack"
)


@lru_cache(maxsize=16)
def local_spec(text: str) -> Spec:
    """The local optimizer's reading of ``text`` (what the pipeline builds by default)."""
    return build_spec(text, classify(text))


def prompt_for(
    text: str, context: tuple[ContextItem, ...] = (), **extra: object
) -> GenerationPrompt:
    """The generation prompt a provider sends for ``text`` with its local spec."""
    req = GenerationRequest(request=text, spec=local_spec(text), context=context, **extra)  # type: ignore[arg-type]
    return build_generation_prompt(req)


def filler_items(n: int, chars: int = 2500) -> tuple[ContextItem, ...]:
    """Long retrieved items that would blow any budget if not clipped."""
    return tuple(
        ContextItem(
            kind="template",
            key=f"filler-{i}",
            title=f"Filler template {i}",
            content=("A long template outline about spreadsheets and chat. " * 60)[:chars],
            score=1.0 - i / 100,
            node_types=("n8n-nodes-base.googleSheets", "n8n-nodes-base.set"),
        )
        for i in range(n)
    )
