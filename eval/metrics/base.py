"""The metric registry: small named units with a per-case function and an aggregate.

In the spirit of lm-evaluation-harness, every metric is a class registered under a unique name.
Two shapes exist because some figures are only defined over a whole run:

* :class:`CaseMetric` scores one case (``score(case, obs, ctx) -> float | None``; None means
  "does not apply to this case") and aggregates by the mean. Its per-case values are stored in
  ``results.jsonl`` so that compare and gate can pair runs case by case (bootstrap, McNemar).
  ``binary`` marks 0/1 metrics, for which McNemar's exact test is meaningful.
* :class:`RunMetric` computes one value (a number or a small table) from all observations of a
  run: macro-F1, the confusion matrix, findings by code, latency percentiles.

Metrics read only :class:`Observation` (what the system produced, as plain data) and the gold
``Case`` from :mod:`eval.datasets`, so they can be reused outside the runner and tested on
hand-made cases.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from eval.datasets import Case


@dataclass
class ContextRef:
    """One retrieved context item as the metrics see it: its id and the node types it names."""

    id: str
    node_types: tuple[str, ...] = ()


@dataclass
class Observation:
    """What the system produced for one case (the part of a results.jsonl record metrics read)."""

    intent: str | None = None
    workflow: dict[str, Any] | None = None
    context: list[ContextRef] = field(default_factory=list)
    timings_ms: dict[str, float] = field(default_factory=dict)
    latency_ms: float = 0.0
    input_tokens: int = 0
    output_tokens: int = 0
    cost_usd: float = 0.0
    error: str | None = None

    @classmethod
    def from_record(cls, rec: dict[str, Any]) -> Observation:
        usage = rec.get("usage") or {}
        return cls(
            intent=rec.get("intent"),
            workflow=rec.get("workflow"),
            context=[
                ContextRef(c["id"], tuple(c.get("node_types") or ()))
                for c in rec.get("context") or ()
            ],
            timings_ms=dict(rec.get("timings_ms") or {}),
            latency_ms=float(rec.get("latency_ms") or 0.0),
            input_tokens=int(usage.get("input_tokens") or 0),
            output_tokens=int(usage.get("output_tokens") or 0),
            cost_usd=float(usage.get("cost_usd") or 0.0),
            error=rec.get("error"),
        )


class MetricContext:
    """Shared, lazily built helpers for metrics: the catalog, validation reports, references.

    One context serves a whole run so that a workflow is validated once per profile even though
    several metrics read the report.
    """

    def __init__(
        self,
        reference_lookup: Callable[[str], dict[str, Any] | None] | None = None,
        catalog: Any = None,
    ) -> None:
        self._reference_lookup = reference_lookup
        self._catalog = catalog
        self._reports: dict[tuple[int, str], Any] = {}

    @property
    def catalog(self) -> Any:
        if self._catalog is None:
            from indexing.catalog.load import load_catalog

            self._catalog = load_catalog()
        return self._catalog

    def validation(self, workflow: dict[str, Any], profile: str) -> Any:
        """The validator's report for ``workflow`` under ``profile`` (cached per object)."""
        key = (id(workflow), profile)
        if key not in self._reports:
            from engine.validation.validator import validate_workflow

            self._reports[key] = (
                validate_workflow(workflow, profile=profile, catalog=self.catalog),
                workflow,  # keep the object alive so its id is not reused
            )
        return self._reports[key][0]

    def reference(self, source_id: str) -> dict[str, Any] | None:
        """The reference workflow a case was written from, or None (authored, not loadable)."""
        if self._reference_lookup is None or source_id == "authored":
            return None
        return self._reference_lookup(source_id)

    def forget(self, workflow: dict[str, Any] | None) -> None:
        """Drop cached reports of a workflow once its case is scored (bounded memory)."""
        if workflow is not None:
            for profile in ("strict", "runtime"):
                self._reports.pop((id(workflow), profile), None)


class CaseMetric:
    """A metric with one value per case and the mean as aggregate."""

    name: ClassVar[str]
    description: ClassVar[str] = ""
    binary: ClassVar[bool] = False
    #: Higher is better (False for latency-like metrics); compare and gate read it.
    higher_is_better: ClassVar[bool] = True

    def score(self, case: Case, obs: Observation, ctx: MetricContext) -> float | None:
        raise NotImplementedError

    def aggregate(self, values: Sequence[float]) -> float | None:
        return sum(values) / len(values) if values else None


class RunMetric:
    """A metric computed over a whole run (may return a number or a JSON-able table)."""

    name: ClassVar[str]
    description: ClassVar[str] = ""

    def compute(self, pairs: Sequence[tuple[Case, Observation]], ctx: MetricContext) -> Any:
        raise NotImplementedError


CASE_METRICS: dict[str, CaseMetric] = {}
RUN_METRICS: dict[str, RunMetric] = {}


def register(cls: type) -> type:
    """Class decorator: add one instance of a metric class to its registry (names are unique)."""
    registry: dict[str, Any]
    if issubclass(cls, CaseMetric):
        registry = CASE_METRICS
    elif issubclass(cls, RunMetric):
        registry = RUN_METRICS
    else:
        raise TypeError(f"{cls.__name__} is neither a CaseMetric nor a RunMetric")
    name = cls.name
    if name in CASE_METRICS or name in RUN_METRICS:
        raise ValueError(f"metric {name!r} is registered twice")
    registry[name] = cls()
    return cls


def score_case(
    case: Case, obs: Observation, ctx: MetricContext, names: Iterable[str] | None = None
) -> dict[str, float]:
    """Every applicable case metric for one case (metrics returning None are left out)."""
    out: dict[str, float] = {}
    for name, metric in CASE_METRICS.items():
        if names is not None and name not in names:
            continue
        value = metric.score(case, obs, ctx)
        if value is not None:
            out[name] = float(value)
    ctx.forget(obs.workflow)
    return out


def aggregate_case_values(per_case: Iterable[dict[str, float]]) -> dict[str, float | None]:
    """Aggregate stored per-case values by each metric's own aggregate (the mean by default)."""
    columns: dict[str, list[float]] = {}
    for values in per_case:
        for name, value in values.items():
            columns.setdefault(name, []).append(value)
    out: dict[str, float | None] = {}
    for name, vals in columns.items():
        metric = CASE_METRICS.get(name)
        out[name] = metric.aggregate(vals) if metric else sum(vals) / len(vals)
    return out
