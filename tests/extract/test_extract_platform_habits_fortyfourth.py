"""Habits of the forty-eighth round of portals made blind, each as a general rule on a small page: a
web component's share bar in the article around the text, an image resizer naming an original on
another host, a photographer's credit beside a figure's caption, a slideshow's "2 / 3", the page's
sidebar after the text where the title stands above both columns, an author field told as a photo
story's, a byline's "vào:" before the date, a parent category's box before the category's, and a
Joomla layout with no marked body."""
from __future__ import annotations

from scraper.extract import extract_article

TITLE = "Chủ tịch UBND huyện đối thoại với doanh nghiệp, hợp tác xã năm 2023"
URL = "http://h.vn/tin-tuc/tin-hoat-dong/chu-tich-ubnd-huyen-doi-thoai-voi-doanh-nghiep"
SENTENCE = ("Theo báo cáo, đến tháng 10/2023 toàn huyện có 1.126 doanh nghiệp và 68 hợp tác xã đang hoạt động, "
            "với tổng vốn đăng ký trên 14.500 tỷ đồng, tăng 12% so với cùng kỳ. ")
TEXT = f"<p>{SENTENCE * 3}</p><p>{SENTENCE * 2}</p>"
DEK = ("Hơn 120 doanh nghiệp, hợp tác xã đã gửi 26 ý kiến, kiến nghị, tập trung vào thủ tục đất đai, "
       "hạ tầng giao thông và tiếp cận vốn vay.")


def _page(inside: str, head: str = "") -> bytes:
    return (f"<html lang='vi'><head><title>{TITLE}</title>{head}</head><body><div class='top'>Thứ Sáu, 24/11/2023"
            f"</div>{inside}<div class='footer'>Giấy phép cấp ngày 16/8/2021</div></body></html>").encode()


def _names(images) -> list:
    return [(i.url.rsplit("/", 1)[-1], i.caption) for i in images]


def test_a_share_bar_of_its_own_element_does_not_make_the_article_around_the_text_a_paragraph():
    # (Brightspot: `ps-actionbar` "Chia sẻ Zalo Gửi email In bài viết" in the `article` with the dek and
    # byline; read as the article's own line it scored the commas of all it holds, and the page's
    # `main` outscored the text's own element)
    bar = ("<ps-actionbar class='ActionBar'><ul><li><a href='https://facebook.com/x'>Chia sẻ</a></li>"
           "<li><a href='mailto:?s=x'>Gửi email</a></li><li><a href='javascript:print()'>In bài viết</a></li>"
           "</ul></ps-actionbar>")
    article = (f"<article class='ArticlePage-mainContent'><h1>{TITLE}</h1><h2 class='ArticlePage-subHeadline'>{DEK}</h2>"
               f"<div class='ArticlePage-byline'><div class='ArticlePage-views'>1.245 lượt xem</div></div>{bar}"
               f"<div class='ArticlePage-articleBody'><div class='RichTextArticleBody'>"
               f"<div class='RichTextArticleBody-body'>{TEXT}</div></div></div></article>")
    page = _page(f"<main class='Page-main'><div class='ArticlePage-content'>{article}{bar}</div></main>"
                 f"<aside><h2>Tin mới</h2><ul><li><a href='/a'>Tin khác</a></li></ul></aside>")
    a = extract_article(page, URL)
    assert "In bài viết" not in a.body and "lượt xem" not in a.body
    assert a.body.endswith(SENTENCE.strip())


def test_a_resizer_naming_an_original_on_another_host_keeps_its_own_copy():
    # (Brightspot's DIMS: `/dims4/default/7f3c2a1/.../resize/840x560!/quality/90/?url=http%3A%2F%2Fbucket
    # .s3.amazonaws.com%2F...%2Fx.jpg`: the bucket is no file the portal serves, and a crawl keeps to its
    # host; a resizer of the site's own, Next.js's `/_next/image?url=%2Fuploads%2Fx.jpg`, still the original)
    dims = ("/dims4/default/7f3c2a1/2147483647/strip/true/resize/840x560!/quality/90/"
            "?url=http%3A%2F%2Fbucket.s3.amazonaws.com%2F0a%2Fb7%2Fhoi-nghi.jpg")
    own = "/_next/image?url=%2Fuploads%2Fquang-canh.jpg&amp;w=1080&amp;q=75"
    body = (f"<div class='content'>{TEXT}<figure><img src='{dims}' alt='a'><figcaption>Quang cảnh hội nghị"
            f"</figcaption></figure><figure><img src='{own}' alt='b'><figcaption>Đại biểu phát biểu</figcaption>"
            f"</figure><p>{SENTENCE}</p></div>")
    a = extract_article(_page(f"<h1>{TITLE}</h1>{body}"), URL)
    urls = [i.url for i in a.images]
    assert urls == ["http://h.vn" + dims, "http://h.vn/uploads/quang-canh.jpg"]


