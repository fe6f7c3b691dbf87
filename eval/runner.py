"""``nodepilot eval run``: run benchmark cases through the generation pipeline and score them.

The runner is asynchronous: every arm (provider/model) gets its own worker pool of
``concurrency`` tasks and an optional requests-per-minute limit, so a slow remote provider never
holds up the offline one. Each finished case is scored (:mod:`eval.metrics`) and appended to
``results.jsonl`` at once, which makes a run resumable: started again with the same ``--out`` it
skips every (case, arm) already recorded. ``summary.json`` is computed from the records in
dataset order, so an interrupted-then-resumed run summarises exactly like an uninterrupted one.

The pipeline is injected (``pipeline_factory``) so the runner can be tested with a stand-in;
by default it is ``engine.pipeline.Pipeline``.
"""

from __future__ import annotations

import asyncio
import json
import logging
import random
import sys
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from eval import provenance
from eval.datasets import Case
from eval.metrics import (
    ContextRef,
    MetricContext,
    Observation,
    aggregate_case_values,
    run_metrics,
    score_case,
)
from eval.prompt_sets import describe_prompt_set, prompts_measured, snapshot_prompt_set
from eval.rundir import (
    FORMAT_VERSION,
    MANIFEST,
    RESULTS,
    SUMMARY,
    arm_label,
    read_json,
    read_results,
)
from eval.stats import DEFAULT_SEED
from nodepilot.errors import UserError

#: Providers known when ``engine.providers`` cannot tell (it is checked first when present).
KNOWN_PROVIDERS: tuple[str, ...] = ("offline", "anthropic", "openai", "openai-compatible")
RUN_SEED = 0


class PipelineLike(Protocol):
    """What the runner needs from ``engine.pipeline.Pipeline``."""

    def run(
        self,
        request: str,
        conversation: Sequence[Any] = (),
        provider: str | None = None,
        model: str | None = None,
    ) -> Any: ...


#: Builds one pipeline for an arm; called once per worker, so each worker has its own (a real
#: Pipeline holds a database connection and is not shared between threads).
PipelineFactory = Callable[["ArmSpec"], PipelineLike]
ReferenceLookup = Callable[[str], dict[str, Any] | None]


@dataclass(frozen=True)
class ArmSpec:
    """One provider/model to evaluate, with its own concurrency and rate limit."""

    provider: str
    model: str | None = None
    concurrency: int = 4
    rpm: float | None = None
    use_cache: bool = True
    #: The arm's prompt folder (None: seeds/prompts) and the short name its label carries.
    prompts: Path | None = None
    prompts_tag: str | None = None
    #: Intent classifier and prompt optimizer: "local" (no prompt) or "llm" (reads its prompt).
    classifier: str = "local"
    optimizer: str = "local"

    @property
    def label(self) -> str:
        label = arm_label(self.provider, self.model)
        if self.prompts_tag:
            label += f"@{self.prompts_tag}"
        if self.classifier != "local":
            label += f"+{self.classifier}-classifier"
        if self.optimizer != "local":
            label += f"+{self.optimizer}-optimizer"
        return label


def default_pipeline_factory(arm: ArmSpec) -> PipelineLike:
    """The real pipeline for ``arm``; a clear error when the engine is not installed.

    The generation cache is used for remote providers only: offline generation is cheaper than
    a cache lookup, and a cached offline result would hide a change to the engine's code (the
    cache key holds the prompt hash, not the code version) from the gate.
    """
    try:
        from engine.pipeline import Pipeline
    except ImportError as exc:
        raise UserError(f"the generation pipeline is not available ({exc})") from exc
    return Pipeline(
        provider=arm.provider,
        model=arm.model,
        use_cache=arm.use_cache,
        classifier=arm.classifier,
        optimizer=arm.optimizer,
    )


def known_providers() -> tuple[str, ...]:
    """Provider names the engine offers (its registry when importable, else the documented four)."""
    try:
        import engine.providers as providers
    except ImportError:
        return KNOWN_PROVIDERS
    for attr in ("PROVIDER_NAMES", "PROVIDERS", "REGISTRY"):
        names = getattr(providers, attr, None)
        if names:
            return tuple(sorted(names))
    return KNOWN_PROVIDERS


