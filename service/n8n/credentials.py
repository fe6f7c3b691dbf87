"""Which nodes need which credential types, and attaching the user's existing n8n credentials.

n8n refuses to publish a workflow whose nodes lack a required credential (and older versions
answer 500 instead of saying so), so the deploy works this out first from our catalog: a
credential is needed when the node version declares it required and its display rule shows it
for the node's parameters - the same rule n8n's editor applies - plus the credential an HTTP
Request names in ``nodeCredentialType`` / ``genericAuthType``. A need is met by a credential the
node already references *that exists in the instance*, else by the one credential of that type
the user has; two or more is a choice we leave to the user, none is a credential to create.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from indexing.catalog.load import load_catalog
from indexing.catalog.params import ParameterResolutionError, display_parameter, resolve_parameters


@dataclass(frozen=True, slots=True)
class CredentialNeed:
    """Node ``node`` needs a credential of type ``credential_type`` (or one of ``alternatives``
    after switching the node's authentication choice in n8n)."""

    node: str
    node_type: str
    credential_type: str
    display_name: str
    alternatives: tuple[str, ...] = ()


@dataclass(slots=True)
class CredentialPlan:
    """What :func:`attach_credentials` did: ``attached`` and ``missing`` are per node."""

    attached: list[dict[str, Any]] = field(default_factory=list)
    missing: list[dict[str, Any]] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.missing


def credential_needs(workflow: dict[str, Any]) -> list[CredentialNeed]:
    """Every (node, credential type) the workflow's enabled nodes require, in node order."""
    cat = load_catalog()
    needs: list[CredentialNeed] = []
    for node in workflow.get("nodes") or []:
        if not isinstance(node, dict) or node.get("disabled") is True:
            continue
        nv = cat.get(node.get("type"), node.get("typeVersion"))
        if nv is None:
            continue
        params = node.get("parameters") if isinstance(node.get("parameters"), dict) else {}
        tv = node.get("typeVersion")
        try:
            resolved = resolve_parameters(nv, params, tv, type_name=nv.type_name)
        except ParameterResolutionError:
            resolved = params
        required = [c.name for c in nv.credentials if c.required]
        for name in _shown_required(nv, resolved, tv) + _named_by_parameters(resolved):
            ctype = cat.credential_type(name)
            needs.append(
                CredentialNeed(
                    node=str(node.get("name")),
                    node_type=nv.type_name,
                    credential_type=name,
                    display_name=ctype.display_name if ctype else name,
                    alternatives=tuple(r for r in required if r != name),
                )
            )
    return needs


def _shown_required(nv: Any, resolved: dict[str, Any], tv: Any) -> list[str]:
    out = []
    for req in nv.credentials:
        if not req.required:
            continue
        try:
            shown = display_parameter(
                resolved, {"displayOptions": req.display_options}, tv, type_name=nv.type_name
            )
        except Exception:  # noqa: BLE001 - n8n does not block on a broken display rule
            logging.getLogger(__name__).debug(
                "display rule of credential %s on %s failed", req.name, nv.type_name, exc_info=True
            )
            continue
        if shown and req.name not in out:
            out.append(req.name)
    return out


def _named_by_parameters(resolved: dict[str, Any]) -> list[str]:
    """HTTP Request style: the credential type a parameter names."""
    auth = resolved.get("authentication")
    if auth == "predefinedCredentialType" and isinstance(resolved.get("nodeCredentialType"), str):
        return [resolved["nodeCredentialType"]]
    if auth == "genericCredentialType" and isinstance(resolved.get("genericAuthType"), str):
        return [resolved["genericAuthType"]]
    return []


def attach_credentials(
    body: dict[str, Any], needs: list[CredentialNeed], available: list[dict[str, Any]] | None
) -> CredentialPlan:
    """Fix the credential references of ``body``'s nodes in place and say what is left.

    ``available`` is the instance's credential list (``{id, name, type}``), or None when the key
    may not list credentials: then existing references cannot be checked and every need counts
    as missing, so nothing is published on a guess.
    """
    plan = CredentialPlan()
    nodes = {n.get("name"): n for n in body.get("nodes") or [] if isinstance(n, dict)}
    if available is not None:
        _drop_unknown_references(nodes, available, plan)
    for need in needs:
        node = nodes.get(need.node)
        refs = node.get("credentials") if node is not None else None
        ref = refs.get(need.credential_type) if isinstance(refs, dict) else None
        if available is None:
            plan.missing.append(_missing(need, "unverified", []))
            continue
        if isinstance(ref, dict) and ref.get("id"):
            plan.attached.append(_attached(need, ref, "kept"))
            continue
        fits = [c for c in available if c.get("type") == need.credential_type]
        if len(fits) == 1 and node is not None:
            chosen = {"id": str(fits[0]["id"]), "name": str(fits[0].get("name", ""))}
            node["credentials"] = {
                **(refs if isinstance(refs, dict) else {}),
                need.credential_type: chosen,
            }
            plan.attached.append(_attached(need, chosen, "attached"))
        else:
            plan.missing.append(_missing(need, "ambiguous" if fits else "none", fits))
    return plan


def _drop_unknown_references(
    nodes: dict[Any, dict[str, Any]], available: list[dict[str, Any]], plan: CredentialPlan
) -> None:
    """References to credentials the instance does not have (placeholders) are removed: n8n
    would publish with them and fail at run time."""
    known = {(str(c.get("id")), c.get("type")) for c in available}
    for name, node in nodes.items():
        refs = node.get("credentials")
        if refs is None:
            continue
        if not isinstance(refs, dict):
            del node["credentials"]
            plan.removed.append(f"nodes[{name}].credentials: not an object")
            continue
        for ctype in list(refs):
            ref = refs[ctype]
            cid = str(ref.get("id")) if isinstance(ref, dict) else None
            if (cid, ctype) not in known:
                del refs[ctype]
                shown = f" {cid!r}" if cid else ""
                plan.removed.append(
                    f"nodes[{name}].credentials.{ctype}: credential{shown} is not in this n8n"
                )
        if not refs:
            del node["credentials"]


def _attached(need: CredentialNeed, ref: dict[str, Any], how: str) -> dict[str, Any]:
    return {
        "node": need.node,
        "credential_type": need.credential_type,
        "credential_id": str(ref.get("id")),
        "credential_name": ref.get("name"),
        "how": how,
    }


def _missing(need: CredentialNeed, reason: str, fits: list[dict[str, Any]]) -> dict[str, Any]:
    types = "/".join((need.credential_type, *need.alternatives))
    if reason == "ambiguous":
        names = ", ".join(f'"{c.get("name")}"' for c in fits)
        text = (
            f"{need.node}: {len(fits)} {need.credential_type} credentials fit ({names}) - "
            "choose one on the node in n8n, then publish it there"
        )
    elif reason == "unverified":
        text = (
            f"{need.node}: needs a {types} credential; this API key may not list credentials, "
            "so it cannot be checked - attach it in n8n, then publish it there"
        )
    else:
        text = (
            f"{need.node}: needs a {types} credential ({need.display_name}) - create it in n8n, "
            "then run deploy --activate again"
        )
    return {
        "node": need.node,
        "node_type": need.node_type,
        "credential_types": [need.credential_type, *need.alternatives],
        "reason": reason,
        "candidates": [{"id": str(c.get("id")), "name": c.get("name")} for c in fits],
        "message": text,
    }
