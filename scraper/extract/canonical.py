"""Canonical URLs: one article reachable by two URLs is archived once.

Tracking parameters (utm_*, fbclid, gclid...), session ids and fragments are dropped, scheme and host are
lower-cased and default ports removed. The rest of the query is kept exactly as the page wrote
it, in its order: portals route on the literal query string, so re-encoding or sorting it would
turn a working URL into a 404.
"""
from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import parse_qsl, quote, urljoin, urlsplit, urlunsplit

import lxml.etree

__all__ = ["canonical_url", "declared_canonical", "is_home_path", "join_url", "netloc_of", "route_of", "without_portal_state"]

_TRACKING = re.compile(
    r"^(utm_[a-z_]*|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|igshid|mc_cid|mc_eid|_ga|_gl|zarsrc|zalo_src)$",
    re.I,
)
# Session state written into URLs (Java servlets' `;jsessionid=`, PHP's and ColdFusion's session
# ids, Oracle ADF's `_afrLoop`/`_adf.ctrl-state` on WebCenter portals, ASP.NET's cookieless
# `/(S(...))/` segment): another value on every visit, so one article would be archived once per
# session. Servers answer the URL without it (a new session begins).
_SESSION_KEY = re.compile(r"^(jsessionid|phpsessid|cfid|cftoken|_afrloop|_afrwindowmode|_afrwindowid|_adf\.ctrl-state)$",
                          re.I)
# Where a page was opened from (SharePoint's `DispForm.aspx?ID=121&Source=%2Ftintuc%2FPages%2Fdefault.aspx`):
# the same item whatever the page before it; dropped only where its value is an address. (And Liferay's
# Asset Publisher's `content/<slug>?redirect=%2Fweb%2Fsite%2Ftin-tuc?..._cur%3D2`: the list page it came from.)
_RETURN_KEY = re.compile(r"^(source|returnurl|return_url|redirect)$", re.I)
_RETURN_VALUE = re.compile(r"^(%2F|/|https?(%3A|:))", re.I)
# A page's display mode (SharePoint's web part pages: `?PageView=Shared` or `Personal`): the same page.
_DISPLAY_MODE = re.compile(r"^pageview=(shared|personal)$", re.I)
_SESSION_PATH = re.compile(r";jsessionid=[^/?#;]*|/\([A-Z]\([A-Za-z0-9]+\)\)(?=/)", re.I)
_DEFAULT_PORTS = {"http": 80, "https": 443}
# A listing page repeats the site's menu links on every page and a crawl canonicalises each link
# it meets, so results are cached. A root-relative or absolute href resolves the same against any
# page of one origin (urljoin reads only the base's scheme and host then), so those are keyed by
# origin and the menu links of page 2 hit the entries of page 1.
_ORIGIN_ONLY = re.compile(r"^(/|[a-z][a-z0-9+.-]*://)", re.I)
_CACHE_SIZE = 4096
_cache: dict[tuple[str, object], str | None] = {}


@lru_cache(maxsize=4096)  # a page's images and links are resolved by several passes
def join_url(base: str, href: str) -> str | None:
    """`href` resolved against `base`, or None where urllib refuses the address: a bracketed host
    that is no IP address ("//[consent]/", met on a real page) or unbalanced brackets. One such
    link must cost that link, not the page."""
    try:
        return urljoin(base, href)
    except ValueError:
        return None


def path_and_query(href: str) -> tuple[str, str]:
    """(path, query) of an address; ("", "") where urllib refuses it (a hostile page's `http://[x]/`)."""
    try:
        parts = urlsplit(href)
    except ValueError:
        return "", ""
    return parts.path, parts.query


