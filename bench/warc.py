"""WARC benchmark: import rate (articles/second) from a WARC of a generated portal.

The portal comes from the project's generator (`scraper.sample.generate`, `BENCH_WARC_ARTICLES`,
default 5,000, layout phutho-aspnet). Its WARC is written with the crawl's own WARC writer
(`scraper.warc_files.WarcFiles`, the code behind the crawl's middleware) from every route the
portal serves (listings, articles, images, robots.txt), as a crawl of it would record them.
Then, in the same run and over the same file:

- `portal-archive import-warc FILE --db FRESH.db`, run as a real process (the figure);
- baseline 1: plain warcio iteration reading every record's payload (the floor of any import);
- baseline 2: extraction alone (`extract_article`) over the same article pages, no WARC, no archive.

Work files go under a temporary directory (`BENCH_DIR`, default /tmp) and are deleted afterwards.
"""
from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

__all__ = ["run"]

_BASELINE_SAMPLE = 5000


def _write_warc(folder: Path, warc_dir: Path, base: str) -> tuple[Path, int, float]:
    from scraper.warc_files import Exchange, WarcFiles

    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    start = datetime(2025, 6, 30, 1, 0, tzinfo=timezone.utc)
    count = 0
    began = time.perf_counter()
    with WarcFiles(str(warc_dir), max_size=10_000_000_000) as files:
        for i, (route, spec) in enumerate(manifest["routes"].items()):
            if "file" not in spec:
                continue
            body = (folder / "pages" / spec["file"]).read_bytes()
            files.write_exchange(Exchange(
                url=base + route, status=spec.get("status", 200),
                response_headers=[("Content-Type", spec.get("content_type", "text/html; charset=utf-8")),
                                  ("Content-Length", str(len(body)))],
                body=body, request_headers=[("User-Agent", "portal-archive/0.1")],
                date=start + timedelta(milliseconds=50 * i)))
            count += 1
        name = files.files[0]
    return warc_dir / name, count, time.perf_counter() - began


def _warcio_baseline(path: Path) -> tuple[int, float]:
    from warcio.archiveiterator import ArchiveIterator

    began = time.perf_counter()
    n = 0
    with open(path, "rb") as f:
        for record in ArchiveIterator(f):
            record.content_stream().read()
            n += 1
    return n, time.perf_counter() - began


