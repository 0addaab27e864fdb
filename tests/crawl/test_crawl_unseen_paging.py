"""Unseen portals' pagers: "Trang sau", "Tiếp", "»", "›", icon links, "Xem thêm", page numbers in
a <select>, `?page=N`, `/page/N/`, `trang-N.html`. Each is read from a listing (pure) and walked
end to end by a crawl of a small portal served on 127.0.0.1."""
from __future__ import annotations

import json

import pytest

from scraper.extract.listing import extract_listing
from scraper.sample.server import serve_portal
from tests.crawl_support import article_html, crawl, export, page_html, path_of

BASE = "http://127.0.0.1:8000"


def _page(body: str, title: str = "Tin tức") -> str:
    return f"<html><head><meta charset='utf-8'><title>{title}</title></head><body>{body}</body></html>"


def _items(n: int = 5, start: int = 1) -> str:
    return "".join(f'<h3><a href="/tin-tuc/ubnd-huyen-to-chuc-hoi-nghi-so-ket-cong-tac-{i}.html">'
                   f"UBND huyện tổ chức hội nghị sơ kết công tác số {i}</a></h3>" for i in range(start, start + n))


def _options(urls: list[str], selected: int = 1) -> str:
    return "".join(f'<option value="{u}"{" selected" if i == selected else ""}>Trang {i}</option>'
                   for i, u in enumerate(urls, start=1))


