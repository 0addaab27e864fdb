"""Adding what was learnt about hosts to a registry entry, without losing what it already held."""
from __future__ import annotations

from dataclasses import replace

from scraper.registry import HostCandidate, Site
from scraper.registry.names import labels_for

__all__ = ["merge_candidates", "evidence_key"]


def evidence_key(item: dict) -> tuple:
    """Two evidence items with this key are the same observation (the newer one replaces it)."""
    return item.get("kind", ""), item.get("source", ""), item.get("note", "")


def _merge_one(old: HostCandidate, new: HostCandidate) -> HostCandidate:
    items = {evidence_key(e): e for e in old.evidence}
    for e in new.evidence:
        items[evidence_key(e)] = e
    return HostCandidate(host=old.host, verified=old.verified or new.verified,
                         moved_to=new.moved_to or old.moved_to, evidence=list(items.values()))


def merge_candidates(site: Site, found: list[HostCandidate]) -> Site:
    """`site` with `found` merged into its candidates (by host); a unit with no start URL gets
    its best candidate's (verified first, then most evidence), unless that host has moved."""
    by_host = {c.host: c for c in site.candidates}
    for candidate in found:
        by_host[candidate.host] = _merge_one(by_host[candidate.host], candidate) if candidate.host in by_host \
            else candidate
    candidates = tuple(by_host.values())
    start_urls = site.start_urls
    if not start_urls:
        usable = [c for c in candidates if not c.moved_to and c.evidence]
        if usable:
            own = labels_for(site.unit_name, site.unit_type) if site.unit_name else set()
            # an own-name host before a predecessor's (tpthuduc before quan2 for Thủ Đức)
            best = max(usable, key=lambda c: (c.verified, _first_label(c.host) in own, len(c.kinds()),
                                              len(c.evidence)))
            start_urls = (f"http://{best.host}/",)
    return replace(site, candidates=candidates, start_urls=start_urls,
                   verified=site.verified or any(c.verified for c in candidates))


def _first_label(host: str) -> str:
    return host.removeprefix("www.").split(".")[0]
