"""The object a clause names right beside an app when no verb governs it.

The readers in ``asked_object`` find the object a verb asks of an app ("pull the Stripe
refunds"). Requests as often name it with no verb of its own: "a Slack message with the
progress on our Pipedrive goals", "new comments on my YouTube videos -> Gemini", "yesterday's
clicks per Bitly link", "the podcasts I follow on Spotify", "I want an opportunity in Keap",
"Brevo: weekly pull of the click rates of our email campaigns", "the Todoist tasks I completed".
Whatever the wording, what the app is asked for is a noun right beside its name; whether the
node has it is the catalog's answer (``known_to_node``), the same way for every app.

Only used when no verb governs the object (a verb's own object is the readers' judgement), and
only for nouns that may name an API's object (not people, places, times or generic words).
"""

from __future__ import annotations

import re

from engine.lexicon import (
    ALSO_ASKED,
    DONE_THERE,
    EVENT_LEAD,
    FOR_WHAT,
    HEADING_INTO,
    MODIFIER_PLACE,
    NOUN_THEN_ITS_NAME,
    OBJECT_BEFORE_APP,
    RECORD_STATES,
    SOURCE_OR_PLACE,
    WANTED_IN,
    WITH_PARTS,
)
from engine.offline.app_naming import names_app
from engine.offline.asked_object import PEOPLE, phrase_after
from engine.offline.clause_words import (
    CONTAINERS,
    DESCRIBING,
    DETERMINERS,
    EVENT_VERBS,
    NEVER_THINGS,
    PRONOUNS,
    WHICH_ONES,
    is_object_noun,
    object_action,
    word_stem,
)
from engine.offline.node_vocabulary import description_words, known_to_node
from engine.offline.operations import words


def unknown_object(node_type: str, word: str) -> bool:
    """``word`` may name an object of an app's API and the node has none by that name (nor a
    synonym, plural or stem of it): not a person, a place, a time, a generic word, an app."""
    return (
        is_object_noun(word)
        and word not in NEVER_THINGS
        and word_stem(word) not in PEOPLE
        and word not in CONTAINERS
        and not names_app(word)
        and not known_to_node(node_type, word)
    )


def near_object(node_type: str, before: str, after: str) -> str | None:
    """The object named beside the app when the node lacks it (see the module docstring);
    None when the node has it, none is named, or the clause is an event of the app.

    "<A> on/of/per <App> <B>": A is asked of B when the node has B ("comments on my YouTube
    videos"); when it lacks both, B is the collection the API lists ("the rates of our Brevo
    campaigns"). A phrase with a word the node knows is a part of that record ("the HubSpot
    deal stage") unless a state the node cannot read names which ones ("tasks I completed").
    Under a verb ("build the letter from our Google Docs template") only an object written
    before the app counts: the words after it are the verb's source or place."""
    if EVENT_LEAD.search(before):
        return None  # "when a <Stripe> payment succeeds": the trigger's event, nothing asked
    named = _named_record(node_type, after)
    if named:
        return named  # "the <Salesforce> report 'Closed Won by Region'": the user's record
    governed = object_action(before) is not None
    lead = _lead_object(before) or _wanted(before)
    if lead and known_to_node(node_type, lead):
        return None
    said = _said_after(before, after)
    phrase = [] if governed and not lead else [w for w in said if is_object_noun(w)]
    if after.lstrip().startswith(":"):
        phrase = _heading_nouns(after)
    if said and all(w in CONTAINERS for w in said):
        # "check our <WordPress> site for pending comments"; "who starred our <GitHub> repo"
        phrase = _looked_for(after) or [w for w in said if known_to_node(node_type, w)]
    known = [w for w in phrase if not unknown_object(node_type, w)]
    if phrase and known:
        if lead and all(w in CONTAINERS or known_to_node(node_type, w) for w in known):
            return lead  # "comments on my <YouTube> videos", "clicks per <Bitly> link"
        state = _unread_state(node_type, before, after)
        return f"{state}_{phrase[-1]}" if state else None
    plural = [w for w in phrase if _plural(w)]
    if plural:  # a collection read: "our <Pipedrive> goals", "<Sentry> alert rules audit"
        return plural[-1]
    return lead or also_asked(node_type, after)


def _named_record(node_type: str, after: str) -> str | None:
    """The record right after the app that the user gave a name ("the <Salesforce> report
    'Closed Won by Region'", "the <Zendesk> view 'Urgent'") when the node lacks that kind of
    record: a named one is the app's own, whatever its number (a singular elsewhere is as
    often a kind n8n has, see ``_plural``); None otherwise."""
    m = NOUN_THEN_ITS_NAME.match(after)
    word = m.group(1) if m else ""
    if not word or not is_object_noun(word) or word_stem(word) in PEOPLE:
        return None
    return word_stem(word) if unknown_object(node_type, word) else None


