"""Page templates of the synthetic portals: the markup of a few platform families, written here.

Each layout knows its URL scheme (listing pages, article URLs) and renders a listing page and an
article page with the chrome a real portal carries (menus, sidebars of latest news, counters,
footer), so generated pages weigh what real ones do (25-40 KB) and exercise the same extraction.
"""
from __future__ import annotations

import base64
import html
import random
import unicodedata

__all__ = ["LAYOUTS", "Layout", "slugify"]

_MENU = ["Giới thiệu", "Tổng quan", "Lịch sử - Văn hóa", "Cơ cấu tổ chức", "Tin tức - Sự kiện", "Chính trị",
         "Kinh tế", "Văn hóa - Xã hội", "Quốc phòng - An ninh", "Chỉ đạo điều hành", "Thông báo", "Văn bản",
         "Văn bản pháp quy", "Thủ tục hành chính", "Quy hoạch - Kế hoạch", "Công khai ngân sách", "Hỏi đáp", "Liên hệ"]


def slugify(text: str) -> str:
    folded = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    ascii_only = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    words = "".join(c if c.isalnum() else " " for c in ascii_only).split()
    return "-".join(words)[:90].strip("-")


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _menu() -> str:
    sub = "".join(f'<li><a href="/{slugify(m)}/{slugify(n)}">{_e(n)}</a></li>' for m in _MENU[:6] for n in _MENU[6:])
    items = "".join(f'<li><a href="/{slugify(m)}">{_e(m)}</a></li>' for m in _MENU)
    return f'<nav class="main-menu"><ul>{items}</ul><ul class="submenu">{sub}</ul></nav>'


def _footer(site: str) -> str:
    return (f'<footer class="site-footer"><p>Cơ quan chủ quản: Ủy ban nhân dân {_e(site)}</p>'
            f"<p>Chịu trách nhiệm chính: Chánh Văn phòng HĐND và UBND. Giấy phép số 12/GP-STTTT cấp ngày 12/06/2019.</p>"
            f'<p>Đang online: 15 | Hôm nay: 1.025 | Lượt truy cập: 1.234.567</p>'
            f'<p><a href="https://www.facebook.com/">Facebook</a> <a href="https://zalo.me/">Zalo</a></p></footer>')


