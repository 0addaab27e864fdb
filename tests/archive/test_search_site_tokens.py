"""Site tokens (schema m031): hosts that differ only in dots, hyphens, a port, "www." or an IDN's
spelling are different sites to every site filter of the library (search, browse, facets, a
province's list of hosts), and an archive written with the old token answers right once opened."""
from __future__ import annotations

import sqlite3

import pytest

from archive.fold import fold
from archive.indexing import clear_indexes, insert_rows, site_token
from archive.reader import open_readonly
from archive.records import category_token
from archive.schema import migrations, missing_tables
from archive.search import search
from archive.store import Archive
from tests.archive_support import COLLIDING_SITES, colliding_sites_archive

HOSTS = [h for group in COLLIDING_SITES for h in group]


@pytest.fixture(scope="module")
def archive_file(tmp_path_factory) -> tuple[str, dict[str, set[str]]]:
    path = str(tmp_path_factory.mktemp("sites") / "archive.db")
    return path, colliding_sites_archive(path)


def _found(conn, site: str, query: str | None) -> tuple[set[str], dict]:
    result = search(conn, query, site=site, limit=100, facets=True)
    return {h["url"] for h in result.hits}, dict(result.facets.counts["site"])


def test_every_host_has_a_token_of_its_own():
    tokens = {site_token(h) for h in HOSTS}
    assert len(tokens) == len(HOSTS)
    for token in tokens:  # one word to the index's tokenizer: letters and digits, lower case
        assert token.isascii() and token.isalnum() and token == token.lower() and token.startswith("site")
    assert site_token("Huyen-A.Example.gov.vn") == site_token("huyen-a.example.gov.vn")  # host names ignore case


@pytest.mark.parametrize("query", ["noi dung", "tin", None])
def test_a_site_filter_returns_its_own_articles_only(archive_file, query):
    path, urls = archive_file
    conn = open_readonly(path)
    try:
        for host in HOSTS:
            found, facets = _found(conn, host, query)
            assert found == urls[host], host
            assert facets == {host: len(urls[host])}
            by_province = search(conn, query, sites=(host,), category="Tin tức", limit=100)
            assert {h["url"] for h in by_province.hits} == urls[host]
        pair = search(conn, query, sites=COLLIDING_SITES[1], limit=100)
        assert {h["url"] for h in pair.hits} == urls[COLLIDING_SITES[1][0]] | urls[COLLIDING_SITES[1][1]]
    finally:
        conn.close()


def test_an_archive_with_the_old_tokens_answers_right_once_opened(tmp_path, monkeypatch, capsys):
    path = str(tmp_path / "old.db")
    urls = colliding_sites_archive(path)
    old = sqlite3.connect(path)  # the indexes as the code before m031 wrote them
    with old:
        clear_indexes(old)
        insert_rows(old, [(k, fold(t), fold(b), None, f"{site_token(s, before_m031=True)} {category_token(c)}")
                          for k, t, b, s, c in old.execute("SELECT search_key, title, body, site, category FROM articles")])
        assert old.execute("DELETE FROM _sqlite_migrations WHERE name = 'm031_injective_site_tokens'").rowcount == 1
    old.close()
    conn = open_readonly(path)
    host, other = COLLIDING_SITES[0][:2]
    assert _found(conn, host, "noi dung")[0] == urls[host] | urls[other] | urls[COLLIDING_SITES[0][2]]  # the bug
    conn.close()

    monkeypatch.setenv("PORTAL_ARCHIVE_PROGRESS_SECONDS", "0")
    with Archive(path) as archive:  # migrates
        assert "m031_injective_site_tokens" in {m.name for m in migrations.applied(archive.db)}
    assert "m031: re-indexing the site filter's tokens" in capsys.readouterr().err
    conn = open_readonly(path)
    try:
        assert missing_tables(conn) == []
        for host in HOSTS:
            for query in ("noi dung", None):
                assert _found(conn, host, query) == (urls[host], {host: len(urls[host])})
        assert len(search(conn, "noi dung", limit=100).hits) == sum(map(len, urls.values()))
    finally:
        conn.close()
    with Archive(path) as archive:  # keeps working: a changed article leaves its old words behind
        assert archive.save_article({"url": f"http://{host}/tin-tuc/0", "site": host, "title": "Lễ hội đền Hùng",
                                     "body": "Nội dung mới.", "published": "2024-05-01"}) == "updated"
    conn = open_readonly(path)
    try:
        assert {h["url"] for h in search(conn, "le hoi", site=host).hits} == {f"http://{host}/tin-tuc/0"}
        assert search(conn, "le hoi", site=other).hits == []
        assert _found(conn, host, "noi dung chung")[0] == urls[host] - {f"http://{host}/tin-tuc/0"}
    finally:
        conn.close()
