"""Several machines: shards merged into one archive, and crawls spread over real workers through a real Redis.

One module-wide set of three sample portals on 127.0.0.1 and a reference archive crawled by one
machine (`crawl --all`). A shard is what a crawl into an empty archive writes, so the merge tests
make shards with `crawl --site`, and the queue tests with two `portal-archive worker` processes.
"""
from __future__ import annotations

import contextlib
import hashlib
import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from archive.merge import rule_for
from scraper.sample.server import serve_portal
from tests.conftest import PORTALS, ROOT, run_cli
from tests.crawl_support import FAST
from tests.merge_support import differences, holdings
from tests.queue_support import kill_worker, redis_server, start_worker, stop_worker
from tests.archive.test_health_crawl_all import write_registry

SAMPLES = {"yenlap": "phutho-aspnet", "thanhson": "liferay", "tanky": "wordpress"}
# Which images a crawl links to its articles varies from one crawl of the same pages to the next
# (two one-machine crawls differ too), so these are compared with the shards they came from instead.
PRESERVATION = ("captures", "media", "article_media")


@pytest.fixture(scope="module")
def portals(tmp_path_factory):
    """The served sample portals, their registry and a one-machine crawl of them (the reference)."""
    folder = tmp_path_factory.mktemp("portals")
    with contextlib.ExitStack() as stack:
        servers = {name: stack.enter_context(serve_portal(str(PORTALS / family))) for name, family in SAMPLES.items()}
        registry = write_registry(folder / "sites.toml", servers)
        reference = str(folder / "reference.db")
        run_cli("crawl", "--all", "--registry", registry, "--db", reference, "--log-dir", str(folder / "logs"),
                env=FAST)
        yield {"servers": servers, "registry": registry, "reference": reference, "folder": folder}


def _without_preservation(h: dict) -> dict:
    return {k: v for k, v in h.items() if k not in PRESERVATION}


def _sum(shards: list[str], key: str):
    total = None
    for shard in shards:
        part = holdings(shard)[key]
        total = part if total is None else total + part
    return total


def _every_row(db: str) -> str:
    """A hash of every row of every table, ids and times included (merging twice must not change one)."""
    digest = hashlib.sha256()
    conn = sqlite3.connect(db)
    try:
        # virtual tables' rows are in their shadow tables (a contentless FTS5 table cannot be scanned)
        for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE "
                                     "'CREATE VIRTUAL%' ORDER BY name"):
            for row in sorted(repr(r) for r in conn.execute(f"SELECT * FROM {table}")):
                digest.update(f"{table}{row}".encode())
    finally:
        conn.close()
    return digest.hexdigest()


@pytest.fixture(scope="module")
def shards(portals):
    """Two shards: yenlap + thanhson, and tanky, each crawled into an empty archive as a worker does."""
    folder = portals["folder"]
    out = []
    for name, sites in (("a", ("yenlap", "thanhson")), ("b", ("tanky",))):
        db = str(folder / f"shard-{name}" / "shard.db")
        args = [a for site in sites for a in ("--site", site)]
        run_cli("crawl", *args, "--registry", portals["registry"], "--db", db, "--log-dir",
                str(folder / f"logs-{name}"), env=FAST)
        out.append(db)
    return out


# -- the merge ------------------------------------------------------------------------------------

def test_merged_shards_equal_one_machine_and_merging_again_changes_nothing(portals, shards, tmp_path):
    main = str(tmp_path / "archive.db")
    first = run_cli("merge", *shards, "--db", main)
    assert first.stdout.count(" merged: ") == 2, first.stdout
    merged = holdings(main)
    assert merged["articles"] and len(merged["articles"]) == len(holdings(portals["reference"])["articles"])
    assert differences(_without_preservation(holdings(portals["reference"])), _without_preservation(merged)) == []
    for key in PRESERVATION:
        assert merged[key] == _sum(shards, key), key
    # the WARC files and media came along, under the names the captures and media rows give
    conn = sqlite3.connect(main)
    warcs = {r[0] for r in conn.execute("SELECT warc_file FROM captures WHERE warc_file IS NOT NULL")}
    media = [r[0] for r in conn.execute("SELECT sha256 FROM media")]
    conn.close()
    assert warcs and all((tmp_path / "archive.db.warcs" / w).is_file() for w in warcs)
    assert media and all((tmp_path / "archive.db.media" / s[:2] / s).is_file() for s in media)

    before = _every_row(main)
    again = run_cli("merge", shards[0], "--db", main)
    assert "already merged, nothing changed" in again.stdout
    assert _every_row(main) == before


