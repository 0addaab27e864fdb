"""Habits of the thirty-first round of portals made blind (PHPCMS V9, Wix): a meta line inside the
title's heading after a line break, a Chinese CMS's "正文" closing the trail, a count labelled after
its number beside another count, a figure's picture hidden from screen readers while it loads;
each as a general rule on a small page."""
from __future__ import annotations

from scraper.extract import extract_article
from scraper.extract.numbers import parse_view_count

TEXT = "<p>" + "Sáng 14/11, UBND huyện Lục Ngạn tổ chức hội nghị triển khai kế hoạch thu hoạch, tiêu thụ cam, bưởi vụ 2023 - 2024. " * 3 + "</p>"
TITLE = "Lục Ngạn triển khai kế hoạch thu hoạch, tiêu thụ cam, bưởi vụ 2023 - 2024"
URL = "http://h.vn/html/2023/tinhoatdong_1115/128.html"


def _page(inside: str, before: str = "") -> bytes:
    return (f"<html><head><title>{TITLE} - Cổng thông tin huyện</title></head>"
            f"<body><div class='header'>Thứ Tư, ngày 15/11/2023</div>{before}<div id='main'>{inside}</div>"
            "<div class='footer'>Giấy phép cấp ngày 25/5/2017</div></body></html>").encode()


PHPCMS = (f"<div id='Article'><h1>{TITLE}<br />\n<span>2023-11-15 09:30:12&nbsp;&nbsp;&nbsp;Nguồn：Trung tâm VH-TT"
          "&nbsp;&nbsp;&nbsp;评论：<a id='comment'>0</a> Lượt xem：</span><span id='hits'></span></h1>"
          f"<div class='content'>{TEXT}{TEXT}</div></div>")


def test_a_meta_line_inside_the_title_s_heading_after_a_break_is_no_title_but_the_date_line():
    article = extract_article(_page(PHPCMS), URL, family="generic")
    assert article.title == TITLE
    assert article.published == "2023-11-15T09:30:12+07:00"
    assert article.views is None  # (the counter's figure is left to a script)
    # a title broken over two lines, its second line no date, stays whole
    two_lines = PHPCMS.replace("<br />\n<span>2023-11-15 09:30:12", "<br />\n<span>tại các xã vùng cao")
    assert extract_article(_page(two_lines), URL, family="generic").title.startswith(TITLE + " tại các xã")


def test_a_chinese_cms_s_body_page_name_closing_the_trail_is_no_category():
    trail = ("<div class='crumbs'><a href='/'>Trang chủ</a><span> &gt; </span><a href='/list-5-1.html'>Tin tức - Sự kiện</a>"
             " > <a href='/list-12-1.html'>Tin hoạt động</a> >  正文</div>")
    assert extract_article(_page(PHPCMS, before=trail), URL, family="generic").category == "Tin hoạt động"


def test_a_count_labelled_after_its_number_beside_another_count_is_the_views():
    assert parse_view_count("12.903 lượt xem 3 bình luận 58") == 12903
    assert parse_view_count("386 lượt xem 1 bình luận") == 386
    # the label's own number where the next count is not another's
    assert parse_view_count("Bình luận 3 Lượt xem 120") == 120
    assert parse_view_count("Lượt xem: 15 | 2 bình luận") == 15


WIX_FIGURE = ("<figure data-hook='figure-IMAGE'><div data-hook='imageViewer'><wow-image>"
              "<img src='/media/a~mv2.jpg/v1/fill/w_147,h_98,blur_2/a~mv2.jpg' data-src='/media/a~mv2.jpg/v1/fill/w_740,h_493/a~mv2.jpg'"
              " alt='' aria-hidden='true' loading='lazy'></wow-image></div>"
              "<figcaption><span>Đồng chí Phó Chủ tịch UBND huyện phát biểu chỉ đạo tại hội nghị</span></figcaption></figure>")


def test_a_figure_s_picture_hidden_from_screen_readers_while_it_loads_is_the_article_s():
    article = extract_article(_page(f"<h1>{TITLE}</h1><section>{TEXT}{WIX_FIGURE}{TEXT}</section>"), URL, family="generic")
    assert [(i.url, i.caption) for i in article.images] == [
        ("http://h.vn/media/a~mv2.jpg/v1/fill/w_740,h_493/a~mv2.jpg",
         "Đồng chí Phó Chủ tịch UBND huyện phát biểu chỉ đạo tại hội nghị")]
    # a picture hidden so with no caption is decoration still
    bare = WIX_FIGURE.split("<figcaption>")[0] + "</figure>"
    assert extract_article(_page(f"<h1>{TITLE}</h1><section>{TEXT}{bare}{TEXT}</section>"), URL, family="generic").images == []


def test_a_most_viewed_box_between_the_title_and_the_text_holds_other_articles_counts():
    # (Sapo Web's `aside-mostview` in the row between the trail's title and the text; a profile
    # learned from the site's pages takes the trail's own title there)
    box = ("<div class='aside-item aside-mostview'><h2>TIN ĐỌC NHIỀU</h2><article class='blog-item'>"
           "<h3><a href='/yen-son-khai-mac-hoi-thi'>Yên Sơn khai mạc Hội thi Nhà nông đua tài năm 2023</a></h3>"
           "<span class='view-count'><i class='fa fa-eye'></i> 12.486 lượt xem</span></article></div>")
    page = f"<h1>{TITLE}</h1>{box}<div class='rte'>{TEXT}{TEXT}</div>"
    assert extract_article(_page(page), URL, family="generic").views is None
