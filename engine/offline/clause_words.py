"""Words and small word tests the clause readers share.

Where, when and how much ("account", "yesterday", "all"), which ones ("current", "the"), and
the actions a request writes ("pull", "refund", "schedule"): the readers in ``clause_reader``,
``asked_object``, ``node_gaps`` and ``api_call_shape`` decide what a clause asks of an app
with the same lists, so a word added to one counts the same way in all of them. The lists
and patterns are defined in ``engine.lexicon`` (section "Clause words"); this module gives them
the short names its readers import.
"""

from __future__ import annotations

import re

from engine.lexicon import (
    ARTICLES_AND_OWNERS,
    CONTAINER_NOUNS,
    PLURAL_PLACE_NOUNS,
    READING_NOUNS,
)
from engine.lexicon import EVENT_VERBS_AFTER_OBJECT as EVENT_VERBS  # noqa: F401 (near_object)
from engine.lexicon import EXTRA_ACTION_MEANINGS as EXTRA_ACTIONS
from engine.lexicon import NEVER_THING_NOUNS as NEVER_THINGS
from engine.lexicon import NON_OBJECT_NOUNS as GENERIC_NOUNS
from engine.lexicon import OBJECT_FROM_APP_AT_END as SOURCE_PREPOSITION
from engine.lexicon import OBJECT_PHRASE_END_WORDS as PHRASE_END
from engine.lexicon import PHRASE_DETERMINERS as DETERMINERS
from engine.lexicon import SEARCHING_VERBS as SEARCHING
from engine.lexicon import SOMETIMES_OFFERED_ACTIONS as OFFERED_AS
from engine.lexicon import STAND_IN_PRONOUNS as PRONOUNS
from engine.lexicon import TIME_AND_MANNER_WORDS as TIME_WORDS
from engine.lexicon import VERB_REACH_BREAKS as BREAKS
from engine.lexicon import WHICH_ONE_WORDS as WHICH_ONES
from engine.offline.operations import VERB_SYNONYMS, words

#: Actions that name their own object in an API ("refund the payment" creates a refund).
VERB_OBJECTS = frozenset({"refund"})


