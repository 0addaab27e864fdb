"""Habits of the eighth and ninth rounds of portals made blind (tests/fixtures/unseen_portals): page
builders (Avada's sibling rows), server-rendered React (Next.js's next/image and CSS-module names),
blob stores (WebCenter Sites' query addresses), SharePoint 2010's news web part under one <title> for
every page, Joomla's Attachments table, Drupal 7's lazy loader and Drupal 8's custom blocks and
Paragraphs, Bootstrap vendors' icons and cards, JNews's rounded counts, a JSP portal's table layout;
each as a general rule on a small page."""
from __future__ import annotations

from scraper.extract import extract_article, extract_listing, page_media

TEXT = "<p>" + "Đến ngày 26/2, toàn huyện đã gieo cấy được trên 2.650 ha lúa Xuân, đạt 96% kế hoạch đề ra. " * 3 + "</p>"
TITLE = "Huyện Đức Trọng hội nghị sơ kết tình hình kinh tế - xã hội 6 tháng đầu năm 2019"


def _page(body: str, head: str = "") -> bytes:
    return f"<html lang='vi'><head>{head}</head><body>{body}</body></html>".encode()


def _article_page(inner: str, after: str = "") -> bytes:
    return _page(f"<div class='article-detail'><h1 class='article-title'>{TITLE}</h1>{inner}</div>{after}",
                 head=f"<title>{TITLE}</title>")


BLOB = "/cs/Satellite?blobcol=urldata&amp;blobkey=id&amp;blobtable=MungoBlobs&amp;blobwhere={}&amp;ssbinary=true"


def test_a_blob_store_link_named_by_a_file_name_in_an_attachments_block_is_an_attachment_and_fetched():
    page = _article_page(
        f"<div class='article-body'>{TEXT}</div>"
        "<div class='article-attachments'><span class='label'>Tệp đính kèm:</span><ul><li>"
        f"<a href='{BLOB.format(1562052117470)}'>BC_145-BC-UBND_KTXH_6thang_2019.pdf</a></li></ul></div>"
        # the same kind of address, no file name and outside such a block: a picture's, a banner's
        f"<div class='banner'><a href='{BLOB.format(1480000000101)}'>Cổng dịch vụ công</a></div>")
    url = "http://h.vn/huyen-duc-trong/tin-tuc/-/a/1562052117406/duc-trong-hoi-nghi"
    file = "http://h.vn" + BLOB.format(1562052117470).replace("&amp;", "&")
    article = extract_article(page, url, family="generic")
    assert [(a.url, a.name) for a in article.attachments] == [(file, "BC_145-BC-UBND_KTXH_6thang_2019.pdf")]
    media = page_media(page, url)
    assert file in media and not any("1480000000101" in m for m in media)


def test_lượt_truy_cập_in_an_element_named_for_views_is_the_article_s_count_never_the_site_s_total():
    page = _article_page(
        "<div class='article-info'><span class='publish-date'>02/07/2019 15:20</span>"
        "<span class='view-count'>Lượt truy cập: 2.341</span></div>"
        f"<div class='article-body'>{TEXT}</div>",
        after="<div class='box'><p>Tổng lượt truy cập: <b>1.254.870</b></p></div>")
    assert extract_article(page, "http://h.vn/tin-tuc/a/1562052117406", family="generic").views == 2341
    no_count = _article_page("<div class='article-info'><span class='publish-date'>02/07/2019 15:20</span></div>"
                             f"<div class='article-body'>{TEXT}</div>",
                             after="<div class='thong-ke'><p>Lượt truy cập: <b>1.254.870</b></p></div>")
    assert extract_article(no_count, "http://h.vn/tin-tuc/a/1562052117406", family="generic").views is None


_SIZER = ("<span style='display:block'><img alt='' aria-hidden='true' "
          "src=\"data:image/svg+xml,%3csvg%20xmlns=%27http://www.w3.org/2000/svg%27%20width=%27540%27%20height=%27360%27/%3e\"/>"
          "</span>")


