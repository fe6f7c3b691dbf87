"""'Only keep the ones over $500', 'skip the ones where ...', 'ignore any without ...': a
Filter step the request asks for in passing.

Without this rule "every morning pull yesterday's Stripe charges, only keep the ones over
$500 and add them to a sheet" copies every charge: the request names no IF ("only if" is the
spec's branch), so nothing between the read and the write drops the others. People say it in
many ways - "only keep", "keep only", "just the ones that", "skip the ones where", "ignore any
without", "filter out deals under 5k", "exclude tickets tagged" - always a verb that keeps or
drops some of the items, and usually a qualifier saying which (that, where, with, without,
over, under, marked, tagged, owned by ...).

* Where: before the first step that does something with the items (writes, sends, an AI
  step), after the reads that fetch them; right after the trigger when the first step acts.
* What: n8n's Filter node (items that fail its conditions are dropped, no branch to wire),
  its condition read from the qualifier (``engine.offline.nodes.filter_params``); a drop
  ("skip the ones where the score is below 7") keeps the items that fail the qualifier, so
  its condition is turned round ("score >= 7").
* Not: when the workflow already branches (an IF, a Filter, a Switch), for items already seen
  ("drop the ones already handled" is a de-duplication), for an error workflow, a chat.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from engine.lexicon import (
    DROP_SOME,
    FILTER_CLAUSE_END,
    FILTER_LEAD,
    FILTER_PRONOUNS,
    HANDLED_BEFORE,
    IS_BEFORE_COMPARISON,
    KEEP_SOME,
    MADE_BY_PHRASE,
    MADE_BY_WORDS,
    MARK_AS,
    MONEY_AMOUNT,
    NEGATED_CONDITION,
    OWN_WORDS,
    READING_OPERATIONS,
    TOPIC_WORDS,
    WHICH_ITEMS,
)
from engine.offline.nodes import filter_params
from engine.offline.operations import operation_verb
from engine.types import Spec, StepSpec
from nodepilot.workflow import BASE, LC

FILTER = BASE + "filter"
#: Steps that already choose which items go on.
_CHOOSERS = frozenset({BASE + "if", BASE + "filter", BASE + "switch", LC + "textClassifier"})
#: Each n8n filter operation and the one that keeps exactly the other items.
_OPPOSITE = {
    "gt": "lte", "gte": "lt", "lt": "gte", "lte": "gt", "equals": "notEquals",
    "notEquals": "equals", "exists": "notExists", "notExists": "exists", "empty": "notEmpty",
    "notEmpty": "empty", "contains": "notContains", "notContains": "contains",
}  # fmt: skip


@dataclasses.dataclass(frozen=True)
class KeepSome:
    """Which items the request keeps: the words saying so, and whether they name the items
    dropped ("skip the ones where ...") rather than those kept."""

    words: str
    drops: bool


def keep_some(request: str) -> KeepSome | None:
    """The first place the request keeps or drops some of its items (``KEEP_SOME``,
    ``DROP_SOME``), with the clause that says which; None when it says none (or only drops
    items handled before: a de-duplication)."""
    found = [(m, False) for m in KEEP_SOME.finditer(request)]
    found += [(m, True) for m in DROP_SOME.finditer(request)]
    for match, drops in sorted(found, key=lambda f: f[0].start()):
        end = FILTER_CLAUSE_END.search(request, match.end())
        words = request[match.start() : end.start() if end else len(request)][:160]
        if HANDLED_BEFORE.search(words):
            continue
        return KeepSome(words.strip(), drops)
    return None


def _turned_round(condition: dict[str, Any]) -> dict[str, Any]:
    """The condition that keeps exactly the items ``condition`` drops."""
    operator = dict(condition.get("operator") or {})
    operation = operator.get("operation", "")
    operator["operation"] = _OPPOSITE.get(operation, operation)
    return {**condition, "operator": operator}


#: "with status 'pending'": a field and a quoted value, read as "status is 'pending'".
_FIELD_VALUE = re.compile(r"^([a-z_]+)\s+(?=['\"])", re.I)
_THOUSANDS = re.compile(r"(\d+(?:\.\d+)?)\s*k\b", re.I)


def _condition_words(keep: KeepSome) -> tuple[str, bool]:
    """The words of the condition (from the qualifier on, after the items' noun: "deals under
    5k", "the score below 7", "email address") and whether they are negated ("without an
    email address", "not marked")."""
    which = WHICH_ITEMS.search(keep.words)
    if which is None:
        verb = re.match(r"\W*(?:\w+\s+){1,2}", keep.words)
        return keep.words[verb.end() if verb else 0 :], False
    noun = [w for w in re.findall(r"[\w'-]+", keep.words[: which.start()])[-1:]]
    if MONEY_AMOUNT.search(keep.words):
        noun = ["amount"]
    elif noun and noun[0].lower() in FILTER_PRONOUNS:
        noun = ["value"]
    rest = _THOUSANDS.sub(
        lambda k: str(round(float(k.group(1)) * 1000)), keep.words[which.start() :]
    )
    negated = bool(NEGATED_CONDITION.search(rest[: len(which.group(0)) + 12]))
    rest = NEGATED_CONDITION.sub(" ", FILTER_LEAD.sub("", rest)).strip()
    by = MADE_BY_PHRASE.match(rest)
    if by:
        field = MADE_BY_WORDS.get(by.group(1).lower(), "sender")
        said = [w for w in re.findall(r"[\w.@-]+", rest[by.end() :]) if w.lower() not in OWN_WORDS]
        return f"{field} contains {said[0] if said else 'x'}", negated
    rest = _FIELD_VALUE.sub(r"\1 is ", rest)
    rest = TOPIC_WORDS.sub("content contains ", MARK_AS.sub(r"\1 ", rest))
    rest = IS_BEFORE_COMPARISON.sub("", rest)
    if not re.search(r"\d", rest):
        noun = []  # the noun is no field: the qualifier names it ("email address", "status")
    return re.sub(r"\s+", " ", " ".join([*noun, rest])).strip(), negated


def filter_step(keep: KeepSome, key: str) -> StepSpec:
    """The Filter step keeping what ``keep`` says: its condition read from the words, turned
    round when they name what is dropped (a negation in them turns it once more)."""
    words, negated = _condition_words(keep)
    conditions = filter_params(words, key)["conditions"]
    if keep.drops != negated:
        turned = [_turned_round(c) for c in conditions["conditions"]]
        conditions = {**conditions, "conditions": turned}
    purpose = f"Keep only the items asked for ({keep.words[:80]})"
    return StepSpec(FILTER, purpose, parameters={"condition": words, "conditions": conditions})


def _acts(step: StepSpec) -> bool:
    """The step does something with the items (writes, sends, an AI step), not only fetches."""
    if step.node_type in (BASE + "rssFeedRead",) or (
        step.node_type == BASE + "httpRequest" and not step.parameters.get("@write")
    ):
        return False
    return operation_verb(step.operation) not in READING_OPERATIONS or step.operation is None


def with_filter_step(spec: Spec, steps: list[StepSpec], ai_placed: bool) -> list[StepSpec]:
    """``steps`` with the Filter the request asks for (``keep_some``) before the first step
    that acts on the items; unchanged when the request keeps all of them or already chooses
    (a branch, an IF, a Filter, a classifier), for an error workflow or a chat, and when the
    spec's AI step is not among the steps yet and nothing places it (``ai_placed``: the
    generator would put it first, before the Filter, whether it reads the kept items or
    writes what the Filter reads)."""
    if not steps or spec.branching != "none" or spec.trigger.kind in ("error", "chat"):
        return steps
    ai = spec.ai
    if ai and not ai_placed and not any(s.node_type == ai.root for s in steps):
        return steps
    if any(s.branch is not None or s.node_type in _CHOOSERS for s in steps):
        return steps
    keep = keep_some(spec.request)
    if keep is None:
        return steps
    # before the first step that acts; after the source when every step reads
    at = next((i for i, s in enumerate(steps) if _acts(s)), min(1, len(steps)))
    step = filter_step(keep, f"{spec.request}\x1f{FILTER}")
    return [*steps[:at], step, *steps[at:]]
