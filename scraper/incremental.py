"""What an incremental crawl already knows: the URLs it need not fetch again.

A crawl into the archive reads this from the archive itself (`known_urls_for`, called by the
pipeline). A crawl into a shard on another machine (a queue worker, portal_archive.queue) never
opens the main archive: the coordinator computes the same set there and hands it over, and the
crawl reads it from the file named by the `PORTAL_ARCHIVE_KNOWN_FILE` setting (one URL a line,
gzip). The same function decides both, so a worker's run skips exactly what a local run would.
"""
from __future__ import annotations

import base64
import gzip
import os
import zlib

from scraper.extract.canonical import netloc_of

__all__ = ["known_urls_for", "pack_urls", "portal_hosts", "unpack_urls", "write_known_file", "read_known_file"]


def _redirecting_to(archive, known: set[str], netlocs: set[str]) -> set[str]:
    """Article URLs that redirected to an archived article (possibly in several hops).

    The article is archived under the URL it ends at, while listings keep linking the old one:
    without these, every incremental run would fetch it again and never stop paging early.
    """
    hops: dict[str, str] = {}
    for url, target in archive.redirects_on("article", netlocs):
        if netloc_of(url) in netlocs:
            hops[url] = target  # the latest answer wins
    found = set()
    for url, target in hops.items():
        for _ in range(10):  # Scrapy follows at most 20 redirects; real chains are 1-3 hops
            if target in known or target not in hops:
                break
            target = hops[target]
        if target in known:
            found.add(url)
    return found


def _moved_hosts(archive, netlocs: set[str]) -> set[str]:
    """Hosts that listing requests to `netlocs` were redirected to (the spider follows a start URL there)."""
    return {netloc_of(target) for url, target in archive.redirects_on("listing", netlocs)
            if netloc_of(url) in netlocs} - netlocs


def portal_hosts(archive, netlocs: set[str]) -> set[str]:
    """A portal's hosts: `netlocs`, and those its start URLs redirected to in earlier runs (a portal
    that moved holds its articles there too)."""
    return set(netlocs) | _moved_hosts(archive, set(netlocs))


def known_urls_for(archive, netlocs: set[str], *, full: bool = False) -> set[str]:
    """The article URLs of a portal on `netlocs` that an incremental run skips (`archive`: archive.store.Archive)."""
    hosts = portal_hosts(archive, netlocs)
    # read by URL range on the hosts (indexed): a crawl process opens hundreds of portals
    known = {u for u in archive.known_urls_on(hosts) if netloc_of(u) in hosts}
    known |= _redirecting_to(archive, known, set(netlocs))
    if not full:  # a full run looks at pages that were not articles again
        known |= {u for u in archive.not_article_urls_on(hosts) if netloc_of(u) in hosts}
    return known


def pack_urls(urls: set[str]) -> str:
    """URLs as one short ASCII string (zlib, base64) to travel in a queue message.

    A portal's URLs share long prefixes: 2,000 numbered article URLs of one host pack to 3.3 bytes
    each (measured; real slugs differ more and pack larger)."""
    return base64.b64encode(zlib.compress("\n".join(sorted(urls)).encode("utf-8"), 9)).decode("ascii")


def unpack_urls(packed: str) -> set[str]:
    text = zlib.decompress(base64.b64decode(packed)).decode("utf-8")
    return {u for u in text.split("\n") if u}


def write_known_file(path: str, urls: set[str]) -> None:
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with gzip.open(path, "wt", encoding="utf-8") as f:
        f.writelines(u + "\n" for u in sorted(urls))


def read_known_file(path: str | None) -> set[str]:
    """The URLs of a known-URLs file; an empty set when no file is named."""
    if not path:
        return set()
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return {line.rstrip("\n") for line in f if line.strip()}
