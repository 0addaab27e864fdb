"""Habits of the fifty-third round of portals made blind (a Vietnamese vendor's SharePoint portal,
SharePoint Online's modern pages, Drupal 10, HTMLy, WordPress's Publisher theme, WordPress.com,
Medium) and of the open phpBB portal, each as a general rule on a small page."""
from __future__ import annotations

from scraper.extract import extract_article
from scraper.extract.canonical import declared_canonical
from scraper.extract.article import parse_html

TITLE = "Hội nghị đối thoại với nông dân về phát triển sản xuất chè an toàn năm 2023"
URL = "http://h.vn/tin-tuc/hoi-nghi-doi-thoai-voi-nong-dan"
SENTENCE = ("Tham dự hội nghị có lãnh đạo các phòng, ban chuyên môn của huyện, đại diện các hợp tác xã chè và hơn "
            "150 hội viên nông dân đến từ các xã trong huyện, cùng nhiều doanh nghiệp chế biến chè trên địa bàn. ")
TEXT = f"<p>{SENTENCE * 3}</p><p>{SENTENCE * 2}</p>"


def _page(inside: str, head: str = "", title: str = TITLE) -> bytes:
    return (f"<html lang='vi'><head><title>{title}</title>{head}</head><body><div class='top'>Thứ Sáu, 24/11/2023"
            f"</div>{inside}<div class='footer'>Giấy phép cấp ngày 16/8/2021</div></body></html>").encode()


def _forum_post(author_line: str, profile: str = "") -> bytes:
    # (phpBB's prosilver: the account's profile beside the post, the byline under the post's heading)
    return _page(f"<h2 class='topic-title'><a href='./viewtopic.php?t=1198'>{TITLE}</a></h2>"
                 f"<div id='p4870' class='post has-profile bg2'><div class='inner'><dl class='postprofile'>{profile}"
                 f"</dl><div class='postbody'><div id='post_content4870'><h3 class='first'><a href='#p4870'>{TITLE}"
                 f"</a></h3><p class='author'>{author_line}</p><div class='content'>{SENTENCE * 3}<br><br>"
                 f"{SENTENCE * 2}</div></div></div></div></div>")


def test_a_member_s_day_of_joining_beside_a_post_is_no_date_of_the_post():
    profile = ("<dt><a href='./memberlist.php?mode=viewprofile&amp;u=54'>bbt_bacquang</a></dt>"
               "<dd class='profile-joined'><strong>Ngày tham gia:</strong> 10/04/2019, 08:12</dd>")
    line = ("<span>bởi <strong><a href='./memberlist.php?mode=viewprofile&amp;u=54'>bbt_bacquang</a></strong> &raquo; "
            "</span><time datetime='2022-10-05T03:25:00+00:00'>05/10/2022, 10:25</time>")
    a = extract_article(_forum_post(line, profile), "http://h.vn/viewtopic.php?t=1198")
    assert a.published == "2022-10-05T10:25:00+07:00"


def test_a_byline_s_account_before_its_separator_is_no_author():
    line = ("<span class='sr-only'>Bài viết</span><span>bởi <strong><a href='./memberlist.php?u=77'>tranvanlong88</a>"
            "</strong> &raquo; </span><time datetime='2022-12-08T02:40:00+00:00'>08/12/2022, 09:40</time>")
    assert extract_article(_forum_post(line), "http://h.vn/viewtopic.php?t=1287").author is None


def test_a_day_told_relative_to_the_reader_is_read_from_its_machine_time():
    line = ("<span>bởi <strong>bbt_bacquang</strong> &raquo; </span>"
            "<time datetime='2023-03-20T08:10:00+00:00'>Hôm qua, 15:10</time>")
    page = _forum_post(line).replace(b"<div class='footer'>", b"<div class='others'><a href='./viewtopic.php?t=1290'>"
                                     b"Tin kh\xc3\xa1c</a> &raquo; 18/03/2023, 16:45</div><div class='footer'>")
    assert extract_article(page, "http://h.vn/viewtopic.php?t=1315").published == "2023-03-20T08:10:00+00:00"


