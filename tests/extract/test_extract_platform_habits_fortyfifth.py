"""Habits of the forty-ninth round's four portals left open, each as a general rule on a small page:
an exported page named `page23.html` in a listing, a posting account's element before a story's
credit line, a block editor's preset size on a notice's opening heading, and a learned profile that
would read the article's column (its letterhead and tools) for the text."""
from __future__ import annotations

from scraper.extract import extract_article, extract_listing, learn_profile

TITLE = "Chủ tịch UBND huyện đối thoại với doanh nghiệp, hợp tác xã năm 2023"
URL = "http://h.vn/tin-tuc/tin-hoat-dong/chu-tich-ubnd-huyen-doi-thoai-voi-doanh-nghiep"
SENTENCE = ("Theo báo cáo, đến tháng 10/2023 toàn huyện có 1.126 doanh nghiệp và 68 hợp tác xã đang hoạt động, "
            "với tổng vốn đăng ký trên 14.500 tỷ đồng, tăng 12% so với cùng kỳ. ")
TEXT = f"<p>{SENTENCE * 3}</p><p>{SENTENCE * 2}</p>"
LEAD = ("Hội nghị đánh giá kết quả thực hiện nhiệm vụ sáu tháng đầu năm, bàn giải pháp thúc đẩy sản xuất cà phê, "
        "hồ tiêu và chăn nuôi gắn với chuyển đổi số ở các xã, thị trấn trên địa bàn. ")


def _page(inside: str, head: str = "", title: str = TITLE) -> bytes:
    return (f"<html lang='vi'><head><title>{title}</title>{head}</head><body><div class='top'>Thứ Sáu, 24/11/2023"
            f"</div>{inside}<div class='footer'>Giấy phép cấp ngày 16/8/2021</div></body></html>").encode()


def test_a_page_an_exporter_named_by_its_number_is_an_article_where_a_headline_links_it():
    # (Mobirise names the pages it exports `page7.html`, `page23.html`: a list's page by its address,
    # yet no page of this list, and linked by a headline of its own; the list's own page 2 still is one)
    cards = "".join(f"<div class='card'><h6 class='card-title'><a href='{href}'>{text}</a></h6>"
                    f"<p>Tóm tắt bài viết...</p></div>" for href, text in (
                        ("page7.html", "Thông báo tuyển dụng viên chức giáo dục huyện Quảng Điền năm 2023"),
                        ("page23.html", "Thị trấn Sịa ra quân tổng vệ sinh môi trường đón Tết")))
    pager = "<ul class='pagination'><li><a href='tin-tuc.html'>1</a></li><li><a href='tin-tuc-trang-2.html'>2</a></li></ul>"
    page = _page(f"<section class='list'>{cards}</section>{pager}<ul class='menu'><li><a href='page2.html'>Giới thiệu"
                 f"</a></li></ul>")
    listing = extract_listing(page, "http://h.vn/tin-tuc-trang-2.html")
    assert listing.article_urls == ["http://h.vn/page7.html", "http://h.vn/page23.html"]
    assert "http://h.vn/tin-tuc.html" in listing.other_pages + listing.next_pages


def test_the_posting_account_s_element_before_a_story_s_credit_is_passed_for_the_credit():
    # (Payload + Next.js: `p.PostHero_authors` "Đăng bởi Quản trị Cổng TTĐT" over every post, then the
    # photo story's "Thực hiện: " in a span of its own and the name in `<strong>`)
    for credit, author in (("", None), ("<div class='byline'><span>Thực hiện: </span><strong>Minh Khôi</strong></div>",
                                        "Minh Khôi")):
        page = _page(f"<article><h1>{TITLE}</h1><div class='meta'><time>16/11/2023 16:45</time></div>"
                     f"<p class='PostHero_authors'>Đăng bởi Quản trị Cổng TTĐT</p>{credit}"
                     f"<div class='content'>{TEXT}</div></article>")
        assert extract_article(page, URL).author == author


