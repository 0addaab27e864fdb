"""Habits of the fifty-sixth round of portals made blind (a vendor's ASP.NET Core Razor Pages portal, a
Perl CGI news script, Notion through Super.so, LocalGov Drupal, Confluence's blog, SMF with TinyPortal),
each as a general rule on a small page."""
from __future__ import annotations

from scraper.extract import extract_article
from tests.conftest import FIXTURES

TITLE = "Huyện Lương Sơn tổ chức Hội khỏe Phù Đổng lần thứ X năm 2024"
URL = "http://h.vn/chi-tiet-tin/hoi-khoe-phu-dong-lan-thu-x-2417.html"
SENTENCE = ("Hội khỏe Phù Đổng là hoạt động thể thao thường niên của ngành giáo dục, thu hút đông đảo học sinh các "
            "trường trên địa bàn huyện tham gia tranh tài ở nhiều môn thi đấu khác nhau trong suốt một tuần lễ. ")
TEXT = f"<p>{SENTENCE * 3}</p><p>{SENTENCE * 2}</p>"


def _page(inside: str, head: str = "", title: str = TITLE) -> bytes:
    return (f"<html lang='vi'><head><title>{title}</title>{head}</head><body><div class='top'>Thứ Hai, 08/04/2024"
            f"</div>{inside}<div class='footer'>Giấy phép cấp ngày 16/8/2016</div></body></html>").encode()


def test_a_handler_given_the_file_s_path_in_its_query_serves_a_file():
    files = ("<div class='post-attachments card'><div class='card-header'>Tệp đính kèm</div><ul><li><a href='/Resources/"
             "File?path=/Uploads/Files/2024/04/68-KH-UBND.pdf'>Kế hoạch số 68/KH-UBND</a></li></ul></div>")
    page = _page(f"<article><h1>{TITLE}</h1><div class='post-content'>{TEXT}</div>{files}</article>")
    assert [a.url.rsplit("=", 1)[-1] for a in extract_article(page, URL).attachments] == [
        "/Uploads/Files/2024/04/68-KH-UBND.pdf"]


def test_a_layout_cell_of_lines_split_by_breaks_ends_the_lines_read_near_the_title():
    # (a Perl CGI script's notice: its text in `td.noidung`, lines and no paragraphs; the "Xem nhiều" box's
    # "(3120 lượt xem)" further down the page another article's; a small page did not reproduce the run
    # of the page's cells the saved page has)
    folder = FIXTURES / "unseen_portals" / "perl-cgi-news"
    name = next(p.name for p in (folder / "pages").iterdir() if "2291" in p.name)
    page = (folder / "pages" / name).read_bytes()
    assert extract_article(page, "http://127.0.0.1:8000/cgi-bin/news.cgi?action=view&id=2291").views is None


def test_a_page_s_property_rows_of_two_parts_name_its_author_and_category():
    # (Notion's page properties as Super.so renders them: an icon and the name, then the value)
    def row(name: str, value: str) -> str:
        return (f"<div class='notion-page__property'><div class='notion-page__property-name-wrapper'><div class='icon'>"
                f"<svg viewBox='0 0 16 16'></svg></div><div class='notion-page__property-name'><span>{name}</span></div>"
                f"</div>{value}</div>")
    rows = (row("Ngày đăng", "<div class='notion-property'><span class='date'>21/11/2023 15:20</span></div>")
            + row("Chuyên mục", "<div class='notion-property'><span class='notion-pill'>Hoạt động Đoàn</span></div>")
            + row("Tác giả", "<p class='notion-property'>Lê Quang Huy</p>"))
    crumbs = "<div class='breadcrumb'><a href='/'>Trang chủ</a> / <a href='/tin-tuc'>Tin tức</a></div>"
    side = "<div class='side'><div><h3>Chuyên mục</h3><ul><li><a href='/c/1'>Thông báo</a></li></ul></div></div>"
    page = _page(f"{crumbs}<h1>{TITLE}</h1><article><div class='notion-page__properties'>{rows}</div>"
                 f"<div class='notion-text'>{TEXT}</div>{side}</article>")
    a = extract_article(page, URL)
    assert (a.author, a.category) == ("Lê Quang Huy", "Hoạt động Đoàn")


def test_the_full_size_a_page_keeps_beside_a_smaller_src_is_the_picture():
    # (Confluence's `data-image-src` beside its thumbnail's `src`)
    photo = ("<p><img class='confluence-embedded-image' src='/download/thumbnails/4980743/trong-cay.jpg?width=500' "
             "data-image-src='/download/attachments/4980743/trong-cay.jpg?version=1&amp;api=v2' width='500'/></p>")
    page = _page(f"<article><h1>{TITLE}</h1><div class='wiki-content'>{TEXT}{photo}<p>{SENTENCE}</p></div></article>")
    assert [i.url.split("h.vn", 1)[1] for i in extract_article(page, URL).images] == [
        "/download/attachments/4980743/trong-cay.jpg?version=1&api=v2"]


def test_a_day_stated_alone_takes_the_time_the_page_s_metadata_states_for_it():
    # (LocalGov Drupal: JSON-LD "2024-03-08", a date field's `T12:00:00Z` marker, og's time with "+0700")
    head = ("<meta property='article:published_time' content='2024-03-08T10:20:00+0700'/><script type='application/"
            "ld+json'>{\"@context\": \"https://schema.org\", \"@type\": \"NewsArticle\", \"datePublished\": "
            "\"2024-03-08\"}</script>")
    date = "<div class='news-article__metadata'><time datetime='2024-03-08T12:00:00Z'>Thứ Sáu, 08/03/2024</time></div>"
    page = _page(f"<article><h1>{TITLE}</h1>{date}<div class='field--name-body'>{TEXT}</div></article>", head=head)
    assert extract_article(page, URL).published == "2024-03-08T10:20:00+07:00"


def test_a_forum_s_smiley_is_no_picture_and_its_download_handler_with_the_type_after_it_a_file():
    # (SMF: `/Smileys/default/cool.gif` for "8)"; TinyPortal's "<a>Kế hoạch số 52</a> (PDF, 118 KB)")
    smiley = "<img src='/Smileys/default/cool.gif' alt='8)' class='smiley'/>"
    files = ("<br><br><strong>Tài liệu đính kèm:</strong><br><a href='/index.php?action=tpmod;dl=get27'>Kế hoạch số "
             "52/KH-UBND</a> (PDF, 118 KB)")
    page = _page(f"<div class='article'><h2>{TITLE}</h2><div class='article_inner'>{SENTENCE * 3}<br><br>Điều 8{smiley} "
                 f"quy định rõ.<br><br>{SENTENCE * 2}{files}</div></div>")
    a = extract_article(page, "http://h.vn/index.php?page=15")
    assert a.images == []
    assert [x.url.rsplit("/", 1)[-1] for x in a.attachments] == ["index.php?action=tpmod;dl=get27"]
