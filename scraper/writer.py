"""The archive writer: a separate process that extracts articles and writes the archive.

Scrapy is CPU-bound on one core; extraction and SQLite writes in the same process would slow
fetching to roughly half (../shared/NOTES.md). The crawl process only ships raw pages and fetch
records through a bounded queue (which also holds the crawl back if the writer falls behind);
this process owns the archive file for the crawl process. A crawl process with many portals in
flight has one writer for all of them: batches carry pages and fetch records of any run, each
run's end is a message of its own answered with that run's summary. If the crawl process dies
(SIGKILL), the writer notices its parent is gone, commits what it has and exits: the next run
re-fetches the rest.

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

from scraper.extract import is_article, views_from_script
from scraper.items import VIEWS_ANSWER
from scraper.extract.profile import site_of

from archive.store import REMOVED_STATUSES
from scraper import fetch_errors

if TYPE_CHECKING:
    from twisted.internet import defer

__all__ = ["ArchiveWriter", "WriterGone", "check_archive", "exit_items_failed", "peak_rss_mb", "snapshot_portal_run",
           "stop_writers"]

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
_REPLY_POLL_SECONDS = 0.05  # how often a finishing run looks for its summary
# A writer's transaction holds the archive's write lock: with several crawl processes (one writer
# each), the health snapshots and WARC linking beside them, 5 s transactions starved the others
# past their 60 s busy timeout on a loaded machine (700 portals, 2 crawl processes). Short ones.
_COMMIT_SECONDS = 1.0
# Batches a writer that is behind takes from its queue at once (all the queue holds): one
# extraction pass and one commit for up to 128 pages. A commit a batch of 16 pages (with its
# full-text segment and the WAL checkpoint after it) cost 0.36 ms of CPU an article, 0.20 ms so
# (4 portals x 500 articles replayed into a writer: ~5% of its CPU). The write lock is still held
# for the writes only, never during extraction.
_JOIN_BATCHES = _QUEUE_BATCHES


class WriterGone(RuntimeError):
    """The writer process died: the crawl must stop (what it did not archive, the next run fetches)."""


class ArchiveWriter:
    """One crawl run's handle on the writer process of its crawl process (used from Scrapy's reactor thread).

    A crawl process keeps many portals in flight, each its own run: they share one writer process
    (`_WriterProcess.shared`), whose batches carry pages of any run; a writer process per portal
    cost ~60 MB each (150 MB a portal with its crawl process before), which 700 portals cannot pay."""

    def __init__(self, db_path: str, run_id: int, walk_origin: int | None = None) -> None:
        self.run_id = run_id
        self.walk_origin = walk_origin or run_id  # the run whose walk this one carries on
        self.hub = _WriterProcess.shared(db_path)
        self.process = self.hub.process

    def page(self, record: dict, body: bytes, content_type: str, fetched_at: str | None,
             family: str | None) -> defer.Deferred | None:
        """One raw article page: `record` is its URL plus the crawl's annotations (the writer extracts it).

        Never blocks. None when the page is on its way; when the writer is behind, a Deferred that
        fires once it has caught up (errback WriterGone if it died): the caller's item waits on it."""
        return self.hub.page((self.run_id, record, body, content_type, fetched_at, family))

    def fetch(self, **record) -> None:
        record["run_id"] = self.run_id
        self.hub.fetch(record)

    def walk(self, done: str | None, found: list[tuple] = ()) -> None:
        """A step of the crawl's walk: `done` finished, `found` (url, host, kind, meta) to do.

        Written after the batch's pages, in the order given: an article is done once its page is in."""
        self.hub.walk((self.run_id, self.walk_origin, done, list(found)))

    def finish(self, summary: dict, timeout: float = 600, walked: set[str] | None = None) -> defer.Deferred:
        """Send the crawl's own counts; a Deferred firing with the run summary once the writer has
        stored everything of this run (the other runs of the process go on meanwhile).

        `walked`: the hosts whose walk this run finished (their unfinished walk is cleared)."""
        return self.hub.finish(self.run_id, summary, timeout, sorted(walked or ()))

    def alive(self) -> bool:
        return self.process.is_alive()


