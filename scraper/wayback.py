"""Wayback recovery: a host's captures from a Wayback-compatible service (CDX API + `id_` replay).

Works with the Internet Archive (`https://web.archive.org/cdx/search/cdx`, replay under
`/web/`) and with pywb (`http://HOST/<collection>/cdx`, replay under `/<collection>/`); any
service speaking the same CDX server API does. Captures are listed page by page (a portal with
more captures than one answer holds is listed whole), then fetched raw (the `id_` form: the
archived bytes, no rewriting, no banner), politely: CDX queries and capture fetches paced
separately, retries with back-off, `Retry-After` honoured, repeated 429s stop the run
(`scraper.cdx`). Captures with the same payload digest are fetched once.

A capture listed as `warc/revisit` (an unchanged payload its crawler wrote once) is replayed by
the service as its original's payload, so what it is (a page, an image) is known only once
fetched: an image or attachment recorded as a revisit is kept as that URL's file like any other
capture of it (a crawl that writes each repeated image as a revisit had all but one of them
dropped, and their articles archived without them).
"""
from __future__ import annotations

import tempfile
import urllib.parse
from datetime import datetime
from typing import Iterator

from scraper.captures import ArticlePicker, Capture, canonical, is_page
from scraper.cdx import DEFAULT_CDX_URL, ArchiveBlocked, ArchiveError, CdxClient, CdxRow

__all__ = ["DEFAULT_CDX_URL", "CdxRow", "WaybackClient", "WaybackError", "ArchiveBlocked", "Recovery",
           "replay_prefix"]

WaybackError = ArchiveError
_NOT_PAGES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".ico", ".css", ".js", ".pdf", ".doc", ".docx",
              ".xls", ".xlsx", ".zip", ".rar", ".mp4", ".mp3", ".woff", ".woff2", ".ttf")


def replay_prefix(cdx_url: str) -> str:
    """Where `id_` captures are served, from the CDX endpoint's own address."""
    parts = urllib.parse.urlsplit(cdx_url)
    path = parts.path.rstrip("/")
    if path.endswith("/cdx/search/cdx"):  # the Internet Archive's layout
        path = path[: -len("/cdx/search/cdx")] + "/web"
    elif path.endswith("/cdx"):  # pywb: /<collection>/cdx
        path = path[: -len("/cdx")]
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path + "/", "", ""))


class WaybackClient(CdxClient):
    """A polite client of one Wayback service: CDX listing plus raw `id_` replays.

    `delay` is the least time between capture fetches; `cdx_per_minute` paces the CDX queries."""

    def __init__(self, cdx_url: str = DEFAULT_CDX_URL, *, replay_url: str | None = None, delay: float = 1.0,
                 **options) -> None:
        super().__init__(cdx_url, captures_per_minute=60.0 / delay if delay > 0 else 0.0, **options)
        self.replay_url = replay_url or replay_prefix(cdx_url)
        if not self.replay_url.endswith("/"):
            self.replay_url += "/"

    def captures(self, host: str, *, from_year: int | None = None, to_year: int | None = None) -> list[CdxRow]:
        """Every capture under `host/` (all paths, every page of the answer), oldest first."""
        params = [("url", f"{host}/*")]
        if from_year:
            params.append(("from", str(from_year)))
        if to_year:
            params.append(("to", str(to_year)))
        return sorted(self.query(params), key=lambda r: r.timestamp)

    def fetch(self, row: CdxRow) -> tuple[int, str, bytes]:
        """The raw archived response of one capture: (status, content type, body)."""
        status, headers, body = self.get(self.memento_url(row))
        return status, headers.get("content-type", row.mime or ""), body

    def memento_url(self, row: CdxRow) -> str:
        return f"{self.replay_url}{row.timestamp}id_/{row.url}"


def _maybe_page(row: CdxRow) -> bool:
    if row.status not in ("200", "-"):
        return False
    mime = row.mime.lower()
    if mime == "warc/revisit" or "html" in mime or "json" in mime:
        return True
    if mime and mime not in ("unk", "-", "application/octet-stream"):
        return False
    return not urllib.parse.urlsplit(row.url).path.lower().endswith(_NOT_PAGES)


