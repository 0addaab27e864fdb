"""Several machines: the Celery app, its one task (crawl a job's portals into a shard), and the
coordinator behind `crawl --all --queue` (enqueue tonight's jobs, wait, merge shards as they finish).

- A job is the portals of one host (portal_archive.queue.plan_jobs): a host is never in two jobs,
  so politeness toward it stays inside one worker's crawl.
- A worker crawls a job into a shard of its own, `<shard dir>/<shard id>/shard.db` with its WARC
  files and media beside it, through `scraper.crawl_many.crawl_many`, the same call `crawl --all`
  makes. What the main archive already holds travels in the job (each portal's known URLs,
  computed by scraper.incremental as a local crawl would, and its learned site profiles), so a
  worker never opens the main archive.
- The operator's crawl settings travel in the job too (`crawl --all --queue --config FILE -s K=V`,
  resolved on the coordinator, whose files the workers may not have); a worker's own `--config` /
  `-s` (its machine's limits) win over them. The shard's portal-archive.toml keeps them beside
  what they produced.
- Late acknowledgement: a job is acknowledged when it ends; a worker that dies (kill -9, a lost
  machine) leaves it unacknowledged and Redis hands it to another worker after the visibility
  timeout. Celery's Redis transport counts that timeout from the delivery, so a job running longer
  would be handed out a second time while the first still crawls (two crawls of one host): a
  running job's worker keeps its delivery fresh (`_Heartbeat`), so the timeout measures how long a
  worker has been silent, not how long its job runs.
- The coordinator is the only writer of the main archive: it merges each finished shard
  (archive.merge), which is safe to repeat.
"""
from __future__ import annotations

import dataclasses
import json
import os
import socket
import time
import uuid
from collections.abc import Callable
from datetime import datetime, timezone

from scraper.registry.toml_out import toml_key, toml_value

__all__ = ["DEFAULT_VISIBILITY_TIMEOUT", "JOB_TASK", "QUEUE_NAME", "make_app", "plan_jobs", "run_queued", "run_job"]

JOB_TASK = "portal_archive.crawl_job"
QUEUE_NAME = "portal-archive"
# Redis hands a job to another worker once its worker has been silent this long (see _Heartbeat).
DEFAULT_VISIBILITY_TIMEOUT = 30 * 60
# Where the Redis transport keeps unacknowledged messages: named here (they are its documented
# transport options), so the heartbeat and the transport agree on them.
_UNACKED_KEY = "portal-archive.unacked"
_UNACKED_INDEX_KEY = "portal-archive.unacked_index"
# How long after SIGTERM at a portal's time limit its crawl may take to close (as crawl_many's grace).
_STOP_GRACE = 180
_POLL_SECONDS = 0.5


def _now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def make_app(queue_url: str, *, visibility_timeout: float = DEFAULT_VISIBILITY_TIMEOUT, shard_dir: str | None = None,
             settings: dict | None = None):
    """The Celery app on the Redis at `queue_url` (broker and result store), with the job task registered.

    `settings` (a worker's): Scrapy settings of this machine, over those each job carries."""
    from celery import Celery

    app = Celery("portal_archive", broker=queue_url, backend=queue_url, set_as_current=False)
    # A sweep for abandoned jobs every tenth of the timeout (at most a minute): redelivery comes
    # within ~1.1x the timeout instead of the transport's default 100 s sweep.
    restore_every = max(1, min(60, int(visibility_timeout / 10)))
    app.conf.update(
        task_acks_late=True,
        task_reject_on_worker_lost=True,  # a pool process killed mid-job: the job goes back to the queue
        worker_prefetch_multiplier=1,  # a worker takes one job at a time per process: none wait behind a long one
        task_track_started=True,  # the coordinator reports a portal as started, with the worker's name
        task_default_queue=QUEUE_NAME,
        task_serializer="json", result_serializer="json", accept_content=["json"],
        result_expires=7 * 86400,
        broker_connection_retry_on_startup=True,
        broker_transport_options={"visibility_timeout": visibility_timeout, "unacked_restore_interval": restore_every,
                                  "unacked_restore_throttle": 1, "unacked_key": _UNACKED_KEY,
                                  "unacked_index_key": _UNACKED_INDEX_KEY},
        result_backend_transport_options={"visibility_timeout": visibility_timeout},
        worker_hijack_root_logger=False,
        worker_send_task_events=False,
    )
    app.conf.portal_archive_shard_dir = os.path.abspath(shard_dir) if shard_dir else None
    app.conf.portal_archive_visibility_timeout = visibility_timeout
    app.conf.portal_archive_settings = dict(settings or {})
    app.task(name=JOB_TASK, bind=True)(_crawl_job)
    return app


