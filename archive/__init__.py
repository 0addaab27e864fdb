"""The SQLite archive: storage, search, export and the `portal-archive` command line.

- `schema`: tables and migrations (sqlite-utils `Migrations`), connections (WAL, busy timeout),
  search keys (publication time in the FTS rowid).
- `store`: `Archive`, the one write path (the crawl pipeline, imports and `reextract` use it).
- `records`: NFC normalisation and content hashes of incoming records.
- `fold`: Vietnamese folding for the index and queries; `tone_key` for exact-accent ranking.
- `query`: the query language (parsing, one-line syntax errors, translation to FTS5).
- `search`, `snippet`: bounded search and highlighting in the original text.
- `reader`, `export`, `show`, `stats`: read-only views for researchers.
- `cli/`: one module per command; the only place allowed to import `scraper`.
"""
