"""Habits of the fifty-fifth round of portals made blind (SAP NetWeaver Portal's KM news, Drupal 10 with
CivicTheme, Moodle's site news forum, WordPress's Foxiz, Joomla 3 with Warp 7, Substack), each as a
general rule on a small page."""
from __future__ import annotations

from scraper.extract import extract_article, extract_listing

TITLE = "Nông dân Cẩm Giàng xuống giống hơn 400 ha cà rốt vụ đông năm 2024"
URL = "http://h.vn/tin-tuc/nong-dan-cam-giang-xuong-giong-ca-rot"
SENTENCE = ("Trên các cánh đồng của xã, bà con nông dân tranh thủ thời tiết thuận lợi để làm đất, gieo hạt cà rốt "
            "vụ đông, bảo đảm khung thời vụ và chất lượng củ khi thu hoạch để xuất khẩu sang các thị trường lớn. ")
TEXT = f"<p>{SENTENCE * 3}</p><p>{SENTENCE * 2}</p>"


def _page(inside: str, head: str = "", title: str = TITLE) -> bytes:
    return (f"<html lang='vi'><head><title>{title}</title>{head}</head><body><div class='top'>Thứ Năm, 14/11/2024"
            f"</div>{inside}<div class='footer'>Giấy phép cấp ngày 16/8/2016</div></body></html>").encode()


def test_an_element_named_a_title_by_its_class_s_last_camel_case_word_titles_a_page_with_no_heading():
    # (SAP KM's XML Forms: no <h1>, the <title> the site's name, the title a `span.xfNewsTitle`)
    page = _page(f"<div class='cgBox'><div class='xfNews'><span class='urTxtH1 xfNewsTitle'>{TITLE}</span>"
                 f"<div class='xfNewsMeta'>Thứ Năm, 14/11/2024 - 15:30</div><div class='xfNewsText'>{TEXT}</div>"
                 f"</div></div>", title="Cổng thông tin điện tử huyện Cẩm Giàng")
    a = extract_article(page, URL)
    assert a.title == TITLE
    assert a.published == "2024-11-14T15:30:00+07:00"


def test_a_closing_line_of_who_created_and_last_changed_the_item_is_metadata_and_the_line_above_the_author():
    # (SAP KM's property line after the XML Form's text, "Người tạo" the posting account)
    props = ("<p>Người tạo: cg_bientap01 &nbsp;|&nbsp; Sửa đổi lần cuối: 14/11/2024 16:05 &nbsp;|&nbsp; Từ khóa: "
             "cà rốt; vụ đông; nông nghiệp</p>")
    page = _page(f"<article><h1>{TITLE}</h1><div class='text'>{TEXT}<p style='text-align: right;'><strong>Tin, ảnh: "
                 f"Đức Thắng</strong></p>{props}</div></article>")
    a = extract_article(page, URL)
    assert a.author == "Đức Thắng"
    assert "Người tạo" not in a.body and "Đức Thắng" not in a.body


def test_a_figure_with_no_caption_inside_a_captioned_one_takes_the_outer_caption():
    # (CKEditor 5's captioned media in Drupal 10 under CivicTheme: the theme's figure in the editor's)
    photo = ("<figure role='group' class='caption caption-drupal-media'><div><figure class='ct-figure'><img "
             "class='ct-figure__image' src='/sites/default/files/2024-11/keo-co.jpg' width='800' height='600' "
             "alt='Thi kéo co'/></figure></div><figcaption>Thi đấu kéo co giữa các xã, thị trấn</figcaption></figure>")
    page = _page(f"<article><h1>{TITLE}</h1><div class='text'>{TEXT}{photo}<p>{SENTENCE}</p></div></article>")
    assert [(i.url.rsplit("/", 1)[-1], i.caption) for i in extract_article(page, URL).images] == [
        ("keo-co.jpg", "Thi đấu kéo co giữa các xã, thị trấn")]


def test_a_design_system_s_prefixed_screen_reader_class_hides_its_text():
    link = ("<p>Người dân có thể nộp hồ sơ trực tuyến trên <a href='https://dichvucong.gov.vn' target='_blank'>Cổng "
            "Dịch vụ công quốc gia<span class='ct-visually-hidden'>(Opens in a new tab/window)</span></a> hoặc tại bộ "
            "phận một cửa của Ủy ban nhân dân huyện trong giờ hành chính các ngày làm việc.</p>")
    page = _page(f"<article><h1>{TITLE}</h1><div class='text'>{TEXT}{link}<p>{SENTENCE}</p></div></article>")
    body = extract_article(page, URL).body
    assert "Cổng Dịch vụ công quốc gia" in body and "Opens in a new tab" not in body


