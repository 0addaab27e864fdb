"""Wayback recovery: a host's captures from a Wayback-compatible service (CDX API + `id_` replay).

Works with the Internet Archive (`https://web.archive.org/cdx/search/cdx`, replay under
`/web/`) and with pywb (`http://HOST/<collection>/cdx`, replay under `/<collection>/`); any
service speaking the same CDX server API does. Captures are listed once, then fetched raw (the
`id_` form: the archived bytes, no rewriting, no banner), politely: one request at a time, a
minimum interval between requests, retries with back-off on 429/503/5xx and timeouts,
honouring `Retry-After`.
"""
from __future__ import annotations

import gzip
import json
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import zlib
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Iterator

from scraper.captures import ArticlePicker, Capture, canonical, is_page

__all__ = ["DEFAULT_CDX_URL", "CdxRow", "WaybackClient", "WaybackError", "Recovery", "replay_prefix"]

DEFAULT_CDX_URL = "https://web.archive.org/cdx/search/cdx"
USER_AGENT = "portal-archive/0.1 (+https://github.com/portal-archive/portal-archive; recovering Vietnamese district portals)"
_RETRY_STATUSES = {429, 500, 502, 503, 504}
_NOT_PAGES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".ico", ".css", ".js", ".pdf", ".doc", ".docx",
              ".xls", ".xlsx", ".zip", ".rar", ".mp4", ".mp3", ".woff", ".woff2", ".ttf")


class WaybackError(Exception):
    """The service cannot be used (unreachable, refuses, answers nonsense)."""


@dataclass(slots=True)
class CdxRow:
    url: str
    timestamp: str  # 14 digits, UTC
    mime: str
    status: str
    digest: str

    @property
    def captured_at(self) -> str:
        ts = (self.timestamp + "00000000000000")[:14]
        moment = datetime.strptime(ts, "%Y%m%d%H%M%S").replace(tzinfo=timezone.utc)
        return moment.isoformat()


def replay_prefix(cdx_url: str) -> str:
    """Where `id_` captures are served, from the CDX endpoint's own address."""
    parts = urllib.parse.urlsplit(cdx_url)
    path = parts.path.rstrip("/")
    if path.endswith("/cdx/search/cdx"):  # the Internet Archive's layout
        path = path[: -len("/cdx/search/cdx")] + "/web"
    elif path.endswith("/cdx"):  # pywb: /<collection>/cdx
        path = path[: -len("/cdx")]
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path + "/", "", ""))


class WaybackClient:
    """A polite client of one Wayback service."""

    def __init__(self, cdx_url: str = DEFAULT_CDX_URL, *, replay_url: str | None = None, delay: float = 1.0,
                 retries: int = 4, timeout: float = 60.0, backoff: float = 2.0) -> None:
        self.cdx_url = cdx_url
        self.replay_url = replay_url or replay_prefix(cdx_url)
        if not self.replay_url.endswith("/"):
            self.replay_url += "/"
        self.delay = delay
        self.retries = retries
        self.timeout = timeout
        self.backoff = backoff
        self._last = 0.0
        self.requests = 0
        self.retried = 0

    # -- HTTP -------------------------------------------------------------------------------
    def _get(self, url: str) -> tuple[int, dict, bytes]:
        attempt = 0
        while True:
            wait = self.delay - (time.monotonic() - self._last)
            if wait > 0:
                time.sleep(wait)
            self._last = time.monotonic()
            self.requests += 1
            request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip"})
            retry_after = None
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    headers = {k.lower(): v for k, v in response.headers.items()}
                    return response.status, headers, _decode_body(response.read(), headers)
            except urllib.error.HTTPError as exc:
                if exc.code not in _RETRY_STATUSES:
                    headers = {k.lower(): v for k, v in (exc.headers or {}).items()}
                    return exc.code, headers, b""
                retry_after = exc.headers.get("Retry-After") if exc.headers else None
                problem = f"HTTP {exc.code}"
            except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as exc:
                problem = str(getattr(exc, "reason", exc))
            attempt += 1
            if attempt > self.retries:
                raise WaybackError(f"{url}: {problem} (gave up after {self.retries} retries)")
            self.retried += 1
            time.sleep(_retry_seconds(retry_after, self.backoff * 2 ** (attempt - 1)))

    # -- CDX --------------------------------------------------------------------------------
    def captures(self, host: str, *, from_year: int | None = None, to_year: int | None = None) -> list[CdxRow]:
        """Every capture under `host/` (all paths), oldest first."""
        params = [("url", f"{host}/*"), ("output", "json")]
        if from_year:
            params.append(("from", str(from_year)))
        if to_year:
            params.append(("to", str(to_year)))
        url = self.cdx_url + ("&" if "?" in self.cdx_url else "?") + urllib.parse.urlencode(params)
        status, _, body = self._get(url)
        if status == 404 or not body.strip():
            return []
        if status != 200:
            raise WaybackError(f"CDX query {url} answered HTTP {status}")
        rows = sorted(_parse_cdx(body), key=lambda r: r.timestamp)
        return rows

    def fetch(self, row: CdxRow) -> tuple[int, str, bytes]:
        """The raw archived response of one capture: (status, content type, body)."""
        url = f"{self.replay_url}{row.timestamp}id_/{row.url}"
        status, headers, body = self._get(url)
        return status, headers.get("content-type", row.mime or ""), body

    def memento_url(self, row: CdxRow) -> str:
        return f"{self.replay_url}{row.timestamp}id_/{row.url}"