def word_stem(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def is_object_noun(word: str) -> bool:
    """``word`` may name what an API call reads or makes: not where, when or how much - but
    a place named in the plural is a collection of things ("Salesforce dashboards")."""
    generic = word in GENERIC_NOUNS or (
        word_stem(word) in GENERIC_NOUNS and word not in PLURAL_PLACE_NOUNS
    )
    return (
        len(word) >= 4
        and word.isalpha()
        and not generic
        and word not in TIME_WORDS
        and word not in PRONOUNS
        and word not in VERB_SYNONYMS
        and word not in PHRASE_END
    )


#: Actions as often written as nouns ("a Linear trigger on new issues"): an action only when
#: a determiner follows ("trigger the pipeline").
NOUN_ACTIONS = frozenset({"trigger"})


def governing_action(before_words: list[str]) -> str | None:
    """The action that governs the object: the nearest verb before it ("pull", "list",
    "add") with at most three describing words between ("all", "yesterday's", "new", "my"),
    or "get" for "a digest of ..." (a reading noun, then "of"); None when there is none."""
    tail = before_words[-5:]
    for i in range(len(tail) - 1, -1, -1):
        word = tail[i]
        if i + 1 < len(tail) and tail[i + 1] == "s":
            continue  # "each issue's ...": a possessive noun, not the verb "issue"
        if word.endswith("s") and (word[:-1] in VERB_SYNONYMS or word[:-1] in EXTRA_ACTIONS):
            word = word[:-1]  # "a step that pulls ...": the verb's third person
        if word == "of" and i > 0 and tail[i - 1] in READING_NOUNS:
            return "get"
        if word in NOUN_ACTIONS and tail[i + 1 : i + 2] not in [[d] for d in DETERMINERS]:
            continue  # "the Linear trigger on new issues": a noun
        if i > 0 and (tail[i - 1] in ARTICLES_AND_OWNERS or tail[i - 1].endswith("ed")):
            continue  # "the merged merge requests": a noun's first word, not the action
        if (word in VERB_SYNONYMS and word not in DESCRIBING) or word in EXTRA_ACTIONS:
            return word
        if word == "for" and i > 0 and tail[i - 1] in SEARCHING:
            return tail[i - 1]  # "check for new payouts": a search, then what it finds
        if word in BREAKS:
            return None
    return None


def governing_verb(before_words: list[str]) -> bool:
    return governing_action(before_words) is not None


#: "<object> to/in/on <App>" after a verb that makes something: "add a comment to the Notion
#: page", "create the fulfillment in Shopify".
TARGET_PREPOSITION = re.compile(r"(?:^|\s)([A-Za-z][\w-]*)\s+(to|in|on)\s+(?:\w+\s+)?$")
#: Where an object lives, written between it and the app ("the current cycle for our team in
#: <Linear>") or right after the app ("a scheduled event on our <Discord> server").
CONTAINERS = CONTAINER_NOUNS


def acts_on_following(word: str, following: list[str]) -> bool:
    """An "-ing" word that acts on what follows ("comments mentioning me", "requests waiting
    on review"), not one naming a kind ("time tracking entries")."""
    if not word.endswith("ing"):
        return False
    nxt = following[0].lower().strip(",.;:!?") if following else ""
    return not nxt or nxt in PHRASE_END or nxt in PRONOUNS or nxt in ("me", "us", "you")


def kind_of_many(phrase: list[str] | tuple[str, ...]) -> bool:
    """ "time entries", "marketing emails", "activity logs": a generic plural head after a
    word that says which kind of thing - together they name an object."""
    if len(phrase) < 2:
        return False
    head, kind = phrase[-1], phrase[-2]
    generic = word_stem(head) in GENERIC_NOUNS and word_stem(head) != head
    return generic and (kind == "time" or (is_object_noun(kind) and not kind.endswith("ed")))


def compound_head(following: list[str]) -> bool:
    """The next word is a plural noun ("requests", "entries"): a verb-like or time word right
    before it ("pull", "time") begins a compound noun, not an action or a time."""
    nxt = following[0].lower() if following else ""
    return (
        nxt.isalpha()
        and len(nxt) >= 4
        and nxt.endswith("s")
        and not nxt.endswith("ss")
        and nxt not in PHRASE_END
        and nxt not in VERB_SYNONYMS
        and nxt not in TIME_WORDS
        and nxt not in PRONOUNS
    )


def is_thing(word: str) -> bool:
    """``word`` may name a thing of an app whose node has no actions at all ("Calendly
    events", "Typeform responses"): generic words of records count there, not of places."""
    return (
        len(word) >= 4
        and word.isalpha()
        and word_stem(word) not in NEVER_THINGS
        and word not in NEVER_THINGS
        and word not in TIME_WORDS
        and word not in PRONOUNS
        and word not in VERB_SYNONYMS
        and word not in PHRASE_END
    )


def as_action(word: str) -> str | None:
    """``word`` as an action ("schedules" -> "schedule"); None when it is none."""
    for bare in (
        word,
        word[:-1] if word.endswith("s") else "",
        word[:-2] if word.endswith("es") else "",
    ):
        if bare in VERB_SYNONYMS or bare in EXTRA_ACTIONS or bare in OFFERED_AS:
            return None if bare in DESCRIBING else bare
    return None


def object_action(before: str) -> str | None:
    """The action governing the clause's object (see ``governing_action``); for "<object>
    from/in/on <App>", the one before the object."""
    source = SOURCE_PREPOSITION.search(before)
    return governing_action(words(before[: source.start(1)] if source else before))


#: Words VERB_SYNONYMS reads as verbs that describe which things, not what to do with them.
DESCRIBING = frozenset({"new", "all", "many", "unread"})


def names_kind(word: str, head: str) -> bool:
    """A word before the head that says which kind of thing ("satisfaction ratings",
    "discount codes"), not which ones: "failed payouts" are payouts - unless the head alone
    says nothing ("scheduled events")."""
    if not is_object_noun(word) or word in WHICH_ONES:
        return False  # "the active subscription" is a subscription
    return not word.endswith("ed") or word_stem(head) in GENERIC_NOUNS or head in GENERIC_NOUNS


def clause_reads(before: str) -> bool:
    """The clause's action reads ("get", "list", "fetch")."""
    action = object_action(before) or ""
    return VERB_SYNONYMS.get(action, ("",))[0] in ("get", "getall", "read", "search", "list")
