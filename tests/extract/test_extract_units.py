"""Unit tables for the shared field rules: dates, view counts, text hygiene, captions, families."""
from __future__ import annotations

import unicodedata

import lxml.html
import pytest

from scraper.extract import extract_article
from scraper.extract.dates import parse_iso_datetime, parse_vn_datetime
from scraper.extract.families import family_names, load_family, recognise
from scraper.extract.images import best_image_url, find_images
from scraper.extract.numbers import parse_view_count
from scraper.extract.decode import decode_html
from scraper.extract.text import clean_text


@pytest.mark.parametrize("text,expected", [
    ("04/11/2022", "2022-11-04"),
    ("Cập nhật: 04/11/2022", "2022-11-04"),
    ("Thứ năm, 03/11/2022 - 2:20 CH", "2022-11-03T14:20:00+07:00"),
    ("Thứ năm, 03/11/2022 - 12:15 CH", "2022-11-03T12:15:00+07:00"),
    ("Thứ hai, 07/11/2022 - 9:05 SA", "2022-11-07T09:05:00+07:00"),
    ("Thứ hai, 07/11/2022 - 12:30 SA", "2022-11-07T00:30:00+07:00"),
    ("03/11/2022 15:30 (GMT+7)", "2022-11-03T15:30:00+07:00"),
    ("Thứ năm, 2/11/2023, 19:20 (GMT+7)", "2023-11-02T19:20:00+07:00"),
    ("Ngày 03 tháng 11 năm 2022", "2022-11-03"),
    ("Thứ Sáu, ngày 08 tháng 3 năm 2024 | 09:15", "2024-03-08T09:15:00+07:00"),
    ("03-11-2022 - 08:30", "2022-11-03T08:30:00+07:00"),
    ("03.11.2022", "2022-11-03"),
    ("Ngày đăng: 31/10/2022 16:45", "2022-10-31T16:45:00+07:00"),
    ("15:30 03/11/2022", "2022-11-03T15:30:00+07:00"),
    ("10:02:18 AM 05/03/2024", "2024-03-05T10:02:18+07:00"),
    ("05/03/2024", "2024-03-05"),  # day first: 5 March, never May 3
    ("3 tháng 11 2022", "2022-11-03"),  # no numeric pattern: dateparser with languages=['vi']
    ("2022-11-03", "2022-11-03"),
    ("", None),
    ("Lượt xem: 1599", None),
    ("31/02/2022", None),
    # two-digit years, time before the date, 12-hour times, an offset stated beside the time
    ("30/11/12", "2012-11-30"),
    ("Cập nhật: 5/3/12 08:00", "2012-03-05T08:00:00+07:00"),
    ("05.03.98", "1998-03-05"),
    ("15:20 PM | 21/12/2012", "2012-12-21T15:20:00+07:00"),
    ("Published on 03-08-2011 01:00 AM", "2011-08-03T01:00:00+07:00"),
    ("08:05 SA, 21/12/2012", "2012-12-21T08:05:00+07:00"),
    ("12:10 AM 21/12/2012", "2012-12-21T00:10:00+07:00"),
    ("03/11/2022 15:30 (GMT+2)", "2022-11-03T15:30:00+02:00"),
    ("03/11/2022 15:30 UTC", "2022-11-03T15:30:00+00:00"),
    ("Thứ ba, 02 Tháng 1 2024 09:00", "2024-01-02T09:00:00+07:00"),  # K2: month word, no "năm"
    # Joomla K2's Vietnamese date line: weekday, day, "Tháng" and the month (a number or a word), year, time
    ("Thứ hai, 08 Tháng 1 2024 08:20", "2024-01-08T08:20:00+07:00"),
    ("Thứ Hai, 08 Tháng 01 2024", "2024-01-08"),
    ("THỨ HAI, 08 THÁNG 1 2024 08:20", "2024-01-08T08:20:00+07:00"),
    ("Viết bởi Quản trị | Thứ hai, 08 Tháng 1 2024 08:20", "2024-01-08T08:20:00+07:00"),
    ("Thứ hai, 08 Tháng Một 2024 08:20", "2024-01-08T08:20:00+07:00"),
    ("Chủ nhật, 12 Tháng Giêng 2014 20:15", "2014-01-12T20:15:00+07:00"),
    ("Thứ sáu, 08 Tháng Mười Một 2013 07:45", "2013-11-08T07:45:00+07:00"),
    ("Thứ bảy, 21 Tháng Mười Hai 2013", "2013-12-21"),
    ("Ngày 8 tháng Năm năm 2024", "2024-05-08"),
    ("Thứ hai, 08 Tháng 1 24 08:20", "2024-01-08T08:20:00+07:00"),  # two-digit year
    ("Thứ hai, 08 Tháng 1 2024 08:20 CH", "2024-01-08T20:20:00+07:00"),
    ("08:20 | Thứ hai, 08 Tháng 1 2024", "2024-01-08T08:20:00+07:00"),  # time first
    ("08:20 SA, 08 Tháng Mười Hai 2023", "2023-12-08T08:20:00+07:00"),
    # a theme's modified date after the published one's time, glued on or a space apart: the time
    # is the first date's
    ("Thứ Tư, 10/07/2024 - 4:35 CH11/07/2024", "2024-07-10T16:35:00+07:00"),
    ("Thứ Tư, 10/07/2024 - 4:35 CH 11/07/2024", "2024-07-10T16:35:00+07:00"),
    ("Thứ Tư, 10/07/2024 - 4:35 CHỦ NHẬT", "2024-07-10T04:35:00+07:00"),  # a word, not "CH"
    # no day-first reading: the only one is month-first (SharePoint's en-US fields on a Vietnamese page)
    ("10/23/2019 8:15 AM", "2019-10-23T08:15:00+07:00"),
    ("3/27/2019 4:05 PM", "2019-03-27T16:05:00+07:00"),
    ("13/13/2019", None),
    ("tháng 11 năm 2022 có 30 ngày", None),  # no day: no date
    ("ngày 8 tháng 1, 15:20", None),  # no year: "15" is the hour, not a year
    # version numbers and fractions are no dates
    ("VN:F [1.9.22_1171]", None),
    ("tỷ lệ 1.2/3", None),
])
def test_parse_vn_datetime(text, expected):
    assert parse_vn_datetime(text) == expected


