"""Habits of the thirtieth round of portals made blind (eXo Platform, DedeCMS, Mura CMS): a title in
an <a> with no address, a count shown shortened with its figure in a tooltip, a trail drawn with
arrow icons or behind its own label, a cover photo in the header before the article's element, a
file card's icon links, a line of fields with the author after its label's element, a person's icon
before the author's name, a lead shown apart as the text's first characters, an editor's closing
line in a layout table, a document's icon, a photo set's pictures each followed by its caption;
each as a general rule on a small page."""
from __future__ import annotations

from scraper.extract import extract_article

TEXT = "<p>" + "Ngày 15/11, tại xóm Làng Lai, Ban Công tác Mặt trận xóm tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm 2022. " * 3 + "</p>"
TITLE = "Võ Nhai: Phó Chủ tịch UBND tỉnh dự Ngày hội Đại đoàn kết toàn dân tộc tại xã Phú Thượng"
URL = "http://h.vn/portal/vonhai/news/detail?newsId=8f2d4c1a7f0001017c3b9e2d1a5f6e08"


def _page(inside: str, head: str = "", before: str = "") -> bytes:
    return (f"<html><head><title>Chi tiết tin</title><meta property='og:title' content='{TITLE}'>{head}</head>"
            f"<body><div class='header'>Thứ Năm, ngày 24/11/2022</div>{before}<div id='main'>{inside}</div>"
            "<div class='footer'>Bản quyền thuộc UBND huyện</div></body></html>").encode()


EXO_HEADER = (f"<div class='newsDetails-header'><div class='illustration'><img src='/portal/rest/v1/news/1/illustration?size=0x400'"
              f" alt='{TITLE}' width='800' height='400'></div><div class='newsDetails'>"
              f"<div class='news-top-information'><div id='titleNews'><a class='newsTitleLink'>{TITLE}</a></div>"
              "<span class='newsViews'><i class='fa-eye'></i><span class='article-views'>12k</span></span></div>"
              "<div class='newsAuthor'><a href='/profile/hoangthuha' class='newsAuthorName'> Hoàng Thị Thu Hà </a>"
              "<span> trong </span><a href='/spaces/tin_tuc'>Tin tức - Sự kiện</a> - <span>15 tháng 11, 2022</span>"
              "<span>-</span><span>14:30</span></div><div id='newsBody'>" + TEXT + TEXT + "</div></div></div>")
EXO_AFTER = ("<div class='comment'><a href='/profile/lovanson' class='commentAuthor'>Lò Văn Sơn</a>"
             "<span class='dateTime'>16 tháng 11, 2022</span><p>Rất ý nghĩa.</p></div>"
             "<div class='v-tooltip__content' role='tooltip' style='display: none;'><span>12.458 lượt xem</span></div>"
             "<div class='v-tooltip__content' role='tooltip' style='display: none;'><span>3.049 lượt xem</span></div>")


def test_a_title_in_an_a_with_no_address_places_the_date_and_the_author_beside_it():
    article = extract_article(_page(EXO_HEADER + EXO_AFTER), URL, family="generic")
    assert article.published == "2022-11-15T14:30:00+07:00"
    assert article.author == "Hoàng Thị Thu Hà"


def test_a_count_shown_shortened_takes_the_figure_its_tooltip_states():
    assert extract_article(_page(EXO_HEADER + EXO_AFTER), URL, family="generic").views == 12458
    # a tooltip's figure the shortened count was not made from is another's
    other = EXO_AFTER.replace("12.458", "9.870")
    assert extract_article(_page(EXO_HEADER + other), URL, family="generic").views != 9870


def test_a_cover_photo_named_by_the_headline_before_the_article_s_element_is_its_picture():
    images = extract_article(_page(EXO_HEADER + EXO_AFTER), URL, family="generic").images
    assert [i.url for i in images] == ["http://h.vn/portal/rest/v1/news/1/illustration?size=0x400"]


def test_a_trail_drawn_with_arrow_icons_or_after_its_own_label_names_the_category():
    icons = ("<div class='UIBreadcumbs'><a href='/portal/vonhai/home'>Trang chủ</a> <i class='uiIconMiniArrowRight'></i>"
             " <a href='/portal/vonhai/tin-tuc-su-kien'>Tin tức - Sự kiện</a> <i class='uiIconMiniArrowRight'></i>"
             " <span class='Selected'>Chi tiết tin</span></div>")
    assert extract_article(_page(EXO_HEADER, before=icons), URL, family="generic").category == "Tin tức - Sự kiện"
    labelled = ("<div class='place'><strong>Vị trí hiện tại:</strong> <a href='/'>Trang chủ</a> > "
                "<a href='/a/thongbao/'>Thông báo</a> > </div>")
    assert extract_article(_page(EXO_HEADER, before=labelled), URL, family="generic").category == "Thông báo"


