"""Habits of platforms met on portals built by someone who had not read this code (WebSphere Portal,
Joomla core, a vendor's PHP portal: tests/fixtures/unseen_portals), each as a general rule on a small
page: section headings titled like the page, badges in titles, source and account bylines, cloaked
addresses, floated and titled pictures, UTC machine times, navigational state in addresses."""
from __future__ import annotations

from scraper.extract import extract_article, extract_listing
from scraper.extract.body import is_doc_link
from scraper.extract.canonical import declared_canonical
from scraper.extract.listing import looks_like_article_url
from scraper.extract.article import parse_html
from tests.conftest import FIXTURES

TEXT = "<p>" + "Đến ngày 26/2, toàn huyện đã gieo cấy được trên 2.650 ha lúa Xuân, đạt 96% kế hoạch đề ra. " * 3 + "</p>"


def _page(body: str, head: str = "", lang: str = "vi") -> bytes:
    return f"<html lang='{lang}'><head>{head}</head><body>{body}</body></html>".encode()


def test_a_section_heading_titled_like_the_page_gives_way_to_the_heading_the_address_spells():
    page = _page("<div class='wpthemeCrumbTrail' aria-label='Đường dẫn'><a href='/'>Trang chủ</a> &gt; "
                 "<a href='/tin-tuc/tin-hoat-dong'>Tin hoạt động</a></div>"
                 "<h2><span>Tin hoạt động</span></h2>"
                 "<div><h2>Nông dân Yên Thế cơ bản hoàn thành gieo cấy lúa Xuân năm 2024</h2>" + TEXT + "</div>",
                 head="<title>Tin hoạt động - Cổng thông tin điện tử huyện Yên Thế</title>")
    url = "http://h.vn/tin-tuc/tin-hoat-dong/nong-dan-yen-the-co-ban-hoan-thanh-gieo-cay-lua-xuan-2024/!ut/p/z1/04_Sj9/dz/d5/L2dB/"
    article = extract_article(page, url)
    assert article.title == "Nông dân Yên Thế cơ bản hoàn thành gieo cấy lúa Xuân năm 2024"
    assert article.category == "Tin hoạt động"


def test_a_short_title_no_link_names_stays_the_title():
    page = _page("<h1>Enterprise 2.0</h1><h2>HR Innovation in einer Enterprise 2.0 und die Personalabteilung</h2>" + TEXT,
                 head="<title>Enterprise 2.0 | Blog</title>", lang="de")
    assert extract_article(page, "http://h.de/hr-innovation-in-einer-enterprise-2-0").title == "Enterprise 2.0"


def test_a_badge_at_the_end_of_the_title_is_not_part_of_it():
    page = _page("<h1>Xã Thái Hòa đạt chuẩn nông thôn mới nâng cao năm 2023 <span class='badge'>Mới</span></h1>" + TEXT,
                 head="<meta property='og:title' content='Xã Thái Hòa đạt chuẩn nông thôn mới nâng cao năm 2023 - Cổng TTĐT'>")
    assert extract_article(page, "http://h.vn/tin/xa-thai-hoa-12412.html").title == \
        "Xã Thái Hòa đạt chuẩn nông thôn mới nâng cao năm 2023"


def test_a_source_line_closing_the_body_is_neither_body_nor_author():
    page = _page("<h1>Đại hội điểm Đảng bộ xã Yên Phú lần thứ XXV nhiệm kỳ 2025 - 2030</h1>"
                 "<div class='meta'><span class='author'>Tác giả: <b>Hoàng Thu Trang</b></span></div>"
                 "<div class='content'>" + TEXT + "<p style='text-align: right;'><em>Nguồn: Báo Tuyên Quang</em></p></div>")
    article = extract_article(page, "http://h.vn/tin/dai-hoi-12871.html")
    assert article.author == "Hoàng Thu Trang"
    assert "Nguồn" not in article.body


def test_a_reporter_s_label_is_not_part_of_the_name():
    page = _page("<h1>Hàm Yên tập trung khắc phục hậu quả mưa lũ sau bão số 3</h1><div class='content'>" + TEXT +
                 "<p style='text-align: right;'><strong>PV: Minh Anh</strong></p></div>")
    assert extract_article(page, "http://h.vn/tin/mua-lu-12655.html").author == "Minh Anh"


def test_the_cms_account_that_posted_a_page_is_no_author():
    page = _page("<h2>Nho Quan phát động Tháng hành động vì trẻ em năm 2023</h2>"
                 "<dl class='article-info'><dd class='createdby'>Viết bởi Quản trị viên</dd></dl>"
                 "<div itemprop='articleBody'>" + TEXT + "</div>")
    assert extract_article(page, "http://h.vn/index.php/tin-tuc/412-nho-quan-phat-dong").author is None


def test_a_cloaked_e_mail_address_is_read_from_its_script():
    cloak = ("<p>Mọi thông tin xin gửi qua địa chỉ email: <span id='cloakb92'>Địa chỉ email này đang được bảo vệ "
             "khỏi chương trình thu thập thư rác.</span><script type='text/javascript'>"
             "document.getElementById('cloakb92').innerHTML = '';var prefix = 'ma' + 'il' + 'to';"
             "var addyb92 = '&#108;dtbxh' + '&#64;';addyb92 = addyb92 + 'ninhbinh' + '&#46;' + 'gov' + '&#46;' + 'vn';"
             "var addy_textb92 = '&#108;dtbxh' + '&#64;' + 'ninhbinh' + '&#46;' + 'gov' + '&#46;' + 'vn';"
             "</script></p>")
    page = _page("<h1>Nho Quan phát động Tháng hành động vì trẻ em năm 2023</h1><div class='content'>" + TEXT + cloak + "</div>")
    body = extract_article(page, "http://h.vn/tin/thang-hanh-dong-412.html").body
    assert "ldtbxh@ninhbinh.gov.vn" in body and "bảo vệ" not in body


def test_a_picture_floated_into_a_paragraph_takes_no_caption_from_it():
    prose = "Nho Quan hiện có hơn 11.700 ha đất lâm nghiệp, tập trung chủ yếu tại các xã Kỳ Phú, Phú Long, " * 3
    page = _page("<h1>Nho Quan triển khai các biện pháp cấp bách phòng cháy rừng</h1><div class='content'>"
                 f"<p><img src='/images/pccc.jpg' style='float: left; margin-right: 10px;'>{prose}</p>" + TEXT + "</div>")
    article = extract_article(page, "http://h.vn/tin/pccc-rung-425.html")
    assert [(i.url, i.caption) for i in article.images] == [("http://h.vn/images/pccc.jpg", None)]
    assert "11.700 ha" in article.body


def test_joomla_s_caption_script_shows_a_titled_picture_s_title():
    page = _page("<h1>Nho Quan giao ban công tác xây dựng nông thôn mới quý II</h1><div class='content'>" + TEXT +
                 "<p><img class='caption' src='/images/giao-ban.jpg' alt='giao ban' title='Quang cảnh hội nghị giao ban'></p>"
                 + TEXT + "</div>")
    article = extract_article(page, "http://h.vn/tin/giao-ban-431.html")
    assert [i.caption for i in article.images] == ["Quang cảnh hội nghị giao ban"]


def test_a_utc_machine_time_of_the_day_a_vietnamese_page_shows_gives_its_time():
    page = _page("<h1>Nho Quan triển khai các biện pháp cấp bách phòng cháy rừng</h1>"
                 "<div class='date'>Ngày đăng: 09/06/2023</div><div class='content'>" + TEXT + "</div>",
                 head="<meta property='article:published_time' content='2023-06-08T23:40:00+00:00'>")
    assert extract_article(page, "http://h.vn/tin/pccc-425.html").published == "2023-06-09T06:40:00+07:00"


def test_navigational_state_in_an_address_hides_neither_its_article_nor_its_canonical():
    state = "/!ut/p/z1/04_Sj9CPykssy0xPLMnMz0vMAfIjo8ziPI59x4P9/dz/d5/L2dBISEvZ0FBIS9nQSEh/"
    slug = "http://h.vn/wps/portal/yenthe/tin-tuc/hoi-nghi-trien-khai-nhiem-vu-nam-2024"
    assert looks_like_article_url(slug + state)
    assert looks_like_article_url("http://h.vn/wps/portal/yenthe/tin-tuc" + state +
                                  "?1dmy&urile=wcm%3apath%3a%2Fportal%2Fyenthe%2Ftin-tuc%2Fhoi-nghi-trien-khai-nhiem-vu")
    assert not looks_like_article_url("http://h.vn/wps/portal/yenthe/tin-tuc" + state)
    tree = parse_html(_page("", head=f"<link rel='canonical' href='{slug[len('http://h.vn'):]}'>"))
    assert declared_canonical(tree, slug + state) == slug
    listing = _page("".join(f"<h3><a href='/wps/portal/yenthe/tin-tuc/{s}{state}'>{t}</a></h3>" for s, t in [
        ("hoi-nghi-trien-khai-nhiem-vu-nam-2024", "Hội nghị triển khai nhiệm vụ năm 2024 của huyện"),
        ("tap-huan-ky-thuat-trong-cay-an-qua", "Tập huấn kỹ thuật trồng cây ăn quả có múi cho nông dân")]))
    assert len(extract_listing(listing, "http://h.vn/wps/portal/yenthe/tin-tuc").article_urls) == 2


