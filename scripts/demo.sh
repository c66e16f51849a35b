#!/usr/bin/env bash
# Set up, then run the demo: the web app on http://127.0.0.1:8000 with one demo user per role
# (their passwords are printed), on SQLite under ./var. Stop it with Ctrl+C.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/oversight demo "$@"
