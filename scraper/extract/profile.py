"""Site profiles learned from a portal's own article pages, in the family files' format.

One page cannot tell content from chrome; several pages of one template can. What changes from
page to page is content; what repeats is chrome: a "title" equal on every page is a section
heading, a date equal on every page is today's date in the header, a count equal on every page is
a visit counter. From the records extraction made of a site's first pages (family rules checked
against the generic ones), `learn_profile` finds, per field, the selector that gives that page's
value on most pages and varies between them, and lists the selectors whose text never changes.

The result is a dict shaped like a family file (`[family]`, `[article]` selectors) plus
`[chrome]` and `[fit]` (and `[dates]`, where the pages showed the order of their numeric dates); `profile_to_toml` writes it as TOML (inspectable, diffable: the archive
keeps it per site), `profile_from_toml` reads it back, `extract_article(..., profile=...)` uses it
(and still checks its answers against the generic rules), `profile_fit` says how well a new page
still fits it (a redesign shows as pages that stop fitting).

Pure: no network, no database.
"""
from __future__ import annotations

import re
import tomllib
from collections import Counter

from scraper.extract.canonical import netloc_of
from scraper.extract.numbers import parse_view_count
from scraper.extract.select import PageIndex
from scraper.extract.text import ElementTexts, clean_text

__all__ = ["learn_profile", "profile_to_toml", "profile_from_toml", "profile_fit", "PROFILE_FIELDS",
           "MIN_PAGES", "FITS", "chrome_elements", "dates_month_first"]

PROFILE_FIELDS = ("title", "date", "views", "author", "content")
# Fewer pages cannot tell a repeated heading from a coincidence.
MIN_PAGES = 3
# A selector must give the page's own value on this share of the learning pages.
_MIN_FIT = 0.6
# Many articles have no byline: a selector that finds one on most pages finds something else on the rest.
_MIN_AUTHOR_FIT = 0.9
_STEADY = 0.9
# A page finding fewer of its site profile's steady fields than this is not of the learned template.
FITS = 0.5
# Only a short element can be a title, date, count or byline (a container holding one is not it).
_SHORT = {"title": 300, "date": 120, "views": 80, "author": 120}
_BODY_SHARE = 0.6
_NAME = re.compile(r"[A-Za-z][\w-]*")
# A bold or italic run is a body rule's business (the author line), not a place of the template.
_INLINE = frozenset(["strong", "b", "em", "i", "u", "font"])


def _hit(field: str, text: str, value) -> bool:
    """Whether an element's text is this page's value of the field."""
    if not text or value in (None, ""):
        return False
    if field == "title":
        return text == value
    if field == "views":
        return len(text) <= _SHORT["views"] and _may_read_as(text, value) and parse_view_count(text, bare=True) == value
    if field == "content":
        # most of the body and its end, and not a whole column around it (a lead kept in a
        # block of its own before the body element is the body's first paragraph)
        last, length = value
        return last in text and _BODY_SHARE * length <= len(text) <= 1.6 * length + 300
    return len(text) <= _SHORT[field] and value in text