def _plural(word: str) -> bool:
    """``word`` is a plural noun: what is read of an app is a collection ("goals", "rules");
    a singular after an app's name is as often a kind of thing n8n itself has ("a Slack
    slash command", "my OpenAI assistant", "the YouTube URL field")."""
    return word_stem(word) != word and not word.endswith(("ss", "us", "is"))


#: Words after a first word that make it a verb: "<Mailjet> tells us", "<App> posts to".
_AFTER_A_VERB = PRONOUNS | frozenset("a an the my our your us me him her you to into".split())


def _said_after(before: str, after: str) -> list[str]:
    """The noun phrase right after the app when the app's name modifies it (``MODIFIER_PLACE``),
    up to a participle; empty when the app is the subject of an event ("<Stripe> checkout
    completed", "<Mailjet> tells us") or a place ("... in <Mailchimp> straight away")."""
    if not MODIFIER_PLACE.search(before) or SOURCE_OR_PLACE.search(before):
        return []  # "build the letter from our <Google Docs> template": where, not what
    read = phrase_after("the ", re.sub(r"\bI\b", "i", after))  # "<App> tasks I completed"
    said = read[0] if read else []
    out: list[str] = []
    for word in said:
        if word in _AFTER_A_VERB or word in EVENT_VERBS or word.endswith("ed"):
            break
        out.append(word)
    tokens = words(after)
    at = tokens.index(out[-1]) + 1 if out and out[-1] in tokens else len(tokens)
    following = (tokens[at : at + 1] or [""])[0]
    if following in EVENT_VERBS or following.endswith("ed"):
        return []  # "<Stripe> checkout completed": what happened to the app's record
    verb_before = _AFTER_A_VERB | (DETERMINERS if len(out) == 1 else frozenset())
    if out and following in verb_before:
        return out[:-1]  # "<Mailjet> tells us", "<OpenAI> writes each ...": what the app did
    return out


def _wanted(before: str) -> str:
    """The object of "I want an <object> in <App>" when it may name an API's object."""
    m = WANTED_IN.search(before)
    word = m.group(1) if m else ""
    return word if is_object_noun(word) and word_stem(word) not in PEOPLE else ""


def _lead_object(before: str) -> str:
    """The noun written before the app and tied to it by a preposition ("comments on my",
    "clicks per", "episodes of") or by what someone did there ("shows I follow on"), in a
    noun's place (after an article, an adjective, a possessive or another noun)."""
    for shape in (DONE_THERE, OBJECT_BEFORE_APP):
        m = shape.search(before)
        if m is None:
            continue
        word, lead = m.group(1).lower(), before[: m.start(1)].lower().split()[-1:]
        last = lead[0] if lead else ""
        noun_place = last in _NOUN_LEADS or last.endswith("'s") or is_object_noun(last)
        fits = noun_place and is_object_noun(word) and _plural(word)
        return word if fits and word_stem(word) not in PEOPLE else ""
    return ""


#: Words after which the next word is a noun: "new comments", "which shows", "an opportunity".
_NOUN_LEADS = (
    DETERMINERS | WHICH_ONES | DESCRIBING | frozenset("which what any some many recent".split())
)


def _looked_for(after: str) -> list[str]:
    """The object nouns of "... <App> site for pending comments" (what the clause looks for in
    the place), up to the first word that is none; empty when the shape is not there."""
    m = FOR_WHAT.match(after.lower())
    out: list[str] = []
    for word in words(m.group(1)) if m else []:
        if is_object_noun(word):
            out.append(word)
        elif out:
            break
    return out


def _heading_nouns(after: str) -> list[str]:
    """The object nouns of a clause the app heads ("<Brevo>: weekly pull of open & click rates
    for our email campaigns into ..."), up to where they are put or another app."""
    out: list[str] = []
    for word in words(HEADING_INTO.split(after, maxsplit=1)[0]):
        if names_app(word):
            break
        if is_object_noun(word) and word not in NEVER_THINGS:
            out.append(word)
    return out


def _unread_state(node_type: str, before: str, after: str) -> str:
    """A state the clause reads records in ("the <Todoist> tasks I completed", "completed
    <Todoist> tasks") that the node's description never names in any of its words - its
    reads cannot select it; "" otherwise."""
    said = set(words(before)[-3:]) | set(words(after)[:5])
    described = description_words(node_type)
    for group in RECORD_STATES:
        if said & group and not any(word_stem(w) in described for w in group):
            return sorted(said & group)[0]
    return ""


def also_asked(node_type: str, after: str) -> str | None:
    """A second object of the clause's verb after the one beside the app ("create an item on
    the <monday.com> board plus one subitem per line", "a <To Do> task with checklist items")
    when the node lacks it; else None."""
    m = ALSO_ASKED.search(after)
    if m is not None and unknown_object(node_type, m.group(1)):
        return m.group(1)
    m = WITH_PARTS.search(after)
    return m.group(1) if m is not None and unknown_object(node_type, m.group(1)) else None
