"""``nodepilot validate`` and ``nodepilot repair``.

``validate`` accepts files, directories (searched recursively), JSONL (one workflow per line) and
``-`` for stdin, and exits 0 when every workflow is valid, 1 when any is invalid, 2 when an input
cannot be read or the usage is wrong. Bad documents (not JSON, cut off, too large, too deeply
nested, a JSON array) become findings, never tracebacks.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from engine.validation.codes import code_info
from engine.validation.findings import Finding, ValidationReport
from engine.validation.inputs import DEFAULT_MAX_BYTES, Record, iter_records
from nodepilot.errors import UserError

PROFILE = click.Choice(["runtime", "strict"])
FORMAT = click.Choice(["text", "json"])


def _input_report(rec: Record, profile: str) -> ValidationReport:
    code = rec.error_code or "json_parse_error"
    info = code_info(code)
    finding = Finding(
        code=code,
        severity=info.severity(profile) or "error",  # type: ignore[arg-type]
        message=rec.error or "unreadable input",
        fixable=False,
    )
    return ValidationReport(profile=profile, findings=[finding])  # type: ignore[arg-type]


def _text_line(source: str, f: Finding) -> str:
    node = f" [{f.node}]" if f.node else ""
    fix = f" -> fix: {f.suggestion}" if f.suggestion else ""
    auto = " (repair can fix)" if f.fixable else ""
    return f"{source}: {f.severity} {f.code}{node} at {f.path}: {f.message}{fix}{auto}"


def _check_paths(paths: tuple[str, ...]) -> None:
    for p in paths:
        if p != "-" and not Path(p).exists():
            raise UserError(f"no such file or directory: {p}")


@click.command("validate")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--profile",
    type=PROFILE,
    default="strict",
    show_default=True,
    help="runtime: what n8n itself refuses; strict: plus policy for generated output.",
)
@click.option("--format", "fmt", type=FORMAT, default="text", show_default=True)
@click.option(
    "--warnings/--no-warnings",
    default=True,
    show_default=True,
    help="Also print warnings (text format).",
)
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    help="Refuse inputs larger than this.",
)
def validate(
    paths: tuple[str, ...], profile: str, fmt: str, warnings: bool, max_bytes: int
) -> None:
    """Validate n8n workflow JSON: files, directories, .jsonl, or - for stdin."""
    from engine.validation.validator import default_catalog, validate_workflow

    _check_paths(paths)
    catalog = default_catalog()
    results: list[dict[str, Any]] = []
    n_valid = n_invalid = 0
    for rec in iter_records(list(paths), max_bytes):
        if rec.error_code:
            report = _input_report(rec, profile)
        else:
            report = validate_workflow(rec.doc, profile, catalog)  # type: ignore[arg-type]
        if report.valid:
            n_valid += 1
        else:
            n_invalid += 1
        if fmt == "json":
            results.append({"source": rec.source, **report.to_dict()})
            continue
        shown = [f for f in report.findings if warnings or f.severity == "error"]
        for f in shown:
            click.echo(_text_line(rec.source, f))
        if not shown:
            click.echo(f"{rec.source}: valid")
    total = n_valid + n_invalid
    if fmt == "json":
        doc = {
            "profile": profile,
            "valid": n_invalid == 0,
            "summary": {"workflows": total, "valid": n_valid, "invalid": n_invalid},
            "results": results,
        }
        click.echo(json.dumps(doc, indent=2, ensure_ascii=False))
    else:
        click.echo(f"{total} workflow(s): {n_valid} valid, {n_invalid} invalid ({profile} profile)")
    sys.exit(1 if n_invalid else 0)  # SystemExit: nodepilot.cli.main drops ctx.exit codes


@click.command("repair")
@click.argument("path")
@click.option(
    "-o",
    "--output",
    "out",
    type=click.Path(dir_okay=False, writable=True),
    help="Write the repaired workflow here (default: stdout).",
)
@click.option(
    "--format",
    "fmt",
    type=FORMAT,
    default="text",
    show_default=True,
    help="json: print {workflow, fixes, findings} instead of the bare workflow.",
)
@click.option(
    "--profile",
    type=PROFILE,
    default="strict",
    show_default=True,
    help="Profile used to judge the repaired workflow (exit 1 if still invalid).",
)
@click.option(
    "--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES, show_default=True
)
def repair(path: str, out: str | None, fmt: str, profile: str, max_bytes: int) -> None:
    """Apply deterministic, recorded fixes to one workflow (file or - for stdin)."""
    from engine.validation.repair import repair_workflow
    from engine.validation.validator import default_catalog, validate_workflow

    _check_paths((path,))
    records = list(iter_records([path], max_bytes))
    if len(records) != 1:
        raise UserError(
            f"repair takes one workflow; {path} holds {len(records)}",
            hint="split JSONL input into one file per workflow",
        )
    rec = records[0]
    if rec.error_code:
        raise UserError(f"cannot repair {rec.source}: {rec.error}")
    catalog = default_catalog()
    result = repair_workflow(rec.doc, catalog=catalog)
    report = validate_workflow(result.workflow, profile, catalog)  # type: ignore[arg-type]
    if fmt == "json":
        text = json.dumps(
            {
                "workflow": result.workflow,
                "fixes": [f.to_dict() for f in result.fixes],
                "valid": report.valid,
                "findings": [f.to_dict() for f in report.findings],
            },
            indent=2,
            ensure_ascii=False,
        )
    else:
        text = json.dumps(result.workflow, indent=2, ensure_ascii=False)
        for fix in result.fixes:
            node = f" [{fix.node}]" if fix.node else ""
            click.echo(
                f"{rec.source}: fixed {fix.code}{node} at {fix.path}: {fix.message}", err=True
            )
        for f in report.errors:
            click.echo(
                _text_line(rec.source, f).replace(": error ", ": remaining error ", 1), err=True
            )
    if out:
        try:
            Path(out).write_text(text + "\n", encoding="utf-8")
        except OSError as exc:
            raise UserError(f"cannot write {out}: {exc.strerror or exc}") from exc
    else:
        click.echo(text)
    sys.exit(0 if report.valid else 1)
