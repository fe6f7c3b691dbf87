"""Architecture rules (issue #17): no import cycles (function-level imports included), no upward
imports across the layers ``nodepilot`` <- ``indexing`` <- ``engine`` <- ``eval``/``service``,
no private names imported across modules, no function over 80 lines in ``engine/``, no silent
broad ``except`` in any of these packages.

What is not fixed yet is listed below, explicitly: each test fails on any violation that is not
listed (a new one) and on any listed one that is gone (so the lists only shrink — delete the
entry when you fix it). A listed long function may not grow either.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from architecture_support import (
    MAX_FUNCTION_LINES,
    ROOT,
    import_cycles,
    imports,
    long_functions,
    modules,
    private_imports,
    silent_broad_excepts,
    upward_imports,
)

#: Import cycles still to break: every cycle found must lie inside one of these groups.
KNOWN_CYCLES: tuple[frozenset[str], ...] = ()

KNOWN_UPWARD: frozenset[tuple[str, str]] = frozenset()

KNOWN_PRIVATE: frozenset[tuple[str, str, str]] = frozenset()

#: ``module:qualname`` -> its length in lines today (it may shrink, not grow).
KNOWN_LONG: dict[str, int] = {}

#: ``module:qualname`` -> broad handlers there that neither raise, log nor hand the error on.
KNOWN_SILENT: dict[str, int] = {}


@contextmanager
def synthetic_tree(
    files: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """The checks read only ``files`` (module name -> source) for the block: each synthetic
    test plants the violations it expects and nothing of the real tree."""
    import architecture_support as support

    paths = {}
    for name, source in files.items():
        paths[name] = tmp_path / f"{name}.py"
        paths[name].write_text(source)
    monkeypatch.setattr(support, "modules", lambda: paths)
    support.tree.cache_clear()
    try:
        yield
    finally:
        support.tree.cache_clear()


def test_no_new_import_cycles() -> None:
    cycles = import_cycles()
    new = [c for c in cycles if not any(set(c) <= known for known in KNOWN_CYCLES)]
    assert not new, f"new import cycle(s): {new}"
    gone = [sorted(k) for k in KNOWN_CYCLES if not any(set(c) & k for c in cycles)]
    assert not gone, f"cycle(s) fixed, remove them from KNOWN_CYCLES: {gone}"


def test_known_cycles_do_not_grow() -> None:
    """A listed group may lose members as it is broken up, never gain them."""
    for cycle in import_cycles():
        owner = next(k for k in KNOWN_CYCLES if set(cycle) & k)
        assert set(cycle) <= owner, sorted(set(cycle) - owner)


def test_no_new_upward_imports() -> None:
    found = upward_imports()
    assert not found - KNOWN_UPWARD, f"upward import(s): {sorted(found - KNOWN_UPWARD)}"
    assert not KNOWN_UPWARD - found, f"fixed, remove from KNOWN_UPWARD: {KNOWN_UPWARD - found}"


def test_no_new_private_names_imported_across_modules() -> None:
    found = private_imports()
    assert not found - KNOWN_PRIVATE, f"private import(s): {sorted(found - KNOWN_PRIVATE)}"
    assert not KNOWN_PRIVATE - found, f"fixed, remove from KNOWN_PRIVATE: {KNOWN_PRIVATE - found}"


def test_no_new_long_functions_in_engine_and_listed_ones_do_not_grow() -> None:
    found = long_functions("engine")
    new = {k: v for k, v in found.items() if k not in KNOWN_LONG}
    assert not new, f"functions over {MAX_FUNCTION_LINES} lines: {new}"
    grown = {k: (KNOWN_LONG[k], v) for k, v in found.items() if v > KNOWN_LONG[k]}
    assert not grown, f"listed long functions grew (was, now): {grown}"
    gone = sorted(set(KNOWN_LONG) - set(found))
    assert not gone, f"now short enough, remove from KNOWN_LONG: {gone}"


def test_no_new_silent_broad_excepts_in_any_package() -> None:
    """The issue's rule is not limited to engine/: nodepilot, indexing, eval and service too."""
    found = silent_broad_excepts()
    new = {k: v for k, v in found.items() if v > KNOWN_SILENT.get(k, 0)}
    assert not new, f"broad except that neither logs nor raises: {new}"
    gone = {k: (v, found.get(k, 0)) for k, v in KNOWN_SILENT.items() if found.get(k, 0) < v}
    assert not gone, f"fixed, lower or remove in KNOWN_SILENT (listed, now): {gone}"


