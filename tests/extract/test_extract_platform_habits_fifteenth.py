"""Habits of the fifteenth round of portals made blind (Wagtail, a Yii2 vendor CMS, Nuxt 2, Sitecore 9)
and of OpenCms Mercury and NukeViet 2 kept open before: a kicker inside the headline, labels only
screen readers hear, captions hidden from them, pictures set among paragraphs, a time before its
date and weekday, a count after a time, a file's type stated beside its link; each as a general
rule on a small page."""
from __future__ import annotations

from scraper.extract import extract_article
from scraper.extract.dates import find_dates
from scraper.extract.numbers import parse_view_count

TEXT = "<p>" + "Ban Chỉ đạo chuyển đổi số huyện tổ chức hội nghị triển khai nhiệm vụ năm 2024 với các xã, thị trấn. " * 3 + "</p>"
TITLE = "Đoan Hùng triển khai nhiệm vụ chuyển đổi số năm 2024"
URL = "http://h.vn/tin-tuc/doan-hung-trien-khai-nhiem-vu-chuyen-doi-so-nam-2024/"
CAPTION = "Đồng chí Phó Chủ tịch UBND huyện phát biểu tại hội nghị"


def _page(inside: str, head: str = f"<meta property='og:title' content='{TITLE}'>") -> bytes:
    return f"<html><head><title>{TITLE} | Cổng TTĐT huyện</title>{head}</head><body>{inside}</body></html>".encode()


def _mercury(h1: str = f"<span class='intro'>Chuyển đổi số<span class='sr-only'>:</span></span><span class='headline'>{TITLE}</span>",
             person: str = "<span class='sr-only'>Tác giả: </span><div>Minh Hằng</div>") -> bytes:
    return _page("<div class='detail-page'><div class='detail-visual'>"
                 f"<div class='heading'><h1 class='intro-headline'>{h1}</h1></div>"
                 "<div class='visual'><div class='effect-box'><div class='image-src-box'>"
                 f"<img src='/img/hoi-nghi.jpg' width='800' alt='{CAPTION}'></div></div>"
                 f"<div class='subtitle' aria-hidden='true'>{CAPTION}</div></div>"
                 "<div class='body'><div class='visual-info'><div class='info date'><span class='sr-only'>Ngày đăng: </span>"
                 f"<div>Ngày 12/04/2024</div></div><div class='info person'>{person}</div></div></div></div>"
                 f"<div class='detail-content'><div class='text'>{TEXT}{TEXT}</div></div></div>")


def test_a_kicker_in_its_own_element_at_the_headline_s_start_is_left_out_where_the_metadata_leaves_it_out():
    assert extract_article(_mercury(), URL, family="generic").title == TITLE
    # (where the page's metadata titles keep it, so does the title)
    kept = _page(f"<h1><span class='intro'>Chuyển đổi số:</span><span>{TITLE}</span></h1>{TEXT}",
                 head=f"<meta property='og:title' content='Chuyển đổi số:{TITLE}'>")
    assert extract_article(kept, URL, family="generic").title == "Chuyển đổi số:" + TITLE


def test_a_heading_that_wraps_blocks_of_a_broken_page_gives_no_kicker():
    page = _page(f"<h3><a href='/politics/'>POLITICS</a><h1>{TITLE}</h1><h2>Một dòng tóm tắt dài của bài viết về hội nghị "
                 f"triển khai</h2></h3>{TEXT}")
    assert extract_article(page, URL, family="generic").title == TITLE


def test_an_author_labelled_for_screen_readers_only_is_the_author():
    assert extract_article(_mercury(), URL, family="generic").author == "Minh Hằng"
    # (the label decides: the same line behind another label names no one)
    unlabelled = _mercury(person="<span class='sr-only'>Chia sẻ: </span><div>Minh Hằng</div>")
    assert extract_article(unlabelled, URL, family="generic").author is None


def test_a_caption_hidden_from_screen_readers_because_it_repeats_the_alt_is_the_caption_and_not_text():
    article = extract_article(_mercury(), URL, family="generic")
    assert [(i.url, i.caption) for i in article.images] == [("http://h.vn/img/hoi-nghi.jpg", CAPTION)]
    assert CAPTION not in article.body


def test_a_line_after_a_picture_that_says_its_alt_again_is_its_caption():
    page = _page(f"<h1>{TITLE}</h1><div class='text'>{TEXT}<div class='pic'><div><img src='/img/a.jpg' alt='{CAPTION}'>"
                 f"</div></div><div>{CAPTION}</div>{TEXT}</div>")
    article = extract_article(page, URL, family="generic")
    assert [i.caption for i in article.images] == [CAPTION]
    assert CAPTION not in article.body


def test_a_picture_set_among_paragraphs_takes_the_italic_paragraph_after_it_not_a_paragraph_of_text():
    prose = "Qua 5 ngày thi, Ban Tổ chức công nhận 71 giáo viên đạt danh hiệu giáo viên dạy giỏi cấp huyện. " * 2
    page = _page(f"<h1>{TITLE}</h1><div class='post-body'><div class='block-paragraph'><div class='rich-text'>{TEXT}"
                 f"<img class='richtext-image full-width' src='/media/a.width-800.jpg' alt='a'><p><i>{CAPTION}</i></p>{TEXT}"
                 "</div></div><div class='block-heading'><h3>Kết quả nổi bật</h3></div><div class='block-paragraph'>"
                 f"<div class='rich-text'><img class='richtext-image left' src='/media/b.width-500.jpg' alt='b'><p>{prose}</p>"
                 "</div></div><div class='block-document'><a href='/documents/52/ds.pdf'>Danh sách giáo viên</a></div></div>")
    article = extract_article(page, URL, family="generic")
    assert [(i.url.rsplit("/", 1)[1], i.caption) for i in article.images] == [("a.width-800.jpg", CAPTION),
                                                                                ("b.width-500.jpg", None)]
    assert prose.strip()[:40] in article.body and CAPTION not in article.body