class Recovery:
    """Lists, fetches and sorts a host's captures; `articles()` yields (capture, record) oldest first."""

    def __init__(self, client: WaybackClient, host: str, *, from_year: int | None = None,
                 to_year: int | None = None, family: str | None = None) -> None:
        self.client = client
        self.host = host
        self.from_year = from_year
        self.to_year = to_year
        self.picker = ArticlePicker(family)
        self.listed = 0
        self.fetched = 0
        self.failed: list[str] = []
        self.blocked = ""
        self._spool = tempfile.TemporaryFile()
        self._kept: list[tuple[CdxRow, str, int, int]] = []  # row, content type, offset, length in the spool
        self._media_rows: dict[str, list[CdxRow]] = {}
        self._media_cache: dict[str, tuple | None] = {}  # by payload digest (else capture): fetched once

    def scan(self) -> None:
        rows = self.client.captures(self.host, from_year=self.from_year, to_year=self.to_year)
        self.listed = len(rows)
        stored: dict[tuple[str, str], tuple[str, int, int] | None] = {}
        self.same_digest = 0
        for row in rows:
            if not row.url:
                continue
            if not _maybe_page(row):
                if row.status == "200":
                    self._media_rows.setdefault(canonical(row.url), []).append(row)
                continue
            # the same bytes (same digest) under another URL or time: fetched once, seen again
            key = ("digest", _digest(row)) if _digest(row) else (canonical(row.url), row.timestamp)
            if key in stored:  # the same bytes again: no new fetch, but one more "seen at" date
                self.same_digest += 1
                if stored[key] is not None:
                    self._kept.append((row, *stored[key]))
                elif self._media_key(row) in self._media_cache:  # a file (an image as a revisit, say)
                    self._media_rows.setdefault(canonical(row.url), []).append(row)
                continue
            stored[key] = None
            try:
                status, content_type, body = self.client.fetch(row)
            except ArchiveBlocked as exc:  # what was fetched is kept; the rest waits for another run
                self.blocked = str(exc)
                break
            except WaybackError as exc:
                self.failed.append(str(exc))
                continue
            self.fetched += 1
            if status != 200:
                continue
            if not is_page(content_type, body):  # listed as a revisit (or unknown type): a file after all
                self._media_rows.setdefault(canonical(row.url), []).append(row)
                self._media_cache[self._media_key(row)] = (body, content_type, self._pointer(row)) if body else None
                continue
            self.picker.observe(Capture(row.url, row.captured_at, 200, content_type, body, "wayback",
                                        self._pointer(row)))
            offset = self._spool.seek(0, 2)
            self._spool.write(body)
            stored[key] = (content_type, offset, len(body))
            self._kept.append((row, content_type, offset, len(body)))

    def _pointer(self, row: CdxRow) -> dict:
        return {"warc_record_type": "wayback", "warc_date": row.captured_at,
                "payload_digest": f"sha1:{row.digest}" if row.digest and ":" not in row.digest else row.digest,
                "source_url": self.client.memento_url(row)}

    def _captures(self) -> Iterator[Capture]:
        for row, content_type, offset, length in sorted(self._kept, key=lambda k: k[0].timestamp):
            if not self.picker.candidate(row.url):
                continue
            self._spool.seek(offset)
            yield Capture(row.url, row.captured_at, 200, content_type, self._spool.read(length), "wayback",
                          self._pointer(row))

    def articles(self) -> Iterator[tuple[Capture, dict]]:
        try:
            yield from self.picker.pick(self._captures())
        finally:
            self._spool.close()

    def media_body(self, url: str, capture: Capture | None = None) -> tuple[bytes, str, dict] | None:
        """An image/attachment of an article, from the capture nearest to the article's."""
        rows = self._media_rows.get(canonical(url))
        if not rows:
            return None
        when = capture.captured_at if capture else ""
        row = min(rows, key=lambda r: abs(_epoch(r.captured_at) - _epoch(when)) if when else 0)
        key = self._media_key(row)
        if key not in self._media_cache:
            try:
                status, content_type, body = self.client.fetch(row)
            except WaybackError:  # a blocked service included: the article is kept without this file
                return None
            self._media_cache[key] = (body, content_type, self._pointer(row)) if status == 200 and body else None
        found = self._media_cache[key]
        # the same bytes under this URL and time: the pointer names this capture
        return None if found is None else (found[0], found[1], self._pointer(row))

    @staticmethod
    def _media_key(row: CdxRow) -> str:
        return f"digest:{_digest(row)}" if _digest(row) else row.timestamp + row.url


def _digest(row: CdxRow) -> str:
    """The capture's payload digest; "" when the index has none ("-" in a CDX line)."""
    return "" if row.digest == "-" else row.digest


def _epoch(iso: str) -> float:
    try:
        return datetime.fromisoformat(iso).timestamp()
    except ValueError:
        return 0.0
