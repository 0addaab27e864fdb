"""Habits of the eighteenth round of portals made blind (Lotus Domino, SharePoint 2007, a Struts 1
portal, a WordPress multisite): a document addressed by its 32-hex id, a latin-1 page writing
Vietnamese by references, a label's cell beside its value's, a label's value in bold, a summary
in a layout table's cell, a separator after a byline's name, Jetpack's lazy mark and its
"Có liên quan"; each as a general rule on a small page."""
from __future__ import annotations

from scraper.extract import extract_article, extract_listing
from scraper.extract.decode import decode_page

TEXT = "<p>" + "Nông dân các xã trên địa bàn huyện đang tập trung nhân lực, máy móc làm đất, gieo cấy lúa vụ Hè Thu. " * 3 + "</p>"
TITLE = "Nam Đàn: Lúa Xuân năm 2012 đạt năng suất bình quân 58,5 tạ/ha"
URL = "http://h.vn/portal/namdan.nsf/0/482579FA0031C2B7482579FA0032E04D?OpenDocument"


def test_a_document_addressed_by_its_32_hex_id_is_an_article_link():
    items = "".join(f"<a href='/portal/namdan.nsf/vwTinTuc/48257B3C0012A5F448257B3C0012D8{n:02X}?OpenDocument'>Tin bài "
                    f"số {n} về hoạt động của huyện Nam Đàn trong tháng</a><br>" for n in range(20, 26))
    listing = extract_listing(f"<html><body><table><tr><td>{items}</td></tr></table></body></html>".encode(),
                              "http://h.vn/portal/namdan.nsf/tin-tuc?OpenView", family="generic")
    assert len(listing.article_urls) == 6


def test_a_latin_1_page_writing_vietnamese_by_references_keeps_its_own_latin_letters():
    page = ("<html><head><meta http-equiv='Content-Type' content='text/html; charset=ISO-8859-1'></head><body>"
            "<b>Nam &#272;\xe0n: L\xfaa Xu\xe2n n&#259;m 2012 &#273;&#7841;t n&#259;ng su&#7845;t b\xecnh qu\xe2n</b> "
            "T\xecnh h\xecnh s\xe1n xu\xe2t &#7903; c\xe1c x\xe3</body></html>").encode("latin-1")
    text = decode_page(page, "text/html; charset=ISO-8859-1").text
    assert "bình quân" in text and "b\u0301nh" not in text


def _domino(author_row: str) -> bytes:
    return (f"<html><head><title>{TITLE}</title></head><body><table><tr><td colspan='2'><font size='4'><b>{TITLE}</b>"
            "</font></td></tr><tr><td colspan='2'><font size='1'>Cập nhật: 28/05/2012 02:10:07 PM | Lượt xem: 12.830</font>"
            f"</td></tr>{author_row}<tr><td colspan='2'>{TEXT}{TEXT}</td></tr></table></body></html>").encode()


def test_an_author_s_label_in_its_cell_names_the_value_in_the_next_but_not_the_next_field():
    named = "<tr><td width='80'><b>Tác giả:</b></td><td>Trần Văn Lương</td></tr>"
    assert extract_article(_domino(named), URL, family="generic").author == "Trần Văn Lương"
    empty = "<tr><td width='80'><b>Tác giả:</b></td><td></td></tr><tr><td>Chuyên mục: Nông nghiệp</td><td></td></tr>"
    assert extract_article(_domino(empty), URL, family="generic").author is None


def test_a_category_label_s_value_in_bold_is_the_category():
    page = (f"<html><head><title>{TITLE}</title></head><body><div class='article'><h1>{TITLE}</h1>"
            "<div class='tp-thongtin'><span>Chuyên mục: <b>Hoạt động HĐND - UBND</b></span> | <span>Ngày đăng: "
            f"11/07/2024 4:05 CH</span></div><div class='body'>{TEXT}{TEXT}</div></div></body></html>").encode()
    assert extract_article(page, "http://h.vn/tuyphuoc/Pages/ky-hop.aspx", family="generic").category == \
        "Hoạt động HĐND - UBND"


