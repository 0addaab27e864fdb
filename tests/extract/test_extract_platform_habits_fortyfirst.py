"""Habits of the forty-fifth round of portals made blind, each as a general rule on a small page:
a photo story's "Ảnh và bài:" label, the caption that opens the next content block, a gallery's
caption said again over its picture, a download's label of a few words, what a static site's
search is told to skip, a post's midnight time stated, a WordPress SEO plugin's trail, a second
trail's label, a wiki's page about a picture, a caption beside an enlarge icon, a wiki's last-changed
line, and a photographer's line closing a page builder's story."""
from __future__ import annotations

from scraper.extract import extract_article

TITLE = "Mùa rùa mẹ lên bờ đẻ trứng ở Vườn quốc gia Côn Đảo"
URL = "http://h.vn/blog/mua-rua-me-len-bo-de-trung-o-vuon-quoc-gia-con-dao"
SENTENCE = ("Từ tháng 5 đến tháng 10 hằng năm, rùa biển lên các bãi cát của Vườn quốc gia Côn Đảo để đẻ trứng, "
            "cán bộ kiểm lâm trực đêm để di dời tổ trứng về khu ấp an toàn. ")
TEXT = f"<p>{SENTENCE * 3}</p><p>{SENTENCE * 2}</p>"
CAPTION = "Các đại biểu cùng Nhân dân thôn Đồng Tâm tham gia tiết mục múa sạp"


def _page(inside: str, head: str = "", title: str = TITLE) -> bytes:
    return (f"<html lang='vi'><head><title>{title}</title>{head}</head><body><div class='top'>Thứ Năm, 13/04/2023"
            f"</div><div id='main'>{inside}</div><div class='footer'>Giấy phép cấp ngày 15/6/2018</div>"
            "</body></html>").encode()


def _names(images) -> list:
    return [(i.url.rsplit("/", 1)[-1], i.caption) for i in images]


def test_a_photo_story_s_pictures_and_words_label_before_its_author():
    # (Strikingly's rich text "<p style='text-align: right;'><strong>Ảnh và bài: Minh Tâm")
    for label in ("Ảnh và bài", "Ảnh/bài", "Bài & ảnh"):
        page = _page(f"<article><h1>{TITLE}</h1><div class='meta'>05/06/2023</div>{TEXT}"
                     f"<p style='text-align: right;'><strong>{label}: Minh Tâm</strong></p></article>")
        assert extract_article(page, URL).author == "Minh Tâm"


def test_the_centred_caption_opening_the_next_content_block():
    # (Concrete CMS: a content block, an image block, then a content block whose first paragraph is the
    # centred caption, the text going on after it)
    page = _page(f"<div class='page'><h1>{TITLE}</h1><div class='date'>05/06/2023</div>"
                 f"<div class='ccm-block-content'>{TEXT}</div>"
                 "<img src='/application/files/4017/dong-tam-2.jpg' alt='' width='1200' class='ccm-image-block'>"
                 f"<div class='ccm-block-content'><p style='text-align: center;'><em>{CAPTION}</em></p>"
                 f"<p>{SENTENCE * 2}</p></div></div>")
    article = extract_article(page, URL)
    assert _names(article.images) == [("dong-tam-2.jpg", CAPTION)]
    assert CAPTION not in article.body and article.body.endswith(SENTENCE.strip())


def test_a_gallery_s_caption_said_again_over_its_picture_in_its_lightbox_link():
    # (Concrete CMS's gallery: `a[data-caption]` around `div > picture > source + img`, the caption shown
    # again in the link's hover overlay)
    items = "".join(
        f"<a class='col-md-6' href='/files/DSC_04{n}2.JPG' data-gallery-lightbox='true' data-caption='{CAPTION} {n}'>"
        f"<div class='ccm-block-gallery-image'><picture><source srcset='/files/thumbnails/DSC_04{n}2.JPG' "
        f"media='(min-width: 768px)'><img src='/files/DSC_04{n}2.JPG' alt=''></picture></div>"
        f"<div class='ccm-block-gallery-image-overlay'><div class='ccm-block-gallery-image-overlay-text'>"
        f"{CAPTION} {n}</div></div></a>" for n in (1, 2))
    page = _page(f"<div class='page'><h1>{TITLE}</h1><div class='date'>05/06/2023</div>"
                 f"<div class='ccm-block-content'>{TEXT}</div><div id='ccm-block-gallery-1472'><div class='ccm-block-gallery'>"
                 f"<div class='row gx-0'>{items}</div></div></div>"
                 f"<div class='ccm-block-content'><p>{SENTENCE}</p></div></div>")
    article = extract_article(page, URL)
    assert _names(article.images) == [("DSC_0412.JPG", f"{CAPTION} 1"), ("DSC_0422.JPG", f"{CAPTION} 2")]
    assert CAPTION not in article.body


