"""Benchmark the geo layer: display build and size, locate() latency down to kecamatan, locate_many().

Run: .venv/bin/python bench/geo_display.py [GEO_DIR]
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from geo.display import build_display_geojson, build_kecamatan_display
from geo.locate import KabupatenLocator, KecamatanLocator, get_kecamatan_locator, get_locator
from geo.territory import nearest_place_country, offshore_kabupaten

REPO_ROOT = Path(__file__).resolve().parents[1]

INDONESIA_BOX = (94.9, -11.1, 141.1, 6.1)  # minlon, minlat, maxlon, maxlat
POINT_COUNT = 10_000
BATCH_SIZE = 500


def geo_dir_from_args() -> Path:
    """The pack directory: first argument, else WASPADA_GEO_DIR, else ../shared/geo."""
    if len(sys.argv) > 1:
        return Path(sys.argv[1])
    return Path(os.environ.get("WASPADA_GEO_DIR") or REPO_ROOT.parent / "shared" / "geo")


def vertex_count(body: bytes) -> int:
    """Count coordinate pairs in the served GeoJSON, rings' closing vertices included."""
    features = json.loads(body)["features"]
    total = 0
    for feature in features:
        geometry = feature["geometry"]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        total += sum(len(ring) for polygon in polygons for ring in polygon)
    return total


def bench_display(geo_dir: Path) -> None:
    """Report how long the map layer takes to build and how big it is on the wire."""
    started = time.perf_counter()
    display = build_display_geojson(geo_dir)
    elapsed = time.perf_counter() - started
    print(f"display build:      {elapsed:8.2f} s")
    print(f"features:           {display.feature_count:8d}")
    print(f"raw size:           {len(display.body) / 1000:8.1f} kB ({len(display.body)} bytes)")
    print(f"gzip size (lvl 9):  {display.gzip_size / 1000:8.1f} kB ({display.gzip_size} bytes)")
    print(f"vertices:           {vertex_count(display.body):8d}")
    print(f"etag:               {display.etag}")


def random_points(count: int, seed: int = 7) -> tuple[np.ndarray, np.ndarray]:
    """Uniform points over Indonesia's bounding box (land and sea alike)."""
    rng = np.random.default_rng(seed)
    min_lon, min_lat, max_lon, max_lat = INDONESIA_BOX
    return rng.uniform(min_lat, max_lat, count), rng.uniform(min_lon, max_lon, count)


def latencies(place: Callable[[float, float], object], seed: int) -> list[float]:
    """Per-call seconds of `place` over POINT_COUNT random points, sorted."""
    latitudes, longitudes = random_points(POINT_COUNT, seed=seed)
    timings = []
    for latitude, longitude in zip(latitudes.tolist(), longitudes.tolist(), strict=True):
        started = time.perf_counter()
        place(latitude, longitude)
        timings.append(time.perf_counter() - started)
    return sorted(timings)


def summary(timings: list[float]) -> str:
    median = statistics.median(timings) * 1e6
    p95 = timings[int(0.95 * len(timings)) - 1] * 1e6
    return f"median {median:7.1f} us, p95 {p95:7.1f} us"


def bench_locate(locator: KabupatenLocator) -> None:
    """Per-call latency of locate(), and of the whole territory decision intake makes.

    The decision (geo.territory) runs only for points outside every polygon: the nearest
    kabupaten and the nearest town's country. locate() alone is the anchor of the same run.
    """
    nearest_place_country(0.0, 120.0)  # the town table loads once per process (about 1 s)

    def decide(latitude: float, longitude: float) -> str | None:
        return locator.locate(latitude, longitude) or offshore_kabupaten(locator, latitude, longitude)

    alone, decided = latencies(locator.locate, seed=7), latencies(decide, seed=7)
    print(f"locate() x{POINT_COUNT}:    {summary(alone)}")
    ratio = statistics.median(decided) / statistics.median(alone)
    print(f"territory x{POINT_COUNT}:   {summary(decided)} ({ratio:.2f}x locate, land and sea alike)")


