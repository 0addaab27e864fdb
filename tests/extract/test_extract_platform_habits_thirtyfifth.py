"""Habits of the fortieth round of portals made blind, each as a general rule on a small page: a
story's "read on" beside the pager's next, an item named by its kind alone, a wiki's page names, a
Java short month first, an update's label with a name before its date, a text written into one block
after the title, a day before the title, a file's name for a caption, a file box's label, a hidden
heading, a view counter in a layout's slot, files in the next zone, a doubled section link, a
creator's byline, a day's time in another line, a lead block, a pager's angle brackets, an entry's
own header, a page in a month's folder of the trail."""
from __future__ import annotations

from pathlib import Path

from scraper.extract import extract_article, extract_listing

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "unseen_portals"

TITLE = "Yên Thủy triển khai các hoạt động hưởng ứng Ngày Pháp luật năm 2022"
URL = "http://h.vn/tin-tuc/yen-thuy-trien-khai-cac-hoat-dong-huong-ung-ngay-phap-luat"
TEXT = ("<p>" + "Hưởng ứng Ngày Pháp luật nước Cộng hòa xã hội chủ nghĩa Việt Nam, UBND huyện tổ chức nhiều hoạt "
        "động tuyên truyền, phổ biến, giáo dục pháp luật, thu hút đông đảo cán bộ và nhân dân tham gia. " * 3 + "</p>")
MORE = ("<p>" + "Các xã, thị trấn tổ chức hội nghị, tọa đàm, thi tìm hiểu pháp luật, treo băng rôn, khẩu hiệu và "
        "phát thanh trên hệ thống loa truyền thanh cơ sở. " * 2 + "</p>")
LINES = ("Hưởng ứng Ngày Pháp luật nước Cộng hòa xã hội chủ nghĩa Việt Nam, UBND huyện tổ chức nhiều hoạt động "
         "tuyên truyền, phổ biến, giáo dục pháp luật, thu hút đông đảo cán bộ và nhân dân tham gia.<br /><br />") * 3


def _page(inside: str, head: str = "") -> bytes:
    return (f"<html lang='vi'><head><title>{TITLE}</title>{head}</head><body><div class='header'>Thứ Năm, ngày "
            f"10/11/2022</div><div id='main'>{inside}</div><div class='footer'>Giấy phép cấp ngày 25/5/2017</div>"
            "</body></html>").encode()


# -- listings --------------------------------------------------------------------------------------

def _story(n: int) -> str:
    return (f"<article class='storytext'><h2 class='story_title'><a href='/article.php?story=2022110{n}160245318'>"
            f"{TITLE} {n}</a></h2><div class='story_introtext'>{TEXT}</div><ul class='story_navi'><li>"
            f"<a href='/article.php?story=2022110{n}160245318'>Xem tiếp</a></li></ul></article>")


def test_a_story_s_read_on_link_is_no_pager_where_the_pager_says_next_and_the_kind_names_its_item():
    # (Geeklog: every story of a topic ends in "Xem tiếp" to itself, `article.php?story=<timestamp>`;
    # the pager's "Sau" goes on to `index.php?topic=tin-tuc&page=2`)
    pager = ("<div class='gl-pagenav'><b>1</b><a href='/index.php?topic=tin-tuc&amp;page=2'>2</a> | "
             "<a href='/index.php?topic=tin-tuc&amp;page=2'>Sau</a></div>")
    listing = extract_listing(_page("".join(_story(n) for n in range(1, 4)) + pager), "http://h.vn/index.php?topic=tin-tuc")
    assert listing.next_pages == ["http://h.vn/index.php?topic=tin-tuc&page=2"]
    assert listing.article_urls == [f"http://h.vn/article.php?story=2022110{n}160245318" for n in range(1, 4)]


def test_a_wiki_s_page_names_in_camel_case_or_spelt_with_spaces_are_articles():
    # (XWiki's blog: `/xwiki/bin/view/Blog/YenTheTrienKhaiKeHoachChuyenDoiSoNam2023`, a post named by its title)
    names = ["YenTheTrienKhaiKeHoachChuyenDoiSoNam2023", "TamTienRaMatMoHinhDanVanKheo",
             "Kh%C3%A1nh%20th%C3%A0nh%20c%E1%BA%A7u%20B%E1%BA%BFn%20Tr%C4%83m"]
    items = "".join(f"<div class='blogpost'><h3><a href='/xwiki/bin/view/Blog/{n}'>{TITLE} {i}</a></h3>{TEXT}</div>"
                    for i, n in enumerate(names))
    listing = extract_listing(_page(items), "http://h.vn/xwiki/bin/view/Blog/Categories/TinTucSuKien/")
    assert listing.article_urls == [f"http://h.vn/xwiki/bin/view/Blog/{n}" for n in names]


