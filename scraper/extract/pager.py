"""Pagers, pure: which link of a listing page leads to the next page, and which to the others.

Generic rules read what a pager says and how its links are shaped: "Trang sau", "Tiếp", rel=next,
arrows ("›", "»"), icon fonts and images, page numbers in links or in a `<select>`, and page
tokens in URLs (`?page=N`, `?start=20`, `/page/N/`, `trang-N.html`). A family's `page_links`
(in its TOML file) narrows the candidates to its own URL shape.
"""
from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from scraper.extract.canonical import canonical_url, netloc_of

__all__ = ["ARROW_ICON", "PAGE_EXTENSION", "PAGE_KEY", "PAGE_PATH", "head_links", "looks_like_page_of", "pagination",
           "select_pages", "with_params"]

# (and Chinese: a vendor's re-skinned DedeCMS or PHPCMS keeps its pager's "下一页", "末页")
_NEXT_WORDS = {"trang sau", "tiếp", "tiếp theo", "sau", "xem tiếp", "next", "kế tiếp", "trang kế", "trang tiếp",
               "trang tiếp theo", "trang kế tiếp", "next page", "xem trang sau", "下一页", "下页",
               # a blog's way on, to the older entries (Dotclear's "« các mục trước đó", WordPress's
               # "« Older Entries"): its next page
               "older posts", "older entries", "previous entries", "bài cũ hơn", "tin cũ hơn", "bài viết cũ hơn",
               "các mục trước đó", "các bài trước đó"}
# icon fonts draw the pager's arrows: <a><i class="fa fa-chevron-right"></i></a> (double: the last page)
# the class words of an icon font's arrow (a trail's steps are drawn with them too: extract.generic)
ARROW_ICON = r"chevron|angle|arrow|caret"
_ICON_NEXT = re.compile(rf"({ARROW_ICON})-(double-)?right|\bicon-next\b|\bnext\b")
_NOT_NEXT_WORDS = {"trang trước", "trước", "đầu", "trang đầu", "cuối", "trang cuối", "prev", "previous", "first", "last",
                   "上一页", "上页", "首页", "末页", "尾页"}
_ARROWS = "«»‹›<>←→⟨⟩|"
_NEXT_ARROWS = ("›", ">", "→", "⟩")  # a pager's link alone with one of these goes on one page
_LAST_ARROWS = ("»", ">>", "»»", "⟫")  # (or to the last page, where another goes on)
_NUMBER_LABEL = re.compile(r"(?:trang|page|tr\.?)?\s*(\d{1,5})")
# (after a module instance's id too: CMS Made Simple's `mae204pagenumber`)
PAGE_KEY = re.compile(r"(^|_|\d)(page|paged|trang|pg|pageindex|page_index|pagenumber|currentpage|cur|p|start|limitstart|offset)$", re.I)
PAGE_PATH = re.compile(
    r"/(page|trang|p|pg|pageindex|pagenumber)[/-]?\d+(?=/|$)|/(page|trang)[-_]?\d+(?=\.\w+$)|[-_](page|trang|p)[-_]?\d+(?=/|$|\.)",
    re.I)
PAGE_EXTENSION = re.compile(r"\.(html?|aspx?|php|jsp)$", re.I)  # /tin-tuc.html pages on as /tin-tuc/trang-2.html
# "Xem thêm" also labels links to sections and articles: a next page only when shaped like one
# (and the older news: "Xem thêm tin cũ hơn »", WordPress's "Older posts")
_MORE_WORDS = {"xem thêm", "xem thêm tin", "tải thêm", "thêm tin", "more", "load more", "older posts", "older entries"}
# ("Xem các tin cũ hơn »": an Oqtane vendor's footer link, the blog's pager having no addresses)
_OLDER_WORDS = re.compile(r"^(?:xem )?(?:thêm )?(?:các )?(?:tin|bài|bài viết|tin bài) cũ hơn$")
_DIGITS = re.compile(r"\d+")
# <select> pagers navigate in script: `location = '/tin?page=' + this.value`
_SELECT_URL_PREFIX = re.compile(r"""["']([^"']*)["']\s*\+\s*(?:this\.value|this\.options|\$\(this\)\.val\(\))""")


def with_params(url: str, params: list[tuple[str, str]]) -> str:
    """`url` with `params` appended to its query, which stays as written."""
    parts = urlsplit(url)
    query = "&".join(filter(None, (parts.query, urlencode(params))))
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))


def _clean_label(text: str) -> str:
    return " ".join(text.strip(_ARROWS + " .:[]()").lower().split())


