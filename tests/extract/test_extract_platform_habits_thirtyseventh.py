"""Habits of the forty-second round of portals made blind, each as a general rule on a small page:
entries on the listing's own path named by an item's number, a numbered pager beside every entry's
"read on", a post's lesser heading under the page's, a list of the post's categories, a list of
labelled details, a download handler given the file's path, the source's line and the author's empty
element, a count labelled in its tooltip, the meta line after the article's box, a category's name
with a comma, "Ảnh, bài:"."""
from __future__ import annotations

from pathlib import Path

from scraper.extract import extract_article, extract_listing

OPEN = Path(__file__).resolve().parents[1] / "fixtures" / "unseen_portals_open"

TITLE = "Sắc màu chợ phiên vùng cao Tân Sơn"
URL = "http://h.vn/tin-tuc/sac-mau-cho-phien-vung-cao-tan-son-1344.html"
TEXT = ("<p>" + "Chợ phiên Tân Sơn họp vào các ngày 3, 8, 13, 18, 23, 28 âm lịch hằng tháng, là nơi giao thương, "
        "gặp gỡ của đồng bào các dân tộc ở các xã vùng cao của huyện. " * 3 + "</p>")


def _page(inside: str, title: str = TITLE) -> bytes:
    return (f"<html lang='vi'><head><title>{title}</title></head><body><div class='header'>Thứ Năm, ngày "
            f"10/11/2022</div><div id='main'>{inside}</div><div class='footer'>Giấy phép cấp ngày 25/5/2017</div>"
            "</body></html>").encode()


# -- listings --------------------------------------------------------------------------------------

def test_entries_on_the_listing_s_own_path_named_by_an_item_s_number_and_its_numbered_pager():
    # (CMSimple_XH's Realblog: `/?Tin-tuc-Su-kien&realblog_id=55` entries, each ending "Xem tiếp »",
    # the pager's "2" going on to `&realblog_page=2`)
    entries = "".join(
        f"<div class='realblog_entry_preview'><h4><a href='/?Tin-tuc-Su-kien&amp;realblog_id={n}'>{TITLE} {n}</a></h4>"
        f"<div class='story'>{TEXT}</div><p><a class='realblog_button' href='/?Tin-tuc-Su-kien&amp;realblog_id={n}'>"
        "Xem tiếp »</a></p></div>" for n in (57, 55, 52))
    pager = ("<div class='realblog_pagination'><span>1</span><a class='realblog_button' "
             "href='/?Tin-tuc-Su-kien&amp;realblog_page=2'>2</a></div>")
    listing = extract_listing(_page(pager + entries), "http://h.vn/?Tin-tuc-Su-kien")
    assert listing.next_pages == ["http://h.vn/?Tin-tuc-Su-kien&realblog_page=2"]
    assert listing.article_urls == [f"http://h.vn/?Tin-tuc-Su-kien&realblog_id={n}" for n in (57, 55, 52)]


def test_a_pager_that_adds_a_menu_item_s_number_still_goes_on():
    # (a pager writing a menu item's `&Itemid=101`, as Joomla's do, where the listing's own address has
    # none: no item's number, the pages go on)
    entries = "".join(f"<div class='item'><h2><a href='/tin-tuc/{n}-ngay-hoi-dai-doan-ket-toan-dan-toc.html'>"
                      f"{TITLE} {n}</a></h2>{TEXT}</div>" for n in (1294, 1301, 1307))
    pager = "<ul class='pagination'><li><span>1</span></li>" + "".join(
        f"<li><a href='/tin-tuc.php?cat=8&amp;Itemid=101&amp;page={n}'>{n}</a></li>" for n in (2, 3)) + "</ul>"
    listing = extract_listing(_page(entries + pager), "http://h.vn/tin-tuc.php?cat=8")
    assert listing.next_pages == ["http://h.vn/tin-tuc.php?cat=8&Itemid=101&page=2"]


# -- title, category, body -------------------------------------------------------------------------

def test_the_post_s_lesser_heading_under_the_page_s_heading_the_title_ends_with():
    # (Realblog's `<h4>` after CMSimple_XH's `<h1>Tin tức - Sự kiện</h1>`, titled "Site - page – post")
    page = _page(f"<h1>Tin tức - Sự kiện</h1><div class='post'><h4>{TITLE}</h4>{TEXT}{TEXT}</div>",
                 title=f"Trang thông tin điện tử huyện Lục Ngạn - Tin tức - Sự kiện – {TITLE}")
    assert extract_article(page, URL).title == TITLE
    # (a lesser heading the <title> does not end with is no title)
    page = _page(f"<h1>Tin tức - Sự kiện</h1><div class='post'><h4>Tin liên quan khác</h4>{TEXT}{TEXT}</div>",
                 title="Trang thông tin điện tử huyện Lục Ngạn - Tin tức - Sự kiện")
    assert extract_article(page, URL).title != "Tin liên quan khác"


