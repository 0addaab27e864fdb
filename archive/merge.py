"""Merging shards into the main archive: a queue worker's archive file, its WARC files and media.

A shard is an archive a crawl wrote on another machine (or in another directory), starting empty:
its articles are replayed into the main archive through the store's own save path
(`Archive.save_article`), so versions, view counts, raw pages, the search indexes and the
new/updated/unchanged verdicts come out as if the crawl had written the main archive itself. Runs
get new ids; fetches, captures, media and health snapshots follow them. WARC files and media files
are copied beside the main archive.

Safe to repeat: each shard is recorded in `merged_shards` (schema m016) by its id and a hash of its
content, in the same transactions as its rows. A shard already merged is skipped; a merge killed
midway resumes after the last chunk of articles it committed; files are copied before the rows
that point to them, each under a temporary name first.

A worker's shard holds one run per portal, and that is what the merge replays faithfully. An
archive of several runs can be merged too, but as its latest state: each article's earlier versions
and its current one with the last run's view count and raw page, not every earlier view count or
raw page.

The archive never sees HTML: this module moves rows and files only.
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
import sqlite3
import time
import zlib
from dataclasses import asdict, dataclass, field

from archive import health, schema
from archive.fields import FIELD, RECORD_FIELDS, VERSIONED_FIELDS
from archive.merge_files import MergeError, copy_media, copy_warcs
from archive.store import REMOVED_STATUSES, Archive, decompress, utc_now

__all__ = ["MergeError", "MergeResult", "TABLE_RULES", "merge_shard", "rule_for", "shard_fingerprint",
           "SHARD_ID_KEY"]

SHARD_ID_KEY = "shard_id"  # archive_meta key a queue worker writes into its shard
# Articles committed per transaction: a killed merge loses at most one chunk's work.
CHUNK_ARTICLES = 500

# Every table of an archive and how a shard's rows reach the main archive: the one list to extend
# when a table is added (tests/crawl/test_distributed.py fails on a table that is in no rule).
#   store: written by Archive.save_article / note_not_article while replaying the shard's articles
#   runs: crawl_runs, inserted with new ids (the map every other rule uses)
#   append: copied as new rows, run ids mapped
#   per_article: copied with each article (captures by URL; article media replaced as a re-save does)
#   keyed: INSERT OR IGNORE on the table's own key (media by sha256)
#   profiles: site profiles the shard's runs learned, kept through Archive.save_site_profile (one
#             the job brought from the main archive, with no run, is the main archive's already)
#   snapshots: portal_runs, measured again in the main archive once the articles are in
#   none: the archive's own bookkeeping, never merged
TABLE_RULES: dict[str, str] = {
    "articles": "store", "article_versions": "store", "view_counts": "store", "images": "store",
    "attachments": "store", "raw_pages": "store", "sites": "store", "not_articles": "store",
    "articles_fts": "store", "titles_fts": "store", "search_impacts": "store",  # (before m032)
    "search_terms": "store",
    "search_pending": "store", "search_stale": "store",
    "crawl_runs": "runs",
    "fetches": "append",
    "captures": "per_article", "article_media": "per_article",
    "media": "keyed", "shared_canonicals": "keyed",
    "article_aliases": "per_article",
    "site_profiles": "profiles",
    "portal_runs": "snapshots",
    "archive_meta": "none", "merged_shards": "none", "_sqlite_migrations": "none", "sqlite_stat1": "none",
    "legacy_articles": "none", "legacy_articles_imported": "none",
    # a shard's unfinished walk is its own crawl's: a job run again starts from its portal's start URLs
    "crawl_walk": "none",
}


def rule_for(table: str) -> str | None:
    """The rule of a table (FTS5 shadow tables follow their index), or None for a table no rule names."""
    if table in TABLE_RULES:
        return TABLE_RULES[table]
    for index in ("articles_fts", "titles_fts"):
        if table.startswith(index + "_"):
            return TABLE_RULES[index]
    return None


@dataclass
class MergeResult:
    shard: str
    shard_id: str
    content_hash: str
    skipped: bool = False  # merged before: nothing done
    resumed: bool = False  # an earlier merge of it was killed midway
    articles: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    runs: dict[int, int] = field(default_factory=dict)  # shard run id -> main run id
    snapshots: list[dict] = field(default_factory=list)  # health rows written (per portal)
    files: int = 0
    seconds: float = 0.0

    def to_dict(self) -> dict:
        return asdict(self)


def _tables(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]


# Asked once per copied table per article otherwise (~7% of a merge's time); the schema does not
# change during a merge. The cache holds its connections, a handful per merge.
@functools.lru_cache(maxsize=64)
def _columns(conn: sqlite3.Connection, table: str) -> tuple[str, ...]:
    return tuple(r[1] for r in conn.execute(f"PRAGMA table_info({table})"))


def _open_shard(path: str) -> sqlite3.Connection:
    if not os.path.isfile(path):
        raise MergeError(f"{path}: no such shard file")
    try:
        conn = schema.connect(path, readonly=True)
        names = set(_tables(conn))
    except sqlite3.DatabaseError as exc:
        raise MergeError(f"{path}: not an archive ({exc})") from None
    if not {"articles", "crawl_runs", "fetches"} <= names:
        raise MergeError(f"{path}: not an archive (no articles, crawl_runs or fetches table)")
    # an empty table no rule names loses nothing; one with rows would be left behind
    unknown = sorted(t for t in names if rule_for(t) is None and conn.execute(f"SELECT 1 FROM {t} LIMIT 1").fetchone())
    if unknown:
        raise MergeError(f"{path}: tables this version cannot merge: {', '.join(unknown)} (upgrade portal-archive)")
    return conn


def shard_fingerprint(conn: sqlite3.Connection) -> str:
    """A hash of a shard's rows (raw page bodies by their sha256, search indexes left out): equal
    shards hash equal whatever file they sit in; a shard crawled into again hashes differently."""
    digest = hashlib.sha256()
    for table in _tables(conn):
        if rule_for(table) in ("none", None) or table.startswith(("articles_fts", "titles_fts", "search_")):
            continue
        columns = [c for c in _columns(conn, table) if not (table == "raw_pages" and c == "body")]
        digest.update(f"\x1e{table}\x1f{','.join(columns)}".encode())
        # WITHOUT ROWID tables have no rowid, and are read in primary key order anyway
        order = " ORDER BY rowid" if _has_rowid(conn, table) else ""
        for row in conn.execute(f"SELECT {', '.join(columns)} FROM {table}{order}"):
            digest.update(repr(row).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


@functools.lru_cache(maxsize=64)
def _has_rowid(conn: sqlite3.Connection, table: str) -> bool:
    (sql,) = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()
    return "WITHOUT ROWID" not in (sql or "").upper()


def _shard_id(conn: sqlite3.Connection, content_hash: str) -> str:
    row = conn.execute("SELECT value FROM archive_meta WHERE key = ?", (SHARD_ID_KEY,)).fetchone()
    return row[0] if row and row[0] else f"sha256:{content_hash[:16]}"


# -- rows --------------------------------------------------------------------------------------------

def _copy_rows(src: sqlite3.Connection, dest: sqlite3.Connection, table: str, run_map: dict[int, int],
               where: str = "", params: tuple = (), verb: str = "INSERT") -> int:
    """Copy rows of `table` (columns both sides have, no integer id), run ids mapped to the main archive's."""
    dest_columns = set(_columns(dest, table))
    columns = [c for c in _columns(src, table) if c in dest_columns and c != "id"]
    if not columns:
        return 0
    marks = ", ".join("?" for _ in columns)
    run_at = columns.index("run_id") if "run_id" in columns else None
    count = 0
    order = " ORDER BY rowid" if _has_rowid(src, table) else ""
    for row in src.execute(f"SELECT {', '.join(columns)} FROM {table} {where}{order}", params):
        row = list(row)
        if run_at is not None and row[run_at] is not None:
            row[run_at] = run_map.get(row[run_at])
        dest.execute(f"{verb} INTO {table} ({', '.join(columns)}) VALUES ({marks})", row)
        count += 1
    return count


