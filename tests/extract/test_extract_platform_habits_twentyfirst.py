"""Habits of the twenty-second and twenty-third rounds of portals made blind (Microsoft CMS 2002,
Oracle Portal 10g, dotCMS, PHP-Fusion; Magnolia, Ektron, ABP, Odoo) and of Joomla's EasyBlog: a
<title> naming the portal page, an article's id after a portlet's prefix, a detail page's name in the
trail, a template's unfilled variable, a lightbox's original, a cover photo above the headline, a file
type's icon before a download handler's link, a photo credit beside a caption, a category in
capitals, a picture's caption as its term's description, a layout named for its sidebar, an SEO
title, a link stating a document's type; each as a general rule on a small page."""
from __future__ import annotations

from scraper.extract import extract_article, extract_listing
from scraper.extract.listing import looks_like_article_url

TEXT = "<p>" + "Kỳ họp thứ 15 HĐND huyện khóa XX đã thông qua 12 nghị quyết quan trọng về phát triển kinh tế - xã hội. " * 3 + "</p>"
TITLE = "Kỳ họp thứ 15 HĐND huyện Đức Thọ khóa XX thông qua 12 nghị quyết"
URL = "http://h.vn/tin-tuc/ky-hop-thu-15-hdnd-huyen-duc-tho"


def _page(inside: str, title: str = TITLE, head: str = "") -> bytes:
    return (f"<html><head><title>{title}</title>{head}</head><body><div id='content'>{inside}</div>"
            "</body></html>").encode()


def test_a_title_naming_the_portal_page_gives_way_to_an_element_named_as_the_article_s_title():
    # Oracle Portal: every article is the section's page with the portlet's state in the query; the
    # <title> is the page's name, which the menu links (to the same page without that state)
    url = "http://h.vn/portal/page/portal/huyen/tintuc/tinhoatdong?p_main_news_id=5301248"
    page = _page("<table><tr><td><a href='/portal/page/portal/huyen/tintuc/tinhoatdong'>Tin hoạt động</a></td>"
                 f"<td><div class='PortletHeading1 tieu-de-tin'>{TITLE}</div>"
                 f"<div class='noi-dung-tin'>{TEXT}{TEXT}</div></td></tr></table>", title="Tin hoạt động")
    assert extract_article(page, url, family="generic").title == TITLE
    # (a <title> no link names stays the title)
    lone = _page(f"<div class='tieu-de-tin'>Tin tức khác của huyện Đức Thọ tuần này</div><div>{TEXT}{TEXT}</div>",
                 title="Tin hoạt động")
    assert extract_article(lone, url, family="generic").title == "Tin hoạt động"


def test_an_article_s_id_after_a_portlet_s_prefix_names_an_article_and_php_fusion_s_readmore_too():
    assert looks_like_article_url("http://h.vn/portal/page/portal/huyen/tintuc?p_pers_id=&p_main_news_id=5301248&p_year_sel=")
    assert looks_like_article_url("http://h.vn/news.php?readmore=1294")
    assert not looks_like_article_url("http://h.vn/portal/page/portal/huyen/tintuc?p_cat_id=12")
    assert not looks_like_article_url("http://h.vn/news.php?readmore=x")
    listing = extract_listing(
        "<html><body><ul>" + "".join(
            f"<li><a href='?p_pers_id=&p_main_news_id={n}&p_year_sel='>Hòa Vang triển khai kế hoạch sản xuất vụ {n}</a></li>"
            for n in (5301248, 5295120, 5298763)) + "</ul></body></html>",
        "http://h.vn/portal/page/portal/huyen/tintuc/tinhoatdong")
    assert listing.article_urls == [f"http://h.vn/portal/page/portal/huyen/tintuc/tinhoatdong?p_pers_id=&p_main_news_id={n}&p_year_sel="
                                    for n in (5301248, 5295120, 5298763)]


def test_a_detail_page_s_name_ending_the_trail_is_no_category():
    trail = ("<ol class='breadcrumb'><li><a href='/'>Trang chủ</a></li><li><a href='/news/'>Tin tức - Sự kiện</a></li>"
             "<li class='active'>Chi tiết tin tức</li></ol>")
    article = extract_article(_page(f"{trail}<h1>{TITLE}</h1><div class='body'>{TEXT}{TEXT}</div>"), URL, family="generic")
    assert article.category == "Tin tức - Sự kiện"


def test_a_template_s_unfilled_variable_names_no_author():
    for left in ("$URLMapContent.tacGia", "${author}", "{{ author }}"):
        line = f"<p class='news-author text-right'><strong>{left}</strong></p>"
        article = extract_article(_page(f"<h1>{TITLE}</h1><div class='body'>{TEXT}{TEXT}</div>{line}"), URL, family="generic")
        assert article.author is None, left
    named = "<p class='news-author text-right'><strong>Minh Phương</strong></p>"
    assert extract_article(_page(f"<h1>{TITLE}</h1><div class='body'>{TEXT}{TEXT}</div>{named}"), URL,
                           family="generic").author == "Minh Phương"


