"""The archive file and every write to it (the API the crawl pipeline calls).

One `Archive` is one writer. Writes are batched: a transaction is opened with BEGIN IMMEDIATE
(so a second writer waits on the busy timeout instead of failing on lock upgrade) and committed
every `batch_size` articles or `batch_seconds` seconds, by `flush()` and by `close()`. Readers in
other processes are never blocked (WAL). A writer killed with SIGKILL loses at most the open batch,
which a resumed crawl re-fetches because `has_article` does not see it.

The WAL is checkpointed by a thread of its own (archive.checkpoint), so commits do not wait for
the copy into the file. What needs no database (normalising, hashing, folding) is archive.prepare.
"""
from __future__ import annotations

import json
import os
import re
import sqlite3
import time
import weakref
import zlib
from collections.abc import Iterator
from datetime import datetime, timezone
from urllib.parse import unquote, urlsplit

import sqlite_utils

try:  # Zstandard is in the standard library from Python 3.14
    from compression import zstd
except ImportError:
    from backports import zstd

from archive import schema
from archive.checkpoint import Checkpointer
from archive.fields import FIELD, RECORD_FIELDS, VERSIONED_FIELDS
from archive.fold import fold
from archive.indexing import delete_row, insert_rows
from archive.prepare import Prepared, RawPage, folded, html_blob, prepare
from archive.preservation import record_preservation
from archive.records import captions_text, folded_fields

__all__ = ["Archive", "REMOVED_STATUSES", "decompress", "default_db_path", "utc_now"]

# An article fetched with one of these answers is gone from its portal (`Archive.mark_removed`):
# the crawl writer marks it so, and a shard merge does it for the shard's fetches.
REMOVED_STATUSES = (404, 410)
# A body this long is evidence of an article of its own (Archive._twin_of): of the 572 expected
# articles of the sample and unseen portals the shortest body has 251 characters; an extraction that
# failed leaves the page's chrome or nothing, alike on many pages.
TWIN_BODY_CHARS = 200

