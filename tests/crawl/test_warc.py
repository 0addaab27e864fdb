"""Preservation: WARC out (validated by warcio's checker), media, WARC in, and recovery from pywb.

Everything runs against real parts: the sample portal served on 127.0.0.1, the real crawl
command, real WARC files, `warcio check`, and pywb (the Webrecorder Wayback server) serving the
crawl's WARC files over its CDX and replay APIs.
"""
from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import unicodedata
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tests.conftest import PORTALS, load_expected, run_cli
from scraper.sample.hostile_warc import bomb_payload, response_record
from tests.pywb_server import serve_pywb

FAST = {"PORTAL_ARCHIVE_MAX_CRAWL_DELAY": "0"}  # the fixtures' Crawl-delay would only slow the tests
ARTICLE_FIELDS = ("url", "site", "title", "published", "published_text", "views", "author", "category", "body",
                  "images", "attachments")


# -- helpers -------------------------------------------------------------------------------------

def _norm(value):
    return None if value is None else re.sub(r"\s+", " ", unicodedata.normalize("NFC", str(value))).strip()


def _path(url):
    parts = urlsplit(url)
    return parts.path + ("?" + parts.query if parts.query else "")


def _f1(a, b) -> float:
    ta, tb = (Counter(re.findall(r"\w+", (_norm(x) or "").lower())) for x in (a, b))
    common = sum((ta & tb).values())
    if not ta and not tb:
        return 1.0
    if not common:
        return 0.0
    p, r = common / sum(ta.values()), common / sum(tb.values())
    return 2 * p * r / (p + r)


def mismatches(portal: str, exported: list[dict]) -> list[str]:
    """Differences between an export and the portal's expected JSON (the rules of compare_articles.py)."""
    by_path = {_path(a["url"]): a for a in exported}
    problems = []
    expected = load_expected(portal)
    for e in expected:
        a = by_path.get(e["path"])
        if a is None:
            problems.append(f"missing {e['path']}")
            continue
        for key in ("title", "views", "author", "category"):
            if _norm(a.get(key)) != _norm(e.get(key)):
                problems.append(f"{e['path']} {key}: {a.get(key)!r} != {e.get(key)!r}")
        if (a.get("published") or "")[:10] != (e.get("published") or "")[:10]:
            problems.append(f"{e['path']} published: {a.get('published')!r} != {e.get('published')!r}")
        if _f1(a.get("body"), e.get("body")) < 0.95:
            problems.append(f"{e['path']} body differs")
        if [(_path(i["url"]), _norm(i.get("caption"))) for i in a.get("images") or []] != \
                [(i["path"], _norm(i.get("caption"))) for i in e.get("images", [])]:
            problems.append(f"{e['path']} images differ")
        if sorted(_path(x["url"]) for x in a.get("attachments") or []) != sorted(x["path"] for x in e.get("attachments", [])):
            problems.append(f"{e['path']} attachments differ")
    extra = set(by_path) - {e["path"] for e in expected}
    problems += [f"extra {p}" for p in sorted(extra)]
    if len(exported) != len(by_path):
        problems.append("duplicates")
    return problems


def export(db: Path) -> list[dict]:
    return [json.loads(line) for line in run_cli("export", "--db", str(db)).stdout.splitlines() if line.strip()]


def article_fields(rows: list[dict]) -> dict[str, dict]:
    return {r["url"]: {k: r.get(k) for k in ARTICLE_FIELDS} for r in rows}


def warc_files(db: Path) -> list[str]:
    return sorted(str(p) for p in Path(f"{db}.warcs").glob("*.warc.gz"))


def records(path: str) -> list[tuple[int, object, bytes]]:
    out = []
    with open(path, "rb") as f:
        it = ArchiveIterator(f)
        for record in it:
            body = record.content_stream().read()
            out.append((it.get_record_offset(), record, body))
    return out


# -- a crawl with WARC output, shared by the tests of this module ------------------------------

