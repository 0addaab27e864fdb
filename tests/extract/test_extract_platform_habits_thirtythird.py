"""Habits of the thirty-eighth round of portals made blind, and what the earlier rounds left: an
editor's picture widget named as one, a download's label and size around its link in an inline
wrapper of the whole text; each as a general rule on a small page."""
from __future__ import annotations

import html
import json

from scraper.extract import extract_article, extract_listing
from scraper.extract.listing import looks_like_article_url

TITLE = "Xã Cẩm Lý ra mắt mô hình dòng họ không có người vi phạm pháp luật"
URL = "http://h.vn/tin-tuc/xa-cam-ly-ra-mat-mo-hinh"
SENTENCE = ("Dòng họ Nguyễn thôn Đồng Man hiện có 86 hộ với 362 nhân khẩu, các thành viên luôn đoàn kết, "
            "chấp hành tốt chủ trương của Đảng, chính sách, pháp luật của Nhà nước. ")
TEXT = "<p>" + SENTENCE * 3 + "</p>"
MORE = ("<p>" + "Dịp này, Phòng Tư pháp huyện đã tặng dòng họ tủ sách pháp luật gồm hơn 100 đầu sách về các lĩnh "
        "vực hôn nhân và gia đình, đất đai, phòng, chống bạo lực gia đình. " * 2 + "</p>")


def _page(inside: str) -> bytes:
    return (f"<html lang='vi'><head><title>{TITLE}</title></head>"
            f"<body><div class='header'>Thứ Năm, ngày 09/03/2023</div><div id='main'><h1>{TITLE}</h1>{inside}</div>"
            "<div class='footer'>Giấy phép cấp ngày 25/5/2017</div></body></html>").encode()


def test_an_editor_s_picture_widget_is_the_article_s_picture_with_its_caption():
    # (ApostropheCMS's image widget between its rich-text widgets)
    figure = ("<figure class='image-widget__wrapper'><img class='image-widget lazyload' src='/uploads/a/ra-mat.one-sixth.jpg'"
              " data-src='/uploads/a/ra-mat.full.jpg' alt='Ra mắt mô hình'/>"
              "<figcaption class='image-widget__caption'>Lãnh đạo xã trao quyết định công nhận mô hình</figcaption></figure>")
    body = (f"<div class='blog-post__body'><div class='apos-rich-text-widget'>{TEXT}</div>{figure}"
            f"<div class='apos-rich-text-widget'>{MORE}</div></div>")
    record = extract_article(_page(body), URL)
    assert [(i.url, i.caption) for i in record.images] == [
        ("http://h.vn/uploads/a/ra-mat.full.jpg", "Lãnh đạo xã trao quyết định công nhận mô hình")]
    assert record.body.count("Đồng Man") == 3 and record.body.count("tủ sách") == 2 and "trao quyết định" not in record.body
    # a sidebar's widget is a box around its figure, set in the text's element: not the article's
    box = ("<div class='widget widget_media_image'><figure><a href='http://dichvucong.gov.vn'><img src='/uploads/banner-dvc.jpg'"
           " alt='Dịch vụ công'/></a><figcaption>Dịch vụ công trực tuyến</figcaption></figure></div>")
    record = extract_article(_page(f"<div class='content'>{TEXT}{MORE}{box}</div>"), URL)
    assert record.images == [] and "Dịch vụ công" not in record.body


