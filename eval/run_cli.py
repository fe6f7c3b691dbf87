"""``nodepilot eval run``: the command-line face of :mod:`eval.runner`."""

from __future__ import annotations

import asyncio
from pathlib import Path

import click

from nodepilot.errors import UserError


@click.command("run")
@click.option(
    "--dataset",
    "dataset",
    required=True,
    type=click.Path(path_type=str),
    help="A .jsonl dataset file or a directory of them (datasets/bench).",
)
@click.option("--split", default="dev", show_default=True, help="train, dev, test or 'all'.")
@click.option(
    "--provider",
    "providers",
    multiple=True,
    default=("offline",),
    show_default=True,
    help="Provider to evaluate, P or P:MODEL or a fallback chain P1,P2 (repeat for an A/B "
    "run: one arm per --provider).",
)
@click.option("--model", default=None, help="Model for every non-offline provider.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="First N cases only.")
@click.option(
    "--concurrency",
    type=click.IntRange(min=1),
    default=4,
    show_default=True,
    help="Cases in flight per remote provider (offline runs one at a time: it is CPU-bound).",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Do not use the generation cache for remote providers (offline never uses it).",
)
@click.option(
    "--rpm",
    type=click.FloatRange(min=0, min_open=True),
    default=None,
    help="Requests per minute per non-offline provider (default: unlimited).",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Run directory (default runs/<provider>-<split>); an existing one is resumed.",
)
@click.option(
    "--judge",
    default=None,
    metavar="PROVIDER[:MODEL]",
    help="Also score workflows with an LLM judge (optional metric, never gated; costs tokens).",
)
@click.option("--no-progress", is_flag=True, help="No progress bar.")
def run(
    dataset: str,
    split: str,
    providers: tuple[str, ...],
    model: str | None,
    limit: int | None,
    concurrency: int,
    rpm: float | None,
    out: Path | None,
    no_cache: bool,
    judge: str | None,
    no_progress: bool,
) -> None:
    """Run the benchmark through the pipeline and score it.

    Writes results.jsonl (one record per case and provider) and summary.json into --out; run
    it again with the same --out to continue an interrupted run.
    """
    from eval.datasets import load_dataset
    from eval.report import format_summary
    from eval.runner import ArmSpec, check_providers, default_pipeline_factory, run_eval

    arms = [
        ArmSpec(
            p,
            None if p == "offline" else model,
            1 if p == "offline" else concurrency,
            None if p == "offline" else rpm,
            use_cache=p != "offline" and not no_cache,
        )
        for p in providers
    ]
    check_providers(arms)
    cases = load_dataset(dataset, split=None if split == "all" else split)
    if limit is not None:
        cases = cases[:limit]
    if not cases:
        raise UserError(f"no cases in {dataset} for split {split!r}")
    judge_metric = None
    if judge:
        from engine.providers import get_provider
        from eval.metrics.judge import RubricJudge

        name, _, judge_model = judge.partition(":")
        if name.strip() == "offline":
            raise UserError("the offline provider cannot judge; name an LLM provider")
        judge_metric = RubricJudge(get_provider(name.strip(), judge_model.strip() or None))
    out_dir = out or Path("runs") / f"{'-'.join(a.label.replace('/', '_') for a in arms)}-{split}"
    indexed: list[bool] = []

    def pipeline_factory(arm: ArmSpec) -> object:
        """The real pipeline; the first one builds the knowledge index if it is missing (as
        `nodepilot generate` does), so a fresh checkout evaluates with retrieval."""
        pipeline = default_pipeline_factory(arm)
        if not indexed:
            from indexing.cli import ensure_index

            ensure_index(pipeline.conn, quiet=no_progress)  # type: ignore[attr-defined]
            indexed.append(True)
        return pipeline

    summary = asyncio.run(
        run_eval(
            cases,
            arms,
            out_dir,
            dataset_path=dataset,
            split=split,
            limit=limit,
            pipeline_factory=pipeline_factory,  # type: ignore[arg-type]
            progress=not no_progress,
            judge=judge_metric,
        )
    )
    click.echo(format_summary(summary))
    click.echo(
        f"wrote {out_dir}/results.jsonl and {out_dir}/summary.json "
        f"({summary['run']['elapsed_s']:.1f} s)",
        err=True,
    )
