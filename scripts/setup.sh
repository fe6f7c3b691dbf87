#!/usr/bin/env bash
# Sets NodePilot up on a fresh machine: a virtualenv in .venv, CPU torch first (any other torch
# request makes pip fetch a multi-GB CUDA build), the package with its dev tools, the embedded
# PostgreSQL + pgvector with the schema migrated, and the offline embedding model export.
# Everything it prints goes to stderr, so `setup.sh && nodepilot generate ...` keeps stdout
# for the workflow. Safe to run again: installs are skipped while pyproject.toml is unchanged.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
VENV="${NODEPILOT_VENV:-.venv}"
quiet=(-q)
[[ "${1:-}" == "--verbose" ]] && quiet=()

log() { printf 'setup: %s\n' "$*" >&2; }

if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    log "NodePilot needs Python >= 3.11 ($PYTHON is $("$PYTHON" -V 2>&1))"; exit 2
fi
if [[ ! -x "$VENV/bin/python" ]]; then
    log "creating $VENV"
    "$PYTHON" -m venv "$VENV"
fi
PIP=("$VENV/bin/python" -m pip --disable-pip-version-check)

stamp="$VENV/.nodepilot-installed"
want="$(sha256sum pyproject.toml | cut -d' ' -f1)"
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
    log "installing torch==2.13.0 (CPU build)"
    "${PIP[@]}" install "${quiet[@]}" "torch==2.13.0" >&2
    log "installing nodepilot and its dev tools"
    "${PIP[@]}" install "${quiet[@]}" -e ".[dev]" >&2
    echo "$want" > "$stamp"
else
    log "packages up to date"
fi

if "$VENV/bin/python" -m indexing.embeddings --check; then
    log "embedding model up to date"
else
    log "exporting the embedding model for onnxruntime (once)"
    "$VENV/bin/python" -m indexing.embeddings >&2
fi
log "preparing the database"
"$VENV/bin/nodepilot" db migrate >&2
