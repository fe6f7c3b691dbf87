"""Reading workflow documents from files, directories, JSONL and stdin, safely.

Every record comes back either as a parsed document or as an input finding (not JSON, cut off,
too large, too deep), so a bad file becomes a verdict instead of a traceback. Limits keep a
hostile input from hanging the CLI: files above ``max_bytes`` are not parsed, and JSON that
nests deeper than ``MAX_DEPTH`` is refused before validation walks it.
"""

from __future__ import annotations

import gzip
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nodepilot.errors import UserError

#: Default cap on one input file / stdin (a real workflow is well under 5 MB).
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
#: Nesting depth beyond which a document is refused (real workflows stay below ~30).
MAX_DEPTH = 200
SUFFIXES = (".json", ".jsonl", ".ndjson", ".json.gz", ".jsonl.gz", ".ndjson.gz")


@dataclass
class Record:
    """One workflow to validate: where it came from, and the document or why there is none."""

    source: str
    doc: Any = None
    error_code: str | None = None
    error: str | None = None

    @property
    def label(self) -> str:
        return self.source


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def depth_exceeds(value: Any, limit: int = MAX_DEPTH) -> bool:
    """True when ``value`` nests containers deeper than ``limit`` (iterative, no recursion)."""
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        v, d = stack.pop()
        if d > limit:
            return True
        if isinstance(v, dict):
            stack.extend((x, d + 1) for x in v.values() if isinstance(x, dict | list))
        elif isinstance(v, list):
            stack.extend((x, d + 1) for x in v if isinstance(x, dict | list))
    return False


def parse_text(text: str, source: str) -> Record:
    """Parse one JSON document into a record (unwrapping ``{"workflow": {...}}``)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        doc = json.loads(text, parse_constant=_reject_constant)
    except RecursionError:
        return Record(source, error_code="input_too_deep", error="the JSON nests too deeply")
    except ValueError as exc:  # JSONDecodeError is a ValueError
        msg = str(exc)
        if isinstance(exc, json.JSONDecodeError) and exc.pos >= len(text.rstrip()):
            msg = f"the JSON is cut off ({exc.msg} at line {exc.lineno} column {exc.colno})"
        elif isinstance(exc, json.JSONDecodeError):
            msg = f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        return Record(source, error_code="json_parse_error", error=msg)
    if depth_exceeds(doc):
        return Record(
            source,
            error_code="input_too_deep",
            error=f"the document nests deeper than {MAX_DEPTH} levels",
        )
    return Record(source, doc=unwrap(doc))


def unwrap(doc: Any) -> Any:
    """``{"workflow": {...}}`` wrappers (template stores, JSONL exports) -> the workflow."""
    if isinstance(doc, dict) and "nodes" not in doc and isinstance(doc.get("workflow"), dict):
        return doc["workflow"]
    return doc


def _decode(data: bytes, source: str) -> str | Record:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Record(
            source,
            error_code="json_parse_error",
            error=f"not UTF-8 text (byte {exc.start})",
        )


def _read_limited(path: Path, max_bytes: int) -> bytes | None:
    """The file's bytes, or None when it is larger than ``max_bytes`` (checked before reading)."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise UserError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if size > max_bytes:
        return None
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if path.name.endswith(".gz"):
        try:
            with gzip.open(path, "rb") as fh:
                data = fh.read(max_bytes + 1)
        except (OSError, EOFError) as exc:
            raise UserError(f"cannot decompress {path}: {exc}") from exc
        if len(data) > max_bytes:
            return None
    return data


def _too_large(source: str, max_bytes: int) -> Record:
    return Record(
        source,
        error_code="input_too_large",
        error=f"larger than the {max_bytes // (1024 * 1024)} MB limit; not parsed",
    )


def records_from_text(text: str, source: str, jsonl: bool) -> Iterator[Record]:
    """Records of one text: a JSON document, or one per non-empty line for JSONL."""
    if not jsonl:
        yield parse_text(text, source)
        return
    for lineno, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            yield parse_text(line, f"{source}:{lineno}")


def records_from_path(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Record]:
    """Records of a file or (recursively) a directory; raises UserError if unreadable."""
    if path.is_dir():
        for child in sorted(path.rglob("*")):
            rel = child.relative_to(path)
            if any(part.startswith(".") for part in rel.parts):
                continue
            if child.is_file() and child.name.lower().endswith(SUFFIXES):
                yield from records_from_path(child, max_bytes)
        return
    if not path.exists():
        raise UserError(f"no such file or directory: {path}")
    if path.name.lower().removesuffix(".gz").endswith((".jsonl", ".ndjson")):
        yield from _jsonl_records(path, max_bytes)
        return
    data = _read_limited(path, max_bytes)
    if data is None:
        yield _too_large(str(path), max_bytes)
        return
    text = _decode(data, str(path))
    if isinstance(text, Record):
        yield text
        return
    name = path.name.lower().removesuffix(".gz")
    yield from records_from_text(text, str(path), name.endswith((".jsonl", ".ndjson")))


def _jsonl_records(path: Path, max_bytes: int) -> Iterator[Record]:
    """Stream a (possibly gzipped) JSONL file; the size limit applies per line."""
    try:
        fh = gzip.open(path, "rb") if path.name.endswith(".gz") else open(path, "rb")  # noqa: SIM115
        with fh:
            for lineno, raw in enumerate(fh, start=1):
                source = f"{path}:{lineno}"
                if len(raw) > max_bytes:
                    yield _too_large(source, max_bytes)
                    continue
                if not raw.strip():
                    continue
                text = _decode(raw, source)
                yield text if isinstance(text, Record) else parse_text(text, source)
    except (OSError, EOFError) as exc:
        raise UserError(f"cannot read {path}: {exc}") from exc


def records_from_stdin(max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Record]:
    """Records from stdin: one JSON document, or JSONL when it is not a single document."""
    data = sys.stdin.buffer.read(max_bytes + 1)
    if len(data) > max_bytes:
        yield _too_large("-", max_bytes)
        return
    text = _decode(data, "-")
    if isinstance(text, Record):
        yield text
        return
    rec = parse_text(text, "-")
    if rec.error_code == "json_parse_error" and len(text.strip().splitlines()) > 1:
        yield from records_from_text(text, "-", jsonl=True)
        return
    yield rec


def iter_records(paths: list[str], max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Record]:
    """Records of every path argument (``-`` = stdin)."""
    for p in paths:
        if p == "-":
            yield from records_from_stdin(max_bytes)
        else:
            yield from records_from_path(Path(p), max_bytes)
