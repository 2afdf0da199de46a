#!/usr/bin/env bash
# Install everything and start Waspada on its embedded default: a SQLite file under data/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
exec .venv/bin/waspada serve --host "${WASPADA_HOST:-127.0.0.1}" --port "${WASPADA_PORT:-8000}"
