"""Workflow validation and repair: judge an n8n workflow like n8n 2.41 does, then fix what is safe.

Public API::

    from engine.validation import validate_workflow, repair_workflow
    report = validate_workflow(doc, profile="runtime")   # or "strict" (default)
    report.valid, report.findings                        # Finding(code, severity, node, path, ...)
    result = repair_workflow(doc)                        # RepairResult(workflow, fixes)

Finding codes are documented in ``engine/validation/codes.py`` / ``docs/validation-codes.md``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from engine.validation.codes import CODES, CodeInfo, Profile
from engine.validation.findings import Finding, Fix, RepairResult, ValidationReport

if TYPE_CHECKING:
    from engine.validation.repair import repair_workflow as repair_workflow
    from engine.validation.validator import validate_workflow as validate_workflow

__all__ = [
    "CODES",
    "CodeInfo",
    "Finding",
    "Fix",
    "Profile",
    "RepairResult",
    "ValidationReport",
    "repair_workflow",
    "validate_workflow",
]


def __getattr__(name: str) -> Any:
    # Imported lazily so `import engine.validation.codes` does not load the catalog code.
    if name == "validate_workflow":
        from engine.validation.validator import validate_workflow

        return validate_workflow
    if name == "repair_workflow":
        from engine.validation.repair import repair_workflow

        return repair_workflow
    raise AttributeError(name)
