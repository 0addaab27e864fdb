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


def test_a_latin_1_page_writing_the_other_vietnamese_letters_as_references_is_read_as_latin_1():
    # (PHP-Nuke's pages: "phòng" with latin-1's 0xF2, "huyện" as "huy&#7879;n"; windows-1258 reads 0xF2 as a dot below)
    title = "Triển khai các biện pháp phòng, chống dịch cúm A/H1N1 trong trường học"
    def latin(text: str) -> bytes:
        return text.encode("latin-1", "xmlcharrefreplace")
    page = (b"<html><head><meta http-equiv='Content-Type' content='text/html; charset=ISO-8859-1'><title>"
            + latin(title) + b"</title></head><body><div class='header'>" + latin("Thứ Hai, 16/11/2009")
            + b"</div><h1>" + latin(title) + b"</h1><div class='content'>"
            + latin("<p>" + "Ban Chỉ đạo phòng, chống dịch cúm A/H1N1 huyện tổ chức hội nghị triển khai kế hoạch "
                    "phòng, chống dịch trong các trường học trên địa bàn. " * 3 + "</p>") + b"</div></body></html>")
    record = extract_article(page, URL)
    assert record.title == title and "phòng, chống dịch trong các trường học" in record.body


def test_a_title_opening_with_a_commune_s_name_after_the_site_s_name_is_the_title():
    # ("Site - Xã Phú Lão ra quân ..." is a title; "Site - UBND huyện Lục Ngạn tỉnh Bắc Giang" the site's name going on)
    title = "Xã Phú Lão ra quân làm đường giao thông nông thôn"
    page = (f"<html><head><title>Trang thông tin điện tử huyện Lạc Thủy - {title}</title></head><body>"
            f"<table><tr><td><font class='option'><b><a href='/cat?id=2'>Tin tức - Sự kiện</a>: {title}</b></font>"
            f"</td></tr><tr><td>{TEXT}{TEXT}</td></tr></table></body></html>").encode()
    assert extract_article(page, URL).title == title


def test_the_caption_after_a_lazy_picture_and_its_noscript_copy_in_a_centred_block():
    # (PHP-Nuke's `<div align="center"><img class="lazy" data-original=...><noscript><img ...></noscript><br><em>...`)
    caption = "Các thầy giáo, cô giáo tiêu biểu được tuyên dương tại buổi lễ"
    block = ("<div align='center'><img class='lazy' src='/images/grey.gif' data-original='/uploads/le-20-11.jpg'>"
             f"<noscript><img src='/uploads/le-20-11.jpg'></noscript><br><em>{caption}</em></div>")
    record = extract_article(_page(f"<h1>{TITLE}</h1><div class='content'>{TEXT}{block}{TEXT}</div>"), URL)
    assert [(i.url, i.caption) for i in record.images] == [("http://h.vn/uploads/le-20-11.jpg", caption)]
    assert caption not in record.body
