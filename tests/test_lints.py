"""Quality lints: each code fires on a small workflow of ours and stays quiet on its fix."""

from __future__ import annotations

from typing import Any

import pytest

from engine.validation.codes import CODES
from engine.validation.repair import repair_workflow
from engine.validation.validator import validate_workflow
from tests.lints_support import (
    BASE,
    LC,
    SYSTEM,
    agent_workflow,
    chain_workflow,
    code_workflow,
    defined_agent,
    headers,
    http_workflow,
    merge_workflow,
    set_workflow,
    tool_workflow,
)

LINT_CODES = sorted(c for c, info in CODES.items() if info.area == "quality")
OPENAI_KEY = "sk-" + "Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z"  # shaped like a key, split so scanners pass


def _codes(doc: dict[str, Any], profile: str = "strict") -> list[str]:
    return [f.code for f in validate_workflow(doc, profile).findings]


def _only(doc: dict[str, Any], code: str) -> list[Any]:
    return [f for f in validate_workflow(doc, "runtime").findings if f.code == code]


def test_lint_codes_are_warnings_in_both_profiles() -> None:
    assert len(LINT_CODES) == 9
    for code in LINT_CODES:
        assert CODES[code].runtime == "warning" and CODES[code].strict == "warning"


@pytest.mark.parametrize("profile", ["runtime", "strict"])
def test_clean_builders_raise_no_lint(profile: str) -> None:
    docs = [
        agent_workflow(defined_agent("=Summarise: {{ $json.body }}")),
        agent_workflow({"options": {"systemMessage": "Be brief."}}, chat=True),
        chain_workflow("=Translate {{ $json.text }}"),
        http_workflow(headers(("Accept", "application/json"))),
        code_workflow("return $input.all();"),
        set_workflow(("status", "open")),
        tool_workflow(LC + "toolThink", {"description": "Think step by step."}),
        merge_workflow(both_inputs=True),
    ]
    for doc in docs:
        report = validate_workflow(doc, profile)
        assert report.valid, [f.to_dict() for f in report.errors]
        assert not set(LINT_CODES) & report.codes(), [f.to_dict() for f in report.findings]


# ---------------------------------------------------------------------------- hardcoded secrets
@pytest.mark.parametrize(
    "params",
    [
        headers(("Authorization", "Bearer " + "a1B2c3D4e5F6g7H8i9J0k1L2")),
        headers(("X-API-Key", "YOUR_API_KEY")),
        headers(("Authorization", "Bearer {{ YOUR API KEY }}")),  # braces, but no reference
        {
            "sendQuery": True,
            "queryParameters": {"parameters": [{"name": "api_key", "value": "abc123"}]},
        },
        {
            "sendHeaders": True,
            "specifyHeaders": "json",
            "jsonHeaders": '{"Authorization": "Basic dXNlcjpwYXNz"}',
        },
        {
            "sendBody": True,
            "contentType": "json",
            "specifyBody": "json",
            "jsonBody": '={"model": "gpt-4o", "key": "' + OPENAI_KEY + '"}',
        },
    ],
)
def test_hardcoded_credential_fires_in_http_request(params: dict[str, Any]) -> None:
    [finding] = _only(http_workflow(params), "hardcoded_credential")
    assert finding.severity == "warning" and finding.node == "Call API"
    assert finding.path.startswith("$.nodes[1].parameters.")
    assert "credential" in (finding.suggestion or "")


@pytest.mark.parametrize(
    "params",
    [
        headers(("Authorization", "={{ 'Bearer ' + $env.API_TOKEN }}")),
        headers(("X-API-Key", "={{ $credentials.key }}")),
        headers(("Accept", "application/json"), ("X-Request-Id", "a1B2c3D4e5F6g7H8i9J0")),
        {"sendQuery": True, "queryParameters": {"parameters": [{"name": "tokens", "value": "42"}]}},
        {"authentication": "genericCredentialType", "genericAuthType": "httpHeaderAuth"},
    ],
)
def test_hardcoded_credential_quiet_on_expressions_and_ordinary_fields(
    params: dict[str, Any],
) -> None:
    assert not {"hardcoded_credential", "credential_like_field"} & set(
        _codes(http_workflow(params))
    )


