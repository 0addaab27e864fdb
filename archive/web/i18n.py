"""The pages' words: Vietnamese, the readers' language, by default; English on request.

The words are data, one catalogue per language (locales/vi.toml, locales/en.toml: a [section]
per page, the same keys in both). A reader switches with `?lang=en` (or `?lang=vi`); the choice
is kept in a cookie and in the links of every page, so a shared link opens in the same language.
Numbers (1.599) and dates (day first, Vietnam time) read the same in both languages.
"""
from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

from markupsafe import Markup

__all__ = ["LANGUAGES", "DEFAULT", "COOKIE", "Message", "Translator", "catalogue", "language_of", "asked_for",
           "with_language", "switch_link", "args_without_language", "vietnamese_number"]

LANGUAGES = ("vi", "en")
DEFAULT = "vi"
COOKIE = "pa_lang"
_LOCALES = Path(__file__).resolve().parent / "locales"


@cache
def catalogue(lang: str) -> dict[str, str | dict]:
    """{"section.key": text or {"one": ..., "other": ...}} for one language."""
    with open(_LOCALES / f"{lang}.toml", "rb") as f:
        tree = tomllib.load(f)
    flat: dict[str, str | dict] = {}
    for section, entries in tree.items():
        for key, text in entries.items():
            flat[f"{section}.{key}"] = text
    return flat


def vietnamese_number(value) -> str:
    """1599 -> '1.599': Vietnamese readers group thousands with dots (kept in English too)."""
    if value is None:
        return ""
    return f"{int(value):,}".replace(",", ".")


class Message(str):
    """A message for people: reads as its English text (JSON, logs), and carries the catalogue
    key and values a page translates it with."""

    key: str
    values: dict

    def __new__(cls, key: str, **values):
        message = super().__new__(cls, Translator("en").entry(key).format(**values))  # plain text, unescaped
        message.key, message.values = key, values
        return message


class Translator:
    """`t("search.title")`, `t("home.articles", count=n)`: the catalogue's text with the values
    put in (escaped: the catalogue may hold markup, a value never does). A key missing from the
    catalogue shows as itself, which the page tests look for."""

    def __init__(self, lang: str):
        self.lang = lang if lang in LANGUAGES else DEFAULT
        self._entries = catalogue(self.lang)

    def entry(self, key: str, count: int | None = None) -> str:
        """The catalogue's text for `key` (the key itself when the catalogue lacks it)."""
        entry = self._entries.get(key, key)
        if isinstance(entry, dict):  # plural forms: English has them, Vietnamese does not
            entry = entry["one" if count == 1 else "other"]
        return entry

    def __call__(self, key: str, count: int | None = None, **values) -> Markup:
        if key not in self._entries:
            return Markup.escape(key)
        if count is not None:
            values["count"] = vietnamese_number(count)
        return Markup(self.entry(key, count)).format(**values)

    def plain(self, message) -> str:
        """A `Message` as plain text in this language (a text/plain answer); any other text as it is."""
        if isinstance(message, Message):
            return self.entry(message.key).format(**message.values)
        return str(message)

    def message(self, message) -> Markup:
        """A `Message` in this language; any other text as it is."""
        if isinstance(message, Message):
            return self(message.key, **message.values)
        return Markup.escape(message)


def asked_for(request) -> str | None:
    """The language the address asks for (`?lang=`), if it names one we have."""
    asked = request.args.get("lang") if request is not None else None
    return asked if asked in LANGUAGES else None


def language_of(request) -> str:
    """The address's `?lang=`, else the reader's cookie, else Vietnamese."""
    if request is None:
        return DEFAULT
    kept = request.cookies.get(COOKIE)
    return asked_for(request) or (kept if kept in LANGUAGES else DEFAULT)


def with_language(url: str | None, lang: str) -> str | None:
    """A link of ours that keeps the reader's language (Vietnamese links stay as they are)."""
    if not url or lang == DEFAULT or not url.startswith("/") or url.startswith("//"):
        return url
    parts = urlsplit(url)
    pairs = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "lang"]
    pairs.append(("lang", lang))
    return f"{parts.path}?{urlencode(pairs)}" + (f"#{parts.fragment}" if parts.fragment else "")


def args_without_language(request) -> list[tuple[str, str]]:
    """The address's query pairs, in order, less `lang`."""
    args = request.args if request is not None else None
    return [(k, v) for k in (args.keys() if args else []) if k != "lang" for v in args.getlist(k)]


def switch_link(request, lang: str) -> tuple[str, str]:
    """(href, language) of the link to this same page in the other language."""
    other = "en" if lang == "vi" else "vi"
    path = request.path if request is not None else "/"
    pairs = args_without_language(request) + [("lang", other)]
    return f"{path}?{urlencode(pairs)}", other
