"""The crawl fetches a page's media by extraction's own rules: a lazy-loaded image's full-size
source (its widest srcset entry) is downloaded, stored and linked to its article."""
from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

from scraper.sample.server import serve_portal
from tests.crawl_support import crawl, page_html

_TITLE = "Hội nghị tổng kết công tác thủy lợi, phòng chống lụt bão năm 2023"
_BIG = b"\x89PNG\r\n\x1a\n" + b"full-size picture " * 200
_SMALL = b"\x89PNG\r\n\x1a\n" + b"small picture " * 20


def _portal(folder: Path) -> None:
    pages = folder / "pages"
    pages.mkdir(parents=True)
    paragraphs = "".join(f"<p>Ngày 05/04/2023, Ủy ban nhân dân huyện tổ chức hội nghị, đoạn {p}: nêu kết quả, "
                         "khó khăn và phương hướng thực hiện trong thời gian tới.</p>" for p in range(3))
    # the placeholder in src, the picture only in data-srcset: what lazy-loading plugins write
    image = ('<p><img src="/img/loading.gif" width="800" alt="Quang cảnh hội nghị" '
             'data-srcset="/img/hoi-nghi-600.png 600w, /img/hoi-nghi-1200.png 1200w"></p>')
    article = page_html(f'<div class="chi-tiet"><h1>{_TITLE}</h1><div class="ngay">05/04/2023</div>'
                        f'<div class="noi-dung">{paragraphs[:len(paragraphs) // 2]}{image}{paragraphs}</div></div>', _TITLE)
    (pages / "a1.html").write_text(article, encoding="utf-8")
    (pages / "big.png").write_bytes(_BIG)
    (pages / "small.png").write_bytes(_SMALL)
    path = "/tin-tuc/hoi-nghi-tong-ket-thuy-loi-nam-2023.html"
    listing = page_html(f'<ul class="ds-tin"><li><a href="{path}">{_TITLE}</a></li></ul>')
    (pages / "home.html").write_text(listing, encoding="utf-8")
    routes = {"/": {"file": "home.html"}, path: {"file": "a1.html"},
              "/img/hoi-nghi-1200.png": {"file": "big.png", "content_type": "image/png"},
              "/img/hoi-nghi-600.png": {"file": "small.png", "content_type": "image/png"}}
    (folder / "manifest.json").write_text(json.dumps({"start_urls": ["/"], "routes": routes}), encoding="utf-8")


def test_a_lazy_loaded_srcset_image_is_downloaded_and_linked(tmp_path):
    _portal(tmp_path / "portal")
    db = str(tmp_path / "x.db")
    with serve_portal(str(tmp_path / "portal")) as server:
        summary = crawl(server.base_url + "/", "--db", db, "--family", "generic")
        requested = list(server.requests)
    assert summary["new"] == 1, json.dumps(summary)
    assert "/img/hoi-nghi-1200.png" in requested
    assert "/img/hoi-nghi-600.png" not in requested, "one source of an image: the widest"
    conn = sqlite3.connect(db)
    sha256 = hashlib.sha256(_BIG).hexdigest()
    assert (Path(f"{db}.media") / sha256[:2] / sha256).read_bytes() == _BIG
    linked = conn.execute("SELECT am.role, am.url FROM article_media am").fetchall()
    assert linked == [("image", server.base_url + "/img/hoi-nghi-1200.png")], linked
