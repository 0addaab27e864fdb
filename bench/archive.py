"""Archive benchmark: ingest through `Archive.save_article`, file size, search latency.

Builds an archive of N synthetic Vietnamese articles (`BENCH_ARTICLES`, default 1,000,000; the
generator is `scraper.sample.textgen`) under a temporary directory (`BENCH_DIR`, default /tmp),
(or into `BENCH_DB`, kept with its ingest figures so later runs only re-measure searches),
then measures search latency p50/p99 (`archive.search.search`, limit 20, snippets included) per
query class, beside a baseline measured on the same data in the same run: a plain FTS5 index of
the original (unfolded) title and body, queried with `MATCH ... ORDER BY rank LIMIT 20` and
FTS5's snippet(). The temporary archive is deleted afterwards.
"""
from __future__ import annotations

import json
import multiprocessing
import os
import random
import shutil
import sqlite3
import statistics
import tempfile
import time
from datetime import date

from archive.search import POOL, search
from archive.store import Archive
from scraper.sample.textgen import make_article

__all__ = ["run", "batch_pages"]

QUERIES = {
    "1 word": ["huyen", "xa", "nong", "dang", "chuyen", "ocop", "thuy", "hoa", "giao", "lap", "moi", "kheo"],
    "2 words": ["nong thon", "dan van", "chuyen doi", "hanh chinh", "dang uy", "thuy san", "an toan",
                "cay che", "ve sinh", "giam ngheo", "hoa don", "tiem chung"],
    "3 words": ["nong thon moi", "cai cach hanh", "an toan giao", "bao ve moi", "dan van kheo", "uy ban nhan",
                "san pham ocop", "giam ngheo ben", "hoi nong dan", "ke hoach so", "cay bua chat", "doan thanh nien"],
    "phrase": ['"nong thon moi"', '"cai cach hanh chinh"', '"dan van kheo"', '"an toan giao thong"',
               '"bao hiem xa hoi"', '"giam ngheo ben vung"', '"chuyen doi so"', '"thuy loi noi dong"'],
    "1 word, accented": ["huyện", "xã", "nông", "Đảng", "chuyển", "thủy", "hoá", "giáo", "lập", "mới"],
    "2 words, accented": ["nông thôn", "dân vận", "chuyển đổi", "hành chính", "Đảng ủy", "thủy sản",
                          "an toàn", "cây chè", "vệ sinh", "hóa đơn"],
    "3 words, accented": ["nông thôn mới", "cải cách hành", "an toàn giao", "bảo vệ môi", "dân vận khéo",
                          "ủy ban nhân", "sản phẩm OCOP", "hội nông dân"],
    "phrase, accented": ['"nông thôn mới"', '"cải cách hành chính"', '"Dân vận khéo"', '"an toàn giao thông"',
                         '"giảm nghèo bền vững"', '"chuyển đổi số"'],
}
DATE_FILTER = (date(2019, 1, 1), date(2020, 12, 31))


def run() -> str:
    n = int(os.environ.get("BENCH_ARTICLES", "1000000"))
    keep = os.environ.get("BENCH_DB")  # build into this file (resumable), re-measure searches on later runs
    budget = os.environ.get("BENCH_BUILD_SECONDS")  # stop building after this long and measure what exists
    deadline = time.time() + float(budget) if budget else None
    workdir = None if keep else tempfile.mkdtemp(prefix="bench-archive-", dir=os.environ.get("BENCH_DIR", "/tmp"))
    path = keep or os.path.join(workdir, "archive.db")
    sidecar = path + ".bench.json"
    try:
        if keep and os.path.exists(sidecar):
            built = json.loads(open(sidecar).read())
        else:
            ingest = _ingest(path, n, path + ".progress.json" if keep else None, deadline)
            ingest["fold"] = _fold(path)  # as a crawl's or an import's end does
            built = {"n": ingest["n"], "target": n, "ingest": ingest, "size": os.path.getsize(path),
                     "sizes": _table_sizes(path)}
            built["baseline_build"] = _build_baseline(path)
            if keep:
                open(sidecar, "w").write(json.dumps(built))
        marginal = _marginal(path, int(os.environ.get("BENCH_MARGINAL", "20000")))
        if marginal:
            marginal["fold"] = _fold(path)
        if keep:  # a later run with BENCH_MARGINAL=0 re-measures searches and keeps this figure
            if marginal is None:
                marginal = built.get("marginal")
            else:
                built["marginal"] = marginal
                open(sidecar, "w").write(json.dumps(built))
        latencies = _measure(path)
    finally:
        if workdir:
            shutil.rmtree(workdir, ignore_errors=True)
    return _report(built["n"], built["ingest"], built["size"], built["sizes"], built["baseline_build"], latencies,
                   target=built.get("target", built["n"]), marginal=marginal)


