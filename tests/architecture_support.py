"""Static reading of the project's own packages for the architecture rules (issue #17).

Everything here parses source with :mod:`ast`; nothing is imported, so a module that fails to
import is still checked. Imports inside functions count like top-level ones: a function-level
import hides a cycle from Python's loader at start-up, not from the design. So do the imports
Python makes implicitly (``import a.b.c`` runs ``a/__init__.py`` and ``a/b/__init__.py`` first)
and the ones made by name (``"module:attr"`` strings handed to ``importlib``).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: Layers, lowest first: a module may import its own layer and the ones below it.
LAYERS = {"nodepilot": 0, "indexing": 1, "engine": 2, "eval": 3, "service": 3}
PACKAGES = tuple(LAYERS)
#: Entry points sit above every layer: ``nodepilot.cli`` loads each layer's commands by
#: ``"module:attr"`` name, so it may import any layer, and no module may import it.
ENTRY_POINTS = frozenset({"nodepilot.cli"})
MAX_FUNCTION_LINES = 80
BROAD = {"Exception", "BaseException"}
LOG_CALLS = {"debug", "info", "warning", "error", "exception", "critical", "log", "warn"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@cache
def modules() -> dict[str, Path]:
    """Every module of the project's packages: dotted name -> file."""
    out = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            out[module_name(path)] = path
    return out


@cache
def tree(name: str) -> ast.Module:
    return ast.parse(modules()[name].read_text(encoding="utf-8"), filename=str(modules()[name]))


def _absolute(name: str, node: ast.ImportFrom) -> str:
    """The module an ``ImportFrom`` names, resolving relative imports against ``name``."""
    if not node.level:
        return node.module or ""
    is_package = modules()[name].name == "__init__.py"
    base = name.split(".")
    base = base[: len(base) - node.level + (1 if is_package else 0)]
    return ".".join(base + ([node.module] if node.module else []))


def _project_module(dotted: str) -> str | None:
    """The longest prefix of ``dotted`` that is a project module (None: not ours)."""
    parts = dotted.split(".")
    for end in range(len(parts), 0, -1):
        candidate = ".".join(parts[:end])
        if candidate in modules():
            return candidate
    return None


@dataclass(frozen=True)
class Import:
    """One import statement's target inside the project, and the names it takes."""

    importer: str
    target: str
    names: tuple[str, ...]
    line: int