class _WriterProcess:
    """The writer process of a crawl process and the batching, backpressure and replies around it."""

    _running: dict[str, "_WriterProcess"] = {}

    @classmethod
    def shared(cls, db_path: str) -> "_WriterProcess":
        """The crawl process's writer for this archive, started on first use (one per process and file)."""
        writer = cls._running.get(db_path)
        if writer is None or writer._gone is not None or not writer.process.is_alive():
            writer = cls._running[db_path] = cls(db_path)
        return writer

    @classmethod
    def stop_all(cls, timeout: float = 60) -> None:
        """At the end of the crawl process: let each writer commit and exit."""
        for writer in list(cls._running.values()):
            writer.stop(timeout)
        cls._running.clear()

    def __init__(self, db_path: str) -> None:
        ctx = mp.get_context("spawn")  # the crawl process runs a reactor and threads: never fork it
        self.inbox = ctx.Queue(maxsize=_QUEUE_BATCHES)
        self.outbox = ctx.Queue()
        self.process = ctx.Process(target=_main, args=(db_path, self.inbox, self.outbox, os.getpid()),
                                   name="portal-archive-writer", daemon=True)
        self.process.start()
        self._fetches: list[dict] = []
        self._pages: list[tuple] = []
        self._walk: list[tuple] = []  # (run, walk origin, done URL or None, [(url, host, kind, meta) found]), in order
        self._flush_call = None  # the pending reactor call that ships a part-filled batch
        self._held: deque[tuple] = deque()  # batches behind a full queue, in order
        self._waiters: list[defer.Deferred] = []  # items held until the writer catches up
        self._gone: WriterGone | None = None
        self._checked = time.monotonic()
        self._finishing: dict[int, tuple] = {}  # run id -> (Deferred, deadline, summary sent)
        self._reader = None  # the reactor loop reading finished runs' summaries

    def page(self, page: tuple) -> defer.Deferred | None:
        self._raise_if_gone()
        self._pages.append(page)
        self._flush(soon=len(self._pages) < _BATCH_PAGES)
        if not self._held:
            return None
        from twisted.internet.defer import Deferred  # the crawl side only (the writer runs no reactor)

        waiter: defer.Deferred = Deferred()
        self._waiters.append(waiter)
        return waiter

    def fetch(self, record: dict) -> None:
        self._raise_if_gone()
        self._fetches.append(record)
        self._flush(soon=len(self._fetches) < _BATCH_FETCHES)

    def walk(self, step: tuple) -> None:
        self._raise_if_gone()
        self._walk.append(step)
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
        """The writer's last word (a dict with its error, behind any runs' summaries), if it said one."""
        reason = None
        try:
            while reason is None:
                reply = self.outbox.get(timeout=1)
                if isinstance(reply, dict):
                    reason = reply.get("error")
                else:
                    self._replied(*reply)
        except (queue.Empty, OSError, ValueError, EOFError):
            pass
        return f"archive writer failed: {reason}" if reason else f"archive writer exited (code {self.process.exitcode})"

    def _replied(self, run_id: int, result: dict) -> None:
        entry = self._finishing.pop(run_id, None)
        if entry is not None:
            entry[0].callback(result)

    def finish(self, run_id: int, summary: dict, timeout: float, walked: list[str]) -> defer.Deferred:
        """Queue the run's end behind its pages (in order, never blocking the reactor); a Deferred of its summary."""
        from twisted.internet.defer import Deferred, succeed

        try:
            self._raise_if_gone()
            self._flush()
            self._send(("finish", run_id, summary, walked))
        except WriterGone as gone:
            return succeed({**summary, "error": str(gone)})
        done: defer.Deferred = Deferred()
        self._finishing[run_id] = (done, time.monotonic() + timeout, summary)
        if self._reader is None:
            from twisted.internet import task

            self._reader = task.LoopingCall(self._read_replies)
            self._reader.start(_REPLY_POLL_SECONDS, now=False)
        return done

    def _read_replies(self) -> None:
        failed = None
        while True:
            try:
                reply = self.outbox.get_nowait()
            except (queue.Empty, OSError, ValueError, EOFError):
                break
            if isinstance(reply, dict):  # the writer failed: its error, then it exits
                failed = f"archive writer failed: {reply.get('error')}"
            else:
                self._replied(*reply)
        now = time.monotonic()
        alive = self.process.is_alive() and failed is None
        for run_id, (done, deadline, summary) in list(self._finishing.items()):
            if not alive or now > deadline:
                del self._finishing[run_id]
                error = failed or (f"archive writer exited (code {self.process.exitcode})" if not alive else
                                   "archive writer did not finish")
                if not alive:
                    self.inbox.cancel_join_thread()  # what is still queued for it can never be written
                done.callback({**summary, "error": error})
        if not self._finishing and self._reader is not None:
            self._reader.stop()
            self._reader = None

    def stop(self, timeout: float = 60) -> None:
        """No run left: the writer commits and exits (blocking: the reactor has stopped)."""
        if self.process.is_alive():
            try:
                self.inbox.put(("stop",), timeout=timeout)
            except queue.Full:
                pass
            self.process.join(timeout=timeout)
        if self.process.is_alive():
            self.process.terminate()


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


