"""`portal-archive recover HOST`: rebuild a vanished portal's articles from a Wayback service."""
from __future__ import annotations

import click

from portal_archive.cdx_options import cdx_client_options, cdx_options, report_client
from portal_archive.common import FamilyType, HttpUrl, db_option
from portal_archive.crawl_config import config_option, operator_user_agent

__all__ = ["command"]


@click.command("recover")
@click.argument("host")
@click.option("--from", "from_year", type=click.IntRange(1991, 2100), default=None, help="First year of captures (YYYY).")
@click.option("--to", "to_year", type=click.IntRange(1991, 2100), default=None, help="Last year of captures (YYYY).")
@click.option("--cdx-url", default=None, type=HttpUrl(), show_default="the Internet Archive's CDX server",
              help="CDX API of a Wayback-compatible service (pywb: http://HOST/COLLECTION/cdx).")
@click.option("--replay-url", default=None, type=HttpUrl(), help="Where captures are replayed [default: derived from --cdx-url].")
@click.option("--delay", type=click.FloatRange(0, 60), default=1.0, show_default=True,
              help="Seconds between capture fetches from the service.")
@cdx_options
@click.option("--retries", type=click.IntRange(0, 10), default=4, show_default=True,
              help="Retries (with back-off) on 429/503/5xx and timeouts.")
@click.option("--family", default=None, type=FamilyType(), help="Platform family of the portal (default: recognise each page).")
@click.option("--media-dir", type=click.Path(file_okay=False), default=None,
              help="Where recovered images/attachments go, content-addressed [default: <db>.media].")
@db_option
@config_option
def command(host: str, from_year: int | None, to_year: int | None, cdx_url: str | None, replay_url: str | None,
            delay: float, retries: int, family: str | None, media_dir: str | None, db_path: str,
            config_path: str | None, **cdx) -> None:
    """Recover a portal's articles from web-archive captures (Wayback CDX API, raw id_ replays).

    Lists HOST's captures (every page of the index's answer: --paging, --page-size), fetches
    the pages (each payload digest once), keeps the articles (linked from a captured
    listing, with a title and a body) and archives each capture with provenance "wayback" and
    its capture time; several captures of one article become its versions and view history.
    Requests carry the crawl's User-Agent with the operator's contact (portal-archive.toml).

    Example: portal-archive recover yenlap.phutho.gov.vn --from 2018 --to 2025 --db archive.db
    """
    from portal_archive.capture_saving import save_captures
    from scraper.media_store import media_dir_for
    from scraper.wayback import DEFAULT_CDX_URL, Recovery, WaybackClient, WaybackError

    if "/" in host.strip("/") or not host.strip():
        raise click.ClickException(f"give a host name such as yenlap.phutho.gov.vn, not {host!r}")
    if from_year and to_year and from_year > to_year:
        raise click.ClickException(f"--from {from_year} is after --to {to_year}")
    client = WaybackClient(cdx_url or DEFAULT_CDX_URL, replay_url=replay_url, delay=delay, retries=retries,
                           user_agent=operator_user_agent(db_path, config_path), **cdx_client_options(cdx))
    recovery = Recovery(client, host.strip("/"), from_year=from_year, to_year=to_year, family=family)
    try:
        recovery.scan()
    except WaybackError as exc:
        raise click.ClickException(f"cannot list captures: {exc}") from None
    report_client(client)
    counts = save_captures(db_path, recovery.articles(), media=recovery.media_body,
                           media_dir=media_dir or media_dir_for(db_path),
                           settings={"command": "recover", "host": host, "cdx_url": client.cdx_url,
                                     "from": from_year, "to": to_year})
    click.echo(f"{recovery.listed} captures listed in {client.cdx_requests} CDX requests, {recovery.fetched} pages "
               f"fetched ({recovery.same_digest} captures of bytes already fetched; {client.retried} retries); "
               f"{sum(counts.values())} article captures archived: {counts['new']} new, "
               f"{counts['updated']} updated, {counts['unchanged']} unchanged")
    if recovery.failed:
        click.echo(f"{len(recovery.failed)} captures could not be fetched, e.g. {recovery.failed[0]}", err=True)
    if recovery.blocked:
        raise click.ClickException(f"{recovery.blocked} ({recovery.fetched} pages were fetched and kept)")
    if recovery.failed or client.warnings:
        raise SystemExit(1)
