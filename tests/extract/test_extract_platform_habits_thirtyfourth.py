"""Habits of the thirty-ninth round of portals made blind, each as a general rule on a small page:
a caption after a lazy picture's noscript copy, a publication a few days after the address's day, a
view link of a file, a cover drawn as a background, a file's box between the text and the author, a
layout's widgets named for the item's own parts, a folder-named original, table-header fields, a
reading-aloud tool, a midnight machine time, a files zone after the content's, an abstract."""
from __future__ import annotations

from scraper.extract import extract_article

TITLE = "Lục Ngạn triển khai kế hoạch tuyển sinh vào lớp 1, lớp 6 năm học 2023-2024"
URL = "http://h.vn/tin-tuc/2023/06/05/luc-ngan-trien-khai-ke-hoach-tuyen-sinh"
TEXT = ("<p>" + "Năm học 2023-2024 toàn huyện tuyển mới 3.850 học sinh lớp 1 và 3.620 học sinh lớp 6, các trường "
        "thực hiện tuyển sinh theo hình thức xét tuyển, đúng địa bàn được phân công. " * 3 + "</p>")
MORE = ("<p>" + "UBND huyện yêu cầu Phòng Giáo dục và Đào tạo hướng dẫn các nhà trường công khai kế hoạch, chỉ "
        "tiêu, địa bàn tuyển sinh; bảo đảm công bằng, khách quan. " * 2 + "</p>")


def _page(inside: str, head: str = "", lang: str = "vi") -> bytes:
    return (f"<html lang='{lang}'><head><title>{TITLE}</title>{head}</head><body><div class='header'>Thứ Năm, ngày "
            f"08/06/2023</div><div id='main'>{inside}</div><div class='footer'>Giấy phép cấp ngày 25/5/2017</div>"
            "</body></html>").encode()


def test_a_caption_after_a_lazy_picture_s_noscript_copy_in_the_platform_s_own_words():
    # (Sitevision: `<p><img class="lazyload"></p><noscript><img></noscript><p class="sv-font-bildtext">`)
    caption = "Quang cảnh hội nghị triển khai Kế hoạch chuyển đổi số năm 2024."
    picture = ("<p style='text-align: center;'><img class='lazyload' width='800' src='/placeholder.gif' "
               "data-src='/images/18.7f3/hoi-nghi.jpg' alt='Hội nghị'></p><noscript><img src='/images/18.7f3/hoi-nghi.jpg'>"
               f"</noscript><p class='sv-font-bildtext'>{caption}</p>")
    record = extract_article(_page(f"<h1>{TITLE}</h1><div class='content'>{TEXT}{picture}{MORE}</div>"), URL)
    assert [(i.url, i.caption) for i in record.images] == [("http://h.vn/images/18.7f3/hoi-nghi.jpg", caption)]
    assert "Quang cảnh" not in record.body


def test_a_date_with_its_time_a_few_days_after_the_address_s_day_is_the_publication():
    # (Sitevision's `/2023-11-07-<slug>`, created that day, "Ngày đăng: 08/11/2023 08:30" with `<time datetime>`)
    url = "http://h.vn/tin-tuc/2023-06-02-luc-ngan-trien-khai-ke-hoach-tuyen-sinh"
    line = "<div class='info'><span class='date'>Ngày đăng: <time datetime='{0}'>{1}</time></span></div>"
    inside = f"<h1>{TITLE}</h1>{line}<div class='content'>{TEXT}{MORE}</div>"
    page = _page(inside.format("2023-06-05T01:30:00+01:00", "05/06/2023 08:30"))
    assert extract_article(page, url).published == "2023-06-05T08:30:00+07:00"
    # a date of weeks later is another's (an update's): the address's day stands
    page = _page(inside.format("2023-07-05T01:30:00+01:00", "05/07/2023 08:30"))
    assert extract_article(page, url).published == "2023-06-02"


