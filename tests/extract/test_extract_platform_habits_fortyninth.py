"""Habits of the fifty-fifth round of portals made blind (SAP NetWeaver Portal's KM news, Drupal 10 with
CivicTheme, Moodle's site news forum, WordPress's Foxiz, Joomla 3 with Warp 7, Substack), each as a
general rule on a small page."""
from __future__ import annotations

from scraper.extract import extract_article, extract_listing
from tests.conftest import FIXTURES

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


def test_a_box_of_links_to_the_text_s_own_headings_is_its_table_of_contents_not_text():
    toc = ("<div class='ruby-table-contents'><div class='toc-header'><span class='h3'>Nội dung chính</span></div>"
           "<div class='toc-content'><a href='#rb-heading-0'>1. Mục đích, yêu cầu</a><a href='#rb-heading-1'>2. Nội "
           "dung</a></div></div>")
    page = _page(f"<article><h1>{TITLE}</h1><div class='entry-content'><p>{SENTENCE}</p>{toc}<h2 id='rb-heading-0'>"
                 f"1. Mục đích, yêu cầu</h2>{TEXT}</div></article>")
    body = extract_article(page, URL).body
    assert "Nội dung chính" not in body and body.count("Mục đích, yêu cầu") == 1


def test_the_writer_s_job_after_the_byline_s_name_and_a_dash_is_not_the_name():
    # (Foxiz's `span.meta-job` "- Phóng viên" after the author's link)
    byline = ("<span class='meta-author'><span class='meta-label'>Bởi</span><a href='/author/thuhuong/'>Trần Thu Hương"
              "</a><span class='meta-label meta-job'>&#45;&nbsp;Phóng viên</span></span>")
    page = _page(f"<article><h1>{TITLE}</h1><div class='p-meta'>{byline}</div><div class='entry-content'>{TEXT}</div>"
                 f"</article>")
    assert extract_article(page, URL).author == "Trần Thu Hương"


def test_a_comment_form_s_heading_after_the_text_is_no_text_and_the_line_above_it_the_author():
    # (Joomla's JComments: `<h4>Thêm bình luận</h4>` over its form, in the article's own box)
    tools = ("<p>Tags: <a href='/component/tags/tag/12-ca-rot'>cà rốt</a>, <a href='/component/tags/tag/7-nong-nghiep'>"
             "nông nghiệp</a></p><p><a href='/tin-tuc/2087?tmpl=component&amp;print=1'>In</a><a href='/component/mailto/'>"
             "Email</a></p>")
    page = _page(f"<article class='uk-article'><h1>{TITLE}</h1><div>{TEXT}<p style='text-align: right;'><strong>Tin, ảnh: "
                 f"Đức Thắng</strong></p></div>{tools}<div id='jc'><div id='comments'></div><h4>Thêm bình luận</h4><form>"
                 f"<input name='name'></form></div></article>")
    a = extract_article(page, URL)
    assert a.author == "Đức Thắng"
    assert "bình luận" not in a.body


def test_a_box_that_is_a_figure_by_its_role_captions_its_picture_with_its_one_line():
    # (the JCE editor's `span.wf_caption[role=figure] > img + noscript + span`: a small page kept its
    # caption by other rules, the saved page of the portal that showed it did not)
    folder = FIXTURES / "unseen_portals" / "joomla3-warp7"
    page = (folder / "pages" / "article-2087.html").read_bytes()
    images = extract_article(page, "http://127.0.0.1:8000/index.php/tin-tuc-su-kien/2087-hai-hau-to-chuc-le-giao-nhan-"
                                   "quan-nam-2025").images
    assert images[1].caption == "Tân binh Trần Văn Hưng (xã Hải Minh) đại diện các tân binh phát biểu quyết tâm trước khi lên đường"


def test_an_editor_s_embedded_file_is_the_article_s_attachment_not_text():
    # (Substack's `div.file-embed-wrapper`: the file's name, size and two "Download" buttons)
    embed = ("<div class='file-embed-wrapper'><div class='file-embed-container-reader'><div class='file-embed-details'>"
             "<div class='file-embed-details-h1'>Tai Lieu Sinh Hoat Thang 10</div><div class='file-embed-details-h2'>312KB"
             " ∙ PDF file</div></div><a class='file-embed-button wide' href='/api/v1/file/6d1e8b3a.pdf'><span>Download"
             "</span></a></div></div>")
    page = _page(f"<article><h1>{TITLE}</h1><div class='body markup'>{TEXT}{embed}<p>{SENTENCE}</p></div></article>")
    a = extract_article(page, URL)
    assert [x.url.rsplit("/", 1)[-1] for x in a.attachments] == ["6d1e8b3a.pdf"]
    assert "Download" not in a.body and "312KB" not in a.body


def test_a_section_s_link_boxed_above_the_title_is_the_category_and_the_site_s_home_in_a_trail_is_none():
    # (Substack: `div.post-section-label > a` to `/s/tin-hoat-dong/`; its JSON-LD trail the publication at "/"
    # and the post)
    trail = ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "BreadcrumbList", '
             '"itemListElement": [{"@type": "ListItem", "position": 1, "name": "Tuổi trẻ Hải Hậu", "item": "/"}, '
             f'{{"@type": "ListItem", "position": 2, "name": "{TITLE}", "item": "/p/ca-rot"}}]}}</script>')
    kicker = "<div class='post-section-label'><a href='/s/tin-hoat-dong/?utm_source=substack'>Tin hoạt động</a></div>"
    boxed = _page(f"<article><div class='post-header'>{kicker}<h1>{TITLE}</h1></div><div class='body'>{TEXT}</div>"
                  f"</article>", head=trail)
    bare = _page(f"<article><div class='post-header'><h1>{TITLE}</h1></div><div class='body'>{TEXT}</div></article>",
                 head=trail)
    assert extract_article(boxed, URL).category == "Tin hoạt động"
    assert extract_article(bare, URL).category is None


def test_an_account_named_admin_and_its_publication_is_no_author():
    byline = "<div class='byline'><a href='https://substack.com/@admin'>Admin Tuổi trẻ Hải Hậu</a></div>"
    page = _page(f"<article><h1>{TITLE}</h1>{byline}<div class='body'>{TEXT}</div></article>",
                 head="<meta name='author' content='Admin Tuổi trẻ Hải Hậu'>")
    assert extract_article(page, URL).author is None


def test_a_family_s_date_in_another_field_gives_way_to_the_one_labelled_as_the_day_of_posting():
    # (Drupal's event under CivicTheme: the family's `time[datetime]` meets the event's "Thời gian" first)
    def field(label: str, inner: str) -> str:
        return (f"<div class='field field--label-inline'><div class='field__label'>{label}</div>"
                f"<div class='field__item'>{inner}</div></div>")
    when = field("Thời gian", "<time datetime='2024-06-14T01:00:00Z'>T6, 06/14/2024 - 08:00</time> - "
                              "<time datetime='2024-06-14T04:30:00Z'>T6, 06/14/2024 - 11:30</time>")
    posted = field("Đăng ngày", "<time datetime='2024-06-14T09:45:00Z'>Thứ Sáu, 14/06/2024 - 16:45</time>")
    page = _page(f"<article class='node'><h1>{TITLE}</h1>{when}{posted}<div class='field--name-body'>{TEXT}</div>"
                 f"</article>", head="<meta name='Generator' content='Drupal 10'/>")
    a = extract_article(page, URL, family="drupal")
    assert a.published in ("2024-06-14T09:45:00+00:00", "2024-06-14T16:45:00+07:00")
