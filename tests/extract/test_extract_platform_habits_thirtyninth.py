"""Habits of the forty-third round of portals made blind, each as a general rule on a small page:
a login joined by underscores is no author, a day shown in UTC beside its stated time, a heading's
permalink mark, a gallery's own caption, a files' label over a list of download links, an embedded
picture named for its embed, a photographer's label in an author's field, a carousel's slides hidden
until their turn, a site builder's text boxes (the date's and the share links' boxes at the edges, a
centred caption box, the photographer's line set right in its wrappers), a download link naming its
file's type, a labelled category after the post, and a document's number before its date."""
from __future__ import annotations

import json
from pathlib import Path

from scraper.extract import extract_article, extract_listing

TITLE = "Hàm Yên khai mạc Tuần lễ quảng bá cam sành và nông sản đặc trưng năm 2023"
URL = "http://h.vn/tin-tuc/ham-yen-khai-mac-tuan-le-quang-ba-cam-sanh"
SENTENCE = ("Sáng 24/11, tại Quảng trường thị trấn Tân Yên, UBND huyện Hàm Yên tổ chức khai mạc Tuần lễ quảng bá "
            "cam sành và các sản phẩm nông sản đặc trưng của huyện năm 2023. ")
TEXT = f"<p>{SENTENCE * 3}</p><p>{SENTENCE * 2}</p>"


def _page(inside: str, head: str = "", title: str = TITLE) -> bytes:
    return (f"<html lang='vi'><head><title>{title}</title>{head}</head><body><div class='top'>Thứ Hai, 27/11/2023"
            f"</div><div id='main'>{inside}</div><div class='footer'>Giấy phép cấp ngày 15/6/2018</div>"
            "</body></html>").encode()


def _post(text: str = TEXT, meta: str = "<div class='date'>24/11/2023</div>", after: str = "") -> bytes:
    return _page(f"<div class='post'><h1>{TITLE}</h1>{meta}<div class='content'>{text}</div></div>{after}")


# -- listings ----------------------------------------------------------------------------------------

def test_older_news_behind_a_link_under_the_list_where_the_pager_has_no_addresses():
    # (Oqtane's blog: its pager's links carry no href; the vendor's "Xem các tin cũ hơn »" goes on, and is
    # no article of the notices' box beside the list)
    items = "".join(f"<div class='blog-item'><h3><a href='/tin-tuc-su-kien/!/{n}/tin-{n}'>{TITLE} {n}</a></h3>"
                    f"<p>{SENTENCE}</p></div>" for n in (221, 214))
    pager = "<ul class='pagination'><li><a class='page-link'>1</a></li><li><a class='page-link'>2</a></li></ul>"
    more = "<div class='blog-list-footer'><p class='blog-more'><a href='/tin-tuc-su-kien?page=2'>Xem các tin cũ hơn »</a></p></div>"
    box = ("<div class='box'><h2>Thông báo</h2><ul>" + "".join(
        f"<li><a href='/chi-dao-dieu-hanh/thong-bao/!/{n}/thong-bao-{n}'>Thông báo số {n}</a></li>" for n in (219, 216))
           + "</ul></div>")
    listing = extract_listing(_page(f"<div class='blog'>{items}{pager}{more}</div>{box}"), "http://h.vn/tin-tuc-su-kien")
    assert listing.next_pages == ["http://h.vn/tin-tuc-su-kien?page=2"]
    assert "http://h.vn/tin-tuc-su-kien?page=2" not in listing.article_urls + listing.boxed_article_urls


# -- author, date -----------------------------------------------------------------------------------

def test_a_login_joined_by_underscores_is_no_author():
    # (GetSimple's "Tác giả: bientap_qn", the editor's account; a name stays)
    account = _post(meta="<div class='date'>24/11/2023</div><div class='author'>Tác giả: bientap_qn</div>")
    assert extract_article(account, URL).author is None
    person = _post(meta="<div class='date'>24/11/2023</div><div class='author'>Tác giả: Hoàng Thu Hà</div>")
    assert extract_article(person, URL).author == "Hoàng Thu Hà"


