"""Habits of the thirty-sixth and thirty-seventh rounds of portals made blind, and what the earlier
rounds left: the time of the header line opening the text for a date line giving the day alone;
each as a general rule on a small page."""
from __future__ import annotations

from scraper.extract import extract_article

TITLE = "Huyện Tân Lạc hỗ trợ 1.200 hộ dân giống cây trồng vụ Đông năm 2022"
URL = "http://h.vn/tin-tuc/ho-tro-giong-cay-trong-vu-dong-nam-2022"
TEXT = ("<p>" + "Thực hiện kế hoạch sản xuất vụ Đông năm 2022, UBND huyện đã chỉ đạo Phòng Nông nghiệp và "
        "Phát triển nông thôn phối hợp với các xã hỗ trợ giống cây trồng cho các hộ dân. " * 3 + "</p>")


def _page(inside: str, lang: str = "vi") -> bytes:
    return (f"<html lang='{lang}'><head><title>{TITLE}</title></head>"
            f"<body><div class='header'>Thứ Năm, ngày 03/11/2022</div><div id='main'>{inside}</div>"
            "<div class='footer'>Giấy phép cấp ngày 25/5/2017</div></body></html>").encode()


def test_the_time_of_the_header_line_opening_the_text_for_the_day_the_date_line_gives():
    # (an imported post's grey line under a date line of the day alone)
    post = (f"<div class='blog-post'><h2 class='blog-title'>{TITLE}</h2>"
            "<p class='blog-date'><span class='date-text'>28/10/2022</span></p><div class='blog-content'>"
            "<div class='paragraph'><font color='#818181'>Ngày đăng: {} | Lượt xem: 1.526</font></div>"
            f"{TEXT}{TEXT}</div></div>")
    assert extract_article(_page(post.format("28/10/2022 10:00")), URL).published == "2022-10-28T10:00:00+07:00"
    # another day's time there is not the date line's
    assert extract_article(_page(post.format("29/10/2022 10:00")), URL).published == "2022-10-28"


def test_a_size_class_the_editor_set_is_no_text_size_tool():
    # (a site builder's `span.font-size-16` around each paragraph's text; "A- A+" in `div.font-size` is a tool)
    para = ("<div class='dmNewParagraph'><p class='size-16'><span class='font-size-16'>{}</span></p></div>")
    sentence = "UBND huyện chỉ đạo Trạm Chăn nuôi và Thú y phối hợp với các xã tiêm vắc xin phòng bệnh dại cho đàn chó. "
    inside = (f"<h1>{TITLE}</h1><div class='postContent'>" + para.format(sentence * 3) + para.format(sentence * 2)
              + "<div class='font-size'><a href='#'>A-</a> <a href='#'>A+</a></div></div>")
    record = extract_article(_page(inside), URL)
    assert record.body and record.body.count("Trạm Chăn nuôi") == 5 and "A+" not in record.body


def test_the_original_a_builder_s_own_data_attribute_names_beside_its_resized_copy():
    # (Duda's `data-dm-image-path` beside `src=".../opt/x-1920w.jpg"`)
    img = "<div class='imageWidget'><img src='/s/multi/opt/Khai+giang+Ha+Hoa-1920w.jpg' {}/></div>"
    for attrs, expected in [("data-dm-image-path='/s/multi/Khai+giang+Ha+Hoa.jpg'", "/s/multi/Khai+giang+Ha+Hoa.jpg"),
                            # a thumbnail's, a sized share picture's, a resizer's, a media manager's: the copy shown
                            ("data-thumb='/s/multi/opt/Khai+giang+Ha+Hoa-640w.jpg'", None),
                            ("data-share='/s/multi/Khai+giang+Ha+Hoa-1200x630.jpg'", None),
                            ("data-full='/s/multi/Khai+giang+Ha+Hoa.jpg?w=960'", None),
                            ("data-path='local-images:/multi/Khai+giang+Ha+Hoa.jpg'", None)]:
        page = _page(f"<h1>{TITLE}</h1><div class='content'>{TEXT}{img.format(attrs)}{TEXT}</div>")
        urls = [i.url for i in extract_article(page, URL).images]
        assert urls == ["http://h.vn" + (expected or "/s/multi/opt/Khai+giang+Ha+Hoa-1920w.jpg")], attrs


