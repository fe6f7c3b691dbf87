"""The ``nodepilot`` command line.

Subcommands live next to the library code they drive (``indexing/``, ``engine/``, ``eval/``)
and are imported only when invoked, so ``nodepilot --help`` and light commands never pay for
torch, sentence-transformers or the catalog. Each entry below maps a command name to
``module:attribute`` of a click command or group.
"""

from __future__ import annotations

import importlib
import sys

import click

from nodepilot.errors import UserError

#: command name -> "module:attribute" (a click.Command). Add a line to register a command.
COMMANDS: dict[str, tuple[str, str]] = {
    "config": ("nodepilot.cli_config:config", "Print the effective settings (secrets masked)."),
    "db": ("nodepilot.cli_db:db", "Embedded or external PostgreSQL: status, migrate, psql."),
    "catalog": ("indexing.catalog.cli:catalog", "Browse n8n's node catalog."),
    "validate": ("engine.validation.cli:validate", "Validate n8n workflow JSON files."),
    "repair": ("engine.validation.cli:repair", "Apply deterministic fixes to a workflow."),
    "index": ("indexing.cli:index", "Build or update the knowledge index."),
    "search": ("engine.cli_search:search", "Hybrid search over the knowledge index."),
    "generate": ("engine.cli:generate", "Turn a request into an n8n workflow."),
    "chat": ("engine.cli:chat", "Interactive conversation that keeps context."),
    "eval": ("eval.cli:eval_group", "Benchmarks: datasets, runs, comparisons, gate."),
    "corpus": ("indexing.cli_corpus:corpus", "Get the public n8n template corpus."),
    "serve": ("service.cli:serve", "Run the HTTP service (API and web page)."),
    "token": ("service.cli:token", "Local dev-mode sign-in tokens."),
    "billing": ("service.billing.cli:billing", "Operators: credit balances, grants, revokes."),
    "deploy": ("service.n8n.cli:deploy", "Send a workflow to your n8n instance."),
}


class LazyGroup(click.Group):
    """A click group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        entry = COMMANDS.get(cmd_name)
        if entry is None:
            return None
        module_name, attr = entry[0].split(":")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name and module_name.startswith(exc.name):
                return _unavailable(cmd_name, entry[1])
            raise
        return getattr(module, attr)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][1]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


def _unavailable(name: str, help_text: str) -> click.Command:
    @click.command(name=name, help=help_text, context_settings={"ignore_unknown_options": True})
    @click.argument("args", nargs=-1, type=click.UNPROCESSED)
    def stub(args: tuple[str, ...]) -> None:
        raise UserError(f"the '{name}' command is not available in this build")

    return stub


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="nodepilot")
def cli() -> None:
    """NodePilot: plain-language automation requests in, n8n workflows out."""


def main(argv: list[str] | None = None) -> None:
    """Entry point: runs the CLI and turns UserError into one line on stderr and exit code 2."""
    try:
        # without standalone mode click returns ctx.exit(n)'s code instead of exiting
        rv = cli.main(args=argv, prog_name="nodepilot", standalone_mode=False)
    except UserError as exc:
        click.echo(f"error: {exc.message}", err=True)
        if exc.hint:
            click.echo(f"hint: {exc.hint}", err=True)
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as exc:  # database errors surface as one line, like every other failure
        if not type(exc).__module__.startswith("psycopg"):
            raise
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        click.echo(f"error: database error: {first}", err=True)
        sys.exit(2)
    sys.exit(rv if isinstance(rv, int) else 0)


if __name__ == "__main__":
    main()