def canonical_url(href: str, base: str | None = None) -> str | None:
    """The absolute canonical form of `href` (resolved against `base`), or None if not http(s)."""
    href = (href or "").strip()
    if not href:
        return None
    if not base:
        key: object = None
    elif _ORIGIN_ONLY.match(href):
        try:
            origin = urlsplit(base)
        except ValueError:
            return _canonical(href, base)
        key = (origin.scheme, origin.netloc)
    else:
        key = base
    try:
        return _cache[(href, key)]
    except KeyError:
        pass
    result = _canonical(href, base)
    if len(_cache) >= _CACHE_SIZE:
        _cache.clear()  # bounded memory on a crawl of any size; the menu links come back at once
    _cache[(href, key)] = result
    return result


def _canonical(href: str, base: str | None) -> str | None:
    absolute = join_url(base, href) if base else href
    try:
        parts = urlsplit(absolute or "")
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        return None
    host = parts.hostname.lower()
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    query = "&".join(
        p for p in parts.query.split("&")
        if p and not _TRACKING.match(key := p.split("=", 1)[0]) and not _SESSION_KEY.match(key)
        and not (_RETURN_KEY.match(key) and _RETURN_VALUE.match(p[len(key) + 1:])) and not _DISPLAY_MODE.match(p)
    )
    path = parts.path or "/"
    if ";" in path or "(" in path:
        path = _SESSION_PATH.sub("", path) or "/"
    return urlunsplit((scheme, netloc, _ascii(path), _ascii(query), ""))


_NOT_ASCII = re.compile(r"[^\x00-\x7f]+")


def _ascii(part: str) -> str:
    """An address's letters outside ASCII percent-encoded in UTF-8, as a browser sends them (CMS Made
    Simple writes `/news/118/56/Hội-nghị-...` raw): one article, one address, however a page spells it."""
    return part if part.isascii() else _NOT_ASCII.sub(lambda m: quote(m.group(0), safe=""), part)


_BASE_HREF = lxml.etree.XPath("string(//base/@href)")


def document_base(tree, url: str) -> str:
    """The address a page's relative links are resolved against: its `<base href>` (MODX, SilverStripe
    and CMS Made Simple write `<base href="/">` and their links without a leading slash), else its own."""
    href = _BASE_HREF(tree).strip() if tree is not None else ""
    return (join_url(url, href) or url) if href else url


@lru_cache(maxsize=8192)
def netloc_of(url: str) -> str:
    """`host[:port]` of a canonical URL (the unit a crawl stays on)."""
    return urlsplit(url).netloc.lower()


# The site's front page by its path ("/", "/index.php", "/trang-chu"): a canonical naming it is a
# template's default, not the article's address; a menu's link to it opens no list of its own.
_HOME_PATH = re.compile(r"^/*((index|default|home|trang-?chu)(\.[a-z]{2,5})?/?)?$", re.I)


def is_home_path(path: str) -> bool:
    """Whether an address's path is the site's front page."""
    return bool(_HOME_PATH.match(path))


# A portal server's navigational state written into the path (WebSphere Portal's
# `/<page>/<slug>/!ut/p/z1/04_Sj9C.../dz/d5/L2dB.../`): opaque, different on every link to one
# page; the address is read without it.
_PORTAL_STATE = re.compile(r"/!ut/p/.*$")


def without_portal_state(url: str) -> str:
    """The address without the navigational state a portal server writes into its path."""
    if "/!ut/" not in url:
        return url
    path, mark, query = url.partition("?")
    return _PORTAL_STATE.sub("", path) + mark + query


def route_of(url: str) -> str:
    """The address as its route reads: without a portal server's state, and a front script's route
    given as the whole query read as the path it stands for (Dotclear's query-string addresses,
    `/index.php?post/2023/11/16/<slug>` for `/index.php/post/2023/11/16/<slug>`)."""
    url = without_portal_state(url)
    path, mark, query = url.partition("?")
    query, hash_mark, fragment = query.partition("#")
    if mark and _QUERY_ROUTE.match(query):
        return path.rstrip("/") + "/" + query + hash_mark + fragment
    return url


# a route as the whole query: a word, a slash, and no key=value pair
_QUERY_ROUTE = re.compile(r"^[A-Za-z][\w.-]*/[^=&]*$")