def test_a_notice_s_opening_heading_in_a_block_editor_s_preset_size_is_text():
    # (WordPress's Twenty Twenty-Four: `h2.has-text-align-center.has-medium-font-size` "Về việc ..." over
    # the notice's short first line; the font-size tool's own box is still furniture)
    subject = "Về việc tuyển dụng viên chức sự nghiệp giáo dục huyện Hải Hậu năm 2023"
    body = (f"<div class='entry-content'><div class='font-size'><a href='#'>A-</a> <a href='#'>A+</a></div>"
            f"<h2 class='wp-block-heading has-text-align-center has-medium-font-size'><strong>{subject}</strong></h2>"
            f"<p>Căn cứ Nghị định số 115/2020/NĐ-CP ngày 25/9/2020 của Chính phủ về tuyển dụng viên chức;</p>"
            f"{TEXT}</div>")
    a = extract_article(_page(f"<main><h1>{TITLE}</h1>{body}</main>"), URL)
    assert a.body.startswith(subject + "\n\nCăn cứ Nghị định") and "A+" not in a.body


def test_a_learned_profile_leaves_the_text_to_the_finders_where_only_the_article_s_column_holds_it():
    # (OpenText TeamSite: a summary and a gallery's captions beside `div.news-detail-content`, so only
    # `div.news-detail` around the title held every page's text; read by that selector, a notice's
    # letterhead "ỦY BAN NHÂN DÂN HUYỆN ... THÔNG BÁO" between its tools and its text came with it)
    pages = []
    for n in range(4):
        title = f"Krông Pắc triển khai nhiệm vụ phát triển kinh tế - xã hội đợt {n + 1} năm 2023"
        head = ("<div class='notice-head' style='text-align:center'><p><strong>ỦY BAN NHÂN DÂN HUYỆN KRÔNG PẮC"
                "</strong></p><h3>THÔNG BÁO</h3><p><em>Về việc tuyển dụng viên chức năm 2023</em></p></div>") if n == 3 else ""
        summary = (f"<div class='news-detail-summary'><p>Sáng {n + 10}/8, UBND huyện tổ chức hội nghị lần {n + 1}. "
                   f"{LEAD * 3}</p></div>")
        html = _page(f"<div class='news-detail'><h2 class='news-detail-title'>{title}</h2>"
                     f"<div class='news-detail-meta'><span class='date'>Ngày đăng: {n + 10}/08/2023</span></div>"
                     f"<div class='news-tools'><a href='/print'>In bài</a></div>{head}{summary if n < 3 else ''}"
                     f"<div class='news-detail-content'>{TEXT.replace('1.126', str(1126 + n))}</div></div>", title=title)
        pages.append((html, f"http://h.vn/vi/tin-tuc/2023/08/bai-{n}.html"))
    profile = learn_profile([(h, u, extract_article(h, u).to_dict()) for h, u in pages], "h.vn")
    assert "content" not in profile["article"]
    body = extract_article(pages[3][0], pages[3][1], profile=profile).body
    assert body.startswith("Theo báo cáo") and "1129" in body


# Round 50

def test_the_post_s_views_line_is_read_where_the_columns_around_the_text_are_named_for_a_sidebar():
    # (Qode Bridge: the title in the banner's `h1`, then `div.two_columns_66_33.background_color_sidebar`
    # around the post's own heading, its `div.post_info` "2.015 lượt xem" and the text)
    page = _page(f"<div class='title_holder'><h1><span>{TITLE}</span></h1></div>"
                 f"<div class='two_columns_66_33 background_color_sidebar grid2'><div class='column1'><article>"
                 f"<h2 class='entry_title'><span class='date'>10 Th10</span> {TITLE}</h2>"
                 f"<div class='post_info'><span class='time'>Đăng lúc 10:15h</span> <span class='post_views'>"
                 f"2.015 lượt xem</span></div><div class='post_text'>{TEXT}</div></article></div>"
                 f"<div class='column2'><aside class='sidebar'><h4>Xem nhiều</h4><ul><li><a href='/x'>Tin khác</a> - "
                 f"1.229 lượt xem</li></ul></aside></div></div>")
    assert extract_article(page, URL).views == 2015


