"""Habits of the forty-first round of portals made blind, each as a general rule on a small page (one
on its saved page): the opening block before the text's block a site profile names, the text's block
named twice around a photo story's gallery, an author's field after the related list ending the text,
an author's line after the text's pictures, a photographer's line closing the text, a byline container
named for its comments' count too, the posting account's handle and its menu, a picture behind a
thumbnail flag."""
from __future__ import annotations

from pathlib import Path

from scraper.extract import extract_article

UNSEEN = Path(__file__).resolve().parents[1] / "fixtures" / "unseen_portals"

TITLE = "Nông dân Phú Lương tập trung thu hoạch chè vụ thu"
URL = "http://h.vn/news/article/3397/nong-dan-phu-luong-tap-trung-thu-hoach-che-vu-thu"
LEAD = ("Những ngày cuối tháng 10, nông dân các xã vùng chè của huyện Phú Lương đang tập trung thu hoạch lứa "
        "chè cuối vụ thu.")
TEXT = ("Toàn huyện hiện có trên 4.200 ha chè, trong đó diện tích chè cho sản phẩm đạt gần 3.900 ha; năng suất "
        "bình quân ước đạt 125 tạ/ha, sản lượng chè búp tươi cả năm ước đạt trên 48.000 tấn. ") * 3
CLOSING = ("Để nâng cao giá trị sản phẩm, huyện tiếp tục khuyến khích người dân liên kết sản xuất theo chuỗi, "
           "áp dụng quy trình VietGAP.")


def _page(inside: str) -> bytes:
    return (f"<html lang='vi'><head><title>{TITLE}</title></head><body><div class='header'>Thứ Năm, ngày "
            f"10/11/2022</div><div id='main'><h2 class='title'>{TITLE}</h2>{inside}</div>"
            "<div class='footer'>Giấy phép cấp ngày 25/5/2017</div></body></html>").encode()


def test_the_opening_block_right_before_the_text_s_block_a_site_profile_names_is_its_lead():
    # (Zikula's MUNewsModule: `#message-display-start` with the bold lead, then `#message-display-main`,
    # the block a profile learned from the site's pages names alone)
    profile = {"article": {"content": ["#message-display-main"]}}
    inside = f"<div id='start'>&nbsp;<b>{LEAD}</b></div><div id='message-display-main'><div>{TEXT}</div></div>"
    record = extract_article(_page(inside), URL, profile=profile)
    assert record.body.startswith(LEAD)
    assert TEXT.strip() in record.body


def test_a_short_line_or_a_caption_field_before_the_text_s_block_is_no_lead():
    profile = {"article": {"content": ["#message-display-main"]}}
    for before in ("<div class='meta'>Ngày đăng: 27/10/2022 | Lượt xem: 3.096</div>",
                   f"<div class='field-caption'>{LEAD}</div>"):
        record = extract_article(_page(before + f"<div id='message-display-main'><div>{TEXT}</div></div>"), URL,
                                 profile=profile)
        assert record.body.startswith(TEXT[:40]), before


def test_the_text_s_block_named_again_after_a_photo_story_s_gallery_is_the_same_text():
    # (Cascade's static pages: `div.article-body`, the gallery's figures, `div.article-body article-body-end`)
    profile = {"article": {"content": ["div.article-body"]}}
    gallery = "".join(f"<figure class='gallery-item'><img src='/img/que-{n}.jpg' width='640'>"
                      f"<figcaption>Người dân xã Xuân Tầm bóc vỏ quế, ảnh {n}</figcaption></figure>" for n in (1, 2))
    inside = (f"<div class='article-body'><p>{TEXT}</p></div><div class='photo-gallery'>{gallery}</div>"
              f"<div class='article-body article-body-end'><p>{CLOSING}</p></div><div class='share'>Chia sẻ</div>")
    record = extract_article(_page(inside), URL, profile=profile)
    assert record.body.endswith(CLOSING)
    assert [i.url for i in record.images] == ["http://h.vn/img/que-1.jpg", "http://h.vn/img/que-2.jpg"]
    assert "Chia sẻ" not in record.body


def test_the_selector_s_later_match_elsewhere_on_the_page_is_not_the_text():
    # (only the text's block's own siblings continue it: a teaser card in the sidebar built alike is another article's)
    profile = {"article": {"content": ["div.article-body"]}}
    teaser = f"Người dân xã Xuân Tầm thu hoạch quế vụ chiêm, giá quế khô tăng cao. {TITLE} trong tuần qua."
    inside = (f"<div class='article-body'><p>{TEXT}</p></div><div class='photo-gallery'><img src='/img/que-1.jpg'></div>"
              f"<aside class='col'><div class='card'><div class='article-body'><p>{teaser}</p></div></div></aside>")
    record = extract_article(_page(inside), URL, profile=profile)
    assert "Xuân Tầm" not in record.body


# -- authors, dates and pictures -------------------------------------------------------------------

NEWS = ("<p>" + "Sáng 15/11, Ban Công tác Mặt trận thôn Khe Cọ tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm 2023, "
        "thu hút đông đảo nhân dân tham gia. " * 3 + "</p>")


def _news(inside: str) -> bytes:
    return (f"<html lang='vi'><head><title>{TITLE}</title></head><body><div class='header'>Thứ Năm, ngày "
            f"10/11/2022</div><div id='main'><div class='post'><h1>{TITLE}</h1>{inside}</div></div>"
            "<div class='footer'>Giấy phép cấp ngày 25/5/2017</div></body></html>").encode()