def test_next_image_pictures_are_their_originals_with_their_figcaption_and_noscript_copy():
    shown = ("<img alt='x' src='/_next/image?url=%2Fuploads%2F2023%2F04%2Fket-luan.jpg&amp;w=1080&amp;q=75' "
             "srcSet='/_next/image?url=%2Fuploads%2F2023%2F04%2Fket-luan.jpg&amp;w=640&amp;q=75 1x' "
             "style='position:absolute;width:0;height:0;min-width:100%'/>")
    lazy = ("<img alt='x' src='data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7' "
            "style='width:0;height:0;min-width:100%'/><noscript><img alt='x' "
            "src='/_next/image?url=%2Fuploads%2F2023%2F03%2Flua-xuan.jpg&amp;w=1080&amp;q=75'/></noscript>")
    page = _page(f"<article class='ArticleDetail_article__1e9Kq'><h1 class='ArticleDetail_title__3kF9a'>{TITLE}</h1>"
                 f"<figure class='ArticleDetail_cover__2Tg7k'><span style='display:inline-block'>{_SIZER}{shown}</span>"
                 "<figcaption>Đồng chí Chủ tịch UBND huyện phát biểu kết luận hội nghị</figcaption></figure>"
                 f"<div class='styles_content__x1Y2z'>{TEXT}<p style='text-align:center'><span>{_SIZER}{lazy}</span></p>"
                 f"{TEXT}</div></article>", head=f"<title>{TITLE}</title>")
    article = extract_article(page, "http://h.vn/tin-tuc/so-ket-quy-1-p4836", family="generic")
    assert [(i.url, i.caption) for i in article.images] == [
        ("http://h.vn/uploads/2023/04/ket-luan.jpg", "Đồng chí Chủ tịch UBND huyện phát biểu kết luận hội nghị"),
        ("http://h.vn/uploads/2023/03/lua-xuan.jpg", None)]


def test_a_resizer_s_src_parameter_names_the_picture_and_a_plain_src_stays():
    page = _article_page(f"<div class='article-body'>{TEXT}"
                         "<p><img src='/timthumb.php?src=/wp-content/uploads/2020/05/hop.jpg&amp;w=300&amp;h=200'></p>"
                         "<p><img src='/images/anh.jpg?v=2'></p>" + TEXT + "</div>")
    article = extract_article(page, "http://h.vn/tin-tuc/hoi-nghi-so-ket-123.html", family="generic")
    assert [i.url for i in article.images] == ["http://h.vn/wp-content/uploads/2020/05/hop.jpg", "http://h.vn/images/anh.jpg?v=2"]


def test_an_article_id_after_its_slug_like_a_page_number_is_an_article_and_a_short_one_a_page():
    cards = "".join(f"<div class='NewsCard_item__2mQ5v'><h3 class='NewsCard_title__2bN8v'><a href='/tin-tuc/{slug}'>{text}</a>"
                    "</h3></div>" for slug, text in [
                        ("truong-thcs-nhuan-trach-don-bang-cong-nhan-p4817", "Trường THCS Nhuận Trạch đón Bằng công nhận"),
                        ("luong-son-day-manh-chuyen-doi-so-p4830", "Lương Sơn đẩy mạnh chuyển đổi số năm 2023")])
    page = _page(f"<main><h1>Tin tức - Sự kiện</h1><div class='Category_list__3xV9c'>{cards}</div>"
                 "<div class='pager'><a href='/tin-tuc-p2'>Các tin tức sự kiện trang hai</a></div></main>")
    listing = extract_listing(page, "http://h.vn/chuyen-muc/tin-tuc-su-kien")
    assert listing.article_urls == ["http://h.vn/tin-tuc/truong-thcs-nhuan-trach-don-bang-cong-nhan-p4817",
                                    "http://h.vn/tin-tuc/luong-son-day-manh-chuyen-doi-so-p4830"]


def test_a_lazy_loader_s_class_for_a_picture_not_loaded_yet_is_no_icon():
    lazy = ("<p style='text-align:center'><img alt='' class='lazyloader-icon' data-src='/sites/default/files/images/kenh.jpg' "
            "src='/sites/all/modules/lazyloader/image_placeholder.gif' style='width: 600px; height: 400px;'></p>"
            "<p style='text-align:center'><em>Nhân dân xã Kim Chính nạo vét kênh</em></p>")
    icon = "<p><img class='icon' src='/sites/default/files/pdf.png'></p>"
    page = _article_page(f"<div class='article-body'>{TEXT}{lazy}{icon}{TEXT}</div>")
    article = extract_article(page, "http://h.vn/node/1518", family="generic")
    assert [(i.url, i.caption) for i in article.images] == [("http://h.vn/sites/default/files/images/kenh.jpg",
                                                             "Nhân dân xã Kim Chính nạo vét kênh")]
    assert "nạo vét kênh" not in article.body


