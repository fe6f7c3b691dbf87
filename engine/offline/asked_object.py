"""The object a clause asks of an app, read from the shapes requests are written in.

"Stripe refunds", "the comments from Notion", "check Stripe for new disputes", "use Stripe to
list payouts": the usual shapes first, then the clause reader for anything else.
"""

from __future__ import annotations

import re

from engine.lexicon import APP_AS_MEANS_AT_END, CONDITION_WORD, CONTAINER_NOUNS, TO_IT_BEFORE_APP
from engine.offline.app_naming import names_app
from engine.offline.clause_reader import clause_action, clause_object, is_done
from engine.offline.clause_words import (
    CONTAINERS,
    DESCRIBING,
    DETERMINERS,
    EXTRA_ACTIONS,
    GENERIC_NOUNS,
    NEVER_THINGS,
    PHRASE_END,
    PRONOUNS,
    SEARCHING,
    SOURCE_PREPOSITION,
    TARGET_PREPOSITION,
    TIME_WORDS,
    WHICH_ONES,
    acts_on_following,
    compound_head,
    governing_action,
    governing_verb,
    is_object_noun,
    is_thing,
    kind_of_many,
    names_kind,
    word_stem,
)
from engine.offline.operations import VERB_SYNONYMS, words


def _source_fits(m: re.Match[str], before: str) -> bool:
    """ "<object> from <App>" always names what is read; "<object> in/on <App>" under one
    of ``EXTRA_ACTIONS`` ("cancel the subscription in Stripe"), or a plural thing ("look up
    the customer's invoices in Stripe"): after everyday verbs the word is as often a person
    or a place ("DM the owner on Slack", "find the client in HubSpot")."""
    if m.group(2).lower() == "from":
        return True
    if governing_action(words(before[: m.start(1)])) in EXTRA_ACTIONS:
        return True
    word = m.group(1).lower()
    if re.search(r"\b(?:current|active|upcoming|next|latest)\s+$", before[: m.start(1)]):
        return _is_made_thing(word)  # "the current sprint in <Jira>": one of a kind of thing
    return word_stem(word) != word and _is_made_thing(word) and _own_object(before[: m.start(1)])


def _own_object(lead: str) -> bool:
    """No other name stands between the verb and the object: in "post a digest of Stripe
    refunds in Slack" the refunds are Stripe's, not asked of Slack."""
    return not any(t[:1].isupper() for t in lead.split()[-4:][1:])


#: People and the everyday things every work app holds: after "in/on/to <App>" they are
#: where something goes or who it is for, never an API object the node lacks.
_PEOPLE = frozenset(
    """client customer user member people person owner recipient employee candidate lead
    contact subscriber guest participant colleague manager teammate team admin assignee
    reviewer author sender vendor partner student patient volunteer them him her everyone""".split()
)
#: The people words, for readers elsewhere: who something is for, never an API's object.
PEOPLE = _PEOPLE
_PEOPLE_AND_ITEMS = _PEOPLE | frozenset(
    """task ticket issue item card note entry page post event todo story bug record row document
    doc file folder message project deal meeting appointment list board sheet table channel
    thread chat group space""".split()
)
#: "<object> for/of/on/in our [<container>] in/on <App>": the object, then where it lives.
_ACROSS_CONTAINER = re.compile(
    r"(?:^|\s)([a-z][\w-]*)\s+(?:for|of|on|in|from|to|at)\s+(?:our|my|the|your|their)\s+"
    r"(?:([a-z][\w-]*)\s+(?:in|on|from|at)\s+)?$"
)


def _object_across_container(before: str, after: str) -> tuple[list[str], str] | None:
    """The object of a clause that says where it lives between it and the app: "get the
    current cycle for our team in <Linear>", "create a tag in our <GitLab> repo". People
    (who something is for) are not objects here; None when the shape is not there."""
    m = _ACROSS_CONTAINER.search(before)
    if m is None:
        return None
    place = m.group(2) or (words(after)[:1] or [""])[0]
    word = m.group(1)
    thing = len(word) >= 3 and word.isalpha() and word not in PRONOUNS | PHRASE_END
    if place not in CONTAINERS or not thing or word in CONTAINERS or word_stem(word) in _PEOPLE:
        return None
    named = re.search(r"\b(?:a|an|the|new)\s+$", before[: m.start(1)])  # "a label": a thing
    if word in TIME_WORDS or (word in VERB_SYNONYMS and not named) or word in NEVER_THINGS:
        return None
    kind = re.search(r"\b([a-z]+)\s+$", before[: m.start(1)])  # "merge requests", "pull ..."
    if kind and kind.group(1) not in WHICH_ONES and names_kind(kind.group(1), word):
        return [kind.group(1), word], before[: kind.start(1)]
    return [word], before[: m.start(1)]


