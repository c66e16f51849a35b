#!/usr/bin/env bash
# Set up, then run every check CI runs: ruff, formatting, mypy, import layers, and the tests.
# The tests run on SQLite; when DATABASE_URL points at PostgreSQL the web tests run again there.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
say "ruff"; .venv/bin/ruff check .
say "ruff format"; .venv/bin/ruff format --check .
say "mypy"; .venv/bin/mypy
say "import layers"; .venv/bin/lint-imports
say "tests on SQLite"; env -u DATABASE_URL .venv/bin/pytest "$@"
if [[ "${DATABASE_URL:-}" == postgres* ]]; then
  say "web tests on PostgreSQL (${DATABASE_URL%%@*}@…)"
  .venv/bin/pytest tests/web "$@"
fi
