"""The archive writer: a separate process that extracts articles and writes the archive.

Scrapy is CPU-bound on one core; extraction and SQLite writes in the same process would slow
fetching to roughly half (../shared/NOTES.md). The crawl process only ships raw pages and fetch
records through a bounded queue (which also holds the crawl back if the writer falls behind);
this process owns the archive file for the run. If the crawl process dies (SIGKILL), the writer
notices its parent is gone, commits what it has and exits: the next run re-fetches the rest.

The crawl side never blocks Scrapy's reactor on a full queue: a page that does not fit waits in
a local FIFO and its item is held (a Deferred) until the writer has taken it. Held items keep
their responses in Scrapy's scraper slot, so Scrapy's own backout stops new downloads; a blocked
reactor instead would stall every response in flight, and AutoThrottle, reading that stall as
server latency, would slow the crawl far below what the writer can take.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import queue
import sys
import time
from collections import deque
from typing import TYPE_CHECKING

from scraper.extract import is_article
from scraper.extract.profile import site_of

from archive.store import REMOVED_STATUSES
from scraper import fetch_errors

if TYPE_CHECKING:
    from twisted.internet import defer

__all__ = ["ArchiveWriter", "WriterGone", "peak_rss_mb"]

# Pages go over in batches: one pickle, one pipe write and one wake-up of each side per batch
# instead of per page (per page, the hand-off cost the crawl process about a tenth of its CPU).
# 16 pages / 0.1 s: at 8 / 0.05 s the timer shipped most batches part-filled, and each batch costs
# the reactor thread a wake-up of the queue's feeder thread and a GIL hand-over (~2.5% of its CPU).
_BATCH_PAGES = 16
_BATCH_FETCHES = 50
_BATCH_SECONDS = 0.1  # a part-filled batch waits no longer than this
# bounded: backpressure, and memory stays flat whatever the portal's size (128 pages, as 16 x 8 before)
_QUEUE_BATCHES = 8
_IDLE_FLUSH_SECONDS = 1.0
# A writer waiting for pages commits after this much quiet: it must not sit on the archive's write
# lock while the crawl waits out a Crawl-delay, since other crawls share the file (40 writers that
# each held it ~1 s per page starved one another into "database is locked").
_IDLE_COMMIT_SECONDS = 0.05
_RETRY_SECONDS = 0.01  # how often held pages try the full queue again
_LIVENESS_SECONDS = 0.5  # a dead writer is noticed within this (a check per put would cost a syscall a page)


class WriterGone(RuntimeError):
    """The writer process died: the crawl must stop (what it did not archive, the next run fetches)."""


class ArchiveWriter:
    """Handle on the writer process, used from the crawl process (from Scrapy's reactor thread)."""

    def __init__(self, db_path: str, run_id: int, walk_origin: int | None = None) -> None:
        ctx = mp.get_context("spawn")  # the crawl process runs a reactor and threads: never fork it
        self.inbox = ctx.Queue(maxsize=_QUEUE_BATCHES)
        self.outbox = ctx.Queue()
        self.process = ctx.Process(target=_main, args=(db_path, run_id, walk_origin or run_id, self.inbox,
                                                       self.outbox, os.getpid()),
                                   name="portal-archive-writer", daemon=True)
        self.process.start()
        self._fetches: list[dict] = []
        self._pages: list[tuple] = []
        self._walk: list[tuple] = []  # (done URL or None, [(url, host, kind, meta) found]), in order
        self._flush_call = None  # the pending reactor call that ships a part-filled batch
        self._held: deque[tuple] = deque()  # batches behind a full queue, in order
        self._waiters: list[defer.Deferred] = []  # items held until the writer catches up
        self._gone: WriterGone | None = None
        self._checked = time.monotonic()

    def page(self, record: dict, body: bytes, content_type: str, fetched_at: str | None,
             family: str | None) -> defer.Deferred | None:
        """One raw article page: `record` is its URL plus the crawl's annotations (the writer extracts it).

        Never blocks. None when the page is on its way; when the writer is behind, a Deferred that
        fires once it has caught up (errback WriterGone if it died): the caller's item waits on it."""
        self._raise_if_gone()
        self._pages.append((record, body, content_type, fetched_at, family))
        self._flush(soon=len(self._pages) < _BATCH_PAGES)
        if not self._held:
            return None
        from twisted.internet.defer import Deferred  # the crawl side only (the writer runs no reactor)

        waiter: defer.Deferred = Deferred()
        self._waiters.append(waiter)
        return waiter

    def fetch(self, **record) -> None:
        self._raise_if_gone()
        self._fetches.append(record)
        self._flush(soon=len(self._fetches) < _BATCH_FETCHES)

    def walk(self, done: str | None, found: list[tuple] = ()) -> None:
        """A step of the crawl's walk: `done` finished, `found` (url, host, kind, meta) to do.

        Written after the batch's pages, in the order given: an article is done once its page is in."""
        self._raise_if_gone()
        self._walk.append((done, list(found)))
        self._flush(soon=len(self._walk) < _BATCH_FETCHES)

    def _flush(self, soon: bool = False) -> None:
        """Ship what is batched now, or (soon=True) within _BATCH_SECONDS."""
        if soon:
            if self._flush_call is None:
                self._flush_call = _reactor().callLater(_BATCH_SECONDS, self._flush_from_timer)
            return
        if self._flush_call is not None:
            if self._flush_call.active():
                self._flush_call.cancel()
            self._flush_call = None
        if self._fetches or self._pages or self._walk:
            # fetch records first: an article's fetch row is stored before the article
            batch = ("batch", self._fetches, self._pages, self._walk)
            self._fetches, self._pages, self._walk = [], [], []
            self._send(batch)

    def _flush_from_timer(self) -> None:
        self._flush_call = None
        try:
            self._flush()
        except WriterGone:
            pass  # kept in self._gone: the next page or fetch raises it, finish() reports it

    def _send(self, batch: tuple) -> None:
        if time.monotonic() - self._checked > _LIVENESS_SECONDS:
            self._check_alive()
        if not self._held:
            try:
                self.inbox.put_nowait(batch)
                return
            except queue.Full:
                self._check_alive()
        self._held.append(batch)
        if len(self._held) == 1:
            _reactor().callLater(_RETRY_SECONDS, self._retry)

    def _retry(self) -> None:
        try:
            while self._held:
                self.inbox.put_nowait(self._held[0])
                self._held.popleft()
        except queue.Full:
            try:
                self._check_alive()
            except WriterGone as gone:
                self._held.clear()
                self._release(gone)
                return
            _reactor().callLater(_RETRY_SECONDS, self._retry)
            return
        self._release(None)

    def _release(self, gone: WriterGone | None) -> None:
        waiters, self._waiters = self._waiters, []
        for waiter in waiters:
            if gone is None:
                waiter.callback(None)
            else:
                waiter.errback(gone)

    def _raise_if_gone(self) -> None:
        if self._gone is not None:
            raise self._gone

    def _check_alive(self) -> None:
        # A full queue normally means the writer is busy; it may also mean it died.
        self._checked = time.monotonic()
        if not self.process.is_alive():
            self._gone = WriterGone(self._death_reason())
            # what the queue's feeder thread still holds can never be written: do not wait for it at exit
            self.inbox.cancel_join_thread()
            raise self._gone

    def _death_reason(self) -> str:
        try:
            reason = self.outbox.get(timeout=1).get("error")  # the writer's last word, if it said one
        except (queue.Empty, OSError, ValueError, EOFError):
            reason = None
        return f"archive writer failed: {reason}" if reason else f"archive writer exited (code {self.process.exitcode})"

    def _put(self, message: tuple) -> None:
        """A blocking put, for the end of the run (the reactor has nothing left to do)."""
        while True:
            self._check_alive()
            try:
                self.inbox.put(message, timeout=2)
                return
            except queue.Full:
                continue

    def finish(self, summary: dict, timeout: float = 600, walked: set[str] | None = None) -> dict:
        """Send the crawl's own counts, wait for the writer to drain and store the run summary.

        `walked`: the hosts whose walk this run finished (their unfinished walk is cleared)."""
        if self._flush_call is not None and self._flush_call.active():
            self._flush_call.cancel()
        self._flush_call = None
        try:
            self._raise_if_gone()
            if self._fetches or self._pages or self._walk:
                self._held.append(("batch", self._fetches, self._pages, self._walk))
                self._fetches, self._pages, self._walk = [], [], []
            while self._held:
                self._put(self._held.popleft())
            self._release(None)
            self._put(("finish", summary, sorted(walked or ())))
        except WriterGone as gone:
            self._release(gone)
            return {**summary, "error": str(gone)}
        try:
            result = self.outbox.get(timeout=timeout)
        except queue.Empty:
            result = {"error": "did not finish"}
        self.process.join(timeout=30)
        if set(result) == {"error"}:  # the writer failed: what is still queued for it can never be written
            self.inbox.cancel_join_thread()
            return {**summary, "error": f"archive writer failed: {result['error']}"}
        return result

    def alive(self) -> bool:
        return self.process.is_alive()


def _reactor():
    from twisted.internet import reactor  # the one Scrapy installed

    return reactor


def peak_rss_mb() -> float | None:
    """This process's own peak resident size (VmHWM; ru_maxrss would count the parent's at fork)."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return None


# What a failed item is: its request ended in one of these (a page that is no article, or a URL
# robots.txt forbids, is the portal's choice, not a failure of the crawl).
_NOT_FAILURES = (fetch_errors.NOT_ARTICLE, fetch_errors.ROBOTS)
_MAX_FAILURES_LISTED = 1_000  # in the run summary; the fetches table has them all


class _Outcomes:
    """What the run's requests came to: fetch errors by kind, and the articles that failed (URL, kind, why)."""

    def __init__(self) -> None:
        self.errors: dict[str, int] = {}
        self.failed: dict[str, tuple[str, str]] = {}  # article URL -> (error kind, error) of its last answer
        self.fetched_ok = 0  # fetches answered with no HTTP error

    def fetch(self, record: dict) -> None:
        kind = record.get("error_kind")
        if record.get("status") is not None and record["status"] < 400:
            self.fetched_ok += 1
        if kind:
            self.errors[kind] = self.errors.get(kind, 0) + 1
        if record.get("kind") == "article":
            if kind and kind not in _NOT_FAILURES:
                self.failed[record["url"]] = (kind, record.get("error") or kind)
            else:
                self.failed.pop(record["url"], None)

    def page(self, url: str, kind: str | None, error: str | None = None) -> None:
        """An article page came to `kind` (None: archived)."""
        if kind:
            self.errors[kind] = self.errors.get(kind, 0) + 1
        if kind and kind not in _NOT_FAILURES:
            self.failed[url] = (kind, error or kind)
        else:
            self.failed.pop(url, None)

    def summary(self) -> dict:
        listed = [{"url": u, "kind": k, "error": e} for u, (k, e) in list(self.failed.items())[:_MAX_FAILURES_LISTED]]
        return {"errors": dict(sorted(self.errors.items())), "failed": len(self.failed), "failures": listed,
                "fetched_ok": self.fetched_ok}


def _record_fetch(archive, run_id: int, record: dict, counts: dict, outcomes: _Outcomes) -> None:
    archive.record_fetch(run_id, record["url"], record["status"], error=record.get("error"),
                         redirect_to=record.get("redirect_to"), kind=record.get("kind", "other"),
                         fetched_at=record.get("fetched_at"), elapsed=record.get("elapsed"),
                         error_kind=record.get("error_kind"))
    outcomes.fetch(record)
    if record.get("kind") == "article" and record["status"] in REMOVED_STATUSES:
        if archive.mark_removed(record["url"], when=record.get("fetched_at") or "",
                                reason=f"HTTP {record['status']}", run_id=run_id):
            counts["removed"] += 1


def _save_page(archive, run_id: int, extract_article, page: tuple, counts: dict, outcomes: _Outcomes,
               profiles=None) -> None:
    record, body, content_type, fetched_at, family = page
    url = record["url"]
    crawl_record = record  # the URL plus the crawl's annotations
    gathered = None
    site = site_of(url)
    profile = profiles.profile(site) if profiles is not None else None
    try:
        # the page itself is archived (raw_pages): the cleaned body HTML would not be kept
        article = extract_article(body, url, family=family, content_type=content_type or None,
                                  with_html=False, profile=profile)
    except Exception as exc:  # one bad page never stops the crawl
        counts["extract_errors"] += 1
        error = f"{type(exc).__name__}: {exc}"[:500]
        archive.fetch_failed(run_id, url, fetch_errors.EXTRACTION_FAILED, error)
        outcomes.page(url, fetch_errors.EXTRACTION_FAILED, error)
        print(f"portal-archive: extraction failed for {url}: {error}", file=sys.stderr)
        return
    if not is_article(article):
        counts["not_article"] += 1
        archive.fetch_failed(run_id, url, fetch_errors.NOT_ARTICLE, "no title or no body")
        outcomes.page(url, fetch_errors.NOT_ARTICLE)
        if archive.has_article(url):
            # an archived article answered by an empty or error page: the archived version stays
            counts["kept"] += 1
        else:
            archive.note_not_article(url, when=fetched_at, run_id=run_id)
        return
    record = {**article.to_dict(), **record}
    if profile is not None:
        profiles.fitted(site, article.profile_fit)
    elif profiles is not None:
        gathered = profiles.gathered(site, (body, url, content_type, family, crawl_record), record)
    record["url"] = url  # the URL the crawl knows it by: resume and incremental runs rely on it
    outcome = archive.save_article(record, raw_body=body, content_type=content_type or None,
                                   run_id=run_id, fetched_at=fetched_at)
    outcomes.page(url, None)
    counts[outcome] = counts.get(outcome, 0) + 1
    if gathered:
        _with_profile(archive, extract_article, profiles, gathered)


def _with_profile(archive, extract_article, profiles, pages: list[tuple]) -> None:
    """The pages a site's profile was just learned from, extracted again with it: a change is
    kept as a new version, as `reextract` keeps it (the run's counts are those of the first save)."""
    for body, url, content_type, family, crawl_record in pages:
        try:
            article = extract_article(body, url, family=family, content_type=content_type or None, with_html=False,
                                      profile=profiles.profile(site_of(url)))
        except Exception:  # saved already as first extracted
            continue
        if is_article(article):
            archive.save_article({**article.to_dict(), **crawl_record, "url": url}, provenance="reextract", observed=False)


def _main(db_path: str, run_id: int, walk_origin: int, inbox, outbox, parent_pid: int) -> None:
    import sqlite3

    from archive.schema import ArchiveError

    try:
        _write(db_path, run_id, walk_origin, inbox, outbox, parent_pid)
    except (ArchiveError, sqlite3.Error) as exc:
        # One line, and the reason for the crawl side: the crawl stops and exits non-zero with it.
        print(f"portal-archive: archive writer failed: {exc}", file=sys.stderr)
        outbox.put({"error": str(exc)})
        outbox.close()
        outbox.join_thread()
        sys.exit(1)


def _write(db_path: str, run_id: int, walk_origin: int, inbox, outbox, parent_pid: int) -> None:
    from archive.store import Archive
    from scraper.extract import extract_article
    from scraper.site_profiles import SiteProfiles

    # The pickled queue brought this process a copy of its write end too: with it open, a read that
    # the dead crawl left half-written would wait forever (holding the archive's write lock, if a
    # batch was open). Closed, the read ends with EOFError, taken as the crawl's death.
    inbox._writer.close()
    archive = Archive(db_path)
    profiles = SiteProfiles(archive, run_id)
    counts = {"new": 0, "updated": 0, "unchanged": 0, "not_article": 0, "extract_errors": 0, "removed": 0, "kept": 0}
    outcomes = _Outcomes()
    last_write = time.monotonic()
    try:
        while True:
            try:
                message = inbox.get(timeout=_IDLE_COMMIT_SECONDS)
            except (EOFError, OSError):
                return  # the crawl died mid-message: keep what is written, the next run resumes
            except queue.Empty:
                archive.flush()  # nothing is left uncommitted while the crawl waits (Crawl-delay)
                if time.monotonic() - last_write > _IDLE_FLUSH_SECONDS:
                    last_write = time.monotonic()
                    if os.getppid() != parent_pid:
                        return  # the crawl died: keep what is written, the next run resumes
                continue
            kind = message[0]
            if kind == "batch":
                for record in message[1]:
                    _record_fetch(archive, run_id, record, counts, outcomes)
                for page in message[2]:
                    _save_page(archive, run_id, extract_article, page, counts, outcomes, profiles)
                for done, found in message[3]:  # after the pages: an article is done once it is saved
                    archive.walk_step(run_id, walk_origin, done=done, found=found)
            elif kind == "finish":
                for pages in profiles.finish().values():  # sites with fewer pages than LEARN_PAGES
                    _with_profile(archive, extract_article, profiles, pages)
                summary = {**message[1], **counts, **outcomes.summary(), "writer_peak_mb": peak_rss_mb()}
                if message[2]:
                    archive.clear_walk(set(message[2]))
                archive.finish_run(run_id, summary)
                archive.flush()
                outbox.put(summary)
                return
            if time.monotonic() - last_write > _IDLE_FLUSH_SECONDS:
                archive.flush()
                last_write = time.monotonic()
    finally:
        archive.close()


# -- the port's other doors: what the crawl's orchestration asks of the archive -------------------

def check_archive(db_path: str) -> None:
    """Raise the archive's one-line error (NotAnArchive...) for a file that is no archive, before Scrapy starts."""
    from archive.schema import connect

    connect(db_path).close()


def snapshot_portal_run(db_path: str, portal: str, run_id: int | None, **outcome) -> dict:
    """One portal's run, as the orchestrator saw it (started_at, finished_at, exit_code, error,
    log_path), snapshotted into the archive's health table for `portal-archive health`."""
    from archive.health import snapshot_run

    return snapshot_run(db_path, portal, run_id, **outcome)
