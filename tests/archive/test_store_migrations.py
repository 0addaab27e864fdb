"""Archives made before a schema change open, migrate and keep every article and search hit."""
from __future__ import annotations

import sqlite3

import sqlite_utils

from archive import schema
from archive.store import Archive
from tests.archive_support import search_hits
from tests.archive.test_store_checkpoint import _dump, _workload, save_all


def _automerge(path: str) -> dict:
    conn = sqlite3.connect(path)
    try:
        return {t: conn.execute(f"SELECT v FROM {t}_config WHERE k = 'automerge'").fetchone()
                for t in ("articles_fts", "titles_fts")}
    finally:
        conn.close()


def test_archive_from_before_m005_gets_the_merge_setting_and_keeps_everything(tmp_path):
    path = str(tmp_path / "old.db")
    with Archive(path, batch_size=7) as archive:
        save_all(archive, _workload())
    # The file as the schema before m005 left it: no record of m005, FTS5's default merge setting.
    conn = sqlite3.connect(path)
    with conn:
        assert conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm005_fts_automerge'").rowcount == 1
        conn.execute("DELETE FROM articles_fts_config WHERE k = 'automerge'")
        conn.execute("DELETE FROM titles_fts_config WHERE k = 'automerge'")
    conn.close()
    assert _automerge(path) == {"articles_fts": None, "titles_fts": None}
    before, hits_before = _dump(path), search_hits(path)

    with Archive(path, batch_size=7) as archive:  # migrates
        applied = {m.name for m in schema.migrations.applied(archive.db)}
        assert "m005_fts_automerge" in applied
    assert _automerge(path) == {"articles_fts": (schema.FTS_AUTOMERGE,), "titles_fts": (schema.FTS_AUTOMERGE,)}
    assert _dump(path) == before
    assert search_hits(path) == hits_before and hits_before[0]
    with Archive(path) as archive:  # and keeps working after it
        assert archive.save_article(_workload()[1][0]) == "unchanged"  # bai-1 never changed


def test_a_new_archive_has_the_merge_setting(tmp_path):
    path = str(tmp_path / "new.db")
    Archive(path).close()
    assert _automerge(path) == {"articles_fts": (8,), "titles_fts": (8,)}



def test_archive_whose_preservation_tables_came_from_their_own_migration_set_upgrades_keeping_them(tmp_path):
    path = str(tmp_path / "old.db")
    with Archive(path, batch_size=7) as archive:
        save_all(archive, _workload())
    # The file as the preservation module's own migration set (applied on first use) left it.
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("DELETE FROM _sqlite_migrations WHERE name IN ('m019_preservation', 'm020_link_raw_pages')")
        conn.execute("INSERT INTO _sqlite_migrations(migration_set, name, applied_at) "
                     "VALUES ('portal-archive-preservation', 'p001_captures_and_media', '2026-01-01')")
        conn.execute("INSERT INTO captures(url, captured_at, provenance, warc_file) "
                     "VALUES ('http://a.example/1', '2026-01-01', 'live', 'crawl-1.warc.gz')")
    conn.close()
    before = _dump(path)

    with Archive(path) as archive:  # migrates
        applied = {m.name for m in schema.migrations.applied(archive.db)}
        assert {"m019_preservation", "m020_link_raw_pages"} <= applied
        assert archive.conn.execute("SELECT url, warc_file FROM captures").fetchall() == [
            ("http://a.example/1", "crawl-1.warc.gz")]
    assert _dump(path) == before
    conn = sqlite3.connect(path)
    try:
        assert schema.missing_tables(conn) == []
    finally:
        conn.close()
