"""The benchmark dataset format: JSON Schema, typed loader and checker.

A dataset is one or more ``.jsonl`` files (a directory is searched recursively), one case per
line. The format is documented in ``datasets/README.md`` and is meant to stay stable: the eval
harness, the intent classifier and other tools read and write it. Everything that can be wrong
with a line is reported as a :class:`Problem` naming the file and line, so a broken dataset
never surfaces as a traceback far away in a metric.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match

from eval.datasets_labels import label_problems
from nodepilot.errors import UserError
from nodepilot.workflow import LC, Connection, trigger_kind

log = logging.getLogger(__name__)
INTENTS: tuple[str, ...] = (
    "workflow_request",
    "workflow_modification",
    "question",
    "general_conversation",
)
#: Intents whose cases describe a workflow and therefore carry an ``expected`` skeleton.
WORKFLOW_INTENTS: frozenset[str] = frozenset({"workflow_request", "workflow_modification"})
SPLITS: tuple[str, ...] = ("train", "dev", "test")
DIFFICULTIES: tuple[str, ...] = ("easy", "medium", "hard")
ROLES: tuple[str, ...] = ("user", "assistant")
#: Connection kinds an edge may name; "main" is the default for two-element edges.
CONNECTION_TYPES: tuple[str, ...] = (
    "main",
    "ai_languageModel",
    "ai_tool",
    "ai_memory",
    "ai_outputParser",
    "ai_embedding",
    "ai_document",
    "ai_textSplitter",
    "ai_vectorStore",
    "ai_retriever",
    "ai_reranker",
)

_NODE_TYPE = {"type": "string", "minLength": 3, "pattern": r"^\S+\.\S+$"}
_REQUIREMENT = {
    "oneOf": [
        _NODE_TYPE,
        {
            "type": "object",
            "properties": {
                "any_of": {"type": "array", "items": _NODE_TYPE, "minItems": 2, "uniqueItems": True}
            },
            "required": ["any_of"],
            "additionalProperties": False,
        },
    ]
}

_OPERATION = {
    "type": "object",
    "properties": {
        "type": _NODE_TYPE,
        "resource": {"type": "string", "minLength": 1},
        "operation": {"type": "string", "minLength": 1},
    },
    "required": ["type", "operation"],
    "additionalProperties": False,
}
_OPERATION_LABEL = {
    "oneOf": [
        _OPERATION,
        {
            "type": "object",
            "properties": {"any_of": {"type": "array", "items": _OPERATION, "minItems": 2}},
            "required": ["any_of"],
            "additionalProperties": False,
        },
    ]
}

#: The JSON Schema (draft 2020-12) of one dataset line. Semantic rules the schema cannot express
#: (unique ids, ``expected`` only for workflow intents, known node types) live in the checker.
SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://nodepilot.dev/schemas/dataset-case.json",
    "title": "NodePilot benchmark case",
    "type": "object",
    "properties": {
        "id": {"type": "string", "pattern": r"^[A-Za-z0-9][A-Za-z0-9._:-]*$", "maxLength": 100},
        "request": {"type": "string", "pattern": r"\S"},
        "intent": {"enum": list(INTENTS)},
        "conversation": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "role": {"enum": list(ROLES)},
                    "content": {"type": "string", "minLength": 1},
                },
                "required": ["role", "content"],
                "additionalProperties": False,
            },
        },
        "expected": {
            "type": "object",
            "properties": {
                "trigger": _NODE_TYPE,
                "trigger_any": {"type": "array", "items": _NODE_TYPE, "uniqueItems": True},
                "required": {"type": "array", "items": _REQUIREMENT},
                "optional": {"type": "array", "items": _REQUIREMENT},
                "edges": {
                    "type": "array",
                    "items": {
                        "type": "array",
                        "prefixItems": [_NODE_TYPE, _NODE_TYPE, {"enum": list(CONNECTION_TYPES)}],
                        "minItems": 2,
                        "maxItems": 3,
                    },
                },
                "operations": {"type": "array", "items": _OPERATION_LABEL},
                "trigger_events": {
                    "type": "array",
                    "items": {"type": "string", "minLength": 1},
                    "minItems": 1,
                    "uniqueItems": True,
                },
            },
            "required": ["trigger", "required"],
            "additionalProperties": False,
        },
        "source": {"type": "string", "minLength": 1},
        "difficulty": {"enum": list(DIFFICULTIES)},
        "split": {"enum": list(SPLITS)},
        "category": {"type": "string", "minLength": 1},
        "tags": {"type": "array", "items": {"type": "string", "minLength": 1}},
        "notes": {"type": "string"},
    },
    "required": ["id", "request", "intent", "source", "difficulty", "split"],
    "additionalProperties": False,
}

_VALIDATOR = Draft202012Validator(SCHEMA)


class Catalog(Protocol):
    """What the checker needs from the node catalog (``indexing.catalog.load.Catalog``).

    ``is_trigger`` and ``closest_types`` are used when present (trigger check, "did you mean").
    """

    def has_type(self, node_type: str) -> bool: ...


class DatasetError(UserError):
    """A dataset cannot be loaded; the message names the file and line of the first problems."""

    def __init__(self, problems: list[Problem]) -> None:
        shown = "\n".join(str(p) for p in problems[:10])
        more = f"\n... and {len(problems) - 10} more" if len(problems) > 10 else ""
        super().__init__(f"invalid dataset ({len(problems)} problem(s)):\n{shown}{more}")
        self.problems = problems


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a dataset, at ``path:line`` (line 0: the file or path as a whole)."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass(frozen=True, slots=True)
class Turn:
    """A prior conversation turn."""

    role: str
    content: str


@dataclass(frozen=True, slots=True)
class AnyOf:
    """A requirement met by any one of several node types (e.g. interchangeable chat models)."""

    options: tuple[str, ...]


Requirement = str | AnyOf


@dataclass(frozen=True, slots=True)
class OperationChoice:
    """One node operation: a node type with its ``resource`` (None: the node has none) and
    ``operation`` parameter values, as n8n's editor stores them."""

    type: str
    operation: str
    resource: str | None = None