def _extraction_baseline(folder: Path, base: str) -> tuple[int, float]:
    from scraper.extract import extract_article

    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    pages = [(base + json.loads(p.read_text(encoding="utf-8"))["path"]) for p in (folder / "expected").glob("*.json")]
    route_file = {base + r: s.get("file") for r, s in manifest["routes"].items()}
    # a sample is enough for a rate, and 20,000 pages held at once would be ~500 MB
    bodies = [(url, (folder / "pages" / route_file[url]).read_bytes())
              for url in sorted(pages)[:_BASELINE_SAMPLE] if route_file.get(url)]
    began, cpu = time.perf_counter(), time.process_time()
    n = 0
    for url, body in bodies:
        if extract_article(body, url).title:
            n += 1
    return n, time.perf_counter() - began, time.process_time() - cpu


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def run() -> str:
    from scraper.sample.generate import generate_portal

    n_articles = int(os.environ.get("BENCH_WARC_ARTICLES", "5000"))
    work = Path(tempfile.mkdtemp(prefix="bench-warc-", dir=os.environ.get("BENCH_DIR", "/tmp")))
    base = "http://yenlap.phutho.gov.vn"
    try:
        began = time.perf_counter()
        generate_portal(str(work / "portal"), n_articles, layout="phutho-aspnet", broken_links=False)
        generated = time.perf_counter() - began
        warc, written, write_seconds = _write_warc(work / "portal", work / "warcs", base)
        size_mb = warc.stat().st_size / 1e6

        db = work / "imported.db"
        load = os.getloadavg()[0]
        cli = Path(sys.executable).with_name("portal-archive")
        command = [str(cli) if cli.exists() else sys.executable, *([] if cli.exists() else ["-m", "portal_archive"]),
                   "import-warc", str(warc), "--db", str(db)]
        began, cpu = time.perf_counter(), _children_cpu()
        result = subprocess.run(command, capture_output=True, text=True)
        import_seconds = time.perf_counter() - began
        import_cpu = _children_cpu() - cpu  # the import process and its extraction workers
        load_after = os.getloadavg()[0]
        if result.returncode != 0:
            return f"## WARC\n\nimport-warc failed: {result.stderr.strip()[:500]}\n"
        import sqlite3

        with sqlite3.connect(db) as conn:
            imported = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            linked = conn.execute("SELECT count(*) FROM article_media").fetchone()[0]
            summary = json.loads(conn.execute("SELECT summary FROM crawl_runs ORDER BY id DESC").fetchone()[0])
        images = sum(len(json.loads(p.read_text(encoding="utf-8"))["images"])
                     for p in (work / "portal" / "expected").glob("*.json"))

        records, iterate_seconds = _warcio_baseline(warc)
        extracted, extract_seconds, extract_cpu = _extraction_baseline(work / "portal", base)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    rate = imported / import_seconds
    extract_rate = extracted / extract_seconds
    cpu_ratio = (imported / import_cpu) / (extracted / extract_cpu)  # articles per CPU second, import vs extraction
    lines = [
        "## WARC: import rate",
        "",
        f"Generated portal: {n_articles:,} articles (phutho-aspnet layout, `scraper.sample.generate`, {generated:.0f} s); "
        f"its WARC written by the crawl's WARC writer: {written:,} exchanges (listings, articles, images, "
        f"robots.txt), {records:,} records (warcinfo, response, request), {size_mb:.0f} MB gzip, in "
        f"{write_seconds:.1f} s ({written / write_seconds:,.0f} exchanges/s).",
        "",
        "| what (same file, same run) | items | seconds | CPU seconds | rate |",
        "| --- | ---: | ---: | ---: | ---: |",
        f"| `portal-archive import-warc FILE --db FRESH.db` (scan, listing links, extraction, archive writes) "
        f"| {imported:,} articles | {import_seconds:.1f} | {import_cpu:.1f} | **{rate:,.0f} articles/s** |",
        f"| baseline: plain warcio iteration, every payload read | {records:,} records | {iterate_seconds:.1f} "
        f"| | {records / iterate_seconds:,.0f} records/s |",
        f"| baseline: `extract_article` alone on the same article pages (a sample) | {extracted:,} articles | "
        f"{extract_seconds:.1f} | {extract_cpu:.1f} | {extract_rate:,.0f} articles/s |",
        "",
        f"Import runs at **{rate / extract_rate:.0%}** of the rate of extraction alone (target >= 70%). By CPU "
        f"time (articles per CPU second of the import's process and its extraction workers, against extraction "
        f"alone's): {cpu_ratio:.0%}. The machine's 1-minute load average when the import began: {load:.1f}, when "
        f"it ended: {load_after:.1f} (2 cores, shared; seconds are wall-clock and depend on it, CPU seconds less). "
        "Command: `PYTHONPATH=$PWD python -m bench warc` (`BENCH_WARC_ARTICLES`, default 5,000, to change the size).",
        "",
        f"Media linked: {linked:,} `article_media` rows for the portal's {images:,} article images; articles held "
        f"back to the end of the import waiting for their images: {summary.get('held_back_for_media', '?')}. (Every "
        "image is the generator's one photo, so the WARC writer stores it once and every later image as a "
        "revisit record.) Before revisits were read as their original's payload (2026-12-04): 1 row for "
        "5,000 articles (the same file imported by the code before), 744 of 2,000 articles held back waiting "
        "for images that never came; this bench then: 169 articles/s, 44% of extraction alone, 48% by CPU "
        "(29.6 s, 18.7 CPU s, load 2.9-3.6), with no media read or stored but the first image's.",
        "",
        "How the import works: one pass over the file; the importing process reads the records (warcio), writes "
        "each page body once to a spool file and sends its extraction processes (2 on a multi-core machine) "
        "batches of 8 jobs that name the body by offset; the processes read the bodies from the spool "
        "themselves, extract (listings for links, linked pages for articles) and answer in order, while the "
        "importing process reads on and writes the articles to the archive as they come.",
        "",
        "Where the time goes (py-spy, a 2,000-article WARC of the same generator, 2026-12-04): the importing "
        "process ~30% reading records (warcio's header parsing most of it, zlib ~8%), ~30% archive writes "
        "(`Archive.save_capture`: raw page zstd and sha256, rows, search index), ~6% receiving results, ~5% "
        "canonical URLs, the rest spooling, picking and hand-out; each extraction process ~80% extraction "
        "(listing links ~8% of it), ~4% start-up, ~6% pipes. Extraction alone is only the workers' main share: "
        "the import's CPU also pays for reading the file (~1.9 s for 5,000 articles), the listings (~1.1 s), "
        "the archive writes (~1.9 s), the records' trip back through the pipes (~1 s) and three interpreters' "
        "start-up, so by CPU it cannot reach 70%: extraction alone is 8.6 s of the import's ~18 s.",
        "",
        "Why the wall-clock ratio follows the CPU ratio on this machine: the kernel schedules by autogroup "
        "(`/proc/sys/kernel/sched_autogroup_enabled` = 1, one group per session), so when other sessions keep "
        "both cores busy the import's three processes share one group's slice, the same slice the one-process "
        "extraction baseline gets: the extraction processes then ran ~25-30% of a core each (measured inside "
        "them, 2,000 articles, load 5-6) and the importing process waited on them ~35% of the time. On an "
        "idle machine the import would run on both cores, bounded by its CPU over two cores (~9-10 s for "
        "5,000 articles, against extraction alone's ~8.6 s on one).",
        "",
        "Idle machine, 2026-12-04 (load 0.2-1.5, the same 5,000-article bench): before the relevance index "
        "(schema m030) 9.1 s, 83% of extraction alone; with it 10.5-10.9 s, 67-70% in three runs, because "
        "import-warc now folds what it imported into the impact index at its end (~1.7 s of one core for "
        "5,000 articles: re-tokenising the folded text ~55%, SQLite inserts ~30%). Folding on a thread beside "
        "the import was tried and dropped: the importing process holds its write transaction for up to 5 s "
        "(archive.store's batches), so the thread got the lock once (1,000 of 5,000 articles) and the wall "
        "time did not move (10.9 s).",
        "",
        "Later the same day (14:00-14:50 UTC, load 0.1-1.5): main's code as above gave 71%, 66% and 76% in "
        "three runs of this bench (import CPU 18.5-23.1 s, extraction alone 8.5-11.3 s: the machine's speed "
        "moves between runs by more than the changes below). Images and attachments up to 4 MB are now kept in "
        "the spool as the pass reads them (warcio inflates their payload then anyway, to reach the next "
        "record), not read again from their record for each article that shows them (a new iterator at the "
        "record's offset, its headers parsed, its payload inflated again: ~5% of the importing process): the "
        "import against the code before, whole processes, 5 alternating pairs on the same file: wall 0.91x "
        "(0.82-1.05), CPU 0.89x (medians); this bench after it 54%, 68% and 65% (the table above: the last), the "
        "code before in the same half hour 63% and 65%. Where the CPU goes, run as one process (the same 5,000 articles, "
        "no extraction processes): 23.8 CPU s, of which extraction ~9 s, listings ~1 s and the importing "
        "process's own work (reading the file, archive writes, the fold at the end) ~10-13 s: more than "
        "extraction alone, so on two cores the import cannot run much faster than its CPU over two (~12 s, "
        "~72% of extraction alone at that hour) however the work is split. Tried and dropped: computing each "
        "article page's sha256 and zstd frame in the extraction processes (the archive's own packer handed to "
        "them by the command): wall 1.00x (0.91-1.13, 6 pairs), CPU 0.98x; the processes then sit on the same "
        "two cores.",
        "",
        "The fold packed (2026-12-04 evening, schema m032, `archive/impacts.py`): each word's list is one "
        "row (its entries packed in one column), written once a batch, instead of a row per word and "
        "article (~110 an article of the generator's text: the fold's inserts were 1.15 s of its 2.6 s). "
        "The fold of this bench's 5,000 articles, in-process: 3.5 -> 2.3 CPU s, the same lists and counts "
        "(compared entry for entry with the code before); the import against the code before, whole "
        "processes, 3 alternating pairs on one file: 13.6-14.6 s against 15.7-17.0 s wall (0.85x), CPU "
        "21.3-22.8 against 23.2-24.8 s. This bench after it, four runs between 17:02 and 17:35 UTC (load "
        "0.9-1.5): 57% (15.5 s, 25.7 CPU s: a slow minute, extraction alone 8.9 s), 89% (11.2 s), 75% "
        "(13.9 s) and 80% (12.1 s, the table above); before it the same day 54-76%.",
        "",
        "Why the ratio moves so much between runs, measured the same evening: two CPU-bound processes side "
        "by side on this machine's 2 cores each take 8-28% more CPU than one alone (a pure-Python loop: 3.96 s "
        "alone, 4.28 and 5.08 s side by side), and the import is three such processes against a baseline of "
        "one: the extraction processes' CPU (13.5-15.1 s for 5,000 articles in the pairs above, their "
        "profile 93% extraction, 7% listing links, 3% start-up) is 1.4-1.5x extraction alone's, and the "
        "importing process adds 11.5-12.3 CPU s (reading, archive writes, the fold, start-up). Tried and not "
        "taken: FastWARC (resiliparse) reads the same file in 0.44-0.69 CPU s against warcio's 1.6-2.4 s, but "
        "it resynchronises silently past corrupt bytes in an uncompressed file and ends silently on a "
        "truncated one, does not decode chunked or compressed HTTP payloads and reads no ARC files: the "
        "import's guarantees on bad input (every break reported at its offset, nothing imported from a cut "
        "record) would need a second reader beside it.",
        "",
        "What changed (2026-12-04; before: 154 articles/s, 54% of extraction alone, 41% by CPU, 5,000 articles, "
        "load 10.5; before the one-pass import: 26%, the WARC read twice):",
        "- ProcessPoolExecutor is gone: it passed every page through two helper threads of the importing process "
        "(pickled, written to a pipe, a GIL hand-off each way), and the import's own thread waited on those "
        "hand-offs; the importing process's CPU for 2,000 articles went from 4.1 to 2.5 s. The whole import, "
        "same 5,000-article file, code before and after run back to back: 22.6 -> 18.3 CPU seconds (-19%), "
        "26.0 and 26.2 s wall at load 4.0 and 4.9 (wall bound by the group's share, above).",
        "- Page bodies never cross a pipe: the workers inherit the spool file's descriptor and read bodies by "
        "offset; a batch message is a few hundred bytes, so a send never waits on a busy worker.",
        "- One set of extraction processes serves the pass and the end of the import, started when first needed "
        "(the end started two more only to import the extraction modules), and the workers no longer run the "
        "`portal-archive` script again on start (their start-up went from ~13% to ~4% of their CPU).",
        "- Articles are extracted without the cleaned body HTML: the page is archived whole with each article, "
        "and the archive keeps no body HTML beside a raw page (as in the crawl's writer).",
    ]
    if imported != n_articles:
        lines.append(f"\n**Note:** {imported:,} articles imported of {n_articles:,} generated.")
    return "\n".join(lines) + "\n"
