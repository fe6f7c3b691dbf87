"""Reading and writing a user's conversations, messages and generations (always on a
row-level-secured connection: these queries need no ``WHERE user_id``, the policies add it).

Writes choose their ids here (random UUIDs, as the columns' defaults would) and read nothing
back, so on a connection in pipeline mode a whole turn goes to the server in one round trip.
"""

from __future__ import annotations

import re
from typing import Any
from uuid import UUID, uuid4

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


def history(
    conn: psycopg.Connection, conversation_id: UUID, limit: int = 40
) -> list[Message] | None:
    """The conversation's last ``limit`` turns, assistant turns carrying their workflow;
    None when the conversation does not exist (or is not ours). One statement."""
    return read_history(send_history(conn, conversation_id, limit))


def send_history(
    conn: psycopg.Connection, conversation_id: UUID, limit: int = 40
) -> psycopg.Cursor:
    """Queue the ``history`` statement (for a batch sent in one round trip); read its cursor
    with ``read_history`` after the batch."""
    return conn.execute(
        """SELECT m.role, m.content, m.workflow_json
           FROM conversations c
           LEFT JOIN LATERAL (
               SELECT m.role, m.content, g.workflow_json, m.created_at, m.id
               FROM conversation_messages m
               LEFT JOIN workflow_generations g ON g.id = m.workflow_generation_id
               WHERE m.conversation_id = c.id AND m.role IN ('user', 'assistant')
               ORDER BY m.created_at DESC, m.id DESC LIMIT %s) m ON true
           WHERE c.id = %s
           ORDER BY m.created_at DESC, m.id DESC""",
        (limit, conversation_id),
    )


def read_history(cursor: psycopg.Cursor) -> list[Message] | None:
    """The turns a ``send_history`` cursor holds (None: no such conversation of ours)."""
    rows = cursor.fetchall()
    if not rows:
        return None
    return [Message(role, content, wf) for role, content, wf in reversed(rows) if role]


#: the references to ``conversations`` a turn's rows make (0001_core.sql)
CONVERSATION_REFERENCES = frozenset(
    {
        "conversation_messages_conversation_id_user_id_fkey",
        "workflow_generations_conversation_id_user_id_fkey",
    }
)


def is_missing_conversation(error: BaseException) -> bool:
    """Whether ``error`` is ``store_turn`` finding its continued conversation gone (or not the
    user's): a violation of one of ``CONVERSATION_REFERENCES``."""
    diag = getattr(error, "diag", None)
    return isinstance(error, psycopg.errors.ForeignKeyViolation) and (
        getattr(diag, "constraint_name", None) in CONVERSATION_REFERENCES
    )


def assistant_text(result: GenerationResult) -> str:
    if result.answer:
        return result.answer
    workflow = result.workflow or {}
    nodes = [n for n in workflow.get("nodes") or [] if isinstance(n, dict)]
    return f"Here is the workflow “{workflow.get('name') or 'Workflow'}” ({len(nodes)} nodes)."


_GENERATION = """INSERT INTO workflow_generations
    (id, user_id, conversation_id, prompt, workflow_json, generation_time_ms, model_used,
     provider, status, optimization_used, intent, prompt_hash, findings, tokens_input,
     tokens_output, cost_usd, name)
VALUES (%(generation_id)s, %(user_id)s, %(conversation_id)s, %(prompt)s, %(workflow)s,
        %(ms)s, %(model)s, %(provider)s, %(status)s, %(optimized)s, %(intent)s, %(prompt_hash)s,
        %(findings)s, %(tokens_in)s, %(tokens_out)s, %(cost)s, %(name)s)"""

#: A new or continued turn in ONE statement: the conversation (created when
#: ``new_conversation``, else marked updated now), the generation and both messages. The rows of
#: one statement's sub-statements are visible to its foreign-key checks, which run at its end;
#: one statement instead of four saves their parse, bind and execute on both sides (#12 speed,
#: session 7). A continued conversation that is gone (deleted while the turn ran) or is another
#: user's fails those checks (the messages reference the conversation with the user's id):
#: ``is_missing_conversation``; nothing is stored, and no round trip is spent to look first.
_TURN = f"""WITH conversation AS (
    INSERT INTO conversations (id, user_id, title)
    SELECT %(conversation_id)s, %(user_id)s, %(title)s WHERE %(new_conversation)s),
touched AS (
    UPDATE conversations SET updated_at = now()
    WHERE id = %(conversation_id)s AND NOT %(new_conversation)s),
generation AS ({_GENERATION}),
asked AS (
    INSERT INTO conversation_messages (conversation_id, user_id, role, content, intent)
    VALUES (%(conversation_id)s, %(user_id)s, 'user', %(prompt)s, %(intent)s))
INSERT INTO conversation_messages (id, conversation_id, user_id, role, content, intent,
                                   workflow_generation_id, metadata, created_at)
VALUES (%(message_id)s, %(conversation_id)s, %(user_id)s, 'assistant', %(answer)s, %(intent)s,
        %(workflow_id)s, %(metadata)s, clock_timestamp())"""


def _generation_values(
    user_id: UUID,
    conversation_id: UUID | None,
    result: GenerationResult,
    status: str,
    elapsed_ms: float,
) -> dict[str, Any]:
    """The parameters of ``_GENERATION`` (a new ``generation_id`` included)."""
    workflow = result.workflow
    return {
        "generation_id": uuid4(),
        "user_id": user_id,
        "conversation_id": conversation_id,
        "prompt": result.request,
        "workflow": Jsonb(workflow) if workflow is not None else None,
        "ms": max(0, round(elapsed_ms)),
        "model": result.model,
        "provider": result.provider,
        "status": status,
        "optimized": result.spec is not None,
        "intent": result.intent.intent,
        "prompt_hash": result.prompt_hash,
        "findings": Jsonb(result.findings),
        "tokens_in": result.usage.input_tokens,
        "tokens_out": result.usage.output_tokens,
        "cost": result.usage.cost_usd,
        "name": (workflow or {}).get("name") if isinstance(workflow, dict) else None,
    }


def _generation_row(
    conn: psycopg.Connection,
    user_id: UUID,
    conversation_id: UUID | None,
    result: GenerationResult,
    status: str,
    elapsed_ms: float,
) -> UUID:
    values = _generation_values(user_id, conversation_id, result, status, elapsed_ms)
    conn.execute(_GENERATION, values)
    return values["generation_id"]


def store_turn(
    conn: psycopg.Connection,
    user_id: UUID,
    conversation_id: UUID | None,
    result: GenerationResult,
    elapsed_ms: float,
) -> dict[str, Any]:
    """Store a successful turn: the conversation (created with a title when
    ``conversation_id`` is None; an existing one marked updated now), the generation and both
    messages, in one statement. Returns the ids. An existing conversation that is gone makes
    the statement fail (``is_missing_conversation``)."""
    new_conversation = conversation_id is None
    conversation_id = uuid4() if conversation_id is None else conversation_id
    values = _generation_values(user_id, conversation_id, result, "succeeded", elapsed_ms)
    workflow_id = values["generation_id"] if result.workflow is not None else None
    values.update(
        new_conversation=new_conversation,
        title=make_title(result.request) if new_conversation else None,
        message_id=uuid4(),
        answer=assistant_text(result),
        workflow_id=workflow_id,
        metadata=Jsonb(
            {"findings": result.findings, "fixes": result.fixes, "status": result.status}
        ),
    )
    conn.execute(_TURN, values)
    return {
        "conversation_id": conversation_id,
        "message_id": values["message_id"],
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
