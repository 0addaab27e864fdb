"""The records extraction produces: plain data, no behaviour beyond serialisation."""
from __future__ import annotations

import copy
from dataclasses import dataclass, field, is_dataclass

__all__ = ["Article", "ArticleImage", "Attachment", "Listing"]


@dataclass(slots=True)
class ArticleImage:
    url: str
    caption: str | None = None
    alt: str | None = None


@dataclass(slots=True)
class Attachment:
    url: str
    name: str | None = None


@dataclass(slots=True)
class Article:
    """One news article as a page shows it.

    `overruled` records disagreements: the family's answers that were not trusted.
    `published` is ISO 8601: `YYYY-MM-DD` when the page gives only the day, else
    `YYYY-MM-DDTHH:MM:SS+07:00`. `published_text` is the date text as the page wrote it.
    `charset_guessed` names the charset a page was decoded in by guess (None: as declared, or UTF-8).
    """

    url: str
    site: str
    title: str | None = None
    published: str | None = None
    published_text: str | None = None
    views: int | None = None
    author: str | None = None
    category: str | None = None
    body: str | None = None
    body_html: str | None = None
    images: list[ArticleImage] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    family: str | None = None
    # the charset the page was decoded in when neither it nor its response named one that worked
    # (a guess: its text may be wrong); None when declared or UTF-8
    charset_guessed: str | None = None
    # field -> what the family's (or learned profile's) selector answered where that answer failed
    # a sanity test and the generic rules' answer was kept instead (scraper/extract/checks.py)
    overruled: dict | None = None
    # extracted with a learned site profile: the share of its steady fields the page still fits
    profile_fit: float | None = None
    # the address the page declares as its own (rel=canonical, og:url), where it may be another
    # address of this article (scraper/extract/canonical.py); the archive keys the article by it
    canonical: str | None = None

    def to_dict(self) -> dict:
        # what dataclasses.asdict() returns, without its deepcopy of every string (a crawl calls this per page)
        return {name: _plain(getattr(self, name)) for name in self.__dataclass_fields__}


_IMMUTABLE = (str, int, float, bool, type(None))


def _plain(value):
    if type(value) in _IMMUTABLE:
        return value
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if is_dataclass(value) and not isinstance(value, type):
        return {name: _plain(getattr(value, name)) for name in value.__dataclass_fields__}
    return copy.deepcopy(value)


@dataclass(slots=True)
class Listing:
    """What a listing page offers a crawler: article links and ways to more of them."""

    url: str
    article_urls: list[str] = field(default_factory=list)
    next_pages: list[str] = field(default_factory=list)
    other_pages: list[str] = field(default_factory=list)  # the rest of the pager (a full crawl walks them too)
    api_requests: list[str] = field(default_factory=list)
    feeds: list[str] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)  # a pager-less page (a home page): the section listing its articles are in
    # a pager-less page that names no such section (a frames-era home page, articles addressed by
    # query): the pages its frames and menus open, where a crawl looks for the lists next
    menu_pages: list[str] = field(default_factory=list)
    # headlines in the page's other lists (a "Thông báo" box linking `/node/2419`): articles a crawl
    # fetches once, which the listing's stop rules do not count
    boxed_article_urls: list[str] = field(default_factory=list)
    # the list such a box says holds them all ("Xem tất cả »" under a notices box): a listing of its own
    boxed_lists: list[str] = field(default_factory=list)