@pytest.mark.parametrize("pager, url, expected_next", [
    ('<a href="/tin-tuc?page=2">Tiếp</a>', "/tin-tuc", "/tin-tuc?page=2"),
    ('<a href="/tin-tuc?page=2">Trang sau »</a>', "/tin-tuc", "/tin-tuc?page=2"),
    ('<a href="/tin-tuc?page=2">»</a>', "/tin-tuc", "/tin-tuc?page=2"),
    ('<a href="/tin-tuc?page=1">‹</a><a href="/tin-tuc?page=3">›</a>', "/tin-tuc?page=2", "/tin-tuc?page=3"),
    ('<a href="/tin-tuc?page=2">&gt;&gt;</a>', "/tin-tuc", "/tin-tuc?page=2"),
    ('<a href="/tin-tuc?page=2">[2]</a><a href="/tin-tuc?page=3">[3]</a>', "/tin-tuc", "/tin-tuc?page=2"),
    ('<a href="/tin-tuc/">1</a><a href="/tin-tuc/page/3/">3</a>', "/tin-tuc/page/2/", "/tin-tuc/page/3/"),
    # trang-N.html, under the listing's folder or beside it
    ('<a href="/tin-tuc/trang-2.html">2</a><a href="/tin-tuc/trang-3.html">3</a>', "/tin-tuc.html", "/tin-tuc/trang-2.html"),
    ('<a href="/tin-tuc/trang-1.html">1</a><a href="/tin-tuc/trang-3.html">3</a>', "/tin-tuc/trang-2.html", "/tin-tuc/trang-3.html"),
    ('<a href="/tin-tuc/trang-3.html">»</a>', "/tin-tuc/trang-2.html", "/tin-tuc/trang-3.html"),
    ('<a href="/tin-tuc-trang-2.html">2</a>', "/tin-tuc.html", "/tin-tuc-trang-2.html"),
    # icon links, "load more" links shaped like a page
    ('<a href="/tin-tuc?page=2"><img src="/img/next.png" alt="Trang sau"></a>', "/tin-tuc", "/tin-tuc?page=2"),
    ('<a href="/tin-tuc?page=2" aria-label="Next"><span>&raquo;</span></a>', "/tin-tuc", "/tin-tuc?page=2"),
    ('<a href="/tin-tuc?page=2">Xem thêm</a>', "/tin-tuc", "/tin-tuc?page=2"),
    ('<a href="/chuyen-muc/van-hoa">Xem thêm</a>', "/tin-tuc", None),
    # page numbers in a <select>: option values are URLs, or numbers the script or form appends
    ('<select onchange="location.href=this.value">' + _options(["/tin-tuc?page=1", "/tin-tuc?page=2", "/tin-tuc?page=3"]) + "</select>",
     "/tin-tuc", "/tin-tuc?page=2"),
    ('<select onchange="location=this.value">' + _options(["/tin-tuc?page=1", "/tin-tuc?page=2", "/tin-tuc?page=3"], 2) + "</select>",
     "/tin-tuc?page=2", "/tin-tuc?page=3"),
    ("<select onchange=\"window.location='/tin-tuc?page='+this.value\"><option value='1'>1</option><option value='2'>2</option></select>",
     "/tin-tuc", "/tin-tuc?page=2"),
    ('<form action="/tin-tuc" method="get"><select name="page"><option value="1">1</option><option value="2">2</option></select></form>',
     "/tin-tuc", "/tin-tuc?page=2"),
    # item offsets (Joomla's start=, limitstart=): the next larger offset, whatever the labels say
    ('<a href="/tin-tuc">1</a><span>2</span><a href="/tin-tuc?start=20">3</a><a href="/tin-tuc?start=30">4</a>',
     "/tin-tuc?start=10", "/tin-tuc?start=20"),
    ('<a href="/tin-tuc?limitstart=0">1</a><span>2</span><a href="/tin-tuc?limitstart=20">3</a>',
     "/tin-tuc?limitstart=10", "/tin-tuc?limitstart=20"),
    ('<a href="/tin-tuc/PageIndex/1">1</a><span>2</span><a href="/tin-tuc/PageIndex/3">3</a>', "/tin-tuc/PageIndex/2",
     "/tin-tuc/PageIndex/3"),
    ('<a href="/tin-tuc.aspx?p=3&cat=5">3</a>', "/tin-tuc.aspx?cat=5&p=2", "/tin-tuc.aspx?p=3&cat=5"),
    ('<a href="/tin-tuc?page=2">Trang tiếp theo</a>', "/tin-tuc", "/tin-tuc?page=2"),
    # icon fonts: a right chevron is the next page, a double one the last
    ('<a class="page-link" href="/tin-tuc?page=2"><i class="fa fa-chevron-right"></i></a>', "/tin-tuc", "/tin-tuc?page=2"),
    ('<a href="/tin-tuc?page=2"><i class="fa fa-angle-right"></i></a><a href="/tin-tuc?page=9"><i class="fa fa-angle-double-right"></i></a>',
     "/tin-tuc", "/tin-tuc?page=2"),
    ('<a href="/gioi-thieu"><i class="fa fa-chevron-right"></i></a>', "/tin-tuc", None),
    # a pager drawn by script: the head's <link rel="next"> still says where page 3 is
    ('<link rel="prev" href="/tin-tuc?page=1"><link rel="next" href="/tin-tuc?page=3"><button onclick="go(3)">3</button>',
     "/tin-tuc?page=2", "/tin-tuc?page=3"),
    ('<a href="/tin-tuc?page=1">Trang 1</a><a href="/tin-tuc?page=3">Trang 3</a>', "/tin-tuc?page=2", "/tin-tuc?page=3"),
    # a year picker is no pager
    ("<select onchange=\"location='/tin-tuc?nam='+this.value\"><option value='2024'>2024</option><option value='2023'>2023</option></select>",
     "/tin-tuc", None),
])
def test_unseen_pagers(pager, url, expected_next):
    listing = extract_listing(_page(_items() + f'<div class="pager">{pager}</div>'), BASE + url, family="generic")
    assert listing.next_pages == ([BASE + expected_next] if expected_next else [])
    assert len(listing.article_urls) == 5


# ---------------------------------------------------------------- crawls

_ARTICLES_PER_PAGE = 3
_PAGES = 3


def _pager_html(style: str, urls: list[str], k: int) -> str:
    """The pager of listing page k (0-based) in one style."""
    nxt = urls[k + 1] if k + 1 < len(urls) else None
    if style == "select":
        return '<select class="chon-trang" onchange="location.href=this.value">' + _options(urls, k + 1) + "</select>"
    if style == "select-number":
        opts = "".join(f'<option value="{i}">{i}</option>' for i in range(1, len(urls) + 1))
        return f"<select onchange=\"window.location.href='/tin-tuc?page=' + this.value\">{opts}</select>"
    if style in ("numbers", "offsets"):
        return "".join(f"<span>{i}</span>" if i == k + 1 else f'<a href="{u}">{i}</a>' for i, u in enumerate(urls, start=1))
    label = {"tiep": "Tiếp", "raquo": "»", "rsaquo": "›", "icon": '<img src="/img/next.png" alt="Trang sau">',
             "chevron": '<i class="fa fa-chevron-right"></i>'}[style]
    return f'<a href="{nxt}">{label}</a>' if nxt else ""


