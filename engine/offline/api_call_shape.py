"""The shape of an API call that stands in for an app's node: its method and its path.

A POST when the clause makes or changes something, a GET when it reads or only delivers what
was read elsewhere; the path is the object's phrase ("satisfaction ratings" ->
``satisfaction_ratings``), not words the node already knows as the owning record.
"""

from __future__ import annotations

import re

from engine.lexicon import (
    ACTION_ENDPOINTS,
    APP_AS_MEANS_AT_END,
    CREATE_OR_CHANGE_VERBS,
    DELIVERED_ELSEWHERE_AFTER_APP,
    DELIVERING_VERBS,
    FROM_APP_AT_END,
    PUTTING_IN_MEANINGS,
    STATE_OF_ITS_OWN_ACTIONS,
    TO_IT_BEFORE_APP,
    VERB_THEN_THAT_THING,
)
from engine.offline.api_credentials import ApiCall, api_base_url, call_hints
from engine.offline.asked_object import asked_object, kind_before
from engine.offline.clause_reader import clause_action
from engine.offline.clause_words import (
    DESCRIBING,
    EXTRA_ACTIONS,
    OFFERED_AS,
    TARGET_PREPOSITION,
    VERB_OBJECTS,
    as_action,
    compound_head,
    governing_action,
    names_kind,
    object_action,
)
from engine.offline.node_vocabulary import known_to_node
from engine.offline.operations import VERB_SYNONYMS, words


def asks_to_write(before: str, after: str = "") -> bool:
    """The action governing the object creates or changes something ("create", "add"):
    the call is a POST; a read, a summary, or no action makes it a GET. Read from the clause itself,
    not from the node's operation (which was the wrong one to begin with)."""
    before = TO_IT_BEFORE_APP.sub(" ", before)  # "add a comment to it in ..."
    clause = re.split(r"[.;:!?\n]|,\s", before)[-1]
    acted = [m.group(1).lower() for m in VERB_THEN_THAT_THING.finditer(clause)]
    if any(w in VERB_OBJECTS for w in words(clause)) or (acted and acted[-1] in OFFERED_AS):
        return True  # "refund ...", "schedule that campaign": actions of their own
    used = re.match(r"\s*(?:[A-Z][a-z]{2,}\s+)?to\s+([a-z]+)\b", after)
    # "use Stripe Checkout to create ...": that action
    if used and APP_AS_MEANS_AT_END.search(before):
        said = used.group(1)
        return (
            EXTRA_ACTIONS.get(said) or VERB_SYNONYMS.get(said, ("get",))[0]
        ) in CREATE_OR_CHANGE_VERBS
    action = object_action(before)  # "cancel the subscription in ..."
    target = TARGET_PREPOSITION.search(before)  # "add a comment to the ..."
    if action is None and target is not None:
        action = governing_action(words(before[: target.start(1)]))
        action = action or opening_action(clause)  # "add each registrant to our ... list in"
    if action is None and FROM_APP_AT_END.search(before):
        return False  # "name and email from <HubSpot>'s owners": the app is read
    action = action or clause_action(before)  # "add that person as a member in ..."
    meaning = EXTRA_ACTIONS.get(action or "") or VERB_SYNONYMS.get(action or "", ("get",))[0]
    if action in DELIVERING_VERBS and DELIVERED_ELSEWHERE_AFTER_APP.match(after):
        return False  # what is delivered elsewhere is read here
    return meaning in CREATE_OR_CHANGE_VERBS


def object_path(before: str, after: str, noun: str, node_type: str = "") -> str:
    """The object as an API path segment: the words of its phrase that name things, joined
    ("satisfaction ratings" -> "satisfaction_ratings"); the noun itself for an action."""
    asked = asked_object(before, after, any_thing=True)
    if not asked or asked[-1] != noun:
        return noun
    if len(asked) == 1:  # named before the app: a kind word the node knows owns it instead
        kind = [
            w
            for w in kind_before(before, noun)
            if not known_to_node(node_type, w, other_names=False)
        ]
        return "_".join([*kind, noun])
    # a word the node knows names the record that owns the object ("post comments"), not it
    phrase = [
        w
        for w in asked[:-2]
        if names_kind(w, noun) and not known_to_node(node_type, w, other_names=False)
    ]
    w = asked[-2]  # "pull requests", "time entries": a compound keeps its first word
    compound = compound_head([noun]) and (
        w == "time" or (w in VERB_SYNONYMS and w not in DESCRIBING)
    )
    if (names_kind(w, noun) or compound) and not known_to_node(node_type, w, other_names=False):
        phrase.append(w)
    phrase.append(noun)
    return "_".join(phrase)


