"""Steps a request asks for after the others, on the record or the caller that started the run.

Families the spec's steps leave out:

* **The record, later** ("when a Trello card is moved to Done, archive it after 7 days", "when a
  Slack message is posted in #alerts, delete it a day later"): the request names only the
  trigger's app, so the spec had the trigger (and at most a Wait). The run waits that long and
  then the trigger's own app archives, deletes or updates the record - the operation read from
  n8n's catalog for that app's resource (an app with no "archive" operation updates it, as
  Trello's card does with its "closed" flag).
* **The caller's answer** ("a webhook receives a SKU; check the stock and answer with in_stock
  true or false", "send back their lifecycle stage", "returns the temperature to the caller"):
  a Webhook trigger whose request asks for an answer ends with a Respond to Webhook node (the
  generator then sets the Webhook's ``responseMode`` to ``responseNode``).

* **A note on the record** ("when a Trello card is created, summarise it and add the summary as
  a comment on the card"): the trigger's app adds the comment or note (``with_note_on_record``).

None applies when the steps already hold it (a Wait followed by the app's step; a Respond
node), nor without its trigger (a schedule that archives cards is an ordinary step).
"""

from __future__ import annotations

import dataclasses
import re

from engine.lexicon import (
    ANSWER_TO_CALLER,
    BY_A_MODEL,
    DURATION,
    LATER_RECORD_ACTION,
    LATER_RECORD_ACTIONS,
    NOTE_ON_RECORD,
    NOTE_OPERATIONS,
    NOTE_PUT_ELSEWHERE,
    WRITE_BACK,
    WRITTEN_ELSEWHERE,
)
from engine.offline.flow_steps import WAIT, wait_parameters
from engine.offline.operations import candidates, choose_operation
from engine.types import Spec, StepSpec
from indexing.catalog.load import load_catalog
from nodepilot.workflow import BASE

RESPOND = BASE + "respondToWebhook"
WEBHOOK = BASE + "webhook"


def _trigger_app(spec: Spec) -> str | None:
    """The app node of the run's trigger ("…trelloTrigger" -> "…trello"), None for a trigger
    of no app (schedule, webhook, form, chat, manual)."""
    trigger = spec.trigger.node_type or ""
    if not trigger.endswith("Trigger"):
        return None
    app = trigger[: -len("Trigger")]
    cat = load_catalog()
    return app if cat.has_type(app) and not cat.is_trigger(app) else None


def _by_words(app: str, request: str, operations: tuple[str, ...]) -> list[str | None]:
    """The app's resources offering one of ``operations``, those whose words the request
    says most first ("database page" -> Notion's databasePage)."""
    words = set(re.findall(r"[a-z]+", request.lower()))
    offering = [c for c in candidates(app) if c.operation in operations]
    ranked = sorted(offering, key=lambda c: -len(c.nouns & words))
    return [c.resource for c in ranked if c.nouns & words]


def _record_step(app: str, request: str, verb: str) -> StepSpec | None:
    """The app's step doing ``verb`` to the record: the resource ``choose_operation`` reads
    from the request (or one the request names), the first of the verb's operations that
    resource offers."""
    resource, _ = choose_operation(app, request)
    offered = {(c.resource, c.operation) for c in candidates(app)}
    named = [c.resource for c in candidates(app) if c.resource and re.search(
        r"\b" + re.escape(c.resource) + r"s?\b", request, re.I)]  # fmt: skip
    by_words = _by_words(app, request, LATER_RECORD_ACTIONS[verb.lower()])
    for res in dict.fromkeys([*named, resource, *by_words]):
        for operation in LATER_RECORD_ACTIONS[verb.lower()]:
            if (res, operation) in offered:
                return StepSpec(app, purpose=f"{verb} the record", resource=res,
                                operation=operation)  # fmt: skip
    return None


def with_record_later(spec: Spec, steps: list[StepSpec]) -> list[StepSpec]:
    """``steps`` with the Wait and the trigger app's action on the record the request asks for
    "<duration> later" (see the module docstring); unchanged when the app's step already
    follows a Wait, or the steps branch."""
    app = _trigger_app(spec)
    found = LATER_RECORD_ACTION.search(spec.request) if app else None
    if app is None or found is None or any(s.branch is not None for s in steps):
        return steps
    waits = [i for i, s in enumerate(steps) if s.node_type == WAIT]
    if waits and any(s.node_type == app for s in steps[waits[0] :]):
        return steps
    verb = found.group("verb") or found.group("verb2")
    step = _record_step(app, spec.request, verb)
    if step is None:
        return steps
    when = found.group("when") or found.group("when2")
    if waits:
        at = waits[0] + 1
        return [*steps[:at], step, *steps[at:]]
    if DURATION.search(when) is None:
        return steps
    wait = StepSpec(WAIT, purpose=when, parameters=wait_parameters(when))
    return [*steps, wait, step]