_ARTICLE_COLUMNS = ("id", "content_hash", "search_key", "title", "body", "site", "category")
# The record's own columns of `articles` (archive.fields), written as extraction gave them.
_RECORD_COLUMNS = tuple(f for f in RECORD_FIELDS if FIELD[f].stored == "articles")
_INSERT = (f"INSERT INTO articles({', '.join(_RECORD_COLUMNS)}, id, content_hash, version, search_key, first_seen, "
           "last_seen, last_changed, provenance, first_run_id, last_run_id, body_html_z, extra) "
           f"VALUES ({', '.join('?' * len(_RECORD_COLUMNS))}, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
# A new version replaces the record's columns (the URL stays; a count is kept when none was seen).
_CHANGED = tuple(f for f in _RECORD_COLUMNS if f != "url")
_UPDATE = ("UPDATE articles SET " + ", ".join("views = coalesce(?, views)" if f == "views" else f"{f} = ?"
                                              for f in _CHANGED) +
           ", content_hash = ?, version = version + 1, search_key = ?, last_changed = ?, provenance = ?, "
           "body_html_z = coalesce(?, body_html_z), extra = ? WHERE id = ?")
_KEEP_VERSION = (f"INSERT INTO article_versions(article_id, version, {', '.join(VERSIONED_FIELDS)}, images, "
                 "attachments, content_hash, first_seen, last_seen, provenance, run_id) "
                 f"SELECT id, version, {', '.join(VERSIONED_FIELDS)}, ?, ?, content_hash, last_changed, last_seen, "
                 "provenance, last_run_id FROM articles WHERE id = ?")


def default_db_path() -> str:
    return os.environ.get("PORTAL_ARCHIVE_DB", "archive.db")


def utc_now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


class Archive:
    """An archive file, opened for writing (schema created or migrated on open)."""

    # Big batches feed the search index big segments (see schema.FTS_HASHSIZE); a killed writer
    # loses at most one batch, which the next crawl re-fetches.
    def __init__(self, path: str, *, batch_size: int = 5000, batch_seconds: float = 5.0) -> None:
        self.path = str(path)
        self.conn = schema.connect(self.path)
        self.db = sqlite_utils.Database(self.conn)
        schema.migrate(self.db)
        # The WAL is copied back into the file by a thread of its own (archive.checkpoint), not
        # inside the commits of this one.
        self.conn.execute("PRAGMA wal_autocheckpoint = 0")
        self._checkpointer = Checkpointer(lambda: schema.connect(self.path))
        self.batch_size = batch_size
        self.batch_seconds = batch_seconds
        self._pending = 0
        self._batch_started = 0.0
        self._next_id = 0
        self._sites_seen: set[str] = set()
        # Raw pages are kept as zstd frames: as small as zlib's level 6 at twice zlib level 1's speed.
        self._compressor = zstd.ZstdCompressor(level=3)
        # FTS rows wait here until the batch commits, then go in rowid order: FTS5 flushes its
        # pending-terms buffer whenever a rowid is not above the previous one, and search keys
        # (publication time first) arrive in random order, which made inserts 5x slower.
        self._fts_pending: list[tuple] = []
        # Safety net for callers that never close(): commit the open batch at interpreter exit
        # rather than let SQLite roll it back.
        self._finalizer = weakref.finalize(self, _commit_quietly, self.conn, self._fts_pending,
                                          self._checkpointer)
        self._unlinked_pages = False  # raw pages with no article_id (see _link_pages)
        self._import_legacy()
        self._unlinked_pages = self._link_pages()

    # -- transactions -------------------------------------------------------------------------
    def _begin(self) -> None:
        if not self.conn.in_transaction:
            self._checkpointer.wait_if_log_over()
            schema.begin_write(self.conn)  # waits and retries while another process writes
            self._batch_started = time.monotonic()
            self._pending = 0
            # Ids are allocated here while the write lock is held, so search_key is known
            # before the insert (one statement instead of insert-then-update).
            self._next_id = (self.conn.execute("SELECT max(id) FROM articles").fetchone()[0] or 0) + 1

    def _written(self) -> None:
        self._pending += 1
        if self._pending >= self.batch_size or time.monotonic() - self._batch_started >= self.batch_seconds:
            self.flush()

    def flush(self) -> None:
        """Commit everything written so far."""
        self._write_fts()
        if self.conn.in_transaction:
            self.conn.commit()
            self._checkpointer.poke()
        self._pending = 0

    def close(self) -> None:
        self.flush()
        self._finalizer.detach()
        self._checkpointer.stop()
        self.conn.close()

    def __enter__(self) -> "Archive":
        return self

    def __exit__(self, *exc) -> None:
        self.close()  # also after an error: keep what was saved before it

    def _import_legacy(self) -> None:
        """Articles written by the first, single-table version of the archive, re-saved properly.

        Not a migration: it needs this class's whole write path (versions, media, the search index),
        which exists only once the migrations have run; it renames the table when done, so it runs once."""
        if "legacy_articles" not in self.db.table_names():
            return
        rows = self.conn.execute("SELECT * FROM legacy_articles").fetchall()
        names = [d[0] for d in self.conn.execute("SELECT * FROM legacy_articles LIMIT 0").description]
        for row in rows:
            rec = dict(zip(names, row))
            for key in ("images", "attachments"):
                rec[key] = json.loads(rec.get(key) or "[]")
            self.save_article(rec, fetched_at=rec.get("last_seen"), provenance="legacy")
        self._begin()
        self.conn.execute("ALTER TABLE legacy_articles RENAME TO legacy_articles_imported")
        self.flush()

    def _link_pages(self) -> bool:
        """Whether raw pages with no article remain (older archives; migration m020 linked those it could):
        then each new article looks for its own."""
        return self.conn.execute("SELECT 1 FROM raw_pages WHERE article_id IS NULL LIMIT 1").fetchone() is not None

    # -- crawl runs and fetches ---------------------------------------------------------------
    def start_run(self, settings: dict, sites: list[str]) -> int:
        self._begin()
        cur = self.conn.execute(
            "INSERT INTO crawl_runs(started_at, sites, settings) VALUES (?, ?, ?)",
            (utc_now(), json.dumps(list(sites), ensure_ascii=False),
             json.dumps(settings, ensure_ascii=False, default=str)),
        )
        self.flush()
        return cur.lastrowid

    def finish_run(self, run_id: int, summary: dict) -> None:
        self._begin()
        self.conn.execute("UPDATE crawl_runs SET finished_at = ?, summary = ? WHERE id = ?",
                          (utc_now(), json.dumps(summary, ensure_ascii=False, default=str), run_id))
        self.flush()

    def record_fetch(self, run_id: int | None, url: str, status: int | None, *, error: str | None = None,
                     redirect_to: str | None = None, kind: str = "article", fetched_at: str | None = None,
                     elapsed: float | None = None, error_kind: str | None = None) -> None:
        self._begin()
        self.conn.execute(
            "INSERT INTO fetches(run_id, url, status, fetched_at, error, redirect_to, kind, elapsed, error_kind) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (run_id, url, status, fetched_at or utc_now(), error, redirect_to, kind, elapsed, error_kind),
        )
        self._written()

    def fetch_failed(self, run_id: int | None, url: str, error_kind: str, error: str | None = None) -> None:
        """A fetch that got its answer but failed after (extraction, not an article): its row says so."""
        self._begin()
        self.conn.execute("UPDATE fetches SET error_kind = ?, error = coalesce(?, error) WHERE id = "
                          "(SELECT max(id) FROM fetches WHERE url = ? AND run_id IS ?)", (error_kind, error, url, run_id))
        self._written()

    # -- the crawl's unfinished walk (m011) ---------------------------------------------------
    def walk_step(self, run_id: int, origin_run: int, *, done: str | None = None,
                  found: list[tuple[str, str, str, dict]] = ()) -> None:
        """Listing pages and articles `found` (url, host, kind, meta) join the walk; `done` leaves it.

        One call, one transaction: a URL is never done before what it led to is on record."""
        self._begin()
        if found:
            now = utc_now()
            self.conn.executemany(
                "INSERT OR IGNORE INTO crawl_walk(url, host, kind, meta, origin_run, run_id, found_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(url, host, kind, json.dumps(meta, ensure_ascii=False), origin_run, run_id, now)
                 for url, host, kind, meta in found])
        if done:
            self.conn.execute("DELETE FROM crawl_walk WHERE url = ?", (done,))
        self._written()

    def pending_walk(self, hosts: set[str]) -> list[tuple[str, str, dict, int]]:
        """(url, kind, meta, origin run) of the unfinished walk on `hosts`, in the order it was found."""
        rows = self.conn.execute(
            f"SELECT url, kind, meta, origin_run FROM crawl_walk WHERE host IN ({', '.join('?' * len(hosts))}) "
            "ORDER BY rowid", sorted(hosts)).fetchall()
        return [(url, kind, json.loads(meta or "{}"), origin) for url, kind, meta, origin in rows]

    def clear_walk(self, hosts: set[str]) -> None:
        """The walk on `hosts` is finished."""
        self._begin()
        self.conn.execute(f"DELETE FROM crawl_walk WHERE host IN ({', '.join('?' * len(hosts))})", sorted(hosts))
        self.flush()

    # -- articles -----------------------------------------------------------------------------
    def save_article(self, record: dict, *, raw_body: bytes | None = None, content_type: str | None = None,
                     run_id: int | None = None, fetched_at: str | None = None,
                     provenance: str = "live", observed: bool = True) -> str:
        """Store one extracted article; returns "new", "updated" or "unchanged".

        `observed=False` is for records not fetched just now (re-extraction of a stored page): a
        change still makes a new version, but views, last-seen and removal marks are left alone.
        """
        return self._store(prepare(record, raw_body=raw_body, content_type=content_type, run_id=run_id,
                                   now=fetched_at or utc_now(), provenance=provenance, observed=observed))

    def save_capture(self, record: dict, *, captured_at: str, provenance: str, raw_body: bytes | None = None,
                     content_type: str | None = None, run_id: int | None = None) -> str:
        """Store an article read from an archived capture (WARC import, Wayback recovery) with its
        provenance: the article as `save_article` stores it, then its capture pointer
        (`record["warc"]`) and media (`record["media"]`), in the same batch."""
        outcome = self.save_article(record, raw_body=raw_body, content_type=content_type, run_id=run_id,
                                    fetched_at=captured_at, provenance=provenance)
        self._begin()  # the batch save_article just wrote into may have been committed: open the next
        stored = self.article_url(record["url"])  # the URL it is kept under (its canonical: m025)
        if stored is not None and stored != record["url"]:
            record = {**record, "url": stored}
        record_preservation(self.conn, record, provenance=provenance, captured_at=captured_at, run_id=run_id)
        return outcome

    def _store(self, p: Prepared) -> str:
        rec, now, run_id = p.rec, p.now, p.run_id
        self._begin()
        self._ensure_site(rec["site"], now)
        fetched = rec["url"]
        rec["url"], alias = self._key_of(fetched, p)
        row = self.conn.execute(f"SELECT {', '.join(_ARTICLE_COLUMNS)} FROM articles WHERE url = ?",
                                (rec["url"],)).fetchone()
        if row is None:
            article_id = self._insert(p)
            outcome = "new"
        else:
            old = dict(zip(_ARTICLE_COLUMNS, row))
            article_id = old["id"]
            if old["content_hash"] != p.digest:
                self._new_version(old, p)
                outcome = "updated"
            elif not p.observed:
                outcome = "unchanged"
            else:
                self.conn.execute(
                    "UPDATE articles SET last_seen = ?, last_run_id = ?, views = coalesce(?, views), "
                    "removed_at = NULL, removed_reason = NULL WHERE id = ?",
                    (now, run_id, rec["views"], article_id))
                outcome = "unchanged"
        if rec["views"] is not None:
            self.conn.execute("INSERT INTO view_counts(article_id, seen_at, views, run_id) VALUES (?, ?, ?, ?)",
                              (article_id, now, rec["views"], run_id))
        if alias is not None:
            self.conn.execute("INSERT OR IGNORE INTO article_aliases(url, article_id, first_seen, run_id) "
                              "VALUES (?, ?, ?, ?)", (alias, article_id, now, run_id))
        if p.raw is not None:  # under the address it was fetched by
            self._save_raw(article_id, fetched, p.raw, now, run_id, known=outcome != "new")
        self._written()
        return outcome

    # -- one article under one address (m025) -------------------------------------------------
    def _key_of(self, fetched: str, p: Prepared) -> tuple[str, str | None]:
        """(the URL the article is stored under, an alias to record) for a page fetched at `fetched`
        that declares `canonical`.

        An address archived already (an article's or an alias) keeps its article: an article archived
        before its page declared a canonical is never stored a second time under it (its canonical
        becomes an alias instead). A new address declaring an archived article's canonical is an
        alias of it when the titles agree; with another title the canonical is a template's, shared
        by different articles: neither is stored under it (an article stored under it already goes
        back to the address it was fetched by) and it is not used again. A new address declaring no
        other may be an archived article's twin (`_twin_of`)."""
        canonical, title = p.rec["canonical"], p.rec["title"]
        known = self.article_url(fetched)
        if known is not None:
            if canonical and canonical != known and self.article_url(canonical) is None \
                    and not self._shared(canonical):
                return known, canonical
            return known, None
        if not canonical or canonical == fetched or self._shared(canonical):
            return self._twin_of(fetched, p)
        owner = self.article_url(canonical)
        if owner is None:
            return canonical, fetched
        (owner_title,) = self.conn.execute("SELECT title FROM articles WHERE url = ?", (owner,)).fetchone()
        if not title or not owner_title or owner_title == title:
            return owner, fetched
        self._refuse_canonical(canonical, owner, p.now, p.run_id)
        return fetched, None

    def _twin_of(self, fetched: str, p: Prepared) -> tuple[str, str | None]:
        """(the URL to store under, an alias) for a new address whose page declares no other: an
        archived article of the same site with the same content (what a reader sees: the content hash)
        is this article under another address, as a portal's legacy address in a side box and the
        listing's address serve one page with no canonical. Which address keeps it: the one spelling
        more of its title (eZ Publish's `/Tin-tuc-Su-kien/.../Duc-Tho-Hon-1.200-...` beside
        `/content/view/full/4862`), then the one shaped like more of the site's articles
        (`_siblings`), then the one with fewer query parameters, then the first fetched. A short
        body or none is no evidence: pages whose extraction failed alike stay apart. An article that moves keeps its id (versions, media,
        index) and its old address as an alias; captures stay under the address they were made at."""
        rec = p.rec
        if not rec["title"] or len(rec["body"] or "") < TWIN_BODY_CHARS:
            return fetched, None
        row = self.conn.execute("SELECT id, url FROM articles WHERE content_hash = ? AND site = ? LIMIT 1",
                                (p.digest, rec["site"])).fetchone()
        if row is None:
            return fetched, None
        article_id, owner = row
        title = fold(rec["title"])
        pair = (fetched, owner)  # (neither counts for the other's shape, nor for its own)
        if _without_index_step(fetched) == _without_index_step(owner):
            # one address with and without its folder's index file (a feed's `/index.php?Tin-tuc&id=57`,
            # the listing's `/?Tin-tuc&id=57`; a module's `/index.php/tin-tuc/x.html`, the script's
            # name before the path it serves, beside the listing's `/tin-tuc/x.html`): the folder's own
            new_rank, owner_rank = (-_index_step(fetched),), (-_index_step(owner),)
        else:
            new_rank = (_spelt(fetched, title), _siblings(self.conn, fetched, pair),
                        _section_siblings(self.conn, fetched, pair), -_query_keys(fetched), -_index_step(fetched))
            owner_rank = (_spelt(owner, title), _siblings(self.conn, owner, pair),
                          _section_siblings(self.conn, owner, pair), -_query_keys(owner), -_index_step(owner))
        if new_rank <= owner_rank:
            return owner, fetched
        self.conn.execute("UPDATE articles SET url = ? WHERE id = ?", (fetched, article_id))
        self.conn.execute("INSERT OR IGNORE INTO article_aliases(url, article_id, first_seen, run_id) "
                          "VALUES (?, ?, ?, ?)", (owner, article_id, p.now, p.run_id))
        return fetched, None

    def article_url(self, url: str) -> str | None:
        """The URL of the article archived under `url` or with `url` as an alias."""
        if self.conn.execute("SELECT 1 FROM articles WHERE url = ?", (url,)).fetchone():
            return url
        row = self.conn.execute("SELECT a.url FROM article_aliases l JOIN articles a ON a.id = l.article_id "
                                "WHERE l.url = ?", (url,)).fetchone()
        return row[0] if row else None

    def _shared(self, canonical: str) -> bool:
        return self.conn.execute("SELECT 1 FROM shared_canonicals WHERE url = ?", (canonical,)).fetchone() is not None

    def _refuse_canonical(self, canonical: str, owner: str, now: str, run_id: int | None) -> None:
        """`canonical` is claimed by articles of different titles: the one stored under it that was
        never fetched there goes back to its first fetched address; the canonical stays an alias of
        nothing."""
        self.conn.execute("INSERT OR IGNORE INTO shared_canonicals(url, first_seen, run_id) VALUES (?, ?, ?)",
                          (canonical, now, run_id))
        if owner != canonical:
            self.conn.execute("DELETE FROM article_aliases WHERE url = ?", (canonical,))
            return
        article_id, = self.conn.execute("SELECT id FROM articles WHERE url = ?", (canonical,)).fetchone()
        if self.conn.execute("SELECT 1 FROM raw_pages WHERE article_id = ? AND url = ? LIMIT 1",
                             (article_id, canonical)).fetchone():
            return  # fetched at that address itself: it is that article's own
        first = self.conn.execute("SELECT url FROM article_aliases WHERE article_id = ? ORDER BY rowid LIMIT 1",
                                  (article_id,)).fetchone()
        if first is None:
            return
        self.conn.execute("DELETE FROM article_aliases WHERE url = ?", (first[0],))
        self.conn.execute("UPDATE articles SET url = ? WHERE id = ?", (first[0], article_id))

    def add_alias(self, url: str, article_url: str, *, first_seen: str | None = None,
                  run_id: int | None = None) -> None:
        """Record `url` as another address of the article stored under `article_url` (a shard's merge)."""
        self._begin()
        target = self.article_url(article_url)
        if target is None or self.article_url(url) is not None:
            return
        self.conn.execute("INSERT INTO article_aliases(url, article_id, first_seen, run_id) "
                          "SELECT ?, id, ?, ? FROM articles WHERE url = ?", (url, first_seen or utc_now(), run_id, target))
        self._written()

    def aliases_of(self, article_url: str) -> list[str]:
        return [r[0] for r in self.conn.execute(
            "SELECT l.url FROM article_aliases l JOIN articles a ON a.id = l.article_id WHERE a.url = ? "
            "ORDER BY l.rowid", (article_url,))]

    def _ensure_site(self, host: str, now: str) -> None:
        if host in self._sites_seen:
            return
        self.conn.execute("INSERT INTO sites(host, first_seen, last_seen) VALUES (?, ?, ?) "
                          "ON CONFLICT(host) DO UPDATE SET last_seen = excluded.last_seen", (host, now, now))
        self._sites_seen.add(host)

    def _insert(self, p: Prepared) -> int:
        rec = p.rec
        article_id = self._next_id
        self._next_id += 1
        key = p.key_time | article_id
        self.conn.execute(_INSERT, (*(rec[f] for f in _RECORD_COLUMNS), article_id, p.digest, key, p.now, p.now,
                                    p.now, p.provenance, p.run_id, p.run_id, html_blob(p), p.extra))
        self._write_media(article_id, rec)
        self._fts_pending.append((key, *folded(rec)))
        if self._unlinked_pages:
            self.conn.execute("UPDATE raw_pages SET article_id = ? WHERE article_id IS NULL AND url = ?",
                              (article_id, rec["url"]))
        return article_id

    def _new_version(self, old: dict, p: Prepared) -> None:
        rec, now, run_id = p.rec, p.now, p.run_id
        article_id = old["id"]
        images = self._media(article_id, "images", ("url", "caption", "alt"))
        attachments = self._media(article_id, "attachments", ("url", "name"))
        self.conn.execute(_KEEP_VERSION, (json.dumps(images, ensure_ascii=False),
                                          json.dumps(attachments, ensure_ascii=False), article_id))
        self._unindex(old["search_key"], old["title"], old["body"], captions_text(images), old["site"], old["category"])
        key = p.key_time | article_id
        self.conn.execute(_UPDATE, (*(rec[f] for f in _CHANGED), p.digest, key, now, p.provenance, html_blob(p),
                                    p.extra, article_id))
        if p.observed:
            self.conn.execute("UPDATE articles SET last_seen = ?, last_run_id = ?, removed_at = NULL, "
                              "removed_reason = NULL WHERE id = ?", (now, run_id, article_id))
        self.conn.execute("DELETE FROM images WHERE article_id = ?", (article_id,))  # kept in the version row
        self.conn.execute("DELETE FROM attachments WHERE article_id = ?", (article_id,))
        self._write_media(article_id, rec)
        self._fts_pending.append((key, *folded(rec)))

    def _write_media(self, article_id: int, rec: dict) -> None:
        if rec["images"]:
            self.conn.executemany(
                "INSERT INTO images(article_id, position, url, caption, alt) VALUES (?, ?, ?, ?, ?)",
                [(article_id, n, i["url"], i["caption"], i["alt"]) for n, i in enumerate(rec["images"])])
        if rec["attachments"]:
            self.conn.executemany(
                "INSERT INTO attachments(article_id, position, url, name) VALUES (?, ?, ?, ?)",
                [(article_id, n, a["url"], a["name"]) for n, a in enumerate(rec["attachments"])])

    def _media(self, article_id: int, table: str, columns: tuple[str, ...]) -> list[dict]:
        rows = self.conn.execute(f"SELECT {', '.join(columns)} FROM {table} WHERE article_id = ? "
                                 "ORDER BY position", (article_id,))
        return [dict(zip(columns, r)) for r in rows]

    def _write_fts(self) -> None:
        insert_rows(self.conn, self._fts_pending)
        self._fts_pending.clear()

    def _unindex(self, key: int, title, body, captions, site: str, category: str | None) -> None:
        self._write_fts()  # the row to forget may still be waiting in the batch
        delete_row(self.conn, (key, *folded_fields(title, body, captions, site, category)))

    def _save_raw(self, article_id: int, url: str, raw: RawPage, now: str, run_id, known: bool = True) -> None:
        # Found by article id (schema m006): new pages go to the end of that index, not a random place.
        last = known and self.conn.execute("SELECT sha256 FROM raw_pages WHERE article_id = ? ORDER BY id DESC "
                                           "LIMIT 1", (article_id,)).fetchone()
        if last and last[0] == raw.sha256:
            return  # the same bytes are already kept
        self.conn.execute(
            "INSERT INTO raw_pages(article_id, url, fetched_at, content_type, sha256, compression, size, body, run_id) "
            "VALUES (?, ?, ?, ?, ?, 'zstd', ?, ?, ?)",
            (article_id, url, now, raw.content_type, raw.sha256, len(raw.body),
             self._compressor.compress(raw.body, mode=zstd.ZstdCompressor.FLUSH_FRAME), run_id))

    def save_site_profile(self, site: str, profile: str, *, pages: int, run_id: int | None = None) -> None:
        """Keep the profile learned for `site` (family-style TOML text), replacing an older one."""
        self._begin()
        self.conn.execute("INSERT INTO site_profiles(site, profile, pages, learned_at, run_id) VALUES (?, ?, ?, ?, ?) "
                          "ON CONFLICT(site) DO UPDATE SET profile = excluded.profile, pages = excluded.pages, "
                          "learned_at = excluded.learned_at, run_id = excluded.run_id",
                          (site, profile, pages, utc_now(), run_id))
        self._written()

    def site_profile(self, site: str) -> str | None:
        """The profile text learned for `site`, or None."""
        row = self.conn.execute("SELECT profile FROM site_profiles WHERE site = ?", (site,)).fetchone()
        return row[0] if row else None

    def note_not_article(self, url: str, *, when: str | None = None, run_id: int | None = None) -> None:
        """Remember that `url` was fetched as an article and is none (incremental crawls skip it)."""
        self._begin()
        when = when or utc_now()
        self.conn.execute("INSERT INTO not_articles(url, first_seen, last_seen, run_id) VALUES (?, ?, ?, ?) "
                          "ON CONFLICT(url) DO UPDATE SET last_seen = excluded.last_seen, run_id = excluded.run_id",
                          (url, when, when, run_id))
        self._written()

    def mark_removed(self, url: str, *, when: str, reason: str, run_id: int | None = None) -> bool:
        """Mark a known article (by its URL or an alias) as gone from its portal (kept, never deleted).
        False if unknown."""
        self._begin()
        target = self.article_url(url)
        if target is None:
            return False
        cur = self.conn.execute(
            "UPDATE articles SET removed_at = coalesce(removed_at, ?), "
            "removed_reason = coalesce(removed_reason, ?), last_run_id = coalesce(?, last_run_id) WHERE url = ?",
            (when or utc_now(), reason, run_id, target))
        self._written()
        return cur.rowcount > 0

    # -- reads a crawl needs ------------------------------------------------------------------
    def has_article(self, url: str) -> bool:
        """An article is archived under `url` or with `url` as one of its aliases."""
        return self.article_url(url) is not None

    def redirects(self, kind: str) -> list[tuple[str, str]]:
        """(url, where it redirected to) for every recorded fetch of `kind` that redirected, oldest first."""
        return self.conn.execute("SELECT url, redirect_to FROM fetches WHERE redirect_to IS NOT NULL AND kind = ? "
                                 "ORDER BY id", (kind,)).fetchall()

    def not_article_urls(self) -> set[str]:
        """URLs fetched as articles that were none, and are not archived articles since."""
        rows = self.conn.execute("SELECT url FROM not_articles WHERE url NOT IN (SELECT url FROM articles)")
        return {r[0] for r in rows}

    def known_urls_on(self, netlocs, *, before_run: int | None = None) -> Iterator[str]:
        """Archived article URLs on these hosts (host[:port]; first archived before run `before_run`),
        read by URL range on the URL index: a crawl process opening hundreds of portals must not read
        the whole archive for each."""
        before = "" if before_run is None else " AND coalesce(first_run_id, 0) < ?"
        aliases = "" if before_run is None else " AND coalesce(l.run_id, 0) < ?"
        for low, high in schema.url_ranges(netlocs):
            params = (low, high) if before_run is None else (low, high, before_run)
            yield from (r[0] for r in self.conn.execute(f"SELECT url FROM articles WHERE url >= ? AND url < ?{before}",
                                                        params))
            # the other addresses archived articles were fetched by: a crawl need not fetch them again
            yield from (r[0] for r in self.conn.execute(
                f"SELECT l.url FROM article_aliases l WHERE l.url >= ? AND l.url < ?{aliases}", params))

    def not_article_urls_on(self, netlocs) -> Iterator[str]:
        """`not_article_urls()` on these hosts only (by URL range on the table's key)."""
        for low, high in schema.url_ranges(netlocs):
            yield from (r[0] for r in self.conn.execute(
                "SELECT url FROM not_articles WHERE url >= ? AND url < ? AND url NOT IN (SELECT url FROM articles)",
                (low, high)))

    def redirects_on(self, kind: str, netlocs) -> list[tuple[str, str]]:
        """`redirects(kind)` of the URLs on these hosts only (by URL range on the fetches' URL index)."""
        found: list[tuple[int, str, str]] = []
        for low, high in schema.url_ranges(netlocs):
            found += self.conn.execute("SELECT id, url, redirect_to FROM fetches WHERE url >= ? AND url < ? "
                                       "AND redirect_to IS NOT NULL AND kind = ?", (low, high, kind)).fetchall()
        return [(url, target) for _, url, target in sorted(found)]

    def known_urls(self, site: str | None = None, *, before_run: int | None = None) -> set[str]:
        """Archived article URLs (of `site`; first archived before run `before_run`)."""
        sql, params = "SELECT url FROM articles WHERE 1", []
        if site is not None:
            sql += " AND site = ?"
            params.append(site)
        if before_run is not None:
            sql += " AND coalesce(first_run_id, 0) < ?"
            params.append(before_run)
        return {r[0] for r in self.conn.execute(sql, params)}

    def raw_pages(self, *, site: str | None = None, latest_only: bool = True,
                  url: str | None = None, articles_only: bool = False) -> Iterator[tuple[str, bytes, str | None, str]]:
        """(url, body, content type, fetched_at) for stored responses, newest per URL by default."""
        # A page belongs to its article by article_id; a page with none (written before m006 for a URL
        # that has no article) by its URL alone. Opening the archive links such pages to an article
        # saved since, so a URL's pages are either all linked or all not.
        sql = "SELECT id, url, body, compression, content_type, fetched_at FROM raw_pages"
        where, params = [], []
        if latest_only:
            where.append("id IN (SELECT max(id) FROM raw_pages WHERE article_id IS NOT NULL GROUP BY article_id "
                         "UNION ALL SELECT max(id) FROM raw_pages WHERE article_id IS NULL GROUP BY url)")
        if url is not None:  # the article's URL or one of its aliases
            where.append("(article_id = coalesce((SELECT id FROM articles WHERE url = ?), "
                         "(SELECT article_id FROM article_aliases WHERE url = ?)) OR (article_id IS NULL AND url = ?))")
            params += [url, url, url]
        if site is not None:
            where.append("article_id IN (SELECT id FROM articles WHERE site = ?)")
            params.append(site)
        elif articles_only:
            where.append("article_id IS NOT NULL")
        if where:
            sql += " WHERE " + " AND ".join(where)
        self.flush()
        reader = schema.connect(self.path, readonly=True)
        try:
            for _id, page_url, blob, compression, ctype, fetched in reader.execute(sql + " ORDER BY id", params):
                yield page_url, decompress(blob, compression), ctype, fetched
        finally:
            reader.close()


