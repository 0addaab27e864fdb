"""The SQLite archive: storage, search, export, citation and the read-only web app (never HTML in, never crawling).

- `schema`: tables and migrations (sqlite-utils `Migrations`), connections (WAL, busy timeout),
  search keys (publication time in the FTS rowid).
- `store`: `Archive`, the one write path (the crawl pipeline, imports and `reextract` use it).
- `records`: NFC normalisation and content hashes of incoming records.
- `fold`: Vietnamese folding for the index and queries; `tone_key` for exact-accent ranking.
- `query`: the query language (parsing, one-line syntax errors, translation to FTS5).
- `search`, `snippet`: bounded search and highlighting in the original text.
- `reader`, `export`, `show`, `stats`: read-only views for researchers.
- `cli/`: one module per command; the only place allowed to import `scraper`.

Use as a library: `from archive import open_archive` (see `archive.library`).
"""
from __future__ import annotations

__all__ = ["open_archive", "ArchiveFile", "ArchiveNotFound", "ArticleNotFound", "QuerySyntaxError", "SearchResult"]

_EXPORTS = {"open_archive": "archive.library", "ArchiveFile": "archive.library",
            "ArchiveNotFound": "archive.reader", "ArticleNotFound": "archive.show",
            "QuerySyntaxError": "archive.query", "SearchResult": "archive.search"}


def __getattr__(name: str):
    # Loaded on first use: the crawl imports archive.store and should not pay for the readers.
    if name in _EXPORTS:
        import importlib

        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'archive' has no attribute {name!r}")
