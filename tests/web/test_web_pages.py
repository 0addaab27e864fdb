"""The web interface over HTTP: a real `portal-archive serve` process on a sample archive.

What the browser test does not cover: every search option, JSON/CSV shapes, errors, headers,
Datasette's own JSON/CSV of the canned query, the read-only guarantee, and the serve command's
bad-input messages.
"""
from __future__ import annotations

import csv
import io
import json
import sqlite3
import urllib.error
import urllib.request
from urllib.parse import quote, urlencode

import pytest

from tests.conftest import run_cli
from tests.web_fixtures import (ARCHIVED_MEDIA_TITLE, EDITED_TITLE, INJECTED_TITLE, PORTALS, PROVINCES,
                                WEB_PORTALS, build_sample_archive, file_fingerprint, serve_archive,
                                write_registry)

BASE_URLS = {name: f"http://127.0.0.1:{9001 + n}" for n, name in enumerate(WEB_PORTALS)}
HOSTS = {name: url.split("//")[1] for name, url in BASE_URLS.items()}


@pytest.fixture(scope="module")
def web(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("webpages") / "archive.db")
    build_sample_archive(db, BASE_URLS)
    registry = write_registry(db + ".sites.toml", BASE_URLS)
    before = file_fingerprint(db)
    with serve_archive(db, "--registry", registry) as url:
        yield {"url": url, "db": db, "before": before}


def _lower(headers) -> dict:
    return {k.lower(): v for k, v in headers.items()}


def get(web, path: str, **params) -> tuple[int, dict, str]:
    url = web["url"] + path + (("?" + urlencode(params)) if params else "")
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, _lower(response.headers), response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, _lower(err.headers), err.read().decode("utf-8")


def search_json(web, **params) -> dict:
    status, _, body = get(web, "/search.json", **params)
    assert status == 200, body
    return json.loads(body)


def test_unaccented_query_finds_accented_text_with_marked_snippet(web):
    result = search_json(web, q="dang uy")
    assert result["total"] >= 1
    top = result["hits"][0]
    assert "Đảng" in top["title"] or "«Đảng»" in top["snippet"]
    assert "«" in top["snippet"] and "»" in top["snippet"]
    assert top["article_page"] == f"/article/{top['id']}"


def test_sort_by_date_and_by_views(web):
    by_date = search_json(web, q="huyen", sort="date")["hits"]
    dates = [h["published"][:10] for h in by_date]
    assert dates == sorted(dates, reverse=True) and len(dates) >= 5
    by_views = [h["views"] for h in search_json(web, q="huyen", sort="views")["hits"] if h["views"] is not None]
    assert by_views == sorted(by_views, reverse=True)


def test_site_category_and_date_filters(web):
    site = HOSTS["wordpress"]
    hits = search_json(web, q="huyen", site=site)["hits"]
    assert hits and {h["site"] for h in hits} == {site}
    only_notice = search_json(web, q="cong dan", category="Thông báo")["hits"]
    assert [h["title"] for h in only_notice] == [INJECTED_TITLE]
    in_2023 = search_json(web, q="huyen", since="2023-01-01", until="2023-12-31")["hits"]
    assert in_2023 and all(h["published"].startswith("2023") for h in in_2023)


def test_province_filter_and_portal_titles_from_the_registry(web):
    hits = search_json(web, q="huyen", province="Phú Thọ")["hits"]
    wanted = {HOSTS[p] for p, province in PROVINCES.items() if province == "Phú Thọ"}
    assert hits and {h["site"] for h in hits} <= wanted and len({h["site"] for h in hits}) == 2
    assert search_json(web, q="huyen", province="Hà Giang")["hits"] == []
    status, _, html = get(web, "/search", q="huyen")
    assert '<select name="province">' in html and "Nghệ An" in html
    title = json.loads((PORTALS / "wordpress" / "manifest.json").read_text(encoding="utf-8"))["site_name"]
    assert title in html
    hit = search_json(web, q="ky tan don bang")["hits"][0]
    article = json.loads(get(web, f"/article/{hit['id']}.json")[2])
    assert article["portal_name"] == title and article["province"] == "Nghệ An"
    assert title in get(web, f"/article/{hit['id']}")[2]
    _, _, health = get(web, "/health")
    assert f'href="/search?site={quote(HOSTS["liferay"])}"' in health


