"""Field rules shared by the family and generic extractors: title, date, views, author, category.

Families only say where to look (CSS selectors); these functions decide what a field's value is.
"""
from __future__ import annotations

import copy
import itertools
import json
import re
import unicodedata
from datetime import date, datetime, timedelta, timezone
from urllib.parse import unquote, urlsplit

import lxml.etree

from scraper.extract.canonical import route_of
from scraper.extract.checks import DETAIL_PAGE, SITE_NAME, named_by_link
from scraper.extract.dates import (PUBLISHED_LABELS, UPDATED_LABELS, WEEKDAY, find_dates, foreign_month_named,
                                   parse_iso_datetime)
from scraper.extract.numbers import parse_view_count
from scraper.extract.page_dates import machine_published, month_first, page_language, text_date, url_date, url_month
from scraper.extract.text import VIETNAMESE_LETTER, class_and_id, clean_text, element_text, hidden_by_class, \
    hidden_by_style

__all__ = ["AUTHOR_LABEL", "BYLINE_LABEL", "LazyMeta", "PageMeta", "read_meta", "choose_title", "choose_published",
           "category_from_breadcrumb", "author_from_element", "names_page_file", "title_meta_line", "page_file", "text_pieces", "zone_views"]

# Compiled once: these run per element or per text piece.
# (and an eye icon's class: Bootstrap Icons' `bi-eye`, Font Awesome's `fa-eye` before a bare count)
_COUNTER_HINT = re.compile(r"xem|view|hits|lượt|(^|[\s_-])eye([\s_-]|$)", re.I)

_ICON_TAGS = frozenset(["i", "span", "svg", "em", "img"])
_HOME_WORDS = {"trang chủ", "home", "trang nhất", "trang nhà", "trang chu", "homepage", "tin tức"}
_SEPARATORS = re.compile(r"^[\s»›>/|→:•·\-–—]*$")
_TITLE_MARKS = r"[-|–—:»•]"  # what parts a page's title from its site's name, between spaces
_TITLE_PART = r"\s+" + _TITLE_MARKS + r"\s+"
_SITE_SUFFIX = re.compile(_TITLE_PART + r".*$")
# an author's line by its label ("Tác giả:", "Bài, ảnh:", "Thực hiện:"), the name after it
AUTHOR_LABEL = re.compile(
    r"^\s*(tác giả|người viết|tin,? ảnh|tin và ảnh|tin\s*/\s*ảnh|bài,? ảnh|bài và ảnh|bài\s*/\s*ảnh|"
    r"ảnh(?:,| và|\s*/|\s*&)?\s*(?:bài|tin)|(?:tin|bài)\s*&\s*ảnh|"
    r"bài viết|thực hiện|pv|phóng viên|nhóm pv|ctv|cộng tác viên|by|authors?|author\(s\))\s*[:：]\s*", re.I)
# Bylines the body's author labels do not cover: NukeViet's "Tác giả bài viết:", K2's and
# Joomla's "Viết bởi NAME" (no colon), EasyBlog's "Được viết bởi NAME", Zikula's "Tạo bởi NAME vào ...".
# (and "Bởi" alone, WordPress themes' "by": not "Bởi vì", "Bởi vậy"... which open sentences; and a
# blog template's byline in the blog's language: Blogger's "Publié par", "Eingestellt von")
BYLINE_LABEL = re.compile(r"^\s*(?:(?:tác giả bài viết|người đăng)\s*[:：]|(?:(?:được |bài )?(?:viết|đăng|gửi|tạo) )?bởi"
                          r"(?!\s+(?:vì|lẽ|thế|vậy|do|nên|sao)\b)\s*[:：]?|"
                          r"(?:(?:publié|posté|écrit|publicado|escrito|pubblicato|scritto) (?:par|por|da)|"
                          r"(?:eingestellt|geschrieben|verfasst) von)\s*[:：]?)\s*", re.I)
# schema.org types of an article (NewsArticle, BlogPosting, LiveBlogPosting, ReportageNews, Report...)
_ARTICLE_TYPE = re.compile(r"Article|Posting|Report|Story")
# A JSON-LD block JSON cannot read (a stray comma, a raw newline): its datePublished is still there.
_JSONLD_PUBLISHED = re.compile(r'"datePublished"\s*:\s*"([^"]{10,40})"')
_SKIP_TAGS = frozenset(["script", "style", "noscript", "template", "option", "select", "button", "textarea"])


class PageMeta:
    """Machine-readable metadata of a page: OpenGraph, article:*, JSON-LD, <title>."""

    __slots__ = ("og_title", "html_title", "headline", "description", "published", "section", "jsonld_author",
                 "breadcrumb", "month_first", "url_day", "tree", "url")

    def __init__(self):
        self.og_title = self.html_title = self.headline = self.description = None
        self.published = self.section = self.jsonld_author = None
        self.breadcrumb: list[str] = []
        self.month_first = False
        self.url_day = self.tree = self.url = None


def _walk_jsonld(node, meta: PageMeta) -> None:
    if isinstance(node, list):
        for item in node:
            _walk_jsonld(item, meta)
        return
    if not isinstance(node, dict):
        return
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    if "@graph" in node:
        _walk_jsonld(node["@graph"], meta)
    if any(isinstance(k, str) and (_ARTICLE_TYPE.search(k) or k == "WebPage") for k in kinds):
        is_article = any(isinstance(k, str) and _ARTICLE_TYPE.search(k) for k in kinds)
        if node.get("datePublished") and (is_article or not meta.published):
            meta.published = parse_iso_datetime(str(node["datePublished"])) or meta.published
        if is_article:
            if isinstance(node.get("headline"), str):
                meta.headline = clean_text(node["headline"])
            author = node.get("author")
            if isinstance(author, list) and author:
                author = author[0]
            # (a person: an Organization named as the author is the publisher, "UBND huyện Đức Trọng")
            if isinstance(author, dict) and isinstance(author.get("name"), str) \
                    and author.get("@type") in (None, "Person"):
                meta.jsonld_author = clean_text(author["name"])
            elif isinstance(author, str):
                meta.jsonld_author = clean_text(author)
            if isinstance(node.get("articleSection"), str):
                meta.section = clean_text(node["articleSection"])
    if "BreadcrumbList" in kinds and isinstance(node.get("itemListElement"), list):
        names = []
        for item in sorted(node["itemListElement"], key=lambda i: i.get("position", 0) if isinstance(i, dict) else 0):
            if isinstance(item, dict):
                name = item.get("name") or (item.get("item") or {}).get("name") if isinstance(item.get("item"), dict) else item.get("name")
                if _site_root(item.get("item")):
                    continue  # the home page's step, under the site's name (Substack's "Tuổi trẻ Hải Hậu" at "/")
                if isinstance(name, str):
                    names.append(clean_text(name))
        meta.breadcrumb = names


def _site_root(item) -> bool:
    """A breadcrumb step's address (a string, or an object's `@id`) that is the site's root."""
    address = item.get("@id") if isinstance(item, dict) else item
    if not isinstance(address, str) or not address.strip():
        return False
    parts = urlsplit(address.strip())
    return parts.path in ("", "/") and not parts.query


class LazyMeta:
    """PageMeta read on first use: a family page whose selectors find every field never needs it."""

    __slots__ = ("_tree", "_url", "_meta", "_month_first")

    def __init__(self, tree, url: str | None = None, month_first: bool | None = None):
        """`month_first`: the site's own order of numeric dates where it is known (a site profile
        saw its date line written month-first), over what the page's language says."""
        self._tree, self._url, self._meta, self._month_first = tree, url, None, month_first

    def __getattr__(self, name: str):
        if name == "month_first" and self._month_first is not None:
            return self._month_first
        if self._meta is None:
            if name == "month_first":  # asked of every page: answered from <html lang> and the head alone
                return month_first(self._tree)
            if name == "url_day":  # asked of every dated page: answered from the address alone
                return url_date(self._url)
            self._meta = read_meta(self._tree, self._url)
        return getattr(self._meta, name)


def read_meta(tree, url: str | None = None) -> PageMeta:
    meta = PageMeta()
    meta.tree, meta.url = tree, url
    head = tree.find("head")
    scope = head if head is not None else tree
    for el in scope.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").lower()
        value = el.get("content")
        if not value:
            continue
        if key == "og:title":
            meta.og_title = clean_text(value)
        elif key in ("og:description", "description") and not meta.description:
            meta.description = clean_text(value)
        elif key == "article:section":
            meta.section = clean_text(value)
    title = _page_title(tree, head)
    if title is not None:
        meta.html_title = clean_text("".join(title.itertext()))
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            _walk_jsonld(json.loads(script.text), meta)
        except (ValueError, RecursionError):
            m = _JSONLD_PUBLISHED.search(script.text)
            if m and not meta.published:
                meta.published = parse_iso_datetime(m.group(1))
    # JSON-LD's article date first (it names the article), then the meta vocabularies and markup; a
    # JSON-LD day alone takes their time of that day (LocalGov Drupal's Schema.org Metatag "2024-03-08",
    # its og `article:published_time` "2024-03-08T10:20:00+0700")
    if not meta.published:
        meta.published = machine_published(tree)
    elif "T" not in meta.published and (timed := machine_published(tree)) and "T" in timed \
            and timed[:10] == meta.published[:10]:
        meta.published = timed
    meta.month_first = month_first(tree)
    meta.url_day = url_date(url)
    return meta


