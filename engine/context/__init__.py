"""What a generating model is given about nodes: schemas of the versions to generate, the spec
as a correctable first reading, and a token budget (issue 19)."""

from engine.context.assemble import (
    CONTEXT_TOKENS,
    MESSAGE_TOKENS,
    SchemaSection,
    schema_section,
    spec_choices,
)
from engine.context.schema import NodeChoice, render_schema
from engine.context.spec_view import render_spec, step_confidence, whole_clause
from engine.context.tokens import count_tokens

__all__ = [
    "CONTEXT_TOKENS",
    "MESSAGE_TOKENS",
    "NodeChoice",
    "SchemaSection",
    "count_tokens",
    "render_schema",
    "render_spec",
    "schema_section",
    "spec_choices",
    "step_confidence",
    "whole_clause",
]