# -- the worker's side ---------------------------------------------------------------------------

class _Heartbeat:
    """While a job runs, keep its unacknowledged delivery's timestamp fresh in Redis.

    The transport's sweep hands out again any delivery older than the visibility timeout; a live
    worker renews its job's every quarter of the timeout, so only a worker that stopped (killed,
    its machine lost) has its job handed to another. The delivery is found by the task id in the
    transport's table of unacknowledged messages (a few rows: one per job in flight)."""

    def __init__(self, broker_url: str, task_id: str, visibility_timeout: float) -> None:
        import threading

        self.broker_url, self.task_id = broker_url, task_id
        self.interval = max(0.5, visibility_timeout / 4)
        self.tag: str | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="job-heartbeat", daemon=True)

    def __enter__(self) -> "_Heartbeat":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(timeout=10)

    def _find_tag(self, client) -> str | None:
        for tag, payload in client.hscan_iter(_UNACKED_KEY):
            try:
                headers = json.loads(payload)[0].get("headers") or {}
            except (ValueError, AttributeError, IndexError):
                continue
            if headers.get("id") == self.task_id:
                return tag.decode() if isinstance(tag, bytes) else tag
        return None

    def _run(self) -> None:
        import redis

        client = redis.Redis.from_url(self.broker_url, socket_timeout=10, socket_connect_timeout=10)
        while not self._stop.wait(self.interval):
            try:
                self.tag = self.tag or self._find_tag(client)
                if self.tag:  # XX: renew only; a delivery already handed out again is not brought back
                    client.zadd(_UNACKED_INDEX_KEY, {self.tag: time.time()}, xx=True)
            except (redis.RedisError, OSError):
                pass  # Redis unreachable for now: the next beat tries again


def _crawl_job(task, job: dict) -> dict:
    with _Heartbeat(task.app.conf.broker_url, task.request.id, task.app.conf.portal_archive_visibility_timeout):
        return run_job(job, task.app.conf.portal_archive_shard_dir or os.path.abspath("shards"),
                       worker=task.request.hostname or socket.gethostname(),
                       settings=task.app.conf.portal_archive_settings)


def _registry_toml(sites: list[dict]) -> str:
    lines = []
    for site in sites:
        lines.append("[[site]]")
        lines += [f"{toml_key(key)} = {toml_value(value)}" for key, value in site.items()]
        lines.append("")
    return "\n".join(lines)


def _settings_toml(settings: dict) -> str:
    """The crawl settings as a portal-archive.toml ([scrapy]: passed on as they are, types kept)."""
    lines = ["# the operator's settings this shard was crawled with (the job's, then the worker's)", "[scrapy]"]
    return "\n".join(lines + [f"{toml_key(k)} = {toml_value(v)}" for k, v in settings.items()]) + "\n"


