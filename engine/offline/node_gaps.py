"""Does the named app's node have an operation for what the request asks of that app?

n8n nodes cover part of an app's API: the Stripe node has no refunds, the Shopify node no
abandoned checkouts, the Notion node no comments. Picking "the best" of the node's operations
for such a request builds something unrelated (Stripe ``balance/get`` for "refunds"). n8n's own
answer is the HTTP Request node authenticated with the app's credential ("predefined credential
type"): the same account, any endpoint of the API.

The decision reads only the catalog, the same way for every app, and errs towards keeping the
app node - a wrong HTTP call costs the user more than a near-miss operation:

1. the node's credential must be one the HTTP Request node can use (it authenticates any
   request of the API, or is OAuth: the catalog's credential facts);
2. the request must name the object it wants of the app right beside it ("Stripe refunds",
   "the comments from Notion"), and that object's head noun must be unknown to the node: no
   resource or operation names it (stems, plural forms and everyday synonyms compared) and it
   appears nowhere in the node's description (parameter names, labels, help texts, options);
3. the noun must say *what* is asked, not where or when: "my Slack workspace", "yesterday's
   data", "the Shopify store" keep the app node.

The verb is weighed the other way round: an action on a record the node has (the object, or
the record the app's own name says - "share the <Google Calendar>") that is no read, delivery,
making, change or removal is kept only when an operation of that record says it ("copy the
<Trello> board": boards are never copied there). Word lists of such verbs fixed their own
wordings only; the catalog's operations answer for every verb.
"""

from __future__ import annotations

import re

from engine.lexicon import (
    API_PATH_PREFIX_SEGMENT,
    APP_AS_A_PLACE,
    ASK_FIRST_VERBS,
    BASIC_READ_OPERATIONS,
    CLAUSE_BREAK_BEFORE_APP,
    CONTAINER_BEFORE_APP,
    CONTENT_HOLDING_RESOURCES,
    CREATING_OPERATIONS,
    DELIVERY_DESCRIBED,
    DESCRIBING_WORD_ENDINGS,
    DESCRIBING_WORDS,
    DROPS_SOMETHING,
    EMBEDDED_QUESTION,
    FIELD_SYNONYMS,
    FILE_KIND_NOUNS,
    GENERIC_PLURALS_OF_A_KIND,
    HOLDERS_OF_CONTENT,
    IN_OWNED_PLACE_AT_END,
    LIGHT_VERBS,
    MADE_BY_SCHEDULING_NOUNS,
    MAKE_VERBS,
    MESSAGE_RESOURCE_NOUNS,
    METHOD_AND_PATH,
    ONTO_A_PLACE,
    ORDER_VERBS,
    PERSONAL_MESSAGE_WORDS,
    PUT_THERE_BY_US,
    PUTTING_IN_MEANINGS,
    QUESTION_AUXILIARIES,
    QUOTED_NAME,
    RECORD_ACTION_OPERATION_WORDS,
    RECORD_FILE_KINDS,
    RECORD_HOLDING_A_THING,
    RECORD_ONLY_VERBS,
    STATE_HELD_BY_FIELDS,
    STATE_OF_ITS_OWN_ACTIONS,
    STORE_STRUCTURE_NOUNS,
    THING_MADE_ON_RECORD,
    TO_RECIPIENT_BEFORE_APP,
    UNDOING_PREFIXES,
    VALUE_NOUNS,
    VERB_THEN_THAT_THING,
    WRITING_OPERATION_VERBS,
)
from engine.offline.api_call_shape import asks_to_write
from engine.offline.api_credentials import proxy_credential
from engine.offline.app_naming import another_actor, app_names, names_app
from engine.offline.asked_object import PEOPLE, asked_object, asked_product
from engine.offline.clause_reader import clause_action, described_object, is_done
from engine.offline.clause_words import (
    DESCRIBING,
    DETERMINERS,
    EXTRA_ACTIONS,
    NEVER_THINGS,
    OFFERED_AS,
    PHRASE_END,
    PRONOUNS,
    SOURCE_PREPOSITION,
    TARGET_PREPOSITION,
    VERB_OBJECTS,
    WHICH_ONES,
    as_action,
    clause_reads,
    governing_action,
    is_object_noun,
    is_thing,
    kind_of_many,
    object_action,
    word_stem,
)
from engine.offline.near_object import also_asked, near_object, unknown_object
from engine.offline.node_vocabulary import (
    RECORD_NOUNS,
    description_words,
    field_words,
    known_to_node,
    record_field_words,
    stores_anything,
    unknown_part_of_entry,
    updated_field_words,
)
from engine.offline.operations import (
    DELIVERED_TO,
    NOUN_SYNONYMS,
    SENDS,
    VERB_SYNONYMS,
    Candidate,
    candidates,
    words,
)
from nodepilot.workflow import BASE


def delivers_content(node_type: str, before: str) -> bool:
    """The clause sends something into a messaging app that can send: what is sent ("the
    draft", "a reminder", "the details") is the message's content, not a record of the app's
    API. Without this, "drop the draft in Slack" became a call to a Slack "drafts" endpoint.
    A node that creates messages sends them ("post an acknowledgement in the <Webex> room":
    Webex's message/create). Not a delivery someone made once (``DELIVERY_DESCRIBED``: "get
    the posts we published on our <LinkedIn> page" reads them)."""
    clause = CLAUSE_BREAK_BEFORE_APP.split(before)[-1]
    if not DELIVERED_TO.search(clause) or DELIVERY_DESCRIBED.search(clause):
        return False
    return any(
        c.verbs & SENDS or (c.nouns & MESSAGE_RESOURCE_NOUNS and "create" in c.verbs)
        for c in candidates(node_type)
    )


