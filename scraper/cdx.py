"""A polite client of web archives' capture indexes (the CDX server API) and raw replays.

Speaks the Wayback Machine's CDX server (`/cdx/search/cdx`), pywb's and OpenWayback's (`/<coll>/cdx`)
and Common Crawl's index server (pywb). Politeness toward the archives themselves:

- CDX queries and capture fetches are paced separately: the Wayback Machine allows about 30 CDX
  requests a minute per address (a maintained client paces at 24, the default here) and about 600
  capture fetches a minute;
- `Retry-After` is honoured on 429/503; other 5xx and timeouts are retried with back-off;
- repeated 429s stop the run with a clear message: ignoring them for over a minute gets an address
  blocked at the Wayback Machine's firewall for an hour, doubling on repeats.

Long answers are paged: `showResumeKey=true` + `resumeKey=` (the Wayback Machine's CDX server; the
freshest index), or `showNumPages=true` + `page=0..n-1` (pages of compressed index blocks: Common
Crawl, pywb/OpenWayback zipnum indexes).
"""
from __future__ import annotations

import gzip
import json
import time
import urllib.error
import urllib.parse
import urllib.request
import zlib
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Iterator

from scraper.settings import USER_AGENT

__all__ = ["CdxRow", "CdxClient", "Pacer", "ArchiveError", "ArchiveBlocked", "DEFAULT_CDX_URL", "USER_AGENT",
           "parse_cdx", "default_paging"]

DEFAULT_CDX_URL = "https://web.archive.org/cdx/search/cdx"
_RETRY_STATUSES = {429, 500, 502, 503, 504}
# a Retry-After longer than this is a block, not a pause: stop and say so
_LONGEST_WAIT = 300.0


class ArchiveError(Exception):
    """The service cannot be used (unreachable, refuses, answers nonsense)."""


class ArchiveBlocked(ArchiveError):
    """The service keeps answering 429: stopped before it blocks this address."""


@dataclass(slots=True)
class CdxRow:
    url: str
    timestamp: str  # 14 digits, UTC
    mime: str
    status: str
    digest: str
    urlkey: str = ""

    @property
    def captured_at(self) -> str:
        ts = (self.timestamp + "00000000000000")[:14]
        moment = datetime.strptime(ts, "%Y%m%d%H%M%S").replace(tzinfo=timezone.utc)
        return moment.isoformat()


class Pacer:
    """At most `per_minute` requests a minute (0: no pacing), spaced evenly."""

    def __init__(self, per_minute: float) -> None:
        self.interval = 60.0 / per_minute if per_minute > 0 else 0.0
        self._last = float("-inf")
        self.waited = 0.0

    def wait(self) -> None:
        pause = self._last + self.interval - time.monotonic()
        if pause > 0:
            time.sleep(pause)
            self.waited += pause
        self._last = time.monotonic()


def default_paging(cdx_url: str) -> str:
    """Common Crawl's index pages by blocks; the Wayback Machine's CDX server by resume key."""
    return "pages" if "commoncrawl" in urllib.parse.urlsplit(cdx_url).netloc else "resume"


