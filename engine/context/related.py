"""Node types worth a compact schema beside the spec's: the ones the request names by their
n8n name, the AI-tool twin (or base) of a spec type, the same vendor's other model nodes, and
the flow nodes most workflows use. The spec picks one reading; these keep a model's natural
alternatives ("the n8n node", an Ollama completion model instead of the chat model, an If
between steps) documented at the right version."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from indexing.catalog.load import load_catalog
from nodepilot.workflow import BASE, LC

#: Flow-control and data nodes public workflows use most, commonest first.
CORE_TYPES = tuple(
    BASE + t
    for t in (
        "set",
        "code",
        "if",
        "httpRequest",
        "merge",
        "splitOut",
        "noOp",
        "switch",
        "filter",
        "aggregate",
        "splitInBatches",
        "wait",
        "limit",
        "respondToWebhook",
        "dateTime",
        "extractFromFile",
        "markdown",
    )
)
_GENERIC_TAIL = re.compile(r"\s+(chat model|model|node)$")
_MODEL_PREFIXES = ("lmChat", "lm", "embeddings")


@lru_cache(maxsize=1)
def _names() -> tuple[re.Pattern[str], dict[str, list[str]]]:
    cat = load_catalog()
    by_phrase: dict[str, list[str]] = {}
    for t in cat.types(include_variants=False):
        nv = cat.get(t)
        if nv is None or nv.hidden:
            continue
        phrase = _GENERIC_TAIL.sub("", nv.display_name.lower().split(" (")[0]).strip()
        if len(phrase) >= 2:
            by_phrase.setdefault(phrase, []).append(t)
    alternatives = _by_first_letter(sorted(by_phrase, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.I), by_phrase


def _by_first_letter(phrases: list[str]) -> str:
    """The alternation of ``phrases`` (longest first, so the longest name at a place wins),
    factored by first letter: ``s(?:lack|heets)|g(?:mail)`` tries only the names that can
    start there, ~7x faster than trying all 500 at every place. Matches exactly what the flat
    alternation matches: a place's letter selects one group (first letters are distinct ASCII
    letters, and no character equals two of them ignoring case) and each group keeps the
    order. Any other first character: the flat alternation."""
    if any(not ("a" <= p[0] <= "z") or len(p) < 2 for p in phrases):
        return "|".join(re.escape(p) for p in phrases)
    groups: dict[str, list[str]] = {}
    for phrase in phrases:
        groups.setdefault(phrase[0], []).append(re.escape(phrase[1:]))
    return "|".join(f"{first}(?:{'|'.join(rests)})" for first, rests in groups.items())


def named_types(request: str, limit: int = 8) -> list[str]:
    """Node types whose n8n name the request uses ("with the n8n node", "via Ollama", "if")."""
    pattern, by_phrase = _names()
    return types_matched(pattern, by_phrase, request, limit)


def types_matched(
    pattern: re.Pattern[str], by_phrase: dict[str, list[str]], request: str, limit: int
) -> list[str]:
    """The types of the names ``pattern`` finds in ``request`` (in order, each once)."""
    out: list[str] = []
    for m in pattern.finditer(request):
        for t in by_phrase.get(m.group(0).lower(), ()):
            if t not in out:
                out.append(t)
    return out[:limit]


def twins(node_type: str) -> list[str]:
    """The AI-tool twin of a base type, or the base type of a tool twin (known types only)."""
    cat = load_catalog()
    other = node_type[: -len("Tool")] if node_type.endswith("Tool") else node_type + "Tool"
    return [other] if cat.has_type(other) else []


def vendor_models(node_type: str) -> list[str]:
    """The same vendor's other language-model nodes (``lmChatOllama`` -> ``lmOllama``)."""
    if not node_type.startswith(LC):
        return []
    short = node_type[len(LC) :]
    vendor = next((short[len(p) :] for p in _MODEL_PREFIXES if short.startswith(p)), "")
    if not vendor or not vendor[:1].isupper():
        return []
    cat = load_catalog()
    out = []
    for prefix in ("lmChat", "lm"):
        t = LC + prefix + vendor
        if t != node_type and cat.has_type(t):
            out.append(t)
    return out


def app_trigger(node_type: str) -> list[str]:
    """The app's own trigger (``telegram`` -> ``telegramTrigger``), when n8n has one."""
    base = node_type[: -len("Tool")] if node_type.endswith("Tool") else node_type
    trigger = base + "Trigger"
    return [trigger] if not base.endswith("Trigger") and load_catalog().has_type(trigger) else []


def related_types(request: str, spec_types: Iterable[str], uses_ai: bool) -> list[str]:
    """Named types first, then twins (tool twins only when an agent can use them), vendor
    models and app triggers of the spec's types, and the Chat Trigger for an AI workflow (the
    spec's trigger is a reading too: "check every message in the Telegram group")."""
    out = named_types(request)
    for t in spec_types:
        for twin in twins(t):
            if uses_ai or not twin.endswith("Tool"):
                out.append(twin)
        out += vendor_models(t) + app_trigger(t)
    if uses_ai:
        out.append(LC + "chatTrigger")
    return list(dict.fromkeys(out))