def missing_operation(node_type: str, before: str, after: str) -> str | None:
    """The object the clause asks of ``node_type``'s app when the node has no operation for it
    (see the module docstring for the rule); None when the node can do it or we are unsure."""
    if proxy_credential(node_type) is None:
        return None
    if not node_type.startswith(BASE) and not any(c.resource for c in candidates(node_type)):
        return None  # an AI node (a vector store on Supabase) is not the app's node
    if kept_in_its_place(node_type, before, after):
        return None  # "the newsletters in my Gmail inbox" are Gmail messages
    made_on_entry = written_endpoint(before, after) or _made_on_entry(node_type, before, after)
    if made_on_entry:  # "GET /v1/payouts on <Stripe>", "a comment on that <Airtable> record"
        return made_on_entry
    product = asked_product(before, after)
    if product:  # "the Supabase Storage bucket": not a row; "OpenAI Whisper": its audio
        described = known_to_node(node_type, product) or product in field_words(node_type)
        record = (words(after)[1:2] or [""])[0]  # "the monday.com Leads board": a board's name
        named_record = bool(record) and known_to_node(node_type, record)
        return also_asked(node_type, after) if described or named_record else product
    dropped = drops_something(CLAUSE_BREAK_BEFORE_APP.split(before)[-1])
    if stores_anything(node_type) or dropped:  # a store takes any row, not any structure
        return None if dropped else _new_structure(node_type, before, after)
    if delivers_content(node_type, before):
        return None
    action = _unoffered_doing(node_type, before, after)
    if action:
        return action
    phrase = asked_object(before, after)
    if (
        clause_reads(before)
        and not _reads_anything(node_type)
        and (not phrase or _writes_only(node_type))
    ):
        # "pull yesterday's Twilio messages", "find the <LinkedIn> post we made": the node
        # only sends or creates - whatever is read, even a generic "messages", is its API's
        phrase = phrase or asked_object(before, after, any_thing=True)
        source = PUT_THERE_BY_US.search(before) or SOURCE_PREPOSITION.search(before)
        word = source.group(1).lower() if source else ""
        if not phrase and is_thing(word) and not is_done(word):
            phrase = (word,)  # "the posts from / we published on our <LinkedIn> page"
        return phrase[-1] if phrase and phrase[-1] not in NEVER_THINGS else None
    if not phrase:  # no verb's object: what is named beside the app ("our Pipedrive goals")
        found = _named_beside(node_type, before, after) or _read_described(node_type, before)
        found = found or _collection_from(node_type, before, after)
        return found or asked_in_question(node_type, before, after)
    if sends_message(node_type, before) or _changes_field(node_type, before, phrase):
        return None
    head = phrase[-1]
    if _written_only(node_type, before, head):
        return head  # "get the comments on the <Asana> task": Asana's node only adds them
    if _saves_file(node_type, before) and _put_there_or_known(node_type, before, head):
        return None
    if _does_it_itself(node_type, before):
        return None
    if _collection_of(node_type, before, head):  # "the revisions of the <Drive> file"
        return _collection_of(node_type, before, head)
    if _part_of_record(node_type, before, after) and not _own_collection(
        node_type, before, after, head
    ):
        return None
    if _unoffered_on_resource(node_type, before, head, after):
        return head  # "create a draft Mailchimp campaign": campaigns, but no create
    if _new_kind(node_type, phrase):
        return head  # "timeline events" of GitHub: events the node knows, of a kind it lacks
    if known_to_node(node_type, head):
        # "the projects in our 'FY25' portfolio in <Asana>": read through a container the
        # node lacks; "a <To Do> task with checklist items": also asked of the node
        return _unknown_container(node_type, before) or also_asked(node_type, after)
    records = [w for w in phrase[:-1] if len(w) > 2 and known_to_node(node_type, w)]
    if records:
        # "HubSpot deal stage" is a field of a deal the node reads; but a read of a plural
        # the node lacks is a collection of its own ("the LinkedIn post comments"), and so
        # is a thing no field of the record names ("a <Dropbox> file request")
        modifier = phrase[-2]  # "file request": a singular record word right before
        compound = modifier in records and word_stem(modifier) == modifier and _determined(before)
        if _reads_collection(head, before) or (
            compound and _no_field_of(node_type, before, modifier, head)
        ):
            return head
        return also_asked(node_type, after)
    return head


def _unoffered_doing(node_type: str, before: str, after: str) -> str | None:
    """What the clause *does* with the app that the node cannot: "refund the payment in
    <Stripe>", "schedule that campaign", "send the winner a <Reddit> private message" (it
    posts), "remove them from the <Mailjet> list" (it only sends) - the API's object."""
    return (
        missing_action(node_type, before)
        or unoffered_action(node_type, before, after)
        or unsent_message(node_type, before, after)
        or _kept_by_a_sender(node_type, before, after)
        or _file_it_cannot_take(node_type, before)
    )


def _file_it_cannot_take(node_type: str, before: str) -> str | None:
    """ "upload the cover image to <Ghost>", "upload the contract PDF to the <Asana> task":
    the clause uploads a file (``FILE_KIND_NOUNS``) to the app, and the node takes no file -
    no operation uploads, no parameter holds binary data, nothing of it is named for that
    kind or for files and attachments, and it sends no messages (a screenshot put in a
    <Discord> channel is a message's). A field that holds an image's URL (Ghost's feature
    image) takes no upload. The file kind, as the API's object (its media or attachment
    endpoint). Why: the node was kept with a generic create or read ("post/get" of Ghost,
    "task/create" of Asana) for a step only the app's API does."""
    clause = CLAUSE_BREAK_BEFORE_APP.split(before)[-1]
    action = object_action(clause) or clause_action(clause) or ""
    target = TARGET_PREPOSITION.search(clause)
    if VERB_SYNONYMS.get(action, ("",))[0] != "upload" or target is None:
        return None
    word = target.group(1).lower()
    stem = word_stem(word)
    if stem not in FILE_KIND_NOUNS and stem != "file" or stem in RECORD_FILE_KINDS:
        return None  # "upload the leads CSV to HubSpot": records imported, not a file kept
    if any("upload" in c.verbs or c.verbs & _DELIVERING for c in candidates(node_type)):
        return None
    held = (word, "file", "attachment")  # "the design image to the <Trello> card": attached
    takes_file = "binary" in field_words(node_type) or any(
        known_to_node(node_type, w) for w in held
    )
    return None if takes_file else stem


def _new_structure(node_type: str, before: str, after: str) -> str | None:
    """ "create a new <Airtable> table for that form", "create a <Notion> database per
    client": a store takes any row, so what is put in it is never weighed - but the
    structure rows live in (``STORE_STRUCTURE_NOUNS``: a table, a column, a database) is
    the API's when the node makes rows only (Airtable, Supabase, NocoDB). A node that makes
    something else ("a new table in <Google Sheets>": its sheet/create, a <Notion> page) is
    left to choose. The structure, as the API's object; None for anything else (a row, a
    record, what is saved)."""
    action = clause_action(before) or ""
    if action not in MAKE_VERBS and VERB_SYNONYMS.get(action, ("",))[0] != "create":
        return None
    phrase = asked_object(before, after)
    head = word_stem(phrase[-1]) if phrase else ""
    if head not in STORE_STRUCTURE_NOUNS or head in RECORD_NOUNS:
        return None
    makes = [c for c in candidates(node_type) if c.verbs & set(CREATING_OPERATIONS)]
    return None if any((c.resource or "") not in RECORD_NOUNS for c in makes) else head