class CdxClient:
    """Paced, retrying GETs to one archive: `query()` for CDX rows, `get()` for captures."""

    def __init__(self, cdx_url: str = DEFAULT_CDX_URL, *, cdx_per_minute: float = 24.0,
                 captures_per_minute: float = 60.0, retries: int = 4, backoff: float = 2.0,
                 max_429: int = 3, timeout: float = 60.0, paging: str | None = None,
                 page_size: int = 5000, user_agent: str = USER_AGENT) -> None:
        self.cdx_url = cdx_url
        # the crawl's own User-Agent (scraper.settings.user_agent), with the operator's contact
        self.user_agent = user_agent
        self.cdx_pacer = Pacer(cdx_per_minute)
        self.capture_pacer = Pacer(captures_per_minute)
        self.retries = retries
        self.backoff = backoff
        self.max_429 = max_429
        self.timeout = timeout
        self.paging = paging or default_paging(cdx_url)
        self.page_size = page_size
        self.requests = 0
        self.cdx_requests = 0
        self.retried = 0
        self.waited_for_429 = 0.0
        self.warnings: list[str] = []

    # -- HTTP -------------------------------------------------------------------------------
    def get(self, url: str, pacer: Pacer | None = None) -> tuple[int, dict, bytes]:
        """(status, lower-case headers, body); 4xx other than 429 are answers, not errors."""
        pacer = pacer or self.capture_pacer
        attempt = in_a_row_429 = 0
        while True:
            pacer.wait()
            self.requests += 1
            request = urllib.request.Request(url, headers={"User-Agent": self.user_agent, "Accept-Encoding": "gzip"})
            retry_after = None
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    headers = {k.lower(): v for k, v in response.headers.items()}
                    return response.status, headers, _decode_body(response.read(), headers)
            except urllib.error.HTTPError as exc:
                headers = {k.lower(): v for k, v in (exc.headers or {}).items()}
                if exc.code not in _RETRY_STATUSES:
                    return exc.code, headers, b""
                retry_after = headers.get("retry-after")
                problem = f"HTTP {exc.code}"
                in_a_row_429 = in_a_row_429 + 1 if exc.code == 429 else 0
            except (urllib.error.URLError, TimeoutError, ConnectionError, OSError, ValueError) as exc:
                problem = str(getattr(exc, "reason", exc))
                in_a_row_429 = 0
            if in_a_row_429 >= self.max_429:
                raise ArchiveBlocked(
                    f"{_service(url)} answered 429 (too many requests) {in_a_row_429} times in a row: stopped "
                    f"before it blocks this address; wait an hour, then run again with a lower rate")
            attempt += 1
            if attempt > self.retries:
                raise ArchiveError(f"{url}: {problem} (gave up after {self.retries} retries)")
            pause = _retry_seconds(retry_after, self.backoff * 2 ** (attempt - 1))
            if pause > _LONGEST_WAIT:
                raise ArchiveBlocked(f"{_service(url)} asks to wait {pause:.0f} s (Retry-After): stopped; "
                                     f"run again later")
            self.retried += 1
            if in_a_row_429:
                self.waited_for_429 += pause
            time.sleep(pause)

    # -- CDX --------------------------------------------------------------------------------
    def _url(self, params: list[tuple[str, str]]) -> str:
        return self.cdx_url + ("&" if "?" in self.cdx_url else "?") + urllib.parse.urlencode(params)

    def _cdx(self, params: list[tuple[str, str]]) -> bytes:
        self.cdx_requests += 1
        url = self._url(params)
        status, _, body = self.get(url, self.cdx_pacer)
        if status == 404:
            return b""
        if status != 200:
            raise ArchiveError(f"CDX query {url} answered HTTP {status}")
        return body

    def query(self, params: list[tuple[str, str]]) -> Iterator[CdxRow]:
        """Every row the index holds for `params` (url, matchType, from, to, collapse, fl...), page by page."""
        params = [*params, ("output", "json")]
        if self.paging == "pages":
            yield from self._by_pages(params)
        elif self.paging == "resume":
            yield from self._by_resume_key(params)
        else:
            yield from parse_cdx(self._cdx(params))

    def _by_resume_key(self, params: list[tuple[str, str]]) -> Iterator[CdxRow]:
        key = None
        paged = False
        while True:
            page = [*params, ("limit", str(self.page_size)), ("showResumeKey", "true")]
            if key:
                page.append(("resumeKey", key))
            body = self._cdx(page)
            rows, key = _split_resume_key(body)
            n = 0
            for row in parse_cdx(rows):
                n += 1
                yield row
            if not key:
                if n >= self.page_size and not paged:  # one that pages gives a key with a full first page
                    self.warnings.append(f"{self.cdx_url} gave a full page ({n} rows) and no resumeKey: it may not "
                                         "page this way (try --paging pages or a larger --page-size)")
                return
            paged = True

    def _by_pages(self, params: list[tuple[str, str]]) -> Iterator[CdxRow]:
        pages = _num_pages(self._cdx([*params, ("showNumPages", "true")]))
        for page in range(pages):
            yield from parse_cdx(self._cdx([*params, ("page", str(page))]))