def test_headlines_numbered_under_one_query_key_that_names_no_article_are_a_list_s_items():
    # (Moodle's forum: `discuss.php?d=52`, a key and ids too short for an article's address)
    rows = "".join(f"<tr class='discussion'><th class='topic'><a href='/mod/forum/discuss.php?d={n}'>Kim Sơn tổ chức hội "
                   f"thi giáo viên dạy giỏi cấp huyện bậc tiểu học lần {n}</a></th><td>Quản trị viên</td></tr>"
                   for n in (52, 49, 47))
    page = (f"<html><body><h2>Tin tức - Thông báo</h2><table>{rows}</table><a href='/mod/forum/view.php?id=2&p=1'>"
            f"Trang sau</a></body></html>").encode()
    found = extract_listing(page, "http://h.vn/mod/forum/view.php?id=2")
    assert found.article_urls == [f"http://h.vn/mod/forum/discuss.php?d={n}" for n in (52, 49, 47)]


def test_a_picture_classed_by_the_editor_s_image_button_and_drawn_large_is_the_article_s():
    # (Moodle's Atto editor classes every picture it inserts `atto_image_button_text-bottom`)
    photo = ("<p style='text-align: center;'><img src='/pluginfile.php/25/mod_forum/post/61/khai-mac.jpg' alt='' "
             "width='800' height='533' class='img-responsive atto_image_button_text-bottom'></p>"
             "<p style='text-align: center;'><em>Đồng chí Trưởng phòng phát biểu khai mạc hội thi</em></p>")
    icon = "<a href='/in'><img src='/theme/print.png' width='16' height='16' class='print-button'></a>"
    page = _page(f"<article><h1>{TITLE}</h1><div class='text'>{icon}{TEXT}{photo}<p>{SENTENCE}</p></div></article>")
    assert [(i.url.rsplit("/", 1)[-1], i.caption) for i in extract_article(page, URL).images] == [
        ("khai-mac.jpg", "Đồng chí Trưởng phòng phát biểu khai mạc hội thi")]


def test_a_forum_s_note_that_the_post_was_edited_is_metadata_not_text():
    note = ("<p><span class='edited'>(Đã chỉnh sửa bởi <a href='/user/view.php?id=2'>Quản trị viên</a> - bài gốc đã "
            "gửi Thứ năm, 16 Tháng 11 2023, 3:45 PM)</span></p>")
    page = _page(f"<article><h1>{TITLE}</h1><div class='post-content'>{TEXT}<p style='text-align: right;'><strong>"
                 f"<em>Tin, ảnh: Vũ Thị Lan</em></strong></p><p><br></p>{note}</div></article>")
    a = extract_article(page, URL)
    assert a.author == "Vũ Thị Lan"
    assert "chỉnh sửa" not in a.body


def test_the_photographs_of_a_box_of_attached_files_after_the_text_are_the_article_s():
    # (Moodle's `div.attachedimages` after the post's text; a WordPress thumbnail classed
    # `attachment-500x383` in a related box is none)
    attached = ("<div class='attachedimages'><img src='/pluginfile.php/25/mod_forum/attachment/55/tong-ket.jpg' "
                "alt='Tệp đính kèm tong-ket.jpg' style='max-width: 100%'></div>")
    teasers = ("<div class='related'><h3>Tin khác</h3><img class='attachment-500x383' src='/uploads/khac-500x383.jpg' "
               "width='500' height='383'/><a href='/tin-khac'>Tin khác của huyện</a></div>")
    page = _page(f"<div role='main'><div class='post'><header><h3>{TITLE}</h3></header><div class='post-content'>{TEXT}"
                 f"</div>{attached}<div class='tag_list'><b>Thẻ:</b><a href='/tag/ca-rot'>cà rốt</a></div></div>"
                 f"{teasers}</div>")
    assert [i.url.rsplit("/", 1)[-1] for i in extract_article(page, URL).images] == ["tong-ket.jpg"]
