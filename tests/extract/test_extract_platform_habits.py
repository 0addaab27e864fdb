"""Habits of platforms met on portals built by someone who had not read this code (WebSphere Portal,
Joomla core, a vendor's PHP portal: tests/fixtures/unseen_portals), each as a general rule on a small
page: section headings titled like the page, badges in titles, source and account bylines, cloaked
addresses, floated and titled pictures, UTC machine times, navigational state in addresses."""
from __future__ import annotations

from scraper.extract import extract_article, extract_listing
from scraper.extract.canonical import declared_canonical
from scraper.extract.listing import looks_like_article_url
from scraper.extract.article import parse_html

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
