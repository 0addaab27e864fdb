"""Habits of the eleventh round of portals made blind: the TYPO3 news extension's templates (an
article's own div.header and div.footer, a category named in plain text, processed picture copies,
files among the related things), each as a general rule on a small page."""
from __future__ import annotations

from scraper.extract import extract_article, extract_listing

TEXT = "<p>" + "Năm 2022, công tác chuyển đổi số trên địa bàn huyện đạt nhiều kết quả tích cực, 100% cơ quan sử dụng phần mềm. " * 3 + "</p>"
TITLE = "Thọ Xuân triển khai nhiệm vụ chuyển đổi số năm 2023"
URL = "http://h.vn/tin-tuc/chi-tiet/tho-xuan-trien-khai-nhiem-vu-chuyen-doi-so-nam-2023"


# (the trail's last item a section's name: a detail page's own, "Chi tiết tin", is no category since the
# twenty-second round)
_TRAIL = "<div class='breadcrumb'><a href='/'>Trang chủ</a> › <a href='/tin-tuc'>Tin tức</a> › <span>Tin hoạt động</span></div>"


def _page(body: str, trail: str = _TRAIL) -> bytes:
    return (f"<html lang='vi'><head><title>Cổng thông tin điện tử huyện Thọ Xuân: {TITLE}</title></head><body>"
            f"{trail}{body}<div class='footer'><p>Lượt truy cập: 1.254.870. Giấy phép cấp ngày 15/03/2012.</p></div></body></html>").encode()


def _news(footer: str, after: str = "", media: str = "") -> bytes:
    return _page("<div class='news news-single'><div class='article' itemscope itemtype='http://schema.org/Article'>"
                 f"<div class='header'><h3 itemprop='headline'>{TITLE}</h3></div><div class='footer'><p>{footer}</p></div>"
                 f"{media}<div class='news-text-wrap' itemprop='articleBody'>{TEXT}</div>{after}</div></div>")


_FOOTER = ("<span class='news-list-date'><time itemprop='datePublished' datetime='2023-04-12'>Thứ tư, 12/04/2023 - 08:30 SA"
           "</time></span><span class='news-list-category'>Chuyển đổi số</span>"
           "<span class='news-list-author' itemprop='author'>Tác giả: Lê Thị Hương</span>"
           "<span class='news-list-views'><i class='fa fa-eye'></i> Lượt xem: 2.315</span>")


def test_an_article_s_own_footer_between_its_title_and_text_gives_date_time_views_author_and_category():
    article = extract_article(_news(_FOOTER), URL, family="generic")
    # the machine date gives the day; the line the article shows it in, its time
    assert article.published == "2023-04-12T08:30:00+07:00"
    assert (article.views, article.author, article.category) == (2315, "Lê Thị Hương", "Chuyển đổi số")


def test_a_category_named_in_plain_text_but_not_a_labelled_parent_or_a_byline():
    parent = _FOOTER.replace("<span class='news-list-category'>Chuyển đổi số</span>",
                             "<span class='parent-category-name'>Danh mục cha: <span>Tin tức</span></span>")
    assert extract_article(_news(parent), URL, family="generic").category == "Tin hoạt động" != "Danh mục cha: Tin tức"
    byline = _FOOTER.replace("Chuyển đổi số", "Posted by Konstantin")
    assert extract_article(_news(byline), URL, family="generic").category != "Posted by Konstantin"
    dashes = _FOOTER.replace("Chuyển đổi số", "&dash; Chuyển đổi số &dash;")
    assert extract_article(_news(dashes), URL, family="generic").category == "Chuyển đổi số"