def _is_made_thing(word: str) -> bool:
    """``word`` (after "in/on/to <App>") may name an object of the app's API: a thing, not a
    person or an everyday item that any work app holds (``_PEOPLE_AND_ITEMS``)."""
    return is_object_noun(word) and word_stem(word) not in _PEOPLE_AND_ITEMS


#: "<object> for each <record> from <App>": the object, not the record it is read for.
_FOR_EACH_SOURCE = re.compile(
    r"(?:^|\s)([a-z][\w-]*)\s+(?:for|of|on)\s+(?:each|every|all|the|their|its)\s+[a-z]+\s+"
    r"from\s+(?:\w+\s+)?$"
)


def _object_before(before: str, after_phrase: bool) -> tuple[list[str], str] | None:
    """The object written before the app's name and the text leading to it: "the comments
    from <Notion>", "refunds in <Stripe>" (see ``_source_fits``); or, after a verb that makes
    something, "a comment to the <Notion> page", "the fulfillment in <Shopify>". None when the
    object is not there."""
    each = _FOR_EACH_SOURCE.search(before)
    if each and not after_phrase and each.group(1).islower():
        return [each.group(1)], before[: each.start(1)]  # "the refunds for each order from"
    m = SOURCE_PREPOSITION.search(before)
    if m and not after_phrase and m.group(1).islower() and _source_fits(m, before):
        word = m.group(1).lower()  # "timeline events from <GitHub>": a kind, then the object
        kind = kind_before(before, word) if word_stem(word) in GENERIC_NOUNS else []
        return [*kind, word], before[: m.start(1) - (len(kind[0]) + 1 if kind else 0)]
    t = TARGET_PREPOSITION.search(before)
    made_as = t is not None and re.search(r"\bas\s+(?:a|an|new)\s+$", before[: t.start(1)])
    if made_as and is_object_noun(t.group(1)) and word_stem(t.group(1)) not in _PEOPLE:
        return [t.group(1)], before[: t.start(1)]  # "create it as a project in <Linear>"
    if t is None or not t.group(1).islower() or not _is_made_thing(t.group(1).lower()):
        return None
    if not _own_object(before[: t.start(1)]):
        return None
    action = governing_action(words(before[: t.start(1)]))
    if VERB_SYNONYMS.get(action or "", ("",))[0] not in ("create", "append", "insert"):
        return None
    return [t.group(1).lower()], before[: t.start(1)]


def kind_before(before: str, head: str) -> list[str]:
    """The kind word written right before an object named before the app ("a discount code
    in <Shopify>": discount); empty when there is none."""
    m = re.search(
        r"([a-z][a-z-]*)\s+" + re.escape(head) + r"\s+(?:from|in|on|to)\s+(?:\w+\s+)?$", before
    )
    if m and names_kind(m.group(1), head) and m.group(1) not in PHRASE_END | WHICH_ONES:
        return [m.group(1)]
    return []


#: People put into something of the app's: "enroll them in a <HubSpot> sequence", "add the
#: contact to a <Mailchimp> segment" - the sequence is what the clause asks of the app.
_ENROLLED = re.compile(
    r"\b(?:add|enrol|enroll|subscribe|register|sign\s+up|put)\s+(?:them|him|her|the\s+(?:"
    + "|".join(sorted(_PEOPLE - {"them", "him", "her", "everyone", "people"}))
    + r")s?)\s+(?:to|in|into|for|on)\s+(?:a|an|the|our|my|their)\s+$",
    re.I,
)


def asked_object(before: str, after: str, *, any_thing: bool = False) -> tuple[str, ...]:
    """The noun phrase (head noun last) naming what the clause asks of the app: the shapes
    ``_asked_by_shape`` knows first, else the phrase its action governs wherever the app is
    named in the clause (``clause_object``)."""
    shaped = _asked_by_shape(before, after, any_thing=any_thing)
    if shaped or NAMES_ITS_API.match(after):
        return shaped  # "the QuickBooks API (http)": a call the request names itself
    return clause_object(before, after, any_thing=any_thing)


