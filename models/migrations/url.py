"""The database URL the migrations run against, found without importing anything above models."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

ENV_VAR = "WASPADA_DATABASE_URL"
REPO_ROOT = Path(__file__).resolve().parents[2]
# Waspada's own default (core.config.Settings.database_url); a test keeps the two equal.
DEFAULT_URL = f"sqlite:///{REPO_ROOT / 'data' / 'waspada.db'}"


def migration_url(configured: str | None, environ: Mapping[str, str] = os.environ) -> str:
    """The Alembic config's URL (core.schema sets it), else WASPADA_DATABASE_URL, else the default file."""
    return configured or environ.get(ENV_VAR) or DEFAULT_URL