@pytest.mark.parametrize("text,month_first,expected", [
    ("05/03/2024", False, "2024-03-05"),
    ("05/03/2024", True, "2024-05-03"),
    ("11/08/2023 10:46 PM", True, "2023-11-08T22:46:00+07:00"),
    ("11/08/23", True, "2023-11-08"),
    ("Ngày 03 tháng 11 năm 2022", True, "2022-11-03"),  # words say which number is the month
])
def test_month_first_only_when_asked(text, month_first, expected):
    assert parse_vn_datetime(text, month_first) == expected


@pytest.mark.parametrize("text,expected", [
    ("2023-05-17T01:30:00+00:00", "2023-05-17T01:30:00+00:00"),  # the page's own offset is kept
    ("2020-06-28T23:16:15+03:00", "2020-06-28T23:16:15+03:00"),  # 28 June in Moscow, whatever Hanoi says
    ("2020-02-18T05:46:51+0300", "2020-02-18T05:46:51+03:00"),  # an offset without a colon
    ("2023-11-09T03:02:34-05:00", "2023-11-09T03:02:34-05:00"),
    ("2024-02-29T10:20:00+07:00", "2024-02-29T10:20:00+07:00"),
    ("2022-11-03T08:30:00Z", "2022-11-03T08:30:00+00:00"),
    ("2022-11-03T08:30:00.123Z", "2022-11-03T08:30:00+00:00"),
    ("2022-11-03 08:30:00", "2022-11-03T08:30:00+07:00"),  # none stated: Vietnam time
    ("2022-11-03T08:30:00", "2022-11-03T08:30:00+07:00"),
    ("2022-11-03", "2022-11-03"),
    ("not a date", None),
])
def test_parse_iso_datetime(text, expected):
    assert parse_iso_datetime(text) == expected


def _page(head: str = "", body: str = "", lang: str = "vi") -> str:
    return (f'<html lang="{lang}"><head><title>Một bài viết thử nghiệm</title>{head}</head><body>'
            f"<h1>Một bài viết thử nghiệm</h1>{body}<div class='content'>"
            + "<p>Nội dung của bài viết, đủ dài để là thân bài của trang, có dấu phẩy, và nhiều chữ.</p>" * 4
            + "</div></body></html>")


