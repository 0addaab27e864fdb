"""The archive as a Python library: open a file, search it, iterate and read its articles, cite them.

    from archive import open_archive

    with open_archive("archive.db") as arc:
        for hit in arc.search("dân vận khéo", since="2022-01-01").hits:
            print(hit["title"], hit["url"])
        article = arc.article(hit["id"])          # images, versions, view history, captures
        print(arc.cite(article["id"], "bibtex"))
        for article in arc.articles(site="yenlap.phutho.gov.vn"):
            ...

Read-only: a crawl may write to the file at the same time. Each method is the function a
command of `portal-archive` calls, so the library and the command line answer alike.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date

from archive.citation import cite, source_of
from archive.export import export_record, iter_articles
from archive.reader import open_readonly
from archive.search import SearchResult, search
from archive.show import ArticleNotFound, load_article

__all__ = ["open_archive", "ArchiveFile"]


def _day(value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


class ArchiveFile:
    """A read-only archive file. Use as a context manager, or call `close()`."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.conn: sqlite3.Connection = open_readonly(path)

    def __enter__(self) -> "ArchiveFile":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    def sites(self) -> list[str]:
        """The hosts the archive holds articles of."""
        return [r[0] for r in self.conn.execute("SELECT DISTINCT site FROM articles ORDER BY site")]

    def search(self, query: str | None, *, site: str | None = None, since: date | str | None = None,
               until: date | str | None = None, category: str | None = None, sites: list[str] | None = None,
               sort: str = "relevance", limit: int = 20, offset: int = 0, facets: bool = False) -> SearchResult:
        """Search as `portal-archive search` and the web's /search do (accents optional, phrases,
        AND/OR/NOT, prefix*): `query` None browses by the filters alone, newest first; `sites`
        keeps those hosts only (a province's portals); `facets` adds counts per site, year and category.

        Raises `archive.QuerySyntaxError` for a malformed query, ValueError for a bad sort."""
        return search(self.conn, query, site=site, since=_day(since), until=_day(until), category=category,
                      sites=sites, sort=sort, limit=limit, offset=offset, facets=facets)

    def articles(self, *, site: str | None = None, since: date | str | None = None,
                 until: date | str | None = None) -> Iterator[dict]:
        """Every article (the columns of `portal-archive export`), oldest archived first."""
        for article in iter_articles(self.conn, site=site, since=_day(since), until=_day(until)):
            yield export_record(article)

    def article(self, ref: int | str) -> dict:
        """One article by id or URL, with images, versions, view history and captures.

        Raises `archive.ArticleNotFound`."""
        return load_article(self.conn, str(ref))

    def cite(self, ref: int | str, fmt: str = "text", *, portal: str | None = None,
             archive_url: str | None = None, lang: str = "vi") -> str:
        """A citation: fmt is text (APA style, in `lang`: vi or en), bibtex, ris or csl-json
        (see `portal-archive show --cite`)."""
        return cite(source_of(self.article(ref), portal=portal, archive_url=archive_url), fmt, lang)


def open_archive(path: str) -> ArchiveFile:
    """Open an existing archive file read-only; raises `archive.ArchiveNotFound` if there is none."""
    return ArchiveFile(path)
