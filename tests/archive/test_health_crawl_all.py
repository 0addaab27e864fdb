"""`crawl --all` over a registry of served sample portals, then `health` catches what broke.

Run 1 crawls three sample portals. Between the runs one portal gets a new article layout
(its served copy loses the date line, the view counter and the image captions: every page still
answers 200) and another goes down. Run 2 (with --revisit, so archived articles are fetched
again) must make `health` name the first portal's fallen fields and report the second as down.
"""
from __future__ import annotations

import contextlib
import json
import re
import shutil
import sqlite3

from scraper.sample.server import serve_portal
from tests.conftest import PORTALS, load_expected, run_cli

PORTAL_FAMILIES = {"yenlap": "phutho-aspnet", "thanhson": "liferay", "tanky": "wordpress"}


def write_registry(path, servers: dict, provinces: dict | None = None) -> str:
    """A registry in the shipped format, pointing at portals served on 127.0.0.1."""
    lines = []
    for name, server in servers.items():
        lines += ["[[site]]", f'name = "{name}"', f'province = "{(provinces or {}).get(name, "Phú Thọ")}"',
                  f"start_urls = {json.dumps(server.start_urls())}", f'family = "{server.manifest["family"]}"', ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return str(path)


def break_article_layout(folder) -> None:
    """A redesign that drops the date line, the view counter and the captions of every article."""
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    for route in manifest["routes"].values():
        if not route.get("file", "").startswith("article-"):
            continue
        page = folder / "pages" / route["file"]
        html = page.read_text(encoding="utf-8")
        html = "\n".join(line for line in html.splitlines()
                         if not re.search(r"Cập nhật|Lượt xem|<em>|published_time|datePublished", line))
        page.write_text(html, encoding="utf-8")


def _portal_runs(db: str) -> list[dict]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute("SELECT * FROM portal_runs ORDER BY id")]
    finally:
        conn.close()


def test_crawl_all_then_health_catches_layout_change_and_outage(tmp_path):
    db, logs = str(tmp_path / "archive.db"), tmp_path / "logs"
    yenlap_copy = tmp_path / "yenlap-served"
    shutil.copytree(PORTALS / "phutho-aspnet", yenlap_copy)
    with contextlib.ExitStack() as stack:
        servers = {"yenlap": stack.enter_context(serve_portal(str(yenlap_copy))),
                   "thanhson": stack.enter_context(serve_portal(str(PORTALS / "liferay")))}
        tanky = serve_portal(str(PORTALS / "wordpress"))
        servers["tanky"] = tanky.__enter__()
        registry = write_registry(tmp_path / "sites.toml", servers)

        first = run_cli("crawl", "--all", "--registry", registry, "--db", db, "--log-dir", str(logs))
        table = {line.split()[0]: line for line in first.stdout.splitlines()[1:] if line.strip()}
        for name in PORTAL_FAMILIES:
            assert table[name].rstrip().endswith("ok"), first.stdout
        healthy = run_cli("health", "--db", db, "--format", "json")
        assert json.loads(healthy.stdout)["broken"] == []

        conn = sqlite3.connect(db)
        titles = {row[0] for row in conn.execute("SELECT title FROM articles")}
        conn.close()
        for family in PORTAL_FAMILIES.values():
            assert {e["title"] for e in load_expected(family)} <= titles
        for name in PORTAL_FAMILIES:
            assert f"=== {name}: crawl of {servers[name].base_url}" in (logs / f"{name}.log").read_text()

        break_article_layout(yenlap_copy)
        tanky.__exit__(None, None, None)  # the portal goes down: its port now refuses connections
        second = run_cli("crawl", "--all", "--revisit", "--registry", registry, "--db", db, "--log-dir", str(logs),
                         check=False)
        # a portal whose every fetch failed fails the run, by name (it was once reported ok)
        assert second.returncode == 1, second.stderr
        assert "Error: 1 of 3 portal crawls failed: tanky (nothing could be fetched" in second.stderr

    result = run_cli("health", "--db", db, check=False)
    assert result.returncode == 3, result.stdout + result.stderr
    report = {r["portal"]: r for r in json.loads(run_cli("health", "--db", db, "--format", "json",
                                                         check=False).stdout)["results"]}
    assert report["thanhson"]["ok"], report["thanhson"]
    # the view counter and the captions are gone with the redesign; the date may still be read from
    # what is left of the page (the page-wide date search), so it need not fall
    assert {"views", "captions"} <= set(report["yenlap"]["fields_fell"]) <= {"date", "views", "captions"}
    assert report["yenlap"]["coverage"]["title"] == 1.0 and report["yenlap"]["coverage"]["body"] == 1.0
    assert report["tanky"]["problems"] and report["tanky"]["problems"][0].startswith(
        ("crawl failed:", "nothing fetched", "mostly failing fetches", "crawl did not run"))
    lines = {line.split()[0]: line for line in result.stdout.splitlines()[1:]}
    assert "BROKEN: field coverage fell: " in lines["yenlap"] and "views 100%→0%, captions 50%→0%" in lines["yenlap"]
    assert "BROKEN" in lines["tanky"] and lines["thanhson"].rstrip().endswith("ok")
    # Each run's log is its own file; the previous run's is kept beside it.
    assert "=== yenlap: finished" in (logs / "yenlap.log.1").read_text()
    assert "crawling 3 portals" in (logs / "crawl-all.log.1").read_text()
    assert len([r for r in _portal_runs(db) if r["portal"] == "yenlap"]) == 2


