"""The address a page declares as its own (rel=canonical, og:url), read conservatively, and the
print view a page links: both pure reads of one page."""
from __future__ import annotations

import pytest

from scraper.extract import extract_article, print_view
from scraper.extract.article import parse_html
from scraper.extract.print_link import print_view_link

PAGE = "http://huyen.example.gov.vn/index.php?option=com_content&id=123&utm_source=zalo"
BODY = "".join(f"<p>Đoạn {i}: Ủy ban nhân dân huyện tổ chức hội nghị tổng kết công tác năm 2023, đánh giá kết "
               "quả đạt được và đề ra nhiệm vụ năm 2024.</p>" for i in range(3))


def article(head: str, url: str = PAGE, body: str = BODY):
    html = (f"<html><head><meta charset='utf-8'><title>Hội nghị tổng kết</title>{head}</head><body>"
            f"<div class='bai'><h1>Hội nghị tổng kết công tác năm 2023</h1><div class='noi-dung'>{body}</div></div>"
            "</body></html>")
    return extract_article(html.encode(), url)


@pytest.mark.parametrize("head, expected", [
    ('<link rel="canonical" href="/tin-tuc/hoi-nghi-123.html">', "http://huyen.example.gov.vn/tin-tuc/hoi-nghi-123.html"),
    ('<meta property="og:url" content="http://huyen.example.gov.vn/tin-tuc/hoi-nghi-123.html?utm_medium=fb">',
     "http://huyen.example.gov.vn/tin-tuc/hoi-nghi-123.html"),
    # rel=canonical wins over og:url, wherever each is
    ('<meta property="og:url" content="/a-1.html"><link rel="canonical" href="/b-1.html">',
     "http://huyen.example.gov.vn/b-1.html"),
    ('<link rel="canonical" href="https://www.huyen.example.gov.vn/tin-tuc/hoi-nghi-123.html">',
     "https://www.huyen.example.gov.vn/tin-tuc/hoi-nghi-123.html"),  # the www twin, https: the same site
    ("", None),
    ('<link rel="canonical" href="https://baomoi.example.com/hoi-nghi-123.epi">', None),  # another host
    ('<link rel="canonical" href="/">', None),  # a template's home page
    ('<link rel="canonical" href="/index.php">', None),
    ('<link rel="canonical" href="javascript:void(0)">', None),
])
def test_the_declared_canonical(head, expected):
    assert article(head).canonical == expected


def test_a_canonical_naming_the_section_the_article_is_in_is_ignored():
    url = "http://huyen.example.gov.vn/tin-tuc/hoi-nghi-123.html"
    assert article('<link rel="canonical" href="/tin-tuc/">', url=url).canonical is None
    assert article('<link rel="canonical" href="/tin-tuc/hoi-nghi-123.html">', url=url + "?utm_source=x").canonical == url


def test_a_view_of_an_item_one_step_below_it_declares_the_item():
    # Plone's /view, an /amp or /print step: the item above is the article, not its section
    item = "http://huyen.example.gov.vn/tin-tuc/2022/ninh-gia-tai-canh-ca-phe"
    for step in ("view", "amp", "print"):
        assert article(f'<link rel="canonical" href="{item}">', url=f"{item}/{step}").canonical == item
    assert article('<link rel="canonical" href="/tin-tuc/2022">', url=f"{item}").canonical is None


LINKS = "http://huyen.example.gov.vn/tin-tuc/hoi-nghi-123.html"


@pytest.mark.parametrize("link, expected", [
    ('<a href="?print=1">In bài</a>', LINKS + "?print=1"),
    ('<a href="/index.php?option=com_content&amp;id=123&amp;tmpl=component&amp;print=1" rel="nofollow">'
     '<span class="icon-print"></span></a>', "http://huyen.example.gov.vn/index.php?option=com_content&id=123&tmpl=component&print=1"),
    ('<a class="btn-print" href="/Print.aspx?ItemID=123"><img src="/i/print.png"></a>',
     "http://huyen.example.gov.vn/Print.aspx?ItemID=123"),
    ('<a href="javascript:void(0)" onclick="window.open(\'/print/123\', \'in\')">Bản in</a>',
     "http://huyen.example.gov.vn/print/123"),
    ('<a href="/in-bai/123">Xem</a>', "http://huyen.example.gov.vn/in-bai/123"),
    ('<a href="#" onclick="window.print(); return false">In trang</a>', None),  # prints this page
    ('<a href="https://share.example.com/print?u=1">In bài</a>', None),  # another host
    ('<a href="/tin-tuc/blueprint-2024.html">Kế hoạch 2024</a>', None),
    ('<a href="/tin-tuc/in-an-123.html">Ngành in ấn phát triển</a>', None),
])
def test_the_print_view_link(link, expected):
    tree = parse_html(f"<html><body><h1>Hội nghị</h1><div>{link}</div></body></html>".encode())
    assert print_view_link(tree, LINKS) == expected


def test_a_print_view_is_wanted_only_where_the_page_shows_no_article():
    link = '<p><a href="?print=1">In bài</a></p>'
    empty = ("<html><head><meta charset='utf-8'></head><body><h1>Hội nghị tổng kết công tác năm 2023</h1>"
             f"<div id='noi-dung'></div><script>load(123)</script>{link}</body></html>")
    assert print_view(empty.encode(), LINKS) == LINKS + "?print=1"
    full = (f"<html><head><meta charset='utf-8'></head><body><div><h1>Hội nghị tổng kết công tác năm 2023</h1>"
            f"<div>{BODY}</div>{link}</div></body></html>")
    assert print_view(full.encode(), LINKS) is None
    assert print_view(b"<html><body><h1>Trang</h1></body></html>", LINKS) is None  # no print link at all