def written_endpoint(before: str, after: str) -> str | None:
    """The object of an endpoint the clause writes with its method ("GET /v1/payouts on
    <Stripe>", "POST /v1/customers/{id}/balance_transactions to <Stripe>"): a call of the
    app's API by definition, whatever its node has - the path's last segment that names a
    thing (not a version, an id placeholder or the API's prefix); None without one."""
    clause = CLAUSE_BREAK_BEFORE_APP.split(before)[-1] + " " + after
    m = METHOD_AND_PATH.search(clause)
    if m is None:
        return None
    segments = [s for s in m.group(1).split("/") if re.fullmatch(r"[A-Za-z][\w.-]*", s)]
    things = [s for s in segments if not API_PATH_PREFIX_SEGMENT.fullmatch(s.lower())]
    return things[-1].removesuffix(".json").lower() if things else None


def kept_in_its_place(node_type: str, before: str, after: str) -> bool:
    """ "the newsletters in my <Gmail> inbox", "the invoices in our <Dropbox> folder": what
    is asked lives in a place the node's own fields name, and the node keeps messages or
    files there - it is a kind of those, not an object of the API the node lacks."""
    if not IN_OWNED_PLACE_AT_END.search(before):
        return False
    if asks_to_write(before, after):
        return False  # "create a milestone in our <GitLab> project": made there, not kept
    place = (words(after)[:1] or [""])[0]
    if not place or word_stem(place) not in description_words(node_type):
        return False
    return any(c.nouns & CONTENT_HOLDING_RESOURCES for c in candidates(node_type) if c.resource)


def _made_on_entry(node_type: str, before: str, after: str) -> str | None:
    """The thing the clause makes on one entry of a store (``unknown_part_of_entry``), named
    around the app ("... on that <Airtable> record", "... on the row in <Baserow>")."""
    m = THING_MADE_ON_RECORD.search(CLAUSE_BREAK_BEFORE_APP.split(before)[-1])
    if m is None:
        return None
    verb, thing, around = m.group(1), m.group(2), words(m.group(3)) + words(after)[:1]
    if verb is None and any(unknown_part_of_entry(node_type, thing, w) for w in around):
        return word_stem(thing)
    if verb in PHRASE_END and verb != "as" or delivers_content(node_type, before):
        return None  # "an alert with an emoji to a <Slack> channel": what the message holds
    record = (words(after)[:1] or [""])[0]
    if record and _new_part_of_record(node_type, thing, record):
        return word_stem(thing)
    return None


def _new_part_of_record(node_type: str, thing: str, record: str) -> bool:
    """``thing`` made on the node's own ``record`` ("record a payment against the matching
    <Xero> invoice", "add a subitem to the <monday.com> item", "added as a comment on the
    <Notion> page"): the record is a resource of the node, the thing is neither a resource,
    nor a field of that record, nor a person - a part of it only the API makes. Stores that
    keep any row have their own rule (``unknown_part_of_entry``)."""
    stem = word_stem(thing)
    return (
        not stores_anything(node_type)
        and is_object_noun(thing)
        and known_to_node(node_type, record)
        and not known_to_node(node_type, thing)
        and stem not in record_field_words(node_type, record)
        and stem not in RECORD_NOUNS
        and stem not in PEOPLE
    )


def _writes_only(node_type: str) -> bool:
    """The node makes, sends or changes things and reads none ("post/create" of LinkedIn), or
    does one thing with no operation to choose (Mailgun sends): unlike a node that computes
    what it is asked ("current weather" of OpenWeatherMap)."""
    cands = candidates(node_type)
    single = not any(c.resource or c.operation for c in cands)
    return not _reads_anything(node_type) and (
        single or any(c.verbs & WRITING_OPERATION_VERBS for c in cands)
    )


def _written_only(node_type: str, before: str, head: str) -> bool:
    """ "get the comments on the <Asana> task", "get my <Twitter> direct messages", "get the
    <HubSpot> contact lists": the clause reads a thing the node names only in operations
    that write it (Asana's taskComment add/remove, Twitter's directMessage create,
    HubSpot's contactList add/remove) - no operation returns it, so the read is the API's.
    Why: the name was "known to the node", and the node was kept with a read of another
    record (the task, the contact). A thing some operation reads or downloads ("the comments
    of the <Jira> issue": issueComment/getAll; "the <Dropbox> files": file/download) keeps
    the node."""
    if not clause_reads(before):
        return False
    stem = word_stem(head)
    asked = {stem, *NOUN_SYNONYMS.get(stem, ())}
    named = [c for c in candidates(node_type) if asked & c.nouns]
    if not named or not all(c.verbs & _WRITES for c in named):
        return False  # "enrich the person in <Clearbit>": a look-up is neither read nor write
    return not any(_reads(c) or c.verbs & _EXPORTS for c in named)


def _reads(c: Candidate) -> bool:
    """The operation reads: a reading verb, or one in its name ("mediaUrlGet")."""
    return bool(
        c.verbs & BASIC_READ_OPERATIONS
        or BASIC_READ_OPERATIONS
        & set(words(re.sub(r"([a-z])([A-Z])", r"\1 \2", c.operation or "")))
    )


def _reads_anything(node_type: str) -> bool:
    """Some operation of the node reads (``_reads``)."""
    return any(_reads(c) for c in candidates(node_type))


def _new_kind(node_type: str, phrase: tuple[str, ...]) -> bool:
    """A generic plural after a noun that says which kind ("timeline events", "marketing
    emails"), the kind unknown to the node: the node's own "events" or "emails" are others."""
    if not kind_of_many(phrase) or phrase[-1] not in GENERIC_PLURALS_OF_A_KIND:
        return False
    kind = phrase[-2]
    return not kind.endswith(DESCRIBING_WORD_ENDINGS) and not known_to_node(node_type, kind)


