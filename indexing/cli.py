"""``nodepilot index``: the CLI over ``indexing.indexer``, and ``ensure_index`` for the commands
that search (``nodepilot search`` is ``engine.cli_search``: its ``--request`` reads the request
the way the engine does)."""

from __future__ import annotations

import click

from indexing.documents import SOURCE_KINDS


def _progress_wanted(quiet: bool) -> bool:
    """A bar on a terminal, a line every ~10 s otherwise (see ``indexing.progress``)."""
    return not quiet


def _sync_prompts(conn: object, quiet: bool = True) -> None:
    """The prompts are seeds too: ``ai_prompts`` follows ``seeds/prompts`` on every index run,
    except for prompts whose version an administrator chose (``indexing.prompt_sync``)."""
    from indexing.prompt_sync import sync_prompts

    report = sync_prompts(conn)
    if quiet:
        return
    for name in report.held:
        stored = " (the changed file is stored as an inactive version)"
        click.echo(
            f"prompt {name}: the version an administrator activated stays in force"
            + (stored if name in report.stored else ""),
            err=True,
        )


def ensure_index(conn: object, quiet: bool = False) -> None:
    """Build the index on first use, or finish a build that stopped half-way (only the sources
    that never completed, then the full-text statistics), telling the user why the command
    takes longer. Sources that completed are left to ``nodepilot index``.

    The prompt versions are brought up to the files every time (a few milliseconds), so the
    next ``generate`` renders an edited prompt file - unless an administrator holds that
    prompt (``indexing.prompt_sync``)."""
    from indexing.indexer import (
        build_index,
        index_is_built,
        refresh_lexeme_stats,
        unfinished_sources,
    )

    _sync_prompts(conn)
    if index_is_built(conn):  # type: ignore[arg-type]
        return
    if not quiet:
        click.echo("building the knowledge index (first use)...", err=True)
    missing = unfinished_sources(conn)  # type: ignore[arg-type]
    if not missing:
        refresh_lexeme_stats(conn)  # type: ignore[arg-type]
        return
    build_index(
        conn,  # type: ignore[arg-type]
        missing,
        progress=_progress_wanted(quiet),
        log=None if quiet else (lambda m: click.echo(f"  {m}", err=True)),
    )


@click.command()
@click.option("--rebuild", is_flag=True, help="Clear the selected kinds and embed everything.")
@click.option(
    "--only",
    metavar="SOURCES",
    help=f"Comma-separated subset of: {', '.join(SOURCE_KINDS)}.",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress output.")
def index(rebuild: bool, only: str | None, quiet: bool) -> None:
    """Build or update the knowledge index (only what changed is re-embedded)."""
    from indexing.indexer import build_index, parse_only
    from nodepilot.db import open_database

    sources = parse_only(only)
    with open_database() as conn:
        report = build_index(
            conn,
            sources,
            rebuild=rebuild,
            progress=_progress_wanted(quiet),
            log=None if quiet else (lambda m: click.echo(m, err=True)),
        )
        _sync_prompts(conn, quiet)
    shipped = f" ({report.shipped} from shipped vectors)" if report.shipped else ""
    click.echo(
        f"indexed {', '.join(sources)}: {report.embedded} embedded{shipped}, "
        f"{report.unchanged} unchanged, {report.deleted} deleted, "
        f"{len(report.skipped)} sources unchanged in {report.seconds:.1f}s"
    )
