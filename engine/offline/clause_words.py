"""Words and small word tests the clause readers share.

Where, when and how much ("account", "yesterday", "all"), which ones ("current", "the"), and
the actions a request writes ("pull", "refund", "schedule"): the readers in ``clause_reader``,
``asked_object``, ``node_gaps`` and ``api_call_shape`` decide what a clause asks of an app
with the same lists, so a word added here counts the same way in all of them.
"""

from __future__ import annotations

import re

from engine.lexicon import CONTAINER_NOUNS, READING_NOUNS
from engine.offline.operations import VERB_SYNONYMS, words

#: Nouns that say where, when or how much - never the thing an API call fetches or makes.
GENERIC_NOUNS = frozenset(
    """account workspace instance api app apps data info information detail details stuff thing
    things record records item items entry entries update updates event events result results
    list stat stats number numbers everything anything crm store shop site website team org
    organization dashboard portal integration bot server inbox channel change changes activity
    trigger webhook node credential key token connection side end one ones last latest recent
    new old open closed all each every any some total count summary digest recap overview
    notification notifications alert alerts message messages email emails mail step steps
    nodes content contents text body endpoint endpoints""".split()
)
#: Words of time and manner after the object: they end its phrase ("Stripe refunds weekly").
TIME_WORDS = frozenset(
    """today yesterday tomorrow tonight daily weekly monthly hourly nightly yearly week month
    day days morning evening night hour minute time now later again first already instead
    otherwise too also anymore only automatically""".split()
)
#: Kinds of file: a node that keeps files keeps these.
FILE_KINDS = frozenset(
    """image photo picture video audio recording csv pdf invoice receipt contract screenshot
    attachment document doc spreadsheet presentation slide logo thumbnail backup""".split()
)
#: Actions VERB_SYNONYMS does not list, with what they do: a read or a write.
EXTRA_ACTIONS = {
    "export": "get",
    "reconcile": "get",
    "compare": "get",
    "poll": "get",
    "scan": "get",
    "monitor": "get",
    "watch": "get",
    "download": "get",
    "issue": "create",
    "refund": "create",
    "cancel": "update",
    "void": "update",
    "capture": "create",
    "enroll": "create",
    "enrol": "create",
    "leave": "create",  # "leave a comment on ..."
    "pause": "update",
    "resume": "update",
    "snooze": "update",
    "reopen": "update",
    "restore": "update",
    "unarchive": "update",
    "redeem": "create",
    # actions n8n's operations are named by ("Trigger a pipeline", "Merge a pull request")
    "trigger": "create",
    "rerun": "create",
    "retry": "create",
    "resend": "create",
    "dispatch": "create",
    "merge": "update",
    "rename": "update",
    "unlock": "update",
    "assign": "update",
    "unassign": "update",
    "enable": "update",
    "disable": "update",
    "deactivate": "update",
    "reactivate": "update",
    "purge": "delete",
    "flush": "delete",
    "invalidate": "delete",
    "attach": "create",
}
#: Actions done to a thing the node has that only some APIs offer, with the operation names
#: that offer them ("duplicate" is Mailchimp's "replicate"): see ``unoffered_action``.
OFFERED_AS = {
    "schedule": ("schedule",),
    "duplicate": ("duplicate", "replicate", "copy", "clone"),
    "clone": ("duplicate", "replicate", "copy", "clone"),
    "publish": ("publish", "update"),  # a post's update sets its status
    "unpublish": ("unpublish", "update"),
    "approve": ("approve", "review"),
    "pin": ("pin",),
}
#: Actions that name their own object in an API ("refund the payment" creates a refund).
VERB_OBJECTS = frozenset({"refund"})
#: Words that end the object phrase after the app's name ("Stripe refunds into ...").
PHRASE_END = frozenset(
    """a an the of on in to for from by with and or into onto via then when if that which
    who as at so but while where after before per each every all my our your their its
    this under over about through across within without since until during like than
    using""".split()
)
#: "<object> from Stripe": the word before one of these, right before the app, is the object.
SOURCE_PREPOSITION = re.compile(r"(?:^|\s)([A-Za-z][\w-]*)\s+(from|in|on)\s+(?:\w+\s+)?$")
#: Words between a verb and its object that end the verb's reach ("... if the customer").
BREAKS = frozenset(
    "if when whether while because and or but then that which who to on in at into onto for "
    "with via by through from".split()
)