@dataclass(frozen=True, slots=True)
class OperationLabel:
    """An operation the request determines, met by any one of ``options`` (create vs upsert)."""

    options: tuple[OperationChoice, ...]


@dataclass(frozen=True, slots=True)
class Expected:
    """The skeleton a correct workflow must have: trigger, required and optional node types."""

    trigger: str
    trigger_any: tuple[str, ...] = ()
    required: tuple[Requirement, ...] = ()
    optional: tuple[Requirement, ...] = ()
    #: Expected connections between node *types*: the model's ``Connection`` with types where a
    #: workflow has names (``type`` is the connection type, "main" or an ``ai_*``).
    edges: tuple[Connection, ...] = ()
    #: Operations of app steps the request determines (``expected.operations``); empty when
    #: the case does not label them.
    operations: tuple[OperationLabel, ...] = ()
    #: Event values of the ``trigger`` node the request determines, any one of them right
    #: (``expected.trigger_events``); empty when the case does not label them.
    trigger_events: tuple[str, ...] = ()

    @property
    def triggers(self) -> frozenset[str]:
        """Every trigger type accepted as correct."""
        return frozenset((self.trigger, *self.trigger_any))

    @property
    def required_sets(self) -> tuple[frozenset[str], ...]:
        """Each required item as the set of node types that satisfy it."""
        return tuple(_as_set(r) for r in self.required)

    def node_types(self) -> frozenset[str]:
        """Every node type the skeleton names anywhere (trigger, requirements, edges)."""
        types = set(self.triggers)
        for req in (*self.required, *self.optional):
            types |= _as_set(req)
        for edge in self.edges:
            types.update((edge.source, edge.target))
        return frozenset(types)


@dataclass(frozen=True, slots=True)
class Case:
    """One benchmark case: a user turn with its gold intent and, for workflows, the skeleton."""

    id: str
    request: str
    intent: str
    source: str
    difficulty: str
    split: str
    conversation: tuple[Turn, ...] = ()
    expected: Expected | None = None
    category: str | None = None
    tags: tuple[str, ...] = ()
    notes: str | None = None
    path: str = field(default="", compare=False)
    line: int = field(default=0, compare=False)

    @property
    def is_workflow(self) -> bool:
        return self.intent in WORKFLOW_INTENTS

    @property
    def trigger_kind(self) -> str | None:
        """How the expected workflow starts (schedule, webhook, app, ...); None if no workflow."""
        return trigger_kind(self.expected.trigger) if self.expected else None

    @property
    def uses_ai(self) -> bool | None:
        """Whether the expected workflow uses LangChain (AI) nodes; None if no workflow."""
        if self.expected is None:
            return None
        return any(t.startswith(LC) for t in self.expected.node_types())


def _as_set(req: Requirement) -> frozenset[str]:
    return frozenset(req.options) if isinstance(req, AnyOf) else frozenset((req,))


def dataset_files(path: str | Path) -> list[Path]:
    """The ``.jsonl`` files a dataset path stands for: the file itself or all under a directory.

    Raises UserError when the path does not exist or holds no ``.jsonl`` file.
    """
    p = Path(path)
    if p.is_dir():
        files = sorted(f for f in p.rglob("*.jsonl") if f.is_file())
        if not files:
            raise UserError(f"no .jsonl files under {p}")
        return files
    if p.is_file():
        return [p]
    raise UserError(f"dataset path not found: {p}")