def test_a_canonical_on_the_live_host_gives_the_page_s_query_its_keys_case_and_its_left_out_parameters():
    head = "<meta property='og:url' content='https://nhontrach.dongnai.gov.vn/Pages/newsdetail.aspx?NewsId=4195&amp;CatId=41'/>"
    tree = parse_html(_page(TEXT, head=head))
    own = "http://h.vn/Pages/newsdetail.aspx?NewsId=4195&CatId=41"
    for read_at in ("http://h.vn/pages/newsdetail.aspx?newsid=4195&catid=41", "http://h.vn/Pages/newsdetail.aspx?NewsId=4195"):
        assert declared_canonical(tree, read_at) == own
    # (another item's address is not the page's: its number differs)
    assert declared_canonical(tree, "http://h.vn/Pages/newsdetail.aspx?NewsId=4196") is None


def test_a_persona_s_initials_and_the_date_s_label_after_it_are_no_part_of_the_author():
    byline = ("<div class='authorByline' data-automation-id='pageHeader-byline'><div class='ms-Persona'>"
              "<div class='ms-Persona-coin'><div class='ms-Persona-initials' aria-hidden='true'><span>UH</span></div></div>"
              "<div class='ms-Persona-details'><div class='ms-Persona-primaryText'>Văn phòng HĐND và UBND huyện</div>"
              "</div></div><div class='publishDate'>Đã phát hành 20 tháng 3, 2023</div></div>")
    page = _page(f"<div data-automation-id='pageHeader'><div role='heading' aria-level='1' class='pageTitle'>{TITLE}</div>"
                 f"{byline}</div><div class='CanvasZone'><div class='ControlZone'>{TEXT}</div></div>")
    a = extract_article(page, "http://h.vn/sites/HoangHoa/SitePages/Hoi-nghi.aspx")
    assert a.author == "Văn phòng HĐND và UBND huyện" and a.published == "2023-03-20"


def test_a_byline_s_label_only_screen_readers_hear_is_no_part_of_the_author():
    page = _page(f"<article><header><h1 class='entry-title'>{TITLE}</h1></header><div class='entry-content'>{TEXT}</div>"
                 f"<footer class='entry-footer'><span class='byline'><span class='author vcard'><span "
                 f"class='screen-reader-text'>Tác giả </span> <a class='url fn n' href='/author/hoangnam/'>Hoàng Nam</a>"
                 f"</span></span></footer></article>")
    assert extract_article(page, URL).author == "Hoàng Nam"


def test_the_posting_account_s_card_closing_the_text_is_no_text_and_leaves_the_credit_above_it():
    card = ("<div class='author-info'><div class='author-avatar'><img src='https://1.gravatar.com/avatar/3f5e?s=42' "
            "class='avatar avatar-42' width='42' height='42' alt=''></div><div class='author-description'><h2 "
            "class='author-title'><span class='author-heading'>Tác giả:</span> Ban biên tập</h2><p class='author-bio'>"
            "Ban biên tập Trang thông tin điện tử huyện. <a class='author-link' href='/author/bbt/' rel='author'>Xem tất "
            "cả bài viết bởi Ban biên tập</a></p></div></div>")
    page = _page(f"<article><h1 class='entry-title'>{TITLE}</h1><div class='entry-content'>{TEXT}"
                 f"<p style='text-align:right'><strong>Bài, ảnh: Minh Đức</strong></p>{card}</div></article>")
    a = extract_article(page, URL)
    assert a.author == "Minh Đức" and "Xem tất cả" not in a.body and "Ban biên tập" not in a.body


