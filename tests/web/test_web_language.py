"""The web pages in their readers' language: Vietnamese by default, English after switching.

A real `portal-archive serve` process on the sample archive; every page of it is walked in both
languages. A label left out of a catalogue shows as its key, and an English label left in a
Vietnamese page shows as itself: both are looked for in the text and the attributes people read.
"""
from __future__ import annotations

import html
import http.cookiejar
import re
import sqlite3
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import pytest

from archive.web import i18n
from tests.web_fixtures import PROVINCES, build_sample_archive, serve_archive, write_registry

TEMPLATES = Path(i18n.__file__).resolve().parent / "templates"
BASE_URLS = {name: f"http://127.0.0.1:{9101 + n}" for n, name in enumerate(("liferay", "phutho-aspnet", "wordpress"))}
# keys a template builds from data ("field." ~ name...): seen on a page only when one is missing
_KEY = re.compile(r"\b(?:%s)\.[a-z_]+\b" % "|".join({k.split(".")[0] for k in i18n.catalogue("vi")}))
_READ_ATTRIBUTES = {"title", "placeholder", "aria-label", "label"}


@pytest.fixture(scope="module")
def web(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("weblang") / "archive.db")
    build_sample_archive(db, BASE_URLS)
    registry = write_registry(db + ".sites.toml", BASE_URLS)
    conn = sqlite3.connect(db)
    try:
        ids = [r[0] for r in conn.execute("SELECT id FROM articles ORDER BY id")]
    finally:
        conn.close()
    with serve_archive(db, "--registry", registry) as url:
        yield {"url": url, "ids": ids}


def _pages(web) -> list[str]:
    """Every kind of page, with the states that show other labels (errors, filters, paging)."""
    province = next(iter(PROVINCES.values()))
    return ["/", "/search", "/search?q=huyen", "/search?q=huyen&per_page=2&page=2&sort=views",
            "/search?site=" + BASE_URLS["wordpress"].split("//")[1], "/search?q=khong+co+tu+nay+xyzzy",
            "/search?q=huyen&since=2023-13-01", "/search?q=%22unclosed", "/health", "/coverage",
            "/coverage/" + urllib.request.quote(province)] + [f"/article/{n}" for n in web["ids"]]


class _Reader(HTMLParser):
    """The text nodes and read attributes of a page (what a reader sees or hears), and <html lang>."""

    def __init__(self):
        super().__init__()
        self.texts: list[str] = []
        self.lang = None
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag == "html":
            self.lang = dict(attrs).get("lang")
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if name in _READ_ATTRIBUTES and value:
                self.texts.append(value)
            if tag == "input" and name == "value" and dict(attrs).get("type") in ("submit", "button") and value:
                self.texts.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.texts.append(" ".join(data.split()))


def _read(opener, url: str) -> _Reader:
    try:
        with opener.open(url, timeout=30) as response:
            body = response.read().decode("utf-8")
    except urllib.error.HTTPError as err:  # a bad query is a 400 page, still worded for people
        assert err.code == 400, url
        body = err.read().decode("utf-8")
    reader = _Reader()
    reader.feed(body)
    return reader


def _fragments(text: str) -> list[str]:
    """The literal words of a catalogue entry, without its markup and {placeholders}."""
    plain = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return [" ".join(p.split()) for p in re.split(r"\{[a-z_]+\}", plain) if re.search(r"[A-Za-zÀ-ỹ]{2}", p)]


def _labels_only_in(lang: str, other: str) -> set[str]:
    """Fragments of `lang`'s catalogue that the other language words differently."""
    mine, theirs = i18n.catalogue(lang), i18n.catalogue(other)
    found = set()
    for key, entry in mine.items():
        forms = entry.values() if isinstance(entry, dict) else [entry]
        other_forms = theirs[key].values() if isinstance(theirs[key], dict) else [theirs[key]]
        other_words = {f for form in other_forms for f in _fragments(form)}
        found |= {f.strip(" .,:;·()") for form in forms for f in _fragments(form)} - other_words
    return {f for f in found if f and f != "portal-archive"}


def _leftovers(texts: list[str], foreign: set[str], *, inside: bool) -> list[str]:
    """Texts that are a foreign label, or (when `inside`) hold one of several words."""
    found = []
    for text in texts:
        bare = text.strip(" .,:;·()←→✕")
        for label in foreign:
            if bare == label or (inside and " " in label and re.search(rf"(?<!\w){re.escape(label)}(?!\w)", text)):
                found.append(f"{label!r} in {text!r}")
    return found


