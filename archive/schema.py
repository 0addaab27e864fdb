"""The archive's schema, created and migrated with sqlite-utils `Migrations`.

Tables are plural snake_case. Nothing is ever deleted: superseded article content moves to
`article_versions`, every view count seen is a row of `view_counts`, every fetch a row of
`fetches`, every distinct response body a row of `raw_pages`.

The search index `articles_fts` is a contentless FTS5 table holding *folded* text (see
`archive.fold`): its rowid is the article's `search_key`, which puts the publication time in the
high bits (see `search_key`), so `ORDER BY rowid DESC` is newest-first and a date filter is a rowid
range the index seeks to. The original text stays in `articles`; snippets are cut from it.
"""
from __future__ import annotations

import functools
import os
import random
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import sqlite_utils
from sqlite_utils.migrations import Migrations

from archive.fold import FOLD_VERSION

__all__ = ["migrate", "connect", "search_key", "key_range", "FTS_COLUMNS", "FTS_WEIGHTS", "ArchiveError",
           "ArchiveBusy", "NotAnArchive", "begin_write", "writing", "check_archive", "write_patience",
           "missing_tables", "url_ranges"]

FTS_COLUMNS = ("title", "body", "captions", "site")
# bm25 weights per column: a word in the title counts most; the site column is only a filter.
FTS_WEIGHTS = (8.0, 1.0, 2.0, 0.0)

_EPOCH = date(1900, 1, 1).toordinal()

migrations = Migrations("portal-archive")


def search_key(published: str | None, article_id: int) -> int:
    """FTS rowid: minutes since 1900 (Vietnam wall-clock time as the page gave it) << 32 | id."""
    return (_minutes(published) << 32) | article_id


def _minutes(published: str | None) -> int:
    if not published or len(published) < 10:
        return 0
    try:
        day = date(int(published[0:4]), int(published[5:7]), int(published[8:10])).toordinal()
    except ValueError:
        return 0
    minutes = 0
    if len(published) >= 16 and published[10] in "T ":
        try:
            minutes = int(published[11:13]) * 60 + int(published[14:16])
        except ValueError:
            minutes = 0
    return max(0, (day - _EPOCH) * 1440 + minutes)


def key_range(since: date | None, until: date | None) -> tuple[int, int]:
    """The rowid range of articles published on [since, until] (both days included)."""
    low = 0 if since is None else ((since.toordinal() - _EPOCH) * 1440) << 32
    if until is None:
        high = (1 << 62)
    else:
        high = (((until.toordinal() - _EPOCH + 1) * 1440) << 32) - 1
    return low, high


def url_ranges(netlocs) -> Iterator[tuple[str, str]]:
    """[low, high) bounds of every http(s) URL on each host on a URL-keyed index: "/" + 1 is "0"."""
    for netloc in sorted(set(netlocs)):
        for scheme in ("http", "https"):
            prefix = f"{scheme}://{netloc}/"
            yield prefix, prefix[:-1] + "0"


class ArchiveError(Exception):
    """The archive file cannot be used: the command line prints it as one line."""


class ArchiveBusy(ArchiveError):
    """Another process kept the archive's write lock longer than this writer's patience."""


class NotAnArchive(ArchiveError):
    """The file is not SQLite, or a SQLite file of something else (never written into)."""


# The busy/retry policy of every connection that writes, in one place.
#
# SQLite's busy handler waits for the write lock only when the transaction asking for it has read
# nothing yet: a deferred transaction that reads and then writes is refused at once ("database is
# locked") when another process holds the lock, whatever the busy timeout. So every write
# transaction starts with BEGIN IMMEDIATE (`begin_write`, `writing`), which asks for the lock
# first and waits. The handler polls rather than queues (a writer that commits and begins again
# at once can win every round), so a BEGIN still refused after BUSY_TIMEOUT_MS is retried, after
# a random pause, until the writer's patience (`write_patience()`, $PORTAL_ARCHIVE_WRITE_PATIENCE
# seconds, 600 by default) is spent: then ArchiveBusy, which the caller records and reports.
# 40 crawl writers sharing one archive lost 1 in 8 articles to "database is locked" without it.
BUSY_TIMEOUT_MS = 30000
WRITE_PATIENCE_SECONDS = 600.0


