"""Habits of the fifty-fourth round of portals made blind (WordPress's ZOX News, Drupal 8 with Radix,
Joomla 4 with Quix, Blogifier, N2 CMS, VNPT's Java portal, Ucraft, Pagekit; and WordPress's midnight
posts, met by three makers), each as a general rule on a small page."""
from __future__ import annotations

from scraper.extract import extract_article

TITLE = "Nông dân xã Hiệp Thạnh vào vụ thu hoạch cà phê năm 2023"
URL = "http://h.vn/tin-tuc/nong-dan-xa-hiep-thanh-vao-vu-thu-hoach-ca-phe"
SENTENCE = ("Những ngày này, trên khắp các nương đồi của xã, bà con nông dân tất bật thu hái cà phê chín, tranh thủ "
            "thời tiết nắng ráo để phơi sấy, bảo đảm chất lượng hạt trước khi bán cho các doanh nghiệp thu mua. ")
TEXT = f"<p>{SENTENCE * 3}</p><p>{SENTENCE * 2}</p>"


def _page(inside: str, head: str = "", title: str = TITLE) -> bytes:
    return (f"<html lang='vi'><head><title>{title}</title>{head}</head><body><div class='top'>Thứ Sáu, 24/11/2023"
            f"</div>{inside}<div class='footer'>Giấy phép cấp ngày 16/8/2021</div></body></html>").encode()


def test_a_wordpress_post_s_midnight_is_a_time_a_static_generator_s_a_day():
    machine = "<meta property='article:published_time' content='2022-10-21T00:00:00+07:00'/>"
    post = f"<article><h1>{TITLE}</h1><div class='meta'><span class='date'>21/10/2022</span></div>{TEXT}</article>"
    wordpress = _page(post, head=machine + "<meta name='generator' content='WordPress 6.2.2'/>")
    hexo = _page(post, head=machine + "<meta name='generator' content='Hexo 6.3.0'/>")
    assert extract_article(wordpress, URL).published == "2022-10-21T00:00:00+07:00"
    assert extract_article(hexo, URL).published == "2022-10-21"


def test_a_comment_form_s_field_named_for_the_author_is_no_author():
    form = ("<div id='respond'><h3>Để lại bình luận</h3><form action='/wp-comments-post.php' method='post'>"
            "<p class='comment-form-author'><label for='author'>Tên <span class='required'>*</span></label> "
            "<input id='author' name='author' type='text'/></p><p class='form-submit'><input type='submit' "
            "value='Gửi bình luận'/></p></form></div>")
    page = _page(f"<article><h1>{TITLE}</h1><div class='entry-content'>{TEXT}</div>{form}</article>")
    assert extract_article(page, URL).author is None


def test_the_fields_after_the_family_s_text_field_that_go_on_with_the_story_are_its_text():
    # (Drupal's Paragraphs after the body's field: photos with captions, then the closing text; the
    # family file names the body's field alone)
    def item(kind: str, inner: str) -> str:
        return f"<div class='field__item'><div class='paragraph paragraph--type--{kind}'>{inner}</div></div>"
    photos = "".join(item("anh-chu-thich", f"<div class='field field--name-field-anh'><img src='/sites/default/files/"
                                           f"2023-11/thu-hoach-{n}.jpg' width='1300' height='867' alt=''/></div>"
                                           f"<div class='field field--name-field-chu-thich'>Nông dân thu hái cà phê {n}"
                                           f"</div>") for n in (1, 2))
    closing = "Hiện nay, huyện đang khuyến khích nông dân liên kết với doanh nghiệp thu mua, chế biến cà phê theo chuỗi giá trị."
    text_item = item("van-ban", f"<div class='field field--name-field-noi-dung'><p>{closing}</p></div>")
    fields = f"<div class='field field--name-field-noi-dung-anh field__items'>{photos}{text_item}</div>"
    page = _page(f"<article class='node'><h1>{TITLE}</h1><div class='node__content'><div class='clearfix text-formatted "
                 f"field field--name-body field__item'>{TEXT}</div>{fields}<div class='field field--name-field-tags'>"
                 f"<a href='/tags/ca-phe'>Cà phê</a></div></div></article>", head="<meta name='Generator' content='Drupal 8'/>")
    a = extract_article(page, URL, family="drupal")
    assert a.body.endswith(closing)
    assert [(i.url.rsplit("/", 1)[-1], i.caption) for i in a.images] == [
        ("thu-hoach-1.jpg", "Nông dân thu hái cà phê 1"), ("thu-hoach-2.jpg", "Nông dân thu hái cà phê 2")]


def test_a_viewer_page_given_a_file_s_address_on_its_own_host_is_that_file():
    # (VNPT's Java portal: a files table, each row's download and pdf.js "Xem trực tuyến" icons)
    download = "/api/file/download?fileId=7c1e9a52-4d3b-4f08-9a6e-2b5d8c0f3e71"
    files = (f"<h4>Tệp đính kèm</h4><table class='table-attach'><tr><th>STT</th><th>Tên tệp</th><th>Tải về</th></tr>"
             f"<tr><td>1</td><td><a href='{download}' title='Thông báo số 125/TB-UBND'>Thông báo số 125/TB-UBND</a></td>"
             f"<td><a href='{download}' class='btn-download' title='Tải về'><i class='fas fa-download'></i></a> <a "
             f"href='/pdfjs/web/viewer.html?file=/api/file/download%3FfileId%3D7c1e9a52-4d3b-4f08-9a6e-2b5d8c0f3e71' "
             f"title='Xem trực tuyến'><i class='far fa-eye'></i></a></td></tr></table>")
    page = _page(f"<article><h1>{TITLE}</h1><div class='content'>{TEXT}</div><div class='attach'>{files}</div></article>")
    a = extract_article(page, URL)
    assert [f.url for f in a.attachments] == ["http://h.vn" + download]


