"""`alembic upgrade head` by hand: reads WASPADA_DATABASE_URL and never imports core."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from alembic.script import ScriptDirectory

from core.schema import alembic_config

REPO_ROOT = Path(__file__).resolve().parents[3]
BY_HAND = """
import sys
from alembic.config import main
main(["upgrade", "head"])
print(sorted({name.split(".")[0] for name in sys.modules} & {"core", "api", "dashboard", "seeds", "cli"}))
"""


def test_alembic_by_hand_migrates_the_database_the_environment_names(tmp_path: Path) -> None:
    target = tmp_path / "by-hand.db"
    env = {**os.environ, "WASPADA_DATABASE_URL": f"sqlite:///{target}"}
    done = subprocess.run(
        [sys.executable, "-c", BY_HAND], cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"
    with sqlite3.connect(target) as db:
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        (version,) = db.execute("SELECT version_num FROM alembic_version").fetchone()
    assert {"report", "report_daily", "kabupaten", "account"} <= tables
    assert version == ScriptDirectory.from_config(alembic_config(f"sqlite:///{target}")).get_current_head()
