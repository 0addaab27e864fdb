"""The impact index's delta (archive.impact_delta): articles saved since the last fold are found and
ranked as FTS5 ranks them; a fold killed with SIGKILL leaves the index consistent and the next one
completes it; a fold after updates, and after articles moved to another search key, gives the
index a fresh build gives. Real archive files; the lists cut short as in test_search_ranking."""
from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap

from archive.impacts import impact_rows
from archive.query import parse_query
from archive.reader import open_readonly
from archive.reindex import fold_impacts
from archive.search import search
from archive.store import Archive
from bench.ranking import ndcg
from scraper.sample.textgen import make_article
from tests.archive.test_search_ranking import KEEP, POOL, QUERIES, _best, _build, _copy, _ideal, _table, \
    before_m030, generated, short_lists  # noqa: F401 (fixtures)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _saved(path: str, records: list[dict]) -> list[int]:
    with Archive(path) as archive:
        for rec in records:
            archive.save_article(rec)
    conn = sqlite3.connect(path)
    try:
        return [conn.execute("SELECT id FROM articles WHERE url = ?", (r["url"],)).fetchone()[0] for r in records]
    finally:
        conn.close()


def test_a_just_saved_article_is_found_and_ranked_in_its_place_before_the_fold(generated, tmp_path):
    path = _copy(generated, str(tmp_path / "a.db"))
    site = "yenlap.phutho.gov.vn"
    fresh = [
        {"url": f"http://{site}/tin/strong", "site": site, "title": "Xây dựng nông thôn mới nâng cao",
         "body": "Nông thôn mới. Tiêu chí nông thôn mới. Xã đạt chuẩn nông thôn mới kiểu mẫu Zuxbelo.", "published":
         "2018-03-02", "images": [], "attachments": []},
        {"url": f"http://{site}/tin/middle", "site": site, "title": "Hội nghị sơ kết quý I",
         "body": "Báo cáo tình hình kinh tế, có phần về nông thôn mới và giao thông nông thôn. " * 3,
         "published": "2023-05-06", "images": [], "attachments": []},
    ]
    ids = _saved(path, fresh)
    assert _table(path, "SELECT count(*) FROM search_pending") == [(2,)]  # saved, not folded
    conn = open_readonly(path)
    try:
        for query in ('"nong thon moi"', "nong thon", "nong thon moi"):
            result = search(conn, query, limit=10, pool=POOL)
            ideal = _ideal(conn, query, 20)
            ranked = [h["id"] for h in result.hits]
            assert result.ranking == "bm25"
            assert ranked[:3] == ideal[:3] and ndcg(ranked, ideal) >= 0.9
            for article in ids:  # each new article where FTS5's bm25 puts it
                if article in ideal[:10]:
                    assert ranked.index(article) == ideal.index(article), query
        assert ids[0] == _ideal(conn, '"nong thon moi"', 1)[0]
        # a word only the unfolded article has: found all the same
        assert [h["id"] for h in search(conn, "zuxbelo", limit=5).hits] == [ids[0]]
    finally:
        conn.close()


def test_a_fold_killed_midway_leaves_a_consistent_index_and_the_next_completes_it(generated, tmp_path):
    path = _copy(generated, str(tmp_path / "a.db"))
    conn = sqlite3.connect(path)
    conn.executescript("DELETE FROM search_terms; "
                       "INSERT INTO search_pending(key) SELECT search_key FROM articles;")
    conn.close()
    # a fold in batches of 50 that kills itself (SIGKILL) inside its fourth batch, after writing lists
    script = textwrap.dedent(f"""
        import os, signal, sys
        from archive import impact_delta, impacts
        impacts.IMPACT_KEEP, impacts._PRUNE_AT, impacts._CHUNK = {KEEP}, {KEEP + 10}, 25
        calls = []
        store = impacts._store_lists
        def dying(*args):
            store(*args)
            calls.append(1)
            if len(calls) == 7:  # batches of 50 are two chunks of 25: in the 4th batch's transaction
                os.kill(os.getpid(), signal.SIGKILL)
        impacts._store_lists = dying
        impact_delta.FOLD_BATCH = 50
        from archive.reindex import fold_impacts
        fold_impacts(sys.argv[1])
    """)
    env = dict(os.environ, PYTHONPATH=ROOT)
    done = subprocess.run([sys.executable, "-c", script, path], env=env, cwd=ROOT)
    assert done.returncode == -signal.SIGKILL
    conn = sqlite3.connect(path)
    try:
        pending = conn.execute("SELECT count(*) FROM search_pending").fetchone()[0]
        assert pending == 400 - 150  # three batches committed, the fourth rolled back whole
        # every folded article counted once, none of the pending ones: the index is consistent
        folded_df = conn.execute(
            "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH '{title body captions} : huyen' "
            "AND rowid NOT IN (SELECT key FROM search_pending)").fetchone()[0]
        assert conn.execute("SELECT df FROM search_terms WHERE term = 'huyen'").fetchone()[0] == folded_df
        pending_keys = {k for (k,) in conn.execute("SELECT key FROM search_pending")}
        assert not {k for _, _, k in impact_rows(conn)} & pending_keys
    finally:
        conn.close()
    assert fold_impacts(path) == 250
    assert _table(path, "SELECT count(*) FROM search_pending") == [(0,)]
    assert _table(path, "SELECT term, df FROM search_terms") == _table(generated, "SELECT term, df FROM search_terms")
    assert _best(path) == _best(generated)


