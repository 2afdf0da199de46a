"""An acknowledged report survives kill -9 of the server (SQLite file, real uvicorn process)."""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import threading
import time
from pathlib import Path

import httpx
import pytest

from tests.factories import report_payload

REPO = Path(__file__).resolve().parent.parent
WASPADA = REPO / ".venv" / "bin" / "waspada"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _start(env: dict[str, str], port: int, log: Path) -> subprocess.Popen[bytes]:
    handle = log.open("ab")
    process = subprocess.Popen(
        [str(WASPADA), "serve", "--port", str(port)], env=env, stdout=handle, stderr=handle
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=1).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"server did not start: {log.read_text()[-2000:]}")


def _token(env: dict[str, str]) -> str:
    out = subprocess.run(
        [str(WASPADA), "token", "create", "--role", "officer", "--kabupaten", "81.02", "--name", "crash"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return out.stdout.strip().splitlines()[-1]


@pytest.mark.slow
def test_acknowledged_reports_survive_sigkill(tmp_path: Path, geo_dir: Path) -> None:
    db = tmp_path / "waspada.db"
    env = {**os.environ, "WASPADA_DATABASE_URL": f"sqlite:///{db}", "WASPADA_GEO_DIR": str(geo_dir)}
    port = _free_port()
    server = _start(env, port, tmp_path / "server.log")
    token = _token(env)
    acknowledged: list[str] = []
    lock = threading.Lock()
    stop = threading.Event()

    def post_until_killed() -> None:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=5) as http:
            while not stop.is_set():
                payload = report_payload()
                try:
                    response = http.post(
                        "/api/v1/reports", json=payload, headers={"Authorization": f"Bearer {token}"}
                    )
                except httpx.HTTPError:
                    continue
                if response.status_code in (200, 201):
                    with lock:
                        acknowledged.append(payload["id"])

    threads = [threading.Thread(target=post_until_killed) for _ in range(8)]
    for thread in threads:
        thread.start()
    time.sleep(3)
    server.send_signal(signal.SIGKILL)
    server.wait()
    stop.set()
    for thread in threads:
        thread.join()
    assert len(acknowledged) > 20, "too few reports were acknowledged before the kill to prove much"

    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = {row[0] for row in conn.execute("select id from report")}
    assert {i.replace("-", "") for i in acknowledged} <= stored

    restarted = _start(env, port, tmp_path / "server.log")
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) as http:
            for report_id in acknowledged[:: max(1, len(acknowledged) // 25)]:
                response = http.get(
                    f"/api/v1/reports/{report_id}", headers={"Authorization": f"Bearer {token}"}
                )
                assert response.status_code == 200
            # the real server names no software and carries the security headers
            assert "server" not in response.headers
            assert response.headers["x-content-type-options"] == "nosniff"
    finally:
        restarted.terminate()
        restarted.wait(timeout=20)
