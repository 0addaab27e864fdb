"""Habits of the thirty-fifth round of portals made blind (Bolt CMS, Squarespace, Weebly, Piranha
CMS): a card's "Read more" link named by the card's heading, the title's copy in the text's element
under a banner's, the author alone in a field of its own after the text's, a day's number not read
out of a year, the category in the block above the title's, the menu's active section as the
category, marks alone and a file's card at the text's edge; each as a general rule on a small page."""
from __future__ import annotations

from pathlib import Path

from scraper.extract import extract_article, extract_listing
from scraper.extract.dates import find_dates

TITLE = "Vĩnh Linh tổng kết 20 năm thực hiện tín dụng chính sách xã hội"
URL = "http://h.vn/tin/vinh-linh-tong-ket-20-nam-thuc-hien-tin-dung-chinh-sach-xa-hoi"
TEXT = ("<p>" + "Sáng 27/10, Ban đại diện Hội đồng quản trị Ngân hàng Chính sách xã hội huyện tổ chức hội nghị "
        "tổng kết 20 năm thực hiện tín dụng chính sách xã hội. " * 3 + "</p>")


def _page(inside: str, menu: str = "") -> bytes:
    return (f"<html><head><title>{TITLE} | Cổng thông tin huyện</title></head>"
            f"<body><div class='header'>Thứ Năm, ngày 17/11/2022</div>{menu}<div id='main'>{inside}</div>"
            "<div class='footer'>Giấy phép cấp ngày 25/5/2017</div></body></html>").encode()


def test_a_card_s_read_more_link_is_named_by_the_card_s_heading():
    cards = "".join(
        f"<div class='card'><h2>{t}</h2><p>Tóm tắt tin bài số {n} của huyện Vĩnh Linh.</p>"
        f"<a href='/tin/{s}'>Read more &raquo;</a></div>"
        for n, (t, s) in enumerate([(TITLE, "tong-ket-20-nam"), ("Vĩnh Linh triển khai sản xuất vụ Đông Xuân 2022 - 2023",
                                                                 "trien-khai-vu-dong-xuan"),
                                    ("Thông báo tuyển dụng viên chức giáo dục huyện Vĩnh Linh năm 2022",
                                     "thong-bao-tuyen-dung-vien-chuc")]))
    listing = extract_listing(_page(f"<article>{cards}</article>"), "http://h.vn/tin-tuc")
    assert set(listing.article_urls) | set(listing.boxed_article_urls) >= {
        "http://h.vn/tin/tong-ket-20-nam", "http://h.vn/tin/trien-khai-vu-dong-xuan",
        "http://h.vn/tin/thong-bao-tuyen-dung-vien-chuc"}


def test_the_title_s_copy_opening_the_text_s_element_takes_its_meta_line_out_of_the_text():
    hero = f"<div class='hero'><h1 class='text-white'>{TITLE}</h1></div>"
    article = (f"<article class='article'><h1>{TITLE}</h1><p class='record-meta'><span>28/10/2022</span> | "
               f"<span>Lượt xem: 3,518</span></p><div data-bolt-field='body'>{TEXT}{TEXT}</div></article>")
    record = extract_article(_page(hero + article), URL)
    assert not record.body.startswith("28/10/2022") and "Lượt xem" not in record.body
    assert record.views == 3518


def test_the_author_alone_in_a_field_of_its_own_after_the_text_s():
    # (Bolt prints the body field inside a <p> of its own, which the parser closes at the first <p>)
    fields = (f"<article><h1>{TITLE}</h1><div data-field='body'><p>{TEXT}{TEXT}</p></div>"
              "<div data-field='tacgia'><p>{}</p></div></article>")
    assert extract_article(_page(fields.format("Hoài Nam")), URL).author == "Hoài Nam"
    assert extract_article(_page(fields.format("Thanh Hải - TTVH,TT&amp;TT huyện")), URL).author \
        == "Thanh Hải - TTVH,TT&TT huyện"
    # a sentence there, or a line among the text's own paragraphs, is no author
    assert extract_article(_page(fields.format("Hội nghị kết thúc trong cùng ngày.")), URL).author is None
    inline = f"<article><h1>{TITLE}</h1><div data-field='body'><p>{TEXT}{TEXT}<p>Hoài Nam</p></p></div></article>"
    assert extract_article(_page(inline), URL).author is None