def test_a_page_title_naming_the_home_page_on_every_page_gives_way_to_the_element_named_title():
    page = _page("<h3>Tin đọc nhiều</h3><ul><li><a href='/Pages/tin-tuc.aspx?ItemID=2108'>Triển khai phần mềm quản lý "
                 "văn bản</a></li></ul><h3>Tin tức</h3><div class='news-detail'>"
                 "<div class='news-path'><a href='/'>Trang chủ</a> » <a href='/tin-tuc/Pages/default.aspx'>Tin tức</a> » "
                 "<a href='/tin-tuc/Pages/default.aspx?CateID=5'>Tin hoạt động</a></div>"
                 f"<h2 class='news-title'>{TITLE}</h2>"
                 "<div class='news-info'><span class='news-date'>(Cập nhật: 14/03/2016 9:15:20 SA)</span> "
                 "<span class='news-view'>Số lượt xem: 1.234</span></div>"
                 f"<div class='news-body'>{TEXT}{TEXT}</div></div>", head="<title>Trang chủ - Tin tức</title>")
    article = extract_article(page, "http://h.vn/tin-tuc/Pages/chi-tiet.aspx?ItemID=1234&CateID=5", family="generic")
    assert (article.title, article.published, article.views) == (TITLE, "2016-03-14T09:15:20+07:00", 1234)


def test_a_trail_s_last_item_naming_the_page_s_own_file_leads_to_the_module_s_trail():
    page = _page("<div class='breadcrumb'><a href='/'>Trang chủ</a> › <a href='/tin-tuc/Pages/default.aspx'>Tin tức</a> › "
                 "<span>Chi tiết</span></div><div class='news-detail'>"
                 "<div class='news-path'><a href='/'>Trang chủ</a> » <a href='/tin-tuc/Pages/default.aspx'>Tin tức</a> » "
                 "<a href='/tin-tuc/Pages/default.aspx?CateID=9'>Giáo dục - Đào tạo</a></div>"
                 f"<h2 class='news-title'>{TITLE}</h2><div class='news-body'>{TEXT}{TEXT}</div></div>",
                 head=f"<title>{TITLE}</title>")
    article = extract_article(page, "http://h.vn/tin-tuc/Pages/chi-tiet.aspx?ItemID=1187&CateID=9", family="generic")
    assert article.category == "Giáo dục - Đào tạo"
    # a section's folder is no script: Liferay shows an article at its section's address
    section = _page("<ol class='breadcrumb'><li><a href='/web/yenthe'>Trang chủ</a></li>"
                    "<li><a href='/web/yenthe/tin-tuc-su-kien'>Tin tức - Sự kiện</a></li></ol>"
                    f"<div class='journal-content-article'><h2>{TITLE}</h2>{TEXT}{TEXT}</div>", head=f"<title>{TITLE}</title>")
    url = "http://h.vn/web/yenthe/tin-tuc-su-kien?p_p_id=AssetPublisherPortlet_INSTANCE_hV3n&_AssetPublisherPortlet_assetEntryId=48213"
    assert extract_article(section, url, family="generic").category == "Tin tức - Sự kiện"


def _builder_row(inner: str) -> str:
    return ("<div class='fusion-fullwidth fullwidth-box'><div class='fusion-builder-row fusion-row'>"
            "<div class='fusion-layout-column'><div class='fusion-column-wrapper'>" + inner + "</div></div></div></div>")


def test_a_page_builder_s_rows_keep_a_caption_in_the_next_block_the_author_row_and_the_views_after_them():
    picture = ("<div class='fusion-image-element' style='text-align:center;'><span class='fusion-imageframe'>"
               "<a href='/wp-content/uploads/2021/05/hoi-nghi.jpg' class='fusion-lightbox'>"
               "<img width='1024' height='683' src='/wp-content/uploads/2021/05/hoi-nghi-1024x683.jpg'></a></span></div>"
               "<div class='fusion-text fusion-text-2'><p style='text-align: center;'><em>Đồng chí Phó Chủ tịch UBND "
               "huyện phát biểu chỉ đạo</em></p></div>")
    content = (_builder_row(f"<div class='fusion-text fusion-text-1'>{TEXT}</div>{picture}"
                            f"<div class='fusion-sep-clear'></div><div class='fusion-text fusion-text-3'>{TEXT}</div>")
               + _builder_row(f"<div class='fusion-text'>{TEXT}</div>")
               + _builder_row("<div class='fusion-text'><p style='text-align: right;'><strong>Văn Hùng</strong></p></div>"))
    page = _page(f"<main><article class='post'><h2 class='entry-title fusion-post-title'>{TITLE}</h2><div class='post-content'>"
                 f"{content}<div class='post-views entry-meta'><span class='post-views-label'>Lượt xem: </span>"
                 "<span class='post-views-count'>1.234</span></div></div></article></main>",
                 head=f"<title>{TITLE}</title>")
    article = extract_article(page, "http://h.vn/2021/05/phu-ninh-trien-khai-ke-hoach-chuyen-doi-so-nam-2021/",
                              family="generic")
    assert [(i.url, i.caption) for i in article.images] == [("http://h.vn/wp-content/uploads/2021/05/hoi-nghi.jpg",
                                                             "Đồng chí Phó Chủ tịch UBND huyện phát biểu chỉ đạo")]
    assert (article.author, article.views) == ("Văn Hùng", 1234)
    assert "phát biểu chỉ đạo" not in article.body and "Văn Hùng" not in article.body