def head_links(tree, base: str, netloc: str) -> list[tuple[str, str, object]]:
    """`<link rel="next|prev">` of the page head (SEO plugins write them even where the visible
    pager is drawn by script), as candidates after the page's own links."""
    out = []
    for el in tree.iter("link"):
        rel = (el.get("rel") or "").lower().split()
        if ("next" in rel or "prev" in rel) and el.get("href"):
            link = canonical_url(el.get("href"), base)
            if link and netloc_of(link) == netloc:
                out.append((link, "", el))
    return out


def select_pages(tree, base: str, netloc: str) -> list[tuple[str, str, object]]:
    """Page choices of `<select>` pagers as (url, page number, option): an option's value is the
    page's URL, or its number appended to the URL the select's script or form builds."""
    out = []
    for select in tree.iter("select"):
        script = select.get("onchange") or ""
        prefix = _SELECT_URL_PREFIX.search(script)
        form = next(select.iterancestors("form"), None)
        name = select.get("name") or ""
        choices = []
        for option in select.iter("option"):
            value = (option.get("value") or "").strip()
            label = " ".join("".join(option.itertext()).split())
            number = _DIGITS.search(label) or _DIGITS.fullmatch(value)
            if not value or not number:
                continue
            if prefix:
                href = prefix.group(1) + value
            elif _DIGITS.fullmatch(value):
                if not (form is not None and PAGE_KEY.search(name) and (form.get("method") or "get").lower() == "get"):
                    continue
                href = with_params(canonical_url(form.get("action") or base, base) or base, [(name, value)])
            else:
                href = value
            link = canonical_url(href, base)
            if link and netloc_of(link) == netloc:
                choices.append((link, number.group(0), option))
        numbers = sorted(int(n) for _, n, _ in choices)
        # pages count 1, 2, 3... (or from 0); a year or category picker does not
        if len(numbers) >= 2 and numbers[0] in (0, 1) and numbers == list(range(numbers[0], numbers[0] + len(numbers))):
            out.extend(choices)
    return out


def pagination(anchors, url: str, shape_known: bool) -> tuple[list[str], list[str]]:
    """(the next page, the other pages of the pager) among candidate links."""
    strong, weak, back, numbered = [], [], [], {}
    current = canonical_url(url) or url
    for link, text, a in anchors:
        if link == current:
            continue
        label = _clean_label(text)
        hint = _clean_label(" ".join(filter(None, (a.get("title"), a.get("aria-label")))))
        if not label and not hint and a.tag == "a":  # an icon link: <a><img alt="Trang sau"></a>
            hint = _clean_label(" ".join(a.xpath(".//img/@alt")))
        rel = (a.get("rel") or "").lower().split()
        classes = " ".join(filter(None, (a.get("class"), a.getparent().get("class") if a.getparent() is not None else ""))).lower()
        if label in _NOT_NEXT_WORDS or hint in _NOT_NEXT_WORDS or "prev" in rel:
            if shape_known or looks_like_page_of(link, url):
                back.append(link)
            continue
        if "next" in rel and a.tag == "link" and not (shape_known or looks_like_page_of(link, url)):
            continue  # a head's rel=next to another section (a theme's default: CMS Made Simple's)
        if "next" in rel or label in _NEXT_WORDS or hint in _NEXT_WORDS or re.search(r"\bnext\b", classes):
            strong.append(link)
        elif (label in _MORE_WORDS or hint in _MORE_WORDS or _OLDER_WORDS.match(label)) \
                and (shape_known or looks_like_page_of(link, url)):
            strong.append(link)
        elif text.strip() in _NEXT_ARROWS + _LAST_ARROWS and (shape_known or looks_like_page_of(link, url)):
            (strong if text.strip() in _NEXT_ARROWS else weak).append(link)
        elif not text.strip() and not hint and a.tag == "a" and (shape_known or looks_like_page_of(link, url)):
            icon = _ICON_NEXT.search(" ".join(a.xpath(".//@class")).lower())
            if icon:
                (weak if icon.group(2) else strong).append(link)
        elif (number := _page_number(label)) is not None and (shape_known or looks_like_page_of(link, url)):
            numbered.setdefault(number, link)
    # of several links saying "next", one shaped like a page of this listing is the pager's: a
    # blog front page's stories each end in "Xem tiếp" (read on) to the story (Geeklog), its pager's
    # "Sau" goes on to `?page=2`
    paged = [s for s in strong if shape_known or looks_like_page_of(s, url)]
    if paged or numbered:
        # (and where none is, a numbered pager decides: Realblog's entries each end in "Xem tiếp »"
        # to `?Tin-tuc-Su-kien&realblog_id=57`, its pager's "2" goes on to `&realblog_page=2`)
        strong = paged
    nxt: list[str] = strong[:1]
    if not nxt and numbered:
        by_value = _next_by_value(numbered, url)
        if by_value is not None:
            nxt = by_value
        else:
            here = _current_number(numbered, url)
            later = sorted(n for n in numbered if n > here)
            if later:
                nxt = [numbered[later[0]]]
    if not nxt and weak:
        nxt = [w for w in weak if w not in numbered.values()][-1:]
    others = [u for u in dict.fromkeys(strong + list(numbered.values()) + weak + back) if u not in nxt]
    return nxt, others