def test_the_author_s_field_right_after_the_text_s_element_a_site_profile_took():
    # (a profile learned from the site's pages takes the body's field alone; the author's field is its next)
    fields = (f"<article class='article'><h1>{TITLE}</h1><div data-field='body'>{TEXT}{TEXT}</div>"
              "<div data-field='tacgia'>{}</div><div class='share'><span>Chia sẻ</span></div></article>")
    profile = {"article": {"content": ["article.article div"], "title": ["article.article h1"]}}
    for name in ("Hoài Nam", "Thanh Hải - TTVH,TT&amp;TT huyện"):
        record = extract_article(_page(fields.format(f"<p>{name}</p>")), URL, profile=profile)
        assert record.author == name.replace("&amp;", "&") and name not in record.body
    # a sentence there, a field of two lines or a line of the next box is no author
    for after in ("<p>Hội nghị kết thúc trong cùng ngày.</p>", "<p>Hoài Nam</p><p>Thanh Hải</p>",
                  "<p><a href='/tin/khac'>Tin Khác</a></p>"):
        assert extract_article(_page(fields.format(after)), URL, profile=profile).author is None


def test_a_day_s_number_is_not_read_out_of_the_end_of_a_year():
    assert [d.iso for d in find_dates("Thông báo tuyển dụng năm 2022 tháng 11 10, 2022 16:45")] \
        == ["2022-11-10T16:45:00+07:00"]
    assert [d.iso for d in find_dates("ngày 3 tháng 11 năm 2022")] == ["2022-11-03"]


def test_the_category_in_the_block_just_above_the_title_s():
    meta = ("<div class='blog-meta-section'><span class='blog-meta-primary'><span class='blog-categories-list'>"
            "<a href='/tin-tuc?category=Chuyển+đổi+số' class='blog-categories'>Chuyển đổi số</a></span></span>"
            "<span class='blog-meta-secondary'><time>Nov 3</time></span></div>")
    page = _page(f"<article>{meta}<div class='blog-item-title'><h1>{TITLE}</h1></div><div class='content'>{TEXT}{TEXT}</div></article>")
    assert extract_article(page, URL).category == "Chuyển đổi số"
    # a block of several links above the title (a teaser's or a menu's line) names no category
    crowded = meta.replace("</a></span>", "</a><a href='/tin-tuc?category=Khac' class='x'>Khác</a></span>")
    page = _page(f"<article>{crowded}<div class='blog-item-title'><h1>{TITLE}</h1></div><div class='content'>{TEXT}{TEXT}</div></article>")
    assert extract_article(page, URL).category != "Chuyển đổi số"


def test_the_menu_s_active_section_holding_the_article_is_its_category():
    menu = ("<ul class='wsite-menu-default'><li><a href='/'>Trang chủ</a></li>"
            "<li id='active'><a href='/tin-tuc-su-kien'>Tin tức - Sự kiện</a></li><li><a href='/van-ban'>Văn bản</a></li></ul>")
    url = "http://h.vn/tin-tuc-su-kien/tong-ket-20-nam"
    assert extract_article(_page(f"<h1>{TITLE}</h1><div class='blog-content'>{TEXT}{TEXT}</div>", menu), url).category \
        == "Tin tức - Sự kiện"
    # the active item of another folder than the article's says nothing of it
    other = "http://h.vn/van-ban/tong-ket-20-nam"
    assert extract_article(_page(f"<h1>{TITLE}</h1><div class='blog-content'>{TEXT}{TEXT}</div>", menu), other).category \
        is None


def test_marks_alone_and_a_file_s_card_at_the_text_s_edge_are_no_text():
    card = ("<div><a title='Download file: kh-245.pdf' href='/uploads/kh-245.pdf'><img src='/file_icons/pdf.png'></a>"
            "<div><table><tr><td colspan='2'><b> kh-245.pdf</b></td></tr><tr><td>File Type: </td><td> pdf</td></tr></table>"
            "<a href='/uploads/kh-245.pdf'>Download File</a></div></div>")
    record = extract_article(_page(f"<h1>{TITLE}</h1><div class='blog-content'>{TEXT}{TEXT}{card}<div>- -</div></div>"), URL)
    assert record.body.endswith("chính sách xã hội.")
    assert [a.url for a in record.attachments] == ["http://h.vn/uploads/kh-245.pdf"]
    # an emoticon closing a post is its text
    record = extract_article(_page(f"<h1>{TITLE}</h1><div class='blog-content'>{TEXT}{TEXT}<p>=)</p></div>"), URL)
    assert record.body.endswith("=)")


def test_the_views_in_the_header_line_opening_the_text():
    # (an imported post's legacy line in the text's first block, Squarespace's and Weebly's portals)
    open_portals = Path(__file__).resolve().parents[1] / "fixtures" / "unseen_portals_open"
    for folder, page, views in (("squarespace", "article-6350c16c8e7c5b0a1f3d6e27.html", 2345),
                                ("weebly", "article-305518942047729160.html", 1526)):
        record = extract_article((open_portals / folder / "pages" / page).read_bytes(), "http://h.vn/tin-tuc/x")
        assert record.views == views and "Lượt xem" not in record.body, folder
    # a heading's word before a number opening the title is no views label ("Review", "16-inch ...")
    page = _page(f"<div class='e-content'><span>Review</span><h2>16 bài học từ {TITLE}</h2>{TEXT}{TEXT}</div>")
    assert extract_article(page, URL).views is None
