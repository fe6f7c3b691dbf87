"""The app node or its HTTP Request stand-in: the steps that do what a request asks of an app.

When the named app's node has no operation for what is asked (``node_gaps``), the step becomes
an HTTP Request authenticated with the app's credential (``api_credentials``); the node stays
beside it when the request asks it for something it can do too. The names other layers import
from here (the spec view, the modifier) are re-exported below.
"""

from __future__ import annotations

import re
from dataclasses import replace

from engine.lexicon import (
    CLAUSE_MARK_OR_THEN,
    CUT_BEFORE_ANOTHER_APP,
    EVENT_CLAUSE_WORDS,
    EVENT_LEAD_BEFORE_APP,
    EVENT_VERBS_AFTER_OBJECT,
    NAMES_ITS_API,
    app_name_not_its_api,
)
from engine.offline.api_call_shape import api_method, call_method, object_path, shaped_hints
from engine.offline.api_credentials import (
    HTTP_REQUEST,
    api_base_url,
    api_call,
    proxy_credential,
)
from engine.offline.app_naming import another_actor, app_names, clause_at, is_place, namings
from engine.offline.asked_object import asked_object
from engine.offline.clause_reader import clause_object
from engine.offline.clause_words import PHRASE_END, is_object_noun, object_action
from engine.offline.implied_calls import implied_call, on_record, trigger_only_calls
from engine.offline.near_object import also_asked
from engine.offline.node_gaps import drops_something, missing_operation
from engine.offline.node_vocabulary import known_to_node
from engine.offline.operations import choose_operation, words
from engine.offline.tool_stand_ins import tool_stand_in_for
from engine.types import StepSpec

#: What the spec view, the modifier and their tests import from here (defined in the modules
#: this one was split into), besides the stand-in functions below.
__all__ = [
    "HTTP_REQUEST",
    "another_actor",
    "api_base_url",
    "app_steps",
    "asked_object",
    "asks_node",
    "clause_object",
    "drops_something",
    "known_to_node",
    "later_use",
    "missing_operation",
    "proxy_credential",
    "stand_in_at",
    "stand_in_for",
    "tool_stand_in_for",
    "trigger_only_calls",
]


def api_stand_in(step: StepSpec, before: str, after: str) -> StepSpec:
    """``step`` itself, or - when its app's node has no operation for what the clause asks
    (``missing_operation``) - an HTTP Request step that calls the app's API with the app's
    credential. The step keeps its purpose and hints; ``@api`` names the app node,
    ``@credential`` its credential type, ``@object`` the object asked for and ``@write``
    whether the call changes something (the node's best operation was not a read)."""
    noun = missing_operation(step.node_type, before, after)
    call = (
        api_call(step.node_type, object_path(before, after, noun, step.node_type), False)
        if noun
        else None
    )
    if call is None:
        return step
    params = dict(step.parameters)
    params.update(shaped_hints(call, before, after))
    return StepSpec(HTTP_REQUEST, purpose=step.purpose, parameters=params, branch=step.branch)


def stand_in_for(step: StepSpec) -> StepSpec:
    """``api_stand_in`` for a step whose clause is its ``purpose`` (the spec writes the clause
    around the app's name there): the text before and after each naming of the app, the
    first that asks for something the node lacks."""
    if not step.purpose or proxy_credential(step.node_type) is None:
        return step
    for start, end in namings(step.node_type, step.purpose):
        stand_in = api_stand_in(step, step.purpose[:start], step.purpose[end:])
        if stand_in is not step:
            return stand_in
    return step


