"""Context: does what the LLM provider would send carry the schemas the workflow needs?

For each workflow-request case the prompt an LLM provider sends is rebuilt exactly - the
local spec of the request, the context items the run retrieved (by id) and
``engine.providers.messages.build_generation_prompt`` - and measured against the case's
reference workflow (the template it was written from):

* **context_schema_types** - share of the reference's node types (sticky notes and types
  n8n 2.41 does not know left out) that have a schema block in the context: a block header
  naming the type and its typeVersion (``## Slack `n8n-nodes-base.slack` typeVersion 2.7``);
* **context_schema_required** - the same for the case's required node types and trigger
  (``any_of`` aware): the share of requirements with a schema for one of their types;
* **context_param_names** - share of the reference's configured top-level parameter names,
  per node type, that the schema block of that type names in backticks (`` `channelId` ``);
* **context_tokens** / **context_in_budget** - tokens of the whole user message (context and
  task, :func:`engine.context.tokens.count_tokens`) and whether it is within budget.

The rebuild needs the knowledge index (the run used it); when the database cannot be opened
the metrics do not apply (None) rather than report a wrong zero. It uses the local optimizer's
spec (the default): for an arm run with ``--optimizer llm`` the figures describe the context
the local spec gives, not the one that arm sent (``benchmarks/optimizer_arm.py`` measures that
against the local LLM server).
"""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass
from typing import Any

from eval.datasets import Case
from eval.metrics.base import CaseMetric, MetricContext, Observation, register
from nodepilot.workflow import STICKY_NOTE

log = logging.getLogger(__name__)
#: The user-message budget (tokens) the acceptance names: ~8k for six node types.
TOKEN_BUDGET = 8000
NOTE_TYPES = frozenset({STICKY_NOTE})
_HEADER = re.compile(r"^#{2,3} .*?`([^`\s]+)`\s+typeVersion\s+(\d+(?:\.\d+)?)\s*$", re.M)
_NAME = re.compile(r"`([A-Za-z_$][\w$]*)`")


def schema_blocks(text: str) -> dict[str, tuple[str, frozenset[str]]]:
    """Node type -> (typeVersion, parameter names in backticks) of each schema block; a block
    runs from its header line to the next heading. Several blocks of a type are merged."""
    out: dict[str, tuple[str, frozenset[str]]] = {}
    heads = list(_HEADER.finditer(text))
    for n, m in enumerate(heads):
        end = heads[n + 1].start() if n + 1 < len(heads) else len(text)
        body = text[m.end() : end]
        stop = re.search(r"^#{1,3} ", body, re.M)
        body = body[: stop.start()] if stop else body
        names = frozenset(_NAME.findall(body))
        version, before = out.get(m.group(1), (m.group(2), frozenset()))
        out[m.group(1)] = (version, before | names)
    return out


def reference_parameters(workflow: dict[str, Any], known: Any = None) -> dict[str, set[str]]:
    """Node type -> configured top-level parameter names in a reference workflow (sticky
    notes, and with ``known`` types the catalog does not know, left out)."""
    out: dict[str, set[str]] = {}
    for node in workflow.get("nodes") or ():
        if not isinstance(node, dict) or not isinstance(node.get("type"), str):
            continue
        node_type = node["type"]
        if node_type in NOTE_TYPES or (known is not None and not known.has_type(node_type)):
            continue
        params = node.get("parameters") if isinstance(node.get("parameters"), dict) else {}
        out.setdefault(node_type, set()).update(str(k) for k in params)
    return out


@dataclass(frozen=True)
class ContextFigures:
    """The context of one case, measured."""

    blocks: dict[str, tuple[str, frozenset[str]]]
    tokens: int
    text: str


