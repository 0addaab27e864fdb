"""Generate a synthetic district portal: N articles in a family's layout, as a sample-portal folder.

    python -m scraper.sample.generate FOLDER --articles 20000 [--layout phutho-aspnet|wordpress|generic]
        [--per-page 20] [--crawl-delay 1] [--disallow /path] [--seed 0]

The folder has the format of the sample portals (`manifest.json`, `pages/`, `expected/`), so
`scraper.sample.server` serves it. Listings are newest-first; the first listing page also links
a deleted article (404) and a broken one (500), as real portals do. Deterministic for a seed.
"""
from __future__ import annotations

import argparse
import json
import os
import random
from datetime import datetime, timedelta

from scraper.sample.layouts import LAYOUTS

__all__ = ["generate_portal"]

# A tiny valid JPEG (1x1): every image route points at it.
_JPEG = bytes.fromhex(
    "ffd8ffe000104a46494600010100000100010000ffdb004300080606070605080707070909080a0c140d0c0b0b0c1912130f14"
    "1d1a1f1e1d1a1c1c20242e2720222c231c1c2837292c30313434341f27393d38323c2e333432ffc0000b080001000101011100"
    "ffc4001f0000010501010101010100000000000000000102030405060708090a0bffc400b5100002010303020403050504040000"
    "017d01020300041105122131410613516107227114328191a1082342b1c11552d1f02433627282090a161718191a2526272829"
    "2a3435363738393a434445464748494a535455565758595a636465666768696a737475767778797a838485868788898a92939495"
    "969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae1e2e3e4e5e6e7e8e9ea"
    "f1f2f3f4f5f6f7f8f9faffda0008010100003f00fbd3ffd9")

_SENTENCES = [
    "Hội nghị đã đánh giá kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội của huyện",
    "Các xã, thị trấn tập trung chỉ đạo sản xuất nông nghiệp và xây dựng nông thôn mới",
    "Đồng chí Phó Bí thư Thường trực Huyện ủy phát biểu chỉ đạo tại hội nghị",
    "Công tác dân vận tiếp tục được các cấp ủy, chính quyền quan tâm thực hiện",
    "Nhân dân tích cực hiến đất, góp công làm đường giao thông nông thôn",
    "Chương trình chuyển đổi số được triển khai đồng bộ đến từng thôn, khu dân cư",
    "Trung tâm Y tế huyện tổ chức khám sàng lọc miễn phí cho người cao tuổi",
    "Ủy ban nhân dân huyện ban hành kế hoạch phòng, chống dịch bệnh vụ đông xuân",
]
_TITLES = [
    "Huyện {d} sơ kết công tác xây dựng nông thôn mới năm {y}",
    "Ủy ban nhân dân huyện {d} họp phiên thường kỳ tháng {m}",
    "Xã {c} ra mắt mô hình camera an ninh",
    "{d}: khánh thành nhà văn hóa khu dân cư {c}",
    "Hội nghị triển khai nhiệm vụ chuyển đổi số huyện {d} năm {y}",
]
_PLACES = ["Yên Lập", "Cẩm Khê", "Đoan Hùng", "Hạ Hòa", "Tam Nông", "Thanh Sơn", "Thanh Thủy"]
_COMMUNES = ["Ngọc Lập", "Xuân Viên", "Mỹ Lung", "Hưng Long", "Đồng Lạc", "Phúc Khánh", "Lương Sơn"]
_AUTHORS = ["Vũ Trịnh", "Minh Tuấn", "Hồng Nhung", "Hoàng Hà", "Thu Hằng", "Ngọc Anh"]


def _text(rng: random.Random):
    """(title, body) from the project's Vietnamese text generator, or the small fallback above."""
    try:
        from scraper.sample.textgen import make_body, make_title

        return make_title(rng), make_body(rng, 3000)
    except ImportError:
        title = rng.choice(_TITLES).format(d=rng.choice(_PLACES), c=rng.choice(_COMMUNES), y=rng.randint(2018, 2025),
                                           m=rng.randint(1, 12))
        paragraphs = [" ".join(rng.choice(_SENTENCES) + "." for _ in range(rng.randint(3, 5))) for _ in range(6)]
        return title, "\n\n".join(paragraphs)


def _articles(n: int, rng: random.Random, featured: list[tuple[str, str]]) -> list[dict]:
    """Article data, newest first (featured ones are the newest)."""
    when = datetime(2025, 6, 20, 16, 30)
    out = []
    for i in range(n):
        if i < len(featured):
            title, body = featured[i]
        else:
            title, body = _text(rng)
        when -= timedelta(hours=rng.randint(3, 40), minutes=rng.randint(0, 59))
        a = {"id": 100000 + n - i, "title": title, "body": body, "sapo": body.split("\n\n")[0][:220],
             "date": when.strftime("%d/%m/%Y"), "time": when.strftime("%H:%M"), "year": when.year,
             "month": when.month, "day": when.day, "views": int(rng.lognormvariate(5.5, 1.1)) + 1,
             "author": f"{rng.choice(_AUTHORS)} (Trung tâm VH - TT - DL và TT)"}
        a["images"] = [{"n": k, "caption": None if rng.random() < 0.2 else f"Ảnh: {rng.choice(_SENTENCES)}"}
                       for k in range(rng.choice([0, 1, 1, 2]))]
        out.append(a)
    return out


