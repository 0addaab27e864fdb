"""Habits of the fifty-seventh round of portals made blind, and what the open portals still
showed (SMF with TinyPortal's text in lines), each as a general rule on a small page."""
from __future__ import annotations

from scraper.extract import extract_article

TITLE = "Huyện Hải Hậu triển khai Kế hoạch chuyển đổi số năm 2024"
URL = "http://h.vn/index.php?page=15"
SENTENCE = ("Năm 2023, công tác chuyển đổi số trên địa bàn huyện đạt nhiều kết quả tích cực, các cơ quan, đơn vị "
            "sử dụng chữ ký số trong gửi, nhận văn bản điện tử và giải quyết hồ sơ trực tuyến. ")


def _page(inside: str, head: str = "", title: str = TITLE) -> bytes:
    return (f"<html lang='vi'><head><title>{title}</title>{head}</head><body><div class='top'>Thứ Tư, 19/06/2024"
            f"</div><div class='post'>{inside}</div><div class='footer'>Giấy phép cấp ngày 16/8/2016</div></body></html>").encode()


def test_two_breaks_in_a_row_end_a_paragraph_of_a_text_written_in_lines():
    # (BBCode rendered with <br> and no <p>: the paragraphs a reader sees stay paragraphs)
    text = f"{SENTENCE * 2}<br /><br />{SENTENCE}<br />Dòng tiếp theo của đoạn.<br /><br />{SENTENCE * 2}"
    page = _page(f"<h1>{TITLE}</h1><div class='article_inner'>{text}</div>")
    body = extract_article(page, URL).body
    assert body.count("\n\n") == 2
    assert "Dòng tiếp theo của đoạn." in body.split("\n\n")[1]  # (one break is a line of the same paragraph)


def test_the_files_label_left_alone_as_a_text_s_closing_line_is_no_text():
    # (SMF's attachments under a rule: "<b>Tài liệu đính kèm:</b><br>", then each file's line)
    files = ("<hr /><strong>Tài liệu đính kèm:</strong><br /><a href='/index.php?action=dlattach;topic=231.0;attach=907'"
             ">Phụ lục danh mục nhiệm vụ</a> (DOCX, 24 KB)<br /><a href='/index.php?action=tpmod;dl=get27'>Kế hoạch số "
             "52/KH-UBND</a> (PDF, 118 KB)")
    page = _page(f"<h1>{TITLE}</h1><div class='pad'><div class='article_inner'>{SENTENCE * 3}<br /><br />{SENTENCE * 2}"
                 f"{files}</div><div class='article_bodytext'></div></div>")
    a = extract_article(page, URL)
    assert "đính kèm" not in a.body
    assert len(a.attachments) == 2


def test_a_link_to_the_same_handler_but_for_the_file_s_number_opens_the_full_size():
    # (a forum keeps a picture's thumbnail as an attachment of its own: SMF's `attach=846;image` inside
    # a link to `attach=845;image`)
    photo = ("<div align='center'><a href='/index.php?action=dlattach;topic=212.0;attach=845;image'><img src='/index.php"
             "?action=dlattach;topic=212.0;attach=846;image' class='bbc_img' width='600' /></a></div>")
    page = _page(f"<h1>{TITLE}</h1><div class='article_inner'>{SENTENCE * 2}<br />{photo}<br />{SENTENCE * 2}</div>")
    assert [i.url.rsplit("=", 1)[-1] for i in extract_article(page, URL).images] == ["845;image"]


def test_a_link_to_another_page_of_the_same_script_is_no_full_size():
    # (the picture links an article of the same `index.php`: two values differ, and one is a word)
    photo = ("<p><a href='/index.php?page=16'><img src='/index.php?action=dlattach;attach=846;image' width='600' /></a>"
             "</p>")
    page = _page(f"<h1>{TITLE}</h1><div class='article_inner'>{SENTENCE * 2}{photo}<p>{SENTENCE * 2}</p></div>")
    assert [i.url.rsplit("=", 1)[-1] for i in extract_article(page, URL).images] == ["846;image"]


