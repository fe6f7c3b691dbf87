"""The clause reader: what the clause's action is done to, wherever the app is named.

"pull all of the month's bank transactions from <Xero>", "fetch the open <Intercom>
conversations nobody answered": the app's naming may stand before, inside or after the object.
The clause is read as tokens with the app as one mark, and the phrase its action governs is
taken whole (head noun last).
"""

from __future__ import annotations

import re

from engine.lexicon import (
    EVENT_VERBS_AFTER_OBJECT,
    FILE_KIND_NOUNS,
    IRREGULAR_PAST_FORMS,
    OWNER_WORDS,
    READING_NOUNS,
    RELATIVE_WORDS,
    SHORT_TIME_UNITS,
    WHICH_AND_HOW_MANY_WORDS,
)
from engine.offline.app_naming import names_app
from engine.offline.clause_words import (
    BREAKS,
    CONTAINERS,
    DETERMINERS,
    GENERIC_NOUNS,
    NEVER_THINGS,
    NOUN_ACTIONS,
    PHRASE_END,
    PRONOUNS,
    TIME_WORDS,
    acts_on_following,
    as_action,
    compound_head,
    is_object_noun,
    is_thing,
    word_stem,
)
from engine.offline.operations import NOUN_SYNONYMS

#: The app's place in a clause handed to ``clause_object``.
_APP = "\x00"
#: A clause's tokens: a quoted name, a word (a possessive kept whole), a number, a mark.
_CLAUSE_TOKEN = re.compile(
    r"'[^'\x00]{1,40}'(?!\w)|\"[^\"\x00]{1,40}\"|\u2018[^\u2019\x00]{1,40}\u2019"
    r"|\u201c[^\u201d\x00]{1,40}\u201d|\x00|'s\b|[#@]?[A-Za-z][\w'\u2019/-]*|\d[\w:./-]*|\S"
)
#: Words that name the call itself ("upload it to the <X> media upload endpoint (HTTP
#: request)"): the request writes that call, ``explicit_api`` builds it.
_CALL_NAMED = frozenset({"endpoint", "api", "API", "http", "HTTP", "REST"})
#: The last preposition before the app says it is where something goes, not where it is.
_INTO = frozenset({"to", "into", "onto"})


def _clause_tokens(before: str, after: str) -> list[str]:
    """The clause's tokens, the app's naming as ``_APP``: quoted names and numbers kept as
    written, words lower-cased except proper names (capitalised past the first token)."""
    out: list[str] = []
    for m in _CLAUSE_TOKEN.finditer(before + " " + _APP + " " + after):
        tok = m.group(0).replace("\u2019", "'")
        common = tok.lower().removesuffix("s") in FILE_KIND_NOUNS | set(NOUN_SYNONYMS)  # "PDFs"
        proper = tok[:1].isupper() and bool(out) and tok != "I" and not common
        out.append(tok if proper or not tok[:1].isupper() else tok.lower())
    return out


def _is_name(tok: str) -> bool:
    """A quoted name, a number, an acronym ("ENG", "NPS"): what a thing is called, never what."""
    return (
        tok[:1] in "'\"\u2018\u201c"
        or tok[:1].isdigit()
        or bool(re.fullmatch(r"[A-Z0-9]{2,5}s?", tok))
    )


def _governing_at(tokens: list[str], app: int) -> int | None:
    """The index of the action nearest before the app that a determiner does not make a noun
    ("create a git branch ... in our <GitHub> repo": create; "the issue key": a noun)."""
    for i in range(app - 1, -1, -1):
        tok = tokens[i]
        if tok in ".;:!?()" or (tok[:1].isupper() and not _is_name(tok)):
            return None  # another product's name ("a Google Sheet"): its action, not the app's
        before = tokens[i - 1] if i else ""
        two_back = tokens[i - 2] if i > 1 else ""
        named = (  # "an admin reply"; not "each night fetch"
            two_back in ("a", "an", "the") and not as_action(before) and before not in TIME_WORDS
        )
        if tok in NOUN_ACTIONS and tokens[i + 1] not in DETERMINERS:
            continue  # "a Linear trigger on ...": a noun
        if (
            as_action(tok)
            and before not in WHICH_AND_HOW_MANY_WORDS
            and not before.endswith("'s")
            and not named
        ):
            return i
    return None