def test_a_pager_s_angle_brackets_and_the_page_s_number_after_its_name():
    # (Pelican: `tin-tuc-su-kien2.html` after `tin-tuc-su-kien.html`, "⟩" and "⟫" its only words)
    items = "".join(f"<li><article class='hentry'><header><h1><a href='/2024/04/bai-viet-so-{n}-ve-ngay-phap-luat.html' "
                    f"rel='bookmark'>{TITLE} {n}</a></h1></header><div class='entry-content'>{TEXT}</div></article></li>"
                    for n in range(3))
    pager = ("<nav><ul><li>Trang 1 / 2</li><li><a href='/category/tin-tuc-su-kien2.html'>&rang;</a></li>"
             "<li><a href='/category/tin-tuc-su-kien2.html'>&Rang;</a></li></ul></nav>")
    listing = extract_listing(_page(f"<ol id='posts-list'>{items}</ol>{pager}"), "http://h.vn/category/tin-tuc-su-kien.html")
    assert listing.next_pages == ["http://h.vn/category/tin-tuc-su-kien2.html"]
    # an entry's own header holds its headline: no page's header (`article.hentry > header > h1 > a`)
    assert listing.article_urls == [f"http://h.vn/2024/04/bai-viet-so-{n}-ve-ngay-phap-luat.html" for n in range(3)]


# -- dates -----------------------------------------------------------------------------------------

def test_a_java_short_month_first_and_an_update_s_label_with_a_name_before_its_date():
    # (XWiki: "Sửa đổi lần cuối bởi <a>Administrator</a> vào 2022/11/07 10:20" above the blog's calendar
    # heading "thg 11 02 2022", its time in `article:published_time` in UTC)
    line = ("<div class='xdocLastModification'>\n      Sửa đổi lần cuối bởi <a href='/xwiki/bin/view/XWiki/Admin'>"
            "Administrator</a> vào 2022/11/07 10:20\n    </div><h2 class='blogdate'><span class='month'>thg 11</span> "
            "<span class='day'>02</span> <span class='year'>2022</span></h2>")
    page = _page(f"<h1>{TITLE}</h1>{line}<div class='entry-content'>{TEXT}{MORE}</div>",
                 head="<meta property='article:published_time' content='2022-11-02T02:15:00+0000'>")
    assert extract_article(page, URL).published == "2022-11-02T02:15:00+00:00"


def test_a_day_under_its_label_takes_its_time_from_the_creator_s_line_of_the_same_day():
    # (Zikula's News: "Tạo bởi Hoàng Yến vào 15:30 3 thg 11, 2022" above "Ngày đăng: 03/11/2022", and the
    # update's line of the next day)
    line = ("<dl><dd>Tạo bởi Hoàng Yến vào 15:30 3 thg 11, 2022</dd><dd>Cập nhật lần cuối bởi <a href='/profile/2'>"
            "admin</a> vào 08:10 3 thg 11, 2022</dd></dl><div class='message-meta'><span>Ngày đăng: 03/11/2022</span>"
            " | <span>Lượt xem: 12.483</span></div>")
    record = extract_article(_page(f"<h2>{TITLE}</h2>{line}<div class='message'>{TEXT}{MORE}</div>"), URL)
    assert record.published == "2022-11-03T15:30:00+07:00"
    assert record.author == "Hoàng Yến"


def test_a_date_in_a_sentence_of_the_text_gives_way_to_the_date_line():
    # (Classic ASP: "(Cập nhật lúc 10:30 ngày 10/5/2023)" its only date line, "Ngày 8/5/2023, UBND huyện ..." the text's)
    sentence = ("<p>Ngày 8/5/2023, UBND huyện ban hành Kế hoạch số 52/KH-UBND về thực hiện chuyển đổi số năm 2023, "
                "với mục tiêu phát triển đồng bộ chính quyền số, kinh tế số và xã hội số trên địa bàn huyện.</p>")
    page = (f"<html><head><title>{TITLE}</title></head><body><h1>{TITLE}</h1><div class='date'>(Cập nhật lúc 10:30 "
            f"ngày 10/5/2023)</div><div class='content'>{sentence}{TEXT}{MORE}</div></body></html>")
    record = extract_article(page.encode(), URL)
    assert record.published == "2023-05-10T10:30:00+07:00"


