"""The INTENT stage: what the user's turn wants, what it names, and answers to non-workflow turns.

* :func:`classify` - ``workflow_request`` / ``workflow_modification`` / ``question`` /
  ``general_conversation`` with a confidence and the entities (local model by default,
  ``classifier="llm"`` through a provider).
* :func:`extract_entities` - apps, trigger hints, schedule, AI vendor (see ``entities``).
* :func:`answer` - a short, grounded, safe reply to a question or small talk.

Imports are light (numpy and the standard library): the embedder, the catalog and the model file
load on first use.
"""

from __future__ import annotations

from engine.intent.answer import answer
from engine.intent.classifier import CLASSIFIERS, INTENT_SCHEMA, classify, local_scores
from engine.intent.entities import app_types, extract_entities
from engine.intent.model import StaleModelError, check_model, load_model
from engine.intent.schedule import parse_schedule

__all__ = [
    "CLASSIFIERS",
    "INTENT_SCHEMA",
    "StaleModelError",
    "answer",
    "app_types",
    "check_model",
    "classify",
    "extract_entities",
    "load_model",
    "local_scores",
    "parse_schedule",
]
