#!/usr/bin/env bash
# Creates (once) the separate virtualenv that holds ragas for the eval cross-checks and prints
# its python's path on stdout. ragas 0.4.3 caps openai below 2 and needs
# langchain-community==0.4.1, which would downgrade the SDKs of the project's own .venv, so it
# lives apart: .venv-ragas by default (NODEPILOT_RAGAS_VENV overrides). Safe to re-run: the
# install is skipped while the pins below are unchanged. The first install downloads about
# 200 MB of wheels and takes a few minutes; everything it prints goes to stderr.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
VENV="${NODEPILOT_RAGAS_VENV:-.venv-ragas}"
# The versions the tests' reference values come from (pyproject.toml's `eval` extra), and
# rapidfuzz, which ragas' string metrics import without declaring it.
PINS=("ragas==0.4.3" "langchain-community==0.4.1" "rapidfuzz==3.14.6")

log() { printf 'ragas_env: %s\n' "$*" >&2; }

if [[ ! -x "$VENV/bin/python" ]]; then
    log "creating $VENV"
    "$PYTHON" -m venv "$VENV" >&2
    # Like virtualenv does: the folder ignores itself, so it never shows up in git status.
    echo '*' > "$VENV/.gitignore"
fi
stamp="$VENV/.ragas-installed"
want="${PINS[*]}"
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
    log "installing ${PINS[*]} (first time: a few minutes)"
    "$VENV/bin/python" -m pip --disable-pip-version-check install -q "${PINS[@]}" 2>&1 \
        | { grep -v "^WARNING: Location .* is ignored" || true; } >&2
    "$VENV/bin/python" -c 'import ragas.metrics, rapidfuzz' >&2
    echo "$want" > "$stamp"
fi
echo "$(cd "$VENV" && pwd)/bin/python"
