"""Habits of the forty-fourth round of portals made blind, each as a general rule on a small page:
a login joined by a dash or ending in digits is no author, an hAtom `updated` date before the
published one, the full-size picture above the headline in a wrapper named for it, the heading the
address spells under a banner's h1, a date written the English way on a Vietnamese page, and a
gallery after the text with one picture left uncaptioned."""
from __future__ import annotations

from scraper.extract import extract_article

TITLE = "Thạch Hà chi trả trợ cấp xã hội tháng 12/2022 qua bưu điện"
URL = "http://h.vn/thach-ha-chi-tra-tro-cap-xa-hoi-thang-12-2022-qua-buu-dien/"
SENTENCE = ("Sáng 05/12, Bưu điện huyện Thạch Hà phối hợp với Phòng Lao động - Thương binh và Xã hội huyện tổ chức "
            "chi trả trợ cấp xã hội tháng 12/2022 cho các đối tượng bảo trợ xã hội trên địa bàn. ")
TEXT = f"<p>{SENTENCE * 3}</p><p>{SENTENCE * 2}</p>"


def _page(inside: str, head: str = "", title: str = TITLE) -> bytes:
    return (f"<html lang='vi'><head><title>{title}</title>{head}</head><body><div class='top'>Thứ Năm, 13/04/2023"
            f"</div><div id='main'>{inside}</div><div class='footer'>Giấy phép cấp ngày 15/6/2018</div>"
            "</body></html>").encode()


def test_a_login_joined_by_a_dash_or_ending_in_digits_is_no_author():
    # (Soledad's byline "bởi bbt-thachha", Drupal's "bientap01": the editors' accounts)
    for login in ("bbt-thachha", "bientap01"):
        page = _page(f"<article><h1>{TITLE}</h1><div class='meta'>05/12/2022 | Tác giả: {login}</div>{TEXT}</article>")
        assert extract_article(page, URL).author is None


def test_an_hatom_updated_date_before_the_published_one():
    # (Soledad's hidden `div.penci-hide-tagupdated` holding `<time class="entry-date updated">`, the
    # modified day, before the post's `time.entry-date.published`)
    meta = ("<div class='penci-hide-tagupdated'><time class='entry-date updated' datetime='2023-04-12T08:31:05+07:00'>"
            "12/04/2023</time></div><div class='post-box-meta-single'><time class='entry-date published' "
            "datetime='2023-04-05T10:20:00+07:00'>05/04/2023</time></div>")
    page = _page(f"<article><h1>{TITLE}</h1>{meta}<div class='entry-content'>{TEXT}</div></article>")
    assert extract_article(page, URL).published == "2023-04-05T10:20:00+07:00"


def test_the_full_size_picture_above_the_headline_in_a_wrapper_named_for_it():
    # (Helix Ultimate: `div.article-full-image > img.caption[title]` over the header, in the Article's element)
    page = _page("<div class='article-details' itemscope itemtype='https://schema.org/Article'>"
                 "<div class='article-full-image float-none'><img class='caption' title='Chợ phiên xã Tân Sơn' "
                 "src='/images/tin-tuc/cho-phien-1.jpg' width='800'></div>"
                 f"<div class='article-header'><h1 itemprop='headline'>{TITLE}</h1></div>"
                 f"<div class='article-info'>05/12/2022</div><div itemprop='articleBody'>{TEXT}</div></div>")
    images = extract_article(page, URL).images
    assert [(i.url.rsplit("/", 1)[-1], i.caption) for i in images] == [("cho-phien-1.jpg", "Chợ phiên xã Tân Sơn")]


def test_the_heading_the_address_spells_under_a_banner_s_first_heading():
    # (Kooboo: `h1.site-title` in two spans, a generic <title>, the article's `h2.title`)
    url = "http://h.vn/nong-thon-moi/chi-tiet/Xa-Hien-Khanh-at-chuan-nong-thon-moi-kieu-mau-nam-2022"
    title = "Xã Hiển Khánh đạt chuẩn nông thôn mới kiểu mẫu năm 2022"
    page = _page("<h1 class='site-title'><span>ỦY BAN NHÂN DÂN HUYỆN VŨ BẢN</span><span>CỔNG THÔNG TIN ĐIỆN TỬ</span></h1>"
                 f"<div class='tin-chi-tiet'><div class='date'>Thứ tư, 28/12/2022</div><h2 class='title'>{title}</h2>"
                 f"{TEXT}</div>", title="Chi tiết tin - Cổng thông tin điện tử huyện Vũ Bản")
    assert extract_article(page, url).title == title


