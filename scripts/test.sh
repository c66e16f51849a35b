#!/usr/bin/env bash
# Set up, then run every check CI runs: ruff, formatting, mypy, import layers, and the tests.
# The tests run on SQLite; when DATABASE_URL points at PostgreSQL the web tests run again there.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# The browser tests drive Debian's Chromium. As root, install it when it is missing; otherwise
# say how, and those tests are skipped.
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "Installing Debian's Chromium for the browser tests (apt-get)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    printf 'test: /usr/bin/chromium is missing: the browser tests will be skipped (install it with: sudo apt-get install chromium)\n' >&2
  fi
fi

say "ruff"; .venv/bin/ruff check .
say "ruff format"; .venv/bin/ruff format --check .
say "mypy"; .venv/bin/mypy
say "import layers"; .venv/bin/lint-imports
say "tests on SQLite"; env -u DATABASE_URL .venv/bin/pytest "$@"
if [[ "${DATABASE_URL:-}" == postgres* ]]; then
  say "web tests on PostgreSQL (${DATABASE_URL%%@*}@…)"
  .venv/bin/pytest tests/web "$@"
fi
