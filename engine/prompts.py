"""The LLM prompts: loaded from ``seeds/prompts/*.md``, rendered, hashed, synced to ``ai_prompts``.

Prompts are files (not strings in code) so they can be reviewed and versioned as text. Each has a
small front-matter block::

    ---
    name: intent_classification
    version: 1
    description: One line saying what the prompt is for.
    variables: [request, conversation]
    ---
    Body with {{request}} placeholders.

``render`` substitutes ``{{var}}`` in one pass (a value that itself contains ``{{x}}`` is never
expanded again, so request text cannot inject template variables) and refuses missing or
undeclared variables. Every prompt has a content hash; ``prompt_set_hash()`` combines them into
the one hash recorded in generation results and used in the cache key, so editing any prompt
invalidates cached generations.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from nodepilot.paths import SEEDS_DIR

PROMPTS_DIR = SEEDS_DIR / "prompts"
_PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_FRONT_KEYS = ("name", "version", "description", "variables")


class PromptError(ValueError):
    """A prompt file is malformed, unknown, or rendered with the wrong variables."""


@dataclass(frozen=True)
class Prompt:
    """One prompt file: metadata, the template body and the hash of the whole file."""

    name: str
    version: int
    description: str
    variables: tuple[str, ...]
    template: str
    content: str  # the whole file (front-matter included), as stored in ai_prompts
    content_hash: str
    path: Path | None = field(default=None, compare=False)

    def render(self, **values: Any) -> str:
        """The template with every ``{{var}}`` replaced; missing/undeclared names raise."""
        missing = [v for v in self.variables if v not in values]
        if missing:
            raise PromptError(
                f"prompt {self.name!r} needs variable(s) {', '.join(missing)} "
                f"(declared: {', '.join(self.variables) or 'none'})"
            )
        extra = sorted(set(values) - set(self.variables))
        if extra:
            raise PromptError(
                f"prompt {self.name!r} does not declare variable(s) {', '.join(extra)}"
            )
        text = {k: _as_text(v) for k, v in values.items()}
        return _PLACEHOLDER.sub(lambda m: text[m.group(1)], self.template)


def _as_text(value: Any) -> str:
    """Strings as they are; other values as readable JSON (workflows, findings, lists)."""
    if isinstance(value, str):
        return value
    return json.dumps(value, indent=2, ensure_ascii=False, default=str)


def content_hash(text: str) -> str:
    """SHA-256 of the text with line endings normalised (a CRLF checkout hashes the same)."""
    return hashlib.sha256(text.replace("\r\n", "\n").encode("utf-8")).hexdigest()


def parse_prompt(text: str, *, source: str = "<prompt>", path: Path | None = None) -> Prompt:
    """Parse one prompt file's text. Errors name the file and what is wrong."""
    text = text.replace("\r\n", "\n")
    if not text.startswith("---\n"):
        raise PromptError(f"{source}: must start with a '---' front-matter line")
    end = text.find("\n---\n", 4)
    if end < 0:
        raise PromptError(f"{source}: front-matter is not closed by a '---' line")
    meta: dict[str, str] = {}
    for lineno, line in enumerate(text[4:end].split("\n"), start=2):
        if not line.strip():
            continue
        key, sep, value = line.partition(":")
        key = key.strip()
        if not sep or key not in _FRONT_KEYS:
            raise PromptError(
                f"{source}:{lineno}: expected one of {', '.join(_FRONT_KEYS)} as 'key: value'"
            )
        if key in meta:
            raise PromptError(f"{source}:{lineno}: {key!r} given twice")
        meta[key] = value.strip()
    for key in _FRONT_KEYS:
        if key not in meta:
            raise PromptError(f"{source}: front-matter lacks {key!r}")
    name = meta["name"]
    if not _NAME.match(name):
        raise PromptError(f"{source}: name {name!r} must be lower_snake_case")
    try:
        version = int(meta["version"])
    except ValueError:
        raise PromptError(f"{source}: version {meta['version']!r} is not an integer") from None
    if version < 1:
        raise PromptError(f"{source}: version must be >= 1")
    variables = _parse_list(meta["variables"], source)
    template = text[end + 5 :].strip("\n") + "\n"
    used = set(_PLACEHOLDER.findall(template))
    undeclared = sorted(used - set(variables))
    unused = sorted(set(variables) - used)
    if undeclared or unused:
        raise PromptError(
            f"{source}: placeholders and declared variables differ "
            f"(undeclared: {undeclared or 'none'}; unused: {unused or 'none'})"
        )
    return Prompt(
        name=name,
        version=version,
        description=meta["description"],
        variables=tuple(variables),
        template=template,
        content=text,
        content_hash=content_hash(text),
        path=path,
    )


def _parse_list(value: str, source: str) -> list[str]:
    if not (value.startswith("[") and value.endswith("]")):
        raise PromptError(f"{source}: variables must be a [comma, separated] list")
    items = [v.strip() for v in value[1:-1].split(",") if v.strip()]
    for item in items:
        if not _PLACEHOLDER.fullmatch("{{" + item + "}}"):
            raise PromptError(f"{source}: {item!r} is not a valid variable name")
    if len(set(items)) != len(items):
        raise PromptError(f"{source}: a variable is listed twice")
    return items


