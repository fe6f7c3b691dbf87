"""Calls asked of an app without naming it again, and of apps n8n has only a trigger for.

"when a new order comes in on Shopify, fetch its transactions": the order's transactions are
Shopify's, though the clause does not say so. "pull Calendly scheduled events": Calendly has no
action node, so whatever is asked of it is its API.
"""

from __future__ import annotations

import re

from engine.lexicon import (
    AND_THEN_OR_ARROW,
    BASIC_READ_OPERATIONS,
    EVENT_CLAUSE_WORDS,
    EVENT_VERBS_AFTER_OBJECT,
    FILE_KIND_NOUNS,
    MADE_ON_RECORD_AT_HAND,
    MAKES_NEW_THING,
    ONE_RECORD_BEFORE_APP,
    ORDER_VERBS,
    READ_OF_RECORD_AT_HAND,
    RECORD_OWNER_WORD,
    VERB_SYNONYMS,
    pointing_at_record,
)
from engine.offline.api_call_shape import object_path, shaped_hints
from engine.offline.api_credentials import HTTP_REQUEST, api_call, proxy_credential
from engine.offline.app_naming import (
    another_actor,
    clause_at,
    names_app,
    namings,
    trigger_only_apps,
)
from engine.offline.asked_object import asked_object, imperative_verb
from engine.offline.clause_reader import clause_action
from engine.offline.clause_words import (
    EXTRA_ACTIONS,
    PHRASE_END,
    PRONOUNS,
    clause_reads,
    governing_action,
    is_thing,
    word_stem,
)
from engine.offline.near_object import unknown_object
from engine.offline.node_gaps import (
    asked_in_question,
    drops_something,
    missing_action,
    missing_operation,
    sends_message,
    unoffered_action,
)
from engine.offline.node_vocabulary import (
    description_words,
    known_to_node,
    unknown_part_of_entry,
)
from engine.offline.operations import choose_operation, operation_verb, words
from engine.types import StepSpec
from indexing.catalog.load import load_catalog


def trigger_app_calls(request: str, trigger: str) -> list[tuple[int, StepSpec]]:
    """An HTTP Request step, with its position in the request, for what a later clause asks
    of the triggering app's record without naming the app ("when a new order comes in on
    Shopify, fetch its transactions and save them to Airtable": the order's transactions are
    the Shopify API's, which the Shopify node cannot read) - or the app's node when it can
    ("... get its comments": Jira's issue comments). See ``implied_call``."""
    app = trigger.removesuffix("Trigger")
    if app == trigger or load_catalog().get(app) is None or proxy_credential(app) is None:
        return []
    places = namings(trigger, request)
    for a, b in places:  # "create the fulfillment in Shopify" under a Shopify trigger
        before, after = clause_at(request, a, b)
        if EVENT_CLAUSE_WORDS.search(before):
            continue  # the trigger's own event ("whenever I log an activity on Strava")
        noun = missing_operation(app, before, after)
        call = api_call(app, object_path(before, after, noun, app), False) if noun else None
        purpose = (before + request[a:b] + after).strip()
        if call is not None:
            params = shaped_hints(call, before, after)
            return [(a, StepSpec(HTTP_REQUEST, purpose=purpose, parameters=params))]
        if ordered_there(before, after):  # "archive the <Notion> page when ...": the node's
            res, op = choose_operation(app, before, after)
            if does_the_order(before, op):
                return [(a, StepSpec(app, purpose=purpose, resource=res, operation=op))]
    found = (
        implied_call(app, request, places[0][1], node_too=True, of_event=True) if places else None
    )
    return [found] if found else []


def does_the_order(before: str, operation: str | None) -> bool:
    """The operation chosen is the one the clause orders ("archive the <Notion> page" ->
    archive; "lock the <GitHub> issue" -> lock): its verb is the order's, or one the order's
    verb stands for (``ORDER_VERBS``). Why: when the node has no operation for the order
    ("assign the <Jira> issue to the sprint", "rename the <Drive> file"), the best-ranked one is
    another action (issue/create, file/upload) that would do something nobody asked; a read
    (``BASIC_READ_OPERATIONS``) changes nothing and keeps the app's step in place."""
    verb = clause_action(before) or imperative_verb(before)
    if not verb or not operation:
        return False
    done = operation_verb(operation)
    return done in {verb, *ORDER_VERBS.get(verb, ())} or operation.lower() in BASIC_READ_OPERATIONS


def ordered_there(before: str, after: str) -> bool:
    """The clause naming the trigger's app orders its node to act on one record named right
    there ("archive the <Notion> page when the row is marked closed", "lock the <GitHub>
    issue"): a verb governs an object beside the app after a definite determiner - not the
    records the trigger brings ("log every <Stripe> payment", "each new <Trello> card")."""
    if not ONE_RECORD_BEFORE_APP.search(before) or EVENT_CLAUSE_WORDS.search(before):
        return False
    return bool(asked_object(before, after))