def test_browse_by_filter_without_words_lists_newest_first(web):
    result = search_json(web, site=HOSTS["phutho-aspnet"])
    dates = [h["published"][:10] for h in result["hits"]]
    assert len(dates) == 5 and dates == sorted(dates, reverse=True)


def test_facets_count_sites_years_and_categories(web):
    status, _, html = get(web, "/search", q="huyen")
    assert status == 200
    for heading in ("Cổng thông tin", "Năm", "Chuyên mục"):  # Vietnamese by default
        assert f"<h2>{heading}</h2>" in html
    status, _, html = get(web, "/search", q="huyen", lang="en")
    for heading in ("Portal", "Year", "Category"):
        assert f"<h2>{heading}</h2>" in html
    assert "2023" in html and HOSTS["liferay"] in html


def test_paging_and_limits(web):
    first = search_json(web, q="huyen", sort="date", limit="3")["hits"]
    assert len(first) == 3
    status, _, html = get(web, "/search", q="huyen", sort="date", per_page="3", page="2")
    assert status == 200 and 'rel="prev"' in html
    status, _, html = get(web, "/search", q="huyen", sort="date", per_page="3")
    assert 'rel="next"' in html


def test_csv_matches_json(web):
    status, headers, body = get(web, "/search.csv", q="nong thon")
    assert status == 200 and headers["content-type"].startswith("text/csv")
    assert body.startswith("\ufeff")     # UTF-8 with a BOM: Excel shows the Vietnamese intact
    rows = list(csv.DictReader(io.StringIO(body[1:], newline="")))
    hits = search_json(web, q="nong thon")["hits"]
    assert [r["url"] for r in rows] == [h["url"] for h in hits]
    # the columns of `portal-archive export`, then the search's own
    exported = json.loads(run_cli("export", "--db", web["db"]).stdout.splitlines()[0])
    assert list(rows[0]) == [*exported, "snippet", "article_page"]
    one = next(json.loads(line) for line in run_cli("export", "--db", web["db"]).stdout.splitlines()
               if json.loads(line)["url"] == rows[0]["url"])
    assert rows[0]["body"] == one["body"] and rows[0]["family"] == one["family"]
    assert "«" in "".join(r["snippet"] for r in rows) and rows[0]["article_page"] == f"/article/{rows[0]['id']}"


@pytest.mark.parametrize("params, message", [
    ({"q": '"dan van'}, "unbalanced quotes"),
    ({"q": "AND"}, "AND"),
    ({"q": "dan", "since": "2022-13-01"}, "since must be a day"),
    ({"q": "dan", "since": "2023-01-01", "until": "2022-01-01"}, "since is after until"),
    ({"q": "dan", "sort": "loudest"}, "sort must be one of"),
])
def test_bad_input_gives_a_one_line_message(web, params, message):
    status, _, body = get(web, "/search.json", **params)
    assert status == 400
    assert message in json.loads(body)["error"]
    status, _, html = get(web, "/search", **params)
    assert status == 400 and 'class="pa-error"' in html and "Traceback" not in html


def test_article_json_has_images_versions_and_view_history(web):
    hit = search_json(web, q='"dan van kheo"')["hits"][0]
    status, _, body = get(web, f"/article/{hit['id']}.json")
    article = json.loads(body)
    assert article["title"] == EDITED_TITLE + " (cập nhật)" and article["version"] == 2
    assert len(article["view_history"]) == 3
    old = article["versions"][0]
    assert old["title"] == EDITED_TITLE
    assert {"field": "title", "old": EDITED_TITLE, "new": EDITED_TITLE + " (cập nhật)"} in old["changes"]["fields"]
    assert ("added", "Bổ sung: danh sách tập thể, cá nhân được khen thưởng.") in \
        [(op, text.strip()) for op, text in old["changes"]["body"]]
    assert all(i["caption"] for i in article["images"])
    status, _, _ = get(web, "/article/99999.json")
    assert status == 404