#: Subjects of what is said about the object ("the post we made"): they end its phrase.
_SUBJECTS = frozenset("we i you they he she who whenever once unless because while until".split())
#: A determiner right before the app: the word after the app is a noun ("the <App> post").
_DETERMINED = re.compile(r"\b(?:the|a|an|my|our|your|their|its|this|that|each|every)\s+$", re.I)


def _phrase_after(before: str, after: str) -> tuple[list[str], str] | None:
    """The noun phrase written right after the app's name ("<Stripe> refunds into ...":
    refunds) and the verb's word a determiner before the app made its noun ("the <LinkedIn>
    post": post), or ""; None when the name goes on with another capitalised word."""
    phrase: list[str] = []
    determined = ""  # a verb's word made a noun by the determiner before the app
    tokens = re.split(r"\s+", after.strip())
    quoted = False
    for i, token in enumerate(tokens):
        if phrase and token[:1] in "'\u2018\u201c\"" and len(token) > 2:
            break  # "the <App> automation 'Demo follow-up'": the thing, then its name
        if quoted or (not phrase and token[:1] in "'\u2018" and len(token) > 2):
            quoted = not token.rstrip(",.;:!?").endswith(("'", "\u2019"))  # "'welcome series'"
            continue  # a name the user gave the thing: which one, then what it is
        if token[:1].isupper() and not re.fullmatch(r"[A-Z]{2,4}s?[,.;:!?]?", token):
            return None
        word = token.lower().strip("'\u2019")
        if not phrase and i == 0 and word == "s" and token[:1] in "'\u2019":
            continue  # "<Shopify>'s abandoned checkouts": the possessive, then the object
        if not re.fullmatch(r"[a-z][a-z-]*(?:'s)?[,.;:!?]?", word):
            break
        bare = word.rstrip(",.;:!?").removesuffix("'s")
        if not phrase and bare == word and compound_head(tokens[i + 1 : i + 2]):
            phrase.append(bare)  # "pull requests", "time entries": one noun of two words
            continue
        nxt = tokens[i + 1].lower() if i + 1 < len(tokens) else ""
        if not phrase and bare == word == "time" and nxt.isalpha() and nxt not in PHRASE_END:
            phrase.append(bare)  # "time tracking entries", "time off requests"
            continue
        if bare in TIME_WORDS and bare != word:
            continue  # "yesterday's payouts": which ones, then the object
        if not phrase and bare in DESCRIBING:
            continue  # "for new fraud warnings": which ones, then the object
        if bare in _SUBJECTS:
            break  # "the post we made for it": what is said about it begins
        if not phrase and bare in VERB_SYNONYMS and _DETERMINED.search(before):
            phrase.append(bare)  # "find the <LinkedIn> post we made": a noun after "the"
            determined = bare
            continue
        if bare in PHRASE_END or bare in VERB_SYNONYMS or bare in TIME_WORDS:
            break
        if phrase and (bare.endswith("ed") or acts_on_following(bare, tokens[i + 1 : i + 2])):
            break  # "the Stripe disputes opened today": what follows describes them
        phrase.append(bare)
        if word != word.rstrip(",.;:!?"):
            break
    return phrase, determined


def phrase_after(before: str, after: str) -> tuple[list[str], str] | None:
    """The noun phrase written right after the app's name, whatever governs it (see
    ``_phrase_after``): what ``near_object`` weighs when no verb does."""
    return _phrase_after(before, after)


def asked_product(before: str, after: str) -> str:
    """The product of the app's API the clause names right after the app, lower-cased ("use
    Twilio Lookup to ...", "check it with Stripe Radar", "save it in the Supabase Storage
    bucket", "create a Stripe Checkout session"); "" when there is none."""
    used = re.match(r"\s*([A-Z][a-z]{2,})(?:\s+(?:to|for)\s|\s*(?:[,.;:!?)]|$))", after)
    if used and APP_AS_MEANS_AT_END.search(before) and used.group(1).lower() not in NEVER_THINGS:
        return used.group(1).lower()
    part = re.match(r"\s*([A-Z][a-z]{2,})\s+[a-z]", after)
    if part and clause_action(before) and _names_product(part.group(1).lower()):
        return part.group(1).lower()
    return ""


