"""The archive writer: a separate process that extracts articles and writes the archive.

Scrapy is CPU-bound on one core; extraction and SQLite writes in the same process would slow
fetching to roughly half (../shared/NOTES.md). The crawl process only ships raw pages and fetch
records through a bounded queue (which also holds the crawl back if the writer falls behind);
this process owns the archive file for the run. If the crawl process dies (SIGKILL), the writer
notices its parent is gone, commits what it has and exits: the next run re-fetches the rest.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import queue
import sys
import time

__all__ = ["ArchiveWriter", "WriterGone"]

_QUEUE_PAGES = 64  # bounded: backpressure, and memory stays flat whatever the portal's size
_IDLE_FLUSH_SECONDS = 1.0


class WriterGone(RuntimeError):
    """The writer process died: the crawl must stop (what it did not archive, the next run fetches)."""


class ArchiveWriter:
    """Handle on the writer process, used from the crawl process."""

    def __init__(self, db_path: str, run_id: int) -> None:
        ctx = mp.get_context("spawn")  # the crawl process runs a reactor and threads: never fork it
        self.inbox = ctx.Queue(maxsize=_QUEUE_PAGES)
        self.outbox = ctx.Queue()
        self.process = ctx.Process(target=_main, args=(db_path, run_id, self.inbox, self.outbox, os.getpid()),
                                   name="portal-archive-writer", daemon=True)
        self.process.start()
        self._fetches: list[tuple] = []

    def page(self, record: dict, body: bytes, content_type: str, fetched_at: str | None, family: str | None,
             extracted: bool) -> None:
        """One article page: `record` is the extracted article, or (extracted=False) the URL plus annotations."""
        self._flush_fetches()
        self._put(("page", record, body, content_type, fetched_at, family, extracted))

    def fetch(self, **record) -> None:
        # fetch records are small and many: shipped in batches
        self._fetches.append(record)
        if len(self._fetches) >= 50:
            self._flush_fetches()

    def _flush_fetches(self) -> None:
        if self._fetches:
            batch, self._fetches = self._fetches, []
            self._put(("fetches", batch))

    def _put(self, message: tuple) -> None:
        # A full queue normally means the writer is busy; a dead writer would block the reactor forever.
        while True:
            if not self.process.is_alive():
                raise WriterGone(f"archive writer exited (code {self.process.exitcode})")
            try:
                self.inbox.put(message, timeout=2)
                return
            except queue.Full:
                continue

    def finish(self, summary: dict, timeout: float = 600) -> dict:
        """Send the crawl's own counts, wait for the writer to drain and store the run summary."""
        try:
            self._flush_fetches()
            self._put(("finish", summary))
        except WriterGone as gone:
            return {**summary, "error": str(gone)}
        try:
            result = self.outbox.get(timeout=timeout)
        except queue.Empty:
            result = {**summary, "error": "archive writer did not finish"}
        self.process.join(timeout=30)
        return result

    def alive(self) -> bool:
        return self.process.is_alive()


def _peak_rss_mb() -> float | None:
    """This process's own peak resident size (VmHWM; ru_maxrss would count the parent's at fork)."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return None


def _main(db_path: str, run_id: int, inbox, outbox, parent_pid: int) -> None:
    from archive.store import Archive
    from scraper.extract import extract_article

    archive = Archive(db_path)
    counts = {"new": 0, "updated": 0, "unchanged": 0, "not_article": 0, "extract_errors": 0, "removed": 0}
    last_write = time.monotonic()
    try:
        while True:
            try:
                message = inbox.get(timeout=_IDLE_FLUSH_SECONDS)
            except queue.Empty:
                archive.flush()  # nothing is left uncommitted while the crawl waits (Crawl-delay)
                if os.getppid() != parent_pid:
                    return  # the crawl died: keep what is written, the next run resumes
                continue
            kind = message[0]
            if kind == "page":
                _, record, body, content_type, fetched_at, family, extracted = message
                url = record["url"]
                if not extracted:
                    try:
                        article = extract_article(body, url, family=family)
                    except Exception as exc:  # one bad page never stops the crawl
                        counts["extract_errors"] += 1
                        print(f"portal-archive: extraction failed for {url}: {type(exc).__name__}: {exc}", file=sys.stderr)
                        continue
                    if not (article.title and article.body):
                        counts["not_article"] += 1
                        continue
                    record = {**article.to_dict(), **record}
                record["url"] = url  # the URL the crawl knows it by: resume and incremental runs rely on it
                outcome = archive.save_article(record, raw_body=body, content_type=content_type or None,
                                               run_id=run_id, fetched_at=fetched_at)
                counts[outcome] = counts.get(outcome, 0) + 1
            elif kind == "fetches":
                for record in message[1]:
                    archive.record_fetch(run_id, record["url"], record["status"], error=record.get("error"),
                                         redirect_to=record.get("redirect_to"), kind=record.get("kind", "other"),
                                         fetched_at=record.get("fetched_at"), elapsed=record.get("elapsed"))
                    if record.get("kind") == "article" and record["status"] in (404, 410):
                        if archive.mark_removed(record["url"], when=record.get("fetched_at") or "",
                                                reason=f"HTTP {record['status']}", run_id=run_id):
                            counts["removed"] += 1
            elif kind == "finish":
                summary = {**message[1], **counts, "writer_peak_mb": _peak_rss_mb()}
                summary["failed"] = summary.get("failed", 0) + counts["extract_errors"]
                archive.finish_run(run_id, summary)
                archive.flush()
                outbox.put(summary)
                return
            if time.monotonic() - last_write > _IDLE_FLUSH_SECONDS:
                archive.flush()
                last_write = time.monotonic()
    finally:
        archive.close()