def test_a_date_written_the_english_way_on_a_vietnamese_page():
    # (.NET's en-US "10/7/2023 3:15:00 PM" where a template forgot the culture; its JSON-LD says 7 October)
    head = ("<script type='application/ld+json'>{\"@type\": \"NewsArticle\", "
            "\"datePublished\": \"2023-10-07T15:15:00+07:00\"}</script>")
    page = _page(f"<article><h1>{TITLE}</h1><div class='date'>10/7/2023 3:15:00 PM</div>{TEXT}</article>", head=head)
    assert extract_article(page, URL).published == "2023-10-07T15:15:00+07:00"
    # (also where a profile names the date's element, the site's other dates read day-first)
    profile = {"article": {"date": ["div.date"]}, "dates": {"order": "dmy"}}
    assert extract_article(page, URL, profile=profile).published == "2023-10-07T15:15:00+07:00"
    day_first = _page(f"<article><h1>{TITLE}</h1><div class='date'>10/7/2023 15:15</div>{TEXT}</article>", head=head)
    assert extract_article(day_first, URL).published == "2023-07-10T15:15:00+07:00"


def test_a_gallery_after_the_text_with_one_picture_left_uncaptioned():
    # (a Drupal gallery field after the body field, lazy pictures each with its caption but one)
    items = "".join(
        f"<div class='blazy__item'><div class='media'><img class='b-lazy' src='data:image/svg+xml;charset=utf-8,x' "
        f"data-src='/sites/default/files/2023-06/anh-{n}.jpg'></div>"
        + (f"<figcaption class='blazy__caption'><div>Ảnh {n} của buổi ra quân</div></figcaption>" if n != 3 else "")
        + "</div>" for n in (1, 2, 3, 4))
    page = _page(f"<article class='node'><h1>{TITLE}</h1><div class='meta'>05/06/2023</div><div class='node__content'>"
                 f"<div class='field--name-body'>{TEXT}</div><div class='field--name-field-thu-vien-anh'>{items}</div>"
                 "</div></article>")
    images = extract_article(page, URL).images
    assert [(i.url.rsplit("/", 1)[-1], i.caption) for i in images] == [
        ("anh-1.jpg", "Ảnh 1 của buổi ra quân"), ("anh-2.jpg", "Ảnh 2 của buổi ra quân"), ("anh-3.jpg", None),
        ("anh-4.jpg", "Ảnh 4 của buổi ra quân")]


def test_a_file_s_icon_titled_by_its_action_then_the_link_named_by_its_title():
    # (Attachments for Joomla: `a.at_icon` titled "Tải tệp này (512-TB-HDXT.pdf)", then `a.at_url` named
    # "Thông báo số 512/TB-HĐXT ngày 26/12/2022", both to the secure download's address)
    href = "/component/attachments/?task=download&amp;id=27"
    table = ("<div class='attachmentsContainer'><table><caption>Tệp đính kèm:</caption><tr><td class='at_filename'>"
             f"<a class='at_icon' href='{href}' title='Tải tệp này (512-TB-HDXT.pdf)'><img src='/media/pdf.gif' "
             f"alt='Tải tệp này (512-TB-HDXT.pdf)'></a>&nbsp;<a class='at_url' href='{href}' title='Tải tệp này "
             "(512-TB-HDXT.pdf)'>Thông báo số 512/TB-HĐXT ngày 26/12/2022</a></td><td>186 kB</td></tr></table></div>")
    page = _page(f"<div class='article-details'><h1>{TITLE}</h1><div class='date'>27/12/2022</div>"
                 f"<div itemprop='articleBody'>{TEXT}</div>{table}</div>")
    assert [a.name for a in extract_article(page, URL).attachments] == ["Thông báo số 512/TB-HĐXT ngày 26/12/2022"]