def test_a_featured_picture_linked_to_the_article_itself_is_its_picture():
    page = _page(f"<section class='inpost post' itemscope itemtype='http://schema.org/BlogPosting'><div class='item'>"
                 f"<div class='featured featured-image'><a href='/2023/10/hoi-nghi-doi-thoai'><img itemprop='image' "
                 f"src='/content/images/20231018085512-hoi-nghi.jpg' alt='{TITLE}'/></a></div><div class='info'>"
                 f"<h1 class='title' itemprop='headline'>{TITLE}</h1></div><div class='text-left'>{TEXT}</div></div></section>")
    a = extract_article(page, "http://h.vn/2023/10/hoi-nghi-doi-thoai")
    assert [i.url for i in a.images] == ["http://h.vn/content/images/20231018085512-hoi-nghi.jpg"]
    # (one linked to another article is that one's teaser)
    other = page.replace(b"href='/2023/10/hoi-nghi-doi-thoai'", b"href='/2023/09/tin-khac'")
    assert extract_article(other, "http://h.vn/2023/10/hoi-nghi-doi-thoai").images == []


def test_a_field_after_the_body_s_field_built_alike_is_the_author_s_line():
    page = _page(f"<article class='node'><h1>{TITLE}</h1><div class='node__content'><div class='field "
                 f"field--name-body field__item'>{TEXT}</div><div class='field field--name-field-tac-gia field__item'>"
                 f"Thu Hà - Trung tâm VH, TT&amp;TT huyện</div><div class='field field--name-field-tags'><h3>Thẻ</h3>"
                 f"<ul><li><a href='/tags/che'>Chè</a></li></ul></div></div></article>")
    a = extract_article(page, URL, family="generic")
    assert a.author == "Thu Hà - Trung tâm VH, TT&TT huyện" and "Thu Hà" not in a.body


def test_a_related_box_between_paragraphs_ends_nothing_where_the_text_goes_on():
    box = ("<div class='bs-irp left'><div class='bs-irp-heading'><span class='h-text'>Tin liên quan</span></div>"
           "<div class='bs-pagination-wrapper'><div class='listing'><p class='title'><a href='/tin-khac/'>Tin khác</a></p>"
           "</div></div></div>")
    last = "Lễ giao nhận quân diễn ra nhanh gọn, an toàn, tiết kiệm, đảm bảo chỉ tiêu giao quân 100% cả về số lượng và chất lượng."
    page = _page(f"<article><h1>{TITLE}</h1><div class='entry-content'><p>{SENTENCE * 2}</p>{box}<p>{SENTENCE}</p>"
                 f"<p>{last}</p></div></article>")
    a = extract_article(page, URL)
    assert a.body.endswith(last) and "Tin liên quan" not in a.body


def test_a_picture_without_an_address_of_its_own_shows_its_picture_s_last_source():
    figure = ("<figure class='paragraph-image'><picture><source type='image/webp' srcset='/v2/resize:fit:640/format:webp/"
              "1*Lp4d.jpeg 640w, /v2/resize:fit:1400/format:webp/1*Lp4d.jpeg 1400w'/><source srcset='/v2/resize:fit:640/"
              "1*Lp4d.jpeg 640w, /v2/resize:fit:1400/1*Lp4d.jpeg 1400w'/><img alt='' width='700' height='467' "
              "role='presentation'/></picture><figcaption>Lễ rước kiệu từ đình làng ra chùa Nôm</figcaption></figure>")
    page = _page(f"<article><h1>{TITLE}</h1><section>{TEXT}{figure}<p>{SENTENCE}</p></section></article>")
    a = extract_article(page, URL)
    assert [(i.url, i.caption) for i in a.images] == [("http://h.vn/v2/resize:fit:1400/1*Lp4d.jpeg",
                                                      "Lễ rước kiệu từ đình làng ra chùa Nôm")]