# ---------------------------------------------------------------- parsing


def _schema_message(err: ValidationError) -> str:
    where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in err.absolute_path)
    where = where.lstrip(".") or "case"
    if err.validator == "required":
        missing = [k for k in err.validator_value if k not in (err.instance or {})]
        return f"{where}: missing required field(s) {', '.join(repr(k) for k in missing)}"
    if err.validator == "pattern" and err.validator_value == r"\S":
        return f"{where}: must not be blank"
    if err.validator == "additionalProperties":
        return f"{where}: {err.message}"
    if err.validator == "enum":
        allowed = ", ".join(str(v) for v in err.validator_value)
        return f"{where}: {_short(err.instance)} is not one of: {allowed}"
    if err.validator == "oneOf" and where.startswith("expected.operations"):
        return (
            f"{where}: {_short(err.instance)} must be "
            '{"type", "operation"[, "resource"]} or {"any_of": [those]}'
        )
    if err.validator == "oneOf" and where.startswith("expected."):
        if isinstance(err.instance, dict) and err.context:
            inner = best_match(e for e in err.context if e.validator != "type")
            if inner is not None:
                return _schema_message(inner)
        return f'{where}: {_short(err.instance)} must be a node type or {{"any_of": [types]}}'
    return f"{where}: {err.message}"


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if _jsonable(value) else repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _jsonable(value: Any) -> bool:
    try:
        json.dumps(value)
    except (TypeError, ValueError, RecursionError):
        return False
    return True


def _requirement(raw: Any) -> Requirement:
    return AnyOf(tuple(raw["any_of"])) if isinstance(raw, dict) else raw


def _operation_label(raw: dict[str, Any]) -> OperationLabel:
    choices = raw["any_of"] if "any_of" in raw else [raw]
    return OperationLabel(
        tuple(OperationChoice(c["type"], c["operation"], c.get("resource")) for c in choices)
    )


def _build_case(obj: dict[str, Any], path: str, line: int) -> Case:
    exp = obj.get("expected")
    expected = None
    if exp is not None:
        expected = Expected(
            trigger=exp["trigger"],
            trigger_any=tuple(exp.get("trigger_any", ())),
            required=tuple(_requirement(r) for r in exp.get("required", ())),
            optional=tuple(_requirement(r) for r in exp.get("optional", ())),
            edges=tuple(Connection(*e) for e in exp.get("edges", ())),
            operations=tuple(_operation_label(o) for o in exp.get("operations", ())),
            trigger_events=tuple(exp.get("trigger_events", ())),
        )
    return Case(
        id=obj["id"],
        request=obj["request"],
        intent=obj["intent"],
        source=obj["source"],
        difficulty=obj["difficulty"],
        split=obj["split"],
        conversation=tuple(Turn(t["role"], t["content"]) for t in obj.get("conversation", ())),
        expected=expected,
        category=obj.get("category"),
        tags=tuple(obj.get("tags", ())),
        notes=obj.get("notes"),
        path=path,
        line=line,
    )


def _semantic_problems(case: Case, catalog: Catalog | None) -> Iterator[str]:
    if case.is_workflow and case.expected is None:
        yield f"intent {case.intent} needs an 'expected' workflow skeleton"
    if not case.is_workflow and case.expected is not None:
        yield f"intent {case.intent} must not have 'expected' (only workflow intents do)"
    if case.intent == "workflow_modification" and not case.conversation:
        yield "workflow_modification needs the prior 'conversation' that produced the workflow"
    if case.expected is None:
        return
    exp = case.expected
    named = exp.triggers | frozenset().union(*(exp.required_sets or (frozenset(),)))
    for req in exp.optional:
        named |= _as_set(req)
    for i, edge in enumerate(exp.edges):
        for end in (edge.source, edge.target):
            if end not in named:
                yield f"expected.edges[{i}]: {end} is not the trigger or a required/optional node"
    for i, label in enumerate(exp.operations):
        for choice in label.options:
            if choice.type not in named:
                yield f"expected.operations[{i}]: {choice.type} is not a required/optional node"
    if catalog is None:
        return
    labels = [[(o.type, o.resource, o.operation) for o in lb.options] for lb in exp.operations]
    yield from label_problems(exp.trigger, labels, exp.trigger_events, catalog)
    unknown = set()
    for node_type in sorted(exp.node_types()):
        if not catalog.has_type(node_type):
            unknown.add(node_type)
            yield f"unknown node type {node_type!r}{_suggestion(catalog, node_type)}"
    is_trigger = getattr(catalog, "is_trigger", None)
    if callable(is_trigger):
        for node_type in sorted(exp.triggers - unknown):
            if not is_trigger(node_type):
                yield f"expected trigger {node_type!r} is not a trigger node"