def write_patience() -> float:
    """Seconds a writer waits for the archive's write lock before it gives up."""
    try:
        return max(0.0, float(os.environ.get("PORTAL_ARCHIVE_WRITE_PATIENCE", WRITE_PATIENCE_SECONDS)))
    except ValueError:
        return WRITE_PATIENCE_SECONDS


def _busy(exc: sqlite3.OperationalError) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def begin_write(conn: sqlite3.Connection) -> None:
    """Open a write transaction (BEGIN IMMEDIATE), waiting and retrying while the archive is busy."""
    patience = write_patience()
    deadline = time.monotonic() + patience
    pause = 0.05
    while True:
        try:
            conn.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as exc:
            if not _busy(exc):
                raise
            left = deadline - time.monotonic()
            if left <= 0:
                raise ArchiveBusy(f"the archive stayed locked by another writer for {patience:g} s "
                                  f"(set PORTAL_ARCHIVE_WRITE_PATIENCE to wait longer): {exc}") from None
            time.sleep(min(left, pause * random.uniform(0.5, 1.5)))
            pause = min(pause * 2, 2.0)


@contextmanager
def writing(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """A write transaction under the busy/retry policy: committed at the end, rolled back on error.

    Inside a transaction already open (the caller's batch), it joins it: the caller commits."""
    if conn.in_transaction:
        yield conn
        return
    begin_write(conn)
    try:
        yield conn
    except BaseException:
        if conn.in_transaction:
            conn.rollback()
        raise
    if conn.in_transaction:
        conn.commit()


def connect(path: str, *, readonly: bool = False) -> sqlite3.Connection:
    """A connection tuned for one writer and many readers at once (WAL, busy timeout).

    NotAnArchive when the file is not SQLite (or not a portal-archive file: `check_archive`)."""
    timeout = min(BUSY_TIMEOUT_MS / 1000, write_patience()) if not readonly else BUSY_TIMEOUT_MS / 1000
    try:
        if readonly:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=timeout, check_same_thread=False)
        else:
            conn = sqlite3.connect(path, timeout=timeout, check_same_thread=False)
    except sqlite3.Error as exc:
        raise NotAnArchive(f"{path}: cannot open the archive ({exc})") from None
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        if not readonly:
            check_archive(conn, path)
            conn.execute("PRAGMA journal_mode = WAL")
            # WAL + NORMAL: a crash of the process loses nothing committed; only power loss can
            # lose the last transactions, which a crawl re-fetches.
            conn.execute("PRAGMA synchronous = NORMAL")
            # Checkpoint every ~32 MB of WAL rather than 4 MB: hot FTS pages are copied back once, not
            # several times, during a long crawl or bulk import.
            conn.execute("PRAGMA wal_autocheckpoint = 8000")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA cache_size = -65536")
        conn.execute("PRAGMA temp_store = MEMORY")
    except sqlite3.DatabaseError as exc:
        conn.close()
        if isinstance(exc, sqlite3.OperationalError) and _busy(exc):
            raise ArchiveBusy(f"{path}: the archive is locked by another writer ({exc})") from None
        raise NotAnArchive(f"{path} is not a portal-archive file ({exc})") from None
    except ArchiveError:
        conn.close()
        raise
    return conn


def check_archive(conn: sqlite3.Connection, path: str) -> None:
    """NotAnArchive unless the file is empty or a portal-archive file (never add tables to another's)."""
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not names and not conn.execute("PRAGMA page_count").fetchone()[0] and _size(path):
        # SQLite takes a file shorter than its header for an empty database, and would write over it
        raise NotAnArchive(f"{path} is not a portal-archive file (not a SQLite file): give another --db")
    if not names or "archive_meta" in names or names <= {"articles"}:  # new, ours, or the first skeleton's
        return
    raise NotAnArchive(f"{path} is a SQLite file of something else (tables: {', '.join(sorted(names)[:5])}), "
                       "not a portal-archive file: give another --db")


