"""``nodepilot corpus``: get the public n8n.io template corpus (optional) and see which one the
index reads."""

from __future__ import annotations

from pathlib import Path

import click


@click.group()
def corpus() -> None:
    """The public n8n.io template corpus (optional): real workflows the index retrieves."""


@corpus.command()
@click.option(
    "--from",
    "source",
    type=click.Path(path_type=Path),
    help="An n8n-mcp-2.87.0.tgz you downloaded (or its data/nodes.db) instead of asking npm.",
)
def fetch(source: Path | None) -> None:
    """Unpack the templates of npm's n8n-mcp@2.87.0 into the data folder (npm downloads the
    package once; it is kept there). Run `nodepilot index` afterwards."""
    from indexing.corpus import templates_dir
    from indexing.corpus_fetch import fetch_corpus, fetched_templates_dir

    report = fetch_corpus(source, log=lambda m: click.echo(m, err=True))
    skipped = f" ({report.skipped} undecodable, left out)" if report.skipped else ""
    click.echo(f"fetched {report.templates} templates into {report.path}{skipped}")
    if templates_dir() != fetched_templates_dir():
        click.echo(
            f"note: the index reads {templates_dir()} while it exists; the fetched corpus is "
            "used where that folder is absent",
            err=True,
        )
    else:
        click.echo("next: `nodepilot index` adds them to the knowledge index", err=True)


@corpus.command()
def status() -> None:
    """Which template folder the index reads, and what it holds."""
    from indexing.corpus import templates_dir

    root = templates_dir()
    click.echo(f"templates folder: {root}")
    found = sorted(p.relative_to(root).as_posix() for p in root.glob("*/*.jsonl.gz"))
    found += sorted(p.name + "/" for p in root.glob("awesome-n8n-templates") if p.is_dir())
    if not found:
        click.echo("no template collections there: run `nodepilot corpus fetch` (optional)")
    for name in found:
        click.echo(f"  {name}")
