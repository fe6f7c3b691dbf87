"""Markdown and HTML reports of a :class:`eval.compare.Comparison`, with PNG plots beside them.

The Markdown links the images; the HTML embeds them (base64), so it can be mailed on its own.
"""

from __future__ import annotations

import base64
import html
import json
from pathlib import Path
from typing import Any

from eval.compare import Comparison, MetricDelta
from eval.prompt_sets import PromptSetDiff
from eval.report import fmt


def _delta_rows(deltas: list[MetricDelta]) -> list[list[str]]:
    rows = [["metric", "n", "A", "B", "delta", "95% CI", "McNemar p", "sig."]]
    for d in deltas:
        rows.append(
            [
                d.metric,
                str(d.n),
                fmt(d.mean_a),
                fmt(d.mean_b),
                f"{d.delta:+.3f}",
                f"[{d.ci_low:+.3f}, {d.ci_high:+.3f}]",
                "-" if d.mcnemar_p is None else f"{d.mcnemar_p:.3g} ({d.a_only}/{d.b_only})",
                "yes" if d.significant else "",
            ]
        )
    return rows


def _leader_rows(c: Comparison) -> list[list[str]]:
    cols = [m for m in c.metrics if any(r.get(m) is not None for r in c.leaderboard)]
    rows = [["rank", "arm", *cols, "p50 ms", "p95 ms", "cost $"]]
    key = "node_f1" if "node_f1" in cols else (cols[0] if cols else None)
    ranked = sorted(c.leaderboard, key=lambda r: -(r.get(key) or 0) if key else 0)
    for i, r in enumerate(ranked, start=1):
        rows.append(
            [
                str(i),
                r["arm"],
                *[fmt(r.get(m)) for m in cols],
                fmt(r["latency_p50_ms"], 1),
                fmt(r["latency_p95_ms"], 1),
                fmt(r["cost_usd"], 4),
            ]
        )
    return rows


def _md_table(rows: list[list[str]]) -> str:
    out = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
    out += ["| " + " | ".join(r) + " |" for r in rows[1:]]
    return "\n".join(out)


def _html_table(rows: list[list[str]]) -> str:
    head = "".join(f"<th>{html.escape(c)}</th>" for c in rows[0])
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>" for r in rows[1:]
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def dataset_warning(c: Comparison) -> str | None:
    """A warning when the arms were run on different datasets or splits (pairs still match by
    case id, but the figures are then not about the same benchmark)."""
    from eval.rundir import load_run

    seen = {}
    for arm in c.arms:
        ds = load_run(arm.run).manifest.get("dataset") or {}
        seen[arm.name] = (ds.get("sha256"), ds.get("split"))
    if len(set(seen.values())) > 1:
        return "the arms come from different datasets or splits: " + "; ".join(
            f"{name}: {str(sha)[:12]} {split}" for name, (sha, split) in seen.items()
        )
    return None


def _run_metric_rows(c: Comparison) -> list[list[str]]:
    """Macro-F1, latency per stage, tokens, cost and top findings per arm (from summaries)."""
    rows = [["arm", "cases", "intent macro-F1", "latency p50/p95 ms", "slowest stage p95",
             "tokens in/out", "cost $", "top findings"]]  # fmt: skip
    for arm in c.arms:
        rm = arm.summary.get("run_metrics") or {}
        lat = rm.get("latency_ms") or {}
        total = lat.get("total") or {}
        stages = {k: v for k, v in lat.items() if k != "total" and v}
        slow = max(stages.items(), key=lambda kv: kv[1]["p95"], default=None)
        usage = rm.get("usage") or {}
        findings = sorted((rm.get("findings_by_code") or {}).items(), key=lambda kv: -kv[1])
        rows.append(
            [
                arm.name,
                str(arm.summary.get("cases", len(arm.records))),
                fmt(rm.get("intent_macro_f1")),
                f"{fmt(total.get('p50'), 1)} / {fmt(total.get('p95'), 1)}",
                f"{slow[0]} {slow[1]['p95']:.1f}" if slow else "-",
                f"{usage.get('input_tokens', 0)} / {usage.get('output_tokens', 0)}",
                fmt(usage.get("cost_usd"), 4),
                ", ".join(f"{k} x{v}" for k, v in findings[:3]) or "-",
            ]
        )
    return rows


