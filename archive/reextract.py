"""Re-extraction over stored raw pages; the extractor is passed in (the archive never parses HTML)."""
from __future__ import annotations

from collections.abc import Callable

from archive.store import Archive

__all__ = ["reextract_all"]


def reextract_all(archive: Archive, extract: Callable[[bytes, str, str | None], dict], *, site: str | None = None,
                  url: str | None = None) -> dict:
    """Extract every archived article's latest raw page again and save changes as new versions.

    `extract(body, url, content type as fetched)` returns the record."""
    summary = {"pages": 0, "updated": 0, "unchanged": 0, "new": 0, "failed": 0, "failures": []}
    for page_url, body, content_type, _fetched_at in archive.raw_pages(site=site, url=url, articles_only=True):
        summary["pages"] += 1
        try:
            record = extract(body, page_url, content_type)
        except Exception as exc:  # one bad page must not stop the rest
            summary["failed"] += 1
            summary["failures"].append({"url": page_url, "error": f"{type(exc).__name__}: {exc}"})
            continue
        record["url"] = page_url  # the archive's identity for this page, whatever canonical it names
        outcome = archive.save_article(record, provenance="reextract", observed=False)
        summary[outcome] += 1
    return summary
