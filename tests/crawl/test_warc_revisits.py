"""WARC in: revisit records read as their original's payload.

The crawl's own WARC writer stores a payload it has already written as a `revisit` record (the
identical-payload-digest profile). A generated portal where every article shows the same image
(the generator's one photo, under a URL of its own per article) is crawled for real from the
sample server on 127.0.0.1, then crawled again (its unchanged pages become revisits); the WARC
files are imported by real `portal-archive import-warc` processes into real SQLite files.
"""
from __future__ import annotations

import hashlib
import io
import json
import sqlite3
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from warcio.archiveiterator import ArchiveIterator

from scraper.warc_import import WarcImport
from tests.conftest import run_cli

FAST = {"PORTAL_ARCHIVE_MAX_CRAWL_DELAY": "0"}
ARTICLES = 30


def _warcs(db: Path) -> list[str]:
    return sorted(str(p) for p in Path(f"{db}.warcs").glob("*.warc.gz"))


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    """A generated portal (one listing page, one image shared by every article) crawled twice."""
    from scraper.sample.generate import generate_portal
    from scraper.sample.server import serve_portal

    work = tmp_path_factory.mktemp("revisits")
    portal = work / "portal"
    manifest = generate_portal(str(portal), ARTICLES, per_page=ARTICLES, broken_links=False)
    expected = [json.loads(p.read_text(encoding="utf-8")) for p in (portal / "expected").glob("*.json")]
    db = work / "crawl.db"
    with serve_portal(str(portal)) as server:
        run_cli("crawl", *server.start_urls(), "--db", str(db), env=FAST)
        first = _warcs(db)
        run_cli("crawl", *server.start_urls(), "--db", str(db), "--revisit", env=FAST)
    second = [f for f in _warcs(db) if f not in first]
    images = sum(len(e["images"]) for e in expected)
    assert len({r for r, s in manifest["routes"].items() if s.get("content_type") == "image/jpeg"}) == images > 1
    return {"work": work, "db": db, "first": first, "second": second, "images": images,
            "with_images": sum(1 for e in expected if e["images"])}


def _records(paths: list[str]) -> list[tuple[str, int, object]]:
    out = []
    for path in paths:
        with open(path, "rb") as f:
            it = ArchiveIterator(f)
            for record in it:
                out.append((path, it.get_record_offset(), record.rec_type, record.rec_headers.get_header("WARC-Target-URI"),
                            record.http_headers.get_header("Content-Type") if record.http_headers else None))
    return out


def _count(db: Path, sql: str) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


def test_every_article_gets_the_image_its_crawl_wrote_as_revisits(crawled, tmp_path):
    images = [r for r in _records(crawled["first"]) if r[4] == "image/jpeg"]
    assert [r[2] for r in images].count("response") == 1 and [r[2] for r in images].count("revisit") > 1
    db = tmp_path / "one.db"
    run_cli("import-warc", *crawled["first"], "--db", str(db))
    assert _count(db, "SELECT count(*) FROM articles") == ARTICLES
    assert _count(db, "SELECT count(*) FROM article_media") == crawled["images"]
    assert _count(db, "SELECT count(DISTINCT article_url) FROM article_media") == crawled["with_images"]
    assert _count(db, "SELECT count(*) FROM media") == 1  # one body, content-addressed


@pytest.mark.parametrize("workers", [1, 2])
def test_no_article_waits_for_an_image_written_as_a_revisit(crawled, workers):
    reader = WarcImport(crawled["first"], workers=workers)
    bodies, articles = set(), 0
    for capture, record in reader.articles():
        articles += 1
        for image in record["images"]:  # asked while the import runs, as the archive does
            found = reader.media_body(image["url"], capture)
            bodies.add(found[0] if found else None)
    assert articles == ARTICLES
    assert reader.held_back == 0 and reader.unresolved == []
    assert len(bodies) == 1 and next(iter(bodies)).startswith(b"\xff\xd8")  # the one photo, for every image


@pytest.mark.parametrize("spooled_at_most", [None, 0])
def test_an_image_is_the_records_payload_whether_kept_from_the_pass_or_read_again(crawled, monkeypatch,
                                                                              spooled_at_most):
    """Files up to a size are copied to the spool as the pass reads them; a larger one (every one,
    with the limit at 0) is read again from its record: the same bytes either way."""
    import scraper.warc_import as warc_import

    if spooled_at_most is not None:
        monkeypatch.setattr(warc_import, "_SPOOLED_FILE_AT_MOST", spooled_at_most)
    path = crawled["first"][0]
    with open(path, "rb") as f:
        photo = next(r.content_stream().read() for r in ArchiveIterator(f)
                     if r.rec_type == "response" and r.http_headers.get_header("Content-Type") == "image/jpeg")
    reader = WarcImport(crawled["first"], workers=1)
    found = [reader.media_body(image["url"], capture)
             for capture, record in reader.articles() for image in record["images"]]
    assert len(found) == crawled["images"] and all(f is not None and f[0] == photo for f in found)
    assert all(f[1] == "image/jpeg" for f in found)


@pytest.mark.parametrize("compressed", [True, False])
def test_an_image_whose_record_the_file_ends_inside_of_is_linked_to_no_article(crawled, tmp_path, compressed):
    """The file is cut inside the image's one full record: its bytes are short, so no article gets
    them (its revisits after the cut are gone with the rest of the file)."""
    import gzip

    path = crawled["first"][0]
    data = Path(path).read_bytes() if compressed else gzip.decompress(Path(path).read_bytes())
    with io.BytesIO(data) as f:
        it = ArchiveIterator(f)
        spans = []
        for r in it:
            is_image = r.rec_type == "response" and r.http_headers.get_header("Content-Type") == "image/jpeg"
            it.read_to_end()
            spans.append((it.get_record_offset(), it.get_record_length(), is_image))
    offset, length = next((o, n) for o, n, image in spans if image)
    cut = tmp_path / ("cut.warc.gz" if compressed else "cut.warc")
    cut.write_bytes(data[:offset + length - 40])  # inside its payload (or the gzip member's end)
    reader = WarcImport([str(cut)], workers=1)
    found = [reader.media_body(image["url"], capture)
             for capture, record in reader.articles() for image in record["images"]]
    # reported where the last whole record ended (before the separator, in an uncompressed file)
    assert len(reader.breakages) == 1 and offset - 4 <= reader.breakages[0].offset <= offset
    assert found and all(f is None for f in found)