def _reads_collection(head: str, before: str) -> bool:
    """``head`` is a plural noun ("comments", "call logs") and the clause reads it."""
    if word_stem(head) == head or head.endswith(("us", "ss", "is")):
        return False
    action = object_action(before)
    if action is None:
        return True  # no verb, yet an object was asked: "<App> ticket audits -> Sheets"
    meaning = VERB_SYNONYMS.get(action, ("",))[0]
    return meaning in ("get", "getall", "read", "search") or action in ("export", "download")


#: Canonical verbs of operations that deliver a message: what such a verb governs is the
#: message's content or its recipient, never an object of the app's API.
_DELIVERING = frozenset({"send", "post", "sendmessage", "reply"})
#: Operation verbs of a node that only delivers: its sends, and a phone call it makes.
_SENDS_OR_CALLS = _DELIVERING | {"make"}


def sends_message(node_type: str, before: str) -> bool:
    """ "email the customer from Gmail", "send me a Gmail hot lead alert": the clause sends a
    message with an app whose node sends messages - the node does it, whatever the words
    after the verb say the message is about."""
    action = object_action(before) or clause_action(before)
    to_whom = TO_RECIPIENT_BEFORE_APP.search(CLAUSE_BREAK_BEFORE_APP.split(before)[-1])
    if action is None and to_whom is not None:  # "send a weekly report to the team on <Gmail>"
        action = governing_action(words(to_whom.group(1)))
    if action is None or VERB_SYNONYMS.get(action, ("",))[0] not in _DELIVERING:
        return False
    return any(c.verbs & _DELIVERING for c in candidates(node_type))


def unsent_message(node_type: str, before: str, after: str) -> str | None:
    """ "send the winner a <Reddit> private message": the clause sends a message through the
    app, right after its name, and the node has no message of that kind (Reddit's node posts
    and comments) - "messages" as the API's object; None otherwise."""
    action = object_action(before) or clause_action(before)
    if action is None or VERB_SYNONYMS.get(action, ("",))[0] not in _DELIVERING:
        return None
    said = []  # the phrase right after the app: "private message", not "payouts by email"
    for w in words(after)[:3]:
        if w in PHRASE_END:
            break
        said.append(word_stem(w))
    kind = next((w for w in said if w in PERSONAL_MESSAGE_WORDS), None)
    cands = candidates(node_type)
    nouns = {n for c in cands for n in c.nouns}
    if kind is None or nouns & (PERSONAL_MESSAGE_WORDS | {"chat", "conversation"}):
        return None
    if not any(c.resource for c in cands):
        return None  # a node that does one thing (Mailgun sends): it sends the message
    return "message"


def _kept_by_a_sender(node_type: str, before: str, after: str) -> str | None:
    """ "add each new customer to our 'Buyers' contact list in <Mailjet>", "remove them from
    the <Mailjet> newsletter list": the node only sends (every operation delivers or makes a
    call: Mailjet, Twilio, LINE) and the clause makes, changes or removes something *in* a
    place of the app - the word before "in/to/on <App>" or the thing named right after it -
    that the node has no name for: the app keeps it (lists, contacts, numbers), its API
    changes it. Why: the node's only operation, a send, was kept for a request that sends
    nothing. None when a word of the place is one of the node's ("the <Twilio> SMS", "an SMS
    reminder in <Twilio>") or the app is only the instrument ("... with <Twilio>")."""
    cands = candidates(node_type)
    if not any(c.resource for c in cands) or not all(c.verbs & _SENDS_OR_CALLS for c in cands):
        return None
    clause = CLAUSE_BREAK_BEFORE_APP.split(before)[-1]
    if not APP_AS_A_PLACE.search(clause):
        return None  # "an sms through <Twilio>": the app is the means
    said = words(clause)
    first = as_action(said[0]) if said else ""  # an order's verb: "add each new ..."
    action = object_action(clause) or governing_action(said) or first or ""
    meaning = EXTRA_ACTIONS.get(action) or VERB_SYNONYMS.get(action, ("",))[0]
    if meaning not in RECORD_ACTION_OPERATION_WORDS and meaning not in PUTTING_IN_MEANINGS:
        return None
    target = TARGET_PREPOSITION.search(clause)  # "... contact list in <App>": list, contact
    place = words(clause[: target.end(1)])[-2:][::-1] if target else []
    for w in words(after)[:3]:  # "the <Mailjet> newsletter list": the place's words
        if w in PHRASE_END or not w.isalpha():
            break
        place.insert(0, w)
    things = [w for w in place if is_object_noun(w)]
    if not things or any(known_to_node(node_type, w) for w in things):
        return None  # "an SMS reminder in <Twilio>": a message the node sends
    return word_stem(things[0])


def _saves_file(node_type: str, before: str) -> bool:
    """ "save the reports in Google Drive", "store the invoices in Dropbox": whatever is put in
    a file store (a node that uploads files and keeps folders) is a file there."""
    target = TARGET_PREPOSITION.search(before)
    action = object_action(before) or (
        governing_action(words(before[: target.start(1)])) if target else None
    )
    if VERB_SYNONYMS.get(action or "", ("",))[0] not in ("create", "append", "upload"):
        return False
    cands = candidates(node_type)  # a file store: it uploads, and keeps folders or buckets
    return any("upload" in c.verbs for c in cands) and any(
        c.nouns & {"folder", "bucket", "directory"} for c in cands
    )


def _unknown_container(node_type: str, before: str) -> str | None:
    """The container named right before the app that the things read live in, or that one
    record is put in (``_put_in``), when it is no resource of the node ("the projects in our
    'FY25' portfolio in <Asana>": the portfolio's API); None for a container the node has
    ("the cards on our 'Doing' list in <Trello>")."""
    m = CONTAINER_BEFORE_APP.search(before)
    word = m.group(1) if m else ""
    things = words(before[: m.start()])[-1:] if m else []  # "projects", not "'urgent' in the"
    if not things or not is_object_noun(things[0]):
        return None
    if word_stem(things[0]) == things[0] and not _put_in(node_type, before[: m.start()], word):
        return None  # one thing read "in our <container>" is as often where it is
    if word_stem(word) != word or not is_object_noun(word):
        return None
    return None if known_to_node(node_type, word) else word


