"""Crawl health, per portal and per run, in plain SQL over the archive.

After each crawl run of a portal, `record_portal_run` takes a snapshot of what the run brought
in (new/updated/unchanged, fetches and fetch errors, and the share of its articles that have
each field) into `portal_runs`. A snapshot, not a view: a later crawl or a `reextract` changes
the articles' fields, and the usual level of a field must be the one each run really saw.

`portal_health` judges each portal's latest run against its earlier ones. A portal is broken
when its run fetched nothing or mostly failed (the portal is down, moved or blocks us), found
no article although earlier runs did (the listing layout changed), saw a field's coverage fall
well below its usual level (the article layout changed: the silent failure this exists for),
or brought no new article for `stale_days` days.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta, timezone

from archive.schedule import EXIT_ITEMS_FAILED
from archive.schema import connect, writing

__all__ = ["FIELDS", "PortalHealth", "record_portal_run", "snapshot_run", "snapshot_row",
           "insert_snapshot", "portal_health", "portal_names", "portal_runs", "health_report"]

# Field name -> SQL that is true when an `articles` row (alias a) has it. Each is counted into a
# `with_<name>` column of portal_runs: a new field needs its column added by a migration (archive.schema).
FIELDS: dict[str, str] = {
    "title": "coalesce(trim(a.title), '') <> ''",
    "date": "coalesce(a.published, '') <> ''",
    # articles.views keeps the last count seen when a page stops showing one; view_counts
    # rows exist only for counts the run itself saw.
    "views": "EXISTS (SELECT 1 FROM view_counts v WHERE v.article_id = a.id AND v.run_id = a.last_run_id)",
    "body": "coalesce(trim(a.body), '') <> ''",
    "captions": ("EXISTS (SELECT 1 FROM images i WHERE i.article_id = a.id "
                 "AND coalesce(trim(i.caption), '') <> '')"),
    # extracted with the site's learned profile and still fitting it (pages extracted before a
    # profile was learned count as fitting): a redesign makes this share fall
    "profile": "coalesce(json_extract(a.extra, '$.profile_fit'), 1) >= 0.5",  # 0.5: scraper.extract.profile.FITS
}
# A field "fell" when its share drops to at most this fraction of its usual share...
FIELD_DROP_RATIO = 0.5
# ...and only fields a portal usually has count (a portal without view counters is not broken).
FIELD_USUAL_MIN = 0.3
# Coverage of fewer articles than this is noise (an incremental run may bring one article).
MIN_ARTICLES = 3
# The usual level is pooled over this many earlier runs that had articles.
BASELINE_RUNS = 5
# More than this share of failed fetches is a portal that is down or blocking us.
FAILING_SHARE = 0.5


def _run_metrics(conn: sqlite3.Connection, run_id: int) -> dict:
    """What crawl run `run_id` brought in, from the archive's own tables."""
    shares = ", ".join(f"coalesce(sum({sql}), 0) AS with_{name}" for name, sql in FIELDS.items())
    cursor = conn.execute(
        f"SELECT count(*) AS articles, {shares} FROM articles a "
        "WHERE a.last_run_id = ? AND a.removed_at IS NULL", [run_id])
    metrics = dict(zip([d[0] for d in cursor.description], cursor.fetchone()))
    fetches, errors = conn.execute(
        "SELECT count(*), coalesce(sum(status IS NULL OR status >= 400), 0) FROM fetches WHERE run_id = ?",
        [run_id],
    ).fetchone()
    metrics.update(fetches=fetches, fetch_errors=errors)
    summary_row = conn.execute("SELECT summary FROM crawl_runs WHERE id = ?", [run_id]).fetchone()
    summary = {}
    if summary_row and summary_row[0]:
        try:
            summary = json.loads(summary_row[0]) or {}
        except ValueError:
            summary = {}
    new_sql = conn.execute("SELECT count(*) FROM articles a WHERE a.last_run_id = ? AND a.first_run_id = ?",
                           [run_id, run_id]).fetchone()[0]
    metrics["new"] = _int(summary.get("new"), new_sql)
    metrics["updated"] = _int(summary.get("updated"), 0)
    metrics["unchanged"] = _int(summary.get("unchanged"), max(0, metrics["articles"] - metrics["new"] - metrics["updated"]))
    # Articles the listings showed but an incremental run did not fetch again still prove the
    # listing works: they count as found.
    skipped = sum(_int(summary.get(k), 0) for k in ("known", "skipped", "skipped_known"))
    metrics["found"] = max(metrics["articles"], metrics["new"] + metrics["updated"] + metrics["unchanged"]) + skipped
    return metrics


