#!/usr/bin/env bash
# Install everything and run the whole test suite against SQLite and a real PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh

# PostgreSQL is mandatory: start the local cluster if it is down, fail if it stays unreachable.
PG_HOST=127.0.0.1 PG_PORT=5432
if ! pg_isready -q -h "$PG_HOST" -p "$PG_PORT" 2>/dev/null; then
  if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start || true
  fi
  for _ in $(seq 1 30); do pg_isready -q -h "$PG_HOST" -p "$PG_PORT" && break; sleep 1; done
fi
if ! pg_isready -q -h "$PG_HOST" -p "$PG_PORT"; then
  echo "PostgreSQL at $PG_HOST:$PG_PORT is unreachable; the PostgreSQL suite is mandatory" >&2
  exit 1
fi
psql -h "$PG_HOST" -U postgres -d postgres -Atc "select 1 from pg_database where datname = 'test'" | grep -q 1 \
  || psql -h "$PG_HOST" -U postgres -d postgres -qc "create database test"

# Browser tests drive Debian's Chromium; never a browser a tool downloads by itself.
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq chromium chromium-driver >/dev/null
fi

.venv/bin/ruff check .
exec .venv/bin/pytest -n 2 --dist loadgroup -q "$@"
