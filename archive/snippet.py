"""Snippets and exact-accent checks, computed on the ORIGINAL (accented) text.

The index holds folded text, so FTS5's own snippet() would show "dang uy xa" for "Đảng ủy xã".
Here the original is folded character by character (`fold_aligned`), matches are found in the
folded copy, and the same offsets cut and mark the original.
"""
from __future__ import annotations

import re
from functools import lru_cache

from archive.fold import fold_aligned, tone_key
from archive.query import Term

__all__ = ["make_snippet", "accent_score", "mark_text"]

_WORD = re.compile(r"[^\W_]+")
_SCAN_LIMIT = 60_000  # characters of a body looked at for a snippet (bounds the cost of huge pages)


@lru_cache(maxsize=256)
def _pattern(terms: tuple[Term, ...]) -> re.Pattern:
    # A phrase is marked only where its words follow each other; a prefix term's last word may go on.
    parts = set()
    for term in terms:
        words = [re.escape(t) for t in term.tokens]
        if term.prefix:
            words[-1] += r"[^\W_]*"
        parts.add(r"[\W_]+".join(words))
    ordered = sorted(parts, key=len, reverse=True)
    return re.compile(r"(?<![^\W_])(?:" + "|".join(ordered) + r")(?![^\W_])")


def _spans(text: str, terms: tuple[Term, ...]) -> list[tuple[int, int]]:
    return [m.span() for m in _pattern(terms).finditer(fold_aligned(text))]


def mark_text(text: str | None, terms: list[Term], marks: tuple[str, str]) -> str:
    """The whole text with every matched word wrapped in marks (used for titles)."""
    if not text:
        return text or ""
    return _marked(text, _spans(text, tuple(terms)), 0, len(text), marks)


def _marked(text: str, spans: list[tuple[int, int]], start: int, end: int, marks: tuple[str, str]) -> str:
    out, pos = [], start
    for s, e in spans:
        if s < start or e > end:
            continue
        out.append(text[pos:s])
        out.append(marks[0] + text[s:e] + marks[1])
        pos = e
    out.append(text[pos:end])
    return "".join(out)


def make_snippet(texts: list[str | None], terms: list[Term], marks: tuple[str, str], words: int = 32) -> str:
    """A window of about `words` words around the densest cluster of matches, marked.

    `texts` are tried in order (body, captions, title); the first with a match gives the snippet,
    else the opening words of the first non-empty text.
    """
    key = tuple(terms)
    first = next((t for t in texts if t), "")
    for text in texts:
        if not text:
            continue
        text = text[:_SCAN_LIMIT]
        spans = _spans(text, key)
        if spans:
            return _window(text, spans, marks, words)
    return _window(first[:_SCAN_LIMIT], [], marks, words)


def _window(text: str, spans: list[tuple[int, int]], marks: tuple[str, str], words: int) -> str:
    bounds = [m.span() for m in _WORD.finditer(text)]
    if not bounds:
        return ""
    starts = [b[0] for b in bounds]
    best_word = 0
    if spans:
        import bisect

        match_words = [bisect.bisect_right(starts, s) - 1 for s, _ in spans]
        best, best_count = match_words[0], 0
        j = 0
        for i, w in enumerate(match_words):
            while match_words[j] < w - words + 1:
                j += 1
            if i - j + 1 > best_count:
                best_count, best = i - j + 1, match_words[j]
        best_word = max(0, best - 4)
    last_word = min(len(bounds), best_word + words) - 1
    start, end = bounds[best_word][0], bounds[last_word][1]
    snippet = _marked(text, spans, start, end, marks)
    snippet = " ".join(snippet.split())
    return ("… " if best_word > 0 else "") + snippet + (" …" if last_word < len(bounds) - 1 else "")


def accent_score(texts: list[str | None], accented: list[str], folded_words: dict[str, str]) -> int:
    """How many of the query's accented words occur with exactly those accents (tone placement free).

    `folded_words` maps each accented query word's tone key to its folded form.
    """
    if not accented:
        return 0
    wanted = set(accented)
    found: set[str] = set()
    pattern = re.compile(r"(?<![^\W_])(?:" + "|".join(re.escape(f) for f in set(folded_words.values()))
                         + r")(?![^\W_])")
    for text in texts:
        if not text:
            continue
        text = text[:_SCAN_LIMIT]
        for m in pattern.finditer(fold_aligned(text)):
            key = tone_key(text[m.start():m.end()])
            if key in wanted:
                found.add(key)
                if found == wanted:
                    return len(found)
    return len(found)