def test_the_labelled_author_after_the_related_list_that_ends_the_text():
    # (Orchard's TextField "Tác giả:" printed after the body, whose editor ended it with "Tin liên quan:")
    related = "<p><strong>Tin liên quan:</strong></p><ul><li><a href='/tin-tuc/a'>Lục Yên ra quân</a> <em>(17/11/2022)</em></li></ul>"
    field = "<p class='text-field'><span class='name'>Tác giả:</span> <span class='value'>Thu Hà (Trung tâm TT-VH huyện)</span></p>"
    record = extract_article(_news(f"<div class='body'>{NEWS}{NEWS}{related}{field}</div>"), URL)
    assert record.author == "Thu Hà (Trung tâm TT-VH huyện)"
    assert "Lục Yên ra quân" not in record.body and "Tác giả" not in record.body
    # (a line after the list that names no one is no author)
    record = extract_article(_news(f"<div class='body'>{NEWS}{NEWS}{related}<p>Lượt xem: 352</p></div>"), URL)
    assert record.author is None


def test_the_author_s_line_after_the_text_s_pictures_set_apart_with_their_heading():
    # (phpwcms's photo story, its saved page: the text's content parts after the article's header block,
    # "Một số hình ảnh tại Ngày hội" over the image part, then "Tin, ảnh: Thu Hà", the update's line, the tools)
    page = (UNSEEN / "phpwcms" / "pages" / "article-1291.html").read_bytes()
    record = extract_article(page, "http://h.vn/phong-su-anh-ngay-hoi-dai-doan-ket-toan-dan-toc-o-xom-8-xa-hai-minh.html")
    assert record.author == "Thu Hà" and "Thu Hà" not in record.body


def test_a_photographer_s_line_set_right_closing_the_text_is_its_author():
    # (vBulletin's bbcode: `[RIGHT][I][B]Ảnh: Thái Hòa[/B][/I][/RIGHT]` ends a photo story; a credit
    # line between the paragraphs stays a picture's credit, no author)
    credit = "<div style='text-align: right;'><i><b>Ảnh: Thái Hòa</b></i></div>"
    record = extract_article(_news(f"<div class='body'>{NEWS}{NEWS}{credit}</div>"), URL)
    assert record.author == "Thái Hòa" and "Ảnh" not in record.body
    record = extract_article(_news(f"<div class='body'>{NEWS}{credit}{NEWS}</div>"), URL)
    assert record.author is None and "Ảnh" not in record.body


def test_a_byline_line_named_for_its_comments_count_too_is_the_article_s_own():
    # (vBulletin's `div.article_author_date_comment_container` under the title: the date and views there)
    line = ("<div class='article_author_date_comment_container'><div class='article_username_container'>"
            "Ngày đăng: 14-11-2023  03:25 PM &nbsp;Lượt xem: 2.847</div></div>")
    files = "<ul class='files'><li><a href='/attachment.php?attachmentid=1262'>TB-418.pdf</a> (184,6 KB, 312 lượt xem)</li></ul>"
    record = extract_article(_news(f"{line}<div class='body'>{NEWS}{NEWS}</div>{files}"), URL)
    assert record.published == "2023-11-14T15:25:00+07:00" and record.views == 2847


def test_the_posting_account_s_handle_and_its_menu_are_no_author():
    # (vBulletin's "bởi <a class=username href=member.php?7-vanphong>vanphong</a>" and the account's
    # popup menu "Xem hồ sơ", "Xem bài viết"; a person's name so linked stays the author)
    def byline(name: str) -> str:
        return (f"<div class='byline'>bởi <div class='popupmenu'><a class='username' href='member.php?7-x'>"
                f"<strong>{name}</strong></a><ul class='popupbody'><li><a href='member.php?7-x'>Xem hồ sơ</a></li>"
                "<li><a href='search.php?do=finduser&amp;userid=7'>Xem bài viết</a></li></ul></div></div>")
    record = extract_article(_news(f"{byline('vanphong')}<div class='body'>{NEWS}{NEWS}</div>"), URL)
    assert record.author is None
    record = extract_article(_news(f"{byline('Nguyễn Thu Hà')}<div class='body'>{NEWS}{NEWS}</div>"), URL)
    assert record.author == "Nguyễn Thu Hà"


def test_a_script_s_picture_behind_a_thumbnail_flag_is_the_picture_s_full_size_and_no_file():
    # (vBulletin's lightbox: `<a href="attachment.php?attachmentid=1247&d=...">` around its `&thumb=1` copy)
    picture = ("<div style='text-align: center;'><a href='attachment.php?attachmentid=1247&amp;d=1700184019' "
               "rel='Lightbox_1245'><img src='attachment.php?attachmentid=1247&amp;d=1700184019&amp;thumb=1' "
               "class='thumbnail' width='300'></a></div><div style='text-align: center;'><i>Đại biểu tham quan mô "
               "hình vườn mẫu</i></div>")
    record = extract_article(_news(f"<div class='body'>{NEWS}{picture}{NEWS}</div>"), "http://h.vn/content.php?r=1245-x")
    assert [i.url for i in record.images] == ["http://h.vn/attachment.php?attachmentid=1247&d=1700184019"]
    assert record.attachments == []