def _service(url: str) -> str:
    return urllib.parse.urlsplit(url).netloc or url


def _retry_seconds(retry_after: str | None, default: float) -> float:
    if retry_after and retry_after.strip().isdigit():
        return float(retry_after.strip())
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


def _num_pages(body: bytes) -> int:
    text = body.decode("utf-8", "replace").strip()
    if not text:
        return 0
    if text.startswith("{"):  # pywb: {"pages": N, "pageSize": ..., "blocks": ...}
        return int(json.loads(text).get("pages", 0))
    try:
        return int(text.split()[0])
    except ValueError:
        raise ArchiveError(f"showNumPages answered {text[:60]!r}, not a number of pages") from None


def _split_resume_key(body: bytes) -> tuple[bytes, str | None]:
    """The rows and the resume key of one page (the key follows the rows after a blank line/row)."""
    text = body.rstrip()
    if text.startswith(b"["):  # the Wayback Machine's output=json: [..rows.., [], ["KEY"]]
        rows = json.loads(text)
        if len(rows) >= 2 and rows[-2] == [] and len(rows[-1]) == 1:
            return json.dumps(rows[:-2]).encode(), rows[-1][0]
        return body, None
    head, sep, tail = text.rpartition(b"\n\n")
    if sep and tail and b"\n" not in tail.strip() and not tail.lstrip().startswith((b"{", b"[")) \
            and b" " not in tail.strip():
        return head, urllib.parse.unquote(tail.strip().decode("utf-8", "replace"))
    return body, None


def parse_cdx(body: bytes) -> Iterator[CdxRow]:
    """Rows of a CDX answer in any of the usual forms (IA JSON, pywb JSON lines, CDXJ, classic)."""
    text = body.decode("utf-8", "replace").strip()
    if text.startswith("["):  # the Internet Archive's output=json: a header row, then rows
        rows = json.loads(text)
        if not rows:
            return
        # columns by position, found once: a dict a row cost half the parse (25,700 lines/s)
        names = {name: i for i, name in enumerate(rows[0])}
        at = [names.get(k, -1) for k in ("original", "timestamp", "mimetype", "statuscode", "digest", "urlkey")]
        width = len(rows[0])
        for values in rows[1:]:
            if len(values) == width:
                yield CdxRow(*(values[i] if i >= 0 else "" for i in at))
            elif values:
                yield _row(dict(zip(rows[0], values)))
        return
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if line.startswith("{"):  # pywb's output=json: one object a line
            yield _row(json.loads(line))
        elif " {" in line:  # CDXJ: urlkey timestamp {json}
            urlkey, timestamp, rest = line.split(" ", 2)
            yield _row({"urlkey": urlkey, "timestamp": timestamp, **json.loads(rest)})
        else:  # classic space-separated CDX: urlkey timestamp original mimetype statuscode digest ...
            parts = line.split()
            if len(parts) >= 6:
                yield CdxRow(parts[2], parts[1], parts[3], parts[4], parts[5], parts[0])


def _row(d: dict) -> CdxRow:
    return CdxRow(url=d.get("original") or d.get("url") or "", timestamp=str(d.get("timestamp", "")),
                  mime=d.get("mimetype") or d.get("mime") or "",
                  status=str(d.get("statuscode") or d.get("status") or "-"),
                  digest=d.get("digest") or "", urlkey=d.get("urlkey") or "")