def test_an_attachments_table_ending_the_body_is_no_text_and_names_its_files_by_their_visible_names():
    table = ("<div class='attachmentsContainer'><div class='attachmentsList'><table><caption>Tệp đính kèm:</caption>"
             "<tr><th>Tệp</th><th>Mô tả</th><th>Dung lượng</th><th>Cập nhật</th></tr><tr><td>"
             "<a class='at_icon' href='/attachments/article/3012/KH-187.pdf' title='Tải tệp này (KH-187.pdf)'>"
             "<img src='/media/com_attachments/icons/pdf.gif'></a>&nbsp;"
             "<a class='at_url' href='/attachments/article/3012/KH-187.pdf' title='Tải tệp này (KH-187.pdf)'>"
             "Kế hoạch số 187/KH-UBND</a></td><td>Kế hoạch chuyển đổi số</td><td>812 B</td><td>2022-08-16 09:12</td>"
             "</tr></table></div></div>")
    page = _article_page(f"<section class='article-content'>{TEXT}{TEXT}"
                         f"<p style='text-align: right;'><strong>Tin, ảnh: Quang Huy</strong></p>{table}</section>")
    article = extract_article(page, "http://h.vn/tin-tuc/su-kien/3012-luc-ngan-ra-mat.html", family="generic")
    assert [(a.url, a.name) for a in article.attachments] == [("http://h.vn/attachments/article/3012/KH-187.pdf",
                                                               "Kế hoạch số 187/KH-UBND")]
    assert article.author == "Quang Huy"
    assert "Tệp đính kèm" not in article.body and "Cập nhật" not in article.body


def test_an_english_author_label_is_cut_from_the_name():
    page = _article_page(f"<div class='article-body'>{TEXT}{TEXT}<p style='text-align:right'><b>Author(s): Leena Simon</b>"
                         "</p></div>")
    assert extract_article(page, "http://h.vn/blog/2023/buch", family="generic").author == "Leena Simon"


def test_a_centred_line_in_the_next_block_is_no_caption_where_text_follows_the_picture_in_its_own():
    picture = ("<div class='fusion-text fusion-text-1'><p style='text-align:center'><img src='/wp-content/uploads/hop.jpg' "
               "width='800'></p>" + TEXT + "</div>"
               "<div class='fusion-text fusion-text-2'><p style='text-align: center;'><em>Phát huy truyền thống quê hương"
               "</em></p></div>")
    page = _page(f"<article class='post'><h2 class='entry-title'>{TITLE}</h2><div class='post-content'>"
                 + _builder_row(f"<div class='fusion-text'>{TEXT}</div>{picture}<div class='fusion-text'>{TEXT}</div>")
                 + "</div></article>", head=f"<title>{TITLE}</title>")
    article = extract_article(page, "http://h.vn/2021/05/phat-huy-truyen-thong/", family="generic")
    assert [(i.url, i.caption) for i in article.images] == [("http://h.vn/wp-content/uploads/hop.jpg", None)]
    assert "Phát huy truyền thống quê hương" in article.body


def test_a_bare_count_after_an_eye_icon_is_the_views_and_its_exact_title_beats_a_rounded_one():
    page = _article_page("<p class='text-muted small'><i class='bi bi-calendar'></i> 28/03/2023 - 09:20"
                         "<span class='ms-3'><i class='bi bi-eye'></i> 1.024</span></p>"
                         f"<div class='ck-content'>{TEXT}{TEXT}</div>")
    assert extract_article(page, "http://h.vn/tin-tuc/chi-tiet/so-ket-a81c4e", family="generic").views == 1024
    rounded = _article_page("<div class='jeg_views_count'><div class='counts' title='3.482 lượt xem'>"
                            "<i class='fa fa-eye'></i> 3,5K</div><span class='sharetext'>LƯỢT XEM</span></div>"
                            f"<div class='content-inner'>{TEXT}{TEXT}</div>")
    assert extract_article(rounded, "http://h.vn/hiep-hoa-chuyen-doi-so/", family="generic").views == 3482


