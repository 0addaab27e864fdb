"""One article under two addresses that declare no canonical (a portal's legacy address in a side
box, the listing's address of the same page): the second fetched is an alias of the first when the
content (title, date, author, category, body, media) is the same, and the article is kept under the
address shaped like the site's other articles (m033)."""
from __future__ import annotations

import sqlite3

import pytest

from archive.store import Archive

HOST = "http://huyen.example.gov.vn"
SECTION = f"{HOST}/portal/page/portal/huyen/tintuc?p_pers_id=&p_main_news_id="
LEGACY = f"{HOST}/portal/page?_pageid=815,2391870&_dad=portal&p_main_news_id="
BODY = ("Sáng ngày 20/11, UBND huyện tổ chức hội nghị tổng kết công tác xây dựng nông thôn mới giai đoạn "
        "2021-2025. Đến dự có lãnh đạo các phòng, ban chuyên môn và chủ tịch UBND các xã. Năm 2025, huyện có "
        "thêm ba xã đạt chuẩn nông thôn mới nâng cao, thu nhập bình quân đầu người đạt 62 triệu đồng.")


def record(url: str, title: str, body: str = BODY, site: str = "huyen.example.gov.vn", **more) -> dict:
    return {"url": url, "canonical": None, "site": site, "title": title, "published": "2025-11-20T08:00:00+07:00",
            "body": body, "images": [], "attachments": [], **more}


def stored(db: str) -> tuple[list[str], list[tuple]]:
    with sqlite3.connect(db) as conn:
        urls = [r[0] for r in conn.execute("SELECT url FROM articles ORDER BY id")]
        links = conn.execute("SELECT l.url, a.url FROM article_aliases l JOIN articles a ON a.id = l.article_id "
                             "ORDER BY l.rowid").fetchall()
    return urls, links


def test_the_same_article_at_a_second_address_is_an_alias_of_the_first(tmp_path):
    db = str(tmp_path / "a.db")
    with Archive(db) as archive:
        assert archive.save_article(record(SECTION + "1", "Tổng kết nông thôn mới"), raw_body=b"<p>1</p>") == "new"
        assert archive.save_article(record(LEGACY + "1", "Tổng kết nông thôn mới", views=9),
                                    raw_body=b"<p>2</p>") == "unchanged"
        assert archive.article_url(LEGACY + "1") == SECTION + "1"
        # the alias fetched again stays that article's: no second row in a later run
        assert archive.save_article(record(LEGACY + "1", "Tổng kết nông thôn mới")) == "unchanged"
    assert stored(db) == ([SECTION + "1"], [(LEGACY + "1", SECTION + "1")])
    with sqlite3.connect(db) as conn:  # each raw page kept under the address it was fetched by
        assert conn.execute("SELECT url FROM raw_pages ORDER BY id").fetchall() == [(SECTION + "1",), (LEGACY + "1",)]


def test_the_article_moves_to_the_address_shaped_like_the_sites_other_articles(tmp_path):
    """The side box's legacy address fetched first, then two articles of the section, then the same
    article at the section's address: it is kept there, and the legacy address is its alias."""
    db = str(tmp_path / "a.db")
    with Archive(db) as archive:
        archive.save_article(record(LEGACY + "1", "Tổng kết nông thôn mới"))
        archive.save_article(record(SECTION + "2", "Hội nghị tiếp xúc cử tri", body=BODY + " Hai."))
        archive.save_article(record(SECTION + "3", "Ra quân vệ sinh môi trường", body=BODY + " Ba."))
        assert archive.save_article(record(SECTION + "1", "Tổng kết nông thôn mới")) == "unchanged"
        assert archive.article_url(LEGACY + "1") == SECTION + "1"
    urls, links = stored(db)
    assert sorted(urls) == [SECTION + "1", SECTION + "2", SECTION + "3"]
    assert links == [(LEGACY + "1", SECTION + "1")]


def test_different_articles_and_failed_extractions_stay_apart(tmp_path):
    """A different body, another site's copy, and two pages whose extraction found only a short text
    alike (a section heading and one line of chrome) are never taken for one article."""
    db = str(tmp_path / "a.db")
    with Archive(db) as archive:
        archive.save_article(record(SECTION + "1", "Tổng kết nông thôn mới"))
        archive.save_article(record(SECTION + "2", "Tổng kết nông thôn mới", body=BODY + " Bản sửa."))
        archive.save_article(record(f"http://xa.example.gov.vn/tin/1", "Tổng kết nông thôn mới",
                                    site="xa.example.gov.vn"))
        archive.save_article(record(SECTION + "4", "Tin tức", body="Trang chủ > Tin tức"))
        archive.save_article(record(SECTION + "5", "Tin tức", body="Trang chủ > Tin tức"))
    urls, links = stored(db)
    assert len(urls) == 5 and links == []


def test_the_article_moves_to_the_address_that_spells_its_title(tmp_path):
    """eZ Publish: the node's system address fetched first (a side box links it), then its alias."""
    node, alias = f"{HOST}/content/view/full/4862", f"{HOST}/Tin-tuc-Su-kien/Tin-trong-huyen/Tong-ket-nong-thon-moi"
    db = str(tmp_path / "a.db")
    with Archive(db) as archive:
        archive.save_article(record(node, "Tổng kết nông thôn mới"))
        archive.save_article(record(f"{HOST}/content/view/full/4858", "Hội nghị tiếp xúc cử tri", body=BODY + " Hai."))
        assert archive.save_article(record(alias, "Tổng kết nông thôn mới")) == "unchanged"
    urls, links = stored(db)
    assert sorted(urls) == [f"{HOST}/Tin-tuc-Su-kien/Tin-trong-huyen/Tong-ket-nong-thon-moi", f"{HOST}/content/view/full/4858"]
    assert links == [(node, alias)]


