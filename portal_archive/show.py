"""`portal-archive show URL|ID`: one article with images, captions, versions and view history."""
from __future__ import annotations

import json

import click

from portal_archive.common import db_option, open_archive, registry_portals

__all__ = ["command"]


@click.command("show")
@click.argument("ref", metavar="URL|ID")
@db_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--cite", type=click.Choice(["text", "bibtex", "ris", "csl-json"]), default=None,
              help="Print only a citation of the article in this format.")
@click.option("--archive-url", envvar="PORTAL_ARCHIVE_PUBLIC_URL", default=None, metavar="URL",
              help="Where the archive is served (portal-archive serve), so a citation links to its copy: "
                   "URL/article/ID [default: $PORTAL_ARCHIVE_PUBLIC_URL].")
@click.option("--registry", type=click.Path(dir_okay=False, exists=True), default=None,
              help="Site registry TOML the portal's title is read from [default: the built-in].")
@click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True,
              help="Language of the --cite text line (BibTeX, RIS and CSL-JSON are the same in both).")
def command(ref: str, db_path: str, fmt: str, cite: str | None, archive_url: str | None,
            registry: str | None, lang: str) -> None:
    """Show one archived article: fields, images with captions, attachments, every version, view history.

    --cite prints how to cite it instead: a text line in APA style, Vietnamese unless --lang en
    (author, date, title, portal, original URL, then the archive's copy and its capture date),
    BibTeX (biblatex @online), RIS or CSL-JSON.

    Example: portal-archive show http://yenlap.phutho.gov.vn/tin-tuc/bai-viet/id/hop-ban-92846 --db archive.db

    Example: portal-archive show 12 --cite bibtex --archive-url https://archive.example.org >> refs.bib

    Example: portal-archive show 12 --cite text --lang en
    """
    from archive.show import ArticleNotFound, load_article

    conn = open_archive(db_path)
    try:
        article = load_article(conn, ref)
    except ArticleNotFound as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        conn.close()
    if cite:
        _cite(article, cite, archive_url, registry, lang)
        return
    if fmt == "json":
        click.echo(json.dumps(article, ensure_ascii=False, indent=2))
        return
    _print(article)


def _cite(article: dict, style: str, archive_url: str | None, registry: str | None, lang: str) -> None:
    from archive.citation import cite, source_of

    portal = registry_portals(registry).get(article["site"], {}).get("title")
    copy = f"{archive_url.rstrip('/')}/article/{article['id']}" if archive_url else None
    text = cite(source_of(article, portal=portal, archive_url=copy), style, lang)
    click.echo(text, nl=not text.endswith("\n"))


def _print(a: dict) -> None:
    from archive.fields import SHOWN_FIELDS
    from archive.shown import vietnam_time as when  # times for people: Vietnam time, with its offset

    echo = click.echo
    echo(click.style(a["title"] or "(no title)", bold=True))
    echo(f"{a['url']}  (id {a['id']}, {a['site']})")
    for alias in a.get("aliases") or ():
        echo(f"  also at    {alias}")
    for label, key in SHOWN_FIELDS:
        if a.get(key) not in (None, ""):
            echo(f"  {label:<11} {when(a[key]) if key in ('first_seen', 'last_seen') else a[key]}")
    if a["removed_at"]:
        echo(click.style(f"  REMOVED from the portal on {when(a['removed_at'])} ({a['removed_reason']})", fg="red"))
    echo("")
    echo(a["body"] or "")
    if a["images"]:
        echo("\nImages:")
        for n, img in enumerate(a["images"], 1):
            echo(f"  {n}. {img['url']}")
            if img["caption"]:
                echo(f"     caption: {img['caption']}")
            if img["alt"]:
                echo(f"     alt: {img['alt']}")
    if a["attachments"]:
        echo("\nAttachments:")
        for att in a["attachments"]:
            echo(f"  {att['name'] or ''}  {att['url']}")
    echo(f"\nVersions ({len(a['versions'])}):")
    for v in a["versions"]:
        mark = "current" if v["current"] else ""
        echo(f"  v{v['version']}  seen {when(v['first_seen'])} .. {when(v['last_seen'])}  {v['provenance'] or ''}  "
             f"{mark}  {v['title'] or ''}")
    if a["view_history"]:
        echo("\nView history:")
        for h in a["view_history"]:
            echo(f"  {when(h['seen_at'])}  {h['views']}")
    if a["captures"]:
        echo("\nCaptures (where this article can be verified):")
        for c in a["captures"]:
            where = (f"{c['warc_file']} @ {c['warc_offset']} ({c['warc_length']} bytes)" if c["warc_file"]
                     else c["source_url"] or "")
            echo(f"  {when(c['captured_at'])}  {c['provenance']}  {where}  {c['payload_digest'] or ''}".rstrip())
    if a["media"]:
        echo("\nArchived media files:")
        for m in a["media"]:
            echo(f"  {m['role']} {m['position'] + 1}  sha256:{m['sha256']}  {m['content_type'] or ''}  "
                 f"{m['size']} bytes  {m['url']}")
    if a["fetches"]:
        echo("\nFetches:")
        for f in a["fetches"]:
            extra = f" -> {f['redirect_to']}" if f["redirect_to"] else ""
            echo(f"  {when(f['fetched_at'])}  {f['status']}{extra}  {f['error'] or ''}")
