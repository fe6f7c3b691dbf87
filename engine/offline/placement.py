"""Where a change puts the step it adds: "before the Sheets step", "between X and Y", "after
the HTTP call", "right after the trigger".

A change to a workflow names the place of a new step by the steps around it, called by their
app ("the HubSpot step", "Sheets"), their kind ("the trigger", "the AI step", "the email", "the
HTTP call") or their name in the editor ("Append row in sheet"). This module reads that place
from the change's words and finds the nodes it names in the draft; the modifier
(``engine.offline.modify``) then wires the new step there instead of at the end. A place whose
words name no node of the workflow is no place: the modifier keeps its own default.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from engine.lexicon import (
    PLACE_AFTER,
    PLACE_BEFORE,
    PLACE_BETWEEN,
    PLACE_FIRST,
    STEP_KIND_WORDS,
    TRIGGER_WORD,
    VAGUE_FIRST_WORDS,
    VENDOR_OR_N8N_PREFIX,
)
from engine.offline.assemble import Draft
from indexing.catalog.load import load_catalog
from nodepilot.workflow import LC, STICKY_NOTE, is_sub_node_type


@dataclass(frozen=True)
class Place:
    """Where the new step goes: right ``after`` a node, right ``before`` one, or both (on the
    connection between them)."""

    after: str | None = None
    before: str | None = None


def _aliases(name: str, node_type: str) -> list[str]:
    """How a change may call a node: its name, its app's display name with and without the
    vendor or " Trigger", the app's distinctive first word, its type's short name."""
    cat = load_catalog()
    nv = cat.get(node_type) if cat.has_type(node_type) else None
    display = (nv.display_name if nv else "").lower()
    out = [name.lower()]
    if display:
        plain = display.removesuffix(" trigger")
        out += [display, plain, VENDOR_OR_N8N_PREFIX.sub("", plain)]
        first = plain.split()[0]
        if " " in plain and first not in VAGUE_FIRST_WORDS and len(first) > 2:
            out.append(first)
    out.append(node_type.split(".")[-1].removesuffix("Trigger").lower())
    return [a for a in dict.fromkeys(out) if a]


def _is_trigger(node_type: str) -> bool:
    cat = load_catalog()
    return cat.has_type(node_type) and cat.is_trigger(node_type)


def _kind_matches(kind: str, node_type: str) -> bool:
    if kind == "@trigger":
        return _is_trigger(node_type)
    if kind == "@ai":
        return node_type.startswith(LC) and not is_sub_node_type(
            node_type, load_catalog().is_sub_node(node_type)
        )
    return node_type == kind


def _by_kind(draft: Draft, text: str) -> tuple[int, str] | None:
    """(position, node) of the earliest kind word in ``text`` that some node of the draft is."""
    best: tuple[int, str] | None = None
    for words, kinds in STEP_KIND_WORDS:
        found = re.search(rf"(?<!\w)({words})(?!\w)", text, re.I)
        if found is None or (best is not None and found.start() >= best[0]):
            continue
        for kind in kinds:
            node = next((n["name"] for n in draft.nodes if _kind_matches(kind, n["type"])), None)
            if node is not None:
                best = (found.start(), node)
                break
    return best


def named_node(draft: Draft, text: str) -> str | None:
    """The node of ``draft`` that ``text`` ("the HubSpot step", "Append row in sheet", "the
    Gmail trigger", "the HTTP call") names: the earliest, then longest, alias found; an app's
    trigger only when "trigger" is said or the app has no other node; a kind word last."""
    low = text.lower()
    says_trigger = bool(TRIGGER_WORD.search(low))
    best: tuple[int, int, int, str] | None = None
    for node in draft.nodes:
        if node["type"] == STICKY_NOTE or is_sub_node_type(
            node["type"], load_catalog().is_sub_node(node["type"])
        ):
            continue
        rank = 0 if _is_trigger(node["type"]) == says_trigger else 1
        for alias in _aliases(node["name"], node["type"]):
            found = re.search(rf"(?<!\w){re.escape(alias)}(?:s|'s)?(?!\w)", low)
            if found is None:
                continue
            key = (rank, found.start(), -len(alias), node["name"])
            if best is None or key < best:
                best = key
    if best is not None:
        return best[3]
    by_kind = _by_kind(draft, text)
    return by_kind[1] if by_kind else None


def place_in(draft: Draft, text: str, new_at: int) -> Place | None:
    """The place ``text`` names for the step it mentions at ``new_at``: between two nodes,
    before one or after one (the first such phrase whose words name nodes of ``draft``, not
    the new step's own words), or first ("as the first step": after the trigger); None when
    it names none."""
    for found in PLACE_BETWEEN.finditer(text):
        a, b = named_node(draft, found.group("a")), named_node(draft, found.group("b"))
        if a and b and a != b:
            return Place(after=a, before=b)
    phrases = [(m, "before") for m in PLACE_BEFORE.finditer(text)]
    phrases += [(m, "after") for m in PLACE_AFTER.finditer(text)]
    for found, side in sorted(phrases, key=lambda p: p[0].start()):
        if found.start("x") <= new_at < found.end("x"):
            continue  # "before it publishes": the phrase is about the new step itself
        node = named_node(draft, found.group("x"))
        if node is not None:
            return Place(before=node) if side == "before" else Place(after=node)
    if PLACE_FIRST.search(text):
        trigger = next((n["name"] for n in draft.nodes if _is_trigger(n["type"])), None)
        return Place(after=trigger) if trigger else None
    return None
