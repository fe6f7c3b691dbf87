"""The CLI's memory of what it deployed where, so deploying the same generation again updates.

The service keeps this per user in PostgreSQL (``n8n_deployments``); the CLI has no user, so it
keeps a small JSON file in the data folder: n8n base URL -> generation key -> n8n workflow id. A
generation is recognised by its name and node ids (the generator gives every node a fresh id), so
the same file deployed twice updates, and a different workflow with the same name does not.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

FILE_NAME = "n8n-deployments.json"


def generation_key(workflow: dict[str, Any]) -> str:
    """A stable key for one generated workflow (name + sorted node ids)."""
    ids = sorted(str(n.get("id")) for n in workflow.get("nodes") or [] if isinstance(n, dict))
    payload = json.dumps([workflow.get("name"), ids], sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()[:32]


def recall(data_dir: Path, base_url: str, key: str) -> str | None:
    """The n8n workflow id deployed for ``key`` on ``base_url`` before, if any."""
    entry = _read(data_dir).get(base_url, {}).get(key)
    return entry if isinstance(entry, str) else None


def remember(data_dir: Path, base_url: str, key: str, workflow_id: str) -> None:
    """Record the id (written atomically: a crash leaves the old file, not half a file)."""
    data = _read(data_dir)
    data.setdefault(base_url, {})[key] = workflow_id
    data_dir.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=data_dir, prefix=".n8n-deployments-")
    with os.fdopen(fd, "w") as f:
        json.dump(data, f, indent=1, sort_keys=True)
    os.replace(tmp, data_dir / FILE_NAME)


def _read(data_dir: Path) -> dict[str, dict[str, Any]]:
    try:
        data = json.loads((data_dir / FILE_NAME).read_text())
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