def _page_number(label: str) -> int | None:
    """The page a pager label names: "3", "Trang 3", "Page 3"."""
    m = _NUMBER_LABEL.fullmatch(label)
    return int(m.group(1)) if m else None


def _page_token(url: str) -> tuple[str, int] | None:
    """(page key, its value) of a URL: `start=20` -> ("start", 20), `/page/3/` -> ("path", 3)."""
    parts = urlsplit(url)
    for k, v in parse_qsl(parts.query):
        if PAGE_KEY.search(k) and v.isdigit():
            return k.lower(), int(v)
    m = PAGE_PATH.search(parts.path)
    return ("path", int(re.search(r"\d+", m.group(0)).group(0))) if m else None


def _next_by_value(numbered: dict[int, str], url: str) -> list[str] | None:
    """On a page whose URL carries a page token, the numbered link with the next larger value of
    the same token: right for page numbers (0- or 1-based) and item offsets (start=10, 20...)
    alike. None when the pager's links carry no such token (then the labels decide)."""
    token = _page_token(url)
    if token is None:
        return None
    values = [(t[1], link) for link in numbered.values() if (t := _page_token(link)) and t[0] == token[0]]
    if not values:
        return None
    later = sorted(v for v in values if v[0] > token[1])
    return [later[0][1]] if later else []


def _current_number(numbered: dict[int, str], url: str) -> int:
    """The page number of `url`: 1 unless the URL carries a page token."""
    parts = urlsplit(url)
    for k, v in parse_qsl(parts.query):
        if PAGE_KEY.search(k) and v.isdigit():
            n = int(v)
            # 0-based pagers write page=1 for the 2nd page: the link labelled n+1 is then this page
            return n + 1 if numbered.get(n + 1) == url else n
    m = PAGE_PATH.search(parts.path)
    if m:
        return int(re.search(r"\d+", m.group(0)).group(0))
    return 1


def _strip_paging(url: str) -> tuple[str, tuple]:
    parts = urlsplit(url)
    path = PAGE_EXTENSION.sub("", PAGE_PATH.sub("", parts.path)).rstrip("/")
    query = tuple(sorted((k, v) for k, v in parse_qsl(parts.query) if not PAGE_KEY.search(k)))
    return path, query


_PAGE_SUFFIX = re.compile(r"[2-9]\d{0,3}")
# A site's front script, which renders any page by its query (`index.php?mact=...`, `Default.aspx`)
FRONT_SCRIPT = re.compile(r"(default|index|home)\.(aspx?|php|html?|jsp|cfm)", re.I)


# (not a platform's render key: Liferay's `p_p_id`, Joomla's menu item `Itemid` a pager may add)
_ITEM_KEY = re.compile(r"^(?!p_|itemid$)\w*id$", re.I)


def looks_like_page_of(link: str, listing_url: str) -> bool:
    """Same listing once page tokens (page=N, /page/N, _cur=N...) are taken out of both URLs."""
    a_path, a_query = _strip_paging(link)
    b_path, b_query = _strip_paging(listing_url)
    if a_path != b_path and b_path and a_path.startswith(b_path) and _PAGE_SUFFIX.fullmatch(a_path[len(b_path):]):
        return set(b_query) <= set(a_query)  # the page's number after its name (Pelican's `tin-tuc2.html`)
    if a_path != b_path:
        # (or the site's front script given a page's number: CMS Made Simple's friendly listing pages
        # on as `/index.php?mact=News,...&mae204pagenumber=2`)
        return bool(FRONT_SCRIPT.fullmatch(urlsplit(link).path.rsplit("/", 1)[-1])) and any(
            PAGE_KEY.search(k) and v.isdigit() and int(v) > 1 for k, v in parse_qsl(urlsplit(link).query))
    # platform render parameters (Liferay p_p_*) may be added by the pager: extra keys are fine, but
    # for an item's number (Realblog's `?Tin-tuc-Su-kien&realblog_id=55`, an entry of the listing)
    extra = set(a_query) - set(b_query)
    return set(b_query) <= set(a_query) and not any(_ITEM_KEY.search(k) and v.isdigit() for k, v in extra)