def test_crawl_by_province_and_site(tmp_path):
    db = str(tmp_path / "archive.db")
    with serve_portal(str(PORTALS / "phutho-aspnet")) as yenlap, serve_portal(str(PORTALS / "liferay")) as other:
        registry = write_registry(tmp_path / "sites.toml", {"yenlap": yenlap, "lucngan": other},
                                  provinces={"yenlap": "Phú Thọ", "lucngan": "Bắc Giang"})
        result = run_cli("crawl", "--province", "phu tho", "--registry", registry, "--db", db,
                         "--log-dir", str(tmp_path / "logs"), "--format", "json")
        assert other.requests == []
        [outcome] = json.loads(result.stdout)
        assert (outcome["portal"], outcome["exit_code"], outcome["error"]) == ("yenlap", 0, None)
        assert outcome["health"]["new"] == len(load_expected("phutho-aspnet")) == outcome["summary"]["new"]
        missing = run_cli("crawl", "--site", "khong-co", "--registry", registry, "--db", db, check=False)
        assert missing.returncode == 1
        assert missing.stderr.strip() == "Error: no such site in the registry: khong-co (see the registry file)"
    assert [r["portal"] for r in _portal_runs(db)] == ["yenlap"]


def test_a_portal_over_its_time_limit_is_stopped_and_reported(tmp_path):
    """A hung or endless portal must not hold the archive's lock (and every later run) forever."""
    db = str(tmp_path / "archive.db")
    # robots.txt asks for 2 s between requests and the portal has dozens of pages: no 4 s crawl.
    with serve_portal(str(PORTALS / "ajax-portal")) as slow:
        registry = write_registry(tmp_path / "sites.toml", {"lucngan": slow})
        result = run_cli("crawl", "--all", "--portal-time-limit", "4s", "--registry", registry, "--db", db,
                         "--log-dir", str(tmp_path / "logs"), "--format", "json")
    [outcome] = json.loads(result.stdout)
    assert outcome["error"] == "stopped at the time limit (4s); the next run resumes"
    assert outcome["exit_code"] != 0
    health = run_cli("health", "--db", db, "--format", "json", check=False)
    assert health.returncode == 3
    [portal] = json.loads(health.stdout)["results"]
    assert any("stopped at the time limit (4s)" in problem for problem in portal["problems"]), portal


def test_a_crawl_by_hand_is_snapshotted_once_by_name_or_host(tmp_path):
    db = str(tmp_path / "archive.db")
    with serve_portal(str(PORTALS / "wordpress")) as server:
        registry = write_registry(tmp_path / "sites.toml", {"tanky": server})
        run_cli("crawl", *server.start_urls(), "--db", db, env={"PORTAL_ARCHIVE_MAX_CRAWL_DELAY": "0"})
        run_cli("crawl", "tanky", "--registry", registry, "--db", db, env={"PORTAL_ARCHIVE_MAX_CRAWL_DELAY": "0"})
    runs = _portal_runs(db)
    host = server.base_url.split("://", 1)[1]
    assert [r["portal"] for r in runs] == [host, "tanky"]
    assert runs[0]["new"] == len(load_expected("wordpress")) and runs[1]["new"] == 0
    report = json.loads(run_cli("health", "--db", db, "--format", "json").stdout)
    assert {r["portal"] for r in report["results"]} == {host, "tanky"} and report["ok"]