#: Canonical meanings of a clause's verb whose call is not a POST: what n8n's HTTP Request
#: should send for "delete/remove ..." and "update/change/edit ...".
_METHOD_OF_MEANING = {"delete": "DELETE", "remove": "DELETE", "update": "PATCH", "edit": "PATCH"}


def call_method(before: str, after: str = "") -> str:
    """The HTTP method of a call the clause asks: GET for a read (``asks_to_write`` false),
    DELETE for "delete/remove", PATCH for "update/change/edit", POST for anything else that
    writes ("create", "refund", "cancel": an action of the API's own)."""
    if not asks_to_write(before, after):
        return "GET"
    action = object_action(TO_IT_BEFORE_APP.sub(" ", before)) or clause_action(before) or ""
    if action in EXTRA_ACTIONS or any(w in VERB_OBJECTS for w in words(before)):
        return "POST"
    meaning = VERB_SYNONYMS.get(action, ("",))[0]
    return _METHOD_OF_MEANING.get(meaning, "POST")


def opening_action(clause: str) -> str | None:
    """The action an order opens with when it puts something in a place ("add each webinar
    registrant to our newsletter list in <Mailjet>", "add each new Shopify customer to our
    'Buyers' contact list in ..."): English orders start with their verb, and the place's
    own words ("list") or another app's name stand between it and the app. Why: the reader
    took "list" for the verb, or found none, and the add became a read, a GET. Only verbs
    that put something in (``PUTTING_IN_MEANINGS``); None otherwise."""
    first = (words(clause)[:1] or [""])[0]
    action = as_action(first) if first else None
    meaning = EXTRA_ACTIONS.get(action or "") or VERB_SYNONYMS.get(action or "", ("",))[0]
    return action if meaning in PUTTING_IN_MEANINGS else None


def shaped_hints(call: ApiCall, before: str, after: str = "") -> dict[str, object]:
    """``call_hints`` with the call's method read from the clause (``call_method``), and the
    endpoint of an action on one record (``action_endpoint``) when the clause asks one."""
    method = api_method(call.credential, call_method(before, after))
    hints = {**call_hints(call, method != "GET"), "@method": method}
    found = action_endpoint(call, before) if method == "POST" else None
    if found is None:
        return hints
    return {**hints, "@method": found[0], "@url": f"{api_base_url(call.credential)}/{found[1]}"}


def action_endpoint(call: ApiCall, before: str) -> tuple[str, str] | None:
    """ "snooze the <PagerDuty> incident": the method and path of an action that puts one
    record in a state of its own (``STATE_OF_ITS_OWN_ACTIONS``) - the API's own endpoint for
    it where its reference gives one (``ACTION_ENDPOINTS``: ``incidents/REPLACE_WITH_ID/snooze``,
    Okta's ``api/v1/users/REPLACE_WITH_ID/lifecycle/suspend``), else a marked placeholder the
    user fills in (``REPLACE_WITH_SUSPEND_ENDPOINT_FOR_users``). Why: a POST to the collection
    creates another record instead of changing the one asked, and a path made up from the
    verb (``users/ID/suspend``, ``subscriptions/ID/pause``) looks right and fails: most APIs
    name such actions otherwise or set a field. None for any other clause."""
    action = object_action(TO_IT_BEFORE_APP.sub(" ", before)) or clause_action(before) or ""
    if action not in STATE_OF_ITS_OWN_ACTIONS or not re.fullmatch(r"[a-z_]+", call.object):
        return None
    known = ACTION_ENDPOINTS.get((call.credential, call.object), {}).get(action)
    if known is not None:
        return known[0], known[1].replace("{id}", "REPLACE_WITH_ID")
    return "POST", f"REPLACE_WITH_{action.upper()}_ENDPOINT_FOR_{call.object}"


#: APIs that change a record with a POST to it, never a PATCH (Stripe's API reference).
_UPDATES_BY_POST = frozenset({"stripeApi"})


def api_method(credential: str, method: str) -> str:
    """``method`` as ``credential``'s API takes it: Stripe updates by POST."""
    return "POST" if method == "PATCH" and credential in _UPDATES_BY_POST else method