def test_easyblog_s_byline_and_its_day_only_date_given_the_time_of_the_page_s_structured_data():
    ld = ('<script type="application/ld+json">{"@context": "http://schema.org", "@type": "BlogPosting", '
          f'"headline": "{TITLE}", "datePublished": "2024-02-27T08:20:00+00:00"}}</script>')
    meta = ("<div class='eb-entry-meta'><time class='eb-meta-date' itemprop='datePublished' content='2024-02-27'>"
            "Thứ ba, 27 Tháng 2 2024</time><div class='eb-meta-author'><span itemprop='name'>Được viết bởi "
            "<a href='/tin-tuc/blogger/minhduc' rel='author'>Nguyễn Minh Đức</a></span></div></div>")
    article = extract_article(_page(f"<h1>{TITLE}</h1>{meta}<div class='eb-entry-article'>{TEXT}{TEXT}</div>", head=ld),
                              URL, family="generic")
    assert article.author == "Nguyễn Minh Đức"
    assert article.published == "2024-02-27T08:20:00+00:00"  # (15:20 in Vietnam; the offset stated is kept)
    # (a shown time keeps its own: the page's machine time of that day does not replace it)
    shown = meta.replace("Thứ ba, 27 Tháng 2 2024", "27/02/2024 16:45")
    assert extract_article(_page(f"<h1>{TITLE}</h1>{shown}<div class='eb-entry-article'>{TEXT}{TEXT}</div>", head=ld),
                           URL, family="generic").published == "2024-02-27T16:45:00+07:00"


def test_a_lightbox_s_original_and_a_cover_photo_above_the_headline_are_the_article_s_pictures():
    cover = (f"<div class='eb-image'><a href='/images/1179/ra-quan-trong-rung.jpg' class='eb-post-image' title='{TITLE}'>"
             f"<img src='/images/1179/b2ap3_large_ra-quan-trong-rung.jpg' alt='{TITLE}'></a></div>")
    body = (f"<div class='eb-entry-article'>{TEXT}<p style='text-align: center;'><img src='/images/1179/b2ap3_large_"
            "hoi-nghi-2024.jpg' data-popup='/images/1179/hoi-nghi-2024.jpg' alt='hoi-nghi-2024'></p>"
            f"{TEXT}</div>")
    article = extract_article(_page(f"<div class='eb-entry'>{cover}<div class='eb-entry-head'><h1>{TITLE}</h1></div>"
                                    f"{body}</div>"), URL, family="generic")
    assert [i.url for i in article.images] == ["http://h.vn/images/1179/ra-quan-trong-rung.jpg", "http://h.vn/images/1179/hoi-nghi-2024.jpg"]
    # (a picture above the headline named otherwise is not taken for its cover: a banner's)
    other = cover.replace(f"alt='{TITLE}'", "alt='Chào mừng Đại hội Đảng bộ huyện'")
    article = extract_article(_page(f"<div class='eb-entry'>{other}<div class='eb-entry-head'><h1>{TITLE}</h1></div>"
                                    f"{body}</div>"), URL, family="generic")
    assert [i.url for i in article.images] == ["http://h.vn/images/1179/hoi-nghi-2024.jpg"]


def test_a_cover_photo_s_header_text_is_no_caption():
    header = (f"<header class='article'><div class='image'><img src='/img/strava-update.jpg' alt='{TITLE}'></div>"
              f"<div class='caption'><h1 class='strapline'>Tin hoạt động</h1><h2 class='title'>{TITLE}</h2>"
              "<ul class='author'><li>Stefan Loibl</li></ul></div></header>")
    article = extract_article(_page(f"<article>{header}<div class='body'>{TEXT}{TEXT}</div></article>"), URL,
                              family="generic")
    assert [(i.url, i.caption) for i in article.images] == [("http://h.vn/img/strava-update.jpg", None)]