def stop_writers() -> None:
    """The crawl process is done with the archive: its writer processes commit and exit."""
    _WriterProcess.stop_all()


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


def _record_fetch(archive, record: dict, counts: dict, outcomes: _Outcomes) -> None:
    run_id = record["run_id"]
    archive.record_fetch(run_id, record["url"], record["status"], error=record.get("error"),
                         redirect_to=record.get("redirect_to"), kind=record.get("kind", "other"),
                         fetched_at=record.get("fetched_at"), elapsed=record.get("elapsed"),
                         error_kind=record.get("error_kind"))
    outcomes.fetch(record)
    if record.get("kind") == "article" and record["status"] in REMOVED_STATUSES:
        if archive.mark_removed(record["url"], when=record.get("fetched_at") or "",
                                reason=f"HTTP {record['status']}", run_id=run_id):
            counts["removed"] += 1


def _extract(extract_article, page: tuple, profiles=None) -> tuple:
    """(profile used, article or None, exception or None) of a page: the CPU-bound part of saving it,
    done before the batch's writes (see _write)."""
    _, record, body, content_type, _, family = page
    profile = profiles.profile(site_of(record["url"])) if profiles is not None else None
    try:
        # the page itself is archived (raw_pages): the cleaned body HTML would not be kept
        article = extract_article(body, record["url"], family=family, content_type=content_type or None,
                                  with_html=False, profile=profile)
    except Exception as exc:  # one bad page never stops the crawl
        return profile, None, exc
    if article.views is None and record.get(VIEWS_ANSWER) is not None:
        # the count the page left to a script, as the script answered the crawl (spiders/portal.py);
        # a later re-extraction of the page alone finds none, and an archived count is never erased
        article.views = views_from_script(record[VIEWS_ANSWER])
    return profile, article, None


def _save_page(archive, extract_article, page: tuple, counts: dict, outcomes: _Outcomes,
               profiles=None, extracted: tuple | None = None) -> None:
    run_id, record, body, content_type, fetched_at, family = page
    url = record["url"]
    crawl_record = {k: v for k, v in record.items() if k != VIEWS_ANSWER}  # the URL plus the crawl's annotations
    gathered = None
    site = site_of(url)
    if extracted is None or (profiles is not None and profiles.profile(site) is not extracted[0]):
        extracted = _extract(extract_article, page, profiles)  # (a profile learned since: with it)
    profile, article, exc = extracted
    if exc is not None:
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
    record = {**article.to_dict(), **crawl_record}
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
    archive.flush()  # extracted with no write lock held (other crawl processes' writers share the file)
    again = []
    for body, url, content_type, family, crawl_record in pages:
        try:
            article = extract_article(body, url, family=family, content_type=content_type or None, with_html=False,
                                      profile=profiles.profile(site_of(url)))
        except Exception:  # saved already as first extracted
            continue
        if is_article(article):
            again.append({**article.to_dict(), **crawl_record, "url": url})
    for record in again:
        archive.save_article(record, provenance="reextract", observed=False)


def _new_counts() -> dict:
    return {"new": 0, "updated": 0, "unchanged": 0, "not_article": 0, "extract_errors": 0, "removed": 0, "kept": 0}


def _main(db_path: str, inbox, outbox, parent_pid: int, join_batches: int = _JOIN_BATCHES) -> None:
    import sqlite3

    from archive.schema import ArchiveError

    try:
        _write(db_path, inbox, outbox, parent_pid, join_batches)
    except (ArchiveError, sqlite3.Error) as exc:
        # One line, and the reason for the crawl side: the crawl stops and exits non-zero with it.
        print(f"portal-archive: archive writer failed: {exc}", file=sys.stderr)
        outbox.put({"error": str(exc)})
        outbox.close()
        outbox.join_thread()
        sys.exit(1)


def _joined(batch: tuple, inbox, most: int) -> tuple[list[tuple], tuple | None]:
    """The batch and the batches queued behind it (up to `most` in all), in order; and the message
    that ended the join (None if the queue ran dry). A writer behind the crawl then extracts them
    all, and commits (and checkpoints, and adds a full-text segment) once, instead of once a batch."""
    batches = [batch]
    while len(batches) < most:
        try:
            message = inbox.get_nowait()
        except (queue.Empty, EOFError, OSError):
            break  # a dead crawl: what was joined is written, the next get ends the writer
        if message[0] != "batch":
            return batches, message
        batches.append(message)
    return batches, None