def test_pages_carry_a_strict_content_security_policy_and_no_script(web):
    hit = search_json(web, q="lich tiep cong dan")["hits"][0]
    assert hit["title"] == INJECTED_TITLE
    status, headers, html = get(web, f"/article/{hit['id']}")
    assert status == 200
    policy = headers["content-security-policy"]
    assert "script-src 'none'" in policy and "default-src 'none'" in policy
    assert "<script" not in html.lower() and "<iframe" not in html.lower()
    assert "&lt;script&gt;document.title=" in html
    assert "javascript:" not in html.replace("&#34;javascript:", "")  # only inside escaped text


def test_archived_media_served_inert_by_content_address(web):
    hit = search_json(web, q="ky tan don bang")["hits"][0]
    assert hit["title"] == ARCHIVED_MEDIA_TITLE
    _, _, html = get(web, f"/article/{hit['id']}")
    address = html.split('src="/media/', 1)[1].split('"', 1)[0]
    status, headers, _ = get_bytes(web, f"/media/{address}")
    assert status == 200 and headers["content-type"] == "image/jpeg"
    assert "sandbox" in headers["content-security-policy"]
    assert get_bytes(web, "/media/" + "0" * 64)[0] == 404
    assert get_bytes(web, "/media/..%2F..%2Fetc%2Fpasswd")[0] == 404


def get_bytes(web, path: str) -> tuple[int, dict, bytes]:
    try:
        with urllib.request.urlopen(web["url"] + path, timeout=30) as response:
            return response.status, _lower(response.headers), response.read()
    except urllib.error.HTTPError as err:
        return err.code, _lower(err.headers), err.read()


def test_datasette_canned_query_json_and_csv_fold_the_query(web):
    status, _, body = get(web, "/archive/search_articles.json", q="dan van kheo", _shape="array")
    assert status == 200
    titles = [row["title"] for row in json.loads(body)]
    assert titles and "Dân vận khéo" in titles[0]
    status, _, body = get(web, "/archive/search_articles.csv", q="dan van kheo")
    assert status == 200 and "Dân vận khéo" in body


def test_health_json_judges_each_portal(web):
    status, _, body = get(web, "/health.json")
    report = json.loads(body)["report"]
    assert report["portals"] == len(WEB_PORTALS) and report["broken"] == ["liferay"]


def test_home_links_search_and_lists_portals(web):
    status, headers, html = get(web, "/")
    assert status == 200 and 'href="/search"' in html
    assert all(host in html for host in HOSTS.values())
    assert "content-security-policy" in {k.lower() for k in headers}


def test_nothing_a_visitor_does_writes_to_the_file(web):
    for sql in ("DELETE FROM articles", "UPDATE articles SET title = 'x'", "DROP TABLE articles",
                "ATTACH DATABASE '/tmp/x.db' AS x", "PRAGMA journal_mode = DELETE"):
        get(web, "/archive", sql=sql)
        get(web, "/archive.json", sql=sql)
    for path in ("/archive/search_articles", "/search", "/archive/articles", "/-/auth-token"):
        for method in ("POST", "PUT", "DELETE"):
            request = urllib.request.Request(web["url"] + path, data=b"q=x", method=method)
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(request, timeout=30)
            assert refused.value.code == 405
    status, _, body = get(web, "/archive.json", sql="SELECT count(*) AS n FROM articles", _shape="array")
    assert json.loads(body) == [{"n": 13}]
    assert file_fingerprint(web["db"]) == web["before"]


def test_serve_refuses_bad_input_with_one_line(tmp_path):
    missing = run_cli("serve", "--db", str(tmp_path / "nope.db"), "--port", "0", check=False)
    assert missing.returncode != 0 and "no archive at" in missing.stderr and "Traceback" not in missing.stderr
    text = tmp_path / "notes.db"
    text.write_text("not a database, just notes\n" * 100)
    bad = run_cli("serve", "--db", str(text), "--port", "0", check=False)
    assert bad.returncode != 0 and "not a readable SQLite archive" in bad.stderr
    assert len(bad.stderr.strip().splitlines()) == 1
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    wrong = run_cli("serve", "--db", str(other), "--port", "0", check=False)
    assert wrong.returncode != 0 and "no articles table" in wrong.stderr


