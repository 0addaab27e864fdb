"""Ranking quality: how close `archive.search.search`'s order comes to FTS5's own bm25 order.

Builds an archive of N synthetic articles (`BENCH_RANKING_ARTICLES`, default 100,000; or reuses
`BENCH_DB`), then for every query of the archive bench (bench/archive.py QUERIES):

- the ideal: plain FTS5 `ORDER BY rank` (bm25, the index's column weights) over the same folded
  index, every match ranked: the quality ceiling, and its latency (the baseline);
- ours: `search(conn, q, limit=10)`: bm25 from the impact index (archive.impacts, schema m030: each
  word's IMPACT_KEEP articles of highest bm25 weight), its best candidates scored exactly as FTS5's
  bm25 does (archive.search_relevance);
- nDCG@10 of ours with the ideal's top 10 as graded relevance (10 for its first, 1 for its tenth):
  1.0 means the same ten in the same order; and the same for plain "newest first", for scale;
- known targets: for each query's topic, TARGETS articles about it are planted in the archive (the
  generator's article with the topic in its title and in several of its sentences, as a portal's
  article on that topic reads); nDCG@10 of the ideal and of ours with those as the relevant ones
  (gain 1 each), and ours as a share of the ideal's.
"""
from __future__ import annotations

import math
import os
import random
import shutil
import statistics
import tempfile
import time

from archive.fold import fold
from archive.query import parse_query
from archive.impact_delta import mark_all_pending
from archive.reindex import fold_impacts
from archive.schema import connect
from archive.search import build_match, search
from archive.store import Archive
from bench.archive import QUERIES
from scraper.sample.textgen import COMMUNES, CONNECT, DISTRICTS, HOSTS, NOUNS, ORGS, VERBS, make_article, make_body

__all__ = ["run", "ndcg", "targets_ndcg", "target_articles"]

TARGETS = 5  # articles planted about each query's topic
_TARGET_PATH = "/tin-tuc/chu-de/"  # their addresses' path


def ndcg(ranked: list, ideal: list, k: int = 10) -> float:
    """nDCG@k of `ranked` where the i-th item of `ideal` has gain k - i (others 0)."""
    gain = {item: k - i for i, item in enumerate(ideal[:k])}
    dcg = sum(gain.get(item, 0) / math.log2(i + 2) for i, item in enumerate(ranked[:k]))
    best = sum((k - i) / math.log2(i + 2) for i in range(min(k, len(ideal))))
    return dcg / best if best else 1.0


def target_articles(topic: str, n: int = TARGETS) -> list[dict]:
    """`n` generated articles about `topic` (words or a phrase, as typed): the topic in the title, as
    the generator's titles carry theirs, and in 3 to 2n + 1 sentences of an ordinary body of ~2 KB
    (the generator's are ~3 KB). What a reader searching for it wants first; deterministic."""
    rng = random.Random(f"target {fold(topic)}")
    slug = _topic_key(topic).replace(" ", "-")
    articles = []
    for j in range(n):
        base = make_article(10**9 + j, rng)
        host = HOSTS[j % len(HOSTS)]
        shape = j % 3
        if shape == 0:
            title = f"{rng.choice(ORGS)} {rng.choice(DISTRICTS)} {rng.choice(VERBS)} {topic}"
        elif shape == 1:
            title = f"{topic[:1].upper()}{topic[1:]} ở xã {rng.choice(COMMUNES)}"
        else:
            title = f"{rng.choice(DISTRICTS)}: {rng.choice(NOUNS)} {topic} năm {rng.randint(2012, 2026)}"
        paragraphs = make_body(rng, 2000).split("\n\n")
        for _ in range(3 + 2 * j):
            at = rng.randrange(len(paragraphs))
            paragraphs[at] += (f" {rng.choice(CONNECT)} {rng.choice(ORGS)} đã {rng.choice(VERBS)} "
                               f"{rng.choice(NOUNS)} về {topic} tại xã {rng.choice(COMMUNES)}.")
        articles.append(dict(base, url=f"http://{host}{_TARGET_PATH}{slug}-{j}", site=host,
                             title=title[:1].upper() + title[1:], body="\n\n".join(paragraphs)))
    return articles


