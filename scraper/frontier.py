"""A portal's crawl state in memory that does not grow with the number of portals in flight.

With hundreds of portals crawled by one process, what each portal keeps per URL is what
bounds the machine: a Python set of URL strings costs ~150 bytes an entry (string and slot),
a queued `Request` ~1.5 KB. Here:

- `UrlSet`: URLs kept as 64-bit hashes in a sorted array (8 bytes each, plus a small set of
  recent additions merged in steps). A collision (two URLs of one portal sharing a 64-bit
  hash: about 1 in 10^11 for 100,000 URLs) would skip one article for one run, which the next
  `--full` run fetches.
- `CompactDupeFilter`: Scrapy's request fingerprint filter over such a set.
- `SpillingScheduler`: Scrapy's scheduler with its in-memory queue capped; requests beyond the
  cap go to Scrapy's own disk queue in a temporary directory removed when the crawl closes.
  A portal whose listings are walked at its Crawl-delay queues all of its article requests
  (10,000 on a large portal) before it can fetch them: that is what must not stay in memory.
"""
from __future__ import annotations

import shutil
import tempfile
from array import array
from bisect import bisect_left
from hashlib import blake2b
from typing import Iterable

from scrapy.core.scheduler import Scheduler
from scrapy.dupefilters import RFPDupeFilter

__all__ = ["CompactDupeFilter", "SpillingScheduler", "UrlSet", "url_hash"]

_MERGE_AT = 4096  # recent additions kept in a plain set until merged into the sorted array
# Requests a portal keeps queued in memory; the rest wait on disk. Listing pages and the next
# articles stay in memory; a portal queues beyond this only when its Crawl-delay holds it back.
QUEUE_IN_MEMORY = 256


def url_hash(text: str | bytes) -> int:
    data = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    return int.from_bytes(blake2b(data, digest_size=8).digest(), "little")


class UrlSet:
    """A set of URLs (or fingerprints) at ~8 bytes an entry: `in`, `add`, `|=`, `len`."""

    __slots__ = ("_sorted", "_recent")

    def __init__(self, items: Iterable[str] = ()) -> None:
        self._sorted = array("Q")
        self._recent: set[int] = set()
        self |= items

    def _merge(self) -> None:
        merged = sorted(set(self._sorted).union(self._recent))
        self._sorted = array("Q", merged)
        self._recent = set()

    def _has(self, key: int) -> bool:
        if key in self._recent:
            return True
        i = bisect_left(self._sorted, key)
        return i < len(self._sorted) and self._sorted[i] == key

    def __contains__(self, item) -> bool:
        return isinstance(item, (str, bytes)) and self._has(url_hash(item))

    def add(self, item: str | bytes) -> None:
        key = url_hash(item)
        if not self._has(key):
            self._recent.add(key)
            if len(self._recent) >= _MERGE_AT:
                self._merge()

    def __ior__(self, items: Iterable[str]) -> "UrlSet":
        for item in items:
            self.add(item)
        return self

    def __len__(self) -> int:
        return len(self._sorted) + len(self._recent)

    def __bool__(self) -> bool:
        return len(self) > 0

    def memory_bytes(self) -> int:
        return self._sorted.itemsize * len(self._sorted) + 64 * len(self._recent)


class CompactDupeFilter(RFPDupeFilter):
    """Scrapy's fingerprint filter (same fingerprints, same JOBDIR behaviour) with a compact set."""

    def __init__(self, path: str | None = None, debug: bool = False, *, fingerprinter=None) -> None:
        super().__init__(path, debug, fingerprinter=fingerprinter)
        if not path:  # a JOBDIR's file-backed filter: left as Scrapy keeps it
            self._fingerprints = UrlSet()


class SpillingScheduler(Scheduler):
    """Scrapy's scheduler, its memory queue capped at QUEUE_IN_MEMORY requests a portal."""

    @classmethod
    def from_crawler(cls, crawler):
        if crawler.settings.get("JOBDIR"):  # a resumable Scrapy job keeps its own queue: Scrapy's way
            return super().from_crawler(crawler)
        scheduler = super().from_crawler(crawler)
        scheduler.spill_dir = tempfile.mkdtemp(prefix="portal-archive-queue-")
        scheduler.dqdir = scheduler._dqdir(scheduler.spill_dir)
        scheduler.in_memory = crawler.settings.getint("PORTAL_ARCHIVE_QUEUE_IN_MEMORY", QUEUE_IN_MEMORY)
        return scheduler

    def enqueue_request(self, request) -> bool:
        if getattr(self, "spill_dir", None) is None:
            return super().enqueue_request(request)
        if not request.dont_filter and self.df.request_seen(request):
            self.df.log(request, self.spider)
            return False
        if len(self.mqs) >= self.in_memory and self._dqpush(request):
            self.stats.inc_value("scheduler/enqueued/disk")
        else:
            self._mqpush(request)
            self.stats.inc_value("scheduler/enqueued/memory")
        self.stats.inc_value("scheduler/enqueued")
        return True

    def close(self, reason: str):
        try:
            return super().close(reason)
        finally:
            if getattr(self, "spill_dir", None):
                shutil.rmtree(self.spill_dir, ignore_errors=True)
