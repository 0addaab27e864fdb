"""Chaos: what a crawl keeps when it is killed, and (from the modules that measure them) hostile
inputs, a busy archive and broken WARC files.

1. A generated portal of 2,000 articles (100 listing pages) is crawled once cleanly (the
   baseline), then into a second archive five times killed with SIGKILL of the crawl's process
   group at a random moment 1.5-6 s after each run's first request, then once with a plain
   `portal-archive crawl URL`. The second archive is compared with the clean one: articles lost,
   duplicated, different in any field (must be 0 / 0 / 0). Also measured: pages fetched by the
   killed runs and the final run against the clean crawl's, and the final run's time. The same
   again (`scripts`) on 1,000 articles whose view counts are each written by a script the crawl
   asks before the page goes to the archive.
2. The sections of bench.chaos_inputs, bench.chaos_archive and bench.chaos_warc, when present.

    python -m bench chaos                            # BENCH_CHAOS_KILL_ARTICLES=500 for a quick look
    BENCH_CHAOS_PARTS=kills python -m bench chaos    # the kill series only (parts: kills scripts inputs archive warc)
"""
from __future__ import annotations

import importlib
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

from scraper.sample.chaos import compare_archives, kill_series, plain_crawl, views_as_expected
from scraper.sample.generate import generate_portal
from scraper.sample.server import serve_portal

__all__ = ["run"]

ROOT = Path(__file__).resolve().parent.parent
KILLS = 5
SEED = 14
# The chaos sections other parts of the project measure (each module's run() returns its text), by part name.
OTHER_SECTIONS = {"inputs": "bench.chaos_inputs", "archive": "bench.chaos_archive", "warc": "bench.chaos_warc"}


def _summary(result) -> dict:
    try:
        return json.loads(result.stdout)
    except ValueError:
        return {}


def _kill_section(tmp: Path, n_articles: int, views_by_script: bool = False) -> list[str]:
    folder = str(tmp / "portal")
    manifest = generate_portal(folder, n_articles, per_page=20, seed=SEED, views_by_script=views_by_script)
    # the crawl runs from this tree whatever the caller's working directory; no Crawl-delay cap is
    # needed (the generated portal asks for none)
    env = {"PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)}
    with serve_portal(folder) as server:
        start = server.base_url + manifest["start_urls"][0]
        began = time.perf_counter()
        clean = plain_crawl(start, str(tmp / "clean.db"), env=env)
        clean_seconds = time.perf_counter() - began
        clean_pages = len(server.requests)
        db = str(tmp / "killed.db")
        runs = kill_series(start, db, kills=KILLS, rng=random.Random(SEED), env=env, requests=server.requests)
        killed_pages = len(server.requests) - clean_pages
        began = time.perf_counter()
        final = plain_crawl(start, db, env=env)
        final_seconds = time.perf_counter() - began
        final_pages = len(server.requests) - clean_pages - killed_pages
    found = compare_archives(str(tmp / "clean.db"), db)
    counted = views_as_expected(folder, db) if views_by_script else None
    summary = _summary(final)
    delays = ", ".join(f"{r['delay']:.1f} s ({r['archived']:,} archived" + (", ended first)" if r["ended_by_itself"] else ")")
                       for r in runs)
    verdict = "PASS" if (found["lost"], found["duplicated"], found["different"]) == (0, 0, 0) else "FAIL"
    scripts = (", every article's view count written by a script the crawl asks before the page goes to the "
               "archive (`Lượt xem: <script src=...>`; the kills land while pages wait on their scripts)"
               if views_by_script else "")
    return [
        f"### kill -9 x{KILLS} on {n_articles:,} articles ({n_articles // 20} listing pages){' with views by script' if views_by_script else ''}, then one plain run",
        "",
        f"`python -m bench chaos`: a generated portal on 127.0.0.1{scripts}; kills at {delays} after each run's "
        f"first request (seed {SEED}; counted from the first request, not the process start: on a loaded "
        f"machine start-up alone can outlast 6 s, and every kill then lands before the first fetch); exit codes: clean {clean.returncode}, final {final.returncode} "
        "(4 = some articles failed: the portal links a 404 and a 500 on purpose).",
        "",
        "| measure | value |",
        "|---|---|",
        f"| articles lost / duplicated / different vs the clean crawl | "
        f"**{found['lost']} / {found['duplicated']} / {found['different']}** ({verdict}; extra {found['extra']}) |",
        f"| articles in the clean archive | {found['articles']:,} |",
        *([f"| view counts as the portal's scripts write them, after the kills | {counted[0]:,} of {counted[1]:,} |"]
          if counted else []),
        f"| requests of the unfinished walk the final run took up | {summary.get('resumed', '?')} |",
        f"| pages fetched: killed runs + final run vs the clean crawl | {killed_pages + final_pages:,} vs "
        f"{clean_pages:,} ({(killed_pages + final_pages) / max(clean_pages, 1):.2f}x) |",
        f"| final run: pages fetched, seconds vs the clean crawl | {final_pages:,} pages, {final_seconds:.1f} s vs "
        f"{clean_seconds:.1f} s ({final_seconds / max(clean_seconds, 1e-9):.2f}x) |",
        "",
    ] + ([] if views_by_script else [
        "Before the unfinished walk was kept (m011 crawl_walk), five kills 1.5-6 s after each process "
        "start and a plain run lost 1,101 of 2,000 articles of a portal generated the same way (the final run stopped "
        "paging on page 1 at 20 archived articles in a row).",
    ])


def _other_sections(parts: set[str]) -> list[str]:
    lines = []
    for part, name in OTHER_SECTIONS.items():
        if part not in parts:
            continue
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            print(f"bench chaos: {name} not present, its section skipped", file=sys.stderr)
            continue
        print(f"== bench chaos: {name}", flush=True)
        lines += ["", module.run().rstrip()]
    return lines


def run() -> str:
    n_articles = int(os.environ.get("BENCH_CHAOS_KILL_ARTICLES", "2000"))
    parts = set(os.environ.get("BENCH_CHAOS_PARTS", "kills scripts inputs archive warc").split())
    lines = ["## Chaos: killed crawls, hostile inputs, busy archives (`make bench BENCH=chaos`)", ""]
    if "kills" in parts:
        with tempfile.TemporaryDirectory(prefix="bench-chaos-") as tmp:
            lines += _kill_section(Path(tmp), n_articles)
    if "scripts" in parts:  # the same on half as many articles, each waiting on a views script
        with tempfile.TemporaryDirectory(prefix="bench-chaos-") as tmp:
            lines += [""] + _kill_section(Path(tmp), n_articles // 2, views_by_script=True)
    lines += _other_sections(parts)
    return "\n".join(lines) + "\n"
