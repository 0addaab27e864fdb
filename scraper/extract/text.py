"""Text hygiene shared by every field: NFC, white space, invisible characters (decoding: decode.py)."""
from __future__ import annotations

import re
import unicodedata

__all__ = ["ExtractionError", "ElementTexts", "class_and_id", "clean_text", "element_text", "fold_label", "hidden_by_class",
           "hidden_by_style", "reads_as_sentence", "shows_text",
           "BLOCK_TAGS", "VIETNAMESE_LETTER"]


class ExtractionError(ValueError):
    """The input cannot be read as an HTML page (the message is one line, for the CLI)."""


# Zero-width characters are not white space to str.split(): SharePoint's editor leaves U+200B behind.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")

# a letter only Vietnamese writes (a name's line in another language is as often a heading's; a
# date in a Vietnamese label is written day-first whatever the page's `lang` says)
VIETNAMESE_LETTER = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯ\u1ea0-\u1ef9]")

BLOCK_TAGS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li ul ol dl dt dd table tbody thead tfoot tr td th blockquote pre section "
    "article header footer aside nav figure figcaption main address center form hr br fieldset details summary".split()
)


def clean_text(text: str | None) -> str:
    """NFC, invisible characters dropped, every run of white space (NBSP too) one plain space."""
    if not text:
        return ""
    if not text.isascii():
        # six substring tests cost a fraction of one regex pass over a paragraph
        if "\u200b" in text or "\u00ad" in text or "\ufeff" in text or "\u200c" in text or "\u200d" in text \
                or "\u2060" in text:
            text = _INVISIBLE.sub("", text)
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        if not text:
            return ""
    # Already single-spaced (most text nodes): isprintable() is False for every white space but
    # " " (NBSP, tabs, newlines...), so the split and join would give the same string back.
    if text.isprintable() and text[0] != " " and text[-1] != " " and "  " not in text:
        return text
    # str.split() splits on NBSP and the other Unicode spaces too.
    return " ".join(text.split())


# A date line is short; a sentence of more words ending as sentences do is the text's, whatever
# dates it speaks of (WordPress's "Đăng bởi ... vào lúc ... trong chuyên mục ... | Không có bình
# luận" is 29 words, with no full stop).
_SENTENCE_WORDS = 25


def reads_as_sentence(text: str, endings: tuple[str, ...] = (".", "…")) -> bool:
    """More words than a date or byline line holds, ending as a sentence of the text does."""
    text = text.rstrip()
    return text.endswith(endings) and len(text.split()) > _SENTENCE_WORDS


def fold_label(text: str) -> str:
    """Lower-case NFC text for label matching ("Lượt Xem:" == "lượt xem:")."""
    return clean_text(text).lower()


def class_and_id(el) -> str:
    """An element's class and id attributes, joined by a space (what name patterns are tested on)."""
    cls, ident = el.get("class"), el.get("id")
    if cls and ident:
        return f"{cls} {ident}"
    return cls or ident or ""


# Classes that hide an element from readers (screen-reader-only text, schema.org copies)...
# (Liferay's `hide-accessible`: a heading for screen readers, the page's <title> again; Drupal 7's
# `element-invisible`: its trail's heading "Bạn đang ở đây"; Webflow's `w-condition-invisible`, a field
# its conditional visibility hides, still written: a day-only post's "05/03/2024 - 00:00")
# (a design system's own prefix on the screen-reader class: CivicTheme's `ct-visually-hidden`, GOV.UK's
# `govuk-visually-hidden`, the French state's `fr-sr-only`)
_INVISIBLE_CLASS = re.compile(r"(^|\s)(hidden|d-none|hide|hide-accessible|element-hidden|"
                              r"(?:[a-z0-9]+-)*(?:invisible|sr-only|visually-hidden|visuallyhidden|screen-reader-text))(\s|$)")
# ...unless another shows it from some screen width on (Tailwind `hidden lg:flex`, Bootstrap
# `d-none d-md-block`): a desktop page shows it, and on one web-eval page it held the article.
_SHOWN_FROM = re.compile(r"(^|\s)([a-z0-9]+:|d-[a-z]+-)(block|flex|grid|inline|inline-block|inline-flex|table|contents)"
                         r"(\s|$)")