def _phrase_at(tokens: list[str], i: int) -> tuple[list[str], int]:
    """The noun phrase from ``tokens[i]`` (head last) and the index after it: which-words,
    names and owners ("the month's") skipped, the app kept out as a modifier ("the open
    <Intercom> conversations"); it ends at a preposition, a relative word, a verb, a time,
    a mark, or a word describing it ("named after", "waiting on")."""
    phrase: list[str] = []
    while i < len(tokens):
        tok, nxt = tokens[i], tokens[i + 1] if i + 1 < len(tokens) else ""
        i += 1
        if tok == _APP:
            ends = not nxt.isalpha() or nxt in PHRASE_END or nxt == "node"
            if ends or (phrase and nxt.endswith("ed")):  # not "a <Discord> scheduled event"
                return phrase, i - 1  # "the refunds <Stripe> made", "with the <YouTube> node"
            continue
        timed = word_stem(tok) in TIME_WORDS or tok in SHORT_TIME_UNITS  # "every 30 min"
        if _is_name(tok) or (
            not phrase and (tok in WHICH_AND_HOW_MANY_WORDS or timed or tok == "of")
        ):
            continue
        if tok[:1].isupper() or not re.fullmatch(r"[a-z][a-z-]*(?:'s)?", tok):
            return phrase, i - 1
        if tok.endswith("'s"):
            phrase.clear()  # "the month's bank transactions": whose, then what
            continue
        # "that customer's subscription": which one, then whose, then what
        pointing = tok in ("that", "this", "these", "those") and nxt.removesuffix("'s").isalpha()
        if not phrase and pointing and nxt not in PHRASE_END | BREAKS | RELATIVE_WORDS:
            continue  # "add that person as a member": which one, then what
        if tok in PHRASE_END or tok in RELATIVE_WORDS or tok in BREAKS or tok in PRONOUNS:
            if tok in PRONOUNS and not phrase:
                return [tok], i
            return phrase, i - 1
        compound = not phrase and compound_head([nxt])  # "pull requests"
        # "an admin reply in": the last word of a phrase, not an action
        last = not nxt.isalpha() or (
            nxt in PHRASE_END | BREAKS and nxt not in WHICH_AND_HOW_MANY_WORDS
        )
        if (
            as_action(tok) and not compound and not (phrase and last)
        ) or tok in EVENT_VERBS_AFTER_OBJECT:
            return phrase, i - 1
        if phrase and timed:
            return phrase, i - 1
        if phrase and (tok.endswith("ed") or acts_on_following(tok, [nxt])):
            return phrase, i - 1
        phrase.append(tok)
    return phrase, i


def _linked(tokens: list[str], start: int, app: int) -> bool:
    """The words from ``start`` to the app tie the object to it ("the current cycle for our
    ENG team in <Linear>") - no other product named, no other action, no mark - and do not
    make the app where the thing goes ("save new stories to <Notion>", "pull ... into
    <Excel>"): what is put into an app is its content, made by the node; nor read from a
    place named after the app ("domains from a <Notion> database"): that place's content."""
    between = tokens[start:app]
    if any(not (t[:1].isalnum() or t[:1] in "#@" or _is_name(t)) for t in between):
        return False  # a mark: "->", "(", ","
    if any((t[:1].isupper() and not _is_name(t)) or names_app(t) for t in between):
        return False  # another product: "a Google Sheet", "closed hubspot tickets"
    if any(
        (as_action(t) and tokens[start + j - 1] not in WHICH_AND_HOW_MANY_WORDS) or is_done(t)
        for j, t in enumerate(between)
    ):
        return False  # another action, or "an AI summary posted on <LinkedIn>": put there
    preps = [t for t in between if t in PHRASE_END and t not in WHICH_AND_HOW_MANY_WORDS]
    nxt = tokens[app + 1] if app + 1 < len(tokens) else ""
    named_place = nxt.isalpha() and nxt.islower() and nxt not in PHRASE_END | BREAKS
    # "our domains from a <Notion> database": data kept in a named place of the app
    if preps and (preps[-1] in _INTO or (preps[-1] == "from" and named_place)):
        return False
    # "a note with their <GitHub> url": what the thing holds, not where it is made
    return not (preps and preps[-1] == "with" and between[-1:] and between[-1] in OWNER_WORDS)


