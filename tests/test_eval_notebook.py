"""The analysis notebook runs top to bottom on a small run (so it cannot rot)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from test_eval_fixtures import dev_cases, fake_run

from nodepilot.paths import PROJECT_ROOT

NOTEBOOK = PROJECT_ROOT / "notebooks" / "analysis.ipynb"


def test_analysis_notebook_executes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    cases = dev_cases(30)
    fake_run(tmp_path / "ab", cases, ("offline", "openai"))
    fake_run(tmp_path / "shuffled", cases, shuffle_intents=True)
    monkeypatch.setenv(
        "NODEPILOT_RUNS", os.pathsep.join([str(tmp_path / "ab"), str(tmp_path / "shuffled")])
    )
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    )
    client.execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert "openai/test-model" in text and "95% CI" in text
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) >= 6
