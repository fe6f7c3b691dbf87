"""Cheap hand-made features the intent model reads next to the sentence embedding.

Why they exist: MiniLM embeddings place "how do I send a Slack message?" and "send a Slack
message every morning" close together (same topic); what separates them is form, not topic -
a question word, an imperative opening, a schedule phrase, an arrow, the length, and whether the
conversation already holds a workflow that a short follow-up could be changing. Each feature is a
number in about [0, 1] so no single one drowns the 384 embedding dimensions.

The training script and the classifier both call :func:`hand_features`, and the list of names is
stored in the committed model, so a change here that is not followed by retraining is detected
(``FEATURE_VERSION`` and ``FEATURE_NAMES`` must match the model file).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Any

from engine.lexicon import (
    ACCOUNT_WORDS,
    DELIVERED_WORKFLOW_REPLY,
    GREETING_OR_THANKS_OPENING,
    IMPERATIVE_OPENING,
    POLITE_BUILD_WRAPPER,
    QUESTION_OPENING,
    TRIGGER_PHRASE,
    addresses_blanked,
)

#: Bump whenever a feature's definition changes (the committed model records it).
FEATURE_VERSION = 3

FEATURE_NAMES: tuple[str, ...] = (
    "prior_workflow",
    "question_mark",
    "question_opening",
    "trigger_phrase",
    "account_words",
    "imperative_opening",
    "greeting_or_thanks",
    "arrow",
    "log_length",
    "named_apps",
    "trigger_entity",
)

_ARROW = re.compile(r"->|\u2192|=>")


#: Characters of a turn the features and the embedding look at; the rest cannot change the class
#: of a turn (the embedding model truncates at 256 tokens anyway) and would only cost time.
MAX_CHARS = 4000


def has_prior_workflow(conversation: Sequence[Any]) -> bool:
    """Whether an earlier assistant turn produced a workflow (so the turn may modify it).

    Accepts ``engine.types.Message`` (uses ``.workflow``) and anything with ``role``/``content``
    (the dataset's turns, plain dicts), falling back to how our replies describe a workflow.
    """
    for turn in conversation:
        role = _get(turn, "role")
        if role != "assistant":
            continue
        if _get(turn, "workflow"):
            return True
        content = _get(turn, "content")
        if isinstance(content, str) and DELIVERED_WORKFLOW_REPLY.search(content[:MAX_CHARS]):
            return True
    return False


def _get(turn: Any, key: str) -> Any:
    if isinstance(turn, dict):
        return turn.get(key)
    return getattr(turn, key, None)


def _flag(pattern: re.Pattern[str], text: str, *, opening: bool = False) -> float:
    found = pattern.match(text) if opening else pattern.search(text)
    return 1.0 if found else 0.0


def normalise(text: str) -> str:
    """The turn as the model reads it: cut to ``MAX_CHARS``, polite wrapper removed, and a
    question mark that only closes such a wrapper dropped ("can you build X?" -> "build X")."""
    text = text[:MAX_CHARS]
    m = POLITE_BUILD_WRAPPER.match(text)
    if m:
        text = text[m.end() :].rstrip().rstrip("?").rstrip()
    return text


def asks(text: str) -> bool:
    """The turn has a question mark of its own: not one inside a web address
    ("DELETE https://cache.example.com/purge?all=true" asks nothing)."""
    return "?" in addresses_blanked(text)


def hand_features(
    text: str, conversation: Sequence[Any] = (), entities: Sequence[Any] | None = None
) -> list[float]:
    """The feature values in ``FEATURE_NAMES`` order for one turn (``text`` normalised).

    ``entities`` are ``extract_entities(text)`` when the caller already has them: how many apps
    a turn names and whether it says how something starts separate terse requests ("gmail to
    sheets") from small talk of the same length.
    """
    if entities is None:
        from engine.intent.entities import extract_entities

        entities = extract_entities(text)
    text = normalise(text)
    words = len(text.split())
    apps = {e.node_type for e in entities if e.kind in ("app", "ai")}
    starts = any(e.kind in ("trigger", "schedule") for e in entities)
    return [
        1.0 if has_prior_workflow(conversation) else 0.0,
        1.0 if asks(text) else 0.0,
        _flag(QUESTION_OPENING, text, opening=True),
        _flag(TRIGGER_PHRASE, text),
        _flag(ACCOUNT_WORDS, text),
        _flag(IMPERATIVE_OPENING, text, opening=True),
        _flag(GREETING_OR_THANKS_OPENING, text, opening=True),
        _flag(_ARROW, text),
        math.log1p(words) / 3.0,
        min(len(apps), 3) / 3.0,
        1.0 if starts else 0.0,
    ]