def test_a_day_shown_in_utc_takes_the_time_the_metadata_states():
    # (Eleventy's base blog formats the day in UTC: "04 tháng 3 2023" for 2023-03-05T06:45:00+07:00)
    head = ("<script type='application/ld+json'>{\"@type\": \"NewsArticle\", "
            "\"datePublished\": \"2023-03-05T06:45:00+07:00\"}</script>")
    page = _page(f"<article><h1>{TITLE}</h1><ul class='post-metadata'><li><time datetime='2023-03-04'>04 tháng 3 "
                 f"2023</time></li></ul>{TEXT}</article>", head=head)
    assert extract_article(page, URL).published == "2023-03-05T06:45:00+07:00"


def test_a_date_after_a_document_s_number_is_the_document_s():
    # (Simple Blog's info line: the notice's subtitle "Số: 2145/TB-UBND ngày 09/11/2023", then its date)
    meta = ("<div class='simple_blog_info'><span class='simple_blog_subtitle'>Số: 2145/TB-UBND ngày 09/11/2023</span>"
            "<span class='space'> | </span><span class='simple_blog_date'>10/11/2023</span></div>")
    assert extract_article(_post(meta=meta), URL).published == "2023-11-10"


def test_a_photographer_s_label_in_the_author_s_field():
    # (Ibexa's `div.article-author` "Ảnh: " over its ezauthor field)
    after = ("<div class='article-author text-end'><span class='article-author__label'>Ảnh: </span>"
             "<ul class='ezauthor-field'><li>Minh Đức</li></ul></div>")
    page = _page(f"<div class='post'><h1>{TITLE}</h1><div class='date'>24/11/2023</div><div class='article-body'>"
                 f"{TEXT}</div>{after}</div>")
    assert extract_article(page, URL).author == "Minh Đức"


# -- body, images, attachments, category -------------------------------------------------------------

def test_a_heading_s_permalink_mark_is_no_text():
    # (markdown-it-anchor's `<a class="header-anchor" href="#id">#</a>` ending each heading)
    text = (f"{TEXT}<h2 id='1-so-luong'>1. Số lượng chỉ tiêu tuyển dụng <a class='header-anchor' href='#1-so-luong'>#</a>"
            f"</h2><p>{SENTENCE}</p>")
    assert "1. Số lượng chỉ tiêu tuyển dụng\n\n" in extract_article(_post(text), URL).body


def test_a_gallery_s_own_caption_is_no_picture_s():
    # (WordPress's gallery block: the last picture's `figure` uncaptioned, the gallery's caption after it)
    gallery = ("<figure class='wp-block-gallery has-nested-images'>"
               "<figure class='wp-block-image'><img src='/up/a.jpg'><figcaption>Hội viên trao quà</figcaption></figure>"
               "<figure class='wp-block-image'><img src='/up/b.jpg'></figure>"
               "<figcaption class='blocks-gallery-caption'>Một số hình ảnh tại Ngày hội</figcaption></figure>")
    record = extract_article(_post(TEXT + gallery + f"<p>{SENTENCE}</p>"), URL)
    assert [(i.url.rsplit("/", 1)[-1], i.caption) for i in record.images] == [("a.jpg", "Hội viên trao quà"),
                                                                              ("b.jpg", None)]


def test_a_files_label_over_a_list_of_download_links():
    # (Oqtane's blog: "<p><strong>Tệp đính kèm:</strong></p>" over the editor's `<ol>`, `/files/id/166?download`)
    files = ("<p><strong>Tệp đính kèm:</strong></p><ol><li><a href='/files/tb-312.pdf'>Thông báo số 312</a></li>"
             "<li><a href='/files/id/166?download'>Mẫu phiếu đăng ký dự tuyển</a></li></ol>")
    record = extract_article(_post(TEXT + files), URL)
    assert [a.url.rsplit("/", 1)[-1] for a in record.attachments] == ["tb-312.pdf", "166?download"]


