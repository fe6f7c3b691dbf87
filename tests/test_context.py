"""The context a generating model is given (issue 19): node schemas at the version to generate,
the spec as a correctable first reading, the budget, repair feedback naming schemas. Pinned on
our own requests; no database needed (retrieved items are made here or absent)."""

from __future__ import annotations

import json
import re

from context_support import (
    AGENT_REQUEST,
    FORM_REQUEST,
    README_REQUEST,
    SIX_TYPES_REQUEST,
    filler_items,
    local_spec,
    prompt_for,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.context import NodeChoice, count_tokens, render_schema, whole_clause
from engine.context.assemble import MESSAGE_TOKENS, schema_section
from engine.context.spec_view import clauses, step_confidence
from engine.providers.messages import build_generation_prompt
from engine.types import GenerationRequest
from eval.metrics.context import schema_blocks
from indexing.catalog.load import load_catalog
from indexing.catalog.params import display_under

RL = '{"__rl": true, "mode": "list" | "id" | "name" | "url", "value": "…"}'


def _block(text: str, node_type: str) -> str:
    """The schema block of ``node_type`` in ``text`` (up to the next heading)."""
    start = text.index(f"`{node_type}` typeVersion")
    start = text.rindex("\n## ", 0, start) + 1 if "\n## " in text[:start] else 0
    nxt = re.search(r"^#{1,2} ", text[start + 3 :], re.M)
    return text[start : start + 3 + nxt.start()] if nxt else text[start:]


# -- the README example -------------------------------------------------------------------------
def test_readme_example_shows_versions_and_slack_parameters_with_their_shapes() -> None:
    context = prompt_for(README_REQUEST).context
    assert context.index("# Node schemas") < context.index("# Reference material")
    for node_type, version in (
        ("n8n-nodes-base.scheduleTrigger", "1.4"),
        ("n8n-nodes-base.stripe", "1"),
        ("n8n-nodes-base.googleSheets", "4.7"),
        ("n8n-nodes-base.slack", "2.7"),
    ):
        assert f"`{node_type}` typeVersion {version}\n" in context
    slack = _block(context, "n8n-nodes-base.slack")
    assert 'use: `resource` = "message", `operation` = "post"' in slack
    assert '- `select` options, required: "channel" | "user"' in slack
    assert f"- `channelId` resourceLocator, required: {RL} (when select=channel)" in slack
    assert "- `text` string, required (when messageType=text|block)" in slack
    assert "slackApi (authentication=accessToken), slackOAuth2Api" in slack
    assert '"channelId": {"__rl": true, "mode": "list", "value": "…"}' in slack  # the example
    sheets = _block(context, "n8n-nodes-base.googleSheets")
    assert (
        "- `documentId` resourceLocator, required" in sheets
        and "`columns` resourceMapper" in sheets
    )
    # 40-odd other channelId variants (archive, kick, …) are not listed
    assert slack.count("`channelId`") == 1


def test_readme_example_spec_is_a_correctable_first_reading_with_whole_clauses() -> None:
    task = prompt_for(README_REQUEST).task
    assert "(follow it)" not in task
    assert "It can be wrong: check every line" in task
    assert "correct it where the request says otherwise" in task
    # Stripe balance/get is not what "refunds" means: left for the model, its operations listed
    assert "operation unsure (guess balance/get, confidence low)" in task
    assert 'for "Every Monday at 9am pull last week\'s Stripe refunds into a Google Sheet"' in task
    assert (
        'for "post a summary to #finance on Slack"; resource "message", operation "post" ' in task
    )
    assert "(confidence high)" in task and '"#finance"' in task
    stripe = _block(prompt_for(README_REQUEST).context, "n8n-nodes-base.stripe")
    assert "choose one" in stripe and "- charge/getAll: `returnAll`, `limit`" in stripe


def test_other_requests_render_their_operations() -> None:
    form = prompt_for(FORM_REQUEST).context
    gmail = _block(form, "n8n-nodes-base.gmail")
    assert 'use: `resource` = "message", `operation` = "send"' in gmail
    for name in ("sendTo", "subject", "message"):
        assert f"- `{name}` string, required" in gmail
    agent = prompt_for(AGENT_REQUEST).context
    assert "`@n8n/n8n-nodes-langchain.agent` typeVersion 3.1" in agent
    model = _block(agent, "@n8n/n8n-nodes-langchain.lmChatOpenAi")
    assert "- `model` resourceLocator" in model and "openAiApi" in model
    assert "`@n8n/n8n-nodes-langchain.vectorStorePinecone` typeVersion" in agent


def test_filter_and_assignment_values_get_their_shape() -> None:
    if_block = render_schema(NodeChoice("n8n-nodes-base.if"))
    assert '- `conditions` filter: {"conditions": [{"leftValue"' in if_block
    assert '"operator": {"type":' in if_block
    set_block = render_schema(NodeChoice("n8n-nodes-base.set"))
    assert '`assignments` assignmentCollection: {"assignments": [{"id"' in set_block


# -- the budget -----------------------------------------------------------------------------------
def test_six_node_types_stay_within_the_message_budget_schema_first() -> None:
    spec = local_spec(SIX_TYPES_REQUEST)
    section = schema_section(spec, ())
    assert len(section.full) >= 6
    prompt = prompt_for(SIX_TYPES_REQUEST, filler_items(40))
    tokens = count_tokens(prompt.context) + count_tokens(prompt.task)
    assert 5000 < tokens <= MESSAGE_TOKENS  # the fillers were cut, not the schemas
    assert prompt.context.index("# Node schemas") < prompt.context.index("# Reference material")
    assert "more items left out for length" in prompt.context
    for node_type in section.full:
        assert f"`{node_type}` typeVersion" in prompt.context


def test_context_is_the_same_in_every_feedback_round() -> None:
    """The cached part must not move between rounds, or the cache is never read."""
    spec = local_spec(README_REQUEST)
    first = build_generation_prompt(GenerationRequest(request=README_REQUEST, spec=spec))
    failed = {"nodes": [{"name": "Post", "type": "n8n-nodes-base.slack", "parameters": {}}]}
    finding = {"code": "missing_parameter", "severity": "error", "node": "Post", "message": "x"}
    again = build_generation_prompt(
        GenerationRequest(
            request=README_REQUEST,
            spec=spec,
            feedback=(finding,),
            failed_workflow=failed,
            attempt=1,
        )
    )
    assert again.context == first.context and again.system == first.system
    assert again.task != first.task


# -- repair feedback ------------------------------------------------------------------------------
def test_repair_feedback_names_the_schema_of_the_offending_node() -> None:
    failed = {
        "nodes": [
            {"name": "Start", "type": "n8n-nodes-base.manualTrigger", "parameters": {}},
            {
                "name": "Tell finance",
                "type": "n8n-nodes-base.slack",
                "typeVersion": 2.7,
                "parameters": {"resource": "message", "operation": "post", "channel": "#finance"},
            },
            {"name": "Mystery", "type": "n8n-nodes-base.slak", "parameters": {}},
        ]
    }
    findings = (
        {
            "code": "unknown_parameter",
            "severity": "error",
            "node": "Tell finance",
            "message": "parameter 'channel' is not defined for this operation",
        },
        {"code": "unknown_node_type", "severity": "error", "node": "Mystery", "message": "?"},
    )
    task = build_generation_prompt(
        GenerationRequest(request=README_REQUEST, feedback=findings, failed_workflow=failed)
    ).task
    assert "unknown_parameter at Tell finance" in task
    tail = task[task.index("Schemas of the nodes named:") :]
    assert 'Node "Tell finance":\n## Slack `n8n-nodes-base.slack` typeVersion 2.7' in tail
    assert f"- `channelId` resourceLocator, required: {RL}" in tail
    assert "`n8n-nodes-base.slak` is not a node type n8n 2.41 knows" in tail
    assert "n8n-nodes-base.slack" in tail[tail.index("Mystery") :]  # the closest known type
    assert "Start" not in tail  # no finding names it


# -- pieces ---------------------------------------------------------------------------------------
def test_display_under_resolves_operation_rules_and_keeps_other_conditions() -> None:
    nv = load_catalog().get("n8n-nodes-base.slack", 2.7)
    assert nv is not None
    variants = [p for p in nv.properties if p.name == "channelId"]
    fixed = {"resource": "message", "operation": "post"}
    shown = [display_under(p, fixed, 2.7, nv.type_name) for p in variants]
    assert [conds for ok, conds in shown if ok] == [{"select": ["channel"]}]
    archive = {"resource": "channel", "operation": "archive"}
    assert sum(display_under(p, archive, 2.7)[0] for p in variants) == 1
    gate = {"displayOptions": {"show": {"@version": [{"_cnd": {"gte": 2}}]}}}
    assert display_under(gate, {}, 2.7) == (True, {})
    assert display_under(gate, {}, 1) == (False, {})
    hide = {"displayOptions": {"hide": {"operation": ["post"]}, "show": {"mode": ["x"]}}}
    assert display_under(hide, fixed, 1) == (False, {})
    assert display_under(hide, {"operation": "get"}, 1) == (True, {"mode": ["x"]})


def test_step_confidence_reads_the_clause() -> None:
    spec = local_spec(README_REQUEST)
    stripe, sheets, slack = spec.steps
    assert step_confidence(stripe, "pull last week's Stripe refunds") == "low"
    assert step_confidence(slack, "post a summary to #finance on Slack") == "high"
    assert step_confidence(sheets, "into a Google Sheet") == "medium"


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.text(alphabet="abcdefgh ", min_size=1, max_size=12).filter(str.strip),
        min_size=1,
        max_size=5,
    ),
    st.sampled_from([", then ", ". ", " and post ", "; ", " "]),
    st.data(),
)
def test_whole_clause_contains_its_piece_and_comes_from_the_request(
    parts: list[str], joiner: str, data: st.DataObject
) -> None:
    request = joiner.join(parts)
    flat = " ".join(request.split())
    a = data.draw(st.integers(0, max(0, len(flat) - 1)))
    b = data.draw(st.integers(a, len(flat)))
    piece = flat[a:b]
    clause = whole_clause(request, piece)
    if not piece.strip(" ,"):
        return
    assert clause in flat and clause.strip()
    inside = [(s, e) for s, e in clauses(flat) if s <= a and b <= e]
    # a piece of one clause (found there first, as request pieces are): that whole clause
    if inside and piece == piece.strip() and flat.find(piece) == a:
        s, e = inside[0]
        assert clause == flat[s:e].strip(" ,")
        assert piece.strip(" ,") in clause


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                NodeChoice("n8n-nodes-base.slack", "message", "post"),
                NodeChoice("n8n-nodes-base.googleSheets", "sheet", "append"),
                NodeChoice("n8n-nodes-base.scheduleTrigger"),
                NodeChoice("n8n-nodes-base.httpRequest"),
                NodeChoice("@n8n/n8n-nodes-langchain.agent"),
                NodeChoice("n8n-nodes-base.gmail", "message", "send"),
            ]
        ),
        min_size=1,
        max_size=6,
    )
)
def test_the_metric_reads_back_every_rendered_block(choices: list[NodeChoice]) -> None:
    text = "# Node schemas\n\n" + "\n".join(render_schema(c) for c in choices)
    text += "\n# Reference material\n\n## [1] node: Slack\n`notAParameter`\n"
    blocks = schema_blocks(text)
    cat = load_catalog()
    assert set(blocks) == {c.node_type for c in choices}
    for c in choices:
        version, names = blocks[c.node_type]
        assert float(version) == cat.default_version(c.node_type)
        assert "notAParameter" not in names
    if NodeChoice("n8n-nodes-base.slack", "message", "post") in choices:
        assert {"select", "channelId", "text"} <= blocks["n8n-nodes-base.slack"][1]


