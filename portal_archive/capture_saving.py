"""Saving archived captures (WARC import, Wayback recovery) into the archive, with provenance.

Shared by `import-warc` and `recover`; not a command itself.
"""
from __future__ import annotations

from typing import Callable, Iterable

from archive.store import Archive

__all__ = ["save_captures"]


def save_captures(db_path: str, pairs: Iterable, *, media: Callable[[str], tuple | None] | None = None,
                  media_dir: str | None = None, settings: dict | None = None,
                  summary: Callable[[], dict] | None = None) -> dict:
    """Store each (capture, record) pair as an article seen at the capture's date; returns counts.

    `media(url, capture)` gives (body, content type, pointer) of an image/attachment captured alongside,
    stored content-addressed in `media_dir`. `summary()`, called once the pairs are all read,
    adds to the run's stored summary (what the source skipped, where it broke).
    """
    from scraper.media_store import store_media

    counts = {"new": 0, "updated": 0, "unchanged": 0}
    archive = Archive(db_path)
    try:
        run_id = archive.start_run(settings or {}, [])
        sites: set[str] = set()
        for capture, record in pairs:
            record["warc"] = capture.pointer
            if media is not None and media_dir:
                record["media"] = _media(record, capture, media, media_dir, store_media)
            outcome = archive.save_capture(record, captured_at=capture.captured_at, provenance=capture.provenance,
                                           raw_body=capture.body, content_type=capture.content_type, run_id=run_id)
            counts[outcome] = counts.get(outcome, 0) + 1
            sites.add(record.get("site") or "")
        archive.flush()
        archive.finish_run(run_id, {**counts, "sites": sorted(s for s in sites if s), **(summary() if summary else {})})
    finally:
        archive.close()
    return counts


def _media(record: dict, capture, media: Callable, media_dir: str, store_media: Callable) -> list[dict]:
    out = []
    for role, key in (("image", "images"), ("attachment", "attachments")):
        for position, entry in enumerate(record.get(key) or []):
            found = media(entry.get("url") or "", capture)
            if found is None:
                continue
            body, content_type, pointer = found
            out.append({"url": entry["url"], "sha256": store_media(media_dir, body), "content_type": content_type,
                        "size": len(body), "warc": pointer, "role": role, "position": position})
    return out
