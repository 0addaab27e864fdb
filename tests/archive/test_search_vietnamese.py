"""Search over a real archive file: every accent case, syntax, filters, ordering, snippets."""
from __future__ import annotations

import json
from datetime import date

import pytest

from archive.reader import open_readonly
from archive.search import search
from archive.store import Archive
from tests.conftest import run_cli

DOCS = [
    # (slug, title, body, published, views, captions)
    ("dang-uy", "Đảng ủy xã Xuân Viên họp phiên thường kỳ", "Hội nghị Ban chấp hành Đảng bộ xã.", "2024-03-05T08:00:00+07:00", 10, []),
    ("duc-tho", "Ðức Thọ giao lưu văn nghệ", "Đoàn nghệ thuật huyện Đức Thọ biểu diễn.", "2023-06-01", 500, []),
    ("hoa-old", "Tập huấn an toàn hoá chất", "Hướng dẫn sử dụng hoá chất trong nông nghiệp.", "2022-01-10", 30, []),
    ("hoa-new", "Kiểm tra cơ sở hóa mỹ phẩm", "Đoàn kiểm tra các cơ sở kinh doanh hóa mỹ phẩm.", "2021-02-11", 40, []),
    ("thuy-old", "Hội thi tiếng hát Thuý Nga", "Thí sinh Thuý Nga đạt giải nhất.", "2020-05-05", 5, []),
    ("thuy-new", "Chị Thúy làm kinh tế giỏi", "Mô hình của chị Thúy ở khu 3.", "2020-05-06", 6, []),
    ("oa", "Lễ hội Hoà Bình mùa xuân", "Không khí hòa bình, vui tươi.", "2019-01-01", 7, []),
    ("uy", "Thuỳ Dương đạt giải", "Em Thùy Dương học sinh giỏi.", "2019-01-02", 8, []),
    ("nong-thon", "Xây dựng nông thôn mới kiểu mẫu", "Huyện Yên Lập đẩy mạnh xây dựng nông thôn mới.", "2022-11-04", 1599, []),
    ("nong-san", "Hội chợ nông sản", "Nông dân mang sản phẩm đến hội chợ.", "2022-11-05", 100, []),
    ("caption", "Hội nghị tổng kết năm", "Nội dung hội nghị.", "2021-12-30", 2, ["Đồng chí Bí thư trao giấy khen cho hợp tác xã chè Mỹ Lung"]),
    ("ban-accent", "Ban hành văn bản mới", "Văn bản quy phạm pháp luật được ban hành.", "2018-03-03", 3, []),
    ("ban-plain", "Bán đấu giá tài sản", "Thông báo bán đấu giá quyền sử dụng đất.", "2018-03-04", 4, []),
    ("other-site", "Đảng ủy khối cơ quan", "Tin của trang khác.", "2024-03-06", 9, []),
]


@pytest.fixture(scope="module")
def archive_path(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("search") / "archive.db")
    with Archive(path) as archive:
        for slug, title, body, published, views, captions in DOCS:
            host = "tamnong.phutho.gov.vn" if slug == "other-site" else "yenlap.phutho.gov.vn"
            archive.save_article({
                "url": f"http://{host}/tin-tuc/{slug}", "site": host, "title": title, "body": body,
                "published": published, "views": views,
                "images": [{"url": f"http://{host}/img/{slug}-{n}.jpg", "caption": c, "alt": None}
                           for n, c in enumerate(captions)],
            })
    return path


@pytest.fixture
def conn(archive_path):
    connection = open_readonly(archive_path)
    yield connection
    connection.close()


def slugs(result) -> list[str]:
    return [h["url"].rsplit("/", 1)[1] for h in result.hits]


@pytest.mark.parametrize("query, expected", [
    ("dang uy", {"dang-uy", "other-site"}),
    ("duc tho", {"duc-tho"}),                         # Đ (U+0110) in the body, Ð (U+00D0) in the title
    ("ĐỨC THỌ", {"duc-tho"}),
    ("Ðức", {"duc-tho"}),
    ("huyen", {"nong-thon", "duc-tho"}),              # huyện: two marks on one letter
    ("hoa chat", {"hoa-old"}),                         # hoá (old placement)
    ("hóa chất", {"hoa-old"}),                         # typed new-style, finds old-style
    ("hoá mỹ phẩm", {"hoa-new"}),                      # typed old-style, finds new-style
    ("thuy nga", {"thuy-old"}),
    ("Thúy Nga", {"thuy-old"}),
    ("thuý", {"thuy-old", "thuy-new", "uy"}),       # accents ignored for matching (ranking: see below)
    ("òa bình", set()),                               # a different word: no match by accident
    ("hoà bình", {"oa"}),
    ("Thùy Dương", {"uy"}),
    ("thuỳ duong", {"uy"}),
])
def test_accent_insensitive_and_tone_placement(conn, query, expected):
    assert set(slugs(search(conn, query))) == expected


def test_captions_are_searchable(conn):
    assert slugs(search(conn, "hop tac xa che")) == ["caption"]