def _provenance_rows(c: Comparison) -> list[list[str]]:
    from eval.rundir import load_run

    rows = [["arm", "git commit", "dataset sha256", "split", "prompts"]]
    seen: dict[str, Any] = {}
    for arm in c.arms:
        run = seen.setdefault(arm.run, load_run(arm.run))
        m = run.manifest
        prompts = ",".join(arm.summary.get("prompt_hashes") or []) or "-"
        rows.append(
            [
                arm.name,
                str((m.get("git") or {}).get("commit") or "-")[:12],
                str((m.get("dataset") or {}).get("sha256") or "-")[:12],
                str((m.get("dataset") or {}).get("split") or "-"),
                prompts[:40],
            ]
        )
    return rows


def _prompt_summary(d: PromptSetDiff) -> str:
    if not d.names:
        return "Prompts: the same prompt set."
    parts = [
        f"{kind} {', '.join(names)}"
        for kind, names in (("changed", d.changed), ("added", d.added), ("removed", d.removed))
        if names
    ]
    return "Prompts differ: " + "; ".join(parts) + (f" ({d.note})" if d.note else "") + "."


def _prompt_diff_md(d: PromptSetDiff) -> list[str]:
    out = [_prompt_summary(d), ""]
    if d.diff:
        out += ["```diff", d.diff.rstrip("\n"), "```", ""]
    return out


def _prompt_diff_html(d: PromptSetDiff) -> list[str]:
    out = [f"<p>{html.escape(_prompt_summary(d))}</p>"]
    if d.diff:
        out.append(f"<pre class='diff'>{html.escape(d.diff)}</pre>")
    return out


