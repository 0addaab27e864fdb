"""Habits of the twenty-fourth round of portals made blind (CMS Made Simple, SilverStripe, MODX,
EPiServer) and of Liferay 5.2's Journal: a page's <base>, an address of Vietnamese letters, a title
the address spells where the <title> names the section, a module's heading in capitals, an update's
date under the title, a labelled category on a line of its own, a trail ending at a short title, a
pager of the site's front script, a head's rel=next to another section, a download handler given the
file's name; each as a general rule on a small page."""
from __future__ import annotations

from scraper.extract import extract_article, extract_listing
from scraper.extract.canonical import canonical_url

TEXT = "<p>" + "Kỳ họp thứ 15 HĐND huyện khóa XX đã thông qua 12 nghị quyết quan trọng về phát triển kinh tế - xã hội. " * 3 + "</p>"
TITLE = "Kỳ họp thứ 15 HĐND huyện Đức Thọ khóa XX thông qua 12 nghị quyết"
URL = "http://h.vn/tin-tuc/ky-hop-thu-15-hdnd-huyen-duc-tho"


def _page(inside: str, title: str = TITLE, head: str = "") -> bytes:
    return (f"<html><head><title>{title}</title>{head}</head><body><div id='content'>{inside}</div>"
            "</body></html>").encode()


def test_relative_links_resolve_against_the_page_s_base():
    picture = "<p><img src='uploads/images/2023/03/hoi-nghi-01.jpg' width='800'></p><p><em>Quang cảnh hội nghị</em></p>"
    files = "<p>Tải về: <a href='uploads/files/KH-45-UBND.pdf'>Kế hoạch số 45/KH-UBND</a></p>"
    page = _page(f"<h1>{TITLE}</h1><div class='body'>{TEXT}{picture}{TEXT}{files}</div>", head="<base href='/'>")
    article = extract_article(page, "http://h.vn/news/121/56/Ky-hop-thu-15", family="generic")
    assert [i.url for i in article.images] == ["http://h.vn/uploads/images/2023/03/hoi-nghi-01.jpg"]
    assert [a.url for a in article.attachments] == ["http://h.vn/uploads/files/KH-45-UBND.pdf"]
    # (and the listing's links, as before)
    listing = extract_listing("<html><head><base href='/'></head><body><ul>" + "".join(
        f"<li><a href='tin-tuc/bai-viet-so-{n}-cua-huyen-vinh-loc.html'>Bài viết số {n} của huyện Vĩnh Lộc năm 2023</a></li>"
        for n in (1, 2, 3)) + "</ul></body></html>", "http://h.vn/chuyen-muc/tin-tuc/")
    assert listing.article_urls[0] == "http://h.vn/tin-tuc/bai-viet-so-1-cua-huyen-vinh-loc.html"


def test_an_address_of_vietnamese_letters_has_one_form():
    raw = canonical_url("/news/118/56/Hội-nghị-triển-khai", "http://h.vn/tin-tuc")
    assert raw == "http://h.vn/news/118/56/H%E1%BB%99i-ngh%E1%BB%8B-tri%E1%BB%83n-khai"
    assert canonical_url(raw) == raw
    page = _page(f"<h1>{TITLE}</h1><div class='body'>{TEXT}{TEXT}</div>",
                 head="<link rel='canonical' href='/news/118/56/Hội-nghị-triển-khai'>")
    assert extract_article(page, raw, family="generic").canonical == raw


def test_a_title_the_address_spells_where_the_page_s_title_names_its_section():
    # Liferay 5.2's asset publisher: the <title> the page's, the article's title its current tab's
    url = "http://h.vn/web/huyen/tin-tuc/-/asset_publisher/AbC1/content/ubnd-huyen-hop-phien-thuong-ky-thang-5-nam-2019"
    title = "UBND huyện họp phiên thường kỳ tháng 5 năm 2019"
    page = _page("<ul class='menu'><li><a href='/web/huyen/tin-tuc'>Tin tức - Sự kiện</a></li></ul>"
                 "<h1 class='logo'><span class='site-title'>CỔNG THÔNG TIN ĐIỆN TỬ HUYỆN CẨM KHÊ</span></h1>"
                 "<div class='portlet-title'>Tin tức - Sự kiện</div>"
                 f"<ul class='tabs'><li class='current'><span>{title}</span></li><li><a href='/web/huyen/tin-tuc'>"
                 f"« Quay lại</a></li></ul><div class='journal-content-article'>{TEXT}{TEXT}</div>",
                 title="Tin tức - Sự kiện - Huyện Cẩm Khê")
    assert extract_article(page, url, family="generic").title == title


def test_a_module_s_heading_in_capitals_is_the_section_the_menu_names():
    page = _page("<ul class='menu'><li><a href='/tin-tuc-su-kien'>Tin tức - Sự kiện</a></li></ul>"
                 "<h1 class='page-title'>TIN TỨC - SỰ KIỆN</h1>"
                 f"<div class='news-detail'><h3 id='NewsPostDetailTitle'>{TITLE}</h3>"
                 f"<div class='content'>{TEXT}{TEXT}</div></div>", title="Tin tức - Sự kiện")
    assert extract_article(page, URL, family="generic").title == TITLE