def run_job(job: dict, shard_dir: str, *, worker: str = "", settings: dict | None = None) -> dict:
    """Crawl a job's portals into a new shard under `shard_dir`; return where it is and what happened.

    The crawl's Scrapy settings: the job's (the coordinator's operator), then `settings` (this worker's)."""
    from portal_archive.crawl_config import CONFIG_NAME
    from portal_archive.merge import SHARD_FILE
    from archive.merge import SHARD_ID_KEY
    from archive.schema import connect
    from archive.store import Archive
    from scraper.crawl_many import crawl_many
    from scraper.incremental import unpack_urls, write_known_file
    from scraper.registry import load_sites

    # an attempt of its own: a job handed out again after a worker died never writes into the dead one's shard
    shard_id = f"{job['id']}-{uuid.uuid4().hex[:8]}"
    folder = os.path.join(shard_dir, shard_id)
    os.makedirs(folder, exist_ok=True)
    db_path = os.path.join(folder, SHARD_FILE)
    registry = os.path.join(folder, "sites.toml")
    with open(registry, "w", encoding="utf-8") as f:
        f.write(_registry_toml(job["sites"]))
    known = os.path.join(folder, "known.txt.gz")
    write_known_file(known, unpack_urls(job["known"]))
    crawl_settings = {**job.get("settings", {}), **(settings or {})}
    if crawl_settings:  # kept beside what they produced; the crawl processes get them as settings
        with open(os.path.join(folder, CONFIG_NAME), "w", encoding="utf-8") as f:
            f.write(_settings_toml(crawl_settings))
    with Archive(db_path) as archive:  # the schema, and the shard's id for the merger's ledger
        # the site profiles the main archive has learned: the crawl extracts with them as a local one would
        for site, profile in job.get("profiles", {}).items():
            archive.save_site_profile(site, profile, pages=0, run_id=None)
        archive.flush()
        archive.conn.execute("INSERT OR REPLACE INTO archive_meta(key, value) VALUES (?, ?)", (SHARD_ID_KEY, shard_id))
        archive.conn.commit()
    started = _now()
    # what the main archive knows reaches every portal's crawl as a Scrapy setting (its pipeline reads it)
    outcomes = crawl_many(load_sites(registry), db_path, jobs=1, full=job.get("full", False),
                          revisit=job.get("revisit", False), log_dir=os.path.join(folder, "logs"),
                          time_limit=job.get("portal_time_limit"),
                          settings={**crawl_settings, "PORTAL_ARCHIVE_KNOWN_FILE": known})
    # one self-contained file (no -wal beside it), ready to be copied to the merger
    conn = connect(db_path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode = DELETE")
    finally:
        conn.close()
    result = {"job": job["id"], "shard_id": shard_id, "shard": os.path.abspath(folder), "worker": worker,
              "started_at": started, "finished_at": _now(), "settings": crawl_settings,
              "outcomes": [dataclasses.asdict(o) for o in outcomes]}
    with open(os.path.join(folder, "shard.json"), "w", encoding="utf-8") as f:
        json.dump(result, f, ensure_ascii=False, indent=2)
    return result


# -- the coordinator's side ----------------------------------------------------------------------

def _netlocs(site) -> set[str]:
    """The hosts a crawl of `site` stays on (as spiders.portal decides from the same entry)."""
    from scraper.extract.canonical import canonical_url, netloc_of

    urls = [u for u in (canonical_url(s) for s in site.start_urls) if u]
    return {netloc_of(u) for u in urls} | {h.lower() for h in site.hosts}


def plan_jobs(sites: list, archive, *, full: bool, revisit: bool, portal_time_limit: float | None,
              settings: dict | None = None) -> list[dict]:
    """One job per host (its portals in registry order), each with its portals' known URLs from `archive`
    and the operator's crawl `settings` (Scrapy names, resolved from --config and -s)."""

    from scraper.crawl_many import host_key
    from scraper.incremental import known_urls_for, pack_urls

    by_host: dict[str, list] = {}
    for site in sites:
        by_host.setdefault(host_key(list(site.start_urls)), []).append(site)
    jobs = []
    for host, group in by_host.items():
        known: set[str] = set()
        profiles: dict[str, str] = {}
        for site in group:
            netlocs = _netlocs(site)
            known |= known_urls_for(archive, netlocs, full=full)
            # profiles are kept per host:port, as the crawl's netlocs (scraper.extract.profile.site_of)
            profiles.update({n: p for n in sorted(netlocs) if (p := archive.site_profile(n))})
        jobs.append({"id": uuid.uuid4().hex[:12], "host": host, "portals": [s.name for s in group],
                     "sites": [{k: v for k, v in dataclasses.asdict(s).items() if v not in ("", (), None)}
                               for s in group],
                     "known": pack_urls(known), "known_count": len(known), "profiles": profiles,
                     "full": full, "revisit": revisit,
                     "portal_time_limit": portal_time_limit, "settings": dict(settings or {})})
    return jobs


@dataclasses.dataclass
class _Portal:
    """One portal's line in the summary table (the fields portal_archive.crawl_many's table reads)."""

    portal: str
    run_id: int | None = None
    health: dict = dataclasses.field(default_factory=dict)
    error: str | None = None
    worker: str = ""
    shard: str = ""


def run_queued(queue_url: str, db_path: str, sites: list, *, full: bool, revisit: bool, portal_time_limit: float,
               job_time_limit: float, media_dir: str, warc_dir: str, progress: Callable[[str], None],
               settings: dict | None = None) -> list[_Portal]:
    """Enqueue a job per host, wait for them, merge each shard as it finishes; one _Portal per site.

    `settings`: the operator's crawl settings, sent with every job."""
    from archive.health import snapshot_run
    from archive.store import Archive

    app = make_app(queue_url)
    with Archive(db_path) as archive:
        jobs = plan_jobs(sites, archive, full=full, revisit=revisit, portal_time_limit=portal_time_limit,
                         settings=settings)
    lines = {s.name: _Portal(portal=s.name) for s in sites}
    pending = {}
    for job in jobs:
        # the hard limit: the portals' own limits (each stopped cleanly) and their grace, within the job's
        limit = min(job_time_limit, len(job["portals"]) * (portal_time_limit + _STOP_GRACE))
        result = app.send_task(JOB_TASK, args=[job], time_limit=limit, queue=QUEUE_NAME)
        pending[result.id] = (job, result)
    progress(f"{len(jobs)} jobs ({len(sites)} portals) queued on {_safe_url(queue_url)}; waiting for workers")
    started: set[str] = set()
    while pending:
        for task_id, (job, result) in list(pending.items()):
            state = result.state
            if state == "STARTED" and task_id not in started:
                started.add(task_id)
                worker = (result.info or {}).get("hostname", "") if isinstance(result.info, dict) else ""
                for name in job["portals"]:
                    lines[name].worker = worker
                    progress(f"{name}: started" + (f" on {worker}" if worker else ""))
            if state not in ("SUCCESS", "FAILURE", "REVOKED"):
                continue
            del pending[task_id]
            if state != "SUCCESS":
                error = f"job failed on the worker: {_one_line(result.info)}"
                for name in job["portals"]:
                    lines[name].error = error
                    lines[name].health = snapshot_run(db_path, name, None, started_at=_now(), finished_at=_now(),
                                                      exit_code=1, error=error)
                    progress(f"{name}: {error}")
                result.forget()
                continue
            done = result.get()
            result.forget()
            _merge_finished(db_path, done, job, lines, media_dir=media_dir, warc_dir=warc_dir, progress=progress)
        if pending:
            time.sleep(_POLL_SECONDS)
    app.close()
    return [lines[s.name] for s in sites]


def _merge_finished(db_path: str, done: dict, job: dict, lines: dict, *, media_dir: str, warc_dir: str,
                    progress: Callable[[str], None]) -> None:
    """Merge a finished job's shard and fill in its portals' lines from the health rows the merge wrote."""
    from portal_archive.merge import SHARD_FILE
    from archive.merge import MergeError, merge_shard

    shard = os.path.join(done["shard"], SHARD_FILE)
    errors = {o["portal"]: o.get("error") for o in done.get("outcomes", [])}
    try:
        merged = merge_shard(db_path, shard, media_dir=media_dir, warc_dir=warc_dir)
    except (MergeError, OSError) as exc:
        for name in job["portals"]:
            lines[name].error = f"shard {done['shard_id']} not merged: {exc}"
            progress(f"{name}: {lines[name].error}")
        return
    snapshots = {row["portal"]: row for row in merged.snapshots}
    for name in job["portals"]:
        line = lines[name]
        line.shard, line.worker = done["shard"], done.get("worker") or line.worker
        line.health = snapshots.get(name, {})
        line.run_id = line.health.get("run_id")
        line.error = errors.get(name) or line.health.get("error")
        progress(f"{name}: " + (line.error or f"done on {line.worker}, shard {done['shard_id']} merged "
                                               f"({merged.new} new, {merged.updated} updated)"))


def _one_line(info) -> str:
    text = f"{type(info).__name__}: {info}" if isinstance(info, BaseException) else str(info)
    return " ".join(text.split())[:300]


def _safe_url(url: str) -> str:
    """The queue URL without a password, for logs."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.password:
        return url.replace(f":{parts.password}@", ":***@")
    return url
