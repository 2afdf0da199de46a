"""Concurrent analysts against one `waspada serve` process on the demo season (bench/dashboard.py --analysts).

Each simulated analyst has an account of its own (core.accounts, an analyst of one of --provinces),
logs in through /masuk like a person and then, round after round with no pause, replays the
callback requests the dashboard sent in Chromium (bench/dash_capture.py) for five steps: open the
map, switch the factor, open a kabupaten page (one of its province, in turn), open the inbox and
verify a report (a different `baru` report of its province each time, so every verify writes).
A step's time is from its first request to its last answer; waves are replayed in order, a
wave's requests in parallel, as the browser sends them. After each round the analyst fetches a
static asset, the anchor: the ratio of a step's median to the anchor's, under the same load,
carries across machines. Any answer other than 200 is counted and printed; a 204 the browser got
too (a callback with nothing to update) is listed as such.
Targets: p95 <= 800 ms per step with 30 analysts, <= 300 ms with one.
"""

from __future__ import annotations

import asyncio
import random
import statistics
import time
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import cycle
from pathlib import Path

import httpx
from sqlmodel import col, func, select

from bench._server import RunningServer, running_server
from bench.dash_capture import ACTIONS, Capture, capture
from core.accounts.people import create_account
from core.accounts.service import Principal
from core.config import Settings
from core.db import dispose_engines, get_engine, read_session, write_session
from models.account import AccountCreate, Role
from models.region import Kabupaten
from models.report import Report, ReportStatus

PASSWORD = "sandi-uji-beban-2024"
ANCHOR_PATH = "/assets/style.css"
TARGET_P95_MS = {1: 300.0, 30: 800.0}
UPDATE = "/_dash-update-component"
HEADERS = {"Content-Type": "application/json", "Accept": "application/json"}


@dataclass
class Analyst:
    """One simulated person: login, province, the kabupaten to visit and the reports to verify."""

    username: str
    provinsi: str
    kabupaten: list[str]
    reports: list[str] = field(default_factory=list)


@dataclass
class Tally:
    """Step times (ms), the anchor's times, and every answer's status."""

    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    anchor: list[float] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    requests: int = 0
    seconds: float = 0.0


def create_analysts(
    settings: Settings, provinces: list[str], count: int, tag: str, role: Role = Role.ANALYST
) -> list[Analyst]:
    """`count` accounts spread over the provinces, through core.accounts as the admin page does."""
    engine = get_engine(settings)
    admin = Principal(account_id=0, name="bench", role=Role.ADMIN)
    analysts = []
    with write_session(engine) as session:
        for index in range(count):
            provinsi = provinces[index % len(provinces)]
            username = f"{role.value}-{tag}-{index:02d}"
            scope = provinsi if role is Role.ANALYST else None
            account_in = AccountCreate(username=username, role=role, provinsi_kode=scope, password=PASSWORD)
            create_account(session=session, actor=admin, account_in=account_in)
            kodes = session.exec(
                select(Kabupaten.kode).where(col(Kabupaten.kode).startswith(f"{provinsi}."))
            ).all()
            analysts.append(Analyst(username, provinsi, sorted(kodes)))
    return analysts


def hand_out_reports(settings: Settings, analysts: list[Analyst], per_analyst: int) -> None:
    """Give each analyst its own `baru` reports of its province, newest first, none shared."""
    engine = get_engine(settings)
    by_province: dict[str, list[Analyst]] = defaultdict(list)
    for analyst in analysts:
        by_province[analyst.provinsi].append(analyst)
    with read_session(engine) as session:
        for provinsi, group in by_province.items():
            ids = session.exec(
                select(Report.id)
                .where(col(Report.kabupaten_kode).startswith(f"{provinsi}."))
                .where(Report.status == ReportStatus.BARU)
                .order_by(col(Report.received_at).desc())
                .limit(per_analyst * len(group))
            ).all()
            for offset, analyst in enumerate(group):
                analyst.reports = [str(rid) for rid in ids[offset :: len(group)]]


def verified_count(settings: Settings, report_ids: list[str]) -> int:
    """How many of these reports are now terverifikasi (the verify steps really wrote)."""
    with read_session(get_engine(settings)) as session:
        rows = session.exec(
            select(Report.status).where(col(Report.id).in_([uuid.UUID(r) for r in report_ids]))
        ).all()
    return sum(1 for status in rows if status == ReportStatus.TERVERIFIKASI)


