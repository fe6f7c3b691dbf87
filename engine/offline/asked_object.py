"""The object a clause asks of an app, read from the shapes requests are written in.

"Stripe refunds", "the comments from Notion", "check Stripe for new disputes", "use Stripe to
list payouts": the usual shapes first, then the clause reader for anything else.
"""

from __future__ import annotations

import re

from engine.lexicon import (
    APP_AS_MEANS_AT_END,
    ARTICLE_OR_NEW_AT_END,
    COMPUTED_BY_THE_WORKFLOW,
    CONDITION_WORD,
    DETERMINER_AT_END,
    DONE_BY_APP_AFTER,
    GIVEN_A_VALUE,
    LOOKED_FOR_AFTER_APP,
    MADE_AS_AT_END,
    NAMES_ITS_API,
    NOT_AN_ORDER_WORDS,
    OBJECT_ACROSS_CONTAINER,
    OBJECT_FOR_EACH_SOURCE,
    OWNER_WORDS,
    PEOPLE_AND_EVERYDAY_ITEMS,
    PEOPLE_ENROLLED_INTO,
    PRODUCT_USED_AFTER_APP,
    PUT_SOMEWHERE_AFTER_APP,
    SUBJECT_WORDS,
    TO_IT_BEFORE_APP,
    VERB_PARTICLES,
    WHEN_WORDS,
    WHICH_ONE_AT_END,
    kind_word_before,
)
from engine.lexicon import PEOPLE_NOUNS as PEOPLE
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
    if WHICH_ONE_AT_END.search(before[: m.start(1)]):
        return _is_made_thing(word)  # "the current sprint in <Jira>": one of a kind of thing
    return word_stem(word) != word and _is_made_thing(word) and _own_object(before[: m.start(1)])


def _own_object(lead: str) -> bool:
    """No other name stands between the verb and the object: in "post a digest of Stripe
    refunds in Slack" the refunds are Stripe's, not asked of Slack."""
    return not any(t[:1].isupper() for t in lead.split()[-4:][1:])


def _object_across_container(before: str, after: str) -> tuple[list[str], str] | None:
    """The object of a clause that says where it lives between it and the app: "get the
    current cycle for our team in <Linear>", "create a tag in our <GitLab> repo". People
    (who something is for) are not objects here; None when the shape is not there."""
    m = OBJECT_ACROSS_CONTAINER.search(before)
    if m is None:
        return None
    place = m.group(2) or (words(after)[:1] or [""])[0]
    word = m.group(1)
    thing = len(word) >= 3 and word.isalpha() and word not in PRONOUNS | PHRASE_END
    if place not in CONTAINERS or not thing or word in CONTAINERS or word_stem(word) in PEOPLE:
        return None
    named = ARTICLE_OR_NEW_AT_END.search(before[: m.start(1)])  # "a label": a thing
    if word in TIME_WORDS or (word in VERB_SYNONYMS and not named) or word in NEVER_THINGS:
        return None
    kind = re.search(r"\b([a-z]+)\s+$", before[: m.start(1)])  # "merge requests", "pull ..."
    if kind and kind.group(1) not in WHICH_ONES and names_kind(kind.group(1), word):
        return [kind.group(1), word], before[: kind.start(1)]
    return [word], before[: m.start(1)]


def _is_made_thing(word: str) -> bool:
    """``word`` (after "in/on/to <App>") may name an object of the app's API: a thing, not a
    person or an everyday item that any work app holds (``PEOPLE_AND_EVERYDAY_ITEMS``)."""
    return is_object_noun(word) and word_stem(word) not in PEOPLE_AND_EVERYDAY_ITEMS


def _object_before(before: str, after_phrase: bool) -> tuple[list[str], str] | None:
    """The object written before the app's name and the text leading to it: "the comments
    from <Notion>", "refunds in <Stripe>" (see ``_source_fits``); or, after a verb that makes
    something, "a comment to the <Notion> page", "the fulfillment in <Shopify>". None when the
    object is not there."""
    each = OBJECT_FOR_EACH_SOURCE.search(before)
    if each and not after_phrase and each.group(1).islower():
        return [each.group(1)], before[: each.start(1)]  # "the refunds for each order from"
    m = SOURCE_PREPOSITION.search(before)
    if m and not after_phrase and m.group(1).islower() and _source_fits(m, before):
        word = m.group(1).lower()  # "timeline events from <GitHub>": a kind, then the object
        kind = kind_before(before, word) if word_stem(word) in GENERIC_NOUNS else []
        return [*kind, word], before[: m.start(1) - (len(kind[0]) + 1 if kind else 0)]
    t = TARGET_PREPOSITION.search(before)
    made_as = t is not None and MADE_AS_AT_END.search(before[: t.start(1)])
    if made_as and is_object_noun(t.group(1)) and word_stem(t.group(1)) not in PEOPLE:
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
    m = kind_word_before(head).search(before)
    if m and names_kind(m.group(1), head) and m.group(1) not in PHRASE_END | WHICH_ONES:
        return [m.group(1)]
    return []


