"""The gate's prompt rule: a prompt change since the baseline must have been measured.

The offline provider reads no prompt, and the local intent classifier and prompt optimizer read
none either, so a run of those cannot see a prompt edit: its scores equal the baseline's however
the prompt changed. This rule compares each arm's prompt hashes with the baseline arm's and
fails when a changed prompt was read by no arm of the run (``prompts_read`` in its records),
naming the prompts and the command that would measure them. ``--allow-unmeasured-prompts``
turns the failure into an accepted, printed override.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from eval.prompt_sets import arm_prompt_info, changed_prompts
from eval.rundir import Arm, Run

RULE = "prompts measured"
OVERRIDE_FLAG = "--allow-unmeasured-prompts"
#: The stages that read a prompt only when run with an LLM, and the run option that does so.
LLM_STAGE_OPTIONS = {
    "intent_classification": "--classifier llm",
    "prompt_optimization": "--optimizer llm",
}


@dataclass
class PromptVerdict:
    """What the prompt rule found: changed names, which no arm read, and the explanation."""

    changed: list[str] = field(default_factory=list)
    unmeasured: list[str] = field(default_factory=list)
    read_by: dict[str, list[str]] = field(default_factory=dict)
    overridden: bool = False
    message: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.unmeasured or self.overridden

    @property
    def figures(self) -> str:
        if not self.changed:
            return "prompts unchanged since the baseline"
        if not self.unmeasured:
            arms = sorted({a for arms in self.read_by.values() for a in arms})
            return f"changed: {', '.join(self.changed)}; read by {', '.join(arms)}"
        text = f"changed, read by no arm: {', '.join(self.unmeasured)}"
        return text + (f" ({OVERRIDE_FLAG})" if self.overridden else "")


def _reads(arm: Arm) -> set[str]:
    names = {p for rec in arm.records.values() for p in rec.get("prompts_read") or ()}
    return names | set(arm.summary.get("prompts_read") or ())


def check_prompts(
    run: Run, baseline: Run, baseline_arm_of: Any, *, allow_unmeasured: bool = False
) -> PromptVerdict:
    """The prompt rule for ``run`` against ``baseline``; ``baseline_arm_of(label)`` pairs arms."""
    verdict = PromptVerdict(overridden=False)
    changed: set[str] = set()
    for label in run.arms:
        base = baseline_arm_of(label)
        diff = changed_prompts(
            arm_prompt_info(baseline.manifest, base.label).get("hashes") or {},
            arm_prompt_info(run.manifest, label).get("hashes") or {},
        )
        changed.update(diff.names)
    verdict.changed = sorted(changed)
    for label, arm in run.arms.items():
        for name in _reads(arm) & changed:
            verdict.read_by.setdefault(name, []).append(label)
    verdict.unmeasured = sorted(changed - verdict.read_by.keys())
    if verdict.unmeasured:
        verdict.overridden = allow_unmeasured
        verdict.message = _explain(run, verdict.unmeasured, allow_unmeasured)
    return verdict


def _explain(run: Run, unmeasured: list[str], overridden: bool) -> list[str]:
    """Why the rule failed (or was overridden) and the commands that would measure the change."""
    dataset = run.manifest.get("dataset") or {}
    options = sorted({LLM_STAGE_OPTIONS[n] for n in unmeasured if n in LLM_STAGE_OPTIONS})
    run_cmd = (
        f"nodepilot eval run --dataset {dataset.get('path') or 'datasets/bench'} "
        f"--split {dataset.get('split') or 'dev'} --provider anthropic "
        + "".join(f"{o} " for o in options)
        + "--out runs/prompts-llm"
    )
    lines = [
        f"prompts changed since the baseline but read by no arm of this run: "
        f"{', '.join(unmeasured)}",
        "  (the offline provider, the local classifier and the local optimizer read no "
        "prompts, so these scores cannot show the change)",
    ]
    unread = sorted(set(unmeasured) - _read_by_code())
    if unread:
        lines.append(
            f"  no pipeline stage reads {', '.join(unread)}: no run can measure an edit there"
        )
    lines += [
        "  measure them with an LLM arm (needs ANTHROPIC_API_KEY):",
        f"    {run_cmd}",
        "    nodepilot eval gate runs/prompts-llm --baseline eval/baselines/<LLM baseline>",
        "  or run scripts/prompt_gate.sh (what .github/workflows/prompt-gate.yml runs)",
    ]
    if overridden:
        lines.append(f"  {OVERRIDE_FLAG}: accepted without measuring (deliberate override)")
    else:
        lines.append(f"  to accept the change unmeasured, deliberately: {OVERRIDE_FLAG}")
    return lines


def _read_by_code() -> set[str]:
    """Prompt names some code renders (a static scan of the code)."""
    from eval.prompt_checks import prompts_used_by_code

    return prompts_used_by_code()