def test_a_download_label_and_size_around_the_link_in_an_inline_wrapper_of_the_text_are_no_text():
    # (PHP-Nuke's story: `<font class="content">...<br><br><strong>Tải về:</strong> <a>...</a> <img> (1 KB)</font>`)
    # (two paragraphs told apart: since two breaks end a paragraph, a paragraph said twice in a row is
    # read once, as a lead shown again is)
    text, other = SENTENCE * 2, SENTENCE.replace("86 hộ", "91 hộ") * 2
    inside = (f"<table><tr><td><font class='content'>{text}<br><br>{other}<br><br><strong>Tải về:</strong> "
              "<a href='uploads/files/KH86-UBND.pdf'>Kế hoạch số 86/KH-UBND</a> <img src='images/icon/pdf.gif' "
              "width='16' height='16'> (1 KB)</font></td></tr></table>")
    record = extract_article(_page(inside), URL)
    assert [(a.url, a.name) for a in record.attachments] == [("http://h.vn/tin-tuc/uploads/files/KH86-UBND.pdf",
                                                              "Kế hoạch số 86/KH-UBND")]
    assert "Tải về" not in record.body and "KB" not in record.body and record.body.count("Đồng Man") == 4
    # a sentence of the text around such a link keeps its words
    inside = (f"<table><tr><td><font class='content'>{text}<br><br>Toàn văn Kế hoạch xem tại <a href='uploads/files/"
              "KH86-UBND.pdf'>Kế hoạch số 86/KH-UBND</a> của UBND huyện ban hành ngày 12/11/2009.</font></td></tr></table>")
    assert "Toàn văn Kế hoạch xem tại" in extract_article(_page(inside), URL).body


PORTAL = "http://h.vn/portal/site/yenthe/menuitem.a8f3c27b91e0d46f5e1b2d7c3c1e9ba0/"
CHANNEL = "6e1f5a7c2b04e310VgnVCM10000023140a0aRCRD"


def _item(oid: str) -> str:
    return f"{PORTAL}?vgnextoid={oid}VgnVCM10000023140a0aRCRD&vgnextchannel={CHANNEL}&vgnextfmt=default"


def test_an_item_named_by_an_opaque_object_id_in_the_query_is_an_article_and_a_channel_naming_itself_is_not():
    # (Vignette's portal: the channel's page and its items' on one path, the query telling them apart)
    titles = ["Khai mạc Lễ hội Yên Thế năm 2014 và kỷ niệm 130 năm Khởi nghĩa Yên Thế",
              "UBND huyện Yên Thế sơ kết tình hình kinh tế - xã hội quý I năm 2014",
              "Hội thảo phát triển chuỗi giá trị sản phẩm Gà đồi Yên Thế năm 2014"]
    oids = ["8d2c71b4a9e5f410", "e905d3b8f2a61510", "b47e19a05c3d0510"]
    menu = "".join(f"<li><a href='{PORTAL}?vgnextoid={c}&amp;vgnextchannel={c}'>{name}</a></li>" for c, name in [
        (CHANNEL, "Tin tức - Sự kiện"), ("c7d90b2e4f15e310VgnVCM10000023140a0aRCRD", "Chính trị - Xã hội của huyện Yên Thế")])
    items = "".join(f"<li><h2><a href='{_item(o).replace('&', '&amp;')}'>{t}</a></h2></li>" for o, t in zip(oids, titles))
    page = f"<html><body><ul class='menu'>{menu}</ul><ul class='list'>{items}</ul></body></html>"
    assert extract_listing(page, PORTAL).article_urls == [_item(o) for o in oids]
    assert looks_like_article_url(_item(oids[0]))
    assert not looks_like_article_url(f"{PORTAL}?vgnextoid={CHANNEL}&vgnextchannel={CHANNEL}")


