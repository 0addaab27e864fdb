"""Habits of the thirty-sixth and thirty-seventh rounds of portals made blind, and what the earlier
rounds left: the time of the header line opening the text for a date line giving the day alone;
each as a general rule on a small page."""
from __future__ import annotations

from scraper.extract import extract_article

TITLE = "Huyện Tân Lạc hỗ trợ 1.200 hộ dân giống cây trồng vụ Đông năm 2022"
URL = "http://h.vn/tin-tuc/ho-tro-giong-cay-trong-vu-dong-nam-2022"
TEXT = ("<p>" + "Thực hiện kế hoạch sản xuất vụ Đông năm 2022, UBND huyện đã chỉ đạo Phòng Nông nghiệp và "
        "Phát triển nông thôn phối hợp với các xã hỗ trợ giống cây trồng cho các hộ dân. " * 3 + "</p>")


def _page(inside: str, lang: str = "vi") -> bytes:
    return (f"<html lang='{lang}'><head><title>{TITLE}</title></head>"
            f"<body><div class='header'>Thứ Năm, ngày 03/11/2022</div><div id='main'>{inside}</div>"
            "<div class='footer'>Giấy phép cấp ngày 25/5/2017</div></body></html>").encode()


def test_the_time_of_the_header_line_opening_the_text_for_the_day_the_date_line_gives():
    # (an imported post's grey line under a date line of the day alone)
    post = (f"<div class='blog-post'><h2 class='blog-title'>{TITLE}</h2>"
            "<p class='blog-date'><span class='date-text'>28/10/2022</span></p><div class='blog-content'>"
            "<div class='paragraph'><font color='#818181'>Ngày đăng: {} | Lượt xem: 1.526</font></div>"
            f"{TEXT}{TEXT}</div></div>")
    assert extract_article(_page(post.format("28/10/2022 10:00")), URL).published == "2022-10-28T10:00:00+07:00"
    # another day's time there is not the date line's
    assert extract_article(_page(post.format("29/10/2022 10:00")), URL).published == "2022-10-28"


def test_a_size_class_the_editor_set_is_no_text_size_tool():
    # (a site builder's `span.font-size-16` around each paragraph's text; "A- A+" in `div.font-size` is a tool)
    para = ("<div class='dmNewParagraph'><p class='size-16'><span class='font-size-16'>{}</span></p></div>")
    sentence = "UBND huyện chỉ đạo Trạm Chăn nuôi và Thú y phối hợp với các xã tiêm vắc xin phòng bệnh dại cho đàn chó. "
    inside = (f"<h1>{TITLE}</h1><div class='postContent'>" + para.format(sentence * 3) + para.format(sentence * 2)
              + "<div class='font-size'><a href='#'>A-</a> <a href='#'>A+</a></div></div>")
    record = extract_article(_page(inside), URL)
    assert record.body and record.body.count("Trạm Chăn nuôi") == 5 and "A+" not in record.body


def test_the_original_a_builder_s_own_data_attribute_names_beside_its_resized_copy():
    # (Duda's `data-dm-image-path` beside `src=".../opt/x-1920w.jpg"`)
    img = "<div class='imageWidget'><img src='/s/multi/opt/Khai+giang+Ha+Hoa-1920w.jpg' {}/></div>"
    for attrs, expected in [("data-dm-image-path='/s/multi/Khai+giang+Ha+Hoa.jpg'", "/s/multi/Khai+giang+Ha+Hoa.jpg"),
                            # a thumbnail's, a sized share picture's, a resizer's, a media manager's: the copy shown
                            ("data-thumb='/s/multi/opt/Khai+giang+Ha+Hoa-640w.jpg'", None),
                            ("data-share='/s/multi/Khai+giang+Ha+Hoa-1200x630.jpg'", None),
                            ("data-full='/s/multi/Khai+giang+Ha+Hoa.jpg?w=960'", None),
                            ("data-path='local-images:/multi/Khai+giang+Ha+Hoa.jpg'", None)]:
        page = _page(f"<h1>{TITLE}</h1><div class='content'>{TEXT}{img.format(attrs)}{TEXT}</div>")
        urls = [i.url for i in extract_article(page, URL).images]
        assert urls == ["http://h.vn" + (expected or "/s/multi/opt/Khai+giang+Ha+Hoa-1920w.jpg")], attrs
