"""Every cue the engine reads from a request is defined once, in ``engine/lexicon.py`` (issue
#17, "one lexicon"), and this test keeps it so.

A cue is a regex with words in it (``re.compile(r"\\b(daily|nightly)\\b")``) or a vocabulary
(a module- or class-level tuple / list / set / dict of five or more lowercase words); see
``tests/lexicon_support.py`` for exactly what is found. A regex of punctuation, ``\\d`` and
``{{ }}`` expression syntax is structural, not a cue.

Exempt: ``engine/lexicon.py`` itself, and ``engine/validation/``, which reads workflows and n8n
expressions (parameter names, ``$json`` paths, secrets in values), never a user's request.
``NOT_REQUEST_CUES`` names the few other findings that read something else than a request
(JSON schemas, catalog display names, parameter names), each with its reason.

What is not moved yet is listed, explicitly, as ``module:scope -> count`` (patterns: how many cue
regexes in that scope; vocabularies: how many words). Like ``tests/test_architecture.py``, the
test fails on a new finding, on a listed one that grew, and on a listed one that shrank or is
gone (update the count or delete the entry: the lists only shrink). A module that needs a new
cue adds it to ``engine/lexicon.py`` and imports it.
"""

from __future__ import annotations

import ast

import pytest
from lexicon_support import ROOT, is_lowercase_word, scan_engine, scan_source, words_in_regex

EXEMPT_MODULES = ("engine.lexicon", "engine.validation")

#: Findings that are not read from a request, with the reason.
NOT_REQUEST_CUES: dict[str, str] = {
    "engine.providers.output:_CONNECTION_TARGET": "JSON schema of the workflow tool's answer",
    "engine.providers.output:WORKFLOW_TOOL_SCHEMA": "JSON schema of the workflow tool's answer",
    "engine.providers.output:WORKFLOW_ACCEPT_SCHEMA": "JSON schema of an accepted workflow",
    "engine.spec_llm:SPEC_SCHEMA": "JSON schema of the LLM spec tool's answer",
    "engine.context.related:CORE_TYPES": "n8n node type names",
    "engine.context.related:_GENERIC_TAIL": "strips 'model' / 'node' off catalog display names",
    "engine.offline.generator:_NODE_PATH": "reads a validator finding's JSON path",
    "engine.offline.params:_TEXTY": "matches catalog parameter names (text, message …)",
    "engine.offline.params:_EMAILY": "matches catalog parameter names (sendTo, toRecipients …)",
    "engine.offline.params:_URLY": "matches catalog parameter names (url, endpoint …)",
    "engine.offline.params:_SUBJECTY": "matches catalog parameter names (subject, title …)",
    "engine.offline.summary:_CONTENT_NAME": "matches catalog parameter names (markdown, text …)",
    "engine.offline.keep_only:_OPPOSITE": "n8n filter operators and their negations",
    "engine.offline.api_credentials:api_base_url": "reads catalog credential names and base URLs",
    "engine.offline.nodes:OUTPUT_FIELD": "n8n node types -> the JSON field their output is in",
    "engine.offline.explicit_api:_api_hosts": "reads the host of a catalog credential's base URL",
    "engine.offline.app_naming:_without_vendor": "strips a vendor off catalog display names",
    "engine.offline.app_naming:_without_domain": "strips '.io'/'.com' off catalog display names",
    "engine.offline.node_vocabulary:_FETCHING_OPTIONS": "first words of catalog option names",
}