def test_a_section_heading_in_capitals_the_channel_s_link_names_is_not_the_title_the_element_named_so_is():
    # (Vignette: `<title>` and `h1` the section's on every page, the item's title in `h2.content-title`)
    title = "Khai mạc Lễ hội Yên Thế năm 2014 và kỷ niệm 130 năm Khởi nghĩa Yên Thế"
    page = ("<html><head><title>Cổng thông tin điện tử huyện Yên Thế - Tin tức - Sự kiện</title></head><body>"
            f"<div class='breadcrumb'><a href='/portal/site/yenthe/'>Trang chủ</a> » <a href='{PORTAL}?vgnextoid="
            f"{CHANNEL}&amp;vgnextchannel={CHANNEL}'>Tin tức - Sự kiện</a></div><div id='contentRegion'>"
            f"<h1>TIN TỨC - SỰ KIỆN</h1><h2 class='content-title'>{title}</h2>{TEXT}{MORE}</div></body></html>")
    record = extract_article(page.encode(), _item("8d2c71b4a9e5f410"))
    assert record.title == title and record.category == "Tin tức - Sự kiện"
    # a short title that another page's link names the same way, in no capitals, stays the title
    page = page.replace("<h1>TIN TỨC - SỰ KIỆN</h1>", "<h1>Tin tức - Sự kiện</h1>")
    assert extract_article(page.encode(), _item("8d2c71b4a9e5f410")).title == "Tin tức - Sự kiện"


def test_a_front_script_s_route_given_as_the_whole_query_is_read_as_its_path():
    # (Dotclear's query-string addresses: `/index.php?post/2023/11/16/<slug>`, `?category/<name>/page/2`)
    start = "http://h.vn/index.php?category/tin-tuc-su-kien"
    slugs = ["Ti%C3%AAn-L%E1%BB%AF%3A-T%C6%B0ng-b%E1%BB%ABng-Ng%C3%A0y-h%E1%BB%99i-%C4%90%E1%BA%A1i-%C4%91o%C3%A0n-k%E1%BA%BFt",
             "Th%C3%B4ng-b%C3%A1o-s%E1%BB%91-215/TB-UBND-v%E1%BB%81-k%E1%BA%BFt-qu%E1%BA%A3-%C4%91%E1%BA%A5u-gi%C3%A1",
             "T%E1%BB%95ng-k%E1%BA%BFt-15-n%C4%83m-th%E1%BB%B1c-hi%E1%BB%87n-Ngh%E1%BB%8B-quy%E1%BA%BFt-26"]
    titles = ["Tiên Lữ: Tưng bừng Ngày hội Đại đoàn kết toàn dân tộc tại thôn Hải Yến",
              "Thông báo số 215/TB-UBND về kết quả lựa chọn tổ chức đấu giá quyền sử dụng đất",
              "Tổng kết 15 năm thực hiện Nghị quyết Trung ương 7 khóa X về nông nghiệp"]
    posts = "".join(f"<div class='post'><h2 class='post-title'><a href='/index.php?post/2023/11/{10 + i}/{s}'>{t}</a></h2>"
                    f"<p>{SENTENCE}</p></div>" for i, (s, t) in enumerate(zip(slugs, titles)))
    page = ("<html><body><ul><li><a href='/index.php?'>Trang chủ</a></li><li><a href='/index.php?category/van-ban'>Văn bản"
            f"</a></li><li><a href='/index.php?pages/Gi%E1%BB%9Bi-thi%E1%BB%87u'>Giới thiệu</a></li></ul>{posts}"
            "<p class='pagination'><a href='/index.php?category/tin-tuc-su-kien/page/2' class='prev'>« các mục trước đó</a>"
            "</p></body></html>")
    listing = extract_listing(page, start)
    # (a slug holding a slash, "215/TB-UBND", is a step longer: taken as well)
    assert sorted(listing.article_urls) == sorted(f"http://h.vn/index.php?post/2023/11/{10 + i}/{s}"
                                                  for i, s in enumerate(slugs))
    # (the older entries of a blog are its listing's next page)
    assert listing.next_pages == ["http://h.vn/index.php?category/tin-tuc-su-kien/page/2"]
    from scraper.extract.canonical import route_of
    assert route_of("http://h.vn/index.php?post/2023/11/10/x-y") == "http://h.vn/index.php/post/2023/11/10/x-y"
    assert route_of("http://h.vn/index.php?id=5&p=2") == "http://h.vn/index.php?id=5&p=2"


