"""Turning an extracted record (a plain dict) into what the archive stores.

Vietnamese text is NFC-normalised on the way in; the content hash covers every field that makes
an article a new version (everything but the view count and fetch details).
"""
from __future__ import annotations

import functools
import hashlib
import unicodedata
from urllib.parse import urlsplit

from archive.fields import COMPARED_FIELDS, RECORD_FIELDS, RECORD_TEXT_FIELDS
from archive.fold import fold
from archive.indexing import site_token

__all__ = ["normalise_record", "content_hash", "captions_text", "folded_fields", "KNOWN_KEYS"]

# "canonical": the address the page declares (the store keys the article by it: Archive._key_of)
KNOWN_KEYS = {*RECORD_FIELDS, "body_html", "canonical"}


def _nfc(value):
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    return value


def _as_dict(item, keys: tuple[str, ...]) -> dict:
    if isinstance(item, str):
        item = {keys[0]: item}
    elif not isinstance(item, dict):
        item = {k: getattr(item, k, None) for k in keys}
    return {k: _nfc(item.get(k)) for k in keys}


def normalise_record(record: dict) -> dict:
    """A clean copy: NFC text, int views, images/attachments as lists of plain dicts."""
    url = record.get("url")
    if not url or not isinstance(url, str):
        raise ValueError("an article record needs a 'url'")
    out = {"url": url.strip()}
    out["site"] = record.get("site") or urlsplit(out["url"]).netloc
    for key in RECORD_TEXT_FIELDS:
        out[key] = _nfc(record.get(key))
    views = record.get("views")
    try:
        out["views"] = int(views) if views is not None and views != "" else None
    except (TypeError, ValueError):
        out["views"] = None
    out["images"] = [_as_dict(i, ("url", "caption", "alt")) for i in record.get("images") or []]
    out["attachments"] = [_as_dict(a, ("url", "name")) for a in record.get("attachments") or []]
    out["body_html"] = record.get("body_html")
    canonical = record.get("canonical")
    out["canonical"] = canonical.strip() if isinstance(canonical, str) and canonical.strip() else None
    # fields extraction leaves empty (e.g. charset_guessed on a declared page) are not kept
    out["extra"] = {k: v for k, v in record.items() if k not in KNOWN_KEYS and v is not None}
    return out


def content_hash(rec: dict) -> str:
    """Hash of what a reader sees; a change means a new version."""
    parts = [rec.get(name) for name in COMPARED_FIELDS]
    parts += [f"{i['url']}\x1e{i['caption']}\x1e{i['alt']}" for i in rec.get("images", [])]
    parts.append("\x1d")
    parts += [f"{a['url']}\x1e{a['name']}" for a in rec.get("attachments", [])]
    # Unit separators cannot occur in extracted text, so distinct records give distinct inputs.
    blob = "\x1f".join("\x00" if p is None else p for p in parts).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()


def captions_text(images: list[dict]) -> str:
    return "\n".join(i["caption"] for i in images if i.get("caption"))


@functools.lru_cache(maxsize=4096)  # a few categories; a filtered search asks for its own per candidate
def category_token(category: str) -> str:
    """One FTS token standing for a category, folded like the text (accents and case do not part two
    categories); it begins with "category", so it is never a site's token."""
    return "category" + "".join(c for c in fold(category) if c.isalnum())


@functools.lru_cache(maxsize=4096)  # a few portals and categories; every save, fold and filtered search asks
def filter_tokens(site: str, category: str | None) -> str:
    """The `site` column of an index row: the tokens the site and category filters look up."""
    return f"{site_token(site)} {category_token(category)}" if category else site_token(site)


def folded_fields(title: str | None, body: str | None, captions: str | None, site: str,
                  category: str | None = None) -> tuple:
    return fold(title), fold(body), fold(captions), filter_tokens(site, category)


__all__ += ["category_token", "filter_tokens"]