def test_drupal_7_s_statistics_link_names_the_views():
    # (Drupal 7 names a node link's class by its key, `li.statistics_counter`, after the node's fields)
    page = _page(f"<h1 class='title' id='page-title'>{TITLE}</h1><article class='node node-article'>"
                 f"<div class='field field-name-body'><div class='field-items'><div class='field-item even'>{TEXT}"
                 f"</div></div></div><div class='field field-name-field-tin-lien-quan'><div class='field-label'>"
                 f"Tin liên quan:</div><div class='field-items'><a href='/tin-tuc/a'>Tin cũ hơn về doanh nghiệp"
                 f"</a></div></div><nav class='links node-links'><ul class='links inline'>"
                 f"<li class='statistics_counter first'><span>1467 lượt xem</span></li></ul></nav></article>",
                 head="<meta name='Generator' content='Drupal 7 (http://drupal.org)'>")
    assert extract_article(page, URL).views == 1467


def test_a_last_line_announcing_the_pictures_after_the_text_stays():
    # (Drupal's photo story: "Xin giới thiệu một số hình ảnh ...:" closing the body field, the image
    # field after it; a closing label with nothing of the article after it still goes)
    pictures = ("<div class='field field-name-field-anh'><figure><img src='/files/a.jpg' width='600'>"
                "<figcaption>Đồi cà phê nở trắng hoa</figcaption></figure></div>")
    for after, kept in ((pictures, True), ("", False)):
        page = _page(f"<article><h1>{TITLE}</h1><div class='field field-name-body'>{TEXT}"
                     f"<p>Xin giới thiệu một số hình ảnh mùa hoa cà phê:</p></div>{after}</article>")
        body = extract_article(page, URL).body
        assert body.endswith("mùa hoa cà phê:") is kept


def test_a_credit_line_set_right_under_the_last_picture_is_the_author_not_its_caption():
    # (JCE's photo story in Joomla: the last picture uncaptioned, then `<p style="text-align: right;">
    # <strong><em>Ảnh và bài: Quốc Việt</em></strong></p>`)
    page = _page(f"<div class='item-page'><h2>{TITLE}</h2><div itemprop='articleBody'>{TEXT}"
                 f"<p style='text-align: center;'><img src='/images/a.jpg' width='600' height='400'></p>"
                 f"<p style='text-align: right;'><strong><em>Ảnh và bài: Quốc Việt</em></strong></p></div></div>")
    a = extract_article(page, URL)
    assert a.author == "Quốc Việt"
    assert [(i.url, i.caption) for i in a.images] == [("http://h.vn/images/a.jpg", None)]


def test_a_file_s_other_action_in_its_line_is_no_second_file():
    # (Alchemy's `div.download`: the file's link by its name, its size, then "[Xem trực tuyến]" to
    # `/attachment/318/show`, the same PDF shown inline)
    files = ("<div class='downloads'><h4>Tệp đính kèm:</h4><div class='download'><a class='file_link' "
             "href='/attachment/318/download/TB-112.pdf'>Thông báo số 112/TB-UBND</a> <span>(PDF, 245 KB)</span> "
             "<a class='file_view' href='/attachment/318/show'>[Xem trực tuyến]</a></div><div class='download'>"
             "<a class='file_link' href='/attachment/319/download/Phieu.docx'>Phiếu đăng ký dự tuyển</a></div></div>")
    page = _page(f"<article><h1>{TITLE}</h1><div class='content'>{TEXT}</div>{files}</article>")
    assert [(f.url.rsplit("/", 2)[-2:], f.name) for f in extract_article(page, URL).attachments] == [
        (["download", "TB-112.pdf"], "Thông báo số 112/TB-UBND"), (["download", "Phieu.docx"], "Phiếu đăng ký dự tuyển")]