def _record(src: sqlite3.Connection, art: dict) -> dict:
    """The article as extraction handed it to the store (what save_article takes)."""
    record = {k: art[k] for k in RECORD_FIELDS if FIELD[k].stored == "articles" and k != "views"}
    record["images"] = [dict(zip(("url", "caption", "alt"), r)) for r in src.execute(
        "SELECT url, caption, alt FROM images WHERE article_id = ? ORDER BY position", (art["id"],))]
    record["attachments"] = [dict(zip(("url", "name"), r)) for r in src.execute(
        "SELECT url, name FROM attachments WHERE article_id = ? ORDER BY position", (art["id"],))]
    if art["body_html_z"]:
        record["body_html"] = zlib.decompress(art["body_html_z"]).decode("utf-8")
    if art["extra"]:
        record.update(json.loads(art["extra"]))
    views = src.execute("SELECT views FROM view_counts WHERE article_id = ? AND run_id IS ? ORDER BY id DESC LIMIT 1",
                        (art["id"], art["last_run_id"])).fetchone()
    record["views"] = views[0] if views else None  # only a count this run saw makes a view_counts row
    return record


def _earlier_versions(src: sqlite3.Connection, article_id: int, site: str) -> list[tuple[dict, dict]]:
    """(record, row) of each earlier version the shard holds (an article changed within one shard's runs)."""
    cur = src.execute("SELECT * FROM article_versions WHERE article_id = ? ORDER BY version", (article_id,))
    names = [d[0] for d in cur.description]
    out = []
    for row in cur.fetchall():
        v = dict(zip(names, row))
        record = {k: v[k] for k in VERSIONED_FIELDS}
        record.update(url=None, site=site, views=None, images=json.loads(v["images"] or "[]"),
                      attachments=json.loads(v["attachments"] or "[]"))
        out.append((record, v))
    return out