def _commit_quietly(conn, fts_pending: list, checkpointer: Checkpointer) -> None:
    try:
        checkpointer.stop()
        insert_rows(conn, fts_pending)
        if conn.in_transaction:
            conn.commit()
        conn.close()
    except Exception:  # the process is ending; nothing better to do than try
        pass


def decompress(blob: bytes, compression: str | None) -> bytes:
    """A stored body as it was fetched (zstd since 2026-11; zlib and gzip in older archives)."""
    if compression == "zstd":
        return zstd.decompress(blob)
    if compression == "zlib":
        return zlib.decompress(blob)
    if compression == "gzip":
        import gzip

        return gzip.decompress(blob)
    return blob


def _spelt(url: str, folded_title: str) -> int:
    """How many of the (folded) title's words the address's path spells."""
    path = set(_NOT_WORD.split(fold(unquote(urlsplit(url).path))))
    return sum(1 for w in set(_NOT_WORD.split(folded_title)) if len(w) > 1 and w in path)


_NOT_WORD = re.compile(r"[^a-z0-9]+")


def _query_keys(url: str) -> int:
    """How many parameters the address's query holds: of two addresses of one path, the one with
    fewer is the article's own (PHP-Nuke's `?name=News&file=article&sid=1483` beside its comments'
    view `...&sid=1483&mode=thread&order=0&thold=0` a side box links)."""
    query = urlsplit(url).query
    return query.count("&") + 1 if query else 0