class ContextBuilder:
    """Rebuilds the provider's user message for a case; one database connection per run."""

    def __init__(self) -> None:
        self._conn: Any = None
        self._lock = threading.Lock()
        self._memo: dict[tuple[str, tuple[str, ...]], ContextFigures] = {}
        self.failed: str | None = None

    def figures(self, case: Case, obs: Observation) -> ContextFigures | None:
        """The measured context of ``case`` as its run retrieved it (built once per case)."""
        ids = tuple(c.id for c in obs.context)
        key = (case.id, ids)
        with self._lock:
            if key not in self._memo:
                built = self._build(case, ids)
                if built is None:
                    return None
                self._memo.clear()  # one case at a time: keep memory flat
                self._memo[key] = built
            return self._memo[key]

    def _build(self, case: Case, ids: tuple[str, ...]) -> ContextFigures | None:
        from engine.context.tokens import count_tokens
        from engine.intent.classifier import classify
        from engine.providers.messages import build_generation_prompt
        from engine.retrieval import items_by_id
        from engine.spec import build_spec
        from engine.types import GenerationRequest

        if self.failed:
            return None
        try:
            if ids and self._conn is None:
                from nodepilot.db import open_database

                self._conn = open_database()
            items = items_by_id(self._conn, list(ids)) if ids else []
        except Exception as exc:  # noqa: BLE001 - no index: the metric does not apply
            self.failed = f"{type(exc).__name__}: {exc}"
            log.warning("context metrics skipped: %s", self.failed)
            return None
        spec = build_spec(case.request, classify(case.request))
        prompt = build_generation_prompt(
            GenerationRequest(request=case.request, spec=spec, context=tuple(items))
        )
        text = prompt.context + "\n\n" + prompt.task
        tokens = count_tokens(prompt.context) + count_tokens(prompt.task)
        return ContextFigures(schema_blocks(prompt.context), tokens, text)


_BUILDER = ContextBuilder()


def _figures(case: Case, obs: Observation) -> ContextFigures | None:
    if case.intent != "workflow_request":
        return None
    return _BUILDER.figures(case, obs)


def _reference(case: Case, ctx: MetricContext) -> dict[str, set[str]] | None:
    workflow = ctx.reference(case.source)
    if not isinstance(workflow, dict):
        return None
    refs = reference_parameters(workflow, ctx.catalog)
    return refs or None


@register
class SchemaTypes(CaseMetric):
    name = "context_schema_types"
    description = "share of the reference workflow's node types with a schema in the context"

    def score(self, case: Case, obs: Observation, ctx: MetricContext) -> float | None:
        refs = _reference(case, ctx)
        figures = _figures(case, obs) if refs else None
        if refs is None or figures is None:
            return None
        return sum(1 for t in refs if t in figures.blocks) / len(refs)


@register
class SchemaRequired(CaseMetric):
    name = "context_schema_required"
    description = "share of the case's required node types (and trigger) with a schema"

    def score(self, case: Case, obs: Observation, ctx: MetricContext) -> float | None:
        if case.expected is None:
            return None
        figures = _figures(case, obs)
        if figures is None:
            return None
        wanted = [*case.expected.required_sets, case.expected.triggers]
        return sum(1 for group in wanted if group & set(figures.blocks)) / len(wanted)


@register
class ParamNames(CaseMetric):
    name = "context_param_names"
    description = "share of the reference's configured parameter names named in its schemas"

    def score(self, case: Case, obs: Observation, ctx: MetricContext) -> float | None:
        refs = _reference(case, ctx)
        figures = _figures(case, obs) if refs else None
        if refs is None or figures is None:
            return None
        pairs = [(t, p) for t, names in refs.items() for p in names]
        if not pairs:
            return None
        named = sum(1 for t, p in pairs if p in figures.blocks.get(t, ("", frozenset()))[1])
        return named / len(pairs)


@register
class ContextTokens(CaseMetric):
    name = "context_tokens"
    description = "tokens of the user message an LLM provider sends (context and task)"
    higher_is_better = False

    def score(self, case: Case, obs: Observation, ctx: MetricContext) -> float | None:
        figures = _figures(case, obs)
        return None if figures is None else float(figures.tokens)


@register
class ContextInBudget(CaseMetric):
    name = "context_in_budget"
    description = f"the user message is within {TOKEN_BUDGET} tokens"
    binary = True

    def score(self, case: Case, obs: Observation, ctx: MetricContext) -> float | None:
        figures = _figures(case, obs)
        return None if figures is None else float(figures.tokens <= TOKEN_BUDGET)
