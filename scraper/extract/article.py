"""Article extraction entry point (thin first version; the family and generic extractors deepen it)."""
from __future__ import annotations

import unicodedata
from urllib.parse import urljoin, urlsplit

import lxml.html

from scraper.extract.model import Article, ArticleImage

__all__ = ["extract_article"]


def _text(el) -> str:
    return unicodedata.normalize("NFC", " ".join(el.text_content().split()))


def extract_article(html: bytes | str, url: str, family: str | None = None) -> Article:
    article = Article(url=url, site=urlsplit(url).hostname or "")
    if not html or not (html.strip() if isinstance(html, str) else html.strip()):
        return article
    tree = lxml.html.fromstring(html)
    og = tree.xpath("//meta[@property='og:title']/@content")
    h1 = tree.xpath("//h1")
    if og:
        article.title = unicodedata.normalize("NFC", " ".join(og[0].split()))
    elif h1:
        article.title = _text(h1[-1])
    paragraphs = [_text(p) for p in tree.xpath("//article//p | //div[contains(@class,'content')]//p")]
    article.body = "\n\n".join(p for p in paragraphs if p) or None
    for img in tree.xpath("//article//img"):
        src = img.get("data-src") or img.get("src")
        if src:
            article.images.append(ArticleImage(url=urljoin(url, src), alt=img.get("alt")))
    return article
