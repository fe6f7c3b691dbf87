"""A node's inputs and outputs, as n8n's ``NodeHelpers.getNodeInputs`` / ``getNodeOutputs``.

Most node descriptions list their ports statically. About thirty (AI Agent, chains, vector
stores, Merge, Switch, Text Classifier, ...) give an ``={{ ... }}`` JavaScript expression that n8n
evaluates against the node's parameters. Each distinct expression in the 2.41 catalog has a Python
rule here, registered under the first 12 hex digits of the expression's sha1, so a catalog update
that changes an expression shows up as a missing rule (``tests/test_catalog_ports.py`` checks that
every expression-driven entry has one) instead of silently wrong ports.

Rules read the node's *resolved* parameters (:func:`indexing.catalog.params.resolve_parameters`)
and mirror JavaScript's truthiness, equality and n8n's lenient expression engine: a rule that would
fail on malformed values (``.map`` of a non-list, ``.split`` of a non-string) yields no ports, as
n8n does. A top-level parameter the rule reads that holds an expression (``=...``) is evaluated when
it is a literal (``={{ 3 }}``); otherwise :class:`PortsNotComputable` is raised, where n8n's
evaluation fails too (the oracle reports ``ports_not_computable`` and skips port checks).
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Callable, Mapping
from typing import Any

from indexing.catalog.jsvalues import (
    MISSING,
    js_nullish,
    js_number,
    js_strict_equal,
    js_truthy,
)
from indexing.catalog.model import NodeVersion, Port, number_ports

__all__ = [
    "PortsNotComputable",
    "RULES",
    "expression_key",
    "node_inputs",
    "node_outputs",
    "rule_for",
    "static_output_types",
]


class PortsNotComputable(ValueError):
    """The ports depend on an expression value (or on input n8n's own code would fail on)."""


Rule = Callable[[Mapping[str, Any], float | None, str], list[Any]]
#: expression key -> (rule, what it is for)
RULES: dict[str, tuple[Rule, str]] = {}

MAX_PORTS = 1000  # guard for Array.from({length: n}) with absurd n


def expression_key(expression: str) -> str:
    """Stable id of an inputs/outputs expression (first 12 hex digits of its sha1)."""
    return hashlib.sha1(expression.encode()).hexdigest()[:12]


def _rule(*keys: str, doc: str) -> Callable[[Rule], Rule]:
    def register(fn: Rule) -> Rule:
        for k in keys:
            RULES[k] = (fn, doc)
        return fn

    return register


def rule_for(expression: str) -> Rule | None:
    """The Python rule for an n8n ports expression, or None when there is none."""
    hit = RULES.get(expression_key(expression))
    return hit[0] if hit else None


# --------------------------------------------------------------------------- JS helpers
class _Expression:
    """A top-level parameter holding an expression this module cannot evaluate."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


class _Undefined(Exception):
    """The JavaScript evaluation would yield ``undefined`` (n8n then uses no ports)."""


_LITERAL = re.compile(r"^=\s*\{\{\s*(.*?)\s*\}\}\s*$", re.S)


def _literal(expr: str) -> Any:
    """Value of ``={{ 3 }}`` / ``={{ 'x' }}`` / ``={{ true }}``; an :class:`_Expression` else."""
    if "{{" not in expr:
        return expr[1:]  # an expression without {{ }} is its own text
    m = _LITERAL.match(expr)
    if m:
        body = m.group(1)
        if re.fullmatch(r"-?\d+(\.\d+)?", body):
            return float(body) if "." in body else int(body)
        if re.fullmatch(r"'[^'\\]*'|\"[^\"\\]*\"", body):
            return body[1:-1]
        if body in ("true", "false"):
            return body == "true"
    return _Expression(expr)


def _proxy(params: Mapping[str, Any]) -> dict[str, Any]:
    """What a rule sees through n8n's ``$parameter``: top-level expressions are evaluated.

    Only literal expressions can be evaluated here; others become :class:`_Expression`
    markers that make a rule raise :class:`PortsNotComputable` if (and only if) it reads them.
    Nested values are passed through unevaluated, as n8n does.
    """
    out = dict(params)
    for k, v in params.items():
        if isinstance(v, str) and v.startswith("="):
            out[k] = _literal(v)
    return out


def _get(params: Any, *path: str) -> Any:
    """``params?.a?.b`` (JavaScript optional chaining; resource locators read as their value)."""
    cur = params
    for key in path:
        if cur is MISSING or cur is None:
            return MISSING
        if isinstance(cur, Mapping):
            cur = cur.get(key, MISSING)
        elif isinstance(cur, list | str) and key == "length":
            cur = len(cur)
        else:
            return MISSING
        if isinstance(cur, _Expression):
            raise PortsNotComputable(f"parameter {key} is an expression: {cur.text[:60]}")
        if isinstance(cur, Mapping) and cur.get("__rl"):
            cur = cur.get("value", MISSING)
    return cur


def _length(v: Any) -> int:
    """``Array.from({length: v}).length`` (ToLength), capped at :data:`MAX_PORTS`."""
    n = js_number(v)
    if math.isnan(n) or n <= 0:
        return 0
    if math.isinf(n) or n > MAX_PORTS:
        raise PortsNotComputable(f"{v!r} ports requested")
    return int(n)


def _map_list(v: Any, what: str) -> list[Any]:
    """``v.map(...)``: arrays map, strings map per character in n8n's expression engine, and
    anything else fails, which n8n's engine turns into ``undefined`` (no ports)."""
    if isinstance(v, list):
        return v
    if isinstance(v, str):
        return list(v)
    raise _Undefined(what)


def _in(v: Any, options: tuple[str, ...]) -> bool:
    return isinstance(v, str) and v in options


# --------------------------------------------------------------------------- shared data
MODEL_EXCLUDED = [
    "@n8n/n8n-nodes-langchain.lmCohere",
    "@n8n/n8n-nodes-langchain.lmOllama",
    "n8n/n8n-nodes-langchain.lmOpenAi",  # sic: n8n's list has this typo
    "@n8n/n8n-nodes-langchain.lmOpenHuggingFaceInference",
]
_ONE_CONNECTION = ("ai_languageModel", "ai_memory", "ai_outputParser")


def _agent_inputs(has_main: bool, has_output_parser: bool, needs_fallback: bool) -> list[Any]:
    """Tools Agent v2+ / agentTool / Agent 365 trigger inputs (n8n's ``getInputs``)."""
    special: list[dict[str, Any]] = [
        {
            "type": "ai_languageModel",
            "displayName": "Chat Model",
            "required": True,
            "filter": {"excludedNodes": MODEL_EXCLUDED},
        },
        {
            "type": "ai_languageModel",
            "displayName": "Fallback Model",
            "required": True,
            "filter": {"excludedNodes": MODEL_EXCLUDED},
        },
        {"displayName": "Memory", "type": "ai_memory"},
        {"displayName": "Tool", "type": "ai_tool"},
        {"displayName": "Output Parser", "type": "ai_outputParser"},
    ]
    if not has_output_parser:
        special = [s for s in special if s["type"] != "ai_outputParser"]
    if not needs_fallback:
        special = [s for s in special if s["displayName"] != "Fallback Model"]
    out: list[Any] = ["main"] if has_main else []
    for s in special:
        port = {
            "type": s["type"],
            "displayName": s["displayName"],
            "required": s.get("required", False),
            "maxConnections": 1 if s["type"] in _ONE_CONNECTION else None,
        }
        if "filter" in s:
            port["filter"] = s["filter"]
        out.append(port)
    return out


def _has_output_parser(params: Mapping[str, Any]) -> bool:
    v = _get(params, "hasOutputParser")
    return v is MISSING or v is True


def _needs_fallback(params: Mapping[str, Any]) -> bool:
    return _get(params, "needsFallback") is True


# --------------------------------------------------------------------------- rules
@_rule("e7ca7add17b9", doc="Evaluation v4.6+ inputs: a model input for LLM-judged metrics")
def _evaluation_inputs(p: Mapping[str, Any], v: float | None, e: str) -> list[Any]:
    if js_strict_equal(_get(p, "operation"), "setMetrics") and _in(
        _get(p, "metric"), ("correctness", "helpfulness")
    ):
        return [
            {"type": "main"},
            {"type": "ai_languageModel", "displayName": "Model", "maxConnections": 1},
        ]
    return [{"type": "main"}]


@_rule("192bbd21fa3c", doc="Evaluation v4.6+ outputs: two for checkIfEvaluating")
def _evaluation_outputs(p: Mapping[str, Any], v: float | None, e: str) -> list[Any]:
    if js_strict_equal(_get(p, "operation"), "checkIfEvaluating"):
        return [
            {"type": "main", "displayName": "Evaluation"},
            {"type": "main", "displayName": "Normal"},
        ]
    return [{"type": "main"}]


@_rule("779f6581e7a5", doc="Merge v3+: numberInputs main inputs (default 2)")
def _merge_inputs(p: Mapping[str, Any], v: float | None, e: str) -> list[Any]:
    n = _get(p, "numberInputs")
    count = _length(n if js_truthy(n) else 2)
    return [{"type": "main", "displayName": f"Input {i + 1}"} for i in range(count)]


@_rule("d7934e501937", doc="Respond to Webhook: a second 'Response' output (v1.3, or v1.4+ opt-in)")
def _respond_outputs(p: Mapping[str, Any], v: float | None, e: str) -> list[Any]:
    version = v if v is not None else 0
    multiple = version == 1.3 or (version >= 1.4 and js_truthy(_get(p, "enableResponseOutput")))
    if multiple:
        return [
            {"type": "main", "displayName": "Input Data"},
            {"type": "main", "displayName": "Response"},
        ]
    return ["main"]


@_rule("83b0a34e924e", doc="Switch v3+: one output per rule (+ fallback), or numberOutputs")
def _switch3_outputs(p: Mapping[str, Any], v: float | None, e: str) -> list[Any]:
    if js_strict_equal(_get(p, "mode"), "expression"):
        n = _length(_get(p, "numberOutputs"))
        return [{"type": "main", "displayName": str(i)} for i in range(n)]
    rules = _map_list(js_nullish(_get(p, "rules", "values"), []), "rules.values")
    outs: list[Any] = []
    for i, rule in enumerate(rules):
        key = _get(rule, "outputKey") if isinstance(rule, Mapping) else MISSING
        outs.append({"type": "main", "displayName": key if js_truthy(key) else str(i)})
    if js_strict_equal(_get(p, "options", "fallbackOutput"), "extra"):
        rename = _get(p, "options", "renameFallbackOutput")
        outs.append({"type": "main", "displayName": rename if js_truthy(rename) else "Fallback"})
    return outs


@_rule("b9f099c77b0a", doc="Switch v2: one output per rule, or outputsAmount")
def _switch2_outputs(p: Mapping[str, Any], v: float | None, e: str) -> list[Any]:
    rules = js_nullish(_get(p, "rules", "rules"), [])
    if js_strict_equal(_get(p, "mode"), "expression"):
        n = _length(_get(p, "outputsAmount"))
        return [{"type": "main", "displayName": str(i)} for i in range(n)]
    out = []
    for rule in _map_list(rules, "rules.rules"):
        key = _get(rule, "outputKey") if isinstance(rule, Mapping) else MISSING
        out.append({"type": "main", "displayName": None if key is MISSING else key})
    return out


@_rule("2e3fe8689c11", doc="Webhook v1-2.1: one output per HTTP method when several are allowed")
def _webhook_outputs(p: Mapping[str, Any], v: float | None, e: str) -> list[Any]:
    method = _get(p, "httpMethod")
    if not isinstance(method, list):
        return [{"type": "main", "displayName": None if method is MISSING else method}]
    return [{"type": "main", "displayName": m} for m in method]


@_rule(
    "715f51505dbd",
    "0219f1cfe47a",
    doc="Vendor AI nodes (Anthropic, Gemini, Ollama, ...): tools input for text > message",
)
def _vendor_inputs(p: Mapping[str, Any], v: float | None, e: str) -> list[Any]:
    if js_strict_equal(_get(p, "resource"), "text") and js_strict_equal(
        _get(p, "operation"), "message"
    ):
        return [{"type": "main"}, {"type": "ai_tool", "displayName": "Tools"}]
    return ["main"]


@_rule("39c6966c15cc", doc="OpenAI (langchain) v1/v2: tools/memory inputs for assistant/text")
def _openai_inputs(p: Mapping[str, Any], v: float | None, e: str) -> list[Any]:
    resource, operation = _get(p, "resource"), _get(p, "operation")
    if js_strict_equal(resource, "assistant") and js_strict_equal(operation, "message"):
        inputs: list[Any] = [{"type": "main"}, {"type": "ai_tool", "displayName": "Tools"}]
        if not js_strict_equal(js_nullish(_get(p, "memory"), MISSING), "threadId"):
            inputs.append({"type": "ai_memory", "displayName": "Memory", "maxConnections": 1})
        return inputs
    if js_strict_equal(resource, "text") and (
        js_strict_equal(operation, "message") or js_strict_equal(operation, "response")
    ):
        if js_strict_equal(_get(p, "hideTools"), "hide"):
            return ["main"]
        return [{"type": "main"}, {"type": "ai_tool", "displayName": "Tools"}]
    return ["main"]


@_rule("de2fc8dfdded", doc="Microsoft Agent 365 Trigger: agent sub-node inputs, no main")
def _agent365_inputs(p: Mapping[str, Any], v: float | None, e: str) -> list[Any]:
    return _agent_inputs(False, _has_output_parser(p), _needs_fallback(p))


@_rule("4a187538121e", doc="AI Agent v2/v3: main + model (+fallback) + memory + tool (+parser)")
def _agent_inputs_v2(p: Mapping[str, Any], v: float | None, e: str) -> list[Any]:
    return _agent_inputs(True, _has_output_parser(p), _needs_fallback(p))


@_rule("478fff76bea8", doc="AI Agent Tool v2.2/v3: agent sub-node inputs, no main")
def _agent_tool_inputs(p: Mapping[str, Any], v: float | None, e: str) -> list[Any]:
    return _agent_inputs(False, _has_output_parser(p), _needs_fallback(p))


_AGENT_V1_SPECIAL: dict[str, list[tuple[str, bool]]] = {
    # agent kind -> [(connection type, required)], model filter lists are read from n8n's text
    "conversationalAgent": [
        ("ai_languageModel", True),
        ("ai_memory", False),
        ("ai_tool", False),
        ("ai_outputParser", False),
    ],
    "toolsAgent": [
        ("ai_languageModel", True),
        ("ai_memory", False),
        ("ai_tool", True),
        ("ai_outputParser", False),
    ],
    "openAiFunctionsAgent": [
        ("ai_languageModel", True),
        ("ai_memory", False),
        ("ai_tool", True),
        ("ai_outputParser", False),
    ],
    "reActAgent": [("ai_languageModel", True), ("ai_tool", False), ("ai_outputParser", False)],
    "sqlAgent": [("ai_languageModel", True), ("ai_memory", False)],
    "planAndExecuteAgent": [
        ("ai_languageModel", True),
        ("ai_tool", False),
        ("ai_outputParser", False),
    ],
}
_V1_NAMES = {
    "ai_languageModel": "Model",
    "ai_memory": "Memory",
    "ai_tool": "Tool",
    "ai_outputParser": "Output Parser",
}
_FILTER_CACHE: dict[str, dict[str, list[str]]] = {}


def _agent_v1_filters(expression: str) -> dict[str, list[str]]:
    """Model filter node lists per agent kind, read from the expression text itself."""
    cached = _FILTER_CACHE.get(expression)
    if cached is not None:
        return cached
    out: dict[str, list[str]] = {}
    parts = re.split(r"agent === '(\w+)'", expression)
    for kind, body in zip(parts[1::2], parts[2::2], strict=False):
        m = re.search(r"nodes:\s*\[(.*?)\]", body.split("else if")[0], flags=re.S)
        if m:
            out[kind] = re.findall(r"'([^']+)'", m.group(1))
    _FILTER_CACHE[expression] = out
    return out


@_rule("c204a9a7fdcc", doc="AI Agent v1.x: inputs depend on the agent kind")
def _agent_v1_inputs(p: Mapping[str, Any], v: float | None, e: str) -> list[Any]:
    kind = _get(p, "agent")
    specials = _AGENT_V1_SPECIAL.get(kind, []) if isinstance(kind, str) else []
    filters = _agent_v1_filters(e)
    has_parser = _has_output_parser(p)
    out: list[Any] = ["main"]
    for ctype, required in specials:
        if ctype == "ai_outputParser" and not has_parser:
            continue
        name = _V1_NAMES[ctype]
        if ctype == "ai_languageModel" and kind in (
            "openAiFunctionsAgent",
            "toolsAgent",
            "conversationalAgent",
        ):
            name = "Chat Model"
        port: dict[str, Any] = {
            "type": ctype,
            "displayName": name,
            # n8n marks only the model required here ("required: isModelType")
            "required": ctype == "ai_languageModel",
            "maxConnections": 1 if ctype in _ONE_CONNECTION else None,
        }
        if ctype == "ai_languageModel" and kind in filters:
            port["filter"] = {"nodes": filters[kind]}
        del required
        out.append(port)
    return out


@_rule("b6a653e5b317", doc="Summarization Chain v2: model + document loader or text splitter")
def _summarization_inputs(p: Mapping[str, Any], v: float | None, e: str) -> list[Any]:
    inputs: list[Any] = [
        {"displayName": "", "type": "main"},
        {"displayName": "Model", "maxConnections": 1, "type": "ai_languageModel", "required": True},
    ]
    if js_strict_equal(_get(p, "operationMode"), "documentLoader"):
        inputs.append(
            {
                "displayName": "Document",
                "type": "ai_document",
                "required": True,
                "maxConnections": 1,
            }
        )
        return inputs
    if js_strict_equal(_get(p, "chunkingMode"), "advanced"):
        inputs.append(
            {
                "displayName": "Text Splitter",
                "type": "ai_textSplitter",
                "required": False,
                "maxConnections": 1,
            }
        )
    return inputs


@_rule("7eb10de89eb2", doc="Basic LLM Chain: model (+fallback) (+output parser)")
def _chain_llm_inputs(p: Mapping[str, Any], v: float | None, e: str) -> list[Any]:
    inputs: list[Any] = [
        {"displayName": "", "type": "main"},
        {"displayName": "Model", "maxConnections": 1, "type": "ai_languageModel", "required": True},
    ]
    if _get(p, "needsFallback") is True:
        inputs.append(
            {
                "displayName": "Fallback Model",
                "maxConnections": 1,
                "type": "ai_languageModel",
                "required": True,
            }
        )
    if _has_output_parser(p):
        inputs.append(
            {
                "displayName": "Output Parser",
                "type": "ai_outputParser",
                "maxConnections": 1,
                "required": False,
            }
        )
    return inputs


@_rule("b01dc2de04a1", doc="Sentiment Analysis: one output per category")
def _sentiment_outputs(p: Mapping[str, Any], v: float | None, e: str) -> list[Any]:
    options = js_nullish(_get(p, "options"), {})
    cats = js_nullish(_get(options, "categories"), "Positive, Neutral, Negative")
    if not isinstance(cats, str):
        raise _Undefined("options.categories is not a string")
    return [{"type": "main", "displayName": c.strip()} for c in cats.split(",")]


@_rule("04293a941d3a", doc="Text Classifier: one output per category (+ 'Other')")
def _classifier_outputs(p: Mapping[str, Any], v: float | None, e: str) -> list[Any]:
    cats = _map_list(js_nullish(_get(p, "categories", "categories"), []), "categories.categories")
    out: list[Any] = []
    for c in cats:
        name = _get(c, "category") if isinstance(c, Mapping) else MISSING
        out.append({"type": "main", "displayName": None if name is MISSING else name})
    if js_strict_equal(_get(p, "options", "fallback"), "other"):
        out.append({"type": "main", "displayName": "Other"})
    return out


_CONNECTOR_NAMES = {
    "ai_chain": "Chain",
    "ai_document": "Document",
    "ai_embedding": "Embedding",
    "ai_languageModel": "Language Model",
    "ai_memory": "Memory",
    "ai_outputParser": "Output Parser",
    "ai_textSplitter": "Text Splitter",
    "ai_tool": "Tool",
    "ai_vectorStore": "Vector Store",
    "main": "Main",
}


def _code_ports(values: Any, with_limits: bool) -> list[Any]:
    out = []
    for value in _map_list(values, "LangChain Code ports"):
        ctype = _get(value, "type") if isinstance(value, Mapping) else MISSING
        display = _CONNECTOR_NAMES.get(ctype) if isinstance(ctype, str) else None
        port: dict[str, Any] = {
            "type": "main" if ctype is MISSING else ctype,
            "displayName": display if display != "Main" else None,
        }
        if with_limits:
            req = _get(value, "required") if isinstance(value, Mapping) else MISSING
            mc = _get(value, "maxConnections") if isinstance(value, Mapping) else MISSING
            port["required"] = req is True
            port["maxConnections"] = None if mc is MISSING or js_strict_equal(mc, -1) else mc
        out.append(port)
    return out


@_rule("46d74e130064", doc="LangChain Code: inputs configured in inputs.input")
def _code_inputs(p: Mapping[str, Any], v: float | None, e: str) -> list[Any]:
    inputs = _get(p, "inputs")
    if inputs is MISSING or inputs is None:
        raise _Undefined("inputs is not set")
    return _code_ports(_get(inputs, "input"), True)


@_rule("090d2e795041", doc="LangChain Code: outputs configured in outputs.output")
def _code_outputs(p: Mapping[str, Any], v: float | None, e: str) -> list[Any]:
    outputs = _get(p, "outputs")
    if outputs is MISSING or outputs is None:
        raise _Undefined("outputs is not set")
    return _code_ports(_get(outputs, "output"), False)


@_rule("5850cc9dfcf8", doc="Document loaders: a text splitter input in custom splitting mode")
def _loader_inputs(p: Mapping[str, Any], v: float | None, e: str) -> list[Any]:
    mode = _get(p, "textSplittingMode")
    if not js_truthy(mode) or js_strict_equal(mode, "custom"):
        return [
            {
                "displayName": "Text Splitter",
                "maxConnections": 1,
                "type": "ai_textSplitter",
                "required": True,
            }
        ]
    return []


@_rule("956999f33b90", doc="Structured Output Parser: a model input when autoFix is on")
def _parser_inputs(p: Mapping[str, Any], v: float | None, e: str) -> list[Any]:
    if js_truthy(_get(p, "autoFix")):
        return [
            {
                "displayName": "Model",
                "maxConnections": 1,
                "type": "ai_languageModel",
                "required": True,
            }
        ]
    return []


@_rule("e978e695fab1", doc="Chat Trigger: a memory input when the session loads from memory")
def _chat_trigger_inputs(p: Mapping[str, Any], v: float | None, e: str) -> list[Any]:
    if not _in(_get(p, "mode"), ("hostedChat", "webhook")):
        return []
    if not js_strict_equal(_get(p, "options", "loadPreviousSession"), "memory"):
        return []
    return [{"displayName": "Memory", "maxConnections": 1, "type": "ai_memory", "required": True}]


@_rule("1e89e6ba42a5", doc="Respond to Chat: a memory input when memoryConnection is set")
def _chat_inputs(p: Mapping[str, Any], v: float | None, e: str) -> list[Any]:
    inputs: list[Any] = [{"type": "main"}]
    if js_truthy(_get(p, "options", "memoryConnection")):
        inputs.append({"type": "ai_memory", "displayName": "Memory", "maxConnections": 1})
    return inputs


@_rule("f52d389f5519", doc="Vector stores: embedding (+reranker) (+main, document) by mode")
def _vector_store_inputs(p: Mapping[str, Any], v: float | None, e: str) -> list[Any]:
    mode = _get(p, "mode")
    inputs: list[Any] = [
        {"displayName": "Embedding", "type": "ai_embedding", "required": True, "maxConnections": 1}
    ]
    if _in(mode, ("load", "retrieve", "retrieve-as-tool")) and js_truthy(_get(p, "useReranker")):
        inputs.append(
            {
                "displayName": "Reranker",
                "type": "ai_reranker",
                "required": True,
                "maxConnections": 1,
            }
        )
    if js_strict_equal(mode, "retrieve-as-tool"):
        return inputs
    if _in(mode, ("insert", "load", "update")):
        inputs.append({"displayName": "", "type": "main"})
    if js_strict_equal(mode, "insert"):
        inputs.append(
            {
                "displayName": "Document",
                "type": "ai_document",
                "required": True,
                "maxConnections": 1,
            }
        )
    return inputs


@_rule("de931cbdf439", doc="Vector stores: ai_tool, ai_vectorStore or main output by mode")
def _vector_store_outputs(p: Mapping[str, Any], v: float | None, e: str) -> list[Any]:
    mode = js_nullish(_get(p, "mode"), "retrieve")
    if js_strict_equal(mode, "retrieve-as-tool"):
        return [{"displayName": "Tool", "type": "ai_tool"}]
    if js_strict_equal(mode, "retrieve"):
        return [{"displayName": "Vector Store", "type": "ai_vectorStore"}]
    return [{"displayName": "", "type": "main"}]


@_rule("d54030b96493", doc="Model Selector: numberInputs model inputs (default 2)")
def _model_selector_inputs(p: Mapping[str, Any], v: float | None, e: str) -> list[Any]:
    n = _get(p, "numberInputs")
    count = _length(n if js_truthy(n) else 2)
    return [
        {
            "type": "ai_languageModel",
            "displayName": f"Model {i + 1}",
            "required": True,
            "maxConnections": 1,
        }
        for i in range(count)
    ]


_GUARDRAIL_MODEL = {
    "type": "ai_languageModel",
    "displayName": "Chat Model",
    "maxConnections": 1,
    "required": True,
    "filter": {"excludedNodes": MODEL_EXCLUDED},
}


@_rule("f5e8998ca330", doc="Guardrails v2: a model input when an LLM-based check is enabled")
def _guardrails2_inputs(p: Mapping[str, Any], v: float | None, e: str) -> list[Any]:
    g = js_nullish(_get(p, "guardrails"), {})
    if isinstance(g, Mapping):
        checks = list(g)
    elif isinstance(g, list | str):
        checks = [str(i) for i in range(len(g))]
    else:
        checks = []
    if not any(c in ("nsfw", "topicalAlignment", "custom", "jailbreak") for c in checks):
        return ["main"]
    return ["main", dict(_GUARDRAIL_MODEL)]


@_rule("bfc938c8e1c7", doc="Guardrails: Pass/Fail outputs when classifying")
def _guardrails_outputs(p: Mapping[str, Any], v: float | None, e: str) -> list[Any]:
    if js_strict_equal(js_nullish(_get(p, "operation"), "classify"), "classify"):
        return [{"displayName": "Pass", "type": "main"}, {"displayName": "Fail", "type": "main"}]
    return [{"displayName": "", "type": "main"}]


@_rule("80eab47aab76", doc="Guardrails v1: a model input unless sanitizing")
def _guardrails1_inputs(p: Mapping[str, Any], v: float | None, e: str) -> list[Any]:
    if js_strict_equal(_get(p, "operation"), "sanitize"):
        return ["main"]
    return ["main", dict(_GUARDRAIL_MODEL)]


# --------------------------------------------------------------------------- public API
def _to_ports(values: list[Any]) -> list[Port]:
    return number_ports([Port.from_n8n(v) for v in values if v is not None])


def _evaluate(nv: NodeVersion, spec: Any, params: Any, type_version: float | None) -> list[Any]:
    if isinstance(spec, list):
        return spec
    if not isinstance(spec, str):
        return []
    rule = rule_for(spec)
    if rule is None:
        raise PortsNotComputable(f"no rule for the ports expression of {nv.type_name}")
    if not isinstance(params, Mapping):
        params = {}
    try:
        return rule(_proxy(params), type_version, spec)
    except _Undefined:
        return []


def node_inputs(
    nv: NodeVersion, params: Any, type_version: float | int | None = None
) -> list[Port]:
    """The node's inputs (``NodeHelpers.getNodeInputs``) for its resolved parameters."""
    tv = float(type_version) if isinstance(type_version, int | float) else None
    return _to_ports(_evaluate(nv, nv.inputs_raw, params, tv))


def node_outputs(
    nv: NodeVersion,
    params: Any,
    type_version: float | int | None = None,
    on_error: str | None = None,
) -> list[Port]:
    """The node's outputs (``NodeHelpers.getNodeOutputs``); ``on_error`` is the node setting.

    ``onError: continueErrorOutput`` adds a ``main`` output with category ``error`` after the
    others (a single output is then labelled "Success").
    """
    tv = float(type_version) if isinstance(type_version, int | float) else None
    ports = _to_ports(_evaluate(nv, nv.outputs_raw, params, tv))
    if on_error == "continueErrorOutput":
        if len(ports) == 1:
            p = ports[0]
            ports = [Port(p.type, "Success", p.required, p.max_connections, p.filter, p.category)]
        ports = number_ports([*ports, Port("main", "Error", category="error")])
    return ports


def static_output_types(nv: NodeVersion) -> set[str]:
    """Output connection types of a statically declared node (empty set when dynamic)."""
    outs = nv.outputs_raw
    if isinstance(outs, list):
        return {Port.from_n8n(o).type for o in outs}
    return set()
