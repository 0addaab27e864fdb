"""Habits of the twenty-sixth round of portals made blind (ExpressionEngine, 1C-Bitrix, Adobe
Experience Manager, Ghost) and of eZ Publish: a photo album after the text, an information block's
element id, a trail through the archive's year and month folders, a caption stated as microdata only,
a byline between a title and a text in one element, bare lines of metadata and source after the text,
the byline's parts named for it, a byline's label in other languages; each as a general rule on a
small page."""
from __future__ import annotations

from scraper.extract import extract_article, extract_listing

TEXT = "<p>" + "Kỳ họp thứ 15 HĐND huyện khóa XX đã thông qua 12 nghị quyết quan trọng về phát triển kinh tế - xã hội. " * 3 + "</p>"
TITLE = "Kỳ họp thứ 15 HĐND huyện Đức Thọ khóa XX thông qua 12 nghị quyết"
URL = "http://h.vn/tin-tuc/ky-hop-thu-15-hdnd-huyen-duc-tho"


def _page(inside: str, title: str = TITLE, head: str = "") -> bytes:
    return (f"<html><head><title>{title}</title>{head}</head><body><div id='content'>{inside}</div>"
            "<div class='footer'>Bản quyền thuộc UBND huyện</div></body></html>").encode()


def _album_item(n: int, caption: str) -> str:
    return (f"<div class='album-item'><img class='lazyload' src='/img/loading.gif' data-src='/uploads/album-0{n}.jpg' "
            f"width='640' height='427' alt='{caption}'><p class='album-caption'>{caption}</p></div>")


def test_a_photo_album_after_the_text_is_the_article_s_pictures():
    # ExpressionEngine's gallery field under its heading, after the author's line; a related box's
    # thumbnails link their pages and stay out
    album = ("<div class='entry-album'><h4>Một số hình ảnh tại lớp học</h4>" + _album_item(2, "Học viên nghiên cứu chuyên đề")
             + _album_item(3, "Đại biểu chụp ảnh lưu niệm") + "</div>")
    related = ("<div class='more'><h3>Tin khác</h3><a href='/tin-tuc/bai-khac-cua-huyen'><img src='/uploads/thumb-9.jpg' "
               "width='300'></a></div>")
    page = _page(f"<article><h1>{TITLE}</h1><div class='entry-content'>{TEXT}{TEXT}</div>"
                 f"<p class='entry-author'>Tác giả: <strong>Bá Sơn</strong></p>{album}{related}</article>")
    article = extract_article(page, URL, family="generic")
    assert [(i.url, i.caption) for i in article.images] == [
        ("http://h.vn/uploads/album-02.jpg", "Học viên nghiên cứu chuyên đề"),
        ("http://h.vn/uploads/album-03.jpg", "Đại biểu chụp ảnh lưu niệm")]
    # one uncaptioned picture after the text (a banner, a signature) is no album
    lone = _page(f"<article><h1>{TITLE}</h1><div class='entry-content'>{TEXT}{TEXT}</div>"
                 "<div class='sign'><img src='/uploads/chu-ky.png' width='400'></div></article>")
    assert extract_article(lone, URL, family="generic").images == []


def test_an_information_block_s_element_id_names_an_article():
    # 1C-Bitrix's news.list: `index.php?ELEMENT_ID=N` beside the section's `?SECTION_ID=15`
    items = "".join(f"<p class='news-item'><a href='/news/index.php?ELEMENT_ID=1286{n}'><b>Bài viết số {n} của huyện "
                    f"Hoằng Hóa năm 2024</b></a><br>Tóm tắt bài viết.</p>" for n in range(4))
    listing = extract_listing(f"<html><body><div class='news-list'>{items}</div><a href='/news/index.php?SECTION_ID=16'>"
                              "Thông báo của huyện</a></body></html>", "http://h.vn/news/index.php?SECTION_ID=15")
    assert listing.article_urls == [f"http://h.vn/news/index.php?ELEMENT_ID=1286{n}" for n in range(4)]