def test_serve_refuses_a_broken_registry(web, tmp_path):
    broken = tmp_path / "sites.toml"
    broken.write_text("[[site]]\nname = \"x\"\nstart_urls = [\n")
    result = run_cli("serve", "--db", web["db"], "--port", "0", "--registry", str(broken), check=False)
    assert result.returncode != 0 and "cannot read the site registry" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_serve_reports_a_busy_port(web, tmp_path):
    port = web["url"].rsplit(":", 1)[1]
    busy = run_cli("serve", "--db", web["db"], "--port", port, check=False)
    assert busy.returncode != 0 and f"cannot listen on 127.0.0.1:{port}" in busy.stderr
    assert "Traceback" not in busy.stderr


def test_serve_help_has_an_example():
    assert "Example: portal-archive serve" in run_cli("serve", "--help").stdout


def test_facets_stay_bounded_when_a_query_matches_more_than_the_pool(web, monkeypatch):
    from archive.schema import connect
    from archive.web import searching
    from archive.web.search_params import SearchParams

    conn = connect(web["db"], readonly=True)
    try:
        params = SearchParams.from_args({"q": "huyen"})
        full = searching.run_search(conn, params)
        monkeypatch.setattr(searching, "FACET_POOL", 3)
        bounded = searching.run_search(conn, params)
    finally:
        conn.close()
    assert full.facets_note is None and "3 newest" in bounded.facets_note
    by_name = {f["name"]: {v["label"]: v["count"] for v in f["values"]} for f in bounded.facets}
    assert sum(by_name["site"].values()) == 3  # counted over the 3 newest only
    # Years are rowid ranges of the index: still exact over every match.
    assert by_name["year"] == {f["name"]: {v["label"]: v["count"] for v in f["values"]}
                               for f in full.facets}["year"]
    assert [h["id"] for h in bounded.hits] == [h["id"] for h in full.hits]


def test_year_counts_past_the_cap_show_as_at_least(web, monkeypatch):
    """Past the pool, years are counted over every match but each only up to YEAR_CAP (a common
    word's years walked every match of the archive: seconds at 1,000,000); the page says "N+"."""
    from archive import search_facets
    from archive.schema import connect
    from archive.web import searching
    from archive.web.search_params import SearchParams

    conn = connect(web["db"], readonly=True)
    try:
        params = SearchParams.from_args({"q": "huyen"})
        full = searching.run_search(conn, params)
        monkeypatch.setattr(searching, "FACET_POOL", 3)
        monkeypatch.setattr(search_facets, "YEAR_CAP", 1)
        capped = searching.run_search(conn, params)
    finally:
        conn.close()
    years = {v["label"]: v for f in full.facets if f["name"] == "year" for v in f["values"]}
    shown = {v["label"]: v for f in capped.facets if f["name"] == "year" for v in f["values"]}
    assert shown.keys() == years.keys() and any(v["count"] > 1 for v in years.values())
    for label, value in shown.items():
        assert value["count"] == 1 and value["more"] == (years[label]["count"] > 1)
        assert not years[label]["more"]
    # the page as the server renders it, in this process (where the cap is patched)
    import asyncio

    from archive.web.app import make_datasette

    async def render() -> str:
        response = await make_datasette(web["db"]).client.get("/search?q=huyen")
        assert response.status_code == 200
        return response.text

    html = asyncio.run(render())
    capped_years = [label for label, v in shown.items() if v["more"]]
    assert capped_years and all(f">{label}</a> <span class=\"pa-muted\">1+</span>" in html for label in capped_years)


def test_health_page_explains_an_archive_without_scheduled_crawls(tmp_path):
    from archive.store import Archive

    db = str(tmp_path / "empty.db")
    Archive(db).close()
    with serve_archive(db) as url:
        with urllib.request.urlopen(url + "/health", timeout=30) as response:
            html = response.read().decode("utf-8")
        with urllib.request.urlopen(url + "/", timeout=30) as response:
            home = response.read().decode("utf-8")
    assert 'class="pa-placeholder"' in html and "Chưa ghi nhận lần thu thập nào theo từng cổng" in html
    assert "Kho lưu trữ còn trống" in home


