"""Habits of the fifty-second round of portals made blind (GoDaddy's website builder, Tumblr), each as
a general rule on a small page: a lazy loader's attribute holding a picture's file before a resizer's
settings, a notice's announcing sentence over its dated lines, a category chip linked by its listing's
filter, a cover that is another rendition of the text's first picture, a trail ending "Bài viết",
captions in small print, a link post's title with the shared page's host after it, and a photo post's
photos above the caption that holds its title."""
from __future__ import annotations

from scraper.extract import extract_article

TITLE = "Khai mạc Lễ hội Na Chi Lăng năm 2023 tại sân vận động huyện"
URL = "http://h.vn/tin-tuc/f/khai-mac-le-hoi-na-chi-lang-nam-2023"
SENTENCE = ("Lễ hội năm nay có 120 gian hàng của các hợp tác xã, doanh nghiệp trong và ngoài tỉnh, trưng bày "
            "sản phẩm na và các sản phẩm OCOP của huyện, thu hút hàng nghìn lượt khách tham quan. ")
TEXT = f"<p>{SENTENCE * 3}</p><p>{SENTENCE * 2}</p>"
PIXEL = "data:image/gif;base64,R0lGODlhAQABAAD/ACwAAAAAAQABAAACADs="


def _page(inside: str, head: str = "", title: str = TITLE) -> bytes:
    return (f"<html lang='vi'><head><title>{title}</title>{head}</head><body><div class='top'>Thứ Sáu, 24/11/2023"
            f"</div>{inside}<div class='footer'>Giấy phép cấp ngày 16/8/2021</div></body></html>").encode()


def _builder_post(content: str, cover: str = "", chip: str = "") -> bytes:
    # (GoDaddy's Websites + Marketing: generated class names only, fields named by `data-aid`)
    return _page(f"<div id='bs-3'><article data-aid='BLOG_POST_CONTAINER' class='x-el c1-1'>{cover}"
                 f"<h2 data-aid='BLOG_POST_TITLE' class='x-el c1-43'>{TITLE}</h2><div class='x-el c1-44'>"
                 f"<p data-aid='BLOG_POST_DATE' class='x-el c1-45'>18 tháng 8, 2023</p><span> · </span>{chip}</div>"
                 f"<div data-aid='BLOG_POST_CONTENT' class='x-el c1-48'>{content}</div></article></div>")


def _lazy(name: str) -> str:
    address = f"/isteam/ip/6f1c9a52/{name}.jpg/:/rs=w:1280"
    return (f"<figure><img src='{PIXEL}' data-lazyimg='true' data-srclazy='{address}' "
            f"data-srcsetlazy='/isteam/ip/6f1c9a52/{name}.jpg/:/rs=w:600 600w, {address} 1280w' alt=''/></figure>")


def test_a_loader_s_attribute_holding_a_picture_s_file_before_a_resizer_s_settings_is_its_address():
    a = extract_article(_builder_post(f"<p>{SENTENCE}</p>{_lazy('lua-chin-1')}"
                                      f"<p style='text-align:center'><em>Cánh đồng lúa chín vàng tại xã Vân Thủy</em></p>"
                                      f"{TEXT}"), URL)
    assert [(i.url, i.caption) for i in a.images] == [
        ("http://h.vn/isteam/ip/6f1c9a52/lua-chin-1.jpg/:/rs=w:1280", "Cánh đồng lúa chín vàng tại xã Vân Thủy")]
    assert "Vân Thủy" not in a.body


def test_a_cover_that_is_another_rendition_of_the_text_s_first_picture_is_not_a_second_picture():
    cover = ("<div data-aid='BLOG_POST_FEATURED_IMAGE'><img src='/isteam/ip/6f1c9a52/lua-chin-1.jpg/:/rs=w:984,h:492,"
             f"cg:true,m/cr=w:984,h:492' alt='{TITLE}'/></div>")
    a = extract_article(_builder_post(f"<p>{SENTENCE}</p>{_lazy('lua-chin-1')}{TEXT}", cover=cover), URL)
    assert [i.url for i in a.images] == ["http://h.vn/isteam/ip/6f1c9a52/lua-chin-1.jpg/:/rs=w:1280"]
    # (a cover of another picture stays the article's)
    other = cover.replace("lua-chin-1", "san-van-dong")
    a = extract_article(_builder_post(f"<p>{SENTENCE}</p>{_lazy('lua-chin-1')}{TEXT}", cover=other), URL)
    assert len(a.images) == 2


def test_a_category_chip_linked_by_its_listing_s_filter_between_title_and_text_is_the_category():
    chip = ("<a data-aid='BLOG_POST_CATEGORY_0' href='/tin-tuc?blogcategory=Ho%E1%BA%A1t+%C4%91%E1%BB%99ng+"
            "c%E1%BB%A7a+huy%E1%BB%87n'>Hoạt động của huyện</a>")
    assert extract_article(_builder_post(TEXT, chip=chip), URL).category == "Hoạt động của huyện"
    assert extract_article(_builder_post(TEXT, chip=chip.replace("blogcategory", "tag")), URL).category is None


def test_a_notice_s_announcing_sentence_over_its_dated_lines_keeps_them_in_the_text():
    opening = ("Thực hiện Luật Tiếp công dân năm 2013, Chủ tịch UBND huyện Chi Lăng tiếp công dân định kỳ "
               "tháng 12/2022 như sau:")
    when = "Thời gian: Ngày 15/12/2022 (thứ Năm), buổi sáng từ 7 giờ 30 phút."
    page = _page(f"<article><h2>{TITLE}</h2><p>1 tháng 12, 2022</p><p>{opening}</p><p>{when}</p>"
                 f"<p>Địa điểm: Trụ sở Tiếp công dân huyện Chi Lăng, khối Hòa Bình, thị trấn Đồng Mỏ.</p></article>")
    a = extract_article(page, URL)
    assert a.body.startswith(f"{opening}\n\n{when}\n\n") and a.published == "2022-12-01"


