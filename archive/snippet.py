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

_SCAN_LIMIT = 60_000  # characters of a body looked at for a snippet (bounds the cost of huge pages)
_ACCENT_SCAN_LIMIT = 4_000  # exact-accent check: title, captions and the opening of the body


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
    return re.compile(r"\b(?:" + "|".join(ordered) + r")\b")


def _spans(text: str, terms: tuple[Term, ...]) -> tuple[list[tuple[int, int]], str]:
    folded = fold_aligned(text)
    return [m.span() for m in _pattern(terms).finditer(folded)], folded


def mark_text(text: str | None, terms: list[Term], marks: tuple[str, str]) -> str:
    """The whole text with every matched word wrapped in marks (used for titles)."""
    if not text:
        return text or ""
    return _marked(text, _spans(text, tuple(terms))[0], 0, len(text), marks)


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
    # No words (browsing by filters): the opening words. An empty pattern would match at every word
    # boundary: 16,000 empty marks for 20 hits, 340 ms.
    for text in texts if key else ():
        if not text:
            continue
        text = text[:_SCAN_LIMIT]
        spans, folded = _spans(text, key)
        if spans:
            return _window(text, folded, spans, marks, words)
    return _window(first[:_SCAN_LIMIT], "", [], marks, words)


def _window(text: str, folded: str, spans: list[tuple[int, int]], marks: tuple[str, str], words: int) -> str:
    # Work in characters around the densest cluster of matches, so only the window is cut
    # and marked, however long the body is.
    width = words * 7
    start = 0
    if spans:
        # The best window holds the most *different* query words, then the most matches.
        labels = [folded[s:e] for s, e in spans]
        best, best_score, j = spans[0][0], (0, 0), 0
        inside: dict[str, int] = {}
        for i, (s, _) in enumerate(spans):
            inside[labels[i]] = inside.get(labels[i], 0) + 1
            while spans[j][0] < s - width:
                inside[labels[j]] -= 1
                if not inside[labels[j]]:
                    del inside[labels[j]]
                j += 1
            score = (len(inside), i - j + 1)
            if score > best_score:
                best_score, best = score, spans[j][0]
        start = max(0, best - width // 6)
    end = min(len(text), start + width)
    if start > 0:
        space = text.find(" ", start, spans[0][0] if spans and spans[0][0] > start else start + 20)
        start = space + 1 if space != -1 else start
        start = min(start, _first_span_start(spans, start))
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
        end = max(end, _covering_end(spans, start, end))
    snippet = " ".join(_marked(text, spans, start, end, marks).split())
    return ("… " if start > 0 else "") + snippet + (" …" if end < len(text) else "")


def _first_span_start(spans: list[tuple[int, int]], start: int) -> int:
    # Never cut a marked word in two at the window's left edge.
    for s, e in spans:
        if s < start < e:
            return s
    return start


def _covering_end(spans: list[tuple[int, int]], start: int, end: int) -> int:
    for s, e in spans:
        if s < end < e:
            return e
    return end


def accent_score(texts: list[str | None], accented: list[str], folded_words: dict[str, str]) -> int:
    """How many of the query's accented words occur with exactly those accents (tone placement free).

    `folded_words` maps each accented query word's tone key to its folded form.
    """
    if not accented:
        return 0
    wanted = set(accented)
    found: set[str] = set()
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(f) for f in set(folded_words.values())) + r")\b")
    for text in texts:
        if not text:
            continue
        text = text[:_ACCENT_SCAN_LIMIT]
        for m in pattern.finditer(fold_aligned(text)):
            key = tone_key(text[m.start():m.end()])
            if key in wanted:
                found.add(key)
                if found == wanted:
                    return len(found)
    return len(found)