def declared_canonical(tree, url: str, base: str | None = None) -> str | None:
    """The address the page itself declares as its own (`<link rel="canonical">`, else `og:url`),
    in canonical form, where it can be the same article under another address; else None.

    Conservative, as a page's head is often a template's: a canonical on another host (beside
    the `www.` twin, and but for the case its path spells the page's own in), naming the home page,
    or an ancestor of the page's path (a section listing: `/tin-tuc/` for `/tin-tuc/bai-viet-123.html`)
    is ignored. What one page cannot show (every page
    of a portal declaring the same address) is the archive's to notice, when two articles claim it."""
    head = tree.find("head")
    scope = head if head is not None else tree
    declared = None
    for el in scope.iter("link", "meta"):
        if el.tag == "link":
            if "canonical" in (el.get("rel") or "").lower().split() and el.get("href"):
                declared = el.get("href")
                break
        elif declared is None and (el.get("property") or el.get("name") or "").lower() == "og:url":
            declared = el.get("content") or None  # kept looking: a later rel=canonical wins
    if not declared:
        return None
    page = canonical_url(url)
    found = canonical_url(declared, base or page or url)  # (resolved as the page's links are: its <base>)
    if page is None or found is None:
        return None
    if found == page:
        return found
    mine, theirs = urlsplit(page), urlsplit(found)
    if _bare_host(mine.netloc) != _bare_host(theirs.netloc):
        if (theirs.path, theirs.query) != (mine.path, mine.query) and theirs.path.lower() == mine.path.lower() \
                and _query_held(mine.query, theirs.query):
            # the page's own address as the live host spells it, on the host it is read from: a
            # case-blind server's lower-cased copy (SharePoint's `/tin-tuc/pages/x.aspx` a sidebar links,
            # its canonical `http://<live host>:80/tin-tuc/Pages/x.aspx`; and its query's keys, a "most
            # read" box's `/pages/newsdetail.aspx?newsid=4195&catid=41`, og:url's `NewsId=4195&CatId=41`;
            # or the query in full, a box's `?NewsId=4195` of the listing's `?NewsId=4195&CatId=41`)
            return urlunsplit((mine.scheme, mine.netloc, theirs.path, theirs.query, ""))
        return None
    if is_home_path(theirs.path) and not theirs.query:
        return None
    mine_path = urlsplit(without_portal_state(page)).path
    if not theirs.query and _is_ancestor(theirs.path, mine_path) and not _view_of(theirs.path, mine_path):
        return None
    return found


def _query_held(mine: str, theirs: str) -> bool:
    """Every parameter of the page's query is in the live address's, its key spelt in any case (a
    case-blind server's): the same query, or the same with the parameters the page's link left out."""
    if not mine:
        return not theirs
    held = {(k.lower(), v) for k, v in parse_qsl(theirs, keep_blank_values=True)}
    return all((k.lower(), v) in held for k, v in parse_qsl(mine, keep_blank_values=True))


def _view_of(path: str, of: str) -> bool:
    """`of` is a view of the item at `path`, one step below it named for a view (Plone's
    `/tin-tuc/x/view`, an `/amp` or `/print` step): the item itself, not a section above an article."""
    return of.rstrip("/")[len(path.rstrip("/")) + 1:].lower() in _VIEW_STEPS


# (and the folder's own index file: a static site's `/x/index.html` is the page `/x/` declares, Hugo's)
_VIEW_STEPS = frozenset(["view", "amp", "print", "full", "printable", "index.html", "index.htm", "index.php",
                         "default.aspx", "default.htm"])


def _bare_host(netloc: str) -> str:
    return netloc[4:] if netloc.startswith("www.") else netloc


def _is_ancestor(path: str, of: str) -> bool:
    """`/tin-tuc/` or `/tin-tuc` above `/tin-tuc/bai-123.html`."""
    base = path.rstrip("/")
    return of.rstrip("/") != base and of.startswith(base + "/")
