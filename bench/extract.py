"""Extraction benchmark: speed against trafilatura, and body quality on pages no one here wrote.

Run: `make bench BENCH=extract` (or `.venv/bin/python -m bench extract`).

1. Pages/second on one core over every sample article page (tests/fixtures/portals), for the family
   extractors, the generic extractor and `trafilatura.extract`, measured in the same run.
2. Body F1 of the generic extractor on ../shared/benchmarks/article-extraction-benchmark (181 real
   news pages, the upstream metric: 4-token shingles, per-page normalised TP/FP/FN, F1 of the mean
   precision and recall), with trafilatura scored in the same run as the baseline.
3. Title, date and body of the real Vietnamese page in ../shared/benchmarks/real-vi.
4. ../shared/benchmarks/web-eval/eval.py (publication dates against htmldate, main text against
   trafilatura, on real pages labelled by others), run as its README says; its tables are recorded
   as printed. `BENCH_WEB_EVAL=0` leaves it out (it takes about two minutes).
5. What htmldate costs: how often extraction falls back to it on web-eval's dated pages, and the
   CPU time a call.
"""
from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

__all__ = ["run", "shingle_scores", "body_f1"]

ROOT = Path(__file__).resolve().parent.parent
PORTALS = ROOT / "tests" / "fixtures" / "portals"
SHARED = Path(os.environ.get("PORTAL_ARCHIVE_SHARED", ROOT.parent / "shared"))
AEB = SHARED / "benchmarks" / "article-extraction-benchmark"
REAL_VI = SHARED / "benchmarks" / "real-vi"
WEB_EVAL = SHARED / "benchmarks" / "web-eval"
REAL_VI_URL = ("https://vnexpress.net/ong-ho-duc-phoc-se-nang-muc-giam-tru-gia-canh-tinh-thue-ca-nhan-khi-sua-luat-"
               "4672302.html")


def _sample_pages() -> list[tuple[bytes, str]]:
    pages = []
    for manifest_path in sorted(PORTALS.glob("*/manifest.json")):
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        for expected in sorted((manifest_path.parent / "expected").glob("*.json")):
            path = json.loads(expected.read_text(encoding="utf-8"))["path"]
            page = manifest_path.parent / "pages" / manifest["routes"][path]["file"]
            pages.append((page.read_bytes(), "http://127.0.0.1:8000" + path))
    return pages


def _rates(fns: dict, pages: dict, min_seconds: float = 6.0) -> dict:
    """Pages per second of each extractor, measured in interleaved whole passes over the pages.

    Interleaving (A, B, C, A, B, C, ...) spreads any change in machine load evenly over all the
    extractors, and the clock is this process's CPU time (one core), so their ratios stay fair on
    a shared machine.
    """
    spent = dict.fromkeys(fns, 0.0)
    done = dict.fromkeys(fns, 0)
    for name, fn in fns.items():
        fn(*pages[name][0])  # warm caches and lazy imports outside the clock
    while min(spent.values()) < min_seconds / len(fns):
        for name, fn in fns.items():
            start = time.process_time()
            for html, url in pages[name]:
                fn(html, url)
            spent[name] += time.process_time() - start
            done[name] += len(pages[name])
    return {name: done[name] / spent[name] for name in fns}


def _tokens(text: str) -> list[str]:
    return re.findall(r"\w+", text or "")


def _shingles(text: str, n: int = 4) -> Counter:
    toks = _tokens(text)
    return Counter(tuple(toks[i:i + n]) for i in range(max(1, len(toks) - n + 1))) if toks else Counter()


def shingle_scores(predicted: str, truth: str) -> tuple[float, float, float]:
    """Upstream per-page (tp, fp, fn), normalised to sum to 1."""
    pred, true = _shingles(predicted), _shingles(truth)
    tp = sum((pred & true).values())
    fp = sum((pred - true).values())
    fn = sum((true - pred).values())
    total = tp + fp + fn
    if not total:
        return 1.0, 0.0, 0.0
    return tp / total, fp / total, fn / total


