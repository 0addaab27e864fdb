"""Habits of the forty-sixth round of portals made blind, each as a general rule on a small page:
a files' heading left last once its files and the signer's line are out, an editor's file name beside
a picture's address, a views label whose count a script fills, the posting account's login, the
site's imprint in a footer no name marks, a slideshow's captions stacked apart from its slides and its
strip of thumbnails, a schema.org author card, and a static generator's midnight in UTC."""
from __future__ import annotations

from scraper.extract import extract_article

TITLE = "Đức Trọng tổ chức Hội nghị kết nối cung cầu, tiêu thụ nông sản năm 2023"
URL = "http://h.vn/tin-tuc/duc-trong-hoi-nghi-ket-noi-tieu-thu-nong-san-nam-2023"
SENTENCE = ("Hội nghị có sự tham gia của hơn 60 doanh nghiệp, hợp tác xã và hộ sản xuất trên địa bàn huyện, "
            "ký kết 18 biên bản ghi nhớ hợp tác tiêu thụ rau, hoa và cà phê. ")
TEXT = f"<p>{SENTENCE * 3}</p><p>{SENTENCE * 2}</p>"
CAPTION = "Đại biểu tham quan gian hàng trưng bày sản phẩm OCOP của các xã"


def _page(inside: str, head: str = "", title: str = TITLE, foot: str = "Giấy phép cấp ngày 15/6/2018") -> bytes:
    return (f"<html lang='vi'><head><title>{title}</title>{head}</head><body><div class='top'>Thứ Năm, 13/04/2023"
            f"</div><div id='main'>{inside}</div><div class='footer'>{foot}</div></body></html>").encode()


def _names(images) -> list:
    return [(i.url.rsplit("/", 1)[-1], i.caption) for i in images]


def test_a_files_heading_left_last_once_its_files_and_the_signer_are_taken():
    # (an OpenCart news extension's editor: "<p><b>Tệp đính kèm:</b></p>", `p.attach-file` lines, then
    # the office's name set right, the author)
    files = "".join(f"<p class='attach-file'><img src='image/catalog/icon/pdf.png' width='16' height='16'>&nbsp;"
                    f"<a href='image/catalog/files/TB-{n}.pdf'>Thông báo số {n}/TB-UBND</a></p>" for n in (245, 246))
    page = _page(f"<div class='news-info'><h1>{TITLE}</h1><p class='date'>12/10/2023</p>"
                 f"<div class='news-description'>{TEXT}<p class='MsoNormal'><b><span>Tệp đính kèm:</span></b></p>{files}"
                 "<p align='right' style='text-align:right'><b><i>Phòng Nội vụ huyện Đức Trọng</i></b></p></div></div>")
    article = extract_article(page, URL)
    assert article.author == "Phòng Nội vụ huyện Đức Trọng"
    assert "Tệp đính kèm" not in article.body and article.body.endswith(SENTENCE.strip())
    assert [a.name for a in article.attachments] == ["Thông báo số 245/TB-UBND", "Thông báo số 246/TB-UBND"]


def test_an_editor_s_file_name_beside_a_picture_s_address_is_not_the_picture():
    # (Summernote's `data-filename="x.jpg"`, a page under <base href="/">: the name alone joined to the
    # base is no file of the site)
    page = _page(f"<div class='news-info'><h1>{TITLE}</h1><p class='date'>12/10/2023</p><div class='news-description'>"
                 f"{TEXT}<p style='text-align: center;'><img src='image/catalog/tin-tuc/2023/10/hoi-nghi-1.jpg' "
                 f"data-filename='hoi-nghi-1.jpg'></p><p style='text-align: center;'><em>{CAPTION}</em></p></div></div>",
                 head="<base href='/'>")
    assert [i.url for i in extract_article(page, URL).images] == ["http://h.vn/image/catalog/tin-tuc/2023/10/hoi-nghi-1.jpg"]


def test_a_views_label_whose_count_a_script_fills_after_a_date():
    # (Zoho Sites' blog line "Dec 28, 2022 | Lượt xem: --": the year before the label is no count)
    page = _page(f"<div class='zs-blogpost'><h1>{TITLE}</h1><div class='zs-blogpost-info'>"
                 "<span class='zs-blogpost-date'>Dec 28, 2022</span><span class='vnc-views'>Lượt xem: "
                 f"<span class='vnc-views-count'>--</span></span></div><div class='zs-blogpost-content'>{TEXT}</div></div>")
    assert extract_article(page, URL).views is None


