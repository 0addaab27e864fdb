"""WARC in: articles from WARC/ARC files made by any crawler (wget, Heritrix, Browsertrix, Common Crawl).

One pass over the files (warcio's iterator; ARC records are read as WARC). Each page capture is
read once and extracted (in worker processes for big inputs) while the files are still being
read: pages not yet known as articles are also read for article links (the `ArticlePicker`; the
results in flight are taken in first, so a listing's links are known before the articles after
it are sent off); bodies and records are spooled to a temporary file. At the end, the captures that are articles (linked
from a listing, or every page with a title, a body and a date when the files hold no listing)
are handed out oldest first from the spool. (Two passes, reading and decompressing every
article record twice, ran at 26% of the rate of extraction alone.)

`revisit` records (an unchanged re-fetch, written instead of a payload already archived) are
resolved to their original's payload as replay tools do (WARC 1.1, 6.7: the original named by
WARC-Refers-To-Target-URI + WARC-Refers-To-Date when it is in the files, else the first record read
with the same WARC-Payload-Digest): a revisit of a page is a capture of that page under its own
URL, in time order like any other; a revisit of an image or attachment is that file, so every
article showing it gets it linked. A revisit whose original is in none of the files may refer to a
capture the archive holds (`archived`: a later crawl's WARC imported after an earlier one's); one
found nowhere (a WARC split in parts and imported alone) is reported with its offset, and an
article showing it does not wait for it. (The crawl's own WARC writer stores every repeated payload as a revisit: the bench's
portal, one image on every article, had 1 `article_media` row for 2,000 articles, and 744 of them
held back until the end of the import, waiting for images that never came.)

Bad input is bounded and on record:
- a record that is well formed but unusable (a target URI that is no URI, e.g. `../../etc/x`;
  a record over `max_record` bytes; a page inflating past `max_page` bytes, such as a gzip
  bomb) is skipped, counted and reported with its offset, and the import reads on;
- a truncated or corrupt file stops at the broken record: what came before it is imported,
  and the break is reported with the record's offset.
"""
from __future__ import annotations

import contextlib
import io
import os
import pickle
import re
import zlib
from collections import deque
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecordLoader
from warcio.timeutils import iso_date_to_datetime

from scraper.captures import ArticlePicker, Capture, canonical, extract_record, has_article, is_page, links_and_record
from scraper.warc_files import digest_matches
from scraper.workers import BARRIER, Spool, Spooled, Workers, ordered_map

__all__ = ["WarcImport", "Breakage", "Skipped", "MAX_PAGE_BYTES", "MAX_RECORD_BYTES"]

_PAGE_TYPES = ("response", "resource")
# a scheme, then no white space or control characters: garbage parsed as a header fails this
_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20\x7f]*$")
_PRINTABLE = re.compile(r"^[\x21-\x7e]+$")
# below this, starting extraction processes costs more than it saves
_PARALLEL_FROM_BYTES = 16_000_000
# The largest district portal pages seen are a few MB; 20 MB of HTML is no article page. A
# 1,600-byte WARC whose payload inflates to 200 MB took an unbounded import to 7.5 GB.
MAX_PAGE_BYTES = 20_000_000
# images and attachments are kept whole (content-addressed files), up to this size
MAX_RECORD_BYTES = 200_000_000
_SNIFF = 512
# Images and attachments up to this size are copied to the spool as the pass reads them (warcio
# decompresses their payload then anyway, to reach the next record); a larger one is read again
# from its file when an article needs it. Reading each image again (a new iterator at its offset,
# its headers parsed, its payload inflated a second time) was ~5% of the importing process's time.
_SPOOLED_FILE_AT_MOST = 4_000_000
# article captures waiting for their images to be read (records only, bodies are in the spool)
_READY_AT_MOST = 1000
# The pass reads records with `no_record_parse` and has this loader parse the HTTP headers of the
# records that need them (responses, revisits): a request record's HTTP headers were a quarter of
# warcio's header parsing, the largest cost of reading a crawler's WARC, and are never used.
_HTTP_LOADER = ArcWarcRecordLoader(verify_http=False)


@dataclass(slots=True)
class Breakage:
    """Where a file stopped being readable."""

    path: str
    offset: int
    reason: str
    records_before: int

    def line(self) -> str:
        return (f"{os.path.basename(self.path)}: broken record at offset {self.offset} ({self.reason}); "
                f"{self.records_before} records before it were read")