@pytest.mark.parametrize("html,url,expected", [
    # meta vocabularies, itemprop anywhere in the page, JSON-LD (even when JSON cannot read it)
    (_page('<meta property="article:published_time" content="2020-06-28T23:16:15+03:00">'), "http://h/a",
     "2020-06-28T23:16:15+03:00"),
    (_page(body='<meta itemprop="datePublished" content="2020-02-18T05:46:51+0300">'), "http://h/a",
     "2020-02-18T05:46:51+03:00"),
    (_page('<meta name="parsely-pub-date" content="2021-04-01T10:00:00Z">'), "http://h/a", "2021-04-01T10:00:00+00:00"),
    (_page('<meta name="dc.date.issued" content="2019-05-02">'), "http://h/a", "2019-05-02"),
    (_page('<script type="application/ld+json">{"@type": "LiveBlogPosting", "datePublished": '
           '"2023-11-02T06:01:00+01:00"}</script>'), "http://h/a", "2023-11-02T06:01:00+01:00"),
    (_page('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "a\nb",\n'
           '"datePublished": "2022-01-05T08:00:00+01:00",}</script>'), "http://h/a", "2022-01-05T08:00:00+01:00"),
    (_page(body='<time pubdate datetime="2018-03-01T09:00:00-05:00">1 March</time>'), "http://h/a",
     "2018-03-01T09:00:00-05:00"),
    # the day in the address beats a UTC time of that evening; agrees with a visible date of that day
    (_page('<meta property="article:published_time" content="2023-11-09T03:28:35+00:00">'),
     "http://h/2023/11/08/slug", "2023-11-08"),
    (_page(body="<p class='date'>08/11/2023 10:15</p>"), "http://h/2023/11/08/slug", "2023-11-08T10:15:00+07:00"),
    # month-first only on a page written for the US
    (_page(body="<p class='date'>11/08/2023</p>", lang="en-US"), "http://h/a", "2023-11-08"),
    (_page(body="<p class='date'>11/08/2023</p>", lang="en-GB"), "http://h/a", "2023-08-11"),
    (_page('<meta property="og:locale" content="en_US">', body="<p class='date'>11/08/2023</p>", lang="en"),
     "http://h/a", "2023-11-08"),
    # text in other languages: htmldate, where nothing else gave a date
    (_page(body="<p class='byline'>Veröffentlicht am 7. Juni 2020</p>", lang="de"), "http://h/a", "2020-06-07"),
])
def test_page_publication_date(html, url, expected):
    assert extract_article(html, url, family="generic").published == expected


def test_the_visible_date_wins_over_a_machine_date_of_another_day():
    """A portal's metadata often carries the day the page was generated; its readers see the real one."""
    html = _page('<meta property="article:published_time" content="2020-11-25T08:00:00+07:00">',
                 body="<p class='date'>Cập nhật: 19/11/2020</p>")
    article = extract_article(html, "http://h/tin-tuc/slug-123.html", family="generic")
    assert (article.published, article.published_text) == ("2020-11-19", "Cập nhật: 19/11/2020")


@pytest.mark.parametrize("text,expected", [
    ("Lượt xem: 1599 lượt xem", 1599),
    ("Lượt xem: 12.345", 12345),
    ("Số lượt xem: 2,345", 2345),
    ("Số lượt xem: 15,203", 15203),
    ("Lượt đọc: 87", 87),
    ("Đã xem: 1234", 1234),
    ("👁 1.234", 1234),
    ("👁 645", 645),
    ("1.599 lượt xem", 1599),
    ("Lượt xem: 1 234", 1234),
    ("Lượt truy cập: 1.086.452", None),
    ("Đang online: 7", None),
    ("Hôm nay: 856", None),
    ("Ngày đăng: 03/11/2022", None),
    ("", None),
])
def test_parse_view_count(text, expected):
    assert parse_view_count(text) == expected


def test_bare_view_count_only_when_asked():
    assert parse_view_count("1.599") is None
    assert parse_view_count("1.599", bare=True) == 1599


def test_clean_text_nfc_nbsp_zero_width():
    decomposed = unicodedata.normalize("NFD", "Huyện Yên Lập")
    assert clean_text(f" {decomposed}\u00a0\u00a0tổ\u200b chức\r\n ") == "Huyện Yên Lập tổ chức"
    assert clean_text("\u200b") == ""