def test_a_hit_counter_s_picture_after_its_label_is_neither_a_picture_nor_a_block_of_the_text():
    # (Webnode's HTML block after the text: "Lượt xem:" and hitwebcounter's digits as a picture drawn
    # by its script; the author's line set right stays the text's last)
    counter = ("<div class='b b-html b-s'><div class='b-c'><div style='text-align:right'>Lượt xem: <a href='https://"
               "www.hitwebcounter.com'><img src='https://hitwebcounter.com/counter/counter.php?page=857&amp;style=6'"
               " alt='Lượt xem'></a></div></div></div>")
    picture = "<div class='b-img b b-s'><img src='/_files/1/700/a.jpg' width='700'><div class='b-img-t'>Cắt băng</div></div>"

    def text(inner: str) -> str:
        return f"<div class='b b-text cf'><div class='b-c b-text-c b-s cf'>{inner}</div></div>"
    blocks = (text(f"<p>{SENTENCE * 4}</p>") + picture + text(f"<p>{SENTENCE * 2}</p>")
              + text(f"<p>{SENTENCE * 3}</p><p class='wnd-align-right'><strong>Tin, ảnh: Lò Thị Hương</strong></p>"))
    page = _page(f"<div class='post'><h1>{TITLE}</h1><div class='b-date'>14.03.2023</div><div class='b-detail'>"
                 f"{blocks}{counter}</div></div>")
    a = extract_article(page, URL)
    assert [i.url.rsplit("/", 1)[-1] for i in a.images] == ["a.jpg"]
    assert a.author == "Lò Thị Hương" and "Lò Thị Hương" not in a.body


def test_a_publication_day_labelled_in_the_text_s_opening_line_beats_the_byline_s_last_change():
    # (a page migrated into Plone: its byline shows only "— sửa đổi lần cuối 14/03/2023 10:22 AM", its
    # text opens with "Ngày đăng: 14/10/2022")
    page = _page(f"<h1 class='documentFirstHeading'>{TITLE}</h1><div class='documentByLine'><span class="
                 f"'documentModified'>&mdash; <span>sửa đổi lần cuối</span> 14/03/2023 10:22 AM</span></div>"
                 f"<div id='content-core'><p class='ngay-dang'><em>Ngày đăng: 14/10/2022</em></p>{TEXT}</div>")
    assert extract_article(page, URL).published == "2022-10-14"


def test_a_file_s_size_in_an_element_of_its_own_inside_its_link_is_no_part_of_its_name():
    # (Webnode's file block: `a.b-file-l` holding `span.b-file-n` the name, `span.b-file-s` "186,4 kB"
    # and the "TẢI VỀ" button, in the text's element as a site profile names it)
    link = ("<div class='b-file'><a class='b-file-l' href='/_files/2001-4f/TB-215.pdf'><span class='b-file-ico'></span>"
            "<span class='b-file-n'>Thông báo số 215/TB-UBND</span> <span class='b-file-s'>186,4 kB</span></a></div>")
    page = _page(f"<article><h1>{TITLE}</h1><div class='content'>{TEXT}{link}<p>{SENTENCE}</p></div></article>")
    assert [(f.url, f.name) for f in extract_article(page, URL).attachments] == [
        ("http://h.vn/_files/2001-4f/TB-215.pdf", "Thông báo số 215/TB-UBND")]


