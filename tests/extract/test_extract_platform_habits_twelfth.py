"""Habits of the twelfth round of portals made blind: a classic ASP site of 2008 (unpadded times,
a decorated site name for every <title>, the author's line after the text's element) and Joomla
1.0's tables (the site's name before the title in the <title>, the article's table named
"content" among the page's other tables), each as a general rule on a small page."""
from __future__ import annotations

from scraper.extract import extract_article
from scraper.extract.dates import find_dates

TEXT = "<p>" + "Khu 5 có 236 hộ với 912 nhân khẩu, Tổ công nghệ số cộng đồng đã hướng dẫn 100% hộ gia đình lắp đặt internet. " * 3 + "</p>"
TITLE = "Chân Mộng ra mắt mô hình Khu dân cư số đầu tiên của huyện"
URL = "http://h.vn/chitiet.asp?NewsID=1262&CatID=3"


def test_an_unpadded_minute_between_lúc_and_ngày_is_read_and_a_ratio_before_a_date_is_not_a_time():
    assert find_dates("(Cập nhật lúc 7:5 ngày 12/5/2023)")[0].iso == "2023-05-12T07:05:00+07:00"
    assert find_dates("tỷ lệ 1:5 ngày 12/5/2023")[0].iso == "2023-05-12"


def _asp(after: str) -> bytes:
    return ("<html><head><title>.:: TRANG THÔNG TIN ĐIỆN TỬ HUYỆN ĐOAN HÙNG</title></head><body><table><tr><td>"
            f"<span class='title_detail'>{TITLE}</span><br><span class='date_detail'>(Cập nhật lúc 16:20 ngày 18/5/2023)"
            f"</span><div class='content_detail'>{TEXT}</div>{after}<table class='tool'><tr><td>Số lần đọc: 12.087</td>"
            "</tr></table></td></tr></table></body></html>").encode()


def test_a_decorated_site_name_titles_no_page_and_the_author_s_bold_line_after_the_text_is_read():
    page = _asp("<div align='right'><b>Thu Hằng</b></div><div align='right'><i>Nguồn: Trung tâm VH-TT&amp;TT huyện</i></div>")
    article = extract_article(page, URL, family="generic")
    assert (article.title, article.published, article.views) == (TITLE, "2023-05-18T16:20:00+07:00", 12087)
    assert article.author == "Thu Hằng" and "Thu Hằng" not in article.body
    # a line of a date or a count there is no one's name
    assert extract_article(_asp("<div align='right'><b>18/5/2023</b></div>"), URL, family="generic").author is None


def _joomla10(title_tag: str) -> bytes:
    flash = ("<table class='contentpaneopen'><tr><td class='contentheading'>Lịch tạm ngừng cung cấp điện ngày 18/11/2023"
             "</td></tr></table><table class='contentpaneopen'><tr><td><p>Điện lực thông báo tạm ngừng cung cấp điện từ "
             "07:00 đến 16:30 ngày 18/11/2023 để bảo dưỡng lưới điện khu vực thị trấn.</p></td></tr></table>")
    text = ("<div style='text-align: justify;'><font face='Arial'>" + "<br /><br />".join(
        "Sáng ngày 26/10/2023 Trường Tiểu học Kim Mỹ tổ chức Lễ đón nhận Bằng công nhận trường đạt chuẩn quốc gia "
        "và dự buổi lễ có lãnh đạo Phòng Giáo dục cùng đông đảo phụ huynh và học sinh của nhà trường." for _ in range(4))
            + "</font></div>")
    others = "".join(f"<li><a href='index.php?option=com_content&amp;task=view&amp;id={n}'>Tin khác số {n} của huyện Kim Sơn "
                     f"trong tháng, nhiều nội dung</a> <span class='small'>(1{n}/10/2023)</span></li>" for n in range(8))
    # the main column's own notices, written straight into it (they score the column, not the article's table)
    notices = "".join(f"<p>Thông báo số {n} về lịch tiếp công dân định kỳ của Chủ tịch UBND huyện và các phòng ban "
                      "trong tuần tới.</p>" for n in range(3))
    return (f"<html><head><title>{title_tag}</title></head><body><table class='wrapper'><tr><td class='main'>{flash}"
            f"<table class='contentpaneopen'><tr><td class='contentheading'>{TITLE}</td></tr></table>"
            "<table class='contentpaneopen'><tr><td class='createdate'>Thứ sáu, 27 Tháng 10 2023 10:05</td></tr>"
            f"<tr><td valign='top'>{text}</td></tr><tr><td class='modifydate'>Cập nhật ( Thứ hai, 30 Tháng 10 2023 07:45 )"
            f"</td></tr></table><b>Các tin khác:</b><ul>{others}</ul>{notices}</td></tr></table></body></html>").encode()


def test_a_site_name_before_the_title_in_the_title_tag_gives_the_title_and_the_article_s_table_its_text():
    article = extract_article(_joomla10(f"Trang thông tin điện tử huyện Kim Sơn - {TITLE}"), URL, family="generic")
    assert article.title == TITLE
    assert article.published == "2023-10-27T10:05:00+07:00"
    assert article.body.startswith("Sáng ngày 26/10/2023 Trường") and "Tin khác số" not in article.body
    # the site's name going on after the dash is no title
    named = extract_article(_joomla10("Cổng thông tin điện tử - UBND huyện Kim Sơn tỉnh Ninh Bình"), URL, family="generic")
    assert named.title != "UBND huyện Kim Sơn tỉnh Ninh Bình"


