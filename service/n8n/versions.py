"""Version awareness: which n8n the instance runs, and node versions it may not know.

Our catalog describes n8n 2.41. A node whose ``typeVersion`` is newer than the catalog's highest
for its type is unknown to n8n 2.41 - and n8n accepts such a workflow on create, then fails when
it runs. An instance older than 2.41 may lack a node's newest version too; we cannot know which
versions an older n8n had, so that case is a warning naming the nodes at their newest version.
Nothing is rewritten: the user decides.
"""

from __future__ import annotations

import re
from typing import Any

from indexing.catalog.load import load_catalog


def parse_version(text: str | None) -> tuple[int, int, int] | None:
    """``"2.41.1"`` -> ``(2, 41, 1)``; None for anything else."""
    match = re.match(r"(\d+)\.(\d+)\.(\d+)", text or "")
    return tuple(int(g) for g in match.groups()) if match else None  # type: ignore[return-value]


def catalog_n8n_version() -> tuple[int, int, int]:
    """The n8n release our catalog describes (from its n8n-nodes-base package, 2.41.x)."""
    for pkg in load_catalog().packages:
        if pkg.get("name") == "n8n-nodes-base":
            parsed = parse_version(pkg.get("version"))
            if parsed:
                return parsed
    return (2, 41, 0)


def version_warnings(workflow: dict[str, Any], instance_version: str | None) -> list[str]:
    """Warnings for node types/versions the instance may not know (nothing is changed)."""
    cat = load_catalog()
    ours = catalog_n8n_version()
    label = f"n8n {ours[0]}.{ours[1]}"
    instance = parse_version(instance_version)
    warnings: list[str] = []
    if instance is None:
        warnings.append(
            f"could not read this n8n's version; node versions were checked against {label} only"
        )
    older = instance is not None and instance[:2] < ours[:2]
    newest_nodes: list[str] = []
    for node in workflow.get("nodes") or []:
        if not isinstance(node, dict):
            continue
        name, type_name, tv = node.get("name"), node.get("type"), node.get("typeVersion")
        versions = cat.versions(type_name) if isinstance(type_name, str) else []
        if not versions:
            warnings.append(f"{name}: node type {type_name} is not in {label}'s catalog")
            continue
        if isinstance(tv, int | float) and not isinstance(tv, bool) and tv > versions[-1]:
            warnings.append(
                f"{name}: {type_name} typeVersion {tv:g} is newer than {label} knows "
                f"(highest {versions[-1]:g})"
            )
        elif older and len(versions) > 1 and tv == versions[-1]:
            newest_nodes.append(f"{name} (v{versions[-1]:g})")
    if newest_nodes:
        warnings.append(
            f"this n8n is {instance_version}, older than {label}: these nodes use their newest "
            f"version, which it may not know: {', '.join(newest_nodes)}"
        )
    return warnings
