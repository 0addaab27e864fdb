"""Vietnamese folding and the query language: unit tables."""
from __future__ import annotations

import unicodedata

import pytest

from archive.fold import fold, fold_aligned, tone_key
from archive.query import QuerySyntaxError, parse_query


@pytest.mark.parametrize("text, folded", [
    ("Đảng ủy", "dang uy"),
    ("Đức Thọ", "duc tho"),
    ("ÐỨC THỌ", "duc tho"),                      # U+00D0 look-alike
    ("đồng chí", "dong chi"),
    ("huyện", "huyen"),                          # two marks on one letter
    ("Nghiêm túc, hiệu quả", "nghiem tuc, hieu qua"),
    ("ưởng ợ ữ ẵ ậ ể ố", "uong o u a a e o"),
    ("hoá hóa", "hoa hoa"),
    ("thuý thúy", "thuy thuy"),
    ("oà òa uỳ ùy", "oa oa uy uy"),
    ("“Dân vận khéo” – 2022…", "dan van kheo 2022"),
    ("Ơ Ư Ă Â Ê Ô", "o u a a e o"),
])
def test_fold(text, folded):
    assert " ".join(fold(text).split()) == folded


def test_fold_same_for_decomposed_input():
    text = "Đảng ủy huyện Thanh Thủy"
    assert fold(unicodedata.normalize("NFD", text)) == fold(text)


def test_fold_aligned_keeps_offsets():
    text = "“Ðảng ủy” xã Hạ Hòa"
    aligned = fold_aligned(text)
    assert len(aligned) == len(text)
    start = aligned.index("dang uy")
    assert text[start:start + 7] == "Ðảng ủy"


@pytest.mark.parametrize("a, b, same", [
    ("hoá", "hóa", True), ("thuý", "thúy", True), ("oà", "òa", True), ("uỳ", "ùy", True),
    ("Hoà Bình", "Hòa Bình", True), ("khoẻ", "khỏe", True),
    ("hoa", "hòa", False), ("bản", "bán", False), ("Đảng", "đang", False), ("thuỷ", "thuý", False),
    ("Ðức", "đức", True),
])
def test_tone_key_ignores_tone_placement_only(a, b, same):
    assert (tone_key(a) == tone_key(b)) is same


@pytest.mark.parametrize("query, message", [
    ('"dan van', "unbalanced quotes"),
    ("AND", "AND needs a word"),
    ("dan AND", "AND needs a word after it"),
    ("OR dan", "OR needs a word"),
    ("NOT dan", "NOT needs a word before it"),
    ("*", "'*' must end a word"),
    ("(dan van", "'(' without ')'"),
    ("dan van)", "')' without '('"),
    ("", "empty query"),
    ("dan AND OR van", "AND followed by OR"),
])
def test_bad_syntax_is_a_one_line_message(query, message):
    with pytest.raises(QuerySyntaxError) as err:
        parse_query(query)
    assert message in str(err.value)
    assert "\n" not in str(err.value)


def test_query_translation_folds_and_quotes_every_term():
    parsed = parse_query('Đảng ủy OR "nông thôn mới" NOT hoá*')
    assert parsed.fts == '(("dang" AND "uy") OR ("nong thon moi" NOT "hoa" *))'
    assert [t.tokens for t in parsed.terms] == [("dang",), ("uy",), ("nong", "thon", "moi")]
    assert tone_key("đảng") in parsed.accented


def test_operators_inside_phrases_are_words():
    assert parse_query('"bầu cử AND ứng cử"').fts == '"bau cu and ung cu"'