def _size(path: str) -> int:
    # stat, never open: closing any descriptor of the file drops this process's SQLite locks on it
    try:
        return os.stat(path).st_size
    except (OSError, ValueError):  # ":memory:", a URI: SQLite itself says
        return 0


def migrate(db: sqlite_utils.Database) -> None:
    """Create or upgrade the schema; under the write lock, so processes opening it at once agree."""
    if migrations.pending(db):
        with writing(db.conn):
            migrations.apply(db)  # each migration in a savepoint of this transaction
    _check_fold_version(db)


def _check_fold_version(db: sqlite_utils.Database) -> None:
    row = db.execute("SELECT value FROM archive_meta WHERE key = 'fold_version'").fetchone()
    if row is None or int(row[0]) != FOLD_VERSION:
        from archive.reindex import rebuild_search_index

        with writing(db.conn):
            rebuild_search_index(db.conn)
            db.execute("INSERT OR REPLACE INTO archive_meta(key, value) VALUES ('fold_version', ?)",
                       [str(FOLD_VERSION)])


@migrations()
def m001_initial(db: sqlite_utils.Database) -> None:
    if db["articles"].exists():
        # The first skeleton's single table (url primary key, JSON images): kept aside and
        # imported through the normal write path by `import_legacy` (nothing is lost).
        db.execute("ALTER TABLE articles RENAME TO legacy_articles")
    db["archive_meta"].create({"key": str, "value": str}, pk="key")
    db["sites"].create({"host": str, "first_seen": str, "last_seen": str}, pk="host")
    db["crawl_runs"].create(
        {"id": int, "started_at": str, "finished_at": str, "sites": str, "settings": str, "summary": str},
        pk="id",
    )
    db["articles"].create(
        {
            "id": int, "url": str, "site": str, "title": str, "published": str, "published_text": str,
            "views": int, "author": str, "category": str, "body": str, "family": str,
            "content_hash": str, "version": int, "search_key": int,
            "first_seen": str, "last_seen": str, "last_changed": str,
            "removed_at": str, "removed_reason": str,
            "provenance": str, "first_run_id": int, "last_run_id": int,
            "body_html_z": bytes, "extra": str,
        },
        pk="id", not_null={"url", "site"}, foreign_keys=[("site", "sites", "host")],
    )
    db["articles"].create_index(["url"], unique=True)
    db["articles"].create_index(["search_key"], unique=True)
    db["articles"].create_index(["site", "published"])
    db["article_versions"].create(
        {
            "id": int, "article_id": int, "version": int, "title": str, "published": str,
            "published_text": str, "author": str, "category": str, "body": str, "images": str,
            "attachments": str, "content_hash": str, "first_seen": str, "last_seen": str,
            "provenance": str, "run_id": int,
        },
        pk="id", foreign_keys=[("article_id", "articles", "id")],
    )
    db["article_versions"].create_index(["article_id", "version"], unique=True)
    db["view_counts"].create(
        {"id": int, "article_id": int, "seen_at": str, "views": int, "run_id": int},
        pk="id", foreign_keys=[("article_id", "articles", "id")],
    )
    db["view_counts"].create_index(["article_id", "seen_at"])
    db["images"].create(
        {"article_id": int, "position": int, "url": str, "caption": str, "alt": str},
        pk=("article_id", "position"), foreign_keys=[("article_id", "articles", "id")],
    )
    db["attachments"].create(
        {"article_id": int, "position": int, "url": str, "name": str},
        pk=("article_id", "position"), foreign_keys=[("article_id", "articles", "id")],
    )
    db["fetches"].create(
        {"id": int, "run_id": int, "url": str, "status": int, "fetched_at": str, "error": str,
         "redirect_to": str, "kind": str, "elapsed": float},
        pk="id",
    )
    db["fetches"].create_index(["url", "fetched_at"])
    db["raw_pages"].create(
        {"id": int, "url": str, "fetched_at": str, "content_type": str, "sha256": str,
         "compression": str, "size": int, "body": bytes, "run_id": int},
        pk="id",
    )
    db["raw_pages"].create_index(["url", "id"])
    columns = ", ".join(FTS_COLUMNS)
    # Text arrives folded (archive.fold), so the tokenizer need not strip diacritics (2x faster).
    db.execute(
        f"CREATE VIRTUAL TABLE articles_fts USING fts5({columns}, content='', "
        "tokenize='unicode61 remove_diacritics 0')"
    )
    weights = ", ".join(str(w) for w in FTS_WEIGHTS)
    db.execute(f"INSERT INTO articles_fts(articles_fts, rank) VALUES ('rank', 'bm25({weights})')")
    db.execute("INSERT INTO archive_meta(key, value) VALUES ('fold_version', ?)", [str(FOLD_VERSION)])


