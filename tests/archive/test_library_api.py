"""The archive as a library (`from archive import open_archive`), and `extract` on a local file without --url."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import archive
from archive import ArticleNotFound, QuerySyntaxError, open_archive
from archive.store import Archive
from tests.conftest import PORTALS, run_cli

SITE = "yenlap.phutho.gov.vn"


@pytest.fixture
def archive_path(tmp_path) -> str:
    path = str(tmp_path / "a.db")
    with Archive(path) as arc:
        for n, (title, day) in enumerate((("Hội nghị “Dân vận khéo” năm 2022", "2022-11-04"),
                                          ("Đảng ủy huyện Yên Lập họp phiên thường kỳ", "2023-02-01"))):
            arc.save_article({"url": f"http://{SITE}/tin-tuc/{n}", "site": SITE, "title": title, "author": "Hà Minh",
                              "published": day, "body": f"{title}. Xây dựng nông thôn mới.", "images": [],
                              "attachments": []})
    return path


def test_open_search_iterate_read_and_cite(archive_path):
    assert {"open_archive", "ArchiveFile", "QuerySyntaxError"} <= set(archive.__all__)
    assert (Path(archive.__file__).parent / "py.typed").exists()
    with open_archive(archive_path) as arc:
        assert arc.sites() == [SITE]
        result = arc.search("dan van kheo")
        assert [h["title"] for h in result.hits] == ["Hội nghị “Dân vận khéo” năm 2022"]
        assert [h["url"] for h in arc.search("nong thon", since="2023-01-01").hits] == [f"http://{SITE}/tin-tuc/1"]
        rows = list(arc.articles(until="2022-12-31"))
        assert len(rows) == 1 and rows[0]["family"] is None and "last_changed" in rows[0]
        # the same records as `portal-archive export`
        exported = [json.loads(l) for l in run_cli("export", "--db", archive_path).stdout.splitlines()]
        assert list(arc.articles()) == exported
        article = arc.article(result.hits[0]["id"])
        assert article["url"] == f"http://{SITE}/tin-tuc/0" and article["versions"]
        assert arc.cite(article["url"], "bibtex").startswith("@online{yenlap2022-")
        with pytest.raises(ArticleNotFound):
            arc.article("http://nowhere.example/")
        with pytest.raises(QuerySyntaxError):
            arc.search('"dan van')


def test_open_archive_of_a_missing_file_raises(tmp_path):
    with pytest.raises(archive.ArchiveNotFound):
        open_archive(str(tmp_path / "none.db"))


def test_extract_a_local_file_without_url_and_a_page_that_is_no_article(tmp_path):
    page = PORTALS / "liferay" / "pages" / "article-2270188.html"
    record = json.loads(run_cli("extract", str(page)).stdout)
    assert record["title"] and record["body"] and record["url"].startswith("file:///")
    form = tmp_path / "tra-cuu.html"
    form.write_text('<html><head><title></title></head><body><form action="/tra-cuu"><label>Mã hồ sơ '
                    '<input name="ma"></label><button>Tra cứu</button></form></body></html>', encoding="utf-8")
    result = run_cli("extract", str(form), check=False)
    assert result.returncode == 1 and "not an article" in result.stderr and "Traceback" not in result.stderr