def _cp1258(text: str) -> bytes:
    """Windows-1258 writes a Vietnamese letter as a base letter plus a combining tone mark."""
    out = b""
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            tones = "".join(c for c in parts if c in "\u0300\u0301\u0303\u0309\u0323")
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
            out += base.encode("cp1258") + tones.encode("cp1258")
    return out


@pytest.mark.parametrize("data,content_type,expected", [
    ("<meta charset='utf-8'><p>Yên Lập</p>".encode("utf-8"), None, "Yên Lập"),
    ("<p>Yên Lập</p>".encode("utf-8"), "text/html", "Yên Lập"),
    ("<p>café “quoted”</p>".encode("cp1252"), None, "café “quoted”"),
    (_cp1258("<meta http-equiv='Content-Type' content='text/html; charset=windows-1258'><p>Yên Lập</p>"),
     None, "Yên Lập"),
    ("<p>Yên Lập</p>".encode("utf-16"), None, "Yên Lập"),
    (_cp1258("<p>Yên Lập</p>"), "text/html; charset=windows-1258", "Yên Lập"),
])
def test_decode_html(data, content_type, expected):
    assert expected in clean_text(decode_html(data, content_type))


def _figure(html: str):
    return lxml.html.fragment_fromstring(f"<div>{html}</div>")


@pytest.mark.parametrize("html,expected", [
    ('<figure><img src="/a.jpg" alt="alt text"><figcaption>Chú thích</figcaption></figure>', [("/a.jpg", "Chú thích")]),
    ('<figure><img src="/a.jpg" alt="chỉ alt"></figure>', [("/a.jpg", None)]),
    ('<div class="image"><img src="/a.jpg"><div class="image-caption"><em>Ảnh A</em></div></div>', [("/a.jpg", "Ảnh A")]),
    ('<div class="image"><img src="/a.jpg"><div class="image-caption"></div></div>', [("/a.jpg", None)]),
    ('<table class="image"><tr><td><img src="/a.jpg"></td></tr><tr><td class="image_desc"><em>Bảng</em></td></tr></table>',
     [("/a.jpg", "Bảng")]),
    ('<p style="text-align:center"><img src="/a.jpg"></p><p style="text-align: center;"><em>Giữa</em></p><p>Thân bài.</p>',
     [("/a.jpg", "Giữa")]),
    ('<p><img src="/a.jpg"></p><p>Một đoạn văn bình thường, không phải chú thích.</p>', [("/a.jpg", None)]),
    ('<div style="text-align:center"><img src="/a.jpg"><br><em>Cùng khối</em></div>', [("/a.jpg", "Cùng khối")]),
    ('<p><img src="/loading.gif" data-src="/real.jpg"></p>', [("/real.jpg", None)]),
    ('<p><img src="data:image/gif;base64,R0lGOD" data-lazy-src="/wp.jpg"><noscript><img src="/wp.jpg"></noscript></p>',
     [("/wp.jpg", None)]),
    ('<p><img src="/ph.gif" srcset="/s-300x200.jpg 300w, /s.jpg 800w" class="lazy"></p>', [("/ph.gif", None)]),
    ('<p><img class="emoji" src="https://s.w.org/images/core/emoji/14.0.0/svg/1f449.svg" alt="👉">Tin</p>', []),
    ('<p><img src="/icon.png" width="16" height="16"></p>', []),
])
def test_image_caption_pairing(html, expected):
    root = _figure(html)
    found = [(f.image.url.replace("http://h", ""), f.image.caption) for f in find_images(root, "http://h/x")]
    assert found == expected


def test_alt_is_kept_apart_from_caption():
    root = _figure('<figure><img src="/a.jpg" alt="Mô tả"><figcaption>Chú thích</figcaption></figure>')
    image = find_images(root, "http://h/")[0].image
    assert (image.caption, image.alt) == ("Chú thích", "Mô tả")


def test_srcset_widest_when_src_is_placeholder():
    img = lxml.html.fragment_fromstring('<img src="/placeholder.gif" srcset="/s-300x200.jpg 300w, /s.jpg 800w">')
    assert best_image_url(img, "http://h/") == "http://h/s.jpg"