# ---------------------------------------------------------------- Liferay 7.3, Gantry 5, Gutenberg


def _detail(inner: str) -> bytes:
    return ("<html><head><title>Tin tức - Sự kiện - Cổng thông tin điện tử huyện Tiên Yên</title></head><body>"
            "<div class='breadcrumb'><a href='/'>Trang chủ</a> › <a href='/web/tienyen/tin-tuc'>Tin tức - Sự kiện</a></div>"
            f"<div class='journal-content-article'><div class='news-detail'>{inner}</div></div></body></html>").encode()


def test_a_category_box_over_the_title_inside_the_body_s_element_is_the_category():
    page = _detail("<div class='news-category'><a href='/web/tienyen/tin-tuc?p_r_p_categoryId=48214'>Giáo dục - Đào tạo</a></div>"
                   f"<h1 class='title'>{TITLE}</h1><div class='info'>Ngày đăng: 28/11/2023 14:30</div>"
                   f"<div class='content'>{TEXT}</div>")
    url = "http://h.vn/web/tienyen/tin-tuc/-/asset_publisher/Xk7p/content/truong-thcs-dong-ngu"
    assert extract_article(page, url, family="generic").category == "Giáo dục - Đào tạo"
    assert extract_article(page, url, family="liferay").category == "Giáo dục - Đào tạo"


def test_document_links_by_a_dashed_extension_or_a_download_handler_are_attachments_not_body():
    page = _detail(f"<h1 class='title'>{TITLE}</h1><div class='info'>Ngày đăng: 01/12/2023 08:15</div>"
                   f"<div class='content'>{TEXT}"
                   "<div class='phocadownloadfile32'><a href='/tai-lieu/category/3-van-ban.html?download=27:ke-hoach-52'>"
                   "Kế hoạch số 52/KH-UBND ngày 15/4/2021 của UBND huyện</a></div>"
                   "<p style='text-align: right;'><strong>Thu Hằng</strong></p></div>"
                   "<div class='attachments'><p><strong>Tài liệu đính kèm:</strong></p><ul><li>"
                   "<a href='/documents/d/tienyen/ke-hoach-215-kh-ubnd-pdf'>Kế hoạch số 215/KH-UBND</a></li></ul></div>")
    article = extract_article(page, "http://h.vn/web/tienyen/w/ra-quan-trong-rung", family="generic")
    assert [a.url for a in article.attachments] == ["http://h.vn/tai-lieu/category/3-van-ban.html?download=27:ke-hoach-52",
                                                    "http://h.vn/documents/d/tienyen/ke-hoach-215-kh-ubnd-pdf"]
    assert "Kế hoạch số 52/KH-UBND ngày" not in article.body and article.author == "Thu Hằng"


def test_wordpress_s_scaled_upload_a_picture_links_to_is_its_original():
    figure = ("<figure class='wp-block-image size-large'><a href='/wp-content/uploads/2023/04/buoi-dau-qua-scaled.jpg'>"
              "<img width='1024' src='/wp-content/uploads/2023/04/buoi-dau-qua-1024x683.jpg'></a>"
              "<figcaption class='wp-element-caption'>Vườn bưởi đậu quả sai</figcaption></figure>")
    page = _detail(f"<h1 class='title'>{TITLE}</h1><div class='content'>{TEXT}{figure}{TEXT}</div>")
    article = extract_article(page, "http://h.vn/2023/04/buoi-doan-hung-dau-qua-tot/", family="generic")
    assert [(i.url, i.caption) for i in article.images] == [
        ("http://h.vn/wp-content/uploads/2023/04/buoi-dau-qua-scaled.jpg", "Vườn bưởi đậu quả sai")]


def test_a_category_link_of_an_article_s_address_shape_beside_the_headlines_is_no_article():
    # DotNetNuke's Ventrian News Articles: `.../CategoryView/categoryId/7/Nong-nghiep-Nong-thon.aspx`
    # (four words in its slug, as a headline's) named "Nông nghiệp - Nông thôn" (four words, five tokens)
    from scraper.extract import extract_listing
    base = "/tin-tuc/articleType"
    items = "".join(f"<div class='articleItem'><h2><a href='{base}/ArticleView/articleId/{n}/Tin-bai-so-{n}-cua-huyen.aspx'>"
                    f"Tin bài số {n} về hoạt động của huyện Hải Hậu</a></h2></div>" for n in range(2181, 2185))
    cats = "".join(f"<li><a href='{base}/CategoryView/categoryId/{n}/{slug}.aspx'>{name}</a></li>" for n, slug, name in [
        (7, "Nong-nghiep-Nong-thon", "Nông nghiệp - Nông thôn"), (12, "Hoat-dong-HDND-UBND", "Hoạt động HĐND - UBND")])
    page = f"<html><body><ul class='categories'>{cats}</ul><div class='news'>{items}</div></body></html>".encode()
    listing = extract_listing(page, "http://h.vn/tin-tuc.aspx", family="generic")
    urls = listing.article_urls + listing.boxed_article_urls
    assert len(listing.article_urls) == 4 and not [u for u in urls if "CategoryView" in u]
