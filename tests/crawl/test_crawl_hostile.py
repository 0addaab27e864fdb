"""Hostile pages through a real crawl: <meta refresh> on articles and stubs, control characters
and lying charsets, a gzip bomb (a real server on 127.0.0.1, a real archive file)."""
from __future__ import annotations

import json
import re
import resource
import shutil
import sqlite3
import zlib

from scraper.sample.malform import cp1258
from scraper.sample.server import serve_portal
from tests.conftest import PORTALS, run_cli
from tests.crawl_support import crawl, export, fetches, path_of

LISTING = "/thong-tin-tuyen-truyen/bai-viet/cat/tin-tuc-su-kien-2548"
STUB_HERE = LISTING + "/id/bai-da-chuyen-sang-dia-chi-moi-12399"
MOVED_HERE = LISTING + "/id/bai-o-dia-chi-moi-12400"
STUB_AWAY = LISTING + "/id/bai-chuyen-sang-may-khac-12401"
_STUB = ('<html><head><meta http-equiv="refresh" content="0;url={url}"><title>Chuyển trang</title></head>'
         '<body>Đang chuyển trang...</body></html>')


def _portal_copy(tmp_path, name: str = "phutho-aspnet"):
    folder = tmp_path / name
    shutil.copytree(PORTALS / name, folder)
    return folder, json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


def _add_route(folder, manifest: dict, path: str, file: str, body: bytes, link_text: str | None = None,
               **route) -> None:
    (folder / "pages" / file).write_bytes(body)
    manifest["routes"][path] = {"file": file, **route}
    if link_text:  # linked from the first listing page, as its articles are
        listing = folder / "pages" / "listing-1.html"
        html = listing.read_text(encoding="utf-8")
        listing.write_text(html.replace("</body>", f'<a href="{path}">{link_text}</a></body>'), encoding="utf-8")


def _save(folder, manifest: dict) -> None:
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")


def test_meta_refresh_on_articles_and_stubs(tmp_path):
    """Articles with `refresh 60;url=/` are archived as they are; a stub's refresh is followed on
    the portal's host and never to another port (whose robots.txt is not asked for either)."""
    folder, manifest = _portal_copy(tmp_path)
    for page in (folder / "pages").glob("article-*.html"):
        html = page.read_text(encoding="utf-8")
        assert "</head>" in html
        page.write_text(html.replace("</head>", '<meta http-equiv="refresh" content="60;url=/"></head>', 1),
                        encoding="utf-8")
    # the moved article: another article's page under another headline (the same content at a second
    # address would be that article's alias: tests/archive/test_archive_twins.py)
    article = (folder / "pages" / "article-12345.html").read_text(encoding="utf-8")
    article = article.replace('<h1 class="news-title">', '<h1 class="news-title">Bài ở địa chỉ mới: ', 1).encode()
    with serve_portal(str(tmp_path / "phutho-aspnet")) as elsewhere:  # the same portal on another port
        _add_route(folder, manifest, MOVED_HERE, "moved.html", article)
        _add_route(folder, manifest, STUB_HERE, "stub-here.html", _STUB.format(url=MOVED_HERE).encode(),
                   "Bài đã chuyển sang địa chỉ mới")
        _add_route(folder, manifest, STUB_AWAY, "stub-away.html",
                   _STUB.format(url=elsewhere.base_url + MOVED_HERE).encode(), "Bài chuyển sang máy khác")
        _save(folder, manifest)
        db = str(tmp_path / "x.db")
        with serve_portal(str(folder)) as server:
            summary = crawl(server.base_url + LISTING, "--db", db, "--no-warc", "--no-media")
        assert elsewhere.requests == []
    paths = sorted(path_of(r["url"]) for r in export(db))
    expected = sorted(e["path"] for e in (json.loads(p.read_text(encoding="utf-8"))
                                           for p in (folder / "expected").glob("*.json")))
    assert paths == sorted(expected + [MOVED_HERE]), paths
    assert summary["failed"] == 0 and summary["new"] == 5, summary
    assert "/" not in server.requests  # no article was replaced by the home page its refresh names
    refreshed = [f for f in fetches(db) if path_of(f[0]) == STUB_HERE]
    assert refreshed and refreshed[0][1] == 200


