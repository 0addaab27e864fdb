"""Broken and odd input: a record with nulls or a clear one-line error, never a crash."""
from __future__ import annotations

import json

import pytest

from scraper.extract import ExtractionError, extract_article
from tests.conftest import PORTALS, run_cli

SAMPLE = PORTALS / "phutho-aspnet" / "pages" / "article-12345.html"
SAMPLE_URL = "http://127.0.0.1:8000/thong-tin-tuyen-truyen/bai-viet/cat/tin-tuc-su-kien-2548/id/hoi-nghi-12345"


@pytest.mark.parametrize("family", [None, "generic"])
def test_truncated_html_still_gives_title_and_start_of_body(family):
    html = SAMPLE.read_bytes()
    cut = html[: html.index("Trong 10 tháng".encode("utf-8")) + 200]
    article = extract_article(cut, SAMPLE_URL, family=family)
    assert article.title and "Dân vận khéo" in article.title
    assert article.body and article.body.startswith("Ngày 03/11")


@pytest.mark.parametrize("data", [b"", b"   \n\t ", ""])
def test_empty_page_gives_a_record_of_nulls(data):
    article = extract_article(data, "http://h/a")
    assert (article.title, article.body, article.published, article.views, article.images) == (None, None, None, None, [])


def test_binary_file_is_a_clear_error():
    with pytest.raises(ExtractionError):
        extract_article(b"\x7fELF\x02\x01\x01\x00\x00\x00\x00" * 100, "http://h/a")


def test_two_megabyte_page():
    html = SAMPLE.read_text(encoding="utf-8")
    filler = "".join(f"<li><a href='/tin-{i}'>Tin cũ số {i} về hoạt động của huyện</a> (01/01/2020)</li>"
                     for i in range(25_000))
    big = html.replace("</body>", f"<div class='footer-links'><ul>{filler}</ul></div></body>")
    assert len(big.encode("utf-8")) > 2_000_000
    article = extract_article(big.encode("utf-8"), SAMPLE_URL)
    assert article.title and "Dân vận khéo" in article.title
    assert article.published == "2022-11-04"
    assert article.views == 1599
    assert "Tin cũ số" not in (article.body or "")


def test_windows_1252_page_without_charset_is_decoded():
    page = ("<html><head><title>Caf\u00e9 news</title></head><body><h1>Caf\u00e9 \u201cL\u00e0 Vie\u201d opens its doors today</h1>"
            "<div class='content'><p>The caf\u00e9 \u2014 long awaited by the town \u2014 opens on 03/11/2022, the owners said.</p>"
            "<p>It serves cr\u00e8me br\u00fbl\u00e9e, na\u00efve espresso and other things, at fair prices.</p></div>"
            "</body></html>").encode("cp1252")
    article = extract_article(page, "http://h/a")
    assert article.title == "Caf\u00e9 \u201cL\u00e0 Vie\u201d opens its doors today"
    assert "cr\u00e8me br\u00fbl\u00e9e" in article.body


def test_http_charset_beats_a_wrong_guess():
    page = "<html><body><h1>Đêm nhạc “Khúc quân hành” tại huyện</h1></body></html>".encode("utf-8")
    assert extract_article(page, "http://h/a", content_type="text/html; charset=utf-8").title.startswith("Đêm nhạc")


def test_page_with_no_article_gives_nulls_not_a_crash():
    page = ("<html><head><title>Trang chủ</title></head><body><ul class='menu'><li><a href='/a'>Giới thiệu</a></li>"
            "<li><a href='/b'>Tin tức</a></li></ul><div class='footer'>Lượt truy cập: 1.234.567</div></body></html>")
    article = extract_article(page, "http://h/")
    assert article.views is None
    assert article.published is None
    assert not article.images and not article.attachments


@pytest.mark.parametrize("page", [
    "<html>", "<", "<<<>>>", "<html><body><h1>", "<table><tr><td><img src=''></td></tr>", "<?xml version='1.0'?><rss/>",
    "<p>" * 5000, "<html><body>" + "<div>" * 3000 + "sâu" + "</div>" * 3000 + "</body></html>",
])
def test_malformed_markup_never_crashes(page):
    article = extract_article(page, "http://h/a")
    assert article.url == "http://h/a"


def test_cli_prints_one_article_as_json(tmp_path):
    result = run_cli("extract", str(SAMPLE), "--url", SAMPLE_URL)
    record = json.loads(result.stdout)
    assert record["family"] == "phutho-aspnet"
    assert record["views"] == 1599
    assert record["images"] and {"url", "caption", "alt"} <= set(record["images"][0])
    generic = json.loads(run_cli("extract", str(SAMPLE), "--url", SAMPLE_URL, "--family", "generic").stdout)
    assert generic["family"] == "generic"
    assert generic["title"] == record["title"]


@pytest.mark.parametrize("make,args,message", [
    (lambda p: None, [], "cannot read"),
    (lambda p: p.write_bytes(b""), [], "empty"),
    (lambda p: p.write_bytes(b"\x00\x01\x02binary" * 50), [], "binary"),
    (lambda p: p.write_text("<p>x</p>"), ["--family", "no-such-cms"], "unknown family"),
    (lambda p: p.write_text("<p>x</p>"), ["--url-ignored"], "No such option"),
])
def test_cli_bad_input_is_one_line_error(tmp_path, make, args, message):
    page = tmp_path / "page.html"
    make(page)
    url_args = [] if args == ["--url-ignored"] else ["--url", "http://h/a"]
    result = run_cli("extract", str(page), *url_args, *args, check=False)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert message.lower() in result.stderr.lower()
    assert len([line for line in result.stderr.splitlines() if line.startswith("Error")]) == 1