def _merge_then_die(main: str, shard: str, after: int) -> None:
    """A merge that kills itself (SIGKILL, nothing flushed) right after its `after`-th committed transaction."""
    from archive.merge import merge_shard

    calls = []

    def progress(result) -> None:
        calls.append(result)
        if len(calls) == after:
            os.kill(os.getpid(), signal.SIGKILL)

    merge_shard(main, shard, chunk_articles=1, progress=progress)


def test_merge_killed_midway_then_rerun_equals_a_clean_merge(shards, tmp_path):
    clean = str(tmp_path / "clean.db")
    run_cli("merge", shards[0], "--db", clean)
    killed = str(tmp_path / "killed.db")
    child = multiprocessing.get_context("spawn").Process(target=_merge_then_die, args=(killed, shards[0], 4))
    child.start()
    child.join(120)
    assert child.exitcode == -signal.SIGKILL
    conn = sqlite3.connect(killed)
    done, finished = conn.execute("SELECT articles_done, finished_at FROM merged_shards").fetchone()
    conn.close()
    assert done > 0 and finished is None  # killed with some articles in and some not
    rerun = run_cli("merge", shards[0], "--db", killed)
    assert "merged (resumed)" in rerun.stdout
    assert differences(holdings(clean), holdings(killed)) == []


def test_every_table_of_an_archive_has_a_merge_rule(tmp_path):
    """A table added to the schema must be named in archive.merge.TABLE_RULES, or its rows would be left behind."""
    from archive.store import Archive

    db = str(tmp_path / "new.db")
    Archive(db).close()  # every table: the migrations create health's and preservation's too
    conn = sqlite3.connect(db)
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    conn.close()
    assert [t for t in tables if rule_for(t) is None] == []


def test_merge_of_bad_input_is_a_one_line_error(tmp_path):
    not_archive = tmp_path / "notes.db"
    not_archive.write_text("not sqlite at all", encoding="utf-8")
    main = str(tmp_path / "archive.db")
    for shard in (str(not_archive), str(tmp_path / "missing.db")):
        result = run_cli("merge", shard, "--db", main, check=False)
        assert result.returncode == 1
        assert "Traceback" not in result.stderr and result.stderr.strip().count("\n") == 0, result.stderr
    result = run_cli("crawl", "--all", "--queue", "redis://127.0.0.1:1/0", "--db", main, check=False)
    assert result.returncode != 0 and "does not answer" in result.stderr and "Traceback" not in result.stderr


# -- workers through Redis -----------------------------------------------------------------------

def _wait_ready(workers: list[tuple[subprocess.Popen, Path]], timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    for proc, log in workers:
        while "ready." not in (log.read_text(errors="replace") if log.exists() else ""):
            assert proc.poll() is None, log.read_text(errors="replace")[-2000:]
            assert time.monotonic() < deadline, "worker not ready"
            time.sleep(0.2)


@contextlib.contextmanager
def _workers(queue: str, folder: Path, count: int = 2, **options):
    procs = []
    try:
        for n in range(1, count + 1):
            log = folder / f"worker{n}.log"
            procs.append((start_worker(queue, str(folder / f"shards{n}"), name=f"w{n}", env=FAST, log=str(log),
                                       **options), log))
        _wait_ready(procs)
        yield procs
    finally:
        for proc, _log in procs:
            stop_worker(proc)


def _crawl_queued(queue: str, portals: dict, db: str, *extra: str, **popen) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "portal_archive", "crawl", "--all", "--queue", queue, "--registry",
                             portals["registry"], "--db", db, *extra], cwd=ROOT, env={**os.environ, **FAST},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **popen)