#: Cue regexes still outside the lexicon: ``module:scope`` -> how many.
KNOWN_PATTERNS: dict[str, int] = {
    "engine.context.spec_view:_BOUNDARY": 1,
    "engine.intent.answer:_ABOUT": 1,
    "engine.intent.answer:_ACCOUNT": 1,
    "engine.intent.answer:_BYE": 1,
    "engine.intent.answer:_GREETING": 1,
    "engine.intent.answer:_INJECTION": 1,
    "engine.intent.answer:_THANKS": 1,
    "engine.intent.classifier:_CHOICE": 1,
    "engine.intent.classifier:_NEW_WORKFLOW": 1,
    "engine.intent.classifier:_QUESTION_WORDS": 1,
    "engine.intent.features:_ACCOUNT_WORDS": 1,
    "engine.intent.features:_GREETING": 1,
    "engine.intent.features:_IMPERATIVE_OPENING": 1,
    "engine.intent.features:_POLITE_REQUEST": 1,
    "engine.intent.features:_QUESTION_OPENING": 1,
    "engine.intent.features:_TRIGGER_PHRASE": 1,
    "engine.intent.features:_WORKFLOW_REPLY": 1,
    "engine.intent.names:name_table": 1,
    "engine.offline.generator:NodeBuilder.flow_params": 1,
    "engine.offline.trigger_events:ANY_EVENT": 1,
    "engine.offline.trigger_events:_CUE": 1,
    "engine.offline.trigger_events:_END": 1,
    "engine.offline.trigger_events:_LIST_JOIN": 1,
    "engine.offline.trigger_events:_POSSESSIVE": 1,
    "engine.offline.trigger_events:_SCOPE": 1,
    "engine.offline.trigger_events:_STATE": 1,
    "engine.offline.trigger_events:read_clause": 3,
    "engine.spec:_AI_DECLINED_AFTER": 1,
    "engine.spec:_AI_DECLINED_BEFORE": 1,
    "engine.spec:_AI_STRONG": 1,
    "engine.spec:_AI_WEAK": 1,
    "engine.spec:_BATCHES": 1,
    "engine.spec:_CLASSIFY_INTO": 1,
    "engine.spec:_CLAUSE_SPLIT": 1,
    "engine.spec:_ELSE": 1,
    "engine.spec:_EMAIL_SEND": 1,
    "engine.spec:_EVENT": 1,
    "engine.spec:_FOLLOW_UP": 1,
    "engine.spec:_FOR_EACH": 1,
    "engine.spec:_HTTP": 1,
    "engine.spec:_IF": 1,
    "engine.spec:_INGEST": 1,
    "engine.spec:_KEEPS_CONVERSATION": 1,
    "engine.spec:_KEPT_IN": 1,
    "engine.spec:_LocalOptimizer._app_form_trigger": 1,
    "engine.spec:_LocalOptimizer._clause_around": 1,
    "engine.spec:_LocalOptimizer._event_trigger": 3,
    "engine.spec:_LocalOptimizer._is_tool_mention": 8,
    "engine.spec:_LocalOptimizer._named_trigger": 1,
    "engine.spec:_LocalOptimizer._trigger_kind_from_words": 6,
    "engine.spec:_LocalOptimizer.ai_root": 3,
    "engine.spec:_LocalOptimizer.other_models": 1,
    "engine.spec:_MERGE": 1,
    "engine.spec:_NEW": 1,
    "engine.spec:_POLL_EVENT": 1,
    "engine.spec:_QUERY": 1,
    "engine.spec:_RAG_WORDS": 1,
    "engine.spec:_RESPOND": 1,
    "engine.spec:_STEP_BOUNDARY": 1,
    "engine.spec:_SUBWORKFLOW_CALL": 1,
    "engine.spec:_SWITCH": 1,
    "engine.spec:_WAIT": 1,
    "engine.spec:_labels": 2,
    "engine.spec:_needs_ai_root": 3,
    "engine.spec:ai_memory": 1,
    "engine.spec:ai_model_and_embeddings": 1,
    "engine.spec:ai_root": 1,
    "engine.spec:http_without_an_app": 1,
    "engine.spec:store_chat_memories": 1,
    "engine.spec:vector_store": 1,
}

#: Vocabularies still outside the lexicon: ``module:name`` -> how many lowercase words.
KNOWN_VOCABULARIES: dict[str, int] = {
    "engine.intent.answer:_QUESTION_WORDS": 36,
    "engine.intent.answer:_STOP": 42,
    "engine.intent.classifier:INTENT_SCHEMA": 18,
    "engine.intent.names:ALIASES": 179,
    "engine.intent.names:AMBIGUOUS": 74,
    "engine.intent.names:_EVENT_PARAMS": 5,
    "engine.intent.names:_MESSAGE_RESOURCES": 6,
    "engine.intent.names:_NOT_RECORDS": 64,
    "engine.intent.names:_SKIP_KEYS": 30,
    "engine.naming:_TAIL_WORDS": 29,
    "engine.offline.trigger_events:ACTION_GROUPS": 76,
    "engine.offline.trigger_events:ACTORS": 8,
    "engine.offline.trigger_events:EVENT_PARAMETERS": 10,
    "engine.offline.trigger_events:OBJECT_SYNONYMS": 166,
    "engine.offline.trigger_events:STATE_GROUPS": 7,
    "engine.offline.trigger_events:_BOT_WORDS": 6,
    "engine.offline.trigger_events:_CONVERSATION_PLACES": 6,
    "engine.offline.trigger_events:_IRREGULAR": 86,
    "engine.offline.trigger_events:_PLACE_WORDS": 9,
    "engine.offline.trigger_events:_STOP": 104,
    "engine.spec:_COMMAND_VERBS": 27,
    "engine.spec:_READ_OPS": 9,
    "engine.spec:_WRITE_OPS": 7,
}


def _compare(found: dict[str, int], known: dict[str, int], what: str) -> None:
    found = {k: v for k, v in found.items() if k not in NOT_REQUEST_CUES}
    new = {k: v for k, v in found.items() if k not in known}
    assert not new, f"new {what} outside engine/lexicon.py (define them there): {new}"
    grown = {k: (known[k], v) for k, v in found.items() if v > known[k]}
    assert not grown, f"listed {what} grew (listed, now) — define new cues in the lexicon: {grown}"
    shrunk = {k: (v, found.get(k, 0)) for k, v in known.items() if found.get(k, 0) < v}
    assert not shrunk, f"{what} moved: lower or delete them in this file (listed, now): {shrunk}"