@pytest.fixture(scope="module")
def crawled(tmp_path_factory, request):
    """The phutho-aspnet sample portal crawled (WARC written), then crawled again (revisits)."""
    from scraper.sample.server import serve_portal

    work = tmp_path_factory.mktemp("warc")
    db = work / "crawl.db"
    with serve_portal(str(PORTALS / "phutho-aspnet")) as server:
        run_cli("crawl", *server.start_urls(), "--db", str(db), env=FAST)
        first = warc_files(db)
        run_cli("crawl", *server.start_urls(), "--db", str(db), "--revisit", env=FAST)
    second = [f for f in warc_files(db) if f not in first]
    return {"db": db, "work": work, "first": first, "second": second, "all": warc_files(db)}


# -- WARC out ------------------------------------------------------------------------------------

def test_crawl_warc_passes_warcio_check_and_holds_every_exchange(crawled):
    assert crawled["first"] and crawled["second"], "each crawl writes its own WARC file"
    for path in crawled["all"]:
        check = subprocess.run([str(Path(sys.executable).parent / "warcio"), "check", "-v", path],
                               capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr
        assert "digest pass" in check.stdout and "fail" not in check.stdout
    recs = records(crawled["first"][0])
    kinds = Counter(r.rec_type for _, r, _ in recs)
    assert kinds["warcinfo"] == 1
    assert kinds["response"] >= 10 and kinds["request"] == kinds["response"] + kinds["revisit"]
    assert kinds["metadata"] == kinds["request"]
    urls = {r.rec_headers.get_header("WARC-Target-URI") for _, r, _ in recs if r.rec_type == "response"}
    assert any(u.endswith("/robots.txt") for u in urls)
    assert any(u.endswith(".jpg") for u in urls), "images are fetched and archived"
    assert any(u.endswith(".pdf") for u in urls), "attachments are fetched and archived"
    for _, record, body in recs:
        assert record.rec_headers.get_header("WARC-Date")
        if record.rec_type == "response":
            assert record.rec_headers.get_header("WARC-Payload-Digest").startswith("sha1:")
            assert record.http_headers.get_statuscode()
        if record.rec_type == "request":
            assert record.http_headers.get_header("User-Agent", "").startswith("portal-archive/")
            assert record.rec_headers.get_header("WARC-Concurrent-To")


def test_unchanged_refetch_is_a_revisit_record(crawled):
    recs = [r for path in crawled["second"] for _, r, _ in records(path)]
    revisits = [r for r in recs if r.rec_type == "revisit"]
    assert revisits, "the second crawl fetched unchanged pages: they must be revisit records"
    for r in revisits:
        assert r.rec_headers.get_header("WARC-Profile").endswith("/revisit/identical-payload-digest")
        assert r.rec_headers.get_header("WARC-Refers-To-Target-URI")
        assert r.rec_headers.get_header("WARC-Refers-To-Date")


def test_each_article_points_to_its_warc_record(crawled):
    conn = sqlite3.connect(crawled["db"])
    articles = [u for (u,) in conn.execute("SELECT url FROM articles")]
    assert len(articles) == 4
    for url in articles:
        rows = conn.execute("SELECT warc_file, warc_offset, payload_digest, provenance FROM captures "
                            "WHERE url = ? ORDER BY id", (url,)).fetchall()
        assert rows, f"no capture recorded for {url}"
        warc_file, offset, digest, provenance = rows[0]
        assert provenance == "live"
        with open(Path(f"{crawled['db']}.warcs") / warc_file, "rb") as f:
            f.seek(offset)
            record = next(iter(ArchiveIterator(f)))
            assert record.rec_type in ("response", "revisit")
            assert record.rec_headers.get_header("WARC-Target-URI") == url
            assert record.rec_headers.get_header("WARC-Payload-Digest") == digest


def test_media_are_content_addressed_and_linked_to_articles(crawled):
    conn = sqlite3.connect(crawled["db"])
    media_dir = Path(f"{crawled['db']}.media")
    rows = conn.execute("SELECT sha256, url, content_type, size FROM media").fetchall()
    assert rows
    for sha256, url, content_type, size in rows:
        path = media_dir / sha256[:2] / sha256
        body = path.read_bytes()
        assert hashlib.sha256(body).hexdigest() == sha256 and len(body) == size
        assert content_type
    names = {p.name for p in media_dir.rglob("*") if p.is_file()}
    assert all(re.fullmatch(r"[0-9a-f]{64}", n) for n in names), "never a name taken from a URL"
    linked = conn.execute("SELECT am.article_url, am.role, am.url FROM article_media am").fetchall()
    extracted = conn.execute("SELECT count(*) FROM images").fetchone()[0] + \
        conn.execute("SELECT count(*) FROM attachments").fetchone()[0]
    assert len(linked) == extracted, "every image and attachment extraction found is kept"
    assert {"image", "attachment"} <= {role for _, role, _ in linked}


# -- WARC in -------------------------------------------------------------------------------------

def test_round_trip_import_gives_the_crawls_articles(crawled, tmp_path):
    fresh = tmp_path / "imported.db"
    result = run_cli("import-warc", *crawled["first"], "--db", str(fresh))
    assert "4 new" in result.stdout
    assert article_fields(export(fresh)) == article_fields(export(crawled["db"]))
    conn = sqlite3.connect(fresh)
    provenances = {p for (p,) in conn.execute("SELECT provenance FROM articles")}
    assert provenances == {f"warc:{Path(crawled['first'][0]).name}"}
    first_seen = {s for (s,) in conn.execute("SELECT first_seen FROM articles")}
    assert all(s.startswith(Path(crawled["first"][0]).name.split("-")[2][:4]) for s in first_seen)
    assert conn.execute("SELECT count(*) FROM article_media").fetchone()[0] > 0


def test_import_of_both_crawls_records_each_capture(crawled, tmp_path):
    fresh = tmp_path / "both.db"
    run_cli("import-warc", *crawled["all"], "--db", str(fresh))
    conn = sqlite3.connect(fresh)
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 4
    # the second crawl's unchanged pages are revisits: still a capture, a view count, a date seen
    per_article = conn.execute("SELECT count(*) FROM view_counts GROUP BY article_id").fetchall()
    assert [n for (n,) in per_article] == [2, 2, 2, 2]


def test_truncated_warc_reports_the_break_and_keeps_what_came_before(crawled, tmp_path):
    articles = {r["url"] for r in export(crawled["db"])}
    recs = records(crawled["first"][0])
    article_offsets = [off for off, r, _ in recs
                       if r.rec_type == "response" and r.rec_headers.get_header("WARC-Target-URI") in articles]
    cut_record = article_offsets[2]  # the file ends inside the third article's response
    broken = tmp_path / "broken.warc.gz"
    broken.write_bytes(Path(crawled["first"][0]).read_bytes()[:cut_record + 200])
    db = tmp_path / "partial.db"
    result = run_cli("import-warc", str(broken), "--db", str(db), check=False)
    assert result.returncode != 0
    lines = [l for l in result.stderr.splitlines() if l.strip()]
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert f"broken record at offset {cut_record}" in lines[0], lines[0]
    assert len(export(db)) == 2, "the two articles before the break are imported"


def _garble(data: bytes, at: int) -> bytes:
    out = bytearray(data)
    out[at:at + 64] = b"\x00garbage-not-a-warc-record\x00" * 2 + b"\x00" * 10
    return bytes(out)


def test_corrupt_bytes_in_a_warc_are_reported(crawled, tmp_path):
    data = Path(crawled["first"][0]).read_bytes()
    offsets = [off for off, _, _ in records(crawled["first"][0])]
    target = offsets[len(offsets) // 2]
    broken = tmp_path / "corrupt.warc.gz"
    broken.write_bytes(_garble(data, target))
    result = run_cli("import-warc", str(broken), "--db", str(tmp_path / "c.db"), check=False)
    assert result.returncode != 0
    assert f"broken record at offset {target}" in result.stderr and "Traceback" not in result.stderr


def test_a_garbled_record_anywhere_is_found_at_its_own_offset(crawled, tmp_path):
    from scraper.warc_import import WarcImport

    data = Path(crawled["first"][0]).read_bytes()
    broken = tmp_path / "garbled.warc.gz"
    for target in [off for off, _, _ in records(crawled["first"][0])][1:]:
        broken.write_bytes(_garble(data, target))
        reader = WarcImport([str(broken)], workers=1)
        reader.scan()
        assert [b.offset for b in reader.breakages] == [target]


def _article_response(portal: str, name: str) -> tuple[str, bytes]:
    manifest = json.loads((PORTALS / portal / "manifest.json").read_text(encoding="utf-8"))
    for route, spec in manifest["routes"].items():
        if spec.get("file") == name:
            return route, (PORTALS / portal / "pages" / name).read_bytes()
    raise LookupError(name)


def test_import_of_other_tools_files_arc_and_chunked_uncompressed_warc(tmp_path):
    """An ARC file (old Heritrix/Wayback) and a plain .warc with a chunked response (wget style)."""
    expected = {e["path"]: e for e in load_expected("liferay")}
    path, want = next(iter(expected.items()))
    name = next(spec["file"] for route, spec in json.loads((PORTALS / "liferay" / "manifest.json").read_text())["routes"].items()
                if route == path)
    _, body = _article_response("liferay", name)
    url = "http://thanhson.example.gov.vn" + path
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n" % len(body) + body
    arc = tmp_path / "old.arc"
    version = b"1 0 portal-archive test\nURL IP-address Archive-date Content-type Archive-length\n"
    head = b"filedesc://old.arc 0.0.0.0 20080101000000 text/plain %d\n" % len(version) + version
    arc.write_bytes(head + b"\n" + f"{url} 127.0.0.1 20190305101500 text/html {len(http)}\n".encode() + http + b"\n")
    chunked = b"".join(b"%x\r\n%s\r\n" % (len(body[i:i + 4000]), body[i:i + 4000]) for i in range(0, len(body), 4000)) + b"0\r\n\r\n"
    plain = tmp_path / "wget.warc"
    with open(plain, "wb") as f:
        writer = WARCWriter(f, gzip=False)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                              ("Transfer-Encoding", "chunked")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(chunked),
                                                      length=len(chunked), http_headers=headers,
                                                      warc_headers_dict={"WARC-Date": "2021-06-01T08:00:00Z"}))
    db = tmp_path / "other.db"
    run_cli("import-warc", str(arc), str(plain), "--db", str(db))
    rows = export(db)
    assert [r["url"] for r in rows] == [url]
    assert _norm(rows[0]["title"]) == _norm(want["title"])
    conn = sqlite3.connect(db)
    seen = conn.execute("SELECT captured_at FROM captures ORDER BY captured_at").fetchall()
    assert [s[:10] for (s,) in seen] == ["2019-03-05", "2021-06-01"], "capture dates, not the import date"
    assert conn.execute("SELECT first_seen FROM articles").fetchone()[0].startswith("2019-03-05")
    assert {p for (p,) in conn.execute("SELECT provenance FROM captures")} == {"warc:old.arc", "warc:wget.warc"}