@migrations()
def m002_portal_runs(db: sqlite_utils.Database) -> None:
    """Crawl health snapshots, one row per portal per run (see archive.health).

    One `with_<field>` count per field of archive.health.FIELDS as they stood then; later fields
    arrive as columns of their own migration (m013: with_profile)."""
    db.execute("""
        CREATE TABLE IF NOT EXISTS portal_runs (
            id INTEGER PRIMARY KEY,
            portal TEXT NOT NULL,
            run_id INTEGER,
            started_at TEXT, finished_at TEXT,
            exit_code INTEGER, error TEXT, log_path TEXT,
            new INTEGER, updated INTEGER, unchanged INTEGER, found INTEGER,
            fetches INTEGER, fetch_errors INTEGER,
            articles INTEGER, with_title INTEGER, with_date INTEGER, with_views INTEGER, with_body INTEGER,
            with_captions INTEGER
        )""")
    db.execute("CREATE INDEX IF NOT EXISTS portal_runs_portal ON portal_runs(portal, id)")
    # A run's snapshot reads its own articles and fetches: without these it would scan the
    # whole archive once per portal per night. (Measured: no visible cost on save_article.)
    db.execute("CREATE INDEX IF NOT EXISTS articles_last_run ON articles(last_run_id)")
    db.execute("CREATE INDEX IF NOT EXISTS fetches_run ON fetches(run_id)")


@migrations()
def m003_titles_index(db: sqlite_utils.Database) -> None:
    # Titles alone, so title-first ranking never column-filters body position lists.
    db.execute("CREATE VIRTUAL TABLE titles_fts USING fts5(title, site, content='', "
               "tokenize='unicode61 remove_diacritics 0')")
    _fill_titles_index(db)


def _fill_titles_index(db: sqlite_utils.Database) -> None:
    from archive.indexing import titles_site
    from archive.records import folded_fields

    rows = db.execute("SELECT search_key, title, site, category FROM articles ORDER BY search_key")
    batch = []
    for key, title, site, category in rows:
        folded = folded_fields(title, None, None, site, category)
        batch.append((key, folded[0], titles_site(folded[3])))
        if len(batch) >= 5000:
            db.conn.executemany("INSERT INTO titles_fts(rowid, title, site) VALUES (?, ?, ?)", batch)
            batch = []
    if batch:
        db.conn.executemany("INSERT INTO titles_fts(rowid, title, site) VALUES (?, ?, ?)", batch)


# FTS5 writes a new level-0 segment whenever its pending-terms buffer passes `hashsize` (1 MiB by
# default: a few hundred 3 KB articles), and every segment is later rewritten by merges at each
# level above it. 16 MiB buffers with 5,000-article batches (archive.store) make segments ~16x
# larger, so the index has fewer levels to merge through: measured on 100,000 articles, 695 ->
# 477 us of CPU per saved article, flat instead of growing with the archive.
FTS_HASHSIZE = 16 * 1024 * 1024


@migrations()
def m004_fts_hashsize(db: sqlite_utils.Database) -> None:
    db.execute(f"INSERT INTO articles_fts(articles_fts, rank) VALUES ('hashsize', {FTS_HASHSIZE})")