def test_a_gallery_s_count_and_a_counter_s_label_leave_the_photographer_s_line_the_text_s_last():
    # (Webnode's gallery block closing with "Album: 4 ảnh", then "Ảnh: Quàng Văn Dũng" set right, then the
    # HTML block "Lượt xem:" whose number a hit counter draws: read as one element, a learned profile's)
    gallery = "".join(f"<div class='b-g-i'><a href='/_files/{n}/p{n}.jpg'><img src='/_files/{n}/450/p{n}.jpg' "
                      f"width='450'></a><div class='b-g-t'>Bà con xuống chợ phiên {n}</div></div>" for n in range(1, 4))
    page = _page(f"<article><h1>{TITLE}</h1><div class='detail'><div class='b b-text'>{TEXT}</div>"
                 f"<div class='b b-gallery'><div class='b-g'>{gallery}</div><div class='b-g-count'>Album: 3 ảnh</div></div>"
                 f"<div class='b b-text'><p class='wnd-align-right'><strong><em>Ảnh: Quàng Văn Dũng</em></strong></p></div>"
                 f"<div class='b b-html'><div style='text-align:right'>Lượt xem: <a href='https://www.hitwebcounter.com'>"
                 f"<img src='https://hitwebcounter.com/counter/counter.php?page=85' alt='Lượt xem'></a></div></div>"
                 f"</div></article>")
    profile = {"family": {"name": "p"}, "article": {"content": ["div.detail"]}, "chrome": {}, "fit": {}}
    a = extract_article(page, URL, profile=profile)
    assert a.author == "Quàng Văn Dũng"
    assert "Album" not in a.body and "Lượt xem" not in a.body and a.body.endswith(SENTENCE.strip())


# Round 51

def test_twenty_ten_s_date_label_named_for_the_author_is_no_author_and_its_link_s_title_the_time():
    # (WordPress 3 with Twenty Ten, its byline's author taken out by the vendor: `span.meta-prep-author`
    # "Đăng ngày", then the date's link titled with the post's time; no machine date on the page)
    meta = ("<div class='entry-meta'><span class='meta-prep meta-prep-author'>Đăng ngày</span> <a href='/x.html' "
            "title='9:05 sáng' rel='bookmark'><span class='entry-date'>28/03/2023</span></a></div>")
    page = _page(f"<div class='post'><h1 class='entry-title'>{TITLE}</h1>{meta}<div class='entry-content'>{TEXT}</div></div>")
    a = extract_article(page, URL)
    assert a.author is None
    assert a.published == "2023-03-28T09:05:00+07:00"


def test_a_picture_s_link_to_its_page_is_no_file():
    # (WordPress's caption box `div#attachment_2818.wp-caption`, the picture linked to its attachment page)
    figure = ("<div id='attachment_2818' class='wp-caption aligncenter'><a href='/x.html/attachment/hoi-nghi-1' "
              "rel='attachment wp-att-2818'><img src='/wp-content/uploads/2023/04/hoi-nghi-1.jpg' width='600' "
              "height='400'></a><p class='wp-caption-text'>Quang cảnh hội nghị</p></div>")
    page = _page(f"<article><h1>{TITLE}</h1><div class='entry-content'>{TEXT}{figure}<p>{SENTENCE}</p></div></article>")
    a = extract_article(page, URL)
    assert a.attachments == [] and [i.caption for i in a.images] == ["Quang cảnh hội nghị"]


def test_a_details_line_named_an_intro_is_no_lead():
    # (Gridbox's `div.intro-post-info` under the title: the account, the day, the category, "0 Bình
    # luận", "312 Lượt xem"; its word "intro" names leads elsewhere)
    info = ("<div class='intro-post-info'><span class='intro-post-author'><a href='/tin-tuc/author/qtv'>Quản trị "
            "viên</a></span> <span class='intro-post-date'>06/12/2022</span> <span class='intro-post-category'><a "
            "href='/tin-tuc/tin-hoat-dong'>Tin hoạt động</a></span> <span>0 Bình luận</span> <span class="
            "'intro-post-hits'>312 Lượt xem</span></div>")
    page = _page(f"<div class='intro-post-wrapper'><h1 class='intro-post-title'>{TITLE}</h1>{info}</div>"
                 f"<div class='ba-item-blog-content'>{TEXT}</div>")
    a = extract_article(page, URL)
    assert a.body.startswith("Theo báo cáo") and a.views == 312


