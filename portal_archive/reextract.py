"""`portal-archive reextract`: run extraction again over the stored raw pages."""
from __future__ import annotations

import click

from portal_archive.common import FamilyType, db_option, fold_search_index, open_archive, site_option

__all__ = ["command"]


@click.command("reextract")
@db_option
@site_option
@click.option("--url", default=None, help="Only this article URL.")
@click.option("--family", default=None, type=FamilyType(), help="Force a platform family (default: recognise each page).")
@click.option("--learn-profile", is_flag=True,
              help="Learn each site's profile again from its first 20 archived pages (and keep it) before re-extracting.")
@click.option("--no-profile", is_flag=True, help="Ignore the sites' learned profiles.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="How to print the summary (json lists every failure as {url, error}).")
def command(db_path: str, site: str | None, url: str | None, family: str | None, learn_profile: bool,
            no_profile: bool, fmt: str) -> None:
    """Re-run extraction over the archived raw pages (after an extractor fix).

    Changed articles get a new version (the old one is kept); views and last-seen dates are left
    alone, since no page was fetched. Each site's learned profile (kept by its crawls) is used.
    Pages whose extraction failed are listed (URL and reason) and the command exits 1.

    Example: portal-archive reextract --db archive.db --site yenlap.phutho.gov.vn --learn-profile
    """
    import json

    from archive.reextract import reextract_all
    from archive.store import Archive
    from scraper.extract import extract_article
    from scraper.extract.profile import profile_from_toml, site_of

    if learn_profile and no_profile:
        raise click.ClickException("--learn-profile and --no-profile contradict each other")
    open_archive(db_path, site=site, url=url).close()  # an archive, and filters that match something

    with Archive(db_path) as archive:
        if learn_profile:
            for host, pages in _learn_profiles(archive, site, family).items():
                click.echo(f"reextract: profile of {host} learned from {pages} pages")
        profiles: dict = {}

        def profile_of(page_url: str) -> dict | None:
            host = site_of(page_url)
            if host not in profiles:
                text = None if no_profile else archive.site_profile(host)
                try:
                    profiles[host] = profile_from_toml(text) if text else None
                except ValueError as exc:
                    raise click.ClickException(f"stored profile of {host} unreadable: {exc} (use --learn-profile)")
            return profiles[host]

        def extract(html: bytes, page_url: str, content_type: str | None) -> dict:
            return extract_article(html, page_url, family=family, content_type=content_type,
                                   profile=profile_of(page_url)).to_dict()

        summary = reextract_all(archive, extract, site=site, url=url)
    fold_search_index(db_path)  # the new versions, into the relevance index
    if fmt == "json":
        click.echo(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        click.echo(f"reextract: {summary['pages']} pages, {summary['updated']} updated (new versions), "
                   f"{summary['unchanged']} unchanged, {summary['failed']} failed")
        for failure in summary["failures"]:
            click.echo(f"  failed: {failure['url']}: {failure['error']}", err=True)
    if summary["failed"]:
        raise click.ClickException(f"extraction failed for {summary['failed']} of {summary['pages']} pages"
                                   + (" (listed above)" if fmt == "text" else ""))


def _learn_profiles(archive, site: str | None, family: str | None, pages_per_site: int = 20) -> dict[str, int]:
    """Learn and keep a profile per site from its first archived article pages."""
    from scraper.extract import extract_article, learn_profile
    from scraper.extract.profile import profile_to_toml, site_of

    gathered: dict[str, list] = {}
    for page_url, body, content_type, _ in archive.raw_pages(site=site, articles_only=True):
        host = site_of(page_url)
        pages = gathered.setdefault(host, [])
        if len(pages) >= pages_per_site:
            continue
        try:
            record = extract_article(body, page_url, family=family, content_type=content_type).to_dict()
        except ValueError:
            continue
        pages.append((body, page_url, record))
    learned = {}
    for host, pages in gathered.items():
        profile = learn_profile(pages, host)
        if profile is not None:
            archive.save_site_profile(host, profile_to_toml(profile), pages=len(pages))
            learned[host] = len(pages)
    return learned