def test_a_latin_1_page_writing_the_other_vietnamese_letters_as_references_is_read_as_latin_1():
    # (PHP-Nuke's pages: "phòng" with latin-1's 0xF2, "huyện" as "huy&#7879;n"; windows-1258 reads 0xF2 as a dot below)
    title = "Triển khai các biện pháp phòng, chống dịch cúm A/H1N1 trong trường học"
    def latin(text: str) -> bytes:
        return text.encode("latin-1", "xmlcharrefreplace")
    page = (b"<html><head><meta http-equiv='Content-Type' content='text/html; charset=ISO-8859-1'><title>"
            + latin(title) + b"</title></head><body><div class='header'>" + latin("Thứ Hai, 16/11/2009")
            + b"</div><h1>" + latin(title) + b"</h1><div class='content'>"
            + latin("<p>" + "Ban Chỉ đạo phòng, chống dịch cúm A/H1N1 huyện tổ chức hội nghị triển khai kế hoạch "
                    "phòng, chống dịch trong các trường học trên địa bàn. " * 3 + "</p>") + b"</div></body></html>")
    record = extract_article(page, URL)
    assert record.title == title and "phòng, chống dịch trong các trường học" in record.body


def test_a_title_opening_with_a_commune_s_name_after_the_site_s_name_is_the_title():
    # ("Site - Xã Phú Lão ra quân ..." is a title; "Site - UBND huyện Lục Ngạn tỉnh Bắc Giang" the site's name going on)
    title = "Xã Phú Lão ra quân làm đường giao thông nông thôn"
    page = (f"<html><head><title>Trang thông tin điện tử huyện Lạc Thủy - {title}</title></head><body>"
            f"<table><tr><td><font class='option'><b><a href='/cat?id=2'>Tin tức - Sự kiện</a>: {title}</b></font>"
            f"</td></tr><tr><td>{TEXT}{TEXT}</td></tr></table></body></html>").encode()
    assert extract_article(page, URL).title == title


def test_the_caption_after_a_lazy_picture_and_its_noscript_copy_in_a_centred_block():
    # (PHP-Nuke's `<div align="center"><img class="lazy" data-original=...><noscript><img ...></noscript><br><em>...`)
    caption = "Các thầy giáo, cô giáo tiêu biểu được tuyên dương tại buổi lễ"
    block = ("<div align='center'><img class='lazy' src='/images/grey.gif' data-original='/uploads/le-20-11.jpg'>"
             f"<noscript><img src='/uploads/le-20-11.jpg'></noscript><br><em>{caption}</em></div>")
    record = extract_article(_page(f"<h1>{TITLE}</h1><div class='content'>{TEXT}{block}{TEXT}</div>"), URL)
    assert [(i.url, i.caption) for i in record.images] == [("http://h.vn/uploads/le-20-11.jpg", caption)]
    assert caption not in record.body


def _wiki(title: str, inside: str, footer: str = "") -> bytes:
    heading = (f"<h1 id='firstHeading'><span class='ns'>Tin tức</span><span class='sep'>:</span>"
               f"<span class='main'>{title}</span></h1>")
    return (f"<html lang='vi'><head><title>Tin tức:{title} – Cổng thông tin điện tử huyện Cẩm Khê</title></head><body>"
            f"<div id='content'>{heading}<div id='bodyContent'><div id='siteSub'>Từ Cổng thông tin điện tử huyện Cẩm Khê</div>"
            f"<a class='jump' href='#nav'>Bước tới điều hướng</a><div id='text'>{inside}</div></div></div>"
            f"<div id='footer'><ul><li id='footer-info-lastmod'>Trang này được sửa đổi lần cuối vào ngày 4 tháng 11 năm 2022.</li>"
            f"{footer}</ul></div></body></html>").encode()


WIKI_TITLE = "Cẩm Khê: Năng suất lúa vụ Mùa năm 2022 ước đạt 56,2 tạ/ha"


def test_a_wiki_s_namespace_before_its_own_colon_is_no_part_of_the_title():
    page = _wiki(WIKI_TITLE, TEXT + TEXT)
    assert extract_article(page, URL).title == WIKI_TITLE  # (the title's own colon kept)
    # a kicker before ": " is the title's (German news sites' "Klimaschutz: Bohren, bis es heiß wird")
    kicker = ("<h1><span class='kicker'>Klimaschutz</span><span class='sep'>:</span> "
              "<span class='title'>Bohren, bis es heiß wird</span></h1>")
    assert extract_article(_page(kicker + TEXT + TEXT), URL).title == "Klimaschutz: Bohren, bis es heiß wird"


def test_a_sentence_naming_this_page_s_reads_gives_its_views_wherever_it_stands():
    footer = "<li id='footer-info-viewcount'>Trang này đã được đọc 12.408 lần.</li>"
    assert extract_article(_wiki(WIKI_TITLE, TEXT + TEXT, footer), URL).views == 12408
    footer = "<li>This page has been accessed 1,234 times.</li>"
    assert extract_article(_wiki(WIKI_TITLE, TEXT + TEXT, footer), URL).views == 1234
    assert extract_article(_wiki(WIKI_TITLE, TEXT + TEXT), URL).views is None