def test_catalogues_have_the_same_keys_and_every_template_key():
    vi, en = i18n.catalogue("vi"), i18n.catalogue("en")
    assert set(vi) == set(en)
    used = set()
    for template in TEMPLATES.glob("*.html"):
        used |= set(re.findall(r"""_\(\s*["']([a-z_]+\.[a-z_]+)["']\s*[,)]""", template.read_text(encoding="utf-8")))
    assert used and used <= set(vi), sorted(used - set(vi))
    # a Vietnamese entry worded as the English one is an English label left untranslated
    assert not [key for key in vi if vi[key] == en[key]]
    for key, entry in en.items():  # the plural forms English needs, in pairs
        assert not isinstance(entry, dict) or set(entry) == {"one", "other"}, key


def _pages_problems(opener, web, lang: str, foreign: set, inside: bool) -> list[str]:
    """Every page read in `lang`: catalogue keys shown raw and labels of the other language left."""
    problems = []
    for path in _pages(web):
        page = _read(opener, web["url"] + path)
        assert page.lang == lang, path
        problems += [f"{path}: key {t!r}" for t in page.texts if _KEY.search(t)]
        problems += [f"{path}: {p}" for p in _leftovers(page.texts, foreign, inside=inside)]
    return problems


def test_every_page_is_vietnamese_by_default_with_no_english_label_or_missing_key(web):
    opener = urllib.request.build_opener()
    problems = _pages_problems(opener, web, "vi", _labels_only_in("en", "vi"), inside=True)
    assert not problems, "\n".join(problems)


def test_every_page_in_english_after_switching_and_the_choice_is_kept(web):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    first = _read(opener, web["url"] + "/?lang=en")
    assert first.lang == "en" and "Archive of district portal news" in first.texts
    assert [c.value for c in jar if c.name == i18n.COOKIE] == ["en"]
    # no ?lang= in the page addresses: the cookie keeps the choice
    problems = _pages_problems(opener, web, "en", _labels_only_in("vi", "en"), inside=False)
    assert not problems, "\n".join(problems)
    back = _read(opener, web["url"] + "/health?lang=vi")
    assert back.lang == "vi" and "Tình trạng thu thập" in back.texts
    assert [c.value for c in jar if c.name == i18n.COOKIE] == ["vi"]


def test_links_keep_the_language_and_numbers_and_dates_read_the_same_in_both(web):
    with urllib.request.urlopen(web["url"] + "/search?q=huyen&sort=views&per_page=3&lang=en", timeout=30) as r:
        english = r.read().decode("utf-8")
    with urllib.request.urlopen(web["url"] + "/search?q=huyen&sort=views&per_page=3", timeout=30) as r:
        vietnamese = r.read().decode("utf-8")
    ours = re.findall(r'<a (?!class="pa-lang")[^>]*href="(/(?:search\?|article/|health|coverage)[^"]*)"', english)
    assert ours and all("lang=en" in html.unescape(h) for h in ours), ours
    assert 'name="lang" value="en"' in english  # the search box and the filters submit it too
    assert not any("lang=" in h for h in re.findall(r'<a (?!class="pa-lang")[^>]*href="(/(?:search\?|article/)[^"]*)"',
                                                    vietnamese))
    # the switch leads to the same page in the other language
    assert re.search(r'class="pa-lang" href="/search\?q=huyen&amp;sort=views&amp;per_page=3&amp;lang=en"', vietnamese)
    views_en = re.findall(r'data-views="(\d+)">([^<]+)<', english)
    views_vi = re.findall(r'data-views="(\d+)">([^<]+)<', vietnamese)
    big = [(n, t) for n, t in views_en if int(n) >= 1000]
    assert big and all(t == f"{i18n.vietnamese_number(n)} views" for n, t in big)  # 2.107 views
    assert all(t == f"{i18n.vietnamese_number(n)} lượt xem" for n, t in views_vi)
    dates = re.compile(r'class="pa-meta">[^·]+· (\d\d/\d\d/\d{4})')
    assert dates.findall(english) and dates.findall(english) == dates.findall(vietnamese)  # day first in both