def test_phrases_prefixes_and_operators(conn):
    assert slugs(search(conn, '"nong thon moi"')) == ["nong-thon"]
    assert slugs(search(conn, '"thon nong"')) == []
    assert set(slugs(search(conn, "nong*"))) == {"nong-thon", "nong-san", "hoa-old"}
    assert set(slugs(search(conn, "nong thon*"))) == {"nong-thon"}
    assert set(slugs(search(conn, "thuy OR hoa"))) >= {"thuy-old", "thuy-new", "oa", "hoa-old", "hoa-new", "uy"}
    assert set(slugs(search(conn, "dang uy NOT khoi"))) == {"dang-uy"}
    assert set(slugs(search(conn, "(ban OR bán) AND dau"))) == {"ban-plain"}


def test_accented_query_ranks_exact_accents_first(conn):
    assert slugs(search(conn, "bán"))[0] == "ban-plain"
    assert slugs(search(conn, "ban hành"))[0] == "ban-accent"
    assert set(slugs(search(conn, "thuý"))[:2]) == {"thuy-old", "thuy-new"}  # thuý == thúy, before Thuỳ
    assert slugs(search(conn, "Thùy"))[0] == "uy"
    unaccented = slugs(search(conn, "ban"))
    assert set(unaccented) >= {"ban-plain", "ban-accent"}


def test_snippet_is_original_text_with_marks(conn):
    hit = search(conn, '"nong thon moi"').hits[0]
    assert "«nông thôn mới»" in hit["snippet"]
    assert "nong thon" not in hit["snippet"]
    hit = search(conn, "duc tho").hits[0]
    assert "«Đức» «Thọ»" in hit["snippet"]
    assert hit["title_marked"] == "«Ðức» «Thọ» giao lưu văn nghệ"


def test_site_and_date_filters(conn):
    assert slugs(search(conn, "dang uy", site="tamnong.phutho.gov.vn")) == ["other-site"]
    assert slugs(search(conn, "dang uy", site="yenlap.phutho.gov.vn")) == ["dang-uy"]
    assert set(slugs(search(conn, "thuy", since=date(2020, 5, 6)))) == {"thuy-new"}
    assert set(slugs(search(conn, "thuy", until=date(2020, 5, 5)))) == {"thuy-old", "uy"}
    assert slugs(search(conn, "thuy", since=date(2020, 5, 5), until=date(2020, 5, 5))) == ["thuy-old"]


def test_sort_by_date_and_views(conn):
    by_date = search(conn, "hoi", sort="date")
    published = [h["published"][:10] for h in by_date.hits]
    assert published == sorted(published, reverse=True)
    by_views = search(conn, "hoi", sort="views")
    views = [h["views"] for h in by_views.hits]
    assert views == sorted(views, reverse=True)


def test_bounded_pool_ranks_among_newest_matches(conn):
    result = search(conn, "dang OR hoi OR thuy", pool=3)
    assert result.pool_limited
    newest_three = {h["url"] for h in search(conn, "dang OR hoi OR thuy", sort="date", limit=3).hits}
    assert {h["url"] for h in result.hits} == newest_three
    assert not search(conn, "dang uy", pool=3).pool_limited


def test_cli_search_json_contract_and_marks(archive_path):
    hits = json.loads(run_cli("search", "dang uy", "--db", archive_path, "--format", "json").stdout)
    assert {"url", "title", "published", "views", "snippet"} <= set(hits[0])
    assert any("«Đảng» «ủy»" in h["title_marked"] or "«Đảng»" in h["snippet"] for h in hits)


def test_cli_search_csv_and_table(archive_path):
    out = run_cli("search", "thuý", "--db", archive_path, "--format", "csv").stdout.splitlines()
    assert out[0] == "url,title,published,views,site,snippet"
    assert len(out) == 4
    assert "Thuỳ" in out[3]  # exact accents (either tone placement) first
    table = run_cli("search", "nong thon", "--db", archive_path).stdout
    assert "Xây dựng «nông» «thôn» mới kiểu mẫu" in table  # not a tty: marks instead of ANSI bold


@pytest.mark.parametrize("query", ['"dan van', "AND", "*", "NOT kheo", "dan OR", "(dan"])
def test_cli_bad_query_is_one_line_error(archive_path, query):
    result = run_cli("search", query, "--db", archive_path, check=False)
    assert result.returncode != 0
    assert result.stderr.startswith("Error: bad query")
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_cli_missing_archive_is_one_line_error(tmp_path):
    for args in (["search", "x"], ["export"], ["show", "1"], ["stats"]):
        result = run_cli(*args, "--db", str(tmp_path / "missing.db"), check=False)
        assert result.returncode != 0
        assert result.stderr.strip().startswith("Error: no archive at")
        assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "missing.db").exists()


def test_common_words_rank_title_matches_first_among_newest(conn):
    # a prefix query (the impact index ranks words and phrases joined by AND only), every phrase
    # "common" at this pool size: no bm25
    result = search(conn, "hoi*", pool=4)
    assert result.ranking == "title-then-newest" and result.pool_limited
    assert slugs(result) == ["nong-san", "caption", "thuy-old", "dang-uy"]
    assert search(conn, "hoi", pool=4).ranking == "bm25"  # over every match, whatever the pool
    excluded = search(conn, "hoi NOT cho", pool=4)
    assert slugs(excluded) == ["thuy-old", "oa", "dang-uy"]  # caption says "trao giấy khen cho"


def test_rare_words_rank_by_bm25(conn):
    result = search(conn, "hoi cho")
    assert result.ranking == "bm25" and slugs(result)[0] == "nong-san"  # caption: "chè", "hợp tác xã"
