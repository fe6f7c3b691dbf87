"""``nodepilot search``: hybrid search over the knowledge index, from the command line.

It lives in the engine layer because ``--request`` searches the way the generator's retrieval
does, ranking first the node types the engine's own reading of the request links to it
(:func:`linked_types`); the search itself is ``indexing.search`` (same arguments, same results
as the Python API).
"""

from __future__ import annotations

import json

import click

from indexing.documents import KINDS


def linked_types(text: str) -> tuple[str, ...]:
    """The node types the engine's local reading of ``text`` links to it: the apps, triggers and
    AI parts its intent entities name and the steps its spec implies (the ``linked`` argument
    of ``indexing.search.search_request``). It lives here, above the stages it runs, and not in
    ``engine.retrieval``, which the providers' prompt builder reads: there it closed an import
    loop (retrieval -> classifier -> providers -> messages -> retrieval)."""
    from engine.intent.classifier import classify
    from engine.retrieval import spec_node_types
    from engine.spec import build_spec

    return spec_node_types(build_spec(text, classify(text)))


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
    from indexing.cli import ensure_index
    from indexing.search import SearchFilters, check_query, search_request
    from indexing.search import search as run_search
    from nodepilot.db import open_database

    query = check_query(query, k, kinds)  # bad input fails before any database work
    filters = SearchFilters(kinds, node_types, categories, trigger)
    with open_database() as conn:
        ensure_index(conn, quiet=fmt == "json")
        if as_request:
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
