"""Static scan for request cues defined outside ``engine/lexicon.py`` (issue #17, "one lexicon").

A *cue* is something the engine reads from a request's words. Two shapes are found, by parsing
source with :mod:`ast` (nothing is imported):

- a **pattern**: a regex handed to ``re.compile`` / ``search`` / ``match`` / ``fullmatch`` /
  ``sub`` / ``findall`` / ``finditer`` / ``split`` whose text holds a word of three or more
  letters once escapes (``\\b``, ``\\d``, ``\\w`` …), group names (``(?P<hour>``) and n8n
  variables (``$json``) are taken out. The pattern's text is every string literal in the
  argument, including module-level string constants it names (``r"\\b" + _HOURS``) and the
  f-string parts; a name imported from elsewhere (the lexicon) adds nothing.
- a **vocabulary**: a module-level or class-level tuple / list / set / frozenset / dict literal
  holding five or more lowercase word strings ("daily", "sign up", "e-mail"), counted through
  nested literals; the words of a ``"daily weekly monthly".split()`` count one by one.

A regex of punctuation, ``\\d`` and expression syntax only is structural, not a cue.
"""

from __future__ import annotations

import ast
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENGINE = ROOT / "engine"
RE_CALLS = frozenset(
    {"compile", "search", "match", "fullmatch", "sub", "subn", "findall", "finditer", "split"}
)
COLLECTIONS = frozenset({"tuple", "list", "set", "frozenset", "dict"})
MIN_VOCABULARY = 5
#: Taken out of a regex before looking for words: escapes (``\b``, ``\x41``), group names and
#: back-references, n8n variables.
_NOT_WORDS = re.compile(r"\\x[0-9a-fA-F]{2}|\\[A-Za-z]|\(\?P<\w+>|\(\?P=\w+\)|\\?\$\w+|\\.")
_WORD = re.compile(r"[A-Za-z]{3,}")
_LOWER_WORD = re.compile(r"[a-z][a-z' .&/-]*[a-z]|[a-z]")


def words_in_regex(text: str) -> list[str]:
    """The words of three or more letters a regex's text matches literally."""
    return _WORD.findall(_NOT_WORDS.sub(" ", text))


def is_lowercase_word(value: object) -> bool:
    """A string that reads as one or a few lowercase words ("daily", "sign up", "e-mail")."""
    return (
        isinstance(value, str)
        and bool(_LOWER_WORD.fullmatch(value))
        and any(len(w) >= 2 for w in re.findall(r"[a-z]+", value))
    )


class _Scan(ast.NodeVisitor):
    """Walks one module, tracking the scope name each finding is filed under."""

    def __init__(self, module: str, source: ast.Module) -> None:
        self.module = module
        self.scope: list[str] = []
        self.functions = 0
        self.constants = _module_constants(source)
        self.patterns: Counter[str] = Counter()
        self.vocabularies: dict[str, int] = {}
        self.examples: dict[str, list[str]] = {}

    def key(self) -> str:
        return f"{self.module}:{'.'.join(self.scope) or '<module>'}"

    def _scoped(self, name: str, node: ast.AST) -> None:
        self.scope.append(name)
        self.generic_visit(node)
        self.scope.pop()

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self.functions += 1
        self._scoped(node.name, node)
        self.functions -= 1

    visit_AsyncFunctionDef = visit_FunctionDef  # type: ignore[assignment]

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.scope.append(node.name)
        for stmt in node.body:
            self._vocabulary(stmt)
        self.generic_visit(node)
        self.scope.pop()

    def visit_Module(self, node: ast.Module) -> None:
        for stmt in node.body:
            self._vocabulary(stmt)
        self.generic_visit(node)

    def visit_Assign(self, node: ast.Assign | ast.AnnAssign) -> None:
        """Outside functions a finding is filed under the name it is assigned to."""
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        names = [t.id for t in targets if isinstance(t, ast.Name)]
        if names and not self.functions:
            self._scoped(names[0], node)
        else:
            self.generic_visit(node)

    visit_AnnAssign = visit_Assign  # type: ignore[assignment]

    def visit_Call(self, node: ast.Call) -> None:
        pattern = _pattern_argument(node)
        if pattern is not None:
            found = words_in_regex(" ".join(self._strings(pattern)))
            if found:
                self.patterns[self.key()] += 1
                self.examples.setdefault(self.key(), []).extend(found[:3])
        self.generic_visit(node)

    def _strings(self, node: ast.AST, depth: int = 0) -> Iterator[str]:
        """Every string literal in ``node``, following names of module-level constants."""
        for sub in ast.walk(node):
            if isinstance(sub, ast.Constant) and isinstance(sub.value, str):
                yield sub.value
            elif isinstance(sub, ast.Name) and depth < 5 and sub.id in self.constants:
                yield from self._strings(self.constants[sub.id], depth + 1)

    def _vocabulary(self, stmt: ast.stmt) -> None:
        if isinstance(stmt, ast.Assign):
            targets, value = stmt.targets, stmt.value
        elif isinstance(stmt, ast.AnnAssign) and stmt.value is not None:
            targets, value = [stmt.target], stmt.value
        else:
            return
        name = next((t.id for t in targets if isinstance(t, ast.Name)), None)
        if name is None or not _is_collection(value):
            return
        count = _words_in_literal(value)
        if count >= MIN_VOCABULARY:
            key = ".".join([*self.scope, name])
            self.vocabularies[f"{self.module}:{key}"] = count