def test_import_warc_bad_input_is_one_line(tmp_path):
    junk = tmp_path / "junk.warc.gz"
    junk.write_bytes(gzip.compress(b"this is not a web archive\n" * 10))
    result = run_cli("import-warc", str(junk), "--db", str(tmp_path / "j.db"), check=False)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert len([l for l in result.stderr.splitlines() if l.strip()]) == 1


# -- recovery from a Wayback service (pywb) ----------------------------------------------------

def _with_new_views(warc: str, out: Path, url: str, views_from: int, views_to: int) -> None:
    """A later capture of one article whose view counter moved on (as a second crawl would see it)."""
    with open(warc, "rb") as f:
        for record in ArchiveIterator(f):
            if record.rec_type == "response" and record.rec_headers.get_header("WARC-Target-URI") == url:
                body = record.content_stream().read()
                break
    for form in (lambda n: str(n), lambda n: f"{n:,}".replace(",", ".")):  # 12345 or 12.345 as portals write it
        body = body.replace(f">{form(views_from)}<".encode(), f">{form(views_to)}<".encode())
    with open(out, "wb") as f:
        writer = WARCWriter(f, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                              ("Content-Length", str(len(body)))], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), length=len(body),
                                                      http_headers=headers,
                                                      warc_headers_dict={"WARC-Date": "2030-01-02T03:04:05Z"}))