def test_the_article_moves_to_the_address_of_the_same_path_with_fewer_query_parameters(tmp_path):
    # (PHP-Nuke's comments view of a story, linked from a side box and fetched first, then the story's own)
    story = f"{HOST}/modules.php?name=News&file=article&sid=1483"
    thread = story + "&mode=thread&order=0&thold=0"
    db = str(tmp_path / "a.db")
    with Archive(db) as archive:
        archive.save_article(record(thread, "Xã Phú Lão ra quân làm đường giao thông nông thôn"), raw_body=b"<p>1</p>")
        archive.save_article(record(story, "Xã Phú Lão ra quân làm đường giao thông nông thôn"), raw_body=b"<p>2</p>")
    assert stored(db) == ([story], [(thread, story)])
    # fetched the other way round, it stays under the story's own address
    db = str(tmp_path / "b.db")
    with Archive(db) as archive:
        archive.save_article(record(story, "Xã Phú Lão ra quân làm đường giao thông nông thôn"), raw_body=b"<p>2</p>")
        archive.save_article(record(thread, "Xã Phú Lão ra quân làm đường giao thông nông thôn"), raw_body=b"<p>1</p>")
    assert stored(db) == ([story], [(thread, story)])


# (a static site's "most read" box links `/x/index.html`, fetched first, the listing the folder `/x/`;
# Joomla's "most read" module links `/index.php/tin-tuc/x.html`, the listing `/tin-tuc/x.html`)
_FOLDER = f"{HOST}/2023/03/15/luc-ngan-trien-khai-ke-hoach-san-xuat-vai-thieu/"
_PATH = f"{HOST}/tin-tuc/tin-tuc-su-kien/1523-huyen-hai-hau-ra-quan-huong-ung-thang-thanh-nien-nam-2023.html"


@pytest.mark.parametrize("own, twin, title", [
    (_FOLDER, _FOLDER + "index.html", "Lục Ngạn triển khai kế hoạch sản xuất, tiêu thụ vải thiều năm 2023"),
    (_PATH, _PATH.replace(HOST, HOST + "/index.php"), "Huyện Hải Hậu ra quân hưởng ứng Tháng Thanh niên năm 2023"),
], ids=["folder's index file", "script's name before its path"])
def test_the_article_moves_from_an_index_step_to_the_address_without_it(own, twin, title, tmp_path):
    for name, order in (("a.db", (twin, own)), ("b.db", (own, twin))):
        db = str(tmp_path / name)
        with Archive(db) as archive:
            for i, url in enumerate(order):
                archive.save_article(record(url, title), raw_body=f"<p>{i}</p>".encode())
        assert stored(db) == ([own], [(twin, own)])


def test_the_article_moves_to_the_section_holding_the_site_s_articles_where_each_address_is_alone_in_its_folder(tmp_path):
    # (Composite C1: the listing's `/Tin-tuc-Su-kien/<yyyy>/<mm>/<dd>/<title>`, each alone in its day's folder,
    # beside the side box's `/Renderers/Page.aspx/<yyyy>/<mm>/<dd>/<title>?pageId=<guid>`, fetched first)
    title = "Hải Hậu: Nông dân phấn khởi thu hoạch lúa mùa năm 2023"
    slug = "2023/10/12/H%E1%BA%A3i-H%E1%BA%ADu-N%C3%B4ng-d%C3%A2n-thu-ho%E1%BA%A1ch-l%C3%BAa-m%C3%B9a"
    listed, boxed = f"{HOST}/Tin-tuc-Su-kien/{slug}", f"{HOST}/Renderers/Page.aspx/{slug}?pageId=7b2e9d14"
    other = f"{HOST}/Tin-tuc-Su-kien/2022/11/15/Ngay-hoi-dai-doan-ket"
    for query in ("?pageId=7b2e9d14", ""):
        db = str(tmp_path / f"a{len(query)}.db")
        with Archive(db) as archive:
            archive.save_article(record(other, "Ngày hội Đại đoàn kết", body=BODY + " Hai."))
            archive.save_article(record(boxed.replace("?pageId=7b2e9d14", query), title))
            assert archive.save_article(record(listed, title)) == "unchanged"
        urls, links = stored(db)
        assert sorted(urls) == [other, listed] and links == [(boxed.replace("?pageId=7b2e9d14", query), listed)]


def test_the_article_keeps_the_address_without_its_folder_s_index_file_whatever_the_others_are_shaped_like(tmp_path):
    # (CMSimple_XH's feed links `/index.php?Tin-tuc-Su-kien&realblog_id=N`, fetched first for every post;
    # the listing links `/?Tin-tuc-Su-kien&realblog_id=N`: the same address but for the index file)
    title = "Sắc màu chợ phiên vùng cao Tân Sơn"
    feed, listed = f"{HOST}/index.php?Tin-tuc-Su-kien&realblog_id=52", f"{HOST}/?Tin-tuc-Su-kien&realblog_id=52"
    db = str(tmp_path / "a.db")
    with Archive(db) as archive:
        for n in (55, 57):
            archive.save_article(record(f"{HOST}/index.php?Tin-tuc-Su-kien&realblog_id={n}", f"Tin {n}", body=BODY + str(n)))
        archive.save_article(record(feed, title))
        assert archive.save_article(record(listed, title)) == "unchanged"
    urls, links = stored(db)
    assert listed in urls and feed not in urls and (feed, listed) in links