def with_answer_to_caller(spec: Spec, steps: list[StepSpec]) -> list[StepSpec]:
    """``steps`` ending with a Respond to Webhook node when a Webhook trigger's request asks to
    answer the caller and no step does yet."""
    if spec.trigger.node_type != WEBHOOK or any(s.node_type == RESPOND for s in steps):
        return steps
    found = next(
        (
            f
            for f in ANSWER_TO_CALLER.finditer(spec.request)
            if not BY_A_MODEL.match(spec.request, f.end())
        ),
        None,
    )
    if found is None:
        return steps
    return [*steps, StepSpec(RESPOND, purpose=spec.request[found.start() : found.start() + 80])]


def _names_the_record(app: str, request: str, found: re.Match[str]) -> bool:
    """The words name the record that started the run: "write it back" with no place, or a
    place/object that is one of the app's resources' words and was named before ("when a
    Zendesk ticket is created ... tag the ticket"; not "... back into the sheet" after a
    Drive trigger, nor "update that workflow in n8n" after a GitHub one)."""
    if WRITTEN_ELSEWHERE.match(request, found.end()):
        return False  # "update that workflow in n8n", "back to HubSpot": another app's
    said = found.group("place") or found.group("object") or found.group("target")
    if said is None:
        return True
    word = said.lower().rstrip("s")
    if word in ("record", "item", "entry", "one"):
        return True
    nouns = {n.rstrip("s") for c in candidates(app) for n in c.nouns}
    before = {w.rstrip("s") for w in re.findall(r"[a-z]+", request[: found.start()].lower())}
    return word in nouns and word in before


def with_note_on_record(spec: Spec, steps: list[StepSpec]) -> list[StepSpec]:
    """``steps`` ending with the trigger's app adding a note or comment to the record that
    started the run when the request puts what the run wrote there (``NOTE_ON_RECORD``: "add
    the summary as a comment on the card", "log it as a note on the deal"): without it the
    summary was written and then dropped. The app's operation that adds a comment or note to
    that record (Trello's card comment, Jira's issue comment, HubSpot's engagement, GitHub's
    "create comment"), read from the catalog; else its update of the record. Unchanged when
    the app has a step already, the steps branch, or the record named is not the app's."""
    app = _trigger_app(spec)
    found = NOTE_ON_RECORD.search(spec.request) if app else None
    if app is None or found is None or any(s.branch is not None for s in steps):
        return steps
    if any(s.node_type == app for s in steps):
        return steps
    record = (found.group("record") or "").lower().rstrip("s")
    if not record and NOTE_PUT_ELSEWHERE.match(spec.request, found.end()):
        return steps  # "save it as a note in Notion": the note goes elsewhere (HR13)
    nouns = {n.rstrip("s") for c in candidates(app) for n in c.nouns}
    if record and record not in nouns and record not in ("record", "item", "one"):
        return steps  # "... as a note on the Notion page": another app's record
    step = _note_step(app, found.group("kind").lower(), record) or _record_step(
        app, spec.request, "update"
    )
    if step is None:
        return steps
    purpose = spec.request[found.start() : found.start() + 80]
    return [*steps, dataclasses.replace(step, purpose=purpose)]


def _note_step(app: str, kind: str, record: str) -> StepSpec | None:
    """The app's step adding a ``kind`` ("note", "comment") to ``record``: an operation of
    ``NOTE_OPERATIONS`` on a resource named for notes or comments (or engagements), or named
    so itself ("createComment"); one whose words name the record first."""
    found = []
    for c in candidates(app):
        op, res = c.operation or "", (c.resource or "").lower()
        if op not in NOTE_OPERATIONS:
            continue
        said = f"{res} {op.lower()}"
        if not any(w in said for w in (kind, "comment", "note", "engagement")):
            continue
        found.append((record in {n.rstrip("s") for n in c.nouns}, kind in said, c))
    if not found:
        return None
    best = max(found, key=lambda f: (f[0], f[1]))[2]
    return StepSpec(app, f"add a {kind}", resource=best.resource, operation=best.operation)


def with_write_back(spec: Spec, steps: list[StepSpec]) -> list[StepSpec]:
    """``steps`` ending with the trigger's app updating the record that started the run when
    the request writes a result back onto it (``WRITE_BACK``). Unchanged when the steps
    branch, the app has a step already (what it does is the operation choice's to read: a
    blind case where that step was right lost it when this rule rewrote it), or the app offers
    no update of the record."""
    app = _trigger_app(spec)
    found = WRITE_BACK.search(spec.request) if app else None
    if app is None or found is None or not _names_the_record(app, spec.request, found):
        return steps
    if any(s.branch is not None for s in steps) or not steps:
        return steps
    if any(s.node_type == app for s in steps):
        return steps
    step = _record_step(app, spec.request, "update")
    if step is None:
        return steps
    step = dataclasses.replace(step, purpose=spec.request[found.start() : found.start() + 80])
    return [*steps, step]