def _put_in(node_type: str, lead: str, container: str) -> bool:
    """The clause (``lead``: up to the container) puts one record into ``container`` ("add
    the subscriber to the 'Customers' group in <MailerLite>", "enroll the contact in our
    'Onboarding' sequence in <HubSpot>"), and no name, label or value of the node's
    description says that container (a help text may mention it in passing): the membership
    is the API's, not a field the node sets - unlike "move the <Asana> task to the 'Blocked'
    section" (a field of the move) or "... to the 'Negotiation' stage in <Pipedrive>"."""
    action = governing_action(words(lead)) or ""  # "add every <Gumroad> buyer": add
    meaning = EXTRA_ACTIONS.get(action) or VERB_SYNONYMS.get(action, ("",))[0]
    return meaning in PUTTING_IN_MEANINGS and word_stem(container) not in field_words(node_type)


def _named_beside(node_type: str, before: str, after: str) -> str | None:
    """What a clause with no verb's object asks of the app: a record it makes that the node
    cannot ("create the entry in <Contentful>"), a container the node lacks ("... in our 'v2'
    milestone in <GitHub>"), or the object named beside the app ("our <Pipedrive> goals");
    None when it sends a message with the app."""
    if sends_message(node_type, before):
        return None
    found = _unoffered_target(node_type, before) or _unknown_container(node_type, before)
    found = found or _app_named_record(node_type, before, after)
    return found or near_object(node_type, before, after)


def _app_named_record(node_type: str, before: str, after: str) -> str | None:
    """ "share the 'Team offsites' <Google Calendar> with ...", "copy the <Trello> board":
    the clause's action governs the app's own name, so the record acted on is the one that
    name says - the resource word right after it, else the last word of the app's name
    (a Google Calendar is a calendar) - and the node must have an operation of that
    resource that does the action (``_unoffered_on_resource``); the record, as the API's
    object, when none does. None when something else stands between the action and the app."""
    said = words(QUOTED_NAME.sub(" ", before))
    action = clause_action(before)
    if not action or len(said) < 2 or said[-1] not in DETERMINERS or as_action(said[-2]) != action:
        return None
    following = (words(after)[:1] or [""])[0]
    named = app_names(node_type)[:1] or ("",)
    record = (
        following
        if following and following not in PHRASE_END and known_to_node(node_type, following)
        else (words(named[0])[-1:] or [""])[0]
    )
    if not record or not _unoffered_on_resource(node_type, before, record, after):
        return None
    return word_stem(record)


def asked_in_question(node_type: str, before: str, after: str) -> str | None:
    """ "see which <Stripe> subscriptions renew this week", "show me which addresses my <Gmail>
    can send from", "see how much we refunded in <Stripe>": the clause asks a question
    (``EMBEDDED_QUESTION``) whose question word governs a thing - written before the app or
    right after it - or whose verb is itself an API's object ("refunded": ``VERB_OBJECTS``).
    When the node has no such thing (``unknown_object``), it is the API's. Why: a question
    has no verb's object, so nothing was weighed and the node was kept with an unrelated
    read ("see which <Stripe> subscriptions ..." became balance/get). A thing the node has
    ("see which <Stripe> customers signed up") keeps it; "who" names nothing to weigh, and
    after people ("how many people opened ...") the thing is the one after the app."""
    clause = CLAUSE_BREAK_BEFORE_APP.split(before)[-1]
    found = list(EMBEDDED_QUESTION.finditer(clause))
    if not found:
        return None
    said = words(clause[found[-1].end() :])
    for word in said:  # "how much we refunded": the action is the object
        base = word.removesuffix("ed")
        if base in VERB_OBJECTS:
            return None if known_to_node(node_type, base) else base
    if found[-1].group(1).lower() == "who":
        return None  # "who joined our <Zoom> meetings": a person, then what they did
    said = [w for w in said if w not in DESCRIBING_WORDS]  # "which new <Shopify> orders"
    if said[:1] and word_stem(said[0]) in PEOPLE:
        said = []  # "how many people opened our <HubSpot> newsletter": the thing follows
    thing = (said or words(after))[:1]
    if not thing or thing[0] in QUESTION_AUXILIARIES or thing[0] in DETERMINERS:
        return None
    return thing[0] if unknown_object(node_type, thing[0]) else None


def _read_described(node_type: str, before: str) -> str | None:
    """ "fetch the worklogs our team logged in <Jira>", "read the comments left on our
    Roadmap page in <Notion>": the clause reads an object it describes before the app
    (``described_object``), and the node has no such object - the API's; None otherwise.
    Only reads: what is made or sent with words between is as often the app's content."""
    verb, phrase = described_object(before)
    meaning = VERB_SYNONYMS.get(verb, ("",))[0]
    if meaning not in ("get", "getall", "read", "search", "list") and verb not in _EXPORTS:
        return None
    if PUT_THERE_BY_US.search(before):
        return None  # "the notes we saved in <Notion>": what we put there is its content
    head = phrase[-1]
    return head if unknown_object(node_type, head) and not is_done(head) else None


#: Verbs that read what they take out of an app, whatever their canonical verb.
_EXPORTS = frozenset({"export", "download"})
#: Operation verbs that write a thing (``_written_only``: every operation naming it must be
#: one - a look-up such as Clearbit's enrich returns it without being a "get").
_WRITES = WRITING_OPERATION_VERBS | {"remove"}


def _unoffered_target(node_type: str, before: str) -> str | None:
    """ "create the entry in <Contentful>": the clause makes, changes or removes a record the
    node has as a resource right before "in/to/on <App>", and no operation of that resource
    does it (Contentful's entries are read-only) - the API's; None otherwise."""
    target = TARGET_PREPOSITION.search(before)
    word = target.group(1).lower() if target else ""
    if not word.isalpha() or not _unoffered_on_resource(node_type, before, word):
        return None
    return word_stem(word)


def _collection_of(node_type: str, before: str, record: str) -> str | None:
    """ "the revisions of the <Google Drive> file": a plural read of the node's ``record``
    that no field of it names and no resource is - a collection under it, the API's. So is
    a plural the node names only in operations that write it ("the comments of the <Trello>
    card": cardComment is added, never read - ``_written_only``), and a thing of two words
    the node never says ("the version history of the <OneDrive> file"): a single unknown
    word ("the size of the <Dropbox> file") is as often a field the node returns unnamed.
    Why: the verb's object was read as the record after the app, which the node has, and
    the node was kept with a read of that record."""
    said = words(before)
    if len(said) < 3 or said[-1] not in DETERMINERS or said[-2] != "of":
        return None
    head = said[-3]
    if word_stem(head) == head:
        return head if _unnamed_compound(node_type, before, said[-4:-2], record) else None
    if not is_object_noun(head) or not _reads_collection(head, before):
        return None
    if known_to_node(node_type, head):
        return head if _written_only(node_type, before, head) else None
    return None if _field_of(node_type, [head], record) else head