def bodies_for(recorded: Capture, action: str, kode: str, report: str) -> list[list[str]]:
    """The step's waves with this analyst's kabupaten and report in place of the recorded ones."""
    waves = recorded.steps[action].waves
    if action == "open kabupaten":
        return [[body.replace(recorded.kabupaten, kode) for body in wave] for wave in waves]
    if action == "verify report":
        return [[body.replace(recorded.report_id, report) for body in wave] for wave in waves]
    return waves


async def log_in(client: httpx.AsyncClient, username: str) -> None:
    answer = await client.post("/masuk", data={"username": username, "password": PASSWORD, "next": "/"})
    if answer.status_code != 303 or "waspada_session" not in client.cookies:
        raise RuntimeError(f"login of {username} failed: {answer.status_code}")


@dataclass(frozen=True)
class Plan:
    """What every analyst does: the recorded steps, which of them, how often, and the pause after each."""

    recorded: Capture
    rounds: int
    actions: tuple[str, ...] = ACTIONS
    think_s: float = 0.0  # mean of an exponential pause after each step; 0 = none (a closed loop)


async def post_status(client: httpx.AsyncClient, body: str, tally: Tally) -> int:
    """One callback request's status; a broken connection counts as status 0 and is kept as an error."""
    try:
        return (await client.post(UPDATE, content=body, headers=HEADERS)).status_code
    except httpx.TransportError as exc:
        tally.errors.append(f"connection: {exc!r}")
        return 0


async def one_analyst(client: httpx.AsyncClient, plan: Plan, analyst: Analyst, tally: Tally) -> None:
    """Run the steps `rounds` times (pausing as planned), then the anchor, round after round."""
    recorded = plan.recorded
    expected = {action: recorded.steps[action].statuses for action in plan.actions}
    kodes, reports = cycle(analyst.kabupaten), iter(analyst.reports)
    pauses = random.Random(analyst.username)
    for _ in range(plan.rounds):
        for action in plan.actions:
            if plan.think_s:
                await asyncio.sleep(pauses.expovariate(1 / plan.think_s))
            kode = next(kodes) if action == "open kabupaten" else ""
            report = next(reports) if action == "verify report" else ""
            waves = bodies_for(recorded, action, kode, report)
            started = time.perf_counter()
            seen = []
            for wave in waves:
                seen += await asyncio.gather(*(post_status(client, body, tally) for body in wave))
            tally.times[action].append((time.perf_counter() - started) * 1000)
            tally.requests += len(seen)
            for status, browser_status in zip(seen, expected[action], strict=True):
                tally.statuses[(action, status, status == browser_status)] += 1
                if status != 200 and status != browser_status:
                    tally.errors.append(f"{analyst.username} {action}: HTTP {status}")
        started = time.perf_counter()
        answer = await client.get(ANCHOR_PATH)
        tally.anchor.append((time.perf_counter() - started) * 1000)
        tally.requests += 1
        tally.statuses[("anchor", answer.status_code, answer.status_code == 200)] += 1


async def run_level(base: str, plan: Plan, analysts: list[Analyst]) -> Tally:
    """All analysts at once: every one logs in first, then the clock starts for everyone together."""
    tally = Tally()
    # Idle connections are dropped before uvicorn's 5-second keep-alive ends them under a request.
    limits = httpx.Limits(max_connections=4, keepalive_expiry=4.0)
    clients = [httpx.AsyncClient(base_url=base, timeout=120, limits=limits) for _ in analysts]
    try:
        for client, analyst in zip(clients, analysts, strict=True):
            await log_in(client, analyst.username)
        started = time.perf_counter()
        await asyncio.gather(
            *(one_analyst(c, plan, a, tally) for c, a in zip(clients, analysts, strict=True))
        )
        tally.seconds = time.perf_counter() - started
    finally:
        await asyncio.gather(*(client.aclose() for client in clients))
    return tally


def percentile(samples: list[float], q: int) -> float:
    if len(samples) < 2:
        return samples[0]
    return statistics.quantiles(samples, n=100, method="inclusive")[q - 1]