def imports(name: str) -> Iterator[Import]:
    """Project modules ``name`` imports, anywhere in the file (function level included), by
    statement or by name (see :func:`_imports_by_name`)."""
    for node in ast.walk(tree(name)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                target = _project_module(alias.name)
                if target:
                    yield Import(name, target, (), node.lineno)
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(name, node)
            plain = []
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                if sub in modules():  # ``from pkg import submodule``
                    yield Import(name, sub, (), node.lineno)
                else:
                    plain.append(alias.name)
            target = _project_module(base)
            if target and plain:
                yield Import(name, target, tuple(plain), node.lineno)
    yield from _imports_by_name(name)


#: A string naming ``module:attribute``, the form lazy command, router and schema tables use.
_BY_NAME = re.compile(r"([A-Za-z_]\w*(?:\.\w+)*):([A-Za-z_]\w*)")


def _imports_by_name(name: str) -> Iterator[Import]:
    """Project modules ``name`` names for ``importlib``: ``"module:attr"`` strings anywhere in
    it, and string arguments of ``import_module`` / ``__import__`` calls."""
    for node in ast.walk(tree(name)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            match = _BY_NAME.fullmatch(node.value)
            if match and match[1] in modules():
                yield Import(name, match[1], (match[2],), node.lineno)
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if called in {"import_module", "__import__"} and node.args[0].value in modules():
                yield Import(name, node.args[0].value, (), node.lineno)


def _packages_above(module: str) -> Iterator[str]:
    """The project packages whose ``__init__`` runs before ``module`` does, outermost first."""
    parts = module.split(".")
    for end in range(1, len(parts)):
        package = ".".join(parts[:end])
        if package in modules():
            yield package


def import_graph() -> dict[str, set[str]]:
    """importer -> the project modules whose code importing it runs: each target, and each
    package above the target whose ``__init__`` has not run already (one holding the importer
    has: Python ran it before the importer)."""
    graph: dict[str, set[str]] = {m: set() for m in modules()}
    for name in modules():
        for imp in imports(name):
            if imp.target != name:
                graph[name].add(imp.target)
            for package in _packages_above(imp.target):
                if package != name and not name.startswith(package + "."):
                    graph[name].add(package)
    return graph


def import_cycles() -> list[tuple[str, ...]]:
    """Strongly connected groups of two or more modules (Tarjan), each sorted, sorted."""
    graph = import_graph()
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[tuple[str, ...]] = []
    counter = 0

    def visit(v: str) -> None:
        nonlocal counter
        index[v] = low[v] = counter
        counter += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(tuple(sorted(group)))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(groups)


def layer(module: str) -> int:
    """``module``'s layer: its package's, or above all of them for an entry point."""
    if module in ENTRY_POINTS:
        return max(LAYERS.values()) + 1
    return LAYERS[module.split(".")[0]]


def upward_imports() -> set[tuple[str, str]]:
    """(importer, imported) pairs where a lower layer imports a higher one."""
    out = set()
    for name in modules():
        for imp in imports(name):
            if layer(imp.target) > layer(name):
                out.add((name, imp.target))
    return out


def private_imports() -> set[tuple[str, str, str]]:
    """(importer, module, name) for underscore names taken from another module."""
    out = set()
    for name in modules():
        for imp in imports(name):
            if imp.target == name:
                continue
            for taken in imp.names:
                if taken.startswith("_") and not taken.startswith("__"):
                    out.add((name, imp.target, taken))
    return out


def _functions(node: ast.AST, prefix: str) -> Iterator[tuple[str, ast.AST]]:
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
            qual = f"{prefix}{child.name}"
            yield qual, child
            yield from _functions(child, qual + ".")
        elif isinstance(child, ast.ClassDef):
            yield from _functions(child, f"{prefix}{child.name}.")
        else:
            yield from _functions(child, prefix)


def long_functions(package: str = "engine") -> dict[str, int]:
    """``module:qualname`` -> line count, for functions longer than the limit."""
    out = {}
    for name in modules():
        if name.split(".")[0] != package:
            continue
        for qual, fn in _functions(tree(name), ""):
            length = fn.end_lineno - fn.lineno + 1  # type: ignore[attr-defined]
            if length > MAX_FUNCTION_LINES:
                out[f"{name}:{qual}"] = length
    return out


def _is_broad(handler: ast.ExceptHandler) -> bool:
    if handler.type is None:
        return True
    types = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return any(isinstance(t, ast.Name) and t.id in BROAD for t in types)


def _speaks(handler: ast.ExceptHandler) -> bool:
    """The handler re-raises, logs or warns what it caught, or hands the exception on."""
    for node in ast.walk(handler):
        if handler.name and isinstance(node, ast.Name) and node.id == handler.name:
            return True
        if isinstance(node, ast.Raise):
            return True
        if isinstance(node, ast.Call):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if called in LOG_CALLS:
                return True
    return False


def _own_nodes(scope: ast.AST) -> Iterator[ast.AST]:
    """Nodes of ``scope``'s body, not descending into nested functions or classes."""
    for child in ast.iter_child_nodes(scope):
        if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            continue
        yield child
        yield from _own_nodes(child)


def silent_broad_excepts(package: str | None = None) -> dict[str, int]:
    """``module:qualname`` -> number of broad handlers there that neither raise nor log, in
    ``package`` (None: every project package)."""
    out: dict[str, int] = {}
    for name in modules():
        if package is not None and name.split(".")[0] != package:
            continue
        scopes = [("<module>", tree(name)), *_functions(tree(name), "")]
        for qual, scope in scopes:
            for node in _own_nodes(scope):
                if isinstance(node, ast.ExceptHandler) and _is_broad(node) and not _speaks(node):
                    key = f"{name}:{qual}"
                    out[key] = out.get(key, 0) + 1
    return out
