"""The web server against hostile requests (issue #14): bounded queries answer 400, every response
carries the Content-Security-Policy (Datasette's /archive pages too), fts3_tokenizer is off."""
from __future__ import annotations

import json
import urllib.error
import urllib.request
from urllib.parse import urlencode

import pytest

from archive.web import i18n
from tests.archive_support import one_article_archive
from tests.web_fixtures import file_fingerprint, serve_archive


@pytest.fixture(scope="module")
def web(tmp_path_factory):
    db = one_article_archive(str(tmp_path_factory.mktemp("hardening") / "archive.db"))
    before = file_fingerprint(db)
    with serve_archive(db) as url:
        yield url
    assert file_fingerprint(db) == before


def get(base: str, path: str, **params) -> tuple[int, dict, str]:
    url = base + path + (("?" + urlencode(params)) if params else "")
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, {k.lower(): v for k, v in err.headers.items()}, err.read().decode()


@pytest.mark.parametrize("query, message", [
    (" ".join(["hoi"] * 100), "too many words (100)"),
    (" ".join(["nghi"] * 1000), "too many words (1,000)"),
    (" OR ".join(["xa"] * 5000), "too many words (5,000)"),
    ("(" * 200 + "hoi" + ")" * 200, "parentheses nested 200 deep"),
])
def test_long_queries_answer_400_with_a_message(web, query, message):
    status, _, body = get(web, "/search.json", q=query)
    assert status == 400 and message in json.loads(body)["error"]
    status, _, html = get(web, "/search", q=query)
    assert status == 400 and message in html and "Traceback" not in html


@pytest.mark.parametrize("path", ["/", "/search?q=hoi", "/health", "/archive", "/archive/articles",
                                  "/archive/articles/1", "/archive?sql=select+1", "/archive.json?sql=select+1",
                                  "/-/versions", "/no/such/page", "/archive/no_such_table"])
def test_every_response_carries_the_content_security_policy(web, path):
    status, headers, _ = get(web, path)
    assert status in (200, 404), (path, status)
    policy = headers.get("content-security-policy", "")
    assert "default-src 'none'" in policy and "script-src 'none'" in policy, (path, headers)
    assert headers.get("x-content-type-options") == "nosniff"


def test_fts3_tokenizer_returns_no_pointer(web):
    for path in ("/archive.json", "/archive"):
        status, _, body = get(web, path, sql="select hex(fts3_tokenizer('simple')) as p")
        assert status == 400, body[:500]
        # the JSON gives SQLite's words; the page the same in the reader's language (Vietnamese)
        refused = ("fts3_tokenizer is disabled", "raised exception", i18n.catalogue("vi")["datasette.function_failed"])
        assert any(words in body for words in refused), body[:500]
    status, _, body = get(web, "/archive.json", sql="select 1 as one", _shape="array")
    assert status == 200 and json.loads(body) == [{"one": 1}]