def _collection_from(node_type: str, before: str, after: str) -> str | None:
    """ "get the highlights from my <Raindrop> bookmarks", "the notes in our latest <Copper>
    opportunities": a plural read from or in (``RECORD_HOLDING_A_THING``) the record named
    right after the app, which the node has, when the clause's reader found no object (a
    source is read as where things come from) - ``_collection_of`` that record, unless the
    plural or its modifier names a field of it (``_names_field``). Why: with no object the
    highlights were never weighed, and the node was kept with a read of the bookmarks."""
    record = (words(after)[:1] or [""])[0]
    if len(record) < 3 or word_stem(record) in HOLDERS_OF_CONTENT:
        return None  # "our domains from the <Notion> database": what the user keeps there
    said = words(before)
    while said and (said[-1] in WHICH_ONES or said[-1] in DESCRIBING):
        said = said[:-1]  # "of my latest <YouTube> video": which one, then whose
    if len(said) < 3 or said[-1] not in DETERMINERS or said[-2] not in RECORD_HOLDING_A_THING:
        return None
    if object_action(" ".join(said) + " ") is None or not known_to_node(node_type, record):
        return None  # "a document appears in a <Drive> folder": nothing is read
    head = said[-3]
    if word_stem(head) == head or _names_field(node_type, before, said[-4:-2], record):
        return None  # one thing from a record is as often a copy of it
    if word_stem(head) in VALUE_NOUNS or head in VALUE_NOUNS or _named_by_an_app(before, head):
        return None  # "the urls from my <Raindrop> bookmarks", "the Stripe charges from ..."
    return _collection_of(node_type, " ".join([*said[:-2], "of", said[-1]]) + " ", record)


def _unnamed_compound(node_type: str, before: str, pair: list[str], record: str) -> bool:
    """``pair`` ("version history", "attendance report") is read, and neither word is said
    anywhere in the node's description, its resources or ``record``'s fields; not a value of
    the record (``VALUE_NOUNS``: "open rate", "click rate"), which the node's read returns."""
    action = clause_action(before) or ""
    meaning = VERB_SYNONYMS.get(action, ("",))[0]
    reads = meaning in ("get", "getall", "read", "search", "list") or action in _EXPORTS
    if len(pair) < 2 or not reads or not is_object_noun(pair[1]) or pair[1] in VALUE_NOUNS:
        return False  # "the open rate of the campaign": a value its read returns (HR18)
    said = description_words(node_type) | record_field_words(node_type, record)
    return all(
        w.isalpha()
        and w not in DESCRIBING_WORDS
        and w not in DETERMINERS
        and word_stem(w) not in said
        and not known_to_node(node_type, w)
        for w in pair
    )


def _determined(before: str) -> bool:
    """A determiner ends ``before``: "a <Dropbox> file request" names one thing of the app."""
    return words(before)[-1:] in [[d] for d in DETERMINERS]


def _no_field_of(node_type: str, before: str, record: str, head: str) -> bool:
    """The clause makes or reads a thing (``is_object_noun``, not the name of an action such
    as "image generation") that no field of the node's ``record`` resource names: "create a
    <Dropbox> file request" (no part of a file), not "the <HubSpot> deal stage"."""
    action = object_action(before) or ""
    meaning = EXTRA_ACTIONS.get(action) or VERB_SYNONYMS.get(action, ("",))[0]
    return (
        meaning in ("create", "get", "getall", "read", "list", "search")
        and is_object_noun(head)
        and not head.endswith(("tion", "sion", "ment", "ing"))
        and word_stem(head) not in record_field_words(node_type, record)
    )


def _put_there_or_known(node_type: str, before: str, head: str) -> bool:
    """What is made goes *into* the app ("save the reports in <Google Drive>") or is a thing
    the node keeps ("create a <Dropbox> folder"): unlike "create a <Dropbox> file request",
    where the app names whose thing is made and the thing is none of the node's."""
    return TARGET_PREPOSITION.search(before) is not None or known_to_node(node_type, head)


#: Canonical verbs that change a record in place: what they govern is a field of it.
_CHANGING = frozenset({"update", "mark"})


def _changes_field(node_type: str, before: str, phrase: tuple[str, ...]) -> bool:
    """ "update HubSpot status", "change the Shopify order's note": an everyday verb that
    changes something governs a field of a record the node updates, not an object of the
    API the node lacks. (``EXTRA_ACTIONS`` such as "cancel" are actions of their own.) A head
    word the node's description never says is no field of it: "change their Stripe
    subscription" changes a subscription, which the Stripe node has no resource for."""
    action = object_action(before)
    if action is None or VERB_SYNONYMS.get(action, ("",))[0] not in _CHANGING:
        return False
    head = phrase[-1]
    thing = action != "mark" and not head.endswith(DESCRIBING_WORD_ENDINGS)  # not "complete"
    if thing and word_stem(head) not in description_words(node_type):
        return False  # "update <Google Calendar> accordingly", "mark complete": no thing
    return any(c.verbs & {"update", "upsert"} for c in candidates(node_type))