def body_f1(results: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    """(precision, recall, F1) as upstream computes them: means over pages, then F1."""
    precisions, recalls = [], []
    for tp, fp, fn in results:
        precisions.append(tp / (tp + fp) if tp + fp else 0.0)
        recalls.append(tp / (tp + fn) if tp + fn else 0.0)
    p = sum(precisions) / len(precisions)
    r = sum(recalls) / len(recalls)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _aeb_scores() -> tuple[tuple, tuple, int] | None:
    if not (AEB / "ground-truth.json").exists():
        return None
    import trafilatura

    from scraper.extract import extract_article

    truth = json.loads((AEB / "ground-truth.json").read_text(encoding="utf-8"))
    ours, theirs = [], []
    for key, item in sorted(truth.items()):
        path = AEB / "html" / f"{key}.html.gz"
        if not path.exists():
            continue
        html = gzip.decompress(path.read_bytes())
        url = item.get("url") or "http://example.com/"
        try:
            body = extract_article(html, url, family="generic").body or ""
        except Exception:  # a crash scores as an empty body, the way upstream scores a failure
            body = ""
        ours.append(shingle_scores(body, item["articleBody"]))
        text = trafilatura.extract(html.decode("utf-8", "replace"), url=url) or ""
        theirs.append(shingle_scores(text, item["articleBody"]))
    return body_f1(ours), body_f1(theirs), len(ours)


def _sample_fields(family: str | None) -> tuple[int, int]:
    """Fields right over every sample article, compared as the golden tests compare them."""
    from scraper.extract import extract_article
    from tests.extract.test_extract_golden import FIELDS, field_problem

    right = total = 0
    for manifest_path in sorted(PORTALS.glob("*/manifest.json")):
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        for expected_path in sorted((manifest_path.parent / "expected").glob("*.json")):
            expected = json.loads(expected_path.read_text(encoding="utf-8"))
            route = manifest["routes"][expected["path"]]
            html = (manifest_path.parent / "pages" / route["file"]).read_bytes()
            record = extract_article(html, "http://127.0.0.1:8000" + expected["path"], family=family,
                                     content_type=route.get("content_type")).to_dict()
            for field in FIELDS:
                total += 1
                right += field_problem(field, expected, record) is None
    return right, total


def _crawl_pages(articles: int = 500, listings: int = 25) -> str:
    """CPU ms a page on the crawl benchmark's own generated pages (phutho-aspnet, seed 20000), the
    family given as the crawl gives it: extract_article is the writer's share, extract_listing the
    crawl process's. lxml's parse alone, of the same pages in the same run, is the floor."""
    import tempfile

    import lxml.etree

    from scraper.extract import extract_article, extract_listing
    from scraper.sample.generate import generate_portal

    with tempfile.TemporaryDirectory(prefix="bench-extract-") as tmp:
        manifest = generate_portal(tmp, articles, layout="phutho-aspnet", per_page=20, seed=20000)
        routes = manifest["routes"]

        def read(kind: str, limit: int) -> list[tuple[bytes, str]]:
            paths = [p for p, r in routes.items() if r.get("file", "").startswith(kind)][:limit]
            return [(Path(tmp, "pages", routes[p]["file"]).read_bytes(), "http://127.0.0.1" + p) for p in paths]

        article_pages, listing_pages = read("article-", articles), read("listing-", listings)
    parser = lxml.etree.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, encoding="utf-8")
    # as the writer calls it: the page's Content-Type, no body HTML (the raw page is kept)
    rates = _rates({"article": lambda h, u: extract_article(h, u, family="phutho-aspnet",
                                                            content_type="text/html; charset=utf-8", with_html=False),
                    "listing": lambda h, u: extract_listing(h, u, family="phutho-aspnet"),
                    "parse": lambda h, u: lxml.etree.fromstring(h, parser)},
                   {"article": article_pages, "listing": listing_pages, "parse": article_pages})
    return "\n".join([
        f"On the crawl benchmark's pages (`generate_portal(..., layout=\"phutho-aspnet\", seed=20000)`: "
        f"{len(article_pages)} article and {len(listing_pages)} listing pages, family given as the crawl gives it; "
        "CPU ms a page, interleaved passes, same run):",
        "",
        "| work | ms a page |",
        "|---|---:|",
        f"| `extract_article` (the writer process's share) | {1000 / rates['article']:.2f} |",
        f"| `extract_listing` (the crawl process's, per listing page) | {1000 / rates['listing']:.2f} |",
        f"| lxml parse of the article page alone (the floor) | {1000 / rates['parse']:.2f} |",
    ])


