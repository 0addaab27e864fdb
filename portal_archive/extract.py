"""`portal-archive extract FILE --url URL [--family NAME|generic]`: one saved page in, one article as JSON out."""
from __future__ import annotations

import json

import click

from portal_archive.common import FamilyType, HttpUrl

__all__ = ["command"]


@click.command("extract")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--url", default=None, type=HttpUrl(),
              help="The URL the page was served from (resolves its links) [default: the file's own file:// URL].")
@click.option("--family", default=None, metavar="NAME|generic", type=FamilyType(),
              help="Platform family to use, or 'generic' for the layout-independent rules; default: recognise it.")
@click.option("--content-type", default=None, help="The HTTP Content-Type the page came with (gives its charset).")
@click.option("--no-html", is_flag=True, help="Leave out body_html.")
@click.option("--profile", "profile_file", default=None, type=click.Path(dir_okay=False),
              help="A site profile (TOML, as the archive keeps it in site_profiles) to extract with.")
def command(file: str, url: str | None, family: str | None, content_type: str | None, no_html: bool,
            profile_file: str | None) -> None:
    """Extract one article page and print it as JSON.

    The platform family (liferay, sharepoint, wordpress, ...) is recognised from the page
    unless --family says it; fields the page does not show are null. Without --url the page's
    links resolve against the file itself. A page with no article on it (no title or no body:
    a listing, a home page, a form) is said so in one line, exit code 1.

    Example: portal-archive extract saved-page.html

    Example: portal-archive extract page.html --url http://yenlap.phutho.gov.vn/tin-tuc/bai-viet/cat/tin-moi-2548/id/hop-92846

    Example: portal-archive extract page.html --url http://yenlap.phutho.gov.vn/tin-tuc/bai-viet/cat/tin-moi-2548/id/hop-92846 --profile yenlap.toml
    """
    from scraper.extract import extract_article
    from scraper.extract.text import ExtractionError

    try:
        with click.open_file(file, "rb") as f:
            html = f.read()
    except OSError as exc:
        raise click.ClickException(f"cannot read {file}: {exc.strerror or exc}") from None
    if not html.strip():
        raise click.ClickException(f"{file} is empty: nothing to extract")
    profile = None
    if profile_file:
        from scraper.extract.profile import profile_from_toml

        try:
            with open(profile_file, encoding="utf-8") as f:
                profile = profile_from_toml(f.read())
        except (OSError, UnicodeDecodeError) as exc:
            raise click.ClickException(f"cannot read {profile_file}: {getattr(exc, 'strerror', None) or exc}") from None
        except ValueError as exc:
            raise click.ClickException(f"{profile_file}: {exc}") from None
    if url is None:
        import pathlib

        url = pathlib.Path(file).resolve().as_uri() if file != "-" else "file:///dev/stdin"
    try:
        article = extract_article(html, url, family=family, content_type=content_type, profile=profile)
    except ExtractionError as exc:
        raise click.ClickException(f"{file}: {exc}") from None
    if not (article.title and article.body):  # the crawl's own test (scraper.writer: not_articles)
        missing = " and ".join(n for n, v in (("title", article.title), ("body", article.body)) if not v)
        raise click.ClickException(f"{file}: not an article (no {missing} found): a listing, home page or form?")
    record = article.to_dict()
    if no_html:
        record.pop("body_html", None)
    click.echo(json.dumps(record, ensure_ascii=False, indent=2))
