"""Platform families with no sample portal (NukeViet, Joomla, Drupal): family file and generic rules."""
from __future__ import annotations

import json

import pytest

from scraper.extract import extract_article
from tests.conftest import FIXTURES
from tests.golden import rewrite_golden
from tests.extract.test_extract_golden import FIELDS, field_problem

UNSEEN = FIXTURES / "unseen"
CASES = sorted(p.stem for p in UNSEEN.glob("*.json"))


def _extract(name: str, family: str | None) -> tuple[dict, dict]:
    expected = json.loads((UNSEEN / f"{name}.json").read_text(encoding="utf-8"))
    html = (UNSEEN / f"{name}.html").read_bytes()
    return expected, extract_article(html, expected["url"], family=family).to_dict()


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("mode", ["recognised", "generic"])
@pytest.mark.parametrize("name", CASES)
def test_unseen_family_page(name, mode, field, update_golden):
    expected, record = _extract(name, None if mode == "recognised" else "generic")
    if update_golden and mode == "recognised":
        expected = rewrite_golden(UNSEEN / f"{name}.json", record, [field])
    assert record["family"] == (expected["family"] if mode == "recognised" else "generic")
    problem = field_problem(field, expected, record)
    assert problem is None, problem


def test_there_are_unseen_family_pages():
    assert {"nukeviet", "joomla", "drupal"} <= set(CASES)