def test_two_workers_then_an_incremental_night_equal_one_machine(portals, tmp_path):
    main = str(tmp_path / "archive.db")
    with redis_server() as queue, _workers(queue, tmp_path):
        crawl = _crawl_queued(queue, portals, main)
        out, err = crawl.communicate(timeout=300)
        assert crawl.returncode == 0, out + err
        for name in SAMPLES:
            assert f"{name}: started on w" in err and any(line.startswith(name) and line.rstrip().endswith("ok")
                                                          for line in out.splitlines()), out + err
        assert "on w1@test" in err and "on w2@test" in err  # both workers took jobs
        merged = holdings(main)
        assert differences(_without_preservation(holdings(portals["reference"])), _without_preservation(merged)) == []
        shard_files = sorted(str(p) for p in tmp_path.glob("shards*/*/shard.db"))
        assert len(shard_files) == len(SAMPLES)
        for key in PRESERVATION:
            assert merged[key] == _sum(shard_files, key), key

        # the next night: the jobs carry what the archive holds, so the workers fetch no article again
        second = _crawl_queued(queue, portals, main)
        out, err = second.communicate(timeout=300)
        assert second.returncode == 0, out + err
    conn = sqlite3.connect(main)
    last_runs = [r[0] for r in conn.execute("SELECT id FROM crawl_runs ORDER BY id DESC LIMIT 3")]
    marks = ",".join("?" * len(last_runs))
    assert conn.execute(f"SELECT count(*) FROM fetches WHERE kind = 'article' AND run_id IN ({marks})",
                        last_runs).fetchone()[0] == 0
    new = conn.execute(f"SELECT sum(new), sum(found) FROM portal_runs WHERE run_id IN ({marks})", last_runs).fetchone()
    conn.close()
    assert new[0] == 0 and new[1] >= len(merged["articles"])  # found on the listings, known, not fetched
    assert holdings(main)["articles"] == merged["articles"]


def test_worker_killed_mid_job_job_redelivered_result_equal(portals, tmp_path):
    main = str(tmp_path / "archive.db")
    for server in portals["servers"].values():
        server.delay = 0.5  # jobs long enough to be killed in the middle of
    try:
        with redis_server() as queue, _workers(queue, tmp_path, visibility_timeout="20s") as procs:
            crawl = _crawl_queued(queue, portals, main)
            deadline = time.monotonic() + 120
            victim = None
            while victim is None:
                for n, (proc, _log) in enumerate(procs, start=1):
                    if any(tmp_path.glob(f"shards{n}/*/shard.db")):
                        victim = (n, proc)
                        break
                assert time.monotonic() < deadline and crawl.poll() is None, "no job started"
                time.sleep(0.1)
            time.sleep(1.0)  # its crawl under way
            killed_shards = {p.name for p in tmp_path.glob(f"shards{victim[0]}/*")}
            kill_worker(victim[1])
            out, err = crawl.communicate(timeout=300)
            assert crawl.returncode == 0, out + err
    finally:
        for server in portals["servers"].values():
            server.delay = 0.0
    conn = sqlite3.connect(main)
    merged_ids = {r[0] for r in conn.execute("SELECT shard_id FROM merged_shards WHERE finished_at IS NOT NULL")}
    conn.close()
    assert len(merged_ids) == len(SAMPLES) and not merged_ids & killed_shards  # the dead worker's shard left alone
    killed_jobs = {name.rsplit("-", 1)[0] for name in killed_shards}
    assert killed_jobs & {m.rsplit("-", 1)[0] for m in merged_ids}  # ...and its job done again by the other
    assert differences(_without_preservation(holdings(portals["reference"])), _without_preservation(holdings(main))) == []


def test_queue_commands_have_help_with_examples_and_are_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in ("worker", "merge", "crawl"):
        assert "Example:" in run_cli(command, "--help").stdout
    assert "--queue" in run_cli("crawl", "--help").stdout
    for text in ("portal-archive worker --queue", "portal-archive merge", "crawl --all --queue", "scrapy-redis"):
        assert text in readme, text


def test_known_urls_travel_packed_and_through_a_file(tmp_path):
    from scraper.incremental import pack_urls, read_known_file, unpack_urls, write_known_file

    urls = {f"http://yenlap.phutho.gov.vn/tin-tuc/id/bai-viet-so-{n}" for n in range(2000)}
    urls.add("http://127.0.0.1:8000/tin-tức/hội-nghị-dân-vận")
    packed = pack_urls(urls)
    assert packed.isascii() and len(packed) < 20 * len(urls) and unpack_urls(packed) == urls
    write_known_file(str(tmp_path / "known.txt.gz"), urls)
    assert read_known_file(str(tmp_path / "known.txt.gz")) == urls
    assert read_known_file(None) == set() and unpack_urls(pack_urls(set())) == set()


def test_a_job_longer_than_the_visibility_timeout_is_not_handed_out_twice(portals, tmp_path):
    """Redis counts the timeout from the delivery: without the running worker's renewals the other
    worker would get the job again mid-crawl (two crawls of one host) and crawl it into a second shard."""
    main = str(tmp_path / "archive.db")
    for server in portals["servers"].values():
        server.delay = 0.6
    try:
        with redis_server() as queue, _workers(queue, tmp_path, visibility_timeout="4s"):
            started = time.monotonic()
            crawl = _crawl_queued(queue, portals, main)
            out, err = crawl.communicate(timeout=300)
            took = time.monotonic() - started
            assert crawl.returncode == 0, out + err
    finally:
        for server in portals["servers"].values():
            server.delay = 0.0
    attempts = sorted(p.name.rsplit("-", 1)[0] for p in tmp_path.glob("shards*/*") if p.is_dir())
    assert len(attempts) == len(SAMPLES) == len(set(attempts)), attempts  # one attempt per job
    assert took > 3 * 4  # ...though the night lasted several timeouts