def _merge_article(src: sqlite3.Connection, archive: Archive, art: dict, run_map: dict[int, int],
                   outcomes: dict) -> None:
    mapped = run_map.get(art["last_run_id"]) if art["last_run_id"] is not None else None
    # the other addresses it was fetched by (m025): the main archive may know it by one of them
    aliases = src.execute("SELECT url, first_seen, run_id FROM article_aliases WHERE article_id = ? ORDER BY rowid",
                          (art["id"],)).fetchall() if _has(src, "article_aliases") else []
    address = {"url": aliases[0][0], "canonical": art["url"]} if aliases else {"url": art["url"]}
    for record, version in _earlier_versions(src, art["id"], art["site"]):
        record.update(address)
        archive.save_article(record, run_id=run_map.get(version["run_id"]), fetched_at=version["first_seen"],
                             provenance=version["provenance"] or art["provenance"] or "live")
    raw = src.execute("SELECT body, compression, content_type FROM raw_pages WHERE article_id = ? "
                      "ORDER BY id DESC LIMIT 1", (art["id"],)).fetchone()
    outcome = archive.save_article({**_record(src, art), **address}, raw_body=decompress(raw[0], raw[1]) if raw else None,
                                   content_type=raw[2] if raw else None, run_id=mapped,
                                   fetched_at=art["last_seen"], provenance=art["provenance"] or "live")
    counts = outcomes.setdefault(str(mapped), {})
    counts[outcome] = counts.get(outcome, 0) + 1
    for url, first_seen, run_id in aliases[1:]:
        archive.add_alias(url, art["url"], first_seen=first_seen, run_id=run_map.get(run_id))
    if art["removed_at"]:
        archive.mark_removed(art["url"], when=art["removed_at"], reason=art["removed_reason"] or "", run_id=mapped)
    conn = archive.conn
    _copy_rows(src, conn, "captures", run_map, "WHERE url = ?", (art["url"],))
    if src.execute("SELECT 1 FROM article_media WHERE article_url = ? LIMIT 1", (art["url"],)).fetchone():
        conn.execute("DELETE FROM article_media WHERE article_url = ?", (art["url"],))  # as a re-save replaces them
        _copy_rows(src, conn, "article_media", run_map, "WHERE article_url = ?", (art["url"],), verb="INSERT OR REPLACE")


def _has(conn: sqlite3.Connection, table: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (table,)).fetchone() is not None


