"""Author lines of the common shapes, on saved pages (tests/fixtures/bylines): Joomla's "Viết bởi
NAME" in the article info, "Người viết:" closing the body, a "(Theo NAME)" credit; and a sentence
that only opens with "Theo" is left in the body."""
from __future__ import annotations

import pytest

from scraper.extract import extract_article
from tests.conftest import FIXTURES

URL = "http://sinho.laichau.gov.vn/tin-tuc/bai-viet-123.html"
CASES = {
    "joomla-createdby.html": "Nguyễn Thị Hoa",
    "nguoi-viet.html": "Lò Văn Thắng",
    "theo-credit.html": "Báo Lai Châu",
    "theo-sentence.html": None,
}


@pytest.mark.parametrize("family", [None, "generic"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_author_lines(name, family):
    article = extract_article((FIXTURES / "bylines" / name).read_bytes(), URL, family=family)
    assert article.author == CASES[name]
    if CASES[name]:
        assert CASES[name] not in article.body, "the author line is not body text"
        assert article.body.endswith("nhiệm vụ trọng tâm năm 2024.")
    else:
        assert article.body.endswith("Theo Kế hoạch số 45 của UBND huyện, các xã hoàn thành trước tháng 12")


@pytest.mark.parametrize("line, name", [
    ("Theo Nguyễn Văn An", "Nguyễn Văn An"), ("(Theo TTXVN)", "TTXVN"), ("Theo baochinhphu.vn", "baochinhphu.vn"),
    ("Theo Báo Nhân dân.", "Báo Nhân dân"),
    ("Theo kế hoạch, hội nghị họp tháng 12.", None), ("Theo Quyết định của UBND tỉnh", None),
    ("Theo Kế hoạch 45/KH-UBND", None), ("Thực hiện theo Nguyễn Văn An", None),
])
def test_credit_lines(line, name):
    from scraper.extract.body import credited_name

    assert credited_name(line) == name
