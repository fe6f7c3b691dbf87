"""``nodepilot generate`` and ``nodepilot chat``: the pipeline from the command line.

stdout carries only the product (the workflow JSON, or the answer to a question), so
``nodepilot generate "..." > wf.json`` works; the one-screen summary goes to stderr.

Exit codes: 0 a workflow was produced or the turn was answered; 1 no valid workflow could be
produced (the findings are named); 2 bad input or configuration (empty request, unknown
provider, missing API key, database problem).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, TextIO

import click

from engine.types import GenerationResult, Message
from nodepilot.workflow import MAIN, Workflow


def _summary(result: GenerationResult, explain: bool) -> list[str]:
    lines = [
        f"intent     {result.intent.intent} ({result.intent.confidence:.2f})"
        + (" [cached]" if result.cached else "")
    ]
    if result.workflow:
        nodes = [n for n in result.workflow.get("nodes", []) if isinstance(n, dict)]
        lines.append(f"workflow   {result.workflow.get('name', '')!s} - {len(nodes)} nodes")
        for n in nodes:
            lines.append(f"  - {n.get('name')}  ({n.get('type')})")
        warnings = [f for f in result.findings if f.get("severity") == "warning"]
        lines.append(f"findings   0 errors, {len(warnings)} warnings")
        for f in warnings[:6]:
            lines.append(f"  ! {f.get('node') or '-'}: {f.get('message')}")
        if result.fixes:
            lines.append(f"repairs    {len(result.fixes)} deterministic fixes applied")
    if result.error:
        lines.append(f"error      {result.error}")
    timing = ", ".join(f"{k} {v:.0f}ms" for k, v in result.timings_ms.items())
    lines.append(f"timings    {timing}")
    cost = f", ${result.usage.cost_usd:.4f}" if result.usage.cost_usd else ""
    lines.append(
        f"provider   {result.provider}/{result.model}; tokens {result.usage.input_tokens} in, "
        f"{result.usage.output_tokens} out{cost}"
    )
    if explain and result.spec is not None:
        lines.append("spec       " + json.dumps(result.spec.to_dict(), default=str))
        lines.append("context    " + ", ".join(result.context_ids[:20]))
    return lines


def outline(workflow: dict[str, Any]) -> str:
    """A readable text form of a workflow, nodes then connections (``generate --format
    text``); public so its tests need not reach into the module, and read through the
    workflow model with ``strict=False`` so a malformed part is skipped, not a crash."""
    out = [f"# {workflow.get('name', 'workflow')}"]
    model = Workflow.from_n8n(workflow, strict=False)  # tolerant: malformed parts are skipped
    for n in model.nodes:
        out.append(f"- {n.name} [{n.type} v{n.data.get('typeVersion')}]")
    for c in model.connections:
        label = "" if c.type == MAIN and c.output == 0 else f" ({c.type}[{c.output}])"
        out.append(f"  {c.source} -> {c.target}{label}")
    return "\n".join(out)


def _emit(result: GenerationResult, fmt: str, out: TextIO) -> None:
    if result.workflow is not None:
        if fmt == "json":
            out.write(json.dumps(result.workflow, indent=2, ensure_ascii=False) + "\n")
        else:
            out.write(outline(result.workflow) + "\n")
    elif result.answer is not None:
        out.write(result.answer.rstrip() + "\n")


def _pipeline(
    provider: str | None,
    model: str | None,
    no_cache: bool,
    classifier: str = "local",
    optimizer: str = "local",
) -> Any:
    from engine.pipeline import Pipeline
    from nodepilot.config import get_settings

    return Pipeline(
        provider=provider or get_settings().provider,
        model=model,
        use_cache=not no_cache,
        classifier=classifier,
        optimizer=optimizer,
    )


def _ensure_index(pipeline: Any) -> None:
    from indexing.cli import ensure_index

    ensure_index(pipeline.conn)


@click.command()
@click.argument("request")
@click.option("--provider", help="offline (default), anthropic, openai or openai-compatible.")
@click.option("--model", help="Model name for the provider.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write here.")
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="json")
@click.option("--explain", is_flag=True, help="Also show the spec and the retrieved context.")
@click.option("--no-cache", is_flag=True, help="Do not use cached results.")
@click.option(
    "--classifier",
    type=click.Choice(["local", "llm"]),
    default="local",
    show_default=True,
    help="Intent classifier (llm: the generating provider, or OpenAI when offline).",
)
@click.option(
    "--optimizer",
    type=click.Choice(["local", "llm"]),
    default="local",
    show_default=True,
    help="Request -> spec (llm: the generating provider, or OpenAI when offline).",
)
def generate(
    request: str,
    provider: str | None,
    model: str | None,
    output: Path | None,
    fmt: str,
    explain: bool,
    no_cache: bool,
    classifier: str,
    optimizer: str,
) -> None:
    """Turn REQUEST into an n8n workflow (JSON on stdout; summary on stderr)."""
    from engine.pipeline import check_request

    check_request(request)
    with _pipeline(provider, model, no_cache, classifier, optimizer) as pipeline:
        _ensure_index(pipeline)
        result = pipeline.run(request)
    if output is not None and result.workflow is not None:
        with output.open("w", encoding="utf-8") as fh:
            _emit(result, fmt, fh)
    else:
        _emit(result, fmt, sys.stdout)
    for line in _summary(result, explain):
        click.echo(line, err=True)
    if result.status == "failed":
        raise SystemExit(1)


@click.command()
@click.option("--provider", help="offline (default), anthropic, openai or openai-compatible.")
@click.option("--model", help="Model name for the provider.")
def chat(provider: str | None, model: str | None) -> None:
    """Talk to NodePilot; it keeps the conversation, so you can refine the last workflow.

    Commands: /save FILE writes the last workflow, /show prints it, /reset starts over, /quit.
    """
    from nodepilot.errors import UserError

    interactive = sys.stdin.isatty()
    conversation: list[Message] = []
    last: dict[str, Any] | None = None
    with _pipeline(provider, model, no_cache=False) as pipeline:
        _ensure_index(pipeline)
        if interactive:
            click.echo("NodePilot chat - describe an automation; /quit to leave.", err=True)
        while True:
            try:
                line = input("you> " if interactive else "")
            except EOFError:
                break
            text = line.strip()
            if not text:
                continue
            if text in ("/quit", "/exit"):
                break
            if text == "/reset":
                conversation, last = [], None
                click.echo("(conversation cleared)")
                continue
            if text == "/show":
                click.echo(json.dumps(last, indent=2) if last else "(no workflow yet)")
                continue
            if text.startswith("/save"):
                target = text[5:].strip()
                if not last or not target:
                    click.echo("usage: /save FILE (after a workflow was generated)")
                    continue
                Path(target).write_text(json.dumps(last, indent=2) + "\n", encoding="utf-8")
                click.echo(f"saved to {target}")
                continue
            try:
                result = pipeline.run(text, conversation)
            except UserError as exc:
                click.echo(f"error: {exc.message}")
                continue
            conversation.append(Message("user", text))
            if result.workflow is not None:
                last = result.workflow
                names = ", ".join(
                    f"{n.get('name', '')} ({str(n.get('type', '')).rsplit('.', 1)[-1]})"
                    for n in last.get("nodes", [])
                )
                reply = f"Built '{last.get('name', 'workflow')}' with: {names}."
                conversation.append(Message("assistant", reply, workflow=last))
                click.echo(f"nodepilot> {reply} (/show to print, /save FILE to write)")
            elif result.answer is not None:
                conversation.append(Message("assistant", result.answer))
                click.echo(f"nodepilot> {result.answer}")
            else:
                click.echo(f"nodepilot> I could not build a valid workflow: {result.error}")
