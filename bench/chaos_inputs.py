"""Chaos on inputs: malformed pages through extraction and through a real crawl; bombs.

Run: `.venv/bin/python -m bench chaos_inputs` (`make bench BENCH=chaos` runs it as part of
bench/chaos.py). `BENCH_CHAOS_PAGES` (1000) sets how many malformed pages are made.

1. 1,000 malformed pages made from the sample portals' articles (scraper/sample/malform.py:
   truncations, control characters in text and attribute names, random bytes, garbage, broken
   tags, huge attributes, deep nesting, lying charsets, NUL bytes) through `extract_article`
   in this process, and one page of each kind through the `portal-archive extract` command:
   tracebacks (0), one-line errors, articles still read. Baseline: the unbroken pages, same run.
2. The same pages served by a real portal on 127.0.0.1 and crawled: every page must end as an
   archived article, a page remembered as no article, or a failure on record; tracebacks (0).
3. Bombs: the phutho-aspnet sample portal with an article answered by gzip inflating to 200 MB,
   an image doing the same and a gzipped sitemap inflating to 200 MB, crawled with sitemaps
   and media: peak memory of the crawl and its writer (< 1 GB), against the same portal unbombed.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zlib
from collections import Counter
from pathlib import Path

__all__ = ["run"]

ROOT = Path(__file__).resolve().parent.parent
PORTALS = ROOT / "tests" / "fixtures" / "portals"
PAGES = int(os.environ.get("BENCH_CHAOS_PAGES", "1000"))
BOMB_MB = 200
_PER_LISTING = 20
_FAST = {"PORTAL_ARCHIVE_MAX_CRAWL_DELAY": "0"}


def _sources() -> list[bytes]:
    return [p.read_bytes() for p in sorted(PORTALS.glob("*/pages/article-*.html"))]


def _extract_pass(pages) -> tuple[Counter, float]:
    """Outcome counts and CPU ms a page of extract_article over `pages` (name, body, content type)."""
    from scraper.extract import ExtractionError, extract_article

    outcomes: Counter = Counter()
    start = time.process_time()
    for name, body, content_type in pages:
        try:
            article = extract_article(body, "http://127.0.0.1:8000/tin-tuc/bai-viet.html", content_type=content_type)
        except ExtractionError as exc:
            outcomes["one-line error" if "\n" not in str(exc) else "multi-line error"] += 1
            continue
        except Exception:  # noqa: BLE001 - what is counted here: a crash the crawl would have died of
            outcomes["traceback"] += 1
            outcomes[f"traceback: {name.rsplit('-', 1)[0]}"] += 1
            continue
        outcomes["article" if article.title and article.body else "no article"] += 1
        outcomes["charset guessed"] += bool(article.charset_guessed)
    return outcomes, (time.process_time() - start) * 1000 / max(1, len(pages))


def _cli_pass(malformed, tmp: Path) -> Counter:
    """One page of each mutation through `portal-archive extract` as a user runs it."""
    outcomes: Counter = Counter()
    done = set()
    for page in malformed:
        kind = page.name.rsplit("-", 1)[0]
        if kind in done:
            continue
        done.add(kind)
        path = tmp / f"{page.name}.html"
        path.write_bytes(page.body)
        result = subprocess.run([sys.executable, "-m", "portal_archive", "extract", str(path), "--url",
                                 "http://127.0.0.1:8000/tin-tuc/a.html", "--content-type", page.content_type],
                                capture_output=True, text=True, cwd=ROOT, timeout=300)
        outcomes["runs"] += 1
        outcomes["traceback"] += "Traceback" in result.stderr
        outcomes["exit 0" if result.returncode == 0 else "one-line error" if len(result.stderr.strip().splitlines()) == 1
                 else "other exit"] += 1
    return outcomes


def _malformed_portal(folder: Path, malformed) -> list[str]:
    """A portal serving the malformed pages as articles, 20 to a listing page; their paths."""
    pages = folder / "pages"
    pages.mkdir(parents=True)
    routes: dict = {}
    paths = []
    for n, page in enumerate(malformed):
        path = f"/tin-tuc/{page.name}-bai-viet-so-{n}.html"
        (pages / f"{n}.html").write_bytes(page.body)
        routes[path] = {"file": f"{n}.html", "content_type": page.content_type}
        paths.append(path)
    listings = [paths[i:i + _PER_LISTING] for i in range(0, len(paths), _PER_LISTING)]
    for i, chunk in enumerate(listings, 1):
        links = "".join(f'<li><a href="{p}">Hội nghị tổng kết công tác năm 2023, bài số {p.rsplit("-", 1)[1][:-5]}</a></li>'
                        for p in chunk)
        pager = f'<div class="pager"><a href="/tin-tuc?page={i + 1}">Trang sau</a></div>' if i < len(listings) else ""
        html = (f"<html><head><meta charset='utf-8'><title>Tin tức</title></head><body>"
                f'<ul class="ds-tin">{links}</ul>{pager}</body></html>')
        (pages / f"listing-{i}.html").write_text(html, encoding="utf-8")
        routes["/tin-tuc" if i == 1 else f"/tin-tuc?page={i}"] = {"file": f"listing-{i}.html"}
    (folder / "manifest.json").write_text(json.dumps({"start_urls": ["/tin-tuc"], "routes": routes}), encoding="utf-8")
    return paths


_MEASURED_CRAWL = """
import json, resource, subprocess, sys
result = subprocess.run([sys.executable, "-m", "portal_archive", "crawl", *sys.argv[1:], "--format", "json"],
                        capture_output=True, text=True)
