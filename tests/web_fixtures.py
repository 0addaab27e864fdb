"""A sample archive for the web-interface tests, written through the archive API.

Articles are the fixture portals' expected records (real Vietnamese text), with their image URLs
pointing at the sample portal servers so a browser loads them from the "original" site. Three
crawls are simulated: view counts grow (a view history), and one article is edited between
crawls (an earlier version). One extra article carries injected markup in every text field.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

from archive.store import Archive
from tests.conftest import stop_process

__all__ = ["build_sample_archive", "write_registry", "PROVINCES", "ARCHIVED_MEDIA_TITLE", "serve_archive", "file_fingerprint", "INJECTED_TITLE", "EDITED_TITLE",
           "CRAWL_TIMES", "SCRIPT_MARK", "WEB_PORTALS"]

WEB_PORTALS = ("liferay", "phutho-aspnet", "wordpress")

ROOT = Path(__file__).resolve().parent.parent
PORTALS = ROOT / "tests" / "fixtures" / "portals"
# Three crawls ending an hour ago (recent, so the health verdicts judge them as fresh).
_NOW = datetime.now(timezone.utc).replace(microsecond=0, second=0)
CRAWL_TIMES = tuple((_NOW - timedelta(days=days, hours=1)).isoformat() for days in (40, 20, 0))
EDITED_TITLE = "Hội nghị triển khai công tác “Dân vận khéo” năm 2022"
INJECTED_TITLE = "Thông báo lịch tiếp công dân tháng 12"
ARCHIVED_MEDIA_TITLE = "Xã Kỳ Tân đón Bằng công nhận đạt chuẩn nông thôn mới nâng cao"
SCRIPT_MARK = "PWNED"
_INJECTION = (f"<script>document.title='{SCRIPT_MARK}';window.__pwned=1;</script>"
              f"<img src=x onerror=\"window.__pwned=2;document.title='{SCRIPT_MARK}'\">"
              "<iframe src=\"javascript:window.__pwned=3\"></iframe>")


def _records(portal: str, base_url: str) -> list[dict]:
    records = []
    for path in sorted((PORTALS / portal / "expected").glob("*.json")):
        expected = json.loads(path.read_text(encoding="utf-8"))
        record = {k: expected.get(k) for k in ("title", "published", "published_text", "views", "author",
                                               "category", "body")}
        record["url"] = base_url + expected["path"]
        record["site"] = base_url.split("//", 1)[1]
        record["images"] = [{"url": base_url + i["path"], "caption": i.get("caption"), "alt": i.get("alt")}
                            for i in expected.get("images", [])]
        record["attachments"] = [{"url": base_url + a["path"], "name": a.get("name")}
                                 for a in expected.get("attachments", []) if a.get("path")]
        record["family"] = portal
        records.append(record)
    return records


def _injected(base_url: str, template: dict) -> dict:
    return {
        **template,
        "url": base_url + "/tin-tuc/thong-bao-lich-tiep-cong-dan-99999",
        "title": INJECTED_TITLE,
        "body": f"Ủy ban nhân dân huyện thông báo lịch tiếp công dân định kỳ.\n\n{_INJECTION}\n\n"
                "Công dân mang theo giấy tờ tùy thân.",
        "body_html": f"<p>Ủy ban nhân dân huyện thông báo lịch tiếp công dân.</p>{_INJECTION}",
        "author": f"Văn phòng {_INJECTION}",
        "category": "Thông báo",
        "images": [{"url": "javascript:window.__pwned=4", "caption": f"Ảnh {_INJECTION}", "alt": _INJECTION}],
        "attachments": [],
        "views": 42,
    }


PROVINCES = {"liferay": "Phú Thọ", "phutho-aspnet": "Phú Thọ", "wordpress": "Nghệ An"}


def write_registry(path: str, base_urls: dict[str, str]) -> str:
    """A site registry naming the sample portals (titles from their manifests, provinces above)."""
    entries = []
    for portal, base_url in sorted(base_urls.items()):
        title = json.loads((PORTALS / portal / "manifest.json").read_text(encoding="utf-8"))["site_name"]
        entries.append(f'[[site]]\nname = "{portal}"\ntitle = "{title}"\nprovince = "{PROVINCES[portal]}"\n'
                       f'start_urls = ["{base_url}/"]\nfamily = "{portal}"\n')
    Path(path).write_text("\n".join(entries), encoding="utf-8")
    return path


def build_sample_archive(db_path: str, base_urls: dict[str, str], *, failing_portal: str | None = "liferay") -> None:
    """Fill `db_path` from the portals in `base_urls` ({family: base URL of its sample server}).

    Each portal gets its own crawl run per simulated crawl, with a health snapshot
    (`archive.health.record_portal_run`); on the last crawl `failing_portal` answers every
    fetch with 503, so the health table has a broken portal to show.
    """
    from archive.health import record_portal_run

    portals = sorted(base_urls)
    for n, crawled_at in enumerate(CRAWL_TIMES):
        with Archive(db_path) as archive:
            for portal in portals:
                records = [_as_seen(r, n) for r in _records(portal, base_urls[portal])]
                if n == 2 and portal == "phutho-aspnet":
                    records.append(_injected(base_urls[portal], records[0]))
                run = archive.start_run({"simulated": True}, [records[0]["site"]])
                failing = n == 2 and portal == failing_portal
                for record in records:
                    archive.record_fetch(run, record["url"], 503 if failing else 200, fetched_at=crawled_at)
                    if not failing:
                        archive.save_article(record, run_id=run, fetched_at=crawled_at)
                archive.finish_run(run, {"new": 0 if failing else len(records)})
                archive.flush()
                record_portal_run(archive.conn, portal, run, started_at=crawled_at, finished_at=crawled_at)
    if "wordpress" in base_urls:
        _keep_media(db_path, "wordpress", base_urls["wordpress"], ARCHIVED_MEDIA_TITLE)


def _keep_media(db_path: str, portal: str, base_url: str, title: str) -> None:
    """Store one article's images as a crawl with media downloads does (content-addressed files)."""
    from archive.preservation import record_preservation
    from archive.schema import connect
    from scraper.media_store import media_dir_for, store_media

    routes = json.loads((PORTALS / portal / "manifest.json").read_text(encoding="utf-8"))["routes"]
    record = next(r for r in _records(portal, base_url) if r["title"] == title)
    items = []
    for position, image in enumerate(record["images"]):
        route = routes[image["url"][len(base_url):]]
        body = (PORTALS / portal / "pages" / route["file"]).read_bytes()
        items.append({"url": image["url"], "sha256": store_media(media_dir_for(db_path), body),
                      "content_type": route["content_type"], "size": len(body), "role": "image",
                      "position": position})
    conn = connect(db_path)
    try:
        with conn:
            record_preservation(conn, {"url": record["url"], "media": items}, provenance="live",
                                captured_at=CRAWL_TIMES[-1])
    finally:
        conn.close()