def test_a_download_link_naming_its_file_s_type():
    # (Google Drive's `/uc?export=download&id=...` named "Thông báo số 45/TB-UBND (PDF)")
    link = "<p><span>Tệp: </span><span><a href='/uc?export=download&amp;id=1q3Xb'>Thông báo số 45/TB-UBND (PDF)</a></span></p>"
    record = extract_article(_post(TEXT + link), URL)
    assert [a.name for a in record.attachments] == ["Thông báo số 45/TB-UBND (PDF)"]


def test_a_picture_embedded_and_named_for_its_embed_with_its_caption():
    # (Ibexa's rich text: `div.ibexa-embed-type-image > div.embed-image.embed-image--6508 > figure`, then
    # `figcaption.embed-image__caption`)
    embed = ("<div class='ibexa-embed-type-image align-center'><div class='embed-image embed-image--6508'>"
             "<figure class='ezimage-field'><img src='/var/site/storage/images/hoi-nghi.jpg' width='800'></figure>"
             "<figcaption class='embed-image__caption'><p>Đồng chí Chủ tịch UBND huyện phát biểu</p></figcaption>"
             "</div></div>")
    record = extract_article(_post(f"<p>{SENTENCE * 2}</p>{embed}<p>{SENTENCE * 2}</p>"), URL)
    assert [(i.url.rsplit("/", 1)[-1], i.caption) for i in record.images] == [
        ("hoi-nghi.jpg", "Đồng chí Chủ tịch UBND huyện phát biểu")]
    assert "phát biểu" not in record.body


def test_a_labelled_category_after_the_post():
    # (Simple Blog's `div.category_container` after the post, past an empty `div.clear`; the trail names
    # the blog's page)
    after = ("<br><div class='clear'></div><div class='category_container'><b>Chuyên mục:</b> "
             "<a href='/index.php/Chuyen_muc/Thong_bao'>Thông báo</a></div>")
    page = _page(f"<ul class='breadcrumb'><li><a href='/'>Trang chủ</a></li><li><a href='/tin-tuc'>Tin tức</a></li></ul>"
                 f"<div class='blog_post'><h2>{TITLE}</h2><div class='date'>24/11/2023</div>{TEXT}</div>{after}")
    assert extract_article(page, URL).category == "Thông báo"


# -- a site builder's boxes (Google Sites) ------------------------------------------------------------

def _box(inner: str, align: str = "justify") -> str:
    return (f"<div class='oKdM2c ZZyype'><div class='hJDwNd'><div class='jXK9ad'><div class='tyJCtd'>"
            f"<p class='CDt4Ke' style='text-align: {align};'><span>{inner}</span></p></div></div></div></div>")


def _picture_box(inner: str) -> str:
    return f"<div class='oKdM2c ZZyype'><div class='hJDwNd'><div class='jXK9ad'><div class='tyJCtd'>{inner}</div></div></div></div>"


def _carousel() -> str:
    slides = "".join(
        f"<div class='Yp2hdb'><img class='CENy8b' src='data:image/gif;base64,R0lGODlhAQABAAAAACw=' "
        f"data-src='/sitesv/slide-{n}.jpg' aria-hidden='true'></div>" for n in (2, 3))
    return _picture_box(f"<div class='mH2EB'><div class='RPbJwd'><div class='Yp2hdb Y4Qkbd'><img class='CENy8b' "
                        f"src='/sitesv/slide-1.jpg' aria-hidden='false'></div>{slides}</div></div>")


PARTS = [f"Phần {n}. {SENTENCE * 3}".strip() for n in (1, 2, 3)]


def _site_page(closing: str) -> bytes:
    boxes = (_box("Thứ Tư, 28/12/2022 - 15:20", "left") + _box(PARTS[0])
             + _picture_box("<div class='t3iYD'><img src='/sitesv/hoi-nghi.jpg' class='CENy8b'></div>")
             + _box("Đồng chí Chủ tịch UBND huyện phát biểu kết luận hội nghị", "center") + _box(PARTS[1])
             + _carousel() + _box("Một số hình ảnh tại hội nghị", "center") + _box(PARTS[2]) + closing
             + _box("Chia sẻ: <a href='https://facebook.com/x'>Facebook</a> | <a href='https://zalo.me/x'>Zalo</a>",
                    "left")
             + _box("<h3>Tin liên quan</h3><a href='/view/site/tin-tuc/khac'>Ngày hội Đại đoàn kết ở khối 3B</a>", "left"))
    return _page(f"<section><h1>{TITLE}</h1></section><section><div class='column'>{boxes}</div></section>")


