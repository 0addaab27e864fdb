"""The impact index: per folded word, the articles where it weighs most (schema m030, packed m032).

FTS5 keeps each word's articles in rowid order (publication time first, archive.schema), which
makes newest-first and date filters cheap, but its bm25() must count a word's rows over the whole
index before it ranks anything: at 1,000,000 articles a common word costs hundreds of ms. Beside
it, each word's `search_terms` row keeps its list: the IMPACT_KEEP articles with the highest bm25
term weight (the part of FTS5's bm25 that depends on the article: the word's weighted frequency,
title 8, body 1, captions 2 as schema.FTS_WEIGHTS, saturated against the article's length), best
first, packed in one column (`_pack`); with the word's document frequency (bm25's idf), how many
articles the list holds and the lowest weight kept once full. A query reads the lists of its words
(bounded, whatever the archive's size) and scores the best of them exactly (archive.search_relevance).

Maintained in bulk by archive.impact_delta from the articles indexed since its last fold: insert,
update (the old text's entries removed: its weights are recomputed exactly, the average length being a
constant here), rebuild; each word's row is read and written once a chunk. A list holds a word's best articles *seen*: an update that removes one of them leaves the
list one shorter until more arrive (the word's idf stays exact).
"""
from __future__ import annotations

import sqlite3
import sys
from array import array
from bisect import bisect_right
from collections import Counter, defaultdict
from operator import neg

from archive.schema import FTS_WEIGHTS

__all__ = ["IMPACT_KEEP", "SCALE", "AVERAGE_LENGTH", "K1", "B", "tokens", "weighted_counts", "add_impacts", "remove_impacts",
           "clear_impacts", "impact_list", "impact_rows", "pack_rows"]

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
_CHUNK = 5000  # articles whose entries are written before the lists are cut again (a fold's batch)
# An entry is one int, weight << 64 | search key (never negative, archive.schema.search_key): sorted
# as ints, best weight first, then the newest key. Stored packed (`_pack`).
_KEY_BITS = (1 << 64) - 1
_SWAP = sys.byteorder != "little"
assert array("I").itemsize == 4 and array("q").itemsize == 8

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


def _entries(row: tuple) -> tuple[Counter, dict[int, int]]:
    """(token -> weighted frequency, weighted frequency -> list entry) of one indexed row: an
    article's few distinct frequencies make entries once each, not once a word."""
    key, title, body, captions, site = row
    counts, length = weighted_counts(title, body, captions, site)
    return counts, {f: w << 64 | key for f, w in _impacts(counts, length).items()}


def add_impacts(conn: sqlite3.Connection, rows: list[tuple]) -> None:
    """rows: (search key, folded title, folded body, folded captions, site tokens), as indexed."""
    for start in range(0, len(rows), _CHUNK):
        found: defaultdict[str, list[int]] = defaultdict(list)  # term -> the chunk's entries
        for row in rows[start:start + _CHUNK]:
            counts, entry = _entries(row)
            for t, f in counts.items():
                found[t].append(entry[f])
        _store_lists(conn, found, {})


def remove_impacts(conn: sqlite3.Connection, rows: list[tuple]) -> None:
    """Forget indexed rows (the values each was indexed with, like a contentless FTS5 delete)."""
    gone: defaultdict[str, set[int]] = defaultdict(set)
    for row in rows:
        counts, entry = _entries(row)
        for t, f in counts.items():
            gone[t].add(entry[f])
    _store_lists(conn, {}, gone)