def test_the_article_s_files_listed_after_its_related_block_are_its_attachments():
    # (Dotclear: `div.related-entries` "Tin liên quan", then `footer.post-attachments` "Phụ lục")
    inside = (f"<article class='post'><div class='post-content'>{TEXT}{MORE}</div>"
              "<div class='related-entries'><h3>Tin liên quan</h3><ul><li><a href='/index.php?post/2023/10/30/x'>"
              "Tiên Lữ triển khai kế hoạch sản xuất vụ Đông năm 2023</a></li></ul></div>"
              "<footer class='post-attachments'><h3>Phụ lục</h3><ul><li><a href='/public/van-ban/tb-215.pdf'>"
              "Thông báo số 215/TB-UBND (bản ký số)</a></li></ul></footer></article>")
    record = extract_article(_page(inside), URL)
    assert [(a.url, a.name) for a in record.attachments] == [("http://h.vn/public/van-ban/tb-215.pdf",
                                                              "Thông báo số 215/TB-UBND (bản ký số)")]


def _cm_picture(n: int, caption: str) -> str:
    sizes = {w: f"/resource/image/4127{n}/landscape_ratio16x9/{w}/{w * 9 // 16}/ab{n}/Xb/ngay-hoi-0{n}.jpg"
             for w in (320, 640, 1280)}
    media = json.dumps([{"name": "landscape_ratio16x9", "linksForWidth": {str(w): u for w, u in sizes.items()}}])
    return (f"<div class='item'><div class='cm-details__media-box'><img src='data:image/png;base64,iVBORw0KGgo=' "
            f"alt='ngay-hoi-0{n}' class='cm-media cm-media--responsive' data-cm-responsive-media='{html.escape(media)}'>"
            f"</div><div class='cm-details__caption carousel-caption'><div class='cm-caption__text'><p>{caption}</p>"
            "</div></div></div>")


def test_the_widest_size_a_responsive_script_keeps_as_json_and_a_slider_s_pictures_above_the_text():
    # (CoreMedia's `data-cm-responsive-media` under a 1x1 placeholder, in a carousel with its controls)
    captions = ["Đồng chí Phó Chủ tịch UBND huyện trao quà cho các hộ gia đình", "Tiết mục cồng chiêng của đội văn nghệ xóm Cọ"]
    carousel = ("<div id='carousel-1' class='cm-carousel carousel slide'><div class='carousel-inner'>"
                + "".join(_cm_picture(n, c) for n, c in zip((2, 6), captions)) + "</div>"
                "<div class='cm-carousel__control'><a class='left carousel-control' href='#carousel-1'>"
                "<span class='sr-only'>Trước</span></a><p class='cm-carousel__pagination'>1 / 2</p>"
                "<a class='right carousel-control' href='#carousel-1'><span class='sr-only'>Sau</span></a></div></div>")
    inside = (f"<article class='cm-details__content'><h1 class='cm-details__headline'>{TITLE}</h1>{carousel}"
              f"<div class='cm-details__text'>{TEXT}{MORE}</div></article>")
    record = extract_article(_page(inside).replace(f"<h1>{TITLE}</h1>".encode(), b""), URL)
    assert [(i.url, i.caption) for i in record.images] == [
        (f"http://h.vn/resource/image/4127{n}/landscape_ratio16x9/1280/720/ab{n}/Xb/ngay-hoi-0{n}.jpg", c)
        for n, c in zip((2, 6), captions)]