@pytest.mark.parametrize(
    "value", ["Bearer {{ $env.TOKEN }}", "{{$credentials.apiKey}}", "Token {{ $json.token }}"]
)
def test_unprefixed_reference_is_a_missing_prefix_not_a_secret(value: str) -> None:
    # sent as literal text, but nothing secret is written: the missing '=' is what is wrong
    codes = _codes(http_workflow(headers(("Authorization", value))), "runtime")
    assert "expression_missing_prefix" in codes
    assert not {"hardcoded_credential", "credential_like_field"} & set(codes)


def test_reference_beside_a_literal_token_is_still_a_secret() -> None:
    value = "Bearer a1B2c3D4e5F6g7H8i9J0k1L2 {{ $json.suffix }}"
    assert _only(http_workflow(headers(("Authorization", value))), "hardcoded_credential")


def test_vendor_key_header_is_a_credential_like_field() -> None:
    doc = http_workflow(headers(("x-rapidapi-key", "0123456789abcdef0123456789abcdef")))
    [finding] = _only(doc, "credential_like_field")
    assert '"x-rapidapi-key"' in finding.message
    assert not _only(doc, "hardcoded_credential")


def test_http_request_tool_is_scanned_like_http_request() -> None:
    doc = http_workflow(headers(("Authorization", "Bearer abc")), BASE + "httpRequestTool")
    assert _only(doc, "hardcoded_credential")


def test_secret_in_code_fires_and_env_lookup_does_not() -> None:
    leaked = code_workflow(f'const apiKey = "{OPENAI_KEY}";\nreturn [];')
    [finding] = _only(leaked, "hardcoded_credential")
    assert finding.path == "$.nodes[1].parameters.jsCode"
    assert "do not keep secrets in code" in (finding.suggestion or "")
    assert not _only(
        code_workflow("const apiKey = $env.OPENAI_KEY;\nreturn [];"), "hardcoded_credential"
    )
    assert not _only(
        code_workflow('const label = "Quarterly revenue 2024";'), "hardcoded_credential"
    )


@pytest.mark.parametrize("doc_text", ["Bearer", "sk-", "Ab3dEf6h", "abc123"])
def test_messages_never_contain_the_secret(doc_text: str) -> None:
    docs = [
        http_workflow(headers(("Authorization", "Bearer " + "a1B2c3D4e5F6g7H8i9J0k1L2"))),
        code_workflow(f'const apiKey = "{OPENAI_KEY}";'),
        http_workflow(
            {
                "sendQuery": True,
                "queryParameters": {"parameters": [{"name": "api_key", "value": "abc123"}]},
            }
        ),
    ]
    for doc in docs:
        for f in validate_workflow(doc, "runtime").findings:
            assert "a1B2c3D4e5F6" not in f.message and "Ab3dEf6h" not in f.message
            assert "abc123" not in f.message and "abc123" not in (f.suggestion or "")


# ---------------------------------------------------------------------------- Set fields
def test_set_credential_field_fires_on_literal_and_not_on_passthrough() -> None:
    [finding] = _only(set_workflow(("api_key", "k-123456")), "set_credential_field")
    assert '"api_key"' in finding.message and "k-123456" not in finding.message
    assert not _only(
        set_workflow(("access_token", "={{ $json.access_token }}")), "set_credential_field"
    )
    assert not _only(set_workflow(("keyword", "shoes")), "set_credential_field")


def test_set_field_with_a_real_key_is_reported_once() -> None:
    codes = _codes(set_workflow(("openai_api_key", OPENAI_KEY)), "runtime")
    assert codes.count("set_credential_field") == 1
    assert "hardcoded_credential" not in codes


# ---------------------------------------------------------------------------- agents
def test_agent_without_system_message() -> None:
    assert "agent_no_system_message" in _codes(
        agent_workflow(defined_agent("={{ $json.body }}", system=None))
    )
    assert "agent_no_system_message" in _codes(
        agent_workflow(defined_agent("={{ $json.body }}", system="   "))
    )
    assert "agent_no_system_message" not in _codes(agent_workflow(defined_agent("={{ $json.x }}")))


def test_agent_with_no_parameters_is_left_alone() -> None:
    codes = _codes(agent_workflow({}, chat=True), "runtime")
    assert not {"agent_no_system_message", "agent_static_prompt"} & set(codes)


