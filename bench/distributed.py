"""Several machines: `crawl --all --queue` with 2 workers against 1, on the same 40 portals (Crawl-delay 1).

40 generated portals (three layouts, `BENCH_DISTRIBUTED_ARTICLES` articles each, robots.txt
Crawl-delay 1), each served on its own 127.0.0.1 port, a real redis-server, and real
`portal-archive worker` processes (`--concurrency 4` each). Both runs crawl into fresh archives:
first with one worker (the baseline), then with two. Both workers run on this one machine, so the
figure shows what a second worker's job slots bring to a crawl bound by Crawl-delay, not a second
machine's CPU or link.

Then the merge's own rate, in articles a second, against the baseline of the same articles written
by the store directly (`Archive.save_article` from records already in memory: no shard to read,
nothing else to copy): the 40 small shards of the two-worker run merged again into a fresh archive
(`portal-archive merge`, timed inside), and one large shard (a generated portal of
`BENCH_DISTRIBUTED_MERGE_ARTICLES` articles, crawled with no Crawl-delay) merged alone.
"""
from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scraper.sample.generate import generate_portal
from scraper.sample.server import serve_portal

__all__ = ["run"]

ROOT = Path(__file__).resolve().parent.parent
PORTALS = int(os.environ.get("BENCH_DISTRIBUTED_PORTALS", "40"))
ARTICLES = int(os.environ.get("BENCH_DISTRIBUTED_ARTICLES", "10"))
MERGE_ARTICLES = int(os.environ.get("BENCH_DISTRIBUTED_MERGE_ARTICLES", "2000"))
CONCURRENCY = 4
LAYOUTS = ("phutho-aspnet", "wordpress", "generic")


def _portals(folder: Path) -> list[Path]:
    out = []
    for n in range(PORTALS):
        path = folder / f"portal-{n:02d}"
        generate_portal(str(path), ARTICLES, layout=LAYOUTS[n % len(LAYOUTS)], seed=n, crawl_delay=1,
                        site=f"huyện Mẫu {n}")
        out.append(path)
    return out


def _registry(path: Path, servers: dict) -> str:
    lines = []
    for name, server in servers.items():
        lines += ["[[site]]", f'name = "{name}"', f"start_urls = {json.dumps(server.start_urls())}",
                  f'family = "{server.manifest["family"]}"', ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return str(path)


def _queued_crawl(queue: str, registry: str, db: str, folder: Path, workers: int) -> tuple[float, int, str]:
    """Wall time of `crawl --all --queue` with `workers` workers, articles archived, and its exit."""
    from tests.queue_support import start_worker, stop_worker

    procs = []
    try:
        for n in range(workers):
            log = folder / f"worker-{workers}-{n}.log"
            procs.append((start_worker(queue, str(folder / f"shards-{workers}-{n}"), name=f"bench{workers}-{n}",
                                       log=str(log), concurrency=CONCURRENCY), log))
        for proc, log in procs:  # every worker ready before the clock starts
            while "ready." not in (log.read_text(errors="replace") if log.exists() else ""):
                if proc.poll() is not None:
                    raise RuntimeError(log.read_text(errors="replace")[-2000:])
                time.sleep(0.2)
        started = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "portal_archive", "crawl", "--all", "--queue", queue,
                                 "--registry", registry, "--db", db], capture_output=True, text=True, cwd=ROOT)
        elapsed = time.perf_counter() - started
    finally:
        for proc, _log in procs:
            stop_worker(proc)
    conn = sqlite3.connect(db)
    articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    conn.close()
    status = "ok" if result.returncode == 0 else f"exit {result.returncode}: {result.stderr.strip()[-300:]}"
    return elapsed, articles, status


def _merge_rate(shards: list[str], db: str) -> tuple[int, float, float]:
    """(articles, seconds of the merges themselves, seconds of the whole command) merging `shards` into `db`."""
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "portal_archive", "merge", *shards, "--db", db, "--format", "json"],
                            capture_output=True, text=True, cwd=ROOT, check=True)
    whole = time.perf_counter() - started
    merged = json.loads(result.stdout)
    return sum(m["articles"] for m in merged), sum(m["seconds"] for m in merged), whole