def on_record(part: str) -> tuple[str, str, str] | None:
    """The clause as (before, after) around the thing it makes on the record at hand
    (``MADE_ON_RECORD_AT_HAND``), the verb read as "create", and the record's word ("page");
    None when it does not."""
    m = MADE_ON_RECORD_AT_HAND.match(part)
    if m is None or not m.group(1).split()[-1].isalpha():
        return None
    thing = re.split(r"\bas\s+(?:a|an)\s+", m.group(1))[-1]  # "the alert as a comment"
    if thing.split()[-1] in PRONOUNS:
        return None  # "add them to the sheet": what is made is named elsewhere
    return "create ", " " + thing, "" if m.group(2) == "it" else m.group(3)


def _of_event(made: tuple[str, str, str] | None, part: str, event: str) -> bool:
    """``part`` makes something on "that/this <record>" the event named ("when a GitHub issue
    is labeled, ... add a comment to that issue"), with no other app named in it."""
    if made is None or not made[2] or _names_other(part):
        return False
    return bool(pointing_at_record(made[2]).search(part)) and _event_names(event, made[2])


#: Capitalised words that name no app: "I" and its forms.
_NOT_NAMES = frozenset({"I", "I'm", "I'd", "I'll", "I've"})


def _names_other(part: str) -> bool:
    """A capitalised word past the first names something else: another app, a person."""
    return any(t[:1].isupper() and t.strip(",.;:!?") not in _NOT_NAMES for t in part.split()[1:])


def _event_names(event: str, record: str) -> bool:
    """The event names ``record`` - a file also as the kind of file it is ("a contract PDF is
    uploaded ... that file")."""
    said = words(event)
    return record in said or (
        record == "file" and bool(FILE_KIND_NOUNS & {word_stem(w) for w in said})
    )


def _event_object(event: str) -> str:
    """The head noun of what an event happens to ("when a merge request is opened" ->
    "request"); "" when the event names none."""
    lead = EVENT_CLAUSE_WORDS.search(event)
    head = ""
    for word in words(event[lead.end() :] if lead else "")[:5]:
        if word in EVENT_VERBS_AFTER_OBJECT or word in PHRASE_END - {"a", "an", "the"}:
            break
        if word not in ("a", "an", "the", "new") and not names_app(word):
            head = word
    return head


def _on_unknown(
    app: str, made: tuple[str, str, str] | None, event: str, node_too: bool
) -> str | None:
    """The thing made on the event's record when the node does not know that record ("when
    a GitLab merge request is opened, post a comment on that merge request": GitLab's node
    comments on issues only); None otherwise, and for any record the event did not name."""
    record = made[2] or _event_object(event) if made is not None else ""
    thing = words(made[1]) if node_too and made is not None else []
    if (
        thing
        and _event_names(event, record)
        and unknown_part_of_entry(app, thing[-1], record, any_record=True)
    ):
        return word_stem(thing[-1])  # "when an <Airtable> record ..., add a comment on it"
    if not node_too or made is None or not is_thing(record):
        return None  # "post a comment on it": "it" is the event's record
    if not re.search(r"\b" + record + r"\b", event) or known_to_node(app, record):
        return None
    return word_stem(thing[-1]) if thing else None


def _made_operation(app: str, thing: str, record: str) -> tuple[str | None, str | None]:
    """The node's operation that makes ``thing`` on the ``record`` at hand, read as if the app
    were named ("add a comment to the <Jira> issue", "add a <Pipedrive> note"): the first
    reading whose resource or operation names the thing (Trello's cardComment, Pipedrive's
    note), else the first."""
    readings = [(f"add a {thing} to the ", f" {record}"), ("add a ", f" {thing}")]
    chosen = [choose_operation(app, before, after) for before, after in readings]
    stem = word_stem(thing.split()[-1]) if thing else ""
    for res, op in chosen:
        if stem and stem in f"{res or ''} {op or ''}".lower():
            return res, op
    return chosen[0]