def _page_title(tree, head):
    """The first <title> below the root, as find(".//title") gives it. Looked for in a <head> that
    opens the page first: lxml's iterator looks ahead for the next match, so even the first <title>
    of the whole tree cost a walk of the whole page (2 us of 0.8 ms a portal page)."""
    if head is not None and head.getparent() is tree and head.getprevious() is None:
        found = next(head.iter("title"), None)
        if found is not None:
            return found
    return next((el for el in tree.iter("title") if el is not tree), None)


# Dashes and quotes a CMS writes differently in the heading and in the <title> ("Yên Định – điểm
# sáng" on the page, "Yên Định - điểm sáng" in its metadata: WordPress's texturize).
_TYPOGRAPHY = str.maketrans({"–": "-", "—": "-", "‘": "'", "’": "'", "“": '"', "”": '"', "\u00a0": " "})


def _similar(a: str, b: str) -> bool:
    a, b = a.lower(), b.lower()
    if a == b or (len(a) >= 12 and (b.startswith(a) or a.startswith(b) or _after_site_name(a, b))):
        return True
    a, b = a.translate(_TYPOGRAPHY), b.translate(_TYPOGRAPHY)
    return a == b or (len(a) >= 12 and (b.startswith(a) or a.startswith(b) or _after_site_name(a, b)))


def _after_site_name(heading: str, ref: str) -> bool:
    """The metadata title is the heading after a name and a separator: Blogger's <title> "Tuổi trẻ
    Cẩm Khê: <the post's title>" (a name shorter than the heading: a site's, not a kicker's)."""
    name = ref[:-len(heading)] if len(ref) > len(heading) and ref.endswith(heading) else ""
    return 0 < len(name) <= min(40, len(heading)) and bool(_NAME_BEFORE.search(name))


_TRAIL_STEP = re.compile(r"\s+[>»›]\s+")
_NAME_BEFORE = re.compile(r"\w\s*[:|»›>–—-]\s*$")  # (DNN's "Huyện Cẩm Giàng > Tin tức > <title>")


def choose_title(tree, meta: PageMeta, candidates=None, address: str | None = None):
    """(title text, element). Headings agreeing with og:title/<title> win; else the first h1.
    `address`: the page's own address where it declares one (its slug names its title)."""
    refs = _title_refs(meta)
    # the article's own metadata titles, where the <title> may be its section's page's
    named = _title_refs(meta, with_page_title=False)
    searched = candidates is None  # (the page's headings, not those a caller chose)
    if searched:
        candidates = [el for el in tree.iter("h1", "h2", "h3")]
    best = linked = by_page = None
    for el in candidates:
        if hidden_by_class(el.get("class")) or hidden_by_style(el.get("style")):
            # a heading for screen readers only (Liferay's, the <title> again; Percussion's page
            # template opens with `<h3 style="display:none">` and the browser's title)
            continue
        text = (len(el) and _above_meta_line(el)) or element_text(el)
        if not text or len(text) < 4:
            continue
        if any(_similar(text, r) for r in refs):
            if named and not any(_similar(text, r) for r in named):
                # titled like the <title> only, where og:title names another heading: the section's
                # (Liferay's portlet title on a page reached by the publisher's view-content address)
                by_page = by_page or (text, el)
                continue
            # (a heading in capitals named by a link to the same path with another query names
            # another page: a portal page's channel, Vignette's "TIN TỨC - SỰ KIỆN" linked as
            # `menuitem.x/?vgnextoid=<channel>` above the item's `?vgnextoid=<item>`)
            if len(_WORDS.findall(text)) < _SECTION_WORDS and named_by_link(
                    text, tree, meta.url or "", by_query=text.isupper()):
                spelt = _heading_of_address(candidates, address or meta.url)
                if spelt is None and text.isupper():
                    # (an address spelling no words: the element named as the title under the
                    # section's heading in capitals, Vignette's `h1` "TIN TỨC - SỰ KIỆN" and
                    # `h2.content-title`)
                    spelt = _classed_title(tree, meta.url or "")
                if spelt is not None and spelt is not el:
                    return element_text(spelt), spelt
            if _is_link(el):
                # the same title as a link: the item of a "most read" box before the article's own
                # (or the title itself, a link post's to the page it shares, the page's host set after
                # it: Tumblr's `h2.link-title` "<a>...</a> <span class=link-host>baochinhphu.vn</span>")
                linked = linked or (title_of(el, meta, text), el)
                continue
            return title_of(el, meta, text), el
        for core in _title_cores(el, text):
            if core and any(_similar(core, r) for r in refs):
                return core, el
        if best is None and el.tag == "h1" and len(text.split()) >= 3 and not SITE_NAME.match(text):
            best = (text, el)
    if linked or by_page:
        return linked or by_page
    if best and meta.html_title and searched and best[0] in meta.html_title:
        # a lesser heading the <title> ends with, after the first h1's words: the article's under the
        # page's (Realblog's `<h4>` after CMSimple_XH's page heading `<h1>Tin tức - Sự kiện</h1>`, titled
        # "Site - Tin tức - Sự kiện – <the article's title>")
        after = meta.html_title[meta.html_title.index(best[0]) + len(best[0]):]
        lesser = next((h for h in tree.iter("h4", "h5", "h6") if not _is_link(h) and not hidden_by_style(h.get("style"))
                       and len(element_text(h)) >= 12
                       and after.strip(" -–—|:»›>").casefold() == element_text(h).casefold()),
                      None)
        if lesser is not None:
            return element_text(lesser), lesser
    if best and searched and _heading_of_address([best[1]], address or meta.url) is None and (spelt := _heading_of_address(
            [h for h in candidates if h is not best[1] and _shown_heading(h)], address or meta.url)) is not None:
        # a heading the page's address spells over the first h1, which it does not: the article's under
        # the site's banner (Kooboo's `h1.site-title` "ỦY BAN NHÂN DÂN HUYỆN VŨ BẢN" in two spans, the
        # article's `h2.title`, a generic <title>)
        return element_text(spelt), spelt
    if best:
        return best
    el = _titled_element(tree, refs) if refs else _classed_title(tree, meta.url or "")
    if refs and not named and _names_a_section(refs[0], tree, meta.url or ""):
        # the <title> is the portal page's name on every article (Oracle Portal's "Tin hoạt động"),
        # the article's in an element named as a title (`div.PortletHeading1.tieu-de-tin`) or one
        # whose text the address spells (Liferay 5.2's current tab, `ul.tabs li.current > span`)
        # (an element saying the <title> again is the portlet's heading, taken where neither is found)
        found = next((f for f in (_spelt_by_address(tree, address or meta.url), _classed_title(tree, meta.url or ""))
                      if f is not None and not SITE_NAME.match(element_text(f))), None)
        el = found if found is not None else el
    if el is None and refs:
        # a heading or an element named as the title that the page's address spells, where the
        # metadata gives an SEO title no element shows (Odoo's `o_wblog_post_title`, its <title> and
        # og:title another; TYPO3 news' alternative title over its `h3[itemprop=headline]`)
        classed = _classed_title(tree, meta.url or "")
        el = _heading_of_address([h for h in candidates if _shown_heading(h)] + ([classed] if classed is not None else []),
                                 address or meta.url)
    if el is None and not refs:
        el = _large_type_title(tree)
    if el is None and not refs and searched and _BUILDER_DEFAULT.match(meta.html_title or ""):
        # the first heading of a title's words under the site's banner, on a page whose <title> is a
        # builder's default ("Page 23") and whose h1 is the site's name (an old Mobirise export)
        el = next((h for h in candidates if _shown_heading(h) and _title_sized(text := element_text(h))
                   and not _is_link(h) and h.find(".//a") is None and not SITE_NAME.match(text)), None)
    if el is None and refs and not named and searched:
        el = _title_under_module_heading(tree, candidates, meta.html_title or "", meta.url or "")
    if el is not None:
        return _after_section_link(el) or element_text(el), el
    if meta.og_title:
        return meta.og_title, None
    if meta.headline:
        return meta.headline, None
    if meta.html_title and not SITE_NAME.match(meta.html_title) and not _BUILDER_DEFAULT.match(meta.html_title):
        # (a site's name titles no article: an error page's)
        title = _SITE_SUFFIX.sub("", meta.html_title) or meta.html_title
        # the page's trail before it (DNN's "Huyện Cẩm Giàng > Tin tức > <the page's name>")
        last = _TRAIL_STEP.split(title)[-1]
        return (last if last != title and len(last.split()) >= 4 else title), None
    return None, None