def _suggestion(catalog: Catalog, node_type: str) -> str:
    """A 'did you mean' tail from the catalog's closest-match helper, when it offers one."""
    for name in ("suggest", "closest", "closest_types", "similar_types"):
        fn = getattr(catalog, name, None)
        if callable(fn):
            try:
                found = fn(node_type)
            except Exception:  # noqa: BLE001 - a suggestion is a nicety, never a failure
                log.debug("catalog.%s(%r) failed", name, node_type, exc_info=True)
                return ""
            if isinstance(found, str):
                found = [found]
            names = [getattr(f, "type", f) for f in list(found or [])[:3]]
            names = [n for n in names if isinstance(n, str)]
            return f" (did you mean {', '.join(names)}?)" if names else ""
    return ""


def _parse_line(text: str, path: str, line: int) -> tuple[Case | None, list[Problem]]:
    try:
        obj = json.loads(text)
    except (ValueError, RecursionError) as exc:
        detail = exc.msg if isinstance(exc, json.JSONDecodeError) else type(exc).__name__
        return None, [Problem(path, line, f"broken JSON: {detail}")]
    if not isinstance(obj, dict):
        return None, [
            Problem(path, line, f"a case must be a JSON object, got {type(obj).__name__}")
        ]
    try:
        errors = sorted(_VALIDATOR.iter_errors(obj), key=lambda e: list(map(str, e.absolute_path)))
    except RecursionError:
        return None, [Problem(path, line, "case is nested too deeply")]
    if errors:
        messages = dict.fromkeys(_schema_message(e) for e in errors)  # ordered, deduplicated
        return None, [Problem(path, line, m) for m in messages]
    return _build_case(obj, path, line), []


def scan_dataset(
    path: str | Path, catalog: Catalog | None = None
) -> tuple[list[Case], list[Problem]]:
    """Parse every line under ``path``; return the good cases and every problem found.

    Ids must be unique across all files. Node types are checked only when a catalog is given.
    """
    cases: list[Case] = []
    problems: list[Problem] = []
    seen: dict[str, tuple[str, int]] = {}
    for file in dataset_files(path):
        name = str(file)
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise UserError(f"cannot read {file}: {exc.strerror or exc}") from exc
        for number, raw in enumerate(data.split(b"\n"), start=1):
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                problems.append(Problem(name, number, f"not valid UTF-8 at byte {exc.start}"))
                continue
            if not text.strip():
                continue
            case, found = _parse_line(text, name, number)
            problems.extend(found)
            if case is None:
                continue
            bad = [Problem(name, number, m) for m in _semantic_problems(case, catalog)]
            if case.id in seen:
                first = seen[case.id]
                bad.append(
                    Problem(
                        name, number, f"duplicate id {case.id!r} (first at {first[0]}:{first[1]})"
                    )
                )
            else:
                seen[case.id] = (name, number)
            problems.extend(bad)
            if not bad:
                cases.append(case)
    return cases, problems


def check_dataset(path: str | Path, catalog: Catalog | None = None) -> list[Problem]:
    """Every problem in the dataset at ``path``, in file and line order (empty: all good)."""
    return scan_dataset(path, catalog)[1]


def load_dataset(
    path: str | Path,
    *,
    split: str | Iterable[str] | None = None,
    intent: str | Iterable[str] | None = None,
    catalog: Catalog | None = None,
) -> list[Case]:
    """Load the cases under ``path``, optionally only some splits / intents.

    Raises DatasetError (a UserError naming file and line) if any line is broken, so callers
    never evaluate on a silently truncated dataset.
    """
    splits = _selection(split, SPLITS, "split")
    intents = _selection(intent, INTENTS, "intent")
    cases, problems = scan_dataset(path, catalog)
    if problems:
        raise DatasetError(problems)
    return [
        c
        for c in cases
        if (splits is None or c.split in splits) and (intents is None or c.intent in intents)
    ]


def _selection(
    value: str | Iterable[str] | None, allowed: tuple[str, ...], what: str
) -> set[str] | None:
    if value is None:
        return None
    chosen = {value} if isinstance(value, str) else set(value)
    unknown = chosen - set(allowed)
    if unknown:
        raise UserError(
            f"unknown {what} {', '.join(sorted(unknown))}; expected one of: {', '.join(allowed)}"
        )
    return chosen
