"""The archive writer process takes the batches queued behind the one it reads in one pass (one
extraction pass, one commit): what it archives must be exactly what it archives batch by batch,
also when a site's profile is learned from a page of one batch while the later batches' pages were
already extracted without it. A real writer process, a real queue and real SQLite files."""
from __future__ import annotations

import json
import multiprocessing as mp
import os
import sqlite3

from archive.store import Archive
from scraper import writer
from scraper.sample.generate import generate_portal
from scraper.extract.profile import FITS
from scraper.site_profiles import LEARN_PAGES

ARTICLES = 30  # per portal: the profile is learned at the 20th page, in the middle of the run
PER_BATCH = 8  # pages a batch: the 20th page is in the 3rd batch of its portal, the 4th waits behind


def _pages(folder, host: str, run_id: int, layout: str = "phutho-aspnet", seed: int = 0) -> list[tuple]:
    """(fetch record, page, walk step) of each article page of a generated portal, as the crawl sends them."""
    manifest = generate_portal(str(folder), ARTICLES, seed=seed, layout=layout, broken_links=False)
    out = []
    for path, route in manifest["routes"].items():
        if route.get("file", "").startswith("article-"):
            url = f"http://{host}{path}"
            body = (folder / "pages" / route["file"]).read_bytes()
            fetch = {"run_id": run_id, "url": url, "status": 200, "kind": "article",
                     "fetched_at": "2026-12-04T08:00:00+00:00", "elapsed": 0.01}
            page = (run_id, {"url": url}, body, "text/html; charset=utf-8", "2026-12-04T08:00:00+00:00", None)
            out.append((fetch, page, (run_id, run_id, url, [])))
    return out


def _batches(per_portal: list[list[tuple]]) -> list[tuple]:
    """Batches of the portals' pages, interleaved as a crawl process with all of them in flight sends them."""
    batches = []
    for start in range(0, max(map(len, per_portal)), PER_BATCH):
        for pages in per_portal:
            chunk = pages[start:start + PER_BATCH]
            if chunk:
                batches.append(("batch", [f for f, _, _ in chunk], [p for _, p, _ in chunk],
                                [w for _, _, w in chunk]))
    return batches


def _archive(db: str, messages: list[tuple], run_ids: list[int], join_batches: int) -> list[dict]:
    """Everything queued before the writer starts (so it finds the batches waiting), then its summaries."""
    ctx = mp.get_context("spawn")
    inbox, outbox = ctx.Queue(), ctx.Queue()
    for message in messages:
        inbox.put(message)
    for run_id in run_ids:
        inbox.put(("finish", run_id, {"run_id": run_id}, []))
    process = ctx.Process(target=writer._main, args=(db, inbox, outbox, os.getpid(), join_batches), daemon=True)
    process.start()
    summaries = sorted((outbox.get(timeout=120) for _ in run_ids), key=lambda r: r[0])
    inbox.put(("stop",))
    process.join(timeout=60)
    assert process.exitcode == 0
    return [{k: v for k, v in s.items() if k != "writer_peak_mb"} for _, s in summaries]


def _contents(db: str) -> dict:
    conn = sqlite3.connect(db)
    try:
        return {
            "articles": conn.execute("SELECT url, title, body, published, author, views, version, provenance, extra FROM articles "
                                     "ORDER BY url").fetchall(),
            "versions": conn.execute("SELECT a.url, count(*) FROM article_versions v JOIN articles a "
                                     "ON a.id = v.article_id GROUP BY a.url ORDER BY a.url").fetchall(),
            "fetches": conn.execute("SELECT url, status, kind FROM fetches ORDER BY url").fetchall(),
            "profiles": conn.execute("SELECT site, profile FROM site_profiles ORDER BY site").fetchall(),
            "walk": conn.execute("SELECT count(*) FROM crawl_walk").fetchall(),
        }
    finally:
        conn.close()


def _both_ways(tmp_path, hosts: list[str], pages_of) -> tuple[tuple, tuple]:
    """(summaries, contents) of the same batches written one by one and taken together."""
    results = {}
    for join in (1, 8):
        db = str(tmp_path / f"join-{join}.db")
        with Archive(db) as archive:
            run_ids = [archive.start_run({}, [host]) for host in hosts]
        messages = _batches([pages_of(tmp_path / f"pages-{join}", host, run_id) for host, run_id in zip(hosts, run_ids)])
        results[join] = (_archive(db, messages, run_ids, join), _contents(db))
    return results[1], results[8]


def test_batches_taken_together_archive_what_batches_one_by_one_archive(tmp_path):
    hosts = ["127.0.0.1:8101", "127.0.0.1:8102"]
    (one_by_one, alone), (together, joined) = _both_ways(
        tmp_path, hosts, lambda folder, host, run_id: _pages(folder / host.replace(":", "-"), host, run_id,
                                                             seed=int(host[-1])))
    assert [s["new"] for s in together] == [ARTICLES, ARTICLES]
    assert together == one_by_one, "the runs' summaries"
    for table in alone:
        assert joined[table] == alone[table], table
    assert len(joined["profiles"]) == 2, "each portal's profile learned from its first pages"
    # the pages after the learning pages were extracted with the profile (the batch behind the one
    # that learned it had been extracted before: it was extracted again)
    fits = [json.loads(extra or "{}").get("profile_fit") for *_, extra in joined["articles"]]
    assert sum(f is not None for f in fits) == 2 * (ARTICLES - LEARN_PAGES)


def test_a_profile_gone_stale_within_batches_taken_together_is_dropped_as_one_by_one(tmp_path):
    """A redesign: the portal's pages after its first 30 are of another template. The profile learned
    from the first 20 stops fitting; STALE_AFTER pages later it is dropped and learned again, and the
    pages of the batches behind, extracted with the stale profile, are extracted again without it."""
    def redesigned(folder, host, run_id):
        return (_pages(folder / "before", host, run_id) +
                _pages(folder / "after", host, run_id, layout="wordpress", seed=7))

    (one_by_one, alone), (together, joined) = _both_ways(tmp_path, ["127.0.0.1:8103"], redesigned)
    assert together == one_by_one, "the run's summary"
    for table in alone:
        assert joined[table] == alone[table], table
    fits = [json.loads(extra or "{}").get("profile_fit") for *_, extra in joined["articles"]]
    assert any(f is not None and f < FITS for f in fits), "pages of the new template did not fit the old profile"