def test_a_credit_beside_a_caption_in_a_figure_is_left_out_of_the_caption():
    # (Brightspot: `figcaption > div.Figure-caption > p` + `div.Figure-credit` "Ảnh: Đình Tuấn"; a lead
    # figure above the text kept the credit in its caption, where the body's figures lost it)
    figure = ("<figure class='Figure Figure-lead'><img src='/img/thac-pongour.jpg' alt='Thác Pongour'>"
              "<figcaption><div class='Figure-caption'><p>Thác Pongour mùa nước cuối năm</p></div>"
              "<div class='Figure-credit'>Ảnh: Đình Tuấn</div></figcaption></figure>")
    inner = ("<figure><img src='/img/le-hoi.jpg' alt='x'><figcaption><span>Lễ hội dã quỳ</span>"
             "<span>© Ngọc Hân</span></figcaption></figure>")
    page = _page(f"<article><h1>{TITLE}</h1><div class='lede'>{figure}</div>"
                 f"<div class='body'>{TEXT}{inner}<p>{SENTENCE}</p></div></article>")
    a = extract_article(page, URL)
    assert _names(a.images) == [("thac-pongour.jpg", "Thác Pongour mùa nước cuối năm"),
                                ("le-hoi.jpg", "Lễ hội dã quỳ")]
    # (a caption that is one line with its credit in it stays whole)
    whole = _page(f"<article><h1>{TITLE}</h1><div class='body'>{TEXT}<figure><img src='/img/a.jpg'>"
                  f"<figcaption>Lễ hội dã quỳ. Ảnh: Ngọc Hân</figcaption></figure><p>{SENTENCE}</p></div></article>")
    assert _names(extract_article(whole, URL).images) == [("a.jpg", "Lễ hội dã quỳ. Ảnh: Ngọc Hân")]


def test_a_slideshow_s_place_over_a_slide_is_no_text_but_a_fraction_in_a_line_is():
    # (Brightspot's carousel: `div.CarouselSlide-infoCount` "1 / 3" over each slide's caption; a recipe's
    # `<span>2/3</span> cup` and a paragraph's "1/2" stay)
    slides = "".join(f"<div class='slide'><img src='/img/s{n}.jpg' alt=''><div class='info'><div class='count'>"
                     f"{n} / 3</div><div class='desc'><p>Ảnh số {n} của phóng sự</p></div></div></div>"
                     for n in (1, 2, 3))
    page = _page(f"<article><h1>{TITLE}</h1><div class='body'>{TEXT}<div class='carousel'>{slides}</div>"
                 f"<p><span>2/3</span> diện tích đã được thu hoạch, {SENTENCE}</p></div></article>")
    a = extract_article(page, URL)
    assert "1 / 3" not in a.body and "3 / 3" not in a.body
    assert "2/3 diện tích" in a.body


def test_the_page_s_sidebar_after_the_text_is_not_read_for_its_counts():
    # (Drupal 8 Bootstrap: the page's title in a header row above both columns, so the title's and text's
    # common element is the page's row, and the walk after the text reached `aside.col-sm-3` with "Tin xem
    # nhiều" "3.056 lượt xem", another article's count, on a page that shows none)
    sidebar = ("<aside class='col-sm-3' role='complementary'><section><h2>Tin mới</h2><ul>"
               + "".join(f"<li><a href='/tin-tuc/moi-{n}'>Hội nghị số {n} của Ban Chấp hành Đảng bộ huyện khóa XII"
                         f"</a> <span>0{n}/11/2023 09:20</span></li>" for n in range(1, 6))
               + "</ul></section><section><h2>Tin xem nhiều</h2><div class='views-row'>"
               + "".join(f"<div><a href='/tin-tuc/bai-{n}'>Bài viết số {n} được xem nhiều trong tháng qua của huyện"
                         f"</a></div><div><span>{n}.056 lượt xem</span></div>" for n in range(3, 8))
               + "</div></section></aside>")
    page = _page(f"<div class='row'><div class='col-sm-12'><h1>{TITLE}</h1></div>"
                 f"<section class='col-sm-9'><article class='node'><div class='field--name-body'>{TEXT}</div>"
                 f"<div class='field--name-field-chuyen-muc'>Kinh tế</div></article></section>{sidebar}</div>")
    assert extract_article(page, URL).views is None