def _as_seen(record: dict, crawl: int) -> dict:
    """The record as crawl number `crawl` saw it: views grow; one article is edited last time."""
    seen = dict(record)
    if seen.get("views") is not None:
        seen["views"] = record["views"] - (2 - crawl) * (37 + crawl * 11)
    if crawl == 2 and record["title"] == EDITED_TITLE:
        seen["body"] = record["body"].replace("năm 2022", "năm 2022 (đã cập nhật)", 1) + \
            "\n\nBổ sung: danh sách tập thể, cá nhân được khen thưởng."
        seen["title"] = EDITED_TITLE + " (cập nhật)"
    return seen


@contextlib.contextmanager
def serve_archive(db_path: str, *extra: str) -> Iterator[str]:
    """Run `portal-archive serve --port 0` as a real process; yield its base URL."""
    cmd = [sys.executable, "-m", "portal_archive", "serve", "--db", db_path, "--port", "0", *extra]
    # stderr goes to a file: an unread pipe would fill up and stall the server.
    with tempfile.TemporaryFile(mode="w+") as log:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=log, text=True, cwd=ROOT)
        try:
            line = proc.stdout.readline()
            found = re.search(r"http://127\.0\.0\.1:\d+/", line)
            if not found:
                proc.kill()
                proc.wait()
                log.seek(0)
                raise AssertionError(f"serve did not start: {line!r} {log.read()[-2000:]}")
            # Keep draining stdout: an unread pipe would fill up and stall the server.
            threading.Thread(target=lambda: [None for _ in proc.stdout], daemon=True).start()
            yield found.group(0).rstrip("/")
        finally:
            stop_process(proc, timeout=20)


def file_fingerprint(path: str) -> tuple[str, int]:
    """(sha256, mtime in ns) of a file: equal before and after means it was not written."""
    data = Path(path).read_bytes()
    return hashlib.sha256(data).hexdigest(), os.stat(path).st_mtime_ns
