"""Unit tables for the web interface's pure helpers: diffs, chart, dates, marks, parameters, links."""
from __future__ import annotations

import pytest

from archive.web.changes import version_changes, word_diff
from archive.web.chart import views_chart
from archive.shown import day_first, vietnam_time
from archive.web.plugin import safe_link
from archive.web.search_params import EXPORT_MAX, SearchParams
from archive.web.searching import MARKS, export_row, split_marks


def test_word_diff_marks_only_what_changed():
    parts = word_diff("Hội nghị năm 2022 tại huyện", "Hội nghị năm 2023 tại huyện Yên Lập")
    assert ("removed", "2022") in parts and ("added", "2023") in parts
    assert ("added", " Yên Lập") in parts or ("added", "Yên Lập") in [(op, t.strip()) for op, t in parts]
    assert "".join(t for op, t in parts if op != "removed") == "Hội nghị năm 2023 tại huyện Yên Lập"


def test_word_diff_shortens_long_unchanged_stretches():
    same = " ".join(f"từ{n}" for n in range(100))
    parts = word_diff(same + " cũ", same + " mới")
    assert ("skip", " … ") in parts
    assert sum(len(t.split()) for op, t in parts if op == "same") < 40


@pytest.mark.parametrize("old, new, fields, images", [
    ({"title": "A"}, {"title": "B"}, ["title"], []),
    ({"images": [{"url": "u1", "caption": "x"}]}, {"images": [{"url": "u1", "caption": "y"}]}, [], ["caption"]),
    ({"images": [{"url": "u1"}]}, {"images": [{"url": "u2"}]}, [], ["added", "removed"]),
    ({"title": "A", "body": "b"}, {"title": "A", "body": "b"}, [], []),
])
def test_version_changes(old, new, fields, images):
    changes = version_changes(old, new)
    assert [f["field"] for f in changes["fields"]] == fields
    assert [i["change"] for i in changes["images"]] == images
    assert changes["changed"] == bool(fields or images)


def test_chart_places_points_by_time_and_value():
    chart = views_chart([{"seen_at": "2026-01-01T00:00:00+00:00", "views": 100},
                         {"seen_at": "2026-01-02T00:00:00+00:00", "views": 150},
                         {"seen_at": "2026-01-11T00:00:00+00:00", "views": 200}])
    xs = [d["x"] for d in chart["dots"]]
    ys = [d["y"] for d in chart["dots"]]
    assert xs[0] < xs[1] < xs[2] and (xs[1] - xs[0]) < (xs[2] - xs[1])  # irregular intervals kept
    assert ys[0] > ys[1] > ys[2]  # more views drawn higher
    assert chart["low"] == 100 and chart["high"] == 200


@pytest.mark.parametrize("history, dots", [([], None), ([{"seen_at": "bad", "views": 3}], None),
                                           ([{"seen_at": "2026-01-01T00:00:00", "views": 7}], 1)])
def test_chart_edge_cases(history, dots):
    chart = views_chart(history)
    assert (chart is None) if dots is None else len(chart["dots"]) == dots


@pytest.mark.parametrize("iso, shown", [("2022-11-04", "04/11/2022"), ("2022-11-04T08:30:00+07:00", "04/11/2022"),
                                        (None, None), ("Thứ hai", "Thứ hai")])
def test_day_first(iso, shown):
    assert day_first(iso) == shown


def test_split_marks_and_export_row():
    text = f"a {MARKS[0]}Đảng{MARKS[1]} ủy {MARKS[0]}xã{MARKS[1]}"
    assert split_marks(text) == [(False, "a "), (True, "Đảng"), (False, " ủy "), (True, "xã")]
    row = export_row({"id": 3, "snippet": text, "title": "t"})
    assert row["snippet"] == "a «Đảng» ủy «xã»" and row["article_page"] == "/article/3"


class Args(dict):
    def get(self, key, default=None):
        return super().get(key, default)