def test_learned_site_profiles_travel_in_the_job_and_come_back_in_the_merge(tmp_path):
    """A crawl extracts with the profile the archive learned for a site: a job carries it to the
    worker's empty shard, and a profile a shard's run learned is kept by the merge."""
    from portal_archive.queue import plan_jobs
    from archive.store import Archive
    from scraper.incremental import unpack_urls
    from scraper.registry import Site
    from scraper.sample.generate import generate_portal

    portal = tmp_path / "portal"
    generate_portal(str(portal), 30, layout="wordpress", seed=5)
    with serve_portal(str(portal)) as server:
        (tmp_path / "shard").mkdir()
        shard = str(tmp_path / "shard" / "shard.db")
        crawled = run_cli("crawl", server.start_urls()[0], "--db", shard, "--no-media", env=FAST, check=False)
        assert crawled.returncode in (0, 4), crawled.stderr  # 4: the portal links a 404 and a 500 on purpose
        conn = sqlite3.connect(shard)
        learned = conn.execute("SELECT site, profile FROM site_profiles WHERE run_id IS NOT NULL").fetchall()
        conn.close()
        assert learned  # 30 article pages: the run learned the site's profile
        main = str(tmp_path / "archive.db")
        run_cli("merge", shard, "--db", main)
        with Archive(main) as archive:
            assert [(site, archive.site_profile(site)) for site, _ in learned] == learned
            site = Site(name="mau", start_urls=tuple(server.start_urls()))
            (job,) = plan_jobs([site], archive, full=False, revisit=False, portal_time_limit=None)
    assert job["profiles"] == dict(learned)
    assert len(unpack_urls(job["known"])) >= 30


def test_the_operators_settings_reach_the_crawls_the_workers_run(portals, tmp_path):
    """--config and -s given to `crawl --all --queue` travel in the jobs (the workers have not the
    coordinator's file); a worker's own -s wins over them, the rest are kept."""
    import json
    import tomllib

    config = tmp_path / "coordinator.toml"
    config.write_text('[crawl]\ncontact = "dieu-phoi@example.org"\nconcurrency = 2\n\n'
                      '[scrapy]\nAUTOTHROTTLE_MAX_DELAY = 13\n', encoding="utf-8")
    main = str(tmp_path / "archive.db")
    with redis_server() as queue, _workers(queue, tmp_path, count=1,
                                           extra=("-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1", "-s", "DOWNLOAD_TIMEOUT=41")):
        crawl = _crawl_queued(queue, portals, main, "--config", str(config), "-s", "RETRY_TIMES=5")
        out, err = crawl.communicate(timeout=300)
        assert crawl.returncode == 0, out + err
    for name, server in portals["servers"].items():  # every portal was asked with the operator's contact
        assert any("dieu-phoi@example.org" in ua for ua in server.user_agents), (name, server.user_agents)
    shards = sorted(tmp_path.glob("shards1/*/shard.db"))
    assert len(shards) == len(SAMPLES)
    for shard in shards:
        conn = sqlite3.connect(shard)
        try:
            runs = [json.loads(r[0]) for r in conn.execute("SELECT settings FROM crawl_runs")]
        finally:
            conn.close()
        assert runs
        for settings in runs:  # as the crawl itself recorded them
            assert "dieu-phoi@example.org" in settings["USER_AGENT"]  # the job's (the coordinator's file)
            assert str(settings["CONCURRENT_REQUESTS_PER_DOMAIN"]) == "1"  # the worker's -s, over the job's 2
        # the crawl read them from the shard's settings file, kept beside what they produced
        with open(shard.parent / "portal-archive.toml", "rb") as f:
            read = tomllib.load(f)["scrapy"]
        assert read["AUTOTHROTTLE_MAX_DELAY"] == 13 and read["RETRY_TIMES"] == "5"  # the job's, types kept
        assert read["CONCURRENT_REQUESTS_PER_DOMAIN"] == "1" and read["DOWNLOAD_TIMEOUT"] == "41"  # the worker's
        assert json.loads((shard.parent / "shard.json").read_text(encoding="utf-8"))["settings"] == read
