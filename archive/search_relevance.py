"""Relevance: FTS5's bm25 order for a query, from the impact index (archive.impacts), with bounded work.

FTS5's `ORDER BY rank` over every match is the quality ceiling, but it counts each word's rows over
the whole index first and ranks every match: 0.4-2 s for common words at 100,000-1,000,000
articles. Here, for a query of words and phrases joined by AND (the common case):

1. each word's impact list (its IMPACT_KEEP articles of highest bm25 term weight) is read, with
   its document frequency: O(words x IMPACT_KEEP) rows, whatever the archive's size;
2. candidates are the articles of those lists, estimated by summing idf x weight over the query's
   words (a word missing from a full list counts half its list's lowest weight; from a complete
   list, the article lacks the word and is dropped), filtered by the date range;
3. the best estimates, a few times the page at a time, are scored *exactly* as FTS5's bm25 does
   (same column weights, k1, b, idf from the exact document frequencies, each article's length
   from FTS5's own docsize, the average from its averages record), from the folded stored text:
   which also checks that each one matches (every phrase present) and passes the filters.

4. articles saved since the impact index's last fold (archive.impact_delta, at most DELTA_MAX)
   are in no list: those that match are found by FTS5 among the pending rowids and all scored
   exactly, and the words' document frequencies count them too.

OR, NOT and prefix queries return None (archive.search ranks those its older way).
"""
from __future__ import annotations

import math
import sqlite3
from collections.abc import Iterable
from itertools import repeat
from operator import itemgetter

from archive.fold import fold
from archive.impact_delta import DELTA_MAX, pending_count, pending_df, pending_matches
from archive.impacts import B, K1, SCALE, impact_list, tokens
from archive.indexing import ID_MASK
from archive.query import ParsedQuery, Term
from archive.schema import FTS_WEIGHTS
from archive.search_filters import SEARCH_COLUMNS, Filters, build_match

__all__ = ["ranked_keys", "bm25_scores", "CHUNK"]

CHUNK = 40  # candidates scored exactly at a time
SLACK = 1.0  # exact score x SLACK >= the next estimate: stop
# Candidates scored at most (the estimates are loose upper bounds, so the stop above seldom comes
# first for common words): at 1,000,000 articles 80 -> 160 -> 240 gave nDCG@10 0.80 -> 0.84 -> 0.89
# (3 words), p50 38 -> 41 -> 59 ms; 1,000 gave 1.00 at ~450 ms.
_MAX_SCORED = 160
_WEIGHTS = FTS_WEIGHTS[:3]  # title, body, captions


def ranked_keys(conn: sqlite3.Connection, parsed: ParsedQuery, f: Filters, want: int) -> list[int] | None:
    """Search keys of up to `want` matches, best first by bm25 (fewer: no more were found among the
    candidates); None when the query is not a conjunction of words and phrases or the archive has
    no impact index (opened read-only before schema m032) or it has more than DELTA_MAX articles
    not folded yet (archive.impact_delta)."""
    if parsed.negated or any(t.prefix for t in parsed.terms) or " OR " in parsed.fts or not _has_index(conn):
        return None
    pending = pending_count(conn)
    if pending > DELTA_MAX:
        return None  # not folded since a migration or a large crawl: each pending article would cost a seek
    terms = list(dict.fromkeys(parsed.terms))
    stats = {}
    for token in {t for term in terms for t in term.tokens}:
        df, kept, floor = conn.execute("SELECT df, kept, floor FROM search_terms WHERE term = ?",
                                       (token,)).fetchone() or (0, 0, 0)
        if pending:  # articles saved since the last fold count too (bm25's idf as FTS5 computes it)
            df += pending_df(conn, f'{SEARCH_COLUMNS} : "{token}"')
        if df <= 0:
            return []  # a word no article has: nothing matches
        stats[token] = (df, kept, floor)
    low, high = f.key_range()
    lists = {t: impact_list(conn, t, low, high) for t in stats}
    # the matches among them are in no list yet: each is scored exactly (at most DELTA_MAX)
    delta = pending_matches(conn, build_match(parsed, f), low, high) if pending else []
    rows, lengths = _collection(conn)
    idf = [_idf(rows, min(stats[t][0] for t in term.tokens)) for term in terms]
    ordered = _estimates(terms, idf, stats, lists)
    if f.site or f.category or f.sites is not None:  # most candidates fail these: drop them before scoring
        ordered = _admitted(conn, ordered[:_MAX_SCORED * 8], f, _MAX_SCORED)
    average = lengths / rows if rows else 1.0
    # Estimates are in stored units (weights x _SCALE, the constant average length): exact scores
    # are compared with them in those units, with a margin for the real average length.
    scale = SCALE * SLACK
    scored: dict[int, float] = bm25_scores(conn, delta, terms, idf, average, f) if delta else {}
    for start in range(0, min(len(ordered), _MAX_SCORED), CHUNK):
        chunk = [k for k, _ in ordered[start:start + CHUNK]]
        scored.update(bm25_scores(conn, chunk, terms, idf, average, f))
        if len(scored) >= want and start + CHUNK < len(ordered):
            kth = sorted(scored.values(), reverse=True)[want - 1]
            if kth * scale >= ordered[start + CHUNK][1]:
                break  # no candidate left can score above the page's last
    return sorted(scored, key=lambda k: (-scored[k], -k))[:want]


