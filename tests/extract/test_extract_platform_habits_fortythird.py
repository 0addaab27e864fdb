"""Habits of the forty-seventh round of portals made blind, each as a general rule on a small page:
a static generator's midnight told on hover, an unlabelled author the structured data names, a
figure's caption in a paragraph, a cover's caption naming what the headline names, Drupal's noon
for a date-only field, its submitted line's weekday and account, a media entity's figure, a
category's link over the title, a post's details in the sidebar, and a photographer's line closing
the text before a related box."""
from __future__ import annotations

import json

from scraper.extract import extract_article

TITLE = "Hội nghị xúc tiến tiêu thụ vải thiều Lục Ngạn năm 2023"
URL = "http://h.vn/tin-tuc/hoi-nghi-xuc-tien-tieu-thu-vai-thieu/"
SENTENCE = ("Năm 2023, toàn huyện có trên 17.500 ha vải thiều, trong đó diện tích vải sớm khoảng 5.200 ha, tập trung "
            "chủ yếu tại các xã Phì Điền, Giáp Sơn, Đồng Cốc, Tân Quang. ")
TEXT = f"<p>{SENTENCE * 3}</p><p>{SENTENCE * 2}</p>"


def _page(inside: str, head: str = "", title: str = TITLE) -> bytes:
    return (f"<html lang='vi'><head><title>{title}</title>{head}</head><body><div class='top'>Thứ Năm, 13/04/2023"
            f"</div>{inside}<div class='footer'>Giấy phép cấp ngày 15/6/2018</div></body></html>").encode()


def _names(images) -> list:
    return [(i.url.rsplit("/", 1)[-1], i.caption) for i in images]


def _jsonld(author: dict) -> str:
    return ("<script type='application/ld+json'>" + json.dumps(
        {"@context": "https://schema.org", "@type": "BlogPosting", "headline": TITLE, "author": author},
        ensure_ascii=False) + "</script>")


def test_a_midnight_told_on_hover_is_a_time():
    # (Hugo PaperMod: `<span title="2022-11-15 00:00:00 +0000 UTC">15/11/2022</span>`, the same time stated
    # in article:published_time; a post of the day alone hides no such title)
    head = "<meta property='article:published_time' content='2022-11-15T00:00:00+00:00'>"
    meta = "<div class='post-meta'><span title='2022-11-15 00:00:00 +0000 UTC'>15/11/2022</span>&nbsp;·&nbsp;1 phút</div>"
    page = _page(f"<article><header><h1>{TITLE}</h1>{meta}</header><div class='post-content'>{TEXT}</div></article>", head)
    assert extract_article(page, URL).published == "2022-11-15T00:00:00+00:00"
    untitled = page.replace(b" title='2022-11-15 00:00:00 +0000 UTC'", b"")
    assert extract_article(untitled, URL).published == "2022-11-15"


def test_the_author_structured_data_names_shown_unlabelled_in_the_meta_line():
    # (Hugo PaperMod: "08/06/2023 · 2 phút · 381 từ · Phòng Nội vụ huyện · Lượt xem: 3.072", the JSON-LD's
    # Person the same; an Organization named as author is the publisher)
    meta = ("<div class='post-meta'><span>08/06/2023</span>&nbsp;·&nbsp;2 phút&nbsp;·&nbsp;381 từ&nbsp;·&nbsp;"
            "Phòng Nội vụ huyện&nbsp;·&nbsp;<span class='luot-xem'>Lượt xem: 3.072</span></div>")
    body = f"<article><header><h1>{TITLE}</h1>{meta}</header><div class='post-content'>{TEXT}</div></article>"
    article = extract_article(_page(body, _jsonld({"@type": "Person", "name": "Phòng Nội vụ huyện"})), URL)
    assert article.author == "Phòng Nội vụ huyện" and article.views == 3072
    assert extract_article(_page(body, _jsonld({"@type": "Organization", "name": "Phòng Nội vụ huyện"})), URL).author is None
    elsewhere = body.replace("Phòng Nội vụ huyện&nbsp;·&nbsp;", "")
    assert extract_article(_page(elsewhere, _jsonld({"@type": "Person", "name": "Phòng Nội vụ huyện"})), URL).author is None


def test_a_cover_figure_s_paragraph_caption_naming_what_the_headline_names():
    # (Hugo PaperMod's cover: `figure.entry-cover > img + p`, outside the text's element, "Quang cảnh <headline>")
    caption = f"Quang cảnh {TITLE}"
    page = _page(f"<article class='post-single'><header><h1>{TITLE}</h1><div class='post-meta'>26/05/2023</div></header>"
                 f"<figure class='entry-cover'><img src='/tin-tuc/hoi-nghi/cover.jpg' alt='Hội nghị' width='800' "
                 f"height='533'><p>{caption}</p></figure><div class='post-content'>{TEXT}</div></article>")
    article = extract_article(page, URL)
    assert _names(article.images) == [("cover.jpg", caption)] and caption not in article.body


def test_drupal_s_noon_for_a_date_only_field_is_the_day():
    # (Drupal's datetime field of the date type: `<time datetime="2022-09-12T12:00:00Z">12/09/2022</time>`)
    page = _page(f"<article><h1>{TITLE}</h1><div class='field--name-field-ngay'><time datetime='2022-09-12T12:00:00Z'>"
                 f"12/09/2022</time></div><div class='field--name-body'>{TEXT}</div></article>")
    assert extract_article(page, URL).published == "2022-09-12"


