"""Habits of the twenty-seventh round of portals made blind (Hippo CMS, Squiz Matrix, Craft CMS,
October CMS): a date written year first as a database prints it, a keyword the server left unfilled
as the author, a trail ending at the page's shortened title, a lead picture's own figure and caption;
each as a general rule on a small page."""
from __future__ import annotations

from scraper.extract import extract_article
from scraper.extract.dates import find_dates

TEXT = "<p>" + "Kỳ họp thứ 15 HĐND huyện khóa XX đã thông qua 12 nghị quyết quan trọng về phát triển kinh tế - xã hội. " * 3 + "</p>"
TITLE = "Khởi công xây dựng Trường Tiểu học Kim Đông với tổng mức đầu tư hơn 14 tỷ đồng"
URL = "http://h.vn/tin-tuc/tin-hoat-dong/khoi-cong-xay-dung-truong-tieu-hoc-kim-dong"


def _page(inside: str, title: str = TITLE, head: str = "") -> bytes:
    return (f"<html><head><title>{title}</title>{head}</head><body><div id='content'>{inside}</div>"
            "<div class='footer'>Bản quyền thuộc UBND huyện</div></body></html>").encode()


def test_a_date_written_year_first_is_read_whatever_the_locale():
    # Squiz Matrix's raw date field; a blank time printed as dashes leaves the day alone
    assert [d.iso for d in find_dates("2022-11-03 14:20:00")] == ["2022-11-03T14:20:00+07:00"]
    assert [d.iso for d in find_dates("2022-11-15 --:--:--")] == ["2022-11-15"]
    assert [d.iso for d in find_dates("2022/11/03", month_first=True)] == ["2022-11-03"]
    assert find_dates("2022-13-45") == [] and find_dates("số hiệu 2019-10-223") == []
    # an ISO 8601 string in the text is a microformat's hidden copy (Avada's `span.updated`), not read here
    assert find_dates("2021-05-06T09:11:09+07:00") == []
    page = _page(f"<h1>{TITLE}</h1><div class='meta'><span class='news-date'>2022-11-03 14:20:00</span>"
                 f"<span class='news-updated'>Cập nhật: 4 Nov 2022 8:15am</span></div>{TEXT}{TEXT}",
                 head="<meta name='DCTERMS.modified' content='2022-11-04T08:15:20+07:00'>")
    assert extract_article(page, URL, family="generic").published == "2022-11-03T14:20:00+07:00"


def test_a_keyword_the_server_left_unfilled_names_no_one():
    page = _page(f"<h1>{TITLE}</h1>{TEXT}{TEXT}<p class='author'>Tác giả: %asset_metadata_tac_gia%</p>")
    assert extract_article(page, URL, family="generic").author is None


def test_a_trail_ending_at_the_page_s_shortened_title_names_the_section_before_it():
    trail = ("<nav class='breadcrumbs'><a href='/'>Trang chủ</a> › <a href='/tin-tuc'>Tin tức</a> › "
             "<a href='/tin-tuc/tin-hoat-dong'>Tin hoạt động</a> › <span>Khởi công Trường Tiểu học Kim Đông</span></nav>")
    page = _page(f"{trail}<h1>{TITLE}</h1>{TEXT}{TEXT}")
    assert extract_article(page, URL, family="generic").category == "Tin hoạt động"


def test_a_lead_picture_s_figure_gives_its_caption():
    # Hippo CMS: the sapo, then the picture in its own figure, then the text's element
    page = _page("<h1 class='line2'>HUYỆN KIM SƠN - TỈNH NINH BÌNH</h1><article class='news-detail'>"
                 f"<h3><a href='{URL}'>{TITLE}</a></h3><p class='news-date'>14:00, 2 thg 11, 2023</p>"
                 "<p class='news-intro'><strong>Chiều 01/11, UBND huyện tổ chức lễ khởi công công trình trường học "
                 "mới với tổng mức đầu tư lớn.</strong></p><figure>\n<img src='/binaries/content/gallery/anh-01.jpg' "
                 "alt='anh-01.jpg'>\n<figcaption>Lãnh đạo huyện dự lễ khởi công</figcaption>\n</figure>"
                 f"<div class='news-content'>{TEXT}{TEXT}</div></article>")
    images = extract_article(page, URL, family="generic").images
    assert [(i.url, i.caption) for i in images] == [("http://h.vn/binaries/content/gallery/anh-01.jpg",
                                                    "Lãnh đạo huyện dự lễ khởi công")]


def test_the_post_s_own_picture_after_the_text_at_its_real_address():
    # RainLab.Blog's featured image after the text, its `data-src` the uploaded file's bare name
    featured = ("<div class='featured-images text-center'><p><img data-src='DSC_0931.JPG' "
                "src='/storage/app/uploads/public/5f3/25f/3c1/5f325f3c1b7e9826041937.jpg' alt=''></p></div>")
    page = _page(f"<article class='post-detail'><h1 class='post-title'>{TITLE}</h1><div class='post-body'>"
                 f"<div class='content'>{TEXT}{TEXT}</div>{featured}<p class='info'>Posted in <a href='/blog/category/tin-tuc'>"
                 "Tin tức</a> on Aug 11, 2020</p></div></article>")
    images = extract_article(page, URL, family="generic").images
    assert [i.url for i in images] == ["http://h.vn/storage/app/uploads/public/5f3/25f/3c1/5f325f3c1b7e9826041937.jpg"]


def test_a_file_card_s_title_names_its_file():
    # Ghost's file card: title, caption, file name and size in one link
    card = ("<div class='kg-card kg-file-card'><a class='kg-file-card-container' href='/content/files/2023/11/218-KH-UBND.pdf' "
            "title='Download' download=''><div class='kg-file-card-contents'><div class='kg-file-card-title'>Kế hoạch số "
            "218/KH-UBND</div><div class='kg-file-card-caption'>Kế hoạch tổ chức Lễ hội Cam</div><div class='kg-file-card-"
            "metadata'><div class='kg-file-card-filename'>218-KH-UBND.pdf</div><div class='kg-file-card-filesize'>2 KB</div>"
            "</div></div></a></div>")
    page = _page(f"<h1>{TITLE}</h1><section class='gh-content'>{TEXT}{card}{TEXT}</section>")
    attachments = extract_article(page, URL, family="generic").attachments
    assert [(a.url, a.name) for a in attachments] == [("http://h.vn/content/files/2023/11/218-KH-UBND.pdf", "Kế hoạch số 218/KH-UBND")]


def test_of_two_dates_before_the_text_the_one_the_page_s_machine_date_confirms():
    page = _page(f"<h1>{TITLE}</h1><div class='meta'><span>Zuletzt geändert: 2018-08-29 14:15:57</span> "
                 f"<span>Erstellt: 2018-06-22 10:20:00</span></div>{TEXT}{TEXT}",
                 head="<meta property='article:published_time' content='2018-06-22T10:20:00+02:00'>")
    assert extract_article(page, URL, family="generic").published == "2018-06-22T10:20:00+02:00"


def test_a_word_document_s_own_title_pasted_into_the_text_is_no_text():
    # Alfresco's body of a Word "filtered HTML" upload: its <title> and <style> inside the article
    page = _page(f"<h1>{TITLE}</h1><div class='article-body'><title>Tin chè VietGAP T6-2023</title>"
                 f"<style>p.MsoNormal {{margin:0}}</style>{TEXT}{TEXT}</div>")
    assert "VietGAP" not in extract_article(page, URL, family="generic").body
