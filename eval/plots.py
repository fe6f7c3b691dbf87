"""Matplotlib figures for compare reports and the notebook (Agg backend: no display needed)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from eval.compare import MetricDelta  # noqa: E402
from eval.rundir import Arm  # noqa: E402


def forest(deltas: Sequence[MetricDelta], title: str, path: Path) -> Path:
    """Each metric's delta (B - A) with its 95% CI; significant ones in colour."""
    fig, ax = plt.subplots(figsize=(7, 0.4 * len(deltas) + 1.2))
    ys = range(len(deltas))
    for y, d in zip(ys, deltas, strict=True):
        colour = ("tab:green" if d.delta > 0 else "tab:red") if d.significant else "tab:gray"
        ax.errorbar(
            d.delta,
            y,
            xerr=[[d.delta - d.ci_low], [d.ci_high - d.delta]],
            fmt="o",
            color=colour,
            capsize=3,
        )
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_yticks(list(ys), [d.metric for d in deltas])
    ax.invert_yaxis()
    ax.set_xlabel("delta (B - A) with 95% bootstrap CI")
    ax.set_title(title, fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path


def metric_bars(rows: Sequence[dict[str, Any]], metrics: Sequence[str], path: Path) -> Path:
    """Grouped bars: each arm's mean of each metric (leaderboard rows)."""
    fig, ax = plt.subplots(figsize=(max(6, 0.9 * len(metrics) + 2), 4))
    width = 0.8 / max(1, len(rows))
    for i, row in enumerate(rows):
        xs = [j + i * width for j in range(len(metrics))]
        ax.bar(xs, [row.get(m) or 0 for m in metrics], width=width, label=row["arm"])
    ax.set_xticks([j + 0.4 - width / 2 for j in range(len(metrics))], metrics, rotation=45)
    for label in ax.get_xticklabels():
        label.set_horizontalalignment("right")
    ax.set_ylim(0, 1.05)
    ax.legend(fontsize=8)
    ax.set_title("metric means per arm", fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path


def latency_boxes(arms: Sequence[Arm], path: Path) -> Path:
    """Distribution of end-to-end latency per arm (log scale when it spans decades)."""
    fig, ax = plt.subplots(figsize=(6, 3.5))
    data = [[float(r.get("latency_ms") or 0) for r in a.records.values()] for a in arms]
    ax.boxplot(data, showfliers=True)
    ax.set_xticks(range(1, len(arms) + 1), [a.name for a in arms], rotation=15)
    flat = [v for d in data for v in d if v > 0]
    if flat and max(flat) / max(min(flat), 1e-9) > 100:
        ax.set_yscale("log")
    ax.set_ylabel("latency per case (ms)")
    ax.set_title("latency", fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path


def breakdown_bars(
    by_group: dict[str, list[MetricDelta]], metric: str, title: str, path: Path
) -> Path:
    """Per group, arm A and arm B means of one metric side by side."""
    groups = [g for g, ds in by_group.items() if any(d.metric == metric for d in ds)]
    a_vals, b_vals, ns = [], [], []
    for g in groups:
        d = next(d for d in by_group[g] if d.metric == metric)
        a_vals.append(d.mean_a)
        b_vals.append(d.mean_b)
        ns.append(d.n)
    fig, ax = plt.subplots(figsize=(max(5, 0.8 * len(groups) + 2), 3.5))
    xs = range(len(groups))
    ax.bar([x - 0.2 for x in xs], a_vals, width=0.4, label="A")
    ax.bar([x + 0.2 for x in xs], b_vals, width=0.4, label="B")
    ax.set_xticks(list(xs), [f"{g}\n(n={n})" for g, n in zip(groups, ns, strict=True)])
    ax.set_ylim(0, 1.05)
    ax.set_title(title, fontsize=10)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path