def _unoffered_on_resource(node_type: str, before: str, head: str, after: str = "") -> bool:
    """The clause acts on a record the node has as a resource, and no operation of that
    resource does the action ("create a draft <Mailchimp> campaign": the campaign resource
    sends, replicates and deletes, never creates; "copy the <Trello> board": boards are made,
    read, changed and deleted, never copied) - the API has it. The burden is on the node:
    an action is kept only when one of the resource's operations says it (``_done_as``) -
    unless the record goes on to another app ("copy new <HubSpot> contacts into a google
    sheet"): then the app's part is a read, the action the other app's."""
    action = clause_action(before) or object_action(before) or ""
    if action in LIGHT_VERBS:
        return False  # "a bot that runs in <Teams> chats": no action on the chats
    if action in STATE_OF_ITS_OWN_ACTIONS:
        return _state_not_held(node_type, action, head)
    opening = "" if action else _opening_action(before)
    if _own_action(opening):  # "lock the <Box> file"
        return _state_not_held(node_type, opening, head)
    meaning = EXTRA_ACTIONS.get(action) or VERB_SYNONYMS.get(action, ("",))[0]
    offered_as = RECORD_ACTION_OPERATION_WORDS.get(meaning)
    if offered_as is None and not _taken_elsewhere(node_type, after):
        offered_as = _done_as(action, meaning)
    stem = word_stem(head)
    held = [c for c in candidates(node_type) if stem in {word_stem(w) for w in _camel_words_of(c)}]
    if offered_as is None or not held or any(c.operation is None for c in held):
        return False  # no operations read for the resource: nothing to say it lacks one
    if meaning == "create" and any(c.nouns & MESSAGE_RESOURCE_NOUNS for c in held):
        offered_as = offered_as | {"send", "post", "sendmessage"}
    offered_as = offered_as | {action}  # "rename the <Slack> channel": channel/rename
    return not any(c.verbs & offered_as for c in held)


#: Operation words of a generic making, change, removal or read: a verb one of them stands
#: for ("set" a field, "cancel" as a delete) is no action of its own, and an action of its
#: own is not done by one of them ("cancel the <Shopify> order" is no delete of it).
_GENERIC_ACTIONS = (
    RECORD_ONLY_VERBS
    | BASIC_READ_OPERATIONS
    | frozenset().union(*RECORD_ACTION_OPERATION_WORDS.values())
)


def _opening_action(before: str) -> str:
    """The verb opening the clause right before the app, when the clause reader finds no
    action there: "lock the <Box> file", "close the <Help Scout> conversation" - a verb the
    operation chooser knows (``ORDER_VERBS``, ``ASK_FIRST_VERBS``), with only determiners or
    describing words between it and the app ("the running ..."); "" otherwise. Why: such
    verbs were read as no action, and the node was kept with whatever operation ranked best.
    Not any word some node's operation is named by: "end the <Airtop> session" is its
    "terminate", which no catalog fact ties to "end"."""
    said = words(CLAUSE_BREAK_BEFORE_APP.split(before)[-1])
    if not 2 <= len(said) <= 3 or said[0] in PHRASE_END or said[0] in DETERMINERS:
        return ""
    if not all(w in DETERMINERS or w.endswith(("ed", "ing")) for w in said[1:]):
        return ""
    return said[0] if said[0] in ORDER_VERBS or said[0] in ASK_FIRST_VERBS else ""


def _own_action(action: str) -> bool:
    """An action only the opening verb says (``_opening_action``) that is no generic making,
    change, removal or read: its first order meaning (``ORDER_VERBS``) is none of those -
    "close", "complete", "lock", "kick" are actions of their own, "set", "resolve", "tag" a
    change of the record (judged by the object, as before)."""
    if not action or action in VERB_SYNONYMS or action in EXTRA_ACTIONS or action in OFFERED_AS:
        return False
    return ORDER_VERBS.get(action, (action,))[0] not in _GENERIC_ACTIONS


def _state_not_held(node_type: str, action: str, head: str) -> bool:
    """ "snooze the <PagerDuty> incident", "void the <Xero> invoice": an action that puts a
    record the node has (``head``) in a state of its own (``STATE_OF_ITS_OWN_ACTIONS``), which
    no operation of that record is named for and no field its update sets holds (neither the
    action nor, for "un-/re-/de-" actions, its base: "unarchive" -> archived). Why: such
    verbs were read as a generic update, and the node was kept with an update of the record
    that cannot snooze or void it - the API's own endpoint does. "acknowledge the <PagerDuty>
    incident" (its update sets "acknowledged"), "unsubscribe ..." of a <Mailchimp> member, and
    "disable the <GitHub> workflow" (an operation) keep the node. A "re-/un-" action is held
    by its base's state (``UNDOING_PREFIXES``), and by a field of another word that holds it
    (``STATE_HELD_BY_FIELDS``: a <Zendesk> user's "suspended" switch, a <MailerLite>
    subscriber's "active", a <Trello> card's "closed")."""
    stem = word_stem(head)
    held = [c for c in candidates(node_type) if stem in {word_stem(w) for w in _camel_words_of(c)}]
    if not held or any(c.operation is None for c in held):
        return False  # no operations read for the record: nothing to say it lacks one
    said_so = {*VERB_SYNONYMS.get(action, ()), *ORDER_VERBS.get(action, ())} - _GENERIC_ACTIONS
    named = {action, *said_so, *OFFERED_AS.get(action, ())}  # not "cancel" as a delete
    if any(c.verbs & named for c in held):
        return False
    fields = updated_field_words(node_type, head)
    if not fields and head.lower().startswith("sub") and len(head) > 6:
        # "complete the <Asana> subtask": a subtask is a task - its update sets "completed"
        # (HR22: the subtask resource has no update, and the call went to GET /subtasks)
        fields = updated_field_words(node_type, head[3:])
    bases = {action} | {action[len(p) :] for p in UNDOING_PREFIXES if action.startswith(p)}
    other_words = {word_stem(w) for base in bases for w in STATE_HELD_BY_FIELDS.get(base, ())}
    return not other_words & fields and not any(
        w.startswith(base[: min(len(base), max(5, len(base) - 3))])
        for base in bases
        for w in fields
    )


def _taken_elsewhere(node_type: str, after: str) -> bool:
    """The clause, after the app, takes what it names to another app ("... into a google
    sheet", "... to Slack"), or to a place cut off where the next app is named ("... into a"):
    see ``_unoffered_on_resource``."""
    m = ONTO_A_PLACE.search(CLAUSE_BREAK_BEFORE_APP.split(after)[0])
    if m is None:
        return False
    cut_off = all(w in DETERMINERS for w in words(m.group(1)))
    return cut_off or another_actor(node_type, m.group(1))


#: Canonical verbs every node offers in words of its own: reads, deliveries, and a record's
#: making, putting in, change or removal ("pull", "post", "put a comment on"): what they ask
#: is judged by the object, not the verb (``_done_as``).
_OBJECT_JUDGED = (
    BASIC_READ_OPERATIONS
    | _DELIVERING
    | PUTTING_IN_MEANINGS
    | frozenset(CREATING_OPERATIONS)
    | frozenset().union(*RECORD_ACTION_OPERATION_WORDS.values())
)