@dataclass(slots=True)
class Skipped:
    """A record left out, the import reading on past it."""

    path: str
    offset: int
    reason: str

    def line(self) -> str:
        return f"{os.path.basename(self.path)} @ {self.offset}: {self.reason}"

    def as_dict(self) -> dict:
        return {"file": os.path.basename(self.path), "offset": self.offset, "reason": self.reason}


@dataclass(slots=True)
class _Location:
    path: str
    offset: int
    content_type: str
    pointer: dict
    # the body in the spool: a file read in the pass (up to _SPOOLED_FILE_AT_MOST), or the archive's
    # copy of a revisit's payload; None: read from the record when needed
    spooled: Spooled | None = None


@dataclass(slots=True)
class _Page:
    """A page capture read in the pass: where its body and record are in the spool."""

    url: str
    captured_at: str
    location: _Location
    pointer: dict
    spooled: Spooled | None = None  # where the body is in the spool (a revisit's: its original's)
    record_at: Spooled | None = None  # the article record (pickled), once extracted and set aside
    done: bool = False  # handed out already
    cut: bool = False  # in a record the file ends inside of


class _SkipRecord(Exception):
    pass


@dataclass
class WarcImport:
    """Reads WARC/ARC files; `scan()` first, then `articles()` and `media_body()`."""

    paths: list[str]
    family: str | None = None
    workers: int | None = None  # extraction processes; None: 2 for big inputs on a multi-core machine
    links_from_articles: bool = False  # see ArticlePicker
    # what the archive already holds captured at a URL, as (body, content type) pairs: a revisit
    # whose original is in none of the files may refer to a capture imported or crawled before
    archived: Callable[[str], Iterable[tuple[bytes, str | None]]] | None = None
    max_page: int = MAX_PAGE_BYTES
    max_record: int = MAX_RECORD_BYTES
    picker: ArticlePicker = field(init=False)
    breakages: list[Breakage] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    unresolved: list[Skipped] = field(default_factory=list)  # revisits whose original is in none of the files
    records: int = 0
    warnings: int = 0
    held_back: int = 0  # article captures that waited for their images until the end of the files

    def __post_init__(self) -> None:
        if self.workers is None:
            big = sum(os.path.getsize(p) for p in self.paths) > _PARALLEL_FROM_BYTES
            self.workers = min(2, os.cpu_count() or 1) if big else 1
        self.picker = ArticlePicker(self.family, workers=1, links_from_articles=self.links_from_articles)
        self._pages: list[_Page] = []
        # what a revisit may refer to: every 200 capture by payload digest (the first) and by
        # (canonical URL, capture time)
        self._by_digest: dict[str, _Location | _Page] = {}
        self._by_capture: dict[tuple[str, str], _Location | _Page] = {}
        # non-page captures (images, attachments) by canonical URL; None: captured, but only as a
        # revisit of a payload in none of the files
        self._other: dict[str, _Location | None] = {}
        self._handles: dict[str, object] = {}
        self._spool = Spool()  # bodies, read by the extraction processes from here too
        # one set of extraction processes for the pass and the end (started when first needed)
        self._workers = Workers(self.workers, self._spool) if self.workers > 1 else 1
        self._scanned = False
        self._deferred: set[str] = set()  # URLs with a capture kept for the end: all of theirs wait
        self._last_out: dict[str, str] = {}  # URL -> capture time last handed out
        self._last_read: dict[str, int] = {}  # file -> offset of the last record read
        self._finished: set[str] = set()  # files read through

    def readable(self) -> bool:
        """Does any file begin with a readable record? (When none does, the breaks are recorded.)"""
        breaks = []
        for path in self.paths:
            try:
                with open(path, "rb") as f, contextlib.redirect_stderr(io.StringIO()):
                    record = next(iter(ArchiveIterator(f, arc2warc=True)))
                    _checked_target(record)
                return True
            except _SkipRecord:  # a well formed record, if a useless one
                return True
            except StopIteration:  # an empty file: nothing to import, nothing broken
                continue
            except Exception as exc:  # warcio raises several kinds; all mean "not a WARC/ARC file"
                breaks.append(Breakage(path, 0, _reason(exc), 0))
        self.breakages.extend(breaks)
        return not breaks

    # -- the pass ---------------------------------------------------------------------------
    def scan(self) -> None:
        """Read the files through, keeping every capture for `articles()` (and breakages, skips)."""
        try:
            for _ in self._pass(early=False):
                pass
        finally:
            self._close_workers()
        self._scanned = True

    def _pass(self, early: bool) -> Iterator[tuple[Capture, dict]]:
        """Read, link and extract every page; with `early`, hand out the article captures that
        can go at once (linked when read, in time order for their URL, the file read past
        them): a crawler's WARC, listings before articles, is then imported as it is read."""
        # warcio prints its own warnings (bad lengths, odd URIs) to stderr: they are counted here,
        # and a file that is really broken is reported once, as a Breakage
        noise = io.StringIO()
        ready: deque[tuple[_Page, dict]] = deque()
        try:
            with contextlib.redirect_stderr(noise):
                for page, (links, record, asked) in ordered_map(links_and_record, self._jobs(), self._workers,
                                                                spool=self._spool):
                    self.picker.add_links(links)
                    if asked and record is None:  # extraction failed: the page is no article
                        page.spooled = None
                        continue
                    if early and asked and self._may_go_now(page, record):
                        ready.append((page, record))
                    else:
                        self._defer(page, record)
                    while ready and self._read_past(ready[0][0]) and self._media_read(*ready[0]):
                        page, record = ready.popleft()
                        if not page.cut:
                            yield self._hand_out(page, record)
                    if len(ready) > _READY_AT_MOST:  # its images are far on, or never captured: it waits
                        self.held_back += 1
                        self._defer(*ready.popleft())
            for page, record in ready:  # every file is read through now
                self.held_back += not self._media_known(record)
                if not page.cut:
                    yield self._hand_out(page, record)
        finally:
            self.warnings += sum(1 for line in noise.getvalue().splitlines() if line.strip())

    def _may_go_now(self, page: _Page, record: dict) -> bool:
        url = canonical(page.url)
        return (self.picker.listings_seen > 0 and url in self.picker.linked and url not in self._deferred
                and page.captured_at >= self._last_out.get(url, "") and has_article(record, False))

    def _read_past(self, page: _Page) -> bool:
        location = page.location
        return location.path in self._finished or self._last_read.get(location.path, -1) > location.offset

    def _media_read(self, page: _Page, record: dict) -> bool:
        """Are the article's images and attachments read (or the whole file)? They are kept with it."""
        return page.location.path in self._finished or self._media_known(record)

    def _media_known(self, record: dict) -> bool:
        return all(canonical(m.get("url") or "") in self._other
                   for key in ("images", "attachments") for m in record.get(key) or [])

    def _defer(self, page: _Page, record: dict | None) -> None:
        """The capture goes at the end (`_the_rest`); so do the later captures of its URL."""
        if record is not None:
            page.record_at = self._spool.write(pickle.dumps(record, pickle.HIGHEST_PROTOCOL))
        self._deferred.add(canonical(page.url))

    def _hand_out(self, page: _Page, record: dict) -> tuple[Capture, dict]:
        page.done = True
        self._last_out[canonical(page.url)] = page.captured_at
        body = self._spool.read(page.spooled)
        return Capture(page.url, page.captured_at, 200, page.location.content_type, body,
                       f"warc:{page.pointer['warc_file']}", page.pointer), record

    def _jobs(self):
        """Each page with whether to read it for links: not when a listing already linked it as an
        article. Before deciding that for a page not linked yet, every result in flight is taken in
        (a barrier), so a listing's links are known before the articles after it are sent off."""
        for path in self.paths:
            for page, body in self._scan_file(path):
                linked = canonical(page.url) in self.picker.linked
                if not linked and not self.links_from_articles:
                    yield BARRIER
                    linked = canonical(page.url) in self.picker.linked
                # a page not linked (yet) is read for links only: its article record, if it turns
                # out linked later, is extracted at the end
                want_links = self.links_from_articles or not linked
                want_record = self.links_from_articles or linked
                # the body goes to the spool, where the extraction process reads it (a revisit's
                # original is there already)
                if body is not None:
                    page.spooled = self._spool.write(body)
                yield page, (page.spooled, page.url, self.family, page.location.content_type, want_links, want_record)

    def _scan_file(self, path: str) -> Iterator[tuple[_Page, bytes]]:
        name = os.path.basename(path)
        count = 0
        good_end = last_offset = 0  # where the last whole record ended: the broken one starts there
        unchecked = None
        with open(path, "rb") as f:
            iterator = ArchiveIterator(f, arc2warc=True, no_record_parse=True)
            try:
                for record in iterator:
                    offset = iterator.offset
                    if record.rec_type != "request":  # what warcio would parse, less the requests
                        record.http_headers = _HTTP_LOADER.load_http_headers(
                            record.rec_type, record.rec_headers.get_header("WARC-Target-URI") or "",
                            record.raw_stream, record.length)
                    unchecked = offset  # a file kept from this record stands once the record proves whole
                    try:
                        found = self._observe(path, name, offset, record)
                    except _SkipRecord as exc:
                        self.skipped.append(Skipped(path, offset, str(exc)))
                        found = None
                    _check_complete(record)
                    unchecked = None
                    last_offset = iterator.get_record_offset()
                    good_end = last_offset + iterator.get_record_length()
                    self._last_read[path] = last_offset
                    count += 1
                    if found is not None:
                        yield found
            except Exception as exc:  # warcio raises several kinds; all mean "unreadable from here"
                if unchecked is not None:
                    self._forget_file(path, unchecked)
                self.breakages.append(Breakage(path, good_end, _reason(exc), count))
            else:
                cut = _cut_short(f, last_offset, good_end)
                if cut is not None:
                    # warcio ends quietly on a gzip member cut short: drop that record, report it
                    for p in self._pages:
                        if p.location.path == path and p.location.offset == cut:
                            p.cut = True
                    self._forget_file(path, cut)
                    self.breakages.append(Breakage(path, cut, "file ends inside this record (truncated)",
                                                   count - (cut == last_offset)))
        self._finished.add(path)
        self.records += count

    def _observe(self, path: str, name: str, offset: int, record) -> tuple[_Page, bytes | None] | None:
        kind = record.rec_type
        headers = record.rec_headers
        url = _checked_target(record)
        if kind not in _PAGE_TYPES and kind != "revisit":
            return None
        if not url or not url.startswith(("http://", "https://")):
            return None
        captured_at = _iso(headers.get_header("WARC-Date"))
        status = _status(record)
        content_type = (record.http_headers.get_header("Content-Type") if record.http_headers
                        else headers.get_header("Content-Type")) or ""
        pointer = {"warc_file": name, "warc_offset": offset, "warc_record_id": headers.get_header("WARC-Record-ID"),
                   "warc_record_type": kind, "payload_digest": headers.get_header("WARC-Payload-Digest"),
                   "warc_date": captured_at}
        digest = headers.get_header("WARC-Payload-Digest")
        if kind == "revisit":
            return self._revisit(path, offset, url, captured_at, status, pointer, headers, content_type)
        if status != 200:
            return None
        length = _declared_length(headers)
        if length > self.max_record:
            raise _SkipRecord(f"record of {length:,} bytes, over the {self.max_record:,}-byte limit")
        location = _Location(path, offset, content_type, pointer)
        stream = record.content_stream()
        head = b"" if content_type and not is_page(content_type, b"") else stream.read(_SNIFF)
        if not is_page(content_type, head):
            payload = head + _read_capped(stream, _SPOOLED_FILE_AT_MOST - len(head))
            if len(payload) <= _SPOOLED_FILE_AT_MOST:
                location.spooled = self._spool.write(payload)
            self._remember(url, captured_at, digest, location)
            self._keep_other(url, location)
            return None
        body = head + _read_capped(stream, self.max_page - len(head))
        if len(body) > self.max_page:
            raise _SkipRecord(f"page inflates past the {self.max_page:,}-byte limit")
        page = _Page(url, captured_at, location, pointer)
        self._remember(url, captured_at, digest, page)
        self._pages.append(page)
        return page, body

    def _revisit(self, path: str, offset: int, url: str, captured_at: str, status: int | None, pointer: dict,
                 headers, content_type: str) -> tuple[_Page, bytes | None] | None:
        """A revisit record as a capture of its original's payload (see the module's docstring)."""
        if status not in (200, None):  # a revisit of an error page, a redirect: no article, no file
            return None
        digest = headers.get_header("WARC-Payload-Digest")
        refers_url = headers.get_header("WARC-Refers-To-Target-URI")
        refers_date = headers.get_header("WARC-Refers-To-Date")
        original = self._original(refers_url, refers_date, digest)
        if original is None:
            found = self._archived_payload(refers_url or url, digest)
            if found is not None:
                return self._archived_capture(_Location(path, offset, found[1] or content_type, pointer), url,
                                              captured_at, digest, found[0])
            self.unresolved.append(Skipped(path, offset, f"revisit of {(refers_url or url)[:120]} "
                                                         f"({refers_date or digest or 'no date, no digest'}): "
                                                         "its original is in none of these files"))
            self._other.setdefault(canonical(url), None)  # an article showing it does not wait for it
            return None
        self._remember(url, captured_at, None, original)
        if isinstance(original, _Location):
            self._keep_other(url, original)
            return None
        if original.spooled is None:  # its original turned out no article: neither is it
            return None
        location = _Location(path, offset, original.location.content_type, pointer)
        page = _Page(url, captured_at, location, pointer, spooled=original.spooled)
        self._pages.append(page)
        return page, None

    def _original(self, refers_url: str | None, refers_date: str | None, digest: str | None):
        """The capture a revisit refers to: by its target URI and date (checked against the digest
        when both have one), else the first capture read with its payload digest (as pywb does)."""
        if refers_url and refers_date:
            found = self._by_capture.get((canonical(refers_url), _iso(refers_date)))
            if found is not None and (not digest or found.pointer.get("payload_digest") in (None, digest)):
                return found
        return self._by_digest.get(digest) if digest else None

    def _archived_payload(self, url: str, digest: str | None) -> tuple[bytes, str | None] | None:
        """The archive's copy of a revisit's payload: a body it holds for the URL with that digest."""
        if self.archived is None or not digest:
            return None
        for candidate in dict.fromkeys((url, canonical(url))):
            for body, content_type in self.archived(candidate):
                if digest_matches(body, digest):
                    return body, content_type
        return None

    def _archived_capture(self, location: _Location, url: str, captured_at: str, digest: str,
                          body: bytes) -> tuple[_Page, bytes] | None:
        """A revisit read with the archive's copy of its payload: a page, or a file kept in the spool."""
        if not is_page(location.content_type, body[:_SNIFF]):
            location.spooled = self._spool.write(body)
            self._remember(url, captured_at, digest, location)
            self._keep_other(url, location)
            return None
        if len(body) > self.max_page:
            raise _SkipRecord(f"page inflates past the {self.max_page:,}-byte limit")
        page = _Page(url, captured_at, location, location.pointer)
        self.picker.known_article(url)  # the archive holds its page as an article's
        self._remember(url, captured_at, digest, page)
        self._pages.append(page)
        return page, body

    def _remember(self, url: str, captured_at: str, digest: str | None, where: _Location | _Page) -> None:
        self._by_capture.setdefault((canonical(url), captured_at), where)
        if digest:
            self._by_digest.setdefault(digest, where)

    def _forget_file(self, path: str, offset: int) -> None:
        """An image or attachment whose record the file ends inside of: its bytes are cut short, so
        it is linked to no article (a capture of it elsewhere in the files still is)."""
        for key, location in list(self._other.items()):
            if location is not None and location.path == path and location.offset == offset:
                location.spooled = None
                del self._other[key]

    def _keep_other(self, url: str, location: _Location) -> None:
        key = canonical(url)
        if self._other.get(key) is None:  # the first capture read, or a real one after an unresolved revisit
            self._other[key] = location

    # -- out --------------------------------------------------------------------------------
    def articles(self) -> Iterator[tuple[Capture, dict]]:
        """(capture, article record) for every article capture, oldest first (as read, when the
        files are in capture order; without `scan()` first, while the files are read)."""
        try:
            if not self._scanned:
                yield from self._pass(early=True)
            yield from self._the_rest()
        finally:
            self._close_workers()
            self._spool.close()
            self._close_handles()

    def _the_rest(self) -> Iterator[tuple[Capture, dict]]:
        strict = not self.picker.listings_seen
        for (page, body, kept), record in ordered_map(extract_record, self._rest_jobs(), self._workers,
                                                      spool=self._spool):
            if kept:
                record = pickle.loads(self._spool.read(page.record_at))
            elif record is None:
                continue
            if not has_article(record, strict):
                continue
            yield Capture(page.url, page.captured_at, 200, page.location.content_type, body,
                          f"warc:{page.pointer['warc_file']}", page.pointer), record

    def _rest_jobs(self):
        """The captures not handed out yet that may be articles, oldest first, each with its record
        (kept from the pass) or what to extract it from (a page not linked when it was read)."""
        for page in sorted((p for p in self._pages if not p.done and not p.cut), key=lambda p: p.captured_at):
            if page.spooled is None or not self.picker.candidate(page.url):
                continue
            body = self._spool.read(page.spooled)
            kept = page.record_at is not None
            yield (page, body, kept), (None if kept else (page.spooled, page.url, self.family, page.location.content_type))

    def media_body(self, url: str, capture: Capture | None = None) -> tuple[bytes, str, dict] | None:
        """Body, content type and WARC pointer of an image/attachment captured in the files."""
        location = self._other.get(canonical(url))
        if location is None:
            return None
        body = self._read_body(location) if location.spooled is None else self._spool.read(location.spooled)
        return None if body is None else (body, location.content_type, location.pointer)

    def _read_body(self, location: _Location) -> bytes | None:
        handle = self._handles.get(location.path)
        if handle is None:
            handle = self._handles[location.path] = open(location.path, "rb")
        handle.seek(location.offset)
        try:
            record = next(iter(ArchiveIterator(handle, arc2warc=True)))
            body = _read_capped(record.content_stream(), self.max_record)
        except Exception:
            return None
        return None if len(body) > self.max_record else body

    def _close_workers(self) -> None:
        if isinstance(self._workers, Workers):
            self._workers.close()  # a later call starts them again

    def _close_handles(self) -> None:
        for handle in self._handles.values():
            handle.close()
        self._handles.clear()


