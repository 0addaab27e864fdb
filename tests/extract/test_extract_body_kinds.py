"""Body boundaries and bylines on saved pages of the kinds that went wrong on real pages: a grid of
other posts' teasers taken for the body, a page builder whose every box is named 'widget', an
endless-scroll page whose next article outscores the page's own, a "Theo NAME" credit opening
the body, and Vietnamese month-word dates (month first, short month names) before the title."""
from __future__ import annotations

from pathlib import Path

import pytest

from scraper.extract import extract_article
from scraper.extract.dates import find_dates, parse_vn_datetime

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "body_kinds"


def _extract(name: str, family: str | None = None):
    return extract_article((PAGES / name).read_bytes(), "http://127.0.0.1:8000/bai-viet/1", family=family,
                           with_html=False)


@pytest.mark.parametrize("family", [None, "generic"])
def test_teaser_grid_is_not_the_body(family):
    # the article is one <p> in a box named like every other box of the page ('elementor-widget-
    # container': 'widget' lowered its score), the grid of other posts' excerpts is named 'post'
    article = _extract("teaser_grid.html", family)
    assert article.body.startswith("The battery type most often used for solar storage")
    assert "Lithium-ion batteries are now used as solar batteries" in article.body
    assert "Teaser" not in article.body and "Read more" not in article.body


@pytest.mark.parametrize("family", [None, "generic"])
def test_endless_scroll_keeps_the_pages_own_article(family):
    article = _extract("endless_scroll.html", family)
    assert article.title == "Vehicles to be blessed this Saturday"
    assert article.body.startswith("The friars of the parish will bless cars")
    assert article.body.endswith("and on speed limits in town.")
    assert "budget" not in article.body


@pytest.mark.parametrize("family", [None, "generic"])
def test_opening_theo_credit_is_the_author(family):
    article = _extract("opening_credit.html", family)
    assert article.author == "Nguyễn Minh Châu"
    assert article.body.startswith("(NLĐO) - Sáng 8-1, Liên đoàn Lao động huyện")
    assert "Theo Nguyễn" not in article.body
    assert article.published == "2024-01-08T08:20:00+07:00"


def test_opening_sentence_with_theo_is_body_text(tmp_path):
    page = (PAGES / "opening_credit.html").read_text(encoding="utf-8").replace(
        "<p><strong>Theo Nguyễn Minh Châu</strong></p>",
        "<p>Theo kế hoạch, các suất quà được trao trước Tết.</p>")
    article = extract_article(page, "http://127.0.0.1:8000/bai-viet/1", with_html=False)
    assert article.author is None
    assert article.body.startswith("Theo kế hoạch, các suất quà được trao trước Tết.")


@pytest.mark.parametrize("family", [None, "generic"])
def test_month_first_vietnamese_date_before_the_title(family):
    article = _extract("month_first_date.html", family)
    assert article.published == "2024-01-08"
    assert article.body.startswith("Sáng nay, UBND xã tổ chức hội nghị tổng kết")


@pytest.mark.parametrize("text, iso", [
    ("Thứ hai, 08 Tháng 1 2024 08:20", "2024-01-08T08:20:00+07:00"),
    ("Thứ Hai, ngày 08 tháng 01 năm 2024, 08:20", "2024-01-08T08:20:00+07:00"),
    ("ngày 8 tháng 1 năm 2024", "2024-01-08"),
    ("08:20, Thứ hai, 08 Tháng 1 2024", "2024-01-08T08:20:00+07:00"),
    ("Đăng ngày 8 Tháng Mười Hai 2023", "2023-12-08"),
    ("Tháng Một 8, 2024", "2024-01-08"),
    ("Tháng 1 8, 2024 lúc 8:20 sáng", "2024-01-08T08:20:00+07:00"),
    ("Tháng 12 15, 2023 2:30 CH", "2023-12-15T14:30:00+07:00"),
    ("Th12 3, 2020 - 9:15", "2020-12-03T09:15:00+07:00"),
    ("8 Th1, 2024", "2024-01-08"),
    ("Thứ hai, 08 Tháng 1 2024 08:20 GMT+2", "2024-01-08T08:20:00+02:00"),
])
def test_vietnamese_month_word_dates(text, iso):
    assert parse_vn_datetime(text) == iso