def test_a_labelled_count_among_the_text_element_s_last_lines_is_the_article_s():
    line = "Những ngày đầu tháng 12, trên các đồi cam ở các xã Phù Lưu, Tân Thành, người dân thu hoạch cam sành. " * 3
    def page(footer: str) -> bytes:  # (PHP-Nuke's story box: lines parted by <br>, the count in the footer row)
        return _page("<table class='contentbox'><tr><td class='storytitle'><b><font class='title'><a href='?catid=7'>"
                     f"<font class='storycat'>Nông nghiệp</font></a>: {TITLE}</font></b><br><font class='tiny'>Gửi lúc "
                     "Thứ Năm, 07/12/2023 (14:30:00)</font></td></tr><tr><td class='storycontent'>"
                     f"<table align='left' width='210'><tr><td><img src='/p/cam.jpg' width='200'></td></tr></table>"
                     f"<b>{line}</b><br><br>{line}<br><br>{line}<br><div align='right'><b>Thanh Hương</b></div></td></tr>"
                     f"<tr><td class='storyfooter' align='right'><font class='tiny'>{footer} | "
                     "<a href='?file=print&amp;sid=1245'>Bản để in</a></font></td></tr></table>")
    assert extract_article(page("Đọc: 12.035 lần"), URL, family="generic").views == 12035
    assert extract_article(page("Gửi cho bạn bè"), URL, family="generic").views is None


def test_a_picture_named_by_the_article_s_category_and_captioned_by_nothing_is_its_emblem():
    def images(alt: str, caption: str = ""):
        page = _page("<div class='breadcrumb'><a href='/'>Trang chủ</a> » <a href='/nong-nghiep/'>Nông nghiệp</a></div>"
                     f"<h1>{TITLE}</h1><div class='content'><a href='/nong-nghiep/'><img src='/images/topics/nn.png' "
                     f"alt='{alt}' align='right'></a>{caption}{TEXT}{TEXT}</div>")
        return [i.url for i in extract_article(page, URL, family="generic").images]
    assert images("Nông nghiệp") == []
    assert images("Cánh đồng lúa xã Chí Đám") == ["http://h.vn/images/topics/nn.png"]


def test_a_time_before_a_weekday_and_its_date_is_the_date_s_time():
    assert [d.iso for d in find_dates("2:20 CH - Thứ 2, 15/01/2024")] == ["2024-01-15T14:20:00+07:00"]
    assert [d.iso for d in find_dates("07:05, Chủ nhật, 14/01/2024")] == ["2024-01-14T07:05:00+07:00"]


def test_a_count_after_a_time_does_not_take_the_time_s_minutes_as_its_thousands():
    assert parse_view_count("Thứ Ba, 05/09/2023 06:15 862 lượt xem") == 862
    assert parse_view_count("Lượt xem:1.234") == 1234
    assert parse_view_count("Lượt xem: 12 345") == 12345


def test_a_file_whose_type_is_stated_beside_its_link_in_an_attachments_box_is_an_attachment():
    def attachments(beside: str):
        page = _page(f"<h1>{TITLE}</h1><div class='content'>{TEXT}{TEXT}</div><div class='component attachments'>"
                     "<h4>Tệp đính kèm</h4><ul><li><a href='/-/media/van-ban/2022/215-kh-ubnd.ashx'>Kế hoạch số 215/KH-UBND</a>"
                     f" {beside}</li></ul></div>")
        return [(a.url, a.name) for a in extract_article(page, URL, family="generic").attachments]
    assert attachments("<span class='file-size'>(PDF, 182 KB)</span>") == [
        ("http://h.vn/-/media/van-ban/2022/215-kh-ubnd.ashx", "Kế hoạch số 215/KH-UBND")]
    assert attachments("<span>(Xem chi tiết)</span>") == []


def test_a_sentence_sending_the_reader_to_the_file_is_text_where_a_download_label_is_not():
    def body_and_files(line: str):
        page = _page(f"<h1>{TITLE}</h1><div class='detail-content'>{TEXT}{TEXT}{line}</div>")
        article = extract_article(page, URL, family="generic")
        return article.body.split("\n\n")[-1], [a.name for a in article.attachments]
    pdf = "<a href='/files/45-KH-UBND.pdf'>Kế hoạch số 45/KH-UBND</a>"
    assert body_and_files(f"<p>Chi tiết xem tại: {pdf}</p>") == ("Chi tiết xem tại: Kế hoạch số 45/KH-UBND",
                                                                 ["Kế hoạch số 45/KH-UBND"])
    assert body_and_files(f"<p>Toàn văn Kế hoạch xem tại tệp đính kèm dưới đây:</p><p>{pdf}</p>")[0] == \
        "Toàn văn Kế hoạch xem tại tệp đính kèm dưới đây:"
    last, files = body_and_files(f"<p>Tải về: {pdf}</p>")
    assert "Tải về" not in last and files == ["Kế hoạch số 45/KH-UBND"]