def bench_locate_many(locator: KabupatenLocator) -> None:
    """Throughput of the bulk path, in one call and in batches of 500 (the import size)."""
    latitudes, longitudes = random_points(POINT_COUNT, seed=11)
    started = time.perf_counter()
    located = locator.locate_many(latitudes, longitudes)
    elapsed = time.perf_counter() - started
    on_land = sum(kode is not None for kode in located)
    print(
        f"locate_many x{POINT_COUNT}: {elapsed * 1000:7.1f} ms, "
        f"{POINT_COUNT / elapsed:10.0f} points/s ({on_land} on land)"
    )
    started = time.perf_counter()
    for start in range(0, POINT_COUNT, BATCH_SIZE):
        batch = slice(start, start + BATCH_SIZE)
        locator.locate_many(latitudes[batch], longitudes[batch])
    elapsed = time.perf_counter() - started
    per_batch = elapsed / (POINT_COUNT / BATCH_SIZE) * 1000
    print(f"locate_many x{BATCH_SIZE}:   {per_batch:7.2f} ms per batch")


def bench_locate_kecamatan(locator: KabupatenLocator, kecamatan: KecamatanLocator) -> None:
    """Per-call latency of placing a point in its kabupaten and then its kecamatan, as intake does.

    Points are the random ones that fall on land; the kabupaten lookup alone is the anchor.
    """
    latitudes, longitudes = random_points(POINT_COUNT * 3, seed=13)
    located = locator.locate_many(latitudes, longitudes)
    points = zip(latitudes.tolist(), longitudes.tolist(), located, strict=True)
    on_land = [(lat, lon, kode) for lat, lon, kode in points if kode]
    anchor, timings = [], []
    for lat, lon, kode in on_land[:POINT_COUNT]:
        started = time.perf_counter()
        locator.locate(lat, lon)
        anchor.append(time.perf_counter() - started)
        started = time.perf_counter()
        kecamatan.locate_in(kode, lat, lon)
        timings.append(time.perf_counter() - started)
    anchor.sort()
    timings.sort()
    ratio = statistics.median(timings) / statistics.median(anchor)
    print(f"kabupaten x{len(anchor)}:   {summary(anchor)} (anchor)")
    print(f"kecamatan x{len(timings)}:   {summary(timings)} ({ratio:.2f}x the kabupaten lookup)")


def bench_kecamatan_layers(geo_dir: Path) -> None:
    """Every kabupaten's kecamatan layer: gzip size at the median and the largest, build time."""
    kodes = sorted({kode[:5] for kode in get_kecamatan_locator(geo_dir).kodes})
    sizes, builds = [], []
    for kode in kodes:
        started = time.perf_counter()
        layer = build_kecamatan_display(geo_dir, kode)
        builds.append(time.perf_counter() - started)
        assert layer is not None
        sizes.append((layer.gzip_size, kode))
    sizes.sort()
    largest, largest_kode = sizes[-1]
    median_kb = statistics.median(size for size, _ in sizes) / 1000
    build_ms = statistics.median(builds) * 1000
    print(
        f"kecamatan layers x{len(kodes)}: gzip median {median_kb:.1f} kB, "
        f"largest {largest / 1000:.1f} kB ({largest_kode}); build median {build_ms:.1f} ms"
    )


def main() -> None:
    """Run every benchmark against one pack directory."""
    geo_dir = geo_dir_from_args()
    bench_display(geo_dir)
    started = time.perf_counter()
    locator = get_locator(geo_dir)
    print(f"locator load:       {time.perf_counter() - started:8.2f} s")
    bench_locate(locator)
    bench_locate_many(locator)
    started = time.perf_counter()
    kecamatan = get_kecamatan_locator(geo_dir)
    print(f"kecamatan load:     {time.perf_counter() - started:8.2f} s")
    bench_locate_kecamatan(locator, kecamatan)
    bench_kecamatan_layers(geo_dir)


if __name__ == "__main__":
    main()