def test_the_silent_except_check_reads_every_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A silent handler outside engine/ is found; one that logs, raises or hands on is not."""
    import architecture_support as support

    quiet = "def f():\n    try:\n        pass\n    except Exception:\n        return None\n"
    logs = "def f():\n    try:\n        pass\n    except Exception:\n        log.debug('x')\n"
    files = {"service.zz_a": quiet, "indexing.zz_b": quiet, "eval.zz_c": logs}
    with synthetic_tree(files, tmp_path, monkeypatch):
        assert support.silent_broad_excepts() == {"service.zz_a:f": 1, "indexing.zz_b:f": 1}
        assert support.silent_broad_excepts("service") == {"service.zz_a:f": 1}


# ------------------------------------------------------- the checks themselves can fail


def test_function_level_imports_are_seen() -> None:
    """``engine.pipeline`` imports ``engine.spec`` and ``engine.retrieval`` inside functions."""
    targets = {i.target for i in imports("engine.pipeline")}
    assert "engine.spec" in targets and "engine.retrieval" in targets  # both function-level


def test_every_project_package_is_read() -> None:
    names = modules()
    assert {"nodepilot.config", "indexing.corpus", "engine.spec", "eval.gate"} <= set(names)
    for name in ("engine.spec", "eval.gate"):
        assert isinstance(ast.parse(names[name].read_text()), ast.Module)


def test_the_spec_stage_stays_light() -> None:
    """``engine.spec`` is provider-independent: importing it must load neither the intent
    classifier and answerer (they reach the providers), the generator, the modifier, nor any
    provider. The package ``__init__`` files it passes through import nothing, so they cannot."""
    import subprocess
    import sys

    probe = "import sys, engine.spec; print(sorted(m for m in sys.modules if m[:7] == 'engine.'))"
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout
    assert "'engine.spec'" in out, out
    heavy = [
        "engine.intent.classifier",
        "engine.intent.answer",
        "engine.intent.model",
        "engine.offline.generator",
        "engine.offline.modify",
        "engine.providers",
    ]
    assert not [m for m in heavy if f"'{m}" in out], out


def test_the_cycle_check_sees_package_inits_and_imports_by_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``import pkg.sub`` runs ``pkg/__init__``: a loop through it is a cycle, though no statement
    names ``pkg`` (a module inside ``pkg`` does not run it again). ``"module:attr"`` strings are
    imports: upward unless the importer is an entry point, which nothing may import."""
    import architecture_support as support

    files = {
        "engine.zz_pkg": "from engine.zz_user import h\n",
        "engine.zz_pkg.sub": "def g():\n    return 1\n",
        "engine.zz_pkg.peer": "from engine.zz_pkg.sub import g\n",
        "engine.zz_user": "def h():\n    from engine.zz_pkg.sub import g\n    return g()\n",
        "nodepilot.zz_table": 'COMMANDS = {"h": "engine.zz_user:h"}\n',
        "nodepilot.cli": 'COMMANDS = {"h": "engine.zz_user:h"}\n',
        "indexing.zz_low": "import importlib\nimportlib.import_module('nodepilot.cli')\n",
    }
    with synthetic_tree(files, tmp_path, monkeypatch):
        assert support.import_cycles() == [("engine.zz_pkg", "engine.zz_user")]
        assert support.import_graph()["engine.zz_pkg.peer"] == {"engine.zz_pkg.sub"}
        assert support.upward_imports() == {
            ("nodepilot.zz_table", "engine.zz_user"),
            ("indexing.zz_low", "nodepilot.cli"),
        }


def test_the_checks_find_each_kind_of_violation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A synthetic tree with one violation of each kind: every check reports it."""
    import architecture_support as support

    body = "\n".join(f"    x{i} = {i}" for i in range(85))
    files = {
        "engine.zz_a": "def f():\n    from engine.zz_b import _hidden\n    return _hidden\n",
        "engine.zz_b": (
            "import engine.zz_a\n_hidden = 1\n"
            f"def long():\n{body}\n"
            "def quiet():\n    try:\n        pass\n    except Exception:\n        return None\n"
        ),
        "nodepilot.zz_c": "from engine.zz_a import f\n",
    }
    with synthetic_tree(files, tmp_path, monkeypatch):
        assert support.import_cycles() == [("engine.zz_a", "engine.zz_b")]
        assert support.private_imports() == {("engine.zz_a", "engine.zz_b", "_hidden")}
        assert support.upward_imports() == {("nodepilot.zz_c", "engine.zz_a")}
        assert set(support.long_functions("engine")) == {"engine.zz_b:long"}
        assert support.silent_broad_excepts("engine") == {"engine.zz_b:quiet": 1}
