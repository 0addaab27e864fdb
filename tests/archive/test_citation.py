"""Citations of an archived article: the text line, BibTeX, RIS, CSL-JSON, through the CLI and the web."""
from __future__ import annotations

import json
import re

import pytest

from archive.citation import as_bibtex, as_csl_json, as_ris, as_text, meta_tags, source_of
from archive.store import Archive
from tests.conftest import run_cli

TITLE = "Hội nghị triển khai công tác “Dân vận khéo” năm 2022"
URL = "http://yenlap.phutho.gov.vn/tin-tuc/hoi-nghi-dan-van-kheo-1234"
ARTICLE = {"id": 7, "title": TITLE, "author": "Nguyễn Thị Hà", "site": "yenlap.phutho.gov.vn",
           "published": "2022-11-04T08:00:00+07:00", "url": URL, "version": 2,
           "last_changed": "2026-12-02T20:30:00+00:00", "first_seen": "2026-11-01T00:00:00+00:00",
           "captures": [{"warc_file": "crawl-1.warc.gz", "warc_offset": 1234}]}
PORTAL = "Cổng thông tin điện tử huyện Yên Lập"
COPY = "https://archive.example.org/article/7"


def test_text_line_is_apa_style_in_vietnamese_with_the_archived_copy():
    line = as_text(source_of(ARTICLE, portal=PORTAL, archive_url=COPY))
    # APA (web page): author, (date), title as written (its own quotes kept, none added), site, URL
    # with no full stop after it; then the copy and the day it was captured (day first).
    assert line == (f"Nguyễn Thị Hà. (04/11/2022). Hội nghị triển khai công tác “Dân vận khéo” năm 2022. {PORTAL}. "
                    f"{URL} (Bản lưu ngày 03/12/2026: {COPY}; phiên bản 2; WARC crawl-1.warc.gz @ 1234)")
    # captured 20:30 UTC on 2 December is 3 December in Vietnam
    bare = as_text(source_of({**ARTICLE, "author": None, "captures": [], "version": 1}))
    # no author: the title takes its place (APA)
    assert bare.startswith("Hội nghị triển khai công tác “Dân vận khéo” năm 2022. (04/11/2022). yenlap.phutho.gov.vn. ")
    assert bare.endswith("(Bản lưu của portal-archive, bài số 7, ngày 03/12/2026)")
    undated = as_text(source_of({**ARTICLE, "published": None, "published_text": "Thứ sáu"}))
    assert "Nguyễn Thị Hà. (Thứ sáu). " in undated
    nothing = as_text(source_of({**ARTICLE, "published": None, "title": None, "removed_at": "2026-12-01T01:00:00+00:00"}))
    assert "(không rõ ngày). (không có tiêu đề). " in nothing and "đã gỡ khỏi cổng thông tin ngày 01/12/2026" in nothing


def test_text_line_in_english_on_request():
    line = as_text(source_of(ARTICLE, portal=PORTAL, archive_url=COPY), "en")
    assert line == (f"Nguyễn Thị Hà. (04/11/2022). Hội nghị triển khai công tác “Dân vận khéo” năm 2022. {PORTAL}. "
                    f"{URL} (Archived copy of 03/12/2026: {COPY}; version 2; WARC crawl-1.warc.gz @ 1234)")
    assert "(n.d.)." in as_text(source_of({**ARTICLE, "published": None}), "en")


def test_bibtex_keeps_the_vietnamese_name_whole_and_escapes():
    entry = as_bibtex(source_of({**ARTICLE, "title": "Thu chi 50% & quỹ #1"}, portal=PORTAL, archive_url=COPY))
    assert entry.startswith("@online{yenlap2022-7,\n")
    assert "  title = {{Thu chi 50\\% \\& quỹ \\#1}}," in entry
    assert "  author = {{Nguyễn Thị Hà}}," in entry
    assert f"  organization = {{{PORTAL}}}," in entry and "  date = {2022-11-04}," in entry
    assert "  urldate = {2026-12-03}," in entry and f"  url = {{{URL}}}," in entry
    assert entry.count("{") == entry.count("}")