# FTS5 merges 'automerge' segments of one level into one of the next (default 4), and after each
# commit does merge work of (pages just written x number of levels): every indexed page is
# rewritten once per level, and the levels grow with the archive. At 8, one level holds as much
# as two did, so a page is rewritten about half as often (an index of 400,000 articles' folded
# text built in 5,000-row commits: 210 -> 166 us of CPU and 30 -> 21 KiB written a row). A query
# reads at most 7 segments a level instead of 3, over fewer levels: the newest-first probes of
# archive.search measured no slower at 400,000 rows.
FTS_AUTOMERGE = 8


@migrations()
def m005_fts_automerge(db: sqlite_utils.Database) -> None:
    # A setting kept in each index's own config table; no row of the index changes.
    for table in ("articles_fts", "titles_fts"):
        db.execute(f"INSERT INTO {table}({table}, rank) VALUES ('automerge', {FTS_AUTOMERGE})")


# Raw pages found by their article's id instead of their URL. An index on (url, id) takes each new
# page at a random place (URLs arrive in no order): at 300,000 articles and more, a 5,000-article
# batch dirtied thousands of scattered index pages, each written to the log and copied back. Article
# ids only grow, so an index on article_id takes new pages at its end. Pages with no article (none
# are written today; an older writer could have) keep a small URL index of their own.
@migrations()
def m006_raw_pages_by_article(db: sqlite_utils.Database) -> None:
    db.execute("ALTER TABLE raw_pages ADD COLUMN article_id INTEGER REFERENCES articles(id)")
    db.execute("UPDATE raw_pages SET article_id = (SELECT a.id FROM articles a WHERE a.url = raw_pages.url)")
    db.execute("CREATE INDEX idx_raw_pages_article_id ON raw_pages(article_id)")
    db.execute("CREATE INDEX idx_raw_pages_unlinked_url ON raw_pages(url) WHERE article_id IS NULL")
    db.execute("DROP INDEX IF EXISTS idx_raw_pages_url_id")


# At 300,000 articles a 5,000-article batch dirtied ~3,300 pages of the (site, published) index
# (a page for every other insert: publication dates arrive in no order) and ~1,400 pages of
# titles_fts_docsize (rows keyed by search_key, also in no order): a quarter of the pages the batch
# wrote to the log, and a growing share as the archive grows (counted from the WAL frames of one
# batch, bench/archive.py notes). An index on site alone keeps its entries in (site, id) order, so
# new articles go to the end of their site's range. Queries that used (site, published) for dates
# now find the newest/oldest dated article through search_key (see archive.web.overview).
@migrations()
def m007_site_index(db: sqlite_utils.Database) -> None:
    db.execute("CREATE INDEX IF NOT EXISTS idx_articles_site ON articles(site)")
    db.execute("DROP INDEX IF EXISTS idx_articles_site_published")


# titles_fts is only ever asked "which rowids match, newest first" (archive.search), never to rank,
# so it needs no per-row column sizes (bm25's input; articles_fts keeps its own). Rebuilt from the
# stored titles like m003, now with the every-row token (archive.indexing.EVERY_ROW) m009 relies on.
@migrations()
def m008_titles_index_without_sizes(db: sqlite_utils.Database) -> None:
    db.execute("DROP TABLE titles_fts")
    db.execute("CREATE VIRTUAL TABLE titles_fts USING fts5(title, site, content='', columnsize=0, "
               "tokenize='unicode61 remove_diacritics 0')")
    db.execute(f"INSERT INTO titles_fts(titles_fts, rank) VALUES ('automerge', {FTS_AUTOMERGE})")
    _fill_titles_index(db)
    # One segment, rather than the many the refill wrote, which the next crawl's commits would
    # otherwise spend their merge work on.
    db.execute("INSERT INTO titles_fts(titles_fts) VALUES ('optimize')")