def test_recover_a_portal_from_pywb_alone(crawled, tmp_path):
    rows = export(crawled["db"])
    target = next(r for r in rows if r["views"])
    later = tmp_path / "later.warc.gz"
    _with_new_views(crawled["first"][0], later, target["url"], target["views"], target["views"] + 1000)
    host = urlsplit(target["url"]).netloc
    as_crawled, db = tmp_path / "as-crawled.db", tmp_path / "recovered.db"
    with serve_pywb([*crawled["first"], str(later)], tmp_path / "pywb") as base:
        first = run_cli("recover", host, "--cdx-url", f"{base}/cdx", "--delay", "0", "--cdx-rate", "0", "--to", "2029",
                        "--db", str(as_crawled))
        result = run_cli("recover", host, "--cdx-url", f"{base}/cdx", "--delay", "0", "--cdx-rate", "0", "--db", str(db))
        none = run_cli("recover", host, "--cdx-url", f"{base}/cdx", "--delay", "0", "--cdx-rate", "0", "--from", "2031",
                       "--db", str(tmp_path / "none.db"))
    assert "4 new" in first.stdout and "4 new" in result.stdout
    assert "0 article captures" in none.stdout, "--from filters captures by year"
    # recovered from pywb alone, the portal's articles are what the portal showed
    assert mismatches("phutho-aspnet", export(as_crawled)) == []
    # with the later capture: the article's view count as seen at each capture
    conn = sqlite3.connect(db)
    assert {p for (p,) in conn.execute("SELECT provenance FROM articles")} == {"wayback"}
    views = conn.execute("SELECT vc.seen_at, vc.views FROM view_counts vc JOIN articles a ON a.id = vc.article_id "
                         "WHERE a.url = ? ORDER BY vc.seen_at", (target["url"],)).fetchall()
    assert [v for _, v in views] == [target["views"], target["views"] + 1000]
    assert views[-1][0].startswith("2030-01-02T03:04:05")
    sources = [s for (s,) in conn.execute("SELECT source_url FROM captures WHERE url = ?", (target["url"],))]
    assert len(sources) == 2 and all("id_/" + target["url"] in s for s in sources)
    assert conn.execute("SELECT count(*) FROM article_media").fetchone()[0] > 0


