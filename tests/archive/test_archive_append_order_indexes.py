"""Schema m007 (site index in (site, id) order), m008 (titles index without column sizes, with an
every-row token) and m009 (no index on search_key).

Archives made before them migrate keeping every row, every search hit and every browsing page; the
queries that used the dropped indexes give the same answers another way.
"""
from __future__ import annotations

import sqlite3

import sqlite_utils

from archive import schema
from archive.reader import open_readonly
from archive.fold import fold
from archive.indexing import site_token
from archive.search import newest_published, published_range, search
from archive.store import Archive
from archive.web.overview import _cache, overview
from archive.web.search_params import SearchParams
from archive.web.searching import run_search
from tests.archive.test_archive_store import record
from tests.archive.test_store_checkpoint import _dump, _workload, save_all

QUERIES = ("dang uy", "nông thôn mới", "tin", "tin OR hop", '"dang uy xa"', "tin*")
MIGRATIONS = ("m007_site_index", "m008_titles_index_without_sizes", "m009_no_search_key_index")
BROWSE = ({"until": "2030-12-31"}, {"site": "other.gov.vn"}, {"since": "2020-03-01", "until": "2020-06-30"},
          {"sort": "views", "site": "yenlap.phutho.gov.vn"},
          {"category": "Tin tức", "since": "2020-01-01"}, {"sort": "views", "since": "2020-03-01"},
          {"q": "tin", "category": "Tin tức", "sort": "date"}, {"q": "dang uy", "sort": "relevance"})


def _make_pre_m007(path: str) -> None:
    """An archive as the code before m007 left it: (site, published) index, titles_fts with column sizes."""
    with Archive(path, batch_size=7) as archive:
        save_all(archive, _workload())
        archive.save_article(record(url="http://other.gov.vn/tin/1", site="other.gov.vn", published="2019-05-02",
                                    title="Tin khác về nông thôn"))
        archive.save_article(record(url="http://other.gov.vn/tin/2", site="other.gov.vn", published=None,
                                    title="Tin không ngày"))
    db = sqlite_utils.Database(sqlite3.connect(path))
    with db.conn:
        db.execute("DROP INDEX idx_articles_site")
        db.execute('CREATE INDEX "idx_articles_site_published" ON "articles" ("site", "published")')
        db.execute('CREATE UNIQUE INDEX "idx_articles_search_key" ON "articles" ("search_key")')
        db.execute("DROP TABLE titles_fts")
        db.execute("CREATE VIRTUAL TABLE titles_fts USING fts5(title, site, content='', "
                   "tokenize='unicode61 remove_diacritics 0')")
        db.execute("INSERT INTO titles_fts(titles_fts, rank) VALUES ('automerge', 8)")
        db.conn.executemany("INSERT INTO titles_fts(rowid, title, site) VALUES (?, ?, ?)",
                            [(k, fold(t), site_token(s)) for k, t, s in
                             db.execute("SELECT search_key, title, site FROM articles ORDER BY search_key")])
        for name in MIGRATIONS:
            assert db.execute("DELETE FROM _sqlite_migrations WHERE name = ?", [name]).rowcount == 1
    db.conn.close()


def _hits(path: str) -> list:
    conn = open_readonly(path)
    try:
        # pool=2 makes every query "common", so titles_fts decides the order (title matches first)
        return [[h["url"] for h in search(conn, q, limit=100, pool=pool).hits]
                for q in QUERIES for pool in (5000, 2)] + \
               [[h["url"] for h in search(conn, "tin*", site="other.gov.vn", limit=10, pool=1).hits]]
    # ("tin*": a prefix keeps the pool's order; words are ranked by bm25 over every match, archive.impacts)
    finally:
        conn.close()


def _pages(path: str) -> list:
    """What the web pages show: browsing by filters alone and searching with filters archive.search lacks."""
    conn = open_readonly(path)
    try:
        _cache.clear()
        shown = [overview(conn), published_range(conn)]
        for args in BROWSE:
            result = run_search(conn, SearchParams.from_args({"per_page": "100", **args}))
            assert result.error is None, result.error
            shown.append(([h["url"] for h in result.hits], result.total, result.facets))
        return shown
    finally:
        conn.close()


def _schema_facts(path: str) -> dict:
    conn = sqlite3.connect(path)
    try:
        return {
            "indexes": {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index' "
                                                   "AND tbl_name = 'articles'")},
            "tables": {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE name LIKE 'titles_fts%'")},
            "automerge": conn.execute("SELECT v FROM titles_fts_config WHERE k = 'automerge'").fetchone(),
        }
    finally:
        conn.close()


def test_archive_from_before_m007_keeps_every_row_and_search_hit(tmp_path):
    path = str(tmp_path / "old.db")
    _make_pre_m007(path)
    before, hits, pages = _dump(path), _hits(path), _pages(path)
    assert all(p[0] for p in pages[2:])
    assert "idx_articles_site_published" in _schema_facts(path)["indexes"]
    assert "titles_fts_docsize" in _schema_facts(path)["tables"]
    assert all(hits[:4]) and hits[-1] == ["http://other.gov.vn/tin/1"]  # pool=1: the newest match only

    with Archive(path) as archive:  # migrates
        applied = {m.name for m in schema.migrations.applied(archive.db)}
        assert set(MIGRATIONS) <= applied
        assert archive.known_urls("other.gov.vn") == {"http://other.gov.vn/tin/1", "http://other.gov.vn/tin/2"}
    facts = _schema_facts(path)
    assert {"idx_articles_url", "idx_articles_site"} <= facts["indexes"]
    assert not {"idx_articles_site_published", "idx_articles_search_key"} & facts["indexes"]
    assert "titles_fts_docsize" not in facts["tables"] and facts["automerge"] == (8,)
    assert _dump(path) == before
    assert _hits(path) == hits
    assert _pages(path) == pages

    with Archive(path) as archive:  # keeps working: a changed title is found by its new words only
        assert archive.save_article(record(url="http://other.gov.vn/tin/1", site="other.gov.vn",
                                           published="2019-05-02", title="Lễ hội đền Hùng")) == "updated"
    conn = open_readonly(path)
    assert [h["url"] for h in search(conn, "le hoi", limit=5, pool=1).hits] == ["http://other.gov.vn/tin/1"]
    assert "http://other.gov.vn/tin/1" not in [h["url"] for h in search(conn, "nong thon", site="other.gov.vn",
                                                                         limit=5, pool=1).hits]
    conn.close()


def test_dates_come_from_search_keys_as_they_came_from_the_dates(tmp_path):
    path = str(tmp_path / "a.db")
    _make_pre_m007(path)
    Archive(path).close()
    conn = open_readonly(path)
    try:
        for (site,) in conn.execute("SELECT DISTINCT site FROM articles"):
            expected = conn.execute("SELECT max(published) FROM articles WHERE site = ?", (site,)).fetchone()[0]
            assert newest_published(conn, site) == expected
        assert published_range(conn) == conn.execute("SELECT min(published), max(published) FROM articles "
                                                     "WHERE published >= '1900'").fetchone()
        plan = " ".join(r[3] for r in conn.execute("EXPLAIN QUERY PLAN SELECT url FROM articles WHERE site = ?", ("x",)))
        assert "idx_articles_site" in plan
        _cache.clear()
        seen = overview(conn)
        assert seen["articles"] == 63 and (seen["first"], seen["last"]) == ("02/05/2019", "19/11/2020")
        assert {s["host"]: s["newest"] for s in seen["sites"]} == {"other.gov.vn": "02/05/2019",
                                                                  "yenlap.phutho.gov.vn": "19/11/2020"}
    finally:
        conn.close()