def test_an_attachments_card_after_the_article_and_a_right_set_line_after_its_text():
    page = _page(f"<main><article><h1 class='fw-bold'>{TITLE}</h1><div class='ck-content'>{TEXT}{TEXT}</div>"
                 "<div class='text-end fw-bold mt-3'>Quang Minh</div></article>"
                 "<div class='card mt-4 attachments'><div class='card-header'>Tài liệu đính kèm</div><ul><li>"
                 "<a href='/api/file/download/5f0c2b1e-8d4a'>BC-58-BCĐ-so-ket-2023.pdf</a> <span>245 KB</span></li></ul></div>"
                 "<div class='share-bar'><a href='https://facebook.com/sharer'>Facebook</a></div></main>",
                 head=f"<title>{TITLE}</title>")
    article = extract_article(page, "http://h.vn/tin-tuc/chi-tiet/so-ket-a81c4e", family="generic")
    assert [(a.url, a.name) for a in article.attachments] == [("http://h.vn/api/file/download/5f0c2b1e-8d4a",
                                                               "BC-58-BCĐ-so-ket-2023.pdf")]
    assert article.author == "Quang Minh"
    # a bold line after the text that is not set right heads what follows: no author
    heading = _page(f"<main><article><h1>{TITLE}</h1><div class='entry'>{TEXT}{TEXT}</div>"
                    "<p class='font-weight-bold'>weiterführende Links</p><p><a href='http://x.at'>http://x.at</a></p>"
                    "</article></main>", head=f"<title>{TITLE}</title>")
    assert extract_article(heading, "http://h.vn/ischgl", family="generic").author is None


def test_a_byline_label_alone_in_its_element_names_the_line_and_a_submitted_line_s_account_no_one():
    page = _article_page("<div class='jeg_meta_author'><img alt='Ngọc Anh' src='/avatar.png' width='80'>"
                         "<span class='meta_text'>Bởi</span> <a href='/author/ngocanh/'>Ngọc Anh</a></div>"
                         f"<div class='content-inner'>{TEXT}{TEXT}</div>")
    assert extract_article(page, "http://h.vn/truong-thcs-thang/", family="generic").author == "Ngọc Anh"
    submitted = _article_page("<div class='submitted'>Gửi bởi quantri vào T6, 12/27/2019 - 16:05</div>"
                              f"<div class='field--name-body'>{TEXT}{TEXT}</div>")
    assert extract_article(submitted, "http://h.vn/node/1188", family="generic").author is None
    because = _article_page(f"<p>Bởi vì mưa lớn kéo dài, nhiều diện tích lúa bị ngập úng.</p><div class='body'>{TEXT}{TEXT}</div>")
    assert extract_article(because, "http://h.vn/tin-tuc/mua-lon-123.html", family="generic").author is None


def test_a_document_library_file_with_its_version_query_is_an_attachment():
    href = "/documents/35417/1398480/KH+125-UBND+nam+hoc+2022-2023.pdf/e4a9c7d1-3b2f-4e8a-9d6c-1f0b7a5e2c98?t=1662366811003"
    page = _article_page(f"<div class='journal-content-article'>{TEXT}<p>Thực hiện <a href='{href}'>Kế hoạch số "
                         f"125/KH-UBND</a> của UBND huyện, các trường đã khai giảng năm học mới.</p>{TEXT}</div>")
    article = extract_article(page, "http://h.vn/tin-tuc-su-kien/-/asset_publisher/aLp7/content/khai-giang", family="generic")
    assert [a.url for a in article.attachments] == ["http://h.vn" + href]


def test_a_short_section_name_a_link_gives_is_no_title_where_the_page_has_no_heading():
    row = "<tr><td class='title'>Trường THCS Đồng Xuân đón Bằng công nhận trường đạt chuẩn quốc gia</td></tr>"
    page = _page("<div class='portlet'><div class='portlet-header'><span class='portlet-title'>Văn hóa - Xã hội</span></div>"
                 "<div class='breadcrumb'><a href='/'>Trang chủ</a> &raquo; <a href='/tintuc?categoryId=10'>Văn hóa - Xã hội</a></div>"
                 f"<table class='tblDetail'>{row}<tr><td class='date'>(06/05/2019 09:15)</td></tr><tr><td class='content'>"
                 f"<div id='divContent'>{TEXT}{TEXT}</div></td></tr></table></div>",
                 head="<title>Cổng thông tin điện tử huyện Thanh Ba</title>")
    article = extract_article(page, "http://h.vn/tin-tuc/12385/truong-thcs-dong-xuan.html", family="generic")
    assert article.title == "Trường THCS Đồng Xuân đón Bằng công nhận trường đạt chuẩn quốc gia"


