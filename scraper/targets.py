"""What a crawl is of: its targets (registry names, start URLs) resolved once, into a `CrawlTarget`.

The command line resolves them (with the registry file it was given) and hands the result to
`run_crawl`, which hands it to the spider; `scrapy crawl portal -a site=NAME` goes through the
same function. Nothing reads the registry's path from the environment on the way.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from scraper.extract.canonical import canonical_url, netloc_of
from scraper.registry import Site, find_site

__all__ = ["CrawlError", "CrawlTarget", "resolve_targets", "site_target"]


class CrawlError(Exception):
    """A crawl that cannot start: unknown site, bad URL, another crawl of the host running."""


@dataclass(frozen=True)
class CrawlTarget:
    """Start URLs (canonical), the registry's family (or None), the portal's other hosts, its
    site names, and one portal name a target (its site name, else its URL's host)."""

    start_urls: tuple[str, ...]
    family: str | None = None
    hosts: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    portals: tuple[str, ...] = field(default=())

    @property
    def netlocs(self) -> set[str]:
        return {netloc_of(u) for u in self.start_urls} | {h.lower() for h in self.hosts}


def site_target(site: Site) -> CrawlTarget:
    """The CrawlTarget of one registry entry (`crawl NAME`, and each portal of `crawl --all`)."""
    urls = tuple(u for u in (canonical_url(s) for s in site.start_urls) if u)
    return CrawlTarget(urls, site.family_or_none, tuple(site.hosts), (site.name,), (site.name,))


def resolve_targets(targets: list[str] | tuple[str, ...], registry: str | None = None) -> CrawlTarget:
    """The CrawlTarget of NAMEs (from `registry`, else the default registry) and URLs."""
    urls: list[str] = []
    families: list[str] = []
    hosts: list[str] = []
    names: list[str] = []
    portals: list[str] = []
    for target in targets:
        if "://" in target:
            url = canonical_url(target)
            if not url:
                raise CrawlError(f"not an http(s) URL: {target!r}")
            urls.append(url)
            portals.append(netloc_of(url))
            continue
        site: Site | None = find_site(target, registry)
        if site is None:
            raise CrawlError(f"unknown site {target!r}: give a start URL, or a name from the registry "
                             f"(scraper/registry/sites.toml, $PORTAL_ARCHIVE_REGISTRY or --registry)")
        if not site.start_urls:
            raise CrawlError(f"{site.name}: no host known for {site.title or site.name} yet "
                             f"(portal-archive discover {site.guess.split('.', 1)[-1] or 'PROVINCE_DOMAIN'} "
                             f"finds candidates; or give a start URL)")
        one = site_target(site)
        names.extend(one.names)
        portals.extend(one.portals)
        urls.extend(one.start_urls)
        hosts.extend(one.hosts)
        if one.family:
            families.append(one.family)
    return CrawlTarget(tuple(urls), families[0] if families else None, tuple(hosts), tuple(names), tuple(portals))