def test_recover_pages_through_more_captures_than_one_answer_holds(crawled, tmp_path):
    """A CDX server that pages (resumeKey, 5 rows a page, as the Wayback Machine's does) in front of
    pywb: every capture is listed and recovered, and each payload digest is fetched once."""
    from tests.cdx_front import cdx_front

    host = urlsplit(export(crawled["db"])[0]["url"]).netloc
    with serve_pywb(crawled["all"], tmp_path / "pywb") as base:
        whole = run_cli("recover", host, "--cdx-url", f"{base}/cdx", "--delay", "0", "--cdx-rate", "0",
                        "--paging", "none", "--db", str(tmp_path / "whole.db"))
        with cdx_front(base) as (front_base, front):
            paged = run_cli("recover", host, "--cdx-url", f"{front_base}/cdx", "--delay", "0", "--cdx-rate", "0",
                            "--page-size", "5", "--db", str(tmp_path / "paged.db"))
    listed = int(re.search(r"(\d+) captures listed", whole.stdout).group(1))
    assert listed > 10 and f"{listed} captures listed" in paged.stdout
    assert len(front.cdx_requests()) == -(-listed // 5) or len(front.cdx_requests()) == listed // 5 + 1
    assert "4 new" in paged.stdout and "4 new" in whole.stdout
    assert export(tmp_path / "paged.db") == export(tmp_path / "whole.db")
    replays = [p for p, _ in front.requests if "id_/" in p]
    assert len(replays) == len(set(replays)), "no capture fetched twice"
    same = int(re.search(r"(\d+) captures of bytes already fetched", paged.stdout).group(1))
    assert same > 0, "the second crawl's unchanged pages (revisits) share digests with the first's"


def test_recover_retries_on_429_and_503_then_gives_up_in_one_line(tmp_path):
    """A CDX service that answers 429, then 503, then works; and one that never works."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    answers = [429, 503]
    seen = []

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):  # noqa: N802
            seen.append(self.path)
            if "/broken/" in self.path or answers:
                self.send_response(answers.pop(0) if answers and "/broken/" not in self.path else 503)
                self.send_header("Retry-After", "0")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            payload = b'[["urlkey","timestamp","original","mimetype","statuscode","digest","length"]]'
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        ok = run_cli("recover", "gone.example.gov.vn", "--cdx-url", f"{base}/ok/cdx", "--delay", "0", "--cdx-rate", "0",
                     "--db", str(tmp_path / "r.db"))
        assert "0 captures listed" in ok.stdout and "2 retries" in ok.stdout
        assert len(seen) == 3
        bad = run_cli("recover", "gone.example.gov.vn", "--cdx-url", f"{base}/broken/cdx", "--delay", "0", "--cdx-rate", "0",
                      "--retries", "1", "--db", str(tmp_path / "r.db"), check=False)
        assert bad.returncode != 0 and "Traceback" not in bad.stderr
        assert len(bad.stderr.strip().splitlines()) == 1 and "503" in bad.stderr
    finally:
        server.shutdown()
        server.server_close()


def test_parallel_extraction_gives_the_same_articles(crawled):
    """Big WARC files are extracted in worker processes: same articles, same order."""
    from scraper.warc_import import WarcImport

    results = []
    for workers in (1, 2):
        reader = WarcImport(crawled["all"], workers=workers)
        reader.scan()
        results.append([(c.url, c.captured_at, r["title"], r["views"]) for c, r in reader.articles()])
    assert results[0] == results[1] and len(results[0]) == 8


def test_articles_of_a_killed_run_get_their_capture_on_the_next_run(tmp_path, portal_server):
    """A crawl killed before its close links nothing; the next run links those articles from the
    WARC directory's digest index (here the first run's links are removed to stand for the kill)."""
    db = tmp_path / "killed.db"
    with portal_server("wordpress") as server:
        run_cli("crawl", *server.start_urls(), "--db", str(db), env=FAST)
        with sqlite3.connect(db) as conn:
            conn.execute("DELETE FROM captures")
        run_cli("crawl", *server.start_urls(), "--db", str(db), env=FAST)
    conn = sqlite3.connect(db)
    missing = conn.execute("SELECT url FROM articles WHERE url NOT IN (SELECT url FROM captures)").fetchall()
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 4 and missing == []


@pytest.mark.parametrize("body", [
    # the Internet Archive's output=json: a header row, then rows
    b'[["urlkey","timestamp","original","mimetype","statuscode","digest","length"],'
    b'["vn,gov,phutho,yenlap)/tin/a-1","20190305101500","http://yenlap.phutho.gov.vn/tin/a-1","text/html","200","ABC","123"]]',
    # pywb's output=json: one object a line
    b'{"urlkey": "vn,gov,phutho,yenlap)/tin/a-1", "timestamp": "20190305101500", '
    b'"url": "http://yenlap.phutho.gov.vn/tin/a-1", "mime": "text/html", "status": "200", "digest": "ABC"}\n',
    # CDXJ
    b'vn,gov,phutho,yenlap)/tin/a-1 20190305101500 {"url": "http://yenlap.phutho.gov.vn/tin/a-1", '
    b'"mime": "text/html", "status": "200", "digest": "ABC"}\n',
    # classic space-separated CDX
    b"vn,gov,phutho,yenlap)/tin/a-1 20190305101500 http://yenlap.phutho.gov.vn/tin/a-1 text/html 200 ABC 123\n",
])
def test_cdx_answers_in_every_format_give_the_same_capture(body):
    from scraper.cdx import parse_cdx

    [row] = list(parse_cdx(body))
    assert (row.url, row.timestamp, row.mime, row.status, row.digest) == \
        ("http://yenlap.phutho.gov.vn/tin/a-1", "20190305101500", "text/html", "200", "ABC")
    assert row.captured_at == "2019-03-05T10:15:00+00:00"


@pytest.mark.parametrize("cdx, replay", [
    ("https://web.archive.org/cdx/search/cdx", "https://web.archive.org/web/"),
    ("http://127.0.0.1:8080/portal/cdx", "http://127.0.0.1:8080/portal/"),
])
def test_replay_address_follows_from_the_cdx_address(cdx, replay):
    from scraper.wayback import replay_prefix

    assert replay_prefix(cdx) == replay


def test_warc_files_roll_by_size_and_each_file_stands_alone(tmp_path):
    from scraper.warc_files import Exchange, WarcFiles

    with WarcFiles(str(tmp_path / "warcs"), max_size=20_000) as files:
        pointers = [files.write_exchange(Exchange(
            url=f"http://yenlap.phutho.gov.vn/tin/bai-{i}", status=200,
            response_headers=[("Content-Type", "text/html; charset=utf-8")],
            body=f"<html><body><p>Bài số {i}</p>".encode() + os.urandom(9000))) for i in range(6)]
        names = list(files.files)
    assert len(names) >= 2, "a new file once the current one passes max_size"
    for name in names:
        check = subprocess.run([str(Path(sys.executable).parent / "warcio"), "check", str(tmp_path / "warcs" / name)],
                               capture_output=True, text=True)
        assert check.returncode == 0, check.stdout
        kinds = [r.rec_type for _, r, _ in records(str(tmp_path / "warcs" / name))]
        assert kinds[0] == "warcinfo" and "response" in kinds
    for p in pointers:  # every pointer opens on its own response record
        with open(tmp_path / "warcs" / p.warc_file, "rb") as f:
            f.seek(p.warc_offset)
            record = next(iter(ArchiveIterator(f)))
            assert record.rec_headers.get_header("WARC-Payload-Digest") == p.payload_digest
            assert hashlib.sha256(record.content_stream().read()).hexdigest() == p.sha256


def test_a_file_cut_anywhere_is_reported_at_the_record_it_cuts(crawled, tmp_path):
    from scraper.warc_import import WarcImport

    data = Path(crawled["first"][0]).read_bytes()
    with open(crawled["first"][0], "rb") as f:
        it = ArchiveIterator(f)
        spans = []
        for _ in it:
            it.read_to_end()
            spans.append((it.get_record_offset(), it.get_record_length()))
    cut_file = tmp_path / "cut.warc.gz"
    for offset, length in spans[1::3]:
        for cut in (offset + 5, offset + length // 2, offset + length - 3):  # header, body, gzip trailer
            cut_file.write_bytes(data[:cut])
            reader = WarcImport([str(cut_file)], workers=1)
            reader.scan()
            assert [b.offset for b in reader.breakages] == [offset], (offset, cut)


def test_crawl_puts_warcs_and_media_where_it_is_told_or_nowhere(tmp_path):
    from scraper.sample.server import serve_portal

    db, warcs, media = tmp_path / "a.db", tmp_path / "w", tmp_path / "m"
    with serve_portal(str(PORTALS / "phutho-aspnet")) as server:
        run_cli("crawl", *server.start_urls(), "--db", str(db), "--warc-dir", str(warcs), "--media-dir", str(media),
                env=FAST)
        assert list(warcs.glob("*.warc.gz")) and any(p.is_file() for p in media.rglob("*"))
        assert not Path(f"{db}.warcs").exists() and not Path(f"{db}.media").exists()
        other = tmp_path / "b.db"
        run_cli("crawl", *server.start_urls(), "--db", str(other), "--no-warc", "--no-media", env=FAST)
    assert not Path(f"{other}.warcs").exists() and not Path(f"{other}.media").exists()
    assert sqlite3.connect(other).execute("SELECT count(*) FROM raw_pages").fetchone()[0] > 0


def test_show_lists_an_articles_captures_and_media_files(crawled):
    conn = sqlite3.connect(crawled["db"])
    url = conn.execute("SELECT url FROM articles WHERE id IN (SELECT article_id FROM images) LIMIT 1").fetchone()[0]
    shown = json.loads(run_cli("show", url, "--db", str(crawled["db"]), "--format", "json").stdout)
    assert len(shown["captures"]) == 2  # the first crawl's response, the second's revisit
    assert all(c["warc_file"] and c["warc_offset"] is not None and c["payload_digest"] for c in shown["captures"])
    assert shown["media"] and all(re.fullmatch(r"[0-9a-f]{64}", m["sha256"]) for m in shown["media"])
    text = run_cli("show", url, "--db", str(crawled["db"])).stdout
    first = shown["captures"][0]
    assert f"{first['warc_file']} @ {first['warc_offset']}" in text and f"sha256:{shown['media'][0]['sha256']}" in text


# -- hostile WARC input: read on past bad records, bounded memory ------------------------------

def _with_inserted(crawled, tmp_path, extra: bytes, name: str) -> tuple[Path, int]:
    """The first crawl's WARC with `extra` (whole gzip members) inserted after its third record."""
    data = Path(crawled["first"][0]).read_bytes()
    at = [off for off, _, _ in records(crawled["first"][0])][3]
    path = tmp_path / name
    path.write_bytes(data[:at] + extra + data[at:])
    return path, at