def test_a_download_handler_s_link_after_a_label_of_a_few_words():
    # (Concrete CMS's editor link: "<strong>Tải mẫu phiếu:</strong> <a href='/download_file/view/187'>")
    page = _page(f"<article><h1>{TITLE}</h1><div class='meta'>05/06/2023</div>{TEXT}"
                 "<p><strong>Tải mẫu phiếu:</strong> <a href='/download_file/view/187'>Mẫu Phiếu đăng ký dự tuyển "
                 "viên chức</a></p></article>")
    attachments = extract_article(page, URL).attachments
    assert [(a.url.split("h.vn")[1], a.name) for a in attachments] == [
        ("/download_file/view/187", "Mẫu Phiếu đăng ký dự tuyển viên chức")]


def test_what_the_site_s_own_search_is_told_to_skip_is_no_text_but_its_files_are_files():
    # (Astro with Pagefind: an old post's "moved from the old portal" note before the text, the files'
    # section after it, both `data-pagefind-ignore`)
    note = "Bài viết được chuyển từ Cổng thông tin điện tử phiên bản cũ, một số định dạng có thể hiển thị chưa chính xác."
    page = _page(f"<article data-pagefind-body><header><h1>{TITLE}</h1><span>05/12/2022</span></header>"
                 f"<div class='legacy-note' data-pagefind-ignore>{note}</div><div class='prose'>{TEXT}</div>"
                 "<section class='attachments' data-pagefind-ignore><h2>Tài liệu đính kèm</h2><ul><li>"
                 "<a href='/files/412-TB-UBND.pdf' download>Thông báo số 412/TB-UBND</a></li></ul></section>"
                 "</article>")
    article = extract_article(page, URL)
    assert not article.body.startswith("Bài viết được chuyển") and note not in article.body
    assert [a.url.rsplit("/", 1)[-1] for a in article.attachments] == ["412-TB-UBND.pdf"]


def test_a_post_s_midnight_stated_in_its_date_link_is_a_time():
    # (WordPress's `.posted-on` link titled with the post's time; an import's posts at 00:00)
    def meta(title):
        return (f"<span class='posted-on'><a href='/x/' title='{title}' rel='bookmark'><time class='entry-date "
                "published' datetime='2022-12-05T00:00:00+07:00'>5 Tháng Mười Hai, 2022</time></a></span>")
    for title, published in (("12:00 sáng", "2022-12-05T00:00:00+07:00"), ("", "2022-12-05")):
        page = _page(f"<article><h1>{TITLE}</h1>{meta(title)}{TEXT}</article>")
        assert extract_article(page, URL).published == published


def test_a_wordpress_seo_plugin_s_trail_names_the_primary_category():
    # (Rank Math's `nav.rank-math-breadcrumb` beside ColorMag's `cat-links`, the post's two categories)
    page = _page("<article class='post'><div class='above-entry-meta'><span class='cat-links'><a href='/thong-bao/' "
                 "rel='category tag'>Thông báo</a>&nbsp;<a href='/tin-tuc/' rel='category tag'>Tin tức - Sự kiện</a>"
                 "</span></div><nav class='rank-math-breadcrumb'><p><a href='/'>Trang chủ</a><span class='separator'>"
                 " » </span><a href='/thong-bao/'>Thông báo</a><span class='separator'> » </span><span class='last'>"
                 f"{TITLE}</span></p></nav><h1 class='entry-title'>{TITLE}</h1><div class='entry-content'>{TEXT}</div>"
                 "</article>", head="<meta name='generator' content='WordPress 6.3.2'>"
                 "<link rel='stylesheet' href='/wp-content/themes/colormag/style.css'>")
    article = extract_article(page, "http://h.vn/thong-bao-tuyen-dung-2023/")
    assert article.family == "wordpress" and article.category == "Thông báo"


