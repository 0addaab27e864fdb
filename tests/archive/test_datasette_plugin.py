"""Plain `datasette FILE` on an archive gets the archive's plugin through the package's entry point.

A real `datasette serve` process on 127.0.0.1 over a sample archive file named crawl.db (not
archive.db, so the plugin must find the archive by its tables, not by a name it assumes).
"""
from __future__ import annotations

import importlib.metadata
import json
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

import pytest

from tests.conftest import stop_process
from tests.web_fixtures import EDITED_TITLE, build_sample_archive, file_fingerprint

BASE_URLS = {name: f"http://127.0.0.1:{9201 + n}" for n, name in enumerate(("liferay", "phutho-aspnet", "wordpress"))}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def datasette(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("plain") / "crawl.db")
    build_sample_archive(db, BASE_URLS)
    before = file_fingerprint(db)
    port = _free_port()
    with tempfile.TemporaryFile(mode="w+") as log:
        # -i: immutable, as a published copy would be served; nothing else given but the file
        proc = subprocess.Popen([sys.executable, "-m", "datasette", "serve", "-i", db, "--host", "127.0.0.1",
                                 "--port", str(port)], stdout=log, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    urllib.request.urlopen(url + "/-/versions.json", timeout=5).close()
                    break
                except OSError:
                    if proc.poll() is not None or time.monotonic() > deadline:
                        log.seek(0)
                        raise AssertionError(f"datasette did not start: {log.read()[-2000:]}")
                    time.sleep(0.2)
            yield {"url": url, "db": db, "before": before}
        finally:
            stop_process(proc)


def _get(datasette, path: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(datasette["url"] + path, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8")


def test_the_package_declares_the_plugin_and_datasette_loads_it(datasette):
    declared = {e.name: e.value for e in importlib.metadata.entry_points(group="datasette")}
    assert declared.get("portal_archive") == "archive.web.plugin"
    status, body = _get(datasette, "/-/plugins.json")
    plugins = {p["name"]: p for p in json.loads(body)}
    assert status == 200 and "portal-archive" in plugins, plugins
    assert {"register_routes", "get_metadata", "prepare_connection", "startup"} <= set(plugins["portal-archive"]["hooks"])


def test_the_archive_pages_under_plain_datasette(datasette):
    status, html = _get(datasette, "/search?q=dan+van+kheo")
    assert status == 200 and '<html lang="vi">' in html and "<mark>Dân</mark>" in html and "1 bài viết" in html
    assert 'href="/crawl"' in html  # the tables link names the database datasette opened
    status, html = _get(datasette, "/")
    assert status == 200 and "Kho lưu trữ tin tức" in html
    status, css = _get(datasette, "/pa-static/web.css")
    assert status == 200 and ".pa-nav" in css
    found = json.loads(_get(datasette, "/search.json?q=dan+van+kheo")[1])
    status, html = _get(datasette, f"/article/{found['hits'][0]['id']}?lang=en")
    assert status == 200 and '<html lang="en">' in html and EDITED_TITLE in html and "Cite this article" in html


def test_metadata_canned_queries_and_folded_search(datasette):
    metadata = json.loads(_get(datasette, "/-/metadata.json")[1])
    assert metadata["license"].startswith("MIT") and metadata["source_url"]
    assert set(metadata["databases"]) == {"crawl"}
    # the canned query folds the words as the index was folded (fold() registered on the connection)
    status, body = _get(datasette, "/crawl/search_articles.json?q=dan+van+kheo&_shape=array")
    rows = json.loads(body)
    assert status == 200 and rows and "Dân vận khéo" in rows[0]["title"], body[:500]
    tables = {t["name"]: t for t in json.loads(_get(datasette, "/crawl.json")[1])["tables"]}
    assert tables["_sqlite_migrations"]["hidden"] and tables["raw_pages"]["hidden"]
    assert not tables["articles"]["hidden"]
    # the index holds folded text under article keys: Datasette's own _search is not offered
    status, html = _get(datasette, "/crawl/articles")
    assert status == 200 and 'name="_search"' not in html
    assert file_fingerprint(datasette["db"]) == datasette["before"]
