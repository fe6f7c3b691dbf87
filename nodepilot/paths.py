"""Where the project's own files live (seeds, datasets), where third-party data is read from,
and the fingerprint of a set of them."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

#: The repository root: the folder holding pyproject.toml, seeds/ and datasets/.
PROJECT_ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = PROJECT_ROOT / "seeds"
DATASETS_DIR = PROJECT_ROOT / "datasets"


def shared_data_dir() -> Path:
    """The third-party data folder (``../shared/data`` beside the project unless overridden).

    It is only needed by build scripts, calibration and benchmarks, never by ``generate``.
    """
    override = os.environ.get("NODEPILOT_SHARED_DATA")
    if override:
        return Path(override)
    return PROJECT_ROOT.parent / "shared" / "data"


def code_fingerprint(paths: Iterable[Path]) -> str:
    """SHA-256 over the files under ``paths`` (``.py`` sources and data files, sorted by path;
    caches left out), so any edit to them gives another fingerprint.

    The one way the project tells whether something derived from its code is stale: the intent
    model's feature code (``engine.intent.model``) and the generation cache (``engine.cache``).
    """
    digest = hashlib.sha256()
    for path in paths:
        found = [path] if path.is_file() else sorted(path.rglob("*"))
        for f in found:
            if f.is_file() and "__pycache__" not in f.parts:
                # the name relative to the given path: the same code anywhere on disk
                digest.update(f.relative_to(path.parent).as_posix().encode())
                digest.update(f.read_bytes())
    return digest.hexdigest()