def test_no_new_cue_patterns_outside_the_lexicon() -> None:
    patterns, _ = scan_engine(EXEMPT_MODULES)
    _compare(patterns, KNOWN_PATTERNS, "cue patterns")


def test_no_new_vocabularies_outside_the_lexicon() -> None:
    _, vocabularies = scan_engine(EXEMPT_MODULES)
    _compare(vocabularies, KNOWN_VOCABULARIES, "vocabularies")


def test_every_listed_exemption_is_still_found() -> None:
    """An exemption whose finding is gone is deleted, so the list stays true."""
    patterns, vocabularies = scan_engine(EXEMPT_MODULES)
    stale = sorted(set(NOT_REQUEST_CUES) - set(patterns) - set(vocabularies))
    assert not stale, f"no longer found, remove from NOT_REQUEST_CUES: {stale}"


def test_every_lexicon_cue_says_what_it_matches() -> None:
    """Each definition in the lexicon has a ``#:`` comment right above it (what it matches and
    why), so a reader can tell two near cues apart without running them."""
    path = ROOT / "engine" / "lexicon.py"
    lines = path.read_text(encoding="utf-8").splitlines()
    bare = [
        ast.unparse(stmt.targets[0] if isinstance(stmt, ast.Assign) else stmt.target)
        for stmt in ast.parse("\n".join(lines)).body
        if isinstance(stmt, (ast.Assign, ast.AnnAssign))
        and not lines[stmt.lineno - 2].startswith("#:")
    ]
    assert not bare, f"lexicon definitions without a #: comment above them: {bare}"


# ------------------------------------------------------- the scan itself can fail


@pytest.mark.parametrize(
    ("regex", "words"),
    [
        (r"\b(daily|nightly)\b", ["daily", "nightly"]),
        (r"(?P<hour>\d{1,2}):(?P<minute>\d\d)", []),  # group names are not words
        (r"\{\{\s*\$json\.(\w+)\s*\}\}", []),  # n8n expression syntax
        (r"^[A-Za-z0-9_-]+$", []),
        (r"\bmon\b", ["mon"]),
        (r"\bat\b", []),  # two letters: too short to tell a cue from syntax
    ],
)
def test_words_in_a_regex(regex: str, words: list[str]) -> None:
    assert words_in_regex(regex) == words


@pytest.mark.parametrize(
    ("value", "word"),
    [
        ("daily", True),
        ("sign up", True),
        ("e-mail", True),
        ("sendTo", False),
        ("n8n", False),
        ("x", False),
        ("", False),
        (3, False),
    ],
)
def test_what_reads_as_a_lowercase_word(value: object, word: bool) -> None:
    assert is_lowercase_word(value) is word


SYNTHETIC = """
import re
from engine.lexicon import SCHEDULE

_HOURS = r"(one|two|three)"
_CUE = re.compile(r"\\b(?:at\\s+)?" + _HOURS + r"\\b", re.I)
_PUNCT = re.compile(r"[.!?;]+\\s*")
_BUILT = re.compile(r"\\b" + SCHEDULE.pattern + r"\\b")
_WORDS = ("daily", "weekly", "monthly", "hourly", "nightly")
_FOUR = ("daily", "weekly", "monthly", "hourly")
_TYPES = ("n8n-nodes-base.set", "n8n-nodes-base.code", "a", "b", "c")
_SPLIT = frozenset("in into to from via on".split())
_BARE_SPLIT = "of that which".split()


class Reader:
    VERBS = frozenset({"send", "post", "mail", "text", "ping"})

    def read(self, text):
        return re.search(r"\\bplease\\b", text) or re.sub(r"\\s+", " ", text)


def loose(text):
    return re.findall(f"(?:{_HOURS})", text)
"""


def test_the_scan_finds_cues_and_passes_structure() -> None:
    patterns, vocabularies = scan_source("engine.zz", SYNTHETIC)
    assert patterns == {"engine.zz:_CUE": 1, "engine.zz:Reader.read": 1, "engine.zz:loose": 1}
    assert vocabularies == {
        "engine.zz:_WORDS": 5,
        "engine.zz:_SPLIT": 6,
        "engine.zz:Reader.VERBS": 5,
    }


def test_the_lexicon_itself_would_be_found() -> None:
    """Were the lexicon not exempt, its cues would be findings: the scan reads real code
    (``CHANNEL``, ``#`` then letters and digits, is structural: no word in it)."""
    patterns, _ = scan_engine(("engine.validation",))
    lexicon_patterns = [k for k in patterns if k.startswith("engine.lexicon:")]
    assert "engine.lexicon:MANUAL" in lexicon_patterns and len(lexicon_patterns) >= 100
    assert "engine.lexicon:CHANNEL" not in lexicon_patterns
