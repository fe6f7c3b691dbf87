"""``nodepilot eval``: benchmark datasets, runs, comparisons and the CI gate.

Subcommands are registered in :data:`EVAL_COMMANDS` as ``"module:attr"`` and imported only when
invoked, so ``nodepilot eval datasets check`` never imports the runner's heavier dependencies.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import click

from nodepilot.errors import UserError

#: command name -> ("module:attribute" of a click command, one-line help).
EVAL_COMMANDS: dict[str, tuple[str, str]] = {
    "datasets": ("eval.cli:datasets", "Check benchmark datasets and print their statistics."),
    "run": ("eval.run_cli:run", "Run a benchmark through the pipeline and score it."),
    "compare": ("eval.compare_cli:compare", "Compare runs: paired deltas, CIs, reports."),
    "gate": ("eval.gate:gate", "Pass/fail a run against floors and a baseline (CI)."),
}


class _LazyEvalGroup(click.Group):
    """A click group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(EVAL_COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        entry = EVAL_COMMANDS.get(cmd_name)
        if entry is None:
            return None
        module_name, attr = entry[0].split(":")
        return getattr(importlib.import_module(module_name), attr)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with formatter.section("Commands"):
            formatter.write_dl([(n, EVAL_COMMANDS[n][1]) for n in self.list_commands(ctx)])


@click.group(name="eval", cls=_LazyEvalGroup)
def eval_group() -> None:
    """Benchmarks: datasets, runs, comparisons, gate."""


@click.group()
def datasets() -> None:
    """Benchmark datasets (.jsonl, one case per line; see datasets/README.md)."""


def load_default_catalog() -> object:
    """The node catalog used to check node types; UserError if it cannot be loaded."""
    try:
        from indexing.catalog.load import load_catalog
    except ImportError as exc:
        raise UserError(
            f"the node catalog is not available ({exc})",
            hint="use --no-catalog to check everything except node types",
        ) from exc
    return load_catalog()


def _echo_safe(line: str, err: bool = False) -> None:
    stream = sys.stderr if err else sys.stdout
    enc = getattr(stream, "encoding", None) or "utf-8"
    click.echo(line.encode(enc, "backslashreplace").decode(enc), err=err)


@datasets.command("check")
@click.argument("path", type=click.Path(path_type=str))
@click.option(
    "--no-catalog",
    is_flag=True,
    help="Skip the node-type check (no catalog needed).",
)
def check(path: str, no_catalog: bool) -> None:
    """Check PATH (a .jsonl file or a directory of them).

    Prints one line per problem as FILE:LINE: MESSAGE. Exit 0: no problems; 1: problems found;
    2: unreadable path or usage error.
    """
    from eval.datasets import scan_dataset

    catalog = None if no_catalog else load_default_catalog()
    cases, problems = scan_dataset(path, catalog)  # type: ignore[arg-type]
    for problem in problems:
        _echo_safe(str(problem))
    if problems:
        _echo_safe(f"{len(problems)} problem(s) in {path}", err=True)
        sys.exit(1)
    click.echo(f"ok: {len(cases)} cases in {path}", err=True)


@datasets.command("stats")
@click.argument("path", type=click.Path(path_type=str))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
)
@click.option("--split", "splits", multiple=True, help="Only these splits (repeatable).")
@click.option("--intent", "intents", multiple=True, help="Only these intents (repeatable).")
@click.option(
    "--update-card",
    "card",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the Markdown tables between the stats markers of this file (a dataset card).",
)
def stats(
    path: str, fmt: str, splits: tuple[str, ...], intents: tuple[str, ...], card: Path | None
) -> None:
    """Counts by intent, split, trigger kind, difficulty and AI use for PATH."""
    from eval.dataset_stats import FORMATTERS, dataset_stats, format_markdown, replace_card_block
    from eval.datasets import load_dataset

    cases = load_dataset(path, split=splits or None, intent=intents or None)
    counts = dataset_stats(cases)
    if card is not None:
        try:
            text = card.read_text(encoding="utf-8")
            card.write_text(replace_card_block(text, format_markdown(counts)), encoding="utf-8")
        except (OSError, ValueError) as exc:
            raise UserError(f"cannot update {card}: {exc}") from exc
        click.echo(f"updated {card}", err=True)
        return
    click.echo(FORMATTERS[fmt](counts), nl=False)


@datasets.command("schema")
def schema() -> None:
    """Print the JSON Schema (draft 2020-12) of one dataset line, for tools that write datasets."""
    import json

    from eval.datasets import SCHEMA

    click.echo(json.dumps(SCHEMA, indent=2))
