"""Reading and writing a user's conversations, messages and generations (always on a
row-level-secured connection: these queries need no ``WHERE user_id``, the policies add it)."""

from __future__ import annotations

import re
from typing import Any
from uuid import UUID

import psycopg
from psycopg.types.json import Jsonb

from engine.types import GenerationResult, Message

TITLE_CHARS = 60


def make_title(request: str) -> str:
    """A conversation title from its first request: the first sentence, cut at a word."""
    text = re.sub(r"\s+", " ", request).strip()
    first = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
    if len(first) > TITLE_CHARS:
        first = first[:TITLE_CHARS].rsplit(" ", 1)[0].rstrip(",;:-") + "…"
    return first[:1].upper() + first[1:] if first else "New conversation"


def conversation_exists(conn: psycopg.Connection, conversation_id: UUID) -> bool:
    row = conn.execute("SELECT 1 FROM conversations WHERE id = %s", (conversation_id,)).fetchone()
    return row is not None


def history(conn: psycopg.Connection, conversation_id: UUID, limit: int = 40) -> list[Message]:
    """The conversation's last ``limit`` turns, assistant turns carrying their workflow."""
    rows = conn.execute(
        """SELECT m.role, m.content, g.workflow_json
           FROM conversation_messages m
           LEFT JOIN workflow_generations g ON g.id = m.workflow_generation_id
           WHERE m.conversation_id = %s AND m.role IN ('user', 'assistant')
           ORDER BY m.created_at DESC, m.id DESC LIMIT %s""",
        (conversation_id, limit),
    ).fetchall()
    return [Message(role, content, workflow) for role, content, workflow in reversed(rows)]


def assistant_text(result: GenerationResult) -> str:
    if result.answer:
        return result.answer
    workflow = result.workflow or {}
    nodes = [n for n in workflow.get("nodes") or [] if isinstance(n, dict)]
    return f"Here is the workflow “{workflow.get('name') or 'Workflow'}” ({len(nodes)} nodes)."


def _generation_row(
    conn: psycopg.Connection,
    user_id: UUID,
    conversation_id: UUID | None,
    result: GenerationResult,
    status: str,
    elapsed_ms: float,
) -> UUID:
    workflow = result.workflow
    row = conn.execute(
        """INSERT INTO workflow_generations
               (user_id, conversation_id, prompt, workflow_json, generation_time_ms, model_used,
                provider, status, optimization_used, intent, prompt_hash, findings,
                tokens_input, tokens_output, cost_usd, name)
           VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)
           RETURNING id""",
        (
            user_id,
            conversation_id,
            result.request,
            Jsonb(workflow) if workflow is not None else None,
            max(0, round(elapsed_ms)),
            result.model,
            result.provider,
            status,
            result.spec is not None,
            result.intent.intent,
            result.prompt_hash,
            Jsonb(result.findings),
            result.usage.input_tokens,
            result.usage.output_tokens,
            result.usage.cost_usd,
            (workflow or {}).get("name") if isinstance(workflow, dict) else None,
        ),
    ).fetchone()
    return row[0]


def store_turn(
    conn: psycopg.Connection,
    user_id: UUID,
    conversation_id: UUID | None,
    result: GenerationResult,
    elapsed_ms: float,
) -> dict[str, Any]:
    """Store a successful turn: the conversation (created with a title when new), the
    generation and both messages. Returns the ids."""
    if conversation_id is None:
        conversation_id = conn.execute(
            "INSERT INTO conversations (user_id, title) VALUES (%s, %s) RETURNING id",
            (user_id, make_title(result.request)),
        ).fetchone()[0]
    else:
        conn.execute(
            "UPDATE conversations SET updated_at = now() WHERE id = %s", (conversation_id,)
        )
    generation_id = _generation_row(conn, user_id, conversation_id, result, "succeeded", elapsed_ms)
    intent = result.intent.intent
    conn.execute(
        """INSERT INTO conversation_messages (conversation_id, user_id, role, content, intent)
           VALUES (%s, %s, 'user', %s, %s)""",
        (conversation_id, user_id, result.request, intent),
    )
    message_id = conn.execute(
        """INSERT INTO conversation_messages (conversation_id, user_id, role, content, intent,
                                              workflow_generation_id, metadata, created_at)
           VALUES (%s, %s, 'assistant', %s, %s, %s, %s, clock_timestamp()) RETURNING id""",
        (
            conversation_id,
            user_id,
            assistant_text(result),
            intent,
            generation_id if result.workflow is not None else None,
            Jsonb({"findings": result.findings, "fixes": result.fixes, "status": result.status}),
        ),
    ).fetchone()[0]
    workflow_id = generation_id if result.workflow is not None else None
    return {
        "conversation_id": conversation_id,
        "message_id": message_id,
        "workflow_id": workflow_id,
    }


def store_generation(
    conn: psycopg.Connection, user_id: UUID, result: GenerationResult, elapsed_ms: float
) -> UUID:
    """Store a one-shot (fast-generate) result: a generation with no conversation."""
    return _generation_row(conn, user_id, None, result, "succeeded", elapsed_ms)


def store_failure(
    conn: psycopg.Connection,
    user_id: UUID,
    conversation_id: UUID | None,
    result: GenerationResult,
    elapsed_ms: float,
) -> None:
    """Record a failed generation (for the statistics); it is not charged."""
    _generation_row(conn, user_id, conversation_id, result, "failed", elapsed_ms)
