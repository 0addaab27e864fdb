"""A view count a page leaves to a script (EmpireCMS's `Lượt xem: <script src=/e/public/ViewClick/?...>`
answering `document.write('348');`): the crawl asks the script on the portal's host and the archive
keeps the count it writes; a script robots.txt forbids is not asked, a script that fails leaves the
page archived without a count, and a later re-extraction of the page alone keeps the count archived."""
from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

from scraper.sample.server import serve_portal
from tests.conftest import FIXTURES, ROOT, run_cli
from tests.crawl_support import FAST, export, path_of

PORTAL = FIXTURES / "unseen_portals_open" / "empirecms"
# the three pages whose counts only their scripts give (1187, an old template's, prints its own)
BY_SCRIPT = {"/tintuc/2023-03-16/1206.html": 348, "/tintuc/2023-03-14/1201.html": 615, "/tintuc/2023-03-08/1193.html": 1046}


def _crawl(folder, db: str):
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    with serve_portal(str(folder)) as server:
        result = run_cli("crawl", server.base_url + manifest["start_urls"][0], "--db", db, "--no-warc", env=FAST,
                         check=False)
        # 4: the portal's boxes link articles of other sections it does not serve, on purpose
        assert result.returncode in (0, 4), result.stderr


def _views(db: str) -> dict:
    return {path_of(r["url"]): r["views"] for r in export(db)}


def test_the_count_a_page_leaves_to_a_script_is_asked_and_archived(tmp_path):
    db = str(tmp_path / "a.db")
    _crawl(PORTAL, db)
    views = _views(db)
    assert {p: views[p] for p in BY_SCRIPT} == BY_SCRIPT
    assert views["/tintuc/2023-03-02/1187.html"] == 2356  # (printed on the page: no script asked)
    with sqlite3.connect(db) as conn:
        asked = {u for (u,) in conn.execute("SELECT url FROM fetches WHERE url LIKE '%ViewClick%'")}
    # only the views' scripts: not the comments' (`&down=2`) nor the likes' (`&down=5`) beside them
    assert len(asked) == 3 and all("addclick=1" in u for u in asked)
    # a re-extraction from the archived page alone finds no count there, and erases none
    run_cli("reextract", "--db", db)
    assert {p: _views(db)[p] for p in BY_SCRIPT} == BY_SCRIPT


def test_a_script_robots_txt_forbids_is_not_asked_and_a_failing_one_leaves_the_page_archived(tmp_path):
    folder = tmp_path / "portal"
    shutil.copytree(PORTAL, folder)
    robots = folder / "pages" / "robots.txt"
    robots.write_text(robots.read_text(encoding="utf-8") + "\nUser-agent: *\nDisallow: /e/public/\n", encoding="utf-8")
    db = str(tmp_path / "a.db")
    _crawl(folder, db)
    views = _views(db)
    assert set(BY_SCRIPT) <= set(views) and all(views[p] is None for p in BY_SCRIPT)
    with sqlite3.connect(db) as conn:
        asked = conn.execute("SELECT count(*) FROM fetches WHERE url LIKE '%ViewClick%' AND status = 200").fetchone()[0]
    assert asked == 0

    # a script that answers 404 (its route gone): the page is archived all the same, with no count
    folder2 = tmp_path / "portal2"
    shutil.copytree(PORTAL, folder2)
    manifest = json.loads((folder2 / "manifest.json").read_text(encoding="utf-8"))
    manifest["routes"] = {k: v for k, v in manifest["routes"].items() if "addclick=1" not in k or "1206" not in k}
    (folder2 / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    db2 = str(tmp_path / "b.db")
    _crawl(folder2, db2)
    views = _views(db2)
    assert views["/tintuc/2023-03-16/1206.html"] is None
    assert {p: views[p] for p in BY_SCRIPT if "1206" not in p} == {p: v for p, v in BY_SCRIPT.items() if "1206" not in p}


def test_a_crawl_killed_while_it_waits_on_the_scripts_resumes_to_every_count(tmp_path):
    """The page goes to the archive with its script's answer, not before: killed (SIGKILL) while the
    scripts hang, the pages that wait on them are not archived without their counts, and the next
    crawl fetches them again and archives them with the counts."""
    db = str(tmp_path / "a.db")
    manifest = json.loads((PORTAL / "manifest.json").read_text(encoding="utf-8"))
    pages = set(BY_SCRIPT) | {"/tintuc/2023-03-02/1187.html"}
    with serve_portal(str(PORTAL)) as server:
        server.held["ViewClick"] = 60.0
        cmd = [sys.executable, "-m", "portal_archive", "crawl", server.base_url + manifest["start_urls"][0],
               "--db", db, "--no-warc"]
        proc = subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, **FAST}, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)
        deadline = time.monotonic() + 120
        while not pages <= {path_of(u) for u in server.requests} and time.monotonic() < deadline:
            assert proc.poll() is None, proc.communicate()
            time.sleep(0.05)
        time.sleep(1.5)  # the scripts asked, and held
        assert proc.poll() is None, "the crawl ended while its scripts were held"
        os.kill(proc.pid, signal.SIGKILL)
        proc.communicate()
        time.sleep(2.5)  # the orphaned writer commits what it has and exits within ~1 s of its parent dying
        archived = {path_of(r["url"]) for r in export(db)} if os.path.exists(db) else set()
        assert not archived & set(BY_SCRIPT), "a page archived before its script answered"

        server.held.clear()
        result = run_cli("crawl", server.base_url + manifest["start_urls"][0], "--db", db, "--no-warc", env=FAST,
                         check=False)
        assert result.returncode in (0, 4), result.stderr
    views = _views(db)
    assert {p: views[p] for p in BY_SCRIPT} == BY_SCRIPT
    assert views["/tintuc/2023-03-02/1187.html"] == 2356
