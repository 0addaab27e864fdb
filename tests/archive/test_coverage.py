"""`portal-archive coverage` and the web UI's /coverage pages, over a real archive file."""
from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest

from archive.store import Archive
from scraper.sample.textgen import make_article
from tests.conftest import run_cli
from tests.web_fixtures import serve_archive

REGISTRY = """
[[site]]
name = "yenlap"
province = "Phú Thọ"
type = "Huyện"
unit = "Yên Lập"
start_urls = ["http://yenlap.phutho.gov.vn/"]
verified = true

[[site]]
name = "camkhe"
province = "Phú Thọ"
type = "Huyện"
unit = "Cẩm Khê"
start_urls = []

[[site.candidate]]
host = "camkhe.phutho.gov.vn"
verified = false
evidence = [{kind = "cdx", first = "2014-01-01", last = "2024-12-31", captures = 30}]

[[site]]
name = "tanson"
province = "Phú Thọ"
type = "Huyện"
unit = "Tân Sơn"
start_urls = []

[[site]]
name = "quan1"
province = "Hồ Chí Minh"
type = "Quận"
unit = "1"
start_urls = ["http://www.quan1.hochiminhcity.gov.vn/"]
"""


@pytest.fixture
def archive_and_registry(tmp_path):
    db, registry = tmp_path / "c.db", tmp_path / "units.toml"
    registry.write_text(REGISTRY, encoding="utf-8")
    with Archive(str(db)) as archive:
        run = archive.start_run({}, ["yenlap"])
        for i in range(3):  # crawled live
            record = make_article(i, hosts=["yenlap.phutho.gov.vn"])
            archive.record_fetch(run, record["url"], 200)
            archive.save_article(record, run_id=run)
        for i in range(3, 5):  # recovered from a web archive only
            archive.save_article(make_article(i, hosts=["camkhe.phutho.gov.vn"]), provenance="wayback")
        archive.finish_run(run, {"new": 3})
    return str(db), str(registry)


def test_coverage_per_unit_and_per_province(archive_and_registry):
    db, registry = archive_and_registry
    rows = json.loads(run_cli("coverage", "--db", db, "--registry", registry, "--format", "json").stdout)
    by_name = {r["name"]: r for r in rows}
    assert {k: by_name["yenlap"][k] for k in ("known", "verified", "crawled", "recovered", "articles")} == \
        {"known": True, "verified": True, "crawled": True, "recovered": False, "articles": 3}
    assert {k: by_name["camkhe"][k] for k in ("known", "verified", "crawled", "recovered", "articles")} == \
        {"known": True, "verified": False, "crawled": False, "recovered": True, "articles": 2}
    assert {k: by_name["tanson"][k] for k in ("known", "crawled", "recovered", "articles")} == \
        {"known": False, "crawled": False, "recovered": False, "articles": 0}
    table = run_cli("coverage", "--db", db, "--registry", registry, "--province", "phu tho").stdout
    assert "quan1" not in table and "Phú Thọ" in table.splitlines()[-1]
    assert table.splitlines()[-1].split()[-6:] == ["3", "2", "1", "1", "1", "5"]  # units known verified crawled recovered articles


def test_coverage_refuses_bad_input_in_one_line(archive_and_registry, tmp_path):
    db, registry = archive_and_registry
    for args in (["--db", str(tmp_path / "none.db")], ["--db", db, "--province", "Atlantis"],
                 ["--db", db, "--registry", str(tmp_path)]):
        result = run_cli("coverage", *args, check=False)
        assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr


def test_coverage_pages_in_the_web_ui(archive_and_registry):
    db, registry = archive_and_registry
    with serve_archive(db, "--registry", registry) as base:
        overview = urllib.request.urlopen(f"{base}/coverage").read().decode()
        assert 'href="/coverage/Ph%C3%BA%20Th%E1%BB%8D"' in overview and "Hồ Chí Minh" in overview
        page = urllib.request.urlopen(f"{base}/coverage/Ph%C3%BA%20Th%E1%BB%8D").read().decode()
        assert "Huyện Cẩm Khê" in page and "camkhe.phutho.gov.vn" in page and "quận 1" not in page.lower()
        data = json.loads(urllib.request.urlopen(f"{base}/coverage/Ph%C3%BA%20Th%E1%BB%8D.json").read())
        assert [u["articles"] for u in data["units"]] == [3, 2, 0]
        try:
            urllib.request.urlopen(f"{base}/coverage/Atlantis")
            raise AssertionError("an unknown province is a 404")
        except urllib.error.HTTPError as exc:
            assert exc.code == 404