# A heading of few words that a menu or breadcrumb link also names is a section's, even where the
# page's <title> says the same (a portal page titled by its section: WebSphere Portal's "Tin hoạt
# động - Cổng ...", its portlet's header set just above the article's own heading). A short title
# no link names stays (web-eval: "Enterprise 2.0" above its subtitle).
_SECTION_WORDS = 5
_WORDS = re.compile(r"\w+")


def _names_a_section(title: str, tree, url: str) -> bool:
    """A page title of a section's few words that a link of the page names too."""
    # (the site's name after the last separator or the first: "Tin tức - Sự kiện - Huyện Cẩm Khê")
    names = {n.casefold() for n in (title, re.split(_TITLE_PART, title)[0],
                                    re.split(_TITLE_PART + r"(?!.*\s" + _TITLE_MARKS + r"\s)", title)[0])
             if n and len(_WORDS.findall(n)) < _SECTION_WORDS}
    # (a link to the page itself without the portlet's state counts: the section's listing is the
    # same portal page as its articles, `tinhoatdong` and `tinhoatdong?p_main_news_id=N`)
    return bool(names) and named_by_link(names, tree, url, by_query=True)


def _is_link(el) -> bool:
    """A heading whose text is a link's (a list item's title; a blog's title linking to its own
    post is one too, and taken where no other heading agrees)."""
    link = next(iter(el.iter("a")), None)
    if link is not None:
        return bool(link.get("href")) and len(element_text(link)) >= 0.8 * len(element_text(el))
    return any(p.tag == "a" and p.get("href") for p in el.iterancestors())


def _title_under_module_heading(tree, candidates, html_title: str, url: str):
    """The first heading of a title's words under the page's h1 where that h1 says what the <title>
    opens with: the module's name on every page ("News Flash • Cẩm Giàng, Hải Dương • CivicEngage"
    over CivicPlus's `h1.pageTitle` "News Flash", the item's own `h3` below it); not a section's
    name a link gives."""
    module = re.split(_TITLE_PART, html_title)[0].strip().casefold()
    under = False
    for h in candidates:
        text = element_text(h)
        if not under:
            under = h.tag == "h1" and text.casefold() == module
            continue
        if _shown_heading(h) and _title_sized(text) and h.find(".//a") is None and not named_by_link(text, tree, url):
            return h
    return None


def _shown_heading(el) -> bool:
    """A heading readers see that is no link (to another item)."""
    return not (_is_link(el) or hidden_by_class(el.get("class")) or hidden_by_style(el.get("style")))


def _heading_of_address(candidates, url: str | None):
    """The heading the page's address spells (`/tin-hoat-dong/nong-dan-yen-the-co-ban-...`): the
    article's, where a shorter one only names its section."""
    slug = _slug_words(url)
    if len(slug) < 4:
        return None
    for el in candidates:
        words = set(_folded_words(element_text(el)))
        if sum(w in words for w in slug) >= 0.8 * len(slug):
            return el
    return None


def _spelt_by_address(tree, url: str | None):
    """The first element of a title's length whose own text the page's address spells."""
    slug = _slug_words(url)
    if len(slug) < 4:
        return None
    for el in tree.iter(*_TITLE_TAGS, "li"):
        if len(el) or not el.text or not _title_sized(el.text):
            continue
        words = set(_folded_words(el.text))
        if sum(w in words for w in slug) >= 0.8 * len(slug):
            return el
    return None


def _slug_words(url: str | None) -> list[str]:
    """The words of the address's last named step (a portal's state and a trailing id left out)."""
    if not url:
        return []
    path = urlsplit(route_of(url)).path
    if "%" in path:
        path = unquote(path)  # (a slug of Vietnamese letters kept, percent-encoded: CMS Made Simple's)
    for step in reversed([s for s in path.split("/") if s]):
        words = [w for w in (re.split(r"[-_+.]", step.lower()) if step.isascii() else _folded_words(step))
                 if w and not w.isdigit() and w not in _EXTENSIONS]
        if len(words) >= 2:
            return words
    return []


_EXTENSIONS = frozenset(["html", "htm", "aspx", "asp", "php", "jsp"])


def _folded_words(text: str) -> list[str]:
    """Lower-case words without diacritics, as addresses spell them ("Đồng Hưu" -> dong, huu)."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return re.findall(r"[a-z0-9]+", "".join(c for c in decomposed if not unicodedata.combining(c)))


def _title_refs(meta: PageMeta, with_page_title: bool = True) -> list[str]:
    """The titles the page's metadata gives (og:title, headline, <title>), a site's name left out."""
    found = (meta.og_title, meta.headline, meta.html_title) if with_page_title else (meta.og_title, meta.headline)
    return [r for r in (_after_site_title(r) if r and SITE_NAME.match(r) else r for r in found)
            if r and not _BUILDER_DEFAULT.match(r)]


# a site builder's name for a page never renamed (Mobirise's "Page 23", "Untitled"): no title of it
_BUILDER_DEFAULT = re.compile(r"(page|trang|untitled|new page|untitled page)\s*\d*$", re.I)


def _after_site_title(ref: str) -> str | None:
    """What a title beginning with the site's name gives after a colon or a dash (TYPO3's and
    Blogger's "Cổng thông tin điện tử huyện Thọ Xuân: <the page's title>", Joomla 1.0's "Trang
    thông tin điện tử huyện Kim Sơn - <the page's title>"), when that is a title's length and not
    the site's name going on ("Cổng thông tin điện tử - UBND huyện Lục Ngạn tỉnh Bắc Giang")."""
    m = _SITE_TITLE_SEPARATOR.search(ref)
    rest = ref[m.end():].strip() if m else ""
    section, dash, title = rest.partition(" - ")
    if dash and len(_WORDS.findall(section)) <= 3 and len(_WORDS.findall(title)) >= 4:
        rest = title  # (the section's name between: "Site - Tin tức - <the title>")
    if len(_WORDS.findall(rest)) < 4 or SITE_NAME.match(rest) or _unit_name(rest):
        return None
    return rest


_SITE_TITLE_SEPARATOR = re.compile(r":\s|\s[-–—|]\s")
_UNIT_NAME = re.compile(r"(ubnd|ủy ban|uỷ ban|huyện|tỉnh|thành phố|thị xã|quận|xã|thị trấn)\b", re.I)
_UNIT_WORDS = re.compile(r"(ubnd|ủy|uỷ|ban|nhân|dân|huyện|tỉnh|thành|phố|thị|xã|quận|trấn)$", re.I)


def _unit_name(text: str) -> bool:
    """A unit's name ("UBND huyện Lục Ngạn tỉnh Bắc Giang"): its words the units' and names', not a
    title opening with one ("Xã Phú Lão ra quân làm đường giao thông nông thôn")."""
    return bool(_UNIT_NAME.match(text)) and all(w[0].isupper() or _UNIT_WORDS.match(w) for w in text.split())


def titled_by_metadata(text: str, meta: PageMeta) -> bool | None:
    """Whether a title agrees with the page's og:title, headline or <title>; None when it has none."""
    refs = _title_refs(meta)
    return any(_similar(text, r) for r in refs) if refs else None


def title_of(el, meta: PageMeta, text: str | None = None) -> str:
    """A title element's text, a badge at its end left out where the page's metadata titles say so."""
    text = element_text(el) if text is None else text
    if text and len(el) and (above := _above_meta_line(el)):
        return above
    if text and len(el) and (named := _after_namespace(el, text)):
        return named
    if text and len(el):
        refs = None
        for core in _title_cores(el, text):
            if core:
                refs = _title_refs(meta) if refs is None else refs
                if any(_similar(core, r) for r in refs) and not any(_opens(r, text) for r in refs):
                    return core
    return text


def _above_meta_line(el) -> str | None:
    """A heading's text before the line break its meta line follows, when that line states a date
    (PHPCMS's stock show page: `<h1>Title<br /><span>2023-11-15 09:30:12 Nguồn：... Lượt xem：</span></h1>`)."""
    line = title_meta_line(el)
    if not line:
        return None
    before = el[:el.index(line[0]) - 1]  # (the children before the line break)
    return clean_text((el.text or "") + "".join(_text_of(c) for c in before)) or None


