"""The crawl's side of learned profiles (scraper/site_profiles.py) over a real archive file."""
from __future__ import annotations

import contextlib
import sqlite3

from archive.store import Archive
from scraper.extract import extract_article
from scraper.extract.article import parse_html
from scraper.extract.profile import FITS, profile_fit, profile_from_toml, site_of
from scraper.sample.server import serve_portal
from scraper.site_profiles import STALE_AFTER, SiteProfiles
from tests.conftest import PORTALS, run_cli
from tests.crawl_support import FAST
from tests.extract.test_extract_profile import UNSEEN, _pages
from tests.archive.test_health_crawl_all import write_registry

SITE = "127.0.0.1"


def _gather(profiles: SiteProfiles, pages) -> list | None:
    out = None
    for _, html, url in pages:
        out = profiles.gathered(SITE, (html, url, None, None, {"url": url}), extract_article(html, url).to_dict()) or out
    return out


def test_a_profile_is_learned_from_the_first_pages_kept_and_read_back(tmp_path):
    pages = _pages(UNSEEN / "nukeviet")
    with Archive(str(tmp_path / "a.db")) as archive:
        profiles = SiteProfiles(archive, run_id=None, learn_pages=len(pages))
        assert profiles.profile(SITE) is None
        again = _gather(profiles, pages)
        assert [url for _, url, *_ in again] == [url for *_, url in pages], "the pages to extract again"
        stored = archive.site_profile(SITE)
    assert profile_from_toml(stored)["article"]["content"][0] == "#news-bodyhtml"
    with Archive(str(tmp_path / "a.db")) as archive:
        assert SiteProfiles(archive, run_id=None).profile(SITE) == profile_from_toml(stored), "a later run uses it"


def test_a_run_smaller_than_the_learning_sample_learns_at_its_end(tmp_path):
    pages = _pages(UNSEEN / "drupal")
    with Archive(str(tmp_path / "a.db")) as archive:
        profiles = SiteProfiles(archive, run_id=None)
        assert _gather(profiles, pages) is None
        assert set(profiles.finish()) == {SITE}
        assert archive.site_profile(SITE)


def test_pages_that_stop_fitting_make_the_profile_learned_again(tmp_path):
    pages = _pages(UNSEEN / "nukeviet")
    with Archive(str(tmp_path / "a.db")) as archive:
        profiles = SiteProfiles(archive, run_id=None, learn_pages=len(pages))
        _gather(profiles, pages)
        for _ in range(STALE_AFTER - 1):
            profiles.fitted(SITE, 0.2)
        profiles.fitted(SITE, 1.0)  # one page of the template resets the count
        for _ in range(STALE_AFTER - 1):
            profiles.fitted(SITE, 0.2)
        assert profiles.profile(SITE) is not None
        profiles.fitted(SITE, 0.0)
        assert profiles.profile(SITE) is None, "gathering pages for a new one"
        assert _gather(profiles, _pages(UNSEEN / "drupal")) is not None
        assert profile_from_toml(archive.site_profile(SITE))["article"]["title"] != ["div.news_column h1", "div.news_column h1.title"]


def _profiles(db: str) -> dict[str, dict]:
    with sqlite3.connect(db) as conn:
        return {site: profile_from_toml(text) for site, text in conn.execute("SELECT site, profile FROM site_profiles")}


def _with_profile(db: str, portal: str) -> tuple[int, int]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT with_profile, articles FROM portal_runs WHERE portal = ?", [portal]).fetchone()


def test_portals_on_one_host_learn_their_own_profiles_alike_crawled_alone_or_together(tmp_path):
    """The sample portals all live on 127.0.0.1, each on its own port. Keyed by host name, the
    portal crawled first taught a profile the other's pages were then extracted with (thanhson 0 of
    4 pages fitting crawled after others, 4 of 4 crawled alone), so two crawls of one portal disagreed."""
    with contextlib.ExitStack() as stack:
        servers = {"tanky": stack.enter_context(serve_portal(str(PORTALS / "wordpress"))),
                   "thanhson": stack.enter_context(serve_portal(str(PORTALS / "liferay")))}
        registry = write_registry(tmp_path / "sites.toml", servers)
        alone, together = str(tmp_path / "alone.db"), str(tmp_path / "together.db")
        run_cli("crawl", "--site", "thanhson", "--registry", registry, "--db", alone,
                "--log-dir", str(tmp_path / "logs-alone"), env=FAST)
        run_cli("crawl", "--site", "tanky", "--site", "thanhson", "--registry", registry, "--db", together,
                "--log-dir", str(tmp_path / "logs-together"), env=FAST)
        sites = {name: site_of(server.start_urls()[0]) for name, server in servers.items()}
    # every archived article page fits the profile of its own site (the pages it was learned from)
    for db in (alone, together):
        with Archive(db) as archive:
            pages = list(archive.raw_pages(articles_only=True))
            assert pages
            for url, body, content_type, _ in pages:
                text = archive.site_profile(site_of(url))
                assert text, f"no profile of its own for {url}"
                profile = profile_from_toml(text)
                assert profile_fit(profile, parse_html(body, content_type)) >= FITS, url
    assert _with_profile(alone, "thanhson") == _with_profile(together, "thanhson") == (4, 4)
    assert _with_profile(together, "tanky") == (4, 4)
    assert sites["tanky"] != sites["thanhson"]
    assert set(_profiles(alone)) == {sites["thanhson"]}
    assert set(_profiles(together)) == set(sites.values()), "one profile per portal"
    assert _profiles(alone)[sites["thanhson"]]["article"] == _profiles(together)[sites["thanhson"]]["article"]
