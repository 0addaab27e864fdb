"""Unseen portals whose listings link article URLs that redirect (301) to the canonical one: the
article is archived under the URL it ends at, and later runs know the listing's URL by it."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from scraper.sample.server import serve_portal
from tests.crawl_support import crawl, export, fetches, path_of

PORTAL = Path(__file__).parent.parent / "fixtures" / "unseen_crawl" / "sitemap-portal"
LINKED = json.loads((PORTAL / "articles.json").read_text(encoding="utf-8"))[1:]  # the 7 the /tin-tuc listing links


def _canonical(path: str) -> str:
    return path.replace("/tin/", "/bai-viet/", 1) + ".html"


def _redirecting(server) -> None:
    """The listings keep linking /tin/<slug>-<id>; the portal now answers with a 301 to /bai-viet/<slug>-<id>.html."""
    for path in LINKED:
        server.routes[_canonical(path)] = server.routes[path]
        server.routes[path] = {"status": 301, "location": _canonical(path)}


def _articles_fetched(requests: list[str]) -> Counter:
    return Counter(r for r in requests if r.startswith("/bai-viet/"))


def test_redirected_articles_are_archived_once_and_not_fetched_again(tmp_path):
    db = str(tmp_path / "a.db")
    with serve_portal(str(PORTAL)) as server:
        _redirecting(server)
        start = server.base_url + "/tin-tuc"
        first = crawl(start, "--db", db)
        mark = len(server.requests)
        second = crawl(start, "--db", db)
        second_requests = server.requests[mark:]
        mark = len(server.requests)
        revisit = crawl(start, "--db", db, "--revisit")
        revisit_requests = server.requests[mark:]
    assert first["new"] == len(LINKED)
    assert {path_of(r["url"]) for r in export(db)} == {_canonical(p) for p in LINKED}, "archived under the URL it ends at"
    redirects = {(path_of(u), path_of(r)) for u, s, _, _, r, _ in fetches(db) if s == 301}
    assert redirects == {(p, _canonical(p)) for p in LINKED}
    # an incremental run knows the listing's URLs by their redirects: nothing is fetched again
    assert second["new"] == 0 and second["skipped_known"] == len(LINKED) and second["article_requests"] == 0
    assert not [r for r in second_requests if r in LINKED or r.startswith("/bai-viet/")]
    # --revisit fetches each archived article once, and counts it once
    assert set(_articles_fetched(revisit_requests).values()) == {1} and len(_articles_fetched(revisit_requests)) == len(LINKED)
    assert revisit["unchanged"] == len(LINKED) and revisit["new"] == 0 and revisit["updated"] == 0


def test_a_redirect_chain_and_a_direct_link_to_the_target_count_once(tmp_path):
    db = str(tmp_path / "b.db")
    with serve_portal(str(PORTAL)) as server:
        _redirecting(server)
        # the oldest linked article moved twice: /tin/... -> /cu/... -> /bai-viet/....html
        moved = LINKED[-1]
        hop = "/cu" + moved[len("/tin"):]
        server.routes[moved] = {"status": 301, "location": hop}
        server.routes[hop] = {"status": 302, "location": _canonical(moved)}
        start = server.base_url + "/tin-tuc"
        crawl(start, "--db", db)
        mark = len(server.requests)
        second = crawl(start, "--db", db)
        second_requests = server.requests[mark:]
    assert {path_of(r["url"]) for r in export(db)} == {_canonical(p) for p in LINKED}
    assert second["article_requests"] == 0 and not [r for r in second_requests if r in LINKED or r == hop]


def test_a_start_url_that_moved_to_another_host_is_crawled_there(tmp_path):
    """`localhost` stands for the old host: both names reach the same 127.0.0.1 server."""
    db = str(tmp_path / "c.db")
    with serve_portal(str(PORTAL)) as server:
        port = server.server_address[1]
        server.routes["/cong-thong-tin"] = {"status": 301, "location": f"http://127.0.0.1:{port}/tin-tuc"}
        old_start = f"http://localhost:{port}/cong-thong-tin"
        first = crawl(old_start, "--db", db)
        first_requests = list(server.requests)
        mark = len(server.requests)
        second = crawl(old_start, "--db", db)
        second_requests = server.requests[mark:]
    rows = export(db)
    assert first["new"] == len(LINKED) and all(r["url"].startswith(server.base_url + "/") for r in rows)
    assert first_requests.count("/robots.txt") == 2, "the new host's robots.txt is read too"
    assert second["new"] == 0 and second["article_requests"] == 0 and not [r for r in second_requests if r in LINKED]