class Layout:
    """A platform family's URLs and markup."""

    name = "generic"
    listing_path = "/tin-tuc"

    def listing_url(self, page: int) -> str:
        return self.listing_path if page == 1 else f"{self.listing_path}?trang={page}"

    def article_url(self, article: dict) -> str:
        return f"/tin-tuc/{slugify(article['title'])}-{article['id']}.html"

    def image_url(self, article: dict, n: int) -> str:
        return f"/uploads/images/{article['id']}_{n}.jpg"

    def views_script_url(self, article: dict) -> str:
        return f"/public/counter/?id={article['id']}&addclick=1"

    def views_html(self, article: dict) -> str:
        """The figure, or the script that writes it (where the portal leaves its counts to one)."""
        if article.get("views_by_script"):
            return f'<script src="{_e(self.views_script_url(article))}"></script>'
        return str(article["views"])

    # -- pages
    def page(self, site: str, title: str, main: str, sidebar: str, rng: random.Random) -> str:
        return (f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{_e(title)} - {_e(site)}</title>'
                f'<link rel="stylesheet" href="/css/site.css"></head><body><header class="site-header">'
                f'<a href="/"><img src="/images/logo.png" alt="logo"></a><h1>{_e(site.upper())}</h1></header>{_menu()}'
                f'<div class="container"><div class="col-main">{main}</div><aside class="col-right">{sidebar}</aside></div>'
                f"{_footer(site)}</body></html>")

    def sidebar(self, latest: list[dict]) -> str:
        items = "".join(f'<li><a href="{self.article_url(a)}">{_e(a["title"])}</a> <span>({a["date"]})</span></li>'
                        for a in latest)
        popular = "".join(f'<li><a href="{self.article_url(a)}">{_e(a["title"])}</a> ({a["views"]} lượt xem)</li>'
                          for a in reversed(latest))
        links = "".join(f"<option value=\"https://{slugify(m)}.gov.vn/\">{_e(m)}</option>" for m in _MENU)
        return (f'<div class="box"><h3 class="box-title">TIN MỚI</h3><ul>{items}</ul></div>'
                f'<div class="box"><h3 class="box-title">TIN XEM NHIỀU</h3><ul>{popular}</ul></div>'
                f'<div class="box"><h3 class="box-title">LIÊN KẾT WEBSITE</h3><select>{links}</select></div>')

    def listing_item(self, a: dict) -> str:
        return (f'<div class="news-item"><h3 class="title"><a href="{self.article_url(a)}">{_e(a["title"])}</a></h3>'
                f'<span class="date">{a["date"]}</span><p>{_e(a["sapo"])}</p></div>')

    def pager(self, page: int, pages: int) -> str:
        links = []
        for n in range(max(1, page - 2), min(pages, page + 2) + 1):
            links.append(f"<li class='active'><span>{n}</span></li>" if n == page
                         else f'<li><a href="{self.listing_url(n)}">{n}</a></li>')
        if page < pages:
            links.append(f'<li><a href="{self.listing_url(page + 1)}">Trang sau »</a></li>')
        return f'<ul class="pagination">{"".join(links)}</ul>'

    def listing(self, site: str, items: list[dict], page: int, pages: int, latest: list[dict], rng) -> str:
        main = (f'<h2 class="category-title">Tin tức - Sự kiện</h2>{"".join(self.listing_item(a) for a in items)}'
                f"{self.pager(page, pages)}")
        return self.page(site, "Tin tức - Sự kiện", main, self.sidebar(latest), rng)

    def body_html(self, a: dict) -> str:
        parts = []
        paragraphs = a["body"].split("\n\n")
        for i, para in enumerate(paragraphs):
            parts.append(f'<p style="text-align: justify;">{_e(para)}</p>')
            if i < len(a["images"]):
                img = a["images"][i]
                parts.append(f'<p style="text-align: center;"><img alt="" src="{img["path"]}" /></p>')
                if img["caption"]:
                    parts.append(f'<p style="text-align: center;"><em>{_e(img["caption"])}</em></p>')
        parts.append(f'<p style="text-align: right;"><strong>{_e(a["author"])}</strong></p>')
        return "\n".join(parts)

    def article(self, site: str, a: dict, latest: list[dict], rng) -> str:
        main = (f'<div class="breadcrumb"><a href="/">Trang chủ</a> › <a href="{self.listing_path}">Tin tức - Sự kiện</a></div>'
                f'<article class="article"><h1 class="article-title">{_e(a["title"])}</h1>'
                f'<div class="meta">Ngày đăng: {a["date"]} {a["time"]} | Lượt xem: {self.views_html(a)}</div>'
                f'<div class="article-content">{self.body_html(a)}</div></article>')
        return self.page(site, a["title"], main, self.sidebar(latest), rng)


class PhuthoAspnet(Layout):
    """The ASP.NET WebForms CMS of the Phú Thọ district portals (yenlap.phutho.gov.vn)."""

    name = "phutho-aspnet"
    listing_path = "/thong-tin-tuyen-truyen/bai-viet/cat/tin-tuc-su-kien-2548"

    def listing_url(self, page: int) -> str:
        return self.listing_path if page == 1 else f"{self.listing_path}?page={page}"

    def article_url(self, a: dict) -> str:
        return f"{self.listing_path}/id/{slugify(a['title'])}-{a['id']}"

    def image_url(self, a: dict, n: int) -> str:
        return f"/Uploads/images/{a['year']}/{a['month']:02d}/z{a['id']}{n:02d}.jpg"

    def page(self, site, title, main, sidebar, rng) -> str:
        viewstate = base64.b64encode(rng.randbytes(4500)).decode("ascii")  # WebForms pages carry KBs of it
        return (f'<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8" />'
                f"<title>\n\t{_e(title)} - Cổng thông tin điện tử {_e(site)}\n</title></head><body>"
                f'<form name="aspnetForm" method="post" action="./" id="aspnetForm"><div>'
                f'<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="{viewstate}" /></div>'
                f'<script src="/WebResource.axd?d=abc" type="text/javascript"></script>'
                f'<script type="text/javascript">function __doPostBack(t, a) {{ }}</script>'
                f'<div id="header"><h1>{_e(site.upper())}</h1></div>{_menu()}'
                f'<div class="container"><div class="col-md-3 col-left">{sidebar}</div>'
                f'<div class="col-md-6 col-main" id="ctl00_ContentPlaceHolder1">{main}</div></div>{_footer(site)}'
                f"</form></body></html>")

    def listing_item(self, a: dict) -> str:
        return (f'<div class="news-item"><h3 class="news-item-title"><a href="{self.article_url(a)}">{_e(a["title"])}</a></h3>'
                f'<span class="news-date">{a["date"]}</span><p class="sapo">{_e(a["sapo"])}</p></div>')

    def pager(self, page: int, pages: int) -> str:
        links = []
        for n in range(max(1, page - 2), min(pages, page + 2) + 1):
            links.append(f"<li class='active'><span>{n}</span></li>" if n == page
                         else f'<li><a href="?page={n}">{n}</a></li>')
        if page < pages:
            links.append(f'<li><a href="?page={page + 1}" title="Trang sau">›</a></li>')
            links.append(f'<li><a href="?page={pages}" title="Trang cuối">»</a></li>')
        return f'<div class="pager-wrap"><ul class="pagination">{"".join(links)}</ul></div>'

    def article(self, site, a, latest, rng) -> str:
        main = (f'<ol class="breadcrumb"><li><a href="/">Trang chủ</a></li>'
                f'<li class="active"><a href="{self.listing_path}">Tin tức - Sự kiện</a></li></ol>'
                f'<div class="news-detail"><h1 class="news-title">{_e(a["title"])}</h1>'
                f'<ul class="news-meta list-inline"><li>Cập nhật: <span>{a["date"]}</span></li>'
                f'<li>Lượt xem: <span>{self.views_html(a)}</span> lượt xem</li></ul>'
                f'<div class="news-content" id="ctl00_ContentPlaceHolder1_ctl00_divContent">{self.body_html(a)}</div>'
                f'<div class="news-share"><span>Chia sẻ:</span> <a href="javascript:window.print();">In bài viết</a></div></div>')
        return self.page(site, a["title"], main, self.sidebar(latest), rng)