def title_meta_line(el) -> list:
    """The elements of a meta line stated inside the title's heading after a line break (see
    `_above_meta_line`); none where the text after the break is the title's second line."""
    brk = next((c for c in el if c.tag == "br"), None) if len(el) else None
    if brk is None or (brk.tail or "").strip():
        return []
    line = list(brk.itersiblings())
    text = clean_text("".join(_text_of(c) for c in line))
    return line if text and find_dates(text) else []


def _text_of(el) -> str:
    """An element's text and its tail, as written."""
    return lxml.etree.tostring(el, method="text", encoding="unicode")


def _opens(ref: str, text: str) -> bool:
    """A metadata title that is the text or opens with it (a <title> adding the site's name): not
    one the text runs past ("... năm 2023 Nổi bật" opens with the og:title, K2's featured flag)."""
    ref, text = ref.lower().translate(_TYPOGRAPHY), text.lower().translate(_TYPOGRAPHY)
    return ref.startswith(text)


def _without_badge(el, text: str) -> str | None:
    """A heading's text without the badge set at its end ("... năm 2023 <span class=badge>Mới</span>")."""
    if not len(el):
        return None
    last = el[-1]
    if not isinstance(last.tag, str) or (last.tail or "").strip():
        return None
    badge = element_text(last)
    if not badge or len(badge.split()) > 2 or len(badge) >= len(text) // 3 or not text.endswith(badge):
        return None
    return text[:-len(badge)].rstrip() or None


def _title_cores(el, text: str) -> tuple:
    """A heading's text without what is set around its title (None where nothing is): a badge after
    it, a kicker or a day before it."""
    return _without_badge(el, text), _without_kicker(el, text), _without_day_prefix(text)


def _without_day_prefix(text: str) -> str | None:
    """A heading's text after the day set before it (Nucleus's skin: `<h2>22/03: the title</h2>`)."""
    m = _DAY_PREFIX.match(text)
    return text[m.end():] if m else None


_DAY_PREFIX = re.compile(r"\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?\s*[:|–—-]\s+")
_NOT_IN_A_HEADING = frozenset(["h1", "h2", "h3", "h4", "h5", "h6", "p", "div", "ul", "ol", "table"])


def _without_kicker(el, text: str) -> str | None:
    """A heading's text without the kicker set in its own element at its start (OpenCms Mercury's
    `<h1><span class="intro">Chuyển đổi số:</span><span class="headline">...</span></h1>`): the
    section or topic line above a headline, which the page's og:title and <title> leave out."""
    if not len(el) or (el.text or "").strip() or any(c.tag in _NOT_IN_A_HEADING for c in el):
        return None  # (a heading holding blocks is a broken page's wrapper, not one heading)
    first = el[0]
    if not isinstance(first.tag, str):
        return None
    kicker = element_text(first)
    if not kicker or len(kicker.split()) > 5 or len(kicker) >= len(text) // 2 or not text.startswith(kicker):
        return None
    return text[len(kicker):].lstrip(" :-–—|") or None


def _after_namespace(el, text: str) -> str | None:
    """A heading's text after the name set apart before it by a colon of its own (MediaWiki's
    `<span class="mw-page-title-namespace">Tin tức</span><span>:</span><span>the title</span>`): the
    pages' namespace or section, not the title's words (a colon the title writes itself stays:
    "Cẩm Khê: Năng suất lúa vụ Mùa ...")."""
    first = el[0]
    if (el.text or "").strip() or not isinstance(first.tag, str) or any(c.tag in _NOT_IN_A_HEADING for c in el):
        return None
    prefix = element_text(first)
    if not prefix or len(prefix.split()) > 4 or ":" in prefix:
        return None
    tail = (first.tail or "").strip()
    colon_apart = tail == ":" or not tail and len(el) > 2 and element_text(el[1]) == ":" \
        and not (el[1].tail or "").strip()
    if not colon_apart:
        return None
    if not text.startswith(prefix + ":") or text[len(prefix) + 1:][:1].isspace():
        return None  # (written "Namespace:Title"; a kicker's "Klimaschutz: Bohren, bis es heiß wird" is the title's)
    rest = text[len(prefix) + 1:].strip()
    return rest if len(rest.split()) >= 3 else None


# (a name's last camel-case word too: SAP KM's XML Forms `span.xfNewsTitle`)
_TITLE_CLASS = re.compile(r"(?:(?:^|[\s_-])(?i:title|tieu-?de|tieude|headline)|(?<=[a-z])(?:Title|Headline))(?=$|[\s_-])")


def _large_type_title(tree):
    """The first line set in large type (`<font size="4">`, an old editor's heading) of a title's
    words and no link, on a page with no heading, no named title and no title in its metadata (a
    table-laid PHP portal of 2008)."""
    for el in tree.iter("font"):
        size = (el.get("size") or "").strip()
        if not (size.isdigit() and int(size) >= 4 or size in ("+1", "+2", "+3")):
            continue
        text = element_text(el)
        if _title_sized(text) and not _is_link(el) and el.find(".//a") is None and not SITE_NAME.match(text):
            return el
    return None


def _title_sized(text: str) -> bool:
    """Of a title's length: five words or more (words, not tokens: "Nông nghiệp - Nông thôn", a
    module's name, has four), forty at most."""
    return len(_WORDS.findall(text)) >= 5 and len(text.split()) <= 40


def _classed_title(tree, url: str = ""):
    """The first element named as a title (`<td class="title">`), of a title's words and no link,
    on a page with no heading and no title in its metadata (a table-laid portal of 2010); not a
    section's short name a link elsewhere gives (a portlet's title, "Văn hóa - Xã hội", above the
    article's `td.title`; a long title a "most read" box links is the article's own)."""
    for el in tree.iter():
        if not isinstance(el.tag, str) or el.tag in ("a", "head", "title", "meta", "link", "script", "style"):
            continue
        names = (el.get("class") or "") + " " + (el.get("id") or "")
        if names.strip() and _TITLE_CLASS.search(names):
            text = element_text(el)
            if _title_sized(text) and not _is_link(el) and not SITE_NAME.match(text) and not (
                    len(_WORDS.findall(text)) < _SECTION_WORDS and named_by_link(text, tree, url)):
                # (not the site's banner: Mobirise's `h1.mbr-section-title` "CỔNG THÔNG TIN ĐIỆN TỬ ..."; and
                # of a box named so, its heading, not the category's line under it: Mobirise's `div.title`
                # around `h2` and `h3.mbr-section-subtitle`)
                return next((h for h in el.iter("h1", "h2", "h3") if _title_sized(element_text(h))), el)
    return None


# Elements whose own text can be a title: a module's title span, a styled div (DotNetNuke and
# in-house ASP.NET modules put the title in neither h1 nor h2).
# (and an <a> with no address: a placeholder the template styles, not a link; eXo's news title,
# `<a class="newsTitleLink">`)
_TITLE_TAGS = ("span", "div", "p", "td", "strong", "b", "h4", "h5", "font", "a")


def _titled_element(tree, refs: list[str]):
    """The first element whose own text is the page's <title>/og:title (or its start, the site
    name cut off), where no heading is."""
    if not refs:
        return None
    for el in tree.iter(*_TITLE_TAGS):
        if el.tag == "a" and el.get("href") is not None:
            continue
        own = _after_section_link(el) if len(el) else el.text
        if not own or len(own) < 12:
            continue
        text = clean_text(own)
        if len(text.split()) >= 4 and any(_similar(text, r) for r in refs):
            return el
    return None


def _after_section_link(el) -> str | None:
    """The text after a section's link that opens the element and a colon, "<a>Nông nghiệp - Nông
    thôn</a>: <the title>" (PHP-Nuke's story title, NukeViet 2's): the title without its section.
    (The link doubled, an empty one before it, is one: ImpressCMS's news module nests its topic's
    link in another, which the parser closes.)"""
    if not len(el) or (el.text or "").strip() or any(c.tag != "a" for c in el) or any(
            element_text(c) or (c.tail or "").strip() for c in el[:-1]):
        return None
    tail = (el[-1].tail or "").strip()
    return clean_text(tail[1:]) or None if tail.startswith((":", "：")) else None


def text_pieces(elements):
    """(text, element) for every text node under the elements, in page order, script-free."""
    for root in elements:
        yield from _pieces(root)


def _pieces(el):
    if not isinstance(el.tag, str) or el.tag in _SKIP_TAGS:
        return
    if el.text and el.text.strip():
        yield el.text, el
    for child in el:
        yield from _pieces(child)
        if child.tail and child.tail.strip():
            yield child.tail, el


_PROSE_PIECE = 150  # characters: a piece of text this long is a sentence, not a date line


def _label_of(before: str) -> str:
    """A date's label: the last 40 characters written before it once the template's indentation is
    gone ("Sửa đổi lần cuối bởi Administrator vào 2022/11/07 10:20": a name and a link between them)."""
    return " ".join(before.lower().split())[-40:]