SAPO = ("Chiều 19/10, UBND huyện Cam Lộ tổ chức hội nghị triển khai Kế hoạch thực hiện Đề án phát triển ứng dụng dữ liệu"
        " về dân cư, định danh và xác thực điện tử phục vụ chuyển đổi số quốc gia gắn với nhiệm vụ chuyển đổi số năm 2022.")


def test_a_family_s_body_selector_met_above_the_title_or_in_a_sidebar_gives_way_to_the_next():
    block = "<section class='block'><div class='field field--name-body'>{}</div></section>"
    page = _page("<div class='top-bar'>" + block.format("<span>Thứ Sáu, 21/10/2022</span>") + "</div>"
                 "<div class='row'><section class='col-sm-9'><h1 class='page-header'>" + TITLE + "</h1>"
                 "<article class='node node--type-article'><div class='node__content'>"
                 "<div class='field field--name-field-sapo'><strong>" + SAPO + "</strong></div>"
                 f"<div class='field field--name-field-noi-dung'><div class='paragraph paragraph--type--text'>{TEXT}</div>"
                 "<div class='paragraph paragraph--type--image'><img src='/sites/default/files/2022-10/hoi-nghi.jpg' width='800'>"
                 "<div class='field field--name-field-caption'>Quang cảnh hội nghị</div></div>"
                 f"<div class='paragraph paragraph--type--text'>{TEXT}</div>"
                 "<div class='paragraph paragraph--type--file'><div class='field field--name-field-tieu-de'>Văn bản đính kèm</div>"
                 "<div class='field--item'><a href='/sites/default/files/2022-10/215-kh-ubnd.pdf'>Kế hoạch số 215/KH-UBND</a>"
                 " <span class='file-size'>(312.45 KB)</span></div></div></div>"
                 "<div class='field field--name-field-tac-gia'><div class='field--label'>Tác giả</div>"
                 "<div class='field--item'>Hoàng Anh</div></div></div></article></section>"
                 "<aside class='col-sm-3'>" + block.format("<ul><li><a href='/node/1188'>Thông báo lịch tiếp công dân tháng 1</a></li>"
                                                           "</ul>") + "</aside></div>",
                 head=f"<meta name='Generator' content='Drupal 8 (https://www.drupal.org)'><title>{TITLE}</title>")
    article = extract_article(page, "http://h.vn/tin-tuc/chuyen-doi-so/cam-lo-trien-khai-de-an-06", family="drupal")
    assert article.body.startswith("Chiều 19/10") and "Đến ngày 26/2" in article.body
    assert "Văn bản đính kèm" not in article.body and "Hoàng Anh" not in article.body and "Thông báo" not in article.body
    assert article.author == "Hoàng Anh"
    assert [a.url for a in article.attachments] == ["http://h.vn/sites/default/files/2022-10/215-kh-ubnd.pdf"]


def test_a_headline_of_another_address_in_an_article_s_list_place_and_a_slug_before_default_aspx():
    item = ("<li class='DNN_ANN_Item'><h3 class='DNN_ANN_Title'><a href='{}'>{}</a></h3>"
            "<div class='DNN_ANN_Date'>Thứ Hai, 23 tháng 4 năm 2018</div></li>")
    page = _page("<div class='DnnModule'><ul class='DNN_ANN_DefaultList'>"
                 + item.format("/LinkClick.aspx?link=216&amp;tabid=180&amp;mid=845",
                               "Cẩm Giàng đưa Bộ phận tiếp nhận và trả kết quả hiện đại cấp huyện vào hoạt động")
                 + item.format("/Tin-tuc/Truong-THCS-Cam-Van-don-nhan-Bang-cong-nhan/tabid/214/Default.aspx",
                               "Trường THCS Cẩm Văn đón nhận Bằng công nhận trường đạt chuẩn quốc gia")
                 + "</ul></div><div class='menu-box'><ul><li><a href='/Gioi-thieu/tabid/60/Default.aspx'>Giới thiệu chung"
                 "</a></li><li><a href='/LinkClick.aspx?link=61'>Cơ cấu tổ chức</a></li></ul></div>")
    listing = extract_listing(page, "http://h.vn/Tin-tuc/tabid/180/Default.aspx")
    assert listing.article_urls == ["http://h.vn/LinkClick.aspx?link=216&tabid=180&mid=845",
                                    "http://h.vn/Tin-tuc/Truong-THCS-Cam-Van-don-nhan-Bang-cong-nhan/tabid/214/Default.aspx"]