def _module_constants(source: ast.Module) -> dict[str, ast.AST]:
    """Module-level ``NAME = <expression>`` values, by name."""
    out: dict[str, ast.AST] = {}
    for stmt in source.body:
        if isinstance(stmt, ast.Assign):
            for target in stmt.targets:
                if isinstance(target, ast.Name):
                    out[target.id] = stmt.value
        elif isinstance(stmt, ast.AnnAssign) and stmt.value is not None:
            if isinstance(stmt.target, ast.Name):
                out[stmt.target.id] = stmt.value
    return out


def _pattern_argument(node: ast.Call) -> ast.AST | None:
    """The pattern argument of a ``re.<fn>(...)`` call, or None for any other call."""
    func = node.func
    if not (
        isinstance(func, ast.Attribute)
        and func.attr in RE_CALLS
        and isinstance(func.value, ast.Name)
        and func.value.id == "re"
    ):
        return None
    if node.args:
        return node.args[0]
    return next((k.value for k in node.keywords if k.arg == "pattern"), None)


def _split_string(node: ast.AST) -> str | None:
    """The string of ``"a b c".split()``, or None for anything else."""
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "split"
        and isinstance(node.func.value, ast.Constant)
        and isinstance(node.func.value.value, str)
    ):
        return node.func.value.value
    return None


def _words_in_literal(value: ast.AST) -> int:
    """Lowercase word strings in a literal, nested ones and ``"a b c".split()`` ones included."""
    count = 0
    split_receivers = set()
    for sub in ast.walk(value):
        text = _split_string(sub)
        if text is not None:
            count += sum(1 for part in text.split() if is_lowercase_word(part))
            split_receivers.add(id(getattr(sub.func, "value", None)))
    for sub in ast.walk(value):
        if isinstance(sub, ast.Constant) and id(sub) not in split_receivers:
            count += is_lowercase_word(sub.value)
    return count


def _is_collection(value: ast.AST) -> bool:
    """A collection literal, a collection built by name, or a ``"a b c".split()``."""
    if isinstance(value, (ast.Tuple, ast.List, ast.Set, ast.Dict)):
        return True
    if _split_string(value) is not None:
        return True
    return (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Name)
        and value.func.id in COLLECTIONS
    )


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def scan_source(module: str, text: str) -> tuple[dict[str, int], dict[str, int]]:
    """(patterns, vocabularies) of one module's source: ``module:scope`` -> count."""
    source = ast.parse(text)
    scan = _Scan(module, source)
    scan.visit(source)
    return dict(scan.patterns), scan.vocabularies


def scan_engine(exempt: tuple[str, ...]) -> tuple[dict[str, int], dict[str, int]]:
    """Cue patterns and vocabularies of every engine module outside ``exempt`` (dotted
    prefixes)."""
    patterns: dict[str, int] = {}
    vocabularies: dict[str, int] = {}
    for path in sorted(ENGINE.rglob("*.py")):
        module = module_name(path)
        if any(module == e or module.startswith(e + ".") for e in exempt):
            continue
        found_patterns, found_vocabularies = scan_source(module, path.read_text("utf-8"))
        patterns.update(found_patterns)
        vocabularies.update(found_vocabularies)
    return patterns, vocabularies
