"""Ingest benchmark: single POSTs at 50 and 200 req/s offered load, at saturation, and batches.

Runs a real `waspada serve` (uvicorn, one process) on loopback with a SQLite file, as the
embedded default does, and prints latency percentiles and throughput. In the same run it
measures the anchor (`bench/anchor.py`: a plain FastAPI + SQLModel insert endpoint) with the
same wrk load and prints Waspada's saturation as a ratio to the anchor's.

    .venv/bin/python bench/ingest.py [--seconds 15] [--demo]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench._server import free_port, running_server, wait_healthy

WRK_SCRIPT = Path(__file__).resolve().parent / "ingest_wrk.lua"
ANCHOR = Path(__file__).resolve().parent / "anchor.py"


def report(i: int) -> dict:
    return {
        "id": str(uuid.uuid4()),
        "kabupaten_kode": "81.02",
        "occurred_at": (datetime.now(UTC) - timedelta(minutes=i % 600)).isoformat(),
        "category": ["unjuk_rasa", "hoaks", "kampanye", "bentrokan"][i % 4],
        "severity": 1 + i % 5,
        "title": f"Laporan uji beban {i}",
        "description": "Massa berkumpul di depan kantor KPU kabupaten. " * 4,
        "crowd_size": 150,
    }


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def summary(label: str, latencies: list[float], elapsed: float, errors: int) -> None:
    ms = [v * 1000 for v in latencies]
    print(
        f"{label:<28} n={len(ms):>6}  p50={percentile(ms, 50):7.1f} ms  p95={percentile(ms, 95):7.1f} ms  "
        f"p99={percentile(ms, 99):7.1f} ms  throughput={len(ms) / elapsed:7.1f} req/s  errors={errors}"
    )


async def open_loop(base: str, token: str, rate: float, seconds: float) -> None:
    """Send at a fixed rate whatever the server does (latency under offered load)."""
    latencies: list[float] = []
    errors = 0
    limits = httpx.Limits(max_connections=400, max_keepalive_connections=400)
    timeout = httpx.Timeout(30, pool=None)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=timeout) as client:
        headers = {"Authorization": f"Bearer {token}"}

        async def one(i: int) -> None:
            nonlocal errors
            started = time.perf_counter()
            try:
                response = await client.post("/api/v1/reports", json=report(i), headers=headers)
            except httpx.HTTPError:
                errors += 1
                return
            if response.status_code != 201:
                errors += 1
            latencies.append(time.perf_counter() - started)

        total = int(rate * seconds)
        start = time.perf_counter()
        tasks = []
        for i in range(total):
            delay = start + i / rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(one(i)))
        await asyncio.gather(*tasks)
        summary(f"offered {rate:.0f} req/s", latencies, time.perf_counter() - start, errors)


async def closed_loop(base: str, token: str, workers: int, seconds: float) -> None:
    """As fast as `workers` clients can go: the server's saturation throughput."""
    latencies: list[float] = []
    errors = 0
    async with httpx.AsyncClient(base_url=base, timeout=30) as client:
        headers = {"Authorization": f"Bearer {token}"}
        deadline = time.perf_counter() + seconds

        async def worker(offset: int) -> None:
            nonlocal errors
            i = offset
            while time.perf_counter() < deadline:
                started = time.perf_counter()
                response = await client.post("/api/v1/reports", json=report(i), headers=headers)
                latencies.append(time.perf_counter() - started)
                errors += response.status_code != 201
                i += workers

        start = time.perf_counter()
        await asyncio.gather(*(worker(w) for w in range(workers)))
        summary(f"saturation ({workers} clients)", latencies, time.perf_counter() - start, errors)


