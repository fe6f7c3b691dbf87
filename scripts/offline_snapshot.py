"""Rewrite the offline engine's snapshot (tests/fixtures/offline_snapshot/*.jsonl).

Why: the snapshot is the proof that a refactor of the engine kept its behaviour;
``tests/test_offline_snapshot.py`` regenerates it and compares byte for byte. Rewrite it only
when a change is *meant* to move the offline outputs, in its own commit that says why, so the
diff of the fixture shows exactly which cases moved.

Usage: ``.venv/bin/python scripts/offline_snapshot.py [--check]``
(``--check``: exit 1 and name the files that differ, write nothing).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from offline_snapshot_support import SNAPSHOT_DIR, write_snapshot  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare only, write nothing")
    args = parser.parse_args(argv)
    if not args.check:
        counts = write_snapshot(SNAPSHOT_DIR)
        print(", ".join(f"{stem}: {n}" for stem, n in counts.items()), f"-> {SNAPSHOT_DIR}")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        counts = write_snapshot(Path(tmp))
        moved = [
            stem
            for stem in counts
            if (Path(tmp) / f"{stem}.jsonl").read_bytes()
            != (SNAPSHOT_DIR / f"{stem}.jsonl").read_bytes()
        ]
    print("snapshot differs: " + ", ".join(moved) if moved else "snapshot unchanged")
    return 1 if moved else 0


if __name__ == "__main__":
    raise SystemExit(main())