def _topics() -> dict[str, str]:
    """{folded topic: the topic as typed}: one topic for a query typed with and without accents
    (its accented form planted when there is one)."""
    topics: dict[str, str] = {}
    for queries in QUERIES.values():
        for q in queries:
            text = q.strip('"')
            key = _topic_key(text)
            if key not in topics or text != fold(text):
                topics[key] = text
    return topics


def _topic_key(topic: str) -> str:
    """A topic's words as the index folds them, one space apart."""
    return " ".join(fold(topic).split())


def _plant(path: str) -> None:
    """Save every topic's target articles (once: a kept archive has them, unless they have changed
    since) and fold them in."""
    topics = list(_topics().values())
    first = target_articles(topics[0])[-1]
    conn = connect(path, readonly=True)
    try:
        planted = conn.execute("SELECT body FROM articles WHERE url = ?", (first["url"],)).fetchone()
    finally:
        conn.close()
    if planted and planted[0] == first["body"]:
        return
    with Archive(path, batch_size=5000) as archive:
        for topic in topics:
            for article in target_articles(topic):
                archive.save_article(article)
    fold_impacts(path)


def run() -> str:
    n = int(os.environ.get("BENCH_RANKING_ARTICLES", "100000"))
    keep = os.environ.get("BENCH_DB")
    workdir = None if keep else tempfile.mkdtemp(prefix="bench-ranking-", dir=os.environ.get("BENCH_DIR", "/tmp"))
    path = keep or os.path.join(workdir, "archive.db")
    try:
        built = None
        if not os.path.exists(path):
            articles = [make_article(i) for i in range(n)]  # generated first: the timing is the archive's
            started, cpu = time.perf_counter(), time.process_time()
            with Archive(path, batch_size=5000, batch_seconds=30) as archive:
                for article in articles:
                    archive.save_article(article)
            built = (n / (time.perf_counter() - started), n / (time.process_time() - cpu))
            del articles
            started, cpu = time.perf_counter(), time.process_time()
            fold_impacts(path)  # as a crawl's or an import's end does
            built += (n / (time.perf_counter() - started), n / (time.process_time() - cpu), _migration_seconds(path))
        _plant(path)
        rows, size = _measure(path)
    finally:
        if workdir:
            shutil.rmtree(workdir, ignore_errors=True)
    return _report(size, rows, built)


def _migration_seconds(path: str) -> float:
    """Wall time of schema m030's work on this archive (every article noted pending), rolled back."""
    conn = connect(path)
    try:
        started = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        mark_all_pending(conn)
        return time.perf_counter() - started
    finally:
        conn.rollback()
        conn.close()


def _measure(path: str):
    conn = connect(path, readonly=True)
    try:
        planted = {key: [a["url"] for a in target_articles(topic)] for key, topic in _topics().items()}
        size = conn.execute("SELECT count(*) FROM articles").fetchone()[0] - sum(map(len, planted.values()))
        rows = []
        for name, queries in QUERIES.items():
            ours_q, newest_q, ours_ms, ideal_ms, rankings, on_targets = [], [], [], [], [], []
            for q in queries:
                urls = planted[_topic_key(q.strip('"'))]
                targets = [r[0] for r in conn.execute(f"SELECT search_key FROM articles WHERE url IN "
                                                      f"({','.join('?' * len(urls))})", urls)]
                match = build_match(parse_query(q), None)
                started = time.perf_counter()
                ideal = [r[0] for r in conn.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? "
                                                    "ORDER BY rank LIMIT 10", (match,))]
                ideal_ms.append((time.perf_counter() - started) * 1000)
                started = time.perf_counter()
                found = search(conn, q, limit=10)
                ours_ms.append((time.perf_counter() - started) * 1000)
                keys = _keys(conn, [h["id"] for h in found.hits])
                newest = [r[0] for r in conn.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? "
                                                     "ORDER BY rowid DESC LIMIT 10", (match,))]
                ours_q.append(ndcg(keys, ideal))
                newest_q.append(ndcg(newest, ideal))
                rankings.append(found.ranking)
                on_targets.append((targets_ndcg(ideal, targets), targets_ndcg(keys, targets)))
            rows.append((name, ours_q, newest_q, ours_ms, ideal_ms, rankings, on_targets))
        return rows, size
    finally:
        conn.close()


