"""Site tokens (schema m031): the migration's time on a large archive, and site-filtered searches
on the re-tokenised index against the same archive with the old tokens, in the same run.

Builds `BENCH_ARTICLES` (default 100,000) synthetic articles with the archive bench's generator and
ingest (`BENCH_DB=FILE` builds into FILE once and re-uses it), copies it, gives the copy's indexes
the tokens of before m031 (the way the code before it wrote them) and opens it as a writer, which
migrates it: that time is the figure. Then each query class of the archive bench, filtered to a
site, runs on both files in turn (the old-token file read as the code reads an archive not yet
migrated, which is also what the code before m031 did), `BENCH_REPEATS` (5) times.

    BENCH_ARTICLES=100000 .venv/bin/python -m bench site_tokens
"""
from __future__ import annotations

import os
import shutil
import sqlite3
import statistics
import tempfile
import time

from archive.indexing import clear_indexes, insert_rows, site_token
from archive.records import folded_fields
from archive.search import search
from archive.store import Archive
from bench.archive import QUERIES, _ingest, _pct
from scraper.sample.textgen import HOSTS

__all__ = ["run"]

CLASSES = ("1 word", "2 words", "3 words", "phrase", "2 words, accented", "3 words, accented")
SITE = HOSTS[0]
MIGRATION = "m031_injective_site_tokens"


def _with_old_tokens(path: str) -> None:
    """The indexes as the code before m031 wrote them, and m031 not applied."""
    conn = sqlite3.connect(path)
    with conn:
        clear_indexes(conn)
        rows = conn.execute(
            "SELECT a.search_key, a.title, a.body, a.site, a.category, (SELECT group_concat(caption, char(10)) "
            "FROM (SELECT caption FROM images i WHERE i.article_id = a.id AND coalesce(caption, '') != '' "
            "ORDER BY position)) FROM articles a")
        while batch := rows.fetchmany(5000):
            folded = [(k, *folded_fields(t, b, c, s, g), s) for k, t, b, s, g, c in batch]
            insert_rows(conn, [(k, t, b, c, f.replace(site_token(s), site_token(s, before_m031=True), 1))
                               for k, t, b, c, f, s in folded])
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = ?", (MIGRATION,))
    conn.close()


def _latencies(paths: dict[str, str], repeats: int) -> dict:
    conns = {name: sqlite3.connect(f"file:{p}?mode=ro", uri=True) for name, p in paths.items()}
    out = {name: {c: {"wall": [], "cpu": []} for c in (*CLASSES, "browse")} for name in paths}
    for conn in conns.values():
        search(conn, QUERIES["1 word"][0], site=SITE)  # warm
    for _ in range(repeats):
        for label in (*CLASSES, "browse"):
            for q in QUERIES.get(label, [None] * 8):
                for name, conn in conns.items():  # the two files in turn: the same machine load
                    t, c = time.perf_counter(), time.process_time()
                    search(conn, q, site=SITE, limit=20, facets=q is None)
                    out[name][label]["wall"].append(time.perf_counter() - t)
                    out[name][label]["cpu"].append(time.process_time() - c)
    for conn in conns.values():
        conn.close()
    return out


def run() -> str:
    n = int(os.environ.get("BENCH_ARTICLES", "100000"))
    repeats = int(os.environ.get("BENCH_REPEATS", "5"))
    keep = os.environ.get("BENCH_DB")
    work = tempfile.mkdtemp(prefix="bench-site-tokens-", dir=os.environ.get("BENCH_DIR", "/tmp"))
    try:
        built = keep or os.path.join(work, "built.db")
        if not keep or not os.path.exists(keep):
            print(f"  building {n:,} articles", flush=True)
            _ingest(built, n)
        counting = sqlite3.connect(f"file:{built}?mode=ro", uri=True)
        n = counting.execute("SELECT count(*) FROM articles").fetchone()[0]
        counting.close()
        old, new = os.path.join(work, "old.db"), os.path.join(work, "new.db")
        shutil.copyfile(built, old)
        _with_old_tokens(old)
        shutil.copyfile(old, new)
        t, c = time.perf_counter(), time.process_time()
        Archive(new).close()  # migrates
        wall, cpu = time.perf_counter() - t, time.process_time() - c
        print(f"  m031 on {n:,} articles: {wall:.1f} s ({cpu:.1f} s CPU)", flush=True)
        found = _latencies({"old": old, "new": new}, repeats)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    lines = [
        "## Site tokens: migration m031 and site-filtered searches",
        "",
        f"Command: `BENCH_ARTICLES={n} {'BENCH_DB=FILE ' if keep else ''}{f'BENCH_REPEATS={repeats} ' if repeats != 5 else ''}.venv/bin/python -m bench site_tokens`. {n:,} synthetic articles "
        "(the archive bench's generator and ingest); a copy given the site tokens of before m031, then opened "
        "as a writer, which migrates it (both indexes refilled).",
        "",
        "| measure | value |",
        "|---|---|",
        f"| m031 on {n:,} articles, wall clock | **{wall:.1f} s** ({n / wall:,.0f} articles/s) |",
        f"| the same, CPU time | {cpu:.1f} s |",
        "",
        f"Searches filtered to one site ({SITE}, 1 in {len(HOSTS)} articles), `archive.search.search(..., "
        f"site=..., limit=20)`, each class {repeats}× over its queries, the two files in turn; \"browse\" is no "
        "words with facets. Old tokens: the archive before m031 (read as the code reads one not yet migrated, "
        "the same index and query as before). CPU is the median per query: the comparison to read, as a p99 of "
        f"{repeats * 8}-{repeats * 12} timings is the slowest one or two of them and moves with whatever else the machine runs.",
        "",
        "| queries | old tokens p50 / p99 | m031 tokens p50 / p99 | old CPU | m031 CPU |",
        "|---|---:|---:|---:|---:|",
    ]
    for label in (*CLASSES, "browse"):
        o, w = found["old"][label], found["new"][label]
        lines.append(f"| {label} | {_pct(o['wall'], 50):.1f} / {_pct(o['wall'], 99):.1f} ms | "
                     f"{_pct(w['wall'], 50):.1f} / **{_pct(w['wall'], 99):.1f}** ms | "
                     f"{statistics.median(o['cpu']) * 1000:.2f} ms | {statistics.median(w['cpu']) * 1000:.2f} ms |")
    return "\n".join(lines) + "\n"
