"""Health verdicts over a real archive file, written through the same Archive API a crawl uses."""
from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timedelta, timezone

import pytest

from archive.health import portal_health, record_portal_run
from archive.store import Archive
from tests.conftest import run_cli

NOW = datetime(2026, 11, 20, 3, 0, tzinfo=timezone.utc)


def _article(n: int, *, date=True, views=True, caption=True) -> dict:
    return {
        "url": f"http://portal.example/tin-tuc/bai-{n}", "site": "portal.example",
        "title": f"Hội nghị số {n}", "published": "2024-03-0%dT08:00:00+07:00" % (n % 9 + 1) if date else None,
        "published_text": None, "views": 100 + n if views else None, "author": None, "category": None,
        "body": f"Nội dung bài {n}.", "body_html": None, "attachments": [], "family": None,
        "images": [{"url": f"http://portal.example/img/{n}.jpg",
                    "caption": f"Ảnh {n}" if caption else None, "alt": None}],
    }


def _run(db: str, articles: list[dict], *, fetch_status=200, failed_fetches=0, when: datetime = NOW,
         portal: str = "sample") -> None:
    archive = Archive(db)
    run_id = archive.start_run({}, [portal])
    archive.record_fetch(run_id, "http://portal.example/tin-tuc", fetch_status, kind="listing")
    counts = {"new": 0, "updated": 0, "unchanged": 0}
    for record in articles:
        archive.record_fetch(run_id, record["url"], 200)
        counts[archive.save_article(record, run_id=run_id)] += 1
    for n in range(failed_fetches):
        archive.record_fetch(run_id, f"http://portal.example/tin-tuc/loi-{n}", None, error="ConnectionRefusedError")
    archive.finish_run(run_id, counts)
    archive.close()
    conn = sqlite3.connect(db)
    stamp = when.replace(microsecond=0).isoformat()
    record_portal_run(conn, portal, run_id, started_at=stamp, finished_at=stamp)
    conn.close()


def _verdict(db: str, **kwargs):
    conn = sqlite3.connect(db)
    try:
        return {h.portal: h for h in portal_health(conn, now=NOW, **kwargs)}
    finally:
        conn.close()


def test_healthy_portal_has_full_coverage(tmp_path):
    db = str(tmp_path / "a.db")
    _run(db, [_article(n) for n in range(5)], when=NOW - timedelta(days=1))
    _run(db, [_article(n) for n in range(5, 8)])
    health = _verdict(db)["sample"]
    assert health.ok, health.problems
    assert health.new == 3 and health.articles == 3
    assert health.coverage == {"title": 1.0, "date": 1.0, "views": 1.0, "body": 1.0, "captions": 1.0, "profile": 1.0}


def test_pages_that_stop_fitting_the_learned_profile_are_a_redesign(tmp_path):
    db = str(tmp_path / "a.db")
    _run(db, [{**_article(n), "profile_fit": 1.0} for n in range(6)], when=NOW - timedelta(days=1))
    # every field still found (by the generic rules), but not where the site's pages kept them
    _run(db, [{**_article(n), "profile_fit": 0.25} for n in range(6, 12)])
    health = _verdict(db)["sample"]
    assert health.fields_fell == ["profile"]
    assert any("field coverage fell" in p and "profile" in p for p in health.problems)


def test_layout_change_names_the_fields_that_fell(tmp_path):
    db = str(tmp_path / "a.db")
    _run(db, [_article(n) for n in range(6)], when=NOW - timedelta(days=1))
    # Same articles, re-fetched after a redesign: the date line, the view counter and the
    # captions are gone, yet every page still "succeeds".
    _run(db, [_article(n, date=False, views=False, caption=False) for n in range(6)])
    health = _verdict(db)["sample"]
    assert not health.ok
    assert health.fields_fell == ["date", "views", "captions"]
    assert health.coverage["title"] == 1.0 and health.coverage["body"] == 1.0
    assert any("field coverage fell" in p and "date" in p for p in health.problems)


def test_a_few_missing_fields_are_not_a_breakage(tmp_path):
    db = str(tmp_path / "a.db")
    _run(db, [_article(n) for n in range(10)], when=NOW - timedelta(days=1))
    _run(db, [_article(n, views=(n != 10)) for n in range(10, 14)])
    assert _verdict(db)["sample"].ok


def test_mostly_failing_fetches(tmp_path):
    db = str(tmp_path / "a.db")
    _run(db, [_article(n) for n in range(4)], when=NOW - timedelta(days=1))
    _run(db, [], fetch_status=None, failed_fetches=5)
    health = _verdict(db)["sample"]
    assert any(p.startswith("mostly failing fetches: 6 of 6") for p in health.problems)


def test_no_articles_where_there_used_to_be(tmp_path):
    db = str(tmp_path / "a.db")
    _run(db, [_article(n) for n in range(4)], when=NOW - timedelta(days=1))
    _run(db, [])
    health = _verdict(db)["sample"]
    assert any(p.startswith("no articles found") for p in health.problems)


@pytest.mark.parametrize("stale_days, broken", [(10, True), (60, False), (None, False)])
def test_no_new_article_in_n_days(tmp_path, stale_days, broken):
    db = str(tmp_path / "a.db")
    _run(db, [_article(n) for n in range(4)], when=NOW - timedelta(days=30))
    # Later runs see the same articles: the listing works, nothing new is published.
    _run(db, [_article(n) for n in range(4)], when=NOW)
    health = _verdict(db, stale_days=stale_days)["sample"]
    assert (not health.ok) is broken
    if broken:
        assert health.problems == [f"no new article in {stale_days} days (last new: {health.last_new_at})"]


def test_cli_exit_code_table_and_json(tmp_path):
    db = str(tmp_path / "a.db")
    _run(db, [_article(n) for n in range(6)], when=datetime.now(timezone.utc) - timedelta(days=1), portal="good")
    _run(db, [_article(n) for n in range(6, 9)], when=datetime.now(timezone.utc), portal="good")
    _run(db, [_article(n) for n in range(20, 26)], when=datetime.now(timezone.utc) - timedelta(days=1), portal="bad")
    _run(db, [_article(n, caption=False) for n in range(26, 30)], when=datetime.now(timezone.utc), portal="bad")
    table = run_cli("health", "--db", db, check=False)
    assert table.returncode == 3, table.stderr
    lines = {line.split()[0]: line for line in table.stdout.splitlines()[1:]}
    assert lines["good"].rstrip().endswith("ok")
    assert "BROKEN: field coverage fell: captions 100%→0%" in lines["bad"]
    report = json.loads(run_cli("health", "--db", db, "--format", "json", check=False).stdout)
    assert report["broken"] == ["bad"] and report["ok"] is False
    only_good = run_cli("health", "--db", db, "--portal", "good", check=False)
    assert only_good.returncode == 0
    history = run_cli("health", "--db", db, "--runs", "5", check=False).stdout.split("\n\n")[1].splitlines()
    assert [line.split()[0] for line in history] == ["portal", "bad", "bad", "good", "good"]
    assert history[1].split()[-2] == "0%" and history[2].split()[-2] == "100%"  # captions, newest run first


def test_cli_missing_archive_is_one_line(tmp_path):
    result = run_cli("health", "--db", str(tmp_path / "none.db"), check=False)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [f"Error: no archive at {tmp_path / 'none.db'} (crawl into it first, or pass --db PATH)"]