def word_stem(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


#: Words that stand for something named elsewhere: never the object itself.
PRONOUNS = frozenset("them they these those this that it its everything everyone".split())


def is_object_noun(word: str) -> bool:
    """``word`` may name what an API call reads or makes: not where, when or how much - but
    a place named in the plural is a collection of things ("Salesforce dashboards")."""
    generic = word in GENERIC_NOUNS or (word_stem(word) in GENERIC_NOUNS and word not in _PLACES)
    return (
        len(word) >= 4
        and word.isalpha()
        and not generic
        and word not in TIME_WORDS
        and word not in PRONOUNS
        and word not in VERB_SYNONYMS
        and word not in PHRASE_END
    )


#: Plurals of ``GENERIC_NOUNS`` places that an API lists as things of their own.
_PLACES = frozenset("dashboards portals websites sites workspaces servers".split())


#: Actions as often written as nouns ("a Linear trigger on new issues"): an action only when
#: a determiner follows ("trigger the pipeline").
NOUN_ACTIONS = frozenset({"trigger"})
#: Articles and owners: a verb's word right after one is a noun ("the merge requests"); not
#: "that", which also begins a clause ("a step that pulls ...").
_ARTICLES = frozenset("a an the our my your their its".split())
#: Words that begin a thing's phrase after its action.
DETERMINERS = frozenset("a an the our my your their its this that these those each every".split())


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
        if i > 0 and (tail[i - 1] in _ARTICLES or tail[i - 1].endswith("ed")):
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


#: Verbs that look inside an app for something ("check Stripe for new disputes").
SEARCHING = frozenset("check search query look scan poll monitor watch find".split())
#: The app is the means: "use Stripe to ...", "with Stripe to ...".
USING = re.compile(r"\b(use|using|with|via)\s*$", re.I)
#: "<object> to/in/on <App>" after a verb that makes something: "add a comment to the Notion
#: page", "create the fulfillment in Shopify".
TARGET_PREPOSITION = re.compile(r"(?:^|\s)([A-Za-z][\w-]*)\s+(to|in|on)\s+(?:\w+\s+)?$")
#: Where an object lives, written between it and the app ("the current cycle for our team in
#: <Linear>") or right after the app ("a scheduled event on our <Discord> server").
CONTAINERS = CONTAINER_NOUNS


#: Words that say which one of a kind ("the current sprint"), never what kind.
WHICH_ONES = frozenset("current active upcoming next latest open new last first".split())
#: "add a comment to it in <App>": the record at hand, between the object and the app.
TO_IT = re.compile(r"\s+(?:to|on|for)\s+(?:it|them)\s+(?=(?:in|on|to)\s+(?:\w+\s+)?$)")


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


#: Nouns that never name what an API call reads or makes, even of an app with no actions.
NEVER_THINGS = frozenset(
    """account workspace instance api app apps data info information detail details stuff
    thing things everything anything integration bot server side end one ones""".split()
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


THAT_THING = re.compile(
    r"\b(\w+)\s+(?:that|this|those|these|each|every|the)\s+(?:(?:new|same)\s+)?"
    r"((?:[a-z]+\b\s*){0,3})"
)
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


#: Where a clause before an app's name begins: a sentence mark, ", ", or "and"/"then" (a
#: second action: "refund it in Stripe and tell #billing on Slack").
#: A period or colon between letters or digits ("10:00", "A1:H200", "reminders.add") is part of
#: a word, not a clause's end.
CLAUSE_BREAK = re.compile(r"[;!?\n]|[.:](?!\w)|,\s|\b(?:and|then)\s")
#: Verbs of an event after its object: they end the object's phrase.
EVENT_VERBS = frozenset(
    """is are was gets get has have starts start arrives arrive comes come appears appear lands
    land opens open closes close happens begins ends changes goes becomes exists exist remains
    remain""".split()
)