def check_providers(arms: Sequence[ArmSpec]) -> None:
    known = known_providers()
    for arm in arms:
        # A fallback chain "anthropic,openai:gpt-x" names several providers, each may pin a model.
        for entry in arm.provider.split(","):
            name = entry.partition(":")[0].strip()
            if name not in known:
                raise UserError(f"unknown provider {name!r}; known providers: {', '.join(known)}")
    labels = [a.label for a in arms]
    if len(set(labels)) != len(labels):
        raise UserError(f"the same provider/model is listed twice: {', '.join(labels)}")


# ------------------------------------------------------------------------- references


class CorpusReferences:
    """Reference workflows by source id, read once from ``indexing.corpus`` on first use.

    Only the ids asked for at construction are kept (a few hundred workflows, not the corpus).
    When the third-party data is absent every lookup is None and structure metrics are skipped.
    """

    def __init__(self, source_ids: set[str]) -> None:
        self._wanted = {s for s in source_ids if s != "authored"}
        self._found: dict[str, dict[str, Any]] | None = None
        self._lock = threading.Lock()
        self.error: str | None = None

    def _load(self) -> dict[str, dict[str, Any]]:
        found: dict[str, dict[str, Any]] = {}
        if not self._wanted:
            return found
        corpus_log = logging.getLogger("indexing.corpus")
        level = corpus_log.level
        corpus_log.setLevel(logging.ERROR)  # skipped third-party files are not the run's business
        try:
            from indexing.corpus import SOURCES, iter_corpus

            # Each source on its own: a record keeps its own id even when it is a copy of one
            # in another collection, and skipping the cross-source de-duplication halves the time.
            needed = {src for src in SOURCES for sid in self._wanted if sid.startswith(src)}
            for src in sorted(needed) if needed else SOURCES:
                for rec in iter_corpus([src], include_duplicates=True, on_skip=lambda *_: None):
                    for sid in rec.all_ids & self._wanted:
                        found.setdefault(sid, rec.workflow)
        except (OSError, ValueError) as exc:
            self.error = str(exc)
        finally:
            corpus_log.setLevel(level)
        return found

    def __call__(self, source_id: str) -> dict[str, Any] | None:
        with self._lock:
            if self._found is None:
                self._found = self._load()
        return self._found.get(source_id)

    @property
    def loaded(self) -> int:
        return len(self._found or {})


# ------------------------------------------------------------------------- records


def _observation(result: Any) -> Observation:
    """The metric view of a GenerationResult-like object."""
    intent = getattr(result, "intent", None)
    usage = getattr(result, "usage", None)
    ids = [str(i) for i in getattr(result, "context_ids", None) or ()]
    types = list(getattr(result, "context_node_types", None) or ())
    if len(types) != len(ids):
        types = [()] * len(ids)
    context = [ContextRef(i, tuple(t)) for i, t in zip(ids, types, strict=True)]
    timings = dict(getattr(result, "timings_ms", None) or {})
    return Observation(
        intent=getattr(intent, "intent", intent),
        workflow=getattr(result, "workflow", None),
        context=context,
        timings_ms=timings,
        input_tokens=int(getattr(usage, "input_tokens", 0) or 0),
        output_tokens=int(getattr(usage, "output_tokens", 0) or 0),
        cost_usd=float(getattr(usage, "cost_usd", 0.0) or 0.0),
        error=getattr(result, "error", None),
    )