def _admitted(conn: sqlite3.Connection, ordered: list[tuple[int, float]], f: Filters,
              want: int) -> list[tuple[int, float]]:
    """The candidates whose site and category pass the filters, in their order, read a few hundred
    at a time until more than `want` pass (scoring takes no more): a filter most articles pass
    (a province's portals) then reads a quarter of the rows a rare one does."""
    passed: list[tuple[int, float]] = []
    step = 2 * want
    for start in range(0, len(ordered), step):
        chunk = ordered[start:start + step]
        rows = conn.execute(f"SELECT id, site, category FROM articles WHERE id IN ({','.join('?' * len(chunk))})",
                            [k & ID_MASK for k, _ in chunk])
        passing = {i for i, site, category in rows if f.admits(site, category)}
        passed += [(k, e) for k, e in chunk if k & ID_MASK in passing]
        if len(passed) > want:
            break
    return passed


def _has_index(conn: sqlite3.Connection) -> bool:
    """The lists are there, packed (schema m032): an archive opened read-only before it ranks the older way."""
    return conn.execute("SELECT 1 FROM pragma_table_info('search_terms') WHERE name = 'impacts'").fetchone() is not None


def _idf(rows: int, df: int) -> float:
    """FTS5's idf: never below a tiny positive value (a word in most articles still counts a little)."""
    value = math.log((rows - df + 0.5) / (df + 0.5))
    return value if value > 0 else 1e-6


def _estimates(terms: list[Term], idf: list[float], stats: dict,
               lists: dict[str, dict[int, int]]) -> list[tuple[int, float]]:
    """Candidates, best estimate first: the sum over terms of idf x the term's weight in the article
    (a phrase: its least weighty word's; a word missing from a full list: the list's floor). So an
    estimate bounds the article's score from above (up to the constant average length the weights
    were stored with): candidates are scored exactly in that order until none left can beat the page."""
    complete = [t for t, (df, kept, _) in stats.items() if kept >= df]
    missing = {t: 0 if t in complete else stats[t][2] for t in stats}
    estimate: dict[int, float] = {}
    base = 0.0
    for term, weight in zip(terms, idf):
        if len(term.tokens) == 1:
            parts, miss = lists[term.tokens[0]], missing[term.tokens[0]]
        else:  # a phrase occurs no more often than its least frequent word
            keys = list(set().union(*(lists[t].keys() for t in term.tokens)))
            # each word's weight for every key in C loops (map), then their least: a Python
            # expression per key cost a 3-word phrase ~25 ms at 1,000,000 articles (~6,000 keys)
            weights = [map(lists[t].get, keys, repeat(missing[t], len(keys))) for t in term.tokens]
            parts = dict(zip(keys, map(min, *weights)))
            miss = min(missing[t] for t in term.tokens)
        base += weight * miss
        get = estimate.get
        for key, part in parts.items():
            estimate[key] = get(key, 0.0) + weight * (part - miss)
    if complete:
        # A complete list holds every article with its word: the matches are among its articles.
        allowed = set(lists[complete[0]]).intersection(*(lists[t].keys() for t in complete[1:]))
        estimate = {k: v for k, v in estimate.items() if k in allowed}
    # every candidate's estimate also holds `base` (the missing words' part): added once here
    return [(k, e + base) for k, e in sorted(estimate.items(), key=itemgetter(1), reverse=True)]


def bm25_scores(conn: sqlite3.Connection, keys: list[int], terms: list[Term], idf: list[float], average: float,
                f: Filters) -> dict[int, float]:
    """{search key: bm25 score} of the articles among `keys` that match every term and pass the
    filters, computed as FTS5's bm25() does (higher is better)."""
    if not keys:
        return {}
    marks = ",".join("?" * len(keys))
    sizes = dict(conn.execute(f"SELECT id, sz FROM articles_fts_docsize WHERE id IN ({marks})", keys))
    rows = conn.execute(
        "SELECT a.search_key, a.title, a.body, a.site, a.category, "
        "(SELECT group_concat(caption, char(10)) FROM images i WHERE i.article_id = a.id) "
        f"FROM articles a WHERE a.id IN ({marks})", [k & ID_MASK for k in keys]).fetchall()
    scores = {}
    for key, title, body, site, category, captions in rows:
        if key not in sizes or not f.admits(site, category):
            continue
        columns = (tokens(fold(title)), tokens(fold(body)), tokens(fold(captions)))
        norm = K1 * (1 - B + B * _length(sizes[key]) / average)
        score = 0.0
        for term, weight in zip(terms, idf):
            freq = sum(w * _occurrences(col, term.tokens) for col, w in zip(columns, _WEIGHTS))
            if not freq:
                break
            score += weight * freq * (K1 + 1) / (freq + norm)
        else:
            scores[key] = score
    return scores


def _occurrences(column: list[str], phrase: tuple[str, ...]) -> int:
    if len(phrase) == 1:
        return column.count(phrase[0])
    count, at, want = 0, -1, list(phrase)
    while True:
        try:
            at = column.index(phrase[0], at + 1)
        except ValueError:
            return count
        count += column[at:at + len(want)] == want


def _collection(conn: sqlite3.Connection) -> tuple[int, int]:
    """(rows, tokens in all columns) of articles_fts: its averages record (FTS5 keeps it at id 1)."""
    row = conn.execute("SELECT block FROM articles_fts_data WHERE id = 1").fetchone()
    values = _varints(row[0]) if row else []
    return (values[0], sum(values[1:])) if values else (0, 0)


def _length(size: bytes) -> int:
    """Tokens in one row, all columns: its docsize record."""
    return sum(_varints(size))


def _varints(blob: bytes) -> list[int]:
    """SQLite's variable-length integers (FTS5's records are sequences of them)."""
    values, at = [], 0
    while at < len(blob):
        value = 0
        for i in range(9):
            byte = blob[at]
            at += 1
            if i == 8:
                value = (value << 8) | byte
                break
            value = (value << 7) | (byte & 0x7F)
            if not byte & 0x80:
                break
        values.append(value)
    return values