def test_a_file_card_s_icon_links_give_one_file_named_as_its_card_says():
    card = ("<div class='newsAttachments'><div class='file'><div class='fileDetails'>"
            "<div class='fileNameLabel'>Kế hoạch 125-KH-UBND.pdf</div><div class='fileSize'>0.01 MB</div></div>"
            "<a class='fileDownload' href='/portal/rest/v1/news/attachments/9a6e/file' title='Tải xuống'><i class='uiIconDownload'></i></a>"
            "<a class='fileOpen' href='/portal/rest/v1/news/attachments/9a6e/open' title='Xem trước'><i class='uiIconWatch'></i></a>"
            "</div></div>")
    page = _page(EXO_HEADER.replace(TEXT + TEXT + "</div>", TEXT + TEXT + "</div>" + card))
    attachments = extract_article(page, URL, family="generic").attachments
    assert [(a.url, a.name) for a in attachments] == [
        ("http://h.vn/portal/rest/v1/news/attachments/9a6e/file", "Kế hoạch 125-KH-UBND.pdf")]


DEDE_TITLE = "Yên Thế: Khai mạc Hội chợ nông sản và Tuần lễ quảng bá gà đồi năm 2023"
DEDE_URL = "http://h.vn/a/tintuc/2023/1115/128.html"
DEDE_TEXT = ("Sáng 15/11, tại Quảng trường 19/8, thị trấn Cầu Gồ, UBND huyện Yên Thế tổ chức khai mạc Hội chợ nông sản "
             "và Tuần lễ quảng bá gà đồi Yên Thế năm 2023. Dự lễ khai mạc có lãnh đạo UBND tỉnh Bắc Giang.")


def _dede(content: str, intro: str | None = None, pictures: str = "") -> bytes:
    intro = DEDE_TEXT[:150] if intro is None else intro
    return (f"<html><head><title>{DEDE_TITLE}</title></head><body><div class='viewbox'><div class='title'><h2>{DEDE_TITLE}</h2></div>"
            "<div class='info'><small>Ngày đăng:</small>2023-11-15 09:32<small>Nguồn:</small>Trung tâm Văn hóa huyện "
            "<small>Tác giả:</small>Minh Tuấn <small>Lượt xem:</small>1.234 lượt</div>"
            f"{pictures}<div class='intro'>{intro}</div><div class='content'><table width='100%'><tr><td>{content}"
            "</td></tr></table></div></div></body></html>").encode()


def test_a_line_of_fields_names_the_author_after_its_label_s_element():
    page = _dede(f"<p>{DEDE_TEXT}</p><p>{DEDE_TEXT}</p>")
    assert extract_article(page, DEDE_URL, family="generic").author == "Minh Tuấn"


def test_a_lead_shown_apart_as_the_text_s_first_characters_is_not_said_twice():
    body = extract_article(_dede(f"<p>{DEDE_TEXT}</p><p>{DEDE_TEXT}</p>"), DEDE_URL, family="generic").body
    assert body == f"{DEDE_TEXT}\n\n{DEDE_TEXT}"
    # a summary of its own is kept
    own = "Hội chợ có 120 gian hàng của các hợp tác xã và doanh nghiệp trong và ngoài tỉnh tham gia trưng bày."
    body = extract_article(_dede(f"<p>{DEDE_TEXT}</p><p>{DEDE_TEXT}</p>", intro=own), DEDE_URL, family="generic").body
    assert body.startswith(own)


def test_an_editor_s_closing_line_in_a_layout_table_is_not_text():
    page = _dede(f"<p>{DEDE_TEXT}</p><p>{DEDE_TEXT}</p>\n  (Biên tập viên: Hoàng Yến)")
    body = extract_article(page, DEDE_URL, family="generic").body
    assert "Biên tập viên" not in body and "Hoàng Yến" not in body


def test_a_document_s_icon_is_no_picture():
    files = ("<table><tr><td><a href='/uploads/soft/231110/1-23111015411V02.pdf'><img src='/plus/img/addon.gif'></a></td>"
             "<td><a href='/uploads/soft/231110/1-23111015411V02.pdf'>Thông báo số 215/TB-HĐTD</a></td></tr></table>")
    article = extract_article(_dede(f"<p>{DEDE_TEXT}</p><p>{DEDE_TEXT}</p>{files}"), DEDE_URL, family="generic")
    assert article.images == []
    assert [a.url for a in article.attachments] == ["http://h.vn/uploads/soft/231110/1-23111015411V02.pdf"]