def write_reports(c: Comparison, out_dir: Path) -> dict[str, Path]:
    """Write report.md, report.html, comparison.json and the plots into ``out_dir``."""
    try:
        from eval import plots
    except ImportError as exc:
        from nodepilot.errors import UserError

        raise UserError(
            f"compare reports need matplotlib ({exc})", hint="pip install 'nodepilot[dev]'"
        ) from exc

    out_dir.mkdir(parents=True, exist_ok=True)
    images: list[tuple[str, Path]] = []
    headline = [m for m in c.metrics if m in {d.metric for _, _, ds in c.pairs for d in ds}]
    images.append(
        ("Metric means per arm", plots.metric_bars(c.leaderboard, headline, out_dir / "means.png"))
    )
    for i, (a, b, deltas) in enumerate(c.pairs):
        images.append(
            (
                f"Deltas: {b.name} vs {a.name}",
                plots.forest(deltas, f"B = {b.name} vs A = {a.name}", out_dir / f"deltas{i}.png"),
            )
        )
    images.append(("Latency", plots.latency_boxes(c.arms, out_dir / "latency.png")))
    for i, (a, b, bd) in enumerate(c.breakdowns):
        for dim, by_group in bd.items():
            if by_group:
                images.append(
                    (
                        f"node_recall by {dim}: {b.name} vs {a.name}",
                        plots.breakdown_bars(
                            by_group,
                            "node_recall",
                            f"node_recall by {dim} (A = {a.name}, B = {b.name})",
                            out_dir / f"by_{dim}{i}.png",
                        ),
                    )
                )

    md = [f"# Eval comparison: {', '.join(a.name for a in c.arms)}", ""]
    md += [
        f"Paired bootstrap 95% CIs ({c.resamples:,} resamples, seed {c.seed}) of B - A on the "
        "cases both arms scored; McNemar exact p-values for binary metrics (A-only / B-only "
        "discordant counts). 'sig.' = the CI excludes 0.",
        "",
        "## Runs",
        "",
        _md_table(_provenance_rows(c)),
        "",
    ]
    htm = [
        "<!doctype html><html><head><meta charset='utf-8'><title>Eval comparison</title>",
        "<style>body{font-family:sans-serif;max-width:1100px;margin:auto}"
        "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;"
        "padding:2px 6px;text-align:right}td:first-child,th:first-child{text-align:left}"
        "</style></head><body>",
        f"<h1>Eval comparison: {html.escape(', '.join(a.name for a in c.arms))}</h1>",
        f"<p>{html.escape(md[2])}</p><h2>Runs</h2>",
        _html_table(_provenance_rows(c)),
    ]
    warning = dataset_warning(c)
    if warning:
        md += [f"**Warning:** {warning}", ""]
        htm += [f"<p><strong>Warning:</strong> {html.escape(warning)}</p>"]
    md += ["## Run metrics (each arm on its own cases)", "", _md_table(_run_metric_rows(c)), ""]
    htm += ["<h2>Run metrics (each arm on its own cases)</h2>", _html_table(_run_metric_rows(c))]
    if len(c.arms) > 2:
        md += ["## Leaderboard", "", _md_table(_leader_rows(c)), ""]
        htm += ["<h2>Leaderboard</h2>", _html_table(_leader_rows(c))]
    for i, (a, b, deltas) in enumerate(c.pairs):
        title = f"B = {b.name} vs A = {a.name}"
        md += [f"## {title}", "", _md_table(_delta_rows(deltas)), ""]
        htm += [f"<h2>{html.escape(title)}</h2>", _html_table(_delta_rows(deltas))]
        if i < len(c.prompt_diffs):
            md += _prompt_diff_md(c.prompt_diffs[i])
            htm += _prompt_diff_html(c.prompt_diffs[i])
    for a, b, bd in c.breakdowns:
        for dim, by_group in bd.items():
            md += [f"### By {dim}: {b.name} vs {a.name}", ""]
            htm += [
                f"<h3>By {html.escape(dim)}: {html.escape(b.name)} vs {html.escape(a.name)}</h3>"
            ]
            for group, deltas in by_group.items():
                if deltas:
                    md += [f"**{group}**", "", _md_table(_delta_rows(deltas)), ""]
                    htm += [f"<h4>{html.escape(group)}</h4>", _html_table(_delta_rows(deltas))]
    md += ["## Plots", ""]
    htm += ["<h2>Plots</h2>"]
    for title, path in images:
        md += [f"![{title}]({path.name})", ""]
        data = base64.b64encode(path.read_bytes()).decode()
        htm += [
            f"<h3>{html.escape(title)}</h3><img alt='{html.escape(title)}' "
            f"src='data:image/png;base64,{data}'>"
        ]
    htm.append("</body></html>")

    paths = {
        "markdown": out_dir / "report.md",
        "html": out_dir / "report.html",
        "json": out_dir / "comparison.json",
    }
    paths["markdown"].write_text("\n".join(md), encoding="utf-8")
    paths["html"].write_text("\n".join(htm), encoding="utf-8")
    paths["json"].write_text(json.dumps(c.to_dict(), indent=2), encoding="utf-8")
    return paths


def format_console(c: Comparison) -> str:
    """The overall delta tables (and leaderboard) as plain text."""
    from eval.report import table

    parts = []
    warning = dataset_warning(c)
    if warning:
        parts += [f"warning: {warning}", ""]
    if len(c.arms) > 2:
        parts += ["leaderboard", table(_leader_rows(c)), ""]
    for i, (a, b, deltas) in enumerate(c.pairs):
        parts += [f"B = {b.name} vs A = {a.name}", table(_delta_rows(deltas))]
        if i < len(c.prompt_diffs):
            parts.append(_prompt_summary(c.prompt_diffs[i]))
        parts.append("")
    return "\n".join(parts)
