"""What a run records about how it was made: git commit, dataset hash, prompts, packages.

Two runs are comparable only when these say so; the compare report prints them side by side.
"""

from __future__ import annotations

import hashlib
import platform
import subprocess
import sys
from importlib import metadata
from pathlib import Path

from eval.datasets import dataset_files
from nodepilot.paths import PROJECT_ROOT, SEEDS_DIR

#: Packages whose versions can change results or speed.
PACKAGES: tuple[str, ...] = (
    "nodepilot",
    "numpy",
    "networkx",
    "scikit-learn",
    "sentence-transformers",
    "torch",
    "onnxruntime",
    "tokenizers",
    "psycopg",
    "anthropic",
    "openai",
    "jsonschema",
)


def git_info(root: Path = PROJECT_ROOT) -> dict[str, object]:
    """HEAD commit and whether tracked files differ from it (None when not a git checkout)."""

    def git(*args: str) -> str | None:
        try:
            out = subprocess.run(
                ["git", *args], cwd=root, capture_output=True, text=True, timeout=20, check=True
            )
        except (OSError, subprocess.SubprocessError):
            return None
        return out.stdout.strip()

    commit = git("rev-parse", "HEAD")
    status = git("status", "--porcelain", "--untracked-files=no")
    return {"commit": commit, "dirty": bool(status) if status is not None else None}


def dataset_hash(path: str | Path) -> str:
    """sha256 over the dataset's files (relative name and bytes, in name order)."""
    files = dataset_files(path)
    base = Path(path) if Path(path).is_dir() else Path(path).parent
    h = hashlib.sha256()
    for f in files:
        h.update(str(f.relative_to(base)).encode() + b"\0")
        h.update(f.read_bytes())
        h.update(b"\0")
    return h.hexdigest()


def prompt_hashes(prompts_dir: Path = SEEDS_DIR / "prompts") -> dict[str, str]:
    """sha256 (first 16 hex) of each prompt file in ``seeds/prompts`` by file name."""
    if not prompts_dir.is_dir():
        return {}
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()[:16]
        for p in sorted(prompts_dir.iterdir())
        if p.is_file()
    }


def package_versions(names: tuple[str, ...] = PACKAGES) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for name in names:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = None
    return out


def environment() -> dict[str, str]:
    return {
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "machine": platform.machine(),
    }