def test_a_day_shown_alone_with_a_machine_time_of_midnight_is_a_day():
    # (Hexo writes a time for every post: `<time datetime="2023-03-10T00:00:00+07:00">2023-03-10</time>`)
    line = "<div class='post-meta'><time datetime='{0}'>10/03/2023</time></div>"
    for machine, expected in [("2023-03-10T00:00:00+07:00", "2023-03-10"), ("2023-03-10T08:15:00+07:00",
                                                                          "2023-03-10T08:15:00+07:00")]:
        record = extract_article(_page(f"<h1>{TITLE}</h1>{line.format(machine)}<div class='content'>{TEXT}{MORE}</div>"),
                                 "http://h.vn/tin-tuc/luc-ngan-trien-khai-ke-hoach-tuyen-sinh")
        assert record.published == expected


def test_a_date_typed_after_a_vietnamese_label_is_day_first_on_a_page_set_to_english():
    # (Jimdo's site language English, an editor's "Đăng lúc: 08:15 - 10/11/2022" in a widget of the post)
    inside = (f"<h1>{TITLE}</h1><div class='post'><div class='post-info'><span>Đăng lúc: 08:15 - 05/06/2023</span> | "
              f"<span>Lượt xem: 1.254</span></div>{TEXT}{MORE}</div>")
    head = "<meta property='og:locale' content='en_US'>"
    assert extract_article(_page(inside, head, "en-US"), "http://h.vn/tin-tuc/x").published == "2023-06-05T08:15:00+07:00"
    # a platform's date in the cell after the field's Vietnamese name keeps the page's order
    inside = (f"<h1>{TITLE}</h1><table class='fields'><tr><td>Ngày đăng</td><td>6/5/2023 8:15 AM</td></tr></table>"
              f"<div class='post'>{TEXT}{MORE}</div>")
    assert extract_article(_page(inside, head, "en-US"), "http://h.vn/tin-tuc/x").published[:10] == "2023-06-05"


def test_a_view_link_of_a_file_after_its_download_link_is_the_same_file():
    # (Sulu's attachment list: the file, then "Xem trực tuyến" to the same file with `&inline=1`)
    box = ("<div class='attachments'><h3>Tệp đính kèm</h3><ul><li><a class='attachment__link' href='/media/1502/download/"
           "tb-312.pdf?v=1' download>Thông báo số 312/TB-UBND</a> <a class='attachment__view' href='/media/1502/download/"
           "tb-312.pdf?v=1&amp;inline=1'>Xem trực tuyến</a></li></ul></div>")
    inside = f"<div class='article'><h1>{TITLE}</h1><div class='text'>{TEXT}{MORE}</div>{box}</div>"
    record = extract_article(_page(inside), URL)
    assert [(a.url, a.name) for a in record.attachments] == [("http://h.vn/media/1502/download/tb-312.pdf?v=1",
                                                              "Thông báo số 312/TB-UBND")]


def test_a_cover_photo_drawn_as_a_background_between_the_title_and_the_text():
    # (Bludit's `div.page-cover-image` with `style="background-image: url('/bl-content/uploads/pages/x/cover.jpg')"`)
    cover = ("<div class='page-cover-image' style=\"background-image: url('/bl-content/uploads/pages/f04d/cam-cover.jpg');\">"
             "<div style='height: 300px;'></div></div>")
    inside = f"<div class='article'><h1>{TITLE}</h1><div class='meta'>08/06/2023</div>{cover}<div class='page-content'>{TEXT}{MORE}</div></div>"
    record = extract_article(_page(inside), URL)
    assert [i.url for i in record.images] == ["http://h.vn/bl-content/uploads/pages/f04d/cam-cover.jpg"]
    # a banner's background, named for no cover, is not the article's
    inside = inside.replace("page-cover-image", "page-banner-band")
    assert extract_article(_page(inside), URL).images == []