def test_immutable_mode_serves_a_frozen_copy(web, tmp_path):
    import shutil

    frozen = str(tmp_path / "frozen.db")
    shutil.copy(web["db"], frozen)
    before = file_fingerprint(frozen)
    with serve_archive(frozen, "--immutable") as url:
        with urllib.request.urlopen(url + "/search.json?q=dan+van+kheo", timeout=30) as response:
            hits = json.loads(response.read())["hits"]
    assert hits and "Dân vận khéo" in hits[0]["title"]
    assert file_fingerprint(frozen) == before


def test_a_new_query_keeps_the_filters_and_pages_are_numbered(web):
    site = HOSTS["phutho-aspnet"]
    status, _, html = get(web, "/search", q="huyen", site=site, since="2020-01-01", sort="date", per_page="2")
    assert status == 200
    box = html.split('class="pa-searchbox"', 1)[1].split("</form>", 1)[0]
    assert f'<input type="hidden" name="site" value="{site}">' in box
    assert '<input type="hidden" name="since" value="2020-01-01">' in box and 'name="sort" value="date"' in box
    total = search_json(web, q="huyen", site=site, since="2020-01-01")["total"]
    pages = -(-total // 2)
    assert total > 2 and f"trang 1 / {pages}</span>" in html
    _, _, english = get(web, "/search", q="huyen", site=site, since="2020-01-01", sort="date", per_page="2", lang="en")
    assert f"page 1 of {pages}</span>" in english and "lang=en" in english.split('rel="next"')[0].rsplit("href=", 1)[1]
    assert '<span class="pa-page" aria-current="page">1</span>' in html
    assert f'>{pages}</a>' in html and "page=2" in html


def test_numbers_in_vietnamese_format():
    from archive.web.plugin import vietnamese_number

    assert [vietnamese_number(n) for n in (7, 1599, 1234567, None)] == ["7", "1.599", "1.234.567", ""]


def test_atom_feeds_per_portal_and_per_search(web):
    import xml.etree.ElementTree as ET

    ns = {"a": "http://www.w3.org/2005/Atom"}
    site = HOSTS["phutho-aspnet"]
    status, headers, body = get(web, "/search.atom", site=site)
    assert status == 200 and headers["content-type"].startswith("application/atom+xml")
    feed = ET.fromstring(body.encode("utf-8"))
    entries = feed.findall("a:entry", ns)
    browse = search_json(web, site=site, limit="50")["hits"]
    assert [e.find("a:link[@rel='via']", ns).get("href") for e in entries] == [h["url"] for h in browse]
    published = [e.find("a:published", ns).text for e in entries]
    assert published == sorted(published, reverse=True) and all("+" in p or p.endswith("Z") for p in published)
    first = entries[0]
    assert first.find("a:link[@rel='alternate']", ns).get("href").startswith(web["url"].rstrip("/") + "/article/")
    assert "Cổng thông tin" in feed.find("a:title", ns).text  # the portal's title from the registry
    status, _, body = get(web, "/search.atom", q="dan van kheo")
    titles = [e.find("a:title", ns).text for e in ET.fromstring(body.encode("utf-8")).findall("a:entry", ns)]
    assert titles and all("Dân vận khéo" in t for t in titles)
    status, _, html = get(web, "/search", q="dan van kheo")
    assert 'type="application/atom+xml"' in html and "/search.atom?q=dan+van+kheo" in html
    assert get(web, "/search.atom")[0] == 400


def test_datasette_metadata_names_licence_and_source_and_hides_migrations(web):
    status, _, body = get(web, "/-/metadata.json")
    metadata = json.loads(body)
    assert status == 200 and metadata["license"].startswith("MIT") and metadata["source_url"].startswith("https://")
    status, _, body = get(web, "/archive.json")
    tables = {t["name"]: t for t in json.loads(body)["tables"]}
    assert tables["_sqlite_migrations"]["hidden"] and not tables["articles"]["hidden"]