# The unique index on articles.search_key took each new article at a random place (publication
# times arrive in no order): ~1,400 pages of a 5,000-article batch at 300,000 articles, more as the
# archive grows. Rows are found from a search key by id (key & 0xFFFFFFFF, the primary key), and
# "newest first" without words walks titles_fts (EVERY_ROW, m008) instead of this index.
@migrations()
def m009_no_search_key_index(db: sqlite_utils.Database) -> None:
    db.execute("DROP INDEX IF EXISTS idx_articles_search_key")


# Pages a crawl fetched as articles that extraction found were not (no title or no body: a
# category page, a form, a static page a sitemap lists). Incremental runs skip them, as they skip
# archived articles, instead of fetching them again on every run; a full run looks at them again.
@migrations()
def m010_not_articles(db: sqlite_utils.Database) -> None:
    db["not_articles"].create({"url": str, "first_seen": str, "last_seen": str, "run_id": int}, pk="url")


# Site profiles learned from a portal's own article pages (scraper/extract/profile.py): one per
# host, kept as the family-style TOML text extraction reads (the archive stores it, never reads
# HTML). portal_runs gains the share of a run's articles that still fit their site's profile,
# so `health` sees a redesign as that share falling.
@migrations()
def m013_site_profiles(db: sqlite_utils.Database) -> None:
    db["site_profiles"].create({"site": str, "profile": str, "pages": int, "learned_at": str, "run_id": int},
                               pk="site", not_null={"profile"})
    if "with_profile" not in db["portal_runs"].columns_dict:
        db.execute("ALTER TABLE portal_runs ADD COLUMN with_profile INTEGER")


# Shards (a queue worker's archive file) merged into this archive: one row per shard id and content
# hash, written in the transactions of the merge itself, so a merge killed midway resumes after the
# articles it committed and a shard merged before is recognised and left alone (archive.merge).
@migrations()
def m016_merged_shards(db: sqlite_utils.Database) -> None:
    db["merged_shards"].create(
        {"shard_id": str, "content_hash": str, "source": str, "started_at": str, "finished_at": str,
         "articles_done": int, "run_map": str, "outcomes": str},
        pk=("shard_id", "content_hash"))


# The unfinished walk of a crawl (issue 14: a killed crawl, run again, stopped paging at the
# articles it had archived itself and never fetched 870-1,884 of 2,000). Every listing page and
# article URL a crawl has found and not yet finished is a row, keyed by URL and found by host; a
# run that finishes its walk deletes its hosts' rows. `origin_run` is the run whose walk it is
# (kept through any number of interrupted runs): what was archived from that run on was archived
# by the walk itself, and does not count toward the incremental early stop.
@migrations()
def m011_crawl_walk(db: sqlite_utils.Database) -> None:
    db["crawl_walk"].create({"url": str, "host": str, "kind": str, "meta": str, "origin_run": int,
                             "run_id": int, "found_at": str}, pk="url")
    db["crawl_walk"].create_index(["host"])


# Why a fetch failed, as a word a query can count (the crawl's scraper/fetch_errors.py); `error` keeps the detail.
@migrations()
def m011_fetch_error_kind(db: sqlite_utils.Database) -> None:
    db["fetches"].add_column("error_kind", str)
# Preservation records (archive.preservation), once a migration set of their own applied on first
# use: which WARC capture each article came from (`captures`), its media bodies content-addressed
# (`media`) and which article shows which (`article_media`). IF NOT EXISTS: archives that already
# have them from that set upgrade without change.
@migrations()
def m019_preservation(db: sqlite_utils.Database) -> None:
    db["captures"].create(
        {"id": int, "url": str, "captured_at": str, "provenance": str, "warc_file": str, "warc_offset": int,
         "warc_length": int, "warc_record_id": str, "warc_record_type": str, "payload_digest": str,
         "sha256": str, "source_url": str, "run_id": int},
        pk="id", if_not_exists=True,
    )
    db["captures"].create_index(["url", "captured_at"], if_not_exists=True)
    db["media"].create(
        {"sha256": str, "url": str, "content_type": str, "size": int, "first_seen": str,
         "warc_file": str, "warc_offset": int},
        pk="sha256", if_not_exists=True,
    )
    db["article_media"].create(
        {"article_url": str, "role": str, "position": int, "url": str, "sha256": str},
        pk=("article_url", "role", "position"), if_not_exists=True,
    )
    db["article_media"].create_index(["sha256"], if_not_exists=True)


