"""engine/lexicon.py defines each cue once (issue #17, "one lexicon"): a name assigned twice
means an edit to the first copy silently does nothing (HR11 D6 found two RULED_OUT_START
definitions that differed)."""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

LEXICON = Path(__file__).resolve().parent.parent / "engine" / "lexicon.py"


def _assigned_names(source: str) -> Counter[str]:
    """Every top-level name the module assigns, with how often."""
    names: Counter[str] = Counter()
    for node in ast.parse(source).body:
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = list(node.targets)
        elif isinstance(node, ast.AnnAssign):
            targets = [node.target]
        for target in targets:
            for name in ast.walk(target):
                if isinstance(name, ast.Name):
                    names[name.id] += 1
    return names


def test_no_lexicon_name_is_assigned_twice() -> None:
    twice = {n: c for n, c in _assigned_names(LEXICON.read_text()).items() if c > 1}
    assert not twice, f"assigned more than once in engine/lexicon.py: {sorted(twice)}"


def test_the_check_sees_a_second_assignment() -> None:
    """The check itself: a module with a cue defined twice is caught, annotated or not."""
    counts = _assigned_names("A = 1\nB: int = 2\nA = 3\nB = 4\nC = 5\n")
    assert counts["A"] == 2 and counts["B"] == 2 and counts["C"] == 1
