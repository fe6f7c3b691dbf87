"""The generation cache key carries the engine's code fingerprint (engine/cache.py): an edit to
the engine, the catalog or the workflow model must never serve what the old code generated."""

from __future__ import annotations

import shutil
from pathlib import Path

from engine import cache
from nodepilot.paths import code_fingerprint


def tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def test_any_edit_below_a_path_changes_the_fingerprint(tmp_path: Path) -> None:
    code = tree(tmp_path / "a" / "engine", {"spec.py": "x = 1\n", "offline/gen.py": "y = 2\n"})
    before = code_fingerprint([code])
    (code / "offline" / "gen.py").write_text("y = 3\n")
    assert code_fingerprint([code]) != before
    (code / "offline" / "new.py").write_text("")
    assert len({before, code_fingerprint([code])}) == 2


def test_the_same_code_elsewhere_on_disk_has_the_same_fingerprint(tmp_path: Path) -> None:
    code = tree(tmp_path / "a" / "engine", {"spec.py": "x = 1\n"})
    moved = Path(shutil.copytree(code, tmp_path / "b" / "engine"))
    tree(moved, {"__pycache__/spec.cpython-311.pyc": "bytes"})
    assert code_fingerprint([moved]) == code_fingerprint([code])


def test_a_renamed_file_changes_the_fingerprint(tmp_path: Path) -> None:
    code = tree(tmp_path / "engine", {"a.py": "x = 1\n"})
    before = code_fingerprint([code])
    (code / "a.py").rename(code / "b.py")
    assert code_fingerprint([code]) != before


def test_the_engine_fingerprint_covers_the_generator_and_the_catalog() -> None:
    root = Path(cache.__file__).resolve().parent.parent
    parts = [root / p for p in cache.ENGINE_CODE]
    assert all(p.exists() for p in parts)
    assert (root / "engine" / "offline" / "generator.py").is_relative_to(parts[0])
    assert cache.engine_fingerprint() == code_fingerprint(parts)[:16]


def test_the_key_changes_with_the_engine_code() -> None:
    """Two keys for the same request differ when only the fingerprint differs."""
    args = dict(prompt_hash="p", provider="offline", model="offline", request="r", context_ids=[])
    key = cache.cache_key(**args)
    assert key == cache.cache_key(**args)
    cache.engine_fingerprint.cache_clear()
    try:
        original = cache.ENGINE_CODE
        cache.ENGINE_CODE = ("engine/offline",)
        assert cache.cache_key(**args) != key
    finally:
        cache.ENGINE_CODE = original
        cache.engine_fingerprint.cache_clear()
    assert cache.cache_key(**args) == key