def _names_product(word: str) -> bool:
    """A capitalised word after the app's name names a product of its API ("Storage",
    "Checkout"): not a day, a generic word, or another app."""
    return word not in NEVER_THINGS and word not in _WHEN_WORDS and not names_app(word)


def _asked_by_shape(before: str, after: str, *, any_thing: bool = False) -> tuple[str, ...]:
    """The noun phrase (head noun last) naming what the clause asks of the app between
    ``before`` and ``after``, when an action governs it: "pull yesterday's Stripe refunds into
    ..." -> ("refunds",), the phrase after the name; "get the comments from Notion" ->
    ("comments",). Empty when no action verb comes right before ("ERPNext posts to a
    webhook"), when the name goes on ("Google Doc") or punctuation follows it ("Stripe: ..."),
    or when the head says where or when rather than what."""
    looked_for = re.match(r"\s*(?:(?:every|each)\s+\w+\s+|[a-z]+ly\s+)?for\s+(.*)", after, re.S)
    if looked_for and governing_action(words(before)) in SEARCHING:
        after = " " + looked_for.group(1)  # "check Stripe for new disputes"
    heading = re.match(r"\s*:\s*(\w+)\s+(.*)", after, re.S)
    if heading and not words(before[-30:]) or heading and _only_when(before):
        # "Each morning Stripe: list yesterday's refunds": the app heads what is asked of it
        lead, rest = _heading_order(heading.group(1) + " " + heading.group(2))
        return asked_object(lead, rest, any_thing=any_thing)
    product = asked_product(before, after)
    if product:
        return (product,)
    used_to = re.match(r"\s*to\s+(\w+)\s+(.*)", after, re.S)
    if used_to and APP_AS_MEANS_AT_END.search(before):  # "use Stripe to list yesterday's payouts"
        return asked_object(used_to.group(1) + " ", " " + used_to.group(2), any_thing=any_thing)
    if NAMES_ITS_API.match(after):
        return ()  # "the Stripe API ...": a call the request names (see ``explicit_api``)
    gloss = re.match(r"\s*(?:'s\s+)?([a-z][a-z -]*?)\s*\)", after)
    if gloss and before.rstrip().endswith("(") and "(" not in before.rstrip()[:-1][-40:]:
        # "find out who owns it (<HubSpot>'s owners)": the gloss names what the clause reads
        return asked_object("get ", " " + gloss.group(1), any_thing=any_thing)
    read = _phrase_after(before, after)
    if read is None:
        return ()  # "Nextcloud Talk", "Google Doc": the name goes on, another product
    phrase, determined = read
    ends = (words(after)[1:2] or ["and"])[0] in PHRASE_END  # not "newsletter list"
    ends = ends or re.match(r"\s*\S+\s+['\u2018\u201c\"]", after) is not None  # its name
    if len(phrase) == 1 and ends and _ENROLLED.search(before) and is_object_noun(phrase[0]):
        return tuple(phrase)  # "enroll them in a <HubSpot> sequence": what they join
    found = _object_before(TO_IT_BEFORE_APP.sub(" ", before), bool(phrase))
    if found is None and (not phrase or phrase[-1] in CONTAINERS):
        across = _object_across_container(before, after)
        if across is not None and governing_verb(words(across[1])):
            return tuple(across[0])  # "a tag in our <GitLab> repo": any thing, short or generic
    if _READ_AFTER.match(after) and _object_word(before):
        phrase, lead = [_object_word(before)], "get "  # "all payouts <Stripe> made last week"
    elif found is not None:  # "the comments from Notion", "add a comment to the Notion page"
        phrase, lead = found
    elif phrase and not SOURCE_PREPOSITION.search(before):
        lead = before
    else:
        return ()  # nothing asked, or "posts from our Ghost blog": data in a named container
    head = phrase[-1]
    fits = is_object_noun(head) or (any_thing and is_thing(head)) or kind_of_many(phrase)
    fits = fits or (phrase == [determined] and word_stem(head) not in GENERIC_NOUNS)
    if is_done(head):
        return ()  # "the posts we made": what was done to it, never a thing (no "/mades")
    verb = governing_verb(words(lead)) or imperative_verb(lead)
    if not (verb or _read_without_verb(lead, after)) or not fits:
        return ()
    return tuple(phrase)


