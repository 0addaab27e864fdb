"""Scheduled crawls: many portals at once versus one after another, and `health` at 700 portals.

1. The sample portals in tests/fixtures/portals, each served on its own port, crawled with
   `portal-archive crawl --all --jobs 1` (baseline: one portal after another) and then
   `--jobs N` (one worker per portal), each into a fresh archive. Same portals, same run.
2. `portal-archive health` over an archive holding 700 portals x 365 nightly runs of snapshots,
   against the baseline of merely reading those rows with one SELECT.
"""
from __future__ import annotations

import contextlib
import json
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from archive.health import FIELDS, health_report, portal_health
from archive.store import Archive
from scraper.sample.server import serve_portal

__all__ = ["run"]

ROOT = Path(__file__).resolve().parent.parent
PORTALS = ROOT / "tests" / "fixtures" / "portals"


def _crawl_all(registry: str, db: str, jobs: int, logs: str) -> tuple[float, int, tuple[str, float]]:
    """Wall time, articles archived, and the slowest portal with its own crawl time."""
    command = [sys.executable, "-m", "portal_archive", "crawl", "--all", "--registry", registry, "--db", db,
               "--jobs", str(jobs), "--log-dir", logs, "--format", "json"]
    started = time.perf_counter()
    outcomes = json.loads(subprocess.run(command, check=True, capture_output=True, cwd=ROOT).stdout)
    elapsed = time.perf_counter() - started
    conn = sqlite3.connect(db)
    articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    conn.close()
    durations = {o["portal"]: (datetime.fromisoformat(o["finished_at"]) - datetime.fromisoformat(o["started_at"]))
                 .total_seconds() for o in outcomes}
    slowest = max(durations, key=durations.get)
    return elapsed, articles, (slowest, durations[slowest])


def _crawl_section(tmp: Path) -> list[str]:
    names = sorted(p.name for p in PORTALS.iterdir() if (p / "manifest.json").exists())
    with contextlib.ExitStack() as stack:
        servers = {n: stack.enter_context(serve_portal(str(PORTALS / n))) for n in names}
        registry = tmp / "sites.toml"
        registry.write_text("\n".join(
            f'[[site]]\nname = "{n}"\nstart_urls = {json.dumps(s.start_urls())}\nfamily = "{s.manifest["family"]}"\n'
            for n, s in servers.items()), encoding="utf-8")
        sequential, n_seq, _ = _crawl_all(str(registry), str(tmp / "seq.db"), 1, str(tmp / "logs-seq"))
        parallel, n_par, (slowest, alone) = _crawl_all(str(registry), str(tmp / "par.db"), len(names),
                                                       str(tmp / "logs-par"))
    return [
        f"### `crawl --all` over {len(names)} sample portals (robots.txt Crawl-delay 1-2 s on some)",
        "",
        "| command | wall time | articles archived |",
        "| --- | ---: | ---: |",
        f"| `portal-archive crawl --all --jobs 1` (baseline: one portal after another) | {sequential:.1f} s | {n_seq} |",
        f"| `portal-archive crawl --all --jobs {len(names)}` (one worker per host) | {parallel:.1f} s | {n_par} |",
        "",
        f"Several hosts at once: {sequential / parallel:.1f}x faster, each host still crawled by one "
        "worker at a time, at its own Crawl-delay. The parallel run cannot end before its slowest "
        f"portal: `{slowest}` took {alone:.1f} s by itself (its robots.txt delay times its pages).",
    ]


def _synthetic_snapshots(db: str, portals: int, runs: int) -> None:
    rng = random.Random(7)
    Archive(db).close()  # the archive's schema, portal_runs included
    conn = sqlite3.connect(db)
    start = datetime.now(timezone.utc) - timedelta(days=runs)
    rows = []
    for p in range(portals):
        for r in range(runs):
            articles = rng.randint(0, 30)
            when = (start + timedelta(days=r)).replace(microsecond=0).isoformat()
            shares = [rng.randint(int(articles * 0.8), articles) if articles else 0 for _ in FIELDS]
            rows.append((f"portal-{p:03d}", p * runs + r + 1, when, when, 0, rng.randint(0, 5), 0, 0,
                         articles + 5, articles + 20, rng.randint(0, 2), articles, *shares))
    columns = ("portal, run_id, started_at, finished_at, exit_code, new, updated, unchanged, found, fetches, "
               "fetch_errors, articles, " + ", ".join(f"with_{n}" for n in FIELDS))
    marks = ", ".join("?" for _ in range(12 + len(FIELDS)))
    with conn:
        conn.executemany(f"INSERT INTO portal_runs ({columns}) VALUES ({marks})", rows)
    conn.close()


def _health_section(tmp: Path, portals: int = 700, runs: int = 365) -> list[str]:
    db = str(tmp / "health.db")
    _synthetic_snapshots(db, portals, runs)
    conn = sqlite3.connect(db)
    started = time.perf_counter()
    rows = conn.execute("SELECT * FROM portal_runs ORDER BY id DESC").fetchall()
    read = time.perf_counter() - started
    started = time.perf_counter()
    report = health_report(portal_health(conn))
    judged = time.perf_counter() - started
    conn.close()
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "portal_archive", "health", "--db", db], capture_output=True, cwd=ROOT)
    whole = time.perf_counter() - started
    return [
        f"### `health` over {portals} portals x {runs} runs ({len(rows):,} snapshots)",
        "",
        "| what | time |",
        "| --- | ---: |",
        f"| baseline: `SELECT * FROM portal_runs` (read every snapshot) | {read * 1000:.0f} ms |",
        f"| `archive.health.portal_health` (verdicts for {report['portals']} portals) | {judged * 1000:.0f} ms |",
        f"| `portal-archive health --db health.db` (whole command, process start included) | {whole * 1000:.0f} ms |",
    ]


def run() -> str:
    with tempfile.TemporaryDirectory(prefix="bench-schedule-") as tmp:
        lines = ["## Scheduled crawls and health (`make bench BENCH=schedule`)", ""]
        lines += _crawl_section(Path(tmp)) + [""] + _health_section(Path(tmp))
    return "\n".join(lines) + "\n"
