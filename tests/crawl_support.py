"""Helpers of the crawl tests: compare an export with expected JSON, read the fetches table."""
from __future__ import annotations

import json
import re
import socket
import sqlite3
import unicodedata
from urllib.parse import urlsplit

from archive.schedule import EXIT_ITEMS_FAILED
from tests.conftest import run_cli
from tests.extract.test_extract_golden import published_ok

FAST = {"PORTAL_ARCHIVE_MAX_CRAWL_DELAY": "0"}  # sample portals ask for 1-2 s; test_crawl_politeness checks the default
FIELDS = ("title", "published", "views", "author", "category", "body", "images", "attachments")


def norm(value):
    if value is None:
        return None
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", str(value))).strip()


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + ("?" + parts.query if parts.query else "")


def field_value(record: dict, field: str, expected: bool):
    value = record.get(field)
    if field == "images":
        return [(i["path"] if expected else path_of(i["url"]), norm(i.get("caption"))) for i in value or []]
    if field == "attachments":
        return [(a["path"] if expected else path_of(a["url"]), norm(a.get("name"))) for a in value or []]
    if field == "views":
        return value
    return norm(value)


def compare(expected: list[dict], exported: list[dict]) -> tuple[int, int, list[str]]:
    """(fields right, fields compared, wrong field descriptions) of exported vs expected articles."""
    by_path = {path_of(r["url"]): r for r in exported}
    right, total, wrong = 0, 0, []
    for exp in expected:
        got = by_path.get(exp["path"], {})
        for field in FIELDS:
            total += 1
            if field == "published" and exp.get(field) and got.get(field):
                same = published_ok(exp[field], got[field])  # one instant, told with its own offset or +07:00
            else:
                same = field_value(exp, field, True) == field_value(got, field, False)
            if same:
                right += 1
            else:
                wrong.append(f"{exp['path']} {field}")
    return right, total, wrong


def export(db: str) -> list[dict]:
    return [json.loads(line) for line in run_cli("export", "--db", db).stdout.splitlines() if line.strip()]


def crawl(*args: str, env: dict | None = None) -> dict:
    """Run `portal-archive crawl ARGS --format json`; returns the summary.

    Some articles failing (exit 4) is expected: generated portals link a 404 and a 500 on purpose."""
    result = run_cli("crawl", *args, "--format", "json", env={**FAST, **(env or {})}, check=False)
    if result.returncode not in (0, EXIT_ITEMS_FAILED):
        raise AssertionError(f"crawl {args} exited {result.returncode}:\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}")
    return json.loads(result.stdout)


def fetches(db: str) -> list[tuple]:
    """(url, status, kind, run_id, redirect_to, error) of every recorded fetch."""
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT url, status, kind, run_id, redirect_to, error FROM fetches ORDER BY id").fetchall()


def page_html(body: str, title: str = "Tin tức") -> str:
    return f"<html><head><meta charset='utf-8'><title>{title}</title></head><body>{body}</body></html>"


def article_html(title: str, n: int, day: str) -> str:
    """An article page of no known family: title, date line and three paragraphs (the n-th of a portal)."""
    body = "".join(f"<p>Ngày {day}, Ủy ban nhân dân huyện tổ chức hội nghị lần {n}, đoạn {p}: nêu kết quả, "
                   "khó khăn và phương hướng thực hiện trong thời gian tới.</p>" for p in range(3))
    return page_html(f'<div class="chi-tiet"><h1>{title}</h1><div class="ngay">{day}</div>'
                     f'<div class="noi-dung">{body}</div></div>', title)


def registry_file(path, urls: dict[str, str]) -> str:
    """A site registry naming each portal by its start URL (all in one province); returns its path."""
    lines = []
    for name, url in urls.items():
        lines += ["[[site]]", f'name = "{name}"', 'province = "Phú Thọ"', f'start_urls = ["{url}"]', ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return str(path)


def closed_port() -> int:
    """A port of 127.0.0.1 nothing listens on (connections are refused): a dead portal."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