# DNN with EasyDNNnews, Liferay DXP 7.4 and a table-laid classic-ASP portal of 2012, made blind too.

MOST_READ = ("<div class='most-read'><h3 class='item-title'><a href='/tin/{slug}'>{title}</a></h3>"
             "<span class='item-date'>17/04/2024</span> <span class='item-views'>(2.104 lượt xem)</span></div>")


def test_a_family_selector_meeting_a_most_read_box_first_gives_way_to_the_article_s_own_fields():
    title = "Huyện Diễn Châu sơ kết công tác quý I, triển khai nhiệm vụ quý II năm 2024"
    page = _page(MOST_READ.format(slug="tap-huan-4225", title="Tập huấn kỹ năng số cho thành viên Tổ công nghệ số") +
                 MOST_READ.format(slug="so-ket-4218", title=title) +
                 f"<div class='article'><h1 class='item-title'>{title}</h1><span class='item-date'>15/04/2024 08:45</span>"
                 "<span class='item-views'>Lượt xem: 1.532</span><div class='item-content'>" + TEXT + "</div></div>",
                 head=f"<title>{title} - Cổng thông tin điện tử huyện Diễn Châu</title>")
    family = {"article": {"title": [".item-title"], "date": [".item-date"], "views": [".item-views"],
                          "content": [".item-content"]}}
    article = extract_article(page, "http://h.vn/tin/so-ket-4218", profile=family)
    assert (article.title, article.views, article.published) == (title, 1532, "2024-04-15T08:45:00+07:00")


def test_a_heading_for_screen_readers_and_a_section_s_titled_like_the_page_are_not_the_title():
    title = "Yên Thế tổ chức Hội nghị xúc tiến tiêu thụ sản phẩm gà đồi năm 2024"
    page = _page("<h1 class='hide-accessible'>Điều hướng</h1>"
                 "<h2 class='hide-accessible'>Tin tức - Sự kiện - Cổng thông tin điện tử huyện Yên Thế</h2>"
                 f"<h2 class='portlet-title-text'>Tin tức - Sự kiện</h2><h1>{title}</h1>" + TEXT,
                 head="<title>Tin tức - Sự kiện - Cổng thông tin điện tử huyện Yên Thế</title>"
                      f"<meta property='og:title' content='{title}'>")
    assert extract_article(page, "http://h.vn/web/yenthe/tin-tuc-su-kien?p_p_id=x&_x_assetEntryId=48213").title == title


def test_a_table_laid_page_titled_by_its_site_takes_its_title_cell_and_its_labels():
    page = _page("<table><tr><td class='path'><a href='/Default.asp'>Trang chủ</a> &gt; <a href='/ListNews.asp?CatID=1'>"
                 "Tin tức</a> &gt; <a href='/ListNews.asp?CatID=5'>Tin huyện</a></td></tr>"
                 "<tr><td class='title'><font size='3'><b>Kim Bảng ra quân làm đường giao thông nông thôn mới</b></font></td></tr>"
                 "<tr><td class='date'><i>(Cập nhật: 10/5/2012 - 12:20:07 PM)</i> | Số lần đọc: 2341</td></tr>"
                 "<tr><td class='content'>" + TEXT + "</td></tr></table>",
                 head="<title>TRANG THÔNG TIN ĐIỆN TỬ HUYỆN KIM BẢNG</title>")
    article = extract_article(page, "http://h.vn/ViewNews.asp?NewsID=1102&CatID=5")
    assert (article.title, article.published, article.views, article.category) == (
        "Kim Bảng ra quân làm đường giao thông nông thôn mới", "2012-05-10T12:20:07+07:00", 2341, "Tin huyện")


def test_a_page_titled_only_by_its_site_s_name_has_no_title():
    page = _page("<p>Microsoft VBScript runtime error '800a005e'</p>" + TEXT,
                 head="<title>Trang thông tin điện tử huyện Kim Bảng</title>")
    assert extract_article(page, "http://h.vn/ViewNews.asp?NewsID=1150").title is None


def test_a_menu_parted_by_bars_is_no_breadcrumb():
    page = _page("<div><a href='/'>Trang chủ</a> | <a href='/gioi-thieu'>Giới thiệu</a> | <a href='/lien-he'>Liên hệ</a></div>"
                 "<h1>Kim Bảng ra quân làm đường giao thông nông thôn mới</h1>" + TEXT)
    assert extract_article(page, "http://h.vn/ViewNews.asp?NewsID=1102").category is None


def test_a_count_in_its_own_span_of_a_view_counter_is_the_views():
    page = _page("<h1>Xã Đồng Tâm ra quân tổng vệ sinh môi trường hưởng ứng Ngày Chủ nhật xanh</h1>"
                 "<div class='meta'><span class='view-count ml-3'><svg class='lexicon-icon'></svg> <span class='count'>1102</span>"
                 "</span></div><div class='content'>" + TEXT + TEXT + "</div>")
    assert extract_article(page, "http://h.vn/web/yenthe/-/xa-dong-tam").views == 1102


def test_a_labelled_category_beside_the_article_wins_over_the_trail_to_its_module_s_page():
    page = _page("<div class='breadcrumb'><a href='/'>Trang chủ</a> › <a href='/tin-tuc'>Tin tức - Sự kiện</a></div>"
                 "<h1>Diễn Châu chủ động phòng, chống hạn hán, xâm nhập mặn vụ Hè Thu năm 2024</h1>"
                 "<span class='cats'>Chuyên mục: <a href='/tin-tuc/category/7'>Nông nghiệp - Nông thôn</a></span>"
                 "<div class='content'>" + TEXT + TEXT + "</div>")
    assert extract_article(page, "http://h.vn/tin-tuc/ArticleID/4221/x").category == "Nông nghiệp - Nông thôn"


def test_a_gallery_and_a_document_block_after_the_text_belong_to_the_article():
    page = _page("<div class='article'><h1>Diễn Châu chủ động phòng, chống hạn hán, xâm nhập mặn vụ Hè Thu năm 2024</h1>"
                 "<div class='content'>" + TEXT + TEXT + "</div>"
                 "<div class='gallery'><a href='/Portals/0/news/4221/kenh.jpg' title='Nạo vét kênh tưới tại xã Diễn Thành'>"
                 "<img src='/static/blank.gif' data-src='/Portals/0/news/4221/kenh.jpg'></a></div>"
                 "<div class='articleDocuments'><a href='/DesktopModules/News/DocumentDownload.ashx?articleid=4221&amp;documentid=137'"
                 " title='KH-68-UBND.pdf'>Kế hoạch số 68/KH-UBND</a></div>"
                 "<div class='related'><a href='/tin/khac-4225'><img src='/Portals/0/news/4225/thumb.jpg'></a></div></div>")
    article = extract_article(page, "http://h.vn/tin-tuc/ArticleID/4221/x")
    assert [(i.url, i.caption) for i in article.images] == [
        ("http://h.vn/Portals/0/news/4221/kenh.jpg", "Nạo vét kênh tưới tại xã Diễn Thành")]
    assert [a.url for a in article.attachments] == [
        "http://h.vn/DesktopModules/News/DocumentDownload.ashx?articleid=4221&documentid=137"]


def test_an_address_to_go_back_to_does_not_make_a_link_an_article_s():
    assert not looks_like_article_url("http://h.vn/web/yenthe/tin-tuc?p_p_id=x&_x_redirect=%2Fweb%2Fyenthe%2Ftin-tuc-su-kien-moi")


# SharePoint 2010 list forms and WordPress with Elementor, made blind too.

def test_a_list_item_s_display_form_names_its_title_author_and_category_in_its_rows():
    title = "Chủ tịch UBND huyện Yên Thế đối thoại với doanh nghiệp, hợp tác xã năm 2022"
    row = "<tr><td class='ms-formlabel'><h3>{}</h3></td><td class='ms-formbody'><!-- FieldName --> {}&nbsp;</td></tr>"
    page = _page("<h2>Tin tức - Chủ tịch UBND huyện Yên Thế đối thoại vớ...</h2><table>" +
                 row.format("Tiêu đề", title) + row.format("Chuyên mục", "<a href='/x'>Tin hoạt động</a>") +
                 row.format("Ngày đăng", "11/3/2022 2:20 PM") + row.format("Tác giả", "Hoàng Minh (Trung tâm VH-TT&amp;TT huyện)") +
                 row.format("Nội dung", "<div class='ExternalClass1'>" + TEXT + TEXT + "</div>") + "</table>",
                 head="<title>Tin tức - Chủ tịch UBND huyện Yên Thế đối thoại vớ...</title>")
    article = extract_article(page, "http://h.vn/tintuc/Lists/TinTuc/DispForm.aspx?ID=127")
    assert (article.title, article.author, article.category) == (
        title, "Hoàng Minh (Trung tâm VH-TT&TT huyện)", "Tin hoạt động")


def test_the_address_a_page_was_opened_from_is_not_part_of_an_item_s_address():
    from scraper.extract.canonical import canonical_url

    assert canonical_url("http://h.vn/tintuc/Lists/TinTuc/DispForm.aspx?ID=121&Source=%2Ftintuc%2FPages%2Fdefault%2Easpx") == \
        "http://h.vn/tintuc/Lists/TinTuc/DispForm.aspx?ID=121"
    assert canonical_url("http://h.vn/tin?id=5&source=zalo") == "http://h.vn/tin?id=5&source=zalo"  # not an address: kept