def _store_lists(conn: sqlite3.Connection, found: dict[str, list[int]], gone: dict[str, set[int]]) -> None:
    """Each touched word's list read once, changed and written back with its counts: the chunk's
    new entries (`found`; those below what the list could keep are never written) and the entries
    of removed rows (`gone`, each one article less in the word's document frequency)."""
    terms = sorted(found.keys() | gone.keys())
    known = {}
    for at in range(0, len(terms), 500):
        part = terms[at:at + 500]
        known.update((t, (df, floor, blob)) for t, df, floor, blob in conn.execute(
            f"SELECT term, df, floor, impacts FROM search_terms WHERE term IN ({','.join('?' * len(part))})", part))
    out = []
    for term in terms:
        if term not in known and term not in found:
            continue  # removals of a word no list holds: nothing folded to take out
        df, floor, blob = known.get(term, (0, 0, None))
        entries = _unpack(blob)
        removed = gone.get(term) if term in known else None
        if removed:
            df -= len(removed)
            entries = [e for e in entries if e not in removed]
        new = found.get(term)
        if new:
            df += len(new)
            new.sort(reverse=True)
            if len(new) > IMPACT_KEEP and new[IMPACT_KEEP - 1] >> 64 > floor:
                # more of the chunk's articles than a list keeps: those below its IMPACT_KEEP-th best
                # would be cut at once, so they are never written (a word in 2,000+ of 5,000 new
                # articles: 39% of the entries of a fold of generated articles); the floor says so
                floor = new[IMPACT_KEEP - 1] >> 64
            if floor:
                new = new[:_count_at_least(new, floor)]
            if entries:  # two runs, best first: one merge (timsort finds the runs)
                entries = sorted(entries + new, reverse=True)
                if len(set(entries)) < len(entries):  # an article folded again without its removal
                    entries = sorted(set(entries), reverse=True)
            else:
                entries = new
        if len(entries) > _PRUNE_AT:
            # cut back to the IMPACT_KEEP best, ties with the last kept included
            floor = entries[IMPACT_KEEP - 1] >> 64
            del entries[_count_at_least(entries, floor):]
        out.append((term, df, len(entries), floor, _pack(entries)))
    conn.executemany("INSERT INTO search_terms(term, df, kept, floor, impacts) VALUES (?, ?, ?, ?, ?) "
                     "ON CONFLICT(term) DO UPDATE SET df = excluded.df, kept = excluded.kept, "
                     "floor = excluded.floor, impacts = excluded.impacts", out)


def _count_at_least(entries: list[int], weight: int) -> int:
    """How many of `entries` (best first) weigh `weight` or more."""
    return bisect_right(entries, -(weight << 64), key=neg)  # weight << 64: the smallest entry of that weight


def _pack(entries: list[int]) -> bytes:
    """Entries (weight << 64 | key, best first) as the list's column: the weights as 4-byte, then
    the keys as 8-byte little-endian integers."""
    weights = array("I", [e >> 64 for e in entries])
    keys = array("q", [e & _KEY_BITS for e in entries])
    if _SWAP:
        weights.byteswap()
        keys.byteswap()
    return weights.tobytes() + keys.tobytes()


def _arrays(blob: bytes | None) -> tuple[array, array]:
    weights, keys = array("I"), array("q")
    if blob:
        n = len(blob) // 12
        weights.frombytes(blob[:4 * n])
        keys.frombytes(blob[4 * n:])
        if _SWAP:
            weights.byteswap()
            keys.byteswap()
    return weights, keys


def _unpack(blob: bytes | None) -> list[int]:
    weights, keys = _arrays(blob)
    return [w << 64 | k for w, k in zip(weights, keys)]


def impact_list(conn: sqlite3.Connection, term: str, low: int, high: int) -> dict[int, int]:
    """{search key: weight} of a word's list, its keys within [low, high]."""
    row = conn.execute("SELECT impacts FROM search_terms WHERE term = ?", (term,)).fetchone()
    weights, keys = _arrays(row[0] if row else None)
    return {k: w for k, w in zip(keys, weights) if low <= k <= high}


def impact_rows(conn: sqlite3.Connection) -> list[tuple[str, int, int]]:
    """Every list as (term, weight, search key) rows, best first within a term."""
    return [(term, w, k) for term, blob in conn.execute("SELECT term, impacts FROM search_terms ORDER BY term")
            for w, k in zip(*_arrays(blob))]


def pack_rows(rows) -> bytes:
    """(weight, key) pairs, best first, as a list's column (schema m032 converts the row table)."""
    return _pack([w << 64 | k for w, k in rows])


def clear_impacts(conn: sqlite3.Connection) -> None:
    for table in ("search_terms", "search_pending", "search_stale"):
        conn.execute(f"DELETE FROM {table}")