# What clean_text drops (invisible characters) and digits other than 0-9 (which int() reads too):
# with neither in a text, a count is read from the digits as written there.
_UNUSUAL = re.compile("[^\\D0-9]|[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def _may_read_as(text: str, value: int) -> bool:
    """Whether parse_view_count may read `value` from the text: the number it reads is one run of
    digits or of 3-digit groups, so the value's last three digits (all of them, if fewer) are
    written together in the text. Most short texts with a digit (dates, numbers of other things)
    fail this substring test, which costs a fraction of parsing them (learning a profile spent
    0.54 of 2.6 ms a page reading counts from every short text)."""
    return str(value)[-3:] in text or (not text.isascii() and _UNUSUAL.search(text) is not None)


def _selectors(el, index: PageIndex) -> list[str]:
    """Simple `tag.class #id` selectors naming el, most specific first."""
    out = []
    ident = el.get("id")
    if ident and _NAME.fullmatch(ident):
        out.append(f"#{ident}")  # an id with digits (dnn_ctr2410_...) is a module's, the same on every page
    # its rarest class names in the page first: Drupal's body field is `clearfix text-formatted
    # field field--name-body ...`, named by the fourth (the first three name every field and wrapper)
    classes = sorted((c for c in (el.get("class") or "").split() if _NAME.fullmatch(c)), key=index.class_count)
    for c in classes[:3]:
        out.append(f"{el.tag}.{c}")
    # qualified by the nearest named ancestors: `div.field-item` alone is every Drupal field,
    # `div.field-name-body div.field-item` the body
    parent, hops, named = el.getparent(), 0, 0
    while parent is not None and hops < 4 and named < 2 and isinstance(parent.tag, str):
        pid = parent.get("id")
        pcls = [c for c in (parent.get("class") or "").split() if _NAME.fullmatch(c)]
        if pid and _NAME.fullmatch(pid):
            out.append(f"#{pid} {el.tag}")
            named += 1
        for c in pcls[:3]:
            out.append(f"{parent.tag}.{c} {el.tag}")
            if classes:
                out.append(f"{parent.tag}.{c} {el.tag}.{classes[0]}")
        named += bool(pcls)
        parent, hops = parent.getparent(), hops + 1
    return out


_NOT_HOLDERS = frozenset(["html", "body", "script", "style", "head", "title", "meta", "link", "noscript"])


def _holders(tree, texts: ElementTexts) -> list[tuple]:
    """(element, its text) of every element of a page that may hold a field's value, in page order:
    made once for all the fields (learning 20 pages walked each page once a field: 5x the lookups)."""
    return [(el, texts(el)) for el in tree.iter() if isinstance(el.tag, str) and el.tag not in _NOT_HOLDERS]


_DIGIT = re.compile(r"\d")


def _smallest_with(holders: list[tuple], field: str, value) -> list:
    """Elements holding the value, innermost first (at most a few)."""
    if field == "views":  # a count needs a digit: most short texts are let go without parsing them
        found = [el for el, text in holders
                 if text and len(text) <= _SHORT["views"] and _DIGIT.search(text) and _hit(field, text, value)]
    else:
        found = [el for el, text in holders if _hit(field, text, value)]
    # innermost first: an element none of whose children also holds it
    holding = set(found)
    inner = [el for el in found if not any(c in holding for c in el)]
    return inner[:4]


def _value(field: str, record: dict):
    if field == "title":
        return record.get("title")
    if field == "date":
        return clean_text(record.get("published_text")) or None
    if field == "views":
        return record.get("views")
    if field == "author":
        return record.get("author")
    paragraphs = [p for p in (record.get("body") or "").split("\n\n") if p.strip()]
    if not paragraphs:
        return None
    return paragraphs[-1][:40], len(record["body"])


def learn_profile(pages: list[tuple], site: str, base: dict | None = None) -> dict | None:
    """A profile from (tree, record) pairs of one site's article pages, or None with too few.

    `tree` is the parsed page (scraper.extract.parse_html), `record` the dict extraction made of
    it; `base` the recognised family file (its selectors are tried as candidates too, so a
    family selector that finds chrome is named in `[chrome]`).
    """
    pages = [(t, r) for t, r in pages if t is not None and r.get("title") and r.get("body")]
    if len(pages) < MIN_PAGES:
        return None
    indexes = [PageIndex(t) for t, _ in pages]
    page_texts = [ElementTexts() for _ in pages]  # each subtree's text made once a page, for every use below
    page_holders = [_holders(tree, texts) for (tree, _), texts in zip(pages, page_texts)]
    article: dict[str, list[str]] = {}
    chrome: dict[str, list[str]] = {}
    fit: dict[str, float] = {}
    base_article = (base or {}).get("article", {})
    for field in PROFILE_FIELDS:
        values = [_value(field, r) for _, r in pages]
        candidates: Counter = Counter()
        for holders, value, index in zip(page_holders, values, indexes):
            if value in (None, ""):
                continue
            for el in _smallest_with(holders, field, value):
                if field == "author" and el.tag in _INLINE:
                    continue
                if field == "date" and el.tag == "a":
                    continue  # a link's text giving the day: a document's or another item's name, not the date line
                for css in _selectors(el, index):
                    candidates[css] += 1
        # the field's value itself the same on every page: where extraction found it is chrome
        present_values = [v for v in values if v not in (None, "")]
        repeated = (len(present_values) >= MIN_PAGES and len(set(map(str, present_values))) == 1
                    and field not in ("author", "content"))
        from_family = set(base_article.get(field, []))
        for css in base_article.get(field, []):  # (the file's order: a set's changes run to run, and the profile with it)
            candidates.setdefault(css, 0)
        scored = []
        for css in candidates:
            texts = [_first_text(index, css, page) for index, page in zip(indexes, page_texts)]
            present = [t for t in texts if t]
            constant = len(present) >= MIN_PAGES and len(set(present)) == 1
            if field not in ("author", "content") and (repeated or (constant and css in from_family)):
                if constant:  # a family selector that finds the same heading or count on every page
                    chrome.setdefault(field, []).append(css)
                continue
            if constant:
                continue
            hits = sum(1 for t, v in zip(texts, values) if _hit(field, t, v))
            with_value = sum(1 for v in values if v not in (None, "")) or 1
            share = hits / with_value
            if share >= (_MIN_AUTHOR_FIT if field == "author" else _MIN_FIT):
                rank = share
                if field == "content":
                    # a block holding the title too is the article's column, not its body: on most
                    # pages, none (read with a selector, the column's head came with the text, a
                    # notice's letterhead between its tools and its text; the finders cut it)
                    titled = sum(1 for t, (_, r) in zip(texts, pages) if r["title"] in t)
                    if titled > len(pages) / 2:
                        continue
                    rank -= 0.5 * titled / len(pages)
                # tighter wins a tie: fewer characters around the value
                size = sum(len(t) for t in present) / max(len(present), 1)
                # and then the selector matching fewest elements (`li.statistics_counter span`, not `li.first span`)
                count = sum(len(index.select(css)) for index in indexes)
                # an id names the element itself (`#lblDate`), not every span under it (`#k2Container span`)
                own_id = css.startswith("#") and " " not in css
                scored.append((-rank, -share, -own_id, count, size, hits / len(pages), css))
        if scored:
            scored.sort()
            article[field] = [s[-1] for s in scored[:2]]
            fit[field] = round(scored[0][-2], 2)  # share of all the learning pages it gave the value on
    profile = {
        "family": {"name": f"profile:{site}", "platform": f"learned from {len(pages)} pages of {site}",
                   "base": (base or {}).get("family", {}).get("name", "generic"), "pages": len(pages)},
        "article": article,
        "chrome": chrome,
        "fit": fit,
    }
    order = _numeric_date_order([_first_text(index, article["date"][0], texts)
                                 for index, texts in zip(indexes, page_texts)] if article.get("date") else [])
    if order:
        profile["dates"] = {"order": order}
    return profile


_NUMERIC_DATE = re.compile(r"(?<![\d/.-])(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?![\d/.-])")


def _numeric_date_order(texts: list[str]) -> str | None:
    """The order "month-first" where the site's date line is written so: some page's date reads
    only that way ("10/28/2022") and none only day-first ("28/10/2022"). A page alone cannot tell
    "11/3/2022" (Weebly's default M/D/YYYY under a plain `lang="en"`, on a Vietnamese portal that
    writes D/M everywhere else); its site's other pages can."""
    month_first = day_first = 0
    for text in texts:
        for m in _NUMERIC_DATE.finditer(text or ""):
            first, second = int(m.group(1)), int(m.group(2))
            month_first += first <= 12 < second <= 31
            day_first += second <= 12 < first <= 31
    return "month-first" if month_first and not day_first else None


def dates_month_first(profile: dict | None) -> bool | None:
    """True where a site profile learned that the site writes its dates month-first; None (the
    page's own language decides) otherwise."""
    return True if ((profile or {}).get("dates") or {}).get("order") == "month-first" else None


def _first_text(index: PageIndex, css: str, texts: ElementTexts) -> str:
    found = index.select(css)
    return texts(found[0]) if found else ""


def _finds_text(index: PageIndex, css: str) -> bool:
    found = index.select(css)
    return bool(found) and any(t and not t.isspace() for t in found[0].itertext())


def chrome_elements(index: PageIndex, profile: dict | None) -> list:
    """The elements a profile names as chrome on this page (never a title, date or count): the
    first match of each chrome selector, as on the pages it was learned from (later matches of a
    selector as broad as `h1` may be content)."""
    out = []
    for field, selectors in ((profile or {}).get("chrome") or {}).items():
        if field == "content":
            continue
        for css in selectors:
            found = index.select(css)
            if found and found[0] not in out:
                out.append(found[0])
    return out


def profile_fit(profile: dict, tree, index: PageIndex | None = None) -> float:
    """Share of the profile's fields whose selector still finds something on this page (1.0: the
    page is of the learned template; a redesign drops it toward 0)."""
    article = (profile or {}).get("article") or {}
    learned_fit = (profile or {}).get("fit") or {}
    # only fields found on (nearly) every learning page: a byline missing is no redesign
    fields = [f for f in article if learned_fit.get(f, 0) >= _STEADY]
    if tree is None:
        return 0.0
    if not fields:
        return 1.0  # nothing steady to judge by (a hand-written profile without [fit])
    index = index or PageIndex(tree)
    found = sum(1 for f in fields if any(_finds_text(index, css) for css in article[f]))
    return round(found / len(fields), 2)


# ---------------------------------------------------------------- TOML

def _toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError(f"no TOML for {type(value).__name__}")


def profile_to_toml(profile: dict) -> str:
    """The profile as a family-style TOML file (tables in a fixed order, keys sorted)."""
    name = profile.get("family", {}).get("name", "profile")
    lines = [f"# Site profile {name}: learned from the site's own article pages (scraper/extract/profile.py).",
             "# [article]: selectors per field, as in a family file; [chrome]: selectors whose text was the",
             "# same on every page (never a title, date or count); [fit]: share of pages each field fitted;",
             "# [dates]: the order the site's date line writes numeric dates in, where its pages showed it."]
    for table in ("family", "article", "chrome", "fit", "dates"):
        if table == "dates" and not profile.get(table):
            continue  # (only where the site's own order was learned)
        values = profile.get(table) or {}
        lines += ["", f"[{table}]"]
        lines += [f"{key} = {_toml_value(values[key])}" for key in sorted(values)]
    return "\n".join(lines) + "\n"


def profile_from_toml(text: str) -> dict:
    """Read a stored profile (ValueError if it is not one)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"not a site profile: {exc}") from None
    if not isinstance(data.get("article"), dict):
        raise ValueError("not a site profile: no [article] table")
    return data


def site_of(url: str) -> str:
    """The site a page's profile belongs to: `host[:port]` of its canonical URL, the unit a crawl
    stays on. A port is another site: two portals on one host (the sample portals all on 127.0.0.1) have
    their own templates, and one profile learned from both portals' pages fits neither (keyed by
    host alone, a portal's own learning pages scored 0.0-0.5 against the profile they shared)."""
    return netloc_of(url)


__all__ += ["site_of"]