def test_a_trail_through_the_archive_s_year_and_month_folders_names_the_section():
    trail = "".join(f"<li><a href='/{n}.html'>{name}</a></li>" for n, name in
                    enumerate(["Trang chủ", "Tin tức - Sự kiện", "Tin trong huyện", "2022", "Tháng 11"]))
    page = _page(f"<ol class='breadcrumb'>{trail}<li>{TITLE}</li></ol><h1>{TITLE}</h1>{TEXT}{TEXT}")
    assert extract_article(page, URL, family="generic").category == "Tin trong huyện"


def test_a_caption_stated_as_the_picture_s_microdata_only():
    # AEM's image component with its caption as a pop-up: `<meta itemprop="caption">` beside the picture
    picture = ("<div class='cmp-image' itemscope itemtype='http://schema.org/ImageObject'>"
               "<img src='/content/dam/anh-02.jpeg' width='800' itemprop='contentUrl' alt='Giao lưu văn nghệ'>"
               "<meta itemprop='caption' content='Các đại biểu giao lưu văn nghệ chào mừng ngày hội'></div>")
    page = _page(f"<h1>{TITLE}</h1><div class='text'>{TEXT}</div><div class='image'>{picture}</div>"
                 f"<div class='text'>{TEXT}</div>")
    images = extract_article(page, URL, family="generic").images
    assert [(i.url, i.caption) for i in images] == [
        ("http://h.vn/content/dam/anh-02.jpeg", "Các đại biểu giao lưu văn nghệ chào mừng ngày hội")]


def test_a_byline_and_a_date_between_a_title_and_a_text_in_one_element():
    # eZ Publish's full view and 1C-Bitrix's news.detail hold the title, the meta line and the text
    # in one element: the date and author between the title and the first paragraph are the article's
    page = _page(f"<div class='col-main'><div class='breadcrumb'><a href='/'>Trang chủ</a></div><h1>{TITLE}</h1>"
                 "<div class='news-detail-info'><span class='date'>15.11.2024 16:20:00</span>"
                 "<span>Lượt xem: 1.250</span></div><p class='author'>Hồng Nhung</p>"
                 f"<div class='news-detail-text'>{TEXT}{TEXT}</div>"
                 "<br>Ngày cập nhật: 16.11.2024 08:02:17<br></div>")
    article = extract_article(page, URL, family="generic")
    assert article.published == "2024-11-15T16:20:00+07:00"
    assert "Ngày cập nhật" not in article.body
    # eZ Publish's article: its byline a line of its own, named for nothing but the author
    page = _page(f"<div class='class-article'><div class='attribute-header'><h1>{TITLE}</h1></div>"
                 "<div class='attribute-byline'><p class='author'>Hồng Nhung</p><p class='date'>14/11/2023 03:45 pm</p>"
                 f"</div><div class='attribute-long'>{TEXT}{TEXT}</div></div>")
    assert extract_article(page, URL, family="generic").author == "Hồng Nhung"


def test_bare_lines_of_metadata_and_source_after_the_text_are_neither_text_nor_lost():
    # 1C-Bitrix's news.detail writes the update's date, the author and the source as bare lines
    # between <br> after the text and its gallery
    page = _page(f"<h1>{TITLE}</h1><div class='news-detail'><div class='news-detail-text'>{TEXT}{TEXT}</div>"
                 "<div style='clear:both'></div><br>Ngày cập nhật:&nbsp;12.11.2024 10:41:09<br>"
                 "Tác giả:&nbsp;\n\t\tLê Thu Hà\t\t<br>Nguồn:&nbsp;<a href='/bitrix/redirect.php?goto=x'>Báo Thanh Hóa</a>"
                 "<br><div class='news-detail-share'><a href='https://facebook.com/sharer'>Chia sẻ</a></div></div>")
    article = extract_article(page, URL, family="generic")
    assert article.author == "Lê Thu Hà"
    assert article.body.endswith("kinh tế - xã hội.")
    # a line of the text itself after a <br> stays
    own = _page(f"<h1>{TITLE}</h1><div class='news-detail-text'>{TEXT}<br>Hội nghị kết thúc vào chiều cùng ngày "
                "với nhiều ý kiến tâm huyết của đại biểu.</div>")
    assert extract_article(own, URL, family="generic").body.endswith("tâm huyết của đại biểu.")