def test_an_author_field_told_as_a_photo_story_s_names_its_photographer():
    # (Drupal 8: `div.field--name-field-tac-gia` "Tác giả" holding "Ảnh: Quốc Hùng", the colon drawn by
    # the theme's CSS)
    field = ("<div class='field field--name-field-tac-gia field--label-inline'><div class='field--label'>Tác giả"
             "</div><div class='field--item'>Ảnh: Quốc Hùng</div></div>")
    page = _page(f"<article><h1>{TITLE}</h1><div class='content'>{TEXT}{field}</div></article>")
    assert extract_article(page, URL).author == "Quốc Hùng"


def test_a_labelled_byline_s_own_date_label_after_the_name():
    # (Tiki's articles: "Đăng bởi: NAME vào: 09/10/2023 15:42 +07 (1287 lượt đọc)"; a line that opens with
    # its date's label, "Đăng lúc: 22/05/2024 16:40", names no one)
    for byline, author in (("Đăng bởi: <a href='tiki-user_information.php?userId=7'>Minh Hằng</a> vào: "
                            "09/10/2023 15:42 +07 (1287 lượt đọc)", "Minh Hằng"),
                           ("Đăng bởi: Phòng Nội vụ huyện vào: 09/10/2023 15:42 +07", "Phòng Nội vụ huyện")):
        page = _page(f"<article><header><h2 class='titlea'>{TITLE}</h2><span class='titleb byline'>{byline}"
                     f"</span></header><div class='articlebody'>{TEXT}</div></article>")
        assert extract_article(page, URL).author == author


def test_a_parent_category_s_box_before_the_category_s_is_not_the_category():
    # (Joomla's article info: `dd.parent-category-name` "Tin tức - Sự kiện" before `dd.category-name`
    # "Tin trong huyện", both between the title and the text)
    info = ("<dl class='article-info'><dd class='parent-category-name' title='Danh mục cha: '>"
            "<a href='/tin-tuc.html'>Tin tức - Sự kiện</a></dd><dd class='category-name' title='Chuyên mục: '>"
            "<a href='/tin-tuc/tin-trong-huyen.html'>Tin trong huyện</a></dd></dl>")
    page = _page(f"<div class='item-page'><h1>{TITLE}</h1>{info}<div class='text'>{TEXT}</div></div>")
    assert extract_article(page, URL).category == "Tin trong huyện"


def test_a_joomla_layout_with_no_marked_body_is_read_for_its_text_not_taken_whole():
    # (JA Teline's vendor layout for documents: `div.item-page` holds the title, a table of the document's
    # fields, a heading and `div.vanban-content`, and no `itemprop=articleBody`; the whole item page was
    # the family's last choice of body)
    table = ("<table class='vanban-info'><tr><th>Số ký hiệu</th><td>1450/UBND-VHXH</td></tr><tr><th>Người ký</th>"
             "<td>Trần Văn Hòa</td></tr><tr><th>Trích yếu</th><td>V/v tăng cường các biện pháp phòng, chống đuối "
             "nước cho trẻ em trong dịp hè năm 2023</td></tr></table>")
    page = (f"<html><head><meta name='generator' content='Joomla! - Open Source Content Management'>"
            f"<title>{TITLE}</title></head><body><div class='item-page'><div class='vanban-detail'><h1>{TITLE}</h1>"
            f"{table}<h3>Nội dung chỉ đạo</h3><div class='vanban-content'>{TEXT}</div></div></div></body></html>")
    a = extract_article(page.encode(), URL + ".html")
    assert a.family == "joomla"
    assert a.body.startswith(SENTENCE.strip()[:40]) and "Số ký hiệu" not in a.body