def later_use(step: StepSpec, request: str) -> StepSpec | None:
    """The app node's own step when the request names the app again after the clause whose
    object the node lacks ("get my YouTube subscriptions from its API ..., then get the video
    details with the YouTube node"): the spec keeps one step per app, so the stand-in would
    otherwise take the node's place for both. None when the app is named once, or when the
    later clause asks for something the node lacks too."""
    low, piece = request.lower(), step.purpose.lower()
    start = low.find(piece) if piece else -1
    if start < 0:
        return None
    for name in app_names(step.node_type):
        # "the YouTube API" is the stand-in's own call, not a use of the node
        named = app_name_not_its_api(name)
        m = named.search(low, start + len(piece))
        if m is None:
            continue
        clause_start = max(low.rfind(mark, 0, m.start()) for mark in (",", ";", ".", "\n"))
        before = request[max(clause_start + 1, m.start() - 80) : m.start()]
        after = re.split(r"[,;.\n]", request[m.end() : m.end() + 60])[0]
        if missing_operation(step.node_type, before, after) or is_place(before, after):
            return None
        res, op = choose_operation(step.node_type, before, after)
        purpose = (before + request[m.start() : m.end()] + after).strip()
        return StepSpec(step.node_type, purpose=purpose, resource=res, operation=op)
    return None


def stand_in_at(node_type: str, text: str, pos: int) -> StepSpec | None:
    """``api_stand_in`` for the app named at ``pos`` of ``text`` (a change request adding the
    app: "also pull the Stripe refunds into the sheet"); None when the name is not there or
    the node can do what is asked."""
    low = text.lower()
    for name in app_names(node_type):
        if low.startswith(name.lower(), pos):
            end = pos + len(name)
            before, after = clause_at(text, pos, end)
            step = StepSpec(node_type, purpose=(before + text[pos:end] + after).strip())
            stand_in = api_stand_in(step, before, after)
            return stand_in if stand_in is not step else None
    return None


def _polled_stand_in(step: StepSpec, clauses: list[tuple[str, str]]) -> StepSpec:
    """The stand-in for an app the workflow polls ("when a new Intercom conversation starts":
    a schedule, then a read) when the object of the event is one the node cannot read; the
    step itself otherwise."""
    verb = (step.operation or "").lower()
    if not (verb.startswith("get") or verb in ("list", "search")):
        return step
    for before, after in clauses:
        if not EVENT_LEAD_BEFORE_APP.search(before):
            continue
        head = []
        for word in words(after)[:4]:
            if word in EVENT_VERBS_AFTER_OBJECT or word in PHRASE_END:
                break
            head.append(word)
        if (
            head
            and is_object_noun(head[-1])
            and not any(known_to_node(step.node_type, w) for w in head)
        ):
            return api_stand_in(step, "get all ", " " + " ".join(head))
    return step


def asks_node(node_type: str, before: str, after: str) -> bool:
    """The clause around a naming asks the app node itself for something it can do: an action
    governs the naming ("get the Stripe customers", "create the contact in HubSpot", "add it
    to Stripe"), not only an event ("when a HubSpot deal closes")."""
    missing = missing_operation(node_type, before, after)
    if missing:  # "an item on the <monday.com> board plus one subitem": the item is the node's
        return missing == also_asked(node_type, after)
    if is_place(before, after) or NAMES_ITS_API.match(after):
        return False  # "the Stripe API ...": a call the request names, not the node
    return bool(asked_object(before, after)) or object_action(before) is not None


def _with_write_from(
    stand_in: StepSpec, node_type: str, clauses: list[tuple[str, str]]
) -> StepSpec:
    """``stand_in`` whose POST/GET is read from the request's whole clause (a step's purpose
    may stop before "to Dropbox" in "save Zoom cloud recordings to Dropbox")."""
    for before, after in clauses:
        if missing_operation(node_type, before, after):
            method = api_method(
                str(stand_in.parameters.get("@credential")), call_method(before, after)
            )
            if method == "POST" and stand_in.parameters.get("@url"):  # an action's own endpoint
                method = str(stand_in.parameters.get("@method") or method)
            params = {**stand_in.parameters, "@write": method != "GET", "@method": method}
            return replace(stand_in, parameters=params)
    return stand_in


