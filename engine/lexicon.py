"""The cues the engine reads from a request, each defined once.

Why: intent (``engine.intent.entities``), the spec builder (``engine.spec``) and the offline
modifier (``engine.offline.modify``) used to write their own copies of the same cue, and the
copies disagreed (a Slack channel was ``#`` + 1-61 characters in one, 1-80 in another; "manual"
meant different phrases in three places). A cue here is the single definition; a module that
needs a narrower reading says so by choosing a narrower cue from this module, not by writing
its own pattern.

Most patterns are compiled case-insensitive; the ones that are not say so or read lowercased
text. The file is in sections by topic (``# --- ... ---``), each definition with a ``#:`` line
saying what it matches and why. ``tests/test_lexicon_single_source.py`` fails on a regex with
words in it, or a word list, defined anywhere else in ``engine/`` (what is not moved yet is
listed there, and the list only shrinks).
"""

from __future__ import annotations

import re

from nodepilot.workflow import BASE, LC, TRIGGER_KINDS

# --- Starts and parts of a workflow: channel, manual, memory, schedule, media, tools ---
#: A chat channel named with ``#``: Slack's rule (a letter or digit, then up to 79 letters,
#: digits, ``-`` or ``_``); not an HTML entity (``&#38;``) nor the middle of a word.
CHANNEL = re.compile(r"(?<![\w&])#([a-z0-9][a-z0-9_\-]{0,79})", re.I)

#: The user starts the workflow by hand, said loosely ("manual", "on demand", "by hand",
#: "when I click the button"): enough where the request is already about how it starts.
MANUAL = re.compile(
    r"\b(manual\w*|on demand|when i click|click (a |the )?button|click (run|execute)|"
    r"run it myself|by hand|(a|one) button (that )?(i|we|you) can (click|press|hit|push|tap))\b",
    re.I,
)

#: The same said unambiguously, for reading a whole request: "manual" only as a way of
#: starting ("manual trigger", "Manual:", a request opening with it), so "manual data entry"
#: or "the user manual" is not a manual start.
MANUAL_START = re.compile(
    r"\b(?:manually(?: trigger(?:ed)?| run)?|manual (?:trigger|run|start|execution|workflow|"
    r"import|export|test)|manual\s*[:(]|^\s*manual\b|on demand|"
    r"when(?:ever)? i (?:click|press|hit|run)|"
    r"click (?:a )?(?:button|run|execute)|run it myself|i(?:'ll| will) run it|"
    r"(?:a|one) button (?:that )?(?:i|we|you) can (?:click|press|hit|push|tap))\b",
    re.I,
)

#: Any sign that the user runs the workflow themselves: a button, a run they start, a one-off
#: or a test. Why: with none of these, a request that names no start is not a manual one. The
#: labels of every read set and of the benchmark agree (a manual start comes with one of these
#: in 72 of their 73 manual golds, the other a typo of "manually"), and people who want a button
#: say so; what such a request names first is usually the app where it starts.
RUN_BY_THEMSELVES = re.compile(
    r"\b(?:manual\w*|manualy|on demand|on request|on command|by hand|buttons?|myself|ourselves|"
    r"when(?:ever)? (?:i|we) (?:want|need|choose|decide|ask|say|run|click|press|hit|trigger|start)|"
    r"(?:hit|press|click|tap)\w* (?:the )?(?:run|execute|go|play|start)|"
    r"kick(?:s|ed|ing)? (?:it |this |things |them )?off|one[- ](?:off|time|shot)|just once|"
    r"test(?:ing)? (?:run|it|this)|run (?:it|this) (?:once|now|ad hoc)|ad[- ]hoc|"
    r"(?:i|we)(?:'ll| will)? (?:paste|type|enter|give|provide|hand over|upload|drop)\b)\b",
    re.I,
)

#: Right before an app the request sends or writes to ("post it to Slack", "into the 'Leads'
#: sheet of", "onto our Trello board in"): that app is where things go, not where they start.
SENT_TO_BEFORE_APP = re.compile(
    r"\b(?:to|into|onto|in to|via|through|with|using)\s+(?:(?:the|our|my|a|an|their|your)\s+)?"
    r"(?:['\u2018\"][^'\u2019\"]{1,40}['\u2019\"]\s+)?(?:[\w-]+\s+(?:in|on|of)\s+)?$",
    re.I,
)

#: The means a thing is sent by ("a thank-you email via Gmail", "through Slack"), not where it
#: arrives ("sent to a Gmail inbox": for an app that receives messages, arriving there is its
#: event - ``spec.weak_reading_gives_way``).
MEANS_PREPOSITION = re.compile(r"\s*(?:via|through|with|using)\b", re.I)

#: A verb that reads what is there now, once, before the app it reads from ("load the PDFs from
#: Google Drive", "pull the Stripe refunds", "export our HubSpot contacts", "batch the new
#: Airtable records"): the app is read in a batch, not watched, so it is no start.
READS_ONCE_BEFORE_APP = re.compile(
    r"\b(?:pull|fetch|get|grab|load|read|sync|copy|scrape|extract|back up|backup|archive|batch|"
    r"export|import|download|list|collect|gather|count|compile|dump|migrate|look up|search|"
    r"find|check|query|summari[sz]e|analy[sz]e|review|audit)\b",
    re.I,
)

#: Words between an order and an app's records that make them records to wait for ("log every
#: Stripe refund", "copy each new Trello card"): without one, the app ordered about ("update the
#: HubSpot deal") is where the order goes, not where the workflow starts.
EVENT_QUANTIFIERS = frozenset("every each any new incoming".split())
#: Of those, the ones that still mean records arriving after an order ("log new Stripe refunds");
#: "send every HubSpot contact ..." acts on all the records there are.
ARRIVING_QUANTIFIERS = frozenset("new incoming".split())
#: What happens to an app's record, said after it ("<App> subscriber unsubscribes", "merge
#: requests opened against main"): the record's event, evidence that the app is watched.
RECORD_EVENT_VERBS = re.compile(
    r"\b(?:leaves?|left|joins?|joined|(?:un)?subscribes?|(?:un)?subscribed|signs? up|submitted|"
    r"opened|created|added|updated|changed|completed|paid|cancell?ed|won|lost|closed|"
    r"resolved|replie[sd]|fails?|failed|expires?|expired|booked|registered|receive[sd]?|"
    r"arrives?|arrived|comes? in|lands?|shows? up|gets? (?:a|an|the))\b",
    re.I,
)
#: What records "should be", "must get", "need": with the records picked by a state they are
#: in already (``STORED_STATE_FILTER``: "Any deal older than 30 days should be marked as
#: lost"), an order about the ones there are; only an event said before it ("Any file added
#: there should be copied") makes them awaited. Without such a state it is as often a policy
#: for each new one ("every merge request on GitLab should be announced in Mattermost").
DUTY_ORDER = re.compile(
    r"\b(?:should|must|ought to|has to|have to|needs? to)\s+(?:be|get|have|receive|go)\b|"
    r"\bneeds?\s+(?:a|an|the|to)\b",
    re.I,
)
#: A duty said of the records a clause opens on ("PayPal refunds should be recorded ...",
#: "Zendesk tickets from VIPs must be escalated", "Stripe disputes need a Slack alert"): a
#: standing rule for each record as it comes, unlike an order to the workflow ("export the
#: refunds"). Read only when the records are the clause's subject (``STORED_RECORD_WORDS``,
#: ``SUBJECT_PRONOUNS``, an order verb before it and a stored state rule it out).
STANDING_DUTY = re.compile(
    r"\b(?:should|must|ought to|ha(?:s|ve) to|needs? (?:to|a|an|the))\b",
    re.I,
)
#: Words that make records all the ones there are now ("all HubSpot contacts should be ...",
#: "the existing Stripe customers must get ..."): a one-off job on them, not a rule for new ones.
STORED_RECORD_WORDS = frozenset("all existing current old previous past".split())
#: A person as the subject of a duty ("HubSpot contacts we need to export"): the duty is the
#: person's job on the records, not a rule the records set off.
SUBJECT_PRONOUNS = frozenset("i we you they someone somebody".split())
#: Records picked by a state they are in now - age, something missing, overdue ("older than
#: 30 days", "without a label", "with no phone number", "past due", "not updated since").
STORED_STATE_FILTER = re.compile(
    r"\b(?:older than|(?:more|less) than \d+ \w+ old|without|with no|that (?:have|has) no|"
    r"past due|overdue|stale|inactive|not (?:been )?(?:updated|touched|modified|opened))\b",
    re.I,
)
#: "For every row in Airtable where ...", "for each of our Trello cards": a loop over records
#: that are there now, not records to wait for.
FOR_EACH_STORED = re.compile(r"\bfor (?:every|each|all)\b")

#: The AI should remember earlier turns (a chat memory sub-node).
MEMORY = re.compile(
    r"\b(remember\w*|memory|memories|conversation history|chat history|follow[- ]?ups?|"
    r"context of the conversation|session|"
    r"(?:last|previous|past|earlier) (?:few |\d+ |couple of )?(?:messages|turns|exchanges)|"
    r"(?:keep|use|have|hold)\w* (?:\w+ ){0,4}?as context)\b",
    re.I,
)

#: A report named by the part of the day it comes at ("a morning briefing", "the evening
#: recap", "nightly digest"), or a time said by the working day ("before I start work", "at the
#: start of each workday"): a daily run, read by ``SCHEDULE`` and by the schedule parser.
PERIODIC_REPORT = (
    r"(?:morning|evening|afternoon|night|nightly|overnight|end[- ]of[- ]day)\s+(?:news\s+)?"
    r"(?:briefings?|briefs?|digests?|reports?|recaps?|summar(?:y|ies)|round-?ups?|updates?|"
    r"newsletters?|wrap-?ups?|check-?ins?|e-?mails?|overviews?|agendas?)|"
    r"before (?:i|we) (?:start|begin) (?:work|the day|my day|our day|my shift)|before work|"
    r"(?:at )?(?:the )?start of (?:the|my|each|every|our) (?:work ?|business )?day"
)

#: The workflow runs on a schedule ("every Monday", "nightly", "at 7am", "once a week"); "every
#: new order" / "every time" are events, not schedules.
SCHEDULE = re.compile(
    r"\b((every|evry)(?! (new|time|single|incoming|messages?|posts?|items?|rows?|records?|"
    r"e-?mails?|orders?|files?|tickets?|leads?|one|users?|customers?|submissions?|entry|entries|"
    r"events?|changes?|updates?|commits?|pushes|issues?|deals?|contacts?|[a-z]+ed)\b)|daily|weekly|hourly|monthly|nightly|"
    r"yearly|annually|quarterly|bi-?weekly|fortnightly|scheduled?|overnight|"
    r"on a schedule|once (an?|per|each) (hour|day|week|month|year)|times (an?|per) (hour|day|week)|"
    r"twice (an?|per) (hour|day|week|month)|cron|each (day|morning|quarter|"
    r"evening|night|week|month|hour|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
    r"(in the |on )?(mornings|evenings|afternoons|nights)|(around|at) (midnight|dawn|dusk)|"
    r"in the (morning|evening|afternoon)(?=\s*[,:;\u2013\u2014]|\s+-\s)|at (morning|evening)|"
    r"end[- ]of[- ](the[- ])?(day|work ?day|business day)|close of business|on the hour|"
    r"at \d{1,2} ?(am|pm)|at \d{1,2}:\d\d|" + PERIODIC_REPORT + r")\b",
    re.I,
)

#: A media task a vendor node does itself (transcribe, text to speech, generate or analyse
#: images): the OpenAI/Gemini app node, not only a chat model.
MEDIA_TASK = re.compile(
    r"\b(transcrib\w*|whisper|dall-?e|text[- ]to[- ]speech|tts|speech|image generation|"
    r"generat\w* (an? |the )?(images?|pictures?|photos?|video)|(images?|photos?|vision) "
    r"analy\w*|analy[sz]\w* (the |an? )?(images?|photos?|pictures?|video)|vision|"
    r"openai assistant|assistants? api)\b",
    re.I,
)

#: Any word about images, audio or video; next to an AI vendor's name it means that vendor's
#: app node is wanted (a wider net than ``MEDIA_TASK``, read only near the vendor).
MEDIA_WORD = re.compile(
    r"\b(?:image|images|picture|dall-?e|whisper|transcri\w+|audio|voice|speech|tts|video|sora)\b",
    re.I,
)

#: The request hands tools to the AI ("with tools: ...", in a few languages too).
TOOLS = re.compile(r"\b(tools?|herramientas?|strument[oi]|outils?|werkzeuge?|ferramentas?)\b", re.I)

#: Structured output is asked for by name: a structured output parser on the AI step.
STRUCTURED_OUTPUT = re.compile(
    r"\b(structured( output)?|json (schema|output)|output parser)\b", re.I
)

#: The same, said by a change to an existing AI step: "structured" or "json" is enough there,
#: since the change is about the AI step's output.
STRUCTURED_WORD = re.compile(r"\b(structured|json)\b", re.I)

# --- Bots and messages on apps: who talks to whom, where ---
#: What a bot is called ("bot", "chatbot", "assistant", "agent", "helper", "auto-responder").
_BOT_NOUN = (
    r"(?:chat ?bot|bot|assistant|agent|helper|auto-?responder|concierge|buddy|co-?pilot|"
    r"receptionist|sidekick|responder|answerer|(?:help|support|service) ?desk)s?"
)

#: A bot named right before the messaging app it lives on: "a support bot for my Telegram
#: channel", "an AI agent on WhatsApp", "assistant inside Slack" (read up to the app's name).
BOT_BEFORE_APP = re.compile(
    rf"\b{_BOT_NOUN}\s+(?:(?:that\s+|which\s+|should\s+|will\s+|must\s+|can\s+)?(?:for|on|in|"
    r"inside|within|via|over|through|into|"
    r"with|using|(?:lives?|living|sits?|sitting|runs?|running|hosted|based|deployed|available)"
    r"\s+(?:in|on|inside|within))\s+)(?:(?:my|our|the|a|an|your|their)\s+)?$",
    re.I,
)

#: Words that end a bot's description: a function word or a verb between the app's name and
#: a bot noun means the noun belongs to another phrase ("post to Slack so the agent ...").
_NOT_A_BOT_WORD = (
    r"(?!(?:to|for|and|or|but|with|when|then|that|which|who|so|if|as|by|at|is|are|be|it|its|"
    r"the|a|an|in|on|of|from|into|via|this|these|each|every|all|new|message|messages|send|"
    r"post|ping|notify|tell|ask|let|have|while|after|before)\b)"
)

#: A bot named right after the messaging app: "a WhatsApp assistant", "our Slack HR bot",
#: "Telegram customer support agent", "a WhatsApp booking assistant", "Slack knowledge bot"
#: (read from the app's name on; up to three words describing the bot in between).
BOT_AFTER_APP = re.compile(
    rf"^(?:-(?:based|powered|hosted|only|native)\b)?\s*(?:{_NOT_A_BOT_WORD}[a-z][\w'&-]*\s+){{0,3}}"
    r"(?:(?:channel|group|server|workspace|number|account)\s+(?:needs|gets|has|wants)\s+"
    rf"(?:a|an)\s+(?:\w+\s+)?)?(?:{_BOT_NOUN}|ai\b(?!\s+(?:summary|summaries|step|node|model)))\b",
    re.I,
)

#: People write to the workflow through an app: "customers message us on WhatsApp", "users can
#: text it via Twilio", "when someone DMs the bot in Slack" (read up to the app's name).
PEOPLE_MESSAGE_APP = re.compile(
    r"\b(?:customers?|people|users?|someone|anyone|clients?|members?|visitors?|employees?|"
    r"staff|students?|guests?|patients?|leads?|followers?|subscribers?|colleagues?|they)\s+"
    r"(?:can\s+|who\s+|that\s+|will\s+|may\s+|should\s+(?:be\s+able\s+to\s+)?|"
    r"(?:are|must be) able to\s+)?(?:messages?|texts?|sms|dms?|writes?|chats?|asks?|sends?|"
    r"contacts?|reach(?:es)?|pings?)\b(?:[^.;:!?\n]{0,40}?\b(?:on|in|via|over|through|to|using))?"
    r"\s+(?:(?:my|our|the|a|an|your)\s+)?$",
    re.I,
)

#: Answering the messages that come in on an app: "reply to incoming WhatsApp messages",
#: "answer Telegram messages with GPT" (read up to the app's name; the app's messages follow).
ANSWER_APP_MESSAGES = re.compile(
    r"\b(?:answer|answers|answering|reply to|replies to|replying to|respond to|responds to|"
    r"responding to|handle|handles|handling|incoming|inbound|(?:reply|replies|replying|respond|"
    r"responds|responding)\s+(?:automatically|instantly|directly|immediately|right away|"
    r"quickly)\s+to)\s+(?:(?:all|every|each|any|new|"
    r"incoming|inbound|customer|the|my|our)\s+){0,2}$",
    re.I,
)

#: The messages of an app answered, named before it: "answer DMs sent to our Slack app",
#: "reply to questions posted in our Teams channel" (read up to the app's name).
ANSWER_MESSAGES_ON_APP = re.compile(
    r"\b(?:answer|answers|answering|reply to|replies to|replying to|respond to|responds to|"
    r"responding to)\s+(?:(?:all|every|each|any|new|incoming|the|my|our)\s+)?(?:messages?|dms?|"
    r"texts?|questions?|mentions?|chats?|sms)\s+(?:(?:sent|posted|received|asked|written|"
    r"coming in)\s+)?(?:to|on|in|via|through|over|at)\s+(?:(?:my|our|the|a|an|your)\s+)?$",
    re.I,
)

#: The app's own number or account answers by itself: "our WhatsApp number should answer FAQs",
#: "the Telegram channel will reply automatically" (read from the app's name on).
APP_ANSWERS = re.compile(
    r"\s*(?:business\s+)?(?:number|account|channel|group|page|inbox|line|chat|profile)?\s*"
    r"(?:should|will|must|can|to|that|which|shall)\s+(?:automatically\s+|auto-?\s*)?"
    r"(?:answer|reply|respond|auto-?reply|chat)\b",
    re.I,
)

#: An order to make the app answer by itself, named before it: "make my ", "let our ", "have
#: the " (with ``APP_REPLIES`` right after the name: "make my WhatsApp reply automatically").
LET_APP = re.compile(r"\b(?:make|let|have|get)\s+(?:(?:my|our|the)\s+)?$", re.I)
#: Right after an app name made to answer (see LET_APP): "(business number) automatically reply".
APP_REPLIES = re.compile(
    r"\s*(?:(?:business\s+)?(?:number|account|channel|group|page|inbox|line|bot)\s+)?"
    r"(?:automatically\s+)?(?:answer|reply|respond|auto-?reply)\b",
    re.I,
)

#: People of the app named right after it ("our Telegram users", "WhatsApp customers"): with a
#: way of talking to the workflow later in the sentence (``TALK_TO``), a bot lives there.
APP_PEOPLE = re.compile(
    r"\s*(?:users?|members?|customers?|clients?|followers?|subscribers?|community|contacts?|"
    r"audience|group members|channel members)\b",
    re.I,
)

#: Someone talks to the workflow: "they can talk to", "chat with", "I send receipt photos".
TALK_TO = re.compile(
    r"\b(?:(?:talk|talks|talking|chat|chats|chatting|speak|speaks) (?:to|with)|"
    r"(?:i|we|you|they|users?|people|customers?|members?|someone|anyone|guests?|clients?|team|"
    r"employees|staff|colleagues|everyone|learners|students|patients|visitors|buyers|shoppers|"
    r"players|fans|followers|parents|tenants|residents)\s+(?:can\s+|will\s+|just\s+)?(?:send|"
    r"sends|text|texts|sms|message|messages|dm|dms|write|writes|forward|forwards|drop|drops|ask|"
    r"asks|chat|chats|talk|talks|voice-?note)\b|"
    r"(?:ai|bot|agent|assistant)\s+(?:then\s+)?(?:asks|answers|replies|chats|talks|greets)\b|"
    r"(?:answer|answers|answering|reply to|replies to|respond to|responds to)\s+"
    r"(?:(?:the|all|every|each|new|incoming|their|user|customer)\s+)?(?:messages?|questions?|dms?|"
    r"mentions?|texts?|chats?)\b)",
    re.I,
)

#: Messages received on an app, named before it: "receive SMS via Twilio", "listen for mentions
#: in " (read up to the app's name; "get the messages from Slack" is a read, not this).
RECEIVE_ON_APP = re.compile(
    r"\b(?:receive|receives|receiving|listen (?:for|to)|listening (?:for|to))\s+"
    r"(?:(?:new|incoming|inbound|all|the|every|each)\s+)?(?:messages?|sms|texts?|dms?|mentions?|"
    r"chats?)\s+(?:via|on|from|in|through|over|at)\s+(?:(?:my|our|the|a)\s+)?$",
    re.I,
)

#: An app set up to talk, named after the order: "set up WhatsApp so that when people message
#: our number ...", "configure our Slack so ..." (with ``TALK_TO`` in the same sentence).
SET_UP_APP = re.compile(
    r"\b(?:set up|setup|configure|hook up|connect)\s+(?:(?:my|our|the|a)\s+)?$", re.I
)

#: Verbs that make the person after them a recipient ("alert the assigned agent on Slack"):
#: a bot noun after one of them is someone to tell, not a bot living on the app.
RECIPIENT_VERB = re.compile(
    r"\b(?:alert|notify|tell|inform|remind|ping|page|escalate to|assign(?: it)? to|cc|loop in|"
    r"hand (?:it )?(?:off|over) to)\b",
    re.I,
)

#: Talking to the workflow through an app, named before it: "chat with my Notion notes from
#: Telegram", "talk to our docs over WhatsApp", "a finance tracker over Telegram" (read up to the
#: app's name; the talking is found by ``TALK_TO`` in the same sentence).
THROUGH_APP = re.compile(
    r"\b(?:from|via|over|through|using|inside|in|on)\s+(?:(?:my|our|the|a|an|your)\s+)?$", re.I
)

#: Messages people send in, received by us, named before the app: "we get lots of ", "I
#: receive a hundred " (with ``APP_INBOUND`` after the name: "... WhatsApp questions").
WE_GET = re.compile(
    r"\b(?:we|i|they|you)\s+(?:get|gets|getting|receive|receives|receiving|handle|field)\s+"
    r"(?:(?:lots|tons|loads|a lot|plenty|dozens|hundreds|thousands) of\s+|(?:many|more|some|"
    r"a few|the|all|our|new|incoming|so many|too many)\s+)*$",
    re.I,
)
#: What people send in, right after the app's name ("WhatsApp questions", "Slack DMs").
APP_INBOUND = re.compile(
    r"\s*(?:questions?|messages?|msgs?|inquir(?:y|ies)|enquir(?:y|ies)|requests?|dms?|texts?|"
    r"chats?|conversations?)\b",
    re.I,
)

#: Messages as the thing that comes in, right after the app's name ("WhatsApp messages").
APP_MESSAGES = re.compile(r"\s*(?:messages?|msgs?|texts?|dms?|chats?|sms|mentions?)\b", re.I)

#: Someone other than the workflow: the people a bot talks with ("customers", "our team",
#: "anyone", "I"), as the subject of a way of writing in (``INBOUND``).
_PERSON = (
    r"(?:i|we|they|people|ppl|folks|customers?|users?|members?|team|colleagues?|employees?|staff|"
    r"tenants?|guests?|patients?|clients?|visitors?|someone|somebody|anyone|anybody|everyone|community|"
    r"group|followers?|subscribers?|learners?|students?|buyers?|shoppers?|callers?|prospects?|"
    r"fans|players|parents|residents|drivers|agents|reps|she|he|devs|developers|engineers|"
    r"admins|managers|coworkers|teammates|volunteers|candidates|applicants|grandma|grandpa|mom|"
    r"dad|kids|friends|family)"
)
#: People by their role in a team, who change records ("HR", "finance", "the agent", "a rep").
_ROLE = (
    r"(?:hr|finance|ops|legal|sales|support|accounting|marketing|(?:sales |support )?reps?|pms?|"
    r"editors?|admins?|managers?|approvers?|reviewers?|(?:the |an? )(?:agent|editor|manager|pm|"
    r"rep|admin|owner|lead|reviewer|approver|recruiter))"
)
#: Who does what the workflow does ("then it moves the card to Done", "the bot marks ..."): no
#: person changing a record, so no event.
_MACHINE_SUBJECT = (
    r"it|this|that|which|who|then|and|also|just|automatically|n8n|workflow|automation|bot|zap|"
    r"script|flow|system|ai|llm|model|assistant|node|step|please|pls"
)
#: The ways of writing in: asking, texting, typing, sending, mentioning ... (the app's own
#: name used as a verb - "WhatsApp us" - is read by ``INBOUND`` too).
_WRITE_IN = (
    r"(?:ask|text|messag|typ|send|writ|dm|whatsapp|forward|report|book|chat|talk|request|"
    r"submit|mention|@mention|reach|contact|voice-?not|sms|ping|drop|shar|enter|repl|react)\w*"
)
#: Ways of asking for something a person uses: asking, searching, looking up, checking - the
#: answer goes back to them, so these need no reply said.
_ASK_FOR = r"(?:ask|search|look\w* up|find|check|query|request|book|order)\w*"
#: Grammar of a message coming in to the workflow: a person as the subject of a way of
#: writing in, within a few words ("customers text our number", "the team types /standup",
#: "members of my channel should be able to ask"), a gerund of one after "by"/"when"/"after"
#: ("by texting the order number"), or messages arriving ("messages to our WhatsApp number",
#: "voice notes sent to my Telegram", "questions posted in the channel").
INBOUND = re.compile(
    rf"\b{_PERSON}\b(?:\s+[\w'@/-]+){{0,8}}?\s+(?:to\s+)?{_WRITE_IN}\b|"
    rf"\b(?:by|when|after|while)\s+(?:just\s+)?{_WRITE_IN}ing\b|"
    r"\b(?:answer|reply to|respond to|handl)\w*\s+(?:[\w'-]+\s+){0,2}?(?:questions?|messages?|"
    r"msgs?|dms?|texts?|quer(?:y|ies)|inquir(?:y|ies)|enquir(?:y|ies)|requests?)\b",
    re.I,
)
#: The asker wishing for something ("I want a weekly report", "each morning I'd like to get a
#: Slack DM"): the asker receives what the workflow sends - the word for a message after it is
#: a noun - unless the wish is to write in ("I want to ask the bot ...").
ASKER_WISHES = re.compile(
    r"(?:i|we)\s+(?:(?:really|just|also|would|'d|do|kind of)\s+)?(?:want|need|like|love|wish)\b"
    rf"(?!\s+to\s+{_WRITE_IN}\b)",
    re.I,
)
#: A person talking to the workflow right after an event word ("when someone asks about the
#: schedule in Airtable", "whenever a customer messages ..."): the event is a message, so only
#: an app people write through can start it.
PERSON_TALKS = re.compile(
    rf"{_PERSON}\s+(?:[\w'-]+\s+){{0,2}}?(?:ask|messag|text|dm|chat|talk|writ|repl)\w*\b", re.I
)

#: A person asking for something within a few words ("members should be able to ask for
#: today's classes", "let customers check their order status"): a round trip by itself.
ASKS_FOR = re.compile(rf"\b{_PERSON}\b(?:\s+[\w'@/-]+){{0,8}}?\s+(?:to\s+)?{_ASK_FOR}\b", re.I)
#: Messages arriving at the app, named before it: "messages to our WhatsApp number", "voice
#: notes sent to my Telegram", "questions posted in the" (read up to the app's name).
MESSAGES_TO_APP = re.compile(
    r"\b(?:messages?|texts?|dms?|questions?|requests?|mentions?|replies|sms|voice notes?|photos?|"
    r"links?)\s+(?:(?:sent|posted|written|forwarded|dropped|coming in)\s+)?(?:to|on|in|at|into)\s+"
    r"(?:(?:my|our|the|a|an|their)\s+)?$",
    re.I,
)
#: The workflow talks back to whoever wrote in: it answers, replies, responds, or something
#: comes back ("get the delivery status back", "send the summary back to me", "in the thread").
REPLY_BACK = re.compile(
    r"\b(?:answer(?:s|ed|ing)?|repl(?:y|ies|ied|ying)|respond(?:s|ed|ing)?|"
    r"(?:get|gets|getting|got|send|sends|sending|sent|comes?|coming|text|texts|write|writes|"
    r"post|posts)\b[^.;!?\n]{0,60}?\bback|(?:in|into) (?:the |a )?(?:same )?thread|"
    r"confirm(?:s|ing)?)\b",
    re.I,
)
#: A chat command someone types ("/standup", "/report"): the app sends it to the workflow.
SLASH_COMMAND = re.compile(r"(?<![\w/.:])/[a-z][\w-]{1,30}\b(?!/)", re.I)

#: The order that makes an app only where the result goes: "post it to", "notify #ops on",
#: "send me a message on" (read up to the app's name within its clause; the verb opens the
#: order, so ``engine.intent.entities`` checks no person writes it).
SENT_TO_APP = re.compile(
    r"\b(post|send|notify|alert|ping|share|forward|push|deliver|publish|tweet|message|dm|text|"
    r"e-?mail|report|announce|drop|write|remind|tell|inform)\b(?:[^,;:.!?\n]|\.(?=\S)){0,50}?\b(?:to|in|on|"
    r"via|into|through|over|from|using|with)\s+(?:(?:my|our|the|a|an|their)\s+)?(?:#\S+\s+(?:on|in)\s+)?$",
    re.I,
)
#: Something that lives on the app, named before it and described after it: "an onboarding
#: guide in Telegram that walks customers through ...", "something in Slack where the team
#: types /standup" (the app's name between "in/on" and "that/which/where").
LIVES_ON = re.compile(
    r"\b(?:lives?|living|sits?|sitting|hosted|based|available|runs?|running)\s+(?:in|on|inside|"
    r"within|over)\s+(?:(?:my|our|the|a)\s+)?$",
    re.I,
)
#: Right before an app name: where something lives ("in our", "on the", "for my").
LIVES_ON_APP = re.compile(r"\b(?:in|on|inside|within|for)\s+(?:(?:my|our|the|a)\s+)?$", re.I)
#: After a name, a relative clause describing it ("... that", "... which", "so that").
DESCRIBED_AFTER = re.compile(r"\s*(?:[\w-]+\s+)?(?:that|which|where|so that)\b", re.I)

#: Talking back: the workflow answers, replies, responds, chats or is asked something.
TALKS_BACK = re.compile(
    r"\b(answers?|answering|repl(y|ies|ying)|respond\w*|chats? with|asks?|asking|questions?|"
    r"talk(s|ing)? (to|with)|conversations?)\b",
    re.I,
)

#: "node" but not the JavaScript runtime ("my Node fetch", "Node 20", "a Node server", "three
#: Node services"): a regex fragment for the words that name n8n's parts.
_N8N_NODE = (
    r"nodes?(?!\.\w)(?!\s+(?:v?\d|fetch|server|runtime|process|version|backend|module|"
    r"package|express|project|services?|apps?|scripts?|sdk)\b)"
)

#: n8n itself named: a question about what the tool can do, not an order for a flow and not
#: another tool's feature (narrower than ``N8N_WORD``, which also takes its parts and "workflow").
N8N_NAMED = re.compile(r"\bn8n\b", re.I)

#: Words only a question about n8n or automation uses: n8n and its parts, automations and
#: integrations, or the workflow just built. Narrower than ``AUTOMATION_TOPIC``: "api", "json",
#: "docker" or "memory" are everyday words of programming too.
N8N_WORD = re.compile(
    rf"\b(n8n|{_N8N_NODE}|workflows?|triggers?|webhooks?|automat\w*|zaps?|zapier|make\.com|"
    r"integrations?|expressions?|credentials?|executions?|sub-?workflows?|pinned|queue mode|"
    r"langchain|agents?|vector stores?|chat ?models?|nodepilot|this one|this workflow|in there|"
    r"that step|this step)\b|\$json|\{\{",
    re.I,
)

# --- What kind of ask it is: code, questions, orders, thanks ---
#: A question about the asker's own program or a tool outside n8n: a programming language,
#: framework or developer tool by name, an exception's name or exit code, or "my script /
#: query / component / formula". With no ``N8N_WORD`` such a question is not about
#: automation ("KeyError in my python script", "my SQL query returns duplicates", "why does my
#: docker container exit with code 137") - general conversation.
OWN_CODE = re.compile(
    # ("react to new rows" is the verb, not the framework: HIN6 s20)
    r"\b(?:python|javascript|typescript|react(?!\s+(?:to|on|when|whenever)\b)|vue(?:\.?js)?|"
    r"angular|svelte|django|flask|"
    r"fastapi|rails|ruby|php|laravel|java|kotlin|swift|golang|rust|c\+\+|c#|sql|mysql|sqlite|"
    r"css|html|docker|kubernetes|k8s|git|pandas|numpy|excel|vlookup|xlookup|pivot tables?|regex|"
    r"bash|powershell|node\.?js|npm|yarn|webpack|terraform|jquery|spring boot|\.net|"
    r"express(?=\s+(?:api|app|server|backend|routes?|middleware))|electron|flutter|dart|"
    r"unity|xcode|android studio|ubuntu|debian|crontab|systemd|nginx|goroutines?|"
    r"github actions|gradlew?|maven|cargo|pip|virtualenv|venv|"
    # (HIN6) libraries and servers of the asker's own code
    r"express(?=\.js|\s+(?:route|handler|endpoint)s?)|(?<=\bin )express|nodemailer|celery|"
    r"redis|sidekiq|rabbitmq|kafka|airflow|axios|requests library)\b|"
    # a library or file of the asker's code by its name: discord.py, next.js, app.py, index.ts
    r"\b[a-z][\w-]*\.(?:py|js|ts|jsx|tsx|rb|php|go|java|cs|cpp|kt|rs)\b|"
    r"\b(?-i:[A-Z][a-z]+(?:[A-Z][a-z]+)*(?:Error|Exception))\b|"
    r"\b(?:traceback|stack ?trace|segfault|null pointer|"
    r"exit(?:s|ed)? (?:immediately )?(?:with )?(?:code|status) \d+)|#N/A|"
    r"\b(?:my|our)\s+(?:[\w.-]+\s+){0,3}?(?:script|code|query|queries|component|function|"
    r"program|class|method|container|formula|macro|dataframe|app|website|repo|backend|frontend|"
    r"browser extension)\b",
    re.I,
)

#: (HIN6) Automation words that programs have too: a webhook an app sends to the asker's code, a
#: trigger in it, an integration it has. Beside a language or library named (``OWN_CODE``),
#: they are that program's, not n8n's ("a Shopify webhook HMAC in PHP").
PROGRAM_FEATURE_WORD = re.compile(r"\b(?:webhooks?|triggers?|triggered|integrations?)\b", re.I)
#: (HIN3) Code pasted into the turn: a call on a dotted name ("res.data.items", "axios.get(url)"),
#: a declaration ("const res =", "def add(", "function f("), an import, a comment after code, a
#: local address. Without an n8n word (``$json``, "{{", "node") it is the asker's program.
CODE_IN_TEXT = re.compile(
    r"(?<![$\w])[a-z_]\w*(?:\.\w+)+\([^)\n]*\)|\b(?:const|let|var)\s+\w+\s*=|"
    r"\b(?:def|function|func|fn)\s+\w+\s*\(|^\s*(?:import|from|#include|using)\s+[\w.<]+|"
    r"\)\s*;\s*(?://|$)|\blocalhost(?::\d+)?\b|\b\w+\(\)(?=\s|[.,;?]|$)",
    re.I | re.M,
)
#: (HIN3) The asker's own software, named as theirs ("my API", "my own backend", "our chat app",
#: "my VPS"): with no app named and no n8n word, a question about it is about their program,
#: though "api" or "http" are automation words too.
OWN_SOFTWARE = re.compile(
    r"\b(?:my|our)\s+(?:own\s+)?(?:[\w.-]+\s+){0,2}?(?:api|apis|endpoints?|server|vps|"
    r"backend|back-end|frontend|service|microservices?|app|site|library|package|cli|sdk)\b",
    re.I,
)

#: (HIN4) A feature other tools have under automation's names: Jira, SharePoint and Slack have
#: workflows, Outlook and Gmail rules and filters, MySQL triggers, Jenkins builds, Excel macros.
#: Said of another tool ("the approval workflow in SharePoint", "my GitHub Actions workflow",
#: ``_other_tools_feature``), the question is about that tool, not about automation.
TOOL_FEATURE_WORD = re.compile(
    r"\b(?:workflows?|automations?|rules?|filters?|triggers?|webhooks?|pipelines?|builds?|"
    r"macros?|flows?|jobs?|expressions?|integrations?|executions?)\b",
    re.I,
)
#: (HIN5) Right before a feature word that is a verb, not a tool's feature: "to", or a subject
#: and maybe a modal ("is it better to *trigger* on Gmail or poll?", "can I trigger on a Notion
#: update?", "it should trigger on ..."). Starting on an app's events is what n8n does; "a
#: trigger in MySQL" is MySQL's, and so are "do rules in Outlook ..." (a modal before a noun).
FEATURE_WORD_AS_VERB_BEFORE = re.compile(
    r"\b(?:to|(?:i|we|you|it|they)(?:\s+(?:can|could|should|would|will|might|must|do|does|did|"
    r"also|just|only|then))?)\s+$",
    re.I,
)
#: Where a feature word is said to be in a tool: "... in SharePoint", "... on my Jenkins".
IN_TOOL = re.compile(r"\s+(?:in|on|inside|within|of|for)\s+(?:the\s+|my\s+|our\s+|a\s+)?", re.I)
#: A question opening inside another tool ("In Power Automate, how do I ...", "In Windows Task
#: Scheduler my task runs but ...", "Using Salesforce, ..."): its capitalised name, then a comma
#: or the question's first words - every automation word after it is that tool's.
OTHER_TOOL_FRAME = re.compile(
    r"^\s*(?i:in|inside|within|using|on)\s+(?!(?i:n8n|nodepilot|the|my|our|a|an)\b)"
    r"(?:[A-Z][\w.+-]*)(?:\s+[A-Z][\w.+-]*){0,2}\s*(?:,|:|\s+(?i:how|what|why|is|can|my|our|i|we|"
    r"when|where|which)\b)"
)
#: Words right after a tool's name that make it n8n's node for the tool ("the Jira trigger").
N8N_NODE_AFTER = re.compile(r"\s*(?:'s\s+)?(?:nodes?|triggers?)\b", re.I)

#: A question about the assistant itself ("who are you?", "what is this tool for?", "what can
#: you do?", "are you chatgpt?"): small talk, not a question about automation.
ABOUT_THE_ASSISTANT = re.compile(
    r"\b(?:what|who)(?:'s|\s+is|\s+are)\s+(?:you|this\s+(?:tool|app|site|thing|bot|assistant|"
    r"service|product|page))\b|\bwhat\s+(?:can|do)\s+you\s+do\b|\bare\s+you\s+(?:a|an|real|"
    r"human|chatgpt|gpt|an? ai)\b|\bwho\s+(?:built|made|created|trained)\s+you\b",
    re.I,
)

#: (lead, s20) What a writing verb acts on when it is an app's records, not a text to compose:
#: "Write new Shopify orders to our MySQL table", "write each incoming lead into Airtable",
#: "write all the failed executions to a sheet" - the records come in, one by one or in a batch.
RECORDS_TO_WRITE = re.compile(
    r"^\s*(?:please\s+)?(?:write|copy|put)\s+(?:(?:all|each|every|any)\s+(?:of\s+)?)?"
    r"(?:the\s+|our\s+|my\s+)?(?:new|incoming|latest|recent|fresh|failed|today'?s|"
    r"yesterday'?s|each|every)\b",
    re.I,
)

#: An ask to write a piece of text for the asker ("Write a LinkedIn post announcing my
#: promotion", "help me draft a tweet about our launch", "proofread my Notion page"): the app
#: named is where the asker will put the text, not a step of a workflow.
WRITING_ASK = re.compile(
    r"^\s*(?:(?:please|hey|hi|can you|could you|would you|pls)[,!]?\s+)*(?:help me\s+(?:to\s+)?)?"
    r"(?:write|draft|compose|proofread|rewrite|polish|reword|edit|come up with|"
    # a text given right there to translate: "translate 'we are closed' into polish"
    r"translate(?=\s+(?:this|that|the following|these|[\"'\u201c\u2018]))|"
    # (HIN3) or to boil down, given after a colon: "summarize this article for me: The ..."
    r"(?:summari[sz]e|paraphrase|shorten|simplify|tl;?dr)(?=\s+(?:(?:this|that|these|the "
    r"following)\b[^:\n]{0,40}:|[\"'\u201c\u2018]))|"
    # (HIN3) a piece of fun or verse named by its kind: "make a joke about Excel"
    r"(?:make|tell|make up|invent)\s+(?:me\s+|us\s+)?(?:a|an|some|one)\s+(?:\w+\s+)?"
    r"(?:jokes?|puns?|riddles?|poems?|stor(?:y|ies)|limericks?|haikus?|rhymes?|raps?)|"
    r"(?:give me|suggest|brainstorm|list)\s+(?:\w+\s+)?(?:ideas|names|suggestions|tips|titles|"
    r"captions|hashtags|headlines|taglines|topics)|"
    # (HIN6) one such text, or a subject line or slogan: "give me a catchy subject line for ..."
    r"(?:give me|suggest)\s+(?:a|an|one)\s+(?:[\w-]+\s+){0,2}?(?:name|title|caption|headline|"
    r"tagline|subject line|slogan|bio|intro|outline|hashtag)|"
    # (HIN6) a text given to be made to sound otherwise: "make this Slack message sound friendlier"
    r"make\s+(?:this|that|my|the following)\s+(?:[\w-]+\s+){0,3}?(?:sound|more|less|shorter|"
    r"longer|clearer|friendlier|nicer|politer|formal|casual))\b",
    re.I,
)

#: (HIN3) An order to make the asker a plan of their own days ("make me a weekly workout
#: schedule", "create a daily meal plan for a diabetic", "make a to-do list for moving"): the
#: frequency inside it says what the plan covers, not when a workflow runs.
PLAN_FOR_ASKER = re.compile(
    r"^\s*(?:(?:please|pls|can you|could you|would you)[,!]?\s+)*(?:help me\s+(?:to\s+)?)?"
    r"(?:make|create|give|build|draw up|put together|write|plan|design|prepare|suggest)\s+"
    r"(?:me\s+|us\s+)?(?:an?|the|some|my|our)\s+(?:[\w-]+\s+){0,4}?(?:plan|schedule|routine|"
    r"timetable|itinerary|programme|program|budget|checklist|to-?do list|shopping list|"
    r"packing list|reading list|menu|planner|diet|regimen)s?\b",
    re.I,
)

#: An order to write code in a programming language for the asker ("Build a React component
#: for a login form", "write a bash one-liner that ...", "create a SQL query that ..."): the
#: asker's own program, not a workflow (unless an n8n word says it runs in one).
CODE_ORDER = re.compile(
    r"^\s*(?:(?:please|can you|could you|pls)\s+)?(?:build|create|make|write|generate|code|"
    r"implement)\s+(?:me\s+)?(?:(?:a|an|the|some)\s+)?(?:[\w-]+\s+){0,2}?(?:python|javascript|"
    r"typescript|react|vue|angular|svelte|django|flask|java|kotlin|swift|golang|rust|c\+\+|c#|php|"
    r"ruby|sql|css|html|bash|powershell|regex|node\.?js|excel formula|vba)\b",
    re.I,
)

#: A written text handed on by the workflow ("... and post it to LinkedIn", "then email it"):
#: a writing ask with one of these is a workflow after all.
HANDS_TEXT_ON = re.compile(
    r"\b(?:and|then|&)\s+(?:\w+\s+)?(?:send|post|publish|save|upload|add|store|e-?mail|share|"
    r"push|put|tweet|schedule|log)\w*\b",
    re.I,
)

#: A bot, or a workflow that talks back ("a Telegram bot that answers questions"); an
#: assistant or helper on an app is its bot ("an assistant in our Matrix space that tells
#: people ..."), Home Assistant is an app.
BOT_REPLY = re.compile(r"\b(?:bot|(?<!home )assistant|helper)\b|" + TALKS_BACK.pattern, re.I)

#: What a question about automation talks about: n8n and its parts (nodes, triggers,
#: expressions, credentials, executions), automations and integrations, AI building blocks, or
#: the workflow just built ("this one", "in there"). A question with none of these, and no app
#: named, is outside what NodePilot does ("which phone should I buy", "why does my React
#: component re-render") - general conversation, not a question to answer from n8n knowledge.
AUTOMATION_TOPIC = re.compile(
    rf"\b(n8n|{_N8N_NODE}|workflows?|triggers?|webhooks?|automat\w*|zaps?|zapier|make\.com|"
    r"integrations?|expressions?|credentials?|oauth\w*|executions?|api|apis|endpoints?|"
    r"http|json|pinned|cron|sub-?workflows?|"
    r"self-?host\w*|docker|queue mode|langchain|agents?|llms?|rag|vector|embeddings?|"
    r"mcp|chat ?models?|rate limit\w*|pagina\w*|"
    # (HIN6 s20) n8n's node settings by their names ("what does 'Always Output Data' do?")
    r"always output data|retry on fail|continue on fail|wait between tries|notes? in flow|"
    r"this one|this workflow|in there|that step|this step|nodepilot)\b|\$json|\{\{",
    re.I,
)
#: (HIN2) Automation words that are everyday words too: "whatever items are left in my fridge",
#: "we deliver on a weekly schedule", "16GB memory", "the rest of the day", "which tools to
#: change a bike chain". ("agent" stays an automation word: "an agent and a chain".) One
#: alone says nothing about automation; two together ("a tool's memory", "items per poll"),
#: or one written as a name ("Loop Over
#: Items", "'Execute Once'"), do. A question with no ``AUTOMATION_TOPIC`` word but this is
#: outside automation unless it does.
EVERYDAY_TOPIC_WORD = re.compile(
    r"\b(?:flows?|items?|binary|polls?|polling|schedul\w*|community|memory|tools?|"
    r"prompts?|tokens?|scopes?|rest|executes?)\b",
    re.I,
)
#: The asker's own thing, named by a word that is no automation word ("my fridge", "our
#: meal-prep business", "my startup"): beside it, one everyday word is its everyday sense.
OWN_THING_ELSEWHERE = re.compile(
    r"\b(?:my|our)\s+(?!(?:n8n|workflows?|automations?|nodes?|triggers?|flows?|items?|binary|"
    r"polls?|polling|schedul\w*|community|memory|tools?|prompts?|tokens?|scopes?|rest)\b)"
    r"[a-z][\w-]*",
    re.I,
)
#: (HT6) Asking the assistant to arrange something ("Could you set it up so that ...", "Can you
#: have Jira tell ...", "would you make it so ..."): with an app event named, an order.
ASKS_YOU_TO = re.compile(
    r"^\s*(?:(?:hi|hey|so|ok)[,!]?\s+)?(?:can|could|would|will)\s+(?:you|u)\s+(?:please\s+)?"
    r"(?:set\s+(?:it|this|that|things|something)\s+up|set\s+up|make\s+(?:it|this|that)\s+so|"
    r"have|get|let|arrange|rig|wire|hook)\b",
    re.I,
)
#: (HIN6) Words of an event that starts a run ("each new", "whenever", "every time", "when a"),
#: not of a frequency: said even in a text's topic ("a tweet announcing each new YouTube
#: video"), they say when the text is written - a workflow, not a text for the asker.
EVENT_START_WORDS = re.compile(
    r"\b(?:(?:each|every|any) new|whenever|each time|every time|as soon as|"
    r"when(?:ever)? (?:a|an|someone|somebody|new)\b)",
    re.I,
)
#: (HT6) Where a writing ask names its topic ("write a limerick about our Slack channel being
#: noisy on Mondays"): what follows is the text's subject, not a start or a schedule. (HIN6)
#: So does what the text says or is for ("draft an email to our customers *saying* the Stripe
#: page will be down on Sunday", "a subject line *for our* monthly newsletter").
WRITING_TOPIC = re.compile(
    r"\b(?:about|on the (?:topic|subject) of|regarding|saying|telling|announcing|explaining|"
    r"asking|to (?:say|tell|announce|explain)|for (?:our|my|the|a|an))\b",
    re.I,
)

# --- Events, failures and the orders that follow them ---
#: "once" as an event ("once a ticket is solved"), not a frequency ("once a day", "once per
#: hour", "once every week"): a regex fragment for the event cues of intent and spec.
ONCE_EVENT = (
    r"once(?!\s+(?:(?:a|an|per|each|every)\s+(?:minute|hour|day|week|month|quarter|year|while)|"
    r"daily|weekly|monthly|hourly|in a while)\b)"
)

#: The workflow is an error workflow: it starts when another workflow fails ("error workflow",
#: "when any workflow fails", "whenever my scraper workflow errors out", "if an execution fails
#: anywhere"). An error inside a step ("abort with an error when nothing is found", "if the call
#: errors, retry", "if the workflow errors, retry the call") is not.
ERROR_WORKFLOW = re.compile(
    r"\b(?:error (?:workflow|trigger)|"
    r"(?:(?:when(?:ever)?|each time|every time|any ?time|as soon as|once)\s+(?:any|an?|another|"
    r"one of (?:my|our|the)|some|my|our|the|this|that|other)?|if\s+(?:any|an?|one of (?:my|our|"
    r"the)|my|our))"
    r"\s*(?:[\w-]+\s+){0,3}?(?:workflows?|executions?|automations?|flows?)(?:\s+\w+){0,4}?\s+"
    r"(?:fails?|failed|failing|errors?(?: out)?|erroring(?: out)?|crash\w*|breaks?|breaking|"
    r"goes wrong|stops? working|"
    r"throws?(?: (?:an? )?(?:errors?|exceptions?))?|dies|died|blows? up|falls? over|"
    r"(?:hits?|runs? into) (?:an? )?errors?)|"
    # "my scraper workflow sometimes dies. when that happens ...": the user's own workflows
    r"(?:my|our)\s+(?:[\w-]+\s+){0,3}?(?:workflows?|automations?|flows?)\s+(?:\w+\s+){0,2}?"
    r"(?:fails?|failed|dies|died|crash(?:es|ed)?|breaks?|errors? out|blows? up)\b"
    r"(?=[^.;!?]{0,40}[.;!?]\s+(?:when|whenever|if|once|each time|every time)\b|"
    r"\s+(?:and|so)\b)|"
    r"(?:workflow|execution)s? fail(?:s|ures?) (?:anywhere|in any workflow)|"
    r"\bon (?:any|every|each|an?) (?:n8n )?(?:workflow|execution) (?:failure|error|crash)s?|"
    r"central error (?:handler|handling|workflow)|"
    # the thing asked for is itself an error handler: "n8n error handler that ...", "Error
    # notifications: ...", "workflow failure alerting via PagerDuty", "catch-all for failed runs"
    r"(?:^|(?<=[\s(]))(?:n8n |global |central |instance[- ]wide )?(?:workflow |execution )?"
    r"(?:error|failure)[- ](?:handlers?|catcher|catch-all|handling (?:workflow|flow)|"
    r"notifications?|notifier|alerts?|alerting|reporter|reporting|monitor(?:ing)?)"
    r"(?=\s*(?:[:\-\u2013\u2014\u2192,.]|->|that|which|for|to|via|with|on|in|workflow|flow|"
    r"$))|"
    r"catch-?all (?:for|of) (?:failed|failing|errored|broken|crashed) (?:runs|executions|"
    r"workflows)|"
    # "On workflow error -> Slack", "upon execution failure, ..."
    r"(?:on|upon) (?:an? |any |every |each )?(?:n8n )?(?:workflow|execution) "
    r"(?:failures?|errors?|crash(?:es)?)|"
    # "failed executions -> discord", "failed n8n runs: ..." (the runs themselves, plural)
    r"^\s*(?:all |any )?(?:failed|failing|errored|crashed) (?:n8n |workflow )?"
    r"(?:runs|executions)\b(?=\s*(?:->|\u2192|=>|:|,|to|go|get|should))|"
    # "something breaks in production", "stuff breaks in n8n"
    r"(?:something|anything|stuff)\s+(?:breaks|fails|goes wrong|errors(?: out)?|crashes)\s+"
    r"(?:in|on)\s+(?:prod|production|n8n|our instance|the instance)|"
    # "watches all my other workflows and tells me ... if one of them errors out"
    r"(?:watch\w*|monitor\w*)\s+(?:all\s+)?(?:of\s+)?(?:my|our)\s+(?:other\s+)?(?:n8n\s+)?"
    r"(?:workflows|automations|flows|jobs|executions|runs)\b"
    r"(?=.{0,80}\b(?:fails?|failures?|errors?|breaks?|crash\w*)\b)|"
    # "my workflows fail silently at night; I want an alert when that happens"
    r"(?:my|our)\s+(?:[\w-]+\s+){0,3}?(?:workflows?|automations?|flows?)\s+(?:\w+\s+){0,2}?"
    r"(?:fails?|failed|dies|died|crash(?:es|ed)?|breaks?|errors? out)\b"
    r"(?=.{0,100}\b(?:when|whenever|if|each time|every time) (?:that|this|it) happens)|"
    r"(?:any|every|all|each) (?:failed|failing|broken|errored) (?:workflow |n8n )?"
    r"(?:runs?|workflows?|executions?)|"
    r"error[- ]?handl(?:er|ing)(?: workflow)? (?:for|of|across|covering) (?:all |any |every )?"
    r"(?:of )?(?:my |our |the )?(?:other )?(?:n8n )?(?:workflows?|automations?|flows?)|"
    r"(?:catch(?:es|ing)?|collects?|collecting|handles?|handling|logs?|logging|picks? up|"
    r"receives?|gets?)\s+(?:the\s+|all\s+|any\s+)?(?:errors|failures|failed runs|crashes)\s+"
    r"(?:from|of|in|across)\s+(?:(?:all|any|every|my|our|the|of)\s+){0,3}(?:other\s+)?(?:n8n\s+)?"
    r"(?:workflows|flows|automations|executions)|"
    r"(?:something|anything)\s+(?:in|inside|within)\s+(?:my|our|the)?\s*(?:n8n\s+)?(?:instance|"
    r"workflows?|automations?|flows?)\s+(?:fails|breaks|errors|crashes|goes wrong)|"
    r"(?:something|anything)\s+(?:breaks|fails|goes wrong|errors(?: out)?|crashes)\s+(?:in|inside|"
    r"within)\s+(?:one of\s+)?(?:my|our|any|the)?\s*(?:n8n\s+)?(?:production\s+)?"
    r"(?:workflows?|executions?|automations?|flows?)|"
    # "whenever n8n reports a failed run", "on a failed execution", "if there's an errored run"
    r"n8n (?:reports?|flags?|logs?|records?|shows?|marks?|hits?) (?:an? |any )?(?:failed|failing|"
    r"errored|broken) (?:workflow |n8n )?(?:runs?|executions?|workflows?)|"
    r"(?:when(?:ever)?|each time|every time|if|on) (?:there(?:'s| is) )?(?:an? |any )?(?:failed|"
    r"failing|errored|crashed) (?:workflow |n8n )?(?:runs?|executions?)|"
    # (lead, s20) failed runs as what a record is kept of, in the bare plural that says "each
    # as it comes" (not "the failed executions from yesterday"): "record crashed executions in
    # a MySQL table", "keep a log of failed executions in Notion", "monitor failures of my n8n
    # automations"
    r"(?:record|log|keep\s+(?:a\s+)?(?:record|log|track|list)\s+of|track|collect|store|save|"
    r"archive|monitor|watch|count)\s+(?:all\s+|every\s+|each\s+|any\s+)?(?:failed|failing|"
    r"errored|crashed|broken)\s+(?:n8n\s+|workflow\s+)?(?:runs|executions|workflows)"
    # ... of n8n's, not of another system's ("from our Airflow server", "in the Jenkins
    # pipeline") nor of a past window ("from yesterday")
    r"(?!\s+(?:from|of|on|at|by)\b(?!\s+(?:all\s+|any\s+)?(?:my|our|the)?\s*(?:other\s+)?"
    r"(?:n8n|workflows|automations|flows|instance)\b)|\s+in\s+(?:my|our|the)\s+[\w-]+\s+"
    r"(?:server|pipeline|cluster|system|account|project|jobs?)\b)|"
    r"(?:record|log|keep\s+(?:a\s+)?(?:record|log|track|list)\s+of|track|collect|store|save|"
    r"monitor|watch|count)\s+(?:all\s+)?(?:the\s+)?(?:failures|errors|crashes)\s+(?:of|in|from|"
    r"across)\s+(?:all\s+|any\s+|every\s+)?(?:my|our)\s+(?:other\s+)?(?:n8n\s+)?"
    r"(?:workflows|automations|flows|executions))\b",
    re.I,
)

#: A step of this workflow failing ("when the Stripe call fails", "if the request errors"):
#: error handling inside the workflow, not an app event that starts it.
STEP_FAILS = re.compile(
    r"\b(?:call|request|step|node|api(?: call)?|http(?: request)?|lookup|fetch|upload|query|"
    r"action|sync)\s+(?:fails?|failed|errors?(?: out)?|times? out|timed out|crash\w*|breaks?)\b",
    re.I,
)

#: An order under a condition, said as a statement: "If the workflow errors, retry the call and
#: post to Slack", "When a lead comes in, add it to HubSpot" - something to build (a question
#: about the same thing ends with "?" or asks "what/how").
#: Verbs that open an order to the workflow ("send", "drop", "let me know" ...).
_ORDER_VERBS = (
    r"send|create|post|add|save|notify|alert|e-?mail|ping|text|"
    r"message|retry|log|update|forward|call|run|stop|tell|open|file|append|move|copy|upload|"
    r"share|publish|write|delete|archive|reply|assign|label|mark|sync|fetch|pull|push|thank|"
    r"remind|welcome|invite|ask|greet|schedule|book|drop|grab|get|put|tag|remove|warn|escalate|"
    r"route|summari[sz]e|translate|check|look up|find|generate|draft|start|kick off|insert|"
    r"record|note|flag|dm|congratulate|let (?:me|us|them|the \w+) know"
)

#: An order under a condition at the start of the request or of a heading ("if ...", "whenever ...,
#: create ...").
CONDITIONAL_ORDER = re.compile(
    # at the start, after a short heading ("Zendesk: if ..."), or after a heading's colon or
    # dash further on ("Ticket FIN-22: AC1 \u2014 whenever an issue ..., create ...")
    r"(?:^\s*(?:[\w' -]{1,30}:\s*)?|(?<=[:\u2013\u2014\n])\s*)"
    r"(?:if|when(?:ever)?|once|as soon as|each time|every time|any ?time|after)\b"
    r"[^?]{3,120}?[,;:]\s*"
    rf"(?:please\s+)?(?:then\s+)?(?:{_ORDER_VERBS})\b",
    re.I,
)

#: An order following an event with no comma between ("when a github issue is opened drop a
#: line on telegram", "once a deal is won message the owner in Slack"): read after the event's
#: change of state or arrival, a verb of order not followed by a preposition ("set to open in
#: Zendesk" is the state) starts the order, and apps named after it are acted on.
ORDER_AFTER_CHANGE = re.compile(
    rf"(?<![\"'\u201c\u2018])\b(?:{_ORDER_VERBS})\b"
    r"(?!\s+(?:in|on|at|to|into|from|by|for|with|within|inside|of|or|and|as|is|was|gets?)\b)"
    r"(?![\"'\u201d\u2019])|"
    # a new clause with its own subject doing the order ("... is created our bot posts it to
    # the #triage channel in Slack": Slack is where it goes)
    rf"\b(?:it|we|they|(?:our|the|my)\s+[\w-]+)\s+(?:{_ORDER_VERBS})(?:s|es)\b",
    re.I,
)

#: An order said in the passive after an event ("... the whole #eng channel in slack gets
#: pinged", "... the team on Teams is notified"): its subject is acted on, not watched.
PASSIVE_ORDER = re.compile(
    r"\b(?:gets?|is|are|be|being)\s+(?:pinged|notified|alerted|messaged|emailed|e-mailed|texted|"
    r"told|informed|warned|sent|posted)\b",
    re.I,
)

#: Any verb of order, wherever it stands ("Post to Slack.", "get the files from GitHub").
ORDER_VERB = re.compile(rf"\b(?:{_ORDER_VERBS})\b", re.I)

#: An order verb with the records it acts on right after it ("Close all GitHub issues labelled
#: stale", "archive the Asana tasks ..."): the records are the order's object, and what is said
#: of them picks which (a filter), not an event to wait for. Verbs a noun or an adjective may
#: spell ("close date", "is complete") count here only with that determiner after them.
ORDER_ON_RECORDS = re.compile(
    rf"\b(?:{_ORDER_VERBS}|close|reopen|resolve|complete|cancel)\s+"
    r"(?:all|every|each|the|my|our|these|those|any)\b",
    re.I,
)
#: A request that opens with such an order ("Cancel every Stripe subscription that is past
#: due"): an order to the workflow, though its verb may be one a model has not seen.
OPENS_WITH_ORDER_ON_RECORDS = re.compile(rf"^\s*(?:please\s+)?{ORDER_ON_RECORDS.pattern}", re.I)

#: An order joined to what came before by "and" ("... each new Intercom conversation with GPT
#: and post the summary in Slack"): apps after it are acted on, not watched.
AND_ORDER = re.compile(rf"\b(?:and|&)\s+(?:then\s+|also\s+)?(?:{_ORDER_VERBS})\b", re.I)

#: Something arriving, the event without a change of state ("a new email arrives", "a file
#: shows up"): what follows it may be the order (``ORDER_AFTER_CHANGE``).
ARRIVES = re.compile(
    r"\b(?:arrives?|arrived|comes? in|came in|lands?|landed|shows? up|showed up|appears?|"
    r"appeared|pops? up|drops? in|is received|gets? received|is posted|gets? posted)\b",
    re.I,
)

#: An event asked as a question, then the order to carry out when it happens: "gcal event got
#: cancelled? text me on telegram", "Due date changed on a Trello card? Update the calendar
#: event" - the question mark ends the event clause; what follows it is an order (a verb of
#: work opening the next sentence), so the turn is something to build, not a question.
EVENT_QUESTION_THEN_ORDER = re.compile(
    r"\?\s+(?:(?:then|so|pls|please|just|and|nah|no|nope|actually|ok|okay|well|rather|instead|"
    r"->|\u2192)[\s,:]+)*(?:send|create|post|add|save|notify|"
    r"alert|e-?mail|ping|text|message|dm|log|update|forward|open|file|append|move|copy|upload|"
    r"share|publish|write|delete|archive|reply|assign|label|mark|sync|tell|let|remind|put|make|"
    r"drop|raise|flag|call|start|kick off|run|trigger|record|note|book|schedule|invite|"
    r"refund|cancel|close|have|get|use|turn|generate|summari[sz]e|translate|draft|grab|pull|"
    r"push|celebrate|tag|enrich|check)\b",
    re.I,
)

#: A wish asked as a question, for someone or something to do the work: "could we have something
#: in Slack where ...?", "could an AI just answer them from our FAQ?", "can we get a Slack ping
#: when ...?" - with an app or a start named, something to build (a question about what n8n or
#: a node can do has n8n or the node as its subject, not "we" or an AI).
WISH_QUESTION = re.compile(
    r"(?:^|[.!?]\s+)(?:so\s+|and\s+|hi,?\s+|hey,?\s+)?(?:could|can|would|might)\s+(?:(?:we|an? "
    r"(?:ai|agent|bot|assistant|llm|gpt|model)|something|someone)\s+(?:just\s+|also\s+|please\s+|"
    r"maybe\s+)?(?:have|get|set up|build|make|create|answer|reply|respond|handle|take care of|"
    r"automatically)|you\s+(?:please\s+)?(?:make|build|create|set up|automate|put together|wire up|"
    r"hook up)\s+(?:me\s+)?(?:the|a|an|this|that|my|our|something)\b)\b",
    re.I,
)

#: (HIN2) A part of n8n named as what a question is about ("the Gmail trigger", "the Zendesk
#: node", "an expression", "a sub-workflow"): a wish naming one asks how n8n works, not for a
#: flow between the apps it names. "trigger" followed by what it sets off is the verb ("have a
#: Typeform answer trigger a Slack message"); a webhook or a workflow is also what is wished
#: for, and n8n itself is where it runs ("pause a Mailchimp campaign from n8n when ...").
N8N_PART = re.compile(
    rf"\b(?:{_N8N_NODE}|triggers?(?!\s+(?:a|an|the|my|our|some)\b)|expressions?|"
    r"credentials?|executions?|sub-?workflows?|pinned|queue mode)\b|\$json|\{\{",
    re.I,
)

#: (HIN5) Records reaching a place, in a wish ("can new X be sent to ...", "could new Jotform
#: submissions end up as HubSpot contacts?", "can they go to Slack?"): a verb of being sent, or
#: of motion before where to ("could new orders come in twice?" says no place).
_RECORDS_REACH = (
    r"(?:(?:be|get) (?:sent|posted|added|saved|copied|synced|moved|pushed|logged|forwarded|"
    r"created)|"
    # (HIN6 s20) any work done on them first, then where they go: "be transcribed and dropped
    # into a HubSpot note", "get translated and filed in Notion" (a place after, not a time)
    r"(?:be|get) [a-z]+ed (?:and|then|,) (?:then )?[a-z]+ed (?=(?:to|in|into|on|onto|as)\s+"
    r"(?!(?:the\s+)?(?:weekends?|weekdays?|mondays?|tuesdays?|wednesdays?|thursdays?|fridays?|"
    r"saturdays?|sundays?|time|holidays?)\b))|"
    r"(?:go|land|show up|end up|appear) (?=(?:to|in|into|on|onto|as|over to)\b"
    # "land on weekends", "show up on Monday": a time, not a place (HR19)
    r"(?!\s+(?:the\s+)?(?:weekends?|weekdays?|mondays?|tuesdays?|wednesdays?|thursdays?|"
    r"fridays?|saturdays?|sundays?|time|holidays?)\b)))"
)
#: Records reaching a place or going out, as a pattern of its own (the classifier's possibility
#: reader asks whether the verb of a question is only this: "can new Gmail emails end up in the
#: Promotions tab?", "could new Shopify orders go out on the same day?" ask how the app behaves
#: unless another app is named where they go).
RECORDS_REACH = re.compile(rf"{_RECORDS_REACH}|go(?:es)? out\b", re.I)
#: A wish for something to be delivered, asked from the asker's side rather than about what n8n
#: can do: "is there a way to get the weather on Telegram each morning?", "Could our team get a
#: Slack digest at 9?", "any chance of ...", "what would it take to get our MRR into a sheet every
#: night?", "how about a flow that posts ...", "why not have something ping me ...", "what if
#: every new refund got posted ...", "any way to have ...", "would be nice if new tickets showed
#: up in Discord", "is there something that could log ...", "do you think we could get ...",
#: "can new Webflow submissions be sent to HubSpot?" (HIN4). With an app and a start named,
#: something to build ("how do I run a workflow every day?" asks how).
WISH_ASK = re.compile(
    r"(?:^|[.!?:]\s+)(?:so\s+|and\s+|hi,?\s+|hey,?\s+)?(?:(?:is|are) there (?:a|any|some) "
    r"(?:way|chance)|(?:is|would) it (?:be )?(?:possible|doable|feasible)|any chance"
    r"|what would it take|how about"
    r"|what about|why not|how (?:would|could) (?:i|we) (?:get|have|make)|any way"
    # "what if every new refund got posted ...", not a condition asked about ("what if the API
    # changes, will my workflow break?")
    r"|what if(?![^?]*,\s*(?:will|does|do|did|is|are|can|could|would|should|how|what|why)\b)"
    r"|(?:is|are) there (?:something|anything|a tool|an app|a bot) (?:that|which) (?:could|can|"
    r"would|will)|(?:do you think|i (?:was )?wonder(?:ing)? if|maybe|perhaps) (?:i|we) (?:could|"
    r"can|might) (?:get|have|receive|see)"
    rf"|(?:can|could) (?:new|incoming|every|each)\b[^?]{{3,80}}?\b{_RECORDS_REACH}\b"
    r"|(?:it )?(?:would|'d) be (?:nice|great|cool|awesome|helpful|handy|good) (?:if|to)|it'd be "
    r"(?:nice|great|cool|awesome|helpful|handy|good) (?:if|to)"
    r"|(?:(?:i|we)(?:'d| would)|would) love|(?:could|can|may|might) (?:i|we|"
    # a subject of up to three words: "our team", "our support team", "the night shift lead"
    r"(?:my|our|the)(?:\s+[\w-]+){1,3}?)\s+(?:please\s+)?(?:get|have|receive|see))|\b(?:possible|doable|feasible)\s*\?\s*$"
    # (HIN5) the records named in a clause before ("we keep missing new Intercom conversations,
    # can they go to Slack?"): where they go
    rf"|(?:^|[.!?:,;\u2013\u2014-]\s*)(?:can|could) (?:they|these|those) {_RECORDS_REACH}"
    r"\s*(?:to|in|into|on|onto|as|over to)\b",
    re.I,
)

#: (HIN6) A clause asking whether something can be done, opening on a modal ("can something
#: remind us in Slack?", "could our support inbox automatically create Freshdesk tickets ...?",
#: "Hey! Could you help me get new WooCommerce orders into Airtable?", "when someone signs up,
#: can a welcome email go out through SendGrid?"): what is asked to happen follows it
#: (``ASKED_ACTION``). Whoever is the subject - the assistant, the asker, "something", the
#: records - the question is whether the flow it describes can exist: the flow wished for,
#: when it says how it starts and where things go (``engine.intent.classifier``).
ASKED_IF_IT_CAN = re.compile(
    r"(?:^|[.!?:;,\u2013\u2014]\s+|\b(?:and|so|but)\s+)(?:(?:hi|hey|so|ok|okay|and)\b[,!]*\s+)?"
    r"(?:can|could|would|will|might|may)\b",
    re.I,
)
#: (HIN6) What such a clause asks to happen: a verb of work (``_ORDER_VERBS``), records reaching
#: a place (``_RECORDS_REACH``), records made into others ("can new rows become Trello cards?",
#: "be turned into"), a message going out, a run paused or resumed.
ASKED_ACTION = re.compile(
    rf"\b(?:{_ORDER_VERBS}|{_RECORDS_REACH}|become|be (?:turned|made) into|turn into|"
    r"go(?:es)? out|pause|resume)\b",
    re.I,
)
#: (HMO7) A modal that predicts rather than asks leave ("would a new Stripe customer get a
#: receipt email automatically?", "will a new Zendesk ticket notify the requester?"): with the
#: records of one app as its subject, no person in it and no other app named, it asks what
#: that app does by itself - a question, not a flow (HR20's a187 built a lone Stripe trigger).
PREDICTING_MODAL = re.compile(r"\b(?:would|will|might)\s*$", re.I)
#: (HMO7) A person in such a clause - the assistant, the asker, their team: someone who wants
#: something done, so the older wish readers decide.
PERSON_IN_CLAUSE = re.compile(r"\b(?:you|i|we|me|us|our|my)\b", re.I)
#: (HMO7) Records as the subject right after such a modal ("would *a new* Stripe customer
#: ...", "will *new* Jira issues ..."), not "it would be nice if ...", a wish.
RECORDS_AS_SUBJECT = re.compile(r"^\s*(?:a|an|the|new|each|every|any)\b", re.I)
#: (HIN6) The asker as the subject of such a question ("can I schedule a post in Buffer every
#: Monday?", "could we archive old Slack channels?"): the asker may be asking how to use an app
#: by hand, so it wishes for a flow only with two ends said (see the classifier).
ASKER_SUBJECT = re.compile(r"^\s*(?:i|we|me|us)\b", re.I)
#: (HIN6) The app's own screens and what the asker does on them: a view, a layout, the device
#: it shows on, pinning, muting, hiding, sorting, unsending ("can Asana show subtasks on the
#: board view?", "my Notion database looks empty on my phone", "how do I pin a message in
#: Discord"). With an app's record and nothing a workflow does to it, how to use the app, not
#: automation.
APP_SCREEN = re.compile(
    r"\b(?:view(?:s|ed|ing)?|sidebar|screens?|phones?|iphone|ipad|android|mobile|desktop|laptop|"
    r"browser|layout|dark mode|fonts?|themes?|settings|profile|shortcuts?|keyboard|toolbar|"
    r"menus?|buttons?|timeline|calendar|columns?|pin|pinned|mute|muted|unmute|hide|hidden|"
    r"invisible|visible|undo|colou?rs?|sort|sorted|organi[sz]e|clutter\w*|dashboard|"
    # (HIN6 s20) taking back what the asker sent ("how do I unsend a message in WhatsApp?")
    r"unsend|unsent|unsending|recall(?:ed)? (?:a|an|the|my)|delete for everyone)\b",
    re.I,
)
#: (HIN6) The end of what comes before a noun, not a verb: a determiner or possessive ("pin *a*
#: message", "*the* file"): a verb of work said after it is a noun there.
NOUN_BEFORE = re.compile(
    r"\b(?:a|an|the|my|our|your|his|her|its|their|this|that|these|those|each|every|new|any|"
    # and adjectives that only stand before a noun ("the *same* message", HR20)
    r"some|one|no|same|other|next|last|latest|whole|entire|previous|following)$",
    re.I,
)
#: (HIN6) Verbs of work that are nouns too ("a Slack *call* link", "a Figma *file*", "the Gmail
#: *message*"): after an app's name, the noun.
VERB_ALSO_NOUN = re.compile(
    r"(?:call|file|text|message|e-?mail|note|record|flag|mark|label|tag|post|ping|log|alert|"
    r"update|forward|check|book|drop|reply|share|schedule|invite|draft|sync|push|pull|run|start|"
    r"open|copy|dm|welcome|list)",
    re.I,
)
#: (HIN6) An answer asked for, told to the asker ("can you tell me the differences?", "could you
#: show us the options?"): with no start said, no flow is wished for.
TOLD_TO_ASKER = re.compile(r"(?:tell|show|explain|teach|give)\s+(?:me|us)\b", re.I)
#: (HIN6) Said before what is asked to happen, an ask to be told about it ("can you explain how
#: to send a Slack message every morning?", "could you tell me whether new orders get ..."):
#: a question about the flow, not a wish for it.
TOLD_ABOUT_IT = re.compile(
    r"\b(?:how|what|why|whether|which|explain|describe|tell|show|teach|know if)\b", re.I
)
#: (HIN6) Before a subject that may be an app's name alone ("can *the* Slack notify ..."): taken
#: off to compare what is left with the apps named. After the subject, adverbs
#: ("automatically", ``SUBJECT_ADVERBS``) are taken off too.
SUBJECT_DETERMINER = re.compile(r"^\s*(?:the|my|our)\s+", re.I)
#: (HIN6) Words that join apps named as one subject ("Dropbox *and* Google Drive *both*"): with
#: the apps taken off, nothing of a subject of apps alone is left.
SUBJECT_FILLER = re.compile(r"\b(?:and|or|both|also|each|either|the|my|our)\b|[,&]", re.I)
#: (HIN6) A clause inside a subject, its own subject after the first word ("my manager see the
#: messages *I send*"): the verb after it is that clause's, not the one asked about.
CLAUSE_IN_SUBJECT = re.compile(r"\S\s+(?:i|we|you|they|he|she)\b", re.I)
#: (HIN6) Adverbs closing a subject before its verb ("could our support inbox *automatically*
#: create ..."): not part of who acts (and "automatically" is no n8n part there).
SUBJECT_ADVERBS = re.compile(r"(?:\s+\w+ly)+\s*$", re.I)
#: (HIN6) Work the asker does by hand now ("I keep copying refunds into QuickBooks by hand"):
#: said before a question about it, the work to automate; said in the question ("can I add my
#: tasks to Google Calendar by hand?"), how the asker will do it - no flow.
HAND_WORK_NOW = re.compile(r"\b(?:by hand|manually|one by one)\b", re.I)
#: (HIN6) A question about the flow a clause before it described, by a pronoun ("I keep copying
#: Stripe refunds into QuickBooks by hand, can that happen on its own?", "my team needs every
#: new Airtable lead sent to Salesforce, how would we do it?", "..., is that something you can
#: do?"): the flow is said in the statement, the question asks for it.
ASKED_OF_THE_FLOW_BEFORE = re.compile(
    r"[,;.!:\u2013\u2014-]\s*(?:(?:so|and|but)\s+)?(?:(?:can|could|would|will)\s+(?:that|this|it)\s+"
    r"(?:\w+\s+){0,2}?(?:happen|be done|be automated|run)\b|(?:can|could|would|will)\s+"
    r"(?:you|we|i)\s+(?:\w+\s+)?(?:do|set up|build|automate|make)\s+(?:that|this|it)\b|"
    r"how\s+(?:would|could|can|do|should)\s+(?:we|i|you)\s+(?:\w+\s+)?(?:do|set up|build|"
    r"automate)\s+(?:that|this|it)\b|(?:is|would)\s+(?:that|this|it)\s+(?:be\s+)?(?:something|"
    r"possible|doable))",
    re.I,
)

#: (HIN3) Asking how to get something done (not "how does X work"): "how can I save ...", "how
#: do we get ...", "what's the easiest way to get ...". Between two apps, with a standing start
#: (``STANDING_START``), the flow wished for; without one it asks how ("how do I connect Gmail
#: to Sheets?").
HOW_TO_GET = re.compile(
    r"^\s*(?:(?:hi|hey|so|ok),?\s+)?(?:how\s+(?:do|can|could|should|would|might)\s+(?:i|we|one|"
    r"(?:my|our)\s+[\w-]+)"
    r"|what(?:'s|\s+is|s)\s+the\s+(?:best|easiest|simplest|quickest|fastest|cleanest)\s+way"
    r"\s+to)\b",
    re.I,
)
#: (HIN5) A clause asking how the asker does something ("how do I set up an out of office reply
#: in Outlook", "my WiFi keeps dropping every evening, how do I fix it"): asked to be told,
#: though the model, seeing an app, a verb of work or a frequency, read an order to build.
ASKED_HOW_CLAUSE = re.compile(
    r"(?:^|[,.;:!?\u2013\u2014-]\s*|\b(?:and|but|so)\s+)(?:(?:hi|hey|so|ok),?\s+)?how\s+(?:do|"
    r"can|could|should|would|might)\s+(?:i|we|you|one)\b",
    re.I,
)
#: (HIN5) What the asker asks to receive: "get a text", "get an email", "get a Slack ping", "get
#: notified" - the delivery a flow makes on an app's event ("how can I get a text when someone
#: stars our GitHub repo?"). Group ``channel``: a thing sent, which says where it goes.
RECEIVED_BY_ASKER = re.compile(
    r"\bget\s+(?:(?P<channel>(?:a|an)\s+(?:[\w-]+\s+){0,2}?(?:text|sms|e-?mail|message|ping|"
    r"alert|notification|dm|reminder|call)s?)|notified|pinged|alerted|texted|e-?mailed|"
    r"messaged)\b",
    re.I,
)
#: An event whose subject is the asker's own (account, store, storage): "my Gmail storage is
#: full", "our Shopify store goes offline" - a state of the app itself, which no trigger of
#: the app starts on (unless the words name one of its records: "our store gets a new order").
ASKERS_OWN_SUBJECT = re.compile(r"^\s*(?:my|our)\b", re.I)
#: (HIN3) Words saying a thing keeps happening by itself: each new record ("new YouTube
#: videos", "incoming invoices"), "automatically" ("on its own", HIN6), a frequency or
#: "whenever". Wider than
#: ``TRIGGER_PHRASE`` (no "new" there: it is a feature the model was trained on).
STANDING_START = re.compile(
    r"\b(?:new|incoming|automatic(?:ally)?|auto|whenever|each time|every|each|daily|weekly|"
    r"hourly|nightly|monthly|as soon as|on (?:its|their) own|by (?:itself|themselves))\b",
    re.I,
)

#: (HIN2) An order to hand the asker something, opening the turn ("give me the main points of
#: ...", "show us each new ...", "bring the team ..."): with a start word and two apps linked,
#: the flow to build, though it has no verb of work ("each new Shopify order shows up twice in
#: my sheet" reports what happens).
GIVE_ME_OPENING = re.compile(
    r"^\s*(?:please\s+|pls\s+)?(?:give|show|bring|hand|keep)\s+(?:me|us|the\s+[\w-]+|"
    r"our\s+[\w-]+|my\s+[\w-]+)\b",
    re.I,
)

#: A short heading before the turn's first sentence ("One-time cleanup: delete all ...",
#: "Weekly job: pull the ..."): the order after it is the turn's opening.
SHORT_HEADING = re.compile(r"^\s*[^:.!?\n/]{1,40}:\s+(?=\w)")
#: An order opening the turn with a verb that acts on an app's records ("tag new Intercom users
#: who ...", "assign new Zendesk tickets from VIP customers to Maria"): with an app named and no
#: question, something to build. Not an order about the asker's own account ("delete my
#: account", "update my billing details").
RECORD_ORDER_OPENING = re.compile(
    r"^\s*(?:please\s+|pls\s+|plz\s+)?(?:tag|label|assign|archive|add|create|update|delete|"
    r"remove|move|copy|sync|send|post|forward|append|insert|upload|log|notify|ping|mark|flag|"
    r"close|escalate|route|invite|remind|welcome|enrich|dedupe|merge|star|unsubscribe|subscribe|"
    # (lead, s20) "Record crashed executions in a MySQL table", "keep a log of failed runs in
    # Notion", "store each new charge in Redis": a record made of each one, in the app named
    r"record|store|keep\s+(?:a\s+)?(?:record|log|track|list)\s+of)\b"
    r"(?!\s+(?:my|our)\s+(?:account|subscription|plan|password|card|billing|invoice|payment)s?\b)",
    re.I,
)

#: (HIN4) An order opening the turn with a verb that is itself the channel ("email the team
#: that the server is down", "text +1555... : your order shipped", "tweet 'we are live!'"), with
#: whom or what it sends right after it: the verb names the app the order works in. ("email
#: templates for cold outreach", "tweet ideas for my bakery" name no one to send to; "email me"
#: alone says nothing to send.)
CHANNEL_ORDER_OPENING = re.compile(
    r"^\s*(?:please\s+|pls\s+|plz\s+)?(?:e-?mail|text|sms|tweet|dm|message)\s+"
    r"(?:(?:me|us|him|her|them|everyone|everybody|all|the|our|my|his|their)\b|\+?\d|"
    r"[\w.+-]+@|[\"'\u201c\u2018#@])(?=\S*\s+\S)",
    re.I,
)
#: A polite order inside a turn: "..., can you send me a Telegram message with the error?",
#: "could you post it to #ops?" - the question mark closes an order, not a question.
POLITE_ORDER = re.compile(
    rf"\b(?:can|could|would|will)\s+(?:you|u)\s+(?:please\s+|just\s+|also\s+)?(?:{_ORDER_VERBS})\b",
    re.I,
)

#: Something not working, reported ("my error workflow doesn't fire", "the trigger never runs",
#: "isn't working"): a problem to explain, not a thing to build.
TROUBLE_REPORT = re.compile(
    r"\b(?:doesn'?t|does not|didn'?t|did not|isn'?t|is not|aren'?t|won'?t|wouldn'?t|can'?t|"
    r"cannot|never)\s+(?:\w+\s+)?(?:fire|fires|run|runs|work|working|trigger|triggers|start|"
    r"get called|catch|show|respond|responds|reply|replies|load|loads|connect|connects)\b|"
    r"\bnot working\b|\bstopped working\b|"
    # (HIN6 s20) nothing happening: "my crontab line does nothing", "the script didn't do anything"
    # - not for a while (HR22: "a lead that does nothing for two weeks", "a subscriber does
    # nothing with our emails for 90 days": inactivity is a condition of a flow, not a trouble)
    r"\b(?:(?:does|did|do) nothing|(?:doesn'?t|does not|didn'?t|did not|don'?t) do anything)\b"
    r"(?![^.?!;]{0,30}\b(?:(?:for|after|within|in|over)\s+(?:\d+|a|an|one|two|three|several|some|"
    r"the\s+(?:last|past))|since|during|(?:this|all|the\s+whole)\s+(?:day|week|month|year|"
    r"quarter|morning|afternoon|evening|night))\b)",
    re.I,
)
#: (HIN6 s20) A flow named with what it does ("replace it with a workflow that copies ...", "I
#: have a workflow that should post ..."): beside a trouble, the thing to build or the flow
#: the trouble is about - either way not a trouble of some other program.
A_FLOW_THAT = re.compile(
    r"\b(?:a|an|one|new)\s+(?:(?:new|small|simple)\s+)?(?:workflow|flow|automation|zap|scenario)"
    r"\s+(?:that|which|to|for)\b",
    re.I,
)
#: (HIN6 s20) Right before a verb the asker says they do themselves ("the script works when *I*
#: run it by hand", "*we* usually send it from the laptop"): told, not ordered.
ASKER_DOES_BEFORE = re.compile(r"\b(?:i|we)\s+(?:also\s+|just\s+|usually\s+|always\s+)?$", re.I)
#: (HIN6 s20) What the troubled thing was expected to do, said in a relative clause ("the celery
#: task *that should run* every night never fires", "the job which is supposed to send ..."):
#: part of the trouble reported, not an order given.
EXPECTED_OF_IT = re.compile(
    r"\b(?:that|which)\s+(?:should|is supposed to|are supposed to|was supposed to|is meant to|"
    r"was meant to)\s+(?:\w+)",
    re.I,
)

#: Said right after a node it names: the node does not work for the asker ("the Pipedrive
#: trigger keeps breaking for us", "... is flaky", "... doesn't fire"), so it is not the one to use.
BROKEN_FOR_US = re.compile(
    r"\s*(?:node\s+)?(?:(?:keeps|kept)\s+(?:breaking|failing|crashing|dying|timing out)|"
    r"(?:is|was|has been|seems)\s+(?:broken|flaky|unreliable|buggy)|"
    r"(?:doesn'?t|does not|didn'?t|never|won'?t)\s+(?:work|fire|trigger|run)\w*)\b",
    re.I,
)

#: The error workflow named as the thing to build ("I need an error workflow that ...", "an
#: error handler workflow"): a start said by name, ahead of a time said of the runs that fail
#: ("The nightly import job keeps failing - I need an error workflow").
ERROR_WORKFLOW_NAMED = re.compile(r"\berror[- ](?:handler |handling )?workflow\b", re.I)

#: An endpoint the workflow calls ("call the weather API endpoint", "query their endpoint"),
#: not one it offers: a request step, not a webhook start.
CALLS_ENDPOINT = re.compile(
    r"\b(?:call|query|hit|fetch from|get data from|request)\s+(?:a|an|the|our|my|their)?\s*"
    r"(?:[\w-]+\s+){0,2}?(?:api\s+)?endpoints?\b",
    re.I,
)

#: An event of the n8n instance itself, which n8n's own trigger starts on: "whenever any
#: workflow on this n8n instance is activated", "when a workflow gets published or updated",
#: "each time our n8n instance restarts".
N8N_INSTANCE_EVENT = re.compile(
    r"\b(?:when(?:ever)?|each time|every time|once|if|as soon as)\s+(?:(?:a|an|any|the|one of "
    r"(?:our|my|the))\s+)?(?:[\w-]+\s+){0,2}?workflows?\s+(?:[\w-]+\s+){0,5}?(?:is|are|gets?|"
    r"got|was)\s+(?:activated|published|updated|re-?published)\b|"
    r"\b(?:when(?:ever)?|each time|every time|once|if|as soon as)\s+(?:the\s+|our\s+|my\s+)?"
    r"(?:n8n\s+)?instance\s+(?:starts|restarts|boots|comes (?:back )?up|is (?:re)?started)\b",
    re.I,
)

#: A request written as the description of the thing wanted, with no verb of its own: "gmail
#: auto-responder that answers pricing questions", "a Telegram helper which logs my meals"
#: (a noun phrase of up to five words, then "that/which/to/for" and what it does).
DESCRIBED_THING = re.compile(
    r"^\s*(?:(?:an?|the|my|our)\s+)?(?:[\w-]+\s+){0,4}?[\w-]+\s+(?:that|which|to|for)\s+\w+", re.I
)
#: (HIN3) A request written as its two ends only, joined by a link word or an arrow: "gmail to
#: notion", "stripe -> sheets daily", "instagram posts to pinterest", "intercom > hubspot" (up to
#: four words a side, no question, no subject pronoun - "I moved from Slack to Teams" says what
#: happened). With an app named, where data comes from and where it goes: a flow to build.
TERSE_LINK = re.compile(
    r"^(?!.*\b(?:i|we|you|he|she|they|i'm|we're|i've|we've|im)\b)\s*(?:[\w.#@'&-]+\s+){0,3}?"
    r"[\w.#@'&-]+\s*(?:\s(?:to|into|onto|2)\s|->|\u2192|=>|>)\s*(?:[\w.#@'&-]+\s*){1,4}[.!]*$",
    re.I,
)
#: (HIN3) A turn that opens by telling about the asker or people around them ("I moved from
#: Slack to Teams last year", "Our team uses Jira and Confluence", "my boss prefers Trello over
#: Asana") and nowhere wishes, needs or wants anything done - no want/need/like to, no modal, no
#: "by hand" (a chore told is a wish), no automation word. With no order and no start said, it
#: is talk about the apps, not a thing to build.
TOLD_STATEMENT = re.compile(
    r"^(?!.*\b(?:want|wants|need|needs|would|'d|like to|love to|wish|hope|looking for|trying|"
    r"try|should|must|have to|has to|got to|gotta|let'?s|please|pls|by hand|manually|"
    r"automat\w*|workflows?|flows?|bots?|integrat\w*|zaps?|n8n)\b)"
    r"\s*(?:i|we|he|she|they|i'?ve|we'?ve|i'?m|we'?re|(?:my|our)\s+(?:[\w-]+\s+)?(?:boss|team|"
    r"manager|colleagues?|coworkers?|wife|husband|partner|friends?|kids?|company|family|mom|dad|"
    r"parents|clients?))\s+\w+",
    re.I | re.S,
)
#: (HIN4) A turn that tells what the asker or people around them did or already have, the
#: automation itself included ("I connected Gmail to n8n yesterday", "we already have a workflow
#: that posts Jira issues to Slack", "just imported your template", "I'm using n8n cloud"): a
#: subject, then a verb of having set something up in the past. With no wish, ask, doubt or
#: trouble anywhere in it (the lookahead: "I connected Gmail, now send me ...", "... but it
#: never fires", "why does ...") it tells; it neither asks nor orders.
DONE_STATEMENT = re.compile(
    r"^(?!.*\b(?:want|wants|need|needs|would|'d|like to|love to|wish|hope|looking for|trying|try|"
    r"should|must|have to|has to|gotta|let'?s|please|pls|plz|now|next|can|could|how|why|what|"
    r"help|but|however|though|still|yet|instead|errors?|fail\w*|problems?|(?:an|any|some) issues?|"
    r"stuck|wrong|nothing|broke\w*|invalid|missing|empty|twice|again|weird|strange|says|keeps|"
    r"returns|getting|shows|not|never|cannot|(?:do|does|did|is|are|was|were|wo|ca|has|"
    r"have|had)n'?t)\b)"
    r"\s*(?:(?:fyi|btw|so|ok|okay|yesterday|today|finally|this morning|last (?:week|month|year))"
    r"[,:]?\s+)?(?:(?:i|we|(?:my|our)\s+(?:[\w-]+\s+)?(?:boss|team|manager|colleagues?|coworkers?|"
    r"company|clients?|agency|dev|developer|it guy))\s+|(?=just\b))"
    r"(?:(?:just|finally|already|successfully|recently|also|have|'ve|had|'d)\s+){0,2}"
    r"(?:connected|linked|hooked up|set up|setup|built|made|created|installed|imported|moved|"
    r"migrated|switched|deployed|upgraded|renamed|added|finished|configured|published|activated|"
    r"got|have|use|am using|'m using|are using|'re using)\b",
    re.I | re.S,
)
#: Short thanks or greetings, which never describe a thing to build.
THANKS_OR_HELLO = re.compile(
    r"^\s*(?:thanks|thank you|thx|great|cool|ok|okay|perfect|nice|awesome|hi|hello|hey)\b", re.I
)

#: A turn that ends by asking for the thing to be built: "Is there a way to copy new Stripe
#: customers into HubSpot? Please set it up.", "... can n8n do that? build it for me".
BUILD_IT = re.compile(
    r"(?:please\s+)?(?:set (?:it|this|that) up|build (?:it|this|that|one)|make (?:it|this|that) "
    r"(?:happen|work)|create (?:it|this|that|one)|go ahead(?: and build it)?|do it)"
    r"(?:\s+for (?:me|us))?(?:\s*,?\s*please)?\s*[.!]*\s*$",
    re.I,
)

#: An order that works on records and hands the result on: "Summarise the Jira issues resolved
#: this sprint and email the summary to the team" (an order opening with a verb of work, then a
#: step that delivers) - something to build, though it has no build verb.
WORK_ORDER = re.compile(
    r"^\s*(?:please\s+)?(?:summari[sz]e|translate|classify|categori[sz]e|tag|label|enrich|"
    r"extract|parse|convert|transform|compare|merge|dedupe|deduplicate|clean|score|rank|review|"
    r"analy[sz]e|transcribe|archive|log|track|list|count|compile|collect|gather|find|look up|"
    r"lookup|search|filter|rewrite|draft|email|text|message|ping|tweet|publish|share)\b"
    r"[^?]{5,200}?\b(?:and|then|,)\s+(?:then\s+)?(?:e-?mail|send|post|save|add|store|write|put|"
    r"notify|alert|ping|upload|append|push|share|publish|forward|text|message)\b[^?]*$",
    re.I,
)
#: (HT6, S13) Other runs failing, said by the grammar rather than a phrase: a subject that is one
#: of n8n's or of the user's runs (``_RUN_SUBJECT``: "a run", "any of our workflows", "my nightly
#: sync job", "anything I've built in n8n", "n8n") with a failure said of it (``_RUN_FAILS``:
#: "fails", "dies", "doesn't finish successfully", "fails to complete", "stops halfway", "hits an
#: exception", "gets error"), a failing run ("a failing workflow should ..."), or failures as a
#: noun with the runs they come from ("errors in my other flows", "crash reports of my
#: automations", "n8n failures", "Workflow failure -> Slack", "every unsuccessful execution").
#: "the workflow errors" (no possessive, no "any") is this workflow's step, not this; "a payment
#: fails", "a build breaks" have no run as subject; an app named inside is the app's event (the
#: callers check that: "a GitHub Actions workflow fails").
#: ``_RUN_NOUN``: what a run is called (not a test, dry, CI or build run; "runs into" is a verb;
#: not a "scenario", which is Make's).
_RUN_NOUN = (
    r"(?:workflows?|automations?|flows?|executions?|n8n|instance|"
    r"(?<!test )(?<!dry )(?<!ci )(?<!build )runs?(?!\s+into))"
)
#: Up to four words naming which runs ("my nightly Shopify sync job"): words of a name, never a
#: determiner or a joint of clauses ("an error so the execution shows as failed" is no subject).
_RUN_MODIFIERS = (
    r"(?:(?!(?:the|a|an|so|and|or|but|then|if|when|it|that|this|to|is|are|was)\b)[\w'-]+\s+)"
    r"{0,4}?"
)
#: One of n8n's or the user's runs as a subject: "a run", "any of our workflows", "my nightly
#: sync job", "anything I've built in n8n", "n8n", a bare "if execution ...".
_RUN_SUBJECT = (
    r"(?:(?:a|an|any|every|each|another|other|some|my|our|(?:one|any|some|all) of (?:my|our|the)|"
    r"any of|(?:something|anything)\s+(?:in|inside|within|on))\s+"
    + _RUN_MODIFIERS
    + _RUN_NOUN
    + r"|(?:my|our|(?:one|any) of (?:my|our))\s+"
    + _RUN_MODIFIERS
    + r"jobs?"
    # "a scheduled job of ours": the possessive after the job
    + r"|(?:a|an|any|one)\s+"
    + _RUN_MODIFIERS
    + r"jobs?\s+of\s+(?:ours|mine)"
    # "the nightly sync workflow": another run called by its name ("the workflow", "the whole
    # workflow" are this one)
    r"|\bthe\s+(?!(?:whole|entire|current|above|same|main|new|n8n|resulting|following|below|"
    r"final|complete)\b)(?:(?!(?:the|a|an|so|and|or|but|then|if|when|it|that|this|to|is|are|was|"
    r"in|of|for|with)\b)[\w'-]+\s+){1,3}?(?:workflow|automation|flow|job)"
    r"|(?:something|anything|whatever)\s+(?:i|we)(?:'ve| have)?\s+(?:built|made|set up|automated)"
    r"(?:\s+(?:in|on|with)\s+n8n)?"
    # n8n itself failing, not n8n told to do something ("use n8n to get errors from Sentry")
    r"|(?<![\w.])(?<!use )(?<!have )(?<!let )(?<!ask )n8n(?!\s+to\b)"
    r"|(?:^|\b(?:if|when|whenever|once|in case)\s+)(?:n8n\s+)?(?:workflows?|executions?|"
    r"automations?|flows?))"
)
#: A failure said of a run: "fails", "dies", "doesn't finish successfully", "fails to
#: complete", "stops halfway", "hits an exception", "get error", "is unsuccessful".
_RUN_FAILS = (
    r"(?:fails?|failed|failing|crash(?:es|ed)?|breaks?|broke|die|dies|died|blows? up|blew up|"
    r"goes down|went down|keeps? (?:on )?(?:crashing|failing|breaking|dying|erroring)|"
    r"errors?(?: out)?|errored(?: out)?|goes wrong|went wrong|falls? over|fell over|"
    r"stops? (?:with (?:an? )?(?:error|failure|exception)s?|halfway|midway|partway|mid-?run|"
    r"unexpectedly)|"
    r"(?:do ?n[o']t|does ?n[o']t|did ?n[o']t|never|can ?n[o']t|could ?n[o']t) (?:finish|complete|"
    r"run|succeed|go through|end)\w*|fails? to (?:run|finish|complete|succeed|execute|end)|"
    r"ends? (?:in|with) (?:an? )?(?:errors?|failures?|exceptions?)|"
    r"(?:hits?|runs? into|ran into|gets?|got|throws?|threw|raises?|has|have|had) "
    r"(?:an? |some |any )?(?:errors?|exceptions?|problems?|failures?)|"
    r"(?:is|are|was|were|got|gets) (?:fail(?:ed|ing)?|broken|erroring(?: out)?|unsuccessful))"
)
#: Failures as a noun ("errors", "crash reports", "failure details"), said with the runs they
#: come from.
_FAILURE_NOUN = (
    r"(?:fail(?:ures?)?|errors?|exceptions?|crash(?:es)?|problems|(?:crash|error|failure) "
    r"(?:reports?|logs?|messages?|details))"
)
#: Right after an app named inside a failing run, the work the run does with it ("our Shopify
#: sync workflow", "the HubSpot import flow", "my Stripe-to-Sheets job"): the user's own
#: automation named by its work, not the app's own runs ("a GitHub Actions workflow").
RUN_NAMED_BY_ITS_WORK = re.compile(
    r"(?:\s+|-)(?:(?:data|order|contact|lead|nightly|daily)\s+)?(?:sync|syncing|import|importer|"
    r"export|exporter|backup|ingest(?:ion)?|migration|mirror|to[- ][\w-]+)\b",
    re.I,
)
#: Other runs failing, said by the grammar: see the block comment above ``_RUN_NOUN``.
OTHER_RUNS_FAIL = re.compile(
    # "how do I see why an execution failed": a failed run asked about, not an event
    r"(?<!\bwhy )(?<!\bwhether )(?<!\bhow come )"
    r"\b(?:(?:a|an|any|every|each|all|one of (?:my|our|the))\s+(?:failing|failed|crashing|crashed|"
    r"broken|errored|erroring|unsuccessful|aborted)\s+(?:[\w-]+\s+)?(?:workflows?|automations?|"
    r"flows?|executions?|runs?)\b|" + _RUN_SUBJECT + r"\s+(?:[\w-]+\s+){0,2}?" + _RUN_FAILS + r"\b|"
    # "40 workflows in n8n and nobody notices when they break", "watch my jobs ... when one fails",
    # "many workflows, sometimes one is failing"
    r"(?:workflows|automations|flows|executions|runs|jobs)\b[^.;!?]{0,80}?\b(?:when(?:ever)?|if|"
    r"once|each time|every time|as soon as|sometimes?|occasionally|now and then)\s+"
    r"(?:they|one|any|some)(?: of (?:them|those))?\s+"
    r"(?:\w+\s+)?"
    + _RUN_FAILS
    + r"\b|"
    + _FAILURE_NOUN
    + r"\s+(?:in|from|of|across|on|for)\s+(?:(?:any|all|every|each|my|our|other|one of)\s+)"
    r"(?:(?:of|the|my|our|other|n8n|[\w-]+)\s+){0,3}?(?:workflows?|automations?|flows?|executions?|"
    r"runs|jobs)\b|"
    r"\bn8n (?:failures|errors|crashes|exceptions)\b|"
    # "when something goes wrong in any of my other workflows": the runs are where it fails
    r"\b(?:something|anything)\s+(?:goes|went|is going)\s+wrong\s+(?:in|with|inside|on|during)"
    r"\s+(?:(?:any|all|every|each|my|our|other|one|some|of|the)\s+){1,4}(?:[\w-]+\s+)?"
    r"(?:workflows?|automations?|flows?|executions?|runs|jobs)\b|"
    r"(?:^|(?<=[\s(:]))(?:n8n |workflow |execution |automation )(?:failures?|crash(?:es)?)"
    r"(?=\s*(?:->|\u2192|=>|:|,|\.|$))|"
    # (s17) the failed runs named with no determiner: "catch failed executions and log them",
    # "send failed execution alerts to Teams", "crashed workflows -> Slack"
    # (not "the failed executions from yesterday", "failed runs from our Airflow server": runs
    # kept or another system's, read or retried - HR19)
    r"(?:^|(?<=[\s(:]))(?<!\bthe )(?<!\bthose )(?<!\bthese )(?<!\bold )"
    r"(?:failed|failing|crashed|crashing|errored|erroring)\s+(?:n8n\s+)?"
    r"(?:executions?|workflow runs?|workflows)\b"
    r"(?!(?:\s+[\w-]+){0,2}?\s+(?:from|older|since|of|in|on)\b)|"
    # ... or as errors of the runs, taken somewhere: "collect workflow errors in Notion", "log
    # all execution failures" (not "handle errors in this workflow": a step's own)
    r"\b(?:catch|collect|log|record|report|forward|send|store|save)\w*\s+"
    r"(?:(?:all|the|our|my|any)\s+)?(?:n8n\s+)?(?:workflow|execution)\s+"
    r"(?:errors|failures|crashes)\b)",
    re.I,
)
#: (HT6) An order opening a clause ("If that call errors, wait 5 min and retry", "...; email
#: ops@", "... and update the stock count"): the imperative of something to build.
CLAUSE_ORDER = re.compile(
    rf"(?:^|[.;:!\n,]\s*|\b(?:and|then)\s+)(?:please\s+|pls\s+)?(?:{_ORDER_VERBS})\b", re.I
)

# --- States of records and their changes ---
#: A record changes state: "is marked won", "gets solved", "moves to Done", "is merged",
#: "closes as won", "changes to In Progress", "becomes a customer", "gets flagged as urgent",
#: "a payment fails". After an event word and an app's record, the app's trigger starts the
#: workflow ("once a Zendesk ticket is solved"). A transition names any state after it ("goes
#: to Done", "flips to closed-won"); a bare state must be one a record reaches.
#: The states a record reaches, as participles ("solved", "won", "merged", "fulfilled").
_STATES = (
    r"(?:solved|closed|won|lost|completed?|done|merged|approved|paid|fulfilled|cancell?ed|"
    r"archived|reopened|resolved|shipped|published|signed|accepted|rejected|declined|refunded|"
    r"assigned|escalated|delivered|expired|renewed|finished|submitted|updated|created|deleted|"
    r"added|moved|opened|booked|rescheduled|started|stopped|labell?ed|tagged|commented|"
    r"inserted|modified|edited|removed|uploaded|dragged|dropped|checked off|ticked(?: off)?|"
    r"crossed off|converted|flipped)"
)

#: An event said as a headline: "on" opening a clause, or "upon", then a record with no
#: article and what happens to it ("On deal won in Pipedrive, ...", "on ticket close in
#: Zendesk", "upon invoice paid"): the state reached or the event's verb in any of its forms.
#: The reader keeps it only for a record of an app named in the clause (``record_words``).
BARE_RECORD_EVENT = re.compile(
    r"(?:(?:^|(?<=[,;:.!?\n>\u2192(]))\s*on|\bupon)\s+(?P<record>[a-z]+)\s+"
    rf"(?:{_STATES}|(?:creat|clos|updat|delet|cancel|complet|chang|submi|resol|approv|refund|"
    r"fulfil|publish|merg|book|open|win|los|pay|hir|sign|plac|receiv)\w*)\b",
    re.I,
)

#: Records picked by a state they reach, right before the app's name: "every closed Zendesk
#: ticket", "each paid Stripe invoice", "all newly signed DocuSign envelopes" (read up to the
#: app's name): each one reaching that state is the event, so the app's trigger starts it.
EACH_IN_STATE = re.compile(
    rf"\b(?:every|each|all|any)\s+(?:newly\s+|freshly\s+|just\s+)?{_STATES}\s+$|"
    # "on every merged MR in gitlab", "each paid invoice from Stripe": the record, then where
    rf"\b(?:every|each|all|any)\s+(?:new(?:ly)?\s+|freshly\s+|just\s+)?{_STATES}\s+"
    r"(?:[\w-]+\s+){1,3}?(?:in|on|from|at)\s+(?:(?:my|our|the|a)\s+)?$|"
    # "each support call recording uploaded to our Box folder": a file arriving in the app
    r"\b(?:every|each|all|any)\s+(?:new\s+)?(?:[\w-]+\s+){0,4}?(?:(?:that|which)\s+)?"
    r"(?:(?:gets?|is|are)\s+)?(?:uploaded|added|saved|dropped|put|placed|stored|created|lands?|"
    r"arrives?|appears?|shows? up|comes? in)\s+(?:to|in|into|on|at)\s+"
    r"(?:(?:my|our|the|a)\s+)?(?:[\w'\"\u2018\u2019-]+\s+(?:folder|directory|dir)\s+"
    r"(?:on|in)\s+(?:(?:my|our|the)\s+)?)?$",
    re.I,
)

#: A state said bare, the way terse requests write it ("shopify order fulfilled, ...",
#: "salesforce opp closed won: ..."): read only right after an app's record that opens the
#: request, where nothing else can be meant.
STATE_WORD = re.compile(rf"\b{_STATES}\b", re.I)

#: A record changes state, said actively or passively ("HR sets the status to approved", "a deal
#: moves to Closed Won").
STATE_CHANGE = re.compile(
    # a person changing a record, said actively: "HR sets the Status column to 'approved'",
    # "a sales rep drags a deal into 'Closed Won'", "reps convert a lead", "I tick it off"
    rf"\b(?:{_PERSON}|{_ROLE})\s+(?:(?:just|then|finally|manually)\s+)?(?:(?:sets?|moves?|drags?|"
    r"marks?|changes?|flips?|switch(?:es)?|puts?)\s+(?:(?:a|an|the|their|his|her|my|our|its)\s+)?"
    r"(?:[\w'-]+\s+){0,4}?(?:to|into|as)\s+[\"'\u201c\u2018]?\s*\w|"
    r"(?:converts?|closes?|approves?|completes?|archives?|wins?|solves?|resolves?|rejects?|"
    r"cancels?|ticks? off|checks? off|publishes?)\s+(?:a|an|the|their|his|her|my|our|its)\s+\w)|"
    # anyone else doing it ("QA moves a bug to Verified", "the budget owner sets the Decision
    # field of a purchase request to 'approved'"): one person, a longer record, a named state
    r"\b(?:(?:the|a|an|our|my|their)\s+(?:[\w'-]+\s+)?)?"
    rf"(?!(?:{_MACHINE_SUBJECT})\b)[a-z][\w'-]*\s+(?:(?:just|then|finally|manually)\s+)?"
    r"(?:sets|moves|drags|marks|changes|flips|switches|puts)\s+(?:(?:a|an|the|their|his|her|"
    r"my|our|its)\s+)?(?:[\w'-]+\s+){0,6}?(?:to|into|as)\s+(?:[\"'\u201c\u2018]\s*\w|(?-i:[A-Z]))|"
    # a field of the record given a new value, whatever the verb ("any issue whose priority is
    # raised to Highest", "a card's due date gets pushed to Friday")
    r"(?:\bwhose|'s|\u2019s)\s+(?:[\w-]+\s+){1,2}?(?:is|are|gets?|got|was|were|has been)\s+"
    r"(?:[a-z]+(?:ed|en)|set|put)\s+(?:to|into|above|below|over|under)\b|"
    # "gets marked urgent", "is flagged spam", "was tagged 'vip'": a mark, any word after it
    r"\b(?:(?:is|are|gets?|got|was|were|being|has been|have been)\s+(?:marked|flagged|"
    r"labell?ed|tagged)\s+(?:as\s+)?[\"'\u201c\u2018]?\w|"
    r"(?:is|are|gets?|got|was|were|being|has been|have been)\s+(?:marked|set|flagged|"
    r"tagged|labell?ed|switched|moved|changed|promoted|upgraded|downgraded|converted)\s+"
    r"(?:as|to|into|with)\s+\w|"
    r"(?:becomes?|became|becoming|turns? into|turning into|flip(?:s|ped)? (?:to|over to)|"
    r"flipping to|"
    r"go(?:es|ing)? (?:to|into)|went (?:to|into)|switch(?:es|ing)? to|gets? moved to|is moved to|"
    r"lands? in|landing in|drops? (?:to|into)|reaching|entering|hitting|moving (?:to|into)|"
    r"(?:updated|changed|set|moved|switched|changing) to|turn(?:s|ed|ing)? to)\s+"
    r"[\"'\u201c\u2018]?\s*\w|"
    r"(?:hits?|hitting|reach(?:es)?|turns?|becomes?|go(?:es)? to|moves? to|(?:is )?set to|"
    r"changes? to)\s+[\"'\u201c\u2018]\s*\w|"
    r"(?:gets?|got|receives?|received)\s+(?:a\s+|an\s+)?(?:new\s+)?(?:comment|reply|label|"
    r"attachment|vote|review|star|assignee|tag|response|note)s?\b|"
    r"(?:fails|failed|bounces|bounced|lapses|lapsed|expires|churns|churned|"
    r"(?:is|becomes|goes) overdue|(?:is|gets|was) (?:converted|upgraded|downgraded|unsubscribed|"
    r"disputed|overdue|past due))\b|"
    r"(?:is|are|gets?|got|was|were|being|has been|have been|becomes?|goes|turns?)\s+"
    rf"(?:marked\s+(?:as\s+)?|set\s+(?:to\s+)?|moved\s+(?:to\s+)?|changed\s+(?:to\s+)?)?{_STATES}|"
    r"(?:closes|closed|moves|moved|changes|changed|reaches|reached|enters|entered|"
    r"transitions?|transitioned)\s+(?:as|to|into|in)\b)",
    re.I,
)

#: A record someone acts on, after a weak opener: "for each deal we win in Pipedrive", "any
#: ticket the team closes in Zendesk" - the person's act is the change of state (not a stative
#: verb: "for each customer we have in the sheet" is a loop over records).
ACTED_ON_BY = re.compile(
    r"^\s*(?:[\w'-]+\s+){1,3}?(?:that\s+|which\s+)?(?:we|i|you|they|someone|somebody|anyone|"
    r"people|customers?|clients?|the team|our team|our \w+)\s+"
    r"(?!(?:have|has|had|keep|own|store|need|want|see|get|got|use|know|like|do|did|can|could|"
    r"should|would|will|may|might|must)\b)[a-z]+",
    re.I,
)

#: Verbs of having or being: said by one agent ("a client has an account in Xero"), no act.
_NOT_AN_ACT = (
    r"is|was|has|does|uses|needs|wants|keeps|owns|stores|sees|knows|likes|gets|lives|sits|"
    r"runs|works|exists|seems|looks|means|contains|holds|costs|belongs|remains|stays|equals"
)
#: One unnamed agent doing something, in the present, in the clause that names the app ("a
#: customer pays in PayPal", "a contact unsubscribes in Mailchimp", "someone stars our repo on
#: GitHub", "2. a lead replies in lemlist"): an event said as it happens - a single indefinite
#: subject is any one of them, each time. Not a plural or a person we know ("customers pay in
#: Stripe", "our team chats in Slack": the scene), a possessive ("a customer's orders"), nor a
#: verb of having or being (``_NOT_AN_ACT``).
ONE_AGENT_ACTS = re.compile(
    r"\b(?:someone|somebody|anyone|anybody|whoever|(?:a|an)\s+(?:new\s+)?[a-z][a-z-]*)\s+"
    rf"(?:just\s+)?(?!(?:{_NOT_AN_ACT})\b)[a-z]{{2,}}s\b(?!')",
    re.I,
)

#: The order after an event clause, said with a modal or a wish ("... should be written to
#: Google Sheets", "When this happens I want the details in a sheet"): an app named after it
#: is where the order acts, not where the event happens.
ORDER_AFTER_EVENT = re.compile(
    r"\b(?:should|must|shall|needs? to|has to|have to|is to|are to|i want|we want|i need|"
    r"we need|i'?d like|we'?d like|please)\b",
    re.I,
)

#: An event said by pointing back at the sentence before ("Our Stripe customers sometimes
#: cancel. When this happens, ...", "We track bugs in Jira. When one is resolved, ..."): the
#: app of the event is named in that sentence.
POINTS_BACK = re.compile(
    r"^\s*(?:(?:this|that|it|such a thing|either)\s+(?:happens|occurs|is the case|takes place)|"
    r"(?:(?:a\s+|the\s+)?(?:new\s+)?one|it|they|those|these|such \w+|(?:any|one|some|each) of "
    r"(?:them|those|these))\s+(?:is|are|gets?|goes|go|was|were|has|have|becomes?|turns?|moves?|"
    r"changes?|arrives?|lands?|comes? in|shows? up|appears?|pops? up)\b)",
    re.I,
)

#: What the request rules out, right before a name ("please don't use the Stripe trigger
#: node", "without the Gmail trigger", "instead of the Slack trigger"): read up to the name.
NOT_THIS = re.compile(
    r"\b(?:don'?t|do not|never|not|no|without|instead of|rather than|avoid|skip)\s+"
    r"(?:(?:use|using|need|want|add|the|a|an|any)\s+){0,3}$",
    re.I,
)

#: A correction right after a name, before the name meant instead: "Dropbox... no, google
#: drive", "on gitlab - wait no, on monday.com", "Slack (sorry, I mean Teams)", "Airtable,
#: actually make that Notion". The name before it is taken back.
CORRECTION_AFTER = re.compile(
    r"^(?:\s+[\w-]+){0,2}?\s*(?:\.{2,}|\u2026|,|;|\u2014|\u2013|-|\()\s*(?:(?:"
    r"(?:no+|nope)(?=[,.!\u2014-]|\s+(?:wait|sorry|actually|i mean|make))|sorry|wait|oops|"
    r"actually|i mean|err+|erm|correction|scratch that|make (?:that|it)|or rather|rather)\b"
    r"[\s,.:!\u2014-]*)+"
    r"(?:(?:it'?s|it is|on|in|to|into|from|with|via|use|using|the|our|my)\s+){0,3}$",
    re.I,
)

#: Any correction word (a cheap test before looking for ``CORRECTION_AFTER``).
CORRECTION_CUE = re.compile(
    r"\b(?:no+|nope|sorry|wait|oops|actually|i mean|err+|erm|correction|scratch that|"
    r"make (?:that|it)|or rather|rather)\b",
    re.I,
)

#: A text given in quotes ("translate 'we are closed on Monday' into polish"): its words are
#: the content to work on, not instructions about the workflow.
QUOTED_TEXT = re.compile(
    r"(?<!\w)'[^'\n]{3,300}'(?!\w)|\"[^\"\n]{3,300}\"|\u201c[^\u201d\n]{3,300}\u201d|"
    r"\u2018[^\u2019\n]{3,300}\u2019"
)

#: The asker says the question is not about n8n ("not about n8n:", "not n8n related sorry",
#: "unrelated to n8n", "off-topic:"): whatever it names, it is general conversation.
NOT_ABOUT_N8N = re.compile(
    r"\b(?:not|nothing to do with|unrelated to|isn'?t about|not about|not related to|not for|"
    r"not in)\s+(?:(?:about|to|with|really|for|in)\s+)?(?:n8n|(?:my\s+|our\s+|any\s+)?"
    r"(?:workflows|automations?))\b|\bnot\s+(?:an?\s+)?n8n[- ]related\b|\bnon-n8n\b|"
    r"^\s*(?:(?:quick|small|random)\s+(?:one|question)\s*,?\s*)?(?:off[- ]topic|unrelated)\b",
    re.I,
)

#: Each new record, named by its kind alone ("each new conversation", "every new order over
#: $500", "all incoming tickets"): group 1 is the record word, whose app the catalog says.
NEW_RECORD = re.compile(
    r"\b(?:each|every|any|all)\s+(?:new|incoming|fresh|newly created)\s+([a-z][a-z-]+)\b", re.I
)

#: A thing ruled out after its name ("a WhatsApp bot is not needed", "... isn't necessary",
#: "... is no longer wanted"): read from the end of the name on, within its clause.
RULED_OUT_AFTER = re.compile(
    r"^[^.;,!?\n]{0,30}?\b(?:(?:is|are|was|'s)\s+(?:not|no longer)|isn'?t|aren'?t|not)\s+"
    r"(?:really\s+|actually\s+)?(?:needed|necessary|required|wanted|an option|what (?:i|we) "
    r"(?:want|need))\b",
    re.I,
)

#: Records handled as they come ("failed charges in stripe as they happen", "new leads in
#: HubSpot as they come in"): each one is the event (read after the records and their app).
AS_THEY_COME = re.compile(
    r"\bas (?:they|it|these|those|each one|soon as they) (?:(?:happen|arrive|occur|appear|land)s?|"
    r"comes? in|are (?:created|added|made)|get (?:created|added)|"
    # a change of the records said by its verb ("as they change", "as they move to 'Won'") or
    # a participle after "are/get" ("as they're opened", "as they get closed")
    r"(?:change|move|update|close|open|finish|complete|ship|renew|expire|cancel|fail)s?|"
    r"(?:are|get|gets|is)\s+[a-z]{3,}(?:ed|en))\b|"
    r"\bas (?:they|it)(?:'re|\u2019re|'s|\u2019s)\s+[a-z]{3,}(?:ed|en)\b",
    re.I,
)
#: Right before an app the records come from ("Create Notion pages from GitHub issues",
#: "... out of new Trello cards"): the app is the source of what is handled, where it starts.
SOURCE_BEFORE_APP = re.compile(r"\b(?:from|out of)\s+(?:[\w'-]+\s+){0,2}$", re.I)
#: Right before an app records are written or sent to ("into GitHub issues", "to Google
#: Sheets", "into the matching Zendesk tickets", "via Twilio"); unlike
#: ``SENT_TO_BEFORE_APP`` not "with" ("in sync with our Stripe subscriptions" names a
#: partner, as often the source).
WRITTEN_TO_BEFORE_APP = re.compile(
    r"(?:\b(?:to|into|onto|in to|via|through|using)|->|\u2192|=>)\s+"
    r"(?:(?:the|our|my|a|an|their|your)\s+)?(?:[\w-]+\s+){0,2}?(?:[\w-]+\s+(?:in|on|of)\s+)?$",
    re.I,
)
#: An amount of records got or made, said right before a frequency ("gets new applications
#: every day", "open around 30 Zendesk tickets per day", "we receive dozens of Typeform
#: responses a week"): the frequency is how often records arrive, not when a job runs. A verb
#: of making or having (``made``) counts only when others do it: after the asker, a modal or
#: the workflow's own part (``OUR_SIDE_BEFORE``: "we log 20 calls a day", "our bot makes 2
#: posts a day") the records are the job's own work.
RECORDS_AT_A_RATE = re.compile(
    r"\b(?:gets?|getting|receives?|receiving|sees?|(?P<made>has|have|opens?|submits?|places?|"
    r"logs?|files?|creates?|adds?|books?|makes?))\s+(?:(?:about|around|roughly|some|up to|over|"
    r"at least|maybe|~)\s*)?(?:\d[\d,]*\+?|a few|a couple of|dozens of|hundreds of|lots of|"
    r"a lot of|tons of|many|several|new|more)\s+(?:[\w'-]+\s+){1,4}?$",
    re.I,
)
#: A unit of time said as a rate ("a day", "per week", "an hour"): after an amount of records
#: (``RECORDS_AT_A_RATE``), how often they arrive, read even where no schedule is.
RATE_UNIT = re.compile(r"\b(?:a|an|per)\s+(?:hour|day|weekday|week|month)\b", re.I)
#: An arrow right before an app ("Pipedrive -> Slack: new deals", "Linear issues \u2192 GitHub
#: issues"): the app is where the records go, not the one a heading event belongs to.
ARROW_BEFORE_APP = re.compile(r"(?:->|\u2192|=>)\s*$")
#: Between an app and the next: the first app's records, said right after its name with no
#: determiner and no verb of their own, then only a verb of flowing and "to"/"into" ("Typeform
#: responses go to our", "Mailchimp subscribers to", "Webflow form submissions straight into",
#: "Keap contacts sync to"). The records are sent on to the second app: the event is the first
#: app's, the second is only where they go. Not "lands in", "is uploaded to", "sends a receipt
#: to", "tickets come over to", "records copied to" (an arrival or an act: the second app
#: holds the event) - the caller also refuses a verb of arrival, of order or of sending among
#: the record words.
RECORDS_SENT_ON = re.compile(
    r"\s+(?P<records>(?:(?!(?:the|a|an|my|our|their|your|this|that|its|is|are|was|were|be|"
    r"been|being|gets?|got|has|have|had|will|would|should|must|can|to|into|in|on|from|and|or|"
    r"come|comes|came|move|moves|send|sends|sent|[a-z]+ed)\b)[a-z][\w'-]*\s+){1,3}?)(?:(?:go|goes|flow|flows|sync|syncs|straight|directly|right)\s+){0,2}"
    r"(?:to|into|onto|in to)\s+(?:(?:the|our|my|a|an|their|your)\s+)?",
    re.I,
)

#: A filter on records, not a change of state: "where status is closed", "whose stage is won".
FILTER_WORDS = re.compile(r"\b(?:where|whose|which have|that have|with (?:a |the )?status)\b", re.I)

#: Openers that make an event only with a change of state after them: "if a Zendesk ticket
#: gets solved", "any time a pull request is merged", "for each Jira issue that moves to Done",
#: "on a Trello card being archived" ("for each row in the sheet" is no event).
STATE_EVENT_OPENER = re.compile(
    r"\b(?:if\s+(?:(?:a|an|any|the|my|our|one of (?:my|our|the|your)|some of (?:my|our|the))\b|"
    r"(?=[a-z]+\s+(?:in|on|from)\s))|any ?time|"
    r"for\s+(?:each|every|any)|"
    r"on\s+(?:a|an|each|every|any)|after\s+(?:a|an|any|the|each|every|my|our)|"
    r"as(?!\s+(?:well|soon|a|an|if|of|per|such|much|long|far|it|is|needed|usual|follows|"
    r"the|csv|json|pdf|text|html|markdown|attachments?|[a-z]+(?:ed|en))\b))\b",
    re.I,
)

#: What may come before an app's name when the request opens with its record changing state
#: ("Jira issue goes to Done: ...", "A HubSpot deal moves to won -> ..."): an article at most.
LEADING_RECORD = re.compile(
    r"^\s*(?:[\w-]+(?:\s+[\w-]+){0,2}\s*:\s*)?(?:[-*\u2022]|\d[.)])?\s*"  # "Steps: - ", "1) "
    r"(?:(?:on|upon|after|trigger\s*:|trigger is|event\s*:|starts? (?:on|with)\s*:?)\s*)?"
    r"(?:(?:a|an|the|any|each|every|my|our|new)\s+)?$",
    re.I,
)

#: A request that opens with an order or a way of starting rather than a record: "send ...",
#: "when ...", "every ..."; what is left ("Reaction added in Slack", "Deals that hit Closed Won
#: in HubSpot") opens with the record whose change starts it.
OPENS_WITH_ORDER = re.compile(
    r"^\s*(?:please\s+)?(?:(?:also|and|then|now|just|instead|additionally|plus|ok|okay)\s+)*"
    r"(?:please\s+)?(?:send|create|add|post|get|pull|fetch|sync|save|build|make|set|use|"
    r"update|check|monitor|watch|summari[sz]e|translate|export|import|copy|move|upload|download|"
    r"scrape|generate|draft|write|log|track|list|notify|alert|email|text|ping|run|start|trigger|"
    r"call|forward|reply|answer|tell|give|let|have|i|we|you|my|our|can|could|would|when|whenever|"
    r"if|once|after|on|for|as|in|at|every|daily|weekly|hourly|nightly|monthly|manual\w*|"
    r"webhook|form|chat|swap|replace|switch|change|remove|drop|delete|rename|turn|convert|split|"
    r"merge|filter|only|skip|stop|don'?t|do|no|yes|thanks|route|attach|include|exclude|keep|"
    r"make|put|wait|retry|limit|cc|bcc|mention|tag|label|mark)\b"
    rf"|{OPENS_WITH_ORDER_ON_RECORDS.pattern}",  # any order on its records
    re.I,
)

#: An event named by a noun after an app's record ("on asana task completion", "Stripe
#: dispute opened"): read like a bare state, right after the record that opens the request.
EVENT_NOUN = re.compile(
    r"\b(?:completion|creation|closure|deletion|cancell?ation|approval|signup|sign-up|submission|"
    r"merge|assignment|refund|purchase|renewal|failure|dispute|escalation|close-won|closed-won|"
    r"win|loss|conversion|upgrade|downgrade|unsubscribe|churn|push|commit|release|fork|star|"
    r"comment|mention|reply|review|response|checkout|reaction)\b",
    re.I,
)

#: A state said as a fact ("is closed", "are won") rather than a change: after a filter word
#: ("where", "whose") it selects records instead of starting on an event.
STATIVE = re.compile(r"^(?:is|are|was|were|has been|have been)\b", re.I)

#: Every message that comes in is the event: "check every message in the group", "log each
#: new DM", "all incoming texts" (next to a messaging app, that app's trigger starts it).
_EACH_ONE = r"(?:every|each|all|any|incoming|inbound)"
#: See _EACH_ONE above: "every message", "each new DM", "all incoming texts".
EVERY_MESSAGE = re.compile(
    rf"\b{_EACH_ONE}\s+(?:new\s+|incoming\s+)?(?:messages?|posts?|dms?|texts?)\b", re.I
)

#: The same quantifier right before an app's name ("each Slack message", "all new WhatsApp
#: texts"): the app's messages follow the name.
EACH_ONE_BEFORE_APP = re.compile(rf"\b{_EACH_ONE}\s+(?:new\s+)?$", re.I)

#: E-mails handled one by one as they come in: "forward important emails from my boss",
#: "triage incoming support emails", "auto-reply to new emails" - a mail trigger starts it.
INCOMING_EMAIL = re.compile(
    r"\b(?:(?:forward|triage|label|sort|auto-?reply to|reply to|answer|respond to|classify|"
    r"categori[sz]e)\w*\s+(?:(?:my|our|the|all|any|every|each|incoming|new|unread|important|"
    r"urgent|customer|support|inbound)\s+){0,3}e-?mails?\b(?!\s+(?:addresses|address|to\b))|"
    r"(?:incoming|inbound) e-?mails?\b|e-?mails? (?:that |which )?(?:arrive|come in|land)\w*|"
    # "Each applicant email: classify ...", "every customer email gets ..." (not "for each email
    # in the sheet", "every email address")
    r"(?<!for )\b(?:every|each)\s+(?:[a-z-]+\s+){0,2}?e-?mails?\b"
    r"(?!\s+(?:addresses|address|to\b|in\s+the|from\s+the|on\s+the|list|column|field))|"
    r"\b(?:every|each|any)\s+(?:new|incoming|inbound|unread)\s+(?:(?:customer|client|support|"
    r"sales|billing|invoice|order)\s+)?(?:e-?)?mails?\b|"
    r"^\s*(?:customer|client|new|all|any|every|each)?\s*e-?mails?\s+(?:sent\s+)?(?:to|into)\s+"
    r"(?:our\s+|my\s+|the\s+)?(?:[\w.+-]+@[\w.-]*|support|sales|info|help|shared)\b)",
    re.I,
)

# --- Several starts, buttons, on demand ---
#: The request names more than one way to start: "two entry points: ...", "on a form
#: submission or every night", "several times a day (and a button to run it by hand)",
#: "manually or every Monday", "a webhook as well as a schedule".
_ONE_START = (
    r"(?:button|manual(?:ly)?|by hand|on demand|webhooks?|chat|(?:n8n )?form|schedule|cron|daily|"
    r"nightly|weekly|hourly|monthly|every|each|at \d)"
)
#: Several ways to start one workflow ("two entry points", "or via a webhook", "and also on a
#: schedule").
MULTI_START = re.compile(
    # a heading over the starts listed ("Triggers: (1) ... (2) ...", "Starts - a new mail or
    # ..."), their number said in digits ("This flow has 2 starts: ...")
    r"(?:^|(?<=[.!?\n]))\s*(?:triggers|starts|start conditions|entry points|ways in)\s*"
    r"[:\-\u2013\u2014]|"
    r"\b\d (?:starts|triggers|entry points|ways in)\b|"
    r"\b(?:(?:two|three|several|multiple|both) (?:entry points|triggers|starts|ways in|"
    r"ways to (?:start|run|trigger) it)|entry points|(?:and|or|plus) (?:also )?"
    r"(?:give me |add |with |via |through |using |from |by )?(?:a |the )?"
    r"(?:button|manual(?:ly)?|by hand|on demand|when i click|"
    r"when(?:ever)? i (?:click|press|hit|run|want))|"
    r"(?:and|but|or|plus) (?:it )?(?:can|should|will|may) (?:also )?be (?:started|run|triggered|"
    r"kicked off)\b|"
    r"(?:button|webhook|chat|form|manual(?:ly)?)(?: \w+){0,5}? (?:and|or|plus) (?:also )?"
    r"(?:(?:with|via|by|from|through|on) )?(?:a |an |the )?(?:daily|nightly|weekly|hourly|monthly|"
    r"schedule[sd]?|cron|button|webhook|form)\b|"
    r"(?:button|manual(?:ly)?(?: (?:run|trigger|start|execution)s?)?|by hand|on demand|webhooks?|"
    r"chat|form),? (?:and also|and|or|plus|"
    r"as well as) (?:also )?(?:(?:have|let|make) it )?(?:(?:run|runs|via|through|from|by|on|"
    rf"with|using) )?(?:a |an |the |our |my )?{_ONE_START}|"
    r"(?:and|but|or|plus) also (?:\w+ ){0,5}?"
    rf"(?:from|via|with|by|through|using|on) (?:a |an |the |our |my )?{_ONE_START}|"
    r"(?:button|manual(?:ly)?|by hand|"
    r"on demand) (?:too|as well)|"
    r"i(?:'ll| will) also (?:run|start|trigger|kick off) it\b|"
    # "I also want to trigger it by hand", "run it by hand too"
    r"\balso\b[^.;\n]{0,40}?\b(?:trigger|run|start|kick off|fire|execute)\w*\s+(?:it|this|"
    r"the (?:workflow|flow))\s+(?:manually|by hand|myself|on demand|from a button)|"
    r"\b(?:trigger|run|start|kick off|fire|execute)\w*\s+(?:it|this|the (?:workflow|flow))\s+"
    r"(?:manually|by hand|myself|on demand)\s+(?:too|as well|also)\b|"
    r"as well as (?:on|when|every|a|by)|(?:and|plus) also (?:when(?:ever)?|every time|each time|"
    r"as soon as)|or (?:on|when(?:ever)?|every|"
    r"each|daily|nightly|weekly|hourly|via|by hand|manually|at \d|an? (?:(?:daily|nightly|weekly|"
    r"hourly|monthly) )?(?:chat|form|webhook|schedule|button)))\b|"
    r"(?<!\S)[+&]\s*(?:a |an |the )?(?:manual|button|webhook|form|chat|schedule|every|each|daily|"
    r"nightly|weekly|hourly|monthly|cron|at \d)|"
    r"\b(?:and|but|plus),? (?:also )?(?:every|each|daily|nightly|weekly|hourly|monthly|"
    r"on a schedule)\b(?! (?:new|one|item|row|record|message|time)\b)|"
    # "kick it off either from Telegram or daily", "started by a form or by an email arriving",
    # "both a weekly schedule and a Slack message": a start verb or "either"/"both" heading two
    r"\beither (?:from|by|via|on|through|when|with|manually|by hand|a |an |the )|"
    r"\b(?:started|triggered|kicked off|run|fired|launched|start|kick it off|kick off)\s+"
    r"(?:either\s+)?(?:by|from|via|through|when|on|with)\b[^.;:]{0,60}?\s(?:or|and)\s+(?:also\s+)?"
    r"(?:by|from|via|with|through|when|on|every|each|daily|nightly|weekly|hourly|at)\b|"
    r"\bboth (?:a |an |the )?(?:daily |weekly |nightly |hourly |monthly )?(?:schedule|webhook|form|"
    r"button|chat|manual|cron)\b",
    re.I,
)

#: A messaging app named as one of several starts, right after the word that joins them ("either
#: from Telegram", "and a Slack message in #refresh", "or via WhatsApp"): its message trigger is
#: one of the entry points (read up to the app's name).
JOINED_APP_START = re.compile(
    r"\b(?:either|or|both|and|plus)\s+(?:(?:from|via|by|on|through|when|with|in)\s+)?"
    r"(?:(?:a|an|the|my|our)\s+)?(?:new\s+)?$",
    re.I,
)

#: "on demand" that says how a webhook is used, not a manual start ("on demand through a
#: webhook call"): taken out before the manual cues are read for a second start.
ON_DEMAND_VIA = re.compile(
    r"\bon demand (?:through|via|by|with|using|from) (?:a |an |the |our )?(?:webhook|api|http|"
    r"form|chat|endpoint)",
    re.I,
)

#: A button the user presses to run it ("whenever I press the button", "a button to run it").
BUTTON = re.compile(
    r"\b(?:press|click|hit|push|tap)\w*\s+(?:a |the |on the )?(?:run |execute )?button\b|"
    r"\bbutton to (?:run|start|trigger)\b",
    re.I,
)
#: (HT6) The last item of a list, read back to the list's "or"/"nor" ("a chat trigger or a "):
#: a start ruled out before the list rules out each of its items.
LIST_ITEM_AFTER_OR = re.compile(r"\s(?:or|nor)\s+(?:(?:a|an|the|any)\s+)?$", re.I)

# --- Vendors, apps and node types the words point to ---
#: Each way to start named by its plain word, read only in a request with several starts.
START_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("webhook", re.compile(r"\bwebhooks?\b", re.I)),
    ("chat", re.compile(r"\bchat(?! ?gpt)\b(?<!google chat)", re.I)),
    ("form", re.compile(r"\bforms?\b", re.I)),
    ("manual", re.compile(r"\b(?:a|the|one) (?:run |manual |)button\b", re.I)),
)

# ------------------------------------------------------------------ vendor and node tables
# Which node a name or a need maps to: one definition each, read by intent, spec and the
# offline modifier (``engine.spec`` re-exports the ones it used to define).

#: AI vendors: key words -> (vendor, chat model node). Matched as kind "ai".
AI_VENDORS: dict[str, tuple[str, str]] = {
    "openai": ("openai", LC + "lmChatOpenAi"),
    "open ai": ("openai", LC + "lmChatOpenAi"),
    "gpt": ("openai", LC + "lmChatOpenAi"),
    "chatgpt": ("openai", LC + "lmChatOpenAi"),
    "chat gpt": ("openai", LC + "lmChatOpenAi"),
    "dall-e": ("openai", LC + "lmChatOpenAi"),
    "dalle": ("openai", LC + "lmChatOpenAi"),
    "whisper": ("openai", LC + "lmChatOpenAi"),
    "azure openai": ("azure_openai", LC + "lmChatAzureOpenAi"),
    "azure open ai": ("azure_openai", LC + "lmChatAzureOpenAi"),
    "anthropic": ("anthropic", LC + "lmChatAnthropic"),
    "claude": ("anthropic", LC + "lmChatAnthropic"),
    "gemini": ("google_gemini", LC + "lmChatGoogleGemini"),
    "google gemini": ("google_gemini", LC + "lmChatGoogleGemini"),
    "vertex": ("google_vertex", LC + "lmChatGoogleVertex"),
    "vertex ai": ("google_vertex", LC + "lmChatGoogleVertex"),
    "mistral": ("mistral", LC + "lmChatMistralCloud"),
    "mistral ai": ("mistral", LC + "lmChatMistralCloud"),
    "ollama": ("ollama", LC + "lmChatOllama"),
    "groq": ("groq", LC + "lmChatGroq"),
    "deepseek": ("deepseek", LC + "lmChatDeepSeek"),
    "openrouter": ("openrouter", LC + "lmChatOpenRouter"),
    "open router": ("openrouter", LC + "lmChatOpenRouter"),
    "grok": ("xai", LC + "lmChatXAiGrok"),
    "xai": ("xai", LC + "lmChatXAiGrok"),
    "cohere": ("cohere", LC + "lmChatCohere"),
    "bedrock": ("aws_bedrock", LC + "lmChatAwsBedrock"),
    "aws bedrock": ("aws_bedrock", LC + "lmChatAwsBedrock"),
    "qwen": ("alibaba", LC + "lmChatAlibabaCloud"),
    "kimi": ("moonshot", LC + "lmChatMoonshot"),
    "moonshot": ("moonshot", LC + "lmChatMoonshot"),
    "minimax": ("minimax", LC + "lmChatMinimax"),
    "hugging face": ("huggingface", LC + "lmOpenHuggingFaceInference"),
    "huggingface": ("huggingface", LC + "lmOpenHuggingFaceInference"),
}

#: Per vendor: the vendor's own n8n node (images, audio, files) and its embeddings node.
VENDOR_NODES: dict[str, dict[str, str]] = {
    "openai": {"app_node": LC + "openAi", "embeddings": LC + "embeddingsOpenAi"},
    "azure_openai": {"embeddings": LC + "embeddingsAzureOpenAi"},
    "anthropic": {"app_node": LC + "anthropic"},
    "google_gemini": {"app_node": LC + "googleGemini", "embeddings": LC + "embeddingsGoogleGemini"},
    "google_vertex": {"embeddings": LC + "embeddingsGoogleVertex"},
    "mistral": {"app_node": BASE + "mistralAi", "embeddings": LC + "embeddingsMistralCloud"},
    "ollama": {"app_node": LC + "ollama", "embeddings": LC + "embeddingsOllama"},
    "cohere": {"embeddings": LC + "embeddingsCohere"},
    "aws_bedrock": {"embeddings": LC + "embeddingsAwsBedrock"},
    "huggingface": {"embeddings": LC + "embeddingsHuggingFaceInference"},
    "alibaba": {"app_node": LC + "alibabaCloud"},
    "moonshot": {"app_node": LC + "moonshot"},
    "minimax": {"app_node": LC + "minimax"},
}

#: AI vendor name -> chat model node (the "ai" entity may carry only the vendor).
VENDOR_MODEL: dict[str, str] = {
    "azure": LC + "lmChatAzureOpenAi",
    "openrouter": LC + "lmChatOpenRouter",
    "vertex": LC + "lmChatGoogleVertex",
    "bedrock": LC + "lmChatAwsBedrock",
    "deepseek": LC + "lmChatDeepSeek",
    "anthropic": LC + "lmChatAnthropic",
    "claude": LC + "lmChatAnthropic",
    "gemini": LC + "lmChatGoogleGemini",
    "mistral": LC + "lmChatMistralCloud",
    "groq": LC + "lmChatGroq",
    "ollama": LC + "lmChatOllama",
    "xai": LC + "lmChatXAiGrok",
    "grok": LC + "lmChatXAiGrok",
    "cohere": LC + "lmChatCohere",
    "openai": LC + "lmChatOpenAi",
    "gpt": LC + "lmChatOpenAi",
    "google": LC + "lmChatGoogleGemini",
    "aws": LC + "lmChatAwsBedrock",
}
#: Chat model -> the vendor's own multi-purpose node (images, audio, documents).
VENDOR_NODE: dict[str, str] = {
    LC + "lmChatOpenAi": LC + "openAi",
    LC + "lmChatGoogleGemini": LC + "googleGemini",
    LC + "lmChatAnthropic": LC + "anthropic",
}
#: A vendor named in a model id the entity stage did not read ("claude-sonnet-4-5").
VENDOR_WORD = re.compile(
    r"\b(claude|anthropic|gemini|openai|gpt|mistral|ollama|openrouter|deepseek|groq|grok)", re.I
)
#: Built-in agent tools named by what they are (not apps).
AI_TOOLS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bcalculator\b|\bdo (the )?math", re.I), LC + "toolCalculator"),
    (re.compile(r"\bwikipedia\b", re.I), LC + "toolWikipedia"),
    (re.compile(r"\bthink(ing)? tool\b", re.I), LC + "toolThink"),
    (re.compile(r"\bserp ?api\b", re.I), LC + "toolSerpApi"),
    (re.compile(r"\bsearxng\b", re.I), LC + "toolSearXng"),
    (re.compile(r"\bwolfram", re.I), LC + "toolWolframAlpha"),
    (re.compile(r"\bmcp client\b|\bmcp server\b(?!.*\btrigger\b)", re.I), LC + "mcpClientTool"),
    (re.compile(r"\b(sub-?agents?|agent tools?|specialist agents?)\b", re.I), LC + "agentTool"),
    (
        re.compile(
            r"\b(workflow tool|call (my |another |an )?(other )?workflow as a tool)\b", re.I
        ),
        LC + "toolWorkflow",
    ),
    (re.compile(r"\bcode tool\b", re.I), LC + "toolCode"),
)
#: Chat model -> the embeddings node of the same vendor (RAG with that vendor).
EMBEDDINGS_FOR_MODEL: dict[str, str] = {
    LC + "lmChatOpenAi": LC + "embeddingsOpenAi",
    LC + "lmChatAzureOpenAi": LC + "embeddingsAzureOpenAi",
    LC + "lmChatGoogleGemini": LC + "embeddingsGoogleGemini",
    LC + "lmChatGoogleVertex": LC + "embeddingsGoogleVertex",
    LC + "lmChatOllama": LC + "embeddingsOllama",
    LC + "lmChatMistralCloud": LC + "embeddingsMistralCloud",
    LC + "lmChatCohere": LC + "embeddingsCohere",
    LC + "lmChatAwsBedrock": LC + "embeddingsAwsBedrock",
}


def _trigger_types() -> dict[str, str]:
    """The kinds of the workflow model (``nodepilot.workflow.TRIGGER_KINDS``), each with the
    first trigger type of that kind, plus an MCP server."""
    out: dict[str, str] = {}
    for node_type, kind in TRIGGER_KINDS.items():
        if kind != "app":
            out.setdefault(kind, node_type)
    return {**out, "mcp": LC + "mcpTrigger"}


#: How a workflow starts (a kind of start) -> the trigger node type that makes it.
TRIGGER_TYPES: dict[str, str] = _trigger_types()
#: A memory named by its store ("postgres memory") -> its chat memory node.
MEMORY_TYPES: dict[str, str] = {
    "postgres": LC + "memoryPostgresChat",
    "redis": LC + "memoryRedisChat",
    "mongo": LC + "memoryMongoDbChat",
}

#: A file's kind as a request names it, and the operation of Extract From File (reading such a
#: file) and of Convert to File (writing one): "extract the text of the PDF" -> pdf, "turn the
#: rows into a JSON file" -> toJson. The first kind named in the step's words decides; "text"
#: only when no other is ("pull the text out of the PDF" reads a PDF).
FILE_KIND_OPERATIONS: dict[str, tuple[str, str]] = {
    "pdf": ("pdf", "toText"),
    "csv": ("csv", "csv"),
    "xlsx": ("xlsx", "xlsx"),
    "excel": ("xlsx", "xlsx"),
    "xls": ("xls", "xls"),
    "ods": ("ods", "ods"),
    "json": ("fromJson", "toJson"),
    "html": ("html", "html"),
    "xml": ("xml", "toText"),
    "rtf": ("rtf", "rtf"),
    "ics": ("fromIcs", "iCal"),
    "text": ("text", "toText"),
}
#: Where a file's text is asked for inside a longer mention ("upload a PDF; extract its
#: text"): the Extract From File step's place is the asking verb, after what came before it.
FILE_TEXT_ASKED = re.compile(
    r"\b(?:extract|pull|get|read|take|grab)\w* (?:the |its |their |all )?(?:plain )?text\b", re.I
)
#: Where Convert to File says what it writes: the kind after "to"/"into"/"as" ("turn each row
#: into its own JSON file", "export the deals as a CSV file").
FILE_TARGET_WORD = re.compile(r"\b(?:in)?to\b|\bas\b")
#: A file kind named in a request (``FILE_KIND_OPERATIONS``' words, singular or plural).
FILE_KIND_WORD = re.compile(r"\b(" + "|".join(FILE_KIND_OPERATIONS) + r")s?\b", re.I)

#: Nodes that send e-mail: one named means "email me" needs no default mail step.
EMAIL_APPS = frozenset(
    BASE + t
    for t in (
        "gmail",
        "emailSend",
        "microsoftOutlook",
        "sendGrid",
        "mailgun",
        "mailjet",
        "awsSes",
        "sendInBlue",
        "brevo",
        "postmark",
        "mandrill",
        "sendy",
        "gmailTool",
        "emailSendTool",
        "microsoftOutlookTool",
    )
)

#: The mail node a request that says "email me" gets when it names none.
DEFAULT_EMAIL = BASE + "gmail"

#: A spreadsheet named by its kind alone ("the Orders sheet", "our leads spreadsheet", "a new
#: row in the sheet"): n8n users mean Google Sheets unless another table app is named (not a
#: "cheat sheet", "balance sheet", "time sheet" ...).
SHEET_WORD = re.compile(
    r"(?<!cheat )(?<!balance )(?<!fact )(?<!style )(?<!spec )(?<!time )(?<!cover )(?<!tip )"
    r"(?<!data )(?<!excel )(?<!score )\b(?:spread)?sheets?\b(?!\s+(?:music|metal|pan|mask)s?\b)",
    re.I,
)
#: Spreadsheet apps: one of them named, a bare "sheet" elsewhere in the request is it.
SPREADSHEET_APPS = frozenset((BASE + "googleSheets", BASE + "microsoftExcel"))
#: The spreadsheet node ``SHEET_WORD`` stands for when the request names no table app.
DEFAULT_SHEET = BASE + "googleSheets"
#: Apps that hold rows of a table: one of them named, "the sheet" is that app's.
TABLE_APPS = frozenset(
    BASE + t
    for t in (
        "googleSheets microsoftExcel airtable smartsheet seaTable baserow nocoDb grist "
        "spreadsheetFile notion postgres mySql"
    ).split()
)

#: n8n core nodes named by what they do ("zip the files", "run a shell command").
CORE_CAPABILITIES: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            r"\b(execute command|shell command|command line|bash|run (a |the )?command)\b", re.I
        ),
        BASE + "executeCommand",
    ),
    (re.compile(r"\b(zip|unzip|gzip|compress\w*|decompress\w*)\b", re.I), BASE + "compression"),
    (
        re.compile(
            r"\b(resiz\w+|crop\w*|watermark\w*|draw (the |a )?(text|caption)|"
            r"edit image)\b",
            re.I,
        ),
        BASE + "editImage",
    ),
    (
        re.compile(
            r"\b(markdown to html|html to markdown|(convert|turn)\w* (it |them )?(in)?to "
            r"(html|markdown))\b",
            re.I,
        ),
        BASE + "markdown",
    ),
    (
        re.compile(
            r"\b((extract|pull|get|read|take)\w* (the )?text (from|out of) "
            r"(the |a |each |its )?(pdf|file|document|attachment)|"
            r"read (the |a )?(pdf|csv|xlsx|excel) file|parse (the |a )?(pdf|csv))\b|"
            # the text of a file said around it: "upload a PDF; extract its text", "convert an
            # uploaded Word file to plain text", the rows of an uploaded CSV
            r"\b(?:pdf|file|document|attachment|upload|docx?)s?\b[^.!?\n]{0,60}?"
            r"\b(?:extract|pull|get|read|take|grab)\w* (?:the |its |their |all )?(?:plain )?text\b|"
            r"\b(?:convert|turn)\w* [^.!?\n]{0,40}?\b(?:pdf|word|docx?|file|document)s?\b"
            r"[^.!?\n]{0,40}?\b(?:in)?to (?:plain )?text\b|"
            r"\brows (?:of|from|in) (?:the |an? |each )?(?:uploaded )?(?:csv|xlsx|excel)\b|"
            r"\b(?:csv|xlsx) (?:upload|rows)\b|\bupload\w* (?:a |the |an )?(?:csv|xlsx)\b",
            re.I,
        ),
        BASE + "extractFromFile",
    ),
    (
        re.compile(
            r"\b(convert\w* (it |them )?(in)?to (a )?(csv|xlsx|excel|json|binary) ?file|"
            r"(create|make|build) (a |an )?(csv|xlsx|excel) file)\b|"
            # "turn each row of the sheet into its own JSON file", "convert it to an Excel
            # spreadsheet", "export the list as a CSV file"
            r"\b(?:convert|turn|export|save|write)\w* [^.!?\n]{0,50}?\b(?:in)?to "
            r"(?:a |an |its own |one )?(?:csv|xlsx|excel|json|html) "
            r"(?:file|spreadsheet|document)s?\b|"
            r"\bexport\w* [^.!?\n]{0,40}?\bas (?:a |an )?(?:csv|xlsx|excel|json) (?:file)?",
            re.I,
        ),
        BASE + "convertToFile",
    ),
    (
        re.compile(
            # a file on the machine n8n runs on: "the local file /data/report.csv", "save it to
            # disk", "read the file at /srv/in/a.json"
            r"\blocal (?:file|disk|folder|directory)s?\b(?! trigger)|"
            r"\b(?:from|to|on) (?:the )?(?:local )?disk\b|"
            r"\b(?:read|load|open|write|save|store)\w* (?:the |a |each )?files? "
            r"(?:at |in |from |to )?(?=/[\w.-]+/)",
            re.I,
        ),
        BASE + "readWriteFile",
    ),
    (re.compile(r"\b(hash\w*|sha-?256|md5|hmac)\b", re.I), BASE + "crypto"),
    (
        re.compile(
            r"\b((stop|abort|end|halt|fail)\w* (the )?(run|workflow|execution)? ?with an error|"
            r"throw\w* an error|raise\w* an error|fail the (run|workflow|execution))\b",
            re.I,
        ),
        BASE + "stopAndError",
    ),
)

#: Form apps with a trigger of their own: named, they start the workflow, not n8n's form.
FORM_APPS = (
    "typeformTrigger",
    "jotFormTrigger",
    "formstackTrigger",
    "wufooTrigger",
    "formIoTrigger",
    "surveyMonkeyTrigger",
)

#: Chat apps a "#channel" written near them belongs to.
CHANNEL_APPS = frozenset(
    BASE + t
    for t in (
        "slack", "discord", "mattermost", "microsoftTeams", "rocketchat", "zulip", "googleChat",
        "telegram",
    )
)  # fmt: skip

#: Mail apps whose trigger starts a workflow that handles e-mails as they come in.
MAIL_TRIGGER_APPS = (BASE + "gmail", BASE + "microsoftOutlook")

# ------------------------------------------------------------------ summaries and destinations
# What a request says about a summary it wants and where it goes; read by
# ``engine.offline.summary`` (and through it the modifier and the LLM spec view).

# --- Summaries and where they are delivered ---
#: What a summary is called: "summary"/"summarize", a digest, a recap, a roll-up, a tl;dr, the
#: gist or highlights, a (daily/status ...) report, "boil it down", "sum up".
SUMMARY_WORD = re.compile(
    r"\b(summar(y|ies|i[sz]e[sd]?|i[sz]ing)|digests?|recaps?|round-?ups?|roll-?ups?|"
    r"wrap-?ups?|(key )?takeaways|synops[ie]s|breakdowns?|status updates?|bullet(ed)? lists?|"
    r"brief (me|us|the \w+)|"
    # "the gist of it", not a GitHub gist ("publish it as a gist, send me the gist URL")
    r"overviews?|run-?downs?|briefings?|tl;?dr|(the|a) gist(?! (url|link|id|file)s?\b)|"
    r"gist of|highlights|key points|bullet points|"
    r"(daily|weekly|monthly|status|summary|short|quick|brief|end[- ]of[- ](day|week)|eod) "
    r"reports?|reports? (of|on|about|listing|with)|into (a|one) (short |brief |quick )?report|"
    # the words between may be possessives or hyphenated: "boil the day's tasks down"
    r"boil\w* ([\w'’-]+ ){0,6}?down|sum(s|med|ming)? ([\w'’-]+ ){0,3}?up|condens\w+|"
    # (HIN2) the same ask in other registers: "a brief of it", "a resume / résumé of the
    # tickets" (not "upload a resume", a CV), "a synthesis", "an abstract of the articles",
    # "the main points", "a one-liner", "a short version", "a précis", and the common
    # misspellings "summery", "sumary"
    r"briefs? (of|on|about)|r[eé]sum[eé]s? (of|on|about)|"
    r"r[eé]sum[eé]n|synth[eè]s[ei]s?|s[ií]ntesis|abstracts? of|main points|one-?liners?|"
    r"short(er)? version|pr[eé]cis|summery|sumary|"
    # a short text about the records: "a few lines about", "a short paragraph on", "a brief
    # description of it", "a quick write-up", "what changed in plain words", "a Friday wrap of"
    # ("append two lines of data", "set the short description of the product" are no summary)
    r"(a few|a couple of|two|three) (lines|sentences) (about|on|describing|explaining)|"
    r"an? (short|brief|quick|one-sentence|two-sentence) (paragraphs?|descriptions?|"
    r"explanations?|blurbs?) (about|on|of)|write-?ups?|in plain (words|english|language)|"
    r"wrap (of|on)"
    r")(?!\w)",
    re.I,
)

#: A count or totals the request wants told: "let me know how many ...", "a short note with the
#: totals", "the number of new sign-ups", "count the new leads". Composed from the items like
#: a summary of records.
COUNT_ASK = re.compile(
    r"\bhow many\b|\b(the|a)\s+(totals?|count|number|sum)\s+(of|for)\b|\btotals\b|"
    r"\bcount(s|ing)?\b(?!\s+on\b)|"
    # the verb: "total last month's Stripe charges", "add up the day's orders"
    r"\b(total(s|led|ling)?|add(s|ing)? up)\s+(up\s+)?(the|all|our|my|last|this|today'?s|"
    r"yesterday'?s|each|every)\b",
    re.I,
)

#: The data is to go as it is: no summary, whatever else the request says.
AS_IS = re.compile(
    r"\b(raw|unchanged|verbatim|untouched|as[- ]is|exactly as|without (any )?changes|"
    r"full (\w+ )?(json|payload|body))\b",
    re.I,
)

#: A delivery: a verb that hands something to someone, or a destination after to/on/in/via.
DELIVERY_CUE = re.compile(
    r"\b(send|sent|post|email|e-mail|mail|message|dm|ping|share|notify|text|deliver|forward|"
    r"drop|push|tell|give|let (me|us|\w+) know|write|add|put|publish|report)\w*\b|"
    r"\b(to|on|in|via|into|onto)\s+(#|[A-Z]|my |our |the |a )",
    re.I,
)

#: The request says how the summary is built: by hand, not by an AI step.
COMPOSED_BY_HAND = re.compile(
    r"\b(in|with|using|via|through) (a |an )?(code|javascript|js|python|function|template|"
    r"html|markdown)\b|\bcode (node|step)\b",
    re.I,
)

#: "a summary with times and titles": the request names what the summary lists.
NAMES_ITS_CONTENT = re.compile(
    SUMMARY_WORD.pattern + r"\s+(with|listing|containing|including|showing|of (the )?(their|its))"
    r"\s+([\w ,'-]{3,60})",
    re.I,
)

#: What the summarised data is when it is prose: an AI step summarises it (records are listed).
PROSE_WORD = re.compile(
    r"\b(e-?mails?|mails?|inbox|messages?|articles?|news|posts?|feeds?|rss|blogs?|transcripts?|"
    r"documents?|docs?|pages?|notes?|comments?|reviews?|feedback|tickets?|conversations?|"
    r"chats?|threads?|replies|papers?|pdfs?|recordings?|calls?|meetings? notes|stories|"
    r"headlines|mentions|answers|responses)\b",
    re.I,
)

#: The steps already run for each item the request names: "summarise each new post", "a
#: summary of each ticket" - no Aggregate then. Times ("each morning") are not items.
PER_ITEM = re.compile(
    r"\b(each)\s+(single\s+)?(new\s+|incoming\s+)?(?!(day|morning|evening|night|"
    r"afternoon|week|weekday|weekend|month|year|hour|minute|quarter|time|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday|\d)\w*\b)[a-z]",
    re.I,
)

#: A summary that is one per item: "post the summaries", "a summary of each ...".
SUMMARIES_PER_ITEM = re.compile(r"\bsummaries\b", re.I)

#: Right after the app, the summary it receives: "... in Teams a rundown of", "a Google Doc
#: with a summary of", "Slack a short recap", "our Notion page a roll-up of".
SUMMARY_AFTER_APP = re.compile(
    r"(?:\s+[\w-]+){0,2}?\s+(?:with\s+)?(?:a|an|the|one|our|my)\s+(?:[\w-]+\s+){0,2}?(?="
    + SUMMARY_WORD.pattern
    + ")",
    re.I,
)

#: Sent "to #finance", "in #support", "notify #marketing": a chat channel named the way Slack
#: names it.
TO_CHANNEL = re.compile(
    r"\b(to|in|on|into|notify|ping|alert|message|tell|post|dm)\s+(the\s+)?(?=#\w)", re.I
)

#: An e-mail is where the summary goes: "a daily email with a summary", "by email", "email me",
#: "sent to my email".
BY_EMAIL = re.compile(
    r"\b(a|an|one|daily|weekly|monthly|morning|evening|nightly|short)\s+(\w+\s+)?e-?mail\b(?!s)|"
    r"\b(by|via|per|in an?|as an?|over)\s+e-?mail\b|\be-?mail\s+(me|us|him|her|them|it)\b|"
    r"\b(to|into)\s+(my|our|your|the|his|her|their)\s+(\w+\s+)?(e-?mail|inbox|mailbox)\b(?!s)",
    re.I,
)

#: A delivery verb and its object ("email me", "post a", "message the team"): not content.
DELIVERY_PHRASE = re.compile(
    r"\b(e-?mail|mail|message|post|text|dm|ping)\s+(me|us|him|her|them|it|the|a|an|my|our)\b",
    re.I,
)

# ------------------------------------------------------------------ where a change puts a step
# How a change to a workflow names the place of a step: between two steps, before or after one,
# first; and the words for a kind of step. Read by ``engine.offline.placement``.

# --- Where a step goes in a change, and AI steps named in one ---
#: Where a change names the place of a step: between two steps, before one, after one. A
#: reference ends at punctuation or at words that start what the new step is for ("... to
#: rename the columns", "... so only ...", "... that checks ...").
_PLACE_REF_END = (
    r"(?=\s+(?:to|so|that|which|for|with|in order|and then|then|add|insert|put)\b|[,.;:!?]|$)"
)
#: "between the HubSpot step and Gmail": the two steps (groups ``a`` and ``b``).
PLACE_BETWEEN = re.compile(
    r"\bbetween\s+(?P<a>.{1,60}?)\s+and\s+(?P<b>.{1,60}?)" + _PLACE_REF_END, re.I
)
#: "before the Sheets step", "in front of the email": the step (group ``x``).
PLACE_BEFORE = re.compile(
    r"\b(?:before|in front of|ahead of|prior to|preceding)\s+(?P<x>.{1,60}?)" + _PLACE_REF_END,
    re.I,
)
#: "after the HTTP call", "following the trigger": the step (group ``x``).
PLACE_AFTER = re.compile(r"\b(?:after|following|behind)\s+(?P<x>.{1,60}?)" + _PLACE_REF_END, re.I)
#: The very first step, right after the trigger: "as the first step", "at the start".
PLACE_FIRST = re.compile(
    r"\b(as (the|a|our) (very )?first (step|thing|node)|at the (very )?(start|beginning)|"
    r"first thing|before (anything|everything)( else)?)\b",
    re.I,
)
#: Words for a kind of step ("the trigger", "the AI step", "the email", "the HTTP call"), and
#: the node types that are one, checked in this order ("@trigger": any trigger, "@ai": an AI
#: root node).
STEP_KIND_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"trigger|start", ("@trigger",)),
    (r"webhook", (BASE + "webhook",)),
    (r"schedule|cron|timer", (BASE + "scheduleTrigger",)),
    (r"form", (BASE + "formTrigger",)),
    (r"ai( step| node)?|agent|llm|model|summary|gpt|chain", ("@ai",)),
    (
        r"e-?mails?|mails?",
        (BASE + "gmail", BASE + "microsoftOutlook", BASE + "emailSend", BASE + "sendGrid"),
    ),
    (r"http( call| request)?|api( call)?|request", (BASE + "httpRequest",)),
    (r"sheets?|spreadsheet", (BASE + "googleSheets", BASE + "microsoftExcel")),
    (r"crm", (BASE + "hubspot", BASE + "salesforce", BASE + "pipedrive", BASE + "zohoCrm")),
    (r"message|notification|ping", (BASE + "slack", BASE + "microsoftTeams", BASE + "telegram")),
)

# ------------------------------------------------------------------ changes to a workflow
# Cues of a change to an existing workflow: a generic step added by its kind, a step moved,
# the AI step removed (and AI only as a topic). Read by ``engine.offline.modify``.

#: A generic step the change adds by its kind: "add a Code step", "insert a filter", "put an IF
#: there", "a Set node", "an HTTP request", "the code node" (not "add the code to the row").
GENERIC_STEP = re.compile(
    r"\b(add|insert|put|place|include|stick|drop in|need)\b[^.;!?]{0,25}?\b(?:(an?|one)\s+"
    r"(?P<word>code|javascript|function|filter|if|condition(al)?|switch|http request|"
    r"set(?= node| step)|edit fields)\b|the\s+(?P<named>code|filter|if|switch|set|wait|"
    r"http request)(?= node| step))",
    re.I,
)
#: The kind ``GENERIC_STEP`` reads -> the node type of that kind.
GENERIC_STEP_TYPES: dict[str, str] = {
    "code": BASE + "code",
    "javascript": BASE + "code",
    "function": BASE + "code",
    "filter": BASE + "filter",
    "if": BASE + "if",
    "condition": BASE + "if",
    "conditional": BASE + "if",
    "switch": BASE + "switch",
    "http request": BASE + "httpRequest",
    "set": BASE + "set",
    "edit fields": BASE + "set",
}

#: AI as what items are about ("only posts about AI", "AI news"), not an AI step to add.
AI_AS_TOPIC = re.compile(
    r"\b(about|on|regarding|concerning|mentioning|related to)\s+(the\s+)?(ai|llms?|gpt)\b|"
    r"\b(ai|llm)\s+(news|articles?|topics?|stories|posts?|papers?|jobs?)\b",
    re.I,
)

#: A removal clause about the AI step that writes the text ("skip the AI summary", "no need for
#: the LLM"), not about one of its parts (its tools, memory, model, prompt: ``AI_PART_WORDS``).
AI_STEP_WORDS = re.compile(r"\b(ai|llm|gpt|agent|chain|summary|summari[sz]\w*)\b", re.I)
#: The parts of an AI step a removal may be about instead ("drop the memory", "no tools").
AI_PART_WORDS = re.compile(r"\b(tools?|memory|model|parser|prompt|embeddings?)\b", re.I)
#: A change that swaps the model or vendor ("use Claude instead"), not one that removes the AI.
SWAP_WORDS = re.compile(r"\b(use|instead|switch|replace|swap|rather)\b", re.I)

#: A step the change moves: "move the Slack step before ...", "put the email after ...", "the
#: Slack message should come/go/run after ...".
MOVE_STEP = re.compile(
    r"\b(?:move|put|place|shift|reorder)\s+(?P<x>(?:the|my|our|that|this)\s+.{1,50}?)\s+"
    r"(?=(?:to\s+)?(?:right\s+|just\s+|directly\s+)?"
    r"(?:before|after|between|in front of|ahead of)\b)|"
    r"\b(?P<y>(?:the|my|our|that|this)\s+.{1,50}?)\s+(?:should|must|needs? to|has to)\s+"
    r"(?:come|go|run|happen|be)\s+(?=(?:right\s+|just\s+)?(?:before|after|between)\b)",
    re.I,
)

# ------------------------------------------------------------------ who sends, who is asked
# Who the subject of a send verb is (someone writing in, or the workflow itself) and a modal
# that makes another system the subject; read by ``engine.intent.entities``.

# --- Who sends, web pages, mail sent or received ---
#: "is set up to", "has been configured to", "is told to": the subject before it is set to
#: act by someone (another system made to call us), read past like a modal.
CONFIGURED_TO = (
    r"(?:is|are|was|were|been|gets?|got)\s+(?:already\s+|now\s+|also\s+)?(?:set ?up|set|"
    r"configured|wired(?: up)?|told|made|programmed)\s+to"
)
#: A modal right before a verb: another system is its subject ("our tool can send a webhook").
MODAL_BEFORE = re.compile(
    r"\b(?:(?:can|could|will|would|should|may|might)\s+(?:also\s+)?|"
    # "Typeform is set up to POST to a webhook": the app is configured to call us
    + CONFIGURED_TO
    + r"\s+)$",
    re.I,
)

#: The subject before a send verb, nearest first: someone other than the workflow writing in
#: ("customers can send photos to our Telegram") or the workflow itself ("the bot should email
#: support from Gmail", ``WORKFLOW_SUBJECT``).
SEND_SUBJECT = re.compile(
    r"(?:i|we|they|you|people|customers?|users?|members?|team|someone|anyone|everyone|guests?|"
    r"clients?|patients?|tenants?|employees?|staff|colleagues?|who|bot|ai|agent|assistant|"
    r"workflow|it|n8n|automation|llm|gpt|claude|gemini)",
    re.I,
)
#: The workflow itself as that subject (a bot, the AI, "it"): what it sends is its result.
WORKFLOW_SUBJECT = re.compile(
    r"(?:bot|ai|agent|assistant|workflow|it|n8n|automation|llm|gpt|claude|gemini)", re.I
)

# ------------------------------------------------------------------ schedules, more

#: A report named by the day it comes on ("a Friday report", "the Monday digest"; s12: "a
#: Monday read-out", "a Thursday rundown", "Sunday stats", "a Tuesday snapshot", "the Monday
#: memo", "a Wednesday reminder").
REPORT_AFTER_DAY = re.compile(
    r"\s+(?:report|digest|summary|recap|briefing|brief|newsletter|round-?up|wrap-?up|update|"
    r"check-?in|read-?out|run-?down|overview|snapshot|memo|reminder|roll-?up|bulletin|scorecard|"
    r"e-?mail|kpi)s?\b|\s+(?:summaries|stats|statistics|numbers|figures|metrics)\b",
    re.I,
)

# ------------------------------------------------------------------ core steps, more
#: A web page or a file at a URL is read: "scrape the site", "check if our website is up",
#: "open each link", "download the PDF at the URL" - an HTTP Request step, read by
#: ``engine.spec`` when no HTTP step is there yet.
FETCH_WEB_PAGE = re.compile(
    r"\b(check\w* (if |whether )?(my|the|our|a) (web ?site|site|url|page|endpoint|server)|"
    r"ping\w* (my|the|our|a) (web ?site|site|url|page|endpoint|server)|"
    r"fetch\w* (each|every|the) (web ?)?(page|url|link)s?|"
    r"monitor\w* (my|the|our|a) (web ?site|site|url|endpoint)|scrap\w+|crawl\w*|"
    r"open\w* (each|every|the) [\w ]{0,20}(link|url)s?|visit\w* (each|every|the) "
    r"[\w ]{0,20}(link|url|page)s?|"
    r"fetch\w* (the |their |its |a )?(web ?)?(page|site|website|html)|"
    r"download\w* (the |its |their )?(web ?)?(page|html)|"
    r"download\w* (the |a )?(file|pdf|image|document|attachment)s? (at|from) (the |a |its )?"
    r"(url|link)|"
    r"\b(url|link)s?\b[^.;]{0,60}?\bdownload\w* (it|them|the (file|pdf|image|document)s?))\b",
    re.I,
)

# ------------------------------------------------------------------ destinations, more
#: "E-mail" as the verb of a step, to someone: "then email ops the error message", "email the
#: team lead a status update", "and email it to legal@...", "emailed to the customer". Read with
#: ``BY_EMAIL`` by ``engine.offline.summary`` (a mail destination no step sends to yet).
MAIL_SOMEONE = re.compile(
    r"\be-?mail(?:ed)?\s+(?:(?:it|them|this|that|the\s+[\w-]+|a\s+[\w-]+)\s+)?(?:to\s+)?"
    r"(?:(?:the|our|my|their|its|each|every|all|a|an)\s+)?(?:[\w-]+\s+)?"
    r"(?:ops|operations|team|lead|manager|owner|admins?|support|sales|finance|accounting|legal|"
    r"hr|boss|customers?|clients?|users?|staff|person|people|requester|sender|applicants?|"
    r"candidates?|on-?call|everyone|members?|subscribers?|attendees?|assignee|reporter|"
    r"me|us|myself|him|her|[\w.+-]+@)|"
    r"\bsend\w*\s+(?:[\w-]+\s+){0,3}?(?:an?|the)\s+(?:[\w-]+\s+){1,3}?e-?mail\b(?!s|\s+address)|"
    r"\b(?:e-?)?mail(?:ed)?\s+(?:it|them|this|that|the\s+[\w-]+)\s+to\s+[\w.+-]+@|"
    # "... and email purchasing when ...": the verb where a step starts, then not a field of it
    r"(?:^|[,;:.!?(]\s*|\b(?:then|and|also|please|to|will|should|just|or|we|i)\s+)e-?mail\s+"
    r"(?!(?:address|addresses|field|column|list|template|domain|body|subject|thread|content|"
    r"draft|ids?|account|inbox|campaigns?|marketing|newsletters?|notifications?|alerts?|"
    r"reports?|updates?|and|or|from|with|in|on|that|which)\b)[\w@.+-]+",
    re.I,
)

# ------------------------------------------------------------------ steps asked in passing (HS3)
#: Words that turn "raw"/"as is" into what is not wanted: "NOT a raw data dump", "no raw JSON",
#: "instead of the raw payload" (read right before ``AS_IS``).
NOT_WANTED_BEFORE = re.compile(
    r"\b(not|no|never|don'?t|do not|without|instead of|rather than|nothing)\b[\w\s-]{0,12}$",
    re.I,
)
#: Words around "an e-mail" that make it one that comes in, not one sent: "a new email",
#: "when I get an email", "the email address", "an email arrives".
MAIL_COMES_IN = re.compile(r"\b(new|incoming|inbound|unread|received)\b", re.I)
#: Before "an e-mail": words of an event ("when I get", "each time", "reads"): a mail that comes
#: in.
MAIL_BEFORE_EVENT = re.compile(
    r"\b(when(ever)?|once|each time|every time|if|receiv\w*|gets?|got|reads?)\s+(\w+\s+){0,3}$",
    re.I,
)
#: After "e-mail": words that make it no mail sent ("address", "field", "arrives", "template",
#: "subject").
MAIL_NOT_SENT_AFTER = re.compile(
    r"^\s*(address(es)?|field|column|ids?|arriv\w*|comes? in|lands?|is received|from|"
    r"template|list|domain|drafts?|subject|body|signature|thread|content|copy)\b",
    re.I,
)
#: An e-mail asked for in the passive ("the summary gets emailed to the attendees", "have the
#: applicant emailed a confirmation", "should be mailed over to accounting") or with "mail" as
#: the verb ("mail the PM team the link", "mail me the totals").
MAILED = re.compile(
    r"\b(?:gets?|got|be|is|are|being|been)\s+(?:e-?)?mailed\b|"
    r"\bhave\s+(?:[\w-]+\s+){1,3}?e-?mailed\b|\b(?:e-?)?mailed\s+(?:over\s+|out\s+)?to\b|"
    r"\bmail\s+(?:me|us|them|him|her|(?:the|our|my|their|each|every|all)\s+[\w-]+)\b",
    re.I,
)
#: "the mail the customer sent", "each mail our inbox gets": "mail" as a noun (read right
#: before a ``MAILED`` match that starts with "mail").
MAIL_AS_NOUN = re.compile(
    r"\b(the|a|an|new|incoming|inbound|each|every|this|that|any|one|your|their|his|her|its|"
    r"our|my)\s+$",
    re.I,
)

# --- Files and attachments ---
#: The workflow's file: "the PDF", "the attachment", "a new doc in the folder", "the contract".
FILE_WORD = re.compile(
    r"\b(pdfs?|attachments?|attached|files?|documents?|docs?|contracts?|cvs?|r[eé]sum[eé]s?|"
    r"slides?|decks?|reports?)\b",
    re.I,
)
#: An attachment or a PDF named ("attachments", "attached", "pdfs"): a file to read.
ATTACHMENT_WORD = re.compile(r"\b(pdfs?|attachments?|attached)\b", re.I)
#: A PDF named: the file is read as PDF pages.
PDF_WORD = re.compile(r"\bpdfs?\b", re.I)
#: Files read as plain text (a Google Doc comes out of Drive as HTML, read as text).
TEXT_FILE_WORD = re.compile(
    r"\b(google docs?|docs?|text files?|txt|markdown|md files?|notes)\b", re.I
)
#: Files of rows, not prose: a table is read as items, not as one text for an AI step.
TABLE_FILE_WORD = re.compile(r"\b(csvs?|xlsx?|excel|spreadsheets?)\b", re.I)

# --- Keeping or dropping some of the items ---
#: Words that say which items are kept or dropped: a relative clause, a comparison, a mark.
_WHICH_WORDS = (
    r"(that|which|who|where|whose|with|without|over|above|under|below|more than|less than|"
    r"greater than|fewer than|higher than|lower than|at least|at most|older than|newer than|"
    r"not|marked|tagged|labell?ed|flagged|containing|mentioning|talking about|about|owned by|"
    r"assigned to|created by|sent by|from|>|<|=)"
)
#: One of _WHICH_WORDS as a whole word: what chooses the items a filter keeps or drops.
WHICH_ITEMS = re.compile(r"(?<!\w)" + _WHICH_WORDS + r"(?!\w)", re.I)
#: A verb that keeps some of the items ("only keep", "keep only", "just the ones that",
#: "filter them to"). With "keep"/"include" the qualifier may be an adjective ("only keep
#: valid mobiles"); with a verb that does something else, a qualifier must follow.
KEEP_SOME = re.compile(
    r"\b(?:only|just)\s+(?:keep|include|retain)\b|\b(?:keep|include|retain|process|take|pick)"
    r"\s+only\b|\bfilter\w*\s+(?:(?:them|it|the\s+\w+)\s+)?(?:to|for|down to|by|on)\b|"
    r"\b(?:only|just)\s+(?:(?:take|pick|grab|process|use|send|post|add|save|forward|import|sync|"
    r"want)\s+)?(?:the|those|any|ones)\s+(?:[\w'-]+\s+){0,3}?" + _WHICH_WORDS + r"(?!\w)",
    re.I,
)
#: A verb that drops some of the items, then which ones ("skip the ones where", "ignore any
#: without", "filter out deals under", "exclude tickets tagged").
DROP_SOME = re.compile(
    r"\b(?:skip|ignore|exclude|filter\w*\s+out|leave\s+out|weed\s+out|discard|drop)\s+"
    r"(?:(?:the|any|all|those|ones)\s+)?(?:[\w'-]+\s+){0,3}?" + _WHICH_WORDS + r"(?!\w)",
    re.I,
)
#: Items dropped because they were handled before: a de-duplication, not a condition.
HANDLED_BEFORE = re.compile(r"\b(already|duplicates?|dupes?|seen before|again|before)\b", re.I)


# --- Entities: apps, triggers and AI named in a request (engine.intent.entities) ---
#: A web address or an e-mail address: masked before names are read, so "docs.slack.com" or
#: "ann@notion.so" names no app (possessive quantifiers keep it linear).
URL_OR_EMAIL = re.compile(
    r"\b(?:https?://|www\.)\S++|(?<![\w.+\-])[\w.+\-]++@[\w\-]++(?:\.[\w\-]++)+", re.I
)
#: Nouns that make an ambiguous name ("notion", "teams", "box") an app when they follow it ("Notion
#: database", "Teams channel").
APP_NOUNS = frozenset(
    "database db databases page pages board boards card cards task tasks api node account "
    "workspace channel channels table tables doc docs file files folder base list lists trigger "
    "credential credentials integration app message messages chat calendar project projects "
    "issue issues ticket tickets sheet inbox mailbox email emails row rows record records "
    "bucket repo repository site blog post posts contact contacts bot bots chatbot chatbots "
    "assistant agent crm erp helpdesk desk store shop account accounts event events "
    "calendar calendars appointment appointments booking bookings deal deals opportunity "
    "opportunities lead leads order orders invoice invoices responder responders autoresponder "
    "autoresponders helper helpers room rooms space spaces video videos".split()
)
#: Words between an ambiguous name and its app noun ("o365 shared mailbox", "Box team folder").
NAME_MODIFIERS = frozenset("shared team company main".split())
#: Prepositions before an ambiguous name that make it the app something happens in ("post it in
#: teams", "save to notion").
APP_PREPOSITIONS = frozenset("in into to from via on with using through onto".split())
#: A tool named as what someone uses, then what for ("we use linear for bugs", "using box to
#: share files", "we're on copper as our CRM"); "use linear regression" names no app.
USE_VERBS = frozenset("use uses using used".split())
#: What follows a used tool ("we use linear for bugs", "as our CRM", end of text): with USE_VERBS
#: before it, the name is the app.
PURPOSE_AFTER_USE = frozenset(("for", "to", "as", "and", ""))
#: Prepositions that put something inside an app ("on drive", "in drive").
CONTAINER_PREPOSITIONS = frozenset("in into on onto from".split())
#: After an ambiguous name, these make it the everyday word ("the notion of", "teams that").
EVERYDAY_AFTER = frozenset("of that which".split())
#: A describing suffix joined to a name with a hyphen ("Telegram-based", "GPT-powered"); not
#: a likeness ("a WhatsApp-style message", "a sentry-like error" name no app).
COMPOUND_SUFFIX = re.compile(r"-(?:based|powered|driven|hosted|native|only|enabled)$", re.I)
#: "bot" joined to an app's name ("slackbot", "telegrambot").
JOINED_BOT = re.compile(r"-?bots?$", re.I)
#: Words between a container preposition and a short app name ("into our shared drive").
OWNED_PLACE = frozenset({"our", "my", "the", "shared", "team", "company"})
#: A model id written as one token ("gpt-4o", "claude-3-5-sonnet", "gemini-2.5-flash"): its vendor,
#: at the start.
MODEL_ID_VENDOR = re.compile(
    r"^(chatgpt|gpt|claude|gemini|mistral|deepseek|qwen|grok|llama)"
    r"(?=\d|turbo|pro|flash|nano|ultra|sonnet|opus|haiku|instant|large|small|medium|nemo|r1|v3|"
    r"chat|coder|o$)"
)
#: A model named after its vendor ("gpt-4o-mini", "Claude Sonnet 4", "gemini 2.5 flash"): the model
#: to set on the chat model node.
MODEL_NAME = re.compile(
    r"\b(gpt-?[0-9][\w.\-]*|o[134](?:-mini|-pro)?|claude[\s-](?:[0-9][\w.\-]*|(?:sonnet|opus|haiku)"
    r"(?:[\s-][0-9][\w.]*)?)|(?:sonnet|opus|haiku)[\s-][0-9][\w.]*|gemini[\s-][0-9][\w.\-]*"
    r"(?:[\s-](?:flash|pro|lite)(?:-lite)?)?|llama[\s-]?[0-9][\w.\-]*|mistral[\s-](?:large|small|"
    r"medium|tiny)[\w.\-]*|deepseek[\s-](?:r1|v3|chat|coder)[\w.\-]*|qwen[\w.\-]*[0-9][\w.\-]*)",
    re.I,
)
#: Where a trigger clause ends: punctuation, an arrow, "then", or "and" + an order ("and send");
#: narrower than OPENING_END (no modal).
TRIGGER_CLAUSE_END = re.compile(
    r"->|\u2192|=>|[,;:.!?](?:\s|$)|\n|\bthen\b|"
    r"\band\s+(?:then\s+)?(?:send|post|add|create|save|notify)\b",
    re.I,
)
#: Words that open an app event clause ("when", "whenever", "as soon as", "on every new", "listen
#: for", a line opening with "new").
APP_EVENT_OPENER = re.compile(
    rf"\b(?:when(?:ever)?|whenver|{ONCE_EVENT}|as soon as|each time|every time|upon|consume|"
    r"any ?time(?=\s+(?:a|an|someone|somebody|anyone|anybody|one of|the|my|our|we|i|you|people|"
    r"customers?|clients?|users?)\b)|"
    r"the (?:moment|minute|instant|second)(?: that)?|"
    r"listen(?:s|ing)? (?:to|for)|(?:triggered|kicked off|started|fired|set off) by|watch|"
    r"monitor|if\s+(?:a|an)\s+new|on\s+(?:each\s+|every\s+|a\s+)?new|"
    r"on\s+(?:any|every|each)\s+(?:new\s+)?(?:event|change|update|activity|push|commit)s?|"
    r"if\s+(?:someone|somebody|anyone|anybody|a\s+(?:user|customer|client|member|visitor|"
    r"teammate|colleague|lead|contact|subscriber)))\b"
    r"|(?:^|(?<=[,.;:>\n]))\s*(?:an?\s+)?new\b",
    re.I,
)
#: The workflow starts from a call to it: a webhook, an endpoint it exposes, an HTTP POST it
#: receives, a slash command.
WEBHOOK_START = re.compile(
    r"\b(?:webhooks?|web hook|incoming (?:http|api|post) (?:request|call)s?|api endpoint|"
    r"http endpoint|receives? an? (?:post|get|http|api) (?:request|call)|"
    # "Respond to HTTP requests from our frontend with ...": the requests come to the workflow
    r"(?:respond|reply|answer)s? to (?:incoming )?(?:http|api|post|get|web) (?:requests?|calls?)|"
    r"(?:triggered|started|kicked off|called) (?:by|via|through|from|with) an? (?:api|http|rest) "
    r"(?:call|request)|on (?:an? |each |every )?(?:api|http) (?:call|request)|"
    r"when (?:our|my|the|an?) (?:[\w.-]+ )?(?:app|backend|server|system|service|website|site|"
    r"frontend|platform|crm|erp|tool) (?:calls|posts|sends|hits|pings)|"
    r"(?:build|create|make|expose|set up) (?:a |an |our |my )?(?:(?:small|simple|tiny|rest|http|"
    r"json|public|internal) )*api\b(?! (?:key|token|call|request|integration|connection|client))|"
    r"(?:get|post|put|delete|patch) /[\w{:-][\w{}:/.-]*|slash commands?|callback urls?|"
    # "Expose /api/leads", "serve /hooks/orders": a path the workflow answers on
    r"(?:expose|serve|offer|open)\s+(?:an?\s+)?/[\w{:-][\w{}:/.-]*|"
    r"(?:accept|receive|ingest|collect)s?\s+(?:[\w-]+\s+){0,6}?(?:over|via|through)\s+"
    r"(?:http|https|post requests?|rest)\b|"
    r"(?:an?|the|one) (?:url|endpoint|address) (?:(?:that |which )?(?:i|we|they|you|it|"
    r"(?:our|my|the|their) (?:[\w.-]+ ){0,2}?[\w.-]+|[A-Z][\w.-]+) )?"
    r"(?:can |will |could |should |would )?(?:post|send|call|hit|submit|ping|notify)|"
    r"(?:posts?|sends?|pushes|push|calls?|will (?:post|send|push|call))\s+"
    r"(?:\w+\s+){0,3}?(?:to|into)\s+(?:n8n|(?:this|our|my|the) (?:workflow|automation))|"
    r"(?:posts|sends|pushes|calls|will (?:post|send|push|call))\s+(?:[\w'-]+\s+){0,3}?to\s+us\b|"
    r"(?:calls?|hits?|pings?|will (?:call|hit|ping))\s+(?:our\s+)?n8n\b(?! api)|"
    # the workflow's own address named ("our n8n URL", "this workflow's endpoint"), not
    # another workflow's ("the onboarding workflow's webhook" is called by this one)
    # after a call, a registration or "to" - "send our n8n URL to each lead" sends it as content
    r"\b(?:to|at|into|registered|register|added|entered|pasted|configured|calls?|hits?|pings?)"
    r"\s+(?:our|my|an?|the) n8n (?:webhook )?(?:url|endpoint|address|link)|"
    r"\b(?:to|at|into|calls?|hits?|pings?)\s+this (?:workflow|automation)'?s? (?:webhook )?"
    r"(?:url|endpoint|address)|"
    r"(?:set up|expose|create|give me|provide|open|add|build|make) "
    r"(?:an?|our|my|the) (?:(?:public|http|https|rest|post|simple|small|api|new) )?endpoint|"
    # a call coming in, said without "webhook": "our ERP posts JSON to an n8n URL", "Endpoint
    # for our mobile app: ...", "a catch hook", "take the POST", "HTTP POST from our sensors"
    r"(?:posts?|sends?|pushes|push|calls?)\s+(?:[\w'-]+\s+){0,3}?to\s+(?:an?|our|my|the)\s+"
    r"(?:n8n\s+|own\s+)?(?:url|endpoint|address|hook)|"
    r"^\s*(?:an?\s+|our\s+|the\s+)?(?:[\w-]+\s+)?endpoint\s*(?:for|that|which|where|:)|"
    r"catch ?hooks?|"
    # "an inbound HTTP hook", "listen for incoming requests", "Twilio's status callbacks"
    r"(?:inbound|incoming|http) (?:http )?hooks?|"
    r"(?:listen(?:s|ing)? (?:for|to)|accepts?) incoming requests(?! (?:by|via|over|in) )|"
    r"(?:status|delivery|event|payment) callbacks|"
    r"(?:take|takes|receive|receives|accept|accepts|catch|catches)\s+(?:the|an?|each|every|"
    r"incoming)\s+(?:(?-i:POST)|http (?:post|request)|post request|payload)|"
    r"(?:(?:an?|the|http)\s+)(?-i:POST)s?\s+(?:request\s+)?from|http post(?:s|ed)?\s+from)\b",
    re.I,
)
#: Before an app named right before "webhook" ("posted to our Slack webhook", "send it to the
#: Teams incoming webhook"): that app's incoming webhook, an address the workflow sends to.
SENT_TO_BEFORE_APP_HOOK = re.compile(
    r"\b(?:to|into|at|via|through)\s+(?:(?:our|the|a|an|my|their|your)\s+)?$", re.I
)
#: Right after an app's name, the app's own webhook ("Slack webhook", "Teams incoming webhook").
APP_OWN_HOOK = re.compile(r"\s*(?:'s\s+)?(?:(?:incoming|inbound)\s+)?web ?hooks?\b", re.I)
#: An app that notifies an endpoint of ours ("when Stripe notifies my endpoint about ..."):
#: read in the request's first clause only - later, "a tool that calls our endpoint" is an
#: HTTP request the workflow makes.
NOTIFIES_OUR_ENDPOINT = re.compile(
    r"\b(?:notifies|posts|sends|will (?:notify|post|send))\s+(?:\w+\s+){0,3}?(?:to\s+|at\s+)?"
    r"(?:my|our) (?:n8n |own )?(?:endpoint|callback url|webhook url)\b",
    re.I,
)
#: The workflow calls a webhook or endpoint itself ("send a webhook", "call our internal
#: webhook", "by calling POST /import"): a request it makes, not a start - not "our n8n
#: webhook", which is the workflow's own.
CALLS_A_WEBHOOK = re.compile(
    r"\b(?:send|call|post to|hit|trigger|ping|fire)\s+(?:(?:a|an|the|our|my)\s+"
    r"(?:(?!(?:via|by|through|from|with|on|when|if|n8n)\b)[\w.-]+\s+){0,2}?)?webhooks?\b|"
    # "by calling POST /import": a request the workflow makes
    r"\b(?:call|calls|calling|hit|hits|hitting|send|sends|sending|make|makes|making|fire|"
    r"fires|firing)\s+(?:an?\s+)?(?:get|post|put|delete|patch)\s+(?:request\s+)?(?:to\s+)?/|"
    + CALLS_ENDPOINT.pattern,  # "call the weather API endpoint": a request the workflow makes
    re.I,
)
#: The workflow starts from a form submission ("when the signup form is submitted", "an n8n form",
#: "Form: ...").
FORM_START = re.compile(
    r"\b(?:n8n form|form trigger|form (?:is |gets )?submi\w*|(?:submits?|fills?(?: out| in)?|"
    r"completes?) (?:a|the|our|my|an?)\s+(?:\w+\s+){0,2}form|"
    r"(?:web|signup|sign-up|sign up|contact|feedback|intake|registration|order|request|lead|"
    r"application|survey|booking|upload|onboarding|waitlist|quote) form|"
    r"form (?:where|that|to|for|with|asking)|(?:via|through|from|using) (?:a|an|the|our|my) form|"
    r"^\s*form\b|\bform\s*[:(]|\b(?!(?:the|a|an|what|which|this|that|any|some|in|of|no|same|each|every|one|"
    r"right|correct|proper|short|long|its|their|written)\b)\w+ form\b"
    r"(?! (?:of|field|fields|data|submission|does|is|was|looks))|"
    r"\bforms? (?:submission|entry|entries|response))",
    re.I,
)
#: The workflow starts from a chat ("a chatbot", "chat with the agent", "answers our website
#: chat"): the chat trigger.
CHAT_START = re.compile(
    r"\b(?:chat ?bot|chat (?:interface|ui|widget|window|trigger|assistant|app)|"
    r"(?:chat|talk) (?:with|to) (?:it|the bot|an? (?:ai|agent|assistant|bot))|"
    r"when (?:a|someone|the user|users?) (?:chats|sends a chat message)|"
    r"chat on (?:my|our) (?:website|site)|^\s*chat\b|hosted chat|public chat|n8n(?:'s)? chat\b|"
    r"\bin (?:the |a )?chat\b|\bchat\s*:|\b(?:want|like) to chat\b|\b(?:multi-agent|ai) chat\b|"
    r"(?:\ban?\s+|^\s*)(?:[\w-]+\s+){0,2}chat (?:where|that|which|for|agent)\b|\bchat agent\b|"
    # "an AI agent that answers website chat", "handles our live chat"
    r"(?:answer|handl|run|power|reply to|respond to)\w*\s+(?:the\s+|our\s+|my\s+)?"
    r"(?:website|web ?site|site|web|live|support)\s+chats?\b)",
    re.I,
)
#: The workflow is called by another one ("called by another workflow", "as a sub-workflow"): the
#: Execute Workflow trigger.
SUBWORKFLOW_START = re.compile(
    r"\b(?:(?:called|triggered|executed|started|run) (?:by|from) (?:another|other|a parent|"
    r"the parent|my other|other) workflows?|as a sub-?workflow|"
    r"sub-?workflow (?:that|which) (?:takes|receives|gets)|"
    r"execute workflow trigger|^\s*sub-?workflow|(?:from|by) the parent workflow)\b",
    re.I,
)
#: A preposition and determiner just before an app name ("in the", "into our"): the app is a place,
#: inside a trigger clause.
IN_A_PLACE_BEFORE = re.compile(r"\b(?:in|into|to|on)\s+(?:a|an|the|my|our)?\s*$", re.I)
#: (HMO5) The app named as the place something is put in, changed in or taken from ("... to our
#: <Mailjet> list", "remove them from the <Mailjet> list"), not as the means ("... through
#: <Twilio>"): see ``node_gaps._kept_by_a_sender``.
APP_AS_A_PLACE = re.compile(
    r"\b(?:in|into|to|on|onto|from)\s+(?:(?:a|an|the|my|our|your|their)\s+)?$", re.I
)
#: A verb that brings a message to the receiver named right after it ("Calendly emails my",
#: "a booking email reaches our", "an alert hits the"): before an app that receives messages,
#: the app is where the message arrives (the sender is another app or a person).
MESSAGE_REACHES_BEFORE = re.compile(
    r"\b(?:reach(?:es|ed)?|hits?|e-?mail(?:s|ed)|mails|messages|texts)\s+"
    r"(?:a|an|the|my|our)?\s*$",
    re.I,
)
#: "GitHub push trigger", "WhatsApp trigger" - not "Netlify site and trigger a redeploy" (a
#: verb: after "and"/"then"/"to", or with an object after it).
NAMED_TRIGGER_AFTER = re.compile(
    r"\s+(?:(?!(?:and|or|then|to)\b)[\w\-]+\s+){0,2}?trigger\b"
    r"(?!\s+(?:a|an|the|it|this|that|my|our|their|its|some|another)\b)",
    re.I,
)
#: The workflow is an MCP server (its tools are offered to an MCP client): the MCP Server trigger.
MCP_SERVER = re.compile(r"\bmcp server\b", re.I)
#: Verbs of an action the workflow takes (send, create, add, update ...): where an event clause
#: gives way to the orders.
ACTION_VERB = re.compile(
    r"\b(?:send|create|add|notify|write|save|upload|forward|reply|update|append|insert|ping|"
    r"share|publish|store|put|move|copy)\b",
    re.I,
)
#: The workflow starts from new RSS feed items ("new posts in the RSS feed", "when my RSS ..."):
#: the RSS trigger.
RSS_START = re.compile(
    r"\b(?:new (?:\w+\s+){0,2}(?:in|on|from) (?:the |my |our |an? )?rss|rss feed trigger|"
    r"when (?:my|the|our|an?) rss)",
    re.I,
)
#: An API marked as reached over HTTP in brackets ("SerpAPI (http)", "(via REST)"): the HTTP
#: Request node.
HTTP_IN_PARENS = re.compile(
    r"\((?:[\w.:/-]+\s+(?:via|over|through)\s+|via\s+)?(?:http|https|http request|rest|"
    r"graphql)(?:\s+requests?)?\)",
    re.I,
)
#: A capitalised name before "API" ("the BuiltWith API", "OpenWeather REST API"): an API reached
#: with the HTTP Request node.
NAMED_API = re.compile(
    r"\b([A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*){0,3})\s+(?:REST\s+|public\s+|data\s+)?API\b"
)
#: AI named without a vendor ("an AI agent", "LLM", "gen AI"): an AI step with no vendor chosen.
GENERIC_AI = re.compile(
    r"\b(?:ai agent|ai|llm|large language model|language model|gen ?ai|artificial intelligence)\b",
    re.I,
)
#: Between "every message" and the app it is on: "in our", "posted to the", "from my".
MESSAGES_ON_PLACE = re.compile(
    r"\s+(?:in|on|from|of|posted (?:in|to)|sent (?:in|to))\s+(?:(?:my|our|the|a|an)\s+)?", re.I
)
#: Verbs of sending the workflow's own output (beside ``ACTION_VERB``).
SEND_OUTPUT_VERB = re.compile(r"\b(?:e-?mail|mail|text|dm|message|post|alert|tweet)s?\b", re.I)
#: What comes before a quoted value of a field ("set the status to 'Scheduled'", "tagged
#: 'weekly'", "a column named 'Daily'") - read up to the quote.
FIELD_VALUE_BEFORE = re.compile(
    r"(?:\bto|\bas|=|:|\bnamed|\bcalled|\btitled|\blabell?ed|\btagged|\bstatus|\bstage|"
    r"\bcolumn|\bfield)\s*$",
    re.I,
)
#: A determiner opening a noun phrase (where a passive order's subject starts).
DETERMINER = re.compile(r"\b(?:the|a|an|our|my|their|its|his|her|your)\b", re.I)
#: A weak event opener that reads records in a loop ("for every file that was added ...").
FOR_EACH_LOOP = re.compile(r"for\s+(?:each|every|any|all)\b", re.I)
#: A period records are read over ("last month", "this week", "yesterday").
TIME_WINDOW = re.compile(
    r"\b(?:(?:last|this|past|previous|current)\s+(?:\d+\s+)?(?:day|week|month|quarter|year|"
    r"sprint)s?|yesterday|today|so far|of the (?:day|week|month))\b",
    re.I,
)
#: Where the opening of a request ends: a clause mark, an arrow, or the order after a modal.
OPENING_END = re.compile(
    r"->|\u2192|=>|[,;:.!?](?:\s|$)|\n|\s(?:should|must|will|then|and then)\s", re.I
)
#: A participle, any verb, then where it happened ("Due date changed on a Trello card?",
#: "row removed from the Airtable base"): a record's change said bare in the opening.
PARTICIPLE_THEN_PLACE = re.compile(
    r"\b[a-z]{3,}(?:ed|en)\s+(?:on|in|at|from|within|inside)\s+(?:(?:a|an|the|my|our)\s+)?", re.I
)
#: An app's name heading the request ("ClickUp: ...", "Jira - ...").
APP_HEADER_TAIL = re.compile(
    r"\s*(?:(?:crm|app|erp|helpdesk|store|shop)\s*)?"
    # the place in the app, named: "Asana project 'Launch': ...", "Notion db Leads - ..."
    r"(?:(?:project|board|base|db|database|table|workspace|inbox|mailbox|account|repo|"
    r"repository|channel|list|folder|pipeline|sheet|calendar|form|space)\s*"
    r"(?:['\"\u2018\u201c`][^'\"\u2019\u201d`\n]{1,40}['\"\u2019\u201d`]|[\w./-]+)?\s*)?"
    r"(?:[:\-\u2013\u2014.]\s+|,\s*)",
    re.I,
)
#: The record between an app's name and its change of state: up to four words, none a modal
#: or an event word ("issue", "pull request on our repo"; not "will hit our webhook when").
RECORD_BEFORE_CHANGE = re.compile(
    r"(?:\s*(?!(?:will|would|should|can|could|must|when|whenever|if|once|then|and|or)\b)"
    r"[\w'\u2019-]+){0,4}\s*",
    re.I,
)
#: Words that end a name read backwards from "(http)" ("via SerpAPI (http)" -> "SerpAPI").
NAME_STOP_BEFORE = frozenset(
    "via with the from to using through a an and or of in on for my our their its by".split()
)
#: Words before an app that take it away ("instead of Slack", "remove the Gmail", "stop using"):
#: the app is not wanted.
REMOVED_BEFORE = re.compile(
    r"(?:instead of|rather than|not|no need for|no more|without|remove|drop|delete|get rid of|"
    r"replace|swap|switch|change|stop using|move (?:away )?from)\s+(?:the\s+|my\s+|our\s+)?"
    r"(?:\w+\s+)?$",
    re.I,
)
#: Words that may open a request before the app an event happens in ("In Notion when ...").
IN_APP_OPENING = re.compile(r"^\s*(?:(?:over\s+)?in|on|inside|within)\s+(?:our\s+|my\s+)?$", re.I)
#: Between a failing run and the app it runs in ("a workflow run fails in GitHub Actions").
IN_APP_AFTER_RUN = re.compile(r"\s+(?:in|on|at|inside|within)\s+(?:the\s+|our\s+|my\s+)?", re.I)
#: The webhook named as the node to use ("use a Webhook node", "with the Webhook trigger").
WEBHOOK_NODE_NAMED = re.compile(
    r"\b(?:use|using|with|via|through)\s+(?:a|an|the|n8n'?s)\s+webhook\s+"
    r"(?:node|trigger)\b",
    re.I,
)
#: The user says they start it themselves ("I'll run it", "I will run it myself").
SAYS_I_RUN_IT = re.compile(r"\bi(?:'ll| will)\b|\bmyself\b", re.I)
#: "trigger" as a word naming a trigger node ("Gmail Trigger", "chat trigger"); "triggered by"
#: says what starts it, not which node.
TRIGGER_WORD = re.compile(r"\btrigger\b")
#: (HT6) Something sent to an address of ours ("POST their readings as JSON to a URL", "push
#: each scan to an endpoint", "fires events at our URL"): with someone else as the subject, a
#: webhook the workflow offers.
SENDS_TO_ADDRESS = re.compile(
    # the workflow itself as the address ("our Next.js frontend calls the workflow with a
    # prompt", "our Zapier zap hands leads over to n8n")
    r"\b(?:calls|hits|pings|invokes)\s+(?:this|the|our|my)\s+(?:n8n\s+)?(?:workflow|automation)\b|"
    r"\bhand(?:s|ing)?\s+(?:[\w-]+\s+){0,3}?over\s+to\s+n8n\b|"
    # the asker's side as the object ("other systems hit us with JSON events")
    r"\b(?:hit(?:s|ting)?|ping(?:s|ing)?)\s+us\b|"
    # (the participles too: "each time a reading is pushed to our URL")
    r"\b(?:post(?:s|ed|ing)?|send(?:s|ing)?|sent|push(?:es|ed|ing)?|hit(?:s|ting)?|"
    r"call(?:s|ing)?|fire(?:s|d)?|forward(?:s|ed|ing)?|ping(?:s|ing)?|report(?:s|ing)?|"
    r"deliver(?:s|ed|ing)?|submit(?:s|ting)?|triggers|notif(?:y|ies|ying)|redirect(?:s|ing)?)\b"
    # within the verb's clause: in "someone submits the form, the data is sent to our CRM
    # endpoint" the one who submits sends nothing to the endpoint
    # (a dot inside a name - "POSTs invitee.created to n8n" - ends no clause)
    r"(?:[^.,;:!?\n]|\.(?=\w)){0,40}?"
    # to an address of ours ("POST their readings to a URL", "pings our URL", "hits our
    # callback URL"), or by HTTP ("send readings via HTTP POST", "reports over HTTP to n8n",
    # "sends each check-in as a POST request")
    # ("to" or a determiner first: in "the post URL" the verb's spelling is a noun's)
    r"(?:\b(?:(?:to|at)\s+(?:(?:a|an|our|my|the|this|that|some)\s+)?|"
    r"(?:a|an|our|my|the|this|that|some)\s+)(?:[\w-]+\s+){0,2}?"
    r"(?:url|endpoint|webhook|address|callback|listener)\b|"
    # to the asker's side ("fires a web request to us", "an HTTP target on our side", "a
    # Zapier zap forwards leads to n8n")
    r"\b(?:to|at)\s+(?:us|n8n)\b(?!\s+(?:api|node|docs?|community|forum|cloud)\b)|"
    r"\bon our (?:side|end)\b|"
    # a web request with no address said ("our smart doorbell sends an HTTP request on every
    # ring"), unless it names another one ("... an HTTP request to Stripe")
    r"\ban?\s+(?:http|https|web|api|rest)\s+(?:request|call)s?\b"
    r"(?!\s+(?:to|at)\s+(?!us\b|n8n\b|(?:our|my)\b))|"
    r"\b(?:via|over|by|as|using|with|through)\s+(?:an?\s+)?(?:https?\b|(?-i:POST)\b|"
    r"post requests?\b))",
    re.I,
)
#: "to us" followed by the channel things come by ("to us over WhatsApp", "to us on a
#: Typeform", "to us by email", "to us as attachments"): with an app or a mail word right
#: after it (``TO_US_BY_MAIL``), that channel is the start, not an address of ours.
TO_US_THROUGH = re.compile(
    r"\s+(?:over|via|by|on|in|through|using|with|as)\s+(?:(?:an?|our|the|their)\s+)?", re.I
)
#: Mail words after "to us <by|as|in> ..." ("by email", "as attachments", "in CSV files").
TO_US_BY_MAIL = re.compile(
    r"(?:e-?mails?|mail|post|letters?|phone|sms|texts?|attachments?|csv|pdfs?|files?)\b", re.I
)
#: An "address" that is a web one ("our server address", "the callback address"); a bare
#: "address" a message is sent to is as often a mail address ("to our support address").
WEB_ADDRESS_SAID = re.compile(
    r"\b(?:web|http|https|ip|server|callback|n8n|webhook|url)\s+address\b", re.I
)
#: Where the words of a clause begin: what precedes a word is read back to there (who sends
#: to an address, what precedes "new").
CLAUSE_START_MARK = re.compile(r"[,.;:!?\n(]|->|\u2192")
#: (HT6) The word before a verb that makes the workflow (or its owner) the one doing it: the
#: asker, a modal, "to", a joining word, a part of the workflow ("a tool that calls") - not a
#: device or another system ("the scanners hit").
OUR_SIDE_BEFORE = re.compile(
    r"(?:^|\s)(?:i|we|you|us|to|then|and|please|pls|will|would|should|can|could|must|also|just|"
    r"bot|ai|agent|assistant|workflow|it|n8n|automation|llm|gpt|claude|gemini|tool|node|step)"
    # "an HTTP request tool that calls our endpoint": the workflow's own part as the subject
    r"(?:\s+(?:that|which))?\s*$",
    re.I,
)

#: Before a send, a named system's own automation ("Jira Cloud automation calls our URL", "the
#: HubSpot workflow posts to ..."): a capitalised name, not a determiner, before the part word -
#: another system's part, where ``OUR_SIDE_BEFORE`` reads "automation" as the workflow's own.
OTHERS_PART_BEFORE = re.compile(
    r"(?<![\w.])(?!(?:The|Our|My|This|That|Your|Their|Its|An?|Then|And|Also|Just|Please)\b)"
    r"[A-Z][\w.-]*(?:'s)?\s+(?:(?-i:[A-Z])[\w.-]*\s+)?(?:automations?|workflows?|flows?|zaps?|"
    r"rules?|integrations?|subscriptions?)\s*$"
)
#: Modals (and "'ll") ending the words before a send, read past to the sender: "Pipedrive will
#: POST deal updates ..." is Pipedrive's send, "we will post ..." ours.
MODAL_TAIL = re.compile(
    r"(?:'ll|\s+(?:will|would|should|can|could|may|might|shall)(?:\s+(?:also|then|just|"
    r"always|usually|automatically|now))?|"
    # "Stripe is configured to send events to this URL": Stripe's send, set up by someone
    r"\s+(?:has\s+|have\s+)?" + CONFIGURED_TO + r")\s*$",
    re.I,
)
#: A passive right before a send ("the data is sent to ...", "answers get posted to ..."): no
#: sender is named, so the send is the workflow's, unless an agent follows (``BY_AGENT_AFTER``).
PASSIVE_SEND_BEFORE = re.compile(
    r"\b(?:is|are|was|were|be|been|being|gets?|got)\s+(?:\w+ly\s+)?$", re.I
)
#: The words before a send that make it one the request orders (read from its clause's start,
#: modals dropped): none but joining words ("send the rows to ...", "then push them to ..."), or
#: the asker as its subject ("we post the totals to ...", "I want to send it to ..."). Unlike
#: ``OUR_SIDE_BEFORE`` no noun counts: "HubSpot's workflow tool sends a webhook to n8n".
ORDERED_SEND_BEFORE = re.compile(
    r"\s*(?:(?:and|then|so|please|pls|also|just|now)\s+)*(?:(?:i|we|you)\b.*)?", re.I | re.S
)
#: A determiner right before a send verb: the verb is a noun ("the report from the URL", "every
#: POST hitting my webhook", "the call summary our webhook sends"). Not "that", which as often
#: opens a relative clause ("a target that calls a URL of ours").
SEND_AS_NOUN_BEFORE = re.compile(
    r"\b(?:the|a|an|my|our|your|their|its|this|each|every|any)\s+$", re.I
)
#: The words before a verb end on a joint ("... and ", "..., then "): the verb is a second
#: one of the same subject.
JOINED_END = re.compile(r"\b(?:and|then|and then)\s+$", re.I)
#: The agent of a passive send, named after it ("... is posted to our URL by Shopify"): not
#: the asker's hand nor the workflow.
BY_AGENT_AFTER = re.compile(
    r"\bby\s+(?!hand\b|me\b|us\b|(?:the\s+|this\s+)?(?:workflow|automation|n8n)\b)\w", re.I
)
#: An address that is the workflow's own ("our n8n URL", "the workflow's endpoint", "this
#: automation's webhook", a bare "a webhook"): whoever sends there, the workflow is called.
#: ``ADDRESS_WE_GIVE``: the same said after the address ("to a webhook URL I give it", "the
#: endpoint we expose").
WORKFLOWS_OWN_ADDRESS = re.compile(
    r"\b(?:n8n|workflow'?s?|automation'?s?)\s+(?:[\w-]+\s+)?(?:url|endpoint|webhook|address|"
    r"hook|callback)|"
    # "POST a topic to a webhook: ...": a webhook no one owns is n8n's node
    r"\b(?:to|at)\s+an?\s+webhook$",
    re.I,
)
#: After an address, who gives it out: the asker or n8n ("a webhook URL I give it", "the
#: endpoint we expose", "a URL n8n provides"): the workflow's own address.
ADDRESS_WE_GIVE = re.compile(
    r"(?:\s+(?:url|endpoint|address))?\s+(?:(?:that|which)\s+)?(?:i|we|n8n)\s+(?:(?:will|'ll|can)\s+)?(?:give|provide|expose|"
    r"set up|create|host|share|hand)\w*\b",
    re.I,
)

# --- Schedules: when a workflow runs (engine.intent.schedule) ---
#: Weekday names and abbreviations -> n8n Schedule Trigger numbering (0 = Sunday ... 6 = Saturday).
WEEKDAY_NUMBERS: dict[str, int] = {
    "sunday": 0, "sun": 0, "monday": 1, "mon": 1, "tuesday": 2, "tue": 2, "tues": 2,
    "wednesday": 3, "wed": 3, "thursday": 4, "thu": 4, "thur": 4, "thurs": 4, "friday": 5,
    "fri": 5, "saturday": 6, "sat": 6,
}  # fmt: skip
#: A weekday name or abbreviation ("monday", "tues", "thurs"), as a regex fragment.
WEEKDAY_NAME = (
    r"(?:sunday|monday|tuesday|wednesday|thursday|friday|saturday|sun|mon|tues?|wed|thu(?:rs?)?|"
    r"fri|sat)"
)
#: Counts said in words in "every N units" ("every two hours", "every other week" = 2).
SCHEDULE_COUNT_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "ten": 10,
    "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "other": 2, "couple": 2, "few": 3,
}  # fmt: skip
#: Time units as written ("mins", "hr", "h", "weeks") -> the schedule interval they name.
SCHEDULE_UNITS = {
    "min": "minutes", "mins": "minutes", "minute": "minutes", "minutes": "minutes",
    "hr": "hours", "hrs": "hours", "hour": "hours", "hours": "hours", "h": "hours",
    "day": "days", "days": "days", "week": "weeks", "weeks": "weeks", "month": "months",
    "months": "months",
}  # fmt: skip
#: Parts of the day -> the hour a daily run takes ("every morning" 8:00, "at dusk" 19:00).
PART_OF_DAY_HOURS = {
    "morning": 8, "noon": 12, "midday": 12, "lunchtime": 12, "lunch": 12, "afternoon": 15,
    "evening": 18, "night": 22, "midnight": 0, "dawn": 6, "sunrise": 6, "dusk": 19, "sunset": 19,
}  # fmt: skip
#: A part of the day said next to a clock time without am/pm ("each night at 11", "every evening
#: at 7", "tonight at 9", "weekday afternoons at 3"): which half of the day the hour is in.
PART_OF_DAY_WORD = re.compile(
    r"\b(mornings?|afternoons?|evenings?|nights?|nightly|tonight|overnight)\b", re.I
)
#: How far (characters) a part of the day may stand from the clock time it qualifies.
PART_OF_DAY_REACH = 30
#: Hours of the night below this are its small hours ("each night at 2" is 02:00, "at 11" 23:00).
SMALL_HOURS_END = 5
#: A time said with its meridiem or a word that fixes it ("7pm", "8 a.m.", "at noon", "6 in the
#: evening", "1 at night").
SAID_MERIDIEM = re.compile(
    r"[ap]\.?m\b|\bnoon\b|\bmidnight\b|\bmidday\b|\blunch(?:time)?\b|\bin the\b|\bat night\b", re.I
)
#: An interval with a count ("every 15 minutes", "each other week", "every half hour", "every
#: couple of hours", "every few days"; "evry" typo included).
EVERY_N_UNITS = re.compile(
    r"\b(?:every|evry|evey|each|once every)\s+(\d{1,3}|a|an|one|two|three|four|five|six|ten|"
    r"twelve|fifteen|twenty|thirty|other|couple of|few|half an?|half|quarter of an?|quarter)?\s*"
    r"(mins?|minutes?|hrs?|hours?|h|days?|weeks?|months?)\b",
    re.I,
)
#: A schedule said without a count ("hourly", "nightly", "twice a day", "in the mornings", "end of
#: day", a periodic report).
SCHEDULE_ADVERB = re.compile(
    r"\b(hourly|daily|nightly|weekly|monthly|bi-?weekly|fortnightly|every fortnight|quarterly|"
    r"semi-?monthly|"
    r"every\s+(?:single\s+)?(?:morning|evening|night|afternoon|day)|"
    r"each\s+(?:morning|evening|night|afternoon|day)|"
    r"once\s+(?:a|an|per|each)\s+(?:hour|day|week|month|year)|"
    r"twice\s+(?:a|an|per)\s+(?:hour|day|week|month)|"
    r"per\s+day|on\s+a\s+schedule|scheduled|periodically|regularly|yearly|annually|"
    r"(?:two|three|four|five|six|several|a\s+few|multiple|a\s+couple\s+of|\d)\s+times\s+"
    r"(?:a|an|per|each)\s+(?:hour|day|week)|\d\s*x\s+(?:a|an|per|each)\s+(?:hour|day|week)|everyday|"
    r"on\s+the\s+hour|"
    r"(?:in\s+the\s+|on\s+)?(?:mornings|evenings|afternoons|nights)|overnight|"
    # "In the evening, fetch ...": a part of the day heading the order is a daily time
    r"in\s+the\s+(?:morning|evening|afternoon)(?=\s*[,:;\u2013\u2014]|\s+-\s)|"
    # "send it to me at evening" (said so by many who write English as a second language)
    r"at\s+(?:morning|evening)|"
    r"(?:every|each|once\s+a|once\s+per)\s+quarter|"
    r"in\s+the\s+(?:small|wee|early)\s+hours|"
    r"first\s+thing\s+in\s+the\s+morning|(?:around|at|by)\s+(?:midnight|dawn|sunrise|dusk|sunset)|"
    r"(?:at\s+the\s+)?end[- ]of[- ](?:the[- ]|each[- ]|every[- ])?(?:day|work[- ]?day|"
    r"business[- ]day)|"
    r"close\s+of\s+business|eod|month[- ]end|end[- ]of[- ](?:the[- ]|each[- ]|every[- ])?month|"
    r"(?:at\s+the\s+)?end[- ]of[- ](?:the[- ]|each[- ]|every[- ])?(?:work[- ]?)?week|"
    + PERIODIC_REPORT
    + r")\b",
    re.I,
)
#: "scheduled" said of a booking, not of the workflow: the word right before it is a passive's
#: helper or a booked thing ("once a demo is scheduled", "a call gets scheduled", "new
#: appointment scheduled" - Acuity's "appointment.scheduled" event); "a scheduled report",
#: "run it scheduled" still time the workflow.
SCHEDULED_AS_EVENT_BEFORE = re.compile(
    r"\b(?:is|are|was|were|gets?|got|been|being|be|newly|just|appointments?|meetings?|calls?|"
    r"demos?|sessions?|bookings?|interviews?|events?|slots?|class(?:es)?|visits?|"
    r"consultations?|viewings?|lessons?|tours?)\s+$",
    re.I,
)
#: Words refusing the schedule right after them ("not once a day", "never nightly", "no need to
#: wait for the morning run", "without waiting for the nightly batch"); "instead of" / "rather
#: than" are ``RULED_OUT_START``'s.
SCHEDULE_REFUSED = re.compile(
    r"\b(?:not|never|no longer|no need to wait (?:for|until)|(?:don'?t|do not) wait (?:for|until)|"
    r"without waiting (?:for|until))\s+(?:(?:just|only|a|an|the|our|on|for)\s+){0,2}$",
    re.I,
)
#: Where a refused schedule gives way to the one wanted ("not once a day but every night at 10",
#: "nightly; instead every hour").
SCHEDULE_CONTRAST = re.compile(r"[,;]|\b(?:but|instead|rather)\b", re.I)
#: Monday to Friday ("weekdays", "business days", "mon-fri"), not "the first working day of".
WEEKDAYS_ONLY = re.compile(
    r"\b(?:every\s+|on\s+|each\s+)?(?:weekdays?|work\s?days?|business\s+days?|"
    r"(?<!first )(?<!last )working\s+days?(?!\s+of\b)|"
    r"mon(?:day)?\s*(?:-|to|through|thru|\u2013)\s*fri(?:day)?)\b",
    re.I,
)
#: Saturday and Sunday ("on weekends", "every weekend").
WEEKENDS = re.compile(r"\b(?:every\s+|on\s+)?weekends?\b", re.I)
#: One or more named weekdays ("every monday", "on tue and thu", "mondays"; not "monday.com").
NAMED_WEEKDAYS = re.compile(
    rf"\b(?:(?:every|each|on|next)\s+)?({WEEKDAY_NAME}s?)(?:\s*(?:,|and|&|/|or)\s*({WEEKDAY_NAME}s?))*\b(?!\.com)",
    re.I,
)
#: What follows a day that heads a request: a colon, perhaps after a word for the job
#: ("friday thing:", "Monday routine -", "Sunday:").
DAY_HEADING = re.compile(
    r"\s*(?:(?:thing|job|run|routine|task|report|check|chore|ritual)\s*)?(?::|\s[-\u2013\u2014]\s)",
    re.I,
)
#: A time of day with an optional "at" ("at 9", "7:30pm", "8 in the morning", "at noon"): hour,
#: minute, meridiem.
TIME_OF_DAY = re.compile(
    r"\b(?:at\s+|@\s*)?(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.|o'?clock|uhr|h|"
    r"in the (?:morning|afternoon|evening)|at night)?\b"
    r"|\bat\s+(noon|midnight|midday|lunchtime|lunch)\b",
    re.I,
)
#: A day of each month ("on the 1st", "15th of every month", "last working day of the month").
DAY_OF_MONTH = re.compile(
    r"\b(?:on\s+)?(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+(?:day\s+)?of\s+(?:each|every|the)\s+month\b"
    r"|\b(first|last)\s+(?:(?:working|business|week|work)\s*)?(?:day\s+)?of\s+(?:each|every|the)"
    r"\s+month\b"
    r"|\bon\s+the\s+(\d{1,2})(?:st|nd|rd|th)\b",
    re.I,
)
#: A time of day the request opens with ("At 9am:", "7:30 -", "at noon,"): a daily run.
LEADING_TIME = re.compile(
    r"^\s*(?:(?:at|@|around|about|approx\.?)\s*)?\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.|o'?clock)(?!\w)|"
    r"^\s*at\s+\d{1,2}(?::\d{2})?(?![\w%])|^\s*\d{1,2}:\d{2}(?!\w)|"
    r"^\s*at\s+(?:noon|midday|lunch(?:time)?)\b",
    re.I,
)
#: A clock time said anywhere ("at 7:30", "at 9am"; not "at 9", which may count things).
CLOCK_TIME = re.compile(
    r"\b(?:at|around|about|by|approx\.?|approximately)\s+\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|"
    r"p\.m\.)(?!\w)|\b(?:at|around|about|by)\s+\d{1,2}:\d{2}\b",
    re.I,
)
#: A weekday "of the month" ("second Tuesday of the month", "first Monday of each month").
OF_THE_MONTH = re.compile(r"\s+of\s+(?:the|each|every)\s+month\b", re.I)
#: A clock time said bare ("7am", "16:30", "6:45pm"), not after "at" (``CLOCK_TIME``).
BARE_CLOCK = re.compile(
    # "at 9 and 5," / "by 9," : an hour after "at"/"by" closing its clause
    r"\b(?:at|by)\s+(?:[01]?\d|2[0-3])(?:\s*(?:and|&)\s*(?:[01]?\d|2[0-3]))?(?=\s*(?:$|[,;.!?)]))|"
    r"(?<![\w:./$\u20ac\u00a3-])\d{1,2}(?::[0-5]\d)?\s*(?:am|pm|a\.m\.|p\.m\.)(?!\w)|"
    r"(?<![\w:./$\u20ac\u00a3-])(?:[01]?\d|2[0-3]):[0-5]\d(?![\w:])",
    re.I,
)
#: An example value, not when the workflow runs ("(e.g. 14:00)", "like 9am").
EXAMPLE_BEFORE = re.compile(r"(?:e\.?g\.?|i\.?e\.?|like|such as|example)\s*$", re.I)
#: A timezone as written: an IANA name ("Europe/Berlin") or a common abbreviation (UTC, CET, PST
#: ...).
TIMEZONE = re.compile(
    r"\b([A-Z][a-z]+/[A-Z][A-Za-z_]+(?:/[A-Z][A-Za-z_]+)?|UTC|GMT|CET|CEST|EST|EDT|PST|PDT|IST|BST)\b"
)
#: Hours said in words ("eight", "seven").
HOUR_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
#: A time of day in words: "half past eight", "quarter to nine", "at seven (o'clock)".
WORDED_TIME = re.compile(
    r"\b(?:(half past|quarter past|quarter to)\s+(\d{1,2}|" + "|".join(HOUR_WORDS) + r")|"
    r"at\s+(" + "|".join(HOUR_WORDS) + r")(?:\s+o'?clock)?)\b"
    r"(\s*(?:pm|p\.m\.|in the (?:afternoon|evening)|at night))?",
    re.I,
)
#: How many runs "N times a day/week" means for the words that are not digits.
TIMES_COUNT_WORDS = {
    "twice": 2, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "several": 4, "a few": 3,
    "multiple": 4, "a couple of": 2,
}  # fmt: skip
#: "once an hour" / "once per day" / "once each week", normalised to "once a ..." before the
#: adverb is read.
ONCE_PER_UNIT = re.compile(r"^once (?:an|per|each) ")
#: "twice a day", "three times per week", "a few times a day": how many runs in which unit.
TIMES_PER_UNIT = re.compile(
    r"(twice|\w+(?: few| couple of)?)(?: times)? (?:a|an|per|each) (hour|day|week)$"
)
#: A daily report said by the start of the day ("before work", "start of the day"): 8:00.
DAY_START_WORDS = re.compile(r"\bbefore\b|\bstart of\b")
#: A daily report said by the end of the day ("end of day", "close of business", "eod"): 17:00.
DAY_END_WORDS = re.compile(r"\bend of\b|endofday|close of business|eod")
#: A part of the day right after a named weekday ("monday morning"): the day is a schedule.
PART_OF_DAY_AFTER = re.compile(
    r"(?:\s*|-)(?:(?:morning|afternoon|evening|night)s?|first thing|early|late)\b"
)
#: (s17) ... or right before it ("first thing Monday", "early Friday", "late on Sunday").
PART_OF_DAY_BEFORE = re.compile(r"\b(?:first thing|early|late)\s+(?:on\s+)?$", re.I)
#: (HT6) A determiner right before a word ("a weekly sync", "our daily standup"): a frequency
#: after one describes a thing, not when the workflow runs.
DETERMINER_BEFORE = re.compile(r"\b(?:a|an|the|our|my|their|your|this|that|its)\s+$", re.I)


# --- n8n operations by what they do (catalog operation names, lower case) ---
#: Operations that deliver a message to people (a step of one of these sends the summary).
DELIVERY_OPERATIONS = frozenset({"send", "post", "reply"})
#: Operations that write to an app (its step is a destination, not a source of data).
WRITING_OPERATIONS = frozenset(
    {"create", "append", "update", "add", "insert", "upload", "send", "post"}
)
#: What a created thing is when creating it sends text to people ("Create a post", "Create a
#: chat message", "Create a comment").
SENT_THINGS = ("message", "post", "comment", "chat", "tweet", "status")
#: (HIN2) Operations that send a thing of ``SENT_THINGS`` when they act on one: creating it, or
#: pushing it to a phone (Pushover's "Push a message"); "push" alone is also a git push.
SENDS_A_SENT_THING = frozenset({"create", "push"})
#: Operations that only fetch items (a filter or a summary chooses from what they return);
#: summary.py and keep_only.py each had this very set.
READING_OPERATIONS = frozenset({"get", "getall", "search", "list", "read", "select", "lookup"})
#: Operations that return many items at once (a summary of them gathers them first).
MANY_OPERATIONS = frozenset({"getall", "getmany", "search", "list", "select", "read"})
#: The operations that read every record of a resource, the one n8n calls so first.
READ_ALL_OPERATIONS = ("getall", "getmany", "search", "list")
#: Operation names written several ways in the catalog -> one token ("getMany", "list", "select"
#: are all "getall").
OPERATION_TOKEN_CANON = {
    "getall": "getall",
    "getmany": "getall",
    "list": "getall",
    "appendorupdate": "appendorupdate",
    "createorupdate": "createorupdate",
    "sendmessage": "sendmessage",
    "deleterecord": "delete",
    "deletefile": "delete",
    "select": "getall",  # MySQL / Postgres / MS SQL "Select rows from a table"
}
#: Operation words every node has: they tell no operation from another.
EVERY_NODE_OPERATION_WORDS = frozenset(
    {"get", "all", "many", "by", "and", "or", "to", "from", "of"}
)
#: The plain reading operations (a "new" after one of their verbs describes what is read, "get new
#: rows").
BASIC_READ_OPERATIONS = frozenset({"get", "getall", "list", "read", "search"})
#: Operations that put a new record in, tried in this order when data goes "into" a place.
CREATING_OPERATIONS = ("append", "create", "insert", "upload", "add")
#: Canonical verbs of operations that deliver a message.
SENDS = frozenset({"send", "post", "sendmessage"})
#: Resources that post into a channel or chat (a direct message is not where a post goes:
#: X's "post it to X" is a tweet, not a DM).
POSTING_RESOURCES = frozenset({"message", "chatmessage", "channelmessage"})


# --- Summaries, mail and bots: what is sent, to whom, and how (engine.offline.summary) ---
#: Right after the app, a thing it sends: "Teams message", "a Slack notification", "Telegram
#: alert to the on-call".
SENT_NOUN_AFTER_APP = r"\s+(?:[\w-]+\s+)?(?:message|notification|alert|ping|dm|post)s?\b"
#: Joining words before a mail cue ("then", "and also", "please") stripped to see whether the cue
#: opens with the sending verb.
MAIL_LEAD_IN = re.compile(r"^[\s,;:.!?(]*((then|and|also|please|to|will|should|i|we|just|or)\s+)*")
#: How a match that names the sending itself begins ("send ...", "email ops", "by email").
MAIL_VERB_FIRST = ("send", "email", "e-mail", "mail", "by", "via", "per", "over")
#: "mails" as the verb of the workflow or its step, with whom or what it mails: "... with an AI
#: and emails it to whoever asked", "an error handler that mails ops@acme.io ...". Not after
#: "who": "a customer who emails our support inbox" is mail coming in.
MAILS_IT = re.compile(
    r"\b(?:it|and|then|also|that|which)\s+(?:e-?)?mails\s+(?:(?:it|them|this|that|the\s+"
    r"[\w-]+)\s+)?(?:to\s+)?(?:whoever|everyone|[\w.+-]+@|(?:the|our|my|their)\s+[\w-]+|me|"
    r"us|him|her|them)(?!\w)",
    re.I,
)
#: A bot that helps people rather than echoing a fixed reply: "a support bot", "a helpdesk
#: bot", "answers questions about our pricing", "helps customers track their orders".
HELPS_PEOPLE = re.compile(
    r"\b(?:support|help ?desk|faq|customer (?:service|care|success)|concierge|assistant|"
    r"advisor)\b|\banswer\w* (?:\S+ ){0,3}?(?:questions?|queries|faqs?)\b|"
    r"\b(?:repl(?:y|ies)|respond\w*) to (?:\S+ ){0,2}?(?:questions?|queries)\b|"
    r"\bhelp(?:s|ing)? (?:\S+ ){0,2}?(?:customers|users|people|employees|staff|visitors|"
    r"patients|students|clients|members|guests)\b",
    re.I,
)
#: A bot or assistant that answers what comes in: "a bot that picks up each new conversation
#: and answers the shipping ones", "an autoresponder that replies to pricing questions".
BOT_ANSWERS = re.compile(
    r"\b(?:bot|chat-?bot|assistant|auto-?responder)\b.{0,120}?\b(?:answer|repl(?:y|ies)|"
    r"respond)\w*\b",
    re.I | re.S,
)
#: The AI's answer is sent back where the question came from: "the answer goes back wherever
#: the question came from", "send the reply back", "answers them back".
ANSWER_BACK = re.compile(
    r"\b(?:answer|reply|response)s? (?:goes|go|is sent|gets sent|are sent|is posted) back\b|"
    r"\b(?:send|post|return)s? (?:the |its |their )?(?:answer|reply|response)s? back\b|"
    r"\banswers? (?:it |them )?back\b",
    re.I,
)
#: A folder as the thing that happened ("a new folder", "subfolder created"), not the place
#: files land in ("uploaded to our 'episodes' folder").
FOLDER_EVENT = re.compile(
    r"\bnew\s+(?:sub)?folders?\b|\b(?:sub)?folders?\s+(?:is\s+|are\s+|gets?\s+)?"
    r"(?:created|added|made)\b",
    re.I,
)
#: Files whose content is no text to extract (a photo, a recording): other steps read them.
MEDIA_FILE = re.compile(
    r"\b(?:photos?|images?|pictures?|audio|voice|videos?|recordings?|mp3|mp4|wav|png|jpe?g)\b",
    re.I,
)
#: Before an app's name, the words that send a summary to it ("to the team channel in",
#: "as a"): a preposition and up to five words; the app's name is appended by the reader.
SENT_TO_APP_VIA = r"\b(to|on|in|via|into|onto|through|as)\s+((?:[\w#'&.-]+\s+){0,5}?)"
#: Where the name of what is summarised ends ("the open tickets, then ...", "... to Slack").
SUMMARY_WHAT_END = re.compile(r"[,;.]|\b(then|otherwise|to|on|via|in|for)\b")
#: After a generic node word ("the code node", "the http request"): the word names a node.
NODE_WORD_AFTER = r"( node| step| request)?"
#: Where the clause of a removal ends ("remove the slack step, and ..."), on lowercased text.
REMOVAL_CLAUSE_END = re.compile(r"[,.;:!?]|\band\b|\bbut\b")
#: Words just before an app that make it the old one of a swap ("instead of slack", "replace
#: gmail", "from airtable"), up to 14 characters before the name, on lowercased text.
OLD_NAMED_BEFORE = re.compile(
    r"\b(instead of|rather than|not|in place of|replace|"
    r"change|swap|switch|from)\b[\w\s'\"-]{0,14}$"
)
#: A change that asks for an AI step (on lowercased text, AI as a topic already taken out).
AI_ASKED_WORD = re.compile(r"\b(ai|agent|gpt|llm|claude|gemini|openai|model)\b")
#: Wikipedia named in a change: the agent gets the Wikipedia tool.
WIKIPEDIA_WORD = re.compile(r"\bwikipedia\b")
#: Words right before a model vendor that rule it out ("instead of gpt", "not claude").
MODEL_NOT_WANTED_BEFORE = re.compile(r"\b(instead of|rather than|not|from|to|no|without)\s*$")
#: A change of how the workflow starts, said with "manual": "make it manual", "manual instead".
MAKE_IT_INSTEAD = re.compile(r"\b(make it|instead|rather|switch|change)\b")
#: A webhook named as the new start ("trigger it from a webhook instead", "start from").
TRIGGER_INSTEAD_WORD = re.compile(r"\b(trigger|instead|start|from)\b")
#: The form is the old start, not the new one ("instead of the form").
INSTEAD_OF_FORM = re.compile(r"instead of (the |a |an )?(n8n )?form")
#: A chat start that drops the mail step ("no email", "no mail").
NO_MAIL = re.compile(r"\bno (e-?mail|mail)\b")


# --- Vendor prefixes of app names (catalog display names, as requests shorten them) ---
#: A vendor before a product's display name ("Microsoft Teams" -> "Teams"), case as written
#: in the catalog: the short name a request uses for the app it sends a summary to.
VENDOR_PREFIX = re.compile(r"^(Microsoft|Google|Amazon|AWS|Azure)\s+")
#: As VENDOR_PREFIX without Azure: the short names by which a request may name a node it asks
#: to use ("Sheets" for "Google Sheets").
VENDOR_PREFIX_NO_AZURE = re.compile(r"^(Google|Microsoft|AWS|Amazon)\s+")
#: Vendor prefixes people leave out ("Sheets", "Teams", "Outlook") and first words that name
#: nothing on their own.
VENDOR_OR_N8N_PREFIX = re.compile(r"^(google|microsoft|aws|amazon|azure|n8n)\s+", re.I)
#: First words of a display name too vague to name the node alone ("Google" of "Google Sheets",
#: "Basic" of "Basic LLM Chain").
VAGUE_FIRST_WORDS = frozenset(
    {"google", "microsoft", "aws", "amazon", "azure", "n8n", "basic", "ai"}
)


# --- Changes to a workflow: remove, replace, add, move (engine.offline.modify) ---
#: A change that takes something away ("drop the slack step", "no need for", "not needed"): what
#: follows in its clause is removed.
REMOVE_ASK = re.compile(
    r"\b(drop|remove|delete|get rid of|no need for|don'?t need|do not need|without|skip|"
    r"no longer|not needed|no \w+ needed)\b",
    re.I,
)
#: A swap: a verb of replacing, the old thing (group "old"), then "with / to / for / by / into" and
#: the new one.
REPLACE_ASK = re.compile(
    r"\b(replace|change|swap|switch|move|migrate|convert)\b(?P<old>.{0,60}?)\b(to|with|for|by|"
    r"into)\b",
    re.I,
)
#: A change said as a replacement ("instead", "rather", "not").
INSTEAD_WORD = re.compile(r"\b(instead|rather|not)\b", re.I)
#: A change that adds beside what is there ("also", "as well", "in parallel"), not in place of it.
ALSO_ADD = re.compile(r"\b(also|too|as well|in addition|additionally|in parallel)\b", re.I)
#: A step placed before another ("before posting, ...").
BEFORE_WORD = re.compile(r"\bbefore\b", re.I)
#: A change that adds a condition ("only", "if", "route", "depending on", "unless").
ONLY_WHEN_WORD = re.compile(r"\b(only|just for|if|route\w*|depending on|unless)\b", re.I)
#: The other branch of a condition ("everything else", "the rest", "otherwise").
THE_REST = re.compile(r"\b(everything else|the rest|otherwise|else|other ones|others)\b", re.I)
#: A change about failures ("if it fails", "errors", "crashes"): error handling, not a step.
FAILS_WORD = re.compile(r"\b(fails?|failed|errors?|crash\w*|dies)\b", re.I)
#: A change that gives the agent a tool ("tools", "let it look things up", "when someone asks").
TOOL_ASK = re.compile(
    r"\b(tools?|let it|it should|the bot should|the agent should|"
    r"can also|look\w* (things )?up|when someone asks)\b",
    re.I,
)
#: An ability the change gives the agent ("connect it to my calendar so it can see my
#: meetings", "give the bot access to Notion"): the app named is the agent's tool when the
#: agent talks (a chat, a memory or tools already) - not a step after it.
GIVES_ABILITY = re.compile(
    r"\b(so (that )?(it|the (bot|agent|assistant|ai)) can|give (it|the (bot|agent|assistant)) "
    r"access|allow (it|the (bot|agent|assistant)) to|(it|the (bot|agent|assistant)) "
    r"(can|could|should be able to|is able to)|connect (it|the (bot|agent|assistant)) to)\b",
    re.I,
)
#: The word webhook in a change (a webhook start, when "trigger / instead / start / from" goes with
#: it).
WEBHOOK_WORD = re.compile(r"\bwebhook\b", re.I)
#: A form in a change ("n8n form", "form"): a form start with "instead".
FORM_WORD = re.compile(r"\b(n8n )?form\b", re.I)
#: A chat in a change ("chat", "talk to it"): a chat start with "instead".
CHAT_WORD = re.compile(r"\b(chat|talk to it)\b", re.I)
#: A change that keeps only some items ("only for new orders", "skip the ones that"): a filter
#: step.
ONLY_FILTER_ASK = re.compile(
    r"\b(only (for|if|when|those|the ones|ones|new|orders|items|rows|emails|tickets|leads)|"
    r"just (for|the ones)|skip (the |any )?(ones|those|items|rows|emails) (that|which|where|with)|"
    r"ignore (the |any )?(ones|those|items|rows|emails) (that|which|where|with))\b",
    re.I,
)
#: A change to start as things happen ("the moment", "real-time", "whenever"): a trigger change.
REALTIME_WORD = re.compile(
    r"\b(the moment|as soon as|instantly|instant|right away|real[- ]?time|immediately|"
    r"whenever|every time|each time)\b",
    re.I,
)
#: Words that make a named schedule or app the new start ("trigger", "instead", "switch", "make
#: it", "hourly", "manual").
TRIGGER_CHANGE_CUE = re.compile(
    r"\b(trigger\w*|instead|rather|switch|change|make it|start\w*|kick\w* off|run it|"
    r"use that|fire|whenever|every|hourly|daily|weekly|manual\w*)\b",
    re.I,
)
#: Generic node words a change names ("the code node", "the http request") -> their node types.
GENERIC_NODE_WORDS = {
    "code": BASE + "code",
    "http": BASE + "httpRequest",
    "filter": BASE + "filter",
    "wait": BASE + "wait",
    "set": BASE + "set",
    "if": BASE + "if",
}


# --- Operations: the verbs, objects and places an order names (engine.offline.operations) ---
#: Request words -> canonical verbs (several per word when meanings overlap).
VERB_SYNONYMS: dict[str, tuple[str, ...]] = {
    "add": ("create", "append", "add", "insert"),
    "append": ("append", "create", "add"),
    "create": ("create", "add", "insert"),
    "new": ("create",),
    "insert": ("insert", "create", "append"),
    "log": ("append", "create", "insert"),
    "record": ("append", "create", "insert"),
    "save": ("create", "append", "upload", "insert", "upsert"),
    "store": ("create", "append", "upload", "insert", "upsert"),
    "register": ("create",),
    "book": ("create",),
    "schedule": ("create",),
    "make": ("create",),
    "generate": ("create", "generate"),
    "write": ("create", "append", "update"),
    "put": ("append", "create", "upload"),
    # a "drop" that places something (placing_drops writes it "dropin", a word no one types,
    # so a real "place" - "place an order", "in place" - is not read as one): into a chat app
    # it is a message
    "dropin": ("send", "post", "sendmessage", "append", "create", "upload"),
    "push": ("append", "create", "send"),
    "get": ("get", "getall", "read"),
    "fetch": ("get", "getall", "read"),
    "pull": ("get", "getall", "read"),
    "retrieve": ("get", "getall"),
    "read": ("read", "get", "getall"),
    "grab": ("get", "getall"),
    "take": ("get", "getall"),
    "load": ("get", "getall", "read"),
    "collect": ("getall", "get"),
    "gather": ("getall", "get"),
    "count": ("getall", "get"),
    # describes what to read ("my unread mail"; see READ_DESCRIBING_WORDS)
    "unread": ("getall", "get"),
    "list": ("getall", "list"),
    "all": ("getall",),
    "many": ("getall",),
    "look": ("get", "search"),
    "lookup": ("get", "search"),
    "find": ("search", "get"),
    "search": ("search",),
    "query": ("search", "get", "execute"),
    "check": ("get", "search"),
    "update": ("update", "upsert"),
    "edit": ("update",),
    "change": ("update",),
    "modify": ("update",),
    "upsert": ("upsert", "appendorupdate", "createorupdate"),
    "sync": ("upsert", "appendorupdate", "update"),
    "mark": ("update", "mark"),
    "move": ("move", "update"),
    "delete": ("delete", "remove"),
    "remove": ("delete", "remove"),
    "drop": ("delete",),
    "clear": ("clear", "delete"),
    "archive": ("archive", "delete"),
    "cancel": ("cancel", "delete"),
    "send": ("send", "post", "create", "sendmessage"),
    "post": ("post", "send", "create", "sendmessage"),
    "notify": ("send", "post", "sendmessage"),
    "ping": ("send", "post", "sendmessage"),
    "alert": ("send", "post", "sendmessage"),
    "message": ("send", "post", "sendmessage"),
    "tell": ("send", "post", "sendmessage"),
    "dm": ("send", "post", "sendmessage"),
    "email": ("send",),
    "mail": ("send",),
    "reply": ("reply", "send"),
    "respond": ("reply", "send"),
    "forward": ("send",),
    "share": ("share", "post", "send"),
    "publish": ("post", "create", "publish"),
    "tweet": ("create", "post"),
    "upload": ("upload", "create"),
    "download": ("download", "get"),
    "copy": ("copy",),
    "duplicate": ("copy", "replicate", "duplicate"),
    "clone": ("copy", "replicate", "duplicate"),
    "label": ("addlabels", "label"),
    "translate": ("translate",),
    "transcribe": ("transcribe",),
    "analyze": ("analyze",),
    "analyse": ("analyze",),
    "summarize": ("summarize", "getall", "get", "read"),
    "summarise": ("summarize", "getall", "get", "read"),
    "run": ("execute", "run"),
    "execute": ("execute", "run"),
    "call": ("call", "execute"),
    "invite": ("invite", "create"),
    "subscribe": ("subscribe", "create"),
    "approve": ("sendandwait", "approve"),
    "approval": ("sendandwait", "approve"),
    "confirm": ("sendandwait",),
}
#: The verbs an order is read with when choosing an operation: ``VERB_SYNONYMS`` (which the
#: missing-operation readers share, so it stays as they know it) plus verb families the
#: catalog's actions say in other words ("raise" an incident is "Create", "resolve" one an
#: "Update", "take them off the list" a "Remove", "tag" a subscriber an "Add").
ORDER_VERBS: dict[str, tuple[str, ...]] = {
    **VERB_SYNONYMS,
    "subscribe": ("subscribe", "create", "add"),
    "put": ("append", "create", "upload", "add"),
    "drop": ("delete", "remove"),
    "replies": ("reply", "send"),  # "the agent answers and replies on WhatsApp"
    "raise": ("create",),
    "prepare": ("create",),
    "setup": ("create", "add"),  # "set them up as a vendor" (see phrasal_verbs)
    "enroll": ("add", "create", "subscribe"),
    "enrol": ("add", "create", "subscribe"),
    "draft": ("create", "draft"),
    "comment": ("create", "add", "createcomment", "addcomment"),
    "attach": ("add", "upload", "create"),
    "tag": ("add", "addtag", "tag", "update"),
    "set": ("update", "set", "edit", "change"),
    "resolve": ("update", "resolve", "close", "edit"),
    "close": ("close", "update", "edit", "archive"),
    "complete": ("close", "complete", "update", "edit"),
    "finish": ("close", "complete", "update"),
    "unsubscribe": ("delete", "remove", "unsubscribe"),
    "kick": ("kick", "remove"),
    "ban": ("ban",),
    "void": ("void",),
    # a record the node cannot archive is closed or updated ("archive the GitHub issue")
    "archive": ("archive", "close", "update", "edit"),
    # a state the node's update sets in a field ("suspend the <Zendesk> user": its "suspended"
    # switch; "reactivate the <Mailchimp> member": its status) - ``node_gaps._state_not_held``
    # keeps the node only then, and its update does it, not a read or a create. Not
    # "enable/disable": said of settings ("disable notifications in Slack") they picked a
    # Slack user group's "disable"; nor "activate", which no check of the record's fields
    # precedes: it edited whatever the node has ("activate the GitHub workflow" wrote a repo
    # file, a Slack user group's members were replaced; HR21, session 19)
    "suspend": ("suspend", "update", "edit"),
    "unsuspend": ("unsuspend", "update", "edit"),
    "deactivate": ("deactivate", "disable", "update", "edit"),
    "reactivate": ("reactivate", "activate", "update", "edit"),
    "unarchive": ("unarchive", "update", "edit"),
}
#: Operations that destroy or alter what already exists. One is chosen only when the request
#: asks for it (its verb, or a word meaning it): "read new rows from the signups table" must
#: never become "Delete table" because both mention a table, nor "my unread mail" "Mark as
#: unread". A wrong read costs a retry; a wrong delete costs the user's data.
ASK_FIRST_VERBS = {
    "delete": (
        "delete remove drop erase purge wipe trash clear clean cancel cancelled canceled".split()
    ),
    "remove": ("delete", "remove", "drop", "erase", "purge", "wipe", "trash", "clear", "clean"),
    "clear": ("clear", "empty", "wipe", "reset", "delete", "remove", "clean", "purge"),
    "truncate": ("truncate", "empty", "wipe", "clear"),
    "drop": ("drop", "delete", "remove"),
    "purge": ("purge", "delete", "clear"),
    "archive": ("archive",),
    "trash": ("trash", "delete", "remove", "bin"),
    "mark": ("mark", "flag"),
    "ban": ("ban", "block"),
    "kick": ("kick", "remove"),
    "cancel": ("cancel", "abort", "stop"),
    "revoke": ("revoke",),
    "deactivate": ("deactivate", "disable"),
    "disable": ("disable", "deactivate", "turn"),
    "suspend": ("suspend",),
    "unsubscribe": ("unsubscribe", "remove"),
    "lock": ("lock",),
}
#: Words that ask a message to wait for its recipient's answer (n8n's "send and wait").
WAITS_FOR_AN_ANSWER = (
    "approve approval approvals approves approved confirm confirmation ask asks answer answers "
    "response respond responds decide decision sign review wait waits waiting hitl human reply "
    "replies yes"
).split()
#: Determiners and possessives: after one, a word is a noun ("the posts"); before one, a third
#: person is a verb ("adds the").
DETERMINER_WORDS = frozenset("the a an this that each every my our your their its his her".split())
#: Read-describing words that keep their meaning after a determiner ("my unread mail").
READ_DESCRIBING_WORDS = frozenset({"unread"})
#: Who a verb is done to ("email me", "message them").
PERSON_PRONOUNS = frozenset("me us him her them it everyone".split())
#: What "set ... up" is done to: a person or the thing just named.
SET_UP_OBJECT_WORDS = PERSON_PRONOUNS | frozenset({"the", "this", "that", "each", "every"})
#: A node's record of people, which a person pronoun names ("remove them from the audience").
PEOPLE_RESOURCES = ("member", "contact", "subscriber", "person")
#: Everyday nouns -> the resource words nodes use for them.
NOUN_SYNONYMS: dict[str, tuple[str, ...]] = {
    "email": ("message", "mail"),
    "mail": ("message", "email"),
    "dm": ("message",),
    "text": ("message",),
    "sms": ("message", "sm"),
    "post": ("message", "post"),
    "row": ("sheet", "row"),
    "spreadsheet": ("sheet", "spreadsheet"),
    "meeting": ("event", "meeting"),
    "appointment": ("event",),
    "busy": ("availability",),
    "available": ("availability",),
    "slot": ("availability", "event"),
    "ticket": ("ticket", "issue"),
    "pr": ("pull", "request"),
    "prs": ("pull", "request"),  # too short for _stem to read as a plural
    "mr": ("merge", "request"),
    "bug": ("issue",),
    "task": ("task", "card", "issue"),
    "todo": ("task",),
    "note": ("note", "engagement"),
    "attachment": ("attachment", "file"),
    "document": ("file", "document"),
    "pdf": ("file", "document"),
    "customer": ("customer", "contact", "user"),
    "person": ("contact", "person"),
    "people": ("contact", "person"),
    "lead": ("lead", "contact"),
    "subscriber": ("member", "subscriber", "contact"),
    "audience": ("list", "audience"),
    # who a verb is done to ("remove them from the audience"): a node's record of people - not
    # its campaign, which "remove" also deletes
    "them": PEOPLE_RESOURCES,
    "him": PEOPLE_RESOURCES,
    "her": PEOPLE_RESOURCES,
    "invitee": ("member", "contact", "attendee", "subscriber"),
    "attendee": ("member", "contact", "attendee", "subscriber"),
    "entry": ("record", "row", "entry"),
    "item": ("record", "item"),
}
#: The clause ends with "into / onto (the)" right before the app: data is written there.
INTO_DESTINATION = re.compile(r"\b(into|onto)(\s+(a|an|the|my|our|your|new|that|this))?\s*$", re.I)
#: Nouns that read what follows "of": "a summary of", "a digest of", "the list of".
READING_NOUNS = frozenset(
    "summary summaries digest recap overview roundup round-up rundown briefing list report "
    "count total number wrap-up wrapup takeaways synopsis gist breakdown update roll-up "
    "rollup".split()
)
#: "a summary of (the week's new) <App> ...": what the app holds is read, whatever verb
#: delivers the summary.
#: Where an object lives, written between it and the app: "the current cycle for our team in
#: <Linear>", "a tag in our <GitLab> repo".
CONTAINER_NOUNS = frozenset(
    """team teams board repo repository server workspace account project org organization
    instance site space guild store shop company""".split()
)
#: "<object> for/of our <container> in <App>": read as "<object> from <App>".
CONTAINER_TAIL = re.compile(
    r"\s+(?:for|of|on|in|from|at)\s+(?:our|my|the|your|their)\s+(?:"
    + "|".join(sorted(CONTAINER_NOUNS))
    + r")\s+(?:in|on|from|at)\s+$",
    re.I,
)
#: A reading noun then "of" and up to five words before the app ("a summary of the week's new"):
#: what the app holds is read.
SUMMARY_OF = re.compile(
    r"\b(" + "|".join(sorted(READING_NOUNS)) + r")\s+of\s+"
    r"((?!(to|into|onto|on|in|via|with|for|by|at|it|them|this|that)\b)[\w'\u2019-]+\s+){0,5}$",
    re.I,
)
#: Data goes to a record that exists, named right before the app: "onto the matching".
EXISTING_RECORD_BEFORE = re.compile(
    r"\b(?:to|into|onto|on|in)\s+(?:the|that|its|their)\s+"
    r"(?:matching|existing|same|corresponding|related)\s*$",
    re.I,
)
#: The clause ends in "to" right before the app: data goes there.
TO_APP_BEFORE = re.compile(r"\b(to|via)(\s+(a|an|the|my|our|your))?\s*$", re.I)
#: Words an operation name shares with everything (articles, prepositions): never evidence for one
#: operation.
OPERATION_STOP_WORDS = frozenset("a an the of on in to for from by with and or".split())
#: Where "drop" puts something rather than destroys it: "drop the draft in Slack", "drop the
#: answers into Airtable", "drop a note on the deal". "into/onto/to" always place; "in/on"
#: place unless what is dropped is a store's structure ("drop the users table in Postgres").
DROP_PLACED_BY = frozenset("into onto to".split())
#: "in / on / inside" after a drop: it places, unless what is dropped is a store's structure (see
#: DROP_PLACED_BY).
DROP_PLACED_IN = frozenset("in on inside".split())
#: "from / off / out" after a drop: something is taken away, the drop destroys (see
#: DROP_PLACED_BY).
DROP_TAKEN_FROM = frozenset("from off out".split())
#: The words after a drop that say whether it places or takes away (DROP_PLACED_BY, DROP_PLACED_IN,
#: DROP_TAKEN_FROM).
PLACE_OR_SOURCE_WORDS = DROP_PLACED_BY | DROP_PLACED_IN | DROP_TAKEN_FROM
#: The structure of a data store ("table", "column", "schema"): dropping one in a store destroys
#: it.
STORE_STRUCTURE_NOUNS = frozenset(
    "table tables column columns database databases schema index row rows".split()
)
#: A name the request quotes ("the 'Weekly close' sheet", "the "Done" list").
QUOTED_NAME = re.compile(
    r"(?<![\w'\u2019])['\u2018\u201c\"][^'\u2019\u201d\"\n]{1,60}['\u2019\u201d\"](?!\w)"
)
#: A noun right after an app's name, then the name the user gave that record ("the
#: <Salesforce> report 'Closed Won by Region'"): a record of the app, not a kind n8n has.
NOUN_THEN_ITS_NAME = re.compile(r"^\s*([a-z]{3,})\s+(?=['\u2018\u201c\"])")
#: Third persons that say what a place receives, not what the step does: "our Telegram group
#: gets a reply from an AI" sends a message there; reading it as "get" read a file instead.
RECEIVED_THIRD_PERSON = frozenset({"gets"})
#: Destructive or state-changing verbs (``ASK_FIRST_VERBS``) count only as said: "Notion archives
#: every page" or "the archives" must not unlock an archive operation the request never asks.
SAID_AS_ORDERS = frozenset(ASK_FIRST_VERBS) | frozenset(
    w for ws in ASK_FIRST_VERBS.values() for w in ws
)
#: Verbs no one uses as a noun: their third person is always the verb ("gpt adds vendor and
#: amount to the sheet"); other verbs ("posts", "updates") only before what they act on.
ONLY_VERBS = frozenset(
    "add create send read fetch pull get write append insert upload download delete remove "
    "move".split()
)
#: Verbs that, with "off" a few words on, take something off a list: "take them off the
#: audience", "pull the contact off the 'Customers' list", "strike her off".
OFF_VERBS = frozenset("take takes pull pulls strike strikes cross crosses knock".split())
#: States that finish a piece of work: marking something so is completing it.
DONE_STATES = frozenset("done complete completed finished closed resolved".split())
#: A word that begins an order: at the start, after a mark, or after a word that leads one.
ORDER_START = re.compile(
    r"(?:^\s*|[,;:.!?>\n]\s*|\b(?:and|then|also|please|to|should|must|will|can|i|we)\s+)"
    r"([a-z]+)\s+(?=(?:on|to|the|a|an|them|it|this|that|their|each|every|all|him|her)\b)",
    re.I,
)
#: Words that describe a thing between its determiner and its name ("the existing message").
DESCRIBING_WORDS = frozenset(
    """new existing same current latest last first original previous old whole daily weekly
    monthly matching related pinned""".split()
)
#: Words that join one order to the next ("and log them", "then send it").
JOIN_WORDS = frozenset("and then or but".split())
#: Words that begin where something goes or comes from ("to the 'Beta' list"), or for whom
#: it is made ("an invoice for the customer").
PLACE_WORDS = frozenset("to into onto on in from off at inside for".split())
#: What a verb makes or works on when the verb names it: "draft an email" makes a draft,
#: "attach it" an attachment, "upload it" a file.
VERB_NOUNS = {
    "draft": "draft",
    "comment": "comment",
    "attach": "attachment",
    "upload": "file",
    "tag": "tag",
    "label": "label",
    "reply": "reply",
}
#: Verbs so general that every app has an operation named by them: the request saying one is
#: no sign of which resource it is done to ("add a contact" is no contact-list add).
GENERAL_VERBS = frozenset("add create get read list send post".split())
#: A delivery verb, then where to, right before the app: "drop the draft in <Slack>", "share
#: the link in the #releases <Slack> channel", "post the task name to <Microsoft Teams>".
DELIVERED_TO = re.compile(
    r"\b(?:send|post|drop|share|put|push|forward|ping|notify|tell|dm|message|text)\w*\b"
    r"[^,;:.!?\n]*\b(?:in|on|to|into|onto|via|through|over)\s+(?:[\w#@'-]+\s+){0,4}$",
    re.I,
)
#: What is delivered is a file, which chat apps take by an upload, not a message.
FILE_SENT = re.compile(
    r"\b(files?|images?|photos?|pictures?|videos?|attachments?|pdfs?|documents?|screenshots?|"
    r"audio|voice)\b",
    re.I,
)
#: What the app holds goes on to another named place: "... events on Telegram", "... to Slack".
TO_ANOTHER_APP = re.compile(
    r"^\s*(?:[\w'-]+\s+){1,5}?(?:to|on|via|in|into)"
    r"(?:\s+(?:(?:the|a|an|our|my)\s+)?[A-Z#]|(?:\s+(?:the|a|an|our|my))?\s*$)"
    r"|^[^.;]*?\b(?:by|via|over)\s+e-?mail\b"
)
#: Request verbs that put a thing into a place or take it out ("add them to the list",
#: "drop the contact from the list"), as opposed to making a new thing there.
PUT_IN_VERBS = frozenset("add put insert push subscribe enroll enrol attach tag dropin".split())
#: Verbs that take someone or something out of a list ("remove", "unsubscribe", "kick"): a remove /
#: delete operation.
TAKE_OUT_VERBS = frozenset("remove drop delete unsubscribe kick".split())
#: Verbs that make a new record ("create", "open", "raise", "set up"): with a resource word, its
#: create operation.
MAKE_VERBS = frozenset("create make new open raise setup".split())


# --- Operations, continued: orders said in other words ---
#: "open a ticket", "open new issues": opening a record is creating it (read as "create").
OPEN_AS_CREATE = re.compile(r"\bopen (?=(a|an|new)\b)", re.I)


# --- Flow steps: waits, stops and retries (engine.offline.flow_steps) ---
#: How long: "3 days", "an hour", "a second", "half an hour", "90 days", "10 min".
DURATION = re.compile(
    r"\b(?P<n>\d+(?:\.\d+)?|an?|one|two|three|four|five|six|ten|fifteen|twenty|thirty|"
    r"few|couple of|half an?)\s*-?\s*(?P<unit>sec(?:ond)?s?|min(?:ute)?s?|h(?:ou)?rs?|hours?|"
    r"days?|weeks?)\b",
    re.I,
)
#: A delay said without "wait"/"delay": "hold off for 2 hours", "waiting a second", "sleep 5
#: seconds", "give it 10 minutes", "let it sit for a day" - each read only with a duration.
DELAY_WORDS = re.compile(
    r"\b(?:hold(?:s|ing)? off|sleep(?:s|ing)?|wait(?:s|ing|ed)|give it|let it (?:sit|rest)|"
    r"pause|pausing)\b",
    re.I,
)
#: "pause" followed by what is paused, not a time: an app's action ("pause the campaign"), not
#: the run itself ("pause the workflow", "with a pause", "pause between calls").
PAUSE_WORD = re.compile(r"\bpaus(?:e|es|ing)\b", re.I)
#: See PAUSE_WORD: "pause" with what is paused right after (an app action), not the run itself.
PAUSES_A_THING = re.compile(
    r"\bpaus(?:e|es|ing) (?:the|our|my|their|all|any|every|this|that|its|his|her|them|it)\b"
    r"(?! (?:whole |entire )?(?:workflow|run|execution|flow|loop|process|automation)s?\b)",
    re.I,
)
#: A delay word that describes something else ("a code tool that sleeps a minute").
DESCRIBES_A_TOOL_BEFORE = re.compile(
    r"\b(?:tool|node|function|script|code|agent)s?\s+(?:that|which)\s+$", re.I
)
#: A delay word describing how long a record has been in a state ("a ticket that has been
#: waiting 2 days for a reply", "is still waiting 3 days"): the event's condition, no step.
STATE_OF_RECORD_BEFORE = re.compile(
    r"\b(?:been|is|are|was|were|still|has|have|had|keeps?|left)\s+$", re.I
)
#: Where the clause of a delay or stop ends: punctuation, an arrow, "then / and / before" (narrower
#: than TRIGGER_CLAUSE_END: no ":").
DELAY_CLAUSE_END = re.compile(
    r"[.;!?\n]|,\s|\s(?:->|→|=>)\s|\b(?:then|and then|and|before)\b", re.I
)
#: Stopping the run with an error, beyond the spec's own words for it.
STOP_WORDS = re.compile(
    r"\b(?:abort(?:s|ing)?|kill(?:s|ing)?|terminat(?:e|es|ing)) (?:the )?(?:whole )?"
    r"(?:run|workflow|execution|flow|job)\b|"
    r"\b(?:stop|halt|end)(?:s|ping)? (?:the )?(?:run|workflow|execution|flow|job)? ?"
    r"(?:with|and (?:throw|raise|report)) (?:an? )?(?:\w+ )?(?:error|failure|exception)\b|"
    r"\b(?:throw|rais)(?:e|es|ing|s)? an? (?:\w+ )?(?:error|exception)\b|"
    r"\bfail (?:the (?:run|workflow|execution|job)|loudly|hard)\b",
    re.I,
)
#: A condition opening a clause ("if", "unless", "in case"): a stop in it goes on a branch.
CONDITION_WORD = re.compile(r"\b(?:if|when|whenever|unless|in case|once)\b", re.I)
#: Counts said in words in a duration ("a few hours" = 3, "a couple of days" = 2); unlike
#: SCHEDULE_COUNT_WORDS, no "other" / "twelve".
DURATION_COUNT_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "ten": 10,
    "fifteen": 15, "twenty": 20, "thirty": 30, "few": 3, "couple of": 2,
}  # fmt: skip
#: Unit prefixes of DURATION -> the Wait node's unit.
DURATION_UNITS = (("sec", "seconds"), ("min", "minutes"), ("h", "hours"), ("day", "days"))
#: A retry the request asks of a step: "retry it three times", "retry up to 5 times", "if the
#: call errors, retry twice", "with 3 retries". n8n does it with the node's own settings
#: (``retryOnFail``, ``maxTries``), not with an IF.
RETRY = re.compile(
    r"\bretr(?:y|ies|ying)\b(?:\s+(?:it|them|that|this|the\s+(?:[\w-]+\s+)?(?:call|request|"
    r"step|node|upload|lookup|query)))?\s*\(?(?:\s*(?:up to|at most|a maximum of|"
    r"max(?:imum)?(?: of)?))?\s+(?P<n>\d{1,2}|one|two|three|four|five|once|twice|thrice|"
    r"a couple of|a few)\b(?:\s+(?:more\s+)?(?:times?|tries|attempts))?|"
    r"\b(?P<m>\d{1,2}|two|three|four|five)\s+(?:re-?tries|retry attempts|attempts)\b",
    re.I,
)
#: The run still does something when the retries are used up: the IF stays.
AFTER_RETRIES = re.compile(
    r"\b(?:still fails?|keeps? failing|after (?:the|all|those|\w+) (?:retries|attempts)|"
    r"if (?:all|every) (?:retries|attempts) fail)\b",
    re.I,
)
#: A step that fails ("fails", "errors", "times out"): where a retry applies.
FAILS_OR_TIMES_OUT = re.compile(
    r"\b(?:fail\w*|errors?|erroring|errored|times? out|timeouts?)\b", re.I
)
#: Retry counts said in words ("twice", "a couple of", "three"), with the duration counts under
#: six.
RETRY_COUNT_WORDS = {"once": 1, "twice": 2, "thrice": 3, "a couple of": 2, "a few": 3,
          **{k: v for k, v in DURATION_COUNT_WORDS.items() if v < 6}}  # fmt: skip
#: A retry count said as the total ("3 tries", "max 5 attempts"), not as retries after the
#: first try ("retry it three times").
TRIES_WORD = re.compile(r"\b(?:tries|attempts)\b", re.I)


# --- Records acted on later, answers to callers, write-backs (offline.record_followups) ---
#: What is done to a record that exists, later ("archive it after 7 days"), and the catalog
#: operations that do it, best first. Not ORDER_VERBS: that maps every order to all the
#: operations it may mean ("archive" -> archive, close, update, edit); this one is narrower and
#: has "trash", "unpublish", "deactivate", which ORDER_VERBS lacks.
LATER_RECORD_ACTIONS = {
    "archive": ("archive", "update"),
    "delete": ("delete",),
    "remove": ("delete",),
    "trash": ("delete",),
    "close": ("close", "update"),
    "update": ("update",),
    "mark": ("update",),
    "move": ("move", "update"),
    "unpublish": ("update",),
    "deactivate": ("deactivate", "update"),
}
#: One of LATER_RECORD_ACTIONS as a verb in any form ("archives", "deleted", "closing"), group
#: "verb".
LATER_RECORD_VERB = r"(?P<verb>" + "|".join(LATER_RECORD_ACTIONS) + r")(?:s|d|ed|es|ing)?"
#: The action on the record with its delay, in either order: "archive it after 7 days",
#: "delete it a day later", "after a week, remove the card", "7 days later, close the ticket".
LATER_RECORD_ACTION = re.compile(
    r"\b"
    + LATER_RECORD_VERB
    + r"\s+(?:it|them|the\s+[\w-]+(?:\s+[\w-]+)?)\s+(?P<when>(?:after|in)\s+"
    r"[\w\s-]{1,25}?(?:seconds?|minutes?|hours?|days?|weeks?)|[\w\s-]{1,25}?(?:seconds?|"
    r"minutes?|hours?|days?|weeks?)\s+(?:later|afterwards?|after(?:wards)?))\b|"
    r"\b(?P<when2>(?:after|in)\s+[\w\s-]{1,25}?(?:seconds?|minutes?|hours?|days?|weeks?)|"
    r"[\w\s-]{1,25}?(?:seconds?|minutes?|hours?|days?|weeks?)\s+later),?\s+(?:then\s+)?"
    r"(?P<verb2>" + "|".join(LATER_RECORD_ACTIONS) + r")\s+(?:it|them|the\b)",
    re.I,
)
#: (HIN13) The caller told or handed something by another verb than answer/reply/respond:
#: "let the caller know it worked", "give the caller the conversation id", "acknowledge the
#: request with a 201", "hand the profile back", "confirm back to the ERP", "the caller should
#: get back whether it's valid". Read only when a webhook starts the workflow.
_CALLER_TOLD = (
    # (not "the sender": on a webhook of mails or forms, the person who wrote, mailed back)
    r"\b(?:let|tell|notify|inform|update|give|show)\s+(?:the\s+)?(?:caller|requester|"
    r"calling\s+(?:system|app|service|server|side))\b|"
    r"\backnowledg\w*\s+(?:the\s+|each\s+|every\s+)?(?:request|call|caller|webhook|post|"
    r"receipt)s?\b|"
    r"\b(?:caller|requester)\s+(?:should\s+|will\s+|must\s+|can\s+)?(?:get|gets|"
    r"receives?)\b|"
    r"\b(?:give|gives|giving|hand|hands|handing|pass|passes|passing)\s+(?:[\w-]+\s+){0,3}?back\b|"
    r"\bconfirm\w*\s+back\b"
)
#: The caller is answered: "answer with ...", "send back ...", "reply to the caller",
#: "return the temperature", "... in the response", "respond with ..." (or ``_CALLER_TOLD``).
ANSWER_TO_CALLER = re.compile(
    _CALLER_TOLD + r"|"
    r"\b(?<!the )(?<!a )(?<!an )(?<!its )(?<!their )(?<!our )(?<!my )"
    r"(?:answer(?:s|ing)?|repl(?:y|ies|ying)|respond(?:s|ing)?)\s+(?:\w+\s+)?with\b|"
    r"\b(?:answer(?:s|ing)?|repl(?:y|ies|ying)|respond(?:s|ing)?)\s+(?:back\s+)?to\s+the\s+"
    r"(?:caller|request(?:er)?|client|sender)\b|"
    r"\bsend(?:s|ing)?\s+(?:(?:it|them|that|this|the\s+\w+(?:\s+\w+)?|their\s+\w+(?:\s+\w+)?)"
    r"\s+)?back\b|"
    r"\breturn(?:s|ing)?\s+(?:the|its|their|a|an|whether|true|false|it)\b|"
    r"\b(?:back\s+to|to)\s+the\s+caller\b|\bin\s+the\s+(?:http\s+)?response\b",
    re.I,
)
#: "answer with Claude", "reply with an AI agent": who writes the answer, not what the caller
#: is sent.
BY_A_MODEL = re.compile(
    r"\s+(?:an?\s+)?(?:ai\b|llm|agent|model|gpt|chatgpt|claude|gemini|openai|anthropic|"
    r"mistral|llama|ollama|groq|deepseek|perplexity)",
    re.I,
)
#: (HIN13) A text the run writes put on the record that started it as a note or a comment:
#: "add the summary as a comment on the card", "log it as a note on the deal", "post the
#: summary as an internal comment on the ticket".
NOTE_ON_RECORD = re.compile(
    r"\b(?:add|adds|post|posts|log|logs|attach|attaches|leave|leaves|save|saves|put|puts|"
    r"write|writes|drop|drops|store|stores)\s+(?:it|them|that|this|the\s+[\w-]+)\s+as\s+"
    r"(?:an?\s+)?(?:(?:internal|private|public|short)\s+)?(?P<kind>note|comment)s?\b"
    r"(?:\s+(?:on|to|in|under)\s+(?:the|that|this|each|its)\s+(?P<record>[\w-]+))?",
    re.I,
)
#: (S13) Where a ``NOTE_ON_RECORD`` note goes when no record of the trigger's app follows: a
#: place named after it ("... as a note in Salesforce", "as a comment in our Slack thread") is
#: another app's, so the trigger's app gets no note step.
NOTE_PUT_ELSEWHERE = re.compile(r"\s+(?:in|into|to|on|onto|at|via|inside|within)\s", re.I)
#: (HIN13) Operations that add a note or a comment to a record, by their names in n8n.
NOTE_OPERATIONS = ("create", "add", "addComment", "createComment")
#: The result goes back onto the record that started the run: "write it back to the row",
#: "save the summary back onto the page", "update the person with the industry", "tag the
#: ticket with the result", "set it on the issue", "put the translation back in the same row".
WRITE_BACK = re.compile(
    r"\b(?:write|writes|save|saves|store|stores|put|puts|add|adds|push|pushes|sync|syncs)\s+"
    r"(?:[\w'-]+\s+){0,4}?back\b(?:\s+(?:to|into|onto|in|on)\s+(?:the|that|this|its|each)\s+"
    r"(?:same\s+|original\s+)?(?P<place>[\w-]+))?|"
    r"\b(?:update|updates|enrich|enriches|tag|tags|label|labels)\s+(?:the|that|this|each|its)\s+"
    r"(?:same\s+|original\s+)?(?P<object>[\w-]+)\b|"
    r"\b(?:set|sets|write|writes|store|stores|save|saves)\s+(?:it|them|that|the\s+[\w-]+)\s+"
    r"(?:on|onto|in|into|to)\s+(?:the|that|this|each)\s+(?:same\s+)?(?P<target>[\w-]+)\b",
    re.I,
)
#: The object is placed in something else: "... in n8n", "... into Airtable".
WRITTEN_ELSEWHERE = re.compile(
    r"\s+(?:in|into|on|to)\s+(?!(?:the|that|this|its|each|same)\b)", re.I
)


# --- Objects near an app: where, what for, what else (engine.offline.near_object) ---
#: Owners and quantities between an object and the app it belongs to: "on our", "of this
#: quarter's", "per", "across all the".
BETWEEN_OBJECT_AND_APP = (
    r"(?:(?:the|our|my|your|their|its|all|each|every|this|that|these|[a-z]+'s|\d+|"
    r"current|active|upcoming|next|latest|last|first|recent)\s+){0,3}"
)
#: "<object> on/of/per <owner> <App>": the object written before the app ("comments on my",
#: "clicks per"). Not "from": "questions from our <Notion> docs" are what the docs hold.
OBJECT_BEFORE_APP = re.compile(
    r"(?:^|\s)([a-z][a-z-]*)\s+(on|of|per)\s+" + BETWEEN_OBJECT_AND_APP + "$"
)
#: "<object> (that) I follow on <App>", "the shows we watch on <App>": what someone did there.
DONE_THERE = re.compile(
    r"(?:^|\s)([a-z][a-z-]*)\s+(?:that\s+|which\s+)?(?:we|i|you|they)\s+(?:have\s+|had\s+)?"
    r"[a-z]+\s+(?:on|in|to|at|into|from|with)\s+" + BETWEEN_OBJECT_AND_APP + "$",
    re.I,
)
#: "..., plus one <object> per ...", "as well as a <object>": a second object of the same verb.
ALSO_ASKED = re.compile(
    r"\b(?:plus|as\s+well\s+as|along\s+with|together\s+with)\s+(?:a|an|one|\d+)\s+"
    r"([a-z][a-z-]*)"
)
#: A record's state written as a participle: "the <App> tasks I completed", "completed tasks".
#: Each group is one state; the node can read it when its description says any of them.
RECORD_STATES = (
    frozenset({"completed", "finished", "done"}),
    frozenset({"closed", "resolved", "solved"}),
    frozenset({"archived"}),
    frozenset({"starred", "favorited", "favourited"}),
    frozenset({"deleted", "trashed"}),
)
#: Where the app's name is a noun's modifier ("the <App> tasks", "our <App> goals", "per
#: <App> link", the clause opening with it): the words after it are that noun.
MODIFIER_PLACE = re.compile(
    r"(?:^|\b(?:the|a|an|my|our|your|their|its|this|these|those|each|every|all|per|"
    r"latest|last|recent|current|[a-z]+'s))\s*$",
    re.I,
)
#: The app and its noun say where something comes from or goes: "from our <App> template",
#: "into the <App> board".
SOURCE_OR_PLACE = re.compile(
    r"\b(?:from|in|into|to|onto|at|inside|within)\s+(?:(?:the|a|an|my|our|your|their|its)\s+)?$",
    re.I,
)
#: "I want / we need an <object> in <App>": the object made there.
WANTED_IN = re.compile(
    r"\b(?:want|need|like|wants|needs)\s+(?:a|an|one|the)\s+([a-z]+)\s+(?:in|on)\s+$"
)
#: The app named right after an event's opening: the clause is the trigger's event.
EVENT_LEAD = re.compile(
    r"\b(?:when|whenever|once|if|each\s+time|every\s+time|as\s+soon\s+as)\s+"
    r"(?:(?:a|an|the|our|my|new|any)\s+)*$",
    re.I,
)
#: "<App> <container> for <object>": what is looked for in the place the app names.
FOR_WHAT = re.compile(r"^\s*(?:[a-z]+\s+){1,2}for\s+(.*)$", re.S)
#: "with checklist items", "with line entries": parts of a kind made with the app's record.
WITH_PARTS = re.compile(
    r"\bwith\s+(?:(?:a|an|one|some|several|\d+)\s+)?([a-z]+)\s+(?:items|entries|lines)\b"
)
#: Where the words after an object stop describing it: it heads into a place ("into",
#: "to", "onto") or an arrow.
HEADING_INTO = re.compile(r"\b(?:into|to|onto)\b|->|\u2192")


# --- Keeping only some items: filters said in words (engine.offline.keep_only) ---
#: Where the qualifier ends: the end of the clause.
FILTER_CLAUSE_END = re.compile(
    r"[.;!?\n]|,|\s(?:->|→|=>)|\b(?:then|and|should|must|will|gets?|go(?:es)?|become)\b", re.I
)
#: "the score is below 7": the verb before a comparison hides the field from the reader.
IS_BEFORE_COMPARISON = re.compile(
    r"\b(is|are|was|were)\s+(?=(over|above|under|below|more|less|greater|fewer|higher|lower|"
    r"at least|at most)\b)",
    re.I,
)
#: A negation in a filter's qualifier ("without a phone", "not marked paid"): the condition is the
#: opposite.
NEGATED_CONDITION = re.compile(r"\b(without|not|no|never|isn'?t|aren'?t|don'?t|doesn'?t)\b", re.I)
#: Relative and negation words that lead a qualifier and say nothing of the field itself.
FILTER_LEAD = re.compile(r"^(that|which|who|where|whose|with|without|not)\s+", re.I)
#: Words that stand for the items, not a field of them ("the ones over $500").
FILTER_PRONOUNS = frozenset("ones one those these them any all each every items".split())
#: "marked as blockers", "talking about postgres", "owned by the test queue": the mark, the
#: topic or the person, in the words the condition reader knows ("tagged X", "F contains X").
MARK_AS = re.compile(r"\b(marked|tagged|labell?ed|flagged)\s+as\s+", re.I)
#: A filter on what items talk about ("talking about", "mentioning", "containing"): a text-contains
#: condition.
TOPIC_WORDS = re.compile(
    r"\b(?:talk(?:s|ing)?\s+about|about|mention(?:s|ing)?|containing)\s+", re.I
)
#: Who made or holds an item ("owned by", "assigned to", "created by") -> the field a filter
#: compares.
MADE_BY_WORDS = {
    "owned by": "owner",
    "assigned to": "assignee",
    "created by": "creator",
    "sent by": "sender",
}
#: Determiners and possessives before the person of MADE_BY_WORDS ("owned by our team"): not the
#: value.
OWN_WORDS = frozenset("the a an our my your their its his her own".split())
#: A qualifier that opens with one of MADE_BY_WORDS (or "sent by", "from"): its value follows.
MADE_BY_PHRASE = re.compile(r"^(owned by|assigned to|created by|sent by|from)\s+(?:the\s+)?", re.I)
#: A sum of money in a condition ("$500", "10k", "200 euros"): the field compared is a number.
MONEY_AMOUNT = re.compile(r"[$€£]|\d\s*k\b|\b(usd|eur|gbp|euros?|dollars?|pounds?)\b", re.I)


# --- Figures: counts and totals per group (engine.offline.figures) ---
#: Words after "per"/"by" that name no field of the items: times, channels, people, amounts.
NOT_A_FIELD_WORDS = frozenset(
    "a an the each every email e-mail mail slack teams telegram sms text day week month year "
    "hour minute morning evening night monday tuesday wednesday thursday friday saturday "
    "sunday me us them it end default name".split()
)
#: A negative lookahead: what follows is not one of NOT_A_FIELD_WORDS (no field to group by).
NOT_A_FIELD = r"(?!(?:" + "|".join(NOT_A_FIELD_WORDS) + r")\b)"
#: What numbers are grouped by, said two ways: "per stage" / "for each owner" after anything,
#: "by priority" only after a count, a total, a table or a grouping ("send it by Gmail" is no
#: group). The group's word is the last group of the match.
PER_GROUP = r"\b(?:per|for each)\s+(?:lead |deal |ticket |order )?" + NOT_A_FIELD + r"([a-z]{3,})\b"
#: See PER_GROUP: "by <field>" only after a count, total, table or grouping.
BY_GROUP = (
    r"\b(?:group(?:ed|ing|s)?|broken down|split|sorted|break\w* (?:it |them )?down|"
    r"(?:number|count|total|sum|average|avg|table)s?)(?: of)?(?:\s+[\w$'-]+){0,5}?\s+by\s+"
    + NOT_A_FIELD
    + r"([a-z]{3,})\b"
)
#: A table, figures, KPIs or numbers per group the request asks to be made and sent.
FIGURES_ASK = re.compile(
    r"\bas (?:a |an |one )?(?:\w+ )?table\b|\btabular\b|\btable format\b|"
    r"\b(?:a|one) (?:\w+ )?tables? (?:of|with|showing|listing|in (?:the|an?|my|our) "
    r"(?:e-?mail|mail|message|body|post))\b|"
    r"\bkpis?\b|\bplain numbers\b|\bthe figures\b|\b(?:key|headline) (?:numbers|figures)\b|"
    r"\b(?:number|count|total|sum|average|avg|mean|report|breakdown|tally)s?\b"
    r"(?:\s+[\w$'-]+){0,5}?\s+" + PER_GROUP + "|" + BY_GROUP,
    re.I,
)
#: The field the numbers are grouped by (``PER_GROUP`` first, then ``BY_GROUP``).
GROUP_BY = (re.compile(PER_GROUP, re.I), re.compile(BY_GROUP, re.I))


# --- Intent: turn openings, small talk, account asks (engine.intent features/answer/classifier) ---
#: An assistant turn that delivered a workflow. The pipeline sets ``Message.workflow``; the
#: dataset (and chat transcripts pasted back in) only have the text, which our own replies open
#: with "Built:", "Done:", "Here's the workflow", "Updated:" or describe as "A -> B".
DELIVERED_WORKFLOW_REPLY = re.compile(
    r"^\s*(built|done|updated|here'?s (the|your|a) workflow|here it is)\b|->|\u2192", re.I
)
#: (intent feature "question_opening") A turn opening like a question: a question word,
#: in English, German, Spanish or French, or "explain" / "describe" / "tell me how ...".
QUESTION_OPENING = re.compile(
    r"^\s*(how|what|what's|whats|where|why|which|who|is|are|can|could|does|do|did|should|will|"
    r"would|am|isn't|was|wie|warum|qu[eé]|c[oó]mo|por qu[eé]|est-ce|pourquoi|comment|explain|"
    r"describe|tell me (?:about|how|what|why|if|whether))\b",
    re.I,
)
#: (intent feature "trigger_phrase") Words saying how a workflow starts: a frequency,
#: "whenever", "webhook", "trigger", "on new", "when a/someone/we ..." - and the same words in
#: Spanish, Portuguese, German, French and Italian ("cada lunes", "todos os dias", "jeden
#: Freitag", "chaque matin", "ogni volta che", "quand un", "wenn ein"; HIN5): a request in
#: another language says how it starts in its own words, and the model, trained on English,
#: read one naming a single app as small talk.
TRIGGER_PHRASE = re.compile(
    r"\b(every|each|daily|weekly|hourly|nightly|monthly|whenever|webhook|triggers?|triggered|"
    r"scheduled?|cron|on new|when (a|an|someone|new|the|i|we|my|our)\b"
    r"|cada|tod[oa]s (?:los|las|os|as)|todo (?:dia|d[ií]a|m[eê]s)|siempre que|sempre que"
    r"|jede[nrms]?|t[aä]glich|w[oö]chentlich|st[uü]ndlich|monatlich|immer wenn|sobald"
    r"|chaque|tou(?:te)?s les|d[eè]s que|ogni"
    r"|(?:cuando|quando|quand|wenn) (?:llegue|llega|chegar|chega|se|un|una|um|uma|une|ein|eine"
    r"|einer|neue[rs]?|alguien|algu[eé]m|quelqu'un|jemand|je|on)\b)",
    re.I,
)
#: (intent feature "account_words") Words about the NodePilot account: credits, plans,
#: billing, password, subscription. Narrower than ``ACCOUNT_ASK`` (the reply's reading).
ACCOUNT_WORDS = re.compile(
    r"\b(credits?|plans?|billing|refund|password|account|subscription|workspace|pricing|price|"
    r"charged|nodepilot|invoice for|free tier|upgrade|cancel my)\b",
    re.I,
)
#: (HIN5) Verbs of an order in Spanish, Portuguese, German, French and Italian, in the
#: imperative ("envíame", "mande", "schick", "ajoute", "invia"), with a pronoun joined on
#: ("envoie-moi") and an optional "please" before.
_OTHER_LANGUAGE_ORDER_VERB = (
    r"(?:(?:bitte|por favor|s'il te pla[iî]t)\s+)?(?:env[ií]a|m[aá]nda|guarda|crea|a[ñn]ade|"
    r"agrega|sincroniza|publica|av[ií]sa|notif[ií]ca|sube|envie|envia|mande|me (?:mande|envie|"
    r"avise)|salva|crie|adicione|publique|avise|schick|sende|speicher|erstell|f[uü]ge|kopier|"
    r"benachrichtig|envoie|ajoute|cr[ée]e|enregistre|sauvegarde|publie|pr[ée]viens|invia|"
    r"aggiungi)(?:me|nos|le|lo|la|e|-moi|-nous|-lui|mi|ci)?\b"
)
#: (HIN5) An order in another language: such a verb opening the turn or a clause ("Chaque
#: matin à 8h, envoie-moi la météo sur Telegram"), or a German order whose verb closes it
#: ("Neue Typeform-Antworten bitte in Google Sheets speichern", "Jeden Freitag ... schicken").
#: The model, trained on English, reads the embedding of such a turn as a question or small
#: talk; naming an app, with nothing asked, it is a request (``engine.intent.classifier``).
OTHER_LANGUAGE_ORDER = re.compile(
    rf"(?:^\s*|[,;:.!]\s+|\b(?:y|e|und|et|dann|luego|puis|depois|poi)\s+|\b(?:cada|ogni|"
    rf"jede[nrms]?|chaque|tou(?:te)?s les|tod[oa]s (?:los|las|os|as))\s+(?:[\w'-]+\s+){{1,4}}?)"
    rf"{_OTHER_LANGUAGE_ORDER_VERB}"
    r"|\b(?:speichern|schicken|senden|erstellen|hinzuf[uü]gen|posten|kopieren|anlegen|"
    r"eintragen|benachrichtigen)\s*[.!]?\s*$",
    re.I,
)
#: (HIN6) An order asked politely or as a possibility in another language, with its verb in the
#: infinitive ("Pouvez-vous envoyer chaque nouveau ticket Freshdesk sur Slack ?", "Kannst du
#: jede neue Stripe-Zahlung in Airtable eintragen?", "É possível mandar os novos pedidos do
#: Shopify para o Telegram?", "Est-ce qu'on peut créer une tâche Asana ...?"): the English
#: "can you send ...?" of those languages - an order, though it ends with "?". Not when a
#: question word or n8n's node comes between ("¿Puedes explicarme cómo enviar ...?" asks how).
OTHER_LANGUAGE_ASKED_ORDER = re.compile(
    r"(?:^|[,;:.!¿]\s*)\s*(?:¿\s*)?(?:pouvez-vous|peux-tu|pourrais-tu|pourriez-vous|peut-on|"
    r"est-ce qu'(?:on|il est possible de)|est-ce que (?:tu peux|vous pouvez|on peut)|on peut|"
    r"kannst du|k[oö]nntest du|k[oö]nnen sie|k[oö]nnten sie|kann man|ist es m[oö]glich,?|"
    r"puedes|podr[ií]as|puede|podr[ií]a|se puede|es posible|[eé] poss[ií]vel|voc[eê] pode|"
    r"pode|podes|d[aá] para|puoi|potresti|pu[oò]i|si pu[oò]|[eè] possibile)\s+"
    # not past a question word, nor n8n's node in those languages ("le nœud Slack")
    r"(?:(?!c[oó]mo\b|comment\b|wie\b|come\b|quoi\b|que\b|qu[eé]\b|was\b|o que\b|"
    r"n(?:œ|oe)uds?\b|knoten\b|nod[oi]s?\b|n[oó]s\b)"
    r"[\w'\u2019-]+\s+){0,8}?"
    r"(?:enviar|mandar|guardar|crear|a[ñn]adir|agregar|publicar|avisar|notificar|subir|copiar|"
    r"salvar|criar|adicionar|registrar|envoyer|ajouter|cr[ée]er|enregistrer|sauvegarder|"
    r"publier|pr[ée]venir|copier|transf[ée]rer|inviare|mandare|salvare|creare|aggiungere|"
    r"pubblicare|avvisare|copiare|schicken|senden|speichern|erstellen|hinzuf[uü]gen|posten|"
    r"kopieren|anlegen|eintragen|benachrichtigen|[uü]bertragen)\b",
    re.I,
)
#: (HIN6) A wish in another language opening the turn ("Ich hätte gern jeden Morgen eine
#: Zusammenfassung meiner Gmail-Mails in Slack", "Je voudrais chaque lundi ..."): with a start
#: word and an app, the flow wished for - the English "I'd like ... every morning".
OTHER_LANGUAGE_WISH = re.compile(
    r"^\s*(?:ich (?:h[aä]tte gerne?|m[oö]chte|w[uü]rde gerne?)|wir (?:h[aä]tten gerne?|"
    r"m[oö]chten|w[uü]rden gerne?)|(?:yo )?(?:quiero|quisiera)|(?:nosotros )?queremos|"
    r"me gustar[ií]a|nos gustar[ií]a|je (?:voudrais|veux|souhaite)|j'aimerais|nous (?:voudrions|"
    r"voulons|souhaitons)|(?:eu )?(?:quero|gostaria)|(?:n[oó]s )?(?:queremos|gostar[ií]amos)|"
    r"vorrei|voglio|vogliamo|mi piacerebbe|ci piacerebbe)\b",
    re.I,
)
#: (HR20) Asked, in another language, to be taught or told how ("quiero que cada lunes me
#: expliques cómo usar Airtable", "ich möchte, dass du mir erklärst, wie ..."): a wish with a
#: start word that asks to be taught is no order for a workflow.
OTHER_LANGUAGE_TEACH_ME = re.compile(
    r"\b(?:expli(?:ques|que|quen|car|quer|quez|ca|chi|care)|erkl[äa]r(?:st|en|e)?|"
    r"ens(?:e|i)[nñ]a(?:r|s|me)?|insegn(?:a|ami|are)|apprends-moi|montre-moi comment)\b",
    re.I,
)
#: (HR20) The asker installing or connecting an app as the condition of what is asked ("would
#: new Jira issues show up in Slack if I install the Jira Cloud app?"): how that integration
#: behaves, not a flow to build.
IF_ASKER_INSTALLS = re.compile(r"\bif (?:i|we) (?:install|enable|turn on|activate)\b", re.I)
#: (HIN5) A turn in another language that tells what the asker or people around them do or
#: did: a subject ("ich", "je", "eu", "io", "wir" ...; not "yo" nor "EU", English words too) or
#: "yesterday" / "today" opening it, with no wish or need ("ich möchte", "quiero", "je voudrais",
#: "preciso" are wishes). With no order in it (``OTHER_LANGUAGE_ORDER``) and no question, it
#: is small talk - the model read its app and frequency ("Ich benutze Notion jeden Tag") as a
#: flow.
OTHER_LANGUAGE_STATEMENT = re.compile(
    r"^(?!.*\b(?:m[oö]chte|will|wollen|brauche|brauchen|quiero|queremos|necesito|necesitamos|"
    r"quisiera|veux|voudrais|voulons|aimerais|besoin|quero|queremos|preciso|precisamos|gostaria|"
    r"voglio|vorrei|vogliamo|ho bisogno)\b)"
    r"\s*(?:ich|wir|nosotros|je|j'|nous|(?-i:[Ee]u)|n[oó]s|io|noi|ayer|hoy|gestern|heute|hier|"
    r"aujourd'hui|ontem|hoje|ieri|oggi)\b",
    re.I | re.S,
)
#: (intent feature "imperative_opening") A turn opening with an order ("send ...",
#: "set up ...", "i need ...", "can you build ...").
IMPERATIVE_OPENING = re.compile(
    r"^\s*(please\s+)?(send|create|build|make|post|fetch|get|pull|sync|save|add|copy|generate|"
    r"monitor|watch|check|scrape|forward|notify|alert|collect|upload|download|read|write|import|"
    r"export|backup|back up|set up|setup|automate|i want|i need|we need|we want|"
    r"can you (build|make|create|set))\b"
    # (HIN5) the same orders in Spanish, Portuguese, German, French and Italian
    rf"|^\s*(?:{_OTHER_LANGUAGE_ORDER_VERB})",
    re.I,
)
#: (intent feature "greeting_or_thanks") A turn opening with a greeting, thanks or an
#: acknowledgement ("hi", "thanks", "ok", "perfect").
GREETING_OR_THANKS_OPENING = re.compile(
    r"^\s*(hi|hello|hey|hallo|thanks|thank you|thx|ok|okay|cool|great|bye|"
    r"good (morning|evening|night)|perfect|awesome|nice)\b",
    re.I,
)
#: "can you build me ...", "could you please set up ...": a polite wrapper around an order. It
#: is removed before the features and the embedding, so the turn reads as the order it is.
POLITE_BUILD_WRAPPER = re.compile(
    r"^\s*(?:(?:hey|hi|hello)[,!]?\s+)?(?:(?:can|could|would|will) (?:you|u)|would you mind|"
    r"i(?:'d| would) like you to|please)\s+(?:please\s+)?(?:help me\s+(?:to\s+)?)?"
    r"(?=(?:build|make|create|set up|setup|automate|design|generate|put together|whip up)\b)",
    re.I,
)
#: An ask to ignore the rules or reveal keys, passwords, secrets or the instructions: the
#: reply is a fixed refusal before anything else runs (engine.intent.answer).
PROMPT_INJECTION = re.compile(
    r"\b(?:ignore|disregard|forget|override|bypass)\b.{0,40}\b(?:instructions?|rules?|prompts?|"
    r"guidelines?|previous|above)\b|\bsystem prompt\b|\bdeveloper mode\b|\bjailbreak\b|\bDAN\b|"
    r"\b(?:print|show|reveal|tell|give|send|leak|dump|output|display|what(?:'s| is| are))\b.{0,40}"
    r"\b(?:api[ _-]?keys?|secret|secrets|passwords?|tokens?|credentials?|env(?:ironment)? "
    r"variables?|\.env|instructions|prompt)\b",
    re.I | re.S,
)
#: A turn opening with a greeting, in a few languages: the reply is the product pitch.
GREETING_OPENING = re.compile(
    r"^\s*(?:hi|hello|hey|hallo|hola|bonjour|good (?:morning|afternoon|evening)|yo|howdy)\b", re.I
)
#: Thanks or "it works": the reply invites the next change.
THANKS_WORD = re.compile(
    r"\b(?:thanks?|thank you|thx|merci|gracias|danke|cheers|perfect|great|awesome|works|"
    r"worked|imported fine)\b",
    re.I,
)
#: A goodbye or "not now": the reply invites the next change.
GOODBYE = re.compile(r"\b(?:bye|goodbye|see you|later|not now|maybe tomorrow|have a nice)\b", re.I)
#: "Who are you", "what can you do", "help me": the reply is the product pitch (looser than
#: ``ABOUT_THE_ASSISTANT``, which the classifier reads).
ABOUT_NODEPILOT_ASK = re.compile(
    r"\b(?:who are you|what are you|what can you do|what is this (?:tool|app|thing)|"
    r"are you (?:a )?(?:real|human|bot|ai)|who (?:built|made) you|what do you do|help me)\b",
    re.I,
)
#: An ask about the account, billing, plans, privacy or support: the reply points to where
#: the answer lives, never a made-up price.
ACCOUNT_ASK = re.compile(
    r"\b(?:credits?|plans?|pricing|price|prices|cost|costs|billing|invoice|refund|charged|pay|"
    r"payment|subscription|subscribe|upgrade|downgrade|cancel|password|log ?in|sign ?in|account|"
    r"workspace|invite|team members?|delete my|gdpr|privacy|data retention|store (?:my|the) "
    r"workflows|support team|contact support|free (?:tier|plan|trial)|discount|api key for "
    r"nodepilot|history)\b",
    re.I,
)
#: Words of five or more letters a question uses that name no node option: left out when
#: matching a question to a node's option labels (engine.intent.answer.node_fact).
NODE_FACT_STOP_WORDS = frozenset(
    "about after again there their these those which where would could should while using "
    "other every thing things doesn make want needs need does with from into what when before "
    "behind first second third steps there here something workflow workflows node nodes".split()
)
#: Question and function words left out of the terms a question is matched to tips by.
TIP_SEARCH_STOP_WORDS = frozenset(
    "how what why when where which who can could does do did is are the a an in on of to for "
    "with and or my i me it this that be n8n node nodes use using work works".split()
)
#: A question's opening words: a fragment opening with one is a real question.
QUESTION_FRAGMENT_OPENING = re.compile(
    r"\s*(?:how|what|what's|where|why|which|who|whom|whose|when|is|are|can|could|does|do|did|"
    r"should|will|would|am|isn't|aren't|was|were|has|have|may|might|shall)\b",
    re.I,
)
#: A choice between things ("Mailchimp or ConvertKit", "Airtable vs Notion", "which is better").
CHOICE_BETWEEN = re.compile(
    r"\b(?:or|vs\.?|versus|better|compare\w*|difference|alternative\w*)\b", re.I
)
#: "now build another one", "a new workflow that ...", "separately, ...": a fresh workflow even
#: though one exists in the conversation.
NEW_WORKFLOW_ASK = re.compile(
    r"\b(?:another|a new|a second|a separate|a different|separate|new) (?:one|workflow|flow|"
    r"automation|zap)\b|\bfrom scratch\b|\bstart over\b",
    re.I,
)


# --- App names: aliases, everyday words, catalog names that are no app (engine.intent.names) ---
#: Hand-written aliases -> node type (apps, vector stores, AI tools, a few core nodes whose
#: names are unambiguous protocol words). ``None`` removes a catalog-derived key.
APP_NAME_ALIASES: dict[str, str | None] = {
    "gsheet": BASE + "googleSheets",
    "gsheets": BASE + "googleSheets",
    "g sheets": BASE + "googleSheets",
    "google sheet": BASE + "googleSheets",
    "google spreadsheet": BASE + "googleSheets",
    "google spreadsheets": BASE + "googleSheets",
    "gdrive": BASE + "googleDrive",
    "drive folder": BASE + "googleDrive",  # "the Drive folder 'Contracts'" (ambiguous)
    "drive": BASE + "googleDrive",  # "lands in Drive", "our shared drive" (ambiguous)
    "g drive": BASE + "googleDrive",
    "gdocs": BASE + "googleDocs",
    "gdoc": BASE + "googleDocs",
    "google doc": BASE + "googleDocs",
    "gcal": BASE + "googleCalendar",
    "google cal": BASE + "googleCalendar",
    "gchat": BASE + "googleChat",
    "gmail": BASE + "gmail",
    "g mail": BASE + "gmail",
    "google mail": BASE + "gmail",
    # Google Workspace's mail is Gmail ("a new Google Workspace mail arrives")
    "google workspace mail": BASE + "gmail",
    "google workspace email": BASE + "gmail",
    "workspace mail": BASE + "gmail",
    "bigquery": BASE + "googleBigQuery",
    "big query": BASE + "googleBigQuery",
    "firestore": BASE + "googleFirebaseCloudFirestore",
    "google my business": BASE + "googleBusinessProfile",
    "youtube": BASE + "youTube",
    "postgresql": BASE + "postgres",
    "postgre": BASE + "postgres",
    "mongo": BASE + "mongoDb",
    "mssql": BASE + "microsoftSql",
    "sql server": BASE + "microsoftSql",
    # short forms people write in terse requests ("SF: opp goes Closed Won", "GH check run
    # fails", "pg: table orders", "o365 mailbox"); everyday letters, so ambiguous
    "sf": BASE + "salesforce",
    "sfdc": BASE + "salesforce",
    "gh": BASE + "github",
    "pg": BASE + "postgres",
    "tg": BASE + "telegram",
    "hs": BASE + "hubspot",
    "qbo": BASE + "quickbooks",
    "o365": BASE + "microsoftOutlook",
    "office 365": BASE + "microsoftOutlook",
    "office365": BASE + "microsoftOutlook",
    "m365": BASE + "microsoftOutlook",
    "microsoft 365": BASE + "microsoftOutlook",
    "ms teams": BASE + "microsoftTeams",
    "msteams": BASE + "microsoftTeams",
    "teams": BASE + "microsoftTeams",
    "outlook": BASE + "microsoftOutlook",
    "outlook com": BASE + "microsoftOutlook",
    "hotmail": BASE + "microsoftOutlook",  # Outlook.com's old name, still the address people use
    "onedrive": BASE + "microsoftOneDrive",
    "one drive": BASE + "microsoftOneDrive",
    "sharepoint": BASE + "microsoftSharePoint",
    "excel": BASE + "microsoftExcel",
    "excel online": BASE + "microsoftExcel",
    "ms to do": BASE + "microsoftToDo",
    "microsoft todo": BASE + "microsoftToDo",
    "dynamics crm": BASE + "microsoftDynamicsCrm",
    "twitter": BASE + "twitter",
    "tweet": BASE + "twitter",
    "tweets": BASE + "twitter",
    "x twitter": BASE + "twitter",
    "whatsapp": BASE + "whatsApp",
    "whats app": BASE + "whatsApp",
    "webex": BASE + "ciscoWebex",
    "jira": BASE + "jira",
    "quickbooks": BASE + "quickbooks",
    "quick books": BASE + "quickbooks",
    "sendinblue": BASE + "sendInBlue",
    "infusionsoft": BASE + "keap",
    "rocket chat": BASE + "rocketchat",
    "rocketchat": BASE + "rocketchat",
    "sentry": BASE + "sentryIo",
    "hunter io": BASE + "hunter",
    "woocommerce": BASE + "wooCommerce",
    "woo": BASE + "wooCommerce",  # "our Woo store" (ambiguous)
    "woo commerce": BASE + "wooCommerce",
    "hubspot": BASE + "hubspot",
    "hub spot": BASE + "hubspot",
    "zoho": BASE + "zohoCrm",
    "openweather": BASE + "openWeatherMap",
    "open weather map": BASE + "openWeatherMap",
    "aws s3": BASE + "awsS3",
    "s3": BASE + "awsS3",
    "amazon s3": BASE + "awsS3",
    "aws lambda": BASE + "awsLambda",
    "lambda": None,
    "dynamodb": BASE + "awsDynamoDb",
    "sqs": BASE + "awsSqs",
    "ses": None,
    "amazon ses": BASE + "awsSes",
    "aws ses": BASE + "awsSes",
    "textract": BASE + "awsTextract",
    "perplexity": BASE + "perplexity",
    "hacker news": BASE + "hackerNews",
    "hackernews": BASE + "hackerNews",
    "wordpress": BASE + "wordpress",
    "word press": BASE + "wordpress",
    "mailer lite": BASE + "mailerLite",
    "typeform": BASE + "typeformTrigger",
    "type form": BASE + "typeformTrigger",
    "jotform": BASE + "jotFormTrigger",
    "calendly": BASE + "calendlyTrigger",
    "cal com": BASE + "calTrigger",
    "toggl": BASE + "togglTrigger",
    "gumroad": BASE + "gumroadTrigger",
    "github": BASE + "github",
    "git hub": BASE + "github",
    "bitbucket": BASE + "bitbucketTrigger",
    "facebook lead ads": BASE + "facebookLeadAdsTrigger",
    "fb lead ads": BASE + "facebookLeadAdsTrigger",
    "fb lead ad": BASE + "facebookLeadAdsTrigger",
    # two-letter nicknames of social apps ("FB page", "IG post", "YT video"): ambiguous
    "fb": BASE + "facebookGraphApi",
    "ig": BASE + "facebookGraphApi",
    "insta": BASE + "facebookGraphApi",
    "yt": BASE + "youTube",
    "facebook": BASE + "facebookGraphApi",
    "instagram": BASE + "facebookGraphApi",
    "linkedin": BASE + "linkedIn",
    "mailchimp": BASE + "mailchimp",
    "mail chimp": BASE + "mailchimp",
    "pagerduty": BASE + "pagerDuty",
    "pager duty": BASE + "pagerDuty",
    "clickup": BASE + "clickUp",
    "click up": BASE + "clickUp",
    "monday com": BASE + "mondayCom",
    "monday": BASE + "mondayCom",  # "our Monday board" (ambiguous, ``NAMED_BY_RECORD_ONLY``)
    "sms77": BASE + "sms77",
    "seven": None,
    "nextcloud": BASE + "nextCloud",
    "home assistant": BASE + "homeAssistant",
    # vector stores and AI tools (the spec stage wires them as sub-nodes)
    "pinecone": LC + "vectorStorePinecone",
    "qdrant": LC + "vectorStoreQdrant",
    "weaviate": LC + "vectorStoreWeaviate",
    "chroma": LC + "vectorStoreChromaDB",
    "chromadb": LC + "vectorStoreChromaDB",
    "milvus": LC + "vectorStoreMilvus",
    "pgvector": LC + "vectorStorePGVector",
    "pg vector": LC + "vectorStorePGVector",
    "supabase vector store": LC + "vectorStoreSupabase",
    "supabase vector": LC + "vectorStoreSupabase",
    "mongodb atlas": LC + "vectorStoreMongoDBAtlas",
    "redis vector store": LC + "vectorStoreRedis",
    "zep": LC + "vectorStoreZep",
    "in memory vector store": LC + "vectorStoreInMemory",
    "simple vector store": LC + "vectorStoreInMemory",
    "wikipedia": LC + "toolWikipedia",
    "wolfram alpha": LC + "toolWolframAlpha",
    "wolframalpha": LC + "toolWolframAlpha",
    "wolfram": LC + "toolWolframAlpha",
    "searxng": LC + "toolSearXng",
    # protocol words naming core nodes unambiguously
    "http request": BASE + "httpRequest",
    "http requests": BASE + "httpRequest",
    "http node": BASE + "httpRequest",
    "rest api": BASE + "httpRequest",
    "graphql": BASE + "graphql",
    "rss": BASE + "rssFeedRead",
    "rss feed": BASE + "rssFeedRead",
    "smtp": BASE + "emailSend",
    "imap": BASE + "emailReadImap",
    "ftp": BASE + "ftp",
    "sftp": BASE + "ftp",
    "ssh": BASE + "ssh",
    "mqtt": BASE + "mqtt",
}

#: Everyday words that are also app names: counted only with app context (ambiguous=True).
AMBIGUOUS_APP_NAMES: frozenset[str] = frozenset(
    {
        "notion", "box", "linear", "harvest", "medium", "ghost", "segment", "twist", "wise",
        "paddle", "copper", "drift", "bubble", "coda", "flow", "matrix", "zoom", "git",
        "affinity", "hunter", "cortex", "cockpit", "currents", "discourse", "orbit", "raindrop",
        "vero", "iterable", "teams", "outlook", "excel", "gong", "grist",
        "lambda", "chroma", "zep", "odoo", "line", "signal", "sendy", "rss", "lemlist",
        "mindee", "strapi", "beeminder", "oura", "emelia", "taiga", "wekan", "twake", "demio",
        "action network", "mocean", "uproc", "postbin", "misp", "npm",
        "jenkins", "kafka", "okta", "plivo", "splunk", "wolfram", "graphql", "s3",
        "drive folder", "drive", "sf", "sfdc", "gh", "pg", "tg", "hs", "qbo", "o365",
        "office 365", "office365",
        "m365", "microsoft 365", "woo", "fb", "ig", "insta", "yt", "monday",
    }
)  # fmt: skip

#: Ambiguous names that are also a day or an everyday noun so often ("on Monday", "every Monday
#: morning") that neither a capital, a preposition nor "our" makes them the app: only a record
#: of the app or a ``TOOL_NOUNS`` word right after the name does ("our Monday board").
NAMED_BY_RECORD_ONLY: frozenset[str] = frozenset({"monday"})
#: Words before such a name that make it the day ("every Monday board meeting", "on Monday").
DAY_BEFORE = frozenset("every each on next this last by until before after since from".split())
#: The nouns after such a name that make it the tool, besides the app's own records: the
#: app's parts, never a day's ("our Monday board"; "every Monday post" is a weekly post).
TOOL_NOUNS = frozenset(
    "board boards item items workspace account integration node api credential".split()
)

#: A vendor's word in a catalog display name -> how people also write it ("Microsoft Outlook":
#: "MS Outlook"; "Google Docs": "G Docs"; "AWS S3": "Amazon S3"). Why derived from the display
#: names: every product of the vendor gets the forms, not only those someone listed.
VENDOR_SHORT_FORMS: dict[str, tuple[str, ...]] = {
    "google": ("g", "google workspace"),
    "microsoft": ("ms", "msft", "microsoft 365"),
    "aws": ("amazon",),
    "amazon": ("aws",),
}
#: Vendors whose products people name with the suite's edition after the product's first
#: word ("Outlook 365", "Excel 365", "Dynamics 365").
VENDOR_EDITION_SUFFIX: dict[str, str] = {"microsoft": "365"}

#: Community forms that name an app without its name: a subreddit ("r/homelab", "the
#: selfhosted subreddit") is Reddit, unless its feed is what is read; "on X" (capital X, not a
#: variable beside another letter: "X and Y"; not "to X", a placeholder value) is X/Twitter.
COMMUNITY_APP_FORMS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        # not the subreddit's feed, which the RSS node reads ("the r/selfhosted RSS feed")
        re.compile(r"(?:(?<![\w/])r/\w{2,}|\bsub-?reddits?)\b(?!\s+(?:rss\s+|atom\s+)?feed)", re.I),
        BASE + "reddit",
    ),
    (
        re.compile(
            r"\b[Oo]n\s+(X)\b"
            r"(?![-'\w]|\s*(?:[=+*/-]|(?:and|or|to)\s+[A-Z]\b))"
        ),
        BASE + "twitter",
    ),
)

#: Name keys never taken from the catalog: generic words or names that collide with common text
#: ("form", "chat", "code", "filter"): such a word in a request is no app.
CATALOG_NAMES_NOT_APPS = frozenset(
    {"x", "n8n", "seven", "form", "chat", "code", "if", "set", "wait", "merge", "filter", "line",
     "webhook", "schedule", "cron", "interval", "function", "crypto", "markdown", "html", "xml",
     "compression", "evaluation", "sort", "limit", "switch", "summarize", "aggregate",
     "openai", "openthesaurus", "flow", "one simple api"}
)  # fmt: skip


# --- Clauses and titles of a request (engine.context.spec_view, engine.naming) ---
#: The operation verbs of ``VERB_SYNONYMS`` (letters only, longest first) as a regex
#: alternation: a comma / "and" / "then" before one of them starts a new action.
OPERATION_VERB_ALTERNATION = "|".join(
    sorted((re.escape(v) for v in VERB_SYNONYMS if v.isalpha()), key=len)[::-1]
)
#: Where one clause of a request ends: sentence punctuation, or a comma / "and" / "then" that
#: starts a new action ("…, then email me", "… and post a summary"). The model's view of the
#: spec shows step purposes as these whole clauses (engine.context.spec_view).
ACTION_CLAUSE_BOUNDARY = re.compile(
    rf"[.!?;\n]+\s*|,\s*(?:and\s+)?(?:then\s+)?(?=(?:{OPERATION_VERB_ALTERNATION})\b)|"
    rf"\s+(?:and\s+then|and|then)\s+(?=(?:{OPERATION_VERB_ALTERNATION})\b)|"
    rf",\s*then\s+|\s+->\s+",
    re.I,
)
#: Words a workflow title does not end with ("Send new leads to" -> "Send new leads"): the
#: title is the request's first clause cut at a word boundary (engine.naming).
TITLE_TAIL_WORDS = frozenset(
    "a an the and or to of in on for with when from then my our your me us it is are be "
    "via using into that which at by".split()
)


# --- App events: the clause a trigger's event is read from (engine.offline.trigger_events) ---
#: the word stems of one way something happens; a stem matches itself exactly, a group
#: member of another stem more weakly ("cancel" ~ "delete", "opened" ~ "created")
EVENT_ACTION_GROUPS: dict[str, tuple[str, ...]] = {
    "create": ("creat", "creation", "new", "add", "open", "signup", "regist", "join", "book",
               "submit", "post", "activat", "initiat", "receiv", "arriv", "land", "upload",
               "made", "plac", "schedul", "subscrib", "generat", "start"),
    "update": ("updat", "chang", "edit", "modifi", "mov", "mark", "transition", "set",
               "reach", "switch", "propertychang", "reschedul"),
    "delete": ("delet", "deletion", "remov", "cancel", "unsubscrib", "archiv", "uninstal",
               "disabl"),
    "fail": ("fail", "declin", "error", "reject"),
    "succeed": ("pay", "succe", "success", "complet", "captur", "finaliz"),
    "refund": ("refund",),
    "close": ("clos", "solv", "resolv"),
    "merge": ("merg",),
    "comment": ("comment", "repli", "mention", "note", "respond"),
    "publish": ("publish", "releas", "live"),
}  # fmt: skip
#: stems people say for the same record as an app's option calls it
EVENT_OBJECT_SYNONYMS: dict[str, tuple[str, ...]] = {
    "payment": ("charg", "sale", "transaction"),
    "charg": ("payment",),
    "ticket": ("issu", "convo", "conversation", "case"),
    "bug": ("issu",),
    "stori": ("issu",),
    "issu": ("ticket",),
    "meet": ("event", "invite", "booking", "appointment"),
    "call": ("event", "invite", "booking", "appointment", "meet"),
    "booking": ("event", "invite", "appointment"),
    "appointment": ("booking", "event"),
    "sale": ("order", "purchas", "payment"),
    "purchas": ("order", "sale"),
    "member": ("subscriber", "contact"),
    "contact": ("subscriber", "person", "member"),
    "person": ("contact", "subscriber"),
    "subscriber": ("member", "contact"),
    "repo": ("repositori",),
    "pr": ("pull", "request"),
    "deploy": ("deployment", "build"),
    "deployment": ("deploy",),
    "submission": ("form", "respons", "entri"),
    "respons": ("submission", "form"),
    "record": ("row", "item", "entri"),
    "row": ("record",),
    "conversation": ("convo", "ticket"),
    "opportun": ("deal",),
    "deal": ("opportun",),
    "compani": ("organ", "account"),
    "organ": ("compani",),
    "doc": ("document", "file"),
    "pdf": ("file", "document", "attachment"),
    "csv": ("file",),
    "imag": ("file",),
    "photo": ("file", "imag"),
    "video": ("file",),
    "cv": ("file", "document"),
    "resum": ("file", "document"),
    "spreadsheet": ("file",),
    "txt": ("file",),
    "docx": ("file", "document"),
    "xlsx": ("file",),
    "mp3": ("file",),
    "mp4": ("file",),
    "png": ("file", "imag"),
    "jpg": ("file", "imag"),
    "transcript": ("file", "document"),
    "recording": ("file",),
    "document": ("file", "doc"),
    "card": ("task", "item"),
    "account": ("compani",),
    "signup": ("subscriber", "customer", "contact"),
    "plan": ("subscription",),
    "membership": ("subscription",),
    "bot": ("messag",),
    "assistant": ("messag",),
    "agent": ("messag",),
    "chatbot": ("messag",),
    "concierg": ("messag",),
    "helper": ("messag",),
    "dm": ("messag",),
    "chat": ("messag",),
}
#: Words of an event clause that name neither a record nor what happens to it (articles,
#: pronouns, "someone", "whenever", "gets", "goes", "trigger" ...): left out when reading
#: the clause and when reading a trigger option's words.
EVENT_CLAUSE_STOP_WORDS = frozenset(
    "a an the in on to of for our my their his her its your is are was were be been being get "
    "gets got getting has have had someone somebody anyone anybody one when whenever once as "
    "soon if every each time after upon from with that this it they them there by at and or "
    "any matching behind same just please also then who which what into onto via inside "
    "within up we i you me us thing something anything stuff happens happen occurs whatever "
    "really trigger webhook n8n app go goes went turn turns turned become becomes became hit "
    "hits flip flips business number".split()
)  # fmt: skip
#: Event words whose stem the crude suffix rules would get wrong ("paid" -> pay, "won" /
#: "lost" -> a change, "opp" -> opportunity, "msg" -> message).
IRREGULAR_EVENT_STEMS = {
    "paid": "pay", "pays": "pay", "payment": "payment", "payments": "payment",
    "failure": "fail", "failures": "fail", "cancellation": "cancel", "canceled": "cancel",
    "cancelled": "cancel", "cancels": "cancel", "cancel": "cancel", "succeeded": "succe",
    "succeeds": "succe", "succeed": "succe", "successful": "success", "made": "made",
    "replies": "repli", "replied": "repli", "reply": "repli", "sign": "sign",
    "signs": "sign", "signed": "sign", "new": "new", "status": "status", "news": "news",
    "opportunity": "opportun", "opportunities": "opportun", "booking": "booking",
    "bookings": "booking", "books": "book", "booked": "book", "meeting": "meet",
    "meetings": "meet", "opp": "opportun", "opps": "opportun", "msg": "messag",
    "msgs": "messag", "tagged": "tag", "won": "chang", "lost": "chang", "wins": "chang",
    "bot": "bot", "bots": "bot",
}  # fmt: skip
#: What opens an event clause: "when(ever)", "once", "as soon as", "every time", "if",
#: "after", "upon", "on (a) new", "each/every new".
EVENT_CLAUSE_CUE = re.compile(
    r"\b(?:when(?:ever)?|once|as soon as|the moment|the minute|every time|each time|any ?time|"
    r"if|after|upon|on(?= (?:a |an |each |every )?new\b)|(?:each|every)(?= new\b))\b",
    re.I,
)
#: Where an event clause ends: punctuation, "then", an arrow, or "it/we ... should/must".
EVENT_CLAUSE_END = re.compile(
    r"[,;:!?\n]|\.(?=\s|$)|\bthen\b|->|\u2192|\s-\s|"
    r"\b(?:it|we|i|they|you)\s+(?:should|must|will|shall|needs? to|has to|have to)\b",
    re.I,
)
#: a change of state and the state it goes to ("is moved to In Review", "goes to 'blocked'",
#: "marked as done", "reaches closed-won"): the state's words name no record
STATE_CHANGE_AND_VALUE = re.compile(
    r"\b(?:(?:mov(?:es|ed|e)|go(?:es)?|went|set|chang(?:es|ed|e)|switch(?:es|ed)?|"
    r"transition(?:s|ed)?|turn(?:s|ed)?|flip(?:s|ped)?|updated)\s+(?:to|into|over to)|"
    r"marked(?:\s+as)?|reach(?:es|ed)?|becomes?|became)\s+(?=\S)",
    re.I,
)
#: "on any event in my repo", "anything that changes": no one event is meant
ANY_EVENT = re.compile(
    r"\b(?:any|every|all)\s+(?:events?|changes?|activity|updates?)\b|\banything\b"
)
#: a bot the request asks for (stems): whoever writes to it sends a message
BOT_NOUN_STEMS = frozenset({"bot", "chatbot", "assistant", "agent", "helper", "concierg"})
#: where people talk to a bot, never the record that arrives
CONVERSATION_PLACE_STEMS = frozenset({"channel", "group", "chat", "server", "room", "space"})
#: people who do something to a record ("a customer cancels their plan"), not the record
EVENT_ACTORS = frozenset(
    {"customer", "user", "client", "buyer", "person", "visitor", "member", "invite"}
)
#: Prepositions after which a record is where the event happens ("a comment is added *to a
#: Jira issue*"), not what it is about.
EVENT_PLACE_PREPOSITIONS = frozenset(
    {"in", "on", "into", "to", "from", "at", "within", "inside", "under"}
)
#: "a customer's dispute": the dispute is what the event is about, the customer where it
#: belongs (rewritten "dispute in customer"); not "it's", "that's", "let's"
POSSESSIVE_RECORD = re.compile(
    r"\b(?!(?:it|that|there|what|who|let|here|he|she|where|one)['\u2019])([a-z][a-z0-9]+)"
    r"['\u2019]s ([a-z][a-z0-9]+)\b",
    re.I,
)
#: what a record's state can become (closed, paid, failed, refunded, published, merged ...)
STATE_ACTION_GROUPS = frozenset(
    {"update", "close", "succeed", "fail", "refund", "publish", "merge"}
)
#: "fails or is refunded": either fires the workflow ("created and paid" is one event: paid)
EVENT_LIST_JOIN = re.compile(r"\s(?:or|and/or)\s")
#: "sign(s) up" / "signed up" as one word (signup), so it reads as an event of its own.
SIGN_UP_PHRASE = re.compile(r"\bsigns? up\b|\bsigned up\b")
#: "times out" / "timed out" as one word (timeout), so it reads as an event of its own.
TIMED_OUT_PHRASE = re.compile(r"\btim(?:es|ed|ing)? out\b")
#: A record that gets tagged: a tag added.
TAGGED_WORD = re.compile(r"\btagged\b")


# --- The spec: starts, AI steps, tools, flow and data steps (engine.spec) ---
#: Words that ask for AI on their own: AI, agent, LLM, a model or vendor, chatbot, assistant,
#: summarize, classify, sentiment, RAG, embeddings (an AI step is wanted).
AI_ASK_STRONG = re.compile(
    r"\b(ai|a\.i\.|agent|llm|gpt[-\w.]*|chatgpt|openai|claude|anthropic|gemini|mistral|llama|"
    r"ollama|openrouter|deepseek|groq|grok|chatbot|chat ?bot|assistant|summari[sz]\w*|"
    r"classif\w*|categori[sz]\w*|sentiment|rag|embeddings?|vector store|llm chain|"
    r"information extractor|text classifier)\b",
    re.I,
)
#: Writing work an AI step does ("draft a reply", "rewrite", "compose", "personalize"): AI
#: only with no AI app doing it.
AI_ASK_WEAK = re.compile(
    r"\b(draft(s|ing)? (a|an|me|my|replies|reply|responses?|answers?|emails?|posts?)|"
    r"rewrite\w*|compose\w*|personali[sz]\w*)\b",
    re.I,
)
#: Words right before an AI word that turn it down ("no AI", "without an LLM", "don't use
#: GPT", "no need for an AI -").
AI_DECLINED_BEFORE = re.compile(
    r"\b(no|without|w/o|not|never|skip|don'?t (use|need|want)( any)?|do not (use|need|want)"
    r"( any)?|no need for( an?)?)( \w+)?\s*[-:]?\s*$",
    re.I,
)
#: Words right after an AI word that turn it down ("AI? no", "AI: no", "LLM not needed";
#: no flags: read on lower-case text).
AI_DECLINED_AFTER = re.compile(r"^\s*(\?\s*no\b|[:\-]\s*no\b|(is )?not (needed|required|wanted))")
#: A condition opening a branch ("if", "only if", "unless", "otherwise", "in case").
IF_CONDITION = re.compile(r"\b(if|only if|unless|otherwise|else|when it'?s|in case)\b", re.I)
#: The other branch of a condition ("otherwise", "else", "if not", "invalid", "the rest").
ELSE_BRANCH = re.compile(
    r"\b(otherwise|else|if not|if it'?s not|not valid|invalid|the rest)\b", re.I
)
#: Routing by a value ("depending on", "route", "based on the type/priority ...", "switch"):
#: a Switch node.
SWITCH_ROUTING = re.compile(
    r"\b(depending on|route\w*|based on (the |its )?(type|category|priority|status|label|"
    r"intent|topic)|switch|per (type|category))\b",
    re.I,
)
#: An HTTP request named without an app ("(http)", "http request", "the API", "endpoint",
#: "url"): an HTTP Request step or tool.
HTTP_REQUEST_NAMED = re.compile(
    r"\(http\)|\bhttp( request)?\b|\b(rest )?api\b|\bendpoint\b|\burl\b", re.I
)
#: (S13) A run's own URL said as data to pass on ("open a Jira bug with the execution url", "post
#: the workflow's url"): a field of the Error Trigger's output, not an HTTP request to make.
RUN_URL_FIELD = re.compile(r"\b(?:execution|workflow|run)(?:'s)?\s+url\b", re.I)
#: (HIN2) The words between an app and a URL that make the URL the app's incoming webhook
#: ("our Discord webhook URL", "the Slack incoming webhook url", "the Google Chat space's webhook
#: URL"): the app's node posts there, no HTTP request of its own. Not "a LinkedIn url" (data).
APP_OWN_URL_GAP = re.compile(
    r"^(?:'s)?(?:\s+(?:incoming|inbound|channel|room|space|group|chat)(?:'s)?)*"
    r"\s+(?:web)?hook\s+$",
    re.I,
)
#: The webhook's caller gets an answer ("respond", "reply to the caller", "return the ...",
#: ``_CALLER_TOLD``): a Respond to Webhook step.
RESPOND_TO_CALLER = re.compile(
    _CALLER_TOLD + r"|"
    r"\b(respond\w*|reply to the (caller|request)|return\w* (the|a|it)|response|answer the "
    r"(caller|request))\b",
    re.I,
)
#: A wait between steps ("wait", "delay", "pause", "two days later"): a Wait node.
WAIT_STEP = re.compile(
    r"\b(wait|delay|pause|(\d+|a|an|one|two|three|few) (minutes?|hours?|days?|weeks?) "
    r"(after|later))\b",
    re.I,
)
#: Documents put into a vector store ("ingest", "index", "upload", "embed", "store the docs"):
#: an insert step.
INGEST_DOCUMENTS = re.compile(
    r"\b(ingest\w*|index\w*|upload\w*|embed\w*|insert\w*|store\w* (them|it|the|docs|documents|"
    r"chunks|files)|add\w* (them|it|docs|documents|files) to)\b",
    re.I,
)
#: A vector store that is asked ("chat", "ask", "answer", "question", "search", "retrieve"):
#: the store becomes the agent's tool.
QUERY_DOCUMENTS = re.compile(
    r"\b(chat\w*|ask\w*|answer\w*|question\w*|query|search\w*|retriev\w*)\b", re.I
)
#: Words opening an event ("when", "once", "on a new", "new", "every time", "after",
#: "incoming", "received"): within the first words, the app named is the trigger.
EVENT_OPENING = re.compile(
    rf"\b(when(ever)?|{ONCE_EVENT}|on (a )?new|new|every time|each time|as soon as|after|incoming|"
    r"received)\b",
    re.I,
)
#: Where a clause of a request ends for the spec: punctuation other than a comma, "then" or
#: an arrow. A question mark or colon before a letter or digit is part of a word, as a period
#: is: a path's query string or placeholder ("GET /projects/:id/pipelines?status=failed").
SPEC_CLAUSE_SPLIT = re.compile(r"[;!\n]|[?:](?!\w)|\.(?=\s|$)|\bthen\b|->|→", re.I)
#: A step that acts again on the record the event brought ("download the attachments",
#: "mark it", "reply", "write ... back to the sheet"): the trigger app is a step too.
FOLLOW_UP_ON_RECORD = re.compile(
    r"\b(download\w*|get (the |its |their )?(full |whole )?(message|email|mail|file|row|record|"
    r"details|content|attachments?)|fetch (it|them|the)|retriev\w*|updat\w*|mark\w*|label\w*|"
    r"move\w*|repl(y|ies)|write \w+ back|back (in|into|to) (the )?(sheet|table|base)|"
    r"store .{0,30} (in|into) the (sheet|table|base)|add \w+ comment)\b",
    re.I,
)
#: RAG words ("rag", "embeddings", "vector store", "vectors"): taken out before asking whether
#: the rest of the request asks for an AI step.
RAG_WORDS = re.compile(r"\b(rag|embeddings?|vector store|vectors?)\b", re.I)
#: A delivery to the one asking, with no app named to carry it: "send me the list", "notify us
#: when ...", "alert me if ...", "let me know how many ...", "remind me to ...", "keep me
#: posted", "give me a weekly summary of ...", "I want a daily digest of ...". Not "send me
#: back" (an answer to a caller), not "give me a workflow / an example / a way" (the ask
#: itself), and - checked where it is read (``engine.spec``) - not when someone else sends
#: ("customers send us their receipts").
TO_THE_ASKER = re.compile(
    # imperative only: "GitHub tells us", "the helpdesk sends us" are someone else's sending
    r"\b(?:(?:send|notify|alert|remind|ping|tell)\s+(?:me|us)\b(?!\s+back\b)|"
    # "update me on ..." (not "update me the Airtable record", an odd order with an object)
    r"update\s+(?:me|us)\b(?=\s*(?:$|[,.;:!]|on\b|about\b|when|whenever|if\b|once\b|each\b|"
    r"every\b|as\s+soon|with\b))|"
    r"let\s+(?:me|us)\s+know\b|"
    r"keep\s+(?:me|us)\s+(?:posted|updated|informed|in\s+the\s+loop)\b|"
    r"give\s+(?:me|us)\s+(?!back\b|(?:an?\s+|the\s+|some\s+)?(?:n8n\s+)?(?:[\w-]+\s+)?"
    r"(?:workflows?|flows?|automations?|ways?|templates?|examples?|hand|ideas?|access|options?|"
    r"steps?|webhooks?|urls?|links?|endpoints?|forms?|pages?|buttons?|bots?|scripts?|code|"
    r"nodes?)\b)|"
    # "I want a daily digest of ...", "we'd like to get an alert when ..."
    r"\b(?:i|we)\s*(?:want|need|would\s+like|'d\s+like)\s+(?:to\s+(?:get|receive)\s+)?"
    r"(?:an?|one)\s+(?:[\w-]+\s+){0,2}?(?:digests?|summar(?:y|ies)|recaps?|alerts?|"
    r"notifications?|reminders?|heads-?ups?|briefings?|round-?ups?)\b)",
    re.I,
)

#: Who sends when the word right before a delivery to the asker is its subject ("customers send
#: us their receipts", "when people ping us"): the workflow is not the sender there.
SENDER_BEFORE_ASKER = re.compile(
    r"\b(?:who|that|which|they|people|customers?|clients?|users?|someone|somebody|anyone|"
    r"anybody|everyone|he|she|it|vendors?|suppliers?|partners?|leads?|visitors?|members?|"
    r"subscribers?|buyers?|employees?|colleagues?|friends?|candidates?|patients?|guests?)\s*$",
    re.I,
)

#: The delivery to the asker names its own channel without an app: "send me a text", "by SMS",
#: "in #ops", "a push notification", "a WhatsApp", "a call" - not an e-mail, so no mail step
#: is added.
ASKER_CHANNEL_NAMED = re.compile(
    r"\s*(?:(?:by|via|through|over|with|as|in|on|to)\s+)?(?:(?:a|an|the)\s+)?(?:quick\s+|short\s+)?"
    r"(?:(?:text|texts|sms|push|whatsapp|telegram|signal|call|phone\s+call|voice)\b|"
    # a chat channel by its name: "notify us in #ops" (the chat app is added for it)
    r"#[\w-])",
    re.I,
)

#: Between a delivery to the asker and an app named right after it as the way it goes: "alert
#: me through PagerDuty", "notify me with a Jira ticket", "remind me via Todoist", "send me a
#: reminder in Todoist" - that app carries it, whatever its step does. Matched up to the app.
ASKER_CHANNEL_BEFORE_APP = re.compile(
    r"^(?:\s+[\w'-]+){0,3}?\s+(?:through|via|with|by|over|on|in|using|as)\s+"
    r"(?:(?:a|an|the|my|our)\s+)?(?:new\s+)?$",
    re.I,
)

#: Right before an app named as the place something is written: "into a Google Sheet", "to
#: Drive", "onto the Trello board", "in a Notion page" ("in" only with a/an: "the tasks in
#: Asana" are where they are read). Searched up to the app's mention.
WRITTEN_INTO_PLACE = re.compile(
    r"\b(?:(?:into|onto|to)\s+(?:(?:a|an|the|our|my|their)\s+)?|in\s+(?:a|an)\s+)(?:new\s+)?$",
    re.I,
)

#: (HR22) The same place said with a bare "in": "the Shopify orders as a CSV in Dropbox", "a
#: weekly summary of our Jira issues in Notion" - a place unless the word before "in" is a
#: record of that app ("the overdue tasks in Asana" are read there; checked where it is read).
#: Group 1: that word.
IN_APP_AT_END = re.compile(r"\b([\w-]+)\s+in\s+(?:our\s+|my\s+)?$", re.I)

#: An e-mail is sent ("email me", "send them an email", "emails each submission", "send out a
#: weekly e-mail", "send the list to finance@acme.com"): a send-mail step when no mail app is
#: named.
EMAIL_SEND_ASK = re.compile(
    r"\b(e-?mail (me|them|him|her|the|a|it|us|our|my)|(?<!who )e-?mails (each|every|all|any)|"
    r"(send|sends|sending) (me |them |out |the |a |an )?(\w+ ){0,2}e-?mails?|by e-?mail|"
    r"via e-?mail|mail me|e-?mails? (to|the)|send (out )?mails?|as an? e-?mail)\b|"
    # a send verb whose recipient is an e-mail address: "send the list to finance@acme.com"
    r"\b(?:send|sends|sending|sent|forward|forwards|deliver|delivers|e-?mail|e-?mails|mail|mails)\b"
    r"[^.!?\n@]{0,80}?\bto\s+[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
    re.I,
)
#: Where a mail goes, when the request writes the address: "to finance@acme.com" (the
#: recipient, not a form's e-mail field or a placeholder).
MAIL_RECIPIENT = re.compile(r"\bto:?\s+([\w.+-]+@[\w-]+(?:\.[\w-]+)+)", re.I)
#: Items handled in batches or one at a time ("in batches of", "one by one", "loop over").
IN_BATCHES = re.compile(
    r"\b(in batches|batches of|batch of|one (at a time|by one)|loop over)\b", re.I
)
#: The size of a batch ("in batches of 50", "a batch of 10"): the Loop Over Items node's batch
#: size (engine.offline.generator, NodeBuilder.flow_params).
BATCH_SIZE = re.compile(r"\bbatch(?:es)? of (\d{1,5})\b", re.I)
#: Another workflow is called ("run my other workflow", "execute the sub-workflow").
SUBWORKFLOW_CALL = re.compile(
    r"\b(call|run|execute|trigger|calls|runs|executes)\b (my |our |the |another |an )?"
    r"(other |separate |sub-?)?workflow\b",
    re.I,
)
#: Results combined ("merge the two lists", "combine both", "join the data"): a Merge node.
MERGE_RESULTS = re.compile(
    r"\b(merge|combine|join)\w* (the |both |all |them|these|those|results|data|lists|two)",
    re.I,
)
#: Sorting into classes ("classify ... into", "categorize ... into", "tag ... into"): a text
#: classifier.
CLASSIFY_INTO = re.compile(
    r"\b(classif\w*|categori[sz]\w*|sort\w*|label\w*|tag\w*)\b[^.;]{0,60}?\binto\b", re.I
)
#: The conversation is kept ("keep the conversation", "store chats", "history", "context"):
#: read with ``KEPT_IN_STORE_BEFORE`` for a store that holds it.
KEEPS_CONVERSATION = re.compile(
    r"\b((keep|store|save|persist|hold)\w* (the |our |all |every |each )?"
    r"(conversations?|chats?|sessions?)\b(?! messages?)|history|context)",
    re.I,
)
#: "in / into / using (the)" right before a store's name: the store holds what the cue before
#: it names (no flags: lower-case text).
KEPT_IN_STORE_BEFORE = re.compile(
    r"\b(in|into|inside|to|on|using)( (a|an|the|our|my|your|its))?\s*$"
)
#: Event words that can mean "watch this app" (not "new", "received" or "after": "post a new
#: message", "save received invoices" are orders, not events).
POLL_EVENT = re.compile(rf"\b(when(ever)?|every time|each time|as soon as|{ONCE_EVENT})\b", re.I)
#: "new" heading records (a "new" the workflow makes follows one of ``MAKES_NEW_VERBS``).
NEW_WORD = re.compile(r"\bnew\b", re.I)
#: "... for each client in the sheet", "... from the rows of": what follows is the source.
FOR_EACH_READ_SOURCE = re.compile(r"\b(for (each|every|all)|from)\b", re.I)
#: What separates two steps of a request ("..., then", "->", "and send ...").
STEP_BOUNDARY = re.compile(
    r"[.;,!?\n]|->|→|=>|\b(then|and|after that|afterwards|finally|next)\b", re.I
)
#: Imperative verbs: one between an event word and an app makes the app the one acted on.
COMMAND_VERBS = frozenset(
    "create add send post save store upload append insert update delete remove move copy "
    "notify ping email mail message tell make write log put share publish open".split()
)
#: Operation verbs (catalog operation names, lower case) that write the items a source gives:
#: a write "for each" row reads that source first. Not ``WRITING_OPERATIONS`` (it has send and
#: post, not upsert); kept apart so neither reading moves.
SOURCE_WRITING_OPERATIONS = frozenset("create append insert upload add update upsert".split())
#: Operation verbs (catalog operation names, lower case) that read a source. Not
#: ``READING_OPERATIONS`` (no getall, has download, find, query); kept apart.
SOURCE_READING_OPERATIONS = frozenset(
    "get search select read list download lookup find query".split()
)
#: One thing made, right before "new" ("add a new row"): not records taken ("each new card").
ONE_MADE_BEFORE = re.compile(r"\ban?\s+$", re.I)
#: Verbs whose object is something the workflow makes ("post a new message", "open a new
#: ticket", "generate a new report"): a "new" after one is no event.
MAKES_NEW_VERBS = COMMAND_VERBS | frozenset(
    "generate draft build start set compose produce".split()
)
#: Up to three words before "trigger" ("local file trigger on my folder"): a trigger node named
#: by its display name (lower-case text).
NAMED_TRIGGER_WORDS = re.compile(r"\b((?:[a-z0-9()]+ ){1,3})trigger\b")
#: "form" right after an app's name ("each Webflow form submission"): the app's own trigger,
#: not n8n's form (lower-case text).
APP_FORM_AFTER_NAME = re.compile(r"\s?forms?\b")
#: The workflow is an MCP server ("mcp server", "mcp trigger"): it starts from the MCP
#: trigger (lower-case text).
MCP_SERVER_ASK = re.compile(r"\bmcp server\b|\bmcp trigger\b")
#: The workflow is called by another one ("a sub-workflow", "called from other workflows",
#: "when called"): it starts from the Execute Workflow trigger (lower-case text).
CALLED_BY_OTHER_WORKFLOW = re.compile(
    r"\b(sub-?workflow|called (by|from) (an)?other workflows?|execute workflow "
    r"trigger|when (it'?s )?called)\b"
)
#: People chat with the workflow ("a chatbot", "chat with", "chat message", "in a chat"): it
#: starts from the chat trigger (lower-case text).
CHAT_START_WORDS = re.compile(
    r"\b(chat ?bot|chat with|chat assistant|chat interface|when chat|"
    r"chat message|^chat\b|in a chat)"
)
#: A form, sign-up page or survey page: the workflow starts from n8n's form (lower-case text).
FORM_START_WORDS = re.compile(r"\bform\b|\bsign[- ]?up page\b|\bsurvey page\b")
#: A webhook or endpoint the workflow offers ("posts to our URL"); read with ``CALLS_ENDPOINT``,
#: since an endpoint the workflow calls is no webhook (lower-case text).
WEBHOOK_OFFERED = re.compile(r"\bwebhook\b|\bendpoint\b|\bposts? to (our|my|an?) (url|api)\b")
#: An event said with no trigger node of its own ("every new", "whenever", "as soon as"): a
#: schedule polls for it (lower-case text).
EVENT_WITHOUT_TRIGGER_WORDS = re.compile(r"\b(every|each|any) new\b|\bwhenever\b|\bas soon as\b")
#: Where the words of an event end: punctuation (a comma and any dot too), "then" or an arrow
#: (no flags). ``SPEC_CLAUSE_SPLIT`` is the near one that keeps commas and dots inside words.
EVENT_WORDS_END = re.compile(r"[,.;:!?\n]|\bthen\b|->|→")
#: Mail arriving ("an email arrives", "mail comes in", "imap"): the IMAP trigger (lower-case).
MAIL_ARRIVES = re.compile(r"\b(e-?mail|mail)s? (arrives?|comes? in|lands?)|\bimap\b")
#: An RSS feed named in the event: the RSS feed trigger (lower-case text).
RSS_FEED_WORD = re.compile(r"\b(rss|feed)\b")
#: Words right before a further chat model that rule it out or make it a route ("instead of
#: claude", "via openrouter"); differs from ``MODEL_NOT_WANTED_BEFORE`` (a change's reading),
#: kept apart so neither reading moves (lower-case text).
OTHER_MODEL_NOT_WANTED_BEFORE = re.compile(r"\b(instead of|rather than|not|via|through)\s*$")
#: A summarization chain named: that chain is the AI step (lower-case text).
SUMMARIZATION_CHAIN_NAMED = re.compile(r"summari[sz]ation chain")
#: The word "agent": "classify ... into" is a text classifier only when no agent is named
#: (lower-case text).
AGENT_WORD = re.compile(r"\bagent\b")
#: A (basic) LLM chain named: that chain is the AI step (lower-case text).
LLM_CHAIN_NAMED = re.compile(r"\b(basic )?llm chain\b")
#: A conjunction after an app's name ("... in Zendesk or delete the email"): the verbs after it
#: are the next action's (no flags: text as written).
CONJUNCTION_WORD = re.compile(r"\b(or|and|but|while)\b")
#: "tool" within two words after an app's name ("Gmail tool", "Google Calendar as a tool"):
#: the agent uses the app as a tool (lower-case text).
TOOL_AFTER_APP = re.compile(r"\W*(\w+\W+){0,2}tools?\b")
#: A list of tools opening before an app ("tools: ...", "tools like ...", "tool:"): the apps
#: after it are the agent's tools (lower-case text).
TOOLS_LIST_OPENING = re.compile(r"\btools\s*(:|-|\(|include|like|such as|for)|\btool\s*:")
#: Where a part of a sentence ends before an app: a tool phrase of an earlier part says
#: nothing of this app (lower-case text).
TOOL_PHRASE_CUT = re.compile(r"[,;:()\n]|\b(and|then|which|that|before|after)\b")
#: "as a tool", "with the search tool", "using tools" before an app, in its part of the
#: sentence: the app is a tool (lower-case text).
AS_A_TOOL = re.compile(r"\b(as|with|using|via|through) (an? )?(\w+ ){0,2}tools?\b")
#: "a tool that reads ..." right before an app ("a tool that reads news RSS feeds").
TOOL_THAT_DOES_BEFORE = re.compile(r"\btools? (that|which|to) (\w+ ){1,4}$")
#: "tools" in Spanish, Italian, French, German or Portuguese before an app (lower-case text;
#: ``TOOLS`` holds the same words with the English one, case-insensitive).
TOOLS_IN_OTHER_LANGUAGES = re.compile(
    r"\b(herramientas?|strument[oi]|outils?|werkzeuge?|ferramentas?)\b"
)
#: An agent, bot, assistant or chat is asked for (lower-case text).
AGENT_OR_BOT_WORD = re.compile(r"\b(agent|bot|assistant|chat\w*)\b")
#: What the agent may do, right before an app ("an agent that can look up orders in Shopify",
#: "answers from Notion"): the agent acts on the app itself, as a tool (lower-case text).
AGENT_CAN_ACT_BEFORE = re.compile(
    r"\b(can|could|able to|lets? it|allowed to|should be able|answers? "
    r"(\w+ )?(from|using|with|based on)|looks? (things )?up|knowledge (from|in))\b"
)
#: "tool(s)" near an HTTP request named without an app: an HTTP Request tool, not a step.
TOOL_WORD = re.compile(r"\btools?\b")
#: RAG asked for without a store named ("rag", "knowledge base", "embeddings"): the in-memory
#: vector store (lower-case text; narrower than ``RAG_WORDS``).
RAG_ASK_WORDS = re.compile(r"\b(rag|vector store|knowledge base|embeddings)\b")
#: An AI step named by what it is or does (agent, chain, classify, summarize, extract): an AI
#: step is wanted even when an AI app is named (lower-case text).
AI_ROOT_NAMED = re.compile(
    r"\b(agent|chain|llm|chatbot|assistant|classif\w*|summari[sz]\w*|extract\w*|"
    r"categori[sz]\w*)\b"
)
#: A vendor's embeddings named ("openai embeddings", "cohere-embedding"): taken out before
#: asking whether the rest of the request asks for AI.
NAMED_EMBEDDINGS = re.compile(r"\b[\w.-]+[ -]embeddings?\b")
#: An LLM, basic or summarization chain named next to an agent: a chain step of its own.
CHAIN_NAMED = re.compile(r"\b(llm|basic|summari[sz]ation) chain\b")
#: Where a list of categories ends ("into sales, support or spam, then ..."): what follows is
#: how or what next, not a label.
LABELS_END = re.compile(
    r"\b(with|using|via|by|then|based|depending|so|and (then|send|post|create|"
    r"move|add))\b|[.;:\n]"
)
#: What separates categories in a list ("sales, support or spam", "bug/feature").
LABEL_SEPARATOR = re.compile(r"\s*(?:,|/|\bor\b|\band\b)\s*")
#: A memory kind named ("postgres chat memory", "redis memory"), one pattern per key of
#: ``MEMORY_TYPES``: that kind is the agent's memory (lower-case text).
MEMORY_KIND_NAMED = {k: re.compile(rf"\b{k}\w* (chat )?memory\b") for k in MEMORY_TYPES}


def embeddings_named_after(name: str) -> re.Pattern[str]:
    """``name`` (an AI vendor as the request wrote it, lower case) then "embedding" within a
    word: the request picks that vendor's embeddings ("cohere for the embeddings")."""
    return re.compile(re.escape(name) + r"\W+(\w+\W+)?embedding")


def embedding_right_after(name: str) -> re.Pattern[str]:
    """``name`` (an AI vendor, lower case) joined to "embedding" ("openai embeddings",
    "cohere-embedding"): the vendor is named for embeddings only, not as an AI step."""
    return re.compile(re.escape(name) + r"[ -]embedding")


# --- Status checks of a web address (engine.offline.status_check) ---
#: A place named by its own name after an address word ("our webhook at Zapier", "the endpoint
#: on Render"): someone else's service the workflow sends to (``entities.sent_by_us``).
PLACE_NAMED_AFTER = re.compile(
    r"\b(?:webhook|endpoint|url|api|server|hook)s?\s+(?:at|on|in)\s+[A-Z][\w.-]+"
)
#: A web address in a request (up to a space, quote, bracket): the URL whose status is checked.
#: engine.offline.nodes has the same pattern as _URL.
WEB_ADDRESS = re.compile(r"https?://[^\s\"'<>)]+")


#: Right before a web address that is where something goes: "post the rows to https://...",
#: "send it at https://..." (the address is the call's target, not the message's content).
SENT_TO_ADDRESS_END = re.compile(r"\b(?:to|into|at|onto)\s+(?:the\s+|our\s+)?(?:url\s+)?$", re.I)


def addresses_blanked(text: str) -> str:
    """``text`` with every web address overwritten by as many spaces (positions kept). Why: a
    URL's "?", "&", "." and numbers are not the request's words - a reader of clauses cut
    "https://api.open-meteo.com/v1/forecast?latitude=52.52&longitude=13.41 each morning" at
    its "?", and the schedule reader took "13.41" for a time of day."""

    def blank(m: re.Match[str]) -> str:  # "... for https://www.pipedrive.com?": the "?" stays
        address = m.group(0).rstrip(".,;:!?")
        return " " * len(address) + m.group(0)[len(address) :]

    return WEB_ADDRESS.sub(blank, text)


#: The request is about the answer's status, not its body.
ABOUT_STATUS = re.compile(
    r"\bstatus (?:page|code)s?\b|\bresponse code\b|\bhttp (?:status|code)\b|"
    r"\b(?:isn'?t|is not|not|other than|anything but|anything except|(?:doesn'?t|does not) "
    r"(?:return|answer with|respond with|give))\s+(?:an?\s+)?(?:http\s+)?(?:200|2xx|ok)\b|"
    r"\bnon-?(?:200|2xx)\b|\b(?:returns?|gives?|comes? back with|responds? with) an? "
    r"(?:error|bad|failing|failed)(?: status| code| response)?\b|"
    r"\b(?:is|goes|went|are) (?:down|offline|unreachable)\b|\buptime\b|\bhealth ?-?checks?\b",
    re.I,
)
#: A status that is not OK, said as an error ("returns an error", "goes down") rather than
#: "isn't 200": any code from 400 counts; otherwise anything but 2xx.
SAID_AS_ERROR = re.compile(r"\berror|\bdown\b|\boffline\b|\bunreachable\b|\bfail", re.I)


# --- Nodes named by the request (engine.offline.named_nodes) ---
#: Up to four words, then "node"/"step" ("the HTML node", "via the n8n API node"). Defined here,
#: not in ``engine.lexicon``: HS3's one lexicon block this session was spent (reported).
NAMED_NODE = re.compile(
    r"\b(?P<words>(?:[\w&.+()-]+\s+){0,3}?[\w&.+()-]+)\s+(?:api\s+)?(?:node|step)s?\b", re.I
)


# --- Sharing a made file (engine.offline.sharing) ---
#: "share it with ...", "share the new doc with ...", "give the client edit access to it".
SHARE_ASK = re.compile(
    r"\bshar(?:e|es|ed|ing)\s+(?:it|them|this|that|(?:the|this|that|each|every)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:doc|docs|document|copy|file|sheet|spreadsheet|folder|report|deck|"
    r"presentation|slides|contract|proposal|invoice|pdf))\s+with\b|"
    r"\b(?:give|grant)s?\s+(?:[\w@.-]+\s+){0,3}?(?:edit|view|read|write|comment)?\s*access\b",
    re.I,
)
#: Access asked for is editing ("edit", "write", "editor", "modify"): the share role is writer.
EDIT_ACCESS = re.compile(r"\b(?:edit|write|writer|editor|change|modify)\w*\b", re.I)


# --- Parameters: event words that pick an option (engine.offline.params) ---
#: Event words -> the words an option of a trigger's event list uses ("new" -> created, "lands" ->
#: added).
EVENT_OPTION_WORDS = {
    "new": ("created", "create", "added", "new"),
    "added": ("created", "added", "new"),
    "created": ("created", "create", "new"),
    "uploaded": ("created", "upload", "added", "new"),
    "lands": ("created", "added", "new"),
    "updated": ("updated", "update", "changed"),
    "changed": ("updated", "changed"),
    "edited": ("updated", "edited"),
    "deleted": ("deleted", "delete", "removed"),
    "removed": ("deleted", "removed"),
    "merged": ("merged", "closed"),
    "submitted": ("submitted", "submission", "created"),
}


# --- Cues added by HM6 / HT6 this session ---

#: (HT6) "every" as a quantifier of things ("log every request", "each row"), not of time: the
#: word after it is no count, unit, part of the day or day ("every few minutes" is a schedule).
QUANTIFIER_EVERY = re.compile(
    r"(?:every|evry|each)\s+(?!(?:few|couple|other|single|several|half|quarter|\d+\w*|one|two|"
    r"three|four|five|six|ten|twelve|fifteen|twenty|thirty|min(?:ute)?s?|hours?|hrs?|h|days?|"
    r"weeks?|months?|years?|quarters?|morning|evening|night|afternoon|weekday|weekend|business|working|"
    r"work|(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|satur|sun)(?:day)?s?)\b)[a-z]",
    re.I,
)
#: (HM6) Everyday names of the same record that apps' nodes name differently ("opportunity" is
#: Zoho's deal, "company" Pipedrive's organization, "payment" Stripe's charge, "purchase" a
#: Shopify order, "call" a Zoom meeting, "row" a monday.com item): a node with one of them has
#: the thing asked under another of them - no API call for it. (s12) Also read by the choice
#: of operation (``operations``): "a Pipedrive contact" is its person, "the open opps in
#: Salesforce" its opportunities, "the day's Shopify sales" its orders.
RECORD_SYNONYMS: tuple[frozenset[str], ...] = (
    frozenset({"deal", "opportunity", "opp"}),
    frozenset({"company", "organization", "organisation", "account", "business"}),
    frozenset({"payment", "charge", "donation"}),
    frozenset({"order", "purchase", "sale"}),
    frozenset({"contact", "person", "customer", "client"}),
    frozenset({"meeting", "call"}),
    frozenset({"row", "item"}),
    frozenset({"ticket", "case"}),
)
#: (HT6) A question word opening a clause ("..., what do I do", "whats wrong", "..., does the
#: node support both", "explain how ..."): asked, not ordered. Mid-clause ("saying which flow
#: died", "tell me what changed") it only says what to report.
CLAUSE_QUESTION = re.compile(
    # after a comma "which"/"who" are relative ("..., which answers")
    r"(?:^|[.;:!?\n(]\s*)(?:which|who)\b|"
    r"(?:^|[,.;:!?\n(]\s*|\b(?:and|but|so)\s+)(?:how|what|what'?s|whats|where|why|does|do|did|"
    r"is|are|can|could|should|would|will)\b|^\s*(?:explain|describe|tell me)\b",
    re.I,
)
#: Canonical verbs that put a record into a container ("add the contact to the 'Trial'
#: automation", "enroll them in our 'Onboarding' sequence"; ``node_gaps._put_in``).
PUTTING_IN_MEANINGS = frozenset({"create", "append", "add", "insert", "move"})
#: (HMO4) A question the clause asks about the app's things, after a verb of finding out ("see
#: which <Stripe> subscriptions renew", "show me which addresses my <Gmail> can send from",
#: "let me know on Slack how many ...", "see how much we refunded in <Stripe>"): what the
#: question word governs is what is asked (see ``node_gaps.asked_in_question``).
EMBEDDED_QUESTION = re.compile(
    r"\b(?:see|check|find\s+out|know|tell\s+(?:me|us)|show\s+(?:me|us)|learn|figure\s+out|"
    r"work\s+out)\s+(?:(?:on|in|via)\s+\w+\s+)?(which|what|how\s+many|how\s+much|who)\b",
    re.I,
)
#: Words after a question word that are no thing asked about ("which will ...", "what is ...").
QUESTION_AUXILIARIES = frozenset(
    """is are was were be been will would can could should shall may might do does did has
    have had""".split()
)
#: (HM6) "<things> in our ['<name>'] <container> in <App>": the container named right before the
#: app, after the things read from it ("the projects in our 'FY25' portfolio in <Asana>") or
#: the one thing put in it ("add the contact to the 'Trial' automation in <ActiveCampaign>").
CONTAINER_BEFORE_APP = re.compile(
    r"\b(?:in|into|to|of|from|on|under)\s+(?:our|my|the|their|your)\s+"
    r"(?:(?:current|active|next|upcoming|latest)\s+)?"  # "the current sprint in <Jira>"
    r"(?:['\u2018\"][^'\u2019\"]*['\u2019\"]\s+)?([a-z]+)\s+(?:in|on|from)\s+$"
)
#: (HT7) A verb that reads records in a batch - lists, exports, counts or reports them ("Export
#: Asana tasks completed in March", "Count the Zendesk tickets solved per agent"): the records
#: it governs are past ones read once, not changes to wait for.
READ_OR_REPORT_VERB = re.compile(
    r"\b(?:list|export|download|collect|count|compile|build|make|total|tally|show|import|"
    r"backfill|migrate|gather|give me|report on|sum up|round up|dump)\b",
    re.I,
)
#: (HT7) A window of time already past ("last week", "this quarter", "in March", "since 2023",
#: "so far", "yesterday", "stats of Q1"): records qualified by it are read, not watched.
PAST_WINDOW = re.compile(
    r"\b(?:(?:last|this|previous|past|prior)\s+(?:\d+\s+|few\s+|two\s+|three\s+)?(?:days?|weeks?|"
    r"fortnight|months?|sprints?|quarters?|years?|fiscal year|fy)|yesterday|so far|to date|"
    r"year to date|ytd|since\s+(?:\d{4}|last|the|we|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|"
    r"nov|dec)[a-z]*)|(?:of|for)\s+q[1-4]\b|"
    r"(?:in|during)\s+(?:q[1-4]|\d{4}|(?:january|february|march|april|june|july|"
    r"august|september|october|november|december)\b)|"
    # records up to a date: "tasks completed before January", "issues opened prior to 2025"
    r"(?:before|until|till|prior to)\s+(?:\d{4}\b|(?:january|february|march|april|may|june|"
    r"july|august|september|october|november|december)\b))",
    re.I,
)
#: (HT7) "every" before a time, not a thing: parts of the day, a fortnight, payday, a month, an
#: ordinal day ("every midnight", "every second Tuesday", "every January", "every payday").
#: Day and month names are spelled out ("every monitor alert" is a quantifier).
EVERY_TIME_WORD = re.compile(
    r"(?:every|evry)\s+(?:midnight|noon|midday|dawn|dusk|sunrise|sunset|fortnight|pay ?day|"
    r"month[- ]end|quarter[- ]end|year[- ]end|(?:first|second|third|fourth|last|other)\s+"
    r"(?:day|week|month|business|working|weekday|mon|tue|wed|thu|fri|sat|sun)[a-z]*|"
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december)|(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|satur|sun)(?:day)?s?)\b",
    re.I,
)
#: (HT7) Refusing a start: a negation, then a verb of using, building or wanting ("don't bother
#: with any Wufoo trigger", "I don't want to use the Typeform trigger", "we don't use the Calendly
#: node") - group ``refuse``, which needs a start word (``START_WORD``) in or after what it
#: governs - or a start set aside outright ("no need for the Typeform node", "instead of Jotform",
#: "not on new issues, on ..."). "I do not want to lose any Typeform response" refuses nothing.
RULED_OUT_START = re.compile(
    r"(?:(?P<refuse>\b(?:don'?t|do not|never|won'?t|will not|not|no need to|without)\s+"
    r"(?:(?:really|even|ever|just|actually|please|want to|need to)\s+){0,2}"
    r"(?:use|using|build|building|want|need|add|adding|create|set up|setting up|bother(?: with)?|"
    r"make|include|go with|rely on|have|like|care for)\s+(?:[\w'-]+\s+){0,4}[\w'-]*)"
    r"|\b(?:no need (?:for|of)|instead of|rather than|not (?:on|from|via|through|by))\s+"
    r"(?:using\s+)?(?:[\w'-]+\s+){0,3}[\w'-]*)$",
    re.I,
)
#: (HT7) A word that names a start ("trigger", "webhook", "form", "node", "schedule"): what a
#: refusal (``RULED_OUT_START`` group ``refuse``) must govern to rule a start out.
START_WORD = re.compile(
    r"\b(?:trigger|webhook|form|schedule|cron|node|workflow|automation|integration|"
    r"chat ?bot|bot|polling|poll)s?\b",
    re.I,
)
#: (HT7) A hedge opening a turn ("Not sure the Slack node can ...", "I think the Google Sheets node
#: has a row limit", "I wonder if ...", "Curious whether ..."): what follows is a doubt to clear.
HEDGE_OPENING = re.compile(
    r"^\s*(?:(?:hi|hey|so|ok|hmm)[,!]?\s+)?(?:i'?m\s+|i am\s+)?(?:not sure|unsure|i think|"
    r"i believe|i wonder|wondering|curious|i doubt|no idea|i suspect|i heard)\b",
    re.I,
)
#: (HT7) An ask to find something out for the asker: "check and tell me", "check it for me",
#: "check the docs", "find out and let me know", "look it up", "can you check" ending the turn,
#: or "look up whether ..." opening it - information wanted, not a step to build ("check if a
#: row exists" inside a workflow is a step). Possessive repeats keep a long run of spaces linear.
FIND_OUT_ASK = re.compile(
    r"^\s*(?:please\s+|(?:can|could) you\s+)?(?:look up|find out)\s+(?:whether|if)\b|\b(?:"
    r"(?:check|verify|confirm|find out|look (?:it |this |that )?up|look into it)"
    r"(?:\s+(?:it|this|that|the docs|the documentation|"
    r"for me|for us|please|and tell me|and let me know|and get back to me))*+\s*+[.!?]?\s*$|"
    r"please find out\s*+[.!]?\s*$|(?:can|could) you check\s*+[.!?]?\s*$)",
    re.I,
)
#: (HT7) Words that say when a workflow runs ("when", "whenever", "every", "each new", "once",
#: "as soon as"): an order to check something that has one is a step of a workflow.
WHEN_IT_RUNS = re.compile(
    r"\b(?:when(?:ever)?|every|each (?:new|time)|once|as soon as|daily|hourly|weekly|nightly|"
    r"monthly|on (?:each|every|new))\b",
    re.I,
)
#: (HIN13) People at work, or where they work ("nurses wait hours", "lawyers sit on
#: contracts", "the kitchen"): a workflow or process of theirs is people's work, not n8n's.
PEOPLE_AT_WORK = re.compile(
    r"\b(?:nurses|doctors|physicians|pharmacists|lawyers|attorneys|paralegals|reviewers|"
    r"approvers|staff|employees|workers|chefs|cooks|waiters|waitstaff|cashiers|clerks|teachers|"
    r"students|volunteers|drivers|technicians|engineers|designers|editors|recruiters|"
    r"interviewers|candidates|patients|colleagues|co-?workers|teammates|kitchen|restaurant|"
    r"hospital|clinic|warehouse|factory|classroom|newsroom)\b",
    re.I,
)
#: (HIN13) Advice asked on how people work better ("any tips", "ideas could cut that wait",
#: "speed up", "smoother", "it is slow").
BETTER_WORK_ASK = re.compile(
    r"\b(?:ideas?|tips?|advice|suggestions?|best practices|speed\s+(?:\w+\s+)?up|smoother|"
    r"streamline\w*|shorten|faster|more efficient|efficiency|bottlenecks?|slow|chaotic|lean|"
    r"improve\w*|culture)\b",
    re.I,
)
#: (HIN13) A workflow or process said as a plain word: with ``PEOPLE_AT_WORK`` and no other
#: automation word, it is how people work.
PROCESS_WORD = re.compile(r"\b(?:work-?flows?|process(?:es)?|flows?|pipelines?)\b", re.I)
#: (HIN13) An order put to the assistant politely, opening the turn: "Could you send me ...",
#: "Can you post every new ...", "Will you please create ...": with a start named, what the
#: workflow does - the question mark closes an order, not a question.
POLITE_ORDER_OPENING = re.compile(
    r"^\s*(?:(?:hi|hey|so|ok|okay)[,!]?\s+)?(?:(?:can|could|would|will)\s+(?:you|u)|(?:are|were)"
    # (HIN3) "would you be able to forward ...", "are you able to push ..."
    r"\s+(?:you|u)\s+able\s+to)\s+(?:please\s+|just\s+|also\s+|kindly\s+|be able to\s+)*"
    rf"(?:{_ORDER_VERBS})\b",
    re.I,
)
#: (HIN13) The assistant asked to explain, show or find something out ("tell me how", "show me
#: how to", "let me know whether", "check why"): information wanted, not an order to build.
ASKED_TO_EXPLAIN = re.compile(
    r"\b(?:explain|show|tell|teach|walk)\s+(?:me|us)\s+(?:through\s+)?(?:how|what|why|whether|if|"
    r"which|when|where|who)\b|\blet\s+(?:me|us)\s+know\s+(?:how|what|why|whether|if|which)\b|"
    r"\b(?:check|find out|look into|figure out|see)\s+(?:why|whether|if|what|how)\b",
    re.I,
)
#: (HIN13) An ask to build a thing that does the work, said whatever wraps it ("any chance you
#: can build something that ...", "could you put together a flow that ...", "whip up a
#: workflow to ..."): something to build, unless the turn asks how to build it.
BUILD_SOMETHING = re.compile(
    r"\b(?:build|make|set up|setup|create|put together|whip up|wire up|rig up|throw together|"
    r"cook up|knock up)\s+(?:me\s+|us\s+)?(?:something|some(?:thing)? (?:automation|flow)|"
    r"(?:a|an|one)\s+(?:(?:little|small|simple|quick|tiny|new)\s+)?(?:workflow|flow|automation|"
    r"zap|pipeline|scenario|bot))\s+(?:that|which|to|so|where|who|for)\b|"
    # (HIN6 s20) the verb's particle after its object ("set something up so each Friday ..."),
    # or the thing asked to be handed over ("could you give me a workflow that ...")
    r"\bset\s+(?:something|one|(?:a|an)\s+(?:workflow|flow|automation|zap|bot))\s+up\s+"
    r"(?:that|which|to|so|where|for)\b|"
    r"\b(?:give|get|write)\s+(?:me|us)\s+(?:a|an|one)\s+(?:(?:little|small|simple|quick|new)\s+)?"
    r"(?:workflow|flow|automation|zap|bot)\s+(?:that|which|to|so|where|for)\b",
    re.I,
)
#: (HIN13) A turn opening by asking how, what or why (not "can you", "could we" - those open
#: orders and wishes too): "How do I build a workflow that ...?" asks to be told.
ASKS_HOW_OPENING = re.compile(
    r"^\s*(?:how|what|what's|whats|why|which|where|who|is it|isn't it|was it)\b", re.I
)


# --- Clause words: what a clause asks of an app (engine.offline.clause_words) ---
#: Nouns that say where, when or how much - never the thing an API call fetches or makes; nor
#: the shape of a text sent about the records ("a few lines about", "a short paragraph on").
#: Not "gist" or "highlights": a GitHub gist and Readwise's highlights are objects of APIs; only
#: the plural "lines" ("line items" are HubSpot's).
NON_OBJECT_NOUNS = frozenset(
    """account workspace instance api app apps data info information detail details stuff thing
    things record records item items entry entries update updates event events result results
    list stat stats number numbers everything anything crm store shop site website team org
    organization dashboard portal integration bot server inbox channel change changes activity
    trigger webhook node credential key token connection side end one ones last latest recent
    new old open closed all each every any some total count summary digest recap overview
    notification notifications alert alerts message messages email emails mail step steps
    nodes content contents text body endpoint endpoints lines sentence sentences paragraph
    paragraphs blurb blurbs writeup rundown roundup synopsis""".split()
)
#: Words of time and manner after the object: they end its phrase ("Stripe refunds weekly").
TIME_AND_MANNER_WORDS = frozenset(
    """today yesterday tomorrow tonight daily weekly monthly hourly nightly yearly week month
    day days morning evening night hour minute time now later again first already instead
    year quarter
    otherwise too also anymore only automatically""".split()
)
#: Kinds of file: a node that keeps files keeps these.
FILE_KIND_NOUNS = frozenset(
    """image photo picture video audio recording csv pdf invoice receipt contract screenshot
    attachment document doc spreadsheet presentation slide logo thumbnail backup""".split()
)
#: File kinds that carry records ("upload the leads CSV to HubSpot", "the products spreadsheet
#: to WooCommerce"): an import, which the node's create takes row by row - not a file the app
#: keeps (``node_gaps._file_it_cannot_take``; HR19).
RECORD_FILE_KINDS = frozenset("csv spreadsheet xlsx excel json".split())
#: Actions ``engine.offline.operations.VERB_SYNONYMS`` does not list, with what they do: a read
#: or a write.
EXTRA_ACTION_MEANINGS = {
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
    "acknowledge": "update",
    "suspend": "update",
    "unsuspend": "update",
}
#: Prepositions between a thing and the app's record that holds it ("the revisions of the
#: <Drive> file", "the highlights from my <Raindrop> bookmarks", "the notes in our <Copper>
#: opportunities"): see ``node_gaps._collection_of``. Not "on" - what is on a record is as
#: often another app's (reviews on a <Shopify> product).
RECORD_HOLDING_A_THING = frozenset({"of", "from", "in"})
#: Records that hold whatever the user writes or files in them: what is read from one ("our
#: domains from the <Notion> database", "the contracts from our <Drive> folder", "questions
#: from our <Notion> docs") is their content, not a collection of the app's API.
HOLDERS_OF_CONTENT = frozenset(
    "database page doc document folder file note notebook sheet spreadsheet list channel "
    "inbox drive message email mail block table base".split()
)
#: Prefixes that make an action undo another ("unarchive", "reactivate", "deactivate"): the
#: state it sets is the base action's, or its opposite (``node_gaps._state_not_held``).
UNDOING_PREFIXES = ("un", "re", "de")
#: Actions that put a record in a state of its own - a snoozed incident, a paused campaign, a
#: voided invoice, a suspended user: a node's generic update does one only when a field of its
#: update holds that state ("acknowledged" of a <PagerDuty> incident, "unsubscribed" of a
#: <Mailchimp> member) or an operation is named for it (GitHub's workflow "disable"); else the
#: app's API has its own endpoint for it (``node_gaps._state_not_held``). Not "reopen" (HMO8
#: s20, withdrawn after HR22): the field that reopens a record has too many names (a HubSpot
#: deal's stage, a Trello card's "closed", a Pipedrive lead's "is_archived") for a list.
STATE_OF_ITS_OWN_ACTIONS = frozenset(
    "snooze pause resume void unarchive unlock enable disable deactivate reactivate "
    "suspend unsuspend acknowledge".split()
)
#: Fields of a record's update that hold a state of its own under another word than the
#: action's (keyed by the action, or the base of an "un-/re-/de-" one): an "active" or
#: "status" field activates and deactivates (a <MailerLite> subscriber, a <Mailchimp>
#: member's status), "closed" archives (a <Trello> card), "blocked" suspends. Why: the
#: action's own word was looked for alone, and a record the node's update can put in the
#: state went to an endpoint made up from the verb (``node_gaps._state_not_held``). Not
#: "enable/disable": the operation chooser has no update for them (``ORDER_VERBS``: there
#: they picked a Slack user group's "disable" for "disable notifications"), and a kept node
#: made "disable the <ClickUp> task" a create or dropped the step.
STATE_HELD_BY_FIELDS = {
    "activate": ("active", "status", "enabled"),
    "archive": ("archived", "closed"),
    "suspend": ("suspended", "blocked"),
    # a record's status or state field opens, closes and completes it (a <Jira> issue's
    # status, an <Asana> task's "completed"); a <Help Scout> conversation has no update
    "open": ("open", "status", "state"),
    "close": ("closed", "status", "state", "completed"),
    "complete": ("completed", "status", "state"),
    "finish": ("completed", "status", "state"),
}
#: Everyday words of a record's field that its node names otherwise: "the photos of the
#: <Shopify> product" are its Images, "the labels of the <Shopify> order" its Tags, "the mobile
#: numbers of our <Salesforce> contacts" their Phone. Why: the word was looked up alone, and a
#: field was read as a collection of the API (``GET .../photos``; ``node_gaps._names_field``).
#: Not notes/comments: a ticket's comments are a collection of their own in most APIs.
FIELD_SYNONYMS = (
    frozenset("image photo picture pic img".split()),
    frozenset("phone mobile cell".split()),
    frozenset("tag label".split()),
)
#: Where an API takes an action that puts one record in a state of its own, from the APIs'
#: references: (credential, records) -> {action: (method, path)}, ``{id}`` the record's id.
#: Some are endpoints of their own (Stripe's ``invoices/{id}/void``, Okta's
#: ``users/{id}/lifecycle/suspend``, Mailchimp's ``campaigns/{id}/actions/pause``), some are an
#: update of the record with a field set (Stripe pauses a subscription with ``pause_collection``,
#: Xero voids an invoice with ``Status: VOIDED``, Asana archives a project with ``archived``).
#: An action no entry names gets a marked placeholder path, never one made up from the verb
#: (``engine.offline.api_call_shape.action_endpoint``).
ACTION_ENDPOINTS: dict[tuple[str, str], dict[str, tuple[str, str]]] = {
    ("oktaApi", "users"): {
        a: ("POST", f"api/v1/users/{{id}}/lifecycle/{a}")
        for a in "activate reactivate deactivate suspend unsuspend unlock".split()
    },
    ("stripeApi", "invoices"): {"void": ("POST", "invoices/{id}/void")},
    ("stripeApi", "subscriptions"): {
        "resume": ("POST", "subscriptions/{id}/resume"),
        "pause": ("POST", "subscriptions/{id}"),
    },
    ("pagerDutyApi", "incidents"): {"snooze": ("POST", "incidents/{id}/snooze")},
    ("pagerDutyOAuth2Api", "incidents"): {"snooze": ("POST", "incidents/{id}/snooze")},
    ("xeroOAuth2Api", "invoices"): {"void": ("POST", "Invoices/{id}")},
    # Intercom snoozes a conversation with a reply part of type "snoozed"
    ("intercomApi", "conversations"): {"snooze": ("POST", "conversations/{id}/parts")},
    **{
        (cred, "campaigns"): {
            "pause": ("POST", "campaigns/{id}/actions/pause"),
            "resume": ("POST", "campaigns/{id}/actions/resume"),
        }
        for cred in ("mailchimpApi", "mailchimpOAuth2Api")
    },
    **{
        (cred, "automations"): {
            "pause": ("POST", "automations/{id}/actions/pause-all-emails"),
            "resume": ("POST", "automations/{id}/actions/start-all-emails"),
        }
        for cred in ("mailchimpApi", "mailchimpOAuth2Api")
    },
    **{
        (cred, "projects"): {
            "archive": ("PUT", "projects/{id}"),
            "unarchive": ("PUT", "projects/{id}"),
        }
        for cred in ("asanaApi", "asanaOAuth2Api")
    },
}
#: Actions done to a thing the node has that only some APIs offer, with the operation names
#: that offer them ("duplicate" is Mailchimp's "replicate"): see ``node_gaps.unoffered_action``.
SOMETIMES_OFFERED_ACTIONS = {
    "schedule": ("schedule",),
    "duplicate": ("duplicate", "replicate", "copy", "clone"),
    "clone": ("duplicate", "replicate", "copy", "clone"),
    "publish": ("publish", "update"),  # a post's update sets its status
    "unpublish": ("unpublish", "update"),
    "approve": ("approve", "review"),
    "pin": ("pin",),
    "share": ("share",),
    "merge": ("merge",),  # "merge the duplicate <Zendesk> tickets": GitHub merges PRs only
    "convert": ("convert",),  # "convert the <Salesforce> lead into a contact"
    # "restore the deleted <Zendesk> ticket" is its "recover"; Freshdesk's node has none
    "restore": ("restore", "recover", "untrash", "undo", "unarchive"),
}
#: Light verbs: they say that something happens in or through an app, not what is done to a
#: record of it ("a bot that runs in Teams chats", "call Todoist for the tasks", "use Notion
#: pages"), so no operation of the record has to name them (``node_gaps``).
LIGHT_VERBS = frozenset(
    "run runs running call calls calling use uses using do does handle work".split()
)
#: Words that end the object phrase after the app's name ("Stripe refunds into ...").
OBJECT_PHRASE_END_WORDS = frozenset(
    """a an the of on in to for from by with and or into onto via then when if that which
    who as at so but while where after before per each every all my our your their its
    this under over about through across within without since until during like than
    using""".split()
)
#: "<object> from Stripe": the word before one of these, right before the app, is the object.
OBJECT_FROM_APP_AT_END = re.compile(r"(?:^|\s)([A-Za-z][\w-]*)\s+(from|in|on)\s+(?:\w+\s+)?$")
#: Words between a verb and its object that end the verb's reach ("... if the customer").
VERB_REACH_BREAKS = frozenset(
    "if when whether while because and or but then that which who to on in at into onto for "
    "with via by through from".split()
)
#: Words that stand for something named elsewhere: never the object itself.
STAND_IN_PRONOUNS = frozenset("them they these those this that it its everything everyone".split())
#: Plurals of ``NON_OBJECT_NOUNS`` places that an API lists as things of their own.
PLURAL_PLACE_NOUNS = frozenset("dashboards portals websites sites workspaces servers".split())
#: Articles and owners: a verb's word right after one is a noun ("the merge requests"); not
#: "that", which also begins a clause ("a step that pulls ...").
ARTICLES_AND_OWNERS = frozenset("a an the our my your their its".split())
#: Words that begin a thing's phrase after its action.
PHRASE_DETERMINERS = frozenset(
    "a an the our my your their its this that these those each every".split()
)
#: Verbs that look inside an app for something ("check Stripe for new disputes").
SEARCHING_VERBS = frozenset("check search query look scan poll monitor watch find".split())
#: The app is the means: "use Stripe to ...", "with Stripe to ...".
APP_AS_MEANS_AT_END = re.compile(r"\b(use|using|with|via)\s*$", re.I)
#: "add a comment to it in <App>": the record at hand, between the object and the app.
TO_IT_BEFORE_APP = re.compile(r"\s+(?:to|on|for)\s+(?:it|them)\s+(?=(?:in|on|to)\s+(?:\w+\s+)?$)")
#: Words that say which one of a kind ("the current sprint"), never what kind.
WHICH_ONE_WORDS = frozenset("current active upcoming next latest open new last first".split())
#: Nouns that never name what an API call reads or makes, even of an app with no actions.
NEVER_THING_NOUNS = frozenset(
    """account workspace instance api app apps data info information detail details stuff
    thing things everything anything integration bot server side end one ones""".split()
)
#: A verb, then "that"/"this"/"each" ... and up to three words: the thing at hand it acts on
#: ("refund that payment", "add a comment to each new issue").
VERB_THEN_THAT_THING = re.compile(
    r"\b(\w+)\s+(?:that|this|those|these|each|every|the)\s+(?:(?:new|same)\s+)?"
    r"((?:[a-z]+\b\s*){0,3})"
)
#: Where a clause before an app's name begins: a sentence mark, ", ", or "and"/"then" (a
#: second action: "refund it in Stripe and tell #billing on Slack").
#: A period or colon between letters or digits ("10:00", "A1:H200", "reminders.add") is part of
#: a word, not a clause's end; so is a question mark before one: a path's query string
#: ("GET /projects/:id/pipelines?status=failed on <GitLab>") asks nothing.
#: (s12) An arrow between steps ("gumroad refund -> remove the buyer from <ConvertKit>") ends
#: a clause too: the event's "refund" is not what is asked of the next app.
CLAUSE_BREAK_BEFORE_APP = re.compile(
    r"[;!\n]|[?.:](?!\w)|,\s|\b(?:and|then)\s|-+>|=>|\u2192|\u21d2"
)
#: Verbs of an event after its object: they end the object's phrase.
EVENT_VERBS_AFTER_OBJECT = frozenset(
    """is are was gets get has have starts start arrives arrive comes come appears appear lands
    land opens open closes close happens begins ends changes goes becomes exists exist remains
    remain""".split()
)


# --- Node parameters read from words: forms, conditions, HTTP methods (engine.offline.nodes) ---
#: A schedule's weekday, by full name -> n8n's numbering (0 = Sunday): a parsed schedule's
#: weekday is matched on its first three letters; WEEKDAY_NUMBERS also lists abbreviations.
SCHEDULE_WEEKDAY_NUMBERS = {
    "sunday": 0,
    "monday": 1,
    "tuesday": 2,
    "wednesday": 3,
    "thursday": 4,
    "friday": 5,
    "saturday": 6,
}
#: Small words left out of a webhook path or a form title made from the request ("a", "the",
#: "please", "using"), and never a condition's field.
SLUG_STOP_WORDS = frozenset(
    "a an the and or to of in on for with when from then my our your me us it is are be "
    "every each new please that this into via using use".split()
)
#: A form's fields named in the request: (word found, field label, n8n field type).
FORM_FIELD_WORDS = (
    ("name", "Name", "text"),
    ("email", "Email", "email"),
    ("phone", "Phone", "text"),
    ("company", "Company", "text"),
    ("message", "Message", "textarea"),
    ("date", "Date", "date"),
    ("file", "File", "file"),
    ("upload", "File", "file"),
    ("url", "URL", "text"),
    ("website", "Website", "text"),
    ("feedback", "Feedback", "textarea"),
    ("budget", "Budget", "number"),
)
#: A number compared in words or signs: "score above 80", "amount >= 100", "price is 5"
#: (field, operator, number).
NUMERIC_COMPARISON = re.compile(
    r"(?P<field>[a-z_][a-z0-9_ ]{0,30}?)\s*(?P<op>>=|<=|>|<|=|is above|above|over|more than|"
    r"greater than|higher than|below|under|less than|lower than|equals?|is)\s*\$?"
    r"(?P<num>-?\d+(?:\.\d+)?)",
    re.I,
)
#: The comparisons NUMERIC_COMPARISON reads -> n8n filter operations.
COMPARISON_OPERATORS = {
    ">": "gt",
    ">=": "gte",
    "<": "lt",
    "<=": "lte",
    "=": "equals",
    "is above": "gt",
    "above": "gt",
    "over": "gt",
    "more than": "gt",
    "greater than": "gt",
    "higher than": "gt",
    "below": "lt",
    "under": "lt",
    "less than": "lt",
    "lower than": "lt",
    "equal": "equals",
    "equals": "equals",
    "is": "equals",
}
#: A condition on a failure ("if it's down", "when the check fails"): the previous step's error.
FAILURE_CONDITION_WORDS = frozenset(
    "down fails fail failed failing error errors offline unreachable broken outage".split()
)
#: The verb right before a URL and the method it means: "check/fetch/get <url>" reads it,
#: "delete/remove" deletes, "update/change/edit" patches, "post/send/create" posts.
URL_VERB_METHODS = (
    (re.compile(r"\b(?:delete|remove|unsubscribe|purge)\w*\b"), "DELETE"),
    (re.compile(r"\b(?:update|change|edit|modify|patch)\w*\b"), "PATCH"),
    (re.compile(r"\b(?:post|send|submit|create|upload|push|notify|add)\w*\b"), "POST"),
    (
        re.compile(
            r"\b(?:get|gets|fetch\w*|check\w*|read\w*|pull\w*|load\w*|download\w*|ping\w*|"
            r"call\w*|query\w*|look\w*|scrape\w*|retrieve\w*|monitor\w*|poll\w*|hit)\b"
        ),
        "GET",
    ),
)
#: A web page read with no URL written: "check my website", "fetch each page", "scrape the
#: links", "open each story link".
PAGE_READ_WITHOUT_URL = re.compile(
    r"\b(?:check|fetch|get|read|open|visit|scrape|crawl|ping|monitor|load|download)\w*\s+"
    r"(?:[\w'-]+\s+){0,3}?(?:web\s?site|site|page|url|link|html|feed|homepage)s?\b"
)
#: The words before "form" that name it ("our demo request form"): a form's title; read in
#: lowercased text.
FORM_NAME_WORDS = re.compile(r"((?:[a-z][a-z'-]* ){1,3})form\b")
#: A condition on a tag or label: "tagged urgent", "labelled 'bug'", "with the label vip"
#: (lowercased text).
TAGGED_CONDITION = re.compile(
    r"\b(?:tagged|labell?ed|marked|with (?:the )?(?:tag|label))\s+['\"]?([\w-]+)"
)
#: A condition on a field's text: "subject contains invoice", "body mentions 'refund'"
#: (field, word; lowercased text).
CONTAINS_CONDITION = re.compile(r"\b([a-z_]+) (?:contains?|mentions?|includes?) ['\"]?([\w-]+)")
#: A field equal to a quoted value: "status is 'paid'", "plan = \"pro\"" (lowercased text).
QUOTED_EQUALS_CONDITION = re.compile(r"\b([a-z_]+) (?:is|equals|=) ['\"]([^'\"]{1,40})['\"]")
#: An HTTP method written before a URL, upper case as in API docs: "GET https://...", "POST
#: request to https://..." (case-sensitive: "get" in prose is a verb).
METHOD_BEFORE_URL = re.compile(r"\b(GET|POST|PUT|PATCH|DELETE)\s+(?:request\s+to\s+)?https?://")
#: An HTTP method and a path of an API written as in its docs, next to the app: "GET
#: /v1/payouts on <Stripe>", "POST /crm/v3/objects/quotes in <HubSpot>" (case-sensitive).
METHOD_AND_PATH = re.compile(r"\b(?:GET|POST|PUT|PATCH|DELETE)\s+(/[^\s?#\"'<>),;]+)")
#: A step that calls a named API or sends something ("api", "(http)", "post", "upload"): not a
#: plain web page read (lowercased text).
API_OR_SENDING_STEP = re.compile(r"\bapi\b|\(http\)|\b(?:post|send|submit|create|upload)")
#: Where the last clause before a URL begins: a sentence mark, ", ", or "and"/"then".
CLAUSE_BEFORE_URL = re.compile(r"[.;:!?\n]|,\s|\b(?:and|then)\s")


# --- Calls to an app's API asked for by name: "the Stripe API" (engine.offline.explicit_api) ---
#: The words that ask for an HTTP call: "API", "REST API", "HTTP", "endpoint" ("the n8n API
#: node" names a node, not a call).
API_CALL_MENTION = re.compile(
    r"\b(?:(?:rest|graphql|data|public|web)\s+)?api\b(?!\s+node)|\bhttps?\b(?!:)|\bendpoints?\b",
    re.I,
)
#: Words of the call itself, skipped when the object is read.
API_CALL_OWN_WORDS = frozenset(
    "api apis rest graphql http https endpoint endpoints request requests call calls node".split()
)
#: Words before an object that say which ones or whose, not what ("the", "all", "past").
API_OBJECT_LEADING_WORDS = frozenset(
    """the a an all any every each my our your their its his her this that these those new
    latest recent past previous current upcoming open up for back out""".split()
)
#: Words that end the object of an API call ("payouts from ...", "disputes created ..."):
#: prepositions, conjunctions and "every"/"each".
API_OBJECT_END_WORDS = frozenset(
    """to into onto in on at by with via from and or then when if that which who as so but
    while where after before per through using until during than for of every each""".split()
)
#: Verbs that only say a call is made ("call the API", "hit the endpoint"): their object is
#: the call, the thing asked for comes after "to"/"for".
CALL_ONLY_VERBS = frozenset("call hit use using query ping make send request invoke".split())
#: Words between "API"/"HTTP" and the app named after them: "request to the", "call to".
API_TO_APP_GAP_WORDS = frozenset(
    """request requests call calls node to the of for on against with s my our your its
    credential credentials account authenticated using""".split()
)
#: Words that may come right before "API"/"HTTP" without naming a service.
API_LEAD_IN_WORDS = frozenset(
    """the a an via through using use with to from over by of and or its their your our
    an call make send hit query public""".split()
)
#: Where a clause ends: the app of an API call is named in the clause of "API"/"HTTP".
API_CLAUSE_BREAK = re.compile(r",\s|\band\b|\bthen\b|[.;!?\n]")
#: A URL written in the request, with its host.
URL_WITH_HOST = re.compile(r"https?://([^\s/\"'<>)]+)[^\s\"'<>)]*")
#: Words after "API" that make it something other than a call: a secret, a document, a page.
NOT_A_CALL_AFTER_API = (
    r"\s*(keys?|tokens?|secrets?|credentials?|status|docs?|documentation|reference|page)\b"
)
#: A URL with a path ("https://api.stripe.com/v1/refunds"): the path names the object asked.
URL_PATH = re.compile(r"https?://[^\s/\"'<>)]+(/[^\s\"'<>)?#]*)")
#: A path segment that is a version or the API's own prefix ("v1", "v2.1", "api", "admin"),
#: never the object (matched whole).
API_PATH_PREFIX_SEGMENT = re.compile(r"v\d+(\.\d+)?|api|admin")
#: "the <App> node" right after an app's name: the request asks for the node itself.
NODE_AFTER_NAME = re.compile(r"\s+node\b", re.I)
#: "<App>'s credentials", "<App> account", "<App> auth" right after an app's name: the
#: credential an HTTP Request uses.
CREDENTIAL_AFTER_NAME = re.compile(r"(?:'s)?\s+(credentials?|account|auth)\b", re.I)
#: "and/or/, <word>" right after an object: a second thing asked by the same action
#: ("payouts and disputes").
ANOTHER_THING_AFTER = re.compile(r"\s+(?:and|or|,)\s+([a-z]+)")


# --- Operations a node lacks: made, kept, sent, dropped (engine.offline.node_gaps) ---
#: Things whose scheduling is their making: "schedule a meeting" creates one.
MADE_BY_SCHEDULING_NOUNS = frozenset(
    "meeting event appointment call session interview webinar booking post tweet message".split()
)
#: "add a comment on that <App> record", "leave a note to the matching row in <App>": a thing
#: made on what follows "on/to".
THING_MADE_ON_RECORD = re.compile(
    r"\b(?:(?:add|leave|post|write|attach|put|create|drop|make|dropin)s?\s+(?:a|an|the|some)?"
    r"|([a-z]+)\s+(?:a|an|some)\s)\s*"
    r"(?:[a-z]+\s+)??([a-z]+)\s+(?:on|to|under|against)\s+((?:[a-z]+\s+){0,3})$"
)
#: Resources that hold whatever content is put in them: a kind of it is one of them.
CONTENT_HOLDING_RESOURCES = frozenset({"message", "file", "document", "email", "mail"})
#: "<things> (that) we published on our <App> ...": what was put there, read back.
PUT_THERE_BY_US = re.compile(
    r"(?:^|\s)([a-z]+)\s+(?:that\s+)?(?:we|i|you|they)\s+(?:have\s+)?[a-z]+\s+"
    r"(?:on|in|to|at|into)\s+(?:\w+\s+)?$"
)
#: Canonical verbs of operations that make, send or change something.
WRITING_OPERATION_VERBS = frozenset("create send post add upload update delete make".split())
#: Word endings of describing words ("important", "direct" aside): never a kind of thing.
DESCRIBING_WORD_ENDINGS = ("ant", "ent", "al", "ive", "ous", "ful", "ic", "ly", "ed", "ing", "est")
#: Generic plurals whose kind word names what they are (see ``node_gaps._new_kind``).
GENERIC_PLURALS_OF_A_KIND = frozenset("events entries items records updates results emails".split())
#: Words for a message sent to a person (a post or a comment is not one).
PERSONAL_MESSAGE_WORDS = frozenset("message dm mail email sms text".split())
#: "<send ... message> to <the team> on/in/via <App>": who gets it, between it and the app.
TO_RECIPIENT_BEFORE_APP = re.compile(
    r"^(.*?)\s+to\s+(?:the\s+|our\s+|my\s+|all\s+)?[a-z]+\s+(?:on|in|via|through|over)\s+$"
)
#: What each record action may be offered as, by operation words (see ``operations.candidates``).
RECORD_ACTION_OPERATION_WORDS = {
    "create": frozenset("create add insert append upsert createorupdate appendorupdate".split()),
    "update": frozenset("update upsert edit patch createorupdate appendorupdate".split()),
    "delete": frozenset("delete remove archive trash".split()),
}
#: Resources that are messages: making one is sending it.
MESSAGE_RESOURCE_NOUNS = frozenset("message mail email sms chat post".split())
#: Canonical verbs that only say what is done to a record (read, made, changed, removed,
#: sent): what they govern must be a record the node has.
RECORD_ONLY_VERBS = frozenset(
    """get getall read list search create add insert append update upsert delete remove send
    post""".split()
)
#: A clause that takes something away: it asks no app for anything ("we dont need the notion
#: page anymore", "skip the Slack part", "get rid of the email step").
DROPS_SOMETHING = re.compile(
    r"\b(?:do\s*n[o'\u2019]?t|dont|no\s+longer|never)\s+(?:need|want|use|send|create|make)\b"
    r"|\banymore\b|\bget\s+rid\s+of\b|\bskip\b|\bleave\s+out\b|\bwithout\s+the\b"
    r"|\b(?:remove|drop|delete|cut)\s+(?:the\s+|that\s+)?(?:[\w-]+\s+){0,3}"
    r"(?:step|node|part|bit|action)s?\b",
    re.I,
)
#: "... in/from/inside/within my/our/the/your/their" right before an app's name: what is asked
#: lives in a place of the app ("the newsletters in my <Gmail> inbox").
IN_OWNED_PLACE_AT_END = re.compile(r"\b(?:in|from|inside|within)\s+(?:my|our|the|your|their)\s+$")


# --- The object a clause asks of an app: its shapes (engine.offline.asked_object) ---
#: People and the everyday things every work app holds: after "in/on/to <App>" they are
#: where something goes or who it is for, never an API object the node lacks.
PEOPLE_NOUNS = frozenset(
    """client customer user member people person owner recipient employee candidate lead
    contact subscriber guest participant colleague manager teammate team admin assignee
    reviewer author sender vendor partner student patient volunteer them him her everyone""".split()
)
#: People and the everyday items any work app holds (tasks, rows, files, channels): after
#: "in/on/to <App>" none of them is an object the node lacks.
PEOPLE_AND_EVERYDAY_ITEMS = PEOPLE_NOUNS | frozenset(
    """task ticket issue item card note entry page post event todo story bug record row document
    doc file folder message project deal meeting appointment list board sheet table channel
    thread chat group space""".split()
)
#: "<object> for/of/on/in our [<container>] in/on <App>": the object, then where it lives.
OBJECT_ACROSS_CONTAINER = re.compile(
    r"(?:^|\s)([a-z][\w-]*)\s+(?:for|of|on|in|from|to|at)\s+(?:our|my|the|your|their)\s+"
    r"(?:([a-z][\w-]*)\s+(?:in|on|from|at)\s+)?$"
)
#: "<object> for each <record> from <App>": the object, not the record it is read for.
OBJECT_FOR_EACH_SOURCE = re.compile(
    r"(?:^|\s)([a-z][\w-]*)\s+(?:for|of|on)\s+(?:each|every|all|the|their|its)\s+[a-z]+\s+"
    r"from\s+(?:\w+\s+)?$"
)
#: People put into something of the app's: "enroll them in a <HubSpot> sequence", "add the
#: contact to a <Mailchimp> segment" - the sequence is what the clause asks of the app.
PEOPLE_ENROLLED_INTO = re.compile(
    r"\b(?:add|enrol|enroll|subscribe|register|sign\s+up|put)\s+(?:them|him|her|the\s+(?:"
    + "|".join(sorted(PEOPLE_NOUNS - {"them", "him", "her", "everyone", "people"}))
    + r")s?)\s+(?:to|in|into|for|on)\s+(?:a|an|the|our|my|their)\s+$",
    re.I,
)
#: Subjects of what is said about the object ("the post we made"): they end its phrase.
SUBJECT_WORDS = frozenset(
    "we i you they he she who whenever once unless because while until".split()
)
#: A determiner right before the app: the word after the app is a noun ("the <App> post").
DETERMINER_AT_END = re.compile(
    r"\b(?:the|a|an|my|our|your|their|its|this|that|each|every)\s+$", re.I
)
#: What an app did, right after its name: "payouts Stripe made", "refunds Shopify issued".
DONE_BY_APP_AFTER = re.compile(r"\s+(?:made|sent|paid|issued|processed|created|received|logged)\b")
#: The object's phrase goes on to where it is put, with no verb: "<App> payouts every Monday
#: to Google Sheets", "<App> ticket audits -> Google Sheets"; or it is done to passively:
#: "<App> refunds get copied into Airtable".
PUT_SOMEWHERE_AFTER_APP = re.compile(
    r"^\s*(?:[\w'-]+\s+){1,5}?(?:->|\u2192|to\s|into\s|(?:get|gets|are|is|be)\s+\w+ed\b)"
    r"|^\s*(?:[\w'-]+\s+){0,4}[\w'-]+:\s*(?:list|get|pull|fetch|grab|read|collect|export)\b"
)
#: Words that say when, besides ``TIME_AND_MANNER_WORDS`` (week days, "every", "each").
WHEN_WORDS = frozenset(
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
#: A which-one word right before the object ("the current sprint in <Jira>"): one of a kind.
WHICH_ONE_AT_END = re.compile(r"\b(?:current|active|upcoming|next|latest)\s+$")
#: "a"/"an"/"the"/"new" right before a word: it is a thing ("create a label"), not a verb.
ARTICLE_OR_NEW_AT_END = re.compile(r"\b(?:a|an|the|new)\s+$")
#: "... as a/an/new" before an object: what something is made as ("create it as a project").
MADE_AS_AT_END = re.compile(r"\bas\s+(?:a|an|new)\s+$")
#: A capitalised product right after the app, then "to"/"for" or the clause's end: "use
#: Twilio Lookup to ...", "check it with Stripe Radar." (case-sensitive).
PRODUCT_USED_AFTER_APP = re.compile(r"\s*([A-Z][a-z]{2,})(?:\s+(?:to|for)\s|\s*(?:[,.;:!?)]|$))")
#: "... for <what>" after the app, words of when aside: "check Stripe (every day) for new
#: disputes" - what is looked for follows (dot matches newlines).
LOOKED_FOR_AFTER_APP = re.compile(r"\s*(?:(?:every|each)\s+\w+\s+|[a-z]+ly\s+)?for\s+(.*)", re.S)


def kind_word_before(head: str) -> re.Pattern[str]:
    """The word right before ``head`` named before an app ("a discount code in <Shopify>":
    discount), as a pattern ending the text: "<kind> <head> from/in/on/to [word]"."""
    return re.compile(
        r"([a-z][a-z-]*)\s+" + re.escape(head) + r"\s+(?:from|in|on|to)\s+(?:\w+\s+)?$"
    )


# --- Reading a clause around an app's name (engine.offline.clause_reader) ---
#: Words before an object that say which ones or whose, never what it is (or a particle of
#: its verb: "look up the ...").
WHICH_AND_HOW_MANY_WORDS = WHICH_ONE_WORDS | frozenset(
    """the a an all any every each some both my our your their its this these those many
    unread up out down back off one two three four five six seven eight nine ten few several
    couple multiple""".split()
)
#: Units of time written short ("every 30 min"), besides ``TIME_AND_MANNER_WORDS`` and their
#: plurals.
SHORT_TIME_UNITS = frozenset("min mins hr hrs sec secs wk wks".split())
#: Words that begin what is said about the object, not more of its name.
RELATIVE_WORDS = frozenset(
    """who whom whose which that nobody someone everyone where plus whenever once unless
    because we i you they he she""".split()
)
#: Past forms not made with "-ed" that end a relative clause describing a thing ("the reviews
#: shoppers left on", "the ratings customers gave"): the verb of the description, no noun.
IRREGULAR_PAST_FORMS = frozenset(
    """left gave wrote held took got made sent put kept set bought sold paid spent won lost
    built chose drew found heard ran said saw told began brought caught did forgot gotten
    given written taken done seen shown read""".split()
)
#: Owners right before the app after "with": the app's data is content ("with their <App> url").
OWNER_WORDS = frozenset("their its his her our my your".split())


# --- The shape of a stand-in API call: read or write (engine.offline.api_call_shape) ---
#: Canonical verbs that create or change something: the stand-in call is a POST (anything
#: else - a read, "summarize", "check" - is a GET).
CREATE_OR_CHANGE_VERBS = frozenset(
    "create append add insert update upsert delete remove send post upload move copy archive "
    "clear publish share invite subscribe".split()
)
#: The object phrase after the app goes on to another place: "post yesterday's Stripe refunds
#: to #finance", "add the day's Shopify refunds to a Google Sheet", "send me the payouts by
#: email" - the verb delivers what the API call reads.
DELIVERED_ELSEWHERE_AFTER_APP = re.compile(
    r"^\s*(?:[A-Za-z][\w'-]*\s+){1,5}(?:to|into|onto|by|via)\s+"
    r"(?:#|[A-Z]|(?:a|an|the|my|our|their|your)\b|e-?mail\b|mail\b)"
)
#: Verbs that put what they govern somewhere else (not "create", "issue": those make it).
DELIVERING_VERBS = frozenset(
    """send post add append insert save store log put push copy export email mail forward
    share upload write record publish dm message notify ping""".split()
)
#: "from [word]" right before the app: the app is read ("name and email from <HubSpot>'s
#: owners").
FROM_APP_AT_END = re.compile(r"\bfrom\s+(?:\w+\s+)?$")


# --- Words a node knows: people it keeps records of (engine.offline.node_vocabulary) ---
#: Words for a person an app keeps a record of: any of them names a node's people resource
#: ("client" is HubSpot's contact, Slack's user). Roles in a record (owner, assignee) are not.
PERSON_RECORD_NOUNS = frozenset(
    """client customer user member people person contact subscriber lead attendee guest
    participant student patient volunteer candidate employee buyer shopper recipient
    sender""".split()
)


# --- How a request names an app, and the clause around it (engine.offline.app_naming) ---
#: Words that are days or people before they are apps.
EVERYDAY_NOT_APP_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday customer client form""".split()
)
#: A subject that writes or decides for itself: "OpenAI writes a note", "the AI drafts ...".
AI_SUBJECT_OPENING = re.compile(
    r"^\s*(?:(?:then|and|also)\s+)?(?:the\s+|an?\s+)?"
    r"(?:ai|llm|gpt[\w.-]*|chatgpt|model|agent|assistant|chatbot)\s+[a-z]+s\b",
    re.I,
)
#: Where the clause after an app's name ends: a sentence mark, ", ", or "and"/"or"/"then".
CLAUSE_END_AFTER_APP = re.compile(r"[;!?\n]|\.(?!\w)|,\s|\b(?:and|or|then)\b")
#: A place of an app right after its name ("<Stripe> account", "<Shopify> store"): the
#: naming says where, not what is asked (case-sensitive).
PLACE_NOUN_AFTER_APP = re.compile(r"\s*(account|workspace|store|shop|instance|dashboard)\b")
#: "from/in/on/of our/my/the/your" right before an app's name: a place of ours follows.
OWNED_PLACE_BEFORE_APP = re.compile(r"\b(from|in|on|of)\s+(our|my|the|your)\s*$")


# --- Calls implied by a later clause on the record at hand (engine.offline.implied_calls) ---
#: What belongs to the thing a trigger reported: "its", "their", "the order's".
RECORD_OWNER_WORD = re.compile(r"\b(?:its|their|(?:the|each|every)\s+[a-z]+(?:'s|\u2019s))\s+")
#: A read of what belongs to the record at hand, named after the object: "fetch the quotes
#: linked to it", "list the line items of them".
READ_OF_RECORD_AT_HAND = re.compile(
    r"^(.*?\b(?:get|fetch|pull|list|retrieve|grab|load|read|collect|export|download)s?\s+)"
    r"(?:(?:the|all|all the)\s+)?([a-z][a-z ]*?)\s+"
    r"(?:linked to|attached to|associated with|of|for|on|from|in)\s+(?:it|them)\b"
)
#: Something made on the record at hand: "leave a comment on that page", "add a note to
#: the ticket", "post a reply under this issue".
MADE_ON_RECORD_AT_HAND = re.compile(
    r"^\s*(?:\w+\s+)?(?:leave|post|add|write|attach|put|create|drop|make|log|record|open|start)s?\s+"
    r"(?:a|an|the|some)?"
    r"\s*([a-z][a-z ]*?)\s+(?:on|to|under|for|in|against)\s+(that|this|the|each|it)\b\s*([a-z]*)"
)
#: A new thing made in a later clause with no record named: "and attach a note with ...",
#: "then add a comment saying ..." - of the app the clause goes on with.
MAKES_NEW_THING = re.compile(
    r"^\s*(?:also\s+)?(?:attach|add|create|leave|log|write)s?\s+(?:a|an)\s+([a-z]+)\b"
    r"(?!\s+to\b)"
)
#: The clause of an event: "when a Trello card is created", "once a deal is won".
EVENT_CLAUSE_WORDS = re.compile(
    r"\bwhen\w*|\bonce\b|\b(each|every) time\b|\bif\b|\bas soon as\b", re.I
)
#: Where a clause's parts split: "and"/"then" or an arrow ("->", "→").
AND_THEN_OR_ARROW = re.compile(r"\b(?:and|then)\s|->|\u2192")


#: A definite determiner right before the app: "archive the <Notion> page", "lock that
#: <GitHub> issue" - one record named there, not the records a trigger brings ("every <Stripe>
#: payment"; ``implied_calls.ordered_there``).
ONE_RECORD_BEFORE_APP = re.compile(r"\b(?:the|that|this)\s+$", re.I)


def pointing_at_record(record: str) -> re.Pattern[str]:
    """ "that <record>" / "this <record>" ("add a comment to that issue"): the record an
    event named, pointed at again (``record`` is a word, used as written)."""
    return re.compile(r"\b(?:that|this)\s+" + record)


# --- An agent's app tools and what they are given to do (engine.offline.tool_stand_ins) ---
#: "a Stripe tool to list refunds", "Stripe, which can fetch refunds": the tool's own action.
TOOL_ACTION_AFTER_APP = re.compile(
    r"^\W*(?:tools?\W+)?(?:to|that|which|for|can)\s+(?:can\s+)?(\w+(?:\s+up)?)\s+(.*)"
)
#: "tools for <App> ...", "a tool for the <App> ...": what follows is what the tool reads.
TOOLS_FOR_APP_AT_END = re.compile(r"\btools?\s+(for|over|on)\s+(the\s+|my\s+|our\s+)?$", re.I)
#: "questions about (our) <App> ...": what follows is read to answer them.
QUESTIONS_ABOUT_APP_AT_END = re.compile(
    r"\b(?:questions?|asks?|answers?)\s+(?:about|on|regarding)\s+(?:our\s+|my\s+|the\s+)?$", re.I
)
#: "<App> tool for <object>": the object the tool is for.
TOOL_FOR_OBJECT_AFTER_APP = re.compile(
    r"^\W*tools?\s+for\s+(?:the\s+|our\s+|my\s+)?([a-z][a-z ]*?)(?=\s+and\b|\s*[,.;]|$)"
)
#: Where a tool's clause ends after its app: a sentence mark, or ", " before "<x> tool".
TOOL_CLAUSE_END = re.compile(r"[;.\n]|,\s*(?=[a-z]+ tool)")


# --- Stand-ins for an app's node: events and later uses (engine.offline.coverage) ---
#: An event written before the app's name: "when a new <App> conversation starts".
EVENT_LEAD_BEFORE_APP = re.compile(
    r"\b(when|whenever|once|each time|every time)\s+(a|an|the)?\s*(new\s+)?$", re.I
)
#: A step's clause the spec cut where the next app's name begins ("update the <HubSpot> deal",
#: "update the tags of the matching <Shopify> order"): what it does is that app's.
CUT_BEFORE_ANOTHER_APP = re.compile(
    r"\b(?:the|a|an|our|my|your|their|matching|new|each|every)\s*$", re.I
)
#: Where a step's purpose is cut after its first clause: a mark or "then".
CLAUSE_MARK_OR_THEN = re.compile(r"[,;:.]|\bthen\b")


def app_name_not_its_api(name: str) -> re.Pattern[str]:
    """The app's ``name`` (lower case) as a word, not followed by "api": "the YouTube API" is
    a call to it, not a use of its node."""
    return re.compile(r"\b" + re.escape(name.lower()) + r"\b(?!\s+api\b)")


# --- Several entry points said in other words (engine.entry_points; issue #17 Part 2, s12) ---
#: Several starts announced by counting them or by what follows them, without the words
#: ``MULTI_START`` reads: "two doors in:", "reach us from three places", "fire on either of
#: these", "whichever fires", "in both cases", "the same AI behind both", "reachable from the
#: chat AND from Telegram", "reps can also ask for it from an n8n form", "and also run it every
#: Sunday".
SEVERAL_STARTS_SAID = re.compile(
    r"\b(?:two|three|four|several|multiple|2|3|4) (?:doors|ways|routes|paths|entrances|places|"
    r"sources|channels)(?: (?:in|into it)\b|\s*[:(\u2014-]| to (?:get|start|run|trigger|reach|use|"
    r"call|kick|talk)\b)|"
    r"\b(?:come|comes|arrive|arrives|reach(?:es)? us|gets? in|fires?|starts?|runs?|triggered|"
    r"started|kicked off|kick (?:it|this) off)\s+(?:in|from|on|via|through|by)\s+"
    r"(?:two|three|four|several|multiple|2|3|4|both|either|any)\s+(?:of (?:these|those|them)|"
    r"(?:\w+ )?(?:ways|places|sources|channels|doors|routes|things|events|triggers))\b|"
    r"\b(?:either way|whichever (?:one |of (?:them|these|the \w+) )?(?:fires|it is|comes|comes in|"
    r"arrives|starts it|triggers|happens|way)|in (?:both|all (?:three|four|of these|these)|either) "
    r"cases?|(?:behind|for|on|from) both (?:doors|sides|ends|entry points|triggers|channels)|"
    r"same (?:\w+ ){0,2}?(?:behind|for|on|across|in) (?:both|all)\b|"
    r"all (?:three|four) (?:of them )?(?:go|feed|end|lead|should))\b|"
    r"\b(?:reachable|available|accessible|usable|callable|answers?|answering|talk to it|reach it|"
    r"use it|ask it)\s+(?:both\s+)?(?:from|on|in|via|through)\s+[^.;:\n]{1,60}?\s(?:and|or|&)\s+"
    r"(?:also\s+)?(?:from|on|in|via|through)\s|"
    r"\b(?:and|but|plus|or),?\s+(?:\w+\s+){0,3}?(?:can|could|may|should|will)\s+also\s+"
    r"(?:\w+\s+){0,4}?(?:from|via|with|by|through|using|on|in)\s+(?:a |an |the |our |my )?"
    r"(?:n8n )?(?:button|form|chat|webhook|schedule)\b|"
    r"\balso\b[^.;\n]{0,40}?\b(?:trigger|run|start|kick off|fire|execute)\w*\s+(?:it|this(?: one)?|"
    r"the (?:workflow|flow))\s+(?:every|each|daily|nightly|weekly|hourly|monthly|"
    r"on (?:a )?schedule|at \d|from (?:a|an|the|our) (?:n8n )?(?:form|chat|webhook))",
    re.I,
)
#: A webhook start said by what calls it ("our site POSTs them to /leads", "a POST from our
#: backend", "the ERP posts to our n8n endpoint"): read only where several starts are said.
WEBHOOK_CALL_START = re.compile(
    r"\b(?:posts?|posted|posting|calls?|hits?)\s+(?:\w+\s+){0,3}?(?:to\s+)?(?:/[\w{}:/.-]+|"
    r"(?:our|an?|the|my)\s+(?:n8n\s+)?(?:endpoint|webhook url))|"
    r"\b(?:an?\s+)?(?:http\s+)?POST\s+(?:request\s+)?(?:to|from)\s+(?:/|our\b|the\b|an?\b|my\b)",
    re.I,
)
#: A start by another workflow ("let other workflows call this one", "call it from another
#: workflow", "as a sub-workflow"): the Execute Workflow Trigger.
SUBWORKFLOW_CALL_START = re.compile(
    r"\b(?:other|another|a parent|parent|the main)\s+workflows?\s+(?:can\s+)?(?:calls?|runs?|"
    r"starts?|triggers?|executes?)\s+(?:it|this)\b|"
    r"\b(?:call(?:ed)?|run|start(?:ed)?|trigger(?:ed)?|execut(?:e|ed))\s+"
    r"(?:it\s+|this(?: one)?\s+)?(?:from|by)\s+(?:an?other|other|a parent|the parent|a main|"
    r"the main)\s+workflows?\b|"
    r"\bas an? sub-?workflow\b",
    re.I,
)
#: A messaging app named as where messages come from, read before its name ("a message to our
#: <Telegram> bot", "messages in <Slack>", "talk to it on <WhatsApp>").
MESSAGE_APP_BEFORE = re.compile(
    r"\b(?:messages?|dms?|texts?|chats?|questions?)\s+(?:to|in|on|from|via|through)\s+"
    r"(?:(?:a|an|the|my|our)\s+)?$|"
    r"\b(?:talk|chat|write|ask|message)\w*\s+(?:to\s+it\s+|with\s+it\s+|it\s+)?(?:on|in|via|from|"
    r"through)\s+(?:(?:a|an|the|my|our)\s+)?$",
    re.I,
)
#: ... or after it ("a <Slack> message in #ops", "<WhatsApp> messages", "<Telegram> DMs").
MESSAGE_APP_AFTER = re.compile(
    r"^\s+(?:bot\s+|group\s+|channel\s+)?(?:messages?|dms?|texts?)\b", re.I
)
#: A verb that sends the message named after it ("post a Slack message"): an action, no start.
SENT_MESSAGE_BEFORE = re.compile(
    r"\b(?:post|send|write|drop|leave|reply|answer|push)\w*\s+(?:\w+\s+)?(?:a|an|the)\s+$", re.I
)
#: Work people do by hand, not a way to start ("the ones staff typed in by hand", "rows entered
#: manually"): taken out before the manual cues are read for a second start.
WORK_DONE_BY_HAND = re.compile(
    r"\b(?:typed|entered|added|filled|written|keyed|copied|pasted|made|created|sorted|tagged|"
    r"done|logged|uploaded|edited|updated|input)\s+(?:in\s+|out\s+|up\s+)?(?:by hand|manually)\b",
    re.I,
)
#: Where one item of a list of starts begins ("either", "or", "and", a comma, a colon, "2)",
#: "(b)"): in a request with several starts, each item is read as an event of its own (a
#: clause after ";" or a full stop is a step, not an item).
START_ITEM_HEAD = re.compile(
    r"(?:\b(?:either|or|and|plus)\b|[,:(\n\u2014]|\b\d[.)]|\([a-z0-9]\))\s*", re.I
)
#: An event clause that goes on with "or" and a second event ("whenever a Jira issue is closed
#: OR a GitHub PR is merged"): the opener, the words up to "or" with no clause end and no
#: order verb, then the item after "or" (read as an event by ``entry_points``).
EVENT_OR_ITEM = re.compile(
    r"\b(?:when(?:ever)?|as soon as|every time|each time|the moment|once)\s+"
    r"[^,;.:\n()\u2014\u2192]{3,80}?\sor\s+(?:else\s+)?(?:when(?:ever)?\s+|if\s+)?"
    r"(?=(?:a|an|each|every|any|new|someone|somebody)\b)",
    re.I,
)
#: Where that item ends.
START_ITEM_END = re.compile(r"[,;.:\n()\u2014]|\s(?:or|and|then|plus)\s", re.I)
#: How such an item opens when it is an event ("a file lands in ...", "a new row in ...", "each
#: new mail in ..."), not an order or a sentence about the outcome ("the person ends up ...").
START_ITEM_OPENING = re.compile(r"(?:a|an|each|every|any|new|someone|somebody)\b", re.I)


# --- What an app holds, taken elsewhere (engine.offline.operations; issue #17 Part 2, s12) ---
#: Orders that make or change a record (``operations._records_of_a_past_window``: "create a
#: Jira issue for last week's failures" writes, though a past window follows).
WRITE_ORDER_VERBS = frozenset(
    "create add make open update delete remove upload insert log archive close move mark cancel "
    "assign set rename tag label complete duplicate invite".split()
)
#: Nouns that name a value a record carries, not a thing of its own: "the open rate of the
#: <Mailchimp> campaign", "the exchange rate of the <QuickBooks> invoice" - a field the node's
#: read returns, though its catalog entry never names it (``node_gaps._unnamed_compound``).
VALUE_NOUNS = frozenset(
    "rate rates count total totals number amount sum average ratio percentage percent score "
    "value price balance status statuses date time id link url size length deadline "
    "description title name email phone address".split()
)
#: One summary or report of many records ("I want a digest of them", "one Slack summary of
#: them at night", "make a report in Google Sheets of them"): the records are read in a batch,
#: not each handled as it comes (``engine.spec._rate_said``; HR19).
ONE_REPORT_OF_THEM = re.compile(
    r"\b(?:one|a|an|single)\s+(?:[\w-]+\s+){0,2}?(?:summary|digest|report|recap|overview|"
    r"round-?up|roll-?up)\b",
    re.I,
)
#: Verbs that hand what a step carries to people: said next to another app's records ("email
#: the finance team the <QuickBooks> invoices", "drop them in a Teams chat") they order the
#: delivery, not that app (``engine.spec.records_sent_on_are_read``).
DELIVERY_ORDER_VERBS = frozenset(
    "send post notify ping alert message tell dm email mail forward share text report deliver "
    "drop push give land".split()
)
#: Right before an app, where things go in words that also say where things are ("in my
#: Discord DMs", "on Mattermost"): only with a delivering verb before it in the clause
#: (``DELIVERY_ORDER_VERBS``; "land" too) - "what was decided in Teams" is where it was said.
IN_OR_ON_BEFORE_APP = re.compile(r"\b(?:in|on)\s+(?:(?:the|our|my|a|an|your)\s+)?$", re.I)
#: Right before an app, the records become its own: "the tickets tagged bug become Trello
#: cards" (the app is written to, as after "into").
BECOMES_BEFORE_APP = re.compile(r"\bbecom(?:e|es|ing)\s+(?:(?:a|an|new)\s+)?$", re.I)
#: The app right after "to/into/onto (the/our/my/a)": where something goes, not what is read.
INTO_THE_APP = re.compile(r"\b(?:to|into|onto)\s+(?:(?:the|our|my|a|an)\s+)?$", re.I)
#: Verbs that take what an app holds on to another place ("send me today's <Calendar> events on
#: Telegram", "put last week's <WooCommerce> sales into a Google Sheet"): the app's part is a
#: read.
TAKEN_ELSEWHERE_VERBS = frozenset("send post forward share push put copy move export sync".split())
#: Where the clause takes the app's record on to ("copy new <HubSpot> contacts into a google
#: sheet"): the words after "to/into/onto", read for another app's name (``node_gaps``).
ONTO_A_PLACE = re.compile(r"\b(?:to|into|onto)\b((?:\s*\S+){0,4})")


# --- A manual start said beside another (engine.entry_points; issue #17 Part 2, s12) ---
#: A start by hand said with its own verb or adjective ("kick it off by hand when finance
#: asks", "run it manually during the day", "start it myself too", "an option to trigger it by
#: hand", "runnable manually", "a manual run button"): next to a schedule or an event, a second
#: entry point - the Manual Trigger.
MANUAL_SAID_AS_START = re.compile(
    r"\b(?:kick|run|start|trigger|fire|launch|execute|re-?run)\w*\s+(?:it|this|them|the (?:"
    r"workflow|flow|sync|job|import|export|report))\s+(?:off\s+)?(?:manually|by hand|myself|"
    r"ourselves|on demand|ad[- ]hoc|from a button)\b|"
    r"\b(?:runnable|triggerable|startable|run|triggered|started)\s+(?:manually|by hand|on demand)"
    r"\b(?!\s+(?:entered|typed))|"
    r"\ba manual (?:run|trigger|start)(?: button)?\b|"
    r"\b(?:option|way|button) to (?:run|trigger|start|kick off|fire) (?:it|this)\b",
    re.I,
)
#: A read that governs the app named next ("pull new <Typeform> responses", "fetch the
#: <Calendly> bookings"): the app is read by the workflow, not one of its starts.
READ_VERB_BEFORE_NAME = re.compile(
    r"\b(?:pull|fetch|get|read|load|grab|collect|export|copy|sync|import|list|download)\w*\s+"
    r"(?:[\w'-]+\s+){0,3}$",
    re.I,
)


#: A delivery someone made, said to describe what is asked for ("the posts *we published on*
#: our LinkedIn page", "the files they uploaded to Drive"): read, not sent.
DELIVERY_DESCRIBED = re.compile(
    r"\b(?:we|i|they|you|someone|he|she)\s+(?:\w+ly\s+)?[a-z]+(?:ed|ent|t)\s+"
    r"(?:on|to|in|into|onto)\b",
    re.I,
)
#: Verbs of what the workflow computes over records it read ("sum the HubSpot deal amounts per
#: owner", "rank the Shopify products by sales"): no operation of the app's API.
COMPUTED_BY_THE_WORKFLOW = frozenset(
    """sum total count average tally tabulate aggregate group sort rank compare calculate
    compute""".split()
)

# --- An order under a condition, whatever its verb (engine.intent.classifier; s12) ---
#: Words that open a clause after a condition's comma without ordering anything ("if it fails,
#: it shows the error", "when I run it, all the rows ...").
NOT_AN_ORDER_WORDS = (
    r"and|or|but|so|is|are|was|were|be|been|in|on|at|for|with|of|to|from|by|all|only|even|also|"
    r"just|not|maybe|probably|nothing|everything|something|i|we|you|they|he|she|it|there|this|"
    r"that|these|those|what|which|who|how|why|where|the|a|an|my|our|your|their|its|n8n|nodes?"
)
#: The object right after the app, then "to": it is given a value ("set the <Notion> status to
#: Done", "change the <Asana> due date to Friday"), a field of a record, not the API's object.
GIVEN_A_VALUE = re.compile(r"\s*(?:[a-z-]+\s+){1,3}to\b", re.I)
#: Particles an order's verb takes before what it acts on ("reply to the <Intercom>
#: conversation", "respond to each <Zendesk> ticket"; ``asked_object.imperative_verb``).
VERB_PARTICLES = frozenset({"to"})
#: An order under a condition whose verb ``CONDITIONAL_ORDER``'s list lacks ("when our endpoint
#: gets hit, close the Freshdesk ticket", "if the payment fails, pause the Stripe
#: subscription", "... passes 90%, page the on-call in PagerDuty"): after the condition's
#: comma, a word that is no pronoun, article or joining word, directly followed by what it acts
#: on (an article, a possessive, a pronoun object) - the shape of an imperative.
CONDITIONAL_ANY_ORDER = re.compile(
    r"(?:^\s*(?:[\w' -]{1,30}:\s*)?|(?<=[:\u2013\u2014\n])\s*)"
    r"(?:if|when(?:ever)?|once|as soon as|each time|every time|any ?time|after)\b"
    r"[^?]{3,120}?[,;:]\s*(?:please\s+)?(?:then\s+)?"
    rf"(?!(?:{NOT_AN_ORDER_WORDS})\b)[a-z]+\s+"
    r"(?:the|a|an|our|my|their|his|her|its|them|him|it|this|that|each|every|all|any)\b",
    re.I,
)


# --- An e-mail someone is sent, said as what they get (engine.offline.summary; s12) ---
#: An e-mail said as what someone other than us gets ("the sales team gets an email listing
#: ...", "the invitee receives a prep email with ...", "cards ... get a polite nudge email sent
#: to the client") or as the heading of the request ("grants committee email on the 1st: ...",
#: "Monthly investor update email: ..."): an e-mail to send. Not mail that comes in to us ("when
#: I get an email from ...": ``MAIL_BEFORE_EVENT``'s case, ruled out by the subject and by what
#: follows).
MAIL_TO_RECIPIENT = re.compile(
    r"(?<!\bi )(?<!\bwe )(?<!\byou )(?<!\binbox )(?<!\bmailbox )"
    r"\b(?:gets?|receives?)\s+(?:an?|one|the)\s+(?:[\w-]+\s+){0,2}e-?mail\s+"
    r"(?:listing|with\b|sent\s+to|to\s+(?:the|our|their|each|every|him|her|them)\b|about|"
    r"summari|containing|that\s+(?:lists|says|summari|shows))|"
    r"^\s*(?:[\w'-]+\s+){0,4}e-?mail\b[^.:\n?]{0,25}:",
    re.I,
)


# --- Mail that comes in to us, said by who gets it (engine.intent.entities; s12) ---
#: An event of mail coming in said by its receiver or its sender, with no mail app named:
#: "when I receive an email with an invoice", "whenever our support inbox gets an email",
#: "if we get an email from a VIP", "when someone emails us a CV", "as soon as a supplier sends
#: us an email": the mail app's trigger (as ``INCOMING_EMAIL``).
MAIL_RECEIVED_BY_US = re.compile(
    r"\b(?:when(?:ever)?|if|once|as soon as|each time|every time|after)\s+"
    r"(?:(?:i|we|you|(?:my|our)\s+(?:[\w-]+\s+)?(?:inbox|mailbox|address|team))\s+"
    r"(?:receive|get|gets|receives|got)\s+(?:an?|one|the|any)\s+(?:new\s+)?(?:[\w-]+\s+)?"
    r"e-?mails?\b(?!\s+address)|"
    r"(?:someone|somebody|anyone|anybody|an?\s+[\w-]+|people|customers|clients|suppliers|"
    r"vendors)\s+(?:e-?mails?\s+us\b|sends?\s+us\s+an?\s+(?:[\w-]+\s+)?e-?mail\b))",
    re.I,
)