def _raw_page(rec: dict) -> bytes:
    paragraphs = "".join(f"<p>{p}</p>" for p in rec["body"].split("\n\n"))
    html = (f"<html><head><title>{rec['title']}</title></head><body><div class=header>Cổng thông tin điện tử "
            f"huyện</div><h1>{rec['title']}</h1><div class=date>{rec['published_text']}</div>"
            f"<div class=content>{paragraphs}</div><div class=footer>Bản quyền thuộc UBND huyện</div></body></html>")
    return html.encode("utf-8")


def _generate(chunk: int) -> list[tuple[dict, bytes]]:
    # Deterministic per chunk, so a worker process can make the articles while the main
    # process measures only the archive's own code path.
    rng = random.Random(20240501 * 1_000_003 + chunk)
    out = []
    for i in range(chunk * _CHUNK, (chunk + 1) * _CHUNK):
        rec = make_article(i, rng)
        out.append((rec, _raw_page(rec)))
    return out


_CHUNK = 1000


def _ingest(path: str, n: int, progress_file: str | None = None, deadline: float | None = None) -> dict:
    """Save articles 0..n-1; resumes after the last saved one (timings kept in `progress_file`).

    With a `deadline` (time.time()), stops there and returns what was built (`n` is then smaller).
    """
    progress = {"timed": 0, "save_seconds": 0.0, "save_cpu_seconds": 0.0, "wall_seconds": 0.0}
    if progress_file and os.path.exists(progress_file):
        progress.update(json.loads(open(progress_file).read()))
    archive = Archive(path)
    # Article i has id i + 1 (one writer, ids in order), so the file itself says where to resume.
    done = archive.conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    run_id = archive.start_run({"bench": True}, ["synthetic"])
    saving, cpu, timed = progress["save_seconds"], progress["save_cpu_seconds"], progress["timed"]
    started = time.perf_counter() - progress["wall_seconds"]

    def save_progress() -> None:
        if progress_file:
            open(progress_file, "w").write(json.dumps({"timed": timed, "save_seconds": saving, "save_cpu_seconds": cpu,
                                                        "wall_seconds": time.perf_counter() - started}))

    with multiprocessing.get_context("spawn").Pool(1) as pool:
        for batch in pool.imap(_generate, range(done // _CHUNK, (n + _CHUNK - 1) // _CHUNK), chunksize=1):
            for rec, raw in batch:
                index = int(rec["url"].rsplit("-", 1)[1])
                if index < done or index >= n:
                    continue
                t0, c0 = time.perf_counter(), time.process_time()
                archive.save_article(rec, raw_body=raw, content_type="text/html; charset=utf-8", run_id=run_id)
                saving += time.perf_counter() - t0
                cpu += time.process_time() - c0
                done += 1
                timed += 1
                if done % 10_000 == 0:
                    archive.flush()
                    save_progress()
                    if done % 100_000 == 0:
                        print(f"  ingested {done:,} ({timed / saving:,.0f}/s in save_article, "
                              f"{timed / cpu:,.0f}/s CPU time, all threads)", flush=True)
            if deadline and time.time() > deadline:
                break
    t0, c0 = time.perf_counter(), time.process_time()
    archive.finish_run(run_id, {"new": done})
    archive.close()
    saving += time.perf_counter() - t0
    cpu += time.process_time() - c0
    save_progress()
    return {"n": done, "timed": timed, "save_seconds": saving, "save_cpu_seconds": cpu, "wall_seconds": time.perf_counter() - started}


def _fold(path: str) -> dict:
    """The impact index's fold of what was just saved (archive.impact_delta): timed apart from
    `save_article`, which only notes each article for it."""
    from archive.reindex import fold_impacts

    t0, c0 = time.perf_counter(), time.process_time()
    count = fold_impacts(path)
    return {"count": count, "wall": time.perf_counter() - t0, "cpu": time.process_time() - c0}


def _marginal(path: str, count: int) -> dict | None:
    """Saving `count` more articles into the built archive, generated beforehand: the rate at full size.

    The build's own rate shares the machine with the generator process (and whatever else runs);
    this one times `save_article` alone, before the searches, at the archive's final size.
    """
    if count <= 0:
        return None
    archive = Archive(path)
    start = archive.conn.execute("SELECT max(id) FROM articles").fetchone()[0] or 0
    rng = random.Random(start)
    pending = []
    for i in range(start, start + count):
        rec = make_article(i, rng)
        pending.append((rec, _raw_page(rec)))
    run_id = archive.start_run({"bench": "marginal"}, ["synthetic"])
    t0, c0 = time.perf_counter(), time.process_time()
    for rec, raw in pending:
        archive.save_article(rec, raw_body=raw, content_type="text/html; charset=utf-8", run_id=run_id)
    archive.close()
    return {"count": count, "before": start, "wall": time.perf_counter() - t0, "cpu": time.process_time() - c0}


def batch_pages(path: str, count: int = 5000) -> dict[str, int]:
    """Pages one batch of `count` new articles writes to the log, by table or index (adds them to `path`).

    The checkpoint is held off, so every frame of the batch is still in the -wal file; each frame's
    page number is mapped to its owner with `dbstat`. Exact, unlike timings on a shared machine:
    `.venv/bin/python -c "from bench.archive import batch_pages; print(batch_pages('/tmp/x.db'))"`.
    """
    archive = Archive(path, batch_size=count, batch_seconds=float("inf"))
    archive._checkpointer.poke = lambda: None
    archive.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    start = archive.conn.execute("SELECT max(id) FROM articles").fetchone()[0] or 0
    rng = random.Random(start)
    pending = [(rec, _raw_page(rec)) for rec in (make_article(i, rng) for i in range(start, start + count))]
    for rec, raw in pending:
        archive.save_article(rec, raw_body=raw, content_type="text/html; charset=utf-8")
    archive.flush()
    with open(path + "-wal", "rb") as wal:
        log = wal.read()
    page_size = int.from_bytes(log[8:12], "big")
    frames = [int.from_bytes(log[at:at + 4], "big") for at in range(32, len(log) - 23 - page_size, 24 + page_size)]
    owners = dict((page, name) for name, page in archive.conn.execute("SELECT name, pageno FROM dbstat"))
    archive.close()
    counts: dict[str, int] = {}
    for page in frames:
        counts[owners.get(page, "?")] = counts.get(owners.get(page, "?"), 0) + 1
    return dict(sorted(counts.items(), key=lambda kv: -kv[1]))


def _table_sizes(path: str) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name").fetchall()
    except sqlite3.OperationalError:
        return {}
    finally:
        conn.close()
    groups: dict[str, int] = {}
    for name, size in rows:
        group = "articles_fts (search index)" if name.startswith("articles_fts") else name
        if name.startswith("sqlite_autoindex_") or name.startswith("idx_"):
            group = "indexes"
        groups[group] = groups.get(group, 0) + size
    return groups


def _build_baseline(path: str) -> float:
    """The straightforward index: FTS5 over the original text, SQLite's own diacritics handling."""
    conn = sqlite3.connect(path)
    t0 = time.perf_counter()
    conn.execute("CREATE VIRTUAL TABLE plain_fts USING fts5(title, body, content='articles', content_rowid='id')")
    conn.execute("INSERT INTO plain_fts(plain_fts) VALUES ('rebuild')")
    conn.commit()
    conn.close()
    return time.perf_counter() - t0


def _baseline_query(conn: sqlite3.Connection, query: str, dated: bool) -> list:
    sql = ("SELECT a.url, a.title, a.published, a.views, snippet(plain_fts, 1, '«', '»', '…', 32) "
           "FROM plain_fts JOIN articles a ON a.id = plain_fts.rowid WHERE plain_fts MATCH ?")
    params: list = [query]
    if dated:
        sql += " AND a.published >= ? AND a.published < ?"
        params += [DATE_FILTER[0].isoformat(), date(DATE_FILTER[1].year + 1, 1, 1).isoformat()]
    return conn.execute(sql + " ORDER BY rank LIMIT 20", params).fetchall()


def _measure(path: str) -> dict:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    results = {}
    repeats = int(os.environ.get("BENCH_REPEATS", "5"))
    for dated in (False, True):
        since, until = DATE_FILTER if dated else (None, None)
        for label, queries in QUERIES.items():
            ours, base, hits_ours, hits_base, limited, bm25 = [], [], 0, 0, 0, 0
            search(conn, queries[0], since=since, until=until, limit=20)  # warm the cache
            for _ in range(repeats):
                for q in queries:
                    t0 = time.perf_counter()
                    res = search(conn, q, since=since, until=until, limit=20)
                    ours.append(time.perf_counter() - t0)
                    hits_ours += len(res.hits)
                    limited += res.pool_limited
                    bm25 += res.ranking == "bm25"
                    t0 = time.perf_counter()
                    rows = _baseline_query(conn, q, dated)
                    base.append(time.perf_counter() - t0)
                    hits_base += len(rows)
            key = f"{label}{', 2019–2020' if dated else ''}"
            results[key] = {"ours": ours, "base": base, "hits_ours": hits_ours / len(ours),
                            "hits_base": hits_base / len(base), "limited": limited / len(ours),
                            "bm25": bm25 / len(ours)}
            print(f"  {key}: p99 {_pct(ours, 99):.1f} ms (baseline {_pct(base, 99):.1f} ms)", flush=True)
    conn.close()
    return results


def _pct(values: list[float], p: int) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] * 1000


def _command(n: int) -> str:
    # BENCH_DB names a file of this machine: the command says FILE, as a reader's would
    env = [f"BENCH_ARTICLES={n}"] + [f"{k}={'FILE' if k == 'BENCH_DB' else os.environ[k]}"
                                     for k in ("BENCH_BUILD_SECONDS", "BENCH_DB", "BENCH_REPEATS", "BENCH_MARGINAL")
                                     if os.environ.get(k)]
    return " ".join(env) + " .venv/bin/python -m bench archive"


# Measured by hand: the figures of the tables are re-measured on every run, these are not.
NOTES = """\
The table (2026-12-04 19:22-19:43 UTC, schema m032, a fresh file, quiet machine, load ~1-2): the first run \
after the build, each query once (`BENCH_REPEATS=1`), what the issue asks for: p99 at most 91.8 ms \
("phrase, 2019-2020"), every class under 100 ms and ranked by bm25 over every match. The same command's \
run of 12:17 (before m032, 5 rounds, not just after the build) had phrases at 107.0 and 107.2 ms. The fold \
of the 1,000,000 articles: 356.7 s wall, 342.2 s CPU (515.7 s and 492.4 s at 12:17, before m032).

Runs of 2026-12-04 (100,000 articles, fresh files; the impact index folded in bulk, schema m030, \
`archive/impact_delta.py`, instead of kept by every save), each beside the same command on main's code in the \
same quarter hour. 09:09-09:13 (this table, the final code; load ~2) against main at 09:13-09:17: `save_article` \
CPU 3,384/s (main 3,018/s) for the build, 4,030/s (main 3,623/s) for 20,000 more at full size. 08:43-08:51 \
(load 4-8) against main at 08:27-08:43: 2,965/s (main 2,663/s) and 2,811/s (2,623/s). No slower within this \
machine's noise, where keeping the lists on every save cost -30 to -49%. The work moved, it is not gone: the \
fold that a crawl, import-warc, reextract or merge runs at its end (and `portal-archive reindex`) took 35.0 s CPU \
for the 100,000 (2,856/s, what an upgraded archive's first fold does) and 6.0 s for the 20,000 more; saves and \
fold together, 65 s CPU for the build against main's 33 s. Searches: p99 at most 53.3 ms in every class here \
(main's code: at most 36.1 ms, p50 3-15 ms, its ranking title matches first among the newest 5,000); exact bm25 \
scoring of up to 160 candidates is ~25-43 ms CPU a query (profiled on 20,000 articles). At 08:43, on the loaded \
machine, p99 was over 100 ms in 11 of 16 classes (main's code then: one class, 124.5 ms): the margin under \
100 ms holds on a quiet machine, not under heavy load.

Run of 2026-12-04 03:56-04:22 UTC (relevance from the impact index, then kept by every save; the machine shared with \
other engineers' work, load 8-9 during the first 300,000 articles, 2-4 later): the build of 1,000,000 at \
1,002 articles/s wall cumulative (444/s at 100,000, rising to ~1,520/s over the last 100,000), 1,613/s CPU; \
10,000 more at full size 1,351/s wall, 1,413/s CPU, against 1,918 and 2,072/s before this change \
(2026-11-26, below): -30%, over the ~15% budget (the cost, by part, in the ranking section's notes). \
Searches: the first run after the build, each query once (`BENCH_REPEATS=1`): p99 at most 102.5 ms \
("phrase, accented"; every other class under 100 ms), every class ranked by bm25 over every match; \
that code stopped exact scoring too early (bench ranking notes). The table above is the final code (at most \
160 candidates scored), measured at 04:33 with `BENCH_MARGINAL=0` on the same file (not the first run after \
the build): p99 at most 70.4 ms. Not measured: the final code's first run just after a build.

Runs of 2026-11-26 08:22 and 08:42 UTC (quiet machine, all of m006-m009): the build of 1,000,000 in 489 s, **2,111 articles/s** wall in `save_article` (cumulative at each 100,000: 1,571 / 1,638 / 1,760 / 1,662 / 1,653 / 1,786 / 1,881 / 1,957 / 2,053 / 2,121; the generator process and its result thread share the machine and the writer's GIL, most in the first half), 1,950/s CPU. At full size, 20,000 more: 1,828/s wall (first run, into 1,000,000) and 1,918/s (second run, into 1,020,000; the table). Searches: the first run, just after the build, had one slow query in "2 words" (p99 140.1 ms; the same twelve queries run again at once by hand took at most 14 ms); the second run, whose table is above (the file then held 1,040,000 articles), measured every class again: p99 at most 45.9 ms. Last session (before m006-m009): 1,704/s build, 1,202/s at full size.

Fold at full size after schema m032 (each word's list packed in one row, the same lists): `portal-archive reindex \
--full` of a 1,020,000-article file of this generator (2026-12-04 17:22 UTC, load 0.2): 422 s wall, 372 CPU s \
(user 327 + system 45), peak 166 MB; the table's fold above, before m032, another file and hour: 515.7 s wall, \
492.4 CPU s. Converting that file's lists (m032, run when a writer opens it): 2.7 s.

Notes (2026-11-26, later: indexes that take new articles in order):
- Measured first, on archives of 300,000 and 1,000,000 articles built by this bench's generator and \
`_ingest` (what `BENCH_ARTICLES=N BENCH_DB=PATH .venv/bin/python -m bench archive` builds), copies of them \
for each variant, the machine shared with another benchmark: which pages one 5,000-article batch writes \
to the log, by owner (`batch_pages` above: `.venv/bin/python -c "from bench.archive import batch_pages; \
print(batch_pages(PATH))"`; the old code's count by the same method from a script). At 1,000,000: 27,785 pages, 22.2 KiB an \
article (the checkpoint copies them again): (site, published) index 5,325, articles 5,038, \
articles_fts_docsize 3,554, articles_fts_data 3,407, search_key index 3,278, titles_fts_docsize 3,265, \
raw_pages 2,511, images 636; the URL indexes ~200 each (the generator's URLs arrive nearly in order; a \
crawl's slugs do not). Every index keyed by publication time or search key takes each new article at \
a random page, and more of those pages as the archive grows (at 300,000: 3,339, 1,372 and 1,383 of 20,024).
- What changed (migrations, each tested on an archive made before it): m007 an index on site alone, \
i.e. in (site, id) order, instead of (site, published); m008 titles_fts rebuilt without per-row column \
sizes (it is never ranked) and with a token every row carries; m009 no index on search_key: a row is \
found from a search key by id (key & 0xFFFFFFFF), and browsing newest-first without words walks that \
token's doclist in titles_fts; m006 raw pages found by article id instead of URL (no gain in this bench, \
whose URLs arrive in order; a crawl's do not). Upgrading the 1,000,000-article archive took 91 s (before m008 also optimized the rebuilt index; not re-timed).
- After, the same batch into the upgraded copy of that archive: 15,854 pages (12.7 KiB an article, \
-43%); CPU of the writing thread 481 -> 293 us an article (one batch each, checkpoint held off).
- Before/after, 20,000 more articles (generated beforehand, timed as `_marginal` does) into the \
1,000,000-article archive (old code) \
and into its upgraded copy (new code), in place, interleaved three times: wall 841, 581, 744 -> 609, 458, \
555 us an article (means: 1,385 -> 1,850 articles/s), CPU of all threads 720, 514, 686 -> 619, 463, \
561 us. Into copies of one 300,000-article archive (m006-m008 only, three interleaved runs): CPU 689, \
636, 518 -> 496, 428, 556 us. Fresh builds of 100,000 (two interleaved pairs, generator beside, as in the table): 2,194, 1,600 -> \
2,086, 1,759 articles/s wall, 2,236, 2,065 -> 2,512, 2,107/s CPU: level while those indexes are small. The spread is the other benchmark's load; the page counts \
above are exact.
- Search on the upgraded 1,000,000-article archive (every query of this bench once, shared machine): \
p99 at most 43 ms, as before the change in the same session (42 ms); browsing one portal's newest \
articles without words 2.1 s -> 90 ms (it sorted the portal's rows; now a walk of its site token).
- Not measured here: the whole 1,000,000 build with this change (the table above is the run that \
measured it, if newer than these notes). Still scattered per article: articles_fts_docsize (bm25's column \
sizes, keyed by search key), and in a crawl the articles URL index.

Notes (2026-11-26, ingest at size):
- Why the rate fell as the archive grew (measured on a 400,000-article archive, one 5,000-article \
batch, bytes written by the process): the COMMIT wrote 36 KiB an article (180 MB of WAL for the batch; \
11.5 KiB without the FTS5 rows) and took ~300 us of CPU an article, then the automatic checkpoint wrote \
43 KiB more and took ~130 us, both in the writer's thread. After each commit FTS5 does merge work of \
(pages just written x number of levels), and the levels grow with the archive. A 1 GiB page cache \
instead of 64 MiB wrote the same bytes at the same CPU (within noise; mmap likewise, one run): the cache stays \
64 MiB, so the crawl's writer process keeps its memory.
- What changed: (1) migration m005 sets FTS5 `automerge` to 8 on both indexes: a level holds what \
two did, so each page is rewritten about half as often (the two indexes alone, 400,000 articles' folded \
text in 5,000-row commits: 210 -> 166 us of CPU and 30 -> 21 KiB written a row; newest-first probes no \
slower); (2) the WAL is checkpointed by a thread with its own connection (`archive/checkpoint.py`, PASSIVE, \
after each commit), so commits do not copy the log back or fsync (once the log passes 1 GiB the writer \
waits for the copy of its last batch so the log can restart: about one batch in five at 1,000,000).
- Before/after, same session, from a checkout of 2dd65ff (before) and of this change (after), \
`save_article` per article, articles generated before each 50,000-article step (untimed), fresh file: \
100,000 articles on a quieter machine, 2,309 -> 2,916 articles/s wall (3,057 -> 2,790/s CPU, all \
threads: the checkpoint's CPU now runs beside the writer's). 20,000 more into copies of one \
400,000-article archive (machine busy: CPU inflated): 792 -> 537 us of CPU an article, 118 -> 87 KiB \
written an article; this overstates the steady gain, since no merge at 8 was due yet in that archive \
(its levels were built at 4). At 50,000 articles the two are level (2,000 vs 2,070/s wall, interleaved, \
tests running beside). At 1,000,000 (the table above, quiet machine, 2026-11-26 06:20): the build \
1,025 -> 1,704 articles/s wall, 20,000 more at full size 753 -> 1,202/s wall, the slowest search class p99 \
116 -> 45 ms. Still short of 2,000/s: at full size a batch still dirtied ~15,000 scattered index pages \
(counted later, above: site+published, search_key and the two FTS5 docsize tables; not the URL indexes).
- Tried and dropped: preparing articles (normalise, hash, fold, zstd; `archive/prepare.py`) in one \
thread while a second ran SQLite. Same wall rate as one thread (2,947 vs 2,975/s, 2,230 vs 2,108/s, \
interleaved) at ~15% more CPU: the GIL handed back and forth at every SQLite call ate the overlap.
- Earlier (m004): a 16 MiB FTS5 `hashsize` with 5,000-article batches makes level-0 segments ~16x \
larger, so the index has fewer levels. Raw pages are zstd frames (level 3): zlib level 6's size at about \
half zlib level 1's CPU."""


def _report(n: int, ingest: dict, size: int, sizes: dict, baseline_build: float, latencies: dict,
            target: int | None = None, marginal: dict | None = None) -> str:
    timed = ingest.get("timed", n)
    rate = timed / ingest["save_seconds"]
    shortfall = ""
    if timed < n:
        shortfall += (f" The build was resumed after an interruption: the rate is timed over the last "
                      f"{timed:,} articles saved (into an archive already holding {n - timed:,}).")
    if target and target > n:
        shortfall = (f" The build was stopped by its time budget (`BENCH_BUILD_SECONDS`) at {n:,} of the "
                     f"{target:,} articles asked for; figures are for {n:,}.")
    lines = [
        "## Archive: ingest, size, search latency",
        "",
        f"Command: `{_command(target or n)}`.",
        f"{n:,} synthetic articles (`scraper.sample.textgen`, ~3.5 KB body, 0–4 captioned images, a ~5 KB raw "
        "HTML page each, stored zstd-compressed) written through `Archive.save_article`, the crawl's code path."
        + shortfall,
        "",
        "| ingest | figure |",
        "|---|---|",
        f"| `save_article` rate, wall clock (folding, FTS5, versions check, view row, raw page, commits) | "
        f"**{rate:,.0f} articles/s** |",
        f"| the same, CPU time of the writing process (all threads) | "
        f"{timed / ingest.get('save_cpu_seconds', ingest['save_seconds']):,.0f} articles/s |",
        f"| wall time of the build (articles generated in a second process) | {ingest['wall_seconds']:,.0f} s |",
    ]
    fold = ingest.get("fold")
    if fold:
        lines.append(f"| then the fold of the impact index (`portal-archive reindex`, as a crawl's end does), "
                     f"{fold['count']:,} articles: wall, CPU | {fold['wall']:,.1f} s ({fold['count'] / fold['wall']:,.0f}"
                     f"/s), {fold['cpu']:,.1f} s ({fold['count'] / fold['cpu']:,.0f}/s) |")
    if marginal:
        lines += [
            f"| `save_article` rate at full size: {marginal['count']:,} more articles into the archive of "
            f"{marginal['before']:,} (generated beforehand), wall clock | "
            f"**{marginal['count'] / marginal['wall']:,.0f} articles/s** |",
            f"| the same, CPU time (all threads) | {marginal['count'] / marginal['cpu']:,.0f} articles/s |",
        ]
        if marginal.get("fold"):
            mf = marginal["fold"]
            lines.append(f"| then their fold into the impact index: wall, CPU | {mf['wall']:,.1f} s, "
                         f"{mf['cpu']:,.1f} s ({mf['count'] / mf['cpu']:,.0f} articles/s CPU) |")
    lines += [
        f"| baseline: plain FTS5 `rebuild` of title+body only (no folding, no other tables) | "
        f"{n / baseline_build:,.0f} rows/s |",
        f"| archive file size (before the baseline index) | {size / 2**20:,.0f} MiB ({size / n:,.0f} B/article) |",
    ]
    for name, value in sorted(sizes.items(), key=lambda kv: -kv[1])[:6]:
        lines.append(f"| &nbsp; of which {name} | {value / 2**20:,.0f} MiB |")
    lines += [
        "",
        "Search latency, `archive.search.search(..., limit=20)` (parse, fold, match, rank, load rows, "
        "snippets from the original text), against the baseline `plain_fts MATCH ? ORDER BY rank LIMIT 20` "
        "with `snippet()` on the same file; each query class run "
        f"{os.environ.get('BENCH_REPEATS', '5')}× over its queries. \"hits\" = mean rows returned (the baseline misses "
        "đ and other unfolded letters); \"pool\" = share of queries with more matches than the ranking pool "
        f"(counted up to {POOL:,}); \"bm25\" = share ranked by bm25 over every match (the impact index; "
        "for OR, NOT and prefix queries FTS5's own when every phrase is rarer than "
        f"{POOL // 4:,} rows), the rest title-matches-first then newest among the newest {POOL:,}.",
        "",
        "| queries | ours p50 | ours p99 | baseline p50 | baseline p99 | hits ours / baseline | pool | bm25 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    lines_design = [
        "",
        "How a query matching most of the archive stays bounded (`archive/search.py`): the FTS5 rowid is "
        "the article's publication minute << 32 | id, so newest-first order and a date filter are a rowid "
        "range that FTS5 seeks to. One newest-first probe counts matches up to POOL "
        f"({POOL:,}) and finds the oldest of those; ranking then only looks inside that rowid range. FTS5's "
        "bm25() would still walk the whole doclist of every phrase (it counts each phrase's rows over the "
        "whole index to weigh it), which is what makes `ORDER BY rank` grow with the archive for common "
        "words. So relevance comes from an impact index beside it (schema m030, `archive/impacts.py`): per "
        "folded word, its 2,000 articles of highest bm25 term weight and its document frequency, folded in "
        "bulk from the articles saved since the last fold (`archive/impact_delta.py`; a search scores those "
        "itself meanwhile); a query of words and phrases joined by AND reads its words' lists and scores the best "
        "candidates exactly as FTS5's bm25 would (`archive/search_relevance.py`), so the ranking is over "
        "every match with O(2,000 × words) rows read. OR, NOT and prefix queries keep the older way: FTS5's "
        f"bm25 when every phrase is rarer than {POOL // 4:,} rows, else title matches first, then newest, "
        "within the pool; the CLI says when the pool applied. The site filter is a token in its own FTS "
        "column. Accented queries re-rank ~3×limit candidates in Python (exact accents first, tone "
        "placement ignored). Folding costs nothing in size: the index is contentless and fed folded text; "
        "snippets are cut from the original text.",
    ]
    for key, r in latencies.items():
        lines.append(f"| {key} | {_pct(r['ours'], 50):.1f} ms | **{_pct(r['ours'], 99):.1f} ms** | "
                     f"{_pct(r['base'], 50):.1f} ms | {_pct(r['base'], 99):.1f} ms | "
                     f"{r['hits_ours']:.1f} / {r['hits_base']:.1f} | {r['limited']:.0%} | {r['bm25']:.0%} |")
    return "\n".join(lines + lines_design + ["", NOTES]) + "\n"