def test_the_fold_after_updates_and_moved_articles_ranks_as_fts5(tmp_path):
    records = [make_article(i) for i in range(160)]
    path = _build(str(tmp_path / "a.db"), records)
    changed = [dict(records[i], title=f"Sản phẩm OCOP chè xanh số {i}",
                    body="Chè xanh OCOP đạt 4 sao. Nông thôn mới. " * (1 + i % 4)) for i in range(0, 40, 3)]
    moved = [dict(records[i], published=f"20{10 + i % 9}-0{1 + i % 9}-1{i % 10}T08:00:00+07:00")
             for i in range(41, 80, 5)]  # a new publication date: the article moves to another search key
    with Archive(path) as archive:
        for rec in changed + moved:
            assert archive.save_article(rec) == "updated"
    assert _table(path, "SELECT count(*) FROM search_stale")[0][0] == len(changed) + len(moved)
    # before the fold: the changed articles are scored from their new text all the same
    conn = open_readonly(path)
    try:
        assert [h["id"] for h in search(conn, "ocop che xanh", limit=3).hits] == _ideal(conn, "ocop che xanh", 3)
    finally:
        conn.close()
    assert fold_impacts(path) == len(changed) * 2 + len(moved) * 2  # each: its old values out, its new in
    assert _table(path, "SELECT count(*) FROM search_stale") == [(0,)]
    final = {r["url"]: r for r in records}
    final.update({r["url"]: r for r in changed + moved})
    fresh = _build(str(tmp_path / "fresh.db"), [final[r["url"]] for r in records])
    assert _table(path, "SELECT term, df FROM search_terms WHERE df > 0") == \
        _table(fresh, "SELECT term, df FROM search_terms WHERE df > 0")
    conn = open_readonly(path)
    try:
        keys = {k for (k,) in conn.execute("SELECT search_key FROM articles")}
        assert {k for _, _, k in impact_rows(conn)} <= keys  # no old key left
        for query in [*QUERIES, "ocop che xanh"]:
            result = search(conn, query, limit=10, pool=POOL)
            ideal = _ideal(conn, query)
            assert result.ranking == "bm25"
            assert ndcg([h["id"] for h in result.hits], ideal) >= 0.9, query
            if not parse_query(query).accented:  # typed with accents: exact accents first, then bm25
                assert [h["id"] for h in result.hits][:3] == ideal[:3], query
    finally:
        conn.close()


def test_reindex_command_folds_and_says_how_many(generated, tmp_path):
    path = _copy(generated, str(tmp_path / "a.db"))
    _saved(path, [make_article(i) for i in range(400, 430)])
    done = subprocess.run([sys.executable, "-m", "portal_archive", "reindex", "--db", path], capture_output=True,
                          text=True, env=dict(os.environ, PYTHONPATH=ROOT), cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert "30 articles folded" in done.stderr
    assert _table(path, "SELECT count(*) FROM search_pending") == [(0,)]
    missing = subprocess.run([sys.executable, "-m", "portal_archive", "reindex", "--db", str(tmp_path / "none.db")],
                             capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=ROOT), cwd=ROOT)
    assert missing.returncode == 1 and missing.stderr.count("\n") == 1 and not (tmp_path / "none.db").exists()
    shutil.rmtree(tmp_path, ignore_errors=True)


def test_a_fold_in_chunks_larger_than_a_list_keeps_the_same_best_articles(generated, tmp_path, monkeypatch):
    from archive import impacts

    # 100 articles a chunk, lists of 40: a chunk's own entries below its 40th best are never written
    monkeypatch.setattr(impacts, "_CHUNK", 100)
    path = _copy(generated, str(tmp_path / "a.db"))
    assert fold_impacts(path, full=True) == 400
    assert _table(path, "SELECT term, df FROM search_terms") == _table(generated, "SELECT term, df FROM search_terms")
    assert _best(path) == _best(generated)
    conn = open_readonly(path)
    try:
        for query in QUERIES:
            result = search(conn, query, limit=10, pool=POOL)
            assert result.ranking == "bm25" and ndcg([h["id"] for h in result.hits], _ideal(conn, query)) >= 0.9
    finally:
        conn.close()


def test_an_archive_from_before_m031_and_m030_upgrades_then_folds(generated, tmp_path, monkeypatch):
    from archive import search_relevance

    path = _copy(generated, str(tmp_path / "a.db"))
    conn = sqlite3.connect(path)
    before_m030(conn, "m031_injective_site_tokens")
    conn.close()
    Archive(path).close()  # m031 refills the FTS5 indexes without the impact index, m030 notes every article
    assert _table(path, "SELECT count(*) FROM search_pending") == [(400,)]
    conn = open_readonly(path)
    try:  # before the fold: 400 pending, fewer than DELTA_MAX, so the search scores them all itself
        result = search(conn, "nong thon", limit=10, pool=POOL)
        assert result.ranking == "bm25" and [h["id"] for h in result.hits] == _ideal(conn, "nong thon")
        # more pending than a search scores itself (a large archive just upgraded): the older ranking
        monkeypatch.setattr(search_relevance, "DELTA_MAX", 100)
        older = search(conn, "nong thon", limit=10, pool=POOL)
        assert older.ranking == "title-then-newest" and len(older.hits) == 10
    finally:
        conn.close()
    assert fold_impacts(path) == 400
    assert _best(path) == _best(generated)
    conn = open_readonly(path)
    try:
        assert search(conn, "nong thon", limit=10, pool=POOL).ranking == "bm25"
    finally:
        conn.close()