def test_a_byline_s_author_photo_and_reading_time_under_the_title_are_no_text():
    byline = ("<div class='speechify-ignore'><a href='https://medium.com/@ducanh'><img alt='Đức Anh' "
              "src='/v2/resize:fill:88:88/1*Pz7G.jpeg' width='44' height='44' data-testid='authorPhoto'/></a>"
              "<p><a data-testid='authorName' href='https://medium.com/@ducanh'>Đức Anh</a></p><span>·</span>"
              "<p><a href='https://medium.com/m/signin'>Follow</a></p><span>Published in</span><p>Bản tin Văn Lâm</p>"
              "<span data-testid='storyReadTime'>2 min read</span><span>·</span><span>Mar 4</span></div>")
    page = _page(f"<article><section><h1 data-testid='storyTitle'>{TITLE}</h1>{byline}{TEXT}</section></article>")
    a = extract_article(page, URL)
    assert a.images == [] and "Follow" not in a.body and "min read" not in a.body


def test_a_sharepoint_sharing_link_to_a_document_is_a_file():
    links = ("<ul class='quickLinks'><li><a href='/:w:/s/HoangHoa/EZq8b3V1mXlKp0c7yT2nR4sB?e=k3Tf9P'><img "
             "src='https://res-1.cdn.office.net/assets/item-types/20/docx.svg' alt='' class='fileTypeIcon'/>"
             "<span>Mẫu Phiếu đăng ký dự tuyển viên chức</span></a></li></ul>")
    page = _page(f"<article><h1>{TITLE}</h1><div class='content'>{TEXT}{links}</div></article>")
    a = extract_article(page, URL)
    assert [(f.url, f.name) for f in a.attachments] == [
        ("http://h.vn/:w:/s/HoangHoa/EZq8b3V1mXlKp0c7yT2nR4sB?e=k3Tf9P", "Mẫu Phiếu đăng ký dự tuyển viên chức")]


def test_a_count_then_its_label_in_an_element_named_for_the_views_after_the_text_is_the_views():
    # (SharePoint Online's page: the text's zone, a "most read" web part beside it, then the comments'
    # zone holding the page's social bar)
    most_read = "".join(f"<li><a href='/tin-{i}.aspx'>Tin đọc nhiều số {i}</a> <span class='hh-mostread-views'>"
                        f"({i}.290 lượt xem)</span></li>" for i in range(1, 5))
    page = (f"<html lang='vi'><head><title>Trang</title></head><body><div class='SPPageChrome'><div class='mainContent'><div class='SPCanvas'><div data-automation-id="
                 f"'pageHeader'><div role='heading' aria-level='1' class='pageTitle'>Hội nghị đối thoại với nông dân về phát triển "
                 f"sản xuất chè</div></div>"
                 f"<div class='CanvasZoneContainer'><div class='CanvasZone row'><div class='CanvasSection'>"
                 f"<div class='ControlZone'>{TEXT}</div></div><div class='CanvasVerticalSection'><div class='ControlZone'>"
                 f"<div class='hh-mostread'><h2>Tin đọc nhiều</h2><ul>{most_read}</ul></div></div></div></div></div>"
                 f"<div class='CanvasZone row'><div class='commentsWrapper'><div class='sp-socialbar'><span>9 lượt thích"
                 f"</span><span class='sp-socialbar-viewcount'>2.417 lượt xem</span></div></div></div></div></div></div>"
            f"</body></html>").encode()
    assert extract_article(page, "http://h.vn/sites/x/SitePages/a.aspx").views == 2417


def test_a_line_sending_the_reader_to_the_full_text_of_the_notice_stays_text():
    # (verb first: "Xem toàn văn Thông báo <a>tại đây</a>", the file taken as the attachment too)
    page = _page(f"<article><h1>{TITLE}</h1><div class='field--name-body'>{TEXT}<p>Xem toàn văn Thông báo "
                 f"<a href='/sites/default/files/2023-03/thong-bao-112-tb-ubnd.pdf'>tại đây</a>.</p></div></article>")
    a = extract_article(page, URL)
    assert a.body.endswith("Xem toàn văn Thông báo tại đây.")
    assert [f.url for f in a.attachments] == ["http://h.vn/sites/default/files/2023-03/thong-bao-112-tb-ubnd.pdf"]