def _checked_target(record) -> str | None:
    """The record's target URI; raises when the record is broken or to be skipped."""
    url = record.rec_headers.get_header("WARC-Target-URI")
    if not record.rec_type:  # warcio yields what is left of a record cut inside its header as an untyped one
        raise EOFError("record header cut short (truncated file)")
    if url and not _URI.match(url):
        # printable text with no scheme (../../etc/x) is a record's bad value; binary or spaced
        # text is what warcio read as a header from bytes that are no record (and ARC records
        # are made up by warcio from any text line: never taken for well formed)
        if not (record.format == "warc" and _PRINTABLE.match(url) and record.rec_headers.get_header("WARC-Record-ID")):
            raise ValueError(f"not a WARC/ARC record (target {url[:60]!r})")
        raise _SkipRecord(f"target URI is not a URI: {url[:80]!r}")
    return url


def _read_capped(stream, limit: int) -> bytes:
    """At most `limit` + 1 bytes: one more than the limit says "too large" without reading on."""
    chunks, total = [], 0
    while total <= limit:
        chunk = stream.read(min(1 << 20, limit + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def _declared_length(headers) -> int:
    try:
        return int(headers.get_header("Content-Length") or 0)
    except ValueError:
        return 0


def _cut_short(f, last_offset: int, good_end: int) -> int | None:
    """Offset of a record the file ends inside of, or None when the file ends cleanly."""
    f.seek(good_end)
    if f.read(65536).strip(b"\r\n\x00 "):  # bytes after the last whole record: a record begun
        return good_end
    f.seek(last_offset)
    if f.read(2) != b"\x1f\x8b":
        return None  # uncompressed: a short record is caught by its Content-Length
    f.seek(last_offset)
    member = zlib.decompressobj(zlib.MAX_WBITS | 16)
    try:
        member.decompress(f.read(good_end - last_offset))
    except zlib.error:
        return last_offset
    return None if member.eof else last_offset


def _check_complete(record) -> None:
    """A record whose file ended before its declared length is as broken as a garbled one."""
    stream = record.raw_stream
    while stream.read(65536):
        pass
    if getattr(stream, "limit", 0) > 0:
        raise EOFError(f"record ends {stream.limit} bytes short of its Content-Length")


def _reason(exc: Exception) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:160]


def _status(record) -> int | None:
    if record.http_headers is None:
        return 200 if record.rec_type == "resource" else None
    try:
        return int(record.http_headers.get_statuscode())
    except (TypeError, ValueError):
        return None


def _iso(warc_date: str | None) -> str:
    if not warc_date:
        return ""
    try:
        moment = iso_date_to_datetime(warc_date)
    except Exception:
        return warc_date
    return moment.replace(microsecond=0).isoformat() + ("" if moment.tzinfo else "+00:00")
