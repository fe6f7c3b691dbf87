"""The deploy's pure parts (no n8n): cleaning, credential needs, version warnings, the CLI's
memory of deployments, and reading the writable keys from an OpenAPI document."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from n8n_support import schedule_code_noop, schedule_slack

from service.n8n.credentials import attach_credentials, credential_needs
from service.n8n.memory import generation_key, recall, remember
from service.n8n.versions import version_warnings
from service.n8n.writable import BUILTIN_SCHEMA, clean_workflow, schema_from_openapi

_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=10,
)


@given(st.dictionaries(st.text(max_size=12), _json, max_size=8), st.lists(_json, max_size=4))
def test_cleaning_any_object_leaves_only_accepted_keys(top: dict, nodes: list) -> None:
    workflow = {**top, "nodes": nodes}
    body, dropped = clean_workflow(workflow, BUILTIN_SCHEMA)
    assert set(body) <= BUILTIN_SCHEMA.workflow_fields
    assert {"name", "nodes", "connections", "settings"} <= set(body)
    assert set(body["settings"]) <= BUILTIN_SCHEMA.settings_keys
    assert all(set(n) <= BUILTIN_SCHEMA.node_keys for n in body["nodes"])
    gone = {k for k in workflow if k not in BUILTIN_SCHEMA.workflow_fields}
    assert all(any(line.startswith(f"{k}:") for line in dropped) for k in gone)


def test_cleaning_does_not_touch_the_input() -> None:
    wf = schedule_code_noop()
    wf["settings"]["unknown"] = 1
    before = repr(wf)
    clean_workflow(wf, BUILTIN_SCHEMA)
    assert repr(wf) == before


def test_openapi_without_the_schemas_falls_back_to_the_builtin_set() -> None:
    assert schema_from_openapi(None) is BUILTIN_SCHEMA
    assert schema_from_openapi({"components": {"schemas": {}}}) is BUILTIN_SCHEMA


def test_read_only_properties_and_refs_are_followed() -> None:
    schemas = {
        "workflow": {"properties": {p: {} for p in ("name", "nodes", "connections", "staticData")}
                     | {"settings": {"$ref": "#/components/schemas/workflowSettings"},
                        "id": {"readOnly": True}}},
        "workflowSettings": {"properties": {"timezone": {}}},
        "node": {"properties": {"name": {}, "createdAt": {"readOnly": True}}},
    }  # fmt: skip
    paths = {"/workflows/{workflowId}": {"put": {"parameters": [{"in": "query", "name": "x"}]}}}
    got = schema_from_openapi({"components": {"schemas": schemas}, "paths": paths})
    assert got.workflow_fields == {"name", "nodes", "connections", "settings", "staticData"}
    assert got.settings_keys == {"timezone"} and got.node_keys == {"name"}
    assert got.update_params == {"x"}


def test_credential_needs_follow_the_authentication_choice() -> None:
    wf = schedule_slack()
    [need] = credential_needs(wf)
    assert (need.node, need.credential_type, need.alternatives) == (
        "Post to Slack", "slackApi", ("slackOAuth2Api",),
    )  # fmt: skip
    wf["nodes"][1]["parameters"]["authentication"] = "oAuth2"
    assert [n.credential_type for n in credential_needs(wf)] == ["slackOAuth2Api"]
    wf["nodes"][1]["disabled"] = True
    assert credential_needs(wf) == []


def test_http_request_needs_the_credential_its_parameters_name() -> None:
    wf = schedule_code_noop()
    wf["nodes"][1] = {
        "name": "Call", "type": "n8n-nodes-base.httpRequest", "typeVersion": 4.2,
        "position": [0, 0],
        "parameters": {"url": "https://x.example", "authentication": "predefinedCredentialType",
                       "nodeCredentialType": "notionApi"},
    }  # fmt: skip
    assert [(n.node, n.credential_type) for n in credential_needs(wf)] == [("Call", "notionApi")]


def test_without_a_credential_list_nothing_counts_as_present() -> None:
    wf = schedule_slack()
    wf["nodes"][1]["credentials"] = {"slackApi": {"id": "7", "name": "mine"}}
    plan = attach_credentials(wf, credential_needs(wf), None)
    assert [m["reason"] for m in plan.missing] == ["unverified"]
    assert wf["nodes"][1]["credentials"] == {"slackApi": {"id": "7", "name": "mine"}}


def test_version_warnings() -> None:
    wf = schedule_code_noop()
    assert version_warnings(wf, "2.41.1") == []
    assert version_warnings(wf, None) == [
        "could not read this n8n's version; node versions were checked against n8n 2.41 only"
    ]
    older = version_warnings(wf, "1.90.0")
    assert len(older) == 1 and "this n8n is 1.90.0, older than n8n 2.41" in older[0]
    assert "Schedule Trigger (v1.3)" not in older[0]  # only nodes at their newest version
    wf["nodes"][2]["type"] = "n8n-nodes-community.thing"
    assert "not in n8n 2.41's catalog" in version_warnings(wf, "2.41.1")[0]


def test_memory_recalls_per_instance_and_generation(tmp_path) -> None:
    wf = schedule_code_noop()
    key = generation_key(wf)
    assert generation_key(dict(wf, settings={"x": 1})) == key  # the same generation
    assert generation_key(schedule_code_noop()) != key  # fresh node ids: another one
    remember(tmp_path, "http://a", key, "w1")
    assert recall(tmp_path, "http://a", key) == "w1"
    assert recall(tmp_path, "http://b", key) is None
    (tmp_path / "n8n-deployments.json").write_text("{broken")
    assert recall(tmp_path, "http://a", key) is None