def test_the_article_s_own_line_after_a_text_its_related_box_closes_is_read():
    # (FirstSpirit's body of sections, the last `section.st-related-links`, then the author's line
    # after the sections' element: "Tác giả: <strong>Ngọc Hân</strong>")
    related = ("<div class='section st-related-links'><h2>Tin liên quan</h2><ul><li><a href='/vi/tin-tuc/a.html'>Đức "
               "Trọng ra quân hưởng ứng Ngày Môi trường thế giới</a></li></ul></div>")
    page = _page(f"<article><header><h1>{TITLE}</h1></header><div class='news-detail__body'><div class='section "
                 f"st-text'><p>{SENTENCE * 2}</p><p>{SENTENCE * 2}</p></div>{related}</div><p class='news-detail__"
                 f"author'>Tác giả: <strong>Ngọc Hân</strong></p><footer><div class='tags'>Từ khóa: <a href='/t'>"
                 f"chuyển đổi số</a></div></footer></article>")
    assert extract_article(page, URL).author == "Ngọc Hân"


def test_a_teaser_after_a_text_its_related_box_closes_is_no_line_of_the_article():
    # (the next article's card after the text's element: its linked author is that article's)
    related = ("<div class='related'><h2>Tin liên quan</h2><ul><li><a href='/a.html'>Đức Trọng ra quân hưởng ứng "
               "Ngày Môi trường thế giới</a></li></ul></div>")
    page = _page(f"<article><header><h1>{TITLE}</h1></header><div class='body'><div class='text'><p>{SENTENCE * 2}"
                 f"</p><p>{SENTENCE * 2}</p></div>{related}</div><div class='card'><h2><a href='/b.html'>Lễ hội "
                 f"mùa xuân</a></h2><div class='article-author'><a href='/autor/x'>Lê Văn Tám</a></div></div>"
                 f"</article>")
    assert extract_article(page, URL).author is None


def _news_flash(text: str, after: str = "") -> bytes:
    # (CivicPlus's News Flash item: the module's name as the <title>'s first part and the page's h1,
    # the category's heading above the item, the item's title an h3 after the sidebar's h3s)
    return ("<html lang='en'><head><title>News Flash • Cẩm Giàng, Hải Dương • CivicEngage</title></head><body>"
            "<div id='page'><h1 class='pageTitle'>News Flash</h1><div class='sidebar'><h3>Categories</h3><ol>"
            "<li><a href='/CivicAlerts.aspx?CID=1'>Tin tức - Sự kiện</a></li></ol><h3>Tools</h3></div>"
            "<div class='contentMain'><div class='single'><h2 class='categoryName'><span>Tin tức - Sự kiện</span>"
            f"</h2><div class='item'><h3>{TITLE}</h3><span class='date'>Posted on: March 3, 2025</span>"
            f"<div class='fr-view'>{text}</div></div></div></div>{after}</div></body></html>").encode()


def test_a_heading_under_the_module_s_h1_the_title_opens_with_is_the_title():
    a = extract_article(_news_flash(f"<p>{SENTENCE * 2}</p><p>{SENTENCE * 2}</p>"), "http://h.vn/CivicAlerts.aspx?AID=2317")
    assert a.title == TITLE


def test_a_kicker_named_a_category_just_above_the_article_s_box_is_the_category():
    a = extract_article(_news_flash(f"<p>{SENTENCE * 2}</p><p>{SENTENCE * 2}</p>"), "http://h.vn/CivicAlerts.aspx?AID=2317")
    assert a.category == "Tin tức - Sự kiện"


def test_a_sidebar_s_teaser_after_a_text_holding_its_title_is_no_lead():
    teaser = ("<section class='widget'><h3>Tin mới</h3><ol><li><h4><a href='/CivicAlerts.aspx?AID=2296'>Cẩm Giàng "
              "tổng kết chuyển đổi số</a></h4><div class='widgetDesc'>Năm 2024, tỷ lệ hồ sơ thủ tục hành chính được "
              "giải quyết trực tuyến toàn trình đạt 76,4%. <a href='/CivicAlerts.aspx?AID=2296'>Read on...</a></div>"
              "</li></ol></section>")
    page = (f"<html><head><title>{TITLE}</title></head><body><div class='main'><div class='single'><h1>{TITLE}</h1>"
            f"<span class='date'>03/03/2025</span><p>{SENTENCE * 2}</p><p>{SENTENCE * 2}</p></div></div><div "
            f"class='side'>{teaser}</div></body></html>").encode()
    assert "76,4%" not in extract_article(page, URL).body


