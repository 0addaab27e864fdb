"""`search --site` and `export --site` on hosts whose site tokens were one before schema m031
(hyphen or none, dot positions, a port, "www.", an IDN in punycode and in Unicode): each command
returns the given host's articles, never another's."""
from __future__ import annotations

import json

import pytest

from tests.archive_support import COLLIDING_SITES, colliding_sites_archive
from tests.conftest import run_cli

HOSTS = [h for group in COLLIDING_SITES for h in group]


@pytest.fixture(scope="module")
def archive_file(tmp_path_factory) -> tuple[str, dict[str, set[str]]]:
    path = str(tmp_path_factory.mktemp("cli-sites") / "archive.db")
    return path, colliding_sites_archive(path)


@pytest.mark.parametrize("host", HOSTS)
def test_search_and_export_by_site_return_that_site_only(archive_file, host):
    path, urls = archive_file
    found = json.loads(run_cli("search", "noi dung", "--db", path, "--site", host, "--format", "json",
                               "--limit", "100").stdout)
    assert {h["url"] for h in found} == urls[host] and {h["site"] for h in found} == {host}
    exported = [json.loads(line) for line in run_cli("export", "--db", path, "--site", host).stdout.splitlines()]
    assert {r["url"] for r in exported} == urls[host]