def _heading_order(order: str) -> tuple[str, str]:
    """The order after "<App>:" split where the app's object begins, as if the app were named
    there: "each evening fetch the active sprint of board 12" -> ("fetch the active ", " sprint
    of board 12"); words of when first and the object's determiner and which-one words go to
    the lead. An order that opens with a condition ("when the webhook says a project is
    finished, archive its page") asks in its main clause, after the comma; with no comma there
    is no order to read (the condition's own verb would be taken for the object)."""
    if CONDITION_WORD.match(order.lstrip()):
        main = order.partition(",")[2]
        return _heading_order(main) if main.strip() else ("", "")
    tokens = order.split()
    while len(tokens) > 1 and (
        tokens[0].lower() in TIME_WORDS | _WHEN_WORDS or tokens[0].isdigit()
    ):
        tokens = tokens[1:]
    at = 1
    while at < len(tokens) - 1 and tokens[at].lower() in DETERMINERS | WHICH_ONES:
        at += 1
    return " ".join(tokens[:at]) + " ", " " + " ".join(tokens[at:])


def imperative_verb(lead: str) -> str:
    """The clause's verb when no word list knows it, read from the shape of an order that
    makes something: after words of when only, its first word, then "a"/"an" right before
    the app ("set a <Slack> reminder for ..."); "" when the clause has no such shape. ("ask
    my <OpenAI> assistant", "open the <LinkedIn> page" name something that is there.)"""
    said = words(lead)
    while said and (said[0] in TIME_WORDS or said[0] in _WHEN_WORDS or said[0].isdigit()):
        said = said[1:]
    if len(said) != 2 or said[1] not in ("a", "an"):
        return ""
    first = said[0]
    if len(first) < 3 or first in PHRASE_END or first in DETERMINERS or first in PRONOUNS:
        return ""
    return first if first.isalpha() and not first.endswith(("ed", "ly")) else ""


#: What an app did, right after its name: "payouts Stripe made", "refunds Shopify issued".
_READ_AFTER = re.compile(r"\s+(?:made|sent|paid|issued|processed|created|received|logged)\b")
#: The object's phrase goes on to where it is put, with no verb: "<App> payouts every Monday
#: to Google Sheets", "<App> ticket audits -> Google Sheets"; or it is done to passively:
#: "<App> refunds get copied into Airtable".
_PUT_SOMEWHERE = re.compile(
    r"^\s*(?:[\w'-]+\s+){1,5}?(?:->|\u2192|to\s|into\s|(?:get|gets|are|is|be)\s+\w+ed\b)"
    r"|^\s*(?:[\w'-]+\s+){0,4}[\w'-]+:\s*(?:list|get|pull|fetch|grab|read|collect|export)\b"
)


def _object_word(before: str) -> str:
    """The plural noun right before the app's name ("all payouts <Stripe>"), or ""."""
    m = re.search(r"\b([a-z]{4,})\s+$", before)
    word = m.group(1) if m else ""
    return word if word.endswith("s") and is_object_noun(word) else ""


def _read_without_verb(lead: str, after: str) -> bool:
    """No verb governs the object, but the clause reads it: it starts with the app (after
    only words of when) and puts the object somewhere (see ``_PUT_SOMEWHERE``)."""
    put = _PUT_SOMEWHERE.match(after)
    first = (words(after)[:1] or [""])[0]
    if put is None or first.removesuffix("s") in VERB_SYNONYMS:
        return False  # "<App> posts to a webhook": the app acts, nothing is asked of it
    return put.group(0).rstrip().endswith("ed") or not words(lead) or _only_when(lead)


def _only_when(before: str) -> bool:
    """``before`` says only when ("Each morning ", "Every Monday at 9 "): no action."""
    said = words(before)
    return bool(said) and all(
        w in TIME_WORDS or w in _WHEN_WORDS or w.isdigit() or len(w) <= 2 for w in said
    )


#: Words that say when, besides ``TIME_WORDS`` (week days, "every", "each").
_WHEN_WORDS = frozenset(
    """every each at on in the a an monday tuesday wednesday thursday friday saturday sunday
    weekday weekdays weekend am pm noon midnight""".split()
)


#: "the Stripe REST API", "my WordPress site REST api", "Shopify's GraphQL API": a call the
#: request names itself (see ``explicit_api``), not something asked of the app's node.
NAMES_ITS_API = re.compile(
    r"\s*(?:'s\s+)?(?:(?:" + "|".join(sorted(CONTAINER_NOUNS)) + r")\s+)?"
    r"(?:rest\s+|graphql\s+)?api\b",
    re.I,
)