def _write(db_path: str, inbox, outbox, parent_pid: int, join_batches: int = _JOIN_BATCHES) -> None:
    from archive.store import Archive
    from scraper.extract import extract_article
    from scraper.site_profiles import SiteProfiles

    # The pickled queue brought this process a copy of its write end too: with it open, a read that
    # the dead crawl left half-written would wait forever (holding the archive's write lock, if a
    # batch was open). Closed, the read ends with EOFError, taken as the crawl's death.
    inbox._writer.close()
    archive = Archive(db_path, batch_seconds=_COMMIT_SECONDS)
    counts: dict[int, dict] = {}  # per run: the runs of every portal the crawl process has in flight
    outcomes: dict[int, _Outcomes] = {}
    profiles: dict[int, SiteProfiles] = {}  # per run, as a crawl by hand learns them

    def run_profiles(run_id: int) -> SiteProfiles:
        if run_id not in profiles:
            profiles[run_id] = SiteProfiles(archive, run_id)
        return profiles[run_id]

    def run_state(run_id: int) -> tuple[dict, _Outcomes]:
        if run_id not in counts:
            counts[run_id], outcomes[run_id] = _new_counts(), _Outcomes()
        return counts[run_id], outcomes[run_id]

    last_write = time.monotonic()
    following = None  # a message taken from the queue while joining batches, handled next
    try:
        while True:
            if following is not None:
                message, following = following, None
            else:
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
                batches, following = _joined(message, inbox, join_batches)
                # Extraction first, with no write transaction open: a writer that extracted inside its
                # transaction held the archive's write lock most of the time, and the other crawl
                # process's writer waited for it (700 portals, 2 processes: one writer at 2% of a core
                # while the other worked).
                archive.flush()
                extracted = [[_extract(extract_article, page, run_profiles(page[0])) for page in batch[2]]
                             for batch in batches]
                # then each batch's writes as if it came alone (a page extracted before a profile of
                # its site was learned or dropped by an earlier batch is extracted again: _save_page)
                for (_, fetches, pages, walk), done_pages in zip(batches, extracted):
                    for record in fetches:
                        _record_fetch(archive, record, *run_state(record["run_id"]))
                    for page, done in zip(pages, done_pages):
                        _save_page(archive, extract_article, page, *run_state(page[0]), run_profiles(page[0]), done)
                    for run_id, origin, done, found in walk:  # after the pages: an article is done once it is saved
                        archive.walk_step(run_id, origin, done=done, found=found)
            elif kind == "finish":
                run_id = message[1]
                run_profile = profiles.pop(run_id, None)
                if run_profile is not None:
                    for pages in run_profile.finish().values():  # sites with fewer pages than LEARN_PAGES
                        _with_profile(archive, extract_article, run_profile, pages)
                run_counts, run_outcomes = run_state(run_id)
                del counts[run_id], outcomes[run_id]
                summary = {**message[2], **run_counts, **run_outcomes.summary(), "writer_peak_mb": peak_rss_mb()}
                if message[3]:
                    archive.clear_walk(set(message[3]))
                archive.finish_run(run_id, summary)
                archive.flush()
                outbox.put((run_id, summary))
            elif kind == "stop":
                archive.flush()
                return
            if time.monotonic() - last_write > _IDLE_FLUSH_SECONDS:
                archive.flush()
                last_write = time.monotonic()
    finally:
        archive.close()


# -- the port's other doors: what the crawl's orchestration asks of the archive -------------------

def exit_items_failed() -> int:
    """The exit code of a run some of whose articles failed: the archive's health report tells a
    partial run from a failed one by it, so the crawl's verdict gives the same number."""
    from archive.schedule import EXIT_ITEMS_FAILED

    return EXIT_ITEMS_FAILED


def check_archive(db_path: str) -> None:
    """Raise the archive's one-line error (NotAnArchive...) for a file that is no archive, before Scrapy starts."""
    from archive.schema import connect

    connect(db_path).close()


def snapshot_portal_run(db_path: str, portal: str, run_id: int | None, **outcome) -> dict:
    """One portal's run, as the orchestrator saw it (started_at, finished_at, exit_code, error,
    log_path), snapshotted into the archive's health table for `portal-archive health`."""
    from archive.health import snapshot_run

    return snapshot_run(db_path, portal, run_id, **outcome)