def test_the_posting_account_s_login_labelled_so_is_no_author():
    # (a vendor's Flask template: the date, the count, then "Đăng bởi: vanphong")
    page = _page(f"<div class='post'><h1>{TITLE}</h1><div class='post-meta'><span class='post-date'>08/11/2023 15:42</span>"
                 "<span class='post-views'>Lượt xem: <span>3,871</span></span><span class='post-poster'>"
                 f"<i class='far fa-user'></i> Đăng bởi: vanphong</span></div><div class='post-content'>{TEXT}</div></div>")
    article = extract_article(page, URL)
    assert article.author is None and article.views == 3871
    # (a writer's name after the same label stays the author)
    named = page.replace("Đăng bởi: vanphong".encode(), "Đăng bởi: Minh Châu".encode())
    assert extract_article(named, URL).author == "Minh Châu"


def test_the_site_s_imprint_in_a_footer_no_name_marks_is_not_the_text():
    # (an Adobe Muse export: a short article of one paragraph, the imprint's lines in `div#u901-24`)
    imprint = "".join(f"<p>{line}</p>" for line in (
        "TRANG THÔNG TIN ĐIỆN TỬ HUYỆN VŨ QUANG", "Cơ quan chủ quản: Ủy ban nhân dân huyện Vũ Quang, tỉnh Hà Tĩnh",
        "Chịu trách nhiệm chính: Ông Lê Đình Sơn - Chánh Văn phòng HĐND và UBND huyện",
        "Địa chỉ: Tổ dân phố 2, thị trấn Vũ Quang, huyện Vũ Quang, tỉnh Hà Tĩnh",
        "Điện thoại: 0239.3820.116 - Email: vpub.vuquang@hatinh.gov.vn",
        "Giấy phép số 12/GP-STTTT do Sở Thông tin và Truyền thông tỉnh Hà Tĩnh cấp ngày 22/8/2019",
        "Ghi rõ nguồn “Trang thông tin điện tử huyện Vũ Quang” khi phát hành lại thông tin từ website này."))
    story = ("Đến nay, Công an huyện đã cơ bản hoàn thành việc thu nhận hồ sơ cấp căn cước công dân gắn chíp cho người "
             "dân đủ điều kiện trên địa bàn, đạt tỷ lệ 98,6%; thu nhận hồ sơ định danh điện tử mức độ 2 cho hơn 14.200 "
             "trường hợp. Thời gian tới, Công an huyện tiếp tục duy trì tổ công tác lưu động đến tận thôn, xóm.")
    page = (f"<html lang='vi'><head><title>tin-cccd</title></head><body><div id='page'>"
            f"<div class='clearfix colelem' id='u2135-4'><h2>{TITLE}</h2></div>"
            "<div class='clearfix colelem' id='u2150-4'><p><span class='ngay-dang'>Cập nhật: 15/10/2022</span></p></div>"
            f"<div class='clearfix colelem' id='u2187-4'><p class='Noi-dung'>{story}</p></div>"
            f"<div class='browser_width colelem' id='u900-bw'><div class='clearfix colelem' id='u901-24'>{imprint}</div>"
            "</div></div></body></html>").encode()
    article = extract_article(page, URL)
    assert article.body == story and article.published == "2022-10-15"


def test_a_slideshow_s_captions_stacked_apart_and_its_strip_of_thumbnails():
    # (Adobe Muse's ContentSlideShow: the slides, then `SSSlideCaptions` with one box a slide in their
    # order, an empty one for the last; then the strip of 90x60 crops linking to the slides)
    names = ("gian-hang", "mam-cam", "trai-nghiem")
    slides = "".join(f"<div class='SSSlide clip_frame grpelem'><img class='ImageInclude' data-src='images/{n}.jpg?crc=1' "
                     "src='images/blank.gif?crc=4' alt='' data-width='640' data-height='427'></div>" for n in names)
    captions = (f"<div class='SSSlideCaption clearfix grpelem'><p class='Chu-thich'>{CAPTION}</p></div>"
                "<div class='SSSlideCaption invi clearfix grpelem'><p class='Chu-thich'>Hội thi trang trí mâm cam nghệ "
                "thuật giữa các xã</p></div><div class='SSSlideCaption invi clearfix grpelem'><p>&nbsp;</p></div>")
    strip = "".join(f"<div class='SSSlideLink clip_frame grpelem'><img class='ImageInclude' data-src='images/{n}-crop-u33{i}.jpg?crc=3' "
                    "src='images/blank.gif?crc=4' alt='' data-width='90' data-height='60'></div>" for i, n in enumerate(names))
    page = _page(f"<h1>{TITLE}</h1><p class='ngay'>20/11/2022</p><div class='colelem'>{TEXT}</div>"
                 f"<div class='SlideShowWidget clearfix colelem'><div class='SlideShowContentPanel clearfix grpelem'>{slides}</div>"
                 f"<div class='SSSlideCaptions clearfix grpelem'>{captions}</div><div class='SSSlideLinks clearfix grpelem'>"
                 f"{strip}</div></div><div class='colelem'><p>{SENTENCE}</p></div>")
    article = extract_article(page, URL)
    assert _names(article.images) == [("gian-hang.jpg?crc=1", CAPTION),
                                       ("mam-cam.jpg?crc=1", "Hội thi trang trí mâm cam nghệ thuật giữa các xã"),
                                       ("trai-nghiem.jpg?crc=1", None)]
    assert CAPTION not in article.body