def test_an_update_s_date_under_the_title_gives_way_to_the_date_above_it():
    page = _page(f"<div class='news-detail'><div class='date'>Thứ tư, 15/03/2023 - 16:40</div><h3>{TITLE}</h3>"
                 "<div class='news-meta'>Lượt xem: 1.026 | Cập nhật: 16/03/2023 08:05</div>"
                 f"<div class='content'>{TEXT}{TEXT}</div></div>")
    assert extract_article(page, URL, family="generic").published == "2023-03-15T16:40:00+07:00"
    # (an update's date alone is the date the page gives)
    alone = _page(f"<div class='news-detail'><h3>{TITLE}</h3><div class='news-meta'>(Cập nhật: 25/1/2013 - 3:45:12 PM)"
                  f"</div><div class='content'>{TEXT}<p>Chiều ngày 24/1/2013, UBND huyện tổ chức hội nghị.</p>{TEXT}</div></div>")
    assert extract_article(alone, URL, family="generic").published == "2013-01-25T15:45:12+07:00"


def test_a_labelled_category_on_a_line_of_its_own_and_a_trail_ending_at_a_short_title():
    page = _page(f"<div class='news-detail'><h1>{TITLE}</h1><div id='NewsPostDetailCategory'>\n\t\tChuyên mục: Tin hoạt động"
                 f"\n\t</div><div class='content'>{TEXT}{TEXT}</div></div>")
    assert extract_article(page, URL, family="generic").category == "Tin hoạt động"
    trail = ("<ul class='breadcrumb'><li><a href='/'>Trang chủ</a></li><li><a href='/tin-tuc/tin-hoat-dong/'>"
             "Tin hoạt động</a></li><li>Hoài Ân nghiệm thu 5 công trình giao thông nông thôn năm nay</li></ul>")
    page = _page(f"{trail}<h1>{TITLE}</h1><div class='content'>{TEXT}{TEXT}</div>")
    assert extract_article(page, URL, family="generic").category == "Tin hoạt động"


def test_a_pager_of_the_site_s_front_script_and_a_head_s_next_link_to_another_section():
    items = "".join(f"<li><a href='/news/{n}/56/Bai-viet-so-{n}-cua-huyen-Vinh-Loc'>Bài viết số {n} của huyện Vĩnh Lộc</a></li>"
                    for n in (121, 118, 116))
    page2 = "/index.php?mact=News,mae204,default,1&amp;mae204number=3&amp;mae204pagenumber=2&amp;mae204returnid=56"
    html = (f"<html><head><link rel='next' href='/chi-dao-dieu-hanh'></head><body><ul>{items}</ul>"
            f"<div class='pager'>1&nbsp;<a href='{page2}'>2</a>&nbsp;<a href='{page2}'>&gt;</a></div></body></html>")
    listing = extract_listing(html, "http://h.vn/tin-tuc-su-kien")
    assert listing.next_pages == ["http://h.vn" + page2.replace("&amp;", "&")]
    assert "http://h.vn/chi-dao-dieu-hanh" not in listing.next_pages + listing.other_pages


def test_a_download_handler_given_the_file_s_name_is_an_attachment():
    line = ("<p>Cùng ngày, UBND huyện đã ban hành <a href='/c/document_library/get_file?p_l_id=10629&amp;folderId=230988"
            "&amp;name=DLFE-4521.pdf'>Kế hoạch số 98/KH-UBND</a> về phòng, chống bệnh dịch.</p>")
    article = extract_article(_page(f"<h1>{TITLE}</h1><div class='body'>{TEXT}{line}{TEXT}</div>"), URL, family="generic")
    assert [(a.url, a.name) for a in article.attachments] == [
        ("http://h.vn/c/document_library/get_file?p_l_id=10629&folderId=230988&name=DLFE-4521.pdf", "Kế hoạch số 98/KH-UBND")]
    other = line.replace("name=DLFE-4521.pdf", "name=ke-hoach-98")
    assert extract_article(_page(f"<h1>{TITLE}</h1><div class='body'>{TEXT}{other}{TEXT}</div>"), URL,
                           family="generic").attachments == []


def test_a_trail_parted_by_slashes_names_the_category():
    # (eZ Publish's `#path`: "Trang chủ / Tin tức - Sự kiện / Thông báo / <the title>")
    trail = ("<div id='path'><p><a href='/'>Trang chủ</a> <span class='path-separator'>/</span> <a href='/Tin-tuc'>"
             "Tin tức - Sự kiện</a> <span class='path-separator'>/</span> <a href='/Tin-tuc/Thong-bao'>Thông báo</a> "
             f"<span class='path-separator'>/</span> <span class='path-text'>{TITLE}</span></p></div>")
    article = extract_article(_page(f"{trail}<h1>{TITLE}</h1><div class='content'>{TEXT}{TEXT}</div>"), URL, family="generic")
    assert article.category == "Thông báo"


def test_an_editor_s_embedded_picture_is_the_article_s_and_a_network_s_embed_is_not():
    picture = ("<div class='object-center'><div class='content-view-embed'><div class='class-image'>"
               "<div class='attribute-image'><img src='/var/site/storage/images/tung-anh-ngay-hoi-1_imagelarge.jpg' "
               "width='550'><div class='attribute-caption'><p>Các đại biểu dự Ngày hội</p></div></div></div></div></div>")
    article = extract_article(_page(f"<h1>{TITLE}</h1><div class='attribute-long'>{TEXT}{picture}{TEXT}</div>"), URL,
                              family="generic")
    assert [(i.url, i.caption) for i in article.images] == [
        ("http://h.vn/var/site/storage/images/tung-anh-ngay-hoi-1_imagelarge.jpg", "Các đại biểu dự Ngày hội")]
    network = ("<div class='instagram-embed'><img src='/plugins/assets/cb-instagram.png'><div class='caption'>"
               "Mit dem Laden des Beitrags akzeptieren Sie die Datenschutzerklärung von Instagram.</div></div>")
    article = extract_article(_page(f"<h1>{TITLE}</h1><div class='attribute-long'>{TEXT}{network}{TEXT}</div>"), URL,
                              family="generic")
    assert article.images == [] and "Instagram" not in article.body
