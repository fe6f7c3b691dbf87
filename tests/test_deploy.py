"""Deploying to a real n8n 2.41.1 on loopback (started by ../shared/tools/real-n8n/start)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid

import pytest
from n8n_support import (
    Cleanup,
    RealN8n,
    form_is_live,
    form_noop,
    n8n,
    real_n8n,
    schedule_code_noop,
    schedule_slack,
)

from service.n8n import errors
from service.n8n.client import N8nClient
from service.n8n.deploy import deploy_workflow

__all__ = ["n8n", "real_n8n"]  # fixtures used by name


def test_create_sends_only_what_n8n_accepts_and_says_what_was_dropped(n8n: Cleanup) -> None:
    wf = schedule_code_noop("cleaned on create")
    stamp = "2024-01-01T00:00:00.000Z"
    wf.update(id="abc123", active=True, tags=[{"name": "x"}], versionId="v1", meta={"a": 1},
              createdAt=stamp, updatedAt=stamp)  # fmt: skip
    wf["settings"].update(saveManualExecutions=True, someOldSetting=1, anotherOne="x")
    wf["nodes"][1]["extendsCredential"] = "x"
    report = deploy_workflow(n8n.client, wf)
    n8n.workflows.add(report.workflow_id)
    assert report.action == "created" and report.n8n_version == "2.41.1"
    assert "OpenAPI" in report.accepted_keys_from
    dropped = "\n".join(report.dropped)
    for key in ("id:", "active:", "tags:", "versionId:", "meta:", "createdAt:", "updatedAt:"):
        assert key in dropped
    assert "settings.someOldSetting" in dropped and "settings.anotherOne" in dropped
    assert "nodes[Code].extendsCredential" in dropped
    stored = n8n.client.get_workflow(report.workflow_id)
    assert stored["settings"]["saveManualExecutions"] is True
    assert "someOldSetting" not in stored["settings"]
    assert [n["name"] for n in stored["nodes"]] == [n["name"] for n in wf["nodes"]]


def test_the_uncleaned_workflow_is_what_n8n_refuses(n8n: Cleanup) -> None:
    wf = schedule_code_noop("raw")
    wf["settings"]["someOldSetting"] = 1
    with pytest.raises(errors.Rejected) as exc:
        n8n.client.create_workflow(wf)
    assert exc.value.status_code == 400 and exc.value.field == "settings"
    assert "someOldSetting" in exc.value.message


def test_n8n_400_is_quoted_with_the_field(n8n: Cleanup) -> None:
    wf = schedule_code_noop("bad setting value")
    wf["settings"]["saveDataErrorExecution"] = "sometimes"
    with pytest.raises(errors.Rejected) as exc:
        deploy_workflow(n8n.client, wf)
    assert exc.value.field == "settings.saveDataErrorExecution"
    assert "n8n refused the request (400) (field settings.saveDataErrorExecution)" in str(exc.value)


def _cli(real_n8n: RealN8n, data_dir, *args: str, stdin: str | None = None, **env: str):
    full = {**os.environ, "N8N_URL": real_n8n.url, "N8N_API_KEY": real_n8n.api_key,
            "NODEPILOT_DATA_DIR": str(data_dir), **env}  # fmt: skip
    return subprocess.run(
        [sys.executable, "-m", "nodepilot.cli", "deploy", *args],
        input=stdin, capture_output=True, text=True, env=full, timeout=120,
    )  # fmt: skip


def test_cli_deploying_twice_updates_one_workflow(
    real_n8n: RealN8n, n8n: Cleanup, tmp_path
) -> None:
    name = f"deploy twice {os.getpid()}"
    path = tmp_path / "wf.json"
    path.write_text(json.dumps(schedule_code_noop(name)))
    first = _cli(real_n8n, tmp_path / "data", str(path), "--format", "json")
    assert first.returncode == 0, first.stderr
    one = json.loads(first.stdout)
    n8n.workflows.add(one["workflow_id"])
    second = _cli(real_n8n, tmp_path / "data", "-", stdin=path.read_text())
    assert second.returncode == 0, second.stderr
    assert second.stdout.startswith(f'updated workflow "{name}" (id {one["workflow_id"]})')
    same_name = [w for w in n8n.client.list_all("/workflows") if w["name"] == name]
    assert [w["id"] for w in same_name] == [one["workflow_id"]]


def test_update_targets_an_existing_workflow_and_a_missing_one_is_clear(n8n: Cleanup) -> None:
    first = deploy_workflow(n8n.client, schedule_code_noop("to update"))
    n8n.workflows.add(first.workflow_id)
    again = deploy_workflow(
        n8n.client, schedule_code_noop("updated name"), update_id=first.workflow_id
    )
    assert again.action == "updated" and again.workflow_id == first.workflow_id
    assert n8n.client.get_workflow(first.workflow_id)["name"] == "updated name"
    with pytest.raises(errors.NotFound, match="no workflow nosuchid123 to update"):
        deploy_workflow(n8n.client, schedule_code_noop(), update_id="nosuchid123")


def test_remembered_workflow_deleted_in_n8n_is_created_anew(n8n: Cleanup) -> None:
    first = deploy_workflow(n8n.client, schedule_code_noop("gone"))
    n8n.client.delete_workflow(first.workflow_id)
    again = deploy_workflow(n8n.client, schedule_code_noop("gone"), remembered_id=first.workflow_id)
    n8n.workflows.add(again.workflow_id)
    assert again.action == "created" and again.workflow_id != first.workflow_id
    assert any("is gone from n8n" in w for w in again.warnings)


def test_activate_schedule_code_noop_is_active_in_n8n(n8n: Cleanup) -> None:
    report = deploy_workflow(n8n.client, schedule_code_noop("activate me"), activate=True)
    n8n.workflows.add(report.workflow_id)
    assert report.activation == {"requested": True, "status": "active", "message": None}
    assert report.ok and not report.credentials_missing
    assert n8n.client.get_workflow(report.workflow_id)["active"] is True


def test_needing_credentials_gives_a_per_node_report_and_no_activation(n8n: Cleanup) -> None:
    # a placeholder reference, as the offline generator writes one: n8n would publish with it
    wf = schedule_slack("needs slack")
    wf["nodes"][1]["credentials"] = {"slackApi": {"id": "REPLACE_SLACKAPI_ID", "name": "Slack"}}
    wf["nodes"][1]["parameters"]["channelId"]["value"] = "REPLACE_WITH_CHANNEL_ID"
    report = deploy_workflow(n8n.client, wf, activate=True)
    n8n.workflows.add(report.workflow_id)
    assert report.placeholders == [
        {
            "node": "Post to Slack",
            "parameter": "channelId.value",
            "value": "REPLACE_WITH_CHANNEL_ID",
        }
    ]
    assert "to do: Post to Slack: set channelId.value" in report.text()
    assert report.activation["status"] == "not_attempted" and not report.ok
    [missing] = report.credentials_missing
    assert missing["node"] == "Post to Slack" and missing["reason"] == "none"
    assert missing["credential_types"] == ["slackApi", "slackOAuth2Api"]
    assert missing["message"].startswith(
        "Post to Slack: needs a slackApi/slackOAuth2Api credential"
    )
    assert any("REPLACE_SLACKAPI_ID" in d for d in report.dropped)
    stored = n8n.client.get_workflow(report.workflow_id)
    assert stored["active"] is False and "credentials" not in stored["nodes"][1]


def test_credential_created_first_is_attached_and_the_workflow_activated(n8n: Cleanup) -> None:
    cred = n8n.credential("slackApi", {"accessToken": "xoxb-not-a-real-token"})
    report = deploy_workflow(n8n.client, schedule_slack("slack attached"), activate=True)
    n8n.workflows.add(report.workflow_id)
    assert report.credentials_attached == [{
        "node": "Post to Slack", "credential_type": "slackApi", "credential_id": cred["id"],
        "credential_name": cred["name"], "how": "attached",
    }]  # fmt: skip
    assert report.activation["status"] == "active"
    stored = n8n.client.get_workflow(report.workflow_id)
    assert stored["active"] is True
    assert stored["nodes"][1]["credentials"]["slackApi"]["id"] == cred["id"]


def test_two_fitting_credentials_are_left_to_the_user(n8n: Cleanup) -> None:
    a = n8n.credential("slackApi", {"accessToken": "xoxb-a"})
    b = n8n.credential("slackApi", {"accessToken": "xoxb-b"})
    report = deploy_workflow(n8n.client, schedule_slack("slack ambiguous"), activate=True)
    n8n.workflows.add(report.workflow_id)
    [missing] = report.credentials_missing
    assert missing["reason"] == "ambiguous"
    assert {c["id"] for c in missing["candidates"]} == {a["id"], b["id"]}
    assert report.activation["status"] == "not_attempted"


def test_failed_publish_is_reported_in_n8n_words(n8n: Cleanup) -> None:
    wf = schedule_code_noop("no trigger")
    wf["nodes"] = wf["nodes"][1:]
    wf["connections"] = {"Code": wf["connections"]["Code"]}
    report = deploy_workflow(n8n.client, wf, activate=True)
    n8n.workflows.add(report.workflow_id)
    assert report.activation["status"] == "failed"
    assert "has no trigger node" in report.activation["message"]


def test_trigger_that_cannot_register_is_reported_in_n8n_words(n8n: Cleanup) -> None:
    hook = str(uuid.uuid4())
    first = deploy_workflow(n8n.client, form_noop("form one", hook), activate=True)
    n8n.workflows.add(first.workflow_id)
    assert first.activation["status"] == "active"
    assert form_is_live(n8n.client.base_url, hook)
    second = deploy_workflow(n8n.client, form_noop("form two", hook), activate=True)
    n8n.workflows.add(second.workflow_id)
    assert second.activation == {
        "requested": True,
        "status": "failed",
        "message": "n8n: There is a conflict with one of the webhooks.",
    }
    assert n8n.client.get_workflow(second.workflow_id)["active"] is False


def test_redeploying_a_live_workflow_publishes_only_when_asked(n8n: Cleanup) -> None:
    live = deploy_workflow(n8n.client, schedule_code_noop("live"), activate=True)
    n8n.workflows.add(live.workflow_id)
    published = n8n.client.get_workflow(live.workflow_id)["activeVersionId"]
    changed = schedule_code_noop("live")
    changed["nodes"][1]["parameters"]["jsCode"] = "return [{ json: { v: 2 } }];"
    saved = deploy_workflow(n8n.client, changed, remembered_id=live.workflow_id)
    assert (
        saved.activation["status"] == "active" and "published before" in saved.activation["message"]
    )
    after_save = n8n.client.get_workflow(live.workflow_id)
    assert after_save["activeVersionId"] == published != after_save["versionId"]
    again = deploy_workflow(n8n.client, changed, remembered_id=live.workflow_id, activate=True)
    assert again.activation["status"] == "active"
    after_publish = n8n.client.get_workflow(live.workflow_id)
    assert after_publish["activeVersionId"] == after_publish["versionId"] != published


def test_project_transfer_failure_is_a_warning_in_n8n_words(n8n: Cleanup) -> None:
    first = deploy_workflow(n8n.client, schedule_code_noop("project"))
    n8n.workflows.add(first.workflow_id)
    own = n8n.client.get_workflow(first.workflow_id)["shared"][0]["projectId"]
    moved = deploy_workflow(n8n.client, schedule_code_noop("project 2"), project_id=own)
    n8n.workflows.add(moved.workflow_id)
    assert moved.action == "created" and moved.warnings == [
        f"not moved to project {own}: n8n refused the request (400): You can't transfer a "
        "workflow into the same destination it already belongs to."
    ]


def test_node_version_newer_than_n8n_knows_is_a_warning_not_a_rewrite(n8n: Cleanup) -> None:
    wf = schedule_code_noop("future node")
    wf["nodes"][2]["typeVersion"] = 7
    report = deploy_workflow(n8n.client, wf)
    n8n.workflows.add(report.workflow_id)
    assert report.warnings == [
        "No Operation: n8n-nodes-base.noOp typeVersion 7 is newer than n8n 2.41 knows (highest 1)"
    ]
    assert n8n.client.get_workflow(report.workflow_id)["nodes"][2]["typeVersion"] == 7


def test_wrong_key_is_a_clear_error_without_the_key(real_n8n: RealN8n) -> None:
    key = "wrong-key-0123456789-abcdef"
    with N8nClient(real_n8n.url, key, allow_private=True) as client:
        with pytest.raises(errors.WrongKey) as exc:
            deploy_workflow(client, schedule_code_noop())
    assert "rejected the API key (401)" in str(exc.value) and key not in str(exc.value)


def test_missing_api_path_is_a_clear_error(real_n8n: RealN8n) -> None:
    with N8nClient(real_n8n.url + "/not-n8n", real_n8n.api_key, allow_private=True) as client:
        with pytest.raises(errors.ApiMissing, match="is not n8n's public API"):
            deploy_workflow(client, schedule_code_noop())


def test_cli_errors_are_one_line_with_exit_codes(real_n8n: RealN8n, tmp_path) -> None:
    path = tmp_path / "wf.json"
    path.write_text(json.dumps(schedule_code_noop()))
    bad = _cli(real_n8n, tmp_path, str(path), N8N_API_KEY="nope-nope-nope-nope")
    assert bad.returncode == 1 and bad.stderr.startswith("error: n8n at ")
    assert "nope-nope" not in bad.stderr + bad.stdout and "Traceback" not in bad.stderr
    meta = _cli(real_n8n, tmp_path, str(path), "--n8n-url", "http://169.254.169.254")
    assert meta.returncode == 2 and "cloud metadata" in meta.stderr
    path.write_text("[1, 2]")
    assert _cli(real_n8n, tmp_path, str(path)).returncode == 2