def _int(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def record_portal_run(conn: sqlite3.Connection, portal: str, run_id: int | None, *,
                      started_at: str, finished_at: str, exit_code: int = 0,
                      error: str | None = None, log_path: str | None = None) -> dict:
    """Snapshot one portal's run into `portal_runs`; return the row written."""
    with writing(conn):
        return _record(conn, portal, run_id, started_at=started_at, finished_at=finished_at, exit_code=exit_code,
                       error=error, log_path=log_path)


def _record(conn: sqlite3.Connection, portal: str, run_id: int | None, **details) -> dict:
    row = snapshot_row(conn, portal, run_id, **details)
    insert_snapshot(conn, row)
    return row


def snapshot_row(conn: sqlite3.Connection, portal: str, run_id: int | None, *, started_at: str, finished_at: str,
                 exit_code: int = 0, error: str | None = None, log_path: str | None = None) -> dict:
    """The `portal_runs` row of one portal's run, measured now from the archive's tables (nothing written)."""
    row = {"portal": portal, "run_id": run_id, "started_at": started_at, "finished_at": finished_at,
           "exit_code": exit_code, "error": error, "log_path": log_path}
    if run_id is not None:
        row.update(_run_metrics(conn, run_id))
    return row


def insert_snapshot(conn: sqlite3.Connection, row: dict) -> None:
    """Write a `snapshot_row` inside the caller's transaction (a shard merge commits it with its other rows)."""
    columns = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    conn.execute(f"INSERT INTO portal_runs ({columns}) VALUES ({marks})", list(row.values()))


def snapshot_run(db_path: str, portal: str, run_id: int | None, **details) -> dict:
    """`record_portal_run` on the archive file at `db_path`, waiting out a crawl still writing to it."""
    conn = connect(db_path)
    try:
        return record_portal_run(conn, portal, run_id, **details)
    finally:
        conn.close()


def portal_names(conn: sqlite3.Connection) -> list[str]:
    """Every portal with a recorded run, sorted."""
    return [r[0] for r in conn.execute("SELECT DISTINCT portal FROM portal_runs ORDER BY portal")]


def portal_runs(conn: sqlite3.Connection, portal: str | None = None, limit: int | None = None) -> list[dict]:
    """Snapshots, newest first."""
    sql = "SELECT * FROM portal_runs" + (" WHERE portal = ?" if portal else "") + " ORDER BY id DESC"
    if limit:
        sql += f" LIMIT {int(limit)}"
    cursor = conn.execute(sql, [portal] if portal else [])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r)) for r in cursor.fetchall()]


@dataclass
class PortalHealth:
    portal: str
    last_run: str | None
    run_id: int | None
    new: int
    updated: int
    unchanged: int
    fetches: int
    fetch_errors: int
    articles: int
    coverage: dict[str, float | None]
    usual: dict[str, float | None]
    last_new_at: str | None
    problems: list[str] = field(default_factory=list)
    # the same problems as {"code", facts...}: what the web pages word in the reader's language
    problem_codes: list[dict] = field(default_factory=list)
    fields_fell: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict:
        return {**asdict(self), "ok": self.ok}

    def problem(self, code: str, text: str, *, first: bool = False, **facts) -> None:
        """Record a problem: its English line (CLI, JSON, notifications) and its code and facts."""
        at = 0 if first else len(self.problems)
        self.problems.insert(at, text)
        self.problem_codes.insert(at, {"code": code, **facts})


def _coverage(row: dict) -> dict[str, float | None]:
    n = row.get("articles") or 0
    return {name: (round((row.get(f"with_{name}") or 0) / n, 3) if n else None) for name in FIELDS}


def _usual(earlier: list[dict]) -> dict[str, float | None]:
    pooled = [r for r in earlier if (r.get("articles") or 0) > 0][:BASELINE_RUNS]
    total = sum(r["articles"] for r in pooled)
    if total < MIN_ARTICLES:
        return {name: None for name in FIELDS}
    return {name: round(sum(r.get(f"with_{name}") or 0 for r in pooled) / total, 3) for name in FIELDS}


def _parse_time(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


@dataclass
class _History:
    """What a verdict needs of a portal's past: a handful of index lookups, however long the past."""

    last: dict
    earlier_with_articles: list[dict]
    earlier_found: bool
    last_new_at: str | None
    first_started_at: str | None


def _rows(conn: sqlite3.Connection, sql: str, args: list) -> list[dict]:
    cursor = conn.execute(sql, args)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r)) for r in cursor.fetchall()]


