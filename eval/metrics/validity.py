"""Workflow validity under the validator's ``strict`` and ``runtime`` profiles.

Validity is measured over the workflows the system produced (a question answered with text has
no workflow to validate); whether a workflow was produced at all for a workflow request is the
separate ``workflow_rate``. Findings are counted by code over the run.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from eval.datasets import Case
from eval.metrics.base import CaseMetric, MetricContext, Observation, RunMetric, register


@register
class WorkflowRate(CaseMetric):
    name = "workflow_rate"
    description = "a workflow request or modification got a workflow back"
    binary = True

    def score(self, case: Case, obs: Observation, ctx: MetricContext) -> float | None:
        if not case.is_workflow:
            return None
        return float(obs.workflow is not None)


class _Valid(CaseMetric):
    profile = "strict"
    binary = True

    def score(self, case: Case, obs: Observation, ctx: MetricContext) -> float | None:
        if obs.workflow is None:
            return None
        return float(ctx.validation(obs.workflow, self.profile).valid)


@register
class ValidStrict(_Valid):
    name = "valid_strict"
    description = "produced workflow passes the strict validator profile"
    profile = "strict"


@register
class ValidRuntime(_Valid):
    name = "valid_runtime"
    description = "produced workflow passes the runtime validator profile"
    profile = "runtime"


@register
class FindingsByCode(RunMetric):
    name = "findings_by_code"
    description = "strict-profile error and warning counts by finding code"

    def compute(self, pairs: Sequence[tuple[Case, Observation]], ctx: MetricContext) -> Any:
        counts: Counter[str] = Counter()
        for _, obs in pairs:
            if obs.workflow is not None:
                for f in ctx.validation(obs.workflow, "strict").findings:
                    counts[f"{f.severity}:{f.code}"] += 1
        return dict(sorted(counts.items()))
