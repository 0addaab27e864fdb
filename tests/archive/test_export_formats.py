"""`portal-archive export` as researchers use it: Excel-ready CSV, the same columns as JSONL, --until, --output."""
from __future__ import annotations

import csv
import io
import json
import os

from archive.export import EXPORT_COLUMNS
from archive.store import Archive
from tests.conftest import run_cli

SITE = "yenlap.phutho.gov.vn"
TITLE = "Hội nghị triển khai công tác “Dân vận khéo” năm 2022"


def _archive(path: str, n: int = 3) -> str:
    with Archive(path) as archive:
        for i in range(n):
            archive.save_article({
                "url": f"http://{SITE}/tin-tuc/{i}", "site": SITE, "title": f"{TITLE} ({i})",
                "published": f"202{i}-06-15T08:00:00+07:00", "published_text": f"15/06/202{i}", "views": 100 + i,
                "author": "Nguyễn Thị Hà", "category": "Tin tức", "body": "Đảng ủy huyện Yên Lập.\n\nNông thôn mới.",
                "family": "phutho-aspnet", "images": [{"url": f"http://{SITE}/a.jpg", "caption": "Quang cảnh", "alt": None}],
                "attachments": []})
    return path


def test_csv_output_file_opens_in_excel_with_the_jsonl_columns(tmp_path):
    db = _archive(str(tmp_path / "a.db"))
    out = tmp_path / "bài viết.csv"
    result = run_cli("export", "--db", db, "--output", str(out))
    assert result.stdout == "" and "3 articles written" in result.stderr
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")          # the BOM Excel needs to read UTF-8
    assert TITLE.encode("utf-8") in raw and b"\r\n" in raw
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert list(rows[0]) == list(EXPORT_COLUMNS)
    jsonl = [json.loads(line) for line in run_cli("export", "--db", db).stdout.splitlines()]
    assert list(jsonl[0]) == list(EXPORT_COLUMNS)
    for key in ("id", "family", "provenance", "last_changed"):
        assert str(jsonl[0][key]) == rows[0][key] and jsonl[0][key] is not None
    assert json.loads(rows[0]["images"]) == jsonl[0]["images"]
    assert not os.path.exists(str(out) + ".part")


def test_excel_flag_on_stdout_and_plain_csv_without_it(tmp_path):
    db = _archive(str(tmp_path / "a.db"))
    excel = run_cli("export", "--db", db, "--excel").stdout
    assert excel.startswith("\ufeffid,url,site,title")
    plain = run_cli("export", "--db", db, "--format", "csv").stdout
    assert plain.startswith("id,url,site,title")
    no_bom = tmp_path / "plain.csv"
    run_cli("export", "--db", db, "--output", str(no_bom), "--no-excel")
    assert no_bom.read_bytes().startswith(b"id,url")
    jsonl_file = tmp_path / "out.jsonl"
    run_cli("export", "--db", db, "-o", str(jsonl_file))
    assert len(jsonl_file.read_text(encoding="utf-8").splitlines()) == 3


def test_until_and_since_bound_the_published_day(tmp_path):
    db = _archive(str(tmp_path / "a.db"))
    lines = run_cli("export", "--db", db, "--until", "2021-06-15").stdout.splitlines()
    assert [json.loads(l)["published"][:4] for l in lines] == ["2020", "2021"]
    lines = run_cli("export", "--db", db, "--since", "2021-01-01", "--until", "2021-12-31").stdout.splitlines()
    assert len(lines) == 1
    bad = run_cli("export", "--db", db, "--since", "2022-01-01", "--until", "2021-01-01", check=False)
    assert bad.returncode == 2 and "after --until" in bad.stderr and "Traceback" not in bad.stderr
    clash = run_cli("export", "--db", db, "--excel", "--format", "jsonl", check=False)
    assert clash.returncode == 2 and "--excel writes CSV" in clash.stderr


def test_progress_lines_on_stderr_when_not_a_terminal(tmp_path):
    db = _archive(str(tmp_path / "a.db"), n=5)
    result = run_cli("export", "--db", db, env={"PORTAL_ARCHIVE_PROGRESS_SECONDS": "0"})
    lines = [l for l in result.stderr.splitlines() if l.startswith("export: articles written")]
    assert lines and lines[-1].startswith("export: articles written: 5 of 5 (100%)")
    assert "\r" not in result.stderr and len(result.stdout.splitlines()) == 5
    quiet = run_cli("export", "--db", db)
    assert quiet.stderr == ""       # a short export under the default interval prints nothing


def test_unwritable_output_is_a_one_line_error(tmp_path):
    db = _archive(str(tmp_path / "a.db"))
    result = run_cli("export", "--db", db, "--output", str(tmp_path / "no" / "such" / "x.csv"), check=False)
    assert result.returncode == 1 and "cannot write" in result.stderr and "Traceback" not in result.stderr