def test_families_are_data_with_detect_and_article_sections():
    names = family_names()
    for needed in ("ajax-portal", "liferay", "sharepoint", "wordpress", "phutho-aspnet", "dotnetnuke", "drupal",
                   "nukeviet", "joomla"):
        assert needed in names
    for name in names:
        data = load_family(name)
        assert {"detect", "article"} <= set(data)
        assert data["article"].get("content"), name


@pytest.mark.parametrize("html,url,expected", [
    ('<meta name="generator" content="WordPress 6.2"><div class="entry-content"></div>', "http://h/2023/05/17/a/", "wordpress"),
    ('<meta name="Generator" content="Drupal 10 (https://www.drupal.org)"><div class="field--name-body"></div>',
     "http://h/node/12", "drupal"),
    ('<meta name="generator" content="Joomla! - Open Source Content Management"><div class="item-page"></div>',
     "http://h/index.php?option=com_content&view=article&id=1", "joomla"),
    ('<meta name="generator" content="NukeViet v4.5"><div id="news-bodyhtml"></div>', "http://h/tin-tuc/a-1.html",
     "nukeviet"),
    ('<!-- DNN Platform --><div id="dnn_ContentPane"><script src="/js/dnncore.js"></script></div>',
     "http://h/tabid/57/Default.aspx", "dotnetnuke"),
    ("<html><body><p>Chỉ một đoạn văn.</p></body></html>", "http://h/a", None),
])
def test_recognise_family(html, url, expected):
    assert recognise(html, url) == expected


def test_labelled_published_date_wins_over_updated_and_related_dates():
    html = """<html><body><div class="top">Thứ Sáu, 25/11/2022</div>
    <h1>Hội nghị tổng kết công tác năm 2022 của huyện</h1>
    <div class="meta">Cập nhật: 01/11/2022 08:10 | Ngày đăng: 31/10/2022 16:45 | Lượt xem: 1.234</div>
    <div class="content"><p>Sáng 31/10, huyện tổ chức hội nghị tổng kết, đánh giá kết quả thực hiện nhiệm vụ năm 2022.</p>
    <p>Hội nghị đề ra phương hướng, nhiệm vụ năm 2023 với nhiều chỉ tiêu quan trọng về kinh tế, xã hội.</p></div>
    <div class="related"><h3>Tin liên quan</h3><ul><li><a href="/b">Tin khác</a> (20/10/2022)</li></ul></div>
    <div class="footer">Lượt truy cập: 9.999.999 Đang online: 12</div></body></html>"""
    article = extract_article(html, "http://h/a", family="generic")
    assert article.published == "2022-10-31T16:45:00+07:00"
    assert article.views == 1234
    assert article.title == "Hội nghị tổng kết công tác năm 2022 của huyện"
    assert "Tin liên quan" not in (article.body or "")


def test_author_line_at_end_of_body_is_author_not_body():
    html = """<html><body><h1>Tiêu đề bài viết về hội nghị</h1><div class="noi-dung">
    <p>Đoạn một của bài viết, đủ dài để là thân bài của trang tin điện tử huyện.</p>
    <p>Đoạn hai của bài viết, cũng đủ dài để là thân bài, có dấu phẩy, và dấu chấm.</p>
    <p style="text-align: right;"><strong>Tin, ảnh: Minh Tuấn</strong></p></div></body></html>"""
    article = extract_article(html, "http://h/a", family="generic")
    assert article.author == "Minh Tuấn"
    assert "Minh Tuấn" not in article.body


def test_body_html_is_sanitised():
    html = """<html><body><h1>Tiêu đề bài viết về hội nghị</h1><div class="entry-content">
    <p onclick="alert(1)" style="color:red">Đoạn một của bài viết, đủ dài để là thân bài của trang tin.</p>
    <script>alert(2)</script><style>p{}</style>
    <p>Đoạn hai của bài viết, <a href="/x" onmouseover="steal()">liên kết</a>, đủ dài để là thân bài.</p></div></body></html>"""
    article = extract_article(html, "http://h/a/b", family="generic")
    assert article.body_html
    for bad in ("onclick", "onmouseover", "<script", "<style", "alert(", "color:red"):
        assert bad not in article.body_html
    assert 'href="http://h/x"' in article.body_html
