"""Settings for every Waspada process, read from the environment (prefix WASPADA_)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = REPO_ROOT / "data"
DEFAULT_GEO_DIR = REPO_ROOT.parent / "shared" / "geo"


class Settings(BaseSettings):
    """Every knob of a deployment in one place, so a process is configured by env alone."""

    model_config = SettingsConfigDict(env_prefix="WASPADA_", extra="ignore")

    database_url: str = f"sqlite:///{DEFAULT_DATA_DIR / 'waspada.db'}"
    geo_dir: Path = DEFAULT_GEO_DIR
    report_timezone: str = "Asia/Jakarta"
    max_body_bytes: int = Field(default=256 * 1024, gt=0)
    max_batch_body_bytes: int = Field(default=8 * 1024 * 1024, gt=0)
    max_import_bytes: int = Field(default=64 * 1024 * 1024, gt=0)
    max_batch_items: int = Field(default=500, gt=0, le=5000)
    future_tolerance_minutes: int = Field(default=10, ge=0)
    sqlite_busy_timeout_ms: int = Field(default=30_000, ge=0)
    db_pool_size: int = Field(default=10, gt=0)
    embedded_scheduler: bool = True
    api_docs: bool = Field(default=True, description="Serve /docs and the OpenAPI schema")
    snapshot_cron: str = "0 6 * * mon"
    snapshot_catch_up_weeks: int = Field(default=12, ge=0)
    webhook_urls: list[str] = Field(default_factory=list)
    live_alert_interval_seconds: float = Field(default=30.0, gt=0)
    report_office: str = Field(
        default="Badan Kesatuan Bangsa dan Politik",
        description="Office named in the weekly report's letterhead",
    )
    report_logo: Path | None = Field(
        default=None, description="PNG or SVG file shown in the letterhead (embedded in the page)"
    )
    report_signatory_name: str = Field(default="", description="Who signs the weekly report")
    report_signatory_title: str = Field(default="", description="The signatory's title (jabatan)")
    risk_params: dict[str, Any] = Field(
        default_factory=dict, description="Overrides of core.risk.engine.RiskParams fields, as JSON"
    )

    @property
    def is_sqlite(self) -> bool:
        """SQLite needs pragmas and immediate transactions that PostgreSQL does not."""
        return self.database_url.startswith("sqlite")


@lru_cache
def get_settings() -> Settings:
    """Build settings once per process, on first use rather than at import time."""
    return Settings()