def _updated_label(before: str) -> bool:
    """An update's label before a date ("Ngày cập nhật: 04.11.2024 15:37")."""
    label = _label_of(before)
    return any(w in label for w in UPDATED_LABELS)


# a document's number right before the date: the day it was signed, not the post's ("Số: 2145/TB-UBND
# ngày 09/11/2023", a notice's subtitle in Simple Blog's info line before its date)
_DOCUMENT_NUMBER_BEFORE = re.compile(r"\b\d+/[A-ZĐ][\wĐ.-]*\s*,?\s*(?:ngày|ban hành ngày)?\s*$")


# a member's day of joining, in a forum post's profile beside the post (phpBB's "Ngày tham gia: 10/04/2019,
# 08:12" over every post of the account): no date of the post's
_JOINED_BEFORE = re.compile(r"(?:ngày tham gia|tham gia|gia nhập|joined|member since|registered)\s*:?\s*$", re.I)


def _label_rank(before: str) -> int:
    """0: labelled published; 1: unlabelled; 2: labelled updated; 3: a document's date."""
    if _DOCUMENT_NUMBER_BEFORE.search(before):
        return 3
    before = _label_of(before)
    pos_pub = max((before.rfind(w) for w in PUBLISHED_LABELS), default=-1)
    pos_upd = max((before.rfind(w) for w in UPDATED_LABELS), default=-1)
    if pos_pub > pos_upd:
        return 0
    if pos_upd > pos_pub:
        return 2
    return 1


_UPDATED_CLASS = re.compile(r"(?:^|\s)updated(?:\s|$)")
_PUBLISHED_CLASS = re.compile(r"(?:^|\s)published(?:\s|$)")


def _classed_updated(el) -> bool:
    """A date element classed hAtom's `updated` and not `published` (Soledad's hidden
    `<time class="entry-date updated">` with the modified date, before the published one)."""
    cls = el.get("class") or "" if el is not None else ""
    return bool(_UPDATED_CLASS.search(cls)) and not _PUBLISHED_CLASS.search(cls)


def _machine_date(el) -> str | None:
    for node in itertools.chain((el,), itertools.islice(el.iterancestors(), 2)):
        for attr in ("datetime", "content"):
            if node.get(attr):
                value = parse_iso_datetime(node.get(attr))
                if value:
                    return value
    return None


class VisibleDate:
    """The date a page shows its readers: where it was found and how it was labelled."""

    __slots__ = ("iso", "raw", "zone", "rank", "el", "days")

    def __init__(self, iso, raw, zone, rank, el, days=frozenset()):
        self.iso, self.raw, self.zone, self.rank, self.el = iso, raw, zone, rank, el
        self.days = days  # every day its zone shows


def visible_date(zones, month_first: bool = False) -> VisibleDate | None:
    """The best-labelled date of the first zone that shows one (published before plain before updated)."""
    for index, pieces in enumerate(zones):
        pieces = list(pieces)
        if not pieces:
            continue
        joined, spans = "", []
        for text, el in pieces:
            start = len(joined)
            joined += text + " "
            spans.append((start, len(joined), el, text))
        found = find_dates(joined, month_first)
        if not found:
            continue
        # what is written before each date since the one before it: its label
        before = {d.start: joined[max(0, d.start - 80, prev.end if prev else 0):d.start]
                  for prev, d in zip([None, *found], found)}
        found = [d for d in found if not _JOINED_BEFORE.search(before[d.start])]
        if not found:
            continue

        def span_at(pos: int) -> tuple:  # (start, end, element, text) of the piece holding a position
            return next((s for s in spans if s[0] <= pos < s[1]), (pos, pos, None, ""))

        # (a date in a sentence of the text is an event's: "Ngày 8/5/2023, UBND huyện ban hành ..." under
        # "(Cập nhật lúc 10:30 ngày 10/5/2023)", the only date line of Classic ASP's news page)
        prose = {d.start for d in found if len(span_at(d.start)[3]) > _PROSE_PIECE}

        def rank(d) -> int:  # (its label's; or its element's class, hAtom's `updated` without `published`)
            label = _label_rank(before[d.start])
            return 2 if label == 1 and _classed_updated(span_at(d.start)[2]) else label

        ranked = sorted(found, key=lambda d: (d.start in prose, rank(d), d.start))
        best = ranked[0]
        if len(best.iso) == 10:
            # the day under its label, its time with the same day in another line of the zone, not an
            # update's (Zikula's "Tạo bởi X vào 15:30 3 thg 11, 2022" above "Ngày đăng: 03/11/2022")
            best = next((d for d in ranked if d.iso[:10] == best.iso and len(d.iso) > 10
                         and not _updated_label(before[d.start])), best)
        if month_first:
            # a date after a Vietnamese label in its own piece of text was typed day-first, whatever
            # the page's `lang` says (an editor's "Đăng lúc: 08:15 - 10/11/2022" on a Jimdo site set
            # to English); a platform's date in a field after the field's Vietnamese name stays the
            # platform's (SharePoint's en-US "11/3/2022" in the cell after "Ngày đăng")
            start = span_at(best.start)[0]
            if VIETNAMESE_LETTER.search(joined[max(start, best.start - 40):best.start]):
                best = next((d for d in find_dates(joined, False) if d.start == best.start), best)
        _, _, el, raw_piece = span_at(best.start)
        piece = clean_text(raw_piece)
        raw = piece if piece and len(piece) <= 80 and find_dates(piece, month_first) else clean_text(
            joined[best.start:best.end])
        return VisibleDate(best.iso, raw, index, rank(best), el, frozenset(d.iso[:10] for d in found))
    return None


def choose_published(zones, meta: PageMeta):
    """(iso, raw text): the page's visible date, its machine date, the date in its address, htmldate.

    `zones`: lists of (text, element) pieces in priority order: the family's date elements (a
    date found there is the portal's own and wins), the area between title and body, just above
    the title, just after the body (the last zone). A machine date of the same day gives the time
    the text leaves out; one of another day wins over a date after the body (a related item's or a
    comment's, on 2 web-eval pages) and tells a month-first page's "11/01/2021" (1 November).
    """
    vis = visible_date(zones, meta.month_first)
    if vis is not None and vis.rank == 2 and vis.zone < len(zones) - 2:
        # an update's date under the title, the publication's just above it (CMS Made Simple's
        # "Thứ tư, 15/03/2023 - 16:40" over the headline, "Cập nhật: 16/03/2023 08:05" under it)
        # (or the publication's labelled in the next zone, the text's opening line: a page migrated into
        # Plone, its byline showing only "sửa đổi lần cuối 14/03/2023 10:22 AM", its text opening
        # "Ngày đăng: 14/10/2022")
        head = visible_date(zones[vis.zone + 1:vis.zone + 2], meta.month_first)
        above = visible_date(zones[-2:-1], meta.month_first)
        if head is not None and head.rank == 0:
            vis = VisibleDate(head.iso, head.raw, vis.zone + 1, head.rank, head.el, head.days)
        elif above is not None and above.rank < 2:
            vis = VisibleDate(above.iso, above.raw, len(zones) - 2, above.rank, above.el, above.days)
    url_day = meta.url_day
    if vis is not None and vis.zone == 0:
        vis = _other_items_dates(zones, vis, meta.month_first) or vis
    if vis is not None and vis.zone < 2 and len(vis.iso) == 10:
        # the day alone in the element named for the date, its time in the next one (eXo's
        # `span.newsPostedDate` "15 tháng 11, 2022", `span.newsPostedTime` "14:30"): read together near the
        # title; or in the header line opening the text (an imported post's "Ngày đăng: 28/10/2022 10:00")
        for zone in range(vis.zone + 1, 3):
            near = visible_date(zones[zone:zone + 1], meta.month_first)
            if near is not None and near.iso[:10] == vis.iso and len(near.iso) > 10:
                vis = VisibleDate(near.iso, near.raw, vis.zone, vis.rank, near.el, vis.days)
                break
    if vis is not None:
        vis = _own_machine_reading(vis) or _english_reading(vis, meta.published) or vis
    if vis is not None and vis.zone == 0 and (not url_day or vis.iso[:10] == url_day):
        return _with_time(vis, meta), vis.raw  # (a family's date of another day than its address's is checked)
    machine = meta.published
    # An address with the full day (/2023/11/08/slug) is the surest sign (htmldate reads it first):
    # a UTC machine time of that evening says 9 November. A date of the same day adds its time.
    if url_day:
        if vis is not None and (vis.iso[:10] == url_day or _published_after_created(vis, url_day)):
            return _with_time(vis, meta), vis.raw
        return (machine, None) if machine and machine[:10] == url_day else (url_day, None)
    if vis is not None and machine and machine[:10] != vis.iso[:10] and machine[:10] in vis.days:
        # two dates in the zone, the page's machine date one of them: it says which is the
        # publication's ("2018-08-29 14:15:57" last changed above "2018-06-22 10:20:00")
        return machine, None
    if vis is not None:
        month = machine and machine[:7] != vis.iso[:7] and url_month(meta.url)
        if month and machine[:7] == month:
            return machine, None  # the address's month (/2022-08/slug) is the machine date's, not the text's
        if machine and machine[:10] != vis.iso[:10]:
            if vis.zone == len(zones) - 1:
                return machine, None  # a date after the body is as often a related item's or a comment's
            if _months_apart(vis.iso, machine) and foreign_month_named(vis.raw):
                return machine, None  # "8. Mai 2022" in a January article: a date the text speaks of
            vis = _month_first_reading(vis, machine, meta.tree) or vis
        return _with_time(vis, meta), vis.raw
    if machine:
        return machine, None
    found = text_date(meta.tree, meta.url) if meta.tree is not None else None
    return found, None