def test_the_author_s_box_right_after_the_article_s_element():
    # (mojoPortal's `div.article-author` "Tác giả: ..."; CoreMedia's `section.cm-details__authors`, its
    # heading "Tác giả" above the name's element and the author's description)
    for box, name in [("<div class='article-author'><strong>Tác giả: Hoàng Văn Nam</strong></div>", "Hoàng Văn Nam"),
                      ("<section class='cm-details__authors'><h3>Tác giả</h3><div class='cm-author'><a href='/tac-gia/"
                       "ha-linh-40990'><h3 class='cm-author__headline'>Hà Linh</h3></a><p class='cm-author__short-text'>"
                       "Phóng viên Trung tâm Văn hóa - Thông tin huyện Kim Bôi</p></div></section>", "Hà Linh")]:
        inside = f"<div class='wrap'><div class='article'><h2>{TITLE}</h2><div class='text'>{TEXT}{MORE}</div></div>{box}</div>"
        record = extract_article(_page(inside).replace(f"<h1>{TITLE}</h1>".encode(), b""), URL)
        assert record.author == name and "Kim Bôi" not in record.body
    # a box of another name there is not the author's
    inside = (f"<div class='wrap'><div class='article'><h2>{TITLE}</h2><div class='text'>{TEXT}{MORE}</div></div>"
              "<div class='article-tags'><strong>Từ khóa: Hoàng Văn Nam</strong></div></div>")
    assert extract_article(_page(inside).replace(f"<h1>{TITLE}</h1>".encode(), b""), URL).author is None


def _s9y_picture(name: str, caption: str) -> str:
    return (f"<div class='serendipity_imageComment_center' style='width: 800px'><div class='serendipity_imageComment_img'>"
            f"<img class='serendipity_image_center' width='800' height='533' src='/uploads/2022/11/{name}.jpg' alt=''></div>"
            f"<div class='serendipity_imageComment_txt'>{caption}</div></div>")


def test_a_picture_s_comment_is_its_caption_and_a_comment_form_s_heading_ends_the_text():
    # (Serendipity's `serendipity_imageComment_*` boxes; its "Add Comment" section after the entry)
    caption = "Đại biểu tham quan mô hình khu dân cư kiểu mẫu tại thôn Đông Hòa, xã An Ninh."
    inside = (f"<article class='serendipity_entry'><div class='serendipity_entry_body'>{TEXT}"
              f"{_s9y_picture('Khu-dan-cu', caption)}{MORE}</div>"
              "<section id='respond' class='serendipity_section_commentform'><h3>Add Comment</h3>"
              "<form><textarea></textarea></form></section></article>")
    record = extract_article(_page(inside), URL)
    assert [(i.url, i.caption) for i in record.images] == [("http://h.vn/uploads/2022/11/Khu-dan-cu.jpg", caption)]
    assert "Đông Hòa" not in record.body and "Add Comment" not in record.body


def test_a_lead_block_s_captioned_picture_beside_its_paragraph_where_the_text_s_element_is_the_next():
    # (a site profile's body element `#extended`, Serendipity's entry opening in `div.serendipity_entry_body`)
    caption = "Đồng chí Phó Chủ tịch UBND huyện phát biểu chỉ đạo tại hội nghị."
    inside = (f"<article class='serendipity_entry'><header><h2>{TITLE}</h2></header>"
              f"<div class='serendipity_entry_body'>{TEXT}{_s9y_picture('Hoi-nghi-01', caption)}</div>"
              f"<div id='extended'>{MORE}{MORE.replace('Dịp này', 'Cũng dịp này')}</div></article>")
    page = _page(inside).replace(f"<h1>{TITLE}</h1>".encode(), b"")
    record = extract_article(page, URL, profile={"article": {"content": ["#extended"]}})
    assert [(i.url, i.caption) for i in record.images] == [("http://h.vn/uploads/2022/11/Hoi-nghi-01.jpg", caption)]


def test_a_name_with_its_unit_in_brackets_as_the_last_line_of_a_text_in_lines():
    # (an imported post: paragraphs parted by <br />, the writer's name and office last)
    lines = "<br />\n<br />\n".join([SENTENCE * 2, SENTENCE.replace("86", "87") * 2, "Hoàng Lan (Phòng Nông nghiệp và PTNT huyện)"])
    record = extract_article(_page(f"<div class='entry-body'>{lines}</div>"), URL)
    assert record.author == "Hoàng Lan (Phòng Nông nghiệp và PTNT huyện)" and "Hoàng Lan" not in record.body
    # a sentence in brackets at the end is the text's
    lines = lines.replace("Hoàng Lan (Phòng Nông nghiệp và PTNT huyện)", "Kết quả cụ thể (xem phụ lục kèm theo).")
    assert extract_article(_page(f"<div class='entry-body'>{lines}</div>"), URL).author is None


