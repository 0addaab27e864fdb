"""Habits of the thirty-third round of portals made blind (Grav, Pimcore, HubSpot CMS): a tag's link
marked or labelled as the category, a text built of bricks with a picture's between them and the
writer's line in the last, a lead sentence full of dates, two copies of a picture an image cache
names by hash, a call to action's picture, a file's type before its size; each as a general rule on a
small page. (Pimcore's category line after the text, "Chuyên mục: ... Cập nhật lúc: ...", is held by
its portal's crawl in tests/crawl/test_crawl_unseen_platforms.py.)"""
from __future__ import annotations

from scraper.extract import extract_article

TEXT = "<p>" + "Chiều 07/3, Hội Liên hiệp Phụ nữ huyện Hải Hậu tổ chức gặp mặt kỷ niệm Ngày Quốc tế Phụ nữ tại hội trường. " * 3 + "</p>"
TITLE = "Hải Hậu gặp mặt kỷ niệm 113 năm Ngày Quốc tế Phụ nữ 8/3"
URL = "http://h.vn/tin-tuc/Gap-mat-ky-niem-113-nam-Ngay-Quoc-te-Phu-nu-8-3"
TRAIL = ("<div class='breadcrumb'><a href='/'>Trang chủ</a> › <a href='/tin-tuc'>Tin tức - Sự kiện</a> › "
         f"<span>{TITLE}</span></div>")


def _page(inside: str) -> bytes:
    return (f"<html><head><title>{TITLE} | Cổng thông tin huyện</title></head>"
            f"<body><div class='header'>Thứ Năm, ngày 09/3/2023</div><div id='main'>{inside}</div>"
            "<div class='footer'>Giấy phép cấp ngày 25/5/2017</div></body></html>").encode()


def test_a_tag_s_link_marked_or_labelled_as_the_category_leaves_it_to_the_trail():
    marked = f"{TRAIL}<h1>{TITLE}</h1><a class='label p-category' href='/tin-tuc/tag:cam sành'>cam sành</a><div>{TEXT}{TEXT}</div>"
    assert extract_article(_page(marked), URL, family="generic").category == "Tin tức - Sự kiện"
    labelled = (f"{TRAIL}<h1>{TITLE}</h1><div class='post'>{TEXT}{TEXT}</div>"
                "<div class='topics'>Chủ đề: <a href='/tin-tuc/tag/n%C3%B4ng-th%C3%B4n-m%E1%BB%9Bi'>Nông thôn mới</a></div>")
    assert extract_article(_page(labelled), URL, family="generic").category == "Tin tức - Sự kiện"


def _brick(inner: str, kind: str = "wysiwyg") -> str:
    return f"<div class='pimcore_area_{kind} pimcore_area_content'><section class='area-{kind}'>{inner}</section></div>"


LEAD = ("<p style='text-align:justify'><strong>Chiều 07/3, Hội Liên hiệp Phụ nữ huyện Hải Hậu tổ chức gặp mặt kỷ niệm 113 "
        "năm Ngày Quốc tế Phụ nữ 8/3 (08/3/1910 - 08/3/2023) và 1983 năm Khởi nghĩa Hai Bà Trưng tại hội trường UBND "
        "huyện, với sự tham dự của đông đảo hội viên các xã.</strong></p>")
PICTURE = ("<figure><img src='/anh-tin-bai/2023/03/image-thumb__24550__content/gap-mat-01.jpg' width='750' height='500'>"
           "<figcaption>Đồng chí Phó Chủ tịch UBND huyện trao Giấy khen</figcaption></figure>")


def test_a_text_of_bricks_keeps_its_dated_lead_and_its_writer_s_line_past_a_picture():
    bricks = (_brick(LEAD) + _brick(PICTURE, "image") + _brick(TEXT + TEXT) + _brick(PICTURE.replace("01", "02"), "image")
              + _brick("<p style='text-align:right'><em><strong>Thu Hà</strong></em></p>")
              + _brick("<h4>Tin liên quan</h4><ul><li><a href='/tin-tuc/a~n1'>Hội Nông dân huyện tập huấn kỹ thuật</a></li></ul>",
                       "links"))
    article = extract_article(_page(f"<h1>{TITLE}</h1><div class='doc-meta'>Ngày đăng: 08/03/2023</div>"
                                    f"<div class='doc-content'>{bricks}</div>"), URL, family="generic")
    assert article.body.startswith("Chiều 07/3, Hội Liên hiệp Phụ nữ huyện Hải Hậu tổ chức gặp mặt kỷ niệm 113")
    assert article.author == "Thu Hà" and "Thu Hà" not in article.body


def test_two_copies_of_a_picture_an_image_cache_names_by_hash_are_one_picture_the_link_s_the_larger():
    figure = ("<figure><a rel='lightbox' href='/images/4/0/0/5/b/4005be3ef4bdfc5c1dc91a98d706e255dbfc2cb5-gian-hang.jpeg'>"
              "<img alt='Gian hàng' src='/images/7/d/1/4/e/7d14e86e381f2bbd6ca051e2f74f23b9378549e7-gian-hang.jpeg'></a>"
              "<figcaption>Gian hàng trưng bày sản phẩm của Hợp tác xã</figcaption></figure>")
    article = extract_article(_page(f"<h1>{TITLE}</h1><div class='e-content'>{TEXT}{figure}{TEXT}</div>"), URL, family="generic")
    assert [i.url for i in article.images] == [
        "http://h.vn/images/4/0/0/5/b/4005be3ef4bdfc5c1dc91a98d706e255dbfc2cb5-gian-hang.jpeg"]


def test_a_call_to_action_s_picture_is_no_picture_of_the_article():
    cta = ("<p><span class='hs-cta-wrapper'><a href='https://cta-redirect.hubspot.com/cta/redirect/1/2'>"
           "<img class='hs-cta-img' src='https://no-cache.hubspot.com/cta/default/1/2.png' alt='Nộp hồ sơ trực tuyến'></a></span></p>")
    article = extract_article(_page(f"<h1>{TITLE}</h1><div class='blog-post__body'>{TEXT}{cta}{TEXT}</div>"), URL,
                              family="generic")
    assert article.images == []


def test_a_file_s_type_before_its_size_in_its_link_is_no_part_of_its_name():
    files = ("<div class='documents'><ul><li><a href='IMG/pdf/kh_215.pdf' type='application/pdf'><strong>Kế hoạch số 215/KH-UBND"
             "</strong> <small>(<abbr>PDF</abbr> - <span>786 bytes</span>)</small></a></li></ul></div>")
    article = extract_article(_page(f"<h1>{TITLE}</h1><div class='texte'>{TEXT}{TEXT}{files}</div>"), URL, family="generic")
    assert [a.name for a in article.attachments] == ["Kế hoạch số 215/KH-UBND"]