def _other_items_dates(zones, vis: VisibleDate, month_first: bool) -> VisibleDate | None:
    """The date between title and body, where the family's date selector found several other days
    and not that one: the dates of a list of other posts (a WordPress theme's `.entry-date` on every
    related post), not the article's."""
    if len(vis.days) < 2:
        return None
    near = visible_date(zones[1:2], month_first)
    if near is None or near.iso[:10] in vis.days:
        return None
    return VisibleDate(near.iso, near.raw, 1, near.rank, near.el)


_CREATED_BEFORE = 7  # days an item may wait between its address's day and its publication


def _published_after_created(vis: VisibleDate, url_day: str) -> bool:
    """A date a few days after the address's day, by the title: with its time (Sitevision's
    `/2023-11-07-<slug>` "Ngày đăng: 08/11/2023 08:30") or in an element named for the post's date
    (Jimdo's `span.j-blog-post--date` "Tuesday, 8 November 2022" on `/2022/11/07/<slug>/`): the item
    was created on the address's day and published on this one."""
    if vis.zone >= 4 or _days_after(url_day, vis.iso) not in range(1, _CREATED_BEFORE + 1):
        return False
    return vis.zone < 2 and len(vis.iso) > 10 or vis.el is not None and bool(_DATE_NAMED.search(class_and_id(vis.el)))


_DATE_NAMED = re.compile(r"date|time|publish", re.I)


def _days_after(day: str, iso: str) -> int:
    try:
        return (date.fromisoformat(iso[:10]) - date.fromisoformat(day[:10])).days
    except ValueError:
        return 0


def _months_apart(a: str, b: str) -> bool:
    """Two days months apart (over 120 days): not one publication told twice, which differ by
    hours (offsets) or days (an edit). On web-eval, 3 pages whose visible date was one the text
    speaks of; at 30 days one page lost its visible date (86 days after the machine's)."""
    try:
        return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days) > 120
    except ValueError:
        return False


def _own_machine_reading(vis: VisibleDate) -> VisibleDate | None:
    """The visible date read month-first where its own element states that day: Drupal's stock
    "T2, 10/12/2020 - 09:15" on a Vietnamese page, its RDFa content="2020-10-12T09:15:00+07:00".
    The element's machine date is the same statement, so this holds on a day-first page too."""
    machine = _machine_date(vis.el) if vis.el is not None else None
    if not machine or machine[:10] == vis.iso[:10]:
        return None
    return _month_first_as(vis, machine[:10])


def _month_first_as(vis: VisibleDate, day: str, days=None) -> VisibleDate | None:
    """The visible date read month-first where that reading is `day`, or None; `days`: the zone's
    days it keeps (all of vis's unless given)."""
    found = next((d for d in find_dates(vis.raw, month_first=True) if d.iso[:10] == day), None)
    return VisibleDate(found.iso, vis.raw, vis.zone, vis.rank, vis.el, vis.days if days is None else days) \
        if found else None


def _english_reading(vis: VisibleDate, machine: str | None) -> VisibleDate | None:
    """The visible date written the English way, its "AM"/"PM" after it (.NET's en-US "10/7/2023
    3:15:00 PM" where a template forgot the culture), read month-first where the page's machine
    date is that reading: on a Vietnamese page too, and in the date's own element."""
    if not machine or machine[:10] == vis.iso[:10] or not _ENGLISH_CLOCK.search(vis.raw):
        return None
    return _month_first_as(vis, machine[:10])


def _month_first_reading(vis: VisibleDate, machine: str, tree) -> VisibleDate | None:
    """The visible date read month-first where the page's machine date is that reading (a German
    page showing "11/01/2021" for 1 November); never on a Vietnamese page, written day-first."""
    if tree is None or page_language(tree).startswith("vi"):
        return None
    return _month_first_as(vis, machine[:10], days=frozenset())


_ENGLISH_CLOCK = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?\s*[AP]M\b")


def _with_time(vis: VisibleDate, meta) -> str:
    """The visible date, with the time (or seconds) of a machine date of the same day."""
    iso = vis.iso
    machine = _machine_date(vis.el) if vis.el is not None else None
    if machine is None or "T" not in machine and "T" not in iso and meta.published:
        # the page's: "November 18, 2019 12:02 PM" shown, 12:02:02-05:00 stated; also where the
        # element states the day alone (EasyBlog's `<time content="2024-02-27">`, its JSON-LD the time)
        machine = meta.published
    if machine and "T" not in iso and machine[:10] == iso and _MIDNIGHT.match(machine[10:]) \
            and not _midnight_stated(vis.el) and not _timed_posts(meta.tree):
        # (a day shown alone, its machine time midnight: a day, no time, Hexo's `T00:00:00+07:00`; but
        # the time the page's metadata states for that day, the element's a date field's marker: LocalGov
        # Drupal's `<time datetime="2024-03-08T12:00:00Z">`, its og `article:published_time` 10:20 +0700)
        stated = meta.published
        if stated and "T" in stated and stated[:10] == iso and not _MIDNIGHT.match(stated[10:]):
            return stated
        return iso
    if machine and ("T" not in iso and machine[:10] == iso or machine[:16] == iso[:16]):
        iso = machine
    elif machine and "T" in machine and meta.tree is not None:
        language = page_language(meta.tree)
        if language and not language.startswith("vi"):
            if machine[:10] == iso[:10] and iso.endswith("+07:00"):
                # a time shown without its zone on a page of another country ("11.14.2019 09:00 AM",
                # New York's): not Vietnam's; the machine date of that day states its offset
                iso = machine
        elif "T" not in iso:
            local = _vietnam_time(machine)
            if local and local[:10] == iso:
                iso = local  # a UTC time of the day the page shows ("2023-06-08T23:40Z" on a page of 09/06)
            elif _utc_day(machine) == iso:
                # the day shown is the machine time's in UTC, where the page's generator formats dates
                # (Eleventy's base blog: "04 tháng 3 2023" for 2023-03-05T06:45:00+07:00): that time
                iso = machine
    if "T" not in iso and vis.el is not None and _vietnamese_or_unsaid(meta):
        iso = _time_on_hover(vis) or iso  # (Vietnam's time, +07:00: not a page of another country's)
    return iso


# Platforms that store a time with every post, midnight included (WordPress's post_date: an imported post
# set at 00:00 is stated so), unlike a static generator dating a post by its day (Hexo, Docusaurus)
_TIMED_GENERATORS = ("wordpress",)


def _timed_posts(tree) -> bool:
    """The page's generator meta names a platform whose posts always carry their time."""
    if tree is None:
        return False
    for el in tree.iter("meta"):
        if (el.get("name") or "").lower() == "generator" and any(
                g in (el.get("content") or "").lower() for g in _TIMED_GENERATORS):
            return True
    return False


def _vietnamese_or_unsaid(meta) -> bool:
    """The page says it is in Vietnamese, or says no language."""
    language = page_language(meta.tree) if meta.tree is not None else None
    return not language or language.startswith("vi")


def _date_link(el):
    """The link round a date's element (WordPress's permalink titled with the post's time), or None."""
    return next((a for _, a in zip(range(2), el.iterancestors()) if a.tag == "a"), None)


def _time_on_hover(vis: VisibleDate) -> str | None:
    """The day shown alone, its time the title of the date's link, told on hover (Twenty Ten's
    `<a title="9:05 sáng" rel="bookmark"><span class="entry-date">28/03/2023</span></a>`, no machine
    date on the page)."""
    link = _date_link(vis.el)
    title = clean_text(link.get("title")) if link is not None else ""
    if not title or not _CLOCK.fullmatch(title):
        return None
    found = find_dates(f"{vis.raw} {title}")
    return found[0].iso if found and found[0].iso[:10] == vis.iso and "T" in found[0].iso else None


