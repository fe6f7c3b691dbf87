"""Counts that describe a dataset (the dataset card's tables), as text, JSON or Markdown.

Kept apart from the loader so the card is generated from the data, never typed by hand.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from typing import Any

from eval.datasets import DIFFICULTIES, INTENTS, SPLITS, Case

#: Row order for trigger kinds in the tables (unknown kinds follow, alphabetically).
TRIGGER_KIND_ORDER = (
    "schedule",
    "webhook",
    "form",
    "chat",
    "app",
    "manual",
    "subworkflow",
    "error",
    "mcp",
    "other",
)


def _ordered(counter: Counter[str], order: Sequence[str]) -> dict[str, int]:
    keys = [k for k in order if k in counter] + sorted(k for k in counter if k not in order)
    return {k: counter[k] for k in keys}


def _source_kind(source: str) -> str:
    if source == "authored":
        return "authored"
    for sep in ("@", ":", "#"):
        if sep in source:
            return source.split(sep, 1)[0]
    return source


def dataset_stats(cases: Sequence[Case]) -> dict[str, Any]:
    """Counts by intent, split, intent x split, difficulty, trigger kind, AI use and source.

    Trigger kind and AI use count only workflow cases (they describe the expected workflow).
    """
    workflows = [c for c in cases if c.expected is not None]
    by_intent_split: dict[str, dict[str, int]] = {}
    for intent in INTENTS:
        row = Counter(c.split for c in cases if c.intent == intent)
        if row:
            by_intent_split[intent] = {s: row.get(s, 0) for s in SPLITS}
    return {
        "total": len(cases),
        "by_intent": _ordered(Counter(c.intent for c in cases), INTENTS),
        "by_split": _ordered(Counter(c.split for c in cases), SPLITS),
        "by_intent_split": by_intent_split,
        "by_difficulty": _ordered(Counter(c.difficulty for c in cases), DIFFICULTIES),
        "workflow_cases": len(workflows),
        "by_trigger_kind": _ordered(
            Counter(c.trigger_kind or "other" for c in workflows), TRIGGER_KIND_ORDER
        ),
        "by_ai": _ordered(
            Counter("AI" if c.uses_ai else "non-AI" for c in workflows), ("AI", "non-AI")
        ),
        "by_intent_category": {
            intent: dict(
                Counter(c.category or "(none)" for c in cases if c.intent == intent).most_common()
            )
            for intent in INTENTS
            if any(c.intent == intent for c in cases)
        },
        "by_source": _ordered(Counter(_source_kind(c.source) for c in cases), ()),
    }


_TITLES = {
    "by_intent": ("Intent", "Cases by intent"),
    "by_split": ("Split", "Cases by split"),
    "by_difficulty": ("Difficulty", "Cases by difficulty"),
    "by_trigger_kind": ("Trigger kind", "Workflow cases by trigger kind"),
    "by_ai": ("AI use", "Workflow cases by AI use"),
    "by_source": ("Source", "Cases by source"),
}


def format_json(stats: dict[str, Any]) -> str:
    return json.dumps(stats, indent=2)


def format_markdown(stats: dict[str, Any]) -> str:
    """Markdown tables for the dataset card."""
    out = [f"Total cases: **{stats['total']}** (workflow cases: {stats['workflow_cases']})", ""]
    out += ["#### Cases by intent and split", ""]
    out.append("| Intent | " + " | ".join(SPLITS) + " | total |")
    out.append("|---|" + "---:|" * (len(SPLITS) + 1))
    for intent, row in stats["by_intent_split"].items():
        cells = " | ".join(str(row[s]) for s in SPLITS)
        out.append(f"| {intent} | {cells} | {sum(row.values())} |")
    totals = " | ".join(str(stats["by_split"].get(s, 0)) for s in SPLITS)
    out.append(f"| **all** | {totals} | {stats['total']} |")
    out.append("")
    for key in ("by_difficulty", "by_trigger_kind", "by_ai", "by_source"):
        label, title = _TITLES[key]
        counts: dict[str, int] = stats[key]
        if not counts:
            continue
        total = sum(counts.values())
        out += [f"#### {title}", "", f"| {label} | cases | share |", "|---|---:|---:|"]
        out += [f"| {k} | {v} | {100 * v / total:.1f}% |" for k, v in counts.items()]
        out.append("")
    out += [
        "#### Cases by intent and category",
        "",
        "| Intent | category | cases |",
        "|---|---|---:|",
    ]
    for intent, counts in stats["by_intent_category"].items():
        out += [f"| {intent} | {k} | {v} |" for k, v in counts.items()]
    return "\n".join(out).rstrip() + "\n"


def format_text(stats: dict[str, Any]) -> str:
    """Plain aligned columns for a terminal."""
    out = [f"total: {stats['total']}  (workflow cases: {stats['workflow_cases']})"]
    out.append("")
    header = f"{'intent':<24}" + "".join(f"{s:>7}" for s in SPLITS) + f"{'total':>7}"
    out.append(header)
    for intent, row in stats["by_intent_split"].items():
        cells = "".join(f"{row[s]:>7}" for s in SPLITS)
        out.append(f"{intent:<24}{cells}{sum(row.values()):>7}")
    cells = "".join(f"{stats['by_split'].get(s, 0):>7}" for s in SPLITS)
    out.append(f"{'all':<24}{cells}{stats['total']:>7}")
    for key in ("by_difficulty", "by_trigger_kind", "by_ai", "by_source"):
        label, _ = _TITLES[key]
        if not stats[key]:
            continue
        out += ["", label.lower() + ":"]
        out += [f"  {k:<22}{v:>7}" for k, v in stats[key].items()]
    for intent, counts in stats["by_intent_category"].items():
        out += ["", f"category ({intent}):"]
        out += [f"  {k:<22}{v:>7}" for k, v in counts.items()]
    return "\n".join(out) + "\n"


BEGIN_MARK = "<!-- stats:begin -->"
END_MARK = "<!-- stats:end -->"


def card_block(text: str) -> str | None:
    """The generated part of a dataset card (between the stats markers), or None if unmarked."""
    start, end = text.find(BEGIN_MARK), text.find(END_MARK)
    if start < 0 or end < start:
        return None
    return text[start + len(BEGIN_MARK) : end].strip("\n")


def replace_card_block(text: str, markdown: str) -> str:
    """``text`` with the block between the stats markers replaced by ``markdown``."""
    if card_block(text) is None:
        raise ValueError(f"no {BEGIN_MARK} ... {END_MARK} block")
    start, end = text.find(BEGIN_MARK) + len(BEGIN_MARK), text.find(END_MARK)
    return text[:start] + "\n" + markdown.strip("\n") + "\n" + text[end:]


FORMATTERS = {"text": format_text, "json": format_json, "markdown": format_markdown}