def test_a_wiki_page_s_head_and_tail_lines_are_no_text():
    # the tagline naming the site, a head of trail and date lines, a contents box, the files' heading
    # and the sections after "Bài liên quan"; the files and the author kept
    head = ("<div class='tin-dau'><div class='trail'><a href='/'>Trang Chính</a> » <a href='/tin'>TIN TỨC</a></div>"
            "<div class='ngay'><span>Ngày đăng:</span> Thứ Tư, ngày 2 tháng 11 năm 2022, lúc 15:30</div></div>")
    edit = "<span class='mw-editsection'>[<a href='/w/index.php?action=edit'>sửa</a>]</span>"
    tail = ("<div style='text-align:right;'><b>Minh Tuấn (Phòng Tư pháp huyện)</b></div>"
            "<div id='toc' class='toc'><h2>Mục lục</h2><ul><li><a href='#files'>1 Văn bản đính kèm</a></li>"
            "<li><a href='#related'>2 Bài liên quan</a></li></ul></div>"
            f"<h2><span class='mw-headline' id='files'>Văn bản đính kèm</span>{edit}</h2>"
            "<ul><li><a href='/w/images/5/50/KH_245.pdf'>Kế hoạch số 245/KH-UBND</a> <small>(<a "
            "href='/wiki/T%E1%BA%ADp_tin:KH_245.pdf'>thông tin tập tin</a>; PDF, 212 KB)</small></li></ul>"
            f"<h2><span class='mw-headline' id='related'>Bài liên quan</span>{edit}</h2>"
            "<ul><li><a href='/wiki/Tin_t%E1%BB%A9c:Khac'>Tin khác về pháp luật</a></li></ul>"
            f"<h2><span class='mw-headline'>Liên kết ngoài</span>{edit}</h2><p>Cổng Pháp luật quốc gia</p>")
    record = extract_article(_wiki(WIKI_TITLE, head + TEXT + TEXT + tail), URL)
    assert record.body.startswith("Thực hiện kế hoạch") and record.body.endswith("cho các hộ dân.")
    assert record.published == "2022-11-02T15:30:00+07:00"
    assert record.author == "Minh Tuấn (Phòng Tư pháp huyện)"
    assert [a.url for a in record.attachments] == ["http://h.vn/w/images/5/50/KH_245.pdf"]


def test_a_wiki_s_gallery_text_and_its_upload_named_in_the_thumbnail_s_path():
    gallery = ("<ul class='gallery'><li class='gallerybox'><div><div class='thumb'><div><a href='/wiki/T%E1%BA%ADp_tin:Lua.jpg'>"
               "<img src='/w/images/thumb/4/44/Lua_Mua.jpg/400px-Lua_Mua.jpg' "
               "srcset='/w/images/thumb/4/44/Lua_Mua.jpg/600px-Lua_Mua.jpg 1.5x, /w/images/4/44/Lua_Mua.jpg 2x'></a>"
               "</div></div><div class='gallerytext'><p>Nông dân xã Sơn Tình thu hoạch lúa Mùa</p></div></div></li></ul>")
    record = extract_article(_wiki(WIKI_TITLE, TEXT + gallery + TEXT), URL)
    assert [(i.url, i.caption) for i in record.images] == [("http://h.vn/w/images/4/44/Lua_Mua.jpg",
                                                            "Nông dân xã Sơn Tình thu hoạch lúa Mùa")]
    # a srcset's larger copy elsewhere is no upload the thumbnail names (Ghost's `size/w1000/`)
    ghost = ("<figure><img src='/content/images/2023/11/x-01.jpg' srcset='/content/images/size/w600/2023/11/x-01.jpg 600w, "
             "/content/images/2023/11/x-01.jpg 1000w'><figcaption>Tập huấn kỹ thuật</figcaption></figure>")
    urls = [i.url for i in extract_article(_page(f"<h1>{TITLE}</h1><div>{TEXT}{ghost}{TEXT}</div>"), URL).images]
    assert urls == ["http://h.vn/content/images/2023/11/x-01.jpg"]


def test_a_time_element_s_stated_day_where_its_text_shows_no_year():
    # (Refinery's blog: `<time datetime="06-02-2023">Đăng ngày 06 Tháng hai</time>`, day-first as the page's text)
    post = (f"<article><header><h1>{TITLE}</h1><section class='details'><time datetime='{{}}' class='posted_at'>"
            f"Đăng ngày 06 Tháng hai</time></section></header>{TEXT}{TEXT}</article>"
            "<ul class='recent'><li><a href='/tin/khac'>Tin khác của huyện</a> <span>(13/03/2023)</span></li></ul>")
    assert extract_article(_page(post.format("06-02-2023")), URL).published == "2023-02-06"
    # a script's date string there is not read as a written date
    assert extract_article(_page(post.format("Mon Feb 06 2023 00:23:33 GMT+0000")), URL).published != "2023-02-06"