def hidden_by_style(style: str | None) -> bool:
    """Whether an inline style hides the element (`display: none`)."""
    return bool(style) and "none" in style.lower() and "display:none" in style.replace(" ", "").lower()


def hidden_by_class(cls: str | None) -> bool:
    """Whether class words hide an element from readers on every screen."""
    return bool(cls) and bool(_INVISIBLE_CLASS.search(cls)) and not _SHOWN_FROM.search(cls)


def unsearched(el) -> bool:
    """Marked for the site's own search index to skip (Pagefind's `data-pagefind-ignore`, a static
    site's search): the page's furniture by its maker's word, an old portal's "moved from the old
    site" note, share and tag bars; never the article's text."""
    return el.get("data-pagefind-ignore") is not None


def element_text(el) -> str:
    """The visible text of an element: inline pieces joined as written (no space added between spans)."""
    if not len(el):  # a leaf (most links, spans, headings): its own text, as _collect would give it
        tag = el.tag
        return clean_text(el.text) if isinstance(tag, str) and tag and tag not in _SKIP else ""
    parts: list[str] = []
    _collect(el, parts)
    return clean_text("".join(parts))


def shows_text(el) -> bool:
    """Whether element_text(el) is not empty, told from its first piece with a visible character:
    a wrapper's whole text is not joined and cleaned for it (the next block after a title, climbing
    to the body's wrapper: 1% of a writer's page)."""
    return any(_visible(piece) for piece in _text_pieces(el))


def _visible(piece: str) -> bool:
    """A piece clean_text keeps something of: more than white space and invisible characters."""
    if piece.isascii():
        return not piece.isspace()
    return bool(_INVISIBLE.sub("", piece).strip())


def _text_pieces(el):
    """The pieces _collect joins, in its order (without the spaces it sets around blocks)."""
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in _SKIP:
        return
    if tag and el.text:
        yield el.text
    for child in el:
        if isinstance(child.tag, str) and child.tag:
            yield from _text_pieces(child)
        if child.tail:
            yield child.tail


# (rt, rp: a ruby's reading aids, printed small above the words they gloss, are not the text)
_SKIP = frozenset(["script", "style", "noscript", "template", "select", "option", "button", "textarea", "rt", "rp"])


def _collect(el, parts: list[str], child_text=None) -> None:
    """The text pieces of `el` in order; a child's own pieces come from `child_text(child)` when given."""
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in _SKIP:
        return
    if tag and el.text:
        parts.append(el.text)
    for child in el:
        ctag = child.tag if isinstance(child.tag, str) else ""
        if ctag:
            block = ctag in BLOCK_TAGS
            if block:
                parts.append(" ")
            if child_text is None:
                _collect(child, parts)
            else:
                parts.append(child_text(child))
            if block:
                parts.append(" ")
        if child.tail:
            parts.append(child.tail)


class ElementTexts:
    """element_text of many elements of one tree that is not changed meanwhile, each subtree read once.

    Scoring a page for its body asks for the text of every paragraph, then of their parents and
    grandparents, then of every link inside those: with the pieces of each subtree kept, a parent
    joins its children's pieces instead of walking them again.
    """

    __slots__ = ("_raw", "_clean")

    def __init__(self):
        self._raw: dict = {}
        self._clean: dict = {}

    def forget_ancestors(self, el) -> None:
        """Before `el` is removed (or its tail moved): the texts of its ancestors change, no other's."""
        for anc in el.iterancestors():
            self._raw.pop(anc, None)
            self._clean.pop(anc, None)

    def __call__(self, el) -> str:
        text = self._clean.get(el)
        if text is None:
            text = self._clean[el] = clean_text(self._raw_text(el))
        return text

    def _raw_text(self, el) -> str:
        raw = self._raw.get(el)
        if raw is None:
            if len(el):
                parts: list[str] = []
                _collect(el, parts, self._raw_text)  # each child's pieces joined once, kept for its parent
                raw = "".join(parts)
            else:  # a leaf: its own text as _collect gives it, without a list to join (most elements)
                tag = el.tag
                raw = (el.text or "") if isinstance(tag, str) and tag and tag not in _SKIP else ""
            self._raw[el] = raw
        return raw