sys.stderr.write(result.stderr)
try:
    print(json.dumps(json.loads(result.stdout)))
except ValueError:
    print("{}")
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)
print(result.returncode)
"""


def _crawl(url: str, db: str, *args: str) -> tuple[dict, str, int, int]:
    """(summary, stderr, peak MB of the crawl process or its writer, exit code) of one crawl."""
    result = subprocess.run([sys.executable, "-c", _MEASURED_CRAWL, url, "--db", db, *args],
                            capture_output=True, text=True, cwd=ROOT, env={**os.environ, **_FAST}, timeout=3600)
    lines = result.stdout.strip().splitlines()
    try:
        summary = json.loads(lines[-3])
    except (IndexError, ValueError):
        summary = {}
    return summary, result.stderr, int(lines[-2]) if len(lines) >= 2 else -1, int(lines[-1]) if lines else -1


def _crawl_outcomes(db: str, paths: list[str]) -> tuple[Counter, Counter]:
    """What became of each malformed page in the archive; the mutations of those with no record."""
    import sqlite3
    from urllib.parse import urlsplit

    def path(url: str) -> str:
        return urlsplit(url).path

    with sqlite3.connect(db) as conn:
        archived = {path(u) for (u,) in conn.execute("SELECT url FROM articles")}
        # (a page whose text is an archived page's, at another address: the same article's alias, schema
        # m033; most mutations leave the text of one of 20 sample articles as it was)
        aliases = {path(u) for (u,) in conn.execute("SELECT url FROM article_aliases")}
        not_articles = {path(u) for (u,) in conn.execute("SELECT url FROM not_articles")}
        errors = {path(u) for u, e, s in conn.execute("SELECT url, error, status FROM fetches")
                  if e or (s is not None and s >= 400)}
        fetched = {path(u) for (u,) in conn.execute("SELECT url FROM fetches")}
    outcomes: Counter = Counter()
    unrecorded: Counter = Counter()
    for p in paths:
        outcome = ("archived" if p in archived else "archived as an alias of the same text" if p in aliases
                   else "not an article (recorded)" if p in not_articles
                   else "fetch error (recorded)" if p in errors else "fetched, no record of the outcome" if p in fetched
                   else "never fetched")
        outcomes[outcome] += 1
        if outcome in ("fetched, no record of the outcome", "never fetched"):
            unrecorded[p.split("/")[-1].split("-bai-viet")[0].rsplit("-", 1)[0]] += 1
    return outcomes, unrecorded


def _gzip_bomb(path: Path, inflated_mb: int, head: bytes = b"") -> None:
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    chunk = b" " * (1024 * 1024)
    with open(path, "wb") as f:
        f.write(compressor.compress(head))
        for _ in range(inflated_mb):
            f.write(compressor.compress(chunk))
        f.write(compressor.flush())


def _bombed_portal(folder: Path, bombs: bool) -> None:
    shutil.copytree(PORTALS / "phutho-aspnet", folder)
    if not bombs:
        return
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    routes = manifest["routes"]
    _gzip_bomb(folder / "pages" / "bomb.gz", BOMB_MB)
    _gzip_bomb(folder / "pages" / "sitemap-bomb.xml.gz", BOMB_MB,
               head=b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">')
    article = next(p for p, r in routes.items() if r.get("file") == "article-12371.html")
    image = next(p for p, r in routes.items() if r.get("content_type") == "image/jpeg" and "/Uploads/images/" in p)
    routes[article] = {"file": "bomb.gz", "headers": {"Content-Encoding": "gzip"}}
    routes[image] = {"file": "bomb.gz", "content_type": "image/jpeg", "headers": {"Content-Encoding": "gzip"}}
    routes["/sitemap.xml"] = {"file": "sitemap-bomb.xml.gz", "content_type": "application/x-gzip"}
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")


def _table(rows: list[tuple], head: tuple) -> list[str]:
    out = ["| " + " | ".join(head) + " |", "|" + "|".join("---" if i == 0 else "---:" for i in range(len(head))) + "|"]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return out


def run() -> str:
    from scraper.sample.malform import malformed_pages
    from scraper.sample.server import serve_portal

    sources = _sources()
    malformed = malformed_pages(sources, PAGES, seed=14)
    lines = ["## Chaos: hostile inputs", "",
             f"Command: `python -m bench chaos_inputs` (BENCH_CHAOS_PAGES={PAGES}). {PAGES} malformed pages made "
             f"from the {len(sources)} sample article pages (`scraper/sample/malform.py`, seed 14: "
             "truncations, control characters in text and attribute names, random bytes, garbage, broken tags, "
             "huge attributes, deep nesting, lying charsets, NUL bytes), one mutation in turn.", ""]

    # 1. extraction
    base, base_ms = _extract_pass([("good", body, "text/html; charset=utf-8") for body in sources] * max(1, PAGES // len(sources)))
    bad, bad_ms = _extract_pass([(m.name, m.body, m.content_type) for m in malformed])
    lines += ["Through `extract_article` (one process; CPU ms a page; baseline: the unbroken pages, same run):", ""]
    keys = ["article", "no article", "one-line error", "multi-line error", "traceback", "charset guessed"]
    lines += _table([("unbroken sample pages (baseline)", *(base[k] for k in keys), f"{base_ms:.2f}"),
                     ("malformed pages", *(bad[k] for k in keys), f"{bad_ms:.2f}")],
                    ("pages", *keys, "ms a page"))
    crashes = sorted(k for k in bad if k.startswith("traceback: "))
    if crashes:
        lines += ["", "Crashes by mutation: " + ", ".join(f"{k[11:]} {bad[k]}" for k in crashes)]
    with tempfile.TemporaryDirectory(prefix="chaos-inputs-") as tmp_name:
        tmp = Path(tmp_name)
        cli = _cli_pass(malformed, tmp)
        lines += ["", f"Through `portal-archive extract FILE` (one page of each mutation, {cli['runs']} runs): "
                  f"exit 0 {cli['exit 0']}, one-line error {cli['one-line error']}, other {cli['other exit']}, "
                  f"tracebacks {cli['traceback']}.", ""]

        # 2. a crawl of them
        paths = _malformed_portal(tmp / "portal", malformed)
        db = str(tmp / "chaos.db")
        with serve_portal(str(tmp / "portal")) as server:
            started = time.monotonic()
            summary, stderr, peak, code = _crawl(server.base_url + "/tin-tuc", db, "--full", "--no-warc", "--no-media",
                                                 "--family", "generic")
            seconds = time.monotonic() - started
        outcomes, unrecorded = _crawl_outcomes(db, paths)
        lost = outcomes["never fetched"] + outcomes["fetched, no record of the outcome"]
        lines += [f"Crawled from a real portal on 127.0.0.1 (`crawl --full --no-warc --no-media --family generic`, "
                  f"{seconds:.0f} s, exit {code}, peak {peak} MB): every page's outcome in the archive.", ""]
        lines += _table([(k, v) for k, v in sorted(outcomes.items())] + [
            ("extraction failures counted by the writer (no fetches row kind yet)", summary.get("extract_errors", "?")),
            ("tracebacks in the crawl's output", stderr.count("Traceback"))], ("outcome", "pages"))
        lines += ["", f"Without a record of their outcome: {lost} of {len(paths)} (a 200 fetch row and nothing "
                  "else: pages served as another type than HTML, which the spider sets aside, and the writer's "
                  "extraction failures, until fetch rows carry an error kind); by mutation: "
                  + (", ".join(f"{k} {v}" for k, v in sorted(unrecorded.items())) or "none") + "."]

        # 3. bombs
        rows = []
        for label, bombs in (("sample portal, no bombs (baseline)", False), (f"gzip bombs of {BOMB_MB} MB", True)):
            folder = tmp / ("bombed" if bombs else "plain")
            _bombed_portal(folder, bombs)
            bomb_db = str(tmp / f"{folder.name}.db")
            with serve_portal(str(folder)) as server:
                start = server.base_url + "/thong-tin-tuyen-truyen/bai-viet/cat/tin-tuc-su-kien-2548"
                summary, stderr, peak, code = _crawl(start, bomb_db, "--full", "--no-warc",
                                                     "--media-dir", str(tmp / f"{folder.name}.media"))
            import sqlite3

            with sqlite3.connect(bomb_db) as conn:
                too_large = conn.execute("SELECT count(*) FROM fetches WHERE error LIKE 'too large%'").fetchone()[0]
            rows.append((label, summary.get("new", "?"), summary.get("failed", "?"), too_large, peak,
                         summary.get("writer_peak_mb", "?"), stderr.count("Traceback")))
        base_peak = rows[0][4] or 1
        lines += ["", f"Bombs: an article answered with gzip inflating to {BOMB_MB} MB (Content-Encoding), an image "
                  f"doing the same, and /sitemap.xml a gzipped file inflating to {BOMB_MB} MB; `crawl --full` with "
                  "media. Peak resident memory of the largest process (crawl or writer):", ""]
        lines += _table([(*r, f"{r[4] / base_peak:.2f}x") for r in rows],
                        ("portal", "new", "failed", "\"too large\" fetch rows", "peak MB", "writer peak MB",
                         "tracebacks", "peak vs baseline"))
        lines += ["", "Limits: pages 16 MB, sitemaps 50 MB (a sitemap.xml.gz file too), media 100 MB, downloaded "
                  "or inflated (scraper/settings.py); each bomb is one \"too large\" fetch row."]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(run())
