"""The site registry: Phú Thọ's district portals shipped, crawls by name, bad targets refused cleanly."""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

from scraper.registry import find_site, load_sites
from tests.conftest import ROOT, run_cli
from tests.crawl_support import FAST, crawl, export

PHU_THO_UNITS = {"viettri", "thixaphutho", "camkhe", "doanhung", "hahoa", "lamthao", "phuninh", "tamnong",
                 "tanson", "thanhba", "thanhson", "thanhthuy", "yenlap"}


def test_registry_ships_the_13_phu_tho_units_unverified_and_crawlable():
    sites = [s for s in load_sites() if s.province == "Phú Thọ"]
    assert {s.name for s in sites} == PHU_THO_UNITS
    assert all(not s.verified and s.start_urls for s in sites)
    yenlap = find_site("YenLap")
    assert yenlap.family == "phutho-aspnet" and yenlap.start_urls[0].startswith("http://yenlap.phutho.gov.vn/")


def test_a_unit_with_no_known_host_is_refused_in_one_line(tmp_path):
    result = run_cli("crawl", "badinh", "--db", str(tmp_path / "n.db"), check=False)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "no host known" in result.stderr and "discover hanoi.gov.vn" in result.stderr


def _registry(tmp_path, server) -> str:
    path = tmp_path / "sites.toml"
    path.write_text(
        '[[site]]\nname = "thanhson-test"\nprovince = "Phú Thọ"\nfamily = "auto"\nverified = true\n'
        f'start_urls = ["{server.base_url}/web/thanhson/tin-tuc"]\n', encoding="utf-8")
    return str(path)


def test_crawl_by_registry_name(portal_server, tmp_path):
    db = str(tmp_path / "r.db")
    with portal_server("liferay") as server:
        summary = crawl("thanhson-test", "--db", db, env={"PORTAL_ARCHIVE_REGISTRY": _registry(tmp_path, server)})
    assert summary["new"] == 4 and len(export(db)) == 4
    with sqlite3.connect(db) as conn:
        sites = conn.execute("SELECT sites FROM crawl_runs WHERE id = ?", (summary["run_id"],)).fetchone()[0]
    assert "thanhson-test" in sites


def test_scrapy_crawl_portal_with_a_site_name(portal_server, tmp_path):
    db = str(tmp_path / "s.db")
    with portal_server("liferay") as server:
        env = {**os.environ, **FAST, "PORTAL_ARCHIVE_REGISTRY": _registry(tmp_path, server), "PORTAL_ARCHIVE_DB": db}
        result = subprocess.run([sys.executable, "-m", "scrapy", "crawl", "portal", "-a", "site=thanhson-test"],
                                cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert len(export(db)) == 4


def test_bad_targets_give_one_line_errors(tmp_path):
    db = str(tmp_path / "e.db")
    for args in (["no-such-portal"], ["ftp://example.org/"], ["http://127.0.0.1:9/", "--family", "nope"]):
        result = run_cli("crawl", *args, "--db", db, check=False)
        assert result.returncode != 0
        assert "Traceback" not in result.stderr
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        assert len(lines) <= 3 and lines[-1].startswith("Error:"), result.stderr
