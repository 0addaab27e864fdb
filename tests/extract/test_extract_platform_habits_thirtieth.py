"""Habits of the thirty-fourth round of portals made blind (Kirby, Backdrop CMS, Statamic, Plone 6):
a text whose first sentence names a date inside a link-broken line is no header line with the
post's date, and a lazy loader's attribute of another name than the common ones; each as a general
rule on a small page."""
from __future__ import annotations

from scraper.extract import extract_article

TITLE = "UBND huyện Nho Quan ban hành Kế hoạch chuyển đổi số năm 2024"
URL = "http://h.vn/tin-tuc/ubnd-huyen-nho-quan-ban-hanh-ke-hoach-chuyen-doi-so-nam-2024"
REST = ("<p>" + "Kế hoạch đặt mục tiêu đến hết năm 2024, 100% cơ quan, đơn vị thuộc UBND huyện sử dụng văn bản "
        "điện tử, chữ ký số trong xử lý công việc. " * 3 + "</p>")


def _page(inside: str) -> bytes:
    return (f"<html><head><title>{TITLE} | Cổng thông tin huyện</title></head>"
            f"<body><div class='topbar'>Thứ Năm, ngày 14/03/2024</div><div id='main'>{inside}</div>"
            "<div class='site-footer'>Giấy phép cấp ngày 19/9/2023</div></body></html>").encode()


def test_a_date_in_the_text_s_first_sentence_broken_by_a_link_is_no_header_line():
    first = ("<p>Ngày 04/3/2024, UBND huyện Nho Quan ban hành <a href='/files/kh-56.pdf'>Kế hoạch số 56/KH-UBND</a> "
             "về thực hiện Chương trình chuyển đổi số năm 2024 và định hướng đến năm 2025 trên địa bàn huyện.</p>")
    footer = ("<footer class='note-footer'><p class='note-author'>Tác giả: <strong>Phòng Văn hóa</strong></p>"
              "<time class='note-date' datetime='2024-03-05T14:15:00+07:00'>Đăng ngày: Thứ Ba, 05/03/2024 14:15</time>"
              "</footer>")
    page = _page(f"<article class='note'><h1>{TITLE}</h1><div class='note text'>{first}{REST}</div>{footer}</article>")
    assert extract_article(page, URL).published == "2024-03-05T14:15:00+07:00"
    # a short header line with the date at the text's top is still read as the post's date
    header = "<p>Ngày 04/3/2024 <a href='/tac-gia/phong-vh'>Phòng Văn hóa</a></p>"
    page = _page(f"<article class='note'><h1>{TITLE}</h1><div class='note text'>{header}{REST}</div></article>")
    assert extract_article(page, URL).published == "2024-03-04"


def test_a_lazy_loader_s_attribute_of_its_own_name_holds_the_picture():
    text = f"<h1>{TITLE}</h1><div class='field-name-body'>{REST}{{img}}{REST}</div>"
    lazy = ("<img class='lazyload-item' src='/files/styles/thumbnail/public/hoi-nghi.jpg?itok=Tn4K' "
            "data-lazyload-src='/files/styles/large/public/hoi-nghi.jpg?itok=7rQw' alt='Hội nghị'>")
    urls = [i.url for i in extract_article(_page(text.format(img=lazy)), URL).images]
    assert urls == ["http://h.vn/files/styles/large/public/hoi-nghi.jpg?itok=7rQw"]
    # a picture's one `data-*src*` where its src is a blank; not beside a real src (a teaser's crop)
    blank = "<img src='data:image/gif;base64,R0lGODlhAQABAAAAACw=' data-noz-media-src='/media/hoi-nghi_half.jpeg' alt='Hội nghị'>"
    urls = [i.url for i in extract_article(_page(text.format(img=blank)), URL).images]
    assert urls == ["http://h.vn/media/hoi-nghi_half.jpeg"]
    teaser = "<img src='/media/hoi-nghi-640x300.jpg' data-teaser-image-src='/media/hoi-nghi-640x360.jpg' alt='Hội nghị'>"
    urls = [i.url for i in extract_article(_page(text.format(img=teaser)), URL).images]
    assert urls == ["http://h.vn/media/hoi-nghi-640x300.jpg"]