# Raw pages stored with no article (by writers older than m006's per-article link) given the
# article saved since for their URL: once here, instead of on every open of the archive. Pages
# still unlinked after it are found by each new article of their URL (archive.store).
@migrations()
def m020_link_raw_pages(db: sqlite_utils.Database) -> None:
    db.execute("UPDATE raw_pages SET article_id = (SELECT a.id FROM articles a WHERE a.url = raw_pages.url) "
               "WHERE article_id IS NULL")



# The category filter is an index lookup like the site filter: each index row's `site` column also
# holds its article's category token (archive.records.filter_tokens), so a search or a browse by
# category walks the index newest first and reads only the rows it returns. Before, a category (or
# province) filter read every match from `articles`: 5-10 s in the web at 1,000,000 articles.
# A province is its portals' site tokens ORed, so it needs no token of its own. Refilling the two
# indexes folds every article again (like a change of folding does).
@migrations()
def m022_category_tokens(db: sqlite_utils.Database) -> None:
    from archive.reindex import refill_search_index

    if db.execute("SELECT 1 FROM articles WHERE coalesce(category, '') != '' LIMIT 1").fetchone():
        refill_search_index(db.conn)  # without the impact index, which comes at m030


# One article, one row, whatever address it was fetched by (issue 16): an article is keyed by the
# address its page declares (rel=canonical, og:url) and every other address it was fetched by is
# an alias of it, so search, show and incremental crawls find it by either, and a fetch of an
# alias updates it. A declared address that two articles of different titles claim is a template's
# (every page naming one address), not an article's: kept in `shared_canonicals` and not used again.
@migrations()
def m025_article_aliases(db: sqlite_utils.Database) -> None:
    db["article_aliases"].create({"url": str, "article_id": int, "first_seen": str, "run_id": int},
                                 pk="url", not_null={"article_id"})
    db["article_aliases"].create_index(["article_id"])
    db["shared_canonicals"].create({"url": str, "first_seen": str, "run_id": int}, pk="url")


@migrations()
def m029_media_by_url(db: sqlite_utils.Database) -> None:
    # a WARC import finds the archived file a revisit record refers to by its address (media are
    # otherwise looked up by sha256 only)
    db.execute("CREATE INDEX IF NOT EXISTS idx_article_media_url ON article_media(url)")
    db.execute("CREATE INDEX IF NOT EXISTS idx_media_url ON media(url)")


# Site tokens that keep every character of the host (archive.indexing.site_token): the old token
# dropped dots, hyphens and the port, so huyen-a.x.vn and huyena.x.vn (or 127.0.0.1:8080 and
# 127.0.0.180:80) had one token and each one's site filter (search --site, the web, facets)
# returned the other's articles too. A contentless index forgets a row only given the values it
# indexed, so both indexes are refilled: every article folded again in batches (memory stays flat,
# archive.reindex), its count on stderr while it runs. Measured on 100,000 articles of the archive
# bench's generator: 24-28 s, 13 s CPU (bench site_tokens), ~4-5 min a million; readers keep reading (WAL),
# and read an archive not yet migrated with its old tokens (archive.search_filters).
@migrations()
def m031_injective_site_tokens(db: sqlite_utils.Database) -> None:
    from archive.reindex import refill_search_index

    if db.execute("SELECT 1 FROM articles LIMIT 1").fetchone():
        refill_search_index(db.conn, progress="m031: re-indexing the site filter's tokens")