def _history(conn: sqlite3.Connection, portal: str) -> _History | None:
    last = _rows(conn, "SELECT * FROM portal_runs WHERE portal = ? ORDER BY id DESC LIMIT 1", [portal])
    if not last:
        return None
    last_id = last[0]["id"]
    earlier = _rows(conn, "SELECT * FROM portal_runs WHERE portal = ? AND id < ? AND articles > 0 "
                          f"ORDER BY id DESC LIMIT {BASELINE_RUNS}", [portal, last_id])
    found = conn.execute("SELECT 1 FROM portal_runs WHERE portal = ? AND id < ? AND found > 0 LIMIT 1",
                         [portal, last_id]).fetchone()
    new = conn.execute("SELECT finished_at FROM portal_runs WHERE portal = ? AND new > 0 ORDER BY id DESC LIMIT 1",
                       [portal]).fetchone()
    first = conn.execute("SELECT started_at FROM portal_runs WHERE portal = ? ORDER BY id LIMIT 1", [portal]).fetchone()
    return _History(last=last[0], earlier_with_articles=earlier, earlier_found=found is not None,
                    last_new_at=new[0] if new else None, first_started_at=first[0] if first else None)


def _judge(history: _History, stale_days: int | None, now: datetime) -> PortalHealth:
    last = history.last
    coverage, usual = _coverage(last), _usual(history.earlier_with_articles)
    last_new_at = history.last_new_at
    health = PortalHealth(
        portal=last["portal"], last_run=last.get("finished_at"), run_id=last.get("run_id"),
        new=last.get("new") or 0, updated=last.get("updated") or 0, unchanged=last.get("unchanged") or 0,
        fetches=last.get("fetches") or 0, fetch_errors=last.get("fetch_errors") or 0,
        articles=last.get("articles") or 0, coverage=coverage, usual=usual, last_new_at=last_new_at,
    )
    if last.get("run_id") is None:
        reason = last.get("error") or f"exit code {last.get('exit_code')}"
        health.problem("did_not_run", f"crawl did not run: {reason}", reason=reason)
        return health
    if health.fetches == 0:
        health.problem("nothing_fetched", "nothing fetched: the portal is down or unreachable")
    elif health.fetch_errors / health.fetches > FAILING_SHARE:
        health.problem("failing_fetches", f"mostly failing fetches: {health.fetch_errors} of {health.fetches} failed",
                       failed=health.fetch_errors, total=health.fetches)
    elif (last.get("found") or 0) == 0 and history.earlier_found:
        health.problem("no_articles", "no articles found, though earlier runs found some: listing layout changed?")
    if health.articles >= MIN_ARTICLES:
        for name in FIELDS:
            before, now_share = usual[name], coverage[name]
            if before is not None and before >= FIELD_USUAL_MIN and now_share <= before * FIELD_DROP_RATIO:
                health.fields_fell.append(name)
        if health.fields_fell:
            detail = ", ".join(f"{n} {usual[n]:.0%}→{coverage[n]:.0%}" for n in health.fields_fell)
            health.problem("fields_fell", f"field coverage fell: {detail}", detail=detail)
    if stale_days:
        since = _parse_time(last_new_at) or _parse_time(history.first_started_at)
        if since is not None and now - since > timedelta(days=stale_days):
            health.problem("stale", f"no new article in {stale_days} days (last new: {last_new_at or 'never'})",
                           days=stale_days, last=last_new_at)
    # articles that failed are counted in the fetch errors above; the crawl itself did not fail
    if last.get("exit_code") not in (None, 0, EXIT_ITEMS_FAILED):  # named first: what followed from it comes after
        reason = last.get('error') or f"exit code {last['exit_code']}"
        health.problem("crawl_failed", f"crawl failed: {reason}", first=True, reason=reason)
    return health


def portal_health(conn: sqlite3.Connection, *, stale_days: int | None = 30,
                  now: datetime | None = None, portals: list[str] | None = None) -> list[PortalHealth]:
    """The verdict on every portal's latest run, sorted by portal name."""
    now = now or datetime.now(timezone.utc)
    names = portals if portals is not None else portal_names(conn)
    histories = [h for h in (_history(conn, name) for name in names) if h is not None]
    return sorted((_judge(h, stale_days, now) for h in histories), key=lambda h: h.portal)


def health_report(results: list[PortalHealth]) -> dict:
    """The JSON document `health --format json` prints and `--notify` posts."""
    broken = [h.portal for h in results if not h.ok]
    return {
        "ok": not broken,
        "portals": len(results),
        "broken": broken,
        "generated_at": datetime.now(timezone.utc).replace(microsecond=0).isoformat(),
        "results": [h.to_dict() for h in results],
    }