def test_a_summary_in_a_layout_table_s_cell_above_the_text_s_opens_the_body():
    lead = "Sáng 18/7, Ban Chỉ đạo chuyển đổi số huyện tổ chức hội nghị sơ kết 6 tháng đầu năm thực hiện Đề án."
    page = (f"<html><head><title>Cổng thông tin</title></head><body><table class='box_center'>"
            f"<tr><td class='tieude_chitiet'>{TITLE}</td></tr><tr><td class='ngay_chitiet'>Ngày cập nhật: 18/07/2023</td></tr>"
            f"<tr><td class='tomtat_chitiet'><b>{lead}</b></td></tr><tr><td class='noidung_chitiet'>{TEXT}{TEXT}</td></tr>"
            "</table></body></html>").encode()
    body = extract_article(page, "http://h.vn/portal/tintuc.do?method=detail&id=1248", family="generic").body
    assert body.startswith(lead)


def _newsmag(byline: str, signature: str = "") -> bytes:
    return (f"<html><head><title>{TITLE}</title></head><body><article class='post'><header><h1 class='entry-title'>{TITLE}"
            f"</h1><div class='meta-info'><div class='td-post-author-name'><div class='td-author-by'>Đăng bởi</div> "
            f"<a href='/author/x/'>{byline}</a><div class='td-author-line'> - </div> </div><div class='td-post-date'>"
            "<time datetime='2024-03-12T02:10:00+00:00'>12/03/2024</time></div></div></header><div class='td-post-content'>"
            "<p><img src='/wp-content/uploads/sites/7/2024/03/a.jpg' data-lazy-src='/wp-content/uploads/sites/7/2024/03/a.jpg"
            f"?is-pending-load=1' width='800'></p>{TEXT}{TEXT}{signature}<div id='jp-relatedposts' class='jp-relatedposts'>"
            "<h3 class='jp-relatedposts-headline'><em>Có liên quan</em></h3></div></div></article></body></html>").encode()


def test_a_byline_s_separator_is_no_part_of_the_name_and_an_account_names_no_one():
    url = "http://h.vn/huong-khe/2024/03/12/hoi-thi/"
    assert extract_article(_newsmag("Thu Hà"), url, family="generic").author == "Thu Hà"
    assert extract_article(_newsmag("admin"), url, family="generic").author is None


def test_jetpack_s_related_heading_ends_the_text_and_its_lazy_mark_is_no_part_of_the_picture():
    signature = "<p style='text-align: right;'><strong>Lê Hằng – Trung tâm VH-TT&amp;TT huyện</strong></p>"
    article = extract_article(_newsmag("admin", signature), "http://h.vn/huong-khe/2024/02/26/cds/", family="generic")
    assert "Có liên quan" not in article.body
    assert article.author == "Lê Hằng – Trung tâm VH-TT&TT huyện"
    assert [i.url for i in article.images] == ["http://h.vn/wp-content/uploads/sites/7/2024/03/a.jpg"]


def test_a_link_closing_the_text_s_last_line_is_the_sentence_s_not_a_box():
    lines = "".join(f"<font size='2'>Dòng thứ {n} của văn bản kế hoạch ứng dụng công nghệ thông tin năm 2014 của huyện.</font><br>"
                    for n in range(1, 7))
    page = (f"<html><head><title>{TITLE}</title></head><body><b>{TITLE}</b><div id='noidung'>{lines}"
            "<font size='2'>Tra cứu thủ tục hành chính tại </font><a href='https://dichvucong.nghean.gov.vn/'>"
            "<font size='2'>Cổng dịch vụ công tỉnh Nghệ An</font></a></div></body></html>").encode()
    body = extract_article(page, URL, family="generic").body
    assert body.endswith("Tra cứu thủ tục hành chính tại Cổng dịch vụ công tỉnh Nghệ An")


def test_sharepoint_s_display_mode_in_an_address_is_the_same_page():
    from scraper.extract.canonical import canonical_url
    assert canonical_url("http://h.vn/tuyphuoc/Pages/hop.aspx?PageView=Shared") == "http://h.vn/tuyphuoc/Pages/hop.aspx"
    assert canonical_url("http://h.vn/Pages/a.aspx?ID=3&PageView=Personal") == "http://h.vn/Pages/a.aspx?ID=3"


def test_a_number_named_by_its_parent_step_with_a_page_s_extension_is_an_article_link():
    items = "".join(f"<li><a href='/m/chi-tiet/{n}.html'>Tin bài số {n} về hoạt động của huyện Hạ Hòa trong tháng</a></li>"
                    for n in range(4550, 4556))
    listing = extract_listing(f"<html><body><ul>{items}</ul></body></html>".encode(), "http://h.vn/m/tin-tuc.html",
                              family="generic")
    assert len(listing.article_urls) == 6
