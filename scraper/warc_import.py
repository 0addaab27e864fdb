"""WARC in: articles from WARC/ARC files made by any crawler (wget, Heritrix, Browsertrix, Common Crawl).

Two passes over the files. The first walks every record once (warcio's iterator; ARC records
are read as WARC), feeds page captures to the `ArticlePicker` (listing links), and remembers
where each response is; the second re-reads only the article pages, oldest capture first, and
extracts them with the project's extraction code. `revisit` records (an unchanged re-fetch)
count as a capture of the payload they refer to, so they add a view count and a "seen" date.

A truncated or corrupt file stops at the broken record: what came before it is still
imported, and the break is reported with the record's offset.
"""
from __future__ import annotations

import contextlib
import io
import os
import re
import zlib
from dataclasses import dataclass, field
from typing import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.timeutils import iso_date_to_datetime

from scraper.captures import ArticlePicker, Capture, CaptureRef, canonical, in_capture_order, is_page

__all__ = ["WarcImport", "Breakage"]

_PAGE_TYPES = ("response", "resource")
# a scheme, then no white space or control characters: garbage parsed as a header fails this
_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20\x7f]*$")
# below this, starting extraction processes costs more than it saves
_PARALLEL_FROM_BYTES = 16_000_000


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
class _Location:
    path: str
    offset: int
    content_type: str
    pointer: dict


@dataclass
class WarcImport:
    """Reads WARC/ARC files; `scan()` first, then `articles()` and `media_body()`."""

    paths: list[str]
    family: str | None = None
    workers: int | None = None  # extraction processes; None: 2 for big inputs on a multi-core machine
    links_from_articles: bool = False  # see ArticlePicker
    picker: ArticlePicker = field(init=False)
    breakages: list[Breakage] = field(default_factory=list)
    records: int = 0
    warnings: int = 0

    def __post_init__(self) -> None:
        if self.workers is None:
            big = sum(os.path.getsize(p) for p in self.paths) > _PARALLEL_FROM_BYTES
            self.workers = min(2, os.cpu_count() or 1) if big else 1
        self.picker = ArticlePicker(self.family, workers=self.workers, links_from_articles=self.links_from_articles)
        self._refs: list[CaptureRef] = []
        self._by_digest: dict[str, _Location] = {}
        self._other: dict[str, _Location] = {}  # non-page responses (images, attachments) by canonical URL
        self._handles: dict[str, object] = {}

    # -- pass 1 -----------------------------------------------------------------------------
    def scan(self) -> None:
        # warcio prints its own warnings (bad lengths, odd URIs) to stderr: they are counted here,
        # and a file that is really broken is reported once, as a Breakage
        noise = io.StringIO()
        with contextlib.redirect_stderr(noise):
            self.picker.observe_all(page for path in self.paths for page in self._scan_file(path))
        self.warnings = sum(1 for line in noise.getvalue().splitlines() if line.strip())

    def _scan_file(self, path: str) -> Iterator[Capture]:
        name = os.path.basename(path)
        count = 0
        good_end = last_offset = 0  # where the last whole record ended: the broken one starts there
        with open(path, "rb") as f:
            iterator = ArchiveIterator(f, arc2warc=True)
            try:
                for record in iterator:
                    offset = iterator.offset
                    page = self._observe(path, name, offset, record)
                    _check_complete(record)
                    last_offset = iterator.get_record_offset()
                    good_end = last_offset + iterator.get_record_length()
                    count += 1
                    if page is not None:
                        yield page
            except Exception as exc:  # warcio raises several kinds; all mean "unreadable from here"
                self.breakages.append(Breakage(path, good_end, _reason(exc), count))
            else:
                cut = _cut_short(f, last_offset, good_end)
                if cut is not None:
                    # warcio ends quietly on a gzip member cut short: drop that record, report it
                    self._refs = [r for r in self._refs if not (r.key.path == path and r.key.offset == cut)]
                    self.breakages.append(Breakage(path, cut, "file ends inside this record (truncated)",
                                                   count - (cut == last_offset)))
        self.records += count

    def _observe(self, path: str, name: str, offset: int, record) -> Capture | None:
        kind = record.rec_type
        headers = record.rec_headers
        url = headers.get_header("WARC-Target-URI")
        if not kind:  # warcio yields what is left of a record cut inside its header as an untyped one
            raise EOFError("record header cut short (truncated file)")
        if url and not _URI.match(url):  # what warcio read as a header is not one: not an archive record
            raise ValueError(f"not a WARC/ARC record (target {url[:60]!r})")
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
        if kind == "revisit":
            original = self._by_digest.get(headers.get_header("WARC-Payload-Digest") or "")
            if original is not None and status in (200, None):
                self._refs.append(CaptureRef(url, captured_at, original, {"pointer": pointer}))
            return None
        if status != 200:
            return None
        body = record.content_stream().read()
        location = _Location(path, offset, content_type, pointer)
        digest = headers.get_header("WARC-Payload-Digest")
        if digest:
            self._by_digest.setdefault(digest, location)
        if not is_page(content_type, body):
            self._other.setdefault(canonical(url), location)
            return None
        self._refs.append(CaptureRef(url, captured_at, location, {"pointer": pointer}))
        return Capture(url, captured_at, 200, content_type, body, f"warc:{name}", pointer)

    # -- pass 2 -----------------------------------------------------------------------------
    def articles(self) -> Iterator[tuple[Capture, dict]]:
        """(capture, article record) for every article capture, oldest first."""
        refs = [r for r in self._refs if self.picker.candidate(r.url)]
        try:
            yield from self.picker.pick(in_capture_order(refs, self._load))
        finally:
            self._close_handles()

    def _load(self, ref: CaptureRef) -> Capture | None:
        location: _Location = ref.key
        body = self._read_body(location)
        if body is None:
            return None
        pointer = ref.extra["pointer"]
        return Capture(ref.url, ref.captured_at, 200, location.content_type, body,
                       f"warc:{pointer['warc_file']}", pointer)

    def media_body(self, url: str, capture: Capture | None = None) -> tuple[bytes, str, dict] | None:
        """Body, content type and WARC pointer of an image/attachment captured in the files."""
        location = self._other.get(canonical(url))
        if location is None:
            return None
        body = self._read_body(location)
        return None if body is None else (body, location.content_type, location.pointer)

    def _read_body(self, location: _Location) -> bytes | None:
        handle = self._handles.get(location.path)
        if handle is None:
            handle = self._handles[location.path] = open(location.path, "rb")
        handle.seek(location.offset)
        try:
            record = next(iter(ArchiveIterator(handle, arc2warc=True)))
            return record.content_stream().read()
        except Exception:
            return None

    def _close_handles(self) -> None:
        for handle in self._handles.values():
            handle.close()
        self._handles.clear()


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