_STYLES = {  # style: listing URLs, page 1 first
    "select": ["/tin-tuc", "/tin-tuc?page=2", "/tin-tuc?page=3"],
    "select-number": ["/tin-tuc", "/tin-tuc?page=2", "/tin-tuc?page=3"],
    "numbers": ["/tin-tuc.html", "/tin-tuc/trang-2.html", "/tin-tuc/trang-3.html"],
    "tiep": ["/tin-tuc", "/tin-tuc?trang=2", "/tin-tuc?trang=3"],
    "raquo": ["/tin-tuc/", "/tin-tuc/page/2/", "/tin-tuc/page/3/"],
    "rsaquo": ["/chuyen-muc/tin-tuc", "/chuyen-muc/tin-tuc/p/2", "/chuyen-muc/tin-tuc/p/3"],
    "icon": ["/tin-tuc", "/tin-tuc?p=2", "/tin-tuc?p=3"],
    "chevron": ["/tin-tuc", "/tin-tuc?page=2", "/tin-tuc?page=3"],
    "offsets": ["/tin-tuc", "/tin-tuc?start=3", "/tin-tuc?start=6"],
}


def _portal(folder, style: str) -> list[str]:
    """A small portal of no known family whose only way past page 1 is the pager of `style`."""
    pages = folder / "pages"
    pages.mkdir(parents=True)
    routes = {"/robots.txt": {"file": "robots.txt", "content_type": "text/plain"}}
    (pages / "robots.txt").write_text("User-agent: *\nDisallow: /admin/\n", encoding="utf-8")
    urls, articles = _STYLES[style], []
    for k, url in enumerate(urls):
        links = []
        for j in range(_ARTICLES_PER_PAGE):
            n = k * _ARTICLES_PER_PAGE + j + 1
            title = f"Huyện tổ chức hội nghị sơ kết công tác chuyển đổi số đợt {n} năm 2024"
            path = f"/bai-viet/hoi-nghi-so-ket-cong-tac-chuyen-doi-so-dot-{n}-{4000 + n}"
            body = "".join(f"<p>Ngày {n:02d}/03/2024, Ủy ban nhân dân huyện tổ chức hội nghị sơ kết đợt {n}; đoạn {p} "
                           "nêu kết quả, khó khăn và phương hướng thực hiện trong thời gian tới.</p>" for p in range(3))
            (pages / f"a{n}.html").write_text(_page(f'<div class="chi-tiet"><h1>{title}</h1><div class="ngay">{n:02d}/03/2024</div>'
                                                    f'<div class="noi-dung">{body}</div></div>', title), encoding="utf-8")
            routes[path] = {"file": f"a{n}.html"}
            articles.append(path)
            links.append(f'<li><a href="{path}">{title}</a></li>')
        menu = '<ul class="menu"><li><a href="/">Trang chủ</a></li><li><a href="/gioi-thieu">Giới thiệu</a></li></ul>'
        html = _page(f'{menu}<ul class="ds-tin">{"".join(links)}</ul><div class="phan-trang">{_pager_html(style, urls, k)}</div>')
        (pages / f"l{k}.html").write_text(html, encoding="utf-8")
        routes[url] = {"file": f"l{k}.html"}
    (folder / "manifest.json").write_text(json.dumps({"start_urls": [urls[0]], "routes": routes}), encoding="utf-8")
    return articles