def test_a_file_type_s_icon_before_a_download_handler_s_link_makes_it_an_attachment():
    line = ("<p>Chi tiết xem <img class='lazy' src='/grey.gif' data-original='/images/icon_pdf.gif' width='16' height='16'> "
            "<a href='/downloads.php?download_id=15'>Thông báo số 125/TB-UBND</a> và <img src='/images/icon_doc.gif'> "
            "<a href='/downloads/mau-phieu-2018.docx'>Mẫu phiếu đăng ký</a> đính kèm.</p>")
    article = extract_article(_page(f"<h1>{TITLE}</h1><div class='body'>{TEXT}{TEXT}{line}</div>"), URL, family="generic")
    assert [(a.url, a.name) for a in article.attachments] == [
        ("http://h.vn/downloads.php?download_id=15", "Thông báo số 125/TB-UBND"),
        ("http://h.vn/downloads/mau-phieu-2018.docx", "Mẫu phiếu đăng ký")]
    assert article.body.endswith("Chi tiết xem Thông báo số 125/TB-UBND và Mẫu phiếu đăng ký đính kèm.")
    # (a handler's link after a picture of another kind is a link of the text)
    photo = line.replace("/images/icon_pdf.gif", "/images/2018/hoi-nghi.jpg")
    assert ("http://h.vn/downloads.php?download_id=15" not in
            [a.url for a in extract_article(_page(f"<h1>{TITLE}</h1><div class='body'>{TEXT}{TEXT}{photo}</div>"), URL,
                                            family="generic").attachments])


def test_a_tools_line_opening_a_photo_story_s_cell_after_its_title_and_date_is_no_text():
    # (MCMS's photo-story template: the title's <span> and its <br>, the date, the tools, a short text,
    # then the pictures in caption tables; the title taken out leaves the <br> first)
    text = ("<P>Sáng 22/12, Huyện ủy, HĐND, UBND huyện tổ chức lễ mít tinh kỷ niệm 67 năm Ngày thành lập Quân đội "
            "nhân dân Việt Nam.</P>")
    pictures = "".join(f"<table><tr><td align='center'><img src='/NR/rdonlyres/0E5D{n}/0/DSC_041{n}.JPG' width='500' "
                       f"height='333'></td></tr><tr><td align='center' class='ChuThichAnh'>Các đại biểu dự lễ số {n}</td>"
                       "</tr></table>" for n in range(3))
    cell = ("<table><tr><td class='TieuDeKhung'>TIN TỨC - SỰ KIỆN</td></tr><tr><td class='ChiTiet'>"
            "<div class='NhanTinAnh'><img src='/Images/icon_camera.gif' width='16' height='12'> PHÓNG SỰ ẢNH (3 ảnh)</div>"
            f"<span class='TieuDeTin'>{TITLE}</span><br><span class='NgayDang'>Thứ Năm, 22/12/2011</span>"
            "<div class='CongCu'><a href='javascript:void(0)'>In bài</a> | <a href='javascript:void(0)'>Gửi cho bạn bè</a>"
            f" | <a href='#top'>Về đầu trang</a></div><div class='NoiDungTin'><span>{text}{text}</span></div>{pictures}"
            "<div class='TacGia' align='right'>Tin, ảnh: <span>Lê Đức Thắng</span></div></td></tr></table>")
    article = extract_article(_page(f"<table><tr><td>Menu</td><td>{cell}</td></tr></table>"),
                              "http://h.vn/HuongSon/TinTucSuKien/Mit+tinh+ky+niem.htm", family="generic")
    assert article.body.startswith("Sáng 22/12, Huyện ủy")
    assert "In bài" not in article.body and "22/12/2011" not in article.body


def test_a_photo_credit_beside_a_caption_is_neither_text_nor_caption():
    picture = ("<dl class='img-full'><dt><img src='/dam/jcr:6db95a8c/xa-bang-tuyen-duong-hoa.jpg'></dt>"
               "<dd>Hội viên phụ nữ xã Xà Bang trồng hoa trên tuyến đường liên ấp</dd>"
               "<dd class='credit'>Ảnh: Ngọc Hân</dd></dl>")
    article = extract_article(_page(f"<h1>{TITLE}</h1><div class='body'>{TEXT}{picture}{TEXT}</div>"), URL, family="generic")
    assert [(i.url, i.caption) for i in article.images] == [
        ("http://h.vn/dam/jcr:6db95a8c/xa-bang-tuyen-duong-hoa.jpg", "Hội viên phụ nữ xã Xà Bang trồng hoa trên tuyến đường liên ấp")]
    assert "Ngọc Hân" not in article.body
    # (a line of the text naming a photographer's work stays)
    said = "<p>Ảnh: Ngọc Hân chụp trong buổi lễ được trưng bày tại nhà văn hóa ấp Liên Sơn suốt tháng 11.</p>"
    assert "Ngọc Hân chụp" in extract_article(_page(f"<h1>{TITLE}</h1><div class='body'>{TEXT}{said}{TEXT}</div>"), URL,
                                              family="generic").body


