"""`make demo`: a sample portal served on 127.0.0.1, crawled into ./archive.db, then searched.

The portal is generated from the project's own templates and text (nothing outside the repo),
served by this process for the length of the demo, and stopped at the end. Run it twice: the
second crawl finds every article already archived and fetches none of them again.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile

from scraper.sample.generate import generate_portal
from scraper.sample.server import serve_portal

__all__ = ["main"]

# Tried first so that a second `make demo` crawls the same URLs (and finds them archived).
PREFERRED_PORT = 8642
DB = "archive.db"
QUERY = "dan van kheo"

FEATURED = [
    ("Hội nghị triển khai công tác “Dân vận khéo” năm 2025",
     "Ngày 18/6, Ban Dân vận Huyện ủy Yên Lập tổ chức hội nghị triển khai công tác “Dân vận khéo” năm 2025.\n\n"
     "Năm qua, các chi, đảng bộ cơ sở đã xây dựng được 114 mô hình dân vận khéo trên các lĩnh vực kinh tế, "
     "văn hóa - xã hội, quốc phòng - an ninh và xây dựng hệ thống chính trị.\n\n"
     "Hội nghị đề ra nhiệm vụ nhân rộng các mô hình hiệu quả, gắn phong trào thi đua “Dân vận khéo” với "
     "chương trình xây dựng nông thôn mới nâng cao."),
    ("Xã Ngọc Lập nhân rộng mô hình dân vận khéo trong làm đường giao thông nông thôn",
     "Thực hiện phong trào thi đua dân vận khéo, nhân dân xã Ngọc Lập đã hiến hơn 3.000 m² đất và góp "
     "gần 2.000 ngày công làm đường bê tông xi măng.\n\n"
     "Mô hình “Công trình dân vận khéo” giúp các khu dân cư hoàn thành 12 km đường giao thông nông thôn."),
    ("Tuyên dương 25 mô hình “Dân vận khéo” tiêu biểu giai đoạn 2021 - 2025",
     "Ủy ban nhân dân huyện tuyên dương 25 tập thể và cá nhân có mô hình dân vận khéo tiêu biểu.\n\n"
     "Các mô hình tập trung vào phát triển kinh tế hộ gia đình, giữ gìn an ninh trật tự và chuyển đổi số."),
]

NEXT_STEPS = f"""
Next, try:
  .venv/bin/portal-archive search "dang uy" --db {DB}          # accents optional: finds "Đảng ủy"
  .venv/bin/portal-archive export --db {DB} | head -n 1        # every article as JSON lines
  .venv/bin/portal-archive crawl yenlap --db {DB}              # a real portal from the registry (needs internet)
  .venv/bin/portal-archive crawl --help                              # incremental runs, --full, --revisit
"""


def _cli(*args: str) -> int:
    return subprocess.call([sys.executable, "-m", "portal_archive", *args])


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="portal-archive-demo-") as folder:
        manifest = generate_portal(folder, 30, layout="phutho-aspnet", per_page=10, seed=2025, featured=FEATURED,
                                   site="huyện Yên Lập (demo)", broken_links=False)
        try:
            context = serve_portal(folder, port=PREFERRED_PORT)
            server = context.__enter__()
        except OSError:  # the preferred port is taken: any free one will do
            context = serve_portal(folder)
            server = context.__enter__()
        try:
            start = server.base_url + manifest["start_urls"][0]
            print(f"Serving a generated sample portal (30 articles) at {server.base_url}\n", flush=True)
            print(f"$ portal-archive crawl {start} --db {DB}", flush=True)
            if _cli("crawl", start, "--db", DB) != 0:
                return 1
        finally:
            context.__exit__(None, None, None)
    print(f'\n$ portal-archive search "{QUERY}" --db {DB}', flush=True)
    status = _cli("search", QUERY, "--db", DB)
    print(NEXT_STEPS)
    return status


if __name__ == "__main__":
    os.environ.setdefault("PORTAL_ARCHIVE_LOG_LEVEL", "CRITICAL")
    sys.exit(main())