def test_a_heading_agrees_with_its_metadata_title_whatever_dashes_and_quotes_each_writes():
    page = _page("<h1>CỔNG THÔNG TIN ĐIỆN TỬ HUYỆN HẢI HẬU</h1><h3>Tin tức</h3>"
                 "<h2>Thị trấn Yên Định – điểm sáng trong thực hiện Đề án 06 và chuyển đổi số</h2>" + TEXT,
                 head="<title>Thị trấn Yên Định - điểm sáng trong thực hiện Đề án 06 và chuyển đổi số - Hải Hậu</title>")
    assert extract_article(page, "http://h.vn/thi-tran-yen-dinh/").title == \
        "Thị trấn Yên Định – điểm sáng trong thực hiện Đề án 06 và chuyển đổi số"


# One list, several address shapes (Liferay 7 writes three), beside boxes of other lists.

def _card(href: str, title: str, category: str = "") -> str:
    return (f"<div class='asset-abstract news-item'><div class='row'><div class='col-4'><a href='{href}'><img src='/t.jpg'></a></div>"
            f"<div class='col-8'><h3 class='card-title'><a href='{href}'>{title}</a></h3>{category}</div></div></div>")


def _box(css: str, links: list[tuple[str, str]]) -> str:
    items = "".join(f"<li class='mb-2'><a href='{h}'>{t}</a></li>" for h, t in links)
    return f"<div class='card box {css}'><ul class='list-unstyled card-body'>{items}</ul></div>"


def test_one_list_s_headlines_in_several_address_shapes_are_all_its_articles():
    cards = (_card("/web/yenthe/tin-tuc?p_p_id=publisher&_publisher_assetEntryId=48213&_publisher_urlTitle=yen-the-to-chuc-hoi-nghi-xuc-tien",
                   "Yên Thế tổ chức Hội nghị xúc tiến tiêu thụ sản phẩm gà đồi năm 2024")
             + _card("/w/trien-khai-ke-hoach-chuyen-doi-so-huyen-yen-the-nam-2024", "Triển khai Kế hoạch chuyển đổi số huyện Yên Thế năm 2024")
             + _card("/web/yenthe/w/tap-huan-cong-tac-phong-chong-thien-tai-nam-2024", "Tập huấn công tác phòng, chống thiên tai năm 2024"))
    most_viewed = _box("most-viewed", [("/web/yenthe/-/khai-mac-le-hoi-yen-the-nam-2024", "Khai mạc Lễ hội Yên Thế năm 2024 tại khu di tích"),
                                       ("/web/yenthe/-/xa-dong-tam-ra-quan-tong-ve-sinh-moi-truong", "Xã Đồng Tâm ra quân tổng vệ sinh môi trường")])
    page = _page(f"<div class='main'><div class='news-list'>{cards}</div></div><aside>{most_viewed}</aside>")
    urls = extract_listing(page, "http://h.vn/web/yenthe/tin-tuc", family="generic").article_urls
    assert {u.split("/", 3)[3][:12] for u in urls} >= {"web/yenthe/t", "w/trien-khai", "web/yenthe/w"}


def test_a_box_of_documents_beside_a_box_of_news_and_an_item_s_category_link_stay_out():
    news = [(f"/tin-tuc/chi-tiet/{slug}-{n}.html", title) for n, (slug, title) in enumerate([
        ("ham-yen-phat-dong-tet-trong-cay", "Hàm Yên phát động Tết trồng cây xuân Ất Tỵ"),
        ("dai-hoi-dang-bo-xa-yen-phu", "Đại hội điểm Đảng bộ xã Yên Phú lần thứ XXV"),
        ("nong-dan-thu-hoach-cam-sanh", "Nông dân phấn khởi vào vụ thu hoạch cam sành"),
    ], start=12398)]
    items = "".join(_card(h, t, "<a class='category' href='/tin-tuc/category/7/nong-nghiep-nong-thon'>Nông nghiệp - Nông thôn</a>")
                    for h, t in news)
    documents = _box("", [("/van-ban/chi-tiet/kh-215-ubnd-2023", "Kế hoạch số 215/KH-UBND triển khai nhiệm vụ năm 2024"),
                          ("/van-ban/chi-tiet/qd-1874-ubnd-2023", "Quyết định số 1874/QĐ-UBND phê duyệt kế hoạch")])
    page = _page(f"<div class='list-news'>{items}</div><aside>{_box('', news)}{documents}</aside>")
    urls = extract_listing(page, "http://h.vn/danh-muc/tin-tuc", family="generic").article_urls
    assert sorted(u[len("http://h.vn"):] for u in urls) == sorted(h for h, _ in news)


# A vendor's ASP.NET portal: the date and the count are spans inside one labelled cell.

def test_a_count_in_a_cell_after_the_date_is_read_after_its_label_not_from_the_date():
    title = "Kim Sơn sơ kết công tác quý I, triển khai nhiệm vụ trọng tâm quý II năm 2024"
    page = _page(f"<table><tr><td><span class='TieuDeTin'>{title}</span></td></tr>"
                 "<tr><td class='td-ngay'>Ngày đăng: <span id='lblNgayDang'>15/04/2024 08:45 SA</span>&nbsp;|&nbsp;"
                 "Lượt xem: <span id='lblLuotXem'>1.234</span></td></tr>"
                 f"<tr><td><span class='NoiDung'>{TEXT}{TEXT}</span></td></tr></table>",
                 head=f"<title>{title}</title>")
    article = extract_article(page, "http://h.vn/Pages/ChiTietTin.aspx?NewsID=1288&CatID=3", family="generic")
    assert (article.views, article.published) == (1234, "2024-04-15T08:45:00+07:00")


def test_a_shown_time_keeps_the_offset_the_page_states_for_the_same_minute():
    page = _page("<article><h1>City council approves the new budget for the coming year</h1>"
                 "<p class='byline'>November 18, 2019 12:02 PM</p>" + TEXT.replace("Đến", "By") + "</article>",
                 head="<meta property='article:published_time' content='2019-11-18T12:02:02-05:00'>", lang="en")
    assert extract_article(page, "http://h.com/news/city-council-budget").published == "2019-11-18T12:02:02-05:00"


def test_a_content_id_with_a_prefix_names_an_article_and_a_section_name_does_not():
    assert looks_like_article_url("http://h.vn/webcenter/portal/thangbinh/pages_tin-tuc/chi-tiet?dDocName=PORTAL471266")
    assert looks_like_article_url("http://h.vn/Pages/ChiTietTin.aspx?NewsID=1288&CatID=3")
    assert not looks_like_article_url("http://h.vn/webcenter/portal/thangbinh/pages_tin-tuc?page=2")
    assert not looks_like_article_url("http://h.vn/webcenter/portal/thangbinh/pages_tin-tuc/chi-tiet?dDocName=PORTAL")


# Drupal 7 as a district portal runs it (made blind): fields side by side with their labels.

DRUPAL_TITLE = "Chủ tịch UBND huyện đối thoại với nông dân năm 2020"


def _drupal_node(fields: str, before_body: str = "", submitted: str = "") -> bytes:
    return _page("<div id='breadcrumb'><h2 class='element-invisible'>Bạn đang ở đây</h2>"
                 "<div class='breadcrumb'><a href='/'>Trang chủ</a></div></div>"
                 f"<div class='node node-article'><h1 class='title'>{DRUPAL_TITLE}</h1>{submitted}"
                 f"<div class='content'>{before_body}<div class='field field-name-body'>{TEXT}{TEXT}</div>{fields}</div></div>",
                 head=f"<title>{DRUPAL_TITLE} | Cổng thông tin điện tử huyện Diên Khánh</title>")


def test_a_labelled_field_beside_its_value_is_the_category_and_a_trail_s_hidden_heading_is_none():
    fields = ("<div class='field field-name-field-chuyen-muc'><div class='field-label'>Chuyên mục:&nbsp;</div>"
              "<div class='field-items'><div class='field-item'><a href='/chuyen-muc/kinh-te'>Kinh tế</a></div></div></div>")
    assert extract_article(_drupal_node(fields), "http://h.vn/node/2427").category == "Kinh tế"
    assert extract_article(_drupal_node(""), "http://h.vn/node/2427").category is None


def test_a_picture_field_between_title_and_text_is_the_article_s_and_an_avatar_beside_a_name_is_not():
    field = ("<div class='field field-name-field-image'><div class='field-items'><div class='field-item'>"
             "<img src='/sites/default/files/styles/large/public/field/image/doi-thoai.jpg?itok=Hn2s' width='480'></div></div></div>")
    avatar = "<div class='user-picture'><img src='/sites/default/files/pictures/picture-3.jpg' width='480'> Ban biên tập</div>"
    images = extract_article(_drupal_node("", before_body=field), "http://h.vn/node/2427").images
    assert [i.url for i in images] == ["http://h.vn/sites/default/files/styles/large/public/field/image/doi-thoai.jpg?itok=Hn2s"]
    assert extract_article(_drupal_node("", before_body=avatar), "http://h.vn/node/2427").images == []


