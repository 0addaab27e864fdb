"""Relevance by bm25 from the impact index (schema m030, archive.impacts, archive.impact_delta,
archive.search_relevance).

The lists are cut to a few articles here (IMPACT_KEEP), so pruning, candidates missing from a full
list and the exact scoring all run on a small archive; the order is checked against FTS5's own
`ORDER BY rank` over every match, the quality ceiling (bench/ranking.py measures it at size).
Saves only note their articles; `_build` folds them as a crawl's end does, unless told not to.
"""
from __future__ import annotations

import sqlite3
from collections import Counter

import pytest

from archive import impacts
from archive.merge import merge_shard
from archive.query import parse_query
from archive.reader import open_readonly
from archive.reindex import fold_impacts, rebuild_search_index
from archive.search import build_match, search
from archive.store import Archive
from bench.ranking import ndcg, target_articles, targets_ndcg
from scraper.sample.textgen import make_article

KEEP = 40
POOL = 20  # the newest matches the older ranking looked at
QUERIES = ["huyen", "nong thon", "dan van kheo", '"nong thon moi"', "chuyển đổi số", "thuy san", "giam ngheo ben"]


@pytest.fixture(autouse=True)
def short_lists(monkeypatch):
    monkeypatch.setattr(impacts, "IMPACT_KEEP", KEEP)
    monkeypatch.setattr(impacts, "_PRUNE_AT", KEEP + 10)
    monkeypatch.setattr(impacts, "_CHUNK", 25)


def _article(url: str, title: str, body: str, published: str, site: str = "yenlap.phutho.gov.vn") -> dict:
    return {"url": f"http://{site}/tin/{url}", "site": site, "title": title, "body": body, "published": published,
            "images": [], "attachments": []}


def _build(path: str, records: list[dict], fold: bool = True) -> str:
    with Archive(path, batch_size=40) as archive:
        for rec in records:
            archive.save_article(rec)
    if fold:
        fold_impacts(path)
    return path


def _ideal(conn: sqlite3.Connection, query: str, n: int = 10) -> list[int]:
    """Article ids of FTS5's bm25 order over every match."""
    return [r[0] & 0xFFFFFFFF for r in conn.execute(
        "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?",
        (build_match(parse_query(query), None), n))]


def _table(path: str, sql: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return sorted(conn.execute(sql).fetchall())
    finally:
        conn.close()


def _build_short(path: str, records: list[dict]) -> str:
    """`_build` with short lists, for a module-scoped fixture (the autouse one is per test)."""
    mp = pytest.MonkeyPatch()
    mp.setattr(impacts, "IMPACT_KEEP", KEEP)
    mp.setattr(impacts, "_PRUNE_AT", KEEP + 10)
    mp.setattr(impacts, "_CHUNK", 25)
    try:
        return _build(path, records)
    finally:
        mp.undo()


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    return _build_short(str(tmp_path_factory.mktemp("ranking") / "archive.db"), [make_article(i) for i in range(400)])


def test_lists_are_cut_to_the_best_and_document_frequencies_exact(generated):
    conn = sqlite3.connect(generated)
    kept = Counter(t for t, _, _ in impacts.impact_rows(conn))
    terms = {t: (df, k) for t, df, k in conn.execute("SELECT term, df, kept FROM search_terms")}
    assert max(kept.values()) <= KEEP + 10 and kept["huyen"] >= KEEP
    assert all(terms[t][1] == n for t, n in kept.items())  # the count kept matches the rows
    # document frequency: the articles whose indexed title, body or captions hold the word
    assert terms["huyen"][0] == conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH "
                                             "'{title body captions} : huyen'").fetchone()[0]
    assert terms["ocop"][0] == conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH "
                                            "'{title body captions} : ocop'").fetchone()[0]
    conn.close()


TOPICS = ["nông thôn mới", "chuyển đổi số", "Dân vận khéo", "hội nông dân"]


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    """Generated articles and, for each of TOPICS, articles about it (bench/ranking.py's known targets)."""
    path = _build_short(str(tmp_path_factory.mktemp("planted") / "archive.db"),
                        [make_article(i) for i in range(400)] + [a for t in TOPICS for a in target_articles(t)])
    return path, {t: [a["url"] for a in target_articles(t)] for t in TOPICS}


@pytest.mark.parametrize("topic", TOPICS)
def test_known_targets_are_found_as_fts5_bm25_finds_them(planted, topic):
    path, urls = planted
    conn = open_readonly(path)
    try:
        marks = ",".join("?" * len(urls[topic]))
        targets = {r[0] for r in conn.execute(f"SELECT id FROM articles WHERE url IN ({marks})", urls[topic])}
        found = search(conn, topic, limit=10, pool=POOL)
        ideal = _ideal(conn, topic)
    finally:
        conn.close()
    assert found.ranking == "bm25" and len(targets) == 5
    assert targets_ndcg(ideal, targets) > 0.8  # the ceiling: FTS5's bm25 ranks them first (0.94-1.0 here)
    assert targets_ndcg([h["id"] for h in found.hits], targets) >= 0.9 * targets_ndcg(ideal, targets)