def test_a_processed_copy_s_lightbox_link_gives_the_original_picture():
    media = ("<div class='news-img-wrap'><figure><a href='/fileadmin/user_upload/2023/04/hoi-nghi-cds-2023-1.jpg' class='lightbox'>"
             "<img src='/fileadmin/_processed_/7/e/csm_hoi-nghi-cds-2023-1_3b8f02c9d1.jpg' width='600'></a>"
             "<figcaption>Đồng chí Phó Chủ tịch UBND huyện phát biểu</figcaption></figure>"
             # a link to another picture (a gallery's next one) is not this one's original
             "<figure><a href='/fileadmin/user_upload/2023/04/1.jpg'><img src='/fileadmin/_processed_/0/4/csm_anh-1_a91e5c77f0.jpg'"
             " width='600'></a></figure></div>")
    article = extract_article(_news(_FOOTER, media=media), URL, family="generic")
    assert [(i.url, i.caption) for i in article.images] == [
        ("http://h.vn/fileadmin/user_upload/2023/04/hoi-nghi-cds-2023-1.jpg", "Đồng chí Phó Chủ tịch UBND huyện phát biểu"),
        ("http://h.vn/fileadmin/_processed_/0/4/csm_anh-1_a91e5c77f0.jpg", None)]


def test_files_listed_among_the_related_things_after_the_text_are_attachments():
    after = ("<div class='news-related-wrap'><div class='news-related news-related-news'><h4>Tin liên quan</h4><ul>"
             "<li><a href='/tin-tuc/chi-tiet/hop-phien-thuong-ky-thang-3'>Họp phiên thường kỳ tháng 3</a></li></ul></div>"
             "<div class='news-related news-related-files'><h4>Tệp đính kèm</h4><ul><li>"
             "<a href='/fileadmin/van-ban/58-KH-UBND.pdf'>Kế hoạch số 58/KH-UBND</a></li></ul></div></div>")
    article = extract_article(_news(_FOOTER, after=after), URL, family="generic")
    assert [(a.url, a.name) for a in article.attachments] == [("http://h.vn/fileadmin/van-ban/58-KH-UBND.pdf",
                                                               "Kế hoạch số 58/KH-UBND")]


def test_a_list_item_s_own_header_is_not_the_page_s_so_its_headlines_are_the_list():
    items = "".join(
        f"<div class='article articletype-0' itemscope itemtype='http://schema.org/Article'><div class='header'><h3>"
        f"<a href='/tin-tuc/chi-tiet/{slug}'>{title}</a></h3></div><div class='teaser-text'><p>Tóm tắt.</p>"
        f"<a class='more' href='/tin-tuc/chi-tiet/{slug}'>Xem tiếp</a></div>"
        "<div class='footer'><span class='news-list-date'>12/04/23</span></div></div>"
        for slug, title in [("hon-11-200-ha-lua-xuan-sinh-truong-tot", "Hơn 11.200 ha lúa Xuân sinh trưởng, phát triển tốt"),
                            ("truong-tieu-hoc-xuan-hong-dat-chuan-muc-do-2", "Trường Tiểu học Xuân Hồng đạt chuẩn quốc gia mức độ 2"),
                            ("ra-quan-tet-trong-cay-doi-doi-nho-on-bac-ho", "Thọ Xuân ra quân hưởng ứng Tết trồng cây nhớ ơn Bác")])
    page = ("<html><body><header class='header'><ul><li><a href='/gioi-thieu/lich-su-hinh-thanh-va-phat-trien-huyen'>"
            "Lịch sử hình thành và phát triển của huyện</a></li></ul></header>"
            f"<div class='news-list-view'>{items}</div><ul class='f3-widget-paginator'><li>1</li>"
            "<li><a href='/tin-tuc?page=2'>2</a></li></ul></body></html>").encode()
    listing = extract_listing(page, "http://h.vn/tin-tuc")
    assert [u.rsplit("/", 1)[1] for u in listing.article_urls] == [
        "hon-11-200-ha-lua-xuan-sinh-truong-tot", "truong-tieu-hoc-xuan-hong-dat-chuan-muc-do-2",
        "ra-quan-tet-trong-cay-doi-doi-nho-on-bac-ho"]
    assert listing.next_pages == ["http://h.vn/tin-tuc?page=2"]