def test_a_file_the_text_links_by_a_few_words_takes_the_files_box_s_fuller_name():
    # (a vendor's ASP.NET Core portal: "xem tại <a>Thông báo số 45/TB-UBND</a>" in the text, then
    # `div.attach-file` "File đính kèm:" naming it "Thông báo số 45/TB-UBND ngày 10/3/2023" after the content)
    pdf = "/Uploads/Files/2023/3/10/45-TB-UBND.pdf"
    text = f"{TEXT}<p>Chi tiết xem tại <a href='{pdf}'>Thông báo số 45/TB-UBND</a> đính kèm dưới đây.</p>"
    files = (f"<div class='attach-file'><b>File đính kèm:</b><ul><li><a href='{pdf}'>Thông báo số 45/TB-UBND ngày "
             f"10/3/2023</a></li><li><a href='/Download/File?id=8812'>Mẫu Phiếu đăng ký dự tuyển</a></li></ul></div>")
    page = _page(f"<div class='news-detail'><h1>{TITLE}</h1><div class='news-content'>{text}</div>{files}"
                 f"<div class='news-related'><h3>Tin liên quan</h3></div></div>")
    a = extract_article(page, URL)
    assert [(f.url.rsplit("/", 1)[-1], f.name) for f in a.attachments] == [
        ("45-TB-UBND.pdf", "Thông báo số 45/TB-UBND ngày 10/3/2023"), ("File?id=8812", "Mẫu Phiếu đăng ký dự tuyển")]


# The forty-ninth round.

J25_TEXT = ("<p>Thực hiện kế hoạch của UBND tỉnh về tiêm phòng vắc-xin viêm da nổi cục trên trâu, bò năm 2022, từ ngày "
            "03/10 đến ngày 10/10, Trạm Chăn nuôi và Thú y huyện phối hợp với UBND các xã tổ chức tiêm phòng.</p>") * 3


def _joomla25(info: str, text: str = J25_TEXT) -> bytes:
    actions = ("<ul class='actions'><li class='print-icon'><a href='?tmpl=component&amp;print=1' rel='nofollow'>"
               "<img src='/media/system/images/printButton.png' alt='In'></a></li><li class='email-icon'>"
               "<a href='/component/mailto/?tmpl=component&amp;link=c7f3'><img src='/media/system/images/emailButton.png'"
               " alt='Email'></a></li></ul>")
    return (f"<html><head><meta name='generator' content='Joomla! 2.5 - Open Source Content Management'><title>{TITLE}"
            f"</title></head><body><div class='rt-block'><div class='component-content'><div class='rt-article'>"
            f"<div class='item-page'><div class='article-header'><div class='module-title'><h2 class='title'>{TITLE}"
            f"</h2></div>{actions}</div>{info}{text}</div></div></div></div></body></html>").encode()


def test_joomla_25_s_tool_buttons_and_details_list_over_a_text_with_no_wrapper_are_no_text():
    # (Joomla 2.5 with a Gantry template: the text straight in `div.item-page` after the title's box with
    # its print and email buttons and `dl.article-info`, "Viết bởi Phòng Nội vụ" with no colon)
    info = ("<dl class='article-info'><dt class='article-info-term'>Chi tiết</dt><dd class='parent-category-name'>"
            "Chuyên mục cha: <a href='/tin-tuc.html'>Tin tức - Sự kiện</a></dd><dd class='category-name'>Chuyên mục: "
            "<a href='/tin-tuc/thong-bao.html'>Thông báo</a></dd><dd class='createdby'>Viết bởi Phòng Nội vụ</dd>"
            "<dd class='create'>Ngày tạo: 12 Tháng 10 2022</dd></dl>")
    picture = "<p style='text-align: center;'><img src='/images/tin-tuc/tiem-phong.jpg' width='600' height='400'></p>"
    for text in (J25_TEXT, J25_TEXT + picture + J25_TEXT):
        a = extract_article(_joomla25(info, text), URL + ".html")
        assert a.body.startswith("Thực hiện kế hoạch") and "Chi tiết" not in a.body and "Viết bởi" not in a.body
        assert [i.url.rsplit("/", 1)[-1] for i in a.images] == (["tiem-phong.jpg"] if picture in text else [])


def test_an_administrator_account_named_for_the_site_is_no_author_and_the_next_place_is_read():
    # (Payload + Next.js: "Đăng bởi Quản trị Cổng TTĐT" over every post; the photo story's own line
    # "Thực hiện: Minh Khôi" further down)
    for credit, author in (("", None), ("<p style='text-align:right'><strong>Minh Khôi</strong></p>", "Minh Khôi")):
        page = _page(f"<article><h1>{TITLE}</h1><p class='authors'>Đăng bởi Quản trị Cổng TTĐT</p>"
                     f"<div class='content'>{TEXT}{credit}</div></article>")
        assert extract_article(page, URL).author == author


