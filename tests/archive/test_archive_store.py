"""The archive file: versions, view history, removal marking, raw pages, nothing ever deleted."""
from __future__ import annotations

import hashlib
import json
import sqlite3
import unicodedata
import zlib
from pathlib import Path

try:
    from compression import zstd
except ImportError:
    from backports import zstd

import click
from click.testing import CliRunner

from portal_archive import cli
from archive.reader import open_readonly
from archive.show import load_article
from archive.store import Archive
from tests.conftest import run_cli

URL = "http://yenlap.phutho.gov.vn/tin-tuc/bai-viet/id/hop-phien-thuong-ky-92846"


def record(**changes) -> dict:
    base = {
        "url": URL, "site": "yenlap.phutho.gov.vn", "title": "UBND huyện họp phiên thường kỳ tháng 11",
        "published": "2020-11-19", "published_text": "Cập nhật: 19/11/2020", "views": 5547,
        "author": "Hà Minh", "category": "Tin tức", "body": "Ngày 18/11, UBND huyện họp.\n\nĐồng chí Chủ tịch chủ trì.",
        "body_html": "<p>Ngày 18/11, UBND huyện họp.</p>", "family": "phutho-aspnet",
        "images": [{"url": "http://yenlap.phutho.gov.vn/img/1.jpg", "caption": "Quang cảnh hội nghị", "alt": None}],
        "attachments": [{"url": "http://yenlap.phutho.gov.vn/f/kh.pdf", "name": "Kế hoạch"}],
    }
    base.update(changes)
    return base


def counts(path: str) -> dict:
    conn = sqlite3.connect(path)
    try:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("articles", "article_versions", "view_counts", "images", "raw_pages", "fetches")}
    finally:
        conn.close()


def test_new_unchanged_updated_and_versions(tmp_path):
    path = str(tmp_path / "a.db")
    with Archive(path) as archive:
        assert archive.save_article(record(), fetched_at="2024-01-01T00:00:00+00:00") == "new"
        assert archive.save_article(record(views=5600), fetched_at="2024-02-01T00:00:00+00:00") == "unchanged"
        changed = record(views=5700, title="UBND huyện họp phiên thường kỳ tháng 11 năm 2020",
                         images=[{"url": "http://yenlap.phutho.gov.vn/img/1.jpg", "caption": "Toàn cảnh", "alt": None}])
        assert archive.save_article(changed, fetched_at="2024-03-01T00:00:00+00:00") == "updated"
        assert archive.save_article(record(views=5800, body="Nội dung khác."),
                                    fetched_at="2024-04-01T00:00:00+00:00") == "updated"
    conn = open_readonly(path)
    article = load_article(conn, URL)
    assert article["version"] == 3
    versions = article["versions"]
    assert [v["version"] for v in versions] == [1, 2, 3]
    assert versions[0]["title"] == "UBND huyện họp phiên thường kỳ tháng 11"
    assert versions[0]["images"][0]["caption"] == "Quang cảnh hội nghị"
    assert (versions[0]["first_seen"], versions[0]["last_seen"]) == ("2024-01-01T00:00:00+00:00", "2024-02-01T00:00:00+00:00")
    assert versions[1]["images"][0]["caption"] == "Toàn cảnh"
    assert versions[2]["current"] and versions[2]["body"] == "Nội dung khác."
    assert article["first_seen"] == "2024-01-01T00:00:00+00:00"
    assert article["last_seen"] == "2024-04-01T00:00:00+00:00"
    # view history: one row per observation, in order
    assert [(h["seen_at"][:7], h["views"]) for h in article["view_history"]] == [
        ("2024-01", 5547), ("2024-02", 5600), ("2024-03", 5700), ("2024-04", 5800)]
    assert article["views"] == 5800
    # the search index follows the current version only
    from archive.search import search
    assert [h["url"] for h in search(conn, "noi dung khac").hits] == [URL]
    assert search(conn, "chu tich chu tri").hits == []
    conn.close()


def test_removal_is_marked_never_deleted(tmp_path):
    path = str(tmp_path / "a.db")
    with Archive(path) as archive:
        run = archive.start_run({"delay": 1}, ["yenlap.phutho.gov.vn"])
        archive.save_article(record(), run_id=run)
        archive.record_fetch(run, URL, 404, fetched_at="2025-07-02T01:00:00+00:00")
        assert archive.mark_removed(URL, when="2025-07-02", reason="http 404", run_id=run) is True
        assert archive.mark_removed("http://yenlap.phutho.gov.vn/unknown", when="2025-07-02", reason="http 404") is False
        # a later crawl still sees the 404: the first removal date is kept
        assert archive.mark_removed(URL, when="2025-08-01", reason="http 410") is True
        archive.finish_run(run, {"removed": 1})
    before = counts(path)
    assert before["articles"] == 1
    export = [json.loads(line) for line in run_cli("export", "--db", path).stdout.splitlines()]
    assert export[0]["removed_at"] == "2025-07-02" and export[0]["removed_reason"] == "http 404"
    assert export[0]["title"] == record()["title"]          # content still there
    shown = run_cli("show", URL, "--db", path).stdout
    assert "REMOVED from the portal on 02/07/2025" in shown and "404" in shown   # day first, as people read it
    # it comes back: the mark is cleared, the history stays
    with Archive(path) as archive:
        assert archive.save_article(record()) == "unchanged"
    conn = open_readonly(path)
    assert conn.execute("SELECT removed_at FROM articles").fetchone()[0] is None
    assert conn.execute("SELECT count(*) FROM fetches WHERE status = 404").fetchone()[0] == 1
    conn.close()


