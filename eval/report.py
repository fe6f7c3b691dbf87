"""Plain-text views of run summaries for the terminal."""

from __future__ import annotations

from typing import Any

#: The metrics shown first, in this order (others follow alphabetically).
HEADLINE: tuple[str, ...] = (
    "intent_accuracy",
    "workflow_rate",
    "valid_strict",
    "valid_runtime",
    "trigger_accuracy",
    "node_recall",
    "node_precision",
    "node_f1",
    "edge_recall",
    "operation_accuracy",
    "trigger_event_accuracy",
    "graph_similarity",
    "retrieval_hit@5",
    "retrieval_hit@10",
    "retrieval_mrr",
    "context_precision_id",
    "context_recall_id",
    "context_precision_text",
    "context_recall_text",
)


def ordered_metrics(names: set[str] | list[str]) -> list[str]:
    names = set(names)
    return [m for m in HEADLINE if m in names] + sorted(names - set(HEADLINE))


def fmt(value: Any, digits: int = 3) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def format_summary(summary: dict[str, Any]) -> str:
    """One table: metrics as rows, arms as columns, then latency and usage per arm."""
    arms = summary.get("arms", {})
    labels = list(arms)
    names = ordered_metrics({m for a in arms.values() for m in a.get("metrics", {})})
    rows = [["metric", *labels]]
    rows.append(["cases", *[str(arms[a]["cases"]) for a in labels]])
    rows.append(["errors", *[str(arms[a]["errors"]) for a in labels]])
    for name in names:
        rows.append([name, *[fmt(arms[a]["metrics"].get(name)) for a in labels]])
    f1 = [arms[a].get("run_metrics", {}).get("intent_macro_f1") for a in labels]
    rows.insert(4, ["intent_macro_f1", *[fmt(x) for x in f1]])
    lat = [arms[a].get("run_metrics", {}).get("latency_ms", {}).get("total") or {} for a in labels]
    rows.append(["latency p50 ms", *[fmt(x.get("p50"), 1) for x in lat]])
    rows.append(["latency p95 ms", *[fmt(x.get("p95"), 1) for x in lat]])
    usage = [arms[a].get("run_metrics", {}).get("usage") or {} for a in labels]
    rows.append(["cost usd", *[fmt(u.get("cost_usd"), 4) for u in usage]])
    return table(rows)


def table(rows: list[list[str]], left: int = 1) -> str:
    """A plain-text table; the first ``left`` columns are left-aligned, the rest right."""
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for n, r in enumerate(rows):
        lines.append(
            "  ".join(
                c.ljust(w) if i < left else c.rjust(w)
                for i, (c, w) in enumerate(zip(r, widths, strict=True))
            ).rstrip()
        )
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)
