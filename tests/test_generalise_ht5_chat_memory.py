"""Chat memory kept in a store is that store's memory sub-node (issue #17 Part 2, session 10,
HT5): "keeps the conversation history in our postgres db", "remember the chat in Redis",
"stores the conversation in MongoDB" give the agent the catalog's chat memory of that store, not
a step of the database. Must not change: a store written to beside a bot with memory, a store
handed to the agent as a tool next to a memory of another kind."""

from __future__ import annotations

import pytest
from generalise_support import BASE, LC, run


@pytest.mark.parametrize(
    ("request_text", "memory"),
    [
        ("Build a Telegram bot with GPT that keeps the conversation history in our postgres db.",
         "memoryPostgresChat"),
        ("A Slack chatbot on Claude that should remember the chat in Redis.", "memoryRedisChat"),
        ("Make an AI chat agent that answers questions and stores the conversation in MongoDB.",
         "memoryMongoDbChat"),
    ],
)  # fmt: skip
def test_chat_memory_in_a_store_is_that_store_s_memory(request_text: str, memory: str) -> None:
    out = run(request_text)
    assert LC + memory in out.types, (out.types, request_text)
    assert not out.strict_errors(), out.strict_errors()
    assert BASE + "postgres" not in out.types and BASE + "redis" not in out.types, out.types
    assert BASE + "mongoDb" not in out.types, out.types


def test_a_store_step_beside_a_bot_with_memory_stays_a_step() -> None:
    out = run(
        "Telegram bot with GPT and chat memory; every answer is also inserted into the postgres "
        "table answers."
    )
    assert BASE + "postgres" in out.types, out.types


def test_a_store_tool_next_to_another_memory_stays_a_tool() -> None:
    out = run(
        "Support chatbot: AI agent on OpenAI with window memory and a Redis tool that looks up "
        "the order status by order id."
    )
    assert LC + "memoryRedisChat" not in out.types, out.types
    assert LC + "memoryBufferWindow" in out.types, out.types