def test_a_month_first_date_its_own_element_states_reads_month_first_on_a_vietnamese_page():
    submitted = ("<div class='meta submitted'><span property='dc:date dc:created' content='2020-10-12T09:15:00+07:00'>"
                 "Gửi bởi bientap vào T2, 10/12/2020 - 09:15</span></div>")
    family = {"article": {"title": ["h1.title"], "date": [".submitted span"], "content": [".field-name-body"]}}
    article = extract_article(_drupal_node("", submitted=submitted), "http://h.vn/node/2388", profile=family)
    assert article.published == "2020-10-12T09:15:00+07:00"


def test_a_date_and_counter_line_opening_a_wrapper_with_the_lead_s_picture_is_not_body():
    title = "Thạch Hà sơ kết công tác chuyển đổi số quý I, triển khai nhiệm vụ quý II năm 2024"
    page = _page(f"<div class='news_column panel newsdetail'><div class='panel-body'><h1 class='title'>{title}</h1>"
                 "<div class='row newsdetailmetatop'><div class='col-md-12'><span class='time'>Thứ hai - 15/04/2024 08:45</span>"
                 "<span class='h5'>Đã xem: 1.234</span><span class='h5'>0</span></div></div>"
                 "<div class='clearfix'><figure class='article left'><div style='width:200px;'><p class='text-center'>"
                 "<img src='/uploads/news/hoi-nghi.jpg' width='200'></p><figcaption>Quang cảnh hội nghị</figcaption></div></figure>"
                 "<div class='hometext'>Chiều 12/4, Ban Chỉ đạo chuyển đổi số huyện tổ chức hội nghị sơ kết.</div></div>"
                 f"<div id='news-bodyhtml' class='bodytext'>{TEXT}{TEXT}</div></div></div>",
                 head=f"<title>{title}</title>")
    article = extract_article(page, "http://h.vn/news/chuyen-doi-so/thach-ha-so-ket-2318.html", family="generic")
    assert article.body.startswith("Chiều 12/4") and "Đã xem" not in article.body


# Oracle WebCenter Portal as a province ran it for its districts (made blind): captions in tables.

def test_pictures_side_by_side_take_their_captions_from_the_cells_below_and_a_table_s_caption_is_its_picture_s():
    title = "Thăng Bình ra quân Tháng Thanh niên năm 2023"
    grid = ("<table><tbody><tr><td><img src='/webcenter/documentContent?dDocName=P16' width='300'></td>"
            "<td><img src='/webcenter/documentContent?dDocName=P17' width='300'></td></tr>"
            "<tr><td><em>Lãnh đạo huyện trao cờ cho các đội hình</em></td><td><em>Đoàn viên ra quân dọn vệ sinh</em></td></tr>"
            "</tbody></table>")
    framed = ("<table><caption>Thương lái thu mua dưa hấu tại ruộng</caption><tbody><tr><td>"
              "<img src='/webcenter/documentContent?dDocName=P47' width='600'></td></tr></tbody></table>")
    page = _page(f"<div class='qn-news-detail'><h1>{title}</h1><div class='qn-news-content'>{TEXT}{grid}{TEXT}{framed}{TEXT}</div></div>",
                 head=f"<title>{title}</title>")
    article = extract_article(page, "http://h.vn/portal/chi-tiet?dDocName=P20", family="generic")
    assert [(i.url[-3:], i.caption) for i in article.images] == [
        ("P16", "Lãnh đạo huyện trao cờ cho các đội hình"), ("P17", "Đoàn viên ra quân dọn vệ sinh"),
        ("P47", "Thương lái thu mua dưa hấu tại ruộng")]
    assert "Đoàn viên" not in article.body and "Thương lái" not in article.body


def test_a_labelled_author_line_after_the_text_is_read_without_the_source_line_below_it():
    title = "Thạch Hà sơ kết công tác chuyển đổi số quý I năm 2024"
    page = _page(f"<div class='panel'><h1>{title}</h1><div id='news-bodyhtml'>{TEXT}{TEXT}</div>"
                 "<div class='margin-bottom-lg'><p class='h5 text-right'><strong>Tác giả: </strong>Trần Minh Hằng</p>"
                 "<p class='h5 text-right'><strong>Nguồn tin: </strong>Trung tâm Văn hóa - Truyền thông huyện</p></div></div>",
                 head=f"<title>{title}</title>")
    family = {"article": {"title": ["h1"], "content": ["#news-bodyhtml"]}}
    assert extract_article(page, "http://h.vn/news/x-2318.html", profile=family).author == "Trần Minh Hằng"


def test_a_notices_box_s_node_link_beside_the_news_list_is_an_article_to_fetch_too():
    news = "".join(f"<div class='views-row'><h2><a href='/tin-tuc/{slug}'>{title}</a></h2></div>" for slug, title in [
        ("chu-tich-ubnd-huyen-doi-thoai-voi-nong-dan-nam-2020", "Chủ tịch UBND huyện đối thoại với nông dân năm 2020"),
        ("dien-khanh-trien-khai-ke-hoach-chuyen-doi-so", "Diên Khánh triển khai Kế hoạch chuyển đổi số giai đoạn 2021 - 2025"),
        ("ky-niem-90-nam-ngay-thanh-lap-hoi-lien-hiep-phu-nu", "Kỷ niệm 90 năm Ngày thành lập Hội Liên hiệp Phụ nữ Việt Nam")])
    notices = ("<div class='block-views'><h2>Thông báo</h2><span class='field-content'><a href='/node/2419'>"
               "Thông báo tuyển dụng viên chức sự nghiệp giáo dục huyện Diên Khánh năm 2020</a></span></div>")
    listing = extract_listing(_page(f"<div class='view-content'>{news}</div><aside>{notices}</aside>"), "http://h.vn/tin-tuc",
                              family="generic")
    assert len(listing.article_urls) == 3 and listing.boxed_article_urls == ["http://h.vn/node/2419"]


def test_a_figure_s_caption_inside_the_sized_wrapper_it_holds_is_its_picture_s():
    title = "Nông dân Thạch Hà tập trung chăm sóc, phòng trừ sâu bệnh bảo vệ lúa Xuân"
    figure = ("<figure class='article left'><div style='width:200px;'><p class='text-center'>"
              "<img src='/uploads/news/phun-thuoc.jpg' width='200'></p>"
              "<figcaption>Nông dân xã Thạch Đài phun thuốc phòng bệnh</figcaption></div></figure>")
    page = _page(f"<div class='news'><h1>{title}</h1><div class='bodytext'>{figure}{TEXT}{TEXT}</div></div>",
                 head=f"<title>{title}</title>")
    article = extract_article(page, "http://h.vn/news/nong-dan-2315.html", family="generic")
    assert [(i.url, i.caption) for i in article.images] == [
        ("http://h.vn/uploads/news/phun-thuoc.jpg", "Nông dân xã Thạch Đài phun thuốc phòng bệnh")]



def test_the_full_size_copy_a_click_on_a_thumbnail_shows_is_the_picture_recognised_or_not():
    title = "Nông dân Thạch Hà tập trung chăm sóc, phòng trừ sâu bệnh bảo vệ lúa Xuân"
    caption = "Nông dân xã Thạch Đài phun thuốc phòng bệnh"
    figure = ("<div class='clearfix'><figure class='article left' onclick=\"modalShowByObj('#imgpreview');\">"
              "<div style='width:200px;'><p><img src='/assets/news/phun-thuoc.jpg'></p>"
              f"<figcaption>{caption}</figcaption></div></figure>"
              "<div id='imgpreview' style='display:none'><p><img src='/uploads/news/phun-thuoc.jpg'></p>"
              f"<figcaption>{caption}</figcaption></div></div>")
    page = _page(f"<div class='news'><h1>{title}</h1><div class='bodytext'>{figure}{TEXT}{TEXT}</div></div>",
                 head=f"<title>{title}</title>")
    for family in ("generic", {"article": {"title": ["h1"], "content": [".bodytext"]}}):
        article = extract_article(page, "http://h.vn/news/nong-dan-2315.html",
                                  **({"family": family} if isinstance(family, str) else {"profile": family}))
        assert [(i.url, i.caption) for i in article.images] == [("http://h.vn/uploads/news/phun-thuoc.jpg", caption)]
    # a click that shows a copy of another picture changes nothing
    other = page.replace(b"/uploads/news/phun-thuoc.jpg", b"/uploads/news/other.jpg")
    article = extract_article(other, "http://h.vn/news/nong-dan-2315.html", family="generic")
    assert [i.url for i in article.images] == ["http://h.vn/assets/news/phun-thuoc.jpg"]



def test_a_block_named_a_caption_after_the_picture_s_nested_wrappers_is_its_caption():
    title = "Trường TH&amp;THCS Triệu Độ đón Bằng công nhận trường đạt chuẩn quốc gia mức độ 1"
    caption = "Lãnh đạo huyện trao Bằng công nhận trường đạt chuẩn quốc gia mức độ 1"
    picture = ("<div class='field field--name-field-image'><div class='media'><div class='field__item'>"
               "<a href='/files/2024-03/trao-bang.jpg'><picture><img src='/files/styles/max_325/2024-03/trao-bang.jpg'"
               " width='325'></picture></a></div></div></div>")
    named = f"<div class='field field--name-field-chu-thich-anh'>{caption}</div>"
    for after, expected in ((named, caption), (f"<div class='field field--name-field-tom-tat'>{caption}</div>", None),
                            ("<div class='field-caption'>2:56</div>", None)):
        page = _page(f"<article><h1>{title}</h1><div class='node__content'>{picture}{after}"
                     f"<div class='field--name-body'>{TEXT}{TEXT}</div></div></article>", head=f"<title>{title}</title>")
        article = extract_article(page, "http://h.vn/tin-tuc/truong-ththcs-trieu-do", family="generic")
        assert [(i.url, i.caption) for i in article.images] == [("http://h.vn/files/2024-03/trao-bang.jpg", expected)]


