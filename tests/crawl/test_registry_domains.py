"""The registry's province domains agree with the evidence shipped beside them: every district host
a public source names lies under its province's domain, and each domain says where it came from."""
from __future__ import annotations

import csv

from scraper.registry.generate import DATA, province_domains, short_province


def _rows(name: str) -> list[dict]:
    with (DATA / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_every_seen_host_lies_under_its_provinces_domain():
    domains = province_domains()
    seen = _rows("district-portal-hosts-seen.csv")
    assert len(seen) == 28  # (the file says 29 in places; it holds 28 rows)
    wrong = [(r["host"], domains[short_province(r["province"])]) for r in seen
             if not r["host"].endswith("." + domains[short_province(r["province"])])]
    assert wrong == []


def test_each_domain_says_whether_evidence_confirms_it():
    seen_provinces = {r["province"] for r in _rows("district-portal-hosts-seen.csv")}
    rows = _rows("provinces.csv")
    assert len(rows) == 63 and all(r["domain_source"] for r in rows)
    confirmed = {r["province"] for r in rows if r["domain_source"].startswith("confirmed")}
    assert confirmed == seen_provinces, "confirmed exactly where a seen host is the evidence"


def test_every_unit_has_its_province_with_the_same_code_and_name():
    provinces = {r["province_code"]: r["province"] for r in _rows("provinces.csv")}
    units = _rows("district-units-2025-03-01.csv")
    assert {(u["province_code"], u["province"]) for u in units} == set(provinces.items())
