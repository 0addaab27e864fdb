"""`portal-archive wacz --site HOST`: one portal as a WACZ file, for ReplayWeb.page and pywb."""
from __future__ import annotations

import os

import click

from portal_archive.common import db_option, open_archive

__all__ = ["command"]


@click.command("wacz")
@db_option
@click.option("--site", required=True, help="The portal's host, e.g. yenlap.phutho.gov.vn.")
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=None,
              help="The WACZ file to write [default: HOST.wacz].")
@click.option("--warc-dir", type=click.Path(file_okay=False), default=None,
              help="Where the crawl wrote its WARC files [default: $PORTAL_ARCHIVE_WARC_DIR or DB.warcs].")
def command(db_path: str, site: str, output: str | None, warc_dir: str | None) -> None:
    """Package a portal's WARC records as a WACZ file (Web Archive Collection Zipped).

    The portal's records (robots.txt, listings, articles, images, attachments) are copied out of
    the crawl's WARC files, indexed (CDXJ) and packaged with the archived articles as the
    package's pages; open the file in ReplayWeb.page or pywb to browse the portal as it looked.

    Example: portal-archive wacz --site yenlap.phutho.gov.vn --db archive.db --output yenlap.wacz
    """
    from archive.wacz import WaczError, write_wacz

    conn = open_archive(db_path, site=site)
    try:
        directory = warc_dir or os.environ.get("PORTAL_ARCHIVE_WARC_DIR") or f"{db_path}.warcs"
        target = output or f"{site.replace(':', '_')}.wacz"
        try:
            result = write_wacz(conn, site, directory, target)
        except WaczError as exc:
            raise click.ClickException(str(exc)) from None
        except OSError as exc:
            raise click.ClickException(f"cannot write {target}: {exc.strerror or exc}") from None
    finally:
        conn.close()
    click.echo(f"{result.path}: {result.records:,} records of {site} from {result.warc_files} WARC files, "
               f"{result.pages:,} pages")
