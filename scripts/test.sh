#!/usr/bin/env bash
# The project's test command (README's second command; CI's .ci/run calls exactly this):
# set up, run the test suite, then the quality gate - the offline provider on the benchmark's
# dev split must not fall below the floors in eval/gate.toml nor significantly below the
# committed baseline (eval/baselines/offline-dev). A prompt or engine change that lowers the
# scores fails here, and so does a prompt change no arm of the run measured (the offline
# provider reads no prompts). A second gate holds the operation and trigger-event accuracy of
# datasets/operations. Then ragas cross-checks the dev run's retrieval metrics.
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/setup.sh
# Lint first: a module that ruff rejects or would reformat fails the run in seconds, not after
# the suite.
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/python -m pytest "$@"

echo "quality gate: offline provider on the dev split" >&2
.venv/bin/nodepilot index --quiet
rm -rf runs/ci-offline-dev
.venv/bin/nodepilot eval run --dataset datasets/bench --split dev --provider offline \
    --no-progress --out runs/ci-offline-dev
.venv/bin/nodepilot eval gate runs/ci-offline-dev --baseline eval/baselines/offline-dev
# The same provider on datasets/operations: each app step's operation and the app trigger's
# event, which the type-level metrics above cannot see (eval/gate_operations.toml).
echo "quality gate: what each step does (datasets/operations)" >&2
rm -rf runs/ci-offline-operations
.venv/bin/nodepilot eval run --dataset datasets/operations --split test --provider offline \
    --no-progress --out runs/ci-offline-operations
.venv/bin/nodepilot eval gate runs/ci-offline-operations \
    --baseline eval/baselines/offline-operations --config eval/gate_operations.toml
# ragas itself (in its own environment, .venv-ragas) recomputes the run's retrieval metrics and
# must agree with our formulas; a missing or failing ragas fails the run, it never skips.
.venv/bin/python -m eval.ragas_bridge runs/ci-offline-dev
