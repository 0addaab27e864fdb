"""Pure extraction: HTML bytes and a URL in, records out. No network, no database, no Scrapy."""
from __future__ import annotations

from scraper.extract.model import Article, ArticleImage, Attachment, Listing
from scraper.extract.text import ExtractionError

from scraper.extract.verdict import is_article, is_article_page, is_page

__all__ = ["Article", "ArticleImage", "Attachment", "ExtractionError", "Listing", "extract_article", "extract_listing",
           "is_article", "is_article_page", "is_page", "learn_profile", "page_media", "print_view", "views_script",
           "views_from_script"]


def extract_article(html: bytes | str, url: str, family: str | None = None,
                    content_type: str | None = None, with_html: bool = True, profile: dict | None = None) -> Article:
    """Extract one article. `family=None` recognises the platform; `"generic"` forces the generic rules.

    `content_type` is the HTTP header, whose charset (if any) decides the decoding of bytes.
    `with_html=False` leaves out `body_html`, the cleaned HTML of the body (a caller that keeps
    the whole page has it there). Raises `ExtractionError` (a ValueError) for input that is not
    an HTML page. `profile`: the site's learned profile (`learn_profile`), used before the family.
    """
    from scraper.extract.article import extract_article as _extract

    return _extract(html, url, family=family, content_type=content_type, with_html=with_html, profile=profile)


def learn_profile(pages: list[tuple], site: str) -> dict | None:
    """A site profile from (html, url, record) of a site's article pages (record: extraction's dict
    of that page), or None from too few pages. See scraper.extract.profile."""
    from scraper.extract.article import parse_html
    from scraper.extract.families import family_names, load_family
    from scraper.extract.profile import learn_profile as _learn

    trees = [(parse_html(html), record) for html, _url, record in pages]
    families = [r.get("family") for _, _, r in pages]
    base = max(set(families), key=families.count) if families else None
    return _learn(trees, site, load_family(base) if base in family_names() else None)


def extract_listing(html: bytes | str, url: str, family: str | None = None,
                    content_type: str | None = None) -> Listing:
    """Find article links, next pages, feeds and AJAX endpoints on a listing page.

    `content_type` is the HTTP header, whose charset (if any) decides the decoding of bytes, as
    for `extract_article`."""
    from scraper.extract.listing import extract_listing as _extract

    return _extract(html, url, family=family, content_type=content_type)


def page_media(html: bytes | str, url: str, content_type: str | None = None) -> list[str]:
    """Same-host image and document URLs of a page, found by an Article's own rules (srcset,
    lazy-load, document links): what the crawl fetches beside each article page."""
    from scraper.extract.media import page_media as _media

    return _media(html, url, content_type)


def print_view(html: bytes | str, url: str, family: str | None = None, content_type: str | None = None) -> str | None:
    """The print view to fetch in place of a page that shows no article: the same-host print link
    of a page on which extraction finds no article (no title or no body), else None. Pages whose
    bytes name no print link at all are answered without parsing them."""
    from scraper.extract.article import extract_article as _extract
    from scraper.extract.print_link import may_link_print_view, print_view_link

    if not may_link_print_view(html):
        return None
    tree = _tree_or_none(html, content_type)
    link = print_view_link(tree, url) if tree is not None else None
    if link is None:
        return None
    try:
        found = _extract(html, url, family=family, content_type=content_type, with_html=False)
    except ExtractionError:
        return None
    return None if is_article(found) else link


def views_script(html: bytes | str, url: str, content_type: str | None = None) -> str | None:
    """The same-host script a page leaves its view count to (`Lượt xem: <script src=...>`), else
    None; the crawl asks it and hands its answer over with the page. Pages whose bytes hold no label
    before a script are answered without parsing them. See scraper.extract.counter."""
    from scraper.extract.counter import may_leave_views_to_script, views_script_link

    if not may_leave_views_to_script(html):
        return None
    tree = _tree_or_none(html, content_type)
    return views_script_link(tree, url) if tree is not None else None


def views_from_script(answer: bytes | str | None) -> int | None:
    """The view count a counter script's answer writes (`document.write('348');`), or None."""
    from scraper.extract.counter import views_in_script_answer

    return views_in_script_answer(answer)


def _tree_or_none(html: bytes | str, content_type: str | None):
    """The parsed page, or None where it is no HTML page (a link looked for on it: none)."""
    from scraper.extract.article import parse_html

    try:
        return parse_html(html, content_type)
    except ExtractionError:
        return None