def test_a_photographer_s_line_named_for_the_author_closes_a_photo_story():
    # (a Liferay 6.1 vendor's photo story: `div.photo-ending` then `p.photo-author` "Ảnh: Trần Lộc", not set right)
    page = _page(f"<div class='journal-content-article'><h1>{TITLE}</h1><div class='photo-intro'>{TEXT}</div>"
                 f"<div class='photo'><img src='/image/a.jpg' width='600'><p class='photo-caption'>Ngư dân kéo lưới</p>"
                 f"</div><div class='photo-ending'><p>{SENTENCE}</p></div><p class='photo-author'>Ảnh: Trần Lộc</p></div>")
    a = extract_article(page, URL)
    assert a.author == "Trần Lộc" and "Trần Lộc" not in a.body


def test_a_lazy_loader_s_flag_is_no_address_of_the_picture():
    # (Themify's `data-lazy="1"` on the picture, its file in `data-tf-src`, an SVG placeholder for `src`)
    img = ("<img src=\"data:image/svg+xml,%3Csvg%20xmlns=%27http://www.w3.org/2000/svg%27%3E%3C/svg%3E\" "
           "data-tf-src='/wp-content/uploads/2023/10/ngo-ngot.jpg' data-lazy='1' width='1000' height='667' "
           "class='tf_svg_lazy' alt='Ngô ngọt vụ đông'>")
    page = _page(f"<article><h1>{TITLE}</h1><div class='content'>{TEXT}<div class='module-image'>{img}"
                 f"<div class='image-caption'>Ngô ngọt vụ đông</div></div><p>{SENTENCE}</p></div></article>")
    assert [i.url for i in extract_article(page, URL).images] == ["http://h.vn/wp-content/uploads/2023/10/ngo-ngot.jpg"]


def test_a_viewer_s_link_beside_a_file_is_the_same_file_and_a_dotted_login_no_author():
    # (an Umbraco 7 vendor's "Tệp đính kèm:" list, each file beside Google Docs' viewer of its address on
    # the live host; "Người đăng: vanphong.ubnd", the account that posted)
    viewer = "https://docs.google.com/viewer?url=https%3A%2F%2Fhaihau.namdinh.gov.vn%2Fmedia%2F2409%2Ftb-125.pdf"
    files = (f"<div class='attachments'><h4>Tệp đính kèm:</h4><ul><li><a href='/media/2409/tb-125.pdf'>Thông báo "
             f"số 125/TB-UBND</a> <span class='size'>(212 KB)</span> - <a href='{viewer}'>Xem trực tuyến</a></li>"
             f"<li><a href='/media/2410/phieu.docx'>Phiếu đăng ký dự tuyển</a></li></ul></div>")
    # (the text five wrappers down in Umbraco's grid, so the column around the title is taken whole)
    grid = (f"<div class='umb-grid'><div class='grid-section'><div><div class='row'><div class='col-md-12'><div>{TEXT}"
            f"</div></div></div></div></div></div>")
    page = _page(f"<div class='row'><div class='col-md-8 main-col'><div class='blogpost-meta'><small><i class='fa "
                 f"fa-clock-o'></i> 12/06/2023 8:15:33 SA</small> <small class='blogpost-writer'><i class='fa fa-user'>"
                 f"</i> Người đăng: vanphong.ubnd</small></div><h1>{TITLE}</h1><div class='blogpost-content'>{grid}</div>"
                 f"{files}<p class='blogpost-updated'><em>Cập nhật: 20/06/2023 4:05:12 CH</em></p><div class='related-posts'>"
                 f"<h3>Tin cùng chuyên mục</h3><ul><li><a href='/tin-tuc/a/'>Hải Hậu tổng kết năm học 2022 - 2023</a></li>"
                 f"</ul></div></div><div class='col-md-4'><h3>Tin mới</h3><ul><li><a href='/b/'>Tin khác của huyện</a>"
                 f"</li></ul></div></div>")
    a = extract_article(page, URL)
    assert [f.url for f in a.attachments] == ["http://h.vn/media/2409/tb-125.pdf", "http://h.vn/media/2410/phieu.docx"]
    assert a.author is None


