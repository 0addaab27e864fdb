"""Habits of the seventeenth round of portals made blind (Google Sites classic, a Telerik ASP.NET portal,
a hosting vendor's PHP site builder, a Hugo static archive): Google's Vietnamese dates and the
poster after them, a picture's link to its own file with a flag for the server, the same file linked
again for its download; each as a general rule on a small page."""
from __future__ import annotations

from scraper.extract import extract_article
from scraper.extract.dates import find_dates

TEXT = "<p>" + "UBND huyện triển khai kế hoạch ứng dụng công nghệ thông tin trong hoạt động của cơ quan nhà nước năm 2016. " * 3 + "</p>"
TITLE = "Lang Chánh triển khai kế hoạch ứng dụng công nghệ thông tin năm 2016"
BASE = "/a/langchanh.thanhhoa.gov.vn/ubnd/tin-tuc/lang-chanh-ung-dung-cntt"
URL = "http://h.vn" + BASE


def _sites(byline: str = "đăng 09:05, 22 thg 3, 2016 bởi Lê Văn Tùng") -> bytes:
    return (f"<html><head><title>{TITLE} - UBND huyện Lang Chánh</title></head><body><div id='sites-canvas'>"
            f"<h3 id='sites-page-title-header'><span id='sites-page-title'>{TITLE}</span></h3>"
            f"<div class='sites-announcement-byline'>{byline}</div><div id='sites-canvas-main-content'>{TEXT}"
            f"<div style='text-align:center'><a href='{BASE}/hoi-nghi.jpg?attredirects=0' imageanchor='1'>"
            f"<img border='0' src='{BASE}/hoi-nghi.jpg'></a></div>{TEXT}</div>"
            "<div class='sites-attachments-row'><div class='sites-attachments-name'>"
            f"<a href='{BASE}/KH-35-UBND.pdf?attredirects=0'>KH-35-UBND.pdf</a></div><div class='sites-attachments-info'>"
            f"<a href='{BASE}/KH-35-UBND.pdf?attredirects=0'>Xem</a> <a href='{BASE}/KH-35-UBND.pdf?attredirects=0&amp;d=1'>"
            "Tải xuống</a></div></div></div></body></html>").encode()


def test_google_s_vietnamese_date_with_its_time_first_and_the_poster_after_it():
    assert [d.iso for d in find_dates("đăng 09:05, 22 thg 3, 2016 bởi Lê Văn Tùng")] == ["2016-03-22T09:05:00+07:00"]
    assert [d.iso for d in find_dates("22 thg 3, 2016")] == ["2016-03-22"]
    article = extract_article(_sites(), URL, family="generic")
    assert article.published == "2016-03-22T09:05:00+07:00"
    assert article.author == "Lê Văn Tùng"


def test_a_picture_s_link_to_its_own_file_with_a_flag_for_the_server_gives_the_file_shown():
    article = extract_article(_sites(), URL, family="generic")
    assert [i.url for i in article.images] == [URL + "/hoi-nghi.jpg"]


def test_the_same_file_linked_again_for_its_download_is_one_attachment():
    article = extract_article(_sites(), URL, family="generic")
    assert [(a.url, a.name) for a in article.attachments] == [(URL + "/KH-35-UBND.pdf?attredirects=0", "KH-35-UBND.pdf")]
