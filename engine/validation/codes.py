"""The one table of stable finding codes.

Every finding the validator emits carries one of these codes. A code's meaning never changes once
published (tests, the calibration script and downstream tools key on it). Where n8n itself makes
the same judgement, the code equals the ``kind`` the n8n oracle reports, so calibration can join
on it; codes for our own policy (generated output should be tidier than what n8n tolerates) are
errors only in the ``strict`` profile.

``severity`` maps a profile to ``"error"``, ``"warning"`` or ``None`` (not reported). Only errors
make a workflow invalid.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]
Profile = Literal["runtime", "strict"]
PROFILES: tuple[Profile, ...] = ("runtime", "strict")


@dataclass(frozen=True)
class CodeInfo:
    """What a finding code means and how each profile weighs it."""

    code: str
    area: str
    runtime: Severity | None
    strict: Severity | None
    fixable: bool
    meaning: str

    def severity(self, profile: Profile) -> Severity | None:
        """The severity this code has under ``profile`` (None: not reported)."""
        return self.runtime if profile == "runtime" else self.strict


E: Severity = "error"
W: Severity = "warning"

_TABLE: list[CodeInfo] = [
    # --- input ---------------------------------------------------------------------------------
    CodeInfo(
        "json_parse_error", "input", E, E, False, "the input is not valid JSON (or is cut off)"
    ),
    CodeInfo("input_too_large", "input", E, E, False, "the input exceeds the size limit"),
    CodeInfo("input_too_deep", "input", E, E, False, "the document nests deeper than the limit"),
    # --- document structure (n8n's structure schema + the public API schema) --------------------
    CodeInfo(
        "structure",
        "structure",
        E,
        E,
        False,
        "not an object, `nodes` not an array, or `connections` missing / not an object",
    ),
    CodeInfo(
        "unknown_key",
        "structure",
        W,
        E,
        True,
        "a top-level or node key the public API does not accept (import drops it)",
    ),
    CodeInfo("node_invalid", "structure", E, E, False, "a node is not an object"),
    CodeInfo("node_name_invalid", "structure", E, E, True, "node `name` missing or not a string"),
    CodeInfo("node_type_missing", "structure", E, E, False, "node `type` missing or empty"),
    CodeInfo(
        "node_position_invalid",
        "structure",
        E,
        E,
        True,
        "node `position` is not two finite numbers",
    ),
    CodeInfo(
        "node_type_version_invalid", "structure", E, E, True, "node `typeVersion` not a number"
    ),
    CodeInfo("node_parameters_invalid", "structure", E, E, True, "node `parameters` not an object"),
    CodeInfo("node_id_invalid", "structure", E, E, True, "node `id` is not a string"),
    CodeInfo("node_id_missing", "structure", None, W, True, "node has no `id` (n8n assigns one)"),
    CodeInfo(
        "field_invalid",
        "structure",
        W,
        E,
        False,
        "a workflow field or node setting has the wrong type (settings, disabled, onError, ...)",
    ),
    CodeInfo("duplicate_node_name", "structure", E, E, True, "two nodes share a name"),
    CodeInfo("duplicate_node_id", "structure", E, E, True, "two nodes share an id"),
    CodeInfo(
        "node_setting_in_parameters",
        "structure",
        W,
        E,
        True,
        "a node setting (onError, retryOnFail, ...) is written inside `parameters`",
    ),
    # --- node types -----------------------------------------------------------------------------
    CodeInfo("unknown_node_type", "type", E, E, True, "the node type is not in n8n's catalog"),
    CodeInfo(
        "community_node_type",
        "type",
        E,
        E,
        False,
        "the node type belongs to a community package that core n8n does not ship",
    ),
    CodeInfo(
        "unknown_type_version",
        "type",
        E,
        E,
        True,
        "the type exists but does not declare this typeVersion",
    ),
    CodeInfo("type_version_missing", "type", W, W, True, "no typeVersion; n8n assumes the highest"),
    CodeInfo(
        "node_excluded_by_default",
        "type",
        W,
        W,
        False,
        "n8n 2.x disables this node type unless the instance allows it",
    ),
    CodeInfo("max_nodes_exceeded", "type", W, W, False, "more nodes of a type than its maxNodes"),
    CodeInfo(
        "node_type_deprecated",
        "type",
        None,
        E,
        False,
        "a hidden / deprecated node type (imports, but must not be generated)",
    ),
    # --- parameters -----------------------------------------------------------------------------
    CodeInfo(
        "parameter_required_missing",
        "parameters",
        E,
        E,
        False,
        "a displayed required parameter is empty or missing",
    ),
    CodeInfo(
        "parameter_invalid",
        "parameters",
        E,
        E,
        False,
        "a parameter value fails n8n's checks (resource locator, filter, type)",
    ),
    CodeInfo(
        "parameter_option_invalid",
        "parameters",
        E,
        E,
        True,
        "an options value that is not among the parameter's allowed values",
    ),
    CodeInfo(
        "parameter_unknown",
        "parameters",
        W,
        W,
        False,
        "a parameter the node version does not define (n8n drops it)",
    ),
    CodeInfo(
        "parameter_shape_invalid",
        "parameters",
        W,
        E,
        False,
        "a collection / fixedCollection / assignment / filter / resource locator is mis-shaped",
    ),
    CodeInfo(
        "credentials_missing",
        "parameters",
        W,
        W,
        False,
        "a credential the chosen resource / operation needs is not set",
    ),
    # --- expressions ----------------------------------------------------------------------------
    CodeInfo(
        "expression_missing_prefix",
        "expressions",
        W,
        E,
        True,
        "a value uses {{ }} but lacks the leading `=` (n8n treats it as literal text)",
    ),
    CodeInfo(
        "expression_unbalanced",
        "expressions",
        W,
        E,
        False,
        "an expression's {{ and }} do not pair up",
    ),
    CodeInfo(
        "expression_unknown_node",
        "expressions",
        W,
        E,
        False,
        "an expression references a node name that does not exist",
    ),
    # --- connections ----------------------------------------------------------------------------
    CodeInfo(
        "connection_keyed_by_id",
        "connections",
        E,
        E,
        True,
        "connections are keyed by node id instead of node name",
    ),
    CodeInfo(
        "connection_unknown_source",
        "connections",
        E,
        E,
        True,
        "a connection starts at a node that does not exist",
    ),
    CodeInfo(
        "connection_unknown_target",
        "connections",
        E,
        E,
        True,
        "a connection ends at a node that does not exist",
    ),
    CodeInfo(
        "connection_structure",
        "connections",
        E,
        E,
        False,
        "connection buckets / entries not shaped as arrays of {node, type, index}",
    ),
    CodeInfo(
        "connection_type_invalid",
        "connections",
        E,
        E,
        False,
        "a connection type that n8n does not know",
    ),
    CodeInfo(
        "connection_type_mismatch",
        "connections",
        E,
        E,
        False,
        "the output type key differs from the entry's input type",
    ),
    CodeInfo(
        "connection_output_invalid",
        "connections",
        E,
        E,
        False,
        "the source has no output of this type (e.g. ai_tool from a node that is not a tool)",
    ),
    CodeInfo(
        "connection_output_index",
        "connections",
        E,
        E,
        False,
        "the output index exceeds the source's outputs (IF, Switch rules, error output)",
    ),
    CodeInfo(
        "connection_input_invalid",
        "connections",
        E,
        E,
        False,
        "the target has no input of this type (into a trigger, main into a sub-node, ...)",
    ),
    CodeInfo(
        "connection_input_index",
        "connections",
        E,
        E,
        False,
        "the input index exceeds the target's inputs (Merge numberInputs)",
    ),
    CodeInfo(
        "input_missing",
        "connections",
        E,
        E,
        False,
        "a required AI input is not connected (an agent needs a chat model)",
    ),
    CodeInfo(
        "input_max_connections_exceeded",
        "connections",
        E,
        E,
        False,
        "more sub-nodes on an input than it allows",
    ),
    CodeInfo(
        "connection_source_not_allowed",
        "connections",
        W,
        W,
        False,
        "a sub-node type that the input's filter excludes",
    ),
    CodeInfo(
        "ports_not_computable",
        "connections",
        W,
        W,
        False,
        "the node's inputs/outputs could not be computed; its port checks were skipped",
    ),
    # --- triggers and reachability ---------------------------------------------------------------
    CodeInfo("no_trigger", "graph", E, E, False, "no enabled trigger node"),
    CodeInfo(
        "node_disconnected",
        "graph",
        W,
        E,
        False,
        "an enabled node with no connections at all",
    ),
    CodeInfo(
        "node_unreachable",
        "graph",
        W,
        E,
        False,
        "a connected node that no trigger reaches",
    ),
    # --- workflow quality (n8n's workflow-SDK lints; warnings, never errors) ------------------
    CodeInfo(
        "hardcoded_credential",
        "quality",
        W,
        W,
        False,
        "an API key, token or password typed into a parameter (HTTP Request, Code or Set)",
    ),
    CodeInfo(
        "credential_like_field",
        "quality",
        W,
        W,
        False,
        "a vendor key header or body field (x-rapidapi-key, api_key, ...) holds a literal value",
    ),
    CodeInfo(
        "set_credential_field",
        "quality",
        W,
        W,
        False,
        "a Set node field named like a credential holds a literal value",
    ),
    CodeInfo(
        "agent_no_system_message",
        "quality",
        W,
        W,
        False,
        "an AI Agent that is configured but has no system message",
    ),
    CodeInfo(
        "agent_static_prompt",
        "quality",
        W,
        W,
        True,
        "an AI Agent / LLM chain prompt that reads nothing at run time: fixed text (no {{ }}, no "
        "leading =), or $json.chatInput with no Chat Trigger to provide it",
    ),
    CodeInfo(
        "tool_no_parameters",
        "quality",
        W,
        W,
        False,
        "a tool node with nothing configured (no description, no inputs)",
    ),
    CodeInfo(
        "tool_no_description",
        "quality",
        W,
        W,
        False,
        "a configured tool whose description (what it does, when to call it) is empty",
    ),
    CodeInfo(
        "from_ai_outside_tool",
        "quality",
        W,
        W,
        False,
        "$fromAI() in a node that is not a tool, where no agent fills it in",
    ),
    CodeInfo(
        "merge_single_input",
        "quality",
        W,
        W,
        False,
        "a Merge node with fewer than two of its inputs connected",
    ),
]

CODES: dict[str, CodeInfo] = {c.code: c for c in _TABLE}

#: The fix to suggest when a check has nothing more specific to say.
DEFAULT_FIX: dict[str, str] = {
    "json_parse_error": "save the workflow as complete, valid JSON",
    "input_too_large": "split the input; one workflow is normally well under 5 MB",
    "input_too_deep": "flatten the document; workflows never nest this deep",
    "structure": 'give the document an object with "nodes" (array) and "connections" (object)',
    "unknown_key": "remove the key",
    "node_invalid": "make every node an object with name, type, typeVersion, position",
    "node_name_invalid": "give the node a unique, non-empty name",
    "node_type_missing": 'set "type" to a full type name such as n8n-nodes-base.httpRequest',
    "node_position_invalid": "set position to [x, y] (repair lays nodes out left to right)",
    "node_type_version_invalid": "set typeVersion to a number the type declares",
    "node_parameters_invalid": "make parameters an object",
    "node_id_invalid": "set id to a UUID string",
    "field_invalid": "give the field the type the n8n API expects",
    "community_node_type": "use a core node (HTTP Request can call most APIs)",
    "node_excluded_by_default": "enable the node on the instance (NODES_EXCLUDE) or avoid it",
    "max_nodes_exceeded": "keep only one node of this type",
    "node_type_deprecated": "use the node's current replacement",
    "parameter_invalid": "correct the value (or use an expression starting with '=')",
    "parameter_option_invalid": "use one of the allowed values",
    "parameter_unknown": "remove the parameter",
    "credentials_missing": "attach the credential in n8n before running",
    "connection_structure": 'write entries as {"node": name, "type": "main", "index": 0}',
    "connection_type_invalid": "use main or an ai_* connection type",
    "connection_type_mismatch": "use the same type on both sides of the connection",
    "connection_source_not_allowed": "connect a sub-node type this input accepts",
    "ports_not_computable": "use literal values for the parameters that decide the ports",
    "no_trigger": "add a trigger (Manual, Schedule, Webhook, an app trigger, ...)",
}


_QUALITY_NOTES = [
    "## Quality lints",
    "",
    "The `quality` codes (`engine/validation/lints.py`, secrets in `engine/validation/secrets.py`)"
    " are the workflow-quality checks n8n's own workflow SDK runs (`credential_like_field` and "
    "`tool_no_description` are ours); they never make a workflow "
    "invalid. Secret findings name the field and the kind of value (a bearer token, an "
    "OpenAI-style key, a placeholder) but never print the value. `hardcoded_credential` covers "
    "the auth headers every API uses (`Authorization`, `X-API-Key`, ...), credential-named query "
    "parameters and values shaped like real keys; `credential_like_field` the vendor-specific "
    "key headers and body fields that only their name marks. `nodepilot repair` fixes "
    "`agent_static_prompt` by appending the chat input (after a Chat Trigger) or the item to the "
    "prompt; the generation loop applies that repair and sends the other quality warnings to "
    "the model with the errors of a feedback round.",
    "",
    "Measured against n8n's fixtures (`packages/@n8n/workflow-sdk/test-fixtures/real-workflows`"
    " in n8n-io/n8n, read from a path, never copied here): "
    "`.venv/bin/python benchmarks/lint_manifest.py PATH [--templates JSONL.GZ] [--show N] "
    "[--timing N]` prints, per n8n code, the expected warnings reproduced and the extra ones "
    "raised, and the misses that are deliberate (an agent on the default chat-input prompt, an "
    "item read in the system message, `$fromAI` in a sticky note's text).",
    "",
    "Each rule next to n8n's, the deliberate differences, and the benchmark figures: "
    "[quality-lints.md](quality-lints.md).",
]


def code_info(code: str) -> CodeInfo:
    """Look up a code; an unknown code is a programming error, so it raises KeyError."""
    return CODES[code]


def render_markdown() -> str:
    """The code table as Markdown (``docs/validation-codes.md`` is generated from this)."""
    lines = [
        "# Validation finding codes",
        "",
        "Generated from `engine/validation/codes.py` "
        "(`python -m engine.validation.codes > docs/validation-codes.md`).",
        "",
        "Each finding has a stable `code`, a severity that depends on the profile "
        "(`runtime`: what n8n itself refuses; `strict`: runtime plus our policy for generated "
        "workflows), the node it concerns, a JSON path, a message, a suggestion, and whether "
        "`nodepilot repair` can fix it. Only errors make a workflow invalid; `-` means the "
        "profile does not report the code.",
        "",
        "| code | area | runtime | strict | repair fixes | meaning |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for c in _TABLE:
        lines.append(
            f"| `{c.code}` | {c.area} | {c.runtime or '-'} | {c.strict or '-'} | "
            f"{'yes' if c.fixable else 'no'} | {c.meaning} |"
        )
    lines += ["", *_QUALITY_NOTES]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(render_markdown(), end="")
