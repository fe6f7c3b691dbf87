"""Which event an app trigger listens to, read from the request's *event clause*.

Completing a trigger's required event parameter by the overlap of *all* the request's words with
each option picked events from the follow-up steps: "when a payment fails in Stripe, create a
customer in HubSpot" listened to ``customer.created``. An imported workflow like that never
fires, or fires on the wrong thing. This module reads only the clause that says what happens in
the trigger's app ("when/once/whenever/as soon as/if ..." up to the order), normalises how
people say events (fails/declined, paid/succeeded, cancels/unsubscribes/deleted, opened/new/
added, moved/goes to/marked ...) and scores each option of the node's event parameters (value,
display name, description) by the *object* it is about (payment, order, issue, deal ...) and
the *action* that happened to it:

* an option about another object than the clause's is never chosen;
* object and action both matching beats either alone; a change of state ("is moved to In
  Review", "gets refunded") with no event of its own falls back to the object's update event;
* several options tied at the top are all taken for a list parameter (Stripe's "payment
  fails" is ``payment_intent.payment_failed`` and ``invoice.payment_failed``), none for a
  single choice or when too many tie (the words do not decide);
* nothing matching leaves the parameter alone, so parameter completion keeps its old choice.

The text reaches parameter completion through :class:`RequestWords`, the request's word set
that also carries the request itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from engine.lexicon import (
    AND_ORDER,
    ANY_EVENT,
    BOT_NOUN_STEMS,
    CONVERSATION_PLACE_STEMS,
    EVENT_ACTION_GROUPS,
    EVENT_ACTORS,
    EVENT_CLAUSE_CUE,
    EVENT_CLAUSE_END,
    EVENT_CLAUSE_STOP_WORDS,
    EVENT_LIST_JOIN,
    EVENT_OBJECT_SYNONYMS,
    EVENT_PLACE_PREPOSITIONS,
    IRREGULAR_EVENT_STEMS,
    ORDER_AFTER_CHANGE,
    POSSESSIVE_RECORD,
    SIGN_UP_PHRASE,
    STATE_ACTION_GROUPS,
    STATE_CHANGE_AND_VALUE,
    TAGGED_WORD,
    TIMED_OUT_PHRASE,
)
from indexing.catalog.model import NodeVersion, OptionValue, Property
from indexing.catalog.params import ParameterResolutionError, is_displayed, resolve_parameters


class RequestWords(frozenset[str]):
    """The request's words (what option matching reads) plus the request text itself, so the
    trigger's event can be read from its clause where only the words were passed along."""

    text: str

    def __new__(cls, words: Iterable[str], text: str = "") -> RequestWords:
        made = super().__new__(cls, words)
        made.text = text
        return made


#: names trigger nodes give the parameter that says which event (or which record and which
#: change, as Pipedrive's ``entity`` + ``action``) they listen to
EVENT_PARAMETERS = frozenset(
    {"event", "events", "topic", "triggerOn", "updates", "trigger", "action", "actions",
     "entity", "object", "resources", "firesOn"}
)  # fmt: skip

#: a catch-all option is no choice of an event
CATCH_ALL = frozenset({"*", "all", "any_event", ""})

#: what happens to any record: without the record it names no event
GENERIC_GROUPS = frozenset({"create", "update", "delete"})
_GROUP_OF = {stem: group for group, stems in EVENT_ACTION_GROUPS.items() for stem in stems}

#: nouns that are an event as much as a thing: "a new comment", "someone replies"
DUAL = frozenset({"comment", "repli", "note", "releas"})


def _stemmed(table: dict[str, tuple[str, ...]]) -> dict[str, frozenset[str]]:
    return {stem(k): frozenset(stem(v) for v in vs) for k, vs in table.items()}