def _put_after(tokens: list[str], start: int) -> bool:
    """The phrase from ``start`` is put somewhere by a participle right after it ("I want
    <Pipedrive>'s sales goals posted in Slack"): what the app owns is read."""
    _phrase, end = _phrase_at(tokens, start)
    return end < len(tokens) and is_done(tokens[end])


def _noun_like(word: str) -> bool:
    """``word`` may be the head of a thing's name: not where, when, whose, or a small word."""
    generic = word_stem(word) in GENERIC_NOUNS or word in GENERIC_NOUNS or word in NEVER_THINGS
    return (
        len(word) >= 3
        and word.isalpha()
        and not generic
        and word not in TIME_WORDS | PRONOUNS | PHRASE_END | BREAKS
    )


def is_done(word: str) -> bool:
    """``word`` is an action's past participle ("posted", "saved", "logged", "sent")."""
    if word in ("sent", "put", "made", "written"):
        return True
    stems = (word[:-2], word[:-1], word[:-3]) if word.endswith("ed") else ()
    return any(as_action(w) for w in stems if len(w) > 2)


def clause_action(before: str) -> str | None:
    """The action nearest before the app in its clause (see ``_governing_at``), or None."""
    tokens = _clause_tokens(before, "")
    at = _governing_at(tokens, tokens.index(_APP)) if _APP in tokens else None
    return as_action(tokens[at]) if at is not None else None


def _as_a_thing(tokens: list[str], at: int) -> bool:
    """ "as a customer", "as an event": what the thing is made as. "mark the deal as won",
    "flag it as urgent" say a state of the thing instead, which is no object of the API."""
    return tokens[at : at + 1] == ["as"] and tokens[at + 1 : at + 2] in (["a"], ["an"])


def clause_object(before: str, after: str, *, any_thing: bool = False) -> tuple[str, ...]:
    """What the clause's action is done to when the app's naming is anywhere in the clause,
    the phrase read the same way wherever it stands: after the action and before the app
    ("pull all of the month's bank transactions from <Xero>", "get the active sprint of our
    <Jira> board"), around it ("fetch the open <Intercom> conversations nobody answered"), or
    "as a ..." after a pronoun ("create them as a customer in <Shopify>"). Head noun last;
    empty when no action governs a thing, or the thing is another product's."""
    tokens = _clause_tokens(before, re.sub(r"^['\u2019]s\b", " 's", after))
    if _APP not in tokens:
        return ()
    app = tokens.index(_APP)
    at = _governing_at(tokens, app)
    owned = tokens[app + 1 : app + 2] == ["'s"] and (
        at is not None or tokens[app - 1 : app] == ["from"] or _put_after(tokens, app + 2)
    )
    if at is None and not owned:
        return ()
    # "email from <HubSpot>'s owners": what the app owns is read
    phrase, end = _phrase_at(tokens, app + 2 if owned else at + 1)
    if phrase and tokens[end : end + 1] in (["a"], ["an"], ["the"]):
        phrase, end = _phrase_at(tokens, end)  # "send the sales team a digest": to whom, what
    phrase = _before_description(phrase)  # "the reviews shoppers left on our <App> ..."
    if phrase[-1:] and phrase[-1] in PRONOUNS:  # "create them as a customer in <Shopify>"
        as_a = next((j for j in range(end, app) if _as_a_thing(tokens, j)), None)
        thing = phrase[-1] in ("it", "this", "that")  # not "them": people join lists
        put = thing and not any_thing and tokens[end : end + 1] and tokens[end] in _INTO
        if as_a is None and put and not _CALL_NAMED.intersection(tokens[end:]):
            as_a = end  # "add it to the 'Backlog' cycle in <Linear>": where it is put
        phrase, end = _phrase_at(tokens, as_a + 1) if as_a is not None else ([], end)
    elif phrase and _as_a_thing(tokens, end):  # "the delivery as an event in <Calendar>"
        phrase, end = _phrase_at(tokens, end + 1)
    if not phrase or (end <= app and not _linked(tokens, end, app)):
        return ()
    if phrase[-1] in READING_NOUNS and tokens[end : end + 1] == ["of"]:
        phrase, end = _phrase_at(tokens, end + 1)  # "a short recap of my <App> events"
    if not phrase or any(map(names_app, phrase)) or phrase[-1].endswith("ing"):
        return ()  # "summarize closed hubspot tickets -> <Slack>": another app's things
    head = phrase[-1]
    # "a tag", "an admin reply": short, or a verb's word made a noun by the one before it
    named = _noun_like(head) and (len(head) == 3 or len(phrase) > 1)
    generic_kind = (  # "a journal entry", "a scheduled event": the kind names the thing
        len(phrase) > 1
        and word_stem(head) in GENERIC_NOUNS
        and head not in READING_NOUNS
        and word_stem(head) not in NEVER_THINGS | CONTAINERS
        and phrase[-2].isalpha()
    )
    fits = is_object_noun(head) or named or generic_kind or (any_thing and is_thing(head))
    return tuple(phrase) if fits else ()


