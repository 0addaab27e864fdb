"""Raw pages found by article id (schema m006): archives made before it migrate without loss."""
from __future__ import annotations

import sqlite3

import sqlite_utils

from archive import schema
from archive.reader import open_readonly
from archive.show import load_article
from archive.store import Archive
from tests.archive_support import search_hits
from tests.archive.test_archive_store import record
from tests.archive.test_store_checkpoint import _workload, save_all

M006 = "m006_raw_pages_by_article"
NO_ARTICLE = "http://yenlap.phutho.gov.vn/trang-khong-co-bai"        # a page no article was ever saved for
LATER = "http://yenlap.phutho.gov.vn/tin-tuc/bai-luu-sau"            # its article is saved after the upgrade


def _make_pre_m006(path: str) -> None:
    """An archive as the code before m006 left it: raw_pages without article_id, indexed by (url, id)."""
    with Archive(path, batch_size=7) as archive:
        save_all(archive, _workload())
    fresh = sqlite_utils.Database(sqlite3.connect(":memory:"))
    schema.migrations.apply(fresh, stop_before=M006)
    old_table = fresh.execute("SELECT sql FROM sqlite_master WHERE name = 'raw_pages'").fetchone()[0]
    columns = [c.name for c in fresh["raw_pages"].columns]
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("ALTER TABLE raw_pages RENAME TO raw_pages_new")
        conn.execute(old_table)
        conn.execute(f"INSERT INTO raw_pages({', '.join(columns)}) SELECT {', '.join(columns)} FROM raw_pages_new")
        conn.execute("DROP TABLE raw_pages_new")
        conn.execute("CREATE INDEX idx_raw_pages_url_id ON raw_pages(url, id)")
        for n, url in enumerate((NO_ARTICLE, LATER, NO_ARTICLE)):
            conn.execute("INSERT INTO raw_pages(url, fetched_at, content_type, sha256, compression, size, body) "
                         "VALUES (?, '2024-05-01T00:00:00+00:00', 'text/html', ?, NULL, 3, ?)",
                         (url, f"sha-{n}", f"<p{n}>".encode()))
        assert conn.execute("DELETE FROM _sqlite_migrations WHERE name = ?", (M006,)).rowcount == 1
    conn.close()


def _pages(path: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT id, url, fetched_at, content_type, sha256, compression, size, body, run_id "
                            "FROM raw_pages ORDER BY id").fetchall()
    finally:
        conn.close()


def _shown(path: str, urls: list[str]) -> dict:
    conn = open_readonly(path)
    try:
        return {u: load_article(conn, u)["raw_pages"] for u in urls}
    finally:
        conn.close()



def test_archive_from_before_m006_keeps_every_page_and_finds_them_by_article(tmp_path):
    path = str(tmp_path / "old.db")
    _make_pre_m006(path)
    urls = [u for (u,) in sqlite3.connect(path).execute("SELECT url FROM articles ORDER BY id")]
    pages, shown, hits = _pages(path), _shown(path, urls), search_hits(path)  # read through the old schema
    assert len(pages) == 72 and hits[0]

    with Archive(path) as archive:  # migrates
        assert M006 in {m.name for m in schema.migrations.applied(archive.db)}
        every = list(archive.raw_pages(latest_only=False))
        latest = list(archive.raw_pages())
        of_one = list(archive.raw_pages(url=urls[0], latest_only=False))
        orphan = list(archive.raw_pages(url=NO_ARTICLE, latest_only=False))
        for_articles = {u for u, *_ in archive.raw_pages(articles_only=True)}
    assert _pages(path) == pages                  # every row kept as it was
    assert _shown(path, urls) == shown and search_hits(path) == hits
    assert [p[0] for p in every] == [p[1] for p in pages]
    newest = {}
    for p in pages:
        newest[p[1]] = p
    assert [p[0] for p in latest] == [p[1] for p in sorted(newest.values())]
    assert [p[0] for p in of_one] == [urls[0]] * sum(p[1] == urls[0] for p in pages)
    assert [p[1] for p in orphan] == [b"<p0>", b"<p2>"]
    assert for_articles == {p[1] for p in pages} - {NO_ARTICLE, LATER}

    conn = sqlite3.connect(path)
    linked = conn.execute("SELECT count(*) FROM raw_pages r JOIN articles a ON a.id = r.article_id "
                          "WHERE a.url = r.url").fetchone()[0]
    assert linked == 69 and conn.execute("SELECT count(*) FROM raw_pages WHERE article_id IS NULL").fetchone()[0] == 3
    indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE tbl_name = 'raw_pages' "
                                          "AND type = 'index'")}
    assert indexes == {"idx_raw_pages_article_id", "idx_raw_pages_unlinked_url"}
    plan = " ".join(r[3] for r in conn.execute("EXPLAIN QUERY PLAN SELECT sha256 FROM raw_pages WHERE article_id = ? "
                                               "ORDER BY id DESC LIMIT 1", (1,)))
    assert "idx_raw_pages_article_id" in plan
    conn.close()

    # An article saved later for a URL that had a page with no article gets that page too.
    with Archive(path) as archive:
        assert archive.save_article(record(url=LATER), raw_body=b"<html>moi</html>") == "new"
        assert [b for _, b, *_ in archive.raw_pages(url=LATER, latest_only=False)] == [b"<p1>", b"<html>moi</html>"]
        assert [b for _, b, *_ in archive.raw_pages(url=LATER)] == [b"<html>moi</html>"]
        assert LATER in {u for u, *_ in archive.raw_pages(articles_only=True)}
    assert [p["sha256"] for p in _shown(path, [LATER])[LATER]][0] == "sha-1"
    with Archive(path) as archive:  # only the page of no article is left unlinked
        assert archive._unlinked_pages
        assert archive.save_article(record(url=urls[1], title="Tin mới"), raw_body=b"<html>v3</html>") == "updated"
        assert [b for _, b, *_ in archive.raw_pages(url=urls[1])] == [b"<html>v3</html>"]


def test_a_new_archive_links_each_page_to_its_article(tmp_path):
    path = str(tmp_path / "new.db")
    with Archive(path) as archive:
        save_all(archive, _workload())
        assert not archive._unlinked_pages
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM raw_pages r JOIN articles a ON a.id = r.article_id "
                        "WHERE a.url = r.url").fetchone()[0] == conn.execute("SELECT count(*) FROM raw_pages").fetchone()[0]