def test_drupal_s_submitted_line_names_the_account_with_its_weekday():
    # (Barrio's `<em>Bởi <span about="/user/5" typeof="schema:Person">vanphong</span>, Thứ ba, 14/03/2023 - 16:40</em>`)
    submitted = ("<div class='node__meta'><em>Bởi <span rel='schema:author' class='field--name-uid'><span about='/user/5' "
                 "typeof='schema:Person' property='schema:name'>{}</span></span>, <span class='field--name-created'>"
                 "Thứ ba, 14/03/2023 - 16:40</span></em></div>")
    page = _page(f"<article><h1>{TITLE}</h1>{submitted.format('vanphong')}<div class='node__content'>{TEXT}</div></article>")
    article = extract_article(page, URL)
    assert article.author is None and article.published == "2023-03-14T16:40:00+07:00"
    named = _page(f"<article><h1>{TITLE}</h1>{submitted.format('Minh Châu').replace('/user/5', '/tac-gia/minh-chau')}"
                  f"<div class='node__content'>{TEXT}</div></article>")
    assert extract_article(named, URL).author == "Minh Châu"


def test_a_media_entity_s_picture_deep_in_its_figure_takes_the_figure_s_caption():
    # (Drupal's embedded media: `figure > div > article.media > div.field > div.field__item > img`, then figcaption)
    caption = "Lãnh đạo huyện và các đại biểu trồng cây tại lễ phát động"
    media = ("<figure role='group' class='caption caption-drupal-media'><div><article class='media media--type-image'>"
             "<div class='field field--name-field-media-image'><div class='field__label visually-hidden'>Hình ảnh</div>"
             "<div class='field__item'><img src='/sites/default/files/styles/max_650x650/public/trong-cay-1.jpg?itok=3k' "
             f"width='650' height='433' alt='Trồng cây'></div></div></article></div><figcaption>{caption}</figcaption></figure>")
    page = _page(f"<article><h1>{TITLE}</h1><div class='meta'>08/02/2023</div><div class='field--name-body'>{TEXT}{media}"
                 f"<p>{SENTENCE}</p></div></article>")
    article = extract_article(page, URL)
    assert _names(article.images) == [("trong-cay-1.jpg?itok=3k", caption)] and caption not in article.body


def test_a_category_s_link_alone_over_the_title():
    # (Publii's theme override: `a.post__maintag` to the category's page, then the <h1>)
    page = _page("<article class='content'><header class='hero__content'><a class='post__maintag' "
                 f"href='./chuyen-muc/nong-nghiep/index.html'>Nông nghiệp</a><h1>{TITLE}</h1><time datetime='2023-05-22T07:50'>"
                 f"22/05/2023</time></header><div class='content__entry'>{TEXT}</div></article>")
    assert extract_article(page, "http://h.vn/mua-vang.html").category == "Nông nghiệp"


def test_a_post_s_details_in_the_sidebar_before_its_text():
    # (Material for MkDocs' blog: `div.md-sidebar--post` with the authors' profile and the "Metadata"
    # list, the date, "Trong <a>category</a>", the views; then lists of other posts under the same name)
    aside = ("<div class='md-sidebar md-sidebar--post'><nav class='md-nav'><div class='md-post__authors'><div class='md-profile'>"
             "<span class='md-author'><img src='/assets/images/avatars/nth.png' alt='Nguyễn Thu Hà'></span>"
             "<span class='md-profile__description'><strong>Nguyễn Thu Hà</strong><br>Trung tâm Truyền thông huyện</span>"
             "</div></div><ul class='md-post__meta md-nav__list'><li><time datetime='2023-10-12 08:30:00'>12 tháng 10, 2023"
             "</time></li><li><span>Trong <a href='../category/tin-tuc-su-kien/'>Tin tức - Sự kiện</a></span></li>"
             "<li class='md-post__views'><span>Lượt xem: 1.874</span></li></ul>"
             "<ul class='md-post__meta md-nav__list'><li><a href='/tin-tuc/2023/11/20/x/'>Ngày hội văn hóa dân tộc Dao</a> "
             "<span>2.315 lượt xem</span></li><li><time datetime='2023-11-20 15:40:00'>20/11/2023</time></li></ul></nav></div>")
    page = _page(f"<main><div class='md-content md-content--post'>{aside}<article class='md-content__inner md-typeset'>"
                 f"<h1>{TITLE}</h1>{TEXT}</article></div></main>")
    article = extract_article(page, "http://h.vn/tin-tuc/2023/10/12/so-ket/")
    assert article.published == "2023-10-12T08:30:00+07:00" and article.views == 1874
    assert article.author == "Nguyễn Thu Hà" and article.category == "Tin tức - Sự kiện"


def test_a_photographer_s_line_closing_the_text_before_a_related_box():
    # (a theme's "Tin cùng chuyên mục" box, its share line and the file's dates after the story's last line)
    related = ("<div class='dh-related'><h3>Tin cùng chuyên mục</h3><ul><li><a href='/a/'>Thông báo lịch tiếp công dân "
               "định kỳ tháng 11 năm 2023 của Chủ tịch UBND huyện</a> <span>(30/10/2023)</span></li><li><a href='/b/'>Đầm "
               "Hà sơ kết công tác xây dựng nông thôn mới 9 tháng năm 2023</a> <span>(12/10/2023)</span></li></ul></div>"
               "<div class='dh-share'><span>Chia sẻ:</span> <a href='https://facebook.com/x'>Facebook</a></div>"
               "<aside class='md-source-file'><span>21 tháng 11, 2023</span> <span>20 tháng 11, 2023</span></aside>")
    page = _page(f"<article class='md-content__inner'><h1>{TITLE}</h1><p class='date'>20/11/2023</p>{TEXT}"
                 f"<p style='text-align: right'><strong>Ảnh: Trần Quang Huy</strong></p>{related}</article>")
    article = extract_article(page, URL)
    assert article.author == "Trần Quang Huy" and "Ảnh:" not in article.body
