"""Vietnamese dates: day-first, Vietnam time (+07:00), date-only where the page gives only the day.

Numeric forms ("03/11/2022 15:30", "Thứ năm, 03/11/2022 - 2:20 CH", "Ngày 03 tháng 11 năm 2022 |
09:15", ISO 8601) go through regular expressions; anything else goes to dateparser with the
language fixed to Vietnamese (guessing the language costs ~60 ms a call).
"""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

__all__ = ["VN_TZ", "DateMatch", "find_dates", "parse_iso_datetime", "parse_vn_datetime",
           "PUBLISHED_LABELS", "UPDATED_LABELS"]

VN_TZ = timezone(timedelta(hours=7))

PUBLISHED_LABELS = ("ngày đăng", "đăng ngày", "ngày xuất bản", "xuất bản", "đăng lúc", "ngày viết", "ngày tạo",
                    "ngày cập nhật tin", "published", "posted on", "posted")
UPDATED_LABELS = ("cập nhật", "sửa đổi", "chỉnh sửa", "updated", "modified", "last updated")

_TIME = r"(?P<h>\d{1,2})\s*(?::|h|giờ)\s*(?P<mi>\d{2})(?:\s*(?::|phút)\s*(?P<s>\d{2}))?(?:\s*(?P<ampm>SA|CH|AM|PM|sáng|chiều|tối)\b)?"
_NUM_DATE = r"(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})\s*[/.\-]\s*(?P<y>\d{4})"
_WORD_DATE = r"(?:ngày\s+)?(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s*(?:,|năm)\s*(?P<y>\d{4})"
_ISO = re.compile(
    r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:[T ](?P<h>\d{2}):(?P<mi>\d{2})(?::(?P<s>\d{2})(?:\.\d+)?)?"
    r"\s*(?P<tz>Z|[+-]\d{2}:?\d{2})?)?"
)
_GAP = r"[\s,|\-–—•·@(]*(?:lúc\s*)?"
_NUM_THEN_TIME = re.compile(rf"{_NUM_DATE}(?:{_GAP}{_TIME})?", re.I)
_WORDS_THEN_TIME = re.compile(rf"{_WORD_DATE}(?:{_GAP}{_TIME})?", re.I)
_TIME_THEN_DATE = re.compile(rf"{_TIME}{_GAP}(?:ngày\s*)?(?:{_NUM_DATE})", re.I)


class DateMatch(tuple):
    """(iso, start, end) of one date found in a text."""

    __slots__ = ()

    iso = property(lambda self: self[0])
    start = property(lambda self: self[1])
    end = property(lambda self: self[2])


def _day_iso(day: datetime) -> str:
    """strftime("%Y-%m-%d") at a fraction of its cost, for the years _build accepts (four digits)."""
    return f"{day.year:04d}-{day.month:02d}-{day.day:02d}"


def _build(y: str, mo: str, d: str, h: str | None, mi: str | None, s: str | None, ampm: str | None) -> str | None:
    try:
        day = datetime(int(y), int(mo), int(d))
    except ValueError:
        return None
    if not (1900 <= day.year <= 2100):
        return None
    if h is None:
        return _day_iso(day)
    hour, minute, second = int(h), int(mi), int(s or 0)
    marker = (ampm or "").lower()
    if marker in ("ch", "pm", "chiều", "tối") and hour < 12:
        hour += 12
    elif marker in ("sa", "am", "sáng") and hour == 12:
        hour = 0
    if hour > 23 or minute > 59 or second > 59:
        return _day_iso(day)
    return day.replace(hour=hour, minute=minute, second=second, tzinfo=VN_TZ).isoformat()


def parse_iso_datetime(text: str | None) -> str | None:
    """Machine dates (`<time datetime>`, JSON-LD, meta): any offset, returned in Vietnam time."""
    m = _ISO.search(text or "")
    if not m:
        return None
    if m.group("h") is None:
        return _build(m.group("y"), m.group("m"), m.group("d"), None, None, None, None)
    try:
        value = datetime(int(m.group("y")), int(m.group("m")), int(m.group("d")), int(m.group("h")),
                         int(m.group("mi")), int(m.group("s") or 0))
    except ValueError:
        return None
    tz = m.group("tz")
    if tz:
        offset = timezone.utc if tz == "Z" else timezone(
            (1 if tz[0] == "+" else -1) * timedelta(hours=int(tz[1:3]), minutes=int(tz[-2:])))
        value = value.replace(tzinfo=offset).astimezone(VN_TZ)
    else:
        value = value.replace(tzinfo=VN_TZ)
    return value.isoformat()


def find_dates(text: str) -> list[DateMatch]:
    """Every day-first date (with its time, where written next to it) in a text, in order."""
    found: list[DateMatch] = []
    taken: list[tuple[int, int]] = []
    for rx in (_TIME_THEN_DATE, _WORDS_THEN_TIME, _NUM_THEN_TIME):
        for m in rx.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            g = m.groupdict()
            iso = _build(g["y"], g["m"], g["d"], g["h"], g["mi"], g["s"], g["ampm"])
            if iso:
                found.append(DateMatch((iso, m.start(), m.end())))
                taken.append((m.start(), m.end()))
    found.sort(key=lambda d: d.start)
    return found


_DATEPARSER_SETTINGS = {"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False,
                        "REQUIRE_PARTS": ["day", "month", "year"]}


def parse_vn_datetime(text: str | None) -> str | None:
    """A Vietnamese date text -> 'YYYY-MM-DD' or 'YYYY-MM-DDTHH:MM:SS+07:00' (None if not a date).

    Labels ('Cập nhật:', 'Ngày đăng:') and weekdays may surround the date; '(GMT+7)' is Vietnam time.
    """
    if not text or not text.strip():
        return None
    dates = find_dates(text)
    if dates:
        return dates[0].iso
    if re.match(r"\s*\d{4}-\d{2}-\d{2}", text):
        return parse_iso_datetime(text)
    return _dateparser(text)


def _dateparser(text: str) -> str | None:
    import dateparser  # slow import (~0.3 s): only for the rare forms the patterns miss

    # dateparser gives up on a leading label, so keep from the first digit on.
    m = re.search(r"\d", text)
    if not m or len(text) > 200:
        return None
    value = dateparser.parse(text[m.start():], languages=["vi"], settings=_DATEPARSER_SETTINGS)
    if value is None:
        return None
    has_time = bool(re.search(r"\d{1,2}\s*(?::|h|giờ)\s*\d{2}", text[m.start():]))
    if not has_time:
        return value.strftime("%Y-%m-%d")
    return value.replace(tzinfo=VN_TZ).isoformat()