def test_a_site_builder_s_boxes_the_date_and_share_boxes_at_their_edges_left_out():
    record = extract_article(_site_page(_box("Hoàng Anh - Văn phòng HĐND và UBND huyện", "right")), URL)
    assert record.body == "\n\n".join(PARTS)
    assert record.author == "Hoàng Anh - Văn phòng HĐND và UBND huyện"


def test_a_carousel_s_slides_and_a_centred_caption_box_after_a_picture_s_box():
    # (the slides waiting their turn are `aria-hidden`; the caption under the carousel is the set's)
    record = extract_article(_site_page(_box("Ảnh: Minh Đức", "right")), URL)
    assert [(i.url.rsplit("/", 1)[-1], i.caption) for i in record.images] == [
        ("hoi-nghi.jpg", "Đồng chí Chủ tịch UBND huyện phát biểu kết luận hội nghị"), ("slide-1.jpg", None),
        ("slide-2.jpg", None), ("slide-3.jpg", None)]
    assert "Một số hình ảnh" not in record.body
    assert record.author == "Minh Đức"


def test_a_share_line_labelled_in_vietnamese_closing_the_text_is_no_text():
    # (a site builder's "Chia sẻ: Facebook | Zalo" box, inside the block a site's profile names)
    share = "<p>Chia sẻ: <a href='https://facebook.com/x'>Facebook</a> | <a href='https://zalo.me/x'>Zalo</a></p>"
    assert "Chia sẻ" not in extract_article(_post(TEXT + share), URL).body


def test_the_boxes_where_a_profile_names_their_whole_column():
    # (a profile learned from the site names the column of boxes: the set's caption, the photographer's
    # line before the share links' box, the line linking the file's original by its name are no text)
    drive = _box("Xem bản gốc trên Google Drive: <a href='https://drive.google.com/file/d/1q3/view'>TB 45-UBND.pdf</a>",
                 "left")
    profile = {"article": {"content": ["div.column"]}}
    record = extract_article(_site_page(_box("Ảnh: Minh Đức", "right")), URL, profile=profile)
    assert record.body == "\n\n".join(PARTS)
    assert record.author == "Minh Đức"
    assert extract_article(_site_page(drive), URL, profile=profile).body == "\n\n".join(PARTS)


def test_a_notice_s_place_and_date_set_right_closing_it_is_its_text_and_no_author():
    # ("Hướng Hóa, ngày 01 tháng 3 năm 2023" set right under a notice, the files' line after it)
    text = (TEXT + "<p style='text-align: right;'>Hướng Hóa, ngày 01 tháng 3 năm 2023</p>"
            "<p>Tệp đính kèm: <a href='/files/tb-45.pdf'>Thông báo số 45</a></p>")
    record = extract_article(_post(text), URL)
    assert record.body.endswith("Hướng Hóa, ngày 01 tháng 3 năm 2023")
    assert record.author is None


def test_an_article_s_read_on_link_taken_for_the_pager_is_still_an_article_to_fetch():
    # (CMS Made Simple's page 2: an entry's "Xem tiếp" reads like a pager's "go on"; the entry stays an
    # article to fetch, where a page of the listing's own is no box's article)
    folder = Path(__file__).resolve().parents[1] / "fixtures" / "unseen_portals" / "cmsms"
    routes = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["routes"]
    path, route = next((path, route) for path, route in routes.items() if "pagenumber=2" in path)
    listing = extract_listing((folder / "pages" / route["file"]).read_bytes(), "http://h.vn" + path)
    found = listing.article_urls + listing.boxed_article_urls
    assert any("/news/116/56/" in u for u in found) and any("/news/113/56/" in u for u in found)