def test_the_source_line_among_the_head_lines_and_a_side_column_s_counts_are_no_article_s():
    item = ("<section id='body_content'><h1>{}</h1><section id='body'><article class='news_item'>"
            "<p><small>Ngày đăng: 15 Tháng ba, 2023 16:40</small></p><p><small>Nguồn: Văn phòng HĐND và UBND huyện</small></p>"
            "{}{}</article></section><section id='side_body'><div class='box'><h2>TIN ĐỌC NHIỀU</h2><ul><li>"
            "<a href='/tin-tuc/1852'>Quỳnh Phụ tổ chức Lễ giao nhận quân</a> <span class='count'>(1.531 lượt xem)</span>"
            "</li></ul></div></section></section>").format(TITLE, TEXT, TEXT)
    record = extract_article(_page(item), URL)
    assert record.body.startswith("Thực hiện kế hoạch") and record.views is None
    assert record.published == "2023-03-15T16:40:00+07:00"


def test_a_notice_box_s_page_named_by_its_page_id_is_an_article_to_fetch():
    # (PHP-Nuke's Content module page `modules.php?name=Content&pa=showpage&pid=12` in a "Thông báo" marquee)
    from scraper.extract import extract_listing
    stories = "".join(f"<tr><td><b><a href='modules.php?name=News&amp;file=article&amp;sid={1480 + n}'>"
                      f"Tin số {n} của huyện về phát triển kinh tế xã hội</a></b><br>Tóm tắt tin số {n}.</td></tr>"
                      for n in range(4))
    box = ("<table><tr><td><b>Thông báo</b></td></tr><tr><td><marquee><a href='modules.php?name=Content&amp;pa=showpage"
           "&amp;pid=12'>Thông báo về việc tổ chức kỳ họp thứ 15 HĐND huyện khóa XVIII</a></marquee></td></tr></table>")
    page = f"<html><body><table><tr><td>{box}</td><td><table>{stories}</table></td></tr></table></body></html>"
    listing = extract_listing(page.encode(), "http://h.vn/modules.php?name=News&file=categories&catid=2")
    assert "http://h.vn/modules.php?name=Content&pa=showpage&pid=12" in listing.boxed_article_urls


def test_a_file_s_number_as_the_whole_query_of_a_handler_is_a_file():
    # (e107's `request.php?file=27`, the PDF's name only in the link's text)
    files = ("<p><a class='bbcode-file-news' href='/request.php?file=27'>Thông báo số 215/TB-UBND ngày 11/3/2024</a></p>"
             "<p><a href='/news.php?item=27'>Tin khác về tuyển dụng viên chức</a></p>")
    record = extract_article(_page(f"<h1>{TITLE}</h1><div class='content'>{TEXT}{TEXT}{files}</div>"), URL)
    assert [a.url for a in record.attachments] == ["http://h.vn/request.php?file=27"]


def test_a_section_s_icon_floated_at_the_start_of_the_text_is_no_picture_of_the_article():
    # (PHP-Nuke's topic image, its link the topic's page, whatever the story's own category)
    icon = ("<a href='/modules.php?name=News&amp;new_topic=4'><img src='/images/topics/nongthon.gif' align='right' "
            "alt='Nông nghiệp - Nông thôn'></a>")
    photo = "<p align='center'><img src='/uploads/news/2009/11/DSC02153.JPG'></p>"
    box = "<div class='box'><b>Bài được đọc nhiều nhất của Nông nghiệp - Nông thôn:</b></div>"
    record = extract_article(_page(f"<h1>{TITLE}</h1><div class='content'>{icon}{TEXT}{photo}{TEXT}</div>{box}"), URL)
    assert [i.url for i in record.images] == ["http://h.vn/uploads/news/2009/11/DSC02153.JPG"]
    # a name the page writes nowhere else is a photo's description (see the fifteenth round's emblem)
    alone = f"<h1>{TITLE}</h1><div class='content'>{icon}{TEXT}{photo}{TEXT}</div>"
    assert len(extract_article(_page(alone), URL).images) == 2
    # a picture after the text's first words, or one linked to its own file, stays the article's
    later = f"<h1>{TITLE}</h1><div class='content'>{TEXT}{icon}{TEXT}</div>{box}"
    assert [i.url for i in extract_article(_page(later), URL).images] == ["http://h.vn/images/topics/nongthon.gif"]
    own = icon.replace("/modules.php?name=News&amp;new_topic=4", "/images/topics/nongthon.gif")
    first = f"<h1>{TITLE}</h1><div class='content'>{own}{TEXT}</div>{box}"
    assert [i.url for i in extract_article(_page(first), URL).images] == ["http://h.vn/images/topics/nongthon.gif"]