def test_control_characters_and_lying_charsets_in_a_crawl(tmp_path):
    """An article with control characters in its text and attribute names, one in windows-1258
    said to be UTF-8 and one in windows-1258 naming no charset: all archived, readable, and the
    guessed ones marked so in the archive; re-extraction and WARC import read them alike."""
    folder, manifest = _portal_copy(tmp_path)
    pages = folder / "pages"
    bell = pages / "article-12345.html"
    bell.write_text(bell.read_text(encoding="utf-8").replace("<p", "<p a\x07b=1>\x07</p><p", 5), encoding="utf-8")
    for name, content_type in (("article-12298.html", "text/html; charset=utf-8"), ("article-12358.html", "text/html")):
        page = pages / name
        html = page.read_text(encoding="utf-8").replace('charset="utf-8"', "").replace("charset=utf-8", "")
        page.write_bytes(cp1258(html))
        route = next(r for r in manifest["routes"].values() if r.get("file") == name)
        route["content_type"] = content_type
    _save(folder, manifest)
    db = str(tmp_path / "x.db")
    with serve_portal(str(folder)) as server:
        summary = crawl(server.base_url + LISTING, "--db", db, "--warc-dir", str(tmp_path / "warcs"), "--no-media")
    assert summary["new"] == 4 and summary["failed"] == 0, summary
    assert "0 updated" in run_cli("reextract", "--db", db).stdout  # the same decode, the same records
    imported = str(tmp_path / "imported.db")
    run_cli("import-warc", *map(str, sorted((tmp_path / "warcs").glob("*.warc.gz"))), "--db", imported)
    expected = {e["path"]: e for e in (json.loads(p.read_text(encoding="utf-8"))
                                       for p in (folder / "expected").glob("*.json"))}
    for archive in (db, imported):
        rows = export(archive)
        assert len(rows) == 4
        for row in rows:
            assert row["title"] == expected[path_of(row["url"])]["title"]
            assert "\x07" not in row["body"]
        with sqlite3.connect(archive) as conn:
            marks = {path_of(url): json.loads(extra or "{}").get("charset_guessed")
                     for url, extra in conn.execute("SELECT url, extra FROM articles")}
        assert sorted(p.rsplit("-", 1)[1] for p, mark in marks.items() if mark == "cp1258") == ["12298", "12358"]
        assert sum(mark is None for mark in marks.values()) == 2


def _gzip_bomb(path, inflated_mb: int) -> None:
    """A gzip file of `inflated_mb` MB of spaces (~1 KB a MB compressed), written without holding it."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    chunk = b" " * (1024 * 1024)
    with open(path, "wb") as f:
        for _ in range(inflated_mb):
            f.write(compressor.compress(chunk))
        f.write(compressor.flush())


def test_bombs_and_oversized_answers_are_recorded_too_large(tmp_path):
    """An article answered with gzip inflating to 200 MB, one of 17 MB as is, an image and a
    sitemap.xml.gz inflating to 200 MB: each stopped at its limit (pages 16 MB, media 100 MB,
    sitemaps 50 MB) and recorded "too large" in fetches; the other articles archived; the crawl's
    memory stays far from the bombs' size."""
    folder, manifest = _portal_copy(tmp_path)
    routes = manifest["routes"]
    bomb_path = next(p for p, r in routes.items() if r.get("file") == "article-12371.html")
    big_path = next(p for p, r in routes.items() if r.get("file") == "article-12358.html")
    image_path = "/Uploads/images/2022/11/z3851874021394_8d1f3c0b7e2a45f6a9c3d2e1b0f4a7c6.jpg"
    _gzip_bomb(folder / "pages" / "bomb.gz", 200)
    routes[bomb_path] = {"file": "bomb.gz", "headers": {"Content-Encoding": "gzip"}}
    routes[image_path] = {"file": "bomb.gz", "content_type": "image/jpeg", "headers": {"Content-Encoding": "gzip"}}
    (folder / "pages" / "big.html").write_bytes(b"<html><body><p>" + b"x" * (17 * 1024 * 1024) + b"</p></body></html>")
    routes[big_path] = {"file": "big.html"}
    # a sitemap.xml.gz inflating to 200 MB (the sitemap limit is 50 MB), read by a --full run
    _gzip_bomb(folder / "pages" / "sitemap.xml.gz", 200)
    routes["/sitemap.xml"] = {"file": "sitemap.xml.gz", "content_type": "application/x-gzip"}
    _save(folder, manifest)
    db = str(tmp_path / "x.db")
    with serve_portal(str(folder)) as server:
        summary = crawl(server.base_url + LISTING, "--db", db, "--no-warc", "--full")
    assert summary["new"] == 2 and summary["failed"] >= 2, summary
    rows = {path_of(url): (status, error) for url, status, kind, run, to, error in fetches(db)}
    for path in (bomb_path, big_path, image_path, "/sitemap.xml"):
        assert rows[path][1] and rows[path][1].startswith("too large: "), (path, rows[path])
    # the bombs were inflated no further than their limits (Scrapy's message gives how far it got)
    inflated = int(re.search(r"(\d+) B decompressed so far", rows[bomb_path][1]).group(1))
    assert inflated <= 16 * 1024 * 1024 + 65536
    assert summary["writer_peak_mb"] < 300
    # the crawl process and its writer (children of this test process): a loose bound, not a timing
    assert resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss < 1024 * 1024
