"""``nodepilot config``: the effective settings, secrets masked."""

from __future__ import annotations

import json

import click
from pydantic import ValidationError

from nodepilot.config import get_settings
from nodepilot.errors import UserError


@click.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def config(fmt: str) -> None:
    """Print the effective settings (from NODEPILOT_* variables and DATABASE_URL)."""
    try:
        values = get_settings().masked()
    except ValidationError as exc:
        err = exc.errors()[0]
        raise UserError(f"bad setting {'.'.join(map(str, err['loc']))}: {err['msg']}") from None
    if fmt == "json":
        click.echo(json.dumps(values, indent=2))
        return
    width = max(map(len, values))
    for key, value in values.items():
        shown = "(unset)" if value is None else value
        click.echo(f"{key.ljust(width)}  {shown}")
