"""One search function for the CLI, the library and the web: words, filters (site, dates, category,
province), facets and paging; the index's encoding stays inside the archive's index and search modules."""
from __future__ import annotations

import re
import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from archive.query import QuerySyntaxError
from archive.reader import open_readonly
from archive.search import CANNED_SEARCH_SQL, search, sql_functions
from archive.search_filters import narrowing_sites
from archive.store import Archive
from archive.web.searching import SearchParams, add_facets, count_facets, run_search

ROOT = Path(__file__).resolve().parent.parent.parent
SITES = ("yenlap.phutho.gov.vn", "camkhe.phutho.gov.vn", "quynhluu.nghean.gov.vn")
CATEGORIES = ("Tin tức", "Văn bản", "Dân vận")


def test_the_index_encoding_is_used_only_by_the_index_and_search_modules():
    allowed = {"archive/indexing.py", "archive/search.py", "archive/search_filters.py", "archive/search_facets.py",
               "archive/search_relevance.py", "archive/impact_delta.py"}
    users = set()
    # (bench/web.py's baseline runs the query the web ran before m022, on purpose: not a user of the index.)
    for package in ("archive", "portal_archive", "scraper", "spiders"):
        for path in (ROOT / package).rglob("*.py"):
            if re.search(r"\bID_MASK\b|\b(articles|titles)_fts MATCH", path.read_text(encoding="utf-8")):
                users.add(str(path.relative_to(ROOT)))
    assert users <= allowed


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("lib") / "a.db")
    with Archive(path) as archive:
        for n in range(60):
            site = SITES[n % 3]
            archive.save_article({
                "url": f"http://{site}/tin/{n}", "site": site, "category": CATEGORIES[n % 2 + (n % 5 == 0)],
                "title": f"Hội nghị dân vận số {n}" if n % 4 else f"Tin {n}",
                "published": f"{2020 + n % 4}-0{1 + n % 9}-1{n % 10}T08:00:00+07:00", "views": n,
                "body": "Nội dung về dân vận khéo ở xã." if n % 3 else "Nội dung khác về nông thôn mới."})
    return path


@pytest.fixture
def conn(db):
    with closing(open_readonly(db)) as c:
        yield c


def _urls(hits) -> list[str]:
    return [h["url"] for h in hits]


@pytest.mark.parametrize("q, category, province_sites, sort", [
    ("dan van", None, None, "relevance"), ("dan van", "Văn bản", None, "relevance"),
    ("dan van", None, SITES[:2], "date"), (None, "Tin tức", None, "date"), (None, None, SITES[2:], "views"),
    ("noi dung", "Dân vận", SITES[:2], "views"),
])
def test_the_web_page_is_the_library_search_paged(conn, q, category, province_sites, sort):
    found = search(conn, q, category=category, sites=province_sites, sort=sort, limit=100, facets=True)
    assert found.hits
    for hit in found.hits:
        with_row = conn.execute("SELECT category, site FROM articles WHERE id = ?", (hit["id"],)).fetchone()
        assert category in (None, with_row[0]) and (province_sites is None or with_row[1] in province_sites)
    params = SearchParams(q=q or "", category=category, province="P" if province_sites else None,
                          province_hosts=province_sites or (), sort=sort, per_page=7)
    pages, page = [], 1
    while True:
        params.page = page
        shown = run_search(conn, params)
        assert shown.error is None
        pages += shown.hits
        if not shown.has_more:
            break
        page += 1
    assert _urls(pages) == _urls(found.hits)
    assert shown.total == found.total == len(found.hits)
    counted = sum(v["count"] for v in next(f for f in shown.facets if f["name"] == "site")["values"])
    assert counted == sum(found.facets.counts["site"].values()) == len(found.hits)


@pytest.mark.parametrize("args", [
    {"q": "dan van"}, {"q": "dan van", "category": "Văn bản", "sort": "date"}, {"category": "Tin tức"},
    {"q": "noi dung", "province": "P", "province_hosts": SITES[:2], "sort": "views"}, {"q": "khong co gi"},
    {"q": '"dan van'}, {},
])
def test_facets_counted_beside_the_search_are_those_counted_with_it(conn, args):
    # the page counts them on a second connection while the search runs (archive/web/views.py)
    params = SearchParams(**args, per_page=7)
    together = run_search(conn, params)
    apart = add_facets(run_search(conn, params, facets=False), count_facets(conn, params), params)
    assert (apart.total, apart.facets, apart.facets_note, apart.error, _urls(apart.hits)) == \
        (together.total, together.facets, together.facets_note, together.error, _urls(together.hits))
    assert bool(together.facets) == bool(together.hits)  # none for no match, nor for a malformed query
    assert (together.error is not None) == args.get("q", "").startswith('"')


def test_filters_by_site_and_dates_and_a_province_without_portals(conn):
    hits = search(conn, "dan van", site=SITES[0], since=date(2021, 1, 1), until=date(2021, 12, 31), limit=100).hits
    assert hits and all(h["site"] == SITES[0] and h["published"].startswith("2021") for h in hits)
    assert search(conn, "dan van", sites=(), limit=10).hits == []
    assert search(conn, None, sites=(), limit=10).hits == []


