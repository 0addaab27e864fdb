"""`portal-archive show URL|ID`: one article with images, captions, versions and view history."""
from __future__ import annotations

import json

import click

from archive.cli.common import db_option, open_archive

__all__ = ["command"]


@click.command("show")
@click.argument("ref", metavar="URL|ID")
@db_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def command(ref: str, db_path: str, fmt: str) -> None:
    """Show one archived article: fields, images with captions, attachments, every version, view history.

    Example: portal-archive show http://yenlap.phutho.gov.vn/tin-tuc/bai-viet/id/hop-ban-92846 --db archive.db
    """
    from archive.show import ArticleNotFound, load_article

    conn = open_archive(db_path)
    try:
        article = load_article(conn, ref)
    except ArticleNotFound as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        conn.close()
    if fmt == "json":
        click.echo(json.dumps(article, ensure_ascii=False, indent=2))
        return
    _print(article)


def _print(a: dict) -> None:
    echo = click.echo
    echo(click.style(a["title"] or "(no title)", bold=True))
    echo(f"{a['url']}  (id {a['id']}, {a['site']})")
    for label, key in (("published", "published"), ("date text", "published_text"), ("views", "views"),
                       ("author", "author"), ("category", "category"), ("first seen", "first_seen"),
                       ("last seen", "last_seen"), ("provenance", "provenance")):
        if a.get(key) not in (None, ""):
            echo(f"  {label:<11} {a[key]}")
    if a["removed_at"]:
        echo(click.style(f"  REMOVED from the portal on {a['removed_at']} ({a['removed_reason']})", fg="red"))
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
        echo(f"  v{v['version']}  seen {v['first_seen']} .. {v['last_seen']}  {v['provenance'] or ''}  "
             f"{mark}  {v['title'] or ''}")
    if a["view_history"]:
        echo("\nView history:")
        for h in a["view_history"]:
            echo(f"  {h['seen_at']}  {h['views']}")
    if a["captures"]:
        echo("\nCaptures (where this article can be verified):")
        for c in a["captures"]:
            where = (f"{c['warc_file']} @ {c['warc_offset']} ({c['warc_length']} bytes)" if c["warc_file"]
                     else c["source_url"] or "")
            echo(f"  {c['captured_at']}  {c['provenance']}  {where}  {c['payload_digest'] or ''}".rstrip())
    if a["media"]:
        echo("\nArchived media files:")
        for m in a["media"]:
            echo(f"  {m['role']} {m['position'] + 1}  sha256:{m['sha256']}  {m['content_type'] or ''}  "
                 f"{m['size']} bytes  {m['url']}")
    if a["fetches"]:
        echo("\nFetches:")
        for f in a["fetches"]:
            extra = f" -> {f['redirect_to']}" if f["redirect_to"] else ""
            echo(f"  {f['fetched_at']}  {f['status']}{extra}  {f['error'] or ''}")