# DNN 7 with a vendor's news module and Joomla 3 with K2 (made blind).

def test_a_featured_flag_inside_the_heading_is_no_part_of_the_title():
    title = "Hội nghị tổng kết sản xuất vụ Mùa năm 2022, triển khai kế hoạch sản xuất vụ Xuân năm 2023"
    page = _page(f"<div class='itemView'><h2 class='itemTitle'>{title}<span><sup>Nổi bật</sup></span></h2>"
                 f"<div class='itemFullText'>{TEXT}{TEXT}</div></div>",
                 head=f"<meta property='og:title' content='{title}'><title>{title} - Cổng thông tin điện tử huyện Hải Hậu</title>")
    assert extract_article(page, "http://h.vn/tin-tuc/item/1588-hoi-nghi.html", family="generic").title == title


def test_a_picture_block_with_its_caption_and_credit_above_the_text_is_the_article_s_picture():
    title = "Xã Hải Anh đón Bằng công nhận đạt chuẩn nông thôn mới kiểu mẫu"
    block = ("<div class='itemImageBlock'><span class='itemImage'><a href='/media/k2/items/cache/abc_XL.jpg'>"
             "<img src='/media/k2/items/cache/abc_XL.jpg' style='width:900px'></a></span>"
             "<span class='itemImageCaption'>Lãnh đạo huyện trao Bằng công nhận</span>"
             "<span class='itemImageCredits'>Ảnh: Minh Đức</span></div>")
    page = _page(f"<div class='itemView'><h2 class='itemTitle'>{title}</h2><div class='itemBody'>{block}"
                 f"<div class='itemFullText'>{TEXT}{TEXT}</div></div></div>", head=f"<title>{title}</title>")
    family = {"article": {"title": [".itemTitle"], "content": [".itemFullText"]}}
    images = extract_article(page, "http://h.vn/tin-tuc/item/1563-xa-hai-anh.html", profile=family).images
    assert [(i.url, i.caption) for i in images] == [("http://h.vn/media/k2/items/cache/abc_XL.jpg", "Lãnh đạo huyện trao Bằng công nhận")]


def test_a_module_s_own_path_line_going_on_from_the_breadcrumb_names_the_category():
    title = "Hải Lăng ra quân làm thủy lợi nội đồng vụ Hè Thu năm 2019"
    page = _page("<div id='breadcrumb'><span class='Breadcrumb'><a href='/'>Trang chủ</a> › "
                 "<a href='/tin-tuc/tabid/85/Default.aspx'>Tin tức - Sự kiện</a></span></div>"
                 f"<div class='DnnModule'><div class='news-path'><a href='/tin-tuc/tabid/85/Default.aspx'>Tin tức - Sự kiện</a> "
                 "<span class='sep'>›</span> <a href='/tin-tuc/tabid/85/CateID/3/Default.aspx'>Kinh tế</a></div>"
                 f"<span class='TitleDetail'><h1>{title}</h1></span><div class='ContentDetail'>{TEXT}{TEXT}</div>"
                 "<div class='FileDetail'><ul><li><a href='/LinkClick.aspx?fileticket=Yk3vQ8mTz1A%3d&amp;tabid=92'>"
                 "Thông báo số 38/TB-UBND</a></li></ul></div></div>",
                 head=f"<title>{title}</title>")
    article = extract_article(page, "http://h.vn/tin-tuc/tabid/85/ArticleID/4145/Default.aspx", family="generic")
    assert article.category == "Kinh tế"
    assert [a.url for a in article.attachments] == ["http://h.vn/LinkClick.aspx?fileticket=Yk3vQ8mTz1A%3d&tabid=92"]


def test_a_learned_profile_names_the_date_by_its_own_class_not_every_span_of_an_id_d_container():
    from scraper.extract import learn_profile
    pages = []
    for n, (day, other) in enumerate([("12/10/2022 16:30", "04/11/2022"), ("20/10/2022 14:05", "03/11/2022"),
                                      ("05/09/2022 10:20", "02/11/2022")]):
        title = f"Hải Hậu đẩy nhanh tiến độ cấp căn cước công dân gắn chíp đợt {n + 1} năm 2022"
        # the first span of the container is another item's date on one page only
        other_item = f"<div class='moduleItem'><span class='moduleItemDate'>{other}</span></div>" if n == 1 else ""
        html = _page(f"<div id='k2Container'>{other_item}<h2 class='itemTitle'>{title}</h2>"
                     f"<div class='itemHeader'><span class='itemDateCreated'>{day}</span></div>"
                     f"<div class='itemFullText'>{TEXT}</div></div>", head=f"<title>{title}</title>")
        pages.append((html, f"http://h.vn/tin-tuc/item/{1571 + n}-hai-hau.html"))
    profile = learn_profile([(h, u, extract_article(h, u).to_dict()) for h, u in pages], "h.vn")
    assert profile["article"]["date"][0].startswith("div.itemHeader span")


def test_a_learned_profile_names_the_body_by_its_rarest_class_not_a_wrapper_s_utility_class():
    # (Drupal 9's fields, its family file hidden: `clearfix text-formatted field field--name-body`)
    from scraper.extract import learn_profile
    field = "clearfix rich-text item"
    sidebar = f"<div class='side'><div class='{field} noi-dung'><p>Chào mừng kỷ niệm 49 năm Ngày giải phóng tỉnh</p></div></div>"
    pages = []
    for n in range(4):
        title = f"Triệu Phong tổ chức hội nghị triển khai nhiệm vụ chuyển đổi số đợt {n + 1} năm 2024"
        # a notice's labelled fields before its text, in the same wrapper, on one page only
        labelled = (f"<div class='{field} so-hieu'>Số hiệu 45/TB-UBND</div>"
                    f"<div class='{field} co-quan'>Cơ quan ban hành UBND huyện</div>") if n == 1 else ""
        text = TEXT.replace("2.650 ha", f"{2650 + n} ha") + TEXT
        html = _page(f"{sidebar}<div class='bai-viet'><h1 class='tieu-de'>{title}</h1><div class='khung clearfix'>"
                     f"{labelled}<div class='{field} noi-dung'>{text}</div></div></div>",
                     head=f"<title>{title}</title>")
        pages.append((html, f"http://h.vn/thong-bao/trieu-phong-{n}"))
    records = [extract_article(h, u).to_dict() for h, u in pages]
    profile = learn_profile([(h, u, r) for (h, u), r in zip(pages, records)], "h.vn")
    assert "noi-dung" in profile["article"]["content"][0]
    body = extract_article(pages[1][0], pages[1][1], profile=profile).body
    assert "Số hiệu" not in body and "Cơ quan ban hành" not in body and "2651 ha" in body


# A vendor's Java portal, a Liferay 6.2 theme, a SharePoint 2013 site and a WordPress theme (made blind).

def test_a_closing_line_that_only_links_a_document_gives_the_attachment():
    title = "Thông báo lịch tiếp công dân định kỳ tháng 4/2023 của Chủ tịch UBND huyện"
    for line, expected in (("<p>Chi tiết xem tại: <a href='/uploads/files/TB-89-UBND.pdf'>Thông báo số 89/TB-UBND</a></p>",
                            [("http://h.vn/uploads/files/TB-89-UBND.pdf", "Thông báo số 89/TB-UBND")]),
                           ("<p>Xem thêm: <a href='/tin-tuc/hai-hau-2830.html'>Hải Hậu đẩy mạnh thanh toán</a></p>", [])):
        page = _page(f"<div class='news-detail'><h1>{title}</h1><div class='detail-content'>{TEXT}{TEXT}{line}</div></div>",
                     head=f"<title>{title}</title>")
        article = extract_article(page, "http://h.vn/tin-tuc/thong-bao/thong-bao-2827.html", family="generic")
        assert [(a.url, a.name) for a in article.attachments] == expected


def test_a_document_library_address_naming_the_file_before_its_uuid_is_an_attachment():
    title = "Thông báo kết quả xét tuyển viên chức sự nghiệp giáo dục huyện Chiêm Hóa năm 2021"
    href = "/documents/10181/252400/125-TB-H%C4%90XT.pdf/6a4f1d2e-9c3b-4e85-a7d0-2b1c8f5e3a97"
    page = _page(f"<div class='journal-content-article'><h2>{title}</h2>{TEXT}{TEXT}"
                 f"<p>Tải về: <a href='{href}'>Thông báo số 125/TB-HĐXT</a></p></div>", head=f"<title>{title}</title>")
    article = extract_article(page, "http://h.vn/web/guest/-/asset_publisher/Hq7c/content/thong-bao", family="generic")
    assert [a.url for a in article.attachments] == ["http://h.vn" + href]
    # a folder or a page named by a uuid is none
    assert not is_doc_link("/documents/10181/252400/ke-hoach/6a4f1d2e-9c3b-4e85-a7d0-2b1c8f5e3a97")
    assert not is_doc_link("/web/guest/bao-cao.pdf/tin-tuc")


