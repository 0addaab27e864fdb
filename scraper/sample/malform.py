"""Malformed pages made from good ones: what hostile or broken portals send.

Each mutation is one way real pages go wrong (cut transfers, control characters pasted from
Word, binary garbage, broken markup, giant attributes, runaway nesting, charsets that lie). The
same seed gives the same pages, so a failure found by the chaos bench can be replayed.

    pages = malformed_pages([open("article.html", "rb").read()], 1000, seed=1)
"""
from __future__ import annotations

import random
import unicodedata
from typing import Callable, NamedTuple

__all__ = ["Malformed", "MUTATIONS", "cp1258", "malformed_pages"]


class Malformed(NamedTuple):
    name: str  # the mutation and its number
    body: bytes
    content_type: str  # the HTTP header it is served with


def cp1258(text: str) -> bytes:
    """windows-1258 as Vietnamese Windows writes it: a base letter, then a combining tone mark."""
    out = []
    for char in text:
        try:
            out.append(char.encode("cp1258"))
            continue
        except UnicodeEncodeError:
            pass
        base, *marks = unicodedata.normalize("NFD", char)
        for mark in marks:  # the circumflex, breve or horn stays with its letter (â, ă, ơ...)
            letter = unicodedata.normalize("NFC", base + mark)
            if len(letter) == 1 and letter.encode("cp1258", "ignore"):
                base = letter
                marks.remove(mark)
                break
        out.append((base + "".join(marks)).encode("cp1258", "replace"))
    return b"".join(out)


_HTML = "text/html; charset=utf-8"
_CONTROLS = [chr(c) for c in (*range(0, 9), 11, 12, *range(14, 32))] + ["\ufffe", "\uffff"]


def _truncate(page: bytes, rng: random.Random) -> tuple[bytes, str]:
    return page[:rng.randint(0, len(page))], _HTML


def _controls_in_text(page: bytes, rng: random.Random) -> tuple[bytes, str]:
    text = page.decode("utf-8", "replace")
    spots = sorted(rng.sample(range(len(text)), min(len(text), 40)), reverse=True)
    for at in spots:
        text = text[:at] + rng.choice(_CONTROLS) + text[at:]
    return text.encode("utf-8", "surrogatepass"), _HTML


def _controls_in_attribute_names(page: bytes, rng: random.Random) -> tuple[bytes, str]:
    junk = "".join(rng.choice(_CONTROLS[1:]) for _ in range(3))
    return page.replace(b"<p", f"<p data{junk}x=1 a\x07b".encode("utf-8")).replace(
        b"<img", f"<img x\x07{junk}=2".encode("utf-8")), _HTML


def _random_bytes(page: bytes, rng: random.Random) -> tuple[bytes, str]:
    data = bytearray(page)
    for _ in range(rng.randint(1, 200)):
        data[rng.randrange(len(data))] = rng.randrange(256)
    return bytes(data), _HTML


def _garbage(page: bytes, rng: random.Random) -> tuple[bytes, str]:
    return rng.randbytes(rng.randint(1, 20_000)), rng.choice([_HTML, "text/html", "application/octet-stream"])


def _broken_tags(page: bytes, rng: random.Random) -> tuple[bytes, str]:
    text = page.decode("utf-8", "replace")
    for _ in range(rng.randint(5, 60)):
        at = rng.randrange(len(text))
        text = text[:at] + rng.choice(["<", ">", "</div>", "<p", "<table><tr><td>", "<!--", "]]>", '"', "<script>",
                                      "</html>", "<html>", "<body>", "&#x0;", "&#7;", "&#xD800;", "&#1114112;"]) + text[at:]
    return text.encode("utf-8"), _HTML


def _huge_attribute(page: bytes, rng: random.Random) -> tuple[bytes, str]:
    value = b"x" * rng.randint(100_000, 2_000_000)
    return page.replace(b"<p", b'<p title="' + value + b'"', 1).replace(b"<img", b'<img alt="' + value[:50_000] + b'"'), _HTML


def _deep_nesting(page: bytes, rng: random.Random) -> tuple[bytes, str]:
    depth = rng.randint(300, 20_000)
    tag = rng.choice([b"div", b"span", b"b", b"table"])
    return page.replace(b"<p", (b"<" + tag + b">") * depth + b"<p", 1), _HTML


def _wrong_charset(page: bytes, rng: random.Random) -> tuple[bytes, str]:
    text = page.decode("utf-8", "replace")
    undeclared = text.replace("charset=utf-8", "").replace("charset='utf-8'", "").replace('charset="utf-8"', "") \
        .replace('charset="UTF-8"', "").replace("charset=UTF-8", "")
    choice = rng.randrange(5)
    if choice == 0:  # windows-1258, named nowhere
        return cp1258(undeclared), "text/html"
    if choice == 1:  # windows-1258, said to be UTF-8
        return cp1258(text), _HTML
    if choice == 2:  # UTF-8, said to be windows-1258
        return page, "text/html; charset=windows-1258"
    if choice == 3:  # UTF-8, said to be a charset nobody knows
        return page, "text/html; charset=x-unknown-1"
    return text.encode("utf-16"), "text/html; charset=utf-8"  # UTF-16 with a BOM, said to be UTF-8


def _nul_bytes(page: bytes, rng: random.Random) -> tuple[bytes, str]:
    at = rng.randrange(len(page))
    return page[:at] + b"\x00" * rng.randint(1, 50) + page[at:], _HTML


MUTATIONS: dict[str, Callable[[bytes, random.Random], tuple[bytes, str]]] = {
    "truncated": _truncate,
    "controls-in-text": _controls_in_text,
    "controls-in-attribute-names": _controls_in_attribute_names,
    "random-bytes": _random_bytes,
    "garbage": _garbage,
    "broken-tags": _broken_tags,
    "huge-attribute": _huge_attribute,
    "deep-nesting": _deep_nesting,
    "wrong-charset": _wrong_charset,
    "nul-bytes": _nul_bytes,
}


def malformed_pages(pages: list[bytes], count: int, seed: int = 1) -> list[Malformed]:
    """`count` malformed pages made from `pages` (UTF-8 HTML), every mutation in turn."""
    rng = random.Random(seed)
    names = list(MUTATIONS)
    out = []
    for n in range(count):
        name = names[n % len(names)]
        body, content_type = MUTATIONS[name](rng.choice(pages), rng)
        out.append(Malformed(f"{name}-{n}", body, content_type))
    return out
