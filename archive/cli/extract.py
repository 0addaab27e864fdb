"""`portal-archive extract FILE --url URL`: one page in, one article as JSON out."""
from __future__ import annotations

import json

import click

__all__ = ["command"]


@click.command("extract")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--url", required=True, help="The URL the page was served from (resolves links).")
@click.option("--family", default=None, help="Platform family to use, or 'generic'; default: recognise it.")
def command(file: str, url: str, family: str | None) -> None:
    """Extract one article page and print it as JSON.

    Example: portal-archive extract page.html --url http://yenlap.phutho.gov.vn/.../id/abc-92846
    """
    from scraper.extract import extract_article

    with open(file, "rb") as f:
        html = f.read()
    article = extract_article(html, url, family=family)
    click.echo(json.dumps(article.to_dict(), ensure_ascii=False, indent=2))
