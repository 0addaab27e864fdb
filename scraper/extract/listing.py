"""Listing extraction: from a news listing (HTML, JSON "load more", RSS/Atom, sitemap) to
the article links on it and the ways to more of them.

A family's `[listing]` section (in `families/<name>.toml`) says what its article URLs and page
links look like; without one, generic rules find them: article links are the biggest group of
same-host links with headline-like text whose URLs share one shape (shapes whose links hold one
place in one list are one group), the other groups' links are articles to fetch once; next pages
are found by `scraper.extract.pager`, sitemaps read by `scraper.extract.sitemap`.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

import lxml.etree

from scraper.extract.body import is_doc_link
from scraper.extract.canonical import canonical_url, document_base, is_home_path, join_url, netloc_of, \
    route_of
from scraper.extract.decode import decode_html
from scraper.extract.refresh import refresh_url
from scraper.extract.model import Listing
from scraper.extract.pager import (FRONT_SCRIPT, PAGE_EXTENSION, PAGE_KEY, PAGE_PATH, head_links, looks_like_page_of,
                                   pagination, select_pages, with_params)
from scraper.extract.sitemap import gunzip_capped, is_gzip, looks_like_sitemap, parse_sitemap

__all__ = ["extract_listing", "family_listing_rules", "looks_like_article_url"]

_STATIC = re.compile(
    r"\.(jpe?g|png|gif|webp|svg|bmp|ico|tiff?|css|js|pdf|docx?|xlsx?|pptx?|odt|ods|zip|rar|7z|gz|"
    r"mp3|mp4|avi|mov|wmv|flv|m4a|wav|txt|xml|rss|apk|exe|woff2?|ttf|eot)$",
    re.I,
)
# an id's value: a number, or a content id that prefixes one (WebCenter Content's `dDocName=PORTAL471266`)
# (or a 32-hex or dashed uuid: eXo's `news/detail?newsId=8f2d4c1a7f0001017c3b9e2d1a5f6e08`)
_ID_VALUE = re.compile(r"[A-Za-z]{0,12}\d{2,}|(?=[0-9a-f-]*\d)[0-9a-f]{8}-?(?:[0-9a-f]{4}-?){3}[0-9a-f]{12}", re.I)
# (sid: PHP-Nuke's story; readmore: PHP-Fusion's `news.php?readmore=N`; a portlet's own prefix before
# an article's id: Oracle Portal's `p_main_news_id`; an information block's element: 1C-Bitrix's
# `index.php?ELEMENT_ID=12864`, where `SECTION_ID` is the section's; a plugin's own name before the
# kind: CMSimple_XH's Realblog `?Tin-tuc-Su-kien&realblog_id=55`)
_ID_QUERY_KEY = re.compile(r"^(id|itemid|p|pid|nid|tinid|idtin|bai|ddocname|docname|sid|readmore|"
                           r"(?:[a-z]+_)*[a-z]*(?:news|article|post|story|content|doc|element|entry|blog)_?id|"
                           # the kind alone naming its item: Geeklog's `article.php?story=20221107160245318`
                           r"news|article|post|story|entry)$", re.I)
# an object's opaque id in the query (Vignette's `vgnextoid=8d2c71b4a9e5f410VgnVCM10000023140a0aRCRD`); a
# channel's own page names itself twice (`vgnextoid=X&vgnextchannel=X`), an item's page names its channel
_OBJECT_ID_KEY = re.compile(r"oid$", re.I)
_OPAQUE_ID = re.compile(r"(?=\D*\d)(?=[^A-Za-z]*[A-Za-z])[A-Za-z0-9]{16,}")
# a query naming where to go back to (Liferay's `_redirect=/web/site/tin-tuc-su-kien`), not the page's article
_RETURN_KEY = re.compile(r"redirect|return|back|next|ref|url$", re.I)
_SLUG_VALUE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+){3,}", re.I)
_AJAX_ENDPOINT_ATTRS = ("data-api", "data-url", "data-endpoint", "data-ajax-url", "data-ajax", "data-source", "data-href")
_AJAX_CONTROL = {
    "page", "current-page", "total-pages", "total-page", "pages", "total", "page-param", "page-size-param",
    "toggle", "target", "loading-text", "bs-toggle", "bs-target", "original-title", "text", "label", "title",
} | {a[5:] for a in _AJAX_ENDPOINT_ATTRS}
_JSON_URL_KEYS = ("url", "link", "href", "permalink", "detailUrl", "detail_url", "articleUrl", "Url", "Link", "URL")
_MIN_TITLE_CHARS = 20
_MIN_TITLE_WORDS = 5
_LIST_DEPTH = 6
_CHROME_TAGS = {"nav", "menu"}  # (a header or footer is chrome only outside an article: _in_chrome)
_CHROME_TOKEN = re.compile(r"^(menu|nav|navbar|navigation|footer|header|breadcrumbs?|topbar|top-bar|megamenu|submenu|sitemap)$|^(menu|nav|mainmenu|main-menu|top-menu)[-_]", re.I)


def extract_listing(html: bytes | str, url: str, family: str | None = None,
                    content_type: str | None = None) -> Listing:
    """Article links, next pages, AJAX requests, feeds and sitemaps found on one listing response.

    `family=None` recognises the platform from the page, `"generic"` forces the generic rules.
    The body may be HTML, a JSON "load more" answer, an RSS/Atom feed or a sitemap (XML or
    plain text, gzipped or not). `content_type`: the HTTP header, whose charset decides how bytes
    decode (a windows-1258 listing that names its charset only there read as windows-1252).
    """
    if is_gzip(html):
        html = gunzip_capped(html)
    text = decode_html(html, content_type)
    head = text.lstrip()[:400]
    if head.startswith(("{", "[")):
        return _from_json(text, url)
    if looks_like_sitemap(text):
        return _from_sitemap(html, url, family)
    if head.startswith("<?xml") and _XHTML.search(head):
        # an XHTML page (JSF's .xhtml views) opening with its XML declaration: HTML, and lxml
        # refuses a decoded text that declares an encoding
        return _from_html(_XML_DECLARATION.sub("", text.lstrip(), count=1), url, family)
    if head.startswith("<?xml") or re.match(r"<(rss|feed)\b", head):
        return _from_xml(text, url, family)
    return _from_html(text, url, family)


_XHTML = re.compile(r"<(!doctype\s+html|html)\b", re.I)
_XML_DECLARATION = re.compile(r"^<\?xml[^>]*\?>")


def family_listing_rules(family: str | None) -> dict:
    """The `[listing]` section of a family file (empty for generic or unknown families)."""
    if not family or family == "generic":
        return {}
    from scraper.extract.families import load_family

    try:
        return load_family(family).get("listing", {})
    except KeyError:
        return {}


_NODE_ID = re.compile(r"\d{2,}")
_YEAR = re.compile(r"(19|20)\d\d")
_DATE_STEP = re.compile(r"(19|20)\d\d(?:[-_]?\d\d){0,2}")  # a year's, a month's or a day's folder: 2023, 2023-03-16
_WORD = re.compile(r"[A-Za-z][A-Za-z_-]*")


def _id_in_path(segments: list[str]) -> bool:
    """An id given as a path step: DotNetNuke's `/ArticleID/4521/Default.aspx` (an id key followed
    by its number, as a query would write it) or a node-style `/node/1287`, `/news/5521` (a word
    then a bare number: Drupal, Laravel and in-house portals link articles so; listings found
    none of them when an article URL needed a slug)."""
    for key, value in zip(segments, segments[1:]):
        if _ID_QUERY_KEY.match(key) and _NODE_ID.fullmatch(value):
            return True
    # (the number with a page's extension too: a mobile edition's `/m/chi-tiet/4563.html`)
    last = PAGE_EXTENSION.sub("", segments[-1]) if len(segments) >= 2 else ""
    if last and _NODE_ID.fullmatch(last) and not _YEAR.fullmatch(last):
        parent = segments[-2]
        if last != segments[-1] and any(_DATE_STEP.fullmatch(s) for s in segments[:-1]):
            # (a page named by its number in a date's folders: DedeCMS's `/a/tintuc/2023/1115/128.html`,
            # EmpireCMS's `/tintuc/2023-03-16/1206.html`)
            return True
        return bool(_WORD.fullmatch(parent)) and not PAGE_PATH.search(f"/{parent}/{segments[-1]}")
    return False


def looks_like_article_url(url: str) -> bool:
    """A URL shaped like one article (a long slug or an id), not a section page or a file."""
    parts = urlsplit(route_of(url))
    if _STATIC.search(parts.path):
        return False
    query = parse_qsl(parts.query)
    if any(_ID_QUERY_KEY.match(k) and _ID_VALUE.fullmatch(v) for k, v in query):
        return True
    if any(_OBJECT_ID_KEY.search(k) and _OPAQUE_ID.fullmatch(v) and [w for _, w in query].count(v) == 1
           for k, v in query):
        return True
    # the article named in the query: WebCenter's `?dDocName=70231&title=<slug>`, `?alias=<slug>`,
    # or by its path in a content library (WebSphere's `?urile=wcm:path:/lib/site/area/<slug>`)
    if any(_SLUG_VALUE.fullmatch(v.rstrip("/").rsplit("/", 1)[-1]) for k, v in query if not _RETURN_KEY.search(k)):
        return True
    segments = [s for s in parts.path.split("/") if s]
    if not segments:
        return False
    if _id_in_path(segments):
        return True
    last = PAGE_EXTENSION.sub("", segments[-1])
    if FRONT_SCRIPT.fullmatch(segments[-1]):
        # a page's own script after its named path (DNN's friendly tab URL,
        # `/Tin-tuc/Truong-THCS-Cam-Van-don-nhan-Bang-cong-nhan/tabid/214/Default.aspx`): a step
        # spelling a headline (more words than a section's name has) names the article
        return any(_slug_words(step) >= 6 for step in segments[:-1])
    if _UNID.fullmatch(last):
        return True  # a document's 32-hex id as its last step (Lotus Domino's `/db.nsf/view/<UNID>?OpenDocument`)
    if last != segments[-1] and _KIND_AND_NUMBER.fullmatch(last):
        return True  # the kind of page and its number in one page name (SPIP's `article1212.html`, not `rubrique3.html`)
    words = _slug_words(last)
    return words >= 4 or bool(re.search(r"\d{3,}", last)) and words >= 2


_KIND_AND_NUMBER = re.compile(r"(?:article|news|post|story|entry|tin|tintuc|baiviet)[-_]?\d{2,}", re.I)
_UNID = re.compile(r"(?=[0-9A-Fa-f]*[A-Fa-f])(?=[0-9A-Fa-f]*\d)[0-9A-Fa-f]{32}")


def _slug_words(step: str) -> int:
    """The words a path step spells ("truong-thcs-don-bang" has four; a title kept as the page's name
    with its spaces, `Kh%C3%A1nh%20th%C3%A0nh%20c%E1%BA%A7u...`, has as many as it shows)."""
    words = [w for w in re.split(r"[-_+.\s]", unquote(step)) if w]
    if len(words) == 1 and _CAMEL_NAME.fullmatch(step):
        # a wiki's page named in CamelCase (XWiki's `/Blog/YenTheTrienKhaiKeHoachChuyenDoiSoNam2023`)
        return len(_CAPITALISED.findall(step))
    return len(words)


_CAMEL_NAME = re.compile(r"[A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*")
_CAPITALISED = re.compile(r"[A-Z][a-z]+")


# ---------------------------------------------------------------- HTML


def _from_html(text: str, url: str, family: str | None) -> Listing:
    listing = Listing(url=url)
    try:
        tree = _document(text)
    except (lxml.etree.ParserError, ValueError):
        return listing
    base = document_base(tree, url)
    if family is None:
        family = _recognise(text, url)
    rules = family_listing_rules(family)
    anchors = _anchors(tree, base, netloc_of(url))
    article_rx = [re.compile(p) for p in rules.get("article_links", [])]
    if article_rx:
        same_path = urlsplit(url).path if rules.get("article_same_path") else None
        listing.article_urls = list(dict.fromkeys(
            link for link, _, _ in anchors
            if any(rx.search(_target(link)) for rx in article_rx) and (same_path is None or urlsplit(link).path == same_path)
        ))
    fits = bool(listing.article_urls)
    if not fits:
        # no family rule, or a rule that no longer fits the page: the generic rules still find the list
        listing.article_urls, listing.boxed_article_urls, listing.boxed_lists = _generic_articles(anchors, url)
    article_set = set(listing.article_urls)
    page_rx = [re.compile(p) for p in rules.get("page_links", [])]
    candidates = anchors + select_pages(tree, base, netloc_of(url)) + head_links(tree, base, netloc_of(url))
    if not fits and page_rx and not any(rx.search(_target(a[0])) for a in candidates for rx in page_rx):
        page_rx = []  # nor its page links: a DNN page taken for another ASP.NET family pages on by "/page/2/"
    pager = [a for a in candidates
             if a[0] not in article_set and (not page_rx or any(rx.search(_target(a[0])) for rx in page_rx))]
    nxt, others = pagination(pager, url, bool(page_rx))
    listing.next_pages = nxt
    listing.other_pages = others
    if listing.boxed_article_urls and (nxt or others):
        # (the listing's own pages are no box's articles: Oqtane's "Xem các tin cũ hơn »" under its
        # summary box, the pager's only address; an article's "Xem tiếp" taken for the pager stays one)
        pages = {u for u in (*nxt, *others) if looks_like_page_of(u, url)}
        listing.boxed_article_urls = [u for u in listing.boxed_article_urls if u not in pages]
    listing.api_requests = _ajax_requests(tree, base)
    listing.feeds = _feeds(tree, base, netloc_of(url))
    if not (nxt or others or listing.api_requests):
        listing.sections = _sections(listing.article_urls, anchors, url)
        if not listing.sections:
            listing.menu_pages = _menu_pages(tree, anchors, base, url, article_set)
    return listing


# lxml.html's parser settings, with plain etree elements: its per-element Python class lookup
# costs ~15% of a listing page, and nothing here needs HtmlElement's methods.
_HTML_PARSER = lxml.etree.HTMLParser()
# Attribute steps: libxml2 answers them far faster than an element step with an `or` predicate.
_PAGE_ATTRS = lxml.etree.XPath("//@data-page|//@data-current-page|//@data-total-pages|//@data-pages")
_REFRESH_META = lxml.etree.XPath("//meta[translate(@http-equiv, 'REFSH', 'refsh')='refresh']")
_ALTERNATE_LINKS = lxml.etree.XPath("//link[@rel='alternate'][@href]")


def _document(text: str):
    """What lxml.html.document_fromstring gives, as plain lxml.etree elements."""
    tree = lxml.etree.fromstring(text, _HTML_PARSER)
    if tree is None:
        raise lxml.etree.ParserError("Document is empty")
    return tree


def _text_of(el) -> str:
    """An element's text content, white space collapsed (lxml.html's text_content(), split and joined)."""
    if not len(el):  # most links hold only their text: no iterator needed
        return " ".join(el.text.split()) if el.text else ""
    return " ".join("".join(el.itertext()).split())


def _recognise(text: str, url: str) -> str | None:
    try:
        from scraper.extract.families import recognise
    except ImportError:
        return None
    return recognise(text, url)


@lru_cache(maxsize=8192)  # every link is tested against each family pattern; a page has more links than urlsplit caches
def _target(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + ("?" + parts.query if parts.query else "")


def _anchors(tree, base: str, netloc: str) -> list[tuple[str, str, object]]:
    """Same-host links as (canonical url, visible text, element), in page order."""
    out = []
    for a in tree.iter("a"):
        href = a.get("href")
        if not href or href.lstrip().lower().startswith(("javascript:", "mailto:", "tel:", "#")):
            continue
        url = canonical_url(href, base)
        if not url or netloc_of(url) != netloc:
            continue
        out.append((url, _text_of(a), a))
    refresh = refresh_url(tree, base)  # a link like any other (no text), read by the same rules
    if refresh:
        url = canonical_url(refresh)
        if url and netloc_of(url) == netloc:
            out.append((url, "", _REFRESH_META(tree)[0]))
    return out


def _shape(url: str) -> tuple:
    """The URL with its leaf and numbers abstracted: links to sibling articles share it."""
    parts = urlsplit(route_of(url))
    segments = parts.path.split("/")
    leaf = len(segments) - 1
    while leaf > 0 and not segments[leaf]:
        leaf -= 1
    dirs = tuple(re.sub(r"\d+", "#", s) for s in segments[:leaf])
    ext = re.search(r"\.\w+$", segments[leaf])
    keys = tuple(sorted(k for k, _ in parse_qsl(parts.query, keep_blank_values=True)))
    return dirs, ext.group(0).lower() if ext else "", keys


# Words a headline has and a section's name has not ("Danh mục văn bản mới ban hành" has six): a
# link of another address than the articles' is one of their list's items only with as many.
_HEADLINE_WORDS = 8


def _list_page(path: str) -> bool:
    """A page of a list by its address ("/tin-tuc/page/2", "/tin-tuc-p2"), not an article whose
    id follows its slug the same way ("/tin-tuc/truong-thcs-don-bang-cong-nhan-p4817": a slug of
    four words or more and an id of three digits or more)."""
    m = PAGE_PATH.search(path)
    if m is None:
        return False
    if m.group(3) and len(re.sub(r"\D", "", m.group(0))) >= 3:
        return _slug_words(path[:m.start()].rsplit("/", 1)[-1]) < 4
    return True


def _title_like(text: str) -> bool:
    # words, not tokens: a section's "Nông nghiệp - Nông thôn" has four (DNN's category links beside
    # the headlines were fetched as articles)
    return len(text) >= _MIN_TITLE_CHARS and _word_count(text) >= _MIN_TITLE_WORDS


def _word_count(text: str) -> int:
    return len(_WORD_RUN.findall(text))


_WORD_RUN = re.compile(r"\w+")


def _generic_articles(anchors, listing_url: str) -> tuple[list[str], list[str], list[str]]:
    listing_segments = [s for s in urlsplit(listing_url).path.split("/") if s]
    texts: dict[str, str] = {}
    titled: list[tuple[str, object]] = []
    shaped: set[str] = set()  # the URLs shaped like an article's
    for url, text, a in anchors:
        if url == listing_url:
            continue
        if _list_page(urlsplit(route_of(url)).path):
            # a list's page by its address, unless a headline links it and it is no page of this
            # list: Mobirise names the pages it exports `page23.html`
            if _word_count(text) < _HEADLINE_WORDS or looks_like_page_of(url, listing_url):
                continue
            shaped.add(url)
        elif looks_like_article_url(url):
            shaped.add(url)
        elif not len(a) and not _title_like(text):
            continue  # (most links: no headline, no article address)
        if not text and not len(a):
            # an empty link covering a card (the 2sxc News app's `<a class="link-overlay">` beside
            # the card's picture and <h3>): the card's heading
            text = _one_heading(a.getparent()) if a.getparent() is not None else ""
        elif len(a) and not _title_like(text):
            # a link wrapping a card whole (Flatsome's `<a class="plain">` around the picture, the
            # <h5 class="post-title">, the date and the excerpt): its heading
            text = _one_heading(a) or text
        elif _READ_ON.match(text):
            # the card's one link, its heading no link (Bolt's base-2021 "Read more »" under the
            # <h2>): the heading of the card it closes
            text = _card_heading(a) or text
        if _title_like(text) and not _in_chrome(a):
            titled.append((url, a))
            if len(text) > len(texts.get(url, "")):
                texts[url] = text
    shaped |= _numbered_headlines(texts)
    places = _lists_of(titled)
    # a headline of another address shape in the very place of a list's item an article's headline
    # holds (its list and the same tags and classes down to the link) is that list's item too: DNN's
    # Announcements link some items through `LinkClick.aspx?link=216`, a redirect to the article's
    # page; the other shapes' headlines are the page's menus and sections (and it has a headline's
    # words: a box's link to a section, "Danh mục văn bản mới ban hành", sits in its list too)
    held = {place for url in shaped for place in places.get(url, ())}
    texts = {url: text for url, text in texts.items() if url in shaped or (
        _word_count(text) >= _HEADLINE_WORDS and places.get(url, set()) & held
        and not _STATIC.search(urlsplit(url).path) and not is_doc_link(url))}
    groups = _merged_by_list(texts, places)
    if not groups:
        return [], [], []

    def score(item) -> float:
        (dirs, _ext, _keys), urls = item
        parts = [d for d in dirs if d]
        shared = 0
        for a, b in zip(parts, listing_segments):
            if a != re.sub(r"\d+", "#", b):
                break
            shared += 1
        with_id = sum(1 for u in urls if re.search(r"\d{3,}", u)) / len(urls)
        mean_title = sum(len(texts[u]) for u in urls) / len(urls)
        return len(urls) + 1.5 * shared + 2 * with_id + min(mean_title / 25, 3)

    best = max(groups.items(), key=score)
    # the other groups' headlines of article shape: a notices box beside the news (Drupal's
    # "Thông báo" block linking `/node/2419`, an article no listing of the crawl showed)
    boxed = [u for key, urls in groups.items() if key != best[0] for u in urls]
    return best[1], boxed, _boxed_lists(anchors, set(boxed), set(best[1]), places)


def _numbered_headlines(texts: dict[str, str]) -> set[str]:
    """Headlines linking one script under one query key, its value a number that tells them apart:
    the items of a list whose key names no article (Moodle's forum posts, `discuss.php?d=52`), where
    neither the key nor the address says "article" (three at least, each of a headline's words)."""
    by_shape: dict[tuple, set[str]] = {}
    for url, text in texts.items():
        parts = urlsplit(url)
        query = parse_qsl(parts.query)
        if _word_count(text) < _HEADLINE_WORDS or len(query) != 1 or not query[0][1].isdigit():
            continue
        by_shape.setdefault((parts.path, query[0][0]), set()).add(url)
    return {u for urls in by_shape.values() if len(urls) >= 3 for u in urls}


# a link to the whole list a box shows the newest of
_ALL_WORDS = re.compile(r"^(xem tất cả|tất cả|xem thêm|xem toàn bộ|view all|see all|all|more|xem thêm tin)\W*$", re.I)


def _boxed_lists(anchors, boxed: set[str], listed: set[str], places: dict[str, set]) -> list[str]:
    """The "Xem tất cả »" links of the boxes holding the boxed headlines: in the box, beside its list
    (the list's parent or grandparent holds it, and none of the page's own list), to no article."""
    if not boxed:
        return []
    own = {a for url, _text, a in anchors if url in listed}
    boxes = set()
    for url in boxed:
        for node, _way in places.get(url, ()):
            parent = node.getparent()
            for box in (parent, parent.getparent() if parent is not None else None):
                if box is None or any(a in own for a in box.iter("a")):
                    break
                boxes.add(box)
    out = []
    for url, text, a in anchors:
        if url in boxed or not _ALL_WORDS.match(text) or looks_like_article_url(url):
            continue
        if any(anc in boxes for anc in a.iterancestors()) and url not in out:
            out.append(url)
    return out


_READ_ON = re.compile(r"^(read more|continue reading|more|đọc tiếp|xem tiếp|chi tiết|xem chi tiết|xem thêm)\W*$", re.I)


def _card_heading(a, levels: int = 3) -> str:
    """The one heading (holding no link) of the nearest block around `a` that has one."""
    el = a.getparent()
    for _ in range(levels):
        if el is None:
            return ""
        if heading := _one_heading(el):
            return heading
        el = el.getparent()
    return ""


def _one_heading(el) -> str:
    """The text of the one heading under el holding no link, else nothing."""
    headings = [h for h in el.iter("h2", "h3", "h4", "h5", "h6") if h.find(".//a") is None]
    return _text_of(headings[0]) if len(headings) == 1 else ""


def _lists_of(titled: list[tuple[str, object]]) -> dict[str, set]:
    """The places in lists each URL's headline links hold. A link's list is its nearest ancestor
    (of six) holding a headline link to another URL: the items of one list meet there however deep
    their markup (Liferay's cards meet five levels up), while two boxes of one sidebar each meet in
    their own <ul>, so a box of documents beside a box of news stays apart. Its place is that list
    and the tags and classes on the way down to the link: an item's headline, not the category link
    beside it."""
    urls_under: dict[object, set[str]] = {}  # keyed by the elements themselves: lxml's proxies live only while held
    chains: list[tuple[str, object, list]] = []
    for url, a in titled:
        chain, node = [], a.getparent()
        while node is not None and len(chain) < _LIST_DEPTH:
            chain.append(node)
            urls_under.setdefault(node, set()).add(url)
            node = node.getparent()
        chains.append((url, a, chain))
    places: dict[str, set] = {}
    for url, a, chain in chains:
        for depth, node in enumerate(chain):
            if len(urls_under[node]) > 1:
                way = tuple((n.tag, n.get("class")) for n in [a, *chain[:depth]])
                places.setdefault(url, set()).add((node, way))
                break
    return places


def _merged_by_list(texts: dict[str, str], places: dict[str, set]) -> dict[tuple, list[str]]:
    """Links grouped by URL shape, and shapes joined whose links hold one place in a list: Liferay 7
    links one list's articles as `/web/<site>/-/<slug>`, `/w/<slug>` and an asset publisher query,
    one or two of each, so no shape alone was the list (a 'most viewed' box of one shape won, 1 of
    4 articles crawled)."""
    groups: dict[tuple, list[str]] = {}
    for url in texts:
        groups.setdefault(_shape(url), []).append(url)
    owner: dict[tuple, tuple] = {}  # a place in a list -> the first shape seen there
    joined: dict[tuple, tuple] = {shape: shape for shape in groups}

    def root(shape):
        while joined[shape] != shape:
            shape = joined[shape]
        return shape

    for shape, urls in groups.items():
        for place in {p for u in urls for p in places.get(u, ())}:
            if place not in owner:
                owner[place] = shape
            elif (a := root(owner[place])) != (b := root(shape)):
                joined[b] = a
    out: dict[tuple, list[str]] = {}
    for shape, urls in groups.items():
        out.setdefault(root(shape), []).extend(urls)
    return out


def _sections(article_urls: list[str], anchors, url: str) -> list[str]:
    """The listing a pager-less page's articles belong to: the folder most of them share, when
    the page links to it (a home page showing the newest of /tin-tuc/... links to /tin-tuc)."""
    parents: dict[str, int] = {}
    for link in article_urls:
        path = urlsplit(link).path.rstrip("/")
        parent = path.rsplit("/", 1)[0]
        if parent:
            parents[parent] = parents.get(parent, 0) + 1
    if not parents:
        return []
    folder, count = max(parents.items(), key=lambda kv: kv[1])
    if count < 2 or count * 2 < len(article_urls):
        return []
    here = canonical_url(url) or url
    for link, _, _ in anchors:
        parts = urlsplit(link)
        if not parts.query and parts.path.rstrip("/") == folder and link != here:
            return [link]
    return []


# Frames and menu links a pager-less, section-less page opens (a district portal's menu has 15-40).
_MAX_MENU_PAGES = 40
_FRAME_SOURCES = lxml.etree.XPath("//iframe/@src|//frame/@src")


def _menu_pages(tree, anchors, base: str, url: str, articles: set[str]) -> list[str]:
    """Where the lists of a page with no pager and no section folder are: its same-host frames
    first (a frames-era home page shows its news list in an <iframe>; a frame is part of the page),
    then the pages its links open that are neither articles nor files (the menus' sections: a
    portal addressing everything by query, `index.php?module=news&cat=3`, has no folder to find)."""
    netloc, here = netloc_of(url), canonical_url(url) or url
    found: dict[str, None] = {}
    for src in _FRAME_SOURCES(tree):
        link = canonical_url(str(src), base)
        if link and netloc_of(link) == netloc and link != here and not _STATIC.search(urlsplit(link).path):
            found[link] = None
    for link, text, _ in anchors:
        parts = urlsplit(link)
        if (text and link != here and link not in articles and not _STATIC.search(parts.path)
                and not (is_home_path(parts.path) and not parts.query) and not looks_like_article_url(link)):
            found[link] = None
    return list(found)[:_MAX_MENU_PAGES]


def _in_chrome(a) -> bool:
    """Inside the site's menu, header, footer or breadcrumb: never the article list itself."""
    node, depth = a.getparent(), 0
    # A header or footer is the page's only outside an article (the HTML landmark rule): the TYPO3
    # news extension's tiles hold their headline in div.header and their date in div.footer.
    landmark = entry = False
    # (not the <body>'s classes: Flatsome names its menus' styles there, "nav-dropdown-has-arrow")
    while node is not None and depth < 15 and node.tag not in ("body", "html"):
        tokens = f"{node.get('class') or ''} {node.get('id') or ''}".split()
        if node.tag in ("header", "footer") or any(t.lower() in ("header", "footer") for t in tokens):
            landmark = True
        elif node.tag in _CHROME_TAGS or any(_CHROME_TOKEN.search(t) for t in tokens) and not entry:
            # (a list of entries marked as such is no menu, whatever its box is called: SPIP's
            # squelettes-dist sets its articles' `li.hentry` in `div.menu.menu_articles`)
            return True
        elif "hentry" in tokens:
            entry = True
            landmark = False  # (the entry's own header: Pelican's `article.hentry > header > h1 > a`)
        elif landmark and _is_article_item(node, tokens):
            landmark = False
        node, depth = node.getparent(), depth + 1
    return landmark


_ITEM_TOKENS = frozenset(["article", "post", "entry", "item", "news-item", "card"])


def _is_article_item(node, tokens) -> bool:
    """An element holding one article of a list: <article>, a schema.org Article, an "article" class."""
    return node.tag == "article" or "Article" in (node.get("itemtype") or "") \
        or any(t.lower() in _ITEM_TOKENS for t in tokens)


# ---------------------------------------------------------------- AJAX "load more"


def _ajax_requests(tree, base: str) -> list[str]:
    out: list[str] = []
    # only an element with a page attribute can be a "load more" control: XPath finds them in C
    # an element with two page attributes is named twice, next to itself (page order)
    for el in dict.fromkeys(value.getparent() for value in _PAGE_ATTRS(tree)):
        attrs = el.attrib
        endpoint = next((attrs[a] for a in _AJAX_ENDPOINT_ATTRS if attrs.get(a)), None)
        if not endpoint or not any(k in attrs for k in ("data-page", "data-current-page", "data-total-pages", "data-pages")):
            continue
        endpoint_url = canonical_url(endpoint, base)
        if not endpoint_url or netloc_of(endpoint_url) != netloc_of(base):
            continue
        current = _int(attrs.get("data-page") or attrs.get("data-current-page"), 1)
        total = _int(attrs.get("data-total-pages") or attrs.get("data-pages") or attrs.get("data-total-page"), 0)
        page_param = attrs.get("data-page-param") or "page"
        params = [(k[5:], v) for k, v in attrs.items() if k.startswith("data-") and k[5:] not in _AJAX_CONTROL]
        last = total if total else current + 1
        for page in range(current + 1, last + 1):
            out.append(with_params(endpoint_url, params + [(page_param, str(page))]))
    return list(dict.fromkeys(out))


def _int(value, default: int) -> int:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return default


def _from_json(text: str, url: str) -> Listing:
    listing = Listing(url=url)
    try:
        data = json.loads(text)
    except ValueError:
        return listing
    netloc = netloc_of(url)
    items = list(_json_items(data))
    for item in items:
        href = next((item[k] for k in _JSON_URL_KEYS if isinstance(item.get(k), str)), None)
        link = canonical_url(href, url) if href else None
        if link and netloc_of(link) == netloc:
            listing.article_urls.append(link)
    listing.article_urls = list(dict.fromkeys(listing.article_urls))
    meta = data if isinstance(data, dict) else {}
    if listing.article_urls and _json_has_more(meta):
        nxt = _bump_page(url)
        if nxt:
            listing.next_pages.append(nxt)
    return listing


def _json_items(data):
    """Dicts that carry a URL, wherever the endpoint nests its list of items."""
    stack = [data]
    while stack:
        node = stack.pop(0)
        if isinstance(node, dict):
            if any(isinstance(node.get(k), str) for k in _JSON_URL_KEYS) and ("title" in node or "id" in node or "name" in node):
                yield node
                continue
            stack.extend(v for v in node.values() if isinstance(v, (dict, list)))
        elif isinstance(node, list):
            stack.extend(node)


def _json_has_more(meta: dict) -> bool:
    lowered = {k.lower(): v for k, v in meta.items()}
    for key in ("hasmore", "has_more", "more", "hasnext", "has_next"):
        if key in lowered:
            return bool(lowered[key])
    page = _int(lowered.get("page") or lowered.get("currentpage") or lowered.get("pageindex"), 0)
    total = _int(lowered.get("totalpages") or lowered.get("total_pages") or lowered.get("pagecount"), 0)
    if page and total:
        return page < total
    return True  # no paging metadata: ask for the next page; an empty answer ends the chain


def _bump_page(url: str) -> str | None:
    parts = urlsplit(url)
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    for i, (k, v) in enumerate(pairs):
        if PAGE_KEY.search(k) and v.isdigit():
            pairs[i] = (k, str(int(v) + 1))
            return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(pairs), ""))
    return None


