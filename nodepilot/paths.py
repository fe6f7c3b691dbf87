"""Where the project's own files live (seeds, datasets) and where third-party data is read from."""

from __future__ import annotations

import os
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