def asked_object(before: str, after: str, *, any_thing: bool = False) -> tuple[str, ...]:
    """The noun phrase (head noun last) naming what the clause asks of the app: the shapes
    ``_asked_by_shape`` knows first, else the phrase its action governs wherever the app is
    named in the clause (``clause_object``)."""
    shaped = _asked_by_shape(before, after, any_thing=any_thing)
    if shaped or NAMES_ITS_API.match(after):
        return shaped  # "the QuickBooks API (http)": a call the request names itself
    return clause_object(before, after, any_thing=any_thing)


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
        if bare in SUBJECT_WORDS:
            break  # "the post we made for it": what is said about it begins
        if not phrase and bare in VERB_SYNONYMS and DETERMINER_AT_END.search(before):
            phrase.append(bare)  # "find the <LinkedIn> post we made": a noun after "the"
            determined = bare
            continue
        if bare in PHRASE_END or bare in VERB_SYNONYMS or bare in TIME_WORDS:
            break
        if phrase and (bare.endswith("ed") or acts_on_following(bare, tokens[i + 1 : i + 2])):
            break  # "the Stripe disputes opened today": what follows describes them
        if (
            bare.endswith("ing")
            and phrase[-1:]
            and _plural_noun(phrase[-1])
            and not _plural_noun(nxt.strip(",.;:!?"))
        ):
            # "the <Clockify> time off requests awaiting approval": which ones - unless a
            # plural follows, when the participle opens a compound noun (HR22: "the payments
            # processing fees", "the tickets routing rules")
            break
        phrase.append(bare)
        if word != word.rstrip(",.;:!?"):
            break
    return phrase, determined


def _plural_noun(word: str) -> bool:
    """``word`` is a plural noun ("requests", "deals"): a present participle right after one
    says which of them ("awaiting approval", "closing this month"), never what they are - the
    participle was read as the head, an object no node knows. Not "-ss" words ("address")."""
    return word.endswith("s") and not word.endswith(("ss", "us", "is")) and word_stem(word) != word


def phrase_after(before: str, after: str) -> tuple[list[str], str] | None:
    """The noun phrase written right after the app's name, whatever governs it (see
    ``_phrase_after``): what ``near_object`` weighs when no verb does."""
    return _phrase_after(before, after)


def asked_product(before: str, after: str) -> str:
    """The product of the app's API the clause names right after the app, lower-cased ("use
    Twilio Lookup to ...", "check it with Stripe Radar", "save it in the Supabase Storage
    bucket", "create a Stripe Checkout session"); "" when there is none."""
    used = PRODUCT_USED_AFTER_APP.match(after)
    if used and APP_AS_MEANS_AT_END.search(before) and used.group(1).lower() not in NEVER_THINGS:
        return used.group(1).lower()
    part = re.match(r"\s*([A-Z][a-z]{2,})\s+[a-z]", after)
    if part and clause_action(before) and _names_product(part.group(1).lower()):
        return part.group(1).lower()
    return ""


def _names_product(word: str) -> bool:
    """A capitalised word after the app's name names a product of its API ("Storage",
    "Checkout"): not a day, a generic word, or another app."""
    return word not in NEVER_THINGS and word not in WHEN_WORDS and not names_app(word)