@lru_cache(maxsize=8)
def load_prompts(directory: Path = PROMPTS_DIR) -> Mapping[str, Prompt]:
    """Every ``*.md`` prompt in ``directory`` by name (cached and read-only: read once)."""
    if not directory.is_dir():
        raise PromptError(f"prompt folder {directory} does not exist")
    prompts: dict[str, Prompt] = {}
    for path in sorted(directory.glob("*.md")):
        prompt = parse_prompt(path.read_text(encoding="utf-8"), source=str(path), path=path)
        if prompt.name != path.stem:
            raise PromptError(f"{path}: name {prompt.name!r} differs from the file name")
        prompts[prompt.name] = prompt
    if not prompts:
        raise PromptError(f"prompt folder {directory} holds no *.md prompts")
    return MappingProxyType(prompts)


def reload_prompts() -> None:
    """Forget the cached prompt files and hashes (after editing prompts in a running process)."""
    load_prompts.cache_clear()
    _set_hash.cache_clear()


#: The prompt folder calls without an explicit directory use (``using_prompts``): an eval arm
#: runs with its own prompt set; context-local, so concurrent arms never see each other's.
_ACTIVE_DIR: ContextVar[Path | None] = ContextVar("nodepilot_prompt_dir", default=None)
#: Names of prompts fetched while ``recording_prompt_reads`` is active (what a run measured).
_READS: ContextVar[set[str] | None] = ContextVar("nodepilot_prompt_reads", default=None)


def active_prompt_dir() -> Path:
    """The prompt folder in use here: the one ``using_prompts`` set, else ``seeds/prompts``."""
    return _ACTIVE_DIR.get() or PROMPTS_DIR


@contextmanager
def using_prompts(directory: Path | None) -> Iterator[None]:
    """Read prompts from ``directory`` (None: the default folder) inside the block."""
    if directory is not None:
        load_prompts(Path(directory))  # a broken folder fails here, naming the file
    token = _ACTIVE_DIR.set(Path(directory) if directory is not None else None)
    try:
        yield
    finally:
        _ACTIVE_DIR.reset(token)


@contextmanager
def recording_prompt_reads() -> Iterator[set[str]]:
    """Collect the names of the prompts fetched inside the block (the set fills as they are)."""
    reads: set[str] = set()
    token = _READS.set(reads)
    try:
        yield reads
    finally:
        _READS.reset(token)


def get_prompt(name: str, directory: Path | None = None) -> Prompt:
    """One prompt by name; an unknown name lists the known ones."""
    prompts = load_prompts(directory or active_prompt_dir())
    try:
        prompt = prompts[name]
    except KeyError:
        raise PromptError(f"unknown prompt {name!r}; known: {', '.join(sorted(prompts))}") from None
    reads = _READS.get()
    if reads is not None:
        reads.add(name)
    return prompt


def render(name: str, /, **values: Any) -> str:
    """Render the named prompt from the project's prompt folder."""
    return get_prompt(name).render(**values)


def prompt_set_hash(directory: Path | None = None) -> str:
    """One SHA-256 over every prompt's name and content hash (order-independent of the disk)."""
    return _set_hash(directory or active_prompt_dir())


@lru_cache(maxsize=8)
def _set_hash(directory: Path) -> str:
    prompts = load_prompts(directory)
    lines = "\n".join(f"{name}:{prompts[name].content_hash}" for name in sorted(prompts))
    return hashlib.sha256(lines.encode("utf-8")).hexdigest()


@dataclass
class SyncReport:
    """What ``sync_prompts`` changed: new rows, re-activated old rows, untouched prompts."""

    inserted: list[str] = field(default_factory=list)
    reactivated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


def sync_prompts(conn: Any, prompts: Mapping[str, Prompt] | None = None) -> SyncReport:
    """Make each prompt's current content the one active ``ai_prompts`` row for its name.

    Unchanged content is a no-op (idempotent). Changed content inserts a new row and deactivates
    the old one, which stays as history; content that matches an older row re-activates that
    row (``UNIQUE (name, content_hash)`` forbids a duplicate). A new row's ``version`` is the
    front-matter version, or one above the highest stored version if that is not higher, so the
    column always increases with each new content. Runs in one transaction under an advisory
    lock, so two processes syncing at once cannot both insert.
    """
    prompts = load_prompts() if prompts is None else prompts
    report = SyncReport()
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(hashtext('nodepilot.ai_prompts'))")
        for name in sorted(prompts):
            prompt = prompts[name]
            rows = conn.execute(
                "SELECT id, version, content_hash, is_active FROM ai_prompts WHERE name = %s",
                (name,),
            ).fetchall()
            same = [r for r in rows if r[2] == prompt.content_hash]
            if same and same[0][3]:
                report.unchanged.append(name)
                continue
            conn.execute(
                "UPDATE ai_prompts SET is_active = false WHERE name = %s AND is_active", (name,)
            )
            if same:
                conn.execute("UPDATE ai_prompts SET is_active = true WHERE id = %s", (same[0][0],))
                report.reactivated.append(name)
                continue
            top = max((r[1] for r in rows), default=0)
            conn.execute(
                "INSERT INTO ai_prompts (name, version, content, content_hash, description,"
                " is_active) VALUES (%s, %s, %s, %s, %s, true)",
                (
                    name,
                    max(prompt.version, top + 1),
                    prompt.content,
                    prompt.content_hash,
                    prompt.description,
                ),
            )
            report.inserted.append(name)
    return report
