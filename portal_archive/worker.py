"""`portal-archive worker --queue redis://HOST:6379/0 --shard-dir DIR`: crawl queued jobs into shards."""
from __future__ import annotations

import os
import socket

import click

from portal_archive.crawl_config import CONFIG_NAME, crawl_settings, set_option

__all__ = ["command", "check_queue", "parse_seconds"]


def check_queue(queue_url: str) -> None:
    """A one-line error for a queue URL that is no Redis or does not answer."""
    if not queue_url.startswith(("redis://", "rediss://", "unix://")):
        raise click.BadParameter(f"{queue_url!r}: give a Redis URL, e.g. redis://127.0.0.1:6379/0",
                                 param_hint="--queue")
    import redis

    try:
        redis.Redis.from_url(queue_url, socket_connect_timeout=5, socket_timeout=5).ping()
    except (redis.exceptions.RedisError, OSError, ValueError) as exc:
        raise click.ClickException(f"the queue at {queue_url} does not answer: {exc}") from None


def parse_seconds(text: str, hint: str) -> float:
    from scraper.crawl_many import parse_duration

    try:
        return parse_duration(text)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint=hint) from None


@click.command("worker")
@click.option("--queue", "queue_url", required=True, metavar="redis://HOST:6379/0",
              help="The Redis that holds the job queue (the one `crawl --all --queue` fills).")
@click.option("--shard-dir", required=True, type=click.Path(file_okay=False),
              help="Where this worker's shards go: DIR/<shard id>/shard.db with its WARC files and media.")
@click.option("--concurrency", type=click.IntRange(min=1), default=1, show_default=True,
              help="Jobs crawled at once (each a host's portals, each in its own process and shard).")
@click.option("--visibility-timeout", default=lambda: os.environ.get("PORTAL_ARCHIVE_VISIBILITY_TIMEOUT", "30m"),
              show_default="30m or $PORTAL_ARCHIVE_VISIBILITY_TIMEOUT", metavar="DURATION",
              help="A job whose worker has been silent this long (killed, its machine lost) goes to another "
                   "worker; a live worker renews its jobs however long they run.")
@click.option("--name", default=None, help="This worker's name [default: portal-archive-PID@HOST].")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help=f"This machine's crawl settings file, over each job's [default: {CONFIG_NAME} in --shard-dir, "
                   "if there].")
@set_option
@click.option("-v", "--verbose", is_flag=True, help="Celery's log at INFO instead of WARNING.")
def command(queue_url: str, shard_dir: str, concurrency: int, visibility_timeout: str, name: str | None,
            config_path: str | None, overrides: tuple[str, ...], verbose: bool) -> None:
    """Take crawl jobs from the queue and crawl each into a shard of its own.

    A job is the portals of one host, with what the main archive already holds of them, so
    the worker never needs the main archive. Each shard (an archive file with its WARC files
    and media, as a local crawl writes them) stays in --shard-dir; the coordinator
    (`crawl --all --queue`) merges it from there, so DIR must be a path the coordinator can
    read (the same machine, or a shared disk mounted at the same path). Stop with Ctrl-C or
    SIGTERM: the job in hand is finished first; a worker killed outright has its job handed
    to another worker after --visibility-timeout.

    The crawl settings the coordinator was given (its --config and -s) come with each job; this
    worker's own --config and -s KEY=VALUE (say, a slower link's concurrency) win over them.

    Example: portal-archive worker --queue redis://archive-host:6379/0 --shard-dir /srv/shards --concurrency 2

    Example: portal-archive worker --queue redis://archive-host:6379/0 --shard-dir /srv/shards -s CONCURRENT_REQUESTS_PER_DOMAIN=2
    """
    from portal_archive.queue import QUEUE_NAME, make_app

    check_queue(queue_url)
    timeout = parse_seconds(visibility_timeout, "--visibility-timeout")
    # found as a crawl finds it beside its archive: here beside the shards
    settings, _ = crawl_settings(os.path.join(shard_dir, "shard.db"), config_path, overrides)
    os.makedirs(shard_dir, exist_ok=True)
    app = make_app(queue_url, visibility_timeout=timeout, shard_dir=shard_dir, settings=settings)
    name = name or f"portal-archive-{os.getpid()}@{socket.gethostname()}"
    app.worker_main(["worker", f"--concurrency={concurrency}", "--pool=prefork", "-n", name, "-Q", QUEUE_NAME,
                     f"--loglevel={'INFO' if verbose else 'WARNING'}", "--without-gossip", "--without-mingle"])
