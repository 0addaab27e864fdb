"""Datasette's own pages (/archive, its tables, rows and queries) in the reader's language.

Datasette 0.65 has no translations: its templates and a few of its views write English. Rather
than keep edited copies of its templates, its templates are worded as they load: every English
phrase of the catalogue's [datasette] section (en.toml holds Datasette's own wording, vi.toml
ours) found in a template's text, or in a button's or a title's attribute, becomes a catalogue
look-up made per request; "N row(s)" plurals and "1,599" counts become the catalogue's plural
and the pages' number format. Text a view computes in English (a filter's operator, the
"where … sorted by …" line, show/hide) goes through `in_reader_language`. Data (cell values,
table and column names, SQL) is never touched: only the templates' literal text is.
"""
from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import datasette
from jinja2 import BaseLoader, Environment
from markupsafe import Markup

from archive.web import i18n

__all__ = ["DatasetteWords", "worded", "in_reader_language", "phrase_keys", "SECTION"]

SECTION = "datasette"
_DATASETTE_TEMPLATES = str(Path(datasette.__file__).resolve().parent / "templates")
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
# `{{ "{:,}".format(n) }}`: English thousands (1,599) -> the pages' own (1.599)
_COUNT = re.compile(r"""\{\{\s*"\{:,\}"\.format\((?P<n>[^{}]+?)\)\s*\}\}""")
# `row{% if n == 1 %}{% else %}s{% endif %}`, `clause{% if n != 1 %}s{% endif %}`: up to three words
_PLURAL = re.compile(r"(?<![\w-])(?P<words>(?:[A-Za-z]+ ){0,2}[A-Za-z]+)"
                     r"\{%-?\s*if (?P<cond>[^%]+?) (?P<op>==|!=) 1\s*-?%\}(?:\{%-?\s*else\s*-?%\})?s\{%-?\s*endif\s*-?%\}")
# Variables Datasette's views fill with English words
_COMPUTED = re.compile(r"\{\{\s*(?P<name>display|human_description_en|show_hide_text|error|facet\.type|facet_info\.type)\s*\}\}")
_TAG = re.compile(r"<[^>]*>")
_SKIPPED = re.compile(r"<(script|style|textarea|pre)\b.*?</\1>", re.S | re.I)
_READ_ATTRIBUTE = re.compile(r"""(?P<head>\b(?:value|title|placeholder|aria-label)=")(?P<text>[^"]*)(?=")""")


@cache
def phrase_keys() -> dict[str, str]:
    """{Datasette's English phrase: catalogue key}, longest phrase first."""
    english = {key: text for key, text in i18n.catalogue("en").items() if key.startswith(SECTION + ".")}
    return dict(sorted(((text, key) for key, text in english.items() if isinstance(text, str)),
                       key=lambda pair: -len(pair[0])))


@cache
def _phrase_pattern() -> re.Pattern:
    return re.compile(r"(?<![\w-])(%s)(?![\w-])" % "|".join(re.escape(p) for p in phrase_keys()))


def _look_up(phrase: str) -> str:
    return '{{ pa_words(%r) }}' % phrase


def _in_text(text: str) -> str:
    return _phrase_pattern().sub(lambda m: _look_up(m.group(1)), text)


def worded(source: str) -> str:
    """A Datasette template with its English phrases turned into look-ups in the reader's language."""
    source = _COUNT.sub(lambda m: "{{ (%s)|pa_number }}" % m.group("n").strip(), source)

    def plural(m: re.Match) -> str:
        one, many = m.group("words"), m.group("words") + "s"
        if m.group(0).count("{%") == 2:  # `{% if n != 1 %}s{% endif %}`
            singular_when = f"not ({m.group('cond')} {m.group('op')} 1)"
        else:  # `{% if n == 1 %}{% else %}s{% endif %}`
            singular_when = f"({m.group('cond')} {m.group('op')} 1)"
        return "{{ pa_words(%r) if %s else pa_words(%r) }}" % (one, singular_when, many)

    source = _PLURAL.sub(plural, source)
    source = _COMPUTED.sub(lambda m: "{{ pa_words(%s) }}" % m.group("name"), source)
    # Jinja's own tags are set aside (their words are code); then only text between HTML tags and
    # the attributes people read are worded, never a script, a style, an SQL box or a class name.
    kept: list[str] = []

    def keep(m: re.Match) -> str:
        kept.append(m.group(0))
        return f"\x00{len(kept) - 1}\x00"

    source = _JINJA.sub(keep, source)
    source = _SKIPPED.sub(keep, source)
    out, last = [], 0
    for tag in _TAG.finditer(source):
        out.append(_in_text(source[last:tag.start()]))
        out.append(_READ_ATTRIBUTE.sub(lambda m: m.group("head") + _in_text(m.group("text")), tag.group(0)))
        last = tag.end()
    out.append(_in_text(source[last:]))
    source = "".join(out)
    while "\x00" in source:  # kept pieces may hold kept pieces (a tag inside a <script> block)
        source = re.sub(r"\x00(\d+)\x00", lambda m: kept[int(m.group(1))], source)
    return source


_QUOTED = re.compile(r'("[^"]*")')


def in_reader_language(translate: i18n.Translator):
    """`pa_words(text)` for Datasette's templates: a known English phrase in the reader's language;
    a sentence a view made ("where title contains "x" sorted by id descending") phrase by phrase,
    leaving quoted values as they are; anything else unchanged."""
    keys = phrase_keys()

    def words(text) -> Markup:
        if text is None or text == "":
            return Markup("")
        if isinstance(text, i18n.Message):  # one of our pages' errors (views.py)
            return translate.message(text)
        if isinstance(text, Markup):  # an error Datasette wrote as HTML
            return text
        text = str(text)
        if text in keys:
            return translate(keys[text])
        pieces = _QUOTED.split(text)
        return Markup("").join(
            Markup.escape(piece) if n % 2 else
            Markup(_phrase_pattern().sub(lambda m: str(Markup.escape(translate(keys[m.group(1)]))),
                                         str(Markup.escape(piece))))
            for n, piece in enumerate(pieces))

    return words


class DatasetteWords(BaseLoader):
    """Datasette's template loader, with its own templates worded as they load (`worded`)."""

    def __init__(self, inner: BaseLoader):
        self.inner = inner

    def get_source(self, environment: Environment, template: str):
        source, filename, uptodate = self.inner.get_source(environment, template)
        if filename and str(Path(filename).resolve()).startswith(_DATASETTE_TEMPLATES):
            source = worded(source)
        return source, filename, uptodate

    def list_templates(self):
        return self.inner.list_templates()
