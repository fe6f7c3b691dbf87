"""The LLM prompt files (``seeds/prompts/*.md``): parsed, checked, hashed.

Prompts are files (not strings in code) so they can be reviewed and versioned as text. Each has a
small front-matter block::

    ---
    name: intent_classification
    version: 1
    description: One line saying what the prompt is for.
    variables: [request, conversation]
    ---
    Body with {{request}} placeholders.

They live in the indexing layer because they are seeds like the tips and templates:
``nodepilot index`` stores them in ``ai_prompts`` (``indexing.prompt_sync``), and the engine
(``engine.prompts``) renders the versions in force. ``Prompt.render`` substitutes ``{{var}}`` in
one pass (a value that itself contains ``{{x}}`` is never expanded again, so request text cannot
inject template variables) and refuses missing or undeclared variables.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
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


def variables_problem(prompt: Prompt) -> str | None:
    """Why ``prompt`` cannot stand in for its file, or None: the code fills exactly the
    variables the file declares, so a version declaring others would fail every render.
    A name with no file has no such contract."""
    shipped = load_prompts().get(prompt.name)
    if shipped is None or set(prompt.variables) == set(shipped.variables):
        return None
    return (
        f"declares variables [{', '.join(prompt.variables)}]; "
        f"the code fills [{', '.join(shipped.variables)}]"
    )


def set_hash(prompts: Mapping[str, Prompt]) -> str:
    """One SHA-256 over every prompt's name and content hash (independent of the order)."""
    lines = "\n".join(f"{name}:{prompts[name].content_hash}" for name in sorted(prompts))
    return hashlib.sha256(lines.encode("utf-8")).hexdigest()


@lru_cache(maxsize=8)
def folder_set_hash(directory: Path = PROMPTS_DIR) -> str:
    """``set_hash`` of the prompt files in ``directory`` (cached like ``load_prompts``)."""
    return set_hash(load_prompts(directory))


def forget_prompt_files() -> None:
    """Forget the cached prompt files and hashes (after editing prompts in a running process)."""
    load_prompts.cache_clear()
    folder_set_hash.cache_clear()