def test_a_category_set_in_capitals_is_spelt_as_the_page_s_links_spell_it():
    trail = ("<ol class='breadcrumb'><li><a href='/'>Trang chủ</a></li><li><a href='/tin-tuc/tin-tuc-su-kien'>"
             "Tin tức - Sự kiện</a></li></ol>")
    badge = "<div class='news-detail-category'><a href='/tin-tuc/tin-tuc-su-kien' class='badge'>TIN TỨC - SỰ KIỆN</a></div>"
    article = extract_article(_page(f"{trail}<article>{badge}<h1>{TITLE}</h1><div class='body'>{TEXT}{TEXT}</div>"
                                    "</article>"), URL, family="generic")
    assert article.category == "Tin tức - Sự kiện"
    # (no link spells it otherwise: the capitals stay)
    alone = trail.replace("Tin tức - Sự kiện", "Tin tức")
    assert extract_article(_page(f"{alone}<article>{badge}<h1>{TITLE}</h1><div class='body'>{TEXT}{TEXT}</div>"
                                 "</article>"), URL, family="generic").category == "TIN TỨC - SỰ KIỆN"


def test_a_term_s_description_is_its_picture_s_caption():
    picture = ("<dl class='wp-caption'><dt><img src='/uploads/2023/11/hoi-nghi-tong-ket.jpg' width='800'></dt>"
               "<dd>Quang cảnh hội nghị tổng kết công tác năm 2023</dd></dl>")
    article = extract_article(_page(f"<h1>{TITLE}</h1><div class='body'>{TEXT}{picture}{TEXT}</div>"), URL, family="generic")
    assert [(i.url, i.caption) for i in article.images] == [
        ("http://h.vn/uploads/2023/11/hoi-nghi-tong-ket.jpg", "Quang cảnh hội nghị tổng kết công tác năm 2023")]
    assert "Quang cảnh" not in article.body


def _odoo(title_meta: str, headline: str, url_slug: str) -> tuple[bytes, str]:
    page = _page(f"<section class='blog_header'><div class='o_wblog_post_title'><div id='o_wblog_post_name'>{headline}"
                 "</div><div id='o_wblog_post_subtitle'></div></div></section>"
                 "<section id='o_wblog_post_main'><div class='o_wblog_read_with_sidebar'><div id='o_wblog_post_content'>"
                 "<div class='o_post_meta'>Ngày đăng: <span>18/11/2022 16:45</span> Lượt xem: <span>1.058</span></div>"
                 f"<div class='o_wblog_post_content_field'>{TEXT}{TEXT}</div></div>"
                 "<div class='o_wblog_sidebar'>Tin đọc nhiều: 20/10/2022 (3.512 lượt xem)</div></div></section>",
                 title=title_meta, head="<meta property='article:published_time' content='2022-11-18 09:45:00'>")
    return page, f"http://h.vn/blog/tin-tuc-su-kien-2/{url_slug}"


def test_the_meta_line_inside_a_layout_named_for_its_sidebar_is_the_article_s():
    page, url = _odoo(TITLE, TITLE, "ky-hop-thu-15-hdnd-huyen-duc-tho-431")
    article = extract_article(page, url, family="generic")
    assert (article.published, article.views) == ("2022-11-18T16:45:00+07:00", 1058)


def test_an_element_named_as_the_title_that_the_address_spells_wins_over_an_seo_title():
    page, url = _odoo("Tổng kết vải thiều 2022: sản lượng 110.000 tấn, doanh thu gần 4.000 tỷ đồng",
                      "Lục Ngạn tổng kết sản xuất, tiêu thụ vải thiều năm 2022",
                      "luc-ngan-tong-ket-san-xuat-tieu-thu-vai-thieu-nam-2022-422")
    assert extract_article(page, url, family="generic").title == "Lục Ngạn tổng kết sản xuất, tiêu thụ vải thiều năm 2022"
    # (an address that spells another title: the metadata's title stays)
    page, url = _odoo("Tổng kết vải thiều 2022: sản lượng 110.000 tấn, doanh thu gần 4.000 tỷ đồng",
                      "Lục Ngạn tổng kết sản xuất, tiêu thụ vải thiều năm 2022", "bai-viet-422")
    assert extract_article(page, url, family="generic").title.startswith("Tổng kết vải thiều 2022")


def test_a_link_stating_a_document_s_type_or_file_name_is_an_attachment():
    line = ("<p><a href='/web/content/4825?unique=2c9b&amp;download=true' class='o_image' "
            "title='BC-256-UBND-tong-ket-vai-thieu-2022.pdf' data-mimetype='application/pdf'></a></p>")
    article = extract_article(_page(f"<h1>{TITLE}</h1><div class='body'>{TEXT}{TEXT}{line}</div>"), URL, family="generic")
    assert [(a.url, a.name) for a in article.attachments] == [
        ("http://h.vn/web/content/4825?unique=2c9b&download=true", "BC-256-UBND-tong-ket-vai-thieu-2022.pdf")]
    picture = line.replace("BC-256-UBND-tong-ket-vai-thieu-2022.pdf", "Ảnh hội nghị").replace("application/pdf", "image/jpeg")
    assert extract_article(_page(f"<h1>{TITLE}</h1><div class='body'>{TEXT}{TEXT}{picture}</div>"), URL,
                           family="generic").attachments == []
