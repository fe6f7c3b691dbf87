"""HTTP Request Tools in place of an agent's app tools that lack what the agent is given to do.

"a Stripe tool to list refunds": the Stripe tool node has no refunds, so the agent gets an
HTTP Request Tool with the Stripe credential instead.
"""

from __future__ import annotations

from engine.lexicon import (
    QUESTIONS_ABOUT_APP_AT_END,
    TOOL_ACTION_AFTER_APP,
    TOOL_CLAUSE_END,
    TOOL_FOR_OBJECT_AFTER_APP,
    TOOLS_FOR_APP_AT_END,
)
from engine.offline.api_call_shape import object_path, shaped_hints
from engine.offline.api_credentials import HTTP_REQUEST, api_call
from engine.offline.node_gaps import missing_operation
from engine.types import StepSpec
from indexing.catalog.load import load_catalog


def tool_stand_in(tool: str, before: str, after: str, purpose: str) -> StepSpec | None:
    """The HTTP Request Tool that stands in for an agent's app tool (``tool`` is its
    ``...Tool`` type) whose node has no operation for what the request gives it to do:
    "refunds from Stripe", or the action written after the tool ("a Stripe tool to list
    refunds"); None when the node can do it."""
    base = tool.removesuffix("Tool")
    if TOOLS_FOR_APP_AT_END.search(before) or QUESTIONS_ABOUT_APP_AT_END.search(before):
        before = "get "  # "tools for Jira worklogs", "questions about our Stripe refunds"
    tool_for = TOOL_FOR_OBJECT_AFTER_APP.match(after)
    if tool_for:  # "a HubSpot tool for quotes": what the tool is for is read
        before, after = "get ", " " + tool_for.group(1)
    noun = missing_operation(base, before, after)
    verb_text = before
    if noun is None:
        m = TOOL_ACTION_AFTER_APP.match(after)
        if m is None:
            return None
        verb_text, after = m.group(1) + " ", " " + m.group(2)
        noun = missing_operation(base, verb_text, after)
    call = api_call(base, object_path(verb_text, after, noun, base), False) if noun else None
    if call is None:
        return None
    params = shaped_hints(call, verb_text)
    return StepSpec(HTTP_REQUEST + "Tool", purpose=purpose, parameters=params)


def tool_clause(tool: str, request: str) -> tuple[str, str] | None:
    """The lower-cased text before and after the first naming of a tool's app in the request
    (60 characters each way, the after part cut at the next sentence or "<x> tool"); None when
    the app is not named."""
    base = tool.removesuffix("Tool")
    nv = load_catalog().get(base)
    if nv is None or not request:
        return None
    low = request.lower()
    label = nv.display_name.lower()
    pos = low.find(label)
    if pos < 0:  # "Jira" for "Jira Software": the short name, and its own length
        label = base.split(".")[-1].lower()
        pos = low.find(label)
    if pos < 0:
        return None
    before = low[max(0, pos - 60) : pos]
    after = low[pos + len(label) : pos + len(label) + 60]
    return before, TOOL_CLAUSE_END.split(after)[0]


def tool_stand_in_for(tool: str, request: str) -> StepSpec | None:
    """``tool_stand_in`` for an agent tool as the request names it (see ``tool_clause``)."""
    clause = tool_clause(tool, request)
    return tool_stand_in(tool, *clause, purpose="") if clause else None
