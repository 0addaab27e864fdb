"""Habits of the forty-third round of portals made blind, each as a general rule on a small page:
a heading the page's address spells where the metadata gives another title (an alternative or SEO
title), and a series of content blocks between the title's block and the text's (a page builder's
content elements ahead of the bodytext), found by the generic finder and where a profile names the
bodytext alone."""
from __future__ import annotations

from scraper.extract import extract_article

TITLE = "Phóng sự ảnh: Nông dân Hải Hậu hối hả thu hoạch lúa mùa"
SEO_TITLE = "Nông dân Hải Hậu vào vụ gặt mùa 2023"
URL = "http://h.vn/tin-tuc-su-kien/chi-tiet/phong-su-anh-nong-dan-hai-hau-hoi-ha-thu-hoach-lua-mua"
FIRST = ("Những ngày cuối tháng 10, trên khắp các cánh đồng của huyện Hải Hậu, nông dân đang hối hả thu "
         "hoạch lúa mùa. Vụ mùa năm 2023, toàn huyện gieo cấy hơn 11.500 ha lúa.")
SECOND = ("Nhờ thời tiết thuận lợi, công tác phòng trừ sâu bệnh được thực hiện kịp thời nên lúa sinh trưởng, "
          "phát triển tốt, năng suất ước đạt 62 tạ/ha.")
LAST = ("Cùng với thu hoạch lúa mùa, các địa phương đang tập trung làm đất, chuẩn bị giống, vật tư để gieo "
        "trồng cây vụ đông đảm bảo khung thời vụ.")


def _frame(inner: str, n: int, kind: str) -> str:
    # (a content element in its wrappers, as TYPO3's Bootstrap Package renders each)
    return (f"<div id='c{n}' class='frame frame-default frame-type-{kind}'><div class='frame-group-container'>"
            f"<div class='frame-group-inner'><div class='frame-container'><div class='frame-inner'>{inner}</div>"
            "</div></div></div></div>")


def _figure(name: str, caption: str) -> str:
    return (f"<figure class='image'><img src='/fileadmin/user_upload/{name}.jpg' width='1200' height='800'>"
            f"<figcaption class='caption'>{caption}</figcaption></figure>")


def _page(title: str = TITLE) -> bytes:
    elements = (_frame(f"<p>{FIRST}</p>", 1531, "text")
                + _frame(_figure("gat-lua", "Máy gặt đập liên hợp thu hoạch lúa trên cánh đồng mẫu lớn"), 1532, "image")
                + _frame(f"<p>{SECOND}</p>", 1533, "text")
                + _frame(_figure("phoi-thoc", "Nông dân xã Hải Minh phơi thóc trên sân nhà văn hóa"), 1534, "image"))
    article = (f"<div class='article'><div class='header'><h3 itemprop='headline'>{title}</h3></div>"
               "<div class='footer'><p><span class='news-list-date'>25/10/2023</span> "
               "<span class='news-list-views'>Lượt xem: 3.051</span></p></div>"
               f"{elements}<div class='news-text-wrap' itemprop='articleBody'><p>{LAST}</p></div>"
               "<div class='news-backlink-wrap'><a href='/tin-tuc-su-kien'>Quay lại</a></div></div>")
    return ("<html lang='vi'><head><title>" + SEO_TITLE + " - Cổng thông tin điện tử huyện Hải Hậu</title>"
            f"<meta property='og:title' content='{SEO_TITLE}'></head><body><div class='top'>Thứ Tư, 25/10/2023</div>"
            "<div class='main'><h2 class='element-header'><span>Tin tức - Sự kiện</span></h2>"
            f"<div class='news news-single'>{article}</div></div><div class='bottom'>Giấy phép cấp ngày 11/8/2023"
            "</div></body></html>").encode()


def test_the_heading_the_address_spells_where_the_metadata_gives_an_alternative_title():
    # (TYPO3 news' alternative title in <title> and og:title, no element showing it; the article's
    # `h3[itemprop=headline]` is the one its speaking address spells)
    assert extract_article(_page(), URL).title == TITLE


def test_a_heading_the_address_does_not_spell_gives_way_to_the_metadata_s_title():
    record = extract_article(_page(title="Tin tức - Sự kiện huyện Hải Hậu tuần này"), URL)
    assert record.title == SEO_TITLE


def test_content_blocks_between_the_title_s_block_and_the_text_s_are_its_opening():
    # (the news record's text and image content elements, each in full wrappers, before its bodytext)
    record = extract_article(_page(), URL)
    assert record.body == "\n\n".join([FIRST, SECOND, LAST])
    assert [i.url.rsplit("/", 1)[-1] for i in record.images] == ["gat-lua.jpg", "phoi-thoc.jpg"]


def test_where_a_profile_names_the_bodytext_alone_the_content_blocks_before_it_still_count():
    # (a profile learned from the site's pages, most of them bodytext only, names its block)
    record = extract_article(_page(), URL, profile={"article": {"content": ["div.news-text-wrap"]}})
    assert record.body == "\n\n".join([FIRST, SECOND, LAST])
    assert len(record.images) == 2


def test_a_file_the_text_links_here_takes_its_place_and_name_in_the_files_list_after_it():
    # (TYPO3 news: "tải mẫu phiếu <a>tại đây</a>" in the text, then `news-related-files` "Tệp đính kèm"
    # listing the notice and the form by their names)
    text = ("<p>" + LAST + " Hồ sơ đăng ký theo mẫu (tải mẫu phiếu <a href='/fileadmin/Mau_phieu.docx'>tại đây</a>)."
            "</p><p>" + FIRST + "</p>")
    files = ("<div class='news-related news-related-files'><h4>Tệp đính kèm</h4><ul>"
             "<li><a href='/fileadmin/TB_245.pdf' target='_blank'>Thông báo số 245/TB-UBND ngày 16/10/2023</a> "
             "<span class='news-related-files-size'>186 KB</span></li>"
             "<li><a href='/fileadmin/Mau_phieu.docx' target='_blank'>Mau_phieu.docx</a> "
             "<span class='news-related-files-size'>21 KB</span></li></ul></div>")
    page = ("<html lang='vi'><head><title>Thông báo tuyển dụng viên chức</title></head><body><div class='news'>"
            "<h1>Thông báo tuyển dụng viên chức sự nghiệp giáo dục</h1><div class='date'>16/10/2023</div>"
            f"<div class='news-text-wrap'>{text}</div>{files}</div></body></html>").encode()
    record = extract_article(page, "http://h.vn/tin-tuc-su-kien/chi-tiet/thong-bao-tuyen-dung-vien-chuc")
    assert [(a.url.rsplit("/", 1)[-1], a.name) for a in record.attachments] == [
        ("TB_245.pdf", "Thông báo số 245/TB-UBND ngày 16/10/2023"), ("Mau_phieu.docx", "Mau_phieu.docx")]