def _asked_by_shape(before: str, after: str, *, any_thing: bool = False) -> tuple[str, ...]:
    """The noun phrase (head noun last) naming what the clause asks of the app between
    ``before`` and ``after``, when an action governs it: "pull yesterday's Stripe refunds into
    ..." -> ("refunds",), the phrase after the name; "get the comments from Notion" ->
    ("comments",). Empty when no action verb comes right before ("ERPNext posts to a
    webhook"), when the name goes on ("Google Doc") or punctuation follows it ("Stripe: ..."),
    or when the head says where or when rather than what."""
    looked_for = LOOKED_FOR_AFTER_APP.match(after)
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
    said = words(gloss.group(1)) if gloss else []
    if said[1:2] and (said[1] in PRONOUNS or said[1] in DETERMINERS):
        gloss = None  # "(<Webex> says it ended)": the app acts, it names nothing asked
    if gloss and before.rstrip().endswith("(") and "(" not in before.rstrip()[:-1][-40:]:
        # "find out who owns it (<HubSpot>'s owners)": the gloss names what the clause reads
        return asked_object("get ", " " + gloss.group(1), any_thing=any_thing)
    read = _phrase_after(before, after)
    if read is None:
        return ()  # "Nextcloud Talk", "Google Doc": the name goes on, another product
    phrase, determined = read
    ends = (words(after)[1:2] or ["and"])[0] in PHRASE_END  # not "newsletter list"
    ends = ends or re.match(r"\s*\S+\s+['\u2018\u201c\"]", after) is not None  # its name
    if (
        len(phrase) == 1
        and ends
        and PEOPLE_ENROLLED_INTO.search(before)
        and is_object_noun(phrase[0])
    ):
        return tuple(phrase)  # "enroll them in a <HubSpot> sequence": what they join
    found = _object_before(TO_IT_BEFORE_APP.sub(" ", before), bool(phrase))
    if found is None and (not phrase or phrase[-1] in CONTAINERS):
        across = _object_across_container(before, after)
        if across is not None and governing_verb(words(across[1])):
            return tuple(across[0])  # "a tag in our <GitLab> repo": any thing, short or generic
    if DONE_BY_APP_AFTER.match(after) and _object_word(before):
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
    verb = governing_verb(words(lead)) or imperative_verb(lead, after if lead is before else "")
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
    while len(tokens) > 1 and (tokens[0].lower() in TIME_WORDS | WHEN_WORDS or tokens[0].isdigit()):
        tokens = tokens[1:]
    at = 1
    while at < len(tokens) - 1 and tokens[at].lower() in DETERMINERS | WHICH_ONES:
        at += 1
    return " ".join(tokens[:at]) + " ", " " + " ".join(tokens[at:])


def imperative_verb(lead: str, after: str = "") -> str:
    """The clause's verb when no word list knows it, read from the shape of an order: after
    words of when only, its first word, then "a"/"an" right before the app ("set a <Slack>
    reminder for ..."), or only words that say which one ("tag the <Shopify> customer",
    "convert each new <Salesforce> lead"), a particle first ("reply to the <Intercom>
    conversation"). English orders open with their verb (as ``CONDITIONAL_ANY_ORDER`` reads
    them), so the word needs no list; what it governs is weighed against the catalog like any
    verb's object. Not an owner's thing ("ask my <OpenAI> assistant", "open our <LinkedIn>
    page": used, not asked for) nor a thing given a value (``after``: "set the <Notion> status
    to Done": a field). "" when the clause has no such shape."""
    said = words(lead)
    while said and (said[0] in TIME_WORDS or said[0] in WHEN_WORDS or said[0].isdigit()):
        said = said[1:]
    first, rest = (said[0], said[1:]) if said else ("", [])
    made = rest in (["a"], ["an"])  # "set a <Slack> reminder": something new is made
    if not made and rest[:1] and rest[0] in VERB_PARTICLES:
        rest = rest[1:]
    which = all(w in DETERMINERS or w in WHICH_ONES or w in DESCRIBING for w in rest)
    used = bool(OWNER_WORDS & set(rest)) or GIVEN_A_VALUE.match(after) is not None
    if not rest or not which or (used and not made):
        return ""
    if len(first) < 3 or first in PHRASE_END or first in DETERMINERS or first in PRONOUNS:
        return ""
    if re.fullmatch(NOT_AN_ORDER_WORDS, first) or first in COMPUTED_BY_THE_WORKFLOW:
        return ""  # (the workflow sums or ranks what it read: no operation of the app)
    adverb = first.endswith("ly") and not first.endswith("ply")  # "daily", not "reply"
    return first if first.isalpha() and not first.endswith("ed") and not adverb else ""


def _object_word(before: str) -> str:
    """The plural noun right before the app's name ("all payouts <Stripe>"), or ""."""
    m = re.search(r"\b([a-z]{4,})\s+$", before)
    word = m.group(1) if m else ""
    return word if word.endswith("s") and is_object_noun(word) else ""


def _read_without_verb(lead: str, after: str) -> bool:
    """No verb governs the object, but the clause reads it: it starts with the app (after
    only words of when) and puts the object somewhere (see ``PUT_SOMEWHERE_AFTER_APP``)."""
    put = PUT_SOMEWHERE_AFTER_APP.match(after)
    first = (words(after)[:1] or [""])[0]
    if put is None or first.removesuffix("s") in VERB_SYNONYMS:
        return False  # "<App> posts to a webhook": the app acts, nothing is asked of it
    return put.group(0).rstrip().endswith("ed") or not words(lead) or _only_when(lead)


def _only_when(before: str) -> bool:
    """``before`` says only when ("Each morning ", "Every Monday at 9 "): no action."""
    said = words(before)
    return bool(said) and all(
        w in TIME_WORDS or w in WHEN_WORDS or w.isdigit() or len(w) <= 2 for w in said
    )