def test_a_revisit_whose_original_is_in_another_file_is_reported_and_its_article_kept(crawled, tmp_path):
    """The image's one full record moved to a file of its own (a WARC split in parts); the part
    holding the pages and the image's revisits is imported alone, then both together."""
    path = crawled["first"][0]
    recs = _records([path])
    i = next(i for i, r in enumerate(recs) if r[4] == "image/jpeg" and r[2] == "response")
    start, end = recs[i][1], recs[i + 1][1]
    data = Path(path).read_bytes()
    original, rest = tmp_path / "part-1.warc.gz", tmp_path / "part-2.warc.gz"
    original.write_bytes(data[start:end])
    rest.write_bytes(data[:start] + data[end:])

    db = tmp_path / "alone.db"
    result = run_cli("import-warc", str(rest), "--db", str(db), check=False)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert f"{crawled['images'] - 1} revisit record(s) whose original is in none of these files" in result.stderr
    assert _count(db, "SELECT count(*) FROM articles") == ARTICLES  # every article, without its image
    assert _count(db, "SELECT count(*) FROM article_media") == 0
    reader = WarcImport([str(rest)], workers=1)
    assert sum(1 for _ in reader.articles()) == ARTICLES
    assert reader.held_back == 1  # only the article whose image has no record left in the file waits for it

    together = tmp_path / "together.db"
    run_cli("import-warc", str(original), str(rest), "--db", str(together))
    assert _count(together, "SELECT count(*) FROM article_media") == crawled["images"]


def test_a_recrawls_unchanged_article_pages_import_as_captures_of_the_articles(crawled, tmp_path):
    pages = [r for r in _records(crawled["second"]) if r[2] == "revisit" and "/id/" in (r[3] or "")]
    assert len(pages) == ARTICLES  # every article page unchanged: written as a revisit
    db = tmp_path / "both.db"
    run_cli("import-warc", *crawled["first"], *crawled["second"], "--db", str(db))
    assert _count(db, "SELECT count(*) FROM articles") == ARTICLES
    assert _count(db, "SELECT count(*) FROM captures WHERE warc_record_type = 'revisit'") == ARTICLES
    per_article = {n for (n,) in sqlite3.connect(db).execute("SELECT count(*) FROM captures GROUP BY url")}
    assert per_article == {2}
    assert _count(db, "SELECT count(*) FROM article_media") == crawled["images"]


def test_recover_from_pywb_links_every_article_to_the_image_written_as_revisits(crawled, tmp_path):
    """pywb lists the image's revisits as `warc/revisit` and replays each as the photo itself."""
    from tests.pywb_server import serve_pywb

    host = urlsplit(_records(crawled["first"])[1][3]).netloc
    db = tmp_path / "recovered.db"
    with serve_pywb(crawled["first"], tmp_path / "pywb") as base:
        run_cli("recover", host, "--cdx-url", f"{base}/cdx", "--delay", "0", "--cdx-rate", "0", "--db", str(db))
    assert _count(db, "SELECT count(*) FROM articles") == ARTICLES
    assert _count(db, "SELECT count(*) FROM article_media") == crawled["images"]
    assert _count(db, "SELECT count(*) FROM media") == 1


def test_the_crawls_own_media_row_cites_the_record_holding_the_image(crawled):
    """The crawl links its articles' media itself: the one photo, written once and then as
    revisits, is cited at its full record (a revisit record holds no bytes to read back)."""
    db = crawled["db"]
    assert _count(db, "SELECT count(*) FROM article_media") == crawled["images"]
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT sha256, warc_file, warc_offset FROM media").fetchall()
    conn.close()
    assert len(rows) == 1
    sha256, name, offset = rows[0]
    with open(Path(f"{db}.warcs") / name, "rb") as f:
        f.seek(offset)
        record = next(iter(ArchiveIterator(f)))
        assert record.rec_type == "response"
        assert hashlib.sha256(record.content_stream().read()).hexdigest() == sha256


def test_a_recrawls_warc_imported_after_the_first_finds_its_originals_in_the_archive(crawled, tmp_path):
    """Each crawl's files imported on their own, in turn: the second's revisits refer to captures the
    archive already holds (pages and the photo), so nothing of it is lost or reported."""
    db = tmp_path / "in-turn.db"
    run_cli("import-warc", *crawled["first"], "--db", str(db))
    result = run_cli("import-warc", *crawled["second"], "--db", str(db), check=False)
    assert f"{ARTICLES} unchanged" in result.stdout
    # what the archive never keeps (robots.txt, the listing) is reported: the links it held are not read
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "2 revisit record(s) whose original is in none of these files" in result.stderr
    assert "robots.txt" in result.stderr and "/id/" not in result.stderr
    assert _count(db, "SELECT count(*) FROM articles") == ARTICLES
    per_article = {n for (n,) in sqlite3.connect(db).execute("SELECT count(*) FROM captures GROUP BY url")}
    assert per_article == {2}
    assert _count(db, "SELECT count(*) FROM article_media") == crawled["images"]
    assert _count(db, "SELECT count(*) FROM media") == 1
