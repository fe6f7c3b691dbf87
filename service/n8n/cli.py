"""``nodepilot deploy FILE|-``: send a workflow to your n8n through its public API."""

from __future__ import annotations

import json
import sys

import click

from nodepilot.config import get_settings
from nodepilot.errors import UserError


@click.command()
@click.argument("path", metavar="FILE|-")
@click.option("--n8n-url", "n8n_url", help="Your n8n's address (default: N8N_URL).")
@click.option("--activate", is_flag=True, help="Publish it when no credential is missing.")
@click.option("--update", "update_id", metavar="ID", help="Update this n8n workflow instead.")
@click.option(
    "--project", "project_id", metavar="P", help="Move a new workflow to this project id."
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--timeout", type=float, default=20.0, show_default=True, help="Seconds per call.")
def deploy(
    path: str,
    n8n_url: str | None,
    activate: bool,
    update_id: str | None,
    project_id: str | None,
    fmt: str,
    timeout: float,
) -> int:
    """Create (or update) the workflow in n8n; say what was dropped and what is left to do.

    The API key comes from N8N_API_KEY (never from the command line, where it would land in the
    shell history). Deploying the same generated workflow again updates the one created before.
    Private and loopback addresses are allowed here - it is your machine calling your n8n;
    cloud metadata addresses never are. Exit 0 done, 1 saved but not published as asked or n8n
    refused, 2 bad input or configuration.
    """
    from service.n8n.client import N8nClient
    from service.n8n.deploy import deploy_workflow
    from service.n8n.memory import generation_key, recall, remember

    settings = get_settings()
    url = n8n_url or settings.n8n_url
    if not url:
        raise UserError("no n8n URL", hint="pass --n8n-url or set N8N_URL")
    if settings.n8n_api_key is None:
        raise UserError("no n8n API key", hint="set N8N_API_KEY (n8n: Settings > n8n API)")
    workflow = _read_workflow(path)
    with N8nClient(
        url, settings.n8n_api_key.get_secret_value(), allow_private=True, timeout=timeout
    ) as client:
        key = generation_key(workflow)
        known = None if update_id else recall(settings.data_dir, client.base_url, key)
        report = deploy_workflow(
            client,
            workflow,
            activate=activate,
            update_id=update_id,
            remembered_id=known,
            project_id=project_id,
        )
        remember(settings.data_dir, client.base_url, key, report.workflow_id)
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(), indent=2))
    else:
        click.echo(report.text())
    return 0 if report.ok else 1


def _read_workflow(path: str) -> dict:
    try:
        text = sys.stdin.read() if path == "-" else open(path, encoding="utf-8").read()  # noqa: SIM115
    except OSError as exc:
        raise UserError(f"cannot read {path}: {exc.strerror}") from None
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise UserError(f"{path} is not JSON: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("nodes"), list):
        raise UserError(f'{path} is not an n8n workflow (no "nodes" list)')
    return data