def test_a_page_builder_s_rows_after_a_separator_row_are_the_body_s_too():
    # WPBakery's rows (vc_row > vc_column > vc_column-inner > wpb_wrapper > wpb_text_column), a
    # separator row between the text's two parts, a share bar and a related list after them
    folder = FIXTURES / "unseen_portals" / "wordpress-gov"
    page = (folder / "pages" / "article-8481.html").read_bytes()
    body = extract_article(page, "http://h.vn/tin-tuc-su-kien/phu-cat-so-ket.html", family="generic").body
    assert body.startswith("Chiều ngày 09/7, UBND huyện Phù Cát tổ chức hội nghị sơ kết")
    assert body.endswith("hoàn thành vượt mức các chỉ tiêu năm 2024.") and "Bài viết liên quan" not in body


def test_a_link_around_a_thumbnail_to_the_same_picture_without_its_size_gives_the_original():
    title = "Phù Cát tuyên dương 126 học sinh giỏi, học sinh đạt thành tích cao năm học 2023 - 2024"
    base = "/wp-content/uploads/2024/06/"
    grid = ("<ul class='wpb_image_grid_ul'>" + "".join(
        f"<li><a class='prettyphoto' href='{base}hsg-{n}.jpg'><img width='150' src='{base}hsg-{n}-150x150.jpg'></a></li>"
        for n in (2, 3)) + "</ul>")
    # and a link to a smaller copy around the file itself: the file stays
    sized = f"<p><a href='{base}le-trao-1024x576.jpg'><img src='{base}le-trao.jpg' width='800'></a></p>"
    page = _page(f"<article><h1>{title}</h1><div class='entry-content'>{TEXT}{sized}{TEXT}{grid}</div></article>",
                 head=f"<title>{title}</title>")
    images = extract_article(page, "http://h.vn/tin-tuc-su-kien/phu-cat-tuyen-duong.html", family="generic").images
    assert [i.url for i in images] == ["http://h.vn" + base + n for n in ("le-trao.jpg", "hsg-2.jpg", "hsg-3.jpg")]


def test_a_list_item_s_form_names_its_title_and_a_trail_ending_at_the_form_s_file_is_no_category():
    title = "Thông báo số 215/TB-UBND về lịch tiếp công dân định kỳ của Chủ tịch UBND huyện tháng 11/2019"

    def row(label: str, value: str) -> str:
        return (f"<tr><td class='ms-formlabel'><h3 class='ms-standardheader'>{label}</h3></td>"
                f"<td class='ms-formbody'><!-- FieldName=\"{label}\" -->{value}</td></tr>")

    page = _page("<div class='bt-breadcrumb'><a href='/'>Trang chủ</a> › <a href='/Lists/ThongBao/AllItems.aspx'>Thông báo</a>"
                 " › <span>DispForm</span></div><h2 class='bt-module-title'>THÔNG BÁO</h2>"
                 "<table class='ms-formtable'>" + row("Tiêu đề", title) + row("Nội dung", f"<div class='ms-rtestate-field'>{TEXT}{TEXT}</div>")
                 + row("Ngày đăng", "10/23/2019 8:15 AM") + row("Hết hạn", "11/30/2019") + "</table>",
                 head=f"<title>Thông báo - {title}</title>")
    article = extract_article(page, "http://h.vn/Lists/ThongBao/DispForm.aspx?ID=57", family="generic")
    assert (article.title, article.category, article.published) == (title, "Thông báo", "2019-10-23T08:15:00+07:00")


def test_a_time_shown_without_its_zone_on_a_page_of_another_country_is_the_machine_date_s_instant():
    meta = "<meta property='article:published_time' content='2019-11-14T14:00:00+00:00'>"
    title = "The Future of Banking Is You're Broke and Someone Else Is Rich"
    for lang, expected in (("en", "2019-11-14T14:00:00+00:00"), ("vi", "2019-11-14T09:00:00+07:00")):
        page = _page(f"<article><h1>{title}</h1><time>11.14.2019 09:00 AM</time>{TEXT}{TEXT}</article>",
                     head=meta + f"<title>{title}</title>", lang=lang)
        assert extract_article(page, "http://h.vn/story/banking", family="generic").published == expected


def test_a_page_picture_field_with_hidden_labels_above_the_text_is_the_article_s_picture():
    title = "Bố Trạch tuyên dương học sinh giỏi, giáo viên dạy giỏi tiêu biểu năm học 2022 - 2023"
    caption = "Lãnh đạo huyện trao Giấy khen cho các em học sinh đạt giải Nhất cấp tỉnh"
    picture = ("<div class='captioned-image'><div class='image'><div style='display:none'>Hình ảnh Trang</div>"
               "<div class='ms-rtestate-field'><img alt='' src='/PublishingImages/tuyen-duong.jpg'></div></div>"
               "<div class='caption'><div style='display:none'>Chú thích Hình ảnh</div>"
               f"<div class='ms-rtestate-field'>{caption}</div></div>"
               "<div style='display: none'><img src='/counter.gif?page=87'></div></div>")
    page = _page(f"<div class='bt-article'><h1 class='bt-title'>{title}</h1>{picture}"
                 f"<div class='article-content'><div style='display:none'>Nội dung Trang</div>{TEXT}{TEXT}</div></div>",
                 head=f"<title>{title}</title>")
    images = extract_article(page, "http://h.vn/tin-tuc/Pages/tuyen-duong.aspx", family="generic").images
    assert [(i.url, i.caption) for i in images] == [("http://h.vn/PublishingImages/tuyen-duong.jpg", caption)]


def test_a_box_s_see_all_link_beside_its_headlines_is_a_list_to_walk():
    items = "".join(f"<div class='item'><a href='/tin-tuc/Pages/{slug}.aspx'>{title}</a></div>" for slug, title in (
        ("hoi-nghi-tong-ket-cong-tac-nam-2023", "Hội nghị tổng kết công tác năm 2023 và triển khai nhiệm vụ"),
        ("nong-dan-xuong-giong-vu-he-thu-2021", "Nông dân Bố Trạch khẩn trương xuống giống vụ Hè Thu 2021"),
        ("tuyen-duong-hoc-sinh-gioi-nam-hoc-2023", "Tuyên dương học sinh giỏi, giáo viên dạy giỏi năm học 2023")))
    notices = "".join(f"<li><a href='/Lists/ThongBao/DispForm.aspx?ID={n}'>{t}</a></li>" for n, t in (
        (61, "Thông báo tuyển dụng viên chức sự nghiệp giáo dục huyện năm 2019"),
        (57, "Thông báo số 215/TB-UBND về lịch tiếp công dân định kỳ tháng 11/2019")))
    page = _page(f"<div class='news'>{items}</div><div class='bt-thongbao'><h3>Thông báo</h3><ul>{notices}</ul>"
                 "<a class='bt-more' href='/Lists/ThongBao/AllItems.aspx'>Xem tất cả »</a></div>"
                 "<div class='footer'><a href='/Pages/lien-he.aspx'>Xem thêm</a></div>")
    listing = extract_listing(page, "http://h.vn/tin-tuc/Pages/default.aspx")
    assert listing.boxed_article_urls == ["http://h.vn/Lists/ThongBao/DispForm.aspx?ID=61",
                                          "http://h.vn/Lists/ThongBao/DispForm.aspx?ID=57"]
    assert listing.boxed_lists == ["http://h.vn/Lists/ThongBao/AllItems.aspx"]


def test_an_xhtml_listing_opening_with_its_xml_declaration_is_read_as_html():
    items = "".join(f"<div class='ui-datagrid-column'><a href='chi-tiet.xhtml?id={n}'>{t}</a></div>" for n, t in (
        (8463, "Mộ Đức triển khai kế hoạch chuyển đổi số năm 2019"),
        (8457, "Nông dân Mộ Đức thu hoạch lúa Đông Xuân đạt năng suất cao"),
        (8450, "Hội thi giáo viên dạy giỏi cấp tiểu học huyện Mộ Đức")))
    page = ("<?xml version='1.0' encoding='UTF-8'?>\n<!DOCTYPE html PUBLIC '-//W3C//DTD XHTML 1.0 Transitional//EN' "
            "'http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd'>\n<html xmlns='http://www.w3.org/1999/xhtml' lang='vi'>"
            f"<body><div class='ui-datagrid'>{items}</div>"
            "<a href='danh-sach.xhtml?catId=5&amp;page=2'>2</a> <a href='danh-sach.xhtml?catId=5&amp;page=2'>Sau</a></body></html>")
    listing = extract_listing(page.encode(), "http://h.vn/portal/tin-tuc/danh-sach.xhtml?catId=5",
                              content_type="text/html;charset=UTF-8")
    assert listing.article_urls == [f"http://h.vn/portal/tin-tuc/chi-tiet.xhtml?id={n}" for n in (8463, 8457, 8450)]
    assert listing.next_pages == ["http://h.vn/portal/tin-tuc/danh-sach.xhtml?catId=5&page=2"]


# DNN 9 with the 2sxc News app (made blind, with the DotNetNuke family file written for other modules).

