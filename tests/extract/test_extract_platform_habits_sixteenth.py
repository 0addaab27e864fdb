"""Habits of the sixteenth round of portals made blind (XOOPS's News module, Drupal 6, django CMS with
filer, an HTTrack mirror of a NukeViet portal): the section's link set before the title, a count
labelled by the bare verb, a field's value written after its label's element, a picture's title
said again after it, a file's line of its own between paragraphs and its size after its name; each
as a general rule on a small page."""
from __future__ import annotations

from scraper.extract import extract_article
from scraper.extract.numbers import parse_view_count

TEXT = "<p>" + "Trường tổ chức hội thi giáo viên dạy giỏi cấp trường năm học 2023 - 2024 với sự tham gia của 14 giáo viên. " * 3 + "</p>"
TITLE = "Trường PTDTBT THCS Đồng Chum tổ chức Hội thi giáo viên dạy giỏi"
URL = "http://h.vn/modules/news/article.php?storyid=398"
CAPTION = "Quang cảnh phiên họp thường kỳ UBND huyện tháng 10/2023"


def _page(inside: str) -> bytes:
    return f"<html><head><title>{TITLE} - Tin tức : Cổng TTĐT huyện</title></head><body>{inside}</body></html>".encode()


def _xoops(separator: str = "-", stats: str = "(<span class='itemStats'>Đọc: 12406</span>)") -> bytes:
    return _page("<div class='item'><div class='itemHead'><span class='itemTitle'>"
                 f"<a href='/modules/news/index.php?storytopic=3'>Tin tức - Sự kiện</a> {separator} &nbsp; <h2>{TITLE}</h2>"
                 "</span></div><div class='itemInfo'><span class='itemPoster'>Đăng bởi <a href='/userinfo.php?uid=15'>Bùi Thị Lan"
                 f"</a></span> <span class='itemPostDate'>vào ngày Tue, 27/02/2024 - 12:20 PM</span> {stats}</div>"
                 "<div class='itemBody'><a href='/modules/news/index.php?storytopic=3'><img src='/uploads/news/image/topic.jpg' "
                 f"alt='Tin tức - Sự kiện' align='right'></a><div class='itemText'>{TEXT}{TEXT}</div></div></div>")


def test_the_section_s_link_set_before_the_title_is_the_category_and_its_emblem_no_picture():
    article = extract_article(_xoops(), URL, family="generic")
    assert article.category == "Tin tức - Sự kiện"
    assert article.images == []
    assert extract_article(_xoops(separator="và"), URL, family="generic").category is None


def test_a_count_labelled_by_the_bare_verb_and_closing_its_bracket_is_the_views():
    assert extract_article(_xoops(), URL, family="generic").views == 12406
    assert parse_view_count("(Đọc: 12406)") == 12406
    assert parse_view_count("Đọc: 2 bài liên quan") is None


def test_a_field_s_value_written_after_its_label_s_element_is_read():
    page = _page(f"<div class='node'><h2 class='title'>{TITLE}</h2><div class='submitted'>Gửi bởi thuhien vào Thứ hai, "
                 f"12/08/2019 - 08:05</div><div class='content'>{TEXT}{TEXT}<div class='field field-field-tac-gia'>"
                 "<div class='field-items'><div class='field-item'><div class='field-label-inline-first'>Tác giả:&nbsp;</div>"
                 " Thu Hiền </div></div></div></div></div>")
    assert extract_article(page, "http://h.vn/tin-tuc/luc-ngan-1527", family="generic").author == "Thu Hiền"


def _filer(file_line: str) -> bytes:
    return _page(f"<div class='post-detail'><h2>{TITLE}</h2><div class='blog-content'>{TEXT}"
                 "<img class='filer_image center' alt='Phiên họp UBND huyện' src='/media/filer_public/7a/hop.jpg' width='480' "
                 f"title='{CAPTION}'><span class='filer_image_info'><span class='title'>{CAPTION}</span></span>{TEXT}"
                 f"{file_line}<p style='text-align: right;'><strong>Văn phòng HĐND và UBND huyện</strong></p></div></div>")


def test_a_line_after_a_picture_that_says_its_title_again_is_its_caption():
    article = extract_article(_filer(""), "http://h.vn/vi/tin-tuc/2023/10/27/hop/", family="generic")
    assert [i.caption for i in article.images] == [CAPTION]
    assert CAPTION not in article.body


def test_a_file_s_link_on_a_line_of_its_own_between_paragraphs_is_an_attachment_named_without_its_size():
    line = ("<span class='file'><a href='/media/filer_public/c4/kh-215.pdf'><img src='/static/filer/icons/file_32x32.png' "
            "alt='Icon'> Kế hoạch số 215/KH-UBND <span class='filesize'>(1,2 KB)</span></a></span>")
    article = extract_article(_filer(line), "http://h.vn/vi/tin-tuc/2023/10/27/hop/", family="generic")
    assert [(a.url, a.name) for a in article.attachments] == [("http://h.vn/media/filer_public/c4/kh-215.pdf",
                                                                "Kế hoạch số 215/KH-UBND")]
    assert "Kế hoạch số 215" not in article.body and "KB" not in article.body


def test_a_download_label_inside_the_file_s_link_is_not_its_name():
    page = _page(f"<h1>{TITLE}</h1><div class='content'>{TEXT}{TEXT}</div><div class='panel download'><a "
                 "href='/files/bc-215.pdf'>Tải về: <strong>Báo cáo số 215/BC-UBND</strong></a></div>")
    assert [a.name for a in extract_article(page, URL, family="generic").attachments] == ["Báo cáo số 215/BC-UBND"]