def test_a_second_trail_s_label_is_no_category():
    # (DokuWiki: `div.breadcrumbs` holds the "youarehere" trail, then the history "Trang đã xem:")
    trail = ("<div class='breadcrumbs'><div class='youarehere'><span class='bchead'>Bạn đang ở đây: </span>"
             "<a href='/start'>Trang chủ</a> » <a href='/tin_tuc/start'>Tin tức</a> » <a href='/tin_tuc/su_kien/start'>"
             f"Tin tức - Sự kiện</a> » <span class='curid'><a href='/x'>{TITLE}</a></span></div><div class='trace'>"
             f"<span class='bchead'>Trang đã xem:</span> <span class='bcsep'>•</span> <a href='/x'>{TITLE}</a></div></div>")
    page = _page(f"{trail}<div class='page'><h1>{TITLE}</h1><p><em>Ngày đăng: 14/11/2023 08:30</em></p>{TEXT}</div>")
    assert extract_article(page, URL).category == "Tin tức - Sự kiện"


def test_a_wiki_s_page_about_a_picture_around_the_picture_is_not_its_file():
    # (DokuWiki: `<a href="/_detail/x.jpg?id=<page>">` around `<img src="/_media/x.jpg">`)
    page = _page(f"<div class='page'><h1>{TITLE}</h1><p>14/11/2023</p>{TEXT}<p><a href='/_detail/tin_tuc/rua-1.jpg"
                 "?id=tin_tuc%3Asu_kien%3Arua' class='media'><img src='/_media/tin_tuc/rua-1.jpg' class='mediacenter' "
                 f"alt=''></a></p><p>{SENTENCE}</p></div>")
    assert [i.url.split("h.vn")[1] for i in extract_article(page, URL).images] == ["/_media/tin_tuc/rua-1.jpg"]


def test_a_caption_box_beside_an_enlarge_icon_is_the_picture_s_caption():
    # (DokuWiki's imagebox: `div.thumbcaption` holding the 15×11 "magnify-clip.png" link and the caption)
    page = _page(f"<div class='page'><h1>{TITLE}</h1><p>14/11/2023</p>{TEXT}<div class='thumb2 tcenter'>"
                 "<div class='thumbinner'><a href='/_media/rua-2.jpg' class='media'><img src='/_media/rua-2.jpg?w=600' "
                 "class='mediabox2' alt='' width='600'></a><div class='thumbcaption'><div class='magnify'><a "
                 "href='/_media/rua-2.jpg' title='Phóng to'><img width='15' height='11' alt='' "
                 f"src='/lib/plugins/imagebox/magnify-clip.png'></a></div>{CAPTION}</div></div></div><p>{SENTENCE}</p></div>")
    article = extract_article(page, URL)
    assert _names(article.images) == [("rua-2.jpg", CAPTION)] and CAPTION not in article.body


def test_a_wiki_s_last_changed_line_after_the_page_s_file_closes_no_text():
    # (DokuWiki's `div.docInfo`: "<file>.txt · Thời điểm thay đổi: 23/10/2023 07:48 do Trần Thị Hạnh")
    page = _page(f"<main id='content'><div class='page'><h1>{TITLE}</h1><p>14/11/2023</p>{TEXT}</div>"
                 "<div class='docInfo'><bdi>tin_tuc/su_kien/rua.txt</bdi> · Thời điểm thay đổi: 23/10/2023 07:48 do "
                 "<bdi>Trần Thị Hạnh</bdi></div></main>")
    assert "Thời điểm thay đổi" not in extract_article(page, URL).body


def test_a_photographer_s_line_closing_a_page_builder_s_story_after_an_uncaptioned_picture():
    # (JSN PageBuilder: each element's content then `<div style="clear: both"></div>`; the last picture
    # uncaptioned, the last text element "Ảnh: Hoàng Long" set right)
    def element(kind, inside):
        return (f"<div class='row pb-row'><div class='col-md-12'><div class='pb-element-container pb-element-{kind}'>"
                f"<div class='pb-{kind}-wrapper'>{inside}</div><div style='clear: both'></div></div></div></div>")
    page = _page(f"<div class='item-page'><h2>{TITLE}</h2><div>05/10/2023</div><div class='pb-wrapper'>"
                 + element("text", TEXT) + element("image", "<img src='/images/lua-3.jpg' alt='lua-3' width='800'>")
                 + element("text", "<p style='text-align: right;'><strong><em>Ảnh: Hoàng Long</em></strong></p>")
                 + "</div></div>")
    article = extract_article(page, URL)
    assert article.author == "Hoàng Long"
    assert not any("Hoàng Long" in (i.caption or "") for i in article.images)
