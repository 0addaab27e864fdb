"""The pure half of saving an article: everything that needs no database.

Normalising the record, its content hash, the folded search text, the search key's time part and
the raw page's digest are ~30% of the CPU of `Archive.save_article` and touch no connection.
(Preparing in one thread while a second ran SQLite was tried: the two threads' handing the GIL
back and forth on every SQLite call cost more CPU than the overlap saved, no faster on two cores.)
"""
from __future__ import annotations

import hashlib
import json
import zlib
from dataclasses import dataclass

from archive.records import captions_text, content_hash, folded_fields, normalise_record
from archive.schema import search_key

__all__ = ["Prepared", "RawPage", "prepare", "folded", "html_blob"]


@dataclass(slots=True)
class RawPage:
    body: bytes
    content_type: str | None
    sha256: str


@dataclass(slots=True)
class Prepared:
    rec: dict
    digest: str
    key_time: int  # search_key without the article id (publication minute << 32)
    now: str
    run_id: int | None
    provenance: str
    observed: bool
    extra: str | None
    raw: RawPage | None


def prepare(record: dict, *, raw_body: bytes | None, content_type: str | None, run_id: int | None,
            now: str, provenance: str, observed: bool) -> Prepared:
    rec = normalise_record(record)
    if not observed:
        rec["views"] = None
    raw = None
    if raw_body is not None:
        raw = RawPage(raw_body, content_type, hashlib.sha256(raw_body).hexdigest())
    # Folding and the HTML blob are left to the writes that need them: an unchanged article
    # (most of a re-crawl) needs neither.
    return Prepared(rec=rec, digest=content_hash(rec), key_time=search_key(rec["published"], 0), now=now,
                    run_id=run_id, provenance=provenance, observed=observed, extra=_extra(rec), raw=raw)


def folded(rec: dict) -> tuple:
    """Folded title, body, captions, and the site and category tokens: what the search indexes get."""
    return folded_fields(rec["title"], rec["body"], captions_text(rec["images"]), rec["site"], rec["category"])


def html_blob(p: Prepared) -> bytes | None:
    """The article's own HTML, zlib-compressed; kept only when there is no raw page (which holds it)."""
    html = p.rec.get("body_html")
    if p.raw is not None or not html:
        return None
    return zlib.compress(html.encode("utf-8"), 6)


def _extra(rec: dict) -> str | None:
    return json.dumps(rec["extra"], ensure_ascii=False, default=str) if rec["extra"] else None