def _done_as(action: str, meaning: str) -> frozenset[str] | None:
    """The operation words that would do ``action`` when its canonical verb is none of
    ``_OBJECT_JUDGED``: the action itself, its everyday synonyms and the names APIs give it
    (``OFFERED_AS``: "duplicate" is Mailchimp's "replicate"). None for those verbs, or with
    no action at all."""
    if not action or meaning in _OBJECT_JUDGED:
        return None
    return frozenset({action, *VERB_SYNONYMS.get(action, ()), *OFFERED_AS.get(action, ())})


def _camel_words_of(c: Candidate) -> list[str]:
    """The words of a candidate's resource value ("listGroup" -> list, group)."""
    return words(re.sub(r"([a-z])([A-Z])", r"\1 \2", c.resource or ""))


def _part_of_record(node_type: str, before: str, after: str) -> bool:
    """ "update the tags of the matching <Shopify> order": what is asked is part of a record
    the node has (named right after the app), not an object of its own."""
    if not re.search(r"\bof\s+(?:[a-z]+\s+){0,2}$", before):
        return False
    record = (words(after)[:1] or [""])[0]
    return len(record) > 2 and record not in PHRASE_END and known_to_node(node_type, record)


def _own_collection(node_type: str, before: str, after: str, head: str) -> bool:
    """ "list the sections of our <Asana> project": a plural read of a record the node has,
    which no field of that record names (the catalog's parameters shown for its resource) and
    no resource of the node is - a collection the API keeps under the record, not a part of
    it like "the tags of the <Shopify> order" or its "photos" (``_field_of``)."""
    record = (words(after)[:1] or [""])[0]
    return (
        _reads_collection(head, before)
        and not _field_of(node_type, [head], record)
        and not known_to_node(node_type, head)
    )


def _named_by_an_app(before: str, head: str) -> bool:
    """Another app's name is written right before ``head`` ("get the Stripe charges from the
    <HubSpot> deals"): the thing is that app's, not the one named after it."""
    m = re.search(rf"(\S+)\s+{re.escape(head)}\b[^\n]*$", before)
    return m is not None and m.group(1)[:1].isupper() and names_app(m.group(1))


def _names_field(node_type: str, before: str, phrase: list[str], record: str) -> bool:
    """The thing asked (``phrase``: its last word, and the word before it unless that is a
    determiner or the clause's verb) names a field of the node's ``record``: "the email
    addresses of our <Mailchimp> members" are its Email field, "the tags of the <Shopify>
    orders" its Tags: no collection of the API (``_collection_from``). A word of the same
    field (``FIELD_SYNONYMS``) names it too: "the photos of the <Shopify> product"."""
    verb = object_action(before) or clause_action(before) or ""
    said = [w for w in phrase[-2:] if w not in DETERMINERS and w != verb and w.isalpha()]
    return _field_of(node_type, said, record)


def _field_of(node_type: str, said: list[str], record: str) -> bool:
    """One of the words ``said`` names a field of the node's ``record``, itself or by another
    word of the same field (``FIELD_SYNONYMS``: "photos" are a <Shopify> product's Images,
    "labels" a <Shopify> order's Tags). Why: a field said in everyday words was read as a
    collection of the API, and a made-up path (``GET .../photos``) replaced a read."""
    stems = {word_stem(w) for w in said}
    for group in FIELD_SYNONYMS:
        same = {word_stem(w) for w in group}
        if stems & same:
            stems |= same
    return bool(stems & record_field_words(node_type, record))


def _does_it_itself(node_type: str, before: str) -> bool:
    """The clause's action is one the node performs beyond keeping records ("translate the
    text parts with <Google Translate>"), or the node has no operations to choose from (a
    single-purpose node such as Mailgun's send): what the action governs is its input."""
    cands = candidates(node_type)
    if not any(c.resource or c.operation for c in cands):
        return True
    action = clause_action(before) or object_action(before) or ""
    return (
        bool(action) and action not in RECORD_ONLY_VERBS and any(action in c.verbs for c in cands)
    )


def missing_action(node_type: str, before: str) -> str | None:
    """ "refund the payment in Stripe": an action that is itself the API's object
    (``VERB_OBJECTS``), in the clause before the app, which the node does not know."""
    clause = CLAUSE_BREAK_BEFORE_APP.split(before)[-1]
    for word in reversed(words(clause)):
        if word in VERB_OBJECTS:
            return None if known_to_node(node_type, word) else word
    return None


def unoffered_action(node_type: str, before: str, after: str) -> str | None:
    """ "schedule that campaign", "duplicate this board in <Trello>": an action done to a thing
    the node has (the campaign, the board) that none of that thing's operations offers
    (``OFFERED_AS``) - the thing, as the API's object; None otherwise."""
    clause = CLAUSE_BREAK_BEFORE_APP.split(before)[-1]
    acts = [m for m in VERB_THEN_THAT_THING.finditer(clause) if as_action(m.group(1).lower())]
    m = acts[-1] if acts else None  # the last action ("... to go out at that time": none)
    verb = as_action(m.group(1).lower()) if m is not None else None  # "schedules" too
    if m is None or verb not in OFFERED_AS:
        return None
    named = (m.group(2) or "").split()  # "the draft campaign in ..."
    if clause[m.end(2) :].startswith(("'s", "\u2019s")):
        named = []  # "the client's <Dropbox> folder": whose, then the thing after the app
    if not named or not clause[m.end(2) :].strip():
        named += words(after)[:3]  # "merge the duplicate <Zendesk> tickets": the app's thing
    for thing in named:
        if thing in PRONOUNS or thing in PHRASE_END:
            return None
        asked = {word_stem(thing), thing, *NOUN_SYNONYMS.get(word_stem(thing), ())}
        held = [c for c in candidates(node_type) if asked & c.nouns]
        if held:
            break
    else:
        return None
    if verb == "schedule" and word_stem(thing) in MADE_BY_SCHEDULING_NOUNS:
        return None
    offered = OFFERED_AS[verb]
    if any(o in (c.operation or "").lower() for c in held for o in offered):
        return None
    if any(o in (c.resource or "").lower() for c in candidates(node_type) for o in offered):
        return None  # GitHub approves a pull request as a "review" of it
    return word_stem(thing)


def drops_something(clause: str) -> bool:
    """The clause removes or leaves out something (``DROPS_SOMETHING``): no call is asked there."""
    return bool(DROPS_SOMETHING.search(clause))
