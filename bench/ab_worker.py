"""One side of `python -m bench ab`: CPU ms a page of one checkout's extraction, in its own process.

    PYTHONPATH=CHECKOUT python bench/ab_worker.py KIND PAGES_JSON SECONDS

Run by file path, not as `bench.ab_worker`, so that the reference checkout (which may have no such
module) supplies `scraper` while this script is the same for both sides. KIND: `family` and
`generic` (the sample article pages, as `bench extract` calls them), `writer` (a generated
portal's article pages as the crawl's writer calls extraction) or `listing` (its listing pages,
as the crawl process does). Prints one JSON line: {"kind", "ms", "pages", "scraper"}.
"""
from __future__ import annotations

import json
import sys
import time


def main(kind: str, pages_json: str, seconds: float) -> dict:
    import scraper
    from scraper.extract import extract_article, extract_listing

    with open(pages_json, encoding="utf-8") as f:
        listed = json.load(f)
    pages = []
    for item in listed:
        with open(item["file"], "rb") as f:
            pages.append((f.read(), item["url"]))
    calls = {
        "family": lambda h, u: extract_article(h, u),
        "generic": lambda h, u: extract_article(h, u, family="generic"),
        "writer": lambda h, u: extract_article(h, u, family="phutho-aspnet", content_type="text/html; charset=utf-8",
                                               with_html=False),
        "listing": lambda h, u: extract_listing(h, u, family="phutho-aspnet"),
    }
    call = calls[kind]
    for html, url in pages:  # warm caches and lazy imports outside the clock
        call(html, url)
    spent, done = 0.0, 0
    while spent < seconds:
        start = time.process_time()
        for html, url in pages:
            call(html, url)
        spent += time.process_time() - start
        done += len(pages)
    return {"kind": kind, "ms": round(1000 * spent / done, 4), "pages": done, "scraper": scraper.__file__}


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], sys.argv[2], float(sys.argv[3]))), flush=True)