@pytest.mark.parametrize("text", ["tháng 11 năm 2022 có 3 hội nghị", "Tháng 2 30, 2024", "Th1 là tháng đầu năm"])
def test_month_words_without_a_day_are_no_date(text):
    assert find_dates(text) == []


@pytest.mark.parametrize("text, iso", [
    ("Posted: Nov 8, 2023 / 10:35 PM PST", "2023-11-08T22:35:00-08:00"),  # the zone stated is kept
    ("November 8, 2023", "2023-11-08"),
    ("March 3rd, 2020", "2020-03-03"),
    ("Mittwoch, 01. November 2023 -", "2023-11-01"),
    ("3. März 2020, 14:20 Uhr", "2020-03-03T14:20:00+07:00"),  # no zone stated: Vietnam's
    ("20. März 2021 - 15:00 MEZ", "2021-03-20T15:00:00+01:00"),
    ("le 28 juin 2019", "2019-06-28"),
    ("8 de noviembre de 2023", "2023-11-08"),
    ("06 Dicembre 2020", "2020-12-06"),
    ("13 Jan 2020, 22:11 GMT+10", "2020-01-13T22:11:00+10:00"),
])
def test_month_names_of_other_languages(text, iso):
    assert [d.iso for d in find_dates(text)] == [iso]


@pytest.mark.parametrize("text, found", [
    ("xã có 15 người 2024", []),
    ("Ngày 05/11/2023, đoàn công tác dự hội nghị khai mạc 8 November 2023", ["2023-11-05"]),
])
def test_words_that_are_no_month_and_numeric_dates_first(text, found):
    """A word in a month's place that names none is no date; a text with a numeric date is not read
    for month names at all (a Vietnamese page pays nothing for them)."""
    assert [d.iso for d in find_dates(text)] == found


@pytest.mark.parametrize("family", [None, "generic"])
def test_styled_paragraphs_are_not_the_font_size_tool(family):
    # WordPress's block editor styles paragraphs 'has-normal-font-size': they are the article; the
    # font-size tool (A+ A-) and a short line of tag links are still furniture
    article = _extract("styled_paragraphs.html", family)
    assert "Wie müssen Texte und Fotos dafür aufbereitet werden?" in article.body
    assert article.body.endswith("wie eine Pressemitteilung geschrieben und verschickt wird.")
    assert "A+" not in article.body and "Seminar, Presse" not in article.body


@pytest.mark.parametrize("family", [None, "generic"])
def test_opening_summary_under_the_title_is_kept(family):
    # the sapo is an unnamed <h2> right under the title, outside the content block: the body's
    # first paragraph; a section heading inside the body stays where it is
    article = _extract("opening_summary.html", family)
    assert article.body.startswith("(NLĐO) - Liên đoàn Lao động huyện trao 300 suất quà Tết")
    assert article.body.split("\n\n")[1].startswith("Mỗi suất quà gồm tiền mặt")
    assert article.body.count("(NLĐO)") == 1
    assert article.published == "2024-01-08T08:20:00+07:00"


@pytest.mark.parametrize("family", [None, "generic"])
def test_photo_story_told_in_captions_of_scripted_pictures(family):
    # the slides' pictures are <amp-img> (no <img> for the images list to take the captions with):
    # their caption paragraphs are the story and stay in the body; a one-line credit caption goes
    article = _extract("caption_story.html", family)
    assert article.body.startswith("Không cần chi nhiều tiền")
    for i in range(1, 5):
        assert f"Ý tưởng {i}: chỉ cần một chiếc mũ" in article.body
    assert "Nguồn YouTube" not in article.body


@pytest.mark.parametrize("family", [None, "generic"])
def test_press_contact_and_empty_comments_close_the_body(family):
    article = _extract("closing_furniture.html", family)
    assert article.body.endswith("der Beispiele aus der Praxis sammelt.")
    assert "Kontakt" not in article.body and "Kommentar" not in article.body


@pytest.mark.parametrize("heading", ["Kontaktdaten der Gemeinde", "Weitere Informationen finden Sie unten im Text"])
def test_a_heading_that_only_starts_alike_does_not_close_the_body(heading):
    page = (PAGES / "closing_furniture.html").read_text(encoding="utf-8").replace("<h4>Kontakt:</h4>", f"<h4>{heading}</h4>")
    article = extract_article(page, "http://127.0.0.1:8000/bai-viet/1", with_html=False)
    assert "Anna Beispiel, Ansprechpartnerin zum Transformationslabor" in article.body