def test_an_html_module_s_page_title_date_and_page_hit_counter():
    page = _page("<div class='topbar'><span class='DateToken'>Thứ Tư, 25 tháng 4 năm 2018</span></div>"
                 "<div class='c_container'><div class='c_title'><h2><span class='TitleHead'>Tin mới</span></h2></div>"
                 "<ul><li><a href='/Tin-tuc/A/tabid/212/Default.aspx'>Huyện ủy học tập Nghị quyết</a></li></ul></div>"
                 "<div class='c_container'><div class='c_content'><div class='Normal'><p><i>Ngày 05/4/2018</i></p>"
                 f"{TEXT}{TEXT}<p><img src='/Portals/0/Images/2018/anh%201.jpg' width='500'></p>{TEXT}</div></div>"
                 "<div class='c_footer'><a href='/x/dnnprintmode/true'><img src='/images/action_print.gif' alt='In'></a></div></div>"
                 "<div class='hitcounter'>Số lượt truy cập trang: <span>856</span></div>"
                 "<div class='footer'>Tổng lượt truy cập: 1.254.318</div>",
                 head="<title>Huyện Cẩm Giàng &gt; Tin tức &gt; Trường THCS Cẩm Văn đón nhận Bằng công nhận</title>")
    article = extract_article(page, "http://h.vn/Tin-tuc/Truong-THCS-Cam-Van/tabid/214/Default.aspx", family="generic")
    assert (article.title, article.published, article.views) == ("Trường THCS Cẩm Văn đón nhận Bằng công nhận", "2018-04-05", 856)
    assert [i.url for i in article.images] == ["http://h.vn/Portals/0/Images/2018/anh%201.jpg"]


def test_a_page_type_as_the_title_and_a_site_name_heading_are_no_article_s_title():
    from scraper.extract.checks import section_like_title

    page = _page("<h2><span>Tin tức - Sự kiện</span></h2><div class='wcm-article'>"
                 f"<h2 class='wcm-title'>{TITLE}</h2><div class='wcm-date'>16:20 | 17/12/2021</div>"
                 f"<div class='wcm-body'>{TEXT}{TEXT}</div></div>", head="<title>Chi tiết tin tức</title>")
    article = extract_article(page, "http://h.vn/wps/portal/huyen-x/tin-tuc/chi-tiet/ky-hop", family="generic")
    assert (article.title, article.published) == (TITLE, "2021-12-17T16:20:00+07:00")
    assert section_like_title("CỔNG THÔNG TIN ĐIỆN TỬ HUYỆN ĐỨC THỌ", None)


def test_the_hits_line_and_the_figure_above_the_headline_in_the_article_s_element():
    page = _page("<article class='item item-page' itemscope itemtype='http://schema.org/Article'>"
                 "<div class='entry-image full-image'><figure><img src='/images/2023/05/vai-thieu.jpg'>"
                 "<figcaption>Người dân xã Phượng Sơn thu hoạch vải thiều sớm</figcaption></figure></div>"
                 "<div class='entry-header'><dl class='article-info'><dd class='published'><time>Thứ năm, 18 Tháng 5 2023 "
                 "08:15</time></dd><dd class='hits'>Lượt xem: 2456</dd></dl>"
                 f"<h2 itemprop='headline'>{TITLE}</h2></div><div itemprop='articleBody'>{TEXT}{TEXT}</div></article>",
                 head=f"<title>{TITLE} - Cổng thông tin điện tử huyện Lục Ngạn</title>")
    article = extract_article(page, "http://h.vn/tin-tuc/kinh-te/1842-luc-ngan", family="generic")
    assert article.views == 2456
    assert [(i.url, i.caption) for i in article.images] == [("http://h.vn/images/2023/05/vai-thieu.jpg",
                                                             "Người dân xã Phượng Sơn thu hoạch vải thiều sớm")]


