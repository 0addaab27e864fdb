"""The web's site filter (/search.json and the search page's portal facet) on hosts whose site
tokens were one before schema m031: each host's filter shows its own articles and counts only."""
from __future__ import annotations

import html as html_lib
import json
import re
import urllib.request
from urllib.parse import urlencode

import pytest

from tests.archive_support import COLLIDING_SITES, colliding_sites_archive
from tests.web_fixtures import serve_archive

HOSTS = [h for group in COLLIDING_SITES for h in group]


@pytest.fixture(scope="module")
def web(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("web-sites") / "archive.db")
    urls = colliding_sites_archive(path)
    with serve_archive(path) as base:
        yield base, urls


def _get(base: str, path: str, **params) -> str:
    with urllib.request.urlopen(f"{base}{path}?{urlencode(params)}", timeout=30) as response:
        return response.read().decode("utf-8")


def _site_facet(page: str) -> dict[str, int]:
    """{label: count} of the search page's first facet (the portals)."""
    section = re.search(r'<section class="pa-facet">(.*?)</section>', page, re.S).group(1)
    items = re.findall(r"<li>.*?(?:<strong>|<a [^>]*>)([^<]+)</(?:strong|a)>.*?"
                       r'<span class="pa-muted">([\d.,]+)</span></li>', section, re.S)
    return {html_lib.unescape(label): int(re.sub(r"\D", "", n)) for label, n in items}


@pytest.mark.parametrize("query", ["noi dung", None])
def test_each_host_filters_to_its_own_articles_and_facet(web, query):
    base, urls = web
    words = {"q": query} if query else {}
    for host in HOSTS:
        found = json.loads(_get(base, "/search.json", site=host, **words))
        assert {h["url"] for h in found["hits"]} == urls[host], host
        assert _site_facet(_get(base, "/search", site=host, **words)) == {host: len(urls[host])}