def test_a_paragraph_s_runs_of_words_are_no_stack_of_captions():
    # (two spans in a paragraph after two pictures: the text's, web-eval's shop page)
    pictures = "".join(f"<div><img src='/img/tasche-{n}.jpg' width='600' height='400'></div>" for n in (1, 2))
    page = _page(f"<article><h1>{TITLE}</h1><p class='date'>12/10/2023</p>{TEXT}<div>{pictures}</div>"
                 "<p><span>Original-Artefakt</span><span>Mystery Bag</span></p></article>")
    article = extract_article(page, URL)
    assert [i.caption for i in article.images] == [None, None] and "Original-Artefakt" in article.body


def test_a_schema_org_author_card_between_title_and_text():
    # (Docusaurus's blog post header: `div.avatar__intro[itemprop=author]`, the name, then a description)
    page = _page(f"<article><header><h1 itemprop='headline'>{TITLE}</h1><div><time datetime='2023-10-26T23:45:00.000Z'>"
                 "Thứ Sáu, 27/10/2023 06:45</time></div><div class='avatar'><img class='avatar__photo' src='/img/tac-gia/vdm.jpg' "
                 "alt='Vũ Đức Minh'><div class='avatar__intro' itemprop='author' itemscope itemtype='https://schema.org/Person'>"
                 "<div class='avatar__name'><span itemprop='name'>Vũ Đức Minh</span></div><small class='avatar__subtitle' "
                 "itemprop='description'>Phóng viên Trung tâm VH-TT&amp;TT huyện</small></div></div></header>"
                 f"<div class='markdown' itemprop='articleBody'>{TEXT}</div></article>")
    article = extract_article(page, URL)
    assert article.author == "Vũ Đức Minh" and article.published == "2023-10-27T06:45:00+07:00"
    assert "Phóng viên" not in article.body and article.body.startswith(SENTENCE.strip())


def test_a_static_generator_s_midnight_in_utc_for_a_post_dated_by_its_day():
    # (Docusaurus: front matter `date: 2022-12-20` written `datetime="2022-12-20T00:00:00.000Z"`,
    # "Thứ Ba, 20/12/2022" shown)
    page = _page(f"<article><h1>{TITLE}</h1><div><time datetime='2022-12-20T00:00:00.000Z' itemprop='datePublished'>"
                 f"Thứ Ba, 20/12/2022</time></div><div class='markdown'>{TEXT}</div></article>")
    assert extract_article(page, URL).published == "2022-12-20"


def test_a_section_heading_named_advanced_over_the_text_it_heads():
    # (Kadence Blocks' `h2.kt-adv-heading2846_9b1d3e-4a`: "adv" there is "advanced", no advert)
    heading = "Nhiều công trình, phần việc thanh niên"
    page = _page(f"<article><h1>{TITLE}</h1><div class='entry-meta'>04/03/2023</div><div class='entry-content'>{TEXT}"
                 f"<h2 class='kt-adv-heading2846_9b1d3e-4a wp-block-kadence-advancedheading'>{heading}</h2>"
                 f"<p>{SENTENCE * 2}</p><div class='adv'><h3 class='adv-title'>Quảng cáo</h3><a href='/qc'>Xem</a></div>"
                 "</div></article>")
    body = extract_article(page, URL).body
    assert heading in body and "Quảng cáo" not in body


def test_a_file_button_s_label_in_its_own_box_names_the_file():
    # (Kadence's button block: `a.kb-button` to the .docx, an icon's span, then `span.kt-btn-inner-text`)
    page = _page(f"<article><h1>{TITLE}</h1><div class='entry-meta'>04/06/2023</div><div class='entry-content'>{TEXT}"
                 "<div class='wp-block-kadence-advancedbtn kb-buttons-wrap'><a class='kb-button kt-button button' "
                 "href='/wp-content/uploads/2023/06/Mau-so-01-Phieu-dang-ky-du-tuyen.docx' download>"
                 "<span class='kb-svg-icon-wrap kb-svg-icon-fe_download'><svg viewBox='0 0 24 24'><path d='M21 15'/></svg></span>"
                 "<span class='kt-btn-inner-text'>Phiếu đăng ký dự tuyển (Mẫu số 01)</span></a></div></div></article>")
    assert [a.name for a in extract_article(page, URL).attachments] == ["Phiếu đăng ký dự tuyển (Mẫu số 01)"]
