"""Workflow-quality lints: warnings for workflows that import and run but are built poorly.

n8n's own workflow SDK flags these on real workflows (its ``expectedWarnings`` fixtures): secrets
typed into parameters, AI agents without a system message or with a prompt that never reads the
incoming item, tools with nothing configured, ``$fromAI()`` where no agent fills it in, and a
Merge fed by one branch. None of them stops n8n, so every code here is a warning in both
profiles; each message says what to do. ``benchmarks/lint_manifest.py`` measures them against
n8n's fixtures.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from engine.validation.findings import FindingSink
from engine.validation.secrets import (
    CODE_TYPES,
    HTTP_TYPES,
    SET_TYPES,
    find_hardcoded_secrets,
    is_credential_name,
    literal_value,
)
from nodepilot.workflow import BASE, LC, STICKY_NOTE, Connection

if TYPE_CHECKING:
    from engine.validation.context import NodeContext

AGENT = LC + "agent"
CHAIN_LLM = LC + "chainLlm"
MERGE = BASE + "merge"
CHAT_TRIGGERS = frozenset({LC + "chatTrigger", LC + "manualChatTrigger"})
#: Tools that work with nothing configured (n8n's own list, plus the catalog rule below).
TOOLS_WITHOUT_PARAMETERS = frozenset(
    {
        LC + "toolCalculator",
        LC + "toolVectorStore",
        LC + "vectorStoreInMemory",
        LC + "mcpClientTool",
        LC + "toolWikipedia",
    }
)
#: Property types that hold nothing a tool needs set (notes, optional option bags).
_OPTIONAL_PROPERTY_TYPES = frozenset({"notice", "callout", "collection", "fixedCollection"})


def is_tool_type(node_type: str) -> bool:
    """A node an agent calls as a tool: ``toolThink``, ``googleSheetsTool``, ``mcpClientTool``..."""
    return "tool" in node_type.rsplit(".", 1)[-1].lower()


def prompt_is_static(text: object) -> bool:
    """True when a prompt reads nothing at run time and was not switched to an expression.

    Static means no ``{{ }}`` at all and no leading ``=``. n8n's SDK (``containsExpression``)
    takes a prompt in expression mode as the author's choice even without ``{{ }}`` -- typically
    an agent that fetches its data with its tools ("=Summarise this week's articles from the
    vector store") -- and does not warn; we follow it so the warning means the same in both. An
    ``=`` with nothing after it is still an empty prompt.
    """
    if not isinstance(text, str):
        return True
    if text.startswith("="):
        return not text[1:].strip()
    return "{{" not in text


def check_lints(ctxs: list[NodeContext], edges: list[Connection], sink: FindingSink) -> None:
    """Report the quality warnings for every usable node."""
    has_chat = any(c.type == AGENT for c in ctxs) and (
        any(c.type in CHAT_TRIGGERS for c in ctxs) or sets_chat_input(c.node for c in ctxs)
    )
    inputs: dict[str, set[int]] = {}
    touched: set[str] = set()
    as_tool: set[str] = set()  # wired into an agent as a tool (a vector store in tool mode, ...)
    for e in edges:
        touched.update((e.source, e.target))
        if e.type == "main":
            inputs.setdefault(e.target, set()).add(e.input)
        elif e.type == "ai_tool":
            as_tool.add(e.source)
    for c in ctxs:
        if c.type == STICKY_NOTE:
            continue
        params = c.node.get("parameters")
        if not isinstance(params, dict):
            continue
        flat = repr(params)  # one C-level pass; the cheap pre-checks below read it
        _secrets(c, params, flat, sink)
        if c.type == AGENT:
            _agent(c, params, has_chat, sink)
        elif c.type == CHAIN_LLM:
            _chain(c, params, sink)
        if is_tool_type(c.type):
            _tool(c, params, sink)
        elif "$fromAI" in flat and c.name not in as_tool:
            sink.add(
                "from_ai_outside_tool",
                "uses $fromAI(), which only an AI agent's tool node fills in; here it stays empty",
                node=c.name,
                path=c.path + ".parameters",
                suggestion="attach the node to an agent as a tool (its ...Tool variant) or "
                "replace $fromAI() with an expression on the incoming item",
            )
        if c.type == MERGE and c.name in touched and len(inputs.get(c.name, ())) < 2:
            sink.add(
                "merge_single_input",
                f"Merge has {len(inputs.get(c.name, ()))} of its inputs connected; with one "
                "branch there is nothing to merge",
                node=c.name,
                path=c.path,
                suggestion="wire each upstream branch to its own Merge input (index 0 and 1), "
                "or remove the Merge if there is only one branch",
            )


def sets_chat_input(nodes: Iterable[dict[str, Any]]) -> bool:
    """Some node other than an agent writes a ``chatInput`` field (a Set, a Code node, ...)."""
    for n in nodes:
        if n.get("type") not in (AGENT, STICKY_NOTE) and "chatInput" in repr(n.get("parameters")):
            return True
    return False


# ---------------------------------------------------------------------------------- secrets
def _secrets(c: NodeContext, params: dict[str, Any], flat: str, sink: FindingSink) -> None:
    claimed: list[str] = []
    if c.type in SET_TYPES:
        for path, field in _set_credential_fields(params):
            claimed.append(path)
            sink.add(
                "set_credential_field",
                f'sets the field "{field}" by hand, which looks like a credential',
                node=c.name,
                path=f"{c.path}.{path}",
                suggestion="keep secrets in n8n credentials and let the node that calls the "
                "service use them; remove the field",
            )
    for hit in find_hardcoded_secrets(c.type, params, flat):
        if any(hit.path.startswith(p) for p in claimed):
            continue
        what = f'"{hit.field}"' if hit.field else "a value"
        kind = "a placeholder where a credential belongs" if hit.placeholder else hit.reason
        sink.add(
            "hardcoded_credential" if hit.standard else "credential_like_field",
            f"{what} holds {kind}, written into the workflow (the value is not shown)",
            node=c.name,
            path=f"{c.path}.{hit.path}",
            suggestion=_secret_fix(c.type),
        )


def _secret_fix(node_type: str) -> str:
    if node_type in HTTP_TYPES:
        return (
            "create an n8n credential (Authentication: Generic Credential Type, then Header "
            "Auth / Query Auth / Bearer Auth) and remove the literal value"
        )
    if node_type in CODE_TYPES:
        return "do not keep secrets in code; call the service from a node that uses a credential"
    return "store the secret in an n8n credential and remove it from the workflow"


def _set_credential_fields(params: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """``(path, field name)`` of Set fields named like credentials that hold literal values."""
    assignments = params.get("assignments")
    items = assignments.get("assignments") if isinstance(assignments, dict) else None
    if isinstance(items, list):
        for i, a in enumerate(items):
            if isinstance(a, dict) and is_credential_name(a.get("name")):
                if literal_value(a.get("value")) is not None:
                    yield f"parameters.assignments.assignments[{i}]", a["name"]
    values = params.get("values")
    if isinstance(values, dict):
        for kind, entries in values.items():
            if not isinstance(entries, list):
                continue
            for i, a in enumerate(entries):
                if isinstance(a, dict) and is_credential_name(a.get("name")):
                    if literal_value(a.get("value")) is not None:
                        yield f"parameters.values.{kind}[{i}]", a["name"]


# ---------------------------------------------------------------------------------- AI nodes
def _agent(c: NodeContext, params: dict[str, Any], has_chat: bool, sink: FindingSink) -> None:
    if not params:
        return  # nothing configured at all (n8n's SDK skips these too)
    if not has_chat and reads_missing_chat_input(params):
        auto = params.get("promptType") in (None, "auto")
        sink.add(
            "agent_static_prompt",
            "the agent's prompt is $json.chatInput"
            + (" (promptType auto)" if auto else "")
            + ", but there is no Chat Trigger to provide it, so it never sees the incoming item",
            node=c.name,
            path=c.path + (".parameters.promptType" if auto else ".parameters.text"),
            suggestion="set promptType to 'define' and text to an expression on the item's own "
            "field, e.g. ={{ $json.message.text }}",
            fixable=True,
        )
    elif has_static_prompt(c.type, c.node.get("typeVersion"), params):
        ref = "{{ $json.chatInput }}" if has_chat else "{{ $json.<field> }}"
        sink.add(
            "agent_static_prompt",
            "the agent's prompt is fixed text: every run asks the same thing and ignores the "
            "incoming item",
            node=c.name,
            path=c.path + ".parameters.text",
            suggestion=f"start the prompt with '=' and include the input, e.g. {ref}",
            fixable=True,
        )
    options = params.get("options")
    system = options.get("systemMessage") if isinstance(options, dict) else None
    if system is None:
        system = params.get("systemMessage")
    if not isinstance(system, str) or not system.strip():
        sink.add(
            "agent_no_system_message",
            "the agent has no system message, so its role and rules are mixed into the prompt "
            "(or missing)",
            node=c.name,
            path=c.path + ".parameters.options.systemMessage",
            suggestion="put the agent's role, rules and output format in options.systemMessage "
            "and keep the prompt for the item's data",
        )


def reads_chat_input(params: dict[str, Any]) -> bool:
    """The agent's prompt is the chat input: no text (n8n's default) or one reading chatInput."""
    text = params.get("text")
    return text is None or (isinstance(text, str) and "chatInput" in text)


def reads_missing_chat_input(params: dict[str, Any]) -> bool:
    """The prompt is, or reads, ``$json.chatInput``, which only a Chat Trigger provides.

    Either the default (``auto``) prompt, or a defined prompt naming ``$json.chatInput`` -- a
    common slip after a Telegram / WhatsApp / webhook trigger, whose text sits elsewhere. Callers
    check that no Chat Trigger (or node setting ``chatInput``) is there; n8n's current agent
    validator flags the same case (AGENT_CHAT_INPUT_WITHOUT_CHAT_TRIGGER).
    """
    prompt_type = params.get("promptType")
    if prompt_type in (None, "auto"):
        return reads_chat_input(params)
    text = params.get("text")
    return prompt_type == "define" and isinstance(text, str) and bool(_CHAT_INPUT_REF.search(text))


#: ``$json.chatInput`` read inside a ``{{ }}`` segment (outside one it is only text).
_CHAT_INPUT_REF = re.compile(r"\{\{[^}]*\$json\.chatInput")


def has_static_prompt(node_type: str, version: object, params: dict[str, Any]) -> bool:
    """A defined prompt (agent; LLM chain from 1.4, when promptType came) that reads nothing.

    Nothing is read when the prompt has no ``{{ }}`` and the system message / chat messages
    neither refer to the item nor pass its image along.
    """
    text = params.get("text")
    if params.get("promptType") != "define" or not (text is None or isinstance(text, str)):
        return False  # a non-text prompt is the parameter check's business
    if not prompt_is_static(text):
        return False
    if node_type == CHAIN_LLM:
        if not isinstance(version, int | float) or version < 1.4:
            return False
        extra = params.get("messages")
    elif node_type == AGENT:
        extra = params.get("options")
    else:
        return False
    return not reads_item(extra)


#: What in a parameter value shows the node reads its input: item references, passed images.
_ITEM_MARKERS = ("$json", "$(", "$input", "$node", "$binary", "$item", "imageBinary", "imageUrl")


def reads_item(value: object) -> bool:
    """``value`` (a system message, chat messages) refers to the incoming item or its image."""
    text = repr(value) if value else ""
    return any(marker in text for marker in _ITEM_MARKERS)


def _chain(c: NodeContext, params: dict[str, Any], sink: FindingSink) -> None:
    if has_static_prompt(c.type, c.node.get("typeVersion"), params):
        sink.add(
            "agent_static_prompt",
            "the chain's prompt is fixed text and ignores the incoming item",
            node=c.name,
            path=c.path + ".parameters.text",
            suggestion="start the prompt with '=' and include the input, e.g. {{ $json.text }}",
            fixable=True,
        )


def _tool(c: NodeContext, params: dict[str, Any], sink: FindingSink) -> None:
    if params:
        field = _missing_description(c, params)
        if field is not None:
            sink.add(
                "tool_no_description",
                f"the tool's {field} is empty, so the agent is told nothing about when to call it",
                node=c.name,
                path=f"{c.path}.parameters.{field}",
                suggestion=f"set {field} to one sentence saying what the tool does and when "
                "the agent should use it",
            )
        return
    if c.type in TOOLS_WITHOUT_PARAMETERS:
        return
    if c.desc is not None and not any(_configurable(p) for p in c.desc.raw_properties):
        return  # nothing to configure but optional options
    sink.add(
        "tool_no_parameters",
        "the tool has nothing configured: the agent sees at most a generic default "
        "description and no inputs of its own",
        node=c.name,
        path=c.path + ".parameters",
        suggestion="set the tool's description and the fields it needs (use $fromAI() for the "
        "values the agent should supply)",
    )


def _missing_description(c: NodeContext, params: dict[str, Any]) -> str | None:
    """The description field a configured tool leaves blank, when it has no default text.

    ``description`` / ``toolDescription`` with an empty default (Code, Workflow, HTTP Request,
    Vector Store tools), or ``toolDescription`` of an app tool switched to a manual description.
    """
    if c.desc is None:
        return None
    for prop in c.desc.raw_properties:
        if not isinstance(prop, dict) or prop.get("name") not in ("description", "toolDescription"):
            continue
        name = prop["name"]
        shown = prop.get("displayOptions")
        if shown is None and prop.get("default") != "":
            continue  # n8n falls back to a written default
        if shown is not None and shown != {"show": {"descriptionType": ["manual"]}}:
            continue
        if shown is not None and params.get("descriptionType") != "manual":
            continue
        value = params.get(name)
        if not isinstance(value, str) or not value.strip():
            return name
    return None


def _configurable(prop: Any) -> bool:
    """A property a tool is meant to have set: required, or a plain value (not an option bag)."""
    if not isinstance(prop, dict):
        return False
    return bool(prop.get("required")) or prop.get("type") not in _OPTIONAL_PROPERTY_TYPES


# ---------------------------------------------------------------------------------- pipeline
def quality_findings(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The quality-lint findings among serialised findings (what an LLM feedback round adds to
    the errors so the model fixes them too)."""
    from engine.validation.codes import CODES

    return [f for f in findings if f.get("code") in CODES and CODES[f["code"]].area == "quality"]


def has_fixable_lint(findings: list[dict[str, Any]]) -> bool:
    """A quality lint that ``repair_workflow`` fixes is present (worth a repair pass)."""
    return any(f.get("fixable") for f in quality_findings(findings))
