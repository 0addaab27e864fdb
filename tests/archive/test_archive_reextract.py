"""`portal-archive reextract`: stored raw pages extracted again, changes recorded as new versions."""
from __future__ import annotations

import json

from archive.reader import open_readonly
from archive.show import load_article
from archive.store import Archive
from tests.conftest import PORTALS, run_cli

PORTAL = PORTALS / "phutho-aspnet"


def test_reextract_records_fixed_extraction_as_new_version(tmp_path):
    expected = json.loads((PORTAL / "expected" / "article-12345.json").read_text(encoding="utf-8"))
    url = "http://yenlap.phutho.gov.vn" + expected["path"]
    page = (PORTAL / "pages" / "article-12345.html").read_bytes()
    path = str(tmp_path / "archive.db")
    with Archive(path) as archive:
        # what a buggy extractor once produced from this very page
        archive.save_article({"url": url, "site": "yenlap.phutho.gov.vn", "title": "Cập nhật: 04/11/2022",
                              "body": "Lượt xem: 1599", "views": 1599, "images": []},
                             raw_body=page, content_type="text/html; charset=utf-8",
                             fetched_at="2024-01-01T00:00:00+00:00")
    out = run_cli("reextract", "--db", path).stdout
    assert "1 pages, 1 updated" in out
    conn = open_readonly(path)
    article = load_article(conn, url)
    assert article["title"] == expected["title"]
    assert article["published"] == expected["published"]
    assert expected["body"][:60] in article["body"]
    assert [i["caption"] for i in article["images"]] == [i["caption"] for i in expected["images"]]
    assert [v["title"] for v in article["versions"]] == ["Cập nhật: 04/11/2022", expected["title"]]
    assert article["versions"][1]["provenance"] == "reextract"
    # no page was fetched: views history and last-seen are untouched
    assert [h["views"] for h in article["view_history"]] == [1599]
    assert article["last_seen"] == "2024-01-01T00:00:00+00:00"
    conn.close()
    # the new captions are searchable, the wrong title is not
    hits = json.loads(run_cli("search", "gian hang chu thap do", "--db", path, "--format", "json").stdout)
    assert [h["url"] for h in hits] == [url]
    # a second run finds nothing to change
    assert "1 pages, 0 updated (new versions), 1 unchanged" in run_cli("reextract", "--db", path).stdout


def test_reextract_missing_archive_is_one_line_error(tmp_path):
    result = run_cli("reextract", "--db", str(tmp_path / "none.db"), check=False)
    assert result.returncode != 0 and result.stderr.startswith("Error: no archive at")
    assert not (tmp_path / "none.db").exists()