def _first_step(src: sqlite3.Connection, archive: Archive, shard_id: str, content_hash: str,
                source: str) -> tuple[dict[int, int], dict]:
    """Runs, fetches, pages that were not articles and media rows, with the shard's ledger row: one transaction."""
    conn = archive.conn
    run_map: dict[int, int] = {}
    names = _columns(src, "crawl_runs")
    for row in src.execute(f"SELECT {', '.join(names)} FROM crawl_runs ORDER BY id").fetchall():
        old = dict(zip(names, row))
        copy = {k: v for k, v in old.items() if k != "id" and k in set(_columns(conn, "crawl_runs"))}
        cur = conn.execute(f"INSERT INTO crawl_runs ({', '.join(copy)}) VALUES ({', '.join('?' for _ in copy)})",
                           list(copy.values()))
        run_map[old["id"]] = cur.lastrowid
    _copy_rows(src, conn, "fetches", run_map)
    outcomes: dict = {}
    for url, status, fetched_at, run_id in src.execute(
            "SELECT url, status, fetched_at, run_id FROM fetches WHERE kind = 'article' AND status IN "
            f"({', '.join(str(s) for s in REMOVED_STATUSES)}) ORDER BY id"):
        mapped = run_map.get(run_id)
        if archive.mark_removed(url, when=fetched_at or "", reason=f"HTTP {status}", run_id=mapped):
            counts = outcomes.setdefault(str(mapped), {})
            counts["removed"] = counts.get("removed", 0) + 1
    if _has(src, "not_articles"):
        for url, last_seen, run_id in src.execute("SELECT url, last_seen, run_id FROM not_articles ORDER BY rowid"):
            archive.note_not_article(url, when=last_seen, run_id=run_map.get(run_id))
    for table in ("media", "shared_canonicals"):
        if _has(src, table):
            _copy_rows(src, conn, table, run_map, verb="INSERT OR IGNORE")
    conn.execute("INSERT INTO merged_shards(shard_id, content_hash, source, started_at, articles_done, run_map, "
                 "outcomes) VALUES (?, ?, ?, ?, 0, ?, ?)",
                 (shard_id, content_hash, source, utc_now(), json.dumps(run_map), json.dumps(outcomes)))
    return run_map, outcomes


def _last_step(src: sqlite3.Connection, archive: Archive, shard_id: str, content_hash: str,
               run_map: dict[int, int], outcomes: dict, merged_urls_where: str) -> list[dict]:
    """Captures of URLs that are no article, run summaries with the main archive's verdicts, learned
    site profiles, health snapshots measured in the main archive, and the ledger row marked finished:
    one transaction."""
    conn = archive.conn
    _copy_rows(src, conn, "captures", run_map, merged_urls_where)
    for old_id, new_id in run_map.items():
        (text,) = src.execute("SELECT summary FROM crawl_runs WHERE id = ?", (old_id,)).fetchone()
        summary = json.loads(text) if text else None
        if summary is None:
            continue  # a run that never finished stays unfinished
        counts = outcomes.get(str(new_id), {})
        summary.update({k: counts.get(k, 0) for k in ("new", "updated", "unchanged")})
        summary["removed"] = int(summary.get("removed") or 0) + counts.get("removed", 0)
        summary["run_id"] = new_id
        conn.execute("UPDATE crawl_runs SET summary = ? WHERE id = ?",
                     (json.dumps(summary, ensure_ascii=False, default=str), new_id))
    if _has(src, "site_profiles"):
        for site, profile, pages, run_id in src.execute("SELECT site, profile, pages, run_id FROM site_profiles "
                                                        "WHERE run_id IS NOT NULL ORDER BY rowid").fetchall():
            archive.save_site_profile(site, profile, pages=pages or 0, run_id=run_map.get(run_id))
    snapshots = []
    if _has(src, "portal_runs"):
        cur = src.execute("SELECT portal, run_id, started_at, finished_at, exit_code, error, log_path "
                          "FROM portal_runs ORDER BY id")
        for portal, run_id, started_at, finished_at, exit_code, error, log_path in cur.fetchall():
            row = health.snapshot_row(conn, portal, run_map.get(run_id) if run_id is not None else None,
                                      started_at=started_at, finished_at=finished_at, exit_code=exit_code or 0,
                                      error=error, log_path=log_path)
            health.insert_snapshot(conn, row)
            snapshots.append(row)
    conn.execute("UPDATE merged_shards SET finished_at = ? WHERE shard_id = ? AND content_hash = ?",
                 (utc_now(), shard_id, content_hash))
    return snapshots


