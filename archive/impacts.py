"""The impact index: per folded word, the articles where it weighs most (schema m030).

FTS5 keeps each word's articles in rowid order (publication time first, archive.schema), which
makes newest-first and date filters cheap, but its bm25() must count a word's rows over the whole
index before it ranks anything: at 1,000,000 articles a common word costs hundreds of ms. Beside
it, `search_impacts` keeps for every word the IMPACT_KEEP articles with the highest bm25 term
weight (the part of FTS5's bm25 that depends on the article: the word's weighted frequency, title
8, body 1, captions 2 as schema.FTS_WEIGHTS, saturated against the article's length), ordered by
that weight; `search_terms` keeps each word's document frequency (bm25's idf), how many rows it
keeps and the lowest weight kept once full. A query reads the lists of its words (bounded, whatever
the archive's size) and scores the best of them exactly (archive.search_relevance).

Maintained in bulk by archive.impact_delta from the articles indexed since its last fold: insert,
update (the old text's rows removed: its weights are recomputed exactly, the average length being a
constant here), rebuild. A list holds a word's best articles *seen*: an update that removes one of them leaves the
list one shorter until more arrive (the word's idf stays exact).
"""
from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict

from archive.schema import FTS_WEIGHTS

__all__ = ["IMPACT_KEEP", "SCALE", "AVERAGE_LENGTH", "K1", "B", "tokens", "weighted_counts", "add_impacts", "remove_impacts",
           "clear_impacts"]

# Articles kept per word. 2,000 of a word's 30,000-100,000 articles (100,000-article archive) hold
# bm25's top ten of every benchmark query (bench/ranking.py); prunes happen once a list is 25% over.
IMPACT_KEEP = 2_000
_PRUNE_AT = IMPACT_KEEP + IMPACT_KEEP // 4
# bm25's constants as FTS5 uses them.
K1, B = 1.2, 0.75
# Tokens in an article (all columns) assumed for the weights kept: a constant, so a weight computed
# again when the article changes is the one stored. Queries score with the archive's real average.
AVERAGE_LENGTH = 700.0
SCALE = 1_000_000  # weights stored as integers
_CHUNK = 5000  # articles whose rows are written before the lists are pruned again (a fold's batch)

# unicode61's token characters are letters and digits; everything else separates (the folded text
# is mostly ASCII, and str.translate with a table is ~4x faster than a regex findall).
_SEPARATORS = str.maketrans({cp: " " for cp in range(0x10000) if not chr(cp).isalnum()})
_TITLE_W, _BODY_W, _CAPTIONS_W = (int(w) for w in FTS_WEIGHTS[:3])


def tokens(folded: str | None) -> list[str]:
    """The index's tokens of folded text."""
    return folded.translate(_SEPARATORS).split() if folded else []


def weighted_counts(title: str | None, body: str | None, captions: str | None, site: str) -> tuple[Counter, int]:
    """(token -> weighted frequency over title, body and captions, tokens in all columns) of folded text."""
    title_t, body_t, captions_t = tokens(title), tokens(body), tokens(captions)
    counts = Counter(body_t) if _BODY_W == 1 else Counter({t: n * _BODY_W for t, n in Counter(body_t).items()})
    for token in captions_t:
        counts[token] += _CAPTIONS_W
    for token in title_t:
        counts[token] += _TITLE_W
    return counts, len(title_t) + len(body_t) + len(captions_t) + len(site.split())


def _impacts(counts: Counter, length: int) -> dict[int, int]:
    """weighted frequency -> stored weight, for one article's frequencies."""
    norm = K1 * (1 - B + B * length / AVERAGE_LENGTH)
    return {f: int(f * (K1 + 1) * SCALE / (f + norm)) for f in set(counts.values())}


def add_impacts(conn: sqlite3.Connection, rows: list[tuple]) -> None:
    """rows: (search key, folded title, folded body, folded captions, site tokens), as indexed."""
    for start in range(0, len(rows), _CHUNK):
        floors = dict(conn.execute("SELECT term, floor FROM search_terms WHERE floor > 0"))
        # term -> its rows (term, weight, key), one per article of the chunk: the list's length is
        # the chunk's document frequency (rows built once, as written: the fold's Python passes
        # over its ~100 rows per article are most of its CPU)
        entries: defaultdict[str, list[tuple[str, int, int]]] = defaultdict(list)
        for key, title, body, captions, site in rows[start:start + _CHUNK]:
            counts, length = weighted_counts(title, body, captions, site)
            weight = _impacts(counts, length)
            for t, f in counts.items():
                entries[t].append((t, weight[f], key))
        kept: list[tuple] = []
        terms: list[tuple] = []
        for term, found in entries.items():
            low = floors.get(term, 0)
            raised = 0
            if len(found) > IMPACT_KEEP:
                # more of the chunk's articles than a list keeps: those below its IMPACT_KEEP-th best
                # would be pruned at once, so they are never written (a word in 2,000+ of 5,000 new
                # articles: 39% of the rows of a fold of generated articles); the floor says so
                best = sorted([e[1] for e in found], reverse=True)[IMPACT_KEEP - 1]
                if best > low:
                    low = raised = best
            written = [e for e in found if e[1] >= low] if low else found
            kept += written
            terms.append((term, len(found), len(written), raised))
        conn.executemany("INSERT OR IGNORE INTO search_impacts(term, impact, key) VALUES (?, ?, ?)", kept)
        conn.executemany("INSERT INTO search_terms(term, df, kept, floor) VALUES (?, ?, ?, ?) ON CONFLICT(term) "
                         "DO UPDATE SET df = df + excluded.df, kept = kept + excluded.kept, "
                         "floor = max(floor, excluded.floor)", terms)
        _prune(conn)


def _prune(conn: sqlite3.Connection) -> None:
    """Cut every list grown past _PRUNE_AT back to its IMPACT_KEEP best (ties with the last kept)."""
    for term, kept in conn.execute("SELECT term, kept FROM search_terms WHERE kept > ?", (_PRUNE_AT,)).fetchall():
        floor = conn.execute("SELECT impact FROM search_impacts WHERE term = ? ORDER BY impact DESC LIMIT 1 OFFSET ?",
                             (term, IMPACT_KEEP - 1)).fetchone()
        if floor is None:  # counted more than it holds (cannot happen unless edited by hand): recount
            conn.execute("UPDATE search_terms SET kept = (SELECT count(*) FROM search_impacts WHERE term = ?) "
                         "WHERE term = ?", (term, term))
            continue
        gone = conn.execute("DELETE FROM search_impacts WHERE term = ? AND impact < ?", (term, floor[0])).rowcount
        conn.execute("UPDATE search_terms SET kept = ?, floor = ? WHERE term = ?", (kept - gone, floor[0], term))


def remove_impacts(conn: sqlite3.Connection, row: tuple) -> None:
    """Forget one indexed row (the values it was indexed with, like a contentless FTS5 delete)."""
    key, title, body, captions, site = row
    counts, length = weighted_counts(title, body, captions, site)
    weight = _impacts(counts, length)
    for term, f in counts.items():
        gone = conn.execute("DELETE FROM search_impacts WHERE term = ? AND impact = ? AND key = ?",
                            (term, weight[f], key)).rowcount
        conn.execute("UPDATE search_terms SET df = df - 1, kept = kept - ? WHERE term = ?", (gone, term))


def clear_impacts(conn: sqlite3.Connection) -> None:
    for table in ("search_impacts", "search_terms", "search_pending", "search_stale"):
        conn.execute(f"DELETE FROM {table}")
