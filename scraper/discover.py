"""Discovery: the hosts a capture index saw under a province's domain, matched to its district units.

One CDX query per province domain (`matchType=domain`, collapsed by URL key, paged) lists every
URL captured under it; the hosts are gathered with their first/last capture and counts. A host
one label below the domain (`www.` dropped) is a unit's when the label is one of the unit's
known patterns (`scraper.registry.names`) or when its captured home page's title names the unit
(fetched raw, as an `id_` capture, paced apart from the CDX queries). Hosts two labels down
(a commune's site), the province's own host and hosts naming no unit (mail, services, communes)
are left out. `verify` asks a candidate host itself: DNS, HTTP, where it redirects, its title.
"""
from __future__ import annotations

import re
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Iterable

from scraper.cdx import USER_AGENT, ArchiveBlocked, ArchiveError, CdxClient, CdxRow
from scraper.registry import HostCandidate, Site
from scraper.registry.names import host_label, labels_for, title_names_unit

__all__ = ["HostSeen", "gather_hosts", "match_hosts", "page_title", "verify_host", "is_home"]

_TITLE = re.compile(rb"<title[^>]*>(.*?)</title", re.I | re.S)
_HOME = re.compile(r"^/?((index|default|home|trang-?chu)(\.[a-z]+)?)?/?$", re.I)
_TITLE_BYTES = 256 * 1024  # a title is in the head: never read a whole big page for it


@dataclass(slots=True)
class HostSeen:
    """What a capture index says about one host."""

    host: str
    first: str = ""
    last: str = ""
    captures: int = 0
    urls: set[str] = field(default_factory=set)
    home: CdxRow | None = None  # the newest 200 HTML capture of its home page

    def add(self, row: CdxRow) -> None:
        self.captures += 1
        self.urls.add(row.urlkey or row.url)
        ts = row.timestamp
        if not self.first or ts < self.first:
            self.first = ts
        if ts > self.last:
            self.last = ts
        if row.status == "200" and (self.home is None or ts > self.home.timestamp) and is_home(row.url) \
                and ("html" in row.mime or row.mime in ("", "-", "unk")):
            self.home = row


def is_home(url: str) -> bool:
    rest = url.split("://", 1)[-1]
    slash = rest.find("/")
    if slash < 0 or slash == len(rest) - 1:
        return True
    path = rest[slash:]
    return len(path) < 24 and "?" not in path and bool(_HOME.match(path))


def _host(url: str) -> str:
    rest = url.split("://", 1)[-1]
    netloc = rest.split("/", 1)[0].rsplit("@", 1)[-1]
    return netloc.split(":", 1)[0].lower().rstrip(".")


def gather_hosts(rows: Iterable[CdxRow], domain: str) -> dict[str, HostSeen]:
    """{host: HostSeen} of the rows under `domain` (the domain's own host included)."""
    domain = domain.lower()
    suffix = "." + domain
    hosts: dict[str, HostSeen] = {}
    for row in rows:
        host = _host(row.url)
        if host != domain and not host.endswith(suffix):
            continue
        seen = hosts.get(host)
        if seen is None:
            seen = hosts[host] = HostSeen(host)
        seen.add(row)
    return hosts


def _day(timestamp: str) -> str:
    ts = (timestamp + "00000000")[:8]
    return f"{ts[:4]}-{ts[4:6]}-{ts[6:8]}"


def page_title(body: bytes) -> str:
    from scraper.extract.decode import decode_html
    from scraper.extract.text import clean_text

    found = _TITLE.search(body[:_TITLE_BYTES])
    if not found:
        return ""
    return clean_text(decode_html(found.group(1), None))[:300]


def match_hosts(hosts: dict[str, HostSeen], domain: str, units: list[Site], *, client: CdxClient | None = None,
                replay_url: str | None = None, max_titles: int = 100) -> list[tuple[Site, HostCandidate]]:
    """(unit, candidate with evidence) for the hosts that are a unit's; the rest are left out.

    With `client` and `replay_url`, the home page of each one-label host is fetched raw (at most
    `max_titles`) and its title is evidence: it confirms a pattern match or finds a host whose
    label follows no pattern."""
    by_label: dict[str, list[Site]] = {}
    for unit in units:
        for label in labels_for(unit.unit_name, unit.unit_type) if unit.unit_name else ():
            by_label.setdefault(label, []).append(unit)
    found = []
    titles = 0
    for host in sorted(hosts):
        seen = hosts[host]
        label = host_label(host, domain)
        if label is None:
            continue
        evidence = [{"kind": "cdx", "source": client.cdx_url if client else "", "first": _day(seen.first),
                     "last": _day(seen.last), "captures": seen.captures, "urls": len(seen.urls)}]
        matched = list(by_label.get(label, []))
        title = ""
        if client is not None and replay_url and seen.home is not None and titles < max_titles:
            titles += 1
            title = _capture_title(client, replay_url, seen.home)
        if title:
            named = [u for u in units if u.unit_name and title_names_unit(title, u.unit_name, u.unit_type)]
            if named:
                matched = [u for u in matched if u in named] or named
                evidence.append({"kind": "title", "source": f"{replay_url}{seen.home.timestamp}id_/{seen.home.url}",
                                 "title": title})
        if len(matched) != 1:  # none, or a label two units share that no title settles
            continue
        found.append((matched[0], HostCandidate(host, evidence=evidence)))
    return found


def _capture_title(client: CdxClient, replay_url: str, row: CdxRow) -> str:
    try:
        status, _, body = client.get(f"{replay_url}{row.timestamp}id_/{row.url}")
    except ArchiveBlocked:
        raise
    except ArchiveError:
        return ""
    return page_title(body) if status == 200 else ""


def verify_host(host: str, unit: Site, *, timeout: float = 20.0, user_agent: str = USER_AGENT) -> HostCandidate:
    """Ask the host itself (DNS, then GET http://host/ following redirects): a `live` evidence item;
    verified when it answers 200 on its own host, moved when it ends on another host."""
    checked = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
    item: dict = {"kind": "live", "checked": checked}
    proxied = bool(urllib.request.getproxies()) and not urllib.request.proxy_bypass(host)
    if proxied:
        item["dns"] = "through a proxy"
    else:
        try:
            socket.getaddrinfo(host, 80, type=socket.SOCK_STREAM)
            item["dns"] = "ok"
        except OSError as exc:
            item["dns"] = f"no answer ({exc.strerror or exc})"
            return HostCandidate(host, evidence=[item])
    request = urllib.request.Request(f"http://{host}/", headers={"User-Agent": user_agent})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            item["status"] = response.status
            item["final_url"] = response.geturl()
            body = response.read(_TITLE_BYTES)
    except urllib.error.HTTPError as exc:
        item["status"] = exc.code
        item["final_url"] = exc.geturl() or f"http://{host}/"
        body = b""
    except (urllib.error.URLError, OSError, ValueError) as exc:
        item["error"] = str(getattr(exc, "reason", exc))[:200]
        return HostCandidate(host, evidence=[item])
    title = page_title(body)
    if title:
        item["title"] = title
    final_host = _host(item["final_url"])
    moved = final_host.removeprefix("www.") != host.removeprefix("www.")
    verified = item["status"] == 200 and not moved
    if verified and title and unit.unit_name and not title_names_unit(title, unit.unit_name, unit.unit_type):
        item["note"] = "the title does not name the unit"
    return HostCandidate(host, verified=verified, moved_to=final_host if moved else "", evidence=[item])