# ---------------------------------------------------------------- Orchard Core, Plone, Liferay 7.4, a hand-built PHP site


def _post(header: str, after: str = "", body: str = TEXT) -> bytes:
    return _page(f"<article class='content-item blog-post'><header class='post-heading'>{header}</header>"
                 f"<div class='post-body'>{body}</div><footer>{after}</footer></article>")


def test_a_taxonomy_badge_set_just_above_the_title_is_the_category():
    badge = "<a class='badge taxonomy-term' href='/chuyen-muc/chuyen-doi-so'>Chuyển đổi số</a>"
    page = _post(f"{badge}<h1 class='post-title'>{TITLE}</h1><div class='post-meta'>Đăng lúc: 12/04/2023 08:15</div>")
    assert extract_article(page, URL, family="generic").category == "Chuyển đổi số"
    # not a link further up the header (a "back to the list" link above a date line)
    away = _post(f"{badge}<div class='post-meta'>Đăng lúc: 12/04/2023 08:15</div><h1 class='post-title'>{TITLE}</h1>")
    assert extract_article(away, URL, family="generic").category == "Tin hoạt động"


def test_a_topic_label_s_link_in_a_wrapper_names_the_category_and_a_year_folder_in_the_trail_does_not():
    trail = ("<div class='breadcrumb'><a href='/'>Trang chủ</a> › <a href='/tin-tuc'>Tin tức</a> › "
             f"<a href='/tin-tuc/2019'>2019</a> › <span>{TITLE}</span></div>")
    head = f"<h1 class='documentFirstHeading'>{TITLE}</h1>"
    topic = "<div class='documentByLine'>Chủ đề: <span><a href='/@@search?Subject%3Alist=CDS' rel='tag'>Chuyển đổi số</a></span></div>"
    page = _page(f"<article id='content'><header>{head}</header><div id='content-core'>{TEXT}</div>"
                 f"<footer>{topic}</footer></article>", trail)
    assert extract_article(page, URL, family="generic").category == "Chuyển đổi số"
    plain = _page(f"<article id='content'><header>{head}</header><div id='content-core'>{TEXT}</div></article>", trail)
    assert extract_article(plain, URL, family="generic").category == "Tin tức"


def test_a_byline_gives_the_name_before_its_date_and_a_byline_of_dates_names_no_one():
    def author(line):
        return extract_article(_post(f"<h1 class='post-title'>{TITLE}</h1><div class='byline'>{line}</div>"), URL,
                               family="generic").author
    assert author("Nguyễn Thu Hà, 12/04/2023 08:15") == "Nguyễn Thu Hà"
    assert author("By Michelle Ehrhardt 04 November 2020") == "Michelle Ehrhardt"  # (its label in English too)
    assert author("Ngày đăng: 23/11/2019 — Lần sửa cuối: 12/04/2023 08:16") is None
    assert author("15:35, Oct 29 2020") is None


def test_a_caption_field_in_its_own_wrappers_after_the_picture_s_is_its_caption():
    picture = ("<div class='item-image'><div class='fragment_44'><div class='component-image'>"
               "<img src='/documents/38901/1531808/lua-vu-mua.jpg/b27d4e90?t=1686784959000'></div></div></div>")
    caption = ("<div class='item-paragraph'><div class='fragment_45'><div class='component-paragraph image-caption'>"
               "Nông dân xã Sơn Vi gieo cấy lúa vụ Mùa</div></div></div>")
    page = _page(f"<div class='article'><div class='item-heading'><h1>{TITLE}</h1></div>{picture}{caption}"
                 f"<div class='item-paragraph article-content'><div class='fragment_46'>{TEXT}</div></div></div>")
    article = extract_article(page, URL, family="generic")
    assert [(i.url.rsplit("/", 2)[-2], i.caption) for i in article.images] == [("lua-vu-mua.jpg", "Nông dân xã Sơn Vi gieo cấy lúa vụ Mùa")]
    assert "Sơn Vi gieo cấy" not in article.body
