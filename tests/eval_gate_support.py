"""Helpers for the prompt-gate tests: prompt-set copies, the CLI, a small workflow dataset and
the prompt-following wire-protocol server (tests/prompt_server.py) wired into the settings."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from prompt_server import PromptFollowingServer

from engine.prompts import PROMPTS_DIR
from nodepilot.paths import DATASETS_DIR, PROJECT_ROOT

NODEPILOT = [sys.executable, "-m", "nodepilot.cli"]


def nodepilot(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``nodepilot ARGS`` in a subprocess from the project root (no shell)."""
    return subprocess.run(
        [*NODEPILOT, *args],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        timeout=600,
        env={**os.environ, **(env or {})},
    )


def prompt_copy(dest: Path) -> Path:
    """A copy of seeds/prompts to edit."""
    shutil.copytree(PROMPTS_DIR, dest)
    return dest


def halve_prompt(folder: Path, name: str) -> None:
    """Delete the second half of a prompt's body (the issue's example of an unseen change)."""
    path = folder / f"{name}.md"
    head, body = path.read_text(encoding="utf-8").split("\n---\n", 1)
    lines = body.splitlines()
    path.write_text(head + "\n---\n" + "\n".join(lines[: len(lines) // 2]) + "\n", encoding="utf-8")


def append_to_prompt(folder: Path, name: str, text: str) -> None:
    path = folder / f"{name}.md"
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def workflow_dataset(path: Path, count: int) -> Path:
    """The first ``count`` dev workflow requests as a dataset file of their own."""
    lines = []
    for line in (DATASETS_DIR / "bench" / "workflow_requests.jsonl").read_text().splitlines():
        if json.loads(line)["split"] == "dev" and len(lines) < count:
            lines.append(line)
    path.write_text("\n".join(lines) + "\n")
    return path


@contextmanager
def prompt_server_env() -> Iterator[tuple[PromptFollowingServer, dict[str, str]]]:
    """The prompt-following server and the environment pointing the OpenAI provider at it."""
    server = PromptFollowingServer().start()
    try:
        yield (
            server,
            {
                "NODEPILOT_OPENAI_BASE_URL": server.openai_url,
                "NODEPILOT_OPENAI_API_KEY": "sk-test-local",
            },
        )
    finally:
        server.close()