@lru_cache(maxsize=16384)
def stem(word: str) -> str:
    """A crude stem that lets inflections meet ("cancelled"/"cancels"/"cancel" -> "cancel",
    "created"/"create" -> "creat"); nouns ending in -ing keep it ("cancelling" is no cancel)."""
    w = word.lower()
    if w in IRREGULAR_EVENT_STEMS:
        return IRREGULAR_EVENT_STEMS[w]
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        w = w[:-1]
    if w.endswith("ed") and len(w) > 4:
        w = w[:-2]
        if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiou":
            w = w[:-1]
    if w.endswith("e") and len(w) > 3:
        w = w[:-1]
    if w.endswith("y") and len(w) > 3:
        w = w[:-1] + "i"
    return w


#: the synonyms table as stems, as clause and option words are compared
SYNONYM_STEMS: dict[str, frozenset[str]] = _stemmed(EVENT_OBJECT_SYNONYMS)


def words_of(text: str) -> list[str]:
    """Lower-case words of ``text``, splitting camelCase, snake_case, dots and slashes."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", text or "")
    return [w.lower() for w in re.findall(r"[A-Za-z][A-Za-z0-9]*", spaced)]


def is_action(token: str) -> bool:
    return token in _GROUP_OF


# ------------------------------------------------------------------------- the event clause

#: cues that more often open a condition or a name than an event ("if it is urgent", "named
#: after the company"): they count opening the request or naming the app
WEAK_CUES = frozenset({"if", "after"})
_QUOTED = re.compile(r"[\"'\u201c\u2018][^\"'\u201d\u2019]{1,40}[\"'\u201d\u2019]")


def event_clauses(request: str, app_words: Iterable[str] = ()) -> list[str]:
    """Where the request may say what happens in the trigger's app, best first, lower case:
    the "when/once/whenever/as soon as ..." clauses naming the app, the other such clauses
    ("if"/"after" only opening the request, after the app's name alone or naming the app:
    elsewhere they are a condition), then segments naming the app ("new lead row in Google
    Sheets -> ...", "Telegram bot: ...") and the first segment. A clause runs up to the order
    or the next cue after it; a segment that is an order ("add a comment in Zendesk") is none.
    """
    low = (request or "").lower()
    app = {w.lower() for w in app_words if len(w) > 2}
    found = list(EVENT_CLAUSE_CUE.finditer(low))
    named: list[str] = []
    others: list[str] = []
    for i, cue in enumerate(found):
        end = EVENT_CLAUSE_END.search(low, cue.end())
        limit = end.start() if end else len(low)
        if i + 1 < len(found):
            limit = min(limit, found[i + 1].start())
        joined = AND_ORDER.search(low, cue.end(), limit)
        text = low[cue.end() : joined.start() if joined else limit].strip()
        names_app = bool(app & set(words_of(text)))
        before = low[: cue.start()]
        opening = set(words_of(before)) <= app or bool(re.search(r"[.!?\n]\s*$", before))
        if text and (names_app or opening or cue.group() not in WEAK_CUES):
            (named if names_app else others).append(text)
    pieces = [p.strip() for p in EVENT_CLAUSE_END.split(low) if p and p.strip()]
    rest: list[str] = []
    for i, segment in enumerate(pieces):
        if ORDER_AFTER_CHANGE.match(segment) and (found or i):
            continue  # "add a comment in zendesk": an order, not the event
        meaningful = [w for w in words_of(segment) if w not in EVENT_CLAUSE_STOP_WORDS]
        label = len(meaningful) <= 2 and i + 1 < len(pieces)
        if not (app & set(words_of(segment)) or label or not rest):
            continue
        order = ORDER_AFTER_CHANGE.search(segment, 1)
        if order:  # "new shopify customer --> create ...", but "mailjet tells us ..." too
            rest.append(segment[: order.start()].strip())
        rest.append(segment)
        if label:
            rest.append(pieces[i + 1])  # "SF: opp goes Closed Won": a label, then the event
    return [text for text in dict.fromkeys(named + others + rest) if text]


def event_clause(request: str, app_words: Iterable[str] = ()) -> str:
    """The likeliest place the request says what happens in the app (see ``event_clauses``)."""
    return next(iter(event_clauses(request, app_words)), "")


@dataclass(frozen=True)
class Clause:
    """The event clause read as the records it names and the actions that happen to them;
    ``places`` are the records named only as where it happens ("a comment is added *to a Jira
    issue*", "a doc is added *to our Drive folder*"), which count less than the subject."""

    objects: frozenset[str]
    actions: frozenset[str]
    state_change: bool
    places: frozenset[str] = frozenset()
    #: the events an "or" list names ("a run times out or gets cancelled"), each read
    #: on its own with the first one's record when it names none
    alternatives: tuple[Clause, ...] = ()


def read_clause(clause: str, app_words: Iterable[str] = ()) -> Clause:
    """Objects and actions of an event clause; the app's own name (``app_words``, stems) and
    a state's value (what a record is moved/set to) are neither."""
    clause = POSSESSIVE_RECORD.sub(r"\2 in \1", clause)
    state = STATE_CHANGE_AND_VALUE.search(clause)
    if state:
        clause = clause[: state.end()]
    clause = _QUOTED.sub(" ", clause)
    clause = SIGN_UP_PHRASE.sub(" signup ", clause)
    clause = TIMED_OUT_PHRASE.sub(" timeout ", clause)
    app = set(app_words)
    objects: set[str] = set()
    actions: set[str] = set()
    subjects: set[str] = set()
    actors: set[str] = set()
    in_place = False
    acted = False
    for word in words_of(clause):
        in_place = in_place or word in EVENT_PLACE_PREPOSITIONS
        if word in EVENT_CLAUSE_STOP_WORDS or len(word) < 2:
            continue
        s = stem(word)
        if s in app:
            continue
        if is_action(s):
            actions.add(s)
            in_place = False
            acted = True
            if s in DUAL:
                objects.add(s)
                subjects.add(s)
        else:
            objects.add(s)
            if not in_place:
                subjects.add(s)
            if s in EVENT_ACTORS and not acted:
                actors.add(s)
            elif acted and not in_place:
                subjects -= actors  # "a customer cancels their plan": the plan is what changed
    if state:
        actions.add("updat")
        objects.add("status")
    if TAGGED_WORD.search(clause):
        actions.add("add")  # a record that gets tagged: a tag added
    if actions and actions <= DUAL:
        actions.add("new")  # "someone comments on a task": a new comment
    if objects & {"payment", "charg", "sale"} and actions & {"arriv", "land", "receiv"}:
        actions.add("succe")  # money that lands has gone through
    if objects & BOT_NOUN_STEMS:
        # "a Telegram bot for our channel that answers ...": people talk to the bot, so the
        # channel or group is where, not what arrives (not Telegram's "channel post")
        objects -= CONVERSATION_PLACE_STEMS
        actions -= {"post"}
    if "new" in actions and any(_GROUP_OF[a] != "create" for a in actions - DUAL):
        actions.discard("new")  # "a new order is cancelled": "new" says which order, not when
    places = frozenset(objects - subjects - {"status"})
    return Clause(frozenset(objects), frozenset(actions), bool(state), places)


# ------------------------------------------------------------------------- scoring options

OBJECT_EXACT, OBJECT_SYNONYM, PLACE_EXACT, PLACE_SYNONYM = 10, 6, 4, 3
ACTION_EXACT, ACTION_GROUP, ACTION_DESCRIBED, ACTION_STATE = 12, 8, 3, 5
SECOND_ACTION = 4
UNMATCHED_OBJECT, OTHER_ACTION = 5, 3
MAX_TIED = 3


@lru_cache(maxsize=8192)
def option_stems(value: str, name: str) -> frozenset[str]:
    """The stems an option's value and name say, without the clause stop words: an event's
    options are scored against every clause of every request, so they are stemmed once (#12:
    stemming them afresh was 8% of the offline generator's CPU)."""
    stops = {stem(w) for w in EVENT_CLAUSE_STOP_WORDS}
    return frozenset(stem(w) for w in words_of(f"{value} {name}")) - stops


def option_score(option: OptionValue, clause: Clause, app: frozenset[str]) -> float | None:
    """How well one option fits the clause (None: it is about another record, or nothing of
    it matches)."""
    tokens = option_stems(str(option.value), str(option.name)) - app
    objects = {t for t in tokens if not is_action(t) or t in DUAL}
    acts = {t for t in tokens if is_action(t) and t not in DUAL} | (tokens & DUAL)
    exact = objects & clause.objects
    synonyms = {
        t for t in objects - exact if any(t in SYNONYM_STEMS.get(o, ()) for o in clause.objects)
    }
    if "status" in objects and state_changed(clause):
        exact.add("status")  # a state that has no event of its own arrives as a status change
    subjects = clause.objects - clause.places
    action = action_level(acts, option, clause)
    specific = any(_GROUP_OF[a] not in GENERIC_GROUPS for a in acts & clause.actions)
    if objects and not exact and not synonyms and (subjects or not acts) and not specific:
        return None  # about another record ("mentions" picks Slack's app mention anyway)
    if not (exact or synonyms) and action < (ACTION_GROUP if subjects else ACTION_EXACT):
        return None  # without a record named, only the event's own word counts
    groups = {_GROUP_OF[a] for a in acts}
    met = {c for c in clause.actions if c in acts or _GROUP_OF[c] in groups}
    other = {a for a in acts - DUAL if a not in clause.actions} - {
        a for a in acts if _GROUP_OF[a] in {_GROUP_OF[c] for c in clause.actions}
    }
    placed = {
        t
        for t in exact | synonyms
        if t in clause.places
        or t not in clause.objects
        and not any(t in SYNONYM_STEMS.get(o, ()) for o in clause.objects - clause.places)
    }
    score = OBJECT_EXACT * len(exact - placed) + OBJECT_SYNONYM * len(synonyms - placed)
    score += PLACE_EXACT * len(exact & placed) + PLACE_SYNONYM * len(synonyms & placed) + action
    score += SECOND_ACTION * (len(met) > 1)
    score -= UNMATCHED_OBJECT * len(objects - exact - synonyms)
    score -= OTHER_ACTION * len(other)
    return score


def _option_actions(option: OptionValue) -> set[str]:
    """The action stems an option's value and name say ("deployFailed" -> fail)."""
    return {t for t in (stem(w) for w in words_of(f"{option.value} {option.name}")) if is_action(t)}


@lru_cache(maxsize=8192)
def described_stems(description: str) -> frozenset[str]:
    """The stems of an option's description (stemmed once per description: see
    ``option_stems``)."""
    return frozenset(stem(w) for w in words_of(description))


def action_level(acts: set[str], option: OptionValue, clause: Clause) -> int:
    """The best match of the option's actions with the clause's: the same stem, the same
    group, said in the option's description, or (for a change of state) its update event."""
    if acts & clause.actions:
        return ACTION_EXACT
    groups = {_GROUP_OF[a] for a in clause.actions}
    if any(_GROUP_OF[a] in groups for a in acts):
        return ACTION_GROUP
    described = described_stems(str(option.description or ""))
    if clause.actions & described or groups & {_GROUP_OF[d] for d in described if is_action(d)}:
        return ACTION_DESCRIBED
    if state_changed(clause) and acts & {"updat", "chang"}:
        return ACTION_STATE
    return 0


def state_changed(clause: Clause) -> bool:
    """The clause says a record changed (was moved, closed, refunded, won ...), not that one
    was created or that someone wrote: its app's update or status event carries it when it
    has none of its own."""
    return clause.state_change or any(_GROUP_OF[a] in STATE_ACTION_GROUPS for a in clause.actions)


def choose_event(
    prop: Property, clause: Clause, app: frozenset[str], *, many: bool | None = None
) -> Any:
    """The value of ``prop`` the clause points at: one option, a list of the top-tied ones
    for a list parameter, or None when nothing (or too much) matches."""
    scored = [
        (score, opt)
        for opt in prop.option_values
        if str(opt.value).lower() not in CATCH_ALL
        and (score := option_score(opt, clause, app)) is not None
    ]
    done = {a for a in clause.actions if _GROUP_OF[a] == "succeed"}
    if done and not any(action_level(_option_actions(o), o, clause) for _s, o in scored):
        # "after a Netlify deploy succeeds": an app with no success event of its own reports
        # the finished record as created (Netlify's "Deploy Created")
        finished = replace(clause, actions=frozenset(clause.actions - done | {"creat"}))
        return choose_event(prop, finished, app, many=many)
    if not scored:
        return None
    best = max(score for score, _opt in scored)
    top = [opt.value for score, opt in scored if score == best]
    if prop.type == "multiOptions" or many:
        return top if len(top) <= MAX_TIED else None
    return top[0] if len(top) == 1 else None


# ------------------------------------------------------------------------- the node's params


def app_words(nv: NodeVersion) -> frozenset[str]:
    """Stems of the app's own name ("WooCommerce Trigger" -> woocommerce, woo, commerce)."""
    short = nv.type_name.split(".")[-1].removesuffix("Trigger")
    words = words_of(f"{nv.display_name} {short}") + [short.lower()]
    words += [w.lower() for w in re.findall(r"[A-Za-z0-9]+", nv.display_name)]
    return frozenset(stem(w) for w in words if w not in ("trigger",))


_SCOPE = re.compile(r"^(?:specific|any|all|selected|one)[A-Z]|\b(?:Specific|Selected)\b")


def is_scope_choice(prop: Property) -> bool:
    """A parameter of the usual names that chooses what is watched ("specific file",
    "specific folder"): the place the clause names decides it, not the event."""
    values = [str(o.value) for o in prop.option_values]
    return (
        prop.name in EVENT_PARAMETERS
        and prop.type == "options"
        and len(values) >= 2
        and sum(bool(_SCOPE.search(f"{o.value} {o.name}")) for o in prop.option_values) * 2
        >= len(values)
    )


def scope_choice(prop: Property, clause: Clause, app: frozenset[str]) -> Any:
    """The one scope whose record is where the clause says it happens ("a file lands *in the
    Drive folder*" -> the folder), else None."""
    scope_words = {stem(w) for w in "specific any all selected one changes involving".split()}
    hits = [
        opt.value
        for opt in prop.option_values
        if ({stem(w) for w in words_of(f"{opt.value} {opt.name}")} - app - scope_words)
        & (clause.places - scope_words)
    ]
    return hits[0] if len(hits) == 1 else None


def is_event_choice(prop: Property) -> bool:
    """A parameter that chooses an event from a static list by one of the usual names (not
    one that chooses what is watched, as Drive's "specific file / specific folder")."""
    values = [str(o.value) for o in prop.option_values]
    return (
        prop.name in EVENT_PARAMETERS
        and prop.type in ("options", "multiOptions")
        and not prop.load_options
        and len(values) >= 2
        and sum(bool(_SCOPE.search(f"{o.value} {o.name}")) for o in prop.option_values) * 2
        < len(values)
    )


def event_properties(nv: NodeVersion) -> list[Property]:
    """The top-level parameters of a trigger that choose its event from a static list, and
    its lists of events to add (HubSpot's ``eventsUi``: entries whose ``name`` is the event)."""
    if not nv.is_trigger:
        return []
    return [
        p
        for p in nv.properties
        if is_event_choice(p)
        or is_scope_choice(p)
        or p.type == "fixedCollection"
        and event_group(p) is not None
    ]


def event_group(prop: Property) -> tuple[str, Property] | None:
    """The group of an events collection and its ``name`` option that says the event."""
    if not prop.name.lower().startswith("event"):
        return None
    for group in prop.groups:
        for value in group.values:
            if value.name == "name" and value.type == "options" and len(value.option_values) > 1:
                return group.name, value
    return None


def collection_event(prop: Property, clause: Clause, app: frozenset[str]) -> Any:
    """Entries of an events collection for the events the clause names (None: none): one
    entry per event; the fields an event needs (HubSpot's property of a change) are left to
    the workflow's completion, which fills them like any required field."""
    found = event_group(prop)
    if found is None:
        return None
    group, name = found
    chosen = choose_event(name, clause, app, many=prop.multiple_values)
    if chosen is None:
        return None
    values = chosen if isinstance(chosen, list) else [chosen]
    return {group: [entry_for(prop, group, value) for value in values]}


def entry_for(prop: Property, group: str, event: Any) -> dict[str, Any]:
    """One entry of an events collection: the event and the required fields it shows, each a
    visible placeholder or the first choice (the property whose change HubSpot reports is the
    user's to pick; without it n8n refuses the node)."""
    entry: dict[str, Any] = {"name": event}
    fields = next((g.values for g in prop.groups if g.name == group), [])
    for field in fields:
        shown = ((field.display_options or {}).get("show") or {}).get("name")
        if field.name == "name" or not field.required or shown is None or event not in shown:
            continue
        if field.option_values and not field.load_options:
            entry[field.name] = field.option_values[0].value
        else:
            entry[field.name] = f"REPLACE_WITH_{field.name.upper()}_ID"
    return entry


def trigger_event_choices(
    nv: NodeVersion, params: Mapping[str, Any], type_version: float, request: str
) -> dict[str, Any]:
    """The event parameters of trigger ``nv`` the request's event clause decides, by name
    (empty: none, or the words do not say). Parameters already set are left alone."""
    props = [p for p in event_properties(nv) if p.name not in params]
    if not props or not request:
        return {}
    app = app_words(nv)
    readings = []
    for text in event_clauses(request, _app_names(nv)):
        if ANY_EVENT.search(text):
            return {}  # "on any event in my repo": no one event is meant
        readings.append(with_alternatives(text, read_clause(text, app), app))
    out: dict[str, Any] = _scope_from_events(nv, params, type_version, props, readings, app)
    for _round in range(2):  # a choice can show another one (Drive's folder: its events)
        try:
            resolved = resolve_parameters(
                nv, {**params, **out}, type_version, type_name=nv.type_name
            )
        except ParameterResolutionError:
            return out
        shown = [
            p
            for p in props
            if p.name not in out
            and is_displayed(p, resolved, type_version, type_name=nv.type_name, root=resolved)
        ]
        more = next((c for c in (choices_of(shown, r, app) for r in readings) if c), {})
        if not more:
            break
        out.update(more)
    return out


#: Stems saying one particular record is watched ("a specific file", "one particular sheet").
_ONE_OF = frozenset({"specific", "particular", "singl", "certain"})


def _record_stems(option: OptionValue, app: frozenset[str]) -> set[str]:
    """The record stems of a scope option ("Changes to a Specific File" -> fil)."""
    scope_words = {stem(w) for w in "specific any all selected one changes involving".split()}
    return {stem(w) for w in words_of(f"{option.value} {option.name}")} - app - scope_words


def _scope_from_events(
    nv: NodeVersion,
    params: Mapping[str, Any],
    type_version: float,
    props: list[Property],
    readings: list[Clause],
    app: frozenset[str],
) -> dict[str, Any]:
    """What is watched when the clause names no place ("when a file is added to Google
    Drive"): the scope under which the clause's event exists, the broadest (most events) when
    several have it - Drive's "specific folder", the only one with "File Created", not its
    first option "specific file". Empty when a place decides or no scope has the event."""
    scope = next((p for p in props if is_scope_choice(p)), None)
    if scope is None or any(scope_choice(scope, r, app) is not None for r in readings):
        return {}
    for r in readings:  # "whenever a specific Google Drive file is updated": that one file
        if r.objects & _ONE_OF:
            named = [o.value for o in scope.option_values if _record_stems(o, app) & r.objects]
            if len(named) == 1:
                return {scope.name: named[0]}
    best: tuple[int, Any] | None = None
    for opt in scope.option_values:
        try:
            given = {**params, scope.name: opt.value}
            resolved = resolve_parameters(nv, given, type_version, type_name=nv.type_name)
        except ParameterResolutionError:
            continue
        events = [
            p for p in props
            if p is not scope and is_event_choice(p)
            and is_displayed(p, resolved, type_version, type_name=nv.type_name, root=resolved)
        ]  # fmt: skip
        if any(choose_event(p, r, app) is not None for p in events for r in readings):
            breadth = max(len(p.option_values) for p in events)
            if best is None or breadth > best[0]:
                best = (breadth, opt.value)
    return {scope.name: best[1]} if best else {}


def with_alternatives(text: str, clause: Clause, app: frozenset[str]) -> Clause:
    """``clause`` with the events its "or" list names, when a part after the first says what
    happens (not "issues or comments", which is one list of records)."""
    parts = [read_clause(part, app) for part in EVENT_LIST_JOIN.split(text) if part.strip()]
    if len(parts) < 2 or not all(p.actions or p.objects for p in parts):
        return clause
    if not any(p.actions for p in parts[1:]):
        return clause  # "issues or issue comments": one list of records
    first = parts[0]
    parts = [p if p.objects - {"status"} else replace(p, objects=p.objects | first.objects)
             for p in parts]  # fmt: skip
    return replace(clause, alternatives=tuple(parts))


def choices_of(props: list[Property], clause: Clause, app: frozenset[str]) -> dict[str, Any]:
    """The values of ``props`` one reading of the event clause decides, by name."""
    if not clause.objects and not clause.actions:
        return {}
    out: dict[str, Any] = {}
    for prop in props:
        if prop.name in out:
            continue
        if prop.type == "fixedCollection":
            value = collection_event(prop, clause, app)
        elif is_scope_choice(prop):
            value = scope_choice(prop, clause, app)
        else:
            value = listed_events(prop, clause, app) or choose_event(prop, clause, app)
        if value is not None:
            out[prop.name] = value
    return out


def listed_events(prop: Property, clause: Clause, app: frozenset[str]) -> list[Any] | None:
    """For a list parameter, the events of each part of the clause's "or" list (None:
    no list, or a part that decides nothing)."""
    if prop.type != "multiOptions" or not clause.alternatives:
        return None
    chosen: list[Any] = []
    for part in clause.alternatives:
        value = choose_event(prop, part, app)
        if value is None:
            return None
        chosen += [v for v in (value if isinstance(value, list) else [value]) if v not in chosen]
    return chosen if len(chosen) <= 2 * MAX_TIED else None


def _app_names(nv: NodeVersion) -> list[str]:
    short = nv.type_name.split(".")[-1].removesuffix("Trigger")
    return (
        words_of(nv.display_name)
        + [short.lower()]
        + re.findall(r"[a-z0-9]+", nv.display_name.lower())
    )


def with_trigger_events(
    nv: NodeVersion, params: dict[str, Any], type_version: float, hints: Mapping[str, Any] | None
) -> None:
    """Set (in place) the trigger's event parameters the request's event clause decides; the
    request comes from the ``@words`` hint when it is a :class:`RequestWords`."""
    words = (hints or {}).get("@words")
    request = words.text if isinstance(words, RequestWords) else ""
    if request and nv.is_trigger:
        params.update(trigger_event_choices(nv, params, type_version, request))
