"""View counts: the article's own counter, never a site-wide one."""
from __future__ import annotations

import re

from scraper.extract.text import clean_text

__all__ = ["VIEW_LABELS", "SITE_COUNTER_LABELS", "parse_count", "parse_view_count", "find_view_count",
           "view_label_alone"]

# Label words Vietnamese CMSs put before (or after) an article's counter.
VIEW_LABELS = ("số lượt xem", "lượt xem", "lượt đọc", "số lần xem", "lần xem", "số lần đọc", "lần đọc", "đã xem", "lượt views",
               "views", "view", "hits", "lượt truy cập bài viết", "lượt truy cập trang")


def view_label_alone(text: str) -> bool:
    """A counter's label with no number: the number drawn by a picture (Webnode's HTML block
    "Lượt xem:" and hitwebcounter's digits) or filled in by a script."""
    return len(text) <= 30 and text.rstrip(" :：").lower() in VIEW_LABELS


# Site-wide counters ("Lượt truy cập: 1.086.452", "Đang online: 7", "Hôm nay: 856"): the patterns
# below accept only article labels, so these never match; listed for callers that filter text.
SITE_COUNTER_LABELS = ("lượt truy cập", "truy cập", "đang online", "đang truy cập", "trực tuyến", "hôm nay",
                       "hôm qua", "tuần này", "tháng này", "tổng số", "tổng lượt", "online")

# (not begun inside another number, a time or a date: "06:15 862 lượt xem" is 862, not "15 862";
# "29/03/23 <span>lượt xem</span>" with the count left empty is none)
_NUMBER = r"(?<!\d)(?<!\d[:.,/-])(\d{1,3}(?:[.,\u00a0 ]\d{3})+|\d+)"
_LABEL = (r"(?:số\s+lượt\s+xem|lượt\s+xem|lượt\s+đọc|số\s+lần\s+xem|lần\s+xem|(?:số\s+)?lần\s+đọc|đã\s+xem|lượt\s+views?|views?|"
          r"hits|lượt\s+truy\s+cập\s+bài\s+viết|lượt\s+truy\s+cập\s+trang(?!\s+web))")  # (a page's own: DNN's page hit counter)
_BEFORE = re.compile(_LABEL + r"\s*[:：]?\s*" + _NUMBER, re.I)
# (not a label opening its own value, its count left for a script: "Dec 28, 2022 Lượt xem: --" is none)
_AFTER = re.compile(_NUMBER + r"\s*(?:lượt\s+xem|lượt\s+đọc|lần\s+xem|lần\s+đọc|views?|hits)\b(?!\s*[:：])", re.I)
# "Đọc: 12.035 lần" (PHP-Nuke's and NukeViet 2's counter): a bare verb as the label, so "lần" after it too
_TIMES = re.compile(r"(?<!\w)(?:đọc|xem)\s*[:：]\s*" + _NUMBER + r"\s*lần\b", re.I)
# "(Đọc: 12406)" (XOOPS's news item, a theme's label for `counter`): the verb alone, the count closing
# its line or bracket, so "Đọc: 2 bài liên quan" is none
_READ_CLOSED = re.compile(r"(?<!\w)đọc\s*[:：]\s*" + _NUMBER + r"(?=\s*(?:[)\]|]|$))", re.I)
# a sentence naming this page's own reads (MediaWiki's footer "Trang này đã được đọc 3.305 lần.",
# "This page has been accessed 1,234 times."): the page's count, wherever the page sets it
_THIS_PAGE = re.compile(r"(?:trang|bài(?:\s+viết)?)\s+này\s+(?:đã\s+)?được\s+(?:đọc|xem|truy\s+cập)\s+"
                        + _NUMBER + r"\s*lần\b", re.I)
_THIS_PAGE_EN = re.compile(r"this\s+page\s+has\s+been\s+(?:accessed|viewed|read)\s+" + _NUMBER + r"\s*times\b", re.I)
_EYE = re.compile(r"(?:👁️?|👀)\s*[:：]?\s*" + _NUMBER)
_LONE_NUMBER = re.compile(r"\s*" + _NUMBER + r"\s*")
_NOT_DIGIT = re.compile(r"\D")
_DIGIT = re.compile(r"\d")
_BARE = re.compile(r"^\s*[(\[]?\s*" + _NUMBER + r"\s*[)\]]?\s*$")
# "Lượt truy cập: 2.341" names a site's visitors in a footer box, but an article's own views in an
# element named for them (WebCenter Sites' `span.view-count` beside the date): read only there.
_VISITS = re.compile(r"^\s*(?:số\s+)?lượt\s+truy\s+cập\s*[:：]?\s*" + _NUMBER + r"\s*$", re.I)


def parse_count(text: str) -> int | None:
    """'1.234' / '2,345' / '12 345' / '645' -> int (Vietnamese dots and commas group thousands)."""
    m = _LONE_NUMBER.fullmatch(text or "")
    if not m:
        return None
    return int(_NOT_DIGIT.sub("", m.group(1)))


def parse_view_count(text: str | None, *, bare: bool = False) -> int | None:
    """The view count in a text such as 'Lượt xem: 1599 lượt xem' or '👁 1.234'.

    `bare=True` also accepts a lone number or "Lượt truy cập: N" (an element a family selector or
    its own class already names a view counter). Otherwise site-wide counters ('Lượt truy cập',
    'Đang online', 'Hôm nay') give None.
    """
    text = clean_text(text)
    if not text or not _DIGIT.search(text):
        return None  # every pattern holds a number: most lines asked have no digit (three scans saved)
    # The patterns only accept article labels, so "Lượt truy cập: 1.086.452" never matches.
    for rx in (_BEFORE, _EYE, _AFTER, _TIMES, _READ_CLOSED, _THIS_PAGE, _THIS_PAGE_EN):
        m = rx.search(text)
        if m:
            if rx is _BEFORE and (after := _number_before_label(text, m)):
                m = after
            return int(_NOT_DIGIT.sub("", m.group(1)))
    if bare:
        m = _BARE.match(text) or _VISITS.match(text)
        if m:
            return int(_NOT_DIGIT.sub("", m.group(1)))
    return None


# the nouns of a post's other counts, written after their number
_OTHER_COUNT = re.compile(r"\s*(?:bình\s+luận|lượt\s+thích|thích|lượt\s+chia\s+sẻ|phút\s+đọc|comments?|likes?|shares?)\b", re.I)


def _number_before_label(text: str, before):
    """The count written before the label `before` read its number after, where that number is
    another count's: Wix's footer "12.903 lượt xem 3 bình luận" states 12,903 views, the 3 comments."""
    if not _OTHER_COUNT.match(text, before.end()):
        return None
    after = _AFTER.search(text, 0, before.end())
    return after if after and after.start() < before.start() < after.end() else None


def find_view_count(texts) -> int | None:
    """The first article counter among text snippets (in page order), skipping site counters."""
    for text in texts:
        value = parse_view_count(text)
        if value is not None:
            return value
    return None
