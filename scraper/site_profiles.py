"""Learned site profiles in a crawl: learned from each site's first article pages, kept in the
archive, used for the rest of the crawl (and by later runs and `reextract`).

Runs in the archive writer (scraper/writer.py), the crawl's one port to the archive: the archive
is handed in, extraction and learning (scraper.extract, pure) are called from here.
"""
from __future__ import annotations

import sys
import zlib

from scraper.extract import learn_profile
from scraper.extract.profile import FITS, MIN_PAGES, profile_from_toml, profile_to_toml

__all__ = ["SiteProfiles", "LEARN_PAGES", "STALE_AFTER"]

# Pages a profile is learned from. More pages see more of the template's variants (a page with no
# byline, one with a gallery); 20 pages take 65-80 ms to learn from (bench/profiles.py).
LEARN_PAGES = 20
# This many pages in a row of another template (profile_fit under FITS) are a redesign, not an odd page.
STALE_AFTER = 10


class SiteProfiles:
    """Per site: the stored profile, or the pages gathered to learn one."""

    def __init__(self, archive, run_id: int | None, learn_pages: int = LEARN_PAGES) -> None:
        self.archive = archive
        self.run_id = run_id
        self.learn_pages = learn_pages
        self._profiles: dict[str, dict | None] = {}
        self._pending: dict[str, list[tuple]] = {}
        self._misfits: dict[str, int] = {}

    def profile(self, site: str) -> dict | None:
        """The site's profile (read from the archive once), or None while none is learned."""
        if site not in self._profiles:
            text = self.archive.site_profile(site)
            try:
                self._profiles[site] = profile_from_toml(text) if text else None
            except ValueError as exc:  # a hand-edited profile that no longer reads: learn again
                print(f"portal-archive: stored profile of {site} unreadable ({exc}); learning it again", file=sys.stderr)
                self._profiles[site] = None
        return self._profiles[site]

    def fitted(self, site: str, fit: float | None) -> None:
        """How well a page extracted with the site's profile fitted it. After STALE_AFTER pages in a
        row that did not (a redesign: `health` reports it from the pages' profile_fit), the profile
        is learned again from the next pages."""
        if fit is None or fit >= FITS:
            self._misfits[site] = 0
            return
        self._misfits[site] = self._misfits.get(site, 0) + 1
        if self._misfits[site] >= STALE_AFTER:
            print(f"portal-archive: {site} no longer fits its learned profile; learning it again", file=sys.stderr)
            self._profiles[site] = None
            self._misfits[site] = 0

    def gathered(self, site: str, page: tuple, record: dict) -> list[tuple] | None:
        """Note an article page extracted without a profile: (body, url, content type, family, crawl record).

        When the site has enough pages, learn its profile, store it and return the gathered pages
        (to extract again with it); else None."""
        if self._profiles.get(site) is not None:
            return None
        pending = self._pending.setdefault(site, [])
        # kept compressed (~5x smaller): one writer gathers for every portal its crawl process has in
        # flight, and 350 portals x 20 pages of ~50 KB held ~350 MB in a writer (700 portals, 2 processes)
        pending.append(((zlib.compress(page[0], 1), *page[1:]), record))
        if len(pending) < self.learn_pages:
            return None
        return self._learn(site)

    def finish(self) -> dict[str, list[tuple]]:
        """At the end of the run: profiles of sites with fewer pages than LEARN_PAGES (but enough)."""
        out = {}
        for site in list(self._pending):
            if len(self._pending[site]) >= MIN_PAGES:
                pages = self._learn(site)
                if pages:
                    out[site] = pages
        return out

    def _learn(self, site: str) -> list[tuple] | None:
        pending = [((zlib.decompress(page[0]), *page[1:]), record) for page, record in self._pending.pop(site, [])]
        self.archive.flush()  # learnt with no write lock held: other writers share the archive
        profile = learn_profile([(page[0], page[1], record) for page, record in pending], site)
        if profile is None:
            return None
        self.archive.save_site_profile(site, profile_to_toml(profile), pages=len(pending), run_id=self.run_id)
        self._profiles[site] = profile
        return [page for page, _ in pending]
