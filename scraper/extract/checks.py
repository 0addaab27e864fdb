"""Sanity tests a family's (or a learned profile's) answer must pass before it is trusted.

A family file written without the platform in hand picks the first element its selectors find;
on a DotNetNuke portal that was a module heading ("Chuyên mục") for the title, a "most read" box
before the content for the view count, and an empty module for the body (72/96 fields against
86/96 for the generic rules on three held-out platforms). These tests say when such an answer is
implausible; article.py then takes the generic answer and records what it overruled.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

import lxml.etree

from scraper.extract.canonical import join_url
from scraper.extract.text import element_text

__all__ = ["PHOTO_FILE", "SITE_NAME", "section_like_title", "inside", "body_far_shorter", "body_worth_checking", "MIN_TITLE_WORDS"]

# Vietnamese news titles run to 8-20 words; section and module names ("Chuyên mục", "Tin tức -
# Sự kiện", "Tin đọc nhiều") to 1-4.
MIN_TITLE_WORDS = 5
# A body a third of the generic one's length has lost paragraphs, not just chrome.
_FAR_SHORTER = 3


_WORDS = re.compile(r"\w+")
# A title this long is an article's even where a link repeats it (breadcrumbs and "related"
# lists link the article itself); shorter ones are checked against the page's links.
_SURELY_ARTICLE_WORDS = 9


# No article's title: a site's name as its pages' <title> or its header's heading (every page of an
# old portal is titled so; a vendor's <h1> "CỔNG THÔNG TIN ĐIỆN TỬ HUYỆN ..."), the home page named
# on every page (SharePoint 2010's "Trang chủ - Tin tức") or the page's type (WebSphere Portal's
# "Chi tiết tin tức" for every article).
# (after any decoration: a classic ASP site's ".:: TRANG THÔNG TIN ĐIỆN TỬ HUYỆN ĐOAN HÙNG")
_DETAIL_WORDS = r"(tin |xem |nội dung )?chi tiết( tin tức| tin| bài viết| bài)?"
SITE_NAME = re.compile(r"^[\s.:|*~=>»-]*(cổng|trang) (thông tin|ttđt)|^\s*website (của|huyện|xã|ubnd)\b|"
                       r"^\s*(trang chủ|home)\s*([-|:»›–—]|$)|"
                       r"^\s*" + _DETAIL_WORDS + r"\s*([-|:»›–—]|$)", re.I)
# The detail page's name alone, also no category where a trail ends with it (dotCMS's URL-mapped page;
# the Chinese CMSs vendors re-skin, PHPCMS's "Trang chủ > Tin tức > Tin hoạt động > 正文", "body text").
# (and its translation left by the vendor: "Nội dung", content, EmpireCMS's re-skinned trail)
# (or the view's name: Discuz!'s portal trail ending "查看", "Xem" in its Vietnamese skin)
DETAIL_PAGE = re.compile(r"^\s*(" + _DETAIL_WORDS + r"|nội dung( tin| bài viết)?|bài viết|(news |article )?details?|xem|view|查看|正文|详情|详细内容|内容页?)\s*$",
                         re.I)


def section_like_title(title: str | None, tree, url: str = "") -> bool:
    """A section or module name rather than an article's title: short, or the text of a link to
    another page (a menu, breadcrumb or category entry)."""
    if not title or SITE_NAME.match(title):
        return True  # (or the site's name: a vendor's <h1> in the header, "CỔNG THÔNG TIN ĐIỆN TỬ HUYỆN ĐỨC THỌ")
    words = len(_WORDS.findall(title))
    if words < MIN_TITLE_WORDS:
        return True
    if words >= _SURELY_ARTICLE_WORDS:
        return False
    return named_by_link(title, tree, url)


def named_by_link(title: str | set, tree, url: str = "", by_query: bool = False) -> bool:
    """Whether a link to another page (a menu, breadcrumb or category entry) has this text (in
    capitals or not: a module's heading "TIN TỨC - SỰ KIỆN", the menu's "Tin tức - Sự kiện"); `title`
    may be a set of case-folded texts. `by_query`: a link to the same path with another query is to
    another page (a portal page's own listing, its articles in the portlet's state)."""
    folded = title if isinstance(title, set) else {title.casefold()}
    own = url.split("#", 1)[0] if by_query else urlsplit(url).path
    for a in tree.iter("a"):
        href = a.get("href")
        if href and element_text(a).casefold() in folded:
            target = join_url(url, href) or url
            if (target.split("#", 1)[0] if by_query else urlsplit(target).path) != own:
                return True
    return False


def inside(el, container) -> bool:
    """Whether el is container or one of its descendants."""
    if container is None or el is None:
        return True
    return el is container or any(a is container for a in el.iterancestors())


# Cheap tests that decide whether the generic body finder (about half the cost of a family page:
# 4.1 of 8.0 s over 480 sample pages) must run. The page's text is measured by libxml2 without
# making a Python string of it; the images are found by one walk up from each <img> (an XPath
# with four ancestor:: tests, then a walk to the body's root for each, cost 2.3x as much).
_PAGE_TEXT_LENGTH = lxml.etree.XPath("string-length(//body)")
_NOT_FREE = frozenset(["a", "header", "footer", "nav"])  # an image in these is a link or the page's chrome
_NOT_CONTENT_IMAGE = re.compile(r"logo|banner|icon|avatar|thumb|placeholder|spacer|blank|emoji|button|flag", re.I)
PHOTO_FILE = re.compile(r"\.(jpe?g|webp)(\?|$)", re.I)
_SHORT_BODY = 300
_PAGE_SHARE = 8  # a body under an eighth of the page's text


def _free_images_outside(tree, root):
    """The page body's images outside links, header, footer and nav, and outside `root`."""
    for img in tree.iter("img"):
        if img is root:
            continue
        in_body = False
        for a in img.iterancestors():
            if a is root or a.tag in _NOT_FREE:
                break
            if a.tag == "body":
                in_body = True
        else:
            if in_body:
                yield img


def body_worth_checking(tree, root, body_len: int, n_images: int) -> bool:
    """Whether the family's body may have lost text or images the generic finder would find."""
    if body_len < _SHORT_BODY or body_len * _PAGE_SHARE < _PAGE_TEXT_LENGTH(tree):
        return True
    if root is None:
        return False
    for img in _free_images_outside(tree, root):
        src = img.get("data-src") or img.get("src") or ""
        hint = f"{src} {img.get('class') or ''} {img.get('id') or ''}"
        if _NOT_CONTENT_IMAGE.search(hint):
            continue
        # photos are JPEG or WebP; a PNG, GIF or SVG without a photo's width is a sprite or an icon
        if PHOTO_FILE.search(src) or _int(img.get("width")) >= 200:
            return True
    return False


def _int(value) -> int:
    try:
        return int(str(value).removesuffix("px"))
    except (TypeError, ValueError):
        return 0


def body_far_shorter(family_len: int, generic_len: int) -> bool:
    return generic_len > _FAR_SHORTER * family_len + 100
