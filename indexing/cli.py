"""``nodepilot index`` and ``nodepilot search``: the CLI over ``indexing.indexer`` and
``indexing.search`` (same arguments, same results as the Python API)."""

from __future__ import annotations

import json

import click

from indexing.documents import KINDS, SOURCE_KINDS


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


@click.command()
@click.argument("query")
@click.option("--kind", "kinds", multiple=True, help=f"Restrict to a kind: {', '.join(KINDS)}.")
@click.option("-k", "k", type=int, default=10, show_default=True, help="How many results.")
@click.option("--node-type", "node_types", multiple=True, help="Items about this node type.")
@click.option("--category", "categories", multiple=True, help="Items in this category.")
@click.option("--trigger", help="Templates/nodes whose trigger is this node type.")
@click.option(
    "--mode", type=click.Choice(["hybrid", "vector", "text"]), default="hybrid", show_default=True
)
@click.option(
    "--request",
    "as_request",
    is_flag=True,
    help="Treat QUERY as a whole automation request: search each clause too, one item per "
    "node type, and rank first the node types the engine links to it (apps, triggers, AI "
    "parts it names or implies) - the retrieval the generator gets.",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def search(
    query: str,
    kinds: tuple[str, ...],
    k: int,
    node_types: tuple[str, ...],
    categories: tuple[str, ...],
    trigger: str | None,
    mode: str,
    as_request: bool,
    fmt: str,
) -> None:
    """Hybrid search over catalog nodes and operations, templates, patterns and tips."""
    from indexing.search import SearchFilters, check_query, search_request
    from indexing.search import search as run_search
    from nodepilot.db import open_database

    query = check_query(query, k, kinds)  # bad input fails before any database work
    filters = SearchFilters(kinds, node_types, categories, trigger)
    with open_database() as conn:
        ensure_index(conn, quiet=fmt == "json")
        if as_request:
            from engine.retrieval import linked_types

            linked = linked_types(query) if mode == "hybrid" else ()
            hits = search_request(
                conn,
                query,
                k,
                filters=filters,
                mode=mode,
                linked=linked,  # type: ignore[arg-type]
            )
        else:
            hits = run_search(conn, query, k, filters=filters, mode=mode)  # type: ignore[arg-type]
    if fmt == "json":
        click.echo(json.dumps([h.to_dict() for h in hits], indent=2, default=str))
        return
    if not hits:
        click.echo("no results")
    for i, h in enumerate(hits, 1):
        ranks = f"v{h.vector_rank or '-'} t{h.text_rank or '-'}"
        src = f"  [{h.source}]" if h.source else ""
        click.echo(f"{i:>2}. {h.score:.4f} {ranks:<9} {h.kind:<9} {h.title}{src}")
        click.echo(f"    {h.key}")
