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
@click.option(
    "--prompts",
    "prompt_dirs",
    multiple=True,
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    help="A prompt folder (like seeds/prompts) for the arms; repeat to A/B prompt sets: every "
    "--provider runs once per --prompts.",
)
@click.option(
    "--classifier",
    type=click.Choice(["local", "llm"]),
    default="local",
    show_default=True,
    help="Intent classifier; 'llm' reads the intent_classification prompt.",
)
@click.option(
    "--optimizer",
    type=click.Choice(["local", "llm"]),
    default="local",
    show_default=True,
    help="Prompt optimizer; 'llm' reads the prompt_optimization prompt.",
)
@click.option("--limit", type=click.IntRange(min=1), default=None, help="First N cases only.")
@click.option(
    "--concurrency",
    "concurrency",
    multiple=True,
    metavar="[P=]K",
    help="Cases in flight per remote provider (default 4; P=K for one provider, repeatable). "
    "Offline runs one at a time: it is CPU-bound.",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Do not use the generation cache for remote providers (offline never uses it).",
)
@click.option(
    "--rpm",
    "rpm",
    multiple=True,
    metavar="[P=]R",
    help="Requests per minute per remote provider (default unlimited; P=R for one provider).",
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
    prompt_dirs: tuple[Path, ...],
    classifier: str,
    optimizer: str,
    limit: int | None,
    concurrency: tuple[str, ...],
    rpm: tuple[str, ...],
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

    limits = per_provider(concurrency, "--concurrency", int, providers)
    rates = per_provider(rpm, "--rpm", float, providers)
    arms = [
        ArmSpec(
            p,
            None if p == "offline" else model,
            1 if p == "offline" else int(limits.get(p, 4)),
            None if p == "offline" else rates.get(p),
            use_cache=p != "offline" and not no_cache,
            prompts=folder,
            prompts_tag=tag,
            classifier=classifier,
            optimizer=optimizer,
        )
        for p in providers
        for folder, tag in prompt_tags(prompt_dirs)
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


def per_provider(
    values: tuple[str, ...], option: str, kind: type, providers: tuple[str, ...]
) -> dict[str, float]:
    """``K`` (every provider) and ``P=K`` (one provider, wins over K) as {provider: value}."""
    out: dict[str, float] = {}
    default: float | None = None
    for raw in values:
        name, sep, number = raw.rpartition("=")
        try:
            value = kind(number)
        except ValueError:
            raise UserError(f"{option} {raw!r}: expected a number or PROVIDER=NUMBER") from None
        if value <= 0:
            raise UserError(f"{option} {raw!r}: must be greater than 0")
        if not sep:
            default = value
        elif name not in providers:
            raise UserError(f"{option} {raw!r}: {name!r} is not one of the --provider values")
        else:
            out[name] = value
    if default is not None:
        out = {p: out.get(p, default) for p in providers}
    return out


def prompt_tags(folders: tuple[Path, ...]) -> list[tuple[Path | None, str | None]]:
    """Each --prompts folder with the short name arm labels carry when several sets are A/B'd
    in one run (its folder name, plus the set hash when two share a name). One folder needs no
    tag: the manifest records the set, and its label matches runs of other prompt sets."""
    if not folders:
        return [(None, None)]
    if len(folders) == 1:
        return [(folders[0], None)]
    from eval.prompt_sets import describe_prompt_set

    hashes = [describe_prompt_set(f)["set_hash"] for f in folders]
    if len(set(hashes)) != len(hashes):
        raise UserError("two --prompts folders hold the same prompts; an A/B needs different sets")
    names = [f.resolve().name for f in folders]
    return [
        (f, name if names.count(name) == 1 else f"{name}-{h[:8]}")
        for f, name, h in zip(folders, names, hashes, strict=True)
    ]
