"""What an n8n instance's create/update endpoints accept, and cleaning a workflow down to it.

n8n's public API validates bodies strictly: read-only fields (``id``, ``active``, ``tags``,
``versionId``, ``meta``, timestamps) and unknown keys at the top level, in ``settings`` and in
node objects are answered with 400. The accepted keys differ between n8n versions, so they are
read from the instance's own OpenAPI document (``/api/v1/openapi.yml``); when it is not served,
the set observed on n8n 2.41.1 is used. Everything removed is reported, never dropped silently.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

#: top-level fields we send at most (the issue's writable set); the instance may accept fewer
SENDABLE_FIELDS = ("name", "nodes", "connections", "settings", "staticData", "pinData")
REQUIRED_FIELDS = ("name", "nodes", "connections", "settings")
DEFAULT_NAME = "NodePilot workflow"


@dataclass(frozen=True, slots=True)
class WritableSchema:
    """Keys one n8n version accepts on create/update; ``source`` says where they were learnt."""

    workflow_fields: frozenset[str]
    settings_keys: frozenset[str]
    node_keys: frozenset[str]
    source: str
    #: query parameters PUT /workflows/{id} declares (2.41: ``publishIfActive``)
    update_params: frozenset[str] = frozenset()


#: observed on n8n 2.41.1 (its /api/v1/openapi.yml), used when an instance serves no document
BUILTIN_SCHEMA = WritableSchema(
    workflow_fields=frozenset(SENDABLE_FIELDS),
    settings_keys=frozenset(
        {
            "saveExecutionProgress",
            "saveManualExecutions",
            "saveDataErrorExecution",
            "saveDataSuccessExecution",
            "executionTimeout",
            "errorWorkflow",
            "timezone",
            "executionOrder",
            "binaryMode",
            "callerPolicy",
            "callerIds",
            "timeSavedMode",
            "timeSavedPerExecution",
            "redactionPolicy",
            "availableInMCP",
            "customTelemetryTags",
            "credentialResolverId",
        }
    ),  # fmt: skip
    node_keys=frozenset(
        {
            "id",
            "name",
            "webhookId",
            "disabled",
            "notesInFlow",
            "notes",
            "type",
            "typeVersion",
            "executeOnce",
            "alwaysOutputData",
            "retryOnFail",
            "maxTries",
            "waitBetweenTries",
            "continueOnFail",
            "onError",
            "position",
            "parameters",
            "credentials",
            "customTelemetryTags",
        }
    ),  # fmt: skip
    source="built in (n8n 2.41.1)",
    update_params=frozenset({"publishIfActive"}),
)


def schema_from_openapi(doc: dict[str, Any] | None) -> WritableSchema:
    """The writable keys the instance's OpenAPI document declares (fallback: built in)."""
    schemas = ((doc or {}).get("components") or {}).get("schemas") or {}
    workflow, settings, node = (schemas.get(k) for k in ("workflow", "workflowSettings", "node"))
    if not all(
        isinstance(s, dict) and isinstance(s.get("properties"), dict)
        for s in (workflow, settings, node)
    ):
        return BUILTIN_SCHEMA
    fields = _writable(workflow, schemas) & frozenset(SENDABLE_FIELDS)
    if not set(REQUIRED_FIELDS) <= fields:
        return BUILTIN_SCHEMA
    version = ((doc or {}).get("info") or {}).get("version", "?")
    return WritableSchema(
        workflow_fields=fields,
        settings_keys=_writable(settings, schemas),
        node_keys=_writable(node, schemas),
        source=f"the instance's OpenAPI document (public API {version})",
        update_params=_query_params((doc or {}).get("paths", {}).get("/workflows/{workflowId}")),
    )


def _query_params(path_item: Any) -> frozenset[str]:
    put = path_item.get("put") if isinstance(path_item, dict) else None
    params = put.get("parameters") if isinstance(put, dict) else None
    return frozenset(
        p["name"] for p in params or [] if isinstance(p, dict) and p.get("in") == "query"
    )


def _writable(schema: dict[str, Any], schemas: dict[str, Any]) -> frozenset[str]:
    out = set()
    for name, prop in schema["properties"].items():
        target = prop
        ref = prop.get("$ref") if isinstance(prop, dict) else None
        if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
            target = schemas.get(ref.rsplit("/", 1)[-1]) or {}
        if not (isinstance(target, dict) and target.get("readOnly")):
            out.add(name)
    return frozenset(out)


def clean_workflow(
    workflow: dict[str, Any], schema: WritableSchema
) -> tuple[dict[str, Any], list[str]]:
    """(body the instance accepts, what was dropped as ``where: why`` lines). Input untouched."""
    dropped: list[str] = []
    body: dict[str, Any] = {}
    for key, value in workflow.items():
        if key in schema.workflow_fields:
            body[key] = copy.deepcopy(value)
        else:
            dropped.append(
                f"{key}: {'read-only' if key in _READ_ONLY else 'not accepted'} on create"
            )
    name = body.get("name")
    if not isinstance(name, str) or not name.strip():
        body["name"] = DEFAULT_NAME
        dropped.append(f'name: missing, "{DEFAULT_NAME}" used')
    body.setdefault("connections", {})
    settings = body.get("settings")
    if not isinstance(settings, dict):
        settings = {}
    for key in sorted(settings):
        if key not in schema.settings_keys:
            dropped.append(f"settings.{key}: not a setting this n8n knows")
    body["settings"] = {k: v for k, v in settings.items() if k in schema.settings_keys}
    for key in ("staticData", "pinData"):
        if key in body and body[key] is None:
            del body[key]
    nodes = body.get("nodes")
    body["nodes"] = [
        _clean_node(n, i, schema, dropped) for i, n in enumerate(nodes or []) if isinstance(n, dict)
    ]
    return body, dropped


def _clean_node(
    node: dict[str, Any], index: int, schema: WritableSchema, dropped: list[str]
) -> dict[str, Any]:
    label = node.get("name") if isinstance(node.get("name"), str) else f"#{index}"
    out = {}
    for key, value in node.items():
        if key in schema.node_keys:
            out[key] = value
        else:
            dropped.append(f"nodes[{label}].{key}: not a node field this n8n accepts")
    return out


_READ_ONLY = frozenset(
    {"id", "active", "tags", "versionId", "meta", "createdAt", "updatedAt", "isArchived",
     "triggerCount", "shared", "activeVersion", "activeVersionId", "versionCounter"}
)  # fmt: skip
