"""Optional LLM-judged metric: a rubric score of the produced workflow against the request.

Never registered with the built-in metrics and never read by the gate: it runs only when a
judge provider is configured (``nodepilot eval run --judge anthropic``), costs tokens, and its
figures depend on the judge model. The judge sees the request and a compact outline of the
workflow (node types and connections, no parameters), and answers with a 1-5 score against a
fixed rubric; the stored value is (score - 1) / 4 so it lies in [0, 1] like the other metrics.
"""

from __future__ import annotations

from typing import Any

from eval.datasets import Case
from eval.metrics import workflow as wf
from eval.metrics.base import Observation

NAME = "judge_rubric"

SYSTEM = """You grade automation workflows built for n8n.
Given a user's request and an outline of the workflow produced for it, score how well the
workflow would do what the user asked, from 1 to 5:
5 - every step the request needs is there, in a sensible order, started the right way;
4 - complete but with a minor detour or a missing detail;
3 - the main step is there but something the user asked for is missing;
2 - only loosely related to the request;
1 - unrelated, or no workflow.
Judge only the outline; do not invent parameters. Answer with JSON."""

SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "score": {"type": "integer", "minimum": 1, "maximum": 5},
        "reason": {"type": "string"},
    },
    "required": ["score", "reason"],
    "additionalProperties": False,
}


def outline(workflow: Any) -> str:
    """Node types and typed connections, one per line (what the judge reads)."""
    lines = [f"node: {t}" for t in sorted(wf.node_types(workflow))]
    lines += [f"edge: {s} -[{k}]-> {t}" for s, t, k in sorted(set(wf.edges(workflow)))]
    return "\n".join(lines) or "(empty)"


class RubricJudge:
    """Scores workflow cases with a provider's structured completion."""

    name = NAME

    def __init__(self, provider: Any) -> None:
        self.provider = provider

    def score(self, case: Case, obs: Observation) -> tuple[float | None, dict[str, Any]]:
        """(value in [0, 1] or None when not applicable, details incl. usage and reason)."""
        if not case.is_workflow:
            return None, {}
        if obs.workflow is None:
            return 0.0, {"reason": "no workflow"}
        prompt = f"Request:\n{case.request}\n\nWorkflow outline:\n{outline(obs.workflow)}"
        done = self.provider.complete(
            SYSTEM, [{"role": "user", "content": prompt}], json_schema=SCHEMA, max_tokens=300
        )
        data = done.data if isinstance(done.data, dict) else {}
        score = data.get("score")
        if not isinstance(score, int) or not 1 <= score <= 5:
            return None, {"error": f"judge answered without a 1-5 score: {done.text[:200]}"}
        usage = getattr(done, "usage", None)
        return (score - 1) / 4, {
            "reason": str(data.get("reason", ""))[:500],
            "cost_usd": float(getattr(usage, "cost_usd", 0.0) or 0.0),
        }