@pytest.mark.parametrize("text", ["Summarise the latest email.", "", "=", "=  "])
def test_static_agent_prompt_fires(text: str) -> None:
    [finding] = _only(agent_workflow(defined_agent(text)), "agent_static_prompt")
    assert finding.fixable and finding.path.endswith(".parameters.text")


@pytest.mark.parametrize("node", ["agent", "chain"])
def test_prompt_switched_to_an_expression_is_not_static(node: str) -> None:
    # n8n's SDK takes '=' as the author's choice (an agent told to fetch its data with tools)
    text = "=Summarise this week's articles from the vector store."
    doc = agent_workflow(defined_agent(text)) if node == "agent" else chain_workflow(text)
    assert "agent_static_prompt" not in _codes(doc)
    assert not [f for f in repair_workflow(doc).fixes if f.code == "agent_static_prompt"]


def test_agent_prompt_reading_the_item_is_not_static() -> None:
    for text in ["=Summarise {{ $json.body }}", "Summarise {{ $json.body }}"]:
        assert "agent_static_prompt" not in _codes(agent_workflow(defined_agent(text)))


def test_item_read_in_the_system_message_or_an_image_message_is_not_static() -> None:
    reads = defined_agent("Answer in one line.", system="=The customer is {{ $json.name }}.")
    assert "agent_static_prompt" not in _codes(agent_workflow(reads))
    chain = chain_workflow("Describe the image.")
    assert "agent_static_prompt" in _codes(chain)
    chain["nodes"][1]["parameters"]["messages"] = {
        "messageValues": [{"type": "HumanMessagePromptTemplate", "messageType": "imageBinary"}]
    }
    assert "agent_static_prompt" not in _codes(chain)


def test_default_chat_prompt_is_fine_with_a_chat_trigger_only() -> None:
    params = {"options": {"systemMessage": SYSTEM}}
    assert "agent_static_prompt" not in _codes(agent_workflow(params, chat=True))
    [finding] = _only(agent_workflow(params, chat=False), "agent_static_prompt")
    assert "Chat Trigger" in finding.message


@pytest.mark.parametrize("text", ["={{ $json.chatInput }}", "=Reply to: {{ $json.chatInput }}"])
def test_defined_prompt_reading_chat_input_needs_a_chat_trigger(text: str) -> None:
    # after a Telegram / webhook trigger there is no chatInput: the prompt comes out empty
    [finding] = _only(agent_workflow(defined_agent(text)), "agent_static_prompt")
    assert "Chat Trigger" in finding.message and finding.path.endswith(".parameters.text")
    assert "agent_static_prompt" not in _codes(agent_workflow(defined_agent(text), chat=True))
    fed = agent_workflow(defined_agent(text))  # a Set node that writes chatInput feeds it
    fed["nodes"].append(
        {
            **fed["nodes"][0],
            "id": "id-set",
            "name": "Set",
            "type": BASE + "set",
            "typeVersion": 3.4,
            "parameters": {
                "assignments": {
                    "assignments": [
                        {
                            "id": "a",
                            "name": "chatInput",
                            "value": "={{ $json.text }}",
                            "type": "string",
                        }
                    ]
                },
                "options": {},
            },
        }
    )
    assert "agent_static_prompt" not in _codes(fed)
    text_only = agent_workflow(defined_agent("Answer $json.chatInput, please."))
    # outside {{ }} it is only text: the fixed-prompt finding, not this one
    [finding] = _only(text_only, "agent_static_prompt")
    assert "fixed text" in finding.message


def test_repair_points_a_defined_chat_input_prompt_at_the_item() -> None:
    doc = agent_workflow(defined_agent("=Reply to: {{ $json.chatInput }}"))
    result = repair_workflow(doc)
    [fix] = [f for f in result.fixes if f.code == "agent_static_prompt"]
    text = result.workflow["nodes"][1]["parameters"]["text"]
    assert text == "=Reply to: {{ JSON.stringify($json) }}" and fix.after["text"] == text
    assert "agent_static_prompt" not in _codes(result.workflow)
    assert repair_workflow(result.workflow).fixes == []


def test_chain_static_prompt_from_version_1_4() -> None:
    assert "agent_static_prompt" in _codes(chain_workflow("Write a haiku."))
    assert "agent_static_prompt" not in _codes(chain_workflow("={{ $json.topic }}"))