def test_the_byline_s_name_not_its_date_where_both_are_named_for_it():
    # Ghost's Casper: `h4.author-name > a` and `time.byline-meta-date` under `article-byline`
    page = _page(f"<article><header><h1 class='article-title'>{TITLE}</h1><div class='article-byline'>"
                 "<h4 class='author-name'><a href='/author/bui-thu-hang/'>Bùi Thu Hằng</a></h4>"
                 "<div class='byline-meta-content'><time class='byline-meta-date' datetime='2023-12-05'>thứ ba, "
                 "05/12/2023 16:20</time><span class='byline-reading-time'>3 phút đọc</span></div></div></header>"
                 f"<section class='gh-content'>{TEXT}{TEXT}</section></article>")
    article = extract_article(page, URL, family="generic")
    assert article.author == "Bùi Thu Hằng"
    assert article.published == "2023-12-05T16:20:00+07:00"


def test_a_byline_s_label_in_other_languages_is_no_part_of_the_name():
    def author(line: str) -> str | None:
        page = _page(f"<article><h1>{TITLE}</h1><div class='byline'>{line}</div>"
                     f"<div class='entry-content'>{TEXT}{TEXT}</div></article>")
        return extract_article(page, URL, family="generic").author
    assert author("By LISA MASCARO") == "LISA MASCARO"
    assert author("Posted by K A") == "K A"
    assert author("von Michael Andrusio") == "Michael Andrusio"
    assert author("Posted") is None
    assert author("By Mike Wall 2019-11-18T20:51:19Z Science & Astronomy") == "Mike Wall"  # (a machine's stamp after it)


def test_a_text_written_in_lines_ends_with_its_author_s_name():
    # 1C-Bitrix's plain-text body: lines between <br>, the last one the author's name alone
    lines = "<br>\n".join(["Tới dự buổi lễ có đồng chí Phó Bí thư Thường trực Huyện ủy cùng đông đảo Nhân dân trong xã."] * 4)
    page = _page(f"<h1>{TITLE}</h1><div class='news-detail'><div class='news-detail-text'>{lines}<br>\nLê Ngọc Sơn\n"
                 "</div><div style='clear:both'></div></div>")
    article = extract_article(page, URL, family="generic")
    assert article.author == "Lê Ngọc Sơn"
    assert "Lê Ngọc Sơn" not in article.body
    # a closing line of the text's own words stays its text
    own = _page(f"<h1>{TITLE}</h1><div class='news-detail-text'>{lines}<br>\nHội nghị kết thúc tốt đẹp.</div>")
    article = extract_article(own, URL, family="generic")
    assert article.author is None and article.body.endswith("Hội nghị kết thúc tốt đẹp.")


def test_an_embedded_file_with_its_size_beside_its_link_is_an_attachment():
    # eZ Publish's `content-view-embed` of a file: its type's icon, its name, its size after the link
    embed = ("<div class='object-left'><div class='content-view-embed'><div class='class-file'>"
             "<a href='/content/download/5380/21802/file/KH_125_KH-UBND.pdf'><img src='/share/icons/pdf.png' "
             "width='16' height='16' alt='application/pdf'> Kế hoạch số 125/KH-UBND</a> 886 B</div></div></div>")
    page = _page(f"<h1>{TITLE}</h1><div class='attribute-body'>{TEXT}{embed}{TEXT}</div>")
    attachments = extract_article(page, URL, family="generic").attachments
    assert [(a.url, a.name) for a in attachments] == [
        ("http://h.vn/content/download/5380/21802/file/KH_125_KH-UBND.pdf", "Kế hoạch số 125/KH-UBND")]