@pytest.mark.parametrize("query", QUERIES)
def test_order_is_fts5_bm25_over_every_match(generated, query):
    conn = open_readonly(generated)
    try:
        # a pool far smaller than the matches, as at 1,000,000 articles: bm25 over every match all the same
        result = search(conn, query, limit=10, pool=POOL)
        ideal = _ideal(conn, query)
    finally:
        conn.close()
    assert result.ranking == "bm25"
    ids = [h["id"] for h in result.hits]
    assert ndcg(ids, ideal) >= 0.9
    if not parse_query(query).accented:  # typed with accents: exact accents first, then bm25
        assert ids[:3] == ideal[:3]


def test_title_and_repeated_words_rank_above_a_single_mention_newest_first_by_date(tmp_path):
    filler = [_article(f"f{i}", f"Tin số {i}", "Hội nghị tổng kết công tác năm của huyện. " * 5, f"2021-0{1 + i % 9}-10")
              for i in range(30)]
    once = _article("once", "Tổng kết năm", "Huyện có thêm một đồi cây chè mới.", "2024-06-01")
    strong = _article("strong", "Phát triển cây chè bền vững",
                      "Cây chè là cây chủ lực. Diện tích cây chè tăng. Giống cây chè mới. Chế biến chè.", "2019-01-05")
    middle = _article("middle", "Kinh tế vườn đồi", "Trồng cây chè và cây bưởi. Cây chè cho thu nhập.", "2022-02-02")
    path = _build(str(tmp_path / "a.db"), [*filler, once, strong, middle])
    conn = open_readonly(path)
    try:
        ranked = search(conn, "cay che", pool=2)
        by_date = search(conn, "cay che", sort="date")
        ideal = _ideal(conn, "cay che")
    finally:
        conn.close()
    assert ranked.ranking == "bm25"
    assert [h["url"].rsplit("/", 1)[1] for h in ranked.hits] == ["strong", "middle", "once"]
    assert [h["id"] for h in ranked.hits] == ideal
    assert by_date.ranking == "date"
    assert [h["url"].rsplit("/", 1)[1] for h in by_date.hits] == ["once", "middle", "strong"]


def test_an_update_moves_the_article_in_the_impact_index(tmp_path):
    records = [make_article(i) for i in range(120)]
    path = _build(str(tmp_path / "a.db"), records)
    target = dict(records[7], title="Sản phẩm OCOP chè xanh", body="Chè xanh OCOP. Sản phẩm OCOP chè xanh đạt 4 sao. "
                  "OCOP chè xanh.")
    with Archive(path) as archive:
        assert archive.save_article(target) == "updated"
    fold_impacts(path)
    conn = open_readonly(path)
    try:
        (article_id, key), = conn.execute("SELECT id, search_key FROM articles WHERE url = ?", (target["url"],))
        top = search(conn, "ocop che xanh", limit=3, pool=POOL)
        assert top.ranking == "bm25" and top.hits[0]["id"] == article_id
        assert [h["id"] for h in top.hits] == _ideal(conn, "ocop che xanh", 3)
        # the old text's words no longer point at the article; the new ones do
        terms = {t for t, _, k in impacts.impact_rows(conn) if k == key}
        assert {"ocop", "xanh", "che"} <= terms and "huyen" not in terms
    finally:
        conn.close()
    fresh = _build(str(tmp_path / "fresh.db"), [*records[:7], target, *records[8:]])
    assert _table(path, "SELECT term, df FROM search_terms WHERE df > 0") == \
        _table(fresh, "SELECT term, df FROM search_terms WHERE df > 0")


def test_rebuild_and_the_migration_give_the_same_index(generated, tmp_path):
    before = _rows(generated)
    copy = _copy(generated, str(tmp_path / "copy.db"))
    conn = sqlite3.connect(copy)
    rebuild_search_index(conn)
    conn.close()
    fold_impacts(copy)
    # rebuilt in other batches: the same best articles per word (ties at a list's end aside)
    assert _best(copy) == _best(generated)
    # an archive from before m030: the migration notes every article, the first fold fills the lists
    conn = sqlite3.connect(copy)
    before_m030(conn)
    conn.close()
    Archive(copy).close()
    assert _table(copy, "SELECT count(*) FROM search_pending") == [(400,)]
    assert _rows(copy) == []
    assert fold_impacts(copy) == 400
    assert _best(copy) == _best(generated)
    assert _table(copy, "SELECT term, df FROM search_terms") == _table(generated, "SELECT term, df FROM search_terms")
    assert before