def merge_shard(db_path: str, shard_path: str, *, media_dir: str | None = None, warc_dir: str | None = None,
                shard_media_dir: str | None = None, shard_warc_dir: str | None = None,
                chunk_articles: int = CHUNK_ARTICLES, progress=None) -> MergeResult:
    """Merge one shard (its archive file at `shard_path`) into the archive at `db_path`.

    Media and WARC directories default to those beside each file (`<db>.media`, `<db>.warcs`).
    `progress(result)` is called after each committed transaction.
    """
    started = time.monotonic()
    progress = progress or (lambda result: None)
    src = _open_shard(shard_path)
    try:
        src.row_factory = None
        content_hash = shard_fingerprint(src)
        shard_id = _shard_id(src, content_hash)
        result = MergeResult(shard=os.path.abspath(shard_path), shard_id=shard_id, content_hash=content_hash)
        if os.path.abspath(shard_path) == os.path.abspath(db_path):
            raise MergeError(f"{shard_path} is the archive itself")
        archive = Archive(db_path, batch_size=1 << 30, batch_seconds=float("inf"))  # commits are ours: per chunk
        try:
            conn = archive.conn
            ledger = conn.execute("SELECT finished_at FROM merged_shards WHERE shard_id = ? AND content_hash = ?",
                                  (shard_id, content_hash)).fetchone()
            if ledger is not None and ledger[0]:
                result.skipped = True
                return result
            # files first: rows never point to a file not yet in place
            result.files = copy_media(shard_media_dir or f"{shard_path}.media", media_dir or f"{db_path}.media")
            result.files += copy_warcs(shard_warc_dir or f"{shard_path}.warcs", warc_dir or f"{db_path}.warcs")
            conn.execute("BEGIN IMMEDIATE")
            ledger = conn.execute("SELECT finished_at, articles_done, run_map, outcomes FROM merged_shards "
                                  "WHERE shard_id = ? AND content_hash = ?", (shard_id, content_hash)).fetchone()
            if ledger is None:
                run_map, outcomes = _first_step(src, archive, shard_id, content_hash, result.shard)
                done = 0
                archive.flush()
                progress(result)
            elif ledger[0]:  # another merge finished it meanwhile
                archive.flush()
                result.skipped = True
                return result
            else:
                archive.flush()
                result.resumed = True
                done = ledger[1] or 0
                run_map = {int(k): v for k, v in json.loads(ledger[2]).items()}
                outcomes = json.loads(ledger[3] or "{}")
            result.runs = run_map
            names = _columns(src, "articles")
            while True:
                rows = src.execute(f"SELECT {', '.join(names)} FROM articles WHERE id > ? ORDER BY id LIMIT ?",
                                   (done, chunk_articles)).fetchall()
                if not rows:
                    break
                for row in rows:
                    _merge_article(src, archive, dict(zip(names, row)), run_map, outcomes)
                done = rows[-1][names.index("id")]
                conn.execute("UPDATE merged_shards SET articles_done = ?, outcomes = ? WHERE shard_id = ? "
                             "AND content_hash = ?", (done, json.dumps(outcomes), shard_id, content_hash))
                archive.flush()
                result.articles += len(rows)
                progress(result)
            conn.execute("BEGIN IMMEDIATE")
            result.snapshots = _last_step(src, archive, shard_id, content_hash, run_map, outcomes,
                                          "WHERE url NOT IN (SELECT url FROM articles)")
            archive.flush()
            for counts in outcomes.values():
                for key in ("new", "updated", "unchanged"):
                    setattr(result, key, getattr(result, key) + counts.get(key, 0))
        finally:
            archive.close()
    finally:
        src.close()
    result.seconds = round(time.monotonic() - started, 3)
    progress(result)
    return result
