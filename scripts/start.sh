#!/usr/bin/env bash
# Install everything and start Waspada on its embedded default: a SQLite file under data/,
# the region registry, the election calendar and a synthetic Pilkada 2024 season.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
.venv/bin/waspada seed demo
# On the first start: the administrator 'admin' and a one-time password, changed at first login.
.venv/bin/waspada account first-admin
exec .venv/bin/waspada serve --host "${WASPADA_HOST:-127.0.0.1}" --port "${WASPADA_PORT:-8000}"
