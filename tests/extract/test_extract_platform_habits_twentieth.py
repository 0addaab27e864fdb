"""Habits of the twentieth round of portals made blind (Concrete CMS, Blazor Server, Plone 3, Liferay
5.2): a download's label before a handler's link in the text, a picture's own "Phóng to" in its link,
a link to a view of the article's own picture; each as a general rule on a small page."""
from __future__ import annotations

from scraper.extract import extract_article

TEXT = "<p>" + "Kỳ họp thứ 15 HĐND huyện khóa XX đã thông qua 12 nghị quyết quan trọng về phát triển kinh tế - xã hội. " * 3 + "</p>"
TITLE = "Kỳ họp thứ 15 HĐND huyện Đức Thọ khóa XX thông qua 12 nghị quyết"
URL = "http://h.vn/tin-tuc/ky-hop-thu-15-hdnd-huyen-duc-tho"


def _page(inside: str) -> bytes:
    return f"<html><head><title>{TITLE}</title></head><body><div id='content'><h1>{TITLE}</h1>{inside}</div></body></html>".encode()


def test_a_download_label_before_a_handler_s_link_in_the_text_makes_it_an_attachment():
    line = "<p><strong>Tải về:</strong> <a href='/download_file/view/58'>Nghị quyết số 45/NQ-HĐND</a></p>"
    article = extract_article(_page(f"<div class='body'>{TEXT}{TEXT}{line}</div>"), URL, family="generic")
    assert [(a.url, a.name) for a in article.attachments] == [("http://h.vn/download_file/view/58", "Nghị quyết số 45/NQ-HĐND")]
    assert "Tải về" not in article.body
    # (a handler's link with no label before it is a link of the text)
    plain = "<p>Xem <a href='/download_file/view/58'>Nghị quyết số 45/NQ-HĐND</a> của HĐND huyện.</p>"
    assert extract_article(_page(f"<div class='body'>{TEXT}{TEXT}{plain}</div>"), URL, family="generic").attachments == []


def test_a_picture_linked_to_a_view_of_itself_is_the_article_s_and_its_zoom_label_no_text():
    image = (f"<div class='newsImageContainer'><a href='{URL[len('http://h.vn'):]}/image/image_view_fullscreen'>"
             f"<img src='{URL[len('http://h.vn'):]}/image_preview' alt='{TITLE}'><br><span class='discreet'>"
             "<img src='/search_icon.gif' height='16' width='16'><span>Phóng to</span></span></a></div>")
    article = extract_article(_page(f"<p class='documentDescription'>Sáng 22/12, HĐND huyện khai mạc kỳ họp thứ 15."
                                    f"</p><div id='parent-fieldname-text'>{image}{TEXT}{TEXT}</div>"), URL, family="generic")
    assert [i.url for i in article.images] == [URL + "/image_preview"]
    assert "Phóng to" not in article.body


def test_a_date_s_year_before_an_empty_count_is_no_count():
    from scraper.extract.numbers import parse_view_count
    assert parse_view_count("2:15 CH, 29/03/23 lượt xem") is None  # (a Gatsby page's count left for a script)
    assert parse_view_count("29/03/23 | 1.245 lượt xem") == 1245