def test_a_file_s_box_between_the_text_s_blocks_and_the_author_s():
    # (Jimdo's modules: text, the `j-downloadDocument` module, the author's right-aligned line, "Tin liên quan")
    module = "<div class='j-module n j-text'>{}</div>"
    download = ("<div class='j-module n j-downloadDocument'><div class='leftDownload'><a href='/app/download/115/KH-312.pdf'>"
                "<img src='/icons/pdf.png' width='51' height='51' alt='Download'></a></div><div class='rightDownload'>"
                "<div class='cc-m-download-title'>Kế hoạch số 312/KH-UBND ngày 08/11/2022</div><div "
                "class='cc-m-download-file-name'>KH 312-UBND.pdf</div><span>Adobe Acrobat Document</span> 0.8 KB</div></div>")
    post = (f"<div class='post j-blog-content'><div id='cc-matrix'>{module.format(TEXT)}{module.format(MORE)}{download}"
            + module.format("<p style='text-align: right;'><strong>Minh Hải (Văn phòng HĐND và UBND huyện)</strong></p>")
            + "<div class='j-module n j-header'><h3>Tin liên quan</h3></div>"
            + module.format("<ul><li><a href='/2022/11/09/x/'>Khánh thành cầu treo dân sinh thôn Lủng Dăm</a></li></ul>")
            + "</div></div>")
    record = extract_article(_page(f"<h1>{TITLE}</h1>{post}"), URL)
    assert record.author == "Minh Hải (Văn phòng HĐND và UBND huyện)"
    # (named by the card's title, not the file's name under it)
    assert [(a.url, a.name) for a in record.attachments] == [("http://h.vn/app/download/115/KH-312.pdf",
                                                              "Kế hoạch số 312/KH-UBND ngày 08/11/2022")]
    assert "Acrobat" not in record.body and "KH 312" not in record.body and "Lủng Dăm" not in record.body


def test_a_layout_s_widgets_named_for_the_item_s_own_parts_are_the_article_s():
    # (b2evolution: every block an `evo_widget`, the item's info line and custom fields among them)
    page = (f"<article class='evo_post'><header><div class='evo_widget widget_core_item_title'><h1>{TITLE}</h1></div>"
            "<div class='evo_widget widget_core_item_info_line'><span>Thứ Sáu, 05/06/2023 19:30 trong <a href='/index.php/"
            "tin-tuc/hoat-dong-cua-huyen/'>Hoạt động của huyện</a></span></div></header><div class='evo_container'>"
            f"<div class='evo_widget widget_core_item_content'><section class='evo_post__full'>{TEXT}{MORE}</section></div>"
            "<div class='evo_widget widget_core_item_custom_fields'><table class='item_custom_fields'><tr><th>Tác giả:</th>"
            "<td>Nguyễn Hoàng</td></tr><tr><th>Nguồn:</th><td>Ban Tuyên giáo Huyện ủy</td></tr></table></div>"
            "<div class='evo_widget widget_core_coll_related_post_list'><h3>Bài viết liên quan</h3><ul><li><a href='/x'>"
            "Ngày hội Đại đoàn kết thôn Bản Lằn</a> 02/06/2023</li></ul></div></div></article>")
    record = extract_article(_page(page), "http://h.vn/index.php/tin-tuc/luc-ngan-trien-khai-ke-hoach-tuyen-sinh")
    assert record.published == "2023-06-05T19:30:00+07:00" and record.author == "Nguyễn Hoàng"


