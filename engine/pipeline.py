"""The generation pipeline: request in, a workflow n8n accepts (or an answer) out.

Stages, each timed into ``GenerationResult.timings_ms``:
intent -> optimize (request -> Spec) -> retrieval -> generation -> validation (strict) ->
repair (deterministic fixes first, then up to ``max_feedback_rounds`` rounds back to the
generating model with the validator's findings). A workflow that still fails strict validation
is never returned: the result is ``failed`` with the findings named in ``error``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

import psycopg

from engine import cache
from engine.request_text import MAX_REQUEST_CHARS as MAX_REQUEST_CHARS  # re-exported
from engine.request_text import check_conversation, check_request
from engine.types import (
    GenerationRequest,
    GenerationResult,
    IntentResult,
    Message,
    Spec,
)
from nodepilot.errors import UserError

OFFLINE = "offline"
#: The intents that build a workflow (the others are answered).
WORKFLOW_INTENTS = ("workflow_request", "workflow_modification")


class _Timer:
    """Stage timings; ``on_start(name)`` is told as each stage begins and ``on_stage(name, ms)``
    as it ends (the service streams these as server-sent events and lets only a few threads
    do CPU work at once, releasing the slot while a remote model is awaited)."""

    def __init__(
        self,
        on_stage: Callable[[str, float], None] | None = None,
        on_start: Callable[[str], None] | None = None,
    ) -> None:
        self.ms: dict[str, float] = {}
        self.on_stage = on_stage
        self.on_start = on_start

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        if self.on_start is not None:
            self.on_start(name)
        started = time.perf_counter()
        try:
            yield
        finally:
            spent = (time.perf_counter() - started) * 1000
            self.ms[name] = round(self.ms.get(name, 0.0) + spent, 3)
            if self.on_stage is not None:
                self.on_stage(name, round(spent, 3))


def previous_workflow(conversation: Sequence[Message]) -> dict[str, Any] | None:
    """The most recent workflow the assistant produced in this conversation."""
    for msg in reversed(conversation):
        if msg.role == "assistant" and msg.workflow:
            return msg.workflow
    return None


def _findings_of(report: Any) -> list[dict[str, Any]]:
    return [f.to_dict() for f in report.findings]


def _errors(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [f for f in findings if f.get("severity") == "error"]


def _describe_errors(errors: list[dict[str, Any]], limit: int = 5) -> str:
    parts = [
        f"{f.get('code')} at {f.get('node') or f.get('path') or 'workflow'}: {f.get('message')}"
        for f in errors[:limit]
    ]
    more = f" (+{len(errors) - limit} more)" if len(errors) > limit else ""
    return "; ".join(parts) + more


class Pipeline:
    """Runs requests through every stage. One instance per process is enough: it holds the
    database connection (opened lazily) and nothing request-specific."""

    def __init__(
        self,
        *,
        provider: str = OFFLINE,
        model: str | None = None,
        classifier: str = "local",
        optimizer: str = "local",
        use_cache: bool = True,
        max_feedback_rounds: int = 2,
        conn_factory: Callable[[], psycopg.Connection] | None = None,
    ) -> None:
        self.provider_name = provider
        self.model = model
        self.classifier = classifier
        self.optimizer = optimizer
        self.use_cache = use_cache
        self.max_feedback_rounds = max_feedback_rounds
        self._conn_factory = conn_factory
        self._conn: psycopg.Connection | None = None

    # -- resources -------------------------------------------------------------------------
    @property
    def conn(self) -> psycopg.Connection:
        if self._conn is None or self._conn.closed:
            if self._conn_factory is None:
                from nodepilot.db import open_database

                self._conn = open_database()
            else:
                self._conn = self._conn_factory()
        return self._conn

    def close(self) -> None:
        if self._conn is not None and not self._conn.closed:
            self._conn.close()

    def __enter__(self) -> Pipeline:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the run ---------------------------------------------------------------------------
    def run(
        self,
        request: str,
        conversation: Sequence[Message] = (),
        *,
        provider: str | None = None,
        model: str | None = None,
        intent: IntentResult | None = None,
        on_stage: Callable[[str, float], None] | None = None,
        on_stage_start: Callable[[str], None] | None = None,
    ) -> GenerationResult:
        """One request through the pipeline. Raises UserError only for bad input/configuration;
        every other failure is a ``failed`` result naming what went wrong. ``on_stage(name, ms)``
        is called as each stage ends, ``on_stage_start(name)`` as each begins.

        The request and every earlier turn are cleaned first (``engine.request_text``); the
        prompts rendered are the versions active in the database when the run starts
        (``engine.prompts.prompts_in_force``), unless an eval arm pinned a folder."""
        from engine.prompts import prompts_in_force
        from engine.providers import get_provider

        text = check_request(request)
        turns = check_conversation(conversation)
        timer = _Timer(on_stage, on_stage_start)
        prov = get_provider(provider or self.provider_name, model or self.model)
        with prompts_in_force(self.conn):
            result = self._classified(text, turns, prov, intent, timer)
            if result.intent.intent not in WORKFLOW_INTENTS:
                return self._answered(result, turns, prov, timer)
            return self._built(result, turns, prov, timer)

    def classify_locally(self, request: str) -> IntentResult | None:
        """The intent stage's answer for ``request`` as the first turn of a conversation, when
        it needs nothing but this process: the local classifier (no model call, no database).
        None with the LLM classifier, or for a request ``run`` would refuse (it says why then).

        For a caller that has a wait to fill before the run (the service classifies while its
        sign-in round trip is in flight, then passes the result to ``run(intent=...)``): the
        same cleaning and the same classifier as the stage, so the run is the same."""
        from engine.intent.classifier import classify

        if self.classifier != "local":
            return None
        try:
            text = check_request(request)
        except UserError:
            return None
        return classify(text, (), classifier="local")

    def _classified(
        self,
        text: str,
        turns: tuple[Message, ...],
        prov: Any,
        intent: IntentResult | None,
        timer: _Timer,
    ) -> GenerationResult:
        """Stage ``intent`` (unless the caller knows it) and the result the run fills in."""
        from engine.intent.classifier import classify
        from engine.prompts import prompt_set_hash

        with timer.stage("intent"):
            if intent is None:
                llm = self._llm_for(prov) if self.classifier == "llm" else None
                intent = classify(text, turns, classifier=self.classifier, provider=llm)
        result = GenerationResult(
            request=text,
            intent=intent,
            provider=prov.name,
            model=prov.model,
            prompt_hash=prompt_set_hash(),
        )
        result.timings_ms = timer.ms
        return result

    def _answered(
        self, result: GenerationResult, turns: tuple[Message, ...], prov: Any, timer: _Timer
    ) -> GenerationResult:
        """Stage ``answer``: a question or a chat turn gets a reply and no workflow."""
        from engine.intent.answer import answer

        with timer.stage("answer"):
            llm = None if prov.name == OFFLINE else prov
            result.answer = answer(
                result.request, turns, result.intent, conn=self.conn, provider=llm
            )
        result.status = "answered"
        return result

    def _built(
        self, result: GenerationResult, turns: tuple[Message, ...], prov: Any, timer: _Timer
    ) -> GenerationResult:
        """optimize -> retrieval -> cache lookup -> generation, validation, repair -> cache."""
        previous = None
        if result.intent.intent == "workflow_modification":
            previous = previous_workflow(turns) or self._rebuild_previous(turns)
        with timer.stage("optimize"):
            result.spec = self._spec(result.request, result.intent, turns, prov)
        with timer.stage("retrieval"):
            context = self._retrieve(result.spec, previous)
        result.context_ids = [c.id for c in context]
        result.context_node_types = [list(c.node_types) for c in context]
        key = self._cache_key(result, prov, previous)
        if key is not None and self._from_cache(result, key, timer):
            return result
        gen_request = GenerationRequest(
            request=result.request,
            spec=result.spec,
            context=tuple(context),
            previous_workflow=previous,
            conversation=turns,
        )
        self._generate_and_validate(prov, gen_request, result, timer)
        if result.status == "succeeded" and key is not None:
            self._store_in_cache(result, key, prov)
        return result

    def _retrieve(self, spec: Spec, previous: dict[str, Any] | None) -> list[Any]:
        """Context for ``spec``, plus the node types of the workflow being modified."""
        from engine.retrieval import retrieve

        also = [n.get("type") for n in (previous or {}).get("nodes") or () if isinstance(n, dict)]
        also = [t for t in also if isinstance(t, str) and not t.endswith(".stickyNote")]
        return retrieve(spec, self.conn, also=also)

    def _cache_key(
        self, result: GenerationResult, prov: Any, previous: dict[str, Any] | None
    ) -> str | None:
        """The generation-cache key (None when the cache is off): the prompt set's hash is in
        it, so activating another prompt version never serves a result of the old one."""
        if not self.use_cache:
            return None
        return cache.cache_key(
            prompt_hash=result.prompt_hash,
            provider=prov.name,
            model=prov.model,
            request=result.request,
            context_ids=result.context_ids,
            previous=previous,
        )

    def _from_cache(self, result: GenerationResult, key: str, timer: _Timer) -> bool:
        """Stage ``cache``: fill ``result`` from a stored generation; False when none."""
        with timer.stage("cache"):
            hit = cache.lookup(self.conn, key)
        if hit is None:
            return False
        result.workflow = hit["workflow"]
        result.findings = hit.get("findings", [])
        result.fixes = hit.get("fixes", [])
        result.status = "succeeded"
        result.cached = True
        return True

    def _store_in_cache(self, result: GenerationResult, key: str, prov: Any) -> None:
        cache.store(
            self.conn,
            key,
            provider=prov.name,
            model=prov.model,
            prompt_hash=result.prompt_hash,
            request=result.request,
            context_ids=result.context_ids,
            result={
                "workflow": result.workflow,
                "findings": result.findings,
                "fixes": result.fixes,
            },
        )

    def _llm_for(self, prov: Any) -> Any:
        """The model an LLM stage (classifier, optimizer) uses: the generating provider, or
        OpenAI when generation is offline (so a missing OpenAI key is reported by name)."""
        if prov.name != OFFLINE:
            return prov
        from engine.providers import get_provider

        return get_provider("openai")

    def _spec(self, text: str, intent: IntentResult, conversation: tuple, prov: Any) -> Spec:
        from engine.spec import build_spec

        if self.optimizer == "llm":
            llm = self._llm_for(prov)
            return build_spec(text, intent, conversation, optimizer="llm", provider=llm)
        return build_spec(text, intent, conversation, optimizer="local")

    def _rebuild_previous(self, conversation: tuple[Message, ...]) -> dict[str, Any] | None:
        """A modification with no workflow in the conversation: replay its user turns offline
        (the first as a request, each later one as a change to the result so far), then the
        current turn modifies that. Deterministic, so the same conversation rebuilds the same
        workflow."""
        earlier = Pipeline(provider=OFFLINE, use_cache=False, conn_factory=lambda: self.conn)
        workflow: dict[str, Any] | None = None
        for msg in conversation:
            if msg.role != "user" or not msg.content.strip():
                continue
            if workflow is None:
                res = earlier.run(msg.content, (), intent=IntentResult("workflow_request", 1.0))
            else:
                res = earlier.run(
                    msg.content,
                    (Message("assistant", "", workflow=workflow),),
                    intent=IntentResult("workflow_modification", 1.0),
                )
            workflow = res.workflow or workflow
        return workflow

    def _generate_and_validate(
        self, prov: Any, req: GenerationRequest, result: GenerationResult, timer: _Timer
    ) -> None:
        from engine.validation.lints import has_fixable_lint, quality_findings
        from engine.validation.repair import repair_workflow
        from engine.validation.validator import validate_workflow

        rounds = 0 if prov.name == OFFLINE else self.max_feedback_rounds
        errors: list[dict[str, Any]] = []
        for attempt in range(rounds + 1):
            lints: list[dict[str, Any]] = []
            try:
                with timer.stage("generation"):
                    out = prov.generate_workflow(req)
            except UserError:
                raise
            except Exception as exc:  # provider failure after its retries / fallbacks
                result.status = "failed"
                result.error = f"{prov.name} failed: {exc}"
                return
            result.usage.add(out.usage)
            # inside a fallback chain, record the member that actually answered
            result.provider = out.provider or result.provider
            result.model = out.model or result.model
            workflow = out.workflow
            if workflow is None:
                errors = (
                    out.error.as_findings()
                    if out.error is not None
                    else [
                        {
                            "code": "output_not_a_workflow",
                            "severity": "error",
                            "message": "the model did not return a workflow object",
                        }
                    ]
                )
            else:
                with timer.stage("validation"):
                    report = validate_workflow(workflow, profile="strict")
                findings = _findings_of(report)
                errors = _errors(findings)
                if errors or has_fixable_lint(findings):  # e.g. a static agent prompt
                    with timer.stage("repair"):
                        repaired = repair_workflow(workflow)
                        report = validate_workflow(repaired.workflow, profile="strict")
                    result.fixes += [f.to_dict() for f in repaired.fixes]
                    workflow = repaired.workflow
                    findings = _findings_of(report)
                    errors = _errors(findings)
                lints = quality_findings(findings)
                if not errors:
                    result.workflow = workflow
                    result.findings = findings
                    result.status = "succeeded"
                    result.repair_rounds = attempt
                    return
            result.findings = errors
            # the quality warnings ride along so the model fixes them in the same round
            req = replace(
                req, feedback=tuple(errors + lints), failed_workflow=workflow, attempt=attempt + 1
            )
        result.status = "failed"
        result.repair_rounds = rounds
        result.error = (
            f"the workflow from {prov.name} is still invalid after repair: "
            f"{_describe_errors(errors)}"
        )