class ContextTypes:
    """Node types of retrieved items looked up in ``knowledge_items`` by id.

    Used only when a result carries ``context_ids`` without ``context_node_types`` (a pipeline
    older than that field); any failure leaves the types empty, so retrieval metrics are
    skipped rather than wrong.
    """

    def __init__(self) -> None:
        self._conn: Any = None
        self._cache: dict[str, tuple[str, ...]] = {}
        self._lock = threading.Lock()
        self.failed = False

    def fill(self, obs: Observation) -> None:
        missing = [c.id for c in obs.context if not c.node_types and c.id not in self._cache]
        if missing and not self.failed:
            with self._lock:
                try:
                    if self._conn is None:
                        from nodepilot.db import open_database

                        self._conn = open_database()
                        self._conn.autocommit = True
                    with self._conn.cursor() as cur:
                        cur.execute(
                            "SELECT kind || ':' || item_key, node_types FROM knowledge_items "
                            "WHERE kind || ':' || item_key = ANY(%s)",
                            (missing,),
                        )
                        for key, types in cur.fetchall():
                            self._cache[key] = tuple(types or ())
                except Exception:  # noqa: BLE001 - an optional enrichment, never fatal
                    logging.getLogger(__name__).warning(
                        "knowledge_items lookup failed: retrieval metrics of results without "
                        "context_node_types are skipped",
                        exc_info=True,
                    )
                    self.failed = True
        for c in obs.context:
            if not c.node_types:
                c.node_types = self._cache.get(c.id, ())

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()


def make_record(
    case: Case,
    arm: ArmSpec,
    result: Any,
    latency_ms: float,
    error: str | None,
    context_types: ContextTypes | None = None,
) -> tuple[dict[str, Any], Observation]:
    """The results.jsonl record of one case (without metrics) and its observation."""
    obs = _observation(result) if result is not None else Observation(error=error)
    if context_types is not None and obs.context:
        context_types.fill(obs)
    obs.latency_ms = latency_ms
    if error:
        obs.error = error
    intent = getattr(result, "intent", None)
    usage = getattr(result, "usage", None)
    rec: dict[str, Any] = {
        "format_version": FORMAT_VERSION,
        "case_id": case.id,
        "arm": arm.label,
        "provider": getattr(result, "provider", None) or arm.provider,
        "model": getattr(result, "model", None) or arm.model,
        "gold": {
            "intent": case.intent,
            "difficulty": case.difficulty,
            "trigger_kind": case.trigger_kind,
            "uses_ai": case.uses_ai,
            "split": case.split,
        },
        "intent": obs.intent,
        "intent_confidence": getattr(intent, "confidence", None),
        "status": getattr(result, "status", "failed") if result is not None else "failed",
        "workflow": obs.workflow,
        "answer": getattr(result, "answer", None),
        "findings": list(getattr(result, "findings", None) or []),
        "context": [{"id": c.id, "node_types": list(c.node_types)} for c in obs.context],
        "timings_ms": obs.timings_ms,
        "latency_ms": round(latency_ms, 3),
        "usage": {
            "input_tokens": obs.input_tokens,
            "output_tokens": obs.output_tokens,
            "cache_read_tokens": int(getattr(usage, "cache_read_tokens", 0) or 0),
            "cost_usd": obs.cost_usd,
            "calls": int(getattr(usage, "calls", 0) or 0),
        },
        "prompt_hash": getattr(result, "prompt_hash", None),
        "repair_rounds": getattr(result, "repair_rounds", None),
        "cached": getattr(result, "cached", None),
        "error": obs.error,
        # The pipeline raised instead of returning a result: retried when the run is resumed.
        "exception": result is None,
    }
    return rec, obs


def observation_from_record(rec: dict[str, Any]) -> Observation:
    return Observation.from_record(rec)


# ------------------------------------------------------------------------- rate limiting


class RateLimiter:
    """At most ``rpm`` starts per minute, spaced evenly (no burst), for one arm."""

    def __init__(self, rpm: float | None) -> None:
        self._interval = 60.0 / rpm if rpm else 0.0
        self._next = 0.0
        self._lock = asyncio.Lock()

    async def wait(self) -> None:
        if not self._interval:
            return
        async with self._lock:
            now = time.monotonic()
            delay = self._next - now
            self._next = max(now, self._next) + self._interval
        if delay > 0:
            await asyncio.sleep(delay)


# ------------------------------------------------------------------------- the run