def test_a_2sxc_news_page_s_own_category_picture_and_file_handler_link():
    title = "Lập Thạch triển khai nhiệm vụ chuyển đổi số năm 2024"
    adam = "/Portals/0/adam/News/hT3kQ9vB2EyLr7nWx0cZpA"
    ticket = "/LinkClick.aspx?fileticket=Xk3mP9qLr2w%3d&tabid=56&portalid=0&mid=412"
    page = _page("<div class='topbar'><span id='dnn_dnnCURRENTDATE_lblDate'>Thứ Tư, 20/03/2024</span></div>"
                 "<div id='dnn_dnnBREADCRUMB_lblBreadCrumb'><a href='/'>Trang chủ</a> › <a href='/tin-tuc'>Tin tức - Sự kiện</a></div>"
                 "<div class='DnnModule'><h2><span class='TitleH2'>Tin tức - Sự kiện</span></h2>"
                 f"<div class='app-news-detail'><h2 class='app-news-title'>{title}</h2><div class='app-news-meta'>"
                 "<span class='app-news-date'>Ngày đăng: 12.03.2024</span> <span class='app-news-categories'>"
                 "<a href='/tin-tuc/category/chuyen-doi-so'>Chuyển đổi số</a></span></div>"
                 f"<a class='fancybox' data-src='{adam}/Image/hoi-nghi.jpg'><picture><img src='{adam}/Image/hoi-nghi.jpg'></picture></a>"
                 f"<div class='app-news-detail-body'>{TEXT}<p>Các đơn vị bám sát <a href='{ticket}'>Kế hoạch số 38/KH-UBND</a> "
                 f"để triển khai, phấn đấu đến hết năm 2024 có trên 80% hồ sơ được xử lý trực tuyến.</p>{TEXT}</div></div></div>",
                 head=f"<title>{title}</title><meta property='article:published_time' content='2024-03-12T02:30:00Z'>")
    url = "http://h.vn/tin-tuc/details/48266/lap-thach-trien-khai-nhiem-vu-chuyen-doi-so-nam-2024"
    for family in ("generic", "dotnetnuke"):
        article = extract_article(page, url, family=family)
        assert article.category == "Chuyển đổi số"
        assert [i.url for i in article.images][:1] == [f"http://h.vn{adam}/Image/hoi-nghi.jpg"]
        assert [a.url for a in article.attachments] == ["http://h.vn" + ticket]
        # the family's `[id$=_lblDate]` meets only the header's "today": the page's own date wins
        assert article.published[:10] == "2024-03-12"
    assert extract_article(page, url, family="dotnetnuke").overruled["published"] == "Thứ Tư, 20/03/2024"


def test_cards_an_empty_link_covers_are_the_list_and_older_news_is_the_next_page():
    def card(n: int, slug: str, title: str) -> str:
        return (f"<div class='col-sm-6 sc-element'><div class='app-news-details-link'>"
                f"<a class='link-overlay' href='/tin-tuc/details/{n}/{slug}'></a><div class='app-news-img'>"
                f"<img src='/Portals/0/adam/News/{n}.jpg?w=300'></div><div class='app-news-text'>"
                f"<h3>{title}</h3><span>12.03.2024</span></div><span>Xem tiếp</span></div></div>")
    cards = "".join(card(n, s, t) for n, s, t in (
        (48266, "lap-thach-trien-khai-nhiem-vu-chuyen-doi-so-nam-2024", "Lập Thạch triển khai nhiệm vụ chuyển đổi số năm 2024"),
        (48252, "nong-dan-khan-truong-gieo-cay-lua-vu-xuan-2024", "Nông dân Lập Thạch khẩn trương gieo cấy lúa vụ Xuân 2024"),
        (48240, "khai-mac-hoi-khoe-phu-dong-lan-thu-xi", "Khai mạc Hội khỏe Phù Đổng huyện Lập Thạch lần thứ XI")))
    box = "".join(f"<li><a href='/tin-tuc/tabid/56/mid/412/details/{s}-{n}.aspx'>{t}</a> <span>Lượt xem: 1.234</span></li>"
                  for n, s, t in ((48227, "dai-bieu-hdnd-tiep-xuc-cu-tri-truoc-ky-hop", "Đại biểu HĐND tỉnh tiếp xúc cử tri trước kỳ họp"),
                                  (48213, "trao-qua-tet-cho-ho-ngheo", "Lập Thạch trao hơn 5.200 suất quà Tết cho hộ nghèo")))
    page = _page(f"<div class='noibat'><h3>Tin nổi bật</h3><ul>{box}</ul></div><div class='row'>{cards}</div>"
                 "<a class='app-news-more' href='/tin-tuc?page=2'>Xem thêm tin cũ hơn »</a>")
    listing = extract_listing(page, "http://h.vn/tin-tuc", family="generic")
    assert [u.rsplit("/", 2)[1] for u in listing.article_urls] == ["48266", "48252", "48240"]
    assert listing.next_pages == ["http://h.vn/tin-tuc?page=2"]


# NukeViet 3 (made blind, with the NukeViet family file written for 4.x).

def test_a_nukeviet3_sapo_s_pictures_author_line_and_an_other_item_s_date_after_the_text():
    title = "Thọ Xuân hoàn thành gieo trồng 4.280 ha cây vụ đông"
    sapo = ("<div id='hometext' class='hometext'><div id='imghome' class='fl' style='width:100px'>"
            "<a href='/uploads/news/2018_12/ngo-dong.jpg' rel='shadowbox'><img src='/files/news/thumb/ngo-dong.jpg' width='100'></a>"
            "<p><em>Nông dân xã Xuân Lập chăm sóc ngô đông</em></p></div>"
            "<h2>Đến giữa tháng 12/2018, toàn huyện Thọ Xuân đã gieo trồng được 4.280 ha cây vụ đông, đạt 101,9% kế hoạch.</h2></div>")
    others = "<div class='other'><h3>Các tin khác</h3><ul><li><a href='/news/a-1840.html'>Tin khác</a> <span class='date'>(23/11/2018)</span></li></ul></div>"
    page = _page(f"<div class='news_column'><h1>{title}</h1><span class='small'>Đăng lúc: Thứ hai - 17/12/2018 09:05 | Đã xem: 856</span>"
                 f"{sapo}<div id='bodytext' class='bodytext'>{TEXT}{TEXT}</div>"
                 "<div class='aright source'><strong>Tác giả bài viết: </strong>Lê Hằng<br/>"
                 f"<strong>Nguồn tin: </strong>Trung tâm VH-TT&amp;TT huyện Thọ Xuân</div>{others}</div>",
                 head=f"<title>{title}</title>")
    for family in ("generic", "nukeviet"):
        article = extract_article(page, "http://h.vn/news/Kinh-te/Tho-Xuan-hoan-thanh-1851.html", family=family)
        assert [(i.url, i.caption) for i in article.images] == [
            ("http://h.vn/uploads/news/2018_12/ngo-dong.jpg", "Nông dân xã Xuân Lập chăm sóc ngô đông")]
        assert article.body.startswith("Đến giữa tháng 12/2018") and "chăm sóc ngô đông" not in article.body
        assert article.author == "Lê Hằng"
        assert article.published == "2018-12-17T09:05:00+07:00"


# Blogger (made blind): a commune youth union's news blog.

def test_a_blogger_post_s_title_hatom_date_and_download_line():
    title = "Hội nghị Ban Chấp hành Huyện đoàn Cẩm Khê lần thứ 8, khóa XXIV"
    page = _page("<div class='date-outer'><h2 class='date-header'><span>Thứ Ba, 19 tháng 11, 2019</span></h2>"
                 f"<div class='post hentry'><h3 class='post-title entry-title'>{title}</h3>"
                 f"<div class='post-body entry-content'>{TEXT[3:-4]}<br /><br />{TEXT[3:-4]}<br />"
                 "<b>Tải về:</b> <a href='/site/van-ban/CT-45-HDCK.pdf?attredirects=0&amp;d=1'>Chương trình công tác Đoàn năm 2020</a><br /></div>"
                 "<div class='post-footer'>Đăng bởi <span class='fn'>Huyện đoàn Cẩm Khê</span> vào lúc "
                 "<abbr class='published' title='2019-11-19T18:30:00-08:00'>6:30 CH</abbr></div></div></div>",
                 head=f"<title>Tuổi trẻ Cẩm Khê: {title}</title><meta property='og:title' content='Tuổi trẻ Cẩm Khê: {title}'>")
    article = extract_article(page, "http://h.vn/2019/11/hoi-nghi-ban-chap-hanh-huyen-oan-cam.html", family="generic")
    assert article.title == title
    assert article.published == "2019-11-19T18:30:00-08:00"  # the instant the page states, with its offset
    assert "Tải về" not in article.body and "Chương trình công tác" not in article.body
    assert [a.name for a in article.attachments] == ["Chương trình công tác Đoàn năm 2020"]