def targets_ndcg(ranked: list[int], relevant, k: int = 10) -> float:
    """nDCG@k with binary gains: the relevant items' places in `ranked`."""
    wanted = set(relevant)
    dcg = sum(1 / math.log2(i + 2) for i, item in enumerate(ranked[:k]) if item in wanted)
    best = sum(1 / math.log2(i + 2) for i in range(min(k, len(wanted))))
    return dcg / best if best else 1.0


def _keys(conn, ids: list[int]) -> list[int]:
    if not ids:
        return []
    found = dict(conn.execute(f"SELECT id, search_key FROM articles WHERE id IN ({','.join('?' * len(ids))})", ids))
    return [found[i] for i in ids if i in found]


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


# Measured by hand: the tables are re-measured on every run, these notes are not.
NOTES = """\
Known targets (2026-12-04 evening): the issue's measure, nDCG@10 on queries with known target articles, \
ours at least 0.9 of FTS5's `ORDER BY rank`: met in every class at 1,000,000 (ours / ideal 0.91-1.00; \
lowest '3 words, accented' 0.91, '3 words' 0.95) and at 100,000 (0.96-1.00, below). A first version of \
the planted articles (the topic in 2 to 6 sentences of a ~3 KB body, 19:07) was too faint to measure \
anything: FTS5's own bm25 put few of them in its top ten (0.05-0.29 at 1,000,000, ours / ideal \
1.00-1.23), because the generator's other articles share the queries' words (21,015 of the 1,020,210 \
titles hold 'hoi nong dan') and bm25 ranks the shortest of those first. The stricter column, agreement \
with FTS5's own top ten, is where 3 words stay under 0.9 at 1,000,000 (below).

The same command at 100,000 (`BENCH_RANKING_ARTICLES=100000`, a fresh build, 2026-12-04 20:00 UTC):

| queries | n | nDCG@10 ours | nDCG@10 newest | known targets: ideal / ours / ours ÷ ideal | ranked by bm25 | ours p50 / p99 | ideal p50 / p99 |
|---|---:|---:|---:|---:|---:|---:|---:|
| 1 word | 12 | 1.00 | 0.00 | 0.36 / 0.36 / 0.98 | 100% | 14.4 / 33.0 | 203.1 / 252.1 |
| 2 words | 12 | 1.00 | 0.00 | 0.59 / 0.59 / 1.00 | 100% | 24.8 / 38.4 | 235.0 / 296.0 |
| 3 words | 12 | 0.99 | 0.08 | 0.77 / 0.77 / 1.00 | 100% | 27.4 / 39.6 | 234.4 / 352.5 |
| phrase | 8 | 1.00 | 0.00 | 0.90 / 0.90 / 1.00 | 100% | 34.3 / 42.2 | 248.7 / 318.3 |
| 1 word, accented | 10 | 1.00 | 0.00 | 0.27 / 0.26 / 0.96 | 100% | 26.0 / 41.1 | 207.3 / 290.6 |
| 2 words, accented | 10 | 1.00 | 0.00 | 0.54 / 0.54 / 1.00 | 100% | 33.0 / 43.1 | 249.4 / 383.0 |
| 3 words, accented | 8 | 0.98 | 0.00 | 0.73 / 0.73 / 1.00 | 100% | 38.8 / 53.0 | 340.0 / 467.0 |
| phrase, accented | 6 | 1.00 | 0.00 | 0.87 / 0.87 / 1.00 | 100% | 44.9 / 53.0 | 222.1 / 327.6 |

At 1,000,000 the target (nDCG@10 at least 0.9 of FTS5's own top ten) is not met for 3 words (0.89, \
accented 0.84 in this table, with the planted articles among the ideal's ten; 0.80-0.87 for 3 words and \
phrases in the runs of 09:43 and 10:42 the same day, before they were planted): their words are \
in more than half of the articles, every idf is at FTS5's floor, the order is the sum of the words' \
weights and the lists' lowest weights bound the missing parts loosely, so the best ten are often \
outside the 160 candidates scored (1,000 scored gave 1.00 at ~450 ms p50). Latency here is measured \
right after the ideal query, whose scan of every match evicts the cache (p50 111-176 ms in this \
table); the same searches alone, in the archive bench's order (its queries, with and without \
2019-2020, 5 rounds, in-process on this file, 2026-12-04 19:00, warm): p50 19-53 ms, p99 28-76 ms; \
the same right after the file was read by nothing for hours, p99 up to 204 ms (the disk). Tried and \
dropped (10:25, on 100,000 articles with lists of 200, which brings 3 words to 0.90 and phrases to \
0.92 as at 1,000,000): ordering the candidates by an expectation (a missing word at one occurrence \
at the article's own length, from FTS5's docsize) instead of the bound: 2 words 1.00 -> 0.88-0.90, \
phrases 0.92 -> 0.65; halfway between the two, 2 words 0.90. In the generated archive every article \
holds every common word (df 99,833 of 100,000 for 'moi'), the weights sit near their ceiling and the \
ideal's top ten differ from the next hundred by little: the order needs exact scores of many more \
candidates, not better guesses.


How (2026-12-04, schema m030): an impact index beside FTS5 (`archive/impacts.py`): per folded word, its \
2,000 articles of highest bm25 term weight (weighted frequency, title 8, body 1, captions 2, saturated \
against the article's length as FTS5's bm25 does) and its document frequency, folded in bulk from the \
articles saved, changed or rebuilt since the last fold (`archive/impact_delta.py`: at the end of a crawl, \
import, reextract or merge, and `portal-archive reindex`); a search scores the unfolded articles that \
match itself (FTS5 over their rowids, up to 2,000 of them). A query of words and phrases joined by AND reads its words' lists (O(2,000 x words) \
rows at any size), estimates each candidate from above (a word missing from a full list: that list's \
lowest weight) and scores the best 40 at a time exactly as FTS5's bm25 would, from the stored text (same \
weights, k1, b, idf from the exact document frequencies, lengths from FTS5's docsize and averages records), \
until the page's last exact score is above every remaining estimate or 160 are scored. OR, NOT and prefix \
queries keep the older order (newest POOL, titles first). Lists of 1,000 instead of 2,000 gave 0.88 for \
3 words at 100,000 (the lists cut at query time). At 1,000,000, for 3 words and phrases of common words \
(every idf at FTS5's floor, so the order is the sum of the words' weights), the estimates are loose: \
scoring at most 80 / 160 / 240 / 1,000 candidates gave nDCG@10 0.80 / 0.84 / 0.89 / 1.00 (3 words) at \
p50 38 / 41 / 59 / ~450 ms (12 three-word, 8 phrase and 6 two-word queries, by hand): 160 is kept. \
A first run (the bench's, 04:26) stopped after 40 because the comparison left the missing words' part \
out of the estimates: 0.77 for 3 words.

Cost, as kept by every save (2026-12-04 morning, before the fold in bulk): `save_article` CPU about halved at \
100,000 (2,603-2,731 -> 1,329-1,372 articles/s), -30% at 1,000,000; per article 109 us counting its words, \
17 us document frequencies, 31 us the floor check, 66 us writing list rows.

Cost, folded in bulk (2026-12-04 08:43-09:00, schema m030): `save_article` only notes the article (the archive \
bench's 100,000 run: 2,965/s and 3,384/s CPU in two runs against main's 2,663/s and 3,018/s beside them, within the machine's noise); the \
fold, at the end of a crawl, import, reextract or merge, costs what keeping the lists did, once: 2,101-2,748 \
articles/s CPU for a whole 100,000-article archive (this table's build and the archive bench), cut by writing \
only each word's best IMPACT_KEEP of a 5,000-article chunk (39% fewer rows for generated articles). The schema \
upgrade notes every article pending (1.0 s at 100,000 here, one INSERT ... SELECT; ~10 s expected at 1,000,000, \
not measured); the first fold after it runs with progress and resumes where a kill left it (at 2,101/s CPU: \
~8 min CPU for 1,000,000, not measured). The table: the final code, 09:04-09:09 on a quieter machine \
(load ~2): p99 at most 60.8 ms (limit 10). The same command at 08:53, pytest of other test files beside \
it (load 4-6): the same nDCG@10, p99 up to 194.8 ms.

Why 3 words stay below 0.9 at 1,000,000 (2026-12-04 evening, the 1,000,000-article file above, each \
query's ideal top 50 by FTS5 kept and compared with the candidates): every word of those queries is \
in more than half of the articles, so every idf is FTS5's floor (1e-6) and the ideal order is the sum \
of three saturated weights: its top ten lie within 0.5% of one another ('hoi nong dan': 6.316 to \
6.308 x 1e-6; ours 6.283 to 6.227). For 'hoi nong dan' 3 of the ideal ten are in none of the three \
lists and the others in one (nDCG 0.00); for 'bao ve moi', 'uy ban nhan' and 'ke hoach so' (0.73-0.76) \
most are in two, ranked 35th-669th by their bounds. Each list's lowest weight is 2.12-2.13 of the \
2.2 a word can weigh, so every candidate's bound is above the ideal's first score and none can be \
ruled out: the order needs the exact score of thousands of candidates (160 scored now; 800, warm, \
~140 ms) or longer lists for words in most articles. The lists are packed since schema m032 (one row \
a word, the same lists): search p50 warm, in-process, 3 rounds of this table's queries, 1 word to \
3 words 23.7 / 27.6 / 31.9 ms before, 20.8 / 26.2 / 29.0 after, phrases 35.2 -> 33.6 ms."""