def test_ris_and_csl_json():
    ris = as_ris(source_of(ARTICLE, portal=PORTAL, archive_url=COPY))
    lines = ris.split("\r\n")
    assert lines[0] == "TY  - ELEC" and lines[-2] == "ER  - " and lines[-1] == ""
    assert f"TI  - {TITLE}" in lines and "AU  - Nguyễn Thị Hà" in lines and f"T2  - {PORTAL}" in lines
    assert "DA  - 2022/11/04/" in lines and "Y2  - 2026/12/03/" in lines and f"UR  - {URL}" in lines
    item = json.loads(as_csl_json(source_of(ARTICLE, portal=PORTAL, archive_url=COPY)))[0]
    assert item["type"] == "webpage" and item["title"] == TITLE and item["author"] == [{"literal": "Nguyễn Thị Hà"}]
    assert item["issued"] == {"date-parts": [[2022, 11, 4]]} and item["accessed"] == {"date-parts": [[2026, 12, 3]]}
    assert item["container-title"] == PORTAL and item["archive_location"] == COPY and item["URL"] == URL


def test_meta_tags_for_zotero():
    tags = dict(meta_tags(source_of(ARTICLE, portal=PORTAL, archive_url=COPY)))
    assert tags["citation_title"] == TITLE and tags["citation_author"] == "Nguyễn Thị Hà"
    assert tags["citation_publication_date"] == "2022/11/04" and tags["citation_publisher"] == PORTAL


@pytest.fixture(scope="module")
def archive_db(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("cite") / "a.db")
    with Archive(path) as archive:
        archive.save_article({"url": URL, "site": "yenlap.phutho.gov.vn", "title": TITLE, "author": "Nguyễn Thị Hà",
                              "published": "2022-11-04T08:00:00+07:00", "body": "Dân vận khéo.", "images": [],
                              "attachments": []})
    return path


def test_show_cite_in_every_format_through_the_cli(archive_db):
    text = run_cli("show", URL, "--db", archive_db, "--cite", "text",
                   "--archive-url", "http://127.0.0.1:8001/").stdout
    # the portal's title from the built-in registry, not its host
    assert text.startswith(f"Nguyễn Thị Hà. (04/11/2022). Hội nghị triển khai công tác “Dân vận khéo” năm 2022. {PORTAL}. ")
    assert "(Bản lưu ngày " in text and ": http://127.0.0.1:8001/article/1)" in text
    english = run_cli("show", "1", "--db", archive_db, "--cite", "text", "--lang", "en",
                      "--archive-url", "http://127.0.0.1:8001/").stdout
    assert "(Archived copy of " in english and ": http://127.0.0.1:8001/article/1)" in english
    assert run_cli("show", "1", "--db", archive_db, "--cite", "bibtex").stdout.startswith("@online{yenlap2022-1,")
    assert "TY  - ELEC" in run_cli("show", "1", "--db", archive_db, "--cite", "ris").stdout
    item = json.loads(run_cli("show", "1", "--db", archive_db, "--cite", "csl-json").stdout)[0]
    assert item["title"] == TITLE and item["container-title"] == PORTAL
    bad = run_cli("show", "1", "--db", archive_db, "--cite", "mla", check=False)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_article_page_has_citation_tags_and_downloads(archive_db):
    import urllib.request

    from tests.web_fixtures import serve_archive

    with serve_archive(archive_db) as served:
        base = served.rstrip("/")
        html = urllib.request.urlopen(base + "/article/1", timeout=30).read().decode("utf-8")
        assert re.search(r'<meta name="citation_title" content="Hội nghị triển khai công tác “Dân vận khéo” năm 2022">', html)
        assert '<meta name="citation_author" content="Nguyễn Thị Hà">' in html
        assert '<meta name="citation_publication_date" content="2022/11/04">' in html
        assert f": {base}/article/1)" in html and "(Bản lưu ngày " in html
        for suffix, marker in ((".bib", "@online{"), (".ris", "TY  - ELEC"), (".csl.json", '"type": "webpage"'),
                               (".txt", "(Bản lưu ngày ")):
            assert f'href="/article/1{suffix}"' in html
            with urllib.request.urlopen(base + "/article/1" + suffix, timeout=30) as response:
                body = response.read().decode("utf-8")
            assert marker in body and "Nguyễn Thị Hà" in body
        english = urllib.request.urlopen(base + "/article/1.txt?lang=en", timeout=30).read().decode("utf-8")
        assert "(Archived copy of " in english and f": {base}/article/1)" in english