def described_object(before: str) -> tuple[str, tuple[str, ...]]:
    """The clause's first action and the phrase it governs when words describing that object
    stand between it and the app: a participle or a relative clause ("read the comments left
    on our Roadmap page in <Notion>", "fetch the worklogs our team logged in <Jira>", "pull the
    payment methods saved on each <Stripe> customer"). The other readers take only an object
    right beside the app. ("", ()) when the clause has no such shape: another action, another
    product, a mark between, or the app is where the thing is put ("... to <App>")."""
    tokens = _clause_tokens(before, "")
    app = tokens.index(_APP)
    at = next((i for i in range(app) if as_action(tokens[i]) and _acts(tokens, i)), None)
    if at is None:
        return "", ()
    phrase, end = _phrase_at(tokens, at + 1)
    phrase = _before_description(phrase)
    if not phrase or phrase[-1] in PRONOUNS or phrase[-1] not in tokens[at + 1 : app]:
        return "", ()
    head_at = tokens.index(phrase[-1], at + 1)
    between = tokens[head_at + 1 : app]
    if not between or not _describes(tokens, head_at + 1, app):
        return "", ()
    return str(as_action(tokens[at])), tuple(phrase)


def _acts(tokens: list[str], i: int) -> bool:
    """``tokens[i]`` is used as an action, not a noun ("the 'Done' list", "a quick read")."""
    if not i:
        return True
    before = tokens[i - 1]
    return before not in DETERMINERS and not _is_name(before) and not before.endswith("'s")


def _before_description(phrase: list[str]) -> list[str]:
    """``phrase`` without the relative clause or participle ``_phrase_at`` read into it: "the
    reviews shoppers left" -> reviews, "the comments left" -> comments; a plural right after
    another plural begins the clause ("reviews shoppers"), "customer reviews" is one thing."""
    for k, word in enumerate(phrase):
        if k and (word in IRREGULAR_PAST_FORMS or is_done(word)):
            plural_pair = k >= 2 and _is_plural(phrase[k - 1]) and _is_plural(phrase[k - 2])
            return phrase[: k - 1] if plural_pair else phrase[:k]
    return phrase


def _is_plural(word: str) -> bool:
    """``word`` is a plural noun ("reviews"), not one ending like one ("status", "access")."""
    return word_stem(word) != word and not word.endswith(("ss", "us", "is"))


def _describes(tokens: list[str], start: int, app: int) -> bool:
    """The words from ``start`` to the app describe the object and tie it to the app: they
    open with what was done to it ("left on", "our team logged in"), with no mark, no other
    product, no other action (a noun such as "the 'Done' list" is not one), and the
    last preposition is not where the thing is put ("to/into <App>": content made there)."""
    between = tokens[start:app]
    if not any(t in IRREGULAR_PAST_FORMS or is_done(t) for t in between[:3]):
        return False  # "our feedback Excel file in <OneDrive>": no description, another name
    if any(not (t[:1].isalnum() or _is_name(t)) for t in between):
        return False
    if any(names_app(t) for t in between):
        return False
    if any(as_action(t) and _acts(tokens, start + j) for j, t in enumerate(between)):
        return False
    preps = [t for t in between if t in PHRASE_END]
    return bool(preps) and preps[-1] not in _INTO