def batches(base: str, token: str, count: int, size: int) -> None:
    """Offline queues flushed in batches of `size`."""
    timings = []
    with httpx.Client(base_url=base, timeout=120) as client:
        headers = {"Authorization": f"Bearer {token}"}
        for b in range(count):
            body = {"reports": [report(b * size + i) for i in range(size)]}
            started = time.perf_counter()
            response = client.post("/api/v1/reports/batch", json=body, headers=headers)
            timings.append(time.perf_counter() - started)
            assert response.status_code == 200 and response.json()["created"] == size, response.text[:300]
    per_batch = statistics.median(timings)
    print(
        f"{'batch of ' + str(size):<28} n={count:>6}  median={per_batch * 1000:7.1f} ms/batch  "
        f"throughput={size / per_batch:9.0f} reports/s (median), {size * count / sum(timings):9.0f} overall"
    )


def wrk_saturation(
    label: str, base_url: str, env: dict[str, str], token: str, seconds: float
) -> dict[int, float]:
    """Saturation measured with wrk (native, near-zero client CPU) at 8 and 32 connections."""
    occurred = (datetime.now(UTC) - timedelta(hours=1)).isoformat()
    env = {**env, "WASPADA_BENCH_TOKEN": token, "WASPADA_BENCH_OCCURRED": occurred}
    rates: dict[int, float] = {}
    for connections in (8, 32):
        out = subprocess.run(
            [
                "wrk",
                "-t1",
                f"-c{connections}",
                f"-d{int(seconds)}s",
                "--latency",
                "-s",
                str(WRK_SCRIPT),
                base_url,
            ],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        rate = re.search(r"Requests/sec:\s+([\d.]+)", out)
        p50, p99 = (re.search(rf"{q}%\s+([\d.]+\w+)", out) for q in (50, 99))
        errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
        rates[connections] = float(rate.group(1)) if rate else 0.0
        print(
            f"{label + f' wrk ({connections} conns)':<28} p50={p50.group(1) if p50 else '?':>9}  "
            f"p99={p99.group(1) if p99 else '?':>9}  throughput={rates[connections]:7.1f} req/s  "
            f"non-2xx={errors.group(1) if errors else 0}"
        )
    return rates


@contextmanager
def running_anchor() -> Iterator[str]:
    """The anchor (bench/anchor.py) on its own SQLite file; yields its base URL."""
    with tempfile.TemporaryDirectory() as tmp:
        port = free_port()
        process = subprocess.Popen(
            [sys.executable, str(ANCHOR), "--port", str(port), "--database", str(Path(tmp) / "anchor.db")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            wait_healthy(base, process)
            yield base
        finally:
            process.terminate()
            process.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--workers", type=int, default=1, help="server processes (the embedded default is 1)")
    parser.add_argument("--demo", action="store_true", help="first load the demo season, as start.sh does")
    parser.add_argument("--saturation-only", action="store_true", help="only wrk: Waspada and anchor")
    args = parser.parse_args()
    with running_server(workers=args.workers) as server:
        if args.demo:
            print(server.cli("seed", "demo").strip().splitlines()[-1])
        token = server.token("--role", "officer", "--kabupaten", "81.02", "--name", "bench")
        asyncio.run(closed_loop(server.base_url, token, 8, 3))  # warm-up
        if not args.saturation_only:
            asyncio.run(open_loop(server.base_url, token, 50, args.seconds))
            asyncio.run(open_loop(server.base_url, token, 200, args.seconds))
            asyncio.run(closed_loop(server.base_url, token, 32, args.seconds))
            batches(server.base_url, token, 20, 500)
        if shutil.which("wrk") is None:
            print("wrk not installed (apt-get install wrk): native saturation and the anchor ratio skipped")
            return
        waspada = wrk_saturation("waspada", server.base_url, server.env, token, args.seconds)
    with running_anchor() as anchor_url:
        anchor = wrk_saturation("anchor", anchor_url, dict(os.environ), "none", args.seconds)
    for connections, rate in waspada.items():
        ratio = rate / anchor[connections] if anchor[connections] else float("nan")
        print(f"{f'ratio to anchor ({connections} conns)':<28} {ratio:5.2f}x  (target >= 1.5x)")


if __name__ == "__main__":
    main()