def test_a_trail_ending_with_the_word_for_posts_names_no_category():
    page = _page(f"<div class='breadcrumb'><a href='/'>Trang chủ</a> › <span>Bài viết</span></div>"
                 f"<article class='post'><h2 class='post-title'>{TITLE}</h2><div class='post-body'>{TEXT}</div></article>")
    assert extract_article(page, "http://h.vn/post/734166712345678848/khai-mac-le-hoi-na").category is None


def test_a_caption_in_small_print_under_a_picture_is_its_caption_and_a_date_in_small_print_is_none():
    caption = "Đường giao thông nông thôn tại thôn Nậm Kha, xã Bảo Nhai được cứng hóa"
    figure = "<figure class='tmblr-full'><img src='/media/s640x960/217b2526c26a2.jpg' alt='Đường bê tông'/></figure>"
    page = _page(f"<article><h2 class='post-title'>{TITLE}</h2><div class='post-body'><p>{SENTENCE}</p>{figure}"
                 f"<p><small>{caption}</small></p>{TEXT}</div></article>")
    a = extract_article(page, URL)
    assert [i.caption for i in a.images] == [caption] and caption not in a.body
    dated = _page(f"<article><h2>{TITLE}</h2><div class='newspost_text'>{figure}<p><small>April 21, 2022</small></p>"
                  f"{TEXT}</div></article>")
    assert [i.caption for i in extract_article(dated, URL).images] == [None]


def test_a_link_post_s_title_leaves_out_the_shared_page_s_host_after_it():
    title = "Lịch nghỉ Tết Dương lịch năm 2023 đối với cán bộ, công chức, viên chức"
    page = _page(f"<article class='post link-post'><header><h2 class='post-title link-title'><a href='https://t.umblr.com/"
                 f"redirect?z=https%3A%2F%2Fbaochinhphu.vn%2Flich-nghi-tet.htm'>{title}</a> <span class='link-host'>"
                 f"baochinhphu.vn</span></h2><time datetime='2022-12-26'>26/12/2022</time></header>"
                 f"<div class='post-body link-description'>{TEXT}</div></article>",
                 head=f"<meta property='og:title' content='{title}'/>", title=f"{title} | Bắc Hà Online")
    assert extract_article(page, "http://h.vn/post/703201234567888896/lich-nghi-tet").title == title


def test_a_photo_post_s_photos_above_the_caption_holding_its_title_are_its_pictures():
    photos = "".join(f"<figure class='photo-item'><a href='/media/s1280x1920/{n}.jpg' class='lightbox'><img class='lazyload' "
                     f"src='{PIXEL}' data-src='/media/s1280x1920/{n}.jpg' width='640' height='427' alt=''></a>"
                     f"<figcaption class='photo-caption'>{c}</figcaption></figure>"
                     for n, c in (("38c1956a", "Phụ nữ Mông Hoa trong trang phục truyền thống đi chợ phiên"),
                                  ("01a6c666", "Khu chợ ngựa – nét độc đáo chỉ có ở chợ phiên Bắc Hà")))
    page = _page(f"<article class='post post-photoset'><div class='photoset'>{photos}</div>"
                 f"<div class='post-meta'><time datetime='2023-11-05T10:30:00+07:00'>05/11/2023 - 10:30</time></div>"
                 f"<div class='post-body caption'><h2>{TITLE}</h2>{TEXT}</div></article>")
    a = extract_article(page, URL)
    assert [i.url.rsplit("/", 1)[-1] for i in a.images] == ["38c1956a.jpg", "01a6c666.jpg"]
    assert a.images[0].caption == "Phụ nữ Mông Hoa trong trang phục truyền thống đi chợ phiên"


def test_a_forum_s_attachment_named_for_a_picture_around_its_thumbnail_is_the_picture():
    # (XenForo: the attachment's address writes the file's type into its name, `-jpg.3323/`; the
    # thumbnail is another file under `/data/attachments/`)
    thumb = ("<a href='/attachments/phoi-ca-phe-htx-huong-phung-jpg.3323/' target='_blank'><img "
             "src='/data/attachments/3/3309-8b1f0c5d2e7a.jpg' class='bbImage' width='300' height='200'></a>")
    page = _page(f"<article class='message'><h1>{TITLE}</h1><div class='bbWrapper'>{TEXT}{thumb}<br>"
                 f"<i>Phơi cà phê tại Hợp tác xã Nông nghiệp Hướng Phùng</i><br>{SENTENCE}</div></article>")
    a = extract_article(page, "http://h.vn/threads/mua-ca-phe-chin.1671/")
    assert [i.url for i in a.images] == ["http://h.vn/attachments/phoi-ca-phe-htx-huong-phung-jpg.3323/"]
    # (a link to a forum's page of other things around a picture is no picture of its own)
    other = page.replace(b"/attachments/phoi-ca-phe-htx-huong-phung-jpg.3323/", b"/threads/phoi-ca-phe.1670/")
    assert [i.url for i in extract_article(other, "http://h.vn/threads/mua-ca-phe-chin.1671/").images] == [
        "http://h.vn/data/attachments/3/3309-8b1f0c5d2e7a.jpg"]
