#!/usr/bin/env bash
# The prompt gate for a team's CI (.github/workflows/prompt-gate.yml runs it on pull requests):
# an LLM arm over the benchmark's dev split, gated on its scores, with a compare report.
#
#  1. Prompt checks that need no model (eval/prompt_checks.py), printed into the report.
#  2. `nodepilot eval run` with the LLM provider into a run directory keyed by the prompt-set
#     hash, the code, the dataset and the arm: a run whose key is cached (PROMPT_GATE_CACHE,
#     kept between CI runs by actions/cache) resumes with nothing to do and costs no tokens.
#  3. The baseline: the committed LLM baseline when it exists (PROMPT_GATE_BASELINE, default
#     eval/baselines/<provider>-<split>); else, when PROMPT_GATE_BASE_PROMPTS names the base
#     branch's prompt folder, the same arm run with those prompts (cached the same way); else
#     the run itself (floors only).
#  4. `nodepilot eval gate` (floors, no significant regression, prompts measured) and
#     `nodepilot eval compare` (paired statistics and the prompt diff) into PROMPT_GATE_REPORT:
#     gate.md, report.md, report.html, plus cost.md (tokens and dollars of this run).
# Exit: the gate's (0 pass, 1 a rule failed, 2 usage); 2 also for a broken setup.
#
# Settings (environment): PROMPT_GATE_PROVIDER (anthropic), PROMPT_GATE_MODEL (provider's
# default), PROMPT_GATE_DATASET (datasets/bench), PROMPT_GATE_SPLIT (dev), PROMPT_GATE_RPM (50),
# PROMPT_GATE_CONCURRENCY (4), PROMPT_GATE_PROMPTS (seeds/prompts), PROMPT_GATE_BASE_PROMPTS,
# PROMPT_GATE_BASELINE, PROMPT_GATE_CACHE (.prompt-gate-cache), PROMPT_GATE_REPORT
# (runs/prompt-gate-report), PROMPT_GATE_ARGS (more `eval run` options, e.g. --classifier llm),
# NODEPILOT (.venv/bin/nodepilot), PYTHON (.venv/bin/python). Keys: ANTHROPIC_API_KEY or
# OPENAI_API_KEY, as the provider needs.
set -euo pipefail
shopt -s inherit_errexit
cd "$(dirname "$0")/.."

provider="${PROMPT_GATE_PROVIDER:-anthropic}"
model="${PROMPT_GATE_MODEL:-}"
dataset="${PROMPT_GATE_DATASET:-datasets/bench}"
split="${PROMPT_GATE_SPLIT:-dev}"
rpm="${PROMPT_GATE_RPM:-50}"
concurrency="${PROMPT_GATE_CONCURRENCY:-4}"
prompts="${PROMPT_GATE_PROMPTS:-}"
base_prompts="${PROMPT_GATE_BASE_PROMPTS:-}"
baseline="${PROMPT_GATE_BASELINE:-eval/baselines/${provider}-${split}}"
cache="${PROMPT_GATE_CACHE:-.prompt-gate-cache}"
report="${PROMPT_GATE_REPORT:-runs/prompt-gate-report}"
read -r -a extra <<< "${PROMPT_GATE_ARGS:-}"
NODEPILOT="${NODEPILOT:-.venv/bin/nodepilot}"
PYTHON="${PYTHON:-.venv/bin/python}"

log() { printf 'prompt-gate: %s\n' "$*" >&2; }
arm="$provider${model:+:$model}"
mkdir -p "$report" "$cache/runs"
[[ -f "$cache/.gitignore" ]] || echo '*' > "$cache/.gitignore"  # never shows up in git status

# Runs the arm with the prompts in $1 (empty: seeds/prompts) and prints its run directory.
run_arm() {
    local folder="$1" key out
    key="$("$PYTHON" -m eval.prompt_sets cache-key "${folder:--}" "$arm" "$dataset" "$split" \
        "${extra[@]}")"
    out="$cache/runs/$key"
    log "arm $arm, prompts ${folder:-seeds/prompts}: run $out"
    if ! "$NODEPILOT" eval run --dataset "$dataset" --split "$split" --provider "$arm" \
        --rpm "$rpm" --concurrency "$concurrency" --no-progress --out "$out" \
        ${folder:+--prompts "$folder"} "${extra[@]}" > "$out.summary.txt"; then
        log "the eval run failed (setup, keys or provider): no verdict"
        return 2
    fi
    echo "$out"
}

log "prompt checks (no model)"
"$PYTHON" -m eval.prompt_checks ${prompts:+"$prompts"} > "$report/prompt-checks.txt" 2>&1 || true

current="$(run_arm "$prompts")" || exit 2
if [[ -d "$baseline" ]]; then
    base="$baseline"
    log "baseline: the committed $baseline"
elif [[ -n "$base_prompts" ]]; then
    base="$(run_arm "$base_prompts")" || exit 2
    log "baseline: the base branch's prompts ($base_prompts), same arm"
else
    base="$current"
    log "no LLM baseline ($baseline) and no PROMPT_GATE_BASE_PROMPTS: floors only"
fi

status=0
"$NODEPILOT" eval gate "$current" --baseline "$base" --report "$report/gate.md" || status=$?
if [[ "$base" != "$current" ]]; then
    "$NODEPILOT" eval compare "$base" "$current" --out "$report" > "$report/compare.txt"
fi
"$PYTHON" - "$current/summary.json" > "$report/cost.md" <<'EOF'
import json, sys
arms = json.load(open(sys.argv[1]))["arms"]
print("| arm | cases | input tokens | output tokens | cost $ |\n|---|---|---|---|---|")
for label, arm in arms.items():
    u = arm["run_metrics"]["usage"]
    print(f"| {label} | {arm['cases']} | {u['input_tokens']} | {u['output_tokens']} "
          f"| {u['cost_usd']:.4f} |")
EOF
if [[ -n "${GITHUB_STEP_SUMMARY:-}" ]]; then
    cat "$report/gate.md" "$report/cost.md" >> "$GITHUB_STEP_SUMMARY"
fi
log "report in $report (gate.md, report.md, report.html, cost.md); gate exit $status"
exit "$status"