def _arm_entry(arm: ArmSpec, out_dir: Path) -> dict[str, Any]:
    """An arm in manifest.json: provider, model, rate, stages and its prompt set (copied)."""
    prompts = describe_prompt_set(arm.prompts)
    prompts["snapshot"] = snapshot_prompt_set(arm.prompts, out_dir, prompts["set_hash"])
    return {
        "label": arm.label,
        "provider": arm.provider,
        "model": arm.model,
        "rpm": arm.rpm,
        "classifier": arm.classifier,
        "optimizer": arm.optimizer,
        "prompts": prompts,
    }


def _manifest(
    dataset_path: str,
    split: str | None,
    limit: int | None,
    arms: Sequence[ArmSpec],
    n: int,
    out_dir: Path,
) -> dict[str, Any]:
    return {
        "format_version": FORMAT_VERSION,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "git": provenance.git_info(),
        "dataset": {
            "path": dataset_path,
            "split": split,
            "limit": limit,
            "sha256": provenance.dataset_hash(dataset_path),
            "cases": n,
        },
        "arms": [_arm_entry(a, out_dir) for a in arms],
        "seeds": {"python": RUN_SEED, "numpy": RUN_SEED, "bootstrap": DEFAULT_SEED},
        "prompt_hashes": provenance.prompt_hashes(),
        "packages": provenance.package_versions(),
        "environment": provenance.environment(),
    }


_IDENTITY_KEYS = (("dataset", "sha256"), ("dataset", "split"), ("dataset", "limit"))


def _check_resume(path: Path, old: dict[str, Any], new: dict[str, Any]) -> None:
    """A resumed run must evaluate the same dataset selection with the same arms."""
    for a, b in _IDENTITY_KEYS:
        if old.get(a, {}).get(b) != new[a][b]:
            raise UserError(
                f"{path}: this run directory was made with {a}.{b} = "
                f"{old.get(a, {}).get(b)!r}, not {new[a][b]!r}",
                hint="use a new --out directory, or delete this one to start over",
            )
    old_arms = [x.get("label") for x in old.get("arms", [])]
    new_arms = [x["label"] for x in new["arms"]]
    if old_arms != new_arms:
        raise UserError(
            f"{path}: this run directory evaluates {', '.join(map(str, old_arms))}, "
            f"not {', '.join(new_arms)}",
            hint="use a new --out directory for other providers",
        )
    for before, now in zip(old.get("arms", []), new["arms"], strict=True):
        old_hash = (before.get("prompts") or {}).get("set_hash")
        if old_hash is not None and old_hash != now["prompts"]["set_hash"]:
            raise UserError(
                f"{path}: arm {now['label']} was run with prompt set {old_hash[:12]}, "
                f"its prompts are now {now['prompts']['set_hash'][:12]}",
                hint="use a new --out directory for the changed prompts",
            )