def test_a_files_extension_s_download_task_is_a_file():
    # (Joomla's Attachments: an icon's link and the named link to `/component/attachments/?task=download&id=47`)
    href = "/component/attachments/?task=download&amp;id=47"
    title = "Tải về tệp này (Phieu-dang-ky-du-tuyen-vien-chuc.doc)"
    files = (f"<div class='attachmentsContainer'><div class='attachmentsList'><table><caption>Tệp đính kèm:</caption>"
             f"<tr><td class='at_filename'><a class='at_icon' href='{href}' title='{title}'><img "
             f"src='/media/com_attachments/images/file_icons/doc.gif' alt='{title}'/></a>&nbsp;<a class='at_url' "
             f"href='{href}' title='{title}'>Phieu-dang-ky-du-tuyen-vien-chuc.doc</a></td><td>46 KB</td></tr></table></div></div>")
    page = _page(f"<article><h1>{TITLE}</h1><div class='com-content-article__body'>{TEXT}<p><strong>Tệp đính kèm:</strong> "
                 f"<a href='/images/van-ban/2023/10/TB-215-UBND.pdf'>Thông báo số 215/TB-UBND</a></p>{files}</div></article>")
    a = extract_article(page, URL)
    assert [f.url for f in a.attachments] == ["http://h.vn/images/van-ban/2023/10/TB-215-UBND.pdf",
                                              "http://h.vn/component/attachments/?task=download&id=47"]


def test_a_lightbox_s_file_around_a_script_s_copy_named_in_its_query_is_the_picture():
    figure = ("<div qx-lightbox><a href='/images/tin-tuc/2023/10/thu-hoach-coi-1.jpg'><img src='/index.php?quix-image="
              "media/quixnxt/storage/images/tin-tuc/2023/10/thu-hoach-coi-1_800.jpg&amp;dirs=tin-tuc/2023/10' width='800' "
              "height='533' alt=''/></a></div><p style='text-align:center'><em>Cánh đồng cói vào mùa thu hoạch</em></p>")
    page = _page(f"<article><h1>{TITLE}</h1><div itemprop='articleBody'>{TEXT}{figure}<p>{SENTENCE}</p></div></article>")
    assert [i.url for i in extract_article(page, URL).images] == ["http://h.vn/images/tin-tuc/2023/10/thu-hoach-coi-1.jpg"]


def test_the_text_s_last_line_set_right_under_its_last_picture_is_the_author_not_a_caption():
    end = ("<p style='text-align: center;'><img src='/upload/2023/02/hoa-ca-phe-03.jpg' width='700' height='466' alt=''/>"
           "</p><p style='text-align: right;'><em><strong>Ngọc Ánh (Trung tâm VH-TT&amp;TT huyện)</strong></em></p>")
    page = _page(f"<article><h1>{TITLE}</h1><div class='news-detail'>{TEXT}{end}</div></article>")
    a = extract_article(page, URL)
    assert [i.caption for i in a.images] == [None] and a.author == "Ngọc Ánh (Trung tâm VH-TT&TT huyện)"


def test_a_theme_s_default_cover_is_no_picture_of_the_article():
    cover = "<figure class='post-cover'><img class='post-cover-img' src='/themes/ductho/img/default-cover.jpg' alt=''></figure>"
    page = _page(f"<article class='post'>{cover}<h1 class='post-title'>{TITLE}</h1><div class='post-body'>{TEXT}</div></article>")
    assert extract_article(page, URL).images == []


def test_a_field_listing_several_categories_names_the_first():
    meta = ("<div class='post-meta-item post-meta-cats'><span class='post-meta-label'>Chuyên mục</span><ul "
            "class='post-meta-cats-list'><li><a href='/categories/tin-tuc'>Tin tức - Sự kiện</a></li><li><a "
            "href='/categories/chuyen-doi-so'>Chuyển đổi số</a></li></ul></div>")
    page = _page(f"<article class='post'><h1 class='post-title'>{TITLE}</h1><div class='post-meta'>{meta}</div>"
                 f"<div class='post-body'>{TEXT}</div></article>")
    assert extract_article(page, URL).category == "Tin tức - Sự kiện"


def test_a_featured_copy_of_the_text_s_first_picture_in_another_size_is_no_second_picture():
    # (WordPress keeps each size beside the upload: the post's featured `x-768x512.jpg`, linked to the post,
    # above the text holding `x.jpg`)
    featured = ("<div class='post-image'><a href='/tin-tuc/ngay-hoi/'><img src='/wp-content/uploads/2023/11/ngay-hoi-1"
                f"-768x512.jpg' width='768' height='512' alt='{TITLE}'/></a></div>")
    figure = ("<figure class='wp-block-image'><img src='/wp-content/uploads/2023/11/ngay-hoi-1.jpg' width='1200' "
              "height='800' alt=''/><figcaption>Trao quà tặng khu dân cư xóm 5</figcaption></figure>")
    page = _page(f"<article class='post'>{featured}<h1 class='post-title'>{TITLE}</h1><div class='entry-content'>"
                 f"{TEXT}{figure}<p>{SENTENCE}</p></div></article>")
    a = extract_article(page, "http://h.vn/tin-tuc/ngay-hoi/", family="generic")
    assert [i.url for i in a.images] == ["http://h.vn/wp-content/uploads/2023/11/ngay-hoi-1.jpg"]
