"""The registry of all 696 district-level units: generated from the data, listed by `sites`."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from scraper.registry import HostCandidate, load_units
from scraper.registry.evidence import merge_candidates
from scraper.registry.generate import HEADER, build_registry
from scraper.registry.names import host_label, labels_for, title_names_unit
from scraper.registry.toml_out import dump_registry, write_registry
from tests.conftest import ROOT, run_cli

DATA = ROOT / "scraper" / "registry" / "data"


def test_sites_json_lists_696_units_across_63_provinces():
    units = json.loads(run_cli("sites", "--format", "json").stdout)
    assert len(units) == 696 and len({u["province"] for u in units}) == 63
    assert len({u["name"] for u in units}) == 696, "every unit has its own name"
    assert len({u["code"] for u in units}) == 696
    assert {u["type"] for u in units} == {"Huyện", "Quận", "Thị xã", "Thành phố"}
    assert len({u["merged_into"] for u in units}) == 34, "63 provinces became 34 on 1 July 2025"


def test_every_seen_host_is_evidence_of_its_unit():
    with open(DATA / "district-portal-hosts-seen.csv", encoding="utf-8") as f:
        seen = {row["host"] for row in csv.DictReader(f)}
    units = load_units()
    candidates = {c.host: u for u in units for c in u.candidates}
    assert seen <= set(candidates) and len(seen) == 28  # the file has 28 rows under its header
    assert candidates["www.quan1.hochiminhcity.gov.vn"].name == "quan1"
    thu_duc = candidates["tpthuduc.hochiminhcity.gov.vn"]
    assert candidates["www.quan9.hochiminhcity.gov.vn"] is thu_duc, "a predecessor's host belongs to its successor"
    assert thu_duc.start_urls == ("http://tpthuduc.hochiminhcity.gov.vn/",), "the unit's own host is crawled first"
    assert all(c.evidence[0]["kind"] == "source" for u in units for c in u.candidates)


def test_the_shipped_file_is_what_the_generator_makes(tmp_path):
    out = tmp_path / "sites.toml"
    write_registry(out, build_registry(), HEADER)
    shipped = (ROOT / "scraper" / "registry" / "sites.toml").read_text(encoding="utf-8")
    assert out.read_text(encoding="utf-8") == shipped, "run python -m scraper.registry.generate"


def test_discovered_hosts_merge_into_the_registry_by_code(tmp_path):
    units = load_units()
    hanoi = next(u for u in units if u.name == "badinh")
    found = merge_candidates(hanoi, [HostCandidate("badinh.hanoi.gov.vn", verified=True, evidence=[
        {"kind": "cdx", "source": "http://cdx.example/cdx", "first": "2012-01-02", "last": "2025-06-30",
         "captures": 412}])])
    path = tmp_path / "discovered.toml"
    path.write_text(dump_registry([found]), encoding="utf-8")
    merged = {u.code: u for u in build_registry(discovered=[path])}
    assert merged["001"].start_urls == ("http://badinh.hanoi.gov.vn/",) and merged["001"].host_verified
    assert merged["001"].candidates[0].evidence[0]["captures"] == 412
    # the same observation again replaces, never duplicates
    twice = merge_candidates(found, list(found.candidates))
    assert len(twice.candidates[0].evidence) == 1


@pytest.mark.parametrize("host, domain, label", [
    ("yenlap.phutho.gov.vn", "phutho.gov.vn", "yenlap"),
    ("www.quan1.hochiminhcity.gov.vn", "hochiminhcity.gov.vn", "quan1"),
    ("danhthang.hiephoa.bacgiang.gov.vn", "bacgiang.gov.vn", None),  # a commune's site
    ("phutho.gov.vn", "phutho.gov.vn", None),
    ("www.phutho.gov.vn", "phutho.gov.vn", None),
    ("yenlap.phutho.gov.vn.evil.org", "phutho.gov.vn", None),
    ("WWW.TPTHUDUC.hochiminhcity.gov.vn:80", "hochiminhcity.gov.vn", "tpthuduc"),
])
def test_host_labels_under_a_province_domain(host, domain, label):
    assert host_label(host, domain) == label


def test_unit_labels_include_the_known_patterns():
    assert labels_for("1", "Quận") >= {"quan1"} and "1" not in labels_for("1", "Quận")
    assert "tpthuduc" in labels_for("Thủ Đức", "Thành phố") and "thuduc" in labels_for("Thủ Đức", "Thành phố")
    assert "hahoa" in labels_for("Hạ Hoà", "Huyện")


@pytest.mark.parametrize("title, names", [
    ("Cổng thông tin điện tử huyện Yên Lập - Phú Thọ", True),
    ("CONG THONG TIN DIEN TU HUYEN YEN LAP", True),
    ("Cổng TTĐT huyện Hạ Hòa", False),  # another unit
    ("UBND xã Mỹ Lung huyện Yên Lập", False),  # a commune of the unit
    ("Trang chủ", False),
])
def test_a_title_names_the_unit_not_one_of_its_communes(title, names):
    assert title_names_unit(title, "Yên Lập", "Huyện") is names


def test_sites_filters_and_formats():
    table = run_cli("sites", "--province", "ho chi minh").stdout
    assert "www.quan1.hochiminhcity.gov.vn" in table and "22 units across 1 provinces" in table
    rows = run_cli("sites", "--province", "Phú Thọ", "--unverified", "--format", "csv").stdout.splitlines()
    assert rows[0].startswith("name,code,province") and len(rows) == 14
    bad = run_cli("sites", "--province", "Atlantis", check=False)
    assert bad.returncode != 0 and "Traceback" not in bad.stderr and len(bad.stderr.strip().splitlines()) == 1


def test_a_hand_written_registry_still_works(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text('[[site]]\nname = "mine"\nprovince = "Phú Thọ"\nstart_urls = ["http://127.0.0.1:9/"]\n',
                    encoding="utf-8")
    [row] = json.loads(run_cli("sites", "--registry", str(path), "--format", "json").stdout)
    assert row["name"] == "mine" and row["host"] == "127.0.0.1:9"


@pytest.mark.parametrize("command", ["sites", "discover", "coverage"])
def test_the_new_commands_have_an_example_and_a_readme_entry(command):
    assert "Example: portal-archive " + command in " ".join(run_cli(command, "--help").stdout.split())
    assert f"portal-archive {command} " in (ROOT / "README.md").read_text(encoding="utf-8")