# The impact index (archive.impacts): per folded word, the IMPACT_KEEP articles where it weighs most
# in bm25, ordered by that weight, and each word's document frequency. Relevance used to mean "title
# matches first, then newest" among the newest 5,000 matches: nDCG@10 0.00-0.08 against FTS5's bm25
# over every match (100,000 articles), because FTS5's bm25 counts each word over the whole index
# (15-65 ms a word at 100,000, growing with the archive). A query now reads its words' lists and
# scores the best exactly (archive.search_relevance). Articles indexed since the last fold wait in
# search_pending (changed or deleted ones' folded values in search_stale) and are folded in bulk
# (archive.impact_delta). Here every article is only noted pending (seconds at 1,000,000): the lists
# are filled by the first fold (`portal-archive reindex`, or the end of the next crawl or import),
# with progress, resumable; searches rank the older way until then.
@migrations()
def m030_impact_index(db: sqlite_utils.Database) -> None:
    from archive.impact_delta import mark_all_pending

    db.execute("CREATE TABLE search_impacts (term TEXT NOT NULL, impact INTEGER NOT NULL, key INTEGER NOT NULL, "
               "PRIMARY KEY (term, impact, key)) WITHOUT ROWID")
    db.execute("CREATE TABLE search_terms (term TEXT PRIMARY KEY, df INTEGER NOT NULL, kept INTEGER NOT NULL, "
               "floor INTEGER NOT NULL) WITHOUT ROWID")
    db.execute("CREATE TABLE search_pending (key INTEGER PRIMARY KEY)")
    db.execute("CREATE TABLE search_stale (key INTEGER PRIMARY KEY, title TEXT, body TEXT, captions TEXT, "
               "site TEXT)")
    mark_all_pending(db.conn)


# Each word's list packed into its search_terms row (archive.impacts): the fold wrote one
# search_impacts row per word and article (~110 an article of the generator's text), and those
# inserts were 1.15 s of a 2.6 s fold of 5,000 articles, the last step of every import and crawl,
# run on one core while the other idles. One row a word is written instead: a fold of 5,000
# articles 3.5 -> 2.3 CPU s, of 25,000 (five batches) 13.7 -> 6.9 s, the same lists and counts;
# import-warc of 5,000 articles 0.85x wall (3 pairs). A query reads its words' rows, as it read
# their row ranges. Converting 788,000 list rows (25,000 articles) took 1.4 s.
@migrations()
def m032_packed_impact_lists(db: sqlite_utils.Database) -> None:
    from itertools import groupby
    from operator import itemgetter

    from archive.impacts import pack_rows

    db.execute("ALTER TABLE search_terms ADD COLUMN impacts BLOB")
    rows = db.conn.execute("SELECT term, impact, key FROM search_impacts ORDER BY term, impact DESC, key DESC")
    packed = [(pack_rows((w, k) for _, w, k in group), term) for term, group in groupby(rows, key=itemgetter(0))]
    db.conn.executemany("UPDATE search_terms SET impacts = ? WHERE term = ?", packed)
    db.execute("DROP TABLE search_impacts")


def missing_tables(conn: sqlite3.Connection) -> list[str]:
    """Tables (`name`) and columns (`table.column`) the migrations create that this archive lacks: one
    written by an older version and not opened for writing since. Read-only: nothing written. Readers
    check this once when they open an archive instead of probing for each table or column they read."""
    present = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    missing = []
    for table, columns in sorted(_schema_columns().items()):
        if table not in present:
            missing.append(table)
            continue
        have = {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
        missing += [f"{table}.{c}" for c in sorted(columns - have)]
    return missing


@functools.cache
def _schema_columns() -> dict[str, frozenset[str]]:
    """{table: its columns} of an archive every migration has run on."""
    db = sqlite_utils.Database(memory=True)
    migrations.apply(db)
    tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
              if r[0] != migrations.migrations_table]
    return {t: frozenset(r[1] for r in db.execute(f"PRAGMA table_info({t})")) for t in tables}


# One article under two addresses with no canonical between them (a portal's legacy address linked
# from a side box, the listing's address of the same page): the store finds an archived article of
# the same site by its content hash (Archive._twin_of), so the hash is indexed.
@migrations()
def m033_articles_by_content(db: sqlite_utils.Database) -> None:
    db.execute("CREATE INDEX IF NOT EXISTS idx_articles_content_hash ON articles(content_hash)")
