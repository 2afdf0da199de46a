"""Start a real `waspada serve` on loopback against a fresh database, for benchmarks."""

from __future__ import annotations

import os
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent
WASPADA = REPO / ".venv" / "bin" / "waspada"


@dataclass(frozen=True)
class RunningServer:
    base_url: str
    env: dict[str, str]
    pid: int = 0  # the server process, for a profiler to attach to

    def cli(self, *args: str) -> str:
        """Run an operator command against this server's database; its output."""
        out = subprocess.run([str(WASPADA), *args], env=self.env, check=True, capture_output=True, text=True)
        return out.stdout

    def token(self, *args: str) -> str:
        """Issue a token with the CLI, as an operator would."""
        return self.cli("token", "create", *args).strip().splitlines()[-1]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def running_server(database_url: str | None = None, workers: int = 1) -> Iterator[RunningServer]:
    """A server process on a fresh SQLite file (or the given URL), stopped afterwards."""
    with tempfile.TemporaryDirectory() as tmp:
        url = database_url or f"sqlite:///{Path(tmp) / 'bench.db'}"
        env = {**os.environ, "WASPADA_DATABASE_URL": url, "WASPADA_EMBEDDED_SCHEDULER": "false"}
        port = free_port()
        log = (Path(tmp) / "server.log").open("wb")
        process = subprocess.Popen(
            [str(WASPADA), "serve", "--port", str(port), "--workers", str(workers)],
            env=env,
            stdout=log,
            stderr=log,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            wait_healthy(base, process)
            yield RunningServer(base, env, process.pid)
        finally:
            process.terminate()
            process.wait(timeout=30)


def wait_healthy(base: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("server exited during start-up")
        try:
            if httpx.get(f"{base}/api/v1/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.25)
    raise RuntimeError("server did not become healthy")
