"""Every way to start a workflow that a request names, when it names more than one.

Why: "on a form submission or every night", "two entry points: a webhook and a daily
schedule", "several times a day (and a button to run it by hand)" want one trigger node per
entry point, all feeding the same first step - n8n runs a workflow from whichever fires. The
spec keeps one primary trigger (``Spec.trigger``); this module reads the others from the same
entities, so a generator can add them next to it. Nothing is added unless the request says it
has several starts (``lexicon.MULTI_START``): "when a form is submitted, email me every night"
names one start and one schedule-like phrase, not two entry points.
"""

from __future__ import annotations

from collections.abc import Sequence

from engine.implied_start import ruled_out_start
from engine.intent.entities import extract_entities
from engine.intent.names import message_trigger_for
from engine.lexicon import (
    BUTTON,
    JOINED_APP_START,
    LIST_ITEM_AFTER_OR,
    MANUAL,
    MANUAL_START,
    MULTI_START,
    ON_DEMAND_VIA,
    START_WORDS,
    TRIGGER_TYPES,
)
from engine.types import Entity, TriggerSpec


def entry_points(
    request: str, primary: TriggerSpec, entities: Sequence[Entity] | None = None
) -> tuple[TriggerSpec, ...]:
    """The primary trigger, then each further start the request names, in the order written
    (one per trigger type); just ``(primary,)`` when it names one start."""
    if not isinstance(request, str) or not MULTI_START.search(request):
        return (primary,)
    found = list(entities) if entities is not None else list(extract_entities(request))
    out = [primary]
    for e in sorted(found, key=lambda e: request.find(e.span) if e.span else len(request)):
        start = _start_of(e, found)
        at = request.find(e.span or "\0")
        if start is not None and _ruled_out(request, at, len(e.span or "")):
            continue  # "do not bother with a chat trigger or a form"
        if start is not None and all(t.node_type != start.node_type for t in out):
            out.append(start)
    for start in _joined_app_starts(request, found):
        if all(t.node_type != start.node_type for t in out):
            out.append(start)
    for kind, word in START_WORDS:
        node_type = TRIGGER_TYPES[kind]
        said = [
            hit
            for hit in word.finditer(request)
            if not _ruled_out(request, hit.start(), len(hit.group(0)))
        ]
        if said and all(t.node_type != node_type for t in out):
            out.append(TriggerSpec(kind, node_type))
    manual = TriggerSpec("manual", TRIGGER_TYPES["manual"])
    said = ON_DEMAND_VIA.sub(" ", request)  # "on demand through a webhook" is no button
    if any(cue.search(said) for cue in (MANUAL_START, MANUAL, BUTTON)) and all(
        t.node_type != manual.node_type for t in out
    ):
        out.append(manual)
    return tuple(out)


def _ruled_out(request: str, at: int, size: int) -> bool:
    """The words before the start said at ``request[at:at + size]`` refuse it ("don't bother
    with a chat trigger or a form": both are ruled out - the negation's list runs on through
    "or"; ``ruled_out_start``)."""
    if at < 0:
        return False
    if ruled_out_start(request, at, at + size, reach=60):
        return True
    item = LIST_ITEM_AFTER_OR.search(request, max(0, at - 60), at)
    return bool(item and ruled_out_start(request, item.start(), at + size, reach=60))


def _joined_app_starts(request: str, entities: Sequence[Entity]) -> list[TriggerSpec]:
    """Messaging apps named as one of the starts ("kick it off either from Telegram or daily",
    "both a weekly schedule and a Slack message in #refresh"): each one's message trigger.
    Which apps start on a message is the catalog's answer (``message_trigger_for``)."""
    out = []
    for e in entities:
        if e.kind != "app" or not e.node_type or not e.span:
            continue
        trig = message_trigger_for(e.node_type)
        at = request.find(e.span)
        if trig and at >= 0 and JOINED_APP_START.search(request[max(0, at - 40) : at]):
            out.append(TriggerSpec("app", trig, app_event="message received"))
    return out


def _start_of(entity: Entity, entities: Sequence[Entity]) -> TriggerSpec | None:
    """The trigger a trigger entity stands for (a schedule carries its parsed schedule)."""
    if entity.kind != "trigger":
        return None
    value = entity.value or {}
    kind = str(value.get("kind") or "app")
    node_type = entity.node_type or TRIGGER_TYPES.get(kind)
    if node_type is None:
        return None
    if node_type == TRIGGER_TYPES["schedule"]:
        schedule = next((e.value for e in entities if e.kind == "schedule" and e.value), None)
        return TriggerSpec("schedule", node_type, schedule=schedule)
    event = value.get("event")
    return TriggerSpec(kind, node_type, app_event=str(event) if event else None)
