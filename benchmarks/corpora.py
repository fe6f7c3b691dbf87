"""The three public workflow corpora and the n8n oracle, read the same way the oracle reads them.

Shared by the calibration and throughput benchmarks and by the real-workflow regression tests:
records are enumerated exactly like ``n8n-oracle/oracle.mjs`` does (directories recursively in
sorted order, ``.json`` documents with arrays expanded by index, JSONL by 1-based line, a
``{"workflow": ...}`` wrapper unwrapped) so per-record verdicts can be joined on
``(file, line, index)``.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nodepilot.paths import PROJECT_ROOT, shared_data_dir

CORPORA: dict[str, str] = {
    "zie619": "n8n/templates/zie619-n8n-workflows-84c802cb/workflows.jsonl.gz",
    "awesome-n8n-templates": "n8n/templates/awesome-n8n-templates",
    "n8n-mcp": "n8n/templates/n8n-mcp-2.87.0/templates.jsonl.gz",
}
_SUFFIX = (".json", ".jsonl", ".ndjson", ".json.gz", ".jsonl.gz", ".ndjson.gz")


@dataclass
class CorpusRecord:
    """One record of a corpus: its join key and the parsed workflow (or a parse error)."""

    file: str
    line: int | None
    index: int | None
    doc: Any = None
    parse_error: str | None = None

    @property
    def key(self) -> tuple[str, int | None, int | None]:
        return (self.file, self.line, self.index)

    @property
    def is_workflow(self) -> bool:
        """A dict with a ``nodes`` list: what the oracle's calibration counts as judged."""
        return isinstance(self.doc, dict) and isinstance(self.doc.get("nodes"), list)


def corpus_path(name: str) -> Path:
    """Absolute path of a named corpus (raises KeyError for an unknown name)."""
    return shared_data_dir() / CORPORA[name]


def oracle_command() -> Path:
    """The oracle's ``run`` script (``N8N_ORACLE_RUN`` overrides the default location)."""
    override = os.environ.get("N8N_ORACLE_RUN")
    if override:
        return Path(override)
    return PROJECT_ROOT.parent / "shared" / "tools" / "n8n-oracle" / "run"


def _unwrap(obj: Any) -> Any:
    if isinstance(obj, dict) and "nodes" not in obj and isinstance(obj.get("workflow"), dict):
        return obj["workflow"]
    return obj


def _walk(path: Path) -> Iterator[Path]:
    if path.is_dir():
        for entry in sorted(os.listdir(path)):
            if entry == "node_modules" or entry.startswith("."):
                continue
            yield from _walk(path / entry)
    elif path.name.lower().endswith(_SUFFIX):
        yield path


def iter_corpus(path: Path) -> Iterator[CorpusRecord]:
    """Every record under ``path``, keyed like the oracle keys its output lines."""
    for f in _walk(path):
        name = str(f)
        lower = f.name.lower()
        is_gz = lower.endswith(".gz")
        if lower.removesuffix(".gz").endswith((".jsonl", ".ndjson")):
            opener = gzip.open(f, "rt", encoding="utf-8") if is_gz else open(f, encoding="utf-8")
            with opener as fh:
                for lineno, raw in enumerate(fh, start=1):
                    if not raw.strip():
                        continue
                    try:
                        yield CorpusRecord(name, lineno, None, _unwrap(json.loads(raw)))
                    except ValueError as exc:
                        yield CorpusRecord(name, lineno, None, parse_error=str(exc))
            continue
        try:
            data = gzip.decompress(f.read_bytes()) if is_gz else f.read_bytes()
            obj = json.loads(data.decode("utf-8").lstrip("\ufeff"))
        except (ValueError, OSError) as exc:
            yield CorpusRecord(name, None, None, parse_error=str(exc))
            continue
        if isinstance(obj, list):
            for i, item in enumerate(obj):
                yield CorpusRecord(name, None, i, _unwrap(item))
        else:
            yield CorpusRecord(name, None, None, _unwrap(obj))


def run_oracle(path: Path, orphans_as_warnings: bool = True) -> dict[tuple, dict[str, Any]]:
    """Run the oracle over ``path``; its result lines keyed by (file, line, index)."""
    cmd = [str(oracle_command())]
    if orphans_as_warnings:
        cmd.append("--orphans-as-warnings")
    cmd.append(str(path))
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError(
            f"oracle failed ({proc.returncode}): {proc.stderr.strip()[-500:]}\n"
            "hint: a first-use setup interrupted by a concurrent one leaves a broken cache; run "
            "with N8N_ORACLE_HOME=<fresh dir> (or remove ~/.cache/n8n-oracle) to reinstall"
        )
    out: dict[tuple, dict[str, Any]] = {}
    for line in proc.stdout.splitlines():
        if line.strip():
            rec = json.loads(line)
            out[(rec["file"], rec.get("line"), rec.get("index"))] = rec
    return out