class WordPress(Layout):
    """A WordPress district site: /YYYY/MM/DD/slug/ posts, /tin-tuc/page/N/ archives."""

    name = "wordpress"
    listing_path = "/tin-tuc/"

    def listing_url(self, page: int) -> str:
        return self.listing_path if page == 1 else f"/tin-tuc/page/{page}/"

    def article_url(self, a: dict) -> str:
        return f"/{a['year']}/{a['month']:02d}/{a['day']:02d}/{slugify(a['title'])}-{a['id']}/"

    def image_url(self, a: dict, n: int) -> str:
        return f"/wp-content/uploads/{a['year']}/{a['month']:02d}/anh-{a['id']}-{n}.jpg"

    def page(self, site, title, main, sidebar, rng) -> str:
        return (f'<!DOCTYPE html><html lang="vi"><head><meta charset="UTF-8"><title>{_e(title)} – {_e(site)}</title>'
                f'<meta name="generator" content="WordPress 6.2" />'
                f'<link rel="stylesheet" href="/wp-content/themes/district/style.css?ver=1.2.0"></head>'
                f'<body class="wp-site"><header class="site-header"><p class="site-title">{_e(site.upper())}</p></header>'
                f'{_menu()}<div id="primary" class="content-area"><main id="main" class="site-main">{main}</main></div>'
                f'<aside id="secondary" class="widget-area">{sidebar}</aside>{_footer(site)}</body></html>')

    def listing_item(self, a: dict) -> str:
        return (f'<article class="post type-post"><h2 class="entry-title"><a href="{self.article_url(a)}">{_e(a["title"])}</a></h2>'
                f'<div class="entry-summary"><p>{_e(a["sapo"])}</p></div></article>')

    def pager(self, page: int, pages: int) -> str:
        links = [f'<a class="page-numbers" href="{self.listing_url(n)}">{n}</a>' if n != page
                 else f'<span aria-current="page" class="page-numbers current">{n}</span>'
                 for n in range(max(1, page - 2), min(pages, page + 2) + 1)]
        if page < pages:
            links.append(f'<a class="next page-numbers" href="{self.listing_url(page + 1)}">Trang sau »</a>')
        return f'<nav class="navigation pagination"><div class="nav-links">{"".join(links)}</div></nav>'

    def article(self, site, a, latest, rng) -> str:
        iso = f"{a['year']}-{a['month']:02d}-{a['day']:02d}T{a['time']}:00+07:00"
        main = (f'<article class="post type-post status-publish"><header class="entry-header">'
                f'<h1 class="entry-title">{_e(a["title"])}</h1><span class="posted-on">Đăng ngày: '
                f'<time class="entry-date published" datetime="{iso}">{a["date"]}</time></span> <span class="cat-links">'
                f'<a href="/tin-tuc/" rel="category tag">Tin tức - Sự kiện</a></span></header>'
                f'<div class="entry-content">{self.body_html(a)}'
                f'<div class="post-views"><span class="post-views-label">Lượt xem:</span> '
                f'<span class="post-views-count">{self.views_html(a)}</span></div></div></article>')
        return self.page(site, a["title"], main, self.sidebar(latest), rng)


LAYOUTS: dict[str, Layout] = {layout.name: layout for layout in (Layout(), PhuthoAspnet(), WordPress())}