def _index_step(url: str) -> int:
    """1 where the address names its folder's index file (a static site's `/x/index.html` a box
    links beside the folder `/x/` the listing links): the folder is the page's own address."""
    return int(bool(_INDEX_STEP.search(urlsplit(url).path)))


def _without_index_step(url: str) -> str:
    return _INDEX_STEP.sub(lambda m: "" if m.group(1) else "/", url)


# (in a path, or in a whole address before its query; or the script's name before the path it serves)
_INDEX_STEP = re.compile(r"/(?:index|default)\.(?:html?|php|aspx?)(?:(?=[?#]|$)|(?=(/)))", re.I)


def _siblings(conn: sqlite3.Connection, url: str, aside: tuple) -> int:
    """How many archived articles (up to 100) are shaped like `url`: the same path before a query
    (`/portal/page/portal/hoavang/tintuc/tinhoatdong?...` beside `/portal/page?_pageid=...`), or the
    same folder where there is none (`/tin-tuc/x.html` beside `/print/x`). A range of the url index."""
    head, query, _ = url.partition("?")
    return _shaped_like(conn, head + "?" if query else head[:head.rfind("/") + 1], aside)


def _section_siblings(conn: sqlite3.Connection, url: str, aside: tuple) -> int:
    """How many archived articles (up to 100) are in the address's first folder: where each address is
    alone in its own (a date's folder: Composite C1's `/Tin-tuc-Su-kien/2023/01/30/<title>` beside the
    side box's `/Renderers/Page.aspx/2023/01/30/<title>`), the section the site's articles are kept in."""
    scheme, sep, rest = url.partition("://")
    host, slash, path = rest.partition("/")
    first, folder, _ = path.partition("/")
    return _shaped_like(conn, f"{scheme}{sep}{host}/{first}/", aside) if folder else 0


def _shaped_like(conn: sqlite3.Connection, prefix: str, aside: tuple) -> int:
    """Archived articles (up to 100) whose address opens with `prefix`, the two twin addresses aside
    (the one archived already would count for its own shape, or for its twin's). A range of the url index."""
    (count,) = conn.execute("SELECT count(*) FROM (SELECT 1 FROM articles WHERE url >= ? AND url < ? AND url NOT IN "
                            "(?, ?) LIMIT 100)", (prefix, prefix + "\U0010ffff", *aside)).fetchone()
    return count
