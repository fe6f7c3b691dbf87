"""``nodepilot eval compare``: paired comparison of runs with Markdown and HTML reports."""

from __future__ import annotations

from pathlib import Path

import click

from eval.stats import DEFAULT_RESAMPLES, DEFAULT_SEED


@click.command("compare")
@click.argument("runs", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Report directory (default: runs/compare-<names>).",
)
@click.option(
    "--resamples",
    type=click.IntRange(min=10_000),
    default=DEFAULT_RESAMPLES,
    show_default=True,
    help="Bootstrap resamples.",
)
@click.option("--seed", type=int, default=DEFAULT_SEED, show_default=True)
def compare(runs: tuple[str, ...], out: Path | None, resamples: int, seed: int) -> None:
    """Compare RUNS (run directories; the first arm is the reference A).

    Two arms: per-metric deltas with 95% bootstrap CIs, McNemar tests and breakdowns by
    difficulty, trigger kind and AI use. More arms: also a leaderboard. Writes report.md,
    report.html, comparison.json and PNG plots.
    """
    from eval.compare import compare_runs
    from eval.compare_report import format_console, write_reports

    comparison = compare_runs(runs, resamples=resamples, seed=seed)
    name = "-vs-".join(Path(r).resolve().name for r in runs)[:120]
    out_dir = out or Path("runs") / f"compare-{name}"
    paths = write_reports(comparison, out_dir)
    click.echo(format_console(comparison))
    click.echo(f"wrote {paths['markdown']} and {paths['html']}", err=True)