# ---------------------------------------------------------------- feeds and sitemaps


def _feeds(tree, base: str, netloc: str) -> list[str]:
    out = []
    for link in _ALTERNATE_LINKS(tree):
        kind = (link.get("type") or "").lower()
        if "rss" in kind or "atom" in kind:
            url = canonical_url(link.get("href"), base)
            if url and netloc_of(url) == netloc and "/comments/" not in url:
                out.append(url)
    return list(dict.fromkeys(out))


def _from_xml(text: str, url: str, family: str | None) -> Listing:
    listing = Listing(url=url)
    try:
        root = lxml.etree.fromstring(text.encode("utf-8"), lxml.etree.XMLParser(recover=True, resolve_entities=False, no_network=True))
    except lxml.etree.XMLSyntaxError:
        return listing
    if root is None:
        return listing
    netloc = netloc_of(url)
    tag = lxml.etree.QName(root).localname
    locs: list[str] = []
    if tag == "rss":
        locs = [(e.text or "").strip() for e in root.iter() if isinstance(e.tag, str) and lxml.etree.QName(e).localname == "link" and e.getparent() is not None and lxml.etree.QName(e.getparent()).localname == "item"]
    elif tag == "feed":
        for entry in root.iter("{*}entry"):
            links = entry.findall("{*}link")
            chosen = next((l for l in links if l.get("rel") in (None, "alternate")), None)
            if chosen is not None:
                locs.append(chosen.get("href") or "")
    for loc in locs:
        value = canonical_url(loc, url)
        if value and netloc_of(value) == netloc:
            listing.article_urls.append(value)
    listing.article_urls = list(dict.fromkeys(listing.article_urls))
    return listing


def _from_sitemap(body: bytes | str, url: str, family: str | None) -> Listing:
    """A sitemap read as a listing: its article-looking pages, and the child sitemaps worth reading."""
    entries = parse_sitemap(body, url)
    rules = family_listing_rules(family)
    wanted = rules.get("sitemap_links")
    article_rx = [re.compile(p) for p in rules.get("article_links", [])]
    if wanted:
        sitemaps = [s for s in entries.sitemaps if any(re.search(p, s) for p in wanted)]
    else:
        sitemaps = [s for s in entries.sitemaps if not _LISTS_SITEMAP.search(urlsplit(s).path)]
    return Listing(
        url=url,
        article_urls=[u for u in entries.pages
                      if (any(rx.search(_target(u)) for rx in article_rx) if article_rx else looks_like_article_url(u))],
        sitemaps=sitemaps,
    )


# the child sitemaps SEO plugins write for their lists, not their posts (Yoast's and Rank Math's
# category-sitemap.xml, post_tag-sitemap.xml, author-sitemap.xml): their pages are listings
_LISTS_SITEMAP = re.compile(r"/(category|post_tag|tag|author|product_cat|product_tag)-sitemap\d*\.xml$", re.I)
