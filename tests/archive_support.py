"""Helpers of the archive tests: what searches find, read through a read-only connection."""
from __future__ import annotations

from archive.reader import open_readonly
from archive.search import search

MIGRATION_QUERIES = ("dang uy", "nông thôn mới", "tin")


def search_hits(path: str, queries=MIGRATION_QUERIES) -> list[list[str]]:
    """The URLs each query finds (limit 100), in order: compared before and after a migration."""
    conn = open_readonly(path)
    try:
        return [[h["url"] for h in search(conn, q, limit=100).hits] for q in queries]
    finally:
        conn.close()


def one_article_archive(path: str, *, raw_body: bytes | None = None) -> str:
    """An archive file holding one article of yenlap.phutho.gov.vn (with its raw page, if given)."""
    from archive.store import Archive

    with Archive(path) as archive:
        archive.save_article({"url": "http://yenlap.phutho.gov.vn/tin-tuc/1", "site": "yenlap.phutho.gov.vn",
                              "title": "Hội nghị Đảng ủy huyện", "body": "Xây dựng nông thôn mới, dân vận khéo.",
                              "published": "2024-03-05", "images": [], "attachments": []},
                             raw_body=raw_body, content_type="text/html" if raw_body else None)
    return path


# Hosts whose site tokens were one before m031 (the token dropped every character but letters and
# digits, and folded accents): each group's old token is shared, each host's new one is its own.
COLLIDING_SITES = (
    ("huyen-a.example.gov.vn", "huyena.example.gov.vn", "huyen.a.example.gov.vn"),  # hyphen, dots
    ("127.0.0.1:8080", "127.0.0.180:80"),                                          # a port
    ("www.camkhe.gov.vn", "wwwcamkhe.gov.vn"),                                     # www.
    ("xn--huyn-a-kk8b.example.vn", "xnhuyn-akk8b.example.vn",                      # punycode IDN
     "huyện-a.example.vn", "huyen-a.example.vn"),                                  # and in Unicode
)


def colliding_sites_archive(path: str) -> dict[str, set[str]]:
    """An archive of every host of COLLIDING_SITES, the i-th host with i + 1 articles (so a count
    says whose they are), each titled "Tin ..." with body "Nội dung chung"; returns {host: its URLs}."""
    from archive.store import Archive

    urls: dict[str, set[str]] = {}
    with Archive(path) as archive:
        hosts = [h for group in COLLIDING_SITES for h in group]
        for i, host in enumerate(hosts):
            urls[host] = set()
            for n in range(i + 1):
                url = f"http://{host}/tin-tuc/{n}"
                archive.save_article({"url": url, "site": host, "title": f"Tin số {n} của {i}",
                                      "body": "Nội dung chung của các huyện.", "category": "Tin tức",
                                      "published": f"2024-0{1 + n % 9}-1{i % 10}", "images": [], "attachments": []})
                urls[host].add(url)
    return urls