def _discuz_page(inside: str) -> bytes:
    return ("<html><head><title>Đà Bắc triển khai nhiệm vụ - Cổng TTĐT huyện Đà Bắc</title></head><body>"
            "<div id='pt' class='bm cl'><div class='z'><a href='./' class='nvhm'>Cổng TTĐT huyện Đà Bắc</a> <em>›</em> "
            "<a href='portal.php'>Trang chủ</a> <em>›</em> <a href='/tin-tuc/'>Tin tức - Sự kiện</a> <em>›</em> Xem</div>"
            f"</div><div id='ct'><div class='bm vw'><div class='h hm'><h1 class='ph'>{TITLE}</h1><p class='xg1'>"
            "2023-11-15 09:30<span class='pipe'>|</span>Tác giả: <a href='home.php?mod=space&amp;uid=2'>bbt_dabac</a>"
            "<span class='pipe'>|</span>Lần xem: <em id='_viewnum'>1906</em><span class='pipe'>|</span>Tác giả: Minh Hải"
            f"<span class='pipe'>|</span>Từ: Trung tâm VH, TT và TT huyện</p></div><table><tr><td id='article_content'>"
            f"{inside}</td></tr></table></div></div></body></html>").encode()


def test_the_writer_named_after_the_posting_account_and_the_trail_after_the_site_s_name():
    # (Discuz!'s portal article: "Tác giả: <a href=home.php?mod=space&uid=2>bbt_dabac</a> | ... | Tác giả: Minh
    # Hải"; its trail "Cổng TTĐT huyện Đà Bắc › Trang chủ › Tin tức - Sự kiện › Xem")
    record = extract_article(_discuz_page(TEXT + MORE), "http://h.vn/article-1298-1.html")
    assert record.author == "Minh Hải" and record.category == "Tin tức - Sự kiện" and record.views == 1906


def test_a_link_named_for_an_attachment_with_a_file_s_name_and_a_picture_s_file_in_the_platform_s_own_attributes():
    # (Discuz!: `<a class="attach" href="portal.php?mod=attachment&id=37">KH 92.pdf</a>`; a thumbnail
    # `x.jpg.thumb.jpg` beside `zoomfile="x.jpg"`; a lazy `<img file="x.jpg">` with no src)
    inside = (f"{TEXT}<a href='javascript:;'><img id='_aimg_5821' zoomfile='data/attachment/forum/153322hk6x.jpg' "
              "src='data/attachment/forum/153322hk6x.jpg.thumb.jpg' alt='IMG_20231109.jpg' w='1280'></a><br>"
              f"{MORE}<div align='center'><img id='aimg_Kq7x2' class='zoom' file='data/attachment/album/153410zq.jpg' "
              "lazyloadthumb='1' border='0' alt=''><br><i>Đoàn viên thanh niên xã Tân Minh tham gia đổ bê tông</i></div>"
              "<p><a href='portal.php?mod=attachment&amp;id=37' target='_blank' class='attach'>KH 92-BTT.pdf</a></p>")
    record = extract_article(_discuz_page(inside), "http://h.vn/article-1291-1.html")
    assert [(i.url, i.caption) for i in record.images] == [
        ("http://h.vn/data/attachment/forum/153322hk6x.jpg", None),
        ("http://h.vn/data/attachment/album/153410zq.jpg", "Đoàn viên thanh niên xã Tân Minh tham gia đổ bê tông")]
    assert [(a.url, a.name) for a in record.attachments] == [("http://h.vn/portal.php?mod=attachment&id=37", "KH 92-BTT.pdf")]
    assert "KH 92" not in record.body and "bê tông" not in record.body