def test_a_builder_s_text_modules_named_like_chrome_a_file_button_and_a_meta_line_s_account():
    def module(kind: str, inner: str) -> str:
        return f"<div class='et_pb_module et_pb_{kind}'><div class='et_pb_text_inner'>{inner}</div></div>"
    column = ("<div class='et_pb_module et_pb_post_title'><h1 class='entry-title'>" + TITLE + "</h1>"
              "<p class='post-meta'> bởi <span class='author vcard'><a href='/author/admin/'>admin</a></span> | "
              "<span class='published'>Th4 12, 2023</span> | <a href='/chuyen-muc/tin-tuc/' rel='category tag'>Tin tức</a></p></div>"
              + module("text", TEXT) + "<div class='et_pb_module et_pb_image'><img src='/wp-content/uploads/2023/04/hoi-nghi.jpg'"
              " width='1024'></div>" + module("text", "<p style='text-align: center;'><em>Quang cảnh hội nghị</em></p>")
              + module("text", TEXT + "<p style='text-align: right;'><strong>Thu Hà</strong></p>")
              + "<div class='et_pb_button_module_wrapper et_pb_module'><a class='et_pb_button' "
              "href='/wp-content/uploads/2023/04/KH-68.pdf'>Tải về kế hoạch</a></div>"
              "<p class='hh-shortlink'>Link rút gọn: <a href='/?p=2431'>/?p=2431</a></p>")
    page = _page("<article class='et_pb_post'><div class='entry-content'><div class='et_pb_row'>"
                 "<div class='et_pb_column et_pb_column_1_3'><div class='et_pb_module et_pb_sidebar_0 et_pb_widget_area'>"
                 "<ul><li><a href='/tin-tuc/a/'>Nông dân xã Hương Lâm trồng dưa lưới</a> <span class='post-date'>26/04/2023</span>"
                 "</li></ul></div></div>"
                 f"<div class='et_pb_column et_pb_column_2_3'>{column}</div></div></div></article>",
                 head=f"<meta name='generator' content='WordPress 6.2'><title>{TITLE}</title>")
    for family in ("generic", "wordpress"):
        article = extract_article(page, "http://h.vn/tin-tuc/hiep-hoa-trien-khai/", family=family)
        assert article.author == "Thu Hà", family
        assert [(i.url, i.caption) for i in article.images] == [("http://h.vn/wp-content/uploads/2023/04/hoi-nghi.jpg",
                                                                 "Quang cảnh hội nghị")], family
        assert [a.url for a in article.attachments] == ["http://h.vn/wp-content/uploads/2023/04/KH-68.pdf"], family
        assert "Link rút gọn" not in article.body and "dưa lưới" not in article.body, family


def test_a_photo_story_s_closing_author_line_is_taken_though_its_text_is_in_the_captions():
    picture = ("<table align='center'><tr><td><img src='/uploads/news/2019_02/le-hoi-{}.jpg' width='600'></td></tr>"
               "<tr><td style='text-align:center'><em>{}</em></td></tr></table><p>&nbsp;</p>")
    captions = ["Lễ rước kiệu từ đình làng về Đền Mẫu Âu Cơ diễn ra trang nghiêm.",
                "Trò chơi kéo co thu hút đông đảo thanh niên các khu dân cư tham gia.",
                "Lễ hội năm nay được tổ chức trang trọng, an toàn, tiết kiệm."]
    page = _page("<div class='news_column'><h1 class='title'>" + TITLE + "</h1><div class='hometext'>Sáng 13/2, Lễ hội"
                 " Đền Mẫu Âu Cơ năm 2019 khai mạc với nhiều hoạt động văn hóa đặc sắc.</div>"
                 "<div id='news-bodyhtml' class='bodytext'>" + "".join(picture.format(i, c) for i, c in enumerate(captions))
                 + "<p style='text-align: right;'><strong>Tin, ảnh: Hồng Nhung</strong></p></div></div>",
                 head=f"<title>{TITLE}</title>")
    article = extract_article(page, "http://h.vn/news/phong-su-anh/ron-rang-le-hoi-1342.html", family="nukeviet")
    assert article.author == "Hồng Nhung"
    assert "Hồng Nhung" not in (article.body or "")
    assert [i.caption for i in article.images] == captions


def test_a_line_in_large_type_titles_a_page_with_no_heading_and_a_module_s_name_does_not():
    page = _page("<table><tr><td class='title_module'><font size='2'><b>Nông nghiệp - Nông thôn</b></font></td></tr>"
                 "<tr><td><font size='4' color='#0000FF'><b>Bằng Luân nghiệm thu mô hình sản xuất bưởi theo tiêu chuẩn "
                 "VietGAP</b></font> <font size='1'>[22/08/2023]</font></td></tr>"
                 f"<tr><td class='content_news'>{TEXT}<br><br>{TEXT}</td></tr></table>",
                 head="<title>Cổng thông tin điện tử huyện Đoan Hùng</title>")
    article = extract_article(page, "http://h.vn/index.php?module=news&act=detail&id=2388", family="generic")
    assert (article.title, article.published) == ("Bằng Luân nghiệm thu mô hình sản xuất bưởi theo tiêu chuẩn VietGAP",
                                                  "2023-08-22")
