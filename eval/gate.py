"""``nodepilot eval gate``: pass or fail a run against hard floors and a baseline run.

Rules and their figures are read from a TOML file (``eval/gate.toml`` documents each). The
verdict is printed as a table of rule, arm, figures and PASS/FAIL; the exit code is 0 when
every rule passes, 1 when any fails and 2 for usage problems (a missing baseline, a bad config,
a run directory of another format), so CI can tell a regression from a broken setup.
"""

from __future__ import annotations

import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from eval.rundir import Arm, Run, load_run
from eval.stats import DEFAULT_RESAMPLES, DEFAULT_SEED, pair_values, paired_bootstrap
from nodepilot.errors import UserError

DEFAULT_CONFIG = Path(__file__).with_name("gate.toml")


@dataclass
class GateConfig:
    floors: dict[str, float] = field(default_factory=dict)
    metrics: list[str] = field(default_factory=list)
    tolerance: float = 0.01
    tolerance_by_metric: dict[str, float] = field(default_factory=dict)
    resamples: int = DEFAULT_RESAMPLES
    seed: int = DEFAULT_SEED
    confidence: float = 0.95

    def tolerance_for(self, metric: str) -> float:
        return self.tolerance_by_metric.get(metric, self.tolerance)


def load_config(path: Path) -> GateConfig:
    """Parse a gate TOML file; UserError naming the file and key on anything wrong."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise UserError(f"{path}: gate config not found") from exc
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise UserError(f"{path}: cannot read gate config ({exc})") from exc
    unknown = set(raw) - {"floors", "regression"}
    if unknown:
        raise UserError(f"{path}: unknown section(s) {', '.join(sorted(unknown))}")
    floors = raw.get("floors", {})
    reg = raw.get("regression", {})
    cfg = GateConfig()
    for name, value in floors.items():
        cfg.floors[name] = _number(path, f"floors.{name}", value)
    known = {"metrics", "tolerance", "tolerance_by_metric", "resamples", "seed", "confidence"}
    bad = set(reg) - known
    if bad:
        raise UserError(f"{path}: unknown key(s) in [regression]: {', '.join(sorted(bad))}")
    metrics = reg.get("metrics", [])
    if not isinstance(metrics, list) or not all(isinstance(m, str) for m in metrics):
        raise UserError(f"{path}: regression.metrics must be a list of metric names")
    cfg.metrics = metrics
    cfg.tolerance = _number(path, "regression.tolerance", reg.get("tolerance", cfg.tolerance))
    for name, value in (reg.get("tolerance_by_metric") or {}).items():
        cfg.tolerance_by_metric[name] = _number(path, f"tolerance_by_metric.{name}", value)
    resamples = reg.get("resamples", cfg.resamples)
    if not isinstance(resamples, int) or resamples < 10_000:
        raise UserError(f"{path}: regression.resamples must be an integer >= 10000")
    cfg.resamples = resamples
    seed = reg.get("seed", cfg.seed)
    if not isinstance(seed, int):
        raise UserError(f"{path}: regression.seed must be an integer")
    cfg.seed = seed
    conf = _number(path, "regression.confidence", reg.get("confidence", cfg.confidence))
    if not 0.5 < conf < 1:
        raise UserError(f"{path}: regression.confidence must be between 0.5 and 1")
    cfg.confidence = conf
    from eval.metrics import CASE_METRICS

    for name in [*cfg.floors, *cfg.metrics]:
        if name not in CASE_METRICS:
            raise UserError(
                f"{path}: unknown metric {name!r}; known: {', '.join(sorted(CASE_METRICS))}"
            )
    return cfg


def _number(path: Path, key: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise UserError(f"{path}: {key} must be a number, not {value!r}")
    return float(value)


@dataclass
class RuleResult:
    rule: str
    arm: str
    figures: str
    passed: bool
    #: Passed only because an override flag accepted a failure (shown as OVERRIDDEN).
    overridden: bool = False
    #: Lines explaining a failure or an override (printed under the table).
    details: list[str] = field(default_factory=list)

    @property
    def verdict(self) -> str:
        return "OVERRIDDEN" if self.overridden else "PASS" if self.passed else "FAIL"


def _mean(values: dict[str, float]) -> float | None:
    return sum(values.values()) / len(values) if values else None


def _baseline_arm(baseline: Run, label: str) -> Arm:
    if label in baseline.arms:
        return baseline.arms[label]
    if len(baseline.arms) == 1:
        return next(iter(baseline.arms.values()))
    raise UserError(
        f"{baseline.path}: no baseline arm named {label!r} (it has {', '.join(baseline.arms)})"
    )


def prompt_rule(run: Run, baseline: Run, *, allow_unmeasured: bool = False) -> RuleResult:
    """Prompts changed since the baseline were read by some arm (see eval/gate_prompts.py)."""
    from eval.gate_prompts import RULE, check_prompts

    verdict = check_prompts(
        run,
        baseline,
        lambda label: _baseline_arm(baseline, label),
        allow_unmeasured=allow_unmeasured,
    )
    return RuleResult(
        RULE,
        "all",
        verdict.figures,
        verdict.passed,
        overridden=verdict.overridden,
        details=verdict.message,
    )


def evaluate(
    run: Run, baseline: Run, cfg: GateConfig, *, allow_unmeasured_prompts: bool = False
) -> list[RuleResult]:
    """Every rule for every arm of ``run``, the prompt rule first."""
    results = [prompt_rule(run, baseline, allow_unmeasured=allow_unmeasured_prompts)]
    for label, arm in run.arms.items():
        base = _baseline_arm(baseline, label)
        for metric, floor in cfg.floors.items():
            value = _mean(arm.values(metric))
            if value is None:
                results.append(RuleResult(f"floor {metric}", label, "no data", False))
            else:
                results.append(
                    RuleResult(
                        f"floor {metric}", label, f"{value:.3f} >= {floor:.3f}", value >= floor
                    )
                )
        common = set(arm.records) & set(base.records)
        if not common:
            raise UserError(
                f"{run.path} and {baseline.path} have no case in common; "
                "was the baseline made on another split?"
            )
        for metric in cfg.metrics:
            ids, a, b = pair_values(base.values(metric), arm.values(metric))
            tol = cfg.tolerance_for(metric)
            if not ids:
                results.append(RuleResult(f"no regression {metric}", label, "no paired data", True))
                continue
            ci = paired_bootstrap(
                a, b, resamples=cfg.resamples, seed=cfg.seed, confidence=cfg.confidence
            )
            passed = not ci.high < -tol
            figures = (
                f"{sum(b) / len(b):.3f} vs {sum(a) / len(a):.3f} base: "
                f"delta {ci.delta:+.3f} [{ci.low:+.3f}, {ci.high:+.3f}] tol {tol:.3f} n={ci.n}"
            )
            results.append(RuleResult(f"no regression {metric}", label, figures, passed))
    return results


def format_results(results: list[RuleResult]) -> str:
    from eval.report import table

    rows = [["rule", "arm", "figures", "verdict"]]
    rows += [[r.rule, r.arm, r.figures, r.verdict] for r in results]
    lines = [detail for r in results for detail in r.details]
    return table(rows, left=4) + ("\n\n" + "\n".join(lines) if lines else "")


def format_markdown(results: list[RuleResult], run: str, baseline: str) -> str:
    """The verdict table as Markdown (for a CI job summary or an uploaded report)."""
    failed = sum(1 for r in results if not r.passed)
    out = [
        f"# Eval gate: {'FAIL' if failed else 'PASS'}",
        "",
        f"Run `{run}` against baseline `{baseline}`.",
        "",
        "| rule | arm | figures | verdict |",
        "|---|---|---|---|",
    ]
    out += [f"| {r.rule} | {r.arm} | {r.figures} | **{r.verdict}** |" for r in results]
    details = [d for r in results for d in r.details]
    if details:
        out += ["", "```", *details, "```"]
    return "\n".join(out) + "\n"


@click.command("gate")
@click.argument("run", type=click.Path(path_type=str))
@click.option(
    "--baseline",
    required=True,
    type=click.Path(path_type=str),
    help="Baseline run directory (e.g. eval/baselines/offline-dev).",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=DEFAULT_CONFIG,
    show_default=True,
    help="Gate rules (TOML).",
)
@click.option(
    "--allow-unmeasured-prompts",
    is_flag=True,
    help="Pass although prompts changed since the baseline and no arm read them (a deliberate "
    "override, shown in the report).",
)
@click.option(
    "--report",
    "report_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Also write the verdict as Markdown to this file.",
)
def gate(
    run: str,
    baseline: str,
    config_path: Path,
    allow_unmeasured_prompts: bool,
    report_path: Path | None,
) -> None:
    """Check RUN against the floors and the baseline; exit 0 pass, 1 fail, 2 usage."""
    cfg = load_config(config_path)
    if not Path(baseline).exists():
        raise UserError(f"{baseline}: baseline not found", hint="see eval/README.md")
    base = load_run(baseline)
    current = load_run(run)
    results = evaluate(current, base, cfg, allow_unmeasured_prompts=allow_unmeasured_prompts)
    click.echo(format_results(results))
    if report_path is not None:
        report_path.parent.mkdir(parents=True, exist_ok=True)
        report_path.write_text(format_markdown(results, run, baseline), encoding="utf-8")
    failed = [r for r in results if not r.passed]
    overridden = [r.rule for r in results if r.overridden]
    note = f"; overridden: {', '.join(overridden)}" if overridden else ""
    if failed:
        click.echo(f"gate: FAIL ({len(failed)} of {len(results)} rules failed{note})", err=True)
        sys.exit(1)
    click.echo(f"gate: PASS ({len(results)} rules{note})", err=True)