def _published(layout: str, a: dict) -> str:
    day = f"{a['year']}-{a['month']:02d}-{a['day']:02d}"
    return day if layout == "phutho-aspnet" else f"{day}T{a['time']}:00+07:00"


def generate_portal(folder: str, n_articles: int = 50, *, layout: str = "phutho-aspnet", per_page: int = 20,
                    seed: int = 0, crawl_delay: float | None = None, disallow: tuple[str, ...] = (),
                    featured: list[tuple[str, str]] | None = None, site: str = "huyện Yên Lập",
                    broken_links: bool = True, views_by_script: bool = False) -> dict:
    """Write the portal into `folder`; returns its manifest.

    `views_by_script`: every article leaves its view count to a script on the portal
    (`Lượt xem: <script src=...>` answering `document.write('348');`), one more request an article.
    """
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}; known: {', '.join(LAYOUTS)}")
    theme = LAYOUTS[layout]
    rng = random.Random(seed)
    pages_dir = os.path.join(folder, "pages")
    expected_dir = os.path.join(folder, "expected")
    os.makedirs(pages_dir, exist_ok=True)
    os.makedirs(expected_dir, exist_ok=True)
    articles = _articles(n_articles, rng, featured or [])
    for a in articles:
        for img in a["images"]:
            img["path"] = theme.image_url(a, img["n"])
    routes: dict[str, dict] = {}
    latest = articles[:15]

    def write(name: str, text: str | bytes) -> str:
        path = os.path.join(pages_dir, name)
        with open(path, "wb") as f:
            f.write(text.encode("utf-8") if isinstance(text, str) else text)
        return name

    robots = ["User-agent: *", "Disallow: /admin/"] + [f"Disallow: {d}" for d in disallow]
    if crawl_delay:
        robots.append(f"Crawl-delay: {crawl_delay:g}")
    routes["/robots.txt"] = {"file": write("robots.txt", "\n".join(robots) + "\n"), "content_type": "text/plain"}
    write("photo.jpg", _JPEG)
    pages = max(1, -(-n_articles // per_page))
    for page in range(1, pages + 1):
        items = articles[(page - 1) * per_page: page * per_page]
        body = theme.listing(site, items, page, pages, latest, rng)
        if page == 1 and broken_links:  # a deleted article (404) and a broken one (500), linked like any other
            gone = {"id": 99, "title": "Thông báo lịch tiếp công dân định kỳ tháng 5 năm 2025", "sapo": "", "year": 2025,
                    "month": 5, "day": 2, "date": "02/05/2025"}
            broken = {**gone, "id": 98, "title": "Kết quả kỳ thi chọn học sinh giỏi cấp huyện năm học 2024 - 2025"}
            extra = theme.listing_item(gone) + theme.listing_item(broken)
            body = body.replace(theme.pager(page, pages), extra + theme.pager(page, pages), 1)
            routes[theme.article_url(gone)] = {"status": 404}
            routes[theme.article_url(broken)] = {"status": 500}
        routes[theme.listing_url(page)] = {"file": write(f"listing-{page}.html", body)}
    for a in articles:
        a["views_by_script"] = views_by_script
        name = write(f"article-{a['id']}.html", theme.article(site, a, latest, rng))
        path = theme.article_url(a)
        routes[path] = {"file": name}
        if views_by_script:
            script = write(f"views-{a['id']}.js", f"document.write('{a['views']}');")
            routes[theme.views_script_url(a)] = {"file": script, "content_type": "application/javascript"}
        for img in a["images"]:
            routes[img["path"]] = {"file": "photo.jpg", "content_type": "image/jpeg"}
        expected = {"path": path, "title": a["title"], "published": _published(layout, a), "views": a["views"],
                    "author": a["author"], "category": "Tin tức - Sự kiện", "body": a["body"],
                    "images": [{"path": i["path"], "caption": i["caption"]} for i in a["images"]], "attachments": []}
        with open(os.path.join(expected_dir, f"article-{a['id']}.json"), "w", encoding="utf-8") as f:
            json.dump(expected, f, ensure_ascii=False, indent=1, sort_keys=True)
    manifest = {"family": layout, "site_name": f"Cổng thông tin điện tử {site}", "generated": True,
                "start_urls": [theme.listing_url(1)], "routes": routes}
    with open(os.path.join(folder, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, ensure_ascii=False)
    return manifest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--articles", type=int, default=50)
    parser.add_argument("--layout", default="phutho-aspnet", choices=sorted(LAYOUTS))
    parser.add_argument("--per-page", type=int, default=20)
    parser.add_argument("--crawl-delay", type=float, default=None)
    parser.add_argument("--disallow", action="append", default=[])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--views-by-script", action="store_true", help="every article's view count written by a script")
    args = parser.parse_args()
    manifest = generate_portal(args.folder, args.articles, layout=args.layout, per_page=args.per_page,
                               seed=args.seed, crawl_delay=args.crawl_delay, disallow=tuple(args.disallow),
                               views_by_script=args.views_by_script)
    print(f"{args.folder}: {args.articles} articles, {len(manifest['routes'])} routes, start {manifest['start_urls'][0]}")


if __name__ == "__main__":
    main()
