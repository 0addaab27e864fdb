"""The --update-golden switch: rewrites the project's own goldens so they pass, and never the spec."""
from __future__ import annotations

import json
import shutil

import pytest

from scraper.extract import extract_article
from tests.conftest import FIXTURES, PORTALS
from tests.golden import rewrite_golden
from tests.extract.test_extract_golden import FIELDS, field_problem


def test_a_rewritten_golden_passes_and_keeps_its_other_keys(tmp_path):
    page, golden = FIXTURES / "unseen" / "joomla.html", tmp_path / "joomla.json"
    shutil.copy(FIXTURES / "unseen" / "joomla.json", golden)
    before = json.loads(golden.read_text(encoding="utf-8"))
    before.update(title="wrong", views=-1, images=[])
    golden.write_text(json.dumps(before, ensure_ascii=False), encoding="utf-8")
    record = extract_article(page.read_bytes(), before["url"]).to_dict()

    after = rewrite_golden(golden, record, FIELDS)

    assert [f for f in FIELDS if field_problem(f, after, record)] == []
    assert after["body_excludes"] == before["body_excludes"] and after["url"] == before["url"]
    text = golden.read_text(encoding="utf-8")
    assert "ộ" in text and list(json.loads(text)) == sorted(json.loads(text))


def test_the_sample_portals_specification_is_never_rewritten():
    spec = sorted(PORTALS.glob("*/expected/*.json"))[0]
    before = spec.read_bytes()
    with pytest.raises(ValueError, match="specification"):
        rewrite_golden(spec, {"title": "x"}, ["title"])
    assert spec.read_bytes() == before
