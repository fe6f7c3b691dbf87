"""Findings, validation reports and repair records: the validator's output types.

They are plain dataclasses with ``to_dict`` so the CLI, the service and the generation loop can
all serialise them the same way.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from engine.validation.codes import DEFAULT_FIX, Profile, Severity, code_info


@dataclass(frozen=True)
class Finding:
    """One problem found in a workflow.

    ``path`` is a JSON path into the document (``$.nodes[3].parameters.url``) so a caller can
    point at the exact value; ``node`` is the node's name when the finding concerns one node.
    """

    code: str
    severity: Severity
    message: str
    node: str | None = None
    path: str = "$"
    suggestion: str | None = None
    fixable: bool = False

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return asdict(self)


@dataclass
class ValidationReport:
    """The verdict for one workflow: valid iff no finding is an error."""

    profile: Profile
    findings: list[Finding] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        """True when no finding has severity ``error``."""
        return not any(f.severity == "error" for f in self.findings)

    @property
    def errors(self) -> list[Finding]:
        """Findings that make the workflow invalid."""
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        """Findings reported for information only."""
        return [f for f in self.findings if f.severity == "warning"]

    def codes(self, severity: Severity | None = None) -> set[str]:
        """The distinct codes present (optionally only those of one severity)."""
        return {f.code for f in self.findings if severity is None or f.severity == severity}

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "valid": self.valid,
            "profile": self.profile,
            "findings": [f.to_dict() for f in self.findings],
        }


class FindingSink:
    """Collects findings for one profile, applying the code table's severities.

    Checks call :meth:`add` with a code; the sink drops codes the profile does not report,
    downgrades errors to warnings when asked (disabled nodes), and removes exact duplicates so
    a problem reached by two routes is reported once.
    """

    def __init__(self, profile: Profile) -> None:
        self.profile = profile
        self.findings: list[Finding] = []
        self._seen: set[tuple[str, str | None, str, str]] = set()

    def add(
        self,
        code: str,
        message: str,
        *,
        node: str | None = None,
        path: str = "$",
        suggestion: str | None = None,
        downgrade: bool = False,
        fixable: bool | None = None,
    ) -> None:
        """Record a finding under this profile's severity for ``code``."""
        info = code_info(code)
        severity = info.severity(self.profile)
        if severity is None:
            return
        if downgrade:
            severity = "warning"
        key = (code, node, path, message)
        if key in self._seen:
            return
        self._seen.add(key)
        self.findings.append(
            Finding(
                code=code,
                severity=severity,
                message=message,
                node=node,
                path=path,
                suggestion=suggestion if suggestion is not None else DEFAULT_FIX.get(code),
                fixable=info.fixable if fixable is None else fixable and info.fixable,
            )
        )

    def report(self) -> ValidationReport:
        """The collected findings as a report."""
        return ValidationReport(profile=self.profile, findings=list(self.findings))


@dataclass(frozen=True)
class Fix:
    """One change repair made, recorded so a caller can show or undo it."""

    code: str
    message: str
    node: str | None = None
    path: str = "$"
    before: Any = None
    after: Any = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return asdict(self)


@dataclass
class RepairResult:
    """A repaired workflow and the fixes applied, in order."""

    workflow: Any
    fixes: list[Fix] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"workflow": self.workflow, "fixes": [f.to_dict() for f in self.fixes]}


def json_path(*parts: str | int) -> str:
    """Build a JSONPath: ``json_path("nodes", 3, "parameters")`` -> ``$.nodes[3].parameters``.

    Keys that are not plain identifiers are quoted (``$.connections["My node"]``).
    """
    out = "$"
    for p in parts:
        if isinstance(p, int):
            out += f"[{p}]"
        elif p.isidentifier():
            out += f".{p}"
        else:
            escaped = p.replace("\\", "\\\\").replace('"', '\\"')
            out += f'["{escaped}"]'
    return out