_CLOCK = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?\s*(?:sáng|chiều|tối|am|pm|a\.m\.|p\.m\.|sa|ch)?", re.I)


# midnight as a clock shows it: "12:00 sáng", "12:00 am", "12:00 SA", "00:00", "0:00"
_MIDNIGHT_CLOCK = re.compile(r"^\s*(?:12:00(?::00)?\s*(?:sáng|am|a\.m\.|sa)|0?0:00(?::00)?)\s*$", re.I)


def _midnight_stated(el) -> bool:
    """The date's link states its time, and it is midnight (WordPress's `.posted-on` link titled
    with the post's time, "12:00 sáng", round a day shown alone): a time, not a day only."""
    link = _date_link(el) if el is not None else None
    if link is not None and _MIDNIGHT_CLOCK.match(link.get("title") or ""):
        return True
    # (or the date's own element titled with its machine time: Hugo PaperMod's `<span title="2022-11-15
    # 00:00:00 +0000 UTC">15/11/2022</span>`, the time told on hover)
    return el is not None and bool(_MIDNIGHT_STAMP.match(el.get("title") or ""))


_MIDNIGHT_STAMP = re.compile(r"\s*\d{4}-\d{2}-\d{2}[ T]00:00(?::00)?\b")


_VIETNAM = timezone(timedelta(hours=7))
# (Vietnam's midnight, or UTC's: a static generator's time for a post dated by its day alone, Docusaurus's
# `2022-12-20T00:00:00.000Z` round "Thứ Ba, 20/12/2022")
# (or Drupal's for a date-only field, noon in UTC so that no time zone moves its day: `<time
# datetime="2022-09-12T12:00:00Z">12/09/2022</time>`)
_MIDNIGHT = re.compile(r"T00:00(:00(\.0+)?)?(\+07:?00|Z|\+00:?00)?$|T12:00:00(?:Z|\+00:?00)$")


def _utc_day(iso: str) -> str | None:
    """The day of a machine time with an offset, in UTC."""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return None
    return moment.astimezone(timezone.utc).date().isoformat() if moment.tzinfo is not None else None


def _vietnam_time(iso: str) -> str | None:
    """A machine time with an offset, told in Vietnam's time (the day a Vietnamese page shows)."""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return None
    if moment.tzinfo is None:
        return None
    return moment.astimezone(_VIETNAM).isoformat()


def zone_views(pieces) -> int | None:
    """The article's counter among pieces of text near the title or the body."""
    pieces = list(pieces)
    joined = " ".join(clean_text(t) for t, _ in pieces)
    value = parse_view_count(joined)
    if value is not None:
        return value
    for text, el in pieces:
        if el.get("title"):
            # the exact count in the title of a count shown rounded (JNews: `<div class="counts"
            # title="3.482 lượt xem"><i class="fa fa-eye"></i> 3,5K</div>`)
            value = parse_view_count(el.get("title"))
            if value is not None:
                return value
        shortened = _SHORTENED.fullmatch(text.strip())
        if shortened and _COUNTER_HINT.search(class_and_id(el)):
            # a count shown shortened ("12k") whose exact figure only its tooltip holds, rendered
            # apart from it (eXo's Vuetify `div.v-tooltip__content` "12.458 lượt xem"): the figure the
            # shortened count was made from
            value = _exact_of(shortened, el)
            if value is not None:
                return value
        parent = el.getparent()  # (a counter's number in its own span: `.view-count > svg + span.count`)
        # (or after an icon of its own: `<span><i class="bi bi-eye"></i> 1.024</span>`)
        icons = [c.get("class") for c in el if c.tag in _ICON_TAGS and not (c.text or "").strip()]
        if _COUNTER_HINT.search(" ".join(filter(None, (el.get("title"), el.get("class"),
                                                       parent.get("class") if parent is not None else None,
                                                       *icons)))):
            value = parse_view_count(text, bare=True)
            if value is not None:
                return value
    return None


_SHORTENED = re.compile(r"(\d{1,3})(?:[.,](\d))?\s*([kKmM])")
_TOOLTIPS = lxml.etree.XPath("//*[@role='tooltip']")


def _exact_of(shortened, el) -> int | None:
    """The count a page's tooltip states that the shortened count ("2.3k") rounds or cuts to."""
    whole, tenth, unit = shortened.groups()
    scale = 1000 if unit in "kK" else 1_000_000
    shown = (int(whole) + int(tenth or 0) / 10) * scale
    step = scale / 10 if tenth else scale  # (the shortened figure's last digit)
    for tip in _TOOLTIPS(el):
        value = parse_view_count(element_text(tip))
        if value is not None and abs(value - shown) < step:
            return value
    return None


def category_from_breadcrumb(el, title: str | None, url: str | None = None, address: str | None = None) -> str | None:
    """The last breadcrumb item that is neither the home page nor the article itself (`address`: the
    page's, which may file it under one of a list's categories)."""
    # (not the trail's heading for screen readers: Drupal's "Bạn đang ở đây", "You are here"; nor the
    # step of a SharePoint library linked to its view, "Trang" (Pages) to `/tin-tuc/Pages/Forms/AllItems.aspx`)
    pieces = [clean_text(t) for t, owner in text_pieces([el]) if not hidden_by_class(owner.get("class"))
              and not _LIBRARY_VIEW.search(owner.get("href") or "")]
    if address and len(pieces) >= 3 and len(pieces) % 2 and all(t == "," for t in pieces[1::2]):
        # a list of the post's categories (WordPress's `cat-links`, in the alphabet's order): the one
        # its address files it under (the permalink's `/thong-bao/<slug>/`, the primary category's)
        steps = [s.lower() for s in urlsplit(address).path.split("/") if s]
        filed = [t for t in pieces[::2] if "-".join(_folded_words(t)) in steps]
        if len(filed) == 1:
            return filed[0]
    # (nor a trail's label: "Bạn đang ở đây:", and a second trail's in the same box, DokuWiki's history
    # "Trang đã xem:" after its "youarehere" trail)
    items = [t.strip(" »›>/|→") for t in pieces if t and not _SEPARATORS.match(t) and not t.endswith((":", "："))]
    return category_from_items(items, title, url)


_LIBRARY_VIEW = re.compile(r"/forms/allitems\.aspx", re.I)


def page_file(url: str) -> str:
    """The address's file name without its extension, lower-cased ("dispform")."""
    return urlsplit(url).path.rsplit("/", 1)[-1].rsplit(".", 1)[0].lower()


def names_page_file(item: str, url: str | None) -> bool:
    """Whether a trail's item is the page's own file by name: SharePoint's "DispForm" (a list's
    form), "Chi tiết" of `/tin-tuc/Pages/chi-tiet.aspx` (a web part's detail page). Spelt in words,
    only a script's file counts: a folder's step is a section's (Liferay's
    `/web/site/tin-tuc-su-kien?..._assetEntryId=48213` under the trail's "Tin tức - Sự kiện")."""
    page = page_file(url) if url else ""
    if not page:
        return False
    if item.lower() == page:
        return True
    leaf = urlsplit(url).path.rsplit("/", 1)[-1]
    return "." in leaf and "-".join(_folded_words(item)) == "-".join(re.findall(r"[a-z0-9]+", page))


_HEADLINE_WORDS = 9  # a trail's last item of so many words names an article, not a section


def _shortened(item: str, title: str) -> bool:
    """A name of five words or more whose words nearly all are the title's: the title shortened."""
    words = _WORDS.findall(item)
    if len(words) < 5 or not title:
        return False
    title_words = set(_WORDS.findall(title))
    return sum(1 for w in words if w in title_words) >= 0.8 * len(words)