def latest_records(records: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """One record per (case, arm): the last one written (a retried case supersedes its error)."""
    by_key: dict[tuple[str, str], dict[str, Any]] = {}
    for rec in records:
        by_key.pop((rec["case_id"], rec["arm"]), None)
        by_key[(rec["case_id"], rec["arm"])] = rec
    return list(by_key.values())


class _SystematicFailure:
    """Stops a run whose first cases all raise the same exception (a broken install or setup,
    not a hard case): better one clear error than a results file of identical failures."""

    FIRST = 5

    def __init__(self) -> None:
        self._seen: dict[str, list[str | None]] = {}

    def note(self, arm: ArmSpec, rec: dict[str, Any]) -> None:
        seen = self._seen.setdefault(arm.label, [])
        if len(seen) >= self.FIRST:
            return
        seen.append(rec["error"] if rec.get("exception") else None)
        if len(seen) == self.FIRST and seen[0] is not None and len(set(seen)) == 1:
            raise UserError(
                f"{arm.label}: the first {self.FIRST} cases all failed with: {seen[0]}",
                hint="fix the setup and run again with the same --out (failed cases are retried)",
            )


def summarize(
    cases: Sequence[Case],
    records: Sequence[dict[str, Any]],
    arms: Sequence[str],
    manifest: dict[str, Any],
    ctx: MetricContext,
) -> dict[str, Any]:
    """summary.json: per arm, case-metric means and run metrics over the records, dataset order."""
    by_key = {(r["case_id"], r["arm"]): r for r in records}
    out: dict[str, Any] = {"format_version": FORMAT_VERSION, "run": manifest, "arms": {}}
    for label in arms:
        pairs = []
        metric_rows = []
        for case in cases:
            rec = by_key.get((case.id, label))
            if rec is None:
                continue
            pairs.append((case, observation_from_record(rec)))
            metric_rows.append(rec.get("metrics") or {})
        out["arms"][label] = {
            "cases": len(pairs),
            "missing": len(cases) - len(pairs),
            "errors": sum(1 for _, o in pairs if o.error),
            "metrics": aggregate_case_values(metric_rows),
            "run_metrics": run_metrics(pairs, ctx),
            "prompt_hashes": sorted(
                {r.get("prompt_hash") or "" for r in records if r["arm"] == label} - {""}
            ),
            # Prompts some case of the arm read: only these can have moved its scores.
            "prompts_read": sorted(
                {p for r in records if r["arm"] == label for p in r.get("prompts_read") or ()}
            ),
            # Who actually answered (a fallback chain may have used several provider/models).
            "models": sorted(
                {f"{r.get('provider')}/{r.get('model')}" for r in records if r["arm"] == label}
            ),
        }
    return out


async def run_eval(
    cases: Sequence[Case],
    arms: Sequence[ArmSpec],
    out_dir: Path,
    *,
    dataset_path: str,
    split: str | None = None,
    limit: int | None = None,
    pipeline_factory: PipelineFactory = default_pipeline_factory,
    reference_lookup: ReferenceLookup | None = None,
    progress: bool = True,
    judge: Any = None,
) -> dict[str, Any]:
    """Run every case through every arm (skipping those already recorded); return the summary.

    ``judge`` (optional, e.g. :class:`eval.metrics.judge.RubricJudge`) adds an LLM-judged
    metric to each newly scored case.
    """
    if not cases:
        raise UserError(f"no cases selected from {dataset_path}")
    check_providers(arms)
    started = time.perf_counter()
    random.seed(RUN_SEED)
    np.random.seed(RUN_SEED)
    out_dir.mkdir(parents=True, exist_ok=True)
    manifest_path, results_path = out_dir / MANIFEST, out_dir / RESULTS
    manifest = _manifest(dataset_path, split, limit, arms, len(cases), out_dir)
    if manifest_path.exists():
        old = read_json(manifest_path)
        _check_resume(manifest_path, old, manifest)
        manifest = {**old, "resumed": [*old.get("resumed", []), manifest["created"]]}
    elif results_path.exists():
        raise UserError(f"{results_path}: results without {MANIFEST}; not a run directory")
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")

    records = latest_records(read_results(results_path, repair_tail=True))
    done = {(r["case_id"], r["arm"]) for r in records if not r.get("exception")}
    case_by_id = {c.id: c for c in cases}
    if reference_lookup is None:
        reference_lookup = CorpusReferences({c.source for c in cases})
    ctx = MetricContext(reference_lookup)
    workers_of = {
        a.label: [pipeline_factory(a) for _ in range(max(1, a.concurrency))] for a in arms
    }
    shared_locks: dict[int, threading.Lock] = {}
    for pipelines in workers_of.values():
        for p in pipelines:
            if not getattr(p, "thread_safe", False):
                shared_locks.setdefault(id(p), threading.Lock())
    any_real = any(hasattr(p, "conn") for ps in workers_of.values() for p in ps)
    context_types = ContextTypes() if any_real else None
    pending = [(c, a) for a in arms for c in cases if (c.id, a.label) not in done]

    bar = None
    if progress and pending:
        from tqdm import tqdm

        bar = tqdm(total=len(pending), desc="eval", unit="case", file=sys.stderr)
    scorer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="eval-metrics")
    loop = asyncio.get_running_loop()

    def call(
        pipeline: PipelineLike, case: Case, arm: ArmSpec
    ) -> tuple[Any, float, str | None, list[str]]:
        from engine.prompts import recording_prompt_reads, using_prompts

        with using_prompts(arm.prompts), recording_prompt_reads() as reads:
            result, ms, error = call_pipeline(pipeline, case, arm)
        return result, ms, error, sorted(reads)

    def call_pipeline(
        pipeline: PipelineLike, case: Case, arm: ArmSpec
    ) -> tuple[Any, float, str | None]:
        from engine.types import Message

        conversation = tuple(Message(t.role, t.content) for t in case.conversation)  # type: ignore[arg-type]
        lock = shared_locks.get(id(pipeline))
        start = time.perf_counter()
        try:
            if lock is None:
                result = pipeline.run(
                    case.request, conversation=conversation, provider=arm.provider, model=arm.model
                )
            else:
                with lock:  # a pipeline shared by workers that is not thread-safe
                    start = time.perf_counter()
                    result = pipeline.run(
                        case.request,
                        conversation=conversation,
                        provider=arm.provider,
                        model=arm.model,
                    )
        except UserError:
            raise
        except Exception as exc:  # noqa: BLE001 - one failing case must not end the run
            return None, (time.perf_counter() - start) * 1000, f"{type(exc).__name__}: {exc}"
        return result, (time.perf_counter() - start) * 1000, None

    def score(case: Case, rec: dict[str, Any], obs: Observation) -> dict[str, Any]:
        rec["metrics"] = score_case(case, obs, ctx)
        if judge is not None:
            try:
                value, details = judge.score(case, obs)
            except Exception as exc:  # noqa: BLE001 - an optional metric never fails a case
                value, details = None, {"error": f"{type(exc).__name__}: {exc}"}
            if value is not None:
                rec["metrics"][judge.name] = value
            if details:
                rec["judge"] = details
        return rec

    try:
        with results_path.open("a", encoding="utf-8") as sink:

            async def worker(
                pipeline: PipelineLike,
                queue: asyncio.Queue[Case],
                arm: ArmSpec,
                limiter: RateLimiter,
            ) -> None:
                while True:
                    try:
                        case = queue.get_nowait()
                    except asyncio.QueueEmpty:
                        return
                    await limiter.wait()
                    result, ms, error, reads = await asyncio.to_thread(call, pipeline, case, arm)
                    rec, obs = make_record(case, arm, result, ms, error, context_types)
                    rec["prompts_read"] = prompts_measured(rec, reads)
                    rec = await loop.run_in_executor(scorer, score, case, rec, obs)
                    sink.write(json.dumps(rec, ensure_ascii=False, separators=(",", ":")) + "\n")
                    sink.flush()
                    records.append(rec)
                    failures.note(arm, rec)
                    if bar is not None:
                        bar.update(1)

            failures = _SystematicFailure()
            tasks = []
            for arm in arms:
                queue: asyncio.Queue[Case] = asyncio.Queue()
                for case, a in pending:
                    if a is arm:
                        queue.put_nowait(case)
                limiter = RateLimiter(arm.rpm)
                tasks += [
                    asyncio.create_task(worker(p, queue, arm, limiter))
                    for p in workers_of[arm.label]
                ]
            try:
                await asyncio.gather(*tasks)
            finally:
                for t in tasks:
                    t.cancel()
                if bar is not None:
                    bar.close()

        records = latest_records(records)
        summary = await loop.run_in_executor(
            scorer,
            summarize,
            cases,
            [r for r in records if r["case_id"] in case_by_id],
            [a.label for a in arms],
            manifest,
            ctx,
        )
    finally:
        scorer.shutdown(wait=True)
        if context_types is not None:
            context_types.close()
        for pipelines in workers_of.values():
            for p in pipelines:
                close = getattr(p, "close", None)
                if callable(close):
                    close()
    if isinstance(reference_lookup, CorpusReferences):
        summary["run"]["references_loaded"] = reference_lookup.loaded
    # Wall time of this invocation (of the last part only, for a resumed run).
    summary["run"]["elapsed_s"] = round(time.perf_counter() - started, 2)
    (out_dir / SUMMARY).write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return summary
