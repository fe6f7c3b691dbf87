"""Create or update a workflow in the user's n8n, attach credentials, publish when safe.

The order matters: clean to what this n8n accepts (its own OpenAPI document says what), map
credentials (references to credentials the instance lacks are removed, unambiguous ones are
attached), save, and only then publish - and only when no node still lacks a credential, since
n8n answers that with a 400 (2.41's ``/publish``) or a 500 (its older ``/activate``). Everything
the user must still do in n8n ends up in the report, per node, in n8n's words where n8n spoke.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from nodepilot.errors import UserError
from service.n8n import errors
from service.n8n.client import N8nClient
from service.n8n.credentials import attach_credentials, credential_needs
from service.n8n.versions import version_warnings
from service.n8n.writable import clean_workflow, schema_from_openapi


@dataclass(slots=True)
class DeployReport:
    """What happened, for the CLI's text/JSON output and the service's answer."""

    base_url: str
    workflow_id: str
    action: str  # created | updated
    name: str
    editor_url: str
    n8n_version: str | None
    accepted_keys_from: str
    dropped: list[str] = field(default_factory=list)
    credentials_attached: list[dict[str, Any]] = field(default_factory=list)
    credentials_missing: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    placeholders: list[dict[str, str]] = field(default_factory=list)
    activation: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def ok(self) -> bool:
        """Saved, and published when publishing was asked for."""
        return not self.activation.get("requested") or self.activation.get("status") == "active"

    def text(self) -> str:
        """A few plain lines: what was done, what was dropped, what is left to do in n8n."""
        version = f"n8n {self.n8n_version}" if self.n8n_version else "n8n"
        lines = [
            f'{self.action} workflow "{self.name}" (id {self.workflow_id}) in {version}: '
            f"{self.editor_url}"
        ]
        lines += [f"dropped: {d}" for d in self.dropped]
        lines += [
            f"credential: {a['node']} uses {a['credential_type']} "
            f'"{a["credential_name"]}" ({a["how"]})'
            for a in self.credentials_attached
        ]
        lines += [f"to do: {m['message']}" for m in self.credentials_missing]
        lines += [
            f"to do: {p['node']}: set {p['parameter']} (now the placeholder {p['value']})"
            for p in self.placeholders
        ]
        lines += [f"warning: {w}" for w in self.warnings]
        act = self.activation
        lines.append(
            f"activation: {act.get('status')}"
            + (f" - {act['message']}" if act.get("message") else "")
        )
        return "\n".join(lines)


def deploy_workflow(
    client: N8nClient,
    workflow: Any,
    *,
    activate: bool = False,
    update_id: str | None = None,
    remembered_id: str | None = None,
    project_id: str | None = None,
) -> DeployReport:
    """Send ``workflow`` to the instance behind ``client``.

    ``update_id`` targets an existing n8n workflow (an error when it does not exist);
    ``remembered_id`` is the one an earlier deploy of the same generation created (a new workflow
    is created when it has been deleted since).
    """
    if not isinstance(workflow, dict) or not isinstance(workflow.get("nodes"), list):
        raise UserError('not an n8n workflow: expected a JSON object with a "nodes" list')
    client.check()  # URL, API and key first: one clear error before anything else
    version = client.version()
    schema = schema_from_openapi(client.openapi())
    body, dropped = clean_workflow(workflow, schema)
    warnings = version_warnings(body, version)
    try:
        available: list[dict[str, Any]] | None = client.list_credentials()
    except errors.Forbidden as exc:
        available = None
        warnings.append(f"cannot list this n8n's credentials ({exc.message})")
    plan = attach_credentials(body, credential_needs(body), available)
    dropped += plan.removed
    # publishing is our own explicit step: an update must not re-publish a live workflow behind
    # the report's back (n8n 2.41 does unless told not to)
    params = {"publishIfActive": "false"} if "publishIfActive" in schema.update_params else None
    saved, action = _save(client, body, update_id or remembered_id, bool(update_id), params)
    if remembered_id and not update_id and action == "created":
        warnings.append(
            f"the workflow deployed before ({remembered_id}) is gone from n8n; created anew"
        )
    wid = str(saved.get("id"))
    if project_id and action == "created":
        try:
            client.transfer_workflow(wid, project_id)
        except errors.N8nError as exc:
            warnings.append(f"not moved to project {project_id}: {exc.message}")
    report = DeployReport(
        base_url=client.base_url,
        workflow_id=wid,
        action=action,
        name=str(saved.get("name", body["name"])),
        editor_url=f"{client.base_url}/workflow/{wid}",
        n8n_version=version,
        accepted_keys_from=schema.source,
        dropped=dropped,
        credentials_attached=plan.attached,
        credentials_missing=plan.missing,
        warnings=warnings,
        placeholders=placeholders_in(body),
    )
    report.activation = _activation(client, saved, activate, plan.missing)
    return report


def placeholders_in(body: dict[str, Any]) -> list[dict[str, str]]:
    """Parameter values the generator left for the user (``REPLACE_WITH_...``): n8n publishes
    such a workflow, and it fails when it runs, so each is a to-do in the report."""
    found: list[dict[str, str]] = []

    def walk(node: str, path: str, value: Any) -> None:
        if isinstance(value, str):
            match = _PLACEHOLDER.search(value)
            if match:
                found.append({"node": node, "parameter": path, "value": match.group(0)})
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(node, f"{path}.{key}" if path else str(key), item)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(node, f"{path}[{i}]", item)

    for node in body.get("nodes") or []:
        walk(str(node.get("name")), "", node.get("parameters"))
    return found


_PLACEHOLDER = re.compile(r"REPLACE_WITH_[A-Z0-9_]+")


def _save(
    client: N8nClient,
    body: dict[str, Any],
    target: str | None,
    must_exist: bool,
    params: dict[str, str] | None,
) -> tuple[dict[str, Any], str]:
    """Update ``target`` (create when it is gone, unless the user named it), else create."""
    if target:
        try:
            return client.update_workflow(target, body, params), "updated"
        except errors.NotFound as exc:
            if must_exist:
                raise errors.NotFound(
                    f"no workflow {target} to update in this n8n ({exc.message})",
                    hint="leave out --update to create a new one",
                ) from None
    return client.create_workflow(body), "created"


def _activation(
    client: N8nClient, saved: dict[str, Any], activate: bool, missing: list[dict[str, Any]]
) -> dict[str, Any]:
    was_active = bool(saved.get("active"))
    if not activate:
        note = (
            "n8n keeps running the version published before; --activate publishes this one"
            if was_active
            else "not requested (deploy --activate publishes it)"
        )
        return {
            "requested": False,
            "status": "active" if was_active else "inactive",
            "message": note,
        }
    if missing:
        nodes = ", ".join(sorted({m["node"] for m in missing}))
        return {
            "requested": True,
            "status": "not_attempted",
            "message": f"{len(missing)} credential(s) missing on: {nodes}",
        }
    wid = str(saved.get("id"))
    try:
        answer = client.publish(wid)
    except errors.Rejected as exc:  # n8n's reason: a webhook conflict, no trigger, ...
        return {"requested": True, "status": "failed", "message": f"n8n: {exc.n8n_message}"}
    except errors.N8nError as exc:  # saved already: report, so the caller still records the id
        return _after_publish_error(client, wid, exc)
    if answer.get("active"):
        return {"requested": True, "status": "active", "message": None}
    return {"requested": True, "status": "failed", "message": "n8n did not report it active"}


def _after_publish_error(client: N8nClient, wid: str, exc: errors.N8nError) -> dict[str, Any]:
    """n8n 2.41 answers 500 when a trigger fails to register with its service (its public API
    does not say which: the editor and n8n's log do). Whether it went live anyway is read back."""
    try:
        live = bool(client.get_workflow(wid).get("active"))
    except errors.N8nError:
        live = False
    # n8n's public API hides server-side errors behind "Internal server error"
    where = "n8n's API does not say why: its editor shows which trigger failed"
    if live:
        return {
            "requested": True,
            "status": "partial",
            "message": f"published, but {exc.message} - a trigger may not have registered; {where}",
        }
    return {"requested": True, "status": "failed", "message": f"{exc.message}; {where}"}