def test_a_province_naming_every_portal_of_the_archive_narrows_nothing(conn):
    every = (*SITES, "thanhson.phutho.gov.vn")  # the province also has a portal the archive lacks
    assert narrowing_sites(conn, every) is None  # no OR of every site token walked beside the words
    assert narrowing_sites(conn, SITES[:2]) == SITES[:2] and narrowing_sites(conn, ()) == ()
    for q in ("dan van", None):
        whole = search(conn, q, sites=every, limit=100, facets=True)
        plain = search(conn, q, limit=100, facets=True)
        assert _urls(whole.hits) == _urls(plain.hits) and whole.total == plain.total == len(plain.hits) > 50
        assert whole.facets.counts == plain.facets.counts
        part = search(conn, q, sites=SITES[:2], limit=100)
        assert part.hits and {h["site"] for h in part.hits} == set(SITES[:2])


def test_the_cli_keeps_rejecting_an_empty_query(conn):
    with pytest.raises(QuerySyntaxError):
        search(conn, "")


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # the parser's error, raised inside SQLite
def test_the_canned_datasette_query_goes_through_the_query_parser(db):
    c = sqlite3.connect(db)
    for name, (arity, function) in sql_functions().items():
        c.create_function(name, arity, function)
    try:
        rows = c.execute(CANNED_SEARCH_SQL, {"q": "DÂN VẬN NOT nong"}).fetchall()
        with pytest.raises(sqlite3.OperationalError):  # the parser's error, not FTS5 syntax
            c.execute(CANNED_SEARCH_SQL, {"q": '"dan van'}).fetchall()
    finally:
        c.close()
    conn = open_readonly(db)
    try:
        want = {h["id"] for h in search(conn, "DÂN VẬN NOT nong", limit=200).hits}
    finally:
        conn.close()
    assert rows and {r[0] for r in rows} == want


def test_a_new_version_moves_the_article_to_its_new_category(tmp_path):
    path = str(tmp_path / "a.db")
    rec = {"url": "http://yenlap.phutho.gov.vn/tin/1", "title": "Hội nghị dân vận", "body": "Nội dung.",
           "category": "Tin tức", "published": "2024-01-02"}
    with Archive(path) as archive:
        archive.save_article(rec)
        archive.save_article({**rec, "category": "Văn bản"})
    conn = open_readonly(path)
    try:
        for q in ("dan van", None):
            assert search(conn, q, category="Tin tức").hits == []
            assert [h["category"] for h in search(conn, q, category="Văn bản").hits] == ["Văn bản"]
            assert [h["category"] for h in search(conn, q, category="van ban").hits] == ["Văn bản"]  # folded
    finally:
        conn.close()


def test_m022_gives_an_older_archive_its_category_tokens(tmp_path):
    from archive import schema
    from archive.indexing import clear_indexes, insert_rows
    from archive.records import folded_fields

    path = str(tmp_path / "old.db")
    with Archive(path) as archive:
        for n in range(30):
            archive.save_article({"url": f"http://yenlap.phutho.gov.vn/tin/{n}", "title": f"Tin dân vận {n}",
                                  "body": "Nội dung.", "category": CATEGORIES[n % 3],
                                  "published": f"2024-01-{1 + n % 28:02d}"})
    old = sqlite3.connect(path)  # the index as written before m022: the site token alone
    with old:
        clear_indexes(old)
        insert_rows(old, [(k, *folded_fields(t, b, None, s)) for k, t, b, s in
                          old.execute("SELECT search_key, title, body, site FROM articles")])
        old.execute("DELETE FROM _sqlite_migrations WHERE name = 'm022_category_tokens'")
        # nor the impact index of m030, which comes after
        for table in ("search_terms", "search_pending", "search_stale"):
            old.execute(f"DROP TABLE {table}")
        old.execute("DELETE FROM _sqlite_migrations WHERE name IN ('m030_impact_index', 'm032_packed_impact_lists')")
    old.close()
    conn = open_readonly(path)
    assert search(conn, "dan van", category="Dân vận").hits == []
    conn.close()
    Archive(path).close()  # migrates
    conn = open_readonly(path)
    try:
        assert schema.missing_tables(conn) == []
        for q in ("dan van", None):
            found = search(conn, q, category="Dân vận", limit=100, facets=True)
            assert len(found.hits) == found.total == 10 and {h["category"] for h in found.hits} == {"Dân vận"}
        assert len(search(conn, "dan van", limit=100).hits) == 30
    finally:
        conn.close()


def test_the_library_facade_offers_the_same_search(db, conn):
    from archive import open_archive

    with open_archive(db) as arc:
        page = arc.search(None, category="Tin tức", sites=list(SITES[:2]), offset=5, limit=5, facets=True)
    whole = search(conn, None, category="Tin tức", sites=SITES[:2], limit=100)
    assert _urls(page.hits) == _urls(whole.hits)[5:10] and page.has_more
    assert page.total == len(whole.hits) == sum(page.facets.counts["site"].values())


@pytest.mark.parametrize("facet_pool", [3, 5, 6, 7, 54, 55, 56, 59, 60, 61])  # about the totals: 6, 55, 60
def test_facets_know_from_the_searchs_own_count_whether_their_pool_held_every_match(conn, facet_pool):
    """The search counts its matches (up to its pool); the facets take that count to know whether
    their smaller pool held them all, instead of walking the index past it: the same answer."""
    from archive.query import parse_query
    from archive.search_facets import facet_counts
    from archive.search_filters import Filters

    for q, category in (("dan van", None), ("dan van", "Dân vận"), ("noi dung", None)):
        found = search(conn, q, category=category, limit=5, facets=True, facet_pool=facet_pool)
        walked = facet_counts(conn, parse_query(q), Filters(category=category), facet_pool)
        assert found.total is not None and found.facets == walked
        assert found.facets.complete == (found.total <= facet_pool)
