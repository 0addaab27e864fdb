"""A crawl stores one article once, under the address its page declares, and reaches articles
whose page shows no text through their print view where robots.txt allows
(tests/fixtures/unseen_crawl/canonical-portal, a portal of no known family)."""
from __future__ import annotations

import sqlite3

import pytest

from scraper.sample.server import serve_portal
from tests.conftest import FIXTURES, run_cli
from tests.crawl_support import crawl, export, path_of

PORTAL = FIXTURES / "unseen_crawl" / "canonical-portal"
ARTICLE = "/tin-tuc/hop-phien-thuong-ky-123.html"
SAME_ARTICLE = "/tin-tuc/123-huyen-hop-phien-thuong-ky.html"  # answers 200 with the same page
PRINTED = "/tin-tuc/dong-bo-128.html"  # its text is loaded by a script; its print view has it


def _aliases(db: str) -> dict[str, str]:
    with sqlite3.connect(db) as conn:
        return dict(conn.execute("SELECT l.url, a.url FROM article_aliases l JOIN articles a ON a.id = l.article_id"))


# with media downloads the pages go through Scrapy's item path; without, straight to the archive's port
@pytest.mark.parametrize("media", [(), ("--no-media",)], ids=["media", "no-media"])
def test_one_article_once_under_its_canonical_and_print_views_where_robots_allow(tmp_path, media):
    db = str(tmp_path / "a.db")
    with serve_portal(str(PORTAL)) as server:
        base = server.base_url
        crawl(base + "/tin-tuc", "--db", db, "--no-warc", *media)
        first = list(server.requests)
        rows = {path_of(r["url"]): r for r in export(db)}
        assert sorted(rows) == sorted([
            ARTICLE,
            "/tin-tuc/hoi-nghi-dan-van-125.html",  # its canonical is another host's: ignored
            # both declare /gioi-thieu.html (a template's): each under its own address
            "/tin-tuc/khai-giang-lop-boi-duong-126.html", "/tin-tuc/ra-quan-tong-ve-sinh-127.html",
            PRINTED,
        ]), "129's print view is forbidden by robots.txt: nothing of it is archived"
        assert _aliases(db) == {base + SAME_ARTICLE: base + ARTICLE, base + PRINTED + "?print=1": base + PRINTED}

        printed = rows[PRINTED]
        assert "Ủy ban nhân dân huyện tổ chức hội nghị số 128" in printed["body"]
        assert printed["author"] == "Lò Văn Pó"
        assert [path_of(i["url"]) for i in printed["images"]] == ["/anh/dong-bo-128.jpg"]
        assert PRINTED + "?print=1" in first
        assert "/print/129" not in first, "robots.txt forbids /print/"

        # the alias finds the article; a run again fetches neither address of it
        shown = run_cli("show", base + SAME_ARTICLE, "--db", db).stdout
        assert base + ARTICLE in shown and f"also at    {base + SAME_ARTICLE}" in shown
        crawl(base + "/tin-tuc", "--db", db, "--no-warc", *media)
        again = server.requests[len(first):]
    assert SAME_ARTICLE not in again and ARTICLE not in again and PRINTED + "?print=1" not in again
    assert len(export(db)) == 5
