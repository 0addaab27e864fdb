"""Habits of the fourteenth round of portals made blind: NukeViet 2 (PHP-Nuke's story box: the
section's link before the title, "Đọc: N lần", stories addressed by `sid`), YOOtheme's meta line
and Kentico's counter widget under the title; each as a general rule on a small page."""
from __future__ import annotations

from scraper.extract import extract_article, extract_listing

TEXT = "<p>" + "Vụ cam sành năm nay, toàn huyện có trên 4.500 ha cho thu hoạch, năng suất bình quân đạt 22 tấn mỗi ha. " * 3 + "</p>"
TITLE = "Hàm Yên bước vào vụ thu hoạch cam sành năm 2023 - 2024"
URL = "http://h.vn/modules.php?name=News&op=viewst&sid=1245"


def _nuke(count: str = "Đọc: 12.035 lần") -> bytes:
    return ("<html><head><title>Cổng thông tin điện tử huyện Hàm Yên - Tin tức - " + TITLE + "</title></head><body>"
            "<table class='contentbox'><tr><td class='storytitle'><b><font class='title'>"
            "<a href='modules.php?name=News&amp;op=viewcat&amp;catid=7'><font class='storycat'>Nông nghiệp - Nông thôn</font>"
            f"</a>: {TITLE}</font></b></td></tr><tr><td class='storyinfo'>Gửi lúc Thứ Năm, 07/12/2023 (14:30:00) bởi admin</td></tr>"
            f"<tr><td class='storycontent'>{TEXT}</td></tr><tr><td class='storyfoot'>{count}</td></tr></table>"
            "</body></html>").encode()


def test_a_story_title_after_its_section_s_link_and_a_colon_is_the_title_and_its_counter_is_read():
    article = extract_article(_nuke(), URL, family="generic")
    assert article.title == TITLE
    assert article.published == "2023-12-07T14:30:00+07:00"
    assert article.views == 12035
    assert extract_article(_nuke("Đọc tiếp: 12"), URL, family="generic").views is None


def test_stories_addressed_by_sid_are_article_links():
    items = "".join(f"<tr><td><a href='modules.php?name=News&amp;op=viewst&amp;sid={n}'>Tin bài số {n} về hoạt động "
                    "của huyện Hàm Yên trong tháng</a></td></tr>" for n in range(1240, 1246))
    page = f"<html><body><table>{items}</table></body></html>".encode()
    listing = extract_listing(page, "http://h.vn/modules.php?name=News&op=viewcat&catid=5", family="generic")
    assert len(listing.article_urls) == 6


def test_a_meta_line_s_account_or_author_stops_before_the_section_it_names():
    page = (f"<html><head><title>{TITLE}</title></head><body><article><h1 class='uk-article-title'>{TITLE}</h1>"
            "<p class='uk-article-meta'>Viết bởi Phòng Văn hóa và Thông tin trong <a href='/tin-tuc/chinh-tri'>Chính trị</a>"
            f" ngày <time datetime='2023-06-04T23:20:00+00:00'>05 Tháng 6 2023</time></p><div class='uk-margin'>{TEXT}</div>"
            "</article></body></html>").encode()
    article = extract_article(page, "http://h.vn/tin-tuc/chinh-tri/427-hop", family="generic")
    assert article.author == "Phòng Văn hóa và Thông tin"


def test_a_counter_line_a_layout_word_names_under_the_title_is_the_article_s_but_not_a_comment_count():
    def views(line: str):
        page = (f"<html><head><title>{TITLE}</title></head><body><main><article class='news-detail'><header><h1>{TITLE}</h1>"
                f"<p class='news-date'>14.11.2023 09:05</p>{line}</header><div class='news-text'>{TEXT}</div></article>"
                "</main></body></html>").encode()
        return extract_article(page, "http://h.vn/tin-tuc/thach-that-ra-quan", family="generic").views
    assert views("<div class='widget-counter'><i class='fa fa-eye'></i> Lượt xem 2\u202f317</div>") == 2317
    assert views("<div class='comments-count'><span class='views-count'>22</span> Bình luận</div>") is None