# -- title, text, pictures, files ------------------------------------------------------------------

def test_a_text_written_into_one_block_after_the_title_its_day_before_the_title_and_its_files_label():
    # (Nucleus: `div.content` holds the trail, `<h2>22/03: title</h2>`, the category and date line, then
    # `div.contentbody`, its lines parted by <br>, a picture captioned by its file's name, "<b>Tải về:</b>
    # <span class="dinhkem"><a>...</a></span>" closing it; the rating line after it)
    picture = ("<div class='anhbai'><img src='/media/4/20230315-DSC_0457.JPG' width='600' alt='20230315-DSC_0457.JPG'>"
               "<div class='chuthich'><i>20230315-DSC_0457.JPG</i></div></div><br /><br />")
    body = (f"<div class='contentbody'>{LINES}{picture}{LINES}<b>Tải về:</b> <span class='dinhkem'><img src='/skin/attach.gif'"
            " width='16'> <a href='/media/2/kh-38-ubnd.pdf'>Kế hoạch số 38/KH-UBND</a></span>\n</div>")
    inside = (f"<div class='content'><div class='duongdan'><a href='/'>Trang chủ</a> » <a href='/index.php?catid=3'>"
              f"Tin tức - Sự kiện</a></div><div class='contenttitle'><h2>22/03: {TITLE}</h2></div><div class='contentitem'>"
              "<span>Chuyên mục: <a href='/index.php?catid=3'>Tin tức - Sự kiện</a></span> <span>Đăng lúc 08:30:00 "
              f"ngày 22/03/2023</span> | <span>Lượt xem: 2.156</span></div>{body}<div class='karma'>Đánh giá bài viết: "
              "14 điểm [<a href='/action.php?action=votepositive'>+</a>]</div></div>")
    record = extract_article(_page(inside), "http://h.vn/index.php?itemid=1207")
    assert record.title == TITLE and record.views == 2156
    assert record.body.startswith("Hưởng ứng") and record.body.endswith("nhân dân tham gia.")
    assert [(i.url, i.caption) for i in record.images] == [("http://h.vn/media/4/20230315-DSC_0457.JPG", None)]
    assert [a.name for a in record.attachments] == ["Kế hoạch số 38/KH-UBND"]


def test_a_hidden_heading_is_no_title_and_a_view_counter_in_the_layout_s_next_slot():
    # (Percussion: `<h3 style="display:none">` the browser's title; the post in one `div.perc-widget`,
    # "Lượt xem: 2.317" in the next one)
    inside = (f"<h3 style='display:none;'>Khởi công cầu treo | Cổng TTĐT huyện</h3><div class='perc-region'>"
              f"<div class='perc-widget'><div class='perc-blog'><h1 class='perc-blog-title'>{TITLE}</h1>"
              f"<div class='perc-blog-post-body'>{TEXT}{MORE}</div></div></div>"
              "<div class='perc-widget'><div class='counter'><span>Lượt xem: 2.317</span></div></div></div>")
    record = extract_article(_page(inside, head="<title>Khởi công cầu treo | Cổng TTĐT huyện</title>"), URL)
    assert record.title == TITLE
    assert record.views == 2317


def test_the_files_in_the_zone_after_the_article_s_only_child_wrappers():
    # (Percussion: the post in `div.perc-widget > div.perc-blog-wrapper > div.perc-blog`, the files'
    # list in the next widget; ImpressCMS: "Tệp đính kèm: <a href='visit.php?fileid=21'>" after the item's tables)
    post = f"<h1>{TITLE}</h1><div class='post-body'>{TEXT}{MORE}</div>"
    files = ("<div class='perc-widget'><div class='rxbodyfield'><h4>TÀI LIỆU ĐÍNH KÈM</h4><ul class='yh-dinh-kem'><li>"
             "<a href='/Assets/uploads/85-kh-ubnd.pdf'>Kế hoạch số 85/KH-UBND</a></li></ul></div></div>")
    inside = (f"<div class='perc-region'><div class='perc-widget'><div class='perc-blog-wrapper'><div class='perc-blog'>"
              f"{post}</div></div></div>{files}<div class='perc-widget'><div class='tools'>In bài</div></div></div>")
    assert [a.url for a in extract_article(_page(inside), URL).attachments] == ["http://h.vn/Assets/uploads/85-kh-ubnd.pdf"]
    item = (f"<div class='item-wrap'><table class='item'><tr><td><table><tr><td class='itemHead'><h1>{TITLE}</h1></td></tr>"
            f"<tr><td class='itemBody'>{TEXT}{MORE}</td></tr></table></td></tr></table></div>"
            "<div class='itemInfo'>Tệp đính kèm: <a href='/modules/news/visit.php?fileid=21'>52-KH-UBND.pdf</a></div>")
    record = extract_article(_page(item), "http://h.vn/modules/news/article.php?storyid=1198")
    assert [a.url for a in record.attachments] == ["http://h.vn/modules/news/visit.php?fileid=21"]


