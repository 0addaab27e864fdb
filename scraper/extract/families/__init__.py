"""Platform families as data: one TOML file per content-management system.

Each `<family>.toml` has `[family]` (name, platform, sample URL), `[detect]` (generator meta
words, markup markers, URL patterns, the score needed), `[article]` (CSS selectors saying
where the fields are; the field logic itself is shared) and, for crawling, `[listing]`.
"""
from __future__ import annotations

import os
import re
import tomllib
from functools import lru_cache
from importlib import resources
from urllib.parse import urlsplit

import lxml.etree

from scraper.extract.decode import decode_html

__all__ = ["family_names", "load_family", "page_names", "recognise", "score"]

# importlib.resources, not __file__: inside a zipped egg (scrapyd) there is no directory to glob.
_DIR = resources.files(__package__)
# A generator meta naming the platform is near-proof; a marker or URL shape is a hint.
_GENERATOR_WEIGHT = 3
_SNIFF_CHARS = 200_000
_GENERATOR_META = re.compile(r"<meta[^>]{0,300}?name=[\"']generator[\"'][^>]*>", re.I)


# Families named here (comma-separated) are left out: how a portal of a platform with no family
# file meets the code, measured on sample portals whose family files exist (bench profiles).
HIDE_ENV = "PORTAL_ARCHIVE_HIDE_FAMILIES"


@lru_cache(maxsize=None)
def _names() -> tuple[str, ...]:
    hidden = {n.strip() for n in os.environ.get(HIDE_ENV, "").split(",") if n.strip()}
    return tuple(sorted(n for n in (p.name[: -len(".toml")] for p in _DIR.iterdir() if p.name.endswith(".toml"))
                        if n not in hidden))


def family_names() -> list[str]:
    """Names of the known families, sorted (a fresh list: callers may change it)."""
    return list(_names())


@lru_cache(maxsize=None)
def _load(name: str) -> dict:
    path = _DIR / f"{name}.toml"
    if name not in _names() or not path.is_file():
        raise KeyError(f"unknown platform family {name!r}; known: {', '.join(family_names())}")
    with path.open("rb") as f:
        data = tomllib.load(f)
    data.setdefault("family", {}).setdefault("name", name)
    return data


def load_family(name: str) -> dict:
    """The parsed TOML of one family (a fresh copy is not made: treat it as read-only)."""
    return _load(name)


@lru_cache(maxsize=None)
def _class_regexes(name: str) -> tuple[tuple[str, re.Pattern], ...]:
    """(name, pattern finding it as a quoted or space-separated attribute word) per [detect] class."""
    return tuple((c, re.compile(r"[\"'\s]" + re.escape(c) + r"[\"'\s]"))
                 for c in _load(name).get("detect", {}).get("classes", []))


@lru_cache(maxsize=None)
def _url_regexes(name: str) -> tuple[re.Pattern, ...]:
    return tuple(re.compile(p) for p in _load(name).get("detect", {}).get("url_patterns", []))


def _generator(html: str) -> str:
    m = _GENERATOR_META.search(html, 0, _SNIFF_CHARS)
    if not m:
        return ""
    c = re.search(r"content=[\"']([^\"']*)", m.group(0), re.I)
    return (c.group(1) if c else "").lower()


def page_names(tree) -> set[str]:
    """Every class token and id of a parsed page (what `classes` in [detect] is checked against)."""
    names: set[str] = set()
    for el in tree.iter(lxml.etree.Element):
        cls, ident = el.get("class"), el.get("id")
        if cls:
            names.update(cls.split())
        if ident:
            names.add(ident)
    return names


def score(html: str, url: str, name: str, generator: str | None = None, names=None) -> int:
    """How strongly the page looks like family `name` (0 = not at all).

    Cheap evidence first (generator meta, URL shape, class/id names); the substring markers are
    only searched for when some cheap evidence is there, so a page costs a few searches, not
    one per marker of every family.
    """
    detect = _load(name).get("detect", {})
    if generator is None:
        generator = _generator(html)
    points = 0
    if generator and any(g in generator for g in detect.get("generator", [])):
        points += _GENERATOR_WEIGHT
    parts = urlsplit(url or "")
    target = parts.path + ("?" + parts.query if parts.query else "")
    if any(rx.search(target) for rx in _url_regexes(name)):
        points += 1
    if names is not None:
        points += sum(1 for c in detect.get("classes", []) if c in names)
    else:
        # The plain substring test first: the pattern (no literal prefix) tries every position of
        # the page, ~0.4 ms a class on a listing page, and most families' words are not there.
        points += sum(1 for c, rx in _class_regexes(name) if c in html and rx.search(html))
    if points:
        head = html[:_SNIFF_CHARS] if len(html) > _SNIFF_CHARS else html
        points += sum(1 for m in detect.get("markers", []) if m in head)
    return points


def recognise(tree_or_html, url: str, html: str | None = None, names=None) -> str | None:
    """The family the page belongs to, or None when no family is convincing.

    Give the parsed tree (and its text as `html`, to save serialising it; `names`: anything that
    answers `name in names` for its class tokens and ids, if already gathered) or the page text.
    """
    if tree_or_html is None:
        return None
    if isinstance(tree_or_html, bytes):
        html = decode_html(tree_or_html)
    elif isinstance(tree_or_html, str):
        html = tree_or_html
    else:
        if names is None:
            names = page_names(tree_or_html)
        if html is None:
            html = lxml.etree.tostring(tree_or_html, encoding="unicode", method="html")
    best, best_score = None, 0
    generator = _generator(html)
    for name in _names():
        s = score(html, url, name, generator, names)
        if s >= _load(name).get("detect", {}).get("min_score", 2) and s > best_score:
            best, best_score = name, s
    return best