def test_a_bad_record_is_skipped_reported_and_the_import_reads_on(crawled, tmp_path):
    bad = response_record("../../etc/x", b"<html><title>x</title></html>")
    path, at = _with_inserted(crawled, tmp_path, bad, "bad-uri.warc.gz")
    db = tmp_path / "bad.db"
    result = run_cli("import-warc", str(path), "--db", str(db), check=False)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "4 new" in result.stdout, "every article around the bad record is imported"
    lines = [l for l in result.stderr.splitlines() if l.strip()]
    assert len(lines) == 1 and f"bad-uri.warc.gz @ {at}" in lines[0] and "skipped 1 bad record" in lines[0]
    summary = json.loads(sqlite3.connect(db).execute(
        "SELECT summary FROM crawl_runs ORDER BY id DESC LIMIT 1").fetchone()[0])
    assert summary["skipped_records"] == [{"file": "bad-uri.warc.gz", "offset": at,
                                           "reason": "target URI is not a URI: '../../etc/x'"}]


def test_a_warc_bomb_is_skipped_in_bounded_memory(crawled, tmp_path):
    """A page whose gzip payload inflates to 200 MB (a record of a few hundred KB): skipped, on record."""
    import resource

    bomb = bomb_payload(200 << 20)
    record = response_record("http://yenlap.phutho.gov.vn/tin/bom.html", bomb, encoding="gzip")
    path, at = _with_inserted(crawled, tmp_path, record, "bomb.warc.gz")
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result = run_cli("import-warc", str(path), "--db", str(tmp_path / "bomb.db"), check=False)
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "4 new" in result.stdout and f"bomb.warc.gz @ {at}: page inflates past" in result.stderr
    assert peak_kb < 1_000_000 or peak_kb == before, f"peak {peak_kb} KB"