def test_a_title_after_its_section_s_doubled_link_and_a_colon():
    # (ImpressCMS's news module nests the topic's link in another: `<span class="itemTitle"><a><a>Tin tức -
    # Sự kiện</a></a> : the title</span>`, the module's "TIN TỨC - SỰ KIỆN" the only heading)
    inside = ("<h2>TIN TỨC - SỰ KIỆN</h2><table class='item'><tr><td class='itemHead'><span class='itemTitle'>"
              f"<a href='/modules/news/index.php?storytopic=3'><a href='/modules/news/index.php?storytopic=3'>Tin tức - "
              f"Sự kiện</a></a> : {TITLE}</span></td></tr><tr><td class='itemInfo'><span>vào lúc 2023/3/14 15:42:10</span>"
              f" (<span class='itemStats'>1.234 lượt xem</span>)</td></tr><tr><td class='itemBody'>{TEXT}{MORE}</td></tr></table>")
    record = extract_article(_page(inside), "http://h.vn/modules/news/article.php?storyid=1203")
    assert record.title == TITLE
    assert record.published == "2023-03-14T15:42:10+07:00" and record.views == 1234


def test_an_opening_block_right_before_the_text_is_its_lead():
    # (Zikula's News: `#message-display-start` with the lead picture and the bold lead, `#message-display-main`
    # the rest)
    lead = ("Những ngày cuối tháng 10, nông dân các xã vùng chè của huyện tập trung thu hoạch lứa chè cuối vụ thu, "
            "đồng thời chăm sóc, đốn tỉa để chuẩn bị cho vụ chè năm sau.")
    inside = (f"<h2>{TITLE}</h2><div class='message'><div class='actions'><a href='/news'>Quay lại danh sách</a></div>"
              f"<div id='message-display-start'>&nbsp;<b>{lead}</b></div><div id='message-display-main'>{TEXT}{MORE}{TEXT}</div>"
              "</div>")
    assert extract_article(_page(inside), URL).body.startswith(lead)
    # a picture's caption field just before the text's is no lead (Drupal's `field--name-field-chu-thich-anh`,
    # its picture in the field before it)
    page = (FIXTURES / "drupal9" / "pages" / "article-1831.html").read_bytes()
    body = extract_article(page, "http://h.vn/tin-tuc/truong-ththcs-trieu-do", family="generic").body
    assert body.startswith("Sáng 18/3") and "Lãnh đạo huyện trao Bằng công nhận" not in body


def test_a_blog_template_s_byline_in_the_blog_s_language():
    # (Blogger's post footer, "Publié par <span class='fn'>Unknown</span>", "Eingestellt von ...")
    # (and a publisher's copyright line so labelled is no writer: "Publié par Groupe X.<br/>© 2020 X. Tous droits réservés.")
    for byline, expected in [("Publié par <span class='fn'>Unknown</span>", None),
                             ("Eingestellt von <span class='fn'>Anna Müller</span>", "Anna Müller"),
                             ("Publié par Groupe d'Études.<br/>© 2020 GEG. Tous droits réservés.", None)]:
        inside = (f"<div class='post hentry'><h3 class='post-title'>{TITLE}</h3><div class='post-body'>{LINES}</div>"
                  f"<div class='post-footer'><span class='post-author vcard'>{byline}</span></div></div>")
        assert extract_article(_page(inside), URL).author == expected


def test_a_page_in_a_month_s_folder_of_the_trail_is_no_category():
    # (Cascade: "Trang chủ › Tin tức - Sự kiện › 2022 › Tháng 11 › <the page's short name>")
    trail = ("<ol class='breadcrumb'><li><a href='/'>Trang chủ</a></li><li><a href='/tin-tuc/'>Tin tức - Sự kiện</a></li>"
             "<li><span>2022</span></li><li><span>Tháng 11</span></li><li class='active'>Mùa thu hoạch quế</li></ol>")
    record = extract_article(_page(f"{trail}<h1>{TITLE}</h1><div class='article-body'>{TEXT}{MORE}</div>"), URL)
    assert record.category == "Tin tức - Sự kiện"