def _real_vi() -> str:
    page = REAL_VI / "vnexpress-4672302.html"
    if not page.exists():
        return "real-vi page not found (set PORTAL_ARCHIVE_SHARED)."
    from scraper.extract import extract_article

    article = extract_article(page.read_bytes(), REAL_VI_URL, family="generic")
    body = article.body or ""
    first = body.split("\n\n")[0][:90] if body else ""
    return (f"| title | {article.title} |\n| published | {article.published} (labelled 2023-11-02) |\n"
            f"| body | {len(body.split(chr(10) * 2)) if body else 0} paragraphs, {len(body)} chars; starts "
            f"\"{first}…\" |\n| author / category | {article.author} / {article.category} |")


def _web_eval() -> str:
    """eval.py's tables, as it prints them (run from the project root, this checkout imported)."""
    script = WEB_EVAL / "eval.py"
    if not script.exists():
        return "web-eval not found (set PORTAL_ARCHIVE_SHARED): eval.py not run."
    if os.environ.get("BENCH_WEB_EVAL", "1") == "0":
        return "web-eval left out (BENCH_WEB_EVAL=0)."
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    # "." from the project root: the tables name no machine path
    done = subprocess.run([sys.executable, str(script), "--portal-root", "."], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=3600)
    if done.returncode != 0:
        return f"eval.py failed (exit {done.returncode}): {done.stderr.strip().splitlines()[-1:]}"
    tables = [line for line in done.stdout.splitlines() if not line.startswith("  dates:")
              and not line.startswith("  body:") and not line.startswith("per-page")]
    return "\n".join(["Command: `.venv/bin/python ../shared/benchmarks/web-eval/eval.py` (from the project root; "
                      "both halves of the visible set, peers in the same run):", "", "```",
                      "\n".join(tables).strip(), "```"])


