"""Habits of the twenty-ninth round of portals made blind (Movable Type, YOOtheme ZOO): a picture or
a file the editor wrapped in a <form> with no field, and a field shown as a heading with its value
after it; each as a general rule on a small page."""
from __future__ import annotations

from scraper.extract import extract_article

TEXT = "<p>" + "Vụ Xuân năm nay, toàn huyện gieo cấy 6.850 ha lúa, năng suất ước đạt 58,5 tạ/ha, tăng 2,3 tạ/ha. " * 3 + "</p>"
TITLE = "Nông dân Thạch Hà khẩn trương thu hoạch lúa Xuân, triển khai sản xuất vụ Hè Thu"
URL = "http://h.vn/tin-tuc/2024/05/nong-dan-thch-ha-khn-trng-thu.html"


def _page(inside: str) -> bytes:
    return (f"<html><head><title>{TITLE}</title></head><body><div id='content'><h1>{TITLE}</h1>{inside}</div>"
            "<div class='footer'>Bản quyền thuộc UBND huyện</div></body></html>").encode()


def test_a_picture_or_file_wrapped_in_a_form_with_no_field_is_the_article_s():
    # Movable Type's editor sets each inserted asset in `<form mt:asset-id class="mt-enclosure">`
    picture = ("<form mt:asset-id='1402' class='mt-enclosure mt-enclosure-image' style='display: inline;'>"
               "<img src='/images/2024/05/gat-lua.jpg' width='600' height='400'></form>"
               "<p style='text-align: center;'><em>Máy gặt đập liên hợp thu hoạch lúa trên cánh đồng mẫu lớn</em></p>")
    file = ("<p>UBND huyện đã ban hành <form mt:asset-id='1571' class='mt-enclosure mt-enclosure-file' "
            "style='display: inline;'><a href='/files/2024/05/KH-112-UBND.pdf'>Kế hoạch số 112/KH-UBND</a></form>"
            " về đẩy mạnh chuyển đổi số trong giải quyết thủ tục hành chính giai đoạn 2024 – 2025.</p>")
    article = extract_article(_page(f"<div class='asset-body'>{TEXT}{picture}{TEXT}{file}{TEXT}</div>"), URL, family="generic")
    assert [(i.url, i.caption) for i in article.images] == [
        ("http://h.vn/images/2024/05/gat-lua.jpg", "Máy gặt đập liên hợp thu hoạch lúa trên cánh đồng mẫu lớn")]
    assert [a.url for a in article.attachments] == ["http://h.vn/files/2024/05/KH-112-UBND.pdf"]
    assert "Kế hoạch số 112/KH-UBND về đẩy mạnh" in article.body and "cánh đồng mẫu lớn" not in article.body


def test_a_form_with_fields_stays_out_of_the_text():
    search = "<form action='/cgi-bin/mt-search.cgi'><input name='search'><p>Tìm kiếm trong trang tin huyện</p></form>"
    audio = "<form><fieldset><p>Tải tệp âm thanh của bản tin này về máy</p></fieldset></form>"
    body = extract_article(_page(TEXT + search + TEXT + audio), URL, family="generic").body
    assert "Tìm kiếm" not in body and "âm thanh" not in body


def test_a_field_shown_as_a_heading_and_its_value_is_no_text_and_names_the_author():
    # YOOtheme ZOO's elements after the text
    fields = ("<div class='element element-text last'><h3>Tác giả</h3>Quang Vinh (Đài Truyền thanh huyện)</div>"
              "<div class='element element-download'><h3>Dung lượng</h3>186.41 KB</div>")
    article = extract_article(_page(TEXT + TEXT + fields), URL, family="generic")
    assert article.author == "Quang Vinh (Đài Truyền thanh huyện)"
    assert "Tác giả" not in article.body and "Dung lượng" not in article.body and "Quang Vinh" not in article.body


def test_a_section_under_its_heading_stays_in_the_text():
    section = "<div class='heading'><h2>Kinh tế tăng trưởng khá</h2></div><div class='text'>" + TEXT + "</div>"
    short = "<div><h3>Kết quả</h3>Đạt 112% kế hoạch năm, vượt 18% dự toán</div>"
    body = extract_article(_page(TEXT + section + short + TEXT), URL, family="generic").body
    assert "Kinh tế tăng trưởng khá" in body and "Kết quả" in body