def test_a_photo_set_s_pictures_each_take_the_caption_after_them():
    pictures = "<div class='picbox'>" + "".join(
        f"<a href='/uploads/allimg/{n}.jpg'><img src='/uploads/allimg/{n}.jpg' id='bigimg' alt=''></a>"
        f"<br /><a href='/uploads/allimg/{n}.jpg' target='_blank'>{caption}</a>"
        for n, caption in (("1", "Đồng chí Bí thư Huyện ủy trao quà cho các hộ gia đình"), ("2", ""),
                           ("3", "Các đại biểu giao lưu văn nghệ tại Ngày hội"))) + "</div>"
    article = extract_article(_dede(f"<p>{DEDE_TEXT}</p><p>{DEDE_TEXT}</p>", pictures=pictures), DEDE_URL, family="generic")
    assert [(i.url, i.caption) for i in article.images] == [
        ("http://h.vn/uploads/allimg/1.jpg", "Đồng chí Bí thư Huyện ủy trao quà cho các hộ gia đình"),
        ("http://h.vn/uploads/allimg/2.jpg", None),
        ("http://h.vn/uploads/allimg/3.jpg", "Các đại biểu giao lưu văn nghệ tại Ngày hội")]


def test_the_item_a_person_s_icon_opens_names_the_author():
    page = (f"<html><head><title>{DEDE_TITLE}</title></head><body><h1>{DEDE_TITLE}</h1><ul class='list-inline mura-meta'>"
            "<li><i class='fa fa-clock-o'></i> 23 tháng 11, 2023 15:30</li><li><i class='fa fa-eye'></i> 1,286 lượt xem</li>"
            "<li><i class='fa fa-user' aria-hidden='true'></i> Thanh Hương</li></ul>"
            f"<div class='mura-body'><p>{DEDE_TEXT}</p><p>{DEDE_TEXT}</p></div>"
            "<ul class='thong-ke'><li><i class='fa fa-user'></i> Đang truy cập: <strong>23</strong></li></ul></body></html>").encode()
    assert extract_article(page, DEDE_URL, family="generic").author == "Thanh Hương"


def test_a_number_in_a_date_s_folders_and_a_hex_news_id_address_articles():
    from scraper.extract.listing import looks_like_article_url

    assert looks_like_article_url("http://h.vn/a/tintuc/2023/1115/128.html")
    assert looks_like_article_url("http://h.vn/portal/vonhai/news/detail?newsId=8f2d4c1a7f0001017c3b9e2d1a5f6e08")
    # a day's archive of a blog (year, month, day) and a year folder's listing are no article
    assert not looks_like_article_url("http://h.vn/2023/11/15")
    assert not looks_like_article_url("http://h.vn/tin-tuc/2023/")


def test_a_chinese_pager_left_in_a_re_skinned_portal_leads_to_the_next_page():
    from scraper.extract import extract_listing

    items = "".join(f"<li><a href='/a/tintuc/2023/1115/{n}.html'>Tin số {n} của huyện Yên Thế năm 2023</a></li>"
                    for n in range(120, 130))
    pager = ("<ul class='pagelist'><li><a>首页</a></li><li><a>上一页</a></li><li class='thisclass'><a>1</a></li>"
             "<li><a href='list_1_2.html'>2</a></li><li><a href='list_1_2.html'>下一页</a></li>"
             "<li><a href='list_1_2.html'>末页</a></li></ul>")
    page = f"<html><body><ul class='list'>{items}</ul>{pager}</body></html>".encode()
    listing = extract_listing(page, "http://h.vn/a/tintuc/")
    assert listing.next_pages == ["http://h.vn/a/tintuc/list_1_2.html"]
    assert len(listing.article_urls) == 10


def test_a_day_in_the_date_s_element_takes_its_time_from_the_next_near_the_title():
    # (a learned profile's date selector takes the day's element; its time is the next element's)
    page = _page(EXO_HEADER.replace("<span>15 tháng 11, 2022</span>", "<span class='newsPostedDate'>15 tháng 11, 2022</span>"))
    profile = {"article": {"date": [".newsPostedDate"]}}
    assert extract_article(page, URL, family="generic", profile=profile).published == "2022-11-15T14:30:00+07:00"