def test_a_truncated_file_still_stops_at_the_break_after_a_skipped_record(crawled, tmp_path):
    bad = response_record("../../etc/x", b"<html></html>")
    path, at = _with_inserted(crawled, tmp_path, bad, "both.warc.gz")
    data = path.read_bytes()
    path.write_bytes(data[:len(data) - 300])
    result = run_cli("import-warc", str(path), "--db", str(tmp_path / "both.db"), check=False)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "broken record at offset" in result.stderr and f"both.warc.gz @ {at}" in result.stderr


def test_portals_writing_one_directory_share_its_digest_index_and_ask_it_only_for_their_urls(tmp_path):
    """A crawl process keeps hundreds of portals open, each with its own WARC files in one
    directory: a payload one has written is a revisit for the next, the index on disk holds every
    first record once, and a portal closing asks it only for its own URLs."""
    from scraper.warc_files import Exchange, WarcFiles

    def page(host: str, body: bytes) -> Exchange:
        return Exchange(url=f"http://{host}/tin/bai-1", status=200,
                        response_headers=[("Content-Type", "text/html; charset=utf-8")], body=body)

    folder = str(tmp_path / "warcs")
    portals = [WarcFiles(folder) for _ in range(3)]
    shared = b"<html><body><p>Logo chung</p>" + os.urandom(2000)
    first = portals[0].write_exchange(page("a.vn", shared))
    again = portals[1].write_exchange(page("b.vn", shared))
    own = portals[2].write_exchange(page("c.vn", os.urandom(3000)))
    assert (first.warc_record_type, again.warc_record_type, own.warc_record_type) == ("response", "revisit", "response")
    for files in portals:
        files.close()
    assert len((tmp_path / "warcs" / "digests.tsv").read_text(encoding="utf-8").splitlines()) == 2
    reopened = WarcFiles(folder)  # a later run: the index read back
    assert reopened.write_exchange(page("d.vn", shared)).warc_record_type == "revisit"
    reopened.close()
    asked = portals[2].indexed_pointers(["http://c.vn/tin/bai-1"])
    assert list(asked) == ["http://c.vn/tin/bai-1"] and asked["http://c.vn/tin/bai-1"]["warc_offset"] == own.warc_offset