def test_rendered_example_is_valid_json() -> None:
    block = render_schema(NodeChoice("n8n-nodes-base.slack", "message", "post"))
    context = prompt_for(README_REQUEST).context
    slack = _block(context, "n8n-nodes-base.slack").splitlines()
    line = next(x for x in slack if x.startswith("example"))
    example = json.loads(line[line.index("{") :])
    assert example["select"] == "channel" and example["channelId"]["__rl"] is True
    assert block.startswith("## Slack `n8n-nodes-base.slack` typeVersion 2.7\n")


def test_a_modification_gets_the_schemas_of_the_workflow_it_changes() -> None:
    previous = {
        "nodes": [
            {"name": "Start", "type": "n8n-nodes-base.manualTrigger", "parameters": {}},
            {
                "name": "Rows",
                "type": "n8n-nodes-base.googleSheets",
                "parameters": {"resource": "sheet", "operation": "read"},
            },
            {"name": "Note", "type": "n8n-nodes-base.stickyNote", "parameters": {}},
        ]
    }
    text = "also send the rows to Microsoft Teams"
    prompt = build_generation_prompt(
        GenerationRequest(request=text, spec=local_spec(text), previous_workflow=previous)
    )
    sheets = _block(prompt.context, "n8n-nodes-base.googleSheets")
    assert 'use: `resource` = "sheet", `operation` = "read"' in sheets
    assert "`n8n-nodes-base.manualTrigger` typeVersion 1" in prompt.context
    assert "`n8n-nodes-base.microsoftTeams` typeVersion" in prompt.context
    assert "stickyNote" not in prompt.context
    assert "already has the workflow below" in prompt.task