def implied_call(
    app: str, request: str, start: int, *, node_too: bool = False, of_event: bool = False
) -> tuple[int, StepSpec] | None:
    """The step, with its position, for the first clause after ``start`` that asks the app
    for something without naming it or any other app: "fetch its transactions", "pull the
    order's fulfillment events" (what belongs to the record at hand), "refund it" (an action
    the API has as an object). An HTTP Request when the node lacks it; with ``node_too``, the
    app node for a read it has; with ``of_event`` (``app`` is the trigger's), also a read of
    a thing the node has no name for (``reads_unknown``). None when no such clause follows."""
    event = request[: start + len(re.split(r"[,.;:!?\n]", request[start:])[0])].lower()
    for clause in re.finditer(r"[^.;!?\n,]+", request[start:]):
        other_app = False
        for n, part in enumerate(AND_THEN_OR_ARROW.split(clause.group(0))):
            if n == 0 and clause.start() == 0:
                continue  # the rest of the naming's own clause ("Stripe API to create ...")
            if drops_something(part):
                continue  # "we don't need the page anymore": nothing is asked
            made = on_record(part)
            named = _names_other(part) or another_actor(app, part)
            if named or other_app:
                other_app = True  # another app (or the same one, named) takes over - but
                if not _of_event(made, part, event):  # "a comment to that issue" is the event's
                    continue
            pos = start + clause.start() + clause.group(0).find(part)
            action = missing_action(app, part) or unoffered_action(app, part, "")
            owner = RECORD_OWNER_WORD.search(part)
            if owner is not None and made is not None and re.search(r"\bas\s+an?\s", part):
                owner = None  # "leave its findings as a comment on that file": the comment
            back = READ_OF_RECORD_AT_HAND.match(part)
            # "<App> and attach ..."
            makes = MAKES_NEW_THING.match(part) if clause.start() == 0 else None
            if owner is not None:
                before, after = part[: owner.start()], " " + part[owner.end() :]
            elif back is not None:  # "fetch the quotes linked to it"
                before, after = back.group(1), " " + back.group(2)
            elif action is not None:
                before, after = part, ""
            elif made is not None:  # "leave a comment on that page"
                before, after = made[:2]
            elif makes is not None:  # "... and attach a note with the details"
                before, after = "create ", " " + makes.group(1)
            elif of_event and reads_unknown(app, part):  # "look up the checkout session"
                before, after = part, ""
            else:
                continue
            unknown = _on_unknown(app, made, request[:pos].lower(), node_too)
            noun = action or missing_operation(app, before, after) or unknown
            call = api_call(app, object_path(before, after, noun, app), False) if noun else None
            if call is None and node_too and made and not owner and not back:
                res, op = _made_operation(app, after.strip(), made[2])
                return pos, StepSpec(app, purpose=part.strip(), resource=res, operation=op)
            if call is None and node_too and asked_object(before, after) and clause_reads(before):
                res, op = choose_operation(app, before, after, reads_only=True)
                return pos, StepSpec(app, purpose=part.strip(), resource=res, operation=op)
            acts = governing_action(words(before)) in EXTRA_ACTIONS  # "cancel their ..."
            asked = action is not None or made or makes or clause_reads(before) or acts
            asked = asked or (of_event and before == part and reads_unknown(app, part))
            if call is not None and asked:
                params = shaped_hints(call, before, after)
                return pos, StepSpec(HTTP_REQUEST, purpose=part.strip(), parameters=params)
    return None


def reads_unknown(app: str, part: str) -> bool:
    """ "when a <Stripe> checkout completes, look up the checkout session ...": the part opens
    with a reading verb whose object the node has no name for (``unknown_object``: no
    generic word, person or other app), or asks a question about such a thing ("find out
    which products they bought": ``asked_in_question``), and no field names it either ("the
    title", "which labels it has": the record's). The event's app is asked for it without
    being named again, and only its API has it. Why: without an owner word ("its sessions")
    such a read was skipped, and the workflow went on without the step the request orders.
    A read of something the node has ("get the customer") is left to the node, a vague "get
    the details" to nothing."""
    asked = asked_in_question(app, part, "")  # "find out which products they bought"
    first = (words(part)[:1] or [""])[0]
    if not asked and VERB_SYNONYMS.get(first, ("",))[0] in BASIC_READ_OPERATIONS:
        phrase = asked_object(part, "")
        asked = phrase[-1] if phrase and unknown_object(app, phrase[-1]) else None
    return bool(asked) and word_stem(asked) not in description_words(app)


def trigger_only_calls(request: str, trigger: str) -> list[tuple[int, StepSpec]]:
    """An HTTP Request step, with its position in the request, for each app named with an
    action whose only n8n node is a trigger ("every morning pull Calendly scheduled events
    into Google Sheets": the Calendly API's scheduled_events). The workflow's own trigger is
    not asked anything."""
    out: list[tuple[int, StepSpec]] = []
    for app in trigger_only_apps():
        if app == trigger:
            continue
        for start, end in namings(app, request):
            before, after = clause_at(request, start, end)
            phrase = asked_object(before, after, any_thing=True)
            if not phrase or sends_message(app, before):
                continue
            call = api_call(app, object_path(before, after, phrase[-1], app), False)
            if call is None:
                continue
            params = shaped_hints(call, before, after)
            purpose = (before + request[start:end] + after).strip()
            out.append((start, StepSpec(HTTP_REQUEST, purpose=purpose, parameters=params)))
            break
    return out