def test_a_sharepoint_library_s_step_in_the_trail_is_no_category():
    # (SharePoint 2019's SiteMapPath: "... > Tin tức - Sự kiện > Trang > title", "Trang" the Pages
    # library linked to its view)
    trail = ("<div class='xm-breadcrumb'><span><a href='/Pages/default.aspx'>Cổng thông tin điện tử huyện</a></span>"
             "<span> &gt; </span><span><a href='/tin-tuc/Pages/default.aspx'>Tin tức - Sự kiện</a></span><span> &gt; "
             "</span><span><a href='/tin-tuc/Pages/Forms/AllItems.aspx'>Trang</a></span><span> &gt; </span>"
             f"<span>{TITLE}</span></div>")
    page = _page(f"{trail}<h1>{TITLE}</h1><div class='article-content'>{TEXT}</div>")
    assert extract_article(page, "http://h.vn/tin-tuc/Pages/chu-tich-ubnd.aspx").category == "Tin tức - Sự kiện"


def test_a_file_s_bare_name_in_the_files_list_is_no_fuller_name_than_the_text_s():
    # (Typecho: the text's "Tải về: <a>Thông báo số 45/TB-UBND</a>", then the theme's files list naming
    # the same file "45-TB-UBND-tuyen-dung-vien-chuc-GD-2023.pdf")
    files = ("<ul class='attachments'><li><a href='/usr/uploads/2023/03/1839204475.pdf'>45-TB-UBND-tuyen-dung-"
             "vien-chuc-GD-2023.pdf</a> <span class='size'>(186.42 KB)</span></li></ul>")
    page = _page(f"<article class='post'><h1>{TITLE}</h1><div class='post-content'>{TEXT}<p><strong>Tải về:</strong> "
                 f"<a href='/usr/uploads/2023/03/1839204475.pdf'>Thông báo số 45/TB-UBND</a></p></div>{files}</article>")
    profile = {"family": {"name": "p"}, "article": {"content": ["article.post div.post-content"]}, "chrome": {}, "fit": {}}
    for a in (extract_article(page, URL), extract_article(page, URL, profile=profile)):
        assert [f.name for f in a.attachments] == ["Thông báo số 45/TB-UBND"]


def test_a_canonical_on_the_live_host_spelling_the_page_s_path_otherwise_gives_its_case():
    # (SharePoint's case-blind server: a sidebar links `/tin-tuc/pages/x.aspx`, the page's canonical
    # `http://<live host>:80/tin-tuc/Pages/x.aspx`; a canonical on another host is otherwise ignored)
    from scraper.extract.canonical import declared_canonical
    from scraper.extract.article import parse_html
    head = "<link rel='canonical' href='http://xuyenmoc.baria-vungtau.gov.vn:80/tin-tuc/Pages/ra-quan-he-2023.aspx'>"
    tree = parse_html(_page(f"<h1>{TITLE}</h1>{TEXT}", head=head))
    assert declared_canonical(tree, "http://127.0.0.1:8000/tin-tuc/pages/ra-quan-he-2023.aspx") == \
        "http://127.0.0.1:8000/tin-tuc/Pages/ra-quan-he-2023.aspx"
    assert declared_canonical(tree, "http://127.0.0.1:8000/tin-tuc/Pages/khac.aspx") is None


def test_liferay_s_return_address_is_no_part_of_an_article_s_address():
    # (Liferay 6.1's Asset Publisher links its page 2's items as `content/<slug>?redirect=<the list page>`)
    from scraper.extract.canonical import canonical_url
    base = "http://h.vn/web/moduc/tin-tuc-su-kien/-/asset_publisher/Ae6C/content/hoi-nong-dan-tong-ket-2022"
    assert canonical_url(base + "?redirect=%2Fweb%2Fmoduc%2Ftin-tuc-su-kien%3Fp_p_id%3D101_INSTANCE_Ae6C"
                         "%26_101_INSTANCE_Ae6C_cur%3D2") == base