def test_of_a_list_of_the_post_s_categories_the_one_its_address_files_it_under():
    # (WordPress's `cat-links` in the alphabet's order; the permalink's `/thong-bao/<slug>/`)
    links = ("<span class='cat-links'><a href='/thong-bao/' rel='category tag'>Thông báo</a>, "
             "<a href='/tin-tuc-su-kien/' rel='category tag'>Tin tức - Sự kiện</a></span>")
    page = _page(f"<article class='post'><h1 class='entry-title'>{TITLE}</h1><div class='entry-meta'>{links}</div>"
                 f"<div class='entry-content'>{TEXT}{TEXT}</div></article>")
    assert extract_article(page, "http://h.vn/thong-bao/sac-mau-cho-phien/", family="wordpress").category == "Thông báo"
    assert extract_article(page, "http://h.vn/tin-tuc-su-kien/sac-mau-cho-phien/",
                           family="wordpress").category == "Tin tức - Sự kiện"


def test_a_labelled_category_s_name_with_a_comma_is_one_name():
    # (Realblog's "Chuyên mục: Phổ biến, giáo dục pháp luật"; a list goes on with a capital)
    for line, category in (("Chuyên mục: Phổ biến, giáo dục pháp luật", "Phổ biến, giáo dục pháp luật"),
                           ("Chuyên mục: Tuyển dụng, Giáo dục - Đào tạo", "Tuyển dụng")):
        page = _page(f"<div class='post'><h1>{TITLE}</h1><span class='cats'>{line}</span>{TEXT}{TEXT}</div>")
        assert extract_article(page, URL).category == category


def test_a_list_of_the_item_s_labelled_details_at_the_text_s_top_is_no_text():
    # (Joomla 5's `dl.article-info` inside `.item-page`: "Thông tin chi tiết", "Viết bởi: ...", "Danh mục: ...")
    details = ("<dl class='article-info'><dt>Thông tin chi tiết</dt><dd class='createdby'>Viết bởi: Quản trị viên</dd>"
               "<dd class='category-name'>Danh mục: <a href='/tin-tuc'>Tin tức - Sự kiện</a></dd></dl>")
    record = extract_article(_page(f"<div class='item-page'><h1>{TITLE}</h1>{details}{TEXT}{TEXT}</div>"), URL)
    assert record.body.startswith("Chợ phiên") and "Viết bởi" not in record.body


# -- files, authors, views, dates ------------------------------------------------------------------

def test_a_download_handler_given_the_file_s_path():
    # (BlogEngine.NET's `/file.axd?file=/2023/03/x.pdf`)
    files = ("<p><strong>Tài liệu đính kèm:</strong></p><p><a href='/file.axd?file=/2023/03/TB-125-UBND.pdf'>"
             "TB-125-UBND.pdf (186.42 kb)</a></p><p><a href='/file.axd?file=/2023/03/Mau-phieu.docx'>Mẫu phiếu</a></p>")
    record = extract_article(_page(f"<div class='post'><h1>{TITLE}</h1>{TEXT}{TEXT}{files}</div>"), URL)
    assert [a.url for a in record.attachments] == ["http://h.vn/file.axd?file=/2023/03/TB-125-UBND.pdf",
                                                   "http://h.vn/file.axd?file=/2023/03/Mau-phieu.docx"]


def test_the_source_s_line_beside_the_author_s_is_no_author():
    # (ECOIT's `div.entry-source-author`: `div.article-Author`, empty on a notice, then `div.article-Source`)
    def line(author: str) -> str:
        return (f"<div class='entry-source-author' align='right'><div class='article-Author'>{author}</div>"
                "<div class='article-Source'>Văn phòng HĐND và UBND huyện</div></div>")
    for author, expected in (("Quang Huy", "Quang Huy"), ("", None)):
        page = _page(f"<div class='entry-body'><h1>{TITLE}</h1><div class='entry-content'>{TEXT}{TEXT}</div>"
                     f"{line(author)}</div>")
        assert extract_article(page, URL).author == expected, author


def test_a_count_its_tooltip_labels_in_the_meta_line_after_the_article_s_box_and_the_date_there():
    # (DataLife Engine's saved page: `div.meta` after the story's box, `<li title="Lượt xem: 968"><svg/> 968</li>`,
    # the date and time in a link to the day's archive inside a day-only `<time>`)
    page = (OPEN / "dle-datalife" / "pages" / "article-1344.html").read_bytes()
    record = extract_article(page, "http://h.vn/tin-tuc/van-hoa-xa-hoi/1344-ngay-hoi-van-hoa-the-thao-ban-rao-tre.html")
    assert record.views == 968 and record.published == "2023-03-10T09:30:00+07:00"


def test_a_photographer_and_writer_s_label_either_way_round():
    # ("Ảnh, bài: Hoàng Hà" as "Bài, ảnh: ...")
    line = "<p style='text-align: right;'><strong>Ảnh, bài: Hoàng Hà</strong></p>"
    record = extract_article(_page(f"<div class='post'><h1>{TITLE}</h1>{TEXT}{TEXT}{line}</div>"), URL)
    assert record.author == "Hoàng Hà"
