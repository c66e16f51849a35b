#!/usr/bin/env bash
# Set up Oversight in this clone: a virtual environment at .venv with the locked Python
# packages, the front-end packages and the compiled stylesheet. Idempotent: run it again after a
# pull. Needs Python 3.11+, Node 20+ and npm, and the package registries (PyPI, npm).
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
fail() { printf 'setup: %s\n' "$*" >&2; exit 2; }

python=${PYTHON:-python3}
command -v "$python" >/dev/null || fail "Python 3.11 or newer is needed (python3 not found)."
"$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' ||
  fail "Python 3.11 or newer is needed; $("$python" --version) found. Set PYTHON=/path/to/python3.11."
command -v npm >/dev/null || fail "Node 20+ and npm are needed (npm not found)."
node -e 'process.exit(parseInt(process.versions.node) < 20 ? 1 : 0)' ||
  fail "Node 20 or newer is needed; $(node --version) found."

if [ ! -x .venv/bin/python ]; then
  say "Creating the virtual environment (.venv)"
  "$python" -m venv .venv
fi
if [ ! -x .venv/bin/uv ]; then
  say "Installing uv into .venv"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check uv
fi
say "Installing the locked Python packages (requirements.txt)"
.venv/bin/uv pip sync --quiet --python .venv/bin/python requirements.txt
.venv/bin/uv pip install --quiet --python .venv/bin/python --no-deps -e .

say "Installing the front-end packages and compiling the stylesheet"
npm ci --no-audit --no-fund --loglevel=error
npm run --silent build
say "Set up."
