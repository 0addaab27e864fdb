"""A page whose charset only its HTTP header names is archived, and re-extracted, in that charset (and NFC)."""
from __future__ import annotations

import json
import unicodedata
from urllib.parse import quote, unquote, urlsplit

from scraper.sample.malform import cp1258
from scraper.sample.server import serve_portal
from tests.conftest import run_cli
from tests.crawl_support import article_html, crawl, export, page_html

_TITLES = [f"Hội nghị tổng kết công tác thủy lợi, phòng chống lụt bão lần {n}" for n in range(1, 4)]


def _portal(folder) -> None:
    pages = folder / "pages"
    pages.mkdir(parents=True)
    routes, links = {"/": {"file": "home.html"}}, []
    for n, title in enumerate(_TITLES, 1):
        # no <meta charset>: only the HTTP header names the page's charset
        html = article_html(title, n, f"{n:02d}/04/2023").replace("<meta charset='utf-8'>", "")
        (pages / f"a{n}.html").write_bytes(cp1258(html))
        path = f"/tin-tuc/hoi-nghi-tong-ket-thuy-loi-lan-{n}.html"
        routes[path] = {"file": f"a{n}.html", "content_type": "text/html; charset=windows-1258"}
        links.append(f'<li><a href="{path}">{title}</a></li>')
    (pages / "home.html").write_text(page_html(f'<ul class="ds-tin">{"".join(links)}</ul>'), encoding="utf-8")
    (folder / "manifest.json").write_text(json.dumps({"start_urls": ["/"], "routes": routes}), encoding="utf-8")


def test_a_charset_named_only_in_the_header_is_honoured(tmp_path):
    _portal(tmp_path / "portal")
    db = str(tmp_path / "x.db")
    with serve_portal(str(tmp_path / "portal")) as server:
        summary = crawl(server.base_url + "/", "--db", db, "--family", "generic", "--no-warc", "--no-media")
    assert summary["new"] == len(_TITLES)
    titles = sorted(r["title"] for r in export(db))
    assert titles == sorted(_TITLES)
    assert all(unicodedata.is_normalized("NFC", t) for t in titles)
    # re-extraction reads the stored page with the stored Content-Type: nothing changes
    out = run_cli("reextract", "--db", db).stdout
    assert "0 updated" in out and "3 unchanged" in out, out
    assert sorted(r["title"] for r in export(db)) == sorted(_TITLES)


def test_a_listing_whose_charset_only_the_header_names_is_read_in_it(tmp_path):
    # A windows-1258 listing whose article URLs carry "đ" and no tone mark: read without its
    # header's charset, the page is guessed windows-1252 and "đ" comes out as "ð", so every
    # article link points to a page the portal does not have.
    folder = tmp_path / "portal"
    pages = folder / "pages"
    pages.mkdir(parents=True)
    routes, links = {}, []
    for n, title in enumerate(_TITLES, 1):
        (pages / f"a{n}.html").write_text(article_html(title, n, f"{n:02d}/04/2023"), encoding="utf-8")
        path = f"/tin-tuc/đê-đông-lan-{n}.html"
        routes[quote(path)] = {"file": f"a{n}.html"}
        links.append(f'<li><a href="{path}">Hoi nghi tong ket cong tac de dieu Dong Anh lan {n}</a></li>')
    listing = page_html(f'<ul class="ds-tin">{"".join(links)}</ul>', title="Tin tuc").replace("<meta charset='utf-8'>", "")
    (pages / "home.html").write_bytes(cp1258(listing))
    routes["/"] = {"file": "home.html", "content_type": "text/html; charset=windows-1258"}
    (folder / "manifest.json").write_text(json.dumps({"start_urls": ["/"], "routes": routes}), encoding="utf-8")
    db = str(tmp_path / "x.db")
    with serve_portal(str(folder)) as server:
        summary = crawl(server.base_url + "/", "--db", db, "--family", "generic", "--no-warc", "--no-media")
    assert summary["new"] == len(_TITLES), summary
    assert sorted(unquote(urlsplit(r["url"]).path) for r in export(db)) == \
        sorted(f"/tin-tuc/đê-đông-lan-{n}.html" for n in range(1, 4))
