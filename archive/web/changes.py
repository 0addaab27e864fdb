"""What changed between two versions of an article, as data a template can show escaped."""
from __future__ import annotations

import difflib
import re

from archive.fields import COMPARED_FIELDS, FIELD

__all__ = ["version_changes", "word_diff"]

# Unchanged stretches longer than this many words are shortened to their ends.
_CONTEXT_WORDS = 12
# Above this many tokens a word diff gets slow (SequenceMatcher is quadratic at worst): diff lines.
_MAX_WORD_TOKENS = 6000
_TOKEN = re.compile(r"\s+|[^\s]+")
_LINE = re.compile(r"[^\n]*\n|[^\n]+")


def word_diff(old: str | None, new: str | None) -> list[tuple[str, str]]:
    """[(op, text)] with op "same", "removed", "added" or "skip" (a shortened unchanged stretch)."""
    old_tokens = _TOKEN.findall(old or "")
    new_tokens = _TOKEN.findall(new or "")
    if len(old_tokens) + len(new_tokens) > _MAX_WORD_TOKENS:
        old_tokens, new_tokens = _LINE.findall(old or ""), _LINE.findall(new or "")
    matcher = difflib.SequenceMatcher(a=old_tokens, b=new_tokens, autojunk=False)
    parts: list[tuple[str, str]] = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.extend(_shortened(old_tokens[a1:a2]))
            continue
        if op in ("delete", "replace"):
            parts.append(("removed", "".join(old_tokens[a1:a2])))
        if op in ("insert", "replace"):
            parts.append(("added", "".join(new_tokens[b1:b2])))
    return parts


def _shortened(tokens: list[str]) -> list[tuple[str, str]]:
    words = [i for i, t in enumerate(tokens) if not t.isspace()]
    if len(words) <= 2 * _CONTEXT_WORDS:
        return [("same", "".join(tokens))]
    head_end = words[_CONTEXT_WORDS - 1] + 1
    tail_start = words[-_CONTEXT_WORDS]
    return [("same", "".join(tokens[:head_end])), ("skip", " … "), ("same", "".join(tokens[tail_start:]))]


def _image_key(image: dict) -> str:
    return image.get("url") or ""


def version_changes(old: dict, new: dict) -> dict:
    """Changes from `old` to `new` (dicts with the compared fields of archive.fields, and images).

    A field compared by words (the body) gives a word diff, the others their old and new value."""
    fields, body = [], []
    for name in COMPARED_FIELDS:
        if (old.get(name) or "") == (new.get(name) or ""):
            continue
        if FIELD[name].compared == "words":
            body = word_diff(old.get(name), new.get(name))
        else:
            fields.append({"field": name, "old": old.get(name), "new": new.get(name)})
    old_images = {_image_key(i): i for i in old.get("images") or []}
    new_images = {_image_key(i): i for i in new.get("images") or []}
    images = []
    for url, image in new_images.items():
        if url not in old_images:
            images.append({"change": "added", "url": url, "caption": image.get("caption")})
        elif (old_images[url].get("caption") or "") != (image.get("caption") or ""):
            images.append({"change": "caption", "url": url, "old": old_images[url].get("caption"),
                           "caption": image.get("caption")})
    for url, image in old_images.items():
        if url not in new_images:
            images.append({"change": "removed", "url": url, "caption": image.get("caption")})
    return {"fields": fields, "body": body, "images": images,
            "changed": bool(fields or body or images)}
