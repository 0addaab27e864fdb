"""The portal spider: from a news listing to every article (thin first version)."""
from __future__ import annotations

from urllib.parse import urlsplit

import scrapy

from scraper.extract import extract_article, extract_listing
from scraper.items import ArticleItem

__all__ = ["PortalSpider"]


class PortalSpider(scrapy.Spider):
    name = "portal"

    def __init__(self, start_urls: str = "", family: str | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.start_url_list = [u for u in start_urls.split(",") if u]
        self.family = family
        self.allowed_domains = [urlsplit(u).hostname for u in self.start_url_list]

    async def start(self):
        for url in self.start_url_list:
            yield scrapy.Request(url, callback=self.parse_listing)

    def parse_listing(self, response):
        listing = extract_listing(response.body, response.url, family=self.family)
        for url in listing.article_urls:
            yield response.follow(url, callback=self.parse_article)
        for url in listing.next_pages:
            yield response.follow(url, callback=self.parse_listing)

    def parse_article(self, response):
        article = extract_article(response.body, response.url, family=self.family)
        if article.title and article.body:
            yield ArticleItem(record=article.to_dict(), raw_body=response.body, status=response.status)