@pytest.mark.parametrize("chat", [True, False])
def test_repair_makes_a_static_prompt_read_the_input(chat: bool) -> None:
    doc = agent_workflow(defined_agent("Summarise the latest email."), chat=chat)
    result = repair_workflow(doc)
    [fix] = [f for f in result.fixes if f.code == "agent_static_prompt"]
    text = result.workflow["nodes"][1]["parameters"]["text"]
    assert text.startswith("=Summarise the latest email.")
    assert ("{{ $json.chatInput }}" in text) == chat
    assert fix.after == text and fix.before == "Summarise the latest email."
    assert "agent_static_prompt" not in _codes(result.workflow)
    assert repair_workflow(result.workflow).fixes == []


def test_repair_points_a_chat_input_agent_without_chat_trigger_at_the_item() -> None:
    doc = agent_workflow({"options": {"systemMessage": SYSTEM}})
    repaired = repair_workflow(doc).workflow
    params = repaired["nodes"][1]["parameters"]
    assert params["promptType"] == "define" and "{{" in params["text"]
    assert "agent_static_prompt" not in _codes(repaired)


def test_repair_leaves_braces_in_static_text_alone() -> None:
    doc = agent_workflow(defined_agent("Return JSON like {{ a: 1 }} please"))
    # '{{' without '$' is neither an expression nor safe to prefix with '='
    assert "agent_static_prompt" not in _codes(doc)
    assert not [f for f in repair_workflow(doc).fixes if f.code == "agent_static_prompt"]


# ---------------------------------------------------------------------------- tools, $fromAI
def test_tool_without_parameters() -> None:
    [finding] = _only(tool_workflow(LC + "toolThink", {}), "tool_no_parameters")
    assert finding.node == "Tool"
    assert not _only(
        tool_workflow(LC + "toolThink", {"description": "Reason"}), "tool_no_parameters"
    )


def test_configured_tool_without_description() -> None:
    code = {"language": "javaScript", "jsCode": "return 'ok';"}
    [finding] = _only(tool_workflow(LC + "toolCode", code, 1.3), "tool_no_description")
    assert finding.path.endswith(".parameters.description")
    described = {**code, "description": "Returns ok; call it to check the tool works."}
    assert not _only(tool_workflow(LC + "toolCode", described, 1.3), "tool_no_description")
    manual = {"descriptionType": "manual", "toolDescription": "", "operation": "getAll"}
    [finding] = _only(tool_workflow(BASE + "gmailTool", manual, 2.1), "tool_no_description")
    assert finding.path.endswith(".toolDescription")
    auto = {**manual, "descriptionType": "auto"}  # n8n writes the description itself
    assert not _only(tool_workflow(BASE + "gmailTool", auto, 2.1), "tool_no_description")


@pytest.mark.parametrize("tool", [LC + "toolCalculator", LC + "toolWikipedia"])
def test_tools_that_need_nothing_are_not_flagged(tool: str) -> None:
    assert not _only(tool_workflow(tool, {}), "tool_no_parameters")


def test_from_ai_outside_a_tool() -> None:
    doc = http_workflow({"url": "={{ $fromAI('url', 'the page to fetch') }}"})
    [finding] = _only(doc, "from_ai_outside_tool")
    assert finding.node == "Call API"
    tool = tool_workflow(
        BASE + "httpRequestTool",
        {"url": "={{ $fromAI('url') }}", "toolDescription": "Fetch a page", "options": {}},
        version=4.2,
    )
    assert not _only(tool, "from_ai_outside_tool")
    store = tool_workflow(
        LC + "vectorStoreInMemory",
        {
            "mode": "retrieve-as-tool",
            "toolName": "kb",
            "toolDescription": "Docs",
            "memoryKey": "={{ $fromAI('key') }}",
        },
        version=1.1,
    )
    assert not _only(store, "from_ai_outside_tool")  # a tool by its wiring, not its type name


# ---------------------------------------------------------------------------- Merge
def test_merge_with_one_input() -> None:
    [finding] = _only(merge_workflow(both_inputs=False), "merge_single_input")
    assert finding.node == "Merge" and "1 of its inputs" in finding.message
    assert not _only(merge_workflow(both_inputs=True), "merge_single_input")