VOLTO_TEXT = ("<p>" + "Sáng 15/10, Huyện ủy Yên Thế tổ chức hội nghị tổng kết 15 năm thực hiện Nghị quyết số 26-NQ/TW "
              "về nông nghiệp, nông dân, nông thôn. " * 3 + "</p>")


def _volto(title_block: str, after: str = "") -> bytes:
    """Volto's layout: the title opens the blocks' wrapper, the text's element taken with it."""
    return _page(f"<div id='page-document'>{title_block}<div class='blocks-group-wrapper'><h1>{TITLE}</h1>"
                 f"{VOLTO_TEXT}{REST}</div></div>{after}")


def test_a_date_before_the_wrapper_the_title_opens_is_the_date_above_the_title():
    dates = "<div class='dates'><time class='day' datetime='2024-10-16T02:15:00+00:00'>16 tháng 10, 2024</time></div>"
    assert extract_article(_volto(dates), URL).published == "2024-10-16T02:15:00+00:00"


def test_the_article_s_own_footer_after_a_text_holding_its_title_gives_date_and_views():
    footer = ("<div class='ytt-article-footer'><span class='ytt-published'>Ngày đăng: <!-- -->10/10/2024</span>"
              "<span class='ytt-hitcount'>Lượt xem: <!-- -->2.318</span></div>"
              "<footer class='site-footer'>Giấy phép số 12 cấp ngày 12/5/2021. Lượt xem: 4.127.559</footer>")
    record = extract_article(_volto("", footer), URL)
    assert (record.published, record.views) == ("2024-10-10", 2318)
    # the page's footer is no article's: its licence date and counter are not read
    page_footer = "<footer><p>Giấy phép số 12 cấp ngày 12/5/2021.</p><p>Lượt xem: 4.127.559</p></footer>"
    record = extract_article(_volto("", page_footer), URL)
    assert record.views is None and record.published != "2021-05-12"


def test_a_sentence_at_the_text_s_top_naming_a_date_is_no_header_line():
    text = ("<p>Thực hiện Kế hoạch số 215/KH-UBND ngày 09/10/2024 của UBND huyện Yên Thế về tổ chức Ngày hội "
            "việc làm năm 2024, UBND huyện thông báo như sau:</p>")
    page = _page(f"<div class='blocks'><h1>{TITLE}</h1>{text}{REST}</div>"
                 "<div class='article-meta'><span>Ngày đăng: 10/10/2024</span></div>")
    assert extract_article(page, URL).published == "2024-10-10"


def test_a_block_headed_as_the_files_is_no_text():
    files = ("<div class='block listing'><h2>Văn bản đính kèm</h2><div class='items'><div class='listing-item file-listing'>"
             "<a href='/tin-tuc/ke-hoach-215.pdf/@@download/file'>Kế hoạch số 215/KH-UBND</a>"
             "<p class='description'>Kế hoạch tổ chức Ngày hội việc làm huyện Yên Thế năm 2024</p></div></div></div>")
    record = extract_article(_page(f"<h1>{TITLE}</h1><div class='content'>{REST}{REST}{files}</div>"), URL)
    assert "đính kèm" not in record.body
    assert [a.name for a in record.attachments] == ["Kế hoạch số 215/KH-UBND"]


def test_a_blog_s_nameless_profile_is_no_author():
    line = "<div class='post-footer'>Publié par <span class='fn' itemprop='author'><span itemprop='name'>Unknown</span></span></div>"
    assert extract_article(_page(f"<h1>{TITLE}</h1><div class='post-body'>{REST}{REST}</div>{line}"), URL).author is None