def test_redirect_to_home_page_is_a_removal(tmp_path):
    path = str(tmp_path / "a.db")
    with Archive(path) as archive:
        archive.save_article(record())
        archive.record_fetch(None, URL, 302, redirect_to="http://yenlap.phutho.gov.vn/")
        assert archive.mark_removed(URL, when="2025-07-03", reason="redirect to home page")
    conn = open_readonly(path)
    assert load_article(conn, URL)["fetches"][0]["redirect_to"] == "http://yenlap.phutho.gov.vn/"
    assert conn.execute("SELECT removed_reason FROM articles").fetchone()[0] == "redirect to home page"


def test_raw_pages_compressed_deduplicated_and_readable(tmp_path):
    path = str(tmp_path / "a.db")
    page = "<html><body><h1>Đảng ủy</h1>" + "x" * 5000 + "</body></html>"
    with Archive(path) as archive:
        archive.save_article(record(), raw_body=page.encode(), content_type="text/html; charset=utf-8")
        archive.save_article(record(), raw_body=page.encode(), content_type="text/html; charset=utf-8")
        archive.save_article(record(), raw_body=(page + "!").encode(), content_type="text/html")
        pages = list(archive.raw_pages(latest_only=False))
    assert [p[1].decode() for p in pages] == [page, page + "!"]
    conn = sqlite3.connect(path)
    stored, size, sha, how = conn.execute("SELECT body, size, sha256, compression FROM raw_pages ORDER BY id "
                                          "LIMIT 1").fetchone()
    assert how == "zstd" and len(stored) < size and zstd.decompress(stored).decode() == page
    assert hashlib.sha256(page.encode()).hexdigest() == sha


def test_raw_pages_of_older_archives_stay_readable(tmp_path):
    path = str(tmp_path / "a.db")
    page = b"<html><body>" + "Đảng ủy ".encode() * 500 + b"</body></html>"
    with Archive(path) as archive:
        archive.save_article(record(), raw_body=page, content_type="text/html")
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE raw_pages SET body = ?, compression = 'zlib'", (zlib.compress(page, 1),))
    conn.close()
    with Archive(path) as archive:
        assert [p[1] for p in archive.raw_pages()] == [page]


def test_text_is_nfc_and_unknown_keys_kept(tmp_path):
    path = str(tmp_path / "a.db")
    with Archive(path) as archive:
        archive.save_article(record(title=unicodedata.normalize("NFD", "Đảng ủy xã"), wayback_timestamp="20200101"))
        assert archive.has_article(URL) and not archive.has_article(URL + "x")
        assert archive.known_urls("yenlap.phutho.gov.vn") == {URL} and archive.known_urls("other") == set()
    conn = sqlite3.connect(path)
    title, extra = conn.execute("SELECT title, extra FROM articles").fetchone()
    assert title == unicodedata.normalize("NFC", "Đảng ủy xã")
    assert json.loads(extra) == {"wayback_timestamp": "20200101"}


def test_reopen_is_idempotent_and_batches_commit_on_close(tmp_path):
    path = str(tmp_path / "a.db")
    archive = Archive(path, batch_size=1000, batch_seconds=3600)
    archive.save_article(record())
    reader = sqlite3.connect(path)
    assert reader.execute("SELECT count(*) FROM articles").fetchone()[0] == 0   # still in the open batch
    archive.close()
    assert reader.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
    reader.close()
    Archive(path).close()  # migrations already applied: nothing happens, nothing lost
    assert counts(path)["articles"] == 1
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_export_contract_jsonl_and_csv(tmp_path):
    path = str(tmp_path / "a.db")
    with Archive(path) as archive:
        archive.save_article(record())
        archive.save_article(record(url=URL + "-2", published="2019-01-01", site="tamnong.phutho.gov.vn"))
    rows = [json.loads(l) for l in run_cli("export", "--db", path).stdout.splitlines()]
    first = rows[0]
    for key in ("url", "site", "title", "published", "views", "author", "category", "body", "images",
                "attachments", "first_seen", "last_seen", "published_text"):
        assert key in first
    assert first["images"] == [{"url": "http://yenlap.phutho.gov.vn/img/1.jpg", "caption": "Quang cảnh hội nghị", "alt": None}]
    assert first["attachments"] == [{"url": "http://yenlap.phutho.gov.vn/f/kh.pdf", "name": "Kế hoạch"}]
    assert len(run_cli("export", "--db", path, "--since", "2020-01-01").stdout.splitlines()) == 1
    assert len(run_cli("export", "--db", path, "--site", "tamnong.phutho.gov.vn").stdout.splitlines()) == 1
    csv_lines = run_cli("export", "--db", path, "--format", "csv").stdout.splitlines()
    assert csv_lines[0].startswith("id,url,site,title,published") and len(csv_lines) >= 3