def _made_on_record(step: StepSpec, request: str, places: list[tuple[int, int]]) -> StepSpec:
    """``step`` doing what a later clause makes on the record of the event naming its app
    ("when a Trello card is created, add a comment to that card": Trello's cardComment, not
    another card) - when the app is named only in that event; ``step`` itself otherwise. When
    the node cannot make it ("a comment on that <Airtable> record"), the API call instead."""
    if len(places) != 1 or not EVENT_CLAUSE_WORDS.search(clause_at(request, *places[0])[0]):
        return step
    found = implied_call(step.node_type, request, places[0][1], node_too=True)
    made = on_record(found[1].purpose) if found is not None else None
    if found is None or made is None:
        return step
    if found[1].parameters.get("@api") == step.node_type and known_to_node(step.node_type, made[2]):
        return found[1]  # on the app's own record ("a comment on that <Airtable> record")
    if found[1].node_type != step.node_type:
        return step
    return replace(step, resource=found[1].resource, operation=found[1].operation)


def _made_in_place(
    step: StepSpec, request: str, places: list[tuple[int, int]], call: StepSpec
) -> bool:
    """``call`` makes on the event's record what ``step`` was there for ("when a Zendesk ticket
    is created, add a comment on that ticket": the comment's API call, no other ticket): the
    app is named only in the event, and the step's clause is the call's."""
    if len(places) != 1 or not EVENT_CLAUSE_WORDS.search(clause_at(request, *places[0])[0]):
        return False
    return on_record(call.purpose) is not None and call.purpose in (step.purpose or "")


def _only_its_event(step: StepSpec, clauses: list[tuple[str, str]]) -> bool:
    """Every naming of the step's app opens an event ("when a <Stripe> payment succeeds")
    and the step would write (an update made of the event's own words): the trigger reports
    the event, nothing is asked of the app. A read stays - it polls the event's records."""
    verb = (step.operation or "").lower()
    if not clauses or not verb or verb.startswith("get") or verb in ("list", "search", "read"):
        return False
    rest = CLAUSE_MARK_OR_THEN.split(step.purpose or "", maxsplit=1)[1:]
    if not rest or not CUT_BEFORE_ANOTHER_APP.search(rest[0]):
        return False  # "..., reply with a link": the app is asked; "comment on it": its record
    return all(EVENT_LEAD_BEFORE_APP.search(before) for before, _after in clauses)


def app_steps(step: StepSpec, request: str) -> list[StepSpec]:
    """The steps that do what the request asks of ``step``'s app: the step itself; or its
    HTTP Request stand-in when the app's node lacks the asked operation at some naming of the
    app (in the step's clause, else anywhere in the request: "when a Stripe charge fails, tell
    #billing and refund it in Stripe"). The node stays beside the stand-in when the request
    also asks it for something it can do - before ("create the contact in HubSpot, ... list
    its HubSpot quotes") or after (``later_use``)."""
    stand_in = stand_in_for(step)
    places = namings(step.node_type, request) if request else []
    clauses = [clause_at(request, start, end) for start, end in places]
    if (
        _only_its_event(step, clauses)
        and implied_call(step.node_type, request, places[0][1]) is None
    ):
        return []  # "when a Stripe payment succeeds, update the HubSpot deal": the trigger's
    if stand_in is step and proxy_credential(step.node_type) is not None:
        for before, after in clauses:
            stand_in = api_stand_in(step, before, after)
            if stand_in is not step:
                break
    if stand_in is step:
        stand_in = _polled_stand_in(step, clauses)
    if stand_in is step:
        # "look up their last charge in Stripe, refund it": the node, then the API for what
        # the next clause asks of the same app without naming it
        implied = implied_call(step.node_type, request, places[0][1]) if places else None
        if implied is None:
            return [_made_on_record(step, request, places)]
        return (
            [implied[1]]
            if _made_in_place(step, request, places, implied[1])
            else [step, implied[1]]
        )
    stand_in = _with_write_from(stand_in, step.node_type, clauses)
    later = later_use(step, request)
    if later is not None:
        return [stand_in, later]
    if any(asks_node(step.node_type, *clause) for clause in clauses):
        return [step, stand_in]  # the request asks the node too: it stays
    return [stand_in]