def _htmldate_cost() -> str:
    """How often extraction asks htmldate (no visible, machine or address date found), and its cost."""
    labels = WEB_EVAL / "labels.json"
    if not labels.exists():
        return "web-eval not found: htmldate's share not measured."
    import lxml.etree

    import scraper.extract.fields as fields
    from scraper.extract import extract_article

    items = json.loads(labels.read_text(encoding="utf-8"))["dates"]
    pages = [(gzip.decompress((WEB_EVAL / "pages" / f"{i['page']}.html.gz").read_bytes()), i["url"]) for i in items]
    calls: list[float] = []
    original = fields.text_date

    def timed(tree, url):
        start = time.process_time()
        try:
            return original(tree, url)
        finally:
            calls.append(time.process_time() - start)

    # warm: htmldate's first call loads dateparser's locales (seconds, once a process)
    original(lxml.etree.fromstring("<html><body><p>Veröffentlicht am 7. Juni 2020</p></body></html>",
                                   lxml.etree.HTMLParser()), None)
    fields.text_date = timed  # the module-level name choose_published calls
    try:
        start = time.process_time()
        for html, url in pages:
            extract_article(html, url, family="generic", with_html=False)
        total = time.process_time() - start
    finally:
        fields.text_date = original
    ordered = sorted(calls)
    median = 1000 * ordered[len(ordered) // 2] if ordered else 0.0
    return (f"htmldate's share ({len(pages)} web-eval date pages, `--family generic`, one warm process): asked on "
            f"{len(calls)} pages ({len(calls) / len(pages):.0%}: no visible, machine or address date), median "
            f"{median:.1f} ms a call, {1000 * sum(calls) / len(pages):.1f} of {1000 * total / len(pages):.1f} ms a "
            f"page on average. Sample portal pages never ask it (their visible dates are read first).")


def run() -> str:
    import trafilatura

    from scraper.extract import extract_article

    pages = _sample_pages()
    decoded = [(h.decode("utf-8"), u) for h, u in pages]
    rates = _rates({"family": lambda h, u: extract_article(h, u),
                    "generic": lambda h, u: extract_article(h, u, family="generic"),
                    "trafilatura": lambda h, u: trafilatura.extract(h, url=u)},
                   {"family": pages, "generic": pages, "trafilatura": decoded})
    family_rate, generic_rate, traf_rate = rates["family"], rates["generic"], rates["trafilatura"]

    lines = [
        "## Extraction",
        "",
        f"Command: `make bench BENCH=extract`. Speed: {len(pages)} sample article pages "
        "(tests/fixtures/portals), one core (process CPU time), interleaved whole passes (>= 2 s each), same run; "
        "family and generic produce every field including sanitised body_html, trafilatura only the text.",
        "",
        "| extractor | pages/s | vs trafilatura |",
        "|---|---:|---:|",
        f"| family (recognised, `extract_article`) | {family_rate:.0f} | {family_rate / traf_rate:.1f}x |",
        f"| generic (`family='generic'`) | {generic_rate:.0f} | {generic_rate / traf_rate:.1f}x |",
        f"| trafilatura.extract (baseline) | {traf_rate:.0f} | 1.0x |",
        "",
        f"Targets: family >= 5x trafilatura ({'met' if family_rate >= 5 * traf_rate else 'NOT met'}), "
        f"generic >= 2x ({'met' if generic_rate >= 2 * traf_rate else 'NOT met'}).",
        "",
        _crawl_pages(),
    ]
    fam_right, fam_total = _sample_fields(None)
    gen_right, gen_total = _sample_fields("generic")
    lines += [
        "",
        "Fields right on the sample portals (title, published, views, author, category, body, images, "
        "attachments; compared as `tests/extract/test_extract_golden.py` does):",
        "",
        "| extractor | fields right |",
        "|---|---:|",
        f"| family (recognised) | {fam_right}/{fam_total} ({fam_right / fam_total:.0%}) |",
        f"| generic only | {gen_right}/{gen_total} ({gen_right / gen_total:.0%}) |",
    ]
    scores = _aeb_scores()
    if scores:
        (p, r, f), (tp, tr, tf), n = scores
        lines += [
            "",
            f"Body quality of the generic extractor on article-extraction-benchmark ({n} real news pages, "
            "upstream metric: 4-token shingles, per-page normalised, F1 of mean P and R); trafilatura "
            "scored in the same run (published: 0.958).",
            "",
            "| extractor | precision | recall | F1 |",
            "|---|---:|---:|---:|",
            f"| generic | {p:.3f} | {r:.3f} | {f:.3f} |",
            f"| trafilatura.extract (baseline) | {tp:.3f} | {tr:.3f} | {tf:.3f} |",
        ]
    else:
        lines += ["", "article-extraction-benchmark not found: body F1 not measured."]
    lines += ["", "Real Vietnamese page (vnexpress 4672302, generic extractor):", "", "| field | value |",
              "|---|---|", _real_vi()]
    lines += ["", "### Real pages labelled by others (web-eval)", "", _web_eval(), "", _htmldate_cost()]
    return "\n".join(lines)
