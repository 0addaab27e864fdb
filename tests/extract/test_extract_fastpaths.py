"""The fast paths of extraction give what the plain ways give, on every page of every sample portal.

Each shortcut (class/id index, memoised element texts, clean_text's already-clean test, the
substring test before a family's class pattern, plain etree link texts) is checked against the
straightforward computation it replaces, so a later change cannot make them drift apart.
"""
from __future__ import annotations

import json
import re
import unicodedata

import lxml.etree
import lxml.html
import pytest
from lxml.cssselect import CSSSelector

from scraper.extract import extract_article
from scraper.extract.article import parse_html
from scraper.extract.families import _load, _names, recognise, score
from scraper.extract.listing import _document, _text_of
from scraper.extract.select import PageIndex
from scraper.extract.decode import decode_html
from scraper.extract.text import ElementTexts, clean_text, element_text
from tests.conftest import PORTALS


def _pages() -> list[tuple[str, bytes]]:
    out = []
    for manifest_path in sorted(PORTALS.glob("*/manifest.json")):
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        for route, entry in sorted(manifest["routes"].items()):
            name = entry.get("file") or ""
            if name.endswith((".html", ".htm")):
                out.append((route, (manifest_path.parent / "pages" / name).read_bytes()))
    return out


PAGES = _pages()


def test_there_are_pages_to_check():
    assert len(PAGES) > 20


@pytest.mark.parametrize("route,body", PAGES, ids=[r for r, _ in PAGES])
def test_memoised_texts_equal_element_text(route, body):
    tree = parse_html(body)
    texts = ElementTexts()
    # parents after their children and the other way round: the memo must not depend on the order
    elements = [el for el in tree.iter() if isinstance(el.tag, str)]
    for el in elements + elements[::-1]:
        assert texts(el) == element_text(el)


@pytest.mark.parametrize("route,body", PAGES, ids=[r for r, _ in PAGES])
def test_page_index_answers_as_cssselect(route, body):
    tree = parse_html(body)
    index = PageIndex(tree)
    names = {t for v in tree.xpath("//@class") for t in v.split()} | set(tree.xpath("//@id"))
    for name in names:
        assert name in index
    assert "no-such-class-anywhere" not in index
    selectors = {css for family in _names() for field in _load(family).get("article", {}).values()
                 for css in field if PageIndex.is_simple(css)}
    assert selectors
    for css in sorted(selectors):
        assert set(index.select(css)) == set(CSSSelector(css)(tree)), css
        assert index.select(css) == index.select(css)  # kept per page, handed out as fresh lists


@pytest.mark.parametrize("text", [
    "", "  ", "plain words", " leading", "trailing ", "two  spaces", "tab\there", "line\nbreak",
    "nbsp\u00a0here", "thin\u2009space", "zero\u200bwidth", "soft\u00adhyphen", "\ufeffbom", "word\u2060joiner",
    "Vie\u0302\u0323t Nam", "Việt Nam", "Việt\u00a0 Nam ", "\u3000ideographic\u3000", "x\u1680y", "a\x1cb",
])
def test_clean_text_equals_the_plain_rule(text):
    plain = unicodedata.normalize("NFC", re.sub("[\u200b\u200c\u200d\u2060\ufeff\u00ad]", "", text))
    assert clean_text(text) == " ".join(plain.split())


def test_class_words_count_only_as_whole_attribute_words():
    """The substring test before the pattern only saves time: a class word inside a longer word
    (or unquoted) still does not count, a quoted or space-separated one does."""
    for name in _names():
        classes = _load(name).get("detect", {}).get("classes", [])
        assert classes
        inside = " ".join(f'"x{c}y"' for c in classes)
        assert score(inside, "", name) == 0
        words = " ".join(f"class='a {c}'" for c in classes)
        assert score(words, "", name) >= len(classes)


@pytest.mark.parametrize("route,body", PAGES, ids=[r for r, _ in PAGES])
def test_recognise_on_text_counts_classes_as_the_pattern_does(route, body):
    html = decode_html(body)
    url = "http://127.0.0.1:8000" + route
    for name in _names():
        classes = _load(name).get("detect", {}).get("classes", [])
        expected = sum(1 for c in classes if re.search(r"[\"'\s]" + re.escape(c) + r"[\"'\s]", html))
        # the same page text with the URL, generator and markers out of play: classes alone
        assert score(html, "", name, generator="") - _marker_points(html, name, expected) == expected
    assert recognise(html, url) == recognise(body, url)


def _marker_points(html: str, name: str, class_points: int) -> int:
    markers = _load(name).get("detect", {}).get("markers", [])
    return sum(1 for m in markers if m in html[:200_000]) if class_points else 0


@pytest.mark.parametrize("route,body", PAGES, ids=[r for r, _ in PAGES])
def test_listing_link_texts_equal_lxml_html_text_content(route, body):
    html = decode_html(body)
    plain = _document(html)
    reference = lxml.html.document_fromstring(html)
    assert lxml.etree.tostring(plain) == lxml.etree.tostring(reference)
    for a, b in zip(plain.iter("a"), reference.iter("a"), strict=True):
        assert _text_of(a) == " ".join(b.text_content().split())


@pytest.mark.parametrize("route,body", PAGES[:12], ids=[r for r, _ in PAGES[:12]])
def test_extraction_is_the_same_every_time(route, body):
    """Repeated runs in one process give one record (element identity, never a reused id())."""
    url = "http://127.0.0.1:8000" + route
    first = extract_article(body, url, family="generic").to_dict()
    for _ in range(3):
        assert extract_article(body, url, family="generic").to_dict() == first


@pytest.mark.parametrize("route,body", PAGES, ids=[r for r, _ in PAGES])
def test_to_dict_equals_dataclasses_asdict(route, body):
    from dataclasses import asdict

    article = extract_article(body, "http://127.0.0.1" + route)
    assert article.to_dict() == asdict(article)


@pytest.mark.parametrize("route,body", PAGES, ids=[r for r, _ in PAGES])
def test_without_html_only_body_html_is_left_out(route, body):
    url = "http://127.0.0.1" + route
    full, lean = extract_article(body, url).to_dict(), extract_article(body, url, with_html=False).to_dict()
    assert lean.pop("body_html") is None
    full.pop("body_html")
    assert lean == full