def test_stats_per_site_year_and_coverage(tmp_path):
    path = str(tmp_path / "a.db")
    with Archive(path) as archive:
        archive.save_article(record())
        archive.save_article(record(url=URL + "-2", author=None, images=[], views=None, published="2021-05-05"))
    stats = json.loads(run_cli("stats", "--db", path, "--format", "json").stdout)
    assert stats["totals"]["articles"] == 2
    assert stats["per_year"]["yenlap.phutho.gov.vn"] == {"2020": 1, "2021": 1}
    assert stats["coverage"]["author"]["share"] == 0.5
    assert stats["coverage"]["image captions"]["articles"] == 1
    assert stats["coverage"]["title"]["share"] == 1.0
    table = run_cli("stats", "--db", path).stdout
    assert "yenlap.phutho.gov.vn" in table and "author" in table


def _commands(group: click.Group, path: tuple[str, ...] = ()):
    for name, command in sorted(group.commands.items()):
        yield (*path, name), command
        if isinstance(command, click.Group):
            yield from _commands(command, (*path, name))


def test_every_command_has_help_with_an_example_and_is_in_the_readme():
    readme = (Path(__file__).resolve().parent.parent.parent / "README.md").read_text(encoding="utf-8")
    commands = list(_commands(cli))
    assert {"search", "show", "export", "stats", "reextract"} <= {path[-1] for path, _ in commands}
    for path, _ in commands:
        shown = CliRunner().invoke(cli, [*path, "--help"])
        name = " ".join(path)
        assert shown.exit_code == 0 and "Example:" in shown.output, f"{name}: no Example: in --help"
        assert f"portal-archive {name}" in readme or f"`{name}" in readme, f"{name}: not in README.md"


KILLED_WRITER = """
import os, random, signal, sys
from archive.store import Archive
from scraper.sample.textgen import make_article
archive = Archive(sys.argv[1], batch_size=10, batch_seconds=3600)
rng = random.Random(3)
for i in range(25):
    archive.save_article(make_article(i, rng))
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_sigkill_loses_only_the_open_batch_and_index_stays_consistent(tmp_path):
    import subprocess
    import sys

    from archive.search import search
    from tests.conftest import ROOT

    path = str(tmp_path / "a.db")
    proc = subprocess.run([sys.executable, "-c", KILLED_WRITER, path], cwd=ROOT)
    assert proc.returncode != 0
    conn = open_readonly(path)
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 20   # two full batches of 10
    found = search(conn, "huyen OR xa", sort="date", limit=100)
    assert len(found.hits) == 20                                              # index = committed rows
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    with Archive(path) as archive:                                            # a resumed crawl carries on
        assert archive.save_article({"url": "http://x.vn/a", "title": "Tiếp tục", "body": "Nội dung"}) == "new"


def test_show_by_id_and_json(tmp_path):
    path = str(tmp_path / "a.db")
    with Archive(path) as archive:
        archive.save_article(record())
    shown = json.loads(run_cli("show", "1", "--db", path, "--format", "json").stdout)
    assert shown["url"] == URL and shown["images"][0]["caption"] == "Quang cảnh hội nghị"
    assert shown["view_history"][0]["views"] == 5547
    missing = run_cli("show", "999", "--db", path, check=False)
    assert missing.returncode != 0 and missing.stderr.startswith("Error: no article")


def test_archive_from_the_first_single_table_version_is_upgraded_without_loss(tmp_path):
    path = str(tmp_path / "old.db")
    old = sqlite3.connect(path)
    old.execute("CREATE TABLE articles (url TEXT PRIMARY KEY, site TEXT, title TEXT, published TEXT, "
                "published_text TEXT, views INTEGER, author TEXT, category TEXT, body TEXT, images TEXT, "
                "attachments TEXT, first_seen TEXT, last_seen TEXT)")
    old.execute("INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (URL, "yenlap.phutho.gov.vn", "Đảng ủy xã họp", "2020-11-19", None, 12, None, None, "Nội dung",
                 json.dumps([{"url": "http://x/1.jpg", "caption": "Ảnh hội nghị", "alt": None}]), "[]",
                 "2024-01-01T00:00:00+00:00", "2024-01-02T00:00:00+00:00"))
    old.commit()
    old.close()
    read_only = run_cli("search", "dang uy", "--db", path, check=False)  # read commands never write
    assert read_only.returncode != 0 and "older version" in read_only.stderr
    Archive(path).close()
    hits = json.loads(run_cli("search", "anh hoi nghi", "--db", path, "--format", "json").stdout)
    assert [h["url"] for h in hits] == [URL]
    row = json.loads(run_cli("export", "--db", path).stdout)
    assert row["views"] == 12 and row["provenance"] == "legacy" and row["images"][0]["caption"] == "Ảnh hội nghị"
