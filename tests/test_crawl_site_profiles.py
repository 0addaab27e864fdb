"""The crawl's side of learned profiles (scraper/site_profiles.py) over a real archive file."""
from __future__ import annotations

from archive.store import Archive
from scraper.extract import extract_article
from scraper.extract.profile import profile_from_toml
from scraper.site_profiles import STALE_AFTER, SiteProfiles
from tests.test_extract_profile import UNSEEN, _pages

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