def _report(size: int, rows, built: tuple[float, ...] | None = None) -> str:
    lines = [
        "## Ranking quality against FTS5's bm25",
        "",
        f"Command: `{'BENCH_DB=FILE' if os.environ.get('BENCH_DB') else f'BENCH_RANKING_ARTICLES={size}'} "
        f".venv/bin/python -m bench ranking`. {size:,} synthetic articles and {len(_topics()) * TARGETS:,} planted "
        "(below); the queries of the archive bench. Ideal: FTS5 `ORDER BY rank` (bm25 with the index's column weights) "
        "over every match, same index, same run. nDCG@10 with the ideal's top ten as graded relevance (1.0 = the same "
        "ten in the same order), mean over the class; \"newest\" is plain newest-first, for scale. Known targets: "
        f"{TARGETS} articles planted about each query's topic (`target_articles`: the topic in the title and in 3 to "
        f"{2 * TARGETS + 1} sentences of an ordinary generated body of ~2 KB), nDCG@10 with those as the relevant "
        "ones, of the ideal's order and of ours. Latency in ms, "
        "p50 / p99." + (f" The build: {built[0]:,.0f} articles/s wall, {built[1]:,.0f}/s CPU (this process) in "
                        "`save_article`, articles generated beforehand; then the impact index's fold "
                        f"(`portal-archive reindex`): {built[2]:,.0f} articles/s wall, {built[3]:,.0f}/s CPU, what an "
                        "archive upgraded to schema m030 does once; the upgrade itself (every article noted "
                        f"pending) took {built[4]:.1f} s on this archive."
                        if built else ""),
        "",
        "| queries | n | nDCG@10 ours | nDCG@10 newest | known targets: ideal / ours / ours ÷ ideal "
        "| ranked by bm25 | ours p50 / p99 | ideal p50 / p99 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, ours_q, newest_q, ours_ms, ideal_ms, rankings, on_targets in rows:
        bm25 = sum(r == "bm25" for r in rankings) / len(rankings)
        ideal_t, ours_t = (statistics.mean(v) for v in zip(*on_targets))
        share = f"{ours_t / ideal_t:.2f}" if ideal_t else "-"
        lines.append(f"| {name} | {len(ours_q)} | {statistics.mean(ours_q):.2f} | {statistics.mean(newest_q):.2f} | "
                     f"{ideal_t:.2f} / {ours_t:.2f} / {share} | "
                     f"{bm25:.0%} | {_p(ours_ms, .5):.1f} / {_p(ours_ms, .99):.1f} | "
                     f"{_p(ideal_ms, .5):.1f} / {_p(ideal_ms, .99):.1f} |")
    return "\n".join(lines + ["", NOTES]) + "\n"