def _store_rate(shards: list[str], db: str) -> float:
    """Baseline: the same articles, with their raw pages, saved by the store from records in memory."""
    from archive.merge import _record  # the merge's own record reader, so both save the same records
    from archive.store import Archive, decompress

    records = []
    for shard in shards:
        conn = sqlite3.connect(shard)
        cur = conn.execute("SELECT * FROM articles ORDER BY id")
        names = [d[0] for d in cur.description]
        for row in cur.fetchall():
            art = dict(zip(names, row))
            raw = conn.execute("SELECT body, compression, content_type FROM raw_pages WHERE article_id = ? "
                               "ORDER BY id DESC LIMIT 1", (art["id"],)).fetchone()
            records.append((_record(conn, art), decompress(raw[0], raw[1]) if raw else None, raw[2] if raw else None))
        conn.close()
    started = time.perf_counter()
    with Archive(db) as archive:
        for record, body, content_type in records:
            archive.save_article(record, raw_body=body, content_type=content_type)
    return len(records) / (time.perf_counter() - started)


def _large_shard(folder: Path) -> str:
    """A shard of one generated portal of MERGE_ARTICLES articles (no Crawl-delay), crawled as a worker would."""
    portal = folder / "large-portal"
    generate_portal(str(portal), MERGE_ARTICLES, layout="phutho-aspnet", seed=99)
    shard = str(folder / "large" / "shard.db")
    with serve_portal(str(portal)) as server:
        subprocess.run([sys.executable, "-m", "portal_archive", "crawl", server.start_urls()[0], "--db", shard,
                        "--no-media"], capture_output=True, cwd=ROOT, check=True)
    return shard


def _merge_rows(label: str, shards: list[str], folder: Path, tag: str) -> list[str]:
    articles, merge_seconds, merge_whole = _merge_rate(shards, str(folder / f"merged-{tag}.db"))
    store = _store_rate(shards, str(folder / f"store-{tag}.db"))
    merge = articles / merge_seconds if merge_seconds else 0.0
    return [
        f"| {label}: baseline, `Archive.save_article` of the same records and raw pages from memory | {articles} | "
        f"{articles / store:.2f} s | {store:.0f} articles/s |",
        f"| {label}: `portal-archive merge` (the merges' own time) | {articles} | {merge_seconds:.2f} s | "
        f"{merge:.0f} articles/s ({merge / store:.0%} of the baseline) |",
        f"| {label}: the same command, process start included | {articles} | {merge_whole:.2f} s | "
        f"{articles / merge_whole:.0f} articles/s |",
    ]


def run() -> str:
    from tests.queue_support import redis_server

    with tempfile.TemporaryDirectory(prefix="bench-distributed-") as tmp, contextlib.ExitStack() as stack:
        folder = Path(tmp)
        servers = {p.name: stack.enter_context(serve_portal(str(p))) for p in _portals(folder / "portals")}
        registry = _registry(folder / "sites.toml", servers)
        queue = stack.enter_context(redis_server())
        one = _queued_crawl(queue, registry, str(folder / "one.db"), folder, 1)
        two = _queued_crawl(queue, registry, str(folder / "two.db"), folder, 2)
        shards = sorted(str(p) for p in folder.glob("shards-2-*/*/shard.db"))
        merge_rows = _merge_rows(f"{len(shards)} small shards", shards, folder, "small")
        merge_rows += _merge_rows("1 large shard", [_large_shard(folder)], folder, "large")
    command = "PYTHONPATH=. .venv/bin/python -m bench distributed"
    return "\n".join([
        "## Several machines: queue workers and the merge (`make bench BENCH=distributed`)",
        "",
        f"`{command}`: {PORTALS} generated portals ({ARTICLES} articles each, three layouts, robots.txt "
        f"Crawl-delay 1) on 127.0.0.1, a real redis-server, `portal-archive worker --concurrency {CONCURRENCY}` "
        "processes on this same machine, `portal-archive crawl --all --queue` into a fresh archive each time.",
        "",
        "| run | wall time | articles archived | result |",
        "| --- | ---: | ---: | --- |",
        f"| 1 worker (baseline) | {one[0]:.1f} s | {one[1]} | {one[2]} |",
        f"| 2 workers | {two[0]:.1f} s | {two[1]} | {two[2]} |",
        "",
        f"Two workers: {one[0] / two[0]:.2f}x the baseline's speed (wall time {two[0] / one[0]:.0%} of it). "
        "Both workers run on this one machine's two cores, beside the 40 portals' servers and the coordinator (and other work: the machine was shared): the second worker adds job slots against Crawl-delay, not CPU, so the gain is below the 2x that a second machine would bring a delay-bound crawl.",
        "",
        "| merge | articles | time | rate |",
        "| --- | ---: | ---: | ---: |",
        *merge_rows,
        "",
        "Small shards cost more per article than large ones: each merge opens the main archive, "
        "hashes the shard and commits at least three transactions, whatever its size.",
]) + "\n"