def test_lists_of_an_archive_from_before_m032_are_packed_as_they_were(generated, tmp_path):
    before = _rows(generated)
    copy = _copy(generated, str(tmp_path / "copy.db"))
    # the lists as m030 kept them: a row per word and article, no packed column
    conn = sqlite3.connect(copy)
    conn.execute("CREATE TABLE search_impacts (term TEXT NOT NULL, impact INTEGER NOT NULL, key INTEGER NOT NULL, "
                 "PRIMARY KEY (term, impact, key)) WITHOUT ROWID")
    conn.executemany("INSERT INTO search_impacts VALUES (?, ?, ?)", before)
    conn.execute("ALTER TABLE search_terms DROP COLUMN impacts")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm032_packed_impact_lists'")
    conn.commit()
    conn.close()
    reader = open_readonly(copy)  # read-only, not migrated: the older ranking, no error
    try:
        assert search(reader, "nong thon", limit=10, pool=POOL).ranking == "title-then-newest"
    finally:
        reader.close()
    Archive(copy).close()  # migrates
    assert _rows(copy) == before and len(before) > KEEP
    assert _table(copy, "SELECT name FROM sqlite_master WHERE name = 'search_impacts'") == []
    conn = open_readonly(copy)
    try:
        for query in QUERIES:
            result = search(conn, query, limit=10, pool=POOL)
            assert result.ranking == "bm25" and [h["id"] for h in result.hits] == _ideal(conn, query)[:len(result.hits)]
    finally:
        conn.close()


def _best(path: str, n: int = KEEP - 2) -> dict[str, list[tuple[int, int]]]:
    best: dict[str, list[tuple[int, int]]] = {}
    for term, impact, key in _rows(path):  # best first within a word
        best.setdefault(term, [])
        if len(best[term]) < n:
            best[term].append((impact, key))
    return best


def _copy(src: str, dest: str) -> str:
    conn = sqlite3.connect(src)
    conn.execute(f"VACUUM INTO '{dest}'")
    conn.close()
    return dest


def _rows(path: str) -> list[tuple[str, int, int]]:
    """Every word's list as (term, weight, search key) rows."""
    conn = sqlite3.connect(path)
    try:
        return impacts.impact_rows(conn)
    finally:
        conn.close()


def before_m030(conn: sqlite3.Connection, *also: str) -> None:
    """Make an archive look as it did before the impact index (schema m030, packed by m032), and
    before the migrations named in `also`."""
    for table in ("search_impacts", "search_terms", "search_pending", "search_stale"):
        conn.execute(f"DROP TABLE IF EXISTS {table}")
    names = ("m030_impact_index", "m032_packed_impact_lists", *also)
    conn.execute(f"DELETE FROM _sqlite_migrations WHERE name IN ({','.join('?' * len(names))})", names)
    conn.commit()


def test_a_merge_of_shards_carries_the_impact_index(tmp_path):
    records = [make_article(i) for i in range(160)]
    shards = [_build(str(tmp_path / f"shard{n}.db"), part) for n, part in enumerate((records[:90], records[90:]))]
    main = str(tmp_path / "main.db")
    for shard in shards:
        merge_shard(main, shard)
    fold_impacts(main)  # as `portal-archive merge` does after its shards
    reference = _build(str(tmp_path / "one.db"), records)
    assert _table(main, "SELECT term, df FROM search_terms") == _table(reference, "SELECT term, df FROM search_terms")
    conn, ref = open_readonly(main), open_readonly(reference)
    try:
        for query in QUERIES:
            found = search(conn, query, limit=10)
            assert found.ranking == "bm25"
            assert [h["url"] for h in found.hits] == [h["url"] for h in search(ref, query, limit=10).hits]
    finally:
        conn.close()
        ref.close()


def test_filters_and_pages_keep_the_bm25_order(generated):
    from datetime import date

    from archive.search_filters import Filters
    from scraper.sample.textgen import HOSTS

    conn = open_readonly(generated)
    try:
        site = HOSTS[2]
        found = search(conn, "nong thon", site=site, limit=10, pool=POOL)
        assert found.ranking == "bm25" and found.hits and {h["site"] for h in found.hits} == {site}
        ideal = [r[0] & 0xFFFFFFFF for r in conn.execute(
            "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rank LIMIT 10",
            (build_match(parse_query("nong thon"), Filters(site=site)),))]
        assert ndcg([h["id"] for h in found.hits], ideal) >= 0.9
        dated = search(conn, "nong thon", since=date(2019, 1, 1), until=date(2020, 12, 31), limit=10, pool=POOL)
        assert dated.hits and all("2019" <= h["published"][:4] <= "2020" for h in dated.hits)
        whole = [h["id"] for h in search(conn, "dan van kheo", limit=10, pool=POOL).hits]
        assert [h["id"] for h in search(conn, "dan van kheo", limit=5, offset=5, pool=POOL).hits] == whole[5:]
    finally:
        conn.close()
