#!/usr/bin/env bash
# Install Waspada's exact, locked dependencies into .venv (shared by start.sh and test.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
UV_VERSION=0.13.8
if ! python3 -m uv --version 2>/dev/null | grep -q "$UV_VERSION"; then
  python3 -m pip install --quiet --disable-pip-version-check "uv==$UV_VERSION"
fi
export UV_PYTHON_DOWNLOADS=never
python3 -m uv sync --frozen --quiet --python "$(command -v python3)"
