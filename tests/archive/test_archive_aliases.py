"""One article, one row: stored under the address its page declares, the other addresses it was
fetched by kept as aliases (m025); a declared address two different articles claim is ignored."""
from __future__ import annotations

import sqlite3

from archive.reader import open_readonly, unmatched_filter
from archive.show import load_article
from archive.store import Archive
from tests.conftest import run_cli

HOST = "http://huyen.example.gov.vn"
CANONICAL = f"{HOST}/tin-tuc/hop-phien-thuong-ky-123.html"
BY_ID = f"{HOST}/index.php?id=123"


def record(url: str, canonical: str | None, title: str = "UBND huyện họp phiên thường kỳ tháng 11", **more) -> dict:
    return {"url": url, "canonical": canonical, "site": "huyen.example.gov.vn", "title": title,
            "published": "2024-11-19", "body": f"{title}. Nội dung bài viết.", "images": [], "attachments": [], **more}


def rows(db: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT url, title, version FROM articles ORDER BY id").fetchall()


def aliases(db: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT l.url, a.url FROM article_aliases l JOIN articles a ON a.id = l.article_id "
                            "ORDER BY l.rowid").fetchall()


def test_two_addresses_of_one_article_are_one_row_under_its_canonical(tmp_path):
    db = str(tmp_path / "a.db")
    with Archive(db) as archive:
        assert archive.save_article(record(BY_ID, CANONICAL), raw_body=b"<html>1</html>") == "new"
        assert archive.save_article(record(CANONICAL, CANONICAL), raw_body=b"<html>2</html>") == "unchanged"
        tracked = CANONICAL + "?utm_source=zalo"  # (the crawl drops tracking parameters before; an alias all the same)
        assert archive.save_article(record(tracked, CANONICAL, views=7)) == "unchanged"
        # a second fetch of the alias, with an edit: a new version of the same row, never a second row
        assert archive.save_article(record(BY_ID, CANONICAL, body="Nội dung đã sửa.")) == "updated"
        assert archive.has_article(BY_ID) and archive.has_article(CANONICAL)
        assert set(archive.known_urls_on({"huyen.example.gov.vn"})) == {CANONICAL, BY_ID, tracked}
    assert rows(db) == [(CANONICAL, "UBND huyện họp phiên thường kỳ tháng 11", 2)]
    assert aliases(db) == [(BY_ID, CANONICAL), (tracked, CANONICAL)]
    with sqlite3.connect(db) as conn:  # each raw page under the address it was fetched by
        assert conn.execute("SELECT url FROM raw_pages ORDER BY id").fetchall() == [(BY_ID,), (CANONICAL,)]


def test_show_and_search_find_the_article_by_an_alias(tmp_path):
    db = str(tmp_path / "a.db")
    with Archive(db) as archive:
        archive.save_article(record(BY_ID, CANONICAL))
    conn = open_readonly(db)
    try:
        shown = load_article(conn, BY_ID)
    finally:
        conn.close()
    assert shown["url"] == CANONICAL and shown["aliases"] == [BY_ID]
    conn = open_readonly(db)
    try:  # `reextract --url ALIAS` is a filter that matches
        assert unmatched_filter(conn, url=BY_ID) is None and unmatched_filter(conn, url=HOST + "/khac") is not None
    finally:
        conn.close()
    out = run_cli("show", BY_ID, "--db", db).stdout
    assert CANONICAL in out and f"also at    {BY_ID}" in out
    found = run_cli("search", "phiên thường kỳ", "--db", db, "--format", "json").stdout
    assert CANONICAL in found and found.count('"url"') == 1


def test_an_article_archived_before_keeps_its_address_and_gains_the_canonical_as_alias(tmp_path):
    db = str(tmp_path / "a.db")
    with Archive(db) as archive:
        archive.save_article(record(BY_ID, None))  # archived before extraction read canonicals
        assert archive.save_article(record(BY_ID, CANONICAL)) == "unchanged"
        assert archive.save_article(record(CANONICAL, CANONICAL)) == "unchanged"  # the canonical fetched itself
    assert rows(db) == [(BY_ID, "UBND huyện họp phiên thường kỳ tháng 11", 1)]
    assert aliases(db) == [(CANONICAL, BY_ID)]


def test_a_canonical_every_page_declares_is_ignored(tmp_path):
    """A template naming one address on every page: the second article with another title shows it
    is no article's address; both are stored under the addresses they were fetched by, and so is
    every later one."""
    db = str(tmp_path / "a.db")
    shared = f"{HOST}/tin-tuc/gioi-thieu.html"
    with Archive(db) as archive:
        for n in range(1, 4):
            archive.save_article(record(f"{HOST}/index.php?id={n}", shared, title=f"Bài viết số {n} của huyện"))
        archive.save_article(record(f"{HOST}/index.php?id=1", shared, title="Bài viết số 1 của huyện"))
    assert [r[0] for r in rows(db)] == [f"{HOST}/index.php?id={n}" for n in range(1, 4)]
    assert aliases(db) == []
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT url FROM shared_canonicals").fetchall() == [(shared,)]


def test_a_canonical_fetched_itself_stays_its_articles_own(tmp_path):
    db = str(tmp_path / "a.db")
    with Archive(db) as archive:
        archive.save_article(record(CANONICAL, CANONICAL), raw_body=b"<html>a</html>")
        other = f"{HOST}/index.php?id=9"
        archive.save_article(record(other, CANONICAL, title="Một bài viết khác hẳn"), raw_body=b"<html>b</html>")
    assert [r[0] for r in rows(db)] == [CANONICAL, other]


def test_a_shards_aliases_and_shared_canonicals_reach_the_main_archive(tmp_path):
    """A queue worker's shard merged: its article keeps every address and updates the main
    archive's row of it (not a second row); a canonical the shard found shared stays refused."""
    from archive.merge import merge_shard

    main, shard = str(tmp_path / "main.db"), str(tmp_path / "shard.db")
    other = f"{HOST}/tin-tuc/khac-456.html"
    shared = f"{HOST}/tin-tuc/gioi-thieu.html"
    with Archive(main) as archive:
        archive.save_article(record(BY_ID, CANONICAL))  # the main archive holds it, with another alias
    with Archive(shard) as archive:
        archive.save_article(record(CANONICAL, CANONICAL, body="Nội dung đã sửa."))
        archive.save_article(record(f"{HOST}/tin-tuc/hop-123.html?utm_source=zalo", CANONICAL, body="Nội dung đã sửa."))
        archive.save_article(record(other, shared, title="Bài viết số 1 của huyện"))
        archive.save_article(record(f"{HOST}/index.php?id=457", shared, title="Bài viết số 2 của huyện"))
    merge_shard(main, shard)
    assert [(u, v) for u, _, v in rows(main)] == [(CANONICAL, 2), (other, 1), (f"{HOST}/index.php?id=457", 1)]
    assert sorted(aliases(main)) == sorted([(BY_ID, CANONICAL), (f"{HOST}/tin-tuc/hop-123.html?utm_source=zalo", CANONICAL)])
    with sqlite3.connect(main) as conn:
        assert conn.execute("SELECT url FROM shared_canonicals").fetchall() == [(shared,)]