def test_a_link_between_the_files_label_and_its_type_and_size_is_a_file_whatever_its_address():
    line = ("<p><strong>Tài liệu đính kèm:</strong> <a href='/DocumentCenter/View/4127/Ke-hoach-so-38?bidId='>Kế hoạch "
            "số 38/KH-UBND</a> (PDF, 186 KB)</p>")
    a = extract_article(_news_flash(f"<p>{SENTENCE * 2}</p><p>{SENTENCE * 2}</p>{line}"),
                        "http://h.vn/CivicAlerts.aspx?AID=2309")
    assert [x.name for x in a.attachments] == ["Kế hoạch số 38/KH-UBND"]
    assert "đính kèm" not in a.body and "186 KB" not in a.body


def test_a_link_to_a_page_with_a_size_after_it_and_no_label_is_no_file():
    line = "<p>Xem thêm <a href='/tin-tuc/ke-hoach-38'>bài viết về kế hoạch số 38</a> (PDF, 186 KB) của huyện.</p>"
    a = extract_article(_news_flash(f"<p>{SENTENCE * 2}</p><p>{SENTENCE * 2}</p>{line}"),
                        "http://h.vn/CivicAlerts.aspx?AID=2309")
    assert a.attachments == []


def test_the_picture_the_headline_is_set_over_marked_as_the_article_s_image_is_the_article_s():
    # (SDL Tridion DXA's hero: `div.hero[property="s:image"]` around a full-width `<img width="100%">` and
    # the `h1` in its overlay, in an RDFa `<article typeof="s:Article">`)
    hero = ("<div class='hero' property='s:image'><img src='/media/vu-dong_tcm5-4477_w1024_h311_n.jpg' alt='Nông dân "
            f"trồng khoai tây vụ đông' width='100%'/><div class='overlay'><h1 property='s:headline'>{TITLE}</h1></div>"
            "</div>")
    page = _page(f"<article typeof='s:Article'>{hero}<div class='meta'><time datetime='2024-10-08T09:40:00'>08/10/2024"
                 f"</time></div><div class='content'><p>{SENTENCE * 2}</p><p>{SENTENCE * 2}</p></div></article>")
    assert [i.url.rsplit("/", 1)[-1] for i in extract_article(page, URL).images] == ["vu-dong_tcm5-4477_w1024_h311_n.jpg"]


def test_a_link_s_card_to_another_post_is_no_lead():
    # (BeTheme's `a.fixed-nav` to the previous post between the subheader's title and the text, its
    # title in a `span.desc`)
    card = ("<a class='fixed-nav fixed-nav-prev' href='/hoi-lhpn-trao-sinh-ke/'><span class='arrow'></span><span "
            "class='desc'><h6>Hội LHPN huyện Krông Pắc trao sinh kế giúp hội viên phụ nữ vươn lên thoát nghèo</h6>"
            "<span class='date'>25/04/2025</span></span></a>")
    page = _page(f"<div id='Subheader'><h1 class='title'>{TITLE}</h1></div><article class='post'>{card}<div "
                 f"class='the_content_wrapper'><p>{SENTENCE * 2}</p><p>{SENTENCE * 2}</p></div></article>")
    assert "Hội LHPN" not in extract_article(page, URL, family="generic").body


def _ladi(boxes: str, style: str) -> bytes:
    # (LadiPage: no <img>, the picture's address only in the stylesheet's rule for its box's id, the
    # desktop's rendition before the phone's)
    return (f"<html><head><title>{TITLE}</title><style id='style_element'>@media (min-width: 768px) {{ {style} }}"
            f"@media (max-width: 767px) {{ {style.replace('s1100x850', 's750x600')} }}</style></head><body>"
            f"<div class='ladi-wraper'><div id='SECTION_CONTENT' class='ladi-section'><div class='ladi-container'>"
            f"<div id='HEADLINE30' class='ladi-element'><h3 class='ladi-headline'>{TITLE}</h3></div>{boxes}"
            f"</div></div></div></body></html>").encode()


