#!/usr/bin/env bash
# Install everything and start Waspada on its embedded default: a SQLite file under data/,
# the region registry, the election calendar and a synthetic Pilkada 2024 season.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
.venv/bin/waspada seed demo
if [ ! -f data/.demo-admin-issued ]; then
  echo "A token for the demo administrator (log in to the dashboard or call the API with it):"
  .venv/bin/waspada token create --role admin --name "demo-admin-$(date +%s)" | tail -n 1
  touch data/.demo-admin-issued
else
  echo "Need a token? .venv/bin/waspada token create --role admin --name <your-name>"
fi
exec .venv/bin/waspada serve --host "${WASPADA_HOST:-127.0.0.1}" --port "${WASPADA_PORT:-8000}"