_STAMP_AFTER = re.compile(r"\s\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


_DATE_FOLDER = re.compile(r"^(tháng|năm|month|year)\s*\d{1,4}(\s*[/-]\s*\d{2,4})?$", re.I)


def category_from_items(items: list[str], title: str | None, url: str | None = None) -> str | None:
    title_l = (title or "").lower()
    # the page's own file named as the trail's last item (SharePoint's "Thông báo › DispForm")
    keep = []
    for position, item in enumerate(items, 1):
        low = item.lower()
        if names_page_file(item, url):
            continue
        if position == len(items) and (len(_WORDS.findall(item)) >= _HEADLINE_WORDS or _shortened(low, title_l)):
            # the page's own short title ending the trail (MODX's pagetitle beside a longer <h1>,
            # Squiz Matrix's short name "Khởi công Trường Tiểu học Kim Đông" of "Khởi công xây dựng ...")
            continue
        if len(item) <= 40 and find_dates(item):
            continue  # the header's date in the trail's row ("Thứ năm, 05 Tháng 12 2024", Joomla 1.5's table)
        if DETAIL_PAGE.match(item):
            continue  # the detail page's own name in every article's trail ("Chi tiết tin tức", dotCMS's URL map page)
        if item.isdigit() or _DATE_FOLDER.match(item):
            # a year's or a month's folder of the archive (Plone's /tin-tuc/2019/<item>, AEM's
            # ".../2022/11.html" named "Tháng 11"), no category
            continue
        if position == len(items) > 1 and (items[-2].isdigit() or _DATE_FOLDER.match(items[-2])):
            continue  # a page in a month's folder: the page's own name (Cascade's "2022 › Tháng 11 › <short name>")
        if not item or low in _HOME_WORDS and not keep and low != "tin tức":
            continue
        if low in ("trang chủ", "home", "trang nhất", "trang nhà", "homepage", "startseite", "accueil", "inicio", "portada"):
            continue
        stem = low.rstrip(".… ")
        cut = stem != low and len(stem) >= 8  # the title cut short by the trail ("Histo-Monte: Pis ...")
        if title_l and (low == title_l or ((len(low) > 20 or cut) and (title_l.startswith(stem) or low in title_l))):
            continue
        keep.append(item)
    return keep[-1] if keep else None


def author_from_element(el) -> str | None:
    from scraper.extract.body import SOURCE_LINE, strip_author_label

    if el.tag == "label" or next(el.iter("input", "textarea", "select"), None) is not None:
        return None  # a form's field named for the author (WordPress's comment form, `p.comment-form-author` "Tên *")

    text = _text_without_menus(el)
    if SOURCE_LINE.match(text):
        return None  # "Nguồn tin: Phòng Giáo dục và Đào tạo" names where it came from, not who wrote it
    said = clean_text(text)
    text = BYLINE_LABEL.sub("", strip_author_label(text), count=1)
    if text != said:  # (not a line that opens with the date's label: "Đăng lúc: 22/05/2024 16:40")
        text = _DATE_LABEL_AFTER.sub("", text)
    # the source's line after the author's in one block ("Tác giả bài viết: Lê Hằng<br>Nguồn tin:
    # Trung tâm VH-TT&TT huyện", NukeViet 3): the author's line only
    text = _SOURCE_AFTER.split(text, maxsplit=1)[0].strip()
    # and the date after the name in a submitted line (Drupal's "Gửi bởi quantri vào T6, 12/27/2019"),
    # the rest of a post's meta line after it (Divi's "bởi admin | Th4 12, 2023 | Tin tức")
    text = _DATE_AFTER.sub("", _SECTION_AFTER.sub("", LINE_PARTS.split(text, maxsplit=1)[0]))
    # (and a machine's time stamp after it: "Mike Wall 2019-11-18T20:51:19Z Science & Astronomy")
    text = _STAMP_AFTER.split(text, maxsplit=1)[0].strip()
    dates = find_dates(text)
    if dates and (by := _BY_AFTER_DATE.match(text[dates[-1].end:])):
        text = by.group(1).strip()  # the name after the date: "đăng 09:00, 15 thg 12, 2015 bởi Lê Văn Tùng" (Google Sites)
    elif dates:
        # the name before a date the line goes on with ("By Michelle Ehrhardt 04 November 2020"); a
        # line of dates only names no one (Plone's "Ngày đăng: 23/11/2019 — Lần sửa cuối: ...")
        text = text[:dates[0].start].rstrip(_BEFORE_DATE)
        text = "" if text.endswith((":", "：")) else _WORD_BEFORE_DATE.sub("", text).rstrip(_BEFORE_DATE + ".")
    text = _JOB_AFTER.sub("", text)
    text = text.rstrip(_AFTER_NAME)  # (a theme's separator after the name: Newsmag's "admin -")
    if not text or len(text) > 80 or len(text.split()) > 12 or not any(c.isalpha() for c in text):
        return None
    if text.rstrip(" :：").lower() in PUBLISHED_LABELS:
        return None  # a date's label a theme names for the byline (Twenty Ten's `span.meta-prep-author` "Đăng ngày")
    return text


def _link_alone(li) -> bool:
    """A list item that is one link and nothing else."""
    link = li.find(".//a") if li.tag == "li" else None
    return link is not None and element_text(li) == element_text(link)


def _is_menu(ul) -> bool:
    """A list of links, each item one link alone."""
    return len(ul) > 0 and all(_link_alone(li) for li in ul)


def _text_without_menus(el) -> str:
    """The element's text without a menu of links it holds beside a name (vBulletin's member menu:
    `<a class="username">vanphong</a><ul class="popupbody"><li><a>Xem hồ sơ</a></li>...`, shown on a
    click): the name's, not its menu's."""
    menus = [ul for ul in el.iter("ul", "ol") if _is_menu(ul)]
    # (and an avatar's initials, hidden from screen readers as decoration: the persona's "UH" coin
    # before "Văn phòng HĐND và UBND huyện" in a SharePoint news page's byline)
    # (initials only: a name itself may be hidden from them, read from its link's label, HuffPost's)
    if not menus and any(_initials(e) for e in el.iterdescendants()):
        without = copy.deepcopy(el)
        for coin in [e for e in without.iterdescendants() if _initials(e)]:
            coin.clear(keep_tail=True)
        return element_text(without)
    if not menus or menus[0] is el:
        return element_text(el)
    without = copy.deepcopy(el)
    for menu in [ul for ul in without.iter("ul", "ol") if _is_menu(ul)]:
        menu.clear(keep_tail=True)  # (a list is a block: its place still parts the words around it)
    name = element_text(without)
    # (a name beside its menu, not a box of the author's links: "Social Links for ...")
    return name if len(name.split()) <= 5 else element_text(el)


def _initials(el) -> bool:
    """An avatar's initials hidden from screen readers (`<div aria-hidden="true"><span>UH</span></div>`),
    or the byline's label only they read (Twenty Sixteen's `<span class="screen-reader-text">Tác giả
    </span>` before the account's link)."""
    if el.get("aria-hidden") == "true":
        text = element_text(el)
        return 0 < len(text) <= 3 and text.isupper()
    return hidden_by_class(el.get("class")) and bool(_HEARD_LABEL.fullmatch(element_text(el)))


_HEARD_LABEL = re.compile(r"(?:tác giả|người viết|người đăng|(?:đăng |viết )?bởi|by|author|posted by)\s*[:：]?", re.I)


_AFTER_NAME = " -–—|·•"
# the writer's job after the name and a dash, the byline's ("Trần Thu Hương - Phóng viên", Foxiz's
# `span.meta-job`): the name's
_JOB_AFTER = re.compile(r"\s*[-–—]\s*(?:phóng viên|biên tập viên|cộng tác viên|pv|ctv|btv|reporter|editor|"
                        r"staff writer|correspondent)\s*$", re.I)
_BY_AFTER_DATE = re.compile(r"\s*(?:bởi|by)\s+(\S.{0,79})$", re.I)
_BEFORE_DATE = " ,;|/·•–—-"  # what parts a name from the date after it
# a preposition left before the date cut off ("Veröffentlicht am", "published on"), or the day of the
# week it opens with (Drupal's submitted line "Bởi vanphong, Thứ ba, 14/03/2023 - 16:40")
_WORD_BEFORE_DATE = re.compile(r"(\s*\b(am|on|vào|lúc|ngày|le|el|de|du|vom|updated|aktualisiert|cập nhật|"
                               r"(?:đã )?phát hành|published|"  # (SharePoint's "Đã phát hành 20 tháng 3, 2023")
                               + WEEKDAY + r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day)"
                               r"[\s,]*)+$", re.I)


# the parts of a meta line, parted by a bar or a dot between spaces ("bởi admin | Th4 12, 2023 | Tin tức")
LINE_PARTS = re.compile(r"\s+[|•·]\s+")
# the section the line goes on to name (YOOtheme's "Viết bởi X trong <a>Chính trị</a> ngày ...")
# (or the line alone where the name is left empty: eXo's `<a class="newsAuthorName"> </a> trong <a>Tin tức</a>`)
_SECTION_AFTER = re.compile(r"(?:^|\s+)(?:trong|in)\s+\S.*$")
_DATE_AFTER = re.compile(r"\s+(?:vào|lúc|ngày|on)\s+(?=.*\d).*$", re.I)
# (its own label after a labelled name: Tiki's "Đăng bởi: Minh Hằng vào: 09/10/2023 15:42 +07")
_DATE_LABEL_AFTER = re.compile(r"\s+(?:vào|lúc|ngày|on)\s*[:：]\s*(?=.*\d).*$", re.I)
_SOURCE_AFTER = re.compile(r"\s+\(?(?:nguồn|nguồn tin|nguồn bài viết)\s*[:：]", re.I)