def print_level(count: int, tally: Tally, title: str = "analyst(s)") -> dict[str, tuple[float, float]]:
    """p50 and p95 per step next to the target, the anchor, the request count and every non-200."""
    anchor = statistics.median(tally.anchor)
    target = TARGET_P95_MS.get(count)
    rate = tally.requests / tally.seconds if tally.seconds else 0.0
    print(
        f"\n{count} {title}: {len(tally.anchor) // count} rounds each, {tally.requests} requests "
        f"in {tally.seconds:.1f} s ({rate:.1f} req/s)"
    )
    print(f"  {'step':<16}{'p50':>10}{'p95':>10}{'max':>10}  {'p50/anchor':>10}  target p95")
    summary = {}
    for action, times in tally.times.items():
        p50, p95 = statistics.median(times), percentile(times, 95)
        verdict = "" if target is None else f"<= {target:.0f} ms: {'met' if p95 <= target else 'NOT MET'}"
        cells = f"{p50:>7.0f} ms{p95:>7.0f} ms{max(times):>7.0f} ms"
        print(f"  {action:<16}{cells}  {p50 / anchor:>10.1f}  {verdict}")
        summary[action] = (p50, p95)
    print(
        f"  {'anchor':<16}{anchor:>7.1f} ms{percentile(tally.anchor, 95):>7.1f} ms"
        f"{max(tally.anchor):>7.1f} ms  (GET {ANCHOR_PATH}, after each round)"
    )
    other = {key: n for key, n in tally.statuses.items() if key[1] != 200}
    for (action, status, as_browser), n in sorted(other.items()):
        note = "the browser got the same (a callback with nothing to update)" if as_browser else "ERROR"
        print(f"  non-200: {action}: HTTP {status} x {n}: {note}")
    print(f"  errors: {len(tally.errors)}" + "".join(f"\n    {line}" for line in tally.errors[:20]))
    return summary


def run(args) -> None:  # type: ignore[no-untyped-def]
    """Seed the demo season into a fresh server, record the steps in Chromium, then each level."""
    provinces = args.provinces.split(",")
    with running_server() as server:
        settings = server_settings(server)
        started = time.perf_counter()
        print(server.cli("seed", "demo").strip())
        print(f"demo season seeded in {time.perf_counter() - started:.0f} s; server pid {server.pid}")
        recorder = create_analysts(settings, provinces[:1], 1, "rekam")[0]
        recorded = capture(server.base_url, recorder.username, PASSWORD, args.day)
        for action in ACTIONS:
            step = recorded.steps[action]
            print(
                f"  recorded {action}: {step.requests} request(s) in {len(step.waves)} wave(s), "
                f"statuses {step.statuses}, {step.browser_ms:.0f} ms in the browser"
            )
        warm = create_analysts(settings, provinces[:1], 1, "panas")
        hand_out_reports(settings, warm, 2)
        asyncio.run(run_level(server.base_url, Plan(recorded, 2), warm))  # caches hot; discarded
        for think in args.think:
            for count in [n for n in args.analysts if n > 1 or not think]:  # one reader does not queue
                rounds = max(args.rounds, -(-args.samples // count))
                analysts = create_analysts(settings, provinces, count, f"n{count}t{think:g}")
                hand_out_reports(settings, analysts, rounds)
                plan = Plan(recorded, rounds, think_s=think)
                tally = asyncio.run(run_level(server.base_url, plan, analysts))
                pause = f"a pause of {think:g} s on average after each step" if think else "no pause"
                print_level(count, tally, f"analyst(s), {pause}")
                assigned = [rid for analyst in analysts for rid in analyst.reports[:rounds]]
                print(f"  verified in the database: {verified_count(settings, assigned)} of {len(assigned)}")
        dispose_engines()
    if args.inbox_db:
        inbox_at_scale(args.inbox_db, recorded, args.samples)


def inbox_at_scale(database: Path, recorded: Capture, runs: int) -> None:
    """The recorded 'open inbox' step over HTTP against a server on a big database (bench/inbox.py's)."""
    settings = Settings(database_url=f"sqlite:///{database}", embedded_scheduler=False)
    with read_session(get_engine(settings)) as session:
        stored = session.exec(select(func.count()).select_from(Report)).one()
    tag = uuid.uuid4().hex[:6]
    with running_server(settings.database_url) as server:
        print(f"\ninbox over HTTP, {stored:,} reports ({database}), one reader at a time, {runs} runs")
        for role, province in ((Role.ADMIN, "35"), (Role.ANALYST, "35")):
            readers = create_analysts(settings, [province], 1, tag, role)
            plan = Plan(recorded, runs + 1, actions=("open inbox",))
            tally = asyncio.run(run_level(server.base_url, plan, readers))
            for times in tally.times.values():
                del times[0]  # the first open warms the server's caches
            scope = "admin, every report" if role is Role.ADMIN else f"analyst of {province}"
            print_level(1, tally, f"reader ({scope})")
    dispose_engines()


def server_settings(server: RunningServer) -> Settings:
    """Settings for this process on the server's own database (accounts, report hand-out, checks)."""
    return Settings(database_url=server.env["WASPADA_DATABASE_URL"], embedded_scheduler=False)
