"""Canonical URLs: one article reachable by two URLs is archived once.

Tracking parameters (utm_*, fbclid, gclid...) and fragments are dropped, scheme and host are
lower-cased and default ports removed. The rest of the query is kept exactly as the page wrote
it, in its order: portals route on the literal query string, so re-encoding or sorting it would
turn a working URL into a 404.
"""
from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit, urlunsplit

__all__ = ["canonical_url", "netloc_of"]

_TRACKING = re.compile(
    r"^(utm_[a-z_]*|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|igshid|mc_cid|mc_eid|_ga|_gl|zarsrc|zalo_src)$",
    re.I,
)
_DEFAULT_PORTS = {"http": 80, "https": 443}


def canonical_url(href: str, base: str | None = None) -> str | None:
    """The absolute canonical form of `href` (resolved against `base`), or None if not http(s)."""
    href = (href or "").strip()
    if not href:
        return None
    absolute = urljoin(base, href) if base else href
    try:
        parts = urlsplit(absolute)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        return None
    host = parts.hostname.lower()
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    query = "&".join(
        p for p in parts.query.split("&") if p and not _TRACKING.match(p.split("=", 1)[0])
    )
    return urlunsplit((scheme, netloc, parts.path or "/", query, ""))


def netloc_of(url: str) -> str:
    """`host[:port]` of a canonical URL (the unit a crawl stays on)."""
    return urlsplit(url).netloc.lower()