def test_a_builder_s_default_page_title_names_nothing_and_the_heading_under_the_banner_is_the_title():
    # (an old Mobirise export: `<title>Page 23</title>`, `h1.mbr-section-title` the site's name, the
    # article's `h2` in `div.title` above `h3` "Chuyên mục: Tin địa phương | Ngày 28/12/2022")
    head = ("<div class='title'><h2><strong>Thị trấn Sịa ra quân tổng vệ sinh môi trường đón Tết</strong></h2>"
            "<h3 class='mbr-section-subtitle'>Chuyên mục: Tin địa phương &nbsp;|&nbsp; Ngày 28/12/2022</h3></div>")
    page = ("<html><head><title>Page 23</title></head><body><section><h1 class='mbr-section-title'>CỔNG THÔNG TIN "
            f"ĐIỆN TỬ HUYỆN QUẢNG ĐIỀN</h1></section><section>{head}<div class='mbr-text'>{TEXT}</div></section>"
            "<footer>Giấy phép số 12/GP cấp ngày 05/7/2021</footer></body></html>").encode()
    a = extract_article(page, "http://h.vn/page23.html")
    assert (a.title, a.published, a.category) == (
        "Thị trấn Sịa ra quân tổng vệ sinh môi trường đón Tết", "2022-12-28", "Tin địa phương")


def test_drupal_s_user_field_in_the_submitted_line_is_an_account_and_a_closing_photo_line_the_author():
    # (Drupal 8 with Thunder: "Gửi bởi <span class='field--name-uid'><span>bientap</span></span> vào Thứ Ba,
    # 12/09/2023 - 14:20"; the photo story's "Ảnh: Quang Đức" set right closing its text, then the tags'
    # links and the counter's line)
    submitted = ("<div class='node__submitted'>Gửi bởi <span class='field field--name-uid'><span>bientap</span></span>"
                 " vào Thứ Ba, 12/09/2023 - 14:20</div>")
    tail = ("<div class='field--name-field-tags'><h3>Từ khóa</h3><ul><li><a href='/tags/a'>Đại đoàn kết</a></li>"
            "<li><a href='/tags/b'>Mặt trận Tổ quốc</a></li></ul></div><div class='node__links'><ul><li>964 lượt xem"
            "</li><li><a href='/node/1607/printable/print'>In bài viết</a></li></ul></div>")
    for closing, author in (("", None), ("<p style='text-align: right;'><strong>Ảnh: Quang Đức</strong></p>",
                                         "Quang Đức")):
        page = _page(f"<article class='node'><h1>{TITLE}</h1>{submitted}<div class='node__content'>"
                     f"<div class='field--name-field-text'>{TEXT}{closing}</div>{tail}</div></article>")
        assert extract_article(page, URL).author == author


def test_a_short_heading_over_a_box_of_captioned_pictures_in_the_text_s_middle_is_no_text():
    # (TeamSite: `div.photo-gallery > h3` "Một số hình ảnh ghi nhận" over three photo items, the text going
    # on after; a box of one picture with a person's note keeps its heading)
    items = "".join(f"<div class='photo-item'><img src='/images/ca-phe-{n}.jpg' width='600' height='400'>"
                    f"<div class='photo-caption'>Nông dân thu hái cà phê số {n}</div></div>" for n in (1, 2, 3))
    page = _page(f"<article><h1>{TITLE}</h1><div class='content'>{TEXT}<div class='photo-gallery'>"
                 f"<h3>Một số hình ảnh ghi nhận</h3>{items}</div><p>{SENTENCE}</p></div></article>")
    a = extract_article(page, URL)
    assert "Một số hình ảnh" not in a.body and len(a.images) == 3
    one = _page(f"<article><h1>{TITLE}</h1><div class='content'>{TEXT}<div class='box'><h3>Zur Person</h3>"
                f"<div><img src='/images/a.jpg' width='300' height='300'><p>Kathrin Bürger ist Fachanwältin.</p></div>"
                f"</div><p>{SENTENCE}</p></div></article>")
    assert "Zur Person" in extract_article(one, URL).body


def test_a_picture_set_right_above_the_headline_in_the_post_s_box_is_the_article_s():
    # (Nicepage's static blog post: `img.u-image` then `h2` then the meta line and the text, in one box)
    page = _page(f"<section><div class='u-post-details'><div class='u-container-layout'>"
                 f"<img class='u-image' src='../images/clb-cong-chieng.jpg' alt=''><h2>{TITLE}</h2>"
                 f"<div class='u-metadata'><span>12 thg 10, 2022</span></div><div class='u-post-content'>{TEXT}</div>"
                 f"</div></div></section>")
    a = extract_article(page, "http://h.vn/blog/clb-cong-chieng.html")
    assert [(i.url, i.caption) for i in a.images] == [("http://h.vn/images/clb-cong-chieng.jpg", None)]
