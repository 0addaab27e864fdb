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

try:  # Zstandard is in the standard library from Python 3.14
    from compression import zstd
except ImportError:
    from backports import zstd

__all__ = ["Prepared", "RawPage", "prepare", "new_compressor", "compress"]


@dataclass(slots=True)
class RawPage:
    body: bytes
    content_type: str | None
    sha256: str
    blob: bytes | None = None  # zstd frame; made only when the page is stored (see `compress`)


@dataclass(slots=True)
class Prepared:
    rec: dict
    digest: str
    folded: tuple  # folded title, body, captions, site token (archive.records.folded_fields)
    key_time: int  # search_key without the article id (publication minute << 32)
    now: str
    run_id: int | None
    provenance: str
    observed: bool
    html_blob: bytes | None  # the article's own HTML, kept only when there is no raw page
    extra: str | None
    raw: RawPage | None


def new_compressor() -> "zstd.ZstdCompressor":
    # Raw pages are kept as zstd frames: as small as zlib's level 6 at twice zlib level 1's speed.
    return zstd.ZstdCompressor(level=3)


def compress(compressor: "zstd.ZstdCompressor", raw: RawPage) -> bytes:
    if raw.blob is None:
        raw.blob = compressor.compress(raw.body, mode=zstd.ZstdCompressor.FLUSH_FRAME)
    return raw.blob


def prepare(record: dict, *, raw_body: bytes | None, content_type: str | None, run_id: int | None,
            now: str, provenance: str, observed: bool) -> Prepared:
    rec = normalise_record(record)
    if not observed:
        rec["views"] = None
    raw = None
    if raw_body is not None:
        raw = RawPage(raw_body, content_type, hashlib.sha256(raw_body).hexdigest())
    return Prepared(
        rec=rec, digest=content_hash(rec),
        folded=folded_fields(rec["title"], rec["body"], captions_text(rec["images"]), rec["site"]),
        key_time=search_key(rec["published"], 0), now=now, run_id=run_id, provenance=provenance,
        observed=observed, html_blob=_html_blob(rec, raw_body is None), extra=_extra(rec), raw=raw,
    )


def _html_blob(rec: dict, keep: bool) -> bytes | None:
    # The raw page holds the HTML when it is given; otherwise keep the article's own HTML.
    html = rec.get("body_html")
    if not keep or not html:
        return None
    return zlib.compress(html.encode("utf-8"), 6)


def _extra(rec: dict) -> str | None:
    return json.dumps(rec["extra"], ensure_ascii=False, default=str) if rec["extra"] else None