def _retry_seconds(retry_after: str | None, default: float) -> float:
    if retry_after and retry_after.strip().isdigit():
        return min(float(retry_after.strip()), 300.0)
    return default


def _decode_body(body: bytes, headers: dict) -> bytes:
    # id_ replays hand back the archived bytes: a gzip-encoded capture stays gzip-encoded
    encoding = headers.get("content-encoding", "").lower()
    try:
        if encoding == "gzip" or body[:2] == b"\x1f\x8b":
            return gzip.decompress(body)
        if encoding == "deflate":
            return zlib.decompress(body)
    except (OSError, zlib.error, EOFError):
        return body
    return body


def _parse_cdx(body: bytes) -> Iterator[CdxRow]:
    text = body.decode("utf-8", "replace").strip()
    if text.startswith("["):  # the Internet Archive's output=json: a header row, then rows
        rows = json.loads(text)
        if not rows:
            return
        names = rows[0]
        for values in rows[1:]:
            yield _row(dict(zip(names, values)))
        return
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if line.startswith("{"):  # pywb's output=json: one object a line
            yield _row(json.loads(line))
        elif " {" in line:  # CDXJ: urlkey timestamp {json}
            urlkey, timestamp, rest = line.split(" ", 2)
            yield _row({"timestamp": timestamp, **json.loads(rest)})
        else:  # classic space-separated CDX: urlkey timestamp original mimetype statuscode digest ...
            parts = line.split()
            if len(parts) >= 6:
                yield CdxRow(parts[2], parts[1], parts[3], parts[4], parts[5])


def _row(d: dict) -> CdxRow:
    return CdxRow(url=d.get("original") or d.get("url") or "", timestamp=str(d.get("timestamp", "")),
                  mime=d.get("mimetype") or d.get("mime") or "", status=str(d.get("statuscode") or d.get("status") or "-"),
                  digest=d.get("digest") or "")


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
        self._spool = tempfile.TemporaryFile()
        self._kept: list[tuple[CdxRow, str, int, int]] = []  # row, content type, offset, length in the spool
        self._media_rows: dict[str, list[CdxRow]] = {}
        self._media_cache: dict[str, tuple | None] = {}

    def scan(self) -> None:
        rows = self.client.captures(self.host, from_year=self.from_year, to_year=self.to_year)
        self.listed = len(rows)
        stored: dict[tuple[str, str], tuple[str, int, int] | None] = {}
        for row in rows:
            if not row.url:
                continue
            if not _maybe_page(row):
                if row.status == "200":
                    self._media_rows.setdefault(canonical(row.url), []).append(row)
                continue
            key = (canonical(row.url), row.digest)
            if key in stored:  # the same bytes again: no new fetch, but one more "seen at" date
                if stored[key] is not None:
                    self._kept.append((row, *stored[key]))
                continue
            stored[key] = None
            try:
                status, content_type, body = self.client.fetch(row)
            except WaybackError as exc:
                self.failed.append(str(exc))
                continue
            self.fetched += 1
            if status != 200 or not is_page(content_type, body):
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
        if row.timestamp + row.url in self._media_cache:
            return self._media_cache[row.timestamp + row.url]
        try:
            status, content_type, body = self.client.fetch(row)
        except WaybackError:
            return None
        found = (body, content_type, self._pointer(row)) if status == 200 and body else None
        self._media_cache[row.timestamp + row.url] = found
        return found


def _epoch(iso: str) -> float:
    try:
        return datetime.fromisoformat(iso).timestamp()
    except ValueError:
        return 0.0