def test_a_gallery_slider_inside_the_text_gives_the_originals_its_links_open_with_their_titles():
    title = "Nông dân xã Minh Xuân thu hoạch quế vụ thu"
    base = "/wp-content/uploads/2023/09/que-"
    cells = "".join(
        f"<div class='gallery-col col'><div class='col-inner'><a class='image-lightbox lightbox-gallery' href='{base}{n}.jpg'"
        f" title='{t}'><div class='box gallery-box'><div class='box-image'><img width='300' src='data:image/svg+xml,x'"
        f" data-src='{base}{n}-300x200.jpg'></div><div class='box-text'><p>{t}</p></div></div></a></div></div>"
        for n, t in ((2, "Người dân thôn Làng Mạ bóc vỏ quế"), (3, "Phơi quế trên sân hợp tác xã")))
    slider = f"<div class='row large-columns-3 slider row-slider slider-nav-reveal slider-nav-push'>{cells}</div>"
    page = _page(f"<article><h1 class='entry-title'>{title}</h1><div class='entry-content'>{TEXT}{slider}{TEXT}</div></article>",
                 head=f"<title>{title}</title>")
    article = extract_article(page, "http://h.vn/nong-dan-xa-minh-xuan-thu-hoach-que-vu-thu/", family="generic")
    assert [(i.url, i.caption) for i in article.images] == [
        (f"http://h.vn{base}2.jpg", "Người dân thôn Làng Mạ bóc vỏ quế"), (f"http://h.vn{base}3.jpg", "Phơi quế trên sân hợp tác xã")]
    assert "bóc vỏ quế" not in article.body


def test_cards_a_link_wraps_whole_are_headlines_whatever_the_body_s_classes_say():
    cards = "".join(
        f"<div class='col post-item'><div class='col-inner'><a href='/{slug}/' class='plain'><div class='box-image'>"
        f"<img src='/wp-content/uploads/{slug}-300x200.jpg'></div><div class='box-text'><h5 class='post-title'>{title}</h5>"
        f"<p class='from_the_blog_excerpt'>Sáng 15/9, UBND huyện Lục Yên tổ chức hội nghị [...]</p></div>"
        "<div class='badge post-date'><span>18</span><br><span>Th9</span></div></a></div></div>"
        for slug, title in (("luc-yen-ra-mat-to-cong-nghe-so-cong-dong", "Lục Yên ra mắt Tổ công nghệ số cộng đồng tại 24 xã"),
                            ("nong-dan-xa-minh-xuan-thu-hoach-que-vu-thu", "Nông dân xã Minh Xuân thu hoạch quế vụ thu"),
                            ("truong-thcs-tan-linh-to-chuc-le-khai-giang", "Trường THCS Tân Lĩnh tổ chức lễ khai giảng")))
    page = (f"<html lang='vi'><body class='archive category nav-dropdown-has-arrow'><main><div class='blog-archive'>"
            f"<div class='row row-masonry'>{cards}</div></div></main></body></html>").encode()
    listing = extract_listing(page, "http://h.vn/chuyen-muc/tin-tuc-su-kien/", family="generic")
    assert [u.split("/")[3] for u in listing.article_urls] == [
        "luc-yen-ra-mat-to-cong-nghe-so-cong-dong", "nong-dan-xa-minh-xuan-thu-hoach-que-vu-thu",
        "truong-thcs-tan-linh-to-chuc-le-khai-giang"]


def test_the_name_s_own_element_inside_a_byline_named_for_the_author_is_the_author():
    title = "UBND huyện họp phiên thường kỳ tháng 5 năm 2022"
    for meta, expected in (
            ("<span class='sfnewsDate'>13/05/2022 16:30 CH</span> | Đăng bởi: <span class='sfnewsAuthor'>Nguyễn Thu Hương</span>"
             " | <span class='sfnewsViews'>Lượt xem: 1.245</span>", "Nguyễn Thu Hương"),
            # the name's element inside a line named for the author: the name, not the line
            ("<span class='byline'>13/05/2022 | <span class='author'>Thu Hương</span></span>", "Thu Hương")):
        page = _page(f"<div class='sf-news-item'><h1 class='sfnewsTitle'>{title}</h1>"
                     f"<div class='sfnewsAuthorAndDate'>{meta}</div><div class='sf-Long-text'>{TEXT}{TEXT}</div></div>",
                     head=f"<title>{title}</title>")
        assert extract_article(page, "http://h.vn/tin-tuc/2022/05/13/ubnd-huyen-hop", family="generic").author == expected


# Joomla 1.5 (made blind): a table-laid portal never upgraded.

def test_a_joomla15_table_s_byline_date_and_update_rows_and_a_trail_beside_the_header_date():
    title = "Hàm Yên: Thu hoạch cam sành vụ 2018 - 2019"
    trail = ("<table><tr><td id='pathway'><table><tr><td><span class='breadcrumbs pathway'><a href='/' class='pathway'>"
             "Trang chủ</a> <img src='/arrow.png'> <a href='/tin-tuc.html' class='pathway'>Tin tức - Sự kiện</a></span></td>"
             "<td align='right' class='ngaythang'>Thứ năm, 05 Tháng 12 2024</td></tr></table></td></tr></table>")
    body = ("<table class='contentpaneopen'><tr><td><span><a href='/thong-tin.html'>Thông tin tuyên truyền</a> - </span>"
            "<span><a href='/tin-tuc.html'>Tin tức - Sự kiện</a></span></td></tr>"
            "<tr><td valign='top'><span class='small'>Viết bởi Thanh Hà</span>&nbsp;&nbsp;"
            "<span class='small hits'>Lượt xem: 3078</span></td></tr>"
            "<tr><td valign='top' class='createdate'>Thứ bảy, 15 Tháng 12 2018 16:30</td></tr>"
            f"<tr><td valign='top'>{TEXT}{TEXT}</td></tr>"
            "<tr><td class='modifydate'>Lần cập nhật cuối ( Thứ hai, 17 Tháng 12 2018 10:12 )</td></tr></table>")
    page = _page(f"{trail}<table class='contentpaneopen'><tr><td class='contentheading'>{title}</td></tr></table>{body}",
                 head=f"<title>{title}</title>")
    article = extract_article(page, "http://h.vn/tin-tuc/1305-ham-yen-thu-hoach-cam-sanh-vu-2018-2019.html", family="generic")
    assert (article.author, article.category, article.published) == ("Thanh Hà", "Tin tức - Sự kiện", "2018-12-15T16:30:00+07:00")
    assert article.body.startswith("Đến ngày 26/2") and "Lần cập nhật cuối" not in article.body and "Viết bởi" not in article.body


# WordPress with tagDiv's Newspaper theme, Drupal 10 with Olivero, a CodeIgniter portal (made blind).

def test_a_newspaper_theme_s_featured_image_caption_ad_block_and_login_name():
    title = "Đức Thọ triển khai nhiệm vụ chuyển đổi số năm 2023"
    base = "/wp-content/uploads/2023/03/hoi-nghi-cds"
    page = _page(f"<article><h1 class='entry-title'>{title}</h1><div class='td-post-author-name'>"
                 "<a href='/author/quantri/'>quantri</a></div><div class='td-post-content tagdiv-type'>"
                 f"<div class='td-post-featured-image'><a href='{base}.jpg' data-caption='Quang cảnh hội nghị'>"
                 f"<img class='entry-thumb td-modal-image' src='{base}-696x464.jpg' width='696'></a></div>{TEXT}"
                 "<div class='td-a-rec'><span class='td-adspot-title'>- Thông tin tuyên truyền -</span>"
                 "<a href='https://chuyendoiso.hatinh.gov.vn/'><img src='/wp-content/uploads/2022/05/banner-chuyen-doi-so.jpg'></a></div>"
                 f"{TEXT}</div></article>", head=f"<title>{title}</title>")
    article = extract_article(page, "http://h.vn/duc-tho-trien-khai-nhiem-vu-chuyen-doi-so-nam-2023/", family="generic")
    assert [(i.url, i.caption) for i in article.images] == [(f"http://h.vn{base}.jpg", "Quang cảnh hội nghị")]
    assert "Thông tin tuyên truyền" not in article.body and article.author is None


def test_a_hero_picture_inside_the_page_s_layout_grid_named_sidebar_grid_is_the_article_s():
    # Drupal 10's Olivero: the page's title block above the node, the node in `div.sidebar-grid`
    folder = FIXTURES / "unseen_portals" / "drupal10"
    page = next((folder / "pages").glob("*1245*.html")).read_bytes()
    article = extract_article(page, "http://h.vn/tin-tuc/chuyen-doi-so/cam-lo-trien-khai", family="generic")
    assert article.images[0].url == "http://h.vn/sites/default/files/styles/wide/public/2024-03/hoi-nghi-cds-2024.jpg?itok=Xq3b9LmZ"


def test_a_learned_profile_never_names_the_date_by_a_link():
    # (Drupal 10's file field `span.file a`, "...ngày 05/03/2024.pdf", took the date of two pages)
    import json
    from scraper.extract import learn_profile

    folder = FIXTURES / "unseen_portals" / "drupal10"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    pages = []
    for path in sorted((folder / "expected").glob("*.json")):
        route = json.loads(path.read_text(encoding="utf-8"))["path"]
        html = (folder / "pages" / manifest["routes"][route]["file"]).read_bytes()
        pages.append((html, "http://127.0.0.1:8000" + route))
    profile = learn_profile([(h, u, extract_article(h, u, family="generic").to_dict()) for h, u in pages], "127.0.0.1")
    assert not any(css.split()[-1].split(".")[0] == "a" for css in profile["article"].get("date", []))