def _ladi_paragraph(n: int, inner: str) -> str:
    return f"<div id='PARAGRAPH{n}' class='ladi-element'><div class='ladi-paragraph'>{inner}</div></div>"


LADI_PICTURE = ("<div id='IMAGE40' class='ladi-element'><div class='ladi-image'><div class='ladi-image-background'>"
                "</div></div></div>")
LADI_RULE = "#IMAGE40 > .ladi-image > .ladi-image-background { background-image: url(\"/ladicdn/s1100x850/x/tan-ha.jpg\"); }"


def test_a_picture_drawn_only_by_the_stylesheet_s_rule_for_an_empty_box_is_the_article_s():
    boxes = (_ladi_paragraph(39, SENTENCE * 2) + LADI_PICTURE + _ladi_paragraph(41, "<span style='font-style: italic;'>"
             "Đoàn viên thanh niên hướng dẫn người dân cài đặt ứng dụng VNeID</span>") + _ladi_paragraph(42, SENTENCE * 2))
    a = extract_article(_ladi(boxes, LADI_RULE), URL)
    assert [(i.url.split("/ladicdn/", 1)[-1], i.caption) for i in a.images] == [
        ("s1100x850/x/tan-ha.jpg", "Đoàn viên thanh niên hướng dẫn người dân cài đặt ứng dụng VNeID")]  # (the wide screen's)
    assert "VNeID" not in a.body


def test_a_box_the_stylesheet_paints_holding_text_is_no_picture():
    # (a banner drawn behind words: the words are the thing, not a photograph)
    boxes = (_ladi_paragraph(39, SENTENCE * 2) + "<div id='IMAGE40' class='ladi-element'><div class='ladi-image'>Đường "
             "dây nóng: 0263 3840 123</div></div>" + _ladi_paragraph(42, SENTENCE * 2))
    assert extract_article(_ladi(boxes, LADI_RULE.replace(" > .ladi-image > .ladi-image-background", "")), URL).images == []


def test_a_line_set_in_italics_by_its_style_under_a_picture_is_its_caption():
    photo = ("<p><img src='/uploads/2024/le-ra-quan.jpg' width='700'/></p><p><span style='font-style: italic;'>Đoàn "
             "viên thanh niên ra quân dọn vệ sinh môi trường</span></p>")
    page = _page(f"<article><h1>{TITLE}</h1><div class='content'><p>{SENTENCE * 2}</p>{photo}<p>{SENTENCE * 2}</p>"
                 f"</div></article>")
    assert [i.caption for i in extract_article(page, URL).images] == ["Đoàn viên thanh niên ra quân dọn vệ sinh môi trường"]


def _forum_news(day_line: str) -> bytes:
    # (SMF with TinyPortal: the news item's day told relative to the page's, the page's clock in the
    # user's box, a banner's anniversary to come, the forum's record day in its statistics box)
    return (f"<html><head><title>{TITLE}</title></head><body><div class='header'><p>Chào mừng kỷ niệm 99 năm Ngày Báo "
            f"chí cách mạng Việt Nam (21/6/1925 - 21/6/2024)!</p></div><div class='user'>Thứ Tư, 19/06/2024 - 15:40"
            f"</div><div class='main'><div class='article'><h2 class='article_title'>{TITLE}</h2><span "
            f"class='article_date'>{day_line}</span><div class='article_inner'>{SENTENCE * 3}<br /><br />"
            f"{SENTENCE * 2}</div></div></div><div class='stats'><ul><li>Trực tuyến nhiều nhất: 1.024</li><li>(Thứ "
            f"Hai, 02/09/2019 - 20:15)</li></ul></div></body></html>").encode()


def test_a_day_told_relative_to_the_page_s_is_counted_back_from_the_page_s_clock():
    a = extract_article(_forum_news("<strong>Hôm qua</strong> lúc 09:30"), URL)
    assert (a.published, a.published_text) == ("2024-06-18T09:30:00+07:00", "Hôm qua lúc 09:30")


def test_today_is_the_page_s_clock_s_day():
    assert extract_article(_forum_news("<strong>Hôm nay</strong> lúc 08:05"), URL).published == "2024-06-19T08:05:00+07:00"
