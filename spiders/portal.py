"""The portal spider: from a news listing to every article, politely and incrementally.

    scrapy crawl portal -a site=yenlap
    scrapy crawl portal -a start_urls=http://127.0.0.1:8000/tin-tuc [-a family=generic] [-a full=1]

Navigation only: which URLs to request, how to page, when to stop. Listing pages are read by
`scraper.extract.extract_listing`; article pages are handed over raw (extraction and storage
happen in the archive pipeline's writer process). Incremental: listings are newest-first, so a
listing chain stops after `stop_after` consecutive articles already archived (`full=1` walks
everything; `revisit=1` fetches archived articles again to record views and edits).

Sitemaps (robots.txt `Sitemap:` lines, else /sitemap.xml; indexes and gzipped ones followed)
are a second source of article links: always in a full run, and in any run whose start page
offers few article links or no way to more (a home page, a postback pager, an unknown
platform). Their archived articles are skipped like a listing's; only `full=1 revisit=1`
fetches them again.

The walk is on record: every listing and article request found, and every one ended, goes to the
archive pipeline as a `walk_progress` signal, which keeps the unfinished walk in the archive. A run
killed or stopped half-way leaves it there; the next run (whatever its options) is given it through
`resume()` and finishes it first. On a resumed listing chain only articles archived before that walk
began count toward the early stop: the ones the walk archived itself say nothing about what is
older (five kills of a 2,000-article crawl, then a plain run, lost 870-1,884 articles that way).
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

import scrapy
from scrapy.spidermiddlewares.httperror import HttpError

from scraper.extract import extract_listing, is_article_page, print_view, views_script
from scraper.extract.canonical import canonical_url, netloc_of
from scraper.frontier import UrlSet
from scraper.items import VIEWS_ANSWER, ArticleItem
from scraper.middlewares import utc_second
from scraper.targets import CrawlError, CrawlTarget, resolve_targets
from scraper.signals import archive_opened, send_direct, walk_progress

__all__ = ["PortalSpider"]

_TRUE = {"1", "true", "yes", "on"}
_MAX_LISTING_PAGES = 20_000
_STALE_PAGES = 2
# The next listing page goes out before queued articles: the listing chain is sequential, and
# waiting for its articles first would leave the host's request slots idle at every page turn.
_LISTING_PRIORITY = 20
_ARTICLE_PRIORITY = 10
# A start page offering fewer article links than this is no usable listing: ask the sitemaps too.
_FEW_ARTICLE_LINKS = 5
_MAX_SITEMAPS = 1_000  # per run: a sitemap index naming sitemaps without end stops somewhere
# What a request of the walk needs to be made again by a later run.
_WALK_META = ("kind", "chain_known", "stale", "start", "section", "menu", "revisit", "full", "resumed", "print_of")
# Print views: an article page showing no article is looked at for a print link (extraction's
# `print_view`, which parses the page). A host whose article pages needed no print view this many
# times in a row is not looked at again this run: its template shows its articles, and a crawl
# process must not parse every page twice (the writer extracts it too). The same for a count left to
# a script (extraction's `views_script`: ~0.6 ms a 19 KB page for the look at its bytes alone).
_FRUITLESS_LOOKS = 10
_ANSWER_CHARS = 2_000  # of a counter script's answer: `document.write('348');` and little else


class _HostLooks:
    """A look at each article page of a host that stops after `limit` pages in a row found nothing."""

    __slots__ = ("_limit", "_fruitless")

    def __init__(self, limit: int) -> None:
        self._limit, self._fruitless = limit, {}  # host -> pages in a row the look found nothing on

    def wanted(self, netloc: str) -> bool:
        return self._fruitless.get(netloc, 0) < self._limit

    def found(self, netloc: str, hit: bool) -> bool:
        """Record what the look at one page found; returns `hit`."""
        self._fruitless[netloc] = 0 if hit else self._fruitless.get(netloc, 0) + 1
        return hit


def _flag(value) -> bool:
    return value is True or str(value).strip().lower() in _TRUE


class PortalSpider(scrapy.Spider):
    name = "portal"

    def __init__(self, site: str | None = None, start_urls="", family: str | None = None, full=False,
                 stop_after=20, revisit=False, hosts="", site_names="", target: CrawlTarget | None = None,
                 **kwargs) -> None:
        super().__init__(**kwargs)
        if target is None:  # spider arguments (scrapy crawl portal -a site=NAME -a start_urls=URL,...)
            urls = [u for u in re.split(r"[,\s]+", start_urls) if u] if isinstance(start_urls, str) else list(start_urls)
            try:
                target = resolve_targets(([site] if site else []) + urls)
            except CrawlError as exc:
                raise ValueError(str(exc)) from None
        extra_hosts = tuple(h for h in hosts.split(",") if h) if isinstance(hosts, str) else tuple(hosts)
        extra_names = [n for n in site_names.split(",") if n] if isinstance(site_names, str) else list(site_names)
        self.site_names = list(target.names) + [n for n in extra_names if n not in target.names]
        if not target.start_urls:
            raise ValueError("give -a site=NAME or -a start_urls=http(s)://URL[,URL...]")
        family = family or target.family
        self.start_url_list: list[str] = list(target.start_urls)
        self.family = None if family in (None, "", "auto") else family
        self.netlocs = target.netlocs | {h.lower() for h in extra_hosts}
        self.allowed_domains = sorted({n.split(":")[0] for n in self.netlocs})
        self.full = _flag(full)
        self.stop_after = int(stop_after)
        self.revisit = _flag(revisit)
        # articles already archived (and, in incremental runs, pages found not to be articles): the
        # archive pipeline gives them at open (`archive_opened`)
        self.known_urls: set[str] = set()
        # 8 bytes an article URL (scraper/frontier.py): a crawl process holds hundreds of portals
        self._seen_articles = UrlSet()
        self._boxed_lists: set[str] = set()  # boxes' "see all" lists asked for (every page shows the same box)
        self._seen_extra: set[str] = set()
        self._sitemap_hosts: set[str] = set()  # hosts whose sitemaps this run already asked for
        self._families: dict[str, str | None] = {}
        self._listing_pages = 0
        self._resume: list[tuple[str, str, dict]] = []  # the unfinished walk of interrupted runs
        self._known_before_walk: set[str] = set()
        # Given by the archive pipeline when nothing between spider and pipelines reads article items
        # (media downloads do): article pages then go to it straight from the callback, without
        # Scrapy's per-item path (spider middlewares, item pipeline manager, item_scraped signal).
        self.page_sink = None
        self._sitemaps_in_robots: dict[str, list[str]] = {}  # host -> its robots.txt's Sitemap: lines
        self._print_looks = _HostLooks(_FRUITLESS_LOOKS)  # article pages that needed no print view
        self._views_script_looks = _HostLooks(_FRUITLESS_LOOKS)  # article pages leaving no count to a script

    def _archive_opened(self, known_urls: set[str], pending: list[tuple[str, str, dict]],
                        known_before_walk: set[str], page_sink=None, **_) -> None:
        """The archive pipeline's hand-over at open (scraper.signals.archive_opened)."""
        self.known_urls = known_urls
        self.page_sink = page_sink
        if pending:
            self.resume(pending, known_before_walk)

    def _robots_parsed(self, robotparser, request, **_) -> None:
        inner = getattr(robotparser, "rp", None)  # Scrapy's robots.txt parsers keep the Sitemap: lines there
        if inner is not None and hasattr(inner, "sitemaps"):
            self._sitemaps_in_robots[urlsplit(request.url).hostname or ""] = list(inner.sitemaps)

    def resume(self, pending: list[tuple[str, str, dict]], known_before_walk: set[str]) -> None:
        """The unfinished walk (url, kind, meta) of interrupted runs, and the articles archived before it
        began (the archive pipeline gives them at open): start() requests it before the start URLs."""
        self._resume = list(pending)
        self._known_before_walk = set(known_before_walk)

    async def start(self):
        for request in self._resumed_requests():
            yield request
        for url in self.start_url_list:
            # allow_offsite: a start URL redirecting to another host (a portal that moved) is followed;
            # Scrapy's redirect middlewares (HTTP and <meta refresh>) keep the meta on every hop
            yield scrapy.Request(url, callback=self.parse_listing, errback=self.on_listing_error,
                                 meta={"kind": "listing", "chain_known": 0, "start": True, "allow_offsite": True,
                                       "walk": url})

    def _resumed_requests(self) -> list[scrapy.Request]:
        requests = []
        for url, kind, meta in self._resume:
            meta = {**meta, "kind": kind, "walk": url, "resumed": True}
            if kind == "article":
                if url in self._seen_articles:
                    continue
                self._seen_articles.add(url)
                known = url in self.known_urls
                if known and not meta.get("revisit"):
                    self._walk_step(url)  # archived by the run that was interrupted
                    continue
                requests.append(self._article_request(url, revisit=known, meta=meta))
            elif kind in ("feed", "sitemap"):
                self._seen_extra.add(url)
                requests.append(scrapy.Request(url, callback=self.parse_listing, errback=self.on_extra_error, meta=meta))
            else:
                requests.append(scrapy.Request(url, callback=self.parse_listing, errback=self.on_listing_error,
                                               priority=_LISTING_PRIORITY, meta=meta))
        self.crawler.stats.set_value("portal/resumed", len(requests))
        self._resume = []
        return requests

    def _walk_step(self, done: str | None, found: list[scrapy.Request] = ()) -> None:
        """Tell the archive pipeline that `done` has ended and `found` are to do (see the module doc)."""
        steps = []
        for request in found:
            request.meta["walk"] = request.url
            steps.append((request.url, request.meta.get("kind", "listing"),
                          {k: request.meta[k] for k in _WALK_META if request.meta.get(k)}))
        send_direct(self.crawler.signals, walk_progress, done=done, found=steps)

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider._scheduled, signal=scrapy.signals.request_scheduled)
        crawler.signals.connect(spider._archive_opened, signal=archive_opened)
        crawler.signals.connect(spider._robots_parsed, signal=scrapy.signals.robots_parsed)
        return spider

    def _scheduled(self, request, spider=None) -> None:
        # At scheduling, before the download and the new host's robots.txt request (which the
        # offsite filter would drop, leaving the host's robots.txt unread) go out.
        if request.meta.get("allow_offsite") and request.meta.get("start") and not self._on_site(request.url):
            self._moved_to((request.meta.get("redirect_urls") or [request.url])[0], request.url)

    # -------------------------------------------------------------- listings

    # Callbacks return lists, not generators: for a generator callback Scrapy re-reads and parses
    # the callback's source on every response (to warn about `return` values), ~3 ms a page.
    def parse_listing(self, response) -> list:
        requests = list(self._follow_listing(response))
        self._walk_step(response.meta.get("walk"), requests)
        return requests

    def _follow_listing(self, response):
        self._listing_pages += 1
        self.crawler.stats.inc_value("portal/listing_pages")
        family = self._family_for(response)
        content_type = response.headers.get(b"Content-Type", b"").decode("latin-1") or None
        listing = extract_listing(response.body, response.url, family=family, content_type=content_type)
        chain_known = response.meta.get("chain_known", 0)
        fresh = 0
        full = self.full or bool(response.meta.get("full"))  # a resumed walk of a full run stays full
        resumed = bool(response.meta.get("resumed"))
        # on a resumed walk, what the walk archived itself does not stop it
        stop_known = self._known_before_walk if resumed else self.known_urls
        # a sitemap lists the whole archive: revisiting all of it is what full=1 revisit=1 asks for
        revisit = self.revisit and (full or response.meta.get("kind") != "sitemap")
        for url in listing.article_urls:
            if not self._on_site(url) or url in self._seen_articles:
                continue
            fresh += 1
            self._seen_articles.add(url)
            known = url in self.known_urls
            chain_known = chain_known + 1 if url in stop_known else 0
            if known and not revisit:
                self.crawler.stats.inc_value("portal/skipped_known")
                continue
            yield self._article_request(url, revisit=known)
        for url in listing.boxed_article_urls:  # fetched once, never counted by the stop rules below
            if self._on_site(url) and url not in self._seen_articles:
                self._seen_articles.add(url)
                known = url in self.known_urls
                if not known or revisit:
                    yield self._article_request(url, revisit=known)
        for url in listing.boxed_lists:
            # the whole list such a box shows the newest of ("Xem tất cả »" under a notices box):
            # a listing chain of its own, its pager and stop rules its own (a notice linked only from
            # that list's second page was never found)
            if self._on_site(url) and url not in self._boxed_lists:
                self._boxed_lists.add(url)
                yield self._listing_request(url, chain_known=0, full=full, resumed=resumed)
        yield from self._extras(listing, response)
        if not full and self.stop_after and chain_known >= self.stop_after:
            self.logger.info("%s: %d archived articles in a row, this listing stops here", response.url, chain_known)
            self.crawler.stats.inc_value("portal/stopped_early")
            return
        # Pages that add nothing (a pager looping back, an endpoint ignoring page=) end the chain, the
        # second in a row: a small portal's page 2 may list only what page 1's boxes already linked.
        stale = response.meta.get("stale", 0) + 1 if listing.article_urls and not fresh else 0
        if stale >= _STALE_PAGES and not response.meta.get("start"):
            return
        if self._listing_pages >= _MAX_LISTING_PAGES:
            return
        pages = listing.next_pages + (listing.other_pages if full else []) + listing.api_requests
        for url in pages:
            if self._on_site(url):
                yield self._listing_request(url, chain_known=chain_known, stale=stale, full=full, resumed=resumed)
        if response.meta.get("start") and response.meta.get("kind") == "listing":
            # a start page without a pager (a home page): walk the section listing its articles are in;
            # it repeats the start page's articles, so it starts a chain of its own
            for url in listing.sections:
                if self._on_site(url):
                    yield self._listing_request(url, chain_known=chain_known, start=True, section=True, full=full,
                                                resumed=resumed)
            if not (response.meta.get("menu") or response.meta.get("section") or self._robots_sitemap_urls(response.url)):
                # nor a section, nor a sitemap named in robots.txt (which lists the articles itself): the
                # pages its frames and menus open, each a start of its own (once: a menu page's menu
                # is the same menu)
                for url in listing.menu_pages:
                    if self._on_site(url):
                        yield self._listing_request(url, chain_known=0, start=True, menu=True, full=full,
                                                    resumed=resumed)

    def _listing_request(self, url: str, **meta) -> scrapy.Request:
        """A listing page to walk, before the articles waiting (its own kind, chain and flags in meta)."""
        return scrapy.Request(url, callback=self.parse_listing, errback=self.on_listing_error,
                              priority=_LISTING_PRIORITY, meta={"kind": "listing", **meta})

    def _extras(self, listing, response=None):
        """Feeds and sitemaps: fetched once a run, read like listings."""
        for url in listing.feeds:
            yield from self._extra_request(url, "feed")
        sitemaps = listing.sitemaps + self._robots_sitemaps(listing)
        if response is not None and self._wants_sitemaps(response, listing):
            sitemaps += self._host_sitemaps(response.url)
        for url in sitemaps:
            yield from self._extra_request(url, "sitemap")

    def _extra_request(self, url: str, kind: str):
        if self._on_site(url) and url not in self._seen_extra and len(self._seen_extra) < _MAX_SITEMAPS:
            self._seen_extra.add(url)
            yield scrapy.Request(url, callback=self.parse_listing, errback=self.on_extra_error,
                                 meta={"kind": kind, "chain_known": 0, "start": True})

    def _wants_sitemaps(self, response, listing) -> bool:
        """A full run always reads the sitemaps; other runs when a start page is no usable listing."""
        if response.meta.get("kind") != "listing" or netloc_of(response.url) in self._sitemap_hosts:
            return False
        if self.full:
            return True
        # a start page with few article links, or with no way to more of them (a postback pager)
        walkable = listing.next_pages or listing.api_requests or listing.sections
        return bool(response.meta.get("start")) and (len(listing.article_urls) < _FEW_ARTICLE_LINKS or not walkable)

    def _host_sitemaps(self, url: str) -> list[str]:
        """The host's sitemaps: robots.txt's `Sitemap:` lines, else the conventional /sitemap.xml."""
        self._sitemap_hosts.add(netloc_of(url))
        self.crawler.stats.inc_value("portal/sitemap_discovery")
        return self._robots_sitemap_urls(url) or [canonical_url("/sitemap.xml", url)]

    def _robots_sitemaps(self, listing) -> list[str]:
        """Sitemaps named in robots.txt, for families whose [listing] says which ones list articles."""
        from scraper.extract.listing import family_listing_rules

        family = self._families.get(netloc_of(listing.url)) or self.family
        if not family_listing_rules(family).get("sitemap_links"):
            return []
        return self._robots_sitemap_urls(listing.url)

    def _robots_sitemap_urls(self, url: str) -> list[str]:
        found = self._sitemaps_in_robots.get(urlsplit(url).hostname or "", [])
        return [u for u in (canonical_url(s, url) for s in found) if u]

    def _family_for(self, response) -> str | None:
        """The host's family, recognised per listing page until one page shows it: a home page
        often carries none of the markers its section listings and articles do."""
        if self.family:
            return self.family
        netloc = netloc_of(response.url)
        family = self._families.get(netloc)
        if family is None and b"<html" in response.body[:5000].lower():
            from scraper.extract.families import recognise

            family = recognise(response.body, response.url)
            if family or netloc not in self._families:
                self._families[netloc] = family
                self.crawler.stats.set_value(f"portal/family/{netloc}", family or "generic")
            return family or "generic"  # recognised here already: the listing rules need not look again
        return family

    def _moved_to(self, url: str, target: str) -> None:
        """A start URL redirects to another host: the portal moved, the crawl goes on there
        (all its links would be off-site otherwise, and nothing archived)."""
        netloc = netloc_of(target)
        self.netlocs.add(netloc)
        # a new list: Scrapy's offsite filter rebuilds its host pattern when the list changes
        self.allowed_domains = sorted(set(self.allowed_domains) | {netloc.split(":")[0]})
        self.crawler.stats.set_value(f"portal/moved_to/{netloc}", url)
        self.logger.warning("start URL %s moved to %s: crawling that host", url, target)

    def on_listing_error(self, failure) -> list:
        self.crawler.stats.inc_value("portal/listing_failed")
        self.logger.info("listing failed: %s (%s)", failure.request.url, failure.getErrorMessage())  # a fetches row
        request = failure.request
        found = []
        if request.meta.get("start") and netloc_of(request.url) not in self._sitemap_hosts:
            # the start page is gone (a moved news section): the sitemaps may still list the articles
            found = [r for u in self._host_sitemaps(request.url) for r in self._extra_request(u, "sitemap")]
        self._walk_step(request.meta.get("walk"), found)
        return found

    def on_extra_error(self, failure) -> None:
        # a feed or sitemap that is not there (a guessed /sitemap.xml) is no failure of the crawl
        self._walk_step(failure.request.meta.get("walk"))
        self.crawler.stats.inc_value(f"portal/{failure.request.meta.get('kind', 'extra')}_failed")
        self.logger.info("%s not read: %s (%s)", failure.request.meta.get("kind"), failure.request.url,
                         failure.getErrorMessage())

    # -------------------------------------------------------------- articles

    def _article_request(self, url: str, revisit: bool, meta: dict | None = None) -> scrapy.Request:
        self.crawler.stats.inc_value("portal/article_requests")
        return scrapy.Request(url, callback=self.parse_article, errback=self.on_article_error, priority=_ARTICLE_PRIORITY,
                              meta={**(meta or {}), "kind": "article", "revisit": revisit})

    def parse_article(self, response):
        item = self._article_item(response)
        if item is None:
            self._walk_step(response.meta.get("walk"))  # nothing to archive: the request has ended
            return []
        printed = self._print_request(response, item)
        if printed is not None:
            self._walk_step(None, [printed])  # on record before the page (and its request's end) go over
        counter = self._counter_request(response, item, printed)
        if counter is not None:
            return [counter]  # the page goes over with the script's answer (parse_counter)
        return self._hand_over(item, printed)

    def _hand_over(self, item: ArticleItem, printed: scrapy.Request | None = None):
        if self.page_sink is None:
            return [item] + ([printed] if printed is not None else [])
        # None: on its way; else an awaitable that completes once the writer has room (Scrapy keeps
        # the response in its scraper slot meanwhile, and its backout holds new downloads back)
        held = self.page_sink(item)
        if printed is not None:
            # scheduled here, on the site (checked): the callback's answer may be the wait for the writer
            self.crawler.engine.crawl(printed)
        return [] if held is None else held

    def _counter_request(self, response, item: ArticleItem, printed) -> scrapy.Request | None:
        """The script a page leaves its view count to (extraction's `views_script`), where it is on
        the portal's hosts; robots.txt still decides whether it is fetched. Asked before the page
        goes over, its answer with it: one crossing to the archive, and a crawl killed meanwhile
        leaves the page's request open in the walk, to be made again."""
        if response.meta.get("print_of"):
            return None
        netloc = netloc_of(response.url)
        if not self._views_script_looks.wanted(netloc):
            return None  # (its template shows its counts, or none: the bytes not looked at again this run)
        url = views_script(response.body, response.url, content_type=item.content_type or None)
        if not self._views_script_looks.found(netloc, url is not None and self._on_site(url)):
            return None
        self.crawler.stats.inc_value("portal/views_scripts")
        return scrapy.Request(url, callback=self.parse_counter, errback=self.on_counter_error,
                              priority=_ARTICLE_PRIORITY + 1, dont_filter=True, meta={"kind": "views_script"},
                              cb_kwargs={"item": item, "printed": printed})

    def parse_counter(self, response, item: ArticleItem, printed=None):
        # (its bytes as text whatever it is served as: `document.write('348');` is ASCII)
        item.record[VIEWS_ANSWER] = response.body[:_ANSWER_CHARS].decode("utf-8", "replace")
        return self._hand_over(item, printed)

    def on_counter_error(self, failure):
        """The script not fetched (robots.txt, an error): the page goes over without its count."""
        kwargs = failure.request.cb_kwargs
        self.crawler.stats.inc_value("portal/views_scripts_failed")
        return self._hand_over(kwargs["item"], kwargs.get("printed"))

    def _print_request(self, response, item: ArticleItem) -> scrapy.Request | None:
        """The print view of an article page that shows no article, where it links one on the
        portal's hosts; robots.txt still decides whether it is fetched (Scrapy's robots middleware).
        The view is archived under the article page's address (scraper/extract/print_link.py)."""
        if response.meta.get("print_of"):
            return None  # a print view itself
        netloc = netloc_of(response.url)
        if not self._print_looks.wanted(netloc):
            return None
        url = print_view(response.body, response.url, family=item.family, content_type=item.content_type or None)
        if not self._print_looks.found(netloc, url is not None and self._on_site(url)):
            return None
        self.crawler.stats.inc_value("portal/print_views")
        return self._article_request(url, revisit=bool(response.meta.get("revisit")),
                                     meta={"print_of": item.record["url"]})

    def _article_item(self, response) -> ArticleItem | None:
        content_type = response.headers.get(b"Content-Type", b"").decode("latin-1")
        if not is_article_page(content_type):
            self.crawler.stats.inc_value("portal/not_html")
            return None
        url = canonical_url(response.url) or response.url
        family = self.family or self._families.get(netloc_of(response.url))
        record = {"url": url}
        if response.meta.get("print_of"):  # a print view: the article page's address is the article's
            record["canonical"] = response.meta["print_of"]
        item = ArticleItem(
            record=record, raw_body=response.body, status=response.status, content_type=content_type,
            fetched_at=utc_second(),
            family=family, revisit=bool(response.meta.get("revisit")),
            walk_url=response.meta.get("walk"),
        )
        self.crawler.stats.inc_value("portal/article_pages")
        return item

    def on_article_error(self, failure):
        self._walk_step(failure.request.meta.get("walk"))  # its fetch row says why
        self.crawler.stats.inc_value("portal/failed")
        if failure.check(HttpError):
            status = failure.value.response.status
            self.crawler.stats.inc_value(f"portal/failed_status/{status}")
        self.logger.info("article failed: %s (%s)", failure.request.url, failure.getErrorMessage())

    def _on_site(self, url: str) -> bool:
        return netloc_of(url) in self.netlocs