def test_the_original_a_lightbox_opens_whose_name_is_the_cached_copy_s_folder():
    # (b2evolution's `.evocache/x.jpg/fit-1280x720.jpg` inside `<a href="x.jpg?mtime=...">`)
    picture = ("<figure class='evo_image_block'><a href='/media/blogs/quick-uploads/le-hoi-2022-01.jpg?mtime=1668777851' "
               "rel='lightbox'><img src='/media/blogs/quick-uploads/.evocache/le-hoi-2022-01.jpg/fit-1280x720.jpg?mtime=1'>"
               "</a><figcaption>Đồng chí Chủ tịch UBND huyện đánh trống khai mạc Lễ hội</figcaption></figure>")
    record = extract_article(_page(f"<h1>{TITLE}</h1><div class='content'>{TEXT}{picture}{MORE}</div>"), URL)
    assert [i.url for i in record.images] == ["http://h.vn/media/blogs/quick-uploads/le-hoi-2022-01.jpg?mtime=1668777851"]


def test_a_reading_aloud_tool_is_no_text_and_an_abstract_before_the_text_s_element_opens_it():
    # (Hexo's theme: "Nghe đọc bài viết", "Giọng đọc: Nữ miền Bắc" inside the post's body; Ametys's
    # `p.content-abstract` before `div.content-rich`, the text's element a site profile learned)
    tool = ("<div class='ln-tts' data-tts-target='.post-body'><button>Nghe đọc bài viết</button>"
            "<span class='ln-tts-voice'>Giọng đọc: Nữ miền Bắc</span></div>")
    record = extract_article(_page(f"<h1>{TITLE}</h1><div class='post-body'>{tool}{TEXT}{MORE}</div>"), URL)
    assert "Giọng đọc" not in record.body
    abstract = "<p class='content-abstract'><strong>UBND huyện Lục Ngạn vừa ban hành kế hoạch tuyển sinh vào lớp 1, lớp 6.</strong></p>"
    inside = f"<div class='ametys-cms-content'><h1 class='title'>{TITLE}</h1>{abstract}<div class='content-rich'>{TEXT}{MORE}</div></div>"
    record = extract_article(_page(inside), URL, profile={"article": {"content": ["div.content-rich"]}})
    assert record.body.startswith("UBND huyện Lục Ngạn vừa ban hành")


def test_the_files_in_the_zone_after_the_content_s_zone():
    # (Ametys: `div.zone-item > div.ametys-cms-content` then `div.zone-item > div.ametys-cms-service.attachments`)
    inside = (f"<div class='zone'><div class='zone-item'><div class='ametys-cms-content'><h1>{TITLE}</h1>"
              f"<div class='content-rich'>{TEXT}{MORE}</div></div></div><div class='zone-item'><div class='ametys-cms-service "
              "attachments'><h2>Tệp đính kèm</h2><ul><li><a href='/_attachments/Phu-luc-tuyen-sinh.docx?download=true'>"
              "Phụ lục chỉ tiêu tuyển sinh năm học 2023-2024</a></li></ul></div></div></div>")
    record = extract_article(_page(inside), URL)
    assert [(a.url, a.name) for a in record.attachments] == [
        ("http://h.vn/_attachments/Phu-luc-tuyen-sinh.docx?download=true", "Phụ lục chỉ tiêu tuyển sinh năm học 2023-2024")]


def test_a_file_s_icon_link_titled_by_its_action_then_its_named_link():
    # (b2evolution's attachments widget: `a.action_icon[title="Tải tệp"]`, then the link with the file's name)
    box = ("<div class='evo_post_attachments'><h3>Tệp đính kèm:</h3><ul class='evo_files'><li><a href='/index.php/x?download=5133' "
           "title='Tải tệp' class='action_icon'><span class='fa fa-download'></span></a> <a href='/index.php/x?download=5133' "
           "rel='nofollow'>Kế hoạch số 215/KH-UBND</a> <span class='evo_file_size'>(2.0 KB)</span></li></ul></div>")
    inside = f"<div class='article'><h1>{TITLE}</h1><div class='text'>{TEXT}{MORE}</div>{box}</div>"
    record = extract_article(_page(inside), URL)
    assert [(a.url, a.name) for a in record.attachments] == [("http://h.vn/index.php/x?download=5133", "Kế hoạch số 215/KH-UBND")]