@pytest.mark.parametrize("style", sorted(_STYLES))
def test_crawl_walks_the_pager(style, tmp_path):
    articles = _portal(tmp_path / "portal", style)
    db = str(tmp_path / "x.db")
    with serve_portal(str(tmp_path / "portal")) as server:
        summary = crawl(server.base_url + _STYLES[style][0], "--db", db, "--family", "generic")
        requests = set(server.requests)
    assert set(_STYLES[style]) <= requests, f"pages not walked: {sorted(set(_STYLES[style]) - requests)}"
    assert {path_of(r["url"]) for r in export(db)} == set(articles) and summary["new"] == len(articles)


def _article_links(numbers) -> str:
    return "".join(f'<li><a href="/bai-viet/hoi-nghi-so-ket-chuyen-doi-so-dot-{n}-{4000 + n}">Huyện tổ chức hội nghị sơ kết '
                   f"công tác chuyển đổi số đợt {n} năm 2024</a></li>" for n in numbers)


def _paged_portal(folder, lists: list[list[int]], boxes: list[int], next_pages: int) -> list[str]:
    """Listing pages `/tin-tuc?page=K` (K from 1) each listing `lists[K-1]`, beside a "most read" box
    of `boxes`, its pager linking page K+1 while K < next_pages (a site whose endpoint ignores page=
    serves the last list again)."""
    pages = folder / "pages"
    pages.mkdir(parents=True)
    routes = {"/robots.txt": {"file": "robots.txt", "content_type": "text/plain"}}
    (pages / "robots.txt").write_text("User-agent: *\nDisallow: /admin/\n", encoding="utf-8")
    numbers = sorted({n for ns in lists for n in ns} | set(boxes))
    for n in numbers:
        title = f"Huyện tổ chức hội nghị sơ kết công tác chuyển đổi số đợt {n} năm 2024"
        (pages / f"a{n}.html").write_text(article_html(title, n, f"{n:02d}/03/2024"), encoding="utf-8")
        routes[f"/bai-viet/hoi-nghi-so-ket-chuyen-doi-so-dot-{n}-{4000 + n}"] = {"file": f"a{n}.html"}
    for k in range(1, next_pages + 1):
        items = lists[min(k, len(lists)) - 1]
        pager = f'<a href="/tin-tuc?page={k + 1}">Trang sau »</a>' if k < next_pages else ""
        html = page_html(f'<ul class="ds-tin">{_article_links(items)}</ul><div class="phan-trang">{pager}</div>'
                         f'<div class="xem-nhieu"><ul class="ds-xem-nhieu">{_article_links(boxes)}</ul></div>')
        (pages / f"l{k}.html").write_text(html, encoding="utf-8")
        routes["/tin-tuc" if k == 1 else f"/tin-tuc?page={k}"] = {"file": f"l{k}.html"}
    (folder / "manifest.json").write_text(json.dumps({"start_urls": ["/tin-tuc"], "routes": routes}), encoding="utf-8")
    return [f"/bai-viet/hoi-nghi-so-ket-chuyen-doi-so-dot-{n}-{4000 + n}" for n in numbers]


def test_a_page_listing_only_what_the_first_page_s_boxes_linked_does_not_end_the_walk(tmp_path):
    # page 2 lists only articles of page 1's "most read" box; page 3 has one nobody linked before
    articles = _paged_portal(tmp_path / "portal", [[1, 2, 3], [4, 5], [6]], boxes=[4, 5], next_pages=3)
    db = str(tmp_path / "x.db")
    with serve_portal(str(tmp_path / "portal")) as server:
        crawl(server.base_url + "/tin-tuc", "--db", db, "--family", "generic")
    assert {path_of(r["url"]) for r in export(db)} == set(articles)


def test_a_pager_that_serves_the_same_list_again_ends_the_walk_on_the_second_such_page(tmp_path):
    # an endpoint ignoring page=: every page lists what page 1 did and links one more page, forever
    _paged_portal(tmp_path / "portal", [[1, 2, 3]], boxes=[], next_pages=12)
    db = str(tmp_path / "x.db")
    with serve_portal(str(tmp_path / "portal")) as server:
        crawl(server.base_url + "/tin-tuc", "--db", db, "--family", "generic")
        listings = [r for r in server.requests if r.startswith("/tin-tuc")]
    assert listings == ["/tin-tuc", "/tin-tuc?page=2", "/tin-tuc?page=3"]
