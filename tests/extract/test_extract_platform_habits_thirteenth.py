"""Habits of the thirteenth round of portals made blind: a WordPress theme's views box around its
count, a CDN's lazy copies beside the original, SharePoint 2019's hidden field labels, hit counter
web part and image renditions; each as a general rule on a small page."""
from __future__ import annotations

from scraper.extract import extract_article

TEXT = "<p>" + "Vụ Mùa năm 2023, huyện phấn đấu gieo trồng 4.850 ha cây trồng các loại, trong đó lúa 3.900 ha. " * 3 + "</p>"
TITLE = "Sơ kết sản xuất vụ Chiêm Xuân, triển khai kế hoạch sản xuất vụ Mùa năm 2023"
URL = "http://h.vn/tin-tuc/Pages/so-ket-san-xuat-vu-chiem-xuan.aspx"


def _page(body: str) -> bytes:
    return f"<html><head><title>{TITLE}</title></head><body>{body}</body></html>".encode()


def test_a_count_in_its_views_box_is_read_once_not_twice():
    page = _page(f"<article><h1>{TITLE}</h1><div class='entry-content'>{TEXT}<div class='post-views-box'><i class='icon'>"
                 "</i> Lượt xem: <span class='post-views-count'>856</span></div></div></article>")
    assert extract_article(page, URL, family="generic").views == 856


def test_the_original_named_beside_a_lazy_loader_s_smaller_copy_is_the_picture():
    img = ("<figure class='image'><img class='lazyload' src='data:image/gif;base64,R0lGOD' "
           "data-src='/uploads/images/2023/04/03/to-cong-nghe-so-w800.webp' "
           "data-original='/uploads/images/2023/04/03/to-cong-nghe-so.jpg' width='800'>"
           "<figcaption>Tổ công nghệ số cộng đồng hướng dẫn hộ kinh doanh</figcaption></figure>")
    page = _page(f"<article><h1>{TITLE}</h1><div class='detail__content'>{TEXT}{img}{TEXT}</div></article>")
    article = extract_article(page, URL, family="generic")
    assert [i.url for i in article.images] == ["http://h.vn/uploads/images/2023/04/03/to-cong-nghe-so.jpg"]


def test_sharepoint_s_hidden_field_label_hit_counter_web_part_and_renditions():
    page = _page(
        f"<div class='article-title'><h1>{TITLE}</h1></div><div class='article-date'>05/06/2023</div>"
        "<div class='ms-webpart-zone'><div class='article-summary'><span style='display:none'>Chú thích</span>"
        "<div class='ms-rtestate-field'>Sáng 02/6, UBND huyện tổ chức hội nghị sơ kết sản xuất vụ Chiêm Xuân.</div></div>"
        f"<div class='article-content'><span style='display:none'>Nội dung Trang</span><div class='ms-rtestate-field'>{TEXT}"
        "<p><img src='/PublishingImages/TinTuc/2023/06/hoi-nghi.jpg?RenditionID=5' width='600'></p>"
        f"<div class='ms-rteElement-Caption'>Quang cảnh hội nghị</div>{TEXT}</div></div></div>"
        "<div class='ms-webpart-zone'><div class='ms-WPBody'><div class='ck-hitcounter'><img src='/_layouts/15/images/eye.png'>"
        " Số lượt xem: <b>856</b></div></div></div>"
        "<div class='sidebar'><h3>Tin đọc nhiều</h3><p>Số lượt xem: 12.000</p></div>")
    article = extract_article(page, URL, family="generic")
    assert article.body.startswith("Sáng 02/6") and "Chú thích" not in article.body
    assert article.views == 856
    assert [i.url for i in article.images] == ["http://h.vn/PublishingImages/TinTuc/2023/06/hoi-nghi.jpg"]


def test_a_picture_block_between_a_builder_s_text_blocks_is_the_article_s_whatever_its_styling_names():
    text = f"<section class='av_textblock_section'><div class='avia_textblock'>{TEXT}{TEXT}</div></section>"
    picture = ("<div class='avia-image-container av-styling- av-overlay-hover-deactivate'><div class='av-image-caption-overlay'>"
               "<div class='av-image-caption-overlay-center'><p>Đồng chí Chủ tịch UBND huyện phát biểu</p></div></div>"
               "<img src='/wp-content/uploads/2023/04/hoi-nghi.jpg' width='800'></div>")
    teaser = ("<div class='article-teaser'><a href='/tin-tuc/bai-khac-123'><img src='/uploads/thumb/bai-khac.jpg' width='800'>"
              "</a><p>Bài khác của huyện</p></div>")
    page = _page(f"<div class='main'><h1>{TITLE}</h1><div class='entry'>{text}{picture}{text}{teaser}{text}</div></div>")
    article = extract_article(page, URL, family="generic")
    assert [i.url for i in article.images] == ["http://h.vn/wp-content/uploads/2023/04/hoi-nghi.jpg"]