@pytest.mark.parametrize("args, errors", [
    ({"q": "x", "since": "2024-02-30"}, ["since must be a day"]),
    ({"q": "x", "sort": "best"}, ["sort must be one of"]),
    ({"q": "x", "since": "2024-02-02", "until": "2024-02-01"}, ["since is after until"]),
    ({"q": "x", "since": "2024-02-01", "until": "2024-02-01"}, []),
])
def test_search_params_are_checked(args, errors):
    params = SearchParams.from_args(Args(args))
    assert len(params.errors) == len(errors)
    for expected, got in zip(errors, params.errors):
        assert expected in got


def test_search_params_defaults_links_and_limits():
    browse = SearchParams.from_args(Args({"site": "a.gov.vn"}))
    assert browse.sort == "date" and browse.active
    assert not SearchParams.from_args(Args({})).active
    params = SearchParams.from_args(Args({"q": "nông thôn", "category": "Tin tức", "page": "3"}))
    assert params.offset == 2 * params.per_page
    assert params.url(category=None, page=1) == "/search?q=n%C3%B4ng+th%C3%B4n"
    assert SearchParams.from_args(Args({"q": "x", "limit": "999999"}), for_export=True).per_page == EXPORT_MAX


@pytest.mark.parametrize("url, link", [
    ("http://yenlap.phutho.gov.vn/a", "http://yenlap.phutho.gov.vn/a"), ("https://x.vn/", "https://x.vn/"),
    ("javascript:alert(1)", "about:blank"), (" JavaScript:alert(1)", "about:blank"),
    ("data:text/html,<script>", "about:blank"), (None, "about:blank"), ("/relative", "about:blank"),
])
def test_safe_link(url, link):
    assert safe_link(url) == link


@pytest.mark.parametrize("iso, shown", [("2026-05-05T02:00:00+00:00", "05/05/2026 09:00 (UTC+7)"),
                                        ("2026-05-05T20:30:00Z", "06/05/2026 03:30 (UTC+7)"),
                                        (None, ""), ("not a time", "not a time")])
def test_archive_times_shown_in_vietnam_time(iso, shown):
    assert vietnam_time(iso) == shown


def test_word_diff_of_huge_bodies_falls_back_to_lines():
    old = "\n".join(f"Đoạn {n}: " + "chữ " * 30 for n in range(400))
    new = old.replace("Đoạn 200:", "Đoạn 200 (sửa):")
    parts = word_diff(old, new)
    assert [op for op, _ in parts if op in ("added", "removed")] == ["removed", "added"]
    assert "Đoạn 200 (sửa):" in next(t for op, t in parts if op == "added")


def test_filter_choices_are_kept_while_the_archive_is_unchanged(tmp_path, monkeypatch):
    """The filter lists group the whole table (2-3 s at 1,000,000 articles): computed once while the
    file is unchanged, however long; after a write, again once they are a minute old."""
    from archive.schema import connect
    from archive.store import Archive
    from archive.web import overview
    from scraper.sample.textgen import make_article

    db = str(tmp_path / "archive.db")
    with Archive(db) as archive:
        for i in range(5):
            archive.save_article(make_article(i))
    computed = []
    real = overview._sites
    monkeypatch.setattr(overview, "_sites", lambda conn: computed.append(1) or real(conn))
    clock = [1000.0]
    monkeypatch.setattr(overview.time, "monotonic", lambda: clock[0])
    overview._cache.clear()
    conn = connect(db, readonly=True)
    try:
        first = overview.filter_choices(conn)
        clock[0] += 3600  # an hour later, nothing written: no new grouping
        assert overview.filter_choices(conn) == first and len(computed) == 1
        with Archive(db) as archive:
            archive.save_article({**make_article(99), "category": "Chuyên mục mới"})
        clock[0] += 10  # written, and the lists are an hour old: grouped again
        again = overview.filter_choices(conn)
        assert len(computed) == 2 and "Chuyên mục mới" in again["categories"]
        with Archive(db) as archive:
            archive.save_article({**make_article(100), "category": "Một mục nữa"})
        clock[0] += 10  # written 10 s after the last grouping: kept up to a minute, as before
        assert overview.filter_choices(conn) == again and len(computed) == 2
    finally:
        conn.close()
        overview._cache.clear()
